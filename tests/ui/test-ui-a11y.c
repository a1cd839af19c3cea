/* test-ui-a11y.c: the canvas to the keyboard and to assistive technology:
 * focusable children over the drawn stations, legend entries and matrix
 * cells, their roles and names, Tab and arrow navigation, the in-place
 * cell editor, the focus ring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "tl-canvas-a11y.h"
#include "tl-canvas-item.h"
#include "tl-canvas-view-private.h"
#include "tl-cell-editor.h"
#include "tl-session.h"
#include "tl-window-private.h"
#include "ui-test-app.h"

typedef struct {
  TlWindow *window;
  TlSession *session;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = tl_test_app_open_window ();
  f->session = tl_window_get_session (f->window);
  tl_test_iterate (100);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  tl_test_app_close_windows ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  tl_test_iterate (100);
}

/* ---- helpers -------------------------------------------------------------- */

static GtkWidget *
focus_widget (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

/* The TlCanvasItems under @widget, depth first (the order of the tree) */
static void
collect_items (GtkWidget *widget,
               GPtrArray *items)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (TL_IS_CANVAS_ITEM (child))
        g_ptr_array_add (items, child);
      collect_items (child, items);
    }
}

static GtkWidget *
find_item (TlCanvasView *canvas,
           const char   *kind,
           const char   *id)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  collect_items (GTK_WIDGET (canvas), items);
  for (guint i = 0; i < items->len; i++)
    {
      TlCanvasItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (tl_canvas_item_get_kind (item), kind) == 0 &&
          g_strcmp0 (tl_canvas_item_get_id (item), id) == 0)
        return GTK_WIDGET (item);
    }
  g_error ("no item for %s %s", kind, id);
  return NULL;
}

static GtkWidget *
find_root (TlCanvasView *canvas)
{
  return find_item (canvas, "root", "");
}

static void
assert_label (GtkWidget  *widget,
              const char *expected)
{
  g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                  expected);

  if (mismatch != NULL)
    g_error ("accessible label of %s %s: %s, expected \"%s\"",
             tl_canvas_item_get_kind (TL_CANVAS_ITEM (widget)),
             tl_canvas_item_get_id (TL_CANVAS_ITEM (widget)), mismatch, expected);
}

static gboolean
emit_key (GtkWidget       *widget,
          GtkPropagationPhase phase,
          guint            keyval,
          GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == phase)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }
  return handled;
}

/* A key press as GTK delivers it to the focus widget: the key controllers
 * of its ancestors in the capture phase, top down, then its own and its
 * ancestors' in the bubble phase (GTK 4.8 cannot synthesize events). */
static gboolean
send_key (Fixture         *f,
          guint            keyval,
          GdkModifierType  state)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();

  for (GtkWidget *widget = focus_widget (f); widget != NULL; widget = gtk_widget_get_parent (widget))
    g_ptr_array_add (chain, widget);
  g_assert_cmpuint (chain->len, >, 0);

  for (guint i = chain->len; i > 0; i--)
    if (emit_key (g_ptr_array_index (chain, i - 1), GTK_PHASE_CAPTURE, keyval, state))
      return TRUE;
  for (guint i = 0; i < chain->len; i++)
    if (emit_key (g_ptr_array_index (chain, i), GTK_PHASE_BUBBLE, keyval, state))
      return TRUE;
  return FALSE;
}

/* Tab and Shift+Tab, as the window's key bindings move the focus */
static gboolean
tab (Fixture          *f,
     GtkDirectionType  direction)
{
  gboolean moved = gtk_widget_child_focus (GTK_WIDGET (f->window), direction);

  tl_test_iterate (20);
  return moved;
}

static void
assert_focus (Fixture    *f,
              const char *kind,
              const char *id)
{
  GtkWidget *focus = focus_widget (f);

  if (!TL_IS_CANVAS_ITEM (focus))
    g_error ("focus on a %s, expected %s %s", focus ? G_OBJECT_TYPE_NAME (focus) : "nothing", kind, id);
  g_assert_cmpstr (tl_canvas_item_get_kind (TL_CANVAS_ITEM (focus)), ==, kind);
  g_assert_cmpstr (tl_canvas_item_get_id (TL_CANVAS_ITEM (focus)), ==, id);
}

/* Focus moved by the keyboard selects */
static void
assert_focus_selected (Fixture    *f,
                       const char *kind,
                       const char *id)
{
  assert_focus (f, kind, id);
  g_assert_cmpstr (tl_session_get_selected_kind (f->session), ==, kind);
  g_assert_cmpstr (tl_session_get_selected_id (f->session), ==, id);
}

static void
show_matrix (Fixture *f)
{
  tl_window_set_view (f->window, "matrix");
  tl_test_iterate (300);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->window->matrix_view)));
}

/* ---- the diagram ----------------------------------------------------------- */

/* DOMAIN.md §2: each station's kind and the loops through it */
static const struct {
  const char *id;
  const char *kind_phrase;
  const char *loops[7];
} template_stations[] = {
  { "hub", "hub station", { NULL } },
  { "order", "online station", { "loop1", "loop2", "loop4", NULL } },
  { "production", "offline station", { "loop1", "loop2", "loop3", "loop4", NULL } },
  { "logistics", "offline station", { "loop1", "loop2", "loop3", "loop4", NULL } },
  { "experience", "offline station", { "loop2", "loop3", "loop4", NULL } },
  { "wom", "online station", { "loop1", "loop2", "loop5", NULL } },
  { "pain", "micro-data station", { "loop3", "loop4", "loop5", "loop6", NULL } },
  { "culture", "offline station", { "loop5", "loop6", NULL } },
};

