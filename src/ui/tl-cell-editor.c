/* tl-cell-editor.c
 *
 * Every field writes through tl_session_set(), so each change is one
 * command; a reload from the document runs with `updating` set and never
 * records one.  Nothing here handles keys in the text view: the input
 * method sees every key first.  Tab moves on to the next field (the text
 * view does not take it), and the buffer keeps no undo history of its
 * own, so Ctrl+Z undoes the document's command.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tl-cell-editor.h"
#include "tl-ui-private.h"

/* Owner drop-down positions; the teams follow tl_owner_team_ids(). */
#define OWNER_NONE  0
#define OWNER_FIRST 1

struct _TlCellEditor
{
  GtkWidget      parent_instance;

  GtkWidget     *box;
  GtkWidget     *title;
  GtkWidget     *description;
  GtkWidget     *current;
  GtkWidget     *current_scale;
  GtkWidget     *target;
  GtkWidget     *target_scale;
  GtkWidget     *key;
  GtkWidget     *owner;
  GtkWidget     *custom_owner;

  TlSession     *session;
  TlDocument    *document;
  TlCell        *cell;
  char          *cell_id;
  guint          n_teams;
  gboolean       updating;
};

G_DEFINE_FINAL_TYPE (TlCellEditor, tl_cell_editor, GTK_TYPE_WIDGET)

static void reload (TlCellEditor *self);

static guint
owner_custom_position (TlCellEditor *self)
{
  return OWNER_FIRST + self->n_teams;
}

static void
set_value (TlCellEditor *self,
           const char   *property,
           const GValue *value,
           gboolean      mergeable)
{
  if (self->updating || self->session == NULL || self->cell == NULL)
    return;
  if (!_tl_ui_edit (self->session, self->cell, property, value, mergeable, GTK_WIDGET (self)))
    reload (self);
}

static void
set_string (TlCellEditor *self,
            const char   *property,
            const char   *text,
            gboolean      mergeable)
{
  if (self->updating || self->session == NULL || self->cell == NULL)
    return;
  if (!_tl_ui_edit_string (self->session, self->cell, property, text, mergeable, GTK_WIDGET (self)))
    reload (self);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
load_scores (TlCellEditor *self)
{
  guint scale = tl_document_get_score_scale (self->document);
  g_autofree char *of_scale = g_strdup_printf (_("of %u"), scale);

  gtk_spin_button_set_range (GTK_SPIN_BUTTON (self->current), 0, scale);
  gtk_spin_button_set_range (GTK_SPIN_BUTTON (self->target), 0, scale);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->current), tl_cell_get_current (self->cell));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->target), tl_cell_get_target (self->cell));
  gtk_label_set_text (GTK_LABEL (self->current_scale), of_scale);
  gtk_label_set_text (GTK_LABEL (self->target_scale), of_scale);
}

static void
load_owner (TlCellEditor *self)
{
  const char * const *teams = tl_owner_team_ids ();
  const char *owner = tl_cell_get_owner (self->cell);
  guint position = owner_custom_position (self);

  if (owner == NULL || *owner == '\0')
    position = OWNER_NONE;
  for (guint i = 0; teams[i] != NULL; i++)
    if (g_strcmp0 (teams[i], owner) == 0)
      position = OWNER_FIRST + i;

  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->owner), position);
  gtk_widget_set_visible (self->custom_owner, position == owner_custom_position (self));
  if (position == owner_custom_position (self) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->custom_owner)), owner) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->custom_owner), owner);
}

static void
reload (TlCellEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->description));
  TlMatrixHeader *layer, *type;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  const char *description;

  if (self->box == NULL)
    return;
  gtk_widget_set_sensitive (self->box, self->cell != NULL);
  if (self->cell == NULL)
    return;

  self->updating = TRUE;

  layer = tl_document_lookup_layer (self->document, tl_cell_get_layer (self->cell));
  type = tl_document_lookup_type (self->document, tl_cell_get_type_id (self->cell));
  /* Translators: a matrix cell, "touchpoint layer × experience type" */
  title = g_strdup_printf (_("%s × %s"),
                           layer ? tl_matrix_header_get_label (layer) : tl_cell_get_layer (self->cell),
                           type ? tl_matrix_header_get_label (type) : tl_cell_get_type_id (self->cell));
  gtk_label_set_text (GTK_LABEL (self->title), title);

  /* Leaves the buffer alone when it already says this, so the cursor (and
   * a composition in progress) stays where it is while the user types. */
  description = tl_cell_get_description (self->cell);
  text = buffer_text (buffer);
  if (g_strcmp0 (text, description ? description : "") != 0)
    gtk_text_buffer_set_text (buffer, description ? description : "", -1);

  load_scores (self);
  gtk_switch_set_active (GTK_SWITCH (self->key), tl_cell_get_key (self->cell));
  load_owner (self);

  self->updating = FALSE;
}

