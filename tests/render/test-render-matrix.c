/* test-render-matrix.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "render-test-util.h"
#include "tl-matrix-painter.h"
#include "tl-model.h"
#include "tl-render-private.h"

static void
test_cell_at_round_trip (void)
{
  for (guint l = 0; l < G_N_ELEMENTS (tl_test_languages); l++)
    for (guint s = 0; s < G_N_ELEMENTS (tl_test_sizes); s++)
      {
        g_autoptr(TlDocument) document = tl_template_new_o2o (tl_test_languages[l]);
        g_autoptr(TlMatrixPainter) painter = tl_matrix_painter_new (document);
        GListModel *layers = tl_document_get_layers (document);
        GListModel *types = tl_document_get_types (document);
        int w = tl_test_sizes[s].width, h = tl_test_sizes[s].height;
        guint n = 0;

        g_assert_cmpuint (g_list_model_get_n_items (layers), ==, 7);
        g_assert_cmpuint (g_list_model_get_n_items (types), ==, 5);

        for (guint r = 0; r < g_list_model_get_n_items (layers); r++)
          for (guint c = 0; c < g_list_model_get_n_items (types); c++)
            {
              g_autoptr(TlMatrixHeader) layer = g_list_model_get_item (layers, r);
              g_autoptr(TlMatrixHeader) type = g_list_model_get_item (types, c);
              const char *lid = tl_matrix_header_get_id (layer);
              const char *tid = tl_matrix_header_get_id (type);
              const char *got_layer = NULL, *got_type = NULL;
              double x, y, cw, ch;

              g_assert_true (tl_matrix_painter_get_cell_bounds (painter, w, h, lid, tid, &x, &y, &cw, &ch));
              g_assert_cmpfloat (x, >=, 0);
              g_assert_cmpfloat (y, >=, 0);
              g_assert_cmpfloat (x + cw, <=, w);
              g_assert_cmpfloat (y + ch, <=, h);
              /* big enough to hold a score and a line of text */
              g_assert_cmpfloat (cw, >, 60);
              g_assert_cmpfloat (ch, >, 40);

              /* centre and near the corners all hit this cell */
              for (guint k = 0; k < 3; k++)
                {
                  double px = k == 0 ? x + cw / 2 : k == 1 ? x + 1 : x + cw - 1;
                  double py = k == 0 ? y + ch / 2 : k == 1 ? y + 1 : y + ch - 1;

                  got_layer = got_type = NULL;
                  g_assert_true (tl_matrix_painter_cell_at (painter, w, h, px, py, &got_layer, &got_type));
                  g_assert_cmpstr (got_layer, ==, lid);
                  g_assert_cmpstr (got_type, ==, tid);
                }
              n++;
            }

        g_assert_cmpuint (n, ==, 35);

        /* Outside the grid: nothing */
        g_assert_false (tl_matrix_painter_cell_at (painter, w, h, 2, 2, NULL, NULL));
        g_assert_false (tl_matrix_painter_cell_at (painter, w, h, w - 2, h - 2, NULL, NULL));
        g_assert_false (tl_matrix_painter_cell_at (painter, w, h, -5, h / 2.0, NULL, NULL));
      }
}

static void
test_headers (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");
  g_autoptr(TlMatrixPainter) painter = tl_matrix_painter_new (document);
  g_autoptr(TlTheme) theme = tl_theme_new ("light");
  g_autoptr(TlTestImage) image = tl_test_render (TL_PAINTER (painter), 1280, 800);
  guint32 accent = tl_test_color_pixel (tl_theme_get_accent (theme));
  guint keys = 0, plain = 0;

  for (guint a = 0; a < 2; a++)
    {
      GListModel *headers = a == 0 ? tl_document_get_layers (document) : tl_document_get_types (document);
      TlMatrixAxis axis = a == 0 ? TL_MATRIX_AXIS_LAYER : TL_MATRIX_AXIS_TYPE;

      for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
        {
          g_autoptr(TlMatrixHeader) header = g_list_model_get_item (headers, i);
          const char *id = tl_matrix_header_get_id (header);
          double x, y, hw, hh, bx, by;
          TlMatrixAxis got_axis;
          const char *got_id = NULL;

          g_assert_true (tl_matrix_painter_get_header_bounds (painter, 1280, 800, axis, id, &x, &y, &hw, &hh));
          g_assert_true (tl_matrix_painter_header_at (painter, 1280, 800, x + hw / 2, y + hh / 2,
                                                      &got_axis, &got_id));
          g_assert_cmpint (got_axis, ==, axis);
          g_assert_cmpstr (got_id, ==, id);
          g_assert_false (tl_matrix_painter_cell_at (painter, 1280, 800, x + hw / 2, y + hh / 2, NULL, NULL));

          /* A key header carries the accent bar on the side facing its
           * cells; the others do not. */
          bx = axis == TL_MATRIX_AXIS_LAYER ? x + 1.5 : x + hw / 2;
          by = axis == TL_MATRIX_AXIS_LAYER ? y + hh / 2 : y + 1.5;
          if (tl_matrix_header_get_key (header))
            {
              g_assert_true (tl_test_pixel_near (tl_test_pixel (image, bx, by), accent, 2));
              keys++;
            }
          else
            {
              g_assert_false (tl_test_pixel_near (tl_test_pixel (image, bx, by), accent, 40));
              plain++;
            }
        }
    }

  /* The template: people, product, space, visual; sense, feel */
  g_assert_cmpuint (keys, ==, 6);
  g_assert_cmpuint (plain, ==, 6);
}

