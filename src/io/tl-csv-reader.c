/* tl-csv-reader.c
 *
 * A state machine over decoded text, fed in chunks: a record may span any
 * number of chunks, and nothing but the record being read is kept, so the
 * memory used does not grow with the file.  A field over the size limit
 * stops growing while the scan goes on, so a 100 MB field costs one pass
 * over it and 1 MB of memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-csv-reader.h"

#define READ_CHUNK   (64 * 1024)
/* Decoded text looked at before the first record: the delimiter is
 * detected on it, and it tells text from binary data. */
#define SAMPLE_SIZE  (64 * 1024)
/* Raw bytes read at most for the sample (a file of blank lines, say) */
#define SAMPLE_RAW_MAX (4 * 1024 * 1024)
/* Records the delimiter detection looks at */
#define DETECT_RECORDS 50

typedef enum {
  S_RECORD_START,
  S_FIELD_START,
  S_UNQUOTED,
  S_QUOTED,
  S_QUOTED_QUOTE,   /* a quote inside a quoted field: the end, or a doubled one */
  S_QUOTED_CR,      /* a CR inside a quoted field: an LF after it belongs to it */
} ParseState;

struct _TlCsvReader
{
  GObject         parent_instance;

  GInputStream   *stream;
  TlTextEncoding  requested;
  char            delimiter;
  goffset         total_size;
  gsize           max_field_size;
  guint           max_fields;

  TlTextDecoder  *decoder;
  guint8         *chunk;
  GString        *text;         /* decoded, from text_base */
  gsize           pos;          /* parsed up to here */
  guint64         text_base;    /* output offset of text->str[0] */
  guint64         bytes_read;
  gboolean        eof;          /* the stream is exhausted */
  gboolean        done;         /* the last record was returned */
  gboolean        started;
  GError         *start_error;

  guint8          special_unquoted[256];
  guint8          special_quoted[256];

  /* the record being read */
  ParseState      state;
  gboolean        skip_lf;
  guint64         line;
  guint64         number;
  guint64         quote_line;
  GString        *row_buf;
  GArray         *starts;       /* gsize offsets of the fields in row_buf */
  GArray         *lengths;      /* gsize */
  GPtrArray      *pointers;
  gsize           field_start;
  guint64         field_raw_start;
  guint           n_fields_seen;
  TlCsvRow        row;
};

G_DEFINE_FINAL_TYPE (TlCsvReader, tl_csv_reader, G_TYPE_OBJECT)

static void
tl_csv_reader_finalize (GObject *object)
{
  TlCsvReader *self = TL_CSV_READER (object);

  g_clear_object (&self->stream);
  g_clear_pointer (&self->decoder, tl_text_decoder_free);
  g_clear_pointer (&self->chunk, g_free);
  g_string_free (self->text, TRUE);
  g_string_free (self->row_buf, TRUE);
  g_clear_pointer (&self->starts, g_array_unref);
  g_clear_pointer (&self->lengths, g_array_unref);
  g_clear_pointer (&self->pointers, g_ptr_array_unref);
  g_clear_error (&self->start_error);

  G_OBJECT_CLASS (tl_csv_reader_parent_class)->finalize (object);
}

static void
tl_csv_reader_class_init (TlCsvReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_csv_reader_finalize;
}

static void
tl_csv_reader_init (TlCsvReader *self)
{
  self->max_field_size = TL_CSV_DEFAULT_MAX_FIELD_SIZE;
  self->max_fields = TL_CSV_DEFAULT_MAX_FIELDS;
  self->text = g_string_sized_new (READ_CHUNK * 2);
  self->row_buf = g_string_sized_new (1024);
  self->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->pointers = g_ptr_array_new ();
  self->line = 1;
  self->state = S_RECORD_START;
}

TlCsvReader *
tl_csv_reader_new (GInputStream   *stream,
                   TlTextEncoding  encoding,
                   char            delimiter,
                   goffset         total_size)
{
  TlCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (delimiter == 0 || delimiter == ',' || delimiter == '\t' || delimiter == ';', NULL);

  self = g_object_new (TL_TYPE_CSV_READER, NULL);
  self->stream = g_object_ref (stream);
  self->requested = encoding;
  self->delimiter = delimiter;
  self->total_size = total_size;
  self->decoder = tl_text_decoder_new (encoding);
  self->chunk = g_malloc (READ_CHUNK);

  return self;
}

