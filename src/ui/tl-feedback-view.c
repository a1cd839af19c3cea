/* tl-feedback-view.c: the Feedback page, a table of a document's feedback
 *
 * A GtkColumnView over TlFeedbackListModel, which pages the items in from
 * the store.  Binding a row must stay cheap (it runs for every row that
 * scrolls into view, a million rows deep): it formats what the item holds
 * and looks link targets up in the in-memory document, never in SQLite.
 *
 * Searching, filtering and sorting are one TlFeedbackQuery the store runs
 * (in a worker thread): nothing is sorted or filtered in memory.  GTK 4.8
 * cannot say which column a GtkColumnView sorts by
 * (gtk_column_view_sorter_get_primary_sort_column() is 4.10), so each
 * column's sorter is a probe: comparing two items through the view's
 * sorter calls the primary column's sorter first, which records itself,
 * and the sign of the result tells the direction.
 *
 * With a session the page edits: quick-add, the side editor, deleting,
 * linking (drag rows onto the diagram or the matrix, or Link To…), each a
 * command on the session's undo stack.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <adwaita.h>

#include "tl-feedback-data.h"
#include "tl-feedback-editor.h"
#include "tl-feedback-list-model.h"
#include "tl-feedback-util.h"
#include "tl-feedback-view.h"
#include "tl-feedback-view-private.h"
#include "tl-link-dialog.h"

/* Longer text is cut before it reaches Pango: a cell shows one ellipsized
 * line, and shaping a whole long answer for every bound row is wasted. */
#define CELL_TEXT_MAX_CHARS    300
#define TOOLTIP_TEXT_MAX_CHARS 2000
/* Typing waits this long before the query runs */
#define SEARCH_DELAY           150
#define EDITOR_WIDTH           340

/* What each column shows, for rebinding the rows on screen */
typedef enum {
  COLUMN_TEXT,
  COLUMN_SOURCE,
  COLUMN_DATE,
  COLUMN_STAGE,
  COLUMN_RATING,
  COLUMN_LINKS,
} Column;

struct _TlFeedbackView
{
  GtkWidget            parent_instance;

  TlSession           *session;
  TlStore             *store;
  TlDocument          *document;        /* the store's; names link targets */
  TlFeedbackListModel *model;
  TlFeedbackQuery     *query;           /* what the page asks for */
  const char          *ui_language;     /* "zh_CN", "zh_TW" or "en" */
  PangoAttrList       *text_attrs;      /* language of feedback text, or NULL */
  GHashTable          *bound_cells;     /* GtkListItem → Column, bound now */
  gboolean             load_pending;    /* the store changed while the page was hidden */
  gboolean             follow_selection;/* linked_to follows the session's selection */
  gboolean             busy;            /* an import holds the store */
  guint                search_source;
  guint                refresh_source;
  guint                select_source;
  gint64               n_total;         /* counted once per change of the store */
  gint64               n_linked;
  gboolean             counts_stale;
  gint64               select_after_load;
  TlFeedbackEditor    *editor;

  /* filter popover */
  GtkToggleButton     *stage_buttons[7];
  GtkDropDown         *source_dropdown;
  GtkStringList       *source_list;
  GtkCheckButton      *rating_check;
  GtkSpinButton       *rating_min;
  GtkSpinButton       *rating_max;
  GtkEntry            *date_from;
  GtkEntry            *date_to;
  GtkEntry            *tag_entry;
  GtkDropDown         *images_dropdown;
  GtkDropDown         *linked_dropdown;
  gboolean             updating_filters;

  /* template */
  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkMultiSelection   *selection;
  GtkLabel            *count_label;
  GtkEntry            *quick_add_entry;
  GtkSearchEntry      *search_entry;
  GtkMenuButton       *filter_button;
  GtkRevealer         *editor_revealer;
  GtkBox              *editor_box;
  GtkColumnViewColumn *text_column;
  GtkColumnViewColumn *source_column;
  GtkColumnViewColumn *date_column;
  GtkColumnViewColumn *stage_column;
  GtkColumnViewColumn *rating_column;
};

G_DEFINE_FINAL_TYPE (TlFeedbackView, tl_feedback_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SESSION,
  N_PROPS
};

enum {
  IMPORT_TEXT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Text a cell shows when there is no value. */
#define NO_VALUE "—"

/* A copy of @text fit for a cell or a tooltip: at most @max_chars
 * characters (cut at the first invalid byte, too), and for a cell line
 * breaks and tabs turned into spaces.  NULL when @text can be shown as is. */
static char *
fit_text (const char *text,
          glong       max_chars,
          gboolean    keep_newlines)
{
  const char *end;
  glong n_chars;
  gboolean cut;
  GString *s;

  if (text == NULL)
    return NULL;

  g_utf8_validate (text, -1, &end);
  n_chars = g_utf8_strlen (text, end - text);
  cut = *end != '\0' || n_chars > max_chars;
  if (!cut && (keep_newlines || strpbrk (text, "\r\n\t") == NULL))
    return NULL;

  if (n_chars > max_chars)
    end = g_utf8_offset_to_pointer (text, max_chars);

  s = g_string_new_len (text, end - text);
  if (!keep_newlines)
    {
      for (gsize i = 0; i < s->len; i++)
        if (s->str[i] == '\r' || s->str[i] == '\n' || s->str[i] == '\t')
          s->str[i] = ' ';
    }
  if (cut)
    g_string_append (s, "…");

  return g_string_free (s, FALSE);
}

/* Shows @text, or a dimmed dash when there is none. */
static void
set_cell_text (GtkLabel   *label,
               const char *text)
{
  gboolean has_text = text != NULL && *text != '\0';

  gtk_label_set_text (label, has_text ? text : NO_VALUE);
  if (has_text)
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
}

static GtkLabel *
list_item_label (GtkListItem *list_item)
{
  return GTK_LABEL (gtk_list_item_get_child (list_item));
}

/* What a cell's tooltip shows.  Tooltips are worked out when asked for
 * (::query-tooltip), not set in bind: on GTK 4.8 every
 * gtk_widget_set_tooltip_text() asks the X server where the pointer is,
 * a round trip that made a jump across a million rows take 300 ms. */
typedef enum {
  TOOLTIP_NONE,
  TOOLTIP_FULL_TEXT,    /* the item's whole text: the cell shows one line */
  TOOLTIP_FULL_DATE,    /* the date with its time: the cell shows the day */
  TOOLTIP_ELLIPSIZED,   /* the cell's own text, when it does not fit */
} TooltipKind;

static GQuark tooltip_kind_quark;
static GQuark list_item_quark;

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

char *
_tl_feedback_view_dup_cell_tooltip (GtkWidget *cell)
{
  TooltipKind kind;
  GWeakRef *ref;
  g_autoptr(GtkListItem) list_item = NULL;
  TlFeedbackItem *item = NULL;
  const char *shown;
  gboolean ellipsized;

  g_return_val_if_fail (GTK_IS_LABEL (cell), NULL);

  kind = GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (cell), tooltip_kind_quark));
  ref = g_object_get_qdata (G_OBJECT (cell), list_item_quark);
  if (kind == TOOLTIP_NONE || ref == NULL)
    return NULL;

  list_item = g_weak_ref_get (ref);
  if (list_item != NULL)
    item = gtk_list_item_get_item (list_item);
  if (item == NULL)
    return NULL;

  shown = gtk_label_get_text (GTK_LABEL (cell));
  ellipsized = pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (cell)));

  switch (kind)
    {
    case TOOLTIP_FULL_TEXT:
      {
        const char *text = tl_feedback_item_get_text (item);
        char *tooltip;

        if (text == NULL || *text == '\0' || (!ellipsized && strcmp (shown, text) == 0))
          return NULL;
        tooltip = fit_text (text, TOOLTIP_TEXT_MAX_CHARS, TRUE);
        return tooltip != NULL ? tooltip : g_strdup (text);
      }

    case TOOLTIP_FULL_DATE:
      {
        const char *date = tl_feedback_item_get_date (item);

        if (date == NULL || strcmp (shown, date) == 0 || !g_utf8_validate (date, -1, NULL))
          return NULL;
        return g_strdup (date);
      }

    case TOOLTIP_ELLIPSIZED:
      return ellipsized ? g_strdup (shown) : NULL;

    case TOOLTIP_NONE:
    default:
      return NULL;
    }
}

