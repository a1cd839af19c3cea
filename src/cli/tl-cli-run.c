/* tl-cli-run.c: locale set-up, the subcommand table and the tool's help
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-cli-private.h"

typedef struct {
  const char       *name;
  const char       *summary;   /* N_() */
  TlCliCommandFunc  func;
} TlCliCommand;

static const TlCliCommand commands[] = {
  { "new",      N_("Create a document from a template"),                    tl_cli_command_new },
  { "info",     N_("Show what a document holds"),                           tl_cli_command_info },
  { "validate", N_("Check a document for damage and broken references"),    tl_cli_command_validate },
  { "export",   N_("Export the diagram or the matrix as SVG, PNG or PDF, or the feedback as CSV"), tl_cli_command_export },
  { "import",   N_("Import customer feedback from a CSV or TSV file"),      tl_cli_command_import },
  { "search",   N_("Find customer feedback by what it says"),               tl_cli_command_search },
};

void
tl_cli_init_locale (void)
{
  const char *localedir;

  setlocale (LC_ALL, "");

  localedir = g_getenv ("TL_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static const TlCliCommand *
lookup_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (commands[i].name, name) == 0)
        return &commands[i];
    }

  return NULL;
}

static void
print_help (void)
{
  g_autoptr(GString) help = g_string_new (NULL);
  int width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, (int) strlen (commands[i].name));
  width = MAX (width, (int) strlen ("help"));

  g_string_append_printf (help, "%s\n  touchloop-cli %s\n\n",
                          _("Usage:"),
                          /* Translators: the placeholders of the usage line */
                          _("COMMAND [OPTION…] FILE"));
  g_string_append_printf (help, "%s\n\n",
                          _("Work with Touchloop documents without opening a window."));
  g_string_append_printf (help, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (help, "  %-*s  %s\n",
                            width, commands[i].name, _(commands[i].summary));
  g_string_append_printf (help, "  %-*s  %s\n\n",
                          width, "help", _("Show the help of a command"));
  g_string_append_printf (help, "%s\n", _("Options:"));
  g_string_append_printf (help, "  %-*s  %s\n", 9, "--help", _("Show this help"));
  g_string_append_printf (help, "  %-*s  %s\n\n", 9, "--version", _("Show the version"));
  g_string_append_printf (help,
                          _("Run “%s” to see the options of a command."),
                          "touchloop-cli COMMAND --help");
  g_string_append_c (help, '\n');

  g_print ("%s", help->str);
}

static int
run_command (const TlCliCommand *command,
             int                 argc,
             char              **argv)
{
  g_autofree char *prgname = g_strconcat ("touchloop-cli ", command->name, NULL);

  /* GOptionContext writes "Usage: touchloop-cli new [OPTION…] FILE" */
  g_set_prgname (prgname);

  return command->func (argc, argv);
}

int
tl_cli_run (int    argc,
            char **argv)
{
  const TlCliCommand *command;
  const char *name;

  g_set_prgname ("touchloop-cli");

  if (argc < 2)
    return tl_cli_usage_error (NULL, "%s", _("No command given."));

  name = argv[1];

  if (strcmp (name, "--help") == 0 || strcmp (name, "-h") == 0 ||
      strcmp (name, "-?") == 0 || strcmp (name, "help") == 0)
    {
      if (strcmp (name, "help") == 0 && argc > 2)
        {
          char *help_argv[] = { argv[2], (char *) "--help", NULL };

          if (argc > 3)
            return tl_cli_usage_error (NULL, _("Unexpected argument “%s”."), argv[3]);

          command = lookup_command (argv[2]);
          if (command == NULL)
            return tl_cli_usage_error (NULL, _("Unknown command “%s”."), argv[2]);

          return run_command (command, 2, help_argv);
        }

      if (argc > 2)
        return tl_cli_usage_error (NULL, _("Unexpected argument “%s”."), argv[2]);

      print_help ();
      return TL_CLI_EXIT_OK;
    }

  if (strcmp (name, "--version") == 0 || strcmp (name, "-V") == 0)
    {
      if (argc > 2)
        return tl_cli_usage_error (NULL, _("Unexpected argument “%s”."), argv[2]);

      g_print ("touchloop-cli %s\n", PACKAGE_VERSION);
      return TL_CLI_EXIT_OK;
    }

  if (name[0] == '-')
    return tl_cli_usage_error (NULL, _("Unknown option “%s”; give a command first."), name);

  command = lookup_command (name);
  if (command == NULL)
    return tl_cli_usage_error (NULL, _("Unknown command “%s”."), name);

  return run_command (command, argc - 1, argv + 1);
}
