/* tl-render-util.c: helpers the painters share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

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
