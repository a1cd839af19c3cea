/* test-render-painter.c: the diagram and the matrix through what they
 * share, TlPainter, as the window drives them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "render-test-util.h"
#include "tl-diagram-painter.h"
#include "tl-matrix-painter.h"
#include "tl-model.h"

typedef enum {
  DIAGRAM,
  MATRIX,
  N_PAINTERS
} Which;

static TlPainter *
painter_new (Which       which,
             TlDocument *document)
{
  if (which == DIAGRAM)
    return TL_PAINTER (tl_diagram_painter_new (document));
  return TL_PAINTER (tl_matrix_painter_new (document));
}

/* Every object @which draws that a click can select, as kind and id */
static GPtrArray *
objects (Which       which,
         TlDocument *document)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  if (which == DIAGRAM)
    {
      GListModel *stations = tl_document_get_stations (document);

      for (guint i = 0; i < g_list_model_get_n_items (stations); i++)
        {
          g_autoptr(TlStation) station = g_list_model_get_item (stations, i);

          g_ptr_array_add (ids, g_strdup (tl_station_get_id (station)));
        }
    }
  else
    {
      GListModel *layers = tl_document_get_layers (document);
      GListModel *types = tl_document_get_types (document);

      for (guint r = 0; r < g_list_model_get_n_items (layers); r++)
        for (guint c = 0; c < g_list_model_get_n_items (types); c++)
          {
            g_autoptr(TlMatrixHeader) layer = g_list_model_get_item (layers, r);
            g_autoptr(TlMatrixHeader) type = g_list_model_get_item (types, c);

            g_ptr_array_add (ids, g_strdup_printf ("%s/%s", tl_matrix_header_get_id (layer),
                                                   tl_matrix_header_get_id (type)));
          }
    }

  return ids;
}

static void
test_locate_hit_test (void)
{
  const char * const kinds[] = { [DIAGRAM] = "station", [MATRIX] = "cell" };
  static char unset[] = "unset";

  for (Which which = 0; which < N_PAINTERS; which++)
    for (guint l = 0; l < G_N_ELEMENTS (tl_test_languages); l++)
      for (guint s = 0; s < G_N_ELEMENTS (tl_test_sizes); s++)
        {
          g_autoptr(TlDocument) document = tl_template_new_o2o (tl_test_languages[l]);
          g_autoptr(TlPainter) painter = painter_new (which, document);
          g_autoptr(GPtrArray) ids = objects (which, document);
          int w = tl_test_sizes[s].width, h = tl_test_sizes[s].height;
          char *kind = unset, *id = unset;

          g_assert_cmpuint (ids->len, ==, which == DIAGRAM ? 8 : 35);

          for (guint i = 0; i < ids->len; i++)
            {
              const char *expected = g_ptr_array_index (ids, i);
              g_autofree char *got_kind = NULL;
              g_autofree char *got_id = NULL;
              double x = -1, y = -1, bx, by, bw, bh;

              g_assert_true (tl_painter_locate (painter, w, h, kinds[which], expected, &x, &y));
              g_assert_cmpfloat (x, >, 0);
              g_assert_cmpfloat (y, >, 0);
              g_assert_cmpfloat (x, <, w);
              g_assert_cmpfloat (y, <, h);

              /* the centre of what the painter's own API calls the object */
              if (which == DIAGRAM)
                {
                  TlDiagramPainter *diagram = TL_DIAGRAM_PAINTER (painter);

                  g_assert_true (tl_diagram_painter_get_station_bounds (diagram, w, h, expected,
                                                                        &bx, &by, &bw, &bh));
                }
              else
                {
                  TlMatrixPainter *matrix = TL_MATRIX_PAINTER (painter);
                  g_auto(GStrv) parts = g_strsplit (expected, "/", 2);

                  g_assert_true (tl_matrix_painter_get_cell_bounds (matrix, w, h, parts[0], parts[1],
                                                                    &bx, &by, &bw, &bh));
                }
              g_assert_cmpfloat (x, ==, bx + bw / 2);
              g_assert_cmpfloat (y, ==, by + bh / 2);

              /* and a click there finds it again */
              g_assert_true (tl_painter_hit_test (painter, w, h, x, y, &got_kind, &got_id));
              g_assert_cmpstr (got_kind, ==, kinds[which]);
              g_assert_cmpstr (got_id, ==, expected);
            }

          /* The corners hold no object; a miss sets both to NULL */
          g_assert_false (tl_painter_hit_test (painter, w, h, 2, 2, &kind, &id));
          g_assert_null (kind);
          g_assert_null (id);
          g_assert_false (tl_painter_hit_test (painter, w, h, w - 2, h - 2, NULL, NULL));

          /* What the other page draws, or nothing at all, is not here */
          g_assert_false (tl_painter_locate (painter, w, h, kinds[1 - which],
                                             which == DIAGRAM ? "product/think" : "order",
                                             NULL, NULL));
          g_assert_false (tl_painter_locate (painter, w, h, kinds[which], "no-such-thing",
                                             NULL, NULL));
          g_assert_false (tl_painter_locate (painter, w, h, kinds[which], NULL, NULL, NULL));
          g_assert_false (tl_painter_locate (painter, w, h, NULL, NULL, NULL, NULL));
        }

  /* A malformed cell id is no cell */
  {
    g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
    g_autoptr(TlPainter) painter = painter_new (MATRIX, document);

    g_assert_true (tl_painter_locate (painter, 1280, 800, "cell", "product/think", NULL, NULL));
    g_assert_false (tl_painter_locate (painter, 1280, 800, "cell", "product", NULL, NULL));
    g_assert_false (tl_painter_locate (painter, 1280, 800, "cell", "product/think/x", NULL, NULL));
  }
}

