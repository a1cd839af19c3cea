/* tl-canvas-a11y.c
 *
 * The items are rebuilt only when the set of drawn objects changes (a
 * station or loop added or removed); any other change of the document
 * relabels them and places them again.  Placing goes through the view's
 * size_allocate, so the items always sit where the painter drew at the
 * view's current zoom.
 *
 * Keyboard scheme (HACKING.md, "Keyboard and accessibility", and the
 * shortcuts window say the same):
 * - Diagram: Tab and Shift+Tab walk the stations in document order, then
 *   the legend entries; the arrows move to the nearest station in that
 *   direction (from a legend entry, to the nearest entry); Enter on a
 *   legend entry focuses its loop.
 *   Ctrl+arrows, which the view handles, move the selected stations.
 * - Matrix: a grid is one Tab stop; the arrows move between cells without
 *   wrapping, Home and End go to the ends of the row, Ctrl+Home and
 *   Ctrl+End to the first and last cell, Page Up and Page Down to the top
 *   and bottom of the column; Enter, Space or F2 edit the cell in place.
 * Focus moved by the keyboard (or by assistive technology) selects; focus
 * that a pointer press moves does not, since the click selects (and may
 * add to a selection) itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "tl-canvas-a11y.h"
#include "tl-canvas-item.h"
#include "tl-canvas-view-private.h"
#include "tl-cell-editor.h"
#include "tl-diagram-painter.h"
#include "tl-matrix-painter.h"

struct _TlCanvasA11y
{
  GObject        parent_instance;

  TlCanvasView  *view;            /* owns us */
  GtkWidget     *root;            /* a TlCanvasItem, child of the view */
  TlSession     *session;
  TlDocument    *document;

  /* "kind\nid" → TlCanvasItem, every item but the root and the rows */
  GHashTable    *items;
  /* The focusable items in focus order (the widget tree owns them) */
  GPtrArray     *leaves;
  /* The matrix: leaves are its cells, row-major */
  guint          n_rows;
  guint          n_columns;

  GtkWidget     *editor_popover;
  GtkWidget     *editor;

  GtkWindow     *window;          /* whose focus we follow while mapped */
  gboolean       pointer_focus;
  gboolean       syncing_focus;
  guint          layout_idle;
};

G_DEFINE_FINAL_TYPE (TlCanvasA11y, tl_canvas_a11y, G_TYPE_OBJECT)

#define FOCUS_RING_GAP     6.0
#define FOCUS_RING_WIDTH   3.0
#define FOCUS_RING_HALO    2.0
#define FOCUS_RING_RADIUS  8.0

static void item_activate_cb (TlCanvasItem *item,
                              TlCanvasA11y *self);

static gboolean
is_matrix (TlCanvasA11y *self)
{
  return tl_canvas_view_get_kind (self->view) == TL_CANVAS_MATRIX;
}

static char *
item_key (const char *kind,
          const char *id)
{
  return g_strconcat (kind, "\n", id, NULL);
}

static TlCanvasItem *
lookup_item (TlCanvasA11y *self,
             const char   *kind,
             const char   *id)
{
  g_autofree char *key = NULL;

  if (kind == NULL || id == NULL)
    return NULL;
  key = item_key (kind, id);
  return g_hash_table_lookup (self->items, key);
}

/* The focused item, when the focus is on one of ours */
static TlCanvasItem *
focused_leaf (TlCanvasA11y *self,
              guint        *index)
{
  GtkRoot *root;
  GtkWidget *focus;
  guint i;

  if (self->root == NULL || (root = gtk_widget_get_root (self->root)) == NULL)
    return NULL;
  focus = gtk_root_get_focus (root);
  if (!TL_IS_CANVAS_ITEM (focus) || !g_ptr_array_find (self->leaves, focus, &i))
    return NULL;
  if (index != NULL)
    *index = i;
  return TL_CANVAS_ITEM (focus);
}

/* ---- labels ------------------------------------------------------------ */

static const char *
station_kind_phrase (const char *kind)
{
  if (g_strcmp0 (kind, "hub") == 0)
    return _("hub station");
  if (g_strcmp0 (kind, "online") == 0)
    return _("online station");
  if (g_strcmp0 (kind, "offline") == 0)
    return _("offline station");
  if (g_strcmp0 (kind, "micro-data") == 0)
    return _("micro-data station");
  return _("custom station");
}

static void
label_station (TlCanvasA11y *self,
               TlCanvasItem *item,
               TlStation    *station)
{
  GListModel *loops = tl_document_get_loops (self->document);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *label = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (loops); i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);

      if (!tl_loop_contains (loop, tl_station_get_id (station)))
        continue;
      if (names->len > 0)
        /* Translators: between the items of a list, as in "Loop 1, Loop 3" */
        g_string_append (names, C_("list separator", ", "));
      g_string_append (names, tl_loop_get_name (loop));
    }

  if (names->len > 0)
    /* Translators: a station for screen readers: its label, its kind
     * ("online station") and the names of the loops through it */
    label = g_strdup_printf (_("%1$s — %2$s, in loops: %3$s"),
                             tl_station_get_label (station),
                             station_kind_phrase (tl_station_get_kind (station)),
                             names->str);
  else
    /* Translators: a station for screen readers: its label and its kind */
    label = g_strdup_printf (_("%1$s — %2$s, in no loop"),
                             tl_station_get_label (station),
                             station_kind_phrase (tl_station_get_kind (station)));

  tl_canvas_item_set_text (item, label, tl_station_get_description (station));
}

static void
label_loop (TlCanvasA11y *self,
            TlCanvasItem *item,
            TlLoop       *loop)
{
  const char * const *stations = tl_loop_get_stations (loop);
  guint n = tl_loop_get_n_stations (loop);
  g_autoptr(GString) cycle = g_string_new (NULL);
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;
  const char *text = tl_loop_get_description (loop);

  /* Translators: a loop's legend entry for screen readers: its name and
   * how many stations it has */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u station", "%s, %u stations", n),
                           tl_loop_get_name (loop), n);

  for (guint i = 0; i <= n && n > 0; i++)
    {
      TlStation *station = tl_document_lookup_station (self->document, stations[i % n]);

      if (i > 0)
        g_string_append (cycle, " → ");
      g_string_append (cycle, station ? tl_station_get_label (station) : stations[i % n]);
    }

  /* Translators: the stations of a loop in cycle order, back to the first */
  description = g_strdup_printf (_("Cycle: %s"), cycle->str);
  if (text != NULL && *text != '\0')
    {
      char *both = g_strconcat (description, "\n", text, NULL);

      g_free (description);
      description = both;
    }

  tl_canvas_item_set_text (item, label, description);
}

static void
append_part (GString    *text,
             const char *part)
{
  if (text->len > 0)
    g_string_append (text, C_("list separator", ", "));
  g_string_append (text, part);
}

static const char *
header_label (TlMatrixHeader *header,
              const char     *fallback)
{
  return header != NULL ? tl_matrix_header_get_label (header) : fallback;
}

