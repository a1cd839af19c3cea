/* test-storage-feedback.c: adding, counting, listing and fetching feedback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-store.h"
#include "feedback-test-util.h"

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

/* Every field, written and read back, in this store and after opening
 * the file again */
static void
assert_full_item (TlFeedbackItem *item)
{
  const char *links[] = { "station:pain", "cell:product/think", NULL };

  g_assert_cmpstr (tl_feedback_item_get_text (item), ==, "服务员说“菜够了，不够再点”\n很贴心");
  g_assert_cmpstr (tl_feedback_item_get_source (item), ==, "大众点评");
  g_assert_cmpstr (tl_feedback_item_get_date (item), ==, "2026-03-24T19:30:05");
  g_assert_cmpint (tl_feedback_item_get_stage (item), ==, 'D');
  g_assert_true (tl_feedback_item_has_rating (item));
  g_assert_cmpfloat (tl_feedback_item_get_rating (item), ==, 4.0);
  g_assert_cmpstr (tl_feedback_item_get_rating_original (item), ==, "9/10");
  g_assert_cmpstr (tl_feedback_item_get_respondent (item), ==, "李先生");
  g_assert_cmpstr (tl_feedback_item_get_tags (item), ==, "服务、口碑");
  g_assert_cmpstr (tl_feedback_item_get_phase (item), ==, "after-sales");
  g_assert_cmpuint (tl_feedback_item_get_n_images (item), ==, 2);
  tl_test_assert_strv_equal (tl_feedback_item_get_links (item), links);
}

static void
test_new_fields_round_trip (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
  g_autoptr(TlFeedbackItem) got = NULL;
  g_autoptr(GPtrArray) fetched = NULL;
  g_autoptr(GBytes) png = tl_test_png (1024, 768);
  g_autoptr(GBytes) jpeg = tl_test_jpeg (4032, 3024);
  g_autoptr(GBytes) data_back = NULL;
  g_autoptr(GArray) images = NULL;
  g_autoptr(TlStore) again = NULL;
  const char *links[] = { "station:pain", "cell:product/think", NULL };
  TlImageInfo info;
  gint64 id, png_id, jpeg_id;

  tl_feedback_item_set_text (item, "服务员说“菜够了，不够再点”\n很贴心");
  tl_feedback_item_set_source (item, "大众点评");
  tl_feedback_item_set_date (item, "2026-03-24T19:30:05");
  tl_feedback_item_set_stage (item, 'D');
  tl_feedback_item_set_rating (item, 4.0);
  tl_feedback_item_set_rating_original (item, "9/10");
  tl_feedback_item_set_respondent (item, "李先生");
  tl_feedback_item_set_tags (item, "服务、口碑");
  tl_feedback_item_set_phase (item, "after-sales");
  tl_feedback_item_set_links (item, links);

  id = tl_store_add_feedback (fixture->store, item, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tl_feedback_item_get_id (item), ==, id);

  png_id = tl_store_add_image (fixture->store, id, png, 0, &error);
  g_assert_no_error (error);
  jpeg_id = tl_store_add_image (fixture->store, id, jpeg, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jpeg_id, >, png_id);

  got = tl_store_get_feedback (fixture->store, id, &error);
  g_assert_no_error (error);
  assert_full_item (got);
  fetched = tl_store_fetch_feedback (fixture->store, &id, 1, &error);
  g_assert_no_error (error);
  assert_full_item (g_ptr_array_index (fetched, 0));

  images = tl_store_list_images (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (images->len, ==, 2);
  g_assert_cmpint (g_array_index (images, TlImageInfo, 0).id, ==, png_id);
  g_assert_cmpstr (g_array_index (images, TlImageInfo, 0).mime, ==, "image/png");
  g_assert_cmpuint (g_array_index (images, TlImageInfo, 0).width, ==, 1024);
  g_assert_cmpuint (g_array_index (images, TlImageInfo, 0).height, ==, 768);
  g_assert_cmpstr (g_array_index (images, TlImageInfo, 1).mime, ==, "image/jpeg");
  g_assert_cmpuint (g_array_index (images, TlImageInfo, 1).width, ==, 4032);
  g_assert_cmpuint (g_array_index (images, TlImageInfo, 1).height, ==, 3024);
  g_assert_cmpuint (g_array_index (images, TlImageInfo, 1).size, ==, g_bytes_get_size (jpeg));

  data_back = tl_store_get_image (fixture->store, jpeg_id, &info, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (data_back, jpeg));
  g_assert_cmpint (info.feedback_id, ==, id);

  /* The file keeps all of it */
  g_clear_object (&fixture->store);
  again = tl_store_open (fixture->path, TL_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_clear_object (&got);
  got = tl_store_get_feedback (again, id, &error);
  g_assert_no_error (error);
  assert_full_item (got);
  g_clear_pointer (&data_back, g_bytes_unref);
  data_back = tl_store_get_image (again, png_id, NULL, &error);
  g_assert_true (g_bytes_equal (data_back, png));

  /* … and refuses changes when opened for reading */
  g_assert_cmpint (tl_store_add_image (again, id, png, 0, &error), ==, -1);
  g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpint (tl_store_add_feedback (again, item, &error), ==, -1);
  g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO);
}

static void
test_refuses_bad_values (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *dates[] = { "24.03.2026", "2026/3/24", "2026-02-30", "2026-03-24T25:00", "yesterday", "2026-03-24x" };
  const char *good_dates[] = { "2026-03-24", "2024-02-29", "2026-03-24T10:00", "2026-03-24 10:00:59.25", "2026-03-24T10:00:00Z",
                               "2026-03-24T10:00:00+08:00" };
  g_autoptr(GBytes) gif = g_bytes_new_static ("GIF89a\x01\0\x01\0", 10);
  g_autoptr(GBytes) truncated_png = g_bytes_new_static ("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  g_autoptr(GError) error = NULL;
  gint64 id;

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);

      tl_feedback_item_set_text (item, "x");
      tl_feedback_item_set_date (item, dates[i]);
      g_assert_cmpint (tl_store_add_feedback (fixture->store, item, &error), ==, -1);
      g_assert_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (good_dates); i++)
    {
      g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);

      tl_feedback_item_set_text (item, "x");
      tl_feedback_item_set_date (item, good_dates[i]);
      g_assert_cmpint (tl_store_add_feedback (fixture->store, item, &error), >, 0);
      g_assert_no_error (error);
    }

  id = 1;
  g_assert_cmpint (tl_store_add_image (fixture->store, id, gif, 0, &error), ==, -1);
  g_assert_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (tl_store_add_image (fixture->store, id, truncated_png, 0, &error), ==, -1);
  g_assert_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autoptr(GBytes) png = tl_test_png (2, 2);

    g_assert_cmpint (tl_store_add_image (fixture->store, 4242, png, 0, &error), ==, -1);
    g_assert_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  g_assert_null (tl_store_get_feedback (fixture->store, 4242, &error));
  g_assert_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tl_store_link_feedback (fixture->store, 4242, "station:wom", NULL, &error));
  g_assert_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tl_store_link_feedback (fixture->store, id, "cell:people", NULL, &error));
  g_assert_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tl_store_link_feedback (fixture->store, id, "cell:people/nothing", NULL, &error));
  g_assert_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_NOT_FOUND);
}

