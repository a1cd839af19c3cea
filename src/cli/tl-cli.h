/* tl-cli.h: touchloop-cli, the command-line tool (no display needed)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TL_CLI_EXIT_OK      = 0,
  TL_CLI_EXIT_FAILURE = 1,   /* bad input: a file, a value the tool cannot use */
  TL_CLI_EXIT_USAGE   = 2,   /* unknown command or option, missing argument */
} TlCliExit;

/* setlocale and the message catalogue; TL_LOCALEDIR overrides the
 * installed locale directory (tests use the build tree's). */
void tl_cli_init_locale (void);

/* Runs the tool on @argv (argv[0] the program) and returns the exit status. */
int  tl_cli_run         (int    argc,
                         char **argv);

G_END_DECLS
