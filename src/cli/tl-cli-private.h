/* tl-cli-private.h: internals of touchloop-cli shared by its subcommands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "tl-cli.h"
#include "tl-store.h"

G_BEGIN_DECLS

typedef int (*TlCliCommandFunc) (int    argc,
                                 char **argv);

/* Each takes its own argv, argv[0] being the subcommand's name. */
int             tl_cli_command_new      (int    argc,
                                         char **argv);
int             tl_cli_command_info     (int    argc,
                                         char **argv);
int             tl_cli_command_validate (int    argc,
                                         char **argv);
int             tl_cli_command_export   (int    argc,
                                         char **argv);
int             tl_cli_command_import   (int    argc,
                                         char **argv);
int             tl_cli_command_search   (int    argc,
                                         char **argv);

/* export --what feedback: CSV of every item of the document at @path */
int             tl_cli_export_feedback  (const char *path,
                                         const char *format,
                                         const char *output);
/* Pretty JSON on stdout, UTF-8 whatever the locale, and a line end */
void            tl_cli_print_json       (JsonNode   *root);

/* A GOptionContext for @command, its descriptions translated in our
 * domain; @parameter and @summary are untranslated (N_) strings. */
GOptionContext *tl_cli_option_context_new (const char         *command,
                                           const char         *parameter,
                                           const char         *summary,
                                           const GOptionEntry *entries);
/* Parses; on a usage error prints it with a hint and returns FALSE. */
gboolean        tl_cli_parse_options      (GOptionContext     *context,
                                           const char         *command,
                                           int                *argc,
                                           char             ***argv);

/* Print "touchloop-cli: MESSAGE" on one line of stderr and return
 * TL_CLI_EXIT_FAILURE. */
int             tl_cli_fail               (const GError       *error);
int             tl_cli_fail_printf        (const char         *format,
                                           ...) G_GNUC_PRINTF (1, 2);
/* Print the usage error and a hint to the command's --help and return
 * TL_CLI_EXIT_USAGE.  @command NULL for the tool itself. */
int             tl_cli_usage_error        (const char         *command,
                                           const char         *format,
                                           ...) G_GNUC_PRINTF (2, 3);

/* Takes the single FILE operand out of a parsed argv; on error prints a
 * usage error and returns NULL. */
const char     *tl_cli_single_file        (const char         *command,
                                           int                 argc,
                                           char              **argv);
/* A text option given as raw bytes: UTF-8 as is, else converted from the
 * locale's encoding; NULL when it is neither. */
char           *tl_cli_text_from_arg      (const char         *arg);

/* The schema version written in the file's header (PRAGMA user_version),
 * read without SQLite and without changing the file. */
gboolean        tl_cli_read_format_version (const char        *path,
                                            guint             *version,
                                            GError           **error);

/* The document summary of `info --json`. */
JsonNode       *tl_cli_info_to_json       (TlStore            *store,
                                           guint               format_version);

G_END_DECLS
