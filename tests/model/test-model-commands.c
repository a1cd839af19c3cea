/* test-model-commands.c: every command applies, reverts exactly, and
 * re-applies to the same state; the undo stack knows the saved point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "tl-model.h"

/* The whole observable state of a document as text, to compare states. */
static char *
dump (TlDocument *document)
{
  GString *s = g_string_new (NULL);
  GListModel *list;

  g_string_append_printf (s, "title=%s lang=%s scale=%u\n",
                          tl_document_get_title (document),
                          tl_document_get_language (document),
                          tl_document_get_score_scale (document));

  list = tl_document_get_stations (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TlStation) st = g_list_model_get_item (list, i);
      g_string_append_printf (s, "station %s %s %s %s %s %g %g\n",
                              tl_station_get_id (st), tl_station_get_kind (st),
                              tl_station_get_label (st), tl_station_get_description (st),
                              tl_station_get_owner (st), tl_station_get_x (st), tl_station_get_y (st));
    }

  list = tl_document_get_loops (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (list, i);
      g_autofree char *cycle = g_strjoinv (">", (char **)tl_loop_get_stations (loop));
      g_string_append_printf (s, "loop %s %s %s %s %s\n",
                              tl_loop_get_id (loop), tl_loop_get_name (loop),
                              tl_loop_get_color (loop), tl_loop_get_description (loop), cycle);
    }

  list = tl_document_get_cells (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TlCell) cell = g_list_model_get_item (list, i);
      g_string_append_printf (s, "cell %s %s %u %u %d %s %s\n",
                              tl_cell_get_id (cell), tl_cell_get_description (cell),
                              tl_cell_get_current (cell), tl_cell_get_target (cell),
                              tl_cell_get_key (cell), tl_cell_get_owner (cell),
                              tl_cell_get_notes (cell));
    }

  return g_string_free (s, FALSE);
}

static TlCommand *
set_string (gpointer    target,
            const char *property,
            const char *value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, value);
  return tl_set_property_command_new (target, property, &v, FALSE);
}

static TlCommand *
set_uint (gpointer    target,
          const char *property,
          guint       value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_UINT);
  g_value_set_uint (&v, value);
  return tl_set_property_command_new (target, property, &v, FALSE);
}

/* apply → state B ≠ A; revert → A; apply again → B. */
static void
check_round_trip (TlDocument *document,
                  TlCommand  *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (document);
  g_autofree char *after = NULL;
  g_autofree char *reverted = NULL;
  g_autofree char *reapplied = NULL;

  g_assert_true (tl_command_apply (command, document, &error));
  g_assert_no_error (error);
  after = dump (document);
  g_assert_cmpstr (after, !=, before);

  tl_command_revert (command, document);
  reverted = dump (document);
  g_assert_cmpstr (reverted, ==, before);

  g_assert_true (tl_command_apply (command, document, &error));
  g_assert_no_error (error);
  reapplied = dump (document);
  g_assert_cmpstr (reapplied, ==, after);
  tl_command_revert (command, document);
}

