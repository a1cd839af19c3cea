/* test-ui-canvas.c: the diagram canvas in a window under Xvfb: loop focus,
 * zoom and pan, themes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "tl-application.h"
#include "ui-test-app.h"
#include "tl-canvas-view-private.h"
#include "tl-session.h"
#include "tl-window-private.h"

typedef struct {
  TlApplication *app;
  TlWindow      *window;
} Fixture;

/* The pixels of @widget as drawn now */
static GBytes *
render_pixels (GtkWidget *widget)
{
  g_autoptr(GdkTexture) texture = tl_test_render_texture (widget);
  gsize stride = gdk_texture_get_width (texture) * 4;
  gsize size = stride * gdk_texture_get_height (texture);
  guchar *data = g_malloc (size);

  gdk_texture_download (texture, data, stride);
  return g_bytes_new_take (data, size);
}

/* How many bytes differ: comparing whole renderings, not a remembered
 * checksum, so the test follows the painter as it changes. */
static gsize
count_differences (GBytes *a,
                   GBytes *b)
{
  gsize size_a, size_b, differences = 0;
  const guchar *da = g_bytes_get_data (a, &size_a);
  const guchar *db = g_bytes_get_data (b, &size_b);

  if (size_a != size_b)
    return G_MAXSIZE;
  for (gsize i = 0; i < size_a; i++)
    differences += da[i] != db[i];
  return differences;
}

/* The window with a popover of it drawn where it shows (popovers are
 * surfaces of their own, which a window's rendering leaves out). */
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
  int top_width = gdk_texture_get_width (top), top_height = gdk_texture_get_height (top);
  double window_x, window_y, popover_x, popover_y;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_t *top_image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, top_width, top_height);
  cairo_t *cr;

  g_assert_true (GDK_IS_POPUP (surface));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &window_x, &window_y);
  gtk_native_get_surface_transform (GTK_NATIVE (popover), &popover_x, &popover_y);

  cairo_surface_flush (image);
  gdk_texture_download (base, cairo_image_surface_get_data (image), cairo_image_surface_get_stride (image));
  cairo_surface_mark_dirty (image);
  cairo_surface_flush (top_image);
  gdk_texture_download (top, cairo_image_surface_get_data (top_image), cairo_image_surface_get_stride (top_image));
  cairo_surface_mark_dirty (top_image);

  cr = cairo_create (image);
  /* Popup positions are relative to the parent surface. */
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

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->app = tl_test_app;
  f->window = tl_test_app_open_window ();
  gtk_widget_grab_focus (GTK_WIDGET (f->window->diagram_view));
  tl_test_iterate (50);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  tl_test_app_close_windows ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  tl_test_iterate (100);
}

/* A key press as the canvas's key controller sees it; GTK 4.8 cannot
 * synthesize input events, so the controller's signal is emitted. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;
  guint n_keys = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          gboolean ret = FALSE;

          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType)0, &ret);
          handled |= ret;
          n_keys++;
        }
    }
  g_assert_cmpuint (n_keys, >, 0);
  return handled;
}

static void
test_digit_focuses_loop (Fixture       *f,
                         gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  GtkWidget *canvas = GTK_WIDGET (f->window->diagram_view);
  GListModel *loops = tl_document_get_loops (tl_session_get_document (session));
  g_autoptr(TlLoop) third = g_list_model_get_item (loops, 2);
  g_autoptr(GBytes) unfocused = NULL;
  g_autoptr(GBytes) focused = NULL;
  g_autoptr(GBytes) cleared = NULL;

  g_assert_nonnull (third);
  g_assert_null (tl_session_get_focus_loop (session));
  unfocused = render_pixels (canvas);

  g_assert_true (press_key (canvas, GDK_KEY_3));
  g_assert_cmpstr (tl_session_get_focus_loop (session), ==, "loop3");
  g_assert_cmpstr (tl_session_get_focus_loop (session), ==, tl_loop_get_id (third));
  /* Focus is view state: the document is untouched. */
  g_assert_false (tl_session_get_modified (session));
  tl_test_iterate (100);
  focused = render_pixels (canvas);
  g_assert_cmpuint (count_differences (unfocused, focused), >, 1000);

  /* A digit with no loop behind it changes nothing. */
  g_assert_false (press_key (canvas, GDK_KEY_9));
  g_assert_cmpstr (tl_session_get_focus_loop (session), ==, "loop3");

  g_assert_true (press_key (canvas, GDK_KEY_Escape));
  g_assert_null (tl_session_get_focus_loop (session));
  tl_test_iterate (100);
  cleared = render_pixels (canvas);
  g_assert_cmpuint (count_differences (unfocused, cleared), ==, 0);

  /* Nothing left to clear: Escape goes on to others. */
  g_assert_false (press_key (canvas, GDK_KEY_Escape));
}

static void
test_loop_selection_focuses (Fixture       *f,
                             gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  TlCanvasView *canvas = f->window->diagram_view;
  TlDocument *document = tl_session_get_document (session);
  g_autoptr(TlLoop) second = g_list_model_get_item (tl_document_get_loops (document), 1);
  double x, y;

  /* The outline selects a loop through the session. */
  tl_session_select (session, "loop", tl_loop_get_id (second));
  g_assert_cmpstr (tl_session_get_focus_loop (session), ==, tl_loop_get_id (second));

  /* Selecting a station keeps the loop in focus. */
  g_assert_true (tl_canvas_view_locate (canvas, "station", "hub", &x, &y));
  tl_canvas_view_select_at (canvas, x, y);
  g_assert_cmpstr (tl_session_get_selected_id (session), ==, "hub");
  g_assert_cmpstr (tl_session_get_focus_loop (session), ==, tl_loop_get_id (second));

  /* Escape on a selected loop clears both, so choosing it again focuses
   * it again. */
  tl_session_select (session, "loop", tl_loop_get_id (second));
  g_assert_true (press_key (GTK_WIDGET (canvas), GDK_KEY_Escape));
  g_assert_null (tl_session_get_focus_loop (session));
  g_assert_null (tl_session_get_selected_kind (session));

  /* A click on a legend entry selects its loop, which focuses it; zoomed
   * in too. */
  g_assert_true (tl_canvas_view_locate (canvas, "loop", "loop4", &x, &y));
  tl_canvas_view_select_at (canvas, x, y);
  g_assert_cmpstr (tl_session_get_selected_kind (session), ==, "loop");
  g_assert_cmpstr (tl_session_get_selected_id (session), ==, "loop4");
  g_assert_cmpstr (tl_session_get_focus_loop (session), ==, "loop4");
  tl_canvas_view_zoom_in (canvas);
  tl_canvas_view_pan (canvas, -40, 25);
  g_assert_true (tl_canvas_view_locate (canvas, "loop", "loop5", &x, &y));
  tl_canvas_view_select_at (canvas, x, y);
  g_assert_cmpstr (tl_session_get_selected_id (session), ==, "loop5");
  g_assert_cmpstr (tl_session_get_focus_loop (session), ==, "loop5");

  /* The focused loop removed, nothing stays focused. */
  tl_session_set_focus_loop (session, tl_loop_get_id (second));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TlCommand) command = tl_remove_loop_command_new (tl_loop_get_id (second));

    g_assert_true (tl_session_run (session, command, &error));
    g_assert_no_error (error);
  }
  g_assert_null (tl_session_get_focus_loop (session));
}

