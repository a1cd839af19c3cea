/* tl-working-copy-private.h: what TlWorkingCopy and TlRecoverable share
 *
 * A working copy with id UUID is, in tl_working_copy_get_directory():
 *   UUID.touchloop          the copy itself (and its -journal mid-write)
 *   UUID.ini                the sidecar: where it came from, whether it
 *                           has changes that file lacks
 *   UUID.lock               flock()ed by the process that has it open
 *   UUID.saving             a save's consistent copy, while saving
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-working-copy.h"

G_BEGIN_DECLS

#define TL_SIDECAR_GROUP          "Working Copy"
#define TL_SIDECAR_KEY_ORIGIN     "Origin"
#define TL_SIDECAR_KEY_ETAG       "Etag"
#define TL_SIDECAR_KEY_IDENTITY   "Identity"
#define TL_SIDECAR_KEY_TITLE      "Title"
#define TL_SIDECAR_KEY_MODIFIED   "Modified"

/* Path of the file of @uuid with @suffix (".touchloop", ".ini", …) */
char          *_tl_working_copy_path          (const char  *directory,
                                               const char  *uuid,
                                               const char  *suffix);
/* Takes the exclusive lock of @uuid without waiting: the descriptor, or
 * -1 with *busy TRUE when another open file holds it (a live copy). */
int            _tl_working_copy_lock          (const char  *directory,
                                               const char  *uuid,
                                               gboolean    *busy);
/* Deletes every file of @uuid; the caller holds its lock. */
void           _tl_working_copy_remove_files  (const char  *directory,
                                               const char  *uuid);

TlRecoverable *_tl_recoverable_new            (const char  *directory,
                                               const char  *uuid,
                                               GFile       *file,
                                               const char  *etag,
                                               const char  *identity,
                                               const char  *title,
                                               GDateTime   *modified_time);
const char    *_tl_recoverable_get_directory  (TlRecoverable *self);
const char    *_tl_recoverable_get_uuid       (TlRecoverable *self);
const char    *_tl_recoverable_get_etag       (TlRecoverable *self);
const char    *_tl_recoverable_get_identity   (TlRecoverable *self);

G_END_DECLS
