/* tl-feedback-editor.h: edits one feedback item: its fields, links and
 * images
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tl-session.h"

G_BEGIN_DECLS

#define TL_TYPE_FEEDBACK_EDITOR (tl_feedback_editor_get_type ())
G_DECLARE_FINAL_TYPE (TlFeedbackEditor, tl_feedback_editor, TL, FEEDBACK_EDITOR, GtkWidget)

/* Every change (a field left or confirmed with Enter, a link removed, an
 * image added or removed, the item deleted) is one command on the
 * session's undo stack.  ::link-requested asks for "Link To…". */
GtkWidget      *tl_feedback_editor_new         (void);
void            tl_feedback_editor_set_session (TlFeedbackEditor *self,
                                                TlSession        *session);
/* Edits the stored item of @item's id (NULL: none).  A field being
 * edited is saved first. */
void            tl_feedback_editor_set_item    (TlFeedbackEditor *self,
                                                TlFeedbackItem   *item);
gint64          tl_feedback_editor_get_item_id (TlFeedbackEditor *self);
/* Reads the item again from the store (after an undo, say). */
void            tl_feedback_editor_refresh     (TlFeedbackEditor *self);
/* Attaches the image in @file (PNG or JPEG) */
void            tl_feedback_editor_add_image_file (TlFeedbackEditor *self,
                                                   GFile            *file);

G_END_DECLS
