/* tl-matrix-painter.c
 *
 * The matrix is laid out into a "scene" in natural units (see
 * tl-diagram-painter.c): the heading, the layer rows and type columns, a
 * summary at the end of each row and column, the legend.  The painter
 * keeps the scene of the last size between draws and hit-tests, and drops
 * it when the document, its evidence, the theme or the mode changes; on
 * a raster target it also keeps an image of the scene's last drawing,
 * repainted while nothing changed (see scene_draw_kept()).
 *
 * Text layouts are the costly part of a draw, so the painter also keeps
 * every layout it made, keyed by its text, font and width: a new scene
 * (another mode, a changed score) reuses the descriptions' and labels'
 * layouts, and a redraw of a kept scene lays out nothing at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-matrix-painter.h"
#include "tl-render-private.h"

#define MARGIN          24.0
#define TITLE_GAP       10.0
#define GUTTER          5.0
#define CELL_PAD        7.0
#define CELL_RADIUS     7.0
#define HEADER_PAD      10.0
#define ACCENT_BAR      4.0
#define STAR_SPACE      18.0
#define ROW_HEADER_MIN  112.0
#define ROW_HEADER_MAX  220.0
#define SUMMARY_MIN     92.0
#define SUMMARY_MAX     150.0
#define SUMMARY_PAD     8.0
/* Summaries are secondary: a little smaller than the cells' text */
#define SUMMARY_SCALE   0.92
#define LEGEND_GAP      10.0
#define LEGEND_BAR_W    160.0
#define LEGEND_BAR_H    14.0
#define LEGEND_SPACING  22.0
#define SWATCH_W        26.0
#define SWATCH_H        16.0
#define HATCH_STEP      8.0
#define BADGE_SIZE      6.5
/* The painter forgets its layouts when it holds more than this many: a
 * document edited for hours must not grow it without end. */
#define LAYOUT_CACHE_MAX 2048

typedef struct {
  TlMatrixHeader *header;
  PangoLayout    *label;
  double          label_w;
  double          label_h;
  double          x, y, w, h;
  /* The summary at the end of the row or column */
  PangoLayout    *sum_lines[3];   /* average, gap, count; the type row joins the first two */
  int             sum_mark;       /* -1 weakest, 1 strongest, 0 */
  double          sx, sy, sw, sh;
} Header;

typedef struct {
  TlCell         *cell;            /* NULL where the document lacks it */
  TlMatrixValue   value;
  TlColor         fill;
  TlColor         ink;
  double          text_alpha;
  gboolean        border;
  gboolean        hatched;
  gboolean        key;
  int             mark;            /* -1 weakest, 1 strongest, 0 */
  PangoLayout    *top;             /* the mode's number and the scores */
  PangoLayout    *description;     /* NULL: none, or no room */
  PangoLayout    *owner;           /* NULL: no owner, or no room */
  PangoLayout    *count;           /* the linked feedback */
  gboolean        count_on_top;    /* beside the badges: no room for a footer */
  double          badges_w;
  double          top_offset;      /* from the layout's top to its ink */
  double          top_ink_h;
  double          footer_y;
  double          description_y;
} CellScene;

typedef enum {
  LEGEND_MODE,
  LEGEND_BAR,
  LEGEND_NOT_SCORED,
  LEGEND_NO_EVIDENCE,
  LEGEND_MARKS,
  LEGEND_KEY,
  LEGEND_COUNT,
  LEGEND_SCORES,
} LegendKind;

typedef struct {
  LegendKind   kind;
  PangoLayout *text;      /* the words beside the symbol */
  PangoLayout *text2;     /* the bar's high end; the weakest mark's words */
  double       x;         /* where it starts, scene units */
  double       w;         /* its whole width */
  gboolean     shown;
} LegendItem;

typedef struct {
  double  x, y, size;
  TlColor color;
} Bubble;

typedef struct {
  TlMatrixPainter *painter;
  TlDocument      *document;
  TlTheme         *theme;
  const char      *language;
  guint            scale;
  double           unit;
  double           width;
  double           height;
  PangoContext    *context;

  TlMatrixMode     mode;
  gboolean         has_heat;
  TlHeatScale      heat;
  TlMatrixRange    range;
  TlMatrixSummary *summary;

  TlRenderHeading  heading;

  GArray          *rows;       /* Header, layers */
  GArray          *cols;       /* Header, types */
  CellScene       *cells;      /* rows × cols, layer-major */
  double           grid_x;     /* top-left of the first cell */
  double           grid_y;
  double           cell_w;     /* pitch, gutter included */
  double           cell_h;
  double           summary_w;  /* the summary column, gutter included */
  double           summary_h;  /* the summary row, gutter included */
  gboolean         summary_one_line;
  double           small_line_h;

  PangoLayout     *corner_types;
  PangoLayout     *corner_layers;
  PangoLayout     *per_layer;
  PangoLayout     *per_type;

  GArray          *legend;     /* LegendItem */
  GArray          *bubbles;    /* Bubble, collected while drawing */
  double           legend_y;
  double           legend_h;
  double           bar_x;      /* the legend's colour bar; bar_w 0 without */
  double           bar_w;

  /* The last drawing of this scene to a raster surface, in its pixels,
   * with the selection it shows: repainted while nothing it shows
   * changed (see scene_draw_kept()); dropped with the scene */
  TlRenderKept     kept;
  char            *kept_selection;
  /* Draws of this scene so far: the first is drawn directly (a scene
   * drawn once gains nothing from keeping it) */
  guint            n_draws;
} Scene;

struct _TlMatrixPainter
{
  TlPainter     parent_instance;

  char         *selected_layer;
  char         *selected_type;
  TlMatrixMode  mode;

  Scene        *scene;
  double        scene_width;
  double        scene_height;

  PangoContext *context;
  char         *context_language;
  GHashTable   *layouts;       /* key → PangoLayout */
};

enum {
  PROP_0,
  PROP_MODE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TlMatrixPainter, tl_matrix_painter, TL_TYPE_PAINTER)

static GParamSpec *properties[N_PROPS];

/* ---- layouts ----------------------------------------------------------- */

/* The painter's Pango context for @language, made anew (and every kept
 * layout forgotten) when the document's language changed. */
static PangoContext *
painter_context (TlMatrixPainter *self,
                 const char      *language)
{
  if (self->context == NULL || g_strcmp0 (self->context_language, language) != 0)
    {
      g_hash_table_remove_all (self->layouts);
      g_clear_object (&self->context);
      self->context = _tl_render_context_new (language);
      g_free (self->context_language);
      self->context_language = g_strdup (language);
    }

  return self->context;
}

/* A layout of @text (Pango markup when @markup), wrapped at @width (none
 * when <= 0) to at most @max_lines lines (ellipsized; 0: any number).  A
 * new reference. */
static PangoLayout *
layout_get (Scene         *scene,
            TlThemeFont    font,
            double         size_scale,
            PangoWeight    weight,
            gboolean       markup,
            const char    *text,
            double         width,
            int            max_lines)
{
  TlMatrixPainter *self = scene->painter;
  g_autofree char *key = NULL;
  PangoLayout *layout;

  if (text == NULL)
    text = "";

  key = g_strdup_printf ("%s|%d|%.3f|%d|%d|%.3f|%d|%s",
                         tl_theme_get_name (scene->theme), font,
                         tl_theme_get_font_size (scene->theme, font) * size_scale,
                         weight, markup, width > 0 ? width : 0, max_lines, text);
  layout = g_hash_table_lookup (self->layouts, key);
  if (layout != NULL)
    return g_object_ref (layout);

  layout = _tl_render_layout_new (scene->context, scene->theme, scene->language,
                                  font, size_scale, weight, markup ? "" : text);
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  if (width > 0)
    _tl_render_layout_wrap (layout, width, max_lines);

  if (g_hash_table_size (self->layouts) >= LAYOUT_CACHE_MAX)
    g_hash_table_remove_all (self->layouts);
  g_hash_table_insert (self->layouts, g_steal_pointer (&key), g_object_ref (layout));

  return layout;
}

/* A layout's logical extents, measured once: layouts are never changed
 * after layout_get(), and Pango measures them anew at every call. */
typedef struct {
  double x, y, width, height;
} Extents;

static const Extents *
layout_extents (PangoLayout *layout)
{
  static GQuark quark;
  Extents *e;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("tl-matrix-painter-extents");

  e = g_object_get_qdata (G_OBJECT (layout), quark);
  if (e == NULL)
    {
      PangoRectangle logical;

      pango_layout_get_extents (layout, NULL, &logical);
      e = g_new (Extents, 1);
      e->x = (double) logical.x / PANGO_SCALE;
      e->y = (double) logical.y / PANGO_SCALE;
      e->width = (double) logical.width / PANGO_SCALE;
      e->height = (double) logical.height / PANGO_SCALE;
      g_object_set_qdata_full (G_OBJECT (layout), quark, e, g_free);
    }

  return e;
}

static double
layout_width (PangoLayout *layout)
{
  return layout_extents (layout)->width;
}

static double
layout_height (PangoLayout *layout)
{
  return layout_extents (layout)->height;
}

static void
text_size (PangoLayout *layout,
           double      *width,
           double      *height)
{
  const Extents *e = layout_extents (layout);

  if (width != NULL)
    *width = e->width;
  if (height != NULL)
    *height = e->height;
}

/* Draws @layout with its logical box's top-left at (@x, @y) */
static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           double       x,
           double       y)
{
  const Extents *e = layout_extents (layout);

  cairo_move_to (cr, x - e->x, y - e->y);
  pango_cairo_show_layout (cr, layout);
}

/* At most @max_lines paragraphs (0: any number) and @max_chars
 * characters of @text, with "…" where it was cut.  Pango limits lines per
 * paragraph, not per layout, so a text of a thousand short lines must be
 * cut here; and only as much text as could show is then laid out, so a
 * pasted essay costs no more than a sentence. */
static char *
clip_text (const char *text,
           int         max_lines,
           glong       max_chars)
{
  const char *p = text;
  int lines = 1;
  glong chars = 0;

  if (text == NULL)
    return g_strdup ("");

  while (*p != '\0')
    {
      if (*p == '\n' || *p == '\r')
        {
          /* "\r\n" is one break */
          if (*p == '\r' && p[1] == '\n')
            p++;
          if (max_lines > 0 && ++lines > max_lines)
            break;
        }
      if (chars >= max_chars)
        break;
      p = g_utf8_next_char (p);
      chars++;
    }

  if (*p == '\0')
    return g_strdup (text);

  return g_strdup_printf ("%.*s…", (int) (p - text), text);
}

/* @text on one line, newlines as spaces, at most @max_chars characters */
static char *
one_line (const char *text,
          glong       max_chars)
{
  g_autofree char *clipped = clip_text (text, 0, max_chars);

  return g_strdelimit (g_steal_pointer (&clipped), "\r\n", ' ');
}

/* ---- numbers ----------------------------------------------------------- */

/* A signed number with a real minus sign (U+2212) and a plus */
static char *
format_signed (double value,
               int    decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buffer, sizeof buffer, format, fabs (value));

  if (value <= -0.5 * pow (10, -decimals))
    return g_strdup_printf ("−%s", buffer);
  if (value >= 0.5 * pow (10, -decimals))
    return g_strdup_printf ("+%s", buffer);
  return g_strdup (buffer);
}

