/* tl-import-error.h: the error domain of importing feedback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TL_IMPORT_ERROR (tl_import_error_quark ())

typedef enum {
  TL_IMPORT_ERROR_FAILED,
  TL_IMPORT_ERROR_NOT_TEXT,        /* a binary file: a workbook, an image, … */
  TL_IMPORT_ERROR_ENCODING,        /* not text in the encoding given */
  TL_IMPORT_ERROR_EMPTY,           /* nothing in the file */
  TL_IMPORT_ERROR_NO_DATA,         /* a header and no rows */
  TL_IMPORT_ERROR_NO_TEXT_COLUMN,  /* no column maps to the text */
  TL_IMPORT_ERROR_BAD_MAPPING,     /* a --map naming no column or no field */
  TL_IMPORT_ERROR_BAD_ROWS,        /* unusable rows, and skipping them was not allowed */
  TL_IMPORT_ERROR_INVALID,         /* an option value that cannot be used */
} TlImportError;

GQuark tl_import_error_quark (void);

G_END_DECLS
