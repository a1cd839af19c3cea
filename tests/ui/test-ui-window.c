/* test-ui-window.c: the window drives a real document under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tl-application.h"
#include "ui-test-app.h"
#include "tl-canvas-view.h"
#include "tl-document-properties.h"
#include "tl-matrix-stats.h"
#include "tl-session.h"
#include "tl-window-private.h"

typedef struct {
  TlApplication *app;
  TlWindow      *window;
  char          *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tl-ui-XXXXXX", &error);
  g_assert_no_error (error);

  f->app = tl_test_app;
  f->window = tl_test_app_open_window ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  tl_test_app_close_windows ();
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
test_new_document_shows_template (Fixture       *f,
                                  gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  TlDocument *document = tl_session_get_document (session);

  g_assert_cmpuint (g_list_model_get_n_items (tl_document_get_stations (document)), ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (tl_document_get_loops (document)), ==, 6);
  g_assert_null (tl_session_get_file (session));
  g_assert_false (tl_session_get_modified (session));
  g_assert_true (g_str_has_suffix (gtk_window_get_title (GTK_WINDOW (f->window)), "Touchloop"));

  for (guint i = 0; i < 3; i++)
    {
      const char *views[] = { "diagram", "matrix", "feedback" };
      g_autofree char *name = g_strdup_printf ("window-%s.png", views[i]);

      tl_window_set_view (f->window, views[i]);
      g_assert_cmpstr (tl_window_get_view (f->window), ==, views[i]);
      tl_test_iterate (150);
      tl_test_save_screenshot (GTK_WIDGET (f->window), name);
    }
}

static void
test_select_edit_undo (Fixture       *f,
                       gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  TlDocument *document = tl_session_get_document (session);
  TlStation *hub = tl_document_lookup_station (document, "hub");
  g_autofree char *original = g_strdup (tl_station_get_label (hub));
  double x, y;

  tl_window_set_view (f->window, "diagram");
  tl_test_iterate (100);

  /* A click on the hub, where the painter drew it, selects it. */
  g_assert_true (tl_canvas_view_locate (f->window->diagram_view, "station", "hub", &x, &y));
  tl_canvas_view_select_at (f->window->diagram_view, x, y);
  g_assert_cmpstr (tl_session_get_selected_kind (session), ==, "station");
  g_assert_cmpstr (tl_session_get_selected_id (session), ==, "hub");
  tl_test_iterate (300);
  g_assert_true (gtk_revealer_get_reveal_child (f->window->properties_revealer));

  /* Typing into the label field is one undoable step. */
  {
    GtkWidget *entry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->window->properties_pane),
                                                                  g_type_from_name ("TlPropertiesPane"),
                                                                  "station_label"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "CRM");
    gtk_editable_set_text (GTK_EDITABLE (entry), "CRM 平台");
  }
  g_assert_cmpstr (tl_station_get_label (hub), ==, "CRM 平台");
  g_assert_true (tl_session_get_modified (session));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (f->window)), "• "));
  tl_test_iterate (100);
  tl_test_save_screenshot (GTK_WIDGET (f->window), "window-station-selected.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpstr (tl_station_get_label (hub), ==, original);
  g_assert_false (tl_session_get_modified (session));
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (f->window)), "• "));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
  g_assert_cmpstr (tl_station_get_label (hub), ==, "CRM 平台");
}

static void
test_matrix_click_selects_cell (Fixture       *f,
                                gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  double x, y;

  tl_window_set_view (f->window, "matrix");
  tl_test_iterate (150);

  g_assert_true (tl_canvas_view_locate (f->window->matrix_view, "cell", "space/feel", &x, &y));
  tl_canvas_view_select_at (f->window->matrix_view, x, y);
  g_assert_cmpstr (tl_session_get_selected_kind (session), ==, "cell");
  g_assert_cmpstr (tl_session_get_selected_id (session), ==, "space/feel");
  tl_test_iterate (300);
  tl_test_save_screenshot (GTK_WIDGET (f->window), "window-cell-selected.png");
}

static gboolean
textures_differ (GdkTexture *a,
                 GdkTexture *b)
{
  int width = gdk_texture_get_width (a);
  int height = gdk_texture_get_height (a);
  g_autofree guchar *pa = g_malloc (width * height * 4);
  g_autofree guchar *pb = g_malloc (width * height * 4);

  if (width != gdk_texture_get_width (b) || height != gdk_texture_get_height (b))
    return TRUE;
  gdk_texture_download (a, pa, width * 4);
  gdk_texture_download (b, pb, width * 4);
  return memcmp (pa, pb, width * height * 4) != 0;
}

