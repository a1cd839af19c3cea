/* tl-store-private.h: helpers shared inside the storage layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "tl-store.h"

G_BEGIN_DECLS

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

G_END_DECLS
