/* tl-store-query.c: finding feedback, and counting who said it
 *
 * Part of TlStore.  Text goes through one of two full-text indexes:
 * feedback_fts (trigram) for three characters or more, feedback_gram
 * (every character and pair, tl-sqlite-functions.c) for one or two.  Both
 * match substrings, case-insensitive for Latin letters, as a scan would.
 *
 * The matches are read from the index first, into a set.  Few of them
 * (the usual case) are looked up by id and sorted.  Many of them (a
 * common character in a million items) are not: the list order index is
 * walked and each row tested against the set, which gives a first page
 * after a few hundred rows instead of sorting half a million.
 *
 * Queries may run on a connection of their own in a worker thread
 * (tl_store_query_feedback_ids_async()), so everything here works on a
 * bare sqlite3 handle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-store.h"
#include "tl-store-private.h"

/* ---- TlFeedbackQuery ----------------------------------------------------- */

G_DEFINE_BOXED_TYPE (TlFeedbackQuery, tl_feedback_query, tl_feedback_query_copy, tl_feedback_query_free)

TlFeedbackQuery *
tl_feedback_query_new (void)
{
  TlFeedbackQuery *query = g_new0 (TlFeedbackQuery, 1);

  query->rating_min = NAN;
  query->rating_max = NAN;
  query->sort = TL_FEEDBACK_SORT_DATE;
  query->descending = TRUE;
  return query;
}

TlFeedbackQuery *
tl_feedback_query_copy (const TlFeedbackQuery *query)
{
  TlFeedbackQuery *copy;

  g_return_val_if_fail (query != NULL, NULL);

  copy = g_memdup2 (query, sizeof *query);
  copy->text = g_strdup (query->text);
  copy->source = g_strdup (query->source);
  copy->date_from = g_strdup (query->date_from);
  copy->date_to = g_strdup (query->date_to);
  copy->tag = g_strdup (query->tag);
  copy->linked_to = g_strdup (query->linked_to);
  return copy;
}

void
tl_feedback_query_free (TlFeedbackQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->text);
  g_free (query->source);
  g_free (query->date_from);
  g_free (query->date_to);
  g_free (query->tag);
  g_free (query->linked_to);
  g_free (query);
}

/* ---- id sets ------------------------------------------------------------- */

/* Ids up to this use a bitmap (8 MB at most) */
#define MAX_BITMAP_ID (G_GINT64_CONSTANT (1) << 26)

void
_tl_id_set_init (TlIdSet *set)
{
  memset (set, 0, sizeof *set);
  set->sorted = g_array_new (FALSE, FALSE, sizeof (gint64));
}

void
_tl_id_set_add (TlIdSet *set,
                gint64   id)
{
  g_array_append_val (set->sorted, id);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

void
_tl_id_set_seal (TlIdSet *set)
{
  GArray *ids = set->sorted;
  guint n = 0;

  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    if (n == 0 || g_array_index (ids, gint64, i) != g_array_index (ids, gint64, n - 1))
      g_array_index (ids, gint64, n++) = g_array_index (ids, gint64, i);
  g_array_set_size (ids, n);
  set->count = n;

  g_clear_pointer (&set->bits, g_free);
  set->n_bits = 0;
  if (n > 0 && g_array_index (ids, gint64, 0) >= 0 && g_array_index (ids, gint64, n - 1) < MAX_BITMAP_ID)
    {
      set->n_bits = g_array_index (ids, gint64, n - 1) + 1;
      set->bits = g_malloc0 ((set->n_bits + 7) / 8);
      for (guint i = 0; i < n; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);

          set->bits[id >> 3] |= 1 << (id & 7);
        }
    }
}

