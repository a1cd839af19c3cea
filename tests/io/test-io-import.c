/* test-io-import.c: importing feedback into a document: fields, links,
 * encodings, duplicates, unusable rows, dry runs, cancelling, previews,
 * remembered mappings, and real reviews from the shared data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "tl-csv-export.h"
#include "tl-import.h"
#include "test-util.h"

typedef struct {
  char       *dir;
  char       *path;        /* the document */
  char       *mappings;    /* remembered mappings, private to the test */
  TlStore    *store;
  TlDocument *document;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(GError) error = NULL;

  fixture->dir = tl_test_make_tmpdir ("tl-import-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "doc.touchloop", NULL);
  fixture->mappings = g_build_filename (fixture->dir, "mappings.ini", NULL);
  fixture->store = tl_store_create (fixture->path, document, &error);
  g_assert_no_error (error);
  fixture->document = tl_store_get_document (fixture->store);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  tl_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->mappings);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const void *data,
            gssize      length)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  tl_test_write_file (path, data, length);
  return g_file_new_for_path (path);
}

static GBytes *
convert (const char *utf8,
         const char *charset,
         const char *bom,
         gsize       bom_length)
{
  g_autoptr(GError) error = NULL;
  gsize written = 0;
  g_autofree char *converted = g_convert (utf8, -1, charset, "UTF-8", NULL, &written, &error);
  GByteArray *bytes = g_byte_array_new ();

  g_assert_no_error (error);
  if (bom != NULL)
    g_byte_array_append (bytes, (const guint8 *) bom, bom_length);
  g_byte_array_append (bytes, (const guint8 *) converted, written);
  return g_byte_array_free_to_bytes (bytes);
}

static TlImport *
new_import (Fixture *fixture,
            GFile   *file)
{
  TlImport *import = tl_import_new_for_file (file);

  tl_import_set_remember_mapping (import, TRUE, fixture->mappings);
  return import;
}

/* All items, in list order */
static GPtrArray *
all_items (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = tl_store_list_feedback_ids (fixture->store, &error);
  GPtrArray *items;

  g_assert_no_error (error);
  items = tl_store_fetch_feedback (fixture->store, (const gint64 *) (gpointer) ids->data, ids->len, &error);
  g_assert_no_error (error);
  return items;
}

static TlFeedbackItem *
find_item (GPtrArray  *items,
           const char *text)
{
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (tl_feedback_item_get_text (items->pdata[i]), text) == 0)
      return items->pdata[i];
  g_assert_not_reached ();
  return NULL;
}

static gboolean
has_link (TlFeedbackItem *item,
          const char     *link)
{
  const char * const *links = tl_feedback_item_get_links (item);

  return links != NULL && g_strv_contains (links, link);
}

static const TlImportProblem *
problem_at (TlImportReport *report,
            guint           index)
{
  GPtrArray *problems = tl_import_report_get_problems (report);

  g_assert_cmpuint (index, <, problems->len);
  return problems->pdata[index];
}

/* ---- fields and links ------------------------------------------------- */

static const char full_csv[] =
  "text,date,source,stage,rating,respondent,tags,phase,station,loop,layer,type,links\r\n"
  "Two hours for one latte.,2026-03-24 18:05,饿了么,顾客,1,h**w,late; cold,delivery,云物流,2,,,\r\n"
  "\"Lovely space, \"\"third place\"\"\nwill come back\",24.03.2026,Instagram,E,5,@pages,community,after-sales,口碑,,空间,情感体验,station:order\r\n"
  "Menu is hard to read,2026/3/22,WeChat 小程序,,3,,,,,闭环5,visual,think,\r\n";

static void
test_fields (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "full.csv", full_csv, -1);
  g_autoptr(TlImport) import = new_import (fixture, file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  TlImportReport *report;
  TlFeedbackItem *item;

  g_assert_true (tl_import_run (import, fixture->store, NULL, &error));
  g_assert_no_error (error);

  report = tl_import_get_report (import);
  g_assert_cmpint (tl_import_report_get_status (report), ==, TL_IMPORT_STATUS_IMPORTED);
  g_assert_cmpuint (tl_import_report_get_n_rows (report), ==, 3);
  g_assert_cmpuint (tl_import_report_get_n_imported (report), ==, 3);
  g_assert_cmpuint (tl_import_report_get_n_duplicates (report), ==, 0);
  g_assert_cmpuint (tl_import_report_get_n_skipped (report), ==, 0);
  g_assert_cmpuint (tl_import_report_get_n_problems (report), ==, 0);
  g_assert_cmpint (tl_import_report_get_rating_scale (report), ==, TL_RATING_SCALE_1_5);
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 3);

  items = all_items (fixture);
  item = find_item (items, "Two hours for one latte.");
  g_assert_cmpstr (tl_feedback_item_get_date (item), ==, "2026-03-24T18:05:00");
  g_assert_cmpstr (tl_feedback_item_get_source (item), ==, "饿了么");
  g_assert_cmpint (tl_feedback_item_get_stage (item), ==, 'C');
  g_assert_true (tl_feedback_item_has_rating (item));
  g_assert_cmpfloat (tl_feedback_item_get_rating (item), ==, 1);
  g_assert_cmpstr (tl_feedback_item_get_rating_original (item), ==, "1");
  g_assert_cmpstr (tl_feedback_item_get_respondent (item), ==, "h**w");
  g_assert_cmpstr (tl_feedback_item_get_tags (item), ==, "late, cold");
  g_assert_cmpstr (tl_feedback_item_get_phase (item), ==, "delivery");
  g_assert_true (has_link (item, "station:logistics"));
  g_assert_true (has_link (item, "loop:loop2"));

  item = find_item (items, "Lovely space, \"third place\"\nwill come back");
  g_assert_cmpstr (tl_feedback_item_get_date (item), ==, "2026-03-24");
  g_assert_cmpint (tl_feedback_item_get_stage (item), ==, 'E');
  g_assert_cmpstr (tl_feedback_item_get_phase (item), ==, "after-sales");
  g_assert_true (has_link (item, "station:wom"));
  g_assert_true (has_link (item, "cell:space/feel"));
  g_assert_true (has_link (item, "station:order"));
  g_assert_cmpuint (g_strv_length ((char **) tl_feedback_item_get_links (item)), ==, 3);

  item = find_item (items, "Menu is hard to read");
  g_assert_cmpstr (tl_feedback_item_get_date (item), ==, "2026-03-22");
  g_assert_cmpint (tl_feedback_item_get_stage (item), ==, '\0');
  g_assert_null (tl_feedback_item_get_respondent (item));
  g_assert_true (has_link (item, "loop:loop5"));
  g_assert_true (has_link (item, "cell:visual/think"));

  /* The evidence of what the rows link to is there after the commit */
  g_assert_cmpuint (tl_document_get_evidence (fixture->document, "station", "logistics")->count, ==, 1);
  g_assert_cmpuint (tl_document_get_evidence (fixture->document, "cell", "space/feel")->count, ==, 1);
}

