/* ui-test-app.h: one application for a whole UI test program, and
 * document windows opened and closed around each test
 *
 * A second GApplication cannot register on the same bus path in one
 * process, so the application lives for the whole run and each test gets a
 * fresh window from it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-application.h"
#include "tl-window-private.h"
#include "ui-test-util.h"

G_BEGIN_DECLS

static TlApplication *tl_test_app;

/* FALSE without a display: the caller exits 77 (skipped), since
 * gtk_test_init() would abort instead. */
static inline gboolean
tl_test_app_init (int    *argc,
                  char ***argv)
{
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    return FALSE;
  g_test_init (argc, argv, NULL);
  adw_init ();

  tl_test_app = tl_application_new ();
  g_application_set_flags (G_APPLICATION (tl_test_app),
                           g_application_get_flags (G_APPLICATION (tl_test_app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (tl_test_app), NULL, NULL));
  /* Windows come and go between tests; the application stays. */
  g_application_hold (G_APPLICATION (tl_test_app));
  return TRUE;
}

static inline int
tl_test_app_run (void)
{
  int status = g_test_run ();

  g_application_release (G_APPLICATION (tl_test_app));
  g_clear_object (&tl_test_app);
  return status;
}

static inline gboolean
_tl_test_window_mapped (gpointer data)
{
  TlWindow **window = data;
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (tl_test_app));

  /* A dialog instead of a document window is a failure to open. */
  g_assert_true (active == NULL || TL_IS_WINDOW (active));
  *window = (TlWindow *)active;
  return active != NULL && gtk_widget_get_mapped (GTK_WIDGET (active)) &&
         gtk_widget_get_width (GTK_WIDGET (active)) > 0;
}

/* A new untitled document in a 1280×800 window, on the Diagram page. */
static inline TlWindow *
tl_test_app_open_window (void)
{
  TlWindow *window = NULL;

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (tl_test_app)));
  g_application_activate (G_APPLICATION (tl_test_app));
  g_assert_true (tl_test_wait_for (_tl_test_window_mapped, &window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  tl_window_set_view (window, "diagram");
  tl_test_iterate (200);
  return window;
}

/* Closes every window without asking about unsaved changes. */
static inline void
tl_test_app_close_windows (void)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (tl_test_app)));

  for (GList *l = windows; l != NULL; l = l->next)
    if (TL_IS_WINDOW (l->data))
      tl_window_force_close (l->data);
    else
      gtk_window_destroy (l->data);
  tl_test_iterate (100);
}

G_END_DECLS
