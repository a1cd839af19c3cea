/* test-render-diagram.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "render-test-util.h"
#include "tl-diagram-layout-private.h"
#include "tl-diagram-painter.h"
#include "tl-render-private.h"
#include "tl-model.h"

static guint
count_near (TlTestImage *image,
            guint32      target,
            int          tolerance)
{
  guint n = 0;

  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++)
      n += tl_test_pixel_near (tl_test_pixel (image, x, y), target, tolerance);
  return n;
}

/* Pixels of the (2 @r + 1)² square around (@x, @y) that are not @colour */
static guint
count_other (TlTestImage *image,
             int          x,
             int          y,
             int          r,
             guint32      colour)
{
  guint n = 0;

  for (int j = y - r; j <= y + r; j++)
    for (int i = x - r; i <= x + r; i++)
      n += tl_test_pixel (image, i, j) != colour;
  return n;
}

static void
test_natural_size (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
  double w = 0, h = 0;

  tl_diagram_painter_get_natural_size (painter, &w, &h);
  g_assert_cmpfloat (w, >=, 640);
  g_assert_cmpfloat (h, >=, 400);
  g_assert_cmpfloat (w, >, h);
}

static void
test_fills_surface (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
  g_autoptr(TlTheme) theme = tl_theme_new ("light");
  guint32 background = tl_test_color_pixel (tl_theme_get_background (theme));

  for (guint s = 0; s < G_N_ELEMENTS (tl_test_sizes); s++)
    {
      g_autoptr(TlTestImage) image = tl_test_render (TL_PAINTER (painter),
                                                     tl_test_sizes[s].width, tl_test_sizes[s].height);
      guint total = image->width * image->height;
      guint plain;

      g_assert_cmpint (cairo_image_surface_get_width (image->surface), ==, tl_test_sizes[s].width);
      g_assert_cmpint (cairo_image_surface_get_height (image->surface), ==, tl_test_sizes[s].height);

      /* Every corner is painted (opaque background), none left transparent */
      g_assert_cmphex (tl_test_pixel (image, 0, 0), ==, background);
      g_assert_cmphex (tl_test_pixel (image, image->width - 1, 0), ==, background);
      g_assert_cmphex (tl_test_pixel (image, 0, image->height - 1), ==, background);
      g_assert_cmphex (tl_test_pixel (image, image->width - 1, image->height - 1), ==, background);

      /* Not blank: a good part of the picture is ink */
      plain = count_near (image, background, 0);
      g_assert_cmpuint (plain, <, total * 0.95);
      g_assert_cmpuint (plain, >, total * 0.3);
    }
}

static void
test_stations_drawn (void)
{
  for (guint l = 0; l < G_N_ELEMENTS (tl_test_languages); l++)
    for (guint s = 0; s < G_N_ELEMENTS (tl_test_sizes); s++)
      {
        g_autoptr(TlDocument) document = tl_template_new_o2o (tl_test_languages[l]);
        g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
        g_autoptr(TlTheme) theme = tl_theme_new (s % 2 == 0 ? "light" : "dark");
        g_autoptr(TlTestImage) image = NULL;
        GListModel *stations = tl_document_get_stations (document);
        int w = tl_test_sizes[s].width, h = tl_test_sizes[s].height;
        guint32 background = tl_test_color_pixel (tl_theme_get_background (theme));

        tl_diagram_painter_set_theme (painter, theme);
        image = tl_test_render (TL_PAINTER (painter), w, h);

        g_assert_cmpuint (g_list_model_get_n_items (stations), ==, 8);

        for (guint i = 0; i < g_list_model_get_n_items (stations); i++)
          {
            g_autoptr(TlStation) station = g_list_model_get_item (stations, i);
            const char *id = tl_station_get_id (station);
            double x = -1, y = -1, bx, by, bw, bh;

            g_assert_true (tl_diagram_painter_get_station_position (painter, w, h, id, &x, &y));
            g_assert_true (tl_diagram_painter_get_station_bounds (painter, w, h, id, &bx, &by, &bw, &bh));

            /* The whole card, label and all, is inside the drawing */
            g_assert_cmpfloat (bx, >=, 0);
            g_assert_cmpfloat (by, >=, 0);
            g_assert_cmpfloat (bx + bw, <=, w);
            g_assert_cmpfloat (by + bh, <=, h);
            g_assert_cmpfloat (fabs (bx + bw / 2 - x), <, 0.5);
            g_assert_cmpfloat (fabs (by + bh / 2 - y), <, 0.5);

            /* Something is drawn there (the centre itself may fall on a
             * glyph as light as the page: look at its neighbours too) */
            g_assert_cmpuint (count_other (image, (int) x, (int) y, 2, background), >, 12);
            g_assert_cmphex (tl_test_pixel (image, (int) (bx + 3), (int) (by + bh / 2)), !=, background);

            /* and hit-testing finds it there */
            g_assert_cmpstr (tl_diagram_painter_station_at (painter, w, h, x, y), ==, id);
            g_assert_cmpstr (tl_diagram_painter_station_at (painter, w, h, bx + 2, by + 2), ==, id);
          }

        g_assert_null (tl_diagram_painter_station_at (painter, w, h, 2, 2));
        g_assert_null (tl_diagram_painter_station_at (painter, w, h, w - 2, h - 2));
        g_assert_null (tl_diagram_painter_station_at (painter, w, h, -10, -10));
        g_assert_false (tl_diagram_painter_get_station_position (painter, w, h, "no-such-station", NULL, NULL));
      }
}

