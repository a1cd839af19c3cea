/* tl-sqlite-functions.c: what every Touchloop connection registers
 *
 * - The FTS5 tokenizer "tl_gram" of the feedback_gram index: every
 *   character and every pair of adjacent characters of a text, Latin
 *   letters (any script with case) lower-cased, so that queries of one or
 *   two characters, which the trigram index cannot answer, are one token.
 *   Lucene's CJK analyzer does the same with pairs.  A query (FTS5 tokenizes
 *   queries too) of one character is its single token; of two, its pair.
 *   Everything is a token, white space and punctuation included: the
 *   search is for substrings, not words.
 * - tl_fingerprint (text, date, source, respondent), for the migration to
 *   format 3 (tl_feedback_fingerprint()).
 * - tl_has_tag (tags, tag): whether @tag is one of @tags (split at , ; ，
 *   ； 、, trimmed, Latin letters folded).
 * - tl_in_set (set, id): whether @id is in the TlIdSet bound as a pointer
 *   (sqlite3_bind_pointer(), TL_ID_SET_POINTER_TYPE).
 * - tl_ids (set): the ids of such a set, ascending, as a table
 *   (SELECT value FROM tl_ids (?1)), for SQLite to look them up.
 *
 * The functions are SQLITE_DIRECTONLY: a file's own triggers and views
 * cannot call them, only our statements.  The tokenizer is needed by
 * anything that writes feedback (the triggers that keep feedback_gram):
 * another program without it gets "no such tokenizer" instead of leaving
 * the index behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-model.h"
#include "tl-store-private.h"

#define GRAM_TOKENIZER "tl_gram"

/* Any non-NULL pointer will do: the tokenizer has no state. */
static int
gram_create (void           *context,
             const char    **args,
             int             n_args,
             Fts5Tokenizer **out)
{
  static int dummy;

  *out = (Fts5Tokenizer *)&dummy;
  return SQLITE_OK;
}

static void
gram_delete (Fts5Tokenizer *tokenizer)
{
}

/* Decodes one character at @p (of @end - @p bytes); an invalid byte is a
 * character of its own (U+FFFD), so that damaged text still tokenizes the
 * same way every time.  Returns its length in bytes. */
static int
decode (const guchar *p,
        const guchar *end,
        gunichar     *c)
{
  gunichar u = g_utf8_get_char_validated ((const char *)p, end - p);

  if (u == (gunichar)-1 || u == (gunichar)-2)
    {
      *c = 0xfffd;
      return 1;
    }
  *c = u;
  return g_utf8_skip[*p];
}

/* The folding the search applies to texts and queries alike; exported for
 * the brute-force tests through _tl_sqlite_fold(). */
static inline gunichar
fold (gunichar c)
{
  return c < 0x80 ? (gunichar)g_ascii_tolower (c) : g_unichar_tolower (c);
}

typedef int (*TokenFunc) (void       *context,
                          int         flags,
                          const char *token,
                          int         n_token,
                          int         start,
                          int         end);

static int
gram_tokenize (Fts5Tokenizer *tokenizer,
               void          *context,
               int            flags,
               const char    *text,
               int            n_text,
               TokenFunc      token)
{
  const guchar *p = (const guchar *)text;
  const guchar *end = p + (n_text > 0 ? n_text : 0);
  gboolean query = (flags & FTS5_TOKENIZE_QUERY) != 0;
  char prev[6], cur[6];
  int prev_len = 0, prev_start = 0;
  gboolean single = FALSE;
  int rc = SQLITE_OK;

  /* A query of exactly one character is that character; any longer one
   * is its pairs (only one- and two-character queries come here). */
  if (query && p < end)
    {
      gunichar c;
      int n = decode (p, end, &c);

      single = p + n >= end;
    }

  while (p < end && rc == SQLITE_OK)
    {
      gunichar c;
      int start = p - (const guchar *)text;
      int n = decode (p, end, &c);
      int cur_len = g_unichar_to_utf8 (fold (c), cur);

      p += n;

      if (!query || single)
        rc = token (context, 0, cur, cur_len, start, start + n);

      if (rc == SQLITE_OK && prev_len > 0)
        {
          char pair[12];

          memcpy (pair, prev, prev_len);
          memcpy (pair + prev_len, cur, cur_len);
          rc = token (context, 0, pair, prev_len + cur_len, prev_start, start + n);
        }

      memcpy (prev, cur, cur_len);
      prev_len = cur_len;
      prev_start = start;
    }

  return rc;
}

