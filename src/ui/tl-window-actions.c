/* tl-window-actions.c: the window's actions, shortcuts and file flows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tl-document-properties.h"
#include "tl-window-private.h"

#define MAX_RECENT 8

static void save_to (TlWindow *self, GFile *dest, gboolean overwrite);

static const char * const zoom_actions[] = {
  "win.zoom-in", "win.zoom-out", "win.zoom-fit", "win.zoom-actual",
};

void
_tl_window_actions_update (TlWindow *self)
{
  TlUndoStack *stack = self->session ? tl_session_get_undo_stack (self->session) : NULL;
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);
  gboolean can_save = self->session != NULL && !self->saving &&
                      (tl_session_get_modified (self->session) || tl_session_get_file (self->session) == NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", stack && tl_undo_stack_get_can_undo (stack));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", stack && tl_undo_stack_get_can_redo (stack));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", can_save);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", self->session != NULL && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.document-properties", self->session != NULL);
  if (self->matrix_mode_button != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->matrix_mode_button), g_strcmp0 (view, "matrix") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", self->session != NULL && !self->importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.link-to", self->session != NULL && !self->importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export",
                                 self->session != NULL && g_strcmp0 (view, "feedback") != 0);
  for (guint i = 0; i < G_N_ELEMENTS (zoom_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), zoom_actions[i],
                                   self->session != NULL && g_strcmp0 (view, "feedback") != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-station", self->session != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.recolor-loops", self->session != NULL);

  /* Editing the diagram's structure happens on its page. */
  gtk_widget_set_visible (self->diagram_edit_box, g_strcmp0 (view, "diagram") == 0);
  if (g_strcmp0 (view, "diagram") != 0)
    tl_canvas_view_set_creating_loop (self->diagram_view, FALSE);
  {
    GAction *new_loop = g_action_map_lookup_action (G_ACTION_MAP (self), "new-loop");
    gboolean creating = tl_canvas_view_get_creating_loop (self->diagram_view);
    g_autoptr(GVariant) state = new_loop ? g_action_get_state (new_loop) : NULL;

    if (state != NULL && g_variant_get_boolean (state) != creating)
      g_simple_action_set_state (G_SIMPLE_ACTION (new_loop), g_variant_new_boolean (creating));
  }

  /* The undo buttons say what they would undo. */
  if (stack != NULL)
    {
      const char *undo = tl_undo_stack_get_undo_label (stack);
      const char *redo = tl_undo_stack_get_redo_label (stack);
      g_autofree char *undo_tip = undo ? g_strdup_printf (_("Undo “%s” (Ctrl+Z)"), undo) : g_strdup (_("Undo (Ctrl+Z)"));
      g_autofree char *redo_tip = redo ? g_strdup_printf (_("Redo “%s” (Shift+Ctrl+Z)"), redo) : g_strdup (_("Redo (Shift+Ctrl+Z)"));

      gtk_widget_set_tooltip_text (self->undo_button, undo_tip);
      gtk_widget_set_tooltip_text (self->redo_button, redo_tip);
    }
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  tl_undo_stack_undo (tl_session_get_undo_stack (self->session));
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  tl_undo_stack_redo (tl_session_get_undo_stack (self->session));
}

static void
add_to_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *)"application/x-touchloop",
    .app_name = (char *)"Touchloop",
    .app_exec = (char *)"touchloop %u",
    .groups = NULL,
    .is_private = FALSE,
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static void
conflict_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      TlWindow         *self)
{
  if (g_str_equal (response, "overwrite"))
    save_to (self, NULL, TRUE);
  else if (g_str_equal (response, "save-as"))
    _tl_window_save (self, TRUE);
  else
    self->close_after_save = FALSE;
}

