/* tl-window-feedback.c: what the window does with customer feedback —
 * Import… (a file chooser, a dropped CSV, pasted cells), "Link to…",
 * dropping feedback rows onto the diagram or the matrix, and the evidence
 * pane beside the properties pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tl-evidence-pane.h"
#include "tl-feedback-data.h"
#include "tl-feedback-util.h"
#include "tl-feedback-view-private.h"
#include "tl-import-dialog.h"
#include "tl-window-private.h"

/* ---- import ----------------------------------------------------------------- */

static void
import_running_cb (TlImportDialog *dialog,
                   gboolean        running,
                   TlWindow       *self)
{
  /* The store is in the import's transaction: nothing reads it meanwhile. */
  self->importing = running;
  _tl_feedback_view_set_busy (self->feedback_view, running);
  _tl_window_actions_update (self);
}

static void
import_finished_cb (TlImportDialog *dialog,
                    TlImportReport *report,
                    TlWindow       *self)
{
  if (tl_import_report_get_status (report) == TL_IMPORT_STATUS_IMPORTED)
    {
      g_autofree char *n = _tl_format_count (tl_import_report_get_n_imported (report));
      /* Translators: a toast after an import; %s is a number */
      g_autofree char *message = g_strdup_printf (ngettext ("%s feedback item imported", "%s feedback items imported",
                                                            (gulong) MIN (tl_import_report_get_n_imported (report), G_MAXULONG)),
                                                  n);

      tl_window_show_toast (self, message);
      if (self->evidence_pane != NULL)
        tl_evidence_pane_reload (self->evidence_pane);
    }
}

static void
import_dialog_destroy_cb (GtkWidget *dialog,
                          TlWindow  *self)
{
  if (self->import_dialog == (TlImportDialog *) dialog)
    self->import_dialog = NULL;
}

