/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* tl_feedback_fingerprint() without its fast path: normalises with
 * g_utf8_normalize() and collapses white space into a new string.  Same
 * value for every input; for the model and its tests only. */
gint64 tl_feedback_fingerprint_reference (const char *text,
                                          const char *date,
                                          const char *source,
                                          const char *respondent);

G_END_DECLS
