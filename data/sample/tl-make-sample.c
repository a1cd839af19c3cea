/* tl-make-sample.c: builds the bundled sample workspace from its text files
 *
 * The sample café (拾光咖啡) lives in tab-separated UTF-8 files next to this
 * program, so that people can review and translate it as text.  At build
 * time this program fills the O2O template with them and writes a
 * .touchloop document.  Any bad line fails the build with FILE:LINE, so a
 * typo never ships a half-filled sample.
 *
 * The messages are for the developer running the build, not for users of
 * the application: they are deliberately not marked for translation, and
 * go to stderr as UTF-8 whatever the locale, since they quote the (Chinese)
 * content of the files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "tl-model.h"
#include "tl-store.h"

#define SAMPLE_LANGUAGE "zh_CN"

/* ------------------------------------------------------------------ */
/* Tab-separated tables                                                */
/* ------------------------------------------------------------------ */

typedef struct {
  const char *name;
  /* The column must be in the header and every row must fill it. */
  gboolean    required;
} Column;

typedef struct {
  guint   line;
  /* One per Column of the table, in Column order; "" when absent. */
  char  **fields;
} Row;

typedef struct {
  char      *path;
  GPtrArray *rows;
} Table;

static void
row_free (Row *row)
{
  g_strfreev (row->fields);
  g_free (row);
}

static void
table_free (Table *table)
{
  g_free (table->path);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Table, table_free)

static void set_line_error (GError     **error,
                            const char  *path,
                            guint        line,
                            const char  *format,
                            ...) G_GNUC_PRINTF (4, 5);

static void
set_line_error (GError     **error,
                const char  *path,
                guint        line,
                const char  *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "%s:%u: %s", path, line, message);
}

/* Undoes the escapes a field may carry: \t, \n and \\.  Anything else
 * after a backslash is a mistake in the file, not something to guess. */
