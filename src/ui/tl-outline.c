/* tl-outline.c
 *
 * A GtkListBox rather than a GtkListView: a document has tens of objects,
 * not thousands, and list box rows are real widgets that assistive
 * technology reads with their labels.
 *
 * A loop's row also shows whether the loop can be drawn (a warning with
 * what is wrong), shows or hides it on the diagram (an eye: view state in
 * the session), and moves it in the list of loops: its context menu
 * (right-click, long press, Menu or Shift+F10) or Alt+Up/Down.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tl-outline.h"
#include "tl-feedback-util.h"
#include "tl-window-private.h"

struct _TlOutline
{
  GtkWidget   parent_instance;

  GtkWidget  *scroller;
  GtkListBox *list;
  TlSession  *session;
  guint       rebuild_source;
  gboolean    updating;

  /* The loop context menu, and the loop whose row gets the keyboard
   * focus back once the rows are rebuilt (after a move) */
  GtkWidget  *menu;
  char       *refocus_loop;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TlOutline, tl_outline, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static const char *
section_title (const char *kind)
{
  if (g_strcmp0 (kind, "station") == 0)
    return _("Stations");
  if (g_strcmp0 (kind, "loop") == 0)
    return _("Loops");
  return _("Matrix Cells");
}

static GtkWidget *
make_row (const char *kind,
          const char *id,
          const char *label,
          const char *color,
          const char *detail)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *title = gtk_label_new (label && *label ? label : id);
  GtkWidget *swatch = gtk_label_new (NULL);

  gtk_widget_add_css_class (swatch, "tl-swatch");
  if (color != NULL)
    {
      g_autofree char *markup = g_strdup_printf ("<span foreground=\"%s\">●</span>", color);
      gtk_label_set_markup (GTK_LABEL (swatch), markup);
    }
  else
    gtk_label_set_text (GTK_LABEL (swatch), g_strcmp0 (kind, "station") == 0 ? "◆" : "▪");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);

  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), title);
  if (detail != NULL)
    {
      GtkWidget *extra = gtk_label_new (detail);
      gtk_widget_add_css_class (extra, "dim-label");
      gtk_widget_add_css_class (extra, "caption");
      gtk_box_append (GTK_BOX (box), extra);
    }

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, label);

  g_object_set_data_full (G_OBJECT (row), "tl-kind", g_strdup (kind), g_free);
  g_object_set_data_full (G_OBJECT (row), "tl-id", g_strdup (id), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label && *label ? label : id,
                                  -1);
  return row;
}

/* The eye: a flat button rather than a toggle button, which would look
 * pressed on every shown loop; it is a toggle for assistive technology. */
static void
show_visibility (GtkWidget *button,
                 gboolean   visible)
{
  gtk_button_set_icon_name (GTK_BUTTON (button), visible ? "view-reveal-symbolic" : "view-conceal-symbolic");
  gtk_widget_set_tooltip_text (button, visible ? _("Hide Loop") : _("Show Loop"));
  gtk_accessible_update_state (GTK_ACCESSIBLE (button),
                               GTK_ACCESSIBLE_STATE_PRESSED, visible ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                                                     : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

static void
visibility_clicked_cb (GtkButton *button,
                       TlOutline *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "tl-id");

  if (self->session != NULL)
    tl_session_set_loop_visible (self->session, id, !tl_session_get_loop_visible (self->session, id));
}

/* The loop row's extras: a warning when the loop cannot be drawn as it
 * is, and the eye that shows or hides it. */
static void
add_loop_extras (TlOutline *self,
                 GtkWidget *row,
                 TlLoop    *loop)
{
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  g_autoptr(GPtrArray) problems = tl_loop_check (loop, tl_session_get_document (self->session));
  const char *id = tl_loop_get_id (loop);
  GtkWidget *toggle;
  g_autofree char *toggle_label = NULL;

  if (problems->len > 0)
    {
      GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *text = NULL;

      g_ptr_array_add (problems, NULL);
      text = g_strjoinv ("\n", (char **) problems->pdata);
      gtk_widget_add_css_class (warning, "warning");
      gtk_widget_set_tooltip_text (warning, text);
      gtk_widget_set_tooltip_text (row, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                      -1);
      gtk_box_append (GTK_BOX (box), warning);
    }

  toggle = gtk_button_new ();
  gtk_widget_add_css_class (toggle, "flat");
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (toggle), "tl-id", g_strdup (id), g_free);
  /* Translators: the eye button of a loop in the outline, for screen readers */
  toggle_label = g_strdup_printf (_("Show “%s” on the diagram"), tl_loop_get_name (loop));
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, toggle_label,
                                  -1);
  g_signal_connect (toggle, "clicked", G_CALLBACK (visibility_clicked_cb), self);
  show_visibility (toggle, tl_session_get_loop_visible (self->session, id));
  gtk_box_append (GTK_BOX (box), toggle);
  g_object_set_data (G_OBJECT (row), "tl-toggle", toggle);
}

