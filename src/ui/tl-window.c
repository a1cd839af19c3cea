/* tl-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tl-resources.h"
#include "tl-window-private.h"

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TlWindow, tl_window, ADW_TYPE_APPLICATION_WINDOW)

static GParamSpec *properties[N_PROPS];

static void
update_titles (TlWindow *self)
{
  TlDocument *document = tl_session_get_document (self->session);
  GFile *file = tl_session_get_file (self->session);
  gboolean modified = tl_session_get_modified (self->session);
  const char *doc_title = tl_document_get_title (document);
  g_autofree char *name = tl_session_dup_display_name (self->session);
  g_autofree char *path = NULL;
  g_autofree char *title = NULL;
  g_autofree char *window_title = NULL;

  if (doc_title == NULL || *doc_title == '\0')
    doc_title = name;

  if (file != NULL)
    {
      g_autofree char *local = g_file_get_path (file);
      const char *home = g_get_home_dir ();

      /* ~/ is how GNOME shows paths under the home folder. */
      if (local != NULL && home != NULL && g_str_has_prefix (local, home) && local[strlen (home)] == '/')
        path = g_strconcat ("~", local + strlen (home), NULL);
      else
        path = local ? g_steal_pointer (&local) : g_file_get_uri (file);
    }
  else
    path = g_strdup (_("Not saved yet"));

  /* The dot is GNOME's sign of unsaved changes. */
  title = modified ? g_strdup_printf ("• %s", doc_title) : g_strdup (doc_title);
  window_title = g_strdup_printf ("%s — %s", title, _("Touchloop"));

  gtk_window_set_title (GTK_WINDOW (self), window_title);
  adw_view_switcher_title_set_title (self->switcher_title, title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, path);
  gtk_label_set_text (self->document_title_label, title);
  gtk_label_set_text (self->document_path_label, path);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->document_path_label), path);
}

static void
session_changed_cb (TlWindow *self)
{
  update_titles (self);
  _tl_window_actions_update (self);
}

/* Loops that cannot be drawn as they are (too few stations, a station
 * that no longer exists): the legend marks them, and this bar says what
 * is wrong and offers to show the first. */
static void
update_problems (TlWindow *self)
{
  GListModel *loops = tl_document_get_loops (tl_session_get_document (self->session));
  g_autoptr(GPtrArray) first = NULL;
  g_autofree char *first_loop = NULL;
  guint n_broken = 0;

  for (guint i = 0; i < g_list_model_get_n_items (loops); i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);
      g_autoptr(GPtrArray) problems = tl_loop_check (loop, tl_session_get_document (self->session));

      if (problems->len == 0)
        continue;
      if (n_broken++ == 0)
        {
          first = g_steal_pointer (&problems);
          first_loop = g_strdup (tl_loop_get_id (loop));
        }
    }

  g_free (self->problem_loop);
  self->problem_loop = g_steal_pointer (&first_loop);

  if (first != NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      if (n_broken > 1)
        g_string_append_printf (text, ngettext ("%u loop cannot be drawn as it is. ",
                                                "%u loops cannot be drawn as they are. ", n_broken),
                                n_broken);
      for (guint i = 0; i < first->len; i++)
        g_string_append_printf (text, "%s%s", i > 0 ? " " : "", (char *) g_ptr_array_index (first, i));
      gtk_label_set_text (self->problems_label, text->str);
    }
  gtk_info_bar_set_revealed (self->problems_bar, first != NULL);
}

static gboolean
update_problems_idle_cb (gpointer user_data)
{
  TlWindow *self = user_data;

  self->problems_idle = 0;
  update_problems (self);
  return G_SOURCE_REMOVE;
}

static void
problems_response_cb (GtkInfoBar *bar,
                      int         response,
                      TlWindow   *self)
{
  if (self->problem_loop == NULL)
    return;

  tl_window_set_view (self, "diagram");
  tl_session_select (self->session, "loop", self->problem_loop);
}

static void
document_changed_cb (TlDocument   *document,
                     TlChangeKind  kind,
                     GObject      *object,
                     const char   *property,
                     TlWindow     *self)
{
  if (TL_IS_DOCUMENT (object))
    update_titles (self);

  /* Coalesced: one command may change many objects. */
  if ((TL_IS_LOOP (object) || TL_IS_STATION (object)) && self->problems_idle == 0)
    self->problems_idle = g_idle_add (update_problems_idle_cb, self);
}

/* The painters scale their drawing to the space they get: below about
 * 900 pixels the type gets too small to read.  So the outline folds into
 * an overlay when the window cannot give the page that much beside it
 * (and beside the properties pane, while that is shown).  AdwBreakpoint
 * would say this declaratively, but needs libadwaita 1.4. */
#define PAGE_COMFORT_WIDTH 900
#define SIDEBAR_WIDTH      240
#define PROPERTIES_WIDTH   320