static gboolean
query_tooltip_cb (GtkWidget  *label,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  g_autofree char *text = _tl_feedback_view_dup_cell_tooltip (label);

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void drag_prepare_setup (TlFeedbackView *self, GtkWidget *cell, GtkListItem *list_item);

static void
add_cell_label (TlFeedbackView *self,
                GtkListItem    *list_item,
                TooltipKind     tooltip_kind,
                const char     *css_class,
                int             width_chars)
{
  GtkWidget *label = gtk_label_new (NULL);
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  g_weak_ref_init (ref, list_item);
  g_object_set_qdata_full (G_OBJECT (label), list_item_quark, ref, weak_ref_free);

  if (tooltip_kind != TOOLTIP_NONE)
    {
      g_object_set_qdata (G_OBJECT (label), tooltip_kind_quark, GINT_TO_POINTER (tooltip_kind));
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
    }

  /* Rows are dragged by any of their cells onto the diagram or matrix. */
  drag_prepare_setup (self, label, list_item);

  gtk_list_item_set_child (list_item, label);
}

/* ---- binding rows ------------------------------------------------------ */

static void
set_links_text (TlFeedbackView *self,
                GtkListItem    *list_item)
{
  TlFeedbackItem *item = gtk_list_item_get_item (list_item);
  GtkLabel *label = list_item_label (list_item);
  g_autofree char *text = NULL;

  if (item != NULL)
    text = _tl_links_describe (self->document, tl_feedback_item_get_links (item));

  gtk_label_set_attributes (label, self->text_attrs);
  set_cell_text (label, text);
}

/* Free text (what the customer said, where): shortened to what a cell
 * shows, with the language attributes that pick the right CJK glyphs and
 * the matches of the search marked. */
static void
bind_free_text (TlFeedbackView *self,
                GtkListItem    *list_item,
                const char     *text,
                gboolean        highlight)
{
  GtkLabel *label = list_item_label (list_item);
  g_autofree char *cell_text = fit_text (text, CELL_TEXT_MAX_CHARS, FALSE);
  const char *shown = cell_text != NULL ? cell_text : text;
  const char *search = self->query->text;

  if (highlight && search != NULL && *search != '\0' && shown != NULL)
    {
      PangoAttrList *attrs = _tl_search_highlight (shown, search, self->text_attrs);

      gtk_label_set_attributes (label, attrs);
      g_clear_pointer (&attrs, pango_attr_list_unref);
    }
  else
    gtk_label_set_attributes (label, self->text_attrs);
  set_cell_text (label, shown);
}

static void
bind_column (TlFeedbackView *self,
             GtkListItem    *list_item,
             Column          column)
{
  TlFeedbackItem *item = gtk_list_item_get_item (list_item);
  GtkLabel *label = list_item_label (list_item);

  if (item == NULL)
    return;

  switch (column)
    {
    case COLUMN_TEXT:
      bind_free_text (self, list_item, tl_feedback_item_get_text (item), TRUE);
      break;

    case COLUMN_SOURCE:
      bind_free_text (self, list_item, tl_feedback_item_get_source (item), FALSE);
      break;

    case COLUMN_DATE:
      {
        const char *date = tl_feedback_item_get_date (item);
        g_autofree char *day = NULL;

        /* ISO 8601: the date part ends where the time begins. */
        if (date != NULL && *date != '\0')
          day = g_strndup (date, strcspn (date, "T "));
        set_cell_text (label, day != NULL && g_utf8_validate (day, -1, NULL) ? day : NULL);
      }
      break;

    case COLUMN_STAGE:
      {
        char stage = tl_feedback_item_get_stage (item);
        const char *name = tl_stage_label (stage, self->ui_language);
        g_autofree char *text = NULL;

        /* Translators: a customer stage, its letter and its name, as in "C · Customer" */
        if (name != NULL)
          text = g_strdup_printf (_("%c · %s"), stage, name);
        set_cell_text (label, text);
      }
      break;

    case COLUMN_RATING:
      {
        g_autofree char *text = NULL;

        if (tl_feedback_item_has_rating (item))
          text = g_strdup_printf ("%.1f", tl_feedback_item_get_rating (item));
        set_cell_text (label, text);
      }
      break;

    case COLUMN_LINKS:
      set_links_text (self, list_item);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
bind_cell (TlFeedbackView *self,
           GtkListItem    *list_item,
           Column          column)
{
  g_hash_table_insert (self->bound_cells, list_item, GINT_TO_POINTER (column));
  bind_column (self, list_item, column);
}

static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               TlFeedbackView           *self)
{
  /* 20 characters keep the column usable in a narrow window. */
  add_cell_label (self, list_item, TOOLTIP_FULL_TEXT, NULL, 20);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                TlFeedbackView           *self)
{
  add_cell_label (self, list_item, TOOLTIP_ELLIPSIZED, NULL, -1);
}

static void
setup_date_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               TlFeedbackView           *self)
{
  add_cell_label (self, list_item, TOOLTIP_FULL_DATE, "numeric", -1);
}

static void
setup_number_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 TlFeedbackView           *self)
{
  add_cell_label (self, list_item, TOOLTIP_NONE, "numeric", -1);
}

static void
unbind_label_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 TlFeedbackView           *self)
{
  g_hash_table_remove (self->bound_cells, list_item);
  gtk_label_set_text (list_item_label (list_item), "");
  gtk_label_set_attributes (list_item_label (list_item), NULL);
}

static void
bind_text_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              TlFeedbackView           *self)
{
  bind_cell (self, list_item, COLUMN_TEXT);
}

static void
bind_source_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                TlFeedbackView           *self)
{
  bind_cell (self, list_item, COLUMN_SOURCE);
}

static void
bind_date_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              TlFeedbackView           *self)
{
  bind_cell (self, list_item, COLUMN_DATE);
}

static void
bind_stage_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               TlFeedbackView           *self)
{
  bind_cell (self, list_item, COLUMN_STAGE);
}

static void
bind_rating_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                TlFeedbackView           *self)
{
  bind_cell (self, list_item, COLUMN_RATING);
}

static void
bind_links_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               TlFeedbackView           *self)
{
  bind_cell (self, list_item, COLUMN_LINKS);
}

static void
unbind_links_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 TlFeedbackView           *self)
{
  unbind_label_cb (factory, list_item, self);
}

/* Binds every row on screen again: after a search (highlights), a
 * rename (link names), an edit (fields). */
static void
rebind_all (TlFeedbackView *self,
            gboolean        only_links)
{
  GHashTableIter iter;
  gpointer list_item, column;

  g_hash_table_iter_init (&iter, self->bound_cells);
  while (g_hash_table_iter_next (&iter, &list_item, &column))
    if (!only_links || GPOINTER_TO_INT (column) == COLUMN_LINKS)
      bind_column (self, list_item, GPOINTER_TO_INT (column));
}