void
tl_csv_reader_set_max_field_size (TlCsvReader *self,
                                  gsize        max_size)
{
  g_return_if_fail (TL_IS_CSV_READER (self));
  self->max_field_size = max_size > 0 ? max_size : TL_CSV_DEFAULT_MAX_FIELD_SIZE;
}

void
tl_csv_reader_set_max_fields (TlCsvReader *self,
                              guint        max_fields)
{
  g_return_if_fail (TL_IS_CSV_READER (self));
  self->max_fields = max_fields > 0 ? max_fields : TL_CSV_DEFAULT_MAX_FIELDS;
}

TlTextEncoding
tl_csv_reader_get_encoding (TlCsvReader *self)
{
  TlTextEncoding encoding;

  g_return_val_if_fail (TL_IS_CSV_READER (self), TL_TEXT_ENCODING_UTF8);

  encoding = tl_text_decoder_get_encoding (self->decoder);
  return encoding == TL_TEXT_ENCODING_AUTO ? TL_TEXT_ENCODING_UTF8 : encoding;
}

gboolean
tl_csv_reader_get_had_bom (TlCsvReader *self)
{
  g_return_val_if_fail (TL_IS_CSV_READER (self), FALSE);
  return tl_text_decoder_get_had_bom (self->decoder);
}

char
tl_csv_reader_get_delimiter (TlCsvReader *self)
{
  g_return_val_if_fail (TL_IS_CSV_READER (self), ',');
  return self->delimiter != 0 ? self->delimiter : ',';
}

guint64
tl_csv_reader_get_bytes_read (TlCsvReader *self)
{
  g_return_val_if_fail (TL_IS_CSV_READER (self), 0);
  return self->bytes_read;
}

goffset
tl_csv_reader_get_total_size (TlCsvReader *self)
{
  g_return_val_if_fail (TL_IS_CSV_READER (self), -1);
  return self->total_size;
}

guint64
tl_csv_reader_get_n_invalid (TlCsvReader *self)
{
  g_return_val_if_fail (TL_IS_CSV_READER (self), 0);
  return tl_text_decoder_get_n_invalid (self->decoder);
}

/* ---- delimiters ------------------------------------------------------- */

const char *
tl_csv_delimiter_get_name (char delimiter)
{
  switch (delimiter)
    {
    case '\t':
      return _("tab");
    case ';':
      return _("semicolon");
    case ',':
    default:
      return _("comma");
    }
}

gboolean
tl_csv_delimiter_parse (const char *name,
                        char       *delimiter)
{
  char d;

  if (name == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (name, "auto") == 0)
    d = 0;
  else if (g_ascii_strcasecmp (name, "comma") == 0 || strcmp (name, ",") == 0)
    d = ',';
  else if (g_ascii_strcasecmp (name, "tab") == 0 || strcmp (name, "\t") == 0 ||
           strcmp (name, "\\t") == 0)
    d = '\t';
  else if (g_ascii_strcasecmp (name, "semicolon") == 0 || strcmp (name, ";") == 0)
    d = ';';
  else
    return FALSE;

  if (delimiter != NULL)
    *delimiter = d;
  return TRUE;
}

/* The number of fields of each of the first records with @delimiter */
static guint
count_fields (const char *text,
              gsize       length,
              gboolean    at_end,
              char        delimiter,
              guint      *counts,
              guint       max_records)
{
  gboolean quoted = FALSE;
  guint fields = 1;
  guint n = 0;
  gboolean blank = TRUE;

  for (gsize i = 0; i < length && n < max_records; i++)
    {
      char c = text[i];

      if (c == '"')
        {
          quoted = !quoted;
          blank = FALSE;
        }
      else if (quoted)
        continue;
      else if (c == delimiter)
        {
          fields++;
          blank = FALSE;
        }
      else if (c == '\n' || c == '\r')
        {
          if (!blank)
            counts[n++] = fields;
          fields = 1;
          blank = TRUE;
          if (c == '\r' && i + 1 < length && text[i + 1] == '\n')
            i++;
        }
      else
        blank = FALSE;
    }

  /* A last record without a line end counts only when it is all there. */
  if (at_end && !blank && n < max_records)
    counts[n++] = fields;

  return n;
}

