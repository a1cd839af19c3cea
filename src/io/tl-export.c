/* tl-export.c: PDF, SVG and PNG export through one registry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>

#include "tl-diagram-painter.h"
#include "tl-export.h"
#include "tl-matrix-painter.h"
#include "tl-painter.h"
#include "tl-theme.h"

/* Bigger than any slide or poster needs, small enough that the pixels of
 * a PNG (4 bytes each) fit in memory. */
#define MIN_WIDTH 16
#define MAX_WIDTH 16384
/* 1/10 to 16 times the natural size; the width limits still apply. */
#define MIN_SCALE 0.1
#define MAX_SCALE 16.0

/* The date written into PDFs when SOURCE_DATE_EPOCH is not set: a fixed
 * one, so that two exports of one document are the same bytes. */
#define FIXED_PDF_DATE "2024-01-01T00:00:00Z"

G_DEFINE_QUARK (tl-io-error-quark, tl_io_error)

static const TlExportFormat format_pdf = { "pdf", "pdf", "application/pdf", N_("PDF document") };
static const TlExportFormat format_png = { "png", "png", "image/png", N_("PNG image") };
static const TlExportFormat format_svg = { "svg", "svg", "image/svg+xml", N_("SVG image") };

static const TlExportFormat * const formats[] = {
  &format_pdf,
  &format_png,
  &format_svg,
  NULL
};

const TlExportFormat * const *
tl_export_formats (void)
{
  return formats;
}

const TlExportFormat *
tl_export_format_lookup (const char *id_or_extension)
{
  if (id_or_extension == NULL)
    return NULL;

  if (id_or_extension[0] == '.')
    id_or_extension++;

  for (guint i = 0; formats[i] != NULL; i++)
    if (g_ascii_strcasecmp (formats[i]->id, id_or_extension) == 0 ||
        g_ascii_strcasecmp (formats[i]->extension, id_or_extension) == 0)
      return formats[i];

  return NULL;
}

/* One export under way: what to draw, at what size, and the stream that
 * cairo writes to through write_cb(). */
typedef struct {
  TlDocument    *document;
  TlExportWhat   what;
  TlTheme       *theme;
  TlExportBackground background;
  TlMatrixMode   matrix_mode;
  double         width;
  double         height;
  GOutputStream *stream;
  GError        *error;     /* the stream's, when a write failed */
} Export;

static cairo_status_t
write_cb (void                *user_data,
          const unsigned char *data,
          unsigned int         length)
{
  Export *job = user_data;

  if (job->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;

  if (!g_output_stream_write_all (job->stream, data, length, NULL, NULL, &job->error))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

static char *
pdf_date (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");

  /* https://reproducible-builds.org/specs/source-date-epoch/ */
  if (epoch != NULL && *epoch != '\0')
    {
      char *end = NULL;
      gint64 seconds = g_ascii_strtoll (epoch, &end, 10);

      if (end != NULL && *end == '\0' && seconds >= 0)
        {
          g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (seconds);

          if (when != NULL)
            return g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
        }
    }

  return g_strdup (FIXED_PDF_DATE);
}

gboolean
tl_export_background_parse (const char         *name,
                            TlExportBackground *background)
{
  static const char * const names[] = { "theme", "white", "transparent" };

  g_return_val_if_fail (background != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      {
        *background = (TlExportBackground) i;
        return TRUE;
      }

  return FALSE;
}

static TlPainter *
painter_new (TlDocument   *document,
             TlExportWhat  what,
             TlMatrixMode  matrix_mode)
{
  if (what == TL_EXPORT_MATRIX)
    {
      TlMatrixPainter *painter = tl_matrix_painter_new (document);

      tl_matrix_painter_set_mode (painter, matrix_mode);
      return TL_PAINTER (painter);
    }

  return TL_PAINTER (tl_diagram_painter_new (document));
}

static void
draw (TlDocument         *document,
      TlExportWhat        what,
      TlMatrixMode        matrix_mode,
      TlTheme            *theme,
      TlExportBackground  background,
      cairo_t            *cr,
      double              width,
      double              height)
{
  g_autoptr(TlPainter) painter = painter_new (document, what, matrix_mode);

  tl_painter_set_theme (painter, theme);

  if (background == TL_EXPORT_BACKGROUND_THEME)
    {
      tl_painter_draw (painter, cr, width, height);
      return;
    }

  /* tl_painter_draw() always paints the theme's page first; here the page
   * is white or left clear, and the painter's own draw() (which the
   * TlPainterClass contract says runs over a painted background) draws
   * the rest, exactly as tl_painter_draw() would. */
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (background == TL_EXPORT_BACKGROUND_WHITE)
    {
      cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
      cairo_paint (cr);
    }
  TL_PAINTER_GET_CLASS (painter)->draw (painter, cr, width, height);
  cairo_restore (cr);
}

static void
natural_size (TlDocument   *document,
              TlExportWhat  what,
              double       *width,
              double       *height)
{
  if (what == TL_EXPORT_MATRIX)
    {
      g_autoptr(TlMatrixPainter) painter = tl_matrix_painter_new (document);

      tl_matrix_painter_get_natural_size (painter, width, height);
    }
  else
    {
      g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);

      tl_diagram_painter_get_natural_size (painter, width, height);
    }
}

static gboolean
cairo_ok (cairo_status_t   status,
          Export          *job,
          GError         **error)
{
  if (job->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&job->error));
      return FALSE;
    }

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  if (status == CAIRO_STATUS_NO_MEMORY || status == CAIRO_STATUS_INVALID_SIZE)
    g_set_error_literal (error, TL_IO_ERROR, TL_IO_ERROR_INVALID,
                         _("The picture is too large to export. Choose a smaller width."));
  else
    /* cairo's own message is English only; it is still the best detail */
    g_set_error (error, TL_IO_ERROR, TL_IO_ERROR_FAILED,
                 _("Drawing the export failed (%s). Try again, or choose another format."),
                 cairo_status_to_string (status));
  return FALSE;
}

