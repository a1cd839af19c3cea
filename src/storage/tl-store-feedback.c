/* tl-store-feedback.c: feedback items, their links and images
 *
 * Part of TlStore (tl-store.c has the object, the document and the
 * transactions).  Every change keeps the evidence aggregates current in
 * the same transaction (tl-store-evidence.c): an item's contribution is
 * taken away from the aggregates it counted towards before the change and
 * added to those it counts towards after, computed from the item's links
 * and facts, never by scanning.  Changes to many items at once recompute
 * the few aggregates they touch instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-store.h"
#include "tl-store-private.h"

/* Above this many items, a change recomputes the aggregates it touches
 * rather than following each item. */
#define BULK_ITEMS 2000

static const char sql_feedback_insert[] =
  "INSERT INTO feedback (id, text, source, date, stage, rating, respondent, tags,"
  " phase, rating_original, fingerprint, text_chars)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
  " ON CONFLICT (fingerprint) DO NOTHING";
/* New rows are indexed here, not by a trigger (tl-schema.c says why) */
static const char sql_fts_insert[] = "INSERT INTO feedback_fts (rowid, text) VALUES (?1, ?2)";
static const char sql_gram_insert[] = "INSERT INTO feedback_gram (rowid, text) VALUES (?1, ?2)";
static const char sql_feedback_by_fingerprint[] = "SELECT id FROM feedback WHERE fingerprint = ?1";
static const char sql_feedback_exists[] = "SELECT 1 FROM feedback WHERE id = ?1";
static const char sql_feedback_delete[] = "DELETE FROM feedback WHERE id = ?1";
static const char sql_feedback_delete_range[] = "DELETE FROM feedback WHERE id BETWEEN ?1 AND ?2";
static const char sql_feedback_get[] =
  "SELECT text, source, date, stage, rating, respondent, tags, phase, rating_original, n_images"
  " FROM feedback WHERE id = ?1";
static const char sql_feedback_facts[] =
  "SELECT rating, date, text_chars, n_images, stage FROM feedback WHERE id = ?1";
static const char sql_feedback_links[] =
  "SELECT 'station:' || station_id FROM feedback_station WHERE feedback_id = ?1"
  " UNION ALL SELECT 'loop:' || loop_id FROM feedback_loop WHERE feedback_id = ?1"
  " UNION ALL SELECT 'cell:' || layer_id || '/' || type_id FROM feedback_cell WHERE feedback_id = ?1";
static const char sql_feedback_count[] = "SELECT count(*) FROM feedback";
static const char sql_feedback_max_id[] = "SELECT max (id) FROM feedback";
static const char sql_meta_get[] = "SELECT value FROM meta WHERE key = ?1";
static const char sql_meta_set[] =
  "INSERT INTO meta (key, value) VALUES (?1, ?2)"
  " ON CONFLICT (key) DO UPDATE SET value = excluded.value";

/* A link is only made to an item known to exist (a foreign key failure
 * is not something OR IGNORE ignores); one row of VALUES, not INSERT …
 * SELECT, which would need a statement journal (tl-schema.c). */
static const char sql_link_station[] =
  "INSERT OR IGNORE INTO feedback_station (feedback_id, station_id) VALUES (?1, ?2)";
static const char sql_link_loop[] =
  "INSERT OR IGNORE INTO feedback_loop (feedback_id, loop_id) VALUES (?1, ?2)";
static const char sql_link_cell[] =
  "INSERT OR IGNORE INTO feedback_cell (feedback_id, layer_id, type_id) VALUES (?1, ?2, ?3)";
static const char sql_unlink_station[] =
  "DELETE FROM feedback_station WHERE feedback_id = ?1 AND station_id = ?2";
static const char sql_unlink_loop[] =
  "DELETE FROM feedback_loop WHERE feedback_id = ?1 AND loop_id = ?2";
static const char sql_unlink_cell[] =
  "DELETE FROM feedback_cell WHERE feedback_id = ?1 AND layer_id = ?2 AND type_id = ?3";

static const char sql_image_insert[] =
  "INSERT INTO feedback_image (id, feedback_id, mime, width, height, data)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_image_list[] =
  "SELECT id, feedback_id, mime, width, height, length (data) FROM feedback_image"
  " WHERE feedback_id = ?1 ORDER BY id";
static const char sql_image_get[] =
  "SELECT id, feedback_id, mime, width, height, length (data), data FROM feedback_image WHERE id = ?1";
static const char sql_image_owner[] = "SELECT feedback_id FROM feedback_image WHERE id = ?1";
static const char sql_image_exists[] = "SELECT 1 FROM feedback_image WHERE id = ?1";
static const char sql_image_delete[] = "DELETE FROM feedback_image WHERE id = ?1";

/* ---- small helpers ---------------------------------------------------- */

static gboolean
step_row (TlStore       *self,
          sqlite3_stmt  *stmt,
          gboolean      *row,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      _tl_store_set_error (self, rc, error);
      return FALSE;
    }
  *row = rc == SQLITE_ROW;
  return TRUE;
}

static gint64
count (TlStore    *self,
       const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  if (!(stmt = _tl_store_statement (self, sql, NULL)))
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

gint64
tl_store_count_feedback (TlStore *self)
{
  g_return_val_if_fail (TL_IS_STORE (self), -1);
  return count (self, sql_feedback_count);
}

gint64
tl_store_count_linked_feedback (TlStore *self)
{
  TlEvidence e;

  g_return_val_if_fail (TL_IS_STORE (self), -1);

  /* Kept with the evidence ("linked:"): a union of the link tables took
   * half a second at a million items */
  if (self->db == NULL)
    return -1;
  _tl_store_evidence_get (self, "linked:", &e, NULL);
  return e.count;
}

static gboolean
feedback_exists (TlStore  *self,
                 gint64    id,
                 gboolean *exists,
                 GError  **error)
{
  sqlite3_stmt *stmt = _tl_store_statement (self, sql_feedback_exists, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_row (self, stmt, exists, error))
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

static void
set_not_found (GError **error,
               gint64   id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_NOT_FOUND,
               _("Feedback item %s does not exist any more. Refresh the list, then try again."),
               number);
}

/* A change that turned out to change nothing: no commit to announce. */
static gboolean
feedback_end_unchanged (TlStore *self)
{
  if (!self->in_transaction && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return TRUE;
}

/* ---- ids ---------------------------------------------------------------- */

gboolean
_tl_store_load_next_id (TlStore  *self,
                        GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 next = 1;
  gboolean row;

  if (!(stmt = _tl_store_statement (self, sql_feedback_max_id, error)) ||
      !step_row (self, stmt, &row, error))
    return FALSE;
  if (row && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    next = sqlite3_column_int64 (stmt, 0) + 1;
  sqlite3_reset (stmt);

  if (!(stmt = _tl_store_statement (self, sql_meta_get, error)))
    return FALSE;
  _tl_store_bind_text (stmt, 1, "feedback_next_id");
  if (!step_row (self, stmt, &row, error))
    return FALSE;
  if (row && sqlite3_column_type (stmt, 0) == SQLITE_INTEGER)
    next = MAX (next, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);

  self->next_feedback_id = MAX (next, 1);
  self->flushed_next_id = self->next_feedback_id;
  return TRUE;
}

gboolean
_tl_store_flush_next_id (TlStore  *self,
                         GError  **error)
{
  sqlite3_stmt *stmt;

  if (self->read_only || self->flushed_next_id == self->next_feedback_id)
    return TRUE;
  if (!(stmt = _tl_store_statement (self, sql_meta_set, error)))
    return FALSE;
  _tl_store_bind_text (stmt, 1, "feedback_next_id");
  sqlite3_bind_int64 (stmt, 2, self->next_feedback_id);
  if (!_tl_store_run (self, stmt, error))
    return FALSE;
  self->flushed_next_id = self->next_feedback_id;
  return TRUE;
}

/* ---- links ---------------------------------------------------------------- */

typedef enum {
  LINK_STATION,
  LINK_LOOP,
  LINK_CELL,
} LinkKind;

typedef struct
{
  LinkKind  kind;
  char     *id;       /* station or loop id, or the cell's layer */
  char     *type;     /* the cell's type */
} Link;

static void
link_clear (Link *link)
{
  g_clear_pointer (&link->id, g_free);
  g_clear_pointer (&link->type, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Link, link_clear)

static gboolean
parse_link (const char  *text,
            Link        *link,
            GError     **error)
{
  memset (link, 0, sizeof *link);

  if (text != NULL && g_str_has_prefix (text, "station:") && text[8] != '\0')
    {
      link->kind = LINK_STATION;
      link->id = g_strdup (text + 8);
      return TRUE;
    }

  if (text != NULL && g_str_has_prefix (text, "loop:") && text[5] != '\0')
    {
      link->kind = LINK_LOOP;
      link->id = g_strdup (text + 5);
      return TRUE;
    }

  if (text != NULL && g_str_has_prefix (text, "cell:") && tl_cell_id_parse (text + 5, &link->id, &link->type))
    {
      link->kind = LINK_CELL;
      return TRUE;
    }

  g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID,
               _("“%s” is not a link Touchloop understands: feedback links to station:ID, loop:ID or cell:LAYER/TYPE."),
               text ? text : "");
  return FALSE;
}

gboolean
tl_feedback_target_is_valid (const char *target)
{
  Link link;
  gboolean ok = parse_link (target, &link, NULL);

  link_clear (&link);
  return ok;
}

/* Against the document, which the file follows: no query per link. */
static gboolean
check_link (TlStore     *self,
            const Link  *link,
            GError     **error)
{
  switch (link->kind)
    {
    case LINK_STATION:
      if (tl_document_lookup_station (self->document, link->id) != NULL)
        return TRUE;
      g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_NOT_FOUND,
                   _("The feedback cannot be linked to station “%s”: this document has no such station. Add the station first, or leave the link out."),
                   link->id);
      return FALSE;

    case LINK_LOOP:
      if (tl_document_lookup_loop (self->document, link->id) != NULL)
        return TRUE;
      g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_NOT_FOUND,
                   _("The feedback cannot be linked to loop “%s”: this document has no such loop. Add the loop first, or leave the link out."),
                   link->id);
      return FALSE;

    case LINK_CELL:
    default:
      if (tl_document_lookup_cell (self->document, link->id, link->type) != NULL)
        return TRUE;
      g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_NOT_FOUND,
                   _("The feedback cannot be linked to the matrix cell “%s/%s”: this document has no such layer or experience type. Add it first, or leave the link out."),
                   link->id, link->type);
      return FALSE;
    }
}

