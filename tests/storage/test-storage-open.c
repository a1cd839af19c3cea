/* test-storage-open.c: files TlStore refuses, and tl_store_validate()
 *
 * Every refusal must leave the file exactly as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/wait.h>
#include <unistd.h>

#include "tl-working-copy.h"
#include "storage-test-util.h"

/* A 1×1 PNG */
static const guint8 png_bytes[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
  0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
  0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
  0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
  0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00,
  0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

/* A document with enough feedback to span many pages. */
static char *
make_document (const char *name,
               guint       n_feedback)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");
  g_autoptr(TlStore) store = NULL;
  char *path = tl_test_path (name);

  store = tl_test_create_store (path, document);

  g_assert_true (tl_store_begin (store, &error));
  for (guint i = 0; i < n_feedback; i++)
    {
      g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
      g_autofree char *text = g_strdup_printf ("第 %u 条反馈：服务员很热情，菜品不错，但是等位时间太长了。", i);

      tl_feedback_item_set_text (item, text);
      tl_store_add_feedback (store, item, &error);
      g_assert_no_error (error);
    }
  g_assert_true (tl_store_commit (store, &error));
  g_assert_no_error (error);

  return path;
}

/* Opens @path every way there is and checks each refuses with @code and
 * that the file is the same byte for byte afterwards, with nothing new
 * next to it. */
static void
assert_refused (const char *path,
                int         code)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *basename = g_path_get_basename (path);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  TlStoreOpenFlags flags[] = { TL_STORE_OPEN_DEFAULT, TL_STORE_OPEN_READ_ONLY };

  before = tl_test_read_file (path);

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TlStore) store = tl_store_open (path, flags[i], &error);

      g_assert_null (store);
      g_assert_error (error, TL_STORE_ERROR, code);
      /* Names the file, for the user */
      g_assert_nonnull (strstr (error->message, basename));
      g_test_message ("%s: %s", basename, error->message);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (tl_store_validate (path, &problems, &error));
    g_assert_error (error, TL_STORE_ERROR, code);
    g_assert_nonnull (problems);
    g_assert_cmpuint (problems->len, >=, 1);
    g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, error->message);
  }

  tl_test_assert_file_bytes (path, before);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

static void
test_refuse_text (void)
{
  g_autofree char *path = tl_test_path ("notes.touchloop");

  tl_test_write_file (path, "These are my notes.\n这是我的笔记。\n", -1);
  assert_refused (path, TL_STORE_ERROR_NOT_TOUCHLOOP);
}

static void
test_refuse_png (void)
{
  g_autofree char *path = tl_test_path ("picture.touchloop");

  tl_test_write_file (path, (const char *)png_bytes, sizeof png_bytes);
  assert_refused (path, TL_STORE_ERROR_NOT_TOUCHLOOP);
}

static void
test_refuse_empty (void)
{
  g_autofree char *path = tl_test_path ("empty.touchloop");

  tl_test_write_file (path, "", 0);
  assert_refused (path, TL_STORE_ERROR_NOT_TOUCHLOOP);
}