/* The same rows imported twice: the second time adds nothing */
static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *rows[][4] = {
    /* text, date, source, respondent */
    { "送餐很快", "2026-03-01", "美团", "r1" },
    { "送餐很快", "2026-03-01", "美团", "r2" },      /* another respondent */
    { "送餐很快", "2026-03-02", "美团", "r1" },      /* another day */
    { "送餐很快", "2026-03-01", "饿了么", "r1" },    /* another source */
    { "Nice  staff\n", NULL, NULL, NULL },
    { "送餐很快", "2026-03-01", "美团", "r1" },      /* the first again, in the same file */
  };
  guint n_duplicates[2] = { 0, 0 };
  gint64 first_ids[G_N_ELEMENTS (rows)];

  for (guint pass = 0; pass < 2; pass++)
    {
      g_assert_true (tl_store_begin (fixture->store, &error));
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
          const char *links[] = { "station:logistics", NULL };
          gboolean duplicate = FALSE;
          gint64 id;

          /* White space around and inside does not make another row */
          g_autofree char *spaced = g_strconcat (" ", rows[i][0], NULL);

          tl_feedback_item_set_text (item, pass == 0 ? rows[i][0] : spaced);
          if (pass == 1 && i == 4)
            tl_feedback_item_set_text (item, "Nice staff");
          tl_feedback_item_set_date (item, rows[i][1]);
          tl_feedback_item_set_source (item, rows[i][2]);
          tl_feedback_item_set_respondent (item, rows[i][3]);
          tl_feedback_item_set_links (item, links);
          id = tl_store_add_feedback_full (fixture->store, item, TL_ADD_DEDUPLICATE, &duplicate, &error);
          g_assert_no_error (error);
          g_assert_cmpint (id, >, 0);
          n_duplicates[pass] += duplicate;
          if (pass == 0)
            first_ids[i] = id;
          else
            g_assert_cmpint (id, ==, first_ids[i]);
        }
      g_assert_true (tl_store_commit (fixture->store, &error));
    }

  g_assert_cmpuint (n_duplicates[0], ==, 1);
  g_assert_cmpuint (n_duplicates[1], ==, G_N_ELEMENTS (rows));
  g_assert_cmpint (first_ids[5], ==, first_ids[0]);
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, G_N_ELEMENTS (rows) - 1);
  g_assert_cmpuint (tl_document_get_evidence (fixture->document, "station", "logistics")->count, ==, G_N_ELEMENTS (rows) - 1);

  /* Added by hand, the same text twice is two items */
  {
    g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);

    tl_feedback_item_set_text (item, "送餐很快");
    tl_feedback_item_set_date (item, "2026-03-01");
    tl_feedback_item_set_source (item, "美团");
    tl_feedback_item_set_respondent (item, "r1");
    g_assert_cmpint (tl_store_add_feedback (fixture->store, item, &error), >, 0);
    g_assert_cmpint (tl_store_add_feedback (fixture->store, item, &error), >, 0);
    g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, G_N_ELEMENTS (rows) + 1);
  }

  /* Editing an imported item keeps it recognised */
  {
    g_autoptr(TlFeedbackItem) item = tl_store_get_feedback (fixture->store, first_ids[0], &error);
    g_autoptr(TlFeedbackItem) again = tl_feedback_item_new (0);
    gboolean duplicate = FALSE;

    tl_feedback_item_set_text (item, "edited after the import");
    g_assert_true (tl_store_update_feedback (fixture->store, item, TL_FEEDBACK_FIELD_TEXT, NULL, &error));
    tl_feedback_item_set_text (again, "送餐很快");
    tl_feedback_item_set_date (again, "2026-03-01");
    tl_feedback_item_set_source (again, "美团");
    tl_feedback_item_set_respondent (again, "r1");
    g_assert_cmpint (tl_store_add_feedback_full (fixture->store, again, TL_ADD_DEDUPLICATE, &duplicate, &error),
                     ==, first_ids[0]);
    g_assert_true (duplicate);
  }
}

