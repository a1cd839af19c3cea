/* storage-test-util.h: helpers for the storage tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>
#include <string.h>

#include "test-util.h"
#include "tl-store.h"
#include "tl-store-private.h"

/* The scratch directory of this test process: tl_test_init() makes it,
 * tl_test_run() removes it with everything in it. */
static char *tl_test_dir;

static inline void
tl_test_init (int    *argc,
              char ***argv)
{
  g_test_init (argc, argv, NULL);
  tl_test_dir = tl_test_make_tmpdir ("tl-storage-XXXXXX");
}

/* Points XDG_DATA_HOME into the scratch directory, for tests that make
 * working copies: other tests running at the same time have theirs. */
static inline void
tl_test_use_own_data_home (void)
{
  g_autofree char *data_home = g_build_filename (tl_test_dir, "data", NULL);

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
}

static inline int
tl_test_run (void)
{
  int ret = g_test_run ();

  tl_test_rm_rf (tl_test_dir);
  g_clear_pointer (&tl_test_dir, g_free);
  return ret;
}

/* @name in the scratch directory */
static inline char *
tl_test_path (const char *name)
{
  return g_build_filename (tl_test_dir, name, NULL);
}

/* A connection of the test's own, outside the store: what is on disk. */
static inline sqlite3 *
tl_test_db_open (const char *path,
                 gboolean    writable)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db,
                            writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY,
                            NULL);

  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  /* Writing feedback needs the tokenizer of the search index, as any
   * program that writes a Touchloop document does. */
  g_assert_true (_tl_sqlite_register (db, NULL, NULL));
  return db;
}

static inline void
tl_test_db_exec (sqlite3    *db,
                 const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("SQL failed: %s: %s", sql, message ? message : sqlite3_errstr (rc));
}

static inline gint64
tl_test_db_int (sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    g_error ("SQL failed: %s: %s", sql, sqlite3_errmsg (db));
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    g_error ("SQL returned no row: %s: %s", sql, sqlite3_errmsg (db));
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* The first column of every row, joined with "|"; NULL shows as "∅". */
static inline char *
tl_test_db_text (sqlite3    *db,
                 const char *sql)
{
  GString *s = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  gboolean first = TRUE;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    g_error ("SQL failed: %s: %s", sql, sqlite3_errmsg (db));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *)sqlite3_column_text (stmt, 0);

      if (!first)
        g_string_append_c (s, '|');
      g_string_append (s, text ? text : "∅");
      first = FALSE;
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return g_string_free (s, FALSE);
}

/* One-shot queries on the file at @path, read-only. */
static inline gint64
tl_test_file_int (const char *path,
                  const char *sql)
{
  sqlite3 *db = tl_test_db_open (path, FALSE);
  gint64 value = tl_test_db_int (db, sql);

  sqlite3_close (db);
  return value;
}

static inline char *
tl_test_file_text (const char *path,
                   const char *sql)
{
  sqlite3 *db = tl_test_db_open (path, FALSE);
  char *value = tl_test_db_text (db, sql);

  sqlite3_close (db);
  return value;
}

/* @sql run on the file at @path, behind any store's back */
static inline void
tl_test_file_exec (const char *path,
                   const char *sql)
{
  sqlite3 *db = tl_test_db_open (path, TRUE);

  tl_test_db_exec (db, sql);
  sqlite3_close (db);
}

/* tl_test_file_text() is @expected */
static inline void
tl_test_assert_file_text (const char *path,
                          const char *sql,
                          const char *expected)
{
  g_autofree char *text = tl_test_file_text (path, sql);

  g_assert_cmpstr (text, ==, expected);
}

/* tl_store_create(), which must work */
static inline TlStore *
tl_test_create_store (const char *path,
                      TlDocument *document)
{
  g_autoptr(GError) error = NULL;
  TlStore *store = tl_store_create (path, document, &error);

  g_assert_no_error (error);
  return store;
}