static void
update_fold (TlWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int needed = PAGE_COMFORT_WIDTH + SIDEBAR_WIDTH;
  int height;

  /* GTK 4.8 needs both out-arguments. */
  if (width <= 0)
    gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (gtk_revealer_get_reveal_child (self->properties_revealer))
    needed += PROPERTIES_WIDTH;

  adw_flap_set_fold_policy (self->flap, width < needed ? ADW_FLAP_FOLD_POLICY_ALWAYS
                                                       : ADW_FLAP_FOLD_POLICY_NEVER);
}

void
_tl_window_update_side_pane (TlWindow *self)
{
  gboolean selected = tl_session_get_selected_kind (self->session) != NULL;
  /* The Feedback page has its own editor beside the list: the selection
   * of the diagram waits there unless the evidence is pinned open. */
  gboolean on_feedback = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "feedback") == 0;
  gboolean shown = (selected && !on_feedback) || self->evidence_pinned;

  if (shown && self->properties_pane == NULL)
    {
      self->properties_pane = TL_PROPERTIES_PANE (tl_properties_pane_new ());
      gtk_widget_set_size_request (GTK_WIDGET (self->properties_pane), PROPERTIES_WIDTH, -1);
      tl_properties_pane_set_session (self->properties_pane, self->session);
      _tl_window_feedback_add_side_pane (self, GTK_WIDGET (self->properties_pane));
    }

  gtk_revealer_set_reveal_child (self->properties_revealer, shown);
  update_fold (self);
}

static void
session_notify_selected_id_cb (TlSession  *session,
                               GParamSpec *pspec,
                               TlWindow   *self)
{
  _tl_window_update_side_pane (self);
}

static gboolean
update_fold_idle_cb (gpointer user_data)
{
  TlWindow *self = user_data;

  self->fold_idle = 0;
  update_fold (self);
  return G_SOURCE_REMOVE;
}

/* Maximizing notifies before the new size is allocated: look again once
 * it is. */
static void
window_size_changed_cb (TlWindow *self)
{
  update_fold (self);
  if (self->fold_idle == 0)
    self->fold_idle = g_idle_add (update_fold_idle_cb, self);
}

static void
undo_stack_notify_cb (TlWindow *self)
{
  _tl_window_actions_update (self);
}

static void
view_stack_notify_visible_child_cb (TlWindow *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);

  if (view != NULL)
    g_settings_set_string (self->settings, "last-view", view);
  if (self->session != NULL)
    _tl_window_update_side_pane (self);
  _tl_window_actions_update (self);
}

static void
store_write_failed_cb (TlStore      *store,
                       const GError *error,
                       TlWindow     *self)
{
  g_autofree char *message = g_strdup_printf (_("%s Use Save As to keep your work in another place."),
                                              error->message);

  tl_window_show_toast (self, message);
}

static void
set_session (TlWindow  *self,
             TlSession *session)
{
  g_assert (self->session == NULL);

  self->session = g_object_ref (session);

  tl_outline_set_session (self->outline, session);
  tl_canvas_view_set_session (self->diagram_view, session);
  tl_canvas_view_set_session (self->matrix_view, session);
  _tl_window_feedback_set_session (self, session);

  g_signal_connect_object (session, "notify::modified",
                           G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::file",
                           G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  tl_session_connect (session, self,
                      G_CALLBACK (document_changed_cb),
                      G_CALLBACK (session_notify_selected_id_cb));
  g_signal_connect_object (tl_session_get_store (session), "write-failed",
                           G_CALLBACK (store_write_failed_cb), self, 0);
  g_signal_connect_object (tl_session_get_undo_stack (session), "notify",
                           G_CALLBACK (undo_stack_notify_cb), self, G_CONNECT_SWAPPED);

  session_changed_cb (self);
  session_notify_selected_id_cb (session, NULL, self);
  update_problems (self);

  /* The theme this document was last shown in */
  g_action_group_change_action_state (G_ACTION_GROUP (self), "theme",
                                      g_variant_new_string (tl_session_get_theme_name (session)));
  g_signal_connect_object (self->diagram_view, "notify::creating-loop",
                           G_CALLBACK (_tl_window_actions_update), self, G_CONNECT_SWAPPED);
}

static void
save_window_state (TlWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
force_close_idle_cb (gpointer user_data)
{
  tl_window_force_close (user_data);
  return G_SOURCE_REMOVE;
}

static void
close_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          TlWindow         *self)
{
  /* Not from inside the dialog's own signal: the dialog still refers to
   * this window as its parent until it is done. */
  if (g_str_equal (response, "discard"))
    g_idle_add_full (G_PRIORITY_DEFAULT, force_close_idle_cb, g_object_ref (self), g_object_unref);
  else if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      _tl_window_save (self, FALSE);
    }
}