static void
test_set_property_round_trips (void)
{
  g_autoptr(TlDocument) doc = tl_template_new_o2o ("zh_CN");
  TlStation *order = tl_document_lookup_station (doc, "order");
  TlLoop *loop2 = tl_document_lookup_loop (doc, "loop2");
  TlCell *cell = tl_document_lookup_cell (doc, "people", "feel");
  g_auto(GValue) strv = G_VALUE_INIT;
  g_auto(GValue) dbl = G_VALUE_INIT;
  g_auto(GValue) boolean = G_VALUE_INIT;
  TlCommand *commands[12];
  guint n = 0;

  g_value_init (&strv, G_TYPE_STRV);
  g_value_set_boxed (&strv, (const char *[]) { "order", "production", "wom", NULL });
  g_value_init (&dbl, G_TYPE_DOUBLE);
  g_value_set_double (&dbl, 123.5);
  g_value_init (&boolean, G_TYPE_BOOLEAN);
  g_value_set_boolean (&boolean, FALSE);

  commands[n++] = set_string (order, "label", "小程序下单");
  commands[n++] = set_string (order, "description", "WeChat mini-program");
  commands[n++] = tl_set_property_command_new (G_OBJECT (order), "x", &dbl, FALSE);
  commands[n++] = set_string (loop2, "name", "Physical goods");
  commands[n++] = set_string (loop2, "color", "#ABCDEF");
  commands[n++] = tl_set_property_command_new (G_OBJECT (loop2), "stations", &strv, FALSE);
  commands[n++] = set_string (cell, "description", "服务员提醒“菜够了”");
  commands[n++] = set_uint (cell, "current", 3);
  commands[n++] = set_uint (cell, "target", 5);
  commands[n++] = tl_set_property_command_new (G_OBJECT (cell), "key", &boolean, FALSE);
  commands[n++] = set_string (cell, "owner", "transaction");
  commands[n++] = set_string (doc, "title", "拾光咖啡");

  for (guint i = 0; i < n; i++)
    {
      check_round_trip (doc, commands[i]);
      g_assert_cmpstr (tl_command_get_label (commands[i]), !=, NULL);
      g_object_unref (commands[i]);
    }
}

static void
test_set_property_refuses_bad_values (void)
{
  g_autoptr(TlDocument) doc = tl_template_new_o2o ("en");
  TlLoop *loop1 = tl_document_lookup_loop (doc, "loop1");
  TlCell *cell = tl_document_lookup_cell (doc, "space", "sense");
  g_autofree char *before = dump (doc);
  g_auto(GValue) strv = G_VALUE_INIT;
  struct {
    TlCommand *command;
    int        code;
  } cases[5];
  guint n = 0;

  g_value_init (&strv, G_TYPE_STRV);
  g_value_set_boxed (&strv, (const char *[]) { "order", "nowhere", NULL });

  cases[n].command = set_string (loop1, "color", "red"), cases[n++].code = TL_MODEL_ERROR_INVALID;
  cases[n].command = tl_set_property_command_new (G_OBJECT (loop1), "stations", &strv, FALSE),
    cases[n++].code = TL_MODEL_ERROR_NOT_FOUND;
  g_value_set_boxed (&strv, (const char *[]) { "order", NULL });
  cases[n].command = tl_set_property_command_new (G_OBJECT (loop1), "stations", &strv, FALSE),
    cases[n++].code = TL_MODEL_ERROR_INVALID;
  cases[n].command = set_uint (cell, "current", 6), cases[n++].code = TL_MODEL_ERROR_INVALID;
  cases[n].command = set_uint (doc, "score-scale", 6), cases[n++].code = TL_MODEL_ERROR_INVALID;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_assert_false (tl_command_apply (cases[i].command, doc, &error));
      g_assert_error (error, TL_MODEL_ERROR, cases[i].code);
      after = dump (doc);
      g_assert_cmpstr (after, ==, before);
      g_object_unref (cases[i].command);
    }
}