static void
document_changed_cb (TlDocument   *document,
                     TlChangeKind  kind,
                     GObject      *object,
                     const char   *property,
                     TlCellEditor *self)
{
  TlCell *cell = NULL;
  char *layer = NULL, *type = NULL;

  /* The cell may have been replaced (a repaired matrix): look it up again. */
  if (self->cell_id != NULL && tl_cell_id_parse (self->cell_id, &layer, &type))
    cell = tl_document_lookup_cell (document, layer, type);
  g_free (layer);
  g_free (type);
  g_set_object (&self->cell, cell);

  if (object == G_OBJECT (self->cell) || TL_IS_DOCUMENT (object) || TL_IS_MATRIX_HEADER (object) ||
      self->cell == NULL)
    reload (self);
}

static void
description_changed_cb (GtkTextBuffer *buffer,
                        TlCellEditor  *self)
{
  g_autofree char *text = buffer_text (buffer);

  set_string (self, "description", text, TRUE);
}

static void
score_value_changed_cb (GtkSpinButton *spin,
                        TlCellEditor  *self)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, (guint)gtk_spin_button_get_value_as_int (spin));
  set_value (self, GTK_WIDGET (spin) == self->current ? "current" : "target", &value, FALSE);
}

/* 0 is "not scored": say so instead of a bare 0. */
static gboolean
score_output_cb (GtkSpinButton *spin,
                 TlCellEditor  *self)
{
  if (gtk_spin_button_get_value_as_int (spin) != TL_SCORE_UNSET)
    return FALSE;

  gtk_editable_set_text (GTK_EDITABLE (spin), _("Not scored"));
  return TRUE;
}

static int
score_input_cb (GtkSpinButton *spin,
                double        *new_value,
                TlCellEditor  *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  char *end = NULL;
  guint64 number;

  if (*text == '\0' || g_utf8_collate (text, _("Not scored")) == 0)
    {
      *new_value = TL_SCORE_UNSET;
      return TRUE;
    }

  number = g_ascii_strtoull (text, &end, 10);
  if (end == text || *end != '\0')
    return GTK_INPUT_ERROR;
  *new_value = number;
  return TRUE;
}

static void
key_active_cb (GtkSwitch    *widget,
               GParamSpec   *pspec,
               TlCellEditor *self)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, gtk_switch_get_active (widget));
  set_value (self, "key", &value, FALSE);
}

static void
owner_selected_cb (GtkDropDown  *drop_down,
                   GParamSpec   *pspec,
                   TlCellEditor *self)
{
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;

  gtk_widget_set_visible (self->custom_owner, selected == owner_custom_position (self));
  if (selected == OWNER_NONE)
    set_string (self, "owner", "", FALSE);
  else if (selected < owner_custom_position (self))
    set_string (self, "owner", tl_owner_team_ids ()[selected - OWNER_FIRST], FALSE);
  else
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->custom_owner));

      /* A custom team keeps a name typed before; else it is asked for. */
      if (*text != '\0')
        set_string (self, "owner", text, FALSE);
      gtk_widget_grab_focus (self->custom_owner);
    }
}

static void
custom_owner_changed_cb (GtkEditable  *editable,
                         TlCellEditor *self)
{
  const char *text = gtk_editable_get_text (editable);

  /* An empty name would read as "no owner": wait for a name. */
  if (*text != '\0')
    set_string (self, "owner", text, TRUE);
}

static void
tl_cell_editor_dispose (GObject *object)
{
  TlCellEditor *self = (TlCellEditor *)object;

  tl_cell_editor_set_cell (self, NULL, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (tl_cell_editor_parent_class)->dispose (object);
}

static void
tl_cell_editor_class_init (TlCellEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_cell_editor_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tl-cell-editor");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* A label in the grid's first column, naming @widget for assistive
 * technology and giving it a mnemonic. */
static void
attach_row (GtkGrid    *grid,
            int         row,
            const char *mnemonic,
            GtkWidget  *widget,
            GtkWidget  *suffix)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_widget_set_halign (widget, GTK_ALIGN_START);
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  gtk_grid_attach (grid, widget, 1, row, suffix ? 1 : 2, 1);
  if (suffix != NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (suffix), 0);
      gtk_widget_add_css_class (suffix, "dim-label");
      gtk_grid_attach (grid, suffix, 2, row, 1, 1);
    }
}

static GtkWidget *
score_spin (TlCellEditor *self,
            const char   *accessible_label)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, TL_DEFAULT_SCORE_SCALE, 1);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 0);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 9);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  g_signal_connect (spin, "output", G_CALLBACK (score_output_cb), self);
  g_signal_connect (spin, "input", G_CALLBACK (score_input_cb), self);
  g_signal_connect (spin, "value-changed", G_CALLBACK (score_value_changed_cb), self);
  return spin;
}

