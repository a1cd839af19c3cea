/* tl-feedback-editor.c: edits one feedback item
 *
 * A field is saved when the user is done with it (Enter, the apply
 * button, or the focus leaving), not at every key: each save is one step
 * on the undo stack.  While the widgets are filled from the item,
 * `updating` keeps their signals from saving anything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "tl-feedback-data.h"
#include "tl-feedback-editor.h"
#include "tl-feedback-editor-private.h"
#include "tl-feedback-util.h"

#define THUMB_SIZE 72

struct _TlFeedbackEditor
{
  GtkWidget       parent_instance;

  TlSession      *session;
  TlFeedbackItem *item;         /* as stored, or NULL */
  gboolean        updating;
  gboolean        text_dirty;

  GtkWidget      *scrolled;
  GtkTextView    *text_view;
  AdwEntryRow    *date_row;
  AdwEntryRow    *source_row;
  AdwComboRow    *stage_row;
  GtkSpinButton  *rating_spin;
  AdwEntryRow    *respondent_row;
  AdwEntryRow    *tags_row;
  AdwComboRow    *phase_row;
  AdwActionRow   *original_row;
  GtkListBox     *links_list;
  GtkWidget      *links_empty;
  GtkFlowBox     *images_box;
  GtkWidget      *images_empty;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (TlFeedbackEditor, tl_feedback_editor, GTK_TYPE_WIDGET)

enum {
  LINK_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
report (TlFeedbackEditor *self,
        const char       *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_debug ("%s", message);
}

static TlStore *
get_store (TlFeedbackEditor *self)
{
  return self->session != NULL ? tl_session_get_store (self->session) : NULL;
}

static gboolean rating_output_cb (GtkSpinButton *spin, gpointer user_data);

/* ---- filling the widgets ------------------------------------------------- */

static void
clear_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else if (GTK_IS_FLOW_BOX (box))
        gtk_flow_box_remove (GTK_FLOW_BOX (box), child);
      else
        gtk_widget_unparent (child);
    }
}

static void
unlink_clicked_cb (GtkButton        *button,
                   TlFeedbackEditor *self)
{
  const char *link = g_object_get_data (G_OBJECT (button), "tl-link");
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->item == NULL || link == NULL)
    return;

  id = tl_feedback_item_get_id (self->item);
  if (!_tl_feedback_unlink (self->session, &id, 1, link, &error))
    report (self, error->message);
}

static void
fill_links (TlFeedbackEditor *self)
{
  const char * const *links = self->item != NULL ? tl_feedback_item_get_links (self->item) : NULL;
  TlDocument *document = self->session != NULL ? tl_session_get_document (self->session) : NULL;
  guint n = 0;

  clear_children (GTK_WIDGET (self->links_list));
  for (guint i = 0; links != NULL && links[i] != NULL; i++)
    {
      g_autofree char *kind = NULL;
      g_autofree char *name = _tl_link_describe (document, links[i]);
      g_autofree char *tip = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

      _tl_link_parse (links[i], &kind, NULL);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _tl_link_kind_label (kind));

      /* Translators: a button's tooltip; %s names a station, loop or cell */
      tip = g_strdup_printf (_("Unlink from “%s”"), name);
      gtk_widget_set_tooltip_text (button, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data_full (G_OBJECT (button), "tl-link", g_strdup (links[i]), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (unlink_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->links_list, row);
      n++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->links_list), n > 0);
  gtk_widget_set_visible (self->links_empty, n == 0);
}

static void
remove_image_clicked_cb (GtkButton        *button,
                         TlFeedbackEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "tl-index"));
  g_autoptr(GError) error = NULL;

  if (self->item == NULL)
    return;
  if (!_tl_feedback_remove_image (self->session, tl_feedback_item_get_id (self->item), index, &error))
    report (self, error->message);
}

