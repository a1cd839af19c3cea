/* test-cli-feedback.c: touchloop-cli import, search and export --what
 * feedback, run as a user would ($TL_CLI) in a temporary directory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "test-util.h"

typedef struct {
  int   status;
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

typedef struct {
  char *dir;
  char *doc;
  char *config;   /* XDG_CONFIG_HOME of the runs: remembered mappings */
} Fixture;

static char *
bytes_to_string (GBytes *bytes)
{
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  return g_strndup (data != NULL ? data : "", size);
}

static Run *
run_cli (Fixture            *fixture,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("TL_CLI");
  Run *run = g_new0 (Run, 1);

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_cwd (launcher, fixture->dir);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", fixture->config, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  run->out = bytes_to_string (out);
  run->err = bytes_to_string (err);
  return run;
}

#define RUN(fixture, ...) run_cli (fixture, (const char * const[]) { __VA_ARGS__, NULL })

static void
assert_one_line (const char *err)
{
  g_assert_true (g_str_has_prefix (err, "touchloop-cli: "));
  g_assert_true (g_str_has_suffix (err, "\n"));
  /* and only that line */
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(Run) run = NULL;

  fixture->dir = tl_test_make_tmpdir ("tl-cli-feedback-XXXXXX");
  fixture->doc = g_build_filename (fixture->dir, "doc.touchloop", NULL);
  fixture->config = g_build_filename (fixture->dir, "config", NULL);
  run = RUN (fixture, "new", fixture->doc, "--lang", "zh_CN");
  g_assert_cmpint (run->status, ==, 0);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  tl_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->doc);
  g_free (fixture->config);
}

static char *
write_data (Fixture    *fixture,
            const char *name,
            const void *data,
            gssize      length)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  tl_test_write_file (path, data, length);
  return path;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static gint64
feedback_count (Fixture *fixture)
{
  g_autoptr(Run) run = RUN (fixture, "info", fixture->doc, "--json");
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpint (run->status, ==, 0);
  root = parse_json (run->out);
  return json_object_get_int_member (json_object_get_object_member (json_node_get_object (root), "feedback"),
                                     "count");
}

static const char good_csv[] =
  "内容,日期,渠道,顾客阶段,评分（1-5）,标签,站点\r\n"
  "送得很快，包装也好,2026-03-24,美团,会员,5,速度,云物流\r\n"
  "\"汤洒了，\n骑手态度差\",2026/3/25,饿了么,顾客,1,\"配送, 态度\",口碑\r\n"
  "=1+1 is not a formula,24.03.2026,@weibo,C,3,,\r\n";

/* ---- import ----------------------------------------------------------- */

static void
test_import_text (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *csv = write_data (fixture, "good.csv", good_csv, -1);
  g_autoptr(Run) run = RUN (fixture, "import", fixture->doc, csv);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_nonnull (strstr (run->out, "Import of “good.csv” (UTF-8, comma-separated, ratings on the scale 1–5)"));
  g_assert_nonnull (strstr (run->out, "Rows read:"));
  g_assert_nonnull (strstr (run->out, "Every row was imported."));
  g_assert_cmpint (feedback_count (fixture), ==, 3);

  /* Again: nothing new, and it says so */
  {
    g_autoptr(Run) again = RUN (fixture, "import", fixture->doc, csv, "--json");
    g_autoptr(JsonNode) root = NULL;
    JsonObject *object;

    g_assert_cmpint (again->status, ==, 0);
    root = parse_json (again->out);
    object = json_node_get_object (root);
    g_assert_cmpint (json_object_get_int_member (object, "rows"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (object, "imported"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (object, "duplicates"), ==, 3);
    g_assert_cmpint (feedback_count (fixture), ==, 3);
  }
}

static void
test_import_json (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *csv = write_data (fixture, "good.csv", good_csv, -1);
  g_autoptr(Run) run = RUN (fixture, "import", fixture->doc, csv, "--json");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  static const char * const members[] = {
    "file", "encoding", "delimiter", "rating_scale", "status", "dry_run", "rows", "imported",
    "duplicates", "skipped", "problems", "more_problems", "message",
  };

  g_assert_cmpint (run->status, ==, 0);
  root = parse_json (run->out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  object = json_node_get_object (root);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (object, members[i]));
  g_assert_cmpstr (json_object_get_string_member (object, "file"), ==, "good.csv");
  g_assert_cmpstr (json_object_get_string_member (object, "encoding"), ==, "utf-8");
  g_assert_cmpstr (json_object_get_string_member (object, "rating_scale"), ==, "1-5");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "imported");
  g_assert_cmpint (json_object_get_int_member (object, "imported"), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "problems")), ==, 0);
}

