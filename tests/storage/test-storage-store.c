/* test-storage-store.c: TlStore creates, opens and keeps a file in sync
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-store.h"
#include "storage-test-util.h"

static void
test_round_trip_o2o (void)
{
  const char *languages[] = { "zh_CN", "zh_TW", "en" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TlDocument) document = tl_template_new_o2o (languages[l]);
      g_autofree char *name = g_strdup_printf ("round-trip-%s.touchloop", languages[l]);
      g_autofree char *path = tl_test_path (name);
      g_autofree char *journal = g_strconcat (path, "-journal", NULL);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autoptr(TlStore) store = NULL;
      g_autoptr(TlStore) reopened = NULL;

      tl_test_fill_document (document);

      store = tl_test_create_store (path, document);
      g_assert_true (tl_store_get_document (store) == document);
      g_assert_cmpstr (tl_store_get_path (store), ==, path);
      g_assert_false (tl_store_get_read_only (store));
      g_clear_object (&store);

      /* The file itself: ours, current version, rollback journal, no
       * companion files left behind. */
      g_assert_cmpint (tl_test_file_int (path, "PRAGMA application_id"), ==, TL_STORE_APPLICATION_ID);
      g_assert_cmpint (tl_test_file_int (path, "PRAGMA user_version"), ==, TL_STORE_FORMAT_VERSION);
      tl_test_assert_file_text (path, "PRAGMA journal_mode", "delete");
      g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_assert_true (tl_store_validate (path, NULL, &error));
      g_assert_no_error (error);

      reopened = tl_store_open (path, TL_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_nonnull (reopened);
      g_assert_true (tl_store_get_document (reopened) != document);
      tl_test_assert_documents_equal (tl_store_get_document (reopened), document);
      g_assert_cmpint (tl_store_count_feedback (reopened), ==, 0);

      /* Opening for writing changed nothing: still the same on disk. */
      g_clear_object (&reopened);
      tl_test_assert_file_matches (path, document);
    }
}

static void
test_create_refuses_existing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlDocument) document = tl_template_new_blank ("en");
  g_autofree char *path = tl_test_path ("existing.touchloop");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(TlStore) store = NULL;

  tl_test_write_file (path, "precious", -1);
  before = tl_test_read_file (path);

  store = tl_store_create (path, document, &error);
  g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_EXISTS);
  g_assert_null (store);

  tl_test_assert_file_bytes (path, before);
}

static void
push_property (TlUndoStack *stack,
               gpointer     target,
               const char  *property,
               const GValue *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlCommand) command = tl_set_property_command_new (G_OBJECT (target), property, value, FALSE);

  g_assert_true (tl_undo_stack_push (stack, command, &error));
  g_assert_no_error (error);
}

static void
test_edits_persist (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");
  g_autofree char *path = tl_test_path ("edits.touchloop");
  g_autoptr(TlStore) store = NULL;
  g_autoptr(TlUndoStack) stack = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  TlStation *wom;
  TlCell *cell;
  g_autofree char *original_title = NULL;

  store = tl_test_create_store (path, document);
  stack = tl_undo_stack_new (document);
  original_title = g_strdup (tl_document_get_title (document));
  g_assert_cmpstr (original_title, !=, "新标题");

  /* A station's label */
  wom = tl_document_lookup_station (document, "wom");
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "口碑传播 (edited)");
  push_property (stack, wom, "label", &value);
  tl_test_assert_file_text (path, "SELECT label FROM station WHERE id = 'wom'", "口碑传播 (edited)");

  /* A cell's score */
  cell = tl_document_lookup_cell (document, "people", "feel");
  g_value_unset (&value);
  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, 4);
  push_property (stack, cell, "current", &value);
  g_assert_cmpint (tl_test_file_int (path, "SELECT current FROM cell WHERE layer_id = 'people' AND type_id = 'feel'"), ==, 4);

  /* The document's title */
  g_value_unset (&value);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "新标题");
  push_property (stack, document, "title", &value);
  tl_test_assert_file_text (path, "SELECT value FROM meta WHERE key = 'title'", "新标题");

  tl_test_assert_file_matches (path, document);

  /* Undo reverts on disk, one step at a time. */
  g_assert_true (tl_undo_stack_undo (stack));
  tl_test_assert_file_text (path, "SELECT value FROM meta WHERE key = 'title'", original_title);

  g_assert_true (tl_undo_stack_undo (stack));
  tl_test_assert_file_text (path, "SELECT quote (current) FROM cell WHERE layer_id = 'people' AND type_id = 'feel'",
                            "NULL");

  g_assert_true (tl_undo_stack_undo (stack));
  tl_test_assert_file_text (path, "SELECT label FROM station WHERE id = 'wom'", "口碑");

  tl_test_assert_file_matches (path, document);

  g_assert_true (tl_undo_stack_redo (stack));
  tl_test_assert_file_text (path, "SELECT label FROM station WHERE id = 'wom'", "口碑传播 (edited)");
  tl_test_assert_file_matches (path, document);
}

