/* tl-chart-painter.c: horizontal bar charts
 *
 * Horizontal bars because the labels are names (customer stages, sources
 * such as "大众点评" or "WeChat survey") that read badly turned on their
 * side, and because a chart in a side pane is narrow and can grow down.
 *
 * Everything is laid out in natural units, one per pixel at scale 1: the
 * heights of rows come from the theme's fonts and never from the width, so
 * a widget can ask for the height it needs before it has a width.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-chart-painter.h"
#include "tl-render-private.h"

#define PAD            8.0   /* left and right of everything */
#define TOP            4.0
#define TITLE_GAP      4.0   /* below a section's title */
#define SECTION_GAP    14.0  /* between sections */
#define ROW_PAD        7.0   /* above and below a row's text */
#define LABEL_GAP      8.0   /* between the label column and the track */
#define VALUE_GAP      6.0   /* between a bar's end and its value */
#define LABEL_SHARE    0.42  /* the label column takes at most this of the width */
#define EMPTY_HEIGHT   48.0

typedef struct {
  char   *key;
  char   *label;
  double  value;
} Bar;

typedef struct {
  char         *key;
  char         *title;
  TlThemeColor  color;
  GArray       *bars;    /* Bar */
} Section;

struct _TlChartPainter
{
  TlPainter  parent_instance;

  char      *language;
  char      *empty_text;
  /* Made for context_language, once: layouts are made at every draw. */
  PangoContext *context;
  char      *context_language;
  GArray    *sections;   /* Section */
};

G_DEFINE_FINAL_TYPE (TlChartPainter, tl_chart_painter, TL_TYPE_PAINTER)

/* Where things are in a draw of a given size */
typedef struct {
  double scale;        /* natural units to drawing units */
  double width;        /* the drawing's width in natural units */
  double title_h;
  double row_h;
  double label_w;      /* the label column */
  double track_x;      /* where bars start */
  double track_w;      /* the longest bar */
  gboolean empty;
} Layout;

static void
bar_clear (gpointer data)
{
  Bar *bar = data;

  g_free (bar->key);
  g_free (bar->label);
}

static void
section_clear (gpointer data)
{
  Section *section = data;

  g_free (section->key);
  g_free (section->title);
  g_clear_pointer (&section->bars, g_array_unref);
}

static const char *
get_language (TlChartPainter *self)
{
  TlDocument *document = tl_painter_get_document (TL_PAINTER (self));

  if (self->language != NULL)
    return self->language;
  if (document != NULL)
    return tl_document_get_language (document);
  return "en";
}

static PangoContext *
get_context (TlChartPainter *self)
{
  const char *language = get_language (self);

  if (self->context == NULL || g_strcmp0 (self->context_language, language) != 0)
    {
      g_clear_object (&self->context);
      g_free (self->context_language);
      self->context = _tl_render_context_new (language);
      self->context_language = g_strdup (language);
    }
  return self->context;
}

static Section *
get_section (TlChartPainter *self,
             guint           index)
{
  return &g_array_index (self->sections, Section, index);
}

static double
section_max (Section *section)
{
  double max = 0;

  for (guint i = 0; i < section->bars->len; i++)
    max = MAX (max, g_array_index (section->bars, Bar, i).value);
  return max;
}

static gboolean
is_empty (TlChartPainter *self)
{
  for (guint s = 0; s < self->sections->len; s++)
    if (section_max (get_section (self, s)) > 0)
      return FALSE;
  return TRUE;
}

/* "12 (40%)": the count and its share of the section */
static char *
format_value (double value,
              double total)
{
  g_autofree char *number = NULL;

  if (value == floor (value) && value < 1e15)
    number = g_strdup_printf ("%.0f", value);
  else
    number = g_strdup_printf ("%.1f", value);

  if (total <= 0)
    return g_steal_pointer (&number);

  /* Translators: a bar's value in a chart and its share of the whole, as
   * in "12 (40%)"; %s is the number, %.0f the percentage, %% a percent sign */
  return g_strdup_printf (_("%s (%.0f%%)"), number, 100.0 * value / total);
}