/* A Chinese survey export: GB18030, quoted line breaks, headers in Chinese,
 * ratings 0–10 */
static const char survey_csv[] =
  "编号,提交时间,渠道,评论内容,推荐打分,顾客阶段,标签\r\n"
  "1,2026年3月1日 12:30,美团外卖,\"送得很快，\n包装也很用心\",10,会员,\"速度,包装\"\r\n"
  "2,2026/3/2,饿了么,\"汤洒了一半，\"\"骑手\"\"说不是他的问题\",0,顾客,配送\r\n"
  "3,2026-03-03,大众点评,味道不错但是有点贵,7,看客,\r\n";

static void
test_gb18030_survey (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GBytes) gb = convert (survey_csv, "GB18030", NULL, 0);
  g_autoptr(GFile) file = write_file (fixture, "survey.csv", g_bytes_get_data (gb, NULL), g_bytes_get_size (gb));
  g_autoptr(TlImport) import = new_import (fixture, file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  TlImportReport *report;
  TlFeedbackItem *item;

  /* "推荐打分" names no field: map it by hand, and the scale by its values */
  tl_import_add_override (import, "推荐打分=rating");
  g_assert_true (tl_import_run (import, fixture->store, NULL, &error));
  g_assert_no_error (error);

  report = tl_import_get_report (import);
  g_assert_cmpint (tl_import_report_get_encoding (report), ==, TL_TEXT_ENCODING_GB18030);
  g_assert_cmpint (tl_import_report_get_rating_scale (report), ==, TL_RATING_SCALE_0_10);
  g_assert_cmpuint (tl_import_report_get_n_imported (report), ==, 3);

  items = all_items (fixture);
  item = find_item (items, "送得很快，\n包装也很用心");
  g_assert_cmpstr (tl_feedback_item_get_source (item), ==, "美团外卖");
  g_assert_cmpstr (tl_feedback_item_get_date (item), ==, "2026-03-01T12:30:00");
  g_assert_cmpint (tl_feedback_item_get_stage (item), ==, 'D');
  g_assert_cmpfloat (tl_feedback_item_get_rating (item), ==, 5);
  g_assert_cmpstr (tl_feedback_item_get_rating_original (item), ==, "10");
  g_assert_cmpstr (tl_feedback_item_get_tags (item), ==, "速度, 包装");

  item = find_item (items, "汤洒了一半，\"骑手\"说不是他的问题");
  g_assert_cmpfloat (tl_feedback_item_get_rating (item), ==, 1);
  g_assert_cmpint (tl_feedback_item_get_stage (item), ==, 'C');

  item = find_item (items, "味道不错但是有点贵");
  /* 7 of 0–10 on a 1–5 document: 1 + 7 × 4 / 10 */
  g_assert_cmpfloat_with_epsilon (tl_feedback_item_get_rating (item), 3.8, 1e-9);
  g_assert_cmpint (tl_feedback_item_get_stage (item), ==, 'B');
}

/* Spreadsheet "Unicode text": UTF-16LE with a BOM, tab-separated */
static void
test_utf16_tsv (Fixture       *fixture,
                gconstpointer  data)
{
  static const char tsv[] =
    "評論\t日期\t來源\t評分\r\n"
    "服務很好，下次再來\t2026-03-24\tGoogle Maps\t+2\r\n"
    "等太久了\t2026-03-25\tGoogle Maps\t-2\r\n"
    "還可以\t2026-03-26\tFacebook\t0\r\n";
  g_autoptr(GBytes) utf16 = convert (tsv, "UTF-16LE", "\xff\xfe", 2);
  g_autoptr(GFile) file = write_file (fixture, "unicode.txt", g_bytes_get_data (utf16, NULL),
                                      g_bytes_get_size (utf16));
  g_autoptr(TlImport) import = new_import (fixture, file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  TlImportReport *report;

  g_assert_true (tl_import_run (import, fixture->store, NULL, &error));
  g_assert_no_error (error);
  report = tl_import_get_report (import);
  g_assert_cmpint (tl_import_report_get_encoding (report), ==, TL_TEXT_ENCODING_UTF16LE);
  g_assert_cmpint (tl_import_report_get_delimiter (report), ==, '\t');
  g_assert_cmpint (tl_import_report_get_rating_scale (report), ==, TL_RATING_SCALE_M2_P2);

  items = all_items (fixture);
  g_assert_cmpfloat (tl_feedback_item_get_rating (find_item (items, "服務很好，下次再來")), ==, 5);
  g_assert_cmpfloat (tl_feedback_item_get_rating (find_item (items, "等太久了")), ==, 1);
  g_assert_cmpfloat (tl_feedback_item_get_rating (find_item (items, "還可以")), ==, 3);
  g_assert_cmpstr (tl_feedback_item_get_rating_original (find_item (items, "等太久了")), ==, "-2");
}

/* ---- duplicates ------------------------------------------------------- */

static void
test_reimport (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "full.csv", full_csv, -1);
  g_autoptr(GError) error = NULL;

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(TlImport) import = new_import (fixture, file);
      TlImportReport *report;

      g_assert_true (tl_import_run (import, fixture->store, NULL, &error));
      g_assert_no_error (error);
      report = tl_import_get_report (import);
      g_assert_cmpuint (tl_import_report_get_n_rows (report), ==, 3);
      g_assert_cmpuint (tl_import_report_get_n_imported (report), ==, round == 0 ? 3 : 0);
      g_assert_cmpuint (tl_import_report_get_n_duplicates (report), ==, round == 0 ? 0 : 3);
      g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 3);
    }

  /* The evidence did not double either */
  g_assert_cmpuint (tl_document_get_evidence (fixture->document, "station", "logistics")->count, ==, 1);
}

