/* test-storage-search.c: finding feedback agrees with looking at every
 * item — texts of one, two, three and more characters, Chinese and
 * English; filters and sorts; counts by source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "feedback-test-util.h"

static const char *builtin[] = {
  "很快，好吃，味道足，量大", "送餐太慢了，等了一个多小时", "服务员很热情，环境也不错",
  "菜都凉了，包装还漏了", "价格实惠，下次还会再来", "口味一般，分量太少", "好", "好吃",
  "骑手态度很好，准时送达", "不好吃，再也不会点了", "快", "a", "ab", "AB", "Ab c",
  "Fast delivery and the food was still hot", "FAST and friendly", "fast? no.",
  "The courier was rude and late", "Great taste, generous portions 好评",
  "100% 满意 (five stars)", "50%_off \\o/ “quotes” \"double\"", "  spaces  ", "É é ÉCOLE école",
};

static const char *sources[] = { "WeChat", "Weibo", "美团", "survey", NULL };
static const char *tags[] = { "price, taste", "Delivery；包装", "服务、态度", "taste", NULL, "PRICE" };

typedef struct
{
  char      *path;
  TlStore   *store;
  GPtrArray *rows;      /* TlTestRow, by id */
  GPtrArray *texts;
} Fixture;

/* Up to @max reviews of the shared data, if it is there */
static void
add_shared_reviews (GPtrArray *texts,
                    guint      max)
{
  const char *dir = g_getenv ("TL_SHARED_DATA_DIR");
  g_autofree char *path = dir ? g_build_filename (dir, "waimai_10k.csv", NULL) : NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (path == NULL || !g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_test_message ("No shared data: built-in texts only");
      return;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1, n = 0; lines[i] != NULL && n < max; i += 37)
    {
      const char *comma = strchr (lines[i], ',');

      if (comma != NULL && comma[1] != '\0' && comma[1] != '"' && g_utf8_validate (comma + 1, -1, NULL))
        {
          g_ptr_array_add (texts, g_strstrip (g_strdup (comma + 1)));
          n++;
        }
    }
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  static guint serial;
  g_autofree char *name = g_strdup_printf ("search-%u.touchloop", serial++);

  fixture->path = tl_test_path (name);
  fixture->store = tl_test_create_store (fixture->path, document);
  fixture->texts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (builtin); i++)
    g_ptr_array_add (fixture->texts, g_strdup (builtin[i]));
  add_shared_reviews (fixture->texts, 250);

  g_assert_true (tl_store_begin (fixture->store, &error));
  for (guint i = 0; i < 2 * fixture->texts->len; i++)
    {
      g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
      g_autoptr(GPtrArray) links = g_ptr_array_new ();
      const char *station_links[] = { "station:order", "station:wom", "station:pain", "station:hub" };
      const char *other_links[] = { "loop:loop2", "loop:loop6", "cell:people/feel", "cell:space/act" };

      tl_feedback_item_set_text (item, g_ptr_array_index (fixture->texts, i % fixture->texts->len));
      tl_feedback_item_set_source (item, sources[g_rand_int_range (rand, 0, G_N_ELEMENTS (sources))]);
      tl_feedback_item_set_tags (item, tags[g_rand_int_range (rand, 0, G_N_ELEMENTS (tags))]);
      if (g_rand_int_range (rand, 0, 5) > 0)
        {
          g_autofree char *date = g_strdup_printf ("2025-%02d-%02d%s", g_rand_int_range (rand, 1, 13),
                                                   g_rand_int_range (rand, 1, 29),
                                                   g_rand_boolean (rand) ? "" : "T12:30");
          tl_feedback_item_set_date (item, date);
        }
      if (g_rand_int_range (rand, 0, 4) > 0)
        tl_feedback_item_set_stage (item, 'A' + g_rand_int_range (rand, 0, 6));
      if (g_rand_int_range (rand, 0, 3) > 0)
        tl_feedback_item_set_rating (item, g_rand_int_range (rand, 1, 6));
      if (g_rand_boolean (rand))
        g_ptr_array_add (links, (gpointer)station_links[g_rand_int_range (rand, 0, 4)]);
      if (g_rand_int_range (rand, 0, 3) == 0)
        g_ptr_array_add (links, (gpointer)other_links[g_rand_int_range (rand, 0, 4)]);
      g_ptr_array_add (links, NULL);
      tl_feedback_item_set_links (item, (const char * const *)links->pdata);

      g_assert_cmpint (tl_store_add_feedback (fixture->store, item, &error), >, 0);
      g_assert_no_error (error);
    }
  g_assert_true (tl_store_commit (fixture->store, &error));

  /* Some images, for the image filter */
  for (gint64 id = 1; id < 40; id += 3)
    {
      g_autoptr(GBytes) png = tl_test_png (4, 4);

      g_assert_cmpint (tl_store_add_image (fixture->store, id, png, 0, &error), >, 0);
    }

  fixture->rows = tl_test_read_rows (fixture->path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  _tl_store_query_dense_threshold = -1;
  _tl_store_query_target_in_sql = -1;
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->rows, g_ptr_array_unref);
  g_clear_pointer (&fixture->texts, g_ptr_array_unref);
  g_clear_pointer (&fixture->path, g_free);
}