/* Draws the job on @surface; the status of the drawing. */
static cairo_status_t
draw_on (Export          *job,
         cairo_surface_t *surface)
{
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  draw (job->document, job->what, job->matrix_mode, job->theme, job->background, cr, job->width, job->height);
  status = cairo_status (cr);
  cairo_destroy (cr);

  return status;
}

/* Draws on a PDF or SVG @surface, which writes to the stream as it goes,
 * then finishes and frees it. */
static gboolean
write_vector (Export           *job,
              cairo_surface_t  *surface,
              GError          **error)
{
  cairo_status_t status = draw_on (job, surface);

  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return cairo_ok (status, job, error);
}

static gboolean
write_pdf (Export  *job,
           GError **error)
{
  g_autofree char *date = pdf_date ();
  const char *title = tl_document_get_title (job->document);
  cairo_surface_t *surface;

  surface = cairo_pdf_surface_create_for_stream (write_cb, job, job->width, job->height);
  cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_5);
  if (title != NULL && *title != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Touchloop " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);

  return write_vector (job, surface, error);
}

static gboolean
write_svg (Export  *job,
           GError **error)
{
  cairo_surface_t *surface;

  surface = cairo_svg_surface_create_for_stream (write_cb, job, job->width, job->height);
  cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);

  return write_vector (job, surface, error);
}