/* Reads the items on screen again into the objects GTK holds. */
static void
refresh_bound_items (TlFeedbackView *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  GHashTableIter iter;
  gpointer list_item;

  if (self->store == NULL)
    return;

  g_hash_table_iter_init (&iter, self->bound_cells);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    {
      TlFeedbackItem *item = gtk_list_item_get_item (list_item);
      gint64 id;

      if (item == NULL || g_hash_table_contains (seen, item))
        continue;
      g_hash_table_add (seen, item);
      id = tl_feedback_item_get_id (item);
      g_array_append_val (ids, id);
    }
  if (ids->len == 0)
    return;

  fresh = tl_store_fetch_feedback (self->store, (const gint64 *) ids->data, ids->len, NULL);
  if (fresh == NULL)
    return;
  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < fresh->len; i++)
    {
      gint64 id = tl_feedback_item_get_id (fresh->pdata[i]);

      g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), fresh->pdata[i]);
    }

  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    {
      TlFeedbackItem *item = list_item;
      gint64 id = tl_feedback_item_get_id (item);
      TlFeedbackItem *now = g_hash_table_lookup (by_id, &id);

      if (now != NULL)
        _tl_feedback_item_copy_fields (item, now);
    }

  rebind_all (self, FALSE);
}

/* Renaming a station, loop or matrix header changes what the links
 * column shows: only the rows on screen are bound, so refresh those. */
static void
document_changed_cb (TlDocument     *document,
                     TlChangeKind    kind,
                     GObject        *object,
                     const char     *property,
                     TlFeedbackView *self)
{
  if (!TL_IS_STATION (object) && !TL_IS_LOOP (object) && !TL_IS_MATRIX_HEADER (object))
    return;

  rebind_all (self, TRUE);
}

/* Han characters look different in Simplified and Traditional Chinese
 * (and Japanese): tell Pango which one the text is, from the document's
 * language, else the UI's. */
static void
update_text_attrs (TlFeedbackView *self)
{
  const char *lang = NULL;

  g_clear_pointer (&self->text_attrs, pango_attr_list_unref);

  if (self->document != NULL)
    lang = _tl_pango_language_of (tl_document_get_language (self->document));
  if (lang == NULL)
    lang = _tl_pango_language_of (self->ui_language);
  if (lang == NULL)
    return;

  self->text_attrs = pango_attr_list_new ();
  pango_attr_list_insert (self->text_attrs,
                          pango_attr_language_new (pango_language_from_string (lang)));
}

/* ---- state of the page ------------------------------------------------- */

static void
update_state (TlFeedbackView *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  gint64 n_total = 0;
  gint64 n_linked = 0;
  gboolean narrowed = _tl_feedback_query_is_narrowed (self->query);
  guint n_filters = _tl_feedback_query_count_filters (self->query);
  g_autofree char *n_items_str = NULL;
  g_autofree char *n_linked_str = NULL;
  g_autofree char *items_text = NULL;
  g_autofree char *linked_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *filter_label = NULL;

  /* While an import holds the store's connection, asking it would wait
   * for the import: the counts wait instead. */
  if (self->busy)
    {
      gtk_stack_set_visible_child_name (self->stack, "busy");
      return;
    }

  /* Counted when the feedback changed, not at every change of the list:
   * a count of a million rows is not free. */
  if (self->counts_stale && self->store != NULL)
    {
      self->n_total = MAX (tl_store_count_feedback (self->store), 0);
      self->n_linked = self->n_total > 0 ? MAX (tl_store_count_linked_feedback (self->store), 0) : 0;
      self->counts_stale = FALSE;
    }
  else if (self->store == NULL)
    self->n_total = self->n_linked = 0;
  n_total = self->n_total;
  n_linked = self->n_linked;

  if (self->busy)
    gtk_stack_set_visible_child_name (self->stack, "busy");
  else if (n_items > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (n_total > 0 && narrowed)
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else if (!tl_feedback_list_model_get_loading (self->model))
    gtk_stack_set_visible_child_name (self->stack, "empty");

  n_linked_str = _tl_format_count (n_linked);
  if (narrowed)
    {
      g_autofree char *n_total_str = _tl_format_count (n_total);

      n_items_str = _tl_format_count (n_items);
      /* Translators: the first half of "12 of 312 items, 280 linked": how
       * many items the search and filters leave, of how many */
      items_text = g_strdup_printf (ngettext ("%s of %s item", "%s of %s items", (gulong) n_total),
                                    n_items_str, n_total_str);
    }
  else
    {
      n_items_str = _tl_format_count (n_total);
      /* Translators: the first half of "312 items, 280 linked"; %s is a number */
      items_text = g_strdup_printf (ngettext ("%s item", "%s items", (gulong) n_total), n_items_str);
    }
  /* Translators: the second half of "312 items, 280 linked": how many
   * feedback items are linked to a station, loop or matrix cell */
  linked_text = g_strdup_printf (ngettext ("%s linked", "%s linked", (gulong)n_linked), n_linked_str);
  /* Translators: "312 items" and "280 linked" joined, as in "312 items, 280 linked" */
  text = g_strdup_printf (C_("feedback count", "%s, %s"), items_text, linked_text);
  gtk_label_set_text (self->count_label, text);

  /* Translators: the filter button when filters are set; %u is how many */
  filter_label = n_filters > 0 ? g_strdup_printf (_("Filters (%u)"), n_filters) : g_strdup (_("Filters"));
  gtk_menu_button_set_label (self->filter_button, filter_label);
  if (n_filters > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");

  gtk_widget_set_sensitive (GTK_WIDGET (self->quick_add_entry), self->session != NULL && !self->busy);
}

/* GtkColumnView has no scroll_to on 4.8; its list view has the action. */
static void
scroll_to (TlFeedbackView *self,
           guint           position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

static gboolean
select_added_cb (gpointer user_data)
{
  TlFeedbackView *self = user_data;
  int pos;

  self->select_source = 0;
  pos = tl_feedback_list_model_find (self->model, self->select_after_load);
  if (pos >= 0)
    {
      self->select_after_load = 0;
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), pos, TRUE);
      scroll_to (self, pos);
    }
  return G_SOURCE_REMOVE;
}

static void
model_items_changed_cb (GListModel     *model,
                        guint           position,
                        guint           removed,
                        guint           added,
                        TlFeedbackView *self)
{
  update_state (self);

  /* A quick-added item shows selected, so the editor is at hand (once
   * the list has taken the change in). */
  if (self->select_after_load > 0 && self->select_source == 0)
    self->select_source = g_idle_add (select_added_cb, self);
}

static void
model_notify_loading_cb (TlFeedbackView *self)
{
  update_state (self);
}

/* Reads the id list and the counts: at a million items that is a few
 * hundred milliseconds, so a hidden page waits until it is shown (a
 * document opens on the diagram). */
static void
load (TlFeedbackView *self)
{
  self->load_pending = FALSE;
  self->counts_stale = TRUE;

  /* One count query for the whole change, not one per signal. */
  g_signal_handlers_block_by_func (self->model, model_items_changed_cb, self);
  if (tl_feedback_list_model_get_store (self->model) != self->store)
    tl_feedback_list_model_set_store (self->model, self->store);
  else
    tl_feedback_list_model_reload (self->model);
  g_signal_handlers_unblock_by_func (self->model, model_items_changed_cb, self);

  model_items_changed_cb (G_LIST_MODEL (self->model), 0, 0, 0, self);
}

/* The store says feedback changed (an edit, an undo, an import): the
 * list again, and the rows on screen read again. */
static gboolean
refresh_idle_cb (gpointer user_data)
{
  TlFeedbackView *self = user_data;

  self->refresh_source = 0;
  if (self->busy)
    return G_SOURCE_REMOVE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->load_pending = self->store != NULL;
      return G_SOURCE_REMOVE;
    }

  /* The ids in a worker thread; meanwhile the rows on screen show their
   * new values (positions change when the ids arrive). */
  if (tl_feedback_list_model_get_store (self->model) != self->store)
    load (self);
  else
    tl_feedback_list_model_requery (self->model);
  refresh_bound_items (self);
  update_state (self);
  if (self->editor != NULL)
    tl_feedback_editor_refresh (self->editor);
  return G_SOURCE_REMOVE;
}

