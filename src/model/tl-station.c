/* tl-station.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-model-private.h"
#include "tl-station.h"

struct _TlStation
{
  GObject parent_instance;

  char   *id;
  char   *kind;
  char   *label;
  char   *description;
  char   *owner;
  double  x;
  double  y;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_LABEL,
  PROP_DESCRIPTION,
  PROP_OWNER,
  PROP_X,
  PROP_Y,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TlStation, tl_station, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
tl_station_finalize (GObject *object)
{
  TlStation *self = (TlStation *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->owner, g_free);

  G_OBJECT_CLASS (tl_station_parent_class)->finalize (object);
}

static void
tl_station_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TlStation *self = TL_STATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_OWNER:
      g_value_set_string (value, self->owner);
      break;
    case PROP_X:
      g_value_set_double (value, self->x);
      break;
    case PROP_Y:
      g_value_set_double (value, self->y);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_station_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TlStation *self = TL_STATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_KIND:
      tl_station_set_kind (self, g_value_get_string (value));
      break;
    case PROP_LABEL:
      tl_station_set_label (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      tl_station_set_description (self, g_value_get_string (value));
      break;
    case PROP_OWNER:
      tl_station_set_owner (self, g_value_get_string (value));
      break;
    case PROP_X:
      tl_station_set_x (self, g_value_get_double (value));
      break;
    case PROP_Y:
      tl_station_set_y (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_station_class_init (TlStationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tl_station_finalize;
  object_class->get_property = tl_station_get_property;
  object_class->set_property = tl_station_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, "custom",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OWNER] =
    g_param_spec_string ("owner", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_X] =
    g_param_spec_double ("x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_Y] =
    g_param_spec_double ("y", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tl_station_init (TlStation *self)
{
  self->kind = g_strdup ("custom");
  self->label = g_strdup ("");
  self->description = g_strdup ("");
  self->owner = g_strdup ("");
}

TlStation *
tl_station_new (const char *id,
                const char *kind,
                const char *label,
                double      x,
                double      y)
{
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  return g_object_new (TL_TYPE_STATION,
                       "id", id,
                       "kind", kind ? kind : "custom",
                       "label", label ? label : "",
                       "x", x,
                       "y", y,
                       NULL);
}

const char *
tl_station_get_id (TlStation *self)
{
  g_return_val_if_fail (TL_IS_STATION (self), NULL);
  return self->id;
}

const char *
tl_station_get_kind (TlStation *self)
{
  g_return_val_if_fail (TL_IS_STATION (self), NULL);
  return self->kind;
}

void
tl_station_set_kind (TlStation  *self,
                     const char *kind)
{
  g_return_if_fail (TL_IS_STATION (self));
  if (_tl_set_str (&self->kind, kind ? kind : "custom"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
tl_station_get_label (TlStation *self)
{
  g_return_val_if_fail (TL_IS_STATION (self), NULL);
  return self->label;
}

void
tl_station_set_label (TlStation  *self,
                      const char *label)
{
  g_return_if_fail (TL_IS_STATION (self));
  if (_tl_set_str (&self->label, label ? label : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

const char *
tl_station_get_description (TlStation *self)
{
  g_return_val_if_fail (TL_IS_STATION (self), NULL);
  return self->description;
}

void
tl_station_set_description (TlStation  *self,
                            const char *description)
{
  g_return_if_fail (TL_IS_STATION (self));
  if (_tl_set_str (&self->description, description ? description : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char *
tl_station_get_owner (TlStation *self)
{
  g_return_val_if_fail (TL_IS_STATION (self), NULL);
  return self->owner;
}

void
tl_station_set_owner (TlStation  *self,
                      const char *owner)
{
  g_return_if_fail (TL_IS_STATION (self));
  if (_tl_set_str (&self->owner, owner ? owner : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER]);
}

double
tl_station_get_x (TlStation *self)
{
  g_return_val_if_fail (TL_IS_STATION (self), 0);
  return self->x;
}

void
tl_station_set_x (TlStation *self,
                  double     x)
{
  g_return_if_fail (TL_IS_STATION (self));
  if (self->x != x)
    {
      self->x = x;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X]);
    }
}

double
tl_station_get_y (TlStation *self)
{
  g_return_val_if_fail (TL_IS_STATION (self), 0);
  return self->y;
}

void
tl_station_set_y (TlStation *self,
                  double     y)
{
  g_return_if_fail (TL_IS_STATION (self));
  if (self->y != y)
    {
      self->y = y;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y]);
    }
}
