/* test-ui-feedback-view.c: the Feedback page in a real window
 *
 * Runs under a display (Xvfb in CI) and exits 77 (skipped) without one.
 * Saves screenshots of the page (light, dark, narrow, empty) into
 * TL_TEST_BUILDDIR for a person to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "tl-feedback-util.h"
#include "tl-feedback-view.h"
#include "tl-feedback-view-private.h"
#include "tl-resources.h"

#define N_ITEMS 300

typedef struct
{
  char       *dir;
  TlStore    *store;
  GtkWindow  *window;
  GtkWidget  *view;
  guint       n_linked;
  gint64      newest_id;
} Fixture;

static const char * const texts[] = {
  "外卖送到时已经凉了，汤也洒了一半，希望包装能改进。",
  "Great coffee and friendly staff. The blackboard said “Here don't offer Wi-Fi, please chat each other” and we did.",
  "服务员说“菜差不多够了，不够再点”，很为顾客的钱包着想。",
  "包裝很漂亮，會推薦給朋友，但是價格有點高。",
  "Delivery was late twice this week; the app said it had arrived when it had not.",
  "会员积分规则太复杂，看不懂怎么兑换。\n第二行：客服回复很快。",
  "店里的音乐和灯光让人想多坐一会儿。",
};

static const char * const sources[] = { "美团外卖", "WeChat survey", "大众点评", "in-store card", NULL };

static const char * const link_sets[][4] = {
  { NULL },
  { "station:order", NULL },
  { "loop:loop2", "station:logistics", NULL },
  { "cell:people/feel", NULL },
  { "station:experience", "cell:space/sense", "loop:loop5", NULL },
};

static void
add_items (Fixture *fixture,
           guint    n,
           guint    seed)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tl_store_begin (fixture->store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
      g_autofree char *date = NULL;
      guint k = i * 31 + seed;
      const char * const *links = link_sets[(k / 5) % G_N_ELEMENTS (link_sets)];

      if ((i / 5) % 2 == 0)
        date = g_strdup_printf ("2024-%02u-%02uT%02u:15:00+08:00", 1 + k % 12, 1 + k % 28, k % 24);
      else if (k % 11 != 0)
        date = g_strdup_printf ("2024-%02u-%02u", 1 + k % 12, 1 + k % 28);

      tl_feedback_item_set_text (item, texts[k % G_N_ELEMENTS (texts)]);
      tl_feedback_item_set_source (item, sources[k % G_N_ELEMENTS (sources)]);
      tl_feedback_item_set_date (item, date);
      if (k % 8 != 0)
        tl_feedback_item_set_stage (item, "ABCDEF"[(k / 7) % 6]);
      if (k % 4 != 0)
        tl_feedback_item_set_rating (item, 1 + (k / 3) % 5);
      tl_feedback_item_set_links (item, links);

      g_assert_cmpint (tl_store_add_feedback (fixture->store, item, &error), >, 0);
      g_assert_no_error (error);
      if (links[0] != NULL)
        fixture->n_linked++;
    }
  g_assert_true (tl_store_commit (fixture->store, &error));
  g_assert_no_error (error);
}

/* Iterates the main loop until @done returns TRUE or 5 s have passed. */
static gboolean
wait_for (gboolean (*done) (Fixture *fixture),
          Fixture  *fixture)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!done (fixture))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  /* A few frames more, so style, layout and drawing settle. */
  end = g_get_monotonic_time () + G_USEC_PER_SEC / 4;
  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (labels, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkLabel *
find_label (Fixture    *fixture,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (fixture->view, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return labels->pdata[i];
  return NULL;
}

static guint
count_labels_with_prefix (Fixture    *fixture,
                          const char *prefix)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n = 0;

  collect_labels (fixture->view, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (gtk_label_get_text (labels->pdata[i]), prefix))
      n++;
  return n;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("TL_TEST_BUILDDIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static gboolean
view_is_mapped (Fixture *fixture)
{
  return gtk_widget_get_mapped (fixture->view);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("tl-feedback-view-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.touchloop", NULL);
  fixture->store = tl_store_create (path, document, &error);
  g_assert_no_error (error);

  add_items (fixture, GPOINTER_TO_UINT (data), 0);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (fixture->window, "Feedback");
  gtk_window_set_default_size (fixture->window, 1280, 800);
  fixture->view = tl_feedback_view_new ();
  g_object_add_weak_pointer (G_OBJECT (fixture->view), (gpointer *)&fixture->view);
  gtk_window_set_child (fixture->window, fixture->view);
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (fixture->window);
  while (fixture->view != NULL && g_main_context_iteration (NULL, FALSE))
    ;
  /* The view let go of everything it held. */
  g_assert_null (fixture->view);
  g_assert_finalize_object (fixture->store);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
status_page_is_shown (Fixture *fixture)
{
  GtkWidget *status = find_widget (fixture->view, ADW_TYPE_STATUS_PAGE);

  return status != NULL && gtk_widget_get_mapped (status);
}

static gboolean
status_page_is_hidden (Fixture *fixture)
{
  return !status_page_is_shown (fixture);
}

static gboolean
column_view_is_shown (Fixture *fixture)
{
  GtkWidget *column_view = find_widget (fixture->view, GTK_TYPE_COLUMN_VIEW);

  return column_view != NULL && gtk_widget_get_mapped (column_view);
}

static gboolean
rows_are_shown (Fixture *fixture)
{
  /* The list, not the status page (both are mapped while the stack
   * cross-fades), with a screenful of rows. */
  return gtk_widget_get_mapped (fixture->view) && !status_page_is_shown (fixture) &&
         count_labels_with_prefix (fixture, "Linked") > 0 &&
         count_labels_with_prefix (fixture, texts[0]) + count_labels_with_prefix (fixture, texts[1]) >= 4;
}

static void
assert_no_tofu (GtkLabel *label)
{
  PangoLayout *layout = gtk_label_get_layout (label);

  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
}

static void
test_rows (Fixture       *fixture,
           gconstpointer  data)
{
  static const char * const titles[] = { "Feedback", "Source", "Date", "Stage", "Rating", "Linked to" };
  TlFeedbackView *view = TL_FEEDBACK_VIEW (fixture->view);
  g_autofree char *count_text = NULL;
  GtkColumnView *column_view;
  GListModel *columns;
  GListModel *rows;
  GtkLabel *label;

  tl_feedback_view_set_store (view, fixture->store);
  g_assert_true (tl_feedback_view_get_store (view) == fixture->store);
  g_assert_true (wait_for (rows_are_shown, fixture));

  column_view = GTK_COLUMN_VIEW (find_widget (fixture->view, GTK_TYPE_COLUMN_VIEW));
  g_assert_nonnull (column_view);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (column_view)));
  g_assert_false (status_page_is_shown (fixture));

  columns = gtk_column_view_get_columns (column_view);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, titles[i]);
      g_assert_nonnull (find_label (fixture, titles[i]));
    }

  rows = G_LIST_MODEL (gtk_column_view_get_model (column_view));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, N_ITEMS);

  /* Link targets by their names in the document, never as raw ids. */
  g_assert_nonnull (find_label (fixture, "线上订单"));
  g_assert_cmpuint (count_labels_with_prefix (fixture, "station:"), ==, 0);
  g_assert_cmpuint (count_labels_with_prefix (fixture, "loop:"), ==, 0);
  g_assert_cmpuint (count_labels_with_prefix (fixture, "cell:"), ==, 0);
  g_assert_cmpuint (count_labels_with_prefix (fixture, "人员 × 情感体验"), >, 0);
  /* Several targets, in whatever order the store keeps them. */
  g_assert_true (find_label (fixture, "实物产品的销售, 云物流") != NULL ||
                 find_label (fixture, "云物流, 实物产品的销售") != NULL);

  /* The date part only; ratings with one decimal; a dash for no value. */
  g_assert_cmpuint (count_labels_with_prefix (fixture, "2024-"), >, 0);
  g_assert_cmpuint (count_labels_with_prefix (fixture, "+08:00"), ==, 0);
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    guint n_dates = 0;
    guint n_ratings = 0;
    guint n_stages = 0;
    guint n_dashes = 0;

    collect_labels (fixture->view, labels);
    for (guint i = 0; i < labels->len; i++)
      {
        const char *text = gtk_label_get_text (labels->pdata[i]);

        if (g_str_has_prefix (text, "2024-"))
          {
            g_assert_cmpuint (strlen (text), ==, strlen ("2024-01-01"));
            n_dates++;
          }
        if (g_regex_match_simple ("^[1-5]\\.0$", text, 0, 0))
          n_ratings++;
        if (g_regex_match_simple ("^[A-F] · (Passer-by|Onlooker|Customer|Member|Friend|Partner)$", text, 0, 0))
          n_stages++;
        if (g_strcmp0 (text, "—") == 0)
          n_dashes++;
        /* Cells are single lines. */
        g_assert_null (strchr (text, '\n'));
        assert_no_tofu (labels->pdata[i]);
      }
    g_assert_cmpuint (n_dates, >=, 5);
    g_assert_cmpuint (n_ratings, >=, 5);
    g_assert_cmpuint (n_stages, >=, 5);
    g_assert_cmpuint (n_dashes, >=, 1);
  }

  /* Tooltips: the full text where a cell shows less of it, none where
   * the cell shows everything. */
  {
    g_autofree char *one_line = g_strdelimit (g_strdup (texts[5]), "\n", ' ');
    g_autofree char *tooltip = NULL;
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    guint n_date_tooltips = 0;
    guint n_links_tooltips = 0;

    label = find_label (fixture, texts[1]);
    g_assert_nonnull (label);
    g_assert_true (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
    tooltip = _tl_feedback_view_dup_cell_tooltip (GTK_WIDGET (label));
    g_assert_cmpstr (tooltip, ==, texts[1]);
    g_clear_pointer (&tooltip, g_free);

    label = find_label (fixture, one_line);
    g_assert_nonnull (label);
    tooltip = _tl_feedback_view_dup_cell_tooltip (GTK_WIDGET (label));
    g_assert_cmpstr (tooltip, ==, texts[5]);
    g_clear_pointer (&tooltip, g_free);

    label = find_label (fixture, texts[6]);
    g_assert_nonnull (label);
    g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
    g_assert_null (_tl_feedback_view_dup_cell_tooltip (GTK_WIDGET (label)));

    collect_labels (fixture->view, labels);
    for (guint i = 0; i < labels->len; i++)
      {
        const char *text = gtk_label_get_text (labels->pdata[i]);

        g_clear_pointer (&tooltip, g_free);
        tooltip = _tl_feedback_view_dup_cell_tooltip (labels->pdata[i]);
        if (tooltip != NULL && g_str_has_prefix (text, "2024-") && strstr (tooltip, "T") != NULL)
          {
            g_assert_true (g_str_has_prefix (tooltip, text));
            g_assert_true (g_str_has_suffix (tooltip, ":15:00+08:00"));
            n_date_tooltips++;
          }
        if (strstr (text, "线下体验, ") != NULL && pango_layout_is_ellipsized (gtk_label_get_layout (labels->pdata[i])))
          {
            g_assert_cmpstr (tooltip, ==, text);
            n_links_tooltips++;
          }
      }
    g_assert_cmpuint (n_date_tooltips, >, 0);
    g_assert_cmpuint (n_links_tooltips, >, 0);
  }

  count_text = g_strdup_printf ("%u items, %u linked", N_ITEMS, fixture->n_linked);
  g_assert_nonnull (find_label (fixture, count_text));

  save_screenshot (GTK_WIDGET (fixture->window), "feedback-view.png");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (wait_for (rows_are_shown, fixture));
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  save_screenshot (GTK_WIDGET (fixture->window), "feedback-view-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_set_default_size (fixture->window, 720, 480);
  g_assert_true (wait_for (rows_are_shown, fixture));
  {
    gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC;
    while (gtk_widget_get_width (GTK_WIDGET (fixture->window)) > 720 && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }
  save_screenshot (GTK_WIDGET (fixture->window), "feedback-view-narrow.png");
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  TlFeedbackView *view = TL_FEEDBACK_VIEW (fixture->view);

  /* No store at all. */
  g_assert_true (wait_for (view_is_mapped, fixture));
  g_assert_true (wait_for (status_page_is_shown, fixture));
  g_assert_false (column_view_is_shown (fixture));

  /* A store without feedback. */
  tl_feedback_view_set_store (view, fixture->store);
  g_assert_true (wait_for (status_page_is_shown, fixture));
  g_assert_nonnull (find_label (fixture, "No Feedback Yet"));
  save_screenshot (GTK_WIDGET (fixture->window), "feedback-view-empty.png");

  /* Feedback arrives: the list replaces the status page. */
  add_items (fixture, 12, 5);
  tl_feedback_view_reload (view);
  g_assert_true (wait_for (column_view_is_shown, fixture));
  /* (after the cross-fade, however long a loaded machine takes) */
  g_assert_true (wait_for (status_page_is_hidden, fixture));
  {
    g_autofree char *count_text = g_strdup_printf ("12 items, %u linked", fixture->n_linked);
    g_assert_nonnull (find_label (fixture, count_text));
  }

  /* And goes away with the store. */
  tl_feedback_view_set_store (view, NULL);
  g_assert_null (tl_feedback_view_get_store (view));
  g_assert_true (wait_for (status_page_is_shown, fixture));
}

static gboolean
renamed_station_is_shown (Fixture *fixture)
{
  return count_labels_with_prefix (fixture, "Online orders (renamed)") > 0;
}

static void
test_reload_and_rename (Fixture       *fixture,
                        gconstpointer  data)
{
  TlFeedbackView *view = TL_FEEDBACK_VIEW (fixture->view);
  TlDocument *document = tl_store_get_document (fixture->store);
  g_autofree char *count_text = NULL;
  guint notified = 0;

  g_signal_connect (view, "notify::store", G_CALLBACK (count_notify_cb), &notified);
  g_object_set (view, "store", fixture->store, NULL);
  g_assert_true (tl_feedback_view_get_store (view) == fixture->store);
  g_assert_cmpuint (notified, ==, 1);
  tl_feedback_view_set_store (view, fixture->store);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (wait_for (rows_are_shown, fixture));
  g_assert_nonnull (find_label (fixture, "线上订单"));

  /* Renaming a station renames it in the rows on screen. */
  tl_station_set_label (tl_document_lookup_station (document, "order"), "Online orders (renamed)");
  g_assert_true (wait_for (renamed_station_is_shown, fixture));
  g_assert_null (find_label (fixture, "线上订单"));

  /* New feedback shows after a reload, in the count too. */
  add_items (fixture, 7, 3);
  count_text = g_strdup_printf ("%u items, %u linked", N_ITEMS + 7, fixture->n_linked);
  g_assert_null (find_label (fixture, count_text));
  tl_feedback_view_reload (view);
  g_assert_nonnull (find_label (fixture, count_text));
}

static void
wait_until_mapped (Fixture *fixture)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (fixture->view) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_get_mapped (fixture->view));
}

