/* tl-cli-import.c: touchloop-cli import FILE DATA.csv — customer feedback
 * from a CSV/TSV file into a document, in place, in one transaction;
 * and the CSV side of `export --what feedback`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "tl-cli-private.h"
#include "tl-csv-export.h"
#include "tl-csv-reader.h"
#include "tl-import.h"

void
tl_cli_print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  /* JSON is UTF-8 whatever the locale: no charset conversion here. */
  fputs (text, stdout);
  fputc ('\n', stdout);
}

/* The two operands FILE and DATA; on error prints a usage error. */
static gboolean
two_operands (int           argc,
              char        **argv,
              const char  **file,
              const char  **data)
{
  const char *operands[2] = { NULL, NULL };
  guint n = 0;
  gboolean seen_dashes = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (!seen_dashes && strcmp (argv[i], "--") == 0)
        {
          seen_dashes = TRUE;
          continue;
        }
      if (n == 2)
        {
          g_autofree char *arg = g_filename_display_name (argv[i]);

          tl_cli_usage_error ("import", _("Unexpected argument “%s”: give a document FILE and one DATA file."), arg);
          return FALSE;
        }
      operands[n++] = argv[i];
    }

  if (n == 0)
    {
      tl_cli_usage_error ("import", "%s", _("No FILE given."));
      return FALSE;
    }
  if (n == 1)
    {
      tl_cli_usage_error ("import", "%s", _("No DATA file given: name the CSV or TSV file to import."));
      return FALSE;
    }
  if (*operands[0] == '\0' || *operands[1] == '\0')
    {
      tl_cli_usage_error ("import", "%s", _("The FILE name is empty."));
      return FALSE;
    }

  *file = operands[0];
  *data = operands[1];
  return TRUE;
}

static void
print_report (TlImportReport *report,
              gboolean        json)
{
  if (json)
    {
      g_autoptr(JsonNode) root = tl_import_report_to_json (report);

      tl_cli_print_json (root);
    }
  else
    {
      g_autofree char *text = tl_import_report_to_text (report);

      g_print ("%s", text);
    }
}

