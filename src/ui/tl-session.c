/* tl-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <math.h>

#include "tl-session.h"
#include "tl-theme.h"

/* How many documents' view state views.ini remembers: the least recently
 * used go first. */
#define VIEW_STATE_MAX_DOCUMENTS 200

struct _TlSession
{
  GObject        parent_instance;

  TlWorkingCopy *working_copy;
  TlUndoStack   *undo_stack;
  char          *selected_kind;
  char          *selected_id;
  char          *focus_loop;
  /* page name → CanvasZoom: view state, never written to the file */
  GHashTable    *canvas_zoom;
  gboolean       closed;
  /* The stations selected together (view state); the primary selection
   * is one of them.  Reset to the primary one by any other selection. */
  GPtrArray     *selected_stations;
  gboolean       selecting_stations;
  /* Loops hidden from the diagram, NULL-terminated (view state) */
  GStrv          hidden_loops;
  char          *theme_name;
};

enum {
  PROP_0,
  PROP_WORKING_COPY,
  PROP_DOCUMENT,
  PROP_UNDO_STACK,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_SELECTED_KIND,
  PROP_SELECTED_ID,
  PROP_FOCUS_LOOP,
  PROP_SELECTED_STATIONS,
  PROP_HIDDEN_LOOPS,
  PROP_THEME_NAME,
  N_PROPS
};

typedef struct {
  double zoom;
  double center_x;
  double center_y;
} CanvasZoom;