/* Hides the page the way the window does when another page is shown:
 * the focus moves to the view switcher first.  (Hiding a GtkColumnView
 * that holds the focus and then changing its model leaks a reference to
 * its ancestors on GTK 4.8, with plain GTK widgets too.) */
static void
hide_view (Fixture *fixture)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 10;

  gtk_window_set_focus (fixture->window, NULL);
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  gtk_widget_set_visible (fixture->view, FALSE);
  g_assert_false (gtk_widget_get_mapped (fixture->view));
}

/* A hidden page reads nothing; it catches up when shown, with the right
 * page at once (no cross-fade from "No Feedback Yet"). */
static void
test_deferred (Fixture       *fixture,
               gconstpointer  data)
{
  TlFeedbackView *view = TL_FEEDBACK_VIEW (fixture->view);
  GtkColumnView *column_view = GTK_COLUMN_VIEW (find_widget (fixture->view, GTK_TYPE_COLUMN_VIEW));
  GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (column_view));
  g_autofree char *count_text = NULL;

  wait_until_mapped (fixture);
  hide_view (fixture);

  tl_feedback_view_set_store (view, fixture->store);
  g_assert_true (tl_feedback_view_get_store (view) == fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);

  gtk_widget_set_visible (fixture->view, TRUE);
  wait_until_mapped (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, N_ITEMS);
  g_assert_true (column_view_is_shown (fixture));
  g_assert_false (status_page_is_shown (fixture));
  g_assert_true (wait_for (rows_are_shown, fixture));

  /* Reload while hidden: read when shown again. */
  hide_view (fixture);
  add_items (fixture, 4, 7);
  tl_feedback_view_reload (view);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, N_ITEMS);
  gtk_widget_set_visible (fixture->view, TRUE);
  wait_until_mapped (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, N_ITEMS + 4);
  count_text = g_strdup_printf ("%u items, %u linked", N_ITEMS + 4, fixture->n_linked);
  g_assert_nonnull (find_label (fixture, count_text));
  g_assert_true (wait_for (rows_are_shown, fixture));

  /* Dropping the store while hidden lets go of it at once. */
  hide_view (fixture);
  tl_feedback_view_set_store (view, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  gtk_widget_set_visible (fixture->view, TRUE);
  g_assert_true (wait_for (status_page_is_shown, fixture));
}


