/* tl-canvas-item.h: an invisible widget over one object a canvas draws
 *
 * GTK 4.8 has no accessible objects other than widgets, so every station,
 * legend entry, matrix row, header and cell the painters draw gets one of
 * these, allocated over its drawn rectangle: keyboard focus and assistive
 * technology land on real widgets, while the painter still draws
 * everything.  Items draw nothing; the canvas draws the focus ring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TL_TYPE_CANVAS_ITEM (tl_canvas_item_get_type ())
G_DECLARE_FINAL_TYPE (TlCanvasItem, tl_canvas_item, TL, CANVAS_ITEM, GtkWidget)

/* Decides where focus goes inside a container item (the root of a tree of
 * items): as GtkWidgetClass.focus, TRUE when it moved focus. */
typedef gboolean (*TlCanvasItemFocusFunc) (TlCanvasItem     *item,
                                           GtkDirectionType  direction,
                                           gpointer          user_data);

/* @kind and @id name the drawn object as the session does ("station",
 * "loop", "cell" …); a container item (the root, a matrix row) has a
 * kind of its own ("root", "row").  Leaves are focusable. */
GtkWidget  *tl_canvas_item_new            (GtkAccessibleRole      role,
                                           const char            *kind,
                                           const char            *id,
                                           gboolean               focusable);
const char *tl_canvas_item_get_kind       (TlCanvasItem          *self);
const char *tl_canvas_item_get_id         (TlCanvasItem          *self);

/* Where the object is drawn: @bounds in the coordinates of the root item
 * (the canvas's widget coordinates), @drawn in the painter's drawing.  An
 * item without bounds (the painter does not draw it now) is allocated
 * empty and skipped by keyboard navigation.  Takes effect at the next
 * allocation of the parent. */
void        tl_canvas_item_set_bounds     (TlCanvasItem          *self,
                                           const graphene_rect_t *bounds,
                                           const graphene_rect_t *drawn);
void        tl_canvas_item_clear_bounds   (TlCanvasItem          *self);
gboolean    tl_canvas_item_get_bounds     (TlCanvasItem          *self,
                                           graphene_rect_t       *bounds);
gboolean    tl_canvas_item_get_drawn      (TlCanvasItem          *self,
                                           graphene_rect_t       *drawn);

/* Updates the accessible label and description, only when they changed
 * (each change is an event for assistive technology).  @description may
 * be NULL for none. */
void        tl_canvas_item_set_text       (TlCanvasItem          *self,
                                           const char            *label,
                                           const char            *description);
const char *tl_canvas_item_get_label      (TlCanvasItem          *self);
const char *tl_canvas_item_get_description (TlCanvasItem         *self);
/* The selected state for assistive technology */
void        tl_canvas_item_set_selected   (TlCanvasItem          *self,
                                           gboolean               selected);

/* Allocates the children over their bounds (and presents a popover
 * pointing at the item), as size_allocate does; @recursive for all the
 * descendants, which GTK would skip where a size did not change. */
void        tl_canvas_item_allocate_children (TlCanvasItem       *self,
                                              gboolean            recursive);

/* TlCanvasItem::activate (no arguments) is the widget's activate signal:
 * gtk_widget_activate() and the canvas's Enter key emit it. */

/* Only for a container item: replaces GTK's focus chain inside it. */
void        tl_canvas_item_set_focus_func (TlCanvasItem          *self,
                                           TlCanvasItemFocusFunc  func,
                                           gpointer               user_data);

G_END_DECLS
