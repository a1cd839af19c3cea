/* test-render-robustness.c: the diagram painter on bad documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "render-test-util.h"
#include "tl-diagram-layout-private.h"
#include "tl-diagram-painter.h"
#include "tl-model.h"
#include "tl-render-private.h"

/* Draws @document at every test size, in light and projector themes, and
 * hit-tests a grid of points over each drawing: nothing may crash or
 * warn (warnings are fatal in tests). */
static void
draw_everywhere (TlDocument *document)
{
  const char * const themes[] = { "light", "projector" };

  for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
    for (guint s = 0; s < G_N_ELEMENTS (tl_test_sizes); s++)
      {
        g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
        g_autoptr(TlTheme) theme = tl_theme_new (themes[t]);
        int width = tl_test_sizes[s].width, height = tl_test_sizes[s].height;
        g_autoptr(TlTestImage) image = NULL;

        tl_painter_set_theme (TL_PAINTER (painter), theme);
        image = tl_test_render (TL_PAINTER (painter), width, height);

        for (int y = 0; y < height; y += height / 4)
          for (int x = 0; x < width; x += width / 4)
            {
              g_autofree char *kind = NULL;
              g_autofree char *id = NULL;

              if (tl_painter_hit_test (TL_PAINTER (painter), width, height, x, y, &kind, &id))
                g_assert_true (g_strcmp0 (kind, "station") == 0 || g_strcmp0 (kind, "loop") == 0);
              else
                g_assert_null (kind);
            }
      }
}

static TlDiagramLayoutLoop *
layout_loop (TlDiagramLayout *layout,
             const char      *id)
{
  for (guint i = 0; i < layout->loops->len; i++)
    {
      TlDiagramLayoutLoop *loop = &g_array_index (layout->loops, TlDiagramLayoutLoop, i);

      if (strcmp (loop->loop_id, id) == 0)
        return loop;
    }
  g_assert_not_reached ();
}

/* The pixel on the left of a loop's legend badge: the loop's colour on a
 * healthy loop, not on a broken one (its badge is hollow). */
static gboolean
badge_filled (TlDiagramPainter *painter,
              TlTestImage      *image,
              TlDiagramLayout  *layout,
              const char       *loop_id)
{
  TlDiagramLayoutLoop *entry = layout_loop (layout, loop_id);
  TlLoop *loop = tl_document_lookup_loop (tl_diagram_painter_get_document (painter), loop_id);
  double unit = _tl_render_unit (image->width, image->height);
  TlColor color;

  tl_theme_adjust_loop_color (tl_diagram_painter_get_theme (painter), tl_loop_get_color (loop), &color);
  return tl_test_pixel_near (tl_test_pixel (image,
                                            entry->legend_x + (6 + 11 - 6) * unit,
                                            entry->legend_y + (4 + 11) * unit),
                             tl_test_color_pixel (&color), 2);
}

/* Loops of no station, one station, one station twice and two stations:
 * the short ones draw no line and are marked in the legend, the one with
 * two stations runs there and back. */