static char *
format_decimal (double value,
                int    decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

/* The number a mode prints for @value */
static char *
format_mode_value (TlMatrixMode mode,
                   double       value)
{
  switch (mode)
    {
    case TL_MATRIX_MODE_GAP:
      return format_signed (value, 0);
    case TL_MATRIX_MODE_EVIDENCE:
      return g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) value);
    case TL_MATRIX_MODE_RATING:
      return format_decimal (value, 1);
    case TL_MATRIX_MODE_TEMPERATURE:
      return format_decimal (value, value >= 1000 ? 0 : 1);
    case TL_MATRIX_MODE_CURRENT:
    case TL_MATRIX_MODE_TARGET:
    case TL_MATRIX_MODE_PLAIN:
    case TL_MATRIX_N_MODES:
    default:
      return format_decimal (value, 0);
    }
}

/* "3 → 5" with the score the mode colours by in bold; scores beyond the
 * scale show as its top (tl_document_check() reports them) */
static char *
scores_markup (TlMatrixMode mode,
               guint        current,
               guint        target,
               guint        scale)
{
  g_autofree char *c = current == TL_SCORE_UNSET ? g_strdup ("—") : g_strdup_printf ("%u", MIN (current, scale));
  g_autofree char *t = target == TL_SCORE_UNSET ? NULL : g_strdup_printf ("%u", MIN (target, scale));

  if (t == NULL)
    return mode == TL_MATRIX_MODE_TARGET ? g_strdup_printf ("%s → <b>—</b>", c)
                                         : g_strdup_printf ("<b>%s</b>", c);

  switch (mode)
    {
    case TL_MATRIX_MODE_CURRENT:
      return g_strdup_printf ("<b>%s</b> → %s", c, t);
    case TL_MATRIX_MODE_TARGET:
      return g_strdup_printf ("%s → <b>%s</b>", c, t);
    case TL_MATRIX_MODE_PLAIN:
      return g_strdup_printf ("<b>%s → %s</b>", c, t);
    case TL_MATRIX_MODE_GAP:
    case TL_MATRIX_MODE_EVIDENCE:
    case TL_MATRIX_MODE_RATING:
    case TL_MATRIX_MODE_TEMPERATURE:
    case TL_MATRIX_N_MODES:
    default:
      return g_strdup_printf ("%s → %s", c, t);
    }
}

/* The first line of a cell: the mode's number, then the scores smaller */
static char *
top_markup (Scene     *scene,
            CellScene *cs)
{
  guint current = cs->cell != NULL ? tl_cell_get_current (cs->cell) : TL_SCORE_UNSET;
  guint target = cs->cell != NULL ? tl_cell_get_target (cs->cell) : TL_SCORE_UNSET;
  g_autofree char *scores = scores_markup (scene->mode, current, target, scene->scale);
  g_autofree char *number = NULL;
  g_autofree char *words = NULL;

  switch (scene->mode)
    {
    case TL_MATRIX_MODE_PLAIN:
    case TL_MATRIX_MODE_CURRENT:
    case TL_MATRIX_MODE_TARGET:
      return g_steal_pointer (&scores);
    case TL_MATRIX_MODE_GAP:
    case TL_MATRIX_MODE_EVIDENCE:
    case TL_MATRIX_MODE_RATING:
    case TL_MATRIX_MODE_TEMPERATURE:
    case TL_MATRIX_N_MODES:
    default:
      break;
    }

  switch (cs->value.state)
    {
    case TL_MATRIX_VALUE_SET:
      number = format_mode_value (scene->mode, cs->value.value);
      return g_strdup_printf ("<b>%s</b>  <span size='smaller'>%s</span>", number, scores);
    case TL_MATRIX_VALUE_NO_EVIDENCE:
      words = g_markup_escape_text (_("No evidence"), -1);
      return g_strdup_printf ("<b>%s</b>  <span size='smaller'>%s</span>", words, scores);
    case TL_MATRIX_VALUE_NO_RATING:
      words = g_markup_escape_text (_("No ratings"), -1);
      return g_strdup_printf ("<b>%s</b>  <span size='smaller'>%s</span>", words, scores);
    case TL_MATRIX_VALUE_NOT_SCORED:
    case TL_MATRIX_VALUE_NONE:
    default:
      return g_strdup_printf ("<b>—</b>  <span size='smaller'>%s</span>", scores);
    }
}

/* ---- scene ------------------------------------------------------------- */

static void
header_clear (gpointer data)
{
  Header *header = data;

  g_clear_object (&header->header);
  g_clear_object (&header->label);
  for (guint i = 0; i < G_N_ELEMENTS (header->sum_lines); i++)
    g_clear_object (&header->sum_lines[i]);
}

static void
legend_item_clear (gpointer data)
{
  LegendItem *item = data;

  g_clear_object (&item->text);
  g_clear_object (&item->text2);
}

static void
scene_free (Scene *scene)
{
  if (scene->cells != NULL)
    for (guint i = 0; i < scene->rows->len * scene->cols->len; i++)
      {
        CellScene *cs = &scene->cells[i];

        g_clear_object (&cs->cell);
        g_clear_object (&cs->top);
        g_clear_object (&cs->description);
        g_clear_object (&cs->owner);
        g_clear_object (&cs->count);
      }
  g_clear_pointer (&scene->cells, g_free);
  g_clear_object (&scene->context);
  _tl_render_heading_clear (&scene->heading);
  g_clear_object (&scene->corner_types);
  g_clear_object (&scene->corner_layers);
  g_clear_object (&scene->per_layer);
  g_clear_object (&scene->per_type);
  g_clear_pointer (&scene->legend, g_array_unref);
  g_clear_pointer (&scene->bubbles, g_array_unref);
  g_clear_pointer (&scene->rows, g_array_unref);
  g_clear_pointer (&scene->cols, g_array_unref);
  g_clear_pointer (&scene->summary, tl_matrix_summary_free);
  _tl_render_kept_clear (&scene->kept);
  g_free (scene->kept_selection);
  g_free (scene);
}

static void
add_headers (Scene      *scene,
             GListModel *model,
             GArray     *into)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      Header h = { 0 };

      h.header = g_list_model_get_item (model, i);
      g_array_append_val (into, h);
    }
}

static PangoLayout *
header_label (Scene          *scene,
              TlMatrixHeader *header,
              double          width,
              int             max_lines)
{
  g_autofree char *label = max_lines > 0 ? clip_text (tl_matrix_header_get_label (header), max_lines, 400)
                                         : one_line (tl_matrix_header_get_label (header), 100);

  return layout_get (scene, TL_THEME_FONT_LABEL, 1.0,
                     tl_matrix_header_get_key (header) ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                     FALSE, label, width, max_lines);
}

/* @format (translated, with one "%s") as markup, @value in bold where
 * the "%s" was */
static char *
markup_with_bold (const char *format,
                  const char *value)
{
  g_auto(GStrv) parts = g_strsplit (format, "%s", 2);
  g_autofree char *before = g_markup_escape_text (parts[0] != NULL ? parts[0] : "", -1);
  g_autofree char *after = g_markup_escape_text (parts[0] != NULL && parts[1] != NULL ? parts[1] : "", -1);
  g_autofree char *bold = g_markup_escape_text (value, -1);

  return g_strdup_printf ("%s<b>%s</b>%s", before, bold, after);
}

/* The summary of a row or column as markup: "avg 3.2", "gap +1.0" and the
 * count */
static void
summary_texts (const TlMatrixTally *tally,
               char               **average,
               char               **gap,
               char               **count)
{
  double avg = tl_matrix_tally_average_current (tally);
  double g = tl_matrix_tally_average_gap (tally);
  g_autofree char *avg_number = isnan (avg) ? g_strdup ("—") : format_decimal (avg, 1);
  g_autofree char *gap_number = isnan (g) ? g_strdup ("—") : format_signed (g, 1);

  /* Translators: the average current score of a row or column of the
   * matrix, e.g. "avg 3.2"; keep it short */
  *average = markup_with_bold (_("avg %s"), avg_number);
  /* Translators: the average gap (target − current) of a row or column,
   * e.g. "gap +1.0"; keep it short */
  *gap = markup_with_bold (_("gap %s"), gap_number);
  *count = g_strdup_printf ("<b>%" G_GUINT64_FORMAT "</b>", tally->evidence);
}

/* Width of the speech bubble that stands for linked feedback */
static double
bubble_width (Scene *scene)
{
  return tl_theme_get_font_size (scene->theme, TL_THEME_FONT_SMALL) * 1.05 + 3;
}

/* A speech bubble, for linked feedback: a rounded box with a tail at its
 * lower left */
static void
bubble_path (cairo_t *cr,
             double   x,
             double   y,
             double   size)
{
  double w = size * 1.05, h = size * 0.75;

  _tl_render_rounded_rect (cr, x, y, w, h, h * 0.3);
  cairo_move_to (cr, x + w * 0.22, y + h - 0.5);
  cairo_line_to (cr, x + w * 0.18, y + h + size * 0.28);
  cairo_line_to (cr, x + w * 0.48, y + h - 0.5);
  cairo_close_path (cr);
}

static void
draw_bubble (cairo_t       *cr,
             double         x,
             double         y,
             double         size,
             const TlColor *color,
             double         alpha)
{
  bubble_path (cr, x, y, size);
  _tl_render_set_color (cr, color, alpha);
  cairo_fill (cr);
}

/* ▲ (@up) or ▼ centred on (@cx, @cy) */
static void
draw_mark (cairo_t       *cr,
           double         cx,
           double         cy,
           double         size,
           gboolean       up,
           const TlColor *color)
{
  double half = size * 0.62;

  cairo_new_sub_path (cr);
  if (up)
    {
      cairo_move_to (cr, cx, cy - half);
      cairo_line_to (cr, cx + half * 1.1, cy + half * 0.8);
      cairo_line_to (cr, cx - half * 1.1, cy + half * 0.8);
    }
  else
    {
      cairo_move_to (cr, cx, cy + half);
      cairo_line_to (cr, cx + half * 1.1, cy - half * 0.8);
      cairo_line_to (cr, cx - half * 1.1, cy - half * 0.8);
    }
  cairo_close_path (cr);
  _tl_render_set_color (cr, color, 1.0);
  cairo_fill (cr);
}

static void
draw_hatch (cairo_t       *cr,
            double         x,
            double         y,
            double         w,
            double         h,
            const TlColor *color,
            double         alpha)
{
  /* Diagonals on a fixed grid of the page, so neighbouring cells line up */
  double start = floor ((x - h) / HATCH_STEP) * HATCH_STEP;

  for (double d = start; d < x + w; d += HATCH_STEP)
    {
      cairo_move_to (cr, d, y + h);
      cairo_line_to (cr, d + h, y);
    }
  cairo_set_line_width (cr, 1.0);
  _tl_render_set_color (cr, color, alpha);
  cairo_stroke (cr);
}

/* A rounded rectangle to fill, in user space */
typedef struct {
  double x, y, w, h, radius;
} TlRoundedBox;

static void
inset_boxes (TlRoundedBox *boxes,
             guint         n_boxes,
             double        by)
{
  for (guint i = 0; i < n_boxes; i++)
    {
      boxes[i].x += by;
      boxes[i].y += by;
      boxes[i].w = MAX (boxes[i].w - 2 * by, 0);
      boxes[i].h = MAX (boxes[i].h - 2 * by, 0);
      boxes[i].radius = MAX (boxes[i].radius - by, 0);
    }
}

