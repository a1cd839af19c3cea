/* test-io-values.c: reading imported values (stages, phases, ratings,
 * dates, tags, names of the document's objects) and mapping columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "tl-import-error.h"
#include "tl-import-mapping.h"
#include "tl-value-parse.h"
#include "test-util.h"

/* ---- stages ----------------------------------------------------------- */

static void
test_stage (void)
{
  static const struct {
    const char *text;
    char        stage;
  } good[] = {
    { "A", 'A' }, { "c", 'C' }, { "Ｃ", 'C' }, { " F ", 'F' },
    { "过客", 'A' }, { "過客", 'A' }, { "passer-by", 'A' }, { "Passer by", 'A' },
    { "看客", 'B' }, { "onlooker", 'B' },
    { "顾客", 'C' }, { "顧客", 'C' }, { "customer", 'C' }, { "Customers", 'C' },
    { "会员", 'D' }, { "會員", 'D' }, { "Member", 'D' },
    { "朋友", 'E' }, { "friend", 'E' },
    { "伙伴", 'F' }, { "夥伴", 'F' }, { "PARTNER", 'F' },
    { "C 顾客", 'C' }, { "C: customer", 'C' }, { "C（顾客）", 'C' }, { "stage D", 'D' },
    { "E阶段", 'E' }, { "階段B", 'B' },
    { "", '\0' }, { "   ", '\0' }, { NULL, '\0' },
  };
  static const char * const bad[] = { "G", "Z", "顾", "vip", "C 会员", "AB", "12" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      char stage = 'x';

      g_assert_true (tl_value_parse_stage (good[i].text, &stage));
      g_assert_cmpint (stage, ==, good[i].stage);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      char stage = 'x';

      g_assert_false (tl_value_parse_stage (bad[i], &stage));
    }

  /* Every stage's label in every language reads back as that stage */
  for (char s = 'A'; s <= 'F'; s++)
    {
      static const char * const langs[] = { "zh_CN", "zh_TW", "en" };

      for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
        {
          char stage = 0;

          g_assert_true (tl_value_parse_stage (tl_stage_label (s, langs[l]), &stage));
          g_assert_cmpint (stage, ==, s);
        }
    }
}

/* ---- phases ----------------------------------------------------------- */

static void
test_phase (void)
{
  static const struct {
    const char *text;
    const char *phase;
  } good[] = {
    { "awareness", "awareness" }, { "认知", "awareness" }, { "認知", "awareness" },
    { "Evaluation", "evaluation" }, { "评估", "evaluation" }, { "評估", "evaluation" },
    { "purchase", "purchase" }, { "购买", "purchase" }, { "購買", "purchase" },
    { "delivery", "delivery" }, { "传递", "delivery" }, { "傳遞", "delivery" },
    { "after-sales", "after-sales" }, { "After sales", "after-sales" }, { "售后", "after-sales" },
    { "售後", "after-sales" }, { "售后阶段", "after-sales" }, { "aftersales", "after-sales" },
    { "", NULL },
  };
  const char *phase = "x";

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (tl_value_parse_phase (good[i].text, &phase));
      g_assert_cmpstr (phase, ==, good[i].phase);
      if (phase != NULL)
        g_assert_true (tl_feedback_phase_is_valid (phase));
    }

  g_assert_false (tl_value_parse_phase ("loyalty", &phase));
  g_assert_false (tl_value_parse_phase ("售", &phase));

  /* Each of the model's phases reads as itself */
  for (const char * const *ids = tl_feedback_phase_ids (); *ids != NULL; ids++)
    {
      g_assert_true (tl_value_parse_phase (*ids, &phase));
      g_assert_cmpstr (phase, ==, *ids);
    }
}

/* ---- ratings ---------------------------------------------------------- */

