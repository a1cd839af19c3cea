/* tl-store-evidence.c: the evidence aggregates of a document, kept
 *
 * Part of TlStore.  The store holds every aggregate in memory (a few
 * dozen), changes them with every feedback change in the same transaction
 * (tl-store-feedback.c), writes the changed ones to the evidence table
 * before the commit and gives them to the document after it.  Opening a
 * document reads the table: no scan of the feedback.
 *
 * Recency weights depend on the reference date R, the date of the newest
 * item: w_i = 2^(-(R - d_i)/H).  Moving R by Δ multiplies every dated
 * item's weight by 2^(-Δ/H), so the sums are kept relative to the current
 * R and rescaled when it moves, dated and undated items apart (an undated
 * item counts as dated R: always 1).  A move so large that the old
 * weights would fall below what a double holds makes a full recompute
 * instead.  A full recompute also follows a change of the half-life or of
 * the score scale, and any doubt (a file written elsewhere).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-store.h"
#include "tl-store-private.h"

/* Of the meta table: what the evidence table was computed with */
#define EVIDENCE_FORMAT 2

/* Beyond 2^±this, rescaling loses what was there: recompute. */
#define MAX_RESCALE_EXPONENT 900.0

typedef struct
{
  guint64 count;
  guint64 rated;
  guint64 negative;
  double  rating_sum;
  double  dated_recent;     /* Σ w_i of dated items, relative to R */
  double  dated_heat;       /* Σ e_i·w_i of dated items */
  double  undated_recent;   /* undated items weigh 1 */
  double  undated_heat;
  guint64 stages[TL_N_STAGE_COUNTS];   /* A–F, none */
} Agg;

struct _TlEvidenceCache
{
  GHashTable *aggs;        /* "kind:id" → Agg */
  GHashTable *dirty_db;    /* keys to write */
  GHashTable *dirty_doc;   /* keys to publish */
  gboolean    all_db;      /* rewrite the whole table */
  gboolean    meta_dirty;
  double      reference;   /* R in days, NAN when nothing is dated */
  double      half_life;
  guint       scale;
};

static const char sql_newest_dates[] =
  "SELECT date FROM feedback WHERE date IS NOT NULL ORDER BY date DESC LIMIT 64";
static const char sql_all_dates[] = "SELECT date FROM feedback WHERE date IS NOT NULL";

#define FACT_COLUMNS "f.rating, f.date, f.text_chars, f.n_images, f.stage"

/* Recomputing one aggregate: its items' facts (a loop's items: linked
 * to it or to a station of its cycle, each once) */
static const char sql_all_feedback[] =
  "SELECT 'document:', " FACT_COLUMNS " FROM feedback AS f";

static const char sql_linked_feedback[] =
  "SELECT ?1, " FACT_COLUMNS " FROM feedback AS f WHERE f.id IN ("
  " SELECT feedback_id FROM feedback_station UNION"
  " SELECT feedback_id FROM feedback_loop UNION"
  " SELECT feedback_id FROM feedback_cell)";

static const char sql_one_station[] =
  "SELECT ?1, " FACT_COLUMNS
  " FROM feedback_station AS l JOIN feedback AS f ON f.id = l.feedback_id WHERE l.station_id = ?2";
static const char sql_one_cell[] =
  "SELECT ?1, " FACT_COLUMNS
  " FROM feedback_cell AS l JOIN feedback AS f ON f.id = l.feedback_id"
  " WHERE l.layer_id = ?2 AND l.type_id = ?3";
static const char sql_one_loop[] =
  "SELECT ?1, " FACT_COLUMNS " FROM feedback AS f WHERE f.id IN ("
  " SELECT feedback_id FROM feedback_loop WHERE loop_id = ?2 UNION"
  " SELECT fs.feedback_id FROM loop_station AS ls"
  "  JOIN feedback_station AS fs ON fs.station_id = ls.station_id WHERE ls.loop_id = ?2)";

static const char sql_evidence_read[] =
  "SELECT kind || ':' || id, count, rated, rating_sum, negative,"
  " dated_recent, dated_heat, undated_recent, undated_heat,"
  " stage_a, stage_b, stage_c, stage_d, stage_e, stage_f, stage_none FROM evidence";
static const char sql_evidence_upsert[] =
  "INSERT INTO evidence (kind, id, count, rated, rating_sum, negative,"
  " dated_recent, dated_heat, undated_recent, undated_heat,"
  " stage_a, stage_b, stage_c, stage_d, stage_e, stage_f, stage_none)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"
  " ON CONFLICT (kind, id) DO UPDATE SET count = excluded.count, rated = excluded.rated,"
  " rating_sum = excluded.rating_sum, negative = excluded.negative,"
  " dated_recent = excluded.dated_recent, dated_heat = excluded.dated_heat,"
  " undated_recent = excluded.undated_recent, undated_heat = excluded.undated_heat,"
  " stage_a = excluded.stage_a, stage_b = excluded.stage_b, stage_c = excluded.stage_c,"
  " stage_d = excluded.stage_d, stage_e = excluded.stage_e, stage_f = excluded.stage_f,"
  " stage_none = excluded.stage_none";