static inline void
tl_test_assert_strv_equal (const char * const *a,
                           const char * const *b)
{
  guint na = a ? g_strv_length ((char **)a) : 0;
  guint nb = b ? g_strv_length ((char **)b) : 0;

  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    g_assert_cmpstr (a[i], ==, b[i]);
}

static inline void
tl_test_assert_stations_equal (TlStation *a,
                               TlStation *b)
{
  g_assert_cmpstr (tl_station_get_id (a), ==, tl_station_get_id (b));
  g_assert_cmpstr (tl_station_get_kind (a), ==, tl_station_get_kind (b));
  g_assert_cmpstr (tl_station_get_label (a), ==, tl_station_get_label (b));
  g_assert_cmpstr (tl_station_get_description (a), ==, tl_station_get_description (b));
  g_assert_cmpstr (tl_station_get_owner (a), ==, tl_station_get_owner (b));
  g_assert_cmpfloat (tl_station_get_x (a), ==, tl_station_get_x (b));
  g_assert_cmpfloat (tl_station_get_y (a), ==, tl_station_get_y (b));
}

static inline void
tl_test_assert_loops_equal (TlLoop *a,
                            TlLoop *b)
{
  g_assert_cmpstr (tl_loop_get_id (a), ==, tl_loop_get_id (b));
  g_assert_cmpstr (tl_loop_get_name (a), ==, tl_loop_get_name (b));
  g_assert_cmpstr (tl_loop_get_color (a), ==, tl_loop_get_color (b));
  g_assert_cmpstr (tl_loop_get_description (a), ==, tl_loop_get_description (b));
  tl_test_assert_strv_equal (tl_loop_get_stations (a), tl_loop_get_stations (b));
}

static inline void
tl_test_assert_headers_equal (TlMatrixHeader *a,
                              TlMatrixHeader *b)
{
  g_assert_cmpint (tl_matrix_header_get_axis (a), ==, tl_matrix_header_get_axis (b));
  g_assert_cmpstr (tl_matrix_header_get_id (a), ==, tl_matrix_header_get_id (b));
  g_assert_cmpstr (tl_matrix_header_get_label (a), ==, tl_matrix_header_get_label (b));
  g_assert_cmpstr (tl_matrix_header_get_description (a), ==, tl_matrix_header_get_description (b));
  g_assert_cmpint (tl_matrix_header_get_key (a), ==, tl_matrix_header_get_key (b));
}

static inline void
tl_test_assert_cells_equal (TlCell *a,
                            TlCell *b)
{
  g_assert_cmpstr (tl_cell_get_id (a), ==, tl_cell_get_id (b));
  g_assert_cmpstr (tl_cell_get_layer (a), ==, tl_cell_get_layer (b));
  g_assert_cmpstr (tl_cell_get_type_id (a), ==, tl_cell_get_type_id (b));
  g_assert_cmpstr (tl_cell_get_description (a), ==, tl_cell_get_description (b));
  g_assert_cmpuint (tl_cell_get_current (a), ==, tl_cell_get_current (b));
  g_assert_cmpuint (tl_cell_get_target (a), ==, tl_cell_get_target (b));
  g_assert_cmpint (tl_cell_get_key (a), ==, tl_cell_get_key (b));
  g_assert_cmpstr (tl_cell_get_owner (a), ==, tl_cell_get_owner (b));
  g_assert_cmpstr (tl_cell_get_notes (a), ==, tl_cell_get_notes (b));
}

typedef void (*TlTestItemsEqual) (gpointer a, gpointer b);

static inline void
tl_test_assert_lists_equal (GListModel       *a,
                            GListModel       *b,
                            TlTestItemsEqual  equal)
{
  guint n = g_list_model_get_n_items (a);

  g_assert_cmpuint (n, ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) ia = g_list_model_get_item (a, i);
      g_autoptr(GObject) ib = g_list_model_get_item (b, i);

      equal (ia, ib);
    }
}

