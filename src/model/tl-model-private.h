/* tl-model-private.h: helpers shared inside the model layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Replaces *field by a copy of @value; TRUE when it really changed (a
 * setter notifies only then).  GLib 2.76's g_set_str is not available. */
static inline gboolean
_tl_set_str (char       **field,
             const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

G_END_DECLS