/* Binds @link (as ?2, ?3) to the link or unlink statement of its kind. */
static sqlite3_stmt *
link_statement (TlStore     *self,
                const Link  *link,
                gboolean     unlink,
                gint64       feedback_id,
                GError     **error)
{
  const char *sql;
  sqlite3_stmt *stmt;

  switch (link->kind)
    {
    case LINK_STATION:
      sql = unlink ? sql_unlink_station : sql_link_station;
      break;
    case LINK_LOOP:
      sql = unlink ? sql_unlink_loop : sql_link_loop;
      break;
    case LINK_CELL:
    default:
      sql = unlink ? sql_unlink_cell : sql_link_cell;
      break;
    }

  if (!(stmt = _tl_store_statement (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, feedback_id);
  _tl_store_bind_text (stmt, 2, link->id);
  if (link->kind == LINK_CELL)
    _tl_store_bind_text (stmt, 3, link->type);
  return stmt;
}

/* Runs the (un)link statement; *changed when a row came or went. */
static gboolean
write_link (TlStore     *self,
            const Link  *link,
            gboolean     unlink,
            gint64       feedback_id,
            gboolean    *changed,
            GError     **error)
{
  sqlite3_stmt *stmt = link_statement (self, link, unlink, feedback_id, error);

  if (stmt == NULL || !_tl_store_run (self, stmt, error))
    return FALSE;
  *changed = sqlite3_changes (self->db) > 0;
  return TRUE;
}

char **
_tl_store_read_links (TlStore  *self,
                      gint64    id,
                      GError  **error)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _tl_store_statement (self, sql_feedback_links, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *link = _tl_sqlite_column_text (stmt, 0);

      if (link != NULL)
        g_ptr_array_add (links, link);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _tl_store_set_error (self, rc, error);
      return NULL;
    }

  g_ptr_array_add (links, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&links), FALSE);
}

static void
add_key (GPtrArray  *keys,
         const char *key)
{
  for (guint i = 0; i < keys->len; i++)
    if (strcmp (g_ptr_array_index (keys, i), key) == 0)
      return;
  g_ptr_array_add (keys, g_strdup (key));
}

GPtrArray *
_tl_store_evidence_keys (TlStore            *self,
                         const char * const *links)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  GListModel *loops = tl_document_get_loops (self->document);
  guint n_loops = g_list_model_get_n_items (loops);

  add_key (keys, "document:");
  if (links != NULL && links[0] != NULL)
    add_key (keys, "linked:");

  for (guint i = 0; links != NULL && links[i] != NULL; i++)
    {
      add_key (keys, links[i]);

      /* A loop's evidence includes its stations' */
      if (g_str_has_prefix (links[i], "station:"))
        for (guint l = 0; l < n_loops; l++)
          {
            g_autoptr(TlLoop) loop = g_list_model_get_item (loops, l);

            if (tl_loop_contains (loop, links[i] + 8))
              {
                g_autofree char *key = g_strconcat ("loop:", tl_loop_get_id (loop), NULL);

                add_key (keys, key);
              }
          }
    }

  return keys;
}

static gboolean
key_in (GPtrArray  *keys,
        const char *key)
{
  for (guint i = 0; i < keys->len; i++)
    if (strcmp (g_ptr_array_index (keys, i), key) == 0)
      return TRUE;
  return FALSE;
}

/* @a without the keys of @b */
static GPtrArray *
keys_minus (GPtrArray *a,
            GPtrArray *b)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < a->len; i++)
    if (!key_in (b, g_ptr_array_index (a, i)))
      g_ptr_array_add (out, g_strdup (g_ptr_array_index (a, i)));
  return out;
}

/* The item with @facts went from @before to @after links: it leaves the
 * aggregates only the first count it in and joins those only the second
 * do. */
static void
evidence_relink (TlStore            *self,
                 const TlItemFacts  *facts,
                 const char * const *before,
                 const char * const *after)
{
  g_autoptr(GPtrArray) keys_before = _tl_store_evidence_keys (self, before);
  g_autoptr(GPtrArray) keys_after = _tl_store_evidence_keys (self, after);
  g_autoptr(GPtrArray) gone = keys_minus (keys_before, keys_after);
  g_autoptr(GPtrArray) came = keys_minus (keys_after, keys_before);

  if (gone->len > 0)
    _tl_store_evidence_apply (self, facts, gone, -1);
  if (came->len > 0)
    _tl_store_evidence_apply (self, facts, came, 1);
}

/* ---- facts ------------------------------------------------------------- */

static void
facts_from_row (sqlite3_stmt *stmt,
                int           first,
                TlItemFacts  *facts)
{
  const char *date = (const char *)sqlite3_column_text (stmt, first + 1);

  memset (facts, 0, sizeof *facts);
  facts->has_rating = sqlite3_column_type (stmt, first) != SQLITE_NULL;
  facts->rating = facts->has_rating ? sqlite3_column_double (stmt, first) : 0;
  facts->dated = tl_feedback_date_parse (date, &facts->day);
  facts->text_chars = MAX (sqlite3_column_int64 (stmt, first + 2), 0);
  facts->n_images = CLAMP (sqlite3_column_int64 (stmt, first + 3), 0, G_MAXUINT);
  facts->stage = '\0';
  {
    const char *stage = (const char *)sqlite3_column_text (stmt, first + 4);

    if (stage != NULL && stage[0] != '\0' && stage[1] == '\0' && tl_stage_is_valid (stage[0]))
      facts->stage = stage[0];
  }
}

gboolean
_tl_store_read_facts (TlStore      *self,
                      gint64        id,
                      TlItemFacts  *facts,
                      gboolean     *found,
                      GError      **error)
{
  sqlite3_stmt *stmt = _tl_store_statement (self, sql_feedback_facts, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_row (self, stmt, found, error))
    return FALSE;
  if (*found)
    facts_from_row (stmt, 0, facts);
  sqlite3_reset (stmt);
  return TRUE;
}

static void
facts_from_item (TlFeedbackItem *item,
                 TlItemFacts    *facts)
{
  const char *text = tl_feedback_item_get_text (item);

  memset (facts, 0, sizeof *facts);
  facts->has_rating = tl_feedback_item_has_rating (item);
  facts->rating = tl_feedback_item_get_rating (item);
  facts->dated = tl_feedback_date_parse (tl_feedback_item_get_date (item), &facts->day);
  facts->text_chars = text ? g_utf8_strlen (text, -1) : 0;
  facts->n_images = tl_feedback_item_get_n_images (item);
  facts->stage = tl_feedback_item_get_stage (item);
}