static void
test_structure_persists (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autofree char *path = tl_test_path ("structure.touchloop");
  g_autoptr(TlStore) store = NULL;
  g_autoptr(TlUndoStack) stack = NULL;
  g_autoptr(TlCommand) remove = NULL;
  g_autoptr(TlCommand) add = NULL;
  g_autoptr(TlStation) station = NULL;
  g_autoptr(TlFeedbackItem) item = NULL;
  const char *links[] = { "station:pain", "loop:loop6", "loop:loop1", NULL };
  gint64 id;

  store = tl_test_create_store (path, document);
  stack = tl_undo_stack_new (document);

  item = tl_feedback_item_new (0);
  tl_feedback_item_set_text (item, "店里太吵了");
  tl_feedback_item_set_links (item, links);
  id = tl_store_add_feedback (store, item, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* Removing "pain" takes it out of loops 3–6 and removes loop 6, which
   * is left with one station. */
  remove = tl_remove_station_command_new ("pain");
  g_assert_true (tl_undo_stack_push (stack, remove, &error));
  g_assert_no_error (error);
  g_assert_null (tl_document_lookup_loop (document, "loop6"));

  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM station WHERE id = 'pain'"), ==, 0);
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM loop WHERE id = 'loop6'"), ==, 0);
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM loop_station WHERE station_id = 'pain'"), ==, 0);
  tl_test_assert_file_text (path, "SELECT station_id FROM loop_station WHERE loop_id = 'loop4' ORDER BY seq",
                            "order|production|logistics|experience");
  tl_test_assert_file_text (path, "SELECT id FROM station ORDER BY position",
                            "hub|order|production|logistics|experience|wom|culture");
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM feedback_station"), ==, 0);
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM feedback_loop"), ==, 1);
  g_assert_true (tl_store_validate (path, NULL, &error));
  g_assert_no_error (error);
  tl_test_assert_file_matches (path, document);

  /* Undo brings all of it back, feedback links included. */
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_nonnull (tl_document_lookup_loop (document, "loop6"));
  tl_test_assert_file_text (path, "SELECT id FROM station ORDER BY position",
                            "hub|order|production|logistics|experience|wom|pain|culture");
  tl_test_assert_file_text (path, "SELECT station_id FROM loop_station WHERE loop_id = 'loop4' ORDER BY seq",
                            "order|production|logistics|experience|pain");
  tl_test_assert_file_text (path, "SELECT id FROM loop ORDER BY position",
                            "loop1|loop2|loop3|loop4|loop5|loop6");
  tl_test_assert_file_text (path,
                            "SELECT 'station:' || station_id FROM feedback_station UNION ALL "
                            "SELECT 'loop:' || loop_id FROM feedback_loop ORDER BY 1",
                            "loop:loop1|loop:loop6|station:pain");
  g_assert_true (tl_store_validate (path, NULL, &error));
  g_assert_no_error (error);
  tl_test_assert_file_matches (path, document);

  /* A new station at the end, then away again */
  station = tl_station_new ("kiosk", "custom", "自助机", 10, 20);
  add = tl_add_station_command_new (station);
  g_assert_true (tl_undo_stack_push (stack, add, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tl_test_file_int (path, "SELECT position FROM station WHERE id = 'kiosk'"), ==, 8);
  tl_test_assert_file_matches (path, document);
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM station WHERE id = 'kiosk'"), ==, 0);
  tl_test_assert_file_matches (path, document);
}

static void
test_backup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_TW");
  g_autofree char *path = tl_test_path ("backup-src.touchloop");
  g_autofree char *dest = tl_test_path ("backup-dest.touchloop");
  g_autoptr(TlStore) store = NULL;
  g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
  g_autoptr(GBytes) before = NULL;

  tl_test_fill_document (document);
  store = tl_test_create_store (path, document);
  tl_feedback_item_set_text (item, "備份");
  tl_store_add_feedback (store, item, &error);
  g_assert_no_error (error);

  g_assert_true (tl_store_backup_to (store, dest, &error));
  g_assert_no_error (error);
  g_assert_true (tl_store_validate (dest, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tl_test_file_int (dest, "PRAGMA application_id"), ==, TL_STORE_APPLICATION_ID);
  g_assert_cmpint (tl_test_file_int (dest, "PRAGMA user_version"), ==, TL_STORE_FORMAT_VERSION);
  g_assert_cmpint (tl_test_file_int (dest, "SELECT count(*) FROM feedback"), ==, 1);
  tl_test_assert_file_matches (dest, document);

  /* Never over an existing file */
  before = tl_test_read_file (dest);
  g_assert_false (tl_store_backup_to (store, dest, &error));
  g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_EXISTS);
  tl_test_assert_file_bytes (dest, before);
}

static void
test_transactions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autofree char *path = tl_test_path ("transactions.touchloop");
  g_autoptr(TlStore) store = NULL;

  store = tl_test_create_store (path, document);

  g_assert_true (tl_store_begin (store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);

      tl_feedback_item_set_text (item, "rolled back");
      g_assert_cmpint (tl_store_add_feedback (store, item, &error), >, 0);
      g_assert_no_error (error);
    }
  /* A change of the document inside the transaction is part of it. */
  tl_document_set_title (document, "inside");
  g_assert_cmpint (tl_store_count_feedback (store), ==, 3);
  tl_store_rollback (store);
  g_assert_cmpint (tl_store_count_feedback (store), ==, 0);
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM feedback"), ==, 0);
  tl_document_set_title (document, "");

  g_assert_true (tl_store_begin (store, &error));
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);

      tl_feedback_item_set_text (item, "kept");
      g_assert_cmpint (tl_store_add_feedback (store, item, &error), >, 0);
      g_assert_no_error (error);
    }
  /* Not visible to others before the commit */
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM feedback"), ==, 0);
  g_assert_true (tl_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM feedback"), ==, 5);
  tl_test_assert_file_matches (path, document);
}

