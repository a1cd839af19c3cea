/* test-ui-evidence.c: linking feedback in a real window — dropping rows
 * onto a station and a matrix cell, Link To…, quick-add to the selection
 * — and what the evidence pane shows of it, undo included
 *
 * Runs under a display (Xvfb in CI) and exits 77 (skipped) without one.
 * Saves screenshots into TL_TEST_BUILDDIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ui-test-app.h"
#include "tl-evidence-pane-private.h"
#include "tl-feedback-data.h"
#include "tl-feedback-editor-private.h"
#include "tl-feedback-view-private.h"
#include "tl-link-dialog.h"

typedef struct {
  TlWindow  *window;
  TlSession *session;
  TlStore   *store;
  GArray    *ids;      /* of the items added by the fixture */
} Fixture;

static const char * const texts[] = {
  "外卖送到时已经凉了，汤也洒了一半，希望包装能改进。",
  "Great coffee and friendly staff, and the blackboard made us talk to each other.",
  "服务员说“菜差不多够了，不够再点”，很为顾客的钱包着想。",
  "包裝很漂亮，會推薦給朋友，但是價格有點高。",
  "Delivery was late twice this week.",
  "店里的音乐和灯光让人想多坐一会儿。",
};

static const char * const sources[] = { "美团外卖", "WeChat survey", "大众点评" };

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->window = tl_test_app_open_window ();
  f->session = tl_window_get_session (f->window);
  f->store = tl_session_get_store (f->session);
  f->ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* Feedback as an import leaves it: in the file, no undo step */
  g_assert_true (tl_store_begin (f->store, &error));
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
      g_autofree char *date = g_strdup_printf ("2026-03-%02u", 1 + i * 2);
      gint64 id;

      tl_feedback_item_set_text (item, texts[i % G_N_ELEMENTS (texts)]);
      tl_feedback_item_set_source (item, sources[i % G_N_ELEMENTS (sources)]);
      tl_feedback_item_set_date (item, date);
      tl_feedback_item_set_stage (item, "ABCDEF"[i % 6]);
      tl_feedback_item_set_rating (item, 1 + i % 5);
      id = tl_store_add_feedback (f->store, item, &error);
      g_assert_no_error (error);
      g_array_append_val (f->ids, id);
    }
  g_assert_true (tl_store_commit (f->store, &error));
  tl_test_iterate (100);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_array_unref (f->ids);
  tl_test_app_close_windows ();
}

static guint64
evidence_count (Fixture    *f,
                const char *kind,
                const char *id)
{
  return tl_document_get_evidence (tl_session_get_document (f->session), kind, id)->count;
}

static gboolean
pane_shows_count (gpointer data)
{
  gpointer *args = data;
  TlEvidencePane *pane = args[0];
  const char *want = args[1];

  return g_strcmp0 (_tl_evidence_pane_get_metric (pane, "count"), want) == 0;
}

static void
assert_pane_count (TlEvidencePane *pane,
                   const char     *want)
{
  gpointer args[] = { pane, (gpointer) want };

  g_assert_true (tl_test_wait_for (pane_shows_count, args));
}

