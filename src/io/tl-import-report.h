/* tl-import-report.h: what an import did, and every row it could not use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "tl-text-encoding.h"
#include "tl-value-parse.h"

G_BEGIN_DECLS

/* Problems kept in detail; the rest are counted */
#define TL_IMPORT_REPORT_MAX_PROBLEMS 1000

typedef enum {
  TL_IMPORT_STATUS_NONE,        /* not run yet */
  TL_IMPORT_STATUS_IMPORTED,    /* committed: the good rows are in the document */
  TL_IMPORT_STATUS_DRY_RUN,     /* read and checked, nothing changed */
  TL_IMPORT_STATUS_REFUSED,     /* unusable rows and skipping not allowed: nothing changed */
  TL_IMPORT_STATUS_CANCELLED,   /* nothing changed */
  TL_IMPORT_STATUS_FAILED,      /* the file could not be read, or writing failed: nothing changed */
} TlImportStatus;

typedef struct {
  guint64  row;      /* as a spreadsheet numbers it (the header is 1); 0 for the whole file */
  guint64  line;     /* the line in the file, 0 when not known */
  char    *column;   /* the column's header (or "column 3"), NULL for the whole row */
  char    *value;    /* the value in question (shortened), or NULL */
  char    *reason;   /* translated: what is wrong and what to do */
} TlImportProblem;

#define TL_TYPE_IMPORT_PROBLEM (tl_import_problem_get_type ())
GType            tl_import_problem_get_type  (void) G_GNUC_CONST;
TlImportProblem *tl_import_problem_copy      (const TlImportProblem *problem);
void             tl_import_problem_free      (TlImportProblem       *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlImportProblem, tl_import_problem_free)

#define TL_TYPE_IMPORT_REPORT (tl_import_report_get_type ())
G_DECLARE_FINAL_TYPE (TlImportReport, tl_import_report, TL, IMPORT_REPORT, GObject)

TlImportReport *tl_import_report_new              (void);

/* The file's name as shown ("reviews.csv"), or NULL for pasted text */
const char     *tl_import_report_get_source_name  (TlImportReport *self);
void            tl_import_report_set_source_name  (TlImportReport *self,
                                                   const char     *name);
TlTextEncoding  tl_import_report_get_encoding     (TlImportReport *self);
void            tl_import_report_set_encoding     (TlImportReport *self,
                                                   TlTextEncoding  encoding);
char            tl_import_report_get_delimiter    (TlImportReport *self);
void            tl_import_report_set_delimiter    (TlImportReport *self,
                                                   char            delimiter);
/* The scale ratings were read on; AUTO when no rating was imported */
TlRatingScale   tl_import_report_get_rating_scale (TlImportReport *self);
void            tl_import_report_set_rating_scale (TlImportReport *self,
                                                   TlRatingScale   scale);
TlImportStatus  tl_import_report_get_status       (TlImportReport *self);
void            tl_import_report_set_status       (TlImportReport *self,
                                                   TlImportStatus  status);
/* For FAILED: what went wrong (translated) */
const char     *tl_import_report_get_message      (TlImportReport *self);
void            tl_import_report_set_message      (TlImportReport *self,
                                                   const char     *message);

/* Rows of data read (not the header, not blank rows) */
guint64         tl_import_report_get_n_rows       (TlImportReport *self);
/* Rows added to the document (in a dry run: that would be added) */
guint64         tl_import_report_get_n_imported   (TlImportReport *self);
/* Rows already in the document, or earlier in the same file */
guint64         tl_import_report_get_n_duplicates (TlImportReport *self);
/* Rows with a problem (not imported) */
guint64         tl_import_report_get_n_skipped    (TlImportReport *self);
void            tl_import_report_set_counts       (TlImportReport *self,
                                                   guint64         n_rows,
                                                   guint64         n_imported,
                                                   guint64         n_duplicates,
                                                   guint64         n_skipped);

/* Adds a problem; @reason is translated already.  Only the first
 * TL_IMPORT_REPORT_MAX_PROBLEMS are kept; all are counted. */
void            tl_import_report_add_problem      (TlImportReport *self,
                                                   guint64         row,
                                                   guint64         line,
                                                   const char     *column,
                                                   const char     *value,
                                                   const char     *reason);
/* All problems found, kept or not */
guint64         tl_import_report_get_n_problems   (TlImportReport *self);
/* The kept ones, in the order found (TlImportProblem) */
GPtrArray      *tl_import_report_get_problems     (TlImportReport *self);

/* The report as a person reads it (translated), and as JSON:
 * {"file", "encoding", "delimiter", "rating_scale", "status", "dry_run",
 *  "rows", "imported", "duplicates", "skipped",
 *  "problems": [{"row", "line", "column", "value", "reason"}],
 *  "more_problems", "message"} */
char           *tl_import_report_to_text          (TlImportReport *self);
JsonNode       *tl_import_report_to_json          (TlImportReport *self);
/* Writes tl_import_report_to_text() to @file, UTF-8. */
gboolean        tl_import_report_save             (TlImportReport *self,
                                                   GFile          *file,
                                                   GCancellable   *cancellable,
                                                   GError        **error);

G_END_DECLS
