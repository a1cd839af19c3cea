/* tl-evidence-pane.c: what the customer feedback says about the selection
 *
 * The metrics come from the document's aggregates (never a scan); the
 * quotes and the "who said it" chart from the store, read again when the
 * pane is shown, and at most once per burst of changes (an import links
 * thousands of items and emits ::evidence-changed once, a drag a few
 * times).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "tl-chart-painter.h"
#include "tl-evidence-pane.h"
#include "tl-evidence-pane-private.h"
#include "tl-feedback-util.h"
#include "tl-ui-private.h"

/* Quotes shown at most; "Show All" opens the Feedback page for the rest. */
#define MAX_QUOTES   20
#define QUOTE_LINES  6
#define THUMB_SIZE   56
#define RELOAD_DELAY 150   /* ms: one reload for a burst of changes */

struct _TlEvidencePane
{
  GtkWidget       parent_instance;

  TlSession      *session;
  TlChartPainter *chart;
  guint           reload_source;
  guint           chart_source;
  gboolean        reload_pending;   /* changed while unmapped */

  /* widgets */
  GtkWidget      *scrolled;
  GtkLabel       *title_label;
  GtkLabel       *kind_label;
  GtkWidget      *metrics_group;
  GtkLabel       *strength_label;
  GtkLabel       *count_label;
  GtkLabel       *rating_label;
  GtkLabel       *negative_label;
  GtkLabel       *temperature_label;
  GtkLabel       *recent_label;
  GtkLabel       *help_label;
  GtkWidget      *quotes_group;
  GtkListBox     *quotes_list;
  GtkLabel       *quotes_empty;
  GtkWidget      *show_all_button;
  GtkLabel       *chart_title;
  GtkDrawingArea *chart_area;
  GtkLabel       *nothing_label;
};