static void
test_diagram_tree (Fixture       *f,
                   gconstpointer  data)
{
  TlCanvasView *canvas = f->window->diagram_view;
  TlDocument *document = tl_session_get_document (f->session);
  GListModel *loops = tl_document_get_loops (document);
  GtkWidget *root = find_root (canvas);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  guint n_stations = 0, n_loops = 0;

  /* The canvas is a group around the items, not an opaque image. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_ROLE_GROUP);

  for (guint i = 0; i < G_N_ELEMENTS (template_stations); i++)
    {
      TlStation *station = tl_document_lookup_station (document, template_stations[i].id);
      GtkWidget *item = find_item (canvas, "station", template_stations[i].id);
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *expected = NULL;
      graphene_rect_t bounds;
      double x, y;

      g_assert_nonnull (station);
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_ROLE_BUTTON);
      g_assert_true (gtk_widget_get_focusable (item));

      for (guint j = 0; template_stations[i].loops[j] != NULL; j++)
        {
          TlLoop *loop = tl_document_lookup_loop (document, template_stations[i].loops[j]);

          g_assert_nonnull (loop);
          g_string_append_printf (names, "%s%s", j ? ", " : "", tl_loop_get_name (loop));
        }
      if (names->len > 0)
        expected = g_strdup_printf ("%s — %s, in loops: %s", tl_station_get_label (station),
                                    template_stations[i].kind_phrase, names->str);
      else
        expected = g_strdup_printf ("%s — %s, in no loop", tl_station_get_label (station),
                                    template_stations[i].kind_phrase);
      assert_label (item, expected);

      /* The item lies over the drawn station: its centre hit-tests back
       * to it, and the painter's centre of the station is inside it. */
      g_assert_true (gtk_widget_compute_bounds (item, GTK_WIDGET (canvas), &bounds));
      g_assert_cmpfloat (bounds.size.width, >, 10);
      g_assert_cmpfloat (bounds.size.height, >, 10);
      g_assert_true (tl_canvas_view_locate (canvas, "station", template_stations[i].id, &x, &y));
      g_assert_true (graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT (x, y)));
    }

  /* A legend entry per loop: its name and how many stations */
  for (guint i = 0; i < g_list_model_get_n_items (loops); i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);
      GtkWidget *item = find_item (canvas, "loop", tl_loop_get_id (loop));
      g_autofree char *expected = g_strdup_printf ("%s, %u stations", tl_loop_get_name (loop),
                                                   tl_loop_get_n_stations (loop));
      graphene_rect_t bounds;
      double x, y;

      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_ROLE_BUTTON);
      assert_label (item, expected);
      g_assert_true (gtk_widget_compute_bounds (item, GTK_WIDGET (canvas), &bounds));
      g_assert_true (tl_canvas_view_locate (canvas, "loop", tl_loop_get_id (loop), &x, &y));
      g_assert_true (graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT (x, y)));
    }

  /* Nothing else is focusable: stations in document order, then loops */
  collect_items (root, items);
  for (guint i = 0; i < items->len; i++)
    {
      TlCanvasItem *item = g_ptr_array_index (items, i);

      if (g_str_equal (tl_canvas_item_get_kind (item), "station"))
        {
          g_autoptr(TlStation) station = g_list_model_get_item (tl_document_get_stations (document), n_stations);

          g_assert_cmpuint (n_loops, ==, 0);
          g_assert_cmpstr (tl_canvas_item_get_id (item), ==, tl_station_get_id (station));
          n_stations++;
        }
      else
        {
          g_assert_cmpstr (tl_canvas_item_get_kind (item), ==, "loop");
          n_loops++;
        }
    }
  g_assert_cmpuint (n_stations, ==, 8);
  g_assert_cmpuint (n_loops, ==, g_list_model_get_n_items (loops));
}

static void
test_diagram_labels_follow (Fixture       *f,
                            gconstpointer  data)
{
  TlCanvasView *canvas = f->window->diagram_view;
  TlDocument *document = tl_session_get_document (f->session);
  TlStation *culture = tl_document_lookup_station (document, "culture");
  TlLoop *loop6 = tl_document_lookup_loop (document, "loop6");
  TlLoop *loop5 = tl_document_lookup_loop (document, "loop5");
  g_autoptr(GError) error = NULL;
  g_autoptr(TlCommand) remove = NULL;
  g_autofree char *expected = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "文化空间");
  g_assert_true (tl_session_set (f->session, culture, "label", &value, FALSE, &error));
  g_assert_no_error (error);
  g_value_set_string (&value, "试用");
  g_assert_true (tl_session_set (f->session, loop6, "name", &value, FALSE, &error));
  g_assert_no_error (error);

  expected = g_strdup_printf ("文化空间 — offline station, in loops: %s, 试用", tl_loop_get_name (loop5));
  assert_label (find_item (canvas, "station", "culture"), expected);
  assert_label (find_item (canvas, "loop", "loop6"), "试用, 2 stations");

  /* A loop removed takes its legend entry and leaves the stations' loops */
  remove = tl_remove_loop_command_new ("loop6");
  g_assert_true (tl_session_run (f->session, remove, &error));
  g_assert_no_error (error);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("文化空间 — offline station, in loops: %s", tl_loop_get_name (loop5));
  assert_label (find_item (canvas, "station", "culture"), expected);
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new ();

    collect_items (GTK_WIDGET (canvas), items);
    for (guint i = 0; i < items->len; i++)
      g_assert_cmpstr (tl_canvas_item_get_id (g_ptr_array_index (items, i)), !=, "loop6");
  }

  /* Undone, it is back */
  g_assert_true (tl_undo_stack_undo (tl_session_get_undo_stack (f->session)));
  assert_label (find_item (canvas, "loop", "loop6"), "试用, 2 stations");
}