static void
store_feedback_changed_cb (TlStore        *store,
                           TlFeedbackView *self)
{
  self->counts_stale = TRUE;
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_idle_cb, self);
}

/* ---- the query --------------------------------------------------------- */

static void
apply_query (TlFeedbackView *self)
{
  tl_feedback_list_model_set_query (self->model, self->query);
  rebind_all (self, FALSE);
  update_state (self);
}

static gboolean
search_timeout_cb (gpointer user_data)
{
  TlFeedbackView *self = user_data;

  self->search_source = 0;
  apply_query (self);
  return G_SOURCE_REMOVE;
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   TlFeedbackView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (g_strcmp0 (text, self->query->text != NULL ? self->query->text : "") == 0)
    return;
  g_free (self->query->text);
  self->query->text = *text != '\0' ? g_strdup (text) : NULL;

  g_clear_handle_id (&self->search_source, g_source_remove);
  self->search_source = g_timeout_add (SEARCH_DELAY, search_timeout_cb, self);
}

/* The sort probe: see the comment at the top. */
static int sort_probe = -1;

static int
probe_sort_cb (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  sort_probe = GPOINTER_TO_INT (user_data);
  return GTK_ORDERING_SMALLER;
}

static void
sorter_changed_cb (GtkSorter       *sorter,
                   GtkSorterChange  change,
                   TlFeedbackView  *self)
{
  g_autoptr(TlFeedbackItem) a = tl_feedback_item_new (1);
  g_autoptr(TlFeedbackItem) b = tl_feedback_item_new (2);
  GtkOrdering order;

  sort_probe = -1;
  order = gtk_sorter_compare (sorter, a, b);

  if (sort_probe < 0)
    {
      /* No column: the list order, newest first */
      self->query->sort = TL_FEEDBACK_SORT_DATE;
      self->query->descending = TRUE;
    }
  else
    {
      self->query->sort = (TlFeedbackSort) sort_probe;
      self->query->descending = order == GTK_ORDERING_LARGER;
    }

  apply_query (self);
}

static void
set_column_sorter (GtkColumnViewColumn *column,
                   TlFeedbackSort       sort)
{
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (probe_sort_cb, GINT_TO_POINTER (sort), NULL));

  gtk_column_view_column_set_sorter (column, sorter);
}

/* ---- filters ----------------------------------------------------------- */


static void
read_filters (TlFeedbackView *self)
{
  TlFeedbackQuery *q = self->query;
  guint source_pos;
  guint linked;

  if (self->updating_filters)
    return;

  q->stages = 0;
  for (guint i = 0; i < 7; i++)
    if (gtk_toggle_button_get_active (self->stage_buttons[i]))
      q->stages |= i < 6 ? TL_STAGE_BIT ('A' + i) : TL_STAGE_BIT_UNKNOWN;

  g_clear_pointer (&q->source, g_free);
  source_pos = gtk_drop_down_get_selected (self->source_dropdown);
  if (source_pos != GTK_INVALID_LIST_POSITION && source_pos > 0)
    q->source = g_strdup (gtk_string_list_get_string (self->source_list, source_pos));

  if (gtk_check_button_get_active (self->rating_check))
    {
      q->rating_min = gtk_spin_button_get_value (self->rating_min);
      q->rating_max = gtk_spin_button_get_value (self->rating_max);
    }
  else
    q->rating_min = q->rating_max = NAN;
  gtk_widget_set_sensitive (GTK_WIDGET (self->rating_min), gtk_check_button_get_active (self->rating_check));
  gtk_widget_set_sensitive (GTK_WIDGET (self->rating_max), gtk_check_button_get_active (self->rating_check));

  /* Dates: only whole, valid ones count; a wrong one is marked. */
  {
    GtkEntry *entries[] = { self->date_from, self->date_to };
    char **fields[] = { &q->date_from, &q->date_to };

    for (guint i = 0; i < 2; i++)
      {
        const char *text = gtk_editable_get_text (GTK_EDITABLE (entries[i]));
        double days;

        g_clear_pointer (fields[i], g_free);
        if (*text == '\0')
          gtk_widget_remove_css_class (GTK_WIDGET (entries[i]), "error");
        else if (tl_feedback_date_parse (text, &days))
          {
            *fields[i] = g_strdup (text);
            gtk_widget_remove_css_class (GTK_WIDGET (entries[i]), "error");
          }
        else
          gtk_widget_add_css_class (GTK_WIDGET (entries[i]), "error");
      }
  }

  g_clear_pointer (&q->tag, g_free);
  if (*gtk_editable_get_text (GTK_EDITABLE (self->tag_entry)) != '\0')
    q->tag = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tag_entry))));

  q->images = (TlImageFilter) gtk_drop_down_get_selected (self->images_dropdown);

  linked = gtk_drop_down_get_selected (self->linked_dropdown);
  g_clear_pointer (&q->linked_to, g_free);
  q->linked = TL_LINK_FILTER_ANY;
  self->follow_selection = FALSE;
  if (linked == 1)
    q->linked = TL_LINK_FILTER_LINKED;
  else if (linked == 2)
    q->linked = TL_LINK_FILTER_UNLINKED;
  else if (linked == 3)
    {
      const char *kind = self->session ? tl_session_get_selected_kind (self->session) : NULL;
      const char *id = self->session ? tl_session_get_selected_id (self->session) : NULL;

      self->follow_selection = TRUE;
      /* Nothing selected: nothing is linked to it.  (A well-formed
       * target no object has.) */
      if (kind != NULL && id != NULL &&
          (g_str_equal (kind, "station") || g_str_equal (kind, "loop") || g_str_equal (kind, "cell")))
        q->linked_to = _tl_link_make (kind, id);
      else
        q->linked_to = g_strdup ("station:\u2205");
    }

  g_clear_handle_id (&self->search_source, g_source_remove);
  self->search_source = g_timeout_add (SEARCH_DELAY, search_timeout_cb, self);
  update_state (self);
}

/* Shows the query in the popover's widgets. */
static void
write_filters (TlFeedbackView *self)
{
  TlFeedbackQuery *q = self->query;
  guint source_pos = 0;

  self->updating_filters = TRUE;

  for (guint i = 0; i < 7; i++)
    gtk_toggle_button_set_active (self->stage_buttons[i],
                                  (q->stages & (i < 6 ? TL_STAGE_BIT ('A' + i) : TL_STAGE_BIT_UNKNOWN)) != 0);

  if (q->source != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->source_list));

      for (guint i = 1; i < n; i++)
        if (g_strcmp0 (gtk_string_list_get_string (self->source_list, i), q->source) == 0)
          source_pos = i;
      if (source_pos == 0)
        {
          gtk_string_list_append (self->source_list, q->source);
          source_pos = n;
        }
    }
  gtk_drop_down_set_selected (self->source_dropdown, source_pos);

  gtk_check_button_set_active (self->rating_check, !isnan (q->rating_min) || !isnan (q->rating_max));
  if (!isnan (q->rating_min))
    gtk_spin_button_set_value (self->rating_min, q->rating_min);
  if (!isnan (q->rating_max))
    gtk_spin_button_set_value (self->rating_max, q->rating_max);
  gtk_widget_set_sensitive (GTK_WIDGET (self->rating_min), gtk_check_button_get_active (self->rating_check));
  gtk_widget_set_sensitive (GTK_WIDGET (self->rating_max), gtk_check_button_get_active (self->rating_check));

  gtk_editable_set_text (GTK_EDITABLE (self->date_from), q->date_from ? q->date_from : "");
  gtk_editable_set_text (GTK_EDITABLE (self->date_to), q->date_to ? q->date_to : "");
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), q->tag ? q->tag : "");
  gtk_drop_down_set_selected (self->images_dropdown, q->images);
  gtk_drop_down_set_selected (self->linked_dropdown,
                              q->linked_to != NULL ? 3 : q->linked == TL_LINK_FILTER_LINKED ? 1 :
                              q->linked == TL_LINK_FILTER_UNLINKED ? 2 : 0);

  self->updating_filters = FALSE;
}

