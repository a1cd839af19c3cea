/* tl-feedback-util.c: what the feedback widgets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-feedback-util.h"

char *
_tl_link_make (const char *kind,
               const char *id)
{
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_strconcat (kind, ":", id, NULL);
}

gboolean
_tl_link_parse (const char  *link,
                char       **kind,
                char       **id)
{
  const char *colon;

  if (link == NULL || (colon = strchr (link, ':')) == NULL || colon[1] == '\0')
    return FALSE;

  if (strncmp (link, "station:", colon - link + 1) != 0 &&
      strncmp (link, "loop:", colon - link + 1) != 0 &&
      strncmp (link, "cell:", colon - link + 1) != 0)
    return FALSE;

  if (kind != NULL)
    *kind = g_strndup (link, colon - link);
  if (id != NULL)
    *id = g_strdup (colon + 1);
  return TRUE;
}

static const char *
nonempty (const char *a,
          const char *b)
{
  return a != NULL && *a != '\0' ? a : b;
}

char *
_tl_link_describe (TlDocument *document,
                   const char *link)
{
  g_autofree char *kind = NULL;
  g_autofree char *id = NULL;

  if (!_tl_link_parse (link, &kind, &id))
    return g_strdup (link != NULL ? link : "");
  if (document == NULL)
    return g_steal_pointer (&id);

  if (g_str_equal (kind, "station"))
    {
      TlStation *station = tl_document_lookup_station (document, id);

      return g_strdup (station != NULL ? nonempty (tl_station_get_label (station), id) : id);
    }
  else if (g_str_equal (kind, "loop"))
    {
      TlLoop *loop = tl_document_lookup_loop (document, id);

      return g_strdup (loop != NULL ? nonempty (tl_loop_get_name (loop), id) : id);
    }
  else
    {
      g_autofree char *layer_id = NULL;
      g_autofree char *type_id = NULL;
      TlMatrixHeader *layer;
      TlMatrixHeader *type;

      if (!tl_cell_id_parse (id, &layer_id, &type_id))
        return g_steal_pointer (&id);

      layer = tl_document_lookup_layer (document, layer_id);
      type = tl_document_lookup_type (document, type_id);

      /* Translators: a matrix cell, "touchpoint layer × experience type" */
      return g_strdup_printf (_("%s × %s"),
                              layer != NULL ? nonempty (tl_matrix_header_get_label (layer), layer_id) : layer_id,
                              type != NULL ? nonempty (tl_matrix_header_get_label (type), type_id) : type_id);
    }
}

char *
_tl_links_describe (TlDocument         *document,
                    const char * const *links)
{
  GString *s;

  if (links == NULL || links[0] == NULL)
    return NULL;

  s = g_string_new (NULL);
  for (guint i = 0; links[i] != NULL; i++)
    {
      g_autofree char *label = _tl_link_describe (document, links[i]);

      if (i > 0)
        {
          /* Translators: between the items of a list, as in "Online
           * order, Cloud production" (Chinese uses "、") */
          g_string_append (s, C_("list separator", ", "));
        }
      g_string_append (s, label);
    }

  return g_string_free (s, FALSE);
}

const char *
_tl_link_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "station") == 0)
    return _("Station");
  if (g_strcmp0 (kind, "loop") == 0)
    return _("Loop");
  if (g_strcmp0 (kind, "cell") == 0)
    return _("Matrix cell");
  return "";
}

char *
_tl_stage_describe (char stage)
{
  const char *name = tl_stage_label (stage, tl_language_from_environment ());

  if (name == NULL)
    return NULL;

  /* Translators: a customer stage, its letter and its name, as in "C · Customer" */
  return g_strdup_printf (_("%c · %s"), stage, name);
}

typedef struct {
  gunichar *chars;
  glong     len;
} Term;

static GArray *
split_terms (const char *query)
{
  GArray *terms = g_array_new (FALSE, FALSE, sizeof (Term));
  g_auto(GStrv) words = NULL;

  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    return terms;

  words = g_strsplit_set (query, " \t\r\n\u3000", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      Term term;

      if (*words[i] == '\0')
        continue;
      term.chars = g_utf8_to_ucs4_fast (words[i], -1, &term.len);
      for (glong k = 0; k < term.len; k++)
        term.chars[k] = g_unichar_tolower (term.chars[k]);
      g_array_append_val (terms, term);
    }
  return terms;
}

/* The length in bytes of @term matched at @p, or 0 */
static gsize
match_at (const char *p,
          const Term *term)
{
  const char *q = p;

  for (glong k = 0; k < term->len; k++)
    {
      gunichar c;

      if (*q == '\0')
        return 0;
      c = g_utf8_get_char (q);
      if (g_unichar_tolower (c) != term->chars[k])
        return 0;
      q = g_utf8_next_char (q);
    }
  return q - p;
}

