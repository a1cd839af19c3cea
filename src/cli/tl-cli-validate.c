/* tl-cli-validate.c: touchloop-cli validate FILE — is a document sound?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-cli-private.h"

int
tl_cli_command_validate (int    argc,
                         char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  const char *path;

  context = tl_cli_option_context_new ("validate", N_("FILE"),
                                       N_("Checks the Touchloop document FILE without changing it: its format version, the database’s integrity and every reference between its parts. Prints each problem found; the exit status is 1 if there is any."),
                                       NULL);
  if (!tl_cli_parse_options (context, "validate", &argc, &argv))
    return TL_CLI_EXIT_USAGE;

  path = tl_cli_single_file ("validate", argc, argv);
  if (path == NULL)
    return TL_CLI_EXIT_USAGE;

  display = g_filename_display_name (path);

  if (tl_store_validate (path, &problems, &error))
    {
      g_print (_("%s: OK, a sound Touchloop document."), display);
      g_print ("\n");
      return TL_CLI_EXIT_OK;
    }

  /* A file that is no document at all (missing, another format, a newer
   * version) has one problem, and it is the whole answer. */
  if (problems == NULL || problems->len == 0 ||
      !g_error_matches (error, TL_STORE_ERROR, TL_STORE_ERROR_CORRUPT))
    return tl_cli_fail (error);

  /* The problems are the command's output; stderr gets the verdict. */
  for (guint i = 0; i < problems->len; i++)
    {
      g_auto(GStrv) lines = g_strsplit (g_ptr_array_index (problems, i), "\n", -1);
      g_autofree char *line = g_strjoinv (" ", lines);

      g_print ("%s: %s\n", display, line);
    }

  return tl_cli_fail_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "“%s” has %u problem. Restore it from a backup, or open it in Touchloop and save what can be read under a new name.",
                                          "“%s” has %u problems. Restore it from a backup, or open it in Touchloop and save what can be read under a new name.",
                                          problems->len),
                             display, problems->len);
}