G_DEFINE_FINAL_TYPE (TlEvidencePane, tl_evidence_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

enum {
  SHOW_FEEDBACK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *strength_classes[] = { "tl-strength-none", "tl-strength-weak",
                                          "tl-strength-moderate", "tl-strength-strong" };

static TlDocument *
get_document (TlEvidencePane *self)
{
  return self->session != NULL ? tl_session_get_document (self->session) : NULL;
}

static TlStore *
get_store (TlEvidencePane *self)
{
  return self->session != NULL ? tl_session_get_store (self->session) : NULL;
}

/* The selection the pane shows: a station, a loop or a cell, else NULL */
static gboolean
get_target (TlEvidencePane  *self,
            const char     **kind,
            const char     **id)
{
  const char *k = self->session != NULL ? tl_session_get_selected_kind (self->session) : NULL;
  const char *i = self->session != NULL ? tl_session_get_selected_id (self->session) : NULL;

  if (k == NULL || i == NULL ||
      (g_strcmp0 (k, "station") != 0 && g_strcmp0 (k, "loop") != 0 && g_strcmp0 (k, "cell") != 0))
    {
      *kind = *id = NULL;
      return FALSE;
    }

  *kind = k;
  *id = i;
  return TRUE;
}

/* One decimal, or a dash for no value */
static void
set_decimal (GtkLabel *label,
             double    value)
{
  g_autofree char *text = NULL;

  if (isnan (value))
    {
      gtk_label_set_text (label, "—");
      return;
    }
  text = g_strdup_printf ("%.1f", value);
  gtk_label_set_text (label, text);
}

/* The formulas, with this document's parameters: the same definitions
 * as EVIDENCE.md and the README's "Evidence metrics". */
static void
update_help (TlEvidencePane *self)
{
  TlDocument *document = get_document (self);
  guint scale = document != NULL ? tl_document_get_score_scale (document) : TL_DEFAULT_SCORE_SCALE;
  double half_life = document != NULL ? tl_document_get_half_life (document) : TL_EVIDENCE_DEFAULT_HALF_LIFE;
  double moderate = document != NULL ? tl_document_get_strength_moderate (document) : TL_EVIDENCE_DEFAULT_STRENGTH_MODERATE;
  double strong = document != NULL ? tl_document_get_strength_strong (document) : TL_EVIDENCE_DEFAULT_STRENGTH_STRONG;
  g_autofree char *text = NULL;

  text = g_strdup_printf (
    /* Translators: the help popover of the evidence pane.  Keep the
     * formulas as they are; %u is the document's rating scale (5), the
     * %g are the half-life in days (90) and the two strength thresholds
     * (3 and 10).  <b> marks bold (Pango markup). */
    _("<b>Count</b>: the feedback items linked here. A loop counts what is linked to the loop or to any station of it, each item once.\n\n"
      "<b>Average rating</b>: the mean of the rated items, on the document’s 1–%u scale.\n\n"
      "<b>Negative share</b>: rated items with (r − 1) / (scale − 1) ≤ 0.25 (1–2 on a 1–5 scale), divided by the rated items; “—” when none is rated.\n\n"
      "<b>Recency weight</b>: w = 2^(−age / H). The age is in days before the newest item of the document (an item without a date counts as newest); H, the half-life, is %g days.\n\n"
      "<b>Engagement</b>: e = 1, + 0.5 for a text of 30 characters or more, + 0.5 with an image.\n\n"
      "<b>Recent</b> = Σ w.   <b>Temperature</b> = Σ e·w.\n\n"
      "<b>Evidence strength</b>: none without feedback; weak while recent &lt; %g; moderate from %g; strong from %g.\n\n"
      "The half-life and the thresholds are properties of the document."),
    scale, half_life, moderate, moderate, strong);
  gtk_label_set_markup (self->help_label, text);
}

static void
update_metrics (TlEvidencePane *self)
{
  TlDocument *document = get_document (self);
  const char *kind, *id;
  const TlEvidence *e;
  TlEvidenceStrength strength;
  g_autofree char *name = NULL;
  g_autofree char *link = NULL;
  g_autofree char *count = NULL;

  if (document == NULL || !get_target (self, &kind, &id))
    {
      gtk_label_set_text (self->title_label, _("All Feedback"));
      gtk_label_set_text (self->kind_label, _("Select a station, loop or matrix cell to see the feedback linked to it."));
      gtk_widget_set_visible (self->metrics_group, FALSE);
      gtk_widget_set_visible (self->quotes_group, FALSE);
      return;
    }

  link = _tl_link_make (kind, id);
  name = _tl_link_describe (document, link);
  gtk_label_set_text (self->title_label, name);
  gtk_label_set_text (self->kind_label, _tl_link_kind_label (kind));
  gtk_widget_set_visible (self->metrics_group, TRUE);
  gtk_widget_set_visible (self->quotes_group, TRUE);

  e = tl_document_get_evidence (document, kind, id);
  strength = tl_evidence_get_strength (e, document);

  gtk_label_set_text (self->strength_label, tl_evidence_strength_label (strength));
  for (guint i = 0; i < G_N_ELEMENTS (strength_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->strength_label), strength_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->strength_label), strength_classes[MIN (strength, 3)]);

  count = _tl_format_count (e->count);
  gtk_label_set_text (self->count_label, count);
  {
    double average = tl_evidence_average_rating (e);
    g_autofree char *text = NULL;

    if (isnan (average))
      gtk_label_set_text (self->rating_label, "—");
    else
      {
        /* Translators: an average rating and the scale, as in "3.8 / 5" */
        text = g_strdup_printf (_("%.1f / %u"), average, tl_document_get_score_scale (document));
        gtk_label_set_text (self->rating_label, text);
      }
  }
  {
    double share = tl_evidence_negative_share (e);
    g_autofree char *text = NULL;

    if (isnan (share))
      gtk_label_set_text (self->negative_label, "—");
    else
      {
        /* Translators: a share in percent, as in "25%" */
        text = g_strdup_printf (_("%.0f%%"), share * 100);
        gtk_label_set_text (self->negative_label, text);
      }
  }
  set_decimal (self->temperature_label, e->temperature);
  set_decimal (self->recent_label, e->recent);
}

/* ---- quotes ------------------------------------------------------------ */

static GtkWidget *
quote_row_new (TlEvidencePane *self,
               TlFeedbackItem *item,
               GPtrArray      *textures)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *text = gtk_label_new (tl_feedback_item_get_text (item));
  GtkWidget *meta;
  GString *m = g_string_new (NULL);
  const char *date = tl_feedback_item_get_date (item);
  const char *source = tl_feedback_item_get_source (item);
  g_autofree char *stage = _tl_stage_describe (tl_feedback_item_get_stage (item));
  GtkWidget *row;

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (text), QUOTE_LINES);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 40);
  gtk_box_append (GTK_BOX (box), text);

  if (date != NULL && *date != '\0')
    g_string_append_len (m, date, strcspn (date, "T "));
  if (source != NULL && *source != '\0')
    g_string_append_printf (m, "%s%s", m->len > 0 ? " · " : "", source);
  if (stage != NULL)
    g_string_append_printf (m, "%s%s", m->len > 0 ? " · " : "", stage);
  if (tl_feedback_item_has_rating (item))
    {
      g_autofree char *rating = g_strdup_printf ("%.1f", tl_feedback_item_get_rating (item));

      g_string_append_printf (m, "%s★ %s", m->len > 0 ? " · " : "", rating);
    }
  meta = gtk_label_new (m->str);
  g_string_free (m, TRUE);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_box_append (GTK_BOX (box), meta);

  if (textures != NULL && textures->len > 0)
    {
      GtkWidget *thumbs = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      for (guint i = 0; i < textures->len; i++)
        {
          GtkWidget *picture = gtk_picture_new_for_paintable (textures->pdata[i]);

          gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
          gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
          gtk_widget_set_size_request (picture, THUMB_SIZE, THUMB_SIZE);
          gtk_widget_add_css_class (picture, "tl-thumbnail");
          gtk_widget_set_overflow (picture, GTK_OVERFLOW_HIDDEN);
          gtk_box_append (GTK_BOX (thumbs), picture);
        }
      gtk_box_append (GTK_BOX (box), thumbs);
    }

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
clear_quotes (TlEvidencePane *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->quotes_list))) != NULL)
    gtk_list_box_remove (self->quotes_list, child);
}