static void
start_import (TlWindow   *self,
              TlImport   *import,
              const char *name)
{
  TlImportDialog *dialog;

  if (self->session == NULL || self->import_dialog != NULL || self->importing)
    return;

  tl_window_set_view (self, "feedback");
  dialog = tl_import_dialog_new (GTK_WINDOW (self), self->session, import, name);
  self->import_dialog = dialog;
  g_signal_connect_object (dialog, "running", G_CALLBACK (import_running_cb), self, 0);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (import_finished_cb), self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (import_dialog_destroy_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_tl_window_import_file (TlWindow *self,
                        GFile    *file)
{
  g_autoptr(TlImport) import = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (TL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  name = g_file_get_basename (file);
  import = tl_import_new_for_file (file);
  start_import (self, import, name);
}

void
_tl_window_import_text (TlWindow   *self,
                        const char *text)
{
  g_autoptr(TlImport) import = NULL;

  g_return_if_fail (TL_IS_WINDOW (self));

  import = tl_import_new_for_text (text);
  start_import (self, import, NULL);
}

TlImportDialog *
_tl_window_get_import_dialog (TlWindow *self)
{
  return self->import_dialog;
}

static void
import_response_cb (GtkNativeDialog *native,
                    int              response,
                    TlWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      _tl_window_import_file (self, file);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->session == NULL || self->importing)
    return;

  native = gtk_file_chooser_native_new (_("Import Feedback"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (filter, _("CSV and TSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "text/tab-separated-values");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "tsv");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  g_signal_connect (native, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
feedback_import_text_cb (TlFeedbackView *view,
                         const char     *text,
                         TlWindow       *self)
{
  _tl_window_import_text (self, text);
}

/* A CSV or TSV file dropped anywhere on the window */
static gboolean
looks_like_table (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name != NULL ? g_ascii_strdown (name, -1) : NULL;

  return lower != NULL && (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv") ||
                           g_str_has_suffix (lower, ".txt"));
}

gboolean
_tl_window_drop_files (TlWindow     *self,
                       const GValue *value)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    if (looks_like_table (l->data))
      {
        _tl_window_import_file (self, l->data);
        return TRUE;
      }

  if (files != NULL)
    tl_window_show_toast (self, _("Drop a CSV or TSV file to import feedback, or an image on a feedback item’s editor to attach it."));
  return FALSE;
}

static gboolean
window_drop_cb (GtkDropTarget *target,
                const GValue  *value,
                double         x,
                double         y,
                TlWindow      *self)
{
  return _tl_window_drop_files (self, value);
}

/* ---- linking ---------------------------------------------------------------- */

static void
link_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  if (!tl_feedback_view_link_selected (self->feedback_view))
    tl_window_show_toast (self, _("Select feedback items on the Feedback page first, then link them."));
}

/* The station, loop or cell under (@x, @y) of @canvas, what feedback
 * dropped there links to; FALSE (and the kind and id NULL) on anything
 * else. */
static gboolean
canvas_link_target (TlCanvasView  *canvas,
                    double         x,
                    double         y,
                    char         **kind,
                    char         **id)
{
  if (!tl_canvas_view_hit_test (canvas, x, y, kind, id))
    return FALSE;

  if (g_str_equal (*kind, "station") || g_str_equal (*kind, "loop") || g_str_equal (*kind, "cell"))
    return TRUE;

  g_clear_pointer (kind, g_free);
  g_clear_pointer (id, g_free);
  return FALSE;
}

/* What lies under (@x, @y) of @canvas: when it is a station, loop or
 * cell the selection moves there (so the pane shows the target's
 * evidence); otherwise the selection stays as it was. */
static gboolean
canvas_target_at (TlWindow     *self,
                  TlCanvasView *canvas,
                  double        x,
                  double        y,
                  char        **link)
{
  g_autofree char *kind = NULL;
  g_autofree char *id = NULL;

  if (!canvas_link_target (canvas, x, y, &kind, &id))
    return FALSE;

  tl_session_select (self->session, kind, id);
  *link = _tl_link_make (kind, id);
  return TRUE;
}

gboolean
_tl_window_link_dropped (TlWindow   *self,
                         const char *text,
                         const char *link)
{
  g_autoptr(GArray) ids = _tl_feedback_dnd_parse (text);
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;
  guint n_changed = 0;

  g_return_val_if_fail (TL_IS_WINDOW (self), FALSE);

  if (ids == NULL || link == NULL || self->session == NULL || self->importing)
    return FALSE;

  if (!_tl_feedback_link (self->session, (const gint64 *) ids->data, ids->len, link, &n_changed, &error))
    {
      tl_window_show_toast (self, error->message);
      return FALSE;
    }

  /* The target is selected now: its evidence, with the new count */
  if (self->side_stack != NULL)
    gtk_stack_set_visible_child_name (self->side_stack, "evidence");

  name = _tl_link_describe (tl_session_get_document (self->session), link);
  if (n_changed == 0)
    /* Translators: %s names a station, loop or cell */
    message = g_strdup_printf (_("Already linked to “%s”"), name);
  else
    /* Translators: a toast after a drop; %u items, %s a station, loop or cell */
    message = g_strdup_printf (ngettext ("%u item linked to “%s”", "%u items linked to “%s”", n_changed),
                               n_changed, name);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 5);
  if (n_changed > 0)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return TRUE;
}

gboolean
_tl_window_drop_feedback (TlWindow     *self,
                          TlCanvasView *canvas,
                          const char   *text,
                          double        x,
                          double        y)
{
  g_autoptr(GArray) ids = _tl_feedback_dnd_parse (text);
  g_autofree char *link = NULL;

  g_return_val_if_fail (TL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (TL_IS_CANVAS_VIEW (canvas), FALSE);

  if (ids == NULL || self->session == NULL || self->importing)
    return FALSE;
  /* A click in New Loop mode would add a station to the loop */
  if (tl_canvas_view_get_creating_loop (canvas))
    return FALSE;

  if (!canvas_target_at (self, canvas, x, y, &link))
    {
      tl_window_show_toast (self, _("Drop feedback onto a station, a loop or a matrix cell to link it there."));
      return FALSE;
    }

  return _tl_window_link_dropped (self, text, link);
}

static gboolean
canvas_drop_cb (GtkDropTarget *target,
                const GValue  *value,
                double         x,
                double         y,
                TlWindow      *self)
{
  GtkWidget *canvas = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));

  tl_canvas_view_set_drop_highlight (TL_CANVAS_VIEW (canvas), NULL, NULL);
  if (!G_VALUE_HOLDS_STRING (value))
    return FALSE;
  return _tl_window_drop_feedback (self, TL_CANVAS_VIEW (canvas), g_value_get_string (value), x, y);
}

/* While feedback is dragged over a canvas, what it would link to is
 * ringed; over anything else the drop is refused. */
static GdkDragAction
canvas_motion_cb (GtkDropTarget *target,
                  double         x,
                  double         y,
                  TlWindow      *self)
{
  TlCanvasView *canvas = TL_CANVAS_VIEW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)));
  g_autofree char *kind = NULL;
  g_autofree char *id = NULL;

  if (tl_canvas_view_get_creating_loop (canvas) || !canvas_link_target (canvas, x, y, &kind, &id))
    {
      tl_canvas_view_set_drop_highlight (canvas, NULL, NULL);
      return 0;
    }

  tl_canvas_view_set_drop_highlight (canvas, kind, id);
  return GDK_ACTION_LINK;
}