static gboolean
overlap (double ax, double ay, double aw, double ah,
         double bx, double by, double bw, double bh)
{
  return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
}

static void
test_cards_apart (void)
{
  /* Labels differ in length a lot between languages; the cards must
   * still not cover each other at the sizes people use. */
  for (guint l = 0; l < G_N_ELEMENTS (tl_test_languages); l++)
    for (guint s = 0; s < G_N_ELEMENTS (tl_test_sizes); s++)
      {
        g_autoptr(TlDocument) document = tl_template_new_o2o (tl_test_languages[l]);
        g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
        GListModel *stations = tl_document_get_stations (document);
        guint n = g_list_model_get_n_items (stations);
        int w = tl_test_sizes[s].width, h = tl_test_sizes[s].height;

        for (guint i = 0; i < n; i++)
          for (guint j = i + 1; j < n; j++)
            {
              g_autoptr(TlStation) a = g_list_model_get_item (stations, i);
              g_autoptr(TlStation) b = g_list_model_get_item (stations, j);
              double ax, ay, aw, ah, bx, by, bw, bh;

              g_assert_true (tl_diagram_painter_get_station_bounds (painter, w, h, tl_station_get_id (a),
                                                                    &ax, &ay, &aw, &ah));
              g_assert_true (tl_diagram_painter_get_station_bounds (painter, w, h, tl_station_get_id (b),
                                                                    &bx, &by, &bw, &bh));
              if (overlap (ax, ay, aw, ah, bx, by, bw, bh))
                g_error ("%s and %s overlap (%s, %d × %d)", tl_station_get_id (a),
                         tl_station_get_id (b), tl_test_languages[l], w, h);
            }
      }
}

static void
test_all_loops_visible (void)
{
  const char * const names[] = { "light", "dark" };

  for (guint t = 0; t < G_N_ELEMENTS (names); t++)
    {
      g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
      g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
      g_autoptr(TlTheme) theme = tl_theme_new (names[t]);
      g_autoptr(TlTestImage) image = NULL;
      GListModel *loops = tl_document_get_loops (document);

      tl_diagram_painter_set_theme (painter, theme);
      image = tl_test_render (TL_PAINTER (painter), 1280, 800);

      g_assert_cmpuint (g_list_model_get_n_items (loops), ==, 6);

      /* Each loop's own colour is on screen in a real quantity: its line
       * is not hidden under the others where they share an arc. */
      for (guint i = 0; i < g_list_model_get_n_items (loops); i++)
        {
          g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);
          TlColor color;
          guint n;

          tl_theme_adjust_loop_color (theme, tl_loop_get_color (loop), &color);
          n = count_near (image, tl_test_color_pixel (&color), 2);
          if (n < 400)
            g_error ("loop %s (%s) has only %u pixels on %s", tl_loop_get_id (loop),
                     tl_loop_get_color (loop), n, names[t]);
        }
    }
}

static void
test_focus (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");
  g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
  g_autoptr(TlTheme) theme = tl_theme_new ("light");
  g_autoptr(TlTestImage) plain = NULL;
  g_autoptr(TlTestImage) focused = NULL;
  g_autoptr(TlTestImage) unfocused = NULL;
  TlLoop *loop5 = tl_document_lookup_loop (document, "loop5");
  TlLoop *loop1 = tl_document_lookup_loop (document, "loop1");
  TlColor c5, c1;

  plain = tl_test_render (TL_PAINTER (painter), 1280, 800);
  tl_diagram_painter_set_focus_loop (painter, "loop1");
  g_assert_cmpstr (tl_diagram_painter_get_focus_loop (painter), ==, "loop1");
  focused = tl_test_render (TL_PAINTER (painter), 1280, 800);

  g_assert_cmpuint (tl_test_count_different (plain, focused), >, 1000);

  /* The focused loop keeps its colour, another one is dimmed away */
  tl_theme_adjust_loop_color (theme, tl_loop_get_color (loop1), &c1);
  tl_theme_adjust_loop_color (theme, tl_loop_get_color (loop5), &c5);
  g_assert_cmpuint (count_near (focused, tl_test_color_pixel (&c1), 2), >, 400);
  g_assert_cmpuint (count_near (plain, tl_test_color_pixel (&c5), 2), >, 400);
  g_assert_cmpuint (count_near (focused, tl_test_color_pixel (&c5), 2), <, 20);

  tl_diagram_painter_set_focus_loop (painter, NULL);
  unfocused = tl_test_render (TL_PAINTER (painter), 1280, 800);
  g_assert_cmpuint (tl_test_count_different (plain, unfocused), ==, 0);

  /* An unknown loop focuses nothing */
  tl_diagram_painter_set_focus_loop (painter, "no-such-loop");
  g_clear_pointer (&unfocused, tl_test_image_free);
  unfocused = tl_test_render (TL_PAINTER (painter), 1280, 800);
  g_assert_cmpuint (tl_test_count_different (plain, unfocused), ==, 0);
}

