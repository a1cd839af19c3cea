/* tl-loop-commands.h: editing the list of loops — order, colours, new
 * loops — and what is wrong with a loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-command.h"

G_BEGIN_DECLS

#define TL_TYPE_MOVE_LOOP_COMMAND (tl_move_loop_command_get_type ())
G_DECLARE_FINAL_TYPE (TlMoveLoopCommand, tl_move_loop_command, TL, MOVE_LOOP_COMMAND, TlCommand)

/* Moves the loop @loop_id to @position in the document's list of loops
 * (clamped to the list); the drawing order and the metro offsets follow
 * that order.  Fails when there is no such loop or it is already there. */
TlCommand          *tl_move_loop_command_new        (const char  *loop_id,
                                                     guint        position);

/* The colours offered for loops: the eight of Okabe and Ito (2008),
 * which stay distinct for the common colour-vision deficiencies, lower
 * case "#rrggbb", in the order the template uses them.  @n_colors may be
 * NULL.  tl_loop_palette_name() gives a colour's translated name. */
const char * const *tl_loop_palette                 (guint       *n_colors);
const char         *tl_loop_palette_name            (guint        index);
/* The palette colour a new loop of @document gets: the first one no loop
 * uses yet, else the next in turn. */
const char         *tl_loop_palette_next_color      (TlDocument  *document);

/* One step giving loop i of @document palette colour i (mod 8); NULL when
 * every loop has its colour already. */
TlCommand          *tl_recolor_loops_command_new    (TlDocument  *document);

/* An id no loop of @document has: "loop<n>", n from the number of loops
 * plus one upwards. */
char               *tl_loop_new_unique_id           (TlDocument  *document);

/* What is wrong with @loop in @document, as translated sentences that
 * name the loop and say what to do: stations it names that the document
 * lacks, and fewer than two distinct stations (so it cannot close).
 * Empty when the loop is sound.  Free with g_ptr_array_unref(). */
GPtrArray          *tl_loop_check                   (TlLoop      *loop,
                                                     TlDocument  *document);

G_END_DECLS