/* ---- by hand ------------------------------------------------------------ */

/* Lower case, letter by letter: what "case-insensitive" means here (the
 * store's own folding is not used, so that it is tested) */
static char *
fold (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    g_string_append_unichar (s, g_unichar_tolower (g_utf8_get_char (p)));
  return g_string_free (s, FALSE);
}

static gboolean
text_matches (const char *text,
              const char *query)
{
  g_autofree char *t = fold (text);
  g_autofree char *q = fold (query);

  return strstr (t, q) != NULL;
}

static int
compare_nullable (const char *a,
                  const char *b)
{
  /* NULL lowest, as SQLite sorts */
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return strcmp (a, b);
}

static TlFeedbackSort sort_key;
static gboolean sort_descending;

static int
compare_rows (gconstpointer pa,
              gconstpointer pb)
{
  const TlTestRow *a = *(TlTestRow **)pa, *b = *(TlTestRow **)pb;
  int c = 0;

  switch (sort_key)
    {
    case TL_FEEDBACK_SORT_DATE:
      c = compare_nullable (a->date, b->date);
      break;
    case TL_FEEDBACK_SORT_RATING:
      if (a->has_rating != b->has_rating)
        c = a->has_rating - b->has_rating;
      else if (a->has_rating)
        c = (a->rating > b->rating) - (a->rating < b->rating);
      break;
    case TL_FEEDBACK_SORT_SOURCE:
      c = compare_nullable (a->source, b->source);
      break;
    case TL_FEEDBACK_SORT_STAGE:
      c = compare_nullable (a->stage, b->stage);
      break;
    case TL_FEEDBACK_SORT_TEXT:
      c = compare_nullable (a->text, b->text);
      break;
    }
  /* Descending: NULL last, ties by id ascending; ascending: all of it
   * backwards */
  if (sort_descending)
    c = -c;
  if (c == 0)
    c = sort_descending ? (a->id > b->id) - (a->id < b->id) : (a->id < b->id) - (a->id > b->id);
  return c;
}

