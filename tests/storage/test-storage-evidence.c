/* test-storage-evidence.c: the evidence the store keeps equals the
 * evidence computed from scratch, whatever happened before
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "feedback-test-util.h"

static const char *texts[] = {
  "送餐太慢了", "服务员很热情，环境也不错，下次还会再来，推荐给朋友们一起来吃饭",
  "Great taste", "The courier was rude and late, and the soup was cold when it arrived",
  "好", "门店装修很有文化气息，适合拍照分享到朋友圈，老板也很有意思，聊了很久",
};

static TlFeedbackItem *
random_item (GRand      *rand,
             TlDocument *document)
{
  TlFeedbackItem *item = tl_feedback_item_new (0);
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_free);
  GListModel *stations = tl_document_get_stations (document);
  GListModel *loops = tl_document_get_loops (document);
  GListModel *cells = tl_document_get_cells (document);

  tl_feedback_item_set_text (item, texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (texts))]);

  /* Some undated; dates over a year, some with a time */
  if (g_rand_int_range (rand, 0, 6) > 0)
    {
      GDate date;
      g_autofree char *text = NULL;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, 1, 2025);
      g_date_add_days (&date, g_rand_int_range (rand, 0, 400));
      if (g_rand_boolean (rand))
        text = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
      else
        text = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:00", g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), g_rand_int_range (rand, 0, 24), g_rand_int_range (rand, 0, 60));
      tl_feedback_item_set_date (item, text);
    }

  if (g_rand_int_range (rand, 0, 4) > 0)
    tl_feedback_item_set_rating (item, g_rand_int_range (rand, 1, 6) + (g_rand_boolean (rand) ? 0.5 : 0));
  if (g_rand_int_range (rand, 0, 3) > 0)
    tl_feedback_item_set_stage (item, 'A' + g_rand_int_range (rand, 0, 6));

  for (guint n = g_rand_int_range (rand, 0, 3); n > 0; n--)
    {
      g_autoptr(GObject) object = NULL;
      const char *kind;

      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0:
          object = g_list_model_get_item (stations, g_rand_int_range (rand, 0, g_list_model_get_n_items (stations)));
          kind = "station";
          break;
        case 1:
          object = g_list_model_get_item (loops, g_rand_int_range (rand, 0, g_list_model_get_n_items (loops)));
          kind = "loop";
          break;
        default:
          object = g_list_model_get_item (cells, g_rand_int_range (rand, 0, 6));
          kind = "cell";
          break;
        }
      g_ptr_array_add (links, g_strconcat (kind, ":", tl_document_object_id (object), NULL));
    }
  /* The same link twice is one link */
  if (links->len > 0 && g_rand_int_range (rand, 0, 10) == 0)
    g_ptr_array_add (links, g_strdup (g_ptr_array_index (links, 0)));
  g_ptr_array_add (links, NULL);
  tl_feedback_item_set_links (item, (const char * const *)links->pdata);

  return item;
}

/* A target that many items share: a station of several loops, a loop, a
 * cell */
static char *
random_target (GRand      *rand,
               TlDocument *document)
{
  const char *targets[] = {
    "station:production", "station:pain", "station:wom", "station:order",
    "loop:loop2", "loop:loop5", "cell:people/feel", "cell:space/sense",
  };
  const char *target = targets[g_rand_int_range (rand, 0, G_N_ELEMENTS (targets))];

  /* The station may have been removed (and not put back yet) */
  if (g_str_has_prefix (target, "station:") && tl_document_lookup_station (document, target + 8) == NULL)
    target = "loop:loop1";
  if (g_str_has_prefix (target, "loop:") && tl_document_lookup_loop (document, target + 5) == NULL)
    target = "cell:people/feel";
  return g_strdup (target);
}

static GArray *
random_ids (GRand   *rand,
            TlStore *store,
            guint    max)
{
  g_autoptr(GError) error = NULL;
  GArray *all = tl_store_list_feedback_ids (store, &error);
  GArray *some = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = all->len > 0 ? g_rand_int_range (rand, 1, MIN (max, all->len) + 1) : 0;

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    g_array_append_val (some, g_array_index (all, gint64, g_rand_int_range (rand, 0, all->len)));
  g_array_unref (all);
  return some;
}

static void
push (TlUndoStack *stack,
      TlCommand   *command)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlCommand) owned = command;

  g_assert_true (tl_undo_stack_push (stack, command, &error));
  g_assert_no_error (error);
}

static TlCommand *
set_double (GObject    *target,
            const char *property,
            double      value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, value);
  return tl_set_property_command_new (target, property, &v, FALSE);
}

