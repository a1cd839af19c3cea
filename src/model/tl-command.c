/* tl-command.c: commands, the only way a document changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-cell.h"
#include "tl-command.h"
#include "tl-document.h"
#include "tl-loop.h"
#include "tl-matrix-header.h"
#include "tl-station.h"
#include "tl-template.h"

/* ---- TlCommand ---------------------------------------------------------- */

typedef struct
{
  char *label;
} TlCommandPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (TlCommand, tl_command, G_TYPE_OBJECT)

static void
tl_command_finalize (GObject *object)
{
  TlCommandPrivate *priv = tl_command_get_instance_private (TL_COMMAND (object));

  g_clear_pointer (&priv->label, g_free);

  G_OBJECT_CLASS (tl_command_parent_class)->finalize (object);
}

static void
tl_command_class_init (TlCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_command_finalize;
}

static void
tl_command_init (TlCommand *self)
{
}

gboolean
tl_command_apply (TlCommand  *self,
                  TlDocument *document,
                  GError    **error)
{
  g_return_val_if_fail (TL_IS_COMMAND (self), FALSE);
  g_return_val_if_fail (TL_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TL_COMMAND_GET_CLASS (self)->apply (self, document, error);
}

void
tl_command_revert (TlCommand  *self,
                   TlDocument *document)
{
  g_return_if_fail (TL_IS_COMMAND (self));
  g_return_if_fail (TL_IS_DOCUMENT (document));

  TL_COMMAND_GET_CLASS (self)->revert (self, document);
}

gboolean
tl_command_merge (TlCommand *self,
                  TlCommand *next)
{
  g_return_val_if_fail (TL_IS_COMMAND (self), FALSE);
  g_return_val_if_fail (TL_IS_COMMAND (next), FALSE);

  if (TL_COMMAND_GET_CLASS (self)->merge == NULL)
    return FALSE;
  return TL_COMMAND_GET_CLASS (self)->merge (self, next);
}

const char *
tl_command_get_label (TlCommand *self)
{
  TlCommandPrivate *priv = tl_command_get_instance_private (self);

  g_return_val_if_fail (TL_IS_COMMAND (self), NULL);
  return priv->label ? priv->label : _("Edit");
}

void
tl_command_set_label (TlCommand  *self,
                      const char *label)
{
  TlCommandPrivate *priv = tl_command_get_instance_private (self);

  g_return_if_fail (TL_IS_COMMAND (self));
  g_free (priv->label);
  priv->label = g_strdup (label);
}

/* ---- TlSetPropertyCommand ------------------------------------------------ */

struct _TlSetPropertyCommand
{
  TlCommand  parent_instance;

  GObject   *target;
  char      *property;
  GValue     new_value;
  GValue     old_value;
  gboolean   mergeable;
};

G_DEFINE_FINAL_TYPE (TlSetPropertyCommand, tl_set_property_command, TL_TYPE_COMMAND)

static const struct {
  const char *kind;
  const char *property;
  const char *label;
} property_labels[] = {
  { "station",  "label",       N_("Rename Station") },
  { "station",  "description", N_("Edit Station Description") },
  { "station",  "kind",        N_("Change Station Kind") },
  { "station",  "owner",       N_("Change Station Owner") },
  { "station",  "x",           N_("Move Station") },
  { "station",  "y",           N_("Move Station") },
  { "loop",     "name",        N_("Rename Loop") },
  { "loop",     "color",       N_("Change Loop Colour") },
  { "loop",     "description", N_("Edit Loop Description") },
  { "loop",     "stations",    N_("Change Loop Stations") },
  { "cell",     "description", N_("Edit Cell Description") },
  { "cell",     "current",     N_("Change Current Score") },
  { "cell",     "target",      N_("Change Target Score") },
  { "cell",     "key",         N_("Change Key Flag") },
  { "cell",     "owner",       N_("Change Owner Team") },
  { "cell",     "notes",       N_("Edit Cell Notes") },
  { "layer",    "label",       N_("Rename Layer") },
  { "type",     "label",       N_("Rename Experience Type") },
  { "document", "title",       N_("Rename Document") },
  { "document", "language",    N_("Change Document Language") },
  { "document", "score-scale", N_("Change Score Scale") },
  { "document", "half-life",   N_("Change Half-Life") },
  { "document", "strength-moderate", N_("Change Moderate Evidence Threshold") },
  { "document", "strength-strong",   N_("Change Strong Evidence Threshold") },
};

static void
tl_set_property_command_finalize (GObject *object)
{
  TlSetPropertyCommand *self = (TlSetPropertyCommand *)object;

  g_clear_object (&self->target);
  g_clear_pointer (&self->property, g_free);
  if (G_IS_VALUE (&self->new_value))
    g_value_unset (&self->new_value);
  if (G_IS_VALUE (&self->old_value))
    g_value_unset (&self->old_value);

  G_OBJECT_CLASS (tl_set_property_command_parent_class)->finalize (object);
}

static gboolean
check_stations_exist (TlDocument          *document,
                      const char * const  *stations,
                      GError             **error)
{
  if (stations == NULL || g_strv_length ((char **)stations) < 2)
    {
      g_set_error_literal (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID,
                           _("A loop needs at least two stations."));
      return FALSE;
    }

  for (guint i = 0; stations[i] != NULL; i++)
    if (tl_document_lookup_station (document, stations[i]) == NULL)
      {
        g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_NOT_FOUND,
                     _("The loop goes through station “%s”, which does not exist."), stations[i]);
        return FALSE;
      }

  return TRUE;
}