static void
show_conflict (TlWindow *self)
{
  g_autofree char *name = tl_session_dup_display_name (self->session);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("File Changed on Disk"), NULL);

  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” was changed by another program since you opened it. "
                                    "Saving replaces those changes with yours; Save As keeps both."),
                                  name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save-as", _("Save _As…"),
                                    "overwrite", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "overwrite",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save-as");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (conflict_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TlWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;

  if (!tl_session_save_finish (TL_SESSION (object), result, &error))
    {
      _tl_window_actions_update (self);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, TL_STORE_ERROR, TL_STORE_ERROR_CONFLICT))
        {
          show_conflict (self);
          return;
        }

      self->close_after_save = FALSE;
      tl_window_show_toast (self, error->message);
      return;
    }

  add_to_recent (tl_session_get_file (TL_SESSION (object)));
  _tl_window_actions_update (self);

  if (self->close_after_save)
    tl_window_force_close (self);
}

static void
save_to (TlWindow *self,
         GFile    *dest,
         gboolean  overwrite)
{
  if (self->saving)
    return;

  self->saving = TRUE;
  _tl_window_actions_update (self);
  tl_session_save_async (self->session, dest, overwrite, self->cancellable,
                         save_cb, g_object_ref (self));
}

GFile *
_tl_window_with_extension (GFile      *file,
                const char *extension)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *with = NULL;
  g_autoptr(GFile) parent = NULL;

  if (g_str_has_suffix (name, extension))
    return g_object_ref (file);

  parent = g_file_get_parent (file);
  with = g_strconcat (name, extension, NULL);
  return g_file_get_child (parent, with);
}

static void
save_as_response_cb (GtkNativeDialog *native,
                     int              response,
                     TlWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autoptr(GFile) file = _tl_window_with_extension (chosen, ".touchloop");

      /* The chooser already asked before replacing the chosen file. */
      save_to (self, file, TRUE);
    }
  else
    self->close_after_save = FALSE;

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

char *
_tl_window_suggested_name (TlWindow   *self,
                const char *suffix,
                const char *extension)
{
  const char *title = tl_document_get_title (tl_session_get_document (self->session));
  g_autofree char *base = g_strdup (title && *title ? title : _("Untitled Document"));

  /* A title may hold characters a file name cannot. */
  g_strdelimit (base, "/\\:", '-');
  return g_strconcat (base, suffix ? suffix : "", ".", extension, NULL);
}