static void
test_zoom_keeps_hit_testing (Fixture       *f,
                             gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  TlCanvasView *canvas = f->window->diagram_view;
  double width = gtk_widget_get_width (GTK_WIDGET (canvas));
  double height = gtk_widget_get_height (GTK_WIDGET (canvas));
  double fit_x, fit_y, x1, y1, x2, y2, x3, y3, zoom1, zoom, cx, cy;
  g_autoptr(GBytes) fitted = NULL;
  g_autoptr(GBytes) zoomed = NULL;

  g_assert_true (tl_canvas_view_get_fit (canvas));
  g_assert_true (tl_canvas_view_locate (canvas, "station", "hub", &fit_x, &fit_y));
  fitted = render_pixels (GTK_WIDGET (canvas));

  /* Ctrl+plus goes through the window's action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-in", NULL));
  g_assert_false (tl_canvas_view_get_fit (canvas));
  zoom1 = tl_canvas_view_get_zoom (canvas);
  g_assert_true (tl_canvas_view_locate (canvas, "station", "hub", &x1, &y1));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (tl_canvas_view_get_zoom (canvas), zoom1 * 1.25, 1e-9);
  g_assert_true (tl_canvas_view_locate (canvas, "station", "hub", &x2, &y2));
  /* Zooming about the centre scales distances from it by the factor. */
  g_assert_cmpfloat_with_epsilon (x2 - width / 2, (x1 - width / 2) * 1.25, 0.01);
  g_assert_cmpfloat_with_epsilon (y2 - height / 2, (y1 - height / 2) * 1.25, 0.01);
  tl_test_iterate (100);
  zoomed = render_pixels (GTK_WIDGET (canvas));
  g_assert_cmpuint (count_differences (fitted, zoomed), >, 1000);

  /* A click where the hub is drawn now selects it; where it was, not. */
  tl_canvas_view_select_at (canvas, x2, y2);
  g_assert_cmpstr (tl_session_get_selected_kind (session), ==, "station");
  g_assert_cmpstr (tl_session_get_selected_id (session), ==, "hub");

  /* Panning moves everything by the same amount, and hit-testing with it. */
  tl_canvas_view_pan (canvas, 30, -20);
  g_assert_true (tl_canvas_view_locate (canvas, "station", "hub", &x3, &y3));
  g_assert_cmpfloat_with_epsilon (x3, x2 + 30, 0.01);
  g_assert_cmpfloat_with_epsilon (y3, y2 - 20, 0.01);
  tl_session_select (session, NULL, NULL);
  tl_canvas_view_select_at (canvas, x3, y3);
  g_assert_cmpstr (tl_session_get_selected_id (session), ==, "hub");

  /* The view state lives in the session. */
  tl_session_get_canvas_zoom (session, "diagram", &zoom, &cx, &cy);
  g_assert_cmpfloat_with_epsilon (zoom, tl_canvas_view_get_zoom (canvas), 1e-9);
  /* ...and a canvas showing the session again shows it as it was. */
  tl_canvas_view_set_session (canvas, NULL);
  g_assert_true (tl_canvas_view_get_fit (canvas));
  tl_canvas_view_set_session (canvas, session);
  g_assert_cmpfloat_with_epsilon (tl_canvas_view_get_zoom (canvas), zoom, 1e-9);
  g_assert_true (tl_canvas_view_locate (canvas, "station", "hub", &x1, &y1));
  g_assert_cmpfloat_with_epsilon (x1, x3, 0.01);
  g_assert_cmpfloat_with_epsilon (y1, y3, 0.01);

  /* 100 % is the natural size. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-actual", NULL));
  g_assert_cmpfloat_with_epsilon (tl_canvas_view_get_zoom (canvas), 1.0, 1e-9);

  /* Fit (Ctrl+0) restores the first view exactly (once the properties
   * pane, shown for the selection, has gone again). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-fit", NULL));
  g_assert_true (tl_canvas_view_get_fit (canvas));
  tl_session_get_canvas_zoom (session, "diagram", &zoom, NULL, NULL);
  g_assert_cmpfloat (zoom, ==, 0);
  tl_session_select (session, NULL, NULL);
  tl_test_iterate (800);
  g_assert_cmpfloat (gtk_widget_get_width (GTK_WIDGET (canvas)), ==, width);
  g_assert_true (tl_canvas_view_locate (canvas, "station", "hub", &x1, &y1));
  g_assert_cmpfloat_with_epsilon (x1, fit_x, 1e-6);
  g_assert_cmpfloat_with_epsilon (y1, fit_y, 1e-6);
  {
    g_autoptr(GBytes) refitted = render_pixels (GTK_WIDGET (canvas));

    g_assert_cmpuint (count_differences (fitted, refitted), ==, 0);
  }

  /* Zoom and pan are per page. */
  tl_canvas_view_zoom_in (canvas);
  tl_session_get_canvas_zoom (session, "matrix", &zoom, NULL, NULL);
  g_assert_cmpfloat (zoom, ==, 0);
}

static void
test_theme_action (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *canvas = GTK_WIDGET (f->window->diagram_view);
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (f->window), "theme");
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GBytes) system = NULL;
  g_autoptr(GBytes) projector = NULL;
  g_autoptr(GBytes) back = NULL;

  g_assert_nonnull (action);
  state = g_action_get_state (action);
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "system");
  g_assert_cmpstr (tl_canvas_view_get_theme_name (f->window->diagram_view), ==, "system");
  system = render_pixels (canvas);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.theme", "s", "projector"));
  g_clear_pointer (&state, g_variant_unref);
  state = g_action_get_state (action);
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "projector");
  g_assert_cmpstr (tl_canvas_view_get_theme_name (f->window->diagram_view), ==, "projector");
  g_assert_cmpstr (tl_canvas_view_get_theme_name (f->window->matrix_view), ==, "projector");
  tl_test_iterate (100);
  projector = render_pixels (canvas);
  g_assert_cmpuint (count_differences (system, projector), >, 1000);

  /* An unknown value is refused. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.theme", "s", "sepia"));
  g_clear_pointer (&state, g_variant_unref);
  state = g_action_get_state (action);
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "projector");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.theme", "s", "system"));
  tl_test_iterate (100);
  back = render_pixels (canvas);
  g_assert_cmpuint (count_differences (system, back), ==, 0);
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

static void
test_shortcuts_window_lists_keys (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) accelerators = g_ptr_array_new_with_free_func (g_free);
  const char *expected[] = { "1...6", "Escape", "<Control>plus", "<Control>minus",
                             "<Control>0", "<Control>1" };
  GtkWindow *overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));

  g_assert_nonnull (overlay);
  collect_accelerators (GTK_WIDGET (overlay), accelerators);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < accelerators->len && !found; j++)
        found = g_str_equal (g_ptr_array_index (accelerators, j), expected[i]);
      if (!found)
        g_error ("the shortcuts window does not list %s", expected[i]);
    }

  /* Shown, the labels parse every accelerator (fatal warnings otherwise). */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL);
  tl_test_iterate (300);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  tl_test_save_screenshot (GTK_WIDGET (overlay), "canvas-shortcuts.png");
  gtk_window_close (overlay);
  tl_test_iterate (100);
}

/* The screenshots the issue asks for: one loop focused, at projector
 * size, in each theme.  Look at them. */
static void
test_focused_screenshots (Fixture       *f,
                          gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  struct {
    AdwColorScheme  scheme;
    const char     *theme;
    const char     *name;
  } shots[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "system", "canvas-focus-light.png" },
    { ADW_COLOR_SCHEME_FORCE_DARK, "system", "canvas-focus-dark.png" },
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "projector", "canvas-focus-projector.png" },
  };

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1920, 1080);
  tl_test_iterate (300);
  gtk_widget_grab_focus (GTK_WIDGET (f->window->diagram_view));
  g_assert_true (press_key (GTK_WIDGET (f->window->diagram_view), GDK_KEY_2));
  g_assert_cmpstr (tl_session_get_focus_loop (session), ==, "loop2");

  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), shots[i].scheme);
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.theme", "s", shots[i].theme);
      tl_test_iterate (300);
      tl_test_save_screenshot (GTK_WIDGET (f->window), shots[i].name);
    }

  tl_canvas_view_zoom_in (f->window->diagram_view);
  tl_canvas_view_zoom_in (f->window->diagram_view);
  tl_test_iterate (200);
  tl_test_save_screenshot (GTK_WIDGET (f->window), "canvas-zoomed-projector.png");

  /* The theme choice in the primary menu */
  gtk_menu_button_popup (f->window->menu_button);
  tl_test_iterate (400);
  tl_test_save_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (f->window->menu_button)),
                   "canvas-primary-menu.png");
  gtk_menu_button_popdown (f->window->menu_button);
  tl_test_iterate (100);
}

/* ---- editing on the canvas -------------------------------------------- */

static TlStation *
station (TlSession  *session,
         const char *id)
{
  TlStation *found = tl_document_lookup_station (tl_session_get_document (session), id);

  g_assert_nonnull (found);
  return found;
}

static void
set_snap (Fixture  *f,
          gboolean  snap)
{
  g_action_group_change_action_state (G_ACTION_GROUP (f->window), "snap-to-grid",
                                      g_variant_new_boolean (snap));
  g_assert_cmpint (tl_canvas_view_get_snap_to_grid (f->window->diagram_view), ==, snap);
}

static gboolean
is_on_grid (double value)
{
  return fabs (value / 20 - round (value / 20)) < 1e-9;
}

