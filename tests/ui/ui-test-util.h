/* ui-test-util.h: what the UI tests share — running the main loop for a
 * while or until something holds, and in-process screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Runs the main loop for @ms milliseconds. */
static inline void
tl_test_iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Runs the main loop until @condition holds or ten seconds pass; returns
 * whether it holds.  Never blocks: a condition that waits on nothing the
 * loop dispatches must not hang the test. */
static inline gboolean
tl_test_wait_for (gboolean (*condition) (gpointer),
                  gpointer   data)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (data) && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5000);
    }
  return condition (data);
}

/* @widget as drawn now: snapshot → render node → texture. */
static inline GdkTexture *
tl_test_render_texture (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer;

  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  /* A widget that has not been drawn yet (a dialog just shown, on a busy
   * machine) has nothing to snapshot: let the frame clock draw it. */
  for (;;)
    {
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node || g_get_monotonic_time () > end)
        break;
      snapshot = gtk_snapshot_new ();
      gtk_widget_queue_draw (widget);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5000);
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* Where a test writes its screenshots: the build tree */
static inline char *
tl_test_screenshot_path (const char *name)
{
  const char *dir = g_getenv ("TL_TEST_BUILDDIR");

  return g_build_filename (dir ? dir : ".", name, NULL);
}

static inline void
tl_test_save_screenshot (GtkWidget  *widget,
                         const char *name)
{
  g_autoptr(GdkTexture) texture = tl_test_render_texture (widget);
  g_autofree char *path = tl_test_screenshot_path (name);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

G_END_DECLS