static void
test_selection (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");

  /* Each painter draws what is selected through TlPainter exactly as
   * through its own API, and ignores what it does not draw. */
  for (Which which = 0; which < N_PAINTERS; which++)
    {
      g_autoptr(TlPainter) painter = painter_new (which, document);
      g_autoptr(TlTestImage) plain = tl_test_render (painter, 640, 400);
      g_autoptr(TlTestImage) own = NULL;
      const char *kind = which == DIAGRAM ? "station" : "cell";
      const char *id = which == DIAGRAM ? "order" : "product/think";
      const char * const foreign[][2] = {
        { which == DIAGRAM ? "cell" : "station", which == DIAGRAM ? "product/think" : "order" },
        { which == DIAGRAM ? "cell" : "station", id },
        { "feedback", "1" },
        { kind, NULL },
        { NULL, id },
        { NULL, NULL },
      };

      if (which == DIAGRAM)
        tl_diagram_painter_set_selection (TL_DIAGRAM_PAINTER (painter), "station", "order");
      else
        tl_matrix_painter_set_selection (TL_MATRIX_PAINTER (painter), "product", "think");
      own = tl_test_render (painter, 640, 400);
      g_assert_cmpuint (tl_test_count_different (plain, own), >, 50);

      for (guint i = 0; i < G_N_ELEMENTS (foreign); i++)
        {
          g_autoptr(TlTestImage) selected = NULL;
          g_autoptr(TlTestImage) other = NULL;

          tl_painter_set_selection (painter, kind, id);
          selected = tl_test_render (painter, 640, 400);
          g_assert_cmpuint (tl_test_count_different (own, selected), ==, 0);

          tl_painter_set_selection (painter, foreign[i][0], foreign[i][1]);
          other = tl_test_render (painter, 640, 400);
          g_assert_cmpuint (tl_test_count_different (plain, other), ==, 0);
        }
    }

  /* The diagram also shows a selected loop */
  {
    g_autoptr(TlPainter) painter = painter_new (DIAGRAM, document);
    g_autoptr(TlTestImage) plain = tl_test_render (painter, 640, 400);
    g_autoptr(TlTestImage) loop = NULL;

    tl_painter_set_selection (painter, "loop", "loop3");
    loop = tl_test_render (painter, 640, 400);
    g_assert_cmpuint (tl_test_count_different (plain, loop), >, 50);
  }
}

