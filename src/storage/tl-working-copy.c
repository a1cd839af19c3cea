/* tl-working-copy.c: the private working copy a window edits
 *
 * Opening copies the user's file into tl_working_copy_get_directory()
 * (through GIO, so a portal or remote file works too), remembering its
 * etag and identity (identity_of()), and checks and migrates the copy
 * only: the user's file is read once and never opened by SQLite.  Every
 * edit is committed to the copy.  Saving writes a consistent copy next to
 * it and replaces the user's file with g_file_replace(), which notices
 * through the etag that someone else changed the file, and renames into
 * place atomically.
 *
 * Liveness is an flock() on UUID.lock held for the object's life: the
 * kernel drops it when the process dies, however it dies, so a free lock
 * means an abandoned copy.  flock() and SQLite's fcntl() locks do not
 * interfere, which is why the lock is a file of its own.
 *
 * Threads: the _async variants run in a GTask worker.  Opening builds
 * the store and document there and hands them over; nothing else sees
 * them before.  Saving never touches the store's connection from the
 * worker: it copies the file through connections of its own with the
 * backup API (_tl_store_copy_database()), while the main thread may go
 * on writing (SQLite's locks keep both consistent; a write waits for a
 * step of the copy at most).  The sidecar and the object's state are
 * only changed in the main thread, when the save has finished.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tl-store-private.h"
#include "tl-working-copy-private.h"

struct _TlWorkingCopy
{
  GObject   parent_instance;

  char     *directory;
  char     *uuid;
  char     *copy_path;
  char     *sidecar_path;
  int       lock_fd;

  TlStore  *store;
  GFile    *file;          /* NULL while untitled */
  char     *etag;          /* of @file when last read or written */
  char     *identity;      /* see identity_of() */
  char     *title;         /* for the sidecar */

  guint     modified : 1;
  guint     saving : 1;
  guint     discarded : 1;
};

enum {
  PROP_0,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_STORE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TlWorkingCopy, tl_working_copy, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static const char * const file_suffixes[] = {
  ".touchloop", ".touchloop-journal", ".touchloop-wal", ".touchloop-shm",
  ".saving", ".saving-journal", ".ini", ".lock",
};

/* What may lie next to a user's file and belongs to it */
static const char * const companions[] = { "-journal", "-wal" };

/* ---- files of a working copy ---------------------------------------- */

char *
tl_working_copy_get_directory (void)
{
  return g_build_filename (g_get_user_data_dir (), "touchloop", "working", NULL);
}

char *
_tl_working_copy_path (const char *directory,
                       const char *uuid,
                       const char *suffix)
{
  g_autofree char *name = g_strconcat (uuid, suffix, NULL);

  return g_build_filename (directory, name, NULL);
}

int
_tl_working_copy_lock (const char *directory,
                       const char *uuid,
                       gboolean   *busy)
{
  g_autofree char *path = _tl_working_copy_path (directory, uuid, ".lock");
  int fd;

  *busy = FALSE;

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return -1;

  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      *busy = errno == EWOULDBLOCK;
      close (fd);
      return -1;
    }

  return fd;
}

void
_tl_working_copy_remove_files (const char *directory,
                               const char *uuid)
{
  /* The sidecar first: without it nobody looks at the rest, and the lock
   * file last, as it may be taken again the moment it is gone. */
  static const char * const order[] = {
    ".ini", ".touchloop", ".touchloop-journal", ".touchloop-wal", ".touchloop-shm",
    ".saving", ".saving-journal", ".lock",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (order) == G_N_ELEMENTS (file_suffixes));

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autofree char *path = _tl_working_copy_path (directory, uuid, order[i]);

      g_unlink (path);
    }
}

#define STAMP_ATTRIBUTES \
  G_FILE_ATTRIBUTE_ETAG_VALUE "," G_FILE_ATTRIBUTE_UNIX_INODE "," G_FILE_ATTRIBUTE_STANDARD_SIZE

