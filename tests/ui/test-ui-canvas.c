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
#include "tl-canvas-view.h"
#include "tl-session.h"
#include "tl-window-private.h"

static TlApplication *the_app;

typedef struct {
  TlApplication *app;
  TlWindow      *window;
} Fixture;

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
wait_for (gboolean (*condition) (gpointer), gpointer data)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (data) && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5000);
    }
  g_assert_true (condition (data));
}

static GdkTexture *
render_texture (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* The pixels of @widget as drawn now */
static GBytes *
render_pixels (GtkWidget *widget)
{
  g_autoptr(GdkTexture) texture = render_texture (widget);
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

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkTexture) texture = render_texture (widget);
  g_autofree char *path = g_build_filename (g_getenv ("TL_TEST_BUILDDIR") ? g_getenv ("TL_TEST_BUILDDIR") : ".",
                                            name, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static gboolean
window_mapped (gpointer data)
{
  Fixture *f = data;
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (f->app));

  g_assert_true (active == NULL || TL_IS_WINDOW (active));
  f->window = (TlWindow *)active;
  return f->window != NULL && gtk_widget_get_mapped (GTK_WIDGET (f->window)) &&
         gtk_widget_get_width (GTK_WIDGET (f->window)) > 0;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->app = the_app;
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (f->app)));
  g_application_activate (G_APPLICATION (f->app));
  wait_for (window_mapped, f);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  tl_window_set_view (f->window, "diagram");
  iterate (200);
  gtk_widget_grab_focus (GTK_WIDGET (f->window->diagram_view));
  iterate (50);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (f->app)));

  for (GList *l = windows; l != NULL; l = l->next)
    if (TL_IS_WINDOW (l->data))
      tl_window_force_close (l->data);
    else
      gtk_window_destroy (l->data);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  iterate (100);
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
  iterate (100);
  focused = render_pixels (canvas);
  g_assert_cmpuint (count_differences (unfocused, focused), >, 1000);

  /* A digit with no loop behind it changes nothing. */
  g_assert_false (press_key (canvas, GDK_KEY_9));
  g_assert_cmpstr (tl_session_get_focus_loop (session), ==, "loop3");

  g_assert_true (press_key (canvas, GDK_KEY_Escape));
  g_assert_null (tl_session_get_focus_loop (session));
  iterate (100);
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
  iterate (100);
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
  iterate (800);
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
  iterate (100);
  projector = render_pixels (canvas);
  g_assert_cmpuint (count_differences (system, projector), >, 1000);

  /* An unknown value is refused. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.theme", "s", "sepia"));
  g_clear_pointer (&state, g_variant_unref);
  state = g_action_get_state (action);
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "projector");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.theme", "s", "system"));
  iterate (100);
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
  iterate (300);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  save_screenshot (GTK_WIDGET (overlay), "canvas-shortcuts.png");
  gtk_window_close (overlay);
  iterate (100);
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
  iterate (300);
  gtk_widget_grab_focus (GTK_WIDGET (f->window->diagram_view));
  g_assert_true (press_key (GTK_WIDGET (f->window->diagram_view), GDK_KEY_2));
  g_assert_cmpstr (tl_session_get_focus_loop (session), ==, "loop2");

  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), shots[i].scheme);
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.theme", "s", shots[i].theme);
      iterate (300);
      save_screenshot (GTK_WIDGET (f->window), shots[i].name);
    }

  tl_canvas_view_zoom_in (f->window->diagram_view);
  tl_canvas_view_zoom_in (f->window->diagram_view);
  iterate (200);
  save_screenshot (GTK_WIDGET (f->window), "canvas-zoomed-projector.png");

  /* The theme choice in the primary menu */
  gtk_menu_button_popup (f->window->menu_button);
  iterate (400);
  save_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (f->window->menu_button)),
                   "canvas-primary-menu.png");
  gtk_menu_button_popdown (f->window->menu_button);
  iterate (100);
}

int
main (int   argc,
      char *argv[])
{
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    return 77;
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  the_app = tl_application_new ();
  g_application_set_flags (G_APPLICATION (the_app),
                           g_application_get_flags (G_APPLICATION (the_app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (the_app), NULL, NULL));
  g_application_hold (G_APPLICATION (the_app));

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

  {
    int status = g_test_run ();

    g_application_release (G_APPLICATION (the_app));
    g_clear_object (&the_app);
    return status;
  }
}