/* The visible top-level window of @type, if one is shown */
static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }
  return NULL;
}

static gboolean
properties_shown (gpointer data)
{
  return find_toplevel (TL_TYPE_DOCUMENT_PROPERTIES) != NULL;
}

static void
test_matrix_mode_and_properties (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GdkTexture) current = NULL;
  g_autoptr(GdkTexture) gap = NULL;
  GtkWindow *properties;

  tl_window_set_view (f->window, "matrix");
  tl_test_iterate (150);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.matrix-mode", "s", "current"));
  tl_test_iterate (100);
  g_assert_cmpint (tl_canvas_view_get_matrix_mode (f->window->matrix_view), ==, TL_MATRIX_MODE_CURRENT);
  current = tl_test_render_texture (GTK_WIDGET (f->window->matrix_view));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.matrix-mode", "s", "gap"));
  tl_test_iterate (100);
  g_assert_cmpint (tl_canvas_view_get_matrix_mode (f->window->matrix_view), ==, TL_MATRIX_MODE_GAP);
  gap = tl_test_render_texture (GTK_WIDGET (f->window->matrix_view));
  g_assert_true (textures_differ (current, gap));
  tl_test_save_screenshot (GTK_WIDGET (f->window), "window-matrix-gap.png");

  /* An unknown mode changes nothing */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.matrix-mode", "s", "heat");
  tl_test_iterate (50);
  g_assert_cmpint (tl_canvas_view_get_matrix_mode (f->window->matrix_view), ==, TL_MATRIX_MODE_GAP);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.document-properties", NULL));
  g_assert_true (tl_test_wait_for (properties_shown, NULL));
  properties = find_toplevel (TL_TYPE_DOCUMENT_PROPERTIES);
  g_assert_true (tl_document_properties_get_session (TL_DOCUMENT_PROPERTIES (properties)) ==
                 tl_window_get_session (f->window));
  tl_test_iterate (200);
  tl_test_save_screenshot (GTK_WIDGET (properties), "window-document-properties.png");
  gtk_window_destroy (properties);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  if (!tl_session_save_finish (TL_SESSION (object), result, error) && *error == NULL)
    g_assert_not_reached ();
  g_object_set_data (object, "tl-test-done", GINT_TO_POINTER (TRUE));
}

static gboolean
save_done (gpointer session)
{
  return g_object_get_data (session, "tl-test-done") != NULL;
}

static void
test_save_as_and_reopen (Fixture       *f,
                         gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  g_autofree char *path = g_build_filename (f->dir, "saved.touchloop", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TlCell *cell = tl_document_lookup_cell (tl_session_get_document (session), "people", "feel");
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, 4);
  g_assert_true (tl_session_set (session, cell, "current", &value, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (tl_session_get_modified (session));

  tl_session_save_async (session, file, TRUE, NULL, save_done_cb, &error);
  g_assert_true (tl_test_wait_for (save_done, session));
  g_assert_no_error (error);

  /* Saved: clean, titled after the file, and the file holds the edit. */
  g_assert_false (tl_session_get_modified (session));
  g_assert_true (g_file_equal (tl_session_get_file (session), file));
  g_assert_cmpstr (gtk_label_get_text (f->window->document_path_label), !=, "");
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (f->window)), "• "));

  store = tl_store_open (path, TL_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tl_cell_get_current (tl_document_lookup_cell (tl_store_get_document (store),
                                                                  "people", "feel")), ==, 4);
  g_clear_object (&store);

  /* Opening the same file again brings its window forward, no second copy. */
  tl_application_open_file (f->app, file, "matrix");
  tl_test_iterate (200);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (f->app))), ==, 1);
  g_assert_cmpstr (tl_window_get_view (f->window), ==, "matrix");

  g_unlink (path);
}

static AdwMessageDialog *
find_dialog (void)
{
  return (AdwMessageDialog *) find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static guint
count_working_copies (void)
{
  g_autofree char *dir = tl_working_copy_get_directory ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".touchloop"))
      n++;
  return n;
}

