/* test-io-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "test-util.h"
#include "tl-export.h"
#include "tl-model.h"

static const char * const languages[] = { "en", "zh_CN", "zh_TW" };

typedef TlTestFixture Fixture;

static char *
export (Fixture      *fixture,
        TlDocument   *document,
        TlExportWhat  what,
        const char   *format_id,
        const char   *name,
        int           width,
        const char   *theme)
{
  g_autoptr(GError) error = NULL;
  char *path = tl_test_fixture_path (fixture, name);
  TlExportOptions options = { width, theme };
  const TlExportFormat *format = tl_export_format_lookup (format_id);

  g_assert_nonnull (format);
  g_assert_true (tl_export_to_file (document, what, format, path, &options, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  return path;
}

/* Runs a poppler tool named by @env_var (set by meson); NULL and the test
 * skipped when it is not there. */
static char *
run_tool (const char *env_var,
          const char *pdf,
          gboolean    to_stdout)
{
  const char *tool = g_getenv (env_var);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  if (tool == NULL || *tool == '\0')
    {
      g_test_skip ("poppler-utils not found at configure time");
      return NULL;
    }

  if (to_stdout)
    {
      const char *argv[] = { tool, "-enc", "UTF-8", pdf, "-", NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
    }
  else
    {
      const char *argv[] = { tool, pdf, NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
    }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_steal_pointer (&out);
}

/* Text with every space and line break taken out: labels wrap on the
 * page, and pdftotext puts line breaks where they wrapped. */
static char *
squeeze (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (s, c);
    }

  return g_string_free (s, FALSE);
}

static void
assert_has_text (const char *squeezed_text,
                 const char *label)
{
  g_autofree char *needle = squeeze (label);

  if (strstr (squeezed_text, needle) == NULL)
    g_error ("“%s” is not in the PDF's text:\n%s", label, squeezed_text);
}

static void
test_registry (void)
{
  const TlExportFormat * const *formats = tl_export_formats ();
  guint n = 0;

  for (; formats[n] != NULL; n++)
    {
      g_assert_nonnull (formats[n]->id);
      g_assert_nonnull (formats[n]->extension);
      g_assert_nonnull (formats[n]->mime_type);
      g_assert_nonnull (formats[n]->name);
      g_assert_true (tl_export_format_lookup (formats[n]->id) == formats[n]);
      g_assert_true (tl_export_format_lookup (formats[n]->extension) == formats[n]);
    }
  g_assert_cmpuint (n, ==, 3);

  g_assert_cmpstr (tl_export_format_lookup ("pdf")->mime_type, ==, "application/pdf");
  g_assert_cmpstr (tl_export_format_lookup ("SVG")->mime_type, ==, "image/svg+xml");
  g_assert_cmpstr (tl_export_format_lookup (".png")->id, ==, "png");
  g_assert_null (tl_export_format_lookup ("jpeg"));
  g_assert_null (tl_export_format_lookup (""));
  g_assert_null (tl_export_format_lookup (NULL));
}

static void
test_svg_well_formed (Fixture       *fixture,
                      gconstpointer  data)
{
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    for (guint what = TL_EXPORT_DIAGRAM; what <= TL_EXPORT_MATRIX; what++)
      {
        g_autoptr(TlDocument) document = tl_template_new_o2o (languages[l]);
        g_autofree char *path = export (fixture, document, what, "svg", "out.svg", 0, NULL);
        GStatBuf st;

        tl_test_assert_svg (path);
        g_assert_cmpint (g_stat (path, &st), ==, 0);
        g_assert_cmpint (st.st_size, >, 10000);
      }
}

static void
test_png_width (Fixture       *fixture,
                gconstpointer  data)
{
  static const int widths[] = { 640, 1920, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    for (guint what = TL_EXPORT_DIAGRAM; what <= TL_EXPORT_MATRIX; what++)
      {
        g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");
        g_autofree char *path = export (fixture, document, what, "png", "out.png", widths[i], "dark");
        cairo_surface_t *png = cairo_image_surface_create_from_png (path);
        int expected = widths[i] != 0 ? widths[i] : 1280;
        const guint32 *pixels;
        guint32 corner;

        g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
        g_assert_cmpint (cairo_image_surface_get_width (png), ==, expected);
        /* the aspect ratio of the natural size, 16:10 */
        g_assert_cmpint (cairo_image_surface_get_height (png), ==, expected * 10 / 16);

        /* dark theme: a dark, opaque background */
        pixels = (const guint32 *) cairo_image_surface_get_data (png);
        corner = pixels[0];
        g_assert_cmphex (corner >> 24, ==, 0xff);
        g_assert_cmpuint (((corner >> 16) & 0xff) + ((corner >> 8) & 0xff) + (corner & 0xff), <, 3 * 64);
        cairo_surface_destroy (png);
      }
}

static void
test_pdf_text (Fixture       *fixture,
               gconstpointer  data)
{
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(TlDocument) document = tl_template_new_o2o (languages[l]);
      g_autofree char *diagram = export (fixture, document, TL_EXPORT_DIAGRAM, "pdf", "diagram.pdf", 0, NULL);
      g_autofree char *matrix = export (fixture, document, TL_EXPORT_MATRIX, "pdf", "matrix.pdf", 0, "dark");
      g_autofree char *diagram_text = NULL;
      g_autofree char *matrix_text = NULL;
      g_autofree char *raw_diagram = NULL;
      g_autofree char *raw_matrix = NULL;
      GListModel *stations = tl_document_get_stations (document);
      GListModel *loops = tl_document_get_loops (document);

      raw_diagram = run_tool ("TL_PDFTOTEXT", diagram, TRUE);
      if (raw_diagram == NULL)
        return;
      raw_matrix = run_tool ("TL_PDFTOTEXT", matrix, TRUE);
      diagram_text = squeeze (raw_diagram);
      matrix_text = squeeze (raw_matrix);

      assert_has_text (diagram_text, tl_document_get_title (document));
      for (guint i = 0; i < g_list_model_get_n_items (stations); i++)
        {
          g_autoptr(TlStation) station = g_list_model_get_item (stations, i);

          assert_has_text (diagram_text, tl_station_get_label (station));
        }
      for (guint i = 0; i < g_list_model_get_n_items (loops); i++)
        {
          g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);

          assert_has_text (diagram_text, tl_loop_get_name (loop));
        }

      for (guint a = 0; a < 2; a++)
        {
          GListModel *headers = a == 0 ? tl_document_get_layers (document) : tl_document_get_types (document);

          g_assert_cmpuint (g_list_model_get_n_items (headers), ==, a == 0 ? 7 : 5);
          for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
            {
              g_autoptr(TlMatrixHeader) header = g_list_model_get_item (headers, i);

              assert_has_text (matrix_text, tl_matrix_header_get_label (header));
            }
        }
    }
}