static void
test_scale_names (void)
{
  static const struct {
    const char    *text;
    TlRatingScale  scale;
  } names[] = {
    { "1-5", TL_RATING_SCALE_1_5 }, { "1–5", TL_RATING_SCALE_1_5 }, { "1..5", TL_RATING_SCALE_1_5 },
    { "1 to 5", TL_RATING_SCALE_1_5 }, { "1-7", TL_RATING_SCALE_1_7 }, { "0-10", TL_RATING_SCALE_0_10 },
    { "NPS", TL_RATING_SCALE_0_10 }, { "1-10", TL_RATING_SCALE_1_10 },
    { "-2-2", TL_RATING_SCALE_M2_P2 }, { "-2..+2", TL_RATING_SCALE_M2_P2 },
    { "−2…+2", TL_RATING_SCALE_M2_P2 }, { "0-100", TL_RATING_SCALE_0_100 },
    { "auto", TL_RATING_SCALE_AUTO },
  };
  TlRatingScale scale;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (tl_rating_scale_parse (names[i].text, &scale));
      g_assert_cmpint (scale, ==, names[i].scale);
      /* and back */
      g_assert_true (tl_rating_scale_parse (tl_rating_scale_to_string (scale), &scale));
      g_assert_cmpint (scale, ==, names[i].scale);
    }

  g_assert_false (tl_rating_scale_parse ("1-6", &scale));
  g_assert_false (tl_rating_scale_parse ("", &scale));
  g_assert_false (tl_rating_scale_parse (NULL, &scale));
}

static void
test_rating_parse (void)
{
  static const struct {
    const char *text;
    double      value;
    double      out_of;
    gboolean    sign;
  } good[] = {
    { "4", 4, 0, FALSE }, { " 4.5 ", 4.5, 0, FALSE }, { "4,5", 4.5, 0, FALSE },
    { "４", 4, 0, FALSE }, { "+2", 2, 0, TRUE }, { "-1", -1, 0, FALSE }, { "−2", -2, 0, FALSE },
    { "4分", 4, 0, FALSE }, { "4 星", 4, 0, FALSE }, { "4 stars", 4, 0, FALSE },
    { "9 points", 9, 0, FALSE }, { "4/5", 4, 5, FALSE }, { "8 / 10", 8, 10, FALSE },
    { "80%", 80, 100, FALSE }, { "★★★★☆", 4, 5, FALSE }, { "★★★", 3, 0, FALSE },
  };
  static const char * const bad[] = { "good", "4 apples", "4/0", "1/2/3", "--1", "½", "nan", "inf" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      double value = -99, out_of = -99;
      gboolean sign = -1, blank = TRUE;

      g_assert_true (tl_value_parse_rating (good[i].text, &value, &out_of, &sign, &blank));
      g_assert_cmpfloat_with_epsilon (value, good[i].value, 1e-9);
      g_assert_cmpfloat_with_epsilon (out_of, good[i].out_of, 1e-9);
      g_assert_cmpint (sign, ==, good[i].sign);
      g_assert_false (blank);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      double value;
      gboolean blank = TRUE;

      g_assert_false (tl_value_parse_rating (bad[i], &value, NULL, NULL, &blank));
      g_assert_false (blank);
    }

  {
    gboolean blank = FALSE;
    double value;

    g_assert_false (tl_value_parse_rating ("  ", &value, NULL, NULL, &blank));
    g_assert_true (blank);
  }
}

static TlRatingScale
detect (const double *values,
        guint         n,
        gboolean      sign)
{
  TlRatingStats stats;

  tl_rating_stats_init (&stats);
  for (guint i = 0; i < n; i++)
    tl_rating_stats_add (&stats, values[i], 0, sign && values[i] > 0);
  return tl_rating_scale_detect (&stats);
}

static void
test_rating_detect (void)
{
  const double five[] = { 1, 2, 5, 4, 3.5 };
  const double seven[] = { 1, 7, 6 };
  const double nps[] = { 0, 10, 9, 7 };
  const double nps_no_zero[] = { 6, 9, 10 };
  const double bipolar[] = { -2, 0, 1, 2 };
  const double plus_only[] = { 0, 1, 2 };
  const double percent[] = { 0, 55, 100 };
  const double too_big[] = { 1, 250 };
  const double negative_big[] = { -5, 3 };
  TlRatingStats stats;

  g_assert_cmpint (detect (five, G_N_ELEMENTS (five), FALSE), ==, TL_RATING_SCALE_1_5);
  g_assert_cmpint (detect (seven, G_N_ELEMENTS (seven), FALSE), ==, TL_RATING_SCALE_1_7);
  g_assert_cmpint (detect (nps, G_N_ELEMENTS (nps), FALSE), ==, TL_RATING_SCALE_0_10);
  g_assert_cmpint (detect (nps_no_zero, G_N_ELEMENTS (nps_no_zero), FALSE), ==, TL_RATING_SCALE_0_10);
  g_assert_cmpint (detect (bipolar, G_N_ELEMENTS (bipolar), FALSE), ==, TL_RATING_SCALE_M2_P2);
  /* 0, +1, +2: the plus signs say it is −2…+2 */
  g_assert_cmpint (detect (plus_only, G_N_ELEMENTS (plus_only), TRUE), ==, TL_RATING_SCALE_M2_P2);
  g_assert_cmpint (detect (plus_only, G_N_ELEMENTS (plus_only), FALSE), ==, TL_RATING_SCALE_0_10);
  g_assert_cmpint (detect (percent, G_N_ELEMENTS (percent), FALSE), ==, TL_RATING_SCALE_0_100);
  g_assert_cmpint (detect (too_big, G_N_ELEMENTS (too_big), FALSE), ==, TL_RATING_SCALE_AUTO);
  g_assert_cmpint (detect (negative_big, G_N_ELEMENTS (negative_big), FALSE), ==, TL_RATING_SCALE_AUTO);
  g_assert_cmpint (detect (NULL, 0, FALSE), ==, TL_RATING_SCALE_AUTO);

  /* "x/10" says the scale even when every value is 5 or less */
  tl_rating_stats_init (&stats);
  tl_rating_stats_add (&stats, 4, 10, FALSE);
  tl_rating_stats_add (&stats, 5, 10, FALSE);
  g_assert_cmpint (tl_rating_scale_detect (&stats), ==, TL_RATING_SCALE_1_10);
}