/* Every field of two documents, lists in order. */
static inline void
tl_test_assert_documents_equal (TlDocument *a,
                                TlDocument *b)
{
  g_assert_cmpstr (tl_document_get_title (a), ==, tl_document_get_title (b));
  g_assert_cmpstr (tl_document_get_language (a), ==, tl_document_get_language (b));
  g_assert_cmpuint (tl_document_get_score_scale (a), ==, tl_document_get_score_scale (b));

  tl_test_assert_lists_equal (tl_document_get_stations (a), tl_document_get_stations (b),
                              (TlTestItemsEqual)tl_test_assert_stations_equal);
  tl_test_assert_lists_equal (tl_document_get_loops (a), tl_document_get_loops (b),
                              (TlTestItemsEqual)tl_test_assert_loops_equal);
  tl_test_assert_lists_equal (tl_document_get_layers (a), tl_document_get_layers (b),
                              (TlTestItemsEqual)tl_test_assert_headers_equal);
  tl_test_assert_lists_equal (tl_document_get_types (a), tl_document_get_types (b),
                              (TlTestItemsEqual)tl_test_assert_headers_equal);
  tl_test_assert_lists_equal (tl_document_get_cells (a), tl_document_get_cells (b),
                              (TlTestItemsEqual)tl_test_assert_cells_equal);
}

/* A user's document on disk: the O2O template in Chinese titled @title,
 * as @name in the scratch directory (replacing a file of that name). */
static inline GFile *
tl_test_make_user_file (const char *name,
                        const char *title)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");
  g_autoptr(TlStore) store = NULL;
  g_autofree char *path = tl_test_path (name);

  tl_document_set_title (document, title);
  g_unlink (path);
  store = tl_test_create_store (path, document);
  return g_file_new_for_path (path);
}

/* What the file at @path holds now, through a read-only store. */
static inline void
tl_test_assert_file_matches (const char *path,
                             TlDocument *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlStore) reader = tl_store_open (path, TL_STORE_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  tl_test_assert_documents_equal (tl_store_get_document (reader), expected);
}

/* Gives every field of @document a value that is not its default, in
 * several scripts, so a round trip that drops or mixes up a field fails. */
static inline void
tl_test_fill_document (TlDocument *document)
{
  GListModel *stations = tl_document_get_stations (document);
  GListModel *loops = tl_document_get_loops (document);
  GListModel *layers = tl_document_get_layers (document);
  GListModel *types = tl_document_get_types (document);
  GListModel *cells = tl_document_get_cells (document);

  tl_document_set_title (document, "蒸汽机 O2O — “Steam” test ☕");
  tl_document_set_score_scale (document, 7);

  for (guint i = 0; i < g_list_model_get_n_items (stations); i++)
    {
      g_autoptr(TlStation) station = g_list_model_get_item (stations, i);
      g_autofree char *description = g_strdup_printf ("站点 %u: description with 'quotes' and \"double\"", i);
      g_autofree char *owner = g_strdup_printf ("team-%u", i % 3);

      tl_station_set_description (station, description);
      tl_station_set_owner (station, i % 2 ? owner : NULL);
      tl_station_set_x (station, tl_station_get_x (station) + 0.125 * i);
      tl_station_set_y (station, tl_station_get_y (station) - 1.0 / 3.0);
    }

  for (guint i = 0; i < g_list_model_get_n_items (loops); i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);
      g_autofree char *description = g_strdup_printf ("闭环 %u\nsecond line", i);

      tl_loop_set_description (loop, description);
    }

  for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
    {
      g_autoptr(TlMatrixHeader) header = g_list_model_get_item (layers, i);
      g_autofree char *description = g_strdup_printf ("層面 %u", i);

      tl_matrix_header_set_description (header, description);
    }

  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(TlMatrixHeader) header = g_list_model_get_item (types, i);

      tl_matrix_header_set_key (header, !tl_matrix_header_get_key (header));
    }

  for (guint i = 0; i < g_list_model_get_n_items (cells); i++)
    {
      g_autoptr(TlCell) cell = g_list_model_get_item (cells, i);
      g_autofree char *description = g_strdup_printf ("体验 %u: %s", i, tl_cell_get_id (cell));
      g_autofree char *notes = g_strdup_printf ("notes %u", i);

      tl_cell_set_description (cell, description);
      tl_cell_set_current (cell, i % 8);        /* 0 = unset, then 1..7 */
      tl_cell_set_target (cell, (i * 3) % 8);
      tl_cell_set_key (cell, i % 3 == 0);
      tl_cell_set_owner (cell, i % 4 ? "perception" : NULL);
      tl_cell_set_notes (cell, i % 5 ? notes : NULL);
    }
}