static void
test_diagram_keyboard (Fixture       *f,
                       gconstpointer  data)
{
  TlCanvasView *canvas = f->window->diagram_view;
  TlDocument *document = tl_session_get_document (f->session);
  GListModel *stations = tl_document_get_stations (document);
  GListModel *loops = tl_document_get_loops (document);
  guint n_stations = g_list_model_get_n_items (stations);
  guint n_loops = g_list_model_get_n_items (loops);
  TlStation *hub = tl_document_lookup_station (document, "hub");
  double hub_x = tl_station_get_x (hub);

  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  g_assert_true (focus_widget (f) == GTK_WIDGET (canvas));

  /* Tab: the stations in document order, then the legend entries */
  for (guint i = 0; i < n_stations; i++)
    {
      g_autoptr(TlStation) station = g_list_model_get_item (stations, i);

      g_assert_true (tab (f, GTK_DIR_TAB_FORWARD));
      assert_focus_selected (f, "station", tl_station_get_id (station));
    }
  for (guint i = 0; i < n_loops; i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);

      g_assert_true (tab (f, GTK_DIR_TAB_FORWARD));
      assert_focus_selected (f, "loop", tl_loop_get_id (loop));
      /* Selecting a loop focuses it on the drawing */
      g_assert_cmpstr (tl_session_get_focus_loop (f->session), ==, tl_loop_get_id (loop));
    }

  /* Enter on a legend entry focuses its loop, as its digit does */
  tl_session_set_focus_loop (f->session, NULL);
  g_assert_true (send_key (f, GDK_KEY_Return, 0));
  g_assert_cmpstr (tl_session_get_focus_loop (f->session), ==, "loop6");

  /* Shift+Tab walks back */
  g_assert_true (tab (f, GTK_DIR_TAB_BACKWARD));
  assert_focus_selected (f, "loop", "loop5");
  for (guint i = 0; i < n_loops - 2; i++)
    g_assert_true (tab (f, GTK_DIR_TAB_BACKWARD));
  assert_focus_selected (f, "loop", "loop1");
  g_assert_true (tab (f, GTK_DIR_TAB_BACKWARD));
  {
    g_autoptr(TlStation) last = g_list_model_get_item (stations, n_stations - 1);

    assert_focus_selected (f, "station", tl_station_get_id (last));
  }

  /* Arrows: the nearest station that way (the template: production
   * straight above the hub, order to its upper left, logistics to its
   * upper right) */
  gtk_widget_grab_focus (find_item (canvas, "station", "hub"));
  assert_focus_selected (f, "station", "hub");
  g_assert_true (send_key (f, GDK_KEY_Up, 0));
  assert_focus_selected (f, "station", "production");
  g_assert_true (send_key (f, GDK_KEY_Left, 0));
  assert_focus_selected (f, "station", "order");
  g_assert_true (send_key (f, GDK_KEY_Right, 0));
  assert_focus_selected (f, "station", "production");
  g_assert_true (send_key (f, GDK_KEY_Right, 0));
  assert_focus_selected (f, "station", "logistics");
  g_assert_true (send_key (f, GDK_KEY_KP_Left, 0));
  assert_focus_selected (f, "station", "production");
  g_assert_true (send_key (f, GDK_KEY_Down, 0));
  assert_focus_selected (f, "station", "hub");
  /* Nothing above production: the focus stays, the arrow is still taken
   * (a plain arrow never moves a station) */
  gtk_widget_grab_focus (find_item (canvas, "station", "production"));
  g_assert_true (send_key (f, GDK_KEY_Up, 0));
  assert_focus (f, "station", "production");
  g_assert_false (tl_session_get_modified (f->session));

  /* Ctrl+arrows move the focused (selected) station, one step each */
  gtk_widget_grab_focus (find_item (canvas, "station", "hub"));
  g_assert_true (send_key (f, GDK_KEY_Right, GDK_CONTROL_MASK));
  g_assert_cmpfloat (tl_station_get_x (hub), ==, hub_x + 20);
  g_assert_true (send_key (f, GDK_KEY_Right, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_cmpfloat (tl_station_get_x (hub), ==, hub_x + 120);
  /* The item follows the station it stands for */
  tl_test_iterate (100);
  {
    graphene_rect_t bounds;
    double x, y;

    g_assert_true (gtk_widget_compute_bounds (find_item (canvas, "station", "hub"), GTK_WIDGET (canvas), &bounds));
    g_assert_true (tl_canvas_view_locate (canvas, "station", "hub", &x, &y));
    g_assert_cmpfloat (fabs (bounds.origin.x + bounds.size.width / 2 - x), <, 2);
    g_assert_cmpfloat (fabs (bounds.origin.y + bounds.size.height / 2 - y), <, 2);
  }
  assert_focus (f, "station", "hub");
}

static void
test_diagram_focus_follows (Fixture       *f,
                            gconstpointer  data)
{
  TlCanvasView *canvas = f->window->diagram_view;
  GtkWidget *outline = GTK_WIDGET (f->window->outline);
  g_autoptr(GPtrArray) ids = NULL;
  double x, y;

  /* A click on the canvas selects, and the station takes the focus */
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  g_assert_true (tl_canvas_view_locate (canvas, "station", "wom", &x, &y));
  _tl_canvas_view_click (canvas, 1, x, y, 0);
  assert_focus_selected (f, "station", "wom");

  /* Focus that moves within a multiple selection keeps it */
  g_assert_true (tl_canvas_view_locate (canvas, "station", "order", &x, &y));
  _tl_canvas_view_click (canvas, 1, x, y, GDK_SHIFT_MASK);
  ids = tl_session_dup_selected_stations (f->session);
  g_assert_cmpuint (ids->len, ==, 2);
  assert_focus (f, "station", "order");
  g_clear_pointer (&ids, g_ptr_array_unref);
  ids = tl_session_dup_selected_stations (f->session);
  g_assert_cmpuint (ids->len, ==, 2);

  /* A selection made elsewhere leaves the focus where it is. */
  if (gtk_widget_get_mapped (outline) && gtk_widget_grab_focus (outline))
    {
      GtkWidget *before = focus_widget (f);

      tl_session_select (f->session, "station", "pain");
      g_assert_true (focus_widget (f) == before);
    }

  /* The items never take a click: the view hit-tests the drawing. */
  {
    GtkWidget *root = find_root (canvas);

    g_assert_true (gtk_widget_get_parent (root) == GTK_WIDGET (canvas));
    g_assert_false (gtk_widget_get_can_target (root));
    g_assert_true (gtk_widget_pick (GTK_WIDGET (canvas), x, y, GTK_PICK_DEFAULT) == GTK_WIDGET (canvas));
  }
}

static void
test_nearest_in_direction (void)
{
  graphene_rect_t from = GRAPHENE_RECT_INIT (100, 100, 20, 20);
  graphene_rect_t candidates[] = {
    GRAPHENE_RECT_INIT (100, 20, 20, 20),   /* 0: above */
    GRAPHENE_RECT_INIT (100, 200, 20, 20),  /* 1: below */
    GRAPHENE_RECT_INIT (10, 110, 20, 20),   /* 2: left, a little low */
    GRAPHENE_RECT_INIT (300, 100, 20, 20),  /* 3: right, 200 ahead */
    GRAPHENE_RECT_INIT (180, 0, 20, 20),    /* 4: upper right, 80 ahead, 100 aside */
    GRAPHENE_RECT_INIT (180, 70, 20, 20),   /* 5: right, 80 ahead, 30 aside */
    GRAPHENE_RECT_INIT (100, 100, 20, 20),  /* 6: where from is */
  };

  g_assert_cmpint (tl_canvas_nearest_in_direction (&from, candidates, 7, GTK_DIR_UP), ==, 0);
  g_assert_cmpint (tl_canvas_nearest_in_direction (&from, candidates, 7, GTK_DIR_DOWN), ==, 1);
  g_assert_cmpint (tl_canvas_nearest_in_direction (&from, candidates, 7, GTK_DIR_LEFT), ==, 2);
  /* Far straight ahead beats near but well aside (200 < 80 + 2 × 100) */
  g_assert_cmpint (tl_canvas_nearest_in_direction (&from, candidates, 5, GTK_DIR_RIGHT), ==, 3);
  /* Near and a little aside beats far straight ahead (80 + 2 × 30 < 200) */
  g_assert_cmpint (tl_canvas_nearest_in_direction (&from, candidates, 7, GTK_DIR_RIGHT), ==, 5);
  /* Nothing that way; one where from is does not count */
  g_assert_cmpint (tl_canvas_nearest_in_direction (&from, candidates, 2, GTK_DIR_LEFT), ==, -1);
  g_assert_cmpint (tl_canvas_nearest_in_direction (&from, candidates + 6, 1, GTK_DIR_UP), ==, -1);
  g_assert_cmpint (tl_canvas_nearest_in_direction (&from, NULL, 0, GTK_DIR_UP), ==, -1);

  /* Outside the cone only when nothing is inside it */
  {
    graphene_rect_t cone[] = {
      GRAPHENE_RECT_INIT (0, 400, 20, 20),   /* 0: down 300, left 100: inside */
      GRAPHENE_RECT_INIT (400, 130, 20, 20), /* 1: down 30, right 300: outside, score 630 */
      GRAPHENE_RECT_INIT (160, 125, 20, 20), /* 2: down 25, right 60: outside, score 145 */
    };

    /* 2 scores best (25 + 2 × 60 = 145 < 300 + 2 × 100) but lies off to the side */
    g_assert_cmpint (tl_canvas_nearest_in_direction (&from, cone, 3, GTK_DIR_DOWN), ==, 0);
    g_assert_cmpint (tl_canvas_nearest_in_direction (&from, cone + 1, 2, GTK_DIR_DOWN), ==, 1);
  }
}

/* ---- the matrix -------------------------------------------------------------- */

/* The cell's accessible label as the issue describes it, from its values */
static char *
expected_cell_label (TlDocument *document,
                     TlCell     *cell)
{
  TlMatrixHeader *layer = tl_document_lookup_layer (document, tl_cell_get_layer (cell));
  TlMatrixHeader *type = tl_document_lookup_type (document, tl_cell_get_type_id (cell));
  GString *text = g_string_new (NULL);
  guint current = tl_cell_get_current (cell), target = tl_cell_get_target (cell);
  const char *owner = tl_cell_get_owner (cell);

  g_string_append_printf (text, "%s × %s: ", tl_matrix_header_get_label (layer), tl_matrix_header_get_label (type));
  if (current)
    g_string_append_printf (text, "current %u of %u", current, tl_document_get_score_scale (document));
  else
    g_string_append (text, "current not scored");
  if (target)
    g_string_append_printf (text, ", target %u", target);
  else
    g_string_append (text, ", target not scored");
  if (current && target)
    g_string_append_printf (text, ", gap %d", (int)target - (int)current);
  g_string_append (text, ", no evidence");
  if (owner && *owner)
    g_string_append_printf (text, ", owner %s", tl_owner_team_label (owner, "en"));
  else
    g_string_append (text, ", no owner");
  if (tl_cell_get_key (cell))
    g_string_append (text, ", key touchpoint");
  return g_string_free (text, FALSE);
}

static void
test_matrix_tree (Fixture       *f,
                  gconstpointer  data)
{
  TlCanvasView *canvas = f->window->matrix_view;
  TlDocument *document = tl_session_get_document (f->session);
  GListModel *layers = tl_document_get_layers (document);
  GListModel *types = tl_document_get_types (document);
  GtkWidget *root;
  guint n_rows = 0;

  show_matrix (f);
  root = find_root (canvas);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_ROLE_GRID);
  g_assert_cmpuint (g_list_model_get_n_items (layers), ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (types), ==, 5);

  /* The grid's children are its rows: the column headers, then a row per
   * layer with its header and its five cells, in order */
  for (GtkWidget *row = gtk_widget_get_first_child (root); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      guint column = 0;

      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_ROLE_ROW);
      for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL;
           child = gtk_widget_get_next_sibling (child), column++)
        {
          TlCanvasItem *item = TL_CANVAS_ITEM (child);

          if (n_rows == 0)
            {
              g_autoptr(TlMatrixHeader) type = g_list_model_get_item (types, column);

              gtk_test_accessible_assert_role (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_ROLE_COLUMN_HEADER);
              g_assert_cmpstr (tl_canvas_item_get_id (item), ==, tl_matrix_header_get_id (type));
              g_autofree char *expected = tl_matrix_header_get_key (type)
                                          ? g_strdup_printf ("%s, key experience type", tl_matrix_header_get_label (type))
                                          : g_strdup (tl_matrix_header_get_label (type));

              assert_label (child, expected);
              g_assert_false (gtk_widget_get_focusable (child));
            }
          else if (column == 0)
            {
              g_autoptr(TlMatrixHeader) layer = g_list_model_get_item (layers, n_rows - 1);

              gtk_test_accessible_assert_role (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_ROLE_ROW_HEADER);
              g_assert_cmpstr (tl_canvas_item_get_id (item), ==, tl_matrix_header_get_id (layer));
              g_assert_false (gtk_widget_get_focusable (child));
            }
          else
            {
              g_autoptr(TlMatrixHeader) layer = g_list_model_get_item (layers, n_rows - 1);
              g_autoptr(TlMatrixHeader) type = g_list_model_get_item (types, column - 1);
              TlCell *cell = tl_document_lookup_cell (document, tl_matrix_header_get_id (layer),
                                                      tl_matrix_header_get_id (type));
              g_autofree char *expected = expected_cell_label (document, cell);
              g_autofree char *prefix = g_strdup_printf ("%s × %s: ", tl_matrix_header_get_label (layer),
                                                         tl_matrix_header_get_label (type));
              graphene_rect_t bounds;
              double x, y;

              gtk_test_accessible_assert_role (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_ROLE_GRID_CELL);
              g_assert_cmpstr (tl_canvas_item_get_id (item), ==, tl_cell_get_id (cell));
              g_assert_true (g_str_has_prefix (expected, prefix));
              assert_label (child, expected);
              g_assert_true (gtk_widget_get_focusable (child));

              g_assert_true (gtk_widget_compute_bounds (child, GTK_WIDGET (canvas), &bounds));
              g_assert_true (tl_canvas_view_locate (canvas, "cell", tl_cell_get_id (cell), &x, &y));
              g_assert_true (graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT (x, y)));
            }
        }
      g_assert_cmpuint (column, ==, n_rows == 0 ? 5 : 6);
      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==, 8);
}