static gboolean
facts_equal (const TlItemFacts *a,
             const TlItemFacts *b)
{
  return a->has_rating == b->has_rating &&
         a->stage == b->stage &&
         (!a->has_rating || a->rating == b->rating) &&
         a->dated == b->dated &&
         (!a->dated || a->day == b->day) &&
         tl_evidence_engagement_for_length (a->text_chars, a->n_images > 0) ==
         tl_evidence_engagement_for_length (b->text_chars, b->n_images > 0);
}

/* An item whose day was at (or past) the reference date changed or went:
 * the reference may move. */
static gboolean
was_newest (TlStore           *self,
            const TlItemFacts *facts)
{
  double reference = _tl_store_evidence_get_reference (self);

  return facts->dated && (isnan (reference) || facts->day >= reference);
}

/* ---- checking values ----------------------------------------------------- */

static gboolean
check_values (TlFeedbackItem    *item,
              TlFeedbackFields   fields,
              GError           **error)
{
  char stage = tl_feedback_item_get_stage (item);
  const char *date = tl_feedback_item_get_date (item);
  const char *phase = tl_feedback_item_get_phase (item);

  if ((fields & TL_FEEDBACK_FIELD_STAGE) && stage != '\0' && !tl_stage_is_valid (stage))
    {
      g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID,
                   _("“%c” is not a customer stage: use A to F, or none."),
                   stage);
      return FALSE;
    }

  if ((fields & TL_FEEDBACK_FIELD_DATE) && date != NULL && !tl_feedback_date_parse (date, NULL))
    {
      g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID,
                   _("“%s” is not a date Touchloop understands: use YYYY-MM-DD, optionally with a time (YYYY-MM-DDTHH:MM)."),
                   date);
      return FALSE;
    }

  if ((fields & TL_FEEDBACK_FIELD_PHASE) && phase != NULL && !tl_feedback_phase_is_valid (phase))
    {
      g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID,
                   _("“%s” is not a channel phase: use awareness, evaluation, purchase, delivery or after-sales."),
                   phase);
      return FALSE;
    }

  if ((fields & TL_FEEDBACK_FIELD_RATING) && tl_feedback_item_has_rating (item) &&
      !isfinite (tl_feedback_item_get_rating (item)))
    {
      g_set_error_literal (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID,
                           _("A rating must be a number."));
      return FALSE;
    }

  return TRUE;
}

static const char *
stage_text (char  stage,
            char  buffer[2])
{
  if (stage == '\0')
    return NULL;
  buffer[0] = stage;
  buffer[1] = '\0';
  return buffer;
}

/* ---- adding ------------------------------------------------------------------ */

/* @date (valid: tl_feedback_date_parse()) as the importer writes dates,
 * "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS" with "Z" or "+HH:MM" if it had a
 * zone, so that an item typed as "2026-03-02 09:30", exported and
 * imported again has the same fingerprint.  Imported dates come back as
 * they are; NULL stays NULL. */
static const char *
fingerprint_date (const char *date,
                  char        buffer[40])
{
  const char *p;
  int second = 0;
  char zone[8] = "";

  if (date == NULL || strlen (date) <= 10 || strlen (date) >= 40)
    return date;
  /* YYYY-MM-DD, then T or space, HH:MM */
  p = date + 10;
  if ((*p != 'T' && *p != 't' && *p != ' ') ||
      !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]) || p[3] != ':' ||
      !g_ascii_isdigit (p[4]) || !g_ascii_isdigit (p[5]))
    return date;
  p += 6;
  if (p[0] == ':' && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]))
    {
      second = MIN ((p[1] - '0') * 10 + (p[2] - '0'), 59);
      p += 3;
      if (*p == '.' || *p == ',')
        for (p++; g_ascii_isdigit (*p); p++)
          ;
    }
  while (*p == ' ')
    p++;
  if (*p == 'Z' || *p == 'z')
    strcpy (zone, "Z");
  else if ((*p == '+' || *p == '-') && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]))
    {
      const char *m = p[3] == ':' ? p + 4 : p + 3;
      gboolean minutes = g_ascii_isdigit (m[0]) && g_ascii_isdigit (m[1]);

      g_snprintf (zone, sizeof zone, "%c%c%c:%c%c", p[0], p[1], p[2],
                  minutes ? m[0] : '0', minutes ? m[1] : '0');
    }
  else if (*p != '\0')
    return date;

  g_snprintf (buffer, 40, "%.10sT%c%c:%c%c:%02d%s", date, date[11], date[12],
              date[14], date[15], second, zone);
  return buffer;
}

gint64
tl_store_add_feedback_full (TlStore         *self,
                            TlFeedbackItem  *item,
                            TlAddFlags       flags,
                            gboolean        *out_duplicate,
                            GError         **error)
{
  g_autoptr(GArray) links = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  const char * const *texts;
  const char *text;
  sqlite3_stmt *stmt;
  char stage_buffer[2];
  TlItemFacts facts;
  gint64 id, fingerprint = 0;
  gboolean deferred, has_fingerprint = TRUE;
  char date_buffer[40];
  const char *date;

  g_return_val_if_fail (TL_IS_STORE (self), -1);
  g_return_val_if_fail (TL_IS_FEEDBACK_ITEM (item), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (out_duplicate != NULL)
    *out_duplicate = FALSE;

  if (!_tl_store_check_writable (self, error))
    return -1;

  /* Everything that can be checked without the file, first. */
  if (!check_values (item, TL_FEEDBACK_FIELD_ALL, error))
    return -1;

  links = g_array_new (FALSE, TRUE, sizeof (Link));
  g_array_set_clear_func (links, (GDestroyNotify)link_clear);
  texts = tl_feedback_item_get_links (item);
  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    {
      Link link;

      if (!parse_link (texts[i], &link, error))
        return -1;
      g_array_append_val (links, link);
      if (!check_link (self, &link, error))
        return -1;
    }

  id = self->next_feedback_id;
  if ((flags & TL_ADD_KEEP_ID) && tl_feedback_item_get_id (item) > 0)
    id = tl_feedback_item_get_id (item);

  text = tl_feedback_item_get_text (item) ? tl_feedback_item_get_text (item) : "";
  /* Every item gets its fingerprint, so that exporting and importing
   * items typed by hand finds them again.  The fingerprint is unique: an
   * item typed by hand that is the same as one already there goes
   * without (it is not refused), as the migration leaves identical rows. */
  date = tl_feedback_item_get_date (item);
  /* An imported row's fingerprint is of the date as given (the importer
   * writes it in its form; rows migrated from format 2 were hashed with
   * theirs); an item typed by hand, of the date in the importer's form */
  if (!(flags & TL_ADD_DEDUPLICATE))
    date = fingerprint_date (date, date_buffer);
  fingerprint = tl_feedback_fingerprint (text,
                                         date,
                                         tl_feedback_item_get_source (item),
                                         tl_feedback_item_get_respondent (item));

  /* Inside tl_store_begin() no savepoint is taken: FTS5 writes out its
   * pending index at every savepoint, which makes a bulk import several
   * times slower.  A failure takes the item out again by hand.  A new id
   * there is indexed at the commit (or before anything reads the
   * indexes); an old id put back (KEEP_ID) at once, after those pending. */
  deferred = self->in_transaction && !(flags & TL_ADD_KEEP_ID);
  if (!(deferred ? _tl_store_feedback_begin_add (self, error) : _tl_store_feedback_begin (self, error)))
    return -1;
  if (deferred && !_tl_store_batch_adding (self, error))
    return -1;

  if (!(flags & TL_ADD_DEDUPLICATE))
    {
      gboolean taken = FALSE;

      if (!(stmt = _tl_store_statement (self, sql_feedback_by_fingerprint, error)))
        goto failed;
      sqlite3_bind_int64 (stmt, 1, fingerprint);
      if (!step_row (self, stmt, &taken, error))
        goto failed;
      sqlite3_reset (stmt);
      has_fingerprint = !taken;
    }

  if (flags & TL_ADD_KEEP_ID)
    {
      gboolean taken = FALSE;

      if (!feedback_exists (self, id, &taken, error))
        goto failed;
      if (taken)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_EXISTS,
                       _("Feedback item %s exists already."), number);
          goto failed;
        }
    }

  if (!(stmt = _tl_store_statement (self, sql_feedback_insert, error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, id);
  _tl_store_bind_text (stmt, 2, text);
  _tl_store_bind_text (stmt, 3, tl_feedback_item_get_source (item));
  _tl_store_bind_text (stmt, 4, tl_feedback_item_get_date (item));
  _tl_store_bind_text (stmt, 5, stage_text (tl_feedback_item_get_stage (item), stage_buffer));
  if (tl_feedback_item_has_rating (item))
    sqlite3_bind_double (stmt, 6, tl_feedback_item_get_rating (item));
  else
    sqlite3_bind_null (stmt, 6);
  _tl_store_bind_text (stmt, 7, tl_feedback_item_get_respondent (item));
  _tl_store_bind_text (stmt, 8, tl_feedback_item_get_tags (item));
  _tl_store_bind_text (stmt, 9, tl_feedback_item_get_phase (item));
  _tl_store_bind_text (stmt, 10, tl_feedback_item_get_rating_original (item));
  if (has_fingerprint)
    sqlite3_bind_int64 (stmt, 11, fingerprint);
  else
    sqlite3_bind_null (stmt, 11);
  sqlite3_bind_int64 (stmt, 12, g_utf8_strlen (text, -1));

  if (!_tl_store_run (self, stmt, error))
    goto failed;

  if (sqlite3_changes (self->db) == 0)
    {
      gboolean row = FALSE;
      gint64 existing = -1;

      /* A duplicate: nothing was written */
      if (!(stmt = _tl_store_statement (self, sql_feedback_by_fingerprint, error)))
        goto failed;
      sqlite3_bind_int64 (stmt, 1, fingerprint);
      if (!step_row (self, stmt, &row, error))
        goto failed;
      if (row)
        existing = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);

      if (out_duplicate != NULL)
        *out_duplicate = TRUE;
      feedback_end_unchanged (self);
      return existing;
    }

  if (deferred)
    {
      if (self->index_from <= 0)
        self->index_from = id;
    }
  else
    {
      const char *index_sql[] = { sql_fts_insert, sql_gram_insert };

      for (guint i = 0; i < G_N_ELEMENTS (index_sql); i++)
        {
          if (!(stmt = _tl_store_statement (self, index_sql[i], error)))
            goto take_out;
          sqlite3_bind_int64 (stmt, 1, id);
          _tl_store_bind_text (stmt, 2, text);
          if (!_tl_store_run (self, stmt, error))
            goto take_out;
        }
    }

  for (guint i = 0; i < links->len; i++)
    {
      gboolean changed;

      if (!write_link (self, &g_array_index (links, Link, i), FALSE, id, &changed, error))
        goto take_out;
    }

  self->next_feedback_id = MAX (self->next_feedback_id, id + 1);

  facts_from_item (item, &facts);
  facts.n_images = 0;
  keys = _tl_store_evidence_keys (self, texts);
  _tl_store_evidence_apply (self, &facts, keys, 1);

  if (!_tl_store_feedback_end (self, TRUE, error))
    return -1;

  tl_feedback_item_set_id (item, id);
  tl_feedback_item_set_n_images (item, 0);
  return id;

take_out:
  /* Only an I/O failure gets here.  Inside the caller's transaction, take
   * the item out again (its links and index entries go with it). */
  if (self->in_transaction && _tl_store_index_pending (self, NULL) &&
      (stmt = _tl_store_statement (self, sql_feedback_delete, NULL)))
    {
      /* Indexed first: the delete triggers take its entries out */
      sqlite3_bind_int64 (stmt, 1, id);
      _tl_store_run (self, stmt, NULL);
    }

failed:
  _tl_store_feedback_end (self, FALSE, NULL);
  return -1;
}

