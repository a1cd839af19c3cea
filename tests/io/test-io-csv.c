/* test-io-csv.c: the CSV/TSV reader and the encodings it reads, on
 * fixtures built here (GB18030 and UTF-16 through g_convert), whole and
 * fed in small pieces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "tl-csv-reader.h"
#include "tl-text-encoding.h"

/* ---- a stream that hands out at most N bytes per read ---------------- */

#define TEST_TYPE_TRICKLE_STREAM (test_trickle_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, TEST, TRICKLE_STREAM, GInputStream)

struct _TestTrickleStream
{
  GInputStream  parent_instance;
  GBytes       *bytes;
  gsize         pos;
  gsize         step;
};

G_DEFINE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, G_TYPE_INPUT_STREAM)

static gssize
trickle_read (GInputStream  *stream,
              void          *buffer,
              gsize          count,
              GCancellable  *cancellable,
              GError       **error)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (stream);
  gsize size;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);
  gsize n = MIN (MIN (count, self->step), size - self->pos);

  memcpy (buffer, data + self->pos, n);
  self->pos += n;
  return n;
}

static void
trickle_finalize (GObject *object)
{
  g_bytes_unref (TEST_TRICKLE_STREAM (object)->bytes);
  G_OBJECT_CLASS (test_trickle_stream_parent_class)->finalize (object);
}

static void
test_trickle_stream_class_init (TestTrickleStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trickle_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = trickle_read;
}

static void
test_trickle_stream_init (TestTrickleStream *self)
{
}

static GInputStream *
trickle_new (const void *data,
             gsize       length,
             gsize       step)
{
  TestTrickleStream *self = g_object_new (TEST_TYPE_TRICKLE_STREAM, NULL);

  self->bytes = g_bytes_new (data, length);
  self->step = step;
  return G_INPUT_STREAM (self);
}

/* ---- a stream of PREFIX, N times a byte, SUFFIX, made as it is read --- */

#define TEST_TYPE_PATTERN_STREAM (test_pattern_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestPatternStream, test_pattern_stream, TEST, PATTERN_STREAM, GInputStream)

struct _TestPatternStream
{
  GInputStream  parent_instance;
  char         *prefix;
  char         *suffix;
  guint64       n;
  char          fill;
  guint64       pos;
};

G_DEFINE_FINAL_TYPE (TestPatternStream, test_pattern_stream, G_TYPE_INPUT_STREAM)

static gssize
pattern_read (GInputStream  *stream,
              void          *buffer,
              gsize          count,
              GCancellable  *cancellable,
              GError       **error)
{
  TestPatternStream *self = TEST_PATTERN_STREAM (stream);
  guint64 np = strlen (self->prefix), ns = strlen (self->suffix);
  guint64 total = np + self->n + ns;
  guint8 *out = buffer;
  gsize done = 0;

  while (done < count && self->pos < total)
    {
      if (self->pos < np)
        out[done] = self->prefix[self->pos];
      else if (self->pos < np + self->n)
        out[done] = self->fill;
      else
        out[done] = self->suffix[self->pos - np - self->n];
      done++;
      self->pos++;
    }
  return done;
}

static void
pattern_finalize (GObject *object)
{
  TestPatternStream *self = TEST_PATTERN_STREAM (object);

  g_free (self->prefix);
  g_free (self->suffix);
  G_OBJECT_CLASS (test_pattern_stream_parent_class)->finalize (object);
}

static void
test_pattern_stream_class_init (TestPatternStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pattern_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = pattern_read;
}

static void
test_pattern_stream_init (TestPatternStream *self)
{
}

static GInputStream *
pattern_new (const char *prefix,
             char        fill,
             guint64     n,
             const char *suffix)
{
  TestPatternStream *self = g_object_new (TEST_TYPE_PATTERN_STREAM, NULL);

  self->prefix = g_strdup (prefix);
  self->suffix = g_strdup (suffix);
  self->fill = fill;
  self->n = n;
  return G_INPUT_STREAM (self);
}

/* ---- reading everything ----------------------------------------------- */

typedef struct {
  GPtrArray      *rows;        /* GStrv */
  GArray         *numbers;     /* guint64 */
  GArray         *lines;       /* guint64 */
  GArray         *problems;    /* TlCsvRowProblem */
  GArray         *problem_fields;
  GArray         *problem_lines;
  TlTextEncoding  encoding;
  char            delimiter;
  gboolean        had_bom;
  GError         *error;
} Parsed;

