/* tl-feedback-view.c: the Feedback page, a table of a document's feedback
 *
 * A GtkColumnView over TlFeedbackListModel, which pages the items in from
 * the store.  Binding a row must stay cheap (it runs for every row that
 * scrolls into view, a million rows deep): it formats what the item holds
 * and looks link targets up in the in-memory document, never in SQLite.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <adwaita.h>

#include "tl-feedback-view.h"
#include "tl-feedback-list-model.h"
#include "tl-feedback-view-private.h"

/* Longer text is cut before it reaches Pango: a cell shows one ellipsized
 * line, and shaping a whole long answer for every bound row is wasted. */
#define CELL_TEXT_MAX_CHARS    300
#define TOOLTIP_TEXT_MAX_CHARS 2000

struct _TlFeedbackView
{
  GtkWidget            parent_instance;

  TlStore             *store;
  TlDocument          *document;        /* the store's; names link targets */
  TlFeedbackListModel *model;
  const char          *ui_language;     /* "zh_CN", "zh_TW" or "en" */
  PangoAttrList       *text_attrs;      /* language of feedback text, or NULL */
  GHashTable          *bound_links;     /* GtkListItem of the links column, bound now */
  gboolean             load_pending;    /* the store changed while the page was hidden */

  /* template */
  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkSingleSelection  *selection;
  GtkLabel            *count_label;
};

G_DEFINE_FINAL_TYPE (TlFeedbackView, tl_feedback_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static void
add_cell_label (GtkListItem *list_item,
                TooltipKind  tooltip_kind,
                const char  *css_class,
                int          width_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  if (tooltip_kind != TOOLTIP_NONE)
    {
      GWeakRef *ref = g_new0 (GWeakRef, 1);

      g_weak_ref_init (ref, list_item);
      g_object_set_qdata_full (G_OBJECT (label), list_item_quark, ref, weak_ref_free);
      g_object_set_qdata (G_OBJECT (label), tooltip_kind_quark, GINT_TO_POINTER (tooltip_kind));
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
    }

  gtk_list_item_set_child (list_item, label);
}

/* Labels of link targets, from the document (cheap: no SQL). */
static char *
format_link (TlFeedbackView *self,
             const char     *link)
{
  const char *label = NULL;

  if (self->document == NULL)
    return g_strdup (link);

  if (g_str_has_prefix (link, "station:"))
    {
      const char *id = link + strlen ("station:");
      TlStation *station = tl_document_lookup_station (self->document, id);

      if (station != NULL)
        label = tl_station_get_label (station);
      return g_strdup (label != NULL && *label != '\0' ? label : id);
    }
  else if (g_str_has_prefix (link, "loop:"))
    {
      const char *id = link + strlen ("loop:");
      TlLoop *loop = tl_document_lookup_loop (self->document, id);

      if (loop != NULL)
        label = tl_loop_get_name (loop);
      return g_strdup (label != NULL && *label != '\0' ? label : id);
    }
  else if (g_str_has_prefix (link, "cell:"))
    {
      const char *id = link + strlen ("cell:");
      const char *slash = strchr (id, '/');
      g_autofree char *layer_id = NULL;
      const char *type_id;
      TlMatrixHeader *layer;
      TlMatrixHeader *type;
      const char *layer_label = NULL;
      const char *type_label = NULL;

      if (slash == NULL)
        return g_strdup (id);

      layer_id = g_strndup (id, slash - id);
      type_id = slash + 1;
      layer = tl_document_lookup_layer (self->document, layer_id);
      type = tl_document_lookup_type (self->document, type_id);
      if (layer != NULL)
        layer_label = tl_matrix_header_get_label (layer);
      if (type != NULL)
        type_label = tl_matrix_header_get_label (type);

      /* Translators: a matrix cell, "touchpoint layer × experience type" */
      return g_strdup_printf (_("%s × %s"),
                              layer_label != NULL && *layer_label != '\0' ? layer_label : layer_id,
                              type_label != NULL && *type_label != '\0' ? type_label : type_id);
    }

  return g_strdup (link);
}

static char *
format_links (TlFeedbackView     *self,
              const char * const *links)
{
  GString *s;

  if (links == NULL || links[0] == NULL)
    return NULL;

  s = g_string_new (NULL);
  for (guint i = 0; links[i] != NULL; i++)
    {
      g_autofree char *label = format_link (self, links[i]);

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

static void
set_links_text (TlFeedbackView *self,
                GtkListItem    *list_item)
{
  TlFeedbackItem *item = gtk_list_item_get_item (list_item);
  GtkLabel *label = list_item_label (list_item);
  g_autofree char *text = NULL;

  if (item != NULL)
    text = format_links (self, tl_feedback_item_get_links (item));

  gtk_label_set_attributes (label, self->text_attrs);
  set_cell_text (label, text);
}

static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               TlFeedbackView           *self)
{
  /* 20 characters keep the column usable in a narrow window. */
  add_cell_label (list_item, TOOLTIP_FULL_TEXT, NULL, 20);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                TlFeedbackView           *self)
{
  add_cell_label (list_item, TOOLTIP_ELLIPSIZED, NULL, -1);
}

static void
setup_date_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               TlFeedbackView           *self)
{
  add_cell_label (list_item, TOOLTIP_FULL_DATE, "numeric", -1);
}

static void
setup_number_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 TlFeedbackView           *self)
{
  add_cell_label (list_item, TOOLTIP_NONE, "numeric", -1);
}