static TlCommand *
set_uint (GObject    *target,
          const char *property,
          guint       value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_UINT);
  g_value_set_uint (&v, value);
  return tl_set_property_command_new (target, property, &v, FALSE);
}

/* One random change, through the undo stack as the window makes them */
static void
random_step (GRand       *rand,
             TlStore     *store,
             TlUndoStack *stack,
             guint        step)
{
  TlDocument *document = tl_store_get_document (store);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *target = NULL;
  int what = g_rand_int_range (rand, 0, 100);

  if (what < 20)
    {
      ids = random_ids (rand, store, 12);
      target = random_target (rand, document);
      push (stack, tl_link_feedback_command_new (store, (gint64 *)ids->data, ids->len, target, FALSE));
    }
  else if (what < 32)
    {
      ids = random_ids (rand, store, 12);
      target = random_target (rand, document);
      push (stack, tl_link_feedback_command_new (store, (gint64 *)ids->data, ids->len, target, TRUE));
    }
  else if (what < 42)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint n = g_rand_int_range (rand, 1, 4); n > 0; n--)
        g_ptr_array_add (items, random_item (rand, document));
      push (stack, tl_add_feedback_command_new (store, (TlFeedbackItem **)items->pdata, items->len));
    }
  else if (what < 48)
    {
      ids = random_ids (rand, store, 4);
      push (stack, tl_delete_feedback_command_new (store, (gint64 *)ids->data, ids->len));
    }
  else if (what < 58)
    {
      /* Edit what evidence depends on: date (even to the newest), rating, text */
      g_autoptr(TlFeedbackItem) values = NULL;
      g_autoptr(GError) error = NULL;
      TlFeedbackFields field;

      ids = random_ids (rand, store, 1);
      if (ids->len == 0)
        return;
      values = tl_store_get_feedback (store, g_array_index (ids, gint64, 0), &error);
      g_assert_no_error (error);

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          field = TL_FEEDBACK_FIELD_DATE;
          tl_feedback_item_set_date (values, g_rand_boolean (rand) ? "2026-06-01" :
                                             g_rand_boolean (rand) ? NULL : "2024-12-31T23:59:59");
          break;
        case 1:
          field = TL_FEEDBACK_FIELD_RATING;
          if (g_rand_boolean (rand))
            tl_feedback_item_set_rating (values, g_rand_int_range (rand, 1, 6));
          else
            tl_feedback_item_clear_rating (values);
          break;
        case 2:
          field = TL_FEEDBACK_FIELD_TEXT;
          tl_feedback_item_set_text (values, texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (texts))]);
          break;
        default:
          field = TL_FEEDBACK_FIELD_STAGE;
          tl_feedback_item_set_stage (values, g_rand_boolean (rand) ? 'F' : '\0');
          break;
        }
      push (stack, tl_edit_feedback_command_new (store, values, field, FALSE));
    }
  else if (what < 64)
    {
      ids = random_ids (rand, store, 1);
      if (ids->len == 0)
        return;
      {
        g_autoptr(GBytes) png = tl_test_png (10 + step, 20);

        push (stack, tl_add_image_command_new (store, g_array_index (ids, gint64, 0), png));
      }
    }
  else if (what < 67)
    {
      /* Structure: a station goes (its links with it), a loop's cycle
       * changes, the half-life changes */
      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0:
          if (tl_document_lookup_station (document, "logistics") != NULL)
            push (stack, tl_remove_station_command_new ("logistics"));
          break;
        case 1:
          {
            TlLoop *loop = tl_document_lookup_loop (document, "loop1");
            const char *cycle[] = { "order", "production", "wom", NULL };
            g_auto(GValue) v = G_VALUE_INIT;

            if (loop == NULL)
              break;
            g_value_init (&v, G_TYPE_STRV);
            g_value_set_boxed (&v, cycle);
            push (stack, tl_set_property_command_new (G_OBJECT (loop), "stations", &v, FALSE));
          }
          break;
        default:
          push (stack, set_double (G_OBJECT (document), "half-life", g_rand_boolean (rand) ? 30 : 365));
          break;
        }
    }
  else if (what < 69)
    push (stack, set_uint (G_OBJECT (document), "score-scale",
                           tl_document_get_score_scale (document) == 5 ? 7 : 5));
  else if (what < 88)
    tl_undo_stack_undo (stack);
  else
    tl_undo_stack_redo (stack);
}

