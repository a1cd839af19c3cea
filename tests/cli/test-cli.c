/* test-cli.c: runs the built touchloop-cli ($TL_CLI) in a temporary
 * directory and looks at what it did: exit status, stdout, stderr, files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sqlite3.h>

#include "tl-store.h"
/* tl_test_write_v1_file(): a format 1 file as the first release wrote it */
#include "storage-test-util.h"

/* ---- DOMAIN.md, the spec the O2O template is checked against ---------- */

static const char * const station_ids[] = {
  "hub", "order", "production", "logistics", "experience", "wom", "pain", "culture", NULL
};

/* zh_CN, zh_TW, en; in station_ids order */
static const char * const station_labels[][3] = {
  { "微数分享平台（CRM）", "微數分享平台（CRM）", "Micro-data sharing platform (CRM)" },
  { "线上订单", "線上訂單", "Online order (show, order, pay)" },
  { "云生产", "雲生產", "Cloud production" },
  { "云物流", "雲物流", "Cloud logistics (delivery)" },
  { "线下体验", "線下體驗", "Offline experience" },
  { "口碑", "口碑", "Word of mouth (online sharing)" },
  { "痛点", "痛點", "Pain point (customer needs, from the CRM)" },
  { "文化体验", "文化體驗", "Cultural experience (the offline store)" },
};

static const char * const languages[] = { "zh_CN", "zh_TW", "en" };

/* §2: each loop's cycle from its start, the start not repeated */
static const char * const loop_cycles[6][7] = {
  { "order", "production", "logistics", "wom", NULL },
  { "order", "production", "logistics", "experience", "wom", NULL },
  { "pain", "production", "logistics", "experience", NULL },
  { "order", "production", "logistics", "experience", "pain", NULL },
  { "culture", "pain", "wom", NULL },
  { "culture", "pain", NULL },
};

/* §2 names in zh_CN and en (DOMAIN.md gives no zh_TW column) */
static const char * const loop_names[6][2] = {
  { "虚拟产品的销售", "Virtual product sales" },
  { "实物产品的销售", "Physical product sales" },
  { "开放的互联网产品开发", "Open product development with customers" },
  { "传统的产品销售与服务（产品微创新）", "Traditional sales & service (product micro-innovation)" },
  { "线下的文化体验型店铺", "Offline cultural-experience store" },
  { "店铺改良与产品试用", "Store improvement & product trial" },
};

/* §3 */
static const char * const layer_ids[] = {
  "people", "product", "space", "media", "social", "cobrand", "visual", NULL
};
static const char * const type_ids[] = { "sense", "feel", "think", "act", "relate", NULL };

/* §3: "the most important experiences are feel, sense and visual; the key
 * touchpoints are space, product and people".  Visual is a layer, so the key
 * rows are people, product, space and visual, the key columns sense and
 * feel, and a cell is key where a key row meets a key column. */
static gboolean
is_key_cell (const char *layer,
             const char *type)
{
  gboolean key_layer = g_str_equal (layer, "people") || g_str_equal (layer, "product") ||
                       g_str_equal (layer, "space") || g_str_equal (layer, "visual");
  gboolean key_type = g_str_equal (type, "sense") || g_str_equal (type, "feel");

  return key_layer && key_type;
}

static void check_pdf (const char *path,
                       const char *expected_text);

/* ---- running the tool ------------------------------------------------- */

typedef struct {
  int   status;     /* exit status, or -1 when it did not exit normally */
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static const char *
cli_path (void)
{
  const char *path = g_getenv ("TL_CLI");

  g_assert_nonnull (path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE));

  return path;
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  return g_strndup (data != NULL ? data : "", size);
}

/* @env: NULL or a NULL-terminated list of NAME, VALUE pairs to set. */
static Run *
run_cli_env (const char * const *env,
             const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);

  g_ptr_array_add (argv, (gpointer) cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  run->out = bytes_to_string (out);
  run->err = bytes_to_string (err);

  if (g_test_verbose ())
    g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);

  return run;
}

#define run_cli(...) run_cli_env (NULL, (const char * const[]) { __VA_ARGS__, NULL })

/* Success says nothing on stderr. */
static void
assert_ok (Run *run)
{
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
}

/* A failure must say what happened on exactly one line of stderr. */
static void
assert_one_line_error (Run *run)
{
  g_assert_cmpint (run->status, ==, 1);
  g_assert_true (g_str_has_prefix (run->err, "touchloop-cli: "));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  /* the only newline is the last character */
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
  g_assert_cmpuint (strlen (run->err), >, strlen ("touchloop-cli: \n"));
}

static void
assert_usage_error (Run *run)
{
  g_assert_cmpint (run->status, ==, 2);
  g_assert_true (g_str_has_prefix (run->err, "touchloop-cli: "));
  g_assert_nonnull (strstr (run->err, "--help"));
  g_assert_cmpstr (run->out, ==, "");
}

/* ---- fixture: a temporary directory ----------------------------------- */

typedef TlTestFixture Fixture;

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);

  return contents;
}

static guint
count_entries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

static void
new_document (const char *path,
              const char *language)
{
  g_autoptr(Run) run = run_cli ("new", path, "--lang", language);

  assert_ok (run);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static JsonNode *
info_json (const char *path)
{
  g_autoptr(Run) run = run_cli ("info", path, "--json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  assert_ok (run);
  json_parser_load_from_data (parser, run->out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_node_copy (json_parser_get_root (parser));
}

/* The member @name of @object, which must be there and hold a @type */
static JsonNode *
member (JsonObject   *object,
        const char   *name,
        JsonNodeType  type)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_cmpint (JSON_NODE_TYPE (node), ==, type);

  return node;
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  return json_node_get_object (member (object, name, JSON_NODE_OBJECT));
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  return json_node_get_array (member (object, name, JSON_NODE_ARRAY));
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = member (object, name, JSON_NODE_VALUE);

  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);

  return json_node_get_string (node);
}

static void
assert_string_array (JsonArray          *array,
                     const char * const *expected)
{
  guint n = g_strv_length ((char **) expected);

  g_assert_cmpuint (json_array_get_length (array), ==, n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
      g_assert_cmpstr (json_node_get_string (node), ==, expected[i]);
    }
}

/* ---- help, version, usage errors -------------------------------------- */

static void
test_help (void)
{
  const char *commands[] = { "new", "info", "validate", "export" };
  const char *options[] = { "--template", "--json", "FILE", "--what" };

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(Run) run = run_cli (i == 0 ? "--help" : "help");

      assert_ok (run);
      for (guint j = 0; j < G_N_ELEMENTS (commands); j++)
        g_assert_nonnull (strstr (run->out, commands[j]));
    }

  for (guint j = 0; j < G_N_ELEMENTS (commands); j++)
    {
      g_autoptr(Run) run = run_cli (commands[j], "--help");
      g_autoptr(Run) run2 = run_cli ("help", commands[j]);
      g_autofree char *usage = g_strdup_printf ("touchloop-cli %s", commands[j]);

      g_assert_cmpint (run->status, ==, 0);
      g_assert_nonnull (strstr (run->out, usage));
      g_assert_nonnull (strstr (run->out, options[j]));
      g_assert_cmpint (run2->status, ==, 0);
      g_assert_cmpstr (run2->out, ==, run->out);
    }
}

