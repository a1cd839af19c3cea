/* tl-link-dialog.c: "Link to…"
 *
 * A document has a few dozen targets (8 stations, 6 loops, 35 cells in
 * the template), so a GtkListBox with a filter is plenty.  The search field
 * keeps the focus: typing narrows the list, the arrow keys move the
 * highlight, Enter links.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-feedback-util.h"
#include "tl-link-dialog.h"

struct _TlLinkDialog
{
  AdwWindow       parent_instance;

  TlDocument     *document;
  GtkSearchEntry *search_entry;
  GtkListBox     *list;
  GtkWidget      *link_button;
  GtkStack       *stack;
  GtkScrolledWindow *scrolled;
  char           *search;     /* casefolded */
};

G_DEFINE_FINAL_TYPE (TlLinkDialog, tl_link_dialog, ADW_TYPE_WINDOW)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GQuark link_quark;
static GQuark haystack_quark;
static GQuark kind_quark;

static void
add_row (TlLinkDialog *self,
         const char   *kind,
         const char   *id,
         const char   *icon_name)
{
  g_autofree char *link = _tl_link_make (kind, id);
  g_autofree char *name = _tl_link_describe (self->document, link);
  g_autofree char *haystack = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), id);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  haystack = g_utf8_casefold (name, -1);
  {
    g_autofree char *folded_id = g_utf8_casefold (id, -1);
    g_autofree char *both = g_strconcat (haystack, "\n", folded_id, NULL);

    g_free (haystack);
    haystack = g_steal_pointer (&both);
  }

  g_object_set_qdata_full (G_OBJECT (row), link_quark, g_steal_pointer (&link), g_free);
  g_object_set_qdata_full (G_OBJECT (row), haystack_quark, g_steal_pointer (&haystack), g_free);
  g_object_set_qdata (G_OBJECT (row), kind_quark, (gpointer)g_intern_string (kind));
  gtk_list_box_append (self->list, row);
}

static void
populate (TlLinkDialog *self)
{
  GListModel *stations = tl_document_get_stations (self->document);
  GListModel *loops = tl_document_get_loops (self->document);
  GListModel *cells = tl_document_get_cells (self->document);

  for (guint i = 0; i < g_list_model_get_n_items (stations); i++)
    {
      g_autoptr(TlStation) station = g_list_model_get_item (stations, i);

      add_row (self, "station", tl_station_get_id (station), "mark-location-symbolic");
    }
  for (guint i = 0; i < g_list_model_get_n_items (loops); i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);

      add_row (self, "loop", tl_loop_get_id (loop), "view-refresh-symbolic");
    }
  for (guint i = 0; i < g_list_model_get_n_items (cells); i++)
    {
      g_autoptr(TlCell) cell = g_list_model_get_item (cells, i);

      add_row (self, "cell", tl_cell_get_id (cell), "view-grid-symbolic");
    }
}

static gboolean
filter_func (GtkListBoxRow *row,
             gpointer       user_data)
{
  TlLinkDialog *self = user_data;
  const char *haystack = g_object_get_qdata (G_OBJECT (row), haystack_quark);
  g_auto(GStrv) terms = NULL;

  if (self->search == NULL || *self->search == '\0')
    return TRUE;

  /* Every term somewhere in the name or the id */
  terms = g_strsplit_set (self->search, " \t", -1);
  for (guint i = 0; terms[i] != NULL; i++)
    if (*terms[i] != '\0' && strstr (haystack, terms[i]) == NULL)
      return FALSE;
  return TRUE;
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  const char *kind = g_object_get_qdata (G_OBJECT (row), kind_quark);
  const char *before_kind = before != NULL ? g_object_get_qdata (G_OBJECT (before), kind_quark) : NULL;
  const char *title;
  GtkWidget *label;

  if (kind == before_kind)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  if (g_strcmp0 (kind, "station") == 0)
    title = _("Stations");
  else if (g_strcmp0 (kind, "loop") == 0)
    title = _("Loops");
  else
    title = _("Matrix Cells");

  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, before != NULL ? 18 : 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_box_row_set_header (row, label);
}

static GtkListBoxRow *
first_visible (TlLinkDialog *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && filter_func (GTK_LIST_BOX_ROW (child), self))
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

static void
update_state (TlLinkDialog *self)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->list);
  GtkListBoxRow *first = first_visible (self);

  /* The highlight stays on a row the search leaves, else the first. */
  if (selected == NULL || !filter_func (selected, self))
    gtk_list_box_select_row (self->list, first);

  gtk_stack_set_visible_child_name (self->stack, first != NULL ? "list" : "empty");
  gtk_widget_set_sensitive (self->link_button, first != NULL);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   TlLinkDialog   *self)
{
  tl_link_dialog_set_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
choose (TlLinkDialog  *self,
        GtkListBoxRow *row)
{
  const char *link = g_object_get_qdata (G_OBJECT (row), link_quark);

  g_object_ref (self);
  g_signal_emit (self, signals[CHOSEN], 0, link);
  gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
row_activated_cb (GtkListBox    *list,
                  GtkListBoxRow *row,
                  TlLinkDialog  *self)
{
  choose (self, row);
}

static void
search_activate_cb (GtkSearchEntry *entry,
                    TlLinkDialog   *self)
{
  tl_link_dialog_activate (self);
}

static void
link_clicked_cb (GtkButton    *button,
                 TlLinkDialog *self)
{
  tl_link_dialog_activate (self);
}

/* Brings @row into view without taking the focus from the search. */
static void
scroll_to (TlLinkDialog *self,
           GtkWidget    *row)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  graphene_rect_t bounds;
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);

  if (!gtk_widget_compute_bounds (row, GTK_WIDGET (self->list), &bounds))
    return;

  /* The list is the scrolled window's content, from its top. */
  if (bounds.origin.y < value)
    gtk_adjustment_set_value (adjustment, bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > value + page)
    gtk_adjustment_set_value (adjustment, bounds.origin.y + bounds.size.height - page);
}