/* The eyes follow the session (the legend's toggles, an undo). */
static void
session_notify_hidden_loops_cb (TlSession  *session,
                                GParamSpec *pspec,
                                TlOutline  *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *toggle = g_object_get_data (G_OBJECT (child), "tl-toggle");

      if (toggle != NULL)
        show_visibility (toggle, tl_session_get_loop_visible (session, g_object_get_data (G_OBJECT (child), "tl-id")));
    }
}

static GtkWidget *
find_row (TlOutline  *self,
          const char *kind,
          const char *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) &&
        g_strcmp0 (g_object_get_data (G_OBJECT (child), "tl-kind"), kind) == 0 &&
        g_strcmp0 (g_object_get_data (G_OBJECT (child), "tl-id"), id) == 0)
      return child;
  return NULL;
}

/* Moves a loop and keeps the keyboard on its row. */
static void
move_loop (TlOutline  *self,
           const char *id,
           int         delta,
           gboolean    refocus)
{
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return;

  g_free (self->refocus_loop);
  self->refocus_loop = refocus ? g_strdup (id) : NULL;
  if (!tl_session_move_loop (self->session, id, delta, &error))
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

      g_clear_pointer (&self->refocus_loop, g_free);
      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
    }
}

static void
move_loop_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_loop (TL_OUTLINE (widget), g_variant_get_string (parameter, NULL),
             g_str_equal (action_name, "outline.move-loop-up") ? -1 : 1, TRUE);
}

static void
toggle_loop_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TlOutline *self = TL_OUTLINE (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  if (self->session != NULL)
    tl_session_set_loop_visible (self->session, id, !tl_session_get_loop_visible (self->session, id));
}

