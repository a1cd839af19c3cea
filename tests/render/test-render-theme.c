/* test-render-theme.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "tl-theme.h"

/* The template's Okabe–Ito loop colours and some awkward ones */
static const char * const loop_colors[] = {
  "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9",
  "#ffff00", "#ffffff", "#000000", "#101010", "#f0e442",
};

static void
test_names (void)
{
  const char * const *names = tl_theme_names ();
  guint n = 0;

  for (; names[n] != NULL; n++)
    {
      g_autoptr(TlTheme) theme = tl_theme_new (names[n]);

      g_assert_true (tl_theme_name_is_valid (names[n]));
      g_assert_cmpstr (tl_theme_get_name (theme), ==, names[n]);
      g_assert_finalize_object (g_steal_pointer (&theme));
    }

  g_assert_cmpuint (n, >=, 3);
  g_assert_true (tl_theme_name_is_valid ("light"));
  g_assert_true (tl_theme_name_is_valid ("dark"));
  g_assert_true (tl_theme_name_is_valid ("projector"));
  g_assert_false (tl_theme_name_is_valid ("neon"));
  g_assert_false (tl_theme_name_is_valid (""));
  g_assert_false (tl_theme_name_is_valid (NULL));
}

static void
test_default (void)
{
  g_autoptr(TlTheme) theme = tl_theme_new (NULL);

  g_assert_cmpstr (tl_theme_get_name (theme), ==, "light");
  g_assert_false (tl_theme_get_dark (theme));
}

static void
test_dark (void)
{
  g_autoptr(TlTheme) light = tl_theme_new ("light");
  g_autoptr(TlTheme) dark = tl_theme_new ("dark");
  gboolean is_dark = FALSE;

  g_assert_false (tl_theme_get_dark (light));
  g_assert_true (tl_theme_get_dark (dark));
  g_object_get (dark, "dark", &is_dark, NULL);
  g_assert_true (is_dark);

  g_assert_cmpfloat (tl_color_luminance (tl_theme_get_background (dark)), <,
                     tl_color_luminance (tl_theme_get_background (light)));
  /* Body text reads on its own background in both (WCAG AA: 4.5) */
  g_assert_cmpfloat (tl_color_contrast (tl_theme_get_text (light), tl_theme_get_background (light)), >=, 4.5);
  g_assert_cmpfloat (tl_color_contrast (tl_theme_get_text (dark), tl_theme_get_background (dark)), >=, 4.5);
  g_assert_cmpfloat (tl_color_contrast (tl_theme_get_muted_text (light), tl_theme_get_background (light)), >=, 4.5);
  g_assert_cmpfloat (tl_color_contrast (tl_theme_get_muted_text (dark), tl_theme_get_background (dark)), >=, 4.5);
}

static void
test_projector (void)
{
  g_autoptr(TlTheme) light = tl_theme_new ("light");
  g_autoptr(TlTheme) projector = tl_theme_new ("projector");

  for (guint f = 0; f < TL_THEME_N_FONTS; f++)
    g_assert_cmpfloat (tl_theme_get_font_size (projector, f), >, tl_theme_get_font_size (light, f));
  g_assert_cmpfloat (tl_theme_get_line_width (projector), >, tl_theme_get_line_width (light));
}

