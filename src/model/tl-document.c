/* tl-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-cell.h"
#include "tl-document.h"
#include "tl-loop.h"
#include "tl-matrix-header.h"
#include "tl-model-private.h"
#include "tl-station.h"
#include "tl-template.h"

struct _TlDocument
{
  GObject     parent_instance;

  char       *title;
  char       *language;
  guint       score_scale;
  double      half_life;
  double      strength_moderate;
  double      strength_strong;

  GListStore *stations;
  GListStore *loops;
  GListStore *layers;
  GListStore *types;
  GListStore *cells;

  /* id → object, borrowed from the stores */
  GHashTable *station_index;
  GHashTable *loop_index;
  GHashTable *layer_index;
  GHashTable *type_index;
  GHashTable *cell_index;   /* "layer/type" */

  /* "kind:id" → TlEvidence; objects with nothing linked are absent */
  GHashTable *evidence;
  guint       evidence_batch;       /* begin/end nesting */
  guint       evidence_dirty : 1;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_LANGUAGE,
  PROP_SCORE_SCALE,
  PROP_HALF_LIFE,
  PROP_STRENGTH_MODERATE,
  PROP_STRENGTH_STRONG,
  N_PROPS
};

enum {
  CHANGED,
  EVIDENCE_CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (TlDocument, tl_document, G_TYPE_OBJECT)
G_DEFINE_QUARK (tl-model-error-quark, tl_model_error)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
emit_changed (TlDocument   *self,
              TlChangeKind  kind,
              GObject      *object,
              const char   *property)
{
  g_signal_emit (self, signals[CHANGED], 0, kind, object, property);
}

static void
child_notify_cb (GObject    *child,
                 GParamSpec *pspec,
                 TlDocument *self)
{
  emit_changed (self, TL_CHANGE_MODIFIED, child, pspec->name);
}

static void
watch_child (TlDocument *self,
             gpointer    child)
{
  g_signal_connect_object (child, "notify", G_CALLBACK (child_notify_cb), self, 0);
}

static void
unwatch_child (TlDocument *self,
               gpointer    child)
{
  g_signal_handlers_disconnect_by_func (child, child_notify_cb, self);
}

static guint
store_index_of (GListStore *store,
                gpointer    item)
{
  guint position;

  if (g_list_store_find (store, item, &position))
    return position;
  return G_MAXUINT;
}

static void
unwatch_store (TlDocument *self,
               GListStore *store)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) child = g_list_model_get_item (G_LIST_MODEL (store), i);
      unwatch_child (self, child);
    }
}

static void
tl_document_dispose (GObject *object)
{
  TlDocument *self = (TlDocument *)object;

  if (self->stations != NULL)
    {
      unwatch_store (self, self->stations);
      unwatch_store (self, self->loops);
      unwatch_store (self, self->layers);
      unwatch_store (self, self->types);
      unwatch_store (self, self->cells);
    }

  g_clear_pointer (&self->station_index, g_hash_table_unref);
  g_clear_pointer (&self->loop_index, g_hash_table_unref);
  g_clear_pointer (&self->layer_index, g_hash_table_unref);
  g_clear_pointer (&self->type_index, g_hash_table_unref);
  g_clear_pointer (&self->cell_index, g_hash_table_unref);
  g_clear_pointer (&self->evidence, g_hash_table_unref);
  g_clear_object (&self->stations);
  g_clear_object (&self->loops);
  g_clear_object (&self->layers);
  g_clear_object (&self->types);
  g_clear_object (&self->cells);

  G_OBJECT_CLASS (tl_document_parent_class)->dispose (object);
}