/* The DDL of format 1 as the first release wrote it.  A copy of
 * tl_schema_v1_sql on purpose, and frozen: files of format 1 exist as
 * that release wrote them, whatever the library's copy says later, so
 * this fixture must never follow schema changes nor be taken from the
 * library (duplicate-code tools flag the pair; leave it).  Kept apart,
 * it also makes a change to the library's copy fail the migration tests
 * instead of going unnoticed. */
static inline const char *
tl_test_v1_ddl (void)
{
  return
    "CREATE TABLE meta (\n"
    "  key         TEXT PRIMARY KEY NOT NULL,\n"
    "  value\n"
    ");\n"
    "CREATE TABLE station (\n"
    "  id          TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),\n"
    "  position    INTEGER NOT NULL,\n"
    "  kind        TEXT,\n"
    "  label       TEXT,\n"
    "  description TEXT,\n"
    "  owner       TEXT,\n"
    "  x           REAL NOT NULL DEFAULT 0,\n"
    "  y           REAL NOT NULL DEFAULT 0\n"
    ");\n"
    "CREATE TABLE loop (\n"
    "  id          TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),\n"
    "  position    INTEGER NOT NULL,\n"
    "  name        TEXT,\n"
    "  color       TEXT,\n"
    "  description TEXT\n"
    ");\n"
    "CREATE TABLE loop_station (\n"
    "  loop_id     TEXT NOT NULL REFERENCES loop (id) ON DELETE CASCADE ON UPDATE CASCADE,\n"
    "  seq         INTEGER NOT NULL,\n"
    "  station_id  TEXT NOT NULL REFERENCES station (id) ON DELETE CASCADE ON UPDATE CASCADE,\n"
    "  PRIMARY KEY (loop_id, seq)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX loop_station_by_station ON loop_station (station_id);\n"
    "CREATE TABLE layer (\n"
    "  id          TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),\n"
    "  position    INTEGER NOT NULL,\n"
    "  label       TEXT,\n"
    "  description TEXT,\n"
    "  key         INTEGER NOT NULL DEFAULT 0 CHECK (key IN (0, 1))\n"
    ");\n"
    "CREATE TABLE exp_type (\n"
    "  id          TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),\n"
    "  position    INTEGER NOT NULL,\n"
    "  label       TEXT,\n"
    "  description TEXT,\n"
    "  key         INTEGER NOT NULL DEFAULT 0 CHECK (key IN (0, 1))\n"
    ");\n"
    "CREATE TABLE cell (\n"
    "  layer_id    TEXT NOT NULL REFERENCES layer (id) ON DELETE CASCADE ON UPDATE CASCADE,\n"
    "  type_id     TEXT NOT NULL REFERENCES exp_type (id) ON DELETE CASCADE ON UPDATE CASCADE,\n"
    "  description TEXT,\n"
    "  current     INTEGER CHECK (current IS NULL OR current >= 1),\n"
    "  target      INTEGER CHECK (target IS NULL OR target >= 1),\n"
    "  key         INTEGER NOT NULL DEFAULT 0 CHECK (key IN (0, 1)),\n"
    "  owner       TEXT,\n"
    "  notes       TEXT,\n"
    "  PRIMARY KEY (layer_id, type_id)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX cell_by_type ON cell (type_id);\n"
    "CREATE TABLE feedback (\n"
    "  id          INTEGER PRIMARY KEY,\n"
    "  text        TEXT NOT NULL,\n"
    "  source      TEXT,\n"
    "  date        TEXT,\n"
    "  stage       TEXT CHECK (stage IS NULL OR stage IN ('A', 'B', 'C', 'D', 'E', 'F')),\n"
    "  rating      REAL,\n"
    "  respondent  TEXT,\n"
    "  tags        TEXT\n"
    ");\n"
    "CREATE INDEX feedback_list_order ON feedback (date DESC, id);\n"
    "CREATE TABLE feedback_station (\n"
    "  feedback_id INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,\n"
    "  station_id  TEXT NOT NULL REFERENCES station (id) ON DELETE CASCADE ON UPDATE CASCADE,\n"
    "  PRIMARY KEY (feedback_id, station_id)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX feedback_station_by_station ON feedback_station (station_id, feedback_id);\n"
    "CREATE TABLE feedback_loop (\n"
    "  feedback_id INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,\n"
    "  loop_id     TEXT NOT NULL REFERENCES loop (id) ON DELETE CASCADE ON UPDATE CASCADE,\n"
    "  PRIMARY KEY (feedback_id, loop_id)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX feedback_loop_by_loop ON feedback_loop (loop_id, feedback_id);\n"
    "CREATE TABLE feedback_cell (\n"
    "  feedback_id INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,\n"
    "  layer_id    TEXT NOT NULL,\n"
    "  type_id     TEXT NOT NULL,\n"
    "  PRIMARY KEY (feedback_id, layer_id, type_id),\n"
    "  FOREIGN KEY (layer_id, type_id) REFERENCES cell (layer_id, type_id)\n"
    "    ON DELETE CASCADE ON UPDATE CASCADE\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX feedback_cell_by_cell ON feedback_cell (layer_id, type_id, feedback_id);\n";
}

