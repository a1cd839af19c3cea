/* tl-theme.h: colours, type sizes and line weights the painters use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A colour with components in 0..1; the render layer has no GdkRGBA. */
typedef struct {
  double red;
  double green;
  double blue;
  double alpha;
} TlColor;

/* Parses "#rgb", "#rrggbb" or "#rrggbbaa"; FALSE (and @color untouched)
 * when @spec is none of these. */
gboolean tl_color_parse         (TlColor       *color,
                                 const char    *spec);
/* WCAG relative luminance, 0 (black) .. 1 (white) */
double   tl_color_luminance     (const TlColor *color);
/* WCAG contrast ratio of two opaque colours, 1 .. 21 */
double   tl_color_contrast      (const TlColor *a,
                                 const TlColor *b);
/* @a mixed with @b: @t = 0 gives @a, 1 gives @b */
void     tl_color_mix           (const TlColor *a,
                                 const TlColor *b,
                                 double         t,
                                 TlColor       *result);

#define TL_TYPE_THEME (tl_theme_get_type ())
G_DECLARE_FINAL_TYPE (TlTheme, tl_theme, TL, THEME, GObject)

/* Colour roles.  Loop colours are not here: they come from the document
 * and go through tl_theme_adjust_loop_color(). */
typedef enum {
  TL_THEME_BACKGROUND,       /* the page */
  TL_THEME_TEXT,             /* titles, labels */
  TL_THEME_MUTED_TEXT,       /* secondary text, descriptions */
  TL_THEME_GRID,             /* hairlines, matrix grid */
  TL_THEME_SURFACE,          /* station cards, matrix header cells, legend */
  TL_THEME_SURFACE_BORDER,   /* outline of cards */
  TL_THEME_HUB_FILL,         /* the CRM cylinder */
  TL_THEME_HUB_BORDER,
  TL_THEME_HUB_TEXT,
  TL_THEME_CONNECTOR,        /* hub links: neutral, thin */
  TL_THEME_ACCENT,           /* key markers, selection */
  TL_THEME_SELECTION,        /* selection ring / halo */
  TL_THEME_UNSET_CELL,       /* a matrix cell without a score */
  TL_THEME_SHADOW,           /* soft shadow under cards */
  TL_THEME_ONLINE,           /* hue of online stations (a faint tint) */
  TL_THEME_OFFLINE,          /* hue of offline stations */
  TL_THEME_MICRO_DATA,       /* hue of micro-data stations */
  TL_THEME_N_COLORS
} TlThemeColor;

/* Sizes in natural units (a 1280 × 800 drawing); painters scale them with
 * the drawing.  A projector theme makes them larger. */
typedef enum {
  TL_THEME_FONT_TITLE,
  TL_THEME_FONT_LABEL,       /* station labels, matrix headers */
  TL_THEME_FONT_BODY,        /* legend entries, scores */
  TL_THEME_FONT_SMALL,       /* descriptions, captions */
  TL_THEME_N_FONTS
} TlThemeFont;

/* The themes tl_theme_new() knows, NULL-terminated: "light", "dark",
 * "projector". */
const char * const *tl_theme_names             (void);
gboolean            tl_theme_name_is_valid     (const char     *name);

/* NULL gives "light"; a name not in tl_theme_names() is a programming
 * error (check user input with tl_theme_name_is_valid()). */
TlTheme            *tl_theme_new               (const char     *name);
const char         *tl_theme_get_name          (TlTheme        *self);
gboolean            tl_theme_get_dark          (TlTheme        *self);

const TlColor      *tl_theme_get_color         (TlTheme        *self,
                                                TlThemeColor    role);
/* Convenience accessors for the most used roles */
const TlColor      *tl_theme_get_background    (TlTheme        *self);
const TlColor      *tl_theme_get_text          (TlTheme        *self);
const TlColor      *tl_theme_get_muted_text    (TlTheme        *self);
const TlColor      *tl_theme_get_grid          (TlTheme        *self);
const TlColor      *tl_theme_get_accent        (TlTheme        *self);

/* Font size in natural units (pixels at 1280 × 800) */
double              tl_theme_get_font_size     (TlTheme        *self,
                                                TlThemeFont     font);
/* Width of a loop line in natural units; connectors and outlines derive
 * from it. */
double              tl_theme_get_line_width    (TlTheme        *self);
/* Opacity of loops and stations outside the focused loop */
double              tl_theme_get_dim_alpha     (TlTheme        *self);

/* A Pango font family list for text in @language ("zh_CN", "zh_TW",
 * "en"), so CJK text picks the right regional Noto Sans CJK face and Latin
 * text sits well beside it. */
const char         *tl_theme_get_font_family   (TlTheme        *self,
                                                const char     *language);
/* The Pango language tag for a document language: "zh-cn", "zh-tw", "en" */
const char         *tl_theme_pango_language    (const char     *language);

/* The document's loop colour (@spec, "#rrggbb") made readable on this
 * theme's background: lightened on dark, darkened on light until the
 * contrast is enough; hue is kept.  An invalid @spec gives the muted text
 * colour. */
void                tl_theme_adjust_loop_color (TlTheme        *self,
                                                const char     *spec,
                                                TlColor        *color);
/* A colour that reads on @fill: this theme's text colour or its opposite */
void                tl_theme_text_on           (TlTheme        *self,
                                                const TlColor  *fill,
                                                TlColor        *color);

/* Heat scales of the matrix (and of any heat map): colour-blind safe,
 * readable in grey-scale (lightness changes monotonically away from the
 * low end, or from the neutral middle of a diverging scale), adapted to
 * each theme. */
typedef enum {
  TL_HEAT_SCORE,        /* sequential: current and target scores, ratings */
  TL_HEAT_EVIDENCE,     /* sequential: counts of linked feedback */
  TL_HEAT_TEMPERATURE,  /* sequential, warm: temperature */
  TL_HEAT_GAP,          /* diverging around 0: target − current */
  TL_HEAT_N_SCALES
} TlHeatScale;

/* TRUE for a scale that runs over −1..1 around a neutral 0 */
gboolean            tl_heat_scale_is_diverging (TlHeatScale    scale);
/* The colour of @t on @scale: 0..1 (low to high) on a sequential scale,
 * −1..1 on a diverging one; clamped.  NAN (no value) gives
 * TL_THEME_UNSET_CELL. */
void                tl_theme_heat_color        (TlTheme        *self,
                                                TlHeatScale     scale,
                                                double          t,
                                                TlColor        *color);

/* The sequential, colour-blind safe score scale of the matrix: @score in
 * 1..@scale; 0 (unset) gives TL_THEME_UNSET_CELL.  TL_HEAT_SCORE at
 * (score − 1) / (scale − 1). */
void                tl_theme_score_color       (TlTheme        *self,
                                                guint           score,
                                                guint           scale,
                                                TlColor        *color);

G_END_DECLS