char
tl_csv_detect_delimiter (const char *text,
                         gsize       length,
                         gboolean    at_end)
{
  /* In the order ties go: a tab inside a spreadsheet cell is rarer than a
   * semicolon, which is rarer than a comma. */
  static const char candidates[] = { '\t', ';', ',' };
  char best = ',';
  guint best_score = 0;

  if (text == NULL)
    return ',';

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      guint counts[DETECT_RECORDS];
      guint n = count_fields (text, length, at_end, candidates[c], counts, DETECT_RECORDS);
      guint score = 0;

      if (n == 0 || counts[0] < 2)
        continue;

      /* The header, and every record with as many fields as it */
      score = 1;
      for (guint i = 1; i < n; i++)
        score += counts[i] == counts[0];

      if (score > best_score)
        {
          best_score = score;
          best = candidates[c];
        }
    }

  return best;
}

/* ---- reading ---------------------------------------------------------- */

static void
build_tables (TlCsvReader *self)
{
  memset (self->special_unquoted, 0, sizeof self->special_unquoted);
  memset (self->special_quoted, 0, sizeof self->special_quoted);

  self->special_unquoted[(guint8) self->delimiter] = 1;
  self->special_unquoted['\n'] = 1;
  self->special_unquoted['\r'] = 1;
  self->special_unquoted['"'] = 1;

  self->special_quoted['\n'] = 1;
  self->special_quoted['\r'] = 1;
  self->special_quoted['"'] = 1;
}

/* Reads and decodes until there is new text or the stream ends. */
static gboolean
refill (TlCsvReader   *self,
        GCancellable  *cancellable,
        GError       **error)
{
  gsize before;

  if (self->pos > 0)
    {
      g_string_erase (self->text, 0, self->pos);
      self->text_base += self->pos;
      self->pos = 0;
    }

  before = self->text->len;
  while (self->text->len == before && !self->eof)
    {
      gssize n = g_input_stream_read (self->stream, self->chunk, READ_CHUNK, cancellable, error);

      if (n < 0)
        return FALSE;

      self->bytes_read += n;
      tl_text_decoder_feed (self->decoder, self->chunk, n, n == 0, self->text);
      if (n == 0)
        self->eof = TRUE;
    }

  return TRUE;
}

static void
set_not_text (GError       **error,
              TlBinaryKind   kind)
{
  const char *message;

  switch (kind)
    {
    case TL_BINARY_KIND_ZIP:
      message = _("This file does not look like text: it looks like a spreadsheet workbook (.xlsx or .ods) or a zip archive. Save the sheet as CSV in your spreadsheet, then import that file.");
      break;
    case TL_BINARY_KIND_OLE:
      message = _("This file does not look like text: it looks like an old Excel workbook (.xls). Save the sheet as CSV in your spreadsheet, then import that file.");
      break;
    case TL_BINARY_KIND_PDF:
      message = _("This file does not look like text: it is a PDF document. Import a CSV or tab-separated text file, as spreadsheets and survey tools export them.");
      break;
    case TL_BINARY_KIND_IMAGE:
      message = _("This file does not look like text: it is an image. Import a CSV or tab-separated text file; attach images to feedback items instead.");
      break;
    case TL_BINARY_KIND_SQLITE:
      message = _("This file does not look like text: it is a database, perhaps a Touchloop document. Import a CSV or tab-separated text file.");
      break;
    case TL_BINARY_KIND_COMPRESSED:
      message = _("This file does not look like text: it is compressed. Extract the CSV file from it first, then import that.");
      break;
    case TL_BINARY_KIND_NONE:
    default:
      message = _("This file does not look like text: it holds binary data. Import a CSV or tab-separated text file, as spreadsheets and survey tools export them.");
      break;
    }

  g_set_error_literal (error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_NOT_TEXT, message);
}

typedef enum {
  SAMPLE_TEXT,
  SAMPLE_BINARY,
  SAMPLE_WRONG_ENCODING,   /* text, perhaps, but not in the encoding given */
} SampleKind;

