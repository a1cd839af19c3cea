/* tl-cli-info.c: touchloop-cli info FILE [--json] — what a document holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "tl-cli-private.h"

static const char *
or_empty (const char *s)
{
  return s != NULL ? s : "";
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_score (JsonBuilder *builder,
           const char  *name,
           guint        score)
{
  json_builder_set_member_name (builder, name);
  if (score == TL_SCORE_UNSET)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, score);
}

typedef void (*AddItemFunc) (JsonBuilder *builder,
                             gpointer     item);

/* @name: an array of one value per item of @model, in order. */
static void
add_list (JsonBuilder *builder,
          const char  *name,
          GListModel  *model,
          AddItemFunc  add_item)
{
  guint n = g_list_model_get_n_items (model);

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      add_item (builder, item);
    }
  json_builder_end_array (builder);
}

static void
add_station (JsonBuilder *builder,
             gpointer     item)
{
  TlStation *station = item;

  json_builder_begin_object (builder);
  add_string (builder, "id", tl_station_get_id (station));
  add_string (builder, "label", or_empty (tl_station_get_label (station)));
  json_builder_set_member_name (builder, "x");
  json_builder_add_double_value (builder, tl_station_get_x (station));
  json_builder_set_member_name (builder, "y");
  json_builder_add_double_value (builder, tl_station_get_y (station));
  json_builder_end_object (builder);
}

static void
add_loop (JsonBuilder *builder,
          gpointer     item)
{
  TlLoop *loop = item;
  const char * const *ids = tl_loop_get_stations (loop);

  json_builder_begin_object (builder);
  add_string (builder, "id", tl_loop_get_id (loop));
  add_string (builder, "name", or_empty (tl_loop_get_name (loop)));
  add_string (builder, "color", or_empty (tl_loop_get_color (loop)));
  json_builder_set_member_name (builder, "stations");
  json_builder_begin_array (builder);
  for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
    json_builder_add_string_value (builder, ids[j]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_header_id (JsonBuilder *builder,
               gpointer     item)
{
  json_builder_add_string_value (builder, tl_matrix_header_get_id (item));
}

static void
add_cell (JsonBuilder *builder,
          gpointer     item)
{
  TlCell *cell = item;

  json_builder_begin_object (builder);
  add_string (builder, "layer", tl_cell_get_layer (cell));
  add_string (builder, "type", tl_cell_get_type_id (cell));
  add_score (builder, "current", tl_cell_get_current (cell));
  add_score (builder, "target", tl_cell_get_target (cell));
  json_builder_set_member_name (builder, "key");
  json_builder_add_boolean_value (builder, tl_cell_get_key (cell));
  json_builder_end_object (builder);
}

JsonNode *
tl_cli_info_to_json (TlStore *store,
                     guint    format_version)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  TlDocument *document;

  g_return_val_if_fail (TL_IS_STORE (store), NULL);

  document = tl_store_get_document (store);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "format_version");
  json_builder_add_int_value (builder, format_version);
  add_string (builder, "title", or_empty (tl_document_get_title (document)));
  add_string (builder, "language", or_empty (tl_document_get_language (document)));

  add_list (builder, "stations", tl_document_get_stations (document), add_station);
  add_list (builder, "loops", tl_document_get_loops (document), add_loop);

  json_builder_set_member_name (builder, "matrix");
  json_builder_begin_object (builder);
  add_list (builder, "layers", tl_document_get_layers (document), add_header_id);
  add_list (builder, "types", tl_document_get_types (document), add_header_id);
  add_list (builder, "cells", tl_document_get_cells (document), add_cell);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "feedback");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, tl_store_count_feedback (store));
  json_builder_set_member_name (builder, "linked");
  json_builder_add_int_value (builder, tl_store_count_linked_feedback (store));
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  /* JSON is UTF-8 whatever the locale: no charset conversion here. */
  fputs (text, stdout);
  fputc ('\n', stdout);
}

static char *
cycle_text (TlLoop *loop)
{
  const char * const *ids = tl_loop_get_stations (loop);
  g_autoptr(GString) text = g_string_new (NULL);

  if (ids == NULL || ids[0] == NULL)
    return g_string_free (g_steal_pointer (&text), FALSE);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_string_append (text, ids[i]);
      g_string_append (text, " → ");
    }
  /* A loop returns to its start: show that it closes. */
  g_string_append (text, ids[0]);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
print_summary (TlStore *store,
               guint    format_version)
{
  TlDocument *document = tl_store_get_document (store);
  GListModel *stations = tl_document_get_stations (document);
  GListModel *loops = tl_document_get_loops (document);
  GListModel *cells = tl_document_get_cells (document);
  guint n_stations = g_list_model_get_n_items (stations);
  guint n_loops = g_list_model_get_n_items (loops);
  guint n_cells = g_list_model_get_n_items (cells);
  guint n_key = 0;
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, tl_store_count_feedback (store));
  g_autofree char *linked = g_strdup_printf ("%" G_GINT64_FORMAT, tl_store_count_linked_feedback (store));
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < n_cells; i++)
    {
      g_autoptr(TlCell) cell = g_list_model_get_item (cells, i);

      if (tl_cell_get_key (cell))
        n_key++;
    }

  g_string_append_printf (out, _("Title: %s"), or_empty (tl_document_get_title (document)));
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Language: %s"), or_empty (tl_document_get_language (document)));
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Format version: %u"), format_version);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Stations: %u"), n_stations);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Loops: %u"), n_loops);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Matrix: %u layers × %u types, %u cells, %u of them key"),
                          g_list_model_get_n_items (tl_document_get_layers (document)),
                          g_list_model_get_n_items (tl_document_get_types (document)),
                          n_cells, n_key);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Feedback: %s items, %s linked"), count, linked);
  g_string_append_c (out, '\n');

  if (n_stations > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Stations:"));
      for (guint i = 0; i < n_stations; i++)
        {
          g_autoptr(TlStation) station = g_list_model_get_item (stations, i);

          g_string_append_printf (out, "  %s  %s\n",
                                  tl_station_get_id (station),
                                  or_empty (tl_station_get_label (station)));
        }
    }

  if (n_loops > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Loops:"));
      for (guint i = 0; i < n_loops; i++)
        {
          g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);
          g_autofree char *cycle = cycle_text (loop);

          g_string_append_printf (out, "  %s  %s\n    %s\n",
                                  tl_loop_get_id (loop),
                                  or_empty (tl_loop_get_name (loop)),
                                  cycle);
        }
    }

  g_print ("%s", out->str);
}

int
tl_cli_command_info (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  guint format_version = 0;
  const char *path;
  const GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json,
      N_("Print the summary as JSON, for scripts"),
      NULL },
    G_OPTION_ENTRY_NULL
  };

  context = tl_cli_option_context_new ("info", N_("FILE"),
                                       N_("Shows the title, language, stations, loops, matrix and feedback counts of the Touchloop document FILE. The file is only read, never changed."),
                                       entries);
  if (!tl_cli_parse_options (context, "info", &argc, &argv))
    return TL_CLI_EXIT_USAGE;

  path = tl_cli_single_file ("info", argc, argv);
  if (path == NULL)
    return TL_CLI_EXIT_USAGE;

  store = tl_store_open (path, TL_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return tl_cli_fail (error);

  if (!tl_cli_read_format_version (path, &format_version, &error))
    return tl_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonNode) root = tl_cli_info_to_json (store, format_version);

      print_json (root);
    }
  else
    {
      print_summary (store, format_version);
    }

  return TL_CLI_EXIT_OK;
}
