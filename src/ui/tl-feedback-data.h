/* tl-feedback-data.h: the reads of feedback the evidence pane and the
 * feedback page make, in one place over the store's query API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tl-session.h"
#include "tl-store.h"

G_BEGIN_DECLS

/* What the Feedback page lists is a TlFeedbackQuery (tl-store.h). */
gboolean   _tl_feedback_query_equal      (const TlFeedbackQuery *a,
                                          const TlFeedbackQuery *b);
/* How many filters (the text, the order and the paging not counted) are
 * set */
guint      _tl_feedback_query_count_filters (const TlFeedbackQuery *query);
/* TRUE when the text or a filter narrows the list */
gboolean   _tl_feedback_query_is_narrowed (const TlFeedbackQuery *query);

typedef struct {
  char    *source;   /* NULL or "" for none given */
  guint64  count;
} TlEvidenceSourceCount;

typedef struct {
  /* [0]: no stage, [1..6]: A..F */
  guint64    stages[7];
  /* TlEvidenceSourceCount, most first */
  GPtrArray *sources;
} TlEvidenceCounts;

/* The newest items linked to @kind/@id (for a loop: to it or to one of
 * its stations), at most @limit; @total is set to how many there are. */
GPtrArray *_tl_evidence_fetch_quotes     (TlStore          *store,
                                          const char       *kind,
                                          const char       *id,
                                          guint             limit,
                                          guint64          *total);
/* GdkTexture thumbnails of the images of @item (NULL or empty without) */
GPtrArray *_tl_evidence_fetch_thumbnails (TlStore          *store,
                                          TlFeedbackItem   *item);
/* The feedback linked to @kind/@id (all of it when @kind is NULL) by
 * customer stage and by source */
void       _tl_evidence_fetch_counts     (TlStore          *store,
                                          const char       *kind,
                                          const char       *id,
                                          TlEvidenceCounts *counts);

/* ---- changes, each one undoable step on the session's stack ---- */

/* Adds @item with its links; returns its new id, or -1. */
gint64     _tl_feedback_add              (TlSession        *session,
                                          TlFeedbackItem   *item,
                                          GError          **error);
/* Replaces @fields of item tl_feedback_item_get_id (@item) (links and
 * images untouched) with those of @item; *@changed tells whether anything
 * differed (nothing is recorded then). */
gboolean   _tl_feedback_edit             (TlSession        *session,
                                          TlFeedbackItem   *item,
                                          TlFeedbackFields  fields,
                                          gboolean         *changed,
                                          GError          **error);
gboolean   _tl_feedback_delete           (TlSession        *session,
                                          const gint64     *ids,
                                          guint             n_ids,
                                          GError          **error);
/* Links (or unlinks) every item of @ids to @link ("station:ID", …);
 * items linked already (or not linked) are left as they are.  Returns how
 * many changed in @n_changed (may be NULL). */
gboolean   _tl_feedback_link             (TlSession        *session,
                                          const gint64     *ids,
                                          guint             n_ids,
                                          const char       *link,
                                          guint            *n_changed,
                                          GError          **error);
gboolean   _tl_feedback_unlink           (TlSession        *session,
                                          const gint64     *ids,
                                          guint             n_ids,
                                          const char       *link,
                                          GError          **error);
/* Attaches a PNG or JPEG image (checked) to item @id */
gboolean   _tl_feedback_add_image        (TlSession        *session,
                                          gint64            id,
                                          GBytes           *bytes,
                                          GError          **error);
/* Removes the @index'th image of item @id */
gboolean   _tl_feedback_remove_image     (TlSession        *session,
                                          gint64            id,
                                          guint             index,
                                          GError          **error);
/* The largest feedback id now (0 with none), before an import */
gint64     _tl_feedback_max_id           (TlStore          *store);
/* Makes the import that just committed one undoable step labelled
 * @label: the items with ids above @max_id_before */
gboolean   _tl_feedback_record_import    (TlSession        *session,
                                          gint64            max_id_before,
                                          const char       *label,
                                          GError          **error);
/* The images of item @id as encoded bytes (PNG or JPEG), in order */
GPtrArray *_tl_feedback_get_images       (TlStore          *store,
                                          gint64            id,
                                          GError          **error);

/* "touchloop-feedback:1,2,3": what a drag of feedback rows carries */
#define TL_FEEDBACK_DND_PREFIX "touchloop-feedback:"
char      *_tl_feedback_dnd_format       (const gint64     *ids,
                                          guint             n_ids);
/* The ids of a drag's text; NULL when it is not one of ours */
GArray    *_tl_feedback_dnd_parse        (const char       *text);

G_END_DECLS
