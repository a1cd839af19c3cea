/* tl-cli.c: main of touchloop-cli; the work is in the tl-cli library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-cli.h"

int
main (int    argc,
      char **argv)
{
  tl_cli_init_locale ();

  return tl_cli_run (argc, argv);
}
