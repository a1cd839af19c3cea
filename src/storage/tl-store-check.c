/* tl-store-check.c: telling a sound Touchloop document from anything else
 *
 * Every check here reads only.  A file is looked at in two steps: its
 * SQLite header with plain read(2) (not SQLite at all, so a text file, a
 * picture or another program's database is refused before SQLite touches
 * it), then through an immutable connection, which creates no journal
 * and takes no lock: refusing a file never changes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tl-schema.h"
#include "tl-store-private.h"

#define SQLITE_MAGIC "SQLite format 3"   /* 16 bytes with its NUL */
#define HEADER_SIZE 100

static guint32
be32 (const guint8 *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
}

static void
set_truncated_error (GError     **error,
                     const char  *display_name,
                     guint64      size,
                     guint64      expected)
{
  g_autofree char *have = g_format_size_full (size, G_FORMAT_SIZE_LONG_FORMAT);
  g_autofree char *want = g_format_size_full (expected, G_FORMAT_SIZE_LONG_FORMAT);

  g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_CORRUPT,
               _("“%s” is incomplete: it is %s long but should be %s, perhaps because copying or downloading it was interrupted. Copy it again from where it came from, or open a backup."),
               display_name, have, want);
}

static void
set_read_error (GError     **error,
                const char  *display_name,
                int          saved_errno)
{
  g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
               _("Could not read “%s”: %s. Check that the disk is connected and that you may read the file."),
               display_name, g_strerror (saved_errno));
}

/* The header alone: is it SQLite, ours, of a version we know, complete? */
static gboolean
check_header (const char  *path,
              const char  *display_name,
              TlFileInfo  *info,
              GError     **error)
{
  guint8 header[HEADER_SIZE];
  GStatBuf st;
  gsize n = 0;
  guint32 page_size, n_pages, app_id, version;
  int fd;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_NOT_FOUND,
                     _("“%s” does not exist. It may have been moved or deleted; choose it again where it is now."),
                     display_name);
      else
        set_read_error (error, display_name, saved_errno);
      return FALSE;
    }

  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_NOT_TOUCHLOOP,
                   _("“%s” is a folder, not a Touchloop document. Choose a file saved by Touchloop (.touchloop)."),
                   display_name);
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_NOT_TOUCHLOOP,
                   _("“%s” is not a regular file, so it cannot be a Touchloop document. Choose a file saved by Touchloop (.touchloop)."),
                   display_name);
      return FALSE;
    }

  if (st.st_size == 0)
    {
      g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_NOT_TOUCHLOOP,
                   _("“%s” is empty, so it is not a Touchloop document. If it should hold your work, restore it from a backup."),
                   display_name);
      return FALSE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_read_error (error, display_name, errno);
      return FALSE;
    }

  while (n < sizeof header)
    {
      gssize r = read (fd, header + n, sizeof header - n);

      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        {
          int saved_errno = errno;

          close (fd);
          set_read_error (error, display_name, saved_errno);
          return FALSE;
        }
      if (r == 0)
        break;
      n += r;
    }
  close (fd);

  if (n < sizeof SQLITE_MAGIC || memcmp (header, SQLITE_MAGIC, sizeof SQLITE_MAGIC) != 0)
    {
      g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_NOT_TOUCHLOOP,
                   _("“%s” is not a Touchloop document. Choose a file saved by Touchloop (.touchloop)."),
                   display_name);
      return FALSE;
    }

  if (n < HEADER_SIZE)
    {
      set_truncated_error (error, display_name, st.st_size, HEADER_SIZE);
      return FALSE;
    }

  app_id = be32 (header + 68);
  version = be32 (header + 60);

  if (app_id != TL_STORE_APPLICATION_ID)
    {
      if (app_id == 0)
        g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_NOT_TOUCHLOOP,
                     _("“%s” is a database, but not a Touchloop document. Choose a file saved by Touchloop (.touchloop)."),
                     display_name);
      else
        g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_NOT_TOUCHLOOP,
                     _("“%s” is a database of another application, not a Touchloop document. Open it with the application that made it, or choose a file saved by Touchloop (.touchloop)."),
                     display_name);
      return FALSE;
    }

  if (version > TL_STORE_FORMAT_VERSION)
    {
      g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_NEWER_VERSION,
                   _("“%s” was saved by a newer version of Touchloop (file format %u; this version reads formats up to %u). Update Touchloop to open it."),
                   display_name, version, (guint)TL_STORE_FORMAT_VERSION);
      return FALSE;
    }

  if (version < TL_SCHEMA_FIRST_VERSION)
    {
      g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: it does not say which Touchloop file format it has. Open a backup copy of it instead."),
                   display_name);
      return FALSE;
    }

  /* Page size: a power of two from 512 to 65536, where 1 stands for 65536. */
  page_size = ((guint32)header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0)
    {
      g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: its header is not valid. Open a backup copy of it instead."),
                   display_name);
      return FALSE;
    }

  /* The size in pages is only to be trusted when "version-valid-for"
   * matches the change counter (every SQLite since 3.7.0 keeps them so). */
  n_pages = be32 (header + 28);
  if (n_pages > 0 && be32 (header + 92) == be32 (header + 24))
    {
      guint64 expected = (guint64)n_pages * page_size;

      if ((guint64)st.st_size < expected)
        {
          set_truncated_error (error, display_name, st.st_size, expected);
          return FALSE;
        }
    }

  if ((guint64)st.st_size % page_size != 0)
    {
      guint64 expected = ((guint64)st.st_size / page_size + 1) * page_size;

      set_truncated_error (error, display_name, st.st_size, expected);
      return FALSE;
    }

  if (info != NULL)
    {
      /* A rollback journal left by a crash, or a write-ahead log should
       * some other tool have switched the file to WAL */
      g_autofree char *journal = g_strconcat (path, "-journal", NULL);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      GStatBuf jst;

      info->version = version;
      info->has_journal = (g_stat (journal, &jst) == 0 && jst.st_size > 0) ||
                          (g_stat (wal, &jst) == 0 && jst.st_size > 0);
      info->checked = FALSE;
    }

  return TRUE;
}