/* Pixels near @target in the rectangle (@x0, @y0)–(@x1, @y1) */
static guint
count_near_in (TlTestImage *image,
               guint32      target,
               int          x0,
               int          y0,
               int          x1,
               int          y1)
{
  guint n = 0;

  for (int y = MAX (y0, 0); y < MIN (y1, image->height); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, image->width); x++)
      n += tl_test_pixel_near (tl_test_pixel (image, x, y), target, 2);
  return n;
}

/* A focused loop numbers its stations in cycle order: a badge in the
 * loop's colour on each of its stations' cards, none on the others. */
static void
test_focus_numbers_stations (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");
  g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
  g_autoptr(TlTheme) theme = tl_theme_new ("light");
  g_autoptr(TlTestImage) plain = NULL;
  g_autoptr(TlTestImage) focused = NULL;
  GListModel *stations = tl_document_get_stations (document);
  TlLoop *loop = tl_document_lookup_loop (document, "loop3");
  const char * const *cycle = tl_loop_get_stations (loop);
  TlColor color;
  guint32 pixel;
  guint numbered = 0, plain_ones = 0;

  tl_theme_adjust_loop_color (theme, tl_loop_get_color (loop), &color);
  pixel = tl_test_color_pixel (&color);
  plain = tl_test_render (TL_PAINTER (painter), 1280, 800);
  tl_diagram_painter_set_focus_loop (painter, "loop3");
  focused = tl_test_render (TL_PAINTER (painter), 1280, 800);

  for (guint i = 0; i < g_list_model_get_n_items (stations); i++)
    {
      g_autoptr(TlStation) station = g_list_model_get_item (stations, i);
      const char *id = tl_station_get_id (station);
      double x, y, w, h;
      guint before, after;

      if (g_strcmp0 (tl_station_get_kind (station), "hub") == 0)
        continue;
      g_assert_true (tl_diagram_painter_get_station_bounds (painter, 1280, 800, id, &x, &y, &w, &h));
      /* the top-left corner of the card, where the badge goes */
      before = count_near_in (plain, pixel, x - 12, y - 14, x + 24, y + 2);
      after = count_near_in (focused, pixel, x - 12, y - 14, x + 24, y + 2);
      if (g_strv_contains (cycle, id))
        {
          g_assert_cmpuint (after, >, before + 60);
          numbered++;
        }
      else
        {
          g_assert_cmpuint (after, <=, before);
          plain_ones++;
        }
    }
  g_assert_cmpuint (numbered, ==, g_strv_length ((char **) cycle));
  g_assert_cmpuint (plain_ones, >, 0);
}

static void
test_notify (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
  g_autoptr(TlTheme) dark = tl_theme_new ("dark");
  guint focus = 0, theme = 0;

  g_signal_connect (painter, "notify::focus-loop", G_CALLBACK (tl_test_notify_counter), &focus);
  g_signal_connect (painter, "notify::theme", G_CALLBACK (tl_test_notify_counter), &theme);

  tl_diagram_painter_set_focus_loop (painter, "loop2");
  tl_diagram_painter_set_focus_loop (painter, "loop2");
  g_assert_cmpuint (focus, ==, 1);
  tl_diagram_painter_set_focus_loop (painter, NULL);
  g_assert_cmpuint (focus, ==, 2);

  tl_diagram_painter_set_theme (painter, dark);
  tl_diagram_painter_set_theme (painter, dark);
  g_assert_cmpuint (theme, ==, 1);
  g_assert_true (tl_diagram_painter_get_theme (painter) == dark);
}

static void
test_selection (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
  g_autoptr(TlTestImage) plain = tl_test_render (TL_PAINTER (painter), 1280, 800);
  g_autoptr(TlTestImage) station = NULL;
  g_autoptr(TlTestImage) loop = NULL;
  g_autoptr(TlTestImage) none = NULL;

  tl_diagram_painter_set_selection (painter, "station", "order");
  station = tl_test_render (TL_PAINTER (painter), 1280, 800);
  g_assert_cmpuint (tl_test_count_different (plain, station), >, 100);

  tl_diagram_painter_set_selection (painter, "loop", "loop3");
  loop = tl_test_render (TL_PAINTER (painter), 1280, 800);
  g_assert_cmpuint (tl_test_count_different (plain, loop), >, 100);
  g_assert_cmpuint (tl_test_count_different (station, loop), >, 100);

  tl_diagram_painter_set_selection (painter, NULL, NULL);
  none = tl_test_render (TL_PAINTER (painter), 1280, 800);
  g_assert_cmpuint (tl_test_count_different (plain, none), ==, 0);
}