static void
tl_document_finalize (GObject *object)
{
  TlDocument *self = (TlDocument *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (tl_document_parent_class)->finalize (object);
}

static void
tl_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TlDocument *self = TL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_SCORE_SCALE:
      g_value_set_uint (value, self->score_scale);
      break;
    case PROP_HALF_LIFE:
      g_value_set_double (value, self->half_life);
      break;
    case PROP_STRENGTH_MODERATE:
      g_value_set_double (value, self->strength_moderate);
      break;
    case PROP_STRENGTH_STRONG:
      g_value_set_double (value, self->strength_strong);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TlDocument *self = TL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      tl_document_set_title (self, g_value_get_string (value));
      break;
    case PROP_LANGUAGE:
      tl_document_set_language (self, g_value_get_string (value));
      break;
    case PROP_SCORE_SCALE:
      tl_document_set_score_scale (self, g_value_get_uint (value));
      break;
    case PROP_HALF_LIFE:
      tl_document_set_half_life (self, g_value_get_double (value));
      break;
    case PROP_STRENGTH_MODERATE:
      tl_document_set_strength_moderate (self, g_value_get_double (value));
      break;
    case PROP_STRENGTH_STRONG:
      tl_document_set_strength_strong (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_document_notify (GObject    *object,
                    GParamSpec *pspec)
{
  emit_changed (TL_DOCUMENT (object), TL_CHANGE_MODIFIED, object, pspec->name);

  if (G_OBJECT_CLASS (tl_document_parent_class)->notify)
    G_OBJECT_CLASS (tl_document_parent_class)->notify (object, pspec);
}

static void
tl_document_class_init (TlDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tl_document_dispose;
  object_class->finalize = tl_document_finalize;
  object_class->get_property = tl_document_get_property;
  object_class->set_property = tl_document_set_property;
  object_class->notify = tl_document_notify;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCORE_SCALE] =
    g_param_spec_uint ("score-scale", NULL, NULL, 5, 10, TL_DEFAULT_SCORE_SCALE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Evidence metrics (tl-evidence.h) */
  properties[PROP_HALF_LIFE] =
    g_param_spec_double ("half-life", NULL, NULL,
                         TL_EVIDENCE_MIN_HALF_LIFE, TL_EVIDENCE_MAX_HALF_LIFE,
                         TL_EVIDENCE_DEFAULT_HALF_LIFE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STRENGTH_MODERATE] =
    g_param_spec_double ("strength-moderate", NULL, NULL,
                         0.0, 1e9, TL_EVIDENCE_DEFAULT_STRENGTH_MODERATE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STRENGTH_STRONG] =
    g_param_spec_double ("strength-strong", NULL, NULL,
                         0.0, 1e9, TL_EVIDENCE_DEFAULT_STRENGTH_STRONG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TlDocument::changed:
   * @kind: a #TlChangeKind
   * @object: the station, loop, header, cell, or the document itself
   * @property: (nullable): the property that changed, for MODIFIED
   *
   * Emitted after any change to the document, so the working copy can
   * write it at once and views can redraw.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  G_TYPE_INT, G_TYPE_OBJECT, G_TYPE_STRING);

  /**
   * TlDocument::evidence-changed:
   *
   * Emitted once after a batch of evidence aggregates changed (the
   * storage layer sets them: feedback linked, unlinked, imported, edited,
   * or the half-life changed).  Not a document edit: ::changed is not
   * emitted for it.
   */
  signals[EVIDENCE_CHANGED] =
    g_signal_new ("evidence-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
tl_document_init (TlDocument *self)
{
  self->title = g_strdup ("");
  self->language = g_strdup ("en");
  self->score_scale = TL_DEFAULT_SCORE_SCALE;
  self->half_life = TL_EVIDENCE_DEFAULT_HALF_LIFE;
  self->strength_moderate = TL_EVIDENCE_DEFAULT_STRENGTH_MODERATE;
  self->strength_strong = TL_EVIDENCE_DEFAULT_STRENGTH_STRONG;

  self->stations = g_list_store_new (TL_TYPE_STATION);
  self->loops = g_list_store_new (TL_TYPE_LOOP);
  self->layers = g_list_store_new (TL_TYPE_MATRIX_HEADER);
  self->types = g_list_store_new (TL_TYPE_MATRIX_HEADER);
  self->cells = g_list_store_new (TL_TYPE_CELL);

  self->station_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->loop_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->layer_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->type_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->cell_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->evidence = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

TlDocument *
tl_document_new (const char *language)
{
  return g_object_new (TL_TYPE_DOCUMENT,
                       "language", language ? language : "en",
                       NULL);
}

const char *
tl_document_get_title (TlDocument *self)
{
  g_return_val_if_fail (TL_IS_DOCUMENT (self), NULL);
  return self->title;
}

void
tl_document_set_title (TlDocument *self,
                       const char *title)
{
  g_return_if_fail (TL_IS_DOCUMENT (self));
  if (_tl_set_str (&self->title, title ? title : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
tl_document_get_language (TlDocument *self)
{
  g_return_val_if_fail (TL_IS_DOCUMENT (self), NULL);
  return self->language;
}

void
tl_document_set_language (TlDocument *self,
                          const char *language)
{
  g_return_if_fail (TL_IS_DOCUMENT (self));
  g_return_if_fail (tl_language_is_valid (language));
  if (_tl_set_str (&self->language, language))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

guint
tl_document_get_score_scale (TlDocument *self)
{
  g_return_val_if_fail (TL_IS_DOCUMENT (self), TL_DEFAULT_SCORE_SCALE);
  return self->score_scale;
}

void
tl_document_set_score_scale (TlDocument *self,
                             guint       scale)
{
  g_return_if_fail (TL_IS_DOCUMENT (self));
  g_return_if_fail (scale == 5 || scale == 7 || scale == 10);
  if (self->score_scale != scale)
    {
      self->score_scale = scale;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORE_SCALE]);
    }
}

GListModel *
tl_document_get_stations (TlDocument *self)
{
  g_return_val_if_fail (TL_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->stations);
}

GListModel *
tl_document_get_loops (TlDocument *self)
{
  g_return_val_if_fail (TL_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->loops);
}

GListModel *
tl_document_get_layers (TlDocument *self)
{
  g_return_val_if_fail (TL_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->layers);
}

GListModel *
tl_document_get_types (TlDocument *self)
{
  g_return_val_if_fail (TL_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->types);
}

GListModel *
tl_document_get_cells (TlDocument *self)
{
  g_return_val_if_fail (TL_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->cells);
}

TlStation *
tl_document_lookup_station (TlDocument *self,
                            const char *id)
{
  g_return_val_if_fail (TL_IS_DOCUMENT (self), NULL);
  return id ? g_hash_table_lookup (self->station_index, id) : NULL;
}

TlLoop *
tl_document_lookup_loop (TlDocument *self,
                         const char *id)
{
  g_return_val_if_fail (TL_IS_DOCUMENT (self), NULL);
  return id ? g_hash_table_lookup (self->loop_index, id) : NULL;
}

TlMatrixHeader *
tl_document_lookup_layer (TlDocument *self,
                          const char *id)
{
  g_return_val_if_fail (TL_IS_DOCUMENT (self), NULL);
  return id ? g_hash_table_lookup (self->layer_index, id) : NULL;
}

TlMatrixHeader *
tl_document_lookup_type (TlDocument *self,
                         const char *id)
{
  g_return_val_if_fail (TL_IS_DOCUMENT (self), NULL);
  return id ? g_hash_table_lookup (self->type_index, id) : NULL;
}

TlCell *
tl_document_lookup_cell (TlDocument *self,
                         const char *layer,
                         const char *type)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (TL_IS_DOCUMENT (self), NULL);

  if (layer == NULL || type == NULL)
    return NULL;
  id = g_strdup_printf ("%s/%s", layer, type);
  return g_hash_table_lookup (self->cell_index, id);
}

void
tl_document_insert_station (TlDocument *self,
                            TlStation  *station,
                            int         position)
{
  guint n;

  g_return_if_fail (TL_IS_DOCUMENT (self));
  g_return_if_fail (TL_IS_STATION (station));
  g_return_if_fail (!g_hash_table_contains (self->station_index, tl_station_get_id (station)));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->stations));
  if (position < 0 || (guint)position > n)
    position = n;

  g_hash_table_insert (self->station_index, (char *)tl_station_get_id (station), station);
  g_list_store_insert (self->stations, position, station);
  watch_child (self, station);
  emit_changed (self, TL_CHANGE_ADDED, G_OBJECT (station), NULL);
}

int
tl_document_remove_station (TlDocument *self,
                            TlStation  *station)
{
  g_autoptr(TlStation) hold = NULL;
  guint position;

  g_return_val_if_fail (TL_IS_DOCUMENT (self), -1);
  g_return_val_if_fail (TL_IS_STATION (station), -1);

  position = store_index_of (self->stations, station);
  if (position == G_MAXUINT)
    return -1;

  hold = g_object_ref (station);
  unwatch_child (self, station);
  g_hash_table_remove (self->station_index, tl_station_get_id (station));
  g_list_store_remove (self->stations, position);
  emit_changed (self, TL_CHANGE_REMOVED, G_OBJECT (station), NULL);
  return position;
}

void
tl_document_insert_loop (TlDocument *self,
                         TlLoop     *loop,
                         int         position)
{
  guint n;

  g_return_if_fail (TL_IS_DOCUMENT (self));
  g_return_if_fail (TL_IS_LOOP (loop));
  g_return_if_fail (!g_hash_table_contains (self->loop_index, tl_loop_get_id (loop)));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->loops));
  if (position < 0 || (guint)position > n)
    position = n;

  g_hash_table_insert (self->loop_index, (char *)tl_loop_get_id (loop), loop);
  g_list_store_insert (self->loops, position, loop);
  watch_child (self, loop);
  emit_changed (self, TL_CHANGE_ADDED, G_OBJECT (loop), NULL);
}

int
tl_document_remove_loop (TlDocument *self,
                         TlLoop     *loop)
{
  g_autoptr(TlLoop) hold = NULL;
  guint position;

  g_return_val_if_fail (TL_IS_DOCUMENT (self), -1);
  g_return_val_if_fail (TL_IS_LOOP (loop), -1);

  position = store_index_of (self->loops, loop);
  if (position == G_MAXUINT)
    return -1;

  hold = g_object_ref (loop);
  unwatch_child (self, loop);
  g_hash_table_remove (self->loop_index, tl_loop_get_id (loop));
  g_list_store_remove (self->loops, position);
  emit_changed (self, TL_CHANGE_REMOVED, G_OBJECT (loop), NULL);
  return position;
}

void
tl_document_append_header (TlDocument     *self,
                           TlMatrixHeader *header)
{
  GHashTable *index;
  GListStore *store;

  g_return_if_fail (TL_IS_DOCUMENT (self));
  g_return_if_fail (TL_IS_MATRIX_HEADER (header));

  if (tl_matrix_header_get_axis (header) == TL_MATRIX_AXIS_LAYER)
    index = self->layer_index, store = self->layers;
  else
    index = self->type_index, store = self->types;

  g_return_if_fail (!g_hash_table_contains (index, tl_matrix_header_get_id (header)));

  g_hash_table_insert (index, (char *)tl_matrix_header_get_id (header), header);
  g_list_store_append (store, header);
  watch_child (self, header);
  emit_changed (self, TL_CHANGE_ADDED, G_OBJECT (header), NULL);
}

static guint
header_position (GListStore *store,
                 GHashTable *index,
                 const char *id)
{
  gpointer header = g_hash_table_lookup (index, id);

  return header ? store_index_of (store, header) : G_MAXUINT;
}

void
tl_document_add_cell (TlDocument *self,
                      TlCell     *cell)
{
  guint layer_pos, type_pos, n_types, n, position;

  g_return_if_fail (TL_IS_DOCUMENT (self));
  g_return_if_fail (TL_IS_CELL (cell));
  g_return_if_fail (!g_hash_table_contains (self->cell_index, tl_cell_get_id (cell)));

  layer_pos = header_position (self->layers, self->layer_index, tl_cell_get_layer (cell));
  type_pos = header_position (self->types, self->type_index, tl_cell_get_type_id (cell));
  g_return_if_fail (layer_pos != G_MAXUINT && type_pos != G_MAXUINT);

  /* Keep the cells layer-major in header order, whatever order they come in. */
  n_types = g_list_model_get_n_items (G_LIST_MODEL (self->types));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->cells));
  for (position = 0; position < n; position++)
    {
      g_autoptr(TlCell) other = g_list_model_get_item (G_LIST_MODEL (self->cells), position);
      guint ol = header_position (self->layers, self->layer_index, tl_cell_get_layer (other));
      guint ot = header_position (self->types, self->type_index, tl_cell_get_type_id (other));

      if ((guint64)ol * n_types + ot > (guint64)layer_pos * n_types + type_pos)
        break;
    }

  g_hash_table_insert (self->cell_index, (char *)tl_cell_get_id (cell), cell);
  g_list_store_insert (self->cells, position, cell);
  watch_child (self, cell);
  emit_changed (self, TL_CHANGE_ADDED, G_OBJECT (cell), NULL);
}

