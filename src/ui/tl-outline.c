/* tl-outline.c
 *
 * A GtkListBox rather than a GtkListView: a document has tens of objects,
 * not thousands, and list box rows are real widgets that assistive
 * technology reads with their labels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tl-outline.h"

struct _TlOutline
{
  GtkWidget   parent_instance;

  GtkWidget  *scroller;
  GtkListBox *list;
  TlSession  *session;
  guint       rebuild_source;
  gboolean    updating;
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

      gtk_list_box_append (self->list, make_row ("loop", tl_loop_get_id (loop), label,
                                                 tl_loop_get_color (loop), NULL));
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
  /* Only what the rows show; coalesced, since one command may change many
   * objects. */
  if (kind == TL_CHANGE_MODIFIED &&
      g_strcmp0 (property, "label") != 0 && g_strcmp0 (property, "name") != 0 &&
      g_strcmp0 (property, "color") != 0 && g_strcmp0 (property, "current") != 0 &&
      g_strcmp0 (property, "key") != 0)
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

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tl-outline");
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

  if (!tl_session_follow (&self->session, session, self,
                          G_CALLBACK (document_changed_cb),
                          G_CALLBACK (session_notify_selected_id_cb)))
    return;

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