static const char bad_csv[] =
  "text,date,stage,rating\n"
  "fine,2026-03-01,C,4\n"
  "bad date,yesterday,C,4\n"
  "bad stage,2026-03-02,Q,4\n"
  "\"never closed,2026-03-03,C,4\n"
  "swallowed,2026-03-04,C,4\n";

static void
test_import_bad_rows (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *csv = write_data (fixture, "bad.csv", bad_csv, -1);
  g_autoptr(GBytes) before = tl_test_read_file (fixture->doc);

  {
    g_autoptr(Run) run = RUN (fixture, "import", fixture->doc, csv);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_line (run->err);
    g_assert_nonnull (strstr (run->err, "Nothing was imported: 3 rows cannot be used"));
    /* the report on stdout, with each row */
    g_assert_nonnull (strstr (run->out, "Row 3, column “date”"));
    g_assert_nonnull (strstr (run->out, "Row 4, column “stage”"));
    g_assert_nonnull (strstr (run->out, "Row 5, column “text”"));
    g_assert_nonnull (strstr (run->out, "line 5"));
    tl_test_assert_file_bytes (fixture->doc, before);
  }
  {
    g_autoptr(Run) run = RUN (fixture, "import", fixture->doc, csv, "--json");
    g_autoptr(JsonNode) root = NULL;
    JsonObject *object;
    JsonArray *problems;

    g_assert_cmpint (run->status, ==, 1);
    root = parse_json (run->out);
    object = json_node_get_object (root);
    g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "refused");
    g_assert_cmpint (json_object_get_int_member (object, "imported"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (object, "skipped"), ==, 3);
    problems = json_object_get_array_member (object, "problems");
    g_assert_cmpuint (json_array_get_length (problems), ==, 3);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (problems, 2), "row"), ==, 5);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (problems, 2), "line"), ==, 5);
    tl_test_assert_file_bytes (fixture->doc, before);
  }
  {
    g_autoptr(Run) run = RUN (fixture, "import", fixture->doc, csv, "--skip-bad-rows");

    g_assert_cmpint (run->status, ==, 0);
    g_assert_nonnull (strstr (run->out, "the rows listed above were left out"));
    g_assert_cmpint (feedback_count (fixture), ==, 1);
  }
}

static void
test_import_dry_run (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *csv = write_data (fixture, "good.csv", good_csv, -1);
  g_autoptr(GBytes) before = tl_test_read_file (fixture->doc);
  g_autoptr(Run) run = RUN (fixture, "import", fixture->doc, csv, "--dry-run", "--json");
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpint (run->status, ==, 0);
  root = parse_json (run->out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "status"), ==, "dry-run");
  g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "dry_run"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "imported"), ==, 3);
  tl_test_assert_file_bytes (fixture->doc, before);

  {
    g_autoptr(Run) text = RUN (fixture, "import", fixture->doc, csv, "-n");

    g_assert_cmpint (text->status, ==, 0);
    g_assert_nonnull (strstr (text->out, "Would be imported:"));
    g_assert_nonnull (strstr (text->out, "dry run"));
    tl_test_assert_file_bytes (fixture->doc, before);
  }
  /* Nothing remembered from a dry run */
  g_assert_false (g_file_test (fixture->config, G_FILE_TEST_EXISTS));
}

