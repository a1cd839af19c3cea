/* tl-feedback-commands.c: undoable changes to feedback
 *
 * What a command needs to undo itself it keeps small: ids, the old values
 * of the fields it edits, the data of an image it removed.  Items it
 * deletes (or an addition it undoes) are set aside by the store in
 * temporary tables of its connection (_tl_store_snapshot_take()), so an
 * undo of a million-item import costs no memory here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-feedback-commands.h"
#include "tl-store-private.h"

/* Every command changes the store's own document only. */
static gboolean
check_store (TlStore     *store,
             TlDocument  *document,
             GError     **error)
{
  if (tl_store_get_document (store) != document)
    {
      g_set_error_literal (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID,
                           _("This change belongs to another document."));
      return FALSE;
    }
  return _tl_store_check_writable (store, error);
}

/* Revert cannot fail by its signature; the disk can. */
static void
report_revert_failure (TlStore    *store,
                       GError     *error)
{
  g_message ("Could not undo a change of feedback in %s: %s",
             tl_store_get_path (store), error ? error->message : "?");
}

/* ---- TlAddFeedbackCommand ------------------------------------------------- */

struct _TlAddFeedbackCommand
{
  TlCommand   parent_instance;

  TlStore    *store;
  GPtrArray  *items;       /* for the first apply; NULL after it */
  GArray     *ids;         /* gint64 */
  guint64     snapshot;    /* while reverted */
};

G_DEFINE_FINAL_TYPE (TlAddFeedbackCommand, tl_add_feedback_command, TL_TYPE_COMMAND)

static gboolean
tl_add_feedback_command_apply (TlCommand   *command,
                               TlDocument  *document,
                               GError     **error)
{
  TlAddFeedbackCommand *self = TL_ADD_FEEDBACK_COMMAND (command);
  gboolean own_transaction;

  if (!check_store (self->store, document, error))
    return FALSE;

  if (self->items == NULL)
    {
      /* Again after an undo (or an import's first, committed already) */
      if (self->snapshot == 0)
        return TRUE;
      if (!_tl_store_snapshot_restore (self->store, self->snapshot, error))
        return FALSE;
      _tl_store_snapshot_drop (self->store, self->snapshot);
      self->snapshot = 0;
      return TRUE;
    }

  own_transaction = !self->store->in_transaction;
  if (own_transaction && !tl_store_begin (self->store, error))
    return FALSE;

  for (guint i = 0; i < self->items->len; i++)
    {
      gint64 id = tl_store_add_feedback_full (self->store, g_ptr_array_index (self->items, i),
                                              TL_ADD_DEFAULT, NULL, error);

      if (id < 0)
        {
          if (own_transaction)
            tl_store_rollback (self->store);
          g_array_set_size (self->ids, 0);
          return FALSE;
        }
      g_array_append_val (self->ids, id);
    }

  if (own_transaction && !tl_store_commit (self->store, error))
    {
      tl_store_rollback (self->store);
      g_array_set_size (self->ids, 0);
      return FALSE;
    }

  g_clear_pointer (&self->items, g_ptr_array_unref);
  return TRUE;
}

static void
tl_add_feedback_command_revert (TlCommand  *command,
                                TlDocument *document)
{
  TlAddFeedbackCommand *self = TL_ADD_FEEDBACK_COMMAND (command);
  g_autoptr(GError) error = NULL;
  const gint64 *ids = (const gint64 *)self->ids->data;
  gboolean own_transaction = !self->store->in_transaction;

  /* Set aside and deleted in one transaction: both or neither */
  if (own_transaction && !tl_store_begin (self->store, &error))
    goto failed;

  self->snapshot = _tl_store_snapshot_take (self->store, ids, self->ids->len, &error);
  if (self->snapshot == 0 || tl_store_delete_feedback (self->store, ids, self->ids->len, &error) < 0)
    {
      if (own_transaction)
        tl_store_rollback (self->store);
      _tl_store_snapshot_drop (self->store, self->snapshot);
      self->snapshot = 0;
      goto failed;
    }

  if (own_transaction && !tl_store_commit (self->store, &error))
    {
      tl_store_rollback (self->store);
      _tl_store_snapshot_drop (self->store, self->snapshot);
      self->snapshot = 0;
      goto failed;
    }
  return;

failed:
  report_revert_failure (self->store, error);
}

