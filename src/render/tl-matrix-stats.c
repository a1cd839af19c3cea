/* tl-matrix-stats.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "tl-matrix-stats.h"

static const struct {
  TlMatrixMode mode;
  const char  *name;
  const char  *nick;
  const char  *label;
} modes[] = {
  /* Menu order */
  { TL_MATRIX_MODE_PLAIN,       "TL_MATRIX_MODE_PLAIN",       "plain",       N_("No Colours") },
  { TL_MATRIX_MODE_CURRENT,     "TL_MATRIX_MODE_CURRENT",     "current",     N_("Current Score") },
  { TL_MATRIX_MODE_TARGET,      "TL_MATRIX_MODE_TARGET",      "target",      N_("Target Score") },
  { TL_MATRIX_MODE_GAP,         "TL_MATRIX_MODE_GAP",         "gap",         N_("Gap (Target − Current)") },
  { TL_MATRIX_MODE_EVIDENCE,    "TL_MATRIX_MODE_EVIDENCE",    "evidence",    N_("Evidence Count") },
  { TL_MATRIX_MODE_RATING,      "TL_MATRIX_MODE_RATING",      "rating",      N_("Average Rating") },
  { TL_MATRIX_MODE_TEMPERATURE, "TL_MATRIX_MODE_TEMPERATURE", "temperature", N_("Temperature") },
};

/* The nicks of modes[], in its order */
static const char * const mode_nicks[] = {
  "plain", "current", "target", "gap", "evidence", "rating", "temperature", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (modes) == TL_MATRIX_N_MODES);
G_STATIC_ASSERT (G_N_ELEMENTS (mode_nicks) == TL_MATRIX_N_MODES + 1);

GType
tl_matrix_mode_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static GEnumValue values[TL_MATRIX_N_MODES + 1];
      GType type;

      for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
        {
          values[i].value = modes[i].mode;
          values[i].value_name = modes[i].name;
          values[i].value_nick = modes[i].nick;
        }
      type = g_enum_register_static (g_intern_static_string ("TlMatrixMode"), values);
      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

const char * const *
tl_matrix_mode_nicks (void)
{
  return mode_nicks;
}

