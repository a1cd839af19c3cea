/* tl-model-types.h: shared typedefs and enums of the model layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _TlCell          TlCell;
typedef struct _TlCommand       TlCommand;
typedef struct _TlDocument      TlDocument;
typedef struct _TlFeedbackItem  TlFeedbackItem;
typedef struct _TlLoop          TlLoop;
typedef struct _TlMatrixHeader  TlMatrixHeader;
typedef struct _TlStation       TlStation;
typedef struct _TlUndoStack     TlUndoStack;

/* The score scale: scores are 1..scale, 0 means "not scored". */
#define TL_SCORE_UNSET 0

typedef enum {
  TL_MATRIX_AXIS_LAYER,
  TL_MATRIX_AXIS_TYPE,
} TlMatrixAxis;

/* What happened to an object of a document; see TlDocument::changed. */
typedef enum {
  TL_CHANGE_ADDED,
  TL_CHANGE_REMOVED,
  TL_CHANGE_MODIFIED,
} TlChangeKind;

#define TL_MODEL_ERROR (tl_model_error_quark ())

typedef enum {
  TL_MODEL_ERROR_INVALID,      /* a value the model cannot hold */
  TL_MODEL_ERROR_NOT_FOUND,    /* a reference to an object that does not exist */
  TL_MODEL_ERROR_EXISTS,       /* an id already taken */
} TlModelError;

GQuark tl_model_error_quark (void);

G_END_DECLS
