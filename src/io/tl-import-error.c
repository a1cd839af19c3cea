/* tl-import-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-import-error.h"

G_DEFINE_QUARK (tl-import-error-quark, tl_import_error)