static gboolean
register_tokenizer (sqlite3     *db,
                    const char  *display_name,
                    GError     **error)
{
  static fts5_tokenizer tokenizer = { gram_create, gram_delete, gram_tokenize };
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT fts5 (?1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
      rc = sqlite3_step (stmt);
      rc = rc == SQLITE_ROW ? SQLITE_OK : rc;
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_OK && api == NULL)
    rc = SQLITE_ERROR;
  if (rc == SQLITE_OK)
    rc = api->xCreateTokenizer (api, GRAM_TOKENIZER, NULL, &tokenizer, NULL);

  if (rc != SQLITE_OK)
    {
      _tl_store_set_sqlite_error (error, db, rc, display_name);
      return FALSE;
    }
  return TRUE;
}

static const char *
value_text (sqlite3_value *value)
{
  return sqlite3_value_type (value) == SQLITE_NULL ? NULL : (const char *)sqlite3_value_text (value);
}

static void
fingerprint_func (sqlite3_context  *context,
                  int               n_args,
                  sqlite3_value   **args)
{
  g_autofree char *text = NULL;
  const char *raw = value_text (args[0]);

  /* Files are untrusted: the hash sees valid UTF-8, as
   * tl_feedback_fingerprint() does when the importer calls it. */
  if (raw != NULL && !g_utf8_validate (raw, -1, NULL))
    raw = text = g_utf8_make_valid (raw, -1);

  sqlite3_result_int64 (context,
                        tl_feedback_fingerprint (raw,
                                                 value_text (args[1]),
                                                 value_text (args[2]),
                                                 value_text (args[3])));
}

static void
in_set_func (sqlite3_context  *context,
             int               n_args,
             sqlite3_value   **args)
{
  const TlIdSet *set = sqlite3_value_pointer (args[0], TL_ID_SET_POINTER_TYPE);

  sqlite3_result_int (context, set != NULL && _tl_id_set_contains (set, sqlite3_value_int64 (args[1])));
}

static gboolean
is_tag_separator (gunichar c)
{
  return c == ',' || c == ';' || c == 0xff0c /* ， */ || c == 0xff1b /* ； */ || c == 0x3001 /* 、 */;
}

static void
has_tag_func (sqlite3_context  *context,
              int               n_args,
              sqlite3_value   **args)
{
  const char *tags = value_text (args[0]);
  const char *tag = value_text (args[1]);
  g_autofree char *folded_tags = NULL;
  g_autofree char *folded_tag = NULL;
  const char *start;

  if (tags == NULL || tag == NULL ||
      !g_utf8_validate (tags, -1, NULL) || !g_utf8_validate (tag, -1, NULL))
    {
      sqlite3_result_int (context, 0);
      return;
    }

  folded_tag = g_strstrip (_tl_sqlite_fold (tag));
  folded_tags = _tl_sqlite_fold (tags);
  if (*folded_tag == '\0')
    {
      sqlite3_result_int (context, 0);
      return;
    }

  start = folded_tags;
  for (const char *p = folded_tags;; p = g_utf8_next_char (p))
    {
      if (*p == '\0' || is_tag_separator (g_utf8_get_char (p)))
        {
          g_autofree char *one = g_strstrip (g_strndup (start, p - start));

          if (strcmp (one, folded_tag) == 0)
            {
              sqlite3_result_int (context, 1);
              return;
            }
          if (*p == '\0')
            break;
          start = g_utf8_next_char (p);
        }
    }

  sqlite3_result_int (context, 0);
}

/* ---- tl_ids: a TlIdSet as a table ------------------------------------- */

typedef struct
{
  sqlite3_vtab_cursor  base;
  const TlIdSet       *set;
  guint                i;
} IdsCursor;

static int
ids_connect (sqlite3             *db,
             void                *aux,
             int                  argc,
             const char * const  *argv,
             sqlite3_vtab       **vtab,
             char               **error)
{
  int rc = sqlite3_declare_vtab (db, "CREATE TABLE x (value INTEGER, ptr HIDDEN)");

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_vtab_config (db, SQLITE_VTAB_DIRECTONLY);
  *vtab = sqlite3_malloc (sizeof (sqlite3_vtab));
  if (*vtab == NULL)
    return SQLITE_NOMEM;
  memset (*vtab, 0, sizeof (sqlite3_vtab));
  return SQLITE_OK;
}

static int
ids_disconnect (sqlite3_vtab *vtab)
{
  sqlite3_free (vtab);
  return SQLITE_OK;
}