static void
test_update_and_delete (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
  g_autoptr(TlFeedbackItem) got = NULL;
  const char *links[] = { "loop:loop4", NULL };
  gboolean changed = FALSE;
  gint64 ids[3];

  tl_feedback_item_set_text (item, "one");
  tl_feedback_item_set_links (item, links);
  for (guint i = 0; i < 3; i++)
    ids[i] = tl_store_add_feedback (fixture->store, item, &error);

  /* Only the fields asked for */
  tl_feedback_item_set_id (item, ids[1]);
  tl_feedback_item_set_text (item, "two");
  tl_feedback_item_set_source (item, "not written");
  tl_feedback_item_set_rating (item, 2);
  g_assert_true (tl_store_update_feedback (fixture->store, item,
                                           TL_FEEDBACK_FIELD_TEXT | TL_FEEDBACK_FIELD_RATING,
                                           &changed, &error));
  g_assert_true (changed);
  got = tl_store_get_feedback (fixture->store, ids[1], &error);
  g_assert_cmpstr (tl_feedback_item_get_text (got), ==, "two");
  g_assert_null (tl_feedback_item_get_source (got));
  g_assert_cmpfloat (tl_feedback_item_get_rating (got), ==, 2);
  g_assert_cmpuint (tl_document_get_evidence (fixture->document, "loop", "loop4")->negative, ==, 1);

  /* The same again changes nothing */
  g_assert_true (tl_store_update_feedback (fixture->store, item, TL_FEEDBACK_FIELD_TEXT, &changed, &error));
  g_assert_false (changed);

  /* The index follows the text */
  {
    g_autoptr(GArray) found = tl_store_search_feedback_ids (fixture->store, "tw", &error);

    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpint (g_array_index (found, gint64, 0), ==, ids[1]);
  }

  g_assert_cmpint (tl_store_delete_feedback (fixture->store, ids, 2, &error), ==, 2);
  g_assert_cmpint (tl_store_delete_feedback (fixture->store, ids, 2, &error), ==, 0);
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 1);
  g_assert_cmpuint (tl_document_get_evidence (fixture->document, "loop", "loop4")->count, ==, 1);
  g_assert_cmpuint (tl_document_get_evidence (fixture->document, "loop", "loop4")->negative, ==, 0);
  {
    g_autoptr(GArray) found = tl_store_search_feedback_ids (fixture->store, "tw", &error);

    g_assert_cmpuint (found->len, ==, 0);
  }

  /* Ids are not reused */
  g_assert_cmpint (tl_store_add_feedback (fixture->store, item, &error), ==, ids[2] + 1);
  g_clear_object (&fixture->store);
  fixture->store = tl_store_open (fixture->path, TL_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tl_store_delete_feedback (fixture->store, &ids[2], 1, &error), ==, 1);
  {
    gint64 last = ids[2] + 1;

    g_assert_cmpint (tl_store_delete_feedback (fixture->store, &last, 1, &error), ==, 1);
  }
  g_clear_object (&fixture->store);
  fixture->store = tl_store_open (fixture->path, TL_STORE_OPEN_DEFAULT, &error);
  g_assert_cmpint (tl_store_add_feedback (fixture->store, item, &error), ==, ids[2] + 2);
}