static void
test_duplicates_in_file (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char csv[] =
    "text,date,source\n"
    "好吃,2026-03-01,美团\n"
    "好吃,2026-03-01,美团\n"
    "  好吃 ,2026-03-01,美团\n"       /* the same, once trimmed */
    "好吃,2026-03-02,美团\n"          /* another day: another item */
    "好吃,2026-03-01,饿了么\n";
  g_autoptr(GFile) file = write_file (fixture, "dups.csv", csv, -1);
  g_autoptr(TlImport) import = new_import (fixture, file);
  g_autoptr(GError) error = NULL;
  TlImportReport *report;

  g_assert_true (tl_import_run (import, fixture->store, NULL, &error));
  g_assert_no_error (error);
  report = tl_import_get_report (import);
  g_assert_cmpuint (tl_import_report_get_n_rows (report), ==, 5);
  g_assert_cmpuint (tl_import_report_get_n_imported (report), ==, 3);
  g_assert_cmpuint (tl_import_report_get_n_duplicates (report), ==, 2);
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 3);
}

/* Items typed by hand, exported and imported again: every one is found
 * again (a duplicate), the two identical ones included, nothing added. */
static void
test_reimport_hand_typed (Fixture       *fixture,
                          gconstpointer  data)
{
  static const struct {
    const char *text;
    const char *date;
    const char *source;
    const char *respondent;
  } typed[] = {
    { "Soup arrived cold", "2026-03-01", "phone", NULL },
    { "汤洒了一半", NULL, NULL, NULL },
    { "汤洒了一半", NULL, NULL, NULL },                       /* the same again */
    { "=SUM(A1) is not a formula", "2026-03-02T09:30", NULL, "Ms Li" },
    { "Typed with a zone", "2026-03-03 18:05:59.25+0800", "phone", NULL },
    { "Line one\nline two, with \"quotes\"", NULL, "WeChat", NULL },
  };
  g_autofree char *csv_path = g_build_filename (fixture->dir, "export.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(TlImport) import = NULL;
  g_autoptr(GError) error = NULL;
  TlImportReport *report;
  guint64 written = 0;

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);

      tl_feedback_item_set_text (item, typed[i].text);
      tl_feedback_item_set_date (item, typed[i].date);
      tl_feedback_item_set_source (item, typed[i].source);
      tl_feedback_item_set_respondent (item, typed[i].respondent);
      if (i == 0)
        tl_feedback_item_set_links (item, (const char * const[]) { "station:wom", NULL });
      /* Identical items typed by hand are both kept */
      g_assert_cmpint (tl_store_add_feedback (fixture->store, item, &error), >, 0);
      g_assert_no_error (error);
    }
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, G_N_ELEMENTS (typed));

  g_assert_true (tl_csv_export_feedback (fixture->store, NULL, csv, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, G_N_ELEMENTS (typed));

  import = new_import (fixture, csv);
  g_assert_true (tl_import_run (import, fixture->store, NULL, &error));
  g_assert_no_error (error);
  report = tl_import_get_report (import);
  g_assert_cmpuint (tl_import_report_get_n_rows (report), ==, G_N_ELEMENTS (typed));
  g_assert_cmpuint (tl_import_report_get_n_imported (report), ==, 0);
  g_assert_cmpuint (tl_import_report_get_n_duplicates (report), ==, G_N_ELEMENTS (typed));
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, G_N_ELEMENTS (typed));
  g_assert_cmpuint (tl_document_get_evidence (fixture->document, "station", "wom")->count, ==, 1);
}

/* ---- unusable rows ---------------------------------------------------- */

static const char bad_csv[] =
  "text,date,stage,rating,station\n"
  "fine,2026-03-01,C,4,口碑\n"
  "bad date,yesterday,C,4,\n"
  ",2026-03-02,,,\n"
  "bad stage,2026-03-03,Z,3,\n"
  "bad station,2026-03-04,,2,kitchen\n"
  "too,few\n"
  "out of scale,2026-03-05,,9,\n"
  "also fine,2026-03-06,A,5,order\n";

static void
check_bad_report (TlImportReport *report)
{
  const TlImportProblem *p;

  g_assert_cmpuint (tl_import_report_get_n_rows (report), ==, 8);
  g_assert_cmpuint (tl_import_report_get_n_skipped (report), ==, 6);
  g_assert_cmpuint (tl_import_report_get_n_problems (report), ==, 6);

  p = problem_at (report, 0);
  g_assert_cmpuint (p->row, ==, 3);
  g_assert_cmpstr (p->column, ==, "date");
  g_assert_cmpstr (p->value, ==, "yesterday");
  g_assert_nonnull (strstr (p->reason, "2026-03-24"));

  p = problem_at (report, 1);
  g_assert_cmpuint (p->row, ==, 4);
  g_assert_cmpstr (p->column, ==, "text");

  p = problem_at (report, 2);
  g_assert_cmpuint (p->row, ==, 5);
  g_assert_cmpstr (p->column, ==, "stage");
  g_assert_cmpstr (p->value, ==, "Z");

  p = problem_at (report, 3);
  g_assert_cmpuint (p->row, ==, 6);
  g_assert_cmpstr (p->column, ==, "station");
  g_assert_cmpstr (p->value, ==, "kitchen");

  p = problem_at (report, 4);
  g_assert_cmpuint (p->row, ==, 7);
  g_assert_null (p->column);
  g_assert_nonnull (strstr (p->reason, "2 cells"));

  p = problem_at (report, 5);
  g_assert_cmpuint (p->row, ==, 8);
  g_assert_cmpstr (p->column, ==, "rating");
  g_assert_nonnull (strstr (p->reason, "1–5"));
}