static void
test_structural_round_trips (void)
{
  g_autoptr(TlDocument) doc = tl_template_new_o2o ("en");
  g_autoptr(TlStation) station = tl_station_new ("kiosk", "custom", "Kiosk", 100, 100);
  g_autoptr(TlLoop) loop = tl_loop_new ("loop7", "Kiosk loop", "#000000",
                                        (const char *[]) { "order", "culture", NULL });
  g_autoptr(TlCommand) add_station = tl_add_station_command_new (station);
  g_autoptr(TlCommand) add_loop = tl_add_loop_command_new (loop);
  g_autoptr(TlCommand) remove_loop = tl_remove_loop_command_new ("loop3");
  g_autoptr(TlCommand) remove_pain = tl_remove_station_command_new ("pain");
  g_autoptr(TlCommand) remove_logistics = tl_remove_station_command_new ("logistics");
  g_autoptr(GError) error = NULL;

  check_round_trip (doc, add_station);
  check_round_trip (doc, add_loop);
  check_round_trip (doc, remove_loop);
  check_round_trip (doc, remove_pain);
  check_round_trip (doc, remove_logistics);

  /* Removing "pain" shortens loop3/4/5 and removes loop6 (culture → pain). */
  g_assert_true (tl_command_apply (remove_pain, doc, &error));
  g_assert_null (tl_document_lookup_station (doc, "pain"));
  g_assert_null (tl_document_lookup_loop (doc, "loop6"));
  g_assert_cmpstrv (tl_loop_get_stations (tl_document_lookup_loop (doc, "loop5")),
                    ((const char *[]) { "culture", "wom", NULL }));
  {
    g_autoptr(GPtrArray) problems = tl_document_check (doc);
    g_assert_cmpuint (problems->len, ==, 0);
  }
  tl_command_revert (remove_pain, doc);

  /* The loop's place in the list is restored too. */
  {
    g_autoptr(TlLoop) sixth = g_list_model_get_item (tl_document_get_loops (doc), 5);
    g_assert_cmpstr (tl_loop_get_id (sixth), ==, "loop6");
  }
}

static void
test_structural_refusals (void)
{
  g_autoptr(TlDocument) doc = tl_template_new_o2o ("en");
  g_autoptr(TlStation) dup = tl_station_new ("hub", NULL, "Another hub", 0, 0);
  g_autoptr(TlLoop) dangling = tl_loop_new ("loopX", "x", "#000000", (const char *[]) { "hub", "ghost", NULL });
  g_autoptr(TlLoop) short_loop = tl_loop_new ("loopY", "y", "#000000", (const char *[]) { "hub", NULL });
  g_autoptr(TlCommand) c1 = tl_add_station_command_new (dup);
  g_autoptr(TlCommand) c2 = tl_add_loop_command_new (dangling);
  g_autoptr(TlCommand) c3 = tl_add_loop_command_new (short_loop);
  g_autoptr(TlCommand) c4 = tl_remove_station_command_new ("ghost");
  g_autoptr(TlCommand) c5 = tl_remove_loop_command_new ("ghost");
  TlCommand *all[] = { c1, c2, c3, c4, c5 };
  g_autofree char *before = dump (doc);

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_assert_false (tl_command_apply (all[i], doc, &error));
      g_assert_error (error, TL_MODEL_ERROR, error->code);
      after = dump (doc);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_group_all_or_nothing (void)
{
  g_autoptr(TlDocument) doc = tl_template_new_o2o ("en");
  TlCell *cell = tl_document_lookup_cell (doc, "space", "feel");
  g_autoptr(TlCommand) group = tl_command_group_new ("Two scores");
  g_autoptr(TlCommand) ok1 = set_uint (cell, "current", 2);
  g_autoptr(TlCommand) ok2 = set_uint (cell, "target", 4);
  g_autoptr(TlCommand) bad = set_uint (cell, "target", 9);
  g_autoptr(TlCommand) bad_group = tl_command_group_new ("Bad");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (doc);
  g_autofree char *after = NULL;

  tl_command_group_add (TL_COMMAND_GROUP (group), ok1);
  tl_command_group_add (TL_COMMAND_GROUP (group), ok2);
  check_round_trip (doc, group);
  g_assert_cmpstr (tl_command_get_label (group), ==, "Two scores");

  tl_command_group_add (TL_COMMAND_GROUP (bad_group), ok1);
  tl_command_group_add (TL_COMMAND_GROUP (bad_group), bad);
  g_assert_false (tl_command_apply (bad_group, doc, &error));
  g_assert_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID);
  after = dump (doc);
  g_assert_cmpstr (after, ==, before);
}

typedef struct {
  guint can_undo;
  guint can_redo;
  guint modified;
} NotifyCounts;

static void
count_notify_cb (GObject      *object,
                 GParamSpec   *pspec,
                 NotifyCounts *counts)
{
  if (g_str_equal (pspec->name, "can-undo"))
    counts->can_undo++;
  else if (g_str_equal (pspec->name, "can-redo"))
    counts->can_redo++;
  else if (g_str_equal (pspec->name, "modified"))
    counts->modified++;
}