static void
test_score_colors (void)
{
  const char * const names[] = { "light", "dark" };

  for (guint t = 0; t < G_N_ELEMENTS (names); t++)
    {
      g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
      g_autoptr(TlMatrixPainter) painter = tl_matrix_painter_new (document);
      g_autoptr(TlTheme) theme = tl_theme_new (names[t]);
      TlCell *scored = tl_document_lookup_cell (document, "space", "feel");
      TlCell *low = tl_document_lookup_cell (document, "media", "think");
      g_autoptr(TlTestImage) image = NULL;
      double x, y, w, h;
      TlColor expected;

      tl_matrix_painter_set_theme (painter, theme);
      g_assert_true (tl_matrix_painter_get_theme (painter) == theme);
      tl_cell_set_current (scored, 4);
      tl_cell_set_target (scored, 5);
      tl_cell_set_description (scored, "像朋友一样关心顾客的钱包：服务员说“菜应该够了，不够再点”。");
      tl_cell_set_current (low, 1);

      image = tl_test_render (TL_PAINTER (painter), 1280, 800);

      /* The right edge, midway down, is plain fill (no text there) */
      g_assert_true (tl_matrix_painter_get_cell_bounds (painter, 1280, 800, "space", "feel", &x, &y, &w, &h));
      tl_theme_score_color (theme, 4, 5, &expected);
      g_assert_true (tl_test_pixel_near (tl_test_pixel (image, x + w - 3, y + h / 2),
                                         tl_test_color_pixel (&expected), 1));

      g_assert_true (tl_matrix_painter_get_cell_bounds (painter, 1280, 800, "media", "think", &x, &y, &w, &h));
      tl_theme_score_color (theme, 1, 5, &expected);
      g_assert_true (tl_test_pixel_near (tl_test_pixel (image, x + w - 3, y + h / 2),
                                         tl_test_color_pixel (&expected), 1));

      g_assert_true (tl_matrix_painter_get_cell_bounds (painter, 1280, 800, "people", "act", &x, &y, &w, &h));
      g_assert_true (tl_test_pixel_near (tl_test_pixel (image, x + w - 3, y + h / 2),
                                         tl_test_color_pixel (tl_theme_get_color (theme, TL_THEME_UNSET_CELL)), 1));

      /* Corner: the theme's background */
      g_assert_true (tl_test_pixel_near (tl_test_pixel (image, 0, 0),
                                         tl_test_color_pixel (tl_theme_get_background (theme)), 0));
      g_clear_pointer (&image, tl_test_image_free);

      /* The painter reads the document at every draw */
      tl_cell_set_current (scored, 2);
      image = tl_test_render (TL_PAINTER (painter), 1280, 800);
      g_assert_true (tl_matrix_painter_get_cell_bounds (painter, 1280, 800, "space", "feel", &x, &y, &w, &h));
      tl_theme_score_color (theme, 2, 5, &expected);
      g_assert_true (tl_test_pixel_near (tl_test_pixel (image, x + w - 3, y + h / 2),
                                         tl_test_color_pixel (&expected), 1));
    }
}

static void
test_selection (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlMatrixPainter) painter = tl_matrix_painter_new (document);
  g_autoptr(TlTheme) theme = tl_theme_new ("light");
  guint32 selection = tl_test_color_pixel (tl_theme_get_color (theme, TL_THEME_SELECTION));
  g_autoptr(TlTestImage) image = NULL;
  double x, y, w, h;

  tl_matrix_painter_set_selection (painter, "product", "think");
  image = tl_test_render (TL_PAINTER (painter), 1280, 800);
  g_assert_true (tl_matrix_painter_get_cell_bounds (painter, 1280, 800, "product", "think", &x, &y, &w, &h));
  /* The ring sits just outside the cell, in the gutter */
  g_assert_true (tl_test_pixel_near (tl_test_pixel (image, x + w / 2, y - 3), selection, 2));
  g_clear_pointer (&image, tl_test_image_free);

  tl_matrix_painter_set_selection (painter, NULL, NULL);
  image = tl_test_render (TL_PAINTER (painter), 1280, 800);
  g_assert_false (tl_test_pixel_near (tl_test_pixel (image, x + w / 2, y - 3), selection, 2));
}


/* ---- heat-map modes ------------------------------------------------------ */

/* The pixel value seen most often in a @size × @size patch centred on
 * (@x, @y): the fill of a cell, whatever text or hatching crosses it */