static const char sql_evidence_delete[] = "DELETE FROM evidence WHERE kind = ?1 AND id = ?2";
static const char sql_evidence_clear[] = "DELETE FROM evidence";
static const char sql_meta_get[] = "SELECT value FROM meta WHERE key = ?1";
static const char sql_meta_set[] =
  "INSERT INTO meta (key, value) VALUES (?1, ?2)"
  " ON CONFLICT (key) DO UPDATE SET value = excluded.value";
static const char sql_convert_ratings[] =
  "UPDATE feedback SET rating = 1.0 + (rating - 1.0) * ?1 WHERE rating IS NOT NULL";

TlEvidenceCache *
_tl_evidence_cache_new (void)
{
  TlEvidenceCache *cache = g_new0 (TlEvidenceCache, 1);

  cache->aggs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cache->dirty_db = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cache->dirty_doc = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cache->reference = NAN;
  cache->half_life = TL_EVIDENCE_DEFAULT_HALF_LIFE;
  cache->scale = TL_DEFAULT_SCORE_SCALE;
  return cache;
}

void
_tl_evidence_cache_free (TlEvidenceCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->aggs);
  g_hash_table_unref (cache->dirty_db);
  g_hash_table_unref (cache->dirty_doc);
  g_free (cache);
}

static void
mark_dirty (TlEvidenceCache *cache,
            const char      *key)
{
  if (!g_hash_table_contains (cache->dirty_db, key))
    g_hash_table_add (cache->dirty_db, g_strdup (key));
  if (!g_hash_table_contains (cache->dirty_doc, key))
    g_hash_table_add (cache->dirty_doc, g_strdup (key));
}

static void
mark_all_dirty (TlEvidenceCache *cache)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, cache->aggs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    mark_dirty (cache, key);
  cache->meta_dirty = TRUE;
}

/* Everything to the document, nothing more to the file */
static void
mark_all_for_document (TlEvidenceCache *cache)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, cache->aggs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (cache->dirty_doc, key))
      g_hash_table_add (cache->dirty_doc, g_strdup (key));
}

static Agg *
lookup_agg (TlEvidenceCache *cache,
            const char      *key,
            gboolean         create)
{
  Agg *agg = g_hash_table_lookup (cache->aggs, key);

  if (agg == NULL && create)
    {
      agg = g_new0 (Agg, 1);
      g_hash_table_insert (cache->aggs, g_strdup (key), agg);
    }
  return agg;
}

static void
agg_to_evidence (const Agg  *agg,
                 TlEvidence *e)
{
  memset (e, 0, sizeof *e);
  if (agg == NULL)
    return;
  e->count = agg->count;
  e->rated = agg->rated;
  e->rating_sum = agg->rating_sum;
  e->negative = agg->negative;
  e->recent = agg->dated_recent + agg->undated_recent;
  e->temperature = agg->dated_heat + agg->undated_heat;
}

/* The one place an item meets an aggregate. */
static void
agg_add (Agg               *agg,
         const TlItemFacts *facts,
         double             reference,
         double             half_life,
         guint              scale,
         int                sign)
{
  double e = tl_evidence_engagement_for_length (facts->text_chars, facts->n_images > 0);

  if (sign < 0 && agg->count == 0)
    return;

  agg->count += sign;
  agg->stages[facts->stage != '\0' ? facts->stage - 'A' : TL_N_STAGE_COUNTS - 1] += sign;
  if (facts->has_rating)
    {
      agg->rated += sign;
      agg->rating_sum += sign * facts->rating;
      if (tl_rating_is_negative (facts->rating, scale))
        agg->negative += sign;
    }

  if (facts->dated && !isnan (reference))
    {
      double w = tl_evidence_weight (reference - facts->day, half_life);

      agg->dated_recent += sign * w;
      agg->dated_heat += sign * e * w;
    }
  else
    {
      agg->undated_recent += sign;
      agg->undated_heat += sign * e;
    }

  /* Exact zeros where nothing is left, no -1e-17 from rounding */
  if (agg->count == 0)
    memset (agg, 0, sizeof *agg);
  else
    {
      if (agg->rated == 0)
        agg->rating_sum = 0;
      agg->dated_recent = MAX (agg->dated_recent, 0);
      agg->dated_heat = MAX (agg->dated_heat, 0);
      agg->undated_recent = MAX (agg->undated_recent, 0);
      agg->undated_heat = MAX (agg->undated_heat, 0);
    }
}