static void
parsed_free (Parsed *parsed)
{
  g_ptr_array_unref (parsed->rows);
  g_array_unref (parsed->numbers);
  g_array_unref (parsed->lines);
  g_array_unref (parsed->problems);
  g_array_unref (parsed->problem_fields);
  g_array_unref (parsed->problem_lines);
  g_clear_error (&parsed->error);
  g_free (parsed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Parsed, parsed_free)

static Parsed *
parse_stream (GInputStream   *stream,
              TlTextEncoding  encoding,
              char            delimiter)
{
  g_autoptr(TlCsvReader) reader = tl_csv_reader_new (stream, encoding, delimiter, -1);
  Parsed *parsed = g_new0 (Parsed, 1);
  const TlCsvRow *row;

  parsed->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  parsed->numbers = g_array_new (FALSE, FALSE, sizeof (guint64));
  parsed->lines = g_array_new (FALSE, FALSE, sizeof (guint64));
  parsed->problems = g_array_new (FALSE, FALSE, sizeof (TlCsvRowProblem));
  parsed->problem_fields = g_array_new (FALSE, FALSE, sizeof (guint));
  parsed->problem_lines = g_array_new (FALSE, FALSE, sizeof (guint64));

  while ((row = tl_csv_reader_read_row (reader, NULL, &parsed->error)) != NULL)
    {
      GStrv fields = g_new0 (char *, row->n_fields + 1);

      for (guint i = 0; i < row->n_fields; i++)
        {
          g_assert_cmpuint (strlen (row->fields[i]), ==, row->lengths[i]);
          g_assert_true (g_utf8_validate (row->fields[i], -1, NULL));
          fields[i] = g_strdup (row->fields[i]);
        }
      g_ptr_array_add (parsed->rows, fields);
      g_array_append_val (parsed->numbers, row->number);
      g_array_append_val (parsed->lines, row->line);
      g_array_append_val (parsed->problems, row->problem);
      g_array_append_val (parsed->problem_fields, row->problem_field);
      g_array_append_val (parsed->problem_lines, row->problem_line);
    }

  parsed->encoding = tl_csv_reader_get_encoding (reader);
  parsed->delimiter = tl_csv_reader_get_delimiter (reader);
  parsed->had_bom = tl_csv_reader_get_had_bom (reader);

  return parsed;
}

static Parsed *
parse_full (const void     *data,
            gssize          length,
            TlTextEncoding  encoding,
            char            delimiter,
            gsize           step)
{
  g_autoptr(GInputStream) stream = NULL;

  if (length < 0)
    length = strlen (data);
  if (step == 0)
    stream = g_memory_input_stream_new_from_data (g_memdup2 (data, length), length, g_free);
  else
    stream = trickle_new (data, length, step);

  return parse_stream (stream, encoding, delimiter);
}

static Parsed *
parse (const char *text)
{
  return parse_full (text, -1, TL_TEXT_ENCODING_AUTO, 0, 0);
}

static const char *
field (Parsed *parsed,
       guint   row,
       guint   column)
{
  GStrv fields;

  g_assert_cmpuint (row, <, parsed->rows->len);
  fields = parsed->rows->pdata[row];
  g_assert_cmpuint (column, <, g_strv_length (fields));
  return fields[column];
}

static guint
n_fields (Parsed *parsed,
          guint   row)
{
  g_assert_cmpuint (row, <, parsed->rows->len);
  return g_strv_length (parsed->rows->pdata[row]);
}

static TlCsvRowProblem
problem_of (Parsed *parsed,
            guint   row)
{
  return g_array_index (parsed->problems, TlCsvRowProblem, row);
}

static guint64
number_of (Parsed *parsed,
           guint   row)
{
  return g_array_index (parsed->numbers, guint64, row);
}

/* Two parses gave the same rows, fields and problems */
static void
assert_same (Parsed *a,
             Parsed *b)
{
  g_assert_no_error (a->error);
  g_assert_no_error (b->error);
  g_assert_cmpuint (a->rows->len, ==, b->rows->len);
  for (guint r = 0; r < a->rows->len; r++)
    {
      g_assert_cmpstrv (a->rows->pdata[r], b->rows->pdata[r]);
      g_assert_cmpint (problem_of (a, r), ==, problem_of (b, r));
      g_assert_cmpuint (number_of (a, r), ==, number_of (b, r));
    }
  g_assert_cmpint (a->encoding, ==, b->encoding);
  g_assert_cmpint (a->delimiter, ==, b->delimiter);
}

static GBytes *
convert (const char *utf8,
         const char *charset)
{
  g_autoptr(GError) error = NULL;
  gsize written = 0;
  char *converted = g_convert (utf8, -1, charset, "UTF-8", NULL, &written, &error);

  g_assert_no_error (error);
  return g_bytes_new_take (converted, written);
}

/* ---- quoting ---------------------------------------------------------- */

static void
test_simple (void)
{
  g_autoptr(Parsed) p = parse ("text,date,rating\r\n好吃,2026-03-24,5\r\nslow,2026-03-25,2\r\n");

  g_assert_no_error (p->error);
  g_assert_cmpuint (p->rows->len, ==, 3);
  g_assert_cmpstr (field (p, 0, 0), ==, "text");
  g_assert_cmpstr (field (p, 1, 0), ==, "好吃");
  g_assert_cmpstr (field (p, 1, 1), ==, "2026-03-24");
  g_assert_cmpstr (field (p, 2, 2), ==, "2");
  g_assert_cmpint (p->delimiter, ==, ',');
  g_assert_cmpint (p->encoding, ==, TL_TEXT_ENCODING_UTF8);
  g_assert_false (p->had_bom);
  g_assert_cmpuint (number_of (p, 2), ==, 3);
}

static void
test_quoting (void)
{
  g_autoptr(Parsed) p =
    parse ("a,b,c\n"
           "\"one, two\",\"say \"\"hi\"\"\",\"\"\n"
           "\"line one\nline two\",x,\"crlf\r\ninside\"\n"
           "\"\"\"\",\",\",\"\"\"quoted\"\"\"\n"
           "plain\"quote,\"after\"close,end\n");

  g_assert_no_error (p->error);
  g_assert_cmpuint (p->rows->len, ==, 5);
  g_assert_cmpstr (field (p, 1, 0), ==, "one, two");
  g_assert_cmpstr (field (p, 1, 1), ==, "say \"hi\"");
  g_assert_cmpstr (field (p, 1, 2), ==, "");
  /* A line break inside a field is an LF, whatever the file used */
  g_assert_cmpstr (field (p, 2, 0), ==, "line one\nline two");
  g_assert_cmpstr (field (p, 2, 2), ==, "crlf\ninside");
  g_assert_cmpstr (field (p, 3, 0), ==, "\"");
  g_assert_cmpstr (field (p, 3, 1), ==, ",");
  g_assert_cmpstr (field (p, 3, 2), ==, "\"quoted\"");
  /* Lenient, as spreadsheets are: a stray quote is kept */
  g_assert_cmpstr (field (p, 4, 0), ==, "plain\"quote");
  g_assert_cmpstr (field (p, 4, 1), ==, "afterclose");
  for (guint r = 0; r < p->rows->len; r++)
    {
      g_assert_cmpint (problem_of (p, r), ==, TL_CSV_ROW_OK);
      g_assert_cmpuint (n_fields (p, r), ==, 3);
    }
}

static void
test_line_ends (void)
{
  const char *variants[] = {
    "h1,h2\n1,2\n3,4\n",
    "h1,h2\r\n1,2\r\n3,4\r\n",
    "h1,h2\r1,2\r3,4\r",
    "h1,h2\r\n1,2\n3,4\r",
    "h1,h2\n1,2\n3,4",           /* no line end at the end */
    "h1,h2\r\n1,2\r\n3,4",
  };

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autoptr(Parsed) p = parse (variants[i]);

      g_assert_no_error (p->error);
      g_assert_cmpuint (p->rows->len, ==, 3);
      g_assert_cmpstr (field (p, 1, 0), ==, "1");
      g_assert_cmpstr (field (p, 2, 1), ==, "4");
      g_assert_cmpuint (number_of (p, 2), ==, 3);
    }
}