static void
test_version (void)
{
  g_autoptr(Run) run = run_cli ("--version");
  g_autofree char *expected = g_strdup_printf ("touchloop-cli %s\n", PACKAGE_VERSION);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, expected);
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *doc = tl_test_fixture_path (fixture, "doc.touchloop");
  g_autofree char *fresh = tl_test_fixture_path (fixture, "fresh.touchloop");
  g_autofree char *svg = tl_test_fixture_path (fixture, "out.svg");
  g_autofree char *bmp = tl_test_fixture_path (fixture, "out.bmp");
  g_autofree char *noext = tl_test_fixture_path (fixture, "out");
  const char * const *cases[] = {
    (const char *[]) { NULL },
    (const char *[]) { "frobnicate", NULL },
    (const char *[]) { "--bogus", NULL },
    (const char *[]) { "help", "frobnicate", NULL },
    (const char *[]) { "info", NULL },
    (const char *[]) { "info", "--bogus", doc, NULL },
    (const char *[]) { "info", doc, doc, NULL },
    (const char *[]) { "info", "--", NULL },
    (const char *[]) { "validate", NULL },
    (const char *[]) { "new", NULL },
    (const char *[]) { "new", fresh, "--lang", "fr", NULL },
    (const char *[]) { "new", fresh, "--template", "sixloops", NULL },
    (const char *[]) { "new", fresh, "--lang", NULL },
    (const char *[]) { "export", doc, "--what", "foo", "-o", svg, NULL },
    (const char *[]) { "export", doc, "-o", svg, NULL },
    (const char *[]) { "export", doc, "--what", "diagram", NULL },
    (const char *[]) { "export", doc, "--what", "diagram", "-o", bmp, NULL },
    (const char *[]) { "export", doc, "--what", "diagram", "-o", noext, NULL },
    (const char *[]) { "export", doc, "--what", "diagram", "--format", "gif", "-o", svg, NULL },
    (const char *[]) { "export", doc, "--what", "matrix", "--theme", "sepia", "-o", svg, NULL },
    (const char *[]) { "export", doc, "--what", "matrix", "--width", "0", "-o", svg, NULL },
    (const char *[]) { "export", doc, "--what", "matrix", "--width", "wide", "-o", svg, NULL },
    (const char *[]) { "export", "--what", "matrix", "-o", svg, NULL },
    (const char *[]) { "export", doc, "--what", "diagram", "--scale", "0", "-o", svg, NULL },
    (const char *[]) { "export", doc, "--what", "diagram", "--scale", "-2", "-o", svg, NULL },
    (const char *[]) { "export", doc, "--what", "diagram", "--scale", "big", "-o", svg, NULL },
    (const char *[]) { "export", doc, "--what", "diagram", "--scale", "2", "--width", "800", "-o", svg, NULL },
    (const char *[]) { "export", doc, "--what", "diagram", "--background", "black", "-o", svg, NULL },
    (const char *[]) { "export", doc, "--what", "diagram", "--background", "transparent", "-o", svg, NULL },
    (const char *[]) { "export", doc, "--what", "diagram", "--background", NULL },
    (const char *[]) { "export", doc, "--what", "matrix", "--mode", "heat", "-o", svg, NULL },
    (const char *[]) { "export", doc, "--what", "matrix", "--mode", "", "-o", svg, NULL },
    (const char *[]) { "export", doc, "--what", "diagram", "--mode", "gap", "-o", svg, NULL },
    (const char *[]) { "export", doc, "--what", "matrix", "--mode", NULL },
  };

  new_document (doc, "en");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Run) run = run_cli_env (NULL, cases[i]);

      g_test_message ("case %u: %s", i, cases[i][0] != NULL ? cases[i][0] : "(none)");
      assert_usage_error (run);
    }

  /* Nothing was created or written by any of them. */
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (svg, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (bmp, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (noext, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (fixture->dir), ==, 1);
}

/* ---- new -------------------------------------------------------------- */

static void
check_o2o (JsonObject *root,
           guint       lang)
{
  JsonArray *stations = member_array (root, "stations");
  JsonArray *loops = member_array (root, "loops");
  JsonObject *matrix = member_object (root, "matrix");
  JsonObject *feedback = member_object (root, "feedback");
  JsonArray *cells;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) colors = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_key = 0;

  g_assert_cmpint (json_object_get_int_member (root, "format_version"), ==, TL_STORE_FORMAT_VERSION);
  g_assert_cmpstr (member_string (root, "language"), ==, languages[lang]);
  g_assert_cmpstr (member_string (root, "title"), !=, "");

  g_assert_cmpuint (json_array_get_length (stations), ==, 8);
  for (guint i = 0; i < 8; i++)
    {
      JsonObject *station = json_array_get_object_element (stations, i);

      g_assert_cmpstr (member_string (station, "id"), ==, station_ids[i]);
      g_assert_cmpstr (member_string (station, "label"), ==, station_labels[i][lang]);
      g_assert_true (json_node_get_value_type (json_object_get_member (station, "x")) == G_TYPE_DOUBLE ||
                     json_node_get_value_type (json_object_get_member (station, "x")) == G_TYPE_INT64);
      g_assert_true (json_node_get_value_type (json_object_get_member (station, "y")) == G_TYPE_DOUBLE ||
                     json_node_get_value_type (json_object_get_member (station, "y")) == G_TYPE_INT64);
    }

  g_assert_cmpuint (json_array_get_length (loops), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      JsonObject *loop = json_array_get_object_element (loops, i);
      const char *color = member_string (loop, "color");

      g_assert_cmpstr (member_string (loop, "id"), !=, "");
      assert_string_array (member_array (loop, "stations"), loop_cycles[i]);
      if (lang != 1)
        g_assert_cmpstr (member_string (loop, "name"), ==, loop_names[i][lang == 0 ? 0 : 1]);
      else
        g_assert_cmpstr (member_string (loop, "name"), !=, "");

      g_assert_cmpuint (strlen (color), ==, 7);
      g_assert_cmpint (color[0], ==, '#');
      for (guint j = 1; j < 7; j++)
        g_assert_true (g_ascii_isxdigit (color[j]) && !g_ascii_isupper (color[j]));
      /* each loop its own colour, like lines on a metro map */
      g_assert_false (g_hash_table_contains (colors, color));
      g_hash_table_add (colors, (gpointer) color);
    }

  assert_string_array (member_array (matrix, "layers"), layer_ids);
  assert_string_array (member_array (matrix, "types"), type_ids);
  cells = member_array (matrix, "cells");
  g_assert_cmpuint (json_array_get_length (cells), ==, 35);
  for (guint i = 0; i < 35; i++)
    {
      JsonObject *cell = json_array_get_object_element (cells, i);
      const char *layer = member_string (cell, "layer");
      const char *type = member_string (cell, "type");
      char *id = g_strdup_printf ("%s/%s", layer, type);

      g_assert_true (g_strv_contains (layer_ids, layer));
      g_assert_true (g_strv_contains (type_ids, type));
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, id);

      g_assert_true (json_object_has_member (cell, "current"));
      g_assert_true (json_object_has_member (cell, "target"));
      g_assert_true (json_object_get_null_member (cell, "current"));
      g_assert_true (json_object_get_null_member (cell, "target"));
      g_assert_cmpint (json_object_get_boolean_member (cell, "key"), ==, is_key_cell (layer, type));
      if (json_object_get_boolean_member (cell, "key"))
        n_key++;
    }
  g_assert_cmpuint (n_key, ==, 8);

  g_assert_cmpint (json_object_get_int_member (feedback, "count"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (feedback, "linked"), ==, 0);
}

