/* tl-import.h: importing customer feedback from CSV/TSV files and pasted
 * spreadsheet cells into a document
 *
 *   g_autoptr(TlImport) import = tl_import_new_for_file (file);
 *   tl_import_set_skip_bad_rows (import, TRUE);           // options…
 *   preview = tl_import_preview (import, document, 20, …); // show, adjust
 *   tl_import_set_mapping (import, changed_mapping);
 *   tl_import_run_async (import, store, cancellable, done_cb, self);
 *   … tl_import_run_finish (), tl_import_get_report ()
 *
 * The import is one transaction: cancelled, failed, or refused because
 * of unusable rows (unless skipping them is allowed), it adds nothing and
 * the document and its evidence stay as they were.  Rows already in the
 * document (same text, date, source and respondent: the storage layer's
 * fingerprint) are counted as duplicates and not added again, so
 * importing a file twice adds nothing the second time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tl-import-error.h"
#include "tl-import-mapping.h"
#include "tl-import-preview.h"
#include "tl-import-report.h"
#include "tl-store.h"
#include "tl-text-encoding.h"
#include "tl-value-parse.h"

G_BEGIN_DECLS

typedef enum {
  TL_IMPORT_HEADER_AUTO,   /* a header when a cell of the first row names a field */
  TL_IMPORT_HEADER_YES,
  TL_IMPORT_HEADER_NO,
} TlImportHeader;

#define TL_TYPE_IMPORT (tl_import_get_type ())
G_DECLARE_FINAL_TYPE (TlImport, tl_import, TL, IMPORT, GObject)

/* A CSV or TSV file.  Its first row is a header (tl_import_set_header()). */
TlImport        *tl_import_new_for_file        (GFile            *file);
/* Cells pasted from a spreadsheet (tab-separated, UTF-8); a first row
 * is a header when it names a field. */
TlImport        *tl_import_new_for_text        (const char       *text);

/* ---- options: set them before tl_import_preview() / tl_import_run() ---- */

/* AUTO (the default) detects it */
void             tl_import_set_encoding        (TlImport         *self,
                                                TlTextEncoding    encoding);
/* 0 (the default) detects it; else ',', '\t' or ';' */
void             tl_import_set_delimiter       (TlImport         *self,
                                                char              delimiter);
void             tl_import_set_header          (TlImport         *self,
                                                TlImportHeader    header);
/* The mapping to use; NULL (the default): the remembered one for the
 * file's header, else from the header's names. */
void             tl_import_set_mapping         (TlImport         *self,
                                                TlImportMapping  *mapping);
/* "COLUMN=FIELD" (tl_import_mapping_apply_override()), applied on top of
 * the mapping in the order added; a bad one fails the preview and the run
 * with TL_IMPORT_ERROR_BAD_MAPPING. */
void             tl_import_add_override        (TlImport         *self,
                                                const char       *spec);
/* The scale the ratings were given on; AUTO (the default): the one the
 * header states, else detected from the column's values. */
void             tl_import_set_rating_scale    (TlImport         *self,
                                                TlRatingScale     scale);
/* Import the usable rows even when some are not (default FALSE: one
 * unusable row and nothing is imported). */
void             tl_import_set_skip_bad_rows   (TlImport         *self,
                                                gboolean          skip);
/* Read and check everything, change nothing. */
void             tl_import_set_dry_run         (TlImport         *self,
                                                gboolean          dry_run);
/* Remember the mapping for this header after a successful import
 * (default TRUE), in @path (NULL: the user's configuration directory). */
void             tl_import_set_remember_mapping (TlImport        *self,
                                                 gboolean         remember,
                                                 const char      *path);

/* ---- preview ---- */

/* Reads the first @max_rows rows: encoding, delimiter, header, the
 * mapping, and the problems those rows would have.  @document (may be
 * NULL) for the names of stations, loops, layers and types and the score
 * scale.  Errors: TL_IMPORT_ERROR (NOT_TEXT, EMPTY, BAD_MAPPING),
 * G_IO_ERROR. */
TlImportPreview *tl_import_preview             (TlImport         *self,
                                                TlDocument       *document,
                                                guint             max_rows,
                                                GCancellable     *cancellable,
                                                GError          **error);
void             tl_import_preview_async       (TlImport         *self,
                                                TlDocument       *document,
                                                guint             max_rows,
                                                GCancellable     *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer          user_data);
TlImportPreview *tl_import_preview_finish      (TlImport         *self,
                                                GAsyncResult     *result,
                                                GError          **error);

/* ---- running ---- */

/* Imports into @store in one transaction (the store must not be in one).
 * TRUE when it imported (or, in a dry run, would import) the usable rows.
 * FALSE with TL_IMPORT_ERROR_BAD_ROWS when there are unusable rows and
 * skipping them is not allowed, G_IO_ERROR_CANCELLED, or another error
 * (the file, the document); nothing was changed then.  The report
 * (tl_import_get_report()) is there either way. */
gboolean         tl_import_run                 (TlImport         *self,
                                                TlStore          *store,
                                                GCancellable     *cancellable,
                                                GError          **error);
/* The same in a worker thread; the commit (or rollback) happens in the
 * calling thread's main context before @callback, so the store's and the
 * document's signals are emitted there.  Until @callback, the store must
 * not be used by anyone else (its connection is in the import's
 * transaction): keep the window's feedback views from reading it, or
 * read through tl_store_query_feedback_ids_async(), which has its own
 * connection.  TlImport:progress and TlImport:rows-read are notified in
 * the calling thread's main context while it runs. */
void             tl_import_run_async           (TlImport         *self,
                                                TlStore          *store,
                                                GCancellable     *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer          user_data);
gboolean         tl_import_run_finish          (TlImport         *self,
                                                GAsyncResult     *result,
                                                GError          **error);

/* The report of the last run (NULL before one) */
TlImportReport  *tl_import_get_report          (TlImport         *self);
/* 0 … 1: the share of the file read so far */
double           tl_import_get_progress        (TlImport         *self);
guint64          tl_import_get_rows_read       (TlImport         *self);

G_END_DECLS