static void
test_row_numbers (void)
{
  /* Row numbers count blank rows (as a spreadsheet shows them); the line
   * of a record after a multi-line field is later than its number. */
  g_autoptr(Parsed) p = parse ("h1,h2\n\n\"a\nb\nc\",1\nx,2\n\r\n\ny,3\n");

  g_assert_no_error (p->error);
  g_assert_cmpuint (p->rows->len, ==, 4);
  g_assert_cmpuint (number_of (p, 1), ==, 3);
  g_assert_cmpuint (g_array_index (p->lines, guint64, 1), ==, 3);
  g_assert_cmpuint (number_of (p, 2), ==, 4);
  g_assert_cmpuint (g_array_index (p->lines, guint64, 2), ==, 6);
  g_assert_cmpstr (field (p, 3, 0), ==, "y");
  g_assert_cmpuint (number_of (p, 3), ==, 7);
  g_assert_cmpuint (g_array_index (p->lines, guint64, 3), ==, 9);
}

static void
test_trailing_delimiter (void)
{
  g_autoptr(Parsed) p = parse ("a,b,\n1,2,\n");

  g_assert_cmpuint (n_fields (p, 0), ==, 3);
  g_assert_cmpstr (field (p, 1, 2), ==, "");

  {
    g_autoptr(Parsed) q = parse ("a,b\n1,");

    g_assert_cmpuint (q->rows->len, ==, 2);
    g_assert_cmpuint (n_fields (q, 1), ==, 2);
    g_assert_cmpstr (field (q, 1, 1), ==, "");
  }
}

/* ---- delimiters ------------------------------------------------------- */

