/* tl-feedback-list-model.h: a document's feedback as a GListModel, paged
 * in from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tl-store.h"

G_BEGIN_DECLS

#define TL_TYPE_FEEDBACK_LIST_MODEL (tl_feedback_list_model_get_type ())
G_DECLARE_FINAL_TYPE (TlFeedbackListModel, tl_feedback_list_model, TL, FEEDBACK_LIST_MODEL, GObject)

/* A GListModel of TlFeedbackItem in the store's list order (newest date
 * first).  Only the ids are held; items are fetched a page at a time and
 * a bounded number of pages is cached, so a million rows stay cheap.
 * The model does not watch the store: call reload() after feedback was
 * added or removed. */
TlFeedbackListModel *tl_feedback_list_model_new       (TlStore             *store);
TlStore             *tl_feedback_list_model_get_store (TlFeedbackListModel *self);
void                 tl_feedback_list_model_set_store (TlFeedbackListModel *self,
                                                       TlStore             *store);
/* Reads the id list again and drops every cached page. */
void                 tl_feedback_list_model_reload    (TlFeedbackListModel *self);

G_END_DECLS