static void
update_quotes (TlEvidencePane *self)
{
  TlStore *store = get_store (self);
  const char *kind, *id;
  g_autoptr(GPtrArray) items = NULL;
  guint64 total = 0;

  clear_quotes (self);
  if (store == NULL || !get_target (self, &kind, &id))
    return;

  items = _tl_evidence_fetch_quotes (store, kind, id, MAX_QUOTES, &total);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      TlFeedbackItem *item = items->pdata[i];
      g_autoptr(GPtrArray) textures = _tl_evidence_fetch_thumbnails (store, item);

      gtk_list_box_append (self->quotes_list, quote_row_new (self, item, textures));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->quotes_list), items != NULL && items->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->quotes_empty), items == NULL || items->len == 0);
  gtk_widget_set_visible (self->show_all_button, total > 0);
  if (total > 0)
    {
      g_autofree char *n = _tl_format_count (total);
      /* Translators: a button under the newest quotes; %s is how many
       * items are linked in all */
      g_autofree char *label = g_strdup_printf (ngettext ("Show %s Item in Feedback",
                                                          "Show All %s Items in Feedback",
                                                          (gulong) MIN (total, G_MAXULONG)), n);

      gtk_button_set_label (GTK_BUTTON (self->show_all_button), label);
    }
}

/* ---- chart ------------------------------------------------------------- */

static void
update_chart (TlEvidencePane *self)
{
  TlStore *store = get_store (self);
  const char *kind = NULL, *id = NULL;
  TlEvidenceCounts counts = { 0 };
  guint section;

  get_target (self, &kind, &id);
  tl_chart_painter_clear (self->chart);

  gtk_label_set_text (self->chart_title, kind != NULL ? _("Who Said It") : _("Who Said It: All Feedback"));

  if (store != NULL)
    _tl_evidence_fetch_counts (store, kind, id, &counts);

  section = tl_chart_painter_add_section (self->chart, "stage", _("By customer stage"), TL_THEME_ACCENT);
  for (guint s = 0; s < 6; s++)
    {
      char key[2] = { (char)('A' + s), '\0' };
      g_autofree char *label = _tl_stage_describe ('A' + s);

      tl_chart_painter_add_bar (self->chart, section, key, label, counts.stages[s + 1]);
    }
  if (counts.stages[0] > 0)
    tl_chart_painter_add_bar (self->chart, section, "", _("No stage given"), counts.stages[0]);

  section = tl_chart_painter_add_section (self->chart, "source", _("By source"), TL_THEME_ONLINE);
  for (guint i = 0; counts.sources != NULL && i < counts.sources->len; i++)
    {
      TlEvidenceSourceCount *source = g_ptr_array_index (counts.sources, i);

      tl_chart_painter_add_bar (self->chart, section, source->source != NULL ? source->source : "",
                                source->source != NULL && *source->source != '\0' ? source->source : _("No source given"),
                                source->count);
    }

  tl_chart_painter_set_empty_text (self->chart,
                                   kind != NULL ? _("Nothing is linked here yet. Drag feedback onto it, or use Link To… (Ctrl+L) on the Feedback page.")
                                                : _("No feedback yet. Import a CSV file or add feedback on the Feedback page."));
  g_clear_pointer (&counts.sources, g_ptr_array_unref);

  gtk_drawing_area_set_content_height (self->chart_area,
                                       (int) tl_chart_painter_get_height_for_width (self->chart, 320));
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  TlEvidencePane *self = user_data;

  tl_painter_draw (TL_PAINTER (self->chart), cr, width, height);
}

