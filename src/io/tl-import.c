/* tl-import.c
 *
 * An import reads the file up to three times, each a stream in bounded
 * memory: the first rows, for the header and the mapping; the whole file
 * once more when a rating column's scale or a date column's day/month
 * order has to be learnt from all its values; and the import itself, in
 * one transaction.  A pasted text is read from memory the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-csv-reader.h"
#include "tl-import.h"
#include "tl-import-private.h"

/* Rows read for the header check and the guess of the text column */
#define SAMPLE_ROWS 50
/* Progress is passed to the main context at most this often (µs) */
#define PROGRESS_INTERVAL (50 * 1000)
/* …and first after this many rows, so a short import shows some */
#define PROGRESS_FIRST_ROWS 1000

struct _TlImport
{
  GObject           parent_instance;

  GFile            *file;
  GBytes           *text;
  TlTextEncoding    encoding;
  char              delimiter;
  TlImportHeader    header_mode;
  TlImportMapping  *mapping;
  GPtrArray        *overrides;
  TlRatingScale     scale;
  gboolean          skip_bad_rows;
  gboolean          dry_run;
  gboolean          remember;
  char             *mappings_path;

  TlImportReport   *report;
  double            progress;
  guint64           rows_read;
  gboolean          running;
};

G_DEFINE_FINAL_TYPE (TlImport, tl_import, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROGRESS,
  PROP_ROWS_READ,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tl_import_finalize (GObject *object)
{
  TlImport *self = TL_IMPORT (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->text, g_bytes_unref);
  g_clear_object (&self->mapping);
  g_ptr_array_unref (self->overrides);
  g_free (self->mappings_path);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (tl_import_parent_class)->finalize (object);
}

static void
tl_import_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TlImport *self = TL_IMPORT (object);

  switch (prop_id)
    {
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_ROWS_READ:
      g_value_set_uint64 (value, self->rows_read);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_import_class_init (TlImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tl_import_finalize;
  object_class->get_property = tl_import_get_property;

  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROWS_READ] =
    g_param_spec_uint64 ("rows-read", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tl_import_init (TlImport *self)
{
  self->overrides = g_ptr_array_new_with_free_func (g_free);
  self->remember = TRUE;
  self->header_mode = TL_IMPORT_HEADER_YES;
}

TlImport *
tl_import_new_for_file (GFile *file)
{
  TlImport *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (TL_TYPE_IMPORT, NULL);
  self->file = g_object_ref (file);
  return self;
}

TlImport *
tl_import_new_for_text (const char *text)
{
  TlImport *self;

  g_return_val_if_fail (text != NULL, NULL);

  self = g_object_new (TL_TYPE_IMPORT, NULL);
  self->text = g_bytes_new (text, strlen (text));
  self->encoding = TL_TEXT_ENCODING_UTF8;
  self->header_mode = TL_IMPORT_HEADER_AUTO;
  return self;
}

void
tl_import_set_encoding (TlImport       *self,
                        TlTextEncoding  encoding)
{
  g_return_if_fail (TL_IS_IMPORT (self));
  g_return_if_fail (!self->running);
  self->encoding = encoding;
}

void
tl_import_set_delimiter (TlImport *self,
                         char      delimiter)
{
  g_return_if_fail (TL_IS_IMPORT (self));
  g_return_if_fail (delimiter == 0 || delimiter == ',' || delimiter == '\t' || delimiter == ';');
  g_return_if_fail (!self->running);
  self->delimiter = delimiter;
}

void
tl_import_set_header (TlImport       *self,
                      TlImportHeader  header)
{
  g_return_if_fail (TL_IS_IMPORT (self));
  g_return_if_fail (!self->running);
  self->header_mode = header;
}

void
tl_import_set_mapping (TlImport        *self,
                       TlImportMapping *mapping)
{
  g_return_if_fail (TL_IS_IMPORT (self));
  g_return_if_fail (mapping == NULL || TL_IS_IMPORT_MAPPING (mapping));
  g_return_if_fail (!self->running);

  g_clear_object (&self->mapping);
  if (mapping != NULL)
    self->mapping = tl_import_mapping_copy (mapping);
}

void
tl_import_add_override (TlImport   *self,
                        const char *spec)
{
  g_return_if_fail (TL_IS_IMPORT (self));
  g_return_if_fail (spec != NULL);
  g_return_if_fail (!self->running);
  g_ptr_array_add (self->overrides, g_strdup (spec));
}

void
tl_import_set_rating_scale (TlImport      *self,
                            TlRatingScale  scale)
{
  g_return_if_fail (TL_IS_IMPORT (self));
  g_return_if_fail (!self->running);
  self->scale = scale;
}

void
tl_import_set_skip_bad_rows (TlImport *self,
                             gboolean  skip)
{
  g_return_if_fail (TL_IS_IMPORT (self));
  g_return_if_fail (!self->running);
  self->skip_bad_rows = !!skip;
}

void
tl_import_set_dry_run (TlImport *self,
                       gboolean  dry_run)
{
  g_return_if_fail (TL_IS_IMPORT (self));
  g_return_if_fail (!self->running);
  self->dry_run = !!dry_run;
}

void
tl_import_set_remember_mapping (TlImport   *self,
                                gboolean    remember,
                                const char *path)
{
  g_return_if_fail (TL_IS_IMPORT (self));
  g_return_if_fail (!self->running);
  self->remember = !!remember;
  g_free (self->mappings_path);
  self->mappings_path = g_strdup (path);
}

TlImportReport *
tl_import_get_report (TlImport *self)
{
  g_return_val_if_fail (TL_IS_IMPORT (self), NULL);
  return self->report;
}

double
tl_import_get_progress (TlImport *self)
{
  g_return_val_if_fail (TL_IS_IMPORT (self), 0);
  return self->progress;
}

guint64
tl_import_get_rows_read (TlImport *self)
{
  g_return_val_if_fail (TL_IS_IMPORT (self), 0);
  return self->rows_read;
}

static void
set_progress (TlImport *self,
              double    progress,
              guint64   rows_read)
{
  progress = CLAMP (progress, 0, 1);
  if (self->progress != progress)
    {
      self->progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
  if (self->rows_read != rows_read)
    {
      self->rows_read = rows_read;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROWS_READ]);
    }
}

/* ---- a job: what a worker thread needs, copied from the TlImport ------ */

/* A record kept beyond the reader's next read */
typedef struct {
  GStrv            fields;
  guint64          number;
  guint64          line;
  TlCsvRowProblem  problem;
  guint            problem_field;
  guint64          problem_line;
} KeptRow;

static void
kept_row_free (KeptRow *row)
{
  g_strfreev (row->fields);
  g_free (row);
}

static KeptRow *
kept_row_new (const TlCsvRow *row)
{
  KeptRow *kept = g_new0 (KeptRow, 1);

  kept->fields = g_new0 (char *, row->n_fields + 1);
  for (guint i = 0; i < row->n_fields; i++)
    kept->fields[i] = g_strndup (row->fields[i], row->lengths[i]);
  kept->number = row->number;
  kept->line = row->line;
  kept->problem = row->problem;
  kept->problem_field = row->problem_field;
  kept->problem_line = row->problem_line;

  return kept;
}

/* A TlCsvRow view of @kept, valid as long as it is */
static void
kept_row_view (KeptRow  *kept,
               TlCsvRow *row,
               GArray   *lengths)
{
  guint n = g_strv_length (kept->fields);

  g_array_set_size (lengths, n);
  for (guint i = 0; i < n; i++)
    g_array_index (lengths, gsize, i) = strlen (kept->fields[i]);

  memset (row, 0, sizeof *row);
  row->number = kept->number;
  row->line = kept->line;
  row->n_fields = n;
  row->fields = kept->fields;
  row->lengths = (gsize *) (gpointer) lengths->data;
  row->problem = kept->problem;
  row->problem_field = kept->problem_field;
  row->problem_line = kept->problem_line;
}

typedef struct {
  TlImport        *import;
  TlStore         *store;          /* NULL for a preview */
  GFile           *file;
  GBytes          *text;
  char            *source_name;
  TlTextEncoding   encoding;
  char             delimiter;
  TlImportHeader   header_mode;
  TlImportMapping *given_mapping;
  GStrv            overrides;
  TlRatingScale    given_scale;
  gboolean         skip_bad_rows;
  gboolean         dry_run;
  gboolean         remember;
  char            *mappings_path;
  TlNameIndex     *names;          /* NULL when there is no document */
  guint            document_scale;
  guint            max_rows;       /* preview */

  GMainContext    *context;        /* progress goes there; NULL: synchronously */
  gint64           last_progress;
  double           progress_base;
  double           progress_span;
  gboolean         counting_rows;  /* FALSE while the prescan reads */

  /* found */
  TlTextEncoding   found_encoding;
  gboolean         had_bom;
  char             found_delimiter;
  gboolean         has_header;
  GStrv            header;         /* the column names */
  guint            n_columns;
  TlImportMapping *mapping;
  gboolean         mapping_remembered;
  TlRatingScale    scale;
  TlDateOrder      date_order;
  gboolean         date_order_conflict;
  GPtrArray       *sample;         /* KeptRow: the first rows of data */
  gboolean         sample_complete; /* the file has no more rows than these */

  /* Values repeat (dates, stages): each is read once; bounded */
  GHashTable      *date_cache;     /* text → evidence digit + ISO date ("" when none) */
  GHashTable      *stage_cache;    /* text → stage + 1, or 1 when not a stage */

  TlImportReport  *report;
  gboolean         in_transaction;
  /* Committed in the worker (tl_store_commit_quiet()): the main thread
   * publishes the changes (tl_store_publish_changes()) */
  gboolean         committed;
  gboolean         refused;
  guint64          n_rows;
  guint64          n_imported;
  guint64          n_duplicates;
  guint64          n_skipped;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->import);
  g_clear_object (&job->store);
  g_clear_object (&job->file);
  g_clear_pointer (&job->text, g_bytes_unref);
  g_free (job->source_name);
  g_clear_object (&job->given_mapping);
  g_strfreev (job->overrides);
  g_free (job->mappings_path);
  g_clear_pointer (&job->names, tl_name_index_free);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_strfreev (job->header);
  g_clear_object (&job->mapping);
  g_clear_pointer (&job->sample, g_ptr_array_unref);
  g_clear_pointer (&job->date_cache, g_hash_table_unref);
  g_clear_pointer (&job->stage_cache, g_hash_table_unref);
  g_clear_object (&job->report);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static Job *
job_new (TlImport   *self,
         TlDocument *document)
{
  Job *job = g_new0 (Job, 1);

  job->import = g_object_ref (self);
  job->file = self->file != NULL ? g_object_ref (self->file) : NULL;
  job->text = self->text != NULL ? g_bytes_ref (self->text) : NULL;
  if (self->file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (self->file);

      job->source_name = g_filename_display_name (basename);
    }
  job->encoding = self->encoding;
  job->delimiter = self->delimiter;
  job->header_mode = self->header_mode;
  job->given_mapping = self->mapping != NULL ? tl_import_mapping_copy (self->mapping) : NULL;
  g_ptr_array_add (self->overrides, NULL);
  job->overrides = g_strdupv ((char **) self->overrides->pdata);
  g_ptr_array_remove_index (self->overrides, self->overrides->len - 1);
  job->given_scale = self->scale;
  job->skip_bad_rows = self->skip_bad_rows;
  job->dry_run = self->dry_run;
  job->remember = self->remember;
  job->mappings_path = g_strdup (self->mappings_path);
  job->document_scale = TL_DEFAULT_SCORE_SCALE;
  if (document != NULL)
    {
      job->names = tl_name_index_new (document);
      job->document_scale = tl_document_get_score_scale (document);
    }
  job->sample = g_ptr_array_new_with_free_func ((GDestroyNotify) kept_row_free);
  job->date_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  job->stage_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  job->report = tl_import_report_new ();
  tl_import_report_set_source_name (job->report, job->source_name);
  job->progress_span = 1;
  job->counting_rows = TRUE;

  return job;
}

/* ---- progress --------------------------------------------------------- */

typedef struct {
  TlImport *import;
  double    progress;
  guint64   rows;
} ProgressUpdate;

static gboolean
progress_cb (gpointer data)
{
  ProgressUpdate *update = data;

  if (update->import->running)
    set_progress (update->import, update->progress, update->rows);
  return G_SOURCE_REMOVE;
}

static void
progress_update_free (gpointer data)
{
  ProgressUpdate *update = data;

  g_object_unref (update->import);
  g_free (update);
}

static void
report_progress (Job         *job,
                 TlCsvReader *reader,
                 guint64      rows,
                 gboolean     force)
{
  gint64 now;
  goffset total = tl_csv_reader_get_total_size (reader);
  double fraction = total > 0 ? (double) tl_csv_reader_get_bytes_read (reader) / total : 0;
  ProgressUpdate *update;

  if (!force && rows != PROGRESS_FIRST_ROWS && rows % 256 != 0)
    return;

  now = g_get_monotonic_time ();
  if (!force && rows != PROGRESS_FIRST_ROWS && now - job->last_progress < PROGRESS_INTERVAL)
    return;
  job->last_progress = now;

  fraction = job->progress_base + job->progress_span * MIN (fraction, 1.0);
  if (!job->counting_rows)
    rows = 0;

  if (job->context == NULL)
    {
      set_progress (job->import, fraction, rows);
      return;
    }

  update = g_new0 (ProgressUpdate, 1);
  update->import = g_object_ref (job->import);
  update->progress = fraction;
  update->rows = rows;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, progress_cb, update,
                              progress_update_free);
}

/* ---- reading ---------------------------------------------------------- */

static TlCsvReader *
open_reader (Job           *job,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(TlCsvReader) reader = NULL;
  goffset size = -1;

  if (job->file != NULL)
    {
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) local_error = NULL;

      stream = G_INPUT_STREAM (g_file_read (job->file, cancellable, &local_error));
      if (stream == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, local_error->domain, local_error->code,
                         _("Could not read “%s”: %s"), job->source_name, local_error->message);
          return NULL;
        }

      info = g_file_input_stream_query_info (G_FILE_INPUT_STREAM (stream),
                                             G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
      if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
        size = g_file_info_get_size (info);
    }
  else
    {
      stream = g_memory_input_stream_new_from_bytes (job->text);
      size = g_bytes_get_size (job->text);
    }

  reader = tl_csv_reader_new (stream, job->encoding, job->delimiter, size);
  if (!tl_csv_reader_start (reader, cancellable, error))
    return NULL;

  return g_steal_pointer (&reader);
}

