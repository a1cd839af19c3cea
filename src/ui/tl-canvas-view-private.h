/* tl-canvas-view-private.h: the canvas's input handlers, for tests
 *
 * GTK 4.8 cannot synthesize pointer events, so tests call the functions
 * the gestures and the key controller call, with the same arguments.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-canvas-view.h"
#include "tl-painter.h"

G_BEGIN_DECLS

/* A click released at (@x, @y), widget coordinates, the @n_press'th */
void       _tl_canvas_view_click            (TlCanvasView    *self,
                                             int              n_press,
                                             double           x,
                                             double           y,
                                             GdkModifierType  state);
/* A drag starting at (@x, @y), moved by (@offset_x, @offset_y), ended */
void       _tl_canvas_view_drag_begin       (TlCanvasView    *self,
                                             double           x,
                                             double           y,
                                             GdkModifierType  state);
void       _tl_canvas_view_drag_update      (TlCanvasView    *self,
                                             double           offset_x,
                                             double           offset_y);
void       _tl_canvas_view_drag_end         (TlCanvasView    *self);
gboolean   _tl_canvas_view_key_pressed      (TlCanvasView    *self,
                                             guint            keyval,
                                             GdkModifierType  state);
/* The stations chosen so far in New Loop mode (ids, owned by the view) */
GPtrArray *_tl_canvas_view_get_loop_draft   (TlCanvasView    *self);
/* The entry of the rename popover while it is shown, else NULL */
GtkWidget *_tl_canvas_view_get_rename_entry (TlCanvasView    *self);

/* For the focusable children (tl-canvas-a11y.c): the painter (NULL
 * without a session) and the transform from its drawing to widget
 * coordinates, widget = drawing × @scale + offset, the drawing being
 * @draw_width × @draw_height. */
TlPainter *_tl_canvas_view_get_painter      (TlCanvasView    *self);
void       _tl_canvas_view_get_transform    (TlCanvasView    *self,
                                             double          *draw_width,
                                             double          *draw_height,
                                             double          *scale,
                                             double          *offset_x,
                                             double          *offset_y);

/* The drop target ringed now (tl_canvas_view_set_drop_highlight()), for
 * tests: FALSE and NULLs when none */
gboolean   _tl_canvas_view_get_drop_highlight (TlCanvasView  *self,
                                               const char   **kind,
                                               const char   **id);

G_END_DECLS