/* Values the property's own range cannot express, checked before anything
 * changes so a failed command leaves the document as it was. */
static gboolean
validate_value (TlSetPropertyCommand  *self,
                TlDocument            *document,
                GError               **error)
{
  const char *kind = tl_document_object_kind (self->target);

  if (g_strcmp0 (kind, "loop") == 0 && g_strcmp0 (self->property, "color") == 0 &&
      !tl_color_is_valid (g_value_get_string (&self->new_value)))
    {
      g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID,
                   _("“%s” is not a colour: use the form #rrggbb."),
                   g_value_get_string (&self->new_value));
      return FALSE;
    }

  if (g_strcmp0 (kind, "loop") == 0 && g_strcmp0 (self->property, "stations") == 0)
    return check_stations_exist (document, g_value_get_boxed (&self->new_value), error);

  if (g_strcmp0 (kind, "cell") == 0 &&
      (g_strcmp0 (self->property, "current") == 0 || g_strcmp0 (self->property, "target") == 0) &&
      g_value_get_uint (&self->new_value) > tl_document_get_score_scale (document))
    {
      g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID,
                   _("A score must be between 1 and %u, or unset."),
                   tl_document_get_score_scale (document));
      return FALSE;
    }

  if (g_strcmp0 (kind, "document") == 0 && g_strcmp0 (self->property, "language") == 0 &&
      !tl_language_is_valid (g_value_get_string (&self->new_value)))
    {
      g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID,
                   _("Unknown document language “%s”: use zh_CN, zh_TW or en."),
                   g_value_get_string (&self->new_value));
      return FALSE;
    }

  if (g_strcmp0 (kind, "document") == 0 && g_strcmp0 (self->property, "score-scale") == 0)
    {
      guint scale = g_value_get_uint (&self->new_value);

      if (scale != 5 && scale != 7 && scale != 10)
        {
          g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID,
                       _("The score scale must be 1–5, 1–7 or 1–10."));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
tl_set_property_command_apply (TlCommand  *command,
                               TlDocument *document,
                               GError    **error)
{
  TlSetPropertyCommand *self = TL_SET_PROPERTY_COMMAND (command);
  GParamSpec *pspec;

  if (!validate_value (self, document, error))
    return FALSE;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->target), self->property);

  if (G_IS_VALUE (&self->old_value))
    g_value_unset (&self->old_value);
  g_value_init (&self->old_value, pspec->value_type);
  g_object_get_property (self->target, self->property, &self->old_value);
  g_object_set_property (self->target, self->property, &self->new_value);

  return TRUE;
}

static void
tl_set_property_command_revert (TlCommand  *command,
                                TlDocument *document)
{
  TlSetPropertyCommand *self = TL_SET_PROPERTY_COMMAND (command);

  g_object_set_property (self->target, self->property, &self->old_value);
}

