/* test-storage-recovery.c: a working copy outlives the process that crashed
 *
 * The crash is real: a child process opens a working copy, edits it and
 * leaves with _exit(), running no cleanup at all.  Only what was on disk
 * at that moment survives, and the kernel drops the child's lock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tl-working-copy.h"
#include "storage-test-util.h"

typedef enum {
  CHILD_EDIT,           /* edits, marks modified, crashes */
  CHILD_OPEN_ONLY,      /* opens, crashes */
  CHILD_EDIT_AND_WAIT,  /* edits, marks modified, waits to be told, crashes */
} ChildMode;

/* Runs in the child: never returns. */
G_GNUC_NORETURN static void
child_main (GFile     *file,
            ChildMode  mode,
            int        ready_fd,
            int        go_fd)
{
  g_autoptr(GError) error = NULL;
  TlWorkingCopy *copy;
  TlDocument *document;
  char byte = 'x';

  copy = tl_working_copy_open (file, NULL, &error);
  if (copy == NULL)
    _exit (10);

  if (mode != CHILD_OPEN_ONLY)
    {
      g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
      const char *links[] = { "station:culture", NULL };

      document = tl_working_copy_get_document (copy);
      tl_document_set_title (document, "崩溃前的修改");
      tl_cell_set_current (tl_document_lookup_cell (document, "space", "feel"), 5);
      tl_station_set_label (tl_document_lookup_station (document, "culture"), "文化店");
      tl_feedback_item_set_text (item, "崩溃前写下的反馈");
      tl_feedback_item_set_links (item, links);
      if (tl_store_add_feedback (tl_working_copy_get_store (copy), item, &error) < 0)
        _exit (11);
      tl_working_copy_set_modified (copy, TRUE);
    }

  if (mode == CHILD_EDIT_AND_WAIT)
    {
      if (write (ready_fd, &byte, 1) != 1 || read (go_fd, &byte, 1) != 1)
        _exit (12);
    }

  /* The crash: no unref, no atexit, no flushing of anything */
  _exit (0);
}

static pid_t
spawn_child (GFile     *file,
             ChildMode  mode,
             int       *ready_fd,
             int       *go_fd)
{
  int ready[2], go[2];
  pid_t pid;

  g_assert_cmpint (pipe (ready), ==, 0);
  g_assert_cmpint (pipe (go), ==, 0);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (ready[0]);
      close (go[1]);
      child_main (file, mode, ready[1], go[0]);
    }

  close (ready[1]);
  close (go[0]);
  if (ready_fd != NULL)
    *ready_fd = ready[0];
  else
    close (ready[0]);
  if (go_fd != NULL)
    *go_fd = go[1];
  else
    close (go[1]);

  return pid;
}

static void
wait_child (pid_t pid)
{
  int status = 0;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
test_recover_after_crash (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = tl_test_make_user_file ("crash.touchloop", "原件");
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GBytes) before = tl_test_read_file (path);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(TlWorkingCopy) copy = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) items = NULL;
  TlRecoverable *recoverable;
  TlDocument *document;

  wait_child (spawn_child (file, CHILD_EDIT, NULL, NULL));

  /* The user's file never saw the edits */
  tl_test_assert_file_bytes (path, before);

  found = tl_working_copy_find_recoverable ();
  g_assert_cmpuint (found->len, ==, 1);
  recoverable = g_ptr_array_index (found, 0);
  g_assert_true (g_file_equal (tl_recoverable_get_file (recoverable), file));
  g_assert_cmpstr (tl_recoverable_get_title (recoverable), ==, "崩溃前的修改");

  copy = tl_working_copy_recover (recoverable, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_true (tl_working_copy_get_modified (copy));
  g_assert_true (g_file_equal (tl_working_copy_get_file (copy), file));

  document = tl_working_copy_get_document (copy);
  g_assert_cmpstr (tl_document_get_title (document), ==, "崩溃前的修改");
  g_assert_cmpuint (tl_cell_get_current (tl_document_lookup_cell (document, "space", "feel")), ==, 5);
  g_assert_cmpstr (tl_station_get_label (tl_document_lookup_station (document, "culture")), ==, "文化店");
  ids = tl_store_list_feedback_ids (tl_working_copy_get_store (copy), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  items = tl_store_fetch_feedback (tl_working_copy_get_store (copy), (gint64 *)ids->data, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tl_feedback_item_get_text (g_ptr_array_index (items, 0)), ==, "崩溃前写下的反馈");

  /* Ours now: another look does not offer it again */
  g_clear_pointer (&found, g_ptr_array_unref);
  found = tl_working_copy_find_recoverable ();
  g_assert_cmpuint (found->len, ==, 0);

  /* Saving brings the edits to the user's file (which did not change
   * meanwhile, so there is no conflict) */
  g_assert_true (tl_working_copy_save (copy, NULL, FALSE, NULL, &error));
  g_assert_no_error (error);
  tl_test_assert_file_text (path, "SELECT value FROM meta WHERE key = 'title'", "崩溃前的修改");
  g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM feedback_station WHERE station_id = 'culture'"), ==, 1);

  tl_working_copy_discard (copy);
}

static void
test_unmodified_crash_is_tidied (void)
{
  g_autoptr(GFile) file = tl_test_make_user_file ("tidy.touchloop", "原件");
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *directory = tl_working_copy_get_directory ();
  g_autoptr(GDir) dir = NULL;
  guint n_files = 0;

  wait_child (spawn_child (file, CHILD_OPEN_ONLY, NULL, NULL));

  dir = g_dir_open (directory, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_clear_pointer (&dir, g_dir_close);
  g_assert_cmpuint (n_files, ==, 3);   /* copy, sidecar, lock */

  found = tl_working_copy_find_recoverable ();
  g_assert_cmpuint (found->len, ==, 0);

  dir = g_dir_open (directory, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
}

static void
test_running_copy_is_left_alone (void)
{
  g_autoptr(GFile) file = tl_test_make_user_file ("running.touchloop", "原件");
  g_autoptr(GPtrArray) found = NULL;
  int ready_fd, go_fd;
  char byte = 0;
  pid_t pid;

  pid = spawn_child (file, CHILD_EDIT_AND_WAIT, &ready_fd, &go_fd);
  g_assert_cmpint (read (ready_fd, &byte, 1), ==, 1);

  /* The other process is alive and holds its lock: not listed, not
   * deleted, though its sidecar says modified. */
  found = tl_working_copy_find_recoverable ();
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  g_assert_cmpint (write (go_fd, &byte, 1), ==, 1);
  wait_child (pid);
  close (ready_fd);
  close (go_fd);

  /* Now it is gone */
  found = tl_working_copy_find_recoverable ();
  g_assert_cmpuint (found->len, ==, 1);
  tl_recoverable_discard (g_ptr_array_index (found, 0));
  g_clear_pointer (&found, g_ptr_array_unref);

  found = tl_working_copy_find_recoverable ();
  g_assert_cmpuint (found->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  tl_test_init (&argc, &argv);
  tl_test_use_own_data_home ();

  g_test_add_func ("/tl/storage/recovery/recover-after-crash", test_recover_after_crash);
  g_test_add_func ("/tl/storage/recovery/unmodified-crash-is-tidied", test_unmodified_crash_is_tidied);
  g_test_add_func ("/tl/storage/recovery/running-copy-is-left-alone", test_running_copy_is_left_alone);

  return tl_test_run ();
}