/* Fills @boxes with the current source.  Where the drawing is not rotated
 * (the screen, images, pages), each box is snapped to device pixels and
 * split into three rectangles and four corners: cairo fills rectangles on
 * whole pixels as fast as memory can be written, and leaves the curves,
 * a few pixels each, to its general rasterizer.  Rounded rectangles of
 * the page's size, filled as curves, cost several times more. */
static void
fill_rounded_boxes (cairo_t            *cr,
                    const TlRoundedBox *boxes,
                    guint               n_boxes)
{
  cairo_matrix_t m;
  g_autofree double *snapped = NULL;   /* x0, y0, x1, y1, r per box */

  if (n_boxes == 0)
    return;

  cairo_get_matrix (cr, &m);
  if (m.xy != 0 || m.yx != 0 || m.xx <= 0 || m.yy <= 0)
    {
      for (guint i = 0; i < n_boxes; i++)
        _tl_render_rounded_rect (cr, boxes[i].x, boxes[i].y, boxes[i].w, boxes[i].h, boxes[i].radius);
      cairo_fill (cr);
      return;
    }

  snapped = g_new (double, 5 * n_boxes);
  for (guint i = 0; i < n_boxes; i++)
    {
      double *d = &snapped[5 * i];
      double x0 = boxes[i].x, y0 = boxes[i].y, x1 = boxes[i].x + boxes[i].w, y1 = boxes[i].y + boxes[i].h;
      double r = boxes[i].radius, ry = boxes[i].radius;

      cairo_user_to_device (cr, &x0, &y0);
      cairo_user_to_device (cr, &x1, &y1);
      cairo_user_to_device_distance (cr, &r, &ry);
      d[0] = round (x0);
      d[1] = round (y0);
      d[2] = MAX (round (x1), d[0] + 1);
      d[3] = MAX (round (y1), d[1] + 1);
      d[4] = MIN (round (MIN (r, ry)), floor (MIN (d[2] - d[0], d[3] - d[1]) / 2));
    }

  cairo_save (cr);
  cairo_identity_matrix (cr);

  for (guint i = 0; i < n_boxes; i++)
    {
      double *d = &snapped[5 * i];

      cairo_rectangle (cr, d[0], d[1] + d[4], d[2] - d[0], d[3] - d[1] - 2 * d[4]);
      if (d[4] > 0)
        {
          cairo_rectangle (cr, d[0] + d[4], d[1], d[2] - d[0] - 2 * d[4], d[4]);
          cairo_rectangle (cr, d[0] + d[4], d[3] - d[4], d[2] - d[0] - 2 * d[4], d[4]);
        }
    }
  cairo_fill (cr);

  /* A corner a few pixels across needs no finer curve than this */
  cairo_set_tolerance (cr, 0.25);
  for (guint i = 0; i < n_boxes; i++)
    {
      double *d = &snapped[5 * i];
      double r = d[4];

      if (r <= 0)
        continue;
      cairo_move_to (cr, d[0] + r, d[1] + r);
      cairo_arc (cr, d[0] + r, d[1] + r, r, G_PI, 1.5 * G_PI);
      cairo_close_path (cr);
      cairo_move_to (cr, d[2] - r, d[1] + r);
      cairo_arc (cr, d[2] - r, d[1] + r, r, 1.5 * G_PI, 2 * G_PI);
      cairo_close_path (cr);
      cairo_move_to (cr, d[2] - r, d[3] - r);
      cairo_arc (cr, d[2] - r, d[3] - r, r, 0, 0.5 * G_PI);
      cairo_close_path (cr);
      cairo_move_to (cr, d[0] + r, d[3] - r);
      cairo_arc (cr, d[0] + r, d[3] - r, r, 0.5 * G_PI, G_PI);
      cairo_close_path (cr);
    }
  cairo_fill (cr);

  cairo_restore (cr);
}

static void
prepare_cell (Scene     *scene,
              CellScene *cs,
              guint      row,
              guint      col,
              GPtrArray *weakest,
              GPtrArray *strongest)
{
  TlTheme *theme = scene->theme;
  Header *layer = &g_array_index (scene->rows, Header, row);
  Header *type = &g_array_index (scene->cols, Header, col);
  TlCell *cell = tl_document_lookup_cell (scene->document,
                                          tl_matrix_header_get_id (layer->header),
                                          tl_matrix_header_get_id (type->header));
  double y = scene->grid_y + row * scene->cell_h;
  double w = scene->cell_w - GUTTER, h = scene->cell_h - GUTTER;
  double inner_w = MAX (w - 2 * CELL_PAD, 1);
  double badges_w = 0, count_w, top_bottom, footer_h = 0, room;
  g_autofree char *top = NULL;
  const char *description;
  PangoRectangle ink, logical;

  cs->cell = cell != NULL ? g_object_ref (cell) : NULL;
  cs->key = cell != NULL && tl_cell_get_key (cell);
  cs->text_alpha = 1.0;

  if (cell != NULL)
    tl_matrix_cell_get_value (scene->document, cell, scene->mode, &scene->range, &cs->value);
  else
    cs->value = (TlMatrixValue) { scene->mode == TL_MATRIX_MODE_PLAIN ? TL_MATRIX_VALUE_NONE
                                                                      : TL_MATRIX_VALUE_NOT_SCORED, 0, NAN };

  if (cell != NULL)
    for (guint i = 0; i < weakest->len; i++)
      if (g_strcmp0 (g_ptr_array_index (weakest, i), tl_cell_get_id (cell)) == 0)
        cs->mark = -1;
  if (cell != NULL)
    for (guint i = 0; i < strongest->len; i++)
      if (g_strcmp0 (g_ptr_array_index (strongest, i), tl_cell_get_id (cell)) == 0)
        cs->mark = 1;

  switch (cs->value.state)
    {
    case TL_MATRIX_VALUE_SET:
      tl_theme_heat_color (theme, scene->heat, cs->value.position, &cs->fill);
      tl_theme_text_on (theme, &cs->fill, &cs->ink);
      cs->text_alpha = 0.9;
      break;
    case TL_MATRIX_VALUE_NONE:
      /* Plain: cards on the page, as the headers are */
      cs->fill = *tl_theme_get_color (theme, TL_THEME_SURFACE);
      cs->ink = *tl_theme_get_text (theme);
      cs->border = TRUE;
      cs->text_alpha = 0.85;
      break;
    case TL_MATRIX_VALUE_NO_EVIDENCE:
    case TL_MATRIX_VALUE_NO_RATING:
      /* Honest absence: neither the low end of the scale nor zero */
      cs->hatched = TRUE;
      G_GNUC_FALLTHROUGH;
    case TL_MATRIX_VALUE_NOT_SCORED:
    default:
      cs->fill = *tl_theme_get_color (theme, TL_THEME_UNSET_CELL);
      cs->ink = *tl_theme_get_muted_text (theme);
      cs->border = TRUE;
      break;
    }

  /* The badges at the top right: the key star and the ▲/▼ mark */
  if (cs->key)
    badges_w += 16;
  if (cs->mark != 0)
    badges_w += 16;
  cs->badges_w = badges_w;

  {
    const TlEvidence *evidence = cell != NULL
                                 ? tl_document_get_evidence (scene->document, "cell", tl_cell_get_id (cell))
                                 : NULL;
    g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, evidence != NULL ? evidence->count : 0);

    cs->count = layout_get (scene, TL_THEME_FONT_SMALL, 1.0, PANGO_WEIGHT_BOLD, FALSE, count, 0, 0);
    count_w = layout_width (cs->count) + bubble_width (scene);
  }

  top = top_markup (scene, cs);
  cs->top = layout_get (scene, TL_THEME_FONT_BODY, 1.1, PANGO_WEIGHT_NORMAL, TRUE, top,
                        MAX (inner_w - badges_w, 1), 1);
  /* Placed by its ink, not its line box: CJK fonts have tall line boxes,
   * and the cell's height is precious. */
  pango_layout_get_extents (cs->top, &ink, &logical);
  cs->top_offset = (double) (ink.y - logical.y) / PANGO_SCALE;
  cs->top_ink_h = (double) ink.height / PANGO_SCALE;
  top_bottom = y + CELL_PAD + cs->top_ink_h + 3;

  /* The footer (the owner team on the left, the linked feedback on the
   * right) when the cell has room for it and a line of description;
   * else the description comes first: the count moves up beside the
   * badges, and the owner is left to the side pane. */
  description = cell != NULL ? tl_cell_get_description (cell) : NULL;
  footer_h = scene->small_line_h;
  {
    double room_with_footer = y + h - 3 - footer_h - 1 - top_bottom;
    double room_without = y + h - 2 - 1 - top_bottom;
    gboolean has_description = description != NULL && *description != '\0';

    cs->count_on_top = room_with_footer < 0 ||
                       (has_description && room_with_footer < scene->small_line_h * 0.9 &&
                        room_without >= scene->small_line_h * 0.9);
  }

  if (cs->count_on_top)
    {
      /* The first line makes room for the count; its height stays */
      g_clear_object (&cs->top);
      cs->top = layout_get (scene, TL_THEME_FONT_BODY, 1.1, PANGO_WEIGHT_NORMAL, TRUE, top,
                            MAX (inner_w - badges_w - count_w - 6, 1), 1);
    }

  if (!cs->count_on_top && top_bottom + footer_h <= y + h - 3)
    {
      const char *owner = cell != NULL ? tl_cell_get_owner (cell) : NULL;

      if (owner != NULL && *owner != '\0' && inner_w - count_w - 14 > 12)
        {
          g_autofree char *label = one_line (tl_owner_team_label (owner, scene->language), 200);

          cs->owner = layout_get (scene, TL_THEME_FONT_SMALL, 1.0, PANGO_WEIGHT_NORMAL, FALSE,
                                  label, inner_w - count_w - 14, 1);
        }
      cs->footer_y = y + h - 3 - footer_h;
    }
  else
    {
      cs->count_on_top = TRUE;
      cs->footer_y = y + h - 2;
    }

  /* The description: as many whole lines as fit between, the last one
   * ending in "…".  Only as much text as could show is laid out, so a
   * pasted essay costs no more than a sentence. */
  room = cs->footer_y - 1 - top_bottom;
  cs->description_y = top_bottom;
  if (description != NULL && *description != '\0' && room >= scene->small_line_h * 0.9)
    {
      int lines = MAX ((int) floor ((room + 1) / scene->small_line_h), 1);

      for (; lines >= 1; lines--)
        {
          /* No glyph is narrower than two units */
          g_autofree char *shown = clip_text (description, lines, (glong) lines * (glong) ceil (inner_w / 2) + 1);

          g_clear_object (&cs->description);
          cs->description = layout_get (scene, TL_THEME_FONT_SMALL, 1.0, PANGO_WEIGHT_NORMAL, FALSE,
                                        shown, inner_w, lines);
          if (layout_height (cs->description) <= room + 2)
            break;
        }
      if (lines < 1)
        g_clear_object (&cs->description);
    }
}

