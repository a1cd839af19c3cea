/* feedback-test-util.h: what the feedback tests compare against, computed
 * the slow and obvious way from the file itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>

#include "storage-test-util.h"
#include "tl-feedback-commands.h"

/* ---- images ----------------------------------------------------------- */

/* The first bytes of a PNG of @width × @height: enough for the store,
 * which reads the header and keeps the rest as it is. */
static inline GBytes *
tl_test_png (guint width,
             guint height)
{
  guint8 data[45] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
    0, 0, 0, 13, 'I', 'H', 'D', 'R',
    width >> 24, width >> 16, width >> 8, width,
    height >> 24, height >> 16, height >> 8, height,
    8, 2, 0, 0, 0,
    0, 0, 0, 0,                       /* CRC: not checked */
    0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82,
  };

  return g_bytes_new (data, sizeof data);
}

/* A JPEG header: SOI, an APP0 segment, then a baseline frame header */
static inline GBytes *
tl_test_jpeg (guint width,
              guint height)
{
  guint8 data[] = {
    0xff, 0xd8,
    0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
    0xff, 0xc0, 0, 17, 8, height >> 8, height, width >> 8, width, 3,
    1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
    0xff, 0xd9,
  };

  return g_bytes_new (data, sizeof data);
}

/* ---- the file, read directly ----------------------------------------- */

typedef struct
{
  gint64     id;
  char      *text;
  char      *source;
  char      *date;
  char      *stage;
  char      *respondent;
  char      *tags;
  char      *phase;
  char      *original;
  gboolean   has_rating;
  double     rating;
  guint      n_images;
  GPtrArray *links;     /* "station:ID", … */
} TlTestRow;

static inline void
tl_test_row_free (TlTestRow *row)
{
  g_free (row->text);
  g_free (row->source);
  g_free (row->date);
  g_free (row->stage);
  g_free (row->respondent);
  g_free (row->tags);
  g_free (row->phase);
  g_free (row->original);
  g_ptr_array_unref (row->links);
  g_free (row);
}

static inline char *
tl_test_column (sqlite3_stmt *stmt,
                int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text ? g_strdup (text) : NULL;
}

/* Every feedback row of the file at @path with its links and number of
 * images, by id; not through the store. */
static inline GPtrArray *
tl_test_read_rows (const char *path)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)tl_test_row_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3 *db = tl_test_db_open (path, FALSE);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT id, text, source, date, stage, respondent, tags, phase,"
                                       " rating_original, rating,"
                                       " (SELECT count(*) FROM feedback_image WHERE feedback_id = f.id)"
                                       " FROM feedback AS f ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TlTestRow *row = g_new0 (TlTestRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->text = tl_test_column (stmt, 1);
      row->source = tl_test_column (stmt, 2);
      row->date = tl_test_column (stmt, 3);
      row->stage = tl_test_column (stmt, 4);
      row->respondent = tl_test_column (stmt, 5);
      row->tags = tl_test_column (stmt, 6);
      row->phase = tl_test_column (stmt, 7);
      row->original = tl_test_column (stmt, 8);
      row->has_rating = sqlite3_column_type (stmt, 9) != SQLITE_NULL;
      row->rating = sqlite3_column_double (stmt, 9);
      row->n_images = sqlite3_column_int (stmt, 10);
      row->links = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (rows, row);
      g_hash_table_insert (by_id, &row->id, row);
    }
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT feedback_id, 'station:' || station_id FROM feedback_station"
                                       " UNION ALL SELECT feedback_id, 'loop:' || loop_id FROM feedback_loop"
                                       " UNION ALL SELECT feedback_id, 'cell:' || layer_id || '/' || type_id FROM feedback_cell",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      TlTestRow *row = g_hash_table_lookup (by_id, &id);

      g_assert_nonnull (row);
      g_ptr_array_add (row->links, tl_test_column (stmt, 1));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return rows;
}

static inline gboolean
tl_test_row_has_link (TlTestRow  *row,
                      const char *link)
{
  for (guint i = 0; i < row->links->len; i++)
    if (strcmp (g_ptr_array_index (row->links, i), link) == 0)
      return TRUE;
  return FALSE;
}

/* Whether @row counts towards the evidence of @kind @id: a loop's
 * includes its stations' (as the document has them now). */