static char *
column_name (guint column)
{
  /* Translators: the name of a column of an imported file that has no
   * header; %u is its number, from 1 */
  return g_strdup_printf (_("Column %u"), column + 1);
}

static const char *
header_of (Job   *job,
           guint  column)
{
  if (column < job->n_columns)
    return job->header[column];
  return NULL;
}

static gboolean
row_names_a_field (const TlCsvRow *row)
{
  for (guint i = 0; i < row->n_fields; i++)
    if (tl_import_field_from_header (row->fields[i], NULL) != TL_IMPORT_FIELD_NONE)
      return TRUE;
  return FALSE;
}

static gboolean
is_blank_row (const TlCsvRow *row)
{
  for (guint i = 0; i < row->n_fields; i++)
    {
      for (const char *p = row->fields[i]; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
    }
  return TRUE;
}

/* The first record: the header, or the first row of data.  Sets the
 * columns and (with @data) hands a first row of data back. */
static gboolean
read_header (Job            *job,
             TlCsvReader    *reader,
             KeptRow       **first_data,
             GCancellable   *cancellable,
             GError        **error)
{
  const TlCsvRow *row;
  g_autoptr(GError) local_error = NULL;

  *first_data = NULL;

  /* Skip blank rows before the header */
  do
    row = tl_csv_reader_read_row (reader, cancellable, &local_error);
  while (row != NULL && is_blank_row (row));

  if (row == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_EMPTY,
                             _("The file is empty: there is nothing to import. Choose the file your spreadsheet or survey tool exported."));
      return FALSE;
    }

  job->found_encoding = tl_csv_reader_get_encoding (reader);
  job->had_bom = tl_csv_reader_get_had_bom (reader);
  job->found_delimiter = tl_csv_reader_get_delimiter (reader);

  switch (job->header_mode)
    {
    case TL_IMPORT_HEADER_YES:
      job->has_header = TRUE;
      break;
    case TL_IMPORT_HEADER_NO:
      job->has_header = FALSE;
      break;
    case TL_IMPORT_HEADER_AUTO:
    default:
      job->has_header = row_names_a_field (row);
      break;
    }

  g_strfreev (job->header);
  job->n_columns = MAX (row->n_fields, 1);
  job->header = g_new0 (char *, job->n_columns + 1);
  for (guint i = 0; i < job->n_columns; i++)
    {
      g_autofree char *cell = NULL;

      if (job->has_header && i < row->n_fields)
        {
          cell = g_strndup (row->fields[i], row->lengths[i]);
          g_strstrip (cell);
        }
      if (cell == NULL || *cell == '\0' || !g_utf8_validate (cell, -1, NULL))
        {
          g_free (cell);
          cell = column_name (i);
        }
      job->header[i] = g_steal_pointer (&cell);
    }

  if (!job->has_header)
    *first_data = kept_row_new (row);

  return TRUE;
}

