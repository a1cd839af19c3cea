/* tl-canvas-view.h: a page drawn by one of the render layer's painters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

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