static void
test_undo_stack_saved_point (void)
{
  g_autoptr(TlDocument) doc = tl_template_new_o2o ("en");
  g_autoptr(TlUndoStack) stack = tl_undo_stack_new (doc);
  TlStation *hub = tl_document_lookup_station (doc, "hub");
  g_autoptr(TlCommand) c1 = set_string (hub, "label", "CRM");
  g_autoptr(TlCommand) c2 = set_string (hub, "description", "The cylinder");
  g_autoptr(TlCommand) c3 = set_string (hub, "label", "Hub");
  NotifyCounts counts = { 0 };
  g_autofree char *original = dump (doc);
  g_autofree char *state = NULL;

  g_signal_connect (stack, "notify", G_CALLBACK (count_notify_cb), &counts);

  g_assert_false (tl_undo_stack_get_modified (stack));
  g_assert_false (tl_undo_stack_get_can_undo (stack));
  g_assert_false (tl_undo_stack_undo (stack));

  g_assert_true (tl_undo_stack_push (stack, c1, NULL));
  g_assert_cmpuint (counts.can_undo, ==, 1);
  g_assert_cmpuint (counts.modified, ==, 1);
  g_assert_true (tl_undo_stack_get_modified (stack));
  g_assert_cmpstr (tl_undo_stack_get_undo_label (stack), ==, "Rename Station");

  tl_undo_stack_mark_saved (stack);
  g_assert_false (tl_undo_stack_get_modified (stack));
  g_assert_cmpuint (counts.modified, ==, 2);

  g_assert_true (tl_undo_stack_push (stack, c2, NULL));
  g_assert_true (tl_undo_stack_get_modified (stack));
  g_assert_true (tl_undo_stack_undo (stack));
  /* Back at the saved point: clean again. */
  g_assert_false (tl_undo_stack_get_modified (stack));
  g_assert_true (tl_undo_stack_get_can_redo (stack));
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_true (tl_undo_stack_get_modified (stack));
  state = dump (doc);
  g_assert_cmpstr (state, ==, original);

  g_assert_true (tl_undo_stack_redo (stack));
  g_assert_false (tl_undo_stack_get_modified (stack));
  g_assert_cmpstr (tl_station_get_label (hub), ==, "CRM");

  /* A new step after an undo drops the redo branch. */
  g_assert_true (tl_undo_stack_redo (stack));
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_true (tl_undo_stack_push (stack, c3, NULL));
  g_assert_false (tl_undo_stack_get_can_redo (stack));
  g_assert_true (tl_undo_stack_get_modified (stack));
  g_assert_cmpstr (tl_station_get_label (hub), ==, "Hub");
}

static void
test_undo_stack_merges_typing (void)
{
  g_autoptr(TlDocument) doc = tl_template_new_o2o ("en");
  g_autoptr(TlUndoStack) stack = tl_undo_stack_new (doc);
  TlStation *wom = tl_document_lookup_station (doc, "wom");
  const char *steps[] = { "W", "Wo", "Wor", "Word" };
  const char *original = "Word of mouth (online sharing)";

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_auto(GValue) v = G_VALUE_INIT;
      g_autoptr(TlCommand) c = NULL;

      g_value_init (&v, G_TYPE_STRING);
      g_value_set_string (&v, steps[i]);
      c = tl_set_property_command_new (G_OBJECT (wom), "label", &v, TRUE);
      g_assert_true (tl_undo_stack_push (stack, c, NULL));
    }

  g_assert_cmpstr (tl_station_get_label (wom), ==, "Word");
  g_assert_true (tl_undo_stack_undo (stack));
  g_assert_cmpstr (tl_station_get_label (wom), ==, original);
  g_assert_false (tl_undo_stack_get_can_undo (stack));
  g_assert_true (tl_undo_stack_redo (stack));
  g_assert_cmpstr (tl_station_get_label (wom), ==, "Word");
}