/* Reads up to @n rows of data after the header into job->sample. */
static gboolean
read_sample (Job           *job,
             TlCsvReader   *reader,
             KeptRow       *first_data,
             guint          n,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_ptr_array_set_size (job->sample, 0);
  job->sample_complete = FALSE;

  if (first_data != NULL)
    g_ptr_array_add (job->sample, first_data);

  while (job->sample->len < n)
    {
      const TlCsvRow *row = tl_csv_reader_read_row (reader, cancellable, &local_error);

      if (row == NULL)
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          job->sample_complete = TRUE;
          break;
        }
      if (is_blank_row (row) && row->problem == TL_CSV_ROW_OK)
        continue;
      g_ptr_array_add (job->sample, kept_row_new (row));
    }

  /* Does anything follow? */
  if (!job->sample_complete && job->sample->len == n)
    {
      const TlCsvRow *row;

      do
        row = tl_csv_reader_read_row (reader, cancellable, &local_error);
      while (row != NULL && is_blank_row (row) && row->problem == TL_CSV_ROW_OK);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      job->sample_complete = row == NULL;
    }

  return TRUE;
}

static GPtrArray *
sample_as_strvs (Job *job)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (guint i = 0; i < job->sample->len; i++)
    g_ptr_array_add (rows, ((KeptRow *) job->sample->pdata[i])->fields);
  return rows;
}

/* The mapping: given, or remembered, or from the header (and a guess for
 * the text); then the overrides. */
static gboolean
settle_mapping (Job     *job,
                GError **error)
{
  g_clear_object (&job->mapping);
  job->mapping_remembered = FALSE;

  if (job->given_mapping != NULL)
    {
      if (tl_import_mapping_get_n_columns (job->given_mapping) != job->n_columns)
        {
          g_set_error (error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_BAD_MAPPING,
                       _("The column mapping is for %u columns, but the file has %u. Map the columns of this file."),
                       tl_import_mapping_get_n_columns (job->given_mapping), job->n_columns);
          return FALSE;
        }
      job->mapping = tl_import_mapping_copy (job->given_mapping);
    }
  else
    {
      if (job->has_header && job->remember)
        job->mapping = tl_import_mapping_recall ((const char * const *) job->header, job->n_columns,
                                                 job->mappings_path);
      if (job->mapping != NULL)
        job->mapping_remembered = TRUE;
      else if (job->has_header)
        job->mapping = tl_import_mapping_new_from_header ((const char * const *) job->header,
                                                          job->n_columns);
      else
        job->mapping = tl_import_mapping_new (job->n_columns);
    }

  for (guint i = 0; job->overrides[i] != NULL; i++)
    {
      if (!tl_import_mapping_apply_override (job->mapping, job->overrides[i],
                                             (const char * const *) job->header, error))
        return FALSE;
    }

  /* A mapping the user settled on is taken as it is. */
  if (tl_import_mapping_find (job->mapping, TL_IMPORT_FIELD_TEXT) < 0 && job->given_mapping == NULL &&
      !job->mapping_remembered)
    {
      g_autoptr(GPtrArray) rows = sample_as_strvs (job);

      tl_import_mapping_guess_text (job->mapping, rows);
    }

  if (tl_import_mapping_find (job->mapping, TL_IMPORT_FIELD_TEXT) < 0)
    {
      g_set_error_literal (error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_NO_TEXT_COLUMN,
                           _("No column is mapped to the text of the feedback. Choose the column that holds what customers said (on the command line: --map COLUMN=text)."));
      return FALSE;
    }

  return TRUE;
}

