/* test-ui-import.c: importing feedback through the dialog in a real
 * window — the mapping, the run, the report, undo, duplicates, bad rows,
 * Cancel, pasted cells and a dropped file
 *
 * Runs under a display (Xvfb in CI) and exits 77 (skipped) without one.
 * Saves screenshots into TL_TEST_BUILDDIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "ui-test-app.h"
#include "tl-feedback-view-private.h"
#include "tl-import-dialog-private.h"

typedef struct {
  TlWindow  *window;
  TlSession *session;
  TlStore   *store;
  char      *dir;
} Fixture;

#define N_ROWS 40

static const char * const stations[] = { "logistics", "order", "experience", "" };

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tl-ui-import-XXXXXX", &error);
  g_assert_no_error (error);
  f->window = tl_test_app_open_window ();
  f->session = tl_window_get_session (f->window);
  f->store = tl_session_get_store (f->session);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  tl_test_app_close_windows ();

  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* A survey export as a Chinese spreadsheet writes it: UTF-8 with a BOM
 * (or GB18030 without one, when @gb18030), a header in Chinese, quoted
 * commas and a line break inside a field.  Returns how many rows name the
 * logistics station in @per_logistics. */
static GFile *
write_csv (Fixture    *f,
           const char *name,
           guint       n_rows,
           guint       n_bad,
           gboolean    gb18030,
           guint      *per_logistics)
{
  g_autoptr(GString) csv = g_string_new (gb18030 ? "" : "\xEF\xBB\xBF");
  g_autofree char *bytes = NULL;
  gsize n_bytes = 0;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  static const char * const stages[] = { "C", "顾客", "member", "B", "朋友", "" };
  static const char * const sources[] = { "大众点评", "WeChat survey", "美团外卖" };

  g_string_append (csv, "内容,日期,渠道,顾客阶段,评分（1-5）,站点\r\n");
  if (per_logistics != NULL)
    *per_logistics = 0;

  for (guint i = 0; i < n_rows; i++)
    {
      const char *station = stations[i % G_N_ELEMENTS (stations)];

      if (i % 7 == 3)
        g_string_append_printf (csv, "\"第%u条：外卖很快，但是\"\"包装\"\"一般,\n下次再来\",", i);
      else
        g_string_append_printf (csv, "\"Row %u: great coffee, friendly staff 服务很好\",", i);
      g_string_append_printf (csv, "2026/3/%u,%s,%s,%u,%s\r\n",
                              1 + i % 28, sources[i % G_N_ELEMENTS (sources)],
                              stages[i % G_N_ELEMENTS (stages)], 1 + i % 5, station);
      if (per_logistics != NULL && g_str_equal (station, "logistics"))
        (*per_logistics)++;
    }
  for (guint i = 0; i < n_bad; i++)
    /* A stage that is none of A–F */
    g_string_append_printf (csv, "Bad row %u,2026/3/1,大众点评,Z,3,order\r\n", i);

  if (gb18030)
    {
      bytes = g_convert (csv->str, csv->len, "GB18030", "UTF-8", NULL, &n_bytes, &error);
      g_assert_no_error (error);
      /* not valid UTF-8 any more: the importer has to detect it */
      g_assert_false (g_utf8_validate (bytes, n_bytes, NULL));
    }
  else
    {
      n_bytes = csv->len;
      bytes = g_string_free (g_steal_pointer (&csv), FALSE);
    }
  g_assert_true (g_file_set_contents (path, bytes, n_bytes, &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static gboolean
dialog_on_page (gpointer data)
{
  gpointer *args = data;
  TlImportDialog *dialog = _tl_window_get_import_dialog (args[0]);

  return dialog != NULL && g_strcmp0 (_tl_import_dialog_get_page (dialog), args[1]) == 0 &&
         !_tl_import_dialog_get_running (dialog);
}

static TlImportDialog *
wait_for_page (Fixture    *f,
               const char *page)
{
  gpointer args[] = { f->window, (gpointer) page };

  g_assert_true (tl_test_wait_for (dialog_on_page, args));
  /* Laid out and drawn once more, for a screenshot */
  tl_test_iterate (300);
  return _tl_window_get_import_dialog (f->window);
}

static gboolean
dialog_gone (gpointer data)
{
  return _tl_window_get_import_dialog (data) == NULL;
}

static void
close_dialog (Fixture        *f,
              TlImportDialog *dialog)
{
  _tl_import_dialog_click (dialog, "done");
  g_assert_true (tl_test_wait_for (dialog_gone, f->window));
}

static gboolean
list_has_n (gpointer data)
{
  gpointer *args = data;
  TlFeedbackListModel *model = _tl_feedback_view_get_model (args[0]);

  return !tl_feedback_list_model_get_loading (model) &&
         g_list_model_get_n_items (G_LIST_MODEL (model)) == GPOINTER_TO_UINT (args[1]);
}

static void
wait_for_rows (Fixture *f,
               guint    n)
{
  gpointer args[] = { f->window->feedback_view, GUINT_TO_POINTER (n) };

  g_assert_true (tl_test_wait_for (list_has_n, args));
}

static void
test_import_file (Fixture       *f,
                  gconstpointer  data)
{
  static const TlImportField expected[] = {
    TL_IMPORT_FIELD_TEXT, TL_IMPORT_FIELD_DATE, TL_IMPORT_FIELD_SOURCE,
    TL_IMPORT_FIELD_STAGE, TL_IMPORT_FIELD_RATING, TL_IMPORT_FIELD_STATION,
  };
  TlUndoStack *stack = tl_session_get_undo_stack (f->session);
  guint per_logistics = 0;
  g_autoptr(GFile) file = write_csv (f, "调查导出.csv", N_ROWS, 0, TRUE, &per_logistics);
  TlImportDialog *dialog;
  TlImportPreview *preview;

  /* Import… with a file chosen */
  _tl_window_import_file (f->window, file);
  dialog = wait_for_page (f, "mapping");
  g_assert_cmpstr (tl_window_get_view (f->window), ==, "feedback");

  preview = _tl_import_dialog_get_preview (dialog);
  g_assert_cmpint (tl_import_preview_get_encoding (preview), ==, TL_TEXT_ENCODING_GB18030);
  g_assert_true (tl_import_preview_get_has_header (preview));
  g_assert_cmpuint (_tl_import_dialog_get_n_field_choosers (dialog), ==, G_N_ELEMENTS (expected));
  /* The Chinese header mapped itself */
  for (guint c = 0; c < G_N_ELEMENTS (expected); c++)
    g_assert_cmpint (_tl_import_dialog_get_field (dialog, c), ==, expected[c]);
  g_assert_true (_tl_import_dialog_get_can_import (dialog));

  /* Without a text column there is nothing to import */
  _tl_import_dialog_set_field (dialog, 0, TL_IMPORT_FIELD_NONE);
  g_assert_false (_tl_import_dialog_get_can_import (dialog));
  /* Text is one column's: choosing it for another takes it from there */
  _tl_import_dialog_set_field (dialog, 2, TL_IMPORT_FIELD_TEXT);
  g_assert_true (_tl_import_dialog_get_can_import (dialog));
  _tl_import_dialog_set_field (dialog, 0, TL_IMPORT_FIELD_TEXT);
  g_assert_cmpint (_tl_import_dialog_get_field (dialog, 2), ==, TL_IMPORT_FIELD_NONE);
  _tl_import_dialog_set_field (dialog, 2, TL_IMPORT_FIELD_SOURCE);
  for (guint c = 0; c < G_N_ELEMENTS (expected); c++)
    g_assert_cmpint (_tl_import_dialog_get_field (dialog, c), ==, expected[c]);
  dialog = wait_for_page (f, "mapping");
  tl_test_save_screenshot (GTK_WIDGET (dialog), "import-mapping.png");

  _tl_import_dialog_click (dialog, "import");
  dialog = wait_for_page (f, "report");
  g_assert_cmpstr (_tl_import_dialog_get_report_title (dialog), ==, "40 Items Imported");
  g_assert_true (_tl_import_dialog_get_button_visible (dialog, "save-report"));
  g_assert_false (_tl_import_dialog_get_button_visible (dialog, "good-rows"));
  tl_test_save_screenshot (GTK_WIDGET (dialog), "import-report.png");

  /* In the document: the rows, their links, the evidence */
  g_assert_cmpint (tl_store_count_feedback (f->store), ==, N_ROWS);
  g_assert_cmpuint (tl_document_get_evidence (tl_session_get_document (f->session), "station", "logistics")->count,
                    ==, per_logistics);
  close_dialog (f, dialog);
  wait_for_rows (f, N_ROWS);
  tl_test_iterate (200);
  tl_test_save_screenshot (GTK_WIDGET (f->window), "import-feedback-page.png");

  /* One undo step takes the whole import back, redo brings it */
  g_assert_cmpstr (tl_undo_stack_get_undo_label (stack), ==, "Import “调查导出.csv”");
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_cmpint (tl_store_count_feedback (f->store), ==, 0);
  g_assert_cmpuint (tl_document_get_evidence (tl_session_get_document (f->session), "station", "logistics")->count, ==, 0);
  wait_for_rows (f, 0);
  g_assert_true (tl_undo_stack_redo (stack));
  g_assert_cmpint (tl_store_count_feedback (f->store), ==, N_ROWS);
  wait_for_rows (f, N_ROWS);

  /* The same file again adds nothing: every row is a duplicate */
  _tl_window_import_file (f->window, file);
  dialog = wait_for_page (f, "mapping");
  _tl_import_dialog_click (dialog, "import");
  dialog = wait_for_page (f, "report");
  g_assert_cmpstr (_tl_import_dialog_get_report_title (dialog), ==, "0 Items Imported");
  g_assert_cmpint (tl_store_count_feedback (f->store), ==, N_ROWS);
  close_dialog (f, dialog);
}

static void
test_bad_rows (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv (f, "with-bad-rows.csv", 10, 2, FALSE, NULL);
  TlImportDialog *dialog;

  _tl_window_import_file (f->window, file);
  dialog = wait_for_page (f, "mapping");
  _tl_import_dialog_click (dialog, "import");

  /* Refused: nothing added, the problems listed, the good rows offered */
  dialog = wait_for_page (f, "report");
  g_assert_cmpstr (_tl_import_dialog_get_report_title (dialog), ==, "Nothing Imported Yet");
  g_assert_cmpint (tl_store_count_feedback (f->store), ==, 0);
  g_assert_cmpuint (_tl_import_dialog_get_n_problem_rows (dialog), ==, 2);
  g_assert_true (_tl_import_dialog_get_button_visible (dialog, "good-rows"));
  tl_test_save_screenshot (GTK_WIDGET (dialog), "import-bad-rows.png");

  /* The user accepts it explicitly */
  _tl_import_dialog_click (dialog, "good-rows");
  dialog = wait_for_page (f, "report");
  g_assert_cmpstr (_tl_import_dialog_get_report_title (dialog), ==, "10 Items Imported");
  g_assert_cmpint (tl_store_count_feedback (f->store), ==, 10);
  close_dialog (f, dialog);
}

static gboolean
import_progressing (gpointer data)
{
  TlImportDialog *dialog = _tl_window_get_import_dialog (data);

  return dialog != NULL && _tl_import_dialog_get_running (dialog) &&
         g_strcmp0 (_tl_import_dialog_get_page (dialog), "progress") == 0;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv (f, "big.csv", 150000, 0, FALSE, NULL);
  TlImportDialog *dialog;

  _tl_window_import_file (f->window, file);
  dialog = wait_for_page (f, "mapping");
  _tl_import_dialog_click (dialog, "import");
  g_assert_true (tl_test_wait_for (import_progressing, f->window));

  /* The window answers meanwhile (it draws), and shows that it is busy */
  tl_test_iterate (300);
  g_assert_true (_tl_import_dialog_get_running (dialog));
  g_assert_true (f->window->importing);
  g_assert_false (gtk_widget_get_sensitive (_tl_feedback_view_get_widget (f->window->feedback_view, "search")));
  tl_test_save_screenshot (GTK_WIDGET (dialog), "import-progress.png");

  _tl_import_dialog_click (dialog, "cancel");
  dialog = wait_for_page (f, "report");
  g_assert_cmpstr (_tl_import_dialog_get_report_title (dialog), ==, "Import Cancelled");
  g_assert_cmpint (tl_store_count_feedback (f->store), ==, 0);
  g_assert_false (f->window->importing);
  g_assert_false (tl_undo_stack_get_can_undo (tl_session_get_undo_stack (f->session)));
  close_dialog (f, dialog);
}

static void
test_paste_and_drop (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv (f, "dropped.csv", 5, 0, FALSE, NULL);
  TlImportDialog *dialog;
  GValue value = G_VALUE_INIT;
  GSList *files = NULL;

  /* Cells copied from a spreadsheet, pasted on the Feedback page */
  g_signal_emit_by_name (f->window->feedback_view, "import-text",
                         "反馈\t阶段\t评分\n太甜了\tC\t2\nLove the latte art\tmember\t5\n");
  dialog = wait_for_page (f, "mapping");
  g_assert_cmpuint (_tl_import_dialog_get_n_field_choosers (dialog), ==, 3);
  g_assert_cmpint (_tl_import_dialog_get_field (dialog, 0), ==, TL_IMPORT_FIELD_TEXT);
  _tl_import_dialog_click (dialog, "import");
  dialog = wait_for_page (f, "report");
  g_assert_cmpint (tl_store_count_feedback (f->store), ==, 2);
  close_dialog (f, dialog);

  /* A CSV dropped on the window */
  files = g_slist_append (files, g_object_ref (file));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, files);
  g_assert_true (_tl_window_drop_files (f->window, &value));
  g_value_unset (&value);
  dialog = wait_for_page (f, "mapping");
  _tl_import_dialog_click (dialog, "import");
  dialog = wait_for_page (f, "report");
  g_assert_cmpint (tl_store_count_feedback (f->store), ==, 7);
  close_dialog (f, dialog);
}

int
main (int   argc,
      char *argv[])
{
  if (!tl_test_app_init (&argc, &argv))
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }

  g_test_add ("/tl/ui/import/file", Fixture, NULL,
              fixture_setup, test_import_file, fixture_teardown);
  g_test_add ("/tl/ui/import/bad-rows", Fixture, NULL,
              fixture_setup, test_bad_rows, fixture_teardown);
  g_test_add ("/tl/ui/import/cancel", Fixture, NULL,
              fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/tl/ui/import/paste-and-drop", Fixture, NULL,
              fixture_setup, test_paste_and_drop, fixture_teardown);

  return tl_test_app_run ();
}
