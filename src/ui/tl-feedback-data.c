/* tl-feedback-data.c: the reads of feedback the evidence pane and the
 * feedback page make
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-feedback-commands.h"
#include "tl-feedback-data.h"
#include "tl-feedback-util.h"

static void
source_count_free (gpointer data)
{
  TlEvidenceSourceCount *count = data;

  g_free (count->source);
  g_free (count);
}

GPtrArray *
_tl_evidence_fetch_quotes (TlStore    *store,
                           const char *kind,
                           const char *id,
                           guint       limit,
                           guint64    *total)
{
  g_autoptr(TlFeedbackQuery) query = tl_feedback_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  g_return_val_if_fail (TL_IS_STORE (store), NULL);

  if (total != NULL)
    *total = 0;

  query->linked_to = _tl_link_make (kind, id);
  query->limit = limit;
  ids = tl_store_query_feedback_ids (store, query, NULL, &error);
  if (ids == NULL)
    {
      g_warning ("Cannot read the feedback linked to %s: %s", query->linked_to, error->message);
      return NULL;
    }

  items = tl_store_fetch_feedback (store, (const gint64 *) ids->data, ids->len, NULL);
  /* Everything that counts towards the evidence: its count */
  if (total != NULL)
    *total = tl_document_get_evidence (tl_store_get_document (store), kind, id)->count;
  return items;
}

GPtrArray *
_tl_evidence_fetch_thumbnails (TlStore        *store,
                               TlFeedbackItem *item)
{
  g_autoptr(GPtrArray) images = NULL;
  GPtrArray *textures;

  if (tl_feedback_item_get_n_images (item) == 0)
    return NULL;

  images = _tl_feedback_get_images (store, tl_feedback_item_get_id (item), NULL);
  if (images == NULL)
    return NULL;

  textures = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < images->len; i++)
    {
      GdkTexture *texture = gdk_texture_new_from_bytes (images->pdata[i], NULL);

      /* A damaged image is left out, not shown broken. */
      if (texture != NULL)
        g_ptr_array_add (textures, texture);
    }
  return textures;
}

void
_tl_evidence_fetch_counts (TlStore          *store,
                           const char       *kind,
                           const char       *id,
                           TlEvidenceCounts *counts)
{
  g_autofree char *target = kind != NULL ? _tl_link_make (kind, id) : NULL;
  guint64 stages[TL_N_STAGE_COUNTS] = { 0 };
  g_autoptr(GArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TL_IS_STORE (store));

  memset (counts, 0, sizeof *counts);
  counts->sources = g_ptr_array_new_with_free_func (source_count_free);

  if (!tl_store_count_by_stage (store, target, stages, &error))
    {
      g_warning ("Cannot count feedback by stage: %s", error->message);
      return;
    }
  for (guint s = 0; s < 6; s++)
    counts->stages[s + 1] = stages[s];
  counts->stages[0] = stages[6];

  sources = tl_store_count_by_source (store, target, &error);
  if (sources == NULL)
    {
      g_warning ("Cannot count feedback by source: %s", error->message);
      return;
    }
  for (guint i = 0; i < sources->len; i++)
    {
      TlSourceCount *source = &g_array_index (sources, TlSourceCount, i);
      TlEvidenceSourceCount *count = g_new0 (TlEvidenceSourceCount, 1);

      count->source = g_strdup (source->source);
      count->count = source->count;
      g_ptr_array_add (counts->sources, count);
    }
}

/* ---- the list's query -------------------------------------------------- */

