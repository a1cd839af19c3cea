/* test-model-evidence.c: the evidence metrics on hand-computed cases, and
 * the aggregates a document keeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "tl-model.h"

static void
test_weight (void)
{
  /* 2^(-age/H) */
  g_assert_cmpfloat_with_epsilon (tl_evidence_weight (0, 90), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (tl_evidence_weight (90, 90), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (tl_evidence_weight (180, 90), 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (tl_evidence_weight (45, 90), 0.70710678118654752, 1e-12);
  g_assert_cmpfloat_with_epsilon (tl_evidence_weight (30, 10), 0.125, 1e-12);
  /* A date after R cannot weigh more than one */
  g_assert_cmpfloat_with_epsilon (tl_evidence_weight (-5, 90), 1.0, 1e-12);
  g_assert_cmpfloat (tl_evidence_weight (1e6, 1), ==, 0.0);
}

static void
test_engagement (void)
{
  /* 29 characters, then 30 (Chinese counts by character, not byte) */
  const char *short_zh = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九";
  const char *long_zh = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十";

  g_assert_cmpint (g_utf8_strlen (short_zh, -1), ==, 29);
  g_assert_cmpint (g_utf8_strlen (long_zh, -1), ==, 30);

  g_assert_cmpfloat (tl_evidence_engagement ("", FALSE), ==, 1.0);
  g_assert_cmpfloat (tl_evidence_engagement (NULL, FALSE), ==, 1.0);
  g_assert_cmpfloat (tl_evidence_engagement (short_zh, FALSE), ==, 1.0);
  g_assert_cmpfloat (tl_evidence_engagement (long_zh, FALSE), ==, 1.5);
  g_assert_cmpfloat (tl_evidence_engagement ("short", TRUE), ==, 1.5);
  g_assert_cmpfloat (tl_evidence_engagement (long_zh, TRUE), ==, 2.0);
  g_assert_cmpfloat (tl_evidence_engagement_for_length (29, TRUE), ==, 1.5);
  g_assert_cmpfloat (tl_evidence_engagement_for_length (30, FALSE), ==, 1.5);
}

static void
test_negative (void)
{
  /* 1–5: 1 and 2 are negative, 2.01 is not */
  g_assert_true (tl_rating_is_negative (1, 5));
  g_assert_true (tl_rating_is_negative (2, 5));
  g_assert_false (tl_rating_is_negative (2.01, 5));
  g_assert_false (tl_rating_is_negative (3, 5));
  /* 1–7: (r - 1) / 6 <= 0.25 → r <= 2.5 */
  g_assert_true (tl_rating_is_negative (2.5, 7));
  g_assert_false (tl_rating_is_negative (2.6, 7));
  /* 1–10: r <= 3.25 */
  g_assert_true (tl_rating_is_negative (3.25, 10));
  g_assert_false (tl_rating_is_negative (3.5, 10));
  /* 2 on 1–5 converted to 1–7 proportionally: 1 + (2 - 1) · 6 / 4 = 2.5 */
  g_assert_true (tl_rating_is_negative (1 + 1.0 * 6.0 / 4.0, 7));
}

/* Three items, by hand:
 *   a: dated R,         rating 2 (negative), 40 characters, image  → w 1,    e 2
 *   b: 90 days before,  rating 4,            10 characters         → w 0.5,  e 1
 *   c: 180 days before, no rating,           10 characters, image  → w 0.25, e 1.5
 * count 3, rated 2, average 3, negative share 0.5,
 * recent 1 + 0.5 + 0.25 = 1.75, temperature 2 + 0.5 + 0.375 = 2.875 */
static void
fill_three (TlEvidence *e)
{
  memset (e, 0, sizeof *e);
  tl_evidence_accumulate (e, 1, TRUE, 2, 5, tl_evidence_weight (0, 90),
                          tl_evidence_engagement_for_length (40, TRUE));
  tl_evidence_accumulate (e, 1, TRUE, 4, 5, tl_evidence_weight (90, 90),
                          tl_evidence_engagement_for_length (10, FALSE));
  tl_evidence_accumulate (e, 1, FALSE, 0, 5, tl_evidence_weight (180, 90),
                          tl_evidence_engagement_for_length (10, TRUE));
}

static void
test_aggregate (void)
{
  TlEvidence e;

  fill_three (&e);
  g_assert_cmpuint (e.count, ==, 3);
  g_assert_cmpuint (e.rated, ==, 2);
  g_assert_cmpuint (e.negative, ==, 1);
  g_assert_cmpfloat_with_epsilon (tl_evidence_average_rating (&e), 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (tl_evidence_negative_share (&e), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (e.recent, 1.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (e.temperature, 2.875, 1e-12);

  /* Taking b away: rated 1, average 2, all negative */
  tl_evidence_accumulate (&e, -1, TRUE, 4, 5, 0.5, 1.0);
  g_assert_cmpuint (e.count, ==, 2);
  g_assert_cmpfloat_with_epsilon (tl_evidence_average_rating (&e), 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (tl_evidence_negative_share (&e), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (e.recent, 1.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (e.temperature, 2.375, 1e-12);

  /* The reference date moved 90 days on: every weight halves */
  tl_evidence_scale_recency (&e, tl_evidence_weight (90, 90));
  g_assert_cmpfloat_with_epsilon (e.recent, 0.625, 1e-12);
  g_assert_cmpfloat_with_epsilon (e.temperature, 1.1875, 1e-12);

  /* Nothing linked: undefined averages, exact zeros */
  tl_evidence_accumulate (&e, -1, TRUE, 2, 5, 0.5, 1.0);
  tl_evidence_accumulate (&e, -1, FALSE, 0, 5, 0.125 + 1e-17, 1.5);
  g_assert_cmpuint (e.count, ==, 0);
  g_assert_cmpfloat (e.recent, ==, 0.0);
  g_assert_cmpfloat (e.temperature, ==, 0.0);
  g_assert_true (isnan (tl_evidence_average_rating (&e)));
  g_assert_true (isnan (tl_evidence_negative_share (&e)));
}

static void
test_strength (void)
{
  g_autoptr(TlDocument) document = tl_document_new ("en");
  TlEvidence e = { 0, };

  g_assert_cmpint (tl_evidence_get_strength (&e, document), ==, TL_EVIDENCE_NONE);

  /* Defaults M = 3, S = 10 */
  e.count = 1;
  e.recent = 2.99;
  g_assert_cmpint (tl_evidence_get_strength (&e, document), ==, TL_EVIDENCE_WEAK);
  e.recent = 3;
  g_assert_cmpint (tl_evidence_get_strength (&e, document), ==, TL_EVIDENCE_MODERATE);
  e.recent = 9.99;
  g_assert_cmpint (tl_evidence_get_strength (&e, document), ==, TL_EVIDENCE_MODERATE);
  e.recent = 10;
  g_assert_cmpint (tl_evidence_get_strength (&e, document), ==, TL_EVIDENCE_STRONG);

  /* The document's own thresholds */
  tl_document_set_strength_moderate (document, 1);
  tl_document_set_strength_strong (document, 2);
  e.recent = 1.5;
  g_assert_cmpint (tl_evidence_get_strength (&e, document), ==, TL_EVIDENCE_MODERATE);
  e.recent = 2;
  g_assert_cmpint (tl_evidence_get_strength (&e, document), ==, TL_EVIDENCE_STRONG);
  e.recent = 0.5;
  g_assert_cmpint (tl_evidence_get_strength (&e, document), ==, TL_EVIDENCE_WEAK);

  /* Counted but all very old: weak, not none */
  e.recent = 0;
  g_assert_cmpint (tl_evidence_get_strength (&e, document), ==, TL_EVIDENCE_WEAK);

  for (int s = TL_EVIDENCE_NONE; s <= TL_EVIDENCE_STRONG; s++)
    {
      const char *label = tl_evidence_strength_label (s);

      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, "");
    }
  g_assert_cmpstr (tl_evidence_strength_label (TL_EVIDENCE_STRONG), ==, "Strong");
}

static void
count_cb (TlDocument *document,
          guint      *n)
{
  (*n)++;
}

static void
changed_cb (TlDocument *document,
            int         kind,
            GObject    *object,
            const char *property,
            guint      *n)
{
  (*n)++;
}

static void
test_document_aggregates (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  TlEvidence e, max;
  const TlEvidence *got;
  guint n_evidence = 0, n_changed = 0;

  g_signal_connect (document, "evidence-changed", G_CALLBACK (count_cb), &n_evidence);
  g_signal_connect (document, "changed", G_CALLBACK (changed_cb), &n_changed);

  /* Nothing linked: a zeroed aggregate, never NULL */
  got = tl_document_get_evidence (document, "station", "order");
  g_assert_nonnull (got);
  g_assert_cmpuint (got->count, ==, 0);
  g_assert_nonnull (tl_document_get_evidence (document, "cell", "people/feel"));
  g_assert_nonnull (tl_document_get_evidence (document, "loop", "no-such-loop"));

  fill_three (&e);
  tl_document_set_evidence (document, "station", "order", &e);
  g_assert_cmpuint (n_evidence, ==, 1);
  got = tl_document_get_evidence (document, "station", "order");
  g_assert_true (tl_evidence_equal (got, &e, 0));
  /* Kinds are apart */
  g_assert_cmpuint (tl_document_get_evidence (document, "loop", "order")->count, ==, 0);

  /* Setting the same again is no change */
  tl_document_set_evidence (document, "station", "order", &e);
  g_assert_cmpuint (n_evidence, ==, 1);

  /* A batch emits once */
  tl_document_begin_evidence_update (document);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("people/%s", (const char *[]) { "sense", "feel", "think", "act", "relate" }[i]);
      TlEvidence c = { .count = i + 1, .recent = i * 2.0, .temperature = i * 3.0 };

      tl_document_set_evidence (document, "cell", id, &c);
    }
  tl_document_begin_evidence_update (document);
  tl_document_end_evidence_update (document);
  g_assert_cmpuint (n_evidence, ==, 1);
  tl_document_end_evidence_update (document);
  g_assert_cmpuint (n_evidence, ==, 2);
  g_assert_cmpuint (tl_document_get_evidence (document, "cell", "people/act")->count, ==, 4);

  /* An empty batch emits nothing */
  tl_document_begin_evidence_update (document);
  tl_document_end_evidence_update (document);
  g_assert_cmpuint (n_evidence, ==, 2);

  tl_document_get_evidence_max (document, "cell", &max);
  g_assert_cmpuint (max.count, ==, 5);
  g_assert_cmpfloat (max.recent, ==, 8.0);
  g_assert_cmpfloat (max.temperature, ==, 12.0);
  tl_document_get_evidence_max (document, "station", &max);
  g_assert_cmpuint (max.count, ==, 3);
  tl_document_get_evidence_max (document, "loop", &max);
  g_assert_cmpuint (max.count, ==, 0);

  /* Count 0 forgets */
  memset (&e, 0, sizeof e);
  tl_document_set_evidence (document, "station", "order", &e);
  g_assert_cmpuint (n_evidence, ==, 3);
  g_assert_cmpuint (tl_document_get_evidence (document, "station", "order")->count, ==, 0);

  tl_document_clear_evidence (document);
  g_assert_cmpuint (n_evidence, ==, 4);
  g_assert_cmpuint (tl_document_get_evidence (document, "cell", "people/act")->count, ==, 0);

  /* Evidence is not a document edit */
  g_assert_cmpuint (n_changed, ==, 0);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *n)
{
  (*n)++;
}

static void
test_document_properties (void)
{
  g_autoptr(TlDocument) document = tl_document_new ("en");
  guint n_notify = 0;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(TlCommand) command = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpfloat (tl_document_get_half_life (document), ==, 90);
  g_assert_cmpfloat (tl_document_get_strength_moderate (document), ==, 3);
  g_assert_cmpfloat (tl_document_get_strength_strong (document), ==, 10);

  g_signal_connect (document, "notify::half-life", G_CALLBACK (notify_cb), &n_notify);
  tl_document_set_half_life (document, 30);
  tl_document_set_half_life (document, 30);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpfloat (tl_document_get_half_life (document), ==, 30);

  /* Through a command, undoable like the score scale */
  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, 365);
  command = tl_set_property_command_new (G_OBJECT (document), "half-life", &value, FALSE);
  g_assert_true (tl_command_apply (command, document, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (tl_document_get_half_life (document), ==, 365);
  tl_command_revert (command, document);
  g_assert_cmpfloat (tl_document_get_half_life (document), ==, 30);
  g_assert_cmpuint (n_notify, ==, 3);

  tl_document_set_strength_strong (document, 20);
  tl_document_set_strength_moderate (document, 5);
  g_assert_cmpfloat (tl_document_get_strength_moderate (document), ==, 5);
  g_assert_cmpfloat (tl_document_get_strength_strong (document), ==, 20);
}

/* Ages are days between dates as written, times as fractions */
static void
test_date_parse (void)
{
  const char *bad[] = {
    NULL, "", "2026", "2026-3-24", "24.03.2026", "2026/03/24", "2026-13-01", "2026-02-29",
    "2026-04-31", "2026-03-24T", "2026-03-24T24:00", "2026-03-24T10:60", "2026-03-24T10:00:00.",
    "2026-03-24T10:00+25:00", "2026-03-24 garbage", "２０２６-03-24",
  };
  double a, b;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (tl_feedback_date_parse (bad[i], &a));

  g_assert_true (tl_feedback_date_parse ("1970-01-01", &a));
  g_assert_cmpfloat (a, ==, 0);
  g_assert_true (tl_feedback_date_parse ("1970-01-02T12:00", &a));
  g_assert_cmpfloat (a, ==, 1.5);
  g_assert_true (tl_feedback_date_parse ("2000-03-01", &a));
  g_assert_true (tl_feedback_date_parse ("2000-02-28", &b));
  g_assert_cmpfloat (a - b, ==, 2);                 /* 2000 was a leap year */
  g_assert_true (tl_feedback_date_parse ("2026-03-24", &a));
  g_assert_cmpfloat (a, ==, 20536);
  g_assert_true (tl_feedback_date_parse ("2026-03-24T06:00:00Z", &b));
  g_assert_cmpfloat (b - a, ==, 0.25);
  g_assert_true (tl_feedback_date_parse ("2026-03-24 06:00:00.5+08:00", &b));
  g_assert_cmpfloat_with_epsilon (b - a, 0.25 + 0.5 / 86400, 1e-9);
  g_assert_true (tl_feedback_date_parse ("1969-12-31", &a));
  g_assert_cmpfloat (a, ==, -1);
}

static void
test_fingerprint (void)
{
  gint64 f = tl_feedback_fingerprint ("送餐很快 好吃", "2026-03-24", "美团", "r1");

  /* White space around and inside the text does not count */
  g_assert_cmpint (tl_feedback_fingerprint ("  送餐很快\n\t好吃 ", "2026-03-24", "美团", "r1"), ==, f);
  /* Full-width letters are their usual selves (NFKC) */
  g_assert_cmpint (tl_feedback_fingerprint ("ＡＢＣ", NULL, NULL, NULL), ==,
                   tl_feedback_fingerprint ("ABC", NULL, NULL, NULL));
  /* Each field counts, and which field a value is in */
  g_assert_cmpint (tl_feedback_fingerprint ("送餐很快好吃", "2026-03-24", "美团", "r1"), !=, f);
  g_assert_cmpint (tl_feedback_fingerprint ("送餐很快 好吃", "2026-03-25", "美团", "r1"), !=, f);
  g_assert_cmpint (tl_feedback_fingerprint ("送餐很快 好吃", "2026-03-24", "饿了么", "r1"), !=, f);
  g_assert_cmpint (tl_feedback_fingerprint ("送餐很快 好吃", "2026-03-24", "美团", "r2"), !=, f);
  g_assert_cmpint (tl_feedback_fingerprint ("a", "b", NULL, NULL), !=, tl_feedback_fingerprint ("a", NULL, "b", NULL));
  g_assert_cmpint (tl_feedback_fingerprint ("ab", NULL, NULL, NULL), !=, tl_feedback_fingerprint ("a", "b", NULL, NULL));
  /* Case counts */
  g_assert_cmpint (tl_feedback_fingerprint ("Fast", NULL, NULL, NULL), !=, tl_feedback_fingerprint ("fast", NULL, NULL, NULL));
}

static void
test_phases (void)
{
  const char * const *ids = tl_feedback_phase_ids ();

  g_assert_cmpuint (g_strv_length ((char **)ids), ==, 5);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_assert_true (tl_feedback_phase_is_valid (ids[i]));
      g_assert_nonnull (tl_feedback_phase_label (ids[i]));
    }
  g_assert_false (tl_feedback_phase_is_valid ("aftersales"));
  g_assert_false (tl_feedback_phase_is_valid (NULL));
  g_assert_null (tl_feedback_phase_label ("nope"));
  g_assert_cmpstr (tl_feedback_phase_label ("after-sales"), ==, "After-sales");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tl/model/evidence/weight", test_weight);
  g_test_add_func ("/tl/model/evidence/engagement", test_engagement);
  g_test_add_func ("/tl/model/evidence/negative", test_negative);
  g_test_add_func ("/tl/model/evidence/aggregate", test_aggregate);
  g_test_add_func ("/tl/model/evidence/strength", test_strength);
  g_test_add_func ("/tl/model/evidence/document-aggregates", test_document_aggregates);
  g_test_add_func ("/tl/model/evidence/document-properties", test_document_properties);
  g_test_add_func ("/tl/model/evidence/date-parse", test_date_parse);
  g_test_add_func ("/tl/model/evidence/fingerprint", test_fingerprint);
  g_test_add_func ("/tl/model/evidence/phases", test_phases);

  return g_test_run ();
}
