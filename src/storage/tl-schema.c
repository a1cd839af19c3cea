/* tl-schema.c: the SQL schema of a Touchloop document and its migrations
 *
 * A document is one SQLite file (SQLite as an application file format).
 * PRAGMA application_id is TL_STORE_APPLICATION_ID, PRAGMA user_version
 * the format version below.
 *
 * Format 1
 *   meta            key/value pairs of the document: title, language,
 *                   score_scale
 *   station         the diagram's stations; position = order in the
 *                   document's list
 *   loop            the closed loops; position = order in the list
 *   loop_station    a loop's stations in cycle order (seq), the start not
 *                   repeated at the end
 *   layer, exp_type the matrix rows and columns, in position order
 *   cell            one per layer × type; current/target NULL = not
 *                   scored (TL_SCORE_UNSET), else 1..score_scale
 *   feedback        customer feedback (there may be millions: the
 *                   document object never holds them)
 *   feedback_station, feedback_loop, feedback_cell
 *                   what a feedback item is about
 *
 * Choices, and why
 * - Every reference is a real FOREIGN KEY, so PRAGMA foreign_key_check
 *   finds dangling ones; each child column has an index of its own, or
 *   deleting a parent would scan the child table.
 * - loop_station and the feedback link tables cascade on delete of a
 *   station or loop: a document change is written one object at a time,
 *   in the order the model emits them, and a station leaving the document
 *   takes its place in every loop with it (TlRemoveStationCommand does
 *   the same in memory).  The store keeps the feedback links of a removed
 *   station or loop on the object, so undoing the removal restores them.
 * - Text columns are nullable and keep what the model holds; the store
 *   never writes "" for NULL or back.
 * - feedback_list_order makes the list order (newest date first, undated
 *   last, then id) a scan of a covering index: SQLite sorts NULL lowest,
 *   so DESC puts undated items last without NULLS LAST, which an index
 *   cannot express.  Dates are ISO 8601 text, so text order is time order.
 * - The link tables are WITHOUT ROWID: they are nothing but their keys.
 *
 * Format 2 = format 1 + feedback_fts, an FTS5 trigram index on the text
 * of feedback (trigram finds substrings in Chinese, which has no spaces),
 * an external-content table kept in sync by triggers.  remove_diacritics
 * is left out: SQLite 3.40 cannot create it.
 *
 * Format 3 = format 2 +
 *   feedback.phase            channel phase (DOMAIN.md §6), an id
 *   feedback.rating_original  the rating as imported, before it was
 *                             normalised to the document's scale
 *   feedback.fingerprint      identifies an imported row, so importing
 *                             the same file again adds nothing (UNIQUE;
 *                             NULL for items added by hand); it is not
 *                             updated when the item is edited
 *   feedback_by_source, feedback_by_stage
 *                             filtering the list by them, and counting
 *                             items by source, read an index, not every
 *                             row.  Only the column (and the id): an
 *                             import appends to each group of it, where
 *                             (source, date, id) inserted all over the
 *                             index and made a million-row import 35 %
 *                             slower.
 *   feedback.text_chars, feedback.n_images
 *                             the inputs of engagement (tl-evidence.h),
 *                             kept so that evidence never reads texts;
 *                             n_images is kept by triggers
 *   feedback_image            PNG and JPEG images of feedback, as blobs
 *   feedback_gram             an FTS5 index of every character and every
 *                             pair of characters (tokenizer "tl_gram",
 *                             registered on every connection, detail=none):
 *                             what the trigram index cannot find, queries
 *                             of one or two characters
 *   The trigger that indexed new rows is gone: the store adds a new item
 *   to both indexes itself.  A statement that fires triggers and may fail
 *   midway gets a statement journal, and every statement journal makes
 *   FTS5 write out its pending index: an import paid that on every row
 *   (measured: 48 % of its time, and 6–10 times slower than indexing the
 *   same rows in one go).  Deleting and editing keep their triggers (one
 *   statement journal per statement, however many rows).  Inside
 *   tl_store_begin() the store indexes new items in one go at the end of
 *   the batch (or before anything reads the indexes or changes an item),
 *   with a bigger FTS5 hashsize for the time; a batch into a document of
 *   few items drops the list indexes (feedback_list_order, _by_source,
 *   _by_stage) and creates them again, with the same SQL, before the
 *   commit.  Rows another program adds are indexed when the store opens
 *   the file (the counts differ).
 *   feedback.fingerprint is set for items typed by hand too (the date in
 *   the importer's form), except on one identical to an item that has it:
 *   identical items typed by hand are all kept, the first is recognised
 *   when its export is imported again, and so are the others (their
 *   fingerprint is the same).
 *   evidence                  the evidence aggregates of every station,
 *                             loop and cell (tl-evidence.h), kept by the
 *                             store in the transaction that changes them,
 *                             so that opening a document reads them
 *                             instead of scanning its feedback.  Recency
 *                             sums are relative to the reference date in
 *                             meta (evidence_reference), dated and
 *                             undated items apart (an undated item always
 *                             weighs 1); with the items by customer stage.
 *                             The row of kind 'document' (id '') counts all
 *                             feedback, the row of kind 'linked' the items
 *                             with at least one link.
 *   meta keys half_life, strength_moderate, strength_strong (the
 *   document's evidence parameters), evidence_* (what the evidence table
 *   was computed with; a mismatch makes the store recompute it) and
 *   feedback_next_id (ids are never reused, so an undone addition can be
 *   redone with the same ids).
 *   The migration computes the new columns of existing rows (fingerprints
 *   too: only the first of identical rows keeps one), builds the new index
 *   and leaves the evidence to be computed on open.
 *
 * A new file is created as format 1 and migrated, so a new file and a
 * migrated one cannot differ.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"


#include "tl-schema.h"
#include "tl-store.h"
#include "tl-store-private.h"

/* Frozen (see tl-schema.h).  The storage tests keep a copy of their own,
 * tl_test_v1_ddl(), on purpose: the two must not be merged. */