static void
test_follows_document (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
  TlStation *experience = tl_document_lookup_station (document, "experience");
  TlStation *wom = tl_document_lookup_station (document, "wom");
  double x0, y0, x1, y1, dx, dy;
  g_autoptr(TlStation) extra = NULL;

  g_assert_true (tl_diagram_painter_get_station_position (painter, 1280, 800, "experience", &x0, &y0));

  /* Moving a station inside the others' bounding box moves only it */
  tl_station_set_y (experience, tl_station_get_y (experience) - 120);
  g_assert_true (tl_diagram_painter_get_station_position (painter, 1280, 800, "experience", &x1, &y1));
  g_assert_cmpfloat (y1, <, y0 - 40);

  /* and the position maps back to document units */
  tl_diagram_painter_to_document (painter, 1280, 800, x1, y1, &dx, &dy);
  g_assert_cmpfloat (fabs (dx - tl_station_get_x (experience)), <, 0.5);
  g_assert_cmpfloat (fabs (dy - tl_station_get_y (experience)), <, 0.5);

  /* A new station appears; a relabelled one is hit-tested anew */
  extra = tl_station_new ("extra", "custom", "Pop-up store", 600, 560);
  tl_document_insert_station (document, extra, -1);
  g_assert_true (tl_diagram_painter_get_station_position (painter, 1280, 800, "extra", &x1, &y1));
  g_assert_cmpstr (tl_diagram_painter_station_at (painter, 1280, 800, x1, y1), ==, "extra");

  tl_station_set_label (wom, "Word of mouth, the online sharing of customers who liked it and told everyone");
  g_assert_true (tl_diagram_painter_get_station_position (painter, 1280, 800, "wom", &x1, &y1));
  g_assert_cmpstr (tl_diagram_painter_station_at (painter, 1280, 800, x1, y1), ==, "wom");
}

static void
test_fit_frozen (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
  TlStation *logistics = tl_document_lookup_station (document, "logistics");
  double ox, oy, x, y, dx, dy;

  g_assert_true (tl_diagram_painter_get_station_position (painter, 1280, 800, "order", &ox, &oy));

  /* While a station is dragged far out, the others stay put */
  tl_diagram_painter_set_fit_frozen (painter, TRUE);
  tl_station_set_x (logistics, 3000);
  g_assert_true (tl_diagram_painter_get_station_position (painter, 1280, 800, "order", &x, &y));
  g_assert_cmpfloat (fabs (x - ox), <, 1e-6);
  g_assert_cmpfloat (fabs (y - oy), <, 1e-6);
  tl_diagram_painter_to_document (painter, 1280, 800, x, y, &dx, &dy);
  g_assert_cmpfloat (fabs (dx - 240), <, 0.5);

  /* Thawed, the drawing fits everything again */
  tl_diagram_painter_set_fit_frozen (painter, FALSE);
  g_assert_true (tl_diagram_painter_get_station_position (painter, 1280, 800, "order", &x, &y));
  g_assert_cmpfloat (fabs (x - ox), >, 1);
  g_assert_true (tl_diagram_painter_get_station_position (painter, 1280, 800, "logistics", &x, &y));
  g_assert_cmpfloat (x, <, 1280);
}

static void
test_theme_refits (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
  g_autoptr(TlDiagramPainter) fresh = tl_diagram_painter_new (document);
  g_autoptr(TlTheme) projector = tl_theme_new ("projector");
  double x0, y0, x, y, fx, fy;

  /* Even while frozen for a drag, a new theme's card sizes fit the
   * drawing anew, as they do in a painter that never froze. */
  tl_diagram_painter_set_fit_frozen (painter, TRUE);
  g_assert_true (tl_diagram_painter_get_station_position (painter, 1280, 800, "order", &x0, &y0));

  tl_diagram_painter_set_theme (painter, projector);
  tl_diagram_painter_set_theme (fresh, projector);
  g_assert_true (tl_diagram_painter_get_station_position (painter, 1280, 800, "order", &x, &y));
  g_assert_true (tl_diagram_painter_get_station_position (fresh, 1280, 800, "order", &fx, &fy));
  g_assert_cmpfloat (fabs (x - x0) + fabs (y - y0), >, 1);
  g_assert_cmpfloat (x, ==, fx);
  g_assert_cmpfloat (y, ==, fy);
}

static void
test_empty_and_damaged (void)
{
  g_autoptr(TlDocument) blank = tl_template_new_blank ("zh_CN");
  g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (blank);
  g_autoptr(TlTestImage) image = tl_test_render (TL_PAINTER (painter), 640, 400);
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlDiagramPainter) painter2 = tl_diagram_painter_new (document);
  g_autoptr(TlTestImage) image2 = NULL;
  g_autoptr(TlTestImage) tiny = NULL;
  const char * const dangling[] = { "order", "nowhere", "wom", NULL };
  g_autoptr(TlLoop) loop = tl_loop_new ("loop7", "Dangling", "#123456", dangling);

  g_assert_null (tl_diagram_painter_station_at (painter, 640, 400, 320, 200));

  /* A loop through a station the document lacks still draws (a damaged
   * file must not crash the painter). */
  tl_document_insert_loop (document, loop, -1);
  image2 = tl_test_render (TL_PAINTER (painter2), 640, 400);
  g_assert_nonnull (image2);

  /* Degenerate tl_test_sizes */
  tiny = tl_test_render (TL_PAINTER (painter2), 1, 1);
  g_assert_null (tl_diagram_painter_station_at (painter2, 0, 0, 0, 0));
}

