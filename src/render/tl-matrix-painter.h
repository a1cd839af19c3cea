/* tl-matrix-painter.h: draws the experience matrix of a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-matrix-stats.h"
#include "tl-painter.h"

G_BEGIN_DECLS

#define TL_TYPE_MATRIX_PAINTER (tl_matrix_painter_get_type ())
G_DECLARE_FINAL_TYPE (TlMatrixPainter, tl_matrix_painter, TL, MATRIX_PAINTER, TlPainter)

/* As a TlPainter it hit-tests, selects and locates cells: kind "cell", id
 * "layer/type".  get_document, get/set_theme, get_natural_size and draw
 * below are TlPainter's own, for callers that hold a TlMatrixPainter.
 *
 * The painter reads @document at every draw; it keeps a reference.  The
 * theme is "light" until set.  It keeps its layout between draws and
 * hit-tests of one size, and lays out again when the document, its
 * evidence, the theme or the mode changes. */
TlMatrixPainter *tl_matrix_painter_new               (TlDocument      *document);
TlDocument      *tl_matrix_painter_get_document      (TlMatrixPainter *self);
TlTheme         *tl_matrix_painter_get_theme         (TlMatrixPainter *self);
void             tl_matrix_painter_set_theme         (TlMatrixPainter *self,
                                                      TlTheme         *theme);
/* What colours the cells (property "mode"); TL_MATRIX_MODE_CURRENT until
 * set.  Every mode prints its number in each cell, and the legend shows
 * the mode's name and scale. */
TlMatrixMode     tl_matrix_painter_get_mode          (TlMatrixPainter *self);
void             tl_matrix_painter_set_mode          (TlMatrixPainter *self,
                                                      TlMatrixMode     mode);
/* A cell (@layer_id and @type_id), a row (@type_id NULL), a column
 * (@layer_id NULL) or nothing (both NULL). */
void             tl_matrix_painter_set_selection     (TlMatrixPainter *self,
                                                      const char      *layer_id,
                                                      const char      *type_id);
void             tl_matrix_painter_get_natural_size  (TlMatrixPainter *self,
                                                      double          *width,
                                                      double          *height);
/* Fills @width × @height from (0, 0) of @cr's user space, background
 * included. */
void             tl_matrix_painter_draw              (TlMatrixPainter *self,
                                                      cairo_t         *cr,
                                                      double           width,
                                                      double           height);

/* Hit-testing in the coordinates of a draw of @width × @height.  TRUE on a
 * cell, with its layer and type ids (owned by the document). */
gboolean         tl_matrix_painter_cell_at           (TlMatrixPainter *self,
                                                      double           width,
                                                      double           height,
                                                      double           x,
                                                      double           y,
                                                      const char     **layer,
                                                      const char     **type);
/* TRUE on a row or column header, with its axis and id */
gboolean         tl_matrix_painter_header_at         (TlMatrixPainter *self,
                                                      double           width,
                                                      double           height,
                                                      double           x,
                                                      double           y,
                                                      TlMatrixAxis    *axis,
                                                      const char     **id);
/* The rectangle of a cell, for overlays and accessible children */
gboolean         tl_matrix_painter_get_cell_bounds   (TlMatrixPainter *self,
                                                      double           width,
                                                      double           height,
                                                      const char      *layer_id,
                                                      const char      *type_id,
                                                      double          *x,
                                                      double          *y,
                                                      double          *cell_width,
                                                      double          *cell_height);
/* The rectangle of a row (@axis LAYER) or column (TYPE) header */
gboolean         tl_matrix_painter_get_header_bounds (TlMatrixPainter *self,
                                                      double           width,
                                                      double           height,
                                                      TlMatrixAxis     axis,
                                                      const char      *id,
                                                      double          *x,
                                                      double          *y,
                                                      double          *header_width,
                                                      double          *header_height);
/* The rectangle of the summary at the end of a row (@axis LAYER: at its
 * right) or a column (TYPE: below it) */
gboolean         tl_matrix_painter_get_summary_bounds (TlMatrixPainter *self,
                                                       double           width,
                                                       double           height,
                                                       TlMatrixAxis     axis,
                                                       const char      *id,
                                                       double          *x,
                                                       double          *y,
                                                       double          *summary_width,
                                                       double          *summary_height);
/* The rectangle of the legend's colour bar, its low end on the left;
 * FALSE when the mode has no colours (PLAIN) or nothing is drawn. */
gboolean         tl_matrix_painter_get_legend_bounds  (TlMatrixPainter *self,
                                                       double           width,
                                                       double           height,
                                                       double          *x,
                                                       double          *y,
                                                       double          *bar_width,
                                                       double          *bar_height);

G_END_DECLS
