/* tl-import-dialog.h: importing feedback from a CSV/TSV file or pasted
 * spreadsheet cells: options, a preview with the column mapping, progress
 * with Cancel, and the report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-import.h"
#include "tl-session.h"

G_BEGIN_DECLS

#define TL_TYPE_IMPORT_DIALOG (tl_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TlImportDialog, tl_import_dialog, TL, IMPORT_DIALOG, AdwWindow)

/* Previews @import (a file or pasted text, named @source_name) for the
 * session's document and imports it into the session's store when the
 * user says so.  The window stays responsive while it runs; Cancel adds
 * nothing.
 *
 * ::running (gboolean) is emitted when an import starts (TRUE) and ends
 * (FALSE): meanwhile the store is in the import's transaction and must
 * not be read on its own connection (TlFeedbackView:busy).
 * ::finished (TlImportReport *) when the import is over, whatever the
 * outcome. */
TlImportDialog *tl_import_dialog_new (GtkWindow  *parent,
                                      TlSession  *session,
                                      TlImport   *import,
                                      const char *source_name);

G_END_DECLS
