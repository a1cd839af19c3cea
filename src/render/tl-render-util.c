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