static void
test_delimiters (void)
{
  g_autoptr(Parsed) tab = parse ("text\tdate\n好吃, 真的\t2026-03-24\nslow, cold\t2026-03-25\n");
  g_autoptr(Parsed) semi = parse ("Text;Bewertung\n\"Gut; sehr\";4,5\nSchlecht;1,5\n");
  g_autoptr(Parsed) single = parse ("review\nnice\nbad\n");
  g_autoptr(Parsed) forced = parse_full ("a;b,c\n1;2,3\n", -1, TL_TEXT_ENCODING_AUTO, ',', 0);

  g_assert_cmpint (tab->delimiter, ==, '\t');
  g_assert_cmpstr (field (tab, 1, 0), ==, "好吃, 真的");
  g_assert_cmpint (semi->delimiter, ==, ';');
  g_assert_cmpstr (field (semi, 1, 0), ==, "Gut; sehr");
  g_assert_cmpstr (field (semi, 1, 1), ==, "4,5");
  g_assert_cmpint (single->delimiter, ==, ',');
  g_assert_cmpuint (n_fields (single, 1), ==, 1);
  g_assert_cmpint (forced->delimiter, ==, ',');
  g_assert_cmpstr (field (forced, 1, 0), ==, "1;2");

  /* Quoted delimiters do not count */
  {
    static const char quoted[] = "\"a,b,c\"\t1\n\"d,e\"\t2\n";

    g_assert_cmpint (tl_csv_detect_delimiter (quoted, strlen (quoted), TRUE), ==, '\t');
  }
  g_assert_cmpint (tl_csv_detect_delimiter ("", 0, TRUE), ==, ',');

  {
    char d = 1;

    g_assert_true (tl_csv_delimiter_parse ("tab", &d));
    g_assert_cmpint (d, ==, '\t');
    g_assert_true (tl_csv_delimiter_parse ("auto", &d));
    g_assert_cmpint (d, ==, 0);
    g_assert_true (tl_csv_delimiter_parse (";", &d));
    g_assert_cmpint (d, ==, ';');
    g_assert_false (tl_csv_delimiter_parse ("pipe", &d));
  }
}

/* ---- encodings -------------------------------------------------------- */

static const char chinese_csv[] =
  "内容,日期,渠道,评分\r\n"
  "\"外卖送得很快，包装也好\",2026-03-24,美团,5\r\n"
  "\"汤洒了，\"\"骑手\"\"态度差\n下次不点了\",2026/3/25,饿了么,1\r\n"
  "味道一般,24.03.2026,大众点评,3\r\n";

static void
check_chinese (Parsed *p)
{
  g_assert_no_error (p->error);
  g_assert_cmpuint (p->rows->len, ==, 4);
  g_assert_cmpstr (field (p, 0, 0), ==, "内容");
  g_assert_cmpstr (field (p, 1, 0), ==, "外卖送得很快，包装也好");
  g_assert_cmpstr (field (p, 2, 0), ==, "汤洒了，\"骑手\"态度差\n下次不点了");
  g_assert_cmpstr (field (p, 2, 2), ==, "饿了么");
  g_assert_cmpstr (field (p, 3, 2), ==, "大众点评");
  for (guint r = 0; r < p->rows->len; r++)
    g_assert_cmpint (problem_of (p, r), ==, TL_CSV_ROW_OK);
}

static void
test_utf8_bom (void)
{
  g_autofree char *with_bom = g_strconcat ("\xef\xbb\xbf", chinese_csv, NULL);
  g_autoptr(Parsed) p = parse (with_bom);
  g_autoptr(Parsed) q = parse (chinese_csv);

  check_chinese (p);
  check_chinese (q);
  g_assert_true (p->had_bom);
  g_assert_false (q->had_bom);
  g_assert_cmpint (p->encoding, ==, TL_TEXT_ENCODING_UTF8);
  g_assert_cmpint (q->encoding, ==, TL_TEXT_ENCODING_UTF8);
}

static void
test_utf16 (void)
{
  g_autoptr(GBytes) le = convert (chinese_csv, "UTF-16LE");
  g_autoptr(GBytes) be = convert (chinese_csv, "UTF-16BE");
  g_autoptr(GByteArray) le_bom = g_byte_array_new ();
  g_autoptr(GByteArray) be_bom = g_byte_array_new ();
  gsize n;
  const guint8 *data;

  g_byte_array_append (le_bom, (const guint8 *) "\xff\xfe", 2);
  data = g_bytes_get_data (le, &n);
  g_byte_array_append (le_bom, data, n);
  g_byte_array_append (be_bom, (const guint8 *) "\xfe\xff", 2);
  data = g_bytes_get_data (be, &n);
  g_byte_array_append (be_bom, data, n);

  {
    /* Spreadsheet "Unicode text": UTF-16LE with a BOM, tab-separated */
    g_autoptr(Parsed) p = parse_full (le_bom->data, le_bom->len, TL_TEXT_ENCODING_AUTO, 0, 0);

    check_chinese (p);
    g_assert_cmpint (p->encoding, ==, TL_TEXT_ENCODING_UTF16LE);
    g_assert_true (p->had_bom);
  }
  {
    g_autoptr(Parsed) p = parse_full (be_bom->data, be_bom->len, TL_TEXT_ENCODING_AUTO, 0, 0);

    check_chinese (p);
    g_assert_cmpint (p->encoding, ==, TL_TEXT_ENCODING_UTF16BE);
  }
  {
    /* Without a BOM: the NUL bytes of the ASCII characters tell */
    g_autoptr(Parsed) p = parse_full (g_bytes_get_data (le, NULL), g_bytes_get_size (le),
                                      TL_TEXT_ENCODING_AUTO, 0, 0);

    check_chinese (p);
    g_assert_cmpint (p->encoding, ==, TL_TEXT_ENCODING_UTF16LE);
    g_assert_false (p->had_bom);
  }
  {
    g_autoptr(Parsed) p = parse_full (g_bytes_get_data (be, NULL), g_bytes_get_size (be),
                                      TL_TEXT_ENCODING_UTF16, 0, 0);

    check_chinese (p);
    g_assert_cmpint (p->encoding, ==, TL_TEXT_ENCODING_UTF16BE);
  }
  {
    /* In pieces of 3 bytes: characters split between reads */
    g_autoptr(Parsed) whole = parse_full (le_bom->data, le_bom->len, TL_TEXT_ENCODING_AUTO, 0, 0);
    g_autoptr(Parsed) pieces = parse_full (le_bom->data, le_bom->len, TL_TEXT_ENCODING_AUTO, 0, 3);

    assert_same (whole, pieces);
  }
  {
    /* An odd byte at the end of UTF-16 is invalid, on the last row */
    g_autoptr(GByteArray) odd = g_byte_array_new ();
    g_autoptr(Parsed) p = NULL;

    g_byte_array_append (odd, le_bom->data, le_bom->len);
    g_byte_array_append (odd, (const guint8 *) "x", 1);
    p = parse_full (odd->data, odd->len, TL_TEXT_ENCODING_AUTO, 0, 0);
    g_assert_no_error (p->error);
    g_assert_cmpint (problem_of (p, p->rows->len - 1), ==, TL_CSV_ROW_INVALID_BYTES);
  }
}

