/* tl-theme.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "tl-theme.h"

/* Loop lines are graphics, not text.  On dark backgrounds they get the
 * 3:1 WCAG asks of graphics (1.4.11); on light ones, thick coloured lines
 * read well from 2:1, and darkening a colour further turns orange into
 * brown and drifts away from the document's choice. */
#define LOOP_MIN_CONTRAST_LIGHT 2.0
#define LOOP_MIN_CONTRAST_DARK  3.0

typedef struct {
  const char *name;
  gboolean    dark;
  const char *colors[TL_THEME_N_COLORS];
  double      font_sizes[TL_THEME_N_FONTS];
  double      line_width;
  double      dim_alpha;
  /* Stops of each heat scale (TlHeatScale), lowest first; a diverging
   * scale's middle stop is its neutral 0. */
  const char *heat[TL_HEAT_N_SCALES][5];
} ThemeSpec;

/* The heat scales.  Every one is safe for colour-blind viewers: the
 * sequential ones change lightness monotonically (so they also read in
 * grey-scale print), the diverging one runs blue to orange, the pair
 * every kind of colour blindness tells apart.
 * - score: ColorBrewer Blues
 * - evidence: viridis (perceptually uniform)
 * - temperature: a yellow–orange–red ramp, warm for "hot" feedback
 * - gap: ColorBrewer PuOr-like blue–neutral–orange
 * On light pages more is darker; on dark pages more is brighter, as dark
 * themes expect. */
#define HEAT_LIGHT \
  { \
    [TL_HEAT_SCORE]       = { "#deebf7", "#9ecae1", "#4292c6", "#2171b5", "#08306b" }, \
    [TL_HEAT_EVIDENCE]    = { "#fde725", "#7ad151", "#22a884", "#2a788e", "#414487" }, \
    [TL_HEAT_TEMPERATURE] = { "#fde4a3", "#fdb45f", "#f4803a", "#d4442a", "#8f1d21" }, \
    [TL_HEAT_GAP]         = { "#2166ac", "#8fbfe0", "#ece9e4", "#f6b26b", "#d95f02" }, \
  }
/* Projectors wash pale colours out: the score scale starts a step darker */
#define HEAT_PROJECTOR \
  { \
    [TL_HEAT_SCORE]       = { "#c6dbef", "#8fbfe0", "#4292c6", "#2171b5", "#08306b" }, \
    [TL_HEAT_EVIDENCE]    = { "#fde725", "#7ad151", "#22a884", "#2a788e", "#414487" }, \
    [TL_HEAT_TEMPERATURE] = { "#fde4a3", "#fdb45f", "#f4803a", "#d4442a", "#8f1d21" }, \
    [TL_HEAT_GAP]         = { "#2166ac", "#8fbfe0", "#e6e0d6", "#f6b26b", "#d95f02" }, \
  }
#define HEAT_DARK \
  { \
    [TL_HEAT_SCORE]       = { "#1f3a5c", "#22548a", "#2f73ba", "#5ba3e6", "#a9d5ff" }, \
    [TL_HEAT_EVIDENCE]    = { "#46327e", "#365c8d", "#277f8e", "#4ac16d", "#fde725" }, \
    [TL_HEAT_TEMPERATURE] = { "#4a1c1c", "#8f2d22", "#d4512b", "#f99b46", "#ffe3a3" }, \
    [TL_HEAT_GAP]         = { "#6cb0f0", "#2f5f8f", "#3a3b40", "#8c5526", "#f5a04a" }, \
  }