static void
test_import_encodings (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char tsv[] = "评论\t评分\n很好吃\t9\n太咸了\t2\n一般般\t6\n";
  g_autoptr(GError) error = NULL;
  gsize n = 0;
  g_autofree char *gb = g_convert (tsv, -1, "GB18030", "UTF-8", NULL, &n, &error);
  g_autofree char *gb_path = write_data (fixture, "gb.tsv", gb, n);
  g_autofree char *le = g_convert (tsv, -1, "UTF-16LE", "UTF-8", NULL, &n, &error);
  g_autofree char *le_bom = g_malloc (n + 2);
  g_autofree char *le_path = NULL;

  memcpy (le_bom, "\xff\xfe", 2);
  memcpy (le_bom + 2, le, n);
  le_path = write_data (fixture, "unicode.txt", le_bom, n + 2);

  {
    g_autoptr(Run) run = RUN (fixture, "import", fixture->doc, gb_path, "--json", "--scale", "0-10");
    g_autoptr(JsonNode) root = NULL;

    g_assert_cmpint (run->status, ==, 0);
    root = parse_json (run->out);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "encoding"), ==, "gb18030");
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "delimiter"), ==, "\t");
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "rating_scale"), ==, "0-10");
  }
  /* Told the encoding; the same rows are there already */
  {
    g_autoptr(Run) run = RUN (fixture, "import", fixture->doc, le_path, "--json", "--encoding", "utf-16",
                              "--scale", "0-10");
    g_autoptr(JsonNode) root = NULL;

    g_assert_cmpint (run->status, ==, 0);
    root = parse_json (run->out);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "encoding"), ==, "utf-16le");
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "duplicates"), ==, 3);
  }
  /* Told the wrong one: it says so */
  {
    g_autoptr(Run) run = RUN (fixture, "import", fixture->doc, gb_path, "--encoding", "utf-8");

    g_assert_cmpint (run->status, ==, 1);
    assert_one_line (run->err);
    g_assert_nonnull (strstr (run->err, "not UTF-8 text"));
  }
  g_assert_cmpint (feedback_count (fixture), ==, 3);
}

static void
test_import_map (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char csv[] = "id,what they said,score\n1,fast and hot,+2\n2,cold soup,-1\n";
  static const char csv2[] = "id,what they said,score\n3,great,0\n";
  g_autofree char *path = write_data (fixture, "mapped.csv", csv, -1);
  g_autofree char *path2 = write_data (fixture, "mapped-2.csv", csv2, -1);

  {
    g_autoptr(Run) run = RUN (fixture, "import", fixture->doc, path, "--map", "what they said=text",
                              "--map", "3=rating", "--json");
    g_autoptr(JsonNode) root = NULL;

    g_assert_cmpint (run->status, ==, 0);
    root = parse_json (run->out);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "rating_scale"), ==, "-2-2");
  }
  /* The mapping was remembered for this header */
  {
    g_autoptr(Run) run = RUN (fixture, "import", fixture->doc, path2, "--json");
    g_autoptr(JsonNode) root = NULL;

    g_assert_cmpint (run->status, ==, 0);
    root = parse_json (run->out);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "imported"), ==, 1);
  }
  {
    g_autoptr(Run) run = RUN (fixture, "search", fixture->doc, "soup", "--json");
    g_autoptr(JsonNode) root = NULL;
    JsonObject *item;

    root = parse_json (run->out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
    item = json_array_get_object_element (json_node_get_array (root), 0);
    /* −1 of −2…+2 on the document's 1–5 */
    g_assert_cmpfloat (json_object_get_double_member (item, "rating"), ==, 2);
  }
  /* A column that is not there: the columns it has, exit 1 */
  {
    g_autoptr(Run) run = RUN (fixture, "import", fixture->doc, path, "--map", "comment=text");

    g_assert_cmpint (run->status, ==, 1);
    assert_one_line (run->err);
    g_assert_nonnull (strstr (run->err, "“what they said”"));
  }
}