static gboolean
same_double (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static gboolean
same_string (const char *a,
             const char *b)
{
  /* NULL and "" both mean "none" */
  return g_strcmp0 (a != NULL && *a != '\0' ? a : NULL, b != NULL && *b != '\0' ? b : NULL) == 0;
}

gboolean
_tl_feedback_query_equal (const TlFeedbackQuery *a,
                          const TlFeedbackQuery *b)
{
  return same_string (a->text, b->text) &&
         a->stages == b->stages &&
         same_string (a->source, b->source) &&
         same_double (a->rating_min, b->rating_min) &&
         same_double (a->rating_max, b->rating_max) &&
         same_string (a->date_from, b->date_from) &&
         same_string (a->date_to, b->date_to) &&
         same_string (a->tag, b->tag) &&
         a->images == b->images &&
         a->linked == b->linked &&
         same_string (a->linked_to, b->linked_to) &&
         a->direct_links == b->direct_links &&
         a->sort == b->sort &&
         a->descending == b->descending &&
         a->offset == b->offset &&
         a->limit == b->limit;
}

static gboolean
is_set (const char *s)
{
  return s != NULL && *s != '\0';
}

guint
_tl_feedback_query_count_filters (const TlFeedbackQuery *query)
{
  return (query->stages != 0) +
         is_set (query->source) +
         (!isnan (query->rating_min) || !isnan (query->rating_max)) +
         (is_set (query->date_from) || is_set (query->date_to)) +
         is_set (query->tag) +
         (query->images != TL_IMAGE_FILTER_ANY) +
         (query->linked != TL_LINK_FILTER_ANY) +
         is_set (query->linked_to);
}

gboolean
_tl_feedback_query_is_narrowed (const TlFeedbackQuery *query)
{
  return is_set (query->text) || _tl_feedback_query_count_filters (query) > 0;
}

/* ---- changes ------------------------------------------------------------ */

static gboolean
run (TlSession  *session,
     TlCommand  *command,
     const char *label,
     GError    **error)
{
  g_autoptr(TlCommand) owned = command;

  if (label != NULL)
    tl_command_set_label (command, label);
  return tl_session_run (session, command, error);
}

gint64
_tl_feedback_add (TlSession      *session,
                  TlFeedbackItem *item,
                  GError        **error)
{
  TlCommand *command;
  const gint64 *ids;
  guint n_ids = 0;

  g_return_val_if_fail (TL_IS_SESSION (session), -1);
  g_return_val_if_fail (TL_IS_FEEDBACK_ITEM (item), -1);

  command = tl_add_feedback_command_new (tl_session_get_store (session),
                                         (TlFeedbackItem * const []) { item }, 1);
  g_object_ref (command);
  if (!run (session, command, _("Add Feedback"), error))
    {
      g_object_unref (command);
      return -1;
    }
  ids = tl_add_feedback_command_get_ids (TL_ADD_FEEDBACK_COMMAND (command), &n_ids);
  {
    gint64 id = n_ids > 0 ? ids[0] : -1;

    g_object_unref (command);
    return id;
  }
}

gboolean
_tl_feedback_edit (TlSession        *session,
                   TlFeedbackItem   *item,
                   TlFeedbackFields  fields,
                   gboolean         *changed,
                   GError          **error)
{
  TlStore *store;
  g_autoptr(TlFeedbackItem) stored = NULL;
  g_autoptr(TlFeedbackItem) probe = NULL;
  gboolean differs;

  g_return_val_if_fail (TL_IS_SESSION (session), FALSE);
  g_return_val_if_fail (TL_IS_FEEDBACK_ITEM (item), FALSE);

  if (changed != NULL)
    *changed = FALSE;

  /* Nothing recorded for an edit that changes nothing: compare first. */
  store = tl_session_get_store (session);
  stored = tl_store_get_feedback (store, tl_feedback_item_get_id (item), error);
  if (stored == NULL)
    return FALSE;
  differs = ((fields & TL_FEEDBACK_FIELD_TEXT) && g_strcmp0 (tl_feedback_item_get_text (stored), tl_feedback_item_get_text (item)) != 0) ||
            ((fields & TL_FEEDBACK_FIELD_SOURCE) && g_strcmp0 (tl_feedback_item_get_source (stored), tl_feedback_item_get_source (item)) != 0) ||
            ((fields & TL_FEEDBACK_FIELD_DATE) && g_strcmp0 (tl_feedback_item_get_date (stored), tl_feedback_item_get_date (item)) != 0) ||
            ((fields & TL_FEEDBACK_FIELD_STAGE) && tl_feedback_item_get_stage (stored) != tl_feedback_item_get_stage (item)) ||
            ((fields & TL_FEEDBACK_FIELD_RATING) &&
             (tl_feedback_item_has_rating (stored) != tl_feedback_item_has_rating (item) ||
              (tl_feedback_item_has_rating (item) && tl_feedback_item_get_rating (stored) != tl_feedback_item_get_rating (item)))) ||
            ((fields & TL_FEEDBACK_FIELD_RESPONDENT) && g_strcmp0 (tl_feedback_item_get_respondent (stored), tl_feedback_item_get_respondent (item)) != 0) ||
            ((fields & TL_FEEDBACK_FIELD_TAGS) && g_strcmp0 (tl_feedback_item_get_tags (stored), tl_feedback_item_get_tags (item)) != 0) ||
            ((fields & TL_FEEDBACK_FIELD_PHASE) && g_strcmp0 (tl_feedback_item_get_phase (stored), tl_feedback_item_get_phase (item)) != 0) ||
            ((fields & TL_FEEDBACK_FIELD_RATING_ORIGINAL) && g_strcmp0 (tl_feedback_item_get_rating_original (stored), tl_feedback_item_get_rating_original (item)) != 0);
  if (!differs)
    return TRUE;

  if (!run (session, tl_edit_feedback_command_new (store, item, fields, FALSE), _("Edit Feedback"), error))
    return FALSE;
  if (changed != NULL)
    *changed = TRUE;
  return TRUE;
}

gboolean
_tl_feedback_delete (TlSession    *session,
                     const gint64 *ids,
                     guint         n_ids,
                     GError      **error)
{
  g_return_val_if_fail (TL_IS_SESSION (session), FALSE);

  return run (session, tl_delete_feedback_command_new (tl_session_get_store (session), ids, n_ids),
              ngettext ("Delete Feedback Item", "Delete Feedback Items", n_ids), error);
}

/* How many of @ids are linked directly to @link now */
static guint
count_linked (TlStore      *store,
              const gint64 *ids,
              guint         n_ids,
              const char   *link)
{
  g_autoptr(GPtrArray) items = tl_store_fetch_feedback (store, ids, n_ids, NULL);
  guint n = 0;

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const char * const *links = tl_feedback_item_get_links (items->pdata[i]);

      n += links != NULL && g_strv_contains (links, link);
    }
  return n;
}