static void
label_cell (TlCanvasA11y *self,
            TlCanvasItem *item,
            TlCell       *cell)
{
  TlMatrixHeader *layer = tl_document_lookup_layer (self->document, tl_cell_get_layer (cell));
  TlMatrixHeader *type = tl_document_lookup_type (self->document, tl_cell_get_type_id (cell));
  const TlEvidence *evidence = tl_document_get_evidence (self->document, "cell", tl_cell_get_id (cell));
  guint scale = tl_document_get_score_scale (self->document);
  guint current = tl_cell_get_current (cell);
  guint target = tl_cell_get_target (cell);
  const char *owner = tl_cell_get_owner (cell);
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *part = NULL;
  g_autofree char *label = NULL;

  if (current != TL_SCORE_UNSET)
    /* Translators: the current score of a matrix cell on the document's scale */
    part = g_strdup_printf (_("current %u of %u"), current, scale);
  else
    part = g_strdup (_("current not scored"));
  append_part (details, part);
  g_clear_pointer (&part, g_free);

  if (target != TL_SCORE_UNSET)
    part = g_strdup_printf (_("target %u"), target);
  else
    part = g_strdup (_("target not scored"));
  append_part (details, part);
  g_clear_pointer (&part, g_free);

  if (current != TL_SCORE_UNSET && target != TL_SCORE_UNSET)
    {
      /* Translators: target minus current score */
      part = g_strdup_printf (_("gap %d"), (int)target - (int)current);
      append_part (details, part);
      g_clear_pointer (&part, g_free);
    }

  if (evidence->count > 0)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, evidence->count);

      /* Translators: how many feedback items are linked to a cell */
      part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "evidence %s item", "evidence %s items",
                                           evidence->count > G_MAXULONG ? G_MAXULONG : (gulong)evidence->count),
                              count);
      append_part (details, part);
      g_clear_pointer (&part, g_free);
    }
  else
    append_part (details, _("no evidence"));

  if (owner != NULL && *owner != '\0')
    {
      part = g_strdup_printf (_("owner %s"),
                              tl_owner_team_label (owner, tl_language_from_environment ()));
      append_part (details, part);
      g_clear_pointer (&part, g_free);
    }
  else
    append_part (details, _("no owner"));

  if (tl_cell_get_key (cell))
    append_part (details, _("key touchpoint"));

  /* Translators: a matrix cell for screen readers: "layer × experience
   * type: details" */
  label = g_strdup_printf (_("%1$s × %2$s: %3$s"),
                           header_label (layer, tl_cell_get_layer (cell)),
                           header_label (type, tl_cell_get_type_id (cell)),
                           details->str);
  tl_canvas_item_set_text (item, label, tl_cell_get_description (cell));
}

static void
label_header (TlCanvasA11y   *self,
              TlCanvasItem   *item,
              TlMatrixHeader *header)
{
  g_autofree char *label = NULL;

  if (!tl_matrix_header_get_key (header))
    label = g_strdup (tl_matrix_header_get_label (header));
  else if (tl_matrix_header_get_axis (header) == TL_MATRIX_AXIS_LAYER)
    /* Translators: a row header of the matrix marked as key */
    label = g_strdup_printf (_("%s, key touchpoint layer"), tl_matrix_header_get_label (header));
  else
    /* Translators: a column header of the matrix marked as key */
    label = g_strdup_printf (_("%s, key experience type"), tl_matrix_header_get_label (header));

  tl_canvas_item_set_text (item, label, tl_matrix_header_get_description (header));
}

static void
update_labels (TlCanvasA11y *self)
{
  GHashTableIter iter;
  gpointer value;

  if (self->document == NULL)
    return;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      TlCanvasItem *item = value;
      const char *kind = tl_canvas_item_get_kind (item);
      const char *id = tl_canvas_item_get_id (item);

      if (g_str_equal (kind, "station"))
        {
          TlStation *station = tl_document_lookup_station (self->document, id);

          if (station != NULL)
            label_station (self, item, station);
        }
      else if (g_str_equal (kind, "loop"))
        {
          TlLoop *loop = tl_document_lookup_loop (self->document, id);

          if (loop != NULL)
            label_loop (self, item, loop);
        }
      else if (g_str_equal (kind, "cell"))
        {
          g_autofree char *layer = NULL;
          g_autofree char *type = NULL;
          TlCell *cell = NULL;

          if (tl_cell_id_parse (id, &layer, &type))
            cell = tl_document_lookup_cell (self->document, layer, type);
          if (cell != NULL)
            label_cell (self, item, cell);
        }
      else if (g_str_equal (kind, "layer") || g_str_equal (kind, "type"))
        {
          TlMatrixHeader *header = g_str_equal (kind, "layer")
                                   ? tl_document_lookup_layer (self->document, id)
                                   : tl_document_lookup_type (self->document, id);

          if (header != NULL)
            {
              GtkWidget *row = gtk_widget_get_parent (GTK_WIDGET (item));

              label_header (self, item, header);
              /* A layer's row is named after it */
              if (g_str_equal (kind, "layer") && TL_IS_CANVAS_ITEM (row))
                tl_canvas_item_set_text (TL_CANVAS_ITEM (row), tl_matrix_header_get_label (header), NULL);
            }
        }
    }
}

static void
update_selected (TlCanvasA11y *self)
{
  const char *kind = self->session ? tl_session_get_selected_kind (self->session) : NULL;
  const char *id = self->session ? tl_session_get_selected_id (self->session) : NULL;

  for (guint i = 0; i < self->leaves->len; i++)
    {
      TlCanvasItem *item = g_ptr_array_index (self->leaves, i);
      const char *item_kind = tl_canvas_item_get_kind (item);
      const char *item_id = tl_canvas_item_get_id (item);
      gboolean selected;

      if (g_str_equal (item_kind, "station"))
        selected = self->session != NULL && tl_session_is_station_selected (self->session, item_id);
      else
        selected = g_strcmp0 (kind, item_kind) == 0 && g_strcmp0 (id, item_id) == 0;
      tl_canvas_item_set_selected (item, selected);
    }
}

/* ---- building the items ------------------------------------------------- */

static TlCanvasItem *
add_item (TlCanvasA11y      *self,
          GtkWidget         *parent,
          GtkAccessibleRole  role,
          const char        *kind,
          const char        *id,
          gboolean           focusable)
{
  GtkWidget *item = tl_canvas_item_new (role, kind, id, focusable);

  gtk_widget_set_parent (item, parent);
  if (!g_str_equal (kind, "row"))
    g_hash_table_insert (self->items, item_key (kind, id), item);
  if (focusable)
    {
      g_ptr_array_add (self->leaves, item);
      g_signal_connect (item, "activate", G_CALLBACK (item_activate_cb), self);
    }
  return TL_CANVAS_ITEM (item);
}

static void
close_editor (TlCanvasA11y *self)
{
  GtkWidget *popover = g_steal_pointer (&self->editor_popover);

  self->editor = NULL;
  if (popover == NULL)
    return;

  g_signal_handlers_disconnect_by_data (popover, self);
  gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_widget_unparent (popover);
}

