/* tl-scale-command.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "tl-cell.h"
#include "tl-document.h"
#include "tl-scale-command.h"

/* The scores of one cell before the command changed them */
typedef struct {
  TlCell *cell;
  guint   current;
  guint   target;
} SavedScores;

struct _TlScaleCommand
{
  TlCommand  parent_instance;

  guint      new_scale;
  guint      old_scale;
  GArray    *saved;     /* SavedScores, cells whose scores changed */
};

G_DEFINE_FINAL_TYPE (TlScaleCommand, tl_scale_command, TL_TYPE_COMMAND)

guint
tl_score_convert (guint score,
                  guint old_scale,
                  guint new_scale)
{
  double converted;

  if (score == TL_SCORE_UNSET || new_scale == 0)
    return score;
  if (old_scale <= 1 || new_scale == 1)
    return MIN (score, MAX (new_scale, 1));

  score = MIN (score, old_scale);
  converted = round ((double) (score - 1) * (new_scale - 1) / (old_scale - 1) + 1);

  return (guint) CLAMP (converted, 1, new_scale);
}

static void
saved_scores_clear (gpointer data)
{
  SavedScores *saved = data;

  g_clear_object (&saved->cell);
}

static gboolean
tl_scale_command_apply (TlCommand  *command,
                        TlDocument *document,
                        GError    **error)
{
  TlScaleCommand *self = TL_SCALE_COMMAND (command);
  GListModel *cells = tl_document_get_cells (document);
  guint n = g_list_model_get_n_items (cells);

  if (self->new_scale != 5 && self->new_scale != 7 && self->new_scale != 10)
    {
      g_set_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID,
                   _("The score scale must be 1–5, 1–7 or 1–10."));
      return FALSE;
    }

  self->old_scale = tl_document_get_score_scale (document);
  g_array_set_size (self->saved, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlCell) cell = g_list_model_get_item (cells, i);
      SavedScores saved = { NULL, tl_cell_get_current (cell), tl_cell_get_target (cell) };
      guint current = tl_score_convert (saved.current, self->old_scale, self->new_scale);
      guint target = tl_score_convert (saved.target, self->old_scale, self->new_scale);

      if (current == saved.current && target == saved.target)
        continue;

      saved.cell = g_object_ref (cell);
      g_array_append_val (self->saved, saved);
    }

  /* Scores first when the scale shrinks, the scale first when it grows:
   * no cell ever holds a score its document's scale cannot. */
  if (self->new_scale > self->old_scale)
    tl_document_set_score_scale (document, self->new_scale);

  for (guint i = 0; i < self->saved->len; i++)
    {
      SavedScores *saved = &g_array_index (self->saved, SavedScores, i);

      tl_cell_set_current (saved->cell, tl_score_convert (saved->current, self->old_scale, self->new_scale));
      tl_cell_set_target (saved->cell, tl_score_convert (saved->target, self->old_scale, self->new_scale));
    }

  if (self->new_scale <= self->old_scale)
    tl_document_set_score_scale (document, self->new_scale);

  return TRUE;
}

static void
tl_scale_command_revert (TlCommand  *command,
                         TlDocument *document)
{
  TlScaleCommand *self = TL_SCALE_COMMAND (command);

  if (self->old_scale > self->new_scale)
    tl_document_set_score_scale (document, self->old_scale);

  for (guint i = 0; i < self->saved->len; i++)
    {
      SavedScores *saved = &g_array_index (self->saved, SavedScores, i);

      tl_cell_set_current (saved->cell, saved->current);
      tl_cell_set_target (saved->cell, saved->target);
    }

  if (self->old_scale <= self->new_scale)
    tl_document_set_score_scale (document, self->old_scale);
}

static void
tl_scale_command_finalize (GObject *object)
{
  TlScaleCommand *self = TL_SCALE_COMMAND (object);

  g_clear_pointer (&self->saved, g_array_unref);

  G_OBJECT_CLASS (tl_scale_command_parent_class)->finalize (object);
}

static void
tl_scale_command_class_init (TlScaleCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TlCommandClass *command_class = TL_COMMAND_CLASS (klass);

  object_class->finalize = tl_scale_command_finalize;
  command_class->apply = tl_scale_command_apply;
  command_class->revert = tl_scale_command_revert;
}

static void
tl_scale_command_init (TlScaleCommand *self)
{
  self->saved = g_array_new (FALSE, TRUE, sizeof (SavedScores));
  g_array_set_clear_func (self->saved, saved_scores_clear);
}

TlCommand *
tl_scale_command_new (guint new_scale)
{
  TlScaleCommand *self = g_object_new (TL_TYPE_SCALE_COMMAND, NULL);

  self->new_scale = new_scale;
  tl_command_set_label (TL_COMMAND (self), _("Change Score Scale"));

  return TL_COMMAND (self);
}

guint
tl_scale_command_get_scale (TlScaleCommand *self)
{
  g_return_val_if_fail (TL_IS_SCALE_COMMAND (self), 0);

  return self->new_scale;
}