static void
prepare_summaries (Scene  *scene,
                   GArray *headers,
                   gboolean layers)
{
  for (guint i = 0; i < headers->len; i++)
    {
      Header *h = &g_array_index (headers, Header, i);
      const TlMatrixTally *tally = layers ? &scene->summary->layers[i] : &scene->summary->types[i];
      int weakest = layers ? scene->summary->weakest_layer : scene->summary->weakest_type;
      int strongest = layers ? scene->summary->strongest_layer : scene->summary->strongest_type;
      g_autofree char *average = NULL;
      g_autofree char *gap = NULL;
      g_autofree char *count = NULL;

      summary_texts (tally, &average, &gap, &count);
      if (layers)
        {
          h->sum_lines[0] = layout_get (scene, TL_THEME_FONT_SMALL, SUMMARY_SCALE, PANGO_WEIGHT_NORMAL, TRUE,
                                        average, 0, 0);
          h->sum_lines[1] = layout_get (scene, TL_THEME_FONT_SMALL, SUMMARY_SCALE, PANGO_WEIGHT_NORMAL, TRUE,
                                        gap, 0, 0);
        }
      else
        {
          g_autofree char *both = g_strdup_printf ("%s  %s", average, gap);

          h->sum_lines[0] = layout_get (scene, TL_THEME_FONT_SMALL, SUMMARY_SCALE, PANGO_WEIGHT_NORMAL, TRUE,
                                        both, 0, 0);
        }
      h->sum_lines[2] = layout_get (scene, TL_THEME_FONT_SMALL, SUMMARY_SCALE, PANGO_WEIGHT_NORMAL, TRUE,
                                    count, 0, 0);

      if (scene->mode != TL_MATRIX_MODE_PLAIN)
        h->sum_mark = (int) i == weakest ? -1 : (int) i == strongest ? 1 : 0;
    }
}

static void
legend_add (Scene       *scene,
            LegendKind   kind,
            const char  *text,
            const char  *text2)
{
  LegendItem item = { kind, NULL, NULL, 0, 0, FALSE };
  double small = tl_theme_get_font_size (scene->theme, TL_THEME_FONT_SMALL);

  if (text != NULL)
    item.text = layout_get (scene, TL_THEME_FONT_SMALL, 1.0,
                            kind == LEGEND_MODE ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                            FALSE, text, 0, 0);
  if (text2 != NULL)
    item.text2 = layout_get (scene, TL_THEME_FONT_SMALL, 1.0, PANGO_WEIGHT_NORMAL, FALSE, text2, 0, 0);

  switch (kind)
    {
    case LEGEND_MODE:
    case LEGEND_SCORES:
      item.w = layout_width (item.text);
      break;
    case LEGEND_BAR:
      item.w = layout_width (item.text) + 6 + LEGEND_BAR_W + 6 + layout_width (item.text2);
      break;
    case LEGEND_NOT_SCORED:
    case LEGEND_NO_EVIDENCE:
      item.w = SWATCH_W + 6 + layout_width (item.text);
      break;
    case LEGEND_MARKS:
      item.w = small + 4 + layout_width (item.text) + 12 + small + 4 + layout_width (item.text2);
      break;
    case LEGEND_KEY:
      item.w = small * 1.2 + 4 + layout_width (item.text);
      break;
    case LEGEND_COUNT:
      item.w = bubble_width (scene) + 2 + layout_width (item.text);
      break;
    default:
      break;
    }

  g_array_append_val (scene->legend, item);
}

static void
prepare_legend (Scene *scene)
{
  double x = MARGIN;

  scene->legend = g_array_new (FALSE, TRUE, sizeof (LegendItem));
  g_array_set_clear_func (scene->legend, legend_item_clear);

  if (scene->has_heat)
    {
      g_autofree char *low = NULL;
      g_autofree char *high = NULL;

      legend_add (scene, LEGEND_MODE, tl_matrix_mode_get_label (scene->mode), NULL);
      low = format_mode_value (scene->mode, scene->range.min);
      high = format_mode_value (scene->mode, scene->range.max);
      legend_add (scene, LEGEND_BAR, low, high);
    }

  if (tl_matrix_mode_is_evidence (scene->mode))
    legend_add (scene, LEGEND_NO_EVIDENCE, _("no evidence linked"), NULL);
  else if (scene->mode != TL_MATRIX_MODE_PLAIN)
    legend_add (scene, LEGEND_NOT_SCORED, _("not scored"), NULL);

  if (tl_matrix_mode_is_score (scene->mode))
    legend_add (scene, LEGEND_MARKS, _("strongest"), _("weakest"));

  legend_add (scene, LEGEND_KEY, _("key touchpoint or experience"), NULL);
  legend_add (scene, LEGEND_COUNT, _("linked feedback items"), NULL);
  legend_add (scene, LEGEND_SCORES, _("3 → 5: current score → target score"), NULL);

  /* Left to right; an item that does not fit is left out, never cut */
  for (guint i = 0; i < scene->legend->len; i++)
    {
      LegendItem *item = &g_array_index (scene->legend, LegendItem, i);

      if (x + item->w > scene->width - MARGIN && item->kind != LEGEND_MODE && item->kind != LEGEND_BAR)
        continue;
      item->x = x;
      item->shown = TRUE;
      x += item->w + (item->kind == LEGEND_MODE ? 10 : LEGEND_SPACING);

      if (item->kind == LEGEND_BAR)
        {
          scene->bar_x = item->x + layout_width (item->text) + 6;
          scene->bar_w = LEGEND_BAR_W;
        }
    }

  scene->legend_h = MAX (MAX (SWATCH_H, LEGEND_BAR_H) + 4, scene->small_line_h);
}

/* The scale of the drawing.  As every page, the natural size scaled to
 * fit; but a small window (1024 × 600) would shrink 12-unit text below
 * what anyone reads, so the matrix keeps its text at least MIN_UNIT of
 * natural size and lays itself out in the natural units that leaves
 * (fewer lines of description), down to MIN_WIDTH × MIN_HEIGHT of them. */
#define MIN_UNIT   0.85
#define MIN_WIDTH  1000.0
#define MIN_HEIGHT 600.0

static double
matrix_unit (double width,
             double height)
{
  double unit = _tl_render_unit (width, height);

  if (unit <= 0 || unit >= MIN_UNIT)
    return unit;

  return MAX (unit, MIN (MIN_UNIT, MIN (MAX (width, height) / MIN_WIDTH, MIN (width, height) / MIN_HEIGHT)));
}

static Scene *
scene_new (TlMatrixPainter *self,
           double           width,
           double           height)
{
  Scene *scene = g_new0 (Scene, 1);
  double heading_h, top, row_header_w = ROW_HEADER_MIN, col_header_h = 0;
  double grid_w, grid_h, summary_w = SUMMARY_MIN;
  guint n_rows, n_cols;
  g_autoptr(GPtrArray) weakest = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) strongest = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PangoLayout) probe = NULL;
  g_autofree char *title = NULL;

  scene->painter = self;
  scene->document = tl_painter_get_document (TL_PAINTER (self));
  scene->theme = tl_painter_get_theme (TL_PAINTER (self));
  scene->language = tl_document_get_language (scene->document);
  scene->scale = tl_document_get_score_scale (scene->document);
  scene->mode = self->mode;
  scene->unit = matrix_unit (width, height);
  scene->rows = g_array_new (FALSE, TRUE, sizeof (Header));
  g_array_set_clear_func (scene->rows, header_clear);
  scene->cols = g_array_new (FALSE, TRUE, sizeof (Header));
  g_array_set_clear_func (scene->cols, header_clear);
  scene->bubbles = g_array_new (FALSE, FALSE, sizeof (Bubble));

  if (scene->unit <= 0)
    return scene;

  scene->width = width / scene->unit;
  scene->height = height / scene->unit;
  scene->context = g_object_ref (painter_context (self, scene->language));
  scene->has_heat = tl_matrix_mode_get_heat_scale (scene->mode, &scene->heat);
  tl_matrix_mode_get_range (scene->document, scene->mode, &scene->range);
  scene->summary = tl_matrix_summary_new (scene->document);
  tl_matrix_get_extremes (scene->document, scene->mode, weakest, strongest);

  /* The height of a line of small text, Latin and CJK */
  probe = layout_get (scene, TL_THEME_FONT_SMALL, 1.0, PANGO_WEIGHT_NORMAL, FALSE, "Ag国“”", 0, 0);
  scene->small_line_h = layout_height (probe);

  /* One line: the heading limits lines per paragraph */
  title = one_line (tl_document_get_title (scene->document), 400);
  heading_h = _tl_render_heading_init (&scene->heading, scene->context, scene->theme, scene->language,
                                       title, 1,
                                       _("Experience matrix: touchpoint layers × experience types"),
                                       scene->width - 2 * MARGIN);
  top = MARGIN + heading_h + TITLE_GAP;

  add_headers (scene, tl_document_get_layers (scene->document), scene->rows);
  add_headers (scene, tl_document_get_types (scene->document), scene->cols);
  n_rows = MAX (scene->rows->len, 1);
  n_cols = MAX (scene->cols->len, 1);

  prepare_legend (scene);
  scene->legend_y = scene->height - MARGIN - scene->legend_h;

  /* The row headers take what their longest label needs, within limits;
   * longer labels wrap. */
  for (guint i = 0; i < scene->rows->len; i++)
    {
      Header *h = &g_array_index (scene->rows, Header, i);
      g_autoptr(PangoLayout) label = header_label (scene, h->header, 0, 0);

      row_header_w = MAX (row_header_w, ceil (layout_width (label)) + 1 + GUTTER + 2 * HEADER_PAD +
                                        STAR_SPACE + ACCENT_BAR);
    }
  row_header_w = MIN (row_header_w, ROW_HEADER_MAX);

  /* The summary column takes what its longest line needs */
  prepare_summaries (scene, scene->rows, TRUE);
  prepare_summaries (scene, scene->cols, FALSE);
  scene->per_layer = layout_get (scene, TL_THEME_FONT_SMALL, 1.0, PANGO_WEIGHT_BOLD, FALSE,
                                 _("Per layer"), 0, 0);
  scene->per_type = layout_get (scene, TL_THEME_FONT_SMALL, 1.0, PANGO_WEIGHT_BOLD, FALSE,
                                _("Per type"), 0, 0);
  summary_w = MAX (summary_w, layout_width (scene->per_layer) + 2 * SUMMARY_PAD + GUTTER);
  for (guint i = 0; i < scene->rows->len; i++)
    {
      Header *h = &g_array_index (scene->rows, Header, i);
      double w = MAX (layout_width (h->sum_lines[0]) + 16, layout_width (h->sum_lines[1]));

      w = MAX (w, layout_width (h->sum_lines[2]) + bubble_width (scene));
      summary_w = MAX (summary_w, ceil (w) + 2 * SUMMARY_PAD + GUTTER + 1);
    }
  scene->summary_w = MIN (summary_w, SUMMARY_MAX);

  grid_w = scene->width - 2 * MARGIN - row_header_w - scene->summary_w;
  scene->cell_w = MAX (grid_w / n_cols, 1.0);

  for (guint i = 0; i < scene->cols->len; i++)
    {
      Header *h = &g_array_index (scene->cols, Header, i);

      h->label = header_label (scene, h->header,
                               MAX (scene->cell_w - GUTTER - 2 * HEADER_PAD - STAR_SPACE, 1), 2);
      text_size (h->label, &h->label_w, &h->label_h);
      col_header_h = MAX (col_header_h, h->label_h + 2 * 7 + ACCENT_BAR);
    }
  col_header_h = MAX (col_header_h, 40.0);

  /* The type summaries on one line when every one fits, else on two */
  scene->summary_one_line = TRUE;
  for (guint i = 0; i < scene->cols->len; i++)
    {
      Header *h = &g_array_index (scene->cols, Header, i);

      if (layout_width (h->sum_lines[0]) + 18 + 22 + bubble_width (scene) + layout_width (h->sum_lines[2]) >
          scene->cell_w - GUTTER - 2 * SUMMARY_PAD)
        scene->summary_one_line = FALSE;
    }
  scene->summary_h = (scene->summary_one_line ? 1 : 2) * scene->small_line_h * SUMMARY_SCALE + 2 * 5 + GUTTER;

  scene->grid_x = MARGIN + row_header_w;
  scene->grid_y = top + col_header_h;
  grid_h = scene->legend_y - LEGEND_GAP - scene->summary_h - scene->grid_y;
  scene->cell_h = MAX (grid_h / n_rows, 1.0);

  for (guint i = 0; i < scene->rows->len; i++)
    {
      Header *h = &g_array_index (scene->rows, Header, i);
      double max_lines = floor ((scene->cell_h - GUTTER - 8) /
                                (tl_theme_get_font_size (scene->theme, TL_THEME_FONT_LABEL) * 1.4));

      h->label = header_label (scene, h->header,
                               MAX (row_header_w - GUTTER - 2 * HEADER_PAD - STAR_SPACE - ACCENT_BAR, 1),
                               MAX ((int) max_lines, 1));
      text_size (h->label, &h->label_w, &h->label_h);
      h->x = MARGIN;
      h->y = scene->grid_y + i * scene->cell_h;
      h->w = row_header_w - GUTTER;
      h->h = scene->cell_h - GUTTER;
      h->sx = scene->grid_x + scene->cols->len * scene->cell_w;
      h->sy = h->y;
      h->sw = scene->summary_w - GUTTER;
      h->sh = h->h;
    }

  for (guint i = 0; i < scene->cols->len; i++)
    {
      Header *h = &g_array_index (scene->cols, Header, i);

      h->x = scene->grid_x + i * scene->cell_w;
      h->y = top;
      h->w = scene->cell_w - GUTTER;
      h->h = col_header_h - GUTTER;
      h->sx = h->x;
      h->sy = scene->grid_y + scene->rows->len * scene->cell_h;
      h->sw = h->w;
      h->sh = scene->summary_h - GUTTER;
    }

  if (scene->rows->len > 0 && scene->cols->len > 0)
    {
      scene->cells = g_new0 (CellScene, scene->rows->len * scene->cols->len);
      for (guint r = 0; r < scene->rows->len; r++)
        for (guint c = 0; c < scene->cols->len; c++)
          prepare_cell (scene, &scene->cells[r * scene->cols->len + c], r, c, weakest, strongest);
    }

  scene->corner_types = layout_get (scene, TL_THEME_FONT_SMALL, 1.0, PANGO_WEIGHT_NORMAL, FALSE,
                                    _("Experience type →"), MAX (row_header_w - GUTTER - 8, 1), 1);
  scene->corner_layers = layout_get (scene, TL_THEME_FONT_SMALL, 1.0, PANGO_WEIGHT_NORMAL, FALSE,
                                     _("Touchpoint layer ↓"), MAX (row_header_w - GUTTER - 8, 1), 1);

  return scene;
}