/* ---- values ----------------------------------------------------------- */

/* The value of @column in @row, without the quote an export puts before
 * what a spreadsheet would run as a formula ("'=1+1" → "=1+1"). */
static const char *
cell (const TlCsvRow *row,
      int             column)
{
  const char *value;

  if (column < 0 || (guint) column >= row->n_fields)
    return "";

  value = row->fields[column];
  if (value[0] == '\'' && value[1] != '\0' && strchr ("=+-@\t\r", value[1]) != NULL)
    return value + 1;
  return value;
}

static char *
trimmed_or_null (const char *value)
{
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (value));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

#define MAX_CACHED 65536

/* tl_value_parse_date() with job->date_order, remembered: NULL when not
 * a date.  The result belongs to the cache (or to @owned). */
static const char *
parse_date_cached (Job          *job,
                   const char   *text,
                   TlDateOrder   order,
                   TlDateOrder  *evidence,
                   char        **owned)
{
  const char *cached = g_hash_table_lookup (job->date_cache, text);
  char *iso;

  *owned = NULL;
  if (cached == NULL)
    {
      TlDateOrder found = TL_DATE_ORDER_UNKNOWN;
      g_autofree char *parsed = tl_value_parse_date (text, order, &found, NULL);
      char *entry = g_strdup_printf ("%d%s", (int) found, parsed != NULL ? parsed : "");

      if (g_hash_table_size (job->date_cache) < MAX_CACHED)
        {
          g_hash_table_insert (job->date_cache, g_strdup (text), entry);
          cached = entry;
        }
      else
        cached = *owned = entry;
    }

  *evidence = (TlDateOrder) (cached[0] - '0');
  iso = (char *) cached + 1;
  return *iso != '\0' ? iso : NULL;
}

/* tl_value_parse_stage(), remembered: 1 for no stage, 2 for a blank one,
 * else the stage + 2 */
static gboolean
parse_stage_cached (Job        *job,
                    const char *text,
                    char       *stage)
{
  gpointer cached;

  if (text == NULL)
    {
      *stage = '\0';
      return TRUE;
    }

  if (g_hash_table_lookup_extended (job->stage_cache, text, NULL, &cached))
    {
      int value = GPOINTER_TO_INT (cached);

      *stage = value > 2 ? (char) (value - 2) : '\0';
      return value != 1;
    }

  {
    gboolean ok = tl_value_parse_stage (text, stage);

    if (g_hash_table_size (job->stage_cache) < MAX_CACHED)
      g_hash_table_insert (job->stage_cache, g_strdup (text),
                           GINT_TO_POINTER (ok ? (*stage != '\0' ? *stage + 2 : 2) : 1));
    return ok;
  }
}

/* Adds a problem of @row at @column (-1: the row) and remembers the first
 * reason in *@first. */
static void
problem (Job            *job,
         const TlCsvRow *row,
         int             column,
         const char     *value,
         char          **first,
         const char     *reason)
{
  tl_import_report_add_problem (job->report, row->number, row->line,
                                column >= 0 ? header_of (job, column) : NULL,
                                value, reason);
  if (first != NULL && *first == NULL)
    *first = g_strdup (reason);
}

static gboolean
check_csv_row (Job            *job,
               const TlCsvRow *row,
               char          **first)
{
  g_autofree char *reason = NULL;

  switch (row->problem)
    {
    case TL_CSV_ROW_OK:
      break;
    case TL_CSV_ROW_INVALID_BYTES:
      reason = g_strdup_printf (_("It holds bytes that are not %s text. Choose the encoding the file really has, or save it again as UTF-8."),
                                tl_text_encoding_get_name (job->found_encoding));
      problem (job, row, row->problem_field, NULL, first, reason);
      return FALSE;
    case TL_CSV_ROW_FIELD_TOO_LONG:
      problem (job, row, row->problem_field, NULL, first,
               _("The cell is longer than 1 MB, too long for one piece of feedback. A quote is probably missing in the file."));
      return FALSE;
    case TL_CSV_ROW_TOO_MANY_FIELDS:
      reason = g_strdup_printf (_("The row has more than %u cells. Check that the right delimiter was chosen."),
                                TL_CSV_DEFAULT_MAX_FIELDS);
      problem (job, row, -1, NULL, first, reason);
      return FALSE;
    case TL_CSV_ROW_TOO_LONG:
      problem (job, row, -1, NULL, first,
               _("The row is longer than 8 MB. A quote is probably missing in the file."));
      return FALSE;
    case TL_CSV_ROW_UNTERMINATED_QUOTE:
    default:
      {
        g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT, row->problem_line);

        reason = g_strdup_printf (_("The quote that opens on line %s is never closed, so the rest of the file was read as one cell. Add the closing quote in the file."),
                                  line);
        problem (job, row, row->problem_field, NULL, first, reason);
      }
      return FALSE;
    }

  if (row->n_fields < job->n_columns)
    {
      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "The row has %u cell where the header has %u. A delimiter or a quote is probably missing.",
                                             "The row has %u cells where the header has %u. A delimiter or a quote is probably missing.",
                                             row->n_fields),
                                row->n_fields, job->n_columns);
      problem (job, row, -1, NULL, first, reason);
      return FALSE;
    }

  for (guint i = job->n_columns; i < row->n_fields; i++)
    {
      g_autofree char *extra = trimmed_or_null (row->fields[i]);

      if (extra != NULL)
        {
          reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "The row has %u cells where the header has %u. A delimiter is probably extra, or a quote missing.",
                                                 "The row has %u cells where the header has %u. A delimiter is probably extra, or a quote missing.",
                                                 row->n_fields),
                                    row->n_fields, job->n_columns);
          problem (job, row, -1, NULL, first, reason);
          return FALSE;
        }
    }

  return TRUE;
}

