/* tl-import-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-csv-reader.h"
#include "tl-import-report.h"

/* Characters of a value shown in a problem */
#define MAX_VALUE_CHARS 60

TlImportProblem *
tl_import_problem_copy (const TlImportProblem *problem)
{
  TlImportProblem *copy;

  g_return_val_if_fail (problem != NULL, NULL);

  copy = g_new0 (TlImportProblem, 1);
  copy->row = problem->row;
  copy->line = problem->line;
  copy->column = g_strdup (problem->column);
  copy->value = g_strdup (problem->value);
  copy->reason = g_strdup (problem->reason);

  return copy;
}

void
tl_import_problem_free (TlImportProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->column);
  g_free (problem->value);
  g_free (problem->reason);
  g_free (problem);
}

G_DEFINE_BOXED_TYPE (TlImportProblem, tl_import_problem, tl_import_problem_copy, tl_import_problem_free)

struct _TlImportReport
{
  GObject         parent_instance;

  char           *source_name;
  char           *message;
  TlTextEncoding  encoding;
  char            delimiter;
  TlRatingScale   rating_scale;
  TlImportStatus  status;
  guint64         n_rows;
  guint64         n_imported;
  guint64         n_duplicates;
  guint64         n_skipped;
  guint64         n_problems;
  GPtrArray      *problems;
};

G_DEFINE_FINAL_TYPE (TlImportReport, tl_import_report, G_TYPE_OBJECT)

static void
tl_import_report_finalize (GObject *object)
{
  TlImportReport *self = TL_IMPORT_REPORT (object);

  g_free (self->source_name);
  g_free (self->message);
  g_ptr_array_unref (self->problems);

  G_OBJECT_CLASS (tl_import_report_parent_class)->finalize (object);
}

static void
tl_import_report_class_init (TlImportReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_import_report_finalize;
}

static void
tl_import_report_init (TlImportReport *self)
{
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_import_problem_free);
  self->encoding = TL_TEXT_ENCODING_AUTO;
  self->delimiter = ',';
}

TlImportReport *
tl_import_report_new (void)
{
  return g_object_new (TL_TYPE_IMPORT_REPORT, NULL);
}

const char *
tl_import_report_get_source_name (TlImportReport *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_REPORT (self), NULL);
  return self->source_name;
}

void
tl_import_report_set_source_name (TlImportReport *self,
                                  const char     *name)
{
  g_return_if_fail (TL_IS_IMPORT_REPORT (self));
  if (g_strcmp0 (self->source_name, name) == 0)
    return;
  g_free (self->source_name);
  self->source_name = g_strdup (name);
}

TlTextEncoding
tl_import_report_get_encoding (TlImportReport *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_REPORT (self), TL_TEXT_ENCODING_AUTO);
  return self->encoding;
}

void
tl_import_report_set_encoding (TlImportReport *self,
                               TlTextEncoding  encoding)
{
  g_return_if_fail (TL_IS_IMPORT_REPORT (self));
  self->encoding = encoding;
}

char
tl_import_report_get_delimiter (TlImportReport *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_REPORT (self), ',');
  return self->delimiter;
}

void
tl_import_report_set_delimiter (TlImportReport *self,
                                char            delimiter)
{
  g_return_if_fail (TL_IS_IMPORT_REPORT (self));
  self->delimiter = delimiter;
}

TlRatingScale
tl_import_report_get_rating_scale (TlImportReport *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_REPORT (self), TL_RATING_SCALE_AUTO);
  return self->rating_scale;
}

void
tl_import_report_set_rating_scale (TlImportReport *self,
                                   TlRatingScale   scale)
{
  g_return_if_fail (TL_IS_IMPORT_REPORT (self));
  self->rating_scale = scale;
}

TlImportStatus
tl_import_report_get_status (TlImportReport *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_REPORT (self), TL_IMPORT_STATUS_NONE);
  return self->status;
}

void
tl_import_report_set_status (TlImportReport *self,
                             TlImportStatus  status)
{
  g_return_if_fail (TL_IS_IMPORT_REPORT (self));
  self->status = status;
}

const char *
tl_import_report_get_message (TlImportReport *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_REPORT (self), NULL);
  return self->message;
}

void
tl_import_report_set_message (TlImportReport *self,
                              const char     *message)
{
  g_return_if_fail (TL_IS_IMPORT_REPORT (self));
  if (g_strcmp0 (self->message, message) == 0)
    return;
  g_free (self->message);
  self->message = g_strdup (message);
}

guint64
tl_import_report_get_n_rows (TlImportReport *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_REPORT (self), 0);
  return self->n_rows;
}

guint64
tl_import_report_get_n_imported (TlImportReport *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_REPORT (self), 0);
  return self->n_imported;
}

guint64
tl_import_report_get_n_duplicates (TlImportReport *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_REPORT (self), 0);
  return self->n_duplicates;
}