void
_tl_window_save (TlWindow *self,
                 gboolean  save_as)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;

  if (!save_as && tl_session_get_file (self->session) != NULL)
    {
      save_to (self, NULL, FALSE);
      return;
    }

  native = gtk_file_chooser_native_new (_("Save Document"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Touchloop documents"));
  gtk_file_filter_add_mime_type (filter, "application/x-touchloop");
  gtk_file_filter_add_suffix (filter, "touchloop");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  if (tl_session_get_file (self->session) != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (native), tl_session_get_file (self->session), NULL);
  else
    {
      name = _tl_window_suggested_name (self, NULL, "touchloop");
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    }

  g_signal_connect (native, "response", G_CALLBACK (save_as_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _tl_window_save (TL_WINDOW (widget), g_str_equal (action_name, "win.save-as"));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  tl_window_set_view (TL_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

/* The canvas of the page shown, or NULL on the feedback page */
static TlCanvasView *
visible_canvas (TlWindow *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (view, "diagram") == 0)
    return self->diagram_view;
  if (g_strcmp0 (view, "matrix") == 0)
    return self->matrix_view;
  return NULL;
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TlCanvasView *canvas = visible_canvas (TL_WINDOW (widget));

  if (canvas == NULL)
    return;

  if (g_str_equal (action_name, "win.zoom-in"))
    tl_canvas_view_zoom_in (canvas);
  else if (g_str_equal (action_name, "win.zoom-out"))
    tl_canvas_view_zoom_out (canvas);
  else if (g_str_equal (action_name, "win.zoom-fit"))
    tl_canvas_view_zoom_fit (canvas);
  else
    tl_canvas_view_zoom_actual (canvas);
}

/* The theme is a choice of the moment (a projector in the room), kept by
 * the session as view state of its document (so that it comes back when
 * the document is opened again) and given to both canvases. */
static void
theme_change_state (GSimpleAction *action,
                    GVariant      *value,
                    gpointer       user_data)
{
  TlWindow *self = user_data;
  const char *name = g_variant_get_string (value, NULL);

  if (!g_str_equal (name, "system") && !g_str_equal (name, "projector"))
    return;

  g_simple_action_set_state (action, value);
  tl_canvas_view_set_theme_name (self->diagram_view, name);
  tl_canvas_view_set_theme_name (self->matrix_view, name);
  if (self->session != NULL)
    tl_session_set_theme_name (self->session, name);
}

static void
add_station_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  tl_window_set_view (self, "diagram");
  tl_canvas_view_add_station (self->diagram_view);
}

/* New Loop mode, a toggle: on, the diagram's clicks and Enter choose the
 * new loop's stations; off, the loop is made when it has two stations or
 * more (closing it on its first station does so too). */
static void
new_loop_change_state (GSimpleAction *action,
                       GVariant      *value,
                       gpointer       user_data)
{
  TlWindow *self = user_data;

  if (g_variant_get_boolean (value))
    {
      tl_window_set_view (self, "diagram");
      tl_canvas_view_set_creating_loop (self->diagram_view, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->diagram_view));
    }
  else if (tl_canvas_view_get_creating_loop (self->diagram_view))
    tl_canvas_view_finish_loop (self->diagram_view);

  g_simple_action_set_state (action, g_variant_new_boolean (tl_canvas_view_get_creating_loop (self->diagram_view)));
}

static void
recolor_loops_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  g_autoptr(TlCommand) command = tl_recolor_loops_command_new (tl_session_get_document (self->session));
  g_autoptr(GError) error = NULL;

  if (command == NULL)
    {
      tl_window_show_toast (self, _("The loops already have the colour-blind safe colours."));
      return;
    }
  if (!tl_session_run (self->session, command, &error))
    tl_window_show_toast (self, error->message);
}

/* Snapping is a preference of the moment, like the theme: kept by the
 * window for its diagram. */
static void
snap_to_grid_change_state (GSimpleAction *action,
                           GVariant      *value,
                           gpointer       user_data)
{
  TlWindow *self = user_data;

  g_simple_action_set_state (action, value);
  tl_canvas_view_set_snap_to_grid (self->diagram_view, g_variant_get_boolean (value));
}

static int
compare_recent_newest_first (gconstpointer a,
                             gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified ((GtkRecentInfo *)a);
  GDateTime *tb = gtk_recent_info_get_modified ((GtkRecentInfo *)b);

  return g_date_time_compare (tb, ta);
}

/* GtkMenuButton:active is GTK 4.10: the popover's show serves. */
static void
primary_popover_show_cb (GtkPopover *popover,
                         TlWindow   *self)
{
  g_autolist(GtkRecentInfo) items = NULL;
  guint added = 0;

  /* Rebuilt each time the menu opens, so it is never stale. */
  g_menu_remove_all (self->recent_menu);
  items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  items = g_list_sort (items, compare_recent_newest_first);

  for (GList *l = items; l != NULL && added < MAX_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GMenuItem) item = NULL;

      if (!g_str_has_suffix (uri, ".touchloop") || !gtk_recent_info_exists (info))
        continue;

      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "app.open-recent", "s", uri);
      g_menu_append_item (self->recent_menu, item);
      added++;
    }

  if (added == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Documents"), "app.no-recent");
      g_menu_append_item (self->recent_menu, item);
    }
}

/* The matrix's heat-map mode, a choice of the moment like the theme: kept
 * by the window for its matrix page (and its exports) */
static void
matrix_mode_change_state (GSimpleAction *action,
                          GVariant      *value,
                          gpointer       user_data)
{
  TlWindow *self = user_data;
  TlMatrixMode mode;

  if (!tl_matrix_mode_from_nick (g_variant_get_string (value, NULL), &mode))
    return;

  g_simple_action_set_state (action, value);
  tl_canvas_view_set_matrix_mode (self->matrix_view, mode);
  if (self->matrix_mode_button != NULL)
    gtk_menu_button_set_label (self->matrix_mode_button, tl_matrix_mode_get_label (mode));
}