static PangoLayout *
new_layout (TlChartPainter *self,
            PangoContext   *context,
            TlThemeFont     font,
            PangoWeight     weight,
            const char     *text)
{
  TlTheme *theme = tl_painter_get_theme (TL_PAINTER (self));
  PangoLayout *layout = _tl_render_layout_new (context, theme, get_language (self),
                                               font, 1.0, weight, text);

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

/* The heights of a title and of a row, from the theme's fonts */
static void
measure_rows (TlChartPainter *self,
              PangoContext   *context,
              double         *title_h,
              double         *row_h)
{
  g_autoptr(PangoLayout) title = new_layout (self, context, TL_THEME_FONT_BODY, PANGO_WEIGHT_BOLD, "Ag 顾客");
  g_autoptr(PangoLayout) row = new_layout (self, context, TL_THEME_FONT_SMALL, PANGO_WEIGHT_NORMAL, "Ag 顾客");
  double h;

  _tl_render_layout_size (title, NULL, &h);
  *title_h = ceil (h);
  _tl_render_layout_size (row, NULL, &h);
  *row_h = ceil (h) + 2 * ROW_PAD;
}

static double
natural_height (TlChartPainter *self,
                PangoContext   *context)
{
  double title_h, row_h;
  double height = TOP;

  if (is_empty (self))
    return self->empty_text != NULL ? EMPTY_HEIGHT : 0.0;

  measure_rows (self, context, &title_h, &row_h);
  for (guint s = 0; s < self->sections->len; s++)
    {
      Section *section = get_section (self, s);

      if (s > 0)
        height += SECTION_GAP;
      if (section->title != NULL && *section->title != '\0')
        height += title_h + TITLE_GAP;
      height += section->bars->len * row_h;
    }

  return ceil (height + TOP);
}

static void
compute_layout (TlChartPainter *self,
                PangoContext   *context,
                double          width,
                double          height,
                Layout         *layout)
{
  double nat_h = natural_height (self, context);
  double label_w = 0, value_w = 0;

  memset (layout, 0, sizeof *layout);
  layout->empty = is_empty (self);

  /* The height decides the scale (the rows must fit), unless the drawing
   * is narrower than the chart can be: then that decides.  A wider one
   * only makes the bars longer. */
  layout->scale = width / TL_CHART_PAINTER_MIN_WIDTH;
  if (nat_h > 0)
    layout->scale = MIN (layout->scale, height / nat_h);
  if (!(layout->scale > 0))
    layout->scale = 1.0;
  layout->width = width / layout->scale;

  measure_rows (self, context, &layout->title_h, &layout->row_h);

  for (guint s = 0; s < self->sections->len; s++)
    {
      Section *section = get_section (self, s);
      double total = 0;

      for (guint b = 0; b < section->bars->len; b++)
        total += g_array_index (section->bars, Bar, b).value;

      for (guint b = 0; b < section->bars->len; b++)
        {
          Bar *bar = &g_array_index (section->bars, Bar, b);
          g_autoptr(PangoLayout) label = new_layout (self, context, TL_THEME_FONT_SMALL,
                                                     PANGO_WEIGHT_NORMAL, bar->label);
          g_autofree char *text = format_value (bar->value, total);
          g_autoptr(PangoLayout) value = new_layout (self, context, TL_THEME_FONT_SMALL,
                                                     PANGO_WEIGHT_NORMAL, text);
          double w;

          _tl_render_layout_size (label, &w, NULL);
          label_w = MAX (label_w, w);
          _tl_render_layout_size (value, &w, NULL);
          value_w = MAX (value_w, w);
        }
    }

  layout->label_w = MIN (ceil (label_w), floor ((layout->width - 2 * PAD) * LABEL_SHARE));
  layout->track_x = PAD + layout->label_w + LABEL_GAP;
  layout->track_w = MAX (0.0, layout->width - PAD - ceil (value_w) - VALUE_GAP - layout->track_x);
}

/* The y of the first row of each section, calling @func for each row */
typedef gboolean (*RowFunc) (TlChartPainter *self,
                             const Layout   *layout,
                             guint           section,
                             guint           bar,
                             double          y,
                             gpointer        data);

static gboolean
foreach_row (TlChartPainter *self,
             const Layout   *layout,
             RowFunc         func,
             gpointer        data)
{
  double y = TOP;

  for (guint s = 0; s < self->sections->len; s++)
    {
      Section *section = get_section (self, s);

      if (s > 0)
        y += SECTION_GAP;
      if (section->title != NULL && *section->title != '\0')
        y += layout->title_h + TITLE_GAP;
      for (guint b = 0; b < section->bars->len; b++)
        {
          if (func (self, layout, s, b, y, data))
            return TRUE;
          y += layout->row_h;
        }
    }
  return FALSE;
}

/* The filled rectangle of a bar in natural units */
static void
bar_rect (TlChartPainter *self,
          const Layout   *layout,
          guint           section,
          guint           bar,
          double          row_y,
          double         *x,
          double         *y,
          double         *w,
          double         *h)
{
  Section *s = get_section (self, section);
  double max = section_max (s);
  double value = g_array_index (s->bars, Bar, bar).value;
  double length = max > 0 ? layout->track_w * value / max : 0;

  /* A value above 0 stays visible however small. */
  if (value > 0)
    length = MAX (length, 2.0);

  *x = layout->track_x;
  *y = row_y + ROW_PAD - 1;
  *w = length;
  *h = layout->row_h - 2 * ROW_PAD + 2;
}

typedef struct {
  cairo_t      *cr;
  PangoContext *context;
  TlTheme      *theme;
} DrawData;

static gboolean
draw_row (TlChartPainter *self,
          const Layout   *layout,
          guint           section,
          guint           bar,
          double          row_y,
          gpointer        data)
{
  DrawData *d = data;
  Section *s = get_section (self, section);
  Bar *b = &g_array_index (s->bars, Bar, bar);
  double total = 0;
  double x, y, w, h, th;
  g_autoptr(PangoLayout) label = NULL;
  g_autoptr(PangoLayout) value = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < s->bars->len; i++)
    total += g_array_index (s->bars, Bar, i).value;

  /* The label, right-aligned against the track */
  label = new_layout (self, d->context, TL_THEME_FONT_SMALL, PANGO_WEIGHT_NORMAL, b->label);
  pango_layout_set_width (label, (int) (layout->label_w * PANGO_SCALE));
  pango_layout_set_alignment (label, PANGO_ALIGN_RIGHT);
  _tl_render_layout_size (label, NULL, &th);
  _tl_render_set_color (d->cr, tl_theme_get_text (d->theme), 1.0);
  _tl_render_show_layout (d->cr, label, PAD, row_y + (layout->row_h - th) / 2);

  /* The track, faint, then the bar */
  bar_rect (self, layout, section, bar, row_y, &x, &y, &w, &h);
  _tl_render_set_color (d->cr, tl_theme_get_grid (d->theme), 0.6);
  _tl_render_rounded_rect (d->cr, x, y, layout->track_w, h, 2);
  cairo_fill (d->cr);
  if (w > 0)
    {
      _tl_render_set_color (d->cr, tl_theme_get_color (d->theme, s->color), 1.0);
      _tl_render_rounded_rect (d->cr, x, y, w, h, 2);
      cairo_fill (d->cr);
    }

  /* The value after the bar's end */
  text = format_value (b->value, total);
  value = new_layout (self, d->context, TL_THEME_FONT_SMALL, PANGO_WEIGHT_NORMAL, text);
  _tl_render_layout_size (value, NULL, &th);
  _tl_render_set_color (d->cr, tl_theme_get_muted_text (d->theme), 1.0);
  _tl_render_show_layout (d->cr, value, x + w + VALUE_GAP, row_y + (layout->row_h - th) / 2);

  return FALSE;
}