static int
ids_best_index (sqlite3_vtab       *vtab,
                sqlite3_index_info *info)
{
  for (int i = 0; i < info->nConstraint; i++)
    if (info->aConstraint[i].iColumn == 1 &&
        info->aConstraint[i].op == SQLITE_INDEX_CONSTRAINT_EQ &&
        info->aConstraint[i].usable)
      {
        info->aConstraintUsage[i].argvIndex = 1;
        info->aConstraintUsage[i].omit = 1;
        info->idxNum = 1;
        info->estimatedCost = 10;
        info->estimatedRows = 100;
        info->orderByConsumed = info->nOrderBy == 1 && info->aOrderBy[0].iColumn == 0 && !info->aOrderBy[0].desc;
        return SQLITE_OK;
      }

  /* Without its set it is no table at all */
  return SQLITE_CONSTRAINT;
}

static int
ids_open (sqlite3_vtab         *vtab,
          sqlite3_vtab_cursor **cursor)
{
  IdsCursor *c = sqlite3_malloc (sizeof (IdsCursor));

  if (c == NULL)
    return SQLITE_NOMEM;
  memset (c, 0, sizeof *c);
  *cursor = &c->base;
  return SQLITE_OK;
}

static int
ids_close (sqlite3_vtab_cursor *cursor)
{
  sqlite3_free (cursor);
  return SQLITE_OK;
}

static int
ids_filter (sqlite3_vtab_cursor  *cursor,
            int                   idx_num,
            const char           *idx_str,
            int                   argc,
            sqlite3_value       **argv)
{
  IdsCursor *c = (IdsCursor *)cursor;

  c->set = idx_num == 1 && argc > 0 ? sqlite3_value_pointer (argv[0], TL_ID_SET_POINTER_TYPE) : NULL;
  c->i = 0;
  return SQLITE_OK;
}

static int
ids_next (sqlite3_vtab_cursor *cursor)
{
  ((IdsCursor *)cursor)->i++;
  return SQLITE_OK;
}

static int
ids_eof (sqlite3_vtab_cursor *cursor)
{
  IdsCursor *c = (IdsCursor *)cursor;

  return c->set == NULL || c->i >= c->set->sorted->len;
}

static int
ids_column (sqlite3_vtab_cursor *cursor,
            sqlite3_context     *context,
            int                  column)
{
  IdsCursor *c = (IdsCursor *)cursor;

  if (column == 0)
    sqlite3_result_int64 (context, g_array_index (c->set->sorted, gint64, c->i));
  else
    sqlite3_result_null (context);
  return SQLITE_OK;
}

static int
ids_rowid (sqlite3_vtab_cursor *cursor,
           sqlite_int64        *rowid)
{
  IdsCursor *c = (IdsCursor *)cursor;

  *rowid = g_array_index (c->set->sorted, gint64, c->i);
  return SQLITE_OK;
}

static sqlite3_module ids_module = {
  .iVersion = 0,
  .xCreate = NULL,      /* eponymous only */
  .xConnect = ids_connect,
  .xBestIndex = ids_best_index,
  .xDisconnect = ids_disconnect,
  .xDestroy = ids_disconnect,
  .xOpen = ids_open,
  .xClose = ids_close,
  .xFilter = ids_filter,
  .xNext = ids_next,
  .xEof = ids_eof,
  .xColumn = ids_column,
  .xRowid = ids_rowid,
};

gboolean
_tl_sqlite_register (sqlite3     *db,
                     const char  *display_name,
                     GError     **error)
{
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);

  if (!register_tokenizer (db, display_name, error))
    return FALSE;

  rc = sqlite3_create_function_v2 (db, "tl_fingerprint", 4,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                                   NULL, fingerprint_func, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (db, "tl_has_tag", 2,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                                     NULL, has_tag_func, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (db, "tl_in_set", 2,
                                     SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                     NULL, in_set_func, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_module_v2 (db, "tl_ids", &ids_module, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _tl_store_set_sqlite_error (error, db, rc, display_name);
      return FALSE;
    }

  return TRUE;
}

char *
_tl_sqlite_fold (const char *text)
{
  GString *s;

  g_return_val_if_fail (text != NULL, NULL);

  s = g_string_sized_new (strlen (text));
  for (const guchar *p = (const guchar *)text, *end = p + strlen (text); p < end;)
    {
      gunichar c;

      p += decode (p, end, &c);
      g_string_append_unichar (s, fold (c));
    }
  return g_string_free (s, FALSE);
}