/* Control characters other than line breaks, tabs and form feeds are
 * (almost) never in text, nor are NUL, private-use, unassigned or
 * undecodable characters; binary data read in any encoding is full of
 * them.  Undecodable ones alone, in an encoding the user chose, say the
 * choice is wrong rather than the file binary. */
static SampleKind
classify_sample (TlCsvReader *self)
{
  const char *p = self->text->str;
  const char *end = p + self->text->len;
  gsize n_chars = 0, n_control = 0, n_odd = 0, n_invalid = 0;

  if (tl_text_decoder_get_n_nul (self->decoder) > 0)
    return SAMPLE_BINARY;

  while (p < end)
    {
      guint8 c = (guint8) *p;

      n_chars++;
      if (c < 0x80)
        {
          if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1a) ||
              c == 0x7f)
            n_control++;
          p++;
          continue;
        }

      {
        gunichar u = g_utf8_get_char_validated (p, end - p);

        if (u == (gunichar) -1 || u == (gunichar) -2)
          break;   /* cut at the end of the sample */

        switch (g_unichar_type (u))
          {
          case G_UNICODE_UNASSIGNED:
          case G_UNICODE_PRIVATE_USE:
          case G_UNICODE_SURROGATE:
          case G_UNICODE_CONTROL:
            n_odd++;
            break;
          default:
            n_invalid += u == 0xfffd;
            break;
          }
        p = g_utf8_next_char (p);
      }
    }

  /* A few odd characters in a short file are its rows' problem. */
  if (n_control + n_odd + n_invalid < 8)
    return SAMPLE_TEXT;
  if (n_control * 20 > n_chars || (n_control + n_odd) * 10 > n_chars)
    return SAMPLE_BINARY;
  if (n_invalid * 10 > n_chars)
    return self->requested == TL_TEXT_ENCODING_AUTO ? SAMPLE_BINARY : SAMPLE_WRONG_ENCODING;
  return SAMPLE_TEXT;
}

static gboolean
sample_is_blank (TlCsvReader *self)
{
  for (gsize i = 0; i < self->text->len; i++)
    if (!g_ascii_isspace (self->text->str[i]))
      return FALSE;
  return TRUE;
}

gboolean
tl_csv_reader_start (TlCsvReader   *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  gboolean sniffed = FALSE;

  g_return_val_if_fail (TL_IS_CSV_READER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->started)
    {
      if (self->start_error != NULL)
        {
          g_propagate_error (error, g_error_copy (self->start_error));
          return FALSE;
        }
      return TRUE;
    }

  while (self->text->len < SAMPLE_SIZE && !self->eof && self->bytes_read < SAMPLE_RAW_MAX)
    {
      gssize n = g_input_stream_read (self->stream, self->chunk, READ_CHUNK, cancellable, error);

      /* An I/O error or a cancellation: the caller may try again. */
      if (n < 0)
        return FALSE;

      if (!sniffed && (n >= 16 || n == 0))
        {
          TlBinaryKind kind = tl_text_sniff_binary (self->chunk, n);

          sniffed = TRUE;
          if (kind != TL_BINARY_KIND_NONE)
            {
              self->started = TRUE;
              set_not_text (&self->start_error, kind);
              g_propagate_error (error, g_error_copy (self->start_error));
              return FALSE;
            }
        }

      self->bytes_read += n;
      tl_text_decoder_feed (self->decoder, self->chunk, n, n == 0, self->text);
      if (n == 0)
        self->eof = TRUE;
    }

  self->started = TRUE;

  switch (classify_sample (self))
    {
    case SAMPLE_BINARY:
      set_not_text (&self->start_error, TL_BINARY_KIND_NONE);
      break;
    case SAMPLE_WRONG_ENCODING:
      g_set_error (&self->start_error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_ENCODING,
                   _("This file is not %s text: much of it cannot be read in that encoding. Choose the encoding the file really has, or let Touchloop detect it."),
                   tl_text_encoding_get_name (tl_csv_reader_get_encoding (self)));
      break;
    case SAMPLE_TEXT:
    default:
      break;
    }

  if (self->start_error != NULL)
    ;
  else if (self->eof && sample_is_blank (self))
    g_set_error_literal (&self->start_error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_EMPTY,
                         _("The file is empty: there is nothing to import. Choose the file your spreadsheet or survey tool exported."));

  if (self->start_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->start_error));
      return FALSE;
    }

  if (self->delimiter == 0)
    self->delimiter = tl_csv_detect_delimiter (self->text->str, self->text->len, self->eof);
  build_tables (self);

  return TRUE;
}

