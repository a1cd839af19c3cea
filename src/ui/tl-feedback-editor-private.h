/* tl-feedback-editor-private.h: internals of TlFeedbackEditor for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-feedback-editor.h"

G_BEGIN_DECLS

/* "text", "date", "source", "stage", "rating", "respondent", "tags",
 * "phase", "links", "images" */
GtkWidget *_tl_feedback_editor_get_widget (TlFeedbackEditor *self,
                                           const char       *name);
/* What leaving the text view, or an entry row ("date", "source",
 * "respondent", "tags"), does */
void       _tl_feedback_editor_save_text  (TlFeedbackEditor *self);
void       _tl_feedback_editor_save_entry (TlFeedbackEditor *self,
                                           const char       *name);
/* What a drop on the editor does (a GdkFileList or a GdkTexture) */
gboolean   _tl_feedback_editor_drop       (TlFeedbackEditor *self,
                                           const GValue     *value);

G_END_DECLS
