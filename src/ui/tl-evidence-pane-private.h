/* tl-evidence-pane-private.h: internals of TlEvidencePane for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-chart-painter.h"
#include "tl-evidence-pane.h"
#include "tl-feedback-data.h"

G_BEGIN_DECLS

/* The text a metric shows now: "strength", "count", "rating",
 * "negative", "temperature", "recent", "title"; NULL while the metrics
 * are hidden (nothing selected). */
const char     *_tl_evidence_pane_get_metric    (TlEvidencePane *self,
                                                 const char     *name);
const char     *_tl_evidence_pane_get_help_text (TlEvidencePane *self);
guint           _tl_evidence_pane_get_n_quotes  (TlEvidencePane *self);
TlChartPainter *_tl_evidence_pane_get_chart     (TlEvidencePane *self);
/* Reloads now instead of after the delay. */
void            _tl_evidence_pane_flush         (TlEvidencePane *self);

G_END_DECLS