static void
unbind_label_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 TlFeedbackView           *self)
{
  gtk_label_set_text (list_item_label (list_item), "");
}

/* Free text (what the customer said, where): shortened to what a cell
 * shows, with the language attributes that pick the right CJK glyphs. */
static void
bind_free_text (TlFeedbackView *self,
                GtkListItem    *list_item,
                const char     *text)
{
  GtkLabel *label = list_item_label (list_item);
  g_autofree char *cell_text = fit_text (text, CELL_TEXT_MAX_CHARS, FALSE);

  gtk_label_set_attributes (label, self->text_attrs);
  set_cell_text (label, cell_text != NULL ? cell_text : text);
}

static void
bind_text_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              TlFeedbackView           *self)
{
  bind_free_text (self, list_item, tl_feedback_item_get_text (gtk_list_item_get_item (list_item)));
}

static void
bind_source_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                TlFeedbackView           *self)
{
  bind_free_text (self, list_item, tl_feedback_item_get_source (gtk_list_item_get_item (list_item)));
}

static void
bind_date_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              TlFeedbackView           *self)
{
  TlFeedbackItem *item = gtk_list_item_get_item (list_item);
  GtkLabel *label = list_item_label (list_item);
  const char *date = tl_feedback_item_get_date (item);
  g_autofree char *day = NULL;

  /* ISO 8601: the date part ends where the time begins. */
  if (date != NULL && *date != '\0')
    day = g_strndup (date, strcspn (date, "T "));

  set_cell_text (label, day != NULL && g_utf8_validate (day, -1, NULL) ? day : NULL);
}

static void
bind_stage_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               TlFeedbackView           *self)
{
  TlFeedbackItem *item = gtk_list_item_get_item (list_item);
  GtkLabel *label = list_item_label (list_item);
  char stage = tl_feedback_item_get_stage (item);
  const char *name = tl_stage_label (stage, self->ui_language);

  if (name != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: a customer stage, its letter and its name, as in "C · Customer" */
      text = g_strdup_printf (_("%c · %s"), stage, name);
      set_cell_text (label, text);
    }
  else
    {
      set_cell_text (label, NULL);
    }
}

static void
bind_rating_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                TlFeedbackView           *self)
{
  TlFeedbackItem *item = gtk_list_item_get_item (list_item);
  GtkLabel *label = list_item_label (list_item);

  if (tl_feedback_item_has_rating (item))
    {
      g_autofree char *text = g_strdup_printf ("%.1f", tl_feedback_item_get_rating (item));

      set_cell_text (label, text);
    }
  else
    {
      set_cell_text (label, NULL);
    }
}

static void
bind_links_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               TlFeedbackView           *self)
{
  g_hash_table_add (self->bound_links, list_item);
  set_links_text (self, list_item);
}

static void
unbind_links_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 TlFeedbackView           *self)
{
  g_hash_table_remove (self->bound_links, list_item);
  unbind_label_cb (factory, list_item, self);
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
  GHashTableIter iter;
  gpointer list_item;

  if (!TL_IS_STATION (object) && !TL_IS_LOOP (object) && !TL_IS_MATRIX_HEADER (object))
    return;

  g_hash_table_iter_init (&iter, self->bound_links);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    set_links_text (self, list_item);
}

static const char *
pango_language_of (const char *language)
{
  if (g_strcmp0 (language, "zh_CN") == 0)
    return "zh-cn";
  if (g_strcmp0 (language, "zh_TW") == 0)
    return "zh-tw";
  return NULL;
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
    lang = pango_language_of (tl_document_get_language (self->document));
  if (lang == NULL)
    lang = pango_language_of (self->ui_language);
  if (lang == NULL)
    return;

  self->text_attrs = pango_attr_list_new ();
  pango_attr_list_insert (self->text_attrs,
                          pango_attr_language_new (pango_language_from_string (lang)));
}

