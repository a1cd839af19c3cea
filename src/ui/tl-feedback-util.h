/* tl-feedback-util.h: what the feedback widgets share — links by name,
 * search highlighting, stage names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tl-model.h"

G_BEGIN_DECLS

/* Links are "station:ID", "loop:ID" or "cell:LAYER/TYPE" (as
 * TlFeedbackItem keeps them); a selection is a kind and an id. */
char          *_tl_link_make           (const char   *kind,
                                        const char   *id);
/* Splits @link into its kind and id (both newly allocated); FALSE for a
 * malformed one. */
gboolean       _tl_link_parse          (const char   *link,
                                        char        **kind,
                                        char        **id);
/* The target by name: a station's label, a loop's name, "layer × type"
 * for a cell; the id when the target has no name, @link itself when it
 * is malformed. */
char          *_tl_link_describe       (TlDocument   *document,
                                        const char   *link);
/* Names of several links, joined the locale's way */
char          *_tl_links_describe      (TlDocument   *document,
                                        const char * const *links);
/* "Station", "Loop", "Matrix cell" (translated) */
const char    *_tl_link_kind_label     (const char   *kind);

/* "C · Customer" in the UI's language, or NULL for no stage */
char          *_tl_stage_describe      (char          stage);

/* The byte ranges of @text that match @query: each whitespace-separated
 * term of @query, case-insensitively (simple case folding of every
 * character, Chinese untouched).  An array of pairs of guint (start,
 * end), in order, not overlapping; empty for an empty query. */
GArray        *_tl_search_matches      (const char   *text,
                                        const char   *query);
/* @base (may be NULL) plus the attributes that highlight the matches of
 * @query in @text; NULL when there are none and @base is NULL. */
PangoAttrList *_tl_search_highlight    (const char   *text,
                                        const char   *query,
                                        PangoAttrList *base);

/* The Pango language tag for a document language, NULL for English */
const char    *_tl_pango_language_of   (const char   *language);

/* Copies every field, the links and the number of images of @src into
 * @dest (not the id). */
void           _tl_feedback_item_copy_fields (TlFeedbackItem *dest,
                                              TlFeedbackItem *src);

/* The styles of the feedback widgets (strength pills, thumbnails, the
 * drag badge, a canvas under a drag), added to the display once */
void           _tl_feedback_ensure_css (void);

/* A count the locale's way ("1,000,000") */
char          *_tl_format_count        (guint64       n);

G_END_DECLS
