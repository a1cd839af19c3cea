/* test-storage-working-copy.c: open, edit and save through a working copy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-working-copy.h"
#include "storage-test-util.h"

static void
assert_file_title (GFile      *file,
                   const char *expected)
{
  g_autofree char *path = g_file_get_path (file);

  tl_test_assert_file_text (path, "SELECT value FROM meta WHERE key = 'title'", expected);
}

static GBytes *
file_bytes (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  return tl_test_read_file (path);
}

static void
assert_file_bytes (GFile  *file,
                   GBytes *expected)
{
  g_autofree char *path = g_file_get_path (file);

  tl_test_assert_file_bytes (path, expected);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* The names in the working directory, sorted, joined with spaces */
static char *
working_files (void)
{
  g_autofree char *directory = tl_working_copy_get_directory ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir *dir = g_dir_open (directory, 0, NULL);
  const char *name;

  if (dir == NULL)
    return g_strdup ("");
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_dir_close (dir);

  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **)names->pdata);
}

static GKeyFile *
load_sidecar (void)
{
  g_autofree char *directory = tl_working_copy_get_directory ();
  GDir *dir = g_dir_open (directory, 0, NULL);
  GKeyFile *keyfile = NULL;
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".ini"))
        {
          g_autofree char *path = g_build_filename (directory, name, NULL);
          g_autoptr(GError) error = NULL;

          g_assert_null (keyfile);   /* only one at a time in these tests */
          keyfile = g_key_file_new ();
          g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, &error);
          g_assert_no_error (error);
        }
    }
  g_dir_close (dir);
  g_assert_nonnull (keyfile);
  return keyfile;
}

static void
assert_working_directory_empty (void)
{
  g_autofree char *files = working_files ();

  g_assert_cmpstr (files, ==, "");
}

static void
count_notify_cb (guint *count)
{
  (*count)++;
}

