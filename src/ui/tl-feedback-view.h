/* tl-feedback-view.h: the Feedback page, a table of a document's feedback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tl-session.h"
#include "tl-store.h"

G_BEGIN_DECLS

#define TL_TYPE_FEEDBACK_VIEW (tl_feedback_view_get_type ())
G_DECLARE_FINAL_TYPE (TlFeedbackView, tl_feedback_view, TL, FEEDBACK_VIEW, GtkWidget)

GtkWidget *tl_feedback_view_new       (void);
TlStore   *tl_feedback_view_get_store (TlFeedbackView *self);
/* Shows the feedback of @store, read-only (NULL shows the empty page). */
void       tl_feedback_view_set_store (TlFeedbackView *self,
                                       TlStore        *store);
/* Shows the feedback of the session's store, editable: every change is a
 * command on the session's undo stack; quick-add links to the session's
 * selection.  Sets the store too. */
TlSession *tl_feedback_view_get_session (TlFeedbackView *self);
void       tl_feedback_view_set_session (TlFeedbackView *self,
                                         TlSession      *session);
/* Reads the list again, after feedback was added or removed.  (The view
 * follows the store's ::feedback-changed by itself.) */
void       tl_feedback_view_reload    (TlFeedbackView *self);

/* The search field's text */
void       tl_feedback_view_set_search (TlFeedbackView *self,
                                        const char     *text);
/* Lists only the feedback linked to @kind/@id (what counts towards its
 * evidence), the other filters cleared. */
void       tl_feedback_view_show_linked_to (TlFeedbackView *self,
                                            const char     *kind,
                                            const char     *id);
/* The ids of the selected rows, in list order (free with g_array_unref) */
GArray    *tl_feedback_view_dup_selected_ids (TlFeedbackView *self);
/* Opens "Link to…" for the selected rows; FALSE when none is selected. */
gboolean   tl_feedback_view_link_selected (TlFeedbackView *self);
/* Deletes the selected rows (undoable); FALSE when none is selected. */
gboolean   tl_feedback_view_delete_selected (TlFeedbackView *self);
/* What Ctrl+V does on the page: an image from the clipboard goes to the
 * selected item; tab-separated cells start an import (::import-text). */
void       tl_feedback_view_paste     (TlFeedbackView *self);

/* ::import-text (const char *text): spreadsheet cells were pasted; the
 * window imports them. */

G_END_DECLS
