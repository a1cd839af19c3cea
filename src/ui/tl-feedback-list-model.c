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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tl_feedback_list_model_init (TlFeedbackListModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_queue_init (&self->pages);
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

void
tl_feedback_list_model_reload (TlFeedbackListModel *self)
{
  g_autoptr(GArray) ids = NULL;
  guint old_n;

  g_return_if_fail (TL_IS_FEEDBACK_LIST_MODEL (self));

  if (self->store != NULL)
    {
      g_autoptr(GError) error = NULL;

      ids = tl_store_list_feedback_ids (self->store, &error);
      if (ids == NULL)
        g_warning ("Cannot list the feedback of “%s”: %s",
                   tl_store_get_path (self->store), error->message);
    }
  if (ids == NULL)
    ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  clear_pages (self);
  self->fetch_warned = FALSE;

  old_n = self->ids->len;
  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);

  if (old_n > 0 || self->ids->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->ids->len);
  if (old_n != self->ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
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