static void
document_properties_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  if (self->session == NULL)
    return;

  gtk_window_present (GTK_WINDOW (tl_document_properties_new (GTK_WINDOW (self), self->session)));
}

/* The heat-map modes as a menu of win.matrix-mode, in menu order */
static GMenu *
matrix_mode_menu (void)
{
  GMenu *menu = g_menu_new ();
  const char * const *nicks = tl_matrix_mode_nicks ();

  for (guint i = 0; nicks[i] != NULL; i++)
    {
      TlMatrixMode mode = TL_MATRIX_MODE_CURRENT;
      g_autoptr(GMenuItem) item = NULL;

      tl_matrix_mode_from_nick (nicks[i], &mode);
      item = g_menu_item_new (tl_matrix_mode_get_label (mode), NULL);
      g_menu_item_set_action_and_target (item, "win.matrix-mode", "s", nicks[i]);
      g_menu_append_item (menu, item);
    }

  return menu;
}

/* A mode button in the header bar, shown on the matrix page; the same
 * choices and Document Properties in the primary menu */
static void
matrix_menus_init (TlWindow *self)
{
  g_autoptr(GMenu) modes = matrix_mode_menu ();
  g_autoptr(GMenu) properties = g_menu_new ();
  g_autoptr(GMenu) matrix = g_menu_new ();
  GMenuModel *primary = gtk_menu_button_get_menu_model (self->menu_button);
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (modes));
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), tl_matrix_mode_get_label (TL_MATRIX_MODE_CURRENT));
  gtk_menu_button_set_always_show_arrow (GTK_MENU_BUTTON (button), TRUE);
  gtk_widget_set_tooltip_text (button, _("Colour the Matrix Cells By"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Colour the matrix cells by"),
                                  -1);
  gtk_widget_set_visible (button, FALSE);
  adw_header_bar_pack_end (self->header_bar, button);
  self->matrix_mode_button = GTK_MENU_BUTTON (button);

  if (G_IS_MENU (primary))
    {
      guint n = g_menu_model_get_n_items (primary);

      g_menu_append (properties, _("Document _Properties…"), "win.document-properties");
      g_menu_insert_section (G_MENU (primary), MIN (2, n), NULL, G_MENU_MODEL (properties));
      g_menu_append_submenu (matrix, _("_Colour Cells By"), G_MENU_MODEL (modes));
      g_menu_insert_section (G_MENU (primary), MIN (4, n + 1), _("Matrix"), G_MENU_MODEL (matrix));
    }
}

void
_tl_window_class_actions_init (TlWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.document-properties", NULL, document_properties_action);
  for (guint i = 0; i < G_N_ELEMENTS (zoom_actions); i++)
    gtk_widget_class_install_action (widget_class, zoom_actions[i], NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.add-station", NULL, add_station_action);
  gtk_widget_class_install_action (widget_class, "win.recolor-loops", NULL, recolor_loops_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view", "s", "diagram");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view", "s", "matrix");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-view", "s", "feedback");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "win.zoom-actual", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1, GDK_CONTROL_MASK, "win.zoom-actual", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.add-station", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.add-station", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.new-loop", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_L, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.new-loop", NULL);
}

void
_tl_window_actions_init (TlWindow *self)
{
  static const GActionEntry entries[] = {
    { .name = "theme", .parameter_type = "s", .state = "'system'", .change_state = theme_change_state },
    { .name = "snap-to-grid", .state = "true", .change_state = snap_to_grid_change_state },
    { .name = "new-loop", .state = "false", .change_state = new_loop_change_state },
    { .name = "matrix-mode", .parameter_type = "s", .state = "'current'", .change_state = matrix_mode_change_state },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  matrix_menus_init (self);
  g_signal_connect (gtk_menu_button_get_popover (self->menu_button), "show",
                    G_CALLBACK (primary_popover_show_cb), self);
}