static void
test_refuse_other_application (void)
{
  g_autofree char *path = tl_test_path ("other-app.touchloop");
  g_autofree char *plain = tl_test_path ("plain.sqlite");

  tl_test_file_exec (path, "PRAGMA application_id = 1196444237;"  /* "GPKG" */
                           "PRAGMA user_version = 2;"
                           "CREATE TABLE station (id TEXT PRIMARY KEY);"
                           "INSERT INTO station VALUES ('hub');");
  assert_refused (path, TL_STORE_ERROR_NOT_TOUCHLOOP);

  /* No application id at all */
  tl_test_file_exec (plain, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  assert_refused (plain, TL_STORE_ERROR_NOT_TOUCHLOOP);
}

static void
test_refuse_newer (void)
{
  g_autofree char *path = make_document ("newer.touchloop", 10);

  tl_test_file_exec (path, "PRAGMA user_version = 99");
  assert_refused (path, TL_STORE_ERROR_NEWER_VERSION);
}

static void
test_refuse_truncated (void)
{
  g_autofree char *path = make_document ("truncated.touchloop", 500);
  g_autoptr(GBytes) whole = tl_test_read_file (path);
  gsize size = g_bytes_get_size (whole);

  g_assert_cmpuint (size, >, 8 * 4096);
  tl_test_write_file (path, g_bytes_get_data (whole, NULL), size / 2);
  assert_refused (path, TL_STORE_ERROR_CORRUPT);

  /* Cut anywhere, not only at a page boundary */
  tl_test_write_file (path, g_bytes_get_data (whole, NULL), size / 2 + 1000);
  assert_refused (path, TL_STORE_ERROR_CORRUPT);
}

static void
test_refuse_corrupt_page (void)
{
  g_autofree char *path = make_document ("corrupt.touchloop", 2000);
  g_autoptr(GBytes) whole = NULL;
  g_autofree char *check = NULL;
  guint8 *data;
  gsize size;
  gint64 page, page_size;
  sqlite3 *db;

  /* A leaf page of the feedback table, full of rows */
  db = tl_test_db_open (path, FALSE);
  page_size = tl_test_db_int (db, "PRAGMA page_size");
  page = tl_test_db_int (db, "SELECT pageno FROM dbstat WHERE name = 'feedback' AND pagetype = 'leaf'"
                             " ORDER BY pageno LIMIT 1 OFFSET 10");
  sqlite3_close (db);

  whole = tl_test_read_file (path);
  data = g_bytes_unref_to_data (g_steal_pointer (&whole), &size);
  g_assert_cmpuint ((gsize)(page * page_size), <=, size);
  /* Garbage over 200 bytes in the middle of the page: the rows there
   * now claim impossible sizes. */
  memset (data + (page - 1) * page_size + page_size / 2, 0xff, 200);
  tl_test_write_file (path, (const char *)data, size);
  g_free (data);

  /* The damage is real (SQLite itself sees it)... */
  check = tl_test_file_text (path, "PRAGMA quick_check");
  g_assert_cmpstr (check, !=, "ok");

  /* ...and is refused. */
  assert_refused (path, TL_STORE_ERROR_CORRUPT);
}

static void
test_refuse_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tl_test_path ("does-not-exist.touchloop");
  g_autoptr(TlStore) store = NULL;

  store = tl_store_open (path, TL_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (tl_store_validate (path, NULL, &error));
  g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A folder */
  store = tl_store_open (tl_test_dir, TL_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_NOT_TOUCHLOOP);
}

static gboolean
problems_contain (GPtrArray  *problems,
                  const char *needle)
{
  for (guint i = 0; i < problems->len; i++)
    if (strstr (g_ptr_array_index (problems, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_validate_sound (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_document ("sound.touchloop", 50);
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_true (tl_store_validate (path, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_validate_dangling (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_document ("dangling.touchloop", 5);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GPtrArray) model_problems = NULL;

  /* Written behind the store's back, foreign keys off as SQLite has them
   * by default */
  tl_test_file_exec (path, "INSERT INTO loop_station (loop_id, seq, station_id) VALUES ('loop1', 99, 'ghost')");
  before = tl_test_read_file (path);

  g_assert_false (tl_store_validate (path, &problems, &error));
  g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "ghost"));
  g_assert_nonnull (strstr (error->message, "loop1"));
  g_assert_cmpuint (problems->len, ==, 1);

  tl_test_assert_file_bytes (path, before);
  g_clear_error (&error);

  /* It still opens (the user gets to repair it), and the model sees the
   * same problem. */
  store = tl_store_open (path, TL_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  model_problems = tl_document_check (tl_store_get_document (store));
  g_assert_true (problems_contain (model_problems, "ghost"));
}

static void
test_validate_content (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_document ("content.touchloop", 5);
  g_autoptr(GPtrArray) problems = NULL;

  /* A loop with one station, a missing cell, a score above the scale of
   * 5, a link to a station that is not there */
  tl_test_file_exec (path,
                     "DELETE FROM loop_station WHERE loop_id = 'loop6' AND seq > 0;"
                     "DELETE FROM cell WHERE layer_id = 'media' AND type_id = 'act';"
                     "UPDATE cell SET target = 9 WHERE layer_id = 'people' AND type_id = 'sense';"
                     "INSERT INTO feedback_station (feedback_id, station_id) VALUES (1, 'nowhere');");

  g_assert_false (tl_store_validate (path, &problems, &error));
  g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_CORRUPT);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *)g_ptr_array_index (problems, i));

  g_assert_cmpuint (problems->len, ==, 4);
  g_assert_true (problems_contain (problems, "loop6"));
  g_assert_true (problems_contain (problems, "“media”"));
  g_assert_true (problems_contain (problems, "people/sense"));
  g_assert_true (problems_contain (problems, "nowhere"));
}

static void
test_validate_integrity (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_document ("index.touchloop", 300);
  g_autoptr(GPtrArray) problems = NULL;

  /* An index that no longer matches its table: quick_check cannot see
   * it, integrity_check can. */
  tl_test_file_exec (path, "PRAGMA writable_schema = ON;"
                           "UPDATE sqlite_schema SET sql = replace (sql, 'date DESC, id', 'id, date DESC')"
                           " WHERE name = 'feedback_list_order';"
                           "PRAGMA writable_schema = OFF;");

  g_assert_false (tl_store_validate (path, &problems, &error));
  g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_CORRUPT);
  g_assert_cmpuint (problems->len, >=, 1);
}

/* A writer that crashed mid-transaction leaves a hot journal and pages
 * of the unfinished change in the file.  Opening rolls it back; a working
 * copy takes the journal along and rolls back the copy. */
static void
test_hot_journal (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_document ("hot-journal.touchloop", 2000);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) file_before = NULL;
  g_autoptr(GBytes) journal_before = NULL;
  g_autoptr(TlWorkingCopy) copy = NULL;
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) items = NULL;
  int status = 0;
  pid_t pid;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      sqlite3 *db = NULL;

      /* A tiny cache makes SQLite write changed pages into the file
       * before the commit that never comes. */
      if (sqlite3_open (path, &db) != SQLITE_OK ||
          !_tl_sqlite_register (db, NULL, NULL) ||
          sqlite3_exec (db, "PRAGMA cache_size = 2; BEGIN;"
                            "UPDATE feedback SET text = text || ' (half written)';"
                            "UPDATE meta SET value = 'half written' WHERE key = 'title';",
                        NULL, NULL, NULL) != SQLITE_OK)
        _exit (1);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));

  file_before = tl_test_read_file (path);
  journal_before = tl_test_read_file (journal);

  /* The file itself, journal ignored, holds half of the change (so
   * much so that it reads as damaged): the rollback below is needed. */
  {
    g_autofree char *uri = g_strconcat ("file:", path, "?immutable=1", NULL);
    sqlite3_stmt *stmt = NULL;
    sqlite3 *db = NULL;
    int rc;

    g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
    rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM feedback WHERE text LIKE '%half written%'", -1, &stmt, NULL);
    if (rc == SQLITE_OK)
      rc = sqlite3_step (stmt);
    g_assert_true (rc == SQLITE_CORRUPT || (rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0));
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  /* The working copy: the user's file and its journal stay as they are */
  copy = tl_working_copy_open (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tl_document_get_title (tl_working_copy_get_document (copy)), !=, "half written");
  ids = tl_store_list_feedback_ids (tl_working_copy_get_store (copy), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2000);
  items = tl_store_fetch_feedback (tl_working_copy_get_store (copy), (gint64 *)ids->data, ids->len, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    g_assert_null (strstr (tl_feedback_item_get_text (g_ptr_array_index (items, i)), "half written"));
  tl_working_copy_discard (copy);

  tl_test_assert_file_bytes (path, file_before);
  tl_test_assert_file_bytes (journal, journal_before);

  /* Opened in place (as the command-line tool does): rolled back */
  store = tl_store_open (path, TL_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tl_document_get_title (tl_store_get_document (store)), !=, "half written");
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_clear_object (&store);
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM feedback WHERE text LIKE '%half written%'"), ==, 0);
  g_assert_true (tl_store_validate (path, NULL, &error));
  g_assert_no_error (error);
}

/* Another tool switched the file to WAL, and committed changes are in
 * the log only: the working copy has them. */
static void
test_wal (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_document ("wal.touchloop", 10);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TlWorkingCopy) copy = NULL;
  sqlite3 *db;

  db = tl_test_db_open (path, TRUE);
  tl_test_db_exec (db, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;"
                       "UPDATE meta SET value = 'in the log' WHERE key = 'title';");

  copy = tl_working_copy_open (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tl_document_get_title (tl_working_copy_get_document (copy)), ==, "in the log");
  {
    g_autofree char *mode = tl_test_file_text (tl_store_get_path (tl_working_copy_get_store (copy)),
                                               "PRAGMA journal_mode");
    g_assert_cmpstr (mode, ==, "delete");
  }
  tl_working_copy_discard (copy);
  sqlite3_close (db);
}