static void
set_problem (TlCsvReader     *self,
             TlCsvRowProblem  problem)
{
  if (self->row.problem != TL_CSV_ROW_OK)
    return;

  self->row.problem = problem;
  self->row.problem_field = self->n_fields_seen;
  self->row.problem_line = problem == TL_CSV_ROW_UNTERMINATED_QUOTE ? self->quote_line : self->line;
}

static void
row_reset (TlCsvReader *self)
{
  g_string_truncate (self->row_buf, 0);
  g_array_set_size (self->starts, 0);
  g_array_set_size (self->lengths, 0);
  self->n_fields_seen = 0;
  memset (&self->row, 0, sizeof self->row);
}

static void
field_begin (TlCsvReader *self)
{
  self->field_start = self->row_buf->len;
  self->field_raw_start = self->text_base + self->pos;
}

static void
field_append (TlCsvReader *self,
              const char  *text,
              gsize        length)
{
  gsize stored;
  gsize room;

  if (length == 0 || self->n_fields_seen >= self->max_fields)
    return;

  stored = self->row_buf->len - self->field_start;
  room = stored < self->max_field_size ? self->max_field_size - stored : 0;
  if (self->row_buf->len + MIN (room, length) > TL_CSV_MAX_ROW_SIZE)
    {
      room = self->row_buf->len < TL_CSV_MAX_ROW_SIZE ? TL_CSV_MAX_ROW_SIZE - self->row_buf->len : 0;
      if (length > room)
        set_problem (self, TL_CSV_ROW_TOO_LONG);
    }
  else if (length > room)
    set_problem (self, TL_CSV_ROW_FIELD_TOO_LONG);

  if (length > room)
    {
      /* Cut at a character boundary. */
      length = room;
      while (length > 0 && ((guint8) text[length] & 0xc0) == 0x80)
        length--;
    }

  g_string_append_len (self->row_buf, text, length);
}

/* Ends the field at output offset @raw_end (exclusive). */
static void
field_end (TlCsvReader *self,
           guint64      raw_end)
{
  guint64 offset;

  while (tl_text_decoder_peek_invalid (self->decoder, &offset) && offset < raw_end)
    {
      if (offset >= self->field_raw_start)
        set_problem (self, TL_CSV_ROW_INVALID_BYTES);
      tl_text_decoder_pop_invalid (self->decoder);
    }

  if (self->n_fields_seen < self->max_fields)
    {
      gsize length = self->row_buf->len - self->field_start;

      g_string_append_c (self->row_buf, '\0');
      g_array_append_val (self->starts, self->field_start);
      g_array_append_val (self->lengths, length);
    }
  else
    set_problem (self, TL_CSV_ROW_TOO_MANY_FIELDS);

  self->n_fields_seen++;
}

static const TlCsvRow *
finish_row (TlCsvReader *self)
{
  g_ptr_array_set_size (self->pointers, 0);
  for (guint i = 0; i < self->starts->len; i++)
    g_ptr_array_add (self->pointers, self->row_buf->str + g_array_index (self->starts, gsize, i));

  self->row.n_fields = self->starts->len;
  self->row.fields = (char **) self->pointers->pdata;
  self->row.lengths = (gsize *) (gpointer) self->lengths->data;
  if (self->row.problem == TL_CSV_ROW_OK)
    self->row.problem_line = 0;

  return &self->row;
}

static const TlCsvRow *
finish_at_eof (TlCsvReader *self)
{
  guint64 end = self->text_base + self->text->len;

  switch (self->state)
    {
    case S_RECORD_START:
      self->done = TRUE;
      return NULL;

    case S_FIELD_START:
      field_begin (self);
      field_end (self, end);
      break;

    case S_QUOTED:
    case S_QUOTED_CR:
      set_problem (self, TL_CSV_ROW_UNTERMINATED_QUOTE);
      /* This problem explains the others: it wins. */
      self->row.problem = TL_CSV_ROW_UNTERMINATED_QUOTE;
      self->row.problem_field = self->n_fields_seen;
      self->row.problem_line = self->quote_line;
      field_end (self, end);
      break;

    case S_UNQUOTED:
    case S_QUOTED_QUOTE:
    default:
      field_end (self, end);
      break;
    }

  self->state = S_RECORD_START;
  self->done = TRUE;
  return finish_row (self);
}

