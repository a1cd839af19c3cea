/* bench-feedback.c: feedback at scale — import, search, evidence on open
 *
 *   bench-feedback [N] [DATA.csv]
 *
 * Generates N bilingual feedback items (default 100000), half of them
 * linked to stations, loops and cells, in a new document; imports them in
 * one transaction; searches for one-, two- and three-character Chinese
 * and English queries (first page and all results); opens the document
 * again (evidence is read, not recomputed) and checks that the kept
 * evidence equals a full recomputation.  Chinese texts come from the
 * reviews in DATA.csv (or $TL_SHARED_DATA_DIR/waimai_10k.csv), else from
 * a small built-in list.  A baseline imports the same rows into a plain
 * table with an FTS5 trigram index, as the sqlite3 shell would.
 *
 * Not a test: it prints figures.  Build with a release build type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "test-util.h"
#include "tl-store.h"
#include "tl-store-private.h"

static const char *builtin_zh[] = {
  "很快，好吃，味道足，量大", "送餐太慢了，等了一个多小时", "服务员很热情，环境也不错",
  "菜都凉了，包装还漏了", "价格实惠，下次还会再来", "口味一般，分量太少",
  "骑手态度很好，准时送达", "不好吃，再也不会点了", "门店装修很有文化气息，适合拍照分享",
  "朋友推荐来的，果然名不虚传",
};

static const char *english[] = {
  "Fast delivery and the food was still hot", "The courier was rude and late",
  "Great taste, generous portions", "Packaging leaked all over the bag",
  "Friendly staff at the shop, will come back", "Too expensive for what you get",
  "Loved the blackboard sign, shared it with friends", "App crashed while paying",
};

static const char *sources[] = { "WeChat", "Weibo", "美团", "大众点评", "survey", "store" };

/* Reviews of the CSV (label,review), or NULL */
static GPtrArray *
read_reviews (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *reviews;

  if (path == NULL || !g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;

  reviews = g_ptr_array_new_with_free_func (g_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      char *comma = strchr (lines[i], ',');
      char *text;

      if (comma == NULL)
        continue;
      text = g_strstrip (g_strdup (comma + 1));
      if (text[0] == '"')
        {
          /* Quoted: drop the quotes, "" is " */
          g_autoptr(GString) s = g_string_new (NULL);

          for (const char *p = text + 1; *p != '\0'; p++)
            {
              if (*p == '"' && p[1] == '"')
                g_string_append_c (s, '"'), p++;
              else if (*p != '"')
                g_string_append_c (s, *p);
            }
          g_free (text);
          text = g_strdup (s->str);
        }
      if (*text != '\0' && g_utf8_validate (text, -1, NULL))
        g_ptr_array_add (reviews, text);
      else
        g_free (text);
    }
  return reviews;
}

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* CPU seconds of this process: steadier than the clock on a busy machine */
static double
cpu (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static char *
random_date (GRand *rand)
{
  /* Two years back from 2026-03-24 */
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 24, 3, 2026);
  g_date_subtract_days (&date, g_rand_int_range (rand, 0, 730));
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
}

static TlFeedbackItem *
make_item (GRand      *rand,
           GPtrArray  *reviews,
           TlDocument *document,
           guint       i)
{
  TlFeedbackItem *item = tl_feedback_item_new (0);
  g_autofree char *date = random_date (rand);
  g_autofree char *respondent = g_strdup_printf ("r%u", i);
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_free);
  GListModel *stations = tl_document_get_stations (document);
  GListModel *loops = tl_document_get_loops (document);
  GListModel *cells = tl_document_get_cells (document);
  const char *text;

  if (g_rand_int_range (rand, 0, 5) == 0)
    text = english[g_rand_int_range (rand, 0, G_N_ELEMENTS (english))];
  else if (reviews != NULL && reviews->len > 0)
    text = g_ptr_array_index (reviews, g_rand_int_range (rand, 0, reviews->len));
  else
    text = builtin_zh[g_rand_int_range (rand, 0, G_N_ELEMENTS (builtin_zh))];

  tl_feedback_item_set_text (item, text);
  tl_feedback_item_set_date (item, date);
  tl_feedback_item_set_source (item, sources[g_rand_int_range (rand, 0, G_N_ELEMENTS (sources))]);
  tl_feedback_item_set_respondent (item, respondent);
  if (g_rand_int_range (rand, 0, 7) > 0)
    tl_feedback_item_set_stage (item, 'A' + g_rand_int_range (rand, 0, 6));
  if (g_rand_int_range (rand, 0, 4) > 0)
    {
      g_autofree char *original = NULL;
      int r = g_rand_int_range (rand, 1, 6);

      tl_feedback_item_set_rating (item, r);
      original = g_strdup_printf ("%d", r);
      tl_feedback_item_set_rating_original (item, original);
    }

  if (g_rand_boolean (rand))
    {
      g_autoptr(TlStation) station = g_list_model_get_item (stations, g_rand_int_range (rand, 0, g_list_model_get_n_items (stations)));

      g_ptr_array_add (links, g_strconcat ("station:", tl_station_get_id (station), NULL));
    }
  if (g_rand_int_range (rand, 0, 5) == 0)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, g_rand_int_range (rand, 0, g_list_model_get_n_items (loops)));

      g_ptr_array_add (links, g_strconcat ("loop:", tl_loop_get_id (loop), NULL));
    }
  if (g_rand_int_range (rand, 0, 5) == 0)
    {
      g_autoptr(TlCell) cell = g_list_model_get_item (cells, g_rand_int_range (rand, 0, g_list_model_get_n_items (cells)));

      g_ptr_array_add (links, g_strconcat ("cell:", tl_cell_get_id (cell), NULL));
    }
  g_ptr_array_add (links, NULL);
  tl_feedback_item_set_links (item, (const char * const *)links->pdata);

  return item;
}