static void
tl_add_feedback_command_finalize (GObject *object)
{
  TlAddFeedbackCommand *self = (TlAddFeedbackCommand *)object;

  if (self->snapshot != 0)
    _tl_store_snapshot_drop (self->store, self->snapshot);
  g_clear_object (&self->store);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->ids, g_array_unref);

  G_OBJECT_CLASS (tl_add_feedback_command_parent_class)->finalize (object);
}

static void
tl_add_feedback_command_class_init (TlAddFeedbackCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TlCommandClass *command_class = TL_COMMAND_CLASS (klass);

  object_class->finalize = tl_add_feedback_command_finalize;
  command_class->apply = tl_add_feedback_command_apply;
  command_class->revert = tl_add_feedback_command_revert;
}

static void
tl_add_feedback_command_init (TlAddFeedbackCommand *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

TlCommand *
tl_add_feedback_command_new (TlStore                *store,
                             TlFeedbackItem * const *items,
                             guint                   n_items)
{
  TlAddFeedbackCommand *self;

  g_return_val_if_fail (TL_IS_STORE (store), NULL);
  g_return_val_if_fail (items != NULL || n_items == 0, NULL);

  self = g_object_new (TL_TYPE_ADD_FEEDBACK_COMMAND, NULL);
  self->store = g_object_ref (store);
  self->items = g_ptr_array_new_full (n_items, g_object_unref);
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (self->items, g_object_ref (items[i]));

  tl_command_set_label (TL_COMMAND (self), _("Add Feedback"));
  return TL_COMMAND (self);
}

TlCommand *
tl_add_feedback_command_new_imported (TlStore      *store,
                                      const gint64 *ids,
                                      guint         n_ids)
{
  TlAddFeedbackCommand *self;

  g_return_val_if_fail (TL_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  self = g_object_new (TL_TYPE_ADD_FEEDBACK_COMMAND, NULL);
  self->store = g_object_ref (store);
  g_array_append_vals (self->ids, ids, n_ids);

  tl_command_set_label (TL_COMMAND (self), _("Import Feedback"));
  return TL_COMMAND (self);
}

const gint64 *
tl_add_feedback_command_get_ids (TlAddFeedbackCommand *self,
                                 guint                *n_ids)
{
  g_return_val_if_fail (TL_IS_ADD_FEEDBACK_COMMAND (self), NULL);

  if (n_ids != NULL)
    *n_ids = self->ids->len;
  return (const gint64 *)self->ids->data;
}

/* ---- TlEditFeedbackCommand ----------------------------------------------- */

struct _TlEditFeedbackCommand
{
  TlCommand         parent_instance;

  TlStore          *store;
  TlFeedbackItem   *values;
  TlFeedbackItem   *old;
  TlFeedbackFields  fields;
  gboolean          mergeable;
};

G_DEFINE_FINAL_TYPE (TlEditFeedbackCommand, tl_edit_feedback_command, TL_TYPE_COMMAND)

static gboolean
tl_edit_feedback_command_apply (TlCommand   *command,
                                TlDocument  *document,
                                GError     **error)
{
  TlEditFeedbackCommand *self = TL_EDIT_FEEDBACK_COMMAND (command);
  g_autoptr(TlFeedbackItem) old = NULL;

  if (!check_store (self->store, document, error))
    return FALSE;

  if (!(old = tl_store_get_feedback (self->store, tl_feedback_item_get_id (self->values), error)))
    return FALSE;
  if (!tl_store_update_feedback (self->store, self->values, self->fields, NULL, error))
    return FALSE;

  g_set_object (&self->old, old);
  return TRUE;
}

static void
tl_edit_feedback_command_revert (TlCommand  *command,
                                 TlDocument *document)
{
  TlEditFeedbackCommand *self = TL_EDIT_FEEDBACK_COMMAND (command);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->old != NULL);

  if (!tl_store_update_feedback (self->store, self->old, self->fields, NULL, &error))
    report_revert_failure (self->store, error);
}

static gboolean
tl_edit_feedback_command_merge (TlCommand *command,
                                TlCommand *next_command)
{
  TlEditFeedbackCommand *self = TL_EDIT_FEEDBACK_COMMAND (command);
  TlEditFeedbackCommand *next;

  if (!TL_IS_EDIT_FEEDBACK_COMMAND (next_command))
    return FALSE;

  next = TL_EDIT_FEEDBACK_COMMAND (next_command);
  if (!self->mergeable || !next->mergeable ||
      self->store != next->store ||
      self->fields != next->fields ||
      tl_feedback_item_get_id (self->values) != tl_feedback_item_get_id (next->values))
    return FALSE;

  /* Reverting the pair goes back to what was before self */
  g_set_object (&self->values, next->values);
  return TRUE;
}

static void
tl_edit_feedback_command_finalize (GObject *object)
{
  TlEditFeedbackCommand *self = (TlEditFeedbackCommand *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->values);
  g_clear_object (&self->old);

  G_OBJECT_CLASS (tl_edit_feedback_command_parent_class)->finalize (object);
}

static void
tl_edit_feedback_command_class_init (TlEditFeedbackCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TlCommandClass *command_class = TL_COMMAND_CLASS (klass);

  object_class->finalize = tl_edit_feedback_command_finalize;
  command_class->apply = tl_edit_feedback_command_apply;
  command_class->revert = tl_edit_feedback_command_revert;
  command_class->merge = tl_edit_feedback_command_merge;
}

static void
tl_edit_feedback_command_init (TlEditFeedbackCommand *self)
{
}

/* A copy of @item, so that the caller may go on changing theirs */
static TlFeedbackItem *
copy_item (TlFeedbackItem *item)
{
  TlFeedbackItem *copy = tl_feedback_item_new (tl_feedback_item_get_id (item));

  tl_feedback_item_set_text (copy, tl_feedback_item_get_text (item));
  tl_feedback_item_set_source (copy, tl_feedback_item_get_source (item));
  tl_feedback_item_set_date (copy, tl_feedback_item_get_date (item));
  tl_feedback_item_set_stage (copy, tl_feedback_item_get_stage (item));
  if (tl_feedback_item_has_rating (item))
    tl_feedback_item_set_rating (copy, tl_feedback_item_get_rating (item));
  tl_feedback_item_set_respondent (copy, tl_feedback_item_get_respondent (item));
  tl_feedback_item_set_tags (copy, tl_feedback_item_get_tags (item));
  tl_feedback_item_set_phase (copy, tl_feedback_item_get_phase (item));
  tl_feedback_item_set_rating_original (copy, tl_feedback_item_get_rating_original (item));
  tl_feedback_item_set_links (copy, tl_feedback_item_get_links (item));
  tl_feedback_item_set_n_images (copy, tl_feedback_item_get_n_images (item));
  return copy;
}

static const struct {
  TlFeedbackFields  field;
  const char       *label;
} edit_labels[] = {
  { TL_FEEDBACK_FIELD_TEXT, N_("Edit Feedback Text") },
  { TL_FEEDBACK_FIELD_SOURCE, N_("Change Feedback Source") },
  { TL_FEEDBACK_FIELD_DATE, N_("Change Feedback Date") },
  { TL_FEEDBACK_FIELD_STAGE, N_("Change Customer Stage") },
  { TL_FEEDBACK_FIELD_RATING, N_("Change Rating") },
  { TL_FEEDBACK_FIELD_RESPONDENT, N_("Change Respondent") },
  { TL_FEEDBACK_FIELD_TAGS, N_("Edit Tags") },
  { TL_FEEDBACK_FIELD_PHASE, N_("Change Channel Phase") },
};

TlCommand *
tl_edit_feedback_command_new (TlStore           *store,
                              TlFeedbackItem    *values,
                              TlFeedbackFields   fields,
                              gboolean           mergeable)
{
  TlEditFeedbackCommand *self;
  const char *label = N_("Edit Feedback");

  g_return_val_if_fail (TL_IS_STORE (store), NULL);
  g_return_val_if_fail (TL_IS_FEEDBACK_ITEM (values), NULL);
  g_return_val_if_fail ((fields & ~TL_FEEDBACK_FIELD_ALL) == 0 && fields != 0, NULL);

  self = g_object_new (TL_TYPE_EDIT_FEEDBACK_COMMAND, NULL);
  self->store = g_object_ref (store);
  self->values = copy_item (values);
  self->fields = fields;
  self->mergeable = mergeable;

  for (guint i = 0; i < G_N_ELEMENTS (edit_labels); i++)
    if (fields == edit_labels[i].field)
      label = edit_labels[i].label;
  tl_command_set_label (TL_COMMAND (self), _(label));
  return TL_COMMAND (self);
}

/* ---- TlDeleteFeedbackCommand -------------------------------------------- */

struct _TlDeleteFeedbackCommand
{
  TlCommand  parent_instance;

  TlStore   *store;
  GArray    *ids;
  guint64    snapshot;    /* while applied */
};

G_DEFINE_FINAL_TYPE (TlDeleteFeedbackCommand, tl_delete_feedback_command, TL_TYPE_COMMAND)

static gboolean
tl_delete_feedback_command_apply (TlCommand   *command,
                                  TlDocument  *document,
                                  GError     **error)
{
  TlDeleteFeedbackCommand *self = TL_DELETE_FEEDBACK_COMMAND (command);
  const gint64 *ids = (const gint64 *)self->ids->data;
  gboolean own_transaction;
  guint64 snapshot;

  if (!check_store (self->store, document, error))
    return FALSE;

  own_transaction = !self->store->in_transaction;
  if (own_transaction && !tl_store_begin (self->store, error))
    return FALSE;

  snapshot = _tl_store_snapshot_take (self->store, ids, self->ids->len, error);
  if (snapshot == 0 ||
      tl_store_delete_feedback (self->store, ids, self->ids->len, error) < 0 ||
      (own_transaction && !tl_store_commit (self->store, error)))
    {
      if (own_transaction)
        tl_store_rollback (self->store);
      _tl_store_snapshot_drop (self->store, snapshot);
      return FALSE;
    }

  self->snapshot = snapshot;
  return TRUE;
}

static void
tl_delete_feedback_command_revert (TlCommand  *command,
                                   TlDocument *document)
{
  TlDeleteFeedbackCommand *self = TL_DELETE_FEEDBACK_COMMAND (command);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->snapshot != 0);

  if (!_tl_store_snapshot_restore (self->store, self->snapshot, &error))
    {
      report_revert_failure (self->store, error);
      return;
    }
  _tl_store_snapshot_drop (self->store, self->snapshot);
  self->snapshot = 0;
}

