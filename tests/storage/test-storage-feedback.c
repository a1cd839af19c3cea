/* test-storage-feedback.c: adding, counting, listing and fetching feedback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-store.h"
#include "storage-test-util.h"

#define N_MANY 20000

typedef struct
{
  TlDocument *document;
  TlStore    *store;
  char       *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("feedback-%u.touchloop", counter++);

  fixture->path = tl_test_path (name);
  fixture->document = tl_template_new_o2o ("zh_CN");
  fixture->store = tl_test_create_store (fixture->path, fixture->document);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->document);
  g_unlink (fixture->path);
  g_clear_pointer (&fixture->path, g_free);
}

static void
test_add_and_fetch (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlFeedbackItem) full = tl_feedback_item_new (0);
  g_autoptr(TlFeedbackItem) bare = tl_feedback_item_new (0);
  g_autoptr(GPtrArray) items = NULL;
  const char *links[] = { "cell:people/feel", "station:experience", "loop:loop2", "station:wom", NULL };
  const char *expected_links[] = { "station:experience", "station:wom", "loop:loop2", "cell:people/feel", NULL };
  gint64 ids[3];
  TlFeedbackItem *item;

  tl_feedback_item_set_text (full, "服务员说“菜够了，不够再点”，很贴心。");
  tl_feedback_item_set_source (full, "问卷");
  tl_feedback_item_set_date (full, "2024-03-08T19:30:00+08:00");
  tl_feedback_item_set_stage (full, 'E');
  tl_feedback_item_set_rating (full, 4.5);
  tl_feedback_item_set_respondent (full, "王女士");
  tl_feedback_item_set_tags (full, "服务,口碑");
  tl_feedback_item_set_links (full, links);

  ids[0] = tl_store_add_feedback (fixture->store, full, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ids[0], >, 0);

  tl_feedback_item_set_text (bare, "ok");
  ids[1] = tl_store_add_feedback (fixture->store, bare, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ids[1], >, ids[0]);

  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 2);
  g_assert_cmpint (tl_store_count_linked_feedback (fixture->store), ==, 1);

  /* In the order asked for; a missing id is skipped */
  ids[2] = ids[0];
  ids[0] = 999999;
  items = tl_store_fetch_feedback (fixture->store, ids, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);

  item = g_ptr_array_index (items, 0);
  g_assert_cmpint (tl_feedback_item_get_id (item), ==, ids[1]);
  g_assert_cmpstr (tl_feedback_item_get_text (item), ==, "ok");
  g_assert_null (tl_feedback_item_get_source (item));
  g_assert_null (tl_feedback_item_get_date (item));
  g_assert_cmpint (tl_feedback_item_get_stage (item), ==, '\0');
  g_assert_false (tl_feedback_item_has_rating (item));
  g_assert_null (tl_feedback_item_get_respondent (item));
  g_assert_null (tl_feedback_item_get_tags (item));
  g_assert_cmpuint (g_strv_length ((char **)tl_feedback_item_get_links (item)), ==, 0);

  item = g_ptr_array_index (items, 1);
  g_assert_cmpint (tl_feedback_item_get_id (item), ==, ids[2]);
  g_assert_cmpstr (tl_feedback_item_get_text (item), ==, tl_feedback_item_get_text (full));
  g_assert_cmpstr (tl_feedback_item_get_source (item), ==, "问卷");
  g_assert_cmpstr (tl_feedback_item_get_date (item), ==, "2024-03-08T19:30:00+08:00");
  g_assert_cmpint (tl_feedback_item_get_stage (item), ==, 'E');
  g_assert_true (tl_feedback_item_has_rating (item));
  g_assert_cmpfloat (tl_feedback_item_get_rating (item), ==, 4.5);
  g_assert_cmpstr (tl_feedback_item_get_respondent (item), ==, "王女士");
  g_assert_cmpstr (tl_feedback_item_get_tags (item), ==, "服务,口碑");
  tl_test_assert_strv_equal (tl_feedback_item_get_links (item), expected_links);
}

