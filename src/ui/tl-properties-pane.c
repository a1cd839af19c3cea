/* tl-properties-pane.c
 *
 * Every edit here becomes a command on the session's undo stack; typing
 * into a field merges into one step.  When the document changes under the
 * pane (undo, another view), the fields are refreshed with `updating` set,
 * so refreshing never records a command of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tl-properties-pane.h"
#include "tl-ui-private.h"

/* Owner combo positions; team ids follow tl_owner_team_ids(). */
#define OWNER_NONE   0
#define OWNER_FIRST  1
#define OWNER_CUSTOM 4

struct _TlPropertiesPane
{
  GtkWidget      parent_instance;

  GtkStack      *stack;

  AdwEntryRow   *station_label;
  AdwActionRow  *station_kind;
  GtkTextView   *station_description;

  GtkWidget     *loop_problems_box;
  GtkLabel      *loop_problems;
  AdwEntryRow   *loop_name;
  GtkWidget     *loop_color;
  GtkBox        *loop_palette;
  GPtrArray     *palette_buttons;
  AdwActionRow  *loop_order;
  GtkWidget     *loop_up;
  GtkWidget     *loop_down;
  GtkTextView   *loop_description;
  GtkListBox    *loop_stations;
  GtkDropDown   *loop_add_choice;
  GtkButton     *loop_add_button;

  AdwPreferencesGroup *cell_group;
  AdwComboRow   *cell_current;
  AdwComboRow   *cell_target;
  GtkSwitch     *cell_key;
  AdwComboRow   *cell_owner;
  AdwEntryRow   *cell_custom_owner;
  GtkTextView   *cell_description;
  GtkTextView   *cell_notes;

  TlSession     *session;
  GObject       *object;        /* the selected station, loop or cell */
  GStrv          add_choices;   /* station ids behind loop_add_choice */
  gboolean       updating;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TlPropertiesPane, tl_properties_pane, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static void reload (TlPropertiesPane *self);

static void
set_value (TlPropertiesPane *self,
           const char   *property,
           const GValue *value,
           gboolean      mergeable)
{
  if (self->updating || self->session == NULL || self->object == NULL)
    return;
  if (!_tl_ui_edit (self->session, self->object, property, value, mergeable, GTK_WIDGET (self)))
    reload (self);
}

static void
set_string (TlPropertiesPane *self,
            const char   *property,
            const char   *text,
            gboolean      mergeable)
{
  if (self->updating || self->session == NULL || self->object == NULL)
    return;
  if (!_tl_ui_edit_string (self->session, self->object, property, text, mergeable, GTK_WIDGET (self)))
    reload (self);
}

static void
set_uint (TlPropertiesPane *self,
          const char       *property,
          guint             number)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, number);
  set_value (self, property, &value, FALSE);
}

static void
set_stations (TlPropertiesPane   *self,
              const char * const *stations)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRV);
  g_value_set_boxed (&value, stations);
  set_value (self, "stations", &value, FALSE);
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Leaves the buffer alone when it already says this, so the cursor does
 * not jump while the user types. */
static void
load_text (GtkTextView *view,
           const char  *text)
{
  g_autofree char *current = buffer_text (view);

  if (g_strcmp0 (current, text) != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static void
load_entry (AdwEntryRow *row,
            const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static const char *
station_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "hub") == 0)
    return _("Hub (CRM)");
  if (g_strcmp0 (kind, "online") == 0)
    return _("Online");
  if (g_strcmp0 (kind, "offline") == 0)
    return _("Offline");
  if (g_strcmp0 (kind, "micro-data") == 0)
    return _("Micro-data");
  return _("Custom");
}