static void
tl_chart_painter_draw (TlPainter *painter,
                       cairo_t   *cr,
                       double     width,
                       double     height)
{
  TlChartPainter *self = TL_CHART_PAINTER (painter);
  TlTheme *theme = tl_painter_get_theme (painter);
  PangoContext *context = get_context (self);
  DrawData data = { cr, context, theme };
  Layout layout;
  double y = TOP;

  compute_layout (self, context, width, height, &layout);

  cairo_save (cr);
  cairo_scale (cr, layout.scale, layout.scale);

  if (layout.empty)
    {
      if (self->empty_text != NULL)
        {
          g_autoptr(PangoLayout) text = new_layout (self, context, TL_THEME_FONT_SMALL,
                                                    PANGO_WEIGHT_NORMAL, self->empty_text);
          double th;

          _tl_render_layout_wrap (text, layout.width - 2 * PAD, 2);
          pango_layout_set_alignment (text, PANGO_ALIGN_CENTER);
          _tl_render_layout_size (text, NULL, &th);
          _tl_render_set_color (cr, tl_theme_get_muted_text (theme), 1.0);
          _tl_render_show_layout (cr, text, PAD, MAX (0.0, (EMPTY_HEIGHT - th) / 2));
        }
      cairo_restore (cr);
      return;
    }

  /* Section titles; the rows draw themselves below. */
  for (guint s = 0; s < self->sections->len; s++)
    {
      Section *section = get_section (self, s);

      if (s > 0)
        y += SECTION_GAP;
      if (section->title != NULL && *section->title != '\0')
        {
          g_autoptr(PangoLayout) title = new_layout (self, context, TL_THEME_FONT_BODY,
                                                     PANGO_WEIGHT_BOLD, section->title);

          pango_layout_set_width (title, (int) ((layout.width - 2 * PAD) * PANGO_SCALE));
          _tl_render_set_color (cr, tl_theme_get_text (theme), 1.0);
          _tl_render_show_layout (cr, title, PAD, y);
          y += layout.title_h + TITLE_GAP;
        }
      y += section->bars->len * layout.row_h;
    }

  foreach_row (self, &layout, draw_row, &data);

  cairo_restore (cr);
}