static void
rescale_dated (TlEvidenceCache *cache,
               double           factor)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, cache->aggs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Agg *agg = value;

      agg->dated_recent *= factor;
      agg->dated_heat *= factor;
    }
  mark_all_dirty (cache);
}

void
_tl_store_evidence_apply (TlStore           *self,
                          const TlItemFacts *facts,
                          GPtrArray         *keys,
                          int                sign)
{
  TlEvidenceCache *cache = self->evidence;

  g_return_if_fail (sign == 1 || sign == -1);

  /* A newer item moves R: everything dated weighs less from now on. */
  if (sign > 0 && facts->dated && (isnan (cache->reference) || facts->day > cache->reference))
    {
      if (!isnan (cache->reference))
        rescale_dated (cache, exp2 (-(facts->day - cache->reference) / cache->half_life));
      cache->reference = facts->day;
      cache->meta_dirty = TRUE;
    }

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);

      agg_add (lookup_agg (cache, key, TRUE), facts, cache->reference,
               cache->half_life, cache->scale, sign);
      mark_dirty (cache, key);
    }
}

double
_tl_store_evidence_get_reference (TlStore *self)
{
  return self->evidence->reference;
}

void
_tl_store_evidence_get (TlStore    *self,
                        const char *key,
                        TlEvidence *out,
                        guint64    *stages)
{
  const Agg *agg = lookup_agg (self->evidence, key, FALSE);

  agg_to_evidence (agg, out);
  if (stages != NULL)
    {
      if (agg != NULL)
        memcpy (stages, agg->stages, sizeof agg->stages);
      else
        memset (stages, 0, sizeof (guint64) * TL_N_STAGE_COUNTS);
    }
}

/* The date of the newest item, NAN when none is dated. */
static gboolean
read_newest (TlStore  *self,
             double   *newest,
             GError  **error)
{
  const char *sqls[] = { sql_newest_dates, sql_all_dates };

  *newest = NAN;

  /* The list order index gives the newest dates at once; dates are ISO
   * text, so text order is time order but for a rare mix of "T" and " "
   * on the same day: the newest of the first few rows is the newest.
   * Only a file whose dates cannot be read at all is scanned. */
  for (guint q = 0; q < G_N_ELEMENTS (sqls); q++)
    {
      sqlite3_stmt *stmt = _tl_store_statement (self, sqls[q], error);
      guint n = 0;
      int rc;

      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          double day;

          n++;
          if (tl_feedback_date_parse ((const char *)sqlite3_column_text (stmt, 0), &day) &&
              (isnan (*newest) || day > *newest))
            *newest = day;
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _tl_store_set_error (self, rc, error);
          return FALSE;
        }

      if (!isnan (*newest) || n < 64)
        break;
    }

  return TRUE;
}

/* Runs @stmt (rows: key, facts) into the aggregates. */
static gboolean
accumulate (TlStore       *self,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  TlEvidenceCache *cache = self->evidence;
  const char *last_key = NULL;
  Agg *agg = NULL;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *)sqlite3_column_text (stmt, 0);
      const char *date = (const char *)sqlite3_column_text (stmt, 2);
      TlItemFacts facts = { 0, };

      if (key == NULL)
        continue;

      /* Rows of one key mostly come together: no lookup for them */
      if (last_key == NULL || strcmp (key, last_key) != 0)
        {
          gpointer stored_key = NULL;

          agg = lookup_agg (cache, key, TRUE);
          g_hash_table_lookup_extended (cache->aggs, key, &stored_key, NULL);
          last_key = stored_key;
        }

      facts.has_rating = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
      facts.rating = facts.has_rating ? sqlite3_column_double (stmt, 1) : 0;
      facts.dated = tl_feedback_date_parse (date, &facts.day);
      facts.text_chars = MAX (sqlite3_column_int64 (stmt, 3), 0);
      facts.n_images = CLAMP (sqlite3_column_int64 (stmt, 4), 0, G_MAXUINT);
      {
        const char *stage = (const char *)sqlite3_column_text (stmt, 5);

        facts.stage = stage != NULL && stage[0] != '\0' && stage[1] == '\0' &&
                      tl_stage_is_valid (stage[0]) ? stage[0] : '\0';
      }

      agg_add (agg, &facts, cache->reference, cache->half_life, cache->scale, 1);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _tl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static void
take_parameters (TlStore *self)
{
  self->evidence->half_life = tl_document_get_half_life (self->document);
  self->evidence->scale = tl_document_get_score_scale (self->document);
}

