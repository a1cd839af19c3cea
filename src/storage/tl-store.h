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
#define TL_STORE_FORMAT_VERSION 3

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
 * lacks them, so revert them in the document as well (or reopen).  Items
 * added meanwhile go into the full-text indexes in one go (before a search,
 * an edit or a deletion of feedback in the same transaction, or at the
 * commit), which is where most of a big commit's time goes. */
gboolean        tl_store_begin                 (TlStore           *self,
                                                GError           **error);
/* Commits, then gives the evidence to the document and emits
 * TlStore::feedback-changed, in the calling thread. */
gboolean        tl_store_commit                (TlStore           *self,
                                                GError           **error);
void            tl_store_rollback              (TlStore           *self);

/* A commit in two halves, for a batch run in a worker thread (an import):
 * tl_store_commit_quiet() does all the work of tl_store_commit() (the
 * pending index entries, the evidence table, COMMIT) and emits nothing;
 * tl_store_publish_changes() then gives the new evidence to the document
 * and emits the signals, in the thread that owns the document (the main
 * thread).  Publishing when nothing is pending does nothing.  When
 * tl_store_commit_quiet() fails the transaction stays open: roll it back
 * (tl_store_rollback(), which reloads the document's evidence: main thread).
 *
 * Threads.  A store has one connection and is not thread-safe: at any
 * moment one thread only may call it.  The main thread owns it (the
 * document's changes are written from TlDocument::changed, in the main
 * thread); it may lend it to one worker between tl_store_begin() and
 * tl_store_commit_quiet() (or until the worker hands the open transaction
 * back), while the main thread calls nothing on the store and changes
 * nothing in its document.  Only the main thread calls
 * tl_store_publish_changes(), tl_store_commit() and tl_store_rollback(),
 * which touch the document.  The _async functions use a connection of
 * their own and may run alongside. */
gboolean        tl_store_commit_quiet          (TlStore           *self,
                                                GError           **error);
void            tl_store_publish_changes       (TlStore           *self);

/* What went wrong with the file and was repaired when it was opened (a
 * matrix that lacked cells or had cells of no layer or type), one
 * translated sentence each, to show the user; empty (never NULL) when
 * nothing was.  NULL-terminated, owned by the store.  A read-only store
 * repairs the document in memory only. */
const char * const *tl_store_get_repairs       (TlStore           *self);

/* ---- feedback ----------------------------------------------------------
 *
 * Feedback is not held by TlDocument: there may be millions.  Every
 * change below is written at once, in a transaction of its own, or in the
 * caller's between tl_store_begin() and tl_store_commit() (imports: one
 * transaction for the lot, no savepoint per item).  After a commit the
 * evidence aggregates in the document are current (TlDocument::
 * evidence-changed) and TlStore::feedback-changed is emitted.  All fail
 * on a read-only store.  Undoable versions: tl-feedback-commands.h.
 *
 * Ratings are on the document's scale: when its "score-scale" changes
 * (and back, on undo) the store converts every rating proportionally,
 * r' = 1 + (r - 1)(new - 1)/(old - 1), and recomputes the evidence, as it
 * does when the "half-life" changes. */

/* count(*): a scan of the smallest index, 12 ms at a million items */
gint64          tl_store_count_feedback        (TlStore           *self);
/* Items with at least one link; kept with the evidence, no scan */
gint64          tl_store_count_linked_feedback (TlStore           *self);

typedef enum {
  TL_ADD_DEFAULT     = 0,
  /* An imported row: an item with the same fingerprint
   * (tl_feedback_fingerprint()) already in the file is not added again
   * (a duplicate).  Without it (an item typed by hand) the item is always
   * added; it gets the fingerprint of its fields (the date as the
   * importer writes it) unless an item has that one already, so that
   * importing its export finds it again. */
  TL_ADD_DEDUPLICATE = 1 << 0,
  /* Use the item's id (> 0) instead of a new one: a redo puts an item
   * back as it was.  Fails when the id is taken. */
  TL_ADD_KEEP_ID     = 1 << 1,
} TlAddFlags;