static void
test_drag_moves_station (Fixture       *f,
                         gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  TlUndoStack *stack = tl_session_get_undo_stack (session);
  TlCanvasView *canvas = f->window->diagram_view;
  TlStation *pain = station (session, "pain");
  double x0 = tl_station_get_x (pain), y0 = tl_station_get_y (pain);
  double sx, sy, lx, ly, x1, y1, dx1, dy1;
  g_autoptr(GVariant) state = NULL;

  /* Snapping is on at first, and the View menu turns it off. */
  state = g_action_group_get_action_state (G_ACTION_GROUP (f->window), "snap-to-grid");
  g_assert_true (g_variant_get_boolean (state));
  g_assert_true (tl_canvas_view_get_snap_to_grid (canvas));
  set_snap (f, FALSE);
  g_assert_false (tl_undo_stack_get_can_undo (stack));

  /* Selected first: the properties pane it brings resizes the canvas. */
  g_assert_true (tl_canvas_view_locate (canvas, "station", "pain", &sx, &sy));
  _tl_canvas_view_click (canvas, 1, sx, sy, 0);
  g_assert_cmpstr (tl_session_get_selected_id (session), ==, "pain");
  tl_test_iterate (600);
  g_assert_true (tl_canvas_view_locate (canvas, "station", "pain", &sx, &sy));
  _tl_canvas_view_drag_begin (canvas, sx, sy, 0);
  /* Under the threshold, nothing moves. */
  _tl_canvas_view_drag_update (canvas, 1, 1);
  g_assert_cmpfloat (tl_station_get_x (pain), ==, x0);

  _tl_canvas_view_drag_update (canvas, -20, 10);
  g_assert_cmpstr (tl_session_get_selected_id (session), ==, "pain");
  dx1 = tl_station_get_x (pain) - x0;
  dy1 = tl_station_get_y (pain) - y0;
  g_assert_cmpfloat (dx1, <, 0);
  g_assert_cmpfloat (dy1, >, 0);
  /* One scale for both axes */
  g_assert_cmpfloat_with_epsilon (dx1 / -20, dy1 / 10, 1e-6);
  tl_test_iterate (100);
  _tl_canvas_view_drag_update (canvas, -50, 25);
  /* The fit is frozen: the drawing does not rescale under the pointer, so
   * the move stays proportional to the pointer's, though the station has
   * moved and was drawn there. */
  g_assert_cmpfloat_with_epsilon (tl_station_get_x (pain) - x0, dx1 * 2.5, 1e-6);
  g_assert_cmpfloat_with_epsilon (tl_station_get_y (pain) - y0, dy1 * 2.5, 1e-6);
  tl_test_iterate (100);
  g_assert_true (tl_canvas_view_locate (canvas, "station", "pain", &lx, &ly));
  g_assert_cmpfloat_with_epsilon (lx, sx - 50, 10.0);
  g_assert_cmpfloat_with_epsilon (ly, sy + 25, 10.0);
  tl_test_save_screenshot (GTK_WIDGET (f->window), "canvas-drag.png");
  /* Live moves are not undo steps. */
  g_assert_false (tl_undo_stack_get_can_undo (stack));
  _tl_canvas_view_drag_end (canvas);

  x1 = tl_station_get_x (pain);
  y1 = tl_station_get_y (pain);
  g_assert_cmpfloat (x1, <, x0);
  g_assert_cmpfloat (y1, >, y0);
  /* Without snapping the station lands where the pointer left it. */
  g_assert_false (is_on_grid (x1) && is_on_grid (y1));
  g_assert_true (tl_session_get_modified (session));

  /* One drag, one undo step, exactly back. */
  g_assert_true (tl_undo_stack_get_can_undo (stack));
  g_assert_cmpstr (tl_undo_stack_get_undo_label (stack), ==, "Move Station");
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_cmpfloat (tl_station_get_x (pain), ==, x0);
  g_assert_cmpfloat (tl_station_get_y (pain), ==, y0);
  g_assert_false (tl_undo_stack_get_can_undo (stack));
  g_assert_true (tl_undo_stack_redo (stack));
  g_assert_cmpfloat (tl_station_get_x (pain), ==, x1);
  g_assert_cmpfloat (tl_station_get_y (pain), ==, y1);

  /* With snapping the grabbed station lands on the grid. */
  set_snap (f, TRUE);
  tl_test_iterate (100);
  g_assert_true (tl_canvas_view_locate (canvas, "station", "pain", &sx, &sy));
  _tl_canvas_view_drag_begin (canvas, sx, sy, 0);
  _tl_canvas_view_drag_update (canvas, 63, -29);
  _tl_canvas_view_drag_end (canvas);
  g_assert_true (is_on_grid (tl_station_get_x (pain)));
  g_assert_true (is_on_grid (tl_station_get_y (pain)));
  g_assert_cmpfloat (tl_station_get_x (pain), >, x1);
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_cmpfloat (tl_station_get_x (pain), ==, x1);
  g_assert_cmpfloat (tl_station_get_y (pain), ==, y1);
}

static void
test_drag_legend_and_empty (Fixture       *f,
                            gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  TlUndoStack *stack = tl_session_get_undo_stack (session);
  TlCanvasView *canvas = f->window->diagram_view;
  double x, y;

  /* A legend entry is clicked, never dragged. */
  g_assert_true (tl_canvas_view_locate (canvas, "loop", "loop2", &x, &y));
  _tl_canvas_view_drag_begin (canvas, x, y, 0);
  _tl_canvas_view_drag_update (canvas, 80, 60);
  _tl_canvas_view_drag_end (canvas);
  g_assert_false (tl_undo_stack_get_can_undo (stack));
  g_assert_false (tl_session_get_modified (session));
  g_assert_true (tl_canvas_view_get_fit (canvas));

  /* Empty space still pans. */
  _tl_canvas_view_drag_begin (canvas, 3, 3, 0);
  _tl_canvas_view_drag_update (canvas, 40, 30);
  _tl_canvas_view_drag_end (canvas);
  g_assert_false (tl_canvas_view_get_fit (canvas));
  g_assert_false (tl_undo_stack_get_can_undo (stack));
}

static void
test_drag_several_stations (Fixture       *f,
                            gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  TlUndoStack *stack = tl_session_get_undo_stack (session);
  TlCanvasView *canvas = f->window->diagram_view;
  TlStation *hub = station (session, "hub");
  TlStation *pain = station (session, "pain");
  double hx = tl_station_get_x (hub), hy = tl_station_get_y (hub);
  double px = tl_station_get_x (pain), py = tl_station_get_y (pain);
  double x, y;
  g_autoptr(GPtrArray) ids = NULL;

  g_assert_true (tl_canvas_view_locate (canvas, "station", "hub", &x, &y));
  _tl_canvas_view_click (canvas, 1, x, y, 0);
  g_assert_true (tl_canvas_view_locate (canvas, "station", "pain", &x, &y));
  _tl_canvas_view_click (canvas, 1, x, y, GDK_CONTROL_MASK);
  ids = tl_session_dup_selected_stations (session);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_true (tl_session_is_station_selected (session, "hub"));
  g_assert_true (tl_session_is_station_selected (session, "pain"));
  g_assert_cmpstr (tl_session_get_selected_id (session), ==, "pain");
  tl_test_iterate (100);
  tl_test_save_screenshot (GTK_WIDGET (f->window), "canvas-multi-select.png");

  /* The properties pane may have come in meanwhile and the drawing
   * rescaled: grab the station where it is drawn now. */
  g_assert_true (tl_canvas_view_locate (canvas, "station", "pain", &x, &y));
  _tl_canvas_view_drag_begin (canvas, x, y, 0);
  _tl_canvas_view_drag_update (canvas, 50, 40);
  _tl_canvas_view_drag_end (canvas);
  /* Both moved by the same amount, on one undo step */
  g_assert_cmpfloat (tl_station_get_x (hub) - hx, !=, 0);
  g_assert_cmpfloat_with_epsilon (tl_station_get_x (hub) - hx, tl_station_get_x (pain) - px, 1e-9);
  g_assert_cmpfloat_with_epsilon (tl_station_get_y (hub) - hy, tl_station_get_y (pain) - py, 1e-9);
  g_assert_cmpstr (tl_undo_stack_get_undo_label (stack), ==, "Move Stations");
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_false (tl_undo_stack_get_can_undo (stack));
  g_assert_cmpfloat (tl_station_get_x (hub), ==, hx);
  g_assert_cmpfloat (tl_station_get_y (hub), ==, hy);
  g_assert_cmpfloat (tl_station_get_x (pain), ==, px);
  g_assert_cmpfloat (tl_station_get_y (pain), ==, py);

  /* Shift-click takes one away; a plain click selects one alone. */
  _tl_canvas_view_click (canvas, 1, x, y, GDK_SHIFT_MASK);
  g_assert_false (tl_session_is_station_selected (session, "pain"));
  g_assert_cmpstr (tl_session_get_selected_id (session), ==, "hub");
  _tl_canvas_view_click (canvas, 1, x, y, GDK_SHIFT_MASK);
  _tl_canvas_view_click (canvas, 1, x, y, 0);
  g_clear_pointer (&ids, g_ptr_array_unref);
  ids = tl_session_dup_selected_stations (session);
  g_assert_cmpuint (ids->len, ==, 1);
  /* The outline's selection resets it too. */
  _tl_canvas_view_click (canvas, 1, x, y, GDK_CONTROL_MASK);
  tl_session_select (session, "station", "hub");
  g_clear_pointer (&ids, g_ptr_array_unref);
  ids = tl_session_dup_selected_stations (session);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, "hub");
}