static void
drop_scene (TlMatrixPainter *self)
{
  g_clear_pointer (&self->scene, scene_free);
}

/* The scene of a @width × @height drawing, owned by the painter */
static Scene *
scene_get (TlMatrixPainter *self,
           double           width,
           double           height)
{
  if (self->scene != NULL &&
      (self->scene_width != width || self->scene_height != height))
    drop_scene (self);

  if (self->scene == NULL)
    {
      self->scene = scene_new (self, width, height);
      self->scene_width = width;
      self->scene_height = height;
    }

  return self->scene;
}

static gboolean
scene_cell_rect (Scene  *scene,
                 guint   row,
                 guint   col,
                 double *x,
                 double *y,
                 double *w,
                 double *h)
{
  if (row >= scene->rows->len || col >= scene->cols->len)
    return FALSE;

  *x = scene->grid_x + col * scene->cell_w;
  *y = scene->grid_y + row * scene->cell_h;
  *w = scene->cell_w - GUTTER;
  *h = scene->cell_h - GUTTER;
  return TRUE;
}

static int
find_header (GArray     *headers,
             const char *id)
{
  for (guint i = 0; i < headers->len; i++)
    if (g_strcmp0 (tl_matrix_header_get_id (g_array_index (headers, Header, i).header), id) == 0)
      return i;
  return -1;
}

/* ---- drawing ----------------------------------------------------------- */

/* The headers in few operations: a fill or a stroke costs far more than
 * the pixels it touches, so all backgrounds are one path, all outlines
 * another, the accent bars a third. */
static void
header_label_origin (Header  *h,
                     gboolean row,
                     double  *lx,
                     double  *ly)
{
  if (row)
    {
      *lx = h->x + ACCENT_BAR + HEADER_PAD + STAR_SPACE;
      *ly = h->y + (h->h - h->label_h) / 2;
    }
  else
    {
      *lx = h->x + (h->w - h->label_w + STAR_SPACE) / 2;
      *ly = h->y + ACCENT_BAR + (h->h - ACCENT_BAR - h->label_h) / 2;
    }
}

static void
draw_headers (Scene   *scene,
              cairo_t *cr)
{
  TlMatrixPainter *painter = scene->painter;
  TlTheme *theme = scene->theme;
  double size = tl_theme_get_font_size (theme, TL_THEME_FONT_LABEL);
  gboolean any_key = FALSE;

  g_autofree TlRoundedBox *boxes = g_new (TlRoundedBox, scene->rows->len + scene->cols->len + 1);
  guint n_boxes = 0;

  for (guint a = 0; a < 2; a++)
    {
      GArray *headers = a == 0 ? scene->rows : scene->cols;

      for (guint i = 0; i < headers->len; i++)
        {
          Header *h = &g_array_index (headers, Header, i);

          boxes[n_boxes++] = (TlRoundedBox) { h->x, h->y, h->w, h->h, CELL_RADIUS };
          any_key |= tl_matrix_header_get_key (h->header);
        }
    }
  /* The outline is the box in the grid's colour with the card one unit
   * smaller over it: two fast fills instead of a stroke */
  _tl_render_set_color (cr, tl_theme_get_grid (theme), 1.0);
  fill_rounded_boxes (cr, boxes, n_boxes);
  inset_boxes (boxes, n_boxes, 1.0);
  _tl_render_set_color (cr, tl_theme_get_color (theme, TL_THEME_SURFACE), 1.0);
  fill_rounded_boxes (cr, boxes, n_boxes);

  if (any_key)
    {
      /* An accent bar on the side facing the cells a key header heads,
       * inside its rounded outline */
      cairo_save (cr);
      for (guint a = 0; a < 2; a++)
        {
          GArray *headers = a == 0 ? scene->rows : scene->cols;

          for (guint i = 0; i < headers->len; i++)
            {
              Header *h = &g_array_index (headers, Header, i);

              if (tl_matrix_header_get_key (h->header))
                _tl_render_rounded_rect (cr, h->x, h->y, h->w, h->h, CELL_RADIUS);
            }
        }
      cairo_clip (cr);
      for (guint a = 0; a < 2; a++)
        {
          GArray *headers = a == 0 ? scene->rows : scene->cols;

          for (guint i = 0; i < headers->len; i++)
            {
              Header *h = &g_array_index (headers, Header, i);
              double lx, ly, baseline;
              PangoLayoutIter *iter;

              if (!tl_matrix_header_get_key (h->header))
                continue;

              if (a == 0)
                cairo_rectangle (cr, h->x, h->y, ACCENT_BAR, h->h);
              else
                cairo_rectangle (cr, h->x, h->y, h->w, ACCENT_BAR);

              /* and the star before the label */
              header_label_origin (h, a == 0, &lx, &ly);
              iter = pango_layout_get_iter (h->label);
              baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
              pango_layout_iter_free (iter);
              _tl_render_star (cr, lx - STAR_SPACE / 2 - 2, ly + baseline - size * 0.36, size * 0.42);
            }
        }
      _tl_render_set_color (cr, tl_theme_get_accent (theme), 1.0);
      cairo_fill (cr);
      cairo_restore (cr);
    }

  for (guint a = 0; a < 2; a++)
    {
      GArray *headers = a == 0 ? scene->rows : scene->cols;

      for (guint i = 0; i < headers->len; i++)
        {
          Header *h = &g_array_index (headers, Header, i);
          const char *id = tl_matrix_header_get_id (h->header);
          gboolean selected = a == 0 ? painter->selected_type == NULL && g_strcmp0 (painter->selected_layer, id) == 0
                                     : painter->selected_layer == NULL && g_strcmp0 (painter->selected_type, id) == 0;
          double lx, ly;

          header_label_origin (h, a == 0, &lx, &ly);
          _tl_render_set_color (cr, selected ? tl_theme_get_color (theme, TL_THEME_SELECTION)
                                             : tl_theme_get_text (theme), 1.0);
          show_text (cr, h->label, lx, ly);
        }
    }
}

/* Speech bubbles are collected while the text is drawn and filled at the
 * end, one path per colour */
static void
add_bubble (Scene         *scene,
            double         x,
            double         y,
            double         size,
            const TlColor *color,
            double         alpha)
{
  Bubble b = { x, y, size, *color };

  b.color.alpha *= alpha;
  g_array_append_val (scene->bubbles, b);
}

static void
draw_bubbles (Scene   *scene,
              cairo_t *cr)
{
  GArray *bubbles = scene->bubbles;
  g_autofree gboolean *done = g_new0 (gboolean, MAX (bubbles->len, 1));

  for (guint i = 0; i < bubbles->len; i++)
    {
      Bubble *first = &g_array_index (bubbles, Bubble, i);

      if (done[i])
        continue;

      for (guint j = i; j < bubbles->len; j++)
        {
          Bubble *b = &g_array_index (bubbles, Bubble, j);

          if (!done[j] && memcmp (&b->color, &first->color, sizeof b->color) == 0)
            {
              bubble_path (cr, b->x, b->y, b->size);
              done[j] = TRUE;
            }
        }
      _tl_render_set_color (cr, &first->color, 1.0);
      cairo_fill (cr);
    }

  g_array_set_size (bubbles, 0);
}

