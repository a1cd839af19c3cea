/* tl-sqlite.c: SQLite connections the way every Touchloop file needs them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-store-private.h"

char *
_tl_sqlite_uri (const char  *path,
                const char  *query,
                const char  *display_name,
                GError     **error)
{
  g_autofree char *absolute = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  /* g_filename_to_uri() escapes '?', '#' and '%', which SQLite decodes. */
  absolute = g_canonicalize_filename (path, NULL);
  uri = g_filename_to_uri (absolute, NULL, NULL);
  if (uri == NULL)
    {
      g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
                   _("Could not open “%s”: its name cannot be used. Rename it or move it to another folder, then try again."),
                   display_name);
      return NULL;
    }

  if (query == NULL || *query == '\0')
    return g_steal_pointer (&uri);
  return g_strconcat (uri, "?", query, NULL);
}

sqlite3 *
_tl_sqlite_open (const char  *path,
                 const char  *query,
                 int          flags,
                 const char  *display_name,
                 GError     **error)
{
  g_autofree char *uri = _tl_sqlite_uri (path, query, display_name, error);
  sqlite3 *db = NULL;
  int rc;

  if (uri == NULL)
    return NULL;

  rc = sqlite3_open_v2 (uri, &db, flags | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      _tl_store_set_sqlite_error (error, db, rc, display_name);
      sqlite3_close (db);
      return NULL;
    }

  if (!_tl_sqlite_configure (db, (flags & SQLITE_OPEN_READWRITE) != 0, display_name, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

static char *
name_of (sqlite3    *db,
         const char *display_name)
{
  const char *filename;

  if (display_name != NULL)
    return g_strdup (display_name);

  filename = db ? sqlite3_db_filename (db, "main") : NULL;
  if (filename != NULL && *filename != '\0')
    return g_filename_display_basename (filename);

  /* TRANSLATORS: stands for a file name in messages when a document is only in memory */
  return g_strdup (_("Untitled document"));
}

void
_tl_store_set_sqlite_error (GError     **error,
                            sqlite3     *db,
                            int          rc,
                            const char  *display_name)
{
  g_autofree char *name = name_of (db, display_name);
  const char *detail;

  if (error == NULL)
    return;

  detail = (db != NULL && sqlite3_errcode (db) == rc) ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  /* A read that comes up short means the file is shorter than it says. */
  if (rc == SQLITE_IOERR_SHORT_READ)
    rc = SQLITE_CORRUPT;

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be used safely (%s). Open a backup copy of it instead."),
                   name, detail);
      break;

    case SQLITE_FULL:
      g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
                   _("Could not write to “%s”: the disk is full. Free some space, then try again."),
                   name);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
                   _("“%s” is busy: another program is using it. Close it there, then try again."),
                   name);
      break;

    case SQLITE_READONLY:
      g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
                   _("Could not write to “%s”: it is read-only. Save it to a place where you may write, or change its permissions."),
                   name);
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
                   _("Could not open “%s” (%s). Check that it exists and that you may read and write it."),
                   name, detail);
      break;

    case SQLITE_IOERR:
      g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
                   _("Could not read or write “%s” (%s). Check that the disk is connected and working, then try again."),
                   name, detail);
      break;

    case SQLITE_NOMEM:
      g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
                   _("Ran out of memory while working on “%s”. Close other documents or programs, then try again."),
                   name);
      break;

    default:
      g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
                   _("Touchloop could not update “%s” (%s). Try again; if it keeps happening, please report it."),
                   name, detail);
      break;
    }
}

gboolean
_tl_sqlite_exec (sqlite3     *db,
                 const char  *sql,
                 const char  *display_name,
                 GError     **error)
{
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _tl_store_set_sqlite_error (error, db, rc, display_name);
      return FALSE;
    }

  return TRUE;
}

gboolean
_tl_sqlite_configure (sqlite3     *db,
                      gboolean     writable,
                      const char  *display_name,
                      GError     **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  sqlite3_extended_result_codes (db, 1);
  /* The file comes from anywhere: no writing to the schema by hand.
   * (The schema stays trusted, as our own FTS triggers need it: a file's
   * triggers and views can only reach SQLite's built-in functions, as
   * ours are SQLITE_DIRECTONLY and extension loading stays off.) */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  /* A save copies the file from another connection (see
   * _tl_store_copy_database()); a write waits for it instead of failing. */
  sqlite3_busy_timeout (db, 5000);

  if (!_tl_sqlite_exec (db, "PRAGMA foreign_keys = ON;", display_name, error))
    return FALSE;

  /* The search index's tokenizer and the migration's functions */
  if (!_tl_sqlite_register (db, display_name, error))
    return FALSE;

  /* A rollback journal, never WAL: no companion files next to a user's
   * document, and it works on network drives. */
  if (writable &&
      !_tl_sqlite_exec (db, "PRAGMA journal_mode = DELETE;", display_name, error))
    return FALSE;

  return TRUE;
}

char *
_tl_sqlite_column_text (sqlite3_stmt *stmt,
                        int           column)
{
  const char *text;
  int len;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  text = (const char *)sqlite3_column_text (stmt, column);
  len = sqlite3_column_bytes (stmt, column);
  if (text == NULL)
    return NULL;

  if (g_utf8_validate_len (text, len, NULL))
    return g_strndup (text, len);

  return g_utf8_make_valid (text, len);
}
