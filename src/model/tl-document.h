/* tl-document.h: a Touchloop document in memory (diagram and matrix)
 *
 * Feedback items are many (up to millions) and are not held here: the
 * storage layer pages them in.  Everything else of a document is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tl-evidence.h"
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

/* Evidence metrics (tl-evidence.h).  Properties "half-life" (double, days,
 * 1..3650, default 90), "strength-moderate" (double, default 3) and
 * "strength-strong" (double, default 10): persisted by the storage layer
 * in the meta table and changed through TlSetPropertyCommand like
 * "score-scale". */
double            tl_document_get_half_life         (TlDocument       *self);
void              tl_document_set_half_life         (TlDocument       *self,
                                                     double            days);
double            tl_document_get_strength_moderate (TlDocument       *self);
void              tl_document_set_strength_moderate (TlDocument       *self,
                                                     double            v);
double            tl_document_get_strength_strong   (TlDocument       *self);
void              tl_document_set_strength_strong   (TlDocument       *self,
                                                     double            v);

/* Aggregates per object: @kind "station", "loop" or "cell"; @id its id
 * ("layer/type" for cells).  Returns a zeroed static TlEvidence (count 0)
 * when nothing is linked — never NULL.  The pointer stays valid until the
 * next tl_document_set_evidence() of that object. */
const TlEvidence *tl_document_get_evidence          (TlDocument       *self,
                                                     const char       *kind,
                                                     const char       *id);
/* Set by the storage layer.  Emits TlDocument::evidence-changed (no args)
 * ONCE per batch: call tl_document_begin_evidence_update() / end around
 * many sets (they nest).  Not an undoable document edit, does not emit
 * ::changed nor mark the document modified.  A count of 0 forgets the
 * object. */
void              tl_document_set_evidence          (TlDocument       *self,
                                                     const char       *kind,
                                                     const char       *id,
                                                     const TlEvidence *e);
void              tl_document_begin_evidence_update (TlDocument       *self);
void              tl_document_end_evidence_update   (TlDocument       *self);
/* Forgets every aggregate (inside a batch, before setting them all anew). */
void              tl_document_clear_evidence        (TlDocument       *self);
/* Largest value of each field among the objects of @kind ("station",
 * "loop" or "cell"), for heat scales: @max->count is the largest count,
 * @max->recent the largest recent, and so on (the fields may come from
 * different objects).  All zero when nothing is linked. */
void              tl_document_get_evidence_max      (TlDocument       *self,
                                                     const char       *kind,
                                                     TlEvidence       *max);

G_END_DECLS