/* A new image surface with the job drawn on it, or NULL with @error set */
static cairo_surface_t *
draw_image (Export  *job,
            GError **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) job->width, (int) job->height);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = draw_on (job, surface);

  if (!cairo_ok (status, job, error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  cairo_surface_flush (surface);
  return surface;
}

static gboolean
write_png (Export  *job,
           GError **error)
{
  cairo_surface_t *surface = draw_image (job, error);
  cairo_status_t status;

  if (surface == NULL)
    return FALSE;

  status = cairo_surface_write_to_png_stream (surface, write_cb, job);
  cairo_surface_destroy (surface);

  return cairo_ok (status, job, error);
}

/* Checks @options and fills in the job's theme, background and size.
 * @image: the output is pixels (PNG, clipboard). */
static gboolean
prepare (Export                *job,
         const TlExportOptions *options,
         gboolean               image,
         GError               **error)
{
  const char *theme_name = NULL;
  double natural_w, natural_h, width;

  if (job->what != TL_EXPORT_DIAGRAM && job->what != TL_EXPORT_MATRIX)
    {
      g_set_error_literal (error, TL_IO_ERROR, TL_IO_ERROR_UNSUPPORTED,
                           _("Only the diagram or the matrix can be exported. Choose one of them."));
      return FALSE;
    }

  if (options != NULL)
    theme_name = options->theme;
  if (theme_name != NULL && !tl_theme_name_is_valid (theme_name))
    {
      g_set_error (error, TL_IO_ERROR, TL_IO_ERROR_INVALID,
                   _("There is no theme called “%s”. Choose “light”, “dark” or “projector”."),
                   theme_name);
      return FALSE;
    }

  job->matrix_mode = options != NULL ? options->matrix_mode : TL_MATRIX_MODE_CURRENT;
  if ((guint) job->matrix_mode >= TL_MATRIX_N_MODES)
    {
      g_set_error_literal (error, TL_IO_ERROR, TL_IO_ERROR_INVALID,
                           _("Unknown heat-map mode. Choose current, target, gap, evidence, rating or temperature."));
      return FALSE;
    }

  job->background = options != NULL ? options->background : TL_EXPORT_BACKGROUND_THEME;
  if (job->background != TL_EXPORT_BACKGROUND_THEME &&
      job->background != TL_EXPORT_BACKGROUND_WHITE &&
      job->background != TL_EXPORT_BACKGROUND_TRANSPARENT)
    {
      g_set_error_literal (error, TL_IO_ERROR, TL_IO_ERROR_INVALID,
                           _("Unknown background. Choose the theme’s, white or transparent."));
      return FALSE;
    }
  if (job->background == TL_EXPORT_BACKGROUND_TRANSPARENT && !image)
    {
      g_set_error_literal (error, TL_IO_ERROR, TL_IO_ERROR_INVALID,
                           _("Only PNG images can have a transparent background. Choose PNG, or a white or theme background."));
      return FALSE;
    }

  natural_size (job->document, job->what, &natural_w, &natural_h);
  width = natural_w;

  if (options != NULL && options->width != 0 && options->scale != 0)
    {
      g_set_error_literal (error, TL_IO_ERROR, TL_IO_ERROR_INVALID,
                           _("Both a width and a scale were given. Choose one of them."));
      return FALSE;
    }

  if (options != NULL && options->width != 0)
    {
      if (options->width < MIN_WIDTH || options->width > MAX_WIDTH)
        {
          g_set_error (error, TL_IO_ERROR, TL_IO_ERROR_INVALID,
                       _("A width of %d is out of range. Choose a width between %d and %d."),
                       options->width, MIN_WIDTH, MAX_WIDTH);
          return FALSE;
        }
      width = options->width;
    }
  else if (options != NULL && options->scale != 0)
    {
      /* !(a <= b) also catches NaN */
      if (!(options->scale >= MIN_SCALE && options->scale <= MAX_SCALE) ||
          round (natural_w * options->scale) < MIN_WIDTH ||
          round (natural_w * options->scale) > MAX_WIDTH)
        {
          g_set_error (error, TL_IO_ERROR, TL_IO_ERROR_INVALID,
                       _("A scale of %g is out of range. Choose a scale between %g and %g that gives a width between %d and %d."),
                       options->scale, MIN_SCALE, MAX_SCALE, MIN_WIDTH, MAX_WIDTH);
          return FALSE;
        }
      width = round (natural_w * options->scale);
    }

  job->width = width;
  job->height = round (width * natural_h / natural_w);
  job->theme = tl_theme_new (theme_name);

  return TRUE;
}

void
tl_export_get_natural_size (TlDocument   *document,
                            TlExportWhat  what,
                            double       *width,
                            double       *height)
{
  double w = 0, h = 0;

  g_return_if_fail (TL_IS_DOCUMENT (document));

  natural_size (document, what, &w, &h);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

cairo_surface_t *
tl_export_to_image (TlDocument            *document,
                    TlExportWhat           what,
                    const TlExportOptions *options,
                    GError               **error)
{
  Export job = { document, what, NULL, TL_EXPORT_BACKGROUND_THEME, TL_MATRIX_MODE_CURRENT, 0, 0, NULL, NULL };
  cairo_surface_t *surface = NULL;

  g_return_val_if_fail (TL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (prepare (&job, options, TRUE, error))
    surface = draw_image (&job, error);

  g_clear_object (&job.theme);
  return surface;
}

gboolean
tl_export_to_file (TlDocument            *document,
                   TlExportWhat           what,
                   const TlExportFormat  *format,
                   const char            *path,
                   const TlExportOptions *options,
                   GError               **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autofree char *display_name = NULL;
  Export job = { document, what, NULL, TL_EXPORT_BACKGROUND_THEME, TL_MATRIX_MODE_CURRENT, 0, 0, NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (TL_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display_name = g_filename_display_name (path);

  if (format == NULL || tl_export_format_lookup (format->id) != format)
    {
      g_set_error_literal (error, TL_IO_ERROR, TL_IO_ERROR_UNSUPPORTED,
                           _("This export format is not supported. Choose PDF, PNG or SVG."));
      return FALSE;
    }

  if (!prepare (&job, options, g_strcmp0 (format->id, "png") == 0, error))
    return FALSE;

  file = g_file_new_for_path (path);
  /* g_file_replace writes beside the target and renames on close, so a
   * failed export leaves an existing file as it was. */
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    goto failed;

  job.stream = G_OUTPUT_STREAM (stream);

  if (g_strcmp0 (format->id, "pdf") == 0)
    ok = write_pdf (&job, error);
  else if (g_strcmp0 (format->id, "svg") == 0)
    ok = write_svg (&job, error);
  else
    ok = write_png (&job, error);

  if (!ok)
    {
      /* Closing a cancelled replace drops the temporary file. */
      cancellable = g_cancellable_new ();
      g_cancellable_cancel (cancellable);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, NULL);
      goto failed;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error))
    goto failed;

  g_clear_object (&job.theme);
  return TRUE;

failed:
  g_clear_object (&job.theme);
  g_prefix_error (error, _("Could not export to “%s”: "), display_name);
  return FALSE;
}