static void
popup_loop_menu (TlOutline *self,
                 GtkWidget *row,
                 double     x,
                 double     y)
{
  const char *id = g_object_get_data (G_OBJECT (row), "tl-id");
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) up = g_menu_item_new (_("Move _Up"), NULL);
  g_autoptr(GMenuItem) down = g_menu_item_new (_("Move _Down"), NULL);
  g_autoptr(GMenuItem) visible = NULL;
  graphene_point_t point;

  g_menu_item_set_action_and_target (up, "outline.move-loop-up", "s", id);
  g_menu_item_set_action_and_target (down, "outline.move-loop-down", "s", id);
  visible = g_menu_item_new (tl_session_get_loop_visible (self->session, id) ? _("_Hide on the Diagram")
                                                                              : _("_Show on the Diagram"),
                             NULL);
  g_menu_item_set_action_and_target (visible, "outline.toggle-loop", "s", id);
  g_menu_append_item (menu, up);
  g_menu_append_item (menu, down);
  g_menu_append_item (menu, visible);

  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (NULL);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), G_MENU_MODEL (menu));

  if (!gtk_widget_compute_point (row, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    point = GRAPHENE_POINT_INIT (0, 0);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { point.x, point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
list_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 TlOutline       *self)
{
  GtkListBoxRow *row;
  graphene_point_t point;

  if (!gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (self->list), &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  row = gtk_list_box_get_row_at_y (self->list, point.y);
  if (row == NULL || g_strcmp0 (g_object_get_data (G_OBJECT (row), "tl-kind"), "loop") != 0)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (!gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (row), &GRAPHENE_POINT_INIT (x, y), &point))
    point = GRAPHENE_POINT_INIT (0, 0);
  popup_loop_menu (self, GTK_WIDGET (row), point.x, point.y);
}

static void
list_long_pressed_cb (GtkGestureLongPress *gesture,
                      double               x,
                      double               y,
                      TlOutline           *self)
{
  list_pressed_cb (NULL, 1, x, y, self);
}

/* The selected loop's row: Alt+Up/Down moves the loop, Menu or
 * Shift+F10 opens its menu. */
static gboolean
list_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     TlOutline             *self)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  const char *id;

  if (row == NULL || g_strcmp0 (g_object_get_data (G_OBJECT (row), "tl-kind"), "loop") != 0)
    return FALSE;
  id = g_object_get_data (G_OBJECT (row), "tl-id");

  if (mods == GDK_ALT_MASK && (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up))
    {
      move_loop (self, id, -1, TRUE);
      return TRUE;
    }
  if (mods == GDK_ALT_MASK && (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down))
    {
      move_loop (self, id, 1, TRUE);
      return TRUE;
    }
  if ((mods == 0 && keyval == GDK_KEY_Menu) || (mods == GDK_SHIFT_MASK && keyval == GDK_KEY_F10))
    {
      popup_loop_menu (self, row, 12, gtk_widget_get_height (row) / 2.0);
      return TRUE;
    }
  return FALSE;
}

/* ---- dropping feedback on a row ------------------------------------------- */

/* The station, loop or cell row at @y of the list, or NULL */
static GtkListBoxRow *
drop_row_at (TlOutline *self,
             double     y)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (self->list, (int) y);
  const char *kind = row != NULL ? g_object_get_data (G_OBJECT (row), "tl-kind") : NULL;

  if (g_strcmp0 (kind, "station") == 0 || g_strcmp0 (kind, "loop") == 0 ||
      g_strcmp0 (kind, "cell") == 0)
    return row;
  return NULL;
}

static gboolean
drop_accept_cb (GtkDropTarget *target,
                GdkDrop       *drop,
                TlOutline     *self)
{
  /* Only feedback rows dragged inside the application */
  return gdk_drop_get_drag (drop) != NULL &&
         gdk_content_formats_contain_gtype (gdk_drop_get_formats (drop), G_TYPE_STRING);
}

static GdkDragAction
drop_motion_cb (GtkDropTarget *target,
                double         x,
                double         y,
                TlOutline     *self)
{
  GtkListBoxRow *row = drop_row_at (self, y);

  if (row == NULL)
    {
      gtk_list_box_drag_unhighlight_row (self->list);
      return 0;
    }

  gtk_list_box_drag_highlight_row (self->list, row);
  return GDK_ACTION_LINK;
}

static void
drop_leave_cb (GtkDropTarget *target,
               TlOutline     *self)
{
  gtk_list_box_drag_unhighlight_row (self->list);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         TlOutline     *self)
{
  GtkListBoxRow *row = drop_row_at (self, y);
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), TL_TYPE_WINDOW);
  g_autofree char *link = NULL;

  gtk_list_box_drag_unhighlight_row (self->list);
  if (row == NULL || window == NULL || !G_VALUE_HOLDS_STRING (value))
    return FALSE;

  link = _tl_link_make (g_object_get_data (G_OBJECT (row), "tl-kind"),
                        g_object_get_data (G_OBJECT (row), "tl-id"));
  return _tl_window_link_dropped (TL_WINDOW (window), g_value_get_string (value), link);
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  const char *kind = g_object_get_data (G_OBJECT (row), "tl-kind");
  GtkWidget *header;

  if (before != NULL && g_strcmp0 (kind, g_object_get_data (G_OBJECT (before), "tl-kind")) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (section_title (kind));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "tl-outline-heading");
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, before ? 18 : 12);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_list_box_row_set_header (row, header);
}