static void
clear_items (TlCanvasA11y *self)
{
  GtkWidget *child;

  close_editor (self);
  g_hash_table_remove_all (self->items);
  g_ptr_array_set_size (self->leaves, 0);
  self->n_rows = self->n_columns = 0;
  if (self->root == NULL)
    return;
  while ((child = gtk_widget_get_first_child (self->root)) != NULL)
    gtk_widget_unparent (child);
}

static void
build_diagram (TlCanvasA11y *self)
{
  GListModel *stations = tl_document_get_stations (self->document);
  GListModel *loops = tl_document_get_loops (self->document);

  for (guint i = 0; i < g_list_model_get_n_items (stations); i++)
    {
      g_autoptr(TlStation) station = g_list_model_get_item (stations, i);

      add_item (self, self->root, GTK_ACCESSIBLE_ROLE_BUTTON, "station",
                tl_station_get_id (station), TRUE);
    }

  for (guint i = 0; i < g_list_model_get_n_items (loops); i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);

      add_item (self, self->root, GTK_ACCESSIBLE_ROLE_BUTTON, "loop",
                tl_loop_get_id (loop), TRUE);
    }
}

static void
build_matrix (TlCanvasA11y *self)
{
  GListModel *layers = tl_document_get_layers (self->document);
  GListModel *types = tl_document_get_types (self->document);
  guint n_layers = g_list_model_get_n_items (layers);
  guint n_types = g_list_model_get_n_items (types);
  TlCanvasItem *row;

  self->n_rows = n_layers;
  self->n_columns = n_types;
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->root),
                                  GTK_ACCESSIBLE_RELATION_ROW_COUNT, n_layers + 1,
                                  GTK_ACCESSIBLE_RELATION_COL_COUNT, n_types + 1,
                                  -1);

  /* The column headers' row */
  row = add_item (self, self->root, GTK_ACCESSIBLE_ROLE_ROW, "row", "", FALSE);
  tl_canvas_item_set_text (row, _("Experience types"), NULL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_ROW_INDEX, 1, -1);
  for (guint c = 0; c < n_types; c++)
    {
      g_autoptr(TlMatrixHeader) type = g_list_model_get_item (types, c);
      TlCanvasItem *header = add_item (self, GTK_WIDGET (row), GTK_ACCESSIBLE_ROLE_COLUMN_HEADER, "type",
                                       tl_matrix_header_get_id (type), FALSE);

      gtk_accessible_update_relation (GTK_ACCESSIBLE (header),
                                      GTK_ACCESSIBLE_RELATION_ROW_INDEX, 1,
                                      GTK_ACCESSIBLE_RELATION_COL_INDEX, c + 2,
                                      -1);
    }

  for (guint r = 0; r < n_layers; r++)
    {
      g_autoptr(TlMatrixHeader) layer = g_list_model_get_item (layers, r);
      const char *layer_id = tl_matrix_header_get_id (layer);
      TlCanvasItem *header;

      row = add_item (self, self->root, GTK_ACCESSIBLE_ROLE_ROW, "row", layer_id, FALSE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_ROW_INDEX, r + 2, -1);
      header = add_item (self, GTK_WIDGET (row), GTK_ACCESSIBLE_ROLE_ROW_HEADER, "layer", layer_id, FALSE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (header),
                                      GTK_ACCESSIBLE_RELATION_ROW_INDEX, r + 2,
                                      GTK_ACCESSIBLE_RELATION_COL_INDEX, 1,
                                      -1);

      for (guint c = 0; c < n_types; c++)
        {
          g_autoptr(TlMatrixHeader) type = g_list_model_get_item (types, c);
          g_autofree char *id = g_strdup_printf ("%s/%s", layer_id, tl_matrix_header_get_id (type));
          TlCanvasItem *cell = add_item (self, GTK_WIDGET (row), GTK_ACCESSIBLE_ROLE_GRID_CELL, "cell", id, TRUE);

          gtk_accessible_update_relation (GTK_ACCESSIBLE (cell),
                                          GTK_ACCESSIBLE_RELATION_ROW_INDEX, r + 2,
                                          GTK_ACCESSIBLE_RELATION_COL_INDEX, c + 2,
                                          -1);
        }
    }
}

/* The objects the items stand for, in focus order, as "kind\nid" keys:
 * equal to what the items are unless the document's structure changed. */
static GPtrArray *
wanted_keys (TlCanvasA11y *self)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  if (self->document == NULL)
    return keys;

  if (is_matrix (self))
    {
      GListModel *layers = tl_document_get_layers (self->document);
      GListModel *types = tl_document_get_types (self->document);

      for (guint r = 0; r < g_list_model_get_n_items (layers); r++)
        {
          g_autoptr(TlMatrixHeader) layer = g_list_model_get_item (layers, r);

          for (guint c = 0; c < g_list_model_get_n_items (types); c++)
            {
              g_autoptr(TlMatrixHeader) type = g_list_model_get_item (types, c);

              g_ptr_array_add (keys, g_strdup_printf ("cell\n%s/%s", tl_matrix_header_get_id (layer),
                                                      tl_matrix_header_get_id (type)));
            }
        }
    }
  else
    {
      GListModel *stations = tl_document_get_stations (self->document);
      GListModel *loops = tl_document_get_loops (self->document);

      for (guint i = 0; i < g_list_model_get_n_items (stations); i++)
        {
          g_autoptr(TlStation) station = g_list_model_get_item (stations, i);

          g_ptr_array_add (keys, item_key ("station", tl_station_get_id (station)));
        }
      for (guint i = 0; i < g_list_model_get_n_items (loops); i++)
        {
          g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);

          g_ptr_array_add (keys, item_key ("loop", tl_loop_get_id (loop)));
        }
    }

  return keys;
}

static gboolean
items_match (TlCanvasA11y *self,
             GPtrArray    *keys)
{
  if (keys->len != self->leaves->len)
    return FALSE;

  for (guint i = 0; i < keys->len; i++)
    {
      TlCanvasItem *item = g_ptr_array_index (self->leaves, i);
      g_autofree char *key = item_key (tl_canvas_item_get_kind (item), tl_canvas_item_get_id (item));

      if (!g_str_equal (key, g_ptr_array_index (keys, i)))
        return FALSE;
    }
  return TRUE;
}

static void
focus_item (TlCanvasA11y *self,
            TlCanvasItem *item)
{
  self->syncing_focus = TRUE;
  gtk_widget_grab_focus (GTK_WIDGET (item));
  self->syncing_focus = FALSE;
}