static void
test_new_o2o (Fixture       *fixture,
              gconstpointer  data)
{
  for (guint lang = 0; lang < G_N_ELEMENTS (languages); lang++)
    {
      g_autofree char *name = g_strdup_printf ("o2o-%s.touchloop", languages[lang]);
      g_autofree char *path = tl_test_fixture_path (fixture, name);
      g_autoptr(JsonNode) root = NULL;

      new_document (path, languages[lang]);
      root = info_json (path);
      check_o2o (json_node_get_object (root), lang);
    }

  /* o2o is the default template */
  {
    g_autofree char *path = tl_test_fixture_path (fixture, "default.touchloop");
    g_autoptr(Run) run = run_cli ("new", "--lang", "en", path);
    g_autoptr(JsonNode) root = NULL;

    g_assert_cmpint (run->status, ==, 0);
    root = info_json (path);
    check_o2o (json_node_get_object (root), 2);
  }
}

static void
test_new_blank (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = tl_test_fixture_path (fixture, "blank.touchloop");
  g_autoptr(Run) run = run_cli ("new", path, "--template", "blank", "--lang", "zh_TW");
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root;
  JsonObject *matrix;

  g_assert_cmpint (run->status, ==, 0);
  node = info_json (path);
  root = json_node_get_object (node);
  g_assert_cmpstr (member_string (root, "language"), ==, "zh_TW");
  g_assert_cmpuint (json_array_get_length (member_array (root, "stations")), ==, 0);
  g_assert_cmpuint (json_array_get_length (member_array (root, "loops")), ==, 0);
  matrix = member_object (root, "matrix");
  assert_string_array (member_array (matrix, "layers"), layer_ids);
  assert_string_array (member_array (matrix, "types"), type_ids);
  g_assert_cmpuint (json_array_get_length (member_array (matrix, "cells")), ==, 35);
}

static void
test_new_title_and_language (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *titled = tl_test_fixture_path (fixture, "titled.touchloop");
  g_autofree char *tw = tl_test_fixture_path (fixture, "tw.touchloop");
  g_autofree char *c = tl_test_fixture_path (fixture, "c.touchloop");
  const char *title = "蓝瓶咖啡 Blue Bottle — 2024";

  {
    g_autoptr(Run) run = run_cli ("new", titled, "--title", title, "--lang", "zh_CN");
    g_autoptr(JsonNode) root = NULL;

    g_assert_cmpint (run->status, ==, 0);
    root = info_json (titled);
    g_assert_cmpstr (member_string (json_node_get_object (root), "title"), ==, title);
    g_assert_cmpstr (member_string (json_node_get_object (root), "language"), ==, "zh_CN");
  }

  /* Without --lang the language comes from the locale. */
  {
    const char *env[] = { "LANGUAGE", "zh_TW", NULL };
    g_autoptr(Run) run = run_cli_env (env, (const char *[]) { "new", tw, NULL });
    g_autoptr(JsonNode) root = NULL;

    g_assert_cmpint (run->status, ==, 0);
    root = info_json (tw);
    check_o2o (json_node_get_object (root), 1);
  }
  {
    const char *env[] = { "LANGUAGE", "", "LC_ALL", "C.UTF-8", NULL };
    g_autoptr(Run) run = run_cli_env (env, (const char *[]) { "new", c, NULL });
    g_autoptr(JsonNode) root = NULL;

    g_assert_cmpint (run->status, ==, 0);
    root = info_json (c);
    g_assert_cmpstr (member_string (json_node_get_object (root), "language"), ==, "en");
  }
}

static void
test_new_refuses_existing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *precious = tl_test_fixture_path (fixture, "precious.touchloop");
  g_autofree char *doc = tl_test_fixture_path (fixture, "doc.touchloop");
  g_autofree char *contents = NULL;

  tl_test_write_file (precious, "my notes\n", -1);
  {
    g_autoptr(Run) run = run_cli ("new", precious, "--lang", "en");

    assert_one_line_error (run);
    contents = read_file (precious, NULL);
    g_assert_cmpstr (contents, ==, "my notes\n");
  }

  {
    g_autoptr(Run) run = run_cli ("new", doc, "--lang", "en", "--title", "First");
    g_autoptr(Run) run2 = run_cli ("new", doc, "--lang", "zh_CN", "--title", "Second");
    g_autoptr(JsonNode) root = NULL;

    g_assert_cmpint (run->status, ==, 0);
    assert_one_line_error (run2);
    root = info_json (doc);
    g_assert_cmpstr (member_string (json_node_get_object (root), "title"), ==, "First");
    g_assert_cmpstr (member_string (json_node_get_object (root), "language"), ==, "en");
  }

  /* --force replaces it, and leaves nothing else behind */
  {
    g_autoptr(Run) run = run_cli ("new", doc, "--force", "--lang", "zh_CN", "--title", "Second");
    g_autoptr(Run) run2 = run_cli ("new", "-f", precious, "--template", "blank");
    g_autoptr(JsonNode) root = NULL;
    g_autoptr(JsonNode) root2 = NULL;

    assert_ok (run);
    root = info_json (doc);
    g_assert_cmpstr (member_string (json_node_get_object (root), "title"), ==, "Second");
    check_o2o (json_node_get_object (root), 0);

    g_assert_cmpint (run2->status, ==, 0);
    root2 = info_json (precious);
    g_assert_cmpuint (json_array_get_length (member_array (json_node_get_object (root2), "stations")), ==, 0);
    g_assert_cmpuint (count_entries (fixture->dir), ==, 2);
  }
}