static void
test_matrix_labels_follow (Fixture       *f,
                           gconstpointer  data)
{
  TlCanvasView *canvas = f->window->matrix_view;
  TlDocument *document = tl_session_get_document (f->session);
  TlCell *cell = tl_document_lookup_cell (document, "space", "sense");
  TlMatrixHeader *space = tl_document_lookup_layer (document, "space");
  TlMatrixHeader *sense = tl_document_lookup_type (document, "sense");
  g_autoptr(GError) error = NULL;
  g_auto(GValue) number = G_VALUE_INIT;
  g_auto(GValue) text = G_VALUE_INIT;
  g_auto(GValue) flag = G_VALUE_INIT;
  g_autofree char *expected = NULL;
  TlEvidence evidence = { .count = 12 };

  show_matrix (f);
  g_value_init (&number, G_TYPE_UINT);
  g_value_init (&text, G_TYPE_STRING);
  g_value_init (&flag, G_TYPE_BOOLEAN);
  g_value_set_uint (&number, 3);
  g_assert_true (tl_session_set (f->session, cell, "current", &number, FALSE, &error));
  g_value_set_uint (&number, 4);
  g_assert_true (tl_session_set (f->session, cell, "target", &number, FALSE, &error));
  g_value_set_string (&text, "perception");
  g_assert_true (tl_session_set (f->session, cell, "owner", &text, FALSE, &error));
  g_value_set_boolean (&flag, TRUE);
  g_assert_true (tl_session_set (f->session, cell, "key", &flag, FALSE, &error));
  g_assert_no_error (error);

  expected = g_strdup_printf ("%s × %s: current 3 of 5, target 4, gap 1, no evidence, owner %s, key touchpoint",
                              tl_matrix_header_get_label (space), tl_matrix_header_get_label (sense),
                              tl_owner_team_label ("perception", "en"));
  assert_label (find_item (canvas, "cell", "space/sense"), expected);

  /* Linked feedback counts */
  tl_document_set_evidence (document, "cell", "space/sense", &evidence);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s × %s: current 3 of 5, target 4, gap 1, evidence 12 items, owner %s, key touchpoint",
                              tl_matrix_header_get_label (space), tl_matrix_header_get_label (sense),
                              tl_owner_team_label ("perception", "en"));
  assert_label (find_item (canvas, "cell", "space/sense"), expected);

  /* The description goes to the accessible description */
  g_value_set_string (&text, "黑板上写着“这里没有 Wi-Fi，请互相聊天”");
  g_assert_true (tl_session_set (f->session, cell, "description", &text, FALSE, &error));
  gtk_test_accessible_assert_property (find_item (canvas, "cell", "space/sense"),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "黑板上写着“这里没有 Wi-Fi，请互相聊天”");
}

