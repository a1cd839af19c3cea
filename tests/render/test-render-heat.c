/* test-render-heat.c: the heat scales of the themes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "tl-theme.h"

/* Sequential scales change lightness one way (so grey-scale print keeps
 * their order); diverging ones move away from a neutral middle on both
 * sides.  Every colour carries a readable number, and none is the colour
 * of a cell without a value. */
static void
test_scales (void)
{
  const char * const *names = tl_theme_names ();

  for (guint t = 0; names[t] != NULL; t++)
    {
      g_autoptr(TlTheme) theme = tl_theme_new (names[t]);
      gboolean dark = tl_theme_get_dark (theme);
      const TlColor *unset = tl_theme_get_color (theme, TL_THEME_UNSET_CELL);

      for (TlHeatScale h = 0; h < TL_HEAT_N_SCALES; h++)
        {
          gboolean diverging = tl_heat_scale_is_diverging (h);
          double previous = NAN;
          const guint steps = 20;

          for (guint i = 0; i <= steps; i++)
            {
              double f = (double) i / steps;
              double t_value = diverging ? 2 * f - 1 : f;
              TlColor fill, ink;
              double l;

              tl_theme_heat_color (theme, h, t_value, &fill);
              g_assert_cmpfloat (fill.alpha, ==, 1.0);
              l = tl_color_luminance (&fill);

              tl_theme_text_on (theme, &fill, &ink);
              g_assert_cmpfloat (tl_color_contrast (&ink, &fill), >=, 4.5);

              if (!diverging && i > 0)
                {
                  /* darker with the value on light pages, brighter on dark */
                  if (dark)
                    g_assert_cmpfloat (l, >, previous);
                  else
                    g_assert_cmpfloat (l, <, previous);
                }
              if (diverging && i > 0)
                {
                  /* towards the middle: lighter on light pages, darker on
                   * dark ones; away from it the other way */
                  gboolean towards = f <= 0.5;

                  if (towards != dark)
                    g_assert_cmpfloat (l, >, previous);
                  else
                    g_assert_cmpfloat (l, <, previous);
                }
              previous = l;

              /* the low end still differs from "no value" (which the
               * painter also hatches or outlines) */
              if (i == 0 || (diverging && i == steps / 2))
                g_assert_cmpfloat (fabs (fill.red - unset->red) + fabs (fill.green - unset->green) +
                                   fabs (fill.blue - unset->blue), >, 0.08);
            }

          /* clamped beyond the ends */
          {
            TlColor a, b;

            tl_theme_heat_color (theme, h, 7.0, &a);
            tl_theme_heat_color (theme, h, 1.0, &b);
            g_assert_true (memcmp (&a, &b, sizeof a) == 0);
            tl_theme_heat_color (theme, h, -7.0, &a);
            tl_theme_heat_color (theme, h, diverging ? -1.0 : 0.0, &b);
            g_assert_true (memcmp (&a, &b, sizeof a) == 0);
          }

          /* NAN: no value */
          {
            TlColor none;

            tl_theme_heat_color (theme, h, NAN, &none);
            g_assert_true (memcmp (&none, unset, sizeof none) == 0);
          }
        }

      /* The scales tell the modes apart: their high ends differ */
      for (TlHeatScale a = 0; a < TL_HEAT_N_SCALES; a++)
        for (TlHeatScale b = a + 1; b < TL_HEAT_N_SCALES; b++)
          {
            TlColor ca, cb;

            tl_theme_heat_color (theme, a, 1.0, &ca);
            tl_theme_heat_color (theme, b, 1.0, &cb);
            g_assert_cmpfloat (fabs (ca.red - cb.red) + fabs (ca.green - cb.green) + fabs (ca.blue - cb.blue),
                               >, 0.2);
          }
    }
}

/* The score colours are the score heat scale */
static void
test_score_is_heat (void)
{
  g_autoptr(TlTheme) theme = tl_theme_new ("dark");
  const guint scales[] = { 5, 7, 10 };

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    for (guint score = 1; score <= scales[s]; score++)
      {
        TlColor a, b;

        tl_theme_score_color (theme, score, scales[s], &a);
        tl_theme_heat_color (theme, TL_HEAT_SCORE, (double) (score - 1) / (scales[s] - 1), &b);
        g_assert_true (memcmp (&a, &b, sizeof a) == 0);
      }

  g_assert_true (tl_heat_scale_is_diverging (TL_HEAT_GAP));
  g_assert_false (tl_heat_scale_is_diverging (TL_HEAT_SCORE));
  g_assert_false (tl_heat_scale_is_diverging (TL_HEAT_EVIDENCE));
  g_assert_false (tl_heat_scale_is_diverging (TL_HEAT_TEMPERATURE));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tl/render/heat/scales", test_scales);
  g_test_add_func ("/tl/render/heat/score-is-heat", test_score_is_heat);

  return g_test_run ();
}