static void
fill_images (TlFeedbackEditor *self)
{
  g_autoptr(GPtrArray) images = NULL;
  TlStore *store = get_store (self);
  guint n = 0;

  clear_children (GTK_WIDGET (self->images_box));
  if (self->item != NULL && store != NULL && tl_feedback_item_get_n_images (self->item) > 0)
    images = _tl_feedback_get_images (store, tl_feedback_item_get_id (self->item), NULL);

  for (guint i = 0; images != NULL && i < images->len; i++)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (images->pdata[i], NULL);
      GtkWidget *overlay;
      GtkWidget *picture;
      GtkWidget *button;
      g_autofree char *label = NULL;

      overlay = gtk_overlay_new ();
      if (texture != NULL)
        picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      else
        picture = gtk_image_new_from_icon_name ("image-missing-symbolic");
      gtk_widget_set_size_request (picture, THUMB_SIZE, THUMB_SIZE);
      if (GTK_IS_PICTURE (picture))
        {
          gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
          gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
        }
      gtk_widget_add_css_class (picture, "tl-thumbnail");
      gtk_widget_set_overflow (picture, GTK_OVERFLOW_HIDDEN);
      gtk_overlay_set_child (GTK_OVERLAY (overlay), picture);

      button = gtk_button_new_from_icon_name ("window-close-symbolic");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_add_css_class (button, "osd");
      gtk_widget_set_halign (button, GTK_ALIGN_END);
      gtk_widget_set_valign (button, GTK_ALIGN_START);
      gtk_widget_set_margin_top (button, 2);
      gtk_widget_set_margin_end (button, 2);
      /* Translators: a button on the n-th image of a feedback item */
      label = g_strdup_printf (_("Remove image %u"), i + 1);
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data (G_OBJECT (button), "tl-index", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (remove_image_clicked_cb), self);
      gtk_overlay_add_overlay (GTK_OVERLAY (overlay), button);

      gtk_flow_box_append (self->images_box, overlay);
      n++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->images_box), n > 0);
  gtk_widget_set_visible (self->images_empty, n == 0);
}

static void
fill (TlFeedbackEditor *self)
{
  TlFeedbackItem *item = self->item;
  guint scale = self->session != NULL ? tl_document_get_score_scale (tl_session_get_document (self->session))
                                      : TL_DEFAULT_SCORE_SCALE;
  const char *phase;
  char stage;
  guint phase_pos = 0;
  const char *original;

  self->updating = TRUE;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                            item != NULL && tl_feedback_item_get_text (item) ? tl_feedback_item_get_text (item) : "", -1);
  self->text_dirty = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->date_row),
                         item != NULL && tl_feedback_item_get_date (item) ? tl_feedback_item_get_date (item) : "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  gtk_editable_set_text (GTK_EDITABLE (self->source_row),
                         item != NULL && tl_feedback_item_get_source (item) ? tl_feedback_item_get_source (item) : "");
  stage = item != NULL ? tl_feedback_item_get_stage (item) : '\0';
  adw_combo_row_set_selected (self->stage_row, stage >= 'A' && stage <= 'F' ? (guint)(stage - 'A' + 1) : 0);

  gtk_spin_button_set_range (self->rating_spin, 0, scale);
  gtk_spin_button_set_value (self->rating_spin,
                             item != NULL && tl_feedback_item_has_rating (item) ? tl_feedback_item_get_rating (item) : 0);
  /* An unchanged value is not shown again by itself */
  rating_output_cb (self->rating_spin, NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->respondent_row),
                         item != NULL && tl_feedback_item_get_respondent (item) ? tl_feedback_item_get_respondent (item) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row),
                         item != NULL && tl_feedback_item_get_tags (item) ? tl_feedback_item_get_tags (item) : "");

  phase = item != NULL ? tl_feedback_item_get_phase (item) : NULL;
  for (guint i = 0; phase != NULL && tl_feedback_phase_ids ()[i] != NULL; i++)
    if (g_str_equal (tl_feedback_phase_ids ()[i], phase))
      phase_pos = i + 1;
  adw_combo_row_set_selected (self->phase_row, phase_pos);

  original = item != NULL ? tl_feedback_item_get_rating_original (item) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->original_row), original != NULL && *original != '\0');
  adw_action_row_set_subtitle (self->original_row, original != NULL ? original : "");

  fill_links (self);
  fill_images (self);

  self->updating = FALSE;
}