static void
move_station_cb (GtkButton        *button,
                 TlPropertiesPane *self)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "tl-index"));
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "tl-delta"));
  g_auto(GStrv) stations = g_strdupv ((char **)tl_loop_get_stations (TL_LOOP (self->object)));
  guint n = g_strv_length (stations);

  if (delta == 0)
    {
      /* Remove */
      g_free (stations[index]);
      memmove (&stations[index], &stations[index + 1], (n - index) * sizeof (char *));
    }
  else
    {
      int other = index + delta;
      char *tmp;

      if (other < 0 || (guint)other >= n)
        return;
      tmp = stations[index];
      stations[index] = stations[other];
      stations[other] = tmp;
    }

  set_stations (self, (const char * const *)stations);
}

static GtkWidget *
station_button (TlPropertiesPane *self,
                const char       *icon,
                const char       *tooltip,
                int               index,
                int               delta,
                gboolean          sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_sensitive (button, sensitive);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data (G_OBJECT (button), "tl-index", GINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (button), "tl-delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (move_station_cb), self);
  return button;
}

static void
load_loop_stations (TlPropertiesPane *self,
                    TlLoop           *loop)
{
  TlDocument *document = tl_session_get_document (self->session);
  const char * const *stations = tl_loop_get_stations (loop);
  guint n = g_strv_length ((char **)stations);
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) choice_ids = g_strv_builder_new ();
  GListModel *all = tl_document_get_stations (document);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->loop_stations))) != NULL)
    gtk_list_box_remove (self->loop_stations, child);

  for (guint i = 0; i < n; i++)
    {
      TlStation *station = tl_document_lookup_station (document, stations[i]);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *prefix = g_strdup_printf ("%u", i + 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     station ? tl_station_get_label (station) : stations[i]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_label_new (prefix));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 station_button (self, "go-up-symbolic", _("Move Earlier"), i, -1, i > 0));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 station_button (self, "go-down-symbolic", _("Move Later"), i, 1, i + 1 < n));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 station_button (self, "list-remove-symbolic", _("Remove from Loop"), i, 0, n > 2));
      gtk_list_box_append (self->loop_stations, row);
    }

  /* A cycle visits a station once: offer the others. */
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(TlStation) station = g_list_model_get_item (all, i);

      if (tl_loop_contains (loop, tl_station_get_id (station)))
        continue;
      gtk_string_list_append (choices, tl_station_get_label (station));
      g_strv_builder_add (choice_ids, tl_station_get_id (station));
    }

  g_strfreev (self->add_choices);
  self->add_choices = g_strv_builder_end (choice_ids);
  gtk_drop_down_set_model (self->loop_add_choice, G_LIST_MODEL (choices));
  gtk_widget_set_sensitive (GTK_WIDGET (self->loop_add_choice), self->add_choices[0] != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->loop_add_button), self->add_choices[0] != NULL);
}

static void
loop_add_button_clicked_cb (GtkButton        *button,
                            TlPropertiesPane *self)
{
  guint selected = gtk_drop_down_get_selected (self->loop_add_choice);
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) stations = NULL;

  if (!TL_IS_LOOP (self->object) || self->add_choices == NULL ||
      selected >= g_strv_length (self->add_choices))
    return;

  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **)tl_loop_get_stations (TL_LOOP (self->object)));
  g_strv_builder_add (builder, self->add_choices[selected]);
  stations = g_strv_builder_end (builder);
  set_stations (self, (const char * const *)stations);
}

/* ---- the loop's colour, place and problems ---------------------------- */

static void
swatch_draw (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const char *color = user_data;
  GtkWidget *button = gtk_widget_get_parent (GTK_WIDGET (area));
  double r = MIN (width, height) / 2.0 - 1;
  GdkRGBA rgba;

  if (!gdk_rgba_parse (&rgba, color))
    return;

  cairo_arc (cr, width / 2.0, height / 2.0, r, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_fill_preserve (cr);
  /* a rim, so black shows on a dark panel and yellow on a light one */
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.5);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  /* The loop's colour now: a tick in a colour that reads on it */
  if (GTK_IS_TOGGLE_BUTTON (button) && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)))
    {
      double luminance = 0.2126 * rgba.red + 0.7152 * rgba.green + 0.0722 * rgba.blue;

      cairo_move_to (cr, width / 2.0 - r * 0.45, height / 2.0);
      cairo_line_to (cr, width / 2.0 - r * 0.1, height / 2.0 + r * 0.35);
      cairo_line_to (cr, width / 2.0 + r * 0.5, height / 2.0 - r * 0.35);
      cairo_set_line_width (cr, 2.2);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      if (luminance > 0.45)
        cairo_set_source_rgb (cr, 0, 0, 0);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_stroke (cr);
    }
}

