/* test-ui-export.c: Export… with its options step, and Copy as Image,
 * in a real window under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <cairo.h>
#include <glib/gstdio.h>

#include "tl-application.h"
#include "ui-test-app.h"
#include "tl-export.h"
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

  f->dir = g_dir_make_tmp ("tl-ui-export-XXXXXX", &error);
  g_assert_no_error (error);

  f->app = tl_test_app;
  f->window = tl_test_app_open_window ();
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

/* ---- Copy as Image ------------------------------------------------------- */

typedef struct {
  gboolean    done;
  GdkTexture *texture;
  GError     *error;
} Read;

static void
read_texture_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Read *read = user_data;

  read->texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &read->error);
  read->done = TRUE;
}

static gboolean
read_done (gpointer data)
{
  return ((Read *) data)->done;
}

/* The clipboard's texture after win.copy-image on @view */
static GdkTexture *
copy_and_read (Fixture    *f,
               const char *view)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->window));
  Read read = { FALSE, NULL, NULL };

  tl_window_set_view (f->window, view);
  tl_test_iterate (100);
  /* Something else on the clipboard first, so a copy that does nothing fails */
  gdk_clipboard_set_text (clipboard, "not an image");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-image", NULL));
  gdk_clipboard_read_texture_async (clipboard, NULL, read_texture_cb, &read);
  g_assert_true (tl_test_wait_for (read_done, &read));
  g_assert_no_error (read.error);
  g_assert_nonnull (read.texture);

  return read.texture;
}

static void
test_copy_image (Fixture       *f,
                 gconstpointer  data)
{
  TlDocument *document = tl_session_get_document (tl_window_get_session (f->window));
  const struct {
    const char   *view;
    TlExportWhat  what;
  } pages[] = {
    { "diagram", TL_EXPORT_DIAGRAM },
    { "matrix", TL_EXPORT_MATRIX },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GdkTexture) texture = copy_and_read (f, pages[i].view);
      g_autofree guchar *pixels = NULL;
      double natural_w, natural_h;
      int width, height;
      gsize stride;

      tl_export_get_natural_size (document, pages[i].what, &natural_w, &natural_h);
      width = gdk_texture_get_width (texture);
      height = gdk_texture_get_height (texture);
      g_test_message ("%s: copied %d × %d", pages[i].view, width, height);
      /* twice the natural size, for slides */
      g_assert_cmpint (width, ==, (int) (2 * natural_w + 0.5));
      g_assert_cmpint (height, ==, (int) (2 * natural_h + 0.5));

      /* a real drawing: an opaque page with more than one colour on it */
      stride = (gsize) width * 4;
      pixels = g_malloc (stride * height);
      gdk_texture_download (texture, pixels, stride);
      g_assert_cmphex (pixels[3], ==, 0xff);
      {
        gboolean varied = FALSE;
        const guint32 *p = (const guint32 *) pixels;

        for (gsize k = 0; k < (gsize) width * height && !varied; k += 97)
          varied = p[k] != p[0];
        g_assert_true (varied);
      }
    }
}

/* ---- Export… and its options --------------------------------------------- */

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
chooser_shown (gpointer data)
{
  return find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static gboolean
options_shown (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Export… to @name in the fixture's folder: the file chooser answered, the
 * options dialog returned (not answered yet).  NULL with the test skipped
 * when no in-process file chooser came up (a portal took over). */
static AdwMessageDialog *
export_to (Fixture    *f,
           const char *name)
{
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  g_autoptr(GError) error = NULL;
  GtkWindow *chooser;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  if (!tl_test_wait_for (chooser_shown, NULL))
    {
      g_test_skip ("the file chooser is not an in-process dialog here");
      return NULL;
    }
  /* let it settle (and an earlier one go) before answering it */
  tl_test_iterate (200);
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error));
  g_assert_no_error (error);
  tl_test_iterate (200);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  tl_test_iterate (200);
  /* Never answer a chooser that would write outside the test's folder */
  {
    g_autoptr(GFile) current = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));

    g_assert_nonnull (current);
    g_assert_true (g_file_equal (current, folder));
  }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  g_assert_true (tl_test_wait_for (options_shown, NULL));
  return ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* As a click on a response button does: respond, then close */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  tl_test_iterate (100);
}