guint
tl_document_complete_cells (TlDocument *self)
{
  guint n_layers, n_types, added = 0;

  g_return_val_if_fail (TL_IS_DOCUMENT (self), 0);

  n_layers = g_list_model_get_n_items (G_LIST_MODEL (self->layers));
  n_types = g_list_model_get_n_items (G_LIST_MODEL (self->types));

  for (guint l = 0; l < n_layers; l++)
    {
      g_autoptr(TlMatrixHeader) layer = g_list_model_get_item (G_LIST_MODEL (self->layers), l);

      for (guint t = 0; t < n_types; t++)
        {
          g_autoptr(TlMatrixHeader) type = g_list_model_get_item (G_LIST_MODEL (self->types), t);
          const char *lid = tl_matrix_header_get_id (layer);
          const char *tid = tl_matrix_header_get_id (type);

          if (tl_document_lookup_cell (self, lid, tid) == NULL)
            {
              g_autoptr(TlCell) cell = tl_cell_new (lid, tid);

              tl_cell_set_key (cell, tl_matrix_header_get_key (layer) ||
                                     tl_matrix_header_get_key (type));
              tl_document_add_cell (self, cell);
              added++;
            }
        }
    }

  return added;
}

GPtrArray *
tl_document_check (TlDocument *self)
{
  GPtrArray *problems;
  guint n;

  g_return_val_if_fail (TL_IS_DOCUMENT (self), NULL);

  problems = g_ptr_array_new_with_free_func (g_free);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->loops));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (G_LIST_MODEL (self->loops), i);
      const char * const *stations = tl_loop_get_stations (loop);

      if (g_strv_length ((char **)stations) < 2)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("Loop “%s” has fewer than two stations: add a station or delete the loop."),
                                          tl_loop_get_id (loop)));

      for (guint s = 0; stations[s] != NULL; s++)
        if (tl_document_lookup_station (self, stations[s]) == NULL)
          g_ptr_array_add (problems,
                           g_strdup_printf (_("Loop “%s” goes through station “%s”, which does not exist."),
                                            tl_loop_get_id (loop), stations[s]));
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->cells));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlCell) cell = g_list_model_get_item (G_LIST_MODEL (self->cells), i);

      if (tl_cell_get_current (cell) > self->score_scale ||
          tl_cell_get_target (cell) > self->score_scale)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("Cell “%s” has a score above the document’s scale of 1–%u."),
                                          tl_cell_get_id (cell), self->score_scale));
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->layers)) *
      g_list_model_get_n_items (G_LIST_MODEL (self->types));
  if (g_list_model_get_n_items (G_LIST_MODEL (self->cells)) != n)
    g_ptr_array_add (problems,
                     g_strdup_printf (_("The experience matrix has %u cells instead of %u."),
                                      g_list_model_get_n_items (G_LIST_MODEL (self->cells)), n));

  return problems;
}