G_DEFINE_FINAL_TYPE (TlSession, tl_session, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void load_view_state (TlSession *self);

static void
undo_stack_notify_modified_cb (TlUndoStack *stack,
                               GParamSpec  *pspec,
                               TlSession   *self)
{
  /* The sidecar remembers whether the copy holds unsaved work, so a crash
   * offers recovery only when there is something to recover. */
  if (!self->closed)
    tl_working_copy_set_modified (self->working_copy, tl_undo_stack_get_modified (stack));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
document_changed_cb (TlDocument   *document,
                     TlChangeKind  kind,
                     GObject      *object,
                     const char   *property,
                     TlSession    *self)
{
  /* A removed object can no longer be selected. */
  if (kind == TL_CHANGE_REMOVED && self->selected_id != NULL &&
      g_strcmp0 (tl_document_object_id (object), self->selected_id) == 0 &&
      g_strcmp0 (tl_document_object_kind (object), self->selected_kind) == 0)
    tl_session_select (self, NULL, NULL);

  /* Nor can a removed loop stay focused. */
  if (kind == TL_CHANGE_REMOVED && self->focus_loop != NULL &&
      g_strcmp0 (tl_document_object_kind (object), "loop") == 0 &&
      g_strcmp0 (tl_document_object_id (object), self->focus_loop) == 0)
    tl_session_set_focus_loop (self, NULL);
}

static void
tl_session_constructed (GObject *object)
{
  TlSession *self = (TlSession *)object;
  TlDocument *document;

  G_OBJECT_CLASS (tl_session_parent_class)->constructed (object);

  document = tl_working_copy_get_document (self->working_copy);
  self->undo_stack = tl_undo_stack_new (document);
  g_signal_connect_object (self->undo_stack, "notify::modified",
                           G_CALLBACK (undo_stack_notify_modified_cb), self, 0);
  g_signal_connect_object (document, "changed",
                           G_CALLBACK (document_changed_cb), self, 0);
  load_view_state (self);
}

static void
tl_session_dispose (GObject *object)
{
  TlSession *self = (TlSession *)object;

  g_clear_object (&self->undo_stack);
  g_clear_object (&self->working_copy);

  G_OBJECT_CLASS (tl_session_parent_class)->dispose (object);
}

static void
tl_session_finalize (GObject *object)
{
  TlSession *self = (TlSession *)object;

  g_clear_pointer (&self->selected_kind, g_free);
  g_clear_pointer (&self->selected_id, g_free);
  g_clear_pointer (&self->selected_stations, g_ptr_array_unref);
  g_clear_pointer (&self->focus_loop, g_free);
  g_clear_pointer (&self->canvas_zoom, g_hash_table_unref);
  g_clear_pointer (&self->hidden_loops, g_strfreev);
  g_clear_pointer (&self->theme_name, g_free);

  G_OBJECT_CLASS (tl_session_parent_class)->finalize (object);
}

static void
tl_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TlSession *self = TL_SESSION (object);

  switch (prop_id)
    {
    case PROP_WORKING_COPY:
      g_value_set_object (value, self->working_copy);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, tl_session_get_document (self));
      break;
    case PROP_UNDO_STACK:
      g_value_set_object (value, self->undo_stack);
      break;
    case PROP_FILE:
      g_value_set_object (value, tl_session_get_file (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, tl_session_get_modified (self));
      break;
    case PROP_SELECTED_KIND:
      g_value_set_string (value, self->selected_kind);
      break;
    case PROP_SELECTED_ID:
      g_value_set_string (value, self->selected_id);
      break;
    case PROP_FOCUS_LOOP:
      g_value_set_string (value, self->focus_loop);
      break;
    case PROP_SELECTED_STATIONS:
      {
        g_autoptr(GPtrArray) ids = tl_session_dup_selected_stations (self);

        g_ptr_array_add (ids, NULL);
        g_value_set_boxed (value, ids->pdata);
      }
      break;
    case PROP_HIDDEN_LOOPS:
      g_value_set_boxed (value, self->hidden_loops);
      break;
    case PROP_THEME_NAME:
      g_value_set_string (value, tl_session_get_theme_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TlSession *self = TL_SESSION (object);

  switch (prop_id)
    {
    case PROP_WORKING_COPY:
      self->working_copy = g_value_dup_object (value);
      break;
    case PROP_FOCUS_LOOP:
      tl_session_set_focus_loop (self, g_value_get_string (value));
      break;
    case PROP_THEME_NAME:
      tl_session_set_theme_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_session_class_init (TlSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tl_session_constructed;
  object_class->dispose = tl_session_dispose;
  object_class->finalize = tl_session_finalize;
  object_class->get_property = tl_session_get_property;
  object_class->set_property = tl_session_set_property;

  properties[PROP_WORKING_COPY] =
    g_param_spec_object ("working-copy", NULL, NULL, TL_TYPE_WORKING_COPY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, TL_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL, TL_TYPE_UNDO_STACK,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_KIND] =
    g_param_spec_string ("selected-kind", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ID] =
    g_param_spec_string ("selected-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOCUS_LOOP] =
    g_param_spec_string ("focus-loop", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The stations selected together, the primary one among them */
  properties[PROP_SELECTED_STATIONS] =
    g_param_spec_boxed ("selected-stations", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Loops hidden from the diagram */
  properties[PROP_HIDDEN_LOOPS] =
    g_param_spec_boxed ("hidden-loops", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THEME_NAME] =
    g_param_spec_string ("theme-name", NULL, NULL, "system",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* Replaces the selected stations by @ids (NULL-terminated); TRUE when
 * that changed them. */
static gboolean
replace_selected_stations (TlSession          *self,
                           const char * const *ids)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->selected_stations);
  gboolean changed;

  self->selected_stations = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < self->selected_stations->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (self->selected_stations, j), ids[i]);
      if (!seen)
        g_ptr_array_add (self->selected_stations, g_strdup (ids[i]));
    }

  changed = old->len != self->selected_stations->len;
  for (guint i = 0; i < old->len && !changed; i++)
    changed = !g_str_equal (g_ptr_array_index (old, i), g_ptr_array_index (self->selected_stations, i));
  return changed;
}

/* A selection made by tl_session_select() (the outline, a plain click)
 * selects that one station alone. */
static void
session_notify_selected_id_reset_cb (TlSession  *self,
                                     GParamSpec *pspec,
                                     gpointer    user_data)
{
  const char *ids[] = { NULL, NULL };

  if (self->selecting_stations)
    return;

  if (g_strcmp0 (self->selected_kind, "station") == 0)
    ids[0] = self->selected_id;
  if (replace_selected_stations (self, ids))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_STATIONS]);
}

static void
tl_session_init (TlSession *self)
{
  self->selected_stations = g_ptr_array_new_with_free_func (g_free);
  self->hidden_loops = g_new0 (char *, 1);
  g_signal_connect (self, "notify::selected-id",
                    G_CALLBACK (session_notify_selected_id_reset_cb), NULL);
  self->canvas_zoom = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

TlSession *
tl_session_new (TlWorkingCopy *working_copy)
{
  g_return_val_if_fail (TL_IS_WORKING_COPY (working_copy), NULL);
  return g_object_new (TL_TYPE_SESSION, "working-copy", working_copy, NULL);
}

TlWorkingCopy *
tl_session_get_working_copy (TlSession *self)
{
  g_return_val_if_fail (TL_IS_SESSION (self), NULL);
  return self->working_copy;
}

TlDocument *
tl_session_get_document (TlSession *self)
{
  g_return_val_if_fail (TL_IS_SESSION (self), NULL);
  return self->working_copy ? tl_working_copy_get_document (self->working_copy) : NULL;
}

TlStore *
tl_session_get_store (TlSession *self)
{
  g_return_val_if_fail (TL_IS_SESSION (self), NULL);
  return self->working_copy ? tl_working_copy_get_store (self->working_copy) : NULL;
}

TlUndoStack *
tl_session_get_undo_stack (TlSession *self)
{
  g_return_val_if_fail (TL_IS_SESSION (self), NULL);
  return self->undo_stack;
}

GFile *
tl_session_get_file (TlSession *self)
{
  g_return_val_if_fail (TL_IS_SESSION (self), NULL);
  return self->working_copy ? tl_working_copy_get_file (self->working_copy) : NULL;
}

gboolean
tl_session_get_modified (TlSession *self)
{
  g_return_val_if_fail (TL_IS_SESSION (self), FALSE);
  return self->undo_stack != NULL && tl_undo_stack_get_modified (self->undo_stack);
}

char *
tl_session_dup_display_name (TlSession *self)
{
  GFile *file;

  g_return_val_if_fail (TL_IS_SESSION (self), NULL);

  file = tl_session_get_file (self);
  if (file == NULL)
    return g_strdup (_("Untitled Document"));
  return g_file_get_basename (file);
}

gboolean
tl_session_run (TlSession  *self,
                TlCommand  *command,
                GError    **error)
{
  g_return_val_if_fail (TL_IS_SESSION (self), FALSE);
  g_return_val_if_fail (!self->closed, FALSE);
  return tl_undo_stack_push (self->undo_stack, command, error);
}

gboolean
tl_session_set (TlSession     *self,
                gpointer       target,
                const char    *property,
                const GValue  *value,
                gboolean       mergeable,
                GError       **error)
{
  g_autoptr(TlCommand) command = NULL;

  g_return_val_if_fail (TL_IS_SESSION (self), FALSE);

  command = tl_set_property_command_new (target, property, value, mergeable);
  return tl_session_run (self, command, error);
}

gboolean
tl_session_move_loop (TlSession   *self,
                      const char  *loop_id,
                      int          delta,
                      GError     **error)
{
  GListModel *loops;
  g_autoptr(TlCommand) command = NULL;
  guint n, position = G_MAXUINT;
  int target;

  g_return_val_if_fail (TL_IS_SESSION (self), FALSE);
  g_return_val_if_fail (loop_id != NULL, FALSE);

  loops = tl_document_get_loops (tl_session_get_document (self));
  n = g_list_model_get_n_items (loops);
  for (guint i = 0; i < n && position == G_MAXUINT; i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);

      if (g_str_equal (tl_loop_get_id (loop), loop_id))
        position = i;
    }

  target = position == G_MAXUINT ? 0 : CLAMP ((int) position + delta, 0, (int) n - 1);
  command = tl_move_loop_command_new (loop_id, target);
  return tl_session_run (self, command, error);
}

void
tl_session_select (TlSession  *self,
                   const char *kind,
                   const char *id)
{
  g_return_if_fail (TL_IS_SESSION (self));

  if (kind == NULL || id == NULL)
    kind = id = NULL;

  if (g_strcmp0 (kind, self->selected_kind) == 0 && g_strcmp0 (id, self->selected_id) == 0)
    return;

  g_free (self->selected_kind);
  g_free (self->selected_id);
  self->selected_kind = g_strdup (kind);
  self->selected_id = g_strdup (id);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_KIND]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
  /* Choosing a loop (in the outline, the legend) is asking to see it. */
  if (g_strcmp0 (kind, "loop") == 0)
    tl_session_set_focus_loop (self, id);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
tl_session_get_selected_kind (TlSession *self)
{
  g_return_val_if_fail (TL_IS_SESSION (self), NULL);
  return self->selected_kind;
}

const char *
tl_session_get_selected_id (TlSession *self)
{
  g_return_val_if_fail (TL_IS_SESSION (self), NULL);
  return self->selected_id;
}

GObject *
tl_session_get_selected_object (TlSession *self)
{
  TlDocument *document;

  g_return_val_if_fail (TL_IS_SESSION (self), NULL);

  document = tl_session_get_document (self);
  if (document == NULL || self->selected_kind == NULL)
    return NULL;

  if (g_str_equal (self->selected_kind, "station"))
    return G_OBJECT (tl_document_lookup_station (document, self->selected_id));
  if (g_str_equal (self->selected_kind, "loop"))
    return G_OBJECT (tl_document_lookup_loop (document, self->selected_id));
  if (g_str_equal (self->selected_kind, "cell"))
    {
      g_autofree char *layer = NULL;
      g_autofree char *type = NULL;

      if (tl_cell_id_parse (self->selected_id, &layer, &type))
        return G_OBJECT (tl_document_lookup_cell (document, layer, type));
    }

  return NULL;
}

const char *
tl_session_get_focus_loop (TlSession *self)
{
  g_return_val_if_fail (TL_IS_SESSION (self), NULL);
  return self->focus_loop;
}

void
tl_session_set_focus_loop (TlSession  *self,
                           const char *loop_id)
{
  g_return_if_fail (TL_IS_SESSION (self));

  if (g_strcmp0 (self->focus_loop, loop_id) == 0)
    return;

  g_free (self->focus_loop);
  self->focus_loop = g_strdup (loop_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_LOOP]);
}

void
tl_session_get_canvas_zoom (TlSession  *self,
                            const char *page,
                            double     *zoom,
                            double     *center_x,
                            double     *center_y)
{
  CanvasZoom *state;

  g_return_if_fail (TL_IS_SESSION (self));
  g_return_if_fail (page != NULL);

  state = g_hash_table_lookup (self->canvas_zoom, page);
  if (zoom != NULL)
    *zoom = state ? state->zoom : 0;
  if (center_x != NULL)
    *center_x = state ? state->center_x : 0;
  if (center_y != NULL)
    *center_y = state ? state->center_y : 0;
}

void
tl_session_set_canvas_zoom (TlSession  *self,
                            const char *page,
                            double      zoom,
                            double      center_x,
                            double      center_y)
{
  CanvasZoom *state;

  g_return_if_fail (TL_IS_SESSION (self));
  g_return_if_fail (page != NULL);

  if (zoom <= 0)
    {
      g_hash_table_remove (self->canvas_zoom, page);
      return;
    }

  state = g_hash_table_lookup (self->canvas_zoom, page);
  if (state == NULL)
    {
      state = g_new0 (CanvasZoom, 1);
      g_hash_table_insert (self->canvas_zoom, g_strdup (page), state);
    }
  state->zoom = zoom;
  state->center_x = center_x;
  state->center_y = center_y;
}

void
tl_session_connect (TlSession *self,
                    gpointer   owner,
                    GCallback  document_changed,
                    GCallback  selection_changed)
{
  g_return_if_fail (TL_IS_SESSION (self));
  g_return_if_fail (G_IS_OBJECT (owner));

  if (document_changed != NULL)
    g_signal_connect_object (tl_session_get_document (self), "changed", document_changed, owner, 0);
  if (selection_changed != NULL)
    g_signal_connect_object (self, "notify::selected-id", selection_changed, owner, 0);
}

void
tl_session_disconnect (TlSession *self,
                       gpointer   owner)
{
  g_return_if_fail (TL_IS_SESSION (self));

  g_signal_handlers_disconnect_by_data (tl_session_get_document (self), owner);
  g_signal_handlers_disconnect_by_data (self, owner);
}

gboolean
tl_session_follow (TlSession **slot,
                   TlSession  *session,
                   gpointer    owner,
                   GCallback   document_changed,
                   GCallback   selection_changed)
{
  g_return_val_if_fail (slot != NULL, FALSE);
  g_return_val_if_fail (session == NULL || TL_IS_SESSION (session), FALSE);

  if (*slot == session)
    return FALSE;

  if (*slot != NULL)
    tl_session_disconnect (*slot, owner);
  g_set_object (slot, session);
  if (session != NULL)
    tl_session_connect (session, owner, document_changed, selection_changed);
  return TRUE;
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TlSession *self = g_task_get_source_object (task);
  GFile *old_file = tl_session_get_file (self);
  g_autoptr(GFile) before = old_file ? g_object_ref (old_file) : NULL;
  g_autoptr(GError) error = NULL;

  if (!tl_working_copy_save_finish (TL_WORKING_COPY (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tl_undo_stack_mark_saved (self->undo_stack);
  if (before == NULL || !g_file_equal (before, tl_session_get_file (self)))
    {
      /* The view goes with the document to its new name. */
      tl_session_save_view_state (self, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }
  g_task_return_boolean (task, TRUE);
}

void
tl_session_save_async (TlSession           *self,
                       GFile               *dest,
                       gboolean             overwrite,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TL_IS_SESSION (self));
  g_return_if_fail (!self->closed);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tl_session_save_async);
  tl_working_copy_save_async (self->working_copy, dest, overwrite, cancellable, save_cb, task);
}

gboolean
tl_session_save_finish (TlSession     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (TL_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tl_session_close (TlSession *self)
{
  g_return_if_fail (TL_IS_SESSION (self));

  if (self->closed)
    return;

  {
    g_autoptr(GError) error = NULL;

    /* A view state not kept is no loss worth a dialog. */
    if (!tl_session_save_view_state (self, &error) && error != NULL)
      g_debug ("Could not keep the view state: %s", error->message);
  }

  self->closed = TRUE;
  tl_working_copy_discard (self->working_copy);
}

static gboolean
station_set_contains (GPtrArray  *set,
                      const char *id,
                      guint      *index)
{
  for (guint i = 0; i < set->len; i++)
    if (g_strcmp0 (g_ptr_array_index (set, i), id) == 0)
      {
        if (index != NULL)
          *index = i;
        return TRUE;
      }
  return FALSE;
}

void
tl_session_select_stations (TlSession          *self,
                            const char * const *ids,
                            const char         *primary)
{
  gboolean changed;

  g_return_if_fail (TL_IS_SESSION (self));

  changed = replace_selected_stations (self, ids);

  if (primary == NULL || !station_set_contains (self->selected_stations, primary, NULL))
    primary = self->selected_stations->len > 0
              ? g_ptr_array_index (self->selected_stations, 0) : NULL;

  self->selecting_stations = TRUE;
  tl_session_select (self, primary ? "station" : NULL, primary);
  self->selecting_stations = FALSE;
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_STATIONS]);
}

void
tl_session_toggle_station (TlSession  *self,
                           const char *station_id)
{
  g_autoptr(GPtrArray) ids = NULL;
  const char *primary = station_id;
  guint index;

  g_return_if_fail (TL_IS_SESSION (self));
  g_return_if_fail (station_id != NULL);

  ids = tl_session_dup_selected_stations (self);
  if (station_set_contains (ids, station_id, &index))
    {
      g_ptr_array_remove_index (ids, index);
      /* The primary selection stays unless it is the one taken away. */
      primary = g_strcmp0 (self->selected_id, station_id) != 0 ? self->selected_id : NULL;
      if (primary == NULL && ids->len > 0)
        primary = g_ptr_array_index (ids, ids->len - 1);
    }
  else
    g_ptr_array_add (ids, g_strdup (station_id));
  g_ptr_array_add (ids, NULL);
  {
    g_autofree char *primary_copy = g_strdup (primary);

    tl_session_select_stations (self, (const char * const *)ids->pdata, primary_copy);
  }
}

GPtrArray *
tl_session_dup_selected_stations (TlSession *self)
{
  GPtrArray *ids;
  TlDocument *document;

  g_return_val_if_fail (TL_IS_SESSION (self), NULL);

  ids = g_ptr_array_new_with_free_func (g_free);
  document = tl_session_get_document (self);
  for (guint i = 0; i < self->selected_stations->len; i++)
    {
      const char *id = g_ptr_array_index (self->selected_stations, i);

      /* A removed station is no longer selected. */
      if (document != NULL && tl_document_lookup_station (document, id) != NULL)
        g_ptr_array_add (ids, g_strdup (id));
    }
  return ids;
}

gboolean
tl_session_is_station_selected (TlSession  *self,
                                const char *station_id)
{
  g_autoptr(GPtrArray) ids = NULL;

  g_return_val_if_fail (TL_IS_SESSION (self), FALSE);

  ids = tl_session_dup_selected_stations (self);
  return station_set_contains (ids, station_id, NULL);
}

/* ---- hidden loops, theme ---------------------------------------------- */

gboolean
tl_session_get_loop_visible (TlSession  *self,
                             const char *loop_id)
{
  g_return_val_if_fail (TL_IS_SESSION (self), TRUE);
  g_return_val_if_fail (loop_id != NULL, TRUE);

  return !g_strv_contains ((const char * const *) self->hidden_loops, loop_id);
}

static void
set_hidden_loops (TlSession          *self,
                  const char * const *ids)
{
  if (g_strv_equal ((const char * const *) self->hidden_loops, ids))
    return;

  g_strfreev (self->hidden_loops);
  self->hidden_loops = g_strdupv ((char **) ids);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_LOOPS]);
}

void
tl_session_set_loop_visible (TlSession  *self,
                             const char *loop_id,
                             gboolean    visible)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) ids = NULL;

  g_return_if_fail (TL_IS_SESSION (self));
  g_return_if_fail (loop_id != NULL);

  if (tl_session_get_loop_visible (self, loop_id) == !!visible)
    return;

  builder = g_strv_builder_new ();
  for (guint i = 0; self->hidden_loops[i] != NULL; i++)
    if (!g_str_equal (self->hidden_loops[i], loop_id))
      g_strv_builder_add (builder, self->hidden_loops[i]);
  if (!visible)
    g_strv_builder_add (builder, loop_id);
  ids = g_strv_builder_end (builder);
  set_hidden_loops (self, (const char * const *) ids);
}

const char * const *
tl_session_get_hidden_loops (TlSession *self)
{
  g_return_val_if_fail (TL_IS_SESSION (self), NULL);
  return (const char * const *) self->hidden_loops;
}

const char *
tl_session_get_theme_name (TlSession *self)
{
  g_return_val_if_fail (TL_IS_SESSION (self), NULL);
  return self->theme_name ? self->theme_name : "system";
}

void
tl_session_set_theme_name (TlSession  *self,
                           const char *name)
{
  g_return_if_fail (TL_IS_SESSION (self));
  g_return_if_fail (name == NULL || g_str_equal (name, "system") || tl_theme_name_is_valid (name));

  if (name != NULL && g_str_equal (name, "system"))
    name = NULL;
  if (g_strcmp0 (self->theme_name, name) == 0)
    return;

  g_free (self->theme_name);
  self->theme_name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME_NAME]);
}

