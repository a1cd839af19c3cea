/* test-sample.c: the bundled sample workspace and its generator
 *
 * Registered in data/sample/meson.build, next to the target it checks.
 * TL_SAMPLE_WORKSPACE is the generated file, TL_SAMPLE_SRCDIR the folder of
 * its text sources, TL_MAKE_SAMPLE the generator.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "tl-model.h"
#include "tl-store.h"

static const char *workspace_path;
static const char *sample_srcdir;
static const char *make_sample;

static TlStore *
open_sample (void)
{
  g_autoptr(GError) error = NULL;
  TlStore *store = tl_store_open (workspace_path, TL_STORE_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static GPtrArray *
fetch_all (TlStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = tl_store_list_feedback_ids (store, &error);
  GPtrArray *items;

  g_assert_no_error (error);
  items = tl_store_fetch_feedback (store, (const gint64 *)(gpointer)ids->data, ids->len,
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, ids->len);
  return items;
}

static gboolean
is_team (const char *owner)
{
  const char * const *teams = tl_owner_team_ids ();

  return owner != NULL && g_strv_contains (teams, owner);
}

/* Data lines of a table: neither blank nor a comment, minus the header. */
static guint
count_tsv_rows (const char *name)
{
  g_autofree char *path = g_build_filename (sample_srcdir, name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && lines[i][0] != '#' && strcmp (lines[i], "\r") != 0)
      n++;

  g_assert_cmpuint (n, >, 0);
  return n - 1;
}

static void
test_sample_open (void)
{
  g_autoptr(TlStore) store = open_sample ();
  TlDocument *document = tl_store_get_document (store);

  g_assert_cmpstr (tl_document_get_language (document), ==, "zh_CN");
  g_assert_nonnull (strstr (tl_document_get_title (document), "拾光"));
  g_assert_cmpuint (g_list_model_get_n_items (tl_document_get_stations (document)), ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (tl_document_get_loops (document)), ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (tl_document_get_cells (document)), ==, 35);
}

static void
test_sample_validate (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  gboolean sound;

  sound = tl_store_validate (workspace_path, &problems, &error);
  if (problems != NULL)
    for (guint i = 0; i < problems->len; i++)
      g_test_message ("problem: %s", (const char *)g_ptr_array_index (problems, i));
  g_assert_no_error (error);
  g_assert_true (sound);
}

static void
test_sample_counts (void)
{
  g_autoptr(TlStore) store = open_sample ();
  gint64 n = tl_store_count_feedback (store);
  gint64 linked = tl_store_count_linked_feedback (store);
  double share = (double)linked / (double)n;

  g_test_message ("%" G_GINT64_FORMAT " items, %" G_GINT64_FORMAT " linked (%.1f%%)",
                  n, linked, 100 * share);
  g_assert_cmpint (n, >=, 300);
  g_assert_cmpint (n, <=, 400);
  /* Every line of the text source made it into the file. */
  g_assert_cmpint (n, ==, count_tsv_rows ("cafe-feedback.tsv"));
  /* Most items are linked; some are left for the triage view. */
  g_assert_cmpfloat (share, >=, 0.85);
  g_assert_cmpfloat (share, <=, 0.95);
}

static void
test_sample_stages (void)
{
  g_autoptr(TlStore) store = open_sample ();
  g_autoptr(GPtrArray) items = fetch_all (store);
  guint per_stage[6] = { 0, };
  guint unknown = 0;

  for (guint i = 0; i < items->len; i++)
    {
      char stage = tl_feedback_item_get_stage (g_ptr_array_index (items, i));

      if (stage == '\0')
        unknown++;
      else
        {
          g_assert_true (tl_stage_is_valid (stage));
          per_stage[stage - 'A']++;
        }
    }

  for (guint s = 0; s < 6; s++)
    {
      g_test_message ("stage %c: %u", 'A' + s, per_stage[s]);
      g_assert_cmpuint (per_stage[s], >, 0);
    }
  /* Customers and members (C, D) are most of the voices. */
  g_assert_cmpuint (per_stage[2] + per_stage[3], >, items->len / 2);
  /* Partners (F) are the fewest of the fans. */
  g_assert_cmpuint (per_stage[5], <, per_stage[1]);
}

