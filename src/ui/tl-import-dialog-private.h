/* tl-import-dialog-private.h: internals of TlImportDialog for tests
 *
 * The tests drive the dialog's widgets through these, as a user would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-import-dialog.h"

G_BEGIN_DECLS

/* "loading", "mapping", "progress", "report", "error" */
const char      *_tl_import_dialog_get_page            (TlImportDialog *self);
TlImportPreview *_tl_import_dialog_get_preview         (TlImportDialog *self);
guint            _tl_import_dialog_get_n_field_choosers (TlImportDialog *self);
/* Chooses @field in the chooser above @column, as the user would */
void             _tl_import_dialog_set_field           (TlImportDialog *self,
                                                        guint           column,
                                                        TlImportField   field);
TlImportField    _tl_import_dialog_get_field           (TlImportDialog *self,
                                                        guint           column);
/* "encoding", "delimiter", "header", "scale": the @position'th choice
 * (0 is Automatic) */
void             _tl_import_dialog_set_option          (TlImportDialog *self,
                                                        const char     *option,
                                                        guint           position);
gboolean         _tl_import_dialog_get_can_import      (TlImportDialog *self);
/* Clicks "import", "cancel", "good-rows" or "done" */
void             _tl_import_dialog_click               (TlImportDialog *self,
                                                        const char     *button);
/* "good-rows", "save-report", "import", "done", "cancel" */
gboolean         _tl_import_dialog_get_button_visible  (TlImportDialog *self,
                                                        const char     *button);
const char      *_tl_import_dialog_get_report_title    (TlImportDialog *self);
guint            _tl_import_dialog_get_n_problem_rows  (TlImportDialog *self);
gboolean         _tl_import_dialog_get_running         (TlImportDialog *self);

G_END_DECLS