static void
swatch_toggled_cb (GtkToggleButton  *button,
                   TlPropertiesPane *self)
{
  const char *color = g_object_get_data (G_OBJECT (button), "tl-color");

  gtk_widget_queue_draw (gtk_button_get_child (GTK_BUTTON (button)));
  if (self->updating || !TL_IS_LOOP (self->object))
    return;

  /* The current colour's button cannot be turned off; the others set it. */
  if (gtk_toggle_button_get_active (button))
    set_string (self, "color", color, FALSE);
  else
    reload (self);
}

static void
build_palette (TlPropertiesPane *self)
{
  guint n = 0;
  const char * const *colors = tl_loop_palette (&n);

  self->palette_buttons = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *area = gtk_drawing_area_new ();

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 22);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 22);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), swatch_draw, (gpointer) colors[i], NULL);
      gtk_button_set_child (GTK_BUTTON (button), area);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_set_tooltip_text (button, tl_loop_palette_name (i));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tl_loop_palette_name (i),
                                      -1);
      g_object_set_data (G_OBJECT (button), "tl-color", (gpointer) colors[i]);
      g_signal_connect (button, "toggled", G_CALLBACK (swatch_toggled_cb), self);
      gtk_box_append (self->loop_palette, button);
      g_ptr_array_add (self->palette_buttons, button);
    }
}

static void
load_loop_extras (TlPropertiesPane *self,
                  TlLoop           *loop)
{
  TlDocument *document = tl_session_get_document (self->session);
  GListModel *loops = tl_document_get_loops (document);
  g_autoptr(GPtrArray) problems = tl_loop_check (loop, document);
  g_autofree char *place = NULL;
  guint n = g_list_model_get_n_items (loops), position = 0;

  for (guint i = 0; i < self->palette_buttons->len; i++)
    {
      GtkToggleButton *button = g_ptr_array_index (self->palette_buttons, i);

      gtk_toggle_button_set_active (button,
                                    g_ascii_strcasecmp (g_object_get_data (G_OBJECT (button), "tl-color"),
                                                        tl_loop_get_color (loop)) == 0);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlLoop) other = g_list_model_get_item (loops, i);

      if (other == loop)
        position = i;
    }
  /* Translators: a loop's place in the list of loops, "3 of 6" */
  place = g_strdup_printf (_("%u of %u"), position + 1, n);
  adw_action_row_set_subtitle (self->loop_order, place);
  gtk_widget_set_sensitive (self->loop_up, position > 0);
  gtk_widget_set_sensitive (self->loop_down, position + 1 < n);

  if (problems->len > 0)
    {
      g_ptr_array_add (problems, NULL);
      {
        g_autofree char *text = g_strjoinv ("\n", (char **) problems->pdata);

        gtk_label_set_text (self->loop_problems, text);
      }
    }
  gtk_widget_set_visible (self->loop_problems_box, problems->len > 0);
}

static void
loop_move_clicked_cb (GtkButton        *button,
                      TlPropertiesPane *self)
{
  g_autoptr(GError) error = NULL;

  if (!TL_IS_LOOP (self->object))
    return;

  if (!tl_session_move_loop (self->session, tl_loop_get_id (TL_LOOP (self->object)),
                             GTK_WIDGET (button) == self->loop_up ? -1 : 1, &error))
    {
      _tl_ui_report_error (GTK_WIDGET (self), error);
      reload (self);
    }
}

static GListModel *
score_model (guint scale)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("Not scored"));
  for (guint i = 1; i <= scale; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", i);
      gtk_string_list_append (list, text);
    }

  return G_LIST_MODEL (list);
}