gint64
tl_store_add_feedback (TlStore         *self,
                       TlFeedbackItem  *item,
                       GError         **error)
{
  return tl_store_add_feedback_full (self, item, TL_ADD_DEFAULT, NULL, error);
}

/* ---- reading ---------------------------------------------------------------- */

/* The item of the row of sql_feedback_get, or NULL when there is none. */
static TlFeedbackItem *
read_item (TlStore  *self,
           gint64    id,
           gboolean  with_links,
           GError  **error)
{
  g_autoptr(TlFeedbackItem) item = NULL;
  g_autofree char *text = NULL;
  g_autofree char *source = NULL;
  g_autofree char *date = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *respondent = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *phase = NULL;
  g_autofree char *original = NULL;
  g_auto(GStrv) links = NULL;
  sqlite3_stmt *stmt;
  gboolean row;

  if (!(stmt = _tl_store_statement (self, sql_feedback_get, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_row (self, stmt, &row, error))
    return NULL;
  if (!row)
    {
      sqlite3_reset (stmt);
      set_not_found (error, id);
      return NULL;
    }

  item = tl_feedback_item_new (id);
  text = _tl_sqlite_column_text (stmt, 0);
  source = _tl_sqlite_column_text (stmt, 1);
  date = _tl_sqlite_column_text (stmt, 2);
  stage = _tl_sqlite_column_text (stmt, 3);
  respondent = _tl_sqlite_column_text (stmt, 5);
  tags = _tl_sqlite_column_text (stmt, 6);
  phase = _tl_sqlite_column_text (stmt, 7);
  original = _tl_sqlite_column_text (stmt, 8);

  tl_feedback_item_set_text (item, text);
  tl_feedback_item_set_source (item, source);
  tl_feedback_item_set_date (item, date);
  if (stage != NULL && stage[0] != '\0' && stage[1] == '\0' && tl_stage_is_valid (stage[0]))
    tl_feedback_item_set_stage (item, stage[0]);
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    tl_feedback_item_set_rating (item, sqlite3_column_double (stmt, 4));
  tl_feedback_item_set_respondent (item, respondent);
  tl_feedback_item_set_tags (item, tags);
  /* Files are untrusted: what the model cannot hold is left out. */
  if (tl_feedback_phase_is_valid (phase))
    tl_feedback_item_set_phase (item, phase);
  tl_feedback_item_set_rating_original (item, original);
  tl_feedback_item_set_n_images (item, CLAMP (sqlite3_column_int64 (stmt, 9), 0, G_MAXUINT));
  sqlite3_reset (stmt);

  if (with_links)
    {
      if (!(links = _tl_store_read_links (self, id, error)))
        return NULL;
      tl_feedback_item_set_links (item, (const char * const *)links);
    }

  return g_steal_pointer (&item);
}

TlFeedbackItem *
tl_store_get_feedback (TlStore  *self,
                       gint64    id,
                       GError  **error)
{
  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tl_store_check_open (self, error))
    return NULL;
  return read_item (self, id, TRUE, error);
}

GPtrArray *
tl_store_fetch_feedback (TlStore       *self,
                         const gint64  *ids,
                         guint          n_ids,
                         GError       **error)
{
  g_autoptr(GPtrArray) items = NULL;
  gboolean began = FALSE;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tl_store_check_open (self, error))
    return NULL;

  items = g_ptr_array_new_full (n_ids, g_object_unref);

  /* One read transaction for the page: consistent, and no lock per row. */
  if (sqlite3_get_autocommit (self->db))
    {
      if (!_tl_sqlite_exec (self->db, "BEGIN", self->display_name, error))
        return NULL;
      began = TRUE;
    }

  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(GError) local_error = NULL;
      TlFeedbackItem *item = read_item (self, ids[i], TRUE, &local_error);

      if (item != NULL)
        g_ptr_array_add (items, item);
      else if (!g_error_matches (local_error, TL_MODEL_ERROR, TL_MODEL_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          if (began)
            sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return NULL;
        }
    }

  if (began)
    sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);

  return g_steal_pointer (&items);
}

/* ---- editing -------------------------------------------------------------- */

