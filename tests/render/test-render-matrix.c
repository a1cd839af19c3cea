/* test-render-matrix.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "render-test-util.h"
#include "tl-matrix-painter.h"
#include "tl-model.h"

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

  return g_test_run ();
}