static inline gboolean
tl_test_row_counts_for (TlDocument *document,
                        TlTestRow  *row,
                        const char *kind,
                        const char *id)
{
  g_autofree char *link = g_strconcat (kind, ":", id, NULL);

  if (tl_test_row_has_link (row, link))
    return TRUE;

  if (strcmp (kind, "loop") == 0)
    {
      TlLoop *loop = tl_document_lookup_loop (document, id);
      const char * const *stations = loop ? tl_loop_get_stations (loop) : NULL;

      for (guint i = 0; stations != NULL && stations[i] != NULL; i++)
        {
          g_autofree char *station = g_strconcat ("station:", stations[i], NULL);

          if (tl_test_row_has_link (row, station))
            return TRUE;
        }
    }

  return FALSE;
}

/* ---- evidence, by its definition -------------------------------------- */

/* days since 1970 of an ISO date or date-time, by GDateTime (not the
 * parser under test); NAN when it is none */
static inline double
tl_test_days (const char *date)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *full = NULL;

  if (date == NULL)
    return NAN;
  /* GLib wants the seconds */
  full = strlen (date) == 10 ? g_strconcat (date, "T00:00:00", NULL) :
         strlen (date) == 16 ? g_strconcat (date, ":00", NULL) : g_strdup (date);
  dt = g_date_time_new_from_iso8601 (full, utc);
  if (dt == NULL)
    return NAN;
  return g_date_time_to_unix (dt) / 86400.0 + g_date_time_get_microsecond (dt) / 86400e6;
}

/* Evidence of @kind @id computed from @rows as EVIDENCE.md defines it */
static inline void
tl_test_brute_evidence (TlDocument *document,
                        GPtrArray  *rows,
                        const char *kind,
                        const char *id,
                        TlEvidence *e,
                        guint64     stages[TL_N_STAGE_COUNTS])
{
  double reference = NAN;
  double half_life = tl_document_get_half_life (document);
  guint scale = tl_document_get_score_scale (document);

  memset (e, 0, sizeof *e);
  memset (stages, 0, sizeof (guint64) * TL_N_STAGE_COUNTS);

  for (guint i = 0; i < rows->len; i++)
    {
      double d = tl_test_days (((TlTestRow *)g_ptr_array_index (rows, i))->date);

      if (!isnan (d) && (isnan (reference) || d > reference))
        reference = d;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      TlTestRow *row = g_ptr_array_index (rows, i);
      double d = tl_test_days (row->date);
      double age = isnan (d) ? 0 : reference - d;
      double w = pow (2.0, -age / half_life);
      double engagement = 1.0 + (g_utf8_strlen (row->text, -1) >= 30 ? 0.5 : 0) + (row->n_images > 0 ? 0.5 : 0);

      if (kind != NULL && !tl_test_row_counts_for (document, row, kind, id))
        continue;

      e->count++;
      e->recent += w;
      e->temperature += engagement * w;
      if (row->has_rating)
        {
          e->rated++;
          e->rating_sum += row->rating;
          if ((row->rating - 1) / (scale - 1) <= 0.25 + 1e-12)
            e->negative++;
        }
      stages[row->stage ? row->stage[0] - 'A' : TL_N_STAGE_COUNTS - 1]++;
    }
}

static inline void
tl_test_assert_evidence_equal (const char       *what,
                               const TlEvidence *got,
                               const TlEvidence *want)
{
  if (!tl_evidence_equal (got, want, 1e-9))
    g_error ("evidence of %s: got count %" G_GUINT64_FORMAT " rated %" G_GUINT64_FORMAT
             " sum %.12g negative %" G_GUINT64_FORMAT " recent %.12g temperature %.12g;"
             " want count %" G_GUINT64_FORMAT " rated %" G_GUINT64_FORMAT
             " sum %.12g negative %" G_GUINT64_FORMAT " recent %.12g temperature %.12g",
             what, got->count, got->rated, got->rating_sum, got->negative, got->recent, got->temperature,
             want->count, want->rated, want->rating_sum, want->negative, want->recent, want->temperature);
}

/* Every station, loop and cell of the store's document holds the
 * evidence its feedback gives, and so do the stage counts. */