/* A format 1 file at @path as the first release would have written it:
 * two stations, one loop, a 2 × 2 matrix, @n_feedback feedback items
 * (every third one mentions 很热情), linked to stations, the loop and a
 * cell. */
static inline void
tl_test_write_v1_file (const char *path,
                       guint       n_feedback)
{
  sqlite3 *db = tl_test_db_open (path, TRUE);

  tl_test_db_exec (db, "PRAGMA foreign_keys = ON; BEGIN");
  tl_test_db_exec (db, tl_test_v1_ddl ());
  tl_test_db_exec (db,
    "PRAGMA application_id = 1416392560;"   /* 0x546c6f70 */
    "PRAGMA user_version = 1;"
    "INSERT INTO meta VALUES ('title', '旧版文件'), ('language', 'zh_CN'), ('score_scale', 7);"
    "INSERT INTO station VALUES ('order', 0, 'online', '线上订单', '下单', 'transaction', 240.5, 190),"
    "                           ('shop', 1, 'offline', '门店', NULL, NULL, 600, 110.25);"
    "INSERT INTO loop VALUES ('l1', 0, '销售', '#0072b2', '第一个闭环');"
    "INSERT INTO loop_station VALUES ('l1', 0, 'order'), ('l1', 1, 'shop');"
    "INSERT INTO layer VALUES ('people', 0, '人员', NULL, 1), ('space', 1, '空间', '店面', 0);"
    "INSERT INTO exp_type VALUES ('feel', 0, '情感体验', NULL, 1), ('think', 1, '思考体验', NULL, 0);"
    "INSERT INTO cell VALUES ('people', 'feel', '服务员关心顾客的钱包', 3, 6, 1, 'perception', '重点'),"
    "                        ('people', 'think', NULL, NULL, NULL, 0, NULL, NULL),"
    "                        ('space', 'feel', NULL, 7, 7, 0, NULL, NULL),"
    "                        ('space', 'think', '黑板', NULL, 2, 0, 'communication', NULL);");

  for (guint i = 1; i <= n_feedback; i++)
    {
      g_autofree char *sql = NULL;

      sql = g_strdup_printf ("INSERT INTO feedback VALUES (%u, '顾客 %u：%s', 'survey', %s, %s, %s, 'r%u', 'tag%u');"
                             "INSERT INTO feedback_station VALUES (%u, '%s');",
                             i, i, i % 3 == 0 ? "服务员很热情" : "等位太久",
                             i % 10 == 0 ? "NULL" : (i % 2 ? "'2023-05-01'" : "'2023-06-15T10:00'"),
                             i % 6 == 0 ? "NULL" : "'C'",
                             i % 4 == 0 ? "NULL" : "4.5",
                             i, i % 5,
                             i, i % 2 ? "order" : "shop");
      tl_test_db_exec (db, sql);
      if (i % 7 == 0)
        {
          g_autofree char *link = g_strdup_printf ("INSERT INTO feedback_loop VALUES (%u, 'l1');"
                                                   "INSERT OR IGNORE INTO feedback_cell VALUES (%u, 'people', 'feel');",
                                                   i, i);
          tl_test_db_exec (db, link);
        }
    }

  tl_test_db_exec (db, "COMMIT");
  sqlite3_close (db);
}

