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

G_END_DECLS
