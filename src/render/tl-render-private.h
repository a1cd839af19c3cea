/* tl-render-private.h: helpers the painters share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "tl-theme.h"

G_BEGIN_DECLS

/* The size every painter lays itself out for; a drawing of another size
 * is this one scaled (and stretched along its longer side). */
#define TL_RENDER_NATURAL_WIDTH  1280.0
#define TL_RENDER_NATURAL_HEIGHT 800.0

/* A Pango context independent of any surface: text is laid out the same
 * for the screen, PNG, SVG and PDF (unhinted metrics), so hit-testing
 * agrees with every drawing. */
PangoContext *_tl_render_context_new  (const char    *language);

PangoLayout  *_tl_render_layout_new   (PangoContext  *context,
                                       TlTheme       *theme,
                                       const char    *language,
                                       TlThemeFont    font,
                                       double         scale,
                                       PangoWeight    weight,
                                       const char    *text);
/* Wraps at @width (words, or characters for CJK); with @max_lines > 0 the
 * rest is ellipsized. */
void          _tl_render_layout_wrap  (PangoLayout   *layout,
                                       double         width,
                                       int            max_lines);
void          _tl_render_layout_size  (PangoLayout   *layout,
                                       double        *width,
                                       double        *height);

void          _tl_render_set_color    (cairo_t       *cr,
                                       const TlColor *color,
                                       double         alpha);
void          _tl_render_rounded_rect (cairo_t       *cr,
                                       double         x,
                                       double         y,
                                       double         width,
                                       double         height,
                                       double         radius);
/* A five-pointed star centred on (@cx, @cy) */
void          _tl_render_star         (cairo_t       *cr,
                                       double         cx,
                                       double         cy,
                                       double         radius);

/* The uniform scale from natural units to a @width × @height drawing */
double        _tl_render_unit         (double         width,
                                       double         height);

G_END_DECLS