/* The migration from format 1 to 2 as that release shipped it: frozen,
 * like tl_test_v1_ddl(), so that a format 2 file looks as it did. */
static inline const char *
tl_test_v1_to_v2_sql (void)
{
  return
    "CREATE VIRTUAL TABLE feedback_fts USING fts5 (\n"
    "  text, content='feedback', content_rowid='id', tokenize='trigram'\n"
    ");\n"
    "CREATE TRIGGER feedback_fts_insert AFTER INSERT ON feedback BEGIN\n"
    "  INSERT INTO feedback_fts (rowid, text) VALUES (new.id, new.text);\n"
    "END;\n"
    "CREATE TRIGGER feedback_fts_delete AFTER DELETE ON feedback BEGIN\n"
    "  INSERT INTO feedback_fts (feedback_fts, rowid, text) VALUES ('delete', old.id, old.text);\n"
    "END;\n"
    "CREATE TRIGGER feedback_fts_update AFTER UPDATE OF id, text ON feedback BEGIN\n"
    "  INSERT INTO feedback_fts (feedback_fts, rowid, text) VALUES ('delete', old.id, old.text);\n"
    "  INSERT INTO feedback_fts (rowid, text) VALUES (new.id, new.text);\n"
    "END;\n"
    "INSERT INTO feedback_fts (feedback_fts) VALUES ('rebuild');\n";
}

/* A format 2 file at @path as that release would have written it: the
 * format 1 file of tl_test_write_v1_file(), migrated as that release did,
 * then two more items identical to item 1 (text, date, source,
 * respondent), as a user who imported a file twice then had. */
static inline void
tl_test_write_v2_file (const char *path,
                       guint       n_feedback)
{
  sqlite3 *db;

  tl_test_write_v1_file (path, n_feedback);
  db = tl_test_db_open (path, TRUE);
  tl_test_db_exec (db, "PRAGMA foreign_keys = ON; BEGIN");
  tl_test_db_exec (db, tl_test_v1_to_v2_sql ());
  tl_test_db_exec (db, "PRAGMA user_version = 2;"
                       "INSERT INTO feedback (text, source, date, stage, rating, respondent, tags)"
                       " SELECT text, source, date, 'F', 1, respondent, NULL FROM feedback WHERE id = 1;"
                       "INSERT INTO feedback (text, source, date, stage, rating, respondent, tags)"
                       " SELECT text, source, date, NULL, NULL, respondent, 'again' FROM feedback WHERE id = 1;"
                       "COMMIT");
  sqlite3_close (db);
}