static void
update_theme (TlEvidencePane *self)
{
  g_autoptr(TlTheme) theme = _tl_ui_theme_new_for_style ();

  tl_painter_set_theme (TL_PAINTER (self->chart), theme);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
}

/* ---- reloading --------------------------------------------------------- */

static gboolean
chart_idle_cb (gpointer user_data)
{
  TlEvidencePane *self = user_data;

  self->chart_source = 0;
  update_chart (self);
  return G_SOURCE_REMOVE;
}

static void
reload_now (TlEvidencePane *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->reload_pending = FALSE;

  update_metrics (self);
  update_help (self);
  update_quotes (self);

  /* Counting by stage and source reads every linked item (a tenth of a
   * second per hundred thousand): after the pane has been drawn with the
   * rest, so that selecting answers at once. */
  if (self->chart_source == 0)
    self->chart_source = g_idle_add_full (G_PRIORITY_LOW, chart_idle_cb, self, NULL);
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  TlEvidencePane *self = user_data;

  self->reload_source = 0;
  reload_now (self);
  return G_SOURCE_REMOVE;
}

/* The metrics at once (they are cheap); the queries after a burst */
static void
queue_reload (TlEvidencePane *self)
{
  update_metrics (self);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->reload_pending = TRUE;
      return;
    }
  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (RELOAD_DELAY, reload_timeout_cb, self);
}

static void
selection_changed_cb (TlSession      *session,
                      GParamSpec     *pspec,
                      TlEvidencePane *self)
{
  /* A new selection shows at once, not after the delay. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload_now (self);
  else
    queue_reload (self);
}

static void
document_changed_cb (TlDocument     *document,
                     TlChangeKind    kind,
                     GObject        *object,
                     const char     *property,
                     TlEvidencePane *self)
{
  /* Names of the selection, and the parameters of the help */
  if (TL_IS_DOCUMENT (object))
    {
      update_help (self);
      update_metrics (self);
    }
  else if (TL_IS_STATION (object) || TL_IS_LOOP (object) || TL_IS_MATRIX_HEADER (object))
    update_metrics (self);
}

static void
evidence_changed_cb (TlDocument     *document,
                     TlEvidencePane *self)
{
  queue_reload (self);
}

static void
show_all_clicked_cb (GtkButton      *button,
                     TlEvidencePane *self)
{
  const char *kind, *id;

  if (get_target (self, &kind, &id))
    g_signal_emit (self, signals[SHOW_FEEDBACK], 0, kind, id);
}

static void
tl_evidence_pane_map (GtkWidget *widget)
{
  TlEvidencePane *self = TL_EVIDENCE_PANE (widget);

  GTK_WIDGET_CLASS (tl_evidence_pane_parent_class)->map (widget);

  if (self->reload_pending)
    reload_now (self);
}

/* ---- construction ------------------------------------------------------ */

static GtkLabel *
add_metric (AdwPreferencesGroup *group,
            const char          *title,
            const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value = gtk_label_new ("—");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (value, "numeric");
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  adw_preferences_group_add (group, row);

  return GTK_LABEL (value);
}

static void
tl_evidence_pane_dispose (GObject *object)
{
  TlEvidencePane *self = TL_EVIDENCE_PANE (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->chart_source, g_source_remove);
  if (self->session != NULL)
    {
      tl_session_disconnect (self->session, self);
      g_clear_object (&self->session);
    }
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_object (&self->chart);

  G_OBJECT_CLASS (tl_evidence_pane_parent_class)->dispose (object);
}

