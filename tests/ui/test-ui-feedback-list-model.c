/* test-ui-feedback-list-model.c: TlFeedbackListModel pages feedback in
 *
 * The expected list order is worked out here, from what the test inserted
 * (newest date first, undated last, then id), not read back from the
 * store, so a wrong order or a wrong page shows up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "tl-feedback-list-model.h"
#include "tl-feedback-list-model-private.h"

#define N_ITEMS 5000

typedef struct
{
  gint64  id;
  char   *date;   /* nullable */
  char   *text;
} Expected;

typedef struct
{
  char    *dir;
  TlStore *store;
  GArray  *expected;   /* Expected, in list order */
} Fixture;

static void
expected_clear (gpointer data)
{
  Expected *e = data;

  g_free (e->date);
  g_free (e->text);
}

static int
compare_expected (gconstpointer a,
                  gconstpointer b)
{
  const Expected *ea = a;
  const Expected *eb = b;

  /* Newest first, undated last (SQLite's NULL is lowest, DESC puts it last). */
  if (g_strcmp0 (ea->date, eb->date) != 0)
    {
      if (ea->date == NULL)
        return 1;
      if (eb->date == NULL)
        return -1;
      return -strcmp (ea->date, eb->date);
    }
  return ea->id < eb->id ? -1 : ea->id > eb->id ? 1 : 0;
}

static const char * const texts[] = {
  "外卖送到时已经凉了，汤也洒了。",
  "Great coffee, friendly staff, but the Wi-Fi sign made us talk to each other.",
  "服务员提醒我们菜点得差不多了，很贴心。",
  "包裝很漂亮，會推薦給朋友。",
  "Delivery was late twice this week.",
};

static const char * const link_sets[][3] = {
  { NULL },
  { "station:order", NULL },
  { "loop:loop2", "station:logistics", NULL },
  { "cell:people/feel", NULL },
};

/* Adds @n items with dates spread over a year (many share a day, every
 * seventh has none) and records what the list should look like. */
static void
add_items (Fixture *fixture,
           guint    n,
           guint    seed)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tl_store_begin (fixture->store, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
      guint k = i * 7919 + seed;
      Expected e = { 0, };

      if (k % 7 != 0)
        e.date = g_strdup_printf ("2024-%02u-%02u", 1 + k % 12, 1 + (k / 12) % 28);
      e.text = g_strdup_printf ("%s #%u", texts[k % G_N_ELEMENTS (texts)], seed * 100000 + i);

      tl_feedback_item_set_text (item, e.text);
      tl_feedback_item_set_date (item, e.date);
      tl_feedback_item_set_source (item, k % 2 ? "美团" : "survey");
      tl_feedback_item_set_stage (item, "ABCDEF"[k % 6]);
      if (k % 5 != 0)
        tl_feedback_item_set_rating (item, 1 + k % 5);
      tl_feedback_item_set_links (item, link_sets[k % G_N_ELEMENTS (link_sets)]);

      e.id = tl_store_add_feedback (fixture->store, item, &error);
      g_assert_no_error (error);
      g_assert_cmpint (e.id, >, 0);
      g_array_append_val (fixture->expected, e);
    }

  g_assert_true (tl_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  g_array_sort (fixture->expected, compare_expected);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(TlDocument) document = NULL;

  fixture->dir = g_dir_make_tmp ("tl-feedback-model-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.touchloop", NULL);

  document = tl_template_new_o2o ("zh_CN");
  fixture->store = tl_store_create (path, document, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);

  fixture->expected = g_array_new (FALSE, TRUE, sizeof (Expected));
  g_array_set_clear_func (fixture->expected, expected_clear);

  add_items (fixture, GPOINTER_TO_UINT (data), 1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_finalize_object (fixture->store);
  g_array_unref (fixture->expected);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
assert_item_at (TlFeedbackListModel *model,
                Fixture             *fixture,
                guint                position)
{
  g_autoptr(TlFeedbackItem) item = g_list_model_get_item (G_LIST_MODEL (model), position);
  const Expected *e = &g_array_index (fixture->expected, Expected, position);

  g_assert_nonnull (item);
  g_assert_true (TL_IS_FEEDBACK_ITEM (item));
  g_assert_cmpint (tl_feedback_item_get_id (item), ==, e->id);
  g_assert_cmpstr (tl_feedback_item_get_text (item), ==, e->text);
  g_assert_cmpstr (tl_feedback_item_get_date (item), ==, e->date);
}

static void
test_empty (void)
{
  g_autoptr(TlFeedbackListModel) model = tl_feedback_list_model_new (NULL);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == TL_TYPE_FEEDBACK_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 0));
  g_assert_null (tl_feedback_list_model_get_store (model));
  tl_feedback_list_model_reload (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (_tl_feedback_list_model_get_n_fetches (model), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&model));
}