/* A click on a legend entry hits its loop (kind "loop"): where the loop's
 * badge is drawn in the loop's colour, and anywhere on its row; the
 * legend's heading and the station kinds hit nothing; stations still hit
 * as stations.  locate() finds a loop at its legend entry. */
static void
test_legend_hit_test (void)
{
  for (guint l = 0; l < G_N_ELEMENTS (tl_test_languages); l++)
    for (guint s = 0; s < G_N_ELEMENTS (tl_test_sizes); s++)
      {
        g_autoptr(TlDocument) document = tl_template_new_o2o (tl_test_languages[l]);
        g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
        TlPainter *base = TL_PAINTER (painter);
        int width = tl_test_sizes[s].width, height = tl_test_sizes[s].height;
        g_autoptr(TlTestImage) image = tl_test_render (base, width, height);
        g_autoptr(TlDiagramLayout) layout = _tl_diagram_painter_get_layout (painter, width, height);
        GListModel *loops = tl_document_get_loops (document);
        GListModel *stations = tl_document_get_stations (document);
        double unit = _tl_render_unit (width, height);
        double top = G_MAXDOUBLE;

        g_assert_cmpuint (layout->loops->len, ==, g_list_model_get_n_items (loops));

        for (guint i = 0; i < layout->loops->len; i++)
          {
            TlDiagramLayoutLoop *entry = &g_array_index (layout->loops, TlDiagramLayoutLoop, i);
            g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);
            TlColor color;
            /* the badge: 6 natural units in from the entry's area, 11 in radius */
            double bx = entry->legend_x + (6 + 11) * unit;
            double by = entry->legend_y + (4 + 11) * unit;
            const double points[][2] = {
              { bx, by },
              { entry->legend_x + entry->legend_width / 2, entry->legend_y + entry->legend_height / 2 },
              { entry->legend_x + entry->legend_width - 2, entry->legend_y + 2 },
            };
            double lx = -1, ly = -1;

            g_assert_cmpfloat (entry->legend_width, >, 0);
            top = MIN (top, entry->legend_y);

            /* The badge really is there, in the loop's colour (left of
             * its number) */
            tl_theme_adjust_loop_color (tl_painter_get_theme (base), tl_loop_get_color (loop), &color);
            g_assert_true (tl_test_pixel_near (tl_test_pixel (image, bx - 8 * unit, by),
                                               tl_test_color_pixel (&color), 2));

            for (guint p = 0; p < G_N_ELEMENTS (points); p++)
              {
                g_autofree char *kind = NULL;
                g_autofree char *id = NULL;

                g_assert_true (tl_painter_hit_test (base, width, height, points[p][0], points[p][1],
                                                    &kind, &id));
                g_assert_cmpstr (kind, ==, "loop");
                g_assert_cmpstr (id, ==, tl_loop_get_id (loop));
              }

            g_assert_true (tl_painter_locate (base, width, height, "loop", tl_loop_get_id (loop), &lx, &ly));
            g_assert_cmpfloat (lx, >, entry->legend_x);
            g_assert_cmpfloat (lx, <, entry->legend_x + entry->legend_width);
            g_assert_cmpfloat (ly, >, entry->legend_y);
            g_assert_cmpfloat (ly, <, entry->legend_y + entry->legend_height);
          }

        /* above the first entry is the legend's heading: nothing */
        {
          TlDiagramLayoutLoop *first = &g_array_index (layout->loops, TlDiagramLayoutLoop, 0);
          g_autofree char *kind = NULL;
          g_autofree char *id = NULL;

          if (!tl_painter_hit_test (base, width, height, first->legend_x + 20, top - 8 * unit,
                                    &kind, &id))
            {
              g_assert_null (kind);
              g_assert_null (id);
            }
          else
            g_assert_cmpstr (kind, !=, "loop");
        }

        /* Stations still hit as stations */
        for (guint i = 0; i < g_list_model_get_n_items (stations); i++)
          {
            g_autoptr(TlStation) station = g_list_model_get_item (stations, i);
            g_autofree char *kind = NULL;
            g_autofree char *id = NULL;
            double x, y;

            g_assert_true (tl_painter_locate (base, width, height, "station",
                                              tl_station_get_id (station), &x, &y));
            g_assert_true (tl_painter_hit_test (base, width, height, x, y, &kind, &id));
            g_assert_cmpstr (kind, ==, "station");
            g_assert_cmpstr (id, ==, tl_station_get_id (station));
          }

        g_assert_false (tl_painter_locate (base, width, height, "loop", "no-such-loop",
                                           &(double) { 0 }, &(double) { 0 }));
      }
}

/* Hidden loops are not drawn and take no room in the bundles; their
 * legend entries stay.  Toggles in the legend, when shown, hit-test as
 * "loop-visibility"; exports draw none. */