static void
canvas_leave_cb (GtkDropTarget *target,
                 TlWindow      *self)
{
  GtkWidget *canvas = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));

  tl_canvas_view_set_drop_highlight (TL_CANVAS_VIEW (canvas), NULL, NULL);
}

static gboolean
canvas_accept_cb (GtkDropTarget *target,
                  GdkDrop       *drop,
                  TlWindow      *self)
{
  /* Only our own rows: text from elsewhere is not feedback to link */
  return gdk_drop_get_drag (drop) != NULL &&
         gdk_content_formats_contain_gtype (gdk_drop_get_formats (drop), G_TYPE_STRING);
}

static void
add_canvas_drop_target (TlWindow     *self,
                        TlCanvasView *canvas)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_LINK | GDK_ACTION_COPY);

  g_signal_connect (target, "accept", G_CALLBACK (canvas_accept_cb), self);
  g_signal_connect (target, "drop", G_CALLBACK (canvas_drop_cb), self);
  g_signal_connect (target, "motion", G_CALLBACK (canvas_motion_cb), self);
  g_signal_connect (target, "leave", G_CALLBACK (canvas_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (canvas), GTK_EVENT_CONTROLLER (target));
}

/* ---- the evidence pane -------------------------------------------------------- */

static void
evidence_show_feedback_cb (TlEvidencePane *pane,
                           const char     *kind,
                           const char     *id,
                           TlWindow       *self)
{
  tl_window_set_view (self, "feedback");
  tl_feedback_view_show_linked_to (self->feedback_view, kind, id);
}

void
_tl_window_feedback_add_side_pane (TlWindow  *self,
                                   GtkWidget *properties)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *switcher = gtk_stack_switcher_new ();
  GtkStackPage *page;

  self->side_stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->side_stack), TRUE);
  gtk_stack_set_transition_type (self->side_stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);

  page = gtk_stack_add_named (self->side_stack, properties, "properties");
  gtk_stack_page_set_title (page, _("Properties"));

  self->evidence_pane = TL_EVIDENCE_PANE (tl_evidence_pane_new ());
  tl_evidence_pane_set_session (self->evidence_pane, self->session);
  g_signal_connect_object (self->evidence_pane, "show-feedback",
                           G_CALLBACK (evidence_show_feedback_cb), self, 0);
  page = gtk_stack_add_named (self->side_stack, GTK_WIDGET (self->evidence_pane), "evidence");
  gtk_stack_page_set_title (page, _("Evidence"));

  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), self->side_stack);
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (switcher, 6);
  gtk_widget_set_margin_bottom (switcher, 6);

  gtk_box_append (GTK_BOX (box), switcher);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->side_stack));
  gtk_box_append (self->properties_box, box);

  /* Nothing selected (the pane pinned open): the evidence of everything */
  if (tl_session_get_selected_kind (self->session) == NULL)
    gtk_stack_set_visible_child_name (self->side_stack, "evidence");
}

