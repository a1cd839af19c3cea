/* bench-import.c: importing generated bilingual feedback (100,000 and
 * 1,000,000 rows by default) into a new document, full-text index and
 * all, against the sqlite3 shell's .import of the same file plus an FTS5
 * trigram index over its text, run in the same benchmark.  Prints both
 * times and the ratio (target: at most 1.5 times the reference), and how
 * fast the CSV reader alone goes.  Built, not a test: build-aux/bench
 * runs it.
 *
 *   bench-import [ROWS…]
 *
 * Environment: TL_SQLITE3 (the sqlite3 shell, default: sqlite3 on PATH).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "tl-csv-reader.h"
#include "tl-import.h"
#include "test-util.h"

static const char * const zh_phrases[] = {
  "外卖送得很快", "包装很用心", "汤洒了一半", "骑手态度很好", "味道一般般", "分量太少了",
  "价格有点贵", "下次还会再点", "送餐超时了四十分钟", "菜都凉了", "米饭有点硬", "服务员很热情",
  "店里环境安静", "适合和朋友聊天", "小程序下单很方便", "排队等了很久", "会员积分不好用",
  "新品口味很特别", "拍照很好看", "推荐给同事了",
};
static const char * const en_phrases[] = {
  "delivery was fast", "the packaging was great", "soup spilled everywhere", "friendly courier",
  "taste was average", "portion too small", "a bit pricey", "will order again", "forty minutes late",
  "food arrived cold", "lovely quiet space", "great for a chat", "app ordering is easy",
  "long queue at the counter", "loyalty points are confusing", "new flavour is interesting",
  "looks great in photos", "recommended it to a colleague",
};
static const char * const sources[] = {
  "美团外卖", "饿了么", "大众点评", "WeChat 小程序", "Google Maps", "Instagram", "微博",
};

/* A CSV of @n rows: text (Chinese and English mixed), date, source,
 * stage, rating, respondent.  Every text differs (it carries its number). */
static void
write_csv (const char *path,
           guint       n)
{
  FILE *f = g_fopen (path, "wb");
  GRand *rand = g_rand_new_with_seed (n);

  g_assert_nonnull (f);
  fputs ("text,date,source,stage,rating,respondent\r\n", f);
  for (guint i = 0; i < n; i++)
    {
      const char *zh1 = zh_phrases[g_rand_int_range (rand, 0, G_N_ELEMENTS (zh_phrases))];
      const char *zh2 = zh_phrases[g_rand_int_range (rand, 0, G_N_ELEMENTS (zh_phrases))];
      const char *en = en_phrases[g_rand_int_range (rand, 0, G_N_ELEMENTS (en_phrases))];

      /* Quoted: the text has a comma in it */
      fprintf (f, "\"%s，%s, %s (#%u)\",2025-%02d-%02d,%s,%c,%d,user%u\r\n",
               zh1, zh2, en, i,
               g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29),
               sources[g_rand_int_range (rand, 0, G_N_ELEMENTS (sources))],
               'A' + g_rand_int_range (rand, 0, 6),
               g_rand_int_range (rand, 1, 6),
               g_rand_int_range (rand, 0, 50000));
    }
  fclose (f);
  g_rand_free (rand);
}

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* Processor time (user + system) of this process or of its children: on
 * a busy machine wall-clock time says more about the neighbours. */
static double
cpu (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

typedef struct {
  double wall;
  double cpu;
} Timing;

/* The CSV reader alone: seconds to read every row */
static double
time_reader (const char *path,
             guint64    *n_rows)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autoptr(TlCsvReader) reader = NULL;
  double start = now ();

  g_assert_nonnull (stream);
  reader = tl_csv_reader_new (G_INPUT_STREAM (stream), TL_TEXT_ENCODING_AUTO, 0, -1);
  *n_rows = 0;
  while (tl_csv_reader_read_row (reader, NULL, NULL) != NULL)
    (*n_rows)++;

  return now () - start;
}

/* Touchloop: a new O2O document, then the import (auto-detected encoding,
 * delimiter, mapping and rating scale; one transaction; duplicates
 * checked; the full-text index filled). */
static Timing
time_touchloop (const char *dir,
                const char *csv,
                guint       n)
{
  g_autofree char *path = g_build_filename (dir, "bench.touchloop", NULL);
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(TlImport) import = tl_import_new_for_file (file);
  g_autoptr(GError) error = NULL;
  double start, start_cpu;
  Timing timing;

  g_unlink (path);
  store = tl_store_create (path, document, &error);
  g_assert_no_error (error);

  tl_import_set_remember_mapping (import, FALSE, NULL);
  start = now ();
  start_cpu = cpu (RUSAGE_SELF);
  if (!tl_import_run (import, store, NULL, &error))
    g_error ("The import failed: %s", error->message);
  timing.wall = now () - start;
  timing.cpu = cpu (RUSAGE_SELF) - start_cpu;

  g_assert_cmpuint (tl_import_report_get_n_imported (tl_import_get_report (import)), ==, n);
  g_assert_cmpint (tl_store_count_feedback (store), ==, n);

  /* The index works: a query finds its row */
  {
    g_autoptr(GArray) ids = tl_store_search_feedback_ids (store, "(#7)", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 1);
  }

  g_clear_object (&store);
  g_unlink (path);
  return timing;
}

