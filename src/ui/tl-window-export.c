/* tl-window-export.c: Export… and the other ways a page leaves the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tl-export.h"
#include "tl-window-private.h"

/* Copy as Image draws at twice the natural size: sharp on slides and on
 * high-resolution screens, still small enough to paste anywhere. */
#define COPY_SCALE 2.0

/* The choices of the options dialog, in row order */
static const char * const theme_ids[] = { "light", "dark", "projector" };
static const char * const theme_names[] = { N_("Light"), N_("Dark"), N_("Projector") };
static const double scales[] = { 1, 2, 3, 4 };
static const TlExportBackground backgrounds[] = {
  TL_EXPORT_BACKGROUND_THEME,
  TL_EXPORT_BACKGROUND_WHITE,
  TL_EXPORT_BACKGROUND_TRANSPARENT,
};
static const char * const background_names[] = {
  N_("Same as Theme"), N_("White"), N_("Transparent")
};

static TlExportWhat
export_what (TlWindow *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "matrix") == 0
         ? TL_EXPORT_MATRIX : TL_EXPORT_DIAGRAM;
}

/* The theme the page is shown in now: the view menu's projector, or the
 * light or dark style the canvases follow. */
static const char *
current_theme (TlWindow *self)
{
  const char *name = tl_canvas_view_get_theme_name (self->diagram_view);

  if (name != NULL && !g_str_equal (name, "system"))
    return name;

  return adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "dark" : "light";
}

/* ---- the options step ---------------------------------------------------- */

typedef struct {
  TlWindow             *window;   /* owned */
  char                 *path;
  const TlExportFormat *format;
  TlExportWhat          what;
  AdwComboRow          *theme_row;
  AdwComboRow          *size_row;          /* PNG only */
  AdwComboRow          *background_row;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->window);
  g_free (job->path);
  g_free (job);
}

static AdwComboRow *
add_combo_row (GtkListBox         *list,
               const char         *name,
               const char         *title,
               const char * const *items,
               guint               n_items,
               guint               selected)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  for (guint i = 0; i < n_items; i++)
    gtk_string_list_append (model, items[i]);

  /* Named so that tests (and the inspector) find them in any language */
  gtk_widget_set_name (GTK_WIDGET (row), name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row, selected);
  gtk_list_box_append (list, GTK_WIDGET (row));

  return row;
}

static void
options_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     ExportJob        *job)
{
  TlWindow *self = job->window;
  TlExportOptions options = { 0, };
  g_autoptr(GError) error = NULL;
  guint selected;

  if (!g_str_equal (response, "export"))
    return;

  selected = adw_combo_row_get_selected (job->theme_row);
  options.theme = theme_ids[MIN (selected, G_N_ELEMENTS (theme_ids) - 1)];
  if (job->size_row != NULL)
    {
      selected = adw_combo_row_get_selected (job->size_row);
      if (selected < G_N_ELEMENTS (scales) && scales[selected] != 1)
        options.scale = scales[selected];
    }
  selected = adw_combo_row_get_selected (job->background_row);
  options.background = backgrounds[MIN (selected, G_N_ELEMENTS (backgrounds) - 1)];
  /* The matrix as the window shows it: in its heat-map mode */
  options.matrix_mode = tl_canvas_view_get_matrix_mode (self->matrix_view);

  if (!tl_export_to_file (tl_session_get_document (self->session), job->what,
                          job->format, job->path, &options, &error))
    tl_window_show_toast (self, error->message);
  else
    {
      g_autofree char *display = g_filename_display_basename (job->path);
      g_autofree char *message = g_strdup_printf (_("Exported “%s”"), display);

      tl_window_show_toast (self, message);
    }
}

/* After the file is chosen, its format decides which options make sense:
 * every format has a theme and a page colour, PNG also a size and a
 * transparent page. */