static gboolean
tl_set_property_command_merge (TlCommand *command,
                               TlCommand *next_command)
{
  TlSetPropertyCommand *self = TL_SET_PROPERTY_COMMAND (command);
  TlSetPropertyCommand *next;

  if (!TL_IS_SET_PROPERTY_COMMAND (next_command))
    return FALSE;

  next = TL_SET_PROPERTY_COMMAND (next_command);
  if (!self->mergeable || !next->mergeable ||
      self->target != next->target ||
      g_strcmp0 (self->property, next->property) != 0)
    return FALSE;

  g_value_unset (&self->new_value);
  g_value_init (&self->new_value, G_VALUE_TYPE (&next->new_value));
  g_value_copy (&next->new_value, &self->new_value);
  return TRUE;
}

static void
tl_set_property_command_class_init (TlSetPropertyCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TlCommandClass *command_class = TL_COMMAND_CLASS (klass);

  object_class->finalize = tl_set_property_command_finalize;
  command_class->apply = tl_set_property_command_apply;
  command_class->revert = tl_set_property_command_revert;
  command_class->merge = tl_set_property_command_merge;
}

static void
tl_set_property_command_init (TlSetPropertyCommand *self)
{
}

TlCommand *
tl_set_property_command_new (GObject      *target,
                             const char   *property,
                             const GValue *value,
                             gboolean      mergeable)
{
  TlSetPropertyCommand *self;
  GParamSpec *pspec;
  const char *kind;

  g_return_val_if_fail (G_IS_OBJECT (target), NULL);
  g_return_val_if_fail (tl_document_object_kind (target) != NULL, NULL);
  g_return_val_if_fail (property != NULL, NULL);
  g_return_val_if_fail (G_IS_VALUE (value), NULL);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (target), property);
  g_return_val_if_fail (pspec != NULL, NULL);
  g_return_val_if_fail ((pspec->flags & G_PARAM_WRITABLE) && !(pspec->flags & G_PARAM_CONSTRUCT_ONLY), NULL);
  g_return_val_if_fail (g_value_type_transformable (G_VALUE_TYPE (value), pspec->value_type), NULL);

  self = g_object_new (TL_TYPE_SET_PROPERTY_COMMAND, NULL);
  self->target = g_object_ref (target);
  self->property = g_strdup (pspec->name);
  self->mergeable = mergeable;
  g_value_init (&self->new_value, pspec->value_type);
  g_value_transform (value, &self->new_value);

  kind = tl_document_object_kind (target);
  for (guint i = 0; i < G_N_ELEMENTS (property_labels); i++)
    if (g_str_equal (property_labels[i].kind, kind) &&
        g_str_equal (property_labels[i].property, self->property))
      tl_command_set_label (TL_COMMAND (self), _(property_labels[i].label));

  return TL_COMMAND (self);
}

/* ---- TlCommandGroup ------------------------------------------------------ */

struct _TlCommandGroup
{
  TlCommand  parent_instance;

  GPtrArray *commands;
};

G_DEFINE_FINAL_TYPE (TlCommandGroup, tl_command_group, TL_TYPE_COMMAND)

static gboolean
tl_command_group_apply (TlCommand  *command,
                        TlDocument *document,
                        GError    **error)
{
  TlCommandGroup *self = TL_COMMAND_GROUP (command);

  for (guint i = 0; i < self->commands->len; i++)
    {
      if (!tl_command_apply (g_ptr_array_index (self->commands, i), document, error))
        {
          /* All or nothing: undo what already went through. */
          while (i-- > 0)
            tl_command_revert (g_ptr_array_index (self->commands, i), document);
          return FALSE;
        }
    }

  return TRUE;
}

static void
tl_command_group_revert (TlCommand  *command,
                         TlDocument *document)
{
  TlCommandGroup *self = TL_COMMAND_GROUP (command);

  for (guint i = self->commands->len; i > 0; i--)
    tl_command_revert (g_ptr_array_index (self->commands, i - 1), document);
}