gboolean
tl_matrix_mode_from_nick (const char   *nick,
                          TlMatrixMode *mode)
{
  if (nick == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    if (g_ascii_strcasecmp (modes[i].nick, nick) == 0)
      {
        if (mode != NULL)
          *mode = modes[i].mode;
        return TRUE;
      }

  return FALSE;
}

const char *
tl_matrix_mode_to_nick (TlMatrixMode mode)
{
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    if (modes[i].mode == mode)
      return modes[i].nick;

  g_return_val_if_reached ("current");
}

const char *
tl_matrix_mode_get_label (TlMatrixMode mode)
{
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    if (modes[i].mode == mode)
      return _(modes[i].label);

  g_return_val_if_reached (NULL);
}

gboolean
tl_matrix_mode_get_heat_scale (TlMatrixMode  mode,
                               TlHeatScale  *scale)
{
  TlHeatScale heat;

  switch (mode)
    {
    case TL_MATRIX_MODE_CURRENT:
    case TL_MATRIX_MODE_TARGET:
    case TL_MATRIX_MODE_RATING:
      heat = TL_HEAT_SCORE;
      break;
    case TL_MATRIX_MODE_GAP:
      heat = TL_HEAT_GAP;
      break;
    case TL_MATRIX_MODE_EVIDENCE:
      heat = TL_HEAT_EVIDENCE;
      break;
    case TL_MATRIX_MODE_TEMPERATURE:
      heat = TL_HEAT_TEMPERATURE;
      break;
    case TL_MATRIX_MODE_PLAIN:
    case TL_MATRIX_N_MODES:
    default:
      return FALSE;
    }

  if (scale != NULL)
    *scale = heat;
  return TRUE;
}

gboolean
tl_matrix_mode_is_score (TlMatrixMode mode)
{
  return mode == TL_MATRIX_MODE_CURRENT || mode == TL_MATRIX_MODE_TARGET ||
         mode == TL_MATRIX_MODE_GAP || mode == TL_MATRIX_MODE_RATING;
}

gboolean
tl_matrix_mode_is_evidence (TlMatrixMode mode)
{
  return mode == TL_MATRIX_MODE_EVIDENCE || mode == TL_MATRIX_MODE_RATING ||
         mode == TL_MATRIX_MODE_TEMPERATURE;
}

static const TlEvidence *
cell_evidence (TlDocument *document,
               TlCell     *cell)
{
  return tl_document_get_evidence (document, "cell", tl_cell_get_id (cell));
}

void
tl_matrix_mode_get_range (TlDocument    *document,
                          TlMatrixMode   mode,
                          TlMatrixRange *range)
{
  guint scale;
  TlEvidence max = { 0 };

  g_return_if_fail (TL_IS_DOCUMENT (document));
  g_return_if_fail (range != NULL);

  scale = MAX (tl_document_get_score_scale (document), 2);
  range->min = range->max = 0;

  switch (mode)
    {
    case TL_MATRIX_MODE_CURRENT:
    case TL_MATRIX_MODE_TARGET:
    case TL_MATRIX_MODE_RATING:
      range->min = 1;
      range->max = scale;
      break;
    case TL_MATRIX_MODE_GAP:
      range->min = -(double) (scale - 1);
      range->max = scale - 1;
      break;
    case TL_MATRIX_MODE_EVIDENCE:
      /* A cell with no evidence shows that, not the low end: the scale
       * starts at one item. */
      tl_document_get_evidence_max (document, "cell", &max);
      range->min = 1;
      range->max = MAX ((double) max.count, 1);
      break;
    case TL_MATRIX_MODE_TEMPERATURE:
      tl_document_get_evidence_max (document, "cell", &max);
      range->min = 0;
      range->max = max.temperature > 0 ? max.temperature : 1;
      break;
    case TL_MATRIX_MODE_PLAIN:
    case TL_MATRIX_N_MODES:
    default:
      break;
    }
}

static double
clamped_score (guint score,
               guint scale)
{
  return MIN (score, scale);
}

static double
position_in (const TlMatrixRange *range,
             double               value,
             gboolean             diverging)
{
  if (diverging)
    {
      double reach = MAX (fabs (range->min), fabs (range->max));

      return reach > 0 ? CLAMP (value / reach, -1.0, 1.0) : 0.0;
    }

  if (range->max <= range->min)
    return 1.0;

  return CLAMP ((value - range->min) / (range->max - range->min), 0.0, 1.0);
}

void
tl_matrix_cell_get_value (TlDocument          *document,
                          TlCell              *cell,
                          TlMatrixMode         mode,
                          const TlMatrixRange *range,
                          TlMatrixValue       *value)
{
  guint scale;
  guint current, target;
  const TlEvidence *evidence;
  double v = 0;

  g_return_if_fail (TL_IS_DOCUMENT (document));
  g_return_if_fail (TL_IS_CELL (cell));
  g_return_if_fail (range != NULL);
  g_return_if_fail (value != NULL);

  scale = tl_document_get_score_scale (document);
  current = tl_cell_get_current (cell);
  target = tl_cell_get_target (cell);

  value->state = TL_MATRIX_VALUE_SET;
  value->value = 0;
  value->position = NAN;

  switch (mode)
    {
    case TL_MATRIX_MODE_PLAIN:
    case TL_MATRIX_N_MODES:
    default:
      value->state = TL_MATRIX_VALUE_NONE;
      return;

    case TL_MATRIX_MODE_CURRENT:
    case TL_MATRIX_MODE_TARGET:
      {
        guint score = mode == TL_MATRIX_MODE_CURRENT ? current : target;

        if (score == TL_SCORE_UNSET)
          {
            value->state = TL_MATRIX_VALUE_NOT_SCORED;
            return;
          }
        v = clamped_score (score, scale);
      }
      break;

    case TL_MATRIX_MODE_GAP:
      if (current == TL_SCORE_UNSET || target == TL_SCORE_UNSET)
        {
          value->state = TL_MATRIX_VALUE_NOT_SCORED;
          return;
        }
      v = clamped_score (target, scale) - clamped_score (current, scale);
      break;

    case TL_MATRIX_MODE_EVIDENCE:
    case TL_MATRIX_MODE_RATING:
    case TL_MATRIX_MODE_TEMPERATURE:
      evidence = cell_evidence (document, cell);
      if (evidence->count == 0)
        {
          value->state = TL_MATRIX_VALUE_NO_EVIDENCE;
          return;
        }
      if (mode == TL_MATRIX_MODE_EVIDENCE)
        v = (double) evidence->count;
      else if (mode == TL_MATRIX_MODE_TEMPERATURE)
        v = evidence->temperature;
      else
        {
          v = tl_evidence_average_rating (evidence);
          if (isnan (v))
            {
              value->state = TL_MATRIX_VALUE_NO_RATING;
              return;
            }
          v = CLAMP (v, 1.0, (double) scale);
        }
      break;
    }

  value->value = v;
  value->position = position_in (range, v, mode == TL_MATRIX_MODE_GAP);
}

double
tl_matrix_tally_average_current (const TlMatrixTally *tally)
{
  g_return_val_if_fail (tally != NULL, NAN);

  return tally->n_current > 0 ? tally->current_sum / tally->n_current : NAN;
}

double
tl_matrix_tally_average_gap (const TlMatrixTally *tally)
{
  g_return_val_if_fail (tally != NULL, NAN);

  return tally->n_gap > 0 ? tally->gap_sum / tally->n_gap : NAN;
}

static void
tally_add (TlMatrixTally    *tally,
           TlCell           *cell,
           guint             scale,
           const TlEvidence *evidence)
{
  guint current = tl_cell_get_current (cell);
  guint target = tl_cell_get_target (cell);

  tally->n_cells++;
  if (current != TL_SCORE_UNSET)
    {
      tally->n_current++;
      tally->current_sum += clamped_score (current, scale);
    }
  if (current != TL_SCORE_UNSET && target != TL_SCORE_UNSET)
    {
      tally->n_gap++;
      tally->gap_sum += clamped_score (target, scale) - clamped_score (current, scale);
    }
  tally->evidence += evidence->count;
}

/* The lowest and highest average current score among @n tallies, as
 * indices; both -1 when fewer than two differ. */
static void
tally_extremes (const TlMatrixTally *tallies,
                guint                n,
                int                 *weakest,
                int                 *strongest)
{
  double lo = INFINITY, hi = -INFINITY;

  *weakest = *strongest = -1;

  for (guint i = 0; i < n; i++)
    {
      double average = tl_matrix_tally_average_current (&tallies[i]);

      if (isnan (average))
        continue;
      /* The first of equal averages, in the document's order */
      if (average < lo)
        {
          lo = average;
          *weakest = i;
        }
      if (average > hi)
        {
          hi = average;
          *strongest = i;
        }
    }

  if (*weakest < 0 || hi - lo < 1e-9)
    *weakest = *strongest = -1;
}

static int
find_header (GListModel *headers,
             const char *id)
{
  guint n = g_list_model_get_n_items (headers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlMatrixHeader) header = g_list_model_get_item (headers, i);

      if (g_strcmp0 (tl_matrix_header_get_id (header), id) == 0)
        return i;
    }

  return -1;
}