/* Up and Down in the search field move the highlight in the list. */
static void
move_selection (TlLinkDialog *self,
                int           direction)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->list);
  GtkWidget *child;

  if (selected == NULL)
    {
      gtk_list_box_select_row (self->list, first_visible (self));
      return;
    }

  child = GTK_WIDGET (selected);
  do
    child = direction > 0 ? gtk_widget_get_next_sibling (child) : gtk_widget_get_prev_sibling (child);
  while (child != NULL && !(GTK_IS_LIST_BOX_ROW (child) && filter_func (GTK_LIST_BOX_ROW (child), self)));

  if (child != NULL)
    {
      gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (child));
      scroll_to (self, child);
    }
}

static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       TlLinkDialog          *self)
{
  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    {
      move_selection (self, 1);
      return TRUE;
    }
  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    {
      move_selection (self, -1);
      return TRUE;
    }
  return FALSE;
}

static void
tl_link_dialog_dispose (GObject *object)
{
  TlLinkDialog *self = TL_LINK_DIALOG (object);

  g_clear_object (&self->document);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (tl_link_dialog_parent_class)->dispose (object);
}

static void
tl_link_dialog_class_init (TlLinkDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_link_dialog_dispose;

  /**
   * TlLinkDialog::chosen:
   * @link: "station:ID", "loop:ID" or "cell:LAYER/TYPE"
   */
  signals[CHOSEN] =
    g_signal_new ("chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  link_quark = g_quark_from_static_string ("tl-link-dialog-link");
  haystack_quark = g_quark_from_static_string ("tl-link-dialog-haystack");
  kind_quark = g_quark_from_static_string ("tl-link-dialog-kind");
}

static void
tl_link_dialog_init (TlLinkDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *clamp;
  GtkWidget *scrolled;
  GtkWidget *empty;
  GtkEventController *keys;

  gtk_window_set_default_size (GTK_WINDOW (self), 420, 560);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_close), self);
  self->link_button = gtk_button_new_with_mnemonic (_("_Link"));
  gtk_widget_add_css_class (self->link_button, "suggested-action");
  g_signal_connect (self->link_button, "clicked", G_CALLBACK (link_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->link_button);
  gtk_box_append (GTK_BOX (box), header);

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry,
                "placeholder-text", _("Search stations, loops and cells"),
                "hexpand", TRUE,
                NULL);
  gtk_widget_set_margin_start (GTK_WIDGET (self->search_entry), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->search_entry), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->search_entry), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->search_entry), 6);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search_entry));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_BROWSE);
  gtk_list_box_set_filter_func (self->list, filter_func, self, NULL);
  gtk_list_box_set_header_func (self->list, header_func, NULL, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  gtk_widget_set_margin_start (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->list), 12);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Link targets"),
                                  -1);

  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->list));
  scrolled = gtk_scrolled_window_new ();
  self->scrolled = GTK_SCROLLED_WINDOW (scrolled);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);

  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "edit-find-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("Nothing Found"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("No station, loop or matrix cell has that name. Try another word, or part of one."));
  gtk_widget_add_css_class (empty, "compact");

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->search_entry));
}

TlLinkDialog *
tl_link_dialog_new (GtkWindow  *parent,
                    TlDocument *document,
                    guint       n_items)
{
  TlLinkDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TL_IS_DOCUMENT (document), NULL);

  self = g_object_new (TL_TYPE_LINK_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->document = g_object_ref (document);

  /* Translators: the title of the "Link to…" dialog; %u is how many
   * feedback items get linked */
  title = g_strdup_printf (ngettext ("Link %u Item To", "Link %u Items To", n_items), n_items);
  gtk_window_set_title (GTK_WINDOW (self), title);

  populate (self);
  update_state (self);

  return self;
}

void
tl_link_dialog_set_search (TlLinkDialog *self,
                           const char   *text)
{
  g_autofree char *folded = NULL;

  g_return_if_fail (TL_IS_LINK_DIALOG (self));

  folded = text != NULL ? g_utf8_casefold (text, -1) : NULL;
  if (g_strcmp0 (folded, self->search) == 0)
    return;

  g_free (self->search);
  self->search = g_steal_pointer (&folded);
  /* Setting the text empties the entry first, which a search entry
   * reports at once: not back here. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text ? text : "") != 0)
    {
      g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
      g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
    }

  gtk_list_box_invalidate_filter (self->list);
  update_state (self);
}

char **
tl_link_dialog_dup_visible (TlLinkDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (TL_IS_LINK_DIALOG (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && filter_func (GTK_LIST_BOX_ROW (child), self))
      g_strv_builder_add (builder, g_object_get_qdata (G_OBJECT (child), link_quark));

  return g_strv_builder_end (builder);
}

gboolean
tl_link_dialog_activate (TlLinkDialog *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (TL_IS_LINK_DIALOG (self), FALSE);

  row = gtk_list_box_get_selected_row (self->list);
  if (row == NULL || !filter_func (row, self))
    row = first_visible (self);
  if (row == NULL)
    return FALSE;

  choose (self, row);
  return TRUE;
}
