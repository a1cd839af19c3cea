/* tl-cell.h: one cell of the experience matrix (layer × experience type)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-model-types.h"

G_BEGIN_DECLS

#define TL_TYPE_CELL (tl_cell_get_type ())
G_DECLARE_FINAL_TYPE (TlCell, tl_cell, TL, CELL, GObject)

TlCell     *tl_cell_new             (const char *layer,
                                     const char *type);
const char *tl_cell_get_layer       (TlCell     *self);
const char *tl_cell_get_type_id     (TlCell     *self);
/* "layer/type", the id a feedback link or the outline uses */
const char *tl_cell_get_id          (TlCell     *self);
const char *tl_cell_get_description (TlCell     *self);
void        tl_cell_set_description (TlCell     *self,
                                     const char *description);
/* 0 (TL_SCORE_UNSET) or 1..scale of the document */
guint       tl_cell_get_current     (TlCell     *self);
void        tl_cell_set_current     (TlCell     *self,
                                     guint       score);
guint       tl_cell_get_target      (TlCell     *self);
void        tl_cell_set_target      (TlCell     *self,
                                     guint       score);
gboolean    tl_cell_get_key         (TlCell     *self);
void        tl_cell_set_key         (TlCell     *self,
                                     gboolean    key);
/* "perception", "transaction", "communication" or a custom team name */
const char *tl_cell_get_owner       (TlCell     *self);
void        tl_cell_set_owner       (TlCell     *self,
                                     const char *owner);
const char *tl_cell_get_notes       (TlCell     *self);
void        tl_cell_set_notes       (TlCell     *self,
                                     const char *notes);

/* Splits "layer/type"; FALSE when @id is not of that form. */
gboolean    tl_cell_id_parse        (const char *id,
                                     char      **layer,
                                     char      **type);

G_END_DECLS
