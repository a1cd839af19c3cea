/* tl-command.h: a reversible change to a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-model-types.h"

G_BEGIN_DECLS

#define TL_TYPE_COMMAND (tl_command_get_type ())
G_DECLARE_DERIVABLE_TYPE (TlCommand, tl_command, TL, COMMAND, GObject)

struct _TlCommandClass
{
  GObjectClass parent_class;

  /* Applies the change; on failure the document is unchanged. */
  gboolean (*apply)  (TlCommand  *self,
                      TlDocument *document,
                      GError    **error);
  /* Undoes a successful apply exactly. */
  void     (*revert) (TlCommand  *self,
                      TlDocument *document);
  /* Absorbs @next (already applied) into @self so one undo reverts both;
   * returns FALSE to keep them apart.  Optional. */
  gboolean (*merge)  (TlCommand  *self,
                      TlCommand  *next);

  gpointer padding[8];
};

gboolean    tl_command_apply     (TlCommand  *self,
                                  TlDocument *document,
                                  GError    **error);
void        tl_command_revert    (TlCommand  *self,
                                  TlDocument *document);
gboolean    tl_command_merge     (TlCommand  *self,
                                  TlCommand  *next);
/* Translated, for "Undo %s" */
const char *tl_command_get_label (TlCommand  *self);
void        tl_command_set_label (TlCommand  *self,
                                  const char *label);

/* ---- concrete commands ------------------------------------------------ */

#define TL_TYPE_SET_PROPERTY_COMMAND (tl_set_property_command_get_type ())
G_DECLARE_FINAL_TYPE (TlSetPropertyCommand, tl_set_property_command, TL, SET_PROPERTY_COMMAND, TlCommand)

/* Sets @property of @target (a station, loop, header, cell or the document
 * itself) to @value.  Successive commands on the same target and property
 * with @mergeable TRUE merge (typing into a field is one undo step). */
TlCommand *tl_set_property_command_new (GObject      *target,
                                        const char   *property,
                                        const GValue *value,
                                        gboolean      mergeable);

#define TL_TYPE_COMMAND_GROUP (tl_command_group_get_type ())
G_DECLARE_FINAL_TYPE (TlCommandGroup, tl_command_group, TL, COMMAND_GROUP, TlCommand)

/* Applies its commands in order and reverts them in reverse, as one step. */
TlCommand *tl_command_group_new (const char *label);
void       tl_command_group_add (TlCommandGroup *self,
                                 TlCommand      *command);
guint      tl_command_group_get_n_commands (TlCommandGroup *self);

#define TL_TYPE_ADD_STATION_COMMAND (tl_add_station_command_get_type ())
G_DECLARE_FINAL_TYPE (TlAddStationCommand, tl_add_station_command, TL, ADD_STATION_COMMAND, TlCommand)

/* Adds @station; fails when its id is taken. */
TlCommand *tl_add_station_command_new (TlStation *station);

#define TL_TYPE_REMOVE_STATION_COMMAND (tl_remove_station_command_get_type ())
G_DECLARE_FINAL_TYPE (TlRemoveStationCommand, tl_remove_station_command, TL, REMOVE_STATION_COMMAND, TlCommand)

/* Removes the station and takes it out of every loop through it; a loop
 * left with fewer than two stations is removed too.  Revert restores all. */
TlCommand *tl_remove_station_command_new (const char *station_id);

#define TL_TYPE_ADD_LOOP_COMMAND (tl_add_loop_command_get_type ())
G_DECLARE_FINAL_TYPE (TlAddLoopCommand, tl_add_loop_command, TL, ADD_LOOP_COMMAND, TlCommand)

/* Adds @loop; fails when its id is taken, it has fewer than two stations,
 * or one of them does not exist. */
TlCommand *tl_add_loop_command_new (TlLoop *loop);

#define TL_TYPE_REMOVE_LOOP_COMMAND (tl_remove_loop_command_get_type ())
G_DECLARE_FINAL_TYPE (TlRemoveLoopCommand, tl_remove_loop_command, TL, REMOVE_LOOP_COMMAND, TlCommand)

TlCommand *tl_remove_loop_command_new (const char *loop_id);

G_END_DECLS