static gboolean
has_tag (const char *tags_text,
         const char *tag)
{
  g_autofree char *folded = NULL;
  g_autofree char *want = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) s = NULL;

  if (tags_text == NULL)
    return FALSE;
  folded = fold (tags_text);
  want = g_strstrip (fold (tag));
  s = g_string_new (folded);
  g_string_replace (s, "，", ",", 0);
  g_string_replace (s, "；", ",", 0);
  g_string_replace (s, "、", ",", 0);
  g_string_replace (s, ";", ",", 0);
  parts = g_strsplit (s->str, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (strcmp (g_strstrip (parts[i]), want) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
row_matches (TlDocument            *document,
             TlTestRow             *row,
             const TlFeedbackQuery *query)
{
  if (query->text != NULL && *query->text != '\0' && !text_matches (row->text, query->text))
    return FALSE;
  if (query->stages != 0 &&
      !(query->stages & (row->stage ? TL_STAGE_BIT (row->stage[0]) : TL_STAGE_BIT_UNKNOWN)))
    return FALSE;
  if (query->source != NULL && g_strcmp0 (row->source, query->source) != 0)
    return FALSE;
  if (!isnan (query->rating_min) && (!row->has_rating || row->rating < query->rating_min))
    return FALSE;
  if (!isnan (query->rating_max) && (!row->has_rating || row->rating > query->rating_max))
    return FALSE;
  if (query->date_from != NULL && (row->date == NULL || strcmp (row->date, query->date_from) < 0))
    return FALSE;
  if (query->date_to != NULL)
    {
      /* A bare date includes its whole day */
      if (row->date == NULL)
        return FALSE;
      if (strlen (query->date_to) == 10 ? strncmp (row->date, query->date_to, 10) > 0
                                        : strcmp (row->date, query->date_to) > 0)
        return FALSE;
    }
  if (query->tag != NULL && !has_tag (row->tags, query->tag))
    return FALSE;
  if (query->images == TL_IMAGE_FILTER_WITH && row->n_images == 0)
    return FALSE;
  if (query->images == TL_IMAGE_FILTER_WITHOUT && row->n_images > 0)
    return FALSE;
  if (query->linked == TL_LINK_FILTER_LINKED && row->links->len == 0)
    return FALSE;
  if (query->linked == TL_LINK_FILTER_UNLINKED && row->links->len > 0)
    return FALSE;
  if (query->linked_to != NULL)
    {
      if (query->direct_links)
        {
          if (!tl_test_row_has_link (row, query->linked_to))
            return FALSE;
        }
      else
        {
          const char *colon = strchr (query->linked_to, ':');
          g_autofree char *kind = g_strndup (query->linked_to, colon - query->linked_to);

          if (!tl_test_row_counts_for (document, row, kind, colon + 1))
            return FALSE;
        }
    }
  return TRUE;
}

/* The ids @query should give, by looking at every row */
static GArray *
brute_force (Fixture               *fixture,
             const TlFeedbackQuery *query)
{
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  TlDocument *document = tl_store_get_document (fixture->store);

  for (guint i = 0; i < fixture->rows->len; i++)
    if (row_matches (document, g_ptr_array_index (fixture->rows, i), query))
      g_ptr_array_add (matching, g_ptr_array_index (fixture->rows, i));

  sort_key = query->sort;
  sort_descending = query->descending;
  g_ptr_array_sort (matching, compare_rows);

  for (guint i = query->offset; i < matching->len && (query->limit == 0 || i < query->offset + query->limit); i++)
    g_array_append_val (ids, ((TlTestRow *)g_ptr_array_index (matching, i))->id);
  return ids;
}

static void
assert_same_ids (GArray     *got,
                 GArray     *want,
                 const char *what)
{
  if (got->len != want->len ||
      (got->len > 0 && memcmp (got->data, want->data, got->len * sizeof (gint64)) != 0))
    {
      g_autoptr(GString) s = g_string_new (NULL);

      for (guint i = 0; i < MIN (got->len, 10); i++)
        g_string_append_printf (s, " %" G_GINT64_FORMAT, g_array_index (got, gint64, i));
      g_string_append (s, " | want");
      for (guint i = 0; i < MIN (want->len, 10); i++)
        g_string_append_printf (s, " %" G_GINT64_FORMAT, g_array_index (want, gint64, i));
      g_error ("%s: %u ids, want %u:%s", what, got->len, want->len, s->str);
    }
}

/* The query through the store, every way it can go, against brute force */
static void
check_query (Fixture               *fixture,
             const TlFeedbackQuery *query,
             const char            *what)
{
  g_autoptr(GArray) want = brute_force (fixture, query);
  const gint64 thresholds[] = { -1, 0, G_MAXINT64 };

  for (guint t = 0; t < G_N_ELEMENTS (thresholds); t++)
    for (int in_sql = -1; in_sql <= 1; in_sql++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GArray) got = NULL;

        _tl_store_query_dense_threshold = thresholds[t];
        _tl_store_query_target_in_sql = in_sql;
        got = tl_store_query_feedback_ids (fixture->store, query, NULL, &error);
        g_assert_no_error (error);
        assert_same_ids (got, want, what);
      }
  _tl_store_query_dense_threshold = -1;
  _tl_store_query_target_in_sql = -1;
}

/* ---- the tests -------------------------------------------------------------- */

static void
check_text (Fixture    *fixture,
            const char *text,
            guint      *n_found)
{
  g_autoptr(TlFeedbackQuery) query = tl_feedback_query_new ();
  g_autoptr(GArray) want = NULL;
  g_autoptr(GArray) searched = NULL;
  g_autoptr(GError) error = NULL;

  query->text = g_strdup (text);
  check_query (fixture, query, text);

  /* A first page, and a page further on */
  query->limit = 7;
  check_query (fixture, query, text);
  query->offset = 5;
  check_query (fixture, query, text);

  /* The old entry point agrees */
  query->limit = query->offset = 0;
  want = brute_force (fixture, query);
  searched = tl_store_search_feedback_ids (fixture->store, text, &error);
  g_assert_no_error (error);
  assert_same_ids (searched, want, text);
  *n_found += want->len > 0;
}

static guint
count_found (TlStore    *store,
             const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = tl_store_search_feedback_ids (store, query, &error);

  g_assert_no_error (error);
  return ids->len;
}

static gint64
add_text (TlStore    *store,
          const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
  gint64 id;

  tl_feedback_item_set_text (item, text);
  id = tl_store_add_feedback (store, item, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Inside tl_store_begin() the items added go into the full-text indexes
 * in one go: a search, an edit and a deletion in the same transaction
 * still see them, and both indexes are sound after the commit. */
static void
test_in_transaction (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");
  g_autofree char *path = tl_test_path ("search-in-transaction.touchloop");
  g_autoptr(TlStore) store = tl_test_create_store (path, document);
  g_autoptr(TlFeedbackItem) edit = NULL;
  gint64 soup, gone, edited;
  gint64 ids[1];

  add_text (store, "before the batch 外卖");
  g_assert_true (tl_store_begin (store, &error));
  g_assert_no_error (error);
  soup = add_text (store, "汤洒了一半 soup spilled");
  gone = add_text (store, "菜都凉了 cold food");
  edited = add_text (store, "骑手态度很好 friendly");
  /* found before the commit, by both indexes */
  g_assert_cmpuint (count_found (store, "soup spilled"), ==, 1);
  g_assert_cmpuint (count_found (store, "汤"), ==, 1);
  g_assert_cmpuint (count_found (store, "凉了"), ==, 1);

  /* more, then a deletion and an edit of items not yet indexed */
  add_text (store, "外卖送得很快 fast");
  add_text (store, "汤洒了一半 soup spilled");   /* typed twice: both kept */
  ids[0] = gone;
  g_assert_cmpint (tl_store_delete_feedback (store, ids, 1, &error), ==, 1);
  g_assert_no_error (error);
  add_text (store, "价格有点贵 pricey");
  edit = tl_store_get_feedback (store, edited, &error);
  g_assert_no_error (error);
  tl_feedback_item_set_text (edit, "骑手迟到 late");
  g_assert_true (tl_store_update_feedback (store, edit, TL_FEEDBACK_FIELD_TEXT, NULL, &error));
  g_assert_no_error (error);
  add_text (store, "分量太少了 small");
  g_assert_true (tl_store_commit (store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (tl_store_count_feedback (store), ==, 7);
  g_assert_cmpuint (count_found (store, "soup spilled"), ==, 2);
  g_assert_cmpuint (count_found (store, "汤"), ==, 2);
  g_assert_cmpuint (count_found (store, "凉"), ==, 0);
  g_assert_cmpuint (count_found (store, "cold food"), ==, 0);
  g_assert_cmpuint (count_found (store, "friendly"), ==, 0);
  g_assert_cmpuint (count_found (store, "迟到"), ==, 1);
  g_assert_cmpuint (count_found (store, "small"), ==, 1);
  g_assert_cmpuint (count_found (store, "外卖"), ==, 2);
  g_assert_cmpuint (count_found (store, "外"), ==, 2);

  /* Items typed by hand carry a fingerprint: the first of two identical
   * ones, the other goes without */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM feedback WHERE fingerprint IS NULL"
                                            " AND id > %" G_GINT64_FORMAT, soup);

    g_assert_cmpint (tl_test_file_int (path, "SELECT count(*) FROM feedback WHERE fingerprint IS NOT NULL"), ==, 6);
    g_assert_cmpint (tl_test_file_int (path, sql), ==, 1);
  }

  /* FTS5's own check of both indexes against the table */
  tl_test_file_exec (path, "INSERT INTO feedback_fts (feedback_fts, rank) VALUES ('integrity-check', 1)");
  tl_test_file_exec (path, "INSERT INTO feedback_gram (feedback_gram, rank) VALUES ('integrity-check', 1)");

  /* A rolled-back batch leaves nothing pending behind */
  g_assert_true (tl_store_begin (store, &error));
  add_text (store, "never committed 回滚");
  tl_store_rollback (store);
  g_assert_cmpuint (count_found (store, "回滚"), ==, 0);
  add_text (store, "after the rollback 之后");
  g_assert_cmpuint (count_found (store, "之后"), ==, 1);
  tl_test_file_exec (path, "INSERT INTO feedback_fts (feedback_fts, rank) VALUES ('integrity-check', 1)");
  tl_test_file_exec (path, "INSERT INTO feedback_gram (feedback_gram, rank) VALUES ('integrity-check', 1)");
}

static void
test_text (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  const char *fixed[] = {
    "好", "快", "吃", "好吃", "不好", "送餐", "很热情", "味道足，量大", "好评",
    "a", "A", "ab", "AB", "fast", "FAST", "Fa", "rude", "courier was", "é", "É", "école",
    "%", "_", "\\", "\"", "“", "100%", "50%_", " ", "  s", "，", "？",
    "鑫", "鑫鑫", "zzz", "not there at all",
  };
  guint n_found = 0, n_checked = 0;

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++, n_checked++)
    check_text (fixture, fixed[i], &n_found);

  /* Substrings of the texts themselves: 1, 2, 3, 4 and 6 characters */
  for (guint i = 0; i < 120; i++, n_checked++)
    {
      const char *text = g_ptr_array_index (fixture->texts, g_rand_int_range (rand, 0, fixture->texts->len));
      glong length = g_utf8_strlen (text, -1);
      glong want = (glong[]) { 1, 2, 2, 3, 4, 6 }[g_rand_int_range (rand, 0, 6)];
      glong start;
      g_autofree char *query = NULL;

      if (length < want)
        continue;
      start = g_rand_int_range (rand, 0, length - want + 1);
      query = g_utf8_substring (text, start, start + want);
      if (g_rand_int_range (rand, 0, 4) == 0)
        {
          g_autofree char *upper = g_utf8_strup (query, -1);

          g_free (query);
          query = g_steal_pointer (&upper);
        }
      check_text (fixture, query, &n_found);
    }

  /* Not a test that finds nothing */
  g_test_message ("%u of %u queries found something", n_found, n_checked);
  g_assert_cmpuint (n_found, >, n_checked / 2);
}

/* Case-insensitive for Latin letters, both ways */
static void
test_case (Fixture       *fixture,
           gconstpointer  data)
{
  const char *queries[] = { "fast", "FAST", "Fa", "fA" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = tl_store_search_feedback_ids (fixture->store, queries[i], &error);
      g_autoptr(GPtrArray) items = NULL;
      gboolean upper = FALSE, lower = FALSE;

      g_assert_no_error (error);
      items = tl_store_fetch_feedback (fixture->store, (gint64 *)ids->data, ids->len, &error);
      for (guint j = 0; j < items->len; j++)
        {
          const char *text = tl_feedback_item_get_text (g_ptr_array_index (items, j));

          upper |= strstr (text, "FAST") != NULL;
          lower |= strstr (text, "Fast") != NULL || strstr (text, "fast") != NULL;
        }
      g_assert_true (upper && lower);
    }
}

static char *
random_target (GRand *rand)
{
  const char *targets[] = {
    "station:order", "station:wom", "station:culture", "loop:loop2", "loop:loop5",
    "loop:loop6", "cell:people/feel", "cell:space/act",
  };

  return g_strdup (targets[g_rand_int_range (rand, 0, G_N_ELEMENTS (targets))]);
}

static void
test_filters_and_sorts (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  const char *texts[] = { NULL, "好", "好吃", "很快", "a", "the" };
  const char *dates[] = { "2025-03-01", "2025-06-15", "2025-06-15T12:30", "2025-09-30" };

  for (guint i = 0; i < 400; i++)
    {
      g_autoptr(TlFeedbackQuery) query = tl_feedback_query_new ();
      g_autofree char *what = NULL;

      query->text = g_strdup (texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (texts))]);
      if (g_rand_int_range (rand, 0, 3) == 0)
        query->stages = g_rand_int_range (rand, 1, 128);
      if (g_rand_int_range (rand, 0, 4) == 0)
        query->source = g_strdup (sources[g_rand_int_range (rand, 0, G_N_ELEMENTS (sources) - 1)]);
      if (g_rand_int_range (rand, 0, 4) == 0)
        query->rating_min = g_rand_int_range (rand, 1, 6);
      if (g_rand_int_range (rand, 0, 4) == 0)
        query->rating_max = g_rand_int_range (rand, 1, 6);
      if (g_rand_int_range (rand, 0, 4) == 0)
        query->date_from = g_strdup (dates[g_rand_int_range (rand, 0, G_N_ELEMENTS (dates))]);
      if (g_rand_int_range (rand, 0, 4) == 0)
        query->date_to = g_strdup (dates[g_rand_int_range (rand, 0, G_N_ELEMENTS (dates))]);
      if (g_rand_int_range (rand, 0, 5) == 0)
        query->tag = g_strdup ((const char *[]) { "price", "Taste", "包装", "态度", "nope" }[g_rand_int_range (rand, 0, 5)]);
      query->images = g_rand_int_range (rand, 0, 6) % 3;
      query->linked = g_rand_int_range (rand, 0, 6) % 3;
      if (g_rand_int_range (rand, 0, 3) == 0)
        {
          query->linked_to = random_target (rand);
          query->direct_links = g_rand_boolean (rand);
        }
      query->sort = g_rand_int_range (rand, 0, 5);
      query->descending = g_rand_boolean (rand);
      if (g_rand_boolean (rand))
        {
          query->limit = g_rand_int_range (rand, 1, 30);
          query->offset = g_rand_int_range (rand, 0, 20);
        }

      what = g_strdup_printf ("query %u (text %s, stages %x, sort %d%s)", i, query->text,
                              query->stages, query->sort, query->descending ? " desc" : "");
      check_query (fixture, query, what);
    }
}