/* A matrix that lacks cells, or has cells of no layer or type, is
 * repaired on open with a message; nothing else changes. */
static void
test_repair_matrix (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tl_test_path ("holes.touchloop");
  g_autoptr(TlDocument) original = tl_template_new_o2o ("zh_CN");
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  const char * const *repairs;
  TlDocument *document;
  GListModel *cells;

  tl_test_fill_document (original);
  store = tl_test_create_store (path, original);
  g_assert_cmpuint (g_strv_length ((char **)tl_store_get_repairs (store)), ==, 0);
  g_clear_object (&store);

  tl_test_file_exec (path,
                     "PRAGMA foreign_keys = OFF;"
                     "DELETE FROM cell WHERE (layer_id = 'people' AND type_id = 'sense')"
                     " OR (layer_id = 'visual' AND type_id = 'relate');"
                     "INSERT INTO cell (layer_id, type_id, description) VALUES ('ghost', 'feel', '鬼'),"
                     " ('people', 'smell', NULL);");
  g_assert_false (tl_store_validate (path, &problems, &error));
  g_clear_error (&error);

  /* Read-only: repaired in memory, told, the file as it was */
  before = tl_test_read_file (path);
  store = tl_store_open (path, TL_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  repairs = tl_store_get_repairs (store);
  g_assert_cmpuint (g_strv_length ((char **)repairs), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (tl_document_get_cells (tl_store_get_document (store))), ==, 35);
  g_clear_object (&store);
  tl_test_assert_file_bytes (path, before);

  store = tl_store_open (path, TL_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  repairs = tl_store_get_repairs (store);
  for (guint i = 0; repairs[i] != NULL; i++)
    g_test_message ("repair: %s", repairs[i]);
  g_assert_cmpuint (g_strv_length ((char **)repairs), ==, 2);
  g_assert_nonnull (strstr (repairs[0], "people/sense"));
  g_assert_nonnull (strstr (repairs[0], "visual/relate"));
  g_assert_nonnull (strstr (repairs[1], "ghost/feel"));
  g_assert_nonnull (strstr (repairs[1], "people/smell"));

  /* The grid is whole, the new cells empty, the rest as it was */
  document = tl_store_get_document (store);
  cells = tl_document_get_cells (document);
  g_assert_cmpuint (g_list_model_get_n_items (cells), ==, 35);
  {
    g_autoptr(TlCell) empty = tl_cell_new ("people", "sense");

    g_assert_cmpstr (tl_cell_get_description (tl_document_lookup_cell (document, "people", "sense")), ==,
                     tl_cell_get_description (empty));
  }
  g_assert_cmpuint (tl_cell_get_current (tl_document_lookup_cell (document, "visual", "relate")), ==, TL_SCORE_UNSET);
  for (guint i = 0; i < g_list_model_get_n_items (cells); i++)
    {
      g_autoptr(TlCell) cell = g_list_model_get_item (cells, i);
      const char *id = tl_cell_get_id (cell);

      if (strcmp (id, "people/sense") != 0 && strcmp (id, "visual/relate") != 0)
        tl_test_assert_cells_equal (cell, tl_document_lookup_cell (original, tl_cell_get_layer (cell),
                                                                   tl_cell_get_type_id (cell)));
    }
  tl_test_assert_lists_equal (tl_document_get_stations (document), tl_document_get_stations (original),
                              (TlTestItemsEqual)tl_test_assert_stations_equal);
  tl_test_assert_lists_equal (tl_document_get_loops (document), tl_document_get_loops (original),
                              (TlTestItemsEqual)tl_test_assert_loops_equal);
  tl_test_assert_lists_equal (tl_document_get_layers (document), tl_document_get_layers (original),
                              (TlTestItemsEqual)tl_test_assert_headers_equal);
  g_assert_cmpstr (tl_document_get_title (document), ==, tl_document_get_title (original));
  g_clear_object (&store);

  /* … and so is the file: sound, and nothing to repair next time */
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM cell"), ==, 35);
  g_assert_true (tl_store_validate (path, NULL, &error));
  g_assert_no_error (error);
  store = tl_store_open (path, TL_STORE_OPEN_DEFAULT, &error);
  g_assert_cmpuint (g_strv_length ((char **)tl_store_get_repairs (store)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  tl_test_init (&argc, &argv);

  /* Working copies of our own (the hot journal test makes one) */
  tl_test_use_own_data_home ();

  g_test_add_func ("/tl/storage/open/refuse-text", test_refuse_text);
  g_test_add_func ("/tl/storage/open/refuse-png", test_refuse_png);
  g_test_add_func ("/tl/storage/open/refuse-empty", test_refuse_empty);
  g_test_add_func ("/tl/storage/open/refuse-other-application", test_refuse_other_application);
  g_test_add_func ("/tl/storage/open/refuse-newer", test_refuse_newer);
  g_test_add_func ("/tl/storage/open/refuse-truncated", test_refuse_truncated);
  g_test_add_func ("/tl/storage/open/refuse-corrupt-page", test_refuse_corrupt_page);
  g_test_add_func ("/tl/storage/open/refuse-missing", test_refuse_missing);
  g_test_add_func ("/tl/storage/open/hot-journal", test_hot_journal);
  g_test_add_func ("/tl/storage/open/wal", test_wal);
  g_test_add_func ("/tl/storage/open/repair-matrix", test_repair_matrix);
  g_test_add_func ("/tl/storage/validate/sound", test_validate_sound);
  g_test_add_func ("/tl/storage/validate/dangling-loop-station", test_validate_dangling);
  g_test_add_func ("/tl/storage/validate/content", test_validate_content);
  g_test_add_func ("/tl/storage/validate/integrity", test_validate_integrity);

  return tl_test_run ();
}