/* ---- view state across runs ------------------------------------------- */

static const char * const view_state_pages[] = { "diagram", "matrix" };

char *
tl_session_dup_view_state_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "touchloop", "views.ini", NULL);
}

/* The key file's group for this document: a hash of its URI, so that
 * the file does not list the paths of the user's documents. */
static char *
view_state_group (TlSession *self)
{
  GFile *file = self->working_copy ? tl_session_get_file (self) : NULL;
  g_autofree char *uri = NULL;

  if (file == NULL)
    return NULL;
  uri = g_file_get_uri (file);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
}

static GKeyFile *
view_state_load_file (void)
{
  g_autofree char *path = tl_session_dup_view_state_path ();
  GKeyFile *keyfile = g_key_file_new ();

  /* Missing or damaged: start afresh. */
  if (!g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, NULL))
    {
      g_key_file_unref (keyfile);
      keyfile = g_key_file_new ();
    }
  return keyfile;
}

static void
load_view_state (TlSession *self)
{
  g_autofree char *group = view_state_group (self);
  g_autoptr(GKeyFile) keyfile = NULL;
  g_autofree char *theme = NULL;
  g_auto(GStrv) hidden = NULL;

  if (group == NULL)
    return;

  keyfile = view_state_load_file ();
  if (!g_key_file_has_group (keyfile, group))
    return;

  /* Only values that make sense are taken: the file is not trusted. */
  for (guint p = 0; p < G_N_ELEMENTS (view_state_pages); p++)
    {
      g_autofree char *zoom_key = g_strdup_printf ("%s-zoom", view_state_pages[p]);
      g_autofree char *center_key = g_strdup_printf ("%s-center", view_state_pages[p]);
      g_autofree double *center = NULL;
      gsize n_center = 0;
      double zoom;

      zoom = g_key_file_get_double (keyfile, group, zoom_key, NULL);
      center = g_key_file_get_double_list (keyfile, group, center_key, &n_center, NULL);
      if (isfinite (zoom) && zoom > 0 && zoom <= 100 && center != NULL && n_center == 2 &&
          isfinite (center[0]) && isfinite (center[1]))
        tl_session_set_canvas_zoom (self, view_state_pages[p], zoom, center[0], center[1]);
    }

  theme = g_key_file_get_string (keyfile, group, "theme", NULL);
  if (theme != NULL && (g_str_equal (theme, "system") || tl_theme_name_is_valid (theme)))
    tl_session_set_theme_name (self, theme);

  hidden = g_key_file_get_string_list (keyfile, group, "hidden-loops", NULL, NULL);
  if (hidden != NULL)
    set_hidden_loops (self, (const char * const *) hidden);
}