static void
test_color_parse (void)
{
  TlColor c = { 0.5, 0.5, 0.5, 0.5 };

  g_assert_true (tl_color_parse (&c, "#ff8000"));
  g_assert_cmpfloat_with_epsilon (c.red, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (c.green, 128 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (c.blue, 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (c.alpha, 1.0, 1e-9);

  g_assert_true (tl_color_parse (&c, "#FFF"));
  g_assert_cmpfloat_with_epsilon (c.green, 1.0, 1e-9);

  g_assert_true (tl_color_parse (&c, "#00000080"));
  g_assert_cmpfloat_with_epsilon (c.alpha, 128 / 255.0, 1e-9);

  c.red = 0.25;
  g_assert_false (tl_color_parse (&c, "ff8000"));
  g_assert_false (tl_color_parse (&c, "#ff80"));
  g_assert_false (tl_color_parse (&c, "#gg8000"));
  g_assert_false (tl_color_parse (&c, ""));
  g_assert_false (tl_color_parse (&c, NULL));
  /* untouched on failure */
  g_assert_cmpfloat (c.red, ==, 0.25);
}

static void
test_contrast (void)
{
  TlColor black, white, grey;

  tl_color_parse (&black, "#000000");
  tl_color_parse (&white, "#ffffff");
  tl_color_parse (&grey, "#777777");

  g_assert_cmpfloat_with_epsilon (tl_color_contrast (&black, &white), 21.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (tl_color_contrast (&white, &black), 21.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (tl_color_contrast (&grey, &grey), 1.0, 1e-9);
  /* #777 on white is the classic 4.48 */
  g_assert_cmpfloat_with_epsilon (tl_color_contrast (&grey, &white), 4.48, 0.01);
}

static double
hue_of (const TlColor *c)
{
  double max = MAX (c->red, MAX (c->green, c->blue));
  double min = MIN (c->red, MIN (c->green, c->blue));
  double d = max - min, h;

  if (d < 1e-6)
    return -1;
  if (max == c->red)
    h = fmod ((c->green - c->blue) / d, 6.0);
  else if (max == c->green)
    h = (c->blue - c->red) / d + 2;
  else
    h = (c->red - c->green) / d + 4;
  h *= 60;
  return h < 0 ? h + 360 : h;
}

static void
test_loop_colors (void)
{
  const char * const *names = tl_theme_names ();

  for (guint t = 0; names[t] != NULL; t++)
    {
      g_autoptr(TlTheme) theme = tl_theme_new (names[t]);
      double minimum = tl_theme_get_dark (theme) ? 3.0 : 2.0;

      for (guint i = 0; i < G_N_ELEMENTS (loop_colors); i++)
        {
          TlColor original, adjusted;
          double h0, h1;

          tl_color_parse (&original, loop_colors[i]);
          tl_theme_adjust_loop_color (theme, loop_colors[i], &adjusted);

          g_assert_cmpfloat (tl_color_contrast (&adjusted, tl_theme_get_background (theme)), >=, minimum);
          g_assert_cmpfloat (adjusted.alpha, ==, 1.0);

          /* Hue kept, so the loops stay as distinct as the document made them */
          h0 = hue_of (&original);
          h1 = hue_of (&adjusted);
          if (h0 >= 0 && h1 >= 0)
            {
              double dh = fabs (h0 - h1);

              g_assert_cmpfloat (MIN (dh, 360 - dh), <, 3.0);
            }
        }
    }
}

static void
test_loop_color_untouched_when_readable (void)
{
  g_autoptr(TlTheme) light = tl_theme_new ("light");
  TlColor c;

  /* The template's blue reads on white as it is: no change */
  tl_theme_adjust_loop_color (light, "#0072b2", &c);
  g_assert_cmpfloat_with_epsilon (c.red, 0x00 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (c.green, 0x72 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (c.blue, 0xb2 / 255.0, 1e-9);

  /* Yellow on white does not: it gets darker */
  tl_theme_adjust_loop_color (light, "#ffff00", &c);
  g_assert_cmpfloat (c.red, <, 1.0);

  /* An invalid colour falls back to a neutral one */
  tl_theme_adjust_loop_color (light, "not a colour", &c);
  g_assert_cmpfloat (tl_color_contrast (&c, tl_theme_get_background (light)), >=, 3.0);
}

static void
test_score_scale (void)
{
  static const guint scales[] = { 5, 7, 10 };
  const char * const *names = tl_theme_names ();

  for (guint t = 0; names[t] != NULL; t++)
    {
      g_autoptr(TlTheme) theme = tl_theme_new (names[t]);
      gboolean dark = tl_theme_get_dark (theme);

      for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
        {
          double previous = dark ? -1.0 : 2.0;
          TlColor unset;

          tl_theme_score_color (theme, 0, scales[s], &unset);
          g_assert_true (memcmp (&unset, tl_theme_get_color (theme, TL_THEME_UNSET_CELL), sizeof unset) == 0);

          for (guint score = 1; score <= scales[s]; score++)
            {
              TlColor fill, ink;
              double l;

              tl_theme_score_color (theme, score, scales[s], &fill);
              l = tl_color_luminance (&fill);

              /* Sequential: lightness moves one way (darker with the score
               * on light themes, brighter on dark ones) */
              if (dark)
                g_assert_cmpfloat (l, >, previous);
              else
                g_assert_cmpfloat (l, <, previous);
              previous = l;

              /* The printed number reads on every swatch */
              tl_theme_text_on (theme, &fill, &ink);
              g_assert_cmpfloat (tl_color_contrast (&ink, &fill), >=, 4.5);
            }
        }
    }
}

static void
test_fonts (void)
{
  g_autoptr(TlTheme) theme = tl_theme_new ("light");

  g_assert_nonnull (strstr (tl_theme_get_font_family (theme, "zh_CN"), "CJK SC"));
  g_assert_nonnull (strstr (tl_theme_get_font_family (theme, "zh_TW"), "CJK TC"));
  g_assert_nonnull (strstr (tl_theme_get_font_family (theme, "en"), "sans-serif"));
  g_assert_cmpstr (tl_theme_pango_language ("zh_CN"), ==, "zh-cn");
  g_assert_cmpstr (tl_theme_pango_language ("zh_TW"), ==, "zh-tw");
  g_assert_cmpstr (tl_theme_pango_language ("en"), ==, "en");
  g_assert_cmpstr (tl_theme_pango_language (NULL), ==, "en");

  for (guint f = 0; f < TL_THEME_N_FONTS; f++)
    g_assert_cmpfloat (tl_theme_get_font_size (theme, f), >=, 10.0);
  g_assert_cmpfloat (tl_theme_get_font_size (theme, TL_THEME_FONT_TITLE), >,
                     tl_theme_get_font_size (theme, TL_THEME_FONT_LABEL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tl/render/theme/names", test_names);
  g_test_add_func ("/tl/render/theme/default", test_default);
  g_test_add_func ("/tl/render/theme/dark", test_dark);
  g_test_add_func ("/tl/render/theme/projector", test_projector);
  g_test_add_func ("/tl/render/theme/color-parse", test_color_parse);
  g_test_add_func ("/tl/render/theme/contrast", test_contrast);
  g_test_add_func ("/tl/render/theme/loop-colors-readable", test_loop_colors);
  g_test_add_func ("/tl/render/theme/loop-color-kept", test_loop_color_untouched_when_readable);
  g_test_add_func ("/tl/render/theme/score-scale", test_score_scale);
  g_test_add_func ("/tl/render/theme/fonts", test_fonts);

  return g_test_run ();
}