/* A summary is text on the page, not a card: it is not a cell */
static void
draw_summary (Scene   *scene,
              cairo_t *cr,
              Header  *h,
              gboolean row)
{
  TlTheme *theme = scene->theme;
  const TlColor *ink = tl_theme_get_text (theme);
  const TlColor *muted = tl_theme_get_muted_text (theme);
  double small = tl_theme_get_font_size (theme, TL_THEME_FONT_SMALL) * SUMMARY_SCALE;
  double line = scene->small_line_h * SUMMARY_SCALE;
  double x = h->sx + SUMMARY_PAD, y;
  double widest = MAX (layout_width (h->sum_lines[0]) + (h->sum_mark != 0 ? 16 : 0),
                       layout_width (h->sum_lines[2]) + bubble_width (scene));
  gboolean clip;

  if (row)
    widest = MAX (widest, layout_width (h->sum_lines[1]));
  /* Only a long translation needs the clip */
  clip = widest > h->sw - 2 * SUMMARY_PAD;
  if (clip)
    {
      cairo_save (cr);
      cairo_rectangle (cr, h->sx, h->sy, h->sw, h->sh);
      cairo_clip (cr);
    }

  _tl_render_set_color (cr, ink, 1.0);
  if (row)
    {
      /* Three lines, centred in the row's height */
      double block = MIN (3 * line, h->sh - 4);

      y = h->sy + (h->sh - block) / 2;
      show_text (cr, h->sum_lines[0], x, y);
      if (y + 2 * line <= h->sy + h->sh + 2)
        show_text (cr, h->sum_lines[1], x, y + line);
      if (y + 3 * line <= h->sy + h->sh + 2)
        {
          add_bubble (scene, x, y + 2 * line + (line - small * 0.75) / 2 - 1, small, muted, 1.0);
          show_text (cr, h->sum_lines[2], x + bubble_width (scene), y + 2 * line);
        }
      if (h->sum_mark != 0)
        draw_mark (cr, x + layout_width (h->sum_lines[0]) + 9, y + line / 2, small * 0.9,
                   h->sum_mark > 0, ink);
    }
  else
    {
      double count_w = layout_width (h->sum_lines[2]) + bubble_width (scene);
      double cy, text_w = layout_width (h->sum_lines[0]);

      y = h->sy + (h->sh - (scene->summary_one_line ? line : 2 * line)) / 2;
      show_text (cr, h->sum_lines[0], x, y);

      if (scene->summary_one_line)
        {
          cy = y;
          x = h->sx + h->sw - SUMMARY_PAD - count_w;
        }
      else
        cy = y + line;
      add_bubble (scene, x, cy + (line - small * 0.75) / 2 - 1, small, muted, 1.0);
      show_text (cr, h->sum_lines[2], x + bubble_width (scene), cy);
      if (h->sum_mark != 0)
        draw_mark (cr, h->sx + SUMMARY_PAD + text_w + 9, y + line / 2, small * 0.9, h->sum_mark > 0, ink);
    }

  if (clip)
    cairo_restore (cr);
}

/* The cells' backgrounds, in as few operations as their colours allow:
 * all cells of one colour are one fill, all outlines one stroke */
static void
draw_cell_backgrounds (Scene   *scene,
                       cairo_t *cr)
{
  guint n = scene->rows->len * scene->cols->len;
  g_autofree gboolean *done = g_new0 (gboolean, n);
  g_autofree TlRoundedBox *boxes = g_new (TlRoundedBox, n);

  /* Outlines first: the box in the outline's colour, which the fill, one
   * unit smaller, then covers but for its edge.  Plain cards have the
   * card outline; cells without a value the grid's. */
  for (guint pass = 0; pass < 2; pass++)
    {
      gboolean plain = pass == 0;
      guint n_boxes = 0;

      for (guint i = 0; i < n; i++)
        {
          CellScene *cs = &scene->cells[i];
          double x = 0, y = 0, w = 0, h = 0;

          if (!cs->border || (cs->value.state == TL_MATRIX_VALUE_NONE) != plain)
            continue;
          scene_cell_rect (scene, i / scene->cols->len, i % scene->cols->len, &x, &y, &w, &h);
          boxes[n_boxes++] = (TlRoundedBox) { x, y, w, h, CELL_RADIUS };
        }
      _tl_render_set_color (cr, plain ? tl_theme_get_color (scene->theme, TL_THEME_SURFACE_BORDER)
                                      : tl_theme_get_grid (scene->theme), 1.0);
      fill_rounded_boxes (cr, boxes, n_boxes);
    }

  /* All cells of one colour are one fill */
  for (guint i = 0; i < n; i++)
    {
      CellScene *first = &scene->cells[i];
      guint n_boxes = 0;

      if (done[i])
        continue;

      for (guint j = i; j < n; j++)
        {
          CellScene *cs = &scene->cells[j];
          double x = 0, y = 0, w = 0, h = 0;

          if (done[j] || memcmp (&cs->fill, &first->fill, sizeof cs->fill) != 0)
            continue;
          scene_cell_rect (scene, j / scene->cols->len, j % scene->cols->len, &x, &y, &w, &h);
          boxes[n_boxes++] = (TlRoundedBox) { x, y, w, h, CELL_RADIUS };
          if (cs->border)
            inset_boxes (&boxes[n_boxes - 1], 1, 1.0);
          done[j] = TRUE;
        }

      _tl_render_set_color (cr, &first->fill, 1.0);
      fill_rounded_boxes (cr, boxes, n_boxes);
    }

  for (guint i = 0; i < n; i++)
    {
      CellScene *cs = &scene->cells[i];
      double x = 0, y = 0, w = 0, h = 0;

      if (!cs->hatched)
        continue;
      scene_cell_rect (scene, i / scene->cols->len, i % scene->cols->len, &x, &y, &w, &h);
      cairo_save (cr);
      _tl_render_rounded_rect (cr, x + 1, y + 1, w - 2, h - 2, CELL_RADIUS - 1);
      cairo_clip (cr);
      draw_hatch (cr, x, y, w, h, tl_theme_get_muted_text (scene->theme), 0.22);
      cairo_restore (cr);
    }
}

/* The ink faded towards the fill, as an opaque colour: the same look as
 * a translucent ink on the plain fill, and cheaper to draw glyphs with */
static void
soft_ink (CellScene *cs,
          double     alpha,
          TlColor   *color)
{
  tl_color_mix (&cs->fill, &cs->ink, alpha, color);
  color->alpha = 1.0;
}

static void
draw_cell (Scene   *scene,
           cairo_t *cr,
           guint    row,
           guint    col)
{
  CellScene *cs = &scene->cells[row * scene->cols->len + col];
  double x = 0, y = 0, w = 0, h = 0, bx;
  double small = tl_theme_get_font_size (scene->theme, TL_THEME_FONT_SMALL);
  TlColor soft;

  scene_cell_rect (scene, row, col, &x, &y, &w, &h);

  /* No clip: every text was laid out to fit the cell (widths, ellipsized
   * lines, the footer only where there is room), and drawing through a
   * clip costs every glyph. */

  _tl_render_set_color (cr, &cs->ink, 1.0);
  show_text (cr, cs->top, x + CELL_PAD, y + CELL_PAD - cs->top_offset);

  /* Badges at the top right, centred on the first line's ink */
  bx = x + w - CELL_PAD - 6;
  if (cs->key)
    {
      _tl_render_star (cr, bx, y + CELL_PAD + cs->top_ink_h / 2, BADGE_SIZE);
      _tl_render_set_color (cr, &cs->ink, 0.9);
      cairo_fill (cr);
      bx -= 16;
    }
  if (cs->mark != 0)
    draw_mark (cr, bx, y + CELL_PAD + cs->top_ink_h / 2, BADGE_SIZE * 1.5, cs->mark > 0, &cs->ink);

  if (cs->description != NULL)
    {
      soft_ink (cs, cs->text_alpha, &soft);
      _tl_render_set_color (cr, &soft, 1.0);
      show_text (cr, cs->description, x + CELL_PAD, cs->description_y);
    }

  if (cs->count != NULL)
    {
      double count_w = layout_width (cs->count);
      /* on top, left of the badges */
      double cx = x + w - CELL_PAD - (cs->count_on_top ? cs->badges_w + (cs->badges_w > 0 ? 4 : 0) : 0) - count_w;
      double cy = cs->count_on_top ? y + CELL_PAD + cs->top_ink_h / 2 - scene->small_line_h / 2 : cs->footer_y;

      _tl_render_set_color (cr, &cs->ink, 1.0);
      show_text (cr, cs->count, cx, cy);
      add_bubble (scene, cx - bubble_width (scene), cy + (scene->small_line_h - small * 0.75) / 2 - 1,
                  small, &cs->ink, 0.8);

      if (cs->owner != NULL)
        {
          soft_ink (cs, cs->text_alpha * 0.9, &soft);
          _tl_render_set_color (cr, &soft, 1.0);
          show_text (cr, cs->owner, x + CELL_PAD, cs->footer_y);
        }
    }
}

static void
draw_selection (Scene   *scene,
                cairo_t *cr)
{
  TlMatrixPainter *painter = scene->painter;
  int row = -1, col = -1;
  double x = 0, y = 0, w = 0, h = 0;

  if (painter->selected_layer != NULL)
    row = find_header (scene->rows, painter->selected_layer);
  if (painter->selected_type != NULL)
    col = find_header (scene->cols, painter->selected_type);

  if (row >= 0 && col >= 0)
    scene_cell_rect (scene, row, col, &x, &y, &w, &h);
  else if (row >= 0 && painter->selected_type == NULL)
    {
      Header *hd = &g_array_index (scene->rows, Header, row);

      x = hd->x;
      y = hd->y;
      w = scene->grid_x + scene->cols->len * scene->cell_w - GUTTER - x;
      h = hd->h;
    }
  else if (col >= 0 && painter->selected_layer == NULL)
    {
      Header *hd = &g_array_index (scene->cols, Header, col);

      x = hd->x;
      y = hd->y;
      w = hd->w;
      h = scene->grid_y + scene->rows->len * scene->cell_h - GUTTER - y;
    }
  else
    return;

  _tl_render_rounded_rect (cr, x - 3, y - 3, w + 6, h + 6, CELL_RADIUS + 3);
  cairo_set_line_width (cr, 3.0);
  _tl_render_set_color (cr, tl_theme_get_color (scene->theme, TL_THEME_SELECTION), 1.0);
  cairo_stroke (cr);
}

static void
draw_corner (Scene   *scene,
             cairo_t *cr)
{
  TlTheme *theme = scene->theme;
  double x0 = MARGIN, y0 = g_array_index (scene->cols, Header, 0).y;
  double x1 = scene->grid_x - GUTTER, y1 = scene->grid_y - GUTTER;
  double tw, th, lw, lh;

  text_size (scene->corner_types, &tw, &th);
  text_size (scene->corner_layers, &lw, &lh);

  if (th + lh + 4 > y1 - y0)
    return;

  _tl_render_set_color (cr, tl_theme_get_muted_text (theme), 1.0);
  show_text (cr, scene->corner_types, x1 - 4 - tw, y0 + 4);
  show_text (cr, scene->corner_layers, x0 + 4, y1 - 4 - lh);
}

/* "Per layer" over the summary column, "Per type" before the summary row */
static void
draw_summary_titles (Scene   *scene,
                     cairo_t *cr)
{
  Header *first_col = &g_array_index (scene->cols, Header, 0);
  Header *first_row = &g_array_index (scene->rows, Header, 0);
  double w, h;

  Header *last_col = &g_array_index (scene->cols, Header, scene->cols->len - 1);
  Header *last_row = &g_array_index (scene->rows, Header, scene->rows->len - 1);

  /* Rules set the summaries apart from the cells */
  cairo_move_to (cr, first_row->sx - GUTTER / 2, first_row->sy);
  cairo_line_to (cr, first_row->sx - GUTTER / 2, last_row->sy + last_row->sh);
  cairo_move_to (cr, first_col->sx, first_col->sy - GUTTER / 2);
  cairo_line_to (cr, last_col->sx + last_col->sw, first_col->sy - GUTTER / 2);
  cairo_set_line_width (cr, 1.0);
  _tl_render_set_color (cr, tl_theme_get_color (scene->theme, TL_THEME_SURFACE_BORDER), 0.6);
  cairo_stroke (cr);

  _tl_render_set_color (cr, tl_theme_get_muted_text (scene->theme), 1.0);

  text_size (scene->per_layer, &w, &h);
  if (w <= first_row->sw + GUTTER)
    show_text (cr, scene->per_layer,
                            first_row->sx + (first_row->sw - w) / 2,
                            first_col->y + first_col->h - h - 4);

  text_size (scene->per_type, &w, &h);
  if (w <= first_row->w)
    show_text (cr, scene->per_type,
                            first_row->x + first_row->w - w - 4,
                            first_col->sy + (first_col->sh - h) / 2);
}

