/* tl-cli-search.c: touchloop-cli search FILE QUERY — the feedback whose
 * text contains QUERY, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-cli-private.h"
#include "tl-value-parse.h"

#define DEFAULT_LIMIT 50

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_item (JsonBuilder    *builder,
          TlFeedbackItem *item)
{
  const char * const *links = tl_feedback_item_get_links (item);
  char stage[2] = { tl_feedback_item_get_stage (item), '\0' };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, tl_feedback_item_get_id (item));
  add_string_or_null (builder, "text", tl_feedback_item_get_text (item));
  add_string_or_null (builder, "date", tl_feedback_item_get_date (item));
  add_string_or_null (builder, "source", tl_feedback_item_get_source (item));
  add_string_or_null (builder, "stage", stage[0] != '\0' ? stage : NULL);
  json_builder_set_member_name (builder, "rating");
  if (tl_feedback_item_has_rating (item))
    json_builder_add_double_value (builder, tl_feedback_item_get_rating (item));
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "links");
  json_builder_begin_array (builder);
  for (guint i = 0; links != NULL && links[i] != NULL; i++)
    {
      const char *colon = strchr (links[i], ':');
      g_autofree char *kind = NULL;

      if (colon == NULL)
        continue;
      kind = g_strndup (links[i], colon - links[i]);
      json_builder_begin_object (builder);
      add_string_or_null (builder, "kind", kind);
      add_string_or_null (builder, "id", colon + 1);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* One line an item: id, date, stage, rating, source, then the text on
 * the same line, tab-separated. */
static void
print_item (GString        *out,
            TlFeedbackItem *item)
{
  const char *text = tl_feedback_item_get_text (item);
  char stage[2] = { tl_feedback_item_get_stage (item), '\0' };

  g_string_append_printf (out, "%" G_GINT64_FORMAT "\t%s\t%s\t",
                          tl_feedback_item_get_id (item),
                          tl_feedback_item_get_date (item) != NULL ? tl_feedback_item_get_date (item) : "-",
                          stage[0] != '\0' ? stage : "-");
  if (tl_feedback_item_has_rating (item))
    g_string_append_printf (out, "%.1f", tl_feedback_item_get_rating (item));
  else
    g_string_append_c (out, '-');
  g_string_append_printf (out, "\t%s\t",
                          tl_feedback_item_get_source (item) != NULL ? tl_feedback_item_get_source (item) : "-");
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    g_string_append_c (out, *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p);
  g_string_append_c (out, '\n');
}

int
tl_cli_command_search (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TlStore) store = NULL;
  g_autoptr(TlFeedbackQuery) query = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stage_arg = NULL;
  g_autofree char *source_arg = NULL;
  g_autofree char *text = NULL;
  gboolean json = FALSE;
  int limit = DEFAULT_LIMIT;
  const char *operands[2] = { NULL, NULL };
  guint n = 0;
  gboolean seen_dashes = FALSE;
  const GOptionEntry entries[] = {
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage_arg,
      N_("Only feedback from customers at STAGE: A to F, or a stage’s name such as 顾客 or customer"),
      N_("STAGE") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source_arg,
      N_("Only feedback from SOURCE, exactly as it is written in the document"),
      N_("SOURCE") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit,
      N_("Show at most N items, newest first (default 50; 0 for all)"),
      N_("N") },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json,
      N_("Print the items as a JSON array, for scripts"),
      NULL },
    G_OPTION_ENTRY_NULL
  };

  context = tl_cli_option_context_new ("search", N_("FILE QUERY"),
                                       N_("Lists the customer feedback in the Touchloop document FILE whose text contains QUERY (in any case for Latin letters; one or two Chinese characters are enough), newest first. An empty QUERY lists everything. FILE is only read, never changed."),
                                       entries);
  if (!tl_cli_parse_options (context, "search", &argc, &argv))
    return TL_CLI_EXIT_USAGE;

  for (int i = 1; i < argc; i++)
    {
      if (!seen_dashes && strcmp (argv[i], "--") == 0)
        {
          seen_dashes = TRUE;
          continue;
        }
      if (n == 2)
        {
          g_autofree char *arg = g_filename_display_name (argv[i]);

          return tl_cli_usage_error ("search", _("Unexpected argument “%s”: give a FILE and one QUERY (quote a query with spaces)."),
                                     arg);
        }
      operands[n++] = argv[i];
    }

  if (n == 0)
    return tl_cli_usage_error ("search", "%s", _("No FILE given."));
  if (n == 1)
    return tl_cli_usage_error ("search", "%s", _("No QUERY given: say what to look for, or \"\" for everything."));
  if (*operands[0] == '\0')
    return tl_cli_usage_error ("search", "%s", _("The FILE name is empty."));

  text = tl_cli_text_from_arg (operands[1]);
  if (text == NULL)
    return tl_cli_usage_error ("search", "%s",
                               _("The QUERY is not valid text in your locale’s encoding; give it in UTF-8."));

  if (limit < 0)
    return tl_cli_usage_error ("search", _("The limit must be 0 (no limit) or more, not %d."), limit);

  query = tl_feedback_query_new ();
  g_free (query->text);
  query->text = g_strdup (text);
  query->limit = limit;

  if (stage_arg != NULL)
    {
      g_autofree char *stage_text = tl_cli_text_from_arg (stage_arg);
      char stage = '\0';

      if (stage_text == NULL || !tl_value_parse_stage (stage_text, &stage) || stage == '\0')
        return tl_cli_usage_error ("search",
                                   _("Unknown customer stage “%s”; use A to F, or a stage’s name such as 顾客 or customer."),
                                   stage_text != NULL ? stage_text : stage_arg);
      query->stages = TL_STAGE_BIT (stage);
    }

  if (source_arg != NULL)
    {
      query->source = tl_cli_text_from_arg (source_arg);
      if (query->source == NULL)
        return tl_cli_usage_error ("search", "%s",
                                   _("The source is not valid text in your locale’s encoding; give it in UTF-8."));
    }

  store = tl_store_open (operands[0], TL_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return tl_cli_fail (error);

  ids = tl_store_query_feedback_ids (store, query, NULL, &error);
  if (ids == NULL)
    return tl_cli_fail (error);

  items = tl_store_fetch_feedback (store, (const gint64 *) (gpointer) ids->data, ids->len, &error);
  if (items == NULL)
    return tl_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < items->len; i++)
        add_item (builder, items->pdata[i]);
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      tl_cli_print_json (root);
    }
  else if (items->len == 0)
    {
      g_print (_("No feedback contains “%s”."), text);
      g_print ("\n");
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);

      for (guint i = 0; i < items->len; i++)
        print_item (out, items->pdata[i]);
      g_print ("%s", out->str);
    }

  return TL_CLI_EXIT_OK;
}