static void
test_positions (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TlFeedbackListModel) model = tl_feedback_list_model_new (fixture->store);
  GListModel *list = G_LIST_MODEL (model);
  guint n = fixture->expected->len;
  guint n_fetches;

  g_assert_cmpuint (n, ==, N_ITEMS);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n);
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, n);
  /* Listing ids fetches no item. */
  g_assert_cmpuint (_tl_feedback_list_model_get_n_fetches (model), ==, 0);

  assert_item_at (model, fixture, 0);
  assert_item_at (model, fixture, n - 1);
  g_assert_cmpuint (_tl_feedback_list_model_get_n_fetches (model), ==, 2);

  for (guint i = 0; i < 300; i++)
    assert_item_at (model, fixture, g_test_rand_int_range (0, n));

  n_fetches = _tl_feedback_list_model_get_n_fetches (model);
  g_assert_cmpuint (n_fetches, <=, 302);
  g_assert_cmpuint (_tl_feedback_list_model_get_n_cached_pages (model), <=, TL_FEEDBACK_LIST_MAX_PAGES);

  g_assert_null (g_list_model_get_item (list, n));
  g_assert_null (g_list_model_get_item (list, n + TL_FEEDBACK_LIST_PAGE_SIZE));
  g_assert_null (g_list_model_get_item (list, G_MAXUINT));
  g_assert_cmpuint (_tl_feedback_list_model_get_n_fetches (model), ==, n_fetches);

  g_assert_finalize_object (g_steal_pointer (&model));
}

/* Every item once, in order: one query per page, never more. */
static void
test_scan (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(TlFeedbackListModel) model = tl_feedback_list_model_new (fixture->store);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  guint n_pages = (n + TL_FEEDBACK_LIST_PAGE_SIZE - 1) / TL_FEEDBACK_LIST_PAGE_SIZE;

  for (guint i = 0; i < n; i++)
    assert_item_at (model, fixture, i);

  g_assert_cmpuint (_tl_feedback_list_model_get_n_fetches (model), ==, n_pages);
  g_assert_cmpuint (_tl_feedback_list_model_get_n_cached_pages (model), ==,
                    MIN (n_pages, TL_FEEDBACK_LIST_MAX_PAGES));

  /* And backwards: the last pages are cached, the rest is fetched again once. */
  for (guint i = n; i > 0; i--)
    assert_item_at (model, fixture, i - 1);

  g_assert_cmpuint (_tl_feedback_list_model_get_n_fetches (model), ==,
                    n_pages + n_pages - MIN (n_pages, TL_FEEDBACK_LIST_MAX_PAGES));

  g_assert_finalize_object (g_steal_pointer (&model));
}

static TlFeedbackItem *
get_item (TlFeedbackListModel *model,
          guint                position)
{
  TlFeedbackItem *item = g_list_model_get_item (G_LIST_MODEL (model), position);

  /* The model holds its own reference while the page is cached. */
  g_object_unref (item);
  return item;
}

static void
test_cache (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(TlFeedbackListModel) model = tl_feedback_list_model_new (fixture->store);
  const guint page = TL_FEEDBACK_LIST_PAGE_SIZE;
  TlFeedbackItem *first;
  TlFeedbackItem *again;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, page * (TL_FEEDBACK_LIST_MAX_PAGES + 2));

  /* Same position, same object while its page is cached. */
  first = get_item (model, 5);
  again = get_item (model, 5);
  g_assert_true (first == again);
  g_assert_true (get_item (model, page - 1) != first);
  g_assert_cmpuint (_tl_feedback_list_model_get_n_fetches (model), ==, 1);

  /* Fill the cache with pages 0 … MAX-1, then touch page 0 again so it is
   * the most recently used: page 1 is now the least. */
  for (guint p = 1; p < TL_FEEDBACK_LIST_MAX_PAGES; p++)
    get_item (model, p * page);
  g_assert_cmpuint (_tl_feedback_list_model_get_n_fetches (model), ==, TL_FEEDBACK_LIST_MAX_PAGES);
  get_item (model, 0);
  g_assert_cmpuint (_tl_feedback_list_model_get_n_fetches (model), ==, TL_FEEDBACK_LIST_MAX_PAGES);

  /* One page more evicts page 1, not page 0. */
  get_item (model, TL_FEEDBACK_LIST_MAX_PAGES * page);
  g_assert_cmpuint (_tl_feedback_list_model_get_n_cached_pages (model), ==, TL_FEEDBACK_LIST_MAX_PAGES);
  g_assert_cmpuint (_tl_feedback_list_model_get_n_fetches (model), ==, TL_FEEDBACK_LIST_MAX_PAGES + 1);
  g_assert_true (get_item (model, 5) == first);
  g_assert_cmpuint (_tl_feedback_list_model_get_n_fetches (model), ==, TL_FEEDBACK_LIST_MAX_PAGES + 1);
  get_item (model, page + 3);
  g_assert_cmpuint (_tl_feedback_list_model_get_n_fetches (model), ==, TL_FEEDBACK_LIST_MAX_PAGES + 2);

  g_assert_finalize_object (g_steal_pointer (&model));
}

