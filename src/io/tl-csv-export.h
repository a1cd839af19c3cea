/* tl-csv-export.h: customer feedback as a CSV file spreadsheets open
 *
 * UTF-8 with a byte order mark (so Excel reads it as UTF-8), a header
 * row, CRLF line ends, RFC 4180 quoting, and every cell that begins with
 * = + - @ tab or carriage return prefixed with a single quote, so a
 * spreadsheet never runs it as a formula.  The columns: id, date, text,
 * source, stage, rating (its header names the document's scale, "rating
 * (1-5)", so importing the file again reads the ratings right),
 * rating_original, respondent, tags, phase, links ("station:order;
 * cell:space/sense").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tl-store.h"

G_BEGIN_DECLS

/* Writes the feedback @query matches (NULL: all of it, in list order) to
 * @file, replacing it atomically.  Returns the number of items written
 * in @n_written (may be NULL). */
gboolean tl_csv_export_feedback       (TlStore               *store,
                                       const TlFeedbackQuery *query,
                                       GFile                 *file,
                                       guint64               *n_written,
                                       GCancellable          *cancellable,
                                       GError               **error);

/* TRUE when a spreadsheet could take @value for a formula: it begins with
 * = + - @ tab or carriage return. */
gboolean tl_csv_value_is_formula_like (const char            *value);
/* Appends @value as one CSV cell: neutralised (a leading ' when formula
 * like), quoted when it holds @delimiter, a quote or a line break. */
void     tl_csv_append_cell           (GString               *out,
                                       const char            *value,
                                       char                   delimiter);

G_END_DECLS