static void
test_matrix_keyboard (Fixture       *f,
                      gconstpointer  data)
{
  TlCanvasView *canvas = f->window->matrix_view;

  show_matrix (f);
  gtk_widget_grab_focus (GTK_WIDGET (canvas));

  /* Tab enters the grid at its first cell (nothing selected yet) */
  g_assert_true (tab (f, GTK_DIR_TAB_FORWARD));
  assert_focus_selected (f, "cell", "people/sense");

  g_assert_true (send_key (f, GDK_KEY_Right, 0));
  assert_focus_selected (f, "cell", "people/feel");
  g_assert_true (send_key (f, GDK_KEY_End, 0));
  assert_focus_selected (f, "cell", "people/relate");
  /* No wrap at the edge */
  g_assert_true (send_key (f, GDK_KEY_Right, 0));
  assert_focus_selected (f, "cell", "people/relate");
  g_assert_true (send_key (f, GDK_KEY_Up, 0));
  assert_focus_selected (f, "cell", "people/relate");
  g_assert_true (send_key (f, GDK_KEY_Down, 0));
  assert_focus_selected (f, "cell", "product/relate");
  g_assert_true (send_key (f, GDK_KEY_Home, 0));
  assert_focus_selected (f, "cell", "product/sense");
  g_assert_true (send_key (f, GDK_KEY_Left, 0));
  assert_focus_selected (f, "cell", "product/sense");
  g_assert_true (send_key (f, GDK_KEY_Page_Down, 0));
  assert_focus_selected (f, "cell", "visual/sense");
  g_assert_true (send_key (f, GDK_KEY_End, GDK_CONTROL_MASK));
  assert_focus_selected (f, "cell", "visual/relate");
  g_assert_true (send_key (f, GDK_KEY_Home, GDK_CONTROL_MASK));
  assert_focus_selected (f, "cell", "people/sense");

  /* The grid is one Tab stop: Tab leaves it, Shift+Tab comes back to the
   * selected cell */
  g_assert_true (send_key (f, GDK_KEY_Down, 0));
  assert_focus_selected (f, "cell", "product/sense");
  tab (f, GTK_DIR_TAB_FORWARD);
  g_assert_false (TL_IS_CANVAS_ITEM (focus_widget (f)));
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  g_assert_true (tab (f, GTK_DIR_TAB_FORWARD));
  assert_focus_selected (f, "cell", "product/sense");

  /* With the focus in the grid, a selection made elsewhere (the outline,
   * the diagram's evidence) brings it along */
  tl_session_select (f->session, "cell", "cobrand/act");
  assert_focus (f, "cell", "cobrand/act");
  g_assert_false (tl_session_get_modified (f->session));
}

