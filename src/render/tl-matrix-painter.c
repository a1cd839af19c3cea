/* tl-matrix-painter.c
 *
 * Like the diagram, the matrix is laid out afresh for every draw and
 * hit-test, in natural units (see tl-diagram-painter.c), so nothing kept
 * can go stale when the document changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "tl-matrix-painter.h"
#include "tl-render-private.h"

#define MARGIN         28.0
#define TITLE_GAP      16.0
#define GUTTER         5.0
#define CELL_PAD       10.0
#define CELL_RADIUS    7.0
#define HEADER_PAD     12.0
#define ACCENT_BAR     4.0
#define STAR_SPACE     18.0
#define ROW_HEADER_MIN 128.0
#define ROW_HEADER_MAX 230.0
#define LEGEND_GAP     16.0
#define SWATCH_W       30.0
#define SWATCH_H       20.0
#define BAR_H          4.0

typedef struct {
  TlMatrixHeader *header;
  PangoLayout    *label;
  double          label_w;
  double          label_h;
  double          x, y, w, h;
} Header;

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

  TlRenderHeading  heading;

  GArray          *rows;       /* Header, layers */
  GArray          *cols;       /* Header, types */
  double           grid_x;     /* top-left of the first cell */
  double           grid_y;
  double           cell_w;     /* pitch, gutter included */
  double           cell_h;

  PangoLayout     *corner_types;
  PangoLayout     *corner_layers;

  double           legend_y;
  double           legend_h;
} Scene;

struct _TlMatrixPainter
{
  TlPainter   parent_instance;

  char       *selected_layer;
  char       *selected_type;
};

G_DEFINE_FINAL_TYPE (TlMatrixPainter, tl_matrix_painter, TL_TYPE_PAINTER)

/* ---- scene ------------------------------------------------------------- */

static void
header_clear (gpointer data)
{
  Header *header = data;

  g_clear_object (&header->label);
}

static void
scene_free (Scene *scene)
{
  g_clear_object (&scene->context);
  _tl_render_heading_clear (&scene->heading);
  g_clear_object (&scene->corner_types);
  g_clear_object (&scene->corner_layers);
  g_clear_pointer (&scene->rows, g_array_unref);
  g_clear_pointer (&scene->cols, g_array_unref);
  g_free (scene);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Scene, scene_free)

static void
add_headers (Scene      *scene,
             GListModel *model,
             GArray     *into)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlMatrixHeader) header = g_list_model_get_item (model, i);
      Header h = { 0 };

      /* The document holds the header for as long as the scene lives. */
      h.header = header;
      h.label = _tl_render_layout_new (scene->context, scene->theme, scene->language,
                                       TL_THEME_FONT_LABEL, 1.0,
                                       tl_matrix_header_get_key (header) ? PANGO_WEIGHT_BOLD
                                                                         : PANGO_WEIGHT_NORMAL,
                                       tl_matrix_header_get_label (header));
      g_array_append_val (into, h);
    }
}

static double
legend_height (Scene *scene)
{
  return MAX (SWATCH_H, tl_theme_get_font_size (scene->theme, TL_THEME_FONT_SMALL) * 1.6);
}

