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
/* Draws @layout with its logical box's top-left at (@x, @y). */
void          _tl_render_show_layout  (cairo_t       *cr,
                                       PangoLayout   *layout,
                                       double         x,
                                       double         y);

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
/* Stores a rectangle of a scene in natural units, as drawn at @unit, in
 * those of @out_x, @out_y, @out_width and @out_height that are not NULL. */
void          _tl_render_rect_to_drawing (double      unit,
                                          double      x,
                                          double      y,
                                          double      width,
                                          double      height,
                                          double     *out_x,
                                          double     *out_y,
                                          double     *out_width,
                                          double     *out_height);
/* The centre of a rectangle, in those of @cx and @cy that are not NULL */
void          _tl_render_rect_centre  (double         x,
                                       double         y,
                                       double         width,
                                       double         height,
                                       double        *cx,
                                       double        *cy);

/* The title (when the document has one) and the subtitle at the top of
 * every page, in natural units: the pages of a report match. */
typedef struct {
  PangoLayout *title;      /* NULL without a title */
  double       title_h;
  PangoLayout *subtitle;
  double       subtitle_h;
} TlRenderHeading;

/* Lays the heading out @width wide, the title on at most @title_lines
 * lines; returns its height. */
double        _tl_render_heading_init  (TlRenderHeading *heading,
                                        PangoContext    *context,
                                        TlTheme         *theme,
                                        const char      *language,
                                        const char      *title,
                                        int              title_lines,
                                        const char      *subtitle,
                                        double           width);
/* Draws the heading with its top-left at (@x, @y). */
void          _tl_render_heading_draw  (TlRenderHeading *heading,
                                        cairo_t         *cr,
                                        TlTheme         *theme,
                                        double           x,
                                        double           y);
void          _tl_render_heading_clear (TlRenderHeading *heading);

/* An image of a whole drawing kept in its target's own pixels, repainted
 * while nothing it shows changed (redraws come far more often than
 * changes).  Only a raster target, an opaque background and a transform
 * that does not rotate qualify, and extents not too large to keep;
 * anything else is drawn directly. */
typedef struct {
  cairo_matrix_t pixel;    /* user space to the target's pixels */
  double         sx, sy;   /* the target's device scale and offset */
  double         ox, oy;
  int            x, y, w, h;  /* the pixels that can show */
} TlRenderKeptPlace;

typedef struct {
  cairo_surface_t   *image;   /* NULL while nothing is kept */
  TlRenderKeptPlace  place;
} TlRenderKept;

typedef enum {
  TL_RENDER_KEPT_DIRECT,   /* not to be kept: draw directly */
  TL_RENDER_KEPT_NOTHING,  /* nothing of the drawing can show */
  TL_RENDER_KEPT_KEEP,     /* @place is filled in */
} TlRenderKeptWhere;

/* Where a @width × @height drawing on @cr (on a page of @background)
 * would be kept.  @n_draws counts the draws of one scene that could be
 * kept: the first is drawn directly (a dragged station makes a new scene
 * every frame, and nothing would be drawn twice). */
TlRenderKeptWhere _tl_render_kept_place (cairo_t                 *cr,
                                         double                   width,
                                         double                   height,
                                         const TlColor           *background,
                                         guint                   *n_draws,
                                         TlRenderKeptPlace       *place);
/* Whether @kept holds an image for @place */
gboolean      _tl_render_kept_matches (const TlRenderKept      *kept,
                                       const TlRenderKeptPlace *place);
/* Drops what @kept holds and starts a new image for @place: returns a
 * context in the drawing's user space, clipped to the drawing, or NULL
 * (nothing kept) when no image could be made.  Draw, then call
 * _tl_render_kept_end(). */
cairo_t      *_tl_render_kept_begin   (TlRenderKept            *kept,
                                       const TlRenderKeptPlace *place,
                                       double                   width,
                                       double                   height);
void          _tl_render_kept_end     (TlRenderKept            *kept,
                                       cairo_t                 *kept_cr);
/* Paints the kept image onto @cr, pixel for pixel, replacing what is there */
void          _tl_render_kept_paint   (const TlRenderKept      *kept,
                                       cairo_t                 *cr);
void          _tl_render_kept_clear   (TlRenderKept            *kept);

G_END_DECLS
