/* test-util.h: helpers the tests of every layer share (GLib only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* A new directory for a test, named after @tmpl ("name-XXXXXX");
 * tl_test_rm_rf() removes it. */
static inline char *
tl_test_make_tmpdir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes @path and, if it is a folder, everything in it (links are
 * removed, never followed). */
static inline void
tl_test_rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            tl_test_rm_rf (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static inline GBytes *
tl_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* @length -1 for a string */
static inline void
tl_test_write_file (const char *path,
                    const char *contents,
                    gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* The file at @path holds @expected to the byte: it was left alone. */
static inline void
tl_test_assert_file_bytes (const char *path,
                           GBytes     *expected)
{
  g_autoptr(GBytes) now = tl_test_read_file (path);

  g_assert_true (g_bytes_equal (now, expected));
}

/* A folder of its own for every test case, named after the program:
 * g_test_add (path, TlTestFixture, NULL, tl_test_fixture_setup, test,
 * tl_test_fixture_teardown). */
typedef struct {
  char *dir;
} TlTestFixture;

static inline void
tl_test_fixture_setup (TlTestFixture *fixture,
                       gconstpointer  data)
{
  /* g_test_init() sets the program name to the whole argv[0] */
  g_autofree char *program = g_path_get_basename (g_get_prgname ());
  g_autofree char *tmpl = g_strconcat (program, "-XXXXXX", NULL);

  fixture->dir = tl_test_make_tmpdir (tmpl);
}

static inline void
tl_test_fixture_teardown (TlTestFixture *fixture,
                          gconstpointer  data)
{
  tl_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

/* @name in the test case's folder */
static inline char *
tl_test_fixture_path (TlTestFixture *fixture,
                      const char    *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

/* For the tests that read SVG: they include <libxml/parser.h> first. */
#ifdef LIBXML_VERSION
/* A well-formed SVG document with something in it */
static inline void
tl_test_assert_svg (const char *path)
{
  xmlDocPtr doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  xmlNodePtr root;

  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_nonnull (root);
  g_assert_cmpstr ((const char *) root->name, ==, "svg");
  g_assert_nonnull (root->children);
  xmlFreeDoc (doc);
}
#endif
