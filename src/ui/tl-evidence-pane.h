/* tl-evidence-pane.h: what the customer feedback says about the selected
 * station, loop or matrix cell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tl-session.h"

G_BEGIN_DECLS

#define TL_TYPE_EVIDENCE_PANE (tl_evidence_pane_get_type ())
G_DECLARE_FINAL_TYPE (TlEvidencePane, tl_evidence_pane, TL, EVIDENCE_PANE, GtkWidget)

/* Follows the session's selection: the evidence metrics of the selected
 * object (tl_document_get_evidence()), how they are defined (a help
 * popover), the newest linked quotes with their images, and "who said
 * it": a chart of the feedback by customer stage and by source, of the
 * selection or of all feedback when nothing is selected.
 *
 * ::show-feedback (kind, id) asks the window to show the Feedback page
 * filtered to what is linked to @kind/@id. */
GtkWidget *tl_evidence_pane_new         (void);
TlSession *tl_evidence_pane_get_session (TlEvidencePane *self);
void       tl_evidence_pane_set_session (TlEvidencePane *self,
                                         TlSession      *session);
/* Reads the quotes and the chart again (after feedback was imported,
 * added or deleted; links and evidence changes are followed by
 * themselves). */
void       tl_evidence_pane_reload      (TlEvidencePane *self);

G_END_DECLS
