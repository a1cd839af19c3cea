/* tl-matrix-header.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-matrix-header.h"
#include "tl-model-private.h"

struct _TlMatrixHeader
{
  GObject parent_instance;

  TlMatrixAxis  axis;
  char         *id;
  char         *label;
  char         *description;
  gboolean      key;
};

enum {
  PROP_0,
  PROP_AXIS,
  PROP_ID,
  PROP_LABEL,
  PROP_DESCRIPTION,
  PROP_KEY,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TlMatrixHeader, tl_matrix_header, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
tl_matrix_header_finalize (GObject *object)
{
  TlMatrixHeader *self = (TlMatrixHeader *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (tl_matrix_header_parent_class)->finalize (object);
}

static void
tl_matrix_header_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TlMatrixHeader *self = TL_MATRIX_HEADER (object);

  switch (prop_id)
    {
    case PROP_AXIS:
      g_value_set_int (value, self->axis);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_KEY:
      g_value_set_boolean (value, self->key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_matrix_header_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TlMatrixHeader *self = TL_MATRIX_HEADER (object);

  switch (prop_id)
    {
    case PROP_AXIS:
      self->axis = g_value_get_int (value);
      break;
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_LABEL:
      tl_matrix_header_set_label (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      tl_matrix_header_set_description (self, g_value_get_string (value));
      break;
    case PROP_KEY:
      tl_matrix_header_set_key (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_matrix_header_class_init (TlMatrixHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tl_matrix_header_finalize;
  object_class->get_property = tl_matrix_header_get_property;
  object_class->set_property = tl_matrix_header_set_property;

  properties[PROP_AXIS] =
    g_param_spec_int ("axis", NULL, NULL, TL_MATRIX_AXIS_LAYER, TL_MATRIX_AXIS_TYPE, TL_MATRIX_AXIS_LAYER,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEY] =
    g_param_spec_boolean ("key", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tl_matrix_header_init (TlMatrixHeader *self)
{
  self->label = g_strdup ("");
  self->description = g_strdup ("");
}

TlMatrixHeader *
tl_matrix_header_new (TlMatrixAxis  axis,
                      const char   *id,
                      const char   *label,
                      gboolean      key)
{
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  return g_object_new (TL_TYPE_MATRIX_HEADER,
                       "axis", axis,
                       "id", id,
                       "label", label ? label : "",
                       "key", key,
                       NULL);
}

TlMatrixAxis
tl_matrix_header_get_axis (TlMatrixHeader *self)
{
  g_return_val_if_fail (TL_IS_MATRIX_HEADER (self), TL_MATRIX_AXIS_LAYER);
  return self->axis;
}

const char *
tl_matrix_header_get_id (TlMatrixHeader *self)
{
  g_return_val_if_fail (TL_IS_MATRIX_HEADER (self), NULL);
  return self->id;
}

const char *
tl_matrix_header_get_label (TlMatrixHeader *self)
{
  g_return_val_if_fail (TL_IS_MATRIX_HEADER (self), NULL);
  return self->label;
}

void
tl_matrix_header_set_label (TlMatrixHeader *self,
                            const char     *label)
{
  g_return_if_fail (TL_IS_MATRIX_HEADER (self));
  if (_tl_set_str (&self->label, label ? label : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

const char *
tl_matrix_header_get_description (TlMatrixHeader *self)
{
  g_return_val_if_fail (TL_IS_MATRIX_HEADER (self), NULL);
  return self->description;
}

void
tl_matrix_header_set_description (TlMatrixHeader *self,
                                  const char     *description)
{
  g_return_if_fail (TL_IS_MATRIX_HEADER (self));
  if (_tl_set_str (&self->description, description ? description : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

gboolean
tl_matrix_header_get_key (TlMatrixHeader *self)
{
  g_return_val_if_fail (TL_IS_MATRIX_HEADER (self), FALSE);
  return self->key;
}

void
tl_matrix_header_set_key (TlMatrixHeader *self,
                          gboolean        key)
{
  g_return_if_fail (TL_IS_MATRIX_HEADER (self));
  key = !!key;
  if (self->key != key)
    {
      self->key = key;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
    }
}