static void
test_drop_on_station (Fixture       *f,
                      gconstpointer  data)
{
  TlUndoStack *stack = tl_session_get_undo_stack (f->session);
  g_autofree char *text = _tl_feedback_dnd_format ((const gint64 *) f->ids->data, 3);
  TlEvidencePane *pane;
  double x, y;

  tl_window_set_view (f->window, "diagram");
  tl_test_iterate (200);
  g_assert_cmpuint (evidence_count (f, "station", "logistics"), ==, 0);

  /* The same path a drop takes: the handler with the drag's content */
  g_assert_true (tl_canvas_view_locate (f->window->diagram_view, "station", "logistics", &x, &y));
  g_assert_true (_tl_window_drop_feedback (f->window, f->window->diagram_view, text, x, y));

  /* The station is selected, its evidence counts the three items */
  g_assert_cmpstr (tl_session_get_selected_kind (f->session), ==, "station");
  g_assert_cmpstr (tl_session_get_selected_id (f->session), ==, "logistics");
  g_assert_cmpuint (evidence_count (f, "station", "logistics"), ==, 3);
  /* A loop through it counts them too */
  g_assert_cmpuint (evidence_count (f, "loop", "loop1"), ==, 3);

  tl_test_iterate (200);
  pane = f->window->evidence_pane;
  g_assert_nonnull (pane);
  gtk_stack_set_visible_child_name (f->window->side_stack, "evidence");
  _tl_evidence_pane_flush (pane);
  assert_pane_count (pane, "3");
  g_assert_cmpstr (_tl_evidence_pane_get_metric (pane, "title"), ==, "Cloud logistics (delivery)");
  /* Dated 18, 20 and 22 days before the newest item (2026-03-23):
   * recent = 2^(−18/90) + 2^(−20/90) + 2^(−22/90) ≈ 2.57 < 3: weak */
  g_assert_cmpstr (_tl_evidence_pane_get_metric (pane, "strength"), ==, "Weak");
  g_assert_cmpstr (_tl_evidence_pane_get_metric (pane, "recent"), ==, "2.6");
  g_assert_cmpuint (_tl_evidence_pane_get_n_quotes (pane), ==, 3);

  /* Who said it: the three items by stage (A, B, C) and by source */
  {
    TlChartPainter *chart = _tl_evidence_pane_get_chart (pane);

    g_assert_cmpuint (tl_chart_painter_get_n_sections (chart), ==, 2);
    g_assert_cmpfloat (tl_chart_painter_get_total (chart, 0), ==, 3);
    g_assert_cmpfloat (tl_chart_painter_get_total (chart, 1), ==, 3);
    g_assert_cmpuint (tl_chart_painter_get_n_bars (chart, 1), ==, 3);
  }

  /* The help says how it is measured, with this document's half-life */
  g_assert_nonnull (strstr (_tl_evidence_pane_get_help_text (pane), "w = 2^(−age / H)"));
  g_assert_nonnull (strstr (_tl_evidence_pane_get_help_text (pane), "90 days"));

  tl_test_iterate (300);
  tl_test_save_screenshot (GTK_WIDGET (f->window), "evidence-station.png");

  /* Dropping the same rows again changes nothing, and records nothing */
  {
    const char *label = tl_undo_stack_get_undo_label (stack);
    g_autofree char *before = g_strdup (label);

    /* The pane beside the canvas moved the drawing */
    g_assert_true (tl_canvas_view_locate (f->window->diagram_view, "station", "logistics", &x, &y));
    g_assert_true (_tl_window_drop_feedback (f->window, f->window->diagram_view, text, x, y));
    g_assert_cmpstr (tl_undo_stack_get_undo_label (stack), ==, before);
    g_assert_cmpuint (evidence_count (f, "station", "logistics"), ==, 3);
  }

  /* Undo takes the links away, redo puts them back */
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_cmpuint (evidence_count (f, "station", "logistics"), ==, 0);
  _tl_evidence_pane_flush (pane);
  assert_pane_count (pane, "0");
  g_assert_cmpstr (_tl_evidence_pane_get_metric (pane, "strength"), ==, "None");
  g_assert_true (tl_undo_stack_redo (stack));
  g_assert_cmpuint (evidence_count (f, "station", "logistics"), ==, 3);

  /* Not onto empty space, and not text from elsewhere */
  g_assert_false (_tl_window_drop_feedback (f->window, f->window->diagram_view, text, 2, 2));
  g_assert_false (_tl_window_drop_feedback (f->window, f->window->diagram_view, "hello", x, y));
  g_assert_false (_tl_window_drop_feedback (f->window, f->window->diagram_view, "touchloop-feedback:1,x", x, y));
}