static void
tl_command_group_finalize (GObject *object)
{
  TlCommandGroup *self = (TlCommandGroup *)object;

  g_clear_pointer (&self->commands, g_ptr_array_unref);

  G_OBJECT_CLASS (tl_command_group_parent_class)->finalize (object);
}

static void
tl_command_group_class_init (TlCommandGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_command_group_finalize;
  TL_COMMAND_CLASS (klass)->apply = tl_command_group_apply;
  TL_COMMAND_CLASS (klass)->revert = tl_command_group_revert;
}

static void
tl_command_group_init (TlCommandGroup *self)
{
  self->commands = g_ptr_array_new_with_free_func (g_object_unref);
}

TlCommand *
tl_command_group_new (const char *label)
{
  TlCommand *self = g_object_new (TL_TYPE_COMMAND_GROUP, NULL);

  tl_command_set_label (self, label);
  return self;
}

void
tl_command_group_add (TlCommandGroup *self,
                      TlCommand      *command)
{
  g_return_if_fail (TL_IS_COMMAND_GROUP (self));
  g_return_if_fail (TL_IS_COMMAND (command));

  g_ptr_array_add (self->commands, g_object_ref (command));
}

guint
tl_command_group_get_n_commands (TlCommandGroup *self)
{
  g_return_val_if_fail (TL_IS_COMMAND_GROUP (self), 0);
  return self->commands->len;
}

/* ---- TlAddStationCommand / TlRemoveStationCommand ------------------------ */

struct _TlAddStationCommand
{
  TlCommand  parent_instance;
  TlStation *station;
};

G_DEFINE_FINAL_TYPE (TlAddStationCommand, tl_add_station_command, TL_TYPE_COMMAND)

static gboolean
tl_add_station_command_apply (TlCommand  *command,
                              TlDocument *document,
                              GError    **error)
{
  TlAddStationCommand *self = TL_ADD_STATION_COMMAND (command);

  if (tl_document_lookup_station (document, tl_station_get_id (self->station)) != NULL)
    {
      g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_EXISTS,
                   _("A station with the id “%s” already exists."), tl_station_get_id (self->station));
      return FALSE;
    }

  tl_document_insert_station (document, self->station, -1);
  return TRUE;
}

static void
tl_add_station_command_revert (TlCommand  *command,
                               TlDocument *document)
{
  tl_document_remove_station (document, TL_ADD_STATION_COMMAND (command)->station);
}

static void
tl_add_station_command_finalize (GObject *object)
{
  g_clear_object (&TL_ADD_STATION_COMMAND (object)->station);
  G_OBJECT_CLASS (tl_add_station_command_parent_class)->finalize (object);
}

static void
tl_add_station_command_class_init (TlAddStationCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_add_station_command_finalize;
  TL_COMMAND_CLASS (klass)->apply = tl_add_station_command_apply;
  TL_COMMAND_CLASS (klass)->revert = tl_add_station_command_revert;
}

static void
tl_add_station_command_init (TlAddStationCommand *self)
{
}

TlCommand *
tl_add_station_command_new (TlStation *station)
{
  TlAddStationCommand *self;

  g_return_val_if_fail (TL_IS_STATION (station), NULL);

  self = g_object_new (TL_TYPE_ADD_STATION_COMMAND, NULL);
  self->station = g_object_ref (station);
  tl_command_set_label (TL_COMMAND (self), _("Add Station"));
  return TL_COMMAND (self);
}

typedef struct {
  TlLoop  *loop;
  char   **old_stations;
  int      removed_at;   /* position the loop had when removed, or -1 */
} LoopEdit;

static void
loop_edit_free (gpointer data)
{
  LoopEdit *edit = data;

  g_clear_object (&edit->loop);
  g_clear_pointer (&edit->old_stations, g_strfreev);
  g_free (edit);
}

struct _TlRemoveStationCommand
{
  TlCommand  parent_instance;
  char      *station_id;
  TlStation *station;
  int        position;
  GPtrArray *loop_edits;
};

G_DEFINE_FINAL_TYPE (TlRemoveStationCommand, tl_remove_station_command, TL_TYPE_COMMAND)