const char *
tl_document_object_kind (GObject *object)
{
  if (TL_IS_STATION (object))
    return "station";
  if (TL_IS_LOOP (object))
    return "loop";
  if (TL_IS_CELL (object))
    return "cell";
  if (TL_IS_MATRIX_HEADER (object))
    return tl_matrix_header_get_axis (TL_MATRIX_HEADER (object)) == TL_MATRIX_AXIS_LAYER ? "layer" : "type";
  if (TL_IS_DOCUMENT (object))
    return "document";
  return NULL;
}

const char *
tl_document_object_id (GObject *object)
{
  if (TL_IS_STATION (object))
    return tl_station_get_id (TL_STATION (object));
  if (TL_IS_LOOP (object))
    return tl_loop_get_id (TL_LOOP (object));
  if (TL_IS_CELL (object))
    return tl_cell_get_id (TL_CELL (object));
  if (TL_IS_MATRIX_HEADER (object))
    return tl_matrix_header_get_id (TL_MATRIX_HEADER (object));
  return NULL;
}

/* ---- evidence ----------------------------------------------------------- */

double
tl_document_get_half_life (TlDocument *self)
{
  g_return_val_if_fail (TL_IS_DOCUMENT (self), TL_EVIDENCE_DEFAULT_HALF_LIFE);
  return self->half_life;
}

