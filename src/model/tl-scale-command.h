/* tl-scale-command.h: changing a document's score scale, converting every
 * score to it in one undoable step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-command.h"

G_BEGIN_DECLS

#define TL_TYPE_SCALE_COMMAND (tl_scale_command_get_type ())
G_DECLARE_FINAL_TYPE (TlScaleCommand, tl_scale_command, TL, SCALE_COMMAND, TlCommand)

/* Sets the document's score scale to @new_scale (5, 7 or 10) and converts
 * the current and target score of every cell proportionally:
 * (s − 1) · (new − 1) / (old − 1) + 1, rounded half away from zero and
 * clamped to 1..new; an unset score stays unset.  Revert restores the old
 * scale and every score exactly (conversion rounds, so converting back
 * would not).  Fails, changing nothing, on another scale. */
TlCommand *tl_scale_command_new      (guint new_scale);
guint      tl_scale_command_get_scale (TlScaleCommand *self);

/* @score (0 = unset, kept) of an @old_scale document on @new_scale, as the
 * command converts it.  A score above @old_scale counts as @old_scale. */
guint      tl_score_convert          (guint score,
                                      guint old_scale,
                                      guint new_scale);

G_END_DECLS