static void
test_sample_matrix (void)
{
  g_autoptr(TlStore) store = open_sample ();
  TlDocument *document = tl_store_get_document (store);
  GListModel *cells = tl_document_get_cells (document);
  guint scale = tl_document_get_score_scale (document);
  guint n_gaps = 0, n_key = 0, n_other = 0;
  double key_target = 0, other_target = 0;

  g_assert_cmpuint (g_list_model_get_n_items (cells), ==, 35);
  for (guint i = 0; i < g_list_model_get_n_items (cells); i++)
    {
      g_autoptr(TlCell) cell = g_list_model_get_item (cells, i);
      guint current = tl_cell_get_current (cell);
      guint target = tl_cell_get_target (cell);

      g_test_message ("%s: %u → %u", tl_cell_get_id (cell), current, target);
      g_assert_nonnull (tl_cell_get_description (cell));
      g_assert_cmpuint (g_utf8_strlen (tl_cell_get_description (cell), -1), >=, 10);
      g_assert_cmpuint (current, >=, 1);
      g_assert_cmpuint (current, <=, scale);
      g_assert_cmpuint (target, >=, current);
      g_assert_cmpuint (target, <=, scale);
      g_assert_true (is_team (tl_cell_get_owner (cell)));

      if (target - current >= 2)
        n_gaps++;
      if (tl_cell_get_key (cell))
        {
          n_key++;
          key_target += target;
        }
      else
        {
          n_other++;
          other_target += target;
        }
    }

  /* Gaps are visible, and the key cells are where the brand aims highest. */
  g_assert_cmpuint (n_gaps, >=, 5);
  g_assert_cmpuint (n_key, >, 0);
  g_assert_cmpuint (n_other, >, 0);
  g_assert_cmpfloat (key_target / n_key, >, other_target / n_other);
}

static void
test_sample_stations_loops (void)
{
  g_autoptr(TlStore) store = open_sample ();
  TlDocument *document = tl_store_get_document (store);
  GListModel *stations = tl_document_get_stations (document);
  GListModel *loops = tl_document_get_loops (document);

  for (guint i = 0; i < g_list_model_get_n_items (stations); i++)
    {
      g_autoptr(TlStation) station = g_list_model_get_item (stations, i);

      g_assert_nonnull (tl_station_get_description (station));
      g_assert_cmpuint (g_utf8_strlen (tl_station_get_description (station), -1), >=, 20);
      g_assert_true (is_team (tl_station_get_owner (station)));
    }

  for (guint i = 0; i < g_list_model_get_n_items (loops); i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);

      g_assert_nonnull (tl_loop_get_description (loop));
      g_assert_cmpuint (g_utf8_strlen (tl_loop_get_description (loop), -1), >=, 20);
    }
}

/* A few characters only Traditional Chinese (and Cantonese) writes. */
static const char traditional_only[] = "這們個說還與為來對時會點麼體驗環燈裡嚟啲係冇嘅";

static void
classify_text (const char *text,
               gboolean   *han,
               gboolean   *latin_word,
               gboolean   *traditional)
{
  guint run = 0;

  *han = *latin_word = *traditional = FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN)
        {
          char utf8[7] = { 0, };

          *han = TRUE;
          g_unichar_to_utf8 (c, utf8);
          if (strstr (traditional_only, utf8) != NULL)
            *traditional = TRUE;
        }

      if (c < 0x80 && g_ascii_isalpha ((char)c))
        {
          if (++run >= 3)
            *latin_word = TRUE;
        }
      else
        run = 0;
    }
}

static void
test_sample_languages (void)
{
  g_autoptr(TlStore) store = open_sample ();
  g_autoptr(GPtrArray) items = fetch_all (store);
  guint chinese = 0, english = 0, mixed = 0, traditional = 0;
  double english_share;

  for (guint i = 0; i < items->len; i++)
    {
      const char *text = tl_feedback_item_get_text (g_ptr_array_index (items, i));
      gboolean han, latin, trad;

      g_assert_true (g_utf8_validate (text, -1, NULL));
      classify_text (text, &han, &latin, &trad);
      if (han && latin)
        mixed++;
      else if (han)
        chinese++;
      else if (latin)
        english++;
      if (trad)
        traditional++;
    }

  english_share = (double)english / items->len;
  g_test_message ("Chinese %u, English %u, mixed %u, with Traditional characters %u",
                  chinese, english, mixed, traditional);
  g_assert_cmpuint (chinese, >, english);
  g_assert_cmpfloat (english_share, >=, 0.15);
  g_assert_cmpfloat (english_share, <=, 0.40);
  g_assert_cmpuint (mixed, >=, 10);
  g_assert_cmpuint (traditional, >=, 10);
}