static void
sync_selection (TlOutline *self)
{
  const char *kind = self->session ? tl_session_get_selected_kind (self->session) : NULL;
  const char *id = self->session ? tl_session_get_selected_id (self->session) : NULL;
  GtkWidget *child;

  self->updating = TRUE;
  gtk_list_box_unselect_all (self->list);
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL && kind != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child) &&
          g_strcmp0 (g_object_get_data (G_OBJECT (child), "tl-kind"), kind) == 0 &&
          g_strcmp0 (g_object_get_data (G_OBJECT (child), "tl-id"), id) == 0)
        {
          gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (child));
          break;
        }
    }
  self->updating = FALSE;
}

static void
rebuild (TlOutline *self)
{
  TlDocument *document;
  GListModel *list;
  GtkWidget *child;

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->updating = FALSE;

  if (self->session == NULL)
    return;

  document = tl_session_get_document (self->session);

  list = tl_document_get_stations (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TlStation) station = g_list_model_get_item (list, i);
      gtk_list_box_append (self->list, make_row ("station", tl_station_get_id (station),
                                                 tl_station_get_label (station), NULL, NULL));
    }

  list = tl_document_get_loops (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (list, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *label = g_strdup_printf ("%s %s", number, tl_loop_get_name (loop));
      GtkWidget *row = make_row ("loop", tl_loop_get_id (loop), label, tl_loop_get_color (loop), NULL);

      add_loop_extras (self, row, loop);
      gtk_list_box_append (self->list, row);
    }

  list = tl_document_get_cells (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TlCell) cell = g_list_model_get_item (list, i);
      TlMatrixHeader *layer = tl_document_lookup_layer (document, tl_cell_get_layer (cell));
      TlMatrixHeader *type = tl_document_lookup_type (document, tl_cell_get_type_id (cell));
      g_autofree char *label = g_strdup_printf ("%s × %s",
                                                layer ? tl_matrix_header_get_label (layer) : tl_cell_get_layer (cell),
                                                type ? tl_matrix_header_get_label (type) : tl_cell_get_type_id (cell));
      g_autofree char *detail = NULL;

      /* ★ marks a key cell; the number is its current score. */
      if (tl_cell_get_current (cell) != TL_SCORE_UNSET)
        detail = g_strdup_printf ("%s%u", tl_cell_get_key (cell) ? "★ " : "", tl_cell_get_current (cell));
      else if (tl_cell_get_key (cell))
        detail = g_strdup ("★");
      gtk_list_box_append (self->list, make_row ("cell", tl_cell_get_id (cell), label, NULL, detail));
    }

  sync_selection (self);

  if (self->refocus_loop != NULL)
    {
      GtkWidget *row = find_row (self, "loop", self->refocus_loop);

      if (row != NULL)
        gtk_widget_grab_focus (row);
      g_clear_pointer (&self->refocus_loop, g_free);
    }
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  TlOutline *self = user_data;

  self->rebuild_source = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
document_changed_cb (TlDocument   *document,
                     TlChangeKind  kind,
                     GObject      *object,
                     const char   *property,
                     TlOutline    *self)
{
  /* Only what the rows show (a loop's stations decide its warning);
   * coalesced, since one command may change many objects. */
  if (kind == TL_CHANGE_MODIFIED &&
      g_strcmp0 (property, "label") != 0 && g_strcmp0 (property, "name") != 0 &&
      g_strcmp0 (property, "color") != 0 && g_strcmp0 (property, "current") != 0 &&
      g_strcmp0 (property, "key") != 0 && g_strcmp0 (property, "stations") != 0)
    return;

  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_idle_cb, self, NULL);
}

static void
row_selected_cb (GtkListBox    *list,
                 GtkListBoxRow *row,
                 TlOutline     *self)
{
  if (self->updating || self->session == NULL || row == NULL)
    return;

  tl_session_select (self->session,
                     g_object_get_data (G_OBJECT (row), "tl-kind"),
                     g_object_get_data (G_OBJECT (row), "tl-id"));
}

