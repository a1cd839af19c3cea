/* tl-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tl-application.h"
#include "tl-window.h"

struct _TlApplication
{
  AdwApplication  parent_instance;

  GtkFileChooserNative *open_dialog;
  gboolean        recovery_checked;
};

G_DEFINE_FINAL_TYPE (TlApplication, tl_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Page to show: diagram, matrix or feedback"), N_("PAGE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

typedef struct {
  GFile *file;
  char  *view;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->view, g_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenData, open_data_free)

/* The first window's first frame, for build-aux/bench. */
static void
bench_after_paint_cb (GdkFrameClock *clock,
                      GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, window);
  g_print ("touchloop: first frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  if (g_strcmp0 (g_getenv ("TOUCHLOOP_BENCH_STARTUP"), "quit") == 0)
    g_application_quit (g_application_get_default ());
}

static void
bench_window_map_cb (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_handlers_disconnect_by_func (window, bench_window_map_cb, NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (bench_after_paint_cb), window);
}

static TlWindow *
present_session (TlApplication *self,
                 TlSession     *session,
                 const char    *view)
{
  TlWindow *window = tl_window_new (GTK_APPLICATION (self), session);

  if (view != NULL)
    tl_window_set_view (window, view);
  if (g_getenv ("TOUCHLOOP_BENCH_STARTUP") != NULL)
    g_signal_connect (window, "map", G_CALLBACK (bench_window_map_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
show_error (TlApplication *self,
            const char    *heading,
            const char    *body)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  g_debug ("%s: %s", heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static TlWindow *
find_window_for_file (TlApplication *self,
                      GFile         *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      GFile *other;

      if (!TL_IS_WINDOW (l->data))
        continue;
      other = tl_session_get_file (tl_window_get_session (l->data));
      if (other != NULL && g_file_equal (other, file))
        return l->data;
    }
  return NULL;
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OpenData) data = user_data;
  TlApplication *self = TL_APPLICATION (g_application_get_default ());
  g_autoptr(TlWorkingCopy) working_copy = NULL;
  g_autoptr(TlSession) session = NULL;
  g_autoptr(GError) error = NULL;
  TlWindow *existing;

  working_copy = tl_working_copy_open_finish (result, &error);
  g_application_release (G_APPLICATION (self));

  if (working_copy == NULL)
    {
      g_autofree char *name = g_file_get_basename (data->file);
      g_autofree char *heading = g_strdup_printf (_("Cannot Open “%s”"), name);

      show_error (self, heading, error->message);
      return;
    }

  /* Opened twice while the first open was still under way. */
  existing = find_window_for_file (self, data->file);
  if (existing != NULL)
    {
      tl_working_copy_discard (working_copy);
      gtk_window_present (GTK_WINDOW (existing));
      return;
    }

  {
    g_autofree char *uri = g_file_get_uri (data->file);
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  }
  session = tl_session_new (working_copy);
  present_session (self, session, data->view);
}

void
tl_application_open_file (TlApplication *self,
                          GFile         *file,
                          const char    *view)
{
  OpenData *data;
  TlWindow *existing;

  g_return_if_fail (TL_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  /* One window per file: two working copies of one file would each save
   * over the other's changes. */
  existing = find_window_for_file (self, file);
  if (existing != NULL)
    {
      if (view != NULL)
        tl_window_set_view (existing, view);
      gtk_window_present (GTK_WINDOW (existing));
      return;
    }

  data = g_new0 (OpenData, 1);
  data->file = g_object_ref (file);
  data->view = g_strdup (view);

  g_application_hold (G_APPLICATION (self));
  tl_working_copy_open_async (file, NULL, open_cb, data);
}

void
tl_application_new_document (TlApplication *self)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o (tl_language_from_environment ());
  g_autoptr(TlWorkingCopy) working_copy = NULL;
  g_autoptr(TlSession) session = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TL_IS_APPLICATION (self));

  working_copy = tl_working_copy_new_untitled (document, &error);
  if (working_copy == NULL)
    {
      show_error (self, _("Cannot Create a Document"), error->message);
      return;
    }

  session = tl_session_new (working_copy);
  present_session (self, session, NULL);
}

static void
recovery_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      GPtrArray        *recoverable)
{
  TlApplication *self = TL_APPLICATION (g_application_get_default ());

  for (guint i = 0; i < recoverable->len; i++)
    {
      TlRecoverable *item = g_ptr_array_index (recoverable, i);
      g_autoptr(TlWorkingCopy) working_copy = NULL;
      g_autoptr(TlSession) session = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_str_equal (response, "recover"))
        {
          if (g_str_equal (response, "discard"))
            tl_recoverable_discard (item);
          continue;
        }

      working_copy = tl_working_copy_recover (item, &error);
      if (working_copy == NULL)
        {
          show_error (self, _("Cannot Recover a Document"), error->message);
          continue;
        }

      session = tl_session_new (working_copy);
      /* What was recovered differs from the file it came from. */
      tl_undo_stack_mark_unsaved (tl_session_get_undo_stack (session));
      present_session (self, session, NULL);
    }
}