/* The sqlite3 shell: .import into a plain table, then an FTS5 trigram
 * index over its text */
static Timing
time_sqlite3 (const char *dir,
              const char *csv,
              guint       n)
{
  g_autofree char *db = g_build_filename (dir, "reference.db", NULL);
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  const char *shell = g_getenv ("TL_SQLITE3");
  double start, start_cpu;
  Timing timing;

  g_unlink (db);
  /* The commands on its standard input, as a user would type them */
  script = g_strdup_printf (".bail on\n"
                            ".mode csv\n"
                            ".import '%s' feedback\n"
                            "CREATE VIRTUAL TABLE feedback_fts USING fts5 (text, tokenize='trigram');\n"
                            "INSERT INTO feedback_fts (rowid, text) SELECT rowid, text FROM feedback;\n"
                            ".mode list\n"
                            "SELECT count(*) FROM feedback_fts WHERE feedback_fts MATCH '\"(#7)\"';\n"
                            "SELECT count(*) FROM feedback;\n",
                            csv);

  start = now ();
  start_cpu = cpu (RUSAGE_CHILDREN);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                              G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              shell != NULL ? shell : "sqlite3", db, NULL);
  if (process == NULL)
    g_error ("Cannot run sqlite3: %s", error->message);
  if (!g_subprocess_communicate_utf8 (process, script, NULL, &out, &err, &error))
    g_error ("Cannot talk to sqlite3: %s", error->message);
  g_subprocess_wait (process, NULL, NULL);
  timing.wall = now () - start;
  timing.cpu = cpu (RUSAGE_CHILDREN) - start_cpu;

  if (!g_subprocess_get_successful (process))
    g_error ("sqlite3 failed:\n%s", err);

  {
    g_autofree char *expected = g_strdup_printf ("1\n%u\n", n);

    if (strcmp (out, expected) != 0)
      g_error ("sqlite3 printed “%s”, not “%s”", out, expected);
  }

  g_unlink (db);
  return timing;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = tl_test_make_tmpdir ("tl-bench-import-XXXXXX");
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint));

  for (int i = 1; i < argc; i++)
    {
      guint n = (guint) g_ascii_strtoull (argv[i], NULL, 10);

      if (n == 0)
        {
          g_printerr ("Usage: bench-import [ROWS…]\n");
          return 2;
        }
      g_array_append_val (sizes, n);
    }
  if (sizes->len == 0)
    {
      guint defaults[] = { 100000, 1000000 };

      g_array_append_vals (sizes, defaults, G_N_ELEMENTS (defaults));
    }

  g_print ("Import of generated bilingual feedback (text, date, source, stage, rating, respondent),\n"
           "full-text index included, against the sqlite3 shell: .import + FTS5 trigram index\n");

  for (guint s = 0; s < sizes->len; s++)
    {
      guint n = g_array_index (sizes, guint, s);
      g_autofree char *csv = g_build_filename (dir, "feedback.csv", NULL);
      GStatBuf st;
      guint64 rows = 0;
      double read;
      Timing ours, reference;

      write_csv (csv, n);
      g_stat (csv, &st);

      /* Warm the page cache for both */
      read = time_reader (csv, &rows);
      g_assert_cmpuint (rows, ==, n + 1);

      reference = time_sqlite3 (dir, csv, n);
      ours = time_touchloop (dir, csv, n);

      g_print ("\n  %u rows (%.1f MB of CSV)                              wall      processor\n",
               n, st.st_size / 1e6);
      g_print ("    %-48s %8.2f s %8.2f s\n", "touchloop import (tl_import_run)", ours.wall, ours.cpu);
      g_print ("    %-48s %8.2f s %8.2f s\n", "sqlite3 .import + FTS5 trigram (reference)",
               reference.wall, reference.cpu);
      g_print ("    %-48s %8.2f x %8.2f x   (target <= 1.5)\n", "touchloop / reference",
               ours.wall / reference.wall, ours.cpu / reference.cpu);
      g_print ("    %-48s %8.2f s            (%.0f MB/s)\n",
               "reading the CSV alone (TlCsvReader)", read, st.st_size / 1e6 / read);

      g_unlink (csv);
    }

  tl_test_rm_rf (dir);
  return 0;
}
