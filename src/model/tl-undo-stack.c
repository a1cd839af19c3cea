/* tl-undo-stack.c
 *
 * Applied commands live in commands[0 .. top); commands[top ..] can be
 * redone.  saved is the value top had when the document was last saved,
 * or -1 when no sequence of undo/redo leads back there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-command.h"
#include "tl-document.h"
#include "tl-undo-stack.h"

struct _TlUndoStack
{
  GObject     parent_instance;

  TlDocument *document;
  GPtrArray  *commands;
  guint       top;
  gint64      saved;
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_MODIFIED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TlUndoStack, tl_undo_stack, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

typedef struct {
  gboolean    can_undo;
  gboolean    can_redo;
  gboolean    modified;
  const char *undo_label;
  const char *redo_label;
} Snapshot;

static Snapshot
snapshot (TlUndoStack *self)
{
  Snapshot s = {
    tl_undo_stack_get_can_undo (self),
    tl_undo_stack_get_can_redo (self),
    tl_undo_stack_get_modified (self),
    tl_undo_stack_get_undo_label (self),
    tl_undo_stack_get_redo_label (self),
  };
  return s;
}

/* Notifies exactly the properties that changed since @before. */
static void
notify_changes (TlUndoStack    *self,
                const Snapshot *before)
{
  Snapshot after = snapshot (self);

  if (before->can_undo != after.can_undo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (before->can_redo != after.can_redo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (before->modified != after.modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  if (before->undo_label != after.undo_label)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  if (before->redo_label != after.redo_label)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
}

static void
tl_undo_stack_finalize (GObject *object)
{
  TlUndoStack *self = (TlUndoStack *)object;

  g_clear_pointer (&self->commands, g_ptr_array_unref);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (tl_undo_stack_parent_class)->finalize (object);
}

static void
tl_undo_stack_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TlUndoStack *self = TL_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, tl_undo_stack_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, tl_undo_stack_get_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, tl_undo_stack_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, tl_undo_stack_get_redo_label (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, tl_undo_stack_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_undo_stack_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TlUndoStack *self = TL_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_undo_stack_class_init (TlUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tl_undo_stack_finalize;
  object_class->get_property = tl_undo_stack_get_property;
  object_class->set_property = tl_undo_stack_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, TL_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tl_undo_stack_init (TlUndoStack *self)
{
  self->commands = g_ptr_array_new_with_free_func (g_object_unref);
  self->saved = 0;
}

TlUndoStack *
tl_undo_stack_new (TlDocument *document)
{
  g_return_val_if_fail (TL_IS_DOCUMENT (document), NULL);
  return g_object_new (TL_TYPE_UNDO_STACK, "document", document, NULL);
}

TlDocument *
tl_undo_stack_get_document (TlUndoStack *self)
{
  g_return_val_if_fail (TL_IS_UNDO_STACK (self), NULL);
  return self->document;
}

gboolean
tl_undo_stack_push (TlUndoStack *self,
                    TlCommand   *command,
                    GError     **error)
{
  Snapshot before;

  g_return_val_if_fail (TL_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (TL_IS_COMMAND (command), FALSE);

  before = snapshot (self);

  if (!tl_command_apply (command, self->document, error))
    return FALSE;

  /* A new step forgets what could be redone, and with it a saved point
   * that lay among those steps. */
  if (self->top < self->commands->len)
    {
      if (self->saved > (gint64)self->top)
        self->saved = -1;
      g_ptr_array_set_size (self->commands, self->top);
    }

  /* Never merge into the step the saved point rests on: undoing the merged
   * step must still lead back to the saved state. */
  if (self->top > 0 && self->saved != (gint64)self->top &&
      tl_command_merge (g_ptr_array_index (self->commands, self->top - 1), command))
    {
      notify_changes (self, &before);
      return TRUE;
    }

  g_ptr_array_add (self->commands, g_object_ref (command));
  self->top++;
  notify_changes (self, &before);
  return TRUE;
}

gboolean
tl_undo_stack_undo (TlUndoStack *self)
{
  Snapshot before;

  g_return_val_if_fail (TL_IS_UNDO_STACK (self), FALSE);

  if (self->top == 0)
    return FALSE;

  before = snapshot (self);
  self->top--;
  tl_command_revert (g_ptr_array_index (self->commands, self->top), self->document);
  notify_changes (self, &before);
  return TRUE;
}

gboolean
tl_undo_stack_redo (TlUndoStack *self)
{
  g_autoptr(GError) error = NULL;
  Snapshot before;

  g_return_val_if_fail (TL_IS_UNDO_STACK (self), FALSE);

  if (self->top >= self->commands->len)
    return FALSE;

  before = snapshot (self);
  if (!tl_command_apply (g_ptr_array_index (self->commands, self->top), self->document, &error))
    {
      /* A step that applied once applies again on the same state; if it
       * does not, the history is no longer trustworthy past here. */
      g_warning ("Cannot redo: %s", error->message);
      g_ptr_array_set_size (self->commands, self->top);
      notify_changes (self, &before);
      return FALSE;
    }

  self->top++;
  notify_changes (self, &before);
  return TRUE;
}

gboolean
tl_undo_stack_get_can_undo (TlUndoStack *self)
{
  g_return_val_if_fail (TL_IS_UNDO_STACK (self), FALSE);
  return self->top > 0;
}

gboolean
tl_undo_stack_get_can_redo (TlUndoStack *self)
{
  g_return_val_if_fail (TL_IS_UNDO_STACK (self), FALSE);
  return self->top < self->commands->len;
}

const char *
tl_undo_stack_get_undo_label (TlUndoStack *self)
{
  g_return_val_if_fail (TL_IS_UNDO_STACK (self), NULL);
  if (self->top == 0)
    return NULL;
  return tl_command_get_label (g_ptr_array_index (self->commands, self->top - 1));
}

const char *
tl_undo_stack_get_redo_label (TlUndoStack *self)
{
  g_return_val_if_fail (TL_IS_UNDO_STACK (self), NULL);
  if (self->top >= self->commands->len)
    return NULL;
  return tl_command_get_label (g_ptr_array_index (self->commands, self->top));
}

void
tl_undo_stack_mark_saved (TlUndoStack *self)
{
  Snapshot before;

  g_return_if_fail (TL_IS_UNDO_STACK (self));

  before = snapshot (self);
  self->saved = self->top;
  notify_changes (self, &before);
}

void
tl_undo_stack_mark_unsaved (TlUndoStack *self)
{
  Snapshot before;

  g_return_if_fail (TL_IS_UNDO_STACK (self));

  before = snapshot (self);
  self->saved = -1;
  notify_changes (self, &before);
}

gboolean
tl_undo_stack_get_modified (TlUndoStack *self)
{
  g_return_val_if_fail (TL_IS_UNDO_STACK (self), FALSE);
  return self->saved != (gint64)self->top;
}

void
tl_undo_stack_clear (TlUndoStack *self)
{
  gboolean modified;
  Snapshot before;

  g_return_if_fail (TL_IS_UNDO_STACK (self));

  before = snapshot (self);
  modified = tl_undo_stack_get_modified (self);
  g_ptr_array_set_size (self->commands, 0);
  self->top = 0;
  self->saved = modified ? -1 : 0;
  notify_changes (self, &before);
}
