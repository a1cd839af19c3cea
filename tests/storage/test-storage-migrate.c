/* test-storage-migrate.c: files of formats 1 and 2 open and become the
 * current format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-store.h"
#include "feedback-test-util.h"

#define N_FEEDBACK 300

/* What tl_test_write_v1_file() wrote, as a document */
static void
assert_v1_document (TlDocument *document)
{
  TlStation *order, *shop;
  TlLoop *loop;
  TlCell *cell;
  const char *stations[] = { "order", "shop", NULL };

  g_assert_cmpstr (tl_document_get_title (document), ==, "旧版文件");
  g_assert_cmpstr (tl_document_get_language (document), ==, "zh_CN");
  g_assert_cmpuint (tl_document_get_score_scale (document), ==, 7);

  g_assert_cmpuint (g_list_model_get_n_items (tl_document_get_stations (document)), ==, 2);
  order = tl_document_lookup_station (document, "order");
  shop = tl_document_lookup_station (document, "shop");
  g_assert_cmpstr (tl_station_get_label (order), ==, "线上订单");
  g_assert_cmpstr (tl_station_get_kind (order), ==, "online");
  g_assert_cmpstr (tl_station_get_description (order), ==, "下单");
  g_assert_cmpstr (tl_station_get_owner (order), ==, "transaction");
  g_assert_cmpfloat (tl_station_get_x (order), ==, 240.5);
  g_assert_cmpfloat (tl_station_get_y (shop), ==, 110.25);

  loop = tl_document_lookup_loop (document, "l1");
  g_assert_nonnull (loop);
  g_assert_cmpstr (tl_loop_get_name (loop), ==, "销售");
  g_assert_cmpstr (tl_loop_get_color (loop), ==, "#0072b2");
  g_assert_cmpstr (tl_loop_get_description (loop), ==, "第一个闭环");
  tl_test_assert_strv_equal (tl_loop_get_stations (loop), stations);

  g_assert_cmpuint (g_list_model_get_n_items (tl_document_get_cells (document)), ==, 4);
  cell = tl_document_lookup_cell (document, "people", "feel");
  g_assert_cmpstr (tl_cell_get_description (cell), ==, "服务员关心顾客的钱包");
  g_assert_cmpuint (tl_cell_get_current (cell), ==, 3);
  g_assert_cmpuint (tl_cell_get_target (cell), ==, 6);
  g_assert_true (tl_cell_get_key (cell));
  g_assert_cmpstr (tl_cell_get_owner (cell), ==, "perception");
  g_assert_cmpstr (tl_cell_get_notes (cell), ==, "重点");
  cell = tl_document_lookup_cell (document, "people", "think");
  g_assert_cmpuint (tl_cell_get_current (cell), ==, TL_SCORE_UNSET);
  g_assert_true (tl_matrix_header_get_key (tl_document_lookup_layer (document, "people")));
  g_assert_cmpstr (tl_matrix_header_get_description (tl_document_lookup_layer (document, "space")), ==, "店面");
}