/* "inode:size" of a file, or NULL where there are no inodes.  An etag is
 * made of the modification time, which the kernel keeps to a clock tick
 * (a few milliseconds): two versions written within one tick have the
 * same etag.  A program that writes a file by renaming a new one over it
 * (as most do) gives it a new inode, and one that rewrites it in place
 * rarely keeps its size. */
static char *
identity_of (GFileInfo *info)
{
  if (info == NULL ||
      !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_INODE) ||
      !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    return NULL;

  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE),
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_STANDARD_SIZE));
}

static char *
display_name_of (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (basename != NULL)
    return g_filename_display_name (basename);
  return g_file_get_parse_name (file);
}

static char *
untitled_name (TlDocument *document)
{
  const char *title = document ? tl_document_get_title (document) : NULL;

  if (title != NULL && *title != '\0')
    return g_strdup (title);
  return g_strdup (_("Untitled document"));
}

static gboolean
write_sidecar (TlWorkingCopy  *self,
               GError        **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;

  if (self->file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (self->file);
      g_key_file_set_string (keyfile, TL_SIDECAR_GROUP, TL_SIDECAR_KEY_ORIGIN, uri);
    }
  if (self->etag != NULL)
    g_key_file_set_string (keyfile, TL_SIDECAR_GROUP, TL_SIDECAR_KEY_ETAG, self->etag);
  if (self->identity != NULL)
    g_key_file_set_string (keyfile, TL_SIDECAR_GROUP, TL_SIDECAR_KEY_IDENTITY, self->identity);
  g_key_file_set_string (keyfile, TL_SIDECAR_GROUP, TL_SIDECAR_KEY_TITLE,
                         self->title ? self->title : "");
  g_key_file_set_boolean (keyfile, TL_SIDECAR_GROUP, TL_SIDECAR_KEY_MODIFIED, self->modified);

  if (!g_key_file_save_to_file (keyfile, self->sidecar_path, &local_error))
    {
      g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
                   _("Could not write the working copy’s notes in %s: %s. Check that there is free space in your home folder."),
                   self->directory, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
update_title (TlWorkingCopy *self)
{
  TlDocument *document = self->store ? tl_store_get_document (self->store) : NULL;
  const char *title = document ? tl_document_get_title (document) : NULL;

  g_clear_pointer (&self->title, g_free);
  if (title != NULL && *title != '\0')
    self->title = g_strdup (title);
  else if (self->file != NULL)
    self->title = display_name_of (self->file);
}

/* ---- the object ------------------------------------------------------- */

static void
tl_working_copy_dispose (GObject *object)
{
  TlWorkingCopy *self = (TlWorkingCopy *)object;

  if (self->store != NULL)
    _tl_store_close (self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tl_working_copy_parent_class)->dispose (object);
}

static void
tl_working_copy_finalize (GObject *object)
{
  TlWorkingCopy *self = (TlWorkingCopy *)object;

  /* Nothing to recover: tidy up now rather than at the next start. */
  if (self->lock_fd >= 0 && !self->discarded && !self->modified)
    _tl_working_copy_remove_files (self->directory, self->uuid);
  if (self->lock_fd >= 0)
    close (self->lock_fd);

  g_clear_pointer (&self->directory, g_free);
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->copy_path, g_free);
  g_clear_pointer (&self->sidecar_path, g_free);
  g_clear_object (&self->file);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->identity, g_free);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (tl_working_copy_parent_class)->finalize (object);
}

