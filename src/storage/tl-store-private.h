/* tl-store-private.h: helpers shared inside the storage layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "tl-store.h"

G_BEGIN_DECLS

typedef struct _TlEvidenceCache TlEvidenceCache;

struct _TlStore
{
  GObject          parent_instance;

  sqlite3         *db;
  char            *path;
  char            *display_name;
  TlDocument      *document;
  GHashTable      *statements;        /* static SQL text → sqlite3_stmt */
  GHashTable      *query_statements;  /* generated SQL (owned) → sqlite3_stmt */
  guint64          generation;
  gulong           changed_id;

  TlEvidenceCache *evidence;
  /* Feedback ids are never reused (an undone addition is redone with the
   * same ids): the next one, and the one the file has committed. */
  gint64           next_feedback_id;
  gint64           flushed_next_id;   /* what meta has (or will at commit) */
  GPtrArray       *repairs;           /* translated, NULL-terminated */
  guint64          snapshot_serial;
  /* Inside tl_store_begin(), new items go into the full-text indexes
   * (feedback_fts, feedback_gram) in one go, not one by one: the first id
   * that is not indexed yet, or 0 when every item is
   * (_tl_store_index_pending()). */
  gint64           index_from;

  guint            in_transaction : 1;   /* tl_store_begin() */
  guint            read_only : 1;
  guint            feedback_changed : 1; /* to announce at commit */
  guint            publish_pending : 1;  /* tl_store_commit_quiet() */
  /* Inside tl_store_begin(): whether the first new item looked at the
   * size of the table, and whether the list indexes of feedback are
   * dropped until the batch settles (_tl_store_batch_adding()). */
  guint            batch_checked : 1;
  guint            indexes_dropped : 1;
};

/* What a feedback item contributes to evidence (tl-evidence.h) */
typedef struct
{
  gboolean has_rating;
  double   rating;
  gboolean dated;
  double   day;          /* tl_feedback_date_parse() */
  guint64  text_chars;
  guint    n_images;
  char     stage;        /* 'A'..'F' or '\0' */
} TlItemFacts;

/* What the checks before opening learnt about a file. */
typedef struct
{
  int      version;       /* PRAGMA user_version */
  gboolean has_journal;   /* a rollback journal lies next to the file */
  gboolean checked;       /* PRAGMA quick_check ran and passed */
} TlFileInfo;

/* "file:///abs/path?QUERY": every connection is opened by URI so that a
 * path is never mistaken for one and "immutable" can be asked for.  NULL,
 * and @error naming the file @display_name, when @path has no URI. */
char     *_tl_sqlite_uri                (const char     *path,
                                         const char     *query,
                                         const char     *display_name,
                                         GError        **error);
/* A connection to @path by its URI with @query ("immutable=1", or NULL),
 * opened with @flags (SQLITE_OPEN_*) and configured as every connection
 * is (_tl_sqlite_configure()); @display_name names the file in messages. */
sqlite3  *_tl_sqlite_open               (const char     *path,
                                         const char     *query,
                                         int             flags,
                                         const char     *display_name,
                                         GError        **error);
/* Turns on what every connection needs: foreign keys, rollback journal
 * (never WAL), defensive mode, untrusted schema. */
gboolean  _tl_sqlite_configure          (sqlite3        *db,
                                         gboolean        writable,
                                         const char     *display_name,
                                         GError        **error);
gboolean  _tl_sqlite_exec               (sqlite3        *db,
                                         const char     *sql,
                                         const char     *display_name,
                                         GError        **error);
/* Sets @error for the failure @rc of @db, in words for the user. */
void      _tl_store_set_sqlite_error    (GError        **error,
                                         sqlite3        *db,
                                         int             rc,
                                         const char     *display_name);
/* Text of a column as valid UTF-8 (files are untrusted), or NULL. */
char     *_tl_sqlite_column_text        (sqlite3_stmt   *stmt,
                                         int             column);

/* Checks @path without writing anything, not even a journal: the SQLite
 * header, the application id and version, then (opened immutable) the
 * schema tables and PRAGMA quick_check.  When a rollback journal (or a
 * WAL) lies next to the file, only the header is checked: the rest is
 * left for after SQLite has rolled it back (info->checked stays FALSE). */
gboolean  _tl_store_preflight           (const char     *path,
                                         const char     *display_name,
                                         TlFileInfo     *info,
                                         GError        **error);
/* The schema tables and PRAGMA quick_check on an open connection. */
gboolean  _tl_store_check_database      (sqlite3        *db,
                                         const char     *display_name,
                                         int             version,
                                         gboolean        quick_check,
                                         GError        **error);

/* tl_store_open() naming the file @display_name in messages (a working
 * copy names the user's file, not its own). */
TlStore  *_tl_store_open_full           (const char     *path,
                                         const char     *display_name,
                                         TlStoreOpenFlags flags,
                                         GError        **error);
