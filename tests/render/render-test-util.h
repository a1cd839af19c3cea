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

/* What @painter draws at @width × @height */
static inline TlTestImage *
tl_test_render (TlPainter *painter,
                int        width,
                int        height)
{
  TlTestImage *image = g_new0 (TlTestImage, 1);
  cairo_t *cr;

  image->width = width;
  image->height = height;
  image->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (image->surface);
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