gboolean
tl_store_update_feedback (TlStore           *self,
                          TlFeedbackItem    *item,
                          TlFeedbackFields   fields,
                          gboolean          *changed,
                          GError           **error)
{
  g_autoptr(TlFeedbackItem) old = NULL;
  g_autoptr(GString) sql = NULL;
  g_auto(GStrv) links = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  TlFeedbackFields differ = 0;
  TlItemFacts before, after;
  gboolean found = FALSE;
  sqlite3_stmt *stmt;
  char stage_buffer[2];
  gint64 id;
  int column = 1;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (TL_IS_FEEDBACK_ITEM (item), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (changed != NULL)
    *changed = FALSE;

  if (!_tl_store_check_writable (self, error) ||
      !check_values (item, fields, error))
    return FALSE;

  id = tl_feedback_item_get_id (item);

  if (!_tl_store_feedback_begin (self, error))
    return FALSE;

  if (!(old = read_item (self, id, FALSE, error)) ||
      !_tl_store_read_facts (self, id, &before, &found, error))
    goto failed;

#define DIFFERS_STR(field, getter) \
  if ((fields & field) && g_strcmp0 (getter (old), getter (item)) != 0) differ |= field
  DIFFERS_STR (TL_FEEDBACK_FIELD_TEXT, tl_feedback_item_get_text);
  DIFFERS_STR (TL_FEEDBACK_FIELD_SOURCE, tl_feedback_item_get_source);
  DIFFERS_STR (TL_FEEDBACK_FIELD_DATE, tl_feedback_item_get_date);
  DIFFERS_STR (TL_FEEDBACK_FIELD_RESPONDENT, tl_feedback_item_get_respondent);
  DIFFERS_STR (TL_FEEDBACK_FIELD_TAGS, tl_feedback_item_get_tags);
  DIFFERS_STR (TL_FEEDBACK_FIELD_PHASE, tl_feedback_item_get_phase);
  DIFFERS_STR (TL_FEEDBACK_FIELD_RATING_ORIGINAL, tl_feedback_item_get_rating_original);
#undef DIFFERS_STR
  if ((fields & TL_FEEDBACK_FIELD_STAGE) &&
      tl_feedback_item_get_stage (old) != tl_feedback_item_get_stage (item))
    differ |= TL_FEEDBACK_FIELD_STAGE;
  if ((fields & TL_FEEDBACK_FIELD_RATING) &&
      (tl_feedback_item_has_rating (old) != tl_feedback_item_has_rating (item) ||
       tl_feedback_item_get_rating (old) != tl_feedback_item_get_rating (item)))
    differ |= TL_FEEDBACK_FIELD_RATING;

  if (differ == 0)
    return feedback_end_unchanged (self);

  /* One statement per combination of fields, cached */
  sql = g_string_new ("UPDATE feedback SET ");
#define COLUMN(field, name) \
  if (differ & field) g_string_append_printf (sql, "%s%s = ?%d", column > 1 ? ", " : "", name, column), column++
  COLUMN (TL_FEEDBACK_FIELD_TEXT, "text");
  COLUMN (TL_FEEDBACK_FIELD_TEXT, "text_chars");
  COLUMN (TL_FEEDBACK_FIELD_SOURCE, "source");
  COLUMN (TL_FEEDBACK_FIELD_DATE, "date");
  COLUMN (TL_FEEDBACK_FIELD_STAGE, "stage");
  COLUMN (TL_FEEDBACK_FIELD_RATING, "rating");
  COLUMN (TL_FEEDBACK_FIELD_RESPONDENT, "respondent");
  COLUMN (TL_FEEDBACK_FIELD_TAGS, "tags");
  COLUMN (TL_FEEDBACK_FIELD_PHASE, "phase");
  COLUMN (TL_FEEDBACK_FIELD_RATING_ORIGINAL, "rating_original");
#undef COLUMN
  g_string_append_printf (sql, " WHERE id = ?%d", column);

  if (!(stmt = _tl_store_dynamic_statement (self, sql->str, error)))
    goto failed;

  column = 1;
  if (differ & TL_FEEDBACK_FIELD_TEXT)
    {
      const char *text = tl_feedback_item_get_text (item) ? tl_feedback_item_get_text (item) : "";

      _tl_store_bind_text (stmt, column++, text);
      sqlite3_bind_int64 (stmt, column++, g_utf8_strlen (text, -1));
    }
  if (differ & TL_FEEDBACK_FIELD_SOURCE)
    _tl_store_bind_text (stmt, column++, tl_feedback_item_get_source (item));
  if (differ & TL_FEEDBACK_FIELD_DATE)
    _tl_store_bind_text (stmt, column++, tl_feedback_item_get_date (item));
  if (differ & TL_FEEDBACK_FIELD_STAGE)
    _tl_store_bind_text (stmt, column++, stage_text (tl_feedback_item_get_stage (item), stage_buffer));
  if (differ & TL_FEEDBACK_FIELD_RATING)
    {
      if (tl_feedback_item_has_rating (item))
        sqlite3_bind_double (stmt, column++, tl_feedback_item_get_rating (item));
      else
        sqlite3_bind_null (stmt, column++);
    }
  if (differ & TL_FEEDBACK_FIELD_RESPONDENT)
    _tl_store_bind_text (stmt, column++, tl_feedback_item_get_respondent (item));
  if (differ & TL_FEEDBACK_FIELD_TAGS)
    _tl_store_bind_text (stmt, column++, tl_feedback_item_get_tags (item));
  if (differ & TL_FEEDBACK_FIELD_PHASE)
    _tl_store_bind_text (stmt, column++, tl_feedback_item_get_phase (item));
  if (differ & TL_FEEDBACK_FIELD_RATING_ORIGINAL)
    _tl_store_bind_text (stmt, column++, tl_feedback_item_get_rating_original (item));
  sqlite3_bind_int64 (stmt, column, id);

  if (!_tl_store_run (self, stmt, error) ||
      !_tl_store_read_facts (self, id, &after, &found, error))
    goto failed;

  if (!facts_equal (&before, &after))
    {
      if (!(links = _tl_store_read_links (self, id, error)))
        goto failed;
      keys = _tl_store_evidence_keys (self, (const char * const *)links);

      /* Out at the old weight, in at the new one; the reference date may
       * move in between (a newest item redated). */
      if (keys->len > 0)
        _tl_store_evidence_apply (self, &before, keys, -1);
      if (was_newest (self, &before) && !_tl_store_evidence_refresh_reference (self, error))
        goto failed;
      if (keys->len > 0)
        _tl_store_evidence_apply (self, &after, keys, 1);
    }

  if (changed != NULL)
    *changed = TRUE;
  return _tl_store_feedback_end (self, TRUE, error);

failed:
  if (self->in_transaction)
    {
      /* The file is as it was unless the UPDATE went through and a later
       * read failed: recompute rather than trust what is in memory. */
      g_autoptr(GError) local_error = NULL;

      if (!_tl_store_evidence_recompute (self, &local_error))
        g_message ("%s", local_error->message);
    }
  _tl_store_feedback_end (self, FALSE, NULL);
  return FALSE;
}

/* ---- deleting ------------------------------------------------------------------ */

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

/* @ids sorted, without repeats, as runs [first, last] of consecutive ids:
 * an import's ids are one run, and a run is one statement. */
static GArray *
id_runs (const gint64 *ids,
         guint         n_ids)
{
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);

  g_array_append_vals (sorted, ids, n_ids);
  g_array_sort (sorted, compare_ids);

  for (guint i = 0; i < sorted->len;)
    {
      gint64 run[2];
      guint j = i;

      run[0] = g_array_index (sorted, gint64, i);
      while (j + 1 < sorted->len &&
             (g_array_index (sorted, gint64, j + 1) == g_array_index (sorted, gint64, j) ||
              g_array_index (sorted, gint64, j + 1) == g_array_index (sorted, gint64, j) + 1))
        j++;
      run[1] = g_array_index (sorted, gint64, j);
      g_array_append_val (runs, run);
      i = j + 1;
    }

  return runs;
}