static void
test_drop_on_cell (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *text = _tl_feedback_dnd_format ((const gint64 *) f->ids->data + 4, 2);
  double x, y;

  tl_window_set_view (f->window, "matrix");
  tl_test_iterate (300);

  g_assert_true (tl_canvas_view_locate (f->window->matrix_view, "cell", "people/feel", &x, &y));
  g_assert_true (_tl_window_drop_feedback (f->window, f->window->matrix_view, text, x, y));
  g_assert_cmpstr (tl_session_get_selected_kind (f->session), ==, "cell");
  g_assert_cmpstr (tl_session_get_selected_id (f->session), ==, "people/feel");
  g_assert_cmpuint (evidence_count (f, "cell", "people/feel"), ==, 2);

  tl_test_iterate (300);
  tl_test_save_screenshot (GTK_WIDGET (f->window), "evidence-cell.png");

  g_assert_true (tl_undo_stack_undo (tl_session_get_undo_stack (f->session)));
  g_assert_cmpuint (evidence_count (f, "cell", "people/feel"), ==, 0);
}

static gboolean
list_has_n (gpointer data)
{
  gpointer *args = data;
  TlFeedbackView *view = args[0];
  TlFeedbackListModel *model = _tl_feedback_view_get_model (view);

  return !tl_feedback_list_model_get_loading (model) &&
         g_list_model_get_n_items (G_LIST_MODEL (model)) == GPOINTER_TO_UINT (args[1]);
}

static void
wait_for_rows (TlFeedbackView *view,
               guint           n)
{
  gpointer args[] = { view, GUINT_TO_POINTER (n) };

  g_assert_true (tl_test_wait_for (list_has_n, args));
}

static void
test_quick_add (Fixture       *f,
                gconstpointer  data)
{
  TlFeedbackView *view = f->window->feedback_view;
  TlUndoStack *stack = tl_session_get_undo_stack (f->session);
  g_autoptr(GError) error = NULL;
  GtkWidget *entry;

  /* Selected on the diagram: a loop */
  tl_session_select (f->session, "loop", "loop2");
  tl_window_set_view (f->window, "feedback");
  wait_for_rows (view, 12);
  g_assert_cmpuint (evidence_count (f, "loop", "loop2"), ==, 0);

  entry = _tl_feedback_view_get_widget (view, "quick-add");
  g_assert_true (gtk_widget_is_sensitive (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "  咖啡外卖包装太好看了，拍照发了朋友圈  ");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  g_assert_cmpint (tl_store_count_feedback (f->store), ==, 13);
  g_assert_cmpuint (evidence_count (f, "loop", "loop2"), ==, 1);
  wait_for_rows (view, 13);
  {
    /* Dated now: it is the newest, first in the list, trimmed, linked */
    g_autoptr(TlFeedbackItem) first = g_list_model_get_item (G_LIST_MODEL (_tl_feedback_view_get_model (view)), 0);
    const char * const *links = tl_feedback_item_get_links (first);

    g_assert_cmpstr (tl_feedback_item_get_text (first), ==, "咖啡外卖包装太好看了，拍照发了朋友圈");
    g_assert_nonnull (links);
    g_assert_cmpstr (links[0], ==, "loop:loop2");
    g_assert_null (links[1]);
  }
  tl_test_iterate (300);
  tl_test_save_screenshot (GTK_WIDGET (f->window), "feedback-quick-add.png");

  /* One undo step takes it away */
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_cmpint (tl_store_count_feedback (f->store), ==, 12);
  g_assert_cmpuint (evidence_count (f, "loop", "loop2"), ==, 0);
  wait_for_rows (view, 12);

  /* Nothing selected: added, linked to nothing */
  tl_session_select (f->session, NULL, NULL);
  g_assert_true (_tl_feedback_view_quick_add (view, "Not linked", &error));
  g_assert_no_error (error);
  g_assert_cmpint (tl_store_count_linked_feedback (f->store), ==, 0);

  /* Empty text is refused */
  g_assert_false (_tl_feedback_view_quick_add (view, "   ", &error));
  g_assert_nonnull (error);
}

static gboolean
find_link_dialog (gpointer data)
{
  TlLinkDialog **dialog = data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (tl_test_app));

  *dialog = NULL;
  for (GList *l = windows; l != NULL; l = l->next)
    if (TL_IS_LINK_DIALOG (l->data))
      *dialog = l->data;
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (TL_IS_LINK_DIALOG (l->data))
      *dialog = l->data;
  return *dialog != NULL;
}