static void
tl_evidence_pane_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TlEvidencePane *self = TL_EVIDENCE_PANE (object);

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
tl_evidence_pane_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TlEvidencePane *self = TL_EVIDENCE_PANE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      tl_evidence_pane_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_evidence_pane_class_init (TlEvidencePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_evidence_pane_dispose;
  object_class->get_property = tl_evidence_pane_get_property;
  object_class->set_property = tl_evidence_pane_set_property;
  widget_class->map = tl_evidence_pane_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         TL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TlEvidencePane::show-feedback:
   * @kind: "station", "loop" or "cell"
   * @id: the object's id
   */
  signals[SHOW_FEEDBACK] =
    g_signal_new ("show-feedback",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "evidencepane");
}

static void
tl_evidence_pane_init (TlEvidencePane *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *group;
  GtkWidget *row;
  GtkWidget *help_button;
  GtkWidget *popover;
  GtkWidget *popover_scrolled;
  GtkWidget *chart_box;

  _tl_feedback_ensure_css ();

  self->chart = tl_chart_painter_new (NULL);
  tl_chart_painter_set_language (self->chart, tl_language_from_environment ());

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), box);

  /* What is selected */
  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title_label, 0);
  gtk_label_set_wrap (self->title_label, TRUE);
  gtk_label_set_wrap_mode (self->title_label, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "title-3");
  gtk_box_append (GTK_BOX (heading), GTK_WIDGET (self->title_label));
  self->kind_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->kind_label, 0);
  gtk_label_set_wrap (self->kind_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->kind_label), "dim-label");
  gtk_box_append (GTK_BOX (heading), GTK_WIDGET (self->kind_label));
  gtk_box_append (GTK_BOX (box), heading);

  /* The metrics, with the help popover in the group's header */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Evidence"));
  self->metrics_group = group;

  help_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (help_button), "help-about-symbolic");
  gtk_widget_set_tooltip_text (help_button, _("How These Are Measured"));
  gtk_widget_add_css_class (help_button, "flat");
  gtk_widget_set_valign (help_button, GTK_ALIGN_CENTER);
  self->help_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->help_label, TRUE);
  gtk_label_set_wrap_mode (self->help_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (self->help_label, 48);
  gtk_label_set_xalign (self->help_label, 0);
  gtk_label_set_selectable (self->help_label, TRUE);
  popover_scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (popover_scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (popover_scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (popover_scrolled), 520);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (popover_scrolled), GTK_WIDGET (self->help_label));
  popover = gtk_popover_new ();
  gtk_widget_add_css_class (popover, "tl-help-popover");
  gtk_popover_set_child (GTK_POPOVER (popover), popover_scrolled);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (help_button), popover);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), help_button);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Evidence strength"));
  self->strength_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->strength_label), "tl-strength");
  gtk_widget_set_valign (GTK_WIDGET (self->strength_label), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->strength_label));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  self->count_label = add_metric (ADW_PREFERENCES_GROUP (group), _("Linked items"), NULL);
  self->rating_label = add_metric (ADW_PREFERENCES_GROUP (group), _("Average rating"), NULL);
  self->negative_label = add_metric (ADW_PREFERENCES_GROUP (group), _("Negative share"), NULL);
  self->temperature_label = add_metric (ADW_PREFERENCES_GROUP (group), _("Temperature"),
                                        _("Recent, engaged feedback weighs more"));
  self->recent_label = add_metric (ADW_PREFERENCES_GROUP (group), _("Recent"),
                                   _("Items weighted by how recent they are"));
  gtk_box_append (GTK_BOX (box), group);

  /* The newest quotes */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("What Customers Said"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _("Newest first"));
  self->quotes_group = group;
  self->quotes_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->quotes_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->quotes_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->quotes_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Linked feedback"),
                                  -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->quotes_list));
  self->quotes_empty = GTK_LABEL (gtk_label_new (_("Nothing is linked here yet.")));
  gtk_label_set_xalign (self->quotes_empty, 0);
  gtk_label_set_wrap (self->quotes_empty, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->quotes_empty), "dim-label");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->quotes_empty));
  self->show_all_button = gtk_button_new ();
  gtk_widget_set_halign (self->show_all_button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->show_all_button, 6);
  gtk_widget_add_css_class (self->show_all_button, "pill");
  g_signal_connect (self->show_all_button, "clicked", G_CALLBACK (show_all_clicked_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->show_all_button);
  gtk_box_append (GTK_BOX (box), group);

  /* Who said it */
  chart_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->chart_title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->chart_title, 0);
  gtk_label_set_wrap (self->chart_title, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->chart_title), "heading");
  gtk_box_append (GTK_BOX (chart_box), GTK_WIDGET (self->chart_title));
  self->chart_area = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  gtk_drawing_area_set_draw_func (self->chart_area, draw_chart, self, NULL);
  gtk_widget_set_hexpand (GTK_WIDGET (self->chart_area), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart_area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Feedback by customer stage and by source"),
                                  -1);
  gtk_box_append (GTK_BOX (chart_box), GTK_WIDGET (self->chart_area));
  gtk_box_append (GTK_BOX (box), chart_box);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_theme), self, G_CONNECT_SWAPPED);
  update_theme (self);
  reload_now (self);
}

