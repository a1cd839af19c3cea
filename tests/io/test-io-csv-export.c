/* test-io-csv-export.c: feedback exported as CSV (BOM, CRLF, quoting,
 * formula neutralisation) and imported back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-csv-export.h"
#include "tl-csv-reader.h"
#include "tl-import.h"
#include "test-util.h"

static void
test_cells (void)
{
  static const struct {
    const char *value;
    const char *cell;
  } cases[] = {
    { "plain", "plain" },
    { "好吃", "好吃" },
    { "a, b", "\"a, b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\ronly", "\"cr\ronly\"" },
    { "=1+1", "'=1+1" },
    { "+86 138", "'+86 138" },
    { "-2", "'-2" },
    { "@SUM(A1)", "'@SUM(A1)" },
    { "\tindent", "'\tindent" },
    { "\rstart", "\"'\rstart\"" },
    { "=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"" },
    { "a=b", "a=b" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      tl_csv_append_cell (out, cases[i].value, ',');
      g_assert_cmpstr (out->str, ==, cases[i].cell);
    }

  g_assert_true (tl_csv_value_is_formula_like ("=x"));
  g_assert_false (tl_csv_value_is_formula_like ("x="));
  g_assert_false (tl_csv_value_is_formula_like (NULL));
}

typedef struct {
  const char *text;
  const char *date;
  const char *source;
  char        stage;
  double      rating;   /* 0: none */
  const char *original;
  const char *respondent;
  const char *tags;
  const char *phase;
  const char *links[4];
} ItemDef;

static const ItemDef items[] = {
  { "=cmd|' /C calc'!A0", "2026-03-20", "WeChat", 'C', 1, "1", "@attacker", "=x, y", "purchase",
    { "station:order", NULL } },
  { "送得很快，\n包装也好，\"点赞\"", "2026-03-21T12:30:00", "美团外卖", 'D', 5, "10", "会员 4420",
    "速度, 包装", "delivery", { "station:logistics", "cell:space/sense", "loop:loop2", NULL } },
  { "-2 stars, never again", "2026-03-22", "Google Maps", 'A', 1.5, "-2", NULL, NULL, "after-sales",
    { NULL } },
  { "plain text", NULL, NULL, '\0', 0, NULL, NULL, NULL, NULL, { NULL } },
  { "+plus, and a comma", "2026-03-23", "+source", 'F', 3.25, NULL, "-dash", NULL, NULL,
    { "cell:people/feel", NULL } },
};

static TlStore *
make_store (const char *dir,
            const char *name)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  TlStore *store = tl_store_create (path, document, &error);

  g_assert_no_error (error);
  return store;
}

static void
fill (TlStore *store)
{
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      const ItemDef *def = &items[i];
      g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
      g_autoptr(GError) error = NULL;

      tl_feedback_item_set_text (item, def->text);
      tl_feedback_item_set_date (item, def->date);
      tl_feedback_item_set_source (item, def->source);
      tl_feedback_item_set_stage (item, def->stage);
      if (def->rating > 0)
        tl_feedback_item_set_rating (item, def->rating);
      tl_feedback_item_set_rating_original (item, def->original);
      tl_feedback_item_set_respondent (item, def->respondent);
      tl_feedback_item_set_tags (item, def->tags);
      tl_feedback_item_set_phase (item, def->phase);
      tl_feedback_item_set_links (item, def->links);
      g_assert_cmpint (tl_store_add_feedback (store, item, &error), >, 0);
      g_assert_no_error (error);
    }
}

static GPtrArray *
fetch_all (TlStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = tl_store_list_feedback_ids (store, &error);
  GPtrArray *all = tl_store_fetch_feedback (store, (const gint64 *) (gpointer) ids->data, ids->len, &error);

  g_assert_no_error (error);
  return all;
}

static TlFeedbackItem *
find (GPtrArray  *all,
      const char *text)
{
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (tl_feedback_item_get_text (all->pdata[i]), text) == 0)
      return all->pdata[i];
  g_assert_not_reached ();
  return NULL;
}