static void
show_options (TlWindow             *self,
              const char           *path,
              const TlExportFormat *format)
{
  ExportJob *job = g_new0 (ExportJob, 1);
  gboolean png = g_str_equal (format->id, "png");
  const char *theme = current_theme (self);
  const char *themes[G_N_ELEMENTS (theme_names)];
  const char *background_items[G_N_ELEMENTS (background_names)];
  g_autofree char *display = g_filename_display_basename (path);
  GtkWidget *dialog;
  GtkListBox *list;
  guint theme_index = 0;

  job->window = g_object_ref (self);
  job->path = g_strdup (path);
  job->format = format;
  job->what = export_what (self);

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   job->what == TL_EXPORT_MATRIX
                                     ? _("Export Matrix") : _("Export Diagram"),
                                   NULL);
  /* Translators: the file name, then its format, e.g. “PNG image” */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), _("“%s” (%s)"),
                                  display, _(format->name));

  list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");

  for (guint i = 0; i < G_N_ELEMENTS (theme_names); i++)
    {
      themes[i] = _(theme_names[i]);
      if (g_str_equal (theme, theme_ids[i]))
        theme_index = i;
    }
  job->theme_row = add_combo_row (list, "theme", _("_Theme"), themes,
                                  G_N_ELEMENTS (themes), theme_index);

  if (png)
    {
      const char *sizes[G_N_ELEMENTS (scales)];
      char *labels[G_N_ELEMENTS (scales)] = { NULL, };
      double natural_w, natural_h;

      tl_export_get_natural_size (tl_session_get_document (self->session), job->what,
                                  &natural_w, &natural_h);
      for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
        {
          /* Translators: a PNG size: the scale, then width × height */
          labels[i] = g_strdup_printf (_("%g× (%d × %d pixels)"), scales[i],
                                       (int) round (natural_w * scales[i]),
                                       (int) round (round (natural_w * scales[i]) * natural_h / natural_w));
          sizes[i] = labels[i];
        }
      job->size_row = add_combo_row (list, "size", _("_Size"), sizes, G_N_ELEMENTS (sizes), 0);
      for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
        g_free (labels[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (background_names); i++)
    background_items[i] = _(background_names[i]);
  /* Transparency is for pictures made of pixels only */
  job->background_row = add_combo_row (list, "background", _("_Background"), background_items,
                                       png ? G_N_ELEMENTS (background_items)
                                           : G_N_ELEMENTS (background_items) - 1,
                                       0);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (list));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Export"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect_data (dialog, "response", G_CALLBACK (options_response_cb), job,
                         (GClosureNotify) (void (*) (void)) export_job_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Export… --------------------------------------------------------------- */

static void
export_response_cb (GtkNativeDialog *native,
                    int              response,
                    TlWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *name = g_file_get_basename (file);
      const char *dot = strrchr (name, '.');
      const TlExportFormat *format = dot ? tl_export_format_lookup (dot + 1) : NULL;
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (native));

      /* No known extension typed: the chosen filter decides, and the
       * file gets that format's extension. */
      if (format == NULL && filter != NULL)
        {
          format = g_object_get_data (G_OBJECT (filter), "tl-format");
          if (format != NULL)
            {
              g_autofree char *ext = g_strconcat (".", format->extension, NULL);
              g_autoptr(GFile) fixed = _tl_window_with_extension (file, ext);

              g_free (path);
              path = g_file_get_path (fixed);
            }
        }

      if (path == NULL)
        tl_window_show_toast (self, _("Export needs a local file: choose a folder on this computer."));
      else if (format == NULL)
        tl_window_show_toast (self, _("Unknown export format: name the file .svg, .png or .pdf."));
      else
        show_options (self, path, format);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  const TlExportFormat * const *formats = tl_export_formats ();
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;

  native = gtk_file_chooser_native_new (export_what (self) == TL_EXPORT_MATRIX
                                          ? _("Export Matrix") : _("Export Diagram"),
                                        GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  for (guint i = 0; formats[i] != NULL; i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(formats[i]->name));
      gtk_file_filter_add_mime_type (filter, formats[i]->mime_type);
      gtk_file_filter_add_suffix (filter, formats[i]->extension);
      g_object_set_data (G_OBJECT (filter), "tl-format", (gpointer)formats[i]);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    }

  name = _tl_window_suggested_name (self,
                         export_what (self) == TL_EXPORT_MATRIX ? _("-matrix") : _("-diagram"),
                         formats[0]->extension);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);

  g_signal_connect (native, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---- Copy as Image ------------------------------------------------------- */

static void
copy_image_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  TlExportWhat what = export_what (self);
  TlExportOptions options = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;
  int width, height, stride;

  /* The feedback page is a list, not a drawing: the diagram stands in. */
  options.theme = current_theme (self);
  options.scale = COPY_SCALE;
  options.matrix_mode = tl_canvas_view_get_matrix_mode (self->matrix_view);
  surface = tl_export_to_image (tl_session_get_document (self->session), what, &options, &error);
  if (surface == NULL)
    {
      tl_window_show_toast (self, error->message);
      return;
    }

  /* cairo's ARGB32 is premultiplied native-endian, which is what
   * GDK_MEMORY_DEFAULT means. */
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  cairo_surface_destroy (surface);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  tl_window_show_toast (self, what == TL_EXPORT_MATRIX
                                ? _("Copied the matrix as an image: paste it into your slides")
                                : _("Copied the diagram as an image: paste it into your slides"));
}

void
_tl_window_class_export_init (TlWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_install_action (widget_class, "win.copy-image", NULL, copy_image_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-image", NULL);
}