gboolean
_tl_id_set_contains (const TlIdSet *set,
                     gint64         id)
{
  guint lo = 0, hi;

  if (set->bits != NULL)
    return id >= 0 && (guint64)id < set->n_bits && (set->bits[id >> 3] & (1 << (id & 7)));

  hi = set->sorted->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 v = g_array_index (set->sorted, gint64, mid);

      if (v == id)
        return TRUE;
      if (v < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

void
_tl_id_set_intersect (const TlIdSet *a,
                      const TlIdSet *b,
                      TlIdSet       *out)
{
  const TlIdSet *small = a->count <= b->count ? a : b;
  const TlIdSet *large = small == a ? b : a;

  for (guint i = 0; i < small->sorted->len; i++)
    {
      gint64 id = g_array_index (small->sorted, gint64, i);

      if (_tl_id_set_contains (large, id))
        _tl_id_set_add (out, id);
    }
  _tl_id_set_seal (out);
}

void
_tl_id_set_clear (TlIdSet *set)
{
  g_clear_pointer (&set->bits, g_free);
  g_clear_pointer (&set->sorted, g_array_unref);
  set->count = 0;
  set->n_bits = 0;
}

/* ---- running a query on a connection -------------------------------------- */

gint64 _tl_store_query_dense_threshold = -1;
int    _tl_store_query_target_in_sql = -1;

typedef struct
{
  int          type;      /* SQLITE_TEXT, SQLITE_FLOAT, SQLITE_INTEGER */
  char        *text;
  double       number;
  gint64       integer;
} Param;

static void
param_clear (Param *p)
{
  g_clear_pointer (&p->text, g_free);
}

typedef struct
{
  sqlite3      *db;
  const char   *display_name;
  GCancellable *cancellable;
  gint64        target_count;   /* items of query->linked_to, -1 when unknown */
} Conn;

static int
progress_cb (void *data)
{
  return g_cancellable_is_cancelled (data) ? 1 : 0;
}

static void
conn_set_error (Conn    *conn,
                int      rc,
                GError **error)
{
  if ((rc & 0xff) == SQLITE_INTERRUPT && g_cancellable_is_cancelled (conn->cancellable))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The search was cancelled."));
  else
    _tl_store_set_sqlite_error (error, conn->db, rc, conn->display_name);
}

static gboolean
prepare (Conn          *conn,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  int rc = sqlite3_prepare_v2 (conn->db, sql, -1, stmt, NULL);

  if (rc != SQLITE_OK)
    {
      conn_set_error (conn, rc, error);
      sqlite3_finalize (*stmt);
      *stmt = NULL;
      return FALSE;
    }
  return TRUE;
}

/* The FTS5 string for @text: text to find, never query syntax. */
static char *
fts_string (const char *text)
{
  GString *s = g_string_new ("\"");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
  return g_string_free (s, FALSE);
}

static const char *
text_index (const char *text)
{
  return g_utf8_strlen (text, -1) >= 3 ? "feedback_fts" : "feedback_gram";
}

/* Adds the ids (column 0) of @sql with ?1 = @a, ?2 = @b to @set */
static gboolean
read_ids (Conn        *conn,
          const char  *sql,
          const char  *a,
          const char  *b,
          TlIdSet     *set,
          GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (conn, sql, &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  if (b != NULL)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    _tl_id_set_add (set, sqlite3_column_int64 (stmt, 0));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      conn_set_error (conn, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* The matches of @text, from the index that can answer it */
static gboolean
read_matches (Conn        *conn,
              const char  *text,
              TlIdSet     *set,
              GError     **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *match = fts_string (text);
  const char *index = text_index (text);

  sql = g_strdup_printf ("SELECT rowid FROM %s WHERE %s MATCH ?1", index, index);
  if (!read_ids (conn, sql, match, NULL, set, error))
    return FALSE;
  _tl_id_set_seal (set);
  return TRUE;
}

/* The items of @target's evidence (or directly linked to it): the link
 * tables' indexes give them in order, no table row is read. */
static gboolean
read_target (Conn        *conn,
             const char  *target,
             gboolean     direct,
             TlIdSet     *set,
             GError     **error)
{
  gboolean ok;

  if (g_str_has_prefix (target, "station:"))
    ok = read_ids (conn, "SELECT feedback_id FROM feedback_station WHERE station_id = ?1",
                   target + 8, NULL, set, error);
  else if (g_str_has_prefix (target, "loop:"))
    ok = read_ids (conn, "SELECT feedback_id FROM feedback_loop WHERE loop_id = ?1",
                   target + 5, NULL, set, error) &&
         (direct ||
          read_ids (conn, "SELECT fs.feedback_id FROM loop_station AS ls"
                          " JOIN feedback_station AS fs ON fs.station_id = ls.station_id"
                          " WHERE ls.loop_id = ?1",
                    target + 5, NULL, set, error));
  else
    {
      g_autofree char *layer = NULL;
      g_autofree char *type = NULL;

      if (!tl_cell_id_parse (target + 5, &layer, &type))
        g_return_val_if_reached (FALSE);
      ok = read_ids (conn, "SELECT feedback_id FROM feedback_cell WHERE layer_id = ?1 AND type_id = ?2",
                     layer, type, set, error);
    }

  if (ok)
    _tl_id_set_seal (set);
  return ok;
}

static gint64
max_id (Conn *conn)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0;

  if (sqlite3_prepare_v2 (conn->db, "SELECT max (id) FROM feedback", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
add_text_param (GArray     *params,
                const char *text)
{
  Param p = { SQLITE_TEXT, g_strdup (text), 0, 0 };

  g_array_append_val (params, p);
}

static void
add_number_param (GArray *params,
                  double  value)
{
  Param p = { SQLITE_FLOAT, NULL, value, 0 };

  g_array_append_val (params, p);
}

static void
add_integer_param (GArray *params,
                   gint64  value)
{
  Param p = { SQLITE_INTEGER, NULL, 0, value };

  g_array_append_val (params, p);
}

/* "?N" of the next parameter */
static void
append_param (GString *sql,
              GArray  *params)
{
  g_string_append_printf (sql, "?%u", params->len + 1);
}

/* The day after a bare date, for an inclusive upper bound */
static char *
next_day (const char *date)
{
  g_autoptr(GDate) d = NULL;
  int y, m, day;

  if (sscanf (date, "%4d-%2d-%2d", &y, &m, &day) != 3 || !g_date_valid_dmy (day, m, y))
    return NULL;
  d = g_date_new_dmy (day, m, y);
  g_date_add_days (d, 1);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (d), g_date_get_month (d), g_date_get_day (d));
}

static gboolean
check_query (const TlFeedbackQuery  *query,
             GError                **error)
{
  const char *dates[] = { query->date_from, query->date_to };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    if (dates[i] != NULL && !tl_feedback_date_parse (dates[i], NULL))
      {
        g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID,
                     _("“%s” is not a date Touchloop understands: use YYYY-MM-DD."),
                     dates[i]);
        return FALSE;
      }

  if (query->linked_to != NULL && !tl_feedback_target_is_valid (query->linked_to))
    {
      g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID,
                   _("“%s” is not a link Touchloop understands: feedback links to station:ID, loop:ID or cell:LAYER/TYPE."),
                   query->linked_to);
      return FALSE;
    }

  return TRUE;
}

/* The items counting towards @target's evidence (or directly linked to
 * it), as an "f.id IN (…)" condition. */
static void
append_target_condition (GString    *sql,
                         GArray     *params,
                         const char *target,
                         gboolean    direct)
{
  if (g_str_has_prefix (target, "station:"))
    {
      g_string_append (sql, " AND f.id IN (SELECT feedback_id FROM feedback_station WHERE station_id = ");
      append_param (sql, params);
      add_text_param (params, target + 8);
      g_string_append (sql, ")");
    }
  else if (g_str_has_prefix (target, "loop:"))
    {
      guint n;

      g_string_append (sql, " AND f.id IN (SELECT feedback_id FROM feedback_loop WHERE loop_id = ");
      append_param (sql, params);
      n = params->len + 1;
      add_text_param (params, target + 5);
      if (!direct)
        g_string_append_printf (sql,
                                " UNION SELECT fs.feedback_id FROM loop_station AS ls"
                                " JOIN feedback_station AS fs ON fs.station_id = ls.station_id"
                                " WHERE ls.loop_id = ?%u", n);
      g_string_append (sql, ")");
    }
  else
    {
      g_autofree char *layer = NULL;
      g_autofree char *type = NULL;

      if (!tl_cell_id_parse (target + 5, &layer, &type))
        g_return_if_reached ();
      g_string_append (sql, " AND f.id IN (SELECT feedback_id FROM feedback_cell WHERE layer_id = ");
      append_param (sql, params);
      add_text_param (params, layer);
      g_string_append (sql, " AND type_id = ");
      append_param (sql, params);
      add_text_param (params, type);
      g_string_append (sql, ")");
    }
}

/* The items counting towards @target, tested row by row (EXISTS on the
 * link tables' keys): for few candidates and a big target, cheaper than
 * reading all of the target's items. */
static void
append_target_exists (GString    *sql,
                      GArray     *params,
                      const char *target,
                      gboolean    direct)
{
  if (g_str_has_prefix (target, "station:"))
    {
      g_string_append (sql, " AND EXISTS (SELECT 1 FROM feedback_station WHERE feedback_id = f.id AND station_id = ");
      append_param (sql, params);
      add_text_param (params, target + 8);
      g_string_append (sql, ")");
    }
  else if (g_str_has_prefix (target, "loop:"))
    {
      guint n = params->len + 1;

      add_text_param (params, target + 5);
      g_string_append_printf (sql, " AND (EXISTS (SELECT 1 FROM feedback_loop WHERE feedback_id = f.id AND loop_id = ?%u)", n);
      if (!direct)
        g_string_append_printf (sql,
                                " OR EXISTS (SELECT 1 FROM feedback_station AS fs"
                                " JOIN loop_station AS ls ON ls.station_id = fs.station_id"
                                " WHERE fs.feedback_id = f.id AND ls.loop_id = ?%u)", n);
      g_string_append (sql, ")");
    }
  else
    {
      g_autofree char *layer = NULL;
      g_autofree char *type = NULL;

      if (!tl_cell_id_parse (target + 5, &layer, &type))
        g_return_if_reached ();
      g_string_append (sql, " AND EXISTS (SELECT 1 FROM feedback_cell WHERE feedback_id = f.id AND layer_id = ");
      append_param (sql, params);
      add_text_param (params, layer);
      g_string_append (sql, " AND type_id = ");
      append_param (sql, params);
      add_text_param (params, type);
      g_string_append (sql, ")");
    }
}

/* How the candidates (text matches, a target's items) reach SQLite */
typedef enum {
  SET_NONE,       /* no text, no target: SQL alone */
  SET_LOOKUP,     /* few: looked up by id, then sorted */
  SET_WALK,       /* many: the order walked, each row tested */
} SetMode;

static char *
build_sql (const TlFeedbackQuery *query,
           SetMode                mode,
           gboolean               target_in_sql,
           GArray                *params)
{
  GString *sql = g_string_new ("SELECT f.id FROM feedback AS f");
  const char *dir = query->descending ? "DESC" : "ASC";
  const char *id_dir = query->descending ? "ASC" : "DESC";

  if (mode == SET_LOOKUP)
    g_string_append (sql, " NOT INDEXED");
  else if (mode == SET_WALK && query->sort == TL_FEEDBACK_SORT_DATE)
    g_string_append (sql, " INDEXED BY feedback_list_order");
  g_string_append (sql, " WHERE 1");

  /* ?1 is the set of candidates, bound by the caller */
  if (mode == SET_LOOKUP)
    {
      g_string_append (sql, " AND f.id IN (SELECT value FROM tl_ids (?1))");
      add_integer_param (params, 0);
    }
  else if (mode == SET_WALK)
    {
      g_string_append (sql, " AND tl_in_set (?1, f.id)");
      add_integer_param (params, 0);
    }

  if (query->stages != 0)
    {
      gboolean first = TRUE;

      g_string_append (sql, " AND (f.stage IN (");
      for (char stage = 'A'; stage <= 'F'; stage++)
        if (query->stages & TL_STAGE_BIT (stage))
          {
            g_string_append_printf (sql, "%s'%c'", first ? "" : ", ", stage);
            first = FALSE;
          }
      g_string_append (sql, ")");
      if (query->stages & TL_STAGE_BIT_UNKNOWN)
        g_string_append (sql, " OR f.stage IS NULL");
      g_string_append (sql, ")");
    }

  if (query->source != NULL)
    {
      g_string_append (sql, " AND f.source = ");
      append_param (sql, params);
      add_text_param (params, query->source);
    }

  if (!isnan (query->rating_min))
    {
      g_string_append (sql, " AND f.rating >= ");
      append_param (sql, params);
      add_number_param (params, query->rating_min);
    }
  if (!isnan (query->rating_max))
    {
      g_string_append (sql, " AND f.rating <= ");
      append_param (sql, params);
      add_number_param (params, query->rating_max);
    }

  if (query->date_from != NULL)
    {
      g_string_append (sql, " AND f.date >= ");
      append_param (sql, params);
      add_text_param (params, query->date_from);
    }
  if (query->date_to != NULL)
    {
      g_autofree char *after = strlen (query->date_to) == 10 ? next_day (query->date_to) : NULL;

      g_string_append (sql, after ? " AND f.date < " : " AND f.date <= ");
      append_param (sql, params);
      add_text_param (params, after ? after : query->date_to);
    }

  if (query->tag != NULL && *query->tag != '\0')
    {
      g_string_append (sql, " AND tl_has_tag (f.tags, ");
      append_param (sql, params);
      add_text_param (params, query->tag);
      g_string_append (sql, ")");
    }

  if (query->images == TL_IMAGE_FILTER_WITH)
    g_string_append (sql, " AND f.n_images > 0");
  else if (query->images == TL_IMAGE_FILTER_WITHOUT)
    g_string_append (sql, " AND f.n_images = 0");

  if (query->linked != TL_LINK_FILTER_ANY)
    g_string_append_printf (sql,
                            " AND %s (EXISTS (SELECT 1 FROM feedback_station WHERE feedback_id = f.id)"
                            " OR EXISTS (SELECT 1 FROM feedback_loop WHERE feedback_id = f.id)"
                            " OR EXISTS (SELECT 1 FROM feedback_cell WHERE feedback_id = f.id))",
                            query->linked == TL_LINK_FILTER_UNLINKED ? "NOT" : "");

  if (target_in_sql)
    append_target_exists (sql, params, query->linked_to, query->direct_links);
  else
    g_assert (query->linked_to == NULL || mode != SET_NONE);   /* in the set */

  switch (query->sort)
    {
    case TL_FEEDBACK_SORT_DATE:
    default:
      g_string_append_printf (sql, " ORDER BY f.date %s, f.id %s", dir, id_dir);
      break;
    case TL_FEEDBACK_SORT_RATING:
      g_string_append_printf (sql, " ORDER BY f.rating %s, f.id %s", dir, id_dir);
      break;
    case TL_FEEDBACK_SORT_SOURCE:
      g_string_append_printf (sql, " ORDER BY f.source %s, f.id %s", dir, id_dir);
      break;
    case TL_FEEDBACK_SORT_STAGE:
      g_string_append_printf (sql, " ORDER BY f.stage %s, f.id %s", dir, id_dir);
      break;
    case TL_FEEDBACK_SORT_TEXT:
      g_string_append_printf (sql, " ORDER BY f.text %s, f.id %s", dir, id_dir);
      break;
    }

  if (query->limit > 0 || query->offset > 0)
    g_string_append_printf (sql, " LIMIT %d OFFSET %u",
                            query->limit > 0 ? (int)MIN (query->limit, G_MAXINT) : -1,
                            query->offset);

  return g_string_free (sql, FALSE);
}

static GArray *
run_query (Conn                   *conn,
           const TlFeedbackQuery  *query,
           GError                **error)
{
  g_autoptr(GArray) params = g_array_new (FALSE, TRUE, sizeof (Param));
  g_autoptr(GArray) ids = NULL;
  g_autofree char *sql = NULL;
  TlIdSet set, text_set, target_set;
  SetMode mode = SET_NONE;
  gboolean target_in_sql = FALSE;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_array_set_clear_func (params, (GDestroyNotify)param_clear);
  _tl_id_set_init (&set);
  _tl_id_set_init (&text_set);
  _tl_id_set_init (&target_set);

  if (!check_query (query, error))
    goto out;

  if (conn->cancellable != NULL)
    sqlite3_progress_handler (conn->db, 1000, progress_cb, conn->cancellable);

  /* The candidates: what the text index and the links say */
  if (query->text != NULL && *query->text != '\0')
    {
      if (!read_matches (conn, query->text, &text_set, error))
        goto out;
      mode = SET_LOOKUP;
    }
  /* A target much bigger than the text's matches is tested per match */
  if (query->linked_to != NULL && mode == SET_LOOKUP &&
      (_tl_store_query_target_in_sql >= 0
         ? _tl_store_query_target_in_sql == 1
         : conn->target_count >= 0 && text_set.count * 4 < (guint64)conn->target_count))
    target_in_sql = TRUE;
  else if (query->linked_to != NULL)
    {
      if (!read_target (conn, query->linked_to, query->direct_links, &target_set, error))
        goto out;
      mode = SET_LOOKUP;
    }

  if (mode != SET_NONE)
    {
      gint64 n = MAX (max_id (conn), 1);
      guint64 dense;

      if (query->text != NULL && *query->text != '\0' && query->linked_to != NULL && !target_in_sql)
        _tl_id_set_intersect (&text_set, &target_set, &set);
      else
        {
          TlIdSet *only = query->linked_to != NULL && !target_in_sql ? &target_set : &text_set;

          _tl_id_set_clear (&set);
          set = *only;
          _tl_id_set_init (only);
        }

      if (set.count == 0)
        {
          ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          goto out;
        }

      /* Walking the order costs the whole table for all results, or
       * 50·n/count rows for a page; looking up costs count lookups and a
       * sort.  The thresholds are where the two meet. */
      if (query->sort != TL_FEEDBACK_SORT_DATE)
        dense = n / 5;
      else if (query->limit > 0 && query->limit <= 1000)
        dense = 3000;
      else
        dense = n / 10;
      if (_tl_store_query_dense_threshold >= 0)
        dense = _tl_store_query_dense_threshold;
      mode = set.count > dense ? SET_WALK : SET_LOOKUP;
    }

  sql = build_sql (query, mode, target_in_sql, params);
  if (!prepare (conn, sql, &stmt, error))
    goto out;

  for (guint i = 0; i < params->len; i++)
    {
      Param *p = &g_array_index (params, Param, i);

      if (mode != SET_NONE && i == 0)
        sqlite3_bind_pointer (stmt, 1, &set, TL_ID_SET_POINTER_TYPE, NULL);
      else if (p->type == SQLITE_TEXT)
        sqlite3_bind_text (stmt, i + 1, p->text, -1, SQLITE_TRANSIENT);
      else if (p->type == SQLITE_FLOAT)
        sqlite3_bind_double (stmt, i + 1, p->number);
      else
        sqlite3_bind_int64 (stmt, i + 1, p->integer);
    }

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (rc != SQLITE_DONE)
    {
      conn_set_error (conn, rc, error);
      g_clear_pointer (&ids, g_array_unref);
    }

out:
  if (conn->cancellable != NULL)
    sqlite3_progress_handler (conn->db, 0, NULL, NULL);
  _tl_id_set_clear (&set);
  _tl_id_set_clear (&text_set);
  _tl_id_set_clear (&target_set);
  return g_steal_pointer (&ids);
}

/* How many items @query's target has, from the kept evidence (direct
 * links of a loop are not counted apart: unknown then) */
static gint64
target_count (TlStore               *self,
              const TlFeedbackQuery *query)
{
  g_autofree char *layer = NULL;
  g_autofree char *type = NULL;
  g_autofree char *key = NULL;
  TlEvidence e;

  if (query->linked_to == NULL || !tl_feedback_target_is_valid (query->linked_to) ||
      (query->direct_links && g_str_has_prefix (query->linked_to, "loop:")))
    return -1;

  if (g_str_has_prefix (query->linked_to, "cell:") && tl_cell_id_parse (query->linked_to + 5, &layer, &type))
    key = g_strconcat ("cell:", layer, "/", type, NULL);
  else
    key = g_strdup (query->linked_to);
  _tl_store_evidence_get (self, key, &e, NULL);
  return e.count;
}

GArray *
tl_store_query_feedback_ids (TlStore               *self,
                             const TlFeedbackQuery *query,
                             GCancellable          *cancellable,
                             GError               **error)
{
  Conn conn;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tl_store_check_open (self, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  /* Inside tl_store_begin(): the items added so far are found too */
  if (!_tl_store_index_pending (self, error))
    return NULL;

  conn.db = self->db;
  conn.display_name = self->display_name;
  conn.cancellable = cancellable;
  conn.target_count = target_count (self, query);
  return run_query (&conn, query, error);
}

typedef struct
{
  char            *path;
  char            *display_name;
  TlFeedbackQuery *query;
  gint64           target_count;
} QueryData;

static void
query_data_free (QueryData *data)
{
  g_free (data->path);
  g_free (data->display_name);
  tl_feedback_query_free (data->query);
  g_free (data);
}

static void
query_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  QueryData *data = task_data;
  GError *error = NULL;
  GArray *ids;
  Conn conn;

  conn.db = _tl_sqlite_open (data->path, NULL, SQLITE_OPEN_READONLY, data->display_name, &error);
  if (conn.db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  conn.display_name = data->display_name;
  conn.cancellable = cancellable;
  conn.target_count = data->target_count;

  ids = run_query (&conn, data->query, &error);
  sqlite3_close (conn.db);

  if (ids == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ids, (GDestroyNotify)g_array_unref);
}

void
tl_store_query_feedback_ids_async (TlStore               *self,
                                   const TlFeedbackQuery *query,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  QueryData *data;

  g_return_if_fail (TL_IS_STORE (self));
  g_return_if_fail (query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tl_store_query_feedback_ids_async);

  /* A read-only store may be a migration held in memory, which no other
   * connection can see: query it here. */
  if (self->read_only || self->db == NULL || self->in_transaction)
    {
      GError *error = NULL;
      GArray *ids = tl_store_query_feedback_ids (self, query, cancellable, &error);

      if (ids == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, ids, (GDestroyNotify)g_array_unref);
      return;
    }

  data = g_new0 (QueryData, 1);
  data->path = g_strdup (self->path);
  data->display_name = g_strdup (self->display_name);
  data->query = tl_feedback_query_copy (query);
  data->target_count = target_count (self, query);
  g_task_set_task_data (task, data, (GDestroyNotify)query_data_free);
  g_task_run_in_thread (task, query_thread);
}

GArray *
tl_store_query_feedback_ids_finish (TlStore       *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the simple lists ------------------------------------------------------ */

/* Newest first, undated last (SQLite sorts NULL lowest), then by id: a
 * scan of the covering index feedback_list_order, no sort. */
static const char sql_feedback_ids[] = "SELECT id FROM feedback ORDER BY date DESC, id";

GArray *
tl_store_list_feedback_ids (TlStore  *self,
                            GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = _tl_store_statement (self, sql_feedback_ids, error)))
    return NULL;
  return _tl_store_collect_ids (self, stmt, error);
}

GArray *
tl_store_search_feedback_ids (TlStore     *self,
                              const char  *query,
                              GError     **error)
{
  g_autoptr(TlFeedbackQuery) q = NULL;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*query == '\0')
    return tl_store_list_feedback_ids (self, error);

  q = tl_feedback_query_new ();
  q->text = g_strdup (query);
  return tl_store_query_feedback_ids (self, q, NULL, error);
}

/* ---- who said it ------------------------------------------------------------- */

/* "FROM feedback AS f WHERE …" restricted to @target's evidence */
static char *
counted_items (const char *target,
               GArray     *params)
{
  GString *sql = g_string_new (" FROM feedback AS f WHERE 1");

  if (target != NULL)
    append_target_condition (sql, params, target, FALSE);
  return g_string_free (sql, FALSE);
}

static sqlite3_stmt *
prepare_counts (TlStore     *self,
                const char  *select,
                const char  *target,
                const char  *group,
                GError     **error)
{
  g_autoptr(GArray) params = g_array_new (FALSE, TRUE, sizeof (Param));
  g_autofree char *from = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_array_set_clear_func (params, (GDestroyNotify)param_clear);

  if (target != NULL && !tl_feedback_target_is_valid (target))
    {
      g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID,
                   _("“%s” is not a link Touchloop understands: feedback links to station:ID, loop:ID or cell:LAYER/TYPE."),
                   target);
      return NULL;
    }

  from = counted_items (target, params);
  sql = g_strconcat (select, from, group, NULL);
  if (!(stmt = _tl_store_dynamic_statement (self, sql, error)))
    return NULL;

  for (guint i = 0; i < params->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_array_index (params, Param, i).text, -1, SQLITE_TRANSIENT);
  return stmt;
}

gboolean
tl_store_count_by_stage (TlStore     *self,
                         const char  *target,
                         guint64      counts[TL_N_STAGE_COUNTS],
                         GError     **error)
{
  g_autofree char *layer = NULL;
  g_autofree char *type = NULL;
  g_autofree char *key = NULL;
  TlEvidence e;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (counts, 0, sizeof (guint64) * TL_N_STAGE_COUNTS);

  if (target != NULL && !tl_feedback_target_is_valid (target))
    {
      g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID,
                   _("“%s” is not a link Touchloop understands: feedback links to station:ID, loop:ID or cell:LAYER/TYPE."),
                   target);
      return FALSE;
    }

  /* Kept with the evidence: no scan */
  if (target == NULL)
    key = g_strdup ("document:");
  else if (g_str_has_prefix (target, "cell:") && tl_cell_id_parse (target + 5, &layer, &type))
    key = g_strconcat ("cell:", layer, "/", type, NULL);
  else
    key = g_strdup (target);

  _tl_store_evidence_get (self, key, &e, counts);
  return TRUE;
}

static void
source_count_clear (TlSourceCount *count)
{
  g_clear_pointer (&count->source, g_free);
}

static int
compare_source_counts (gconstpointer a,
                       gconstpointer b)
{
  const TlSourceCount *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  /* Items without a source last */
  if (x->source == NULL || y->source == NULL)
    return (x->source == NULL) - (y->source == NULL);
  return strcmp (x->source, y->source);
}

GArray *
tl_store_count_by_source (TlStore     *self,
                          const char  *target,
                          GError     **error)
{
  g_autoptr(GArray) counts = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = prepare_counts (self, "SELECT f.source, count(*)", target, " GROUP BY f.source", error)))
    return NULL;

  counts = g_array_new (FALSE, TRUE, sizeof (TlSourceCount));
  g_array_set_clear_func (counts, (GDestroyNotify)source_count_clear);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TlSourceCount c;

      c.source = _tl_sqlite_column_text (stmt, 0);
      c.count = sqlite3_column_int64 (stmt, 1);
      g_array_append_val (counts, c);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _tl_store_set_error (self, rc, error);
      return NULL;
    }

  g_array_sort (counts, compare_source_counts);
  return g_steal_pointer (&counts);
}
