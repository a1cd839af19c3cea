/* tl-document.h: a Touchloop document in memory (diagram and matrix)
 *
 * Feedback items are many (up to millions) and are not held here: the
 * storage layer pages them in.  Everything else of a document is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tl-model-types.h"

G_BEGIN_DECLS

#define TL_TYPE_DOCUMENT (tl_document_get_type ())
G_DECLARE_FINAL_TYPE (TlDocument, tl_document, TL, DOCUMENT, GObject)

#define TL_DEFAULT_SCORE_SCALE 5

TlDocument     *tl_document_new               (const char     *language);

const char     *tl_document_get_title         (TlDocument     *self);
void            tl_document_set_title         (TlDocument     *self,
                                               const char     *title);
/* "zh_CN", "zh_TW" or "en": the language of the document's own labels */
const char     *tl_document_get_language      (TlDocument     *self);
void            tl_document_set_language      (TlDocument     *self,
                                               const char     *language);
/* 5, 7 or 10 */
guint           tl_document_get_score_scale   (TlDocument     *self);
void            tl_document_set_score_scale   (TlDocument     *self,
                                               guint           scale);

/* List models of TlStation, TlLoop, TlMatrixHeader (layers, types) and
 * TlCell (layer-major, in header order).  Owned by the document. */
GListModel     *tl_document_get_stations      (TlDocument     *self);
GListModel     *tl_document_get_loops         (TlDocument     *self);
GListModel     *tl_document_get_layers        (TlDocument     *self);
GListModel     *tl_document_get_types         (TlDocument     *self);
GListModel     *tl_document_get_cells         (TlDocument     *self);

TlStation      *tl_document_lookup_station    (TlDocument     *self,
                                               const char     *id);
TlLoop         *tl_document_lookup_loop       (TlDocument     *self,
                                               const char     *id);
TlMatrixHeader *tl_document_lookup_layer      (TlDocument     *self,
                                               const char     *id);
TlMatrixHeader *tl_document_lookup_type       (TlDocument     *self,
                                               const char     *id);
TlCell         *tl_document_lookup_cell       (TlDocument     *self,
                                               const char     *layer,
                                               const char     *type);

/* Structural changes.  These are the primitives commands and loaders use;
 * the UI never calls them directly, it pushes commands.  @position -1
 * appends.  Each emits ::changed. */
void            tl_document_insert_station    (TlDocument     *self,
                                               TlStation      *station,
                                               int             position);
/* Returns the position the station had, or -1. */
int             tl_document_remove_station    (TlDocument     *self,
                                               TlStation      *station);
void            tl_document_insert_loop       (TlDocument     *self,
                                               TlLoop         *loop,
                                               int             position);
int             tl_document_remove_loop       (TlDocument     *self,
                                               TlLoop         *loop);
void            tl_document_append_header     (TlDocument     *self,
                                               TlMatrixHeader *header);
/* Adds a cell for a layer and type that exist; replaces none. */
void            tl_document_add_cell          (TlDocument     *self,
                                               TlCell         *cell);
/* Creates the missing cells of the layer × type grid; returns how many. */
guint           tl_document_complete_cells    (TlDocument     *self);

/* Checks every reference: loop stations exist and a loop has at least two,
 * cells name existing layers and types, scores fit the scale.  Returns a
 * list of translated, human-readable problems (empty when sound). */
GPtrArray      *tl_document_check             (TlDocument     *self);

/* "station", "loop", "layer", "type", "cell" or "document" */
const char     *tl_document_object_kind       (GObject        *object);
/* The id of a station, loop, header or cell ("layer/type"). */
const char     *tl_document_object_id         (GObject        *object);

G_END_DECLS
