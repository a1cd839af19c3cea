/* tl-feedback-list-model-private.h: internals of TlFeedbackListModel for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-feedback-list-model.h"

G_BEGIN_DECLS

/* Items fetched by one query */
#define TL_FEEDBACK_LIST_PAGE_SIZE 128
/* Pages kept at most (least recently used ones are dropped first) */
#define TL_FEEDBACK_LIST_MAX_PAGES 16

/* How many page queries ran since the model was created. */
guint _tl_feedback_list_model_get_n_fetches     (TlFeedbackListModel *self);
/* How many pages are cached now. */
guint _tl_feedback_list_model_get_n_cached_pages (TlFeedbackListModel *self);

G_END_DECLS