/* The sources of the document, most used first, when the popover opens */
static void
filter_popover_show_cb (GtkPopover     *popover,
                        TlFeedbackView *self)
{
  g_autoptr(GArray) sources = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n;

  if (self->store != NULL)
    sources = tl_store_count_by_source (self->store, NULL, NULL);

  self->updating_filters = TRUE;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->source_list));
  for (guint i = 0; sources != NULL && i < sources->len && names->len < 200; i++)
    {
      const char *source = g_array_index (sources, TlSourceCount, i).source;

      if (source != NULL && *source != '\0')
        g_ptr_array_add (names, (gpointer) source);
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->source_list, 1, n - 1, (const char * const *) names->pdata);
  self->updating_filters = FALSE;

  write_filters (self);
}

static void
reset_filters (TlFeedbackView *self)
{
  TlFeedbackQuery *q = self->query;

  q->stages = 0;
  g_clear_pointer (&q->source, g_free);
  q->rating_min = q->rating_max = NAN;
  g_clear_pointer (&q->date_from, g_free);
  g_clear_pointer (&q->date_to, g_free);
  g_clear_pointer (&q->tag, g_free);
  q->images = TL_IMAGE_FILTER_ANY;
  q->linked = TL_LINK_FILTER_ANY;
  g_clear_pointer (&q->linked_to, g_free);
  self->follow_selection = FALSE;
  write_filters (self);
}

static void
reset_clicked_cb (GtkButton      *button,
                  TlFeedbackView *self)
{
  reset_filters (self);
  apply_query (self);
}

static void
clear_filters_clicked_cb (GtkButton      *button,
                          TlFeedbackView *self)
{
  reset_filters (self);
  g_clear_pointer (&self->query->text, g_free);
  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  g_clear_handle_id (&self->search_source, g_source_remove);
  apply_query (self);
}

static GtkWidget *
filter_row (GtkGrid    *grid,
            int         row,
            const char *title,
            GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  return label;
}

static void
build_filter_popover (TlFeedbackView *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  GtkWidget *stages = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *rating_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *date_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *reset;
  GtkWidget *dash;
  const char *images_items[] = { _("With or without images"), _("With images"), _("Without images"), NULL };
  const char *linked_items[] = { _("Linked or not"), _("Linked to anything"), _("Not linked yet"),
                                 _("Linked to the selection"), NULL };
  const char *source_items[] = { _("Any source"), NULL };

  gtk_grid_set_row_spacing (grid, 8);
  gtk_grid_set_column_spacing (grid, 12);

  gtk_widget_add_css_class (stages, "linked");
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *text = i < 6 ? g_strdup_printf ("%c", 'A' + i) : g_strdup ("—");
      g_autofree char *tip = i < 6 ? _tl_stage_describe ('A' + i) : g_strdup (_("No stage given"));
      GtkWidget *button = gtk_toggle_button_new_with_label (text);

      gtk_widget_set_tooltip_text (button, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
      g_signal_connect_swapped (button, "toggled", G_CALLBACK (read_filters), self);
      self->stage_buttons[i] = GTK_TOGGLE_BUTTON (button);
      gtk_box_append (GTK_BOX (stages), button);
    }
  filter_row (grid, 0, _("Customer stage"), stages);

  self->source_list = gtk_string_list_new (source_items);
  self->source_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->source_list)), NULL));
  gtk_drop_down_set_enable_search (self->source_dropdown, TRUE);
  {
    /* Search the sources by their text */
    g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
    gtk_drop_down_set_expression (self->source_dropdown, expression);
  }
  g_signal_connect_swapped (self->source_dropdown, "notify::selected", G_CALLBACK (read_filters), self);
  filter_row (grid, 1, _("Source"), GTK_WIDGET (self->source_dropdown));

  self->rating_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_("From")));
  self->rating_min = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 10, 0.5));
  self->rating_max = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 10, 0.5));
  gtk_spin_button_set_value (self->rating_min, 1);
  gtk_spin_button_set_value (self->rating_max, 5);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rating_min), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Lowest rating"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rating_max), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Highest rating"), -1);
  g_signal_connect_swapped (self->rating_check, "toggled", G_CALLBACK (read_filters), self);
  g_signal_connect_swapped (self->rating_min, "value-changed", G_CALLBACK (read_filters), self);
  g_signal_connect_swapped (self->rating_max, "value-changed", G_CALLBACK (read_filters), self);
  gtk_box_append (GTK_BOX (rating_box), GTK_WIDGET (self->rating_check));
  gtk_box_append (GTK_BOX (rating_box), GTK_WIDGET (self->rating_min));
  /* Translators: between the two ends of a range, "from 1 to 5" */
  dash = gtk_label_new (C_("range", "to"));
  gtk_box_append (GTK_BOX (rating_box), dash);
  gtk_box_append (GTK_BOX (rating_box), GTK_WIDGET (self->rating_max));
  filter_row (grid, 2, _("Rating"), rating_box);

  self->date_from = GTK_ENTRY (gtk_entry_new ());
  self->date_to = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->date_from, _("YYYY-MM-DD"));
  gtk_entry_set_placeholder_text (self->date_to, _("YYYY-MM-DD"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->date_from), 11);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->date_to), 11);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_from), GTK_ACCESSIBLE_PROPERTY_LABEL, _("From date"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_to), GTK_ACCESSIBLE_PROPERTY_LABEL, _("To date"), -1);
  g_signal_connect_swapped (self->date_from, "changed", G_CALLBACK (read_filters), self);
  g_signal_connect_swapped (self->date_to, "changed", G_CALLBACK (read_filters), self);
  gtk_box_append (GTK_BOX (date_box), GTK_WIDGET (self->date_from));
  gtk_box_append (GTK_BOX (date_box), gtk_label_new (C_("range", "to")));
  gtk_box_append (GTK_BOX (date_box), GTK_WIDGET (self->date_to));
  filter_row (grid, 3, _("Date"), date_box);

  self->tag_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->tag_entry, _("One tag"));
  g_signal_connect_swapped (self->tag_entry, "changed", G_CALLBACK (read_filters), self);
  filter_row (grid, 4, _("Tag"), GTK_WIDGET (self->tag_entry));

  self->images_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (images_items));
  g_signal_connect_swapped (self->images_dropdown, "notify::selected", G_CALLBACK (read_filters), self);
  filter_row (grid, 5, _("Images"), GTK_WIDGET (self->images_dropdown));

  self->linked_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (linked_items));
  g_signal_connect_swapped (self->linked_dropdown, "notify::selected", G_CALLBACK (read_filters), self);
  filter_row (grid, 6, _("Links"), GTK_WIDGET (self->linked_dropdown));

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (grid));
  reset = gtk_button_new_with_mnemonic (_("_Reset Filters"));
  gtk_widget_set_halign (reset, GTK_ALIGN_END);
  g_signal_connect (reset, "clicked", G_CALLBACK (reset_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), reset);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect (popover, "show", G_CALLBACK (filter_popover_show_cb), self);
  gtk_menu_button_set_popover (self->filter_button, popover);
}