gint64
tl_store_delete_feedback (TlStore       *self,
                          const gint64  *ids,
                          guint          n_ids,
                          GError       **error)
{
  g_autoptr(GArray) runs = NULL;
  gboolean bulk = n_ids > BULK_ITEMS;
  gboolean newest = FALSE;
  gint64 deleted = 0;

  g_return_val_if_fail (TL_IS_STORE (self), -1);
  g_return_val_if_fail (ids != NULL || n_ids == 0, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (!_tl_store_feedback_begin (self, error))
    return -1;

  if (!bulk)
    {
      for (guint i = 0; i < n_ids; i++)
        {
          g_auto(GStrv) links = NULL;
          g_autoptr(GPtrArray) keys = NULL;
          TlItemFacts facts;
          gboolean found = FALSE;
          sqlite3_stmt *stmt;

          if (!_tl_store_read_facts (self, ids[i], &facts, &found, error))
            goto failed;
          if (!found)
            continue;
          if (!(links = _tl_store_read_links (self, ids[i], error)) ||
              !(stmt = _tl_store_statement (self, sql_feedback_delete, error)))
            goto failed;
          sqlite3_bind_int64 (stmt, 1, ids[i]);
          if (!_tl_store_run (self, stmt, error))
            goto failed;

          deleted++;
          newest |= was_newest (self, &facts);
          keys = _tl_store_evidence_keys (self, (const char * const *)links);
          if (keys->len > 0)
            _tl_store_evidence_apply (self, &facts, keys, -1);
        }

      if (newest && !_tl_store_evidence_refresh_reference (self, error))
        goto failed;
    }
  else
    {
      runs = id_runs (ids, n_ids);
      for (guint i = 0; i < runs->len; i++)
        {
          gint64 *run = &g_array_index (runs, gint64, i * 2);
          sqlite3_stmt *stmt = _tl_store_statement (self, sql_feedback_delete_range, error);

          if (stmt == NULL)
            goto failed;
          sqlite3_bind_int64 (stmt, 1, run[0]);
          sqlite3_bind_int64 (stmt, 2, run[1]);
          if (!_tl_store_run (self, stmt, error))
            goto failed;
          deleted += sqlite3_changes (self->db);
        }

      if (deleted > 0 && !_tl_store_evidence_recompute (self, error))
        goto failed;
    }

  if (deleted == 0)
    feedback_end_unchanged (self);
  else if (!_tl_store_feedback_end (self, TRUE, error))
    return -1;
  return deleted;

failed:
  if (self->in_transaction && deleted > 0)
    {
      g_autoptr(GError) local_error = NULL;

      /* Some went before the failure: what is in memory follows the file. */
      if (!_tl_store_evidence_recompute (self, &local_error))
        g_message ("%s", local_error->message);
    }
  _tl_store_feedback_end (self, FALSE, NULL);
  return -1;
}

/* ---- linking ------------------------------------------------------------------- */

/* Links (or unlinks) one item, keeping the evidence of its aggregates;
 * *changed when the link really came or went.  A missing item is
 * *missing, not an error. */
static gboolean
relink_one (TlStore     *self,
            gint64       id,
            const Link  *link,
            const char  *target,
            gboolean     unlink,
            gboolean    *changed,
            gboolean    *missing,
            GError     **error)
{
  g_auto(GStrv) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  TlItemFacts facts;
  gboolean found = FALSE;

  *changed = FALSE;
  *missing = FALSE;

  if (!_tl_store_read_facts (self, id, &facts, &found, error))
    return FALSE;
  if (!found)
    {
      *missing = TRUE;
      return TRUE;
    }

  if (!(before = _tl_store_read_links (self, id, error)) ||
      !write_link (self, link, unlink, id, changed, error))
    return FALSE;
  if (!*changed)
    return TRUE;

  after = g_ptr_array_new ();
  for (guint i = 0; before[i] != NULL; i++)
    if (!unlink || strcmp (before[i], target) != 0)
      g_ptr_array_add (after, before[i]);
  if (!unlink)
    g_ptr_array_add (after, (gpointer)target);
  g_ptr_array_add (after, NULL);

  evidence_relink (self, &facts, (const char * const *)before, (const char * const *)after->pdata);
  return TRUE;
}

/* The canonical text of @link ("cell:a/b"), as the keys have it */
static char *
link_to_string (const Link *link)
{
  switch (link->kind)
    {
    case LINK_STATION:
      return g_strconcat ("station:", link->id, NULL);
    case LINK_LOOP:
      return g_strconcat ("loop:", link->id, NULL);
    case LINK_CELL:
    default:
      return g_strconcat ("cell:", link->id, "/", link->type, NULL);
    }
}

static gboolean
relink_single (TlStore     *self,
               gint64       id,
               const char  *target,
               gboolean     unlink,
               gboolean    *changed,
               GError     **error)
{
  g_auto(Link) link = { 0, };
  g_autofree char *canonical = NULL;
  gboolean local_changed = FALSE, missing = FALSE;

  if (changed != NULL)
    *changed = FALSE;

  if (!_tl_store_check_writable (self, error) ||
      !parse_link (target, &link, error) ||
      (!unlink && !check_link (self, &link, error)))
    return FALSE;
  canonical = link_to_string (&link);

  if (!_tl_store_feedback_begin (self, error))
    return FALSE;

  if (!relink_one (self, id, &link, canonical, unlink, &local_changed, &missing, error))
    goto failed;
  if (missing)
    {
      set_not_found (error, id);
      goto failed;
    }

  if (changed != NULL)
    *changed = local_changed;
  if (!local_changed)
    return feedback_end_unchanged (self);
  return _tl_store_feedback_end (self, TRUE, error);

failed:
  _tl_store_feedback_end (self, FALSE, NULL);
  return FALSE;
}

gboolean
tl_store_link_feedback (TlStore     *self,
                        gint64       id,
                        const char  *target,
                        gboolean    *changed,
                        GError     **error)
{
  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return relink_single (self, id, target, FALSE, changed, error);
}

gboolean
tl_store_unlink_feedback (TlStore     *self,
                          gint64       id,
                          const char  *target,
                          gboolean    *changed,
                          GError     **error)
{
  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return relink_single (self, id, target, TRUE, changed, error);
}

static GArray *
relink_many (TlStore       *self,
             const gint64  *ids,
             guint          n_ids,
             const char    *target,
             gboolean       unlink,
             GError       **error)
{
  g_auto(Link) link = { 0, };
  g_autofree char *canonical = NULL;
  g_autoptr(GArray) changed_ids = NULL;
  gboolean bulk = FALSE;

  if (!_tl_store_check_writable (self, error) ||
      !parse_link (target, &link, error) ||
      (!unlink && !check_link (self, &link, error)))
    return NULL;
  canonical = link_to_string (&link);

  /* Following each item costs a few statements per item; recomputing
   * the aggregates it touches (the target, the loops through a station)
   * costs about one per item they count: the cheaper way. */
  if (n_ids > BULK_ITEMS)
    {
      const char *links[] = { canonical, NULL };
      g_autoptr(GPtrArray) keys = _tl_store_evidence_keys (self, links);
      guint64 affected = 0;

      for (guint i = 0; i < keys->len; i++)
        if (strcmp (g_ptr_array_index (keys, i), "document:") != 0)
          {
            TlEvidence e;

            _tl_store_evidence_get (self, g_ptr_array_index (keys, i), &e, NULL);
            affected += e.count;
          }
      bulk = (guint64)n_ids * 3 > affected;
    }

  changed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!_tl_store_feedback_begin (self, error))
    return NULL;

  for (guint i = 0; i < n_ids; i++)
    {
      gboolean changed = FALSE, missing = FALSE;

      if (bulk)
        {
          gboolean exists = TRUE;

          /* Links only; the aggregates they touch are recomputed after. */
          if ((!unlink && !feedback_exists (self, ids[i], &exists, error)) ||
              (exists && !write_link (self, &link, unlink, ids[i], &changed, error)))
            goto failed;
        }
      else if (!relink_one (self, ids[i], &link, canonical, unlink, &changed, &missing, error))
        goto failed;

      if (changed)
        g_array_append_val (changed_ids, ids[i]);
    }

  if (bulk && changed_ids->len > 0)
    {
      g_autoptr(GPtrArray) keys = NULL;
      const char *links[] = { canonical, NULL };

      keys = _tl_store_evidence_keys (self, links);
      for (guint i = 0; i < keys->len; i++)
        if (strcmp (g_ptr_array_index (keys, i), "document:") != 0 &&   /* links do not change it */
            !_tl_store_evidence_recompute_key (self, g_ptr_array_index (keys, i), error))
          goto failed;
    }

  if (changed_ids->len == 0)
    feedback_end_unchanged (self);
  else if (!_tl_store_feedback_end (self, TRUE, error))
    return NULL;
  return g_steal_pointer (&changed_ids);

failed:
  if (self->in_transaction && changed_ids->len > 0)
    {
      g_autoptr(GError) local_error = NULL;

      if (!_tl_store_evidence_recompute (self, &local_error))
        g_message ("%s", local_error->message);
    }
  _tl_store_feedback_end (self, FALSE, NULL);
  return NULL;
}

GArray *
tl_store_link_feedback_many (TlStore       *self,
                             const gint64  *ids,
                             guint          n_ids,
                             const char    *target,
                             GError       **error)
{
  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return relink_many (self, ids, n_ids, target, FALSE, error);
}

GArray *
tl_store_unlink_feedback_many (TlStore       *self,
                               const gint64  *ids,
                               guint          n_ids,
                               const char    *target,
                               GError       **error)
{
  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return relink_many (self, ids, n_ids, target, TRUE, error);
}

/* ---- images ----------------------------------------------------------------- */

static guint32
be32 (const guint8 *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
}