static void
tl_working_copy_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TlWorkingCopy *self = TL_WORKING_COPY (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_working_copy_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TlWorkingCopy *self = TL_WORKING_COPY (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      tl_working_copy_set_modified (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_working_copy_class_init (TlWorkingCopyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tl_working_copy_dispose;
  object_class->finalize = tl_working_copy_finalize;
  object_class->get_property = tl_working_copy_get_property;
  object_class->set_property = tl_working_copy_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TL_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tl_working_copy_init (TlWorkingCopy *self)
{
  self->lock_fd = -1;
}

/* A working copy of id @uuid (a new one when NULL), its lock taken. */
static TlWorkingCopy *
working_copy_new (const char  *uuid,
                  GError     **error)
{
  g_autoptr(TlWorkingCopy) self = g_object_new (TL_TYPE_WORKING_COPY, NULL);
  gboolean busy = FALSE;

  self->directory = tl_working_copy_get_directory ();
  self->uuid = uuid ? g_strdup (uuid) : g_uuid_string_random ();
  self->copy_path = _tl_working_copy_path (self->directory, self->uuid, ".touchloop");
  self->sidecar_path = _tl_working_copy_path (self->directory, self->uuid, ".ini");

  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
                   _("Could not create the folder for working copies, %s: %s. Check that your home folder is writable and not full."),
                   self->directory, g_strerror (saved_errno));
      return NULL;
    }

  self->lock_fd = _tl_working_copy_lock (self->directory, self->uuid, &busy);
  if (self->lock_fd < 0)
    {
      if (busy)
        g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
                     _("This document is already open in another Touchloop window. Switch to that window to go on with it."));
      else
        g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
                     _("Could not lock the working copy in %s: %s. Check that your home folder is writable and not full."),
                     self->directory, g_strerror (errno));
      return NULL;
    }

  return g_steal_pointer (&self);
}

/* Deletes the files of a copy that could not be set up. */
static void
working_copy_abandon (TlWorkingCopy *self)
{
  if (self->store != NULL)
    _tl_store_close (self->store);
  g_clear_object (&self->store);
  _tl_working_copy_remove_files (self->directory, self->uuid);
  self->discarded = TRUE;
}

static void
set_file_error (GError     **error,
                GError      *io_error,
                const char  *display_name,
                gboolean     writing)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      if (writing)
        g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
                     _("Could not save “%s”: its folder no longer exists. Choose another place to save it."),
                     display_name);
      else
        g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_NOT_FOUND,
                     _("“%s” does not exist. It may have been moved or deleted; choose it again where it is now."),
                     display_name);
    }
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    g_set_error (error, TL_STORE_ERROR, writing ? TL_STORE_ERROR_IO : TL_STORE_ERROR_NOT_TOUCHLOOP,
                 _("“%s” is a folder, not a Touchloop document. Choose a file saved by Touchloop (.touchloop)."),
                 display_name);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
                 writing
                   ? _("Could not save “%s”: you may not write there. Choose another place to save it.")
                   : _("Could not open “%s”: you may not read it. Ask its owner for access, or open a copy."),
                 display_name);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
                 _("Could not save “%s”: the disk is full. Free some space, or save it somewhere else."),
                 display_name);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (io_error));
  else
    g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
                 writing
                   ? _("Could not save “%s”: %s. Try again, or save it somewhere else.")
                   : _("Could not read “%s”: %s. Check that the disk or server is reachable, then try again."),
                 display_name, io_error->message);
}

/* Copies the user's file into the working copy; *etag and *identity are
 * those of what was read. */
