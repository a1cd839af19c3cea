/* tl-outline.h: the sidebar listing stations, loops and matrix cells
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tl-session.h"

G_BEGIN_DECLS

#define TL_TYPE_OUTLINE (tl_outline_get_type ())
G_DECLARE_FINAL_TYPE (TlOutline, tl_outline, TL, OUTLINE, GtkWidget)

GtkWidget *tl_outline_new         (void);
TlSession *tl_outline_get_session (TlOutline *self);
void       tl_outline_set_session (TlOutline *self,
                                   TlSession *session);

G_END_DECLS