gboolean
_tl_store_check_database (sqlite3     *db,
                          const char  *display_name,
                          int          version,
                          gboolean     quick_check,
                          GError     **error)
{
  g_autoptr(GHashTable) tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char * const *expected;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);

  /* Reading the schema parses every CREATE statement: a damaged schema
   * shows here. */
  rc = sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (stmt, 0);

      if (name != NULL)
        g_hash_table_add (tables, g_strdup (name));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _tl_store_set_sqlite_error (error, db, rc, display_name);
      return FALSE;
    }

  expected = tl_schema_tables (version);
  for (guint i = 0; expected != NULL && expected[i] != NULL; i++)
    {
      if (!g_hash_table_contains (tables, expected[i]))
        {
          g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_CORRUPT,
                       _("“%s” is damaged: its table “%s” is missing. Open a backup copy of it instead."),
                       display_name, expected[i]);
          return FALSE;
        }
    }

  if (!quick_check)
    return TRUE;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check (1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *result = (const char *)sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (result, "ok") != 0)
        {
          g_autofree char *detail = _tl_sqlite_column_text (stmt, 0);

          g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_CORRUPT,
                       _("“%s” is damaged and cannot be used safely (%s). Open a backup copy of it instead."),
                       display_name, detail ? detail : "?");
          sqlite3_finalize (stmt);
          return FALSE;
        }
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

gboolean
_tl_store_preflight (const char  *path,
                     const char  *display_name,
                     TlFileInfo  *info,
                     GError     **error)
{
  TlFileInfo local = { 0, };
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);

  if (info == NULL)
    info = &local;

  if (!check_header (path, display_name, info, error))
    return FALSE;

  /* With a journal next to it the file may be mid-transaction, and read
   * as it is it may well look damaged: SQLite rolls the transaction back
   * when it opens the file for writing, and only then is it worth
   * checking (info->checked stays FALSE). */
  if (info->has_journal)
    return TRUE;

  db = _tl_sqlite_open (path, "immutable=1", SQLITE_OPEN_READONLY, display_name, error);
  if (db == NULL)
    return FALSE;

  ok = _tl_store_check_database (db, display_name, info->version, TRUE, error);
  sqlite3_close (db);

  info->checked = ok;
  return ok;
}

/* ---- tl_store_validate ---------------------------------------------- */

typedef struct
{
  sqlite3    *db;
  const char *display_name;
  GPtrArray  *problems;
  GError     *error;          /* the first problem */
  int         rc;             /* the first SQLite failure */
} Validation;

G_GNUC_PRINTF (3, 4)
static void
add_problem (Validation *v,
             int         code,
             const char *format,
             ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (v->error == NULL)
    v->error = g_error_new_literal (TL_STORE_ERROR, code, message);
  g_ptr_array_add (v->problems, message);
}

