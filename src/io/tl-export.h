/* tl-export.h: the export format registry (GUI, CLI and tests use it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "tl-matrix-painter.h"
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

typedef enum {
  TL_EXPORT_BACKGROUND_THEME,        /* the theme's page colour (default) */
  TL_EXPORT_BACKGROUND_WHITE,
  TL_EXPORT_BACKGROUND_TRANSPARENT,  /* PNG (and images) only */
} TlExportBackground;

/* "theme", "white" or "transparent"; FALSE (and @background untouched)
 * for anything else, NULL included. */
gboolean tl_export_background_parse (const char         *name,
                                     TlExportBackground *background);

/* Zero-initialise, then set what you need: all zeros is the natural size
 * in the light theme on its own background. */
typedef struct {
  int                 width;       /* pixels (PNG) or points (PDF/SVG); 0 = natural size */
  const char         *theme;       /* one of tl_theme_names(); NULL = light */
  double              scale;       /* times the natural size; 0 = not set.
                                    * Set width or scale, not both. */
  TlExportBackground  background;
  /* The matrix's heat-map mode (TL_EXPORT_MATRIX only); 0 is the current
   * score, as the window shows it at first */
  TlMatrixMode        matrix_mode;
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

/* The size @what of @document is drawn at when no width or scale is given:
 * pixels in PNG, points in SVG and PDF. */
void tl_export_get_natural_size (TlDocument   *document,
                                 TlExportWhat  what,
                                 double       *width,
                                 double       *height);

/* Draws @what of @document as tl_export_to_file() draws a PNG, onto a new
 * ARGB32 image surface (free it with cairo_surface_destroy()); NULL with
 * @error set on bad options or when it is too large.  For the clipboard. */
cairo_surface_t *tl_export_to_image (TlDocument            *document,
                                     TlExportWhat           what,
                                     const TlExportOptions *options,
                                     GError               **error);

G_END_DECLS