static void
test_gb18030 (void)
{
  g_autoptr(GBytes) gb = convert (chinese_csv, "GB18030");
  g_autoptr(GBytes) gbk = convert (chinese_csv, "GBK");
  g_autoptr(Parsed) p = parse_full (g_bytes_get_data (gb, NULL), g_bytes_get_size (gb),
                                    TL_TEXT_ENCODING_AUTO, 0, 0);
  g_autoptr(Parsed) q = parse_full (g_bytes_get_data (gbk, NULL), g_bytes_get_size (gbk),
                                    TL_TEXT_ENCODING_AUTO, 0, 0);
  g_autoptr(Parsed) pieces = parse_full (g_bytes_get_data (gb, NULL), g_bytes_get_size (gb),
                                         TL_TEXT_ENCODING_AUTO, 0, 1);
  g_autoptr(Parsed) given = parse_full (g_bytes_get_data (gb, NULL), g_bytes_get_size (gb),
                                        TL_TEXT_ENCODING_GB18030, 0, 0);

  check_chinese (p);
  check_chinese (q);
  check_chinese (given);
  g_assert_cmpint (p->encoding, ==, TL_TEXT_ENCODING_GB18030);
  g_assert_cmpint (q->encoding, ==, TL_TEXT_ENCODING_GB18030);
  assert_same (p, pieces);

  /* A character outside GBK, written in GB18030's four bytes */
  {
    g_autoptr(GBytes) four = convert ("text\n€ 😀 𠀀\n", "GB18030");
    g_autoptr(Parsed) r = parse_full (g_bytes_get_data (four, NULL), g_bytes_get_size (four),
                                      TL_TEXT_ENCODING_AUTO, 0, 0);

    g_assert_cmpint (r->encoding, ==, TL_TEXT_ENCODING_GB18030);
    g_assert_cmpstr (field (r, 1, 0), ==, "€ 😀 𠀀");
  }
}

/* 100 KB of ASCII, then Chinese in GB18030: decided where the Chinese is */
static void
test_gb18030_late (void)
{
  g_autoptr(GString) text = g_string_new ("text,n\n");
  g_autoptr(GBytes) gb = NULL;
  g_autoptr(Parsed) p = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (text, "plain ascii row number %u,%u\n", i, i);
  g_string_append (text, "\"很好，下次再来\",5001\n");
  gb = convert (text->str, "GB18030");

  p = parse_full (g_bytes_get_data (gb, NULL), g_bytes_get_size (gb), TL_TEXT_ENCODING_AUTO, 0, 0);
  g_assert_no_error (p->error);
  g_assert_cmpint (p->encoding, ==, TL_TEXT_ENCODING_GB18030);
  g_assert_cmpuint (p->rows->len, ==, 5002);
  g_assert_cmpstr (field (p, 5001, 0), ==, "很好，下次再来");
  g_assert_cmpint (problem_of (p, 5001), ==, TL_CSV_ROW_OK);
}

