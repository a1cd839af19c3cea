/* tl-diagram-layout-private.h: the diagram painter's geometry, for tests
 * and benchmarks inside the render layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-diagram-painter.h"

G_BEGIN_DECLS

/* One drawn arc of a loop, in the coordinates of a draw of width × height.
 * The line is the quadratic Bézier (x0, y0) (cx, cy) (x1, y1) in the
 * direction of travel.  Arcs of all loops between the same two stations
 * form a bundle: @offset is the signed distance of this line from the
 * stations' centre line, measured along the normal of the bundle's
 * canonical direction (from the station first in document order to the
 * other), so it compares across the bundle whatever way each loop runs. */
typedef struct {
  const char *loop_id;       /* owned by the document */
  guint       loop_index;    /* in the document's list of loops */
  guint       position;      /* of @from in the loop's resolved path */
  const char *from;          /* station ids, owned by the document */
  const char *to;
  guint       slot;          /* place in the bundle, 0 … n_slots − 1 */
  guint       n_slots;
  double      offset;
  double      x0, y0;
  double      cx, cy;
  double      x1, y1;
} TlDiagramLayoutArc;

/* A loop as laid out: @broken when it names a station the document lacks
 * or reaches fewer than two stations (the legend marks it). */
typedef struct {
  const char *loop_id;
  guint       n_arcs;
  gboolean    broken;
  /* hidden from view: no arcs, greyed in the legend */
  gboolean    hidden;
  /* The legend entry, drawing coordinates */
  double      legend_x, legend_y, legend_width, legend_height;
  /* Its show/hide toggle, when the legend draws toggles (else all 0) */
  double      toggle_x, toggle_y, toggle_width, toggle_height;
} TlDiagramLayoutLoop;

/* A station as laid out: its point (where its lines meet) and its card.
 * The card is centred on the point unless @displaced, when it was moved
 * beside the station to keep clear of the other cards and markers.  A
 * marker of @marker_radius, round enough to cover the ends of its lines,
 * is drawn at the point when @marked: when displaced, or when the card is
 * too small to cover them. */
typedef struct {
  const char *station_id;
  double      x, y;
  double      marker_radius;
  gboolean    displaced;
  gboolean    marked;
  double      card_x, card_y, card_width, card_height;
} TlDiagramLayoutStation;

typedef struct {
  GArray *arcs;              /* TlDiagramLayoutArc, by loop then position */
  GArray *loops;             /* TlDiagramLayoutLoop, in document order */
  GArray *stations;          /* TlDiagramLayoutStation, in document order */
} TlDiagramLayout;

TlDiagramLayout *_tl_diagram_painter_get_layout (TlDiagramPainter *self,
                                                 double            width,
                                                 double            height);
void             _tl_diagram_layout_free        (TlDiagramLayout  *layout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlDiagramLayout, _tl_diagram_layout_free)

G_END_DECLS
