/* test-model-scale.c: changing the score scale converts every score
 * proportionally in one undoable step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "tl-model.h"
#include "tl-scale-command.h"

/* Every cell's scores and the scale, to compare states */
static char *
dump_scores (TlDocument *document)
{
  GString *s = g_string_new (NULL);
  GListModel *cells = tl_document_get_cells (document);

  g_string_append_printf (s, "scale=%u", tl_document_get_score_scale (document));
  for (guint i = 0; i < g_list_model_get_n_items (cells); i++)
    {
      g_autoptr(TlCell) cell = g_list_model_get_item (cells, i);

      g_string_append_printf (s, " %s=%u/%u", tl_cell_get_id (cell),
                              tl_cell_get_current (cell), tl_cell_get_target (cell));
    }

  return g_string_free (s, FALSE);
}

static void
test_convert (void)
{
  /* (s − 1)·(new − 1)/(old − 1) + 1, rounded half away from zero */
  static const struct { guint score, from, to, expected; } cases[] = {
    { 1, 5, 10, 1 }, { 2, 5, 10, 3 }, { 3, 5, 10, 6 }, { 4, 5, 10, 8 }, { 5, 5, 10, 10 },
    { 1, 5, 7, 1 }, { 2, 5, 7, 3 }, { 3, 5, 7, 4 }, { 4, 5, 7, 6 }, { 5, 5, 7, 7 },
    { 1, 10, 5, 1 }, { 2, 10, 5, 1 }, { 3, 10, 5, 2 }, { 6, 10, 5, 3 }, { 7, 10, 5, 4 },
    { 9, 10, 5, 5 }, { 10, 10, 5, 5 },
    { 4, 7, 5, 3 }, { 2, 7, 10, 3 }, { 6, 7, 10, 9 },
    /* unset stays unset; a score out of range counts as the top */
    { 0, 5, 10, 0 }, { 0, 10, 5, 0 }, { 9, 5, 10, 10 }, { 9, 5, 7, 7 },
    /* the same scale changes nothing */
    { 3, 5, 5, 3 }, { 7, 10, 10, 7 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%u on 1–%u to 1–%u", cases[i].score, cases[i].from, cases[i].to);
      g_assert_cmpuint (tl_score_convert (cases[i].score, cases[i].from, cases[i].to), ==, cases[i].expected);
    }
}

static void
test_apply_revert_apply (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlCommand) command = tl_scale_command_new (10);
  TlCell *a = tl_document_lookup_cell (document, "people", "feel");
  TlCell *b = tl_document_lookup_cell (document, "space", "sense");
  TlCell *c = tl_document_lookup_cell (document, "visual", "act");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *reverted = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;

  tl_cell_set_current (a, 3);
  tl_cell_set_target (a, 5);
  tl_cell_set_current (b, 2);
  /* b's target stays unset */
  tl_cell_set_target (c, 4);
  before = dump_scores (document);

  g_assert_true (tl_command_apply (command, document, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tl_document_get_score_scale (document), ==, 10);
  g_assert_cmpuint (tl_cell_get_current (a), ==, 6);
  g_assert_cmpuint (tl_cell_get_target (a), ==, 10);
  g_assert_cmpuint (tl_cell_get_current (b), ==, 3);
  g_assert_cmpuint (tl_cell_get_target (b), ==, TL_SCORE_UNSET);
  g_assert_cmpuint (tl_cell_get_current (c), ==, TL_SCORE_UNSET);
  g_assert_cmpuint (tl_cell_get_target (c), ==, 8);
  after = dump_scores (document);
  g_assert_cmpstr (after, !=, before);

  /* Nothing out of range after the conversion */
  {
    g_autoptr(GPtrArray) problems = tl_document_check (document);

    g_assert_cmpuint (problems->len, ==, 0);
  }

  tl_command_revert (command, document);
  reverted = dump_scores (document);
  g_assert_cmpstr (reverted, ==, before);

  g_assert_true (tl_command_apply (command, document, &error));
  again = dump_scores (document);
  g_assert_cmpstr (again, ==, after);
}

/* Down and up again loses precision; undo does not: it restores the exact
 * scores, not a conversion back. */
static void
test_undo_is_exact (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");
  g_autoptr(TlUndoStack) stack = tl_undo_stack_new (document);
  GListModel *cells = tl_document_get_cells (document);
  g_autofree char *original = NULL;
  g_autofree char *on_five = NULL;
  g_autofree char *on_ten = NULL;
  g_autoptr(GError) error = NULL;

  /* 1..10 over the cells, some unset, on a ten-point document */
  tl_document_set_score_scale (document, 10);
  for (guint i = 0; i < g_list_model_get_n_items (cells); i++)
    {
      g_autoptr(TlCell) cell = g_list_model_get_item (cells, i);

      tl_cell_set_current (cell, i % 11);
      tl_cell_set_target (cell, (i * 3) % 11);
    }
  original = dump_scores (document);

  g_assert_true (tl_undo_stack_push (stack, tl_scale_command_new (5), &error));
  g_assert_no_error (error);
  on_five = dump_scores (document);
  g_assert_true (tl_undo_stack_push (stack, tl_scale_command_new (7), &error));
  g_assert_cmpuint (tl_document_get_score_scale (document), ==, 7);
  g_assert_true (tl_undo_stack_push (stack, tl_scale_command_new (10), &error));
  on_ten = dump_scores (document);
  /* the round trip through 5 and 7 rounded something away */
  g_assert_cmpstr (on_ten, !=, original);
  g_assert_cmpstr (tl_undo_stack_get_undo_label (stack), ==, "Change Score Scale");

  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_true (tl_undo_stack_undo (stack));
  {
    g_autofree char *now = dump_scores (document);

    g_assert_cmpstr (now, ==, on_five);
  }
  g_assert_true (tl_undo_stack_undo (stack));
  {
    g_autofree char *now = dump_scores (document);

    g_assert_cmpstr (now, ==, original);
  }
  g_assert_true (tl_undo_stack_get_modified (stack) == FALSE);

  /* one undo step per scale change: redo replays them */
  g_assert_true (tl_undo_stack_redo (stack));
  {
    g_autofree char *now = dump_scores (document);

    g_assert_cmpstr (now, ==, on_five);
  }
}

static void
test_bad_scale (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlCommand) command = tl_scale_command_new (6);
  TlCell *cell = tl_document_lookup_cell (document, "people", "feel");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  tl_cell_set_current (cell, 4);
  before = dump_scores (document);
  g_assert_false (tl_command_apply (command, document, &error));
  g_assert_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID);
  after = dump_scores (document);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (tl_scale_command_get_scale (TL_SCALE_COMMAND (command)), ==, 6);
}