static void
test_invalid_bytes (void)
{
  /* UTF-8 with one bad byte in row 3, column 2 */
  static const char bad[] = "a,b\n好,吃\nok,bad\xff here\nfine,again\n";
  g_autoptr(Parsed) p = parse (bad);
  g_autoptr(Parsed) pieces = parse_full (bad, -1, TL_TEXT_ENCODING_AUTO, 0, 2);

  g_assert_no_error (p->error);
  g_assert_cmpint (p->encoding, ==, TL_TEXT_ENCODING_UTF8);
  g_assert_cmpuint (p->rows->len, ==, 4);
  g_assert_cmpint (problem_of (p, 1), ==, TL_CSV_ROW_OK);
  g_assert_cmpint (problem_of (p, 2), ==, TL_CSV_ROW_INVALID_BYTES);
  g_assert_cmpuint (g_array_index (p->problem_fields, guint, 2), ==, 1);
  g_assert_cmpuint (number_of (p, 2), ==, 3);
  /* replaced, so the row can be shown */
  g_assert_cmpstr (field (p, 2, 1), ==, "bad\xef\xbf\xbd here");
  g_assert_cmpint (problem_of (p, 3), ==, TL_CSV_ROW_OK);
  assert_same (p, pieces);

  /* Bytes that are not GB18030 when GB18030 is chosen */
  {
    static const char gb_bad[] = "a\n\xc4\xda\xc8\xdd\n\x81\x20x\n";
    g_autoptr(Parsed) q = parse_full (gb_bad, -1, TL_TEXT_ENCODING_GB18030, 0, 0);

    g_assert_no_error (q->error);
    g_assert_cmpuint (q->rows->len, ==, 3);
    g_assert_cmpstr (field (q, 1, 0), ==, "内容");
    g_assert_cmpint (problem_of (q, 1), ==, TL_CSV_ROW_OK);
    g_assert_cmpint (problem_of (q, 2), ==, TL_CSV_ROW_INVALID_BYTES);
  }

  /* A NUL inside the text, after a start that looks like text */
  {
    g_autoptr(GString) s = g_string_new ("a,b\n");
    g_autoptr(Parsed) q = NULL;

    for (guint i = 0; i < 4000; i++)
      g_string_append (s, "some text,more text\n");
    g_string_append_len (s, "nul\0here,x\n", 11);
    q = parse_full (s->str, s->len, TL_TEXT_ENCODING_AUTO, 0, 0);
    g_assert_no_error (q->error);
    g_assert_cmpint (problem_of (q, q->rows->len - 1), ==, TL_CSV_ROW_INVALID_BYTES);
    g_assert_cmpint (problem_of (q, q->rows->len - 2), ==, TL_CSV_ROW_OK);
  }
}

static void
test_detect (void)
{
  gsize bom = 99;
  g_autoptr(GBytes) gb = convert ("评论,评分\n很好,5\n", "GB18030");
  g_autoptr(GBytes) le = convert ("评论,评分\n很好,5\n", "UTF-16LE");

  g_assert_cmpint (tl_text_encoding_detect ((const guint8 *) "\xef\xbb\xbf" "a", 4, TRUE, &bom), ==,
                   TL_TEXT_ENCODING_UTF8);
  g_assert_cmpuint (bom, ==, 3);
  g_assert_cmpint (tl_text_encoding_detect ((const guint8 *) "\xff\xfe" "a\0", 4, TRUE, &bom), ==,
                   TL_TEXT_ENCODING_UTF16LE);
  g_assert_cmpuint (bom, ==, 2);
  g_assert_cmpint (tl_text_encoding_detect ((const guint8 *) "\xfe\xff\0a", 4, TRUE, &bom), ==,
                   TL_TEXT_ENCODING_UTF16BE);
  g_assert_cmpint (tl_text_encoding_detect ((const guint8 *) "plain", 5, TRUE, &bom), ==,
                   TL_TEXT_ENCODING_UTF8);
  g_assert_cmpuint (bom, ==, 0);
  g_assert_cmpint (tl_text_encoding_detect ((const guint8 *) "很好", strlen ("很好"), TRUE, NULL), ==,
                   TL_TEXT_ENCODING_UTF8);
  g_assert_cmpint (tl_text_encoding_detect (g_bytes_get_data (gb, NULL), g_bytes_get_size (gb), TRUE, NULL), ==,
                   TL_TEXT_ENCODING_GB18030);
  g_assert_cmpint (tl_text_encoding_detect (g_bytes_get_data (le, NULL), g_bytes_get_size (le), TRUE, NULL), ==,
                   TL_TEXT_ENCODING_UTF16LE);
  /* A sample cut in the middle of a UTF-8 character is still UTF-8 */
  g_assert_cmpint (tl_text_encoding_detect ((const guint8 *) "很好", strlen ("很好") - 1, FALSE, NULL), ==,
                   TL_TEXT_ENCODING_UTF8);

  {
    TlTextEncoding e;

    g_assert_true (tl_text_encoding_parse ("GBK", &e));
    g_assert_cmpint (e, ==, TL_TEXT_ENCODING_GB18030);
    g_assert_true (tl_text_encoding_parse ("utf-16", &e));
    g_assert_cmpint (e, ==, TL_TEXT_ENCODING_UTF16);
    g_assert_true (tl_text_encoding_parse ("auto", &e));
    g_assert_cmpint (e, ==, TL_TEXT_ENCODING_AUTO);
    g_assert_false (tl_text_encoding_parse ("latin-9", &e));
    g_assert_cmpstr (tl_text_encoding_to_string (TL_TEXT_ENCODING_GB18030), ==, "gb18030");
  }
}