static void
test_close_asks_when_modified (Fixture       *f,
                               gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  TlStation *wom = tl_document_lookup_station (tl_session_get_document (session), "wom");
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  guint copies = count_working_copies ();

  g_assert_cmpuint (copies, >=, 1);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "口碑传播");
  g_assert_true (tl_session_set (session, wom, "label", &value, FALSE, &error));

  /* Unsaved changes: closing asks first and keeps the window. */
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_true (tl_test_wait_for (dialog_shown, NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  dialog = find_dialog ();
  tl_test_iterate (100);
  tl_test_save_screenshot (GTK_WIDGET (dialog), "window-close-dialog.png");

  /* Cancel keeps everything. */
  adw_message_dialog_response (dialog, "cancel");
  tl_test_iterate (100);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (f->app))), ==, 1);
  g_assert_cmpstr (tl_station_get_label (wom), ==, "口碑传播");

  /* Discard closes, and the working copy goes with it. */
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_true (tl_test_wait_for (dialog_shown, NULL));
  adw_message_dialog_response (find_dialog (), "discard");
  tl_test_iterate (200);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (f->app)));
  g_assert_cmpuint (count_working_copies (), ==, copies - 1);
}

static gboolean
has_two_windows (gpointer app)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    n += TL_IS_WINDOW (l->data);
  return n == 2;
}

static void
test_recovery_after_crash (Fixture       *f,
                           gconstpointer  data)
{
  TlWindow *recovered = NULL;
  TlDocument *document;
  int status = 0;
  pid_t pid;

  /* A child process edits an untitled document and dies without cleaning
   * up, as a crash would leave it. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(TlDocument) doc = tl_template_new_o2o ("zh_CN");
      TlWorkingCopy *wc;

      tl_document_set_title (doc, "崩溃前的文档");
      wc = tl_working_copy_new_untitled (doc, NULL);
      if (wc == NULL)
        _exit (1);
      tl_station_set_label (tl_document_lookup_station (tl_working_copy_get_document (wc), "hub"), "未保存的修改");
      tl_working_copy_set_modified (wc, TRUE);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  tl_application_check_recovery (f->app);
  g_assert_true (tl_test_wait_for (dialog_shown, NULL));
  tl_test_iterate (100);
  tl_test_save_screenshot (GTK_WIDGET (find_dialog ()), "window-recovery-dialog.png");
  adw_message_dialog_response (find_dialog (), "recover");
  g_assert_true (tl_test_wait_for (has_two_windows, f->app));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (f->app)); l != NULL; l = l->next)
    if (TL_IS_WINDOW (l->data) && l->data != (gpointer)f->window)
      recovered = l->data;
  g_assert_nonnull (recovered);

  document = tl_session_get_document (tl_window_get_session (recovered));
  g_assert_cmpstr (tl_document_get_title (document), ==, "崩溃前的文档");
  g_assert_cmpstr (tl_station_get_label (tl_document_lookup_station (document, "hub")), ==, "未保存的修改");
  /* Recovered work is unsaved work. */
  g_assert_true (tl_session_get_modified (tl_window_get_session (recovered)));
  g_assert_null (tl_session_get_file (tl_window_get_session (recovered)));
}

int
main (int   argc,
      char *argv[])
{
  if (!tl_test_app_init (&argc, &argv))
    return 77;

  g_test_add ("/tl/ui/window/new-document-shows-template", Fixture, NULL,
              fixture_setup, test_new_document_shows_template, fixture_teardown);
  g_test_add ("/tl/ui/window/select-edit-undo", Fixture, NULL,
              fixture_setup, test_select_edit_undo, fixture_teardown);
  g_test_add ("/tl/ui/window/matrix-click-selects-cell", Fixture, NULL,
              fixture_setup, test_matrix_click_selects_cell, fixture_teardown);
  g_test_add ("/tl/ui/window/matrix-mode-and-properties", Fixture, NULL,
              fixture_setup, test_matrix_mode_and_properties, fixture_teardown);
  g_test_add ("/tl/ui/window/save-as-and-reopen", Fixture, NULL,
              fixture_setup, test_save_as_and_reopen, fixture_teardown);

  g_test_add ("/tl/ui/window/close-asks-when-modified", Fixture, NULL,
              fixture_setup, test_close_asks_when_modified, fixture_teardown);
  g_test_add ("/tl/ui/window/recovery-after-crash", Fixture, NULL,
              fixture_setup, test_recovery_after_crash, fixture_teardown);

  return tl_test_app_run ();
}