static gboolean
copy_in (TlWorkingCopy  *self,
         GFile          *file,
         const char     *display_name,
         char          **etag,
         char          **identity,
         GCancellable   *cancellable,
         GError        **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFile) copy = g_file_new_for_path (self->copy_path);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *local_path = NULL;

  in = g_file_read (file, cancellable, &local_error);
  if (in == NULL)
    {
      set_file_error (error, local_error, display_name, FALSE);
      return FALSE;
    }

  /* The etag of the file we are reading, not of whatever is there by the
   * time we would ask the file itself. */
  info = g_file_input_stream_query_info (in, STAMP_ATTRIBUTES, cancellable, NULL);
  if (info == NULL)
    info = g_file_query_info (file, STAMP_ATTRIBUTES, G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  *etag = info ? g_strdup (g_file_info_get_etag (info)) : NULL;
  *identity = identity_of (info);

  out = g_file_create (copy, G_FILE_CREATE_PRIVATE, cancellable, &local_error);
  if (out == NULL ||
      g_output_stream_splice (G_OUTPUT_STREAM (out), G_INPUT_STREAM (in),
                              G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                              cancellable, &local_error) < 0)
    {
      if (local_error->domain == G_IO_ERROR &&
          (local_error->code == G_IO_ERROR_NO_SPACE || out == NULL))
        g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
                     _("Could not copy “%s” to a working copy in %s: %s. Free some space in your home folder, then try again."),
                     display_name, self->directory, local_error->message);
      else
        set_file_error (error, local_error, display_name, FALSE);
      return FALSE;
    }

  /* A journal next to the file means a writer crashed mid-change; it
   * comes along so that SQLite rolls the copy back to the last commit.
   * So does a write-ahead log, should another tool have switched the file
   * to WAL: it holds committed changes the file itself lacks. */
  local_path = g_file_get_path (file);
  for (guint i = 0; local_path != NULL && i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *companion = g_strconcat (local_path, companions[i], NULL);
      GStatBuf st;

      if (g_stat (companion, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > 0)
        {
          g_autoptr(GFile) from = g_file_new_for_path (companion);
          g_autofree char *copy_companion = g_strconcat (self->copy_path, companions[i], NULL);
          g_autoptr(GFile) to = g_file_new_for_path (copy_companion);

          g_file_copy (from, to, G_FILE_COPY_NONE, cancellable, NULL, NULL, NULL);
        }
    }

  return TRUE;
}

static TlWorkingCopy *
working_copy_open (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(TlWorkingCopy) self = NULL;
  g_autofree char *display_name = display_name_of (file);
  g_autofree char *etag = NULL;
  g_autofree char *identity = NULL;

  self = working_copy_new (NULL, error);
  if (self == NULL)
    return NULL;

  /* The sidecar comes first, unmodified: whatever happens below, the
   * next start finds a copy with nothing to recover and deletes it. */
  self->file = g_object_ref (file);
  self->title = g_strdup (display_name);
  if (!write_sidecar (self, error))
    goto failed;

  if (!copy_in (self, file, display_name, &etag, &identity, cancellable, error))
    goto failed;

  /* Checks the copy (naming the user's file) and migrates it. */
  self->store = _tl_store_open_full (self->copy_path, display_name, TL_STORE_OPEN_DEFAULT, error);
  if (self->store == NULL)
    goto failed;

  self->etag = g_steal_pointer (&etag);
  self->identity = g_steal_pointer (&identity);
  update_title (self);
  if (!write_sidecar (self, error))
    goto failed;

  return g_steal_pointer (&self);

failed:
  working_copy_abandon (self);
  return NULL;
}

TlWorkingCopy *
tl_working_copy_open (GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return working_copy_open (file, cancellable, error);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  TlWorkingCopy *self;

  self = working_copy_open (G_FILE (task_data), cancellable, &error);
  if (self == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, self, g_object_unref);
}

void
tl_working_copy_open_async (GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tl_working_copy_open_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, open_thread);
}

TlWorkingCopy *
tl_working_copy_open_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tl_working_copy_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