const TlCsvRow *
tl_csv_reader_read_row (TlCsvReader   *self,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_return_val_if_fail (TL_IS_CSV_READER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!tl_csv_reader_start (self, cancellable, error))
    return NULL;

  if (self->done)
    return NULL;

  row_reset (self);

  for (;;)
    {
      const char *buf;
      gsize len, pos;
      char c;

      if (self->pos >= self->text->len)
        {
          if (!self->eof)
            {
              if (!refill (self, cancellable, error))
                return NULL;
              continue;
            }
          return finish_at_eof (self);
        }

      buf = self->text->str;
      len = self->text->len;
      pos = self->pos;

      switch (self->state)
        {
        case S_RECORD_START:
          c = buf[pos];
          if (self->skip_lf)
            {
              self->skip_lf = FALSE;
              if (c == '\n')
                {
                  self->pos = pos + 1;
                  continue;
                }
            }
          if (c == '\n' || c == '\r')
            {
              /* An empty line: no record, but a row number. */
              self->number++;
              self->line++;
              self->skip_lf = c == '\r';
              self->pos = pos + 1;
              continue;
            }
          self->number++;
          self->row.number = self->number;
          self->row.line = self->line;
          self->state = S_FIELD_START;
          break;

        case S_FIELD_START:
          field_begin (self);
          if (buf[pos] == '"')
            {
              self->quote_line = self->line;
              self->state = S_QUOTED;
              pos++;
            }
          else
            self->state = S_UNQUOTED;
          break;

        case S_UNQUOTED:
          {
            gsize start = pos;

            while (pos < len && !self->special_unquoted[(guint8) buf[pos]])
              pos++;
            field_append (self, buf + start, pos - start);
            if (pos == len)
              break;

            c = buf[pos];
            if (c == self->delimiter)
              {
                field_end (self, self->text_base + pos);
                self->state = S_FIELD_START;
                pos++;
              }
            else if (c == '"')
              {
                /* A quote inside an unquoted field is taken as it is. */
                field_append (self, "\"", 1);
                pos++;
              }
            else
              {
                field_end (self, self->text_base + pos);
                self->line++;
                self->skip_lf = c == '\r';
                self->state = S_RECORD_START;
                self->pos = pos + 1;
                return finish_row (self);
              }
          }
          break;

        case S_QUOTED:
          {
            gsize start = pos;

            while (pos < len && !self->special_quoted[(guint8) buf[pos]])
              pos++;
            field_append (self, buf + start, pos - start);
            if (pos == len)
              break;

            c = buf[pos++];
            if (c == '"')
              self->state = S_QUOTED_QUOTE;
            else
              {
                /* A line break inside a field is an LF, whatever the file uses. */
                field_append (self, "\n", 1);
                self->line++;
                if (c == '\r')
                  self->state = S_QUOTED_CR;
              }
          }
          break;

        case S_QUOTED_CR:
          if (buf[pos] == '\n')
            pos++;
          self->state = S_QUOTED;
          break;

        case S_QUOTED_QUOTE:
          c = buf[pos];
          if (c == '"')
            {
              field_append (self, "\"", 1);
              self->state = S_QUOTED;
              pos++;
            }
          else if (c == self->delimiter)
            {
              field_end (self, self->text_base + pos);
              self->state = S_FIELD_START;
              pos++;
            }
          else if (c == '\n' || c == '\r')
            {
              field_end (self, self->text_base + pos);
              self->line++;
              self->skip_lf = c == '\r';
              self->state = S_RECORD_START;
              self->pos = pos + 1;
              return finish_row (self);
            }
          else
            {
              /* Text after the closing quote ("a"b): kept, as spreadsheets do. */
              self->state = S_UNQUOTED;
            }
          break;

        default:
          g_assert_not_reached ();
        }

      self->pos = pos;
    }
}
