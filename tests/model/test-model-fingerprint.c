/* SPDX-License-Identifier: GPL-3.0-or-later */

/* tl_feedback_fingerprint() takes a fast path for the characters it knows;
 * it must give the value of the reference (GLib normalisation) for every
 * input, and the values already stored in users' files. */

#include <string.h>

#include "tl-model.h"
#include "tl-feedback-item-private.h"

static void
assert_same (const char *text,
             const char *date,
             const char *source,
             const char *respondent)
{
  gint64 fast = tl_feedback_fingerprint (text, date, source, respondent);
  gint64 slow = tl_feedback_fingerprint_reference (text, date, source, respondent);

  if (fast != slow)
    {
      g_autofree char *escaped = text ? g_strescape (text, NULL) : g_strdup ("(null)");

      g_test_message ("text \"%s\": fast %" G_GINT64_FORMAT ", reference %" G_GINT64_FORMAT,
                      escaped, fast, slow);
    }
  g_assert_cmpint (fast, ==, slow);
}

/* Values computed before the fast path existed: they are in users' files */
static void
test_stored_values (void)
{
  static const struct {
    const char *text, *date, *source, *respondent;
    gint64 fingerprint;
  } cases[] = {
    { "送餐很快 好吃", "2026-03-24", "美团", "r1", G_GINT64_CONSTANT (237431939908019523) },
    { "  Fast delivery,\tgood  food ", NULL, "Google Maps", "u7", G_GINT64_CONSTANT (5518545973766360356) },
    { "ＡＢＣ，好吃　吧", NULL, NULL, NULL, G_GINT64_CONSTANT (444484989743347627) },
    { "", NULL, NULL, NULL, G_GINT64_CONSTANT (6043530385256326746) },
    { NULL, NULL, NULL, NULL, G_GINT64_CONSTANT (6043530385256326746) },
    { "Cafe\xcc\x81 ﬁne ①", "2025-01-02", "x", "y", G_GINT64_CONSTANT (-175586091763019669) },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpint (tl_feedback_fingerprint (cases[i].text, cases[i].date, cases[i].source,
                                                cases[i].respondent), ==, cases[i].fingerprint);
      g_assert_cmpint (tl_feedback_fingerprint_reference (cases[i].text, cases[i].date, cases[i].source,
                                                          cases[i].respondent), ==, cases[i].fingerprint);
    }
}

/* Every code point of the blocks the fast path handles, and their
 * neighbours, alone and between other characters */
static void
test_code_points (void)
{
  static const struct { gunichar first, last; } ranges[] = {
    { 0x01, 0x7f },
    { 0x80, 0x2ff },
    { 0x2000, 0x206f },
    { 0x2e80, 0x4dff },
    { 0x4e00, 0x9fff },
    { 0xa000, 0xa0ff },
    { 0xac00, 0xac20 },
    { 0xd7f0, 0xd7ff },
    { 0xe000, 0xe010 },
    { 0xf900, 0xfaff },
    { 0xfe00, 0xfffd },
    { 0x1f600, 0x1f610 },
    { 0x2f800, 0x2f810 },
  };
  static const char * const around[][2] = {
    { "", "" },
    { "a", "b" },
    { " ", "\t" },
    { "x\xe3\x80\x80", "\xef\xbc\x8c" },
    { "好", "\xcc\x81" },       /* a combining acute after it */
    { "e", "\xe1\x85\xa1" },    /* a Hangul vowel jamo after it */
    { "\xe1\x84\x80", "" },     /* a Hangul leading jamo before it */
  };

  for (gsize r = 0; r < G_N_ELEMENTS (ranges); r++)
    for (gunichar c = ranges[r].first; c <= ranges[r].last; c++)
      {
        char utf8[8] = { 0 };

        if (c >= 0xd800 && c <= 0xdfff)
          continue;
        g_unichar_to_utf8 (c, utf8);
        for (gsize a = 0; a < G_N_ELEMENTS (around); a++)
          {
            g_autofree char *text = g_strconcat (around[a][0], utf8, around[a][1], NULL);

            assert_same (text, NULL, NULL, NULL);
          }
      }
}