/* The window with a popover drawn where it shows (popovers are surfaces
 * of their own, which a window's rendering leaves out). */
static void
save_screenshot_with_popover (GtkWidget  *window,
                              GtkWidget  *popover,
                              const char *name)
{
  g_autoptr(GdkTexture) base = tl_test_render_texture (window);
  g_autoptr(GdkTexture) top = tl_test_render_texture (popover);
  g_autofree char *path = tl_test_screenshot_path (name);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popover));
  int width = gdk_texture_get_width (base), height = gdk_texture_get_height (base);
  double window_x, window_y, popover_x, popover_y;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_t *top_image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                           gdk_texture_get_width (top),
                                                           gdk_texture_get_height (top));
  cairo_t *cr;

  gtk_native_get_surface_transform (GTK_NATIVE (window), &window_x, &window_y);
  gtk_native_get_surface_transform (GTK_NATIVE (popover), &popover_x, &popover_y);
  cairo_surface_flush (image);
  gdk_texture_download (base, cairo_image_surface_get_data (image), cairo_image_surface_get_stride (image));
  cairo_surface_mark_dirty (image);
  cairo_surface_flush (top_image);
  gdk_texture_download (top, cairo_image_surface_get_data (top_image), cairo_image_surface_get_stride (top_image));
  cairo_surface_mark_dirty (top_image);

  cr = cairo_create (image);
  cairo_set_source_surface (cr, top_image,
                            gdk_popup_get_position_x (GDK_POPUP (surface)) + popover_x - window_x,
                            gdk_popup_get_position_y (GDK_POPUP (surface)) + popover_y - window_y);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (image, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("screenshot: %s", path);
  cairo_surface_destroy (top_image);
  cairo_surface_destroy (image);
}

static GtkWidget *
editor_popover (GtkWidget *editor)
{
  GtkWidget *popover = gtk_widget_get_ancestor (editor, GTK_TYPE_POPOVER);

  g_assert_nonnull (popover);
  return popover;
}

/* The editor of the focused cell, shown */
static TlCellEditor *
shown_editor (Fixture *f)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  collect_items (GTK_WIDGET (f->window->matrix_view), items);
  for (guint i = 0; i < items->len; i++)
    for (GtkWidget *child = gtk_widget_get_first_child (g_ptr_array_index (items, i)); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
        return TL_CELL_EDITOR (gtk_popover_get_child (GTK_POPOVER (child)));
  return NULL;
}

static gboolean
editor_gone (gpointer data)
{
  return shown_editor (data) == NULL;
}

