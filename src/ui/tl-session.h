/* tl-session.h: one open document and its view state
 *
 * A session ties a working copy (the document and its file) to an undo
 * stack and to view state that never goes into the file: the selection,
 * the current page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tl-model.h"
#include "tl-store.h"
#include "tl-working-copy.h"

G_BEGIN_DECLS

#define TL_TYPE_SESSION (tl_session_get_type ())
G_DECLARE_FINAL_TYPE (TlSession, tl_session, TL, SESSION, GObject)

TlSession     *tl_session_new             (TlWorkingCopy *working_copy);
TlWorkingCopy *tl_session_get_working_copy (TlSession    *self);
TlDocument    *tl_session_get_document    (TlSession     *self);
TlStore       *tl_session_get_store       (TlSession     *self);
TlUndoStack   *tl_session_get_undo_stack  (TlSession     *self);
/* The user's file, or NULL while untitled */
GFile         *tl_session_get_file        (TlSession     *self);
gboolean       tl_session_get_modified    (TlSession     *self);
/* "Untitled" or the file's display name, for window titles */
char          *tl_session_dup_display_name (TlSession    *self);

/* Pushes @command; shows nothing: the caller reports @error. */
gboolean       tl_session_run             (TlSession     *self,
                                           TlCommand     *command,
                                           GError       **error);
/* Convenience: a set-property command on @target. */
gboolean       tl_session_set             (TlSession     *self,
                                           gpointer       target,
                                           const char    *property,
                                           const GValue  *value,
                                           gboolean       mergeable,
                                           GError       **error);

/* Moves loop @loop_id @delta places towards the end of the list (up when
 * negative), as one undoable step; FALSE with @error set when it cannot
 * go that way (first or last already) or there is no such loop. */
gboolean       tl_session_move_loop       (TlSession     *self,
                                           const char    *loop_id,
                                           int            delta,
                                           GError       **error);

/* Selection: kind "station", "loop", "cell" or NULL; id as in the document. */
void           tl_session_select          (TlSession     *self,
                                           const char    *kind,
                                           const char    *id);
const char    *tl_session_get_selected_kind (TlSession   *self);
const char    *tl_session_get_selected_id (TlSession     *self);
/* The selected station, loop or cell, or NULL */
GObject       *tl_session_get_selected_object (TlSession *self);

/* Several stations selected together (Shift/Ctrl-click), view state.
 * The primary selection (selected-kind "station", selected-id) is one of
 * them; tl_session_select() resets the set to the one it selects.
 * select_stations selects @ids with @primary (or the first) as primary;
 * toggle_station adds @station_id (making it primary) or takes it away.
 * dup_selected_stations gives the ids (free with g_ptr_array_unref) of the
 * selected stations that still exist, in the order they were selected. */
void           tl_session_select_stations (TlSession     *self,
                                           const char * const *ids,
                                           const char    *primary);
void           tl_session_toggle_station  (TlSession     *self,
                                           const char    *station_id);
GPtrArray     *tl_session_dup_selected_stations (TlSession *self);
gboolean       tl_session_is_station_selected (TlSession *self,
                                           const char    *station_id);

/* The loop the diagram draws strongly (the others dimmed), NULL for none.
 * View state: it never goes into the file.  Selecting a loop focuses it;
 * removing the focused loop clears it. */
const char    *tl_session_get_focus_loop  (TlSession     *self);
void           tl_session_set_focus_loop  (TlSession     *self,
                                           const char    *loop_id);

/* The zoom of a canvas page ("diagram", "matrix"), view state kept per
 * document: @zoom 0 fits the page to the view (the default); otherwise it
 * scales the painter's natural size, and (@center_x, @center_y), in the
 * painter's natural units, sits at the centre of the view. */
void           tl_session_get_canvas_zoom (TlSession     *self,
                                           const char    *page,
                                           double        *zoom,
                                           double        *center_x,
                                           double        *center_y);
void           tl_session_set_canvas_zoom (TlSession     *self,
                                           const char    *page,
                                           double         zoom,
                                           double         center_x,
                                           double         center_y);

/* Loops hidden from the diagram: view state, never in the file.  The ids
 * stay hidden while their loops come and go (an undo brings a loop back
 * as it was seen).  get_hidden_loops gives a NULL-terminated list owned
 * by the session; "hidden-loops" notifies on a real change. */
gboolean       tl_session_get_loop_visible (TlSession    *self,
                                           const char    *loop_id);
void           tl_session_set_loop_visible (TlSession    *self,
                                           const char    *loop_id,
                                           gboolean       visible);
const char * const *tl_session_get_hidden_loops (TlSession *self);

/* The painter theme the canvases show this document in: "system" (the
 * default: light or dark as the desktop is) or a tl_theme_names() name.
 * View state, kept per document. */
const char    *tl_session_get_theme_name  (TlSession     *self);
void           tl_session_set_theme_name  (TlSession     *self,
                                           const char    *name);

/* View state kept across runs for a document with a file: the zoom and
 * position of each page, the theme and the hidden loops, in a key file
 * in the user's state directory (touchloop/views.ini) under a hash of
 * the file's URI, never in the document.  The session loads it when
 * created for a file and saves it when closed or saved under a new name;
 * save_view_state does it now.  FALSE (nothing written) while untitled. */
gboolean       tl_session_save_view_state (TlSession     *self,
                                           GError       **error);
/* The key file, for tests: $XDG_STATE_HOME/touchloop/views.ini */
char          *tl_session_dup_view_state_path (void);

/* A view follows a session by two handlers: @document_changed for the
 * document's ::changed and @selection_changed for notify::selected-id,
 * both called with @owner as their last argument and disconnected when
 * @owner goes away or tl_session_disconnect() is called. */
void           tl_session_connect         (TlSession     *self,
                                           gpointer       owner,
                                           GCallback      document_changed,
                                           GCallback      selection_changed);
void           tl_session_disconnect      (TlSession     *self,
                                           gpointer       owner);
/* Moves @owner's handlers from the session in *@slot to @session and
 * stores @session there; FALSE (nothing done) when it is already there. */
gboolean       tl_session_follow          (TlSession    **slot,
                                           TlSession     *session,
                                           gpointer       owner,
                                           GCallback      document_changed,
                                           GCallback      selection_changed);

void           tl_session_save_async      (TlSession     *self,
                                           GFile         *dest,
                                           gboolean       overwrite,
                                           GCancellable  *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer       user_data);
gboolean       tl_session_save_finish     (TlSession     *self,
                                           GAsyncResult  *result,
                                           GError       **error);

/* Closes the working copy (deleting it); the session is unusable after. */
void           tl_session_close           (TlSession     *self);

G_END_DECLS