static char *
unescape_field (const char *field,
                char       *bad_escape)
{
  GString *out = g_string_sized_new (strlen (field));

  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p != '\\')
        {
          g_string_append_c (out, *p);
          continue;
        }

      switch (p[1])
        {
        case 'n':
          g_string_append_c (out, '\n');
          break;
        case 't':
          g_string_append_c (out, '\t');
          break;
        case '\\':
          g_string_append_c (out, '\\');
          break;
        default:
          *bad_escape = p[1];
          g_string_free (out, TRUE);
          return NULL;
        }
      p++;
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_blank (const char *line)
{
  for (const char *p = line; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Reads a table whose first line that is neither blank nor a comment (#)
 * names its columns.  Columns may come in any order; missing optional
 * columns (and trailing fields an editor trimmed) read as "". */
static Table *
table_read (const char    *path,
            const Column  *columns,
            guint          n_columns,
            GError       **error)
{
  g_autoptr(Table) table = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree int *position = NULL;
  const char *text;
  const char *invalid;
  gsize length;
  guint n_header = 0;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  if (!g_utf8_validate (contents, length, &invalid))
    {
      guint line = 1;

      for (const char *p = contents; p < invalid; p++)
        if (*p == '\n')
          line++;
      set_line_error (error, path, line,
                      "not valid UTF-8 (or a NUL byte): save the file as UTF-8");
      return NULL;
    }

  text = contents;
  if (g_str_has_prefix (text, "\xEF\xBB\xBF"))
    text += 3;

  table = g_new0 (Table, 1);
  table->path = g_strdup (path);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);

  position = g_new (int, n_columns);
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      char *line = lines[i];
      guint line_number = i + 1;
      gsize len = strlen (line);
      guint n_fields;
      Row *row;

      if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';
      if (is_blank (line) || line[0] == '#')
        continue;

      fields = g_strsplit (line, "\t", -1);
      n_fields = g_strv_length (fields);

      if (n_header == 0)
        {
          for (guint c = 0; c < n_columns; c++)
            position[c] = -1;

          for (guint f = 0; f < n_fields; f++)
            {
              const char *name = g_strstrip (fields[f]);
              gboolean known = FALSE;

              for (guint c = 0; c < n_columns; c++)
                {
                  if (strcmp (name, columns[c].name) != 0)
                    continue;
                  if (position[c] != -1)
                    {
                      set_line_error (error, path, line_number,
                                      "the header names column “%s” twice", name);
                      return NULL;
                    }
                  position[c] = (int)f;
                  known = TRUE;
                }

              if (!known)
                {
                  set_line_error (error, path, line_number,
                                  "unknown column “%s” in the header", name);
                  return NULL;
                }
            }

          for (guint c = 0; c < n_columns; c++)
            if (columns[c].required && position[c] == -1)
              {
                set_line_error (error, path, line_number,
                                "the header lacks the column “%s”", columns[c].name);
                return NULL;
              }

          n_header = n_fields;
          continue;
        }

      if (n_fields > n_header)
        {
          set_line_error (error, path, line_number,
                          "%u fields, but the header has %u: a tab inside a field? Write it as \\t",
                          n_fields, n_header);
          return NULL;
        }

      row = g_new0 (Row, 1);
      row->line = line_number;
      row->fields = g_new0 (char *, n_columns + 1);
      g_ptr_array_add (table->rows, row);

      for (guint c = 0; c < n_columns; c++)
        {
          int f = position[c];
          char bad_escape = '\0';
          char *value;

          value = unescape_field (f >= 0 && (guint)f < n_fields ? fields[f] : "",
                                  &bad_escape);
          if (value == NULL)
            {
              set_line_error (error, path, line_number,
                              "unknown escape “\\%c” in column “%s”: use \\n, \\t or \\\\",
                              bad_escape, columns[c].name);
              return NULL;
            }
          row->fields[c] = g_strstrip (value);

          if (columns[c].required && row->fields[c][0] == '\0')
            {
              set_line_error (error, path, line_number,
                              "column “%s” is empty", columns[c].name);
              return NULL;
            }
        }
    }

  if (n_header == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: no header line (column names) found", path);
      return NULL;
    }

  return g_steal_pointer (&table);
}

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

static gboolean
parse_score (const char  *text,
             guint        scale,
             guint       *score)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, scale, &value, NULL))
    return FALSE;
  *score = (guint)value;
  return TRUE;
}

/* YYYY-MM-DD, a real day. */
static gboolean
parse_date (const char *text)
{
  g_autofree char *year = NULL;
  g_autofree char *month = NULL;
  g_autofree char *day = NULL;
  guint64 y, m, d;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  year = g_strndup (text, 4);
  month = g_strndup (text + 5, 2);
  day = g_strndup (text + 8, 2);
  if (!g_ascii_string_to_unsigned (year, 10, 1, 9999, &y, NULL)
      || !g_ascii_string_to_unsigned (month, 10, 1, 12, &m, NULL)
      || !g_ascii_string_to_unsigned (day, 10, 1, 31, &d, NULL))
    return FALSE;

  return g_date_valid_dmy ((GDateDay)d, (GDateMonth)m, (GDateYear)y);
}

