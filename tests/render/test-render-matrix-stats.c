/* test-render-matrix-stats.c: the numbers the matrix shows — modes, cell
 * values, row and column summaries, weakest and strongest cells
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "tl-matrix-stats.h"
#include "tl-model.h"

static void
set_scores (TlDocument *document,
            const char *layer,
            const char *type,
            guint       current,
            guint       target)
{
  TlCell *cell = tl_document_lookup_cell (document, layer, type);

  g_assert_nonnull (cell);
  tl_cell_set_current (cell, current);
  tl_cell_set_target (cell, target);
}

static void
set_evidence (TlDocument *document,
              const char *cell_id,
              guint64     count,
              guint64     rated,
              double      rating_sum,
              double      temperature)
{
  TlEvidence e = { 0 };

  e.count = count;
  e.rated = rated;
  e.rating_sum = rating_sum;
  e.recent = temperature;
  e.temperature = temperature;
  tl_document_set_evidence (document, "cell", cell_id, &e);
}

/* A template document with no score anywhere */
static TlDocument *
blank_scores (void)
{
  TlDocument *document = tl_template_new_o2o ("en");
  GListModel *cells = tl_document_get_cells (document);

  for (guint i = 0; i < g_list_model_get_n_items (cells); i++)
    {
      g_autoptr(TlCell) cell = g_list_model_get_item (cells, i);

      tl_cell_set_current (cell, TL_SCORE_UNSET);
      tl_cell_set_target (cell, TL_SCORE_UNSET);
    }

  return document;
}

