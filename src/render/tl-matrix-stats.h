/* tl-matrix-stats.h: what the experience matrix shows in numbers — the
 * heat-map modes, the value of each cell in a mode, the row and column
 * summaries, the weakest and strongest cells
 *
 * Pure arithmetic over a document and its evidence aggregates (no
 * drawing), so that the painter, reports and tests agree.  Reading every
 * value is O(cells): evidence comes from the document's aggregates, never
 * from scanning feedback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-model.h"
#include "tl-theme.h"

G_BEGIN_DECLS

/* What colours the cells.  CURRENT is 0: a zeroed struct of options means
 * the current score, as the matrix was always coloured. */
typedef enum {
  TL_MATRIX_MODE_CURRENT,      /* current score */
  TL_MATRIX_MODE_PLAIN,        /* no colour */
  TL_MATRIX_MODE_TARGET,       /* target score */
  TL_MATRIX_MODE_GAP,          /* target − current, diverging */
  TL_MATRIX_MODE_EVIDENCE,     /* count of linked feedback items */
  TL_MATRIX_MODE_RATING,       /* average customer rating */
  TL_MATRIX_MODE_TEMPERATURE,  /* recent, engaged feedback (tl-evidence.h) */
  TL_MATRIX_N_MODES
} TlMatrixMode;

#define TL_TYPE_MATRIX_MODE (tl_matrix_mode_get_type ())
GType               tl_matrix_mode_get_type        (void) G_GNUC_CONST;

/* The modes' nicks in menu order, NULL-terminated: "plain", "current",
 * "target", "gap", "evidence", "rating", "temperature".  The CLI's --mode,
 * the window's win.matrix-mode action and the GEnum nicks use them. */
const char * const *tl_matrix_mode_nicks           (void);
/* FALSE (and @mode untouched) for anything else, NULL included */
gboolean            tl_matrix_mode_from_nick       (const char   *nick,
                                                    TlMatrixMode *mode);
const char         *tl_matrix_mode_to_nick         (TlMatrixMode  mode);
/* Translated, for menus and the legend: "Current score", "Gap" … */
const char         *tl_matrix_mode_get_label       (TlMatrixMode  mode);
/* The heat scale a mode colours with; FALSE for PLAIN, which has none */
gboolean            tl_matrix_mode_get_heat_scale  (TlMatrixMode  mode,
                                                    TlHeatScale  *scale);
/* TRUE for the modes that read scores: current, target, gap (and rating,
 * on the same scale); the weakest and strongest cells are marked in them */
gboolean            tl_matrix_mode_is_score        (TlMatrixMode  mode);
/* TRUE for the modes that read linked feedback: evidence, rating,
 * temperature */
gboolean            tl_matrix_mode_is_evidence     (TlMatrixMode  mode);

/* Why a cell has no value in a mode */
typedef enum {
  TL_MATRIX_VALUE_SET,           /* it has one */
  TL_MATRIX_VALUE_NONE,          /* PLAIN: no mode value at all */
  TL_MATRIX_VALUE_NOT_SCORED,    /* the score (or one of both, for gap) is unset */
  TL_MATRIX_VALUE_NO_EVIDENCE,   /* no feedback is linked */
  TL_MATRIX_VALUE_NO_RATING,     /* feedback is linked, none of it rated */
} TlMatrixValueState;

/* The ends of a mode's heat scale in the mode's units: 1..scale for
 * scores and ratings, −(scale − 1)..scale − 1 for the gap, 1..the largest
 * count for evidence, 0..the largest temperature.  PLAIN gives 0..0. */
typedef struct {
  double min;
  double max;
} TlMatrixRange;

void                tl_matrix_mode_get_range       (TlDocument    *document,
                                                    TlMatrixMode   mode,
                                                    TlMatrixRange *range);

typedef struct {
  TlMatrixValueState state;
  /* The number the cell prints (scores clamped to the scale); 0 without */
  double             value;
  /* Where it sits on the mode's heat scale: 0..1, or −1..1 for the
   * diverging gap; NAN without a value */
  double             position;
} TlMatrixValue;

/* The value of @cell in @mode, placed in @range (from
 * tl_matrix_mode_get_range() for the same document and mode). */
void                tl_matrix_cell_get_value       (TlDocument          *document,
                                                    TlCell              *cell,
                                                    TlMatrixMode         mode,
                                                    const TlMatrixRange *range,
                                                    TlMatrixValue       *value);

/* One row (layer) or column (experience type) added up */
typedef struct {
  guint   n_cells;        /* cells that exist in it */
  guint   n_current;      /* of which have a current score */
  double  current_sum;    /* their current scores, clamped to the scale */
  guint   n_gap;          /* of which have both scores */
  double  gap_sum;        /* their target − current */
  guint64 evidence;       /* linked feedback items over its cells */
} TlMatrixTally;

/* NAN when no cell has a current score */
double              tl_matrix_tally_average_current (const TlMatrixTally *tally);
/* NAN when no cell has both scores */
double              tl_matrix_tally_average_gap     (const TlMatrixTally *tally);

typedef struct {
  guint          n_layers;
  guint          n_types;
  TlMatrixTally *layers;     /* n_layers, in the document's order */
  TlMatrixTally *types;      /* n_types */
  TlMatrixTally  total;      /* the whole matrix */
  /* The layer and type with the lowest and the highest average current
   * score; -1 when none has one or all averages are equal */
  int            weakest_layer;
  int            strongest_layer;
  int            weakest_type;
  int            strongest_type;
} TlMatrixSummary;

TlMatrixSummary    *tl_matrix_summary_new          (TlDocument      *document);
void                tl_matrix_summary_free         (TlMatrixSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlMatrixSummary, tl_matrix_summary_free)

/* The weakest and the strongest cells in @mode, as cell ids
 * ("layer/type"), added to @weakest and @strongest (arrays of strings the
 * caller owns and frees).  Only in score modes (current, target, gap,
 * rating), among the cells with a value: the lowest and highest value —
 * for the gap, the largest gap is the weakest — with ties broken by a
 * second measure (current: the larger gap is weaker; target and gap: the
 * lower current score is weaker; rating: none).  Cells still tied are all
 * marked.  Nothing is marked when fewer than two cells have a value or
 * all of them are equal. */
void                tl_matrix_get_extremes         (TlDocument   *document,
                                                    TlMatrixMode  mode,
                                                    GPtrArray    *weakest,
                                                    GPtrArray    *strongest);

/* A one-line explanation of a touchpoint layer or experience type
 * (DOMAIN.md §3), translated, for tooltips: the header's own description
 * when the document gives one, else the built-in one for the template's
 * ids, else NULL. */
const char         *tl_matrix_header_explain       (TlMatrixHeader *header);

G_END_DECLS