GtkWidget *
tl_evidence_pane_new (void)
{
  return g_object_new (TL_TYPE_EVIDENCE_PANE, NULL);
}

TlSession *
tl_evidence_pane_get_session (TlEvidencePane *self)
{
  g_return_val_if_fail (TL_IS_EVIDENCE_PANE (self), NULL);

  return self->session;
}

void
tl_evidence_pane_set_session (TlEvidencePane *self,
                              TlSession      *session)
{
  g_return_if_fail (TL_IS_EVIDENCE_PANE (self));
  g_return_if_fail (session == NULL || TL_IS_SESSION (session));

  if (!tl_session_follow (&self->session, session, self,
                          G_CALLBACK (document_changed_cb),
                          G_CALLBACK (selection_changed_cb)))
    return;

  if (session != NULL)
    {
      TlDocument *document = tl_session_get_document (session);

      /* Disconnected with the others by tl_session_disconnect(). */
      g_signal_connect_object (document, "evidence-changed", G_CALLBACK (evidence_changed_cb), self, 0);
      tl_chart_painter_set_language (self->chart, tl_language_from_environment ());
    }

  reload_now (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
tl_evidence_pane_reload (TlEvidencePane *self)
{
  g_return_if_fail (TL_IS_EVIDENCE_PANE (self));

  queue_reload (self);
}

/* ---- for tests ---------------------------------------------------------- */

const char *
_tl_evidence_pane_get_metric (TlEvidencePane *self,
                              const char     *name)
{
  g_return_val_if_fail (TL_IS_EVIDENCE_PANE (self), NULL);

  if (!gtk_widget_get_visible (self->metrics_group))
    return NULL;
  if (g_str_equal (name, "strength"))
    return gtk_label_get_text (self->strength_label);
  if (g_str_equal (name, "count"))
    return gtk_label_get_text (self->count_label);
  if (g_str_equal (name, "rating"))
    return gtk_label_get_text (self->rating_label);
  if (g_str_equal (name, "negative"))
    return gtk_label_get_text (self->negative_label);
  if (g_str_equal (name, "temperature"))
    return gtk_label_get_text (self->temperature_label);
  if (g_str_equal (name, "recent"))
    return gtk_label_get_text (self->recent_label);
  if (g_str_equal (name, "title"))
    return gtk_label_get_text (self->title_label);
  return NULL;
}

const char *
_tl_evidence_pane_get_help_text (TlEvidencePane *self)
{
  g_return_val_if_fail (TL_IS_EVIDENCE_PANE (self), NULL);

  return gtk_label_get_text (self->help_label);
}

guint
_tl_evidence_pane_get_n_quotes (TlEvidencePane *self)
{
  guint n = 0;

  g_return_val_if_fail (TL_IS_EVIDENCE_PANE (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->quotes_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += GTK_IS_LIST_BOX_ROW (child);
  return n;
}

TlChartPainter *
_tl_evidence_pane_get_chart (TlEvidencePane *self)
{
  g_return_val_if_fail (TL_IS_EVIDENCE_PANE (self), NULL);

  return self->chart;
}

void
_tl_evidence_pane_flush (TlEvidencePane *self)
{
  g_return_if_fail (TL_IS_EVIDENCE_PANE (self));

  reload_now (self);
  g_clear_handle_id (&self->chart_source, g_source_remove);
  update_chart (self);
}