static void
test_matrix_edit_in_place (Fixture       *f,
                           gconstpointer  data)
{
  TlCanvasView *canvas = f->window->matrix_view;
  TlDocument *document = tl_session_get_document (f->session);
  TlUndoStack *stack = tl_session_get_undo_stack (f->session);
  TlCell *cell = tl_document_lookup_cell (document, "space", "feel");
  TlCellEditor *editor;
  GtkWidget *description, *current, *target, *key, *owner, *custom;
  GtkTextBuffer *buffer;
  guint n_steps = 0;
  g_autofree char *old_description = g_strdup (tl_cell_get_description (cell));
  guint old_current = tl_cell_get_current (cell);
  const char *old_owner = tl_cell_get_owner (cell);
  g_autofree char *old_owner_copy = g_strdup (old_owner);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1600, 1000);
  show_matrix (f);
  gtk_window_set_focus_visible (GTK_WINDOW (f->window), TRUE);
  gtk_widget_grab_focus (find_item (canvas, "cell", "space/feel"));
  assert_focus_selected (f, "cell", "space/feel");

  /* Enter opens the editor over the cell, the description focused */
  g_assert_null (shown_editor (f));
  g_assert_true (send_key (f, GDK_KEY_Return, 0));
  tl_test_iterate (300);
  editor = shown_editor (f);
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_get_parent (editor_popover (GTK_WIDGET (editor))) ==
                 find_item (canvas, "cell", "space/feel"));
  g_assert_cmpstr (tl_cell_editor_get_cell_id (editor), ==, "space/feel");

  description = _tl_cell_editor_get_field (editor, "description");
  current = _tl_cell_editor_get_field (editor, "current");
  target = _tl_cell_editor_get_field (editor, "target");
  key = _tl_cell_editor_get_field (editor, "key");
  owner = _tl_cell_editor_get_field (editor, "owner");
  custom = _tl_cell_editor_get_field (editor, "custom-owner");
  g_assert_true (focus_widget (f) == description);
  gtk_test_accessible_assert_property (description, GTK_ACCESSIBLE_PROPERTY_LABEL, "Cell description");
  gtk_test_accessible_assert_property (current, GTK_ACCESSIBLE_PROPERTY_LABEL, "Current score");
  gtk_test_accessible_assert_property (owner, GTK_ACCESSIBLE_PROPERTY_LABEL, "Owner team");

  /* Tab goes to the next field: the text view does not take it. */
  g_assert_false (gtk_text_view_get_accepts_tab (GTK_TEXT_VIEW (description)));
  g_assert_true (tab (f, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_ancestor (focus_widget (f), current) || focus_widget (f) == current);
  g_assert_true (tab (f, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_ancestor (focus_widget (f), target) || focus_widget (f) == target);
  g_assert_true (tab (f, GTK_DIR_TAB_BACKWARD));
  g_assert_true (gtk_widget_is_ancestor (focus_widget (f), current) || focus_widget (f) == current);
  /* Arrows the spin button leaves alone do not reach the grid below */
  g_assert_false (send_key (f, GDK_KEY_Left, 0) && !gtk_widget_is_ancestor (focus_widget (f), current));
  g_assert_true (shown_editor (f) == editor);
  gtk_widget_grab_focus (description);

  /* Typing is one step, however many insertions (an input method commits
   * a phrase at a time) */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (description));
  gtk_text_buffer_set_text (buffer, "", -1);
  gtk_text_buffer_insert_at_cursor (buffer, "服务员说：", -1);
  gtk_text_buffer_insert_at_cursor (buffer, "菜够了，不够再点", -1);
  g_assert_cmpstr (tl_cell_get_description (cell), ==, "服务员说：菜够了，不够再点");
  n_steps++;

  /* 0 is "not scored"; a score is a step */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (current), 0);
  if (old_current != 0)
    n_steps++;
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (current)), ==, "Not scored");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (current), 2);
  g_assert_cmpuint (tl_cell_get_current (cell), ==, 2);
  n_steps++;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (target), 5);
  g_assert_cmpuint (tl_cell_get_target (cell), ==, 5);
  n_steps++;
  /* The range is the document's scale */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (target), 9);
  g_assert_cmpuint (tl_cell_get_target (cell), ==, 5);

  gtk_switch_set_active (GTK_SWITCH (key), !tl_cell_get_key (cell));
  n_steps++;

  /* The owner: a team, then a custom one */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (owner), 2);
  g_assert_cmpstr (tl_cell_get_owner (cell), ==, tl_owner_team_ids ()[1]);
  n_steps++;
  g_assert_false (gtk_widget_get_visible (custom));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (owner), 4);
  g_assert_true (gtk_widget_get_visible (custom));
  gtk_editable_set_text (GTK_EDITABLE (custom), "咖啡师");
  g_assert_cmpstr (tl_cell_get_owner (cell), ==, "咖啡师");
  n_steps++;

  /* The grid's name for the cell follows */
  {
    g_autofree char *expected = expected_cell_label (document, cell);

    assert_label (find_item (canvas, "cell", "space/feel"), expected);
  }

  tl_test_iterate (200);
  save_screenshot_with_popover (GTK_WIDGET (f->window), editor_popover (GTK_WIDGET (editor)),
                                "a11y-cell-editor.png");

  /* Undone field by field; the editor follows */
  for (guint i = 0; i < n_steps; i++)
    g_assert_true (tl_undo_stack_undo (stack));
  g_assert_false (tl_undo_stack_get_can_undo (stack));
  g_assert_cmpstr (tl_cell_get_description (cell), ==, old_description);
  g_assert_cmpuint (tl_cell_get_current (cell), ==, old_current);
  g_assert_cmpstr (tl_cell_get_owner (cell), ==, old_owner_copy);
  {
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, old_description ? old_description : "");
  }
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (current)), ==, old_current);

  /* Escape leaves, back to the cell */
  gtk_popover_popdown (GTK_POPOVER (editor_popover (GTK_WIDGET (editor))));
  g_assert_true (tl_test_wait_for (editor_gone, f));
  assert_focus (f, "cell", "space/feel");

  /* A double-click opens it too */
  {
    double x, y;

    g_assert_true (tl_canvas_view_locate (canvas, "cell", "social/relate", &x, &y));
    _tl_canvas_view_click (canvas, 1, x, y, 0);
    _tl_canvas_view_click (canvas, 2, x, y, 0);
    tl_test_iterate (200);
    editor = shown_editor (f);
    g_assert_nonnull (editor);
    g_assert_cmpstr (tl_cell_editor_get_cell_id (editor), ==, "social/relate");
    g_assert_cmpstr (tl_session_get_selected_id (f->session), ==, "social/relate");
  }
}

/* ---- the focus ring ---------------------------------------------------------- */

static gsize
count_differences (GdkTexture *a,
                   GdkTexture *b)
{
  int width = gdk_texture_get_width (a), height = gdk_texture_get_height (a);
  g_autofree guchar *da = g_malloc (width * height * 4);
  g_autofree guchar *db = g_malloc (width * height * 4);
  gsize differences = 0;

  g_assert_cmpint (gdk_texture_get_width (b), ==, width);
  g_assert_cmpint (gdk_texture_get_height (b), ==, height);
  gdk_texture_download (a, da, width * 4);
  gdk_texture_download (b, db, width * 4);
  for (gsize i = 0; i < (gsize)width * height * 4; i++)
    differences += da[i] != db[i];
  return differences;
}

