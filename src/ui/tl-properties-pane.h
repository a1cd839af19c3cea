/* tl-properties-pane.h: edits the selected station, loop or matrix cell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tl-session.h"

G_BEGIN_DECLS

#define TL_TYPE_PROPERTIES_PANE (tl_properties_pane_get_type ())
G_DECLARE_FINAL_TYPE (TlPropertiesPane, tl_properties_pane, TL, PROPERTIES_PANE, GtkWidget)

GtkWidget *tl_properties_pane_new         (void);
TlSession *tl_properties_pane_get_session (TlPropertiesPane *self);
void       tl_properties_pane_set_session (TlPropertiesPane *self,
                                           TlSession        *session);

G_END_DECLS
