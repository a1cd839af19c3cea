/* tl-store.c: a Touchloop document file (SQLite as an application file format)
 *
 * The store loads the whole TlDocument when it opens a file and then
 * writes every TlDocument::changed at once, each in its own transaction
 * (a savepoint inside tl_store_begin()/tl_store_commit()), so a crash
 * loses at most the change in flight.  A change is written by id: the
 * store looks the object's id up in the document and writes what it finds
 * there (insert or update), or deletes the row when the document no longer
 * has it.  That makes the order in which the model emits its signals
 * irrelevant: a loop that names a station the file does not have yet is
 * completed when the station arrives.
 *
 * Threads: a store and its connection belong to the thread that uses the
 * document (the main thread).  Nothing else uses the connection; a save
 * in a worker copies the file over connections of its own
 * (_tl_store_copy_database()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tl-schema.h"
#include "tl-store.h"
#include "tl-store-private.h"

/* On a removed station or loop: the ids of the feedback linked to it, so
 * that undoing the removal restores the links the cascade deleted. */
#define LINKS_KEY "tl-store-feedback-links"

enum {
  PROP_0,
  PROP_PATH,
  PROP_DOCUMENT,
  PROP_READ_ONLY,
  N_PROPS
};

enum {
  WRITE_FAILED,
  FEEDBACK_CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (TlStore, tl_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (tl-store-error-quark, tl_store_error)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- SQL ------------------------------------------------------------- */

static const char sql_station_exists[] = "SELECT 1 FROM station WHERE id = ?1";
static const char sql_station_upsert[] =
  "INSERT INTO station (id, position, kind, label, description, owner, x, y)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
  " ON CONFLICT (id) DO UPDATE SET position = excluded.position, kind = excluded.kind,"
  " label = excluded.label, description = excluded.description, owner = excluded.owner,"
  " x = excluded.x, y = excluded.y";
static const char sql_station_delete[] = "DELETE FROM station WHERE id = ?1";
static const char sql_station_position[] =
  "UPDATE station SET position = ?2 WHERE id = ?1 AND position IS NOT ?2";

static const char sql_loop_exists[] = "SELECT 1 FROM loop WHERE id = ?1";
static const char sql_loop_upsert[] =
  "INSERT INTO loop (id, position, name, color, description) VALUES (?1, ?2, ?3, ?4, ?5)"
  " ON CONFLICT (id) DO UPDATE SET position = excluded.position, name = excluded.name,"
  " color = excluded.color, description = excluded.description";
static const char sql_loop_delete[] = "DELETE FROM loop WHERE id = ?1";
static const char sql_loop_position[] =
  "UPDATE loop SET position = ?2 WHERE id = ?1 AND position IS NOT ?2";
static const char sql_loop_stations_clear[] = "DELETE FROM loop_station WHERE loop_id = ?1";
static const char sql_loop_station_insert[] =
  "INSERT INTO loop_station (loop_id, seq, station_id) VALUES (?1, ?2, ?3)";

static const char sql_layer_upsert[] =
  "INSERT INTO layer (id, position, label, description, key) VALUES (?1, ?2, ?3, ?4, ?5)"
  " ON CONFLICT (id) DO UPDATE SET position = excluded.position, label = excluded.label,"
  " description = excluded.description, key = excluded.key";
static const char sql_layer_delete[] = "DELETE FROM layer WHERE id = ?1";
static const char sql_type_upsert[] =
  "INSERT INTO exp_type (id, position, label, description, key) VALUES (?1, ?2, ?3, ?4, ?5)"
  " ON CONFLICT (id) DO UPDATE SET position = excluded.position, label = excluded.label,"
  " description = excluded.description, key = excluded.key";
static const char sql_type_delete[] = "DELETE FROM exp_type WHERE id = ?1";

static const char sql_cell_upsert[] =
  "INSERT INTO cell (layer_id, type_id, description, current, target, key, owner, notes)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
  " ON CONFLICT (layer_id, type_id) DO UPDATE SET description = excluded.description,"
  " current = excluded.current, target = excluded.target, key = excluded.key,"
  " owner = excluded.owner, notes = excluded.notes";
static const char sql_cell_delete[] = "DELETE FROM cell WHERE layer_id = ?1 AND type_id = ?2";

static const char sql_meta_upsert[] =
  "INSERT INTO meta (key, value) VALUES (?1, ?2)"
  " ON CONFLICT (key) DO UPDATE SET value = excluded.value";

static const char sql_feedback_station_links[] =
  "SELECT feedback_id FROM feedback_station WHERE station_id = ?1";
static const char sql_feedback_loop_links[] =
  "SELECT feedback_id FROM feedback_loop WHERE loop_id = ?1";
static const char sql_feedback_station_restore[] =
  "INSERT OR IGNORE INTO feedback_station (feedback_id, station_id)"
  " SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM feedback WHERE id = ?1)";
static const char sql_feedback_loop_restore[] =
  "INSERT OR IGNORE INTO feedback_loop (feedback_id, loop_id)"
  " SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM feedback WHERE id = ?1)";

/* ---- statements and transactions ------------------------------------ */

static void
set_error (TlStore  *self,
           int       rc,
           GError  **error)
{
  _tl_store_set_sqlite_error (error, self->db, rc, self->display_name);
}

static gboolean
check_open (TlStore  *self,
            GError  **error)
{
  if (self->db != NULL)
    return TRUE;

  g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
               _("“%s” has been closed. Open it again, then try again."),
               self->display_name);
  return FALSE;
}

/* The statement @cache holds for @sql, reset and unbound; or a new one
 * prepared (persistent), which the caller stores (@prepared); NULL with
 * @error set when @sql cannot be prepared. */
static sqlite3_stmt *
cached_statement (TlStore     *self,
                  GHashTable  *cache,
                  const char  *sql,
                  gboolean    *prepared,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *prepared = FALSE;
  if (!check_open (self, error))
    return NULL;

  stmt = g_hash_table_lookup (cache, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (self, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  *prepared = TRUE;
  return stmt;
}

/* A prepared statement for the static SQL text @sql, reset and unbound.
 * Prepared once per store: writes come one small change at a time, and
 * an import adds feedback by the thousand. */
static sqlite3_stmt *
statement (TlStore     *self,
           const char  *sql,
           GError     **error)
{
  gboolean prepared;
  sqlite3_stmt *stmt = cached_statement (self, self->statements, sql, &prepared, error);

  if (prepared)
    g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static void
bind_score (sqlite3_stmt *stmt,
            int           index,
            guint         score)
{
  if (score == TL_SCORE_UNSET)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int (stmt, index, score);
}

/* Steps a statement that returns no rows (or whose rows do not matter)
 * and resets it, so that it holds no lock afterwards. */
static gboolean
run (TlStore       *self,
     sqlite3_stmt  *stmt,
     GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* TRUE and *exists when the query has a row. */
static gboolean
has_row (TlStore       *self,
         sqlite3_stmt  *stmt,
         gboolean      *exists,
         GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_error (self, rc, error);
      return FALSE;
    }

  *exists = rc == SQLITE_ROW;
  return TRUE;
}

/* Steps a statement whose rows are ids (column 0) and collects them;
 * NULL on an SQLite failure. */
static GArray *
collect_ids (TlStore       *self,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* statement() for @sql, @id bound to ?1 and, unless NULL, @id2 to ?2:
 * most statements find their row by its key. */
static sqlite3_stmt *
statement_with_ids (TlStore     *self,
                    const char  *sql,
                    const char  *id,
                    const char  *id2,
                    GError     **error)
{
  sqlite3_stmt *stmt = statement (self, sql, error);

  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, id);
  if (id2 != NULL)
    bind_text (stmt, 2, id2);
  return stmt;
}

/* run() of statement_with_ids(). */
static gboolean
run_with_ids (TlStore     *self,
              const char  *sql,
              const char  *id,
              const char  *id2,
              GError     **error)
{
  sqlite3_stmt *stmt = statement_with_ids (self, sql, id, id2, error);

  return stmt != NULL && run (self, stmt, error);
}

static gboolean
check_writable (TlStore  *self,
                GError  **error)
{
  if (!check_open (self, error))
    return FALSE;
  if (!self->read_only)
    return TRUE;

  g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
               _("“%s” is open for reading only, so it cannot be changed. Open it for editing, then try again."),
               self->display_name);
  return FALSE;
}

static gboolean
write_begin (TlStore  *self,
             GError  **error)
{
  /* IMMEDIATE: take the write lock first, so a copy being saved from
   * another connection makes us wait at the start, never fail midway. */
  return _tl_sqlite_exec (self->db,
                          self->in_transaction ? "SAVEPOINT tl_write" : "BEGIN IMMEDIATE",
                          self->display_name, error);
}

static void
write_rollback (TlStore *self)
{
  if (self->in_transaction)
    sqlite3_exec (self->db, "ROLLBACK TO tl_write; RELEASE tl_write", NULL, NULL, NULL);
  else if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
write_commit (TlStore  *self,
              GError  **error)
{
  if (!_tl_sqlite_exec (self->db,
                        self->in_transaction ? "RELEASE tl_write" : "COMMIT",
                        self->display_name, error))
    {
      write_rollback (self);
      return FALSE;
    }

  self->generation++;
  return TRUE;
}

/* ---- for the other parts of the store ----------------------------------- */

void
_tl_store_set_error (TlStore  *self,
                     int       rc,
                     GError  **error)
{
  set_error (self, rc, error);
}

gboolean
_tl_store_check_open (TlStore  *self,
                      GError  **error)
{
  return check_open (self, error);
}

gboolean
_tl_store_check_writable (TlStore  *self,
                          GError  **error)
{
  return check_writable (self, error);
}

sqlite3_stmt *
_tl_store_statement (TlStore     *self,
                     const char  *sql,
                     GError     **error)
{
  return statement (self, sql, error);
}

sqlite3_stmt *
_tl_store_dynamic_statement (TlStore     *self,
                             const char  *sql,
                             GError     **error)
{
  gboolean prepared;
  sqlite3_stmt *stmt = cached_statement (self, self->query_statements, sql, &prepared, error);

  if (prepared)
    {
      /* Queries combine filters: keep the recent ones, not every one ever. */
      if (g_hash_table_size (self->query_statements) >= 64)
        g_hash_table_remove_all (self->query_statements);
      g_hash_table_insert (self->query_statements, g_strdup (sql), stmt);
    }
  return stmt;
}

void
_tl_store_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  bind_text (stmt, index, text);
}

gboolean
_tl_store_run (TlStore       *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  return run (self, stmt, error);
}

GArray *
_tl_store_collect_ids (TlStore       *self,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  return collect_ids (self, stmt, error);
}

/* After a rollback, what is in memory follows the file again. */
static void
reload_after_rollback (TlStore *self)
{
  g_autoptr(GError) error = NULL;

  if (!_tl_store_load_next_id (self, &error) ||
      !_tl_store_evidence_reload (self, &error))
    g_message ("Could not read %s again after a rollback: %s", self->path, error->message);
  _tl_store_evidence_publish (self);
}

/* Everything a commit does besides COMMIT: the evidence table and the
 * next id first, in the transaction. */
static gboolean
before_commit (TlStore  *self,
               GError  **error)
{
  return _tl_store_evidence_flush (self, error) &&
         _tl_store_flush_next_id (self, error);
}

static void
after_commit (TlStore *self)
{
  self->generation++;
  _tl_store_evidence_publish (self);
  if (self->feedback_changed)
    {
      self->feedback_changed = FALSE;
      g_signal_emit (self, signals[FEEDBACK_CHANGED], 0);
    }
}

/* Both full-text indexes of the items from index_from on, one statement
 * each: FTS5 builds its segments from one big batch faster than row by
 * row (measured with bench-import). */
static const char * const sql_index_pending[] = {
  "INSERT INTO feedback_fts (rowid, text) SELECT id, text FROM feedback WHERE id >= ?1",
  "INSERT INTO feedback_gram (rowid, text) SELECT id, text FROM feedback WHERE id >= ?1",
};

/* FTS5 writes what it has gathered in memory out as a new segment when it
 * holds more than "hashsize" bytes (1 MB by default) and merges segments
 * as they pile up: a million items made thousands of small segments and
 * spent more time merging them than indexing.  8 MB for a big batch (half
 * the time of both indexes at a million items), then the default again. */
#define BATCH_HASH_ITEMS 20000
static const char sql_hash_batch[] =
  "INSERT INTO feedback_fts (feedback_fts, rank) VALUES ('hashsize', 8388608);"
  "INSERT INTO feedback_gram (feedback_gram, rank) VALUES ('hashsize', 8388608);";
static const char sql_hash_default[] =
  "INSERT INTO feedback_fts (feedback_fts, rank) VALUES ('hashsize', 1048576);"
  "INSERT INTO feedback_gram (feedback_gram, rank) VALUES ('hashsize', 1048576);";

/* The list indexes of feedback, as the schema creates them (tl-schema.c):
 * a batch into a document of few items drops them and builds them again
 * at the end, a sort instead of an insertion at a random place per item
 * (measured: 10-15 % of a million-item import). */
#define BATCH_DROP_MAX_ITEMS 50000
static const char sql_list_indexes_drop[] =
  "DROP INDEX feedback_list_order;"
  "DROP INDEX feedback_by_source;"
  "DROP INDEX feedback_by_stage;";
static const char sql_list_indexes_create[] =
  "CREATE INDEX feedback_list_order ON feedback (date DESC, id);\n"
  "CREATE INDEX feedback_by_source ON feedback (source);\n"
  "CREATE INDEX feedback_by_stage ON feedback (stage);\n";

gboolean
_tl_store_batch_adding (TlStore  *self,
                        GError  **error)
{
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (self->batch_checked)
    return TRUE;
  self->batch_checked = TRUE;

  if (tl_store_count_feedback (self) > BATCH_DROP_MAX_ITEMS)
    return TRUE;
  if (!_tl_sqlite_exec (self->db, sql_list_indexes_drop, self->display_name, error))
    return FALSE;
  self->indexes_dropped = TRUE;
  return TRUE;
}

gboolean
_tl_store_index_pending (TlStore  *self,
                         GError  **error)
{
  if (self->indexes_dropped)
    {
      if (!_tl_sqlite_exec (self->db, sql_list_indexes_create, self->display_name, error))
        return FALSE;
      self->indexes_dropped = FALSE;
    }

  if (self->index_from <= 0)
    return TRUE;

  if (self->next_feedback_id - self->index_from >= BATCH_HASH_ITEMS &&
      !_tl_sqlite_exec (self->db, sql_hash_batch, self->display_name, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (sql_index_pending); i++)
    {
      sqlite3_stmt *stmt = _tl_store_statement (self, sql_index_pending[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, self->index_from);
      if (!_tl_store_run (self, stmt, error))
        return FALSE;
    }

  if (self->next_feedback_id - self->index_from >= BATCH_HASH_ITEMS &&
      !_tl_sqlite_exec (self->db, sql_hash_default, self->display_name, error))
    return FALSE;

  self->index_from = 0;
  return TRUE;
}

gboolean
_tl_store_feedback_begin_add (TlStore  *self,
                              GError  **error)
{
  if (!check_writable (self, error))
    return FALSE;
  if (self->in_transaction)
    return TRUE;
  return _tl_sqlite_exec (self->db, "BEGIN IMMEDIATE", self->display_name, error);
}

gboolean
_tl_store_feedback_begin (TlStore  *self,
                          GError  **error)
{
  if (!_tl_store_feedback_begin_add (self, error))
    return FALSE;
  return _tl_store_index_pending (self, error);
}

gboolean
_tl_store_feedback_end (TlStore   *self,
                        gboolean   ok,
                        GError   **error)
{
  if (self->in_transaction)
    {
      if (ok)
        self->feedback_changed = TRUE;
      return ok;
    }

  if (ok)
    {
      self->feedback_changed = TRUE;
      if (before_commit (self, error) &&
          _tl_sqlite_exec (self->db, "COMMIT", self->display_name, error))
        {
          after_commit (self);
          return TRUE;
        }
    }

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->feedback_changed = FALSE;
  reload_after_rollback (self);
  return FALSE;
}

/* ---- writing the document -------------------------------------------- */

/* A table whose rows keep the order of one of the document's lists (in
 * column position) and that feedback links to: stations and loops. */
typedef struct
{
  const char   *exists_sql;
  const char   *delete_sql;
  const char   *position_sql;
  const char   *links_sql;        /* the feedback linked to a row */
  const char   *restore_links_sql;
  GListModel *(*list)  (TlDocument *document);
  const char *(*id_of) (gpointer    item);
} OrderedTable;

static const char *
station_id_of (gpointer item)
{
  return tl_station_get_id (item);
}

static const char *
loop_id_of (gpointer item)
{
  return tl_loop_get_id (item);
}

static const OrderedTable station_table = {
  sql_station_exists,
  sql_station_delete,
  sql_station_position,
  sql_feedback_station_links,
  sql_feedback_station_restore,
  tl_document_get_stations,
  station_id_of,
};

static const OrderedTable loop_table = {
  sql_loop_exists,
  sql_loop_delete,
  sql_loop_position,
  sql_feedback_loop_links,
  sql_feedback_loop_restore,
  tl_document_get_loops,
  loop_id_of,
};

static guint
position_in (GListModel *model,
             gpointer    item)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        return i;
    }

  return n;
}

/* Writes the position of every row of @table that moved. */
static gboolean
renumber (TlStore             *self,
          const OrderedTable  *table,
          GError             **error)
{
  GListModel *model = table->list (self->document);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      sqlite3_stmt *stmt;

      if (!(stmt = statement_with_ids (self, table->position_sql, table->id_of (item), NULL, error)))
        return FALSE;
      sqlite3_bind_int (stmt, 2, i);
      if (!run (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_meta (TlStore  *self,
            GError  **error)
{
  g_autofree char *scale = g_strdup_printf ("%u", tl_document_get_score_scale (self->document));
  const char *keys[] = { "title", "language", "score_scale" };
  const char *values[] = {
    tl_document_get_title (self->document),
    tl_document_get_language (self->document),
    scale,
  };

  const char *real_keys[] = { "half_life", "strength_moderate", "strength_strong" };
  double real_values[] = {
    tl_document_get_half_life (self->document),
    tl_document_get_strength_moderate (self->document),
    tl_document_get_strength_strong (self->document),
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      sqlite3_stmt *stmt;

      if (!(stmt = statement (self, sql_meta_upsert, error)))
        return FALSE;
      bind_text (stmt, 1, keys[i]);
      /* The scale is a number, so that SQL can compare scores with it. */
      if (i == 2)
        sqlite3_bind_int (stmt, 2, tl_document_get_score_scale (self->document));
      else
        bind_text (stmt, 2, values[i]);
      if (!run (self, stmt, error))
        return FALSE;
    }

  /* The evidence parameters, as numbers too */
  for (guint i = 0; i < G_N_ELEMENTS (real_keys); i++)
    {
      sqlite3_stmt *stmt;

      if (!(stmt = statement (self, sql_meta_upsert, error)))
        return FALSE;
      bind_text (stmt, 1, real_keys[i]);
      sqlite3_bind_double (stmt, 2, real_values[i]);
      if (!run (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* The upsert @sql of @item, a member of the ordered @list, with its @id
 * bound to ?1 and its position in @list to ?2: the other columns are
 * the caller's to bind. */
static sqlite3_stmt *
upsert_statement (TlStore     *self,
                  const char  *sql,
                  GListModel  *list,
                  gpointer     item,
                  const char  *id,
                  GError     **error)
{
  sqlite3_stmt *stmt = statement_with_ids (self, sql, id, NULL, error);

  if (stmt != NULL)
    sqlite3_bind_int (stmt, 2, position_in (list, item));
  return stmt;
}

static gboolean
upsert_station (TlStore    *self,
                TlStation  *station,
                GError    **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = upsert_statement (self, sql_station_upsert, tl_document_get_stations (self->document),
                                 station, tl_station_get_id (station), error)))
    return FALSE;

  bind_text (stmt, 3, tl_station_get_kind (station));
  bind_text (stmt, 4, tl_station_get_label (station));
  bind_text (stmt, 5, tl_station_get_description (station));
  bind_text (stmt, 6, tl_station_get_owner (station));
  sqlite3_bind_double (stmt, 7, tl_station_get_x (station));
  sqlite3_bind_double (stmt, 8, tl_station_get_y (station));

  return run (self, stmt, error);
}

static gboolean
row_exists (TlStore     *self,
            const char  *sql,
            const char  *id,
            const char  *id2,
            gboolean    *exists,
            GError     **error)
{
  sqlite3_stmt *stmt = statement_with_ids (self, sql, id, id2, error);

  return stmt != NULL && has_row (self, stmt, exists, error);
}

/* Rewrites the loop_station rows of @loop.  A station the document lacks
 * is left out (the document's check reports it); one the document has
 * but the file not yet is written first. */
static gboolean
write_loop_stations (TlStore  *self,
                     TlLoop   *loop,
                     GError  **error)
{
  const char * const *stations = tl_loop_get_stations (loop);
  const char *loop_id = tl_loop_get_id (loop);
  sqlite3_stmt *stmt;
  int seq = 0;

  if (!run_with_ids (self, sql_loop_stations_clear, loop_id, NULL, error))
    return FALSE;

  for (guint i = 0; stations != NULL && stations[i] != NULL; i++)
    {
      gboolean exists = FALSE;

      if (!row_exists (self, sql_station_exists, stations[i], NULL, &exists, error))
        return FALSE;

      if (!exists)
        {
          TlStation *station = tl_document_lookup_station (self->document, stations[i]);

          if (station == NULL)
            continue;
          if (!upsert_station (self, station, error))
            return FALSE;
        }

      if (!(stmt = statement_with_ids (self, sql_loop_station_insert, loop_id, NULL, error)))
        return FALSE;
      sqlite3_bind_int (stmt, 2, seq++);
      bind_text (stmt, 3, stations[i]);
      if (!run (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
upsert_loop (TlStore  *self,
             TlLoop   *loop,
             GError  **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = upsert_statement (self, sql_loop_upsert, tl_document_get_loops (self->document),
                                 loop, tl_loop_get_id (loop), error)))
    return FALSE;

  bind_text (stmt, 3, tl_loop_get_name (loop));
  bind_text (stmt, 4, tl_loop_get_color (loop));
  bind_text (stmt, 5, tl_loop_get_description (loop));

  return run (self, stmt, error);
}

static gboolean
upsert_header (TlStore         *self,
               TlMatrixHeader  *header,
               GError         **error)
{
  gboolean is_layer = tl_matrix_header_get_axis (header) == TL_MATRIX_AXIS_LAYER;
  sqlite3_stmt *stmt;

  if (!(stmt = upsert_statement (self, is_layer ? sql_layer_upsert : sql_type_upsert,
                                 is_layer ? tl_document_get_layers (self->document)
                                          : tl_document_get_types (self->document),
                                 header, tl_matrix_header_get_id (header), error)))
    return FALSE;

  bind_text (stmt, 3, tl_matrix_header_get_label (header));
  bind_text (stmt, 4, tl_matrix_header_get_description (header));
  sqlite3_bind_int (stmt, 5, tl_matrix_header_get_key (header) ? 1 : 0);

  return run (self, stmt, error);
}

static gboolean
upsert_cell (TlStore  *self,
             TlCell   *cell,
             GError  **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = statement_with_ids (self, sql_cell_upsert,
                                   tl_cell_get_layer (cell), tl_cell_get_type_id (cell), error)))
    return FALSE;

  bind_text (stmt, 3, tl_cell_get_description (cell));
  bind_score (stmt, 4, tl_cell_get_current (cell));
  bind_score (stmt, 5, tl_cell_get_target (cell));
  sqlite3_bind_int (stmt, 6, tl_cell_get_key (cell) ? 1 : 0);
  bind_text (stmt, 7, tl_cell_get_owner (cell));
  bind_text (stmt, 8, tl_cell_get_notes (cell));

  return run (self, stmt, error);
}

/* Remembers on @object the feedback linked to it, before the cascade
 * deletes the links with it. */
static gboolean
stash_links (TlStore             *self,
             const OrderedTable  *table,
             GObject             *object,
             const char          *id,
             GError             **error)
{
  g_autoptr(GArray) ids = NULL;
  sqlite3_stmt *stmt;

  if (!(stmt = statement_with_ids (self, table->links_sql, id, NULL, error)) ||
      !(ids = collect_ids (self, stmt, error)))
    return FALSE;

  if (ids->len > 0)
    g_object_set_data_full (object, LINKS_KEY, g_steal_pointer (&ids), (GDestroyNotify)g_array_unref);
  else
    g_object_set_data (object, LINKS_KEY, NULL);
  return TRUE;
}

static gboolean
restore_links (TlStore             *self,
               const OrderedTable  *table,
               GObject             *object,
               const char          *id,
               GError             **error)
{
  GArray *ids = g_object_get_data (object, LINKS_KEY);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      sqlite3_stmt *stmt;

      if (!(stmt = statement (self, table->restore_links_sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      bind_text (stmt, 2, id);
      if (!run (self, stmt, error))
        return FALSE;
    }

  g_object_set_data (object, LINKS_KEY, NULL);
  return TRUE;
}

/* @object, the row @id of @table, has left the document: its feedback
 * links are kept on it for an undo, the row goes (its links with it),
 * and the rows after it move up. */
static gboolean
delete_ordered (TlStore             *self,
                const OrderedTable  *table,
                GObject             *object,
                const char          *id,
                GError             **error)
{
  return stash_links (self, table, object, id, error) &&
         run_with_ids (self, table->delete_sql, id, NULL, error) &&
         renumber (self, table, error);
}

static gboolean
sync_station (TlStore       *self,
              TlStation     *station,
              TlChangeKind   kind,
              GError       **error)
{
  const char *id = tl_station_get_id (station);
  TlStation *current = tl_document_lookup_station (self->document, id);
  gboolean existed = FALSE;

  if (!row_exists (self, station_table.exists_sql, id, NULL, &existed, error))
    return FALSE;

  if (current == NULL)
    return !existed || delete_ordered (self, &station_table, G_OBJECT (station), id, error);

  if (!upsert_station (self, current, error))
    return FALSE;

  if (kind != TL_CHANGE_MODIFIED &&
      !renumber (self, &station_table, error))
    return FALSE;

  if (!existed)
    {
      GListModel *loops = tl_document_get_loops (self->document);
      guint n = g_list_model_get_n_items (loops);

      if (!restore_links (self, &station_table, G_OBJECT (current), id, error))
        return FALSE;

      /* Loops that went through it before the file had it */
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);
          gboolean loop_exists = FALSE;

          if (!tl_loop_contains (loop, id))
            continue;
          /* A loop the file has not got yet is written whole when it comes. */
          if (!row_exists (self, loop_table.exists_sql, tl_loop_get_id (loop), NULL, &loop_exists, error))
            return FALSE;
          if (loop_exists && !write_loop_stations (self, loop, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
sync_loop (TlStore       *self,
           TlLoop        *loop,
           TlChangeKind   kind,
           const char    *property,
           GError       **error)
{
  const char *id = tl_loop_get_id (loop);
  TlLoop *current = tl_document_lookup_loop (self->document, id);
  gboolean existed = FALSE;

  if (!row_exists (self, loop_table.exists_sql, id, NULL, &existed, error))
    return FALSE;

  if (current == NULL)
    return !existed || delete_ordered (self, &loop_table, G_OBJECT (loop), id, error);

  if (!upsert_loop (self, current, error))
    return FALSE;

  if ((!existed || current != loop || kind != TL_CHANGE_MODIFIED ||
       property == NULL || g_strcmp0 (property, "stations") == 0) &&
      !write_loop_stations (self, current, error))
    return FALSE;

  if (kind != TL_CHANGE_MODIFIED &&
      !renumber (self, &loop_table, error))
    return FALSE;

  if (!existed &&
      !restore_links (self, &loop_table, G_OBJECT (current), id, error))
    return FALSE;

  return TRUE;
}

static gboolean
sync_header (TlStore         *self,
             TlMatrixHeader  *header,
             GError         **error)
{
  gboolean is_layer = tl_matrix_header_get_axis (header) == TL_MATRIX_AXIS_LAYER;
  const char *id = tl_matrix_header_get_id (header);
  TlMatrixHeader *current;

  current = is_layer ? tl_document_lookup_layer (self->document, id)
                     : tl_document_lookup_type (self->document, id);
  if (current != NULL)
    return upsert_header (self, current, error);

  return run_with_ids (self, is_layer ? sql_layer_delete : sql_type_delete, id, NULL, error);
}

static gboolean
sync_cell (TlStore       *self,
           TlCell        *cell,
           TlChangeKind   kind,
           GError       **error)
{
  const char *layer = tl_cell_get_layer (cell);
  const char *type = tl_cell_get_type_id (cell);
  TlCell *current = tl_document_lookup_cell (self->document, layer, type);

  if (current != NULL)
    {
      TlMatrixHeader *l = tl_document_lookup_layer (self->document, layer);
      TlMatrixHeader *t = tl_document_lookup_type (self->document, type);

      /* The headers come first in the model; be sure of it here. */
      if (kind != TL_CHANGE_MODIFIED &&
          ((l != NULL && !upsert_header (self, l, error)) ||
           (t != NULL && !upsert_header (self, t, error))))
        return FALSE;
      return upsert_cell (self, current, error);
    }

  return run_with_ids (self, sql_cell_delete, layer, type, error);
}

static gboolean
write_object (TlStore       *self,
              TlChangeKind   kind,
              GObject       *object,
              const char    *property,
              GError       **error)
{
  if (TL_IS_DOCUMENT (object))
    return write_meta (self, error);
  if (TL_IS_STATION (object))
    return sync_station (self, TL_STATION (object), kind, error);
  if (TL_IS_LOOP (object))
    return sync_loop (self, TL_LOOP (object), kind, property, error);
  if (TL_IS_MATRIX_HEADER (object))
    return sync_header (self, TL_MATRIX_HEADER (object), error);
  if (TL_IS_CELL (object))
    return sync_cell (self, TL_CELL (object), kind, error);

  return TRUE;
}

/* The whole document, into an empty file (tl_store_create()). */
static gboolean
write_document (TlStore  *self,
                GError  **error)
{
  GListModel *lists[] = {
    tl_document_get_stations (self->document),
    tl_document_get_layers (self->document),
    tl_document_get_types (self->document),
    tl_document_get_cells (self->document),
    tl_document_get_loops (self->document),
  };

  if (!write_meta (self, error))
    return FALSE;

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      guint n = g_list_model_get_n_items (lists[l]);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (lists[l], i);

          if (!write_object (self, TL_CHANGE_ADDED, item, NULL, error))
            return FALSE;
        }
    }

  return TRUE;
}

static void
document_changed_cb (TlDocument *document,
                     int         kind,
                     GObject    *object,
                     const char *property,
                     TlStore    *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (TL_IS_STORE (self));
  g_assert (!self->read_only);

  if (!write_begin (self, &error))
    goto failed;

  if (!write_object (self, kind, object, property, &error) ||
      !_tl_store_evidence_document_changed (self, kind, object, property, &error) ||
      (!self->in_transaction && !before_commit (self, &error)))
    {
      write_rollback (self);
      goto rolled_back;
    }

  if (!write_commit (self, &error))
    goto rolled_back;

  if (!self->in_transaction)
    {
      /* write_commit() counted the generation already */
      _tl_store_evidence_publish (self);
      if (self->feedback_changed)
        {
          self->feedback_changed = FALSE;
          g_signal_emit (self, signals[FEEDBACK_CHANGED], 0);
        }
    }
  return;

rolled_back:
  /* The aggregates in memory may be ahead of the file now. */
  if (!self->in_transaction)
    reload_after_rollback (self);
  else
    {
      g_autoptr(GError) local_error = NULL;

      if (!_tl_store_evidence_recompute (self, &local_error))
        g_message ("Could not recompute evidence of %s: %s", self->path, local_error->message);
    }

failed:
  g_message ("Could not write a change to %s: %s", self->path, error->message);
  g_signal_emit (self, signals[WRITE_FAILED], 0, error);
}

/* ---- reading the document -------------------------------------------- */

typedef struct
{
  sqlite3      *db;
  const char   *display_name;
  sqlite3_stmt *stmt;
  int           rc;
} Reader;

static gboolean
reader_start (Reader     *r,
              const char *sql)
{
  g_clear_pointer (&r->stmt, sqlite3_finalize);
  r->rc = sqlite3_prepare_v2 (r->db, sql, -1, &r->stmt, NULL);
  return r->rc == SQLITE_OK;
}

static gboolean
reader_next (Reader *r)
{
  if (r->rc != SQLITE_OK && r->rc != SQLITE_ROW)
    return FALSE;
  r->rc = sqlite3_step (r->stmt);
  return r->rc == SQLITE_ROW;
}

static gboolean
reader_failed (Reader  *r,
               GError **error)
{
  if (r->rc == SQLITE_OK || r->rc == SQLITE_DONE)
    return FALSE;
  _tl_store_set_sqlite_error (error, r->db, r->rc, r->display_name);
  return TRUE;
}

static guint
column_score (sqlite3_stmt *stmt,
              int           column)
{
  sqlite3_int64 value;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return TL_SCORE_UNSET;

  /* Out of range is reported by tl_store_validate(); the model keeps 1–10. */
  value = sqlite3_column_int64 (stmt, column);
  return value >= 1 && value <= 10 ? (guint)value : TL_SCORE_UNSET;
}

/* A number of the meta table within [@min, @max] set on @document; a
 * missing or unusable one leaves the default. */
static void
read_meta_double (GHashTable  *meta,
                  const char  *key,
                  double       min,
                  double       max,
                  TlDocument  *document,
                  void       (*set) (TlDocument *, double))
{
  const char *value = g_hash_table_lookup (meta, key);
  char *end = NULL;
  double d;

  if (value == NULL)
    return;
  d = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || !(d >= min && d <= max))
    return;
  set (document, d);
}

/* What reading a document left out or filled in, to be repaired in the
 * file and told to the user. */
typedef struct
{
  GPtrArray *extra_cells;     /* "layer/type" of cells with no such layer or type */
  GPtrArray *missing_cells;   /* "layer/type" of cells the grid lacked */
} ReadRepairs;

static TlDocument *
read_document (sqlite3     *db,
               const char  *display_name,
               ReadRepairs *repairs,
               GError     **error)
{
  g_autoptr(GHashTable) meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(TlDocument) document = NULL;
  Reader r = { db, display_name, NULL, SQLITE_OK };
  const char *value;

  if (reader_start (&r, "SELECT key, value FROM meta"))
    while (reader_next (&r))
      {
        char *key = _tl_sqlite_column_text (r.stmt, 0);

        if (key != NULL)
          g_hash_table_insert (meta, key, _tl_sqlite_column_text (r.stmt, 1));
      }
  if (reader_failed (&r, error))
    goto failed;

  /* Values the model cannot hold fall back to defaults; tl_store_validate()
   * names them. */
  value = g_hash_table_lookup (meta, "language");
  document = tl_document_new (tl_language_is_valid (value) ? value : "en");

  value = g_hash_table_lookup (meta, "title");
  tl_document_set_title (document, value ? value : "");

  value = g_hash_table_lookup (meta, "score_scale");
  if (value != NULL)
    {
      guint64 scale = 0;

      if (g_ascii_string_to_unsigned (value, 10, 5, 10, &scale, NULL) &&
          (scale == 5 || scale == 7 || scale == 10))
        tl_document_set_score_scale (document, scale);
    }

  read_meta_double (meta, "half_life", TL_EVIDENCE_MIN_HALF_LIFE, TL_EVIDENCE_MAX_HALF_LIFE,
                    document, tl_document_set_half_life);
  read_meta_double (meta, "strength_moderate", 0, 1e9, document, tl_document_set_strength_moderate);
  read_meta_double (meta, "strength_strong", 0, 1e9, document, tl_document_set_strength_strong);

  if (reader_start (&r, "SELECT id, kind, label, description, owner, x, y FROM station ORDER BY position, id"))
    while (reader_next (&r))
      {
        g_autofree char *id = _tl_sqlite_column_text (r.stmt, 0);
        g_autofree char *kind = _tl_sqlite_column_text (r.stmt, 1);
        g_autofree char *label = _tl_sqlite_column_text (r.stmt, 2);
        g_autofree char *description = _tl_sqlite_column_text (r.stmt, 3);
        g_autofree char *owner = _tl_sqlite_column_text (r.stmt, 4);
        g_autoptr(TlStation) station = NULL;

        if (id == NULL || *id == '\0' || tl_document_lookup_station (document, id))
          continue;

        station = tl_station_new (id, kind, label,
                                  sqlite3_column_double (r.stmt, 5),
                                  sqlite3_column_double (r.stmt, 6));
        tl_station_set_description (station, description);
        tl_station_set_owner (station, owner);
        tl_document_insert_station (document, station, -1);
      }
  if (reader_failed (&r, error))
    goto failed;

  for (guint axis = 0; axis < 2; axis++)
    {
      if (reader_start (&r, axis == 0
                              ? "SELECT id, label, description, key FROM layer ORDER BY position, id"
                              : "SELECT id, label, description, key FROM exp_type ORDER BY position, id"))
        while (reader_next (&r))
          {
            g_autofree char *id = _tl_sqlite_column_text (r.stmt, 0);
            g_autofree char *label = _tl_sqlite_column_text (r.stmt, 1);
            g_autofree char *description = _tl_sqlite_column_text (r.stmt, 2);
            g_autoptr(TlMatrixHeader) header = NULL;

            if (id == NULL || *id == '\0')
              continue;
            if (axis == 0 ? tl_document_lookup_layer (document, id) != NULL
                          : tl_document_lookup_type (document, id) != NULL)
              continue;

            header = tl_matrix_header_new (axis == 0 ? TL_MATRIX_AXIS_LAYER : TL_MATRIX_AXIS_TYPE,
                                           id, label, sqlite3_column_int (r.stmt, 3) != 0);
            tl_matrix_header_set_description (header, description);
            tl_document_append_header (document, header);
          }
      if (reader_failed (&r, error))
        goto failed;
    }

  if (reader_start (&r, "SELECT layer_id, type_id, description, current, target, key, owner, notes FROM cell"))
    while (reader_next (&r))
      {
        g_autofree char *layer = _tl_sqlite_column_text (r.stmt, 0);
        g_autofree char *type = _tl_sqlite_column_text (r.stmt, 1);
        g_autofree char *description = _tl_sqlite_column_text (r.stmt, 2);
        g_autofree char *owner = _tl_sqlite_column_text (r.stmt, 6);
        g_autofree char *notes = _tl_sqlite_column_text (r.stmt, 7);
        g_autoptr(TlCell) cell = NULL;

        if (tl_document_lookup_layer (document, layer) == NULL ||
            tl_document_lookup_type (document, type) == NULL)
          {
            g_ptr_array_add (repairs->extra_cells,
                             g_strdup_printf ("%s/%s", layer ? layer : "", type ? type : ""));
            continue;
          }
        if (tl_document_lookup_cell (document, layer, type) != NULL)
          continue;

        cell = tl_cell_new (layer, type);
        tl_cell_set_description (cell, description);
        tl_cell_set_current (cell, column_score (r.stmt, 3));
        tl_cell_set_target (cell, column_score (r.stmt, 4));
        tl_cell_set_key (cell, sqlite3_column_int (r.stmt, 5) != 0);
        tl_cell_set_owner (cell, owner);
        tl_cell_set_notes (cell, notes);
        tl_document_add_cell (document, cell);
      }
  if (reader_failed (&r, error))
    goto failed;

  /* A file with missing cells is still opened, and repaired (unless
   * read-only) with a message; validate reports it. */
  {
    GListModel *layers = tl_document_get_layers (document);
    GListModel *types = tl_document_get_types (document);

    for (guint l = 0; l < g_list_model_get_n_items (layers); l++)
      {
        g_autoptr(TlMatrixHeader) layer = g_list_model_get_item (layers, l);

        for (guint t = 0; t < g_list_model_get_n_items (types); t++)
          {
            g_autoptr(TlMatrixHeader) type = g_list_model_get_item (types, t);

            if (tl_document_lookup_cell (document, tl_matrix_header_get_id (layer),
                                         tl_matrix_header_get_id (type)) == NULL)
              g_ptr_array_add (repairs->missing_cells,
                               g_strdup_printf ("%s/%s", tl_matrix_header_get_id (layer),
                                                tl_matrix_header_get_id (type)));
          }
      }
  }
  tl_document_complete_cells (document);

  if (reader_start (&r,
                    "SELECT id, name, color, description FROM loop ORDER BY position, id"))
    while (reader_next (&r))
      {
        g_autofree char *id = _tl_sqlite_column_text (r.stmt, 0);
        g_autofree char *name = _tl_sqlite_column_text (r.stmt, 1);
        g_autofree char *color = _tl_sqlite_column_text (r.stmt, 2);
        g_autofree char *description = _tl_sqlite_column_text (r.stmt, 3);
        g_autoptr(GPtrArray) stations = g_ptr_array_new_with_free_func (g_free);
        g_autoptr(TlLoop) loop = NULL;
        sqlite3_stmt *inner = NULL;
        int rc;

        if (id == NULL || *id == '\0' || tl_document_lookup_loop (document, id))
          continue;

        rc = sqlite3_prepare_v2 (db, "SELECT station_id FROM loop_station WHERE loop_id = ?1 ORDER BY seq",
                                 -1, &inner, NULL);
        if (rc == SQLITE_OK)
          rc = sqlite3_bind_text (inner, 1, id, -1, SQLITE_TRANSIENT);
        while (rc == SQLITE_OK && (rc = sqlite3_step (inner)) == SQLITE_ROW)
          {
            char *station = _tl_sqlite_column_text (inner, 0);

            if (station != NULL)
              g_ptr_array_add (stations, station);
            rc = SQLITE_OK;
          }
        sqlite3_finalize (inner);
        if (rc != SQLITE_DONE)
          {
            r.rc = rc;
            break;
          }
        g_ptr_array_add (stations, NULL);

        loop = tl_loop_new (id, name, tl_color_is_valid (color) ? color : NULL,
                            (const char * const *)stations->pdata);
        tl_loop_set_description (loop, description);
        tl_document_insert_loop (document, loop, -1);
      }
  if (reader_failed (&r, error))
    goto failed;

  g_clear_pointer (&r.stmt, sqlite3_finalize);
  return g_steal_pointer (&document);

failed:
  g_clear_pointer (&r.stmt, sqlite3_finalize);
  return NULL;
}

/* ---- the object ------------------------------------------------------- */

static void
tl_store_dispose (GObject *object)
{
  TlStore *self = (TlStore *)object;

  g_clear_signal_handler (&self->changed_id, self->document);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (tl_store_parent_class)->dispose (object);
}

static void
tl_store_finalize (GObject *object)
{
  TlStore *self = (TlStore *)object;

  if (self->db != NULL && self->in_transaction)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->query_statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->evidence, _tl_evidence_cache_free);
  g_clear_pointer (&self->repairs, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->display_name, g_free);

  G_OBJECT_CLASS (tl_store_parent_class)->finalize (object);
}

static void
tl_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  TlStore *self = TL_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_store_class_init (TlStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tl_store_dispose;
  object_class->finalize = tl_store_finalize;
  object_class->get_property = tl_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, TL_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TlStore::write-failed:
   * @error: what went wrong, translated, for the user
   *
   * Emitted when a change of the document could not be written (disk
   * full, disk gone).  The document in memory keeps the change; the file
   * does not have it.  A window shows @error and offers to save elsewhere.
   */
  signals[WRITE_FAILED] =
    g_signal_new ("write-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_ERROR);

  /**
   * TlStore::feedback-changed:
   *
   * Emitted after feedback items, their links or images changed and the
   * change is in the file (once per transaction): lists of feedback
   * query again.  The evidence in the document is current by then.
   */
  signals[FEEDBACK_CHANGED] =
    g_signal_new ("feedback-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
statement_free (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
tl_store_init (TlStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, statement_free);
  self->query_statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, statement_free);
  self->evidence = _tl_evidence_cache_new ();
  self->repairs = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->repairs, NULL);
  self->next_feedback_id = 1;
}

static TlStore *
store_new (sqlite3    *db,
           const char *path,
           const char *display_name,
           TlDocument *document,
           gboolean    read_only)
{
  TlStore *self = g_object_new (TL_TYPE_STORE, NULL);

  self->db = db;
  self->path = g_strdup (path);
  self->display_name = g_strdup (display_name);
  self->document = g_object_ref (document);
  self->read_only = !!read_only;

  if (!read_only)
    self->changed_id = g_signal_connect_object (document, "changed",
                                                G_CALLBACK (document_changed_cb),
                                                self, 0);
  return self;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *value,
           const char  *display_name,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      _tl_store_set_sqlite_error (error, db, rc, display_name);
      return FALSE;
    }
  return TRUE;
}

/* Migrates in one transaction: a failure leaves the file as it was. */
static gboolean
migrate (sqlite3     *db,
         int          version,
         const char  *display_name,
         GError     **error)
{
  if (!_tl_sqlite_exec (db, "BEGIN IMMEDIATE", display_name, error))
    return FALSE;

  if (!tl_schema_migrate (db, version, error) ||
      !_tl_sqlite_exec (db, "COMMIT", display_name, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_prefix_error (error, _("Could not update “%s” to the current file format: "), display_name);
      return FALSE;
    }

  return TRUE;
}

/* The search index lags behind only when something other than Touchloop
 * wrote the file; rebuilding it then costs one pass over the feedback. */
static gboolean
repair_search_index (sqlite3     *db,
                     const char  *display_name,
                     GError     **error)
{
  const char *indexes[] = { "feedback_fts", "feedback_gram" };
  gint64 n_items = 0;

  if (!query_int (db, "SELECT count(*) FROM feedback", &n_items, display_name, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (indexes); i++)
    {
      g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM %s_docsize", indexes[i]);
      g_autofree char *rebuild_sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES ('rebuild')",
                                                      indexes[i], indexes[i]);
      gint64 n_indexed = 0;

      if (!query_int (db, count_sql, &n_indexed, display_name, error))
        return FALSE;
      if (n_items != n_indexed &&
          !_tl_sqlite_exec (db, rebuild_sql, display_name, error))
        return FALSE;
    }

  return TRUE;
}

static void
add_repair (TlStore *self,
            char    *message)
{
  /* Kept NULL-terminated for tl_store_get_repairs() */
  g_ptr_array_remove_index (self->repairs, self->repairs->len - 1);
  g_ptr_array_add (self->repairs, message);
  g_ptr_array_add (self->repairs, NULL);
}

/* "a, b, c" or "a, b, c and 4 more" */
static char *
join_some (GPtrArray *ids)
{
  g_autoptr(GString) s = g_string_new (NULL);
  guint shown = MIN (ids->len, 5);

  for (guint i = 0; i < shown; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, g_ptr_array_index (ids, i));
    }
  if (ids->len > shown)
    {
      g_string_append (s, " ");
      g_string_append_printf (s,
                              g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                           ids->len - shown),
                              ids->len - shown);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* A matrix that lacked cells or had cells of no layer or type: the
 * document has the grid as it should be; the file gets the same (unless
 * read-only), and the user a message.  Nothing else changes. */
static gboolean
repair_matrix (TlStore      *self,
               ReadRepairs  *repairs,
               GError      **error)
{
  if (repairs->missing_cells->len > 0)
    {
      g_autofree char *list = join_some (repairs->missing_cells);

      add_repair (self,
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The experience matrix lacked %u cell (%s): it was added, empty. Fill it in on the Matrix page.",
                                                "The experience matrix lacked %u cells (%s): they were added, empty. Fill them in on the Matrix page.",
                                                repairs->missing_cells->len),
                                   repairs->missing_cells->len, list));
    }

  if (repairs->extra_cells->len > 0)
    {
      g_autofree char *list = join_some (repairs->extra_cells);

      add_repair (self,
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The experience matrix had %u cell for a layer or experience type that does not exist (%s): it was removed.",
                                                "The experience matrix had %u cells for layers or experience types that do not exist (%s): they were removed.",
                                                repairs->extra_cells->len),
                                   repairs->extra_cells->len, list));
    }

  if (self->read_only || (repairs->missing_cells->len == 0 && repairs->extra_cells->len == 0))
    return TRUE;

  if (!_tl_sqlite_exec (self->db, "BEGIN IMMEDIATE", self->display_name, error))
    return FALSE;

  for (guint i = 0; i < repairs->missing_cells->len; i++)
    {
      g_autofree char *layer = NULL;
      g_autofree char *type = NULL;
      TlCell *cell;

      if (tl_cell_id_parse (g_ptr_array_index (repairs->missing_cells, i), &layer, &type) &&
          (cell = tl_document_lookup_cell (self->document, layer, type)) != NULL &&
          !upsert_cell (self, cell, error))
        goto failed;
    }

  if (repairs->extra_cells->len > 0 &&
      !_tl_sqlite_exec (self->db,
                        "DELETE FROM cell WHERE NOT EXISTS (SELECT 1 FROM layer WHERE id = cell.layer_id)"
                        " OR NOT EXISTS (SELECT 1 FROM exp_type WHERE id = cell.type_id)",
                        self->display_name, error))
    goto failed;

  if (!_tl_sqlite_exec (self->db, "COMMIT", self->display_name, error))
    goto failed;
  return TRUE;

failed:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

TlStore *
_tl_store_open_full (const char        *path,
                     const char        *display_name,
                     TlStoreOpenFlags   flags,
                     GError           **error)
{
  g_autoptr(TlDocument) document = NULL;
  TlFileInfo info = { 0, };
  gboolean read_only = (flags & TL_STORE_OPEN_READ_ONLY) != 0;
  sqlite3 *db = NULL;
  ReadRepairs repairs = { NULL, NULL };
  TlStore *self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Nothing is written before the file has passed every check. */
  if (!_tl_store_preflight (path, display_name, &info, error))
    return NULL;

  if (read_only)
    {
      if (!(db = _tl_sqlite_open (path, "immutable=1", SQLITE_OPEN_READONLY, display_name, error)))
        return NULL;

      /* A journal cannot be rolled back without writing: read the file
       * as it is, if it is sound as it is. */
      if (!info.checked &&
          !_tl_store_check_database (db, display_name, info.version, TRUE, error))
        {
          sqlite3_close (db);
          return NULL;
        }

      /* An older format is migrated in memory; the file stays as it is. */
      if (info.version < TL_STORE_FORMAT_VERSION)
        {
          sqlite3 *memory = NULL;
          sqlite3_backup *backup;
          int rc;

          rc = sqlite3_open_v2 (":memory:", &memory,
                                SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, NULL);
          if (rc == SQLITE_OK)
            {
              backup = sqlite3_backup_init (memory, "main", db, "main");
              if (backup != NULL)
                {
                  sqlite3_backup_step (backup, -1);
                  sqlite3_backup_finish (backup);
                }
              rc = sqlite3_errcode (memory);
            }
          if (rc != SQLITE_OK)
            {
              _tl_store_set_sqlite_error (error, memory, rc, display_name);
              sqlite3_close (memory);
              sqlite3_close (db);
              return NULL;
            }
          sqlite3_close (db);
          db = memory;

          if (!_tl_sqlite_configure (db, FALSE, display_name, error) ||
              !migrate (db, info.version, display_name, error))
            {
              sqlite3_close (db);
              return NULL;
            }
        }
    }
  else
    {
      gint64 version = 0, app_id = 0;

      if (!(db = _tl_sqlite_open (path, NULL, SQLITE_OPEN_READWRITE, display_name, error)))
        return NULL;

      /* Reading rolls back a journal left by a crash; only then are the
       * version and the pages worth looking at. */
      if (!query_int (db, "PRAGMA application_id", &app_id, display_name, error) ||
          !query_int (db, "PRAGMA user_version", &version, display_name, error))
        goto failed;

      if (app_id != TL_STORE_APPLICATION_ID || version != info.version)
        {
          sqlite3_close (db);
          /* The file changed since it was checked: check it again. */
          if (!_tl_store_preflight (path, display_name, &info, error))
            return NULL;
          if (!(db = _tl_sqlite_open (path, NULL, SQLITE_OPEN_READWRITE, display_name, error)))
            return NULL;
          version = info.version;
        }

      if (!info.checked &&
          !_tl_store_check_database (db, display_name, version, TRUE, error))
        goto failed;

      if (version < TL_STORE_FORMAT_VERSION &&
          !migrate (db, version, display_name, error))
        goto failed;

      if (!repair_search_index (db, display_name, error))
        goto failed;
    }

  repairs.extra_cells = g_ptr_array_new_with_free_func (g_free);
  repairs.missing_cells = g_ptr_array_new_with_free_func (g_free);
  document = read_document (db, display_name, &repairs, error);
  if (document == NULL)
    goto failed;

  self = store_new (db, path, display_name, document, read_only);
  db = NULL;   /* the store's now */

  if (!repair_matrix (self, &repairs, error) ||
      !_tl_store_load_next_id (self, error) ||
      !_tl_store_evidence_load (self, error))
    {
      g_clear_object (&self);
      goto failed;
    }

  g_clear_pointer (&repairs.extra_cells, g_ptr_array_unref);
  g_clear_pointer (&repairs.missing_cells, g_ptr_array_unref);
  return self;

failed:
  g_clear_pointer (&repairs.extra_cells, g_ptr_array_unref);
  g_clear_pointer (&repairs.missing_cells, g_ptr_array_unref);
  if (db != NULL)
    sqlite3_close (db);
  return NULL;
}

TlStore *
tl_store_open (const char        *path,
               TlStoreOpenFlags   flags,
               GError           **error)
{
  g_autofree char *display_name = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_filename_display_basename (path);
  return _tl_store_open_full (path, display_name, flags, error);
}

/* Every way to a new file (create, backup, save) refuses one that is there. */
static void
set_exists_error (GError     **error,
                  const char  *display_name)
{
  g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_EXISTS,
               _("“%s” already exists. Choose another name, or delete the file first."),
               display_name);
}

static void
remove_file_and_journal (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (path);
  g_unlink (journal);
}

TlStore *
_tl_store_create_full (const char  *path,
                       const char  *display_name,
                       TlDocument  *document,
                       GError     **error)
{
  g_autoptr(TlStore) self = NULL;
  sqlite3 *db;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (TL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* O_EXCL: never take over a file that is there, not even one created
   * a moment ago by someone else. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == EEXIST)
        set_exists_error (error, display_name);
      else if (saved_errno == ENOENT)
        g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
                     _("Could not create “%s”: its folder does not exist. Choose another place to save it."),
                     display_name);
      else
        g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
                     _("Could not create “%s”: %s. Choose a place where you may write."),
                     display_name, g_strerror (saved_errno));
      return NULL;
    }
  close (fd);

  db = _tl_sqlite_open (path, NULL, SQLITE_OPEN_READWRITE, display_name, error);
  if (db == NULL)
    {
      remove_file_and_journal (path);
      return NULL;
    }

  self = store_new (db, path, display_name, document, FALSE);

  /* Not connected to ::changed yet would be nicer, but the document is
   * not ours to change here, so nothing emits meanwhile. */
  if (!_tl_sqlite_exec (db, "BEGIN IMMEDIATE", display_name, error))
    goto failed;

  if (!tl_schema_create (db, error) ||
      !write_document (self, error) ||
      !_tl_store_evidence_recompute (self, error) ||
      !before_commit (self, error) ||
      !_tl_sqlite_exec (db, "COMMIT", display_name, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      goto failed;
    }

  return g_steal_pointer (&self);

failed:
  g_clear_object (&self);
  remove_file_and_journal (path);
  return NULL;
}

TlStore *
tl_store_create (const char  *path,
                 TlDocument  *document,
                 GError     **error)
{
  g_autofree char *display_name = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (TL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_filename_display_basename (path);
  return _tl_store_create_full (path, display_name, document, error);
}

const char *
tl_store_get_path (TlStore *self)
{
  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  return self->path;
}

TlDocument *
tl_store_get_document (TlStore *self)
{
  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  return self->document;
}

gboolean
tl_store_get_read_only (TlStore *self)
{
  g_return_val_if_fail (TL_IS_STORE (self), TRUE);
  return self->read_only;
}

void
_tl_store_close (TlStore *self)
{
  g_return_if_fail (TL_IS_STORE (self));

  g_clear_signal_handler (&self->changed_id, self->document);
  if (self->db != NULL && self->in_transaction)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
  self->index_from = 0;
  self->indexes_dropped = FALSE;
  g_hash_table_remove_all (self->statements);
  g_hash_table_remove_all (self->query_statements);
  g_clear_pointer (&self->db, sqlite3_close_v2);
}

guint64
_tl_store_get_generation (TlStore *self)
{
  g_return_val_if_fail (TL_IS_STORE (self), 0);
  return self->generation;
}

gboolean
tl_store_backup_to (TlStore     *self,
                    const char  *dest,
                    GError     **error)
{
  g_autofree char *dest_name = NULL;
  g_autofree char *uri = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  /* VACUUM cannot run inside a transaction. */
  g_return_val_if_fail (!self->in_transaction, FALSE);

  dest_name = g_filename_display_basename (dest);

  if (!check_open (self, error))
    return FALSE;

  if (g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      set_exists_error (error, dest_name);
      return FALSE;
    }

  uri = _tl_sqlite_uri (dest, NULL, dest_name, error);
  if (uri == NULL)
    return FALSE;

  /* VACUUM INTO writes a compact, consistent copy in one read transaction. */
  rc = sqlite3_prepare_v2 (self->db, "VACUUM INTO ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, uri, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _tl_store_set_sqlite_error (error, self->db, rc, dest_name);
      remove_file_and_journal (dest);
      return FALSE;
    }

  return TRUE;
}

gboolean
_tl_store_copy_database (const char    *src_path,
                         const char    *dest_path,
                         const char    *display_name,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *dest_name = NULL;
  sqlite3 *src = NULL, *dest = NULL;
  sqlite3_backup *backup = NULL;
  int remaining = -1;
  guint restarts = 0, busy = 0;
  int rc;

  g_return_val_if_fail (src_path != NULL, FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);

  dest_name = g_filename_display_basename (dest_path);

  if (g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      set_exists_error (error, dest_name);
      return FALSE;
    }

  src = _tl_sqlite_open (src_path, "mode=ro", SQLITE_OPEN_READONLY, display_name, error);
  if (src == NULL)
    return FALSE;

  dest = _tl_sqlite_open (dest_path, NULL, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, dest_name, error);
  if (dest == NULL)
    goto failed;

  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    {
      _tl_store_set_sqlite_error (error, dest, sqlite3_errcode (dest), dest_name);
      goto failed;
    }

  /* A few pages at a time, so that the main thread's writes wait a
   * moment at most; SQLite restarts the copy when the source changes.
   * Should edits keep coming, copy the rest in one go. */
  for (;;)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;

      rc = sqlite3_backup_step (backup, restarts > 3 ? -1 : 256);
      if (rc == SQLITE_DONE)
        break;

      if (rc == SQLITE_OK)
        {
          int now = sqlite3_backup_remaining (backup);

          if (remaining >= 0 && now > remaining)
            restarts++;
          remaining = now;
          busy = 0;
          continue;
        }

      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        {
          if (++busy > 500)
            {
              _tl_store_set_sqlite_error (error, src, rc, display_name);
              goto failed;
            }
          g_usleep (10 * G_TIME_SPAN_MILLISECOND);
          continue;
        }

      _tl_store_set_sqlite_error (error, (rc & 0xff) == SQLITE_CORRUPT ? src : dest, rc,
                                  (rc & 0xff) == SQLITE_CORRUPT ? display_name : dest_name);
      goto failed;
    }

  rc = sqlite3_backup_finish (backup);
  backup = NULL;
  if (rc != SQLITE_OK)
    {
      _tl_store_set_sqlite_error (error, dest, rc, dest_name);
      goto failed;
    }

  sqlite3_close (src);
  rc = sqlite3_close (dest);
  if (rc != SQLITE_OK)
    {
      _tl_store_set_sqlite_error (error, NULL, rc, dest_name);
      remove_file_and_journal (dest_path);
      return FALSE;
    }

  return TRUE;

failed:
  if (backup != NULL)
    sqlite3_backup_finish (backup);
  sqlite3_close (src);
  if (dest != NULL)
    {
      sqlite3_close (dest);
      remove_file_and_journal (dest_path);
    }
  return FALSE;
}

gboolean
tl_store_begin (TlStore  *self,
                GError  **error)
{
  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  if (!_tl_sqlite_exec (self->db, "BEGIN IMMEDIATE", self->display_name, error))
    return FALSE;

  /* A batch (an import) inserts into indexes of random keys (the
   * fingerprints, the list order): with the default 2 MB of page cache a
   * million rows read most pages back from the file again.  128 MB for
   * the batch: 30 % less time at 600,000 rows. */
  sqlite3_exec (self->db, "PRAGMA cache_size = -131072", NULL, NULL, NULL);

  self->in_transaction = TRUE;
  self->batch_checked = FALSE;
  self->indexes_dropped = FALSE;
  self->index_from = 0;
  return TRUE;
}

/* After a batch: the memory back */
static void
end_batch (TlStore *self)
{
  sqlite3_exec (self->db, "PRAGMA cache_size = -2000", NULL, NULL, NULL);
}

/* Everything a commit writes, then COMMIT; no signal.  On failure the
 * transaction stays open. */
static gboolean
commit_batch (TlStore  *self,
              GError  **error)
{
  if (!_tl_store_index_pending (self, error) ||
      !before_commit (self, error) ||
      !_tl_sqlite_exec (self->db, "COMMIT", self->display_name, error))
    return FALSE;

  self->in_transaction = FALSE;
  end_batch (self);
  return TRUE;
}

gboolean
tl_store_commit (TlStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* On failure the transaction stays open: commit again, or roll back. */
  if (!commit_batch (self, error))
    return FALSE;

  self->publish_pending = FALSE;
  after_commit (self);
  return TRUE;
}

gboolean
tl_store_commit_quiet (TlStore  *self,
                       GError  **error)
{
  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!commit_batch (self, error))
    return FALSE;

  self->publish_pending = TRUE;
  return TRUE;
}

void
tl_store_publish_changes (TlStore *self)
{
  g_return_if_fail (TL_IS_STORE (self));
  g_return_if_fail (!self->in_transaction);

  if (!self->publish_pending)
    return;
  self->publish_pending = FALSE;
  after_commit (self);
}

void
tl_store_rollback (TlStore *self)
{
  g_return_if_fail (TL_IS_STORE (self));
  g_return_if_fail (self->in_transaction);

  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
  self->index_from = 0;
  self->indexes_dropped = FALSE;
  end_batch (self);
  self->generation++;
  self->feedback_changed = FALSE;
  reload_after_rollback (self);
}

const char * const *
tl_store_get_repairs (TlStore *self)
{
  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  return (const char * const *)self->repairs->pdata;
}