static void
add_link (GPtrArray  *links,
          const char *kind,
          const char *id)
{
  char *link = g_strconcat (kind, ":", id, NULL);

  for (guint i = 0; i < links->len; i++)
    {
      if (strcmp (links->pdata[i], link) == 0)
        {
          g_free (link);
          return;
        }
    }
  g_ptr_array_add (links, link);
}

/* A station or loop column may list several: "口碑; 线上订单" */
static gboolean
parse_named_links (Job            *job,
                   const TlCsvRow *row,
                   int             column,
                   const char     *kind,
                   GPtrArray      *links,
                   char          **first)
{
  const char *value = cell (row, column);
  g_auto(GStrv) parts = NULL;
  gboolean ok = TRUE;

  if (*value == '\0' || job->names == NULL)
    return TRUE;

  parts = g_strsplit_set (value, ";|\n", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *id;
      char *part = g_strstrip (parts[i]);

      if (*part == '\0')
        continue;

      if (strcmp (kind, "station") == 0)
        id = tl_name_index_lookup_station (job->names, part);
      else
        id = tl_name_index_lookup_loop (job->names, part);

      if (id != NULL)
        {
          add_link (links, kind, id);
          continue;
        }

      ok = FALSE;
      if (strcmp (kind, "station") == 0)
        problem (job, row, column, part, first,
                 _("The document has no station of this name or id. Add the station, or correct the name."));
      else
        problem (job, row, column, part, first,
                 _("The document has no loop of this name, number or id. Add the loop, or correct the name."));
    }

  return ok;
}

/* Builds the item of a row of data, or NULL (its problems reported).
 * *@blank when the row is empty (not an error, not counted). */
static TlFeedbackItem *
convert_row (Job            *job,
             const TlCsvRow *row,
             gboolean       *blank,
             char          **first)
{
  g_autoptr(TlFeedbackItem) item = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GString) tags = NULL;
  g_autofree char *text = NULL;
  TlImportMapping *mapping = job->mapping;
  gboolean ok = TRUE;
  int layer_column = -1, type_column = -1;

  *blank = FALSE;

  if (row->problem == TL_CSV_ROW_OK && is_blank_row (row))
    {
      *blank = TRUE;
      return NULL;
    }

  if (!check_csv_row (job, row, first))
    return NULL;

  item = tl_feedback_item_new (0);
  links = g_ptr_array_new_with_free_func (g_free);
  tags = g_string_new (NULL);

  for (guint c = 0; c < job->n_columns; c++)
    {
      TlImportField field = tl_import_mapping_get_field (mapping, c);
      const char *value = cell (row, c);
      g_autofree char *trimmed = NULL;

      if (field == TL_IMPORT_FIELD_NONE)
        continue;

      trimmed = trimmed_or_null (value);

      switch (field)
        {
        case TL_IMPORT_FIELD_TEXT:
          text = g_steal_pointer (&trimmed);
          break;

        case TL_IMPORT_FIELD_DATE:
          if (trimmed != NULL)
            {
              TlDateOrder evidence = TL_DATE_ORDER_UNKNOWN;
              g_autofree char *owned = NULL;
              const char *date = parse_date_cached (job, trimmed, job->date_order, &evidence, &owned);

              if (date == NULL)
                {
                  problem (job, row, c, trimmed, first,
                           _("This is not a date Touchloop can read. Write dates as 2026-03-24, 2026/3/24, 24.03.2026 or 2026年3月24日."));
                  ok = FALSE;
                }
              else if (job->date_order_conflict && evidence == TL_DATE_ORDER_UNKNOWN &&
                       strchr (trimmed, '/') != NULL && !g_ascii_isdigit (trimmed[3]))
                {
                  problem (job, row, c, trimmed, first,
                           _("The column has dates with the day first and dates with the month first, so this one cannot be read for sure. Write it as 2026-03-24."));
                  ok = FALSE;
                }
              else
                tl_feedback_item_set_date (item, date);
            }
          break;

        case TL_IMPORT_FIELD_SOURCE:
          tl_feedback_item_set_source (item, trimmed);
          break;

        case TL_IMPORT_FIELD_RESPONDENT:
          tl_feedback_item_set_respondent (item, trimmed);
          break;

        case TL_IMPORT_FIELD_STAGE:
          {
            char stage = '\0';

            if (!parse_stage_cached (job, trimmed, &stage))
              {
                problem (job, row, c, trimmed, first,
                         _("This is not a customer stage. Use A to F, or a stage’s name such as 顾客 or customer."));
                ok = FALSE;
              }
            else
              tl_feedback_item_set_stage (item, stage);
          }
          break;

        case TL_IMPORT_FIELD_PHASE:
          {
            const char *phase = NULL;

            if (!tl_value_parse_phase (trimmed, &phase))
              {
                problem (job, row, c, trimmed, first,
                         _("This is not a channel phase. Use awareness, evaluation, purchase, delivery or after-sales (认知、评估、购买、传递、售后)."));
                ok = FALSE;
              }
            else
              tl_feedback_item_set_phase (item, phase);
          }
          break;

        case TL_IMPORT_FIELD_RATING:
          if (trimmed != NULL)
            {
              double value_read = 0, out_of = 0;
              gboolean sign = FALSE;

              if (!tl_value_parse_rating (trimmed, &value_read, &out_of, &sign, NULL))
                {
                  problem (job, row, c, trimmed, first,
                           _("This is not a rating. Write a number, such as 4."));
                  ok = FALSE;
                }
              else if (job->scale == TL_RATING_SCALE_AUTO)
                {
                  problem (job, row, c, trimmed, first,
                           _("The ratings of this column fit none of the scales 1–5, 1–7, 0–10, −2…+2 and 0–100. Choose the scale they were given on."));
                  ok = FALSE;
                }
              else if (!tl_rating_scale_contains (job->scale, value_read))
                {
                  g_autofree char *reason =
                    g_strdup_printf (_("The rating is outside the scale %s. Choose the scale the ratings were given on."),
                                     tl_rating_scale_get_name (job->scale));

                  problem (job, row, c, trimmed, first, reason);
                  ok = FALSE;
                }
              else
                {
                  tl_feedback_item_set_rating (item, tl_rating_normalise (value_read, job->scale,
                                                                          job->document_scale));
                  tl_feedback_item_set_rating_original (item, trimmed);
                }
            }
          break;

        case TL_IMPORT_FIELD_TAGS:
          {
            g_autofree char *parsed = tl_value_parse_tags (trimmed);

            if (parsed != NULL)
              {
                if (tags->len > 0)
                  g_string_append (tags, ", ");
                g_string_append (tags, parsed);
              }
          }
          break;

        case TL_IMPORT_FIELD_STATION:
          ok &= parse_named_links (job, row, c, "station", links, first);
          break;

        case TL_IMPORT_FIELD_LOOP:
          ok &= parse_named_links (job, row, c, "loop", links, first);
          break;

        case TL_IMPORT_FIELD_LAYER:
          layer_column = c;
          break;

        case TL_IMPORT_FIELD_TYPE:
          type_column = c;
          break;

        case TL_IMPORT_FIELD_LINKS:
          if (trimmed != NULL && job->names != NULL)
            {
              g_autofree char *bad = NULL;

              if (!tl_name_index_parse_links (job->names, trimmed, links, &bad))
                {
                  problem (job, row, c, bad, first,
                           _("This is not a link to anything in the document. Write station:ID, loop:ID or cell:LAYER/TYPE, or a station’s or loop’s name."));
                  ok = FALSE;
                }
            }
          break;

        case TL_IMPORT_FIELD_NONE:
        case TL_IMPORT_N_FIELDS:
        default:
          break;
        }
    }

  /* A layer and a type make a matrix cell */
  if ((layer_column >= 0 || type_column >= 0) && job->names != NULL)
    {
      g_autofree char *layer_text = trimmed_or_null (cell (row, layer_column));
      g_autofree char *type_text = trimmed_or_null (cell (row, type_column));
      const char *layer = layer_text != NULL ? tl_name_index_lookup_layer (job->names, layer_text) : NULL;
      const char *type = type_text != NULL ? tl_name_index_lookup_type (job->names, type_text) : NULL;

      if (layer_text != NULL && layer == NULL && type_text == NULL)
        {
          /* "space/sense" in the layer column alone */
          g_autoptr(GPtrArray) cell_links = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *with_prefix = g_strconcat ("cell:", layer_text, NULL);

          if (tl_name_index_parse_links (job->names, with_prefix, cell_links, NULL) && cell_links->len == 1)
            {
              add_link (links, "cell", (const char *) cell_links->pdata[0] + 5);
              layer_text = NULL;
            }
        }

      if (layer_text != NULL && layer == NULL)
        {
          problem (job, row, layer_column, layer_text, first,
                   _("The document has no touchpoint layer of this name or id. Correct the name, or leave the cell empty."));
          ok = FALSE;
        }
      if (type_text != NULL && type == NULL)
        {
          problem (job, row, type_column, type_text, first,
                   _("The document has no experience type of this name or id. Correct the name, or leave the cell empty."));
          ok = FALSE;
        }
      if (layer != NULL && type != NULL)
        {
          g_autofree char *id = g_strdup_printf ("%s/%s", layer, type);

          add_link (links, "cell", id);
        }
      else if (layer != NULL && type_text == NULL)
        {
          problem (job, row, layer_column, layer_text, first,
                   _("A touchpoint layer links the feedback to a matrix cell only together with an experience type, and this row has none. Fill in the type, or leave both empty."));
          ok = FALSE;
        }
      else if (type != NULL && layer_text == NULL)
        {
          problem (job, row, type_column, type_text, first,
                   _("An experience type links the feedback to a matrix cell only together with a touchpoint layer, and this row has none. Fill in the layer, or leave both empty."));
          ok = FALSE;
        }
    }

  if (text == NULL)
    {
      problem (job, row, tl_import_mapping_find (mapping, TL_IMPORT_FIELD_TEXT), NULL, first,
               _("The text is empty: there is nothing to import from this row."));
      ok = FALSE;
    }

  if (!ok)
    return NULL;

  tl_feedback_item_set_text (item, text);
  if (tags->len > 0)
    tl_feedback_item_set_tags (item, tags->str);
  if (links->len > 0)
    {
      g_ptr_array_add (links, NULL);
      tl_feedback_item_set_links (item, (const char * const *) links->pdata);
    }

  return g_steal_pointer (&item);
}