static void
test_arrow_keys_move (Fixture       *f,
                      gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  TlUndoStack *stack = tl_session_get_undo_stack (session);
  TlCanvasView *canvas = f->window->diagram_view;
  TlStation *hub = station (session, "hub");
  double x0 = tl_station_get_x (hub), y0 = tl_station_get_y (hub);

  /* Nothing selected: arrows go on to others (focus moves). */
  g_assert_false (_tl_canvas_view_key_pressed (canvas, GDK_KEY_Right, 0));

  tl_session_select (session, "station", "hub");
  g_assert_true (_tl_canvas_view_key_pressed (canvas, GDK_KEY_Right, 0));
  g_assert_cmpfloat (tl_station_get_x (hub), ==, x0 + 20);
  g_assert_true (_tl_canvas_view_key_pressed (canvas, GDK_KEY_Up, GDK_SHIFT_MASK));
  g_assert_cmpfloat (tl_station_get_y (hub), ==, y0 - 100);
  set_snap (f, FALSE);
  g_assert_true (_tl_canvas_view_key_pressed (canvas, GDK_KEY_Down, 0));
  g_assert_cmpfloat (tl_station_get_y (hub), ==, y0 - 95);

  /* One step per key press */
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_cmpfloat (tl_station_get_y (hub), ==, y0 - 100);
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_cmpfloat (tl_station_get_y (hub), ==, y0);
  g_assert_cmpfloat (tl_station_get_x (hub), ==, x0 + 20);
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_cmpfloat (tl_station_get_x (hub), ==, x0);
  g_assert_false (tl_undo_stack_get_can_undo (stack));
}

static void
test_delete_station (Fixture       *f,
                     gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  TlDocument *document = tl_session_get_document (session);
  TlUndoStack *stack = tl_session_get_undo_stack (session);
  TlCanvasView *canvas = f->window->diagram_view;
  GListModel *loops = tl_document_get_loops (document);
  guint n_loops = g_list_model_get_n_items (loops);
  guint n_stations = g_list_model_get_n_items (tl_document_get_stations (document));
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  guint through = 0;

  for (guint i = 0; i < n_loops; i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);

      g_ptr_array_add (before, g_strjoinv (",", (char **)tl_loop_get_stations (loop)));
      through += tl_loop_contains (loop, "pain");
    }
  g_assert_cmpuint (through, >, 0);

  /* Nothing selected: Delete does nothing. */
  g_assert_false (_tl_canvas_view_key_pressed (canvas, GDK_KEY_Delete, 0));

  tl_session_select (session, "station", "pain");
  g_assert_true (_tl_canvas_view_key_pressed (canvas, GDK_KEY_Delete, 0));
  g_assert_null (tl_document_lookup_station (document, "pain"));
  g_assert_cmpuint (g_list_model_get_n_items (tl_document_get_stations (document)), ==, n_stations - 1);
  g_assert_null (tl_session_get_selected_id (session));
  /* The loops through it are repaired. */
  for (guint i = 0; i < g_list_model_get_n_items (loops); i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);

      g_assert_false (tl_loop_contains (loop, "pain"));
    }

  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_nonnull (tl_document_lookup_station (document, "pain"));
  g_assert_cmpuint (g_list_model_get_n_items (loops), ==, n_loops);
  for (guint i = 0; i < n_loops; i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);
      g_autofree char *after = g_strjoinv (",", (char **)tl_loop_get_stations (loop));

      g_assert_cmpstr (after, ==, g_ptr_array_index (before, i));
    }

  /* A selected loop is deleted as a whole, one step. */
  tl_session_select (session, "loop", "loop2");
  g_assert_true (_tl_canvas_view_key_pressed (canvas, GDK_KEY_Delete, 0));
  g_assert_null (tl_document_lookup_loop (document, "loop2"));
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_nonnull (tl_document_lookup_loop (document, "loop2"));
  g_assert_false (tl_undo_stack_get_can_undo (stack));
}

static void
test_rename_in_place (Fixture       *f,
                      gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  TlUndoStack *stack = tl_session_get_undo_stack (session);
  TlCanvasView *canvas = f->window->diagram_view;
  TlStation *hub = station (session, "hub");
  g_autofree char *old_label = g_strdup (tl_station_get_label (hub));
  GtkWidget *entry;
  double x, y;

  /* F2 with nothing selected does nothing. */
  g_assert_false (_tl_canvas_view_key_pressed (canvas, GDK_KEY_F2, 0));
  g_assert_null (_tl_canvas_view_get_rename_entry (canvas));

  tl_session_select (session, "station", "hub");
  g_assert_true (_tl_canvas_view_key_pressed (canvas, GDK_KEY_F2, 0));
  entry = _tl_canvas_view_get_rename_entry (canvas);
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, old_label);

  /* Escape (the popover closing) commits nothing. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Discarded");
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER)));
  tl_test_iterate (100);
  g_assert_null (_tl_canvas_view_get_rename_entry (canvas));
  g_assert_cmpstr (tl_station_get_label (hub), ==, old_label);
  g_assert_false (tl_undo_stack_get_can_undo (stack));

  /* A double-click opens it too. */
  g_assert_true (tl_canvas_view_locate (canvas, "station", "hub", &x, &y));
  _tl_canvas_view_click (canvas, 1, x, y, 0);
  _tl_canvas_view_click (canvas, 2, x, y, 0);
  entry = _tl_canvas_view_get_rename_entry (canvas);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "客户数据平台 CDP");
  tl_test_iterate (200);
  save_screenshot_with_popover (GTK_WIDGET (f->window),
                                gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER),
                                "canvas-rename.png");
  g_signal_emit_by_name (entry, "activate");
  tl_test_iterate (100);
  g_assert_null (_tl_canvas_view_get_rename_entry (canvas));
  g_assert_cmpstr (tl_station_get_label (hub), ==, "客户数据平台 CDP");

  g_assert_cmpstr (tl_undo_stack_get_undo_label (stack), ==, "Rename Station");
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_cmpstr (tl_station_get_label (hub), ==, old_label);
  g_assert_false (tl_undo_stack_get_can_undo (stack));
}

/* ---- editing the diagram's structure ---------------------------------- */

static guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

static gboolean
rename_shown (gpointer canvas)
{
  return _tl_canvas_view_get_rename_entry (canvas) != NULL;
}

static void
test_add_station (Fixture       *f,
                  gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  TlDocument *document = tl_session_get_document (session);
  TlUndoStack *stack = tl_session_get_undo_stack (session);
  TlCanvasView *canvas = f->window->diagram_view;
  guint n = n_items (tl_document_get_stations (document));
  g_autofree char *id = NULL;
  TlStation *added;
  GtkWidget *entry;
  double x, y;

  /* The toolbar's action: in the middle of the view, selected, named in
   * place at once */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-station", NULL));
  g_assert_cmpuint (n_items (tl_document_get_stations (document)), ==, n + 1);
  g_assert_cmpstr (tl_session_get_selected_kind (session), ==, "station");
  id = g_strdup (tl_session_get_selected_id (session));
  added = tl_document_lookup_station (document, id);
  g_assert_nonnull (added);
  g_assert_cmpstr (tl_station_get_kind (added), ==, "custom");
  g_assert_cmpstr (tl_station_get_label (added), ==, "New Station");
  g_assert_true (is_on_grid (tl_station_get_x (added)) && is_on_grid (tl_station_get_y (added)));
  /* near the middle, but not on the hub that is there */
  g_assert_true (tl_canvas_view_locate (canvas, "station", id, &x, &y));
  g_assert_cmpfloat (fabs (x - gtk_widget_get_width (GTK_WIDGET (canvas)) / 2.0), <, 150);
  g_assert_cmpfloat (fabs (y - gtk_widget_get_height (GTK_WIDGET (canvas)) / 2.0), <, 150);
  {
    double hx, hy;

    g_assert_true (tl_canvas_view_locate (canvas, "station", "hub", &hx, &hy));
    g_assert_cmpfloat (hypot (x - hx, y - hy), >, 60);
  }
  g_assert_cmpstr (tl_undo_stack_get_undo_label (stack), ==, "Add Station");

  g_assert_true (tl_test_wait_for (rename_shown, canvas));
  entry = _tl_canvas_view_get_rename_entry (canvas);
  gtk_editable_set_text (GTK_EDITABLE (entry), "快闪店 Pop-up store");
  tl_test_iterate (300);
  /* it keeps the focus */
  g_assert_nonnull (_tl_canvas_view_get_rename_entry (canvas));
  g_assert_true (gtk_widget_is_focus (gtk_root_get_focus (gtk_widget_get_root (entry))) &&
                 gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (entry)), entry));
  save_screenshot_with_popover (GTK_WIDGET (f->window), gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER),
                                "canvas-add-station.png");
  g_signal_emit_by_name (entry, "activate");
  tl_test_iterate (100);
  g_assert_cmpstr (tl_station_get_label (added), ==, "快闪店 Pop-up store");

  /* Insert adds another, with an id of its own */
  g_assert_true (_tl_canvas_view_key_pressed (canvas, GDK_KEY_Insert, 0));
  g_assert_cmpuint (n_items (tl_document_get_stations (document)), ==, n + 2);
  g_assert_cmpstr (tl_session_get_selected_id (session), !=, id);
  g_assert_true (tl_test_wait_for (rename_shown, canvas));
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (_tl_canvas_view_get_rename_entry (canvas),
                                                              GTK_TYPE_POPOVER)));
  tl_test_iterate (100);

  /* Each addition is one step; the rename another */
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_cmpuint (n_items (tl_document_get_stations (document)), ==, n + 1);
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_cmpstr (tl_station_get_label (added), ==, "New Station");
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_cmpuint (n_items (tl_document_get_stations (document)), ==, n);
  g_assert_null (tl_document_lookup_station (document, id));
  g_assert_false (tl_undo_stack_get_can_undo (stack));
}

