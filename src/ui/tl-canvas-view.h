/* tl-canvas-view.h: a page drawn by one of the render layer's painters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tl-diagram-painter.h"
#include "tl-matrix-stats.h"
#include "tl-session.h"

G_BEGIN_DECLS

typedef enum {
  TL_CANVAS_DIAGRAM,
  TL_CANVAS_MATRIX,
} TlCanvasKind;

#define TL_TYPE_CANVAS_VIEW (tl_canvas_view_get_type ())
G_DECLARE_FINAL_TYPE (TlCanvasView, tl_canvas_view, TL, CANVAS_VIEW, GtkWidget)

GtkWidget    *tl_canvas_view_new         (TlCanvasKind  kind);
TlCanvasKind  tl_canvas_view_get_kind    (TlCanvasView *self);
TlSession    *tl_canvas_view_get_session (TlCanvasView *self);
void          tl_canvas_view_set_session (TlCanvasView *self,
                                          TlSession    *session);
/* Selects what lies at (@x, @y) in widget coordinates, as a click does. */
void          tl_canvas_view_select_at   (TlCanvasView *self,
                                          double        x,
                                          double        y);
/* The centre of @kind/@id ("station", "cell" "layer/type") as drawn now,
 * in widget coordinates; FALSE when this page does not draw it. */
/* What is drawn at (@x, @y), widget coordinates: TRUE with its @kind
 * ("station", "loop" — a loop's legend entry —, "cell", or another kind
 * the painter hit-tests) and @id (free both); FALSE and NULLs on nothing.
 * Does not change the selection. */
gboolean      tl_canvas_view_hit_test    (TlCanvasView  *self,
                                          double         x,
                                          double         y,
                                          char         **kind,
                                          char         **id);
/* Rings @kind/@id (a station, a loop's legend entry or a cell) as the
 * target of a drop in progress; NULL clears. */
void          tl_canvas_view_set_drop_highlight (TlCanvasView *self,
                                                 const char   *kind,
                                                 const char   *id);
/* How the diagram shows evidence (tl_diagram_painter_set_evidence_mode());
 * COUNT until set.  No effect on the matrix. */
TlDiagramEvidenceMode tl_canvas_view_get_evidence_mode (TlCanvasView          *self);
void                  tl_canvas_view_set_evidence_mode (TlCanvasView          *self,
                                                        TlDiagramEvidenceMode  mode);
gboolean      tl_canvas_view_locate      (TlCanvasView *self,
                                          const char   *kind,
                                          const char   *id,
                                          double       *x,
                                          double       *y);

/* Editing the diagram.  Dragged and arrow-moved stations snap to a grid
 * of 20 document units unless snap-to-grid is FALSE (it is TRUE at first).
 * start_rename opens the in-place rename of the selected station (as F2
 * and a double-click do); FALSE when no station is selected. */
gboolean      tl_canvas_view_get_snap_to_grid (TlCanvasView *self);
void          tl_canvas_view_set_snap_to_grid (TlCanvasView *self,
                                               gboolean      snap_to_grid);
gboolean      tl_canvas_view_start_rename     (TlCanvasView *self);

/* Editing the diagram's structure.
 *
 * add_station adds a station of kind "custom" under the pointer when it
 * is over the canvas, else in the middle of the view (snapped to the grid
 * when snapping), as one undoable step, selects it and opens its in-place
 * rename (Insert does it too).
 *
 * New Loop mode ("creating-loop"): clicks on stations, or Enter/Space on
 * the selected station, choose the new loop's stations in order; choosing
 * the first again closes it (one undoable step: the next palette colour,
 * "Loop N", then selected); Backspace takes the last back; Esc cancels.
 * finish_loop closes it now: with fewer than two stations it says so and
 * makes nothing (FALSE).  Leaving the mode otherwise makes nothing.
 *
 * select_in_direction selects the station nearest the selected one in the
 * direction (@dx, @dy) as drawn (Alt+arrows; plain arrows in New Loop
 * mode), or, with none selected, the one nearest the middle of the view;
 * FALSE when there is none that way.
 *
 * A Shift-drag on empty space draws a rubber band that adds the stations
 * it touches to the selection; a Ctrl-drag toggles them.  A plain drag on
 * empty space pans. */
gboolean      tl_canvas_view_add_station      (TlCanvasView *self);
gboolean      tl_canvas_view_get_creating_loop (TlCanvasView *self);
void          tl_canvas_view_set_creating_loop (TlCanvasView *self,
                                                gboolean      creating_loop);
gboolean      tl_canvas_view_finish_loop      (TlCanvasView *self);
gboolean      tl_canvas_view_select_in_direction (TlCanvasView *self,
                                                  double        dx,
                                                  double        dy);

/* The matrix's heat-map mode (property "matrix-mode"), kept when the
 * document changes; TL_MATRIX_MODE_CURRENT at first.  The diagram page
 * ignores it. */
TlMatrixMode  tl_canvas_view_get_matrix_mode (TlCanvasView *self);
void          tl_canvas_view_set_matrix_mode (TlCanvasView *self,
                                              TlMatrixMode  mode);

/* The theme: "system" (or NULL) follows the light or dark style; any
 * other name is one of tl_theme_names() ("projector"). */
const char   *tl_canvas_view_get_theme_name (TlCanvasView *self);
void          tl_canvas_view_set_theme_name (TlCanvasView *self,
                                             const char   *name);

/* Zoom and pan.  Fitted (the default), the page fills the widget; zoomed,
 * the painter's natural size is scaled by the zoom and can be panned.
 * The state is kept in the session, per page.  get_zoom gives the scale of
 * the natural size as drawn now, fitted or not. */
gboolean      tl_canvas_view_get_fit       (TlCanvasView *self);
double        tl_canvas_view_get_zoom      (TlCanvasView *self);
/* Multiplies the zoom by @factor, keeping the point under widget
 * coordinates (@x, @y) where it is. */
void          tl_canvas_view_zoom_at       (TlCanvasView *self,
                                            double        factor,
                                            double        x,
                                            double        y);
void          tl_canvas_view_zoom_in       (TlCanvasView *self);
void          tl_canvas_view_zoom_out      (TlCanvasView *self);
void          tl_canvas_view_zoom_fit      (TlCanvasView *self);
/* 100%: the painter's natural size, centred where the view is centred */
void          tl_canvas_view_zoom_actual   (TlCanvasView *self);
/* Moves the drawing by (@dx, @dy) widget pixels. */
void          tl_canvas_view_pan           (TlCanvasView *self,
                                            double        dx,
                                            double        dy);

G_END_DECLS