static gboolean
query_done (Fixture *fixture)
{
  return !tl_feedback_list_model_get_loading (_tl_feedback_view_get_model (TL_FEEDBACK_VIEW (fixture->view)));
}

/* How many of the fixture's items hold @needle, by brute force over what
 * add_items() wrote */
static guint
count_containing (guint       n,
                  const char *needle)
{
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *folded_text = g_utf8_strdown (texts[(i * 31) % G_N_ELEMENTS (texts)], -1);
      g_autofree char *folded_needle = g_utf8_strdown (needle, -1);

      count += strstr (folded_text, folded_needle) != NULL;
    }
  return count;
}

/* TRUE when @label's attributes mark bytes @start..@end with a background */
static gboolean
has_highlight (GtkLabel *label,
               guint     start,
               guint     end)
{
  PangoAttrList *attrs = gtk_label_get_attributes (label);
  g_autoptr(GSList) list = NULL;
  gboolean found = FALSE;

  if (attrs == NULL)
    return FALSE;
  list = pango_attr_list_get_attributes (attrs);
  for (GSList *l = list; l != NULL; l = l->next)
    {
      PangoAttribute *attr = l->data;

      if (attr->klass->type == PANGO_ATTR_BACKGROUND && attr->start_index == start && attr->end_index == end)
        found = TRUE;
    }
  g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify) pango_attribute_destroy);
  return found;
}