/* tl_store_create() naming the file @display_name in messages. */
TlStore  *_tl_store_create_full         (const char     *path,
                                         const char     *display_name,
                                         TlDocument     *document,
                                         GError        **error);

/* Copies the database at @src_path to @dest_path (which must not exist)
 * with the backup API over connections of its own, so it may run in any
 * thread while the store keeps writing @src_path from another: SQLite's
 * file locks keep both consistent, and the copy restarts when the
 * source changes under it. */
gboolean  _tl_store_copy_database       (const char     *src_path,
                                         const char     *dest_path,
                                         const char     *display_name,
                                         GCancellable   *cancellable,
                                         GError        **error);

/* Stops writing the document and closes the file, though others may
 * still hold the store: its working copy is about to go.  Every call
 * after this fails (TL_STORE_ERROR_IO) or returns -1. */
void      _tl_store_close               (TlStore        *self);

/* Bumped on every write; tells a save whether edits came in meanwhile. */
guint64   _tl_store_get_generation      (TlStore        *self);

/* ---- tl-sqlite-functions.c ---- */

/* Registers the tokenizer "tl_gram" and our SQL functions on @db (every
 * connection: _tl_sqlite_configure() calls it). */
gboolean  _tl_sqlite_register           (sqlite3        *db,
                                         const char     *display_name,
                                         GError        **error);
/* @text folded as the search folds it (Latin letters lower case), for
 * brute-force comparisons in tests. */
char     *_tl_sqlite_fold               (const char     *text);
/* The pointer type of tl_in_set (?1, id): a TlIdSet bound with
 * sqlite3_bind_pointer(). */
#define TL_ID_SET_POINTER_TYPE "tl_id_set"

typedef struct
{
  GArray  *sorted;    /* gint64, ascending, each once (after sealing) */
  guint8  *bits;      /* the same as a bitmap, when the ids are small */
  gsize    n_bits;
  guint64  count;
} TlIdSet;

void      _tl_id_set_init               (TlIdSet        *set);
void      _tl_id_set_add                (TlIdSet        *set,
                                         gint64          id);
/* After the last add: sorts, drops repeats */
void      _tl_id_set_seal               (TlIdSet        *set);
/* The ids of both (sealed) sets, into @out (initialised, sealed) */
void      _tl_id_set_intersect          (const TlIdSet  *a,
                                         const TlIdSet  *b,
                                         TlIdSet        *out);
gboolean  _tl_id_set_contains           (const TlIdSet  *set,
                                         gint64          id);
void      _tl_id_set_clear              (TlIdSet        *set);

/* ---- tl-store.c: statements and transactions ---- */

void          _tl_store_set_error       (TlStore        *self,
                                         int             rc,
                                         GError        **error);
gboolean      _tl_store_check_open      (TlStore        *self,
                                         GError        **error);
gboolean      _tl_store_check_writable  (TlStore        *self,
                                         GError        **error);
/* The cached prepared statement of the static SQL text @sql, reset and
 * unbound. */
sqlite3_stmt *_tl_store_statement       (TlStore        *self,
                                         const char     *sql,
                                         GError        **error);
/* The same for SQL built at run time (queries): cached by its text. */
sqlite3_stmt *_tl_store_dynamic_statement (TlStore      *self,
                                         const char     *sql,
                                         GError        **error);
void          _tl_store_bind_text       (sqlite3_stmt   *stmt,
                                         int             index,
                                         const char     *text);
/* Steps to the end and resets. */
gboolean      _tl_store_run             (TlStore        *self,
                                         sqlite3_stmt   *stmt,
                                         GError        **error);
/* Column 0 of every row, as gint64. */
GArray       *_tl_store_collect_ids     (TlStore        *self,
                                         sqlite3_stmt   *stmt,
                                         GError        **error);
/* A feedback change starts: a transaction of its own unless inside
 * tl_store_begin().  Fails on a read-only store. */
gboolean      _tl_store_feedback_begin  (TlStore        *self,
                                         GError        **error);
/* Inside tl_store_begin(), a new item is about to be added with its
 * index entries left pending: the first one of a batch into a document
 * of few items drops the list indexes of feedback (order, source,
 * stage), which are built again in one go when the batch settles. */
gboolean      _tl_store_batch_adding    (TlStore        *self,
                                         GError        **error);
/* Inside tl_store_begin(): settles the batch: puts the items added since
 * the last call into the full-text indexes, so that a search sees them
 * and a delete or an edit (whose triggers take entries out) finds them
 * there, and builds the dropped list indexes again.  Every function that
 * reads the indexes or changes existing feedback calls it first
 * (_tl_store_feedback_begin() does), and so does the commit.  TRUE when
 * nothing is pending. */
gboolean      _tl_store_index_pending   (TlStore        *self,
                                         GError        **error);
/* _tl_store_feedback_begin() for adding new items: leaves the pending
 * index entries pending. */
gboolean      _tl_store_feedback_begin_add (TlStore     *self,
                                            GError     **error);
