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
/* Where @station_id is drawn: the point its lines meet, which is the
 * centre of its card unless the card was moved beside it (see
 * get_station_bounds); FALSE when there is no such station. */
gboolean          tl_diagram_painter_get_station_position (TlDiagramPainter *self,
                                                           double            width,
                                                           double            height,
                                                           const char       *station_id,
                                                           double           *x,
                                                           double           *y);
/* The card of @station_id, its label in it (for a widget's overlays and
 * accessible children).  A card that would cover another card or another
 * station's marker is moved beside its station (below, above, right,
 * left, the corners, then further out: the first free place), so cards
 * never overlap where there is room; FALSE when there is no such station. */
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
/* Loops not drawn, view state the screen passes on: no line, arrow or
 * station dot, no room in the bundles; their legend entries stay, greyed,
 * so that they can be shown again.  NULL or empty shows every loop. */
void              tl_diagram_painter_set_hidden_loops     (TlDiagramPainter *self,
                                                           const char * const *loop_ids);
gboolean          tl_diagram_painter_get_loop_hidden      (TlDiagramPainter *self,
                                                           const char       *loop_id);
/* Whether each loop's legend entry ends in a show/hide toggle (an eye):
 * the screen shows them, exports do not (the default).  A click on one
 * hit-tests as kind "loop-visibility" with the loop's id, and locate()
 * finds it by that kind. */
void              tl_diagram_painter_set_show_visibility_toggles (TlDiagramPainter *self,
                                                                  gboolean          show);
/* The station nearest to @station_id in the direction (@dx, @dy) as drawn
 * (arrow keys: (1, 0) is right, (0, 1) down), or NULL when there is none
 * that way.  See tl_diagram_nearest_in_direction(). */
const char       *tl_diagram_painter_station_in_direction (TlDiagramPainter *self,
                                                           double            width,
                                                           double            height,
                                                           const char       *station_id,
                                                           double            dx,
                                                           double            dy);
/* Of @n_points points (x, y pairs), the index of the nearest to point
 * @from in the direction (@dx, @dy), or -1: among the points ahead (within
 * about 63° of the direction) the one with the least distance along it
 * plus twice the distance across; if none lies that close to the line,
 * the same among all points ahead.  Pure: for keyboard navigation over
 * anything drawn. */
int               tl_diagram_nearest_in_direction         (const double     *points,
                                                           guint             n_points,
                                                           guint             from,
                                                           double            dx,
                                                           double            dy);
/* Evidence linked to stations and loops (tl_document_get_evidence()):
 * with a mode other than NONE each station with evidence gets a pill with
 * its count at its card's top-right corner, each loop one at the end of
 * its legend entry (its look tells the evidence strength: hollow when
 * weak, grey when moderate, dark when strong), and the card's fill takes
 * on ~35 % of the theme's heat colour (TL_HEAT_EVIDENCE for the count
 * against the largest station count, TL_HEAT_TEMPERATURE for the
 * temperature).  Nothing shows for an object without evidence.  COUNT
 * by default. */
typedef enum {
  TL_DIAGRAM_EVIDENCE_NONE,
  TL_DIAGRAM_EVIDENCE_COUNT,
  TL_DIAGRAM_EVIDENCE_TEMPERATURE
} TlDiagramEvidenceMode;

void                  tl_diagram_painter_set_evidence_mode (TlDiagramPainter      *self,
                                                            TlDiagramEvidenceMode  mode);
TlDiagramEvidenceMode tl_diagram_painter_get_evidence_mode (TlDiagramPainter      *self);

/* The legend entry of @loop_id (what a click or a drop on it hits), for
 * overlays; FALSE when there is no such loop. */
gboolean          tl_diagram_painter_get_loop_bounds      (TlDiagramPainter *self,
                                                           double            width,
                                                           double            height,
                                                           const char       *loop_id,
                                                           double           *x,
                                                           double           *y,
                                                           double           *box_width,
                                                           double           *box_height);

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