/* Random strings over pieces the fast path takes, and pieces it does not */
static void
test_random_strings (void)
{
  static const char * const pieces[] = {
    "a", "Z", "0", ",", "~", "(#12)", "Fast delivery", " ", "  ", "\t", "\n", "\r", "\f", "\v",
    "送", "餐", "很快", "好吃", "一", "\xe9\xbf\xbf",           /* U+9FFF */
    "，", "！", "ＡＢＣ", "～", "\xef\xbc\x81", "\xef\xbd\x9e", /* U+FF01, U+FF5E */
    "\xef\xbd\x9f", "\xef\xbc\x80",                             /* U+FF5F, U+FF00 */
    "　", "\xe3\x80\x81", "。", "“", "…",                        /* U+3000, U+3001 */
    "é", "e\xcc\x81", "\xcc\x81", "\xcc\xa3", "ﬁ", "①", "²", "\xc2\xa0", "\xe2\x80\xa8",
    "가", "\xe1\x84\x80", "\xe1\x85\xa1", "\xe3\x90\x80", "\xef\xa4\x80", "😀", "Å", "Ω",
    "\xe4\xb7\xbf",                                             /* U+4DFF */
  };
  static const char * const invalid[] = {
    "\x80", "\xc3(", "\xe4\xb8(", "\xef\xbc(", "\xe3\x80(", "\xff",
  };
  GRand *rand = g_rand_new_with_seed (20261123);

  for (guint n = 0; n < 20000; n++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint len = g_rand_int_range (rand, 0, 12);

      for (guint i = 0; i < len; i++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      /* Malformed UTF-8 somewhere in the middle, now and then */
      if (n % 10 == 0)
        g_string_insert (text, g_rand_int_range (rand, 0, (gint32)text->len + 1),
                         invalid[g_rand_int_range (rand, 0, G_N_ELEMENTS (invalid))]);
      if (n % 10 == 0)
        g_string_append (text, " end");
      else if (!g_utf8_validate (text->str, text->len, NULL))
        g_assert_not_reached ();

      assert_same (text->str,
                   n % 3 == 0 ? NULL : "2026-03-24",
                   n % 5 == 0 ? NULL : "美团",
                   n % 7 == 0 ? NULL : "user12");
    }
  g_rand_free (rand);
}

/* Empty text, NULL fields, and values the two paths must tell apart */
static void
test_edges (void)
{
  const char *fields[] = { NULL, "", "x", "2026-03-24", "饿了么" };

  for (gsize d = 0; d < G_N_ELEMENTS (fields); d++)
    for (gsize s = 0; s < G_N_ELEMENTS (fields); s++)
      for (gsize r = 0; r < G_N_ELEMENTS (fields); r++)
        {
          assert_same (NULL, fields[d], fields[s], fields[r]);
          assert_same ("", fields[d], fields[s], fields[r]);
          assert_same ("   \t\n", fields[d], fields[s], fields[r]);
          assert_same (" 　 ", fields[d], fields[s], fields[r]);
          assert_same ("好 吃", fields[d], fields[s], fields[r]);
        }

  /* The fast path still sees what the reference sees */
  g_assert_cmpint (tl_feedback_fingerprint ("ＡＢＣ，好吃", NULL, NULL, NULL), ==,
                   tl_feedback_fingerprint ("ABC,好吃", NULL, NULL, NULL));
  g_assert_cmpint (tl_feedback_fingerprint ("好　吃", NULL, NULL, NULL), ==,
                   tl_feedback_fingerprint ("好 \n 吃", NULL, NULL, NULL));
  g_assert_cmpint (tl_feedback_fingerprint ("好吃", NULL, NULL, NULL), !=,
                   tl_feedback_fingerprint ("好 吃", NULL, NULL, NULL));
  g_assert_cmpint (tl_feedback_fingerprint ("a\vb", NULL, NULL, NULL), !=,
                   tl_feedback_fingerprint ("a b", NULL, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tl/model/fingerprint/stored-values", test_stored_values);
  g_test_add_func ("/tl/model/fingerprint/code-points", test_code_points);
  g_test_add_func ("/tl/model/fingerprint/random-strings", test_random_strings);
  g_test_add_func ("/tl/model/fingerprint/edges", test_edges);

  return g_test_run ();
}
