/* bench-render.c: how fast the diagram painter draws and hit-tests, beside
 * references measured in the same run (run by build-aux/bench)
 *
 *   bench-render [ITERATIONS]
 *
 * (a) a full redraw of the O2O template at 1920 × 1080 to an image
 *     surface, and of a generated 200-station, 50-loop document, against
 *     the same surface filled with as many plain cairo strokes and text
 *     lines ("raw cairo") and against a 60 Hz frame (16.7 ms);
 * (b) hit-testing a pointer position (µs per call) over a grid of
 *     positions, against a redraw.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "render-test-util.h"
#include "tl-diagram-layout-private.h"
#include "tl-diagram-painter.h"
#include "tl-model.h"

#define WIDTH        1920
#define HEIGHT       1080
#define FRAME_MS     (1000.0 / 60.0)

typedef void (*BenchFunc) (gpointer data);

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The median time of one call of @func, in ms, over @runs calls after a
 * warm-up */
static double
median_ms (BenchFunc func,
           gpointer  data,
           guint     runs)
{
  g_autofree double *times = g_new (double, runs);

  for (guint i = 0; i < MAX (3, runs / 10); i++)
    func (data);

  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();

      func (data);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  qsort (times, runs, sizeof (double), compare_doubles);
  return runs % 2 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
}

typedef struct {
  const char       *name;
  TlDocument       *document;
  TlDiagramPainter *painter;
  cairo_surface_t  *surface;
  /* what the painter draws, counted for the raw cairo reference */
  guint             n_strokes;
  guint             n_texts;
  GPtrArray        *texts;
  double           *lines;    /* 4 per stroke: x0, y0, x1, y1 */
} Subject;

static void
painter_redraw (gpointer data)
{
  Subject *subject = data;
  cairo_t *cr = cairo_create (subject->surface);

  tl_painter_draw (TL_PAINTER (subject->painter), cr, WIDTH, HEIGHT);
  cairo_destroy (cr);
  cairo_surface_flush (subject->surface);
}

/* A redraw after the selection moved: the layout is kept, every pixel is
 * drawn again (the painter's kept image of the drawing no longer holds) */
static void
painter_redraw_selection (gpointer data)
{
  Subject *subject = data;
  static guint n;
  GListModel *stations = tl_document_get_stations (subject->document);
  g_autoptr(GObject) station = g_list_model_get_item (stations, n++ % g_list_model_get_n_items (stations));

  tl_diagram_painter_set_selection (subject->painter, "station", tl_document_object_id (station));
  painter_redraw (subject);
}

/* A redraw after an edit: laid out and drawn again (one pixel narrower
 * every other call, which is what makes the painter lay out afresh) */
static void
painter_redraw_cold (gpointer data)
{
  Subject *subject = data;
  static guint n;
  cairo_t *cr = cairo_create (subject->surface);

  tl_painter_draw (TL_PAINTER (subject->painter), cr, WIDTH - (n++ % 2), HEIGHT);
  cairo_destroy (cr);
  cairo_surface_flush (subject->surface);
}

/* The reference: the same surface cleared and filled with the same
 * number of anti-aliased strokes, curved like the painter's arcs, and of
 * text lines in cairo's own text API, the work any drawing of this
 * picture has to do. */