/* Inserts @item with its links (tl_feedback_item_get_links()); sets the
 * item's new id and returns it, or -1 on failure.  With
 * TL_ADD_DEDUPLICATE, a duplicate is not added: *@out_duplicate is TRUE
 * and the id of the item already there is returned.  Refused (nothing
 * inserted): a link to a station, loop or cell the document lacks
 * (TL_MODEL_ERROR_NOT_FOUND); a malformed link, a stage other than A–F,
 * a phase that is not one of tl_feedback_phase_ids(), a date that is not
 * ISO 8601 (tl_feedback_date_parse()) (TL_MODEL_ERROR_INVALID).  The
 * rating is taken as it is, on the document's scale; rating_original
 * keeps what the file said.  Images are added separately
 * (tl_store_add_image()).  Ids are never reused, not even after a
 * deletion. */
gint64          tl_store_add_feedback_full     (TlStore           *self,
                                                TlFeedbackItem    *item,
                                                TlAddFlags         flags,
                                                gboolean          *out_duplicate,
                                                GError           **error);
/* tl_store_add_feedback_full() with TL_ADD_DEFAULT. */
gint64          tl_store_add_feedback          (TlStore           *self,
                                                TlFeedbackItem    *item,
                                                GError           **error);
/* One item with all its fields, links and number of images; NULL with
 * TL_MODEL_ERROR_NOT_FOUND when there is no item @id. */
TlFeedbackItem *tl_store_get_feedback          (TlStore           *self,
                                                gint64             id,
                                                GError           **error);

typedef enum {
  TL_FEEDBACK_FIELD_TEXT            = 1 << 0,
  TL_FEEDBACK_FIELD_SOURCE          = 1 << 1,
  TL_FEEDBACK_FIELD_DATE            = 1 << 2,
  TL_FEEDBACK_FIELD_STAGE           = 1 << 3,
  TL_FEEDBACK_FIELD_RATING          = 1 << 4,   /* has_rating and rating */
  TL_FEEDBACK_FIELD_RESPONDENT      = 1 << 5,
  TL_FEEDBACK_FIELD_TAGS            = 1 << 6,
  TL_FEEDBACK_FIELD_PHASE           = 1 << 7,
  TL_FEEDBACK_FIELD_RATING_ORIGINAL = 1 << 8,
  TL_FEEDBACK_FIELD_ALL             = (1 << 9) - 1,
} TlFeedbackFields;

/* Writes the @fields of @item to the stored item of the same id (the
 * other fields, the links and the fingerprint stay).  Values are checked
 * as tl_store_add_feedback_full() checks them.  *@changed (may be NULL)
 * tells whether anything differed.  TL_MODEL_ERROR_NOT_FOUND when there
 * is no such item. */
gboolean        tl_store_update_feedback       (TlStore           *self,
                                                TlFeedbackItem    *item,
                                                TlFeedbackFields   fields,
                                                gboolean          *changed,
                                                GError           **error);
/* Deletes the items @ids with their links and images; ids that are not
 * there are skipped.  Returns how many were deleted, or -1. */
gint64          tl_store_delete_feedback       (TlStore           *self,
                                                const gint64      *ids,
                                                guint              n_ids,
                                                GError           **error);

/* Links item @id to @target: "station:ID", "loop:ID" or "cell:LAYER/TYPE"
 * (the object must exist: TL_MODEL_ERROR_NOT_FOUND; a malformed target:
 * TL_MODEL_ERROR_INVALID; no item @id: TL_MODEL_ERROR_NOT_FOUND).
 * *@changed (may be NULL) is FALSE when it was linked already. */
gboolean        tl_store_link_feedback         (TlStore           *self,
                                                gint64             id,
                                                const char        *target,
                                                gboolean          *changed,
                                                GError           **error);
/* Takes the link away; *@changed FALSE when there was none. */
gboolean        tl_store_unlink_feedback       (TlStore           *self,
                                                gint64             id,
                                                const char        *target,
                                                gboolean          *changed,
                                                GError           **error);
/* The same for many items at once (one transaction unless inside
 * tl_store_begin()); items that do not exist are skipped.  Returns the
 * ids whose links really changed (for an undo), or NULL on failure. */
GArray         *tl_store_link_feedback_many    (TlStore           *self,
                                                const gint64      *ids,
                                                guint              n_ids,
                                                const char        *target,
                                                GError           **error);
