/* tl-painter.h: a page of a document drawn with cairo, the base of the
 * diagram and matrix painters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "tl-model.h"
#include "tl-theme.h"

G_BEGIN_DECLS

#define TL_TYPE_PAINTER (tl_painter_get_type ())
G_DECLARE_DERIVABLE_TYPE (TlPainter, tl_painter, TL, PAINTER, GObject)

/* Positions are in the coordinates of a draw of @width × @height.  Objects
 * are named as the session names them: @kind "station", "loop" or "cell",
 * and the object's id ("layer/type" for a cell). */
struct _TlPainterClass
{
  GObjectClass parent_class;

  /* Draws the page over the theme's background, which tl_painter_draw()
   * has already painted, clipped to @width × @height. */
  void     (*draw)             (TlPainter  *self,
                                cairo_t    *cr,
                                double      width,
                                double      height);
  /* Optional: by default, the size every painter is laid out for */
  void     (*get_natural_size) (TlPainter  *self,
                                double     *width,
                                double     *height);
  /* TRUE on an object, with @kind and @id set (newly allocated); both
   * pointers are given and point to NULL.  Optional: by default nothing. */
  gboolean (*hit_test)         (TlPainter  *self,
                                double      width,
                                double      height,
                                double      x,
                                double      y,
                                char      **kind,
                                char      **id);
  /* @kind and @id are both set or both NULL; a kind the painter does not
   * draw selects nothing.  Optional. */
  void     (*set_selection)    (TlPainter  *self,
                                const char *kind,
                                const char *id);
  /* The centre of @kind/@id as drawn; FALSE when the painter does not draw
   * it.  @kind, @id, @x and @y are not NULL.  Optional. */
  gboolean (*locate)           (TlPainter  *self,
                                double      width,
                                double      height,
                                const char *kind,
                                const char *id,
                                double     *x,
                                double     *y);
};

/* The painter reads its document at every draw; it keeps a reference. */
TlDocument *tl_painter_get_document     (TlPainter   *self);
/* "light" until set; NULL restores "light". */
TlTheme    *tl_painter_get_theme        (TlPainter   *self);
void        tl_painter_set_theme        (TlPainter   *self,
                                         TlTheme     *theme);
/* The size the drawing is designed for; any other size scales it. */
void        tl_painter_get_natural_size (TlPainter   *self,
                                         double      *width,
                                         double      *height);
/* Fills @width × @height from (0, 0) of @cr's user space, background
 * included. */
void        tl_painter_draw             (TlPainter   *self,
                                         cairo_t     *cr,
                                         double       width,
                                         double       height);
/* What lies at (@x, @y): TRUE with its kind and id (free them), FALSE and
 * NULLs on nothing. */
gboolean    tl_painter_hit_test         (TlPainter   *self,
                                         double       width,
                                         double       height,
                                         double       x,
                                         double       y,
                                         char       **kind,
                                         char       **id);
/* Draws @kind/@id as selected; NULL for no selection. */
void        tl_painter_set_selection    (TlPainter   *self,
                                         const char  *kind,
                                         const char  *id);
/* The centre of @kind/@id as drawn; FALSE (and @x, @y untouched) when this
 * painter does not draw it. */
gboolean    tl_painter_locate           (TlPainter   *self,
                                         double       width,
                                         double       height,
                                         const char  *kind,
                                         const char  *id,
                                         double      *x,
                                         double      *y);

G_END_DECLS