static void
test_link_dialog (Fixture       *f,
                  gconstpointer  data)
{
  TlFeedbackView *view = f->window->feedback_view;
  GtkSelectionModel *selection = _tl_feedback_view_get_selection (view);
  TlLinkDialog *dialog = NULL;
  g_auto(GStrv) visible = NULL;
  g_autoptr(GArray) selected = NULL;

  tl_window_set_view (f->window, "feedback");
  wait_for_rows (view, 12);

  /* Nothing selected: nothing to link */
  g_assert_false (tl_feedback_view_link_selected (view));

  gtk_selection_model_select_range (selection, 0, 4, TRUE);
  selected = tl_feedback_view_dup_selected_ids (view);
  g_assert_cmpuint (selected->len, ==, 4);

  /* Ctrl+L is win.link-to */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.link-to", NULL);
  g_assert_true (tl_test_wait_for (find_link_dialog, &dialog));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Link 4 Items To");

  /* Every station, loop and cell is there; a search narrows them */
  visible = tl_link_dialog_dup_visible (dialog);
  g_assert_cmpuint (g_strv_length (visible), ==, 8 + 6 + 35);
  g_clear_pointer (&visible, g_strfreev);
  tl_link_dialog_set_search (dialog, "cloud LOG");
  visible = tl_link_dialog_dup_visible (dialog);
  g_assert_cmpuint (g_strv_length (visible), ==, 1);
  g_assert_cmpstr (visible[0], ==, "station:logistics");
  g_clear_pointer (&visible, g_strfreev);
  tl_link_dialog_set_search (dialog, "PEOPLE/fe");
  visible = tl_link_dialog_dup_visible (dialog);
  g_assert_cmpuint (g_strv_length (visible), ==, 1);
  g_assert_cmpstr (visible[0], ==, "cell:people/feel");
  g_clear_pointer (&visible, g_strfreev);
  tl_link_dialog_set_search (dialog, "no such thing");
  g_assert_false (tl_link_dialog_activate (dialog));

  tl_link_dialog_set_search (dialog, "pain point");
  tl_test_iterate (200);
  tl_test_save_screenshot (GTK_WIDGET (dialog), "link-dialog.png");
  g_assert_true (tl_link_dialog_activate (dialog));
  tl_test_iterate (100);

  g_assert_cmpuint (evidence_count (f, "station", "pain"), ==, 4);
  g_assert_true (tl_undo_stack_undo (tl_session_get_undo_stack (f->session)));
  g_assert_cmpuint (evidence_count (f, "station", "pain"), ==, 0);
}