void
tl_document_set_half_life (TlDocument *self,
                           double      days)
{
  g_return_if_fail (TL_IS_DOCUMENT (self));
  g_return_if_fail (days >= TL_EVIDENCE_MIN_HALF_LIFE && days <= TL_EVIDENCE_MAX_HALF_LIFE);

  if (self->half_life != days)
    {
      self->half_life = days;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HALF_LIFE]);
    }
}

double
tl_document_get_strength_moderate (TlDocument *self)
{
  g_return_val_if_fail (TL_IS_DOCUMENT (self), TL_EVIDENCE_DEFAULT_STRENGTH_MODERATE);
  return self->strength_moderate;
}

void
tl_document_set_strength_moderate (TlDocument *self,
                                   double      v)
{
  g_return_if_fail (TL_IS_DOCUMENT (self));
  g_return_if_fail (v >= 0 && v <= 1e9);

  if (self->strength_moderate != v)
    {
      self->strength_moderate = v;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRENGTH_MODERATE]);
    }
}

double
tl_document_get_strength_strong (TlDocument *self)
{
  g_return_val_if_fail (TL_IS_DOCUMENT (self), TL_EVIDENCE_DEFAULT_STRENGTH_STRONG);
  return self->strength_strong;
}

void
tl_document_set_strength_strong (TlDocument *self,
                                 double      v)
{
  g_return_if_fail (TL_IS_DOCUMENT (self));
  g_return_if_fail (v >= 0 && v <= 1e9);

  if (self->strength_strong != v)
    {
      self->strength_strong = v;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRENGTH_STRONG]);
    }
}

