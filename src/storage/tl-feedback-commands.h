/* tl-feedback-commands.h: undoable changes to feedback
 *
 * Feedback lives in the file, not in TlDocument (there may be millions),
 * so these commands hold the TlStore they change; push them on the
 * document's TlUndoStack like any other command.  Each applies, reverts
 * and applies again to the same state, ids included (ids are never
 * reused), and keeps the evidence aggregates current as the store does.
 * A command fails to apply (nothing changed) when the store is read-only
 * or belongs to another document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-model.h"
#include "tl-store.h"

G_BEGIN_DECLS

#define TL_TYPE_ADD_FEEDBACK_COMMAND (tl_add_feedback_command_get_type ())
G_DECLARE_FINAL_TYPE (TlAddFeedbackCommand, tl_add_feedback_command, TL, ADD_FEEDBACK_COMMAND, TlCommand)

/* Adds @items (with their links) as items added by hand: no duplicate
 * check.  The items get their ids on the first apply. */
TlCommand          *tl_add_feedback_command_new         (TlStore               *store,
                                                         TlFeedbackItem * const *items,
                                                         guint                  n_items);
/* Makes an import that has already been committed (tl_store_begin(),
 * tl_store_add_feedback_full() …, tl_store_commit()) one undoable step:
 * the first apply does nothing, revert deletes the items @ids (setting
 * them aside), apply puts them back with their links and images.  Holds
 * only the ids, however many items were imported. */
TlCommand          *tl_add_feedback_command_new_imported (TlStore              *store,
                                                         const gint64          *ids,
                                                         guint                  n_ids);
/* The ids of the items added (after the first apply) */
const gint64       *tl_add_feedback_command_get_ids     (TlAddFeedbackCommand  *self,
                                                         guint                 *n_ids);

#define TL_TYPE_EDIT_FEEDBACK_COMMAND (tl_edit_feedback_command_get_type ())
G_DECLARE_FINAL_TYPE (TlEditFeedbackCommand, tl_edit_feedback_command, TL, EDIT_FEEDBACK_COMMAND, TlCommand)

/* Sets the @fields of the item with @values' id to @values' (see
 * tl_store_update_feedback()).  Successive edits of the same item and
 * fields, both @mergeable, merge into one undo step (typing). */
TlCommand          *tl_edit_feedback_command_new        (TlStore               *store,
                                                         TlFeedbackItem        *values,
                                                         TlFeedbackFields       fields,
                                                         gboolean               mergeable);

#define TL_TYPE_DELETE_FEEDBACK_COMMAND (tl_delete_feedback_command_get_type ())
G_DECLARE_FINAL_TYPE (TlDeleteFeedbackCommand, tl_delete_feedback_command, TL, DELETE_FEEDBACK_COMMAND, TlCommand)

/* Deletes items @ids; revert puts them back as they were, with their
 * links and images and ids. */
TlCommand          *tl_delete_feedback_command_new      (TlStore               *store,
                                                         const gint64          *ids,
                                                         guint                  n_ids);

#define TL_TYPE_LINK_FEEDBACK_COMMAND (tl_link_feedback_command_get_type ())
G_DECLARE_FINAL_TYPE (TlLinkFeedbackCommand, tl_link_feedback_command, TL, LINK_FEEDBACK_COMMAND, TlCommand)

/* Links items @ids to @target ("station:ID", "loop:ID", "cell:L/T"), or
 * with @unlink takes their links to it away.  Revert undoes exactly the
 * links that changed (an item linked already stays linked). */
TlCommand          *tl_link_feedback_command_new        (TlStore               *store,
                                                         const gint64          *ids,
                                                         guint                  n_ids,
                                                         const char            *target,
                                                         gboolean               unlink);

#define TL_TYPE_IMAGE_COMMAND (tl_image_command_get_type ())
G_DECLARE_FINAL_TYPE (TlImageCommand, tl_image_command, TL, IMAGE_COMMAND, TlCommand)

/* Attaches the PNG or JPEG @data to item @feedback_id. */
TlCommand          *tl_add_image_command_new            (TlStore               *store,
                                                         gint64                 feedback_id,
                                                         GBytes                *data);
/* Removes image @image_id (kept by the command for an undo). */
TlCommand          *tl_remove_image_command_new         (TlStore               *store,
                                                         gint64                 image_id);
/* The image added or removed (after the first apply) */
gint64              tl_image_command_get_image_id       (TlImageCommand        *self);

G_END_DECLS