/* ---- recomputing everything ------------------------------------------------
 *
 * One pass over the feedback (in id order) for the facts, then the three
 * link tables, each read in its key order, which is id order too: a merge,
 * no join, no temporary b-tree.  Half a second for a million items rather
 * than the ten the joins took. */

static const char sql_facts_in_order[] =
  "SELECT id, rating, date, text_chars, n_images, stage FROM feedback ORDER BY id";
static const char * const sql_links_in_order[] = {
  "SELECT feedback_id, station_id, NULL FROM feedback_station ORDER BY feedback_id",
  "SELECT feedback_id, loop_id, NULL FROM feedback_loop ORDER BY feedback_id",
  "SELECT feedback_id, layer_id, type_id FROM feedback_cell ORDER BY feedback_id",
};

typedef struct
{
  gint64      id;
  TlItemFacts facts;
} FactRow;

typedef struct
{
  sqlite3_stmt *stmt;
  gboolean      valid;
  gint64        id;
} Cursor;

static gboolean
cursor_next (TlStore  *self,
             Cursor   *cursor,
             GError  **error)
{
  int rc = sqlite3_step (cursor->stmt);

  cursor->valid = rc == SQLITE_ROW;
  if (cursor->valid)
    cursor->id = sqlite3_column_int64 (cursor->stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      _tl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static void
facts_from_columns (sqlite3_stmt *stmt,
                    int           first,
                    TlItemFacts  *facts)
{
  const char *stage = (const char *)sqlite3_column_text (stmt, first + 4);

  memset (facts, 0, sizeof *facts);
  facts->has_rating = sqlite3_column_type (stmt, first) != SQLITE_NULL;
  facts->rating = facts->has_rating ? sqlite3_column_double (stmt, first) : 0;
  facts->dated = tl_feedback_date_parse ((const char *)sqlite3_column_text (stmt, first + 1), &facts->day);
  facts->text_chars = MAX (sqlite3_column_int64 (stmt, first + 2), 0);
  facts->n_images = CLAMP (sqlite3_column_int64 (stmt, first + 3), 0, G_MAXUINT);
  facts->stage = stage != NULL && stage[0] != '\0' && stage[1] == '\0' &&
                 tl_stage_is_valid (stage[0]) ? stage[0] : '\0';
}

/* The aggregates a link of @kind (0 station, 1 loop, 2 cell) to @a (@b)
 * counts towards, found once per object and remembered in @known */
static GPtrArray *
link_aggs (TlStore    *self,
           GHashTable *known,
           int         kind,
           const char *a,
           const char *b)
{
  g_autofree char *key = kind == 0 ? g_strconcat ("station:", a, NULL)
                       : kind == 1 ? g_strconcat ("loop:", a, NULL)
                       : g_strconcat ("cell:", a, "/", b, NULL);
  GPtrArray *aggs = g_hash_table_lookup (known, key);

  if (aggs == NULL)
    {
      const char *links[] = { key, NULL };
      g_autoptr(GPtrArray) keys = _tl_store_evidence_keys (self, links);

      aggs = g_ptr_array_new ();
      /* Every link makes its item linked */
      for (guint i = 0; i < keys->len; i++)
        if (strcmp (g_ptr_array_index (keys, i), "document:") != 0)
          g_ptr_array_add (aggs, lookup_agg (self->evidence, g_ptr_array_index (keys, i), TRUE));
      g_hash_table_insert (known, g_steal_pointer (&key), aggs);
    }
  return aggs;
}

static gboolean
recompute_all (TlStore  *self,
               GError  **error)
{
  TlEvidenceCache *cache = self->evidence;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (FactRow));
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify)g_ptr_array_unref);
  g_autoptr(GPtrArray) item_aggs = g_ptr_array_new ();
  Cursor cursors[G_N_ELEMENTS (sql_links_in_order)] = { { 0, }, };
  Agg *document = lookup_agg (cache, "document:", TRUE);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  if (!(stmt = _tl_store_statement (self, sql_facts_in_order, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FactRow row;

      row.id = sqlite3_column_int64 (stmt, 0);
      facts_from_columns (stmt, 1, &row.facts);
      agg_add (document, &row.facts, cache->reference, cache->half_life, cache->scale, 1);
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tl_store_set_error (self, rc, error);
      return FALSE;
    }

  /* The statements are prepared apart from the cache: three stay open
   * at once. */
  for (guint c = 0; c < G_N_ELEMENTS (cursors); c++)
    {
      rc = sqlite3_prepare_v2 (self->db, sql_links_in_order[c], -1, &cursors[c].stmt, NULL);
      if (rc != SQLITE_OK)
        {
          _tl_store_set_error (self, rc, error);
          goto out;
        }
      if (!cursor_next (self, &cursors[c], error))
        goto out;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const FactRow *row = &g_array_index (rows, FactRow, i);

      g_ptr_array_set_size (item_aggs, 0);
      for (guint c = 0; c < G_N_ELEMENTS (cursors); c++)
        {
          Cursor *cursor = &cursors[c];

          /* Links of items that are not there: skipped */
          while (cursor->valid && cursor->id < row->id)
            if (!cursor_next (self, cursor, error))
              goto out;

          while (cursor->valid && cursor->id == row->id)
            {
              GPtrArray *aggs = link_aggs (self, known, c,
                                           (const char *)sqlite3_column_text (cursor->stmt, 1),
                                           (const char *)sqlite3_column_text (cursor->stmt, 2));

              /* Each aggregate once per item (a loop and its station) */
              for (guint a = 0; a < aggs->len; a++)
                if (!g_ptr_array_find (item_aggs, g_ptr_array_index (aggs, a), NULL))
                  g_ptr_array_add (item_aggs, g_ptr_array_index (aggs, a));
              if (!cursor_next (self, cursor, error))
                goto out;
            }
        }

      for (guint a = 0; a < item_aggs->len; a++)
        agg_add (g_ptr_array_index (item_aggs, a), &row->facts, cache->reference,
                 cache->half_life, cache->scale, 1);
    }

  ok = TRUE;

out:
  for (guint c = 0; c < G_N_ELEMENTS (cursors); c++)
    sqlite3_finalize (cursors[c].stmt);
  return ok;
}

gboolean
_tl_store_evidence_recompute (TlStore  *self,
                              GError  **error)
{
  TlEvidenceCache *cache = self->evidence;
  GHashTableIter iter;
  gpointer key;

  /* The keys there were are published too: as zeros when they are gone. */
  g_hash_table_iter_init (&iter, cache->aggs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (cache->dirty_doc, key))
      g_hash_table_add (cache->dirty_doc, g_strdup (key));
  g_hash_table_remove_all (cache->aggs);

  take_parameters (self);
  if (!read_newest (self, &cache->reference, error) ||
      !recompute_all (self, error))
    return FALSE;

  cache->all_db = TRUE;
  mark_all_dirty (cache);
  return TRUE;
}

gboolean
_tl_store_evidence_recompute_key (TlStore     *self,
                                  const char  *key,
                                  GError     **error)
{
  TlEvidenceCache *cache = self->evidence;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *layer = NULL;
  g_autofree char *type = NULL;
  Agg *agg;

  if (g_str_has_prefix (key, "station:"))
    {
      if ((stmt = _tl_store_statement (self, sql_one_station, error)))
        _tl_store_bind_text (stmt, 2, key + 8);
    }
  else if (g_str_has_prefix (key, "loop:"))
    {
      if ((stmt = _tl_store_statement (self, sql_one_loop, error)))
        _tl_store_bind_text (stmt, 2, key + 5);
    }
  else if (strcmp (key, "document:") == 0)
    stmt = _tl_store_statement (self, sql_all_feedback, error);
  else if (strcmp (key, "linked:") == 0)
    stmt = _tl_store_statement (self, sql_linked_feedback, error);
  else if (g_str_has_prefix (key, "cell:") && tl_cell_id_parse (key + 5, &layer, &type))
    {
      if ((stmt = _tl_store_statement (self, sql_one_cell, error)))
        {
          _tl_store_bind_text (stmt, 2, layer);
          _tl_store_bind_text (stmt, 3, type);
        }
    }
  else
    g_return_val_if_reached (FALSE);

  if (stmt == NULL)
    return FALSE;

  agg = lookup_agg (cache, key, TRUE);
  memset (agg, 0, sizeof *agg);
  if (strcmp (key, "document:") != 0)
    _tl_store_bind_text (stmt, 1, key);
  if (!accumulate (self, stmt, error))
    return FALSE;

  mark_dirty (cache, key);
  return TRUE;
}

gboolean
_tl_store_evidence_refresh_reference (TlStore  *self,
                                      GError  **error)
{
  TlEvidenceCache *cache = self->evidence;
  double newest;

  if (!read_newest (self, &newest, error))
    return FALSE;

  if (newest == cache->reference || (isnan (newest) && isnan (cache->reference)))
    return TRUE;

  if (isnan (newest))
    {
      /* Nothing dated is left: what remains of dated sums is rounding. */
      rescale_dated (cache, 0.0);
      cache->reference = NAN;
      return TRUE;
    }

  if (isnan (cache->reference) ||
      fabs (cache->reference - newest) / cache->half_life > MAX_RESCALE_EXPONENT)
    return _tl_store_evidence_recompute (self, error);

  rescale_dated (cache, exp2 ((cache->reference - newest) / cache->half_life));
  cache->reference = newest;
  return TRUE;
}

static gboolean
set_meta_double (TlStore     *self,
                 const char  *key,
                 double       value,
                 GError     **error)
{
  sqlite3_stmt *stmt = _tl_store_statement (self, sql_meta_set, error);

  if (stmt == NULL)
    return FALSE;
  _tl_store_bind_text (stmt, 1, key);
  if (isnan (value))
    sqlite3_bind_null (stmt, 2);
  else
    sqlite3_bind_double (stmt, 2, value);
  return _tl_store_run (self, stmt, error);
}

/* Splits "kind:id" (kind has no colon). */
static gboolean
split_key (const char  *key,
           char         kind[16],
           const char **id)
{
  const char *colon = strchr (key, ':');

  if (colon == NULL || colon - key >= 16)
    return FALSE;
  memcpy (kind, key, colon - key);
  kind[colon - key] = '\0';
  *id = colon + 1;
  return TRUE;
}

static gboolean
write_key (TlStore     *self,
           const char  *key,
           GError     **error)
{
  const Agg *agg = lookup_agg (self->evidence, key, FALSE);
  sqlite3_stmt *stmt;
  const char *id;
  char kind[16];

  if (!split_key (key, kind, &id))
    return TRUE;

  if (agg == NULL || agg->count == 0)
    {
      if (!(stmt = _tl_store_statement (self, sql_evidence_delete, error)))
        return FALSE;
      _tl_store_bind_text (stmt, 1, kind);
      _tl_store_bind_text (stmt, 2, id);
      return _tl_store_run (self, stmt, error);
    }

  if (!(stmt = _tl_store_statement (self, sql_evidence_upsert, error)))
    return FALSE;
  _tl_store_bind_text (stmt, 1, kind);
  _tl_store_bind_text (stmt, 2, id);
  sqlite3_bind_int64 (stmt, 3, agg->count);
  sqlite3_bind_int64 (stmt, 4, agg->rated);
  sqlite3_bind_double (stmt, 5, agg->rating_sum);
  sqlite3_bind_int64 (stmt, 6, agg->negative);
  sqlite3_bind_double (stmt, 7, agg->dated_recent);
  sqlite3_bind_double (stmt, 8, agg->dated_heat);
  sqlite3_bind_double (stmt, 9, agg->undated_recent);
  sqlite3_bind_double (stmt, 10, agg->undated_heat);
  for (guint i = 0; i < TL_N_STAGE_COUNTS; i++)
    sqlite3_bind_int64 (stmt, 11 + i, agg->stages[i]);
  return _tl_store_run (self, stmt, error);
}

gboolean
_tl_store_evidence_flush (TlStore  *self,
                          GError  **error)
{
  TlEvidenceCache *cache = self->evidence;
  GHashTableIter iter;
  gpointer key;

  if (self->read_only)
    {
      g_hash_table_remove_all (cache->dirty_db);
      cache->all_db = FALSE;
      cache->meta_dirty = FALSE;
      return TRUE;
    }

  if (cache->all_db)
    {
      sqlite3_stmt *stmt = _tl_store_statement (self, sql_evidence_clear, error);

      if (stmt == NULL || !_tl_store_run (self, stmt, error))
        return FALSE;
      g_hash_table_iter_init (&iter, cache->aggs);
    }
  else
    g_hash_table_iter_init (&iter, cache->dirty_db);

  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!write_key (self, key, error))
      return FALSE;

  if (cache->meta_dirty || cache->all_db)
    {
      if (!set_meta_double (self, "evidence_format", EVIDENCE_FORMAT, error) ||
          !set_meta_double (self, "evidence_half_life", cache->half_life, error) ||
          !set_meta_double (self, "evidence_scale", cache->scale, error) ||
          !set_meta_double (self, "evidence_reference", cache->reference, error))
        return FALSE;
    }

  g_hash_table_remove_all (cache->dirty_db);
  cache->all_db = FALSE;
  cache->meta_dirty = FALSE;
  return TRUE;
}