static guint
n_choices (AdwComboRow *row)
{
  return g_list_model_get_n_items (adw_combo_row_get_model (row));
}

static void
test_export_png_options (Fixture       *f,
                         gconstpointer  data)
{
  TlDocument *document = tl_session_get_document (tl_window_get_session (f->window));
  g_autofree char *path = g_build_filename (f->dir, "slides.png", NULL);
  AdwMessageDialog *dialog = export_to (f, "slides.png");
  AdwComboRow *theme, *size, *background;
  cairo_surface_t *png;
  double natural_w, natural_h;
  const guint32 *pixels;

  if (dialog == NULL)
    return;

  theme = ADW_COMBO_ROW (find_named (GTK_WIDGET (dialog), "theme"));
  size = ADW_COMBO_ROW (find_named (GTK_WIDGET (dialog), "size"));
  background = ADW_COMBO_ROW (find_named (GTK_WIDGET (dialog), "background"));
  g_assert_nonnull (theme);
  g_assert_nonnull (size);
  g_assert_nonnull (background);
  g_assert_cmpuint (n_choices (theme), ==, 3);       /* light, dark, projector */
  g_assert_cmpuint (n_choices (size), >=, 2);
  g_assert_cmpuint (n_choices (background), ==, 3);  /* theme, white, transparent */
  /* nothing is written before the options are confirmed */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  tl_test_iterate (300);
  tl_test_save_screenshot (GTK_WIDGET (dialog), "export-options-png.png");

  adw_combo_row_set_selected (theme, 2);
  adw_combo_row_set_selected (size, 1);              /* 2× */
  adw_combo_row_set_selected (background, 2);        /* transparent */
  respond (dialog, "export");
  g_assert_true (tl_test_wait_for (file_exists, path));
  tl_test_iterate (100);

  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  tl_export_get_natural_size (document, TL_EXPORT_DIAGRAM, &natural_w, &natural_h);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, (int) (2 * natural_w + 0.5));
  g_assert_cmpint (cairo_image_surface_get_format (png), ==, CAIRO_FORMAT_ARGB32);
  pixels = (const guint32 *) cairo_image_surface_get_data (png);
  g_assert_cmphex (pixels[0] >> 24, ==, 0);
  cairo_surface_destroy (png);
}

static void
test_export_pdf_options (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "matrix.pdf", NULL);
  g_autofree char *cancelled = g_build_filename (f->dir, "cancelled.pdf", NULL);
  AdwMessageDialog *dialog;
  AdwComboRow *background;

  tl_window_set_view (f->window, "matrix");
  tl_test_iterate (100);

  /* Cancelled: nothing written */
  dialog = export_to (f, "cancelled.pdf");
  if (dialog == NULL)
    return;
  respond (dialog, "cancel");
  tl_test_iterate (300);
  g_assert_false (g_file_test (cancelled, G_FILE_TEST_EXISTS));

  dialog = export_to (f, "matrix.pdf");
  g_assert_nonnull (dialog);
  /* no pixel size and no transparency for a PDF */
  g_assert_null (find_named (GTK_WIDGET (dialog), "size"));
  background = ADW_COMBO_ROW (find_named (GTK_WIDGET (dialog), "background"));
  g_assert_nonnull (background);
  g_assert_cmpuint (n_choices (background), ==, 2);
  tl_test_iterate (300);
  tl_test_save_screenshot (GTK_WIDGET (dialog), "export-options-pdf.png");
  adw_combo_row_set_selected (background, 1);        /* white */
  respond (dialog, "export");
  g_assert_true (tl_test_wait_for (file_exists, path));
}

int
main (int   argc,
      char *argv[])
{
  if (!tl_test_app_init (&argc, &argv))
    return 77;

  g_test_add ("/tl/ui/export/copy-image", Fixture, NULL,
              fixture_setup, test_copy_image, fixture_teardown);
  g_test_add ("/tl/ui/export/png-options", Fixture, NULL,
              fixture_setup, test_export_png_options, fixture_teardown);
  g_test_add ("/tl/ui/export/pdf-options", Fixture, NULL,
              fixture_setup, test_export_pdf_options, fixture_teardown);

  return tl_test_app_run ();
}