static void
sync_items (TlCanvasA11y *self)
{
  g_autoptr(GPtrArray) keys = wanted_keys (self);
  g_autofree char *focused_kind = NULL;
  g_autofree char *focused_id = NULL;
  TlCanvasItem *focused;

  if (self->root == NULL)
    return;

  if (!items_match (self, keys) || (self->document == NULL && self->leaves->len > 0))
    {
      /* Rebuilt, the focused object keeps the focus (or the view takes
       * it, when the object went away with its item). */
      focused = focused_leaf (self, NULL);
      if (focused != NULL)
        {
          focused_kind = g_strdup (tl_canvas_item_get_kind (focused));
          focused_id = g_strdup (tl_canvas_item_get_id (focused));
          gtk_widget_grab_focus (GTK_WIDGET (self->view));
        }

      clear_items (self);
      if (self->document != NULL)
        {
          if (is_matrix (self))
            build_matrix (self);
          else
            build_diagram (self);
        }

      focused = lookup_item (self, focused_kind, focused_id);
      if (focused != NULL)
        focus_item (self, focused);
    }

  update_labels (self);
  update_selected (self);
  tl_canvas_a11y_queue_layout (self);
}

/* ---- placing the items -------------------------------------------------- */

static gboolean
hits_loop (TlPainter  *painter,
           double      width,
           double      height,
           double      x,
           double      y,
           const char *loop_id)
{
  g_autofree char *kind = NULL;
  g_autofree char *id = NULL;

  return tl_painter_hit_test (painter, width, height, x, y, &kind, &id) &&
         g_strcmp0 (kind, "loop") == 0 && g_strcmp0 (id, loop_id) == 0;
}

/* How far from (@x, @y) along (@dx, @dy) the legend entry of @loop_id
 * still hits, up to @limit: a binary search, since the entry is a
 * rectangle around the point. */
static double
legend_extent (TlPainter  *painter,
               double      width,
               double      height,
               const char *loop_id,
               double      x,
               double      y,
               double      dx,
               double      dy,
               double      limit)
{
  double inside = 0, outside = limit;

  if (hits_loop (painter, width, height, x + dx * limit, y + dy * limit, loop_id))
    return limit;
  /* To a pixel for entries up to 2000 pixels away */
  for (int i = 0; i < 11; i++)
    {
      double middle = (inside + outside) / 2;

      if (hits_loop (painter, width, height, x + dx * middle, y + dy * middle, loop_id))
        inside = middle;
      else
        outside = middle;
    }
  return outside;
}

/* The painter locates a legend entry by its centre and hit-tests it, but
 * gives no rectangle: found from the hit-testing.
 * TODO: tl_diagram_painter_get_loop_bounds() in the render layer. */
static gboolean
legend_bounds (TlPainter       *painter,
               double           width,
               double           height,
               const char      *loop_id,
               graphene_rect_t *rect)
{
  double x, y, left, right, top, bottom;

  if (!tl_painter_locate (painter, width, height, "loop", loop_id, &x, &y) ||
      !hits_loop (painter, width, height, x, y, loop_id))
    return FALSE;

  left = legend_extent (painter, width, height, loop_id, x, y, -1, 0, x);
  right = legend_extent (painter, width, height, loop_id, x, y, 1, 0, width - x);
  top = legend_extent (painter, width, height, loop_id, x, y, 0, -1, y);
  bottom = legend_extent (painter, width, height, loop_id, x, y, 0, 1, height - y);
  graphene_rect_init (rect, x - left, y - top, left + right, top + bottom);
  return TRUE;
}

/* Where @item's object is drawn now, in the painter's coordinates */
static gboolean
drawn_bounds (TlCanvasA11y    *self,
              TlCanvasItem    *item,
              double           width,
              double           height,
              graphene_rect_t *rect)
{
  TlPainter *painter = _tl_canvas_view_get_painter (self->view);
  const char *kind = tl_canvas_item_get_kind (item);
  const char *id = tl_canvas_item_get_id (item);
  double x, y, w, h;

  if (painter == NULL)
    return FALSE;

  if (TL_IS_DIAGRAM_PAINTER (painter))
    {
      if (g_str_equal (kind, "station"))
        {
          if (!tl_diagram_painter_get_station_bounds (TL_DIAGRAM_PAINTER (painter), width, height,
                                                      id, &x, &y, &w, &h))
            return FALSE;
          graphene_rect_init (rect, x, y, w, h);
          return TRUE;
        }
      if (g_str_equal (kind, "loop"))
        return legend_bounds (painter, width, height, id, rect);
      return FALSE;
    }

  if (TL_IS_MATRIX_PAINTER (painter))
    {
      gboolean found = FALSE;

      if (g_str_equal (kind, "cell"))
        {
          g_autofree char *layer = NULL;
          g_autofree char *type = NULL;

          found = tl_cell_id_parse (id, &layer, &type) &&
                  tl_matrix_painter_get_cell_bounds (TL_MATRIX_PAINTER (painter), width, height,
                                                     layer, type, &x, &y, &w, &h);
        }
      else if (g_str_equal (kind, "layer") || g_str_equal (kind, "type"))
        found = tl_matrix_painter_get_header_bounds (TL_MATRIX_PAINTER (painter), width, height,
                                                     g_str_equal (kind, "layer") ? TL_MATRIX_AXIS_LAYER
                                                                                 : TL_MATRIX_AXIS_TYPE,
                                                     id, &x, &y, &w, &h);
      if (found)
        graphene_rect_init (rect, x, y, w, h);
      return found;
    }

  return FALSE;
}

static void
place_items (TlCanvasA11y *self)
{
  double draw_width, draw_height, scale, offset_x, offset_y;
  GHashTableIter iter;
  gpointer value;

  _tl_canvas_view_get_transform (self->view, &draw_width, &draw_height, &scale, &offset_x, &offset_y);

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      TlCanvasItem *item = value;
      graphene_rect_t drawn, bounds;

      if (draw_width <= 0 || draw_height <= 0 ||
          !drawn_bounds (self, item, draw_width, draw_height, &drawn))
        {
          tl_canvas_item_clear_bounds (item);
          continue;
        }

      graphene_rect_init (&bounds,
                          drawn.origin.x * scale + offset_x, drawn.origin.y * scale + offset_y,
                          drawn.size.width * scale, drawn.size.height * scale);
      tl_canvas_item_set_bounds (item, &bounds, &drawn);
    }

  /* A matrix row spans its header and cells. */
  for (GtkWidget *row = self->root ? gtk_widget_get_first_child (self->root) : NULL; row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      gboolean any = FALSE;
      graphene_rect_t span = GRAPHENE_RECT_INIT (0, 0, 0, 0), bounds;

      if (!TL_IS_CANVAS_ITEM (row) || !g_str_equal (tl_canvas_item_get_kind (TL_CANVAS_ITEM (row)), "row"))
        continue;

      for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          if (!TL_IS_CANVAS_ITEM (child) || !tl_canvas_item_get_bounds (TL_CANVAS_ITEM (child), &bounds))
            continue;
          if (any)
            graphene_rect_union (&span, &bounds, &span);
          else
            span = bounds;
          any = TRUE;
        }

      if (any)
        tl_canvas_item_set_bounds (TL_CANVAS_ITEM (row), &span, NULL);
      else
        tl_canvas_item_clear_bounds (TL_CANVAS_ITEM (row));
    }
}