static void
add_error (Validation *v,
           GError     *error)
{
  g_ptr_array_add (v->problems, g_strdup (error->message));
  if (v->error == NULL)
    v->error = error;
  else
    g_error_free (error);
}

typedef void (*RowFunc) (Validation   *v,
                         sqlite3_stmt *stmt,
                         gpointer      data);

/* Runs @sql and calls @func for every row; FALSE on an SQLite failure,
 * which is then a problem of its own. */
static gboolean
query (Validation *v,
       const char *sql,
       RowFunc     func,
       gpointer    data)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (v->db, sql, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      func (v, stmt, data);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      GError *error = NULL;

      _tl_store_set_sqlite_error (&error, v->db, rc, v->display_name);
      add_error (v, error);
      v->rc = rc;
      return FALSE;
    }

  return TRUE;
}

static void
integrity_row (Validation   *v,
               sqlite3_stmt *stmt,
               gpointer      data)
{
  g_autofree char *text = _tl_sqlite_column_text (stmt, 0);
  gboolean *sound = data;

  if (g_strcmp0 (text, "ok") == 0)
    return;

  *sound = FALSE;
  add_problem (v, TL_STORE_ERROR_CORRUPT,
               _("“%s” is damaged (%s). Open a backup copy of it instead."),
               v->display_name, text ? text : "?");
}

static void
count_row (Validation   *v,
           sqlite3_stmt *stmt,
           gpointer      data)
{
  *(gint64 *)data += 1;
}

static void
int_row (Validation   *v,
         sqlite3_stmt *stmt,
         gpointer      data)
{
  *(gint64 *)data = sqlite3_column_int64 (stmt, 0);
}

/* Each kind of dangling reference, with a sentence for it.  The columns
 * of @sql are the %s of @message, in order. */
typedef struct
{
  const char *sql;
  const char *message;
  int         n_args;
} Dangling;

static const Dangling dangling[] = {
  { "SELECT loop_id, station_id FROM loop_station AS ls"
    " WHERE NOT EXISTS (SELECT 1 FROM station WHERE id = ls.station_id) ORDER BY loop_id, seq",
    N_("Loop “%s” goes through station “%s”, which does not exist."), 2 },
  { "SELECT DISTINCT loop_id FROM loop_station AS ls"
    " WHERE NOT EXISTS (SELECT 1 FROM loop WHERE id = ls.loop_id) ORDER BY loop_id",
    N_("Stations are listed for loop “%s”, which does not exist."), 1 },
  { "SELECT layer_id, type_id FROM cell AS c"
    " WHERE NOT EXISTS (SELECT 1 FROM layer WHERE id = c.layer_id)"
    "    OR NOT EXISTS (SELECT 1 FROM exp_type WHERE id = c.type_id) ORDER BY layer_id, type_id",
    N_("The matrix has a cell for layer “%s” and experience type “%s”, but that layer or type does not exist."), 2 },
  { "SELECT feedback_id, station_id FROM feedback_station AS l"
    " WHERE NOT EXISTS (SELECT 1 FROM station WHERE id = l.station_id) ORDER BY 1, 2",
    N_("Feedback %s is linked to station “%s”, which does not exist."), 2 },
  { "SELECT feedback_id, loop_id FROM feedback_loop AS l"
    " WHERE NOT EXISTS (SELECT 1 FROM loop WHERE id = l.loop_id) ORDER BY 1, 2",
    N_("Feedback %s is linked to loop “%s”, which does not exist."), 2 },
  { "SELECT feedback_id, layer_id || '/' || type_id FROM feedback_cell AS l"
    " WHERE NOT EXISTS (SELECT 1 FROM cell WHERE layer_id = l.layer_id AND type_id = l.type_id) ORDER BY 1, 2",
    N_("Feedback %s is linked to matrix cell “%s”, which does not exist."), 2 },
  { "SELECT DISTINCT feedback_id FROM ("
    "   SELECT feedback_id FROM feedback_station UNION ALL"
    "   SELECT feedback_id FROM feedback_loop UNION ALL"
    "   SELECT feedback_id FROM feedback_cell) AS l"
    " WHERE NOT EXISTS (SELECT 1 FROM feedback WHERE id = l.feedback_id) ORDER BY 1",
    N_("A link refers to feedback %s, which does not exist."), 1 },
};

/* A file with thousands of broken links needs no thousand sentences. */
#define MAX_PER_KIND 20

typedef struct
{
  const Dangling *kind;
  guint           n;
} DanglingState;

