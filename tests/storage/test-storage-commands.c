/* test-storage-commands.c: every feedback command applies, reverts
 * exactly, and applies again to the same state, ids, links, images and
 * evidence included
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "feedback-test-util.h"

typedef struct
{
  char        *path;
  TlDocument  *document;
  TlStore     *store;
  TlUndoStack *stack;
  gint64       ids[6];
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static guint serial;
  g_autofree char *name = g_strdup_printf ("commands-%u.touchloop", serial++);
  const char *links[][3] = {
    { "station:order", NULL },
    { "station:wom", "cell:people/feel", NULL },
    { "loop:loop3", NULL },
    { NULL },
    { "station:pain", "station:culture", NULL },
    { "cell:space/sense", NULL },
  };

  fixture->path = tl_test_path (name);
  fixture->document = tl_template_new_o2o ("zh_CN");
  fixture->store = tl_test_create_store (fixture->path, fixture->document);
  fixture->stack = tl_undo_stack_new (fixture->document);

  for (guint i = 0; i < G_N_ELEMENTS (fixture->ids); i++)
    {
      g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
      g_autofree char *text = g_strdup_printf ("第 %u 条反馈：送餐很快，服务员很热情，味道也不错 (%u)", i, i);
      g_autofree char *date = g_strdup_printf ("2026-0%u-1%u", 1 + i % 3, i);

      tl_feedback_item_set_text (item, text);
      tl_feedback_item_set_date (item, date);
      tl_feedback_item_set_rating (item, 1 + i % 5);
      tl_feedback_item_set_stage (item, 'A' + i);
      tl_feedback_item_set_links (item, links[i]);
      fixture->ids[i] = tl_store_add_feedback (fixture->store, item, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->stack);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->document);
  g_clear_pointer (&fixture->path, g_free);
}

/* Pushes @command (A → B), undoes (→ A), redoes (→ B), undoes again. */
static void
check_round_trip (Fixture   *fixture,
                  TlCommand *command)
{
  g_autoptr(TlCommand) owned = command;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = tl_test_dump_feedback (fixture->store);
  g_autofree char *b = NULL;
  g_autofree char *a2 = NULL;
  g_autofree char *b2 = NULL;
  g_autofree char *a3 = NULL;

  g_assert_true (tl_undo_stack_push (fixture->stack, command, &error));
  g_assert_no_error (error);
  b = tl_test_dump_feedback (fixture->store);
  g_assert_cmpstr (a, !=, b);
  tl_test_assert_evidence (fixture->store);

  g_assert_true (tl_undo_stack_undo (fixture->stack));
  a2 = tl_test_dump_feedback (fixture->store);
  g_assert_cmpstr (a, ==, a2);
  tl_test_assert_evidence (fixture->store);

  g_assert_true (tl_undo_stack_redo (fixture->stack));
  b2 = tl_test_dump_feedback (fixture->store);
  g_assert_cmpstr (b, ==, b2);
  tl_test_assert_evidence (fixture->store);

  g_assert_true (tl_undo_stack_undo (fixture->stack));
  a3 = tl_test_dump_feedback (fixture->store);
  g_assert_cmpstr (a, ==, a3);

  g_assert_true (tl_undo_stack_redo (fixture->stack));
}