gboolean
_tl_feedback_link (TlSession    *session,
                   const gint64 *ids,
                   guint         n_ids,
                   const char   *link,
                   guint        *n_changed,
                   GError      **error)
{
  TlStore *store;
  guint before;

  g_return_val_if_fail (TL_IS_SESSION (session), FALSE);

  store = tl_session_get_store (session);
  before = count_linked (store, ids, n_ids, link);
  if (n_changed != NULL)
    *n_changed = n_ids - before;
  /* All linked already: no empty step on the undo stack */
  if (before == n_ids)
    return TRUE;

  return run (session, tl_link_feedback_command_new (store, ids, n_ids, link, FALSE),
              ngettext ("Link Feedback", "Link Feedback", n_ids), error);
}

gboolean
_tl_feedback_unlink (TlSession    *session,
                     const gint64 *ids,
                     guint         n_ids,
                     const char   *link,
                     GError      **error)
{
  g_return_val_if_fail (TL_IS_SESSION (session), FALSE);

  return run (session, tl_link_feedback_command_new (tl_session_get_store (session), ids, n_ids, link, TRUE),
              _("Unlink Feedback"), error);
}

gboolean
_tl_feedback_add_image (TlSession *session,
                        gint64     id,
                        GBytes    *bytes,
                        GError   **error)
{
  g_return_val_if_fail (TL_IS_SESSION (session), FALSE);

  if (!tl_image_sniff (bytes, NULL, NULL, NULL))
    {
      g_set_error_literal (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID,
                           _("This is not a PNG or JPEG image. Save it as PNG or JPEG and attach it again."));
      return FALSE;
    }
  return run (session, tl_add_image_command_new (tl_session_get_store (session), id, bytes),
              _("Attach Image"), error);
}

