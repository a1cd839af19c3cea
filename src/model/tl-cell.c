/* tl-cell.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-cell.h"
#include "tl-model-private.h"

/* The largest scale a document may use (1–10). */
#define MAX_SCORE 10

struct _TlCell
{
  GObject parent_instance;

  char     *layer;
  char     *type;
  char     *id;
  char     *description;
  char     *owner;
  char     *notes;
  guint     current;
  guint     target;
  gboolean  key;
};

enum {
  PROP_0,
  PROP_LAYER,
  PROP_TYPE,
  PROP_DESCRIPTION,
  PROP_CURRENT,
  PROP_TARGET,
  PROP_KEY,
  PROP_OWNER,
  PROP_NOTES,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TlCell, tl_cell, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

gboolean
tl_cell_id_parse (const char  *id,
                  char       **layer,
                  char       **type)
{
  const char *slash;

  if (id == NULL || (slash = strchr (id, '/')) == NULL ||
      slash == id || slash[1] == '\0' || strchr (slash + 1, '/') != NULL)
    return FALSE;

  if (layer)
    *layer = g_strndup (id, slash - id);
  if (type)
    *type = g_strdup (slash + 1);
  return TRUE;
}

static void
tl_cell_finalize (GObject *object)
{
  TlCell *self = (TlCell *)object;

  g_clear_pointer (&self->layer, g_free);
  g_clear_pointer (&self->type, g_free);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->notes, g_free);

  G_OBJECT_CLASS (tl_cell_parent_class)->finalize (object);
}

static void
tl_cell_constructed (GObject *object)
{
  TlCell *self = (TlCell *)object;

  G_OBJECT_CLASS (tl_cell_parent_class)->constructed (object);

  self->id = g_strdup_printf ("%s/%s", self->layer, self->type);
}

static void
tl_cell_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  TlCell *self = TL_CELL (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      g_value_set_string (value, self->layer);
      break;
    case PROP_TYPE:
      g_value_set_string (value, self->type);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_CURRENT:
      g_value_set_uint (value, self->current);
      break;
    case PROP_TARGET:
      g_value_set_uint (value, self->target);
      break;
    case PROP_KEY:
      g_value_set_boolean (value, self->key);
      break;
    case PROP_OWNER:
      g_value_set_string (value, self->owner);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_cell_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  TlCell *self = TL_CELL (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      self->layer = g_value_dup_string (value);
      break;
    case PROP_TYPE:
      self->type = g_value_dup_string (value);
      break;
    case PROP_DESCRIPTION:
      tl_cell_set_description (self, g_value_get_string (value));
      break;
    case PROP_CURRENT:
      tl_cell_set_current (self, g_value_get_uint (value));
      break;
    case PROP_TARGET:
      tl_cell_set_target (self, g_value_get_uint (value));
      break;
    case PROP_KEY:
      tl_cell_set_key (self, g_value_get_boolean (value));
      break;
    case PROP_OWNER:
      tl_cell_set_owner (self, g_value_get_string (value));
      break;
    case PROP_NOTES:
      tl_cell_set_notes (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_cell_class_init (TlCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tl_cell_finalize;
  object_class->constructed = tl_cell_constructed;
  object_class->get_property = tl_cell_get_property;
  object_class->set_property = tl_cell_set_property;

  properties[PROP_LAYER] =
    g_param_spec_string ("layer", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TYPE] =
    g_param_spec_string ("type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT] =
    g_param_spec_uint ("current", NULL, NULL, 0, MAX_SCORE, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TARGET] =
    g_param_spec_uint ("target", NULL, NULL, 0, MAX_SCORE, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEY] =
    g_param_spec_boolean ("key", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OWNER] =
    g_param_spec_string ("owner", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tl_cell_init (TlCell *self)
{
  self->description = g_strdup ("");
  self->owner = g_strdup ("");
  self->notes = g_strdup ("");
}

TlCell *
tl_cell_new (const char *layer,
             const char *type)
{
  g_return_val_if_fail (layer != NULL && *layer != '\0', NULL);
  g_return_val_if_fail (type != NULL && *type != '\0', NULL);

  return g_object_new (TL_TYPE_CELL, "layer", layer, "type", type, NULL);
}

const char *
tl_cell_get_layer (TlCell *self)
{
  g_return_val_if_fail (TL_IS_CELL (self), NULL);
  return self->layer;
}

const char *
tl_cell_get_type_id (TlCell *self)
{
  g_return_val_if_fail (TL_IS_CELL (self), NULL);
  return self->type;
}

const char *
tl_cell_get_id (TlCell *self)
{
  g_return_val_if_fail (TL_IS_CELL (self), NULL);
  return self->id;
}

const char *
tl_cell_get_description (TlCell *self)
{
  g_return_val_if_fail (TL_IS_CELL (self), NULL);
  return self->description;
}

void
tl_cell_set_description (TlCell     *self,
                         const char *description)
{
  g_return_if_fail (TL_IS_CELL (self));
  if (_tl_set_str (&self->description, description ? description : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

guint
tl_cell_get_current (TlCell *self)
{
  g_return_val_if_fail (TL_IS_CELL (self), 0);
  return self->current;
}

void
tl_cell_set_current (TlCell *self,
                     guint   score)
{
  g_return_if_fail (TL_IS_CELL (self));
  g_return_if_fail (score <= MAX_SCORE);
  if (self->current != score)
    {
      self->current = score;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
    }
}

guint
tl_cell_get_target (TlCell *self)
{
  g_return_val_if_fail (TL_IS_CELL (self), 0);
  return self->target;
}

void
tl_cell_set_target (TlCell *self,
                    guint   score)
{
  g_return_if_fail (TL_IS_CELL (self));
  g_return_if_fail (score <= MAX_SCORE);
  if (self->target != score)
    {
      self->target = score;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
    }
}

gboolean
tl_cell_get_key (TlCell *self)
{
  g_return_val_if_fail (TL_IS_CELL (self), FALSE);
  return self->key;
}

void
tl_cell_set_key (TlCell   *self,
                 gboolean  key)
{
  g_return_if_fail (TL_IS_CELL (self));
  key = !!key;
  if (self->key != key)
    {
      self->key = key;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
    }
}

const char *
tl_cell_get_owner (TlCell *self)
{
  g_return_val_if_fail (TL_IS_CELL (self), NULL);
  return self->owner;
}

void
tl_cell_set_owner (TlCell     *self,
                   const char *owner)
{
  g_return_if_fail (TL_IS_CELL (self));
  if (_tl_set_str (&self->owner, owner ? owner : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER]);
}

const char *
tl_cell_get_notes (TlCell *self)
{
  g_return_val_if_fail (TL_IS_CELL (self), NULL);
  return self->notes;
}

void
tl_cell_set_notes (TlCell     *self,
                   const char *notes)
{
  g_return_if_fail (TL_IS_CELL (self));
  if (_tl_set_str (&self->notes, notes ? notes : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}