/* ---- saving ---------------------------------------------------------------- */

/* Saves @fields of @edited (a copy of the item with the change). */
static void
save (TlFeedbackEditor *self,
      TlFeedbackItem   *edited,
      TlFeedbackFields  fields)
{
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;

  if (self->session == NULL || self->item == NULL)
    return;

  if (!_tl_feedback_edit (self->session, edited, fields, &changed, &error))
    {
      report (self, error->message);
      fill (self);
      return;
    }
  if (changed)
    _tl_feedback_item_copy_fields (self->item, edited);
}

static TlFeedbackItem *
edited_copy (TlFeedbackEditor *self)
{
  TlFeedbackItem *copy = tl_feedback_item_new (tl_feedback_item_get_id (self->item));

  _tl_feedback_item_copy_fields (copy, self->item);
  return copy;
}

static char *
entry_value (GtkEditable *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
save_text (TlFeedbackEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr(TlFeedbackItem) edited = NULL;

  if (self->updating || self->item == NULL || !self->text_dirty)
    return;
  self->text_dirty = FALSE;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (g_strstrip (text), "") == 0)
    {
      report (self, _("Feedback needs its text. To remove the item, use Delete."));
      fill (self);
      return;
    }
  if (g_strcmp0 (text, tl_feedback_item_get_text (self->item)) == 0)
    return;

  edited = edited_copy (self);
  tl_feedback_item_set_text (edited, text);
  save (self, edited, TL_FEEDBACK_FIELD_TEXT);
}

static void
save_entry (TlFeedbackEditor *self,
            AdwEntryRow      *row)
{
  g_autofree char *value = NULL;
  g_autoptr(TlFeedbackItem) edited = NULL;

  if (self->updating || self->item == NULL)
    return;

  value = entry_value (GTK_EDITABLE (row));
  edited = edited_copy (self);

  if (row == self->date_row)
    {
      double days;

      if (value != NULL && !tl_feedback_date_parse (value, &days))
        {
          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          report (self, _("Write the date as 2026-03-24, optionally with a time: 2026-03-24 14:30."));
          return;
        }
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      if (g_strcmp0 (value, tl_feedback_item_get_date (self->item)) == 0)
        return;
      tl_feedback_item_set_date (edited, value);
      save (self, edited, TL_FEEDBACK_FIELD_DATE);
    }
  else if (row == self->source_row)
    {
      if (g_strcmp0 (value, tl_feedback_item_get_source (self->item)) == 0)
        return;
      tl_feedback_item_set_source (edited, value);
      save (self, edited, TL_FEEDBACK_FIELD_SOURCE);
    }
  else if (row == self->respondent_row)
    {
      if (g_strcmp0 (value, tl_feedback_item_get_respondent (self->item)) == 0)
        return;
      tl_feedback_item_set_respondent (edited, value);
      save (self, edited, TL_FEEDBACK_FIELD_RESPONDENT);
    }
  else if (row == self->tags_row)
    {
      if (g_strcmp0 (value, tl_feedback_item_get_tags (self->item)) == 0)
        return;
      tl_feedback_item_set_tags (edited, value);
      save (self, edited, TL_FEEDBACK_FIELD_TAGS);
    }
}

static void
entry_apply_cb (AdwEntryRow      *row,
                TlFeedbackEditor *self)
{
  save_entry (self, row);
}

static void
entry_focus_leave_cb (GtkEventControllerFocus *controller,
                      TlFeedbackEditor        *self)
{
  save_entry (self, ADW_ENTRY_ROW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static void
text_changed_cb (GtkTextBuffer    *buffer,
                 TlFeedbackEditor *self)
{
  if (!self->updating)
    self->text_dirty = TRUE;
}

static void
text_focus_leave_cb (GtkEventControllerFocus *controller,
                     TlFeedbackEditor        *self)
{
  save_text (self);
}

static gboolean
text_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     TlFeedbackEditor      *self)
{
  /* Ctrl+Enter saves: Enter alone is a line break in an answer. */
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_CONTROL_MASK))
    {
      save_text (self);
      return TRUE;
    }
  return FALSE;
}