static void
test_focus_ring (Fixture       *f,
                 gconstpointer  data)
{
  TlCanvasView *canvas = f->window->diagram_view;
  struct {
    AdwColorScheme  scheme;
    const char     *theme;
    const char     *view;
    const char     *name;
  } shots[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "system", "diagram", "a11y-focus-light.png" },
    { ADW_COLOR_SCHEME_FORCE_DARK, "system", "diagram", "a11y-focus-dark.png" },
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "projector", "diagram", "a11y-focus-projector.png" },
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "system", "matrix", "a11y-focus-matrix-light.png" },
    { ADW_COLOR_SCHEME_FORCE_DARK, "system", "matrix", "a11y-focus-matrix-dark.png" },
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "projector", "matrix", "a11y-focus-matrix-projector.png" },
  };

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1920, 1080);
  tl_test_iterate (300);

  /* Focus shown only when the keyboard moves it, as GTK does */
  gtk_widget_grab_focus (find_item (canvas, "station", "experience"));
  /* The properties pane slides in with the selection */
  tl_test_iterate (600);
  gtk_window_set_focus_visible (GTK_WINDOW (f->window), FALSE);
  tl_test_iterate (100);
  {
    g_autoptr(GdkTexture) hidden = tl_test_render_texture (GTK_WIDGET (canvas));
    g_autoptr(GdkTexture) shown = NULL;
    graphene_rect_t bounds;

    gtk_window_set_focus_visible (GTK_WINDOW (f->window), TRUE);
    tl_test_iterate (100);
    shown = tl_test_render_texture (GTK_WIDGET (canvas));
    /* A ring around a card: a few hundred pixels at least */
    g_assert_cmpuint (count_differences (hidden, shown), >, 400);
    g_assert_true (gtk_widget_compute_bounds (find_item (canvas, "station", "experience"),
                                              GTK_WIDGET (canvas), &bounds));
  }

  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    {
      TlCanvasView *view;

      tl_window_set_view (f->window, shots[i].view);
      view = g_str_equal (shots[i].view, "matrix") ? f->window->matrix_view : canvas;
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), shots[i].scheme);
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.theme", "s", shots[i].theme);
      tl_test_iterate (300);
      gtk_widget_grab_focus (g_str_equal (shots[i].view, "matrix")
                             ? find_item (view, "cell", "space/feel")
                             : find_item (view, "station", "experience"));
      gtk_window_set_focus_visible (GTK_WINDOW (f->window), TRUE);
      tl_test_iterate (200);
      tl_test_save_screenshot (GTK_WIDGET (f->window), shots[i].name);
    }
}

static void
collect_accelerators (GtkWidget *widget,
                      GPtrArray *accelerators)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      char *accelerator = NULL;

      g_object_get (widget, "accelerator", &accelerator, NULL);
      if (accelerator != NULL)
        g_ptr_array_add (accelerators, accelerator);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_accelerators (child, accelerators);
}

/* The keyboard scheme is in the shortcuts window */
static void
test_shortcuts_window (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) accelerators = g_ptr_array_new_with_free_func (g_free);
  const char *expected[] = {
    "Tab <Shift>Tab",
    "Left Up Right Down",
    "<Control>Left <Control>Up <Control>Right <Control>Down",
    "Home End",
    "<Control>Home <Control>End",
    "Page_Up Page_Down",
    "Return F2",
  };
  GtkWindow *overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));

  g_assert_nonnull (overlay);
  collect_accelerators (GTK_WIDGET (overlay), accelerators);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (!g_ptr_array_find_with_equal_func (accelerators, expected[i], g_str_equal, NULL))
      g_error ("the shortcuts window does not list %s", expected[i]);

  /* Shown, every accelerator parses (a warning otherwise) */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL);
  tl_test_iterate (300);
  tl_test_save_screenshot (GTK_WIDGET (overlay), "a11y-shortcuts.png");
  gtk_window_close (overlay);
  tl_test_iterate (100);
}

int
main (int   argc,
      char *argv[])
{
  if (!tl_test_app_init (&argc, &argv))
    return 77;

  g_test_add_func ("/tl/ui/a11y/nearest-in-direction", test_nearest_in_direction);
  g_test_add ("/tl/ui/a11y/diagram-tree", Fixture, NULL,
              fixture_setup, test_diagram_tree, fixture_teardown);
  g_test_add ("/tl/ui/a11y/diagram-labels-follow", Fixture, NULL,
              fixture_setup, test_diagram_labels_follow, fixture_teardown);
  g_test_add ("/tl/ui/a11y/diagram-keyboard", Fixture, NULL,
              fixture_setup, test_diagram_keyboard, fixture_teardown);
  g_test_add ("/tl/ui/a11y/diagram-focus-follows", Fixture, NULL,
              fixture_setup, test_diagram_focus_follows, fixture_teardown);
  g_test_add ("/tl/ui/a11y/matrix-tree", Fixture, NULL,
              fixture_setup, test_matrix_tree, fixture_teardown);
  g_test_add ("/tl/ui/a11y/matrix-labels-follow", Fixture, NULL,
              fixture_setup, test_matrix_labels_follow, fixture_teardown);
  g_test_add ("/tl/ui/a11y/matrix-keyboard", Fixture, NULL,
              fixture_setup, test_matrix_keyboard, fixture_teardown);
  g_test_add ("/tl/ui/a11y/matrix-edit-in-place", Fixture, NULL,
              fixture_setup, test_matrix_edit_in_place, fixture_teardown);
  g_test_add ("/tl/ui/a11y/shortcuts-window", Fixture, NULL,
              fixture_setup, test_shortcuts_window, fixture_teardown);
  g_test_add ("/tl/ui/a11y/focus-ring", Fixture, NULL,
              fixture_setup, test_focus_ring, fixture_teardown);

  return tl_test_app_run ();
}