static gboolean
link_resolves (TlDocument *document,
               const char *link)
{
  if (g_str_has_prefix (link, "station:"))
    return tl_document_lookup_station (document, link + strlen ("station:")) != NULL;

  if (g_str_has_prefix (link, "loop:"))
    return tl_document_lookup_loop (document, link + strlen ("loop:")) != NULL;

  if (g_str_has_prefix (link, "cell:"))
    {
      g_autofree char *layer = NULL;
      g_autofree char *type = NULL;

      return tl_cell_id_parse (link + strlen ("cell:"), &layer, &type)
             && tl_document_lookup_cell (document, layer, type) != NULL;
    }

  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Applying the tables                                                 */
/* ------------------------------------------------------------------ */

enum { DOC_KEY, DOC_VALUE, N_DOC_COLUMNS };
static const Column document_columns[] = {
  { "key", TRUE },
  { "value", TRUE },
};

static gboolean
apply_document (TlDocument  *document,
                const char  *path,
                GError     **error)
{
  g_autoptr(Table) table = table_read (path, document_columns, N_DOC_COLUMNS, error);
  gboolean have_title = FALSE;

  if (table == NULL)
    return FALSE;

  for (guint i = 0; i < table->rows->len; i++)
    {
      Row *row = g_ptr_array_index (table->rows, i);

      if (strcmp (row->fields[DOC_KEY], "title") == 0)
        {
          if (have_title)
            {
              set_line_error (error, path, row->line, "a second title");
              return FALSE;
            }
          tl_document_set_title (document, row->fields[DOC_VALUE]);
          have_title = TRUE;
        }
      else
        {
          set_line_error (error, path, row->line,
                          "unknown key “%s”: the only key is “title”",
                          row->fields[DOC_KEY]);
          return FALSE;
        }
    }

  if (!have_title)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: no line gives the title", path);
      return FALSE;
    }

  return TRUE;
}

enum { STATION_ID, STATION_OWNER, STATION_DESCRIPTION, N_STATION_COLUMNS };
static const Column station_columns[] = {
  { "id", TRUE },
  { "owner", FALSE },
  { "description", TRUE },
};