static void
tl_cell_editor_init (TlCellEditor *self)
{
  g_autoptr(GtkStringList) owners = gtk_string_list_new (NULL);
  const char * const *teams = tl_owner_team_ids ();
  GtkWidget *scrolled, *heading;
  GtkGrid *grid;
  GtkTextBuffer *buffer;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_box_append (GTK_BOX (self->box), self->title);

  heading = gtk_label_new_with_mnemonic (_("_Description"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_box_append (GTK_BOX (self->box), heading);

  self->description = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->description), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->description), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->description), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->description), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->description), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->description), 6);
  gtk_label_set_mnemonic_widget (GTK_LABEL (heading), self->description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->description),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cell description"),
                                  GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE,
                                  -1);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->description));
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  g_signal_connect (buffer, "changed", G_CALLBACK (description_changed_cb), self);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 96);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_set_size_request (scrolled, 340, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->description);
  gtk_box_append (GTK_BOX (self->box), scrolled);

  grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_widget_set_margin_top (GTK_WIDGET (grid), 6);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (grid));

  self->current = score_spin (self, _("Current score"));
  self->current_scale = gtk_label_new (NULL);
  attach_row (grid, 0, _("_Current score"), self->current, self->current_scale);

  self->target = score_spin (self, _("Target score"));
  self->target_scale = gtk_label_new (NULL);
  attach_row (grid, 1, _("_Target score"), self->target, self->target_scale);

  self->key = gtk_switch_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->key),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Key touchpoint"),
                                  -1);
  g_signal_connect (self->key, "notify::active", G_CALLBACK (key_active_cb), self);
  attach_row (grid, 2, _("_Key touchpoint"), self->key, NULL);

  /* The team names follow the UI language; the document keeps the id. */
  gtk_string_list_append (owners, _("None"));
  for (self->n_teams = 0; teams[self->n_teams] != NULL; self->n_teams++)
    gtk_string_list_append (owners, tl_owner_team_label (teams[self->n_teams],
                                                         tl_language_from_environment ()));
  gtk_string_list_append (owners, _("Custom Team…"));
  self->owner = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&owners)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->owner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Owner team"),
                                  -1);
  g_signal_connect (self->owner, "notify::selected", G_CALLBACK (owner_selected_cb), self);
  attach_row (grid, 3, _("_Owner team"), self->owner, NULL);

  self->custom_owner = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->custom_owner), _("Team name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->custom_owner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Custom team name"),
                                  -1);
  gtk_widget_set_visible (self->custom_owner, FALSE);
  g_signal_connect (self->custom_owner, "changed", G_CALLBACK (custom_owner_changed_cb), self);
  gtk_grid_attach (grid, self->custom_owner, 1, 4, 2, 1);

  gtk_widget_set_sensitive (self->box, FALSE);
}

GtkWidget *
tl_cell_editor_new (void)
{
  return g_object_new (TL_TYPE_CELL_EDITOR, NULL);
}

TlSession *
tl_cell_editor_get_session (TlCellEditor *self)
{
  g_return_val_if_fail (TL_IS_CELL_EDITOR (self), NULL);
  return self->session;
}

void
tl_cell_editor_set_cell (TlCellEditor *self,
                         TlSession    *session,
                         const char   *cell_id)
{
  g_autofree char *layer = NULL;
  g_autofree char *type = NULL;

  g_return_if_fail (TL_IS_CELL_EDITOR (self));
  g_return_if_fail (session == NULL || TL_IS_SESSION (session));

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->cell);
  g_clear_object (&self->session);
  g_clear_pointer (&self->cell_id, g_free);

  if (session != NULL && cell_id != NULL)
    {
      self->session = g_object_ref (session);
      self->document = g_object_ref (tl_session_get_document (session));
      self->cell_id = g_strdup (cell_id);
      if (tl_cell_id_parse (cell_id, &layer, &type))
        g_set_object (&self->cell, tl_document_lookup_cell (self->document, layer, type));
      g_signal_connect_object (self->document, "changed",
                               G_CALLBACK (document_changed_cb), self, 0);
    }

  reload (self);
}

const char *
tl_cell_editor_get_cell_id (TlCellEditor *self)
{
  g_return_val_if_fail (TL_IS_CELL_EDITOR (self), NULL);
  return self->cell_id;
}

void
tl_cell_editor_focus_first (TlCellEditor *self)
{
  g_return_if_fail (TL_IS_CELL_EDITOR (self));
  gtk_widget_grab_focus (self->description);
}

GtkWidget *
_tl_cell_editor_get_field (TlCellEditor *self,
                           const char   *name)
{
  g_return_val_if_fail (TL_IS_CELL_EDITOR (self), NULL);

  if (g_strcmp0 (name, "description") == 0)
    return self->description;
  if (g_strcmp0 (name, "current") == 0)
    return self->current;
  if (g_strcmp0 (name, "target") == 0)
    return self->target;
  if (g_strcmp0 (name, "key") == 0)
    return self->key;
  if (g_strcmp0 (name, "owner") == 0)
    return self->owner;
  if (g_strcmp0 (name, "custom-owner") == 0)
    return self->custom_owner;
  return NULL;
}