static void
test_new_force_failure_keeps_old (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *dir = tl_test_fixture_path (fixture, "folder.touchloop");
  g_autofree char *inside = g_build_filename (dir, "keep.txt", NULL);
  g_autofree char *missing = tl_test_fixture_path (fixture, "no/such/folder/x.touchloop");
  g_autofree char *contents = NULL;

  /* A folder is never replaced, not even with --force, and nothing in it
   * is lost; no temporary file is left behind. */
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  tl_test_write_file (inside, "kept", -1);
  {
    g_autoptr(Run) run = run_cli ("new", dir, "--force", "--lang", "en");
    g_autoptr(Run) run2 = run_cli ("new", dir, "--lang", "en");

    assert_one_line_error (run);
    assert_one_line_error (run2);
  }
  contents = read_file (inside, NULL);
  g_assert_cmpstr (contents, ==, "kept");
  g_assert_cmpuint (count_entries (fixture->dir), ==, 1);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(Run) run = i == 0 ? run_cli ("new", missing, "--force") : run_cli ("new", missing);

      assert_one_line_error (run);
      g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    }
  g_assert_cmpuint (count_entries (fixture->dir), ==, 1);
}

/* ---- info ------------------------------------------------------------- */

static void
test_info_bad_input (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *missing = tl_test_fixture_path (fixture, "missing.touchloop");
  g_autofree char *text = tl_test_fixture_path (fixture, "notes.touchloop");
  g_autofree char *empty = tl_test_fixture_path (fixture, "empty.touchloop");
  g_autofree char *other = tl_test_fixture_path (fixture, "other.sqlite");
  g_autofree char *newer = tl_test_fixture_path (fixture, "newer.touchloop");
  g_autofree char *truncated = tl_test_fixture_path (fixture, "truncated.touchloop");
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d;", TL_STORE_FORMAT_VERSION + 1);
  g_autofree char *contents = NULL;
  gsize length = 0;
  const char *files[] = { missing, text, empty, fixture->dir, other, newer, truncated };

  tl_test_write_file (text, "This is not a Touchloop document.\n", -1);
  tl_test_write_file (empty, "", 0);
  tl_test_file_exec (other, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  new_document (newer, "en");
  tl_test_file_exec (newer, sql);
  new_document (truncated, "en");
  contents = read_file (truncated, &length);
  tl_test_write_file (truncated, contents, length / 2);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    for (guint json = 0; json < 2; json++)
      {
        g_autoptr(Run) run = json ? run_cli ("info", "--json", files[i]) : run_cli ("info", files[i]);

        g_test_message ("info %s", files[i]);
        assert_one_line_error (run);
        g_assert_cmpstr (run->out, ==, "");
      }
}

static void
test_info_summary (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = tl_test_fixture_path (fixture, "doc.touchloop");
  g_autoptr(Run) run = NULL;

  new_document (path, "zh_CN");
  /* "--" ends the options */
  run = run_cli ("info", "--", path);
  assert_ok (run);
  for (guint i = 0; i < 8; i++)
    g_assert_nonnull (strstr (run->out, station_labels[i][0]));
  for (guint i = 0; i < 6; i++)
    g_assert_nonnull (strstr (run->out, loop_names[i][0]));
  /* the cycle, closed */
  g_assert_nonnull (strstr (run->out, "order → production → logistics → experience → wom → order"));
  g_assert_nonnull (strstr (run->out, "culture → pain → culture"));
  g_assert_nonnull (strstr (run->out, "zh_CN"));
}

/* A document with scores and feedback, made with the storage layer. */
static void
test_info_scores_and_feedback (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *path = tl_test_fixture_path (fixture, "scored.touchloop");
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *cells;
  gboolean found = FALSE;

  tl_cell_set_current (tl_document_lookup_cell (document, "people", "feel"), 2);
  tl_cell_set_target (tl_document_lookup_cell (document, "people", "feel"), 5);
  tl_cell_set_target (tl_document_lookup_cell (document, "cobrand", "relate"), 4);

  {
    g_autoptr(TlStore) store = tl_test_create_store (path, document);
    const char *links[] = { "station:pain", "cell:people/feel", NULL };

    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (-1);

        tl_feedback_item_set_text (item, "那大概够吃了，不够再点");
        if (i == 0)
          tl_feedback_item_set_links (item, links);
        g_assert_cmpint (tl_store_add_feedback (store, item, &error), >=, 0);
        g_assert_no_error (error);
      }
  }

  node = info_json (path);
  g_assert_cmpint (json_object_get_int_member (member_object (json_node_get_object (node), "feedback"), "count"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (member_object (json_node_get_object (node), "feedback"), "linked"), ==, 1);

  cells = member_array (member_object (json_node_get_object (node), "matrix"), "cells");
  for (guint i = 0; i < json_array_get_length (cells); i++)
    {
      JsonObject *cell = json_array_get_object_element (cells, i);
      const char *layer = member_string (cell, "layer");
      const char *type = member_string (cell, "type");

      if (g_str_equal (layer, "people") && g_str_equal (type, "feel"))
        {
          g_assert_cmpint (json_object_get_int_member (cell, "current"), ==, 2);
          g_assert_cmpint (json_object_get_int_member (cell, "target"), ==, 5);
          found = TRUE;
        }
      else if (g_str_equal (layer, "cobrand") && g_str_equal (type, "relate"))
        {
          g_assert_true (json_object_get_null_member (cell, "current"));
          g_assert_cmpint (json_object_get_int_member (cell, "target"), ==, 4);
        }
      else
        {
          g_assert_true (json_object_get_null_member (cell, "current"));
          g_assert_true (json_object_get_null_member (cell, "target"));
        }
    }
  g_assert_true (found);
}

/* info, validate and export only read: the user's file stays as it was, and
 * nothing appears next to it. */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = tl_test_fixture_path (fixture, "doc.touchloop");
  g_autofree char *out = tl_test_fixture_path (fixture, "out.svg");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length = 0, after_length = 0;
  GStatBuf st_before, st_after;

  new_document (path, "en");
  before = read_file (path, &before_length);
  g_assert_cmpint (g_stat (path, &st_before), ==, 0);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);

  {
    g_autoptr(Run) r1 = run_cli ("info", path);
    g_autoptr(Run) r2 = run_cli ("info", "--json", path);
    g_autoptr(Run) r3 = run_cli ("validate", path);
    g_autoptr(Run) r4 = run_cli ("export", path, "--what", "diagram", "-o", out);

    g_assert_cmpint (r1->status, ==, 0);
    g_assert_cmpint (r2->status, ==, 0);
    g_assert_cmpint (r3->status, ==, 0);
    g_assert_cmpint (r4->status, ==, 0);
  }

  after = read_file (path, &after_length);
  g_assert_cmpint (g_stat (path, &st_after), ==, 0);
  g_assert_cmpmem (before, before_length, after, after_length);
  g_assert_cmpint (st_before.st_mtime, ==, st_after.st_mtime);
  g_assert_cmpuint (count_entries (fixture->dir), ==, 2);
}