/* ---- the passes ------------------------------------------------------- */

/* Header, first rows, mapping */
static gboolean
job_prepare (Job           *job,
             guint          n_sample,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(TlCsvReader) reader = NULL;
  KeptRow *first_data = NULL;

  reader = open_reader (job, cancellable, error);
  if (reader == NULL)
    return FALSE;

  if (!read_header (job, reader, &first_data, cancellable, error))
    return FALSE;

  if (!read_sample (job, reader, first_data, n_sample, cancellable, error))
    return FALSE;

  /* The sample may have seen the first bytes that are not ASCII. */
  job->found_encoding = tl_csv_reader_get_encoding (reader);

  return settle_mapping (job, error);
}

static gboolean
needs_prescan (Job *job)
{
  gboolean rating = tl_import_mapping_find (job->mapping, TL_IMPORT_FIELD_RATING) >= 0;
  gboolean date = tl_import_mapping_find (job->mapping, TL_IMPORT_FIELD_DATE) >= 0;

  return (rating && job->scale == TL_RATING_SCALE_AUTO) || date;
}

static void
settle_scale_from_header (Job *job)
{
  job->scale = job->given_scale;
  if (job->scale == TL_RATING_SCALE_AUTO)
    job->scale = tl_import_mapping_get_header_scale (job->mapping);
}

typedef struct {
  TlRatingStats ratings;
  guint64       dmy;
  guint64       mdy;
} Census;

static void
census_add (Job            *job,
            Census         *census,
            const TlCsvRow *row)
{
  int rating_column = tl_import_mapping_find (job->mapping, TL_IMPORT_FIELD_RATING);
  int date_column = tl_import_mapping_find (job->mapping, TL_IMPORT_FIELD_DATE);

  if (rating_column >= 0)
    {
      double value, out_of;
      gboolean sign;

      if (tl_value_parse_rating (cell (row, rating_column), &value, &out_of, &sign, NULL))
        tl_rating_stats_add (&census->ratings, value, out_of, sign);
    }

  if (date_column >= 0)
    {
      TlDateOrder evidence = TL_DATE_ORDER_UNKNOWN;
      g_autofree char *owned = NULL;

      parse_date_cached (job, cell (row, date_column), TL_DATE_ORDER_UNKNOWN, &evidence, &owned);

      census->dmy += evidence == TL_DATE_ORDER_DMY;
      census->mdy += evidence == TL_DATE_ORDER_MDY;
    }
}

static void
census_settle (Job    *job,
               Census *census)
{
  if (job->scale == TL_RATING_SCALE_AUTO)
    job->scale = tl_rating_scale_detect (&census->ratings);

  /* What was read with the order unknown may read otherwise now. */
  g_hash_table_remove_all (job->date_cache);

  job->date_order_conflict = census->dmy > 0 && census->mdy > 0;
  if (census->dmy > 0 && census->mdy == 0)
    job->date_order = TL_DATE_ORDER_DMY;
  else if (census->mdy > 0 && census->dmy == 0)
    job->date_order = TL_DATE_ORDER_MDY;
  else
    job->date_order = TL_DATE_ORDER_UNKNOWN;
}

