/* tl-store.h: a Touchloop document file (SQLite as an application file format)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tl-model.h"

G_BEGIN_DECLS

/* PRAGMA application_id of every Touchloop document: "Tlop" */
#define TL_STORE_APPLICATION_ID 0x546c6f70
/* PRAGMA user_version: the schema version this build writes */
#define TL_STORE_FORMAT_VERSION 2

#define TL_STORE_ERROR (tl_store_error_quark ())

typedef enum {
  TL_STORE_ERROR_NOT_TOUCHLOOP,   /* not SQLite, or another application's database */
  TL_STORE_ERROR_NEWER_VERSION,   /* written by a newer Touchloop */
  TL_STORE_ERROR_CORRUPT,         /* truncated, damaged, or broken references */
  TL_STORE_ERROR_IO,              /* cannot read or write */
  TL_STORE_ERROR_EXISTS,          /* refusing to overwrite */
  TL_STORE_ERROR_CONFLICT,        /* the file changed on disk since it was read */
  TL_STORE_ERROR_NOT_FOUND,       /* no such file */
} TlStoreError;

GQuark tl_store_error_quark (void);

#define TL_TYPE_STORE (tl_store_get_type ())
G_DECLARE_FINAL_TYPE (TlStore, tl_store, TL, STORE, GObject)

typedef enum {
  TL_STORE_OPEN_DEFAULT   = 0,
  /* Never writes: no migration, no journal next to the file (immutable). */
  TL_STORE_OPEN_READ_ONLY = 1 << 0,
} TlStoreOpenFlags;

/* Opens an existing document: checks it is a Touchloop document of a known
 * version, migrates an older one (in one transaction, unless READ_ONLY:
 * then an older one is read through the migration in memory or refused
 * with a clear message), loads the document and keeps it in sync: every
 * TlDocument::changed is written at once, in its own transaction. */
TlStore        *tl_store_open                  (const char        *path,
                                                TlStoreOpenFlags   flags,
                                                GError           **error);
/* Creates a new file at @path from @document (fails with EXISTS if it is
 * there) and returns the store, synced with @document from now on. */
TlStore        *tl_store_create                (const char        *path,
                                                TlDocument        *document,
                                                GError           **error);
const char     *tl_store_get_path              (TlStore           *self);
TlDocument     *tl_store_get_document          (TlStore           *self);
/* TRUE when opened with TL_STORE_OPEN_READ_ONLY: the document's changes
 * are not written, and adding feedback fails. */
gboolean        tl_store_get_read_only         (TlStore           *self);

/* Writes a consistent copy of the whole document to @dest (VACUUM INTO);
 * @dest must not exist. */
gboolean        tl_store_backup_to             (TlStore           *self,
                                                const char        *dest,
                                                GError           **error);

/* Groups many writes (import, generators) in one transaction.  Changes of
 * the document made meanwhile belong to it too; after a rollback the file
 * lacks them, so revert them in the document as well (or reopen). */
gboolean        tl_store_begin                 (TlStore           *self,
                                                GError           **error);
gboolean        tl_store_commit                (TlStore           *self,
                                                GError           **error);
void            tl_store_rollback              (TlStore           *self);

/* Feedback (not held by TlDocument: there may be millions). */
gint64          tl_store_count_feedback        (TlStore           *self);
/* Items with at least one link */
gint64          tl_store_count_linked_feedback (TlStore           *self);
/* Inserts @item with its links; sets its new id and returns it (or -1).  A link to a
 * station, loop or cell the document lacks fails with
 * TL_MODEL_ERROR_NOT_FOUND, a malformed one with TL_MODEL_ERROR_INVALID;
 * nothing is inserted then.  The item's own id is not used.  (It is not
 * set either: TlFeedbackItem has no setter for it yet.)  For many items,
 * call it between tl_store_begin() and tl_store_commit(). */
gint64          tl_store_add_feedback          (TlStore           *self,
                                                TlFeedbackItem    *item,
                                                GError           **error);
/* All feedback ids in list order (newest date first, then id).  Cheap
 * enough for a million rows (8 MB); a list model pages items by them. */
GArray         *tl_store_list_feedback_ids     (TlStore           *self,
                                                GError           **error);
/* The ids of the feedback whose text contains @query (case-insensitive
 * for Latin letters), in list order.  Three characters or more go
 * through the full-text index; one or two (a Chinese word is often two)
 * scan the text: 0.3 s at a million items, about 1 s when most of them
 * match.  An empty @query matches everything. */
GArray         *tl_store_search_feedback_ids   (TlStore           *self,
                                                const char        *query,
                                                GError           **error);
/* The items for @ids, in the same order (missing ids are skipped). */
GPtrArray      *tl_store_fetch_feedback        (TlStore           *self,
                                                const gint64      *ids,
                                                guint              n_ids,
                                                GError           **error);

/* Checks a file without changing it: a Touchloop document of a known
 * version, PRAGMA integrity_check, foreign keys, every reference resolves.
 * Returns TRUE when sound; otherwise FALSE with @error set to the first
 * problem and @problems (if non-NULL) filled with every problem found,
 * translated. */
gboolean        tl_store_validate              (const char        *path,
                                                GPtrArray        **problems,
                                                GError           **error);

G_END_DECLS