static const ThemeSpec theme_specs[] = {
  {
    "light", FALSE,
    {
      [TL_THEME_BACKGROUND]     = "#ffffff",
      [TL_THEME_TEXT]           = "#1d2330",
      [TL_THEME_MUTED_TEXT]     = "#5b6372",
      [TL_THEME_GRID]           = "#e2e5ea",
      [TL_THEME_SURFACE]        = "#ffffff",
      [TL_THEME_SURFACE_BORDER] = "#c3c9d2",
      [TL_THEME_HUB_FILL]       = "#1f3a5f",
      [TL_THEME_HUB_BORDER]     = "#14263f",
      [TL_THEME_HUB_TEXT]       = "#ffffff",
      [TL_THEME_CONNECTOR]      = "#98a1ae",
      [TL_THEME_ACCENT]         = "#c46a00",
      [TL_THEME_SELECTION]      = "#1c71d8",
      [TL_THEME_UNSET_CELL]     = "#f4f5f7",
      [TL_THEME_SHADOW]         = "#1018281a",
      [TL_THEME_ONLINE]         = "#3584e4",
      [TL_THEME_OFFLINE]        = "#e66100",
      [TL_THEME_MICRO_DATA]     = "#9141ac",
    },
    { 26.0, 16.0, 14.0, 12.0 },
    5.0, 0.25,
    HEAT_LIGHT,
  },
  {
    "dark", TRUE,
    {
      [TL_THEME_BACKGROUND]     = "#1d1e22",
      [TL_THEME_TEXT]           = "#eceef2",
      [TL_THEME_MUTED_TEXT]     = "#a4abb8",
      [TL_THEME_GRID]           = "#353943",
      [TL_THEME_SURFACE]        = "#2a2c32",
      [TL_THEME_SURFACE_BORDER] = "#4a4f5a",
      [TL_THEME_HUB_FILL]       = "#2d5286",
      [TL_THEME_HUB_BORDER]     = "#6f95c9",
      [TL_THEME_HUB_TEXT]       = "#ffffff",
      [TL_THEME_CONNECTOR]      = "#6c7482",
      [TL_THEME_ACCENT]         = "#f5a524",
      [TL_THEME_SELECTION]      = "#78aeed",
      [TL_THEME_UNSET_CELL]     = "#26282d",
      [TL_THEME_SHADOW]         = "#00000059",
      [TL_THEME_ONLINE]         = "#62a0ea",
      [TL_THEME_OFFLINE]        = "#ffa348",
      [TL_THEME_MICRO_DATA]     = "#c061cb",
    },
    { 26.0, 16.0, 14.0, 12.0 },
    5.0, 0.3,
    HEAT_DARK,
  },
  {
    /* For a room: black on white, heavier lines, larger type */
    "projector", FALSE,
    {
      [TL_THEME_BACKGROUND]     = "#ffffff",
      [TL_THEME_TEXT]           = "#000000",
      [TL_THEME_MUTED_TEXT]     = "#333a45",
      [TL_THEME_GRID]           = "#b9bfc8",
      [TL_THEME_SURFACE]        = "#ffffff",
      [TL_THEME_SURFACE_BORDER] = "#4b5260",
      [TL_THEME_HUB_FILL]       = "#14263f",
      [TL_THEME_HUB_BORDER]     = "#000000",
      [TL_THEME_HUB_TEXT]       = "#ffffff",
      [TL_THEME_CONNECTOR]      = "#5b6372",
      [TL_THEME_ACCENT]         = "#b35900",
      [TL_THEME_SELECTION]      = "#0b5cc2",
      [TL_THEME_UNSET_CELL]     = "#eceef1",
      [TL_THEME_SHADOW]         = "#00000000",
      [TL_THEME_ONLINE]         = "#1a5fb4",
      [TL_THEME_OFFLINE]        = "#c64600",
      [TL_THEME_MICRO_DATA]     = "#813d9c",
    },
    { 32.0, 21.0, 18.0, 15.0 },
    8.0, 0.2,
    HEAT_PROJECTOR,
  },
};

static const char * const theme_names[] = { "light", "dark", "projector", NULL };

struct _TlTheme
{
  GObject          parent_instance;