/* Byte by byte or all at once, the decoder gives the same text */
static void
test_decoder_pieces (void)
{
  const char *samples[] = { "UTF-8", "GB18030", "UTF-16LE", "UTF-16BE" };
  static const char text[] = "混合 mixed 文本，带标点。\n第二行 € 😀\n";

  for (guint s = 0; s < G_N_ELEMENTS (samples); s++)
    {
      g_autoptr(GBytes) bytes = convert (text, samples[s]);
      gsize n;
      const guint8 *data = g_bytes_get_data (bytes, &n);
      TlTextEncoding detected;
      guint64 invalid = 99;
      g_autofree char *whole = tl_text_decode_all (data, n, s >= 2 ? TL_TEXT_ENCODING_UTF16 : TL_TEXT_ENCODING_AUTO,
                                                   &detected, &invalid);
      g_autoptr(TlTextDecoder) decoder = tl_text_decoder_new (s >= 2 ? TL_TEXT_ENCODING_UTF16 : TL_TEXT_ENCODING_AUTO);
      g_autoptr(GString) out = g_string_new (NULL);

      g_assert_cmpstr (whole, ==, text);
      g_assert_cmpuint (invalid, ==, 0);
      for (gsize i = 0; i < n; i++)
        tl_text_decoder_feed (decoder, data + i, 1, FALSE, out);
      tl_text_decoder_feed (decoder, NULL, 0, TRUE, out);
      g_assert_cmpstr (out->str, ==, text);
      g_assert_cmpuint (tl_text_decoder_get_n_output (decoder), ==, out->len);
    }
}

/* ---- bad input -------------------------------------------------------- */

static void
test_empty (void)
{
  const char *empties[] = { "", "\xef\xbb\xbf", "\n\n\r\n", "   \n" };

  for (guint i = 0; i < G_N_ELEMENTS (empties); i++)
    {
      g_autoptr(Parsed) p = parse (empties[i]);

      g_assert_error (p->error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_EMPTY);
      g_assert_cmpuint (p->rows->len, ==, 0);
    }
}

static void
test_header_only (void)
{
  g_autoptr(Parsed) p = parse ("text,date\r\n");

  g_assert_no_error (p->error);
  g_assert_cmpuint (p->rows->len, ==, 1);
}

static void
test_ragged (void)
{
  g_autoptr(Parsed) p = parse ("a,b,c\n1,2,3\n1,2\n1,2,3,4\n");

  g_assert_no_error (p->error);
  g_assert_cmpuint (p->rows->len, ==, 4);
  g_assert_cmpuint (n_fields (p, 2), ==, 2);
  g_assert_cmpuint (n_fields (p, 3), ==, 4);
}

static void
test_unterminated_quote (void)
{
  g_autoptr(Parsed) p = parse ("text,n\nfine,1\n\"never closed,2\nmore,3\nlast,4\n");
  g_autoptr(Parsed) pieces = parse_full ("text,n\nfine,1\n\"never closed,2\nmore,3\nlast,4\n", -1,
                                         TL_TEXT_ENCODING_AUTO, 0, 1);

  g_assert_no_error (p->error);
  g_assert_cmpuint (p->rows->len, ==, 3);
  g_assert_cmpint (problem_of (p, 1), ==, TL_CSV_ROW_OK);
  g_assert_cmpint (problem_of (p, 2), ==, TL_CSV_ROW_UNTERMINATED_QUOTE);
  g_assert_cmpuint (number_of (p, 2), ==, 3);
  g_assert_cmpuint (g_array_index (p->problem_lines, guint64, 2), ==, 3);
  g_assert_cmpuint (g_array_index (p->problem_fields, guint, 2), ==, 0);
  assert_same (p, pieces);
}

static void
test_huge_field (void)
{
  /* 100 MB in one quoted field: cut at the limit, reported, read in one
   * pass (seconds, not the minutes of a quadratic reader) */
  g_autoptr(GInputStream) stream = pattern_new ("text,n\n\"", 'x', 100 * 1024 * 1024, "\",1\nnext,2\n");
  gint64 start = g_get_monotonic_time ();
  g_autoptr(Parsed) p = parse_stream (stream, TL_TEXT_ENCODING_AUTO, 0);
  double seconds = (g_get_monotonic_time () - start) / 1e6;

  g_assert_no_error (p->error);
  g_assert_cmpuint (p->rows->len, ==, 3);
  g_assert_cmpint (problem_of (p, 1), ==, TL_CSV_ROW_FIELD_TOO_LONG);
  g_assert_cmpuint (strlen (field (p, 1, 0)), ==, TL_CSV_DEFAULT_MAX_FIELD_SIZE);
  g_assert_cmpstr (field (p, 1, 1), ==, "1");
  g_assert_cmpint (problem_of (p, 2), ==, TL_CSV_ROW_OK);
  g_assert_cmpstr (field (p, 2, 0), ==, "next");
  g_test_message ("100 MB field read in %.2f s", seconds);
  g_assert_cmpfloat (seconds, <, 30);

  /* Unquoted, and cut inside a multi-byte character: still valid UTF-8 */
  {
    g_autoptr(GString) s = g_string_new ("x,");
    g_autoptr(TlCsvReader) reader = NULL;
    g_autoptr(GInputStream) in = NULL;
    const TlCsvRow *row;

    for (guint i = 0; i < 1000; i++)
      g_string_append (s, "好");
    g_string_append (s, ",y\n");
    in = g_memory_input_stream_new_from_data (g_strdup (s->str), s->len, g_free);
    reader = tl_csv_reader_new (in, TL_TEXT_ENCODING_AUTO, ',', -1);
    tl_csv_reader_set_max_field_size (reader, 1000);
    row = tl_csv_reader_read_row (reader, NULL, NULL);
    g_assert_nonnull (row);
    g_assert_cmpint (row->problem, ==, TL_CSV_ROW_FIELD_TOO_LONG);
    g_assert_cmpuint (row->problem_field, ==, 1);
    g_assert_cmpuint (row->lengths[1], ==, 999);
    g_assert_true (g_utf8_validate (row->fields[1], -1, NULL));
    g_assert_cmpstr (row->fields[2], ==, "y");
  }
}