GArray *
_tl_search_matches (const char *text,
                    const char *query)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) terms = split_terms (query);
  const char *p;

  if (text == NULL || terms->len == 0 || !g_utf8_validate (text, -1, NULL))
    goto out;

  p = text;
  while (*p != '\0')
    {
      gsize best = 0;

      for (guint t = 0; t < terms->len; t++)
        best = MAX (best, match_at (p, &g_array_index (terms, Term, t)));

      if (best > 0)
        {
          guint start = p - text;
          guint end = start + best;

          g_array_append_val (matches, start);
          g_array_append_val (matches, end);
          p += best;
        }
      else
        p = g_utf8_next_char (p);
    }

out:
  for (guint t = 0; t < terms->len; t++)
    g_free (g_array_index (terms, Term, t).chars);
  return matches;
}

PangoAttrList *
_tl_search_highlight (const char    *text,
                      const char    *query,
                      PangoAttrList *base)
{
  g_autoptr(GArray) matches = NULL;
  PangoAttrList *attrs;

  if (query == NULL || *query == '\0' || text == NULL)
    return base != NULL ? pango_attr_list_ref (base) : NULL;

  matches = _tl_search_matches (text, query);
  if (matches->len == 0)
    return base != NULL ? pango_attr_list_ref (base) : NULL;

  attrs = base != NULL ? pango_attr_list_copy (base) : pango_attr_list_new ();
  for (guint i = 0; i + 1 < matches->len; i += 2)
    {
      guint start = g_array_index (matches, guint, i);
      guint end = g_array_index (matches, guint, i + 1);
      PangoAttribute *attr;

      /* Black on yellow, as a search in a browser marks: it reads the
       * same on light and dark rows. */
      attr = pango_attr_background_new (0xf6f6, 0xd3d3, 0x2d2d);
      attr->start_index = start;
      attr->end_index = end;
      pango_attr_list_insert (attrs, attr);
      attr = pango_attr_foreground_new (0, 0, 0);
      attr->start_index = start;
      attr->end_index = end;
      pango_attr_list_insert (attrs, attr);
      attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      attr->start_index = start;
      attr->end_index = end;
      pango_attr_list_insert (attrs, attr);
    }

  return attrs;
}

const char *
_tl_pango_language_of (const char *language)
{
  if (g_strcmp0 (language, "zh_CN") == 0)
    return "zh-cn";
  if (g_strcmp0 (language, "zh_TW") == 0)
    return "zh-tw";
  return NULL;
}

char *
_tl_format_count (guint64 n)
{
  /* The ' flag groups thousands the locale's way ("1,000,000"). */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

void
_tl_feedback_item_copy_fields (TlFeedbackItem *dest,
                               TlFeedbackItem *src)
{
  g_return_if_fail (TL_IS_FEEDBACK_ITEM (dest));
  g_return_if_fail (TL_IS_FEEDBACK_ITEM (src));

  tl_feedback_item_set_text (dest, tl_feedback_item_get_text (src));
  tl_feedback_item_set_source (dest, tl_feedback_item_get_source (src));
  tl_feedback_item_set_date (dest, tl_feedback_item_get_date (src));
  tl_feedback_item_set_stage (dest, tl_feedback_item_get_stage (src));
  if (tl_feedback_item_has_rating (src))
    tl_feedback_item_set_rating (dest, tl_feedback_item_get_rating (src));
  else
    tl_feedback_item_clear_rating (dest);
  tl_feedback_item_set_rating_original (dest, tl_feedback_item_get_rating_original (src));
  tl_feedback_item_set_respondent (dest, tl_feedback_item_get_respondent (src));
  tl_feedback_item_set_tags (dest, tl_feedback_item_get_tags (src));
  tl_feedback_item_set_phase (dest, tl_feedback_item_get_phase (src));
  tl_feedback_item_set_links (dest, tl_feedback_item_get_links (src));
  tl_feedback_item_set_n_images (dest, tl_feedback_item_get_n_images (src));
}

void
_tl_feedback_ensure_css (void)
{
  static gboolean done;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (done || display == NULL)
    return;
  done = TRUE;

  /* Strength pills: colour plus the word, never colour alone.  A canvas
   * that would take a drop of feedback rows says so with a ring. */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider,
    ".tl-strength { border-radius: 999px; padding: 2px 10px; font-weight: bold; }\n"
    ".tl-strength-none { color: alpha(currentColor, 0.7); background: alpha(currentColor, 0.08); }\n"
    ".tl-strength-weak { color: @warning_color; background: alpha(@warning_color, 0.15); }\n"
    ".tl-strength-moderate { color: @accent_color; background: alpha(@accent_color, 0.15); }\n"
    ".tl-strength-strong { color: @success_color; background: alpha(@success_color, 0.18); }\n"
    ".tl-thumbnail { border-radius: 6px; }\n"
    ".tl-help-popover label { margin: 6px; }\n"
    ".tl-drag-badge { background: @accent_bg_color; color: @accent_fg_color; border-radius: 999px;"
    " padding: 4px 12px; font-weight: bold; }\n"
    "tl-canvas-view:drop(active) { box-shadow: inset 0 0 0 3px alpha(@accent_color, 0.6); }\n",
    -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}