static void
test_undo_stack_failed_push (void)
{
  g_autoptr(TlDocument) doc = tl_template_new_o2o ("en");
  g_autoptr(TlUndoStack) stack = tl_undo_stack_new (doc);
  g_autoptr(TlCommand) bad = tl_remove_loop_command_new ("nope");
  g_autoptr(GError) error = NULL;

  g_assert_false (tl_undo_stack_push (stack, bad, &error));
  g_assert_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_NOT_FOUND);
  g_assert_false (tl_undo_stack_get_can_undo (stack));
  g_assert_false (tl_undo_stack_get_modified (stack));
}

typedef struct {
  GPtrArray *log;
} ChangeLog;

static void
document_changed_cb (TlDocument *doc,
                     int         kind,
                     GObject    *object,
                     const char *property,
                     GPtrArray  *log)
{
  g_ptr_array_add (log, g_strdup_printf ("%d %s %s %s", kind,
                                         tl_document_object_kind (object),
                                         tl_document_object_id (object) ? tl_document_object_id (object) : "-",
                                         property ? property : "-"));
}

static void
test_document_changed_signal (void)
{
  g_autoptr(TlDocument) doc = tl_template_new_o2o ("en");
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TlCommand) rename = set_string (tl_document_lookup_station (doc, "hub"), "label", "CRM");
  g_autoptr(TlCommand) same = set_string (tl_document_lookup_station (doc, "hub"), "label", "CRM");
  g_autoptr(TlCommand) remove = tl_remove_loop_command_new ("loop1");

  g_signal_connect (doc, "changed", G_CALLBACK (document_changed_cb), log);

  g_assert_true (tl_command_apply (rename, doc, NULL));
  /* Setting the same value again is not a change. */
  g_assert_true (tl_command_apply (same, doc, NULL));
  g_assert_true (tl_command_apply (remove, doc, NULL));
  tl_document_set_title (doc, "T");

  g_assert_cmpuint (log->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (log, 0), ==, "2 station hub label");
  g_assert_cmpstr (g_ptr_array_index (log, 1), ==, "1 loop loop1 -");
  g_assert_cmpstr (g_ptr_array_index (log, 2), ==, "2 document - title");
}

static void
test_objects_finalize (void)
{
  TlDocument *doc = tl_template_new_o2o ("en");
  TlUndoStack *stack = tl_undo_stack_new (doc);
  TlCommand *remove = tl_remove_station_command_new ("pain");

  g_assert_true (tl_undo_stack_push (stack, remove, NULL));
  g_object_unref (remove);
  g_assert_finalize_object (stack);
  g_assert_finalize_object (doc);
}

/* The ids of the document's loops in order, joined by commas */
static char *
loop_order (TlDocument *document)
{
  GListModel *loops = tl_document_get_loops (document);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (loops); i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);

      g_string_append_printf (s, "%s%s", i > 0 ? "," : "", tl_loop_get_id (loop));
    }
  return g_string_free (s, FALSE);
}

static void
count_loop_removals_cb (TlDocument *doc,
                        int         kind,
                        GObject    *object,
                        const char *property,
                        GPtrArray  *removed)
{
  if (kind == TL_CHANGE_REMOVED && TL_IS_LOOP (object))
    g_ptr_array_add (removed, g_strdup (tl_loop_get_id (TL_LOOP (object))));
}