static void
test_sample_links (void)
{
  g_autoptr(TlStore) store = open_sample ();
  TlDocument *document = tl_store_get_document (store);
  g_autoptr(GPtrArray) items = fetch_all (store);
  g_autoptr(GHashTable) per_target = NULL;
  GListModel *stations = tl_document_get_stations (document);
  GListModel *loops = tl_document_get_loops (document);
  GListModel *cells = tl_document_get_cells (document);

  per_target = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      const char * const *links = tl_feedback_item_get_links (g_ptr_array_index (items, i));
      guint n = links ? g_strv_length ((char **)links) : 0;

      g_assert_cmpuint (n, <=, 3);
      for (guint j = 0; j < n; j++)
        {
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (per_target, links[j]));

          g_hash_table_insert (per_target, g_strdup (links[j]), GUINT_TO_POINTER (count + 1));
        }
    }

  /* Every station and loop has enough voices for its heat to mean
   * something, and no cell of the matrix is silent. */
  for (guint i = 0; i < g_list_model_get_n_items (stations); i++)
    {
      g_autoptr(TlStation) station = g_list_model_get_item (stations, i);
      g_autofree char *key = g_strconcat ("station:", tl_station_get_id (station), NULL);

      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (per_target, key)), >=, 5);
      g_hash_table_remove (per_target, key);
    }
  for (guint i = 0; i < g_list_model_get_n_items (loops); i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);
      g_autofree char *key = g_strconcat ("loop:", tl_loop_get_id (loop), NULL);

      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (per_target, key)), >=, 5);
      g_hash_table_remove (per_target, key);
    }
  for (guint i = 0; i < g_list_model_get_n_items (cells); i++)
    {
      g_autoptr(TlCell) cell = g_list_model_get_item (cells, i);
      g_autofree char *key = g_strconcat ("cell:", tl_cell_get_id (cell), NULL);

      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (per_target, key)), >=, 1);
      g_hash_table_remove (per_target, key);
    }

  /* Nothing links to what the document does not have. */
  g_assert_cmpuint (g_hash_table_size (per_target), ==, 0);
}

static void
test_sample_items (void)
{
  g_autoptr(TlStore) store = open_sample ();
  g_autoptr(GPtrArray) items = fetch_all (store);
  g_autoptr(GHashTable) texts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) sources = g_hash_table_new (g_str_hash, g_str_equal);
  guint rated = 0;

  for (guint i = 0; i < items->len; i++)
    {
      TlFeedbackItem *item = g_ptr_array_index (items, i);
      const char *date = tl_feedback_item_get_date (item);

      g_assert_true (g_hash_table_add (texts, (gpointer)tl_feedback_item_get_text (item)));

      g_assert_nonnull (tl_feedback_item_get_source (item));
      g_hash_table_add (sources, (gpointer)tl_feedback_item_get_source (item));

      g_assert_nonnull (date);
      g_assert_cmpuint (strlen (date), ==, 10);
      g_assert_cmpstr (date, >=, "2025-06-01");
      g_assert_cmpstr (date, <=, "2026-11-30");

      if (tl_feedback_item_has_rating (item))
        {
          rated++;
          g_assert_cmpfloat (tl_feedback_item_get_rating (item), >=, 1);
          g_assert_cmpfloat (tl_feedback_item_get_rating (item), <=, 5);
        }
    }

  /* Some posts carry no rating; most reviews do. */
  g_assert_cmpuint (rated, <, items->len);
  g_assert_cmpuint (rated, >, items->len / 2);
  g_assert_cmpuint (g_hash_table_size (sources), >=, 8);
}

typedef struct {
  const char *name;
  const char *line;       /* line 5 of the feedback file */
  const char *expected;   /* a part of the message */
} BadLine;

/* Runs the generator on the real sources, with @feedback (a file in @dir)
 * for the feedback; returns its exit status and stderr. */
static int
run_generator (const char  *dir,
               const char  *feedback,
               char       **err)
{
  g_autofree char *document = g_build_filename (sample_srcdir, "cafe-document.tsv", NULL);
  g_autofree char *stations = g_build_filename (sample_srcdir, "cafe-stations.tsv", NULL);
  g_autofree char *loops = g_build_filename (sample_srcdir, "cafe-loops.tsv", NULL);
  g_autofree char *matrix = g_build_filename (sample_srcdir, "cafe-matrix.tsv", NULL);
  g_autofree char *output = g_build_filename (dir, "out.touchloop", NULL);
  const char *argv[] = {
    make_sample, "--document", document, "--stations", stations, "--loops", loops,
    "--matrix", matrix, "--feedback", feedback, "--output", output, NULL
  };
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, err, &status, &error);
  g_assert_no_error (error);
  return status;
}