static void
assert_same_links (const char * const *a,
                   const char * const *b)
{
  guint na = a != NULL ? g_strv_length ((char **) a) : 0;
  guint nb = b != NULL ? g_strv_length ((char **) b) : 0;

  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    g_assert_true (g_strv_contains (b, a[i]));
}

static void
test_export (void)
{
  g_autofree char *dir = tl_test_make_tmpdir ("tl-csv-export-XXXXXX");
  g_autofree char *out_path = g_build_filename (dir, "feedback.csv", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(TlStore) store = make_store (dir, "a.touchloop");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  guint64 written = 0;
  g_auto(GStrv) records = NULL;

  fill (store);
  g_assert_true (tl_csv_export_feedback (store, NULL, out, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, G_N_ELEMENTS (items));

  g_assert_true (g_file_get_contents (out_path, &contents, &length, &error));
  /* UTF-8 with a BOM, a header, CRLF after every record */
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf" "id,date,text,source,stage,rating (1-5),"
                                             "rating_original,respondent,tags,phase,links\r\n"));
  g_assert_true (g_str_has_suffix (contents, "\r\n"));
  g_assert_true (g_utf8_validate (contents + 3, length - 3, NULL));

  /* No cell starts with what a spreadsheet would run */
  g_assert_nonnull (strstr (contents, ",'=cmd|' /C calc'!A0,"));
  g_assert_nonnull (strstr (contents, ",'@attacker,"));
  g_assert_nonnull (strstr (contents, ",\"'=x, y\","));
  g_assert_nonnull (strstr (contents, ",'-2,"));
  g_assert_nonnull (strstr (contents, ",'+source,"));
  g_assert_nonnull (strstr (contents, ",'-dash,"));
  g_assert_nonnull (strstr (contents, "\"送得很快，\n包装也好，\"\"点赞\"\"\""));
  /* the links of an item in one cell, "; " between them */
  {
    const char *links = strstr (contents, "station:logistics");
    const char *end = links != NULL ? strstr (links, "\r\n") : NULL;
    g_autofree char *cell = NULL;

    g_assert_nonnull (end);
    cell = g_strndup (links, end - links);
    g_assert_nonnull (strstr (cell, "loop:loop2"));
    g_assert_nonnull (strstr (cell, "cell:space/sense"));
    g_assert_nonnull (strstr (cell, "; "));
  }

  /* Read by the reader: every record has the header's 11 cells, and no
   * cell begins with = + - @ tab or CR */
  {
    g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (g_memdup2 (contents, length), length, g_free);
    g_autoptr(TlCsvReader) reader = tl_csv_reader_new (stream, TL_TEXT_ENCODING_AUTO, 0, length);
    const TlCsvRow *row;
    guint n = 0;

    while ((row = tl_csv_reader_read_row (reader, NULL, &error)) != NULL)
      {
        g_assert_cmpuint (row->n_fields, ==, 11);
        g_assert_cmpint (row->problem, ==, TL_CSV_ROW_OK);
        for (guint i = 0; i < row->n_fields; i++)
          g_assert_false (tl_csv_value_is_formula_like (row->fields[i]));
        n++;
      }
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 1 + G_N_ELEMENTS (items));
    g_assert_true (tl_csv_reader_get_had_bom (reader));
    g_assert_cmpint (tl_csv_reader_get_delimiter (reader), ==, ',');
  }

  records = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (records), ==, G_N_ELEMENTS (items) + 2);

  /* Export over an existing file replaces it */
  g_assert_true (tl_csv_export_feedback (store, NULL, out, NULL, NULL, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  tl_test_rm_rf (dir);
}

static void
test_round_trip (void)
{
  g_autofree char *dir = tl_test_make_tmpdir ("tl-csv-export-XXXXXX");
  g_autofree char *out_path = g_build_filename (dir, "feedback.csv", NULL);
  g_autofree char *mappings = g_build_filename (dir, "mappings.ini", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(TlStore) store = make_store (dir, "a.touchloop");
  g_autoptr(TlStore) other = make_store (dir, "b.touchloop");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  fill (store);
  g_assert_true (tl_csv_export_feedback (store, NULL, out, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Into another document: the same items */
  {
    g_autoptr(TlImport) import = tl_import_new_for_file (out);

    tl_import_set_remember_mapping (import, TRUE, mappings);
    g_assert_true (tl_import_run (import, other, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (tl_import_report_get_n_imported (tl_import_get_report (import)), ==, G_N_ELEMENTS (items));
    g_assert_cmpint (tl_import_report_get_rating_scale (tl_import_get_report (import)), ==, TL_RATING_SCALE_1_5);
  }

  before = fetch_all (store);
  after = fetch_all (other);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      TlFeedbackItem *a = find (before, items[i].text);
      TlFeedbackItem *b = find (after, items[i].text);

      g_assert_cmpstr (tl_feedback_item_get_date (b), ==, tl_feedback_item_get_date (a));
      g_assert_cmpstr (tl_feedback_item_get_source (b), ==, tl_feedback_item_get_source (a));
      g_assert_cmpint (tl_feedback_item_get_stage (b), ==, tl_feedback_item_get_stage (a));
      g_assert_cmpint (tl_feedback_item_has_rating (b), ==, tl_feedback_item_has_rating (a));
      if (tl_feedback_item_has_rating (a))
        g_assert_cmpfloat_with_epsilon (tl_feedback_item_get_rating (b), tl_feedback_item_get_rating (a), 1e-9);
      g_assert_cmpstr (tl_feedback_item_get_respondent (b), ==, tl_feedback_item_get_respondent (a));
      g_assert_cmpstr (tl_feedback_item_get_tags (b), ==, tl_feedback_item_get_tags (a));
      g_assert_cmpstr (tl_feedback_item_get_phase (b), ==, tl_feedback_item_get_phase (a));
      assert_same_links (tl_feedback_item_get_links (b), tl_feedback_item_get_links (a));
    }

  /* The imported document exported and imported again: nothing new (the
   * storage layer knows every item by its fingerprint) */
  {
    g_autofree char *again_path = g_build_filename (dir, "again.csv", NULL);
    g_autoptr(GFile) again = g_file_new_for_path (again_path);
    g_autoptr(TlImport) import = tl_import_new_for_file (again);

    g_assert_true (tl_csv_export_feedback (other, NULL, again, NULL, NULL, &error));
    g_assert_no_error (error);
    tl_import_set_remember_mapping (import, FALSE, NULL);
    g_assert_true (tl_import_run (import, other, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (tl_import_report_get_n_imported (tl_import_get_report (import)), ==, 0);
    g_assert_cmpuint (tl_import_report_get_n_duplicates (tl_import_get_report (import)), ==, G_N_ELEMENTS (items));
    g_assert_cmpint (tl_store_count_feedback (other), ==, G_N_ELEMENTS (items));
  }

  g_clear_object (&store);
  g_clear_object (&other);
  tl_test_rm_rf (dir);
}

static void
test_empty_and_query (void)
{
  g_autofree char *dir = tl_test_make_tmpdir ("tl-csv-export-XXXXXX");
  g_autofree char *out_path = g_build_filename (dir, "feedback.csv", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(TlStore) store = make_store (dir, "a.touchloop");
  g_autoptr(TlFeedbackQuery) query = tl_feedback_query_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  guint64 written = 99;

  /* Nothing yet: the header alone */
  g_assert_true (tl_csv_export_feedback (store, NULL, out, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, 0);
  g_assert_true (g_file_get_contents (out_path, &contents, NULL, NULL));
  g_assert_true (g_str_has_suffix (contents, "links\r\n"));

  fill (store);
  query->stages = TL_STAGE_BIT ('C') | TL_STAGE_BIT ('D');
  g_assert_true (tl_csv_export_feedback (store, query, out, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, 2);

  g_clear_object (&store);
  tl_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tl/io/csv-export/cells", test_cells);
  g_test_add_func ("/tl/io/csv-export/export", test_export);
  g_test_add_func ("/tl/io/csv-export/round-trip", test_round_trip);
  g_test_add_func ("/tl/io/csv-export/empty-and-query", test_empty_and_query);

  return g_test_run ();
}