/* … and ends: outside tl_store_begin(), @ok commits (evidence written
 * first, then published to the document and ::feedback-changed emitted),
 * otherwise rolls back.  Inside, a failed change must have left nothing
 * behind itself. */
gboolean      _tl_store_feedback_end    (TlStore        *self,
                                         gboolean        ok,
                                         GError        **error);

/* ---- tl-store-feedback.c ---- */

/* Links of feedback item @id, as "station:ID", …; NULL-terminated. */
char        **_tl_store_read_links      (TlStore        *self,
                                         gint64          id,
                                         GError        **error);
/* The evidence keys ("station:ID", "loop:ID", "cell:L/T") @links count
 * towards: the linked objects, and the loops through a linked station;
 * and "document:", which every item counts towards.  Each once. */
GPtrArray    *_tl_store_evidence_keys   (TlStore        *self,
                                         const char * const *links);
/* Facts of item @id; FALSE with *found FALSE when there is none. */
gboolean      _tl_store_read_facts      (TlStore        *self,
                                         gint64          id,
                                         TlItemFacts    *facts,
                                         gboolean       *found,
                                         GError        **error);
/* Max id + 1 or the file's feedback_next_id, whichever is larger. */
gboolean      _tl_store_load_next_id    (TlStore        *self,
                                         GError        **error);
/* Writes the next id to meta (before a commit). */
gboolean      _tl_store_flush_next_id   (TlStore        *self,
                                         GError        **error);

/* Copies items @ids with their links and images aside (temporary tables
 * of this connection) and returns a handle, for an undo that restores
 * them; 0 on failure. */
guint64       _tl_store_snapshot_take   (TlStore        *self,
                                         const gint64   *ids,
                                         guint           n_ids,
                                         GError        **error);
/* Puts a snapshot's items back (same ids) and keeps it for another time. */
gboolean      _tl_store_snapshot_restore (TlStore       *self,
                                         guint64         snapshot,
                                         GError        **error);
void          _tl_store_snapshot_drop   (TlStore        *self,
                                         guint64         snapshot);

/* ---- tl-store-query.c ---- */

/* Above how many text matches a query walks the list order instead of
 * looking the matches up; -1 (the default) lets the query choose.  For
 * tests, which make both ways give the same answers. */
extern gint64 _tl_store_query_dense_threshold;
/* Whether a target's items are tested per text match in SQL (1) or read
 * into a set (0); -1 (the default) lets the query choose.  For tests. */
extern int    _tl_store_query_target_in_sql;

/* ---- tl-store-evidence.c ---- */

TlEvidenceCache *_tl_evidence_cache_new (void);
void          _tl_evidence_cache_free   (TlEvidenceCache *cache);
/* On open: reads the evidence table, or computes it when it is missing or
 * was computed with other parameters (then writes it, unless read-only);
 * publishes everything to the document. */
gboolean      _tl_store_evidence_load   (TlStore        *self,
                                         GError        **error);
/* Recomputes every aggregate from the links (in memory; written at the
 * next flush). */
gboolean      _tl_store_evidence_recompute (TlStore     *self,
                                         GError        **error);
/* Recomputes the aggregate of @key alone. */
gboolean      _tl_store_evidence_recompute_key (TlStore *self,
                                         const char     *key,
                                         GError        **error);
/* Adds (@sign 1) or takes away (-1) an item with @facts to/from @keys.
 * Adding a dated item newer than the reference date moves it first. */
void          _tl_store_evidence_apply  (TlStore        *self,
                                         const TlItemFacts *facts,
                                         GPtrArray      *keys,
                                         int             sign);
/* After items that may have been the newest were removed or redated:
 * finds the reference date again and rescales (or recomputes). */
gboolean      _tl_store_evidence_refresh_reference (TlStore *self,
                                         GError        **error);
/* The reference date (days), NAN when no item is dated */
double        _tl_store_evidence_get_reference (TlStore  *self);
/* After a document change (TlDocument::changed), written already: the
 * aggregates it affects. */
gboolean      _tl_store_evidence_document_changed (TlStore *self,
                                         TlChangeKind    kind,
                                         GObject        *object,
                                         const char     *property,
                                         GError        **error);
/* Writes what changed (rows, meta) in the current transaction. */
gboolean      _tl_store_evidence_flush  (TlStore        *self,
                                         GError        **error);
/* Gives the document what changed since the last time. */
void          _tl_store_evidence_publish (TlStore       *self);
/* After a rollback: what the file says. */
gboolean      _tl_store_evidence_reload (TlStore        *self,
                                         GError        **error);
/* The aggregate of @key as the store holds it (zero when none), and its
 * items by stage (A–F, none) unless @stages is NULL.  "document:" counts
 * all feedback. */
void          _tl_store_evidence_get    (TlStore        *self,
                                         const char     *key,
                                         TlEvidence     *out,
                                         guint64        *stages);

G_END_DECLS