TlWorkingCopy *
tl_working_copy_new_untitled (TlDocument  *document,
                              GError     **error)
{
  g_autoptr(TlWorkingCopy) self = NULL;
  g_autofree char *display_name = NULL;

  g_return_val_if_fail (TL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = working_copy_new (NULL, error);
  if (self == NULL)
    return NULL;

  display_name = untitled_name (document);
  self->title = g_strdup (tl_document_get_title (document));
  if (!write_sidecar (self, error))
    goto failed;

  self->store = _tl_store_create_full (self->copy_path, display_name, document, error);
  if (self->store == NULL)
    goto failed;

  return g_steal_pointer (&self);

failed:
  working_copy_abandon (self);
  return NULL;
}

TlStore *
tl_working_copy_get_store (TlWorkingCopy *self)
{
  g_return_val_if_fail (TL_IS_WORKING_COPY (self), NULL);
  return self->store;
}

TlDocument *
tl_working_copy_get_document (TlWorkingCopy *self)
{
  g_return_val_if_fail (TL_IS_WORKING_COPY (self), NULL);
  return self->store ? tl_store_get_document (self->store) : NULL;
}

GFile *
tl_working_copy_get_file (TlWorkingCopy *self)
{
  g_return_val_if_fail (TL_IS_WORKING_COPY (self), NULL);
  return self->file;
}

gboolean
tl_working_copy_get_modified (TlWorkingCopy *self)
{
  g_return_val_if_fail (TL_IS_WORKING_COPY (self), FALSE);
  return self->modified;
}

void
tl_working_copy_set_modified (TlWorkingCopy *self,
                              gboolean       modified)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TL_IS_WORKING_COPY (self));

  modified = !!modified;
  if (self->modified == (guint)modified || self->discarded)
    return;

  self->modified = modified;
  update_title (self);
  /* Recovery would miss this copy; the document itself is safe. */
  if (!write_sidecar (self, &error))
    g_message ("%s", error->message);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* ---- saving ----------------------------------------------------------- */

static void
abort_replace (GOutputStream *out)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();

  /* Closing a replace stream with a cancelled cancellable leaves the
   * original file untouched and deletes the temporary one. */
  g_cancellable_cancel (cancelled);
  g_output_stream_close (out, cancelled, NULL);
}

static void
set_conflict_error (GError     **error,
                    const char  *display_name)
{
  g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_CONFLICT,
               _("“%s” was changed by another program since Touchloop read it. Saving now would throw those changes away: save under another name to keep both, or replace it on purpose."),
               display_name);
}

/* Replaces @target by the file at @snapshot_path; with @etag, only if
 * @target still has it and @identity (or no longer exists).  Any thread. */
static gboolean
replace_file (GFile         *target,
              const char    *snapshot_path,
              const char    *etag,
              const char    *identity,
              char         **new_etag,
              char         **new_identity,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFile) snapshot = g_file_new_for_path (snapshot_path);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = display_name_of (target);
  g_autoptr(GFileInfo) written = NULL;
  char *result_etag;

  /* The etag alone misses a change within the same clock tick. */
  if (etag != NULL && identity != NULL)
    {
      g_autoptr(GFileInfo) now = g_file_query_info (target, STAMP_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                                                    cancellable, NULL);
      g_autofree char *current = identity_of (now);

      if (current != NULL && !g_str_equal (current, identity))
        {
          set_conflict_error (error, display_name);
          return FALSE;
        }
    }

  out = g_file_replace (target, etag, FALSE, G_FILE_CREATE_NONE, cancellable, &local_error);
  if (out == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        set_conflict_error (error, display_name);
      else
        set_file_error (error, local_error, display_name, TRUE);
      return FALSE;
    }

  in = g_file_read (snapshot, cancellable, &local_error);
  if (in == NULL ||
      g_output_stream_splice (G_OUTPUT_STREAM (out), G_INPUT_STREAM (in),
                              G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE,
                              cancellable, &local_error) < 0)
    {
      abort_replace (G_OUTPUT_STREAM (out));
      set_file_error (error, local_error, display_name, TRUE);
      return FALSE;
    }

  /* What the file will be once renamed into place */
  written = g_file_output_stream_query_info (out, G_FILE_ATTRIBUTE_UNIX_INODE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                             cancellable, NULL);

  /* The atomic rename happens here. */
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &local_error))
    {
      set_file_error (error, local_error, display_name, TRUE);
      return FALSE;
    }

  result_etag = g_file_output_stream_get_etag (out);   /* transfer full */
  if (result_etag != NULL)
    *new_etag = result_etag;
  else
    {
      g_autoptr(GFileInfo) info = g_file_query_info (target, G_FILE_ATTRIBUTE_ETAG_VALUE,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);

      *new_etag = info ? g_strdup (g_file_info_get_etag (info)) : NULL;
    }
  *new_identity = identity_of (written);

  return TRUE;
}