gboolean
tl_image_sniff (GBytes      *data,
                const char **mime,
                guint       *width,
                guint       *height)
{
  static const guint8 png_magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  const guint8 *p;
  gsize size;

  g_return_val_if_fail (data != NULL, FALSE);

  p = g_bytes_get_data (data, &size);

  /* PNG: the signature, then IHDR first, 13 bytes long */
  if (size >= 33 && memcmp (p, png_magic, sizeof png_magic) == 0 &&
      be32 (p + 8) == 13 && memcmp (p + 12, "IHDR", 4) == 0)
    {
      guint32 w = be32 (p + 16), h = be32 (p + 20);

      if (w == 0 || h == 0 || w > G_MAXINT32 || h > G_MAXINT32)
        return FALSE;
      if (mime) *mime = "image/png";
      if (width) *width = w;
      if (height) *height = h;
      return TRUE;
    }

  /* JPEG: SOI, then segments up to a start of frame (SOF0–SOF15 but
   * DHT, JPG and DAC), whose height and width it gives. */
  if (size >= 4 && p[0] == 0xff && p[1] == 0xd8)
    {
      gsize i = 2;

      while (i + 4 <= size)
        {
          guint8 marker;
          gsize length;

          if (p[i] != 0xff)
            return FALSE;
          marker = p[i + 1];
          if (marker == 0xff)       /* fill byte */
            {
              i++;
              continue;
            }
          if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
            {
              i += 2;               /* no length */
              continue;
            }
          if (marker == 0xd9 || marker == 0xda)   /* end, or scan data before a frame */
            return FALSE;

          length = ((gsize)p[i + 2] << 8) | p[i + 3];
          if (length < 2 || i + 2 + length > size)
            return FALSE;

          if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
            {
              guint w, h;

              if (length < 7)
                return FALSE;
              h = ((guint)p[i + 5] << 8) | p[i + 6];
              w = ((guint)p[i + 7] << 8) | p[i + 8];
              if (w == 0 || h == 0)
                return FALSE;
              if (mime) *mime = "image/jpeg";
              if (width) *width = w;
              if (height) *height = h;
              return TRUE;
            }

          i += 2 + length;
        }
    }

  return FALSE;
}

/* The item's contribution changes with its number of images going from
 * @before to @before + @delta (only 0 ↔ 1+ matters). */
static gboolean
evidence_images_changed (TlStore            *self,
                         gint64              feedback_id,
                         const TlItemFacts  *before,
                         GError            **error)
{
  g_auto(GStrv) links = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  TlItemFacts after;
  gboolean found = FALSE;

  if (!_tl_store_read_facts (self, feedback_id, &after, &found, error))
    return FALSE;
  if (!found || facts_equal (before, &after))
    return TRUE;

  if (!(links = _tl_store_read_links (self, feedback_id, error)))
    return FALSE;
  keys = _tl_store_evidence_keys (self, (const char * const *)links);
  if (keys->len > 0)
    {
      _tl_store_evidence_apply (self, before, keys, -1);
      _tl_store_evidence_apply (self, &after, keys, 1);
    }
  return TRUE;
}

gint64
tl_store_add_image (TlStore       *self,
                    gint64         feedback_id,
                    GBytes        *data,
                    gint64         image_id,
                    GError       **error)
{
  const char *mime = NULL;
  guint width = 0, height = 0;
  TlItemFacts before;
  gboolean found = FALSE;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (TL_IS_STORE (self), -1);
  g_return_val_if_fail (data != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (!_tl_store_check_writable (self, error))
    return -1;

  if (g_bytes_get_size (data) > TL_STORE_MAX_IMAGE_SIZE)
    {
      g_autofree char *limit = g_format_size (TL_STORE_MAX_IMAGE_SIZE);

      g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID,
                   _("The image is too large to keep in the document (more than %s). Make it smaller, then attach it again."),
                   limit);
      return -1;
    }

  if (!tl_image_sniff (data, &mime, &width, &height))
    {
      g_set_error_literal (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID,
                           _("This is not a PNG or JPEG image, or it is damaged. Save it as PNG or JPEG, then attach it again."));
      return -1;
    }

  if (!_tl_store_feedback_begin (self, error))
    return -1;

  if (!_tl_store_read_facts (self, feedback_id, &before, &found, error))
    goto failed;
  if (!found)
    {
      set_not_found (error, feedback_id);
      goto failed;
    }

  if (image_id > 0)
    {
      gboolean taken = FALSE;

      if (!(stmt = _tl_store_statement (self, sql_image_exists, error)))
        goto failed;
      sqlite3_bind_int64 (stmt, 1, image_id);
      if (!step_row (self, stmt, &taken, error))
        goto failed;
      sqlite3_reset (stmt);
      if (taken)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, image_id);

          g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_EXISTS,
                       _("Image %s exists already."), number);
          goto failed;
        }
    }

  if (!(stmt = _tl_store_statement (self, sql_image_insert, error)))
    goto failed;
  if (image_id > 0)
    sqlite3_bind_int64 (stmt, 1, image_id);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, feedback_id);
  _tl_store_bind_text (stmt, 3, mime);
  sqlite3_bind_int (stmt, 4, width);
  sqlite3_bind_int (stmt, 5, height);
  sqlite3_bind_blob64 (stmt, 6, g_bytes_get_data (data, NULL), g_bytes_get_size (data), SQLITE_STATIC);
  if (!_tl_store_run (self, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (self->db);

  if (!evidence_images_changed (self, feedback_id, &before, error))
    {
      if (self->in_transaction && (stmt = _tl_store_statement (self, sql_image_delete, NULL)))
        {
          sqlite3_bind_int64 (stmt, 1, id);
          _tl_store_run (self, stmt, NULL);
        }
      goto failed;
    }

  if (!_tl_store_feedback_end (self, TRUE, error))
    return -1;
  return id;

failed:
  _tl_store_feedback_end (self, FALSE, NULL);
  return -1;
}

static void
info_from_row (sqlite3_stmt *stmt,
               TlImageInfo  *info)
{
  const char *mime = (const char *)sqlite3_column_text (stmt, 2);

  memset (info, 0, sizeof *info);
  info->id = sqlite3_column_int64 (stmt, 0);
  info->feedback_id = sqlite3_column_int64 (stmt, 1);
  g_strlcpy (info->mime, mime ? mime : "", sizeof info->mime);
  info->width = CLAMP (sqlite3_column_int64 (stmt, 3), 0, G_MAXUINT);
  info->height = CLAMP (sqlite3_column_int64 (stmt, 4), 0, G_MAXUINT);
  info->size = MAX (sqlite3_column_int64 (stmt, 5), 0);
}

GArray *
tl_store_list_images (TlStore  *self,
                      gint64    feedback_id,
                      GError  **error)
{
  g_autoptr(GArray) images = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = _tl_store_statement (self, sql_image_list, error)))
    return NULL;

  images = g_array_new (FALSE, TRUE, sizeof (TlImageInfo));
  sqlite3_bind_int64 (stmt, 1, feedback_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TlImageInfo info;

      info_from_row (stmt, &info);
      g_array_append_val (images, info);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _tl_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&images);
}

GBytes *
tl_store_get_image (TlStore      *self,
                    gint64        image_id,
                    TlImageInfo  *info,
                    GError      **error)
{
  sqlite3_stmt *stmt;
  GBytes *bytes;
  gboolean row;

  g_return_val_if_fail (TL_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = _tl_store_statement (self, sql_image_get, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, image_id);
  if (!step_row (self, stmt, &row, error))
    return NULL;
  if (!row)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, image_id);

      sqlite3_reset (stmt);
      g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_NOT_FOUND,
                   _("Image %s does not exist any more."), number);
      return NULL;
    }

  if (info != NULL)
    info_from_row (stmt, info);
  bytes = g_bytes_new (sqlite3_column_blob (stmt, 6), sqlite3_column_bytes (stmt, 6));
  sqlite3_reset (stmt);
  return bytes;
}