/* Search highlights, sort by a header, "show linked" from the pane */
static void
test_feedback_page (Fixture       *f,
                    gconstpointer  data)
{
  TlFeedbackView *view = f->window->feedback_view;
  TlFeedbackListModel *model = _tl_feedback_view_get_model (view);
  g_autofree char *text = _tl_feedback_dnd_format ((const gint64 *) f->ids->data, 5);
  double x, y;

  tl_window_set_view (f->window, "diagram");
  tl_test_iterate (200);
  g_assert_true (tl_canvas_view_locate (f->window->diagram_view, "station", "experience", &x, &y));
  g_assert_true (_tl_window_drop_feedback (f->window, f->window->diagram_view, text, x, y));

  /* "Show all in Feedback" of the pane: the page, filtered */
  g_signal_emit_by_name (f->window->evidence_pane, "show-feedback", "station", "experience");
  g_assert_cmpstr (tl_window_get_view (f->window), ==, "feedback");
  wait_for_rows (view, 5);
  g_assert_cmpstr (_tl_feedback_view_get_query (view)->linked_to, ==, "station:experience");
  tl_test_iterate (300);
  tl_test_save_screenshot (GTK_WIDGET (f->window), "feedback-linked-to.png");

  /* A loop's list holds what is linked to its stations */
  tl_feedback_view_show_linked_to (view, "loop", "loop3");
  wait_for_rows (view, 5);   /* experience is on loop 3 */

  /* Sorting by rating, descending: the store orders, the list follows */
  tl_feedback_view_set_search (view, NULL);
  _tl_feedback_view_sort_by (view, "rating", TRUE);
  g_assert_cmpint (_tl_feedback_view_get_query (view)->sort, ==, TL_FEEDBACK_SORT_RATING);
  g_assert_true (_tl_feedback_view_get_query (view)->descending);
  tl_test_iterate (300);
  while (tl_feedback_list_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(TlFeedbackItem) a = g_list_model_get_item (G_LIST_MODEL (model), i - 1);
      g_autoptr(TlFeedbackItem) b = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpfloat (tl_feedback_item_get_rating (a), >=, tl_feedback_item_get_rating (b));
    }
  _tl_feedback_view_sort_by (view, NULL, FALSE);
  g_assert_cmpint (_tl_feedback_view_get_query (view)->sort, ==, TL_FEEDBACK_SORT_DATE);
  g_assert_true (_tl_feedback_view_get_query (view)->descending);
}


static TlFeedbackItem *
stored (Fixture *f,
        gint64   id)
{
  return tl_store_get_feedback (f->store, id, NULL);
}

/* A 2×2 PNG made here, not read from a file */
static GdkTexture *
small_texture (void)
{
  static const guint8 pixels[] = {
    0xff, 0x00, 0x00, 0xff,  0x00, 0xff, 0x00, 0xff,
    0x00, 0x00, 0xff, 0xff,  0xff, 0xff, 0xff, 0xff,
  };
  g_autoptr(GBytes) bytes = g_bytes_new_static (pixels, sizeof pixels);

  return gdk_memory_texture_new (2, 2, GDK_MEMORY_R8G8B8A8, bytes, 8);
}