static void
load_cell (TlPropertiesPane *self,
           TlCell           *cell)
{
  TlDocument *document = tl_session_get_document (self->session);
  TlMatrixHeader *layer = tl_document_lookup_layer (document, tl_cell_get_layer (cell));
  TlMatrixHeader *type = tl_document_lookup_type (document, tl_cell_get_type_id (cell));
  guint scale = tl_document_get_score_scale (document);
  const char * const *teams = tl_owner_team_ids ();
  const char *owner = tl_cell_get_owner (cell);
  g_autofree char *title = g_strdup_printf ("%s × %s",
                                            layer ? tl_matrix_header_get_label (layer) : tl_cell_get_layer (cell),
                                            type ? tl_matrix_header_get_label (type) : tl_cell_get_type_id (cell));
  guint owner_pos = OWNER_CUSTOM;

  g_autofree char *title_markup = g_markup_escape_text (title, -1);

  adw_preferences_group_set_title (self->cell_group, title_markup);

  if (g_list_model_get_n_items (adw_combo_row_get_model (self->cell_current)) != scale + 1)
    {
      g_autoptr(GListModel) current = score_model (scale);
      g_autoptr(GListModel) target = score_model (scale);

      adw_combo_row_set_model (self->cell_current, current);
      adw_combo_row_set_model (self->cell_target, target);
    }
  adw_combo_row_set_selected (self->cell_current, tl_cell_get_current (cell));
  adw_combo_row_set_selected (self->cell_target, tl_cell_get_target (cell));
  gtk_switch_set_active (self->cell_key, tl_cell_get_key (cell));

  if (owner == NULL || *owner == '\0')
    owner_pos = OWNER_NONE;
  for (guint i = 0; teams[i] != NULL; i++)
    if (g_strcmp0 (teams[i], owner) == 0)
      owner_pos = OWNER_FIRST + i;
  adw_combo_row_set_selected (self->cell_owner, owner_pos);
  gtk_widget_set_visible (GTK_WIDGET (self->cell_custom_owner), owner_pos == OWNER_CUSTOM);
  if (owner_pos == OWNER_CUSTOM)
    load_entry (self->cell_custom_owner, owner);

  load_text (self->cell_description, tl_cell_get_description (cell));
  load_text (self->cell_notes, tl_cell_get_notes (cell));
}

static void
reload (TlPropertiesPane *self)
{
  GObject *object = self->session ? tl_session_get_selected_object (self->session) : NULL;

  self->updating = TRUE;
  g_set_object (&self->object, object);

  if (TL_IS_STATION (object))
    {
      TlStation *station = TL_STATION (object);

      load_entry (self->station_label, tl_station_get_label (station));
      adw_action_row_set_subtitle (self->station_kind, station_kind_label (tl_station_get_kind (station)));
      load_text (self->station_description, tl_station_get_description (station));
      gtk_stack_set_visible_child_name (self->stack, "station");
    }
  else if (TL_IS_LOOP (object))
    {
      TlLoop *loop = TL_LOOP (object);
      GdkRGBA rgba;

      load_entry (self->loop_name, tl_loop_get_name (loop));
      if (gdk_rgba_parse (&rgba, tl_loop_get_color (loop)))
        gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->loop_color), &rgba);
      load_text (self->loop_description, tl_loop_get_description (loop));
      load_loop_stations (self, loop);
      load_loop_extras (self, loop);
      gtk_stack_set_visible_child_name (self->stack, "loop");
    }
  else if (TL_IS_CELL (object))
    {
      load_cell (self, TL_CELL (object));
      gtk_stack_set_visible_child_name (self->stack, "cell");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");

  self->updating = FALSE;
}

static void
station_label_changed_cb (TlPropertiesPane *self)
{
  set_string (self, "label", gtk_editable_get_text (GTK_EDITABLE (self->station_label)), TRUE);
}