static void
legend_text (cairo_t       *cr,
             PangoLayout   *layout,
             double         x,
             double         y,
             double         h,
             const TlColor *color)
{
  _tl_render_set_color (cr, color, 1.0);
  show_text (cr, layout, x, y + (h - layout_height (layout)) / 2);
}

static void
draw_legend_bar (Scene   *scene,
                 cairo_t *cr,
                 double   y)
{
  cairo_pattern_t *pattern;
  gboolean diverging = tl_heat_scale_is_diverging (scene->heat);
  const guint n = 17;

  /* The scale's own interpolation, sampled finely enough to be it */
  pattern = cairo_pattern_create_linear (scene->bar_x, 0, scene->bar_x + scene->bar_w, 0);
  for (guint i = 0; i < n; i++)
    {
      double f = (double) i / (n - 1);
      TlColor c;

      tl_theme_heat_color (scene->theme, scene->heat, diverging ? 2 * f - 1 : f, &c);
      cairo_pattern_add_color_stop_rgb (pattern, f, c.red, c.green, c.blue);
    }
  cairo_rectangle (cr, scene->bar_x, y, scene->bar_w, LEGEND_BAR_H);
  cairo_set_source (cr, pattern);
  cairo_fill_preserve (cr);
  cairo_pattern_destroy (pattern);
  cairo_set_line_width (cr, 1.0);
  _tl_render_set_color (cr, tl_theme_get_grid (scene->theme), 1.0);
  cairo_stroke (cr);

  if (diverging)
    {
      /* The neutral middle: no gap */
      cairo_move_to (cr, scene->bar_x + scene->bar_w / 2, y - 3);
      cairo_line_to (cr, scene->bar_x + scene->bar_w / 2, y + LEGEND_BAR_H + 3);
      cairo_set_line_width (cr, 1.5);
      _tl_render_set_color (cr, tl_theme_get_text (scene->theme), 1.0);
      cairo_stroke (cr);
    }
}

static void
draw_legend (Scene   *scene,
             cairo_t *cr)
{
  TlTheme *theme = scene->theme;
  const TlColor *muted = tl_theme_get_muted_text (theme);
  double small = tl_theme_get_font_size (theme, TL_THEME_FONT_SMALL);
  double y = scene->legend_y, h = scene->legend_h;

  for (guint i = 0; i < scene->legend->len; i++)
    {
      LegendItem *item = &g_array_index (scene->legend, LegendItem, i);
      double x = item->x;

      if (!item->shown)
        continue;

      switch (item->kind)
        {
        case LEGEND_MODE:
          legend_text (cr, item->text, x, y, h, tl_theme_get_text (theme));
          break;

        case LEGEND_BAR:
          legend_text (cr, item->text, x, y, h, muted);
          draw_legend_bar (scene, cr, y + (h - LEGEND_BAR_H) / 2);
          legend_text (cr, item->text2, scene->bar_x + scene->bar_w + 6, y, h, muted);
          break;

        case LEGEND_NOT_SCORED:
        case LEGEND_NO_EVIDENCE:
          {
            double sy = y + (h - SWATCH_H) / 2;

            _tl_render_rounded_rect (cr, x, sy, SWATCH_W, SWATCH_H, 4);
            _tl_render_set_color (cr, tl_theme_get_color (theme, TL_THEME_UNSET_CELL), 1.0);
            cairo_fill_preserve (cr);
            cairo_set_line_width (cr, 1.0);
            _tl_render_set_color (cr, tl_theme_get_grid (theme), 1.0);
            cairo_stroke (cr);
            if (item->kind == LEGEND_NO_EVIDENCE)
              {
                cairo_save (cr);
                _tl_render_rounded_rect (cr, x, sy, SWATCH_W, SWATCH_H, 4);
                cairo_clip (cr);
                draw_hatch (cr, x, sy, SWATCH_W, SWATCH_H, muted, 0.35);
                cairo_restore (cr);
              }
            else
              {
                g_autoptr(PangoLayout) dash = layout_get (scene, TL_THEME_FONT_SMALL, 1.0, PANGO_WEIGHT_BOLD,
                                                          FALSE, "—", 0, 0);

                legend_text (cr, dash, x + (SWATCH_W - layout_width (dash)) / 2, y, h, muted);
              }
            legend_text (cr, item->text, x + SWATCH_W + 6, y, h, muted);
          }
          break;

        case LEGEND_MARKS:
          draw_mark (cr, x + small / 2, y + h / 2, small, TRUE, tl_theme_get_text (theme));
          x += small + 4;
          legend_text (cr, item->text, x, y, h, muted);
          x += layout_width (item->text) + 12;
          draw_mark (cr, x + small / 2, y + h / 2, small, FALSE, tl_theme_get_text (theme));
          x += small + 4;
          legend_text (cr, item->text2, x, y, h, muted);
          break;

        case LEGEND_KEY:
          _tl_render_star (cr, x + small * 0.5, y + h / 2, small * 0.55);
          _tl_render_set_color (cr, tl_theme_get_accent (theme), 1.0);
          cairo_fill (cr);
          legend_text (cr, item->text, x + small * 1.2 + 4, y, h, muted);
          break;

        case LEGEND_COUNT:
          draw_bubble (cr, x, y + (h - small * 0.75) / 2 - 1, small, muted, 1.0);
          legend_text (cr, item->text, x + bubble_width (scene) + 2, y, h, muted);
          break;

        case LEGEND_SCORES:
        default:
          legend_text (cr, item->text, x, y, h, muted);
          break;
        }
    }
}

static void
scene_draw (Scene   *scene,
            cairo_t *cr)
{
  if (scene->unit <= 0)
    return;

  cairo_scale (cr, scene->unit, scene->unit);

  _tl_render_heading_draw (&scene->heading, cr, scene->theme, MARGIN, MARGIN);

  if (scene->rows->len > 0 && scene->cols->len > 0)
    {
      draw_corner (scene, cr);
      draw_summary_titles (scene, cr);
    }

  draw_headers (scene, cr);

  if (scene->rows->len > 0 && scene->cols->len > 0)
    {
      for (guint i = 0; i < scene->cols->len; i++)
        draw_summary (scene, cr, &g_array_index (scene->cols, Header, i), FALSE);
      for (guint i = 0; i < scene->rows->len; i++)
        draw_summary (scene, cr, &g_array_index (scene->rows, Header, i), TRUE);
    }

  if (scene->cells != NULL)
    {
      draw_cell_backgrounds (scene, cr);
      for (guint r = 0; r < scene->rows->len; r++)
        for (guint c = 0; c < scene->cols->len; c++)
          draw_cell (scene, cr, r, c);
    }

  draw_bubbles (scene, cr);
  draw_selection (scene, cr);
  draw_legend (scene, cr);
}

/* Redraws come far more often than changes (the pointer moves, a tooltip
 * comes and goes), so on a raster target the scene is drawn once into an
 * image of the target's own pixels and that image is painted from the
 * second draw of the scene on, as the diagram painter does: until the
 * scene is dropped (the document, its evidence, the theme, the mode or
 * the size changed) or the selection or the transform change.  Vector
 * targets, transparent pages, rotating transforms and extents too large
 * to keep are drawn directly.  FALSE when the caller is to draw
 * directly. */
static gboolean
scene_draw_kept (Scene   *scene,
                 cairo_t *cr,
                 double   width,
                 double   height)
{
  TlMatrixPainter *painter = scene->painter;
  g_autofree char *selection = NULL;
  TlRenderKeptPlace place;

  if (scene->unit <= 0)
    return TRUE;
  switch (_tl_render_kept_place (cr, width, height, tl_theme_get_background (scene->theme),
                                 &scene->n_draws, &place))
    {
    case TL_RENDER_KEPT_DIRECT:
      return FALSE;
    case TL_RENDER_KEPT_NOTHING:
      return TRUE;
    case TL_RENDER_KEPT_KEEP:
    default:
      break;
    }

  /* none and an empty id apart */
  selection = g_strdup_printf ("%c%s\x1f%c%s",
                               painter->selected_layer ? '+' : '-',
                               painter->selected_layer ? painter->selected_layer : "",
                               painter->selected_type ? '+' : '-',
                               painter->selected_type ? painter->selected_type : "");

  if (!_tl_render_kept_matches (&scene->kept, &place) ||
      g_strcmp0 (scene->kept_selection, selection) != 0)
    {
      cairo_t *kept_cr = _tl_render_kept_begin (&scene->kept, &place, width, height);

      if (kept_cr == NULL)
        return FALSE;
      /* as tl_painter_draw() does */
      _tl_render_set_color (kept_cr, tl_theme_get_background (scene->theme), 1.0);
      cairo_paint (kept_cr);
      scene_draw (scene, kept_cr);
      _tl_render_kept_end (&scene->kept, kept_cr);
      g_free (scene->kept_selection);
      scene->kept_selection = g_steal_pointer (&selection);
    }

  _tl_render_kept_paint (&scene->kept, cr);

  return TRUE;
}

/* ---- object ------------------------------------------------------------ */

static void
document_changed_cb (TlDocument      *document,
                     int              kind,
                     GObject         *object,
                     const char      *property,
                     TlMatrixPainter *self)
{
  /* The scene holds the document's headers and cells and their text. */
  drop_scene (self);
}

static void
evidence_changed_cb (TlDocument      *document,
                     TlMatrixPainter *self)
{
  drop_scene (self);
}

static void
theme_notify_cb (TlMatrixPainter *self,
                 GParamSpec      *pspec,
                 gpointer         user_data)
{
  drop_scene (self);
}

static void
tl_matrix_painter_constructed (GObject *object)
{
  TlMatrixPainter *self = TL_MATRIX_PAINTER (object);
  TlDocument *document;

  G_OBJECT_CLASS (tl_matrix_painter_parent_class)->constructed (object);

  document = tl_painter_get_document (TL_PAINTER (self));
  if (document != NULL)
    {
      g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self, 0);
      g_signal_connect_object (document, "evidence-changed", G_CALLBACK (evidence_changed_cb), self, 0);
    }
  g_signal_connect (self, "notify::theme", G_CALLBACK (theme_notify_cb), NULL);
}

static void
tl_matrix_painter_finalize (GObject *object)
{
  TlMatrixPainter *self = TL_MATRIX_PAINTER (object);

  drop_scene (self);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_clear_object (&self->context);
  g_clear_pointer (&self->context_language, g_free);
  g_clear_pointer (&self->selected_layer, g_free);
  g_clear_pointer (&self->selected_type, g_free);

  G_OBJECT_CLASS (tl_matrix_painter_parent_class)->finalize (object);
}