static void
session_notify_selected_id_cb (TlSession  *session,
                               GParamSpec *pspec,
                               TlOutline  *self)
{
  sync_selection (self);
}

static void
tl_outline_dispose (GObject *object)
{
  TlOutline *self = (TlOutline *)object;

  tl_outline_set_session (self, NULL);
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_pointer (&self->refocus_loop, g_free);

  G_OBJECT_CLASS (tl_outline_parent_class)->dispose (object);
}

static void
tl_outline_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TlOutline *self = TL_OUTLINE (object);

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
tl_outline_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TlOutline *self = TL_OUTLINE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      tl_outline_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Laid out by hand rather than by a GtkBinLayout: the loop menu is a
 * popover of this widget, which must be presented on each allocation. */
static void
tl_outline_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  TlOutline *self = TL_OUTLINE (widget);

  gtk_widget_measure (self->scroller, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
tl_outline_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  TlOutline *self = TL_OUTLINE (widget);

  gtk_widget_allocate (self->scroller, width, height, baseline, NULL);
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
tl_outline_class_init (TlOutlineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_outline_dispose;
  object_class->get_property = tl_outline_get_property;
  object_class->set_property = tl_outline_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = tl_outline_measure;
  widget_class->size_allocate = tl_outline_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "tl-outline");

  gtk_widget_class_install_action (widget_class, "outline.move-loop-up", "s", move_loop_action);
  gtk_widget_class_install_action (widget_class, "outline.move-loop-down", "s", move_loop_action);
  gtk_widget_class_install_action (widget_class, "outline.toggle-loop", "s", toggle_loop_action);
}

static void
tl_outline_init (TlOutline *self)
{
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_list_box_set_header_func (self->list, header_func, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Outline"),
                                  -1);
  g_signal_connect (self->list, "row-selected", G_CALLBACK (row_selected_cb), self);
  {
    GtkGesture *context = gtk_gesture_click_new ();
    GtkGesture *long_press = gtk_gesture_long_press_new ();
    GtkEventController *key = gtk_event_controller_key_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (context), GDK_BUTTON_SECONDARY);
    g_signal_connect (context, "pressed", G_CALLBACK (list_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (context));
    gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
    g_signal_connect (long_press, "pressed", G_CALLBACK (list_long_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (long_press));
    g_signal_connect (key, "key-pressed", G_CALLBACK (list_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->list), key);
  }
  {
    /* Feedback dropped on a station, loop or cell row links there: one
     * target for the list, which finds the row under the pointer, so
     * rows rebuilt on every edit need none of their own. */
    GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_LINK | GDK_ACTION_COPY);

    g_signal_connect (target, "accept", G_CALLBACK (drop_accept_cb), self);
    g_signal_connect (target, "motion", G_CALLBACK (drop_motion_cb), self);
    g_signal_connect (target, "leave", G_CALLBACK (drop_leave_cb), self);
    g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->list), GTK_EVENT_CONTROLLER (target));
  }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->list));

  gtk_widget_set_size_request (GTK_WIDGET (self), 220, -1);
}

GtkWidget *
tl_outline_new (void)
{
  return g_object_new (TL_TYPE_OUTLINE, NULL);
}

TlSession *
tl_outline_get_session (TlOutline *self)
{
  g_return_val_if_fail (TL_IS_OUTLINE (self), NULL);
  return self->session;
}

void
tl_outline_set_session (TlOutline *self,
                        TlSession *session)
{
  g_return_if_fail (TL_IS_OUTLINE (self));

  /* Following a session drops every handler of ours on the old one. */
  if (!tl_session_follow (&self->session, session, self,
                          G_CALLBACK (document_changed_cb),
                          G_CALLBACK (session_notify_selected_id_cb)))
    return;

  if (session != NULL)
    g_signal_connect_object (session, "notify::hidden-loops",
                             G_CALLBACK (session_notify_hidden_loops_cb), self, 0);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