static void
test_hidden_loops (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
  g_autoptr(TlTheme) theme = tl_theme_new ("light");
  g_autoptr(TlTestImage) plain = NULL;
  g_autoptr(TlTestImage) hidden = NULL;
  g_autoptr(TlTestImage) shown = NULL;
  g_autoptr(TlTestImage) toggles = NULL;
  g_autoptr(TlDiagramLayout) before = NULL;
  g_autoptr(TlDiagramLayout) after = NULL;
  g_autoptr(TlDiagramLayout) with_toggles = NULL;
  TlColor c3, c1;
  guint arcs3 = 0;
  double x, y;
  char *kind = NULL, *id = NULL;

  tl_diagram_painter_set_theme (painter, theme);
  tl_theme_adjust_loop_color (theme, tl_loop_get_color (tl_document_lookup_loop (document, "loop3")), &c3);
  tl_theme_adjust_loop_color (theme, tl_loop_get_color (tl_document_lookup_loop (document, "loop1")), &c1);
  plain = tl_test_render (TL_PAINTER (painter), 1280, 800);
  before = _tl_diagram_painter_get_layout (painter, 1280, 800);
  for (guint i = 0; i < before->arcs->len; i++)
    arcs3 += g_strcmp0 (g_array_index (before->arcs, TlDiagramLayoutArc, i).loop_id, "loop3") == 0;
  g_assert_cmpuint (arcs3, >, 0);
  /* no toggles by default (exports) */
  g_assert_false (tl_painter_locate (TL_PAINTER (painter), 1280, 800, "loop-visibility", "loop3", &x, &y));

  tl_diagram_painter_set_hidden_loops (painter, (const char *[]) { "loop3", NULL });
  g_assert_true (tl_diagram_painter_get_loop_hidden (painter, "loop3"));
  g_assert_false (tl_diagram_painter_get_loop_hidden (painter, "loop1"));
  hidden = tl_test_render (TL_PAINTER (painter), 1280, 800);
  after = _tl_diagram_painter_get_layout (painter, 1280, 800);

  g_assert_cmpuint (tl_test_count_different (plain, hidden), >, 1000);
  g_assert_cmpuint (count_near (plain, tl_test_color_pixel (&c3), 2), >, 400);
  /* only the legend's badge and the interchange dots' absence remain:
   * no line of its colour */
  g_assert_cmpuint (count_near (hidden, tl_test_color_pixel (&c3), 2), <, 40);
  g_assert_cmpuint (count_near (hidden, tl_test_color_pixel (&c1), 2), >, 400);
  g_assert_cmpuint (after->arcs->len, ==, before->arcs->len - arcs3);
  for (guint i = 0; i < after->arcs->len; i++)
    g_assert_cmpstr (g_array_index (after->arcs, TlDiagramLayoutArc, i).loop_id, !=, "loop3");
  g_assert_true (g_array_index (after->loops, TlDiagramLayoutLoop, 2).hidden);
  g_assert_false (g_array_index (after->loops, TlDiagramLayoutLoop, 2).broken);
  /* its legend entry is still there, and still selects it */
  g_assert_true (tl_painter_locate (TL_PAINTER (painter), 1280, 800, "loop", "loop3", &x, &y));
  g_assert_true (tl_painter_hit_test (TL_PAINTER (painter), 1280, 800, x, y, &kind, &id));
  g_assert_cmpstr (kind, ==, "loop");
  g_assert_cmpstr (id, ==, "loop3");
  g_clear_pointer (&kind, g_free);
  g_clear_pointer (&id, g_free);

  tl_diagram_painter_set_hidden_loops (painter, NULL);
  shown = tl_test_render (TL_PAINTER (painter), 1280, 800);
  g_assert_cmpuint (tl_test_count_different (plain, shown), ==, 0);

  /* The screen's toggles */
  tl_diagram_painter_set_show_visibility_toggles (painter, TRUE);
  toggles = tl_test_render (TL_PAINTER (painter), 1280, 800);
  g_assert_cmpuint (tl_test_count_different (plain, toggles), >, 100);
  with_toggles = _tl_diagram_painter_get_layout (painter, 1280, 800);
  for (guint i = 0; i < with_toggles->loops->len; i++)
    {
      TlDiagramLayoutLoop *loop = &g_array_index (with_toggles->loops, TlDiagramLayoutLoop, i);

      /* inside its legend entry, at its end */
      g_assert_cmpfloat (loop->toggle_width, >, 10);
      g_assert_cmpfloat (loop->toggle_x, >=, loop->legend_x);
      g_assert_cmpfloat (loop->toggle_x + loop->toggle_width, <=, loop->legend_x + loop->legend_width);
      g_assert_true (tl_painter_locate (TL_PAINTER (painter), 1280, 800, "loop-visibility", loop->loop_id, &x, &y));
      g_assert_cmpfloat_with_epsilon (x, loop->toggle_x + loop->toggle_width / 2, 1e-6);
      g_assert_true (tl_painter_hit_test (TL_PAINTER (painter), 1280, 800, x, y, &kind, &id));
      g_assert_cmpstr (kind, ==, "loop-visibility");
      g_assert_cmpstr (id, ==, loop->loop_id);
      g_clear_pointer (&kind, g_free);
      g_clear_pointer (&id, g_free);
    }
}

