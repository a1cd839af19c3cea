/* tl-ui-util.c: small helpers shared by the widgets of the ui layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-ui-private.h"

void
_tl_ui_report_error (GtkWidget    *widget,
                     const GError *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
  else
    g_message ("%s", error->message);
}

gboolean
_tl_ui_edit (TlSession    *session,
             gpointer      target,
             const char   *property,
             const GValue *value,
             gboolean      mergeable,
             GtkWidget    *widget)
{
  g_autoptr(GError) error = NULL;

  if (tl_session_set (session, target, property, value, mergeable, &error))
    return TRUE;
  _tl_ui_report_error (widget, error);
  return FALSE;
}

gboolean
_tl_ui_edit_string (TlSession  *session,
                    gpointer    target,
                    const char *property,
                    const char *text,
                    gboolean    mergeable,
                    GtkWidget  *widget)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  return _tl_ui_edit (session, target, property, &value, mergeable, widget);
}
