/* tl-csv-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-csv-export.h"

/* Items fetched at a time, and bytes written at a time */
#define PAGE  512
#define FLUSH (64 * 1024)

gboolean
tl_csv_value_is_formula_like (const char *value)
{
  return value != NULL && value[0] != '\0' && strchr ("=+-@\t\r", value[0]) != NULL;
}

void
tl_csv_append_cell (GString    *out,
                    const char *value,
                    char        delimiter)
{
  gboolean neutralise;
  gboolean quote;

  g_return_if_fail (out != NULL);

  if (value == NULL || *value == '\0')
    return;

  neutralise = tl_csv_value_is_formula_like (value);
  quote = strchr (value, delimiter) != NULL || strpbrk (value, "\"\r\n") != NULL;

  if (quote)
    g_string_append_c (out, '"');
  if (neutralise)
    g_string_append_c (out, '\'');

  if (quote)
    {
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, value);
}

static void
append_row_end (GString *out)
{
  g_string_append (out, "\r\n");
}

static void
append_item (GString        *out,
             TlFeedbackItem *item)
{
  const char * const *links = tl_feedback_item_get_links (item);
  g_autoptr(GString) joined = g_string_new (NULL);
  char id[32];
  char stage[2] = { tl_feedback_item_get_stage (item), '\0' };

  g_snprintf (id, sizeof id, "%" G_GINT64_FORMAT, tl_feedback_item_get_id (item));
  tl_csv_append_cell (out, id, ',');
  g_string_append_c (out, ',');
  tl_csv_append_cell (out, tl_feedback_item_get_date (item), ',');
  g_string_append_c (out, ',');
  tl_csv_append_cell (out, tl_feedback_item_get_text (item), ',');
  g_string_append_c (out, ',');
  tl_csv_append_cell (out, tl_feedback_item_get_source (item), ',');
  g_string_append_c (out, ',');
  tl_csv_append_cell (out, stage, ',');
  g_string_append_c (out, ',');
  if (tl_feedback_item_has_rating (item))
    {
      char rating[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (rating, sizeof rating, "%.10g", tl_feedback_item_get_rating (item));
      tl_csv_append_cell (out, rating, ',');
    }
  g_string_append_c (out, ',');
  tl_csv_append_cell (out, tl_feedback_item_get_rating_original (item), ',');
  g_string_append_c (out, ',');
  tl_csv_append_cell (out, tl_feedback_item_get_respondent (item), ',');
  g_string_append_c (out, ',');
  tl_csv_append_cell (out, tl_feedback_item_get_tags (item), ',');
  g_string_append_c (out, ',');
  tl_csv_append_cell (out, tl_feedback_item_get_phase (item), ',');
  g_string_append_c (out, ',');
  for (guint i = 0; links != NULL && links[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (joined, "; ");
      g_string_append (joined, links[i]);
    }
  tl_csv_append_cell (out, joined->str, ',');
  append_row_end (out);
}

static gboolean
flush (GOutputStream  *stream,
       GString        *buffer,
       GCancellable   *cancellable,
       GError        **error)
{
  if (buffer->len == 0)
    return TRUE;
  if (!g_output_stream_write_all (stream, buffer->str, buffer->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (buffer, 0);
  return TRUE;
}

gboolean
tl_csv_export_feedback (TlStore                *store,
                        const TlFeedbackQuery  *query,
                        GFile                  *file,
                        guint64                *n_written,
                        GCancellable           *cancellable,
                        GError                **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) buffer = g_string_sized_new (FLUSH * 2);
  guint scale;
  guint64 written = 0;

  g_return_val_if_fail (TL_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_written != NULL)
    *n_written = 0;

  if (query != NULL)
    ids = tl_store_query_feedback_ids (store, query, cancellable, error);
  else
    ids = tl_store_list_feedback_ids (store, error);
  if (ids == NULL)
    return FALSE;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  if (stream == NULL)
    return FALSE;

  scale = tl_document_get_score_scale (tl_store_get_document (store));

  /* The byte order mark tells spreadsheets this is UTF-8. */
  g_string_append (buffer, "\xef\xbb\xbf");
  g_string_append_printf (buffer,
                          "id,date,text,source,stage,rating (1-%u),rating_original,respondent,tags,phase,links",
                          scale);
  append_row_end (buffer);

  for (guint start = 0; start < ids->len; start += PAGE)
    {
      g_autoptr(GPtrArray) items = NULL;
      guint n = MIN (PAGE, ids->len - start);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;

      items = tl_store_fetch_feedback (store, &g_array_index (ids, gint64, start), n, error);
      if (items == NULL)
        goto failed;

      for (guint i = 0; i < items->len; i++)
        append_item (buffer, items->pdata[i]);
      written += items->len;

      if (buffer->len >= FLUSH && !flush (G_OUTPUT_STREAM (stream), buffer, cancellable, error))
        goto failed;
    }

  if (!flush (G_OUTPUT_STREAM (stream), buffer, cancellable, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error))
    goto failed;

  if (n_written != NULL)
    *n_written = written;
  return TRUE;

failed:
  {
    /* Closing after a cancel leaves the old file as it was. */
    g_autoptr(GCancellable) cancelled = g_cancellable_new ();

    g_cancellable_cancel (cancelled);
    g_output_stream_close (G_OUTPUT_STREAM (stream), cancelled, NULL);
  }
  return FALSE;
}