/* An older file is read as it is: never migrated on disk by a command
 * that only reads. */
static void
test_older_version (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = tl_test_fixture_path (fixture, "v1.touchloop");
  g_autofree char *out = tl_test_fixture_path (fixture, "v1.pdf");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root;
  JsonArray *cells;
  const char *station_order[] = { "order", "shop", NULL };
  guint n_scored = 0;

  tl_test_write_v1_file (path, 10);
  before = tl_test_read_file (path);

  node = info_json (path);
  root = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (root, "format_version"), ==, 1);
  g_assert_cmpstr (member_string (root, "title"), ==, "旧版文件");
  g_assert_cmpuint (json_array_get_length (member_array (root, "stations")), ==, 2);
  assert_string_array (member_array (json_array_get_object_element (member_array (root, "loops"), 0),
                                     "stations"), station_order);
  g_assert_cmpint (json_object_get_int_member (member_object (root, "feedback"), "count"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (member_object (root, "feedback"), "linked"), ==, 10);
  cells = member_array (member_object (root, "matrix"), "cells");
  g_assert_cmpuint (json_array_get_length (cells), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *cell = json_array_get_object_element (cells, i);

      if (g_str_equal (member_string (cell, "layer"), "space") &&
          g_str_equal (member_string (cell, "type"), "feel"))
        {
          /* 7 on the file's own 7-point scale */
          g_assert_cmpint (json_object_get_int_member (cell, "current"), ==, 7);
          n_scored++;
        }
    }
  g_assert_cmpuint (n_scored, ==, 1);

  {
    g_autoptr(Run) r1 = run_cli ("info", path);
    g_autoptr(Run) r2 = run_cli ("validate", path);
    g_autoptr(Run) r3 = run_cli ("export", path, "--what", "diagram", "-o", out);

    g_assert_cmpint (r1->status, ==, 0);
    g_assert_nonnull (strstr (r1->out, "旧版文件"));
    g_assert_cmpint (r2->status, ==, 0);
    g_assert_cmpint (r3->status, ==, 0);
    check_pdf (out, "线上订单");
  }

  tl_test_assert_file_bytes (path, before);
  g_assert_cmpuint (count_entries (fixture->dir), ==, 2);
}

/* ---- validate --------------------------------------------------------- */

/* Points one foreign key of the document at something that does not
 * exist, whatever the schema's tables are called. */
static void
make_dangling_reference (const char *path)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gboolean done = FALSE;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                           "AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len && !done; i++)
    {
      g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
      char *sql = sqlite3_mprintf ("PRAGMA foreign_key_list(%Q)", (char *) tables->pdata[i]);

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_free (sql);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 3)));
      sqlite3_finalize (stmt);

      for (guint j = 0; j < columns->len && !done; j++)
        {
          const char *values[] = { "'no-such-thing'", "987654321" };

          for (guint k = 0; k < G_N_ELEMENTS (values) && !done; k++)
            {
              /* no rowid: tables may be WITHOUT ROWID */
              sql = sqlite3_mprintf ("UPDATE \"%w\" SET \"%w\" = %s WHERE \"%w\" = (SELECT \"%w\" FROM \"%w\" LIMIT 1)",
                                     (char *) tables->pdata[i], (char *) columns->pdata[j], values[k],
                                     (char *) columns->pdata[j], (char *) columns->pdata[j],
                                     (char *) tables->pdata[i]);
              if (sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK && sqlite3_changes (db) > 0)
                {
                  g_test_message ("dangling %s.%s", (char *) tables->pdata[i], (char *) columns->pdata[j]);
                  done = TRUE;
                }
              sqlite3_free (sql);
            }
        }
    }

  sqlite3_close (db);
  g_assert_true (done);
}

static void
test_validate (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *good = tl_test_fixture_path (fixture, "good.touchloop");
  g_autofree char *dangling = tl_test_fixture_path (fixture, "dangling.touchloop");
  g_autofree char *truncated = tl_test_fixture_path (fixture, "truncated.touchloop");
  g_autofree char *text = tl_test_fixture_path (fixture, "text.touchloop");
  g_autofree char *missing = tl_test_fixture_path (fixture, "missing.touchloop");
  g_autofree char *contents = NULL;
  gsize length = 0;

  new_document (good, "zh_CN");
  {
    g_autoptr(Run) run = run_cli ("validate", good);

    assert_ok (run);
    g_assert_nonnull (strstr (run->out, ": OK,"));
    g_assert_cmpuint (strlen (run->out), >, 0);
  }

  new_document (dangling, "en");
  make_dangling_reference (dangling);
  {
    g_autoptr(Run) run = run_cli ("validate", dangling);

    assert_one_line_error (run);
    /* every problem on stdout, one a line, naming the file */
    g_assert_true (g_str_has_prefix (run->out, dangling));
    g_assert_null (strstr (run->out, ": OK,"));
  }

  new_document (truncated, "en");
  contents = read_file (truncated, &length);
  tl_test_write_file (truncated, contents, length - 1024);
  tl_test_write_file (text, "hello", -1);
  {
    const char *files[] = { truncated, text, missing };

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        g_autoptr(Run) run = run_cli ("validate", files[i]);

        g_test_message ("validate %s", files[i]);
        assert_one_line_error (run);
        g_assert_null (strstr (run->out, ": OK,"));
      }
  }
}

/* ---- export ----------------------------------------------------------- */

static cairo_surface_t *
load_png (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), >, 0);
  g_assert_cmpint (cairo_image_surface_get_height (surface), >, 0);

  return surface;
}

static double
mean_luminance (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data;
  cairo_surface_t *rgb;
  cairo_t *cr;
  double sum = 0;

  /* flatten onto black so transparency counts as dark */
  rgb = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (rgb);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_paint (cr);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (rgb);

  data = cairo_image_surface_get_data (rgb);
  stride = cairo_image_surface_get_stride (rgb);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + x * 4);

        sum += 0.2126 * ((pixel >> 16) & 0xff) + 0.7152 * ((pixel >> 8) & 0xff) + 0.0722 * (pixel & 0xff);
      }
  cairo_surface_destroy (rgb);

  return sum / ((double) width * height);
}

static char *
pdf_text (const char *path)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) words = NULL;
  int status = 0;
  const char *argv[] = { pdftotext, "-enc", "UTF-8", path, "-", NULL };

  if (pdftotext == NULL)
    return NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* labels may wrap: compare with all white space as single spaces */
  words = g_regex_split_simple ("\\s+", out, 0, 0);
  return g_strstrip (g_strjoinv (" ", words));
}

static void
check_pdf (const char *path,
           const char *expected_text)
{
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  contents = read_file (path, &length);
  g_assert_cmpuint (length, >, 5);
  g_assert_true (memcmp (contents, "%PDF-", 5) == 0);

  text = pdf_text (path);
  if (text == NULL)
    {
      g_test_message ("pdftotext is not installed: the PDF's text is not checked");
      return;
    }
  if (strstr (text, expected_text) == NULL)
    g_error ("“%s” not in the text of %s: %s", expected_text, path, text);
}

