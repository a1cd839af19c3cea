/* test-render-chart.c: the bar chart painter ("who said it")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "tl-chart-painter.h"
#include "render-test-util.h"

static const double stage_values[] = { 0, 3, 6, 12, 9, 1 };
static const char * const stage_labels[] = { "A · 过客", "B · 看客", "C · 顾客", "D · 会员", "E · 朋友", "F · 伙伴" };
static const double source_values[] = { 17, 4, 10 };
static const char * const source_labels[] = { "大众点评", "WeChat survey", "in-store card" };

static TlChartPainter *
new_chart (void)
{
  TlChartPainter *chart = tl_chart_painter_new (NULL);
  guint stages, sources;

  tl_chart_painter_set_language (chart, "zh_CN");
  stages = tl_chart_painter_add_section (chart, "stage", "By customer stage", TL_THEME_ACCENT);
  for (guint i = 0; i < G_N_ELEMENTS (stage_values); i++)
    {
      char key[2] = { "ABCDEF"[i], '\0' };

      tl_chart_painter_add_bar (chart, stages, key, stage_labels[i], stage_values[i]);
    }
  sources = tl_chart_painter_add_section (chart, "source", "By source", TL_THEME_ONLINE);
  for (guint i = 0; i < G_N_ELEMENTS (source_values); i++)
    tl_chart_painter_add_bar (chart, sources, source_labels[i], source_labels[i], source_values[i]);

  return chart;
}

/* The length of the run of @color pixels along row @y, starting at the
 * first one at or after @x0 */
static double
run_length (TlTestImage *image,
            double       x0,
            double       y,
            guint32      color)
{
  int x = (int) floor (x0);
  int start = -1;

  for (; x < image->width; x++)
    {
      gboolean match = tl_test_pixel_near (tl_test_pixel (image, x, y), color, 24);

      if (match && start < 0)
        start = x;
      else if (!match && start >= 0)
        break;
    }
  return start < 0 ? 0 : x - start;
}

/* Pixels in a rectangle that differ from @background */
static guint
count_ink (TlTestImage *image,
           double       x0,
           double       y0,
           double       x1,
           double       y1,
           guint32      background)
{
  guint n = 0;

  for (int y = (int) ceil (y0); y < (int) floor (y1); y++)
    for (int x = (int) ceil (x0); x < (int) floor (x1); x++)
      if (!tl_test_pixel_near (tl_test_pixel (image, x, y), background, 40))
        n++;
  return n;
}

static void
test_proportional (void)
{
  g_autoptr(TlChartPainter) chart = new_chart ();
  TlTheme *theme = tl_painter_get_theme (TL_PAINTER (chart));
  guint32 accent = tl_test_color_pixel (tl_theme_get_accent (theme));
  guint32 online = tl_test_color_pixel (tl_theme_get_color (theme, TL_THEME_ONLINE));
  double width = 360, height;
  double longest = 0;
  g_autoptr(TlTestImage) image = NULL;

  tl_painter_get_natural_size (TL_PAINTER (chart), NULL, &height);
  g_assert_cmpfloat (height, >, 9 * 16);
  g_assert_cmpfloat (height, ==, tl_chart_painter_get_height_for_width (chart, width));
  image = tl_test_render (TL_PAINTER (chart), width, height);

  g_assert_cmpuint (tl_chart_painter_get_n_sections (chart), ==, 2);
  g_assert_cmpuint (tl_chart_painter_get_n_bars (chart, 0), ==, G_N_ELEMENTS (stage_values));
  g_assert_cmpfloat (tl_chart_painter_get_total (chart, 0), ==, 31);
  g_assert_cmpfloat (tl_chart_painter_get_total (chart, 1), ==, 31);

  /* The largest stage (12) fills the track: measure it in the pixels. */
  for (guint i = 0; i < G_N_ELEMENTS (stage_values); i++)
    {
      double x, y, w, h;

      g_assert_true (tl_chart_painter_get_bar_bounds (chart, width, height, 0, i, &x, &y, &w, &h));
      g_assert_cmpfloat (h, >, 8);
      if (stage_values[i] == 12)
        longest = run_length (image, x, y + h / 2, accent);
    }
  g_assert_cmpfloat (longest, >, 100);

  for (guint i = 0; i < G_N_ELEMENTS (stage_values); i++)
    {
      double x, y, w, h, drawn;

      g_assert_true (tl_chart_painter_get_bar_bounds (chart, width, height, 0, i, &x, &y, &w, &h));
      drawn = run_length (image, x, y + h / 2, accent);
      /* Length ∝ value, as drawn (a value of 0 draws no bar at all). */
      g_assert_cmpfloat (fabs (drawn - longest * stage_values[i] / 12.0), <=, 2.5);
      g_assert_cmpfloat (fabs (w - drawn), <=, 2.5);

      /* Its label is drawn left of the track. */
      g_assert_cmpuint (count_ink (image, 0, y, x - 4, y + h,
                                   tl_test_color_pixel (tl_theme_get_background (theme))), >, 20);
    }

  /* The sources have their own scale and colour: 17 fills the track. */
  for (guint i = 0; i < G_N_ELEMENTS (source_values); i++)
    {
      double x, y, w, h, drawn;

      g_assert_true (tl_chart_painter_get_bar_bounds (chart, width, height, 1, i, &x, &y, &w, &h));
      drawn = run_length (image, x, y + h / 2, online);
      g_assert_cmpfloat (fabs (drawn - longest * source_values[i] / 17.0), <=, 2.5);
      g_assert_cmpfloat (run_length (image, x, y + h / 2, accent), ==, 0);
    }

  g_assert_false (tl_chart_painter_get_bar_bounds (chart, width, height, 0, 6, NULL, NULL, NULL, NULL));
  g_assert_false (tl_chart_painter_get_bar_bounds (chart, width, height, 2, 0, NULL, NULL, NULL, NULL));

  {
    g_autofree char *path = g_build_filename (g_getenv ("TL_TEST_BUILDDIR") ? g_getenv ("TL_TEST_BUILDDIR") : ".",
                                              "chart.png", NULL);
    g_assert_cmpint (cairo_surface_write_to_png (image->surface, path), ==, CAIRO_STATUS_SUCCESS);
    g_test_message ("chart: %s", path);
  }
}