static void
check (int         rc,
       sqlite3    *db,
       const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("%s: %s", what, sqlite3_errmsg (db));
}

/* The same rows into a plain table and an FTS5 trigram index */
static double
baseline (const char *path,
          GPtrArray  *items,
          double     *cpu_seconds)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  double start = now ();
  double cpu_start = cpu ();

  check (sqlite3_open (path, &db), db, "open");
  check (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; BEGIN;"
                           "CREATE TABLE feedback (text TEXT, source TEXT, date TEXT, stage TEXT, rating REAL, respondent TEXT);",
                       NULL, NULL, NULL), db, "create");
  check (sqlite3_prepare_v2 (db, "INSERT INTO feedback VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &stmt, NULL), db, "prepare");
  for (guint i = 0; i < items->len; i++)
    {
      TlFeedbackItem *item = g_ptr_array_index (items, i);
      char stage[2] = { tl_feedback_item_get_stage (item), 0 };

      sqlite3_bind_text (stmt, 1, tl_feedback_item_get_text (item), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, tl_feedback_item_get_source (item), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, tl_feedback_item_get_date (item), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, stage, -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (stmt, 5, tl_feedback_item_get_rating (item));
      sqlite3_bind_text (stmt, 6, tl_feedback_item_get_respondent (item), -1, SQLITE_STATIC);
      check (sqlite3_step (stmt), db, "insert");
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  check (sqlite3_exec (db, "CREATE VIRTUAL TABLE feedback_fts USING fts5 (text, content='feedback', tokenize='trigram');"
                           "INSERT INTO feedback_fts (feedback_fts) VALUES ('rebuild'); COMMIT;",
                       NULL, NULL, NULL), db, "fts");
  sqlite3_close (db);
  *cpu_seconds = cpu () - cpu_start;
  return now () - start;
}

static void
search (TlStore    *store,
        const char *text)
{
  g_autoptr(TlFeedbackQuery) query = tl_feedback_query_new ();
  g_autoptr(GArray) page = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GError) error = NULL;
  double t0, t1, t2;

  query->text = g_strdup (text);
  query->limit = 50;

  /* Once to warm the cache as a user's second search would be */
  page = tl_store_query_feedback_ids (store, query, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&page, g_array_unref);

  t0 = now ();
  page = tl_store_query_feedback_ids (store, query, NULL, &error);
  t1 = now ();
  g_assert_no_error (error);

  query->limit = 0;
  all = tl_store_query_feedback_ids (store, query, NULL, &error);
  t2 = now ();
  g_assert_no_error (error);

  printf ("  search %-12s (%u chars): first page %7.1f ms (%u ids), all %7.1f ms (%u ids)\n",
          text, (guint)g_utf8_strlen (text, -1), (t1 - t0) * 1000, page->len, (t2 - t1) * 1000, all->len);
}

static void
compare_evidence (TlStore *store)
{
  TlDocument *document = tl_store_get_document (store);
  const char *kinds[] = { "station", "loop", "cell" };
  GListModel *lists[] = { tl_document_get_stations (document), tl_document_get_loops (document),
                          tl_document_get_cells (document) };
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint k = 0, n_bad = 0;

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(GObject) object = g_list_model_get_item (lists[l], i);

        g_ptr_array_add (kept, g_memdup2 (tl_document_get_evidence (document, kinds[l], tl_document_object_id (object)),
                                          sizeof (TlEvidence)));
      }

  if (!tl_store_recompute_evidence (store, &error))
    g_error ("%s", error->message);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++, k++)
      {
        g_autoptr(GObject) object = g_list_model_get_item (lists[l], i);
        const TlEvidence *now_e = tl_document_get_evidence (document, kinds[l], tl_document_object_id (object));

        if (!tl_evidence_equal (g_ptr_array_index (kept, k), now_e, 1e-9))
          n_bad++;
      }
  printf ("  kept evidence equals a full recompute: %s (%u objects)\n", n_bad == 0 ? "yes" : "NO", k);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint)g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  g_autofree char *csv = NULL;
  g_autofree char *dir = tl_test_make_tmpdir ("tl-bench-feedback-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "bench.touchloop", NULL);
  g_autofree char *base_path = g_build_filename (dir, "baseline.db", NULL);
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260324);
  guint64 stage_counts[TL_N_STAGE_COUNTS];
  guint duplicates = 0;
  double t0, t_import, t_base, c0, c_import, c_base;
  GStatBuf st;

  if (argc > 2)
    csv = g_strdup (argv[2]);
  else if (g_getenv ("TL_SHARED_DATA_DIR"))
    csv = g_build_filename (g_getenv ("TL_SHARED_DATA_DIR"), "waimai_10k.csv", NULL);
  reviews = read_reviews (csv);

  printf ("bench-feedback: %u items, texts from %s\n", n,
          reviews ? csv : "the built-in list");

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, make_item (rand, reviews, document, i));

  store = tl_store_create (path, document, &error);
  g_assert_no_error (error);

  if (g_getenv ("TL_BENCH_PRAGMA"))
    g_assert_true (_tl_sqlite_exec (store->db, g_getenv ("TL_BENCH_PRAGMA"), NULL, NULL));

  t0 = now ();
  c0 = cpu ();
  g_assert_true (tl_store_begin (store, &error));
  for (guint i = 0; i < items->len; i++)
    {
      gboolean duplicate = FALSE;

      if (tl_store_add_feedback_full (store, g_ptr_array_index (items, i), TL_ADD_DEDUPLICATE,
                                      &duplicate, &error) < 0)
        g_error ("%s", error->message);
      duplicates += duplicate;
    }
  g_assert_true (tl_store_commit (store, &error));
  t_import = now () - t0;
  c_import = cpu () - c0;
  if (g_getenv ("TL_BENCH_DEBUG"))
    {
      sqlite3_stmt *stmt = NULL;

      sqlite3_prepare_v2 (store->db, "SELECT (SELECT count(*) FROM feedback_gram_data), (SELECT count(*) FROM feedback_fts_data)", -1, &stmt, NULL);
      sqlite3_step (stmt);
      printf ("  fts data rows: gram %d, trigram %d\n", sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1));
      sqlite3_finalize (stmt);
    }

  t_base = baseline (base_path, items, &c_base);
  g_stat (path, &st);
  printf ("  import %u rows (one transaction, both indexes, links, evidence): %.2f s (%.0f rows/s; CPU %.2f s), %u duplicates, file %.1f MB\n",
          n, t_import, n / t_import, c_import, duplicates, st.st_size / 1e6);
  g_stat (base_path, &st);
  printf ("  baseline: plain table + FTS5 trigram: %.2f s (CPU %.2f s), file %.1f MB; ratio %.2f (CPU %.2f)\n",
          t_base, c_base, st.st_size / 1e6, t_import / t_base, c_import / c_base);

  /* Importing the same rows again adds nothing */
  t0 = now ();
  g_assert_true (tl_store_begin (store, &error));
  duplicates = 0;
  for (guint i = 0; i < MIN (items->len, 10000); i++)
    {
      gboolean duplicate = FALSE;
      g_autoptr(TlFeedbackItem) again = make_item (rand, reviews, document, 0);

      /* the same row as before, by value */
      tl_feedback_item_set_text (again, tl_feedback_item_get_text (g_ptr_array_index (items, i)));
      tl_feedback_item_set_date (again, tl_feedback_item_get_date (g_ptr_array_index (items, i)));
      tl_feedback_item_set_source (again, tl_feedback_item_get_source (g_ptr_array_index (items, i)));
      tl_feedback_item_set_respondent (again, tl_feedback_item_get_respondent (g_ptr_array_index (items, i)));
      tl_store_add_feedback_full (store, again, TL_ADD_DEDUPLICATE, &duplicate, &error);
      g_assert_no_error (error);
      duplicates += duplicate;
    }
  g_assert_true (tl_store_commit (store, &error));
  printf ("  re-import of %u rows: %u duplicates, %.2f s; count still %" G_GINT64_FORMAT "\n",
          MIN (items->len, 10000), duplicates, now () - t0, tl_store_count_feedback (store));

  g_clear_object (&store);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Opening reads the kept evidence */
  t0 = now ();
  store = tl_store_open (path, TL_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  if (g_getenv ("TL_BENCH_PRAGMA"))
    g_assert_true (_tl_sqlite_exec (store->db, g_getenv ("TL_BENCH_PRAGMA"), NULL, NULL));
  printf ("  open with evidence of %u objects: %.1f ms\n",
          (guint)(g_list_model_get_n_items (tl_document_get_stations (tl_store_get_document (store))) +
                  g_list_model_get_n_items (tl_document_get_loops (tl_store_get_document (store))) +
                  g_list_model_get_n_items (tl_document_get_cells (tl_store_get_document (store)))),
          (now () - t0) * 1000);
  /* Of which the evidence: read again as opening reads it */
  t0 = now ();
  g_assert_true (_tl_store_evidence_load (store, &error));
  printf ("  of which reading the evidence of every station, loop and cell: %.2f ms\n", (now () - t0) * 1000);
  {
    const TlEvidence *e = tl_document_get_evidence (tl_store_get_document (store), "station", "wom");

    printf ("  station wom: count %" G_GUINT64_FORMAT ", average %.2f, negative %.0f %%, recent %.1f, temperature %.1f, %s\n",
            e->count, tl_evidence_average_rating (e), 100 * tl_evidence_negative_share (e),
            e->recent, e->temperature,
            tl_evidence_strength_label (tl_evidence_get_strength (e, tl_store_get_document (store))));
  }

  search (store, "好");
  search (store, "慢");
  search (store, "送餐");
  search (store, "态度");
  search (store, "不好吃");
  search (store, "味道不错");
  search (store, "a");
  search (store, "rude");
  search (store, "Fast delivery");

  {
    g_autoptr(TlFeedbackQuery) query = tl_feedback_query_new ();
    g_autoptr(GArray) ids = NULL;

    query->text = g_strdup ("好吃");
    query->stages = TL_STAGE_BIT ('C') | TL_STAGE_BIT ('D');
    query->rating_min = 4;
    query->linked_to = g_strdup ("loop:loop2");
    query->limit = 50;
    t0 = now ();
    ids = tl_store_query_feedback_ids (store, query, NULL, &error);
    g_assert_no_error (error);
    printf ("  filtered (好吃, stage C/D, rating ≥ 4, loop 2): first page %.1f ms (%u ids)\n",
            (now () - t0) * 1000, ids->len);
    g_clear_pointer (&ids, g_array_unref);

    query->limit = 0;
    query->sort = TL_FEEDBACK_SORT_RATING;
    t0 = now ();
    ids = tl_store_query_feedback_ids (store, query, NULL, &error);
    g_assert_no_error (error);
    printf ("  same, all, by rating: %.1f ms (%u ids)\n", (now () - t0) * 1000, ids->len);
    g_clear_pointer (&ids, g_array_unref);

    tl_feedback_query_free (g_steal_pointer (&query));
    query = tl_feedback_query_new ();
    t0 = now ();
    ids = tl_store_query_feedback_ids (store, query, NULL, &error);
    g_assert_no_error (error);
    printf ("  all ids in list order: %.1f ms (%u ids)\n", (now () - t0) * 1000, ids->len);
    g_clear_pointer (&ids, g_array_unref);

    query->sort = TL_FEEDBACK_SORT_RATING;
    t0 = now ();
    ids = tl_store_query_feedback_ids (store, query, NULL, &error);
    g_assert_no_error (error);
    printf ("  all ids by rating: %.1f ms (%u ids)\n", (now () - t0) * 1000, ids->len);
    g_clear_pointer (&ids, g_array_unref);

    query->sort = TL_FEEDBACK_SORT_TEXT;
    query->limit = 50;
    t0 = now ();
    ids = tl_store_query_feedback_ids (store, query, NULL, &error);
    g_assert_no_error (error);
    printf ("  first page by text: %.1f ms (%u ids)\n", (now () - t0) * 1000, ids->len);
    g_clear_pointer (&ids, g_array_unref);

    query->sort = TL_FEEDBACK_SORT_DATE;
    query->linked_to = g_strdup ("station:wom");
    t0 = now ();
    ids = tl_store_query_feedback_ids (store, query, NULL, &error);
    g_assert_no_error (error);
    printf ("  first page linked to a station (evidence pane): %.1f ms (%u ids)\n", (now () - t0) * 1000, ids->len);
    g_clear_pointer (&ids, g_array_unref);

    query->text = g_strdup ("不好吃");
    t0 = now ();
    ids = tl_store_query_feedback_ids (store, query, NULL, &error);
    g_assert_no_error (error);
    printf ("  first page 不好吃 linked to a station: %.1f ms (%u ids)\n", (now () - t0) * 1000, ids->len);
  }

  t0 = now ();
  g_assert_true (tl_store_count_by_stage (store, NULL, stage_counts, &error));
  printf ("  counts by stage, all: %.1f ms (A %" G_GUINT64_FORMAT ", none %" G_GUINT64_FORMAT ")\n",
          (now () - t0) * 1000, stage_counts[0], stage_counts[6]);
  t0 = now ();
  g_assert_true (tl_store_count_by_stage (store, "loop:loop2", stage_counts, &error));
  printf ("  counts by stage, loop 2: %.1f ms (A %" G_GUINT64_FORMAT ")\n", (now () - t0) * 1000, stage_counts[0]);
  {
    g_autoptr(GArray) sources_count = NULL;

    t0 = now ();
    sources_count = tl_store_count_by_source (store, "station:wom", &error);
    g_assert_no_error (error);
    printf ("  counts by source, station wom: %.1f ms (%u sources)\n", (now () - t0) * 1000, sources_count->len);
    g_clear_pointer (&sources_count, g_array_unref);
    t0 = now ();
    sources_count = tl_store_count_by_source (store, NULL, &error);
    g_assert_no_error (error);
    printf ("  counts by source, all: %.1f ms (%u sources)\n", (now () - t0) * 1000, sources_count->len);
  }
  {
    g_autoptr(TlFeedbackQuery) query = tl_feedback_query_new ();
    g_autoptr(GArray) ids = NULL;

    query->source = g_strdup ("美团");
    t0 = now ();
    ids = tl_store_query_feedback_ids (store, query, NULL, &error);
    g_assert_no_error (error);
    printf ("  all ids of one source: %.1f ms (%u ids)\n", (now () - t0) * 1000, ids->len);
  }

  /* Linking many items at once, then the evidence is checked */
  {
    g_autoptr(GArray) ids = tl_store_list_feedback_ids (store, &error);
    g_autoptr(GArray) changed = NULL;

    g_array_set_size (ids, MIN (ids->len, 50000));
    t0 = now ();
    changed = tl_store_link_feedback_many (store, (gint64 *)ids->data, ids->len, "station:culture", &error);
    g_assert_no_error (error);
    printf ("  link %u items to a station: %.1f ms (%u changed)\n", ids->len, (now () - t0) * 1000, changed->len);
  }

  t0 = now ();
  compare_evidence (store);
  printf ("  full evidence recompute: %.1f ms\n", (now () - t0) * 1000);

  g_clear_object (&store);
  /* To look at the file afterwards */
  if (g_getenv ("TL_BENCH_KEEP") != NULL && g_rename (path, g_getenv ("TL_BENCH_KEEP")) != 0)
    g_warning ("Could not keep %s", path);
  tl_test_rm_rf (dir);
  return 0;
}