TlMatrixSummary *
tl_matrix_summary_new (TlDocument *document)
{
  TlMatrixSummary *summary;
  GListModel *layers, *types, *cells;
  guint scale, n_cells;
  g_autoptr(GHashTable) layer_index = NULL;
  g_autoptr(GHashTable) type_index = NULL;

  g_return_val_if_fail (TL_IS_DOCUMENT (document), NULL);

  layers = tl_document_get_layers (document);
  types = tl_document_get_types (document);
  cells = tl_document_get_cells (document);
  scale = tl_document_get_score_scale (document);

  summary = g_new0 (TlMatrixSummary, 1);
  summary->n_layers = g_list_model_get_n_items (layers);
  summary->n_types = g_list_model_get_n_items (types);
  summary->layers = g_new0 (TlMatrixTally, MAX (summary->n_layers, 1));
  summary->types = g_new0 (TlMatrixTally, MAX (summary->n_types, 1));

  /* Indices by id, so that a matrix of any size stays O(cells) */
  layer_index = g_hash_table_new (g_str_hash, g_str_equal);
  type_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < summary->n_layers; i++)
    {
      g_autoptr(TlMatrixHeader) header = g_list_model_get_item (layers, i);

      g_hash_table_insert (layer_index, (gpointer) tl_matrix_header_get_id (header), GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < summary->n_types; i++)
    {
      g_autoptr(TlMatrixHeader) header = g_list_model_get_item (types, i);

      g_hash_table_insert (type_index, (gpointer) tl_matrix_header_get_id (header), GUINT_TO_POINTER (i + 1));
    }

  n_cells = g_list_model_get_n_items (cells);
  for (guint i = 0; i < n_cells; i++)
    {
      g_autoptr(TlCell) cell = g_list_model_get_item (cells, i);
      const TlEvidence *evidence = cell_evidence (document, cell);
      guint l = GPOINTER_TO_UINT (g_hash_table_lookup (layer_index, tl_cell_get_layer (cell)));
      guint t = GPOINTER_TO_UINT (g_hash_table_lookup (type_index, tl_cell_get_type_id (cell)));

      /* A cell of a layer or type that does not exist belongs to no row
       * (tl_document_check() reports it). */
      if (l == 0 || t == 0)
        continue;

      tally_add (&summary->layers[l - 1], cell, scale, evidence);
      tally_add (&summary->types[t - 1], cell, scale, evidence);
      tally_add (&summary->total, cell, scale, evidence);
    }

  tally_extremes (summary->layers, summary->n_layers, &summary->weakest_layer, &summary->strongest_layer);
  tally_extremes (summary->types, summary->n_types, &summary->weakest_type, &summary->strongest_type);

  return summary;
}

