/* tl-window-export.c: Export… and the other ways a page leaves the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tl-export.h"
#include "tl-window-private.h"

static TlExportWhat
export_what (TlWindow *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "matrix") == 0
         ? TL_EXPORT_MATRIX : TL_EXPORT_DIAGRAM;
}

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
      TlExportOptions options = { 0, "light" };
      g_autoptr(GError) error = NULL;

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
      else if (!tl_export_to_file (tl_session_get_document (self->session), export_what (self),
                                   format, path, &options, &error))
        tl_window_show_toast (self, error->message);
      else
        {
          g_autofree char *display = g_filename_display_basename (path);
          g_autofree char *message = g_strdup_printf (_("Exported “%s”"), display);

          tl_window_show_toast (self, message);
        }
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

void
_tl_window_class_export_init (TlWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
}
