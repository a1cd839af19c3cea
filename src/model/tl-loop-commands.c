/* tl-loop-commands.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-document.h"
#include "tl-loop.h"
#include "tl-loop-commands.h"

/* ---- the palette ---------------------------------------------------------- */

/* Okabe & Ito, "Color Universal Design" (2008).  The first six are the
 * template's loops, in its order. */
static const char * const palette[] = {
  "#0072b2",
  "#e69f00",
  "#009e73",
  "#cc79a7",
  "#d55e00",
  "#56b4e9",
  "#f0e442",
  "#000000",
  NULL
};

static const char * const palette_names[] = {
  N_("Blue"),
  N_("Orange"),
  N_("Bluish Green"),
  N_("Reddish Purple"),
  N_("Vermilion"),
  N_("Sky Blue"),
  N_("Yellow"),
  N_("Black"),
};

#define N_PALETTE (G_N_ELEMENTS (palette) - 1)

const char * const *
tl_loop_palette (guint *n_colors)
{
  if (n_colors != NULL)
    *n_colors = N_PALETTE;
  return palette;
}

const char *
tl_loop_palette_name (guint index)
{
  g_return_val_if_fail (index < N_PALETTE, NULL);
  return _(palette_names[index]);
}

const char *
tl_loop_palette_next_color (TlDocument *document)
{
  GListModel *loops;
  guint n;

  g_return_val_if_fail (TL_IS_DOCUMENT (document), palette[0]);

  loops = tl_document_get_loops (document);
  n = g_list_model_get_n_items (loops);

  for (guint c = 0; c < N_PALETTE; c++)
    {
      gboolean used = FALSE;

      for (guint i = 0; i < n && !used; i++)
        {
          g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);

          used = g_ascii_strcasecmp (tl_loop_get_color (loop), palette[c]) == 0;
        }
      if (!used)
        return palette[c];
    }

  return palette[n % N_PALETTE];
}

TlCommand *
tl_recolor_loops_command_new (TlDocument *document)
{
  g_autoptr(TlCommand) group = NULL;
  GListModel *loops;

  g_return_val_if_fail (TL_IS_DOCUMENT (document), NULL);

  group = tl_command_group_new (_("Use Colour-Blind Safe Colours"));
  loops = tl_document_get_loops (document);
  for (guint i = 0; i < g_list_model_get_n_items (loops); i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);
      g_autoptr(TlCommand) command = NULL;
      g_auto(GValue) value = G_VALUE_INIT;

      if (g_ascii_strcasecmp (tl_loop_get_color (loop), palette[i % N_PALETTE]) == 0)
        continue;

      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, palette[i % N_PALETTE]);
      command = tl_set_property_command_new (G_OBJECT (loop), "color", &value, FALSE);
      tl_command_group_add (TL_COMMAND_GROUP (group), command);
    }

  if (tl_command_group_get_n_commands (TL_COMMAND_GROUP (group)) == 0)
    return NULL;
  return g_steal_pointer (&group);
}

char *
tl_loop_new_unique_id (TlDocument *document)
{
  guint n;

  g_return_val_if_fail (TL_IS_DOCUMENT (document), NULL);

  n = g_list_model_get_n_items (tl_document_get_loops (document)) + 1;
  for (;; n++)
    {
      g_autofree char *id = g_strdup_printf ("loop%u", n);

      if (tl_document_lookup_loop (document, id) == NULL)
        return g_steal_pointer (&id);
    }
}

GPtrArray *
tl_loop_check (TlLoop     *loop,
               TlDocument *document)
{
  const char * const *ids;
  const char *name;
  g_autoptr(GPtrArray) seen = NULL;
  GPtrArray *problems;

  g_return_val_if_fail (TL_IS_LOOP (loop), NULL);
  g_return_val_if_fail (TL_IS_DOCUMENT (document), NULL);

  problems = g_ptr_array_new_with_free_func (g_free);
  seen = g_ptr_array_new ();
  ids = tl_loop_get_stations (loop);
  name = tl_loop_get_name (loop);
  if (name == NULL || *name == '\0')
    name = tl_loop_get_id (loop);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      if (tl_document_lookup_station (document, ids[i]) == NULL)
        {
          g_ptr_array_add (problems,
                           g_strdup_printf (_("Loop “%s” goes through station “%s”, which no longer exists. "
                                              "Remove it from the loop in the loop’s properties."),
                                            name, ids[i]));
          continue;
        }
      if (!g_ptr_array_find_with_equal_func (seen, ids[i], g_str_equal, NULL))
        g_ptr_array_add (seen, (gpointer) ids[i]);
    }

  if (seen->len < 2)
    g_ptr_array_add (problems,
                     g_strdup_printf (_("Loop “%s” has fewer than two stations, so it cannot close. "
                                        "Add stations to it in the loop’s properties, or delete it."),
                                      name));

  return problems;
}