static void
stage_selected_cb (AdwComboRow      *row,
                   GParamSpec       *pspec,
                   TlFeedbackEditor *self)
{
  guint pos = adw_combo_row_get_selected (row);
  char stage = pos >= 1 && pos <= 6 ? (char)('A' + pos - 1) : '\0';
  g_autoptr(TlFeedbackItem) edited = NULL;

  if (self->updating || self->item == NULL || stage == tl_feedback_item_get_stage (self->item))
    return;
  edited = edited_copy (self);
  tl_feedback_item_set_stage (edited, stage);
  save (self, edited, TL_FEEDBACK_FIELD_STAGE);
}

static void
phase_selected_cb (AdwComboRow      *row,
                   GParamSpec       *pspec,
                   TlFeedbackEditor *self)
{
  guint pos = adw_combo_row_get_selected (row);
  const char *phase = pos >= 1 ? tl_feedback_phase_ids ()[pos - 1] : NULL;
  g_autoptr(TlFeedbackItem) edited = NULL;

  if (self->updating || self->item == NULL || g_strcmp0 (phase, tl_feedback_item_get_phase (self->item)) == 0)
    return;
  edited = edited_copy (self);
  tl_feedback_item_set_phase (edited, phase);
  save (self, edited, TL_FEEDBACK_FIELD_PHASE);
}

static void
rating_changed_cb (GtkSpinButton    *spin,
                   TlFeedbackEditor *self)
{
  double value = gtk_spin_button_get_value (spin);
  gboolean rated = value >= 1;
  g_autoptr(TlFeedbackItem) edited = NULL;

  if (self->updating || self->item == NULL)
    return;
  if (rated == tl_feedback_item_has_rating (self->item) &&
      (!rated || value == tl_feedback_item_get_rating (self->item)))
    return;

  edited = edited_copy (self);
  if (rated)
    tl_feedback_item_set_rating (edited, value);
  else
    tl_feedback_item_clear_rating (edited);
  save (self, edited, TL_FEEDBACK_FIELD_RATING);
}

/* 0 is "no rating": shown as a dash */
static gboolean
rating_output_cb (GtkSpinButton *spin,
                  gpointer       user_data)
{
  double value = gtk_spin_button_get_value (spin);
  g_autofree char *text = value >= 1 ? g_strdup_printf ("%.1f", value) : g_strdup ("—");

  /* The spin button's own set_text is ignored here on GTK 4.8: its text
   * field is what shows. */
  GtkEditable *text_field = gtk_editable_get_delegate (GTK_EDITABLE (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (text_field)) != 0)
    gtk_editable_set_text (text_field, text);
  return TRUE;
}

static int
rating_input_cb (GtkSpinButton *spin,
                 double        *value,
                 gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;

  if (g_strcmp0 (text, "—") == 0 || *text == '\0')
    {
      *value = 0;
      return TRUE;
    }
  *value = g_strtod (text, &end);
  return end != text ? TRUE : GTK_INPUT_ERROR;
}

static void
delete_clicked_cb (GtkButton        *button,
                   TlFeedbackEditor *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->item == NULL)
    return;
  id = tl_feedback_item_get_id (self->item);
  if (!_tl_feedback_delete (self->session, &id, 1, &error))
    report (self, error->message);
}

static void
link_clicked_cb (GtkButton        *button,
                 TlFeedbackEditor *self)
{
  g_signal_emit (self, signals[LINK_REQUESTED], 0);
}

/* ---- images ---------------------------------------------------------------- */