static void
tl_chart_painter_get_natural_size (TlPainter *painter,
                                   double    *width,
                                   double    *height)
{
  TlChartPainter *self = TL_CHART_PAINTER (painter);
  PangoContext *context = get_context (self);

  *width = TL_CHART_PAINTER_MIN_WIDTH;
  *height = MAX (1.0, natural_height (self, context));
}

typedef struct {
  double   x;
  double   y;
  guint    section;
  guint    bar;
  double   row_y;
  gboolean found;
} FindData;

static gboolean
find_row_at (TlChartPainter *self,
             const Layout   *layout,
             guint           section,
             guint           bar,
             double          row_y,
             gpointer        data)
{
  FindData *d = data;

  if (d->y >= row_y && d->y < row_y + layout->row_h &&
      d->x >= 0 && d->x < layout->width)
    {
      d->section = section;
      d->bar = bar;
      d->row_y = row_y;
      d->found = TRUE;
      return TRUE;
    }
  return FALSE;
}

static gboolean
find_row (TlChartPainter *self,
          const Layout   *layout,
          guint           section,
          guint           bar,
          double          row_y,
          gpointer        data)
{
  FindData *d = data;

  if (section == d->section && bar == d->bar)
    {
      d->row_y = row_y;
      d->found = TRUE;
      return TRUE;
    }
  return FALSE;
}

