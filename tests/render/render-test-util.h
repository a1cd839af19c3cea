/* render-test-util.h: helpers the painter tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>

#include "tl-painter.h"

/* Every painter is tried in each language of the templates, at the sizes
 * people use: a laptop, a projector and a portrait page. */
static const char * const tl_test_languages[] = { "en", "zh_CN", "zh_TW" };

static const struct {
  int width;
  int height;
} tl_test_sizes[] = {
  { 1280, 800 },
  { 1920, 1080 },
  { 800, 1000 },
};

typedef struct {
  cairo_surface_t *surface;
  int              width;
  int              height;
} TlTestImage;

static inline void
tl_test_image_free (TlTestImage *image)
{
  g_clear_pointer (&image->surface, cairo_surface_destroy);
  g_free (image);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlTestImage, tl_test_image_free)

/* A blank (transparent) image of @width × @height */
static inline TlTestImage *
tl_test_image_new (int width,
                   int height)
{
  TlTestImage *image = g_new0 (TlTestImage, 1);

  image->width = width;
  image->height = height;
  image->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  return image;
}

/* What @painter draws at @width × @height */
static inline TlTestImage *
tl_test_render (TlPainter *painter,
                int        width,
                int        height)
{
  TlTestImage *image = tl_test_image_new (width, height);
  cairo_t *cr = cairo_create (image->surface);

  tl_painter_draw (painter, cr, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (image->surface);

  return image;
}

/* The pixel that covers (@x, @y), as cairo stores it (premultiplied ARGB) */
static inline guint32
tl_test_pixel (TlTestImage *image,
               double       x,
               double       y)
{
  const guchar *data = cairo_image_surface_get_data (image->surface);
  int stride = cairo_image_surface_get_stride (image->surface);
  int ix = (int) floor (x), iy = (int) floor (y);

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, image->width);
  g_assert_cmpint (iy, <, image->height);

  return *(const guint32 *) (data + iy * stride + ix * 4);
}

/* @color as an opaque pixel */
static inline guint32
tl_test_color_pixel (const TlColor *color)
{
  return 0xff000000u |
         (guint32) lround (color->red * 255) << 16 |
         (guint32) lround (color->green * 255) << 8 |
         (guint32) lround (color->blue * 255);
}

/* No channel of @a and @b differs by more than @tolerance */
static inline gboolean
tl_test_pixel_near (guint32 a,
                    guint32 b,
                    int     tolerance)
{
  for (guint shift = 0; shift < 32; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > tolerance)
      return FALSE;
  return TRUE;
}

/* How many pixels of two drawings of one size differ */
static inline guint
tl_test_count_different (TlTestImage *a,
                         TlTestImage *b)
{
  guint n = 0;

  g_assert_cmpint (a->width, ==, b->width);
  g_assert_cmpint (a->height, ==, b->height);

  for (int y = 0; y < a->height; y++)
    for (int x = 0; x < a->width; x++)
      n += tl_test_pixel (a, x, y) != tl_test_pixel (b, x, y);
  return n;
}

/* A "notify" handler that counts in @count */
static inline void
tl_test_notify_counter (GObject    *object,
                        GParamSpec *pspec,
                        guint      *count)
{
  (*count)++;
}

/* A document of @n_stations stations on a jittered grid (one of them the
 * hub) and @n_loops loops, each around a random rectangle of grid cells,
 * half of them running backwards, so neighbouring loops share arcs in
 * both directions.  The same @seed gives the same document. */
