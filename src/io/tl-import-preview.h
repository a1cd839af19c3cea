/* tl-import-preview.h: the first rows of a file to import, and what the
 * import would make of them (for the mapping dialog)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "tl-import-mapping.h"
#include "tl-import-report.h"
#include "tl-text-encoding.h"

G_BEGIN_DECLS

#define TL_TYPE_IMPORT_PREVIEW (tl_import_preview_get_type ())
G_DECLARE_FINAL_TYPE (TlImportPreview, tl_import_preview, TL, IMPORT_PREVIEW, GObject)

/* What was detected (or given) */
TlTextEncoding      tl_import_preview_get_encoding      (TlImportPreview *self);
gboolean            tl_import_preview_get_had_bom       (TlImportPreview *self);
char                tl_import_preview_get_delimiter     (TlImportPreview *self);
gboolean            tl_import_preview_get_has_header    (TlImportPreview *self);

guint               tl_import_preview_get_n_columns     (TlImportPreview *self);
/* The header's cells, or "Column 1", "Column 2" … when there is no header;
 * n_columns strings, NULL-terminated */
const char * const *tl_import_preview_get_header        (TlImportPreview *self);

/* Rows of data read (at most the number asked for) */
guint               tl_import_preview_get_n_rows        (TlImportPreview *self);
/* n_columns strings (missing cells are ""), NULL-terminated */
const char * const *tl_import_preview_get_row           (TlImportPreview *self,
                                                         guint            index);
/* Its row number as a spreadsheet shows it */
guint64             tl_import_preview_get_row_number    (TlImportPreview *self,
                                                         guint            index);
/* The problem of that row with the current mapping (translated), or NULL */
const char         *tl_import_preview_get_row_problem   (TlImportPreview *self,
                                                         guint            index);
/* FALSE when the file ended within the rows read */
gboolean            tl_import_preview_get_has_more      (TlImportPreview *self);

/* The mapping the import would use: remembered for this header, else
 * from the header's names (and a guess for the text); with the overrides
 * of the TlImport applied.  A copy: change it and give it to
 * tl_import_set_mapping(). */
TlImportMapping    *tl_import_preview_get_mapping       (TlImportPreview *self);
/* TRUE when the mapping came from an earlier import of the same header */
gboolean            tl_import_preview_get_mapping_remembered (TlImportPreview *self);
/* The rating scale: given, stated in the header, or detected from the
 * previewed rows; AUTO when there is no rating column or nothing fits */
TlRatingScale       tl_import_preview_get_rating_scale  (TlImportPreview *self);
/* The problems of the previewed rows, as the import would report them */
TlImportReport     *tl_import_preview_get_report        (TlImportPreview *self);

G_END_DECLS