static void
raw_redraw (gpointer data)
{
  Subject *subject = data;
  cairo_t *cr = cairo_create (subject->surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  cairo_set_line_width (cr, 6);
  for (guint i = 0; i < subject->n_strokes; i++)
    {
      double *l = &subject->lines[4 * i];

      cairo_move_to (cr, l[0], l[1]);
      cairo_curve_to (cr, (2 * l[0] + l[2]) / 3 + 10, (2 * l[1] + l[3]) / 3 - 10,
                      (l[0] + 2 * l[2]) / 3 + 10, (l[1] + 2 * l[3]) / 3 - 10, l[2], l[3]);
      cairo_set_source_rgb (cr, (i % 3) / 3.0, (i % 5) / 5.0, (i % 7) / 7.0);
      cairo_stroke (cr);
    }

  cairo_select_font_face (cr, "Noto Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 15);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < subject->n_texts; i++)
    {
      cairo_move_to (cr, 40 + (i * 211) % (WIDTH - 300), 40 + (i * 37) % (HEIGHT - 80));
      cairo_show_text (cr, g_ptr_array_index (subject->texts, i));
    }

  cairo_destroy (cr);
  cairo_surface_flush (subject->surface);
}

typedef struct {
  Subject *subject;
  gboolean cold;
  guint    n;
} HitData;

/* One pass over a 32 × 18 grid of pointer positions.  Warm, the painter
 * keeps its layout between calls, as while the pointer moves over an
 * unchanged document; cold, every call is made for another size (one
 * pixel apart), so every call lays the diagram out again, as the first
 * one after an edit does. */
static void
hit_grid (gpointer data)
{
  HitData *hit = data;

  for (guint y = 0; y < 18; y++)
    for (guint x = 0; x < 32; x++)
      {
        g_autofree char *kind = NULL;
        g_autofree char *id = NULL;
        double height = hit->cold && (x + y) % 2 ? HEIGHT - 1 : HEIGHT;

        hit->n += tl_painter_hit_test (TL_PAINTER (hit->subject->painter), WIDTH, height,
                                       (x + 0.5) * WIDTH / 32, (y + 0.5) * HEIGHT / 18, &kind, &id);
      }
}

static void
subject_init (Subject    *subject,
              const char *name,
              TlDocument *document)
{
  g_autoptr(TlDiagramLayout) layout = NULL;
  GListModel *stations = tl_document_get_stations (document);
  GListModel *loops = tl_document_get_loops (document);

  subject->name = name;
  subject->document = document;
  subject->painter = tl_diagram_painter_new (document);
  subject->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  subject->texts = g_ptr_array_new ();

  /* Count what the painter draws: each arc and each card outline is a
   * stroke; each station label, loop name, the title and subtitle a text
   * line. */
  layout = _tl_diagram_painter_get_layout (subject->painter, WIDTH, HEIGHT);
  subject->n_strokes = layout->arcs->len + g_list_model_get_n_items (stations);
  subject->lines = g_new (double, 4 * subject->n_strokes);
  for (guint i = 0; i < subject->n_strokes; i++)
    {
      double *l = &subject->lines[4 * i];

      if (i < layout->arcs->len)
        {
          TlDiagramLayoutArc *arc = &g_array_index (layout->arcs, TlDiagramLayoutArc, i);

          l[0] = arc->x0; l[1] = arc->y0; l[2] = arc->x1; l[3] = arc->y1;
        }
      else
        {
          l[0] = 50 + (i * 97) % (WIDTH - 200);
          l[1] = 50 + (i * 53) % (HEIGHT - 100);
          l[2] = l[0] + 110;
          l[3] = l[1];
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (stations); i++)
    {
      g_autoptr(TlStation) station = g_list_model_get_item (stations, i);

      g_ptr_array_add (subject->texts, (gpointer) tl_station_get_label (station));
    }
  for (guint i = 0; i < g_list_model_get_n_items (loops); i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);

      g_ptr_array_add (subject->texts, (gpointer) tl_loop_get_name (loop));
    }
  g_ptr_array_add (subject->texts, (gpointer) "Loop diagram");
  g_ptr_array_add (subject->texts, (gpointer) "Loop diagram: stations and the closed loops through them");
  subject->n_texts = subject->texts->len;
}

static void
subject_clear (Subject *subject)
{
  g_clear_object (&subject->painter);
  g_clear_object (&subject->document);
  g_clear_pointer (&subject->surface, cairo_surface_destroy);
  g_clear_pointer (&subject->texts, g_ptr_array_unref);
  g_clear_pointer (&subject->lines, g_free);
}

int
main (int   argc,
      char *argv[])
{
  guint runs = argc > 1 ? (guint) atoi (argv[1]) : 200;
  Subject subjects[2] = { { 0 }, };
  const double targets[] = { 2.0, 8.0 };

  setlocale (LC_ALL, "");
  if (runs < 5)
    runs = 5;

  subject_init (&subjects[0], "the O2O template", tl_template_new_o2o ("zh_CN"));
  subject_init (&subjects[1], "a generated document", tl_test_generated_document (200, 50, 42));

  printf ("Diagram redraw to a %d×%d ARGB32 image surface (median of %u)\n", WIDTH, HEIGHT, runs);
  for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
    {
      Subject *subject = &subjects[s];
      GListModel *stations = tl_document_get_stations (subject->document);
      GListModel *loops = tl_document_get_loops (subject->document);
      double ours = median_ms (painter_redraw, subject, runs);
      double selection = median_ms (painter_redraw_selection, subject, runs);
      double cold = median_ms (painter_redraw_cold, subject, runs);
      double raw = median_ms (raw_redraw, subject, runs);
      g_autofree char *label = g_strdup_printf ("%s, %u stations/%u loops",
                                                subject->name,
                                                g_list_model_get_n_items (stations),
                                                g_list_model_get_n_items (loops));
      g_autofree char *raw_label = g_strdup_printf ("raw cairo, %u strokes + %u text lines (reference)",
                                                    subject->n_strokes, subject->n_texts);

      printf ("  %-56s %8.2f ms   target ≤ %.0f ms: %s\n", label, ours, targets[s],
              ours <= targets[s] ? "met" : "missed");
      printf ("  %-56s %8.2f ms   target ≤ %.0f ms: %s\n", "  after a selection change (cards drawn again)",
              selection, targets[s], selection <= targets[s] ? "met" : "missed");
      printf ("  %-56s %8.2f ms   target ≤ %.0f ms: %s\n", "  after an edit (laid out and drawn again)",
              cold, targets[s], cold <= targets[s] ? "met" : "missed");
      printf ("  %-56s %8.2f ms   painter = %.2f x this\n", raw_label, raw, ours / raw);
      printf ("  %-56s %8.2f ms   painter = %.2f x this\n", "one 60 Hz frame (reference)",
              FRAME_MS, ours / FRAME_MS);
    }

  printf ("\nHit-testing a pointer position (%d×%d, a 32×18 grid of positions, median of %u passes)\n",
          WIDTH, HEIGHT, MAX (5u, runs / 20));
  for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
    {
      Subject *subject = &subjects[s];
      HitData warm = { subject, FALSE, 0 };
      HitData cold = { subject, TRUE, 0 };
      double warm_us = median_ms (hit_grid, &warm, MAX (5u, runs / 20)) * 1000.0 / (32 * 18);
      double cold_us = median_ms (hit_grid, &cold, MAX (5u, runs / 20)) * 1000.0 / (32 * 18);
      double redraw_us = median_ms (painter_redraw, subject, MAX (5u, runs / 20)) * 1000.0;
      g_autofree char *warm_label = g_strdup_printf ("%s, layout kept (pointer motion)", subject->name);
      g_autofree char *cold_label = g_strdup_printf ("%s, laid out again (after an edit)", subject->name);

      printf ("  %-56s %8.2f µs per call\n", warm_label, warm_us);
      printf ("  %-56s %8.1f µs per call\n", cold_label, cold_us);
      printf ("  %-56s %8.1f µs   laid out again = %.3f x this\n", "a redraw of it (reference)",
              redraw_us, cold_us / redraw_us);
    }

  for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
    subject_clear (&subjects[s]);

  return 0;
}