/* "Linked to the selection" follows the selection. */
static void
session_selection_changed_cb (TlSession      *session,
                              GParamSpec     *pspec,
                              TlFeedbackView *self)
{
  if (self->follow_selection)
    read_filters (self);
}

/* ---- quick-add and toasts ----------------------------------------------- */

static void
show_toast (TlFeedbackView *self,
            const char     *message,
            gboolean        undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_debug ("%s", message);
      return;
    }

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 5);
  if (undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
}

gboolean
_tl_feedback_view_quick_add (TlFeedbackView *self,
                             const char     *text,
                             GError        **error)
{
  g_autoptr(TlFeedbackItem) item = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *date = NULL;
  g_autofree char *link = NULL;
  g_autofree char *message = NULL;
  const char *kind, *id;
  gint64 new_id;

  g_return_val_if_fail (TL_IS_FEEDBACK_VIEW (self), FALSE);

  if (self->session == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("This document cannot be changed."));
      return FALSE;
    }

  trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Type what the customer said first, then press Enter."));
      return FALSE;
    }

  item = tl_feedback_item_new (0);
  date = now_iso ();
  tl_feedback_item_set_text (item, trimmed);
  tl_feedback_item_set_date (item, date);

  kind = tl_session_get_selected_kind (self->session);
  id = tl_session_get_selected_id (self->session);
  if (kind != NULL && id != NULL &&
      (g_str_equal (kind, "station") || g_str_equal (kind, "loop") || g_str_equal (kind, "cell")))
    {
      link = _tl_link_make (kind, id);
      tl_feedback_item_set_links (item, (const char *[]) { link, NULL });
    }

  new_id = _tl_feedback_add (self->session, item, error);
  if (new_id < 0)
    return FALSE;

  if (link != NULL)
    {
      g_autofree char *name = _tl_link_describe (self->document, link);

      /* Translators: a toast after quick-add; %s names a station, loop or cell */
      message = g_strdup_printf (_("Feedback added and linked to “%s”"), name);
    }
  else
    message = g_strdup (_("Feedback added, not linked: select a station, loop or cell first to link it"));
  show_toast (self, message, TRUE);

  self->select_after_load = new_id;
  return TRUE;
}

static void
quick_add_activate_cb (GtkEntry       *entry,
                       TlFeedbackView *self)
{
  g_autoptr(GError) error = NULL;

  if (_tl_feedback_view_quick_add (self, gtk_editable_get_text (GTK_EDITABLE (entry)), &error))
    {
      gtk_editable_set_text (GTK_EDITABLE (entry), "");
      /* The store's ::feedback-changed reloads; the search must not hide
       * what was just added. */
      return;
    }
  show_toast (self, error->message, FALSE);
}

/* ---- selection, editor -------------------------------------------------- */

GArray *
tl_feedback_view_dup_selected_ids (TlFeedbackView *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (TL_IS_FEEDBACK_VIEW (self), ids);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_iter_init_first (&iter, selected, &position))
    do
      {
        gint64 id = tl_feedback_list_model_get_id (self->model, position);

        if (id > 0)
          g_array_append_val (ids, id);
      }
    while (gtk_bitset_iter_next (&iter, &position));

  return ids;
}

static void
selection_changed_cb (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      TlFeedbackView    *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);
  g_autoptr(TlFeedbackItem) item = NULL;

  if (gtk_bitset_get_size (selected) == 1 && self->session != NULL)
    item = g_list_model_get_item (G_LIST_MODEL (self->model), gtk_bitset_get_nth (selected, 0));

  if (self->editor != NULL)
    tl_feedback_editor_set_item (self->editor, item);
  gtk_revealer_set_reveal_child (self->editor_revealer, item != NULL);
}

static void
link_chosen_cb (TlLinkDialog *dialog,
                const char   *link,
                gpointer      user_data)
{
  TlFeedbackView *self = TL_FEEDBACK_VIEW (user_data);
  g_autoptr(GArray) ids = g_object_steal_data (G_OBJECT (dialog), "tl-ids");
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;

  if (ids == NULL || self->session == NULL)
    return;

  if (!_tl_feedback_link (self->session, (const gint64 *) ids->data, ids->len, link, &n_changed, &error))
    show_toast (self, error->message, FALSE);
  else
    {
      g_autofree char *name = _tl_link_describe (self->document, link);
      g_autofree char *message = NULL;

      /* Translators: %u items, %s a station, loop or cell */
      message = g_strdup_printf (ngettext ("%u item linked to “%s”", "%u items linked to “%s”", ids->len),
                                 ids->len, name);
      show_toast (self, message, n_changed > 0);
    }
}

gboolean
tl_feedback_view_link_selected (TlFeedbackView *self)
{
  g_autoptr(GArray) ids = NULL;
  TlLinkDialog *dialog;
  GtkRoot *root;

  g_return_val_if_fail (TL_IS_FEEDBACK_VIEW (self), FALSE);

  ids = tl_feedback_view_dup_selected_ids (self);
  if (self->session == NULL || ids->len == 0)
    return FALSE;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = tl_link_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->document, ids->len);
  g_object_set_data_full (G_OBJECT (dialog), "tl-ids", g_steal_pointer (&ids), (GDestroyNotify) g_array_unref);
  g_signal_connect_object (dialog, "chosen", G_CALLBACK (link_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

gboolean
tl_feedback_view_delete_selected (TlFeedbackView *self)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (TL_IS_FEEDBACK_VIEW (self), FALSE);

  ids = tl_feedback_view_dup_selected_ids (self);
  if (self->session == NULL || ids->len == 0)
    return FALSE;

  if (!_tl_feedback_delete (self->session, (const gint64 *) ids->data, ids->len, &error))
    {
      show_toast (self, error->message, FALSE);
      return FALSE;
    }

  /* Translators: a toast after deleting feedback */
  message = g_strdup_printf (ngettext ("%u item deleted", "%u items deleted", ids->len), ids->len);
  show_toast (self, message, TRUE);
  return TRUE;
}

/* ---- drag and drop -------------------------------------------------------- */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource  *source,
                 double          x,
                 double          y,
                 TlFeedbackView *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  GWeakRef *ref = g_object_get_qdata (G_OBJECT (cell), list_item_quark);
  g_autoptr(GtkListItem) list_item = ref != NULL ? g_weak_ref_get (ref) : NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *text = NULL;
  guint position;

  if (list_item == NULL || gtk_list_item_get_item (list_item) == NULL)
    return NULL;

  /* A row outside the selection is dragged alone (and selected). */
  position = gtk_list_item_get_position (list_item);
  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);

  ids = tl_feedback_view_dup_selected_ids (self);
  if (ids->len == 0)
    return NULL;

  text = _tl_feedback_dnd_format ((const gint64 *) ids->data, ids->len);
  g_object_set_data (G_OBJECT (source), "tl-n-items", GUINT_TO_POINTER (ids->len));
  return gdk_content_provider_new_typed (G_TYPE_STRING, text);
}

static void
drag_begin_cb (GtkDragSource  *source,
               GdkDrag        *drag,
               TlFeedbackView *self)
{
  guint n = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (source), "tl-n-items"));
  g_autofree char *text = NULL;
  GtkWidget *icon = gtk_drag_icon_get_for_drag (drag);
  GtkWidget *label;

  /* Translators: what a drag of feedback rows shows under the pointer */
  text = g_strdup_printf (ngettext ("%u feedback item", "%u feedback items", n), n);
  label = gtk_label_new (text);
  gtk_widget_add_css_class (label, "tl-drag-badge");
  gtk_drag_icon_set_child (GTK_DRAG_ICON (icon), label);
  gdk_drag_set_hotspot (drag, -12, -12);
}