static void
test_search_matches (void)
{
  g_autoptr(GArray) a = _tl_search_matches ("Coffee, coffee and COFFEE", "coffee");
  g_autoptr(GArray) b = _tl_search_matches ("外卖送到时已经凉了，外卖", "外卖");
  g_autoptr(GArray) c = _tl_search_matches ("good coffee, bad tea", "  tea   COFFEE ");
  g_autoptr(GArray) d = _tl_search_matches ("anything", "");
  g_autoptr(GArray) e = _tl_search_matches ("aaaa", "aa");
  g_autoptr(PangoAttrList) none = _tl_search_highlight ("text", "zz", NULL);

  g_assert_cmpuint (a->len, ==, 6);
  g_assert_cmpuint (g_array_index (a, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (a, guint, 1), ==, 6);
  g_assert_cmpuint (g_array_index (a, guint, 2), ==, 8);
  g_assert_cmpuint (g_array_index (a, guint, 4), ==, 19);
  g_assert_cmpuint (g_array_index (a, guint, 5), ==, 25);

  /* Byte offsets in UTF-8: each Han character is 3 bytes */
  g_assert_cmpuint (b->len, ==, 4);
  g_assert_cmpuint (g_array_index (b, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (b, guint, 1), ==, 6);
  g_assert_cmpuint (g_array_index (b, guint, 2), ==, strlen ("外卖送到时已经凉了，"));

  /* Every term, in text order */
  g_assert_cmpuint (c->len, ==, 4);
  g_assert_cmpuint (g_array_index (c, guint, 0), ==, 5);
  g_assert_cmpuint (g_array_index (c, guint, 2), ==, 17);

  g_assert_cmpuint (d->len, ==, 0);
  /* Not overlapping */
  g_assert_cmpuint (e->len, ==, 4);
  g_assert_null (none);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  TlFeedbackView *view = TL_FEEDBACK_VIEW (fixture->view);
  GListModel *rows = G_LIST_MODEL (_tl_feedback_view_get_model (view));
  const char *coffee;
  const char *han;
  GtkLabel *label;
  g_autofree char *one_line = NULL;
  guint n_expected;

  tl_feedback_view_set_store (view, fixture->store);
  g_assert_true (wait_for (rows_are_shown, fixture));

  /* Latin: case-insensitive, highlighted where it matched */
  n_expected = count_containing (N_ITEMS, "COFFEE");
  g_assert_cmpuint (n_expected, >, 0);
  tl_feedback_view_set_search (view, "COFFEE");
  g_assert_true (wait_for (query_done, fixture));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_expected);
  label = find_label (fixture, texts[1]);
  g_assert_nonnull (label);
  coffee = strstr (texts[1], "coffee");
  g_assert_true (has_highlight (label, coffee - texts[1], coffee - texts[1] + strlen ("coffee")));
  g_assert_false (has_highlight (label, 0, 5));
  save_screenshot (GTK_WIDGET (fixture->window), "feedback-search.png");

  /* Two Chinese characters (below the trigram index's three) */
  n_expected = count_containing (N_ITEMS, "包裝");
  g_assert_cmpuint (n_expected, >, 0);
  tl_feedback_view_set_search (view, "包裝");
  g_assert_true (wait_for (query_done, fixture));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_expected);
  label = find_label (fixture, texts[3]);
  g_assert_nonnull (label);
  han = strstr (texts[3], "包裝");
  g_assert_true (has_highlight (label, han - texts[3], han - texts[3] + strlen ("包裝")));
  save_screenshot (GTK_WIDGET (fixture->window), "feedback-search-zh.png");

  /* One character: still found, the line break of texts[5] a space */
  one_line = g_strdelimit (g_strdup (texts[5]), "\n", ' ');
  tl_feedback_view_set_search (view, "积");
  g_assert_true (wait_for (query_done, fixture));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, count_containing (N_ITEMS, "积"));
  label = find_label (fixture, one_line);
  g_assert_nonnull (label);
  han = strstr (one_line, "积");
  g_assert_true (has_highlight (label, han - one_line, han - one_line + strlen ("积")));

  /* Nothing matches: the page says so */
  tl_feedback_view_set_search (view, "no such words at all");
  g_assert_true (wait_for (query_done, fixture));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  g_assert_nonnull (find_label (fixture, "No Matching Feedback"));

  /* Cleared: everything, no highlight left */
  tl_feedback_view_set_search (view, NULL);
  g_assert_true (wait_for (query_done, fixture));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, N_ITEMS);
  g_assert_true (wait_for (rows_are_shown, fixture));
  label = find_label (fixture, texts[1]);
  g_assert_nonnull (label);
  g_assert_false (has_highlight (label, coffee - texts[1], coffee - texts[1] + strlen ("coffee")));
}