  const ThemeSpec *spec;
  TlColor          colors[TL_THEME_N_COLORS];
  TlColor          heat[TL_HEAT_N_SCALES][G_N_ELEMENTS (((ThemeSpec *)0)->heat[0])];
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_DARK,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TlTheme, tl_theme, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

gboolean
tl_color_parse (TlColor    *color,
                const char *spec)
{
  int digits[8];
  gsize len;

  g_return_val_if_fail (color != NULL, FALSE);

  if (spec == NULL || spec[0] != '#')
    return FALSE;

  len = strlen (spec + 1);
  if (len != 3 && len != 6 && len != 8)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if ((digits[i] = hex_digit (spec[1 + i])) < 0)
      return FALSE;

  if (len == 3)
    {
      color->red = digits[0] * 17 / 255.0;
      color->green = digits[1] * 17 / 255.0;
      color->blue = digits[2] * 17 / 255.0;
      color->alpha = 1.0;
    }
  else
    {
      color->red = (digits[0] * 16 + digits[1]) / 255.0;
      color->green = (digits[2] * 16 + digits[3]) / 255.0;
      color->blue = (digits[4] * 16 + digits[5]) / 255.0;
      color->alpha = len == 8 ? (digits[6] * 16 + digits[7]) / 255.0 : 1.0;
    }

  return TRUE;
}

static double
linear_component (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

double
tl_color_luminance (const TlColor *color)
{
  g_return_val_if_fail (color != NULL, 0.0);

  return 0.2126 * linear_component (color->red)
       + 0.7152 * linear_component (color->green)
       + 0.0722 * linear_component (color->blue);
}

double
tl_color_contrast (const TlColor *a,
                   const TlColor *b)
{
  double la, lb;

  g_return_val_if_fail (a != NULL, 1.0);
  g_return_val_if_fail (b != NULL, 1.0);

  la = tl_color_luminance (a);
  lb = tl_color_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

void
tl_color_mix (const TlColor *a,
              const TlColor *b,
              double         t,
              TlColor       *result)
{
  TlColor out;

  g_return_if_fail (a != NULL);
  g_return_if_fail (b != NULL);
  g_return_if_fail (result != NULL);

  t = CLAMP (t, 0.0, 1.0);
  out.red = a->red + (b->red - a->red) * t;
  out.green = a->green + (b->green - a->green) * t;
  out.blue = a->blue + (b->blue - a->blue) * t;
  out.alpha = a->alpha + (b->alpha - a->alpha) * t;
  *result = out;
}

static void
tl_theme_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  TlTheme *self = TL_THEME (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->spec->name);
      break;
    case PROP_DARK:
      g_value_set_boolean (value, self->spec->dark);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static const ThemeSpec *
find_spec (const char *name)
{
  if (name == NULL)
    return &theme_specs[0];

  for (guint i = 0; i < G_N_ELEMENTS (theme_specs); i++)
    if (g_ascii_strcasecmp (theme_specs[i].name, name) == 0)
      return &theme_specs[i];

  return NULL;
}

static void
tl_theme_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  TlTheme *self = TL_THEME (object);

  switch (prop_id)
    {
    case PROP_NAME:
      {
        const ThemeSpec *spec = find_spec (g_value_get_string (value));

        /* Construct-only; tl_theme_new() has checked the name already. */
        self->spec = spec != NULL ? spec : &theme_specs[0];
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_theme_constructed (GObject *object)
{
  TlTheme *self = TL_THEME (object);
  gboolean ok;

  G_OBJECT_CLASS (tl_theme_parent_class)->constructed (object);

  if (self->spec == NULL)
    self->spec = &theme_specs[0];

  for (guint i = 0; i < TL_THEME_N_COLORS; i++)
    {
      ok = tl_color_parse (&self->colors[i], self->spec->colors[i]);
      g_assert (ok);
    }

  for (guint h = 0; h < TL_HEAT_N_SCALES; h++)
    for (guint i = 0; i < G_N_ELEMENTS (self->heat[h]); i++)
      {
        ok = tl_color_parse (&self->heat[h][i], self->spec->heat[h][i]);
        g_assert (ok);
      }
}

static void
tl_theme_class_init (TlThemeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tl_theme_get_property;
  object_class->set_property = tl_theme_set_property;
  object_class->constructed = tl_theme_constructed;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "light",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tl_theme_init (TlTheme *self)
{
}

const char * const *
tl_theme_names (void)
{
  return theme_names;
}

gboolean
tl_theme_name_is_valid (const char *name)
{
  return name != NULL && find_spec (name) != NULL;
}

TlTheme *
tl_theme_new (const char *name)
{
  g_return_val_if_fail (name == NULL || tl_theme_name_is_valid (name), NULL);

  return g_object_new (TL_TYPE_THEME,
                       "name", name != NULL ? name : "light",
                       NULL);
}

const char *
tl_theme_get_name (TlTheme *self)
{
  g_return_val_if_fail (TL_IS_THEME (self), NULL);

  return self->spec->name;
}

gboolean
tl_theme_get_dark (TlTheme *self)
{
  g_return_val_if_fail (TL_IS_THEME (self), FALSE);

  return self->spec->dark;
}

const TlColor *
tl_theme_get_color (TlTheme      *self,
                    TlThemeColor  role)
{
  g_return_val_if_fail (TL_IS_THEME (self), NULL);
  g_return_val_if_fail (role < TL_THEME_N_COLORS, NULL);

  return &self->colors[role];
}

const TlColor *
tl_theme_get_background (TlTheme *self)
{
  return tl_theme_get_color (self, TL_THEME_BACKGROUND);
}

const TlColor *
tl_theme_get_text (TlTheme *self)
{
  return tl_theme_get_color (self, TL_THEME_TEXT);
}

const TlColor *
tl_theme_get_muted_text (TlTheme *self)
{
  return tl_theme_get_color (self, TL_THEME_MUTED_TEXT);
}

const TlColor *
tl_theme_get_grid (TlTheme *self)
{
  return tl_theme_get_color (self, TL_THEME_GRID);
}

const TlColor *
tl_theme_get_accent (TlTheme *self)
{
  return tl_theme_get_color (self, TL_THEME_ACCENT);
}

double
tl_theme_get_font_size (TlTheme     *self,
                        TlThemeFont  font)
{
  g_return_val_if_fail (TL_IS_THEME (self), 14.0);
  g_return_val_if_fail (font < TL_THEME_N_FONTS, 14.0);

  return self->spec->font_sizes[font];
}

double
tl_theme_get_line_width (TlTheme *self)
{
  g_return_val_if_fail (TL_IS_THEME (self), 5.0);

  return self->spec->line_width;
}

double
tl_theme_get_dim_alpha (TlTheme *self)
{
  g_return_val_if_fail (TL_IS_THEME (self), 0.2);

  return self->spec->dim_alpha;
}

const char *
tl_theme_get_font_family (TlTheme    *self,
                          const char *language)
{
  g_return_val_if_fail (TL_IS_THEME (self), "sans-serif");

  /* The CJK face first for Chinese documents, so Latin words inside
   * Chinese labels ("CRM") match the CJK glyphs around them. */
  if (g_strcmp0 (language, "zh_TW") == 0)
    return "Noto Sans CJK TC, Source Han Sans TC, Noto Sans TC, sans-serif";
  if (language != NULL && g_str_has_prefix (language, "zh"))
    return "Noto Sans CJK SC, Source Han Sans SC, Noto Sans SC, sans-serif";

  return "Noto Sans, Cantarell, Noto Sans CJK SC, Source Han Sans SC, sans-serif";
}

const char *
tl_theme_pango_language (const char *language)
{
  if (g_strcmp0 (language, "zh_TW") == 0)
    return "zh-tw";
  if (language != NULL && g_str_has_prefix (language, "zh"))
    return "zh-cn";

  return "en";
}

void
tl_theme_adjust_loop_color (TlTheme    *self,
                            const char *spec,
                            TlColor    *color)
{
  const TlColor *background;
  TlColor target;
  TlColor parsed;
  double minimum;

  g_return_if_fail (TL_IS_THEME (self));
  g_return_if_fail (color != NULL);

  if (!tl_color_parse (&parsed, spec))
    {
      *color = self->colors[TL_THEME_MUTED_TEXT];
      return;
    }

  parsed.alpha = 1.0;
  background = &self->colors[TL_THEME_BACKGROUND];
  minimum = self->spec->dark ? LOOP_MIN_CONTRAST_DARK : LOOP_MIN_CONTRAST_LIGHT;
  /* A projector washes colours out: ask for more. */
  if (g_strcmp0 (self->spec->name, "projector") == 0)
    minimum = 3.0;

  if (self->spec->dark)
    target = (TlColor) { 1.0, 1.0, 1.0, 1.0 };
  else
    target = (TlColor) { 0.0, 0.0, 0.0, 1.0 };

  /* Mixing towards white or black keeps the hue and moves only lightness,
   * so the six loops stay as distinct as the document made them. */
  for (guint step = 0; step < 20; step++)
    {
      TlColor mixed;

      tl_color_mix (&parsed, &target, step * 0.04, &mixed);
      if (tl_color_contrast (&mixed, background) >= minimum || step == 19)
        {
          *color = mixed;
          return;
        }
    }
}

void
tl_theme_text_on (TlTheme       *self,
                  const TlColor *fill,
                  TlColor       *color)
{
  /* Pure black: any mid-tone then still gets 4.5:1 one way or the other */
  static const TlColor ink = { 0.0, 0.0, 0.0, 1.0 };
  static const TlColor paper = { 1.0, 1.0, 1.0, 1.0 };

  g_return_if_fail (TL_IS_THEME (self));
  g_return_if_fail (fill != NULL);
  g_return_if_fail (color != NULL);

  if (tl_color_contrast (&ink, fill) >= tl_color_contrast (&paper, fill))
    *color = ink;
  else
    *color = paper;
}

void
tl_theme_score_color (TlTheme *self,
                      guint    score,
                      guint    scale,
                      TlColor *color)
{
  g_return_if_fail (TL_IS_THEME (self));
  g_return_if_fail (color != NULL);

  if (score == 0 || scale == 0)
    {
      *color = self->colors[TL_THEME_UNSET_CELL];
      return;
    }

  score = MIN (score, scale);

  /* Spread 1..scale over the stops, so 5, 7 and 10 point scales all
   * span the whole ramp. */
  tl_theme_heat_color (self, TL_HEAT_SCORE, scale == 1 ? 1.0 : (double) (score - 1) / (scale - 1), color);
}

gboolean
tl_heat_scale_is_diverging (TlHeatScale scale)
{
  return scale == TL_HEAT_GAP;
}

void
tl_theme_heat_color (TlTheme     *self,
                     TlHeatScale  scale,
                     double       t,
                     TlColor     *color)
{
  const TlColor *stops;
  guint n_stops;
  double pos;
  guint lower;

  g_return_if_fail (TL_IS_THEME (self));
  g_return_if_fail (scale < TL_HEAT_N_SCALES);
  g_return_if_fail (color != NULL);

  if (isnan (t))
    {
      *color = self->colors[TL_THEME_UNSET_CELL];
      return;
    }

  /* Diverging scales run over −1..1: map them onto the stops as 0..1. */
  if (tl_heat_scale_is_diverging (scale))
    t = (CLAMP (t, -1.0, 1.0) + 1.0) / 2.0;
  else
    t = CLAMP (t, 0.0, 1.0);

  stops = self->heat[scale];
  n_stops = G_N_ELEMENTS (self->heat[scale]);
  pos = t * (n_stops - 1);
  lower = MIN ((guint) floor (pos), n_stops - 2);
  tl_color_mix (&stops[lower], &stops[lower + 1], pos - lower, color);
}
