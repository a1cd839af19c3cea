/* tl-document-properties.c
 *
 * Built in code rather than from a template: its rows follow the
 * document's properties one to one, and the score scales and languages
 * come from tables.  Every edit is a command on the session's undo stack
 * (typing into a field, or spinning a number, merges into one step); the
 * window listens to the document, so an undo shows here at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tl-document-properties.h"
#include "tl-scale-command.h"

static const guint scales[] = { 5, 7, 10 };

static const struct {
  const char *id;
  const char *name;
} languages[] = {
  { "zh_CN", N_("Simplified Chinese") },
  { "zh_TW", N_("Traditional Chinese") },
  { "en",    N_("English") },
};

struct _TlDocumentProperties
{
  AdwPreferencesWindow  parent_instance;

  TlSession            *session;
  TlDocument           *document;

  AdwEntryRow          *title_row;
  AdwComboRow          *language_row;
  AdwComboRow          *scale_row;
  GtkSpinButton        *half_life;
  GtkSpinButton        *moderate;
  GtkSpinButton        *strong;

  /* Set while the window shows the document's values, so that showing
   * them is not taken for an edit */
  gboolean              updating;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TlDocumentProperties, tl_document_properties, ADW_TYPE_PREFERENCES_WINDOW)

static GParamSpec *properties[N_PROPS];

static void
report (TlDocumentProperties *self,
        const GError         *error)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

/* ---- the document → the window ------------------------------------------ */

static void
show_document (TlDocumentProperties *self)
{
  TlDocument *document = self->document;
  const char *title = tl_document_get_title (document);
  guint scale = tl_document_get_score_scale (document);
  double moderate = tl_document_get_strength_moderate (document);
  double strong = tl_document_get_strength_strong (document);

  self->updating = TRUE;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_row)), title) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), title != NULL ? title : "");

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i].id, tl_document_get_language (document)) == 0)
      adw_combo_row_set_selected (self->language_row, i);

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    if (scales[i] == scale)
      adw_combo_row_set_selected (self->scale_row, i);

  gtk_spin_button_set_value (self->half_life, tl_document_get_half_life (document));
  /* Moderate evidence comes before strong evidence */
  gtk_spin_button_set_range (self->moderate, 0, MAX (strong, 0));
  gtk_spin_button_set_range (self->strong, moderate, 1e6);
  gtk_spin_button_set_value (self->moderate, moderate);
  gtk_spin_button_set_value (self->strong, strong);

  self->updating = FALSE;
}

static void
document_notify_cb (TlDocumentProperties *self)
{
  show_document (self);
}

/* ---- the window → the document ------------------------------------------ */

static void
change_property (TlDocumentProperties *self,
              const char           *property,
              const GValue         *value,
              gboolean              mergeable)
{
  g_autoptr(GError) error = NULL;

  if (self->updating)
    return;

  if (!tl_session_set (self->session, self->document, property, value, mergeable, &error))
    {
      report (self, error);
      show_document (self);
    }
}

static void
title_changed_cb (TlDocumentProperties *self)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  /* Typing is one step */
  change_property (self, "title", &value, TRUE);
}

static void
language_selected_cb (TlDocumentProperties *self)
{
  guint selected = adw_combo_row_get_selected (self->language_row);
  g_auto(GValue) value = G_VALUE_INIT;

  if (selected >= G_N_ELEMENTS (languages) ||
      g_strcmp0 (languages[selected].id, tl_document_get_language (self->document)) == 0)
    return;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, languages[selected].id);
  change_property (self, "language", &value, FALSE);
}

static void
scale_selected_cb (TlDocumentProperties *self)
{
  guint selected = adw_combo_row_get_selected (self->scale_row);
  g_autoptr(TlCommand) command = NULL;
  g_autoptr(GError) error = NULL;

  if (self->updating || selected >= G_N_ELEMENTS (scales) ||
      scales[selected] == tl_document_get_score_scale (self->document))
    return;

  /* Not a plain property: every score is converted with it */
  command = tl_scale_command_new (scales[selected]);
  if (!tl_session_run (self->session, command, &error))
    {
      report (self, error);
      show_document (self);
    }
}

static void
spin_changed_cb (GtkSpinButton        *spin,
                 TlDocumentProperties *self)
{
  g_auto(GValue) value = G_VALUE_INIT;
  const char *property;

  if (spin == self->half_life)
    property = "half-life";
  else if (spin == self->moderate)
    property = "strength-moderate";
  else
    property = "strength-strong";

  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, gtk_spin_button_get_value (spin));
  /* Spinning is one step */
  change_property (self, property, &value, TRUE);
}

static gboolean
undo_cb (GtkWidget  *widget,
         GVariant   *args,
         gpointer    user_data)
{
  TlDocumentProperties *self = TL_DOCUMENT_PROPERTIES (widget);
  TlUndoStack *stack = tl_session_get_undo_stack (self->session);
  gboolean redo = g_variant_get_boolean (args);

  if (redo)
    tl_undo_stack_redo (stack);
  else
    tl_undo_stack_undo (stack);

  return TRUE;
}