static void
test_export_formats (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *whats[] = { "diagram", "matrix" };
  const char *formats[] = { "svg", "png", "pdf" };
  /* DOMAIN.md labels the export must carry as real text */
  const char *en_text[] = { "Cloud production", "People" };
  const char *zh_text[] = { "云生产", "人员" };
  g_autofree char *en = tl_test_fixture_path (fixture, "en.touchloop");
  g_autofree char *zh = tl_test_fixture_path (fixture, "zh.touchloop");

  new_document (en, "en");
  new_document (zh, "zh_CN");

  for (guint w = 0; w < G_N_ELEMENTS (whats); w++)
    for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
      {
        /* the name's extension does not decide when --format is given */
        g_autofree char *name = g_strdup_printf ("%s-%s.out", whats[w], formats[f]);
        g_autofree char *out = tl_test_fixture_path (fixture, name);
        g_autoptr(Run) run = run_cli ("export", en, "--what", whats[w], "--format", formats[f], "-o", out);

        g_test_message ("export %s as %s", whats[w], formats[f]);
        assert_ok (run);
        g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));

        if (f == 0)
          {
            tl_test_assert_svg (out);
          }
        else if (f == 1)
          {
            g_autofree char *head = NULL;
            gsize length = 0;
            cairo_surface_t *surface;

            head = read_file (out, &length);
            g_assert_cmpuint (length, >, 8);
            g_assert_true (memcmp (head, "\x89PNG\r\n\x1a\n", 8) == 0);
            surface = load_png (out);
            cairo_surface_destroy (surface);
          }
        else
          {
            check_pdf (out, en_text[w]);
          }
      }

  /* the format from OUT's extension, and Chinese text in the PDF */
  for (guint w = 0; w < G_N_ELEMENTS (whats); w++)
    {
      g_autofree char *svg_name = g_strdup_printf ("%s.SVG", whats[w]);
      g_autofree char *pdf_name = g_strdup_printf ("%s-zh.pdf", whats[w]);
      g_autofree char *svg = tl_test_fixture_path (fixture, svg_name);
      g_autofree char *pdf = tl_test_fixture_path (fixture, pdf_name);
      g_autoptr(Run) r1 = run_cli ("export", en, "--what", whats[w], "-o", svg);
      g_autoptr(Run) r2 = run_cli ("export", "-o", pdf, "--what", whats[w], zh);

      g_assert_cmpint (r1->status, ==, 0);
      tl_test_assert_svg (svg);
      g_assert_cmpint (r2->status, ==, 0);
      check_pdf (pdf, zh_text[w]);
    }
}

static void
test_export_width_and_theme (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *doc = tl_test_fixture_path (fixture, "doc.touchloop");
  const char *whats[] = { "diagram", "matrix" };

  new_document (doc, "en");

  for (guint w = 0; w < G_N_ELEMENTS (whats); w++)
    {
      g_autofree char *light = tl_test_fixture_path (fixture, "light.png");
      g_autofree char *dark = tl_test_fixture_path (fixture, "dark.png");
      g_autoptr(Run) r1 = run_cli ("export", doc, "--what", whats[w], "-o", light, "--width", "640");
      g_autoptr(Run) r2 = run_cli ("export", doc, "--what", whats[w], "-o", dark, "--width", "1000", "--theme", "dark");
      g_autoptr(Run) r3 = run_cli ("export", doc, "--what", whats[w], "-o", light, "--width", "640", "--theme", "light");
      cairo_surface_t *light_png, *dark_png;
      double light_lum, dark_lum;

      g_assert_cmpint (r1->status, ==, 0);
      g_assert_cmpint (r2->status, ==, 0);
      g_assert_cmpint (r3->status, ==, 0);

      light_png = load_png (light);
      dark_png = load_png (dark);
      g_assert_cmpint (cairo_image_surface_get_width (light_png), ==, 640);
      g_assert_cmpint (cairo_image_surface_get_width (dark_png), ==, 1000);
      light_lum = mean_luminance (light_png);
      dark_lum = mean_luminance (dark_png);
      g_test_message ("%s: mean luminance light %.1f, dark %.1f", whats[w], light_lum, dark_lum);
      g_assert_cmpfloat (dark_lum + 40, <, light_lum);
      cairo_surface_destroy (light_png);
      cairo_surface_destroy (dark_png);
    }
}

static void
test_export_bad_output (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *doc = tl_test_fixture_path (fixture, "doc.touchloop");
  g_autofree char *nowhere = tl_test_fixture_path (fixture, "no/such/folder/out.png");
  g_autofree char *missing = tl_test_fixture_path (fixture, "missing.touchloop");
  g_autofree char *out = tl_test_fixture_path (fixture, "out.pdf");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length = 0, after_length = 0;

  new_document (doc, "en");
  before = read_file (doc, &before_length);

  {
    g_autoptr(Run) run = run_cli ("export", doc, "--what", "diagram", "-o", nowhere);

    assert_one_line_error (run);
  }
  {
    g_autoptr(Run) run = run_cli ("export", doc, "--what", "matrix", "-o", fixture->dir, "--format", "png");

    assert_one_line_error (run);
  }
  {
    /* the export must never be written over the document itself */
    g_autoptr(Run) run = run_cli ("export", doc, "--what", "diagram", "--format", "svg", "-o", doc);

    assert_one_line_error (run);
  }
  {
    g_autoptr(Run) run = run_cli ("export", missing, "--what", "diagram", "-o", out);

    assert_one_line_error (run);
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }

  after = read_file (doc, &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);
  g_assert_cmpuint (count_entries (fixture->dir), ==, 1);
}

/* ---- localisation ----------------------------------------------------- */

static gboolean
has_han (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x4e00 && c <= 0x9fff)
        return TRUE;
    }

  return FALSE;
}

static void
test_translated_message (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = tl_test_fixture_path (fixture, "doc.touchloop");
  const char *zh_env[] = { "LANGUAGE", "zh_CN", "LC_ALL", "C.UTF-8", NULL };
  const char *en_env[] = { "LANGUAGE", "", "LC_ALL", "C.UTF-8", NULL };
  g_autoptr(Run) en = NULL;
  g_autoptr(Run) zh = NULL;

  g_assert_nonnull (g_getenv ("TL_LOCALEDIR"));
  new_document (path, "en");

  en = run_cli_env (en_env, (const char *[]) { "new", path, NULL });
  zh = run_cli_env (zh_env, (const char *[]) { "new", path, NULL });

  assert_one_line_error (en);
  assert_one_line_error (zh);
  g_assert_true (g_utf8_validate (zh->err, -1, NULL));
  g_assert_false (has_han (en->err));
  /* Fail without aborting, so the other cases still run and report. */
  if (!has_han (zh->err))
    {
      g_test_fail_printf ("not translated into zh_CN (is the message in po/zh_CN.po?): %s", zh->err);
      return;
    }
  /* the option stays as typed */
  g_assert_nonnull (strstr (zh->err, "--force"));
}

