/* tl-cli-util.c: option parsing, error reporting and small helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-cli-private.h"

/* The offsets of the SQLite database header (sqlite.org/fileformat.html) */
#define SQLITE_HEADER_SIZE       100
#define SQLITE_USER_VERSION_AT   60

GOptionContext *
tl_cli_option_context_new (const char         *command,
                           const char         *parameter,
                           const char         *summary,
                           const GOptionEntry *entries)
{
  GOptionContext *context;

  g_return_val_if_fail (command != NULL, NULL);

  /* The parameter string, summary and entries are translated by the
   * context at the time it prints them, with our domain. */
  context = g_option_context_new (parameter);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (summary != NULL)
    g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  return context;
}

gboolean
tl_cli_parse_options (GOptionContext   *context,
                      const char       *command,
                      int              *argc,
                      char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      tl_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

/* A message on exactly one line, whatever a lower layer put in it. */
static char *
one_line (const char *message)
{
  g_autoptr(GString) line = g_string_new (NULL);
  gboolean space = FALSE;

  if (message == NULL || *message == '\0')
    return g_strdup (_("An unknown error happened."));

  for (const char *p = message; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t')
        {
          space = line->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (line, ' ');
      space = FALSE;
      g_string_append_c (line, *p);
    }

  return g_string_free (g_steal_pointer (&line), FALSE);
}

static void
print_error_line (const char *message)
{
  g_autofree char *line = one_line (message);

  g_printerr ("touchloop-cli: %s\n", line);
}

G_GNUC_PRINTF (1, 0)
static void
print_error_valist (const char *format,
                    va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  print_error_line (message);
}

int
tl_cli_fail (const GError *error)
{
  print_error_line (error != NULL ? error->message : NULL);

  return TL_CLI_EXIT_FAILURE;
}

int
tl_cli_fail_printf (const char *format,
                    ...)
{
  va_list args;

  va_start (args, format);
  print_error_valist (format, args);
  va_end (args);

  return TL_CLI_EXIT_FAILURE;
}

int
tl_cli_usage_error (const char *command,
                    const char *format,
                    ...)
{
  g_autofree char *help = NULL;
  va_list args;

  va_start (args, format);
  print_error_valist (format, args);
  va_end (args);

  if (command != NULL)
    help = g_strdup_printf ("touchloop-cli %s --help", command);
  else
    help = g_strdup ("touchloop-cli --help");

  g_printerr (_("Run “%s” to see how to use it."), help);
  g_printerr ("\n");

  return TL_CLI_EXIT_USAGE;
}

const char *
tl_cli_single_file (const char  *command,
                    int          argc,
                    char       **argv)
{
  const char *file = NULL;
  gboolean seen_dashes = FALSE;

  for (int i = 1; i < argc; i++)
    {
      /* GOption leaves the "--" that ends the options ("info -- -x") */
      if (!seen_dashes && strcmp (argv[i], "--") == 0)
        {
          seen_dashes = TRUE;
          continue;
        }

      if (file != NULL)
        {
          g_autofree char *arg = g_filename_display_name (argv[i]);

          tl_cli_usage_error (command, _("Unexpected argument “%s”: give one FILE."), arg);
          return NULL;
        }

      file = argv[i];
    }

  if (file == NULL)
    {
      tl_cli_usage_error (command, "%s", _("No FILE given."));
      return NULL;
    }

  if (file[0] == '\0')
    {
      tl_cli_usage_error (command, "%s", _("The FILE name is empty."));
      return NULL;
    }

  return file;
}

char *
tl_cli_text_from_arg (const char *arg)
{
  if (arg == NULL)
    return NULL;

  if (g_utf8_validate (arg, -1, NULL))
    return g_strdup (arg);

  return g_locale_to_utf8 (arg, -1, NULL, NULL, NULL);
}

gboolean
tl_cli_read_format_version (const char  *path,
                            guint       *version,
                            GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  guint8 header[SQLITE_HEADER_SIZE];
  gsize n_read = 0;
  guint32 value;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (version != NULL, FALSE);

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return FALSE;

  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header,
                                &n_read, NULL, error))
    return FALSE;

  if (n_read < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_NOT_TOUCHLOOP,
                   _("“%s” is not a Touchloop document. Choose a .touchloop file."),
                   name);
      return FALSE;
    }

  memcpy (&value, header + SQLITE_USER_VERSION_AT, sizeof value);
  *version = GUINT32_FROM_BE (value);

  return TRUE;
}