static void
show_evidence_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  gboolean on_evidence = self->side_stack != NULL &&
                         g_strcmp0 (gtk_stack_get_visible_child_name (self->side_stack), "evidence") == 0 &&
                         gtk_revealer_get_reveal_child (self->properties_revealer);

  /* Toggles: shows the Evidence tab (even with nothing selected), or
   * hides it again when it is what is shown. */
  self->evidence_pinned = !on_evidence;
  _tl_window_update_side_pane (self);
  if (self->side_stack != NULL && self->evidence_pinned)
    gtk_stack_set_visible_child_name (self->side_stack, "evidence");
}

/* ---- wiring --------------------------------------------------------------------- */

void
_tl_window_feedback_set_session (TlWindow  *self,
                                 TlSession *session)
{
  tl_feedback_view_set_session (self->feedback_view, session);
  if (self->evidence_pane != NULL)
    tl_evidence_pane_set_session (self->evidence_pane, session);
}

void
_tl_window_class_feedback_init (TlWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.link-to", NULL, link_to_action);
  gtk_widget_class_install_action (widget_class, "win.show-evidence", NULL, show_evidence_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.link-to", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-evidence", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-evidence", NULL);
}

/* ---- evidence on the diagram -------------------------------------------------- */

static const struct {
  const char            *nick;
  TlDiagramEvidenceMode  mode;
  const char            *label;
} evidence_modes[] = {
  { "none", TL_DIAGRAM_EVIDENCE_NONE, N_("_Off") },
  { "count", TL_DIAGRAM_EVIDENCE_COUNT, N_("By _Count") },
  { "temperature", TL_DIAGRAM_EVIDENCE_TEMPERATURE, N_("By _Temperature") },
};

static void
diagram_evidence_change_state (GSimpleAction *action,
                               GVariant      *value,
                               gpointer       user_data)
{
  TlWindow *self = TL_WINDOW (user_data);
  const char *nick = g_variant_get_string (value, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (evidence_modes); i++)
    if (g_str_equal (nick, evidence_modes[i].nick))
      {
        tl_canvas_view_set_evidence_mode (self->diagram_view, evidence_modes[i].mode);
        g_simple_action_set_state (action, value);
        return;
      }
}

/* "Show Evidence" in the Diagram section of the main menu, after its last
 * item */
static void
diagram_evidence_init (TlWindow   *self,
                       GMenuModel *menu)
{
  static const GActionEntry entries[] = {
    { .name = "diagram-evidence", .parameter_type = "s", .state = "'count'",
      .change_state = diagram_evidence_change_state },
  };
  g_autoptr(GMenu) modes = g_menu_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  tl_canvas_view_set_evidence_mode (self->diagram_view, TL_DIAGRAM_EVIDENCE_COUNT);

  for (guint i = 0; i < G_N_ELEMENTS (evidence_modes); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(evidence_modes[i].label), NULL);

      g_menu_item_set_action_and_target (item, "win.diagram-evidence", "s", evidence_modes[i].nick);
      g_menu_append_item (modes, item);
    }

  for (int i = 0; menu != NULL && i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && G_IS_MENU (section) && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *action = NULL;

          if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
              g_str_equal (action, "win.add-station"))
            {
              g_menu_append_submenu (G_MENU (section), _("Show _Evidence"), G_MENU_MODEL (modes));
              return;
            }
        }
    }
}

void
_tl_window_feedback_init (TlWindow *self)
{
  GtkDropTarget *target;
  GMenuModel *menu;

  g_signal_connect_object (self->feedback_view, "import-text", G_CALLBACK (feedback_import_text_cb), self, 0);

  add_canvas_drop_target (self, self->diagram_view);
  add_canvas_drop_target (self, self->matrix_view);

  /* Files dropped anywhere (the canvases take only feedback rows) */
  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (window_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  /* "Import Feedback…" beside Export… in the main menu */
  menu = gtk_menu_button_get_menu_model (self->menu_button);
  diagram_evidence_init (self, menu);
  for (int i = 0; menu != NULL && i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && G_IS_MENU (section) && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *action = NULL;

          if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
              g_str_equal (action, "win.export"))
            {
              g_menu_insert (G_MENU (section), j + 1, _("_Import Feedback…"), "win.import");
              return;
            }
        }
    }
}