GArray         *tl_store_unlink_feedback_many  (TlStore           *self,
                                                const gint64      *ids,
                                                guint              n_ids,
                                                const char        *target,
                                                GError           **error);
/* TRUE when @target is of the form "station:ID", "loop:ID" or
 * "cell:LAYER/TYPE" (whether or not the object exists). */
gboolean        tl_feedback_target_is_valid    (const char        *target);

/* ---- images of feedback (PNG and JPEG, stored in the file) ---- */

typedef struct {
  gint64  id;
  gint64  feedback_id;
  char    mime[16];      /* "image/png" or "image/jpeg" */
  guint   width;
  guint   height;
  gsize   size;          /* bytes */
} TlImageInfo;

/* Larger images are refused (TL_MODEL_ERROR_INVALID) */
#define TL_STORE_MAX_IMAGE_SIZE (32 * 1024 * 1024)

/* Attaches the PNG or JPEG image @data to item @feedback_id; the type
 * and size are read from the data itself (anything else, or a damaged
 * header: TL_MODEL_ERROR_INVALID).  @image_id > 0 puts it back with that
 * id (a redo), else a new one is chosen.  Returns the image id, or -1. */
gint64          tl_store_add_image             (TlStore           *self,
                                                gint64             feedback_id,
                                                GBytes            *data,
                                                gint64             image_id,
                                                GError           **error);
/* Images of item @feedback_id in the order they were added: an array of
 * TlImageInfo (no data); NULL on failure. */
GArray         *tl_store_list_images           (TlStore           *self,
                                                gint64             feedback_id,
                                                GError           **error);
/* The data of image @image_id, and (unless NULL) its @info;
 * TL_MODEL_ERROR_NOT_FOUND when there is none. */
GBytes         *tl_store_get_image             (TlStore           *self,
                                                gint64             image_id,
                                                TlImageInfo       *info,
                                                GError           **error);
/* *@removed (may be NULL) is FALSE when there was no such image. */
gboolean        tl_store_remove_image          (TlStore           *self,
                                                gint64             image_id,
                                                gboolean          *removed,
                                                GError           **error);
/* Reads the type and size of a PNG or JPEG image without decoding it;
 * FALSE for anything else. */
gboolean        tl_image_sniff                 (GBytes            *data,
                                                const char       **mime,
                                                guint             *width,
                                                guint             *height);

/* ---- finding feedback ---- */

/* All feedback ids in list order (newest date first, undated last, then
 * id).  Cheap enough for a million rows (8 MB); a list model pages items
 * by them. */
GArray         *tl_store_list_feedback_ids     (TlStore           *self,
                                                GError           **error);
/* The ids of the feedback whose text contains @query (case-insensitive
 * for Latin letters), in list order; tl_store_query_feedback_ids() with
 * only a text.  An empty @query matches everything. */
GArray         *tl_store_search_feedback_ids   (TlStore           *self,
                                                const char        *query,
                                                GError           **error);

typedef enum {
  TL_FEEDBACK_SORT_DATE,
  TL_FEEDBACK_SORT_RATING,
  TL_FEEDBACK_SORT_SOURCE,
  TL_FEEDBACK_SORT_STAGE,
  TL_FEEDBACK_SORT_TEXT,
} TlFeedbackSort;

typedef enum {
  TL_LINK_FILTER_ANY,
  TL_LINK_FILTER_LINKED,     /* at least one link */
  TL_LINK_FILTER_UNLINKED,   /* none */
} TlLinkFilter;

typedef enum {
  TL_IMAGE_FILTER_ANY,
  TL_IMAGE_FILTER_WITH,
  TL_IMAGE_FILTER_WITHOUT,
} TlImageFilter;

/* Stage bits of TlFeedbackQuery.stages and of counts */
#define TL_STAGE_BIT(stage)   (1u << ((stage) - 'A'))   /* 'A'..'F' */
#define TL_STAGE_BIT_UNKNOWN  (1u << 6)
#define TL_N_STAGE_COUNTS     7                         /* A–F, unknown */

/* What the feedback list shows.  Fields left as tl_feedback_query_new()
 * set them filter nothing; every filter set must hold (AND). */