guint64
tl_import_report_get_n_skipped (TlImportReport *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_REPORT (self), 0);
  return self->n_skipped;
}

void
tl_import_report_set_counts (TlImportReport *self,
                             guint64         n_rows,
                             guint64         n_imported,
                             guint64         n_duplicates,
                             guint64         n_skipped)
{
  g_return_if_fail (TL_IS_IMPORT_REPORT (self));

  self->n_rows = n_rows;
  self->n_imported = n_imported;
  self->n_duplicates = n_duplicates;
  self->n_skipped = n_skipped;
}

/* At most MAX_VALUE_CHARS characters, on one line */
static char *
shorten (const char *value)
{
  g_autoptr(GString) text = NULL;
  guint n = 0;

  if (value == NULL)
    return NULL;

  text = g_string_new (NULL);
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (n == MAX_VALUE_CHARS)
        {
          g_string_append (text, "…");
          break;
        }
      if (c == '\n' || c == '\r' || c == '\t')
        c = ' ';
      g_string_append_unichar (text, c);
      n++;
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
tl_import_report_add_problem (TlImportReport *self,
                              guint64         row,
                              guint64         line,
                              const char     *column,
                              const char     *value,
                              const char     *reason)
{
  TlImportProblem *problem;

  g_return_if_fail (TL_IS_IMPORT_REPORT (self));
  g_return_if_fail (reason != NULL);

  self->n_problems++;
  if (self->problems->len >= TL_IMPORT_REPORT_MAX_PROBLEMS)
    return;

  problem = g_new0 (TlImportProblem, 1);
  problem->row = row;
  problem->line = line;
  problem->column = g_strdup (column);
  problem->value = shorten (value);
  problem->reason = g_strdup (reason);
  g_ptr_array_add (self->problems, problem);
}

guint64
tl_import_report_get_n_problems (TlImportReport *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_REPORT (self), 0);
  return self->n_problems;
}

GPtrArray *
tl_import_report_get_problems (TlImportReport *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_REPORT (self), NULL);
  return self->problems;
}

static const char *
status_id (TlImportStatus status)
{
  switch (status)
    {
    case TL_IMPORT_STATUS_IMPORTED:
      return "imported";
    case TL_IMPORT_STATUS_DRY_RUN:
      return "dry-run";
    case TL_IMPORT_STATUS_REFUSED:
      return "refused";
    case TL_IMPORT_STATUS_CANCELLED:
      return "cancelled";
    case TL_IMPORT_STATUS_FAILED:
      return "failed";
    case TL_IMPORT_STATUS_NONE:
    default:
      return "none";
    }
}

static void
append_problem (GString               *text,
                const TlImportProblem *problem)
{
  g_autoptr(GString) where = g_string_new (NULL);

  g_autofree char *row = g_strdup_printf ("%" G_GUINT64_FORMAT, problem->row);
  g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT, problem->line);

  if (problem->row > 0 && problem->line > 0 && problem->line != problem->row)
    /* Translators: where a problem is in an imported file: a row as a
     * spreadsheet numbers it, and the line of the text file */
    g_string_append_printf (where, _("Row %s (line %s)"), row, line);
  else if (problem->row > 0)
    g_string_append_printf (where, _("Row %s"), row);
  else
    g_string_append (where, _("The file"));

  if (problem->column != NULL)
    {
      g_string_append (where, ", ");
      /* Translators: the column of a problem in an imported file */
      g_string_append_printf (where, _("column “%s”"), problem->column);
    }

  if (problem->value != NULL && *problem->value != '\0')
    g_string_append_printf (text, "  %s: %s (“%s”)\n", where->str, problem->reason, problem->value);
  else
    g_string_append_printf (text, "  %s: %s\n", where->str, problem->reason);
}

/* "  Imported:      12": the label padded to a column, in characters */
static void
append_count (GString    *text,
              const char *label,
              guint64     count)
{
  glong width = g_utf8_strlen (label, -1);

  g_string_append (text, "  ");
  g_string_append (text, label);
  for (glong i = width; i < 24; i++)
    g_string_append_c (text, ' ');
  g_string_append_printf (text, " %" G_GUINT64_FORMAT "\n", count);
}