static void
test_migrate_v1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tl_test_path ("v1.touchloop");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(TlFeedbackItem) item = NULL;
  g_autofree char *old_rows = NULL;
  g_autofree char *new_rows = NULL;
  const char *rows_sql = "SELECT group_concat (id || text || ifnull (date, '-') || ifnull (stage, '-')"
                         " || ifnull (rating, '-') || respondent || tags, ';') FROM feedback";
  const char *links_sql = "SELECT (SELECT group_concat (feedback_id || station_id) FROM feedback_station)"
                          " || (SELECT group_concat (feedback_id || loop_id) FROM feedback_loop)"
                          " || (SELECT group_concat (feedback_id || layer_id || type_id) FROM feedback_cell)";
  g_autofree char *old_links = NULL;
  g_autofree char *new_links = NULL;
  const char *links[] = { "station:shop", "loop:l1", NULL };
  gint64 id;

  tl_test_write_v1_file (path, N_FEEDBACK);
  g_assert_cmpint (tl_test_file_int (path, "PRAGMA user_version"), ==, 1);
  old_rows = tl_test_file_text (path, rows_sql);
  old_links = tl_test_file_text (path, links_sql);

  /* A sound format 1 file is valid as it is. */
  g_assert_true (tl_store_validate (path, NULL, &error));
  g_assert_no_error (error);

  /* Read-only: migrated in memory, the file untouched */
  before = tl_test_read_file (path);
  store = tl_store_open (path, TL_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  assert_v1_document (tl_store_get_document (store));
  g_assert_cmpint (tl_store_count_feedback (store), ==, N_FEEDBACK);
  g_clear_object (&store);
  tl_test_assert_file_bytes (path, before);

  /* For writing: migrated on disk */
  store = tl_store_open (path, TL_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  assert_v1_document (tl_store_get_document (store));

  g_assert_cmpint (tl_test_file_int (path, "PRAGMA user_version"), ==, TL_STORE_FORMAT_VERSION);
  g_assert_cmpint (tl_test_file_int (path, "PRAGMA application_id"), ==, TL_STORE_APPLICATION_ID);
  new_rows = tl_test_file_text (path, rows_sql);
  new_links = tl_test_file_text (path, links_sql);
  g_assert_cmpstr (new_rows, ==, old_rows);
  g_assert_cmpstr (new_links, ==, old_links);

  /* The index covers every item, and finds substrings of Chinese text */
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM feedback_fts_docsize"), ==, N_FEEDBACK);
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM feedback_fts WHERE feedback_fts MATCH '很热情'"),
                   ==, N_FEEDBACK / 3);
  g_assert_cmpint (tl_test_file_int (path, "SELECT min (rowid) FROM feedback_fts WHERE feedback_fts MATCH '很热情'"),
                   ==, 3);
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM feedback_fts WHERE feedback_fts MATCH '等位太久'"),
                   ==, N_FEEDBACK - N_FEEDBACK / 3);

  /* Items read back as they were written */
  ids = tl_store_list_feedback_ids (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, N_FEEDBACK);
  {
    gint64 seven = 7;

    items = tl_store_fetch_feedback (store, &seven, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (items->len, ==, 1);
    item = g_object_ref (g_ptr_array_index (items, 0));
    g_assert_cmpstr (tl_feedback_item_get_text (item), ==, "顾客 7：等位太久");
    g_assert_cmpstr (tl_feedback_item_get_date (item), ==, "2023-05-01");
    g_assert_cmpint (tl_feedback_item_get_stage (item), ==, 'C');
    g_assert_true (tl_feedback_item_has_rating (item));
    g_assert_cmpfloat (tl_feedback_item_get_rating (item), ==, 4.5);
    g_assert_cmpstr (tl_feedback_item_get_respondent (item), ==, "r7");
    g_assert_cmpstr (tl_feedback_item_get_tags (item), ==, "tag2");
    {
      const char *expected[] = { "station:order", "loop:l1", "cell:people/feel", NULL };
      tl_test_assert_strv_equal (tl_feedback_item_get_links (item), expected);
    }
    g_clear_object (&item);
  }

  /* New feedback is indexed, by both indexes */
  item = tl_feedback_item_new (0);
  tl_feedback_item_set_text (item, "新的反馈：环境非常安静舒适");
  tl_feedback_item_set_links (item, links);
  id = tl_store_add_feedback (store, item, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tl_test_file_int (path, "SELECT rowid FROM feedback_fts WHERE feedback_fts MATCH '非常安静'"), ==, id);
  {
    g_autoptr(GArray) found = tl_store_search_feedback_ids (store, "静", &error);

    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpint (g_array_index (found, gint64, 0), ==, id);
  }
  tl_test_assert_evidence (store);

  g_clear_object (&store);
  g_assert_true (tl_store_validate (path, NULL, &error));
  g_assert_no_error (error);

  /* Opening again does not migrate again */
  store = tl_store_open (path, TL_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tl_store_count_feedback (store), ==, N_FEEDBACK + 1);
}

static void
test_migration_is_atomic (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tl_test_path ("v1-blocked.touchloop");
  g_autoptr(TlStore) store = NULL;

  /* Something in the file is in the way of the migration's third
   * statement: the first two must not stay behind. */
  tl_test_write_v1_file (path, 20);
  tl_test_file_exec (path, "CREATE TRIGGER feedback_fts_update AFTER UPDATE ON feedback BEGIN SELECT 1; END");

  store = tl_store_open (path, TL_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);

  g_assert_cmpint (tl_test_file_int (path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'feedback_fts%'"), ==, 1);
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM feedback"), ==, 20);
}

/* Ids that one- and two-character queries give, against a scan */
static void
assert_short_queries (TlStore    *store,
                      const char *path)
{
  const char *queries[] = { "热", "热情", "等", "太久", "顾", "客 1", "：", "zz" };
  g_autoptr(GPtrArray) rows = tl_test_read_rows (path);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) found = tl_store_search_feedback_ids (store, queries[q], &error);
      g_autoptr(GHashTable) want = g_hash_table_new (g_int64_hash, g_int64_equal);

      g_assert_no_error (error);
      for (guint i = 0; i < rows->len; i++)
        {
          TlTestRow *row = g_ptr_array_index (rows, i);

          if (strstr (row->text, queries[q]) != NULL)
            g_hash_table_add (want, &row->id);
        }
      g_assert_cmpuint (found->len, ==, g_hash_table_size (want));
      for (guint i = 0; i < found->len; i++)
        g_assert_true (g_hash_table_contains (want, &g_array_index (found, gint64, i)));
    }
}