/* The evidence parameters are the document's, kept in the file */
static void
test_parameters_round_trip (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlStore) again = NULL;
  TlDocument *document;

  tl_document_set_half_life (fixture->document, 45.5);
  tl_document_set_strength_moderate (fixture->document, 2.5);
  tl_document_set_strength_strong (fixture->document, 25);
  g_clear_object (&fixture->store);

  again = tl_store_open (fixture->path, TL_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  document = tl_store_get_document (again);
  g_assert_cmpfloat (tl_document_get_half_life (document), ==, 45.5);
  g_assert_cmpfloat (tl_document_get_strength_moderate (document), ==, 2.5);
  g_assert_cmpfloat (tl_document_get_strength_strong (document), ==, 25);
  g_clear_object (&again);

  /* Values no document can hold fall back to the defaults */
  tl_test_file_exec (fixture->path, "UPDATE meta SET value = 99999 WHERE key = 'half_life';"
                                    "UPDATE meta SET value = 'lots' WHERE key = 'strength_strong'");
  again = tl_store_open (fixture->path, TL_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  document = tl_store_get_document (again);
  g_assert_cmpfloat (tl_document_get_half_life (document), ==, 90);
  g_assert_cmpfloat (tl_document_get_strength_moderate (document), ==, 2.5);
  g_assert_cmpfloat (tl_document_get_strength_strong (document), ==, 10);
}

/* Ratings are on the document's scale: they follow a change of it, and
 * an undo of it */
static void
test_scale_change (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
  g_autoptr(TlFeedbackItem) got = NULL;
  const char *links[] = { "cell:space/feel", NULL };
  gint64 id;

  tl_feedback_item_set_text (item, "meh");
  tl_feedback_item_set_rating (item, 2);
  tl_feedback_item_set_rating_original (item, "2");
  tl_feedback_item_set_links (item, links);
  id = tl_store_add_feedback (fixture->store, item, &error);
  g_assert_cmpuint (tl_document_get_evidence (fixture->document, "cell", "space/feel")->negative, ==, 1);

  tl_document_set_score_scale (fixture->document, 7);
  got = tl_store_get_feedback (fixture->store, id, &error);
  g_assert_cmpfloat_with_epsilon (tl_feedback_item_get_rating (got), 2.5, 1e-12);
  g_assert_cmpstr (tl_feedback_item_get_rating_original (got), ==, "2");
  g_assert_cmpuint (tl_document_get_evidence (fixture->document, "cell", "space/feel")->negative, ==, 1);
  g_assert_cmpfloat_with_epsilon (tl_evidence_average_rating (tl_document_get_evidence (fixture->document, "cell", "space/feel")),
                                  2.5, 1e-12);
  tl_test_assert_evidence (fixture->store);

  tl_document_set_score_scale (fixture->document, 5);
  g_clear_object (&got);
  got = tl_store_get_feedback (fixture->store, id, &error);
  g_assert_cmpfloat_with_epsilon (tl_feedback_item_get_rating (got), 2.0, 1e-12);
  tl_test_assert_evidence (fixture->store);
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
  g_test_add ("/tl/storage/feedback/new-fields-round-trip", Fixture, NULL,
              fixture_set_up, test_new_fields_round_trip, fixture_tear_down);
  g_test_add ("/tl/storage/feedback/refuses-bad-values", Fixture, NULL,
              fixture_set_up, test_refuses_bad_values, fixture_tear_down);
  g_test_add ("/tl/storage/feedback/duplicates", Fixture, NULL,
              fixture_set_up, test_duplicates, fixture_tear_down);
  g_test_add ("/tl/storage/feedback/update-and-delete", Fixture, NULL,
              fixture_set_up, test_update_and_delete, fixture_tear_down);
  g_test_add ("/tl/storage/feedback/parameters-round-trip", Fixture, NULL,
              fixture_set_up, test_parameters_round_trip, fixture_tear_down);
  g_test_add ("/tl/storage/feedback/scale-change", Fixture, NULL,
              fixture_set_up, test_scale_change, fixture_tear_down);
  g_test_add ("/tl/storage/feedback/links-follow-station", Fixture, NULL,
              fixture_set_up, test_links_follow_station, fixture_tear_down);

  return tl_test_run ();
}