static void
test_import_usage (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *csv = write_data (fixture, "good.csv", good_csv, -1);
  const char * const *usage[] = {
    (const char * const[]) { "import", NULL },
    (const char * const[]) { "import", "doc.touchloop", NULL },
    (const char * const[]) { "import", "doc.touchloop", "good.csv", "extra", NULL },
    (const char * const[]) { "import", "doc.touchloop", "good.csv", "--encoding", "latin1", NULL },
    (const char * const[]) { "import", "doc.touchloop", "good.csv", "--scale", "1-6", NULL },
    (const char * const[]) { "import", "doc.touchloop", "good.csv", "--map", "text", NULL },
    (const char * const[]) { "import", "doc.touchloop", "good.csv", "--map", "内容=colour", NULL },
    (const char * const[]) { "import", "doc.touchloop", "good.csv", "--delimiter", "pipe", NULL },
    (const char * const[]) { "import", "doc.touchloop", "good.csv", "--bogus", NULL },
  };

  /* the files are there: the usage is what is wrong */
  g_assert_true (g_file_test (csv, G_FILE_TEST_IS_REGULAR));
  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      g_autoptr(Run) run = run_cli (fixture, usage[i]);

      g_assert_cmpint (run->status, ==, 2);
      g_assert_nonnull (strstr (run->err, "touchloop-cli import --help"));
    }

  {
    g_autoptr(Run) help = RUN (fixture, "import", "--help");

    g_assert_cmpint (help->status, ==, 0);
    g_assert_nonnull (strstr (help->out, "--skip-bad-rows"));
    g_assert_nonnull (strstr (help->out, "--dry-run"));
  }
  g_assert_cmpint (feedback_count (fixture), ==, 0);
}

static void
test_import_bad_files (Fixture       *fixture,
                       gconstpointer  data)
{
  static const guint8 xlsx[] = { 'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 0x21, 0, '[', 'C', 'o', 'n', 't' };
  g_autofree char *workbook = write_data (fixture, "survey.csv", xlsx, sizeof xlsx);
  g_autofree char *empty = write_data (fixture, "empty.csv", "", 0);
  g_autofree char *header = write_data (fixture, "header.csv", "text,date\n", -1);
  g_autoptr(GBytes) before = tl_test_read_file (fixture->doc);
  struct {
    const char *path;
    const char *message;
  } cases[] = {
    { workbook, "does not look like text" },
    { empty, "empty" },
    { header, "no rows" },
    { "missing.csv", "does not exist" },
    { fixture->dir, "folder" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Run) run = RUN (fixture, "import", fixture->doc, cases[i].path);

      g_assert_cmpint (run->status, ==, 1);
      assert_one_line (run->err);
      g_assert_nonnull (strstr (run->err, cases[i].message));
      g_assert_cmpstr (run->out, ==, "");
      tl_test_assert_file_bytes (fixture->doc, before);
    }

  /* Not a document */
  {
    g_autoptr(Run) run = RUN (fixture, "import", empty, empty);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_line (run->err);
  }
}

/* ---- search ----------------------------------------------------------- */

static char *
many_rows (guint n)
{
  GString *csv = g_string_new ("text,date,source,stage,rating,station\n");
  static const char * const words[] = { "骑手很快", "包装破了", "味道好", "送餐慢", "骑 手" };
  static const char * const sources[] = { "美团", "饿了么" };

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "第%u条：%s delivery %u,2026-01-%02u,%s,%c,%u,%s\n",
                            i, words[i % G_N_ELEMENTS (words)], i, 1 + i % 28,
                            sources[i % 2], 'A' + i % 6, 1 + i % 5, i % 3 ? "口碑" : "");
  return g_string_free (csv, FALSE);
}

static void
test_search_json (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *rows = many_rows (120);
  g_autofree char *csv = write_data (fixture, "many.csv", rows, -1);
  g_autoptr(Run) import = RUN (fixture, "import", fixture->doc, csv);
  static const char * const keys[] = { "id", "text", "date", "source", "stage", "rating", "links", NULL };

  g_assert_cmpint (import->status, ==, 0);

  /* default limit: 50 */
  {
    g_autoptr(Run) run = RUN (fixture, "search", fixture->doc, "delivery", "--json");
    g_autoptr(JsonNode) root = NULL;
    JsonArray *array;
    const char *previous_date = NULL;

    g_assert_cmpint (run->status, ==, 0);
    root = parse_json (run->out);
    g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
    array = json_node_get_array (root);
    g_assert_cmpuint (json_array_get_length (array), ==, 50);

    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *item = json_array_get_object_element (array, i);
        g_autoptr(GList) members = json_object_get_members (item);
        JsonNode *stage = json_object_get_member (item, "stage");
        JsonArray *links = json_object_get_array_member (item, "links");
        const char *date = json_object_get_string_member (item, "date");

        g_assert_cmpuint (g_list_length (members), ==, g_strv_length ((char **) keys));
        for (guint k = 0; keys[k] != NULL; k++)
          g_assert_true (json_object_has_member (item, keys[k]));
        g_assert_cmpint (json_node_get_value_type (json_object_get_member (item, "id")), ==, G_TYPE_INT64);
        g_assert_true (JSON_NODE_HOLDS_NULL (stage) ||
                       (strlen (json_node_get_string (stage)) == 1 &&
                        json_node_get_string (stage)[0] >= 'A' && json_node_get_string (stage)[0] <= 'F'));
        g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (item, "rating")));
        for (guint l = 0; l < json_array_get_length (links); l++)
          {
            JsonObject *link = json_array_get_object_element (links, l);

            g_assert_cmpstr (json_object_get_string_member (link, "kind"), ==, "station");
            g_assert_cmpstr (json_object_get_string_member (link, "id"), ==, "wom");
          }
        /* newest first */
        if (previous_date != NULL)
          g_assert_cmpstr (previous_date, >=, date);
        previous_date = date;
      }
  }

  {
    g_autoptr(Run) run = RUN (fixture, "search", fixture->doc, "delivery", "--json", "--limit", "3",
                              "--stage", "顾客", "--source", "美团");
    g_autoptr(JsonNode) root = NULL;
    JsonArray *array;

    g_assert_cmpint (run->status, ==, 0);
    root = parse_json (run->out);
    array = json_node_get_array (root);
    g_assert_cmpuint (json_array_get_length (array), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        JsonObject *item = json_array_get_object_element (array, i);

        g_assert_cmpstr (json_object_get_string_member (item, "stage"), ==, "C");
        g_assert_cmpstr (json_object_get_string_member (item, "source"), ==, "美团");
      }
  }

  {
    g_autoptr(Run) run = RUN (fixture, "search", fixture->doc, "nothing like this", "--json");

    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpstr (g_strstrip (run->out), ==, "[]");
  }
  {
    g_autoptr(Run) run = RUN (fixture, "search", fixture->doc, "nothing like this");

    g_assert_cmpint (run->status, ==, 0);
    g_assert_nonnull (strstr (run->out, "No feedback contains"));
  }
}

