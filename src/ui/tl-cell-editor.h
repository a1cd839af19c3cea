/* tl-cell-editor.h: the fields of one experience-matrix cell, edited in
 * place (the matrix canvas shows it in a popover over the cell)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tl-session.h"

G_BEGIN_DECLS

#define TL_TYPE_CELL_EDITOR (tl_cell_editor_get_type ())
G_DECLARE_FINAL_TYPE (TlCellEditor, tl_cell_editor, TL, CELL_EDITOR, GtkWidget)

/* Every change of a field is one command on @session's undo stack;
 * typing into the description or a custom team merges into one step.
 * The fields follow the document (undo, the side pane) while shown. */
GtkWidget  *tl_cell_editor_new         (void);
TlSession  *tl_cell_editor_get_session (TlCellEditor *self);
/* @cell_id is "layer/type"; NULL or an unknown cell shows nothing. */
void        tl_cell_editor_set_cell    (TlCellEditor *self,
                                        TlSession    *session,
                                        const char   *cell_id);
const char *tl_cell_editor_get_cell_id (TlCellEditor *self);
/* Puts the keyboard in the first field (the description). */
void        tl_cell_editor_focus_first (TlCellEditor *self);

/* For tests: "description" (GtkTextView), "current", "target"
 * (GtkSpinButton), "key" (GtkSwitch), "owner" (GtkDropDown),
 * "custom-owner" (GtkEntry); NULL for anything else. */
GtkWidget  *_tl_cell_editor_get_field  (TlCellEditor *self,
                                        const char   *name);

G_END_DECLS