static void
test_add (Fixture       *fixture,
          gconstpointer  data)
{
  TlFeedbackItem *items[2];
  const char *links[] = { "station:hub", "loop:loop1", NULL };
  guint n_ids;
  const gint64 *ids;
  TlCommand *command;

  items[0] = tl_feedback_item_new (0);
  items[1] = tl_feedback_item_new (0);
  tl_feedback_item_set_text (items[0], "Quick-added: the blackboard sign was lovely");
  tl_feedback_item_set_date (items[0], "2027-01-01");     /* the newest: the reference moves */
  tl_feedback_item_set_links (items[0], links);
  tl_feedback_item_set_phase (items[1], "after-sales");
  tl_feedback_item_set_text (items[1], "售后很好");

  command = tl_add_feedback_command_new (fixture->store, items, 2);
  g_object_unref (items[0]);
  g_object_unref (items[1]);
  g_object_ref (command);
  check_round_trip (fixture, command);

  /* The same ids every time */
  ids = tl_add_feedback_command_get_ids (TL_ADD_FEEDBACK_COMMAND (command), &n_ids);
  g_assert_cmpuint (n_ids, ==, 2);
  g_assert_cmpint (ids[0], ==, fixture->ids[5] + 1);
  g_assert_cmpint (ids[1], ==, fixture->ids[5] + 2);
  g_assert_cmpuint (tl_document_get_evidence (fixture->document, "station", "hub")->count, ==, 1);
  g_object_unref (command);

  /* Ids are not reused after an undo, so a redo finds its own */
  g_assert_true (tl_undo_stack_undo (fixture->stack));
  {
    g_autoptr(TlFeedbackItem) other = tl_feedback_item_new (0);
    g_autoptr(GError) error = NULL;

    tl_feedback_item_set_text (other, "added meanwhile, not by a command");
    g_assert_cmpint (tl_store_add_feedback (fixture->store, other, &error), ==, fixture->ids[5] + 3);
  }
  g_assert_true (tl_undo_stack_redo (fixture->stack));
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 9);
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *before = tl_test_dump_feedback (fixture->store);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autoptr(TlCommand) command = NULL;
  g_autoptr(GBytes) jpeg = tl_test_jpeg (640, 480);

  /* An import, committed, with a duplicate of an existing item */
  g_assert_true (tl_store_begin (fixture->store, &error));
  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
      g_autofree char *text = g_strdup_printf ("imported %u", i % 2900);
      const char *links[] = { i % 2 ? "station:experience" : "cell:media/think", NULL };
      gboolean duplicate = FALSE;
      gint64 id;

      tl_feedback_item_set_text (item, text);
      tl_feedback_item_set_date (item, (i % 2900) % 3 ? "2025-05-05" : NULL);
      tl_feedback_item_set_links (item, links);
      id = tl_store_add_feedback_full (fixture->store, item, TL_ADD_DEDUPLICATE, &duplicate, &error);
      g_assert_no_error (error);
      if (!duplicate)
        g_array_append_val (ids, id);
    }
  g_assert_true (tl_store_commit (fixture->store, &error));
  g_assert_cmpuint (ids->len, ==, 2900);
  g_assert_cmpint (tl_store_add_image (fixture->store, g_array_index (ids, gint64, 7), jpeg, 0, &error), >, 0);
  after = tl_test_dump_feedback (fixture->store);

  /* … made one undoable step: the first apply does nothing */
  command = tl_add_feedback_command_new_imported (fixture->store, (gint64 *)ids->data, ids->len);
  g_assert_true (tl_undo_stack_push (fixture->stack, command, &error));
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 2906);

  g_assert_true (tl_undo_stack_undo (fixture->stack));
  undone = tl_test_dump_feedback (fixture->store);
  g_assert_cmpstr (undone, ==, before);
  tl_test_assert_evidence (fixture->store);
  /* Nothing of it is found either */
  {
    g_autoptr(GArray) found = tl_store_search_feedback_ids (fixture->store, "imported", &error);

    g_assert_cmpuint (found->len, ==, 0);
  }

  g_assert_true (tl_undo_stack_redo (fixture->stack));
  redone = tl_test_dump_feedback (fixture->store);
  g_assert_cmpstr (redone, ==, after);
  tl_test_assert_evidence (fixture->store);
  {
    g_autoptr(GArray) found = tl_store_search_feedback_ids (fixture->store, "imported 12", &error);

    /* 12, 120–129, 1200–1299 */
    g_assert_cmpuint (found->len, ==, 111);
  }
  {
    g_autoptr(GArray) found = tl_store_search_feedback_ids (fixture->store, "d ", &error);

    g_assert_cmpuint (found->len, ==, 2900);
  }

  /* Thousands linked at once (the aggregates they touch are recomputed
   * rather than followed item by item), and unlinked */
  check_round_trip (fixture, tl_link_feedback_command_new (fixture->store, (gint64 *)ids->data, ids->len,
                                                           "station:hub", FALSE));
  g_assert_cmpuint (tl_document_get_evidence (fixture->document, "station", "hub")->count, ==, 2900);
  check_round_trip (fixture, tl_link_feedback_command_new (fixture->store, (gint64 *)ids->data, ids->len,
                                                           "station:experience", TRUE));
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlFeedbackItem) values = tl_store_get_feedback (fixture->store, fixture->ids[1], &error);
  const TlFeedbackFields fields[] = {
    TL_FEEDBACK_FIELD_TEXT, TL_FEEDBACK_FIELD_DATE, TL_FEEDBACK_FIELD_RATING,
    TL_FEEDBACK_FIELD_STAGE, TL_FEEDBACK_FIELD_SOURCE | TL_FEEDBACK_FIELD_TAGS | TL_FEEDBACK_FIELD_PHASE,
  };

  g_assert_no_error (error);
  tl_feedback_item_set_text (values, "short");
  tl_feedback_item_set_date (values, "2030-12-31T08:00:00");
  tl_feedback_item_clear_rating (values);
  tl_feedback_item_set_stage (values, '\0');
  tl_feedback_item_set_source (values, "微博");
  tl_feedback_item_set_tags (values, "口碑, WOM");
  tl_feedback_item_set_phase (values, "evaluation");

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    check_round_trip (fixture, tl_edit_feedback_command_new (fixture->store, values, fields[i], FALSE));
}

