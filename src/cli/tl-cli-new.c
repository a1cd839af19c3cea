/* tl-cli-new.c: touchloop-cli new FILE — a document from a template
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "tl-cli-private.h"

static TlDocument *
make_document (const char  *template_id,
               const char  *language,
               const char  *title,
               GError     **error)
{
  g_autoptr(TlDocument) document = NULL;

  if (strcmp (template_id, "blank") == 0)
    document = tl_template_new_blank (language);
  else
    document = tl_template_new_o2o (language);

  if (title != NULL)
    {
      g_autoptr(TlCommand) command = NULL;
      g_auto(GValue) value = G_VALUE_INIT;

      /* Every change to a document is a command, the CLI's too. */
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, title);
      command = tl_set_property_command_new (G_OBJECT (document), "title", &value, FALSE);
      if (!tl_command_apply (command, document, error))
        return NULL;
    }

  return g_steal_pointer (&document);
}

static gboolean
create_file (const char  *path,
             TlDocument  *document,
             GError     **error)
{
  g_autoptr(TlStore) store = tl_store_create (path, document, error);

  /* Dropping the store closes the database before anyone moves the file. */
  return store != NULL;
}

/* With --force: build the new file beside the old one, then rename it over
 * the old one, so a failure at any point leaves the old file as it was. */
static gboolean
replace_file (const char  *path,
              TlDocument  *document,
              GError     **error)
{
  g_autofree char *dirname = g_path_get_dirname (path);
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *tmpdir = g_build_filename (dirname, ".touchloop-new-XXXXXX", NULL);
  g_autofree char *tmppath = NULL;
  g_autofree char *display = g_filename_display_name (path);
  gboolean ok = FALSE;

  if (g_mkdtemp (tmpdir) == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create “%s”: %s. Check that its folder exists and is writable."),
                   display, g_strerror (saved_errno));
      return FALSE;
    }

  tmppath = g_build_filename (tmpdir, basename, NULL);

  if (create_file (tmppath, document, error))
    {
      if (g_rename (tmppath, path) == 0)
        {
          ok = TRUE;
        }
      else
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not replace “%s”: %s. The old file was left as it was."),
                       display, g_strerror (saved_errno));
        }
    }

  if (!ok)
    g_unlink (tmppath);
  g_rmdir (tmpdir);

  return ok;
}

int
tl_cli_command_new (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TlDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *template_id = NULL;
  g_autofree char *language = NULL;
  g_autofree char *title_arg = NULL;
  g_autofree char *title = NULL;
  gboolean force = FALSE;
  const char *path;
  const GOptionEntry entries[] = {
    { "template", 't', 0, G_OPTION_ARG_STRING, &template_id,
      N_("Start from TEMPLATE: “o2o”, the six closed loops and the experience matrix (the default), or “blank”, the matrix only"),
      N_("TEMPLATE") },
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &language,
      N_("Write the labels in LANGUAGE: “zh_CN”, “zh_TW” or “en” (default: the language of your locale)"),
      N_("LANGUAGE") },
    { "title", 0, 0, G_OPTION_ARG_FILENAME, &title_arg,
      N_("Give the document the title TEXT"),
      N_("TEXT") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Replace FILE if it exists"),
      NULL },
    G_OPTION_ENTRY_NULL
  };

  context = tl_cli_option_context_new ("new", N_("FILE"),
                                       N_("Creates a new Touchloop document FILE from a template."),
                                       entries);
  if (!tl_cli_parse_options (context, "new", &argc, &argv))
    return TL_CLI_EXIT_USAGE;

  path = tl_cli_single_file ("new", argc, argv);
  if (path == NULL)
    return TL_CLI_EXIT_USAGE;

  if (template_id == NULL)
    template_id = g_strdup ("o2o");
  else if (strcmp (template_id, "o2o") != 0 && strcmp (template_id, "blank") != 0)
    return tl_cli_usage_error ("new", _("Unknown template “%s”; use “o2o” or “blank”."),
                               template_id);

  if (language == NULL)
    language = g_strdup (tl_language_from_environment ());
  else if (!tl_language_is_valid (language))
    return tl_cli_usage_error ("new", _("Unknown language “%s”; use “zh_CN”, “zh_TW” or “en”."),
                               language);

  if (title_arg != NULL)
    {
      title = tl_cli_text_from_arg (title_arg);
      if (title == NULL)
        return tl_cli_usage_error ("new", "%s",
                                   _("The title is not valid text in your locale’s encoding; give it in UTF-8."));
    }

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (path);

      return tl_cli_fail_printf (_("“%s” is a folder. Give the name of the document file to create."),
                                 display);
    }

  if (!force && g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
    {
      g_autofree char *display = g_filename_display_name (path);

      return tl_cli_fail_printf (_("“%s” already exists. Add --force to replace it."), display);
    }

  document = make_document (template_id, language, title, &error);
  if (document == NULL)
    return tl_cli_fail (error);

  if (force)
    {
      if (!replace_file (path, document, &error))
        return tl_cli_fail (error);
    }
  else
    {
      if (!create_file (path, document, &error))
        return tl_cli_fail (error);
    }

  return TL_CLI_EXIT_OK;
}