typedef struct
{
  guint n_emissions;
  guint position;
  guint removed;
  guint added;
  guint n_items_in_handler;
} ItemsChanged;

static void
items_changed_cb (GListModel   *list,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *changed)
{
  changed->n_emissions++;
  changed->position = position;
  changed->removed = removed;
  changed->added = added;
  changed->n_items_in_handler = g_list_model_get_n_items (list);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_reload (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(TlFeedbackListModel) model = tl_feedback_list_model_new (fixture->store);
  ItemsChanged changed = { 0, };
  guint n_items_notified = 0;
  guint store_notified = 0;
  guint n = fixture->expected->len;
  TlFeedbackItem *stale;

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changed);
  g_signal_connect (model, "notify::n-items", G_CALLBACK (count_notify_cb), &n_items_notified);
  g_signal_connect (model, "notify::store", G_CALLBACK (count_notify_cb), &store_notified);

  stale = get_item (model, 0);
  g_object_ref (stale);

  /* Items dated later than any other: they come first. */
  g_assert_true (tl_store_begin (fixture->store, NULL));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
      Expected e = { 0, };

      e.date = g_strdup_printf ("2025-06-0%u", i + 1);
      e.text = g_strdup_printf ("新的反馈 %u", i);
      tl_feedback_item_set_text (item, e.text);
      tl_feedback_item_set_date (item, e.date);
      e.id = tl_store_add_feedback (fixture->store, item, NULL);
      g_assert_cmpint (e.id, >, 0);
      g_array_append_val (fixture->expected, e);
    }
  g_assert_true (tl_store_commit (fixture->store, NULL));
  g_array_sort (fixture->expected, compare_expected);

  /* The model does not watch the store. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);

  /* Only what differs changes: three rows added at the top. */
  tl_feedback_list_model_reload (model);
  g_assert_cmpuint (changed.n_emissions, ==, 1);
  g_assert_cmpuint (changed.position, ==, 0);
  g_assert_cmpuint (changed.removed, ==, 0);
  g_assert_cmpuint (changed.added, ==, 3);
  g_assert_cmpuint (changed.n_items_in_handler, ==, n + 3);
  g_assert_cmpuint (n_items_notified, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n + 3);

  /* The cache went with the old list. */
  assert_item_at (model, fixture, 0);
  assert_item_at (model, fixture, 3);
  assert_item_at (model, fixture, n + 2);
  g_assert_cmpstr (tl_feedback_item_get_text (get_item (model, 0)), ==, "新的反馈 2");
  g_assert_true (get_item (model, 3) != stale);
  g_assert_cmpint (tl_feedback_item_get_id (get_item (model, 3)), ==, tl_feedback_item_get_id (stale));
  g_object_unref (stale);

  /* Same store again: nothing happens. */
  tl_feedback_list_model_set_store (model, fixture->store);
  g_assert_cmpuint (changed.n_emissions, ==, 1);
  g_assert_cmpuint (store_notified, ==, 0);

  /* No store: everything removed, nothing added. */
  tl_feedback_list_model_set_store (model, NULL);
  g_assert_cmpuint (changed.n_emissions, ==, 2);
  g_assert_cmpuint (changed.removed, ==, n + 3);
  g_assert_cmpuint (changed.added, ==, 0);
  g_assert_cmpuint (store_notified, ==, 1);
  g_assert_cmpuint (n_items_notified, ==, 2);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 0));

  /* Empty to empty is no change at all. */
  tl_feedback_list_model_reload (model);
  g_assert_cmpuint (changed.n_emissions, ==, 2);

  g_assert_finalize_object (g_steal_pointer (&model));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tl/ui/feedback-list-model/empty", test_empty);
  g_test_add ("/tl/ui/feedback-list-model/positions", Fixture, GUINT_TO_POINTER (N_ITEMS),
              fixture_set_up, test_positions, fixture_tear_down);
  g_test_add ("/tl/ui/feedback-list-model/scan", Fixture, GUINT_TO_POINTER (N_ITEMS),
              fixture_set_up, test_scan, fixture_tear_down);
  g_test_add ("/tl/ui/feedback-list-model/cache", Fixture, GUINT_TO_POINTER (N_ITEMS),
              fixture_set_up, test_cache, fixture_tear_down);
  g_test_add ("/tl/ui/feedback-list-model/reload", Fixture, GUINT_TO_POINTER (N_ITEMS),
              fixture_set_up, test_reload, fixture_tear_down);

  return g_test_run ();
}