static gboolean
tl_remove_station_command_apply (TlCommand  *command,
                                 TlDocument *document,
                                 GError    **error)
{
  TlRemoveStationCommand *self = TL_REMOVE_STATION_COMMAND (command);
  GListModel *loops;
  TlStation *station;

  station = tl_document_lookup_station (document, self->station_id);
  if (station == NULL)
    {
      g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_NOT_FOUND,
                   _("There is no station “%s”."), self->station_id);
      return FALSE;
    }

  g_set_object (&self->station, station);
  g_ptr_array_set_size (self->loop_edits, 0);

  /* Repair every loop through the station first, walking backwards so a
   * removed loop does not shift the ones still to visit. */
  loops = tl_document_get_loops (document);
  for (guint i = g_list_model_get_n_items (loops); i > 0; i--)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i - 1);
      const char * const *old = tl_loop_get_stations (loop);
      g_autoptr(GStrvBuilder) builder = NULL;
      g_auto(GStrv) remaining = NULL;
      LoopEdit *edit;

      if (!tl_loop_contains (loop, self->station_id))
        continue;

      builder = g_strv_builder_new ();
      for (guint s = 0; old[s] != NULL; s++)
        if (!g_str_equal (old[s], self->station_id))
          g_strv_builder_add (builder, old[s]);
      remaining = g_strv_builder_end (builder);

      edit = g_new0 (LoopEdit, 1);
      edit->loop = g_object_ref (loop);
      edit->old_stations = g_strdupv ((char **)old);
      edit->removed_at = -1;
      g_ptr_array_add (self->loop_edits, edit);

      if (g_strv_length (remaining) < 2)
        edit->removed_at = tl_document_remove_loop (document, loop);
      else
        tl_loop_set_stations (loop, (const char * const *)remaining);
    }

  self->position = tl_document_remove_station (document, station);
  return TRUE;
}

static void
tl_remove_station_command_revert (TlCommand  *command,
                                  TlDocument *document)
{
  TlRemoveStationCommand *self = TL_REMOVE_STATION_COMMAND (command);

  tl_document_insert_station (document, self->station, self->position);

  for (guint i = self->loop_edits->len; i > 0; i--)
    {
      LoopEdit *edit = g_ptr_array_index (self->loop_edits, i - 1);

      tl_loop_set_stations (edit->loop, (const char * const *)edit->old_stations);
      if (edit->removed_at >= 0)
        tl_document_insert_loop (document, edit->loop, edit->removed_at);
    }
}

static void
tl_remove_station_command_finalize (GObject *object)
{
  TlRemoveStationCommand *self = TL_REMOVE_STATION_COMMAND (object);

  g_clear_pointer (&self->station_id, g_free);
  g_clear_object (&self->station);
  g_clear_pointer (&self->loop_edits, g_ptr_array_unref);

  G_OBJECT_CLASS (tl_remove_station_command_parent_class)->finalize (object);
}

static void
tl_remove_station_command_class_init (TlRemoveStationCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_remove_station_command_finalize;
  TL_COMMAND_CLASS (klass)->apply = tl_remove_station_command_apply;
  TL_COMMAND_CLASS (klass)->revert = tl_remove_station_command_revert;
}

static void
tl_remove_station_command_init (TlRemoveStationCommand *self)
{
  self->loop_edits = g_ptr_array_new_with_free_func (loop_edit_free);
}

TlCommand *
tl_remove_station_command_new (const char *station_id)
{
  TlRemoveStationCommand *self;

  g_return_val_if_fail (station_id != NULL, NULL);

  self = g_object_new (TL_TYPE_REMOVE_STATION_COMMAND, NULL);
  self->station_id = g_strdup (station_id);
  tl_command_set_label (TL_COMMAND (self), _("Delete Station"));
  return TL_COMMAND (self);
}

/* ---- TlAddLoopCommand / TlRemoveLoopCommand ------------------------------ */

struct _TlAddLoopCommand
{
  TlCommand  parent_instance;
  TlLoop    *loop;
};

G_DEFINE_FINAL_TYPE (TlAddLoopCommand, tl_add_loop_command, TL_TYPE_COMMAND)