static void
test_bad_rows_refused (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "bad.csv", bad_csv, -1);
  g_autoptr(TlImport) import = new_import (fixture, file);
  g_autoptr(GError) error = NULL;
  TlImportReport *report;
  g_autofree char *text = NULL;

  /* Explicit scale: 9 is out of it */
  tl_import_set_rating_scale (import, TL_RATING_SCALE_1_5);
  g_assert_false (tl_import_run (import, fixture->store, NULL, &error));
  g_assert_error (error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_BAD_ROWS);
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 0);
  g_assert_cmpuint (tl_document_get_evidence (fixture->document, "station", "wom")->count, ==, 0);

  report = tl_import_get_report (import);
  g_assert_cmpint (tl_import_report_get_status (report), ==, TL_IMPORT_STATUS_REFUSED);
  g_assert_cmpuint (tl_import_report_get_n_imported (report), ==, 0);
  check_bad_report (report);

  text = tl_import_report_to_text (report);
  g_assert_nonnull (strstr (text, "Row 3, column “date”"));
  g_assert_nonnull (strstr (text, "Nothing was imported"));

  /* The refused import did not remember its mapping */
  g_assert_false (g_file_test (fixture->mappings, G_FILE_TEST_EXISTS));
}

static void
test_bad_rows_skipped (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "bad.csv", bad_csv, -1);
  g_autoptr(TlImport) import = new_import (fixture, file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  TlImportReport *report;

  tl_import_set_rating_scale (import, TL_RATING_SCALE_1_5);
  tl_import_set_skip_bad_rows (import, TRUE);
  g_assert_true (tl_import_run (import, fixture->store, NULL, &error));
  g_assert_no_error (error);

  report = tl_import_get_report (import);
  g_assert_cmpint (tl_import_report_get_status (report), ==, TL_IMPORT_STATUS_IMPORTED);
  g_assert_cmpuint (tl_import_report_get_n_imported (report), ==, 2);
  check_bad_report (report);
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 2);

  items = all_items (fixture);
  g_assert_true (has_link (find_item (items, "fine"), "station:wom"));
  g_assert_true (has_link (find_item (items, "also fine"), "station:order"));
  g_assert_cmpuint (tl_document_get_evidence (fixture->document, "station", "wom")->count, ==, 1);
}

static void
test_unterminated_quote (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char csv[] = "text,n\nok,1\n\"never closed,2\nmore,3\n";
  g_autoptr(GFile) file = write_file (fixture, "quote.csv", csv, -1);
  g_autoptr(TlImport) import = new_import (fixture, file);
  g_autoptr(GError) error = NULL;
  const TlImportProblem *p;

  g_assert_false (tl_import_run (import, fixture->store, NULL, &error));
  g_assert_error (error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_BAD_ROWS);
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 0);

  p = problem_at (tl_import_get_report (import), 0);
  g_assert_cmpuint (p->row, ==, 3);
  g_assert_cmpuint (p->line, ==, 3);
  g_assert_cmpstr (p->column, ==, "text");
  g_assert_nonnull (strstr (p->reason, "line 3"));
}

static void
test_invalid_bytes (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char csv[] = "text,n\n好,1\nbad \xff byte,2\n";
  g_autoptr(GFile) file = write_file (fixture, "bytes.csv", csv, -1);
  g_autoptr(TlImport) import = new_import (fixture, file);
  g_autoptr(GError) error = NULL;
  const TlImportProblem *p;

  tl_import_set_skip_bad_rows (import, TRUE);
  g_assert_true (tl_import_run (import, fixture->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 1);
  p = problem_at (tl_import_get_report (import), 0);
  g_assert_cmpuint (p->row, ==, 3);
  g_assert_cmpstr (p->column, ==, "text");
  g_assert_nonnull (strstr (p->reason, "UTF-8"));
}

static void
test_bad_files (Fixture       *fixture,
                gconstpointer  data)
{
  static const struct {
    const char *name;
    const char *content;
    gssize      length;
    int         code;
  } cases[] = {
    { "empty.csv", "", 0, TL_IMPORT_ERROR_EMPTY },
    { "bom.csv", "\xef\xbb\xbf\r\n", -1, TL_IMPORT_ERROR_EMPTY },
    { "header.csv", "text,date\r\n", -1, TL_IMPORT_ERROR_NO_DATA },
    { "blank-rows.csv", "text,date\r\n,\r\n\r\n", -1, TL_IMPORT_ERROR_NO_DATA },
    { "image.csv", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20, TL_IMPORT_ERROR_NOT_TEXT },
    { "numbers.csv", "a,b\n1,2\n3,4\n", -1, TL_IMPORT_ERROR_NO_TEXT_COLUMN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = write_file (fixture, cases[i].name, cases[i].content, cases[i].length);
      g_autoptr(TlImport) import = new_import (fixture, file);
      g_autoptr(GError) error = NULL;
      TlImportReport *report;

      g_assert_false (tl_import_run (import, fixture->store, NULL, &error));
      g_assert_error (error, TL_IMPORT_ERROR, cases[i].code);
      report = tl_import_get_report (import);
      g_assert_nonnull (report);
      g_assert_cmpint (tl_import_report_get_status (report), ==, TL_IMPORT_STATUS_FAILED);
      g_assert_cmpstr (tl_import_report_get_message (report), ==, error->message);
      g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 0);
    }

  {
    g_autofree char *missing_path = g_build_filename (fixture->dir, "missing.csv", NULL);
    g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
    g_autoptr(TlImport) import = new_import (fixture, missing);
    g_autoptr(GError) error = NULL;

    g_assert_false (tl_import_run (import, fixture->store, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "missing.csv"));
  }

  /* A 2 GB file that starts like a CSV and goes on as zero bytes (a
   * damaged download, a disk image renamed): refused, and nothing added. */
  {
    g_autoptr(GFile) file = write_file (fixture, "huge.csv", "text,date\r\n\"hello\",2026-01-01\r\n", -1);
    g_autofree char *path = g_file_get_path (file);
    g_autoptr(TlImport) import = NULL;
    g_autoptr(GError) error = NULL;

    if (truncate (path, (off_t) 2 * 1024 * 1024 * 1024) != 0)
      g_test_message ("cannot make a 2 GB sparse file here: %s", g_strerror (errno));
    else
      {
        import = new_import (fixture, file);
        g_assert_false (tl_import_run (import, fixture->store, NULL, &error));
        g_assert_error (error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_NOT_TEXT);
        g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 0);
      }
  }

  /* A bad --map, and a given mapping of the wrong width */
  {
    g_autoptr(GFile) file = write_file (fixture, "ok.csv", full_csv, -1);
    g_autoptr(TlImport) import = new_import (fixture, file);
    g_autoptr(TlImportMapping) narrow = tl_import_mapping_new (2);
    g_autoptr(GError) error = NULL;

    tl_import_add_override (import, "nope=text");
    g_assert_false (tl_import_run (import, fixture->store, NULL, &error));
    g_assert_error (error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_BAD_MAPPING);
    g_clear_object (&import);
    g_clear_error (&error);

    import = new_import (fixture, file);
    tl_import_set_mapping (import, narrow);
    g_assert_false (tl_import_run (import, fixture->store, NULL, &error));
    g_assert_error (error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_BAD_MAPPING);
    g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 0);
  }
}