static inline TlDocument *
tl_test_generated_document (guint   n_stations,
                            guint   n_loops,
                            guint32 seed)
{
  static const char * const kinds[] = { "online", "offline", "micro-data", "custom" };
  TlDocument *document = tl_document_new ("en");
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint cols = (guint) ceil (sqrt (n_stations * 1.6));
  guint rows = (n_stations + cols - 1) / cols;

  g_assert_cmpuint (n_stations, >=, 4);
  if (rows < 2)
    rows = 2;

  for (guint i = 0; i < n_stations; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_autofree char *label = g_strdup_printf ("Station %u", i);
      double x = (i % cols) * 160.0 + g_rand_double_range (rand, -20, 20);
      double y = (i / cols) * 110.0 + g_rand_double_range (rand, -15, 15);
      g_autoptr(TlStation) station = tl_station_new (id, i == n_stations / 2 ? "hub" : kinds[i % 4],
                                                     label, x, y);

      tl_document_insert_station (document, station, -1);
    }

  for (guint l = 0; l < n_loops; l++)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *id = g_strdup_printf ("loop%u", l + 1);
      g_autofree char *name = g_strdup_printf ("Generated loop %u", l + 1);
      g_autoptr(TlLoop) loop = NULL;
      guint w = g_rand_int_range (rand, 1, 3), h = g_rand_int_range (rand, 1, 3);
      guint c0, r0;
      char color[8];

      /* only rectangles whose corners all exist */
      w = MIN (w, cols - 1);
      h = MIN (h, rows - 1);
      do
        {
          c0 = g_rand_int_range (rand, 0, cols - w);
          r0 = g_rand_int_range (rand, 0, rows - h);
        }
      while ((r0 + h) * cols + c0 + w >= n_stations);

      for (guint c = 0; c < w; c++)
        g_ptr_array_add (ids, g_strdup_printf ("s%u", r0 * cols + c0 + c));
      for (guint r = 0; r < h; r++)
        g_ptr_array_add (ids, g_strdup_printf ("s%u", (r0 + r) * cols + c0 + w));
      for (guint c = w; c > 0; c--)
        g_ptr_array_add (ids, g_strdup_printf ("s%u", (r0 + h) * cols + c0 + c));
      for (guint r = h; r > 0; r--)
        g_ptr_array_add (ids, g_strdup_printf ("s%u", (r0 + r) * cols + c0));

      if (l % 2 == 1)
        for (guint a = 0, b = ids->len - 1; a < b; a++, b--)
          {
            gpointer t = ids->pdata[a];

            ids->pdata[a] = ids->pdata[b];
            ids->pdata[b] = t;
          }
      g_ptr_array_add (ids, NULL);

      g_snprintf (color, sizeof color, "#%06x", g_rand_int (rand) & 0xffffff);
      loop = tl_loop_new (id, name, color, (const char * const *) ids->pdata);
      tl_document_insert_loop (document, loop, -1);
    }

  return document;
}

/* @painter drawn at @width × @height through a recording surface replayed
 * onto an image, with the transform (@dx, @dy, @scale): vector drawing,
 * which the painter never keeps an image of */
static inline TlTestImage *
tl_test_render_direct (TlPainter *painter,
                       int        width,
                       int        height,
                       double     dx,
                       double     dy,
                       double     scale)
{
  TlTestImage *image = tl_test_image_new (width, height);
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (recording);

  cairo_translate (cr, dx, dy);
  cairo_scale (cr, scale, scale);
  tl_painter_draw (painter, cr, width / scale - 2, height / scale - 2);
  cairo_destroy (cr);

  cr = cairo_create (image->surface);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (recording);
  cairo_surface_flush (image->surface);
  return image;
}

/* The same straight to an image surface (what the screen does) */
static inline TlTestImage *
tl_test_render_raster (TlPainter *painter,
                       int        width,
                       int        height,
                       double     dx,
                       double     dy,
                       double     scale)
{
  TlTestImage *image = tl_test_image_new (width, height);
  cairo_t *cr = cairo_create (image->surface);

  cairo_translate (cr, dx, dy);
  cairo_scale (cr, scale, scale);
  tl_painter_draw (painter, cr, width / scale - 2, height / scale - 2);
  cairo_destroy (cr);
  cairo_surface_flush (image->surface);
  return image;
}