int
tl_cli_command_import (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TlStore) store = NULL;
  g_autoptr(TlImport) import = NULL;
  g_autoptr(GFile) data_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *encoding_arg = NULL;
  g_autofree char *delimiter_arg = NULL;
  g_autofree char *scale_arg = NULL;
  g_auto(GStrv) maps = NULL;
  gboolean dry_run = FALSE;
  gboolean skip_bad_rows = FALSE;
  gboolean json = FALSE;
  TlTextEncoding encoding = TL_TEXT_ENCODING_AUTO;
  TlRatingScale scale = TL_RATING_SCALE_AUTO;
  char delimiter = 0;
  const char *path = NULL;
  const char *data = NULL;
  TlImportReport *report;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "encoding", 'e', 0, G_OPTION_ARG_STRING, &encoding_arg,
      N_("Read DATA as ENCODING: “auto” (the default: detected), “utf-8”, “utf-16” or “gb18030” (also for GBK)"),
      N_("ENCODING") },
    { "delimiter", 'd', 0, G_OPTION_ARG_STRING, &delimiter_arg,
      N_("Cells are separated by DELIMITER: “auto” (the default: detected), “comma”, “tab” or “semicolon”"),
      N_("DELIMITER") },
    { "map", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &maps,
      N_("Import the column COLUMN (its header or its number, from 1) as FIELD: text, date, source, stage, rating, respondent, tags, phase, station, loop, layer, type, links, or ignore; may be given many times. Headers that name a field in English or Chinese map by themselves."),
      N_("COLUMN=FIELD") },
    { "scale", 's', 0, G_OPTION_ARG_STRING, &scale_arg,
      N_("The ratings were given on SCALE: “1-5”, “1-7”, “0-10”, “-2-2” or “0-100” (default: as the header says, else detected from the ratings); they are converted to the document’s scale"),
      N_("SCALE") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Read and check everything and print the report, but change nothing"),
      NULL },
    { "skip-bad-rows", 0, 0, G_OPTION_ARG_NONE, &skip_bad_rows,
      N_("Import the usable rows even when some rows cannot be used (they are listed in the report); without it, one unusable row and nothing is imported"),
      NULL },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json,
      N_("Print the report as JSON, for scripts"),
      NULL },
    G_OPTION_ENTRY_NULL
  };

  context = tl_cli_option_context_new ("import", N_("FILE DATA"),
                                       N_("Imports customer feedback from the CSV or TSV file DATA into the Touchloop document FILE, and prints a report of what it did. FILE is changed in place, in one transaction: when a row cannot be used (and --skip-bad-rows is not given) or anything fails, nothing is added. Rows already in the document are recognised and not added again."),
                                       entries);
  if (!tl_cli_parse_options (context, "import", &argc, &argv))
    return TL_CLI_EXIT_USAGE;

  if (!two_operands (argc, argv, &path, &data))
    return TL_CLI_EXIT_USAGE;

  if (encoding_arg != NULL &&
      (!tl_text_encoding_parse (encoding_arg, &encoding)))
    return tl_cli_usage_error ("import",
                               _("Unknown encoding “%s”; use “auto”, “utf-8”, “utf-16” or “gb18030”."),
                               encoding_arg);

  if (delimiter_arg != NULL && !tl_csv_delimiter_parse (delimiter_arg, &delimiter))
    return tl_cli_usage_error ("import",
                               _("Unknown delimiter “%s”; use “auto”, “comma”, “tab” or “semicolon”."),
                               delimiter_arg);

  if (scale_arg != NULL && !tl_rating_scale_parse (scale_arg, &scale))
    return tl_cli_usage_error ("import",
                               _("Unknown rating scale “%s”; use “1-5”, “1-7”, “0-10”, “-2-2” or “0-100”."),
                               scale_arg);

  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    {
      g_autofree char *map = tl_cli_text_from_arg (maps[i]);
      const char *equals = map != NULL ? strrchr (map, '=') : NULL;
      TlImportField field;

      if (map == NULL)
        return tl_cli_usage_error ("import", "%s",
                                   _("A --map is not valid text in your locale’s encoding; give it in UTF-8."));
      if (equals == NULL || equals == map)
        return tl_cli_usage_error ("import",
                                   _("“%s” is not a mapping: write COLUMN=FIELD, for example 评论=text or 3=rating."),
                                   map);
      if (!tl_import_field_parse (equals + 1, &field))
        return tl_cli_usage_error ("import",
                                   _("Unknown field “%s” in --map; use text, date, source, stage, rating, respondent, tags, phase, station, loop, layer, type, links or ignore."),
                                   equals + 1);
    }

  if (!g_file_test (data, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (data);

      return tl_cli_fail_printf (_("“%s” does not exist. Check the name of the file to import."), display);
    }
  if (g_file_test (data, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (data);

      return tl_cli_fail_printf (_("“%s” is a folder. Give the CSV or TSV file to import."), display);
    }

  store = tl_store_open (path, TL_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return tl_cli_fail (error);

  data_file = g_file_new_for_commandline_arg (data);
  import = tl_import_new_for_file (data_file);
  tl_import_set_encoding (import, encoding);
  tl_import_set_delimiter (import, delimiter);
  tl_import_set_rating_scale (import, scale);
  tl_import_set_skip_bad_rows (import, skip_bad_rows);
  tl_import_set_dry_run (import, dry_run);
  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    {
      g_autofree char *map = tl_cli_text_from_arg (maps[i]);

      tl_import_add_override (import, map);
    }

  ok = tl_import_run (import, store, NULL, &error);
  report = tl_import_get_report (import);

  /* Close the document before saying it is done. */
  g_clear_object (&store);

  if (ok)
    {
      print_report (report, json);
      return TL_CLI_EXIT_OK;
    }

  /* The rows' problems are the answer: the report, then the verdict. */
  if (g_error_matches (error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_BAD_ROWS) || json)
    print_report (report, json);

  return tl_cli_fail (error);
}

/* export --what feedback --format csv -o OUT */
int
tl_cli_export_feedback (const char *path,
                        const char *format,
                        const char *output)
{
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (format != NULL && g_ascii_strcasecmp (format, "csv") != 0)
    return tl_cli_usage_error ("export",
                               _("Feedback is exported as CSV only; use --format csv, not “%s”."),
                               format);

  if (format == NULL && !g_str_has_suffix (output, ".csv") && !g_str_has_suffix (output, ".CSV"))
    {
      g_autofree char *display = g_filename_display_name (output);

      return tl_cli_usage_error ("export",
                                 _("Cannot tell the format from the name “%s”; add --format csv."),
                                 display);
    }

  store = tl_store_open (path, TL_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return tl_cli_fail (error);

  file = g_file_new_for_path (output);
  if (!tl_csv_export_feedback (store, NULL, file, NULL, NULL, &error))
    return tl_cli_fail (error);

  return TL_CLI_EXIT_OK;
}