static const char *
loop_id_at (TlDocument *document,
            guint       position)
{
  g_autoptr(TlLoop) loop = g_list_model_get_item (tl_document_get_loops (document), position);

  return loop ? tl_loop_get_id (loop) : NULL;
}

/* A loop made with the keyboard only: Alt+arrows go from station to
 * station, Enter chooses, Enter on the first closes it. */
static void
test_new_loop_by_keyboard (Fixture       *f,
                           gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  TlDocument *document = tl_session_get_document (session);
  TlUndoStack *stack = tl_session_get_undo_stack (session);
  TlCanvasView *canvas = f->window->diagram_view;
  GPtrArray *draft = _tl_canvas_view_get_loop_draft (canvas);
  guint n_loops = n_items (tl_document_get_loops (document));
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GBytes) before = render_pixels (GTK_WIDGET (canvas));
  g_autoptr(GBytes) drafting = NULL;
  TlLoop *made;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-loop", NULL));
  g_assert_true (tl_canvas_view_get_creating_loop (canvas));
  state = g_action_group_get_action_state (G_ACTION_GROUP (f->window), "new-loop");
  g_assert_true (g_variant_get_boolean (state));

  tl_session_select (session, "station", "order");
  g_assert_true (_tl_canvas_view_key_pressed (canvas, GDK_KEY_Return, 0));
  g_assert_cmpuint (draft->len, ==, 1);
  /* right of the online order is cloud production, right of that cloud
   * logistics */
  g_assert_true (_tl_canvas_view_key_pressed (canvas, GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_cmpstr (tl_session_get_selected_id (session), ==, "production");
  g_assert_true (_tl_canvas_view_key_pressed (canvas, GDK_KEY_space, 0));
  /* plain arrows too, in this mode */
  g_assert_true (_tl_canvas_view_key_pressed (canvas, GDK_KEY_Right, 0));
  g_assert_cmpstr (tl_session_get_selected_id (session), ==, "logistics");
  g_assert_true (_tl_canvas_view_key_pressed (canvas, GDK_KEY_KP_Enter, 0));
  g_assert_cmpuint (draft->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (draft, 2), ==, "logistics");

  /* Backspace takes the last back; choosing it again puts it back */
  g_assert_true (_tl_canvas_view_key_pressed (canvas, GDK_KEY_BackSpace, 0));
  g_assert_cmpuint (draft->len, ==, 2);
  g_assert_true (_tl_canvas_view_key_pressed (canvas, GDK_KEY_Return, 0));
  g_assert_cmpuint (draft->len, ==, 3);
  /* a station already chosen (not the first) is refused */
  tl_session_select (session, "station", "production");
  g_assert_true (_tl_canvas_view_key_pressed (canvas, GDK_KEY_Return, 0));
  g_assert_cmpuint (draft->len, ==, 3);

  /* Nothing made yet; the partial path is drawn over the diagram */
  g_assert_cmpuint (n_items (tl_document_get_loops (document)), ==, n_loops);
  g_assert_false (tl_undo_stack_get_can_undo (stack));
  tl_test_iterate (200);
  drafting = render_pixels (GTK_WIDGET (canvas));
  g_assert_cmpuint (count_differences (before, drafting), >, 1000);
  tl_test_save_screenshot (GTK_WIDGET (f->window), "canvas-new-loop.png");

  /* Enter on the first station closes it */
  tl_session_select (session, "station", "order");
  g_assert_true (_tl_canvas_view_key_pressed (canvas, GDK_KEY_Return, 0));
  g_assert_false (tl_canvas_view_get_creating_loop (canvas));
  g_clear_pointer (&state, g_variant_unref);
  state = g_action_group_get_action_state (G_ACTION_GROUP (f->window), "new-loop");
  g_assert_false (g_variant_get_boolean (state));
  g_assert_cmpuint (n_items (tl_document_get_loops (document)), ==, n_loops + 1);
  made = tl_document_lookup_loop (document, loop_id_at (document, n_loops));
  g_assert_nonnull (made);
  g_assert_cmpstr (tl_loop_get_name (made), ==, "Loop 7");
  g_assert_cmpstr (tl_loop_get_color (made), ==, tl_loop_palette (NULL)[6]);
  g_assert_cmpstrv (tl_loop_get_stations (made), ((const char *[]) { "order", "production", "logistics", NULL }));
  g_assert_cmpstr (tl_session_get_selected_kind (session), ==, "loop");
  g_assert_cmpstr (tl_session_get_selected_id (session), ==, tl_loop_get_id (made));
  tl_test_iterate (300);
  tl_test_save_screenshot (GTK_WIDGET (f->window), "canvas-new-loop-made.png");

  /* One step, undone */
  g_assert_cmpstr (tl_undo_stack_get_undo_label (stack), ==, "Add Loop");
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_cmpuint (n_items (tl_document_get_loops (document)), ==, n_loops);
  g_assert_false (tl_undo_stack_get_can_undo (stack));

  /* Fewer than two stations: nothing is made */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-loop", NULL));
  tl_session_select (session, "station", "wom");
  g_assert_true (_tl_canvas_view_key_pressed (canvas, GDK_KEY_Return, 0));
  g_assert_true (_tl_canvas_view_key_pressed (canvas, GDK_KEY_Return, 0));
  g_assert_false (tl_canvas_view_get_creating_loop (canvas));
  g_assert_cmpuint (n_items (tl_document_get_loops (document)), ==, n_loops);
  g_assert_false (tl_undo_stack_get_can_undo (stack));

  /* Escape cancels, with stations chosen */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-loop", NULL));
  tl_session_select (session, "station", "wom");
  g_assert_true (_tl_canvas_view_key_pressed (canvas, GDK_KEY_Return, 0));
  tl_session_select (session, "station", "culture");
  g_assert_true (_tl_canvas_view_key_pressed (canvas, GDK_KEY_Return, 0));
  g_assert_cmpuint (draft->len, ==, 2);
  g_assert_true (press_key (GTK_WIDGET (canvas), GDK_KEY_Escape));
  g_assert_false (tl_canvas_view_get_creating_loop (canvas));
  g_assert_cmpuint (draft->len, ==, 0);
  g_assert_cmpuint (n_items (tl_document_get_loops (document)), ==, n_loops);

  /* Clicks work the same way; toggling the mode off makes the loop */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-loop", NULL));
  {
    double x, y;

    g_assert_true (tl_canvas_view_locate (canvas, "station", "culture", &x, &y));
    _tl_canvas_view_click (canvas, 1, x, y, 0);
    g_assert_true (tl_canvas_view_locate (canvas, "station", "pain", &x, &y));
    _tl_canvas_view_click (canvas, 1, x, y, 0);
  }
  g_assert_cmpuint (draft->len, ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-loop", NULL));
  g_assert_false (tl_canvas_view_get_creating_loop (canvas));
  g_assert_cmpuint (n_items (tl_document_get_loops (document)), ==, n_loops + 1);
  g_assert_true (tl_undo_stack_undo (stack));
}

static void
test_rubber_band (Fixture       *f,
                  gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  TlUndoStack *stack = tl_session_get_undo_stack (session);
  TlCanvasView *canvas = f->window->diagram_view;
  double ox, oy, lx, ly, hx, hy, px, py, mid;
  g_autoptr(GPtrArray) ids = NULL;
  TlStation *order = station (session, "order");
  TlStation *logistics = station (session, "logistics");
  TlStation *hub = station (session, "hub");
  double order_x = tl_station_get_x (order), logistics_x = tl_station_get_x (logistics);
  double hub_x = tl_station_get_x (hub);

  g_assert_true (tl_canvas_view_locate (canvas, "station", "order", &ox, &oy));
  g_assert_true (tl_canvas_view_locate (canvas, "station", "logistics", &lx, &ly));
  g_assert_true (tl_canvas_view_locate (canvas, "station", "hub", &hx, &hy));
  g_assert_true (tl_canvas_view_locate (canvas, "station", "production", &px, &py));
  /* between the top row of stations and the hub */
  mid = (MAX (oy, ly) + hy) / 2;

  /* A plain drag from the corner pans; with Shift it draws a band over
   * the top row, which it selects. */
  _tl_canvas_view_drag_begin (canvas, 4, 4, GDK_SHIFT_MASK);
  _tl_canvas_view_drag_update (canvas, lx + 10 - 4, mid - 4);
  g_assert_true (tl_canvas_view_get_fit (canvas));
  tl_test_iterate (100);
  tl_test_save_screenshot (GTK_WIDGET (f->window), "canvas-rubber-band.png");
  /* nothing changes until the band is let go */
  g_assert_null (tl_session_get_selected_kind (session));
  _tl_canvas_view_drag_end (canvas);

  ids = tl_session_dup_selected_stations (session);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_true (tl_session_is_station_selected (session, "order"));
  g_assert_true (tl_session_is_station_selected (session, "production"));
  g_assert_true (tl_session_is_station_selected (session, "logistics"));
  g_assert_false (tl_session_is_station_selected (session, "hub"));
  g_assert_false (tl_undo_stack_get_can_undo (stack));
  g_assert_true (tl_canvas_view_get_fit (canvas));

  /* Shift adds: a band round the hub alone */
  _tl_canvas_view_drag_begin (canvas, hx - 150, mid + 5, GDK_SHIFT_MASK);
  _tl_canvas_view_drag_update (canvas, 300, hy - mid);
  _tl_canvas_view_drag_end (canvas);
  g_clear_pointer (&ids, g_ptr_array_unref);
  ids = tl_session_dup_selected_stations (session);
  g_assert_cmpuint (ids->len, ==, 4);
  g_assert_cmpstr (tl_session_get_selected_id (session), ==, "hub");

  /* The four move together, as one step */
  _tl_canvas_view_drag_begin (canvas, px, py, 0);
  _tl_canvas_view_drag_update (canvas, 60, 0);
  _tl_canvas_view_drag_end (canvas);
  g_assert_cmpfloat (tl_station_get_x (order) - order_x, >, 0);
  g_assert_cmpfloat_with_epsilon (tl_station_get_x (order) - order_x, tl_station_get_x (hub) - hub_x, 1e-9);
  g_assert_cmpfloat_with_epsilon (tl_station_get_x (logistics) - logistics_x, tl_station_get_x (hub) - hub_x, 1e-9);
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_false (tl_undo_stack_get_can_undo (stack));
  g_assert_cmpfloat (tl_station_get_x (order), ==, order_x);

  /* Ctrl toggles: the top row goes, the hub stays */
  _tl_canvas_view_drag_begin (canvas, 4, 4, GDK_CONTROL_MASK);
  _tl_canvas_view_drag_update (canvas, lx + 10 - 4, mid - 4);
  _tl_canvas_view_drag_end (canvas);
  g_clear_pointer (&ids, g_ptr_array_unref);
  ids = tl_session_dup_selected_stations (session);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, "hub");
}

static void
find_toggles (GtkWidget  *widget,
              const char *id,
              GPtrArray  *found)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (g_object_get_data (G_OBJECT (widget), "tl-id"), id) == 0)
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_toggles (child, id, found);
}