gboolean
tl_store_remove_image (TlStore   *self,
                       gint64     image_id,
                       gboolean  *removed,
                       GError   **error)
{
  TlItemFacts before;
  gboolean row = FALSE, found = FALSE;
  sqlite3_stmt *stmt;
  gint64 feedback_id;

  g_return_val_if_fail (TL_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (removed != NULL)
    *removed = FALSE;

  if (!_tl_store_feedback_begin (self, error))
    return FALSE;

  if (!(stmt = _tl_store_statement (self, sql_image_owner, error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, image_id);
  if (!step_row (self, stmt, &row, error))
    goto failed;
  if (!row)
    {
      sqlite3_reset (stmt);
      return feedback_end_unchanged (self);
    }
  feedback_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (!_tl_store_read_facts (self, feedback_id, &before, &found, error) ||
      !(stmt = _tl_store_statement (self, sql_image_delete, error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, image_id);
  if (!_tl_store_run (self, stmt, error))
    goto failed;

  if (found && !evidence_images_changed (self, feedback_id, &before, error))
    goto failed;

  if (removed != NULL)
    *removed = TRUE;
  return _tl_store_feedback_end (self, TRUE, error);

failed:
  if (self->in_transaction)
    {
      g_autoptr(GError) local_error = NULL;

      if (!_tl_store_evidence_recompute (self, &local_error))
        g_message ("%s", local_error->message);
    }
  _tl_store_feedback_end (self, FALSE, NULL);
  return FALSE;
}

/* ---- snapshots for undo ---------------------------------------------------- */

static const char sql_snapshot_tables[] =
  "CREATE TEMP TABLE IF NOT EXISTS tl_snap_feedback ("
  "  snap INTEGER NOT NULL, id INTEGER NOT NULL, text, source, date, stage, rating,"
  "  respondent, tags, phase, rating_original, fingerprint, text_chars);"
  "CREATE INDEX IF NOT EXISTS temp.tl_snap_feedback_by_snap ON tl_snap_feedback (snap);"
  "CREATE TEMP TABLE IF NOT EXISTS tl_snap_link ("
  "  snap INTEGER NOT NULL, kind INTEGER NOT NULL, feedback_id INTEGER NOT NULL, a, b);"
  "CREATE INDEX IF NOT EXISTS temp.tl_snap_link_by_snap ON tl_snap_link (snap);"
  "CREATE TEMP TABLE IF NOT EXISTS tl_snap_image ("
  "  snap INTEGER NOT NULL, id INTEGER NOT NULL, feedback_id INTEGER NOT NULL,"
  "  mime, width, height, data);"
  "CREATE INDEX IF NOT EXISTS temp.tl_snap_image_by_snap ON tl_snap_image (snap);";

/* ?1 snapshot, ?2..?3 the run of ids */
static const char * const sql_snapshot_take[] = {
  "INSERT INTO temp.tl_snap_feedback SELECT ?1, id, text, source, date, stage, rating,"
  " respondent, tags, phase, rating_original, fingerprint, text_chars"
  " FROM main.feedback WHERE id BETWEEN ?2 AND ?3",
  "INSERT INTO temp.tl_snap_link SELECT ?1, 0, feedback_id, station_id, NULL"
  " FROM main.feedback_station WHERE feedback_id BETWEEN ?2 AND ?3",
  "INSERT INTO temp.tl_snap_link SELECT ?1, 1, feedback_id, loop_id, NULL"
  " FROM main.feedback_loop WHERE feedback_id BETWEEN ?2 AND ?3",
  "INSERT INTO temp.tl_snap_link SELECT ?1, 2, feedback_id, layer_id, type_id"
  " FROM main.feedback_cell WHERE feedback_id BETWEEN ?2 AND ?3",
  "INSERT INTO temp.tl_snap_image SELECT ?1, id, feedback_id, mime, width, height, data"
  " FROM main.feedback_image WHERE feedback_id BETWEEN ?2 AND ?3",
};

/* ?1 snapshot.  Links to objects that went meanwhile stay out. */
static const char * const sql_snapshot_restore[] = {
  "INSERT INTO main.feedback (id, text, source, date, stage, rating, respondent, tags,"
  " phase, rating_original, fingerprint, text_chars)"
  " SELECT id, text, source, date, stage, rating, respondent, tags, phase, rating_original,"
  " fingerprint, text_chars FROM temp.tl_snap_feedback WHERE snap = ?1 ORDER BY id",
  "INSERT OR IGNORE INTO main.feedback_station (feedback_id, station_id)"
  " SELECT feedback_id, a FROM temp.tl_snap_link WHERE snap = ?1 AND kind = 0"
  " AND a IN (SELECT id FROM main.station)",
  "INSERT OR IGNORE INTO main.feedback_loop (feedback_id, loop_id)"
  " SELECT feedback_id, a FROM temp.tl_snap_link WHERE snap = ?1 AND kind = 1"
  " AND a IN (SELECT id FROM main.loop)",
  "INSERT OR IGNORE INTO main.feedback_cell (feedback_id, layer_id, type_id)"
  " SELECT feedback_id, a, b FROM temp.tl_snap_link AS l WHERE snap = ?1 AND kind = 2"
  " AND EXISTS (SELECT 1 FROM main.cell WHERE layer_id = l.a AND type_id = l.b)",
  "INSERT INTO main.feedback_image (id, feedback_id, mime, width, height, data)"
  " SELECT id, feedback_id, mime, width, height, data FROM temp.tl_snap_image WHERE snap = ?1"
  " ORDER BY id",
  "INSERT INTO main.feedback_fts (rowid, text)"
  " SELECT id, text FROM temp.tl_snap_feedback WHERE snap = ?1 ORDER BY id",
  "INSERT INTO main.feedback_gram (rowid, text)"
  " SELECT id, text FROM temp.tl_snap_feedback WHERE snap = ?1 ORDER BY id",
};

static const char sql_snapshot_ids[] = "SELECT id FROM temp.tl_snap_feedback WHERE snap = ?1 ORDER BY id";

static const char * const sql_snapshot_drop[] = {
  "DELETE FROM temp.tl_snap_feedback WHERE snap = ?1",
  "DELETE FROM temp.tl_snap_link WHERE snap = ?1",
  "DELETE FROM temp.tl_snap_image WHERE snap = ?1",
};

guint64
_tl_store_snapshot_take (TlStore       *self,
                         const gint64  *ids,
                         guint          n_ids,
                         GError       **error)
{
  g_autoptr(GArray) runs = NULL;
  guint64 snapshot;

  if (!_tl_store_check_open (self, error) ||
      !_tl_sqlite_exec (self->db, sql_snapshot_tables, self->display_name, error))
    return 0;

  snapshot = ++self->snapshot_serial;
  runs = id_runs (ids, n_ids);

  for (guint i = 0; i < runs->len; i++)
    {
      gint64 *run = &g_array_index (runs, gint64, i * 2);

      for (guint s = 0; s < G_N_ELEMENTS (sql_snapshot_take); s++)
        {
          sqlite3_stmt *stmt = _tl_store_statement (self, sql_snapshot_take[s], error);

          if (stmt == NULL)
            goto failed;
          sqlite3_bind_int64 (stmt, 1, snapshot);
          sqlite3_bind_int64 (stmt, 2, run[0]);
          sqlite3_bind_int64 (stmt, 3, run[1]);
          if (!_tl_store_run (self, stmt, error))
            goto failed;
        }
    }

  return snapshot;

failed:
  _tl_store_snapshot_drop (self, snapshot);
  return 0;
}

gboolean
_tl_store_snapshot_restore (TlStore  *self,
                            guint64   snapshot,
                            GError  **error)
{
  g_autoptr(GArray) ids = NULL;
  sqlite3_stmt *stmt;

  if (!_tl_store_feedback_begin (self, error))
    return FALSE;

  if (!(stmt = _tl_store_statement (self, sql_snapshot_ids, error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, snapshot);
  if (!(ids = _tl_store_collect_ids (self, stmt, error)))
    goto failed;

  for (guint s = 0; s < G_N_ELEMENTS (sql_snapshot_restore); s++)
    {
      if (!(stmt = _tl_store_statement (self, sql_snapshot_restore[s], error)))
        goto failed;
      sqlite3_bind_int64 (stmt, 1, snapshot);
      if (!_tl_store_run (self, stmt, error))
        goto failed;
    }

  if (ids->len > 0)
    self->next_feedback_id = MAX (self->next_feedback_id, g_array_index (ids, gint64, ids->len - 1) + 1);

  if (ids->len > BULK_ITEMS)
    {
      if (!_tl_store_evidence_recompute (self, error))
        goto failed;
    }
  else
    for (guint i = 0; i < ids->len; i++)
      {
        gint64 id = g_array_index (ids, gint64, i);
        g_auto(GStrv) links = NULL;
        g_autoptr(GPtrArray) keys = NULL;
        TlItemFacts facts;
        gboolean found = FALSE;

        if (!_tl_store_read_facts (self, id, &facts, &found, error) ||
            !(links = _tl_store_read_links (self, id, error)))
          goto failed;
        keys = _tl_store_evidence_keys (self, (const char * const *)links);
        if (found && keys->len > 0)
          _tl_store_evidence_apply (self, &facts, keys, 1);
      }

  return _tl_store_feedback_end (self, TRUE, error);

failed:
  if (self->in_transaction)
    {
      g_autoptr(GError) local_error = NULL;

      if (!_tl_store_evidence_recompute (self, &local_error))
        g_message ("%s", local_error->message);
    }
  _tl_store_feedback_end (self, FALSE, NULL);
  return FALSE;
}

void
_tl_store_snapshot_drop (TlStore *self,
                         guint64  snapshot)
{
  if (self->db == NULL || snapshot == 0)
    return;

  for (guint s = 0; s < G_N_ELEMENTS (sql_snapshot_drop); s++)
    {
      sqlite3_stmt *stmt = _tl_store_statement (self, sql_snapshot_drop[s], NULL);

      /* The temporary tables may not be there (nothing was ever taken) */
      if (stmt == NULL)
        return;
      sqlite3_bind_int64 (stmt, 1, snapshot);
      _tl_store_run (self, stmt, NULL);
    }
}