static char *
snapshot_path (TlWorkingCopy *self)
{
  g_autofree char *path = _tl_working_copy_path (self->directory, self->uuid, ".saving");
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  /* Left by a save that crashed */
  g_unlink (path);
  g_unlink (journal);

  return g_steal_pointer (&path);
}

/* The save succeeded: the copy now belongs to @target.  Main thread. */
static void
saved (TlWorkingCopy *self,
       GFile         *target,
       char          *etag,
       char          *identity,
       guint64        generation)
{
  g_autoptr(GError) error = NULL;
  gboolean file_changed = self->file == NULL || !g_file_equal (self->file, target);
  gboolean was_modified = self->modified;

  if (file_changed)
    g_set_object (&self->file, target);
  g_free (self->etag);
  self->etag = etag;
  g_free (self->identity);
  self->identity = identity;

  /* Edits that came in while an async save was copying may be missing
   * from the file: then it stays modified. */
  if (_tl_store_get_generation (self->store) == generation)
    self->modified = FALSE;
  update_title (self);
  if (!write_sidecar (self, &error))
    g_message ("%s", error->message);

  if (file_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  if (was_modified != self->modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static GFile *
save_target (TlWorkingCopy  *self,
             GFile          *dest,
             gboolean        overwrite,
             const char    **etag,
             const char    **identity)
{
  GFile *target = dest ? dest : self->file;

  /* Only the file we read has an etag to compare with; for another one
   * the file chooser has asked about replacing it. */
  *etag = NULL;
  *identity = NULL;
  if (!overwrite && self->file != NULL && g_file_equal (target, self->file))
    {
      *etag = self->etag;
      *identity = self->identity;
    }

  return target;
}

gboolean
tl_working_copy_save (TlWorkingCopy  *self,
                      GFile          *dest,
                      gboolean        overwrite,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_autofree char *snapshot = NULL;
  char *new_etag = NULL;
  char *new_identity = NULL;
  const char *etag, *identity;
  GFile *target;
  guint64 generation;
  gboolean ok;

  g_return_val_if_fail (TL_IS_WORKING_COPY (self), FALSE);
  g_return_val_if_fail (dest == NULL || G_IS_FILE (dest), FALSE);
  g_return_val_if_fail (dest != NULL || self->file != NULL, FALSE);
  g_return_val_if_fail (!self->discarded, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->saving)
    {
      g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO,
                   _("The document is being saved already. Wait for that to finish, then try again."));
      return FALSE;
    }

  target = save_target (self, dest, overwrite, &etag, &identity);
  generation = _tl_store_get_generation (self->store);
  snapshot = snapshot_path (self);

  if (!tl_store_backup_to (self->store, snapshot, error))
    return FALSE;

  ok = replace_file (target, snapshot, etag, identity, &new_etag, &new_identity, cancellable, error);
  g_unlink (snapshot);

  if (ok)
    saved (self, target, new_etag, new_identity, generation);

  return ok;
}

typedef struct
{
  GFile   *target;
  char    *etag;
  char    *identity;
  char    *copy_path;
  char    *snapshot_path;
  char    *display_name;
  char    *new_etag;
  char    *new_identity;
  guint64  generation;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->target);
  g_free (data->etag);
  g_free (data->identity);
  g_free (data->copy_path);
  g_free (data->snapshot_path);
  g_free (data->display_name);
  g_free (data->new_etag);
  g_free (data->new_identity);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  ok = _tl_store_copy_database (data->copy_path, data->snapshot_path, data->display_name,
                                cancellable, &error) &&
       replace_file (data->target, data->snapshot_path, data->etag, data->identity,
                     &data->new_etag, &data->new_identity, cancellable, &error);
  g_unlink (data->snapshot_path);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Back in the main thread: record the result, then tell the caller. */
static void
save_thread_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  TlWorkingCopy *self = TL_WORKING_COPY (object);
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  self->saving = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!self->discarded)
    saved (self, data->target, g_steal_pointer (&data->new_etag),
           g_steal_pointer (&data->new_identity), data->generation);
  g_task_return_boolean (task, TRUE);
}