static void
test_random_sequences (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tl_test_path ("evidence.touchloop");
  g_autoptr(TlDocument) document = tl_template_new_o2o ("zh_CN");
  g_autoptr(TlStore) store = tl_test_create_store (path, document);
  g_autoptr(TlUndoStack) stack = tl_undo_stack_new (document);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

  /* Something to start from */
  g_assert_true (tl_store_begin (store, &error));
  for (guint i = 0; i < 120; i++)
    {
      g_autoptr(TlFeedbackItem) item = random_item (rand, document);

      g_assert_cmpint (tl_store_add_feedback (store, item, &error), >, 0);
      g_assert_no_error (error);
    }
  g_assert_true (tl_store_commit (store, &error));
  tl_test_assert_evidence (store);

  for (guint step = 0; step < 250; step++)
    {
      random_step (rand, store, stack, step);
      tl_test_assert_evidence (store);
    }

  /* Undo everything: as after the first commit; and back again */
  while (tl_undo_stack_undo (stack))
    ;
  tl_test_assert_evidence (store);
  while (tl_undo_stack_redo (stack))
    ;
  tl_test_assert_evidence (store);

  /* What the file keeps is what was kept: opening reads it */
  {
    g_autoptr(TlStore) again = NULL;
    g_autofree char *before = tl_test_dump_feedback (store);
    g_autofree char *after = NULL;

    g_clear_object (&stack);
    g_clear_object (&store);
    again = tl_store_open (path, TL_STORE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    tl_test_assert_evidence (again);
    after = tl_test_dump_feedback (again);
    g_assert_cmpstr (before, ==, after);
  }
}

/* The evidence is read from the file on open, not computed: a doctored
 * table shows through (and a doctored parameter makes it recomputed). */
static void
test_kept_not_scanned (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tl_test_path ("kept.touchloop");
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlStore) store = tl_test_create_store (path, document);
  g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
  const char *links[] = { "station:wom", NULL };

  tl_feedback_item_set_text (item, "Word of mouth");
  tl_feedback_item_set_date (item, "2026-01-01");
  tl_feedback_item_set_links (item, links);
  g_assert_cmpint (tl_store_add_feedback (store, item, &error), >, 0);
  g_assert_cmpuint (tl_document_get_evidence (document, "station", "wom")->count, ==, 1);
  /* loops 1, 2 and 5 go through wom */
  g_assert_cmpuint (tl_document_get_evidence (document, "loop", "loop1")->count, ==, 1);
  g_assert_cmpuint (tl_document_get_evidence (document, "loop", "loop3")->count, ==, 0);
  g_clear_object (&store);

  tl_test_file_exec (path, "UPDATE evidence SET count = 41 WHERE kind = 'station' AND id = 'wom'");
  store = tl_store_open (path, TL_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tl_document_get_evidence (tl_store_get_document (store), "station", "wom")->count, ==, 41);
  g_clear_object (&store);

  /* Computed with another half-life: recomputed on open, and written */
  tl_test_file_exec (path, "UPDATE meta SET value = 12 WHERE key = 'evidence_half_life'");
  store = tl_store_open (path, TL_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tl_document_get_evidence (tl_store_get_document (store), "station", "wom")->count, ==, 1);
  g_clear_object (&store);
  g_assert_cmpint (tl_test_file_int (path, "SELECT count FROM evidence WHERE kind = 'station' AND id = 'wom'"), ==, 1);
  g_assert_cmpint (tl_test_file_int (path, "SELECT value FROM meta WHERE key = 'evidence_half_life'"), ==, 90);
}

/* The reference date is the newest item's: adding a newer one makes the
 * older weigh less, deleting it again makes them weigh as before. */