/* ---- building ------------------------------------------------------------ */

static GtkSpinButton *
add_spin_row (AdwPreferencesGroup *group,
              const char          *title,
              const char          *subtitle,
              double               lower,
              double               upper,
              double               step,
              guint                digits)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                  -1);
  adw_preferences_group_add (group, row);

  return GTK_SPIN_BUTTON (spin);
}

static void
build (TlDocumentProperties *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *document_group = adw_preferences_group_new ();
  GtkWidget *evidence_group = adw_preferences_group_new ();
  g_autoptr(GtkStringList) language_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) scale_names = gtk_string_list_new (NULL);

  gtk_window_set_title (GTK_WINDOW (self), _("Document Properties"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Document"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "document-properties-symbolic");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (document_group), _("Document"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (document_group),
                                         _("Every change here can be undone with Ctrl+Z."));

  self->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_row), _("Title"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (document_group), GTK_WIDGET (self->title_row));

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    gtk_string_list_append (language_names, _(languages[i].name));
  self->language_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->language_row), _("Language"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->language_row),
                               _("Of its labels and reports"));
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (language_names));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (document_group), GTK_WIDGET (self->language_row));

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      /* Translators: a score scale, e.g. "1–5"; %u is its top score */
      g_autofree char *name = g_strdup_printf (_("1–%u"), scales[i]);

      gtk_string_list_append (scale_names, name);
    }
  self->scale_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->scale_row), _("Score Scale"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->scale_row),
                               _("Changing it converts every current and target score proportionally, in one step"));
  adw_combo_row_set_model (self->scale_row, G_LIST_MODEL (scale_names));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (document_group), GTK_WIDGET (self->scale_row));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (evidence_group), _("Evidence"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (evidence_group),
                                         _("Recent feedback weighs more than old: an item counts half as much "
                                           "for every half-life of age. Evidence is weak below the moderate "
                                           "threshold and strong from the strong one, counted in "
                                           "recency-weighted items."));
  self->half_life = add_spin_row (ADW_PREFERENCES_GROUP (evidence_group), _("Half-Life"),
                                  _("Days after which a feedback item counts half"),
                                  1, 3650, 1, 0);
  self->moderate = add_spin_row (ADW_PREFERENCES_GROUP (evidence_group), _("Moderate Evidence From"),
                                 _("Recency-weighted items"), 0, 1e6, 0.5, 1);
  self->strong = add_spin_row (ADW_PREFERENCES_GROUP (evidence_group), _("Strong Evidence From"),
                               _("Recency-weighted items"), 0, 1e6, 0.5, 1);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (document_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (evidence_group));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));

  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (title_changed_cb), self);
  g_signal_connect_swapped (self->language_row, "notify::selected", G_CALLBACK (language_selected_cb), self);
  g_signal_connect_swapped (self->scale_row, "notify::selected", G_CALLBACK (scale_selected_cb), self);
  g_signal_connect (self->half_life, "value-changed", G_CALLBACK (spin_changed_cb), self);
  g_signal_connect (self->moderate, "value-changed", G_CALLBACK (spin_changed_cb), self);
  g_signal_connect (self->strong, "value-changed", G_CALLBACK (spin_changed_cb), self);
}

static void
tl_document_properties_constructed (GObject *object)
{
  TlDocumentProperties *self = TL_DOCUMENT_PROPERTIES (object);

  G_OBJECT_CLASS (tl_document_properties_parent_class)->constructed (object);

  g_assert (self->session != NULL);
  self->document = g_object_ref (tl_session_get_document (self->session));
  build (self);
  show_document (self);
  g_signal_connect_object (self->document, "notify", G_CALLBACK (document_notify_cb), self, G_CONNECT_SWAPPED);
}

static void
tl_document_properties_dispose (GObject *object)
{
  TlDocumentProperties *self = TL_DOCUMENT_PROPERTIES (object);

  g_clear_object (&self->document);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (tl_document_properties_parent_class)->dispose (object);
}

static void
tl_document_properties_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TlDocumentProperties *self = TL_DOCUMENT_PROPERTIES (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_document_properties_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TlDocumentProperties *self = TL_DOCUMENT_PROPERTIES (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_document_properties_class_init (TlDocumentPropertiesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tl_document_properties_constructed;
  object_class->dispose = tl_document_properties_dispose;
  object_class->get_property = tl_document_properties_get_property;
  object_class->set_property = tl_document_properties_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The window's undo and redo, here too (a text field keeps its own) */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, undo_cb, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, undo_cb, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, undo_cb, "b", TRUE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tl_document_properties_init (TlDocumentProperties *self)
{
}

GtkWidget *
tl_document_properties_new (GtkWindow *parent,
                            TlSession *session)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TL_IS_SESSION (session), NULL);

  return g_object_new (TL_TYPE_DOCUMENT_PROPERTIES,
                       "session", session,
                       "transient-for", parent,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       NULL);
}

TlSession *
tl_document_properties_get_session (TlDocumentProperties *self)
{
  g_return_val_if_fail (TL_IS_DOCUMENT_PROPERTIES (self), NULL);

  return self->session;
}