static void
test_open_edit_save (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = tl_test_make_user_file ("open-edit-save.touchloop", "原来的标题");
  g_autoptr(GBytes) before = file_bytes (file);
  g_autoptr(TlWorkingCopy) copy = NULL;
  g_autoptr(GKeyFile) sidecar = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *origin = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *files = NULL;
  TlDocument *document;
  TlStore *store;
  guint n_modified_notifies = 0;
  guint n_file_notifies = 0;

  copy = tl_working_copy_open (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_true (g_file_equal (tl_working_copy_get_file (copy), file));
  g_assert_false (tl_working_copy_get_modified (copy));

  /* A copy, its sidecar and its lock, in the working directory */
  store = tl_working_copy_get_store (copy);
  document = tl_working_copy_get_document (copy);
  g_assert_true (tl_store_get_document (store) == document);
  g_assert_true (g_str_has_prefix (tl_store_get_path (store), tl_test_dir));
  files = working_files ();
  g_assert_true (g_regex_match_simple ("^[0-9a-f-]{36}\\.ini [0-9a-f-]{36}\\.lock [0-9a-f-]{36}\\.touchloop$",
                                       files, 0, 0));

  sidecar = load_sidecar ();
  origin = g_key_file_get_string (sidecar, "Working Copy", "Origin", NULL);
  etag = g_key_file_get_string (sidecar, "Working Copy", "Etag", NULL);
  g_assert_cmpstr (origin, ==, uri);
  g_assert_nonnull (etag);
  g_assert_false (g_key_file_get_boolean (sidecar, "Working Copy", "Modified", NULL));
  g_clear_pointer (&sidecar, g_key_file_unref);

  g_signal_connect_swapped (copy, "notify::modified", G_CALLBACK (count_notify_cb), &n_modified_notifies);
  g_signal_connect_swapped (copy, "notify::file", G_CALLBACK (count_notify_cb), &n_file_notifies);

  /* Edits go to the copy at once, never to the user's file */
  tl_document_set_title (document, "改过的标题");
  tl_cell_set_current (tl_document_lookup_cell (document, "space", "sense"), 2);
  tl_working_copy_set_modified (copy, TRUE);
  tl_working_copy_set_modified (copy, TRUE);
  g_assert_true (tl_working_copy_get_modified (copy));
  g_assert_cmpuint (n_modified_notifies, ==, 1);
  tl_test_assert_file_matches (tl_store_get_path (store), document);
  assert_file_bytes (file, before);

  sidecar = load_sidecar ();
  g_assert_true (g_key_file_get_boolean (sidecar, "Working Copy", "Modified", NULL));
  g_clear_pointer (&sidecar, g_key_file_unref);

  /* Save replaces the user's file */
  g_assert_true (tl_working_copy_save (copy, NULL, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (tl_working_copy_get_modified (copy));
  g_assert_cmpuint (n_modified_notifies, ==, 2);
  g_assert_cmpuint (n_file_notifies, ==, 0);   /* the same file */
  assert_file_title (file, "改过的标题");
  {
    g_autofree char *path = g_file_get_path (file);

    g_assert_true (tl_store_validate (path, NULL, &error));
    g_assert_no_error (error);
    tl_test_assert_file_matches (path, document);
  }

  sidecar = load_sidecar ();
  g_assert_false (g_key_file_get_boolean (sidecar, "Working Copy", "Modified", NULL));
  {
    g_autofree char *new_etag = g_key_file_get_string (sidecar, "Working Copy", "Etag", NULL);
    g_assert_cmpstr (new_etag, !=, etag);
  }
  g_clear_pointer (&sidecar, g_key_file_unref);

  /* A second save after more edits: the etag remembered is right */
  tl_document_set_title (document, "第三个标题");
  g_assert_true (tl_working_copy_save (copy, NULL, FALSE, NULL, &error));
  g_assert_no_error (error);
  assert_file_title (file, "第三个标题");

  /* Nothing left over from saving */
  g_clear_pointer (&files, g_free);
  files = working_files ();
  g_assert_null (strstr (files, ".saving"));

  /* Unmodified when closed: the copy goes away */
  g_clear_object (&copy);
  assert_working_directory_empty ();
}

static void
test_conflict (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = tl_test_make_user_file ("conflict.touchloop", "mine");
  g_autoptr(GFile) theirs = tl_test_make_user_file ("theirs.touchloop", "theirs");
  g_autoptr(GBytes) their_bytes = file_bytes (theirs);
  g_autoptr(TlWorkingCopy) copy = NULL;
  g_autofree char *path = g_file_get_path (file);

  copy = tl_working_copy_open (file, NULL, &error);
  g_assert_no_error (error);
  tl_document_set_title (tl_working_copy_get_document (copy), "my edit");

  /* Another program writes the file meanwhile */
  tl_test_write_file (path, g_bytes_get_data (their_bytes, NULL), g_bytes_get_size (their_bytes));

  g_assert_false (tl_working_copy_save (copy, NULL, FALSE, NULL, &error));
  g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "conflict.touchloop"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* Their version is intact */
  assert_file_bytes (file, their_bytes);

  /* Replacing it on purpose works */
  g_assert_true (tl_working_copy_save (copy, NULL, TRUE, NULL, &error));
  g_assert_no_error (error);
  assert_file_title (file, "my edit");

  /* ...and from then on the new etag counts: a change after it conflicts
   * again, a save without one does not. */
  tl_document_set_title (tl_working_copy_get_document (copy), "again");
  g_assert_true (tl_working_copy_save (copy, NULL, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_file_set_contents (path, g_bytes_get_data (their_bytes, NULL), g_bytes_get_size (their_bytes), &error);
  g_assert_false (tl_working_copy_save (copy, NULL, FALSE, NULL, &error));
  g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_CONFLICT);

  tl_working_copy_discard (copy);
  assert_working_directory_empty ();
}

static void
test_save_after_delete (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = tl_test_make_user_file ("deleted.touchloop", "gone");
  g_autoptr(TlWorkingCopy) copy = NULL;
  g_autofree char *path = g_file_get_path (file);

  copy = tl_working_copy_open (file, NULL, &error);
  g_assert_no_error (error);
  tl_document_set_title (tl_working_copy_get_document (copy), "back again");

  g_assert_cmpint (g_unlink (path), ==, 0);

  g_assert_true (tl_working_copy_save (copy, NULL, FALSE, NULL, &error));
  g_assert_no_error (error);
  assert_file_title (file, "back again");
  g_assert_true (tl_store_validate (path, NULL, &error));
  g_assert_no_error (error);

  tl_working_copy_discard (copy);
  assert_working_directory_empty ();
}

static void
test_save_as_and_untitled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlWorkingCopy) copy = NULL;
  g_autofree char *path = tl_test_path ("untitled-saved.touchloop");
  g_autofree char *other_path = tl_test_path ("saved-as.touchloop");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) other = g_file_new_for_path (other_path);

  copy = tl_working_copy_new_untitled (document, &error);
  g_assert_no_error (error);
  g_assert_null (tl_working_copy_get_file (copy));
  g_assert_true (tl_working_copy_get_document (copy) == document);

  tl_document_set_title (document, "new");
  tl_working_copy_set_modified (copy, TRUE);
  g_assert_true (tl_working_copy_save (copy, file, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_equal (tl_working_copy_get_file (copy), file));
  tl_test_assert_file_matches (path, document);

  /* Save As: the copy now belongs to the other file */
  tl_document_set_title (document, "copy");
  g_assert_true (tl_working_copy_save (copy, other, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_equal (tl_working_copy_get_file (copy), other));
  tl_document_set_title (document, "copy 2");
  g_assert_true (tl_working_copy_save (copy, NULL, FALSE, NULL, &error));
  g_assert_no_error (error);
  assert_file_title (other, "copy 2");
  assert_file_title (file, "new");

  g_clear_object (&copy);
  assert_working_directory_empty ();
}

static void
test_open_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tl_test_path ("not-a-document.touchloop");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = NULL;
  g_autoptr(TlWorkingCopy) copy = NULL;
  g_autoptr(GBytes) before = NULL;

  tl_test_write_file (path, "just text", -1);
  before = tl_test_read_file (path);

  copy = tl_working_copy_open (file, NULL, &error);
  g_assert_null (copy);
  g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_NOT_TOUCHLOOP);
  /* Names the user's file, not the copy */
  g_assert_nonnull (strstr (error->message, "not-a-document.touchloop"));
  g_clear_error (&error);

  tl_test_assert_file_bytes (path, before);
  assert_working_directory_empty ();

  missing = g_file_new_for_path ("/nonexistent/folder/x.touchloop");
  copy = tl_working_copy_open (missing, NULL, &error);
  g_assert_null (copy);
  g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_NOT_FOUND);
  assert_working_directory_empty ();
}