static gboolean
tl_chart_painter_hit_test (TlPainter  *painter,
                           double      width,
                           double      height,
                           double      x,
                           double      y,
                           char      **kind,
                           char      **id)
{
  TlChartPainter *self = TL_CHART_PAINTER (painter);
  PangoContext *context = get_context (self);
  Layout layout;
  FindData data = { 0 };

  compute_layout (self, context, width, height, &layout);
  if (layout.empty)
    return FALSE;

  data.x = x / layout.scale;
  data.y = y / layout.scale;
  foreach_row (self, &layout, find_row_at, &data);
  if (!data.found)
    return FALSE;

  *kind = g_strdup (get_section (self, data.section)->key);
  *id = g_strdup (g_array_index (get_section (self, data.section)->bars, Bar, data.bar).key);
  return TRUE;
}

static gboolean
lookup_bar (TlChartPainter *self,
            const char     *kind,
            const char     *id,
            guint          *section,
            guint          *bar)
{
  for (guint s = 0; s < self->sections->len; s++)
    {
      Section *sec = get_section (self, s);

      if (g_strcmp0 (sec->key, kind) != 0)
        continue;
      for (guint b = 0; b < sec->bars->len; b++)
        if (g_strcmp0 (g_array_index (sec->bars, Bar, b).key, id) == 0)
          {
            *section = s;
            *bar = b;
            return TRUE;
          }
    }
  return FALSE;
}

static gboolean
row_of (TlChartPainter *self,
        double          width,
        double          height,
        guint           section,
        guint           bar,
        Layout         *layout,
        double         *row_y)
{
  PangoContext *context = get_context (self);
  FindData data = { 0 };

  if (section >= self->sections->len || bar >= get_section (self, section)->bars->len)
    return FALSE;

  compute_layout (self, context, width, height, layout);
  if (layout->empty)
    return FALSE;

  data.section = section;
  data.bar = bar;
  foreach_row (self, layout, find_row, &data);
  *row_y = data.row_y;
  return data.found;
}

static gboolean
tl_chart_painter_locate (TlPainter  *painter,
                         double      width,
                         double      height,
                         const char *kind,
                         const char *id,
                         double     *x,
                         double     *y)
{
  TlChartPainter *self = TL_CHART_PAINTER (painter);
  guint section, bar;
  Layout layout;
  double row_y;

  if (!lookup_bar (self, kind, id, &section, &bar) ||
      !row_of (self, width, height, section, bar, &layout, &row_y))
    return FALSE;

  *x = (layout.track_x + layout.track_w / 2) * layout.scale;
  *y = (row_y + layout.row_h / 2) * layout.scale;
  return TRUE;
}

static void
tl_chart_painter_finalize (GObject *object)
{
  TlChartPainter *self = TL_CHART_PAINTER (object);

  g_clear_pointer (&self->sections, g_array_unref);
  g_clear_object (&self->context);
  g_free (self->context_language);
  g_free (self->language);
  g_free (self->empty_text);

  G_OBJECT_CLASS (tl_chart_painter_parent_class)->finalize (object);
}

static void
tl_chart_painter_class_init (TlChartPainterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TlPainterClass *painter_class = TL_PAINTER_CLASS (klass);

  object_class->finalize = tl_chart_painter_finalize;

  painter_class->draw = tl_chart_painter_draw;
  painter_class->get_natural_size = tl_chart_painter_get_natural_size;
  painter_class->hit_test = tl_chart_painter_hit_test;
  painter_class->locate = tl_chart_painter_locate;
}

static void
tl_chart_painter_init (TlChartPainter *self)
{
  self->sections = g_array_new (FALSE, TRUE, sizeof (Section));
  g_array_set_clear_func (self->sections, section_clear);
}

TlChartPainter *
tl_chart_painter_new (TlDocument *document)
{
  g_return_val_if_fail (document == NULL || TL_IS_DOCUMENT (document), NULL);

  return g_object_new (TL_TYPE_CHART_PAINTER,
                       "document", document,
                       NULL);
}