/* Opens a reader positioned at the first row of data. */
static TlCsvReader *
open_at_data (Job           *job,
              KeptRow      **first_data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(TlCsvReader) reader = open_reader (job, cancellable, error);

  if (reader == NULL)
    return NULL;

  if (!read_header (job, reader, first_data, cancellable, error))
    return NULL;

  return g_steal_pointer (&reader);
}

static gboolean
job_prescan (Job           *job,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(TlCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  KeptRow *first_data = NULL;
  Census census = { 0, };
  const TlCsvRow *row;
  guint64 n = 0;

  tl_rating_stats_init (&census.ratings);

  reader = open_at_data (job, &first_data, cancellable, error);
  if (reader == NULL)
    return FALSE;

  if (first_data != NULL)
    {
      TlCsvRow view;

      kept_row_view (first_data, &view, lengths);
      census_add (job, &census, &view);
      kept_row_free (first_data);
    }

  while ((row = tl_csv_reader_read_row (reader, cancellable, &local_error)) != NULL)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (row->problem == TL_CSV_ROW_OK)
        census_add (job, &census, row);
      report_progress (job, reader, ++n, FALSE);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  census_settle (job, &census);
  return TRUE;
}

static gboolean
is_row_error (const GError *error)
{
  /* The storage layer refuses an item for what is in it (a link, a
   * value): that row's problem.  Anything else (the disk) ends the import. */
  return error->domain == TL_MODEL_ERROR;
}

/* One row of data during the import */
static gboolean
import_row (Job            *job,
            const TlCsvRow *row,
            GError        **error)
{
  g_autoptr(TlFeedbackItem) item = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean blank = FALSE;
  gboolean duplicate = FALSE;

  item = convert_row (job, row, &blank, NULL);
  if (blank)
    return TRUE;

  job->n_rows++;
  if (item == NULL)
    {
      job->n_skipped++;
      if (!job->skip_bad_rows)
        job->refused = TRUE;
      return TRUE;
    }

  /* Once refused, the rest is only checked. */
  if (job->refused || job->store == NULL)
    return TRUE;

  if (tl_store_add_feedback_full (job->store, item, TL_ADD_DEDUPLICATE, &duplicate, &local_error) < 0)
    {
      if (!is_row_error (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      problem (job, row, -1, NULL, NULL, local_error->message);
      job->n_skipped++;
      if (!job->skip_bad_rows)
        job->refused = TRUE;
      return TRUE;
    }

  if (duplicate)
    job->n_duplicates++;
  else
    job->n_imported++;

  return TRUE;
}

static gboolean
job_import (Job           *job,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(TlCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  KeptRow *first_data = NULL;
  const TlCsvRow *row;
  guint64 n = 0;

  reader = open_at_data (job, &first_data, cancellable, error);
  if (reader == NULL)
    return FALSE;

  if (!tl_store_begin (job->store, error))
    {
      g_clear_pointer (&first_data, kept_row_free);
      return FALSE;
    }
  job->in_transaction = TRUE;

  if (first_data != NULL)
    {
      TlCsvRow view;
      gboolean ok;

      kept_row_view (first_data, &view, lengths);
      ok = import_row (job, &view, error);
      kept_row_free (first_data);
      if (!ok)
        return FALSE;
    }

  while ((row = tl_csv_reader_read_row (reader, cancellable, &local_error)) != NULL)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!import_row (job, row, error))
        return FALSE;
      report_progress (job, reader, ++n, FALSE);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  report_progress (job, reader, n, TRUE);

  if (job->n_rows == 0)
    {
      g_set_error_literal (error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_NO_DATA,
                           _("The file has a header but no rows of feedback under it. Choose the file with the data."));
      return FALSE;
    }

  return TRUE;
}

/* Everything but the commit: runs in a worker thread for _async. */
static gboolean
job_run (Job           *job,
         GCancellable  *cancellable,
         GError       **error)
{
  if (!job_prepare (job, SAMPLE_ROWS, cancellable, error))
    return FALSE;

  settle_scale_from_header (job);

  if (needs_prescan (job))
    {
      job->progress_span = 0.2;
      job->counting_rows = FALSE;
      if (!job_prescan (job, cancellable, error))
        return FALSE;
      job->counting_rows = TRUE;
      job->progress_base = 0.2;
      job->progress_span = 0.8;
    }

  return job_import (job, cancellable, error);
}

/* Commits or rolls back, fills the report: in the thread the caller
 * runs in. */
static gboolean
job_finish (Job      *job,
            gboolean  ok,
            GError   *run_error,
            GError  **error)
{
  TlImportStatus status;
  g_autoptr(GError) local_error = run_error;

  if (ok && job->refused)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, job->n_skipped);

      ok = FALSE;
      g_set_error (&local_error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_BAD_ROWS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Nothing was imported: %s row cannot be used. Correct it in the file, or choose to leave unusable rows out.",
                                "Nothing was imported: %s rows cannot be used. Correct them in the file, or choose to leave unusable rows out.",
                                (gulong) MIN (job->n_skipped, G_MAXULONG)),
                   count);
    }

  if (job->in_transaction)
    {
      if (ok && !job->dry_run)
        {
          if (!tl_store_commit (job->store, &local_error))
            {
              tl_store_rollback (job->store);
              ok = FALSE;
            }
        }
      else
        tl_store_rollback (job->store);
      job->in_transaction = FALSE;
    }
  else if (job->committed)
    {
      /* The worker committed; the document and the signals belong to
       * this thread */
      tl_store_publish_changes (job->store);
      job->committed = FALSE;
    }

  if (ok)
    status = job->dry_run ? TL_IMPORT_STATUS_DRY_RUN : TL_IMPORT_STATUS_IMPORTED;
  else if (g_error_matches (local_error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_BAD_ROWS))
    status = TL_IMPORT_STATUS_REFUSED;
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    status = TL_IMPORT_STATUS_CANCELLED;
  else
    status = TL_IMPORT_STATUS_FAILED;

  tl_import_report_set_status (job->report, status);
  tl_import_report_set_encoding (job->report, job->found_encoding);
  tl_import_report_set_delimiter (job->report, job->found_delimiter != 0 ? job->found_delimiter : ',');
  if (job->mapping != NULL && tl_import_mapping_find (job->mapping, TL_IMPORT_FIELD_RATING) >= 0)
    tl_import_report_set_rating_scale (job->report, job->scale);
  if (status == TL_IMPORT_STATUS_IMPORTED || status == TL_IMPORT_STATUS_DRY_RUN)
    tl_import_report_set_counts (job->report, job->n_rows, job->n_imported, job->n_duplicates, job->n_skipped);
  else
    tl_import_report_set_counts (job->report, job->n_rows, 0, 0, job->n_skipped);
  if (status == TL_IMPORT_STATUS_FAILED && local_error != NULL)
    tl_import_report_set_message (job->report, local_error->message);

  if (status == TL_IMPORT_STATUS_IMPORTED && job->remember && job->has_header && job->mapping != NULL)
    {
      g_autoptr(GError) remember_error = NULL;

      /* Not worth failing an import that worked over it. */
      if (!tl_import_mapping_remember (job->mapping, (const char * const *) job->header,
                                       job->mappings_path, &remember_error))
        g_message ("Could not remember the import mapping: %s", remember_error->message);
    }

  g_set_object (&job->import->report, job->report);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (status == TL_IMPORT_STATUS_IMPORTED)
    set_progress (job->import, 1, job->import->rows_read);

  return TRUE;
}