static void
add_image_bytes (TlFeedbackEditor *self,
                 GBytes           *bytes)
{
  g_autoptr(GError) error = NULL;

  if (self->item == NULL)
    return;
  if (!_tl_feedback_add_image (self->session, tl_feedback_item_get_id (self->item), bytes, &error))
    report (self, error->message);
}

static void
file_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TlFeedbackEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      g_autofree char *name = g_file_get_basename (G_FILE (object));
      g_autofree char *message = g_strdup_printf (_("Cannot read “%s”: %s"), name, error->message);

      report (self, message);
      return;
    }
  bytes = g_bytes_new_take (contents, length);
  add_image_bytes (self, bytes);
}

void
tl_feedback_editor_add_image_file (TlFeedbackEditor *self,
                                   GFile            *file)
{
  g_autoptr(GFileInfo) info = NULL;

  g_return_if_fail (TL_IS_FEEDBACK_EDITOR (self));
  g_return_if_fail (G_IS_FILE (file));

  /* Not a 2 GB file into memory by mistake: the store refuses big images
   * anyway. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL && g_file_info_get_size (info) > TL_STORE_MAX_IMAGE_SIZE)
    {
      report (self, _("The image is larger than 32 MB. Save a smaller copy of it and attach that."));
      return;
    }

  g_file_load_contents_async (file, NULL, file_loaded_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog  *native,
                     int               response,
                     TlFeedbackEditor *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          tl_feedback_editor_add_image_file (self, file);
        }
    }
  gtk_native_dialog_destroy (native);
  g_clear_object (&self->chooser);
}

static void
add_image_clicked_cb (GtkButton        *button,
                      TlFeedbackEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  /* Kept referenced: a native dialog is not a widget anyone holds. */
  self->chooser = gtk_file_chooser_native_new (_("Attach Images"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PNG and JPEG images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "jpg");
  gtk_file_filter_add_suffix (filter, "jpeg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

gboolean
_tl_feedback_editor_drop (TlFeedbackEditor *self,
                          const GValue     *value)
{
  if (self->item == NULL)
    return FALSE;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      for (GSList *l = files; l != NULL; l = l->next)
        tl_feedback_editor_add_image_file (self, l->data);
      return files != NULL;
    }
  if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE))
    {
      g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (g_value_get_object (value));

      add_image_bytes (self, png);
      return TRUE;
    }
  return FALSE;
}

static gboolean
drop_cb (GtkDropTarget    *target,
         const GValue     *value,
         double            x,
         double            y,
         TlFeedbackEditor *self)
{
  return _tl_feedback_editor_drop (self, value);
}

/* ---- construction ---------------------------------------------------------- */

static AdwEntryRow *
add_entry_row (TlFeedbackEditor    *self,
               AdwPreferencesGroup *group,
               const char          *title)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "apply", G_CALLBACK (entry_apply_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (entry_focus_leave_cb), self);
  gtk_widget_add_controller (row, focus);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static GtkWidget *
