/* tl-ui-private.h: small helpers shared by the widgets of the ui layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-theme.h"

G_BEGIN_DECLS

/* The painter theme matching the current style (light or dark). */
static inline TlTheme *
_tl_ui_theme_new_for_style (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  return tl_theme_new (adw_style_manager_get_dark (manager) ? "dark" : "light");
}

G_END_DECLS