static Job *
job_for_run (TlImport *self,
             TlStore  *store)
{
  Job *job = job_new (self, tl_store_get_document (store));

  job->store = g_object_ref (store);
  return job;
}

gboolean
tl_import_run (TlImport      *self,
               TlStore       *store,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(Job) job = NULL;
  GError *run_error = NULL;
  gboolean ok;

  g_return_val_if_fail (TL_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (TL_IS_STORE (store), FALSE);
  g_return_val_if_fail (!self->running, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  job = job_for_run (self, store);
  self->running = TRUE;
  set_progress (self, 0, 0);

  ok = job_run (job, cancellable, &run_error);
  ok = job_finish (job, ok, run_error, error);

  self->running = FALSE;
  return ok;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  gboolean ok = job_run (job, cancellable, &error);

  /* The heavy part of the commit (the full-text indexes, the evidence
   * table, COMMIT) here, so that a big import does not freeze the window;
   * job_finish() publishes the changes in the main thread.  A failed
   * commit leaves the transaction open for job_finish() to roll back
   * (which touches the document: main thread). */
  if (ok && job->in_transaction && !job->refused && !job->dry_run)
    {
      if (tl_store_commit_quiet (job->store, &error))
        {
          job->in_transaction = FALSE;
          job->committed = TRUE;
        }
      else
        ok = FALSE;
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  TlImport *self = TL_IMPORT (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  GError *run_error = NULL;
  GError *error = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &run_error);
  ok = job_finish (job, ok, run_error, &error);
  self->running = FALSE;

  if (ok)
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, error);
}

void
tl_import_run_async (TlImport            *self,
                     TlStore             *store,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  Job *job;

  g_return_if_fail (TL_IS_IMPORT (self));
  g_return_if_fail (TL_IS_STORE (store));
  g_return_if_fail (!self->running);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, tl_import_run_async);

  job = job_for_run (self, store);
  job->context = g_main_context_ref_thread_default ();
  self->running = TRUE;
  set_progress (self, 0, 0);

  /* The inner task's callback commits, in this thread, before the
   * caller hears of it. */
  inner = g_task_new (self, cancellable, run_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, tl_import_run_async);
  g_task_set_task_data (inner, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (inner, run_thread);
}

gboolean
tl_import_run_finish (TlImport      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (TL_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- preview ---------------------------------------------------------- */

static TlImportPreview *
job_preview (Job           *job,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(TlImportPreview) preview = NULL;
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  Census census = { 0, };

  if (!job_prepare (job, job->max_rows, cancellable, error))
    return NULL;

  settle_scale_from_header (job);

  /* What the rows shown tell of the scale and the date order */
  tl_rating_stats_init (&census.ratings);
  for (guint i = 0; i < job->sample->len; i++)
    {
      TlCsvRow view;

      kept_row_view (job->sample->pdata[i], &view, lengths);
      if (view.problem == TL_CSV_ROW_OK)
        census_add (job, &census, &view);
    }
  census_settle (job, &census);

  preview = _tl_import_preview_new ();
  preview->encoding = job->found_encoding;
  preview->had_bom = job->had_bom;
  preview->delimiter = job->found_delimiter;
  preview->has_header = job->has_header;
  preview->has_more = !job->sample_complete;
  preview->header = g_strdupv (job->header);
  preview->mapping = g_object_ref (job->mapping);
  preview->mapping_remembered = job->mapping_remembered;
  preview->rating_scale = tl_import_mapping_find (job->mapping, TL_IMPORT_FIELD_RATING) >= 0
                          ? job->scale : TL_RATING_SCALE_AUTO;
  preview->report = g_object_ref (job->report);

  for (guint i = 0; i < job->sample->len; i++)
    {
      KeptRow *kept = job->sample->pdata[i];
      TlCsvRow view;
      g_autoptr(TlFeedbackItem) item = NULL;
      char *first = NULL;
      gboolean blank;
      GStrv cells = g_new0 (char *, job->n_columns + 1);
      guint n = g_strv_length (kept->fields);

      for (guint c = 0; c < job->n_columns; c++)
        cells[c] = g_strdup (c < n ? kept->fields[c] : "");

      kept_row_view (kept, &view, lengths);
      item = convert_row (job, &view, &blank, &first);
      if (!blank)
        job->n_rows++;
      if (item == NULL && !blank)
        job->n_skipped++;

      g_ptr_array_add (preview->rows, cells);
      g_array_append_val (preview->row_numbers, kept->number);
      g_ptr_array_add (preview->row_problems, first);
    }

  tl_import_report_set_encoding (job->report, job->found_encoding);
  tl_import_report_set_delimiter (job->report, job->found_delimiter);
  tl_import_report_set_rating_scale (job->report, preview->rating_scale);
  tl_import_report_set_counts (job->report, job->n_rows, job->n_rows - job->n_skipped, 0, job->n_skipped);

  return g_steal_pointer (&preview);
}

TlImportPreview *
tl_import_preview (TlImport      *self,
                   TlDocument    *document,
                   guint          max_rows,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(Job) job = NULL;

  g_return_val_if_fail (TL_IS_IMPORT (self), NULL);
  g_return_val_if_fail (document == NULL || TL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  job = job_new (self, document);
  job->max_rows = MAX (max_rows, 1);

  return job_preview (job, cancellable, error);
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  TlImportPreview *preview = job_preview (job, cancellable, &error);

  if (preview != NULL)
    g_task_return_pointer (task, preview, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
tl_import_preview_async (TlImport            *self,
                         TlDocument          *document,
                         guint                max_rows,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (TL_IS_IMPORT (self));
  g_return_if_fail (document == NULL || TL_IS_DOCUMENT (document));

  job = job_new (self, document);
  job->max_rows = MAX (max_rows, 1);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tl_import_preview_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, preview_thread);
}

TlImportPreview *
tl_import_preview_finish (TlImport      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (TL_IS_IMPORT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
