/* tl-feedback-list-model.h: a document's feedback as a GListModel, paged
 * in from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tl-feedback-data.h"
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
/* Reads the id list again and drops every cached page.  Emits one
 * ::items-changed for the range that differs (rows before and after it
 * keep their positions, and so their selection and scroll position). */
void                 tl_feedback_list_model_reload    (TlFeedbackListModel *self);

/* What the model lists: a search, filters and an order, run by the
 * store (never sorted or filtered in memory here).  NULL lists
 * everything in list order.  When it differs, the query runs in a worker
 * thread ("loading" is TRUE meanwhile, the old rows stay) and the rows
 * change when it is done; a newer query cancels an older one. */
void                 tl_feedback_list_model_set_query (TlFeedbackListModel   *self,
                                                       const TlFeedbackQuery *query);
const TlFeedbackQuery *tl_feedback_list_model_get_query (TlFeedbackListModel *self);
gboolean             tl_feedback_list_model_get_loading (TlFeedbackListModel *self);
/* Runs the query again in a worker thread, as set_query() does (after
 * feedback changed: a million ids are not read in the window's thread). */
void                 tl_feedback_list_model_requery   (TlFeedbackListModel *self);

/* The id at @position without reading the item; -1 past the end */
gint64               tl_feedback_list_model_get_id    (TlFeedbackListModel *self,
                                                       guint                position);
/* The position of @id, or -1 when the list does not hold it */
int                  tl_feedback_list_model_find      (TlFeedbackListModel *self,
                                                       gint64               id);
/* Reads the items of @ids again into the objects already handed out (so
 * bound rows show the change when they are bound again), without
 * changing positions. */
void                 tl_feedback_list_model_refresh_items (TlFeedbackListModel *self,
                                                           const gint64        *ids,
                                                           guint                n_ids);

G_END_DECLS