static guint32
dominant_pixel (TlTestImage *image,
                double       x,
                double       y,
                int          size)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_direct_hash, g_direct_equal);
  guint32 best = 0;
  guint best_n = 0;

  for (int dy = -size / 2; dy <= size / 2; dy++)
    for (int dx = -size / 2; dx <= size / 2; dx++)
      {
        guint32 p = tl_test_pixel (image, x + dx, y + dy);
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (p))) + 1;

        g_hash_table_insert (counts, GUINT_TO_POINTER (p), GUINT_TO_POINTER (n));
        if (n > best_n)
          {
            best_n = n;
            best = p;
          }
      }

  return best;
}

/* How many pixels of a @size × @size patch differ from @pixel by more
 * than @tolerance */
static guint
count_unlike (TlTestImage *image,
              double       x,
              double       y,
              int          size,
              guint32      pixel,
              int          tolerance)
{
  guint n = 0;

  for (int dy = -size / 2; dy <= size / 2; dy++)
    for (int dx = -size / 2; dx <= size / 2; dx++)
      n += !tl_test_pixel_near (tl_test_pixel (image, x + dx, y + dy), pixel, tolerance);

  return n;
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
  e.recent = temperature * 0.8;
  e.temperature = temperature;
  tl_document_set_evidence (document, "cell", cell_id, &e);
}

/* A document whose "space/feel" cell has a known value in every mode, and
 * whose other values fix each mode's range:
 * - current 4, target 2 on 1–5: current t = 0.75, target t = 0.25
 * - "people/act" current 1, target 4: gap +3 of ±4
 * - evidence 5 of at most 21 items (scale 1..21): t = 0.2
 * - rating 4 (8 over 2 rated): t = 0.75
 * - temperature 3 of at most 12: t = 0.25 */
static TlDocument *
known_document (const char *language)
{
  TlDocument *document = tl_template_new_o2o (language);
  TlCell *cell = tl_document_lookup_cell (document, "space", "feel");
  TlCell *gap = tl_document_lookup_cell (document, "people", "act");

  tl_cell_set_current (cell, 4);
  tl_cell_set_target (cell, 2);
  tl_cell_set_description (cell, "靠窗单人座与大长桌并存，不催客；周五“深夜拾光”调暗灯光。");
  tl_cell_set_owner (cell, "perception");
  tl_cell_set_current (gap, 1);
  tl_cell_set_target (gap, 4);

  tl_document_begin_evidence_update (document);
  set_evidence (document, "space/feel", 5, 2, 8.0, 3.0);
  set_evidence (document, "product/think", 21, 1, 1.0, 12.0);
  set_evidence (document, "people/act", 1, 0, 0, 0.5);
  tl_document_end_evidence_update (document);

  return document;
}

static const struct {
  TlMatrixMode mode;
  const char  *cell;
  TlHeatScale  heat;
  double       position;
} known_values[] = {
  { TL_MATRIX_MODE_CURRENT,     "space/feel", TL_HEAT_SCORE,       0.75 },
  { TL_MATRIX_MODE_TARGET,      "space/feel", TL_HEAT_SCORE,       0.25 },
  { TL_MATRIX_MODE_GAP,         "space/feel", TL_HEAT_GAP,        -0.5 },
  { TL_MATRIX_MODE_GAP,         "people/act", TL_HEAT_GAP,         0.75 },
  { TL_MATRIX_MODE_EVIDENCE,    "space/feel", TL_HEAT_EVIDENCE,    0.2 },
  { TL_MATRIX_MODE_EVIDENCE,    "product/think", TL_HEAT_EVIDENCE, 1.0 },
  { TL_MATRIX_MODE_RATING,      "space/feel", TL_HEAT_SCORE,       0.75 },
  { TL_MATRIX_MODE_TEMPERATURE, "space/feel", TL_HEAT_TEMPERATURE, 0.25 },
  { TL_MATRIX_MODE_TEMPERATURE, "product/think", TL_HEAT_TEMPERATURE, 1.0 },
};

static void
cell_edge (TlMatrixPainter *painter,
           int              width,
           int              height,
           const char      *cell_id,
           double          *x,
           double          *y)
{
  g_auto(GStrv) parts = g_strsplit (cell_id, "/", 2);
  double cx, cy, cw, ch;

  g_assert_true (tl_matrix_painter_get_cell_bounds (painter, width, height, parts[0], parts[1],
                                                    &cx, &cy, &cw, &ch));
  /* The right edge midway down is the cell's padding: plain fill */
  *x = cx + cw - 3;
  *y = cy + ch / 2;
}