/* ---- dry run, cancel -------------------------------------------------- */

static void
test_dry_run (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "full.csv", full_csv, -1);
  g_autoptr(TlImport) import = new_import (fixture, file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  TlImportReport *report;

  g_clear_object (&fixture->store);
  before = tl_test_read_file (fixture->path);
  fixture->store = tl_store_open (fixture->path, TL_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  fixture->document = tl_store_get_document (fixture->store);

  tl_import_set_dry_run (import, TRUE);
  g_assert_true (tl_import_run (import, fixture->store, NULL, &error));
  g_assert_no_error (error);
  report = tl_import_get_report (import);
  g_assert_cmpint (tl_import_report_get_status (report), ==, TL_IMPORT_STATUS_DRY_RUN);
  g_assert_cmpuint (tl_import_report_get_n_imported (report), ==, 3);
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 0);
  g_assert_cmpuint (tl_document_get_evidence (fixture->document, "station", "logistics")->count, ==, 0);
  g_assert_false (g_file_test (fixture->mappings, G_FILE_TEST_EXISTS));

  g_clear_object (&fixture->store);
  tl_test_assert_file_bytes (fixture->path, before);
}

/* Rows of generated feedback, linked, for the long imports */
static GFile *
write_many (Fixture *fixture,
            guint    n)
{
  g_autoptr(GString) csv = g_string_new ("text,date,rating,station\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "第 %u 条反馈 feedback number %u,2026-%02u-%02u,%u,%s\n",
                            i, i, 1 + i % 12, 1 + i % 28, 1 + i % 5, i % 2 ? "wom" : "口碑");
  return write_file (fixture, "many.csv", csv->str, csv->len);
}

static void
test_cancel_before (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) file = write_many (fixture, 100);
  g_autoptr(TlImport) import = new_import (fixture, file);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (tl_import_run (import, fixture->store, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (tl_import_report_get_status (tl_import_get_report (import)), ==, TL_IMPORT_STATUS_CANCELLED);
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 0);
}

typedef struct {
  GMainLoop    *loop;
  GCancellable *cancellable;
  GError       *error;
  gboolean      ok;
  guint         n_progress;
  guint64       rows_when_cancelled;
  double        last_progress;
  gboolean      progress_went_back;
  gboolean      cancel;
} AsyncRun;

static void
rows_read_cb (TlImport   *import,
              GParamSpec *pspec,
              AsyncRun   *run)
{
  /* in the main context, never in the worker */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  if (run->cancel && run->rows_when_cancelled == 0 && tl_import_get_rows_read (import) > 0)
    {
      run->rows_when_cancelled = tl_import_get_rows_read (import);
      g_cancellable_cancel (run->cancellable);
    }
}

static void
progress_cb (TlImport   *import,
             GParamSpec *pspec,
             AsyncRun   *run)
{
  double progress = tl_import_get_progress (import);

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  run->n_progress++;
  if (progress < run->last_progress)
    run->progress_went_back = TRUE;
  run->last_progress = progress;
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->ok = tl_import_run_finish (TL_IMPORT (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
evidence_changed_cb (TlDocument *document,
                     guint      *count)
{
  (*count)++;
}

static void
run_async (Fixture  *fixture,
           TlImport *import,
           AsyncRun *run)
{
  run->loop = g_main_loop_new (NULL, FALSE);
  run->cancellable = g_cancellable_new ();
  g_signal_connect (import, "notify::rows-read", G_CALLBACK (rows_read_cb), run);
  g_signal_connect (import, "notify::progress", G_CALLBACK (progress_cb), run);
  tl_import_run_async (import, fixture->store, run->cancellable, run_done_cb, run);
  g_main_loop_run (run->loop);
  g_main_loop_unref (run->loop);
  g_clear_object (&run->cancellable);
}

static void
test_cancel_midway (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) first = write_file (fixture, "first.csv", full_csv, -1);
  g_autoptr(GFile) file = write_many (fixture, 100000);
  g_autoptr(TlImport) import = new_import (fixture, file);
  g_autoptr(GError) error = NULL;
  AsyncRun run = { 0, };
  TlEvidence before;
  guint evidence_signals = 0;

  /* Something in the document first, whose evidence must stay */
  {
    g_autoptr(TlImport) setup = new_import (fixture, first);

    g_assert_true (tl_import_run (setup, fixture->store, NULL, &error));
    g_assert_no_error (error);
  }
  before = *tl_document_get_evidence (fixture->document, "station", "wom");
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 3);

  g_signal_connect (fixture->document, "evidence-changed", G_CALLBACK (evidence_changed_cb), &evidence_signals);
  run.cancel = TRUE;
  run_async (fixture, import, &run);

  g_assert_false (run.ok);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&run.error);
  g_assert_cmpuint (run.rows_when_cancelled, >, 0);
  g_assert_cmpuint (run.rows_when_cancelled, <, 100000);
  g_assert_cmpint (tl_import_report_get_status (tl_import_get_report (import)), ==, TL_IMPORT_STATUS_CANCELLED);
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 3);
  g_assert_true (tl_evidence_equal (&before, tl_document_get_evidence (fixture->document, "station", "wom"), 1e-12));

  /* And from the file: reopened, the same */
  g_clear_object (&fixture->store);
  fixture->store = tl_store_open (fixture->path, TL_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  fixture->document = tl_store_get_document (fixture->store);
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 3);
  g_assert_true (tl_evidence_equal (&before, tl_document_get_evidence (fixture->document, "station", "wom"), 1e-12));
}

