/* tl-working-copy.h: the private working copy a window edits
 *
 * A user's file changes only when they save.  Opening validates the file
 * and copies it into the user data directory; every edit is committed to
 * the copy at once; Save writes a consistent copy to a temporary file and
 * replaces the user's file atomically, noticing when someone else changed
 * it since it was read.  A sidecar key file next to the copy remembers
 * where it came from, so copies left behind by a crash can be recovered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tl-store.h"

G_BEGIN_DECLS

#define TL_TYPE_WORKING_COPY (tl_working_copy_get_type ())
G_DECLARE_FINAL_TYPE (TlWorkingCopy, tl_working_copy, TL, WORKING_COPY, GObject)

#define TL_TYPE_RECOVERABLE (tl_recoverable_get_type ())
G_DECLARE_FINAL_TYPE (TlRecoverable, tl_recoverable, TL, RECOVERABLE, GObject)

/* $XDG_DATA_HOME/touchloop/working */
char           *tl_working_copy_get_directory   (void);

TlWorkingCopy  *tl_working_copy_open            (GFile           *file,
                                                 GCancellable    *cancellable,
                                                 GError         **error);
void            tl_working_copy_open_async      (GFile           *file,
                                                 GCancellable    *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer         user_data);
TlWorkingCopy  *tl_working_copy_open_finish     (GAsyncResult    *result,
                                                 GError         **error);
/* A working copy with no file yet (a new, untitled document). */
TlWorkingCopy  *tl_working_copy_new_untitled    (TlDocument      *document,
                                                 GError         **error);

TlStore        *tl_working_copy_get_store       (TlWorkingCopy   *self);
TlDocument     *tl_working_copy_get_document    (TlWorkingCopy   *self);
/* The user's file, or NULL while untitled */
GFile          *tl_working_copy_get_file        (TlWorkingCopy   *self);

/* Saves to @dest, or to the file it was opened from when @dest is NULL.
 * Unless @overwrite is TRUE, fails with TL_STORE_ERROR_CONFLICT when the
 * file was changed on disk since it was opened or last saved.  After
 * success the working copy belongs to @dest. */
gboolean        tl_working_copy_save            (TlWorkingCopy   *self,
                                                 GFile           *dest,
                                                 gboolean         overwrite,
                                                 GCancellable    *cancellable,
                                                 GError         **error);
void            tl_working_copy_save_async      (TlWorkingCopy   *self,
                                                 GFile           *dest,
                                                 gboolean         overwrite,
                                                 GCancellable    *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer         user_data);
gboolean        tl_working_copy_save_finish     (TlWorkingCopy   *self,
                                                 GAsyncResult    *result,
                                                 GError         **error);

/* Records whether the copy has changes its file lacks, for recovery.
 * A successful save sets it to FALSE itself (unless edits came in while
 * an async save was copying).  A copy finalized unmodified is deleted;
 * a modified one stays for tl_working_copy_find_recoverable(). */
void            tl_working_copy_set_modified    (TlWorkingCopy   *self,
                                                 gboolean         modified);
gboolean        tl_working_copy_get_modified    (TlWorkingCopy   *self);
/* Closes the store and deletes the copy and its sidecar. */
void            tl_working_copy_discard         (TlWorkingCopy   *self);

/* Copies whose owning process is gone (crash, kill) and that hold unsaved
 * changes; each is locked while a process has it open, so a running
 * window's copies are never listed.  Copies with no unsaved changes are
 * deleted silently. */
GPtrArray      *tl_working_copy_find_recoverable (void);
TlWorkingCopy  *tl_working_copy_recover         (TlRecoverable   *recoverable,
                                                 GError         **error);
void            tl_recoverable_discard          (TlRecoverable   *recoverable);
/* The user's file it belongs to, or NULL for an untitled document */
GFile          *tl_recoverable_get_file         (TlRecoverable   *self);
const char     *tl_recoverable_get_title        (TlRecoverable   *self);
GDateTime      *tl_recoverable_get_modified_time (TlRecoverable  *self);

G_END_DECLS
