/* tl-feedback-view-private.h: internals of TlFeedbackView for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-feedback-list-model.h"
#include "tl-feedback-view.h"

G_BEGIN_DECLS

/* The text a cell of the table shows as its tooltip now, or NULL. */
char                  *_tl_feedback_view_dup_cell_tooltip (GtkWidget      *cell);
/* What Enter in the quick-add field does with @text */
gboolean               _tl_feedback_view_quick_add        (TlFeedbackView *self,
                                                           const char     *text,
                                                           GError        **error);
TlFeedbackListModel   *_tl_feedback_view_get_model        (TlFeedbackView *self);
GtkSelectionModel     *_tl_feedback_view_get_selection    (TlFeedbackView *self);
/* "quick-add", "search", "column-view", "editor", "filter-button", "count" */
GtkWidget             *_tl_feedback_view_get_widget       (TlFeedbackView *self,
                                                           const char     *name);
/* As a click on a column's header does: "text", "source", "date",
 * "stage", "rating", or NULL for the list order */
void                   _tl_feedback_view_sort_by          (TlFeedbackView *self,
                                                           const char     *column,
                                                           gboolean        descending);
const TlFeedbackQuery *_tl_feedback_view_get_query        (TlFeedbackView *self);
/* While an import runs the store is in its transaction: the page shows
 * that it is busy and reads nothing; when it ends the list is read again. */
void                   _tl_feedback_view_set_busy         (TlFeedbackView *self,
                                                           gboolean        busy);

G_END_DECLS