/* Arrow-key navigation: the nearest point in a direction, most nearly in
 * line winning over a slightly nearer one beside it */
static void
test_nearest_in_direction (void)
{
  /*   0 at the origin; 1 right; 2 further right but in line; 3 up-right,
   *   nearer than 2 but well off the line; 4 left */
  const double points[] = { 0, 0,  100, 5,  300, 0,  60, -70,  -50, 0 };
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);

  g_assert_cmpint (tl_diagram_nearest_in_direction (points, 5, 0, 1, 0), ==, 1);
  g_assert_cmpint (tl_diagram_nearest_in_direction (points, 5, 1, 1, 0), ==, 2);
  g_assert_cmpint (tl_diagram_nearest_in_direction (points, 5, 0, -1, 0), ==, 4);
  g_assert_cmpint (tl_diagram_nearest_in_direction (points, 5, 0, 0, -1), ==, 3);
  /* nothing further that way */
  g_assert_cmpint (tl_diagram_nearest_in_direction (points, 5, 2, 1, 0), ==, -1);
  g_assert_cmpint (tl_diagram_nearest_in_direction (points, 5, 0, 0, 0), ==, -1);
  /* only off the line: still found */
  g_assert_cmpint (tl_diagram_nearest_in_direction (points, 5, 4, 0, -1), ==, 3);

  /* On the template: right of "order" (left, top) is "production" (top
   * centre); below "production" is the hub. */
  g_assert_cmpstr (tl_diagram_painter_station_in_direction (painter, 1280, 800, "order", 1, 0), ==, "production");
  g_assert_cmpstr (tl_diagram_painter_station_in_direction (painter, 1280, 800, "production", 0, 1), ==, "hub");
  g_assert_null (tl_diagram_painter_station_in_direction (painter, 1280, 800, "production", 0, -1));
  g_assert_null (tl_diagram_painter_station_in_direction (painter, 1280, 800, "nowhere", 0, 1));
}

/* Pixels that differ between @a and @b inside a rectangle */
static guint
count_different_in (TlTestImage *a,
                    TlTestImage *b,
                    double       x,
                    double       y,
                    double       width,
                    double       height)
{
  guint n = 0;

  for (int j = MAX (0, (int) floor (y)); j < MIN (a->height, (int) ceil (y + height)); j++)
    for (int i = MAX (0, (int) floor (x)); i < MIN (a->width, (int) ceil (x + width)); i++)
      n += tl_test_pixel (a, i, j) != tl_test_pixel (b, i, j);
  return n;
}

static void
set_evidence (TlDocument *document,
              const char *kind,
              const char *id,
              guint64     count,
              double      recent)
{
  TlEvidence e = { 0 };

  e.count = count;
  e.recent = recent;
  e.temperature = recent * 1.5;
  tl_document_set_evidence (document, kind, id, &e);
}

