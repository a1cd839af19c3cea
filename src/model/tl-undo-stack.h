/* tl-undo-stack.h: the undo/redo history of one document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-model-types.h"

G_BEGIN_DECLS

#define TL_TYPE_UNDO_STACK (tl_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (TlUndoStack, tl_undo_stack, TL, UNDO_STACK, GObject)

TlUndoStack *tl_undo_stack_new            (TlDocument  *document);
TlDocument  *tl_undo_stack_get_document   (TlUndoStack *self);
/* Applies @command and records it (merging with the previous one when
 * both agree); on failure nothing is recorded and the document is as it was. */
gboolean     tl_undo_stack_push           (TlUndoStack *self,
                                           TlCommand   *command,
                                           GError     **error);
gboolean     tl_undo_stack_undo           (TlUndoStack *self);
gboolean     tl_undo_stack_redo           (TlUndoStack *self);
gboolean     tl_undo_stack_get_can_undo   (TlUndoStack *self);
gboolean     tl_undo_stack_get_can_redo   (TlUndoStack *self);
/* Labels of the next undo/redo step, or NULL */
const char  *tl_undo_stack_get_undo_label (TlUndoStack *self);
const char  *tl_undo_stack_get_redo_label (TlUndoStack *self);
/* Marks the current state as saved; "modified" becomes FALSE. */
void         tl_undo_stack_mark_saved     (TlUndoStack *self);
/* Marks the document as having changes the saved file lacks, with no step
 * that leads back (a recovered working copy). */
void         tl_undo_stack_mark_unsaved   (TlUndoStack *self);
gboolean     tl_undo_stack_get_modified   (TlUndoStack *self);
/* Forgets the history; the modified state is kept. */
void         tl_undo_stack_clear          (TlUndoStack *self);

G_END_DECLS