static void
assert_fonts_embedded (const char *listing)
{
  g_auto(GStrv) lines = g_strsplit (listing, "\n", -1);
  const char *emb;
  gsize column;
  guint fonts = 0;

  /* pdffonts prints a header, a rule, then a line per font; the "emb"
   * column sits where the header has it. */
  g_assert_nonnull (lines[0]);
  emb = strstr (lines[0], "emb");
  g_assert_nonnull (emb);
  column = emb - lines[0];

  for (guint i = 2; lines[i] != NULL; i++)
    {
      if (*lines[i] == '\0')
        continue;
      g_assert_cmpuint (strlen (lines[i]), >, column + 3);
      if (strncmp (lines[i] + column, "yes", 3) != 0)
        g_error ("font not embedded: %s", lines[i]);
      fonts++;
    }

  g_assert_cmpuint (fonts, >, 0);
}

static void
test_pdf_fonts (Fixture       *fixture,
                gconstpointer  data)
{
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(TlDocument) document = tl_template_new_o2o (languages[l]);
      g_autofree char *diagram = export (fixture, document, TL_EXPORT_DIAGRAM, "pdf", "d.pdf", 0, NULL);
      g_autofree char *matrix = export (fixture, document, TL_EXPORT_MATRIX, "pdf", "m.pdf", 0, NULL);
      g_autofree char *d_fonts = run_tool ("TL_PDFFONTS", diagram, FALSE);
      g_autofree char *m_fonts = NULL;

      if (d_fonts == NULL)
        return;
      m_fonts = run_tool ("TL_PDFFONTS", matrix, FALSE);

      assert_fonts_embedded (d_fonts);
      assert_fonts_embedded (m_fonts);
      /* Chinese text is set in the CJK face of its region (the language
       * reaches Pango), not in a fallback */
      if (g_strcmp0 (languages[l], "zh_CN") == 0)
        g_assert_nonnull (strstr (d_fonts, "CJKsc"));
      if (g_strcmp0 (languages[l], "zh_TW") == 0)
        g_assert_nonnull (strstr (d_fonts, "CJKtc"));
    }
}