static void
test_mode_colors (void)
{
  const char * const *names = tl_theme_names ();

  for (guint t = 0; names[t] != NULL; t++)
    for (guint s = 0; s < 2; s++)
      {
        g_autoptr(TlDocument) document = known_document (s == 0 ? "en" : "zh_CN");
        g_autoptr(TlMatrixPainter) painter = tl_matrix_painter_new (document);
        g_autoptr(TlTheme) theme = tl_theme_new (names[t]);
        int w = tl_test_sizes[s].width, h = tl_test_sizes[s].height;

        tl_matrix_painter_set_theme (painter, theme);

        for (guint i = 0; i < G_N_ELEMENTS (known_values); i++)
          {
            g_autoptr(TlTestImage) image = NULL;
            TlColor expected;
            double x, y;
            guint32 got;

            tl_matrix_painter_set_mode (painter, known_values[i].mode);
            image = tl_test_render (TL_PAINTER (painter), w, h);
            cell_edge (painter, w, h, known_values[i].cell, &x, &y);
            tl_theme_heat_color (theme, known_values[i].heat, known_values[i].position, &expected);
            got = tl_test_pixel (image, x, y);
            if (!tl_test_pixel_near (got, tl_test_color_pixel (&expected), 2))
              g_error ("%s theme, mode %s, cell %s: %08x, expected %08x", names[t],
                       tl_matrix_mode_to_nick (known_values[i].mode), known_values[i].cell,
                       got, tl_test_color_pixel (&expected));
          }
      }
}

/* Plain: cells are cards of the page's surface colour, whatever the score */
static void
test_plain (void)
{
  g_autoptr(TlDocument) document = known_document ("en");
  g_autoptr(TlMatrixPainter) painter = tl_matrix_painter_new (document);
  g_autoptr(TlTheme) theme = tl_theme_new ("dark");
  g_autoptr(TlTestImage) image = NULL;
  double x, y, bx, by, bw, bh;

  tl_matrix_painter_set_theme (painter, theme);
  tl_matrix_painter_set_mode (painter, TL_MATRIX_MODE_PLAIN);
  image = tl_test_render (TL_PAINTER (painter), 1280, 800);
  cell_edge (painter, 1280, 800, "space/feel", &x, &y);
  g_assert_true (tl_test_pixel_near (tl_test_pixel (image, x, y),
                                     tl_test_color_pixel (tl_theme_get_color (theme, TL_THEME_SURFACE)), 1));
  cell_edge (painter, 1280, 800, "people/act", &x, &y);
  g_assert_true (tl_test_pixel_near (tl_test_pixel (image, x, y),
                                     tl_test_color_pixel (tl_theme_get_color (theme, TL_THEME_SURFACE)), 1));
  /* no colour bar in the legend */
  g_assert_false (tl_matrix_painter_get_legend_bounds (painter, 1280, 800, &bx, &by, &bw, &bh));
}

static void
test_legend (void)
{
  const char * const *names = tl_theme_names ();

  for (guint t = 0; names[t] != NULL; t++)
    {
      g_autoptr(TlDocument) document = known_document ("zh_CN");
      g_autoptr(TlMatrixPainter) painter = tl_matrix_painter_new (document);
      g_autoptr(TlTheme) theme = tl_theme_new (names[t]);

      tl_matrix_painter_set_theme (painter, theme);

      for (TlMatrixMode mode = 0; mode < TL_MATRIX_N_MODES; mode++)
        {
          g_autoptr(TlTestImage) image = NULL;
          TlHeatScale heat;
          TlColor low, high;
          double x, y, w, h, x1, y1, w1, h1;
          double cx, cy, cw, ch;

          if (!tl_matrix_mode_get_heat_scale (mode, &heat))
            continue;

          tl_matrix_painter_set_mode (painter, mode);
          image = tl_test_render (TL_PAINTER (painter), 1920, 1080);
          g_assert_true (tl_matrix_painter_get_legend_bounds (painter, 1920, 1080, &x, &y, &w, &h));
          g_assert_cmpfloat (w, >, 100);
          g_assert_cmpfloat (h, >, 10);
          g_assert_cmpfloat (x + w, <, 1920);

          /* Below the last row and its summary, inside the page */
          g_assert_true (tl_matrix_painter_get_cell_bounds (painter, 1920, 1080, "visual", "relate",
                                                            &cx, &cy, &cw, &ch));
          g_assert_true (tl_matrix_painter_get_summary_bounds (painter, 1920, 1080, TL_MATRIX_AXIS_TYPE,
                                                               "relate", &x1, &y1, &w1, &h1));
          g_assert_cmpfloat (y1, >=, cy + ch);
          g_assert_cmpfloat (y, >=, y1 + h1);
          g_assert_cmpfloat (y + h, <=, 1080);

          /* Its ends are the ends of the mode's scale (sampled just
           * inside its outline) */
          {
            double f_low = 3 / w, f_high = (w - 3) / w;
            gboolean diverging = tl_heat_scale_is_diverging (heat);

            tl_theme_heat_color (theme, heat, diverging ? 2 * f_low - 1 : f_low, &low);
            tl_theme_heat_color (theme, heat, diverging ? 2 * f_high - 1 : f_high, &high);
          }
          if (!tl_test_pixel_near (tl_test_pixel (image, x + 3, y + h / 2), tl_test_color_pixel (&low), 4) ||
              !tl_test_pixel_near (tl_test_pixel (image, x + w - 3, y + h / 2), tl_test_color_pixel (&high), 4))
            g_error ("%s theme, mode %s: the legend's bar runs %08x..%08x, not %08x..%08x", names[t],
                     tl_matrix_mode_to_nick (mode), tl_test_pixel (image, x + 3, y + h / 2),
                     tl_test_pixel (image, x + w - 3, y + h / 2),
                     tl_test_color_pixel (&low), tl_test_color_pixel (&high));
        }
    }
}