typedef struct {
  GThread *thread;
  guint    count;
  gboolean wrong_thread;
} SignalThread;

static void
feedback_changed_cb (TlStore      *store,
                     SignalThread *seen)
{
  seen->count++;
  if (g_thread_self () != seen->thread)
    seen->wrong_thread = TRUE;
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  SignalThread feedback_changed = { g_thread_self (), 0, FALSE };
  g_autoptr(GFile) file = write_many (fixture, 20000);
  g_autoptr(TlImport) import = new_import (fixture, file);
  AsyncRun run = { 0, };
  guint evidence_signals = 0;
  guint64 wom;

  g_signal_connect (fixture->document, "evidence-changed", G_CALLBACK (evidence_changed_cb), &evidence_signals);
  g_signal_connect (fixture->store, "feedback-changed", G_CALLBACK (feedback_changed_cb), &feedback_changed);
  run_async (fixture, import, &run);

  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 20000);
  g_assert_cmpuint (tl_import_report_get_n_imported (tl_import_get_report (import)), ==, 20000);
  g_assert_cmpuint (run.n_progress, >, 0);
  g_assert_false (run.progress_went_back);
  g_assert_cmpfloat (tl_import_get_progress (import), ==, 1);
  g_assert_cmpuint (tl_import_get_rows_read (import), ==, 20000);
  /* the evidence was published once, in this thread */
  g_assert_cmpuint (evidence_signals, >=, 1);
  wom = tl_document_get_evidence (fixture->document, "station", "wom")->count;
  g_assert_cmpuint (wom, ==, 20000);
  /* committed in the worker, announced once here */
  g_assert_cmpuint (feedback_changed.count, ==, 1);
  g_assert_false (feedback_changed.wrong_thread);
  /* the new items are in both full-text indexes */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) one = tl_store_search_feedback_ids (fixture->store, "number 12345", &error);
    g_autoptr(GArray) all = tl_store_search_feedback_ids (fixture->store, "条反", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (one->len, ==, 1);
    g_assert_cmpuint (all->len, ==, 20000);
  }
}

/* ---- preview and mapping ---------------------------------------------- */