static void
test_pdf_reproducible (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *a_bytes = NULL;
  g_autofree char *b_bytes = NULL;
  gsize a_len, b_len;

  g_unsetenv ("SOURCE_DATE_EPOCH");
  a = export (fixture, document, TL_EXPORT_DIAGRAM, "pdf", "a.pdf", 0, NULL);
  b = export (fixture, document, TL_EXPORT_DIAGRAM, "pdf", "b.pdf", 0, NULL);

  g_assert_true (g_file_get_contents (a, &a_bytes, &a_len, NULL));
  g_assert_true (g_file_get_contents (b, &b_bytes, &b_len, NULL));
  g_assert_cmpuint (a_len, >, 1000);
  g_assert_cmpmem (a_bytes, a_len, b_bytes, b_len);

  /* PDF 1.5 */
  g_assert_true (g_str_has_prefix (a_bytes, "%PDF-1.5"));
}

/* strstr over binary data (a PDF has NUL bytes before its trailer) */
static gboolean
has_bytes (const char *data,
           gsize       len,
           const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_pdf_metadata (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autofree char *path = NULL;
  g_autofree char *bytes = NULL;
  gsize len;

  g_setenv ("SOURCE_DATE_EPOCH", "1000000000", TRUE);
  path = export (fixture, document, TL_EXPORT_MATRIX, "pdf", "meta.pdf", 0, NULL);
  g_unsetenv ("SOURCE_DATE_EPOCH");

  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  /* 2001-09-09T01:46:40Z, in the document information dictionary
   * (cairo 1.16 writes it without the "D:" prefix) */
  g_assert_true (has_bytes (bytes, len, "/CreationDate (20010909014640Z)"));
  g_assert_true (has_bytes (bytes, len, "/ModDate (20010909014640Z)"));
  g_assert_true (has_bytes (bytes, len, "/Title (O2O six-loop experience map)"));
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autofree char *path = tl_test_fixture_path (fixture, "x.png");
  g_autofree char *missing = g_build_filename (fixture->dir, "no", "such", "dir", "x.pdf", NULL);
  g_autofree char *existing = tl_test_fixture_path (fixture, "keep.png");
  const TlExportFormat *png = tl_export_format_lookup ("png");
  const TlExportFormat bogus = { "jpeg", "jpg", "image/jpeg", "JPEG" };
  g_autofree char *contents = NULL;

  {
    g_autoptr(GError) error = NULL;
    TlExportOptions options = { -5, NULL };

    g_assert_false (tl_export_to_file (document, TL_EXPORT_DIAGRAM, png, path, &options, &error));
    g_assert_error (error, TL_IO_ERROR, TL_IO_ERROR_INVALID);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  {
    g_autoptr(GError) error = NULL;
    TlExportOptions options = { 100000, NULL };

    g_assert_false (tl_export_to_file (document, TL_EXPORT_DIAGRAM, png, path, &options, &error));
    g_assert_error (error, TL_IO_ERROR, TL_IO_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;
    TlExportOptions options = { 0, "neon" };

    g_assert_false (tl_export_to_file (document, TL_EXPORT_DIAGRAM, png, path, &options, &error));
    g_assert_error (error, TL_IO_ERROR, TL_IO_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "neon"));
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (tl_export_to_file (document, TL_EXPORT_DIAGRAM, &bogus, path, NULL, &error));
    g_assert_error (error, TL_IO_ERROR, TL_IO_ERROR_UNSUPPORTED);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (tl_export_to_file (document, TL_EXPORT_DIAGRAM, tl_export_format_lookup ("pdf"),
                                       missing, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "x.pdf"));
  }
  {
    g_autoptr(GError) error = NULL;
    TlExportOptions options = { 0, "nope" };

    /* A refused export leaves an existing file alone */
    g_assert_true (g_file_set_contents (existing, "precious", -1, NULL));
    g_assert_false (tl_export_to_file (document, TL_EXPORT_DIAGRAM, png, existing, &options, &error));
    g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "precious");
  }

  /* NULL options: natural size, light theme */
  {
    g_autoptr(GError) error = NULL;
    cairo_surface_t *surface;

    g_assert_true (tl_export_to_file (document, TL_EXPORT_MATRIX, png, path, NULL, &error));
    g_assert_no_error (error);
    surface = cairo_image_surface_create_from_png (path);
    g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1280);
    cairo_surface_destroy (surface);
  }
}

