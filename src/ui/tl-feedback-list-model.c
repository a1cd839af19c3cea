/* tl-feedback-list-model.c: a document's feedback as a GListModel, paged
 * in from the store
 *
 * A document may hold a million feedback items, far too many to turn into
 * objects at once.  The model keeps only the ids in list order (8 bytes a
 * row) and fetches the items around a requested position a page at a time,
 * with one query per page.  A small LRU cache of pages keeps scrolling back
 * and forth cheap and makes get_item() return the same object for the same
 * position as long as its page is cached, so GTK's row widgets are not
 * rebound needlessly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-feedback-list-model.h"
#include "tl-feedback-util.h"
#include "tl-feedback-list-model-private.h"

typedef struct
{
  guint      index;   /* page number: positions index * PAGE_SIZE … */
  GPtrArray *items;   /* one TlFeedbackItem per position of the page */
} Page;

struct _TlFeedbackListModel
{
  GObject   parent_instance;

  TlStore  *store;
  TlFeedbackQuery *query;
  GCancellable *cancellable;   /* of the query running in a thread */
  GArray   *ids;             /* gint64, in list order */
  GQueue    pages;           /* Page *, most recently used first */

  guint     n_fetches;
  gboolean  fetch_warned;    /* one warning per reload, not one per page */
};

static void tl_feedback_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TlFeedbackListModel, tl_feedback_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      tl_feedback_list_model_list_model_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_N_ITEMS,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->items);
  g_free (page);
}

static void
clear_pages (TlFeedbackListModel *self)
{
  g_queue_clear_full (&self->pages, page_free);
}

/* Pairs the fetched items with the ids of the page.  The store skips ids
 * that no longer exist (deleted since the id list was read); their
 * positions get an empty placeholder so the model keeps its length until
 * the next reload. */
static GPtrArray *
align_items (const gint64 *ids,
             guint         n_ids,
             GPtrArray    *fetched)
{
  GPtrArray *items = g_ptr_array_new_full (n_ids, g_object_unref);
  guint j = 0;

  for (guint i = 0; i < n_ids; i++)
    {
      TlFeedbackItem *item = NULL;

      if (fetched != NULL && j < fetched->len &&
          tl_feedback_item_get_id (g_ptr_array_index (fetched, j)) == ids[i])
        item = g_object_ref (g_ptr_array_index (fetched, j++));
      else
        item = tl_feedback_item_new (ids[i]);

      g_ptr_array_add (items, item);
    }

  return items;
}

static Page *
fetch_page (TlFeedbackListModel *self,
            guint                index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fetched = NULL;
  const gint64 *ids;
  guint start = index * TL_FEEDBACK_LIST_PAGE_SIZE;
  guint n;
  Page *page;

  g_assert (start < self->ids->len);
  g_assert (self->store != NULL);

  n = MIN (TL_FEEDBACK_LIST_PAGE_SIZE, self->ids->len - start);
  ids = &g_array_index (self->ids, gint64, start);

  self->n_fetches++;
  fetched = tl_store_fetch_feedback (self->store, ids, n, &error);
  if (fetched == NULL && !self->fetch_warned)
    {
      g_warning ("Cannot read feedback items %u–%u: %s", start, start + n - 1,
                 error != NULL ? error->message : "unknown error");
      self->fetch_warned = TRUE;
    }

  page = g_new0 (Page, 1);
  page->index = index;
  page->items = align_items (ids, n, fetched);

  return page;
}

static Page *
lookup_page (TlFeedbackListModel *self,
             guint                index)
{
  Page *page;

  for (GList *l = self->pages.head; l != NULL; l = l->next)
    {
      page = l->data;
      if (page->index == index)
        {
          if (l != self->pages.head)
            {
              g_queue_unlink (&self->pages, l);
              g_queue_push_head_link (&self->pages, l);
            }
          return page;
        }
    }

  page = fetch_page (self, index);
  g_queue_push_head (&self->pages, page);
  while (self->pages.length > TL_FEEDBACK_LIST_MAX_PAGES)
    page_free (g_queue_pop_tail (&self->pages));

  return page;
}

static GType
tl_feedback_list_model_get_item_type (GListModel *model)
{
  return TL_TYPE_FEEDBACK_ITEM;
}