static gboolean
tl_add_loop_command_apply (TlCommand  *command,
                           TlDocument *document,
                           GError    **error)
{
  TlAddLoopCommand *self = TL_ADD_LOOP_COMMAND (command);

  if (tl_document_lookup_loop (document, tl_loop_get_id (self->loop)) != NULL)
    {
      g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_EXISTS,
                   _("A loop with the id “%s” already exists."), tl_loop_get_id (self->loop));
      return FALSE;
    }

  if (!check_stations_exist (document, tl_loop_get_stations (self->loop), error))
    return FALSE;

  tl_document_insert_loop (document, self->loop, -1);
  return TRUE;
}

static void
tl_add_loop_command_revert (TlCommand  *command,
                            TlDocument *document)
{
  tl_document_remove_loop (document, TL_ADD_LOOP_COMMAND (command)->loop);
}

static void
tl_add_loop_command_finalize (GObject *object)
{
  g_clear_object (&TL_ADD_LOOP_COMMAND (object)->loop);
  G_OBJECT_CLASS (tl_add_loop_command_parent_class)->finalize (object);
}

static void
tl_add_loop_command_class_init (TlAddLoopCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_add_loop_command_finalize;
  TL_COMMAND_CLASS (klass)->apply = tl_add_loop_command_apply;
  TL_COMMAND_CLASS (klass)->revert = tl_add_loop_command_revert;
}

static void
tl_add_loop_command_init (TlAddLoopCommand *self)
{
}

TlCommand *
tl_add_loop_command_new (TlLoop *loop)
{
  TlAddLoopCommand *self;

  g_return_val_if_fail (TL_IS_LOOP (loop), NULL);

  self = g_object_new (TL_TYPE_ADD_LOOP_COMMAND, NULL);
  self->loop = g_object_ref (loop);
  tl_command_set_label (TL_COMMAND (self), _("Add Loop"));
  return TL_COMMAND (self);
}

struct _TlRemoveLoopCommand
{
  TlCommand  parent_instance;
  char      *loop_id;
  TlLoop    *loop;
  int        position;
};

G_DEFINE_FINAL_TYPE (TlRemoveLoopCommand, tl_remove_loop_command, TL_TYPE_COMMAND)

static gboolean
tl_remove_loop_command_apply (TlCommand  *command,
                              TlDocument *document,
                              GError    **error)
{
  TlRemoveLoopCommand *self = TL_REMOVE_LOOP_COMMAND (command);
  TlLoop *loop = tl_document_lookup_loop (document, self->loop_id);

  if (loop == NULL)
    {
      g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_NOT_FOUND,
                   _("There is no loop “%s”."), self->loop_id);
      return FALSE;
    }

  g_set_object (&self->loop, loop);
  self->position = tl_document_remove_loop (document, loop);
  return TRUE;
}

static void
tl_remove_loop_command_revert (TlCommand  *command,
                               TlDocument *document)
{
  TlRemoveLoopCommand *self = TL_REMOVE_LOOP_COMMAND (command);

  tl_document_insert_loop (document, self->loop, self->position);
}

static void
tl_remove_loop_command_finalize (GObject *object)
{
  TlRemoveLoopCommand *self = TL_REMOVE_LOOP_COMMAND (object);

  g_clear_pointer (&self->loop_id, g_free);
  g_clear_object (&self->loop);

  G_OBJECT_CLASS (tl_remove_loop_command_parent_class)->finalize (object);
}

static void
tl_remove_loop_command_class_init (TlRemoveLoopCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_remove_loop_command_finalize;
  TL_COMMAND_CLASS (klass)->apply = tl_remove_loop_command_apply;
  TL_COMMAND_CLASS (klass)->revert = tl_remove_loop_command_revert;
}

static void
tl_remove_loop_command_init (TlRemoveLoopCommand *self)
{
}

TlCommand *
tl_remove_loop_command_new (const char *loop_id)
{
  TlRemoveLoopCommand *self;

  g_return_val_if_fail (loop_id != NULL, NULL);

  self = g_object_new (TL_TYPE_REMOVE_LOOP_COMMAND, NULL);
  self->loop_id = g_strdup (loop_id);
  tl_command_set_label (TL_COMMAND (self), _("Delete Loop"));
  return TL_COMMAND (self);
}