/* Exports a PNG with @options and loads it back */
static cairo_surface_t *
export_png (Fixture               *fixture,
            TlDocument            *document,
            TlExportWhat           what,
            const TlExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tl_test_fixture_path (fixture, "options.png");
  cairo_surface_t *png;

  g_assert_true (tl_export_to_file (document, what, tl_export_format_lookup ("png"),
                                    path, options, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);

  return png;
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  guint32 pixel = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + 4 * x);

  /* cairo loads a PNG without transparency as RGB24, top byte unused */
  if (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24)
    pixel |= 0xff000000;

  return pixel;
}

static void
test_png_background (Fixture       *fixture,
                     gconstpointer  data)
{
  for (guint what = TL_EXPORT_DIAGRAM; what <= TL_EXPORT_MATRIX; what++)
    {
      g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");
      TlExportOptions options = { 0, };
      cairo_surface_t *png;
      guint32 corner;
      gboolean opaque_seen = FALSE;
      int w, h;

      /* transparent: a clear corner, yet the drawing itself is there */
      options.theme = "dark";
      options.background = TL_EXPORT_BACKGROUND_TRANSPARENT;
      png = export_png (fixture, document, what, &options);
      g_assert_cmphex (pixel_at (png, 0, 0) >> 24, ==, 0);
      w = cairo_image_surface_get_width (png);
      h = cairo_image_surface_get_height (png);
      g_assert_cmphex (pixel_at (png, w - 1, h - 1) >> 24, ==, 0);
      for (int y = 0; y < h && !opaque_seen; y += 4)
        for (int x = 0; x < w && !opaque_seen; x += 4)
          opaque_seen = (pixel_at (png, x, y) >> 24) == 0xff;
      g_assert_true (opaque_seen);
      cairo_surface_destroy (png);

      /* white in the dark theme: a white corner */
      options.background = TL_EXPORT_BACKGROUND_WHITE;
      png = export_png (fixture, document, what, &options);
      g_assert_cmphex (pixel_at (png, 0, 0), ==, 0xffffffff);
      cairo_surface_destroy (png);

      /* theme (the default): dark and opaque, not white */
      options.background = TL_EXPORT_BACKGROUND_THEME;
      png = export_png (fixture, document, what, &options);
      corner = pixel_at (png, 0, 0);
      g_assert_cmphex (corner >> 24, ==, 0xff);
      g_assert_cmphex (corner, !=, 0xffffffff);
      cairo_surface_destroy (png);
    }
}

static void
test_png_scale (Fixture       *fixture,
                gconstpointer  data)
{
  static const double scales[] = { 2.0, 0.5, 1.5 };

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    for (guint what = TL_EXPORT_DIAGRAM; what <= TL_EXPORT_MATRIX; what++)
      {
        g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
        TlExportOptions natural = { 0, };
        TlExportOptions options = { 0, };
        cairo_surface_t *png;
        int natural_w, natural_h;

        png = export_png (fixture, document, what, &natural);
        natural_w = cairo_image_surface_get_width (png);
        natural_h = cairo_image_surface_get_height (png);
        cairo_surface_destroy (png);

        options.scale = scales[i];
        options.theme = "projector";
        png = export_png (fixture, document, what, &options);
        g_assert_cmpint (cairo_image_surface_get_width (png), ==, (int) (natural_w * scales[i] + 0.5));
        g_assert_cmpint (cairo_image_surface_get_height (png), ==, (int) (natural_h * scales[i] + 0.5));
        cairo_surface_destroy (png);
      }
}