static gboolean
layout_idle_cb (gpointer data)
{
  TlCanvasA11y *self = data;

  self->layout_idle = 0;
  tl_canvas_a11y_queue_layout (self);
  return G_SOURCE_REMOVE;
}

/* ---- keyboard ------------------------------------------------------------ */

static gboolean
leaf_is_placed (TlCanvasA11y *self,
                guint         index)
{
  return tl_canvas_item_get_bounds (g_ptr_array_index (self->leaves, index), NULL);
}

static TlCanvasItem *
selected_leaf (TlCanvasA11y *self)
{
  if (self->session == NULL)
    return NULL;
  return lookup_item (self, tl_session_get_selected_kind (self->session),
                      tl_session_get_selected_id (self->session));
}

/* The leaf nearest to leaf @from in @direction among those of its kind:
 * stations lead to stations, legend entries to legend entries (Tab
 * crosses from one to the other). */
static int
nearest_leaf (TlCanvasA11y     *self,
              guint             from,
              GtkDirectionType  direction)
{
  TlCanvasItem *from_item = g_ptr_array_index (self->leaves, from);
  graphene_rect_t from_bounds;
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  int found;

  if (!tl_canvas_item_get_bounds (from_item, &from_bounds))
    return -1;

  for (guint i = 0; i < self->leaves->len; i++)
    {
      TlCanvasItem *item = g_ptr_array_index (self->leaves, i);
      graphene_rect_t bounds;

      if (i == from || !tl_canvas_item_get_bounds (item, &bounds) ||
          !g_str_equal (tl_canvas_item_get_kind (item), tl_canvas_item_get_kind (from_item)))
        continue;
      g_array_append_val (rects, bounds);
      g_array_append_val (indices, i);
    }

  found = tl_canvas_nearest_in_direction (&from_bounds, (graphene_rect_t *)(void *)rects->data,
                                          rects->len, direction);
  return found >= 0 ? (int)g_array_index (indices, guint, found) : -1;
}

/* The cell @rows and @columns away from leaf @from, clamped to the grid */
static int
grid_leaf (TlCanvasA11y *self,
           guint         from,
           int           rows,
           int           columns)
{
  int row, column;

  if (self->n_columns == 0)
    return -1;
  row = CLAMP ((int)(from / self->n_columns) + rows, 0, (int)self->n_rows - 1);
  column = CLAMP ((int)(from % self->n_columns) + columns, 0, (int)self->n_columns - 1);
  return row * self->n_columns + column;
}

static gboolean
focus_leaf (TlCanvasA11y *self,
            int           index)
{
  if (index < 0 || (guint)index >= self->leaves->len || !leaf_is_placed (self, index))
    return FALSE;
  gtk_widget_grab_focus (g_ptr_array_index (self->leaves, index));
  return TRUE;
}

static gboolean
enter_items (TlCanvasA11y     *self,
             GtkDirectionType  direction)
{
  TlCanvasItem *selected = selected_leaf (self);
  guint index;

  if (selected != NULL && g_ptr_array_find (self->leaves, selected, &index) &&
      leaf_is_placed (self, index))
    return focus_leaf (self, index);

  if (direction == GTK_DIR_TAB_BACKWARD && !is_matrix (self))
    {
      for (guint i = self->leaves->len; i > 0; i--)
        if (focus_leaf (self, i - 1))
          return TRUE;
      return FALSE;
    }

  for (guint i = 0; i < self->leaves->len; i++)
    if (focus_leaf (self, i))
      return TRUE;
  return FALSE;
}

static gboolean
root_focus (TlCanvasItem     *root,
            GtkDirectionType  direction,
            gpointer          data)
{
  TlCanvasA11y *self = data;
  guint current;

  if (focused_leaf (self, &current) == NULL)
    return enter_items (self, direction);

  switch (direction)
    {
    case GTK_DIR_TAB_FORWARD:
      /* The matrix is one Tab stop, as a grid should be. */
      if (is_matrix (self))
        return FALSE;
      for (guint i = current + 1; i < self->leaves->len; i++)
        if (focus_leaf (self, i))
          return TRUE;
      return FALSE;

    case GTK_DIR_TAB_BACKWARD:
      if (is_matrix (self))
        return FALSE;
      for (guint i = current; i > 0; i--)
        if (focus_leaf (self, i - 1))
          return TRUE;
      return FALSE;

    case GTK_DIR_UP:
    case GTK_DIR_DOWN:
    case GTK_DIR_LEFT:
    case GTK_DIR_RIGHT:
    default:
      return focus_leaf (self, nearest_leaf (self, current, direction));
    }
}

static gboolean
arrow_direction (guint             keyval,
                 GtkDirectionType *direction)
{
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      *direction = GTK_DIR_LEFT;
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      *direction = GTK_DIR_RIGHT;
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      *direction = GTK_DIR_UP;
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      *direction = GTK_DIR_DOWN;
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_enter (guint keyval)
{
  return keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter ||
         keyval == GDK_KEY_space || keyval == GDK_KEY_KP_Space;
}

static gboolean
matrix_key (TlCanvasA11y    *self,
            TlCanvasItem    *item,
            guint            current,
            guint            keyval,
            GdkModifierType  mods)
{
  GtkDirectionType direction;
  int target = -1;

  if (mods == 0 && arrow_direction (keyval, &direction))
    {
      switch (direction)
        {
        case GTK_DIR_LEFT:
          target = grid_leaf (self, current, 0, -1);
          break;
        case GTK_DIR_RIGHT:
          target = grid_leaf (self, current, 0, 1);
          break;
        case GTK_DIR_UP:
          target = grid_leaf (self, current, -1, 0);
          break;
        case GTK_DIR_DOWN:
        case GTK_DIR_TAB_FORWARD:
        case GTK_DIR_TAB_BACKWARD:
        default:
          target = grid_leaf (self, current, 1, 0);
          break;
        }
    }
  else if ((mods == 0 || mods == GDK_CONTROL_MASK) &&
           (keyval == GDK_KEY_Home || keyval == GDK_KEY_KP_Home))
    target = mods == 0 ? grid_leaf (self, current, 0, -(int)self->n_columns) : 0;
  else if ((mods == 0 || mods == GDK_CONTROL_MASK) &&
           (keyval == GDK_KEY_End || keyval == GDK_KEY_KP_End))
    target = mods == 0 ? grid_leaf (self, current, 0, self->n_columns) : (int)self->leaves->len - 1;
  else if (mods == 0 && (keyval == GDK_KEY_Page_Up || keyval == GDK_KEY_KP_Page_Up))
    target = grid_leaf (self, current, -(int)self->n_rows, 0);
  else if (mods == 0 && (keyval == GDK_KEY_Page_Down || keyval == GDK_KEY_KP_Page_Down))
    target = grid_leaf (self, current, self->n_rows, 0);
  else if (mods == 0 && (is_enter (keyval) || keyval == GDK_KEY_F2))
    {
      gtk_widget_activate (GTK_WIDGET (item));
      return TRUE;
    }
  else
    return FALSE;

  /* At the edge the focus stays: a grid does not wrap. */
  if (target == (int)current)
    gtk_widget_error_bell (GTK_WIDGET (item));
  else
    focus_leaf (self, target);
  return TRUE;
}

static gboolean
diagram_key (TlCanvasA11y    *self,
             TlCanvasItem    *item,
             guint            current,
             guint            keyval,
             GdkModifierType  mods)
{
  GtkDirectionType direction;

  if (mods == 0 && arrow_direction (keyval, &direction))
    {
      /* Handled even with nothing that way: plain arrows never move a
       * focused station (Ctrl+arrows do). */
      if (!focus_leaf (self, nearest_leaf (self, current, direction)))
        gtk_widget_error_bell (GTK_WIDGET (item));
      return TRUE;
    }

  /* Enter on a station is left to the view (a new loop picks stations
   * with it). */
  if (mods == 0 && is_enter (keyval) && g_str_equal (tl_canvas_item_get_kind (item), "loop"))
    {
      gtk_widget_activate (GTK_WIDGET (item));
      return TRUE;
    }

  return FALSE;
}

static gboolean
root_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     TlCanvasA11y          *self)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK |
                                  GDK_SUPER_MASK | GDK_META_MASK);
  TlCanvasItem *item;
  guint current;

  /* Only keys meant for an item: not those an editor left unhandled. */
  if ((item = focused_leaf (self, &current)) == NULL)
    return FALSE;

  if (is_matrix (self))
    return matrix_key (self, item, current, keyval, mods);
  return diagram_key (self, item, current, keyval, mods);
}