/* 1, 2 and 3+ characters, Chinese and English, against a scan of the rows */
static void
test_search_lengths (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *rows = many_rows (200);
  g_autofree char *csv = write_data (fixture, "many.csv", rows, -1);
  g_autoptr(Run) import = RUN (fixture, "import", fixture->doc, csv);
  g_auto(GStrv) lines = g_strsplit (rows, "\n", -1);
  static const char * const queries[] = { "骑", "骑手", "骑手很", "送餐慢", "d", "DE", "delivery 1", "第1", "很快", "x" };

  g_assert_cmpint (import->status, ==, 0);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(Run) run = RUN (fixture, "search", fixture->doc, queries[q], "--json", "--limit", "0");
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *folded_query = g_utf8_casefold (queries[q], -1);
      guint expected = 0;

      g_assert_cmpint (run->status, ==, 0);
      for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
        {
          g_auto(GStrv) cells = g_strsplit (lines[i], ",", 2);
          g_autofree char *folded = g_utf8_casefold (cells[0], -1);

          expected += strstr (folded, folded_query) != NULL;
        }

      root = parse_json (run->out);
      g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, expected);
    }
}

static void
test_search_usage (Fixture       *fixture,
                   gconstpointer  data)
{
  const char * const *usage[] = {
    (const char * const[]) { "search", NULL },
    (const char * const[]) { "search", "doc.touchloop", NULL },
    (const char * const[]) { "search", "doc.touchloop", "a", "b", NULL },
    (const char * const[]) { "search", "doc.touchloop", "a", "--stage", "G", NULL },
    (const char * const[]) { "search", "doc.touchloop", "a", "--limit", "-1", NULL },
    (const char * const[]) { "search", "doc.touchloop", "a", "--limit", "many", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      g_autoptr(Run) run = run_cli (fixture, usage[i]);

      g_assert_cmpint (run->status, ==, 2);
      g_assert_nonnull (strstr (run->err, "touchloop-cli search --help"));
    }

  {
    g_autoptr(Run) run = RUN (fixture, "search", "missing.touchloop", "a");

    g_assert_cmpint (run->status, ==, 1);
    assert_one_line (run->err);
  }
}

/* ---- export ----------------------------------------------------------- */

static void
test_export_csv (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *csv = write_data (fixture, "good.csv", good_csv, -1);
  g_autofree char *out = g_build_filename (fixture->dir, "out.csv", NULL);
  g_autofree char *second = g_build_filename (fixture->dir, "second.touchloop", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(Run) import = RUN (fixture, "import", fixture->doc, csv);
  g_autoptr(Run) run = RUN (fixture, "export", fixture->doc, "--what", "feedback", "--format", "csv", "-o", out);

  g_assert_cmpint (import->status, ==, 0);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_true (g_file_get_contents (out, &contents, &length, NULL));

  /* UTF-8 with a BOM, CRLF, quoting, formulas neutralised, links */
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf" "id,date,text,"));
  g_assert_nonnull (strstr (contents, "\r\n"));
  for (const char *p = strchr (contents, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    {
      /* every line end outside a quoted cell is CRLF: the one inside
       * "汤洒了，\n骑手态度差" is the cell's own */
      if (p[-1] != '\r')
        g_assert_true (g_str_has_prefix (p + 1, "骑手态度差"));
    }
  g_assert_nonnull (strstr (contents, ",'=1+1 is not a formula,"));
  g_assert_nonnull (strstr (contents, ",'@weibo,"));
  g_assert_nonnull (strstr (contents, "\"汤洒了，\n骑手态度差\""));
  g_assert_nonnull (strstr (contents, "station:logistics"));
  g_assert_nonnull (strstr (contents, "\"配送, 态度\""));

  /* Round trip: into a new document, the same items */
  {
    g_autoptr(Run) create = RUN (fixture, "new", second);
    g_autoptr(Run) back = RUN (fixture, "import", second, out, "--json");
    g_autoptr(Run) a = RUN (fixture, "search", fixture->doc, "", "--json");
    g_autoptr(Run) b = RUN (fixture, "search", second, "", "--json");
    g_autoptr(JsonNode) ra = NULL;
    g_autoptr(JsonNode) rb = NULL;
    JsonArray *aa, *ab;

    g_assert_cmpint (create->status, ==, 0);
    g_assert_cmpint (back->status, ==, 0);
    ra = parse_json (a->out);
    rb = parse_json (b->out);
    aa = json_node_get_array (ra);
    ab = json_node_get_array (rb);
    g_assert_cmpuint (json_array_get_length (aa), ==, 3);
    g_assert_cmpuint (json_array_get_length (ab), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        JsonObject *x = json_array_get_object_element (aa, i);
        JsonObject *y = json_array_get_object_element (ab, i);

        /* the ids differ (a new document), nothing else */
        json_object_remove_member (x, "id");
        json_object_remove_member (y, "id");
        g_assert_true (json_node_equal (json_array_get_element (aa, i), json_array_get_element (ab, i)));
      }
  }

  /* Not a picture format */
  {
    g_autoptr(Run) png = RUN (fixture, "export", fixture->doc, "--what", "feedback", "--format", "png", "-o", out);
    g_autoptr(Run) noext = RUN (fixture, "export", fixture->doc, "--what", "feedback", "-o", "feedback.txt");
    g_autoptr(Run) ext = RUN (fixture, "export", fixture->doc, "--what", "feedback", "-o", "feedback.csv");
    g_autoptr(Run) self = RUN (fixture, "export", fixture->doc, "--what", "feedback", "--format", "csv",
                               "-o", fixture->doc);

    g_assert_cmpint (png->status, ==, 2);
    g_assert_cmpint (noext->status, ==, 2);
    g_assert_cmpint (ext->status, ==, 0);
    g_assert_cmpint (self->status, ==, 1);
    assert_one_line (self->err);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tl/cli/feedback/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("import-text", test_import_text);
  ADD ("import-json", test_import_json);
  ADD ("import-bad-rows", test_import_bad_rows);
  ADD ("import-dry-run", test_import_dry_run);
  ADD ("import-encodings", test_import_encodings);
  ADD ("import-map", test_import_map);
  ADD ("import-usage", test_import_usage);
  ADD ("import-bad-files", test_import_bad_files);
  ADD ("search-json", test_search_json);
  ADD ("search-lengths", test_search_lengths);
  ADD ("search-usage", test_search_usage);
  ADD ("export-csv", test_export_csv);

#undef ADD

  return g_test_run ();
}