/* A cell without evidence says so: a hatched neutral cell, not the colour
 * of the scale's low end (nor of zero) */
static void
test_no_evidence (void)
{
  const char * const *names = tl_theme_names ();
  const TlMatrixMode modes[] = { TL_MATRIX_MODE_EVIDENCE, TL_MATRIX_MODE_RATING, TL_MATRIX_MODE_TEMPERATURE };

  for (guint t = 0; names[t] != NULL; t++)
    for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
      {
        g_autoptr(TlDocument) document = known_document ("en");
        g_autoptr(TlMatrixPainter) painter = tl_matrix_painter_new (document);
        g_autoptr(TlTheme) theme = tl_theme_new (names[t]);
        g_autoptr(TlTestImage) image = NULL;
        TlHeatScale heat;
        TlColor low, zero;
        guint32 unset = tl_test_color_pixel (tl_theme_get_color (theme, TL_THEME_UNSET_CELL));
        guint32 fill;
        double cx, cy, cw, ch;

        tl_matrix_painter_set_theme (painter, theme);
        tl_matrix_painter_set_mode (painter, modes[m]);
        g_assert_true (tl_matrix_mode_get_heat_scale (modes[m], &heat));
        image = tl_test_render (TL_PAINTER (painter), 1280, 800);

        /* "cobrand/sense" has no evidence linked */
        g_assert_true (tl_matrix_painter_get_cell_bounds (painter, 1280, 800, "cobrand", "sense",
                                                          &cx, &cy, &cw, &ch));
        fill = dominant_pixel (image, cx + cw * 0.75, cy + ch / 2, 15);
        g_assert_true (tl_test_pixel_near (fill, unset, 1));
        tl_theme_heat_color (theme, heat, 0.0, &low);
        tl_theme_heat_color (theme, heat, NAN, &zero);
        g_assert_false (tl_test_pixel_near (fill, tl_test_color_pixel (&low), 12));
        /* hatched: lines cross the fill */
        g_assert_cmpuint (count_unlike (image, cx + cw * 0.75, cy + ch / 2, 15, fill, 6), >, 15);

        /* a cell with evidence is neither hatched nor neutral */
        g_assert_true (tl_matrix_painter_get_cell_bounds (painter, 1280, 800, "product", "think",
                                                          &cx, &cy, &cw, &ch));
        fill = tl_test_pixel (image, cx + cw - 3, cy + ch / 2);
        g_assert_false (tl_test_pixel_near (fill, unset, 12));
        g_assert_cmpuint (count_unlike (image, cx + cw - 4, cy + ch / 2, 5, fill, 2), ==, 0);

        if (modes[m] == TL_MATRIX_MODE_RATING)
          {
            /* "people/act" has evidence but no rating: hatched too */
            g_assert_true (tl_matrix_painter_get_cell_bounds (painter, 1280, 800, "people", "act",
                                                              &cx, &cy, &cw, &ch));
            fill = dominant_pixel (image, cx + cw * 0.75, cy + ch / 2, 15);
            g_assert_true (tl_test_pixel_near (fill, unset, 1));
          }
      }
}

static void
notify_counter (GObject    *object,
                GParamSpec *pspec,
                guint      *count)
{
  (*count)++;
}

/* The mode, its evidence and the document's changes all redraw */
static void
test_mode_property (void)
{
  g_autoptr(TlDocument) document = known_document ("en");
  g_autoptr(TlMatrixPainter) painter = tl_matrix_painter_new (document);
  g_autoptr(TlTestImage) a = NULL;
  g_autoptr(TlTestImage) b = NULL;
  g_autoptr(TlTestImage) c = NULL;
  guint notes = 0;
  TlMatrixMode mode = TL_MATRIX_N_MODES;
  TlColor expected;
  double x, y;

  g_assert_cmpint (tl_matrix_painter_get_mode (painter), ==, TL_MATRIX_MODE_CURRENT);
  g_signal_connect (painter, "notify::mode", G_CALLBACK (notify_counter), &notes);
  tl_matrix_painter_set_mode (painter, TL_MATRIX_MODE_GAP);
  tl_matrix_painter_set_mode (painter, TL_MATRIX_MODE_GAP);
  g_assert_cmpuint (notes, ==, 1);
  g_object_set (painter, "mode", TL_MATRIX_MODE_EVIDENCE, NULL);
  g_assert_cmpuint (notes, ==, 2);
  g_object_get (painter, "mode", &mode, NULL);
  g_assert_cmpint (mode, ==, TL_MATRIX_MODE_EVIDENCE);

  a = tl_test_render (TL_PAINTER (painter), 1280, 800);

  /* Evidence changes are not document edits; the painter still follows */
  tl_document_begin_evidence_update (document);
  set_evidence (document, "space/feel", 21, 0, 0, 1.0);
  tl_document_end_evidence_update (document);
  b = tl_test_render (TL_PAINTER (painter), 1280, 800);
  g_assert_cmpuint (tl_test_count_different (a, b), >, 100);
  cell_edge (painter, 1280, 800, "space/feel", &x, &y);
  tl_theme_heat_color (tl_matrix_painter_get_theme (painter), TL_HEAT_EVIDENCE, 1.0, &expected);
  g_assert_true (tl_test_pixel_near (tl_test_pixel (b, x, y), tl_test_color_pixel (&expected), 2));

  /* as does a theme change */
  {
    g_autoptr(TlTheme) dark = tl_theme_new ("dark");

    tl_matrix_painter_set_theme (painter, dark);
    c = tl_test_render (TL_PAINTER (painter), 1280, 800);
    tl_theme_heat_color (dark, TL_HEAT_EVIDENCE, 1.0, &expected);
    g_assert_true (tl_test_pixel_near (tl_test_pixel (c, x, y), tl_test_color_pixel (&expected), 2));
  }
}