static void
test_evidence (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
  g_autoptr(TlTestImage) plain = NULL;
  g_autoptr(TlTestImage) strong = NULL;
  g_autoptr(TlTestImage) weak = NULL;
  g_autoptr(TlTestImage) none = NULL;
  g_autoptr(TlTestImage) temperature = NULL;
  g_autoptr(TlTestImage) zero = NULL;
  g_autoptr(GObject) other_station = NULL;
  const char *other;
  double x, y, w, h, ox, oy, ow, oh, lx, ly, lw, lh;

  g_assert_cmpint (tl_diagram_painter_get_evidence_mode (painter), ==, TL_DIAGRAM_EVIDENCE_COUNT);
  plain = tl_test_render (TL_PAINTER (painter), 1280, 800);

  other_station = g_list_model_get_item (tl_document_get_stations (document), 0);
  other = tl_document_object_id (G_OBJECT (other_station));
  if (g_strcmp0 (other, "order") == 0)
    {
      g_clear_object (&other_station);
      other_station = g_list_model_get_item (tl_document_get_stations (document), 1);
      other = tl_document_object_id (G_OBJECT (other_station));
    }

  /* strong evidence on "order" and loop3 */
  set_evidence (document, "station", "order", 12, 20);
  set_evidence (document, "loop", "loop3", 30, 40);
  strong = tl_test_render (TL_PAINTER (painter), 1280, 800);

  g_assert_true (tl_diagram_painter_get_station_bounds (painter, 1280, 800, "order", &x, &y, &w, &h));
  g_assert_true (tl_diagram_painter_get_station_bounds (painter, 1280, 800, other, &ox, &oy, &ow, &oh));
  g_assert_true (tl_diagram_painter_get_loop_bounds (painter, 1280, 800, "loop3", &lx, &ly, &lw, &lh));
  g_assert_false (tl_diagram_painter_get_loop_bounds (painter, 1280, 800, "no-such-loop", &lx, &ly, &lw, &lh));

  /* the badge at the top-right corner; the tint inside the card */
  g_assert_cmpuint (count_different_in (plain, strong, x + w - 20, y - 8, 24, 16), >, 40);
  g_assert_cmpuint (tl_test_pixel (plain, x + 5, y + h / 2), !=, tl_test_pixel (strong, x + 5, y + h / 2));
  /* nothing on a station without evidence */
  g_assert_cmpuint (count_different_in (plain, strong, ox + 3, oy + 3, ow - 6, oh - 6), ==, 0);
  /* the loop's pill in its legend entry */
  g_assert_cmpuint (count_different_in (plain, strong, lx, ly, lw, lh), >, 40);

  /* weak evidence looks different from strong */
  set_evidence (document, "station", "order", 12, 0.5);
  weak = tl_test_render (TL_PAINTER (painter), 1280, 800);
  g_assert_cmpuint (count_different_in (weak, strong, x + w - 20, y - 8, 24, 16), >, 40);

  /* temperature: another heat scale */
  tl_diagram_painter_set_evidence_mode (painter, TL_DIAGRAM_EVIDENCE_TEMPERATURE);
  temperature = tl_test_render (TL_PAINTER (painter), 1280, 800);
  g_assert_cmpuint (tl_test_pixel (weak, x + 5, y + h / 2), !=, tl_test_pixel (temperature, x + 5, y + h / 2));

  /* off: the plain drawing */
  tl_diagram_painter_set_evidence_mode (painter, TL_DIAGRAM_EVIDENCE_NONE);
  none = tl_test_render (TL_PAINTER (painter), 1280, 800);
  g_assert_cmpuint (tl_test_count_different (plain, none), ==, 0);

  /* a count of 0 shows nothing */
  tl_diagram_painter_set_evidence_mode (painter, TL_DIAGRAM_EVIDENCE_COUNT);
  set_evidence (document, "station", "order", 0, 0);
  set_evidence (document, "loop", "loop3", 0, 0);
  zero = tl_test_render (TL_PAINTER (painter), 1280, 800);
  g_assert_cmpuint (tl_test_count_different (plain, zero), ==, 0);
}

/* Redraws on a raster target replay a kept image of the drawing: it must
 * look exactly like a direct drawing, at fractional offsets and scales,
 * and follow the selection and the document. */
static void
test_cache_matches_direct (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
  const struct { double dx, dy, scale; } transforms[] = {
    { 0, 0, 1 }, { 0.5, 0.25, 1 }, { 3.3, 7.7, 0.75 }, { -40.5, -20.25, 1.6 },
  };
  TlEvidence e = { .count = 4, .recent = 4, .temperature = 5 };

  tl_document_set_evidence (document, "station", "order", &e);
  for (guint step = 0; step < 3; step++)
    {
      if (step == 1)
        tl_diagram_painter_set_selection (painter, "station", "order");
      else if (step == 2)
        tl_diagram_painter_set_selection (painter, "loop", "loop2");

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

  /* an edit shows at the next draw */
  {
    g_autoptr(TlTestImage) before = tl_test_render (TL_PAINTER (painter), 1280, 800);
    g_autoptr(TlTestImage) after = NULL;

    tl_document_set_evidence (document, "station", "order", &(TlEvidence) { 0 });
    after = tl_test_render (TL_PAINTER (painter), 1280, 800);
    g_assert_cmpuint (tl_test_count_different (before, after), >, 40);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tl/render/diagram/natural-size", test_natural_size);
  g_test_add_func ("/tl/render/diagram/fills-surface", test_fills_surface);
  g_test_add_func ("/tl/render/diagram/stations-drawn", test_stations_drawn);
  g_test_add_func ("/tl/render/diagram/cards-apart", test_cards_apart);
  g_test_add_func ("/tl/render/diagram/all-loops-visible", test_all_loops_visible);
  g_test_add_func ("/tl/render/diagram/focus", test_focus);
  g_test_add_func ("/tl/render/diagram/focus-numbers-stations", test_focus_numbers_stations);
  g_test_add_func ("/tl/render/diagram/notify", test_notify);
  g_test_add_func ("/tl/render/diagram/selection", test_selection);
  g_test_add_func ("/tl/render/diagram/follows-document", test_follows_document);
  g_test_add_func ("/tl/render/diagram/fit-frozen", test_fit_frozen);
  g_test_add_func ("/tl/render/diagram/theme-refits", test_theme_refits);
  g_test_add_func ("/tl/render/diagram/empty-and-damaged", test_empty_and_damaged);
  g_test_add_func ("/tl/render/diagram/legend-hit-test", test_legend_hit_test);
  g_test_add_func ("/tl/render/diagram/hidden-loops", test_hidden_loops);
  g_test_add_func ("/tl/render/diagram/nearest-in-direction", test_nearest_in_direction);
  g_test_add_func ("/tl/render/diagram/evidence", test_evidence);
  g_test_add_func ("/tl/render/diagram/cache-matches-direct", test_cache_matches_direct);

  return g_test_run ();
}