void
_tl_store_evidence_publish (TlStore *self)
{
  TlEvidenceCache *cache = self->evidence;
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (cache->dirty_doc) == 0)
    return;

  tl_document_begin_evidence_update (self->document);

  g_hash_table_iter_init (&iter, cache->dirty_doc);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      TlEvidence e;
      const char *id;
      char kind[16];

      if (!split_key (key, kind, &id))
        continue;
      agg_to_evidence (lookup_agg (cache, key, FALSE), &e);
      /* The document holds its objects' evidence, not its own */
      if (strcmp (kind, "document") != 0 && strcmp (kind, "linked") != 0)
        tl_document_set_evidence (self->document, kind, id, &e);

      /* An aggregate nothing counts towards any more is done with, once
       * the file has it too. */
      if (e.count == 0 && !g_hash_table_contains (cache->dirty_db, key) && !cache->all_db)
        g_hash_table_remove (cache->aggs, key);
    }
  g_hash_table_remove_all (cache->dirty_doc);

  tl_document_end_evidence_update (self->document);
}

static gboolean
read_meta (TlStore     *self,
           const char  *key,
           double      *value,
           gboolean    *present,
           GError     **error)
{
  sqlite3_stmt *stmt = _tl_store_statement (self, sql_meta_get, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _tl_store_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  *present = rc == SQLITE_ROW;
  *value = NAN;
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    *value = sqlite3_column_double (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _tl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* The evidence table as the file has it; FALSE with no error when it was
 * computed with other parameters than the document's. */
static gboolean
read_table (TlStore   *self,
            gboolean  *usable,
            GError   **error)
{
  TlEvidenceCache *cache = self->evidence;
  double format, half_life, scale, reference;
  gboolean has_format, has_half_life, has_scale, has_reference;
  sqlite3_stmt *stmt;
  int rc;

  *usable = FALSE;

  if (!read_meta (self, "evidence_format", &format, &has_format, error) ||
      !read_meta (self, "evidence_half_life", &half_life, &has_half_life, error) ||
      !read_meta (self, "evidence_scale", &scale, &has_scale, error) ||
      !read_meta (self, "evidence_reference", &reference, &has_reference, error))
    return FALSE;

  if (!has_format || format != EVIDENCE_FORMAT ||
      !has_half_life || half_life != tl_document_get_half_life (self->document) ||
      !has_scale || scale != tl_document_get_score_scale (self->document) ||
      !has_reference)
    return TRUE;

  g_hash_table_remove_all (cache->aggs);
  take_parameters (self);
  cache->reference = reference;

  if (!(stmt = _tl_store_statement (self, sql_evidence_read, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *)sqlite3_column_text (stmt, 0);
      Agg *agg;

      if (key == NULL)
        continue;
      agg = lookup_agg (cache, key, TRUE);
      agg->count = MAX (sqlite3_column_int64 (stmt, 1), 0);
      agg->rated = MAX (sqlite3_column_int64 (stmt, 2), 0);
      agg->rating_sum = sqlite3_column_double (stmt, 3);
      agg->negative = MAX (sqlite3_column_int64 (stmt, 4), 0);
      agg->dated_recent = sqlite3_column_double (stmt, 5);
      agg->dated_heat = sqlite3_column_double (stmt, 6);
      agg->undated_recent = sqlite3_column_double (stmt, 7);
      agg->undated_heat = sqlite3_column_double (stmt, 8);
      for (guint i = 0; i < TL_N_STAGE_COUNTS; i++)
        agg->stages[i] = MAX (sqlite3_column_int64 (stmt, 9 + i), 0);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tl_store_set_error (self, rc, error);
      return FALSE;
    }

  *usable = TRUE;
  return TRUE;
}

gboolean
_tl_store_evidence_reload (TlStore  *self,
                           GError  **error)
{
  TlEvidenceCache *cache = self->evidence;
  GHashTableIter iter;
  gpointer key;
  gboolean usable = FALSE;

  g_hash_table_iter_init (&iter, cache->aggs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (cache->dirty_doc, key))
      g_hash_table_add (cache->dirty_doc, g_strdup (key));
  g_hash_table_remove_all (cache->dirty_db);
  cache->all_db = FALSE;
  cache->meta_dirty = FALSE;

  if (!read_table (self, &usable, error))
    return FALSE;
  if (!usable)
    return _tl_store_evidence_recompute (self, error);

  mark_all_for_document (cache);
  return TRUE;
}

gboolean
_tl_store_evidence_load (TlStore  *self,
                         GError  **error)
{
  TlEvidenceCache *cache = self->evidence;
  gboolean usable = FALSE;
  gboolean ok;

  if (!read_table (self, &usable, error))
    return FALSE;

  if (!usable)
    {
      if (!_tl_store_evidence_recompute (self, error))
        return FALSE;
    }
  else
    {
      /* Another program may have added newer items */
      if (!_tl_store_evidence_refresh_reference (self, error))
        return FALSE;
      mark_all_for_document (cache);
    }

  if (!self->read_only && (cache->all_db || cache->meta_dirty || g_hash_table_size (cache->dirty_db) > 0))
    {
      if (!_tl_sqlite_exec (self->db, "BEGIN IMMEDIATE", self->display_name, error))
        return FALSE;
      ok = _tl_store_evidence_flush (self, error) &&
           _tl_sqlite_exec (self->db, "COMMIT", self->display_name, error);
      if (!ok)
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  else
    _tl_store_evidence_flush (self, NULL);

  _tl_store_evidence_publish (self);
  return TRUE;
}

static gboolean
is_loop_key (gpointer key,
             gpointer value,
             gpointer user_data)
{
  return g_str_has_prefix (key, "loop:");
}

gboolean
_tl_store_evidence_document_changed (TlStore       *self,
                                     TlChangeKind   kind,
                                     GObject       *object,
                                     const char    *property,
                                     GError       **error)
{
  TlEvidenceCache *cache = self->evidence;

  if (TL_IS_DOCUMENT (object))
    {
      guint scale = tl_document_get_score_scale (self->document);

      if (scale != cache->scale)
        {
          /* Ratings are on the document's scale: they follow it, as the
           * cells' scores do. */
          sqlite3_stmt *stmt = _tl_store_statement (self, sql_convert_ratings, error);

          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_double (stmt, 1, (double)(scale - 1) / (double)(cache->scale - 1));
          if (!_tl_store_run (self, stmt, error))
            return FALSE;
          self->feedback_changed = TRUE;
          return _tl_store_evidence_recompute (self, error);
        }

      if (tl_document_get_half_life (self->document) != cache->half_life)
        return _tl_store_evidence_recompute (self, error);
      return TRUE;
    }

  if (kind == TL_CHANGE_MODIFIED)
    {
      g_autofree char *key = NULL;

      /* Only a loop's cycle changes what counts towards it. */
      if (!TL_IS_LOOP (object) || (property != NULL && strcmp (property, "stations") != 0))
        return TRUE;
      key = g_strconcat ("loop:", tl_loop_get_id (TL_LOOP (object)), NULL);
      return _tl_store_evidence_recompute_key (self, key, error);
    }

  /* Added or removed (an undo restores the links of a station or loop):
   * which items have a link at all may change too */
  if ((TL_IS_STATION (object) || TL_IS_LOOP (object) || TL_IS_CELL (object)) &&
      !_tl_store_evidence_recompute_key (self, "linked:", error))
    return FALSE;

  if (TL_IS_STATION (object))
    {
      g_autofree char *key = g_strconcat ("station:", tl_station_get_id (TL_STATION (object)), NULL);
      GListModel *loops = tl_document_get_loops (self->document);
      g_autoptr(GPtrArray) loop_keys = g_ptr_array_new_with_free_func (g_free);
      GHashTableIter iter;
      gpointer k;

      if (!_tl_store_evidence_recompute_key (self, key, error))
        return FALSE;

      /* The loops through it, now or before */
      for (guint i = 0; i < g_list_model_get_n_items (loops); i++)
        {
          g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);

          g_ptr_array_add (loop_keys, g_strconcat ("loop:", tl_loop_get_id (loop), NULL));
        }
      g_hash_table_iter_init (&iter, cache->aggs);
      while (g_hash_table_iter_next (&iter, &k, NULL))
        if (is_loop_key (k, NULL, NULL) && !g_ptr_array_find_with_equal_func (loop_keys, k, g_str_equal, NULL))
          g_ptr_array_add (loop_keys, g_strdup (k));

      for (guint i = 0; i < loop_keys->len; i++)
        if (!_tl_store_evidence_recompute_key (self, g_ptr_array_index (loop_keys, i), error))
          return FALSE;
      return TRUE;
    }

  if (TL_IS_LOOP (object))
    {
      g_autofree char *key = g_strconcat ("loop:", tl_loop_get_id (TL_LOOP (object)), NULL);

      return _tl_store_evidence_recompute_key (self, key, error);
    }

  if (TL_IS_CELL (object))
    {
      g_autofree char *key = g_strconcat ("cell:", tl_cell_get_id (TL_CELL (object)), NULL);

      return _tl_store_evidence_recompute_key (self, key, error);
    }

  return TRUE;
}

gboolean
tl_store_recompute_evidence (TlStore  *self,
                             GError  **error)
{
  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_tl_store_check_open (self, error))
    return FALSE;

  if (self->read_only)
    {
      if (!_tl_store_evidence_recompute (self, error))
        return FALSE;
      _tl_store_evidence_flush (self, NULL);
      _tl_store_evidence_publish (self);
      return TRUE;
    }

  if (!_tl_store_feedback_begin (self, error))
    return FALSE;
  if (!_tl_store_evidence_recompute (self, error))
    {
      _tl_store_feedback_end (self, FALSE, NULL);
      return FALSE;
    }
  return _tl_store_feedback_end (self, TRUE, error);
}