gboolean
_tl_feedback_remove_image (TlSession *session,
                           gint64     id,
                           guint      index,
                           GError   **error)
{
  g_autoptr(GArray) infos = NULL;

  g_return_val_if_fail (TL_IS_SESSION (session), FALSE);

  infos = tl_store_list_images (tl_session_get_store (session), id, error);
  if (infos == NULL)
    return FALSE;
  if (index >= infos->len)
    {
      g_set_error_literal (error, TL_MODEL_ERROR, TL_MODEL_ERROR_NOT_FOUND,
                           _("The image is gone already."));
      return FALSE;
    }
  return run (session,
              tl_remove_image_command_new (tl_session_get_store (session), g_array_index (infos, TlImageInfo, index).id),
              _("Remove Image"), error);
}

gint64
_tl_feedback_max_id (TlStore *store)
{
  g_autoptr(GArray) ids = tl_store_list_feedback_ids (store, NULL);
  gint64 max = 0;

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    max = MAX (max, g_array_index (ids, gint64, i));
  return max;
}

gboolean
_tl_feedback_record_import (TlSession  *session,
                            gint64      max_id_before,
                            const char *label,
                            GError    **error)
{
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) added = NULL;

  g_return_val_if_fail (TL_IS_SESSION (session), FALSE);

  /* Ids are never reused and the import was the only writer: what it
   * added is everything above the largest id before it. */
  all = tl_store_list_feedback_ids (tl_session_get_store (session), error);
  if (all == NULL)
    return FALSE;
  added = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < all->len; i++)
    if (g_array_index (all, gint64, i) > max_id_before)
      g_array_append_val (added, g_array_index (all, gint64, i));
  if (added->len == 0)
    return TRUE;

  return run (session,
              tl_add_feedback_command_new_imported (tl_session_get_store (session),
                                                    (const gint64 *) added->data, added->len),
              label, error);
}

GPtrArray *
_tl_feedback_get_images (TlStore *store,
                         gint64   id,
                         GError **error)
{
  g_autoptr(GArray) infos = tl_store_list_images (store, id, error);
  g_autoptr(GPtrArray) images = NULL;

  if (infos == NULL)
    return NULL;

  images = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (guint i = 0; i < infos->len; i++)
    {
      GBytes *bytes = tl_store_get_image (store, g_array_index (infos, TlImageInfo, i).id, NULL, error);

      if (bytes == NULL)
        return NULL;
      g_ptr_array_add (images, bytes);
    }
  return g_steal_pointer (&images);
}

char *
_tl_feedback_dnd_format (const gint64 *ids,
                         guint         n_ids)
{
  GString *s = g_string_new (TL_FEEDBACK_DND_PREFIX);

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  return g_string_free (s, FALSE);
}

GArray *
_tl_feedback_dnd_parse (const char *text)
{
  g_autoptr(GArray) ids = NULL;
  const char *p;

  if (text == NULL || !g_str_has_prefix (text, TL_FEEDBACK_DND_PREFIX))
    return NULL;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  p = text + strlen (TL_FEEDBACK_DND_PREFIX);
  while (*p != '\0')
    {
      char *end = NULL;
      gint64 id = g_ascii_strtoll (p, &end, 10);

      if (end == p || id <= 0 || (*end != ',' && *end != '\0'))
        return NULL;
      g_array_append_val (ids, id);
      p = *end == ',' ? end + 1 : end;
    }
  return ids->len > 0 ? g_steal_pointer (&ids) : NULL;
}