static void
test_move_loop (void)
{
  g_autoptr(TlDocument) doc = tl_template_new_o2o ("en");
  g_autoptr(TlCommand) down = tl_move_loop_command_new ("loop2", 4);
  g_autoptr(TlCommand) up = tl_move_loop_command_new ("loop6", 0);
  g_autoptr(TlCommand) far = tl_move_loop_command_new ("loop1", 99);
  g_autoptr(TlCommand) same = tl_move_loop_command_new ("loop3", 2);
  g_autoptr(TlCommand) ghost = tl_move_loop_command_new ("ghost", 0);
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *order = NULL;
  g_autofree char *before = dump (doc);

  check_round_trip (doc, down);
  check_round_trip (doc, up);
  check_round_trip (doc, far);
  g_assert_cmpstr (tl_command_get_label (down), ==, "Reorder Loops");

  g_signal_connect (doc, "changed", G_CALLBACK (count_loop_removals_cb), removed);
  g_assert_true (tl_command_apply (down, doc, &error));
  g_assert_no_error (error);
  order = loop_order (doc);
  g_assert_cmpstr (order, ==, "loop1,loop3,loop4,loop5,loop2,loop6");
  /* The moved loop never leaves the document: a view keeps it selected. */
  g_assert_cmpuint (removed->len, ==, 3);
  for (guint i = 0; i < removed->len; i++)
    g_assert_cmpstr (g_ptr_array_index (removed, i), !=, "loop2");
  tl_command_revert (down, doc);
  g_clear_pointer (&order, g_free);
  order = loop_order (doc);
  g_assert_cmpstr (order, ==, "loop1,loop2,loop3,loop4,loop5,loop6");

  g_assert_true (tl_command_apply (up, doc, &error));
  g_clear_pointer (&order, g_free);
  order = loop_order (doc);
  g_assert_cmpstr (order, ==, "loop6,loop1,loop2,loop3,loop4,loop5");
  tl_command_revert (up, doc);

  /* A position past the end is the end. */
  g_assert_true (tl_command_apply (far, doc, &error));
  g_clear_pointer (&order, g_free);
  order = loop_order (doc);
  g_assert_cmpstr (order, ==, "loop2,loop3,loop4,loop5,loop6,loop1");
  tl_command_revert (far, doc);

  /* Refusals change nothing. */
  g_assert_false (tl_command_apply (same, doc, &error));
  g_assert_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tl_command_apply (ghost, doc, &error));
  g_assert_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_NOT_FOUND);
  {
    g_autofree char *after = dump (doc);

    g_assert_cmpstr (after, ==, before);
  }
}