static void
test_open_migrates_only_the_copy (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tl_test_path ("old-format.touchloop");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TlWorkingCopy) copy = NULL;
  g_autoptr(GBytes) before = NULL;

  tl_test_write_v1_file (path, 30);
  before = tl_test_read_file (path);

  copy = tl_working_copy_open (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tl_document_get_title (tl_working_copy_get_document (copy)), ==, "旧版文件");
  g_assert_cmpint (tl_test_file_int (tl_store_get_path (tl_working_copy_get_store (copy)), "PRAGMA user_version"), ==, TL_STORE_FORMAT_VERSION);

  tl_test_assert_file_bytes (path, before);
  g_assert_cmpint (tl_test_file_int (path, "PRAGMA user_version"), ==, 1);

  /* Saving writes the current format */
  g_assert_true (tl_working_copy_save (copy, NULL, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tl_test_file_int (path, "PRAGMA user_version"), ==, TL_STORE_FORMAT_VERSION);
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM feedback"), ==, 30);

  tl_working_copy_discard (copy);
  assert_working_directory_empty ();
}

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
test_async (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = tl_test_make_user_file ("async.touchloop", "before");
  g_autoptr(TlWorkingCopy) copy = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  TlDocument *document;
  GFile *user_file;

  tl_working_copy_open_async (file, NULL, async_done_cb, &result);
  copy = tl_working_copy_open_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  document = tl_working_copy_get_document (copy);
  g_assert_cmpstr (tl_document_get_title (document), ==, "before");

  tl_document_set_title (document, "after");
  tl_working_copy_set_modified (copy, TRUE);

  /* The main thread keeps writing while the worker copies */
  tl_working_copy_save_async (copy, NULL, FALSE, NULL, async_done_cb, &result);
  g_assert_false (tl_working_copy_save (copy, NULL, FALSE, NULL, &error));
  g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO);
  g_clear_error (&error);
  for (guint i = 0; i < 20; i++)
    tl_station_set_x (tl_document_lookup_station (document, "hub"), 100 + i);

  g_assert_true (tl_working_copy_save_finish (copy, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  assert_file_title (file, "after");
  {
    g_autofree char *path = g_file_get_path (file);

    g_assert_true (tl_store_validate (path, NULL, &error));
    g_assert_no_error (error);
  }
  /* Edits came in during the save: still modified */
  g_assert_true (tl_working_copy_get_modified (copy));

  /* A conflict reported through the async path too */
  {
    g_autofree char *path = g_file_get_path (file);

    tl_test_write_file (path, "someone else", -1);
  }
  tl_working_copy_save_async (copy, NULL, FALSE, NULL, async_done_cb, &result);
  g_assert_false (tl_working_copy_save_finish (copy, wait_for (&result), &error));
  g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Not modified, then saved over: the file has the latest position */
  tl_working_copy_save_async (copy, NULL, TRUE, NULL, async_done_cb, &result);
  g_assert_true (tl_working_copy_save_finish (copy, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_false (tl_working_copy_get_modified (copy));
  user_file = tl_working_copy_get_file (copy);
  {
    g_autofree char *path = g_file_get_path (user_file);
    g_assert_cmpint (tl_test_file_int (path, "SELECT x FROM station WHERE id = 'hub'"), ==, 119);
  }

  tl_working_copy_discard (copy);
  assert_working_directory_empty ();

  /* Refusal through the async path */
  {
    g_autofree char *path = tl_test_path ("async-text.touchloop");
    g_autoptr(GFile) text = g_file_new_for_path (path);
    g_autoptr(TlWorkingCopy) refused = NULL;

    g_file_set_contents (path, "text", -1, &error);
    tl_working_copy_open_async (text, NULL, async_done_cb, &result);
    refused = tl_working_copy_open_finish (wait_for (&result), &error);
    g_assert_null (refused);
    g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_NOT_TOUCHLOOP);
    g_clear_object (&result);
    assert_working_directory_empty ();
  }
}

static void
test_live_copies_not_recoverable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = tl_test_make_user_file ("live.touchloop", "live");
  g_autoptr(TlWorkingCopy) copy = NULL;
  g_autoptr(TlWorkingCopy) recovered = NULL;
  g_autoptr(GPtrArray) found = NULL;
  TlRecoverable *recoverable;

  copy = tl_working_copy_open (file, NULL, &error);
  g_assert_no_error (error);
  tl_document_set_title (tl_working_copy_get_document (copy), "unsaved");
  tl_working_copy_set_modified (copy, TRUE);

  /* Locked by us: not listed, not deleted */
  found = tl_working_copy_find_recoverable ();
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Closed while modified: kept for recovery */
  g_clear_object (&copy);
  found = tl_working_copy_find_recoverable ();
  g_assert_cmpuint (found->len, ==, 1);
  recoverable = g_ptr_array_index (found, 0);
  g_assert_true (g_file_equal (tl_recoverable_get_file (recoverable), file));
  g_assert_cmpstr (tl_recoverable_get_title (recoverable), ==, "unsaved");
  g_assert_nonnull (tl_recoverable_get_modified_time (recoverable));

  recovered = tl_working_copy_recover (recoverable, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tl_document_get_title (tl_working_copy_get_document (recovered)), ==, "unsaved");
  g_assert_true (tl_working_copy_get_modified (recovered));
  g_assert_true (g_file_equal (tl_working_copy_get_file (recovered), file));

  /* Taken over: a second recovery of the same copy fails */
  {
    g_autoptr(TlWorkingCopy) twice = tl_working_copy_recover (recoverable, &error);

    g_assert_null (twice);
    g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO);
    g_clear_error (&error);
  }
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Discarded: gone for good */
  tl_working_copy_discard (recovered);
  found = tl_working_copy_find_recoverable ();
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_object (&recovered);
  assert_working_directory_empty ();
}

int
main (int   argc,
      char *argv[])
{
  tl_test_init (&argc, &argv);
  tl_test_use_own_data_home ();

  g_test_add_func ("/tl/storage/working-copy/open-edit-save", test_open_edit_save);
  g_test_add_func ("/tl/storage/working-copy/conflict", test_conflict);
  g_test_add_func ("/tl/storage/working-copy/save-after-delete", test_save_after_delete);
  g_test_add_func ("/tl/storage/working-copy/save-as-and-untitled", test_save_as_and_untitled);
  g_test_add_func ("/tl/storage/working-copy/open-refused", test_open_refused);
  g_test_add_func ("/tl/storage/working-copy/open-migrates-only-the-copy", test_open_migrates_only_the_copy);
  g_test_add_func ("/tl/storage/working-copy/async", test_async);
  g_test_add_func ("/tl/storage/working-copy/live-copies-not-recoverable", test_live_copies_not_recoverable);

  return tl_test_run ();
}