/* The labels are what the caller gave, drawn: another label changes the
 * pixels of its row and only there. */
static void
test_labels (void)
{
  g_autoptr(TlChartPainter) a = new_chart ();
  g_autoptr(TlChartPainter) b = tl_chart_painter_new (NULL);
  g_autoptr(TlTestImage) image_a = NULL;
  g_autoptr(TlTestImage) image_b = NULL;
  double height, x, y, w, h;
  guint sources;
  guint n_diff_row = 0, n_diff_elsewhere = 0;

  tl_chart_painter_set_language (b, "zh_CN");
  tl_chart_painter_add_section (b, "stage", "By customer stage", TL_THEME_ACCENT);
  for (guint i = 0; i < G_N_ELEMENTS (stage_values); i++)
    {
      char key[2] = { "ABCDEF"[i], '\0' };

      /* Same width of text, other characters in row 2 */
      tl_chart_painter_add_bar (b, 0, key, i == 2 ? "C · 客户" : stage_labels[i], stage_values[i]);
    }
  sources = tl_chart_painter_add_section (b, "source", "By source", TL_THEME_ONLINE);
  for (guint i = 0; i < G_N_ELEMENTS (source_values); i++)
    tl_chart_painter_add_bar (b, sources, source_labels[i], source_labels[i], source_values[i]);

  tl_painter_get_natural_size (TL_PAINTER (a), NULL, &height);
  image_a = tl_test_render (TL_PAINTER (a), 360, height);
  image_b = tl_test_render (TL_PAINTER (b), 360, height);
  g_assert_true (tl_chart_painter_get_bar_bounds (a, 360, height, 0, 2, &x, &y, &w, &h));

  for (int py = 0; py < (int) height; py++)
    for (int px = 0; px < 360; px++)
      if (tl_test_pixel (image_a, px, py) != tl_test_pixel (image_b, px, py))
        {
          if (py >= y - 8 && py <= y + h + 8 && px < x)
            n_diff_row++;
          else
            n_diff_elsewhere++;
        }
  g_assert_cmpuint (n_diff_row, >, 20);
  g_assert_cmpuint (n_diff_elsewhere, ==, 0);
}

static void
test_hit_test (void)
{
  g_autoptr(TlChartPainter) chart = new_chart ();
  double height, x, y;
  g_autofree char *kind = NULL;
  g_autofree char *id = NULL;

  tl_painter_get_natural_size (TL_PAINTER (chart), NULL, &height);

  g_assert_true (tl_painter_locate (TL_PAINTER (chart), 360, height, "stage", "D", &x, &y));
  g_assert_true (tl_painter_hit_test (TL_PAINTER (chart), 360, height, x, y, &kind, &id));
  g_assert_cmpstr (kind, ==, "stage");
  g_assert_cmpstr (id, ==, "D");
  g_clear_pointer (&kind, g_free);
  g_clear_pointer (&id, g_free);

  /* On a label, the row still counts. */
  g_assert_true (tl_painter_locate (TL_PAINTER (chart), 360, height, "source", "WeChat survey", &x, &y));
  g_assert_true (tl_painter_hit_test (TL_PAINTER (chart), 360, height, 20, y, &kind, &id));
  g_assert_cmpstr (kind, ==, "source");
  g_assert_cmpstr (id, ==, "WeChat survey");

  /* Above the first row (the title) and below the last: nothing. */
  g_assert_false (tl_painter_hit_test (TL_PAINTER (chart), 360, height, 100, 2, NULL, NULL));
  g_assert_false (tl_painter_hit_test (TL_PAINTER (chart), 360, height, 100, height - 1, NULL, NULL));
  g_assert_false (tl_painter_locate (TL_PAINTER (chart), 360, height, "stage", "G", &x, &y));
  g_assert_false (tl_painter_locate (TL_PAINTER (chart), 360, height, "cell", "D", &x, &y));
}