static void
test_modes (void)
{
  const char * const *nicks = tl_matrix_mode_nicks ();
  const char * const expected[] = { "plain", "current", "target", "gap", "evidence", "rating", "temperature" };
  g_autoptr(GEnumClass) klass = g_type_class_ref (TL_TYPE_MATRIX_MODE);
  guint n = 0;

  for (; nicks[n] != NULL; n++)
    {
      TlMatrixMode mode = TL_MATRIX_N_MODES;
      GEnumValue *value;

      g_assert_cmpstr (nicks[n], ==, expected[n]);
      g_assert_true (tl_matrix_mode_from_nick (nicks[n], &mode));
      g_assert_cmpint (mode, <, TL_MATRIX_N_MODES);
      g_assert_cmpstr (tl_matrix_mode_to_nick (mode), ==, nicks[n]);
      g_assert_nonnull (tl_matrix_mode_get_label (mode));
      g_assert_cmpstr (tl_matrix_mode_get_label (mode), !=, "");
      /* the GEnum speaks the same nicks, for GSettings and properties */
      value = g_enum_get_value_by_nick (klass, nicks[n]);
      g_assert_nonnull (value);
      g_assert_cmpint (value->value, ==, mode);
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (n, ==, TL_MATRIX_N_MODES);

  {
    TlMatrixMode mode = TL_MATRIX_MODE_GAP;

    g_assert_false (tl_matrix_mode_from_nick ("heat", &mode));
    g_assert_false (tl_matrix_mode_from_nick ("", &mode));
    g_assert_false (tl_matrix_mode_from_nick (NULL, &mode));
    g_assert_cmpint (mode, ==, TL_MATRIX_MODE_GAP);
    g_assert_true (tl_matrix_mode_from_nick ("Temperature", &mode));
    g_assert_cmpint (mode, ==, TL_MATRIX_MODE_TEMPERATURE);
  }

  /* A zeroed mode is the current score */
  g_assert_cmpint (0, ==, TL_MATRIX_MODE_CURRENT);

  {
    TlHeatScale heat;

    g_assert_false (tl_matrix_mode_get_heat_scale (TL_MATRIX_MODE_PLAIN, &heat));
    g_assert_true (tl_matrix_mode_get_heat_scale (TL_MATRIX_MODE_GAP, &heat));
    g_assert_cmpint (heat, ==, TL_HEAT_GAP);
    g_assert_true (tl_matrix_mode_get_heat_scale (TL_MATRIX_MODE_RATING, &heat));
    g_assert_cmpint (heat, ==, TL_HEAT_SCORE);
    g_assert_true (tl_matrix_mode_get_heat_scale (TL_MATRIX_MODE_EVIDENCE, &heat));
    g_assert_cmpint (heat, ==, TL_HEAT_EVIDENCE);
    g_assert_true (tl_matrix_mode_get_heat_scale (TL_MATRIX_MODE_TEMPERATURE, &heat));
    g_assert_cmpint (heat, ==, TL_HEAT_TEMPERATURE);
  }

  g_assert_true (tl_matrix_mode_is_score (TL_MATRIX_MODE_GAP));
  g_assert_false (tl_matrix_mode_is_score (TL_MATRIX_MODE_EVIDENCE));
  g_assert_true (tl_matrix_mode_is_evidence (TL_MATRIX_MODE_TEMPERATURE));
  g_assert_false (tl_matrix_mode_is_evidence (TL_MATRIX_MODE_PLAIN));
}

static void
test_cell_values (void)
{
  g_autoptr(TlDocument) document = blank_scores ();
  TlCell *cell = tl_document_lookup_cell (document, "people", "feel");
  TlCell *other = tl_document_lookup_cell (document, "space", "act");
  TlMatrixRange range;
  TlMatrixValue value;

  tl_document_set_score_scale (document, 7);
  tl_cell_set_current (cell, 3);

  /* scores: 1..7 */
  tl_matrix_mode_get_range (document, TL_MATRIX_MODE_CURRENT, &range);
  g_assert_cmpfloat (range.min, ==, 1);
  g_assert_cmpfloat (range.max, ==, 7);
  tl_matrix_cell_get_value (document, cell, TL_MATRIX_MODE_CURRENT, &range, &value);
  g_assert_cmpint (value.state, ==, TL_MATRIX_VALUE_SET);
  g_assert_cmpfloat (value.value, ==, 3);
  g_assert_cmpfloat_with_epsilon (value.position, 2.0 / 6.0, 1e-9);

  tl_matrix_cell_get_value (document, cell, TL_MATRIX_MODE_TARGET, &range, &value);
  g_assert_cmpint (value.state, ==, TL_MATRIX_VALUE_NOT_SCORED);
  g_assert_true (isnan (value.position));

  /* gap: needs both, diverging over ±6 */
  tl_matrix_mode_get_range (document, TL_MATRIX_MODE_GAP, &range);
  g_assert_cmpfloat (range.min, ==, -6);
  g_assert_cmpfloat (range.max, ==, 6);
  tl_matrix_cell_get_value (document, cell, TL_MATRIX_MODE_GAP, &range, &value);
  g_assert_cmpint (value.state, ==, TL_MATRIX_VALUE_NOT_SCORED);
  tl_cell_set_target (cell, 6);
  tl_matrix_cell_get_value (document, cell, TL_MATRIX_MODE_GAP, &range, &value);
  g_assert_cmpint (value.state, ==, TL_MATRIX_VALUE_SET);
  g_assert_cmpfloat (value.value, ==, 3);
  g_assert_cmpfloat_with_epsilon (value.position, 0.5, 1e-9);
  tl_cell_set_current (other, 7);
  tl_cell_set_target (other, 4);
  tl_matrix_cell_get_value (document, other, TL_MATRIX_MODE_GAP, &range, &value);
  g_assert_cmpfloat (value.value, ==, -3);
  g_assert_cmpfloat_with_epsilon (value.position, -0.5, 1e-9);

  /* out of range: clamped to the scale */
  tl_cell_set_current (other, 10);
  tl_matrix_mode_get_range (document, TL_MATRIX_MODE_CURRENT, &range);
  tl_matrix_cell_get_value (document, other, TL_MATRIX_MODE_CURRENT, &range, &value);
  g_assert_cmpfloat (value.value, ==, 7);
  g_assert_cmpfloat (value.position, ==, 1.0);

  /* evidence: none, then some */
  tl_matrix_mode_get_range (document, TL_MATRIX_MODE_EVIDENCE, &range);
  g_assert_cmpfloat (range.min, ==, 1);
  g_assert_cmpfloat (range.max, ==, 1);
  tl_matrix_cell_get_value (document, cell, TL_MATRIX_MODE_EVIDENCE, &range, &value);
  g_assert_cmpint (value.state, ==, TL_MATRIX_VALUE_NO_EVIDENCE);
  tl_matrix_cell_get_value (document, cell, TL_MATRIX_MODE_RATING, &range, &value);
  g_assert_cmpint (value.state, ==, TL_MATRIX_VALUE_NO_EVIDENCE);
  tl_matrix_cell_get_value (document, cell, TL_MATRIX_MODE_TEMPERATURE, &range, &value);
  g_assert_cmpint (value.state, ==, TL_MATRIX_VALUE_NO_EVIDENCE);

  tl_document_begin_evidence_update (document);
  set_evidence (document, "people/feel", 10, 0, 0, 2.5);
  set_evidence (document, "space/act", 31, 4, 22.0, 10.0);
  /* a station's evidence is not the matrix's */
  {
    TlEvidence big = { 0 };

    big.count = 1000;
    big.temperature = 900;
    tl_document_set_evidence (document, "station", "hub", &big);
  }
  tl_document_end_evidence_update (document);

  tl_matrix_mode_get_range (document, TL_MATRIX_MODE_EVIDENCE, &range);
  g_assert_cmpfloat (range.min, ==, 1);
  g_assert_cmpfloat (range.max, ==, 31);
  tl_matrix_cell_get_value (document, cell, TL_MATRIX_MODE_EVIDENCE, &range, &value);
  g_assert_cmpint (value.state, ==, TL_MATRIX_VALUE_SET);
  g_assert_cmpfloat (value.value, ==, 10);
  g_assert_cmpfloat_with_epsilon (value.position, 9.0 / 30.0, 1e-9);

  tl_matrix_mode_get_range (document, TL_MATRIX_MODE_TEMPERATURE, &range);
  g_assert_cmpfloat (range.min, ==, 0);
  g_assert_cmpfloat (range.max, ==, 10);
  tl_matrix_cell_get_value (document, cell, TL_MATRIX_MODE_TEMPERATURE, &range, &value);
  g_assert_cmpfloat (value.value, ==, 2.5);
  g_assert_cmpfloat_with_epsilon (value.position, 0.25, 1e-9);

  /* rating: linked but not rated is its own state */
  tl_matrix_mode_get_range (document, TL_MATRIX_MODE_RATING, &range);
  tl_matrix_cell_get_value (document, cell, TL_MATRIX_MODE_RATING, &range, &value);
  g_assert_cmpint (value.state, ==, TL_MATRIX_VALUE_NO_RATING);
  tl_matrix_cell_get_value (document, other, TL_MATRIX_MODE_RATING, &range, &value);
  g_assert_cmpint (value.state, ==, TL_MATRIX_VALUE_SET);
  g_assert_cmpfloat (value.value, ==, 5.5);
  g_assert_cmpfloat_with_epsilon (value.position, 4.5 / 6.0, 1e-9);

  /* plain: nothing */
  tl_matrix_mode_get_range (document, TL_MATRIX_MODE_PLAIN, &range);
  tl_matrix_cell_get_value (document, other, TL_MATRIX_MODE_PLAIN, &range, &value);
  g_assert_cmpint (value.state, ==, TL_MATRIX_VALUE_NONE);
}

static void
test_summary (void)
{
  g_autoptr(TlDocument) document = blank_scores ();
  g_autoptr(TlMatrixSummary) empty = NULL;
  g_autoptr(TlMatrixSummary) summary = NULL;

  empty = tl_matrix_summary_new (document);
  g_assert_cmpuint (empty->n_layers, ==, 7);
  g_assert_cmpuint (empty->n_types, ==, 5);
  g_assert_cmpuint (empty->layers[0].n_cells, ==, 5);
  g_assert_cmpuint (empty->types[0].n_cells, ==, 7);
  g_assert_cmpuint (empty->total.n_cells, ==, 35);
  g_assert_true (isnan (tl_matrix_tally_average_current (&empty->layers[0])));
  g_assert_true (isnan (tl_matrix_tally_average_gap (&empty->types[4])));
  g_assert_cmpint (empty->weakest_layer, ==, -1);
  g_assert_cmpint (empty->strongest_type, ==, -1);

  /* people (row 0): 2→4, 4→4, 3→—, —→5 ; space (row 2): 5→5 */
  set_scores (document, "people", "sense", 2, 4);
  set_scores (document, "people", "feel", 4, 4);
  set_scores (document, "people", "think", 3, 0);
  set_scores (document, "people", "act", 0, 5);
  set_scores (document, "space", "sense", 5, 5);
  /* a score beyond the scale counts as its top */
  set_scores (document, "visual", "sense", 9, 3);

  tl_document_begin_evidence_update (document);
  set_evidence (document, "people/sense", 7, 0, 0, 1);
  set_evidence (document, "people/act", 5, 0, 0, 1);
  set_evidence (document, "space/sense", 1000000, 0, 0, 1);
  tl_document_end_evidence_update (document);

  summary = tl_matrix_summary_new (document);

  /* people */
  g_assert_cmpuint (summary->layers[0].n_current, ==, 3);
  g_assert_cmpfloat_with_epsilon (tl_matrix_tally_average_current (&summary->layers[0]), 3.0, 1e-9);
  g_assert_cmpuint (summary->layers[0].n_gap, ==, 2);
  g_assert_cmpfloat_with_epsilon (tl_matrix_tally_average_gap (&summary->layers[0]), 1.0, 1e-9);
  g_assert_cmpuint (summary->layers[0].evidence, ==, 12);
  /* space */
  g_assert_cmpfloat_with_epsilon (tl_matrix_tally_average_current (&summary->layers[2]), 5.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (tl_matrix_tally_average_gap (&summary->layers[2]), 0.0, 1e-9);
  g_assert_cmpuint (summary->layers[2].evidence, ==, 1000000);
  /* visual: 9 counts as 5, gap 3 − 5 */
  g_assert_cmpfloat_with_epsilon (tl_matrix_tally_average_current (&summary->layers[6]), 5.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (tl_matrix_tally_average_gap (&summary->layers[6]), -2.0, 1e-9);
  /* media: nothing */
  g_assert_true (isnan (tl_matrix_tally_average_current (&summary->layers[3])));
  g_assert_cmpuint (summary->layers[3].evidence, ==, 0);

  /* sense (column 0): 2, 5, 5 → 4; gaps +2, 0, −2 → 0 */
  g_assert_cmpuint (summary->types[0].n_current, ==, 3);
  g_assert_cmpfloat_with_epsilon (tl_matrix_tally_average_current (&summary->types[0]), 4.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (tl_matrix_tally_average_gap (&summary->types[0]), 0.0, 1e-9);
  g_assert_cmpuint (summary->types[0].evidence, ==, 1000007);
  /* act: no current score, evidence 5 */
  g_assert_true (isnan (tl_matrix_tally_average_current (&summary->types[3])));
  g_assert_cmpuint (summary->types[3].evidence, ==, 5);

  /* 2, 4, 3, 5 and 9 counted as 5 */
  g_assert_cmpuint (summary->total.n_current, ==, 5);
  g_assert_cmpfloat_with_epsilon (summary->total.current_sum, 19.0, 1e-9);
  g_assert_cmpuint (summary->total.evidence, ==, 1000012);

  /* weakest and strongest rows and columns by average current score */
  g_assert_cmpint (summary->weakest_layer, ==, 0);     /* people, 3.0 */
  g_assert_cmpint (summary->strongest_layer, ==, 2);   /* space 5.0 (before visual, also 5.0) */
  /* sense 4.0, feel 4.0, think 3.0 */
  g_assert_cmpint (summary->weakest_type, ==, 2);
  g_assert_cmpint (summary->strongest_type, ==, 0);
}

static gboolean
has (GPtrArray  *ids,
     const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return TRUE;
  return FALSE;
}

static void
extremes (TlDocument   *document,
          TlMatrixMode  mode,
          GPtrArray   **weakest,
          GPtrArray   **strongest)
{
  *weakest = g_ptr_array_new_with_free_func (g_free);
  *strongest = g_ptr_array_new_with_free_func (g_free);
  tl_matrix_get_extremes (document, mode, *weakest, *strongest);
}

static void
test_extremes (void)
{
  g_autoptr(TlDocument) document = blank_scores ();
  g_autoptr(GPtrArray) weak = NULL;
  g_autoptr(GPtrArray) strong = NULL;

  /* nothing scored, one scored, all equal: no marks */
  extremes (document, TL_MATRIX_MODE_CURRENT, &weak, &strong);
  g_assert_cmpuint (weak->len + strong->len, ==, 0);
  g_clear_pointer (&weak, g_ptr_array_unref);
  g_clear_pointer (&strong, g_ptr_array_unref);

  set_scores (document, "people", "sense", 3, 5);
  extremes (document, TL_MATRIX_MODE_CURRENT, &weak, &strong);
  g_assert_cmpuint (weak->len + strong->len, ==, 0);
  g_clear_pointer (&weak, g_ptr_array_unref);
  g_clear_pointer (&strong, g_ptr_array_unref);

  set_scores (document, "product", "feel", 3, 3);
  extremes (document, TL_MATRIX_MODE_CURRENT, &weak, &strong);
  /* equal current scores: the gap breaks the tie (2 is weaker than 0) */
  g_assert_cmpuint (weak->len, ==, 1);
  g_assert_true (has (weak, "people/sense"));
  g_assert_cmpuint (strong->len, ==, 1);
  g_assert_true (has (strong, "product/feel"));
  g_clear_pointer (&weak, g_ptr_array_unref);
  g_clear_pointer (&strong, g_ptr_array_unref);

  /* lowest and highest current; ties after the tie-break are all marked */
  set_scores (document, "space", "think", 1, 4);
  set_scores (document, "media", "act", 1, 4);
  set_scores (document, "social", "relate", 1, 2);
  set_scores (document, "visual", "sense", 5, 5);
  extremes (document, TL_MATRIX_MODE_CURRENT, &weak, &strong);
  g_assert_cmpuint (weak->len, ==, 2);
  g_assert_true (has (weak, "space/think"));
  g_assert_true (has (weak, "media/act"));
  g_assert_cmpuint (strong->len, ==, 1);
  g_assert_true (has (strong, "visual/sense"));
  g_clear_pointer (&weak, g_ptr_array_unref);
  g_clear_pointer (&strong, g_ptr_array_unref);

  /* gap: the largest gap is the weakest; ties go to the lower current */
  extremes (document, TL_MATRIX_MODE_GAP, &weak, &strong);
  g_assert_cmpuint (weak->len, ==, 2);
  g_assert_true (has (weak, "space/think"));
  g_assert_true (has (weak, "media/act"));
  /* gap 0: product/feel (current 3) and visual/sense (current 5) */
  g_assert_cmpuint (strong->len, ==, 1);
  g_assert_true (has (strong, "visual/sense"));
  g_clear_pointer (&weak, g_ptr_array_unref);
  g_clear_pointer (&strong, g_ptr_array_unref);

  /* target: lowest target is social/relate */
  extremes (document, TL_MATRIX_MODE_TARGET, &weak, &strong);
  g_assert_cmpuint (weak->len, ==, 1);
  g_assert_true (has (weak, "social/relate"));
  /* 5: people/sense (current 3) and visual/sense (current 5) */
  g_assert_cmpuint (strong->len, ==, 1);
  g_assert_true (has (strong, "visual/sense"));
  g_clear_pointer (&weak, g_ptr_array_unref);
  g_clear_pointer (&strong, g_ptr_array_unref);

  /* rating: from the evidence */
  tl_document_begin_evidence_update (document);
  set_evidence (document, "people/feel", 3, 3, 6.0, 1);    /* 2.0 */
  set_evidence (document, "space/act", 2, 2, 9.0, 1);      /* 4.5 */
  set_evidence (document, "media/sense", 2, 0, 0, 1);      /* no rating */
  tl_document_end_evidence_update (document);
  extremes (document, TL_MATRIX_MODE_RATING, &weak, &strong);
  g_assert_cmpuint (weak->len, ==, 1);
  g_assert_true (has (weak, "people/feel"));
  g_assert_cmpuint (strong->len, ==, 1);
  g_assert_true (has (strong, "space/act"));
  g_clear_pointer (&weak, g_ptr_array_unref);
  g_clear_pointer (&strong, g_ptr_array_unref);

  /* not in the other modes */
  extremes (document, TL_MATRIX_MODE_EVIDENCE, &weak, &strong);
  g_assert_cmpuint (weak->len + strong->len, ==, 0);
  g_clear_pointer (&weak, g_ptr_array_unref);
  g_clear_pointer (&strong, g_ptr_array_unref);
  extremes (document, TL_MATRIX_MODE_PLAIN, &weak, &strong);
  g_assert_cmpuint (weak->len + strong->len, ==, 0);
}

static void
test_explain (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");
  g_autoptr(TlMatrixHeader) custom = tl_matrix_header_new (TL_MATRIX_AXIS_LAYER, "kiosk", "Kiosk", FALSE);
  GListModel *lists[] = { tl_document_get_layers (document), tl_document_get_types (document) };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(TlMatrixHeader) header = g_list_model_get_item (lists[l], i);
        const char *text = tl_matrix_header_explain (header);

        g_assert_nonnull (text);
        /* one line each, and each its own */
        g_assert_null (strchr (text, '\n'));
        g_assert_cmpuint (strlen (text), >, 20);
        g_assert_false (g_hash_table_contains (seen, text));
        g_hash_table_add (seen, (gpointer) text);
      }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 12);

  /* a header the template does not know: its own description or nothing */
  g_assert_null (tl_matrix_header_explain (custom));
  tl_matrix_header_set_description (custom, "Self-service kiosks in the store");
  g_assert_cmpstr (tl_matrix_header_explain (custom), ==, "Self-service kiosks in the store");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tl/render/matrix-stats/modes", test_modes);
  g_test_add_func ("/tl/render/matrix-stats/cell-values", test_cell_values);
  g_test_add_func ("/tl/render/matrix-stats/summary", test_summary);
  g_test_add_func ("/tl/render/matrix-stats/extremes", test_extremes);
  g_test_add_func ("/tl/render/matrix-stats/explain", test_explain);

  return g_test_run ();
}
