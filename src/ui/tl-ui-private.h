/* tl-ui-private.h: small helpers shared by the widgets of the ui layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-session.h"
#include "tl-theme.h"

G_BEGIN_DECLS

/* The painter theme matching the current style (light or dark). */
static inline TlTheme *
_tl_ui_theme_new_for_style (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  return tl_theme_new (adw_style_manager_get_dark (manager) ? "dark" : "light");
}

/* Says @error where the user looks: a toast in the toast overlay around
 * @widget (logged when there is none). */
void     _tl_ui_report_error (GtkWidget    *widget,
                              const GError *error);

/* Sets @property of @target through @session as one undoable edit.  A
 * refused edit is shown as a toast in the toast overlay around @widget
 * (logged when there is none) and FALSE returned: put the field back to
 * what the document holds then. */
gboolean _tl_ui_edit        (TlSession    *session,
                             gpointer      target,
                             const char   *property,
                             const GValue *value,
                             gboolean      mergeable,
                             GtkWidget    *widget);
gboolean _tl_ui_edit_string (TlSession    *session,
                             gpointer      target,
                             const char   *property,
                             const char   *text,
                             gboolean      mergeable,
                             GtkWidget    *widget);

G_END_DECLS
