/* tl-window.h: a document window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-session.h"

G_BEGIN_DECLS

#define TL_TYPE_WINDOW (tl_window_get_type ())
G_DECLARE_FINAL_TYPE (TlWindow, tl_window, TL, WINDOW, AdwApplicationWindow)

TlWindow   *tl_window_new          (GtkApplication *application,
                                    TlSession      *session);
TlSession  *tl_window_get_session  (TlWindow       *self);
/* "diagram", "matrix" or "feedback" */
void        tl_window_set_view     (TlWindow       *self,
                                    const char     *view);
const char *tl_window_get_view     (TlWindow       *self);
void        tl_window_show_toast   (TlWindow       *self,
                                    const char     *message);
/* Closes without asking, dropping unsaved changes (after the user said so). */
void        tl_window_force_close  (TlWindow       *self);

G_END_DECLS