void
tl_chart_painter_set_language (TlChartPainter *self,
                               const char     *language)
{
  g_return_if_fail (TL_IS_CHART_PAINTER (self));

  if (g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
}

void
tl_chart_painter_set_empty_text (TlChartPainter *self,
                                 const char     *text)
{
  g_return_if_fail (TL_IS_CHART_PAINTER (self));

  if (g_strcmp0 (self->empty_text, text) == 0)
    return;
  g_free (self->empty_text);
  self->empty_text = g_strdup (text);
}

void
tl_chart_painter_clear (TlChartPainter *self)
{
  g_return_if_fail (TL_IS_CHART_PAINTER (self));

  g_array_set_size (self->sections, 0);
}

guint
tl_chart_painter_add_section (TlChartPainter *self,
                              const char     *key,
                              const char     *title,
                              TlThemeColor    color)
{
  Section section = { 0 };

  g_return_val_if_fail (TL_IS_CHART_PAINTER (self), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (color < TL_THEME_N_COLORS, 0);

  section.key = g_strdup (key);
  section.title = g_strdup (title);
  section.color = color;
  section.bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (section.bars, bar_clear);
  g_array_append_val (self->sections, section);

  return self->sections->len - 1;
}

void
tl_chart_painter_add_bar (TlChartPainter *self,
                          guint           section,
                          const char     *key,
                          const char     *label,
                          double          value)
{
  Bar bar = { 0 };

  g_return_if_fail (TL_IS_CHART_PAINTER (self));
  g_return_if_fail (section < self->sections->len);
  g_return_if_fail (key != NULL);

  bar.key = g_strdup (key);
  bar.label = g_strdup (label != NULL ? label : "");
  bar.value = isfinite (value) && value > 0 ? value : 0.0;
  g_array_append_val (get_section (self, section)->bars, bar);
}

guint
tl_chart_painter_get_n_sections (TlChartPainter *self)
{
  g_return_val_if_fail (TL_IS_CHART_PAINTER (self), 0);

  return self->sections->len;
}

guint
tl_chart_painter_get_n_bars (TlChartPainter *self,
                             guint           section)
{
  g_return_val_if_fail (TL_IS_CHART_PAINTER (self), 0);
  g_return_val_if_fail (section < self->sections->len, 0);

  return get_section (self, section)->bars->len;
}

double
tl_chart_painter_get_total (TlChartPainter *self,
                            guint           section)
{
  Section *s;
  double total = 0;

  g_return_val_if_fail (TL_IS_CHART_PAINTER (self), 0);
  g_return_val_if_fail (section < self->sections->len, 0);

  s = get_section (self, section);
  for (guint b = 0; b < s->bars->len; b++)
    total += g_array_index (s->bars, Bar, b).value;
  return total;
}

double
tl_chart_painter_get_height_for_width (TlChartPainter *self,
                                       double          width)
{
  PangoContext *context;
  double height;

  g_return_val_if_fail (TL_IS_CHART_PAINTER (self), 0);

  context = get_context (self);
  height = natural_height (self, context);
  if (width < TL_CHART_PAINTER_MIN_WIDTH)
    height *= MAX (width, 0.0) / TL_CHART_PAINTER_MIN_WIDTH;
  return ceil (height);
}

gboolean
tl_chart_painter_get_bar_bounds (TlChartPainter *self,
                                 double          width,
                                 double          height,
                                 guint           section,
                                 guint           bar,
                                 double         *x,
                                 double         *y,
                                 double         *bar_width,
                                 double         *bar_height)
{
  Layout layout;
  double row_y, bx, by, bw, bh;

  g_return_val_if_fail (TL_IS_CHART_PAINTER (self), FALSE);

  if (!row_of (self, width, height, section, bar, &layout, &row_y))
    return FALSE;

  bar_rect (self, &layout, section, bar, row_y, &bx, &by, &bw, &bh);
  if (x != NULL)
    *x = bx * layout.scale;
  if (y != NULL)
    *y = by * layout.scale;
  if (bar_width != NULL)
    *bar_width = bw * layout.scale;
  if (bar_height != NULL)
    *bar_height = bh * layout.scale;
  return TRUE;
}
