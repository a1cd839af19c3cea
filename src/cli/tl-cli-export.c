/* tl-cli-export.c: touchloop-cli export FILE --what … -o OUT — the diagram
 * or the matrix as SVG, PNG or PDF, through the export registry and the
 * same painters as the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "tl-cli-private.h"
#include "tl-export.h"
#include "tl-matrix-stats.h"
#include "tl-theme.h"

/* "light", "dark", "projector" for messages */
static char *
theme_names (void)
{
  const char * const *names = tl_theme_names ();
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      g_string_append_printf (list, "“%s”", names[i]);
    }

  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* "“plain”, “current”, …" for messages */
static char *
mode_names (void)
{
  const char * const *nicks = tl_matrix_mode_nicks ();
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      g_string_append_printf (list, "“%s”", nicks[i]);
    }

  return g_string_free (g_steal_pointer (&list), FALSE);
}

static gboolean
parse_what (const char   *what,
            TlExportWhat *out)
{
  if (g_ascii_strcasecmp (what, "diagram") == 0)
    *out = TL_EXPORT_DIAGRAM;
  else if (g_ascii_strcasecmp (what, "matrix") == 0)
    *out = TL_EXPORT_MATRIX;
  else
    return FALSE;

  return TRUE;
}

static char *
format_ids (void)
{
  const TlExportFormat * const *formats = tl_export_formats ();
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; formats != NULL && formats[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (ids, ", ");
      g_string_append (ids, formats[i]->id);
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static char *
extension_of (const char *path)
{
  g_autofree char *basename = g_path_get_basename (path);
  const char *dot = strrchr (basename, '.');

  /* A leading dot (".png") names a hidden file, not an extension. */
  if (dot == NULL || dot == basename || dot[1] == '\0')
    return NULL;

  return g_strdup (dot + 1);
}

/* Writing the export over the document it came from would destroy it. */
static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  if (g_stat (a, &sa) != 0 || g_stat (b, &sb) != 0)
    return FALSE;

  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int
tl_cli_command_export (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *what_arg = NULL;
  g_autofree char *format_arg = NULL;
  g_autofree char *output = NULL;
  g_autofree char *theme = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *background = NULL;
  g_autofree char *mode = NULL;
  const TlExportFormat *format;
  TlExportOptions options = { 0, };
  TlExportWhat what;
  int width = G_MININT;   /* not given */
  double scale = -G_MAXDOUBLE;   /* not given */
  const char *path;
  const GOptionEntry entries[] = {
    { "what", 0, 0, G_OPTION_ARG_STRING, &what_arg,
      N_("What to export: “diagram”, the six-loop diagram, “matrix”, the experience matrix, or “feedback”, the customer feedback as CSV"),
      N_("WHAT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_arg,
      N_("Write FORMAT: “svg”, “png” or “pdf”, or “csv” for the feedback (default: from the extension of OUT)"),
      N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to the file OUT, replacing it if it exists"),
      N_("OUT") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width,
      N_("Make the picture PX wide: pixels in PNG, points in SVG and PDF (default: its natural size)"),
      N_("PX") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale,
      N_("Make the picture N times its natural size, e.g. 2 for slides (instead of --width)"),
      N_("N") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme,
      N_("Draw with the “light” (default), the “dark” or the high-contrast “projector” colours"),
      N_("THEME") },
    { "background", 0, 0, G_OPTION_ARG_STRING, &background,
      N_("Fill the page with the “theme” colour (default), “white”, or leave it “transparent” (PNG only)"),
      N_("BACKGROUND") },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode,
      N_("Colour the matrix by “current” score (default), “target” score, “gap”, “evidence” count, average “rating” or “temperature”, or “plain” for no colours"),
      N_("MODE") },
    G_OPTION_ENTRY_NULL
  };

  context = tl_cli_option_context_new ("export", N_("FILE"),
                                       N_("Exports the loop diagram or the experience matrix of the Touchloop document FILE as SVG, PNG or PDF, drawn as in the window, or its customer feedback as CSV (UTF-8, one row per item with its links). FILE is only read, never changed."),
                                       entries);
  if (!tl_cli_parse_options (context, "export", &argc, &argv))
    return TL_CLI_EXIT_USAGE;

  path = tl_cli_single_file ("export", argc, argv);
  if (path == NULL)
    return TL_CLI_EXIT_USAGE;

  if (what_arg == NULL)
    return tl_cli_usage_error ("export", "%s",
                               _("Say what to export with --what diagram, --what matrix or --what feedback."));

  /* The feedback is a table, not a picture: CSV, through its own writer */
  if (g_ascii_strcasecmp (what_arg, "feedback") == 0)
    {
      if (output == NULL || *output == '\0')
        return tl_cli_usage_error ("export", "%s",
                                   _("Say where to write the export with -o OUT."));
      if (same_file (path, output))
        {
          g_autofree char *display = g_filename_display_name (output);

          return tl_cli_fail_printf (_("Refusing to write the export over the document “%s” itself. Choose another output file."),
                                     display);
        }
      return tl_cli_export_feedback (path, format_arg, output);
    }

  if (!parse_what (what_arg, &what))
    return tl_cli_usage_error ("export", _("Unknown --what “%s”; use “diagram”, “matrix” or “feedback”."),
                               what_arg);

  if (output == NULL || *output == '\0')
    return tl_cli_usage_error ("export", "%s",
                               _("Say where to write the export with -o OUT."));

  ids = format_ids ();
  if (format_arg != NULL)
    {
      format = tl_export_format_lookup (format_arg);
      if (format == NULL)
        return tl_cli_usage_error ("export", _("Unknown format “%s”; use one of: %s."),
                                   format_arg, ids);
    }
  else
    {
      g_autofree char *extension = extension_of (output);

      format = extension != NULL ? tl_export_format_lookup (extension) : NULL;
      if (format == NULL)
        {
          g_autofree char *display = g_filename_display_name (output);

          return tl_cli_usage_error ("export",
                                     _("Cannot tell the format from the name “%s”; add --format with one of: %s."),
                                     display, ids);
        }
    }

  if (width != G_MININT && width <= 0)
    return tl_cli_usage_error ("export", _("The width must be a positive number of pixels or points, not %d."),
                               width);

  if (scale != -G_MAXDOUBLE && !(scale > 0))
    return tl_cli_usage_error ("export", _("The scale must be a positive number, such as 2, not %g."),
                               scale);

  if (scale != -G_MAXDOUBLE && width != G_MININT)
    return tl_cli_usage_error ("export", "%s",
                               _("Give --width or --scale, not both."));

  if (theme != NULL && !tl_theme_name_is_valid (theme))
    {
      g_autofree char *names = theme_names ();

      return tl_cli_usage_error ("export", _("Unknown theme “%s”; use one of: %s."), theme, names);
    }

  if (mode != NULL && !tl_matrix_mode_from_nick (mode, &options.matrix_mode))
    {
      g_autofree char *names = mode_names ();

      return tl_cli_usage_error ("export", _("Unknown heat-map mode “%s”; use one of: %s."), mode, names);
    }

  if (mode != NULL && what != TL_EXPORT_MATRIX)
    return tl_cli_usage_error ("export", "%s",
                               _("--mode colours the matrix; use it with --what matrix."));

  if (background != NULL && !tl_export_background_parse (background, &options.background))
    return tl_cli_usage_error ("export",
                               _("Unknown background “%s”; use “theme”, “white” or “transparent”."),
                               background);

  if (options.background == TL_EXPORT_BACKGROUND_TRANSPARENT && g_strcmp0 (format->id, "png") != 0)
    return tl_cli_usage_error ("export", "%s",
                               _("Only PNG images can have a transparent background; use --background white, or export a PNG."));

  if (same_file (path, output))
    {
      g_autofree char *display = g_filename_display_name (output);

      return tl_cli_fail_printf (_("Refusing to write the export over the document “%s” itself. Choose another output file."),
                                 display);
    }

  store = tl_store_open (path, TL_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return tl_cli_fail (error);

  options.width = width != G_MININT ? width : 0;
  options.scale = scale != -G_MAXDOUBLE ? scale : 0;
  options.theme = theme;

  if (!tl_export_to_file (tl_store_get_document (store), what, format, output, &options, &error))
    return tl_cli_fail (error);

  return TL_CLI_EXIT_OK;
}