static void
test_generator_rebuilds (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tl-sample-XXXXXX", &error);
  g_autofree char *feedback = g_build_filename (sample_srcdir, "cafe-feedback.tsv", NULL);
  g_autofree char *output = NULL;
  g_autofree char *err = NULL;
  g_autoptr(TlStore) rebuilt = NULL;
  g_autoptr(TlStore) shipped = open_sample ();
  int status;

  g_assert_no_error (error);
  status = run_generator (dir, feedback, &err);
  g_test_message ("stderr: %s", err);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);

  output = g_build_filename (dir, "out.touchloop", NULL);
  rebuilt = tl_store_open (output, TL_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tl_store_count_feedback (rebuilt), ==, tl_store_count_feedback (shipped));
  g_assert_cmpint (tl_store_count_linked_feedback (rebuilt), ==,
                   tl_store_count_linked_feedback (shipped));
  g_clear_object (&rebuilt);

  /* Nothing but the finished file is left behind. */
  g_assert_cmpint (g_remove (output), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_generator_rejects (gconstpointer data)
{
  const BadLine *bad = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tl-sample-XXXXXX", &error);
  g_autofree char *feedback = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *output = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  int status;

  g_assert_no_error (error);
  feedback = g_build_filename (dir, "bad-feedback.tsv", NULL);
  output = g_build_filename (dir, "out.touchloop", NULL);

  /* The bad line is line 5, after a comment, the header and two good lines. */
  contents = g_strconcat ("# a test\n",
                          "date\tstage\trating\tsource\trespondent\ttags\tlinks\ttext\n",
                          "2025-07-01\tC\t4\t美团外卖\t\t配送\t"
                          "station:logistics loop:loop2\t送得很快，还是热的。\n",
                          "2025-07-02\tD\t\tWeChat 小程序\t会员 1\t\t\tGood oat latte.\n",
                          bad->line, "\n",
                          NULL);
  g_file_set_contents (feedback, contents, -1, &error);
  g_assert_no_error (error);

  status = run_generator (dir, feedback, &err);
  g_test_message ("stderr: %s", err);
  g_assert_false (g_spawn_check_wait_status (status, NULL));

  expected = g_strconcat (feedback, ":5: ", NULL);
  g_assert_nonnull (strstr (err, expected));
  g_assert_nonnull (strstr (err, bad->expected));
  /* A failed run leaves no file that looks finished, nor a partial one. */
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_remove (feedback), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static const BadLine bad_lines[] = {
  { "unknown-station", "2025-07-03\tC\t3\t饿了么\t\t\tstation:kitchen\t出餐慢。",
    "station:kitchen" },
  { "unknown-cell", "2025-07-03\tC\t3\t饿了么\t\t\tcell:people/smell\t香水味太重。",
    "cell:people/smell" },
  { "bad-stage", "2025-07-03\tG\t3\t饿了么\t\t\t\t还行。", "stage" },
  { "bad-rating", "2025-07-03\tC\t6\t饿了么\t\t\t\t非常好！", "rating" },
  { "bad-date", "2025-02-30\tC\t3\t饿了么\t\t\t\t二月三十号喝的。", "date" },
  { "extra-field", "2025-07-03\tC\t3\t饿了么\t\t\t\t多了\t一个制表符", "fields" },
  { "duplicate-text", "2025-07-05\tC\t3\t饿了么\t\t\t\tGood oat latte.", "line 4" },
  { "empty-text", "2025-07-03\tC\t3\t饿了么\t\t\tstation:order\t", "text" },
};

int
main (int   argc,
      char *argv[])
{
  /* Messages quote Chinese text: print them as UTF-8 under C.UTF-8. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  workspace_path = g_getenv ("TL_SAMPLE_WORKSPACE");
  sample_srcdir = g_getenv ("TL_SAMPLE_SRCDIR");
  make_sample = g_getenv ("TL_MAKE_SAMPLE");
  if (!workspace_path || !sample_srcdir || !make_sample)
    {
      g_printerr ("Set TL_SAMPLE_WORKSPACE, TL_SAMPLE_SRCDIR and TL_MAKE_SAMPLE "
                  "(meson test does)\n");
      return 77;
    }

  g_test_add_func ("/tl/data/sample/open", test_sample_open);
  g_test_add_func ("/tl/data/sample/validate", test_sample_validate);
  g_test_add_func ("/tl/data/sample/counts", test_sample_counts);
  g_test_add_func ("/tl/data/sample/stages", test_sample_stages);
  g_test_add_func ("/tl/data/sample/matrix", test_sample_matrix);
  g_test_add_func ("/tl/data/sample/stations-loops", test_sample_stations_loops);
  g_test_add_func ("/tl/data/sample/languages", test_sample_languages);
  g_test_add_func ("/tl/data/sample/links", test_sample_links);
  g_test_add_func ("/tl/data/sample/items", test_sample_items);
  g_test_add_func ("/tl/data/sample/generator/rebuilds", test_generator_rebuilds);
  for (guint i = 0; i < G_N_ELEMENTS (bad_lines); i++)
    {
      g_autofree char *path = g_strconcat ("/tl/data/sample/generator/rejects-",
                                           bad_lines[i].name, NULL);

      g_test_add_data_func (path, &bad_lines[i], test_generator_rejects);
    }

  return g_test_run ();
}