static const TlEvidence no_evidence;

static gboolean
evidence_kind_is_valid (const char *kind)
{
  return g_strcmp0 (kind, "station") == 0 ||
         g_strcmp0 (kind, "loop") == 0 ||
         g_strcmp0 (kind, "cell") == 0;
}

const TlEvidence *
tl_document_get_evidence (TlDocument *self,
                          const char *kind,
                          const char *id)
{
  char key[256];
  g_autofree char *long_key = NULL;
  const TlEvidence *e;

  g_return_val_if_fail (TL_IS_DOCUMENT (self), &no_evidence);
  g_return_val_if_fail (evidence_kind_is_valid (kind), &no_evidence);

  if (id == NULL)
    return &no_evidence;

  /* Painters ask 35 times a frame: no allocation for ordinary ids. */
  if ((gsize)g_snprintf (key, sizeof key, "%s:%s", kind, id) < sizeof key)
    e = g_hash_table_lookup (self->evidence, key);
  else
    e = g_hash_table_lookup (self->evidence, long_key = g_strconcat (kind, ":", id, NULL));

  return e != NULL ? e : &no_evidence;
}

static void
evidence_changed (TlDocument *self)
{
  if (self->evidence_batch > 0)
    self->evidence_dirty = TRUE;
  else
    g_signal_emit (self, signals[EVIDENCE_CHANGED], 0);
}