static void
item_activate_cb (TlCanvasItem *item,
                  TlCanvasA11y *self)
{
  const char *kind = tl_canvas_item_get_kind (item);
  const char *id = tl_canvas_item_get_id (item);

  if (self->session == NULL)
    return;

  if (g_str_equal (kind, "cell"))
    tl_canvas_a11y_edit_cell (self, id);
  else if (g_str_equal (kind, "loop"))
    {
      tl_session_select (self->session, "loop", id);
      tl_session_set_focus_loop (self->session, id);
    }
  else if (g_str_equal (kind, "station"))
    tl_session_select_stations (self->session, (const char *[]) { id, NULL }, id);
}

/* ---- focus and selection ------------------------------------------------- */

static void
select_item (TlCanvasA11y *self,
             TlCanvasItem *item)
{
  const char *kind = tl_canvas_item_get_kind (item);
  const char *id = tl_canvas_item_get_id (item);

  if (self->session == NULL)
    return;

  /* A station already selected with others keeps the others. */
  if (g_str_equal (kind, "station") && tl_session_is_station_selected (self->session, id))
    return;
  tl_session_select (self->session, kind, id);
}

static void
window_notify_focus_widget_cb (GtkWindow    *window,
                               GParamSpec   *pspec,
                               TlCanvasA11y *self)
{
  TlCanvasItem *item = focused_leaf (self, NULL);

  /* The ring follows the focus. */
  gtk_widget_queue_draw (GTK_WIDGET (self->view));

  if (item == NULL || self->pointer_focus || self->syncing_focus)
    return;
  select_item (self, item);
}

static void
window_notify_focus_visible_cb (GtkWindow    *window,
                                GParamSpec   *pspec,
                                TlCanvasA11y *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->view));
}

static void
unwatch_window (TlCanvasA11y *self)
{
  if (self->window == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->window, self);
  g_clear_weak_pointer (&self->window);
}

static void
view_map_cb (GtkWidget    *view,
             TlCanvasA11y *self)
{
  GtkRoot *root = gtk_widget_get_root (view);

  unwatch_window (self);
  if (!GTK_IS_WINDOW (root))
    return;
  g_set_weak_pointer (&self->window, GTK_WINDOW (root));
  g_signal_connect (root, "notify::focus-widget", G_CALLBACK (window_notify_focus_widget_cb), self);
  g_signal_connect (root, "notify::focus-visible", G_CALLBACK (window_notify_focus_visible_cb), self);
}

static void
view_unmap_cb (GtkWidget    *view,
               TlCanvasA11y *self)
{
  unwatch_window (self);
}

static void
session_notify_selected_cb (TlSession    *session,
                            GParamSpec   *pspec,
                            TlCanvasA11y *self)
{
  TlCanvasItem *selected = selected_leaf (self);
  GtkRoot *root;
  GtkWidget *focus;

  update_selected (self);
  if (selected == NULL || self->root == NULL || (root = gtk_widget_get_root (self->root)) == NULL)
    return;

  /* The focus follows a selection made on this canvas (a click) but is
   * not taken from elsewhere (the outline). */
  focus = gtk_root_get_focus (root);
  if (focus == GTK_WIDGET (selected) ||
      (focus != GTK_WIDGET (self->view) && focused_leaf (self, NULL) == NULL))
    return;
  focus_item (self, selected);
}

static void
document_changed_cb (TlDocument   *document,
                     TlChangeKind  kind,
                     GObject      *object,
                     const char   *property,
                     TlCanvasA11y *self)
{
  if (kind == TL_CHANGE_MODIFIED)
    {
      update_labels (self);
      tl_canvas_a11y_queue_layout (self);
    }
  else
    sync_items (self);
}

static void
document_evidence_changed_cb (TlDocument   *document,
                              TlCanvasA11y *self)
{
  update_labels (self);
}

static void
session_notify_focus_loop_cb (TlSession    *session,
                              GParamSpec   *pspec,
                              TlCanvasA11y *self)
{
  /* A focused loop numbers its stations: the cards may change size. */
  tl_canvas_a11y_queue_layout (self);
}

static void
ensure_root (TlCanvasA11y *self)
{
  GtkEventController *keys;

  if (self->root != NULL)
    return;

  if (is_matrix (self))
    {
      self->root = tl_canvas_item_new (GTK_ACCESSIBLE_ROLE_GRID, "root", "", FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->root),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Matrix cells"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("Touchpoint layers in rows, experience types in columns"),
                                      -1);
    }
  else
    {
      self->root = tl_canvas_item_new (GTK_ACCESSIBLE_ROLE_GROUP, "root", "", FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->root),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stations and loops"),
                                      -1);
    }

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (root_key_pressed_cb), self);
  gtk_widget_add_controller (self->root, keys);

  /* Clicks go to the view, which hit-tests the drawing itself. */
  gtk_widget_set_can_target (self->root, FALSE);
  tl_canvas_item_set_focus_func (TL_CANVAS_ITEM (self->root), root_focus, self);
  gtk_widget_set_parent (self->root, GTK_WIDGET (self->view));
}

