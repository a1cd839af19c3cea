/* tl-matrix-header.h: a row (touchpoint layer) or column (experience type)
 * of the experience matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-model-types.h"

G_BEGIN_DECLS

#define TL_TYPE_MATRIX_HEADER (tl_matrix_header_get_type ())
G_DECLARE_FINAL_TYPE (TlMatrixHeader, tl_matrix_header, TL, MATRIX_HEADER, GObject)

TlMatrixHeader *tl_matrix_header_new             (TlMatrixAxis    axis,
                                                  const char     *id,
                                                  const char     *label,
                                                  gboolean        key);
TlMatrixAxis    tl_matrix_header_get_axis        (TlMatrixHeader *self);
const char     *tl_matrix_header_get_id          (TlMatrixHeader *self);
const char     *tl_matrix_header_get_label       (TlMatrixHeader *self);
void            tl_matrix_header_set_label       (TlMatrixHeader *self,
                                                  const char     *label);
const char     *tl_matrix_header_get_description (TlMatrixHeader *self);
void            tl_matrix_header_set_description (TlMatrixHeader *self,
                                                  const char     *description);
gboolean        tl_matrix_header_get_key         (TlMatrixHeader *self);
void            tl_matrix_header_set_key         (TlMatrixHeader *self,
                                                  gboolean        key);

G_END_DECLS
