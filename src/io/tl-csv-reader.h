/* tl-csv-reader.h: a streaming CSV/TSV reader (RFC 4180 and what
 * spreadsheets and survey tools really write)
 *
 * Reads records from a GInputStream in bounded memory, whatever the size
 * of the file: quoted delimiters, doubled quotes and line breaks inside
 * quoted fields; CRLF, LF or CR line ends; the encoding detected (see
 * tl-text-encoding.h) or given; the delimiter (comma, tab or semicolon)
 * detected from the first records or given.  A record it cannot read
 * well (bytes that are not text in the encoding, a field over the size
 * limit, an unterminated quote) is returned with its problem, so the
 * caller can report it by row number.  Empty lines are skipped (but
 * counted: row numbers are those a spreadsheet shows).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tl-import-error.h"
#include "tl-text-encoding.h"

G_BEGIN_DECLS

#define TL_CSV_DEFAULT_MAX_FIELD_SIZE (1024 * 1024)   /* bytes of UTF-8 */
#define TL_CSV_DEFAULT_MAX_FIELDS     1000
/* The whole record: many fields just under the limit are refused too */
#define TL_CSV_MAX_ROW_SIZE           (8 * 1024 * 1024)

typedef enum {
  TL_CSV_ROW_OK,
  TL_CSV_ROW_INVALID_BYTES,      /* problem_field holds bytes not valid in the encoding */
  TL_CSV_ROW_FIELD_TOO_LONG,     /* problem_field is over the field size limit (cut) */
  TL_CSV_ROW_TOO_MANY_FIELDS,    /* more fields than the limit (the rest dropped) */
  TL_CSV_ROW_TOO_LONG,           /* the record is over TL_CSV_MAX_ROW_SIZE */
  TL_CSV_ROW_UNTERMINATED_QUOTE, /* a quote opened in problem_field is never closed */
} TlCsvRowProblem;

typedef struct {
  guint64          number;        /* 1-based, blank lines counted; the header is 1 */
  guint64          line;          /* the line of the file it starts on, 1-based */
  guint            n_fields;
  char           **fields;        /* n_fields UTF-8 strings, owned by the reader */
  gsize           *lengths;
  TlCsvRowProblem  problem;
  guint            problem_field; /* 0-based, for the problems that have one */
  guint64          problem_line;  /* where the problem starts (the quote), 1-based */
} TlCsvRow;

#define TL_TYPE_CSV_READER (tl_csv_reader_get_type ())
G_DECLARE_FINAL_TYPE (TlCsvReader, tl_csv_reader, TL, CSV_READER, GObject)

/* @encoding AUTO to detect it; @delimiter 0 to detect it, else ',', '\t'
 * or ';'.  @total_size: the stream's size in bytes for progress, or -1. */
TlCsvReader     *tl_csv_reader_new                (GInputStream   *stream,
                                                   TlTextEncoding  encoding,
                                                   char            delimiter,
                                                   goffset         total_size);
void             tl_csv_reader_set_max_field_size (TlCsvReader    *self,
                                                   gsize           max_size);
void             tl_csv_reader_set_max_fields     (TlCsvReader    *self,
                                                   guint           max_fields);

/* Reads the first part of the stream to decide the encoding and the
 * delimiter, and fails when the stream does not look like text
 * (TL_IMPORT_ERROR_NOT_TEXT) or holds nothing (TL_IMPORT_ERROR_EMPTY).
 * tl_csv_reader_read_row() calls it on its first call; call it first to
 * know the encoding and delimiter before any row. */
gboolean         tl_csv_reader_start              (TlCsvReader    *self,
                                                   GCancellable   *cancellable,
                                                   GError        **error);

/* The next record, valid until the next call; NULL at the end of the
 * stream (@error unset) or on failure (@error set: I/O, cancelled, not
 * text). */
const TlCsvRow  *tl_csv_reader_read_row           (TlCsvReader    *self,
                                                   GCancellable   *cancellable,
                                                   GError        **error);

/* The encoding in use: UTF8, UTF16LE, UTF16BE or GB18030.  A file that
 * has been ASCII so far reads as UTF8. */
TlTextEncoding   tl_csv_reader_get_encoding       (TlCsvReader    *self);
gboolean         tl_csv_reader_get_had_bom        (TlCsvReader    *self);
char             tl_csv_reader_get_delimiter      (TlCsvReader    *self);
/* Bytes read from the stream so far, and its size (-1 when unknown) */
guint64          tl_csv_reader_get_bytes_read     (TlCsvReader    *self);
goffset          tl_csv_reader_get_total_size     (TlCsvReader    *self);
/* Bytes that could not be decoded so far */
guint64          tl_csv_reader_get_n_invalid      (TlCsvReader    *self);

/* The delimiter of the text at the start of a file: the one of ',', '\t'
 * and ';' that splits its first records into the same number (above one)
 * of fields most often; ',' when none does.  Quotes are respected. */
char             tl_csv_detect_delimiter          (const char     *text,
                                                   gsize           length,
                                                   gboolean        at_end);

/* A user-facing name of @delimiter: "comma", "tab", "semicolon" (translated) */
const char      *tl_csv_delimiter_get_name        (char            delimiter);
/* "comma"/","/"tab"/"\t"/"semicolon"/";"; "auto" gives 0 */
gboolean         tl_csv_delimiter_parse           (const char     *name,
                                                   char           *delimiter);

G_END_DECLS