static void
test_hide_loop (Fixture       *f,
                gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  TlCanvasView *canvas = f->window->diagram_view;
  g_autoptr(GBytes) shown = NULL;
  g_autoptr(GBytes) hidden = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
  double x, y;

  tl_test_iterate (200);
  shown = render_pixels (GTK_WIDGET (canvas));
  g_assert_true (tl_session_get_loop_visible (session, "loop2"));

  /* The eye in the legend */
  g_assert_true (tl_canvas_view_locate (canvas, "loop-visibility", "loop2", &x, &y));
  _tl_canvas_view_click (canvas, 1, x, y, 0);
  g_assert_false (tl_session_get_loop_visible (session, "loop2"));
  g_assert_cmpstrv (tl_session_get_hidden_loops (session), ((const char *[]) { "loop2", NULL }));
  /* view state: no undo step, no change to the document */
  g_assert_false (tl_session_get_modified (session));
  g_assert_false (tl_undo_stack_get_can_undo (tl_session_get_undo_stack (session)));
  /* the click did not select the loop either */
  g_assert_null (tl_session_get_selected_kind (session));
  tl_test_iterate (200);
  hidden = render_pixels (GTK_WIDGET (canvas));
  g_assert_cmpuint (count_differences (shown, hidden), >, 1000);
  tl_test_save_screenshot (GTK_WIDGET (f->window), "canvas-loop-hidden.png");

  /* The outline's eye follows, and shows it again */
  find_toggles (GTK_WIDGET (f->window->outline), "loop2", toggles);
  g_assert_cmpuint (toggles->len, ==, 1);
  gtk_test_accessible_assert_state (g_ptr_array_index (toggles, 0), GTK_ACCESSIBLE_STATE_PRESSED,
                                    GTK_ACCESSIBLE_TRISTATE_FALSE);
  g_assert_cmpstr (gtk_button_get_icon_name (g_ptr_array_index (toggles, 0)), ==, "view-conceal-symbolic");
  g_signal_emit_by_name (g_ptr_array_index (toggles, 0), "clicked");
  g_assert_true (tl_session_get_loop_visible (session, "loop2"));
  gtk_test_accessible_assert_state (g_ptr_array_index (toggles, 0), GTK_ACCESSIBLE_STATE_PRESSED,
                                    GTK_ACCESSIBLE_TRISTATE_TRUE);
  tl_test_iterate (200);
  again = render_pixels (GTK_WIDGET (canvas));
  g_assert_cmpuint (count_differences (shown, again), ==, 0);
}

static GtkWidget *
find_outline_row (GtkWidget  *widget,
                  const char *id)
{
  if (GTK_IS_LIST_BOX_ROW (widget) && g_strcmp0 (g_object_get_data (G_OBJECT (widget), "tl-id"), id) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_outline_row (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A key press with modifiers, as the widget's key controllers see it */
static gboolean
press_key_with (GtkWidget       *widget,
                guint            keyval,
                GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          gboolean ret = FALSE;

          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &ret);
          handled |= ret;
        }
    }
  return handled;
}

static void
test_reorder_loops (Fixture       *f,
                    gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  TlDocument *document = tl_session_get_document (session);
  TlUndoStack *stack = tl_session_get_undo_stack (session);
  GtkWidget *outline = GTK_WIDGET (f->window->outline);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) undone = NULL;

  tl_session_select (session, "loop", "loop3");
  tl_test_iterate (600);
  before = render_pixels (GTK_WIDGET (f->window->diagram_view));

  g_assert_true (gtk_widget_activate_action (outline, "outline.move-loop-up", "s", "loop3"));
  g_assert_cmpstr (loop_id_at (document, 1), ==, "loop3");
  g_assert_cmpstr (loop_id_at (document, 2), ==, "loop2");
  /* still the one selected and focused */
  g_assert_cmpstr (tl_session_get_selected_id (session), ==, "loop3");
  g_assert_cmpstr (tl_session_get_focus_loop (session), ==, "loop3");
  tl_test_iterate (300);
  after = render_pixels (GTK_WIDGET (f->window->diagram_view));
  g_assert_cmpuint (count_differences (before, after), >, 100);
  tl_test_save_screenshot (GTK_WIDGET (f->window), "canvas-loop-reordered.png");

  /* The first cannot go up */
  g_assert_true (gtk_widget_activate_action (outline, "outline.move-loop-up", "s", "loop1"));
  g_assert_cmpstr (loop_id_at (document, 0), ==, "loop1");

  g_assert_cmpstr (tl_undo_stack_get_undo_label (stack), ==, "Reorder Loops");
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_false (tl_undo_stack_get_can_undo (stack));
  g_assert_cmpstr (loop_id_at (document, 2), ==, "loop3");
  g_assert_cmpstr (tl_session_get_selected_id (session), ==, "loop3");
  tl_test_iterate (300);
  undone = render_pixels (GTK_WIDGET (f->window->diagram_view));
  g_assert_cmpuint (count_differences (before, undone), ==, 0);

  /* Down twice from the menu's action */
  g_assert_true (gtk_widget_activate_action (outline, "outline.move-loop-down", "s", "loop3"));
  g_assert_true (gtk_widget_activate_action (outline, "outline.move-loop-down", "s", "loop3"));
  g_assert_cmpstr (loop_id_at (document, 4), ==, "loop3");
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_cmpstr (loop_id_at (document, 2), ==, "loop3");

  /* Alt+Up on the loop's row in the outline, which keeps the focus */
  {
    GtkWidget *row = find_outline_row (outline, "loop3");
    GtkWidget *list = gtk_widget_get_ancestor (row, GTK_TYPE_LIST_BOX);
    GtkWidget *focus;

    g_assert_true (gtk_widget_grab_focus (row));
    g_assert_true (press_key_with (list, GDK_KEY_Up, GDK_ALT_MASK));
    g_assert_cmpstr (loop_id_at (document, 1), ==, "loop3");
    tl_test_iterate (200);
    focus = gtk_root_get_focus (gtk_widget_get_root (outline));
    g_assert_nonnull (focus);
    g_assert_cmpstr (g_object_get_data (G_OBJECT (gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW)), "tl-id"),
                     ==, "loop3");
    g_assert_true (tl_undo_stack_undo (stack));
    g_assert_cmpstr (loop_id_at (document, 2), ==, "loop3");
  }
}