static void
test_too_many_fields (void)
{
  g_autoptr(GString) s = g_string_new ("a\n");
  g_autoptr(Parsed) p = NULL;

  for (guint i = 0; i < TL_CSV_DEFAULT_MAX_FIELDS + 10; i++)
    g_string_append_c (s, ',');
  g_string_append (s, "\nb\n");
  p = parse (s->str);
  g_assert_no_error (p->error);
  g_assert_cmpuint (p->rows->len, ==, 3);
  g_assert_cmpint (problem_of (p, 1), ==, TL_CSV_ROW_TOO_MANY_FIELDS);
  g_assert_cmpuint (n_fields (p, 1), ==, TL_CSV_DEFAULT_MAX_FIELDS);
  g_assert_cmpint (problem_of (p, 2), ==, TL_CSV_ROW_OK);
}

static void
test_binary (void)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1, 0
  };
  static const guint8 zip[] = { 'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 'x', 'l', '/', 'w', 'o', 'r', 'k' };
  guint8 noise[4096];
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = g_rand_int_range (rand, 0, 256);
  g_rand_free (rand);

  {
    g_autoptr(Parsed) p = parse_full (png, sizeof png, TL_TEXT_ENCODING_AUTO, 0, 0);

    g_assert_error (p->error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_NOT_TEXT);
    g_assert_nonnull (strstr (p->error->message, "does not look like text"));
    g_assert_nonnull (strstr (p->error->message, "image"));
  }
  {
    g_autoptr(Parsed) p = parse_full (zip, sizeof zip, TL_TEXT_ENCODING_AUTO, 0, 0);

    g_assert_error (p->error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_NOT_TEXT);
    g_assert_nonnull (strstr (p->error->message, "workbook"));
  }
  {
    g_autoptr(Parsed) p = parse_full (noise, sizeof noise, TL_TEXT_ENCODING_AUTO, 0, 0);

    g_assert_error (p->error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_NOT_TEXT);
  }
  {
    /* Even when told it is GB18030 or UTF-16 */
    g_autoptr(Parsed) p = parse_full (noise, sizeof noise, TL_TEXT_ENCODING_GB18030, 0, 0);
    g_autoptr(Parsed) q = parse_full (noise, sizeof noise, TL_TEXT_ENCODING_UTF16LE, 0, 0);

    g_assert_error (p->error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_NOT_TEXT);
    g_assert_error (q->error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_NOT_TEXT);
  }
  g_assert_cmpint (tl_text_sniff_binary ((const guint8 *) "SQLite format 3\0", 16), ==, TL_BINARY_KIND_SQLITE);
  g_assert_cmpint (tl_text_sniff_binary ((const guint8 *) "%PDF-1.5", 8), ==, TL_BINARY_KIND_PDF);
  g_assert_cmpint (tl_text_sniff_binary ((const guint8 *) "text,date", 9), ==, TL_BINARY_KIND_NONE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tl/io/csv/simple", test_simple);
  g_test_add_func ("/tl/io/csv/quoting", test_quoting);
  g_test_add_func ("/tl/io/csv/line-ends", test_line_ends);
  g_test_add_func ("/tl/io/csv/row-numbers", test_row_numbers);
  g_test_add_func ("/tl/io/csv/trailing-delimiter", test_trailing_delimiter);
  g_test_add_func ("/tl/io/csv/delimiters", test_delimiters);
  g_test_add_func ("/tl/io/csv/utf8-bom", test_utf8_bom);
  g_test_add_func ("/tl/io/csv/utf16", test_utf16);
  g_test_add_func ("/tl/io/csv/gb18030", test_gb18030);
  g_test_add_func ("/tl/io/csv/gb18030-late", test_gb18030_late);
  g_test_add_func ("/tl/io/csv/invalid-bytes", test_invalid_bytes);
  g_test_add_func ("/tl/io/csv/detect", test_detect);
  g_test_add_func ("/tl/io/csv/decoder-pieces", test_decoder_pieces);
  g_test_add_func ("/tl/io/csv/empty", test_empty);
  g_test_add_func ("/tl/io/csv/header-only", test_header_only);
  g_test_add_func ("/tl/io/csv/ragged", test_ragged);
  g_test_add_func ("/tl/io/csv/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/tl/io/csv/huge-field", test_huge_field);
  g_test_add_func ("/tl/io/csv/too-many-fields", test_too_many_fields);
  g_test_add_func ("/tl/io/csv/binary", test_binary);

  return g_test_run ();
}