static void
test_sort_and_filter (Fixture       *fixture,
                      gconstpointer  data)
{
  TlFeedbackView *view = TL_FEEDBACK_VIEW (fixture->view);
  GListModel *rows = G_LIST_MODEL (_tl_feedback_view_get_model (view));
  char last_stage = 0;
  g_autofree char *last_date = NULL;
  guint n_linked_to_order = 0;

  tl_feedback_view_set_store (view, fixture->store);
  g_assert_true (wait_for (rows_are_shown, fixture));

  /* A click on Stage: A to F (the store sorts, the list follows) */
  _tl_feedback_view_sort_by (view, "stage", FALSE);
  g_assert_cmpint (_tl_feedback_view_get_query (view)->sort, ==, TL_FEEDBACK_SORT_STAGE);
  g_assert_false (_tl_feedback_view_get_query (view)->descending);
  g_assert_true (wait_for (query_done, fixture));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, N_ITEMS);
  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autoptr(TlFeedbackItem) item = g_list_model_get_item (rows, i);
      char stage = tl_feedback_item_get_stage (item);

      if (stage == '\0')
        continue;
      g_assert_cmpint (stage, >=, last_stage);
      last_stage = stage;
    }

  /* Date, descending */
  _tl_feedback_view_sort_by (view, "date", TRUE);
  g_assert_true (_tl_feedback_view_get_query (view)->descending);
  g_assert_true (wait_for (query_done, fixture));
  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autoptr(TlFeedbackItem) item = g_list_model_get_item (rows, i);
      const char *date = tl_feedback_item_get_date (item);
      g_autofree char *day = date != NULL ? g_strndup (date, 10) : NULL;

      if (day == NULL)
        continue;
      if (last_date != NULL)
        g_assert_cmpstr (day, <=, last_date);
      g_free (last_date);
      last_date = g_steal_pointer (&day);
    }
  save_screenshot (GTK_WIDGET (fixture->window), "feedback-sorted.png");

  /* Linked to a station: what counts towards its evidence */
  for (guint i = 0; i < N_ITEMS; i++)
    {
      const char * const *links = link_sets[((i * 31) / 5) % G_N_ELEMENTS (link_sets)];

      n_linked_to_order += links[0] != NULL && g_strv_contains (links, "station:order");
    }
  tl_feedback_view_show_linked_to (view, "station", "order");
  g_assert_true (wait_for (query_done, fixture));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_linked_to_order);
  {
    g_autofree char *count = g_strdup_printf ("%u of %u items, %u linked", n_linked_to_order, N_ITEMS, fixture->n_linked);
    g_assert_nonnull (find_label (fixture, count));
  }
  g_assert_nonnull (find_label (fixture, "Filters (1)"));
}

