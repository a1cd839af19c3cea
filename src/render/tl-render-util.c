/* tl-render-util.c: helpers the painters share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "tl-render-private.h"

PangoContext *
_tl_render_context_new (const char *language)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Linear metrics: the layout must not depend on the target's scale. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  pango_context_set_round_glyph_positions (context, FALSE);
  pango_context_set_language (context,
                              pango_language_from_string (tl_theme_pango_language (language)));

  return context;
}

PangoLayout *
_tl_render_layout_new (PangoContext *context,
                       TlTheme      *theme,
                       const char   *language,
                       TlThemeFont   font,
                       double        scale,
                       PangoWeight   weight,
                       const char   *text)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, tl_theme_get_font_family (theme, language));
  pango_font_description_set_absolute_size (desc,
                                            tl_theme_get_font_size (theme, font) * scale * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);

  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  return layout;
}

void
_tl_render_layout_wrap (PangoLayout *layout,
                        double       width,
                        int          max_lines)
{
  pango_layout_set_width (layout, (int) floor (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  if (max_lines > 0)
    {
      pango_layout_set_height (layout, -max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
}

void
_tl_render_layout_size (PangoLayout *layout,
                        double      *width,
                        double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);

  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

void
_tl_render_show_layout (cairo_t     *cr,
                        PangoLayout *layout,
                        double       x,
                        double       y)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  cairo_move_to (cr, x - (double) logical.x / PANGO_SCALE, y - (double) logical.y / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
}

void
_tl_render_set_color (cairo_t       *cr,
                      const TlColor *color,
                      double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

void
_tl_render_rounded_rect (cairo_t *cr,
                         double   x,
                         double   y,
                         double   width,
                         double   height,
                         double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2.0);

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

void
_tl_render_star (cairo_t *cr,
                 double   cx,
                 double   cy,
                 double   radius)
{
  cairo_new_sub_path (cr);
  for (guint i = 0; i < 10; i++)
    {
      double r = i % 2 == 0 ? radius : radius * 0.45;
      double angle = -G_PI / 2 + i * G_PI / 5;

      cairo_line_to (cr, cx + r * cos (angle), cy + r * sin (angle));
    }
  cairo_close_path (cr);
}

double
_tl_render_unit (double width,
                 double height)
{
  if (width <= 0 || height <= 0)
    return 0.0;

  /* A portrait drawing is laid out as if turned: it gets the same type
   * size as the landscape one of the same dimensions. */
  return MIN (MAX (width, height) / TL_RENDER_NATURAL_WIDTH,
              MIN (width, height) / TL_RENDER_NATURAL_HEIGHT);
}

void
_tl_render_rect_to_drawing (double  unit,
                            double  x,
                            double  y,
                            double  width,
                            double  height,
                            double *out_x,
                            double *out_y,
                            double *out_width,
                            double *out_height)
{
  if (out_x != NULL)
    *out_x = x * unit;
  if (out_y != NULL)
    *out_y = y * unit;
  if (out_width != NULL)
    *out_width = width * unit;
  if (out_height != NULL)
    *out_height = height * unit;
}

void
_tl_render_rect_centre (double  x,
                        double  y,
                        double  width,
                        double  height,
                        double *cx,
                        double *cy)
{
  if (cx != NULL)
    *cx = x + width / 2;
  if (cy != NULL)
    *cy = y + height / 2;
}

double
_tl_render_heading_init (TlRenderHeading *heading,
                         PangoContext    *context,
                         TlTheme         *theme,
                         const char      *language,
                         const char      *title,
                         int              title_lines,
                         const char      *subtitle,
                         double           width)
{
  double height = 0;

  if (title != NULL && *title != '\0')
    {
      heading->title = _tl_render_layout_new (context, theme, language,
                                              TL_THEME_FONT_TITLE, 1.0, PANGO_WEIGHT_BOLD, title);
      _tl_render_layout_wrap (heading->title, width, title_lines);
      _tl_render_layout_size (heading->title, NULL, &heading->title_h);
      height += heading->title_h + 2;
    }

  heading->subtitle = _tl_render_layout_new (context, theme, language, TL_THEME_FONT_BODY, 1.0,
                                             PANGO_WEIGHT_NORMAL, subtitle);
  _tl_render_layout_wrap (heading->subtitle, width, 1);
  _tl_render_layout_size (heading->subtitle, NULL, &heading->subtitle_h);
  height += heading->subtitle_h;

  return height;
}

void
_tl_render_heading_draw (TlRenderHeading *heading,
                         cairo_t         *cr,
                         TlTheme         *theme,
                         double           x,
                         double           y)
{
  if (heading->title != NULL)
    {
      _tl_render_set_color (cr, tl_theme_get_text (theme), 1.0);
      _tl_render_show_layout (cr, heading->title, x, y);
      y += heading->title_h + 2;
    }

  _tl_render_set_color (cr, tl_theme_get_muted_text (theme), 1.0);
  _tl_render_show_layout (cr, heading->subtitle, x, y);
}