static void
test_edit_merges (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlFeedbackItem) values = tl_store_get_feedback (fixture->store, fixture->ids[0], &error);
  g_autofree char *original = g_strdup (tl_feedback_item_get_text (values));
  const char *typed[] = { "T", "Ty", "Typ", "Typed" };
  g_autoptr(TlFeedbackItem) now = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(TlCommand) command = NULL;

      tl_feedback_item_set_text (values, typed[i]);
      command = tl_edit_feedback_command_new (fixture->store, values, TL_FEEDBACK_FIELD_TEXT, TRUE);
      g_assert_true (tl_undo_stack_push (fixture->stack, command, &error));
    }
  now = tl_store_get_feedback (fixture->store, fixture->ids[0], &error);
  g_assert_cmpstr (tl_feedback_item_get_text (now), ==, "Typed");
  g_clear_object (&now);

  /* One undo for the typing */
  g_assert_true (tl_undo_stack_undo (fixture->stack));
  g_assert_false (tl_undo_stack_get_can_undo (fixture->stack));
  now = tl_store_get_feedback (fixture->store, fixture->ids[0], &error);
  g_assert_cmpstr (tl_feedback_item_get_text (now), ==, original);
  g_clear_object (&now);

  g_assert_true (tl_undo_stack_redo (fixture->stack));
  now = tl_store_get_feedback (fixture->store, fixture->ids[0], &error);
  g_assert_cmpstr (tl_feedback_item_get_text (now), ==, "Typed");
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = tl_test_png (300, 200);
  gint64 ids[] = { fixture->ids[1], fixture->ids[4], fixture->ids[5], 999 };

  /* With an image, which must come back too */
  g_assert_cmpint (tl_store_add_image (fixture->store, fixture->ids[4], png, 0, &error), >, 0);
  check_round_trip (fixture, tl_delete_feedback_command_new (fixture->store, ids, G_N_ELEMENTS (ids)));
  g_assert_cmpint (tl_store_count_feedback (fixture->store), ==, 3);

  /* The newest item deleted and put back: the reference follows */
  check_round_trip (fixture, tl_delete_feedback_command_new (fixture->store, &fixture->ids[2], 1));
}

