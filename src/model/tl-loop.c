/* tl-loop.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-loop.h"
#include "tl-model-private.h"

struct _TlLoop
{
  GObject parent_instance;

  char  *id;
  char  *name;
  char  *color;
  char  *description;
  char **stations;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COLOR,
  PROP_DESCRIPTION,
  PROP_STATIONS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TlLoop, tl_loop, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

gboolean
tl_color_is_valid (const char *color)
{
  if (color == NULL || color[0] != '#' || strlen (color) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

static void
tl_loop_finalize (GObject *object)
{
  TlLoop *self = (TlLoop *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->stations, g_strfreev);

  G_OBJECT_CLASS (tl_loop_parent_class)->finalize (object);
}

static void
tl_loop_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  TlLoop *self = TL_LOOP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_STATIONS:
      g_value_set_boxed (value, self->stations);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_loop_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  TlLoop *self = TL_LOOP (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_NAME:
      tl_loop_set_name (self, g_value_get_string (value));
      break;
    case PROP_COLOR:
      tl_loop_set_color (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      tl_loop_set_description (self, g_value_get_string (value));
      break;
    case PROP_STATIONS:
      tl_loop_set_stations (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_loop_class_init (TlLoopClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tl_loop_finalize;
  object_class->get_property = tl_loop_get_property;
  object_class->set_property = tl_loop_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, "#808080",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATIONS] =
    g_param_spec_boxed ("stations", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tl_loop_init (TlLoop *self)
{
  self->name = g_strdup ("");
  self->color = g_strdup ("#808080");
  self->description = g_strdup ("");
  self->stations = g_new0 (char *, 1);
}

TlLoop *
tl_loop_new (const char         *id,
             const char         *name,
             const char         *color,
             const char * const *stations)
{
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  return g_object_new (TL_TYPE_LOOP,
                       "id", id,
                       "name", name ? name : "",
                       "color", color ? color : "#808080",
                       "stations", stations,
                       NULL);
}

const char *
tl_loop_get_id (TlLoop *self)
{
  g_return_val_if_fail (TL_IS_LOOP (self), NULL);
  return self->id;
}

const char *
tl_loop_get_name (TlLoop *self)
{
  g_return_val_if_fail (TL_IS_LOOP (self), NULL);
  return self->name;
}

void
tl_loop_set_name (TlLoop     *self,
                  const char *name)
{
  g_return_if_fail (TL_IS_LOOP (self));
  if (_tl_set_str (&self->name, name ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
tl_loop_get_color (TlLoop *self)
{
  g_return_val_if_fail (TL_IS_LOOP (self), NULL);
  return self->color;
}

void
tl_loop_set_color (TlLoop     *self,
                   const char *color)
{
  g_autofree char *lower = NULL;

  g_return_if_fail (TL_IS_LOOP (self));
  g_return_if_fail (tl_color_is_valid (color));

  lower = g_ascii_strdown (color, -1);
  if (_tl_set_str (&self->color, lower))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

const char *
tl_loop_get_description (TlLoop *self)
{
  g_return_val_if_fail (TL_IS_LOOP (self), NULL);
  return self->description;
}

void
tl_loop_set_description (TlLoop     *self,
                         const char *description)
{
  g_return_if_fail (TL_IS_LOOP (self));
  if (_tl_set_str (&self->description, description ? description : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char * const *
tl_loop_get_stations (TlLoop *self)
{
  g_return_val_if_fail (TL_IS_LOOP (self), NULL);
  return (const char * const *)self->stations;
}

guint
tl_loop_get_n_stations (TlLoop *self)
{
  g_return_val_if_fail (TL_IS_LOOP (self), 0);
  return g_strv_length (self->stations);
}

void
tl_loop_set_stations (TlLoop             *self,
                      const char * const *stations)
{
  static const char * const empty[] = { NULL };

  g_return_if_fail (TL_IS_LOOP (self));

  if (stations == NULL)
    stations = empty;
  if (g_strv_equal ((const char * const *)self->stations, stations))
    return;

  g_strfreev (self->stations);
  self->stations = g_strdupv ((char **)stations);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATIONS]);
}

gboolean
tl_loop_contains (TlLoop     *self,
                  const char *station_id)
{
  g_return_val_if_fail (TL_IS_LOOP (self), FALSE);
  return station_id != NULL && g_strv_contains ((const char * const *)self->stations, station_id);
}
