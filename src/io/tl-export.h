/* tl-export.h: the export format registry (GUI, CLI and tests use it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tl-model.h"

G_BEGIN_DECLS

#define TL_IO_ERROR (tl_io_error_quark ())

typedef enum {
  TL_IO_ERROR_FAILED,
  TL_IO_ERROR_UNSUPPORTED,   /* unknown format or what */
  TL_IO_ERROR_INVALID,       /* bad argument value, e.g. width */
} TlIoError;

GQuark tl_io_error_quark (void);

typedef enum {
  TL_EXPORT_DIAGRAM,
  TL_EXPORT_MATRIX,
} TlExportWhat;

typedef struct {
  const char *id;          /* "svg", "png", "pdf" */
  const char *extension;   /* without the dot */
  const char *mime_type;
  const char *name;        /* untranslated; translate with _() when shown */
} TlExportFormat;

/* NULL-terminated, in menu order */
const TlExportFormat * const *tl_export_formats          (void);
/* By id or extension, case-insensitive; NULL when unknown */
const TlExportFormat         *tl_export_format_lookup    (const char *id_or_extension);

typedef struct {
  int         width;       /* pixels (PNG) or points (PDF/SVG); 0 = natural size */
  const char *theme;       /* "light" or "dark"; NULL = light */
} TlExportOptions;

/* Draws @what of @document with the same painter as the window and writes
 * it to @path in @format.  PDF: real text, fonts embedded, reproducible
 * dates.  Errors are TL_IO_ERROR or G_IO_ERROR, translated. */
gboolean tl_export_to_file (TlDocument            *document,
                            TlExportWhat           what,
                            const TlExportFormat  *format,
                            const char            *path,
                            const TlExportOptions *options,
                            GError               **error);

G_END_DECLS