static guint
tl_feedback_list_model_get_n_items (GListModel *model)
{
  TlFeedbackListModel *self = TL_FEEDBACK_LIST_MODEL (model);

  return self->ids->len;
}

static gpointer
tl_feedback_list_model_get_item (GListModel *model,
                                 guint       position)
{
  TlFeedbackListModel *self = TL_FEEDBACK_LIST_MODEL (model);
  Page *page;

  if (position >= self->ids->len)
    return NULL;

  page = lookup_page (self, position / TL_FEEDBACK_LIST_PAGE_SIZE);

  return g_object_ref (g_ptr_array_index (page->items, position % TL_FEEDBACK_LIST_PAGE_SIZE));
}

static void
tl_feedback_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = tl_feedback_list_model_get_item_type;
  iface->get_n_items = tl_feedback_list_model_get_n_items;
  iface->get_item = tl_feedback_list_model_get_item;
}

static void
tl_feedback_list_model_dispose (GObject *object)
{
  TlFeedbackListModel *self = TL_FEEDBACK_LIST_MODEL (object);

  clear_pages (self);
  g_clear_object (&self->store);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->query, tl_feedback_query_free);

  G_OBJECT_CLASS (tl_feedback_list_model_parent_class)->dispose (object);
}

static void
tl_feedback_list_model_finalize (GObject *object)
{
  TlFeedbackListModel *self = TL_FEEDBACK_LIST_MODEL (object);

  g_clear_pointer (&self->ids, g_array_unref);

  G_OBJECT_CLASS (tl_feedback_list_model_parent_class)->finalize (object);
}

static void
tl_feedback_list_model_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TlFeedbackListModel *self = TL_FEEDBACK_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_feedback_list_model_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TlFeedbackListModel *self = TL_FEEDBACK_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tl_feedback_list_model_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_feedback_list_model_class_init (TlFeedbackListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tl_feedback_list_model_dispose;
  object_class->finalize = tl_feedback_list_model_finalize;
  object_class->get_property = tl_feedback_list_model_get_property;
  object_class->set_property = tl_feedback_list_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tl_feedback_list_model_init (TlFeedbackListModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_queue_init (&self->pages);
  self->query = tl_feedback_query_new ();
}

TlFeedbackListModel *
tl_feedback_list_model_new (TlStore *store)
{
  g_return_val_if_fail (store == NULL || TL_IS_STORE (store), NULL);

  return g_object_new (TL_TYPE_FEEDBACK_LIST_MODEL,
                       "store", store,
                       NULL);
}

TlStore *
tl_feedback_list_model_get_store (TlFeedbackListModel *self)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_LIST_MODEL (self), NULL);

  return self->store;
}