static void
test_add_refuses_unknown_target (Fixture       *fixture,
                                 gconstpointer  data)
{
  struct {
    const char *link;
    int         code;
  } cases[] = {
    { "station:nowhere", TL_MODEL_ERROR_NOT_FOUND },
    { "loop:loop99", TL_MODEL_ERROR_NOT_FOUND },
    { "cell:people/smell", TL_MODEL_ERROR_NOT_FOUND },
    { "cell:people", TL_MODEL_ERROR_INVALID },
    { "station:", TL_MODEL_ERROR_INVALID },
    { "shop:hub", TL_MODEL_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
      /* A good link before the bad one: it must not stay either. */
      const char *links[] = { "station:hub", cases[i].link, NULL };

      tl_feedback_item_set_text (item, "should not be stored");
      tl_feedback_item_set_links (item, links);
      g_assert_cmpint (tl_store_add_feedback (fixture->store, item, &error), ==, -1);
      g_assert_error (error, TL_MODEL_ERROR, cases[i].code);
      g_test_message ("%s: %s", cases[i].link, error->message);
    }

  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 0);
  g_assert_cmpint (tl_test_file_int (fixture->path, "SELECT count(*) FROM feedback"), ==, 0);
  g_assert_cmpint (tl_test_file_int (fixture->path, "SELECT count(*) FROM feedback_station"), ==, 0);
  g_assert_cmpint (tl_test_file_int (fixture->path, "SELECT count(*) FROM feedback_fts_docsize"), ==, 0);

  /* Inside a transaction of the caller's, a refused item leaves the rest
   * of the transaction alone. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TlFeedbackItem) good = tl_feedback_item_new (0);
    g_autoptr(TlFeedbackItem) bad = tl_feedback_item_new (0);
    const char *bad_links[] = { "station:nowhere", NULL };

    tl_feedback_item_set_text (good, "good");
    tl_feedback_item_set_text (bad, "bad");
    tl_feedback_item_set_links (bad, bad_links);

    g_assert_true (tl_store_begin (fixture->store, &error));
    g_assert_cmpint (tl_store_add_feedback (fixture->store, good, &error), >, 0);
    g_assert_cmpint (tl_store_add_feedback (fixture->store, bad, &error), ==, -1);
    g_assert_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_true (tl_store_commit (fixture->store, &error));
    g_assert_no_error (error);
    g_assert_cmpint (tl_test_file_int (fixture->path, "SELECT count(*) FROM feedback"), ==, 1);
  }
}

typedef struct
{
  gint64      id;
  const char *date;
} Expected;

static int
compare_expected (gconstpointer a,
                  gconstpointer b)
{
  const Expected *ea = a;
  const Expected *eb = b;

  /* Newest first, undated last, then by id */
  if (ea->date == NULL || eb->date == NULL)
    {
      if (ea->date != eb->date)
        return ea->date == NULL ? 1 : -1;
    }
  else
    {
      int c = strcmp (eb->date, ea->date);

      if (c != 0)
        return c;
    }
  return ea->id < eb->id ? -1 : ea->id > eb->id;
}