/* ---- TlMoveLoopCommand ---------------------------------------------------- */

/* The document has no primitive that moves a loop; removing the moved
 * loop and inserting it again would make every view forget that it is
 * selected and focused.  So its neighbours step over it instead, one by
 * one: the moved loop itself never leaves the document. */

struct _TlMoveLoopCommand
{
  TlCommand  parent_instance;

  char      *loop_id;
  guint      position;
  guint      from;
  guint      to;
};

G_DEFINE_FINAL_TYPE (TlMoveLoopCommand, tl_move_loop_command, TL_TYPE_COMMAND)

static guint
loop_index (GListModel *loops,
            TlLoop     *loop)
{
  guint n = g_list_model_get_n_items (loops);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlLoop) other = g_list_model_get_item (loops, i);

      if (other == loop)
        return i;
    }

  return G_MAXUINT;
}

static void
step_to (TlDocument *document,
         TlLoop     *loop,
         guint       to)
{
  GListModel *loops = tl_document_get_loops (document);
  guint at;

  while ((at = loop_index (loops, loop)) > to && at != G_MAXUINT)
    {
      g_autoptr(TlLoop) before = g_list_model_get_item (loops, at - 1);

      tl_document_remove_loop (document, before);
      tl_document_insert_loop (document, before, at);
    }

  while ((at = loop_index (loops, loop)) < to)
    {
      g_autoptr(TlLoop) after = g_list_model_get_item (loops, at + 1);

      tl_document_remove_loop (document, after);
      tl_document_insert_loop (document, after, at);
    }
}

static gboolean
tl_move_loop_command_apply (TlCommand  *command,
                            TlDocument *document,
                            GError    **error)
{
  TlMoveLoopCommand *self = TL_MOVE_LOOP_COMMAND (command);
  GListModel *loops = tl_document_get_loops (document);
  TlLoop *loop = tl_document_lookup_loop (document, self->loop_id);
  guint n = g_list_model_get_n_items (loops);

  if (loop == NULL)
    {
      g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_NOT_FOUND,
                   _("There is no loop “%s”."), self->loop_id);
      return FALSE;
    }

  self->from = loop_index (loops, loop);
  self->to = MIN (self->position, n - 1);
  if (self->from == self->to)
    {
      g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID,
                   self->to == 0 ? _("The loop is first already.") : _("The loop is last already."));
      return FALSE;
    }

  step_to (document, loop, self->to);
  return TRUE;
}

static void
tl_move_loop_command_revert (TlCommand  *command,
                             TlDocument *document)
{
  TlMoveLoopCommand *self = TL_MOVE_LOOP_COMMAND (command);
  TlLoop *loop = tl_document_lookup_loop (document, self->loop_id);

  g_return_if_fail (loop != NULL);
  step_to (document, loop, self->from);
}

static void
tl_move_loop_command_finalize (GObject *object)
{
  TlMoveLoopCommand *self = TL_MOVE_LOOP_COMMAND (object);

  g_clear_pointer (&self->loop_id, g_free);

  G_OBJECT_CLASS (tl_move_loop_command_parent_class)->finalize (object);
}

static void
tl_move_loop_command_class_init (TlMoveLoopCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_move_loop_command_finalize;
  TL_COMMAND_CLASS (klass)->apply = tl_move_loop_command_apply;
  TL_COMMAND_CLASS (klass)->revert = tl_move_loop_command_revert;
}

static void
tl_move_loop_command_init (TlMoveLoopCommand *self)
{
}

TlCommand *
tl_move_loop_command_new (const char *loop_id,
                          guint       position)
{
  TlMoveLoopCommand *self;

  g_return_val_if_fail (loop_id != NULL, NULL);

  self = g_object_new (TL_TYPE_MOVE_LOOP_COMMAND, NULL);
  self->loop_id = g_strdup (loop_id);
  self->position = position;
  tl_command_set_label (TL_COMMAND (self), _("Reorder Loops"));
  return TL_COMMAND (self);
}