static void
loop_name_changed_cb (TlPropertiesPane *self)
{
  set_string (self, "name", gtk_editable_get_text (GTK_EDITABLE (self->loop_name)), TRUE);
}

static void
cell_custom_owner_changed_cb (TlPropertiesPane *self)
{
  set_string (self, "owner", gtk_editable_get_text (GTK_EDITABLE (self->cell_custom_owner)), TRUE);
}

static void
text_buffer_changed_cb (GtkTextBuffer    *buffer,
                        TlPropertiesPane *self)
{
  const char *property = g_object_get_data (G_OBJECT (buffer), "tl-property");
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  set_string (self, property, text, TRUE);
}

static void
loop_color_set_cb (GtkColorButton   *button,
                   TlPropertiesPane *self)
{
  GdkRGBA rgba;
  g_autofree char *color = NULL;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  color = g_strdup_printf ("#%02x%02x%02x",
                           (guint)(rgba.red * 255 + .5),
                           (guint)(rgba.green * 255 + .5),
                           (guint)(rgba.blue * 255 + .5));
  set_string (self, "color", color, FALSE);
}

static void
score_selected_cb (AdwComboRow      *row,
                   GParamSpec       *pspec,
                   TlPropertiesPane *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == GTK_INVALID_LIST_POSITION)
    return;
  set_uint (self, row == self->cell_current ? "current" : "target", selected);
}

static void
cell_key_active_cb (GtkSwitch        *widget,
                    GParamSpec       *pspec,
                    TlPropertiesPane *self)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, gtk_switch_get_active (widget));
  set_value (self, "key", &value, FALSE);
}

static void
cell_owner_selected_cb (AdwComboRow      *row,
                        GParamSpec       *pspec,
                        TlPropertiesPane *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->cell_custom_owner), selected == OWNER_CUSTOM);
  if (selected == OWNER_NONE)
    set_string (self, "owner", "", FALSE);
  else if (selected >= OWNER_FIRST && selected < OWNER_CUSTOM)
    set_string (self, "owner", tl_owner_team_ids ()[selected - OWNER_FIRST], FALSE);
  else if (selected == OWNER_CUSTOM)
    gtk_widget_grab_focus (GTK_WIDGET (self->cell_custom_owner));
}

static void
document_changed_cb (TlDocument       *document,
                     TlChangeKind      kind,
                     GObject          *object,
                     const char       *property,
                     TlPropertiesPane *self)
{
  /* The selected object, a station whose label shows in the loop's list,
   * or the scale that sets the score choices. */
  if (object == self->object || TL_IS_STATION (object) || TL_IS_DOCUMENT (object) ||
      (TL_IS_LOOP (object) && kind != TL_CHANGE_MODIFIED && TL_IS_LOOP (self->object)))
    reload (self);
}

static void
session_notify_selected_id_cb (TlSession        *session,
                               GParamSpec       *pspec,
                               TlPropertiesPane *self)
{
  reload (self);
}

static void
tl_properties_pane_dispose (GObject *object)
{
  TlPropertiesPane *self = (TlPropertiesPane *)object;

  tl_properties_pane_set_session (self, NULL);
  g_clear_object (&self->object);
  g_clear_pointer (&self->add_choices, g_strfreev);
  g_clear_pointer (&self->palette_buttons, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_PROPERTIES_PANE);

  G_OBJECT_CLASS (tl_properties_pane_parent_class)->dispose (object);
}

static void
tl_properties_pane_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TlPropertiesPane *self = TL_PROPERTIES_PANE (object);

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
tl_properties_pane_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TlPropertiesPane *self = TL_PROPERTIES_PANE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      tl_properties_pane_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_properties_pane_class_init (TlPropertiesPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_properties_pane_dispose;
  object_class->get_property = tl_properties_pane_get_property;
  object_class->set_property = tl_properties_pane_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/touchloop/Touchloop/tl-properties-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, stack);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, station_label);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, station_kind);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, station_description);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, loop_problems_box);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, loop_problems);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, loop_name);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, loop_palette);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, loop_order);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, loop_up);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, loop_down);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, loop_color);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, loop_description);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, loop_stations);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, loop_add_choice);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, loop_add_button);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, cell_group);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, cell_current);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, cell_target);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, cell_key);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, cell_owner);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, cell_custom_owner);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, cell_description);
  gtk_widget_class_bind_template_child (widget_class, TlPropertiesPane, cell_notes);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tl-properties-pane");
}