static void
test_rating_normalise (void)
{
  /* Linear onto 1..scale: the ends map to the ends */
  g_assert_cmpfloat (tl_rating_normalise (1, TL_RATING_SCALE_1_5, 5), ==, 1);
  g_assert_cmpfloat (tl_rating_normalise (5, TL_RATING_SCALE_1_5, 5), ==, 5);
  g_assert_cmpfloat (tl_rating_normalise (3, TL_RATING_SCALE_1_5, 5), ==, 3);
  g_assert_cmpfloat (tl_rating_normalise (0, TL_RATING_SCALE_0_10, 5), ==, 1);
  g_assert_cmpfloat (tl_rating_normalise (10, TL_RATING_SCALE_0_10, 5), ==, 5);
  g_assert_cmpfloat (tl_rating_normalise (5, TL_RATING_SCALE_0_10, 5), ==, 3);
  g_assert_cmpfloat (tl_rating_normalise (-2, TL_RATING_SCALE_M2_P2, 5), ==, 1);
  g_assert_cmpfloat (tl_rating_normalise (0, TL_RATING_SCALE_M2_P2, 5), ==, 3);
  g_assert_cmpfloat (tl_rating_normalise (2, TL_RATING_SCALE_M2_P2, 7), ==, 7);
  g_assert_cmpfloat (tl_rating_normalise (4, TL_RATING_SCALE_1_7, 7), ==, 4);
  g_assert_cmpfloat (tl_rating_normalise (7, TL_RATING_SCALE_1_7, 5), ==, 5);
  g_assert_cmpfloat_with_epsilon (tl_rating_normalise (4, TL_RATING_SCALE_1_7, 5), 3, 1e-9);
  g_assert_cmpfloat (tl_rating_normalise (75, TL_RATING_SCALE_0_100, 5), ==, 4);
  g_assert_cmpfloat (tl_rating_normalise (100, TL_RATING_SCALE_0_100, 10), ==, 10);
  g_assert_cmpfloat (tl_rating_normalise (10, TL_RATING_SCALE_1_10, 10), ==, 10);
  g_assert_cmpfloat_with_epsilon (tl_rating_normalise (9, TL_RATING_SCALE_0_10, 10), 9.1, 1e-9);
  /* A value off the scale is clamped */
  g_assert_cmpfloat (tl_rating_normalise (9, TL_RATING_SCALE_1_5, 5), ==, 5);

  g_assert_true (tl_rating_scale_contains (TL_RATING_SCALE_M2_P2, -2));
  g_assert_false (tl_rating_scale_contains (TL_RATING_SCALE_1_5, 0));
  g_assert_false (tl_rating_scale_contains (TL_RATING_SCALE_1_5, NAN));
  g_assert_false (tl_rating_scale_contains (TL_RATING_SCALE_AUTO, 3));
}

/* ---- dates ------------------------------------------------------------ */