const char tl_schema_v1_sql[] =
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

/* 1 → 2: full-text index on feedback text. */
static const char migrate_1_to_2_sql[] =
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

/* 2 → 3: customer feedback, imported, found, attached and evidenced.
 * tl_fingerprint() and the tokenizer tl_gram are registered on every
 * connection (tl-sqlite-functions.c). */
static const char migrate_2_to_3_sql[] =
  "ALTER TABLE feedback ADD COLUMN phase TEXT CHECK (phase IS NULL OR phase IN"
  " ('awareness', 'evaluation', 'purchase', 'delivery', 'after-sales'));\n"
  "ALTER TABLE feedback ADD COLUMN rating_original TEXT;\n"
  "ALTER TABLE feedback ADD COLUMN fingerprint INTEGER;\n"
  "ALTER TABLE feedback ADD COLUMN text_chars INTEGER NOT NULL DEFAULT 0;\n"
  "ALTER TABLE feedback ADD COLUMN n_images INTEGER NOT NULL DEFAULT 0;\n"
  "UPDATE feedback SET text_chars = length (text),"
  " fingerprint = tl_fingerprint (text, date, source, respondent);\n"
  "UPDATE feedback SET fingerprint = NULL"
  " WHERE id NOT IN (SELECT min (id) FROM feedback GROUP BY fingerprint);\n"
  "CREATE UNIQUE INDEX feedback_fingerprint ON feedback (fingerprint);\n"
  "CREATE INDEX feedback_by_source ON feedback (source);\n"
  "CREATE INDEX feedback_by_stage ON feedback (stage);\n"
  "CREATE TABLE feedback_image (\n"
  "  id          INTEGER PRIMARY KEY,\n"
  "  feedback_id INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,\n"
  "  mime        TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg')),\n"
  "  width       INTEGER NOT NULL CHECK (width > 0),\n"
  "  height      INTEGER NOT NULL CHECK (height > 0),\n"
  "  data        BLOB NOT NULL\n"
  ");\n"
  "CREATE INDEX feedback_image_by_feedback ON feedback_image (feedback_id, id);\n"
  "CREATE TRIGGER feedback_image_count_insert AFTER INSERT ON feedback_image BEGIN\n"
  "  UPDATE feedback SET n_images = n_images + 1 WHERE id = new.feedback_id;\n"
  "END;\n"
  "CREATE TRIGGER feedback_image_count_delete AFTER DELETE ON feedback_image BEGIN\n"
  "  UPDATE feedback SET n_images = max (n_images - 1, 0) WHERE id = old.feedback_id;\n"
  "END;\n"
  "CREATE VIRTUAL TABLE feedback_gram USING fts5 (\n"
  "  text, content='feedback', content_rowid='id', tokenize='tl_gram', detail='none'\n"
  ");\n"
  "CREATE TRIGGER feedback_gram_delete AFTER DELETE ON feedback BEGIN\n"
  "  INSERT INTO feedback_gram (feedback_gram, rowid, text) VALUES ('delete', old.id, old.text);\n"
  "END;\n"
  "CREATE TRIGGER feedback_gram_update AFTER UPDATE OF id, text ON feedback BEGIN\n"
  "  INSERT INTO feedback_gram (feedback_gram, rowid, text) VALUES ('delete', old.id, old.text);\n"
  "  INSERT INTO feedback_gram (rowid, text) VALUES (new.id, new.text);\n"
  "END;\n"
  "INSERT INTO feedback_gram (feedback_gram) VALUES ('rebuild');\n"
  "DROP TRIGGER feedback_fts_insert;\n"
  "CREATE TABLE evidence (\n"
  "  kind             TEXT NOT NULL CHECK (kind IN ('station', 'loop', 'cell', 'document', 'linked')),\n"
  "  id               TEXT NOT NULL,\n"
  "  count            INTEGER NOT NULL,\n"
  "  rated            INTEGER NOT NULL,\n"
  "  rating_sum       REAL NOT NULL,\n"
  "  negative         INTEGER NOT NULL,\n"
  "  dated_recent     REAL NOT NULL,\n"
  "  dated_heat       REAL NOT NULL,\n"
  "  undated_recent   REAL NOT NULL,\n"
  "  undated_heat     REAL NOT NULL,\n"
  "  stage_a          INTEGER NOT NULL DEFAULT 0,\n"
  "  stage_b          INTEGER NOT NULL DEFAULT 0,\n"
  "  stage_c          INTEGER NOT NULL DEFAULT 0,\n"
  "  stage_d          INTEGER NOT NULL DEFAULT 0,\n"
  "  stage_e          INTEGER NOT NULL DEFAULT 0,\n"
  "  stage_f          INTEGER NOT NULL DEFAULT 0,\n"
  "  stage_none       INTEGER NOT NULL DEFAULT 0,\n"
  "  PRIMARY KEY (kind, id)\n"
  ") WITHOUT ROWID;\n"
  "DELETE FROM meta WHERE key LIKE 'evidence\\_%' ESCAPE '\\';\n";