void
tl_matrix_summary_free (TlMatrixSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->layers);
  g_free (summary->types);
  g_free (summary);
}

typedef struct {
  TlCell *cell;
  double  primary;     /* higher is stronger */
  double  secondary;   /* higher is stronger */
} Ranked;

void
tl_matrix_get_extremes (TlDocument   *document,
                        TlMatrixMode  mode,
                        GPtrArray    *weakest,
                        GPtrArray    *strongest)
{
  GListModel *cells, *layers, *types;
  g_autoptr(GArray) ranked = NULL;
  TlMatrixRange range;
  guint n, scale;
  double lo = INFINITY, hi = -INFINITY;
  double lo2 = INFINITY, hi2 = -INFINITY;

  g_return_if_fail (TL_IS_DOCUMENT (document));
  g_return_if_fail (weakest != NULL);
  g_return_if_fail (strongest != NULL);

  if (!tl_matrix_mode_is_score (mode))
    return;

  cells = tl_document_get_cells (document);
  layers = tl_document_get_layers (document);
  types = tl_document_get_types (document);
  scale = tl_document_get_score_scale (document);
  n = g_list_model_get_n_items (cells);
  ranked = g_array_sized_new (FALSE, FALSE, sizeof (Ranked), n);
  tl_matrix_mode_get_range (document, mode, &range);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlCell) cell = g_list_model_get_item (cells, i);
      TlMatrixValue value;
      Ranked r = { cell, 0, 0 };
      guint current = tl_cell_get_current (cell);
      guint target = tl_cell_get_target (cell);

      /* Only the cells the matrix draws */
      if (find_header (layers, tl_cell_get_layer (cell)) < 0 ||
          find_header (types, tl_cell_get_type_id (cell)) < 0)
        continue;

      tl_matrix_cell_get_value (document, cell, mode, &range, &value);
      if (value.state != TL_MATRIX_VALUE_SET)
        continue;

      switch (mode)
        {
        case TL_MATRIX_MODE_CURRENT:
          r.primary = value.value;
          /* the larger gap is weaker; no target counts as no gap */
          r.secondary = target != TL_SCORE_UNSET
                        ? -(clamped_score (target, scale) - clamped_score (current, scale)) : 0;
          break;
        case TL_MATRIX_MODE_TARGET:
          r.primary = value.value;
          r.secondary = current != TL_SCORE_UNSET ? clamped_score (current, scale) : 0;
          break;
        case TL_MATRIX_MODE_GAP:
          r.primary = -value.value;
          r.secondary = clamped_score (current, scale);
          break;
        case TL_MATRIX_MODE_RATING:
        default:
          r.primary = value.value;
          r.secondary = 0;
          break;
        }

      g_array_append_val (ranked, r);
      lo = MIN (lo, r.primary);
      hi = MAX (hi, r.primary);
    }

  if (ranked->len < 2)
    return;

  for (guint i = 0; i < ranked->len; i++)
    {
      Ranked *r = &g_array_index (ranked, Ranked, i);

      if (fabs (r->primary - lo) < 1e-9)
        lo2 = MIN (lo2, r->secondary);
      if (fabs (r->primary - hi) < 1e-9)
        hi2 = MAX (hi2, r->secondary);
    }

  /* All alike: nothing stands out */
  if (hi - lo < 1e-9 && hi2 - lo2 < 1e-9)
    return;

  for (guint i = 0; i < ranked->len; i++)
    {
      Ranked *r = &g_array_index (ranked, Ranked, i);

      if (fabs (r->primary - lo) < 1e-9 && fabs (r->secondary - lo2) < 1e-9)
        g_ptr_array_add (weakest, g_strdup (tl_cell_get_id (r->cell)));
      if (fabs (r->primary - hi) < 1e-9 && fabs (r->secondary - hi2) < 1e-9)
        g_ptr_array_add (strongest, g_strdup (tl_cell_get_id (r->cell)));
    }
}