static void
tl_delete_feedback_command_finalize (GObject *object)
{
  TlDeleteFeedbackCommand *self = (TlDeleteFeedbackCommand *)object;

  if (self->snapshot != 0)
    _tl_store_snapshot_drop (self->store, self->snapshot);
  g_clear_object (&self->store);
  g_clear_pointer (&self->ids, g_array_unref);

  G_OBJECT_CLASS (tl_delete_feedback_command_parent_class)->finalize (object);
}

static void
tl_delete_feedback_command_class_init (TlDeleteFeedbackCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TlCommandClass *command_class = TL_COMMAND_CLASS (klass);

  object_class->finalize = tl_delete_feedback_command_finalize;
  command_class->apply = tl_delete_feedback_command_apply;
  command_class->revert = tl_delete_feedback_command_revert;
}

static void
tl_delete_feedback_command_init (TlDeleteFeedbackCommand *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

TlCommand *
tl_delete_feedback_command_new (TlStore      *store,
                                const gint64 *ids,
                                guint         n_ids)
{
  TlDeleteFeedbackCommand *self;

  g_return_val_if_fail (TL_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  self = g_object_new (TL_TYPE_DELETE_FEEDBACK_COMMAND, NULL);
  self->store = g_object_ref (store);
  g_array_append_vals (self->ids, ids, n_ids);

  tl_command_set_label (TL_COMMAND (self), _("Delete Feedback"));
  return TL_COMMAND (self);
}

/* ---- TlLinkFeedbackCommand ---------------------------------------------- */

struct _TlLinkFeedbackCommand
{
  TlCommand  parent_instance;

  TlStore   *store;
  GArray    *ids;
  GArray    *changed;    /* the ids whose link came or went */
  char      *target;
  gboolean   unlink;
};

G_DEFINE_FINAL_TYPE (TlLinkFeedbackCommand, tl_link_feedback_command, TL_TYPE_COMMAND)

static gboolean
tl_link_feedback_command_apply (TlCommand   *command,
                                TlDocument  *document,
                                GError     **error)
{
  TlLinkFeedbackCommand *self = TL_LINK_FEEDBACK_COMMAND (command);
  const gint64 *ids = (const gint64 *)self->ids->data;
  GArray *changed;

  if (!check_store (self->store, document, error))
    return FALSE;

  changed = self->unlink
    ? tl_store_unlink_feedback_many (self->store, ids, self->ids->len, self->target, error)
    : tl_store_link_feedback_many (self->store, ids, self->ids->len, self->target, error);
  if (changed == NULL)
    return FALSE;

  g_clear_pointer (&self->changed, g_array_unref);
  self->changed = changed;
  return TRUE;
}

static void
tl_link_feedback_command_revert (TlCommand  *command,
                                 TlDocument *document)
{
  TlLinkFeedbackCommand *self = TL_LINK_FEEDBACK_COMMAND (command);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) undone = NULL;
  const gint64 *ids;

  g_return_if_fail (self->changed != NULL);

  ids = (const gint64 *)self->changed->data;
  undone = self->unlink
    ? tl_store_link_feedback_many (self->store, ids, self->changed->len, self->target, &error)
    : tl_store_unlink_feedback_many (self->store, ids, self->changed->len, self->target, &error);
  if (undone == NULL)
    report_revert_failure (self->store, error);
}

static void
tl_link_feedback_command_finalize (GObject *object)
{
  TlLinkFeedbackCommand *self = (TlLinkFeedbackCommand *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->changed, g_array_unref);
  g_clear_pointer (&self->target, g_free);

  G_OBJECT_CLASS (tl_link_feedback_command_parent_class)->finalize (object);
}

static void
tl_link_feedback_command_class_init (TlLinkFeedbackCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TlCommandClass *command_class = TL_COMMAND_CLASS (klass);

  object_class->finalize = tl_link_feedback_command_finalize;
  command_class->apply = tl_link_feedback_command_apply;
  command_class->revert = tl_link_feedback_command_revert;
}

static void
tl_link_feedback_command_init (TlLinkFeedbackCommand *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

TlCommand *
tl_link_feedback_command_new (TlStore      *store,
                              const gint64 *ids,
                              guint         n_ids,
                              const char   *target,
                              gboolean      unlink)
{
  TlLinkFeedbackCommand *self;

  g_return_val_if_fail (TL_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);
  g_return_val_if_fail (target != NULL, NULL);

  self = g_object_new (TL_TYPE_LINK_FEEDBACK_COMMAND, NULL);
  self->store = g_object_ref (store);
  g_array_append_vals (self->ids, ids, n_ids);
  self->target = g_strdup (target);
  self->unlink = unlink;

  tl_command_set_label (TL_COMMAND (self), unlink ? _("Unlink Feedback") : _("Link Feedback"));
  return TL_COMMAND (self);
}

/* ---- TlImageCommand ------------------------------------------------------- */

struct _TlImageCommand
{
  TlCommand  parent_instance;

  TlStore   *store;
  gboolean   remove;
  gint64     feedback_id;
  gint64     image_id;     /* 0 until known */
  GBytes    *data;         /* to add, or what was removed */
};

G_DEFINE_FINAL_TYPE (TlImageCommand, tl_image_command, TL_TYPE_COMMAND)

static gboolean
image_add (TlImageCommand  *self,
           GError         **error)
{
  gint64 id = tl_store_add_image (self->store, self->feedback_id, self->data, self->image_id, error);

  if (id < 0)
    return FALSE;
  self->image_id = id;
  return TRUE;
}

static gboolean
image_remove (TlImageCommand  *self,
              GError         **error)
{
  TlImageInfo info;
  g_autoptr(GBytes) data = tl_store_get_image (self->store, self->image_id, &info, error);
  gboolean removed = FALSE;

  if (data == NULL || !tl_store_remove_image (self->store, self->image_id, &removed, error))
    return FALSE;

  self->feedback_id = info.feedback_id;
  g_clear_pointer (&self->data, g_bytes_unref);
  self->data = g_steal_pointer (&data);
  return TRUE;
}

static gboolean
tl_image_command_apply (TlCommand   *command,
                        TlDocument  *document,
                        GError     **error)
{
  TlImageCommand *self = TL_IMAGE_COMMAND (command);

  if (!check_store (self->store, document, error))
    return FALSE;
  return self->remove ? image_remove (self, error) : image_add (self, error);
}

static void
tl_image_command_revert (TlCommand  *command,
                         TlDocument *document)
{
  TlImageCommand *self = TL_IMAGE_COMMAND (command);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->remove)
    ok = image_add (self, &error);
  else
    ok = tl_store_remove_image (self->store, self->image_id, NULL, &error);

  if (!ok)
    report_revert_failure (self->store, error);
}

static void
tl_image_command_finalize (GObject *object)
{
  TlImageCommand *self = (TlImageCommand *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->data, g_bytes_unref);

  G_OBJECT_CLASS (tl_image_command_parent_class)->finalize (object);
}

static void
tl_image_command_class_init (TlImageCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TlCommandClass *command_class = TL_COMMAND_CLASS (klass);

  object_class->finalize = tl_image_command_finalize;
  command_class->apply = tl_image_command_apply;
  command_class->revert = tl_image_command_revert;
}

static void
tl_image_command_init (TlImageCommand *self)
{
}

TlCommand *
tl_add_image_command_new (TlStore *store,
                          gint64   feedback_id,
                          GBytes  *data)
{
  TlImageCommand *self;

  g_return_val_if_fail (TL_IS_STORE (store), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  self = g_object_new (TL_TYPE_IMAGE_COMMAND, NULL);
  self->store = g_object_ref (store);
  self->feedback_id = feedback_id;
  self->data = g_bytes_ref (data);
  tl_command_set_label (TL_COMMAND (self), _("Attach Image"));
  return TL_COMMAND (self);
}

TlCommand *
tl_remove_image_command_new (TlStore *store,
                             gint64   image_id)
{
  TlImageCommand *self;

  g_return_val_if_fail (TL_IS_STORE (store), NULL);

  self = g_object_new (TL_TYPE_IMAGE_COMMAND, NULL);
  self->store = g_object_ref (store);
  self->remove = TRUE;
  self->image_id = image_id;
  tl_command_set_label (TL_COMMAND (self), _("Remove Image"));
  return TL_COMMAND (self);
}

gint64
tl_image_command_get_image_id (TlImageCommand *self)
{
  g_return_val_if_fail (TL_IS_IMAGE_COMMAND (self), 0);
  return self->image_id;
}
