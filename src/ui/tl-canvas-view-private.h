/* tl-canvas-view-private.h: the canvas's input handlers, for tests
 *
 * GTK 4.8 cannot synthesize pointer events, so tests call the functions
 * the gestures and the key controller call, with the same arguments.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-canvas-view.h"

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
/* The entry of the rename popover while it is shown, else NULL */
GtkWidget *_tl_canvas_view_get_rename_entry (TlCanvasView    *self);

G_END_DECLS
