/* tl-evidence.h: what the customer feedback linked to a station, a loop or
 * a matrix cell says, in numbers
 *
 * Definitions (the README's "Evidence metrics" and the help popover say
 * the same):
 * - Reference date R: the date of the newest feedback item in the
 *   document; items without a date count as dated R.  age_i = days
 *   between the item's date and R (>= 0).
 * - Recency weight w_i = 2^(-age_i / H), H = the document's half-life in
 *   days (default 90, 1..3650).
 * - Engagement e_i = 1, + 0.5 when the text has 30 characters or more,
 *   + 0.5 when the item has an image (1..2).
 * - count = linked items; average rating = mean of the rated ones (on the
 *   document's scale); negative = rated items with (r - 1) / (scale - 1)
 *   <= 0.25; negative share = negative / rated (undefined when rated = 0).
 * - recent = Σ w_i; temperature = Σ e_i·w_i.
 * - Evidence strength: none when count = 0, weak when recent < M,
 *   moderate when M <= recent < S, strong when recent >= S (M, S: the
 *   document's "strength-moderate", default 3, and "strength-strong",
 *   default 10).
 * - A loop's evidence = the items linked to the loop or to any station of
 *   its cycle, each counted once.
 *
 * The storage layer keeps the aggregates (TlDocument holds them) so that
 * reading all of them never scans feedback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-model-types.h"

G_BEGIN_DECLS

typedef enum {
  TL_EVIDENCE_NONE,
  TL_EVIDENCE_WEAK,
  TL_EVIDENCE_MODERATE,
  TL_EVIDENCE_STRONG,
} TlEvidenceStrength;

typedef struct {
  guint64 count;        /* linked items */
  guint64 rated;        /* of which have a rating */
  double  rating_sum;   /* sum of their ratings, document scale */
  guint64 negative;     /* rated items in the bottom quarter of the scale */
  double  recent;       /* Σ w_i */
  double  temperature;  /* Σ e_i·w_i */
} TlEvidence;

#define TL_EVIDENCE_DEFAULT_HALF_LIFE         90.0
#define TL_EVIDENCE_MIN_HALF_LIFE             1.0
#define TL_EVIDENCE_MAX_HALF_LIFE             3650.0
#define TL_EVIDENCE_DEFAULT_STRENGTH_MODERATE 3.0
#define TL_EVIDENCE_DEFAULT_STRENGTH_STRONG   10.0
/* Texts of this many characters or more count as engaged */
#define TL_EVIDENCE_LONG_TEXT                 30

/* rating_sum / rated; NAN when rated == 0 */
double              tl_evidence_average_rating  (const TlEvidence *e);
/* negative / rated; NAN when rated == 0 */
double              tl_evidence_negative_share  (const TlEvidence *e);
/* From e->count and e->recent with the document's thresholds */
TlEvidenceStrength  tl_evidence_get_strength    (const TlEvidence *e,
                                                 TlDocument       *doc);
/* Translated: "None", "Weak", "Moderate", "Strong" */
const char         *tl_evidence_strength_label  (TlEvidenceStrength s);
/* (rating - 1) / (scale - 1) <= 0.25 */
gboolean            tl_rating_is_negative       (double            rating,
                                                 guint             scale);
/* 2^(-age / half_life); a negative age counts as 0 */
double              tl_evidence_weight          (double            age_days,
                                                 double            half_life_days);
/* 1 + 0.5 (text of 30+ characters) + 0.5 (has an image) */
double              tl_evidence_engagement      (const char       *text,
                                                 gboolean          has_image);
/* The same from the text's length in characters (Unicode code points) */
double              tl_evidence_engagement_for_length (guint64     n_chars,
                                                       gboolean    has_image);

/* Adds (@sign = 1) or takes away (@sign = -1) one item to @e: its rating
 * (when @has_rating) on a document of @scale, its recency @weight and
 * @engagement.  Taking away the last item leaves @e exactly zero, so
 * rounding does not pile up. */
void                tl_evidence_accumulate      (TlEvidence       *e,
                                                 int               sign,
                                                 gboolean          has_rating,
                                                 double            rating,
                                                 guint             scale,
                                                 double            weight,
                                                 double            engagement);
/* Multiplies the recency sums by @factor (the reference date moved). */
void                tl_evidence_scale_recency   (TlEvidence       *e,
                                                 double            factor);
gboolean            tl_evidence_equal           (const TlEvidence *a,
                                                 const TlEvidence *b,
                                                 double            tolerance);

G_END_DECLS