/* DOMAIN.md §3: the seven touchpoint layers and Schmitt's five strategic
 * experiential modules, one line each */
static const struct {
  TlMatrixAxis axis;
  const char  *id;
  const char  *text;
} explanations[] = {
  { TL_MATRIX_AXIS_LAYER, "people",  N_("People: the staff who serve customers — how they greet, advise and care for them.") },
  { TL_MATRIX_AXIS_LAYER, "product", N_("Product: what customers buy and use — its quality, taste, packaging and range.") },
  { TL_MATRIX_AXIS_LAYER, "space",   N_("Space: the store and every place the brand is met — layout, light, sound and smell.") },
  { TL_MATRIX_AXIS_LAYER, "media",   N_("Media & communication: what the brand says and where — accounts, articles, messages, ads.") },
  { TL_MATRIX_AXIS_LAYER, "social",  N_("Social sharing: what customers share with each other — photos, posts, word of mouth.") },
  { TL_MATRIX_AXIS_LAYER, "cobrand", N_("Brand co-creation: customers taking part in the brand — co-designing, crowdfunding, events.") },
  { TL_MATRIX_AXIS_LAYER, "visual",  N_("Visual: the brand’s look — logo, colours, signs, packaging and pictures.") },
  { TL_MATRIX_AXIS_TYPE,  "sense",   N_("Sense: what customers see, hear, smell, taste and touch.") },
  { TL_MATRIX_AXIS_TYPE,  "feel",    N_("Feel: the emotions and moods the brand stirs — caring, warmth, delight.") },
  { TL_MATRIX_AXIS_TYPE,  "think",   N_("Think: what makes customers think, learn or be surprised.") },
  { TL_MATRIX_AXIS_TYPE,  "act",     N_("Act: what customers do — the habits and ways of living the brand invites.") },
  { TL_MATRIX_AXIS_TYPE,  "relate",  N_("Relate: how the brand connects customers with other people, a group or a culture.") },
};

const char *
tl_matrix_header_explain (TlMatrixHeader *header)
{
  const char *description;

  g_return_val_if_fail (TL_IS_MATRIX_HEADER (header), NULL);

  description = tl_matrix_header_get_description (header);
  if (description != NULL && *description != '\0')
    return description;

  for (guint i = 0; i < G_N_ELEMENTS (explanations); i++)
    if (explanations[i].axis == tl_matrix_header_get_axis (header) &&
        g_strcmp0 (explanations[i].id, tl_matrix_header_get_id (header)) == 0)
      return _(explanations[i].text);

  return NULL;
}