static void
drag_prepare_setup (TlFeedbackView *self,
                    GtkWidget      *cell,
                    GtkListItem    *list_item)
{
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_LINK | GDK_ACTION_COPY);
  g_signal_connect_object (source, "prepare", G_CALLBACK (drag_prepare_cb), self, 0);
  g_signal_connect_object (source, "drag-begin", G_CALLBACK (drag_begin_cb), self, 0);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (source));
}

/* ---- paste ------------------------------------------------------------- */

static void
paste_texture_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TlFeedbackView) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GBytes) png = NULL;

  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, &error);
  if (texture == NULL)
    {
      show_toast (self, _("The clipboard holds no image Touchloop can read."), FALSE);
      return;
    }

  ids = tl_feedback_view_dup_selected_ids (self);
  if (ids->len != 1 || self->session == NULL)
    {
      show_toast (self, _("Select one feedback item to paste the image into."), FALSE);
      return;
    }

  png = gdk_texture_save_to_png_bytes (texture);
  if (!_tl_feedback_add_image (self->session, g_array_index (ids, gint64, 0), png, &error))
    show_toast (self, error->message, FALSE);
  else
    show_toast (self, _("Image attached"), TRUE);
}

static void
paste_text_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TlFeedbackView) self = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);

  if (text == NULL || *text == '\0')
    return;

  /* Cells copied from a spreadsheet: tabs between, line breaks after */
  if (strchr (text, '\t') != NULL && strchr (text, '\n') != NULL)
    {
      g_signal_emit (self, signals[IMPORT_TEXT], 0, text);
      return;
    }

  /* Plain text goes to quick-add, to be looked at before Enter. */
  gtk_editable_set_text (GTK_EDITABLE (self->quick_add_entry), text);
  gtk_widget_grab_focus (GTK_WIDGET (self->quick_add_entry));
  gtk_editable_set_position (GTK_EDITABLE (self->quick_add_entry), -1);
}

void
tl_feedback_view_paste (TlFeedbackView *self)
{
  GdkClipboard *clipboard;
  GdkContentFormats *formats;

  g_return_if_fail (TL_IS_FEEDBACK_VIEW (self));

  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  formats = gdk_clipboard_get_formats (clipboard);

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE) ||
      gdk_content_formats_contain_mime_type (formats, "image/png") ||
      gdk_content_formats_contain_mime_type (formats, "image/jpeg"))
    gdk_clipboard_read_texture_async (clipboard, NULL, paste_texture_cb, g_object_ref (self));
  else
    gdk_clipboard_read_text_async (clipboard, NULL, paste_text_cb, g_object_ref (self));
}

static gboolean
paste_shortcut_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  tl_feedback_view_paste (TL_FEEDBACK_VIEW (widget));
  return TRUE;
}

static gboolean
delete_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  return tl_feedback_view_delete_selected (TL_FEEDBACK_VIEW (widget));
}

static gboolean
search_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  TlFeedbackView *self = TL_FEEDBACK_VIEW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

/* ---- the widget ------------------------------------------------------------ */

static void
tl_feedback_view_map (GtkWidget *widget)
{
  TlFeedbackView *self = TL_FEEDBACK_VIEW (widget);

  /* Before the children are mapped, so the stack shows the right page at
   * once instead of cross-fading from the empty one. */
  if (self->load_pending && !self->busy)
    load (self);

  GTK_WIDGET_CLASS (tl_feedback_view_parent_class)->map (widget);
}

static void
disconnect_store (TlFeedbackView *self)
{
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_feedback_changed_cb, self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, document_changed_cb, self);
}

static void
tl_feedback_view_dispose (GObject *object)
{
  TlFeedbackView *self = TL_FEEDBACK_VIEW (object);

  g_clear_handle_id (&self->search_source, g_source_remove);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->select_source, g_source_remove);
  disconnect_store (self);
  g_clear_object (&self->document);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  /* Columns going away change the view's sorter: no query for that */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view), sorter_changed_cb, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_FEEDBACK_VIEW);
  self->editor = NULL;
  /* The template's root box is not a bound child: it goes here. */
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->model, self);
      tl_feedback_list_model_set_store (self->model, NULL);
    }
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->source_list);

  G_OBJECT_CLASS (tl_feedback_view_parent_class)->dispose (object);
}

static void
tl_feedback_view_finalize (GObject *object)
{
  TlFeedbackView *self = TL_FEEDBACK_VIEW (object);

  g_clear_pointer (&self->bound_cells, g_hash_table_unref);
  g_clear_pointer (&self->text_attrs, pango_attr_list_unref);
  g_clear_pointer (&self->query, tl_feedback_query_free);

  G_OBJECT_CLASS (tl_feedback_view_parent_class)->finalize (object);
}

static void
tl_feedback_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TlFeedbackView *self = TL_FEEDBACK_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_feedback_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TlFeedbackView *self = TL_FEEDBACK_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tl_feedback_view_set_store (self, g_value_get_object (value));
      break;

    case PROP_SESSION:
      tl_feedback_view_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_feedback_view_class_init (TlFeedbackViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_feedback_view_dispose;
  object_class->finalize = tl_feedback_view_finalize;
  object_class->get_property = tl_feedback_view_get_property;
  object_class->set_property = tl_feedback_view_set_property;

  widget_class->map = tl_feedback_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         TL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TlFeedbackView::import-text:
   * @text: tab-separated cells, as a spreadsheet copies them
   */
  signals[IMPORT_TEXT] =
    g_signal_new ("import-text",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (TL_TYPE_FEEDBACK_EDITOR);

  tooltip_kind_quark = g_quark_from_static_string ("tl-feedback-view-tooltip-kind");
  list_item_quark = g_quark_from_static_string ("tl-feedback-view-list-item");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/touchloop/Touchloop/tl-feedback-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TlFeedbackView, stack);
  gtk_widget_class_bind_template_child (widget_class, TlFeedbackView, column_view);
  gtk_widget_class_bind_template_child (widget_class, TlFeedbackView, selection);
  gtk_widget_class_bind_template_child (widget_class, TlFeedbackView, count_label);
  gtk_widget_class_bind_template_child (widget_class, TlFeedbackView, quick_add_entry);
  gtk_widget_class_bind_template_child (widget_class, TlFeedbackView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TlFeedbackView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, TlFeedbackView, editor_revealer);
  gtk_widget_class_bind_template_child (widget_class, TlFeedbackView, editor_box);
  gtk_widget_class_bind_template_child (widget_class, TlFeedbackView, text_column);
  gtk_widget_class_bind_template_child (widget_class, TlFeedbackView, source_column);
  gtk_widget_class_bind_template_child (widget_class, TlFeedbackView, date_column);
  gtk_widget_class_bind_template_child (widget_class, TlFeedbackView, stage_column);
  gtk_widget_class_bind_template_child (widget_class, TlFeedbackView, rating_column);
  gtk_widget_class_bind_template_callback (widget_class, setup_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_date_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_number_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_source_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_date_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_stage_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_rating_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_links_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_links_cb);
  gtk_widget_class_bind_template_callback (widget_class, quick_add_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_filters_clicked_cb);

  /* Bubble phase: an entry with the focus pastes and deletes text itself. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, paste_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, delete_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, delete_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, search_shortcut_cb, NULL);

  gtk_widget_class_set_css_name (widget_class, "feedbackview");
}

static void
editor_show_feedback_cb (TlFeedbackEditor *editor,
                         TlFeedbackView   *self)
{
  tl_feedback_view_link_selected (self);
}

static void
tl_feedback_view_init (TlFeedbackView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _tl_feedback_ensure_css ();

  self->ui_language = tl_language_from_environment ();
  self->bound_cells = g_hash_table_new (NULL, NULL);
  self->query = tl_feedback_query_new ();
  self->model = tl_feedback_list_model_new (NULL);
  /* After the selection model passed the change on to the list */
  g_signal_connect_after (self->model, "items-changed", G_CALLBACK (model_items_changed_cb), self);
  g_signal_connect_swapped (self->model, "notify::loading", G_CALLBACK (model_notify_loading_cb), self);
  gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->model));
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);

  set_column_sorter (self->text_column, TL_FEEDBACK_SORT_TEXT);
  set_column_sorter (self->source_column, TL_FEEDBACK_SORT_SOURCE);
  set_column_sorter (self->date_column, TL_FEEDBACK_SORT_DATE);
  set_column_sorter (self->stage_column, TL_FEEDBACK_SORT_STAGE);
  set_column_sorter (self->rating_column, TL_FEEDBACK_SORT_RATING);
  g_signal_connect (gtk_column_view_get_sorter (self->column_view), "changed",
                    G_CALLBACK (sorter_changed_cb), self);

  build_filter_popover (self);

  self->editor = TL_FEEDBACK_EDITOR (tl_feedback_editor_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->editor), EDITOR_WIDTH, -1);
  g_signal_connect (self->editor, "link-requested", G_CALLBACK (editor_show_feedback_cb), self);
  gtk_box_append (self->editor_box, GTK_WIDGET (self->editor));

  update_text_attrs (self);
  update_state (self);
}