static void
test_empty (void)
{
  g_autoptr(TlChartPainter) chart = tl_chart_painter_new (NULL);
  g_autoptr(TlTestImage) blank = NULL;
  g_autoptr(TlTestImage) with_text = NULL;
  TlTheme *theme = tl_painter_get_theme (TL_PAINTER (chart));
  guint32 background = tl_test_color_pixel (tl_theme_get_background (theme));
  double height;
  guint section;

  section = tl_chart_painter_add_section (chart, "stage", "By customer stage", TL_THEME_ACCENT);
  tl_chart_painter_add_bar (chart, section, "A", "A", 0);
  tl_chart_painter_add_bar (chart, section, "B", "B", -3);
  tl_chart_painter_add_bar (chart, section, "C", "C", NAN);
  g_assert_cmpfloat (tl_chart_painter_get_total (chart, section), ==, 0);

  /* All zero: no bars, nothing to hit. */
  blank = tl_test_render (TL_PAINTER (chart), 300, 60);
  g_assert_cmpuint (count_ink (blank, 0, 0, 300, 60, background), ==, 0);
  g_assert_false (tl_chart_painter_get_bar_bounds (chart, 300, 60, 0, 0, NULL, NULL, NULL, NULL));
  g_assert_false (tl_painter_hit_test (TL_PAINTER (chart), 300, 60, 150, 30, NULL, NULL));

  /* The empty text, when there is one */
  tl_chart_painter_set_empty_text (chart, "No feedback yet");
  tl_painter_get_natural_size (TL_PAINTER (chart), NULL, &height);
  g_assert_cmpfloat (height, >, 20);
  with_text = tl_test_render (TL_PAINTER (chart), 300, height);
  g_assert_cmpuint (count_ink (with_text, 0, 0, 300, height, background), >, 30);

  /* A value brings the bars back; clear takes them away. */
  tl_chart_painter_add_bar (chart, section, "D", "D", 1);
  g_assert_true (tl_chart_painter_get_bar_bounds (chart, 300, 200, 0, 3, NULL, NULL, NULL, NULL));
  tl_chart_painter_clear (chart);
  g_assert_cmpuint (tl_chart_painter_get_n_sections (chart), ==, 0);
}

static void
test_sizes (void)
{
  g_autoptr(TlChartPainter) chart = new_chart ();
  double natural_w, natural_h, w_narrow, w_wide, w_scaled, h_scaled;

  tl_painter_get_natural_size (TL_PAINTER (chart), &natural_w, &natural_h);
  g_assert_cmpfloat (natural_w, ==, TL_CHART_PAINTER_MIN_WIDTH);

  /* Wider: the same height, longer bars */
  g_assert_cmpfloat (tl_chart_painter_get_height_for_width (chart, 800), ==, natural_h);
  g_assert_true (tl_chart_painter_get_bar_bounds (chart, 300, natural_h, 0, 3, NULL, NULL, &w_narrow, NULL));
  g_assert_true (tl_chart_painter_get_bar_bounds (chart, 600, natural_h, 0, 3, NULL, NULL, &w_wide, NULL));
  g_assert_cmpfloat (w_wide, >, w_narrow + 250);

  /* Narrower than the chart can be: everything scales down. */
  g_assert_cmpfloat (fabs (tl_chart_painter_get_height_for_width (chart, 100) - natural_h / 2), <=, 1);
  g_assert_true (tl_chart_painter_get_bar_bounds (chart, 100, natural_h / 2, 0, 3, NULL, NULL, &w_scaled, &h_scaled));
  g_assert_cmpfloat (w_scaled, >, 0);
  g_assert_cmpfloat (w_scaled, <, 100);

  /* Every theme and size draws without error. */
  for (guint t = 0; tl_theme_names ()[t] != NULL; t++)
    {
      g_autoptr(TlTheme) theme = tl_theme_new (tl_theme_names ()[t]);
      g_autoptr(TlTestImage) image = NULL;

      tl_painter_set_theme (TL_PAINTER (chart), theme);
      image = tl_test_render (TL_PAINTER (chart), 280, tl_chart_painter_get_height_for_width (chart, 280));
      g_assert_nonnull (image);
      g_clear_pointer (&image, tl_test_image_free);
      image = tl_test_render (TL_PAINTER (chart), 1, 1);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tl/render/chart/proportional", test_proportional);
  g_test_add_func ("/tl/render/chart/labels", test_labels);
  g_test_add_func ("/tl/render/chart/hit-test", test_hit_test);
  g_test_add_func ("/tl/render/chart/empty", test_empty);
  g_test_add_func ("/tl/render/chart/sizes", test_sizes);

  return g_test_run ();
}