void
tl_document_set_evidence (TlDocument       *self,
                          const char       *kind,
                          const char       *id,
                          const TlEvidence *e)
{
  char *key;
  TlEvidence *old;

  g_return_if_fail (TL_IS_DOCUMENT (self));
  g_return_if_fail (evidence_kind_is_valid (kind));
  g_return_if_fail (id != NULL);
  g_return_if_fail (e != NULL);

  key = g_strconcat (kind, ":", id, NULL);
  old = g_hash_table_lookup (self->evidence, key);

  if (e->count == 0)
    {
      if (old == NULL)
        {
          g_free (key);
          return;
        }
      g_hash_table_remove (self->evidence, key);
      g_free (key);
    }
  else
    {
      if (old != NULL && memcmp (old, e, sizeof *e) == 0)
        {
          g_free (key);
          return;
        }
      g_hash_table_replace (self->evidence, key, g_memdup2 (e, sizeof *e));
    }

  evidence_changed (self);
}

void
tl_document_clear_evidence (TlDocument *self)
{
  g_return_if_fail (TL_IS_DOCUMENT (self));

  if (g_hash_table_size (self->evidence) == 0)
    return;
  g_hash_table_remove_all (self->evidence);
  evidence_changed (self);
}

void
tl_document_begin_evidence_update (TlDocument *self)
{
  g_return_if_fail (TL_IS_DOCUMENT (self));
  self->evidence_batch++;
}

void
tl_document_end_evidence_update (TlDocument *self)
{
  g_return_if_fail (TL_IS_DOCUMENT (self));
  g_return_if_fail (self->evidence_batch > 0);

  if (--self->evidence_batch == 0 && self->evidence_dirty)
    {
      self->evidence_dirty = FALSE;
      g_signal_emit (self, signals[EVIDENCE_CHANGED], 0);
    }
}

void
tl_document_get_evidence_max (TlDocument *self,
                              const char *kind,
                              TlEvidence *max)
{
  GHashTableIter iter;
  gpointer key, value;
  gsize kind_len;

  g_return_if_fail (max != NULL);
  memset (max, 0, sizeof *max);
  g_return_if_fail (TL_IS_DOCUMENT (self));
  g_return_if_fail (evidence_kind_is_valid (kind));

  kind_len = strlen (kind);
  g_hash_table_iter_init (&iter, self->evidence);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const TlEvidence *e = value;

      if (strncmp (key, kind, kind_len) != 0 || ((const char *)key)[kind_len] != ':')
        continue;

      max->count = MAX (max->count, e->count);
      max->rated = MAX (max->rated, e->rated);
      max->rating_sum = MAX (max->rating_sum, e->rating_sum);
      max->negative = MAX (max->negative, e->negative);
      max->recent = MAX (max->recent, e->recent);
      max->temperature = MAX (max->temperature, e->temperature);
    }
}