char *
tl_import_report_to_text (TlImportReport *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean dry = self->status == TL_IMPORT_STATUS_DRY_RUN;

  g_return_val_if_fail (TL_IS_IMPORT_REPORT (self), NULL);

  if (self->source_name != NULL)
    g_string_append_printf (text, _("Import of “%s”"), self->source_name);
  else
    g_string_append (text, _("Import of pasted text"));

  if (self->encoding != TL_TEXT_ENCODING_AUTO)
    {
      g_string_append (text, " (");
      /* Translators: "(GB18030, comma-separated)" after the file name */
      g_string_append_printf (text, _("%s, %s-separated"),
                              tl_text_encoding_get_name (self->encoding),
                              tl_csv_delimiter_get_name (self->delimiter));
      if (self->rating_scale != TL_RATING_SCALE_AUTO)
        {
          g_string_append (text, ", ");
          g_string_append_printf (text, _("ratings on the scale %s"),
                                  tl_rating_scale_get_name (self->rating_scale));
        }
      g_string_append (text, ")");
    }
  g_string_append (text, "\n");

  append_count (text, _("Rows read:"), self->n_rows);
  append_count (text, dry ? _("Would be imported:") : _("Imported:"), self->n_imported);
  append_count (text, _("Already there:"), self->n_duplicates);
  append_count (text, _("Unusable:"), self->n_skipped);

  if (self->problems->len > 0)
    {
      g_string_append_printf (text, "\n%s\n", _("Problems:"));
      for (guint i = 0; i < self->problems->len; i++)
        append_problem (text, self->problems->pdata[i]);
      if (self->n_problems > self->problems->len)
        {
          guint64 more = self->n_problems - self->problems->len;
          g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, more);

          g_string_append (text, "  ");
          g_string_append_printf (text,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "… and %s more problem.",
                                               "… and %s more problems.",
                                               (gulong) MIN (more, G_MAXULONG)),
                                  count);
          g_string_append_c (text, '\n');
        }
    }

  g_string_append_c (text, '\n');
  switch (self->status)
    {
    case TL_IMPORT_STATUS_IMPORTED:
      if (self->n_imported == 0 && self->n_duplicates > 0)
        g_string_append (text, _("Nothing new: every row is in the document already."));
      else if (self->n_skipped > 0)
        g_string_append (text, _("The usable rows were imported; the rows listed above were left out."));
      else
        g_string_append (text, _("Every row was imported."));
      break;
    case TL_IMPORT_STATUS_DRY_RUN:
      g_string_append (text, _("This was a dry run: the document was not changed."));
      break;
    case TL_IMPORT_STATUS_REFUSED:
      g_string_append (text, _("Nothing was imported, because some rows cannot be used. Correct them in the file, or import again and choose to leave them out."));
      break;
    case TL_IMPORT_STATUS_CANCELLED:
      g_string_append (text, _("The import was cancelled: nothing was imported."));
      break;
    case TL_IMPORT_STATUS_FAILED:
      g_string_append (text, _("The import failed: nothing was imported."));
      if (self->message != NULL)
        {
          g_string_append_c (text, ' ');
          g_string_append (text, self->message);
        }
      break;
    case TL_IMPORT_STATUS_NONE:
    default:
      break;
    }
  g_string_append_c (text, '\n');

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_count (JsonBuilder *builder,
           const char  *name,
           guint64      value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, (gint64) MIN (value, (guint64) G_MAXINT64));
}

JsonNode *
tl_import_report_to_json (TlImportReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  char delimiter[2] = { 0, };

  g_return_val_if_fail (TL_IS_IMPORT_REPORT (self), NULL);

  delimiter[0] = self->delimiter;

  json_builder_begin_object (builder);
  add_string_or_null (builder, "file", self->source_name);
  add_string_or_null (builder, "encoding",
                      self->encoding != TL_TEXT_ENCODING_AUTO ? tl_text_encoding_to_string (self->encoding) : NULL);
  add_string_or_null (builder, "delimiter", delimiter);
  add_string_or_null (builder, "rating_scale",
                      self->rating_scale != TL_RATING_SCALE_AUTO ? tl_rating_scale_to_string (self->rating_scale) : NULL);
  add_string_or_null (builder, "status", status_id (self->status));
  json_builder_set_member_name (builder, "dry_run");
  json_builder_add_boolean_value (builder, self->status == TL_IMPORT_STATUS_DRY_RUN);
  add_count (builder, "rows", self->n_rows);
  add_count (builder, "imported", self->n_imported);
  add_count (builder, "duplicates", self->n_duplicates);
  add_count (builder, "skipped", self->n_skipped);

  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->problems->len; i++)
    {
      const TlImportProblem *problem = self->problems->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "row");
      if (problem->row > 0)
        json_builder_add_int_value (builder, problem->row);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "line");
      if (problem->line > 0)
        json_builder_add_int_value (builder, problem->line);
      else
        json_builder_add_null_value (builder);
      add_string_or_null (builder, "column", problem->column);
      add_string_or_null (builder, "value", problem->value);
      add_string_or_null (builder, "reason", problem->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_count (builder, "more_problems", self->n_problems - self->problems->len);
  add_string_or_null (builder, "message", self->message);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

gboolean
tl_import_report_save (TlImportReport  *self,
                       GFile           *file,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (TL_IS_IMPORT_REPORT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = tl_import_report_to_text (self);
  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                  cancellable, error);
}