/* Summaries sit at the row and column ends, clear of the cells */
static void
test_summary_layout (void)
{
  for (guint l = 0; l < G_N_ELEMENTS (tl_test_languages); l++)
    for (guint s = 0; s < G_N_ELEMENTS (tl_test_sizes); s++)
      {
        g_autoptr(TlDocument) document = known_document (tl_test_languages[l]);
        g_autoptr(TlMatrixPainter) painter = tl_matrix_painter_new (document);
        GListModel *layers = tl_document_get_layers (document);
        GListModel *types = tl_document_get_types (document);
        int w = tl_test_sizes[s].width, h = tl_test_sizes[s].height;

        for (guint r = 0; r < g_list_model_get_n_items (layers); r++)
          {
            g_autoptr(TlMatrixHeader) layer = g_list_model_get_item (layers, r);
            g_autoptr(TlMatrixHeader) last = g_list_model_get_item (types, g_list_model_get_n_items (types) - 1);
            double sx, sy, sw, sh, cx, cy, cw, ch;

            g_assert_true (tl_matrix_painter_get_summary_bounds (painter, w, h, TL_MATRIX_AXIS_LAYER,
                                                                 tl_matrix_header_get_id (layer),
                                                                 &sx, &sy, &sw, &sh));
            g_assert_true (tl_matrix_painter_get_cell_bounds (painter, w, h, tl_matrix_header_get_id (layer),
                                                              tl_matrix_header_get_id (last),
                                                              &cx, &cy, &cw, &ch));
            g_assert_cmpfloat (sx, >, cx + cw);
            g_assert_cmpfloat (sx + sw, <=, w);
            g_assert_cmpfloat (fabs (sy - cy), <, 0.01);
            g_assert_cmpfloat (sw, >, 40);
          }

        for (guint c = 0; c < g_list_model_get_n_items (types); c++)
          {
            g_autoptr(TlMatrixHeader) type = g_list_model_get_item (types, c);
            g_autoptr(TlMatrixHeader) last = g_list_model_get_item (layers, g_list_model_get_n_items (layers) - 1);
            double sx, sy, sw, sh, cx, cy, cw, ch;

            g_assert_true (tl_matrix_painter_get_summary_bounds (painter, w, h, TL_MATRIX_AXIS_TYPE,
                                                                 tl_matrix_header_get_id (type),
                                                                 &sx, &sy, &sw, &sh));
            g_assert_true (tl_matrix_painter_get_cell_bounds (painter, w, h, tl_matrix_header_get_id (last),
                                                              tl_matrix_header_get_id (type),
                                                              &cx, &cy, &cw, &ch));
            g_assert_cmpfloat (sy, >, cy + ch);
            g_assert_cmpfloat (sy + sh, <=, h);
            g_assert_cmpfloat (fabs (sx - cx), <, 0.01);
            g_assert_cmpfloat (sh, >, 12);
            /* a summary is not a cell */
            g_assert_false (tl_matrix_painter_cell_at (painter, w, h, sx + sw / 2, sy + sh / 2, NULL, NULL));
          }
      }
}

/* Text never leaves its cell: the gutters between cells stay the page's
 * colour, whatever the text and the mode */
