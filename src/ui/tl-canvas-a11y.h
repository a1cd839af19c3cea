/* tl-canvas-a11y.h: keyboard focus, assistive technology and in-place
 * cell editing for a TlCanvasView
 *
 * GTK 4.8 cannot give a custom-drawn widget accessible children, so this
 * keeps a tree of invisible TlCanvasItem widgets over what the painter
 * draws: on the diagram a button per station and per legend entry; on the
 * matrix a grid of rows, row and column headers and cells.  They carry
 * the keyboard focus and the accessible names; focusing one selects its
 * object in the session, and a selection made elsewhere moves the focus
 * when the canvas has it.
 *
 * The canvas owns one of these and calls the hooks below; everything
 * else happens here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tl-canvas-view.h"

G_BEGIN_DECLS

#define TL_TYPE_CANVAS_A11Y (tl_canvas_a11y_get_type ())
G_DECLARE_FINAL_TYPE (TlCanvasA11y, tl_canvas_a11y, TL, CANVAS_A11Y, GObject)

/* Hooks for TlCanvasView.  new() in init (the items follow the view's
 * session from then on); the view keeps the reference and drops it first
 * thing in dispose, which unparents the items. */
TlCanvasA11y *tl_canvas_a11y_new            (TlCanvasView *view);
/* From size_allocate: places the items over the drawing. */
void          tl_canvas_a11y_allocate       (TlCanvasA11y *self,
                                             int           width,
                                             int           height);
/* The drawing moved without a new size (zoom, pan): places them again. */
void          tl_canvas_a11y_queue_layout   (TlCanvasA11y *self);
/* From snapshot, with @cr in the painter's coordinates (the view's zoom
 * applied): rings the focused object when focus is visible. */
void          tl_canvas_a11y_draw_focus     (TlCanvasA11y *self,
                                             cairo_t      *cr,
                                             double        draw_width,
                                             double        draw_height);
/* A pointer press at (@x, @y), widget coordinates: focuses the object
 * there without selecting it (the click decides that); FALSE on empty
 * space, where the view takes the focus itself. */
gboolean      tl_canvas_a11y_grab_focus_at  (TlCanvasA11y *self,
                                             double        x,
                                             double        y);
/* Focuses the selected object's item; FALSE when there is none. */
gboolean      tl_canvas_a11y_focus_selected (TlCanvasA11y *self);
/* Opens the in-place editor of a matrix cell ("layer/type") in a popover
 * over it (Enter on a cell, a double-click); FALSE on the diagram or an
 * unknown cell. */
gboolean      tl_canvas_a11y_edit_cell      (TlCanvasA11y *self,
                                             const char   *cell_id);

/* The root of the items (NULL until the view has a session) */
GtkWidget    *tl_canvas_a11y_get_root       (TlCanvasA11y *self);
/* The item of @kind ("station", "loop", "cell", "layer", "type") and @id */
GtkWidget    *tl_canvas_a11y_lookup         (TlCanvasA11y *self,
                                             const char   *kind,
                                             const char   *id);
/* The TlCellEditor while its popover shows, else NULL */
GtkWidget    *tl_canvas_a11y_get_cell_editor (TlCanvasA11y *self);

/* The rectangle of @candidates nearest to @from in @direction (UP, DOWN,
 * LEFT or RIGHT), centre to centre, by tl_diagram_nearest_in_direction():
 * among those ahead and within about 63° of the direction, the smallest
 * distance ahead plus twice the distance aside; failing that, the same
 * among all ahead.  -1 when nothing lies ahead.  Candidates centred where
 * @from is are skipped. */
int           tl_canvas_nearest_in_direction (const graphene_rect_t *from,
                                              const graphene_rect_t *candidates,
                                              guint                  n_candidates,
                                              GtkDirectionType       direction);

G_END_DECLS