dim_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
tl_feedback_editor_dispose (GObject *object)
{
  TlFeedbackEditor *self = TL_FEEDBACK_EDITOR (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_object (&self->item);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (tl_feedback_editor_parent_class)->dispose (object);
}

static void
tl_feedback_editor_class_init (TlFeedbackEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_feedback_editor_dispose;

  signals[LINK_REQUESTED] =
    g_signal_new ("link-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "feedbackeditor");
}

static void
tl_feedback_editor_init (TlFeedbackEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *group;
  GtkWidget *frame;
  GtkWidget *button;
  GtkWidget *row;
  GtkEventController *controller;
  GtkDropTarget *drop;
  g_autoptr(GtkStringList) stages = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) phases = gtk_string_list_new (NULL);
  GType drop_types[] = { GDK_TYPE_FILE_LIST, GDK_TYPE_TEXTURE };

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), box);

  /* What the customer said */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Feedback"));
  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_tooltip_text (button, _("Delete This Item (Delete)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete this item"), -1);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", G_CALLBACK (delete_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->text_view, 8);
  gtk_text_view_set_bottom_margin (self->text_view, 8);
  gtk_text_view_set_left_margin (self->text_view, 10);
  gtk_text_view_set_right_margin (self->text_view, 10);
  gtk_widget_set_size_request (GTK_WIDGET (self->text_view), -1, 110);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What the customer said"), -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->text_view), _("Saved when you leave the field, or with Ctrl+Enter"));
  g_signal_connect (gtk_text_view_get_buffer (self->text_view), "changed", G_CALLBACK (text_changed_cb), self);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (text_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);
  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (text_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->text_view));
  gtk_widget_add_css_class (frame, "view");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);
  gtk_box_append (GTK_BOX (box), group);

  /* Details */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Details"));
  self->date_row = add_entry_row (self, ADW_PREFERENCES_GROUP (group), _("Date (YYYY-MM-DD)"));
  self->source_row = add_entry_row (self, ADW_PREFERENCES_GROUP (group), _("Source or channel"));

  gtk_string_list_append (stages, _("No stage given"));
  for (char s = 'A'; s <= 'F'; s++)
    {
      g_autofree char *label = _tl_stage_describe (s);

      gtk_string_list_append (stages, label);
    }
  self->stage_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->stage_row), _("Customer stage"));
  adw_combo_row_set_model (self->stage_row, G_LIST_MODEL (stages));
  g_signal_connect (self->stage_row, "notify::selected", G_CALLBACK (stage_selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->stage_row));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Rating"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("On the document’s scale; — for none"));
  self->rating_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, TL_DEFAULT_SCORE_SCALE, 0.5));
  gtk_spin_button_set_digits (self->rating_spin, 1);
  gtk_widget_set_valign (GTK_WIDGET (self->rating_spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rating_spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Rating"), -1);
  g_signal_connect (self->rating_spin, "output", G_CALLBACK (rating_output_cb), NULL);
  g_signal_connect (self->rating_spin, "input", G_CALLBACK (rating_input_cb), NULL);
  g_signal_connect (self->rating_spin, "value-changed", G_CALLBACK (rating_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->rating_spin));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  self->original_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->original_row), _("Rating as imported"));
  gtk_widget_add_css_class (GTK_WIDGET (self->original_row), "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->original_row));

  self->respondent_row = add_entry_row (self, ADW_PREFERENCES_GROUP (group), _("Respondent"));
  self->tags_row = add_entry_row (self, ADW_PREFERENCES_GROUP (group), _("Tags (separated by commas)"));

  gtk_string_list_append (phases, _("No channel phase"));
  for (guint i = 0; tl_feedback_phase_ids ()[i] != NULL; i++)
    gtk_string_list_append (phases, tl_feedback_phase_label (tl_feedback_phase_ids ()[i]));
  self->phase_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->phase_row), _("Channel phase"));
  adw_combo_row_set_model (self->phase_row, G_LIST_MODEL (phases));
  g_signal_connect (self->phase_row, "notify::selected", G_CALLBACK (phase_selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->phase_row));
  gtk_box_append (GTK_BOX (box), group);

  /* Links */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Linked To"));
  button = gtk_button_new_with_mnemonic (_("_Link To…"));
  gtk_widget_set_tooltip_text (button, _("Link to a station, loop or matrix cell (Ctrl+L)"));
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", G_CALLBACK (link_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
  self->links_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->links_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->links_list), "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->links_list));
  self->links_empty = dim_label (_("Not linked yet. Drag the row onto a station, a loop or a matrix cell, or use Link To…."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->links_empty);
  gtk_box_append (GTK_BOX (box), group);

  /* Images */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Images"));
  button = gtk_button_new_with_mnemonic (_("_Add Image…"));
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", G_CALLBACK (add_image_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
  self->images_box = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->images_box, GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (self->images_box, 6);
  gtk_flow_box_set_row_spacing (self->images_box, 6);
  gtk_flow_box_set_max_children_per_line (self->images_box, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->images_box));
  self->images_empty = dim_label (_("Drop a PNG or JPEG here, paste one with Ctrl+V, or choose one with Add Image…."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->images_empty);
  gtk_box_append (GTK_BOX (box), group);

  /* Images dropped anywhere on the editor go to the item. */
  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  fill (self);
}