static void
assert_gutters_clean (TlMatrixPainter *painter,
                      TlTestImage     *image)
{
  TlDocument *document = tl_matrix_painter_get_document (painter);
  GListModel *layers = tl_document_get_layers (document);
  GListModel *types = tl_document_get_types (document);
  guint32 background = tl_test_color_pixel (tl_theme_get_background (tl_matrix_painter_get_theme (painter)));
  int w = image->width, h = image->height;
  /* the middle of the gutter, five natural units wide */
  double mid = 2.5 * _tl_render_unit (w, h);

  guint n_rows = g_list_model_get_n_items (layers), n_cols = g_list_model_get_n_items (types);

  /* (the gutters after the last row and column hold the summaries' rules) */
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_cols; c++)
      {
        g_autoptr(TlMatrixHeader) layer = g_list_model_get_item (layers, r);
        g_autoptr(TlMatrixHeader) type = g_list_model_get_item (types, c);
        double x, y, cw, ch;

        g_assert_true (tl_matrix_painter_get_cell_bounds (painter, w, h, tl_matrix_header_get_id (layer),
                                                          tl_matrix_header_get_id (type), &x, &y, &cw, &ch));
        /* the column of pixels just right of the cell, and the row below */
        for (double py = y + 2; c + 1 < n_cols && py < y + ch - 2; py += 1)
          if (!tl_test_pixel_near (tl_test_pixel (image, x + cw + mid, py), background, 1))
            g_error ("text of %s/%s crosses its right edge at (%g, %g) in a %d × %d drawing: %08x",
                     tl_matrix_header_get_id (layer), tl_matrix_header_get_id (type),
                     x + cw + mid, py, w, h, tl_test_pixel (image, x + cw + mid, py));
        for (double px = x + 2; r + 1 < n_rows && px < x + cw - 2; px += 1)
          if (!tl_test_pixel_near (tl_test_pixel (image, px, y + ch + mid), background, 1))
            g_error ("text of %s/%s crosses its bottom edge at (%g, %g) in a %d × %d drawing: %08x",
                     tl_matrix_header_get_id (layer), tl_matrix_header_get_id (type),
                     px, y + ch + mid, w, h, tl_test_pixel (image, px, y + ch + mid));
      }
}

static char *
long_text (const char *piece,
           guint       n_chars)
{
  GString *s = g_string_new (NULL);

  while (g_utf8_strlen (s->str, -1) < (glong) n_chars)
    g_string_append (s, piece);

  return g_utf8_substring (s->str, 0, n_chars);
}

/* Scores beyond the scale are drawn at its top; empty and 10,000-character
 * descriptions (words, CJK, one unbroken word, many lines) stay inside their
 * cells in every mode, theme and size */
static void
test_bad_input (void)
{
  g_autofree char *words = long_text ("experience matters ", 10000);
  g_autofree char *cjk = long_text ("体验的七个层面与五种体验类型", 10000);
  g_autofree char *unbroken = long_text ("x", 10000);
  g_autofree char *lines = long_text ("line\n", 10000);
  const char * const texts[] = { words, cjk, unbroken, lines, "" };
  const char * const themes[] = { "light", "projector" };
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");
  GListModel *cells = tl_document_get_cells (document);
  TlCell *over = tl_document_lookup_cell (document, "space", "feel");

  for (guint i = 0; i < g_list_model_get_n_items (cells); i++)
    {
      g_autoptr(TlCell) cell = g_list_model_get_item (cells, i);

      tl_cell_set_description (cell, texts[i % G_N_ELEMENTS (texts)]);
      tl_cell_set_owner (cell, i % 2 ? unbroken : "transaction");
      tl_cell_set_current (cell, 1 + i % 5);
      tl_cell_set_target (cell, 1 + (i * 3) % 5);
    }
  /* 9 on a 1–5 scale: a bad file's value, shown as 5 */
  tl_cell_set_current (over, 9);
  tl_cell_set_target (over, 10);
  tl_document_set_title (document, lines);

  for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
    for (guint s = 0; s < G_N_ELEMENTS (tl_test_sizes); s++)
      for (TlMatrixMode mode = 0; mode < TL_MATRIX_N_MODES; mode++)
        {
          g_autoptr(TlMatrixPainter) painter = tl_matrix_painter_new (document);
          g_autoptr(TlTheme) theme = tl_theme_new (themes[t]);
          int w = tl_test_sizes[s].width, h = tl_test_sizes[s].height;
          g_autoptr(TlTestImage) image = NULL;

          tl_matrix_painter_set_theme (painter, theme);
          tl_matrix_painter_set_mode (painter, mode);
          image = tl_test_render (TL_PAINTER (painter), w, h);
          assert_gutters_clean (painter, image);

          if (mode == TL_MATRIX_MODE_CURRENT || mode == TL_MATRIX_MODE_TARGET)
            {
              TlColor top;
              double x, y;

              cell_edge (painter, w, h, "space/feel", &x, &y);
              tl_theme_score_color (theme, 5, 5, &top);
              g_assert_true (tl_test_pixel_near (tl_test_pixel (image, x, y), tl_test_color_pixel (&top), 2));
            }
        }

  /* The same 35 long texts again, in a second painter: laid out once
   * each, whatever the number of draws (a smoke test of the cache) */
  {
    g_autoptr(TlMatrixPainter) painter = tl_matrix_painter_new (document);
    gint64 start = g_get_monotonic_time ();

    for (guint i = 0; i < 20; i++)
      {
        g_autoptr(TlTestImage) image = tl_test_render (TL_PAINTER (painter), 1280, 800);
      }
    g_test_message ("20 draws with 10,000-character texts: %.1f ms",
                    (g_get_monotonic_time () - start) / 1000.0);
  }
}