static guint32
png_pixel (cairo_surface_t *surface,
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

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  int height = cairo_image_surface_get_height (a);

  if (cairo_image_surface_get_width (a) != cairo_image_surface_get_width (b) ||
      height != cairo_image_surface_get_height (b))
    return FALSE;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < cairo_image_surface_get_width (a); x++)
      if (png_pixel (a, x, y) != png_pixel (b, x, y))
        return FALSE;

  return TRUE;
}

static void
test_export_projector (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *doc = tl_test_fixture_path (fixture, "doc.touchloop");
  g_autofree char *light = tl_test_fixture_path (fixture, "light.png");
  g_autofree char *projector = tl_test_fixture_path (fixture, "projector.png");
  g_autofree char *pdf = tl_test_fixture_path (fixture, "projector.pdf");
  const char *whats[] = { "diagram", "matrix" };

  new_document (doc, "zh_CN");

  for (guint w = 0; w < G_N_ELEMENTS (whats); w++)
    {
      g_autoptr(Run) r1 = run_cli ("export", doc, "--what", whats[w], "-o", light, "--width", "800");
      g_autoptr(Run) r2 = run_cli ("export", doc, "--what", whats[w], "-o", projector, "--width", "800",
                                   "--theme", "projector");
      g_autoptr(Run) r3 = run_cli ("export", doc, "--what", whats[w], "-o", pdf, "--theme", "projector");
      cairo_surface_t *light_png, *projector_png;

      g_assert_cmpint (r1->status, ==, 0);
      g_assert_cmpint (r2->status, ==, 0);
      g_assert_cmpint (r3->status, ==, 0);
      g_assert_cmpstr (r2->err, ==, "");

      light_png = load_png (light);
      projector_png = load_png (projector);
      g_assert_cmpint (cairo_image_surface_get_width (projector_png), ==, 800);
      /* the projector theme really drew something else */
      g_assert_false (same_pixels (light_png, projector_png));
      cairo_surface_destroy (light_png);
      cairo_surface_destroy (projector_png);
      g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
    }
}

/* A document with scores and linked, rated feedback, for the heat maps */
static void
new_scored_document (const char *path,
                     const char *language)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o (language);
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *cells[][2] = { { "people", "feel" }, { "space", "sense" }, { "media", "think" } };

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      TlCell *cell = tl_document_lookup_cell (document, cells[i][0], cells[i][1]);

      tl_cell_set_current (cell, 1 + i * 2);
      tl_cell_set_target (cell, 5 - i);
      tl_cell_set_owner (cell, "perception");
      tl_cell_set_description (cell, "那大概够吃了，不够再点 — a waiter who cares for the guest’s wallet");
    }

  store = tl_test_create_store (path, document);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (-1);
      g_autofree char *link = g_strdup_printf ("cell:%s/%s", cells[i % 2][0], cells[i % 2][1]);
      const char *links[] = { link, NULL };

      tl_feedback_item_set_text (item, "店员提醒我菜点够了，很贴心");
      tl_feedback_item_set_rating (item, 1 + i);
      tl_feedback_item_set_links (item, links);
      g_assert_cmpint (tl_store_add_feedback (store, item, &error), >=, 0);
      g_assert_no_error (error);
    }
}

/* --mode: every mode draws, each differently; no --mode is the current
 * score; a bad one is a usage error naming the good ones */
static void
test_export_modes (Fixture       *fixture,
                   gconstpointer  data)
{
  const char * const modes[] = { "plain", "current", "target", "gap", "evidence", "rating", "temperature" };
  g_autofree char *doc = tl_test_fixture_path (fixture, "scored.touchloop");
  g_autofree char *plain_png = tl_test_fixture_path (fixture, "default.png");
  g_autofree char *bad = tl_test_fixture_path (fixture, "bad.png");
  cairo_surface_t *pictures[G_N_ELEMENTS (modes)];
  cairo_surface_t *by_default;

  new_scored_document (doc, "zh_CN");

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autofree char *name = g_strdup_printf ("%s.png", modes[m]);
      g_autofree char *out = tl_test_fixture_path (fixture, name);
      g_autoptr(Run) run = run_cli ("export", doc, "--what", "matrix", "--mode", modes[m],
                                    "--width", "960", "-o", out);

      g_test_message ("--mode %s", modes[m]);
      assert_ok (run);
      g_assert_cmpstr (run->err, ==, "");
      pictures[m] = load_png (out);
      g_assert_cmpint (cairo_image_surface_get_width (pictures[m]), ==, 960);
    }

  for (guint a = 0; a < G_N_ELEMENTS (modes); a++)
    for (guint b = a + 1; b < G_N_ELEMENTS (modes); b++)
      if (same_pixels (pictures[a], pictures[b]))
        g_error ("--mode %s and --mode %s drew the same picture", modes[a], modes[b]);

  {
    g_autoptr(Run) run = run_cli ("export", doc, "--what", "matrix", "--width", "960", "-o", plain_png);

    assert_ok (run);
    by_default = load_png (plain_png);
    g_assert_true (same_pixels (by_default, pictures[1]));
    cairo_surface_destroy (by_default);
  }

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    cairo_surface_destroy (pictures[m]);

  /* upper case is accepted, like --format */
  {
    g_autoptr(Run) run = run_cli ("export", doc, "--what", "matrix", "--mode", "GAP", "-o", plain_png);

    assert_ok (run);
  }

  {
    g_autoptr(Run) run = run_cli ("export", doc, "--what", "matrix", "--mode", "heat", "-o", bad);

    assert_usage_error (run);
    g_assert_nonnull (strstr (run->err, "heat"));
    g_assert_nonnull (strstr (run->err, "temperature"));
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  }
}

/* The matrix as PDF in a heat-map mode: every one of the twelve header
 * labels and the mode's legend are real text, and every font is embedded */