void
tl_working_copy_save_async (TlWorkingCopy       *self,
                            GFile               *dest,
                            gboolean             overwrite,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  SaveData *data;
  const char *etag, *identity;
  GFile *target;

  g_return_if_fail (TL_IS_WORKING_COPY (self));
  g_return_if_fail (dest == NULL || G_IS_FILE (dest));
  g_return_if_fail (dest != NULL || self->file != NULL);
  g_return_if_fail (!self->discarded);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tl_working_copy_save_async);

  if (self->saving)
    {
      g_task_return_new_error (task, TL_STORE_ERROR, TL_STORE_ERROR_IO,
                               _("The document is being saved already. Wait for that to finish, then try again."));
      return;
    }

  target = save_target (self, dest, overwrite, &etag, &identity);

  data = g_new0 (SaveData, 1);
  data->target = g_object_ref (target);
  data->etag = g_strdup (etag);
  data->identity = g_strdup (identity);
  data->copy_path = g_strdup (self->copy_path);
  data->snapshot_path = snapshot_path (self);
  data->display_name = display_name_of (target);
  data->generation = _tl_store_get_generation (self->store);

  self->saving = TRUE;

  worker = g_task_new (self, cancellable, save_thread_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, save_thread);
  g_task_set_task_data (worker, data, (GDestroyNotify)save_data_free);
  g_task_run_in_thread (worker, save_thread);
}