static void
watch_buffer (TlPropertiesPane *self,
              GtkTextView      *view,
              const char       *property)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  g_object_set_data (G_OBJECT (buffer), "tl-property", (gpointer)property);
  g_signal_connect (buffer, "changed", G_CALLBACK (text_buffer_changed_cb), self);
}

static void
tl_properties_pane_init (TlPropertiesPane *self)
{
  g_autoptr(GtkStringList) owners = gtk_string_list_new (NULL);
  const char * const *teams = tl_owner_team_ids ();
  g_autoptr(GListModel) scores = score_model (TL_DEFAULT_SCORE_SCALE);
  g_autoptr(GListModel) scores2 = score_model (TL_DEFAULT_SCORE_SCALE);

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_combo_row_set_model (self->cell_current, scores);
  adw_combo_row_set_model (self->cell_target, scores2);

  /* The team names follow the UI language here, while the document stores
   * the team's id. */
  gtk_string_list_append (owners, _("None"));
  for (guint i = 0; teams[i] != NULL; i++)
    gtk_string_list_append (owners, tl_owner_team_label (teams[i], tl_language_from_environment ()));
  gtk_string_list_append (owners, _("Custom Team…"));
  adw_combo_row_set_model (self->cell_owner, G_LIST_MODEL (owners));

  g_signal_connect_swapped (self->station_label, "changed", G_CALLBACK (station_label_changed_cb), self);
  g_signal_connect_swapped (self->loop_name, "changed", G_CALLBACK (loop_name_changed_cb), self);
  g_signal_connect_swapped (self->cell_custom_owner, "changed", G_CALLBACK (cell_custom_owner_changed_cb), self);
  g_signal_connect (self->loop_color, "color-set", G_CALLBACK (loop_color_set_cb), self);
  g_signal_connect (self->loop_add_button, "clicked", G_CALLBACK (loop_add_button_clicked_cb), self);
  g_signal_connect (self->loop_up, "clicked", G_CALLBACK (loop_move_clicked_cb), self);
  g_signal_connect (self->loop_down, "clicked", G_CALLBACK (loop_move_clicked_cb), self);
  build_palette (self);
  g_signal_connect (self->cell_current, "notify::selected", G_CALLBACK (score_selected_cb), self);
  g_signal_connect (self->cell_target, "notify::selected", G_CALLBACK (score_selected_cb), self);
  g_signal_connect (self->cell_key, "notify::active", G_CALLBACK (cell_key_active_cb), self);
  g_signal_connect (self->cell_owner, "notify::selected", G_CALLBACK (cell_owner_selected_cb), self);
  watch_buffer (self, self->station_description, "description");
  watch_buffer (self, self->loop_description, "description");
  watch_buffer (self, self->cell_description, "description");
  watch_buffer (self, self->cell_notes, "notes");

  gtk_widget_set_size_request (GTK_WIDGET (self), 300, -1);
}

GtkWidget *
tl_properties_pane_new (void)
{
  return g_object_new (TL_TYPE_PROPERTIES_PANE, NULL);
}

TlSession *
tl_properties_pane_get_session (TlPropertiesPane *self)
{
  g_return_val_if_fail (TL_IS_PROPERTIES_PANE (self), NULL);
  return self->session;
}

void
tl_properties_pane_set_session (TlPropertiesPane *self,
                                TlSession        *session)
{
  g_return_if_fail (TL_IS_PROPERTIES_PANE (self));

  if (!tl_session_follow (&self->session, session, self,
                          G_CALLBACK (document_changed_cb),
                          G_CALLBACK (session_notify_selected_id_cb)))
    return;

  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
