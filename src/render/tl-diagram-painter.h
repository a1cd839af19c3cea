/* tl-diagram-painter.h: draws the six-loop diagram of a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-painter.h"

G_BEGIN_DECLS

#define TL_TYPE_DIAGRAM_PAINTER (tl_diagram_painter_get_type ())
G_DECLARE_FINAL_TYPE (TlDiagramPainter, tl_diagram_painter, TL, DIAGRAM_PAINTER, TlPainter)

/* As a TlPainter it hit-tests and locates stations (kind "station", by
 * their cards) and loops ("loop", by their legend entries: a click on a
 * legend entry hits its loop), and selects stations and loops.  A loop
 * that names a missing station or reaches fewer than two stations is
 * drawn through what remains and marked in the legend (a hollow, struck
 * badge).  get_document, get/set_theme,
 * get_natural_size and draw below are TlPainter's own, for callers that
 * hold a TlDiagramPainter.
 *
 * The painter reads @document at every draw; it keeps a reference.  The
 * theme is "light" until set. */
TlDiagramPainter *tl_diagram_painter_new                  (TlDocument       *document);
TlDocument       *tl_diagram_painter_get_document         (TlDiagramPainter *self);
TlTheme          *tl_diagram_painter_get_theme            (TlDiagramPainter *self);
void              tl_diagram_painter_set_theme            (TlDiagramPainter *self,
                                                           TlTheme          *theme);
/* The loop drawn strongly, the others dimmed; NULL for none */
const char       *tl_diagram_painter_get_focus_loop       (TlDiagramPainter *self);
void              tl_diagram_painter_set_focus_loop       (TlDiagramPainter *self,
                                                           const char       *loop_id);
/* @kind "station" or "loop" with its @id; NULL for no selection */
void              tl_diagram_painter_set_selection        (TlDiagramPainter *self,
                                                           const char       *kind,
                                                           const char       *id);
/* The size the drawing is designed for; any other size scales it. */
void              tl_diagram_painter_get_natural_size     (TlDiagramPainter *self,
                                                           double           *width,
                                                           double           *height);
/* Fills @width × @height from (0, 0) of @cr's user space, background
 * included. */
void              tl_diagram_painter_draw                 (TlDiagramPainter *self,
                                                           cairo_t          *cr,
                                                           double            width,
                                                           double            height);

/* Hit-testing in the coordinates of a draw of @width × @height.  The
 * returned id belongs to the document's station. */
const char       *tl_diagram_painter_station_at           (TlDiagramPainter *self,
                                                           double            width,
                                                           double            height,
                                                           double            x,
                                                           double            y);
/* The centre of @station_id; FALSE when there is no such station. */
gboolean          tl_diagram_painter_get_station_position (TlDiagramPainter *self,
                                                           double            width,
                                                           double            height,
                                                           const char       *station_id,
                                                           double           *x,
                                                           double           *y);
/* The card of @station_id (for a widget's overlays and accessible
 * children); FALSE when there is no such station. */
gboolean          tl_diagram_painter_get_station_bounds   (TlDiagramPainter *self,
                                                           double            width,
                                                           double            height,
                                                           const char       *station_id,
                                                           double           *x,
                                                           double           *y,
                                                           double           *box_width,
                                                           double           *box_height);
/* The drawing fits the stations' bounding box, so moving a station to the
 * edge rescales everything.  While frozen (during a drag), the mapping of
 * document units to the drawing stays what it was at the last draw. */
void              tl_diagram_painter_set_fit_frozen       (TlDiagramPainter *self,
                                                           gboolean          frozen);
/* Converts a point of a @width × @height drawing to document units (where
 * station x/y live), e.g. to move a dragged station. */
void              tl_diagram_painter_to_document          (TlDiagramPainter *self,
                                                           double            width,
                                                           double            height,
                                                           double            x,
                                                           double            y,
                                                           double           *doc_x,
                                                           double           *doc_y);

G_END_DECLS