static void
test_migrate_v2 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tl_test_path ("v2.touchloop");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(TlStore) store = NULL;
  g_autofree char *old_rows = NULL;
  g_autofree char *new_rows = NULL;
  const char *rows_sql = "SELECT group_concat (id || text || ifnull (date, '-') || ifnull (stage, '-')"
                         " || ifnull (rating, '-') || respondent || ifnull (tags, '-'), ';') FROM feedback";

  tl_test_write_v2_file (path, N_FEEDBACK);
  g_assert_cmpint (tl_test_file_int (path, "PRAGMA user_version"), ==, 2);
  old_rows = tl_test_file_text (path, rows_sql);
  g_assert_true (tl_store_validate (path, NULL, &error));
  g_assert_no_error (error);

  /* Read-only: migrated in memory (the new index too), the file untouched */
  before = tl_test_read_file (path);
  store = tl_store_open (path, TL_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  assert_v1_document (tl_store_get_document (store));
  g_assert_cmpint (tl_store_count_feedback (store), ==, N_FEEDBACK + 2);
  {
    g_autoptr(GArray) found = tl_store_search_feedback_ids (store, "热情", &error);

    g_assert_cmpuint (found->len, ==, N_FEEDBACK / 3);
  }
  g_assert_cmpuint (tl_document_get_evidence (tl_store_get_document (store), "station", "order")->count, >, 0);
  g_clear_object (&store);
  tl_test_assert_file_bytes (path, before);

  /* For writing: on disk */
  store = tl_store_open (path, TL_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  assert_v1_document (tl_store_get_document (store));
  g_assert_cmpint (tl_test_file_int (path, "PRAGMA user_version"), ==, TL_STORE_FORMAT_VERSION);
  new_rows = tl_test_file_text (path, rows_sql);
  g_assert_cmpstr (new_rows, ==, old_rows);

  /* The new columns of the old rows */
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM feedback WHERE text_chars <> length (text)"), ==, 0);
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM feedback WHERE n_images <> 0 OR phase IS NOT NULL"
                                           " OR rating_original IS NOT NULL"), ==, 0);
  /* Only the first of identical rows is recognised on a later import */
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM feedback WHERE fingerprint IS NULL"), ==, 2);
  g_assert_cmpint (tl_test_file_int (path, "SELECT max (id) FROM feedback WHERE fingerprint IS NULL"), ==, N_FEEDBACK + 2);
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(DISTINCT fingerprint) FROM feedback"), ==, N_FEEDBACK);

  /* Both indexes cover every item */
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM feedback_fts_docsize"), ==, N_FEEDBACK + 2);
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM feedback_gram_docsize"), ==, N_FEEDBACK + 2);
  assert_short_queries (store, path);

  /* The evidence was computed on open and kept */
  tl_test_assert_evidence (store);
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM evidence WHERE kind = 'station'"), ==, 2);

  /* Importing the old rows again adds nothing */
  g_assert_true (tl_store_begin (store, &error));
  for (guint i = 1; i <= N_FEEDBACK; i++)
    {
      g_autoptr(TlFeedbackItem) item = NULL;
      gboolean duplicate = FALSE;

      item = tl_store_get_feedback (store, i, &error);
      g_assert_no_error (error);
      g_assert_cmpint (tl_store_add_feedback_full (store, item, TL_ADD_DEDUPLICATE, &duplicate, &error), ==, i);
      g_assert_true (duplicate);
    }
  g_assert_true (tl_store_commit (store, &error));
  g_assert_cmpint (tl_store_count_feedback (store), ==, N_FEEDBACK + 2);

  g_clear_object (&store);
  g_assert_true (tl_store_validate (path, NULL, &error));
  g_assert_no_error (error);
}

/* Rows another program added are indexed when Touchloop opens the file */
static void
test_search_index_repaired (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tl_test_path ("unindexed.touchloop");
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GArray) found = NULL;

  store = tl_test_create_store (path, document);
  g_clear_object (&store);

  tl_test_file_exec (path, "INSERT INTO feedback (text) VALUES ('written elsewhere'), ('also elsewhere');");

  g_assert_false (tl_store_validate (path, &problems, &error));
  g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_CORRUPT);
  g_assert_cmpuint (problems->len, ==, 2);   /* both indexes */
  g_clear_error (&error);

  store = tl_store_open (path, TL_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  found = tl_store_search_feedback_ids (store, "elsewhere", &error);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_array_unref);
  found = tl_store_search_feedback_ids (store, "ls", &error);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_object (&store);

  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM feedback_fts WHERE feedback_fts MATCH 'elsewhere'"), ==, 2);
  g_assert_true (tl_store_validate (path, NULL, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  tl_test_init (&argc, &argv);

  g_test_add_func ("/tl/storage/migrate/v1", test_migrate_v1);
  g_test_add_func ("/tl/storage/migrate/v2", test_migrate_v2);
  g_test_add_func ("/tl/storage/migrate/atomic", test_migration_is_atomic);
  g_test_add_func ("/tl/storage/migrate/search-index-repaired", test_search_index_repaired);

  return tl_test_run ();
}
