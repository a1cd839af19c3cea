/* tl-station.h: a station (node) of the loop diagram
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-model-types.h"

G_BEGIN_DECLS

#define TL_TYPE_STATION (tl_station_get_type ())
G_DECLARE_FINAL_TYPE (TlStation, tl_station, TL, STATION, GObject)

/* Kinds ("side" in DOMAIN.md): "hub", "online", "offline", "micro-data", "custom". */
TlStation  *tl_station_new             (const char *id,
                                        const char *kind,
                                        const char *label,
                                        double      x,
                                        double      y);
const char *tl_station_get_id          (TlStation  *self);
const char *tl_station_get_kind        (TlStation  *self);
void        tl_station_set_kind        (TlStation  *self,
                                        const char *kind);
const char *tl_station_get_label       (TlStation  *self);
void        tl_station_set_label       (TlStation  *self,
                                        const char *label);
const char *tl_station_get_description (TlStation  *self);
void        tl_station_set_description (TlStation  *self,
                                        const char *description);
const char *tl_station_get_owner       (TlStation  *self);
void        tl_station_set_owner       (TlStation  *self,
                                        const char *owner);
double      tl_station_get_x           (TlStation  *self);
void        tl_station_set_x           (TlStation  *self,
                                        double      x);
double      tl_station_get_y           (TlStation  *self);
void        tl_station_set_y           (TlStation  *self,
                                        double      y);

G_END_DECLS