static void
test_dates (void)
{
  static const struct {
    const char  *text;
    TlDateOrder  order;
    const char  *iso;
  } good[] = {
    { "2026-03-24", TL_DATE_ORDER_UNKNOWN, "2026-03-24" },
    { "2026/3/24", TL_DATE_ORDER_UNKNOWN, "2026-03-24" },
    { "2026.3.24", TL_DATE_ORDER_UNKNOWN, "2026-03-24" },
    { "20260324", TL_DATE_ORDER_UNKNOWN, "2026-03-24" },
    { "2026年3月24日", TL_DATE_ORDER_UNKNOWN, "2026-03-24" },
    { "2026 年 3 月 24 号", TL_DATE_ORDER_UNKNOWN, "2026-03-24" },
    { "２０２６－０３－２４", TL_DATE_ORDER_UNKNOWN, "2026-03-24" },
    { "24.03.2026", TL_DATE_ORDER_UNKNOWN, "2026-03-24" },
    { "24/03/2026", TL_DATE_ORDER_UNKNOWN, "2026-03-24" },
    { "03/24/2026", TL_DATE_ORDER_UNKNOWN, "2026-03-24" },
    { "4/3/2026", TL_DATE_ORDER_DMY, "2026-03-04" },
    { "4/3/2026", TL_DATE_ORDER_MDY, "2026-04-03" },
    { "4/3/2026", TL_DATE_ORDER_UNKNOWN, "2026-04-03" },
    { "24 Mar 2026", TL_DATE_ORDER_UNKNOWN, "2026-03-24" },
    { "March 24, 2026", TL_DATE_ORDER_UNKNOWN, "2026-03-24" },
    { "Sept. 1st, 2026", TL_DATE_ORDER_UNKNOWN, "2026-09-01" },
    { "2026-03-24 14:05", TL_DATE_ORDER_UNKNOWN, "2026-03-24T14:05:00" },
    { "2026-03-24T14:05:09", TL_DATE_ORDER_UNKNOWN, "2026-03-24T14:05:09" },
    { "2026-03-24T14:05:09.123Z", TL_DATE_ORDER_UNKNOWN, "2026-03-24T14:05:09Z" },
    { "2026-03-24 14:05:09 +0800", TL_DATE_ORDER_UNKNOWN, "2026-03-24T14:05:09+08:00" },
    { "2026/3/24 2:05 PM", TL_DATE_ORDER_UNKNOWN, "2026-03-24T14:05:00" },
    { "3/24/2026 12:30 am", TL_DATE_ORDER_UNKNOWN, "2026-03-24T00:30:00" },
    { "2026年3月24日 下午2:05", TL_DATE_ORDER_UNKNOWN, "2026-03-24T14:05:00" },
    { "2026年3月24日 14时05分", TL_DATE_ORDER_UNKNOWN, "2026-03-24T14:05:00" },
    { "2026年3月24日14時5分30秒", TL_DATE_ORDER_UNKNOWN, "2026-03-24T14:05:30" },
    { "46105", TL_DATE_ORDER_UNKNOWN, "2026-03-24" },
    { "46105.5", TL_DATE_ORDER_UNKNOWN, "2026-03-24T12:00:00" },
    { " 2024-02-29 ", TL_DATE_ORDER_UNKNOWN, "2024-02-29" },
  };
  static const char * const bad[] = {
    "yesterday", "2026-13-01", "2026-02-30", "2025-02-29", "32.01.2026", "24/3/26",
    "2026-03-24 25:00", "2026-03-24 12:60", "2026-03-24 foo", "2026-3", "1", "12345678901",
    "2026/03-24", "13/13/2026",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *iso = tl_value_parse_date (good[i].text, good[i].order, NULL, NULL);

      if (g_strcmp0 (iso, good[i].iso) != 0)
        g_test_message ("%s → %s", good[i].text, iso);
      g_assert_cmpstr (iso, ==, good[i].iso);
      /* what it gives, it reads back the same, and the model reads too */
      {
        g_autofree char *again = tl_value_parse_date (iso, TL_DATE_ORDER_UNKNOWN, NULL, NULL);
        double days;

        g_assert_cmpstr (again, ==, iso);
        g_assert_true (tl_feedback_date_parse (iso, &days));
      }
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *iso = tl_value_parse_date (bad[i], TL_DATE_ORDER_UNKNOWN, NULL, NULL);

      if (iso != NULL)
        g_test_message ("%s → %s", bad[i], iso);
      g_assert_null (iso);
    }

  {
    TlDateOrder evidence = TL_DATE_ORDER_UNKNOWN;
    gboolean blank = FALSE;
    g_autofree char *a = tl_value_parse_date ("24/03/2026", TL_DATE_ORDER_UNKNOWN, &evidence, NULL);
    g_autofree char *b = NULL;
    g_autofree char *c = NULL;

    g_assert_cmpstr (a, ==, "2026-03-24");
    g_assert_cmpint (evidence, ==, TL_DATE_ORDER_DMY);
    b = tl_value_parse_date ("03/24/2026", TL_DATE_ORDER_UNKNOWN, &evidence, NULL);
    g_assert_cmpint (evidence, ==, TL_DATE_ORDER_MDY);
    g_assert_cmpstr (b, ==, "2026-03-24");
    c = tl_value_parse_date ("03/04/2026", TL_DATE_ORDER_UNKNOWN, &evidence, NULL);
    g_assert_cmpint (evidence, ==, TL_DATE_ORDER_UNKNOWN);
    g_assert_cmpstr (c, ==, "2026-03-04");
    g_assert_null (tl_value_parse_date ("", TL_DATE_ORDER_UNKNOWN, NULL, &blank));
    g_assert_true (blank);
  }
}