static GtkWidget *
find_button (GtkWidget  *widget,
             GType       type,
             const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, type, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The filter popover, driven as a user would */
static void
test_filter_popover (Fixture       *fixture,
                     gconstpointer  data)
{
  TlFeedbackView *view = TL_FEEDBACK_VIEW (fixture->view);
  GListModel *rows = G_LIST_MODEL (_tl_feedback_view_get_model (view));
  GtkMenuButton *button = GTK_MENU_BUTTON (_tl_feedback_view_get_widget (view, "filter-button"));
  GtkWidget *popover;
  GtkWidget *stage_c;
  GtkWidget *reset;
  guint n_c = 0;

  tl_feedback_view_set_store (view, fixture->store);
  g_assert_true (wait_for (rows_are_shown, fixture));

  gtk_menu_button_popup (button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  g_assert_true (wait_for ((gboolean (*) (Fixture *)) view_is_mapped, fixture));
  stage_c = find_button (popover, GTK_TYPE_TOGGLE_BUTTON, "C");
  g_assert_nonnull (stage_c);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (stage_c), TRUE);
  g_assert_cmpuint (_tl_feedback_view_get_query (view)->stages, ==, TL_STAGE_BIT ('C'));

  /* The query runs after the typing delay, in a thread */
  {
    gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
    while (g_get_monotonic_time () < end &&
           (g_list_model_get_n_items (rows) == N_ITEMS || !query_done (fixture)))
      g_main_context_iteration (NULL, FALSE);
  }
  for (guint i = 0; i < N_ITEMS; i++)
    {
      guint k = i * 31;

      n_c += k % 8 != 0 && "ABCDEF"[(k / 7) % 6] == 'C';
    }
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_c);
  for (guint i = 0; i < n_c; i++)
    {
      g_autoptr(TlFeedbackItem) item = g_list_model_get_item (rows, i);

      g_assert_cmpint (tl_feedback_item_get_stage (item), ==, 'C');
    }
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "Filters (1)");
  {
    gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
    while (g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }
  save_screenshot (GTK_WIDGET (fixture->window), "feedback-filter-stage.png");

  reset = find_button (popover, GTK_TYPE_BUTTON, "_Reset Filters");
  g_assert_nonnull (reset);
  g_signal_emit_by_name (reset, "clicked");
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (stage_c)));
  g_assert_true (wait_for (query_done, fixture));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, N_ITEMS);
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "Filters");
  gtk_menu_button_popdown (button);
}