/* Keeps the VIEW_STATE_MAX_DOCUMENTS most recently used groups. */
static void
view_state_prune (GKeyFile *keyfile)
{
  gsize n_groups = 0;
  g_auto(GStrv) groups = g_key_file_get_groups (keyfile, &n_groups);

  while (n_groups > VIEW_STATE_MAX_DOCUMENTS)
    {
      const char *oldest = NULL;
      gint64 oldest_time = G_MAXINT64;

      for (guint i = 0; groups[i] != NULL; i++)
        {
          gint64 used;

          if (!g_key_file_has_group (keyfile, groups[i]))
            continue;
          used = g_key_file_get_int64 (keyfile, groups[i], "used", NULL);
          if (used < oldest_time)
            {
              oldest_time = used;
              oldest = groups[i];
            }
        }
      if (oldest == NULL)
        break;
      g_key_file_remove_group (keyfile, oldest, NULL);
      n_groups--;
    }
}

gboolean
tl_session_save_view_state (TlSession  *self,
                            GError    **error)
{
  g_autofree char *group = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GKeyFile) keyfile = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (TL_IS_SESSION (self), FALSE);

  group = view_state_group (self);
  if (group == NULL)
    return FALSE;

  keyfile = view_state_load_file ();
  g_key_file_remove_group (keyfile, group, NULL);

  for (guint p = 0; p < G_N_ELEMENTS (view_state_pages); p++)
    {
      g_autofree char *zoom_key = g_strdup_printf ("%s-zoom", view_state_pages[p]);
      g_autofree char *center_key = g_strdup_printf ("%s-center", view_state_pages[p]);
      double zoom, center[2];

      tl_session_get_canvas_zoom (self, view_state_pages[p], &zoom, &center[0], &center[1]);
      if (zoom <= 0)
        continue;
      g_key_file_set_double (keyfile, group, zoom_key, zoom);
      g_key_file_set_double_list (keyfile, group, center_key, center, 2);
      any = TRUE;
    }

  if (self->theme_name != NULL)
    {
      g_key_file_set_string (keyfile, group, "theme", self->theme_name);
      any = TRUE;
    }

  if (self->hidden_loops[0] != NULL)
    {
      g_key_file_set_string_list (keyfile, group, "hidden-loops",
                                  (const char * const *) self->hidden_loops,
                                  g_strv_length (self->hidden_loops));
      any = TRUE;
    }

  /* A view as it is by default needs no entry. */
  if (any)
    g_key_file_set_int64 (keyfile, group, "used", g_get_real_time () / G_USEC_PER_SEC);
  view_state_prune (keyfile);

  path = tl_session_dup_view_state_path ();
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  return g_key_file_save_to_file (keyfile, path, error);
}