/* ---- tags ------------------------------------------------------------- */

static void
test_tags (void)
{
  static const struct {
    const char *text;
    const char *tags;
  } cases[] = {
    { "delivery, taste", "delivery, taste" },
    { "配送；口味、包装", "配送, 口味, 包装" },
    { " a ,, b;a|c\n d ", "a, b, c, d" },
    { "　全角空格　，x", "全角空格, x" },
    { "", NULL },
    { " , ; ", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tags = tl_value_parse_tags (cases[i].text);

      g_assert_cmpstr (tags, ==, cases[i].tags);
    }
}

/* ---- names ------------------------------------------------------------ */

static void
test_names (void)
{
  /* A document in English still knows the Chinese names */
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlNameIndex) names = tl_name_index_new (document);
  static const struct {
    const char *text;
    const char *id;
  } stations[] = {
    { "order", "order" }, { "ORDER", "order" }, { "线上订单", "order" }, { "線上訂單", "order" },
    { "Online order (show, order, pay)", "order" }, { "online order", "order" },
    { "口碑", "wom" }, { "Word of mouth", "wom" }, { "微数分享平台", "hub" },
    { "微数分享平台（CRM）", "hub" }, { "CRM", "hub" }, { "云物流", "logistics" },
    { "雲物流", "logistics" }, { "delivery", "logistics" },
  };
  static const struct {
    const char *text;
    const char *id;
  } loops[] = {
    { "loop1", "loop1" }, { "1", "loop1" }, { "loop 6", "loop6" }, { "闭环3", "loop3" },
    { "#2", "loop2" }, { "虚拟产品的销售", "loop1" }, { "Physical product sales", "loop2" },
    { "開放的互聯網產品開發", "loop3" },
  };
  static const struct {
    const char *text;
    const char *layer;
    const char *type;
  } headers[] = {
    { "space", "space", NULL }, { "空间", "space", NULL }, { "空間", "space", NULL },
    { "People", "people", NULL }, { "人員", "people", NULL },
    { "sense", NULL, "sense" }, { "感官体验", NULL, "sense" }, { "感官", NULL, "sense" },
    { "情感體驗", NULL, "feel" }, { "Feel", NULL, "feel" }, { "feel experience", NULL, "feel" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (stations); i++)
    g_assert_cmpstr (tl_name_index_lookup_station (names, stations[i].text), ==, stations[i].id);
  for (guint i = 0; i < G_N_ELEMENTS (loops); i++)
    g_assert_cmpstr (tl_name_index_lookup_loop (names, loops[i].text), ==, loops[i].id);
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_assert_cmpstr (tl_name_index_lookup_layer (names, headers[i].text), ==, headers[i].layer);
      g_assert_cmpstr (tl_name_index_lookup_type (names, headers[i].text), ==, headers[i].type);
    }

  g_assert_null (tl_name_index_lookup_station (names, "kitchen"));
  g_assert_null (tl_name_index_lookup_station (names, ""));
  g_assert_null (tl_name_index_lookup_loop (names, "7"));
  g_assert_null (tl_name_index_lookup_loop (names, "0"));
  g_assert_null (tl_name_index_lookup_layer (names, "sense"));

  {
    g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *bad = NULL;
    const char *expected[] = { "station:order", "cell:space/sense", "loop:loop2", "station:wom",
                               "cell:people/feel", "loop:loop1", NULL };

    g_assert_true (tl_name_index_parse_links (names,
                                              "station:order; cell:space/sense；loop:2、口碑 | "
                                              "cell:情感体验 × 人员\nvirtual product sales; station:order",
                                              links, &bad));
    g_assert_null (bad);
    g_ptr_array_add (links, NULL);
    g_assert_cmpstrv ((char **) links->pdata, expected);
  }
  {
    g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *bad = NULL;

    g_assert_false (tl_name_index_parse_links (names, "station:order; station:kitchen", links, &bad));
    g_assert_cmpstr (bad, ==, "station:kitchen");
  }

  /* A blank document has no stations, template names or not */
  {
    g_autoptr(TlDocument) blank = tl_template_new_blank ("zh_CN");
    g_autoptr(TlNameIndex) blank_names = tl_name_index_new (blank);

    g_assert_null (tl_name_index_lookup_station (blank_names, "口碑"));
    g_assert_cmpstr (tl_name_index_lookup_layer (blank_names, "Space"), ==, "space");
  }
}