static gboolean
apply_stations (TlDocument  *document,
                const char  *path,
                GError     **error)
{
  g_autoptr(Table) table = table_read (path, station_columns, N_STATION_COLUMNS, error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *stations = tl_document_get_stations (document);

  if (table == NULL)
    return FALSE;

  for (guint i = 0; i < table->rows->len; i++)
    {
      Row *row = g_ptr_array_index (table->rows, i);
      const char *id = row->fields[STATION_ID];
      TlStation *station = tl_document_lookup_station (document, id);

      if (station == NULL)
        {
          set_line_error (error, path, row->line,
                          "no station “%s” in the O2O template", id);
          return FALSE;
        }
      if (!g_hash_table_add (seen, (gpointer)tl_station_get_id (station)))
        {
          set_line_error (error, path, row->line, "station “%s” a second time", id);
          return FALSE;
        }

      tl_station_set_description (station, row->fields[STATION_DESCRIPTION]);
      if (row->fields[STATION_OWNER][0] != '\0')
        tl_station_set_owner (station, row->fields[STATION_OWNER]);
    }

  for (guint i = 0; i < g_list_model_get_n_items (stations); i++)
    {
      g_autoptr(TlStation) station = g_list_model_get_item (stations, i);

      if (!g_hash_table_contains (seen, tl_station_get_id (station)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: station “%s” has no line: the sample describes every station",
                       path, tl_station_get_id (station));
          return FALSE;
        }
    }

  return TRUE;
}

enum { LOOP_ID, LOOP_DESCRIPTION, N_LOOP_COLUMNS };
static const Column loop_columns[] = {
  { "id", TRUE },
  { "description", TRUE },
};

static gboolean
apply_loops (TlDocument  *document,
             const char  *path,
             GError     **error)
{
  g_autoptr(Table) table = table_read (path, loop_columns, N_LOOP_COLUMNS, error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *loops = tl_document_get_loops (document);

  if (table == NULL)
    return FALSE;

  for (guint i = 0; i < table->rows->len; i++)
    {
      Row *row = g_ptr_array_index (table->rows, i);
      const char *id = row->fields[LOOP_ID];
      TlLoop *loop = tl_document_lookup_loop (document, id);

      if (loop == NULL)
        {
          set_line_error (error, path, row->line,
                          "no loop “%s” in the O2O template (loop1 to loop6)", id);
          return FALSE;
        }
      if (!g_hash_table_add (seen, (gpointer)tl_loop_get_id (loop)))
        {
          set_line_error (error, path, row->line, "loop “%s” a second time", id);
          return FALSE;
        }

      tl_loop_set_description (loop, row->fields[LOOP_DESCRIPTION]);
    }

  for (guint i = 0; i < g_list_model_get_n_items (loops); i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);

      if (!g_hash_table_contains (seen, tl_loop_get_id (loop)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: loop “%s” has no line: the sample describes every loop",
                       path, tl_loop_get_id (loop));
          return FALSE;
        }
    }

  return TRUE;
}

enum {
  CELL_LAYER, CELL_TYPE, CELL_CURRENT, CELL_TARGET, CELL_OWNER,
  CELL_DESCRIPTION, CELL_NOTES, N_CELL_COLUMNS
};
static const Column cell_columns[] = {
  { "layer", TRUE },
  { "type", TRUE },
  { "current", TRUE },
  { "target", TRUE },
  { "owner", FALSE },
  { "description", TRUE },
  { "notes", FALSE },
};

static gboolean
apply_matrix (TlDocument  *document,
              const char  *path,
              GError     **error)
{
  g_autoptr(Table) table = table_read (path, cell_columns, N_CELL_COLUMNS, error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *cells = tl_document_get_cells (document);
  guint scale = tl_document_get_score_scale (document);

  if (table == NULL)
    return FALSE;

  for (guint i = 0; i < table->rows->len; i++)
    {
      Row *row = g_ptr_array_index (table->rows, i);
      TlCell *cell = tl_document_lookup_cell (document,
                                              row->fields[CELL_LAYER],
                                              row->fields[CELL_TYPE]);
      guint current, target;

      if (cell == NULL)
        {
          set_line_error (error, path, row->line,
                          "no cell “%s/%s” in the matrix", row->fields[CELL_LAYER],
                          row->fields[CELL_TYPE]);
          return FALSE;
        }
      if (!g_hash_table_add (seen, (gpointer)tl_cell_get_id (cell)))
        {
          set_line_error (error, path, row->line,
                          "cell “%s” a second time", tl_cell_get_id (cell));
          return FALSE;
        }
      if (!parse_score (row->fields[CELL_CURRENT], scale, &current))
        {
          set_line_error (error, path, row->line,
                          "current score “%s” is not a whole number from 1 to %u",
                          row->fields[CELL_CURRENT], scale);
          return FALSE;
        }
      if (!parse_score (row->fields[CELL_TARGET], scale, &target))
        {
          set_line_error (error, path, row->line,
                          "target score “%s” is not a whole number from 1 to %u",
                          row->fields[CELL_TARGET], scale);
          return FALSE;
        }

      tl_cell_set_description (cell, row->fields[CELL_DESCRIPTION]);
      tl_cell_set_current (cell, current);
      tl_cell_set_target (cell, target);
      if (row->fields[CELL_OWNER][0] != '\0')
        tl_cell_set_owner (cell, row->fields[CELL_OWNER]);
      if (row->fields[CELL_NOTES][0] != '\0')
        tl_cell_set_notes (cell, row->fields[CELL_NOTES]);
    }

  for (guint i = 0; i < g_list_model_get_n_items (cells); i++)
    {
      g_autoptr(TlCell) cell = g_list_model_get_item (cells, i);

      if (!g_hash_table_contains (seen, tl_cell_get_id (cell)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: cell “%s” has no line: the sample fills every cell",
                       path, tl_cell_get_id (cell));
          return FALSE;
        }
    }

  return TRUE;
}

enum {
  ITEM_DATE, ITEM_STAGE, ITEM_RATING, ITEM_SOURCE, ITEM_RESPONDENT,
  ITEM_TAGS, ITEM_LINKS, ITEM_TEXT, N_ITEM_COLUMNS
};
static const Column item_columns[] = {
  { "date", FALSE },
  { "stage", FALSE },
  { "rating", FALSE },
  { "source", FALSE },
  { "respondent", FALSE },
  { "tags", FALSE },
  { "links", FALSE },
  { "text", TRUE },
};

static TlFeedbackItem *
item_from_row (TlDocument  *document,
               const char  *path,
               Row         *row,
               GError     **error)
{
  g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
  g_auto(GStrv) tokens = NULL;
  g_autoptr(GPtrArray) links = g_ptr_array_new ();
  const char *date = row->fields[ITEM_DATE];
  const char *stage = row->fields[ITEM_STAGE];
  const char *rating = row->fields[ITEM_RATING];

  tl_feedback_item_set_text (item, row->fields[ITEM_TEXT]);

  if (row->fields[ITEM_SOURCE][0] != '\0')
    tl_feedback_item_set_source (item, row->fields[ITEM_SOURCE]);
  if (row->fields[ITEM_RESPONDENT][0] != '\0')
    tl_feedback_item_set_respondent (item, row->fields[ITEM_RESPONDENT]);
  if (row->fields[ITEM_TAGS][0] != '\0')
    tl_feedback_item_set_tags (item, row->fields[ITEM_TAGS]);

  if (date[0] != '\0')
    {
      if (!parse_date (date))
        {
          set_line_error (error, path, row->line,
                          "date “%s” is not a real day written YYYY-MM-DD", date);
          return NULL;
        }
      tl_feedback_item_set_date (item, date);
    }

  if (stage[0] != '\0')
    {
      if (stage[1] != '\0' || !tl_stage_is_valid (stage[0]))
        {
          set_line_error (error, path, row->line,
                          "stage “%s” is not one of A, B, C, D, E, F", stage);
          return NULL;
        }
      tl_feedback_item_set_stage (item, stage[0]);
    }

  if (rating[0] != '\0')
    {
      guint scale = tl_document_get_score_scale (document);
      guint value;

      if (!parse_score (rating, scale, &value))
        {
          set_line_error (error, path, row->line,
                          "rating “%s” is not a whole number from 1 to %u (or empty)",
                          rating, scale);
          return NULL;
        }
      tl_feedback_item_set_rating (item, value);
    }

  tokens = g_strsplit_set (row->fields[ITEM_LINKS], " ,", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (tokens[i][0] == '\0')
        continue;

      if (!link_resolves (document, tokens[i]))
        {
          set_line_error (error, path, row->line,
                          "link “%s” names nothing in the document: use station:ID, "
                          "loop:ID or cell:LAYER/TYPE", tokens[i]);
          return NULL;
        }
      for (guint j = 0; j < links->len; j++)
        if (strcmp (g_ptr_array_index (links, j), tokens[i]) == 0)
          {
            set_line_error (error, path, row->line, "link “%s” twice", tokens[i]);
            return NULL;
          }
      g_ptr_array_add (links, tokens[i]);
    }
  g_ptr_array_add (links, NULL);
  tl_feedback_item_set_links (item, (const char * const *)links->pdata);

  return g_steal_pointer (&item);
}

static GPtrArray *
read_feedback (TlDocument  *document,
               const char  *path,
               GError     **error)
{
  g_autoptr(Table) table = table_read (path, item_columns, N_ITEM_COLUMNS, error);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) texts = NULL;

  if (table == NULL)
    return NULL;

  items = g_ptr_array_new_with_free_func (g_object_unref);
  /* text → line of its first appearance; the rows own the strings */
  texts = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < table->rows->len; i++)
    {
      Row *row = g_ptr_array_index (table->rows, i);
      TlFeedbackItem *item;
      gpointer first;

      if (g_hash_table_lookup_extended (texts, row->fields[ITEM_TEXT], NULL, &first))
        {
          set_line_error (error, path, row->line,
                          "the same text as line %u: every item is its own voice",
                          GPOINTER_TO_UINT (first));
          return NULL;
        }
      g_hash_table_insert (texts, row->fields[ITEM_TEXT], GUINT_TO_POINTER (row->line));

      if (!(item = item_from_row (document, path, row, error)))
        return NULL;
      g_ptr_array_add (items, item);
    }

  return g_steal_pointer (&items);
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

static gboolean
remove_if_there (const char  *path,
                 GError     **error)
{
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "cannot remove %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* Writes next to @output first and renames, so that a failed build never
 * leaves a file that looks finished. */
static gboolean
write_workspace (TlDocument  *document,
                 GPtrArray   *items,
                 const char  *output,
                 GError     **error)
{
  g_autofree char *partial = g_strconcat (output, ".partial", NULL);
  g_autofree char *journal = g_strconcat (partial, "-journal", NULL);
  g_autoptr(TlStore) store = NULL;

  if (!remove_if_there (partial, error) || !remove_if_there (journal, error))
    return FALSE;

  if (!(store = tl_store_create (partial, document, error)))
    goto failed;

  if (!tl_store_begin (store, error))
    goto failed;
  for (guint i = 0; i < items->len; i++)
    if (tl_store_add_feedback (store, g_ptr_array_index (items, i), error) < 0)
      {
        g_prefix_error (error, "feedback item %u: ", i + 1);
        tl_store_rollback (store);
        goto failed;
      }
  if (!tl_store_commit (store, error))
    goto failed;

  /* Closes the database before the file takes its final name. */
  g_clear_object (&store);

  if (g_rename (partial, output) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "cannot rename %s to %s: %s", partial, output,
                   g_strerror (saved_errno));
      goto failed;
    }

  return TRUE;

failed:
  g_clear_object (&store);
  g_unlink (partial);
  g_unlink (journal);
  return FALSE;
}

static TlDocument *
build_document (const char  *document_path,
                const char  *stations_path,
                const char  *loops_path,
                const char  *matrix_path,
                GError     **error)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o (SAMPLE_LANGUAGE);
  g_autoptr(GPtrArray) problems = NULL;

  if (!apply_document (document, document_path, error)
      || !apply_stations (document, stations_path, error)
      || !apply_loops (document, loops_path, error)
      || !apply_matrix (document, matrix_path, error))
    return NULL;

  problems = tl_document_check (document);
  if (problems->len > 0)
    {
      g_autoptr(GString) message = g_string_new ("the sample document is not sound:");

      for (guint i = 0; i < problems->len; i++)
        g_string_append_printf (message, "\n  %s", (const char *)g_ptr_array_index (problems, i));
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message->str);
      return NULL;
    }

  return g_steal_pointer (&document);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *document_path = NULL;
  g_autofree char *stations_path = NULL;
  g_autofree char *loops_path = NULL;
  g_autofree char *matrix_path = NULL;
  g_autofree char *feedback_path = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "document", 0, 0, G_OPTION_ARG_FILENAME, &document_path,
      "Document properties (key, value)", "FILE" },
    { "stations", 0, 0, G_OPTION_ARG_FILENAME, &stations_path, "Station descriptions", "FILE" },
    { "loops", 0, 0, G_OPTION_ARG_FILENAME, &loops_path, "Loop descriptions", "FILE" },
    { "matrix", 0, 0, G_OPTION_ARG_FILENAME, &matrix_path, "Experience matrix cells", "FILE" },
    { "feedback", 0, 0, G_OPTION_ARG_FILENAME, &feedback_path, "Customer feedback", "FILE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "The .touchloop file to write (replaced)", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlDocument) document = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint n_linked = 0;

  context = g_option_context_new ("- build the Touchloop sample workspace");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "tl-make-sample: %s\n", error->message);
      return 2;
    }
  if (!document_path || !stations_path || !loops_path || !matrix_path
      || !feedback_path || !output || argc > 1)
    {
      fprintf (stderr, "tl-make-sample: give --document, --stations, --loops, --matrix, "
                  "--feedback and --output, and nothing else\n");
      return 2;
    }

  if (!(document = build_document (document_path, stations_path, loops_path,
                                   matrix_path, &error))
      || !(items = read_feedback (document, feedback_path, &error))
      || !write_workspace (document, items, output, &error))
    {
      fprintf (stderr, "tl-make-sample: %s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < items->len; i++)
    {
      const char * const *links = tl_feedback_item_get_links (g_ptr_array_index (items, i));

      if (links != NULL && links[0] != NULL)
        n_linked++;
    }
  printf ("tl-make-sample: wrote %s: %u feedback items, %u linked\n",
           output, items->len, n_linked);

  return 0;
}