/* migrations[i] takes format i + 1 to i + 2 */
static const char * const migrations[] = {
  migrate_1_to_2_sql,
  migrate_2_to_3_sql,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == TL_STORE_FORMAT_VERSION - TL_SCHEMA_FIRST_VERSION);

static const char * const tables_v1[] = {
  "meta", "station", "loop", "loop_station", "layer", "exp_type", "cell",
  "feedback", "feedback_station", "feedback_loop", "feedback_cell",
  NULL
};

static const char * const tables_v2[] = {
  "meta", "station", "loop", "loop_station", "layer", "exp_type", "cell",
  "feedback", "feedback_station", "feedback_loop", "feedback_cell",
  "feedback_fts",
  NULL
};

static const char * const tables_v3[] = {
  "meta", "station", "loop", "loop_station", "layer", "exp_type", "cell",
  "feedback", "feedback_station", "feedback_loop", "feedback_cell",
  "feedback_fts", "feedback_image", "feedback_gram", "evidence",
  NULL
};

const char * const *
tl_schema_tables (int version)
{
  switch (version)
    {
    case 1:
      return tables_v1;
    case 2:
      return tables_v2;
    case 3:
      return tables_v3;
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
set_version (sqlite3  *db,
             int       version,
             GError  **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                          (int)TL_STORE_APPLICATION_ID, version);

  return _tl_sqlite_exec (db, sql, NULL, error);
}

gboolean
tl_schema_migrate (sqlite3  *db,
                   int       from_version,
                   GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (from_version >= TL_SCHEMA_FIRST_VERSION, FALSE);
  g_return_val_if_fail (from_version <= TL_STORE_FORMAT_VERSION, FALSE);
  /* Schema changes inside a transaction only: a failure rolls them all back. */
  g_return_val_if_fail (!sqlite3_get_autocommit (db), FALSE);

  for (int v = from_version; v < TL_STORE_FORMAT_VERSION; v++)
    {
      if (!_tl_sqlite_exec (db, migrations[v - TL_SCHEMA_FIRST_VERSION], NULL, error))
        return FALSE;
    }

  return set_version (db, TL_STORE_FORMAT_VERSION, error);
}

gboolean
tl_schema_create (sqlite3  *db,
                  GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (db), FALSE);

  if (!_tl_sqlite_exec (db, tl_schema_v1_sql, NULL, error) ||
      !set_version (db, TL_SCHEMA_FIRST_VERSION, error))
    return FALSE;

  return tl_schema_migrate (db, TL_SCHEMA_FIRST_VERSION, error);
}