gboolean
tl_working_copy_save_finish (TlWorkingCopy  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (TL_IS_WORKING_COPY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tl_working_copy_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tl_working_copy_discard (TlWorkingCopy *self)
{
  g_return_if_fail (TL_IS_WORKING_COPY (self));

  if (self->discarded)
    return;

  if (self->store != NULL)
    _tl_store_close (self->store);
  _tl_working_copy_remove_files (self->directory, self->uuid);
  self->discarded = TRUE;
}

/* ---- recovery ------------------------------------------------------- */

static gint
compare_recoverables (gconstpointer a,
                      gconstpointer b)
{
  TlRecoverable *ra = *(TlRecoverable **)a;
  TlRecoverable *rb = *(TlRecoverable **)b;

  /* Newest first */
  return g_date_time_compare (tl_recoverable_get_modified_time (rb),
                              tl_recoverable_get_modified_time (ra));
}

static TlRecoverable *
inspect (const char *directory,
         const char *uuid)
{
  g_autofree char *copy_path = _tl_working_copy_path (directory, uuid, ".touchloop");
  g_autofree char *sidecar_path = _tl_working_copy_path (directory, uuid, ".ini");
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GDateTime) mtime = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *identity = NULL;
  g_autofree char *title = NULL;
  gboolean modified;
  GStatBuf st;

  if (g_stat (copy_path, &st) != 0)
    return NULL;

  /* Notes that cannot be read: keep the copy rather than lose work. */
  if (!g_key_file_load_from_file (keyfile, sidecar_path, G_KEY_FILE_NONE, NULL))
    modified = g_file_test (sidecar_path, G_FILE_TEST_EXISTS);
  else
    modified = g_key_file_get_boolean (keyfile, TL_SIDECAR_GROUP, TL_SIDECAR_KEY_MODIFIED, NULL);

  if (!modified)
    return NULL;

  origin = g_key_file_get_string (keyfile, TL_SIDECAR_GROUP, TL_SIDECAR_KEY_ORIGIN, NULL);
  etag = g_key_file_get_string (keyfile, TL_SIDECAR_GROUP, TL_SIDECAR_KEY_ETAG, NULL);
  identity = g_key_file_get_string (keyfile, TL_SIDECAR_GROUP, TL_SIDECAR_KEY_IDENTITY, NULL);
  title = g_key_file_get_string (keyfile, TL_SIDECAR_GROUP, TL_SIDECAR_KEY_TITLE, NULL);
  if (origin != NULL && *origin != '\0')
    file = g_file_new_for_uri (origin);

  mtime = g_date_time_new_from_unix_local (st.st_mtime);
  return _tl_recoverable_new (directory, uuid, file, etag, identity, title, mtime);
}

GPtrArray *
tl_working_copy_find_recoverable (void)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *directory = tl_working_copy_get_directory ();
  g_autoptr(GDir) dir = NULL;
  GHashTableIter iter;
  const char *name;
  gpointer key;

  dir = g_dir_open (directory, 0, NULL);
  if (dir == NULL)
    return g_steal_pointer (&found);

  /* Every id with a copy or a sidecar */
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".ini"))
        g_hash_table_add (uuids, g_strndup (name, strlen (name) - strlen (".ini")));
      else if (g_str_has_suffix (name, ".touchloop"))
        g_hash_table_add (uuids, g_strndup (name, strlen (name) - strlen (".touchloop")));
    }

  g_hash_table_iter_init (&iter, uuids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      TlRecoverable *recoverable;
      gboolean busy = FALSE;
      int fd;

      /* Locked: a running window has it. */
      fd = _tl_working_copy_lock (directory, key, &busy);
      if (fd < 0)
        continue;

      recoverable = inspect (directory, key);
      if (recoverable != NULL)
        g_ptr_array_add (found, recoverable);
      else
        _tl_working_copy_remove_files (directory, key);

      close (fd);
    }

  g_ptr_array_sort (found, compare_recoverables);
  return g_steal_pointer (&found);
}

TlWorkingCopy *
tl_working_copy_recover (TlRecoverable  *recoverable,
                         GError        **error)
{
  g_autoptr(TlWorkingCopy) self = NULL;
  g_autofree char *display_name = NULL;
  GFile *file;

  g_return_val_if_fail (TL_IS_RECOVERABLE (recoverable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = working_copy_new (_tl_recoverable_get_uuid (recoverable), error);
  if (self == NULL)
    return NULL;

  if (!g_file_test (self->copy_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, TL_STORE_ERROR, TL_STORE_ERROR_NOT_FOUND,
                   _("The unsaved changes to “%s” are gone: another Touchloop window recovered or discarded them."),
                   tl_recoverable_get_title (recoverable));
      self->discarded = TRUE;   /* not ours to delete */
      return NULL;
    }

  file = tl_recoverable_get_file (recoverable);
  display_name = file ? display_name_of (file) : g_strdup (tl_recoverable_get_title (recoverable));

  /* A copy damaged by the crash stays where it is, for the user to
   * discard (tl_recoverable_discard()). */
  self->store = _tl_store_open_full (self->copy_path, display_name, TL_STORE_OPEN_DEFAULT, error);
  if (self->store == NULL)
    {
      self->discarded = TRUE;
      return NULL;
    }

  /* The etag of when the file was read: a save notices if the file
   * changed on disk while the copy lay here. */
  self->file = file ? g_object_ref (file) : NULL;
  self->etag = g_strdup (_tl_recoverable_get_etag (recoverable));
  self->identity = g_strdup (_tl_recoverable_get_identity (recoverable));
  self->modified = TRUE;
  update_title (self);
  if (!write_sidecar (self, error))
    return NULL;

  return g_steal_pointer (&self);
}