static void
test_to_image (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_TW");
  TlExportOptions options = { 0, };
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  double natural_w = 0, natural_h = 0;

  /* the template is laid out for 1280 × 800 */
  tl_export_get_natural_size (document, TL_EXPORT_DIAGRAM, &natural_w, &natural_h);
  g_assert_cmpfloat (natural_w, ==, 1280);
  g_assert_cmpfloat (natural_h, ==, 800);

  options.scale = 2;
  options.theme = "projector";
  image = tl_export_to_image (document, TL_EXPORT_DIAGRAM, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (image);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 2560);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 1600);
  g_assert_cmphex (pixel_at (image, 0, 0) >> 24, ==, 0xff);
  cairo_surface_destroy (image);

  options.scale = 0;
  options.width = 5;
  image = tl_export_to_image (document, TL_EXPORT_MATRIX, &options, &error);
  g_assert_null (image);
  g_assert_error (error, TL_IO_ERROR, TL_IO_ERROR_INVALID);
}

static void
test_option_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autofree char *path = tl_test_fixture_path (fixture, "x.png");
  g_autofree char *pdf_path = tl_test_fixture_path (fixture, "x.pdf");
  const TlExportFormat *png = tl_export_format_lookup ("png");
  const struct {
    int width;
    double scale;
    TlExportBackground background;
  } bad[] = {
    { 800, 2.0, TL_EXPORT_BACKGROUND_THEME },    /* both */
    { 0, -1.0, TL_EXPORT_BACKGROUND_THEME },
    { 0, 0.001, TL_EXPORT_BACKGROUND_THEME },
    { 0, 1000.0, TL_EXPORT_BACKGROUND_THEME },
    { 0, 0, (TlExportBackground) 42 },
  };
  TlExportBackground parsed = TL_EXPORT_BACKGROUND_THEME;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      TlExportOptions options = { 0, };

      options.width = bad[i].width;
      options.scale = bad[i].scale;
      options.background = bad[i].background;
      g_assert_false (tl_export_to_file (document, TL_EXPORT_DIAGRAM, png, path, &options, &error));
      g_assert_error (error, TL_IO_ERROR, TL_IO_ERROR_INVALID);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }

  /* transparent is for pixels only; white is fine in a PDF */
  {
    g_autoptr(GError) error = NULL;
    TlExportOptions options = { 0, };

    options.background = TL_EXPORT_BACKGROUND_TRANSPARENT;
    g_assert_false (tl_export_to_file (document, TL_EXPORT_DIAGRAM, tl_export_format_lookup ("pdf"),
                                       pdf_path, &options, &error));
    g_assert_error (error, TL_IO_ERROR, TL_IO_ERROR_INVALID);
    g_clear_error (&error);

    options.background = TL_EXPORT_BACKGROUND_WHITE;
    options.theme = "dark";
    g_assert_true (tl_export_to_file (document, TL_EXPORT_DIAGRAM, tl_export_format_lookup ("pdf"),
                                      pdf_path, &options, &error));
    g_assert_no_error (error);
  }

  g_assert_true (tl_export_background_parse ("transparent", &parsed));
  g_assert_cmpint (parsed, ==, TL_EXPORT_BACKGROUND_TRANSPARENT);
  g_assert_true (tl_export_background_parse ("White", &parsed));
  g_assert_cmpint (parsed, ==, TL_EXPORT_BACKGROUND_WHITE);
  g_assert_false (tl_export_background_parse ("black", &parsed));
  g_assert_false (tl_export_background_parse (NULL, &parsed));
  g_assert_cmpint (parsed, ==, TL_EXPORT_BACKGROUND_WHITE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tl/io/export/registry", test_registry);
  g_test_add_func ("/tl/io/export/to-image", test_to_image);

#define ADD(path, func) \
  g_test_add ("/tl/io/export/" path, Fixture, NULL, tl_test_fixture_setup, func, tl_test_fixture_teardown)

  ADD ("svg-well-formed", test_svg_well_formed);
  ADD ("png-width", test_png_width);
  ADD ("pdf-text", test_pdf_text);
  ADD ("pdf-fonts-embedded", test_pdf_fonts);
  ADD ("pdf-reproducible", test_pdf_reproducible);
  ADD ("pdf-metadata", test_pdf_metadata);
  ADD ("errors", test_errors);
  ADD ("png-background", test_png_background);
  ADD ("png-scale", test_png_scale);
  ADD ("option-errors", test_option_errors);

#undef ADD

  return g_test_run ();
}