static void
test_export_mode_pdf (Fixture       *fixture,
                      gconstpointer  data)
{
  const char * const langs[] = { "en", "zh_CN" };
  const char * const modes[][2] = { { "current", "Current Score" }, { "gap", "Gap" }, { "evidence", "Evidence Count" } };
  g_autofree char *pdffonts = g_find_program_in_path ("pdffonts");

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autofree char *name = g_strdup_printf ("%s.touchloop", langs[l]);
      g_autofree char *doc = tl_test_fixture_path (fixture, name);
      g_autoptr(TlDocument) labels = tl_template_new_o2o (langs[l]);

      new_scored_document (doc, langs[l]);

      for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
        {
          g_autofree char *pdf_name = g_strdup_printf ("%s-%s.pdf", langs[l], modes[m][0]);
          g_autofree char *pdf = tl_test_fixture_path (fixture, pdf_name);
          g_autoptr(Run) run = run_cli ("export", doc, "--what", "matrix", "--mode", modes[m][0], "-o", pdf);
          g_autofree char *text = NULL;
          guint n_labels = 0;

          assert_ok (run);
          text = pdf_text (pdf);
          if (text == NULL)
            {
              g_test_skip ("pdftotext is not installed");
              return;
            }

          for (guint a = 0; a < 2; a++)
            {
              GListModel *headers = a == 0 ? tl_document_get_layers (labels) : tl_document_get_types (labels);

              for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
                {
                  g_autoptr(TlMatrixHeader) header = g_list_model_get_item (headers, i);

                  if (strstr (text, tl_matrix_header_get_label (header)) == NULL)
                    g_error ("“%s” is not text in the %s %s PDF: %s", tl_matrix_header_get_label (header),
                             langs[l], modes[m][0], text);
                  n_labels++;
                }
            }
          g_assert_cmpuint (n_labels, ==, 12);
          /* the legend names the mode (the user interface is in English here) */
          if (strstr (text, modes[m][1]) == NULL)
            g_error ("the %s PDF's legend does not say “%s”: %s", modes[m][0], modes[m][1], text);

          if (pdffonts != NULL)
            {
              const char *argv[] = { pdffonts, pdf, NULL };
              g_autofree char *out = NULL;
              g_auto(GStrv) lines = NULL;
              g_autoptr(GError) error = NULL;
              int status = 0;
              guint n_fonts = 0;

              g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                            &out, NULL, &status, &error);
              g_assert_no_error (error);
              g_assert_true (g_spawn_check_wait_status (status, NULL));
              /* name type encoding emb sub uni object ID: skip the two
               * heading lines; "emb" is the fourth column from the end */
              lines = g_strsplit (out, "\n", -1);
              for (guint i = 2; lines[i] != NULL; i++)
                {
                  g_auto(GStrv) fields = g_regex_split_simple ("\\s+", g_strstrip (lines[i]), 0, 0);
                  guint n = g_strv_length (fields);

                  if (n < 6)
                    continue;
                  if (g_strcmp0 (fields[n - 5], "yes") != 0)
                    g_error ("a font is not embedded in %s: %s", pdf, lines[i]);
                  n_fonts++;
                }
              g_assert_cmpuint (n_fonts, >, 0);
            }
        }
    }
}

static void
test_export_scale_and_background (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *doc = tl_test_fixture_path (fixture, "doc.touchloop");
  g_autofree char *natural = tl_test_fixture_path (fixture, "natural.png");
  g_autofree char *scaled = tl_test_fixture_path (fixture, "scaled.png");
  g_autofree char *clear = tl_test_fixture_path (fixture, "clear.png");
  g_autofree char *white = tl_test_fixture_path (fixture, "white.png");
  g_autofree char *white_svg = tl_test_fixture_path (fixture, "white.svg");
  const char *whats[] = { "diagram", "matrix" };

  new_document (doc, "en");

  for (guint w = 0; w < G_N_ELEMENTS (whats); w++)
    {
      g_autoptr(Run) r1 = run_cli ("export", doc, "--what", whats[w], "-o", natural);
      g_autoptr(Run) r2 = run_cli ("export", doc, "--what", whats[w], "-o", scaled, "--scale", "2");
      g_autoptr(Run) r3 = run_cli ("export", doc, "--what", whats[w], "-o", clear,
                                   "--background", "transparent", "--theme", "dark");
      g_autoptr(Run) r4 = run_cli ("export", doc, "--what", whats[w], "-o", white,
                                   "--background", "white", "--theme", "dark", "--scale", "0.5");
      g_autoptr(Run) r5 = run_cli ("export", doc, "--what", whats[w], "-o", white_svg,
                                   "--background", "white");
      cairo_surface_t *natural_png, *scaled_png, *clear_png, *white_png;

      g_assert_cmpint (r1->status, ==, 0);
      g_assert_cmpint (r2->status, ==, 0);
      g_assert_cmpint (r3->status, ==, 0);
      g_assert_cmpint (r4->status, ==, 0);
      g_assert_cmpint (r5->status, ==, 0);

      natural_png = load_png (natural);
      scaled_png = load_png (scaled);
      clear_png = load_png (clear);
      white_png = load_png (white);

      g_assert_cmpint (cairo_image_surface_get_width (scaled_png), ==,
                       2 * cairo_image_surface_get_width (natural_png));
      g_assert_cmpint (cairo_image_surface_get_height (scaled_png), ==,
                       2 * cairo_image_surface_get_height (natural_png));
      g_assert_cmpint (2 * cairo_image_surface_get_width (white_png), ==,
                       cairo_image_surface_get_width (natural_png));

      g_assert_cmphex (png_pixel (natural_png, 0, 0) >> 24, ==, 0xff);
      g_assert_cmphex (png_pixel (clear_png, 0, 0) >> 24, ==, 0);
      g_assert_cmphex (png_pixel (white_png, 0, 0), ==, 0xffffffff);

      cairo_surface_destroy (natural_png);
      cairo_surface_destroy (scaled_png);
      cairo_surface_destroy (clear_png);
      cairo_surface_destroy (white_png);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* for the test's own messages; the tool gets its locale from env */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tl/cli/" path, Fixture, NULL, tl_test_fixture_setup, func, tl_test_fixture_teardown)

  g_test_add_func ("/tl/cli/help", test_help);
  g_test_add_func ("/tl/cli/version", test_version);
  ADD ("usage-errors", test_usage_errors);
  ADD ("new/o2o", test_new_o2o);
  ADD ("new/blank", test_new_blank);
  ADD ("new/title-and-language", test_new_title_and_language);
  ADD ("new/refuses-existing", test_new_refuses_existing);
  ADD ("new/force-failure-keeps-old", test_new_force_failure_keeps_old);
  ADD ("info/bad-input", test_info_bad_input);
  ADD ("info/summary", test_info_summary);
  ADD ("info/scores-and-feedback", test_info_scores_and_feedback);
  ADD ("read-only", test_read_only);
  ADD ("info/older-version", test_older_version);
  ADD ("validate", test_validate);
  ADD ("export/formats", test_export_formats);
  ADD ("export/width-and-theme", test_export_width_and_theme);
  ADD ("export/bad-output", test_export_bad_output);
  ADD ("export/projector", test_export_projector);
  ADD ("export/scale-and-background", test_export_scale_and_background);
  ADD ("export/modes", test_export_modes);
  ADD ("export/mode-pdf", test_export_mode_pdf);
  /* last: it fails (without aborting) until the catalogue has the message */
  ADD ("i18n/translated-message", test_translated_message);

#undef ADD

  return g_test_run ();
}
