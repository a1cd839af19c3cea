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

G_END_DECLS