static void
test_palette (void)
{
  g_autoptr(TlDocument) doc = tl_template_new_o2o ("en");
  guint n_colors = 0;
  const char * const *colors = tl_loop_palette (&n_colors);
  g_autoptr(TlCommand) recolor = NULL;
  g_autoptr(TlCommand) paint = NULL;
  g_autoptr(TlCommand) paint2 = NULL;
  g_autoptr(TlCommand) paint5 = NULL;
  g_autoptr(TlLoop) extra = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *painted = NULL;

  g_assert_cmpuint (n_colors, ==, 8);
  g_assert_cmpuint (g_strv_length ((char **) colors), ==, n_colors);
  for (guint i = 0; i < n_colors; i++)
    {
      g_assert_true (tl_color_is_valid (colors[i]));
      g_assert_nonnull (tl_loop_palette_name (i));
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (colors[i], !=, colors[j]);
    }

  /* The template uses the first six already: nothing to recolour, and a
   * new loop gets the seventh. */
  g_assert_null (tl_recolor_loops_command_new (doc));
  g_assert_cmpstr (tl_loop_palette_next_color (doc), ==, colors[6]);
  id = tl_loop_new_unique_id (doc);
  g_assert_cmpstr (id, ==, "loop7");
  extra = tl_loop_new (id, "Seven", tl_loop_palette_next_color (doc),
                       (const char *[]) { "hub", "order", NULL });
  tl_document_insert_loop (doc, extra, -1);
  g_assert_cmpstr (tl_loop_palette_next_color (doc), ==, colors[7]);
  g_clear_pointer (&id, g_free);
  id = tl_loop_new_unique_id (doc);
  g_assert_cmpstr (id, ==, "loop8");

  /* Two loops recoloured by hand come back in one step. */
  paint = tl_command_group_new ("Paint");
  paint2 = set_string (tl_document_lookup_loop (doc, "loop2"), "color", "#123456");
  paint5 = set_string (tl_document_lookup_loop (doc, "loop5"), "color", "#ff0000");
  tl_command_group_add (TL_COMMAND_GROUP (paint), paint2);
  tl_command_group_add (TL_COMMAND_GROUP (paint), paint5);
  g_assert_true (tl_command_apply (paint, doc, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tl_loop_palette_next_color (doc), ==, colors[1]);
  painted = dump (doc);

  recolor = tl_recolor_loops_command_new (doc);
  g_assert_nonnull (recolor);
  g_assert_cmpuint (tl_command_group_get_n_commands (TL_COMMAND_GROUP (recolor)), ==, 2);
  g_assert_cmpstr (tl_command_get_label (recolor), ==, "Use Colour-Blind Safe Colours");
  check_round_trip (doc, recolor);
  g_assert_true (tl_command_apply (recolor, doc, &error));
  g_assert_cmpstr (tl_loop_get_color (tl_document_lookup_loop (doc, "loop2")), ==, colors[1]);
  g_assert_cmpstr (tl_loop_get_color (tl_document_lookup_loop (doc, "loop5")), ==, colors[4]);
  g_assert_null (tl_recolor_loops_command_new (doc));
  tl_command_revert (recolor, doc);
  {
    g_autofree char *reverted = dump (doc);

    g_assert_cmpstr (reverted, ==, painted);
  }
}

static void
test_loop_check (void)
{
  g_autoptr(TlDocument) doc = tl_template_new_o2o ("en");
  g_autoptr(TlLoop) lonely = tl_loop_new ("loopL", "Lonely", "#000000", (const char *[]) { "hub", "hub", NULL });
  g_autoptr(TlLoop) ghostly = tl_loop_new ("loopG", "Ghostly", "#000000",
                                           (const char *[]) { "hub", "ghost", "order", NULL });
  g_autoptr(TlLoop) empty = tl_loop_new ("loopE", "", "#000000", (const char *[]) { NULL });
  g_autoptr(GPtrArray) sound = tl_loop_check (tl_document_lookup_loop (doc, "loop1"), doc);
  g_autoptr(GPtrArray) one = tl_loop_check (lonely, doc);
  g_autoptr(GPtrArray) missing = tl_loop_check (ghostly, doc);
  g_autoptr(GPtrArray) none = tl_loop_check (empty, doc);

  g_assert_cmpuint (sound->len, ==, 0);

  /* The same station twice is one station: the loop cannot close. */
  g_assert_cmpuint (one->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (one, 0), "“Lonely”"));
  g_assert_nonnull (strstr (g_ptr_array_index (one, 0), "two stations"));

  /* A missing station is named; the two others still close the loop. */
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (missing, 0), "“ghost”"));

  /* A loop without a name is named by its id. */
  g_assert_cmpuint (none->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (none, 0), "“loopE”"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tl/model/commands/set-property-round-trips", test_set_property_round_trips);
  g_test_add_func ("/tl/model/commands/set-property-refuses-bad-values", test_set_property_refuses_bad_values);
  g_test_add_func ("/tl/model/commands/structural-round-trips", test_structural_round_trips);
  g_test_add_func ("/tl/model/commands/structural-refusals", test_structural_refusals);
  g_test_add_func ("/tl/model/commands/group-all-or-nothing", test_group_all_or_nothing);
  g_test_add_func ("/tl/model/commands/move-loop", test_move_loop);
  g_test_add_func ("/tl/model/commands/palette", test_palette);
  g_test_add_func ("/tl/model/commands/loop-check", test_loop_check);
  g_test_add_func ("/tl/model/undo/saved-point", test_undo_stack_saved_point);
  g_test_add_func ("/tl/model/undo/merges-typing", test_undo_stack_merges_typing);
  g_test_add_func ("/tl/model/undo/failed-push", test_undo_stack_failed_push);
  g_test_add_func ("/tl/model/document/changed-signal", test_document_changed_signal);
  g_test_add_func ("/tl/model/document/finalize", test_objects_finalize);

  return g_test_run ();
}
