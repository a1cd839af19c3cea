/* tl-loop.h: a closed loop, an ordered cycle of stations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-model-types.h"

G_BEGIN_DECLS

#define TL_TYPE_LOOP (tl_loop_get_type ())
G_DECLARE_FINAL_TYPE (TlLoop, tl_loop, TL, LOOP, GObject)

TlLoop             *tl_loop_new             (const char         *id,
                                             const char         *name,
                                             const char         *color,
                                             const char * const *stations);
const char         *tl_loop_get_id          (TlLoop             *self);
const char         *tl_loop_get_name        (TlLoop             *self);
void                tl_loop_set_name        (TlLoop             *self,
                                             const char         *name);
/* "#rrggbb", lower case */
const char         *tl_loop_get_color       (TlLoop             *self);
void                tl_loop_set_color       (TlLoop             *self,
                                             const char         *color);
const char         *tl_loop_get_description (TlLoop             *self);
void                tl_loop_set_description (TlLoop             *self,
                                             const char         *description);
/* Station ids in cycle order; the start is not repeated at the end. */
const char * const *tl_loop_get_stations    (TlLoop             *self);
guint               tl_loop_get_n_stations  (TlLoop             *self);
void                tl_loop_set_stations    (TlLoop             *self,
                                             const char * const *stations);
gboolean            tl_loop_contains        (TlLoop             *self,
                                             const char         *station_id);

/* TRUE when @color is "#rrggbb" (case-insensitive). */
gboolean            tl_color_is_valid       (const char         *color);

G_END_DECLS