static void
test_preview (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GBytes) gb = convert (survey_csv, "GB18030", NULL, 0);
  g_autoptr(GFile) file = write_file (fixture, "survey.csv", g_bytes_get_data (gb, NULL), g_bytes_get_size (gb));
  g_autoptr(TlImport) import = new_import (fixture, file);
  g_autoptr(TlImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  TlImportMapping *mapping;
  const char * const *header;

  preview = tl_import_preview (import, fixture->document, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tl_import_preview_get_encoding (preview), ==, TL_TEXT_ENCODING_GB18030);
  g_assert_cmpint (tl_import_preview_get_delimiter (preview), ==, ',');
  g_assert_true (tl_import_preview_get_has_header (preview));
  g_assert_cmpuint (tl_import_preview_get_n_columns (preview), ==, 7);
  header = tl_import_preview_get_header (preview);
  g_assert_cmpstr (header[3], ==, "评论内容");
  g_assert_cmpuint (tl_import_preview_get_n_rows (preview), ==, 2);
  g_assert_true (tl_import_preview_get_has_more (preview));
  g_assert_cmpstr (tl_import_preview_get_row (preview, 0)[3], ==, "送得很快，\n包装也很用心");
  g_assert_cmpuint (tl_import_preview_get_row_number (preview, 1), ==, 3);
  g_assert_null (tl_import_preview_get_row_problem (preview, 0));
  g_assert_false (tl_import_preview_get_mapping_remembered (preview));

  mapping = tl_import_preview_get_mapping (preview);
  g_assert_cmpint (tl_import_mapping_get_field (mapping, 0), ==, TL_IMPORT_FIELD_NONE);
  g_assert_cmpint (tl_import_mapping_get_field (mapping, 1), ==, TL_IMPORT_FIELD_DATE);
  g_assert_cmpint (tl_import_mapping_get_field (mapping, 2), ==, TL_IMPORT_FIELD_SOURCE);
  g_assert_cmpint (tl_import_mapping_get_field (mapping, 3), ==, TL_IMPORT_FIELD_TEXT);
  g_assert_cmpint (tl_import_mapping_get_field (mapping, 4), ==, TL_IMPORT_FIELD_NONE);
  g_assert_cmpint (tl_import_mapping_get_field (mapping, 5), ==, TL_IMPORT_FIELD_STAGE);
  g_assert_cmpint (tl_import_mapping_get_field (mapping, 6), ==, TL_IMPORT_FIELD_TAGS);

  /* The dialog changes the mapping and imports with it; the mapping is
   * remembered for the next file with this header. */
  {
    g_autoptr(TlImportMapping) changed = tl_import_mapping_copy (mapping);
    g_autoptr(TlImport) again = new_import (fixture, file);
    g_autoptr(TlImportPreview) second = NULL;

    tl_import_mapping_set_field (changed, 4, TL_IMPORT_FIELD_RATING);
    tl_import_mapping_set_field (changed, 0, TL_IMPORT_FIELD_RESPONDENT);
    tl_import_set_mapping (import, changed);
    g_assert_true (tl_import_run (import, fixture->store, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (tl_import_report_get_rating_scale (tl_import_get_report (import)), ==, TL_RATING_SCALE_0_10);

    second = tl_import_preview (again, fixture->document, 10, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (tl_import_preview_get_mapping_remembered (second));
    g_assert_false (tl_import_preview_get_has_more (second));
    g_assert_cmpuint (tl_import_preview_get_n_rows (second), ==, 3);
    g_assert_cmpint (tl_import_mapping_get_field (tl_import_preview_get_mapping (second), 4), ==,
                     TL_IMPORT_FIELD_RATING);
    g_assert_cmpint (tl_import_mapping_get_field (tl_import_preview_get_mapping (second), 0), ==,
                     TL_IMPORT_FIELD_RESPONDENT);
    g_assert_cmpint (tl_import_preview_get_rating_scale (second), ==, TL_RATING_SCALE_0_10);
  }
}

static void
test_preview_problems (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "bad.csv", bad_csv, -1);
  g_autoptr(TlImport) import = new_import (fixture, file);
  g_autoptr(TlImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;

  preview = tl_import_preview (import, fixture->document, 20, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tl_import_preview_get_n_rows (preview), ==, 8);
  g_assert_null (tl_import_preview_get_row_problem (preview, 0));
  g_assert_nonnull (tl_import_preview_get_row_problem (preview, 1));
  g_assert_nonnull (tl_import_preview_get_row_problem (preview, 5));
  /* a short row is shown padded */
  g_assert_cmpstr (tl_import_preview_get_row (preview, 5)[4], ==, "");
  g_assert_null (tl_import_preview_get_row_problem (preview, 7));
  g_assert_cmpuint (tl_import_report_get_n_skipped (tl_import_preview_get_report (preview)), ==, 5);
  /* the preview changed nothing */
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 0);
}

static void
preview_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TlImportPreview **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = tl_import_preview_finish (TL_IMPORT (object), result, &error);
  g_assert_no_error (error);
}

static void
test_preview_async (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "full.csv", full_csv, -1);
  g_autoptr(TlImport) import = new_import (fixture, file);
  g_autoptr(TlImportPreview) preview = NULL;

  tl_import_preview_async (import, fixture->document, 5, NULL, preview_done_cb, &preview);
  while (preview == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (tl_import_preview_get_n_rows (preview), ==, 3);
  g_assert_cmpint (tl_import_mapping_find (tl_import_preview_get_mapping (preview), TL_IMPORT_FIELD_LINKS), ==, 12);
}

static void
test_pasted (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;

  /* Cells copied from a sheet, with a header row */
  {
    g_autoptr(TlImport) import = tl_import_new_for_text ("评论\t评分\n很好吃\t5\n\"有点\n咸\"\t2\n");

    tl_import_set_remember_mapping (import, FALSE, NULL);
    g_assert_true (tl_import_run (import, fixture->store, NULL, &error));
    g_assert_no_error (error);
    g_assert_null (tl_import_report_get_source_name (tl_import_get_report (import)));
    g_assert_cmpint (tl_import_report_get_delimiter (tl_import_get_report (import)), ==, '\t');
  }
  /* …and without one: the longest text column is the text */
  {
    g_autoptr(TlImport) import = tl_import_new_for_text ("2026-03-01\t送餐超快，好评\n2026-03-02\t太慢了\n");
    g_autoptr(TlImportPreview) preview = NULL;

    tl_import_set_remember_mapping (import, FALSE, NULL);
    preview = tl_import_preview (import, fixture->document, 10, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (tl_import_preview_get_has_header (preview));
    g_assert_cmpstr (tl_import_preview_get_header (preview)[0], ==, "Column 1");
    g_assert_cmpuint (tl_import_preview_get_n_rows (preview), ==, 2);

    tl_import_add_override (import, "1=date");
    g_assert_true (tl_import_run (import, fixture->store, NULL, &error));
    g_assert_no_error (error);
  }

  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 4);
  items = all_items (fixture);
  g_assert_cmpfloat (tl_feedback_item_get_rating (find_item (items, "有点\n咸")), ==, 2);
  g_assert_cmpstr (tl_feedback_item_get_date (find_item (items, "送餐超快，好评")), ==, "2026-03-01");
}

static void
test_report (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "bad.csv", bad_csv, -1);
  g_autoptr(TlImport) import = new_import (fixture, file);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GFile) saved = NULL;
  g_autofree char *saved_path = g_build_filename (fixture->dir, "report.txt", NULL);
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  TlImportReport *report;
  JsonObject *object;
  JsonArray *problems;

  tl_import_set_skip_bad_rows (import, TRUE);
  tl_import_set_rating_scale (import, TL_RATING_SCALE_1_5);
  g_assert_true (tl_import_run (import, fixture->store, NULL, &error));
  report = tl_import_get_report (import);

  node = tl_import_report_to_json (report);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "file"), ==, "bad.csv");
  g_assert_cmpstr (json_object_get_string_member (object, "encoding"), ==, "utf-8");
  g_assert_cmpstr (json_object_get_string_member (object, "delimiter"), ==, ",");
  g_assert_cmpstr (json_object_get_string_member (object, "rating_scale"), ==, "1-5");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "imported");
  g_assert_false (json_object_get_boolean_member (object, "dry_run"));
  g_assert_cmpint (json_object_get_int_member (object, "rows"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (object, "imported"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "duplicates"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "skipped"), ==, 6);
  problems = json_object_get_array_member (object, "problems");
  g_assert_cmpuint (json_array_get_length (problems), ==, 6);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (problems, 0), "row"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (problems, 0), "column"), ==, "date");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (problems, 4), "column"));

  text = tl_import_report_to_text (report);
  saved = g_file_new_for_path (saved_path);
  g_assert_true (tl_import_report_save (report, saved, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (saved_path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, text);
  g_assert_nonnull (strstr (text, "bad.csv"));
  g_assert_nonnull (strstr (text, "Row 8, column “rating”"));
  g_assert_nonnull (strstr (text, "“kitchen”"));
}

static void
test_many_problems (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("text,stage\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(TlImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TlImportReport *report;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (csv, "row %u,Q\n", i);
  file = write_file (fixture, "many-bad.csv", csv->str, csv->len);
  import = new_import (fixture, file);
  g_assert_false (tl_import_run (import, fixture->store, NULL, &error));
  report = tl_import_get_report (import);
  g_assert_cmpuint (tl_import_report_get_n_problems (report), ==, 3000);
  g_assert_cmpuint (tl_import_report_get_problems (report)->len, ==, TL_IMPORT_REPORT_MAX_PROBLEMS);
  text = tl_import_report_to_text (report);
  g_assert_nonnull (strstr (text, "and 2000 more problems"));
}

/* ---- real reviews ----------------------------------------------------- */

static char *
shared_data (const char *name)
{
  const char *dir = g_getenv ("TL_SHARED_DATA_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  return g_steal_pointer (&path);
}

static void
test_waimai (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = shared_data ("waimai_10k.csv");
  g_autoptr(GFile) file = NULL;
  g_autoptr(TlImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  g_auto(GStrv) lines = NULL;
  guint64 n_lines = 0;
  TlImportReport *report;
  guint64 imported;

  if (path == NULL)
    {
      g_test_skip ("The shared data (waimai_10k.csv) is not there");
      return;
    }

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  /* The reviews have no line breaks in them: a row a line */
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    n_lines += *g_strstrip (lines[i]) != '\0';

  file = g_file_new_for_path (path);
  import = new_import (fixture, file);
  /* "label" (1 positive, 0 negative) is not a rating: left unmapped */
  g_assert_true (tl_import_run (import, fixture->store, NULL, &error));
  g_assert_no_error (error);
  report = tl_import_get_report (import);
  g_assert_cmpint (tl_import_report_get_encoding (report), ==, TL_TEXT_ENCODING_UTF8);
  g_assert_cmpuint (tl_import_report_get_n_rows (report), ==, n_lines);
  g_assert_cmpuint (tl_import_report_get_n_skipped (report), ==, 0);
  imported = tl_import_report_get_n_imported (report);
  /* Reviews written twice word for word, with no date or source to tell
   * them apart, are one item */
  g_assert_cmpuint (imported + tl_import_report_get_n_duplicates (report), ==, n_lines);
  g_assert_cmpuint (imported, >, n_lines * 9 / 10);
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, imported);
  g_test_message ("waimai_10k: %" G_GUINT64_FORMAT " rows, %" G_GUINT64_FORMAT " imported, %" G_GUINT64_FORMAT " repeated",
                  n_lines, imported, tl_import_report_get_n_duplicates (report));

  /* The same reviews re-encoded as a Chinese spreadsheet would: GB18030,
   * into a second document: the same items */
  {
    g_autofree char *gb = NULL;
    gsize gb_length;
    g_autoptr(GFile) gb_file = NULL;
    g_autoptr(TlImport) gb_import = NULL;
    g_autoptr(TlStore) second = NULL;
    g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");
    g_autofree char *second_path = g_build_filename (fixture->dir, "second.touchloop", NULL);
    g_autoptr(GArray) ids = NULL;
    g_autoptr(GArray) other_ids = NULL;

    gb = g_convert (contents, length, "GB18030", "UTF-8", NULL, &gb_length, &error);
    g_assert_no_error (error);
    gb_file = write_file (fixture, "waimai-gb18030.csv", gb, gb_length);
    second = tl_store_create (second_path, document, &error);
    g_assert_no_error (error);

    gb_import = new_import (fixture, gb_file);
    g_assert_true (tl_import_run (gb_import, second, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (tl_import_report_get_encoding (tl_import_get_report (gb_import)), ==,
                     TL_TEXT_ENCODING_GB18030);
    g_assert_cmpuint (tl_import_report_get_n_imported (tl_import_get_report (gb_import)), ==, imported);

    /* Searching either finds the same reviews */
    ids = tl_store_search_feedback_ids (fixture->store, "骑手", &error);
    g_assert_no_error (error);
    other_ids = tl_store_search_feedback_ids (second, "骑手", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, >, 0);
    g_assert_cmpuint (ids->len, ==, other_ids->len);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tl/io/import/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("fields", test_fields);
  ADD ("gb18030-survey", test_gb18030_survey);
  ADD ("utf16-tsv", test_utf16_tsv);
  ADD ("reimport", test_reimport);
  ADD ("duplicates-in-file", test_duplicates_in_file);
  ADD ("reimport-hand-typed", test_reimport_hand_typed);
  ADD ("bad-rows-refused", test_bad_rows_refused);
  ADD ("bad-rows-skipped", test_bad_rows_skipped);
  ADD ("unterminated-quote", test_unterminated_quote);
  ADD ("invalid-bytes", test_invalid_bytes);
  ADD ("bad-files", test_bad_files);
  ADD ("dry-run", test_dry_run);
  ADD ("cancel-before", test_cancel_before);
  ADD ("cancel-midway", test_cancel_midway);
  ADD ("async", test_async);
  ADD ("preview", test_preview);
  ADD ("preview-problems", test_preview_problems);
  ADD ("preview-async", test_preview_async);
  ADD ("pasted", test_pasted);
  ADD ("report", test_report);
  ADD ("many-problems", test_many_problems);
  ADD ("waimai", test_waimai);

#undef ADD

  return g_test_run ();
}