static void
test_store_property (void)
{
  GtkWidget *view = g_object_ref_sink (tl_feedback_view_new ());
  guint notified = 0;
  TlStore *store = NULL;

  g_signal_connect (view, "notify::store", G_CALLBACK (count_notify_cb), &notified);
  g_object_get (view, "store", &store, NULL);
  g_assert_null (store);

  /* Setting what is there already notifies nothing. */
  tl_feedback_view_set_store (TL_FEEDBACK_VIEW (view), NULL);
  g_assert_cmpuint (notified, ==, 0);

  g_assert_finalize_object (view);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }
  adw_init ();
  /* Links the compiled resources (and so the page's template) in. */
  g_assert_nonnull (tl_get_resource ());

  g_test_add_func ("/tl/ui/feedback-view/store-property", test_store_property);
  g_test_add_func ("/tl/ui/feedback-view/search-matches", test_search_matches);
  g_test_add ("/tl/ui/feedback-view/search", Fixture, GUINT_TO_POINTER (N_ITEMS),
              fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/tl/ui/feedback-view/sort-and-filter", Fixture, GUINT_TO_POINTER (N_ITEMS),
              fixture_set_up, test_sort_and_filter, fixture_tear_down);
  g_test_add ("/tl/ui/feedback-view/filter-popover", Fixture, GUINT_TO_POINTER (N_ITEMS),
              fixture_set_up, test_filter_popover, fixture_tear_down);
  g_test_add ("/tl/ui/feedback-view/rows", Fixture, GUINT_TO_POINTER (N_ITEMS),
              fixture_set_up, test_rows, fixture_tear_down);
  g_test_add ("/tl/ui/feedback-view/empty", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/tl/ui/feedback-view/deferred", Fixture, GUINT_TO_POINTER (N_ITEMS),
              fixture_set_up, test_deferred, fixture_tear_down);
  g_test_add ("/tl/ui/feedback-view/reload-and-rename", Fixture, GUINT_TO_POINTER (N_ITEMS),
              fixture_set_up, test_reload_and_rename, fixture_tear_down);

  return g_test_run ();
}