GtkWidget *
tl_feedback_editor_new (void)
{
  return g_object_new (TL_TYPE_FEEDBACK_EDITOR, NULL);
}

void
tl_feedback_editor_set_session (TlFeedbackEditor *self,
                                TlSession        *session)
{
  g_return_if_fail (TL_IS_FEEDBACK_EDITOR (self));
  g_return_if_fail (session == NULL || TL_IS_SESSION (session));

  if (g_set_object (&self->session, session))
    tl_feedback_editor_set_item (self, NULL);
}

void
tl_feedback_editor_set_item (TlFeedbackEditor *self,
                             TlFeedbackItem   *item)
{
  g_return_if_fail (TL_IS_FEEDBACK_EDITOR (self));
  g_return_if_fail (item == NULL || TL_IS_FEEDBACK_ITEM (item));

  if (self->item != NULL && item != NULL && tl_feedback_item_get_id (self->item) == tl_feedback_item_get_id (item))
    return;

  /* What was being typed is not lost by selecting another row. */
  save_text (self);

  g_clear_object (&self->item);
  if (item != NULL)
    {
      self->item = tl_feedback_item_new (tl_feedback_item_get_id (item));
      _tl_feedback_item_copy_fields (self->item, item);
    }
  fill (self);
}

gint64
tl_feedback_editor_get_item_id (TlFeedbackEditor *self)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_EDITOR (self), -1);

  return self->item != NULL ? tl_feedback_item_get_id (self->item) : -1;
}

void
tl_feedback_editor_refresh (TlFeedbackEditor *self)
{
  g_autoptr(TlFeedbackItem) fresh = NULL;
  TlStore *store;

  g_return_if_fail (TL_IS_FEEDBACK_EDITOR (self));

  store = get_store (self);
  if (self->item == NULL || store == NULL)
    return;

  fresh = tl_store_get_feedback (store, tl_feedback_item_get_id (self->item), NULL);
  if (fresh == NULL)
    {
      /* Deleted (or undone) */
      g_clear_object (&self->item);
      fill (self);
      return;
    }

  _tl_feedback_item_copy_fields (self->item, fresh);
  fill (self);
}

/* ---- for tests -------------------------------------------------------------- */

GtkWidget *
_tl_feedback_editor_get_widget (TlFeedbackEditor *self,
                                const char       *name)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_EDITOR (self), NULL);

  if (g_str_equal (name, "text"))
    return GTK_WIDGET (self->text_view);
  if (g_str_equal (name, "date"))
    return GTK_WIDGET (self->date_row);
  if (g_str_equal (name, "source"))
    return GTK_WIDGET (self->source_row);
  if (g_str_equal (name, "stage"))
    return GTK_WIDGET (self->stage_row);
  if (g_str_equal (name, "rating"))
    return GTK_WIDGET (self->rating_spin);
  if (g_str_equal (name, "respondent"))
    return GTK_WIDGET (self->respondent_row);
  if (g_str_equal (name, "tags"))
    return GTK_WIDGET (self->tags_row);
  if (g_str_equal (name, "phase"))
    return GTK_WIDGET (self->phase_row);
  if (g_str_equal (name, "links"))
    return GTK_WIDGET (self->links_list);
  if (g_str_equal (name, "images"))
    return GTK_WIDGET (self->images_box);
  return NULL;
}

void
_tl_feedback_editor_save_text (TlFeedbackEditor *self)
{
  g_return_if_fail (TL_IS_FEEDBACK_EDITOR (self));

  save_text (self);
}

void
_tl_feedback_editor_save_entry (TlFeedbackEditor *self,
                                const char       *name)
{
  GtkWidget *row = _tl_feedback_editor_get_widget (self, name);

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  save_entry (self, ADW_ENTRY_ROW (row));
}