static char *
format_count (guint64 n)
{
  /* The ' flag groups thousands the locale's way ("1,000,000"). */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

static void
update_state (TlFeedbackView *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  gint64 n_linked = 0;
  g_autofree char *n_items_str = NULL;
  g_autofree char *n_linked_str = NULL;
  g_autofree char *items_text = NULL;
  g_autofree char *linked_text = NULL;
  g_autofree char *text = NULL;

  gtk_stack_set_visible_child_name (self->stack, n_items > 0 ? "list" : "empty");

  if (self->store != NULL && n_items > 0)
    n_linked = MAX (tl_store_count_linked_feedback (self->store), 0);

  n_items_str = format_count (n_items);
  n_linked_str = format_count (n_linked);
  /* Translators: the first half of "312 items, 280 linked"; %s is a number */
  items_text = g_strdup_printf (ngettext ("%s item", "%s items", n_items), n_items_str);
  /* Translators: the second half of "312 items, 280 linked": how many
   * feedback items are linked to a station, loop or matrix cell */
  linked_text = g_strdup_printf (ngettext ("%s linked", "%s linked", (gulong)n_linked), n_linked_str);
  /* Translators: "312 items" and "280 linked" joined, as in "312 items, 280 linked" */
  text = g_strdup_printf (C_("feedback count", "%s, %s"), items_text, linked_text);

  gtk_label_set_text (self->count_label, text);
}

static void
model_items_changed_cb (GListModel     *model,
                        guint           position,
                        guint           removed,
                        guint           added,
                        TlFeedbackView *self)
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

  /* One count query for the whole change, not one per signal. */
  g_signal_handlers_block_by_func (self->model, model_items_changed_cb, self);
  if (tl_feedback_list_model_get_store (self->model) != self->store)
    tl_feedback_list_model_set_store (self->model, self->store);
  else
    tl_feedback_list_model_reload (self->model);
  g_signal_handlers_unblock_by_func (self->model, model_items_changed_cb, self);

  update_state (self);
}

static void
tl_feedback_view_map (GtkWidget *widget)
{
  TlFeedbackView *self = TL_FEEDBACK_VIEW (widget);

  /* Before the children are mapped, so the stack shows the right page at
   * once instead of cross-fading from the empty one. */
  if (self->load_pending)
    load (self);

  GTK_WIDGET_CLASS (tl_feedback_view_parent_class)->map (widget);
}

static void
tl_feedback_view_dispose (GObject *object)
{
  TlFeedbackView *self = TL_FEEDBACK_VIEW (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, document_changed_cb, self);
  g_clear_object (&self->document);

  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_FEEDBACK_VIEW);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_clear_object (&self->model);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tl_feedback_view_parent_class)->dispose (object);
}

static void
tl_feedback_view_finalize (GObject *object)
{
  TlFeedbackView *self = TL_FEEDBACK_VIEW (object);

  g_clear_pointer (&self->bound_links, g_hash_table_unref);
  g_clear_pointer (&self->text_attrs, pango_attr_list_unref);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ADW_TYPE_STATUS_PAGE);

  tooltip_kind_quark = g_quark_from_static_string ("tl-feedback-view-tooltip-kind");
  list_item_quark = g_quark_from_static_string ("tl-feedback-view-list-item");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/touchloop/Touchloop/tl-feedback-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TlFeedbackView, stack);
  gtk_widget_class_bind_template_child (widget_class, TlFeedbackView, column_view);
  gtk_widget_class_bind_template_child (widget_class, TlFeedbackView, selection);
  gtk_widget_class_bind_template_child (widget_class, TlFeedbackView, count_label);
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

  gtk_widget_class_set_css_name (widget_class, "feedbackview");
}

static void
tl_feedback_view_init (TlFeedbackView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->ui_language = tl_language_from_environment ();
  self->bound_links = g_hash_table_new (NULL, NULL);
  self->model = tl_feedback_list_model_new (NULL);
  g_signal_connect (self->model, "items-changed", G_CALLBACK (model_items_changed_cb), self);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));

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

  if (!g_set_object (&self->store, store))
    return;

  document = store != NULL ? tl_store_get_document (store) : NULL;
  if (document != self->document)
    {
      if (self->document != NULL)
        g_signal_handlers_disconnect_by_func (self->document, document_changed_cb, self);
      g_set_object (&self->document, document);
      if (self->document != NULL)
        g_signal_connect_object (self->document, "changed",
                                 G_CALLBACK (document_changed_cb), self, 0);
      update_text_attrs (self);
    }

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

void
tl_feedback_view_reload (TlFeedbackView *self)
{
  g_return_if_fail (TL_IS_FEEDBACK_VIEW (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
  else
    self->load_pending = self->store != NULL;
}