static void
test_recolor_loops (Fixture       *f,
                    gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  TlDocument *document = tl_session_get_document (session);
  TlUndoStack *stack = tl_session_get_undo_stack (session);
  TlLoop *loop2 = tl_document_lookup_loop (document, "loop2");
  TlLoop *loop5 = tl_document_lookup_loop (document, "loop5");
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "#123456");
  g_assert_true (tl_session_set (session, loop2, "color", &value, FALSE, &error));
  g_value_set_string (&value, "#654321");
  g_assert_true (tl_session_set (session, loop5, "color", &value, FALSE, &error));

  /* The properties of a loop offer the palette */
  tl_session_select (session, "loop", "loop2");
  tl_test_iterate (600);
  tl_test_save_screenshot (GTK_WIDGET (f->window), "canvas-loop-properties.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.recolor-loops", NULL));
  g_assert_cmpstr (tl_loop_get_color (loop2), ==, "#e69f00");
  g_assert_cmpstr (tl_loop_get_color (loop5), ==, "#d55e00");
  g_assert_cmpstr (tl_undo_stack_get_undo_label (stack), ==, "Use Colour-Blind Safe Colours");
  /* one step for all */
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_cmpstr (tl_loop_get_color (loop2), ==, "#123456");
  g_assert_cmpstr (tl_loop_get_color (loop5), ==, "#654321");
}

/* Dragging a station that is not selected yet selects it, which brings
 * the properties pane and a narrower canvas: the drawing must not
 * rescale under the pointer until the drop. */
static void
test_drag_keeps_scale (Fixture       *f,
                       gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  TlCanvasView *canvas = f->window->diagram_view;
  int width = gtk_widget_get_width (GTK_WIDGET (canvas));
  double sx, sy, hx, hy, x, y;

  g_assert_null (tl_session_get_selected_kind (session));
  g_assert_true (tl_canvas_view_locate (canvas, "station", "pain", &sx, &sy));
  g_assert_true (tl_canvas_view_locate (canvas, "station", "hub", &hx, &hy));

  _tl_canvas_view_drag_begin (canvas, sx, sy, 0);
  _tl_canvas_view_drag_update (canvas, -20, 10);
  g_assert_cmpstr (tl_session_get_selected_id (session), ==, "pain");
  tl_test_iterate (800);
  /* the pane came in */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (canvas)), <, width - 50);

  /* the hub stays where it was drawn; the station follows the pointer */
  g_assert_true (tl_canvas_view_locate (canvas, "station", "hub", &x, &y));
  g_assert_cmpfloat_with_epsilon (x, hx, 1e-6);
  g_assert_cmpfloat_with_epsilon (y, hy, 1e-6);
  _tl_canvas_view_drag_update (canvas, -60, 30);
  tl_test_iterate (100);
  g_assert_true (tl_canvas_view_locate (canvas, "station", "pain", &x, &y));
  g_assert_cmpfloat_with_epsilon (x, sx - 60, 12.0);
  g_assert_cmpfloat_with_epsilon (y, sy + 30, 12.0);
  tl_test_save_screenshot (GTK_WIDGET (f->window), "canvas-drag-pane-opens.png");
  _tl_canvas_view_drag_end (canvas);

  /* After the drop the drawing fits the narrower canvas. */
  tl_test_iterate (100);
  g_assert_true (tl_canvas_view_locate (canvas, "station", "hub", &x, &y));
  g_assert_cmpfloat (fabs (x - hx), >, 5);
}

static gboolean
problems_bar_revealed (gpointer window)
{
  return gtk_info_bar_get_revealed (((TlWindow *) window)->problems_bar);
}

static gboolean
problems_bar_hidden (gpointer window)
{
  return !problems_bar_revealed (window);
}

/* A loop that cannot be drawn as it is: marked in the legend and the
 * outline, and the window says what is wrong. */
static void
test_loop_problems_shown (Fixture       *f,
                          gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  TlDocument *document = tl_session_get_document (session);
  g_autoptr(TlLoop) broken = tl_loop_new ("loop9", "Ghost loop", "#000000",
                                          (const char *[]) { "order", "ghost", NULL });

  g_assert_false (gtk_info_bar_get_revealed (f->window->problems_bar));
  /* as a damaged file would hold it: not through a command */
  tl_document_insert_loop (document, broken, -1);
  g_assert_true (tl_test_wait_for (problems_bar_revealed, f->window));
  g_assert_nonnull (strstr (gtk_label_get_text (f->window->problems_label), "“Ghost loop”"));
  g_assert_nonnull (strstr (gtk_label_get_text (f->window->problems_label), "“ghost”"));
  tl_test_save_screenshot (GTK_WIDGET (f->window), "canvas-loop-problems.png");

  /* Show Loop selects it, where its properties say the same */
  gtk_info_bar_response (f->window->problems_bar, GTK_RESPONSE_ACCEPT);
  g_assert_cmpstr (tl_session_get_selected_id (session), ==, "loop9");
  tl_test_iterate (600);
  tl_test_save_screenshot (GTK_WIDGET (f->window), "canvas-loop-problems-selected.png");

  tl_document_remove_loop (document, broken);
  g_assert_true (tl_test_wait_for (problems_bar_hidden, f->window));
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  tl_session_save_finish (TL_SESSION (object), result, error);
  g_object_set_data (object, "tl-test-done", GINT_TO_POINTER (TRUE));
}

static gboolean
save_done (gpointer session)
{
  return g_object_get_data (session, "tl-test-done") != NULL;
}

static gboolean
window_for_file (gpointer data)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (tl_test_app));

  return TL_IS_WINDOW (active) && gtk_widget_get_mapped (GTK_WIDGET (active)) &&
         tl_window_get_session (TL_WINDOW (active)) != data;
}

/* Zoom, position, theme and hidden loops come back when the document is
 * opened again; they are kept outside the document. */
static void
test_view_state_restored (Fixture       *f,
                          gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  g_autofree char *dir = g_dir_make_tmp ("tl-view-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "views.touchloop", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *state_path = tl_session_dup_view_state_path ();
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) theme = NULL;
  TlWindow *window;
  double zoom, cx, cy, zoom2, cx2, cy2;

  tl_session_save_async (session, file, TRUE, NULL, save_done_cb, &error);
  g_assert_true (tl_test_wait_for (save_done, session));
  g_assert_no_error (error);

  tl_canvas_view_zoom_in (f->window->diagram_view);
  tl_canvas_view_pan (f->window->diagram_view, 40, -30);
  tl_session_get_canvas_zoom (session, "diagram", &zoom, &cx, &cy);
  g_assert_cmpfloat (zoom, >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.theme", "s", "projector"));
  tl_session_set_loop_visible (session, "loop4", FALSE);
  /* none of it is a change to the document */
  g_assert_false (tl_session_get_modified (session));

  tl_test_app_close_windows ();
  g_assert_true (g_file_get_contents (state_path, &contents, NULL, NULL));
  /* keyed by a hash: the key file does not list the user's files */
  g_assert_null (strstr (contents, "views.touchloop"));

  tl_application_open_file (TL_APPLICATION (tl_test_app), file, "diagram");
  g_assert_true (tl_test_wait_for (window_for_file, NULL));
  window = TL_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (tl_test_app)));
  f->window = window;
  session = tl_window_get_session (window);
  g_assert_true (g_file_equal (tl_session_get_file (session), file));

  tl_session_get_canvas_zoom (session, "diagram", &zoom2, &cx2, &cy2);
  g_assert_cmpfloat_with_epsilon (zoom2, zoom, 1e-9);
  g_assert_cmpfloat_with_epsilon (cx2, cx, 1e-6);
  g_assert_cmpfloat_with_epsilon (cy2, cy, 1e-6);
  g_assert_cmpfloat_with_epsilon (tl_canvas_view_get_zoom (window->diagram_view), zoom, 1e-9);
  g_assert_cmpstr (tl_session_get_theme_name (session), ==, "projector");
  g_assert_cmpstr (tl_canvas_view_get_theme_name (window->diagram_view), ==, "projector");
  theme = g_action_group_get_action_state (G_ACTION_GROUP (window), "theme");
  g_assert_cmpstr (g_variant_get_string (theme, NULL), ==, "projector");
  g_assert_false (tl_session_get_loop_visible (session, "loop4"));
  tl_test_iterate (300);
  tl_test_save_screenshot (GTK_WIDGET (window), "canvas-view-restored.png");

  /* A damaged key file is no harm: the document opens fitted, and the
   * file is written afresh when it closes. */
  tl_test_app_close_windows ();
  g_assert_true (g_file_set_contents (state_path, "[broken\nzoom=%%", -1, NULL));
  tl_application_open_file (TL_APPLICATION (tl_test_app), file, "diagram");
  g_assert_true (tl_test_wait_for (window_for_file, NULL));
  window = TL_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (tl_test_app)));
  f->window = window;
  g_assert_true (tl_canvas_view_get_fit (window->diagram_view));
  g_assert_cmpstr (tl_session_get_theme_name (tl_window_get_session (window)), ==, "system");
  tl_session_set_loop_visible (tl_window_get_session (window), "loop1", FALSE);
  tl_test_app_close_windows ();
  {
    g_autoptr(GKeyFile) keyfile = g_key_file_new ();
    g_auto(GStrv) groups = NULL;

    g_assert_true (g_key_file_load_from_file (keyfile, state_path, G_KEY_FILE_NONE, &error));
    g_assert_no_error (error);
    groups = g_key_file_get_groups (keyfile, NULL);
    g_assert_cmpuint (g_strv_length (groups), ==, 1);
  }

  g_unlink (path);
  g_rmdir (dir);
}