static void
tl_matrix_painter_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TlMatrixPainter *self = TL_MATRIX_PAINTER (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_matrix_painter_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TlMatrixPainter *self = TL_MATRIX_PAINTER (object);

  switch (prop_id)
    {
    case PROP_MODE:
      tl_matrix_painter_set_mode (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_matrix_painter_real_draw (TlPainter *painter,
                             cairo_t   *cr,
                             double     width,
                             double     height)
{
  Scene *scene = scene_get (TL_MATRIX_PAINTER (painter), width, height);

  if (!scene_draw_kept (scene, cr, width, height))
    scene_draw (scene, cr);
}

static gboolean
tl_matrix_painter_real_hit_test (TlPainter  *painter,
                                 double      width,
                                 double      height,
                                 double      x,
                                 double      y,
                                 char      **kind,
                                 char      **id)
{
  const char *layer = NULL, *type = NULL;

  if (!tl_matrix_painter_cell_at (TL_MATRIX_PAINTER (painter), width, height, x, y, &layer, &type))
    return FALSE;

  *kind = g_strdup ("cell");
  *id = g_strdup_printf ("%s/%s", layer, type);
  return TRUE;
}

static void
tl_matrix_painter_real_set_selection (TlPainter  *painter,
                                      const char *kind,
                                      const char *id)
{
  TlMatrixPainter *self = TL_MATRIX_PAINTER (painter);
  g_autofree char *layer = NULL;
  g_autofree char *type = NULL;

  if (g_strcmp0 (kind, "cell") == 0 && tl_cell_id_parse (id, &layer, &type))
    tl_matrix_painter_set_selection (self, layer, type);
  else
    tl_matrix_painter_set_selection (self, NULL, NULL);
}

static gboolean
tl_matrix_painter_real_locate (TlPainter  *painter,
                               double      width,
                               double      height,
                               const char *kind,
                               const char *id,
                               double     *x,
                               double     *y)
{
  TlMatrixPainter *self = TL_MATRIX_PAINTER (painter);
  g_autofree char *layer = NULL;
  g_autofree char *type = NULL;
  double bx, by, bw, bh;

  if (g_strcmp0 (kind, "cell") != 0 || !tl_cell_id_parse (id, &layer, &type) ||
      !tl_matrix_painter_get_cell_bounds (self, width, height, layer, type, &bx, &by, &bw, &bh))
    return FALSE;

  _tl_render_rect_centre (bx, by, bw, bh, x, y);
  return TRUE;
}

static void
tl_matrix_painter_class_init (TlMatrixPainterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TlPainterClass *painter_class = TL_PAINTER_CLASS (klass);

  object_class->constructed = tl_matrix_painter_constructed;
  object_class->finalize = tl_matrix_painter_finalize;
  object_class->get_property = tl_matrix_painter_get_property;
  object_class->set_property = tl_matrix_painter_set_property;

  painter_class->draw = tl_matrix_painter_real_draw;
  painter_class->hit_test = tl_matrix_painter_real_hit_test;
  painter_class->set_selection = tl_matrix_painter_real_set_selection;
  painter_class->locate = tl_matrix_painter_real_locate;

  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL,
                       TL_TYPE_MATRIX_MODE, TL_MATRIX_MODE_CURRENT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tl_matrix_painter_init (TlMatrixPainter *self)
{
  self->mode = TL_MATRIX_MODE_CURRENT;
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

TlMatrixPainter *
tl_matrix_painter_new (TlDocument *document)
{
  g_return_val_if_fail (TL_IS_DOCUMENT (document), NULL);

  return g_object_new (TL_TYPE_MATRIX_PAINTER,
                       "document", document,
                       NULL);
}

TlDocument *
tl_matrix_painter_get_document (TlMatrixPainter *self)
{
  return tl_painter_get_document (TL_PAINTER (self));
}

TlTheme *
tl_matrix_painter_get_theme (TlMatrixPainter *self)
{
  return tl_painter_get_theme (TL_PAINTER (self));
}

void
tl_matrix_painter_set_theme (TlMatrixPainter *self,
                             TlTheme         *theme)
{
  tl_painter_set_theme (TL_PAINTER (self), theme);
}

TlMatrixMode
tl_matrix_painter_get_mode (TlMatrixPainter *self)
{
  g_return_val_if_fail (TL_IS_MATRIX_PAINTER (self), TL_MATRIX_MODE_CURRENT);

  return self->mode;
}

void
tl_matrix_painter_set_mode (TlMatrixPainter *self,
                            TlMatrixMode     mode)
{
  g_return_if_fail (TL_IS_MATRIX_PAINTER (self));
  g_return_if_fail (mode < TL_MATRIX_N_MODES);

  if (self->mode == mode)
    return;

  self->mode = mode;
  drop_scene (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

void
tl_matrix_painter_set_selection (TlMatrixPainter *self,
                                 const char      *layer_id,
                                 const char      *type_id)
{
  g_return_if_fail (TL_IS_MATRIX_PAINTER (self));

  /* Selection is drawn over the scene: it needs no new layout (a kept
   * image of the scene shows its selection, and is drawn anew when this
   * one differs: see scene_draw_kept()). */
  g_free (self->selected_layer);
  self->selected_layer = g_strdup (layer_id);
  g_free (self->selected_type);
  self->selected_type = g_strdup (type_id);
}

void
tl_matrix_painter_get_natural_size (TlMatrixPainter *self,
                                    double          *width,
                                    double          *height)
{
  tl_painter_get_natural_size (TL_PAINTER (self), width, height);
}

void
tl_matrix_painter_draw (TlMatrixPainter *self,
                        cairo_t         *cr,
                        double           width,
                        double           height)
{
  tl_painter_draw (TL_PAINTER (self), cr, width, height);
}

gboolean
tl_matrix_painter_cell_at (TlMatrixPainter *self,
                           double           width,
                           double           height,
                           double           x,
                           double           y,
                           const char     **layer,
                           const char     **type)
{
  Scene *scene;
  double col, row;

  g_return_val_if_fail (TL_IS_MATRIX_PAINTER (self), FALSE);

  scene = scene_get (self, width, height);
  if (scene->unit <= 0 || scene->rows->len == 0 || scene->cols->len == 0)
    return FALSE;

  x /= scene->unit;
  y /= scene->unit;
  col = floor ((x - scene->grid_x) / scene->cell_w);
  row = floor ((y - scene->grid_y) / scene->cell_h);

  if (col < 0 || row < 0 || col >= scene->cols->len || row >= scene->rows->len)
    return FALSE;

  /* The gutter between cells belongs to no cell. */
  if (x - scene->grid_x - col * scene->cell_w > scene->cell_w - GUTTER ||
      y - scene->grid_y - row * scene->cell_h > scene->cell_h - GUTTER)
    return FALSE;

  if (layer != NULL)
    *layer = tl_matrix_header_get_id (g_array_index (scene->rows, Header, (guint) row).header);
  if (type != NULL)
    *type = tl_matrix_header_get_id (g_array_index (scene->cols, Header, (guint) col).header);

  return TRUE;
}

gboolean
tl_matrix_painter_header_at (TlMatrixPainter *self,
                             double           width,
                             double           height,
                             double           x,
                             double           y,
                             TlMatrixAxis    *axis,
                             const char     **id)
{
  Scene *scene;

  g_return_val_if_fail (TL_IS_MATRIX_PAINTER (self), FALSE);

  scene = scene_get (self, width, height);
  if (scene->unit <= 0)
    return FALSE;

  x /= scene->unit;
  y /= scene->unit;

  for (guint a = 0; a < 2; a++)
    {
      GArray *headers = a == 0 ? scene->rows : scene->cols;

      for (guint i = 0; i < headers->len; i++)
        {
          Header *h = &g_array_index (headers, Header, i);

          if (x >= h->x && x <= h->x + h->w && y >= h->y && y <= h->y + h->h)
            {
              if (axis != NULL)
                *axis = a == 0 ? TL_MATRIX_AXIS_LAYER : TL_MATRIX_AXIS_TYPE;
              if (id != NULL)
                *id = tl_matrix_header_get_id (h->header);
              return TRUE;
            }
        }
    }

  return FALSE;
}

gboolean
tl_matrix_painter_get_cell_bounds (TlMatrixPainter *self,
                                   double           width,
                                   double           height,
                                   const char      *layer_id,
                                   const char      *type_id,
                                   double          *x,
                                   double          *y,
                                   double          *cell_width,
                                   double          *cell_height)
{
  Scene *scene;
  double cx, cy, cw, ch;
  int row, col;

  g_return_val_if_fail (TL_IS_MATRIX_PAINTER (self), FALSE);

  scene = scene_get (self, width, height);
  if (scene->unit <= 0)
    return FALSE;

  row = find_header (scene->rows, layer_id);
  col = find_header (scene->cols, type_id);
  if (row < 0 || col < 0 || !scene_cell_rect (scene, row, col, &cx, &cy, &cw, &ch))
    return FALSE;

  _tl_render_rect_to_drawing (scene->unit, cx, cy, cw, ch, x, y, cell_width, cell_height);

  return TRUE;
}

static Header *
scene_find_header (Scene        *scene,
                   TlMatrixAxis  axis,
                   const char   *id)
{
  GArray *headers = axis == TL_MATRIX_AXIS_LAYER ? scene->rows : scene->cols;
  int index = find_header (headers, id);

  return index >= 0 ? &g_array_index (headers, Header, index) : NULL;
}

gboolean
tl_matrix_painter_get_header_bounds (TlMatrixPainter *self,
                                     double           width,
                                     double           height,
                                     TlMatrixAxis     axis,
                                     const char      *id,
                                     double          *x,
                                     double          *y,
                                     double          *header_width,
                                     double          *header_height)
{
  Scene *scene;
  Header *h;

  g_return_val_if_fail (TL_IS_MATRIX_PAINTER (self), FALSE);

  scene = scene_get (self, width, height);
  if (scene->unit <= 0 || (h = scene_find_header (scene, axis, id)) == NULL)
    return FALSE;

  _tl_render_rect_to_drawing (scene->unit, h->x, h->y, h->w, h->h,
                              x, y, header_width, header_height);

  return TRUE;
}

gboolean
tl_matrix_painter_get_summary_bounds (TlMatrixPainter *self,
                                      double           width,
                                      double           height,
                                      TlMatrixAxis     axis,
                                      const char      *id,
                                      double          *x,
                                      double          *y,
                                      double          *summary_width,
                                      double          *summary_height)
{
  Scene *scene;
  Header *h;

  g_return_val_if_fail (TL_IS_MATRIX_PAINTER (self), FALSE);

  scene = scene_get (self, width, height);
  if (scene->unit <= 0 || scene->rows->len == 0 || scene->cols->len == 0 ||
      (h = scene_find_header (scene, axis, id)) == NULL)
    return FALSE;

  _tl_render_rect_to_drawing (scene->unit, h->sx, h->sy, h->sw, h->sh,
                              x, y, summary_width, summary_height);

  return TRUE;
}

gboolean
tl_matrix_painter_get_legend_bounds (TlMatrixPainter *self,
                                     double           width,
                                     double           height,
                                     double          *x,
                                     double          *y,
                                     double          *bar_width,
                                     double          *bar_height)
{
  Scene *scene;

  g_return_val_if_fail (TL_IS_MATRIX_PAINTER (self), FALSE);

  scene = scene_get (self, width, height);
  if (scene->unit <= 0 || scene->bar_w <= 0)
    return FALSE;

  _tl_render_rect_to_drawing (scene->unit, scene->bar_x,
                              scene->legend_y + (scene->legend_h - LEGEND_BAR_H) / 2,
                              scene->bar_w, LEGEND_BAR_H,
                              x, y, bar_width, bar_height);

  return TRUE;
}