void
_tl_render_heading_clear (TlRenderHeading *heading)
{
  g_clear_object (&heading->title);
  g_clear_object (&heading->subtitle);
}

/* ---- kept images -------------------------------------------------------- */

/* The image is drawn with the target's own transform, fractional offset
 * included, so it rasterizes exactly as a direct draw would. */
#define KEPT_MAX_PIXELS (4096 * 4096)

TlRenderKeptWhere
_tl_render_kept_place (cairo_t           *cr,
                       double             width,
                       double             height,
                       const TlColor     *background,
                       guint             *n_draws,
                       TlRenderKeptPlace *place)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  cairo_matrix_t m;
  double cx0, cy0, cx1, cy1, px0, py0, px1, py1;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return TL_RENDER_KEPT_DIRECT;
  /* The kept image holds the page's background too and replaces what is
   * there: an opaque page only (a transparent one is drawn directly) */
  if (background->alpha < 1.0)
    return TL_RENDER_KEPT_DIRECT;

  cairo_get_matrix (cr, &m);
  if (m.xy != 0 || m.yx != 0 || m.xx <= 0 || m.yy <= 0)
    return TL_RENDER_KEPT_DIRECT;

  /* user space to the target's pixels */
  cairo_surface_get_device_scale (target, &place->sx, &place->sy);
  cairo_surface_get_device_offset (target, &place->ox, &place->oy);
  cairo_matrix_init (&place->pixel, m.xx * place->sx, 0, 0, m.yy * place->sy,
                     m.x0 * place->sx + place->ox, m.y0 * place->sy + place->oy);

  /* the pixels of the drawing that can show: inside the clip */
  cairo_clip_extents (cr, &cx0, &cy0, &cx1, &cy1);
  cx0 = MAX (cx0, 0);
  cy0 = MAX (cy0, 0);
  cx1 = MIN (cx1, width);
  cy1 = MIN (cy1, height);
  if (cx1 <= cx0 || cy1 <= cy0)
    return TL_RENDER_KEPT_NOTHING;
  px0 = cx0, py0 = cy0, px1 = cx1, py1 = cy1;
  cairo_matrix_transform_point (&place->pixel, &px0, &py0);
  cairo_matrix_transform_point (&place->pixel, &px1, &py1);
  place->x = (int) floor (px0);
  place->y = (int) floor (py0);
  place->w = (int) ceil (px1) - place->x;
  place->h = (int) ceil (py1) - place->y;
  if ((double) place->w * place->h > KEPT_MAX_PIXELS)
    return TL_RENDER_KEPT_DIRECT;
  if ((*n_draws)++ == 0)
    return TL_RENDER_KEPT_DIRECT;

  return TL_RENDER_KEPT_KEEP;
}

gboolean
_tl_render_kept_matches (const TlRenderKept      *kept,
                         const TlRenderKeptPlace *place)
{
  return kept->image != NULL &&
         memcmp (&kept->place.pixel, &place->pixel, sizeof place->pixel) == 0 &&
         kept->place.sx == place->sx && kept->place.sy == place->sy &&
         kept->place.ox == place->ox && kept->place.oy == place->oy &&
         kept->place.x == place->x && kept->place.y == place->y &&
         kept->place.w == place->w && kept->place.h == place->h;
}

cairo_t *
_tl_render_kept_begin (TlRenderKept            *kept,
                       const TlRenderKeptPlace *place,
                       double                   width,
                       double                   height)
{
  cairo_matrix_t shifted = place->pixel;
  cairo_t *kept_cr;

  _tl_render_kept_clear (kept);
  kept->image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, place->w, place->h);
  if (cairo_surface_status (kept->image) != CAIRO_STATUS_SUCCESS)
    {
      _tl_render_kept_clear (kept);
      return NULL;
    }
  kept->place = *place;

  shifted.x0 -= place->x;
  shifted.y0 -= place->y;
  kept_cr = cairo_create (kept->image);
  cairo_set_matrix (kept_cr, &shifted);
  cairo_rectangle (kept_cr, 0, 0, width, height);
  cairo_clip (kept_cr);

  return kept_cr;
}

void
_tl_render_kept_end (TlRenderKept *kept,
                     cairo_t      *kept_cr)
{
  cairo_destroy (kept_cr);
  cairo_surface_flush (kept->image);
}

void
_tl_render_kept_paint (const TlRenderKept *kept,
                       cairo_t            *cr)
{
  const TlRenderKeptPlace *place = &kept->place;

  /* painted in the target's pixels, pixel for pixel */
  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_identity_matrix (cr);
  cairo_translate (cr, -place->ox / place->sx, -place->oy / place->sy);
  cairo_scale (cr, 1 / place->sx, 1 / place->sy);
  cairo_set_source_surface (cr, kept->image, place->x, place->y);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_restore (cr);
}

void
_tl_render_kept_clear (TlRenderKept *kept)
{
  g_clear_pointer (&kept->image, cairo_surface_destroy);
}