void
tl_application_check_recovery (TlApplication *self)
{
  g_autoptr(GPtrArray) recoverable = NULL;
  g_autoptr(GString) body = NULL;
  GtkWidget *dialog;

  g_return_if_fail (TL_IS_APPLICATION (self));

  self->recovery_checked = TRUE;
  recoverable = tl_working_copy_find_recoverable ();
  if (recoverable == NULL || recoverable->len == 0)
    return;

  body = g_string_new (g_dngettext (GETTEXT_PACKAGE,
                                    "Touchloop was closed unexpectedly while this document had unsaved changes:",
                                    "Touchloop was closed unexpectedly while these documents had unsaved changes:",
                                    recoverable->len));
  g_string_append_c (body, '\n');
  for (guint i = 0; i < recoverable->len; i++)
    {
      TlRecoverable *item = g_ptr_array_index (recoverable, i);
      GFile *file = tl_recoverable_get_file (item);
      g_autofree char *where = file ? g_file_get_parse_name (file) : g_strdup (_("never saved"));

      g_string_append_printf (body, "\n• %s (%s)", tl_recoverable_get_title (item), where);
    }

  dialog = adw_message_dialog_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                   _("Recover Unsaved Changes?"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "later", _("_Later"),
                                    "discard", _("_Discard"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "recover",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "recover");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_data (dialog, "response", G_CALLBACK (recovery_response_cb),
                         g_steal_pointer (&recoverable), (GClosureNotify)(void (*) (void))g_ptr_array_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
offer_recovery (TlApplication *self)
{
  if (!self->recovery_checked)
    tl_application_check_recovery (self);
}

static void
tl_application_activate (GApplication *application)
{
  TlApplication *self = TL_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    gtk_window_present (window);
  else
    tl_application_new_document (self);

  offer_recovery (self);
}

static void
tl_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  TlApplication *self = TL_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    tl_application_open_file (self, files[i], NULL);

  offer_recovery (self);
}

static int
tl_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  const char *view = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("touchloop %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "view", "&s", &view) &&
      g_strcmp0 (view, "diagram") != 0 && g_strcmp0 (view, "matrix") != 0 &&
      g_strcmp0 (view, "feedback") != 0)
    {
      g_printerr (_("touchloop: unknown page “%s”: use diagram, matrix or feedback\n"), view);
      return 2;
    }

  return -1;
}

static int
tl_application_command_line (GApplication            *application,
                             GApplicationCommandLine *command_line)
{
  TlApplication *self = TL_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_auto(GStrv) argv = NULL;
  const char *view = NULL;
  int argc;

  g_variant_dict_lookup (options, "view", "&s", &view);
  argv = g_application_command_line_get_arguments (command_line, &argc);

  if (argc <= 1)
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

      if (window == NULL)
        tl_application_new_document (self);
      else
        gtk_window_present (window);

      window = gtk_application_get_active_window (GTK_APPLICATION (self));
      if (view != NULL && TL_IS_WINDOW (window))
        tl_window_set_view (TL_WINDOW (window), view);
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, argv[i]);
      tl_application_open_file (self, file, view);
    }

  offer_recovery (self);
  return 0;
}

static void
new_action (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  tl_application_new_document (TL_APPLICATION (user_data));
}

static void
open_response_cb (GtkNativeDialog *native,
                  int              response,
                  TlApplication   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          tl_application_open_file (self, file, NULL);
        }
    }

  gtk_native_dialog_destroy (native);
  g_clear_object (&self->open_dialog);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TlApplication *self = TL_APPLICATION (user_data);
  g_autoptr(GtkFileFilter) filter = NULL;

  if (self->open_dialog != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->open_dialog));
      return;
    }

  self->open_dialog = gtk_file_chooser_native_new (_("Open Document"),
                                                   gtk_application_get_active_window (GTK_APPLICATION (self)),
                                                   GTK_FILE_CHOOSER_ACTION_OPEN,
                                                   _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->open_dialog), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->open_dialog), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Touchloop documents"));
  gtk_file_filter_add_mime_type (filter, "application/x-touchloop");
  gtk_file_filter_add_suffix (filter, "touchloop");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->open_dialog), filter);

  g_signal_connect (self->open_dialog, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->open_dialog));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  tl_application_open_file (TL_APPLICATION (user_data), file, NULL);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  TlApplication *self = TL_APPLICATION (user_data);
  static const char *developers[] = { "The Touchloop developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Touchloop"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Map how customers move between online and offline, score every touchpoint, and back it with what customers said."),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TlApplication *self = TL_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Each window asks about its own unsaved changes. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "new", new_action },
  { "open", open_action },
  { "open-recent", open_recent_action, "s" },
  { "about", about_action },
  { "quit", quit_action },
};

static void
tl_application_startup (GApplication *application)
{
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (tl_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.new", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.show-help-overlay", help_accels);

  gtk_window_set_default_icon_name (APPLICATION_ID);
}

static void
tl_application_dispose (GObject *object)
{
  TlApplication *self = (TlApplication *)object;

  g_clear_object (&self->open_dialog);

  G_OBJECT_CLASS (tl_application_parent_class)->dispose (object);
}

static void
tl_application_class_init (TlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = tl_application_dispose;
  app_class->startup = tl_application_startup;
  app_class->activate = tl_application_activate;
  app_class->open = tl_application_open;
  app_class->command_line = tl_application_command_line;
  app_class->handle_local_options = tl_application_handle_local_options;
}

static void
tl_application_init (TlApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Draw the six-loop O2O diagram, score the experience matrix and attach customer feedback."));
}

TlApplication *
tl_application_new (void)
{
  return g_object_new (TL_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_HANDLES_COMMAND_LINE,
                       /* One set of resources for the normal and the .Devel build */
                       "resource-base-path", "/io/github/touchloop/Touchloop",
                       NULL);
}