static gboolean
tl_window_close_request (GtkWindow *window)
{
  TlWindow *self = TL_WINDOW (window);
  g_autofree char *name = NULL;
  GtkWidget *dialog;

  if (self->force_close || self->session == NULL || !tl_session_get_modified (self->session))
    {
      save_window_state (self);
      /* The feedback list lets go of the store before it closes (and GTK
       * 4.8 can leak a hidden, focused column view's ancestors). */
      tl_feedback_view_set_store (self->feedback_view, NULL);
      if (self->session != NULL)
        tl_session_close (self->session);
      return GTK_WINDOW_CLASS (tl_window_parent_class)->close_request (window);
    }

  if (self->saving)
    return TRUE;

  name = g_strdup (tl_document_get_title (tl_session_get_document (self->session)));
  if (*name == '\0')
    {
      g_free (name);
      name = tl_session_dup_display_name (self->session);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” has unsaved changes. Changes that are not saved are lost when the window closes."),
                                  name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (close_dialog_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
tl_window_constructed (GObject *object)
{
  TlWindow *self = (TlWindow *)object;
  g_autofree char *view = NULL;

  G_OBJECT_CLASS (tl_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  view = g_settings_get_string (self->settings, "last-view");
  tl_window_set_view (self, view);

  g_signal_connect (self, "notify::default-width", G_CALLBACK (window_size_changed_cb), NULL);
  g_signal_connect (self, "notify::maximized", G_CALLBACK (window_size_changed_cb), NULL);
  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (window_size_changed_cb), NULL);
  update_fold (self);

  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (view_stack_notify_visible_child_cb), self, G_CONNECT_SWAPPED);

  if (g_str_has_suffix (APPLICATION_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  _tl_window_actions_update (self);
}

static void
tl_window_dispose (GObject *object)
{
  TlWindow *self = (TlWindow *)object;

  g_clear_handle_id (&self->fold_idle, g_source_remove);
  g_clear_handle_id (&self->problems_idle, g_source_remove);
  g_clear_pointer (&self->problem_loop, g_free);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_WINDOW);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tl_window_parent_class)->dispose (object);
}

static void
tl_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TlWindow *self = TL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TlWindow *self = TL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_window_class_init (TlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = tl_window_constructed;
  object_class->dispose = tl_window_dispose;
  object_class->get_property = tl_window_get_property;
  object_class->set_property = tl_window_set_property;
  window_class->close_request = tl_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referencing the bundle keeps the linker from dropping it (and its
   * registering constructor) out of the static library. */
  g_assert (tl_get_resource () != NULL);

  g_type_ensure (TL_TYPE_CANVAS_VIEW);
  g_type_ensure (TL_TYPE_FEEDBACK_VIEW);
  g_type_ensure (TL_TYPE_OUTLINE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/touchloop/Touchloop/tl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TlWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, diagram_edit_box);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, problems_bar);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, problems_label);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, document_title_label);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, document_path_label);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, outline);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, diagram_view);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, matrix_view);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, feedback_view);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, properties_revealer);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, properties_box);

  _tl_window_class_actions_init (klass);
  _tl_window_class_export_init (klass);
  _tl_window_class_feedback_init (klass);
}

static void
tl_window_init (TlWindow *self)
{
  self->settings = g_settings_new (BASE_APPLICATION_ID);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_info_bar_add_button (self->problems_bar, _("_Show Loop"), GTK_RESPONSE_ACCEPT);
  g_signal_connect (self->problems_bar, "response", G_CALLBACK (problems_response_cb), self);
  _tl_window_actions_init (self);
  _tl_window_feedback_init (self);
}

TlWindow *
tl_window_new (GtkApplication *application,
               TlSession      *session)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (TL_IS_SESSION (session), NULL);

  return g_object_new (TL_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       NULL);
}

TlSession *
tl_window_get_session (TlWindow *self)
{
  g_return_val_if_fail (TL_IS_WINDOW (self), NULL);
  return self->session;
}

void
tl_window_set_view (TlWindow   *self,
                    const char *view)
{
  g_return_if_fail (TL_IS_WINDOW (self));

  if (g_strcmp0 (view, "diagram") == 0 || g_strcmp0 (view, "matrix") == 0 ||
      g_strcmp0 (view, "feedback") == 0)
    adw_view_stack_set_visible_child_name (self->view_stack, view);
}

const char *
tl_window_get_view (TlWindow *self)
{
  g_return_val_if_fail (TL_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
tl_window_show_toast (TlWindow   *self,
                      const char *message)
{
  AdwToast *toast;

  g_return_if_fail (TL_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
tl_window_force_close (TlWindow *self)
{
  g_return_if_fail (TL_IS_WINDOW (self));

  self->force_close = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}