/* Each changed score notifies once, and the scale once. */
static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_notifies (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlCommand) command = tl_scale_command_new (7);
  TlCell *cell = tl_document_lookup_cell (document, "product", "think");
  TlCell *same = tl_document_lookup_cell (document, "product", "act");
  guint scale_notes = 0, cell_notes = 0, same_notes = 0;
  g_autoptr(GError) error = NULL;

  tl_cell_set_current (cell, 2);
  tl_cell_set_current (same, 1);   /* 1 stays 1 */
  g_signal_connect (document, "notify::score-scale", G_CALLBACK (count_notify), &scale_notes);
  g_signal_connect (cell, "notify::current", G_CALLBACK (count_notify), &cell_notes);
  g_signal_connect (same, "notify", G_CALLBACK (count_notify), &same_notes);

  g_assert_true (tl_command_apply (command, document, &error));
  g_assert_cmpuint (scale_notes, ==, 1);
  g_assert_cmpuint (cell_notes, ==, 1);
  g_assert_cmpuint (same_notes, ==, 0);
  g_assert_cmpuint (tl_cell_get_current (cell), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tl/model/scale/convert", test_convert);
  g_test_add_func ("/tl/model/scale/apply-revert-apply", test_apply_revert_apply);
  g_test_add_func ("/tl/model/scale/undo-is-exact", test_undo_is_exact);
  g_test_add_func ("/tl/model/scale/bad-scale", test_bad_scale);
  g_test_add_func ("/tl/model/scale/notifies", test_notifies);

  return g_test_run ();
}
