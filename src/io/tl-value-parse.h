/* tl-value-parse.h: reading the values of imported feedback, as people
 * write them in spreadsheets, in Chinese or English
 *
 * Pure functions (no I/O, no global state) except TlNameIndex, which
 * takes a snapshot of a document's names so that an import thread can
 * match station, loop, layer and type names without touching the
 * document.  Blank values are "no value", never an error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tl-model.h"

G_BEGIN_DECLS

/* ---- customer stage (DOMAIN.md §4) ---- */

/* "C", "c", "Ｃ", "顾客", "顧客", "customer", "C 顾客", "stage C" … all
 * give 'C'.  A blank @text gives '\0' and TRUE; FALSE when not a stage. */
gboolean            tl_value_parse_stage          (const char     *text,
                                                   char           *stage);

/* ---- channel phase (DOMAIN.md §6) ---- */

/* By id (tl_feedback_phase_ids()) or name in any of the three languages
 * ("认知", "售後", "after sales"); sets @phase to the id (static) or NULL
 * for a blank @text. */
gboolean            tl_value_parse_phase          (const char     *text,
                                                   const char    **phase);

/* ---- ratings ---- */

typedef enum {
  TL_RATING_SCALE_AUTO,     /* detect from the column's values */
  TL_RATING_SCALE_1_5,
  TL_RATING_SCALE_1_7,
  TL_RATING_SCALE_0_10,     /* NPS */
  TL_RATING_SCALE_1_10,
  TL_RATING_SCALE_M2_P2,    /* −2 … +2 */
  TL_RATING_SCALE_0_100,
} TlRatingScale;

/* "auto", "1-5", "1-7", "0-10", "1-10", "-2-2", "0-100"; also "1–5",
 * "1..5", "-2..2", "-2..+2", "−2…+2", "nps" */
gboolean            tl_rating_scale_parse         (const char     *text,
                                                   TlRatingScale  *scale);
/* "1-5", "-2-2", …, "auto" */
const char         *tl_rating_scale_to_string     (TlRatingScale   scale);
/* How people write it: "1–5", "−2…+2" (not translated) */
const char         *tl_rating_scale_get_name      (TlRatingScale   scale);
void                tl_rating_scale_get_range     (TlRatingScale   scale,
                                                   double         *lowest,
                                                   double         *highest);
gboolean            tl_rating_scale_contains      (TlRatingScale   scale,
                                                   double          value);

/* A rating as written: "4", "4.5", "4,5", "４", "+2", "−1", "4分", "4星",
 * "4 stars", "4/5", "80%", "★★★★☆".  Sets @value and, when the text says
 * what it is out of ("4/5", "80%", the stars), @out_of (else 0).  A blank
 * @text returns FALSE with *@blank TRUE. */
gboolean            tl_value_parse_rating         (const char     *text,
                                                   double         *value,
                                                   double         *out_of,
                                                   gboolean       *explicit_sign,
                                                   gboolean       *blank);

/* What the values of a rating column look like, for detecting its scale */
typedef struct {
  guint64  n;
  double   lowest;
  double   highest;
  gboolean explicit_sign;   /* some value was written with a "+" */
  double   out_of;          /* the one "out of" the values gave, or 0 */
  gboolean mixed_out_of;    /* values gave different ones */
} TlRatingStats;

void                tl_rating_stats_init          (TlRatingStats  *stats);
void                tl_rating_stats_add           (TlRatingStats  *stats,
                                                   double          value,
                                                   double          out_of,
                                                   gboolean        explicit_sign);
/* The scale the values were most likely given on: a negative value means
 * −2…+2 (so does a "+"), 1–5 when they fit, then 1–7, 0–10, 0–100.  AUTO
 * when no scale fits (or there are no values). */
TlRatingScale       tl_rating_scale_detect        (const TlRatingStats *stats);
/* Linearly from @scale's range onto 1 … @document_scale, clamped. */
double              tl_rating_normalise           (double          value,
                                                   TlRatingScale   scale,
                                                   guint           document_scale);

/* ---- dates ---- */

typedef enum {
  TL_DATE_ORDER_UNKNOWN,    /* not told; 3/4/2026 is read month first */
  TL_DATE_ORDER_DMY,        /* 24/3/2026 */
  TL_DATE_ORDER_MDY,        /* 3/24/2026 */
} TlDateOrder;

/* 2026-03-24, 2026/3/24, 2026.3.24, 20260324, 2026年3月24日, 24.03.2026,
 * 24/03/2026 or 03/24/2026, 24 Mar 2026, March 24, 2026, an Excel serial
 * day number; each with an optional time (14:05, 14:05:09, 2:05 PM,
 * 下午2:05, 14时05分, T14:05:09Z, +08:00).  Returns ISO 8601
 * ("2026-03-24" or "2026-03-24T14:05:00", with the zone when one was
 * given), or NULL when it is not a date (check @blank for a blank @text).
 * @order settles day and month when both are 12 or less; @evidence (may
 * be NULL) is set to the order the value itself proves, else UNKNOWN. */
char               *tl_value_parse_date           (const char     *text,
                                                   TlDateOrder     order,
                                                   TlDateOrder    *evidence,
                                                   gboolean       *blank);

/* ---- tags ---- */

/* Splits on , ; ， ； 、 | and line breaks, trims, drops empty and repeated
 * ones: "a, b"; NULL when there are none. */
char               *tl_value_parse_tags           (const char     *text);

/* ---- names of the document's stations, loops, layers, types ---- */

typedef struct _TlNameIndex TlNameIndex;

/* A snapshot of @document's ids and labels, plus the O2O template's names
 * in all three languages for the ids the document has.  Safe to use from
 * any one thread once made. */
TlNameIndex        *tl_name_index_new             (TlDocument     *document);
void                tl_name_index_free            (TlNameIndex    *self);
/* The id of the station, loop, layer or experience type that @text names
 * by id or by name in any language (case, width and spaces do not
 * matter); NULL when none.  A loop also by its number ("1", "loop 1",
 * "闭环1"). */
const char         *tl_name_index_lookup_station  (TlNameIndex    *self,
                                                   const char     *text);
const char         *tl_name_index_lookup_loop     (TlNameIndex    *self,
                                                   const char     *text);
const char         *tl_name_index_lookup_layer    (TlNameIndex    *self,
                                                   const char     *text);
const char         *tl_name_index_lookup_type     (TlNameIndex    *self,
                                                   const char     *text);
/* A list of links as written in a links column: "station:order;
 * cell:space/sense", names allowed ("station:口碑", "cell:空间/感官体验",
 * or a bare station or loop name), separated by ; ， ； 、 | or line
 * breaks.  Appends "station:ID", "loop:ID", "cell:LAYER/TYPE" to @links
 * (strings, freed by the array); FALSE with @bad set to the first part it
 * cannot read. */
gboolean            tl_name_index_parse_links     (TlNameIndex    *self,
                                                   const char     *text,
                                                   GPtrArray      *links,
                                                   char          **bad);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlNameIndex, tl_name_index_free)

/* NFKC, case-folded, without spaces, hyphens, underscores and dots: the
 * key names are compared by.  Exposed for the mapping of headers. */
char               *tl_value_fold                 (const char     *text);

G_END_DECLS