static void
test_many_in_order (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GStringChunk) dates = g_string_chunk_new (4096);
  g_autofree Expected *expected = g_new0 (Expected, N_MANY);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240308);
  const char *links[] = { "station:hub", NULL };
  gint64 start, n_linked = 0;
  guint seen = 0;

  g_assert_true (tl_store_begin (fixture->store, &error));
  for (guint i = 0; i < N_MANY; i++)
    {
      g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
      g_autofree char *text = g_strdup_printf ("反馈 %u", i);
      const char *date = NULL;

      /* Few distinct dates, so that many share one and the id decides;
       * some with a time; some undated. */
      if (g_rand_int_range (rand, 0, 10) != 0)
        {
          g_autofree char *d = NULL;

          if (g_rand_boolean (rand))
            d = g_strdup_printf ("2023-%02d-%02d", g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
          else
            d = g_strdup_printf ("2023-%02d-%02dT%02d:00", g_rand_int_range (rand, 1, 13),
                                 g_rand_int_range (rand, 1, 29), g_rand_int_range (rand, 0, 24));
          date = g_string_chunk_insert_const (dates, d);
        }

      tl_feedback_item_set_text (item, text);
      tl_feedback_item_set_date (item, date);
      if (i % 3 == 0)
        {
          tl_feedback_item_set_links (item, links);
          n_linked++;
        }

      expected[i].id = tl_store_add_feedback (fixture->store, item, &error);
      g_assert_no_error (error);
      expected[i].date = date;
    }
  g_assert_true (tl_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, N_MANY);
  g_assert_cmpint (tl_store_count_linked_feedback (fixture->store), ==, n_linked);

  start = g_get_monotonic_time ();
  ids = tl_store_list_feedback_ids (fixture->store, &error);
  g_test_message ("listed %u ids in %.1f ms", ids->len, (g_get_monotonic_time () - start) / 1000.0);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, N_MANY);

  qsort (expected, N_MANY, sizeof (Expected), compare_expected);
  for (guint i = 0; i < N_MANY; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i].id);

  /* Page through them as a list model would */
  start = g_get_monotonic_time ();
  for (guint offset = 0; offset < ids->len; offset += 500)
    {
      guint n = MIN (500, ids->len - offset);
      g_autoptr(GPtrArray) page = NULL;

      page = tl_store_fetch_feedback (fixture->store, &g_array_index (ids, gint64, offset), n, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (page->len, ==, n);

      for (guint i = 0; i < n; i++)
        {
          TlFeedbackItem *item = g_ptr_array_index (page, i);

          g_assert_cmpint (tl_feedback_item_get_id (item), ==, expected[offset + i].id);
          g_assert_cmpstr (tl_feedback_item_get_date (item), ==, expected[offset + i].date);
          seen++;
        }
    }
  g_test_message ("fetched %u items in %.1f ms", seen, (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (seen, ==, N_MANY);
}

/* A station removed and restored keeps its feedback; one removed for
 * good takes its links (not the feedback) with it. */
static void
test_links_follow_station (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
  g_autoptr(TlUndoStack) stack = tl_undo_stack_new (fixture->document);
  g_autoptr(TlCommand) remove = tl_remove_station_command_new ("wom");
  const char *links[] = { "station:wom", "station:hub", NULL };

  tl_feedback_item_set_text (item, "口碑很好");
  tl_feedback_item_set_links (item, links);
  tl_store_add_feedback (fixture->store, item, &error);
  g_assert_no_error (error);

  g_assert_true (tl_undo_stack_push (stack, remove, &error));
  g_assert_cmpint (tl_test_file_int (fixture->path, "SELECT count(*) FROM feedback_station"), ==, 1);
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 1);

  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_cmpint (tl_test_file_int (fixture->path, "SELECT count(*) FROM feedback_station WHERE station_id = 'wom'"), ==, 1);

  g_assert_true (tl_undo_stack_redo (stack));
  g_assert_cmpint (tl_test_file_int (fixture->path, "SELECT count(*) FROM feedback_station WHERE station_id = 'wom'"), ==, 0);
  g_assert_cmpint (tl_store_count_linked_feedback (fixture->store), ==, 1);
}

static void
assert_search (TlStore    *store,
               const char *query,
               GArray     *all,
               const char * const *texts,
               guint       n_texts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = tl_store_search_feedback_ids (store, query, &error);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *folded_query = g_utf8_casefold (query, -1);
  guint expected = 0;

  g_assert_no_error (error);

  /* Exactly the items whose text contains the query, in list order */
  items = tl_store_fetch_feedback (store, (gint64 *)all->data, all->len, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      TlFeedbackItem *item = g_ptr_array_index (items, i);
      g_autofree char *folded = g_utf8_casefold (tl_feedback_item_get_text (item), -1);

      if (strstr (folded, folded_query) == NULL)
        continue;
      g_assert_cmpuint (expected, <, found->len);
      g_assert_cmpint (g_array_index (found, gint64, expected), ==, tl_feedback_item_get_id (item));
      expected++;
    }
  g_assert_cmpuint (found->len, ==, expected);
  g_test_message ("“%s”: %u of %u", query, found->len, n_texts);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  static const char * const texts[] = {
    "服务员很热情，菜也好吃",
    "等位太久了，服务员态度一般",
    "环境安静，适合聊天",
    "Great coffee, friendly staff",
    "the COFFEE was cold",
    "100% satisfied_with it",
    "他说\"不够再点\"，很贴心",
    "热情",
    "服务",
  };
  const char *queries[] = {
    "服务员很热情",   /* index */
    "服务员",         /* index, three characters */
    "热情",           /* two: scan */
    "服",             /* one: scan */
    "coffee",         /* Latin, any case */
    "Co",
    "100%",
    "%",
    "_",
    "\"不够",
    "nothing like it",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) everything = NULL;

  g_assert_true (tl_store_begin (fixture->store, &error));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
      g_autofree char *date = g_strdup_printf ("2024-01-%02u", 1 + (i * 7) % 28);

      tl_feedback_item_set_text (item, texts[i]);
      tl_feedback_item_set_date (item, i % 3 ? date : NULL);
      tl_store_add_feedback (fixture->store, item, &error);
      g_assert_no_error (error);
    }
  g_assert_true (tl_store_commit (fixture->store, &error));

  all = tl_store_list_feedback_ids (fixture->store, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    assert_search (fixture->store, queries[i], all, (const char * const *)texts, G_N_ELEMENTS (texts));

  everything = tl_store_search_feedback_ids (fixture->store, "", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (everything->len, ==, G_N_ELEMENTS (texts));
}

int
main (int   argc,
      char *argv[])
{
  tl_test_init (&argc, &argv);

  g_test_add ("/tl/storage/feedback/add-and-fetch", Fixture, NULL,
              fixture_set_up, test_add_and_fetch, fixture_tear_down);
  g_test_add ("/tl/storage/feedback/refuses-unknown-target", Fixture, NULL,
              fixture_set_up, test_add_refuses_unknown_target, fixture_tear_down);
  g_test_add ("/tl/storage/feedback/many-in-order", Fixture, NULL,
              fixture_set_up, test_many_in_order, fixture_tear_down);
  g_test_add ("/tl/storage/feedback/search", Fixture, NULL,
              fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/tl/storage/feedback/links-follow-station", Fixture, NULL,
              fixture_set_up, test_links_follow_station, fixture_tear_down);

  return tl_test_run ();
}