static inline void
tl_test_assert_evidence (TlStore *store)
{
  TlDocument *document = tl_store_get_document (store);
  g_autoptr(GPtrArray) rows = tl_test_read_rows (tl_store_get_path (store));
  GListModel *lists[] = {
    tl_document_get_stations (document),
    tl_document_get_loops (document),
    tl_document_get_cells (document),
  };
  const char *kinds[] = { "station", "loop", "cell" };
  g_autoptr(GError) error = NULL;
  guint64 want_stages[TL_N_STAGE_COUNTS], got_stages[TL_N_STAGE_COUNTS];
  TlEvidence want;

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(GObject) object = g_list_model_get_item (lists[l], i);
        const char *id = tl_document_object_id (object);
        g_autofree char *target = g_strconcat (kinds[l], ":", id, NULL);

        tl_test_brute_evidence (document, rows, kinds[l], id, &want, want_stages);
        tl_test_assert_evidence_equal (target, tl_document_get_evidence (document, kinds[l], id), &want);

        g_assert_true (tl_store_count_by_stage (store, target, got_stages, &error));
        g_assert_no_error (error);
        for (guint s = 0; s < TL_N_STAGE_COUNTS; s++)
          g_assert_cmpuint (got_stages[s], ==, want_stages[s]);
      }

  tl_test_brute_evidence (document, rows, NULL, NULL, &want, want_stages);
  g_assert_true (tl_store_count_by_stage (store, NULL, got_stages, &error));
  g_assert_no_error (error);
  for (guint s = 0; s < TL_N_STAGE_COUNTS; s++)
    g_assert_cmpuint (got_stages[s], ==, want_stages[s]);

  /* Items with a link */
  {
    gint64 linked = 0;

    for (guint i = 0; i < rows->len; i++)
      linked += ((TlTestRow *)g_ptr_array_index (rows, i))->links->len > 0;
    g_assert_cmpint (tl_store_count_linked_feedback (store), ==, linked);
  }
}

/* ---- the whole state, to compare ------------------------------------- */

static inline int
tl_test_compare_strings (const char **a,
                         const char **b)
{
  return strcmp (*a, *b);
}

/* Every item with every field, link and image, and the evidence of every
 * object: two states are the same when their dumps are. */
static inline char *
tl_test_dump_feedback (TlStore *store)
{
  TlDocument *document = tl_store_get_document (store);
  g_autoptr(GPtrArray) rows = tl_test_read_rows (tl_store_get_path (store));
  GString *s = g_string_new (NULL);
  GListModel *lists[] = {
    tl_document_get_stations (document),
    tl_document_get_loops (document),
    tl_document_get_cells (document),
  };
  const char *kinds[] = { "station", "loop", "cell" };
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      TlTestRow *row = g_ptr_array_index (rows, i);

      g_ptr_array_sort (row->links, (GCompareFunc)tl_test_compare_strings);
      g_string_append_printf (s, "%" G_GINT64_FORMAT " [%s] %s %s %s %s %s %s %s %s %.17g %u",
                              row->id, row->text, row->source, row->date, row->stage,
                              row->respondent, row->tags, row->phase, row->original,
                              row->has_rating ? "rated" : "unrated", row->rating, row->n_images);
      for (guint l = 0; l < row->links->len; l++)
        g_string_append_printf (s, " %s", (char *)g_ptr_array_index (row->links, l));
      g_string_append_c (s, '\n');
    }

  db = tl_test_db_open (tl_store_get_path (store), FALSE);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT id, feedback_id, mime, width, height, hex (data) FROM feedback_image ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (s, "image %s %s %s %s %s %s\n",
                            sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                            sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 3),
                            sqlite3_column_text (stmt, 4), sqlite3_column_text (stmt, 5));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(GObject) object = g_list_model_get_item (lists[l], i);
        const TlEvidence *e = tl_document_get_evidence (document, kinds[l], tl_document_object_id (object));

        if (e->count > 0)
          g_string_append_printf (s, "evidence %s:%s %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
                                  " %.6f %" G_GUINT64_FORMAT " %.6f %.6f\n",
                                  kinds[l], tl_document_object_id (object), e->count, e->rated,
                                  e->rating_sum, e->negative, e->recent, e->temperature);
      }

  return g_string_free (s, FALSE);
}