typedef struct {
  char          *text;          /* substring of the text, case-insensitive for
                                 * Latin letters; NULL or "" for any */
  guint          stages;        /* TL_STAGE_BIT()s and TL_STAGE_BIT_UNKNOWN; 0 for any */
  char          *source;        /* exactly this source; NULL for any */
  double         rating_min;    /* NAN for no bound; a bound leaves out */
  double         rating_max;    /* unrated items; inclusive */
  char          *date_from;     /* ISO date or date-time, inclusive; NULL for */
  char          *date_to;       /* no bound (a bare date includes all of that
                                 * day); a bound leaves out undated items */
  char          *tag;           /* one of the item's tags (split at , ; ，；、),
                                 * case-insensitive for Latin letters */
  TlImageFilter  images;
  TlLinkFilter   linked;
  char          *linked_to;     /* "station:ID", "loop:ID", "cell:L/T": what
                                 * counts towards its evidence (a loop's
                                 * includes its stations'); NULL for any */
  gboolean       direct_links;  /* linked_to counts direct links only */
  TlFeedbackSort sort;
  gboolean       descending;    /* with TL_FEEDBACK_SORT_DATE: newest first,
                                 * undated last; ties by id, reversed when
                                 * ascending, so that the one order is the
                                 * other backwards */
  guint          offset;        /* rows to skip */
  guint          limit;         /* at most this many ids; 0 for all */
} TlFeedbackQuery;

#define TL_TYPE_FEEDBACK_QUERY (tl_feedback_query_get_type ())
GType            tl_feedback_query_get_type    (void) G_GNUC_CONST;
/* A query for everything in list order (date, descending). */
TlFeedbackQuery *tl_feedback_query_new         (void);
TlFeedbackQuery *tl_feedback_query_copy        (const TlFeedbackQuery *query);
void             tl_feedback_query_free        (TlFeedbackQuery       *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlFeedbackQuery, tl_feedback_query_free)

/* The ids of the feedback @query matches, in its order.  Text of three
 * characters or more goes through the trigram index, one or two through
 * the character-pair index; a first page (limit) comes without sorting
 * everything when many items match.  G_IO_ERROR_CANCELLED when
 * @cancellable is cancelled meanwhile (from another thread: the query
 * stops at once). */
GArray         *tl_store_query_feedback_ids    (TlStore               *self,
                                                const TlFeedbackQuery *query,
                                                GCancellable          *cancellable,
                                                GError               **error);
/* The same over a connection of its own in a worker thread (reads what
 * was committed), so that a big query does not stall the window. */
void            tl_store_query_feedback_ids_async  (TlStore               *self,
                                                    const TlFeedbackQuery *query,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
GArray         *tl_store_query_feedback_ids_finish (TlStore               *self,
                                                    GAsyncResult          *result,
                                                    GError               **error);

/* The items for @ids, in the same order (missing ids are skipped), with
 * every field, their links and number of images. */
GPtrArray      *tl_store_fetch_feedback        (TlStore           *self,
                                                const gint64      *ids,
                                                guint              n_ids,
                                                GError           **error);

/* ---- who said it ---- */

/* Items by customer stage: @counts[0..5] for A–F, @counts[6] for none.
 * @target NULL counts all feedback; "station:ID", "loop:ID" (with its
 * stations', each item once) or "cell:L/T" the items of its evidence. */
gboolean        tl_store_count_by_stage        (TlStore           *self,
                                                const char        *target,
                                                guint64            counts[TL_N_STAGE_COUNTS],
                                                GError           **error);

typedef struct {
  char    *source;   /* NULL for items without a source */
  guint64  count;
} TlSourceCount;

/* Items by source, most first (ties by source): an array of
 * TlSourceCount that frees its sources itself; @target as above. */
GArray         *tl_store_count_by_source       (TlStore           *self,
                                                const char        *target,
                                                GError           **error);

/* ---- evidence ---- */

/* Recomputes every evidence aggregate from the links, writes them and
 * gives them to the document.  Never needed in normal use (the store
 * keeps them current and recomputes when the half-life or the scale
 * changes); for repairs and tests. */
gboolean        tl_store_recompute_evidence    (TlStore           *self,
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