static void
test_properties (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlTheme) dark = tl_theme_new ("dark");

  for (Which which = 0; which < N_PAINTERS; which++)
    {
      g_autoptr(TlPainter) painter = painter_new (which, document);
      g_autoptr(TlPainter) built = NULL;
      g_autoptr(TlDocument) got_document = NULL;
      g_autoptr(TlTheme) got_theme = NULL;
      double w = 0, h = 0;
      guint count = 0;

      g_assert_true (tl_painter_get_document (painter) == document);
      g_assert_cmpstr (tl_theme_get_name (tl_painter_get_theme (painter)), ==, "light");

      g_signal_connect (painter, "notify::theme", G_CALLBACK (tl_test_notify_counter), &count);
      tl_painter_set_theme (painter, dark);
      tl_painter_set_theme (painter, dark);
      g_assert_cmpuint (count, ==, 1);
      g_assert_true (tl_painter_get_theme (painter) == dark);

      /* NULL brings the default back */
      tl_painter_set_theme (painter, NULL);
      g_assert_cmpuint (count, ==, 2);
      g_assert_cmpstr (tl_theme_get_name (tl_painter_get_theme (painter)), ==, "light");

      /* the same through GObject, at construction too */
      built = g_object_new (G_OBJECT_TYPE (painter), "document", document, "theme", dark, NULL);
      g_object_get (built, "document", &got_document, "theme", &got_theme, NULL);
      g_assert_true (got_document == document);
      g_assert_true (got_theme == dark);

      tl_painter_get_natural_size (painter, &w, &h);
      g_assert_cmpfloat (w, >=, 640);
      g_assert_cmpfloat (h, >=, 400);
      g_assert_cmpfloat (w, >, h);
      tl_painter_get_natural_size (painter, NULL, NULL);
    }
}

static void
test_themes_differ (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_TW");
  g_autoptr(TlTheme) dark = tl_theme_new ("dark");

  for (Which which = 0; which < N_PAINTERS; which++)
    {
      g_autoptr(TlPainter) painter = painter_new (which, document);
      g_autoptr(TlTestImage) light_image = tl_test_render (painter, 640, 400);
      g_autoptr(TlTestImage) dark_image = NULL;
      guint32 lp, dp;

      tl_painter_set_theme (painter, dark);
      dark_image = tl_test_render (painter, 640, 400);

      lp = tl_test_pixel (light_image, 1, 1);
      dp = tl_test_pixel (dark_image, 1, 1);
      g_assert_cmphex (lp, !=, dp);
      /* dark really is darker */
      g_assert_cmpuint (((dp >> 16) & 0xff) + ((dp >> 8) & 0xff) + (dp & 0xff), <,
                        ((lp >> 16) & 0xff) + ((lp >> 8) & 0xff) + (lp & 0xff));
      g_assert_cmphex (dp, ==, tl_test_color_pixel (tl_theme_get_background (dark)));
    }
}

static void
test_draw_fills_only_its_size (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");

  for (Which which = 0; which < N_PAINTERS; which++)
    {
      g_autoptr(TlPainter) painter = painter_new (which, document);
      g_autoptr(TlTheme) dark = tl_theme_new ("dark");
      TlTestImage image = { cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300), 400, 300 };
      cairo_t *cr = cairo_create (image.surface);
      double x1, y1, x2, y2;

      tl_painter_set_theme (painter, dark);
      /* a page drawn at an offset, as a report places it */
      cairo_translate (cr, 50, 40);
      tl_painter_draw (painter, cr, 320, 200);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      /* and leaves the state as it was: what comes next is not clipped */
      cairo_clip_extents (cr, &x1, &y1, &x2, &y2);
      g_assert_cmpfloat (x1, ==, -50);
      g_assert_cmpfloat (y1, ==, -40);
      g_assert_cmpfloat (x2, ==, 350);
      g_assert_cmpfloat (y2, ==, 260);
      cairo_destroy (cr);
      cairo_surface_flush (image.surface);

      g_assert_cmphex (tl_test_pixel (&image, 50, 100), ==,
                       tl_test_color_pixel (tl_theme_get_background (dark)));
      g_assert_cmphex (tl_test_pixel (&image, 369, 100), !=, 0);
      /* outside the page: untouched */
      g_assert_cmphex (tl_test_pixel (&image, 49, 100), ==, 0);
      g_assert_cmphex (tl_test_pixel (&image, 370, 100), ==, 0);
      g_assert_cmphex (tl_test_pixel (&image, 100, 39), ==, 0);
      g_assert_cmphex (tl_test_pixel (&image, 100, 240), ==, 0);

      cairo_surface_destroy (image.surface);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tl/render/painter/locate-hit-test", test_locate_hit_test);
  g_test_add_func ("/tl/render/painter/selection", test_selection);
  g_test_add_func ("/tl/render/painter/properties", test_properties);
  g_test_add_func ("/tl/render/painter/themes-differ", test_themes_differ);
  g_test_add_func ("/tl/render/painter/draw-fills-only-its-size", test_draw_fills_only_its_size);

  return g_test_run ();
}