static void
test_link (Fixture       *fixture,
           gconstpointer  data)
{
  gint64 ids[] = { fixture->ids[0], fixture->ids[2], fixture->ids[3], fixture->ids[4] };
  const char *targets[] = {
    "station:order",      /* ids[0] has it already: that one stays linked */
    "station:production", /* through the loops 1–4 */
    "loop:loop3",
    "cell:visual/relate",
  };

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      check_round_trip (fixture, tl_link_feedback_command_new (fixture->store, ids, G_N_ELEMENTS (ids), targets[i], FALSE));
      check_round_trip (fixture, tl_link_feedback_command_new (fixture->store, ids, G_N_ELEMENTS (ids), targets[i], TRUE));
    }

  /* Unlinking what was never linked is a step that changes nothing */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TlCommand) command = tl_link_feedback_command_new (fixture->store, ids, 1, "station:hub", TRUE);
    g_autofree char *before = tl_test_dump_feedback (fixture->store);
    g_autofree char *after = NULL;

    g_assert_true (tl_undo_stack_push (fixture->stack, command, &error));
    g_assert_true (tl_undo_stack_undo (fixture->stack));
    after = tl_test_dump_feedback (fixture->store);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_images (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = tl_test_png (1920, 1080);
  g_autoptr(GBytes) jpeg = tl_test_jpeg (800, 600);
  g_autoptr(TlCommand) add = tl_add_image_command_new (fixture->store, fixture->ids[1], png);
  gint64 image_id;

  g_object_ref (add);
  check_round_trip (fixture, add);
  image_id = tl_image_command_get_image_id (TL_IMAGE_COMMAND (add));
  g_assert_cmpint (image_id, >, 0);

  /* A second one does not change engagement; removing the first does not either */
  check_round_trip (fixture, tl_add_image_command_new (fixture->store, fixture->ids[1], jpeg));
  check_round_trip (fixture, tl_remove_image_command_new (fixture->store, image_id));
}

static void
test_failures (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = tl_test_dump_feedback (fixture->store);
  g_autofree char *after = NULL;
  g_autoptr(GBytes) text = g_bytes_new_static ("not an image", 12);
  g_autoptr(TlDocument) other = tl_template_new_o2o ("en");
  g_autoptr(TlUndoStack) other_stack = tl_undo_stack_new (other);
  g_autoptr(TlFeedbackItem) bad = tl_feedback_item_new (0);
  TlFeedbackItem *items[] = { NULL, bad };
  g_autoptr(TlFeedbackItem) good = tl_feedback_item_new (0);
  const char *bad_links[] = { "station:nowhere", NULL };
  TlCommand *commands[5];

  tl_feedback_item_set_text (good, "fine");
  items[0] = good;
  tl_feedback_item_set_links (bad, bad_links);

  commands[0] = tl_link_feedback_command_new (fixture->store, fixture->ids, 2, "station:nowhere", FALSE);
  commands[1] = tl_link_feedback_command_new (fixture->store, fixture->ids, 2, "nonsense", FALSE);
  commands[2] = tl_add_image_command_new (fixture->store, fixture->ids[0], text);
  commands[3] = tl_add_feedback_command_new (fixture->store, items, 2);   /* all or nothing */
  commands[4] = tl_remove_image_command_new (fixture->store, 12345);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_assert_false (tl_undo_stack_push (fixture->stack, commands[i], &error));
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_clear_error (&error);
      g_object_unref (commands[i]);
    }
  g_assert_false (tl_undo_stack_get_can_undo (fixture->stack));

  /* Another document's stack */
  {
    g_autoptr(TlCommand) command = tl_delete_feedback_command_new (fixture->store, fixture->ids, 1);

    g_assert_false (tl_undo_stack_push (other_stack, command, &error));
    g_assert_error (error, TL_MODEL_ERROR, TL_MODEL_ERROR_INVALID);
    g_clear_error (&error);
  }

  after = tl_test_dump_feedback (fixture->store);
  g_assert_cmpstr (before, ==, after);

  /* A read-only store refuses */
  {
    g_autoptr(TlStore) reader = tl_store_open (fixture->path, TL_STORE_OPEN_READ_ONLY, &error);
    g_autoptr(TlUndoStack) stack = tl_undo_stack_new (tl_store_get_document (reader));
    g_autoptr(TlCommand) command = tl_delete_feedback_command_new (reader, fixture->ids, 1);

    g_assert_no_error (error);
    g_assert_false (tl_undo_stack_push (stack, command, &error));
    g_assert_error (error, TL_STORE_ERROR, TL_STORE_ERROR_IO);
  }
}

int
main (int   argc,
      char *argv[])
{
  tl_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/tl/storage/commands/add", test_add);
  ADD ("/tl/storage/commands/import", test_import);
  ADD ("/tl/storage/commands/edit", test_edit);
  ADD ("/tl/storage/commands/edit-merges", test_edit_merges);
  ADD ("/tl/storage/commands/delete", test_delete);
  ADD ("/tl/storage/commands/link", test_link);
  ADD ("/tl/storage/commands/images", test_images);
  ADD ("/tl/storage/commands/failures", test_failures);
#undef ADD

  return tl_test_run ();
}
