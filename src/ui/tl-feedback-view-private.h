/* tl-feedback-view-private.h: internals of TlFeedbackView for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-feedback-view.h"

G_BEGIN_DECLS

/* The text a cell of the table shows as its tooltip now, or NULL. */
char *_tl_feedback_view_dup_cell_tooltip (GtkWidget *cell);

G_END_DECLS