GtkWidget *
tl_feedback_view_new (void)
{
  return g_object_new (TL_TYPE_FEEDBACK_VIEW, NULL);
}

TlStore *
tl_feedback_view_get_store (TlFeedbackView *self)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_VIEW (self), NULL);

  return self->store;
}

void
tl_feedback_view_set_store (TlFeedbackView *self,
                            TlStore        *store)
{
  TlDocument *document;

  g_return_if_fail (TL_IS_FEEDBACK_VIEW (self));
  g_return_if_fail (store == NULL || TL_IS_STORE (store));

  if (self->store == store)
    return;

  disconnect_store (self);
  g_set_object (&self->store, store);
  self->counts_stale = TRUE;
  if (store != NULL)
    g_signal_connect (store, "feedback-changed", G_CALLBACK (store_feedback_changed_cb), self);

  document = store != NULL ? tl_store_get_document (store) : NULL;
  g_set_object (&self->document, document);
  if (self->document != NULL)
    g_signal_connect (self->document, "changed", G_CALLBACK (document_changed_cb), self);
  update_text_attrs (self);

  /* A session of another store goes. */
  if (self->session != NULL && tl_session_get_store (self->session) != store)
    tl_feedback_view_set_session (self, NULL);

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      load (self);
    }
  else
    {
      /* Let go of the old document's feedback now; read the new one's
       * when the page is shown. */
      g_signal_handlers_block_by_func (self->model, model_items_changed_cb, self);
      tl_feedback_list_model_set_store (self->model, NULL);
      g_signal_handlers_unblock_by_func (self->model, model_items_changed_cb, self);
      update_state (self);
      self->load_pending = store != NULL;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

TlSession *
tl_feedback_view_get_session (TlFeedbackView *self)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_VIEW (self), NULL);

  return self->session;
}

void
tl_feedback_view_set_session (TlFeedbackView *self,
                              TlSession      *session)
{
  g_return_if_fail (TL_IS_FEEDBACK_VIEW (self));
  g_return_if_fail (session == NULL || TL_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect (session, "notify::selected-id", G_CALLBACK (session_selection_changed_cb), self);

  tl_feedback_editor_set_session (self->editor, session);
  if (session != NULL)
    tl_feedback_view_set_store (self, tl_session_get_store (session));

  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
tl_feedback_view_reload (TlFeedbackView *self)
{
  g_return_if_fail (TL_IS_FEEDBACK_VIEW (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
  else
    self->load_pending = self->store != NULL;
}

void
tl_feedback_view_set_search (TlFeedbackView *self,
                             const char     *text)
{
  g_return_if_fail (TL_IS_FEEDBACK_VIEW (self));

  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  g_free (self->query->text);
  self->query->text = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
  /* At once, not after the typing delay */
  g_clear_handle_id (&self->search_source, g_source_remove);
  apply_query (self);
}

void
tl_feedback_view_show_linked_to (TlFeedbackView *self,
                                 const char     *kind,
                                 const char     *id)
{
  g_return_if_fail (TL_IS_FEEDBACK_VIEW (self));
  g_return_if_fail (kind != NULL && id != NULL);

  reset_filters (self);
  self->query->linked_to = _tl_link_make (kind, id);
  /* Shown as "Linked to the selection" when it is the selection */
  self->follow_selection = self->session != NULL &&
                           g_strcmp0 (tl_session_get_selected_kind (self->session), kind) == 0 &&
                           g_strcmp0 (tl_session_get_selected_id (self->session), id) == 0;
  write_filters (self);
  g_clear_handle_id (&self->search_source, g_source_remove);
  apply_query (self);
}

/* ---- for tests ----------------------------------------------------------- */

TlFeedbackListModel *
_tl_feedback_view_get_model (TlFeedbackView *self)
{
  return self->model;
}

GtkWidget *
_tl_feedback_view_get_widget (TlFeedbackView *self,
                              const char     *name)
{
  if (g_str_equal (name, "quick-add"))
    return GTK_WIDGET (self->quick_add_entry);
  if (g_str_equal (name, "search"))
    return GTK_WIDGET (self->search_entry);
  if (g_str_equal (name, "column-view"))
    return GTK_WIDGET (self->column_view);
  if (g_str_equal (name, "editor"))
    return GTK_WIDGET (self->editor);
  if (g_str_equal (name, "filter-button"))
    return GTK_WIDGET (self->filter_button);
  if (g_str_equal (name, "count"))
    return GTK_WIDGET (self->count_label);
  return NULL;
}

GtkSelectionModel *
_tl_feedback_view_get_selection (TlFeedbackView *self)
{
  return GTK_SELECTION_MODEL (self->selection);
}

void
_tl_feedback_view_sort_by (TlFeedbackView *self,
                           const char     *column,
                           gboolean        descending)
{
  GtkColumnViewColumn *c = NULL;

  if (g_strcmp0 (column, "text") == 0)
    c = self->text_column;
  else if (g_strcmp0 (column, "source") == 0)
    c = self->source_column;
  else if (g_strcmp0 (column, "date") == 0)
    c = self->date_column;
  else if (g_strcmp0 (column, "stage") == 0)
    c = self->stage_column;
  else if (g_strcmp0 (column, "rating") == 0)
    c = self->rating_column;

  gtk_column_view_sort_by_column (self->column_view, c,
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

const TlFeedbackQuery *
_tl_feedback_view_get_query (TlFeedbackView *self)
{
  return self->query;
}

void
_tl_feedback_view_set_busy (TlFeedbackView *self,
                            gboolean        busy)
{
  g_return_if_fail (TL_IS_FEEDBACK_VIEW (self));

  if (self->busy == busy)
    return;
  self->busy = busy;

  /* Nothing on screen asks the store for rows meanwhile */
  gtk_widget_set_sensitive (GTK_WIDGET (self->quick_add_entry), !busy && self->session != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->filter_button), !busy);
  if (busy)
    {
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
      update_state (self);
    }
  else if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
  else
    {
      self->load_pending = self->store != NULL;
      update_state (self);
    }
}