static void
dangling_row (Validation   *v,
              sqlite3_stmt *stmt,
              gpointer      data)
{
  DanglingState *state = data;
  g_autofree char *a = _tl_sqlite_column_text (stmt, 0);
  g_autofree char *b = state->kind->n_args > 1 ? _tl_sqlite_column_text (stmt, 1) : NULL;

  if (state->n++ >= MAX_PER_KIND)
    return;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  add_problem (v, TL_STORE_ERROR_CORRUPT, _(state->kind->message),
               a ? a : "", b ? b : "");
#pragma GCC diagnostic pop
}

/* After the first MAX_PER_KIND problems of a kind, one sentence for the
 * rest. */
static void
add_more_problems (Validation          *v,
                   const DanglingState *state)
{
  if (state->n <= MAX_PER_KIND)
    return;

  add_problem (v, TL_STORE_ERROR_CORRUPT,
               g_dngettext (GETTEXT_PACKAGE,
                            "… and %u more like the one before.",
                            "… and %u more like the one before.",
                            state->n - MAX_PER_KIND),
               state->n - MAX_PER_KIND);
}

static void
short_loop_row (Validation   *v,
                sqlite3_stmt *stmt,
                gpointer      data)
{
  g_autofree char *id = _tl_sqlite_column_text (stmt, 0);

  add_problem (v, TL_STORE_ERROR_CORRUPT,
               _("Loop “%s” has fewer than two stations: add a station or delete the loop."),
               id ? id : "");
}

static void
missing_cell_row (Validation   *v,
                  sqlite3_stmt *stmt,
                  gpointer      data)
{
  g_autofree char *layer = _tl_sqlite_column_text (stmt, 0);
  g_autofree char *type = _tl_sqlite_column_text (stmt, 1);
  DanglingState *state = data;

  if (state->n++ >= MAX_PER_KIND)
    return;

  add_problem (v, TL_STORE_ERROR_CORRUPT,
               _("The experience matrix has no cell for layer “%s” and experience type “%s”."),
               layer ? layer : "", type ? type : "");
}

static void
score_row (Validation   *v,
           sqlite3_stmt *stmt,
           gpointer      data)
{
  g_autofree char *id = _tl_sqlite_column_text (stmt, 0);
  guint scale = GPOINTER_TO_UINT (data);

  add_problem (v, TL_STORE_ERROR_CORRUPT,
               _("Cell “%s” has a score outside the document’s scale of 1–%u."),
               id ? id : "", scale);
}

static void
meta_row (Validation   *v,
          sqlite3_stmt *stmt,
          gpointer      data)
{
  GHashTable *meta = data;
  char *key = _tl_sqlite_column_text (stmt, 0);

  if (key != NULL)
    g_hash_table_insert (meta, key, _tl_sqlite_column_text (stmt, 1));
}

