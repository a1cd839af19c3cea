/* fuzz-csv.c: a libFuzzer target for what reads untrusted feedback files:
 * encoding detection and decoding, the CSV reader, and every value parser
 * and name lookup the import applies to a cell
 *
 * Built with -Dfuzz=true and clang (build-aux/fuzz); fuzz-replay runs the
 * same function over the seed corpus in every build.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <gio/gio.h>

#include "tl-csv-reader.h"
#include "tl-import-mapping.h"
#include "tl-text-encoding.h"
#include "tl-value-parse.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static TlNameIndex *names;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");

  names = tl_name_index_new (document);
  return 0;
}

static void
parse_cell (const char *cell)
{
  char stage;
  const char *phase;
  double value, out_of;
  gboolean sign, blank;
  TlRatingScale scale;
  TlDateOrder evidence;
  TlImportField field;
  g_autofree char *date = NULL;
  g_autofree char *date_dmy = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *bad = NULL;

  tl_value_parse_stage (cell, &stage);
  tl_value_parse_phase (cell, &phase);
  if (tl_value_parse_rating (cell, &value, &out_of, &sign, &blank))
    {
      TlRatingStats stats;

      tl_rating_stats_init (&stats);
      tl_rating_stats_add (&stats, value, out_of, sign);
      scale = tl_rating_scale_detect (&stats);
      if (scale != TL_RATING_SCALE_AUTO)
        tl_rating_normalise (value, scale, 7);
    }
  tl_rating_scale_parse (cell, &scale);
  date = tl_value_parse_date (cell, TL_DATE_ORDER_UNKNOWN, &evidence, &blank);
  date_dmy = tl_value_parse_date (cell, TL_DATE_ORDER_DMY, NULL, NULL);
  if (date != NULL)
    {
      /* What it gives, it reads back the same */
      g_autofree char *again = tl_value_parse_date (date, TL_DATE_ORDER_UNKNOWN, NULL, NULL);

      g_assert (g_strcmp0 (again, date) == 0);
    }
  tags = tl_value_parse_tags (cell);
  folded = tl_value_fold (cell);
  tl_import_field_from_header (cell, &scale);
  tl_import_field_parse (cell, &field);
  tl_name_index_lookup_station (names, cell);
  tl_name_index_lookup_loop (names, cell);
  tl_name_index_lookup_layer (names, cell);
  tl_name_index_lookup_type (names, cell);
  tl_name_index_parse_links (names, cell, links, &bad);
}

static void
read_all (const uint8_t  *data,
          size_t          size,
          TlTextEncoding  encoding,
          char            delimiter,
          gsize           max_field)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(TlCsvReader) reader = tl_csv_reader_new (stream, encoding, delimiter, size);
  g_autoptr(GError) error = NULL;
  const TlCsvRow *row;
  guint n_rows = 0;

  tl_csv_reader_set_max_field_size (reader, max_field);
  tl_csv_reader_set_max_fields (reader, 64);

  while ((row = tl_csv_reader_read_row (reader, NULL, &error)) != NULL)
    {
      g_assert (row->n_fields <= 64);
      for (guint i = 0; i < row->n_fields; i++)
        {
          g_assert (strlen (row->fields[i]) == row->lengths[i]);
          g_assert (row->lengths[i] <= max_field);
          g_assert (g_utf8_validate (row->fields[i], row->lengths[i], NULL));
          /* the value parsers on the first rows' cells */
          if (n_rows < 8 && i < 8)
            parse_cell (row->fields[i]);
        }
      n_rows++;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const TlTextEncoding encodings[] = {
    TL_TEXT_ENCODING_AUTO, TL_TEXT_ENCODING_UTF8, TL_TEXT_ENCODING_UTF16,
    TL_TEXT_ENCODING_UTF16LE, TL_TEXT_ENCODING_UTF16BE, TL_TEXT_ENCODING_GB18030,
  };
  static const char delimiters[] = { 0, ',', '\t', ';' };
  TlTextEncoding encoding;
  char delimiter;
  gsize bom;
  guint64 n_invalid;

  if (names == NULL)
    LLVMFuzzerInitialize (NULL, NULL);

  /* The first byte picks the options; the rest is the file. */
  if (size == 0)
    return 0;
  encoding = encodings[data[0] % G_N_ELEMENTS (encodings)];
  delimiter = delimiters[(data[0] / G_N_ELEMENTS (encodings)) % G_N_ELEMENTS (delimiters)];
  data++;
  size--;

  tl_text_encoding_detect (data, size, TRUE, &bom);
  tl_text_sniff_binary (data, size);
  {
    g_autofree char *text = tl_text_decode_all (data, size, encoding, NULL, &n_invalid);

    g_assert (g_utf8_validate (text, -1, NULL));
    tl_csv_detect_delimiter (text, strlen (text), TRUE);
  }

  read_all (data, size, encoding, delimiter, 256);
  read_all (data, size, TL_TEXT_ENCODING_AUTO, 0, TL_CSV_DEFAULT_MAX_FIELD_SIZE);

  return 0;
}