static void
test_editor (Fixture       *f,
             gconstpointer  data)
{
  TlFeedbackView *view = f->window->feedback_view;
  GtkSelectionModel *selection = _tl_feedback_view_get_selection (view);
  TlUndoStack *stack = tl_session_get_undo_stack (f->session);
  TlFeedbackEditor *editor = TL_FEEDBACK_EDITOR (_tl_feedback_view_get_widget (view, "editor"));
  GtkTextBuffer *buffer;
  g_autoptr(TlFeedbackItem) item = NULL;
  g_autoptr(GdkTexture) texture = small_texture ();
  GValue value = G_VALUE_INIT;
  gint64 id;

  tl_window_set_view (f->window, "feedback");
  wait_for_rows (view, 12);

  /* One row selected: the editor shows it */
  gtk_selection_model_select_item (selection, 0, TRUE);
  tl_test_iterate (200);
  id = tl_feedback_editor_get_item_id (editor);
  g_assert_cmpint (id, ==, tl_feedback_list_model_get_id (_tl_feedback_view_get_model (view), 0));

  /* The text: saved when the field is left, one undo step */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (_tl_feedback_editor_get_widget (editor, "text")));
  gtk_text_buffer_set_text (buffer, "改过的反馈：外卖包装很好", -1);
  _tl_feedback_editor_save_text (editor);
  item = stored (f, id);
  g_assert_cmpstr (tl_feedback_item_get_text (item), ==, "改过的反馈：外卖包装很好");
  g_clear_object (&item);

  /* Fields: a bad date is refused and marked, a good one saved */
  gtk_editable_set_text (GTK_EDITABLE (_tl_feedback_editor_get_widget (editor, "date")), "24.13.2026x");
  _tl_feedback_editor_save_entry (editor, "date");
  g_assert_true (gtk_widget_has_css_class (_tl_feedback_editor_get_widget (editor, "date"), "error"));
  gtk_editable_set_text (GTK_EDITABLE (_tl_feedback_editor_get_widget (editor, "date")), "2026-03-30");
  _tl_feedback_editor_save_entry (editor, "date");
  gtk_editable_set_text (GTK_EDITABLE (_tl_feedback_editor_get_widget (editor, "tags")), "包装, 外卖");
  _tl_feedback_editor_save_entry (editor, "tags");
  adw_combo_row_set_selected (ADW_COMBO_ROW (_tl_feedback_editor_get_widget (editor, "stage")), 5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (_tl_feedback_editor_get_widget (editor, "rating")), 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (_tl_feedback_editor_get_widget (editor, "phase")), 2);
  item = stored (f, id);
  g_assert_cmpstr (tl_feedback_item_get_date (item), ==, "2026-03-30");
  g_assert_cmpstr (tl_feedback_item_get_tags (item), ==, "包装, 外卖");
  g_assert_cmpint (tl_feedback_item_get_stage (item), ==, 'E');
  g_assert_false (tl_feedback_item_has_rating (item));
  g_assert_cmpstr (tl_feedback_item_get_phase (item), ==, "evaluation");
  g_clear_object (&item);

  /* An image dropped (or pasted) on the editor */
  g_value_init (&value, GDK_TYPE_TEXTURE);
  g_value_set_object (&value, texture);
  g_assert_true (_tl_feedback_editor_drop (editor, &value));
  g_value_unset (&value);
  item = stored (f, id);
  g_assert_cmpuint (tl_feedback_item_get_n_images (item), ==, 1);
  g_clear_object (&item);
  tl_test_iterate (300);
  tl_test_save_screenshot (GTK_WIDGET (f->window), "feedback-editor.png");

  /* Undo, step by step: the image, the phase, the rating … the text */
  g_assert_true (tl_undo_stack_undo (stack));
  item = stored (f, id);
  g_assert_cmpuint (tl_feedback_item_get_n_images (item), ==, 0);
  g_clear_object (&item);
  for (guint i = 0; i < 5; i++)
    g_assert_true (tl_undo_stack_undo (stack));
  item = stored (f, id);
  g_assert_cmpstr (tl_feedback_item_get_text (item), ==, "改过的反馈：外卖包装很好");
  g_assert_true (tl_feedback_item_has_rating (item));
  g_clear_object (&item);
  g_assert_true (tl_undo_stack_undo (stack));
  item = stored (f, id);
  g_assert_cmpstr (tl_feedback_item_get_text (item), !=, "改过的反馈：外卖包装很好");
  g_clear_object (&item);

  /* Delete, and back */
  g_assert_true (tl_feedback_view_delete_selected (view));
  g_assert_cmpint (tl_store_count_feedback (f->store), ==, 11);
  wait_for_rows (view, 11);
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_cmpint (tl_store_count_feedback (f->store), ==, 12);
  wait_for_rows (view, 12);
}

int
main (int   argc,
      char *argv[])
{
  if (!tl_test_app_init (&argc, &argv))
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }

  g_test_add ("/tl/ui/evidence/drop-on-station", Fixture, NULL,
              fixture_setup, test_drop_on_station, fixture_teardown);
  g_test_add ("/tl/ui/evidence/drop-on-cell", Fixture, NULL,
              fixture_setup, test_drop_on_cell, fixture_teardown);
  g_test_add ("/tl/ui/evidence/quick-add-links-to-selection", Fixture, NULL,
              fixture_setup, test_quick_add, fixture_teardown);
  g_test_add ("/tl/ui/evidence/link-dialog", Fixture, NULL,
              fixture_setup, test_link_dialog, fixture_teardown);
  g_test_add ("/tl/ui/evidence/editor", Fixture, NULL,
              fixture_setup, test_editor, fixture_teardown);
  g_test_add ("/tl/ui/evidence/feedback-page", Fixture, NULL,
              fixture_setup, test_feedback_page, fixture_teardown);

  return tl_test_app_run ();
}