static void
test_short_loops (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  const char * const none[] = { NULL };
  const char * const one[] = { "order", NULL };
  const char * const same[] = { "wom", "wom", NULL };
  const char * const two[] = { "order", "wom", NULL };
  g_autoptr(TlLoop) l0 = tl_loop_new ("empty", "No station", "#112233", none);
  g_autoptr(TlLoop) l1 = tl_loop_new ("single", "One station", "#aa2233", one);
  g_autoptr(TlLoop) l2 = tl_loop_new ("same", "One station twice", "#22aa33", same);
  g_autoptr(TlLoop) l3 = tl_loop_new ("pair", "Two stations", "#2233aa", two);
  g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
  g_autoptr(TlDiagramLayout) layout = NULL;
  g_autoptr(TlTestImage) image = NULL;

  tl_document_insert_loop (document, l0, -1);
  tl_document_insert_loop (document, l1, -1);
  tl_document_insert_loop (document, l2, -1);
  tl_document_insert_loop (document, l3, -1);

  draw_everywhere (document);

  layout = _tl_diagram_painter_get_layout (painter, 1280, 800);
  image = tl_test_render (TL_PAINTER (painter), 1280, 800);

  g_assert_true (layout_loop (layout, "empty")->broken);
  g_assert_true (layout_loop (layout, "single")->broken);
  g_assert_true (layout_loop (layout, "same")->broken);
  g_assert_false (layout_loop (layout, "pair")->broken);
  g_assert_false (layout_loop (layout, "loop1")->broken);
  g_assert_cmpuint (layout_loop (layout, "empty")->n_arcs, ==, 0);
  g_assert_cmpuint (layout_loop (layout, "single")->n_arcs, ==, 0);
  g_assert_cmpuint (layout_loop (layout, "same")->n_arcs, ==, 0);
  g_assert_cmpuint (layout_loop (layout, "pair")->n_arcs, ==, 2);

  /* The marker: a hollow badge for the broken ones only */
  g_assert_false (badge_filled (painter, image, layout, "empty"));
  g_assert_false (badge_filled (painter, image, layout, "single"));
  g_assert_false (badge_filled (painter, image, layout, "same"));
  g_assert_true (badge_filled (painter, image, layout, "pair"));
  g_assert_true (badge_filled (painter, image, layout, "loop1"));

  /* The broken loops are still in the legend, so they can be clicked and
   * repaired */
  for (guint i = 0; i < layout->loops->len; i++)
    {
      TlDiagramLayoutLoop *entry = &g_array_index (layout->loops, TlDiagramLayoutLoop, i);
      g_autofree char *kind = NULL;
      g_autofree char *id = NULL;

      g_assert_true (tl_painter_hit_test (TL_PAINTER (painter), 1280, 800,
                                          entry->legend_x + entry->legend_width / 2,
                                          entry->legend_y + entry->legend_height / 2, &kind, &id));
      g_assert_cmpstr (kind, ==, "loop");
      g_assert_cmpstr (id, ==, entry->loop_id);
    }
}

/* A loop through stations that no longer exist: drawn through the ones
 * that do, marked broken; one left with a single station draws nothing. */
static void
test_dangling_stations (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");
  const char * const partly[] = { "order", "gone", "production", "logistics", NULL };
  const char * const mostly[] = { "gone", "wom", "vanished", NULL };
  g_autoptr(TlLoop) l1 = tl_loop_new ("partly", "Partly gone", "#336699", partly);
  g_autoptr(TlLoop) l2 = tl_loop_new ("mostly", "Mostly gone", "#996633", mostly);
  g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
  g_autoptr(TlDiagramLayout) layout = NULL;
  g_autoptr(TlTestImage) image = NULL;
  TlStation *culture;
  guint partly_arcs = 0;

  tl_document_insert_loop (document, l1, -1);
  tl_document_insert_loop (document, l2, -1);

  /* and a station taken out from under loops 5 and 6 */
  culture = tl_document_lookup_station (document, "culture");
  g_assert_nonnull (culture);
  g_object_ref (culture);
  tl_document_remove_station (document, culture);
  g_object_unref (culture);

  draw_everywhere (document);

  layout = _tl_diagram_painter_get_layout (painter, 1920, 1080);
  image = tl_test_render (TL_PAINTER (painter), 1920, 1080);

  g_assert_true (layout_loop (layout, "partly")->broken);
  g_assert_true (layout_loop (layout, "mostly")->broken);
  g_assert_cmpuint (layout_loop (layout, "partly")->n_arcs, ==, 3);
  g_assert_cmpuint (layout_loop (layout, "mostly")->n_arcs, ==, 0);
  g_assert_false (badge_filled (painter, image, layout, "partly"));
  g_assert_true (badge_filled (painter, image, layout, "loop1"));

  /* Whether the model repairs loops 5 and 6 or leaves them dangling, the
   * painter draws no arc to the missing station. */
  for (guint i = 0; i < layout->arcs->len; i++)
    {
      TlDiagramLayoutArc *arc = &g_array_index (layout->arcs, TlDiagramLayoutArc, i);

      g_assert_cmpstr (arc->from, !=, "culture");
      g_assert_cmpstr (arc->to, !=, "culture");
      g_assert_cmpstr (arc->from, !=, "gone");
      if (strcmp (arc->loop_id, "partly") == 0)
        partly_arcs++;
    }
  g_assert_cmpuint (partly_arcs, ==, 3);
}