void
tl_feedback_list_model_set_store (TlFeedbackListModel *self,
                                  TlStore             *store)
{
  g_return_if_fail (TL_IS_FEEDBACK_LIST_MODEL (self));
  g_return_if_fail (store == NULL || TL_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  tl_feedback_list_model_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* Puts @ids in place of the list: one ::items-changed for the range
 * that differs, so that rows before and after it (an added item at the
 * top, a deleted one in the middle) keep their positions. */
static void
replace_ids (TlFeedbackListModel *self,
             GArray              *ids)
{
  g_autoptr(GArray) old_ids = NULL;
  guint old_n, new_n, prefix = 0, suffix = 0;

  clear_pages (self);
  self->fetch_warned = FALSE;

  old_ids = self->ids;
  self->ids = g_array_ref (ids);
  old_n = old_ids->len;
  new_n = self->ids->len;

  while (prefix < old_n && prefix < new_n &&
         g_array_index (old_ids, gint64, prefix) == g_array_index (self->ids, gint64, prefix))
    prefix++;
  while (suffix < old_n - prefix && suffix < new_n - prefix &&
         g_array_index (old_ids, gint64, old_n - 1 - suffix) == g_array_index (self->ids, gint64, new_n - 1 - suffix))
    suffix++;

  if (old_n - prefix - suffix > 0 || new_n - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_n - prefix - suffix, new_n - prefix - suffix);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
set_loading (TlFeedbackListModel *self,
             GCancellable        *cancellable)
{
  gboolean was = self->cancellable != NULL;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, cancellable);
  if (was != (cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
tl_feedback_list_model_reload (TlFeedbackListModel *self)
{
  g_autoptr(GArray) ids = NULL;

  g_return_if_fail (TL_IS_FEEDBACK_LIST_MODEL (self));

  /* What a query in a thread would give is read now instead. */
  set_loading (self, NULL);

  if (self->store != NULL)
    {
      g_autoptr(GError) error = NULL;

      ids = tl_store_query_feedback_ids (self->store, self->query, NULL, &error);
      if (ids == NULL)
        g_warning ("Cannot list the feedback of “%s”: %s",
                   tl_store_get_path (self->store), error->message);
    }
  if (ids == NULL)
    ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  replace_ids (self, ids);
}

static void
query_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TlFeedbackListModel) self = user_data;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  ids = tl_store_query_feedback_ids_finish (TL_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Not cancelled, so it is the newest query and the same store. */
  set_loading (self, NULL);
  if (ids == NULL)
    {
      g_warning ("Cannot list the feedback of “%s”: %s",
                 tl_store_get_path (TL_STORE (object)), error->message);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  replace_ids (self, ids);
}

void
tl_feedback_list_model_set_query (TlFeedbackListModel   *self,
                                  const TlFeedbackQuery *query)
{
  g_autoptr(TlFeedbackQuery) everything = NULL;

  g_return_if_fail (TL_IS_FEEDBACK_LIST_MODEL (self));

  if (query == NULL)
    query = everything = tl_feedback_query_new ();
  if (_tl_feedback_query_equal (self->query, query))
    return;

  tl_feedback_query_free (self->query);
  self->query = tl_feedback_query_copy (query);

  tl_feedback_list_model_requery (self);
}

void
tl_feedback_list_model_requery (TlFeedbackListModel *self)
{
  g_autoptr(GCancellable) cancellable = NULL;

  g_return_if_fail (TL_IS_FEEDBACK_LIST_MODEL (self));

  if (self->store == NULL)
    return;

  cancellable = g_cancellable_new ();
  set_loading (self, cancellable);
  tl_store_query_feedback_ids_async (self->store, self->query, cancellable,
                                     query_done_cb, g_object_ref (self));
}

const TlFeedbackQuery *
tl_feedback_list_model_get_query (TlFeedbackListModel *self)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_LIST_MODEL (self), NULL);

  return self->query;
}

gboolean
tl_feedback_list_model_get_loading (TlFeedbackListModel *self)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_LIST_MODEL (self), FALSE);

  return self->cancellable != NULL;
}

gint64
tl_feedback_list_model_get_id (TlFeedbackListModel *self,
                               guint                position)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_LIST_MODEL (self), -1);

  if (position >= self->ids->len)
    return -1;
  return g_array_index (self->ids, gint64, position);
}

int
tl_feedback_list_model_find (TlFeedbackListModel *self,
                             gint64               id)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_LIST_MODEL (self), -1);

  /* 8 MB at a million rows: a scan is a millisecond. */
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return (int) i;
  return -1;
}

void
tl_feedback_list_model_refresh_items (TlFeedbackListModel *self,
                                      const gint64        *ids,
                                      guint                n_ids)
{
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GHashTable) by_id = NULL;

  g_return_if_fail (TL_IS_FEEDBACK_LIST_MODEL (self));

  if (self->store == NULL || n_ids == 0 || self->pages.length == 0)
    return;

  fresh = tl_store_fetch_feedback (self->store, ids, n_ids, NULL);
  if (fresh == NULL)
    return;

  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < fresh->len; i++)
    {
      TlFeedbackItem *item = fresh->pdata[i];
      gint64 id = tl_feedback_item_get_id (item);

      g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), item);
    }

  for (GList *l = self->pages.head; l != NULL; l = l->next)
    {
      Page *page = l->data;

      for (guint i = 0; i < page->items->len; i++)
        {
          TlFeedbackItem *cached = page->items->pdata[i];
          gint64 id = tl_feedback_item_get_id (cached);
          TlFeedbackItem *item = g_hash_table_lookup (by_id, &id);

          if (item != NULL)
            _tl_feedback_item_copy_fields (cached, item);
        }
    }
}

guint
_tl_feedback_list_model_get_n_fetches (TlFeedbackListModel *self)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_LIST_MODEL (self), 0);

  return self->n_fetches;
}

guint
_tl_feedback_list_model_get_n_cached_pages (TlFeedbackListModel *self)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_LIST_MODEL (self), 0);

  return self->pages.length;
}