static void
test_blank_and_tiny (void)
{
  g_autoptr(TlDocument) document = tl_document_new ("en");
  g_autoptr(TlMatrixPainter) painter = tl_matrix_painter_new (document);
  g_autoptr(TlTestImage) image = tl_test_render (TL_PAINTER (painter), 300, 200);
  g_autoptr(TlTestImage) tiny = NULL;

  g_assert_false (tl_matrix_painter_cell_at (painter, 300, 200, 150, 100, NULL, NULL));

  tiny = tl_test_render (TL_PAINTER (painter), 1, 1);
  g_assert_false (tl_matrix_painter_cell_at (painter, 0, 0, 0, 0, NULL, NULL));
}

/* Redraws on a raster target repaint a kept image of the drawing: it must
 * look exactly like a direct drawing, at fractional offsets and scales,
 * and follow the mode, the selection and the evidence. */
static void
test_cache_matches_direct (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlMatrixPainter) painter = tl_matrix_painter_new (document);
  const struct { double dx, dy, scale; } transforms[] = {
    { 0, 0, 1 }, { 0.5, 0.25, 1 }, { 3.3, 7.7, 0.75 }, { -40.5, -20.25, 1.6 },
  };

  set_evidence (document, "space/feel", 5, 2, 8.0, 3.0);
  for (guint step = 0; step < 5; step++)
    {
      if (step == 1)
        tl_matrix_painter_set_mode (painter, TL_MATRIX_MODE_TARGET);
      else if (step == 2)
        tl_matrix_painter_set_selection (painter, "space", "feel");
      else if (step == 3)
        tl_matrix_painter_set_selection (painter, "space", NULL);
      else if (step == 4)
        set_evidence (document, "space/feel", 40, 30, 60.0, 25.0);

      for (guint i = 0; i < G_N_ELEMENTS (transforms); i++)
        {
          g_autoptr(TlTestImage) direct = tl_test_render_direct (TL_PAINTER (painter), 900, 600, transforms[i].dx,
                                                         transforms[i].dy, transforms[i].scale);
          g_autoptr(TlTestImage) raster = tl_test_render_raster (TL_PAINTER (painter), 900, 600, transforms[i].dx,
                                                         transforms[i].dy, transforms[i].scale);
          /* and again: from the kept image (the first draw of a scene is
           * direct) */
          g_autoptr(TlTestImage) again = tl_test_render_raster (TL_PAINTER (painter), 900, 600, transforms[i].dx,
                                                        transforms[i].dy, transforms[i].scale);
          double scale = transforms[i].scale;
          /* the drawing's pixels, less the edge pixels it covers in part
           * (where a direct drawing blends its clip twice) */
          int x0 = MAX (0, (int) ceil (transforms[i].dx) + 1);
          int y0 = MAX (0, (int) ceil (transforms[i].dy) + 1);
          int x1 = MIN (900, (int) floor (transforms[i].dx + (900 / scale - 2) * scale) - 1);
          int y1 = MIN (600, (int) floor (transforms[i].dy + (600 / scale - 2) * scale) - 1);
          guint differ = 0;

          for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
              differ += tl_test_pixel (direct, x, y) != tl_test_pixel (again, x, y) ||
                        tl_test_pixel (raster, x, y) != tl_test_pixel (again, x, y);
          g_assert_cmpuint (differ, ==, 0);
        }
    }

  /* every change shows at the next draw, however often the drawing was
   * repainted before */
  for (guint change = 0; change < 3; change++)
    {
      g_autoptr(TlTestImage) before = NULL;
      g_autoptr(TlTestImage) after = NULL;

      before = tl_test_render (TL_PAINTER (painter), 1280, 800);
      tl_test_image_free (tl_test_render (TL_PAINTER (painter), 1280, 800));
      tl_test_image_free (tl_test_render (TL_PAINTER (painter), 1280, 800));
      if (change == 0)
        tl_matrix_painter_set_mode (painter, TL_MATRIX_MODE_CURRENT);
      else if (change == 1)
        tl_matrix_painter_set_selection (painter, "product", "think");
      else
        set_evidence (document, "space/feel", 1, 1, 1.0, 0.5);
      after = tl_test_render (TL_PAINTER (painter), 1280, 800);
      g_assert_cmpuint (tl_test_count_different (before, after), >, 40);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tl/render/matrix/cell-at-round-trip", test_cell_at_round_trip);
  g_test_add_func ("/tl/render/matrix/headers", test_headers);
  g_test_add_func ("/tl/render/matrix/score-colors", test_score_colors);
  g_test_add_func ("/tl/render/matrix/selection", test_selection);
  g_test_add_func ("/tl/render/matrix/blank-and-tiny", test_blank_and_tiny);
  g_test_add_func ("/tl/render/matrix/mode-colors", test_mode_colors);
  g_test_add_func ("/tl/render/matrix/plain", test_plain);
  g_test_add_func ("/tl/render/matrix/legend", test_legend);
  g_test_add_func ("/tl/render/matrix/no-evidence", test_no_evidence);
  g_test_add_func ("/tl/render/matrix/mode-property", test_mode_property);
  g_test_add_func ("/tl/render/matrix/summary-layout", test_summary_layout);
  g_test_add_func ("/tl/render/matrix/bad-input", test_bad_input);
  g_test_add_func ("/tl/render/matrix/cache-matches-direct", test_cache_matches_direct);

  return g_test_run ();
}