/* Labels, names and a title of 10,000 characters, Latin and Chinese: they
 * are cut short, so a card stays a card and the legend stays on the page. */
static void
test_long_labels (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(GString) latin = g_string_new (NULL);
  g_autoptr(GString) chinese = g_string_new (NULL);
  g_autoptr(GString) unbroken = g_string_new (NULL);
  g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
  g_autoptr(TlDiagramLayout) layout = NULL;
  TlStation *order = tl_document_lookup_station (document, "order");
  TlStation *pain = tl_document_lookup_station (document, "pain");
  TlStation *hub = tl_document_lookup_station (document, "hub");
  double x, y, w, h, px, py;

  while (g_utf8_strlen (latin->str, -1) < 10000)
    g_string_append (latin, "word ");
  while (g_utf8_strlen (chinese->str, -1) < 10000)
    g_string_append (chinese, "线上订单");
  while (unbroken->len < 10000)
    g_string_append_c (unbroken, 'x');

  tl_station_set_label (order, latin->str);
  tl_station_set_label (pain, unbroken->str);
  tl_station_set_label (hub, chinese->str);
  tl_loop_set_name (tl_document_lookup_loop (document, "loop1"), chinese->str);
  tl_loop_set_name (tl_document_lookup_loop (document, "loop2"), unbroken->str);
  tl_document_set_title (document, latin->str);

  draw_everywhere (document);

  layout = _tl_diagram_painter_get_layout (painter, 1280, 800);
  for (guint i = 0; i < layout->loops->len; i++)
    {
      TlDiagramLayoutLoop *entry = &g_array_index (layout->loops, TlDiagramLayoutLoop, i);

      /* three lines at most, inside the drawing */
      g_assert_cmpfloat (entry->legend_height, <, 100);
      g_assert_cmpfloat (entry->legend_y + entry->legend_height, <=, 800);
    }

  for (guint i = 0; i < 3; i++)
    {
      const char *id = (const char *[]) { "order", "pain", "hub" }[i];
      g_autofree char *kind = NULL;
      g_autofree char *hit = NULL;

      g_assert_true (tl_diagram_painter_get_station_bounds (painter, 1280, 800, id, &x, &y, &w, &h));
      g_assert_cmpfloat (w, <, 400);
      g_assert_cmpfloat (h, <, 250);
      g_assert_true (tl_diagram_painter_get_station_position (painter, 1280, 800, id, &px, &py));
      g_assert_true (tl_painter_hit_test (TL_PAINTER (painter), 1280, 800, px, py, &kind, &hit));
      g_assert_cmpstr (kind, ==, "station");
      g_assert_cmpstr (hit, ==, id);
    }
}

/* 500 stations and 120 loops: drawn, every loop laid out closed, stations
 * found again where they are drawn. */
static void
test_many_stations (void)
{
  g_autoptr(TlDocument) document = tl_test_generated_document (500, 120, 3);
  g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
  g_autoptr(TlDiagramLayout) layout = NULL;
  g_autoptr(TlTestImage) image = NULL;
  GListModel *stations = tl_document_get_stations (document);
  guint found = 0;

  g_assert_cmpuint (g_list_model_get_n_items (stations), ==, 500);

  image = tl_test_render (TL_PAINTER (painter), 1920, 1080);
  g_assert_nonnull (image);
  layout = _tl_diagram_painter_get_layout (painter, 1920, 1080);
  g_assert_cmpuint (layout->loops->len, ==, 120);

  for (guint i = 0; i < layout->loops->len; i++)
    {
      TlDiagramLayoutLoop *loop = &g_array_index (layout->loops, TlDiagramLayoutLoop, i);

      g_assert_false (loop->broken);
      g_assert_cmpuint (loop->n_arcs, >=, 4);
    }

  /* The cards of so many stations overlap: the one on top answers, and
   * it is one drawn there; the last station is drawn over all others, so
   * it answers for itself. */
  for (guint i = 0; i < 500; i = i < 499 && i + 37 > 499 ? 499 : i + 37)
    {
      g_autoptr(TlStation) station = g_list_model_get_item (stations, i);
      g_autofree char *kind = NULL;
      g_autofree char *id = NULL;
      double x, y, bx, by, bw, bh;

      g_assert_true (tl_diagram_painter_get_station_position (painter, 1920, 1080,
                                                              tl_station_get_id (station), &x, &y));
      g_assert_true (tl_painter_hit_test (TL_PAINTER (painter), 1920, 1080, x, y, &kind, &id));
      g_assert_cmpstr (kind, ==, "station");
      g_assert_true (tl_diagram_painter_get_station_bounds (painter, 1920, 1080, id, &bx, &by, &bw, &bh));
      g_assert_cmpfloat (x, >=, bx);
      g_assert_cmpfloat (x, <=, bx + bw);
      g_assert_cmpfloat (y, >=, by);
      g_assert_cmpfloat (y, <=, by + bh);
      found += strcmp (id, tl_station_get_id (station)) == 0;
      if (i == 499)
        g_assert_cmpstr (id, ==, tl_station_get_id (station));
    }
  g_assert_cmpuint (found, >, 0);
}

