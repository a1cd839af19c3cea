/* tl-feedback-view.h: the Feedback page, a table of a document's feedback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tl-store.h"

G_BEGIN_DECLS

#define TL_TYPE_FEEDBACK_VIEW (tl_feedback_view_get_type ())
G_DECLARE_FINAL_TYPE (TlFeedbackView, tl_feedback_view, TL, FEEDBACK_VIEW, GtkWidget)

GtkWidget *tl_feedback_view_new       (void);
TlStore   *tl_feedback_view_get_store (TlFeedbackView *self);
/* Shows the feedback of @store (NULL shows the empty page). */
void       tl_feedback_view_set_store (TlFeedbackView *self,
                                       TlStore        *store);
/* Reads the list again, after feedback was added or removed. */
void       tl_feedback_view_reload    (TlFeedbackView *self);

G_END_DECLS