/* ---- mapping ---------------------------------------------------------- */

static void
test_field_names (void)
{
  static const struct {
    const char    *header;
    TlImportField  field;
    TlRatingScale  scale;
  } cases[] = {
    { "text", TL_IMPORT_FIELD_TEXT, 0 }, { "Review", TL_IMPORT_FIELD_TEXT, 0 },
    { "内容", TL_IMPORT_FIELD_TEXT, 0 }, { "內容", TL_IMPORT_FIELD_TEXT, 0 },
    { "评论", TL_IMPORT_FIELD_TEXT, 0 }, { "評論", TL_IMPORT_FIELD_TEXT, 0 },
    { "反馈", TL_IMPORT_FIELD_TEXT, 0 }, { "回饋", TL_IMPORT_FIELD_TEXT, 0 },
    { "日期", TL_IMPORT_FIELD_DATE, 0 }, { "Submitted at", TL_IMPORT_FIELD_DATE, 0 },
    { "渠道", TL_IMPORT_FIELD_SOURCE, 0 }, { "來源", TL_IMPORT_FIELD_SOURCE, 0 },
    { "Channel", TL_IMPORT_FIELD_SOURCE, 0 },
    { "评分", TL_IMPORT_FIELD_RATING, 0 }, { "評分", TL_IMPORT_FIELD_RATING, 0 },
    { "评分（1-5）", TL_IMPORT_FIELD_RATING, TL_RATING_SCALE_1_5 },
    { "Rating (0-10)", TL_IMPORT_FIELD_RATING, TL_RATING_SCALE_0_10 },
    { "score [−2…+2]", TL_IMPORT_FIELD_RATING, TL_RATING_SCALE_M2_P2 },
    { "rating (1-10)", TL_IMPORT_FIELD_RATING, TL_RATING_SCALE_1_10 },
    { "Rating (stars)", TL_IMPORT_FIELD_RATING, TL_RATING_SCALE_AUTO },
    { "stage", TL_IMPORT_FIELD_STAGE, 0 }, { "顾客阶段", TL_IMPORT_FIELD_STAGE, 0 },
    { "respondent", TL_IMPORT_FIELD_RESPONDENT, 0 }, { "用户名", TL_IMPORT_FIELD_RESPONDENT, 0 },
    { "tags", TL_IMPORT_FIELD_TAGS, 0 }, { "標籤", TL_IMPORT_FIELD_TAGS, 0 },
    { "phase", TL_IMPORT_FIELD_PHASE, 0 }, { "渠道阶段", TL_IMPORT_FIELD_PHASE, 0 },
    { "station", TL_IMPORT_FIELD_STATION, 0 }, { "站點", TL_IMPORT_FIELD_STATION, 0 },
    { "loop", TL_IMPORT_FIELD_LOOP, 0 }, { "闭环", TL_IMPORT_FIELD_LOOP, 0 },
    { "layer", TL_IMPORT_FIELD_LAYER, 0 }, { "触点层面", TL_IMPORT_FIELD_LAYER, 0 },
    { "type", TL_IMPORT_FIELD_TYPE, 0 }, { "体验类型", TL_IMPORT_FIELD_TYPE, 0 },
    { "links", TL_IMPORT_FIELD_LINKS, 0 },
    { "label", TL_IMPORT_FIELD_NONE, 0 }, { "id", TL_IMPORT_FIELD_NONE, 0 },
    { "rating_original", TL_IMPORT_FIELD_NONE, 0 }, { "", TL_IMPORT_FIELD_NONE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TlRatingScale scale = 99;

      g_assert_cmpint (tl_import_field_from_header (cases[i].header, &scale), ==, cases[i].field);
      g_assert_cmpint (scale, ==, cases[i].scale);
    }

  for (guint f = 0; f < TL_IMPORT_N_FIELDS; f++)
    {
      TlImportField field = 99;

      g_assert_true (tl_import_field_parse (tl_import_field_to_string (f), &field));
      g_assert_cmpint (field, ==, f);
      g_assert_nonnull (tl_import_field_get_label (f));
    }

  {
    TlImportField field;

    g_assert_true (tl_import_field_parse ("评论", &field));
    g_assert_cmpint (field, ==, TL_IMPORT_FIELD_TEXT);
    g_assert_true (tl_import_field_parse ("-", &field));
    g_assert_cmpint (field, ==, TL_IMPORT_FIELD_NONE);
    g_assert_false (tl_import_field_parse ("colour", &field));
    g_assert_false (tl_import_field_parse ("?", &field));
  }
}

static void
test_mapping (void)
{
  const char * const header[] = { "编号", "评论内容", "日期", "评论", "评分（1-7）", "标签", "标签", NULL };
  g_autoptr(TlImportMapping) mapping = tl_import_mapping_new_from_header (header, 7);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (tl_import_mapping_get_field (mapping, 0), ==, TL_IMPORT_FIELD_NONE);
  g_assert_cmpint (tl_import_mapping_get_field (mapping, 1), ==, TL_IMPORT_FIELD_TEXT);
  g_assert_cmpint (tl_import_mapping_get_field (mapping, 2), ==, TL_IMPORT_FIELD_DATE);
  /* the text is in one column: the first that names it */
  g_assert_cmpint (tl_import_mapping_get_field (mapping, 3), ==, TL_IMPORT_FIELD_NONE);
  g_assert_cmpint (tl_import_mapping_get_field (mapping, 4), ==, TL_IMPORT_FIELD_RATING);
  g_assert_cmpint (tl_import_mapping_get_header_scale (mapping), ==, TL_RATING_SCALE_1_7);
  /* tags may come from several */
  g_assert_cmpint (tl_import_mapping_get_field (mapping, 5), ==, TL_IMPORT_FIELD_TAGS);
  g_assert_cmpint (tl_import_mapping_get_field (mapping, 6), ==, TL_IMPORT_FIELD_TAGS);
  g_assert_cmpint (tl_import_mapping_find (mapping, TL_IMPORT_FIELD_STAGE), ==, -1);

  /* By header name, by number, by a folded name; the field moves */
  g_assert_true (tl_import_mapping_apply_override (mapping, "评论=text", header, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tl_import_mapping_get_field (mapping, 3), ==, TL_IMPORT_FIELD_TEXT);
  g_assert_cmpint (tl_import_mapping_get_field (mapping, 1), ==, TL_IMPORT_FIELD_NONE);
  g_assert_true (tl_import_mapping_apply_override (mapping, "1=respondent", header, &error));
  g_assert_cmpint (tl_import_mapping_get_field (mapping, 0), ==, TL_IMPORT_FIELD_RESPONDENT);
  g_assert_true (tl_import_mapping_apply_override (mapping, "日期=ignore", header, &error));
  g_assert_cmpint (tl_import_mapping_get_field (mapping, 2), ==, TL_IMPORT_FIELD_NONE);

  text = tl_import_mapping_to_string (mapping);
  g_assert_cmpstr (text, ==, "respondent,,,text,rating,tags,tags");

  g_assert_false (tl_import_mapping_apply_override (mapping, "nothing=text", header, &error));
  g_assert_error (error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_BAD_MAPPING);
  g_assert_nonnull (strstr (error->message, "评论内容"));
  g_clear_error (&error);
  g_assert_false (tl_import_mapping_apply_override (mapping, "8=text", header, &error));
  g_assert_error (error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_BAD_MAPPING);
  g_clear_error (&error);
  g_assert_false (tl_import_mapping_apply_override (mapping, "评论=colour", header, &error));
  g_assert_error (error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_BAD_MAPPING);
  g_assert_nonnull (strstr (error->message, "respondent"));
  g_clear_error (&error);
  g_assert_false (tl_import_mapping_apply_override (mapping, "no equals sign", header, &error));
  g_assert_error (error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_BAD_MAPPING);
}

static void
test_guess_text (void)
{
  const char * const header[] = { "id", "when", "what they said", "score", NULL };
  g_autoptr(TlImportMapping) mapping = tl_import_mapping_new_from_header (header, 4);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char * const r1[] = { "1", "2026-03-01", "送餐很快，包装完好", "5", NULL };
  const char * const r2[] = { "2", "2026-03-02", "太咸了", "2", NULL };
  const char * const r3[] = { "3", "2026-03-03", "", "3", NULL };

  g_ptr_array_add (rows, g_strdupv ((char **) r1));
  g_ptr_array_add (rows, g_strdupv ((char **) r2));
  g_ptr_array_add (rows, g_strdupv ((char **) r3));

  g_assert_cmpint (tl_import_mapping_find (mapping, TL_IMPORT_FIELD_TEXT), ==, -1);
  g_assert_cmpint (tl_import_mapping_guess_text (mapping, rows), ==, 2);
  g_assert_cmpint (tl_import_mapping_get_field (mapping, 2), ==, TL_IMPORT_FIELD_TEXT);
  /* Once there is a text column, no more guessing */
  g_assert_cmpint (tl_import_mapping_guess_text (mapping, rows), ==, -1);
}

static void
test_remember (void)
{
  g_autofree char *dir = tl_test_make_tmpdir ("tl-mapping-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "sub", "mappings.ini", NULL);
  const char * const header[] = { "a", "b", "c", NULL };
  const char * const other[] = { "a", "b", "d", NULL };
  g_autoptr(TlImportMapping) mapping = tl_import_mapping_new (3);
  g_autoptr(TlImportMapping) recalled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *k1 = tl_import_mapping_header_key (header, 3);
  g_autofree char *k2 = tl_import_mapping_header_key (other, 3);
  g_autofree char *k3 = tl_import_mapping_header_key (header, 2);

  g_assert_cmpstr (k1, !=, k2);
  g_assert_cmpstr (k1, !=, k3);

  g_assert_null (tl_import_mapping_recall (header, 3, path));

  tl_import_mapping_set_field (mapping, 0, TL_IMPORT_FIELD_RATING);
  tl_import_mapping_set_field (mapping, 2, TL_IMPORT_FIELD_TEXT);
  tl_import_mapping_set_header_scale (mapping, TL_RATING_SCALE_M2_P2);
  g_assert_true (tl_import_mapping_remember (mapping, header, path, &error));
  g_assert_no_error (error);

  recalled = tl_import_mapping_recall (header, 3, path);
  g_assert_nonnull (recalled);
  g_assert_cmpint (tl_import_mapping_get_field (recalled, 0), ==, TL_IMPORT_FIELD_RATING);
  g_assert_cmpint (tl_import_mapping_get_field (recalled, 1), ==, TL_IMPORT_FIELD_NONE);
  g_assert_cmpint (tl_import_mapping_get_field (recalled, 2), ==, TL_IMPORT_FIELD_TEXT);
  g_assert_cmpint (tl_import_mapping_get_header_scale (recalled), ==, TL_RATING_SCALE_M2_P2);
  g_assert_null (tl_import_mapping_recall (other, 3, path));

  /* A damaged file is started afresh, not a failure */
  tl_test_write_file (path, "[broken\x01", -1);
  g_assert_null (tl_import_mapping_recall (header, 3, path));
  g_assert_true (tl_import_mapping_remember (mapping, header, path, &error));
  g_assert_no_error (error);
  g_clear_object (&recalled);
  recalled = tl_import_mapping_recall (header, 3, path);
  g_assert_nonnull (recalled);

  tl_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tl/io/values/stage", test_stage);
  g_test_add_func ("/tl/io/values/phase", test_phase);
  g_test_add_func ("/tl/io/values/scale-names", test_scale_names);
  g_test_add_func ("/tl/io/values/rating-parse", test_rating_parse);
  g_test_add_func ("/tl/io/values/rating-detect", test_rating_detect);
  g_test_add_func ("/tl/io/values/rating-normalise", test_rating_normalise);
  g_test_add_func ("/tl/io/values/dates", test_dates);
  g_test_add_func ("/tl/io/values/tags", test_tags);
  g_test_add_func ("/tl/io/values/names", test_names);
  g_test_add_func ("/tl/io/mapping/field-names", test_field_names);
  g_test_add_func ("/tl/io/mapping/mapping", test_mapping);
  g_test_add_func ("/tl/io/mapping/guess-text", test_guess_text);
  g_test_add_func ("/tl/io/mapping/remember", test_remember);

  return g_test_run ();
}