/* The painter keeps its last layout between calls: every change that
 * moves something must show in the next hit-test (a station removed is
 * not hit, a station moved is hit where it went, a focused loop's bolder
 * legend entry is found). */
static void
test_changes_seen (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
  TlPainter *base = TL_PAINTER (painter);
  g_autoptr(TlStation) wom = g_object_ref (tl_document_lookup_station (document, "wom"));
  TlStation *order = tl_document_lookup_station (document, "order");
  double x, y, x2, y2;
  char *kind = NULL, *id = NULL;

  g_assert_true (tl_painter_locate (base, 1280, 800, "station", "wom", &x, &y));
  g_assert_true (tl_painter_hit_test (base, 1280, 800, x, y, &kind, &id));
  g_assert_cmpstr (id, ==, "wom");
  g_clear_pointer (&kind, g_free);
  g_clear_pointer (&id, g_free);

  tl_document_remove_station (document, wom);
  if (tl_painter_hit_test (base, 1280, 800, x, y, &kind, &id))
    g_assert_cmpstr (id, !=, "wom");
  g_clear_pointer (&kind, g_free);
  g_clear_pointer (&id, g_free);
  g_assert_false (tl_painter_locate (base, 1280, 800, "station", "wom", &x2, &y2));

  /* frozen, so the fit does not follow the station */
  tl_diagram_painter_set_fit_frozen (painter, TRUE);
  g_assert_true (tl_painter_locate (base, 1280, 800, "station", "order", &x, &y));
  tl_station_set_y (order, tl_station_get_y (order) + 60);
  g_assert_true (tl_painter_locate (base, 1280, 800, "station", "order", &x2, &y2));
  g_assert_cmpfloat (y2, >, y + 10);
  g_assert_true (tl_painter_hit_test (base, 1280, 800, x2, y2, &kind, &id));
  g_assert_cmpstr (id, ==, "order");
  g_clear_pointer (&kind, g_free);
  g_clear_pointer (&id, g_free);
  tl_diagram_painter_set_fit_frozen (painter, FALSE);

  /* another size, and back */
  g_assert_true (tl_painter_locate (base, 1920, 1080, "station", "order", &x, &y));
  g_assert_true (tl_painter_locate (base, 1280, 800, "station", "order", &x2, &y2));
  g_assert_cmpfloat (x, !=, x2);

  for (guint i = 1; i <= 6; i++)
    {
      g_autofree char *loop = g_strdup_printf ("loop%u", i);

      tl_diagram_painter_set_focus_loop (painter, loop);
      g_assert_true (tl_painter_locate (base, 1280, 800, "loop", loop, &x, &y));
      g_assert_true (tl_painter_hit_test (base, 1280, 800, x, y, &kind, &id));
      g_assert_cmpstr (kind, ==, "loop");
      g_assert_cmpstr (id, ==, loop);
      g_clear_pointer (&kind, g_free);
      g_clear_pointer (&id, g_free);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tl/render/robustness/short-loops", test_short_loops);
  g_test_add_func ("/tl/render/robustness/dangling-stations", test_dangling_stations);
  g_test_add_func ("/tl/render/robustness/long-labels", test_long_labels);
  g_test_add_func ("/tl/render/robustness/many-stations", test_many_stations);
  g_test_add_func ("/tl/render/robustness/changes-seen", test_changes_seen);

  return g_test_run ();
}