static void
test_reference_moves (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tl_test_path ("reference.touchloop");
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlStore) store = tl_test_create_store (path, document);
  g_autoptr(TlFeedbackItem) old = tl_feedback_item_new (0);
  g_autoptr(TlFeedbackItem) undated = tl_feedback_item_new (0);
  g_autoptr(TlFeedbackItem) newer = tl_feedback_item_new (0);
  const char *links[] = { "cell:people/feel", NULL };
  const TlEvidence *e;
  gint64 newer_id;

  tl_feedback_item_set_text (old, "old");
  tl_feedback_item_set_date (old, "2026-01-01");
  tl_feedback_item_set_links (old, links);
  tl_feedback_item_set_text (undated, "undated");
  tl_feedback_item_set_links (undated, links);
  g_assert_cmpint (tl_store_add_feedback (store, old, &error), >, 0);
  g_assert_cmpint (tl_store_add_feedback (store, undated, &error), >, 0);

  /* Both weigh 1: the old one is the newest, the undated counts as R */
  e = tl_document_get_evidence (document, "cell", "people/feel");
  g_assert_cmpfloat_with_epsilon (e->recent, 2.0, 1e-12);

  /* 90 days later (the half-life), another item, not even linked */
  tl_feedback_item_set_text (newer, "newer");
  tl_feedback_item_set_date (newer, "2026-04-01");
  newer_id = tl_store_add_feedback (store, newer, &error);
  g_assert_no_error (error);
  e = tl_document_get_evidence (document, "cell", "people/feel");
  g_assert_cmpfloat_with_epsilon (e->recent, 1.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->temperature, 1.5, 1e-12);

  g_assert_cmpint (tl_store_delete_feedback (store, &newer_id, 1, &error), ==, 1);
  e = tl_document_get_evidence (document, "cell", "people/feel");
  g_assert_cmpfloat_with_epsilon (e->recent, 2.0, 1e-12);

  /* A half-life of one day and an item ten years on: the old weight
   * underflows; deleting the item must still bring it back */
  tl_document_set_half_life (document, 1);
  tl_feedback_item_set_date (newer, "2036-01-01");
  newer_id = tl_store_add_feedback (store, newer, &error);
  e = tl_document_get_evidence (document, "cell", "people/feel");
  g_assert_cmpfloat_with_epsilon (e->recent, 1.0, 1e-12);
  g_assert_cmpint (tl_store_delete_feedback (store, &newer_id, 1, &error), ==, 1);
  e = tl_document_get_evidence (document, "cell", "people/feel");
  g_assert_cmpfloat_with_epsilon (e->recent, 2.0, 1e-12);
  tl_test_assert_evidence (store);
}

static void
count_cb (gpointer  emitter,
          guint    *n)
{
  (*n)++;
}

/* One evidence-changed per transaction, after it: a whole import is one. */
static void
test_signals (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tl_test_path ("signals.touchloop");
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlStore) store = tl_test_create_store (path, document);
  const char *links[] = { "station:order", NULL };
  guint n_evidence = 0, n_feedback = 0;
  gint64 id;

  g_signal_connect (document, "evidence-changed", G_CALLBACK (count_cb), &n_evidence);
  g_signal_connect (store, "feedback-changed", G_CALLBACK (count_cb), &n_feedback);

  g_assert_true (tl_store_begin (store, &error));
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);
      g_autofree char *text = g_strdup_printf ("item %u", i);

      tl_feedback_item_set_text (item, text);
      tl_feedback_item_set_links (item, links);
      g_assert_cmpint (tl_store_add_feedback (store, item, &error), >, 0);
    }
  g_assert_cmpuint (n_evidence, ==, 0);
  g_assert_cmpuint (tl_document_get_evidence (document, "station", "order")->count, ==, 0);
  g_assert_true (tl_store_commit (store, &error));
  g_assert_cmpuint (n_evidence, ==, 1);
  g_assert_cmpuint (n_feedback, ==, 1);
  g_assert_cmpuint (tl_document_get_evidence (document, "station", "order")->count, ==, 50);

  /* A rolled back import leaves the evidence as it was */
  g_assert_true (tl_store_begin (store, &error));
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(TlFeedbackItem) item = tl_feedback_item_new (0);

      tl_feedback_item_set_text (item, "rolled back");
      tl_feedback_item_set_date (item, "2030-01-01");
      tl_feedback_item_set_links (item, links);
      g_assert_cmpint (tl_store_add_feedback (store, item, &error), >, 0);
    }
  tl_store_rollback (store);
  g_assert_cmpuint (tl_document_get_evidence (document, "station", "order")->count, ==, 50);
  g_assert_cmpint (tl_store_count_feedback (store), ==, 50);
  tl_test_assert_evidence (store);

  /* Linking an item linked already changes nothing, says nothing */
  n_evidence = n_feedback = 0;
  id = 1;
  {
    gboolean changed = TRUE;

    g_assert_true (tl_store_link_feedback (store, id, "station:order", &changed, &error));
    g_assert_false (changed);
    g_assert_cmpuint (n_feedback, ==, 0);
    g_assert_true (tl_store_link_feedback (store, id, "cell:space/sense", &changed, &error));
    g_assert_true (changed);
    g_assert_cmpuint (n_feedback, ==, 1);
    g_assert_cmpuint (n_evidence, ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  tl_test_init (&argc, &argv);

  g_test_add_func ("/tl/storage/evidence/random-sequences", test_random_sequences);
  g_test_add_func ("/tl/storage/evidence/kept-not-scanned", test_kept_not_scanned);
  g_test_add_func ("/tl/storage/evidence/reference-moves", test_reference_moves);
  g_test_add_func ("/tl/storage/evidence/signals", test_signals);

  return tl_test_run ();
}