static Scene *
scene_new (TlMatrixPainter *self,
           double           width,
           double           height)
{
  Scene *scene = g_new0 (Scene, 1);
  double heading_h, top, row_header_w = ROW_HEADER_MIN, col_header_h = 0;
  double grid_w, grid_h;
  guint n_rows, n_cols;

  scene->painter = self;
  scene->document = tl_painter_get_document (TL_PAINTER (self));
  scene->theme = tl_painter_get_theme (TL_PAINTER (self));
  scene->language = tl_document_get_language (scene->document);
  scene->scale = tl_document_get_score_scale (scene->document);
  scene->unit = _tl_render_unit (width, height);
  scene->rows = g_array_new (FALSE, TRUE, sizeof (Header));
  g_array_set_clear_func (scene->rows, header_clear);
  scene->cols = g_array_new (FALSE, TRUE, sizeof (Header));
  g_array_set_clear_func (scene->cols, header_clear);

  if (scene->unit <= 0)
    return scene;

  scene->width = width / scene->unit;
  scene->height = height / scene->unit;
  scene->context = _tl_render_context_new (scene->language);

  heading_h = _tl_render_heading_init (&scene->heading, scene->context, scene->theme, scene->language,
                                       tl_document_get_title (scene->document), 1,
                                       _("Experience matrix: touchpoint layers × experience types"),
                                       scene->width - 2 * MARGIN);
  top = MARGIN + heading_h + TITLE_GAP;

  add_headers (scene, tl_document_get_layers (scene->document), scene->rows);
  add_headers (scene, tl_document_get_types (scene->document), scene->cols);
  n_rows = MAX (scene->rows->len, 1);
  n_cols = MAX (scene->cols->len, 1);

  scene->legend_h = legend_height (scene);
  scene->legend_y = scene->height - MARGIN - scene->legend_h;

  /* The row headers take what their longest label needs, within limits;
   * longer labels wrap. */
  for (guint i = 0; i < scene->rows->len; i++)
    {
      Header *h = &g_array_index (scene->rows, Header, i);
      double w;

      _tl_render_layout_size (h->label, &w, NULL);
      row_header_w = MAX (row_header_w, ceil (w) + 1 + GUTTER + 2 * HEADER_PAD + STAR_SPACE + ACCENT_BAR);
    }
  row_header_w = MIN (row_header_w, ROW_HEADER_MAX);

  grid_w = scene->width - 2 * MARGIN - row_header_w;
  scene->cell_w = grid_w / n_cols;

  for (guint i = 0; i < scene->cols->len; i++)
    {
      Header *h = &g_array_index (scene->cols, Header, i);

      _tl_render_layout_wrap (h->label, scene->cell_w - GUTTER - 2 * HEADER_PAD - STAR_SPACE, 2);
      _tl_render_layout_size (h->label, &h->label_w, &h->label_h);
      col_header_h = MAX (col_header_h, h->label_h + 2 * HEADER_PAD + ACCENT_BAR);
    }
  col_header_h = MAX (col_header_h, 48.0);

  scene->grid_x = MARGIN + row_header_w;
  scene->grid_y = top + col_header_h;
  grid_h = scene->legend_y - LEGEND_GAP - scene->grid_y;
  scene->cell_h = MAX (grid_h / n_rows, 1.0);

  for (guint i = 0; i < scene->rows->len; i++)
    {
      Header *h = &g_array_index (scene->rows, Header, i);
      double max_lines = floor ((scene->cell_h - GUTTER - 8) /
                                (tl_theme_get_font_size (scene->theme, TL_THEME_FONT_LABEL) * 1.4));

      _tl_render_layout_wrap (h->label, row_header_w - GUTTER - 2 * HEADER_PAD - STAR_SPACE - ACCENT_BAR,
                              MAX ((int) max_lines, 1));
      _tl_render_layout_size (h->label, &h->label_w, &h->label_h);
      h->x = MARGIN;
      h->y = scene->grid_y + i * scene->cell_h;
      h->w = row_header_w - GUTTER;
      h->h = scene->cell_h - GUTTER;
    }

  for (guint i = 0; i < scene->cols->len; i++)
    {
      Header *h = &g_array_index (scene->cols, Header, i);

      h->x = scene->grid_x + i * scene->cell_w;
      h->y = top;
      h->w = scene->cell_w - GUTTER;
      h->h = col_header_h - GUTTER;
    }

  return scene;
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

static char *
score_text (guint current,
            guint target)
{
  /* U+2014 em dash for "not scored", U+2192 for "to" */
  if (current == TL_SCORE_UNSET && target == TL_SCORE_UNSET)
    return g_strdup ("—");
  if (target == TL_SCORE_UNSET)
    return g_strdup_printf ("%u", current);
  if (current == TL_SCORE_UNSET)
    return g_strdup_printf ("— → %u", target);
  return g_strdup_printf ("%u → %u", current, target);
}

static void
draw_header (Scene   *scene,
             cairo_t *cr,
             Header  *h,
             gboolean row,
             gboolean selected)
{
  TlTheme *theme = scene->theme;
  gboolean key = tl_matrix_header_get_key (h->header);
  double lx, ly;

  _tl_render_rounded_rect (cr, h->x, h->y, h->w, h->h, CELL_RADIUS);
  _tl_render_set_color (cr, tl_theme_get_color (theme, TL_THEME_SURFACE), 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.0);
  _tl_render_set_color (cr, tl_theme_get_grid (theme), 1.0);
  cairo_stroke (cr);

  if (key)
    {
      /* An accent bar on the side facing the cells it heads */
      cairo_save (cr);
      _tl_render_rounded_rect (cr, h->x, h->y, h->w, h->h, CELL_RADIUS);
      cairo_clip (cr);
      if (row)
        cairo_rectangle (cr, h->x, h->y, ACCENT_BAR, h->h);
      else
        cairo_rectangle (cr, h->x, h->y, h->w, ACCENT_BAR);
      _tl_render_set_color (cr, tl_theme_get_accent (theme), 1.0);
      cairo_fill (cr);
      cairo_restore (cr);
    }

  if (row)
    {
      lx = h->x + ACCENT_BAR + HEADER_PAD + STAR_SPACE;
      ly = h->y + (h->h - h->label_h) / 2;
    }
  else
    {
      lx = h->x + (h->w - h->label_w + STAR_SPACE) / 2;
      ly = h->y + ACCENT_BAR + (h->h - ACCENT_BAR - h->label_h) / 2;
    }

  if (key)
    {
      double size = tl_theme_get_font_size (theme, TL_THEME_FONT_LABEL);
      PangoLayoutIter *iter = pango_layout_get_iter (h->label);
      double baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

      pango_layout_iter_free (iter);
      _tl_render_star (cr, lx - STAR_SPACE / 2 - 2, ly + baseline - size * 0.36, size * 0.42);
      _tl_render_set_color (cr, tl_theme_get_accent (theme), 1.0);
      cairo_fill (cr);
    }

  _tl_render_set_color (cr, selected ? tl_theme_get_color (theme, TL_THEME_SELECTION)
                                     : tl_theme_get_text (theme), 1.0);
  _tl_render_show_layout (cr, h->label, lx, ly);
}

static void
draw_cell (Scene   *scene,
           cairo_t *cr,
           guint    row,
           guint    col)
{
  TlTheme *theme = scene->theme;
  TlDocument *document = scene->document;
  Header *layer = &g_array_index (scene->rows, Header, row);
  Header *type = &g_array_index (scene->cols, Header, col);
  TlCell *cell = tl_document_lookup_cell (document,
                                          tl_matrix_header_get_id (layer->header),
                                          tl_matrix_header_get_id (type->header));
  guint current = cell != NULL ? tl_cell_get_current (cell) : TL_SCORE_UNSET;
  guint target = cell != NULL ? tl_cell_get_target (cell) : TL_SCORE_UNSET;
  const char *description = cell != NULL ? tl_cell_get_description (cell) : NULL;
  g_autofree char *score = score_text (current, target);
  g_autoptr(PangoLayout) score_layout = NULL;
  double x = 0, y = 0, w = 0, h = 0, score_top, score_bottom, text_top, bar_room;
  PangoRectangle score_ink, score_logical;
  TlColor fill, ink;

  scene_cell_rect (scene, row, col, &x, &y, &w, &h);

  tl_theme_score_color (theme, current, scene->scale, &fill);
  tl_theme_text_on (theme, &fill, &ink);
  if (current == TL_SCORE_UNSET)
    ink = *tl_theme_get_muted_text (theme);

  _tl_render_rounded_rect (cr, x, y, w, h, CELL_RADIUS);
  _tl_render_set_color (cr, &fill, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.0);
  if (current == TL_SCORE_UNSET)
    {
      _tl_render_set_color (cr, tl_theme_get_grid (theme), 1.0);
      cairo_stroke (cr);
    }
  else
    cairo_new_path (cr);

  cairo_save (cr);
  _tl_render_rounded_rect (cr, x, y, w, h, CELL_RADIUS);
  cairo_clip (cr);

  score_layout = _tl_render_layout_new (scene->context, theme, scene->language,
                                        TL_THEME_FONT_BODY, 1.15, PANGO_WEIGHT_BOLD, score);
  /* Placed by its ink, not its line box: CJK fonts have tall line boxes,
   * and the cell's height is precious. */
  pango_layout_get_extents (score_layout, &score_ink, &score_logical);
  score_top = y + CELL_PAD - (double) (score_ink.y - score_logical.y) / PANGO_SCALE;
  score_bottom = y + CELL_PAD + (double) score_ink.height / PANGO_SCALE;
  _tl_render_set_color (cr, &ink, 1.0);
  _tl_render_show_layout (cr, score_layout, x + CELL_PAD, score_top);

  if (cell != NULL && tl_cell_get_key (cell))
    {
      _tl_render_star (cr, x + w - CELL_PAD - 6, (y + CELL_PAD + score_bottom) / 2, 6.5);
      _tl_render_set_color (cr, &ink, 0.9);
      cairo_fill (cr);
    }

  /* Progress from current to target along the bottom edge */
  bar_room = 0;
  if (current != TL_SCORE_UNSET || target != TL_SCORE_UNSET)
    {
      double bx = x + CELL_PAD, bw = w - 2 * CELL_PAD, by = y + h - CELL_PAD / 2 - BAR_H - 2;
      guint top_score = MAX (scene->scale, 1);

      bar_room = BAR_H + CELL_PAD / 2 + 2;
      _tl_render_rounded_rect (cr, bx, by, bw, BAR_H, BAR_H / 2);
      _tl_render_set_color (cr, &ink, 0.22);
      cairo_fill (cr);
      if (current != TL_SCORE_UNSET)
        {
          _tl_render_rounded_rect (cr, bx, by, bw * MIN (current, top_score) / top_score, BAR_H, BAR_H / 2);
          _tl_render_set_color (cr, &ink, 0.85);
          cairo_fill (cr);
        }
      if (target != TL_SCORE_UNSET)
        {
          double tx = bx + bw * MIN (target, top_score) / top_score;

          cairo_rectangle (cr, tx - 1.5, by - 3, 3, BAR_H + 6);
          _tl_render_set_color (cr, &ink, 1.0);
          cairo_fill (cr);
        }
    }

  text_top = score_bottom + 4;
  if (description != NULL && *description != '\0')
    {
      g_autoptr(PangoLayout) text = NULL;
      double room = y + h - bar_room - 5 - text_top;
      int lines = 0;
      PangoLayoutIter *iter;

      text = _tl_render_layout_new (scene->context, theme, scene->language,
                                    TL_THEME_FONT_SMALL, 1.0, PANGO_WEIGHT_NORMAL, description);
      _tl_render_layout_wrap (text, w - 2 * CELL_PAD, 0);

      /* As many whole lines as fit; the last one shown ends in "…" */
      iter = pango_layout_get_iter (text);
      do
        {
          int y1;

          pango_layout_iter_get_line_yrange (iter, NULL, &y1);
          if ((double) y1 / PANGO_SCALE > room)
            break;
          lines++;
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);

      if (lines >= 1)
        {
          _tl_render_layout_wrap (text, w - 2 * CELL_PAD, lines);
          _tl_render_set_color (cr, &ink, current == TL_SCORE_UNSET ? 1.0 : 0.88);
          _tl_render_show_layout (cr, text, x + CELL_PAD, text_top);
        }
    }

  cairo_restore (cr);
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
  double x0 = MARGIN, y0 = scene->grid_y - (scene->grid_y - g_array_index (scene->cols, Header, 0).y);
  double x1 = scene->grid_x - GUTTER, y1 = scene->grid_y - GUTTER;
  double tw, th, lw, lh;

  scene->corner_types = _tl_render_layout_new (scene->context, theme, scene->language,
                                               TL_THEME_FONT_SMALL, 1.0, PANGO_WEIGHT_NORMAL,
                                               _("Experience type →"));
  scene->corner_layers = _tl_render_layout_new (scene->context, theme, scene->language,
                                                TL_THEME_FONT_SMALL, 1.0, PANGO_WEIGHT_NORMAL,
                                                _("Touchpoint layer ↓"));
  _tl_render_layout_wrap (scene->corner_types, x1 - x0 - 8, 1);
  _tl_render_layout_wrap (scene->corner_layers, x1 - x0 - 8, 1);
  pango_layout_set_alignment (scene->corner_types, PANGO_ALIGN_RIGHT);
  _tl_render_layout_size (scene->corner_types, &tw, &th);
  _tl_render_layout_size (scene->corner_layers, &lw, &lh);

  if (th + lh + 4 > y1 - y0)
    return;

  _tl_render_set_color (cr, tl_theme_get_muted_text (theme), 1.0);
  _tl_render_show_layout (cr, scene->corner_types, x1 - 4 - tw, y0 + 4);
  _tl_render_show_layout (cr, scene->corner_layers, x0 + 4, y1 - 4 - lh);
}

static void
draw_legend (Scene   *scene,
             cairo_t *cr)
{
  TlTheme *theme = scene->theme;
  PangoContext *context = scene->context;
  const char *language = scene->language;
  double x = MARGIN, y = scene->legend_y, h = scene->legend_h;
  double w, th;
  g_autoptr(PangoLayout) caption = NULL;
  g_autoptr(PangoLayout) unset = NULL;
  g_autoptr(PangoLayout) key = NULL;
  g_autoptr(PangoLayout) example = NULL;
  double small = tl_theme_get_font_size (theme, TL_THEME_FONT_SMALL);

  caption = _tl_render_layout_new (context, theme, language, TL_THEME_FONT_SMALL, 1.0,
                                   PANGO_WEIGHT_BOLD, _("Current score"));
  _tl_render_layout_size (caption, &w, &th);
  _tl_render_set_color (cr, tl_theme_get_muted_text (theme), 1.0);
  _tl_render_show_layout (cr, caption, x, y + (h - th) / 2);
  x += w + 10;

  /* One swatch per score, numbered: the colour is never the only cue. */
  for (guint score = 0; score <= scene->scale; score++)
    {
      g_autofree char *number = score == 0 ? g_strdup ("—") : g_strdup_printf ("%u", score);
      g_autoptr(PangoLayout) label = _tl_render_layout_new (context, theme, "en", TL_THEME_FONT_SMALL,
                                                            1.0, PANGO_WEIGHT_BOLD, number);
      TlColor fill, ink;
      double nw, nh;
      double sx = score == 0 ? x + scene->scale * (SWATCH_W + 2) + 14 : x + (score - 1) * (SWATCH_W + 2);
      double sy = y + (h - SWATCH_H) / 2;

      tl_theme_score_color (theme, score, scene->scale, &fill);
      tl_theme_text_on (theme, &fill, &ink);
      if (score == 0)
        ink = *tl_theme_get_muted_text (theme);

      _tl_render_rounded_rect (cr, sx, sy, SWATCH_W, SWATCH_H, 4);
      _tl_render_set_color (cr, &fill, 1.0);
      cairo_fill_preserve (cr);
      if (score == 0)
        {
          cairo_set_line_width (cr, 1.0);
          _tl_render_set_color (cr, tl_theme_get_grid (theme), 1.0);
          cairo_stroke (cr);
        }
      else
        cairo_new_path (cr);

      _tl_render_layout_size (label, &nw, &nh);
      _tl_render_set_color (cr, &ink, 1.0);
      _tl_render_show_layout (cr, label, sx + (SWATCH_W - nw) / 2, sy + (SWATCH_H - nh) / 2);
    }

  x += scene->scale * (SWATCH_W + 2) + 14 + SWATCH_W + 6;
  unset = _tl_render_layout_new (context, theme, language, TL_THEME_FONT_SMALL, 1.0,
                                 PANGO_WEIGHT_NORMAL, _("not scored"));
  _tl_render_layout_size (unset, &w, &th);
  _tl_render_set_color (cr, tl_theme_get_muted_text (theme), 1.0);
  _tl_render_show_layout (cr, unset, x, y + (h - th) / 2);
  x += w + 28;

  example = _tl_render_layout_new (context, theme, language, TL_THEME_FONT_SMALL, 1.0,
                                   PANGO_WEIGHT_NORMAL, _("3 → 5: current score → target score"));
  _tl_render_layout_size (example, &w, &th);
  _tl_render_show_layout (cr, example, x, y + (h - th) / 2);
  x += w + 28;

  _tl_render_star (cr, x + small * 0.5, y + h / 2, small * 0.55);
  _tl_render_set_color (cr, tl_theme_get_accent (theme), 1.0);
  cairo_fill (cr);
  x += small * 1.2 + 4;
  key = _tl_render_layout_new (context, theme, language, TL_THEME_FONT_SMALL, 1.0,
                               PANGO_WEIGHT_NORMAL, _("key touchpoint or experience"));
  _tl_render_layout_wrap (key, MAX (scene->width - MARGIN - x, 40), 1);
  _tl_render_layout_size (key, &w, &th);
  _tl_render_set_color (cr, tl_theme_get_muted_text (theme), 1.0);
  _tl_render_show_layout (cr, key, x, y + (h - th) / 2);
}

static void
scene_draw (Scene   *scene,
            cairo_t *cr)
{
  TlMatrixPainter *painter = scene->painter;

  if (scene->unit <= 0)
    return;

  cairo_scale (cr, scene->unit, scene->unit);

  _tl_render_heading_draw (&scene->heading, cr, scene->theme, MARGIN, MARGIN);

  if (scene->rows->len > 0 && scene->cols->len > 0)
    draw_corner (scene, cr);

  for (guint i = 0; i < scene->cols->len; i++)
    {
      Header *h = &g_array_index (scene->cols, Header, i);

      draw_header (scene, cr, h, FALSE,
                   painter->selected_layer == NULL &&
                   g_strcmp0 (painter->selected_type, tl_matrix_header_get_id (h->header)) == 0);
    }

  for (guint i = 0; i < scene->rows->len; i++)
    {
      Header *h = &g_array_index (scene->rows, Header, i);

      draw_header (scene, cr, h, TRUE,
                   painter->selected_type == NULL &&
                   g_strcmp0 (painter->selected_layer, tl_matrix_header_get_id (h->header)) == 0);
    }

  for (guint r = 0; r < scene->rows->len; r++)
    for (guint c = 0; c < scene->cols->len; c++)
      draw_cell (scene, cr, r, c);

  draw_selection (scene, cr);
  draw_legend (scene, cr);
}

/* ---- object ------------------------------------------------------------ */

static void
tl_matrix_painter_finalize (GObject *object)
{
  TlMatrixPainter *self = TL_MATRIX_PAINTER (object);

  g_clear_pointer (&self->selected_layer, g_free);
  g_clear_pointer (&self->selected_type, g_free);

  G_OBJECT_CLASS (tl_matrix_painter_parent_class)->finalize (object);
}

static void
tl_matrix_painter_real_draw (TlPainter *painter,
                             cairo_t   *cr,
                             double     width,
                             double     height)
{
  g_autoptr(Scene) scene = scene_new (TL_MATRIX_PAINTER (painter), width, height);

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

  object_class->finalize = tl_matrix_painter_finalize;

  painter_class->draw = tl_matrix_painter_real_draw;
  painter_class->hit_test = tl_matrix_painter_real_hit_test;
  painter_class->set_selection = tl_matrix_painter_real_set_selection;
  painter_class->locate = tl_matrix_painter_real_locate;
}

static void
tl_matrix_painter_init (TlMatrixPainter *self)
{
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

void
tl_matrix_painter_set_selection (TlMatrixPainter *self,
                                 const char      *layer_id,
                                 const char      *type_id)
{
  g_return_if_fail (TL_IS_MATRIX_PAINTER (self));

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
  g_autoptr(Scene) scene = NULL;
  double col, row;

  g_return_val_if_fail (TL_IS_MATRIX_PAINTER (self), FALSE);

  scene = scene_new (self, width, height);
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
  g_autoptr(Scene) scene = NULL;

  g_return_val_if_fail (TL_IS_MATRIX_PAINTER (self), FALSE);

  scene = scene_new (self, width, height);
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
  g_autoptr(Scene) scene = NULL;
  double cx, cy, cw, ch;
  int row, col;

  g_return_val_if_fail (TL_IS_MATRIX_PAINTER (self), FALSE);

  scene = scene_new (self, width, height);
  if (scene->unit <= 0)
    return FALSE;

  row = find_header (scene->rows, layer_id);
  col = find_header (scene->cols, type_id);
  if (row < 0 || col < 0 || !scene_cell_rect (scene, row, col, &cx, &cy, &cw, &ch))
    return FALSE;

  _tl_render_rect_to_drawing (scene->unit, cx, cy, cw, ch, x, y, cell_width, cell_height);

  return TRUE;
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
  g_autoptr(Scene) scene = NULL;
  GArray *headers;
  Header *h;
  int index;

  g_return_val_if_fail (TL_IS_MATRIX_PAINTER (self), FALSE);

  scene = scene_new (self, width, height);
  if (scene->unit <= 0)
    return FALSE;

  headers = axis == TL_MATRIX_AXIS_LAYER ? scene->rows : scene->cols;
  index = find_header (headers, id);
  if (index < 0)
    return FALSE;

  h = &g_array_index (headers, Header, index);
  _tl_render_rect_to_drawing (scene->unit, h->x, h->y, h->w, h->h,
                              x, y, header_width, header_height);

  return TRUE;
}