static void
test_read_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autofree char *path = tl_test_path ("read-only.touchloop");
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autoptr(TlStore) store = NULL;
  g_autoptr(TlStore) reader = NULL;
  g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
  g_autoptr(GBytes) before = NULL;
  TlDocument *copy;

  store = tl_test_create_store (path, document);
  g_clear_object (&store);
  before = tl_test_read_file (path);

  reader = tl_store_open (path, TL_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (tl_store_get_read_only (reader));
  copy = tl_store_get_document (reader);
  tl_test_assert_documents_equal (copy, document);

  /* Changes stay in memory; adding feedback is refused. */
  tl_document_set_title (copy, "not written");
  tl_feedback_item_set_text (item, "nope");
  g_assert_cmpint (tl_store_add_feedback (reader, item, &error), ==, -1);
  g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_clear_object (&reader);

  tl_test_assert_file_bytes (path, before);
}

static void
count_failure_cb (TlStore *store,
                  GError  *error,
                  guint   *failures)
{
  g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO);
  (*failures)++;
}

static void
test_write_failed_signal (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autofree char *path = tl_test_path ("write-failed.touchloop");
  g_autoptr(TlStore) store = NULL;
  sqlite3 *other;
  guint failures = 0;

  store = tl_test_create_store (path, document);
  g_signal_connect (store, "write-failed", G_CALLBACK (count_failure_cb), &failures);

  /* Someone else takes the table away: the change cannot be written,
   * and the store says so instead of failing silently. */
  other = tl_test_db_open (path, TRUE);
  tl_test_db_exec (other, "DROP TABLE meta");
  tl_document_set_title (document, "lost");
  g_assert_cmpuint (failures, ==, 1);

  /* The next change goes through again. */
  tl_test_db_exec (other, "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value)");
  sqlite3_close (other);
  tl_document_set_title (document, "kept");
  g_assert_cmpuint (failures, ==, 1);
  tl_test_assert_file_text (path, "SELECT value FROM meta WHERE key = 'title'", "kept");
}

int
main (int   argc,
      char *argv[])
{
  tl_test_init (&argc, &argv);

  g_test_add_func ("/tl/storage/store/round-trip-o2o", test_round_trip_o2o);
  g_test_add_func ("/tl/storage/store/create-refuses-existing", test_create_refuses_existing);
  g_test_add_func ("/tl/storage/store/edits-persist", test_edits_persist);
  g_test_add_func ("/tl/storage/store/structure-persists", test_structure_persists);
  g_test_add_func ("/tl/storage/store/backup", test_backup);
  g_test_add_func ("/tl/storage/store/transactions", test_transactions);
  g_test_add_func ("/tl/storage/store/read-only", test_read_only);
  g_test_add_func ("/tl/storage/store/write-failed-signal", test_write_failed_signal);

  return tl_test_run ();
}