static void
view_notify_session_cb (TlCanvasView *view,
                        GParamSpec   *pspec,
                        TlCanvasA11y *self)
{
  TlSession *session = tl_canvas_view_get_session (view);

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_clear_object (&self->document);
      g_clear_object (&self->session);
    }

  if (session != NULL)
    {
      self->session = g_object_ref (session);
      self->document = g_object_ref (tl_session_get_document (session));
      ensure_root (self);
      g_signal_connect (self->document, "changed", G_CALLBACK (document_changed_cb), self);
      g_signal_connect (self->document, "evidence-changed",
                        G_CALLBACK (document_evidence_changed_cb), self);
      g_signal_connect (self->session, "notify::selected-id",
                        G_CALLBACK (session_notify_selected_cb), self);
      g_signal_connect (self->session, "notify::selected-kind",
                        G_CALLBACK (session_notify_selected_cb), self);
      g_signal_connect (self->session, "notify::selected-stations",
                        G_CALLBACK (session_notify_selected_cb), self);
      g_signal_connect (self->session, "notify::focus-loop",
                        G_CALLBACK (session_notify_focus_loop_cb), self);
    }

  sync_items (self);
}

/* ---- the in-place editor ------------------------------------------------- */

/* Keys the editor's fields leave unhandled stop at the popover: they are
 * not meant for the grid under it.  Escape (closing), Tab (the next
 * field), function keys and shortcuts with Ctrl or Alt go on. */
static gboolean
editor_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       TlCanvasA11y          *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK))
    return FALSE;
  if (keyval == GDK_KEY_Escape || keyval == GDK_KEY_Tab || keyval == GDK_KEY_ISO_Left_Tab ||
      keyval == GDK_KEY_KP_Tab || (keyval >= GDK_KEY_F1 && keyval <= GDK_KEY_F35))
    return FALSE;
  return TRUE;
}

static gboolean
unparent_popover_idle_cb (gpointer data)
{
  GtkWidget *popover = data;

  if (gtk_widget_get_parent (popover) != NULL && !gtk_widget_get_visible (popover))
    gtk_widget_unparent (popover);
  g_object_unref (popover);
  return G_SOURCE_REMOVE;
}

static void
editor_closed_cb (GtkPopover   *popover,
                  TlCanvasA11y *self)
{
  GtkWidget *item = gtk_widget_get_parent (GTK_WIDGET (popover));

  g_signal_handlers_disconnect_by_data (popover, self);
  self->editor_popover = NULL;
  self->editor = NULL;

  /* Back to the cell; the popover goes once it has finished closing. */
  if (item != NULL)
    gtk_widget_grab_focus (item);
  g_idle_add (unparent_popover_idle_cb, g_object_ref (popover));
}

/* ---- class --------------------------------------------------------------- */

static void
tl_canvas_a11y_dispose (GObject *object)
{
  TlCanvasA11y *self = (TlCanvasA11y *)object;

  g_clear_handle_id (&self->layout_idle, g_source_remove);
  unwatch_window (self);
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (self->document, self);
    }
  g_clear_object (&self->document);
  g_clear_object (&self->session);
  clear_items (self);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_clear_pointer (&self->root, gtk_widget_unparent);
  self->view = NULL;

  G_OBJECT_CLASS (tl_canvas_a11y_parent_class)->dispose (object);
}

static void
tl_canvas_a11y_finalize (GObject *object)
{
  TlCanvasA11y *self = (TlCanvasA11y *)object;

  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->leaves, g_ptr_array_unref);

  G_OBJECT_CLASS (tl_canvas_a11y_parent_class)->finalize (object);
}

static void
tl_canvas_a11y_class_init (TlCanvasA11yClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tl_canvas_a11y_dispose;
  object_class->finalize = tl_canvas_a11y_finalize;
}

static void
tl_canvas_a11y_init (TlCanvasA11y *self)
{
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->leaves = g_ptr_array_new ();
}

/* ---- API ------------------------------------------------------------------ */

TlCanvasA11y *
tl_canvas_a11y_new (TlCanvasView *view)
{
  TlCanvasA11y *self;

  g_return_val_if_fail (TL_IS_CANVAS_VIEW (view), NULL);

  self = g_object_new (TL_TYPE_CANVAS_A11Y, NULL);
  self->view = view;
  g_signal_connect (view, "notify::session", G_CALLBACK (view_notify_session_cb), self);
  g_signal_connect (view, "map", G_CALLBACK (view_map_cb), self);
  g_signal_connect (view, "unmap", G_CALLBACK (view_unmap_cb), self);
  return self;
}

void
tl_canvas_a11y_allocate (TlCanvasA11y *self,
                         int           width,
                         int           height)
{
  if (self == NULL)
    return;
  g_return_if_fail (TL_IS_CANVAS_A11Y (self));

  if (self->root == NULL)
    return;

  place_items (self);
  gtk_widget_measure (self->root, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
  gtk_widget_measure (self->root, GTK_ORIENTATION_VERTICAL, -1, NULL, NULL, NULL, NULL);
  gtk_widget_size_allocate (self->root, &(GtkAllocation) { 0, 0, width, height }, -1);
  /* GTK skips a widget whose size did not change: the items moved all
   * the same. */
  tl_canvas_item_allocate_children (TL_CANVAS_ITEM (self->root), TRUE);
}

void
tl_canvas_a11y_queue_layout (TlCanvasA11y *self)
{
  if (self == NULL)
    return;
  g_return_if_fail (TL_IS_CANVAS_A11Y (self));

  if (self->view != NULL && self->root != NULL)
    gtk_widget_queue_allocate (GTK_WIDGET (self->view));
}

void
tl_canvas_a11y_draw_focus (TlCanvasA11y *self,
                           cairo_t      *cr,
                           double        draw_width,
                           double        draw_height)
{
  double ignored_width, ignored_height, scale, offset_x, offset_y;
  double gap, line, halo, radius, x, y, w, h;
  TlPainter *painter;
  TlCanvasItem *item;
  graphene_rect_t rect, placed;
  const TlColor *background;
  GdkRGBA accent;

  if (self == NULL)
    return;
  g_return_if_fail (TL_IS_CANVAS_A11Y (self));

  if ((item = focused_leaf (self, NULL)) == NULL || self->window == NULL ||
      !gtk_window_get_focus_visible (self->window) ||
      (painter = _tl_canvas_view_get_painter (self->view)) == NULL)
    return;

  /* Drawn where the painter has the object now; should the items lag
   * behind (a change that did not place them), they follow next frame. */
  if (!drawn_bounds (self, item, draw_width, draw_height, &rect))
    return;
  if (!tl_canvas_item_get_drawn (item, &placed) || !graphene_rect_equal (&placed, &rect))
    {
      if (self->layout_idle == 0)
        self->layout_idle = g_idle_add (layout_idle_cb, self);
    }

  _tl_canvas_view_get_transform (self->view, &ignored_width, &ignored_height, &scale, &offset_x, &offset_y);
  scale = scale > 0 ? scale : 1;

  /* Sizes in screen pixels, whatever the zoom; twice as thick on the
   * projector theme, as its lines are. */
  line = FOCUS_RING_WIDTH / scale;
  halo = FOCUS_RING_HALO / scale;
  gap = FOCUS_RING_GAP / scale;
  radius = FOCUS_RING_RADIUS / scale;
  if (g_strcmp0 (tl_theme_get_name (tl_painter_get_theme (painter)), "projector") == 0)
    {
      line *= 2;
      halo *= 2;
      gap *= 1.5;
    }

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self->view)),
                                       "accent_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");
  G_GNUC_END_IGNORE_DEPRECATIONS
  background = tl_theme_get_background (tl_painter_get_theme (painter));

  x = rect.origin.x - gap - line / 2;
  y = rect.origin.y - gap - line / 2;
  w = rect.size.width + 2 * gap + line;
  h = rect.size.height + 2 * gap + line;

  cairo_save (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);

  /* A halo of the page colour keeps the ring apart from lines under it. */
  cairo_set_source_rgba (cr, background->red, background->green, background->blue, 1);
  cairo_set_line_width (cr, line + 2 * halo);
  cairo_stroke_preserve (cr);
  /* Translucent, as GNOME's focus rings are: the painter's selection is
   * solid, and the two read apart when they ring the same object. */
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.6);
  cairo_set_line_width (cr, line);
  cairo_stroke (cr);
  cairo_restore (cr);
}