static void
test_bad_query (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TlFeedbackQuery) query = tl_feedback_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  query->date_from = g_strdup ("yesterday");
  ids = tl_store_query_feedback_ids (fixture->store, query, NULL, &error);
  g_assert_null (ids);
  g_assert_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_pointer (&query->date_from, g_free);
  query->linked_to = g_strdup ("shelf:3");
  ids = tl_store_query_feedback_ids (fixture->store, query, NULL, &error);
  g_assert_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  /* Cancelled before it starts */
  g_clear_pointer (&query->linked_to, g_free);
  g_cancellable_cancel (cancellable);
  ids = tl_store_query_feedback_ids (fixture->store, query, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  GArray **out = data;
  g_autoptr(GError) error = NULL;

  *out = tl_store_query_feedback_ids_finish (TL_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(TlFeedbackQuery) query = tl_feedback_query_new ();
  g_autoptr(GArray) want = NULL;
  g_autoptr(GArray) got = NULL;

  query->text = g_strdup ("好");
  query->stages = TL_STAGE_BIT ('B') | TL_STAGE_BIT_UNKNOWN;
  want = brute_force (fixture, query);

  tl_store_query_feedback_ids_async (fixture->store, query, NULL, async_done_cb, &got);
  while (got == NULL)
    g_main_context_iteration (NULL, TRUE);
  assert_same_ids (got, want, "async");
}

static void
test_counts_by_source (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *targets[] = { NULL, "station:wom", "loop:loop2", "cell:people/feel", "station:culture" };
  TlDocument *document = tl_store_get_document (fixture->store);

  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) counts = tl_store_count_by_source (fixture->store, targets[t], &error);
      g_autoptr(GHashTable) want = g_hash_table_new (g_str_hash, g_str_equal);
      guint64 total = 0, want_total = 0;

      g_assert_no_error (error);
      for (guint i = 0; i < fixture->rows->len; i++)
        {
          TlTestRow *row = g_ptr_array_index (fixture->rows, i);
          const char *key = row->source ? row->source : "";

          if (targets[t] != NULL)
            {
              g_autofree char *kind = g_strndup (targets[t], strchr (targets[t], ':') - targets[t]);

              if (!tl_test_row_counts_for (document, row, kind, strchr (targets[t], ':') + 1))
                continue;
            }
          g_hash_table_insert (want, (gpointer)key,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (want, key)) + 1));
          want_total++;
        }

      for (guint i = 0; i < counts->len; i++)
        {
          TlSourceCount *c = &g_array_index (counts, TlSourceCount, i);

          g_assert_cmpuint (c->count, ==, GPOINTER_TO_UINT (g_hash_table_lookup (want, c->source ? c->source : "")));
          if (i > 0)
            g_assert_cmpuint (c->count, <=, g_array_index (counts, TlSourceCount, i - 1).count);
          total += c->count;
        }
      g_assert_cmpuint (counts->len, ==, g_hash_table_size (want));
      g_assert_cmpuint (total, ==, want_total);
    }
}

int
main (int   argc,
      char *argv[])
{
  tl_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  g_test_add_func ("/tl/storage/search/in-transaction", test_in_transaction);
  ADD ("/tl/storage/search/text", test_text);
  ADD ("/tl/storage/search/case", test_case);
  ADD ("/tl/storage/search/filters-and-sorts", test_filters_and_sorts);
  ADD ("/tl/storage/search/bad-query", test_bad_query);
  ADD ("/tl/storage/search/async", test_async);
  ADD ("/tl/storage/search/counts-by-source", test_counts_by_source);
#undef ADD

  return tl_test_run ();
}