static void
validate_content (Validation *v,
                  int         version)
{
  g_autoptr(GHashTable) meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gint64 n_fk = 0, n_bad = 0;
  const char *value;
  guint scale = 0;
  guint before;
  g_autofree char *sql = NULL;

  /* References.  foreign_key_check finds any of them; the queries after
   * it name each in words. */
  if (!query (v, "PRAGMA foreign_key_check", count_row, &n_fk))
    return;

  before = v->problems->len;
  if (n_fk > 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (dangling); i++)
        {
          DanglingState state = { &dangling[i], 0 };

          if (!query (v, dangling[i].sql, dangling_row, &state))
            return;
          add_more_problems (v, &state);
        }

      if (v->problems->len == before)
        add_problem (v, TL_STORE_ERROR_CORRUPT,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "%s refers %u time to something that does not exist.",
                                  "%s refers %u times to things that do not exist.",
                                  (gulong)n_fk),
                     v->display_name, (guint)n_fk);
    }

  if (!query (v,
              "SELECT l.id FROM loop AS l"
              " WHERE (SELECT count(*) FROM loop_station WHERE loop_id = l.id) < 2"
              " ORDER BY l.position, l.id",
              short_loop_row, NULL))
    return;

  {
    DanglingState state = { NULL, 0 };

    if (!query (v,
                "SELECT l.id, t.id FROM layer AS l, exp_type AS t"
                " WHERE NOT EXISTS (SELECT 1 FROM cell WHERE layer_id = l.id AND type_id = t.id)"
                " ORDER BY l.position, t.position",
                missing_cell_row, &state))
      return;
    add_more_problems (v, &state);
  }

  /* The document's own settings */
  if (!query (v, "SELECT key, value FROM meta", meta_row, meta))
    return;

  value = g_hash_table_lookup (meta, "score_scale");
  if (value != NULL)
    {
      guint64 parsed = 0;

      if (g_ascii_string_to_unsigned (value, 10, 5, 10, &parsed, NULL) &&
          (parsed == 5 || parsed == 7 || parsed == 10))
        scale = parsed;
      else
        add_problem (v, TL_STORE_ERROR_CORRUPT,
                     _("The score scale “%s” is not one of 5, 7 or 10."),
                     value);
    }
  else
    scale = 5;

  value = g_hash_table_lookup (meta, "language");
  if (value != NULL &&
      g_strcmp0 (value, "en") != 0 &&
      g_strcmp0 (value, "zh_CN") != 0 &&
      g_strcmp0 (value, "zh_TW") != 0)
    add_problem (v, TL_STORE_ERROR_CORRUPT,
                 _("The document language “%s” is not one of en, zh_CN or zh_TW."),
                 value);

  if (scale != 0)
    {
      sql = g_strdup_printf ("SELECT layer_id || '/' || type_id FROM cell"
                             " WHERE current NOT BETWEEN 1 AND %u OR target NOT BETWEEN 1 AND %u"
                             " ORDER BY layer_id, type_id",
                             scale, scale);
      if (!query (v, sql, score_row, GUINT_TO_POINTER (scale)))
        return;
      g_clear_pointer (&sql, g_free);

      sql = g_strdup_printf ("SELECT count(*) FROM feedback WHERE rating < 0 OR rating > %u", scale);
      if (!query (v, sql, int_row, &n_bad))
        return;
      if (n_bad > 0)
        add_problem (v, TL_STORE_ERROR_CORRUPT,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "%u feedback item has a rating outside the document’s scale of 1–%u.",
                                  "%u feedback items have a rating outside the document’s scale of 1–%u.",
                                  (gulong)n_bad),
                     (guint)n_bad, scale);
    }

  /* The search indexes: one entry per feedback item. */
  for (int index = 0; index < (version >= 3 ? 2 : version >= 2 ? 1 : 0); index++)
    {
      gint64 n_items = 0, n_indexed = 0;

      if (!query (v, "SELECT count(*) FROM feedback", int_row, &n_items) ||
          !query (v, index == 0 ? "SELECT count(*) FROM feedback_fts_docsize"
                                : "SELECT count(*) FROM feedback_gram_docsize",
                  int_row, &n_indexed))
        return;
      if (n_items != n_indexed)
        {
          g_autofree char *indexed = g_strdup_printf ("%" G_GINT64_FORMAT, n_indexed);
          g_autofree char *items = g_strdup_printf ("%" G_GINT64_FORMAT, n_items);

          add_problem (v, TL_STORE_ERROR_CORRUPT,
                       _("The search index of “%s” covers %s of %s feedback items; opening the document in Touchloop rebuilds it."),
                       v->display_name, indexed, items);
        }
    }
}

gboolean
tl_store_validate (const char  *path,
                   GPtrArray  **problems,
                   GError     **error)
{
  g_autofree char *display_name = NULL;
  g_autoptr(GPtrArray) list = NULL;
  Validation v = { 0, };
  TlFileInfo info = { 0, };
  GError *local_error = NULL;
  gboolean sound = TRUE;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display_name = g_filename_display_basename (path);
  list = g_ptr_array_new_with_free_func (g_free);

  v.display_name = display_name;
  v.problems = list;

  if (!check_header (path, display_name, &info, &local_error))
    add_error (&v, local_error);
  else if ((v.db = _tl_sqlite_open (path, "immutable=1", SQLITE_OPEN_READONLY, display_name, &local_error)) == NULL)
    add_error (&v, local_error);
  else if (!_tl_store_check_database (v.db, display_name, info.version, FALSE, &local_error))
    add_error (&v, local_error);
  else
    {
      /* The full check, indexes included.  Past a damaged b-tree, the
       * queries below would only report the damage again. */
      if (query (&v, "PRAGMA integrity_check (20)", integrity_row, &sound) && sound)
        validate_content (&v, info.version);
    }

  g_clear_pointer (&v.db, sqlite3_close);

  if (problems != NULL)
    *problems = g_steal_pointer (&list);

  if (v.error != NULL)
    {
      g_propagate_error (error, v.error);
      return FALSE;
    }

  return TRUE;
}
