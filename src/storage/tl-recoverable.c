/* tl-recoverable.c: a working copy left behind by a crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "tl-working-copy-private.h"

struct _TlRecoverable
{
  GObject    parent_instance;

  char      *directory;
  char      *uuid;
  GFile     *file;
  char      *etag;
  char      *identity;
  char      *title;
  GDateTime *modified_time;
};

enum {
  PROP_0,
  PROP_FILE,
  PROP_TITLE,
  PROP_MODIFIED_TIME,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TlRecoverable, tl_recoverable, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
tl_recoverable_finalize (GObject *object)
{
  TlRecoverable *self = (TlRecoverable *)object;

  g_clear_pointer (&self->directory, g_free);
  g_clear_pointer (&self->uuid, g_free);
  g_clear_object (&self->file);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->identity, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->modified_time, g_date_time_unref);

  G_OBJECT_CLASS (tl_recoverable_parent_class)->finalize (object);
}

static void
tl_recoverable_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TlRecoverable *self = TL_RECOVERABLE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_MODIFIED_TIME:
      g_value_set_boxed (value, self->modified_time);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_recoverable_class_init (TlRecoverableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tl_recoverable_finalize;
  object_class->get_property = tl_recoverable_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED_TIME] =
    g_param_spec_boxed ("modified-time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tl_recoverable_init (TlRecoverable *self)
{
}

TlRecoverable *
_tl_recoverable_new (const char *directory,
                     const char *uuid,
                     GFile      *file,
                     const char *etag,
                     const char *identity,
                     const char *title,
                     GDateTime  *modified_time)
{
  TlRecoverable *self;

  g_return_val_if_fail (directory != NULL, NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);
  g_return_val_if_fail (modified_time != NULL, NULL);

  self = g_object_new (TL_TYPE_RECOVERABLE, NULL);
  self->directory = g_strdup (directory);
  self->uuid = g_strdup (uuid);
  self->file = file ? g_object_ref (file) : NULL;
  self->etag = g_strdup (etag);
  self->identity = g_strdup (identity);
  self->modified_time = g_date_time_ref (modified_time);

  if (title != NULL && *title != '\0')
    self->title = g_strdup (title);
  else if (file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);

      self->title = basename ? g_filename_display_name (basename) : g_file_get_parse_name (file);
    }
  else
    self->title = g_strdup (_("Untitled document"));

  return self;
}

const char *
_tl_recoverable_get_directory (TlRecoverable *self)
{
  g_return_val_if_fail (TL_IS_RECOVERABLE (self), NULL);
  return self->directory;
}

const char *
_tl_recoverable_get_uuid (TlRecoverable *self)
{
  g_return_val_if_fail (TL_IS_RECOVERABLE (self), NULL);
  return self->uuid;
}

const char *
_tl_recoverable_get_etag (TlRecoverable *self)
{
  g_return_val_if_fail (TL_IS_RECOVERABLE (self), NULL);
  return self->etag;
}

const char *
_tl_recoverable_get_identity (TlRecoverable *self)
{
  g_return_val_if_fail (TL_IS_RECOVERABLE (self), NULL);
  return self->identity;
}

GFile *
tl_recoverable_get_file (TlRecoverable *self)
{
  g_return_val_if_fail (TL_IS_RECOVERABLE (self), NULL);
  return self->file;
}

const char *
tl_recoverable_get_title (TlRecoverable *self)
{
  g_return_val_if_fail (TL_IS_RECOVERABLE (self), NULL);
  return self->title;
}

GDateTime *
tl_recoverable_get_modified_time (TlRecoverable *self)
{
  g_return_val_if_fail (TL_IS_RECOVERABLE (self), NULL);
  return self->modified_time;
}

void
tl_recoverable_discard (TlRecoverable *self)
{
  gboolean busy = FALSE;
  int fd;

  g_return_if_fail (TL_IS_RECOVERABLE (self));

  /* Someone recovered it meanwhile: it is theirs now. */
  fd = _tl_working_copy_lock (self->directory, self->uuid, &busy);
  if (fd < 0)
    return;

  _tl_working_copy_remove_files (self->directory, self->uuid);
  close (fd);
}