gboolean
tl_canvas_a11y_grab_focus_at (TlCanvasA11y *self,
                              double        x,
                              double        y)
{
  double draw_width, draw_height, scale, offset_x, offset_y;
  g_autofree char *kind = NULL;
  g_autofree char *id = NULL;
  TlPainter *painter;
  TlCanvasItem *item;
  gboolean grabbed;

  /* A hook: the view may call it after dropping us in dispose. */
  if (self == NULL)
    return FALSE;
  g_return_val_if_fail (TL_IS_CANVAS_A11Y (self), FALSE);

  if ((painter = _tl_canvas_view_get_painter (self->view)) == NULL)
    return FALSE;

  _tl_canvas_view_get_transform (self->view, &draw_width, &draw_height, &scale, &offset_x, &offset_y);
  if (scale <= 0 ||
      !tl_painter_hit_test (painter, draw_width, draw_height,
                            (x - offset_x) / scale, (y - offset_y) / scale, &kind, &id) ||
      (item = lookup_item (self, kind, id)) == NULL ||
      !gtk_widget_get_focusable (GTK_WIDGET (item)))
    return FALSE;

  self->pointer_focus = TRUE;
  grabbed = gtk_widget_grab_focus (GTK_WIDGET (item));
  self->pointer_focus = FALSE;
  return grabbed;
}

gboolean
tl_canvas_a11y_focus_selected (TlCanvasA11y *self)
{
  TlCanvasItem *selected;

  /* A hook: the view may call it after dropping us in dispose. */
  if (self == NULL)
    return FALSE;
  g_return_val_if_fail (TL_IS_CANVAS_A11Y (self), FALSE);

  if ((selected = selected_leaf (self)) == NULL)
    return FALSE;
  focus_item (self, selected);
  return gtk_widget_has_focus (GTK_WIDGET (selected));
}

gboolean
tl_canvas_a11y_edit_cell (TlCanvasA11y *self,
                          const char   *cell_id)
{
  GtkEventController *keys;
  TlCanvasItem *item;

  /* A hook: the view may call it after dropping us in dispose. */
  if (self == NULL)
    return FALSE;
  g_return_val_if_fail (TL_IS_CANVAS_A11Y (self), FALSE);

  if (self->session == NULL || !is_matrix (self) ||
      (item = lookup_item (self, "cell", cell_id)) == NULL ||
      !tl_canvas_item_get_bounds (item, NULL))
    return FALSE;

  close_editor (self);
  focus_item (self, item);
  tl_session_select (self->session, "cell", cell_id);

  self->editor = tl_cell_editor_new ();
  tl_cell_editor_set_cell (TL_CELL_EDITOR (self->editor), self->session, cell_id);
  self->editor_popover = gtk_popover_new ();
  gtk_widget_add_css_class (self->editor_popover, "tl-cell-editor-popover");
  gtk_popover_set_child (GTK_POPOVER (self->editor_popover), self->editor);
  gtk_popover_set_position (GTK_POPOVER (self->editor_popover), GTK_POS_BOTTOM);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor_popover),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit Cell"),
                                  -1);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (editor_key_pressed_cb), self);
  gtk_widget_add_controller (self->editor_popover, keys);
  g_signal_connect (self->editor_popover, "closed", G_CALLBACK (editor_closed_cb), self);

  gtk_widget_set_parent (self->editor_popover, GTK_WIDGET (item));
  gtk_popover_popup (GTK_POPOVER (self->editor_popover));
  tl_cell_editor_focus_first (TL_CELL_EDITOR (self->editor));
  return TRUE;
}

GtkWidget *
tl_canvas_a11y_get_root (TlCanvasA11y *self)
{
  g_return_val_if_fail (TL_IS_CANVAS_A11Y (self), NULL);
  return self->root;
}

GtkWidget *
tl_canvas_a11y_lookup (TlCanvasA11y *self,
                       const char   *kind,
                       const char   *id)
{
  g_return_val_if_fail (TL_IS_CANVAS_A11Y (self), NULL);
  return (GtkWidget *)lookup_item (self, kind, id);
}

GtkWidget *
tl_canvas_a11y_get_cell_editor (TlCanvasA11y *self)
{
  g_return_val_if_fail (TL_IS_CANVAS_A11Y (self), NULL);

  if (self->editor_popover == NULL || !gtk_widget_get_visible (self->editor_popover))
    return NULL;
  return self->editor;
}

int
tl_canvas_nearest_in_direction (const graphene_rect_t *from,
                                const graphene_rect_t *candidates,
                                guint                  n_candidates,
                                GtkDirectionType       direction)
{
  g_autofree double *points = NULL;
  graphene_point_t centre;
  double dx = 0, dy = 0;
  int found;

  g_return_val_if_fail (from != NULL, -1);
  g_return_val_if_fail (candidates != NULL || n_candidates == 0, -1);

  switch (direction)
    {
    case GTK_DIR_LEFT:
      dx = -1;
      break;
    case GTK_DIR_RIGHT:
      dx = 1;
      break;
    case GTK_DIR_UP:
      dy = -1;
      break;
    case GTK_DIR_DOWN:
      dy = 1;
      break;
    case GTK_DIR_TAB_FORWARD:
    case GTK_DIR_TAB_BACKWARD:
    default:
      g_return_val_if_reached (-1);
    }

  /* The render layer's rule, the one the diagram's Alt+arrows use: @from
   * is point 0, the candidates follow. */
  points = g_new (double, 2 * (n_candidates + 1));
  graphene_rect_get_center (from, &centre);
  points[0] = centre.x;
  points[1] = centre.y;
  for (guint i = 0; i < n_candidates; i++)
    {
      graphene_rect_get_center (&candidates[i], &centre);
      points[2 * (i + 1)] = centre.x;
      points[2 * (i + 1) + 1] = centre.y;
    }

  found = tl_diagram_nearest_in_direction (points, n_candidates + 1, 0, dx, dy);
  return found > 0 ? found - 1 : -1;
}
