/* tl-feedback-item.h: one piece of customer feedback, as listed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-model-types.h"

G_BEGIN_DECLS

#define TL_TYPE_FEEDBACK_ITEM (tl_feedback_item_get_type ())
G_DECLARE_FINAL_TYPE (TlFeedbackItem, tl_feedback_item, TL, FEEDBACK_ITEM, GObject)

/* Customer stages A–F (DOMAIN.md §4); '\0' when unknown. */
gboolean            tl_stage_is_valid                (char            stage);

TlFeedbackItem     *tl_feedback_item_new             (gint64          id);
gint64              tl_feedback_item_get_id          (TlFeedbackItem *self);
/* The storage layer sets the id a new item received. */
void                tl_feedback_item_set_id          (TlFeedbackItem *self,
                                                      gint64          id);
const char         *tl_feedback_item_get_text        (TlFeedbackItem *self);
void                tl_feedback_item_set_text        (TlFeedbackItem *self,
                                                      const char     *text);
const char         *tl_feedback_item_get_source      (TlFeedbackItem *self);
void                tl_feedback_item_set_source      (TlFeedbackItem *self,
                                                      const char     *source);
/* ISO 8601 date or date-time, or NULL */
const char         *tl_feedback_item_get_date        (TlFeedbackItem *self);
void                tl_feedback_item_set_date        (TlFeedbackItem *self,
                                                      const char     *date);
char                tl_feedback_item_get_stage       (TlFeedbackItem *self);
void                tl_feedback_item_set_stage       (TlFeedbackItem *self,
                                                      char            stage);
/* On the document's scale; has_rating FALSE when none was given. */
gboolean            tl_feedback_item_has_rating      (TlFeedbackItem *self);
double              tl_feedback_item_get_rating      (TlFeedbackItem *self);
void                tl_feedback_item_set_rating      (TlFeedbackItem *self,
                                                      double          rating);
void                tl_feedback_item_clear_rating    (TlFeedbackItem *self);
const char         *tl_feedback_item_get_respondent  (TlFeedbackItem *self);
void                tl_feedback_item_set_respondent  (TlFeedbackItem *self,
                                                      const char     *respondent);
const char         *tl_feedback_item_get_tags        (TlFeedbackItem *self);
void                tl_feedback_item_set_tags        (TlFeedbackItem *self,
                                                      const char     *tags);
/* Links as "station:ID", "loop:ID", "cell:LAYER/TYPE" */
const char * const *tl_feedback_item_get_links       (TlFeedbackItem *self);
void                tl_feedback_item_set_links       (TlFeedbackItem *self,
                                                      const char * const *links);

/* Channel phases (DOMAIN.md §6): "awareness", "evaluation", "purchase",
 * "delivery", "after-sales"; NULL-terminated. */
const char * const *tl_feedback_phase_ids            (void);
gboolean            tl_feedback_phase_is_valid       (const char     *phase);
/* Translated name of a phase id, or NULL when @phase is not one. */
const char         *tl_feedback_phase_label          (const char     *phase);

/* "awareness", … or NULL */
const char         *tl_feedback_item_get_phase       (TlFeedbackItem *self);
void                tl_feedback_item_set_phase       (TlFeedbackItem *self,
                                                      const char     *phase);
/* The rating as it was imported ("9", "−1", "4/5"), or NULL */
const char         *tl_feedback_item_get_rating_original (TlFeedbackItem *self);
void                tl_feedback_item_set_rating_original (TlFeedbackItem *self,
                                                          const char     *original);
/* How many images the item has (set by the storage layer) */
guint               tl_feedback_item_get_n_images    (TlFeedbackItem *self);
void                tl_feedback_item_set_n_images    (TlFeedbackItem *self,
                                                      guint           n_images);

/* Reads an ISO 8601 date as stored: YYYY-MM-DD, optionally followed by
 * "T" or a space and HH:MM[:SS[.fff]], optionally with "Z" or an offset
 * (ignored: the time is taken as written).  *@days is the number of days
 * since 1970-01-01, with the time as a fraction.  FALSE (and *@days
 * untouched) for anything else. */
gboolean            tl_feedback_date_parse           (const char     *date,
                                                      double         *days);

/* What identifies an imported row on a later import of the same file: a
 * 64-bit hash of the text (NFKC, trimmed, runs of white space as one
 * space), the date, the source and the respondent. */
gint64              tl_feedback_fingerprint          (const char     *text,
                                                      const char     *date,
                                                      const char     *source,
                                                      const char     *respondent);

G_END_DECLS