/* Hit-testing for a drop does not touch the selection; the drop target's
 * ring and the evidence badges show and go. */
static void
test_drop_highlight_and_evidence (Fixture       *f,
                                  gconstpointer  data)
{
  TlSession *session = tl_window_get_session (f->window);
  TlDocument *document = tl_session_get_document (session);
  TlCanvasView *canvas = f->window->diagram_view;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) ringed = NULL;
  g_autoptr(GBytes) cleared = NULL;
  g_autoptr(GBytes) with_evidence = NULL;
  g_autoptr(GBytes) evidence_off = NULL;
  g_autoptr(GVariant) state = NULL;
  char *kind = NULL, *id = NULL;
  const char *ring_kind, *ring_id;
  TlEvidence e = { 0 };
  double x, y;

  tl_session_select (session, NULL, NULL);
  tl_test_iterate (20);
  plain = render_pixels (GTK_WIDGET (canvas));

  g_assert_true (tl_canvas_view_locate (canvas, "station", "hub", &x, &y));
  g_assert_true (tl_canvas_view_hit_test (canvas, x, y, &kind, &id));
  g_assert_cmpstr (kind, ==, "station");
  g_assert_cmpstr (id, ==, "hub");
  g_clear_pointer (&kind, g_free);
  g_clear_pointer (&id, g_free);
  g_assert_null (tl_session_get_selected_kind (session));

  g_assert_true (tl_canvas_view_locate (canvas, "loop", "loop4", &x, &y));
  g_assert_true (tl_canvas_view_hit_test (canvas, x, y, &kind, &id));
  g_assert_cmpstr (kind, ==, "loop");
  g_assert_cmpstr (id, ==, "loop4");
  g_clear_pointer (&kind, g_free);
  g_clear_pointer (&id, g_free);

  g_assert_false (tl_canvas_view_hit_test (canvas, 1, 1, &kind, &id));
  g_assert_null (kind);
  g_assert_null (id);
  g_assert_null (tl_session_get_selected_kind (session));

  /* the ring */
  g_assert_false (_tl_canvas_view_get_drop_highlight (canvas, &ring_kind, &ring_id));
  tl_canvas_view_set_drop_highlight (canvas, "station", "hub");
  g_assert_true (_tl_canvas_view_get_drop_highlight (canvas, &ring_kind, &ring_id));
  g_assert_cmpstr (ring_kind, ==, "station");
  g_assert_cmpstr (ring_id, ==, "hub");
  ringed = render_pixels (GTK_WIDGET (canvas));
  g_assert_cmpuint (count_differences (plain, ringed), >, 200);
  tl_canvas_view_set_drop_highlight (canvas, NULL, NULL);
  g_assert_false (_tl_canvas_view_get_drop_highlight (canvas, &ring_kind, &ring_id));
  cleared = render_pixels (GTK_WIDGET (canvas));
  g_assert_cmpuint (count_differences (plain, cleared), ==, 0);

  /* evidence: counts by default, off through the window's action */
  state = g_action_group_get_action_state (G_ACTION_GROUP (f->window), "diagram-evidence");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "count");
  g_assert_cmpint (tl_canvas_view_get_evidence_mode (canvas), ==, TL_DIAGRAM_EVIDENCE_COUNT);
  e.count = 7;
  e.recent = 7;
  e.temperature = 9;
  tl_document_set_evidence (document, "station", "hub", &e);
  with_evidence = render_pixels (GTK_WIDGET (canvas));
  g_assert_cmpuint (count_differences (plain, with_evidence), >, 100);

  g_action_group_change_action_state (G_ACTION_GROUP (f->window), "diagram-evidence",
                                      g_variant_new_string ("none"));
  g_assert_cmpint (tl_canvas_view_get_evidence_mode (canvas), ==, TL_DIAGRAM_EVIDENCE_NONE);
  evidence_off = render_pixels (GTK_WIDGET (canvas));
  g_assert_cmpuint (count_differences (plain, evidence_off), ==, 0);
  g_action_group_change_action_state (G_ACTION_GROUP (f->window), "diagram-evidence",
                                      g_variant_new_string ("temperature"));
  g_assert_cmpint (tl_canvas_view_get_evidence_mode (canvas), ==, TL_DIAGRAM_EVIDENCE_TEMPERATURE);
  tl_document_set_evidence (document, "station", "hub", &(TlEvidence) { 0 });
}

int
main (int   argc,
      char *argv[])
{
  if (!tl_test_app_init (&argc, &argv))
    return 77;

  g_test_add ("/tl/ui/canvas/drop-highlight-and-evidence", Fixture, NULL,
              fixture_setup, test_drop_highlight_and_evidence, fixture_teardown);
  g_test_add ("/tl/ui/canvas/digit-focuses-loop", Fixture, NULL,
              fixture_setup, test_digit_focuses_loop, fixture_teardown);
  g_test_add ("/tl/ui/canvas/loop-selection-focuses", Fixture, NULL,
              fixture_setup, test_loop_selection_focuses, fixture_teardown);
  g_test_add ("/tl/ui/canvas/zoom-keeps-hit-testing", Fixture, NULL,
              fixture_setup, test_zoom_keeps_hit_testing, fixture_teardown);
  g_test_add ("/tl/ui/canvas/theme-action", Fixture, NULL,
              fixture_setup, test_theme_action, fixture_teardown);
  g_test_add ("/tl/ui/canvas/shortcuts-window-lists-keys", Fixture, NULL,
              fixture_setup, test_shortcuts_window_lists_keys, fixture_teardown);
  g_test_add ("/tl/ui/canvas/focused-screenshots", Fixture, NULL,
              fixture_setup, test_focused_screenshots, fixture_teardown);
  g_test_add ("/tl/ui/canvas/drag-moves-station", Fixture, NULL,
              fixture_setup, test_drag_moves_station, fixture_teardown);
  g_test_add ("/tl/ui/canvas/drag-legend-and-empty", Fixture, NULL,
              fixture_setup, test_drag_legend_and_empty, fixture_teardown);
  g_test_add ("/tl/ui/canvas/drag-several-stations", Fixture, NULL,
              fixture_setup, test_drag_several_stations, fixture_teardown);
  g_test_add ("/tl/ui/canvas/arrow-keys-move", Fixture, NULL,
              fixture_setup, test_arrow_keys_move, fixture_teardown);
  g_test_add ("/tl/ui/canvas/delete-station", Fixture, NULL,
              fixture_setup, test_delete_station, fixture_teardown);
  g_test_add ("/tl/ui/canvas/rename-in-place", Fixture, NULL,
              fixture_setup, test_rename_in_place, fixture_teardown);
  g_test_add ("/tl/ui/canvas/add-station", Fixture, NULL,
              fixture_setup, test_add_station, fixture_teardown);
  g_test_add ("/tl/ui/canvas/new-loop-by-keyboard", Fixture, NULL,
              fixture_setup, test_new_loop_by_keyboard, fixture_teardown);
  g_test_add ("/tl/ui/canvas/rubber-band", Fixture, NULL,
              fixture_setup, test_rubber_band, fixture_teardown);
  g_test_add ("/tl/ui/canvas/hide-loop", Fixture, NULL,
              fixture_setup, test_hide_loop, fixture_teardown);
  g_test_add ("/tl/ui/canvas/reorder-loops", Fixture, NULL,
              fixture_setup, test_reorder_loops, fixture_teardown);
  g_test_add ("/tl/ui/canvas/recolor-loops", Fixture, NULL,
              fixture_setup, test_recolor_loops, fixture_teardown);
  g_test_add ("/tl/ui/canvas/drag-keeps-scale", Fixture, NULL,
              fixture_setup, test_drag_keeps_scale, fixture_teardown);
  g_test_add ("/tl/ui/canvas/loop-problems-shown", Fixture, NULL,
              fixture_setup, test_loop_problems_shown, fixture_teardown);
  g_test_add ("/tl/ui/canvas/view-state-restored", Fixture, NULL,
              fixture_setup, test_view_state_restored, fixture_teardown);

  return tl_test_app_run ();
}
