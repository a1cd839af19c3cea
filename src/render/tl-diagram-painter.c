/* tl-diagram-painter.c
 *
 * The diagram is laid out afresh at every draw and hit-test (a "scene"):
 * the document is small (a handful of stations and loops), and a scene
 * that is never kept cannot go stale when the document changes.
 *
 * Units: the scene is in natural units, the drawing's pixels divided by a
 * uniform scale that makes a 1280 × 800 drawing exactly natural size; a
 * larger drawing shows the same design larger.  Station positions are in
 * document units and are fitted, cards and all, into the diagram's region.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-diagram-painter.h"
#include "tl-diagram-layout-private.h"
#include "tl-render-private.h"

#define MARGIN          28.0
#define TITLE_GAP       16.0
#define LEGEND_WIDTH    272.0
#define LEGEND_GAP      24.0
#define LEGEND_PAD      16.0
#define BADGE_RADIUS    11.0
#define CARD_MAX_TEXT   160.0
#define CARD_MIN_WIDTH  84.0
#define CARD_PAD_X      16.0
#define CARD_PAD_Y      10.0
#define CARD_RADIUS     10.0
#define DOT_RADIUS      3.5
#define DOT_STEP        10.0
#define HUB_MAX_TEXT    210.0
#define HUB_PAD_X       20.0
#define HUB_CAP         12.0
#define FIT_INSET       10.0
#define MAX_ZOOM        3.0
#define SELECTION_GAP   4.0
/* Space between the lines of a bundle: room for arrowheads */
#define BUNDLE_GAP      4.0
/* A label longer than this many lines is ellipsized: a pasted essay must
 * not make one card (or legend entry) swallow the page. */
#define CARD_MAX_LINES   6
#define HUB_MAX_LINES    4
#define LEGEND_MAX_LINES 3
/* The show/hide toggle at the end of a loop's legend entry */
#define TOGGLE_SIZE     22.0
#define TOGGLE_GAP      6.0
/* Label placement: the space kept between cards, and between a moved
 * card and its station's marker; how far out the candidates go. */
#define CARD_GAP        4.0
#define MARKER_MIN      6.0
#define PLACE_STEP      12.0
#define PLACE_RINGS     24
/* Cards covering more than PLACE_FILL of the diagram's region leave too
 * little room to keep them apart: they are drawn smaller (type and all,
 * as a map of many stations is), down to CARD_MIN_SCALE.  Above
 * PLACE_MAX_FILL even then, no placement can help: they stay on their
 * stations. */
#define PLACE_FILL      0.28
#define CARD_MIN_SCALE  0.6
#define PLACE_MAX_FILL  0.5
/* Evidence (see tl_diagram_painter_set_evidence_mode()): the count pill
 * at a card's top-right corner and at the end of a legend entry; how much
 * of the heat colour goes into a card's fill. */
#define PILL_HEIGHT     17.0
#define PILL_PAD_X      5.0
#define PILL_ROOM       40.0
#define EVIDENCE_TINT   0.35

typedef struct {
  TlStation   *station;
  const char  *id;
  const char  *kind;
  gboolean     hub;
  gboolean     dimmed;
  double       doc_x;
  double       doc_y;
  /* Where the station is, scene units: its lines meet there */
  double       px;
  double       py;
  /* The card's centre: the station's point, unless the card would cover
   * another card or station and was moved beside it (displaced), which
   * leaves a marker of radius marker_r at the point. */
  double       x;
  double       y;
  double       w;
  double       h;
  double       marker_r;
  gboolean     displaced;
  /* the card's size relative to its full size (scene_shrink_cards()) */
  double       scale;
  PangoLayout *label;
  double       label_w;
  double       label_h;
  GArray      *loops;      /* guint: indices of the loops through it */
  /* Its places in the focused loop's cycle ("2", or "1·4" when the loop
   * passes twice), NULL when the loop does not stop here */
  char        *steps;
} Box;

typedef struct {
  guint  loop;
  guint  position;
  guint  from;
  guint  to;
  guint  slot;
  guint  n_slots;
  double offset;           /* along the bundle's canonical normal */
  /* A quadratic Bézier in the direction of travel, scene units */
  double x0, y0;
  double cx, cy;
  double x1, y1;
} Arc;

typedef struct {
  TlLoop      *loop;
  TlColor      color;      /* readable on the theme, dimmed out of focus */
  gboolean     focused;
  gboolean     dimmed;
  /* hidden from view (not drawn; greyed in the legend) */
  gboolean     hidden;
  /* names a missing station or reaches fewer than two distinct ones:
   * marked in the legend */
  gboolean     broken;
  guint        n_arcs;
} LoopInfo;

typedef struct {
  int          loop;       /* index into loops, or -1 for a station kind */
  const char  *kind;
  PangoLayout *text;
  PangoLayout *badge;      /* the loop number */
  double       text_h;
  double       x;
  double       y;
  double       w;          /* the column's width */
  double       h;
} LegendEntry;

typedef struct {
  TlDiagramPainter *painter;
  TlDocument       *document;
  TlTheme          *theme;
  const char       *language;
  double            unit;
  double            width;          /* scene size, natural units */
  double            height;
  double            line_width;
  /* Type size of the theme relative to the light one: boxes sized for
   * text grow with it */
  double            type_scale;
  /* Cards of a document too dense for the drawing are drawn smaller */
  double            card_scale;
  PangoContext     *context;

  TlRenderHeading   heading;

  double            region_x0, region_y0, region_x1, region_y1;
  double            k, ox, oy;      /* scene = document × k + o */

  GArray           *boxes;          /* Box */
  GArray           *loops;          /* LoopInfo */
  GArray           *arcs;           /* Arc */
  int               hub;            /* index of the hub box or -1 */

  gboolean          legend_right;
  double            legend_x, legend_y, legend_w, legend_h;
  PangoLayout      *legend_heading;
  double            legend_heading_h;
  /* Some loop has evidence: the legend keeps room for its pill */
  gboolean          loop_evidence;
  /* The largest evidence of stations and loops, read at each draw */
  TlEvidence        max_station;
  TlEvidence        max_loop;
  /* The last drawing of this scene to a raster surface, in its pixels:
   * replayed while nothing it shows changed (see scene_draw_cached()) */
  TlRenderKept      cache;
  char             *cache_selection;
  /* The lines layer alone, in the same pixels, for the selected loop
   * (its halo lies under the lines): a station selected or the evidence
   * redrawn costs the cards and the legend, not every line again */
  TlRenderKept      lines_cache;
  char             *lines_cache_loop;
  /* Draws of this scene so far: the first is drawn directly (a scene
   * drawn once, as while a station is dragged, gains nothing from
   * keeping it) */
  guint             n_draws;
  GArray           *legend;         /* LegendEntry */
} Scene;

struct _TlDiagramPainter
{
  TlPainter   parent_instance;

  char       *focus_loop;
  char       *selection_kind;
  char       *selection_id;
  GStrv       hidden_loops;
  gboolean    show_toggles;
  TlDiagramEvidenceMode evidence_mode;

  /* The last scene laid out, for the next draw or hit-test of the same
   * size; dropped when anything it depends on changes */
  Scene      *scene;
  double      scene_width;
  double      scene_height;

  gboolean    fit_frozen;
  gboolean    have_fit;
  double      fit_width;
  double      fit_height;
  double      fit_k;
  double      fit_ox;
  double      fit_oy;
};

enum {
  PROP_0,
  PROP_FOCUS_LOOP,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TlDiagramPainter, tl_diagram_painter, TL_TYPE_PAINTER)

static GParamSpec *properties[N_PROPS];

/* Kinds that get a tint and a legend entry, in legend order */
static const struct {
  const char   *kind;
  TlThemeColor  hue;
  const char   *label;
} kinds[] = {
  { "online",     TL_THEME_ONLINE,     N_("Online") },
  { "offline",    TL_THEME_OFFLINE,    N_("Offline") },
  { "micro-data", TL_THEME_MICRO_DATA, N_("Micro-data") },
};

static int
kind_index (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].kind, kind) == 0)
      return i;
  return -1;
}

/* ---- scene ------------------------------------------------------------- */

static void
box_clear (gpointer data)
{
  Box *box = data;

  g_clear_object (&box->label);
  g_clear_pointer (&box->loops, g_array_unref);
  g_clear_pointer (&box->steps, g_free);
}

static void
legend_entry_clear (gpointer data)
{
  LegendEntry *entry = data;

  g_clear_object (&entry->text);
  g_clear_object (&entry->badge);
}

static void
scene_free (Scene *scene)
{
  g_clear_object (&scene->context);
  _tl_render_heading_clear (&scene->heading);
  g_clear_object (&scene->legend_heading);
  g_clear_pointer (&scene->boxes, g_array_unref);
  g_clear_pointer (&scene->loops, g_array_unref);
  g_clear_pointer (&scene->arcs, g_array_unref);
  g_clear_pointer (&scene->legend, g_array_unref);
  _tl_render_kept_clear (&scene->cache);
  g_free (scene->cache_selection);
  _tl_render_kept_clear (&scene->lines_cache);
  g_free (scene->lines_cache_loop);
  g_free (scene);
}

/* The painter keeps its last scene (see scene_get()); this forgets it. */
static void
drop_scene (TlDiagramPainter *self)
{
  g_clear_pointer (&self->scene, scene_free);
}

static int
scene_find_box (Scene      *scene,
                const char *id)
{
  for (guint i = 0; i < scene->boxes->len; i++)
    if (g_strcmp0 (g_array_index (scene->boxes, Box, i).id, id) == 0)
      return i;
  return -1;
}

/* Sets the layout's text to wrap at @max_width only if it needs to, and
 * returns its size. */
static void
layout_fit (PangoLayout *layout,
            double       max_width,
            int          max_lines,
            double      *width,
            double      *height)
{
  double w;

  pango_layout_set_width (layout, -1);
  _tl_render_layout_size (layout, &w, NULL);

  if (w > max_width)
    {
      _tl_render_layout_wrap (layout, max_width, max_lines);
      _tl_render_layout_size (layout, &w, NULL);
    }

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  _tl_render_layout_size (layout, width, height);
}

/* Lays out the station's label and sizes its card (or the hub's drum) */
static void
box_measure (Scene *scene,
             Box   *box)
{
  box->label = _tl_render_layout_new (scene->context, scene->theme, scene->language,
                                      TL_THEME_FONT_LABEL,
                                      box->hub ? 1.07 : 1.0,
                                      box->hub ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                      tl_station_get_label (box->station));
  layout_fit (box->label, (box->hub ? HUB_MAX_TEXT : CARD_MAX_TEXT) * scene->type_scale,
              box->hub ? HUB_MAX_LINES : CARD_MAX_LINES,
              &box->label_w, &box->label_h);
  box->scale = 1.0;

  if (box->hub)
    {
      box->w = MAX (box->label_w + 2 * HUB_PAD_X, 150.0);
      /* top cap (a whole ellipse), the label, the bottom cap's bulge */
      box->h = 2 * HUB_CAP + 8 + box->label_h + 10 + HUB_CAP;
    }
  else
    {
      box->w = MAX (box->label_w + 2 * CARD_PAD_X, CARD_MIN_WIDTH);
      box->h = box->label_h + 2 * CARD_PAD_Y;
    }
}

static void
scene_add_boxes (Scene *scene)
{
  TlDocument *document = scene->document;
  GListModel *stations = tl_document_get_stations (document);
  guint n = g_list_model_get_n_items (stations);

  scene->hub = -1;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlStation) station = g_list_model_get_item (stations, i);
      Box box = { 0 };

      box.station = station;
      box.id = tl_station_get_id (station);
      box.kind = tl_station_get_kind (station);
      box.hub = g_strcmp0 (box.kind, "hub") == 0;
      box.doc_x = tl_station_get_x (station);
      box.doc_y = tl_station_get_y (station);
      box.loops = g_array_new (FALSE, FALSE, sizeof (guint));

      if (!isfinite (box.doc_x))
        box.doc_x = 0;
      if (!isfinite (box.doc_y))
        box.doc_y = 0;

      box_measure (scene, &box);
      if (box.hub && scene->hub < 0)
        scene->hub = scene->boxes->len;

      /* The object outlives the scene: the document holds it. */
      g_array_append_val (scene->boxes, box);
    }
}

/* Shrinks the cards of a document too dense for its drawing (see
 * PLACE_FILL); the hub keeps its size. */
static void
scene_shrink_cards (Scene *scene)
{
  double area = (scene->region_x1 - scene->region_x0) * (scene->region_y1 - scene->region_y0);
  double fill = 0;

  for (guint i = 0; i < scene->boxes->len; i++)
    {
      Box *box = &g_array_index (scene->boxes, Box, i);

      fill += (box->w + CARD_GAP) * (box->h + CARD_GAP);
    }

  if (area <= 0 || fill <= PLACE_FILL * area)
    return;

  scene->card_scale = MAX (CARD_MIN_SCALE, sqrt (PLACE_FILL * area / fill));
  for (guint i = 0; i < scene->boxes->len; i++)
    {
      Box *box = &g_array_index (scene->boxes, Box, i);

      if (box->hub)
        continue;
      box->scale = scene->card_scale;
      box->w *= box->scale;
      box->h *= box->scale;
    }
}

static void
scene_add_loops (Scene *scene)
{
  TlDiagramPainter *painter = scene->painter;
  GListModel *loops = tl_document_get_loops (scene->document);
  guint n = g_list_model_get_n_items (loops);
  gboolean have_focus = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);

      if (painter->focus_loop != NULL && g_strcmp0 (tl_loop_get_id (loop), painter->focus_loop) == 0)
        have_focus = TRUE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);
      const char * const *ids = tl_loop_get_stations (loop);
      LoopInfo info = { 0 };
      g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint));
      guint index = scene->loops->len;

      info.loop = loop;
      info.focused = have_focus && g_strcmp0 (tl_loop_get_id (loop), painter->focus_loop) == 0;
      info.dimmed = have_focus && !info.focused;
      info.hidden = painter->hidden_loops != NULL &&
                    g_strv_contains ((const char * const *) painter->hidden_loops, tl_loop_get_id (loop));
      tl_theme_adjust_loop_color (scene->theme, tl_loop_get_color (loop), &info.color);
      if (info.dimmed)
        tl_color_mix (tl_theme_get_background (scene->theme), &info.color,
                      tl_theme_get_dim_alpha (scene->theme), &info.color);
      g_array_append_val (scene->loops, info);

      /* Stations the loop names but the document lacks are skipped, so a
       * damaged document still draws. */
      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        {
          int b = scene_find_box (scene, ids[j]);

          if (b < 0)
            g_array_index (scene->loops, LoopInfo, index).broken = TRUE;
          else
            {
              Box *box = &g_array_index (scene->boxes, Box, b);
              gboolean seen = info.hidden;

              g_array_append_val (path, b);
              for (guint m = 0; m < box->loops->len; m++)
                seen |= g_array_index (box->loops, guint, m) == index;
              if (!seen)
                g_array_append_val (box->loops, index);
            }
        }

      if (path->len < 2)
        {
          g_array_index (scene->loops, LoopInfo, index).broken = TRUE;
          continue;
        }

      /* A hidden loop takes no room in the bundles either. */
      if (info.hidden)
        {
          gboolean moves = FALSE;

          for (guint j = 1; j < path->len; j++)
            moves |= g_array_index (path, guint, j) != g_array_index (path, guint, 0);
          g_array_index (scene->loops, LoopInfo, index).broken = !moves;
          continue;
        }

      for (guint j = 0; j < path->len; j++)
        {
          Arc arc = { 0 };

          arc.loop = index;
          arc.position = j;
          arc.from = g_array_index (path, guint, j);
          arc.to = g_array_index (path, guint, (j + 1) % path->len);
          if (arc.from != arc.to)
            {
              g_array_append_val (scene->arcs, arc);
              g_array_index (scene->loops, LoopInfo, index).n_arcs++;
            }
        }

      /* every station the same one: no line to draw */
      if (g_array_index (scene->loops, LoopInfo, index).n_arcs == 0)
        g_array_index (scene->loops, LoopInfo, index).broken = TRUE;
    }

  if (have_focus)
    for (guint i = 0; i < scene->boxes->len; i++)
      {
        Box *box = &g_array_index (scene->boxes, Box, i);
        gboolean on_focus = FALSE;

        for (guint m = 0; m < box->loops->len; m++)
          {
            LoopInfo *info = &g_array_index (scene->loops, LoopInfo,
                                             g_array_index (box->loops, guint, m));

            if (info->focused && !info->hidden)
              {
                const char * const *cycle = tl_loop_get_stations (info->loop);
                GString *steps = g_string_new (NULL);

                on_focus = TRUE;
                for (guint k = 0; cycle != NULL && cycle[k] != NULL; k++)
                  if (g_strcmp0 (cycle[k], box->id) == 0)
                    g_string_append_printf (steps, "%s%u", steps->len > 0 ? "·" : "", k + 1);
                g_free (box->steps);
                box->steps = g_string_free (steps, steps->len == 0);
              }
          }
        box->dimmed = !on_focus && !box->hub;
      }
}

static void
scene_add_legend (Scene *scene)
{
  gboolean kind_present[G_N_ELEMENTS (kinds)] = { FALSE, };
  double text_width;
  guint n_cols;
  double col_w;
  double y;

  scene->legend_heading = _tl_render_layout_new (scene->context, scene->theme, scene->language,
                                                 TL_THEME_FONT_SMALL, 1.0, PANGO_WEIGHT_BOLD,
                                                 _("Loops"));
  _tl_render_layout_size (scene->legend_heading, NULL, &scene->legend_heading_h);

  for (guint i = 0; i < scene->loops->len; i++)
    {
      LoopInfo *info = &g_array_index (scene->loops, LoopInfo, i);
      LegendEntry entry = { 0 };
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      entry.loop = i;
      entry.text = _tl_render_layout_new (scene->context, scene->theme, scene->language,
                                          TL_THEME_FONT_BODY, 1.0,
                                          info->focused ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                          tl_loop_get_name (info->loop));
      entry.badge = _tl_render_layout_new (scene->context, scene->theme, "en",
                                           TL_THEME_FONT_SMALL, 1.0, PANGO_WEIGHT_BOLD, number);
      g_array_append_val (scene->legend, entry);
    }

  for (guint i = 0; i < scene->boxes->len; i++)
    {
      int k = kind_index (g_array_index (scene->boxes, Box, i).kind);

      if (k >= 0)
        kind_present[k] = TRUE;
    }

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      LegendEntry entry = { 0 };

      if (!kind_present[k])
        continue;

      entry.loop = -1;
      entry.kind = kinds[k].kind;
      entry.text = _tl_render_layout_new (scene->context, scene->theme, scene->language,
                                          TL_THEME_FONT_SMALL, 1.0, PANGO_WEIGHT_NORMAL,
                                          _(kinds[k].label));
      g_array_append_val (scene->legend, entry);
    }

  /* Beside the diagram on a landscape drawing, under it otherwise. */
  scene->legend_right = scene->width / scene->height >= 1.3;

  if (scene->legend_right)
    {
      scene->legend_w = LEGEND_WIDTH * scene->type_scale;
      scene->legend_x = scene->width - MARGIN - scene->legend_w;
      n_cols = 1;
    }
  else
    {
      scene->legend_w = scene->width - 2 * MARGIN;
      scene->legend_x = MARGIN;
      n_cols = scene->legend_w >= 880 ? 3 : 2;
    }

  col_w = (scene->legend_w - 2 * LEGEND_PAD - (n_cols - 1) * 16.0) / n_cols;
  text_width = col_w - 2 * BADGE_RADIUS - 10;
  if (scene->painter->show_toggles)
    text_width -= TOGGLE_SIZE + TOGGLE_GAP;

  /* Room for the loops' evidence pills, when some loop has evidence */
  scene->loop_evidence = FALSE;
  if (scene->painter->evidence_mode != TL_DIAGRAM_EVIDENCE_NONE)
    for (guint i = 0; i < scene->loops->len; i++)
      if (tl_document_get_evidence (scene->document, "loop",
                                    tl_loop_get_id (g_array_index (scene->loops, LoopInfo, i).loop))->count > 0)
        scene->loop_evidence = TRUE;
  if (scene->loop_evidence)
    text_width -= PILL_ROOM;

  /* Lay the entries out relative to the panel's top-left: loops in
   * columns first, then the station kinds in a row of their own. */
  y = LEGEND_PAD + scene->legend_heading_h + 10;
  for (guint group = 0; group < 2; group++)
    {
      guint col = 0;
      double row_h = 0;
      gboolean any = FALSE;

      for (guint i = 0; i < scene->legend->len; i++)
        {
          LegendEntry *entry = &g_array_index (scene->legend, LegendEntry, i);
          guint kind_cols = scene->legend_right ? 1 : G_N_ELEMENTS (kinds);
          guint cols = group == 0 ? n_cols : kind_cols;
          double cw = group == 0 ? col_w : (scene->legend_w - 2 * LEGEND_PAD) / kind_cols;

          if ((group == 0) != (entry->loop >= 0))
            continue;

          if (!any && group == 1)
            y += 12;  /* room for the separator */
          any = TRUE;

          _tl_render_layout_wrap (entry->text,
                                  group == 0 ? text_width : cw - 30,
                                  LEGEND_MAX_LINES);
          _tl_render_layout_size (entry->text, NULL, &entry->text_h);
          entry->h = MAX (entry->text_h, group == 0 ? 2 * BADGE_RADIUS : 14.0);
          entry->x = LEGEND_PAD + col * (cw + (group == 0 ? 16.0 : 0));
          entry->y = y;
          entry->w = group == 0 ? cw : cw - 8;
          row_h = MAX (row_h, entry->h);

          if (++col == cols)
            {
              col = 0;
              y += row_h + 8;
              row_h = 0;
            }
        }

      if (col != 0)
        y += row_h + 8;
    }

  scene->legend_h = y - 8 + LEGEND_PAD;
}

static double
fit_extent (Scene    *scene,
            double    k,
            gboolean  vertical,
            double   *low)
{
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

  for (guint i = 0; i < scene->boxes->len; i++)
    {
      Box *box = &g_array_index (scene->boxes, Box, i);
      double c = (vertical ? box->doc_y : box->doc_x) * k;
      double half = (vertical ? box->h : box->w) / 2 + FIT_INSET;

      lo = MIN (lo, c - half);
      hi = MAX (hi, c + half);
    }

  if (low != NULL)
    *low = lo;

  return hi - lo;
}

static void
scene_fit (Scene *scene)
{
  TlDiagramPainter *painter = scene->painter;
  double rw = scene->region_x1 - scene->region_x0;
  double rh = scene->region_y1 - scene->region_y0;
  double k, lo_x, lo_y;

  if (scene->boxes->len == 0)
    return;

  if (painter->fit_frozen && painter->have_fit &&
      painter->fit_width == scene->width && painter->fit_height == scene->height)
    {
      scene->k = painter->fit_k;
      scene->ox = painter->fit_ox;
      scene->oy = painter->fit_oy;
    }
  else
    {
      double lo = 0, hi = MAX_ZOOM;

      /* The extents are convex in k: find the largest k that fits. */
      if (fit_extent (scene, hi, FALSE, NULL) <= rw && fit_extent (scene, hi, TRUE, NULL) <= rh)
        lo = hi;
      else
        for (guint i = 0; i < 40; i++)
          {
            double mid = (lo + hi) / 2;

            if (fit_extent (scene, mid, FALSE, NULL) <= rw && fit_extent (scene, mid, TRUE, NULL) <= rh)
              lo = mid;
            else
              hi = mid;
          }

      k = lo;
      scene->k = k;
      scene->ox = scene->region_x0 + (rw - fit_extent (scene, k, FALSE, &lo_x)) / 2 - lo_x;
      scene->oy = scene->region_y0 + (rh - fit_extent (scene, k, TRUE, &lo_y)) / 2 - lo_y;

      painter->have_fit = TRUE;
      painter->fit_width = scene->width;
      painter->fit_height = scene->height;
      painter->fit_k = scene->k;
      painter->fit_ox = scene->ox;
      painter->fit_oy = scene->oy;
    }

  for (guint i = 0; i < scene->boxes->len; i++)
    {
      Box *box = &g_array_index (scene->boxes, Box, i);

      box->px = box->x = box->doc_x * scene->k + scene->ox;
      box->py = box->y = box->doc_y * scene->k + scene->oy;
    }
}

/* ---- label placement ----------------------------------------------------- */

static gboolean
rects_overlap (double ax, double ay, double aw, double ah,
               double bx, double by, double bw, double bh,
               double gap)
{
  return ax < bx + bw + gap && bx < ax + aw + gap &&
         ay < by + bh + gap && by < ay + ah + gap;
}

static gboolean
rect_touches_disc (double x, double y, double w, double h,
                   double cx, double cy, double r)
{
  double nx = CLAMP (cx, x, x + w), ny = CLAMP (cy, y, y + h);

  return hypot (cx - nx, cy - ny) < r;
}

/* Whether card @i of @scene, centred on (@cx, @cy), keeps clear of the
 * cards already placed and of every other station's marker. */
static gboolean
card_is_free (Scene          *scene,
              guint           i,
              const gboolean *placed,
              double          cx,
              double          cy)
{
  Box *box = &g_array_index (scene->boxes, Box, i);
  double x = cx - box->w / 2, y = cy - box->h / 2;

  for (guint j = 0; j < scene->boxes->len; j++)
    {
      Box *other = &g_array_index (scene->boxes, Box, j);

      if (j == i)
        continue;
      if (rect_touches_disc (x, y, box->w, box->h, other->px, other->py, other->marker_r + CARD_GAP))
        return FALSE;
      if (placed[j] &&
          rects_overlap (x, y, box->w, box->h,
                         other->x - other->w / 2, other->y - other->h / 2, other->w, other->h,
                         CARD_GAP))
        return FALSE;
    }

  return TRUE;
}

static int
compare_card_area (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  Scene *scene = user_data;
  Box *x = &g_array_index (scene->boxes, Box, *(const guint *) a);
  Box *y = &g_array_index (scene->boxes, Box, *(const guint *) b);
  double ax = x->w * x->h, ay = y->w * y->h;

  /* then in document order, for a stable result */
  if (ax != ay)
    return ax > ay ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

/* Cards sit on their stations; a card that would cover another card or
 * another station's marker moves beside its station instead, to the
 * first free place of: below, above, right, left, then the corners, then
 * the same a step further out, ring by ring.  Its station then shows a
 * marker where its lines meet.  The hub is placed first, then the others
 * from the biggest card down; a card with no free place (a document far
 * too dense for the drawing) stays on its station.  Where nothing collides, as in
 * the template, nothing moves. */
static void
scene_place_labels (Scene *scene)
{
  static const double directions[][2] = {
    { 0, 1 }, { 0, -1 }, { 1, 0 }, { -1, 0 },
    { 1, 1 }, { -1, 1 }, { 1, -1 }, { -1, -1 },
  };
  guint n = scene->boxes->len;
  g_autofree gboolean *placed = NULL;
  g_autofree guint *order = NULL;
  double spacing = scene->line_width + BUNDLE_GAP;
  double fill = 0;
  guint n_order = 0;

  if (n == 0)
    return;

  /* A marker is round enough to cover the ends of every line of its
   * widest bundle (see scene_route_arcs()). */
  {
    g_autoptr(GHashTable) bundles = g_hash_table_new (g_direct_hash, g_direct_equal);
    g_autofree guint *widest = g_new0 (guint, n);

    for (guint i = 0; i < scene->arcs->len; i++)
      {
        Arc *arc = &g_array_index (scene->arcs, Arc, i);
        gpointer key = GUINT_TO_POINTER (MIN (arc->from, arc->to) * n + MAX (arc->from, arc->to) + 1);
        guint count = GPOINTER_TO_UINT (g_hash_table_lookup (bundles, key)) + 1;

        g_hash_table_insert (bundles, key, GUINT_TO_POINTER (count));
        widest[arc->from] = MAX (widest[arc->from], count);
        widest[arc->to] = MAX (widest[arc->to], count);
      }

    for (guint i = 0; i < n; i++)
      {
        Box *box = &g_array_index (scene->boxes, Box, i);

        box->marker_r = MAX (MARKER_MIN,
                             (MAX (widest[i], 1) - 1) * spacing / 2 + scene->line_width / 2 + 3);
        fill += (box->w + CARD_GAP) * (box->h + CARD_GAP);
      }
  }

  if (fill > PLACE_MAX_FILL * (scene->region_x1 - scene->region_x0) * (scene->region_y1 - scene->region_y0))
    return;

  placed = g_new0 (gboolean, n);
  order = g_new (guint, n);
  if (scene->hub >= 0)
    order[n_order++] = scene->hub;
  for (guint i = 0; i < n; i++)
    if ((int) i != scene->hub)
      order[n_order++] = i;
  /* Big cards first: they have the fewest places to go, and small ones
   * fit into what is left. */
  g_qsort_with_data (order + (scene->hub >= 0), n_order - (scene->hub >= 0), sizeof (guint),
                     compare_card_area, scene);

  for (guint o = 0; o < n; o++)
    {
      guint i = order[o];
      Box *box = &g_array_index (scene->boxes, Box, i);
      double gap = box->marker_r + CARD_GAP;

      placed[i] = TRUE;
      if (card_is_free (scene, i, placed, box->px, box->py))
        continue;

      for (guint ring = 0; ring < PLACE_RINGS; ring++)
        for (guint d = 0; d < G_N_ELEMENTS (directions); d++)
          {
            double ux = directions[d][0], uy = directions[d][1];
            double diagonal = ux != 0 && uy != 0 ? G_SQRT2 / 2 : 1.0;
            double cx = box->px + ux * (gap * diagonal + box->w / 2 + ring * PLACE_STEP);
            double cy = box->py + uy * (gap * diagonal + box->h / 2 + ring * PLACE_STEP);

            /* a moved card stays inside the diagram's region */
            if (cx - box->w / 2 < scene->region_x0 || cx + box->w / 2 > scene->region_x1 ||
                cy - box->h / 2 < scene->region_y0 || cy + box->h / 2 > scene->region_y1)
              continue;
            if (card_is_free (scene, i, placed, cx, cy))
              {
                box->x = cx;
                box->y = cy;
                box->displaced = TRUE;
                goto next;
              }
          }

      /* Nothing free nearby: the nearest free place anywhere in the
       * region, on a grid, leader and all. */
      {
        double best = G_MAXDOUBLE, best_x = 0, best_y = 0;

        for (double cy = scene->region_y0 + box->h / 2; cy + box->h / 2 <= scene->region_y1; cy += PLACE_STEP)
          for (double cx = scene->region_x0 + box->w / 2; cx + box->w / 2 <= scene->region_x1; cx += PLACE_STEP)
            {
              double distance = hypot (cx - box->px, cy - box->py);

              if (distance < best && card_is_free (scene, i, placed, cx, cy))
                {
                  best = distance;
                  best_x = cx;
                  best_y = cy;
                }
            }

        if (best < G_MAXDOUBLE)
          {
            box->x = best_x;
            box->y = best_y;
            box->displaced = TRUE;
          }
      }
    next:
      ;
    }
}

static int
compare_arcs (gconstpointer a,
              gconstpointer b)
{
  const Arc *x = a;
  const Arc *y = b;

  if (x->loop != y->loop)
    return x->loop < y->loop ? -1 : 1;
  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return 0;
}

/* Lines of all loops along one pair of stations run side by side, in loop
 * order from left to right as seen going from the first station of the
 * pair (in document order) to the second; so loop 1 keeps to one side of
 * the bundle wherever it goes, as on a metro map.  A bundle that would
 * cross another station's card bends around it. */
static void
scene_route_arcs (Scene *scene)
{
  double spacing = scene->line_width + BUNDLE_GAP;
  guint n = scene->arcs->len;
  g_autofree gboolean *done = g_new0 (gboolean, n);

  g_array_sort (scene->arcs, compare_arcs);

  for (guint i = 0; i < n; i++)
    {
      Arc *first = &g_array_index (scene->arcs, Arc, i);
      guint a = MIN (first->from, first->to);
      guint b = MAX (first->from, first->to);
      g_autoptr(GArray) group = g_array_new (FALSE, FALSE, sizeof (guint));
      Box *ba, *bb;
      double dx, dy, len, nx, ny, bend = 0, bundle_half;

      if (done[i])
        continue;

      for (guint j = i; j < n; j++)
        {
          Arc *arc = &g_array_index (scene->arcs, Arc, j);

          if (MIN (arc->from, arc->to) == a && MAX (arc->from, arc->to) == b)
            {
              g_array_append_val (group, j);
              done[j] = TRUE;
            }
        }

      ba = &g_array_index (scene->boxes, Box, a);
      bb = &g_array_index (scene->boxes, Box, b);
      dx = bb->px - ba->px;
      dy = bb->py - ba->py;
      len = hypot (dx, dy);
      if (len < 1e-6)
        {
          dx = 1;
          dy = 0;
          len = 1;
        }
      nx = -dy / len;
      ny = dx / len;
      bundle_half = (group->len - 1) * spacing / 2 + scene->line_width / 2;

      for (guint c = 0; c < scene->boxes->len; c++)
        {
          Box *obstacle = &g_array_index (scene->boxes, Box, c);
          double t, s, reach, need, side, ctl;

          if (c == a || c == b)
            continue;

          t = ((obstacle->x - ba->px) * dx + (obstacle->y - ba->py) * dy) / (len * len);
          if (t <= 0.05 || t >= 0.95)
            continue;

          s = (obstacle->x - ba->px) * nx + (obstacle->y - ba->py) * ny;
          reach = fabs (nx) * obstacle->w / 2 + fabs (ny) * obstacle->h / 2 + bundle_half + 14.0;
          if (fabs (s) >= reach)
            continue;

          /* Pass on the side away from the obstacle's centre. */
          side = s > 0 ? -1.0 : 1.0;
          if (bend != 0)
            side = bend > 0 ? 1.0 : -1.0;
          need = reach + side * s;     /* s on the other side counts against us */
          t = CLAMP (t, 0.15, 0.85);
          ctl = need / (2 * t * (1 - t));
          ctl = MIN (ctl, len * 0.7);
          if (fabs (ctl) > fabs (bend))
            bend = side * ctl;
        }

      for (guint g = 0; g < group->len; g++)
        {
          Arc *arc = &g_array_index (scene->arcs, Arc, g_array_index (group, guint, g));
          double offset = (g - (group->len - 1) / 2.0) * spacing;
          double ax = ba->px + nx * offset, ay = ba->py + ny * offset;
          double bx = bb->px + nx * offset, by = bb->py + ny * offset;
          double mx = (ax + bx) / 2 + nx * bend, my = (ay + by) / 2 + ny * bend;

          arc->slot = g;
          arc->n_slots = group->len;
          arc->offset = offset;
          arc->cx = mx;
          arc->cy = my;
          if (arc->from == a)
            {
              arc->x0 = ax; arc->y0 = ay;
              arc->x1 = bx; arc->y1 = by;
            }
          else
            {
              arc->x0 = bx; arc->y0 = by;
              arc->x1 = ax; arc->y1 = ay;
            }
        }
    }
}

static Scene *
scene_new (TlDiagramPainter *self,
           double            width,
           double            height)
{
  Scene *scene = g_new0 (Scene, 1);
  double heading_h, top;

  scene->painter = self;
  scene->document = tl_painter_get_document (TL_PAINTER (self));
  scene->theme = tl_painter_get_theme (TL_PAINTER (self));
  scene->language = tl_document_get_language (scene->document);
  scene->unit = _tl_render_unit (width, height);
  scene->boxes = g_array_new (FALSE, TRUE, sizeof (Box));
  g_array_set_clear_func (scene->boxes, box_clear);
  scene->loops = g_array_new (FALSE, TRUE, sizeof (LoopInfo));
  scene->arcs = g_array_new (FALSE, TRUE, sizeof (Arc));
  scene->legend = g_array_new (FALSE, TRUE, sizeof (LegendEntry));
  g_array_set_clear_func (scene->legend, legend_entry_clear);
  scene->hub = -1;

  if (scene->unit <= 0)
    return scene;

  scene->width = width / scene->unit;
  scene->height = height / scene->unit;
  scene->line_width = tl_theme_get_line_width (scene->theme);
  scene->type_scale = tl_theme_get_font_size (scene->theme, TL_THEME_FONT_LABEL) / 16.0;
  scene->card_scale = 1.0;
  scene->context = _tl_render_context_new (scene->language);

  heading_h = _tl_render_heading_init (&scene->heading, scene->context, scene->theme, scene->language,
                                       tl_document_get_title (scene->document), 2,
                                       _("Loop diagram: stations and the closed loops through them"),
                                       scene->width - 2 * MARGIN);
  top = MARGIN + heading_h + TITLE_GAP;

  scene_add_boxes (scene);
  scene_add_loops (scene);
  scene_add_legend (scene);

  scene->region_x0 = MARGIN;
  scene->region_y0 = top;
  scene->legend_y = top;
  if (scene->legend_right)
    {
      scene->region_x1 = scene->legend_x - LEGEND_GAP;
      scene->region_y1 = scene->height - MARGIN;
    }
  else
    {
      scene->region_x1 = scene->width - MARGIN;
      scene->region_y1 = scene->height - MARGIN - scene->legend_h - LEGEND_GAP;
      scene->legend_y = scene->height - MARGIN - scene->legend_h;
    }

  scene_shrink_cards (scene);
  scene_fit (scene);
  scene_place_labels (scene);
  scene_route_arcs (scene);

  return scene;
}

/* The scene of a @width × @height drawing, owned by the painter: laid out
 * again only when the size, the document, the theme, the focus or the
 * fit's freezing changed since the last one.  A hit-test on every pointer
 * motion then costs a search, not a layout of every label. */
static Scene *
scene_get (TlDiagramPainter *self,
           double            width,
           double            height)
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

/* ---- drawing ----------------------------------------------------------- */

static void
arc_point (const Arc *arc,
           double     t,
           double    *x,
           double    *y,
           double    *tx,
           double    *ty)
{
  double u = 1 - t;
  double dx, dy, len;

  *x = u * u * arc->x0 + 2 * u * t * arc->cx + t * t * arc->x1;
  *y = u * u * arc->y0 + 2 * u * t * arc->cy + t * t * arc->y1;
  dx = 2 * u * (arc->cx - arc->x0) + 2 * t * (arc->x1 - arc->cx);
  dy = 2 * u * (arc->cy - arc->y0) + 2 * t * (arc->y1 - arc->cy);
  len = hypot (dx, dy);
  *tx = len > 0 ? dx / len : 1;
  *ty = len > 0 ? dy / len : 0;
}

static void
arc_path (cairo_t   *cr,
          const Arc *arc)
{
  /* The quadratic as the cubic cairo draws */
  cairo_move_to (cr, arc->x0, arc->y0);
  cairo_curve_to (cr,
                  arc->x0 + 2.0 / 3.0 * (arc->cx - arc->x0),
                  arc->y0 + 2.0 / 3.0 * (arc->cy - arc->y0),
                  arc->x1 + 2.0 / 3.0 * (arc->cx - arc->x1),
                  arc->y1 + 2.0 / 3.0 * (arc->cy - arc->y1),
                  arc->x1, arc->y1);
}

static void
draw_connectors (Scene   *scene,
                 cairo_t *cr)
{
  Box *hub;
  double dashes[] = { 5.0, 4.0 };

  if (scene->hub < 0)
    return;

  hub = &g_array_index (scene->boxes, Box, scene->hub);

  cairo_save (cr);
  cairo_set_line_width (cr, MAX (1.5, scene->line_width * 0.35));
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  _tl_render_set_color (cr, tl_theme_get_color (scene->theme, TL_THEME_CONNECTOR), 1.0);

  /* Orders come in through the hub, pain points come out of it and
   * sharing goes through it (DOMAIN.md §2): it links to the online and
   * micro-data stations. */
  for (guint i = 0; i < scene->boxes->len; i++)
    {
      Box *box = &g_array_index (scene->boxes, Box, i);

      if (g_strcmp0 (box->kind, "online") != 0 && g_strcmp0 (box->kind, "micro-data") != 0)
        continue;

      /* One stroke per line: a single path of lines that all meet at the
       * hub costs cairo far more to tessellate. */
      cairo_move_to (cr, hub->px, hub->py);
      cairo_line_to (cr, box->px, box->py);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static gboolean
loop_selected (Scene *scene,
               guint  index)
{
  TlDiagramPainter *painter = scene->painter;
  LoopInfo *info = &g_array_index (scene->loops, LoopInfo, index);

  return g_strcmp0 (painter->selection_kind, "loop") == 0 &&
         g_strcmp0 (painter->selection_id, tl_loop_get_id (info->loop)) == 0;
}

/* The selected loop's halo goes under every line, so no other loop
 * hides it. */
static void
draw_selection_halo (Scene   *scene,
                     cairo_t *cr)
{
  for (guint index = 0; index < scene->loops->len; index++)
    {
      if (!loop_selected (scene, index))
        continue;

      cairo_save (cr);
      for (guint i = 0; i < scene->arcs->len; i++)
        {
          Arc *arc = &g_array_index (scene->arcs, Arc, i);

          if (arc->loop == index)
            arc_path (cr, arc);
        }
      cairo_set_line_width (cr, scene->line_width * 3.4);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      _tl_render_set_color (cr, tl_theme_get_color (scene->theme, TL_THEME_SELECTION), 0.3);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

static void
draw_loop_lines (Scene    *scene,
                 cairo_t  *cr,
                 guint     index)
{
  LoopInfo *info = &g_array_index (scene->loops, LoopInfo, index);
  const TlColor *background = tl_theme_get_background (scene->theme);
  double lw = scene->line_width;

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  for (guint i = 0; i < scene->arcs->len; i++)
    {
      Arc *arc = &g_array_index (scene->arcs, Arc, i);

      if (arc->loop != index)
        continue;

      /* A casing of background colour, so a line that crosses another
       * reads as passing over it. */
      arc_path (cr, arc);
      cairo_set_line_width (cr, lw + 3.0);
      _tl_render_set_color (cr, background, 1.0);
      cairo_stroke_preserve (cr);
      cairo_set_line_width (cr, lw);
      _tl_render_set_color (cr, &info->color, 1.0);
      cairo_stroke (cr);
    }

  cairo_restore (cr);
}

static void
draw_arrows (Scene   *scene,
             cairo_t *cr,
             guint    index)
{
  LoopInfo *info = &g_array_index (scene->loops, LoopInfo, index);
  double lw = scene->line_width;
  double length = lw * 2.6;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);

  for (guint i = 0; i < scene->arcs->len; i++)
    {
      Arc *arc = &g_array_index (scene->arcs, Arc, i);
      double x, y, tx, ty, half;

      if (arc->loop != index)
        continue;

      /* In a bundle a head stays clear of the neighbouring lines (see
       * BUNDLE_GAP); a lone line gets a broader one. */
      half = arc->n_slots > 1 ? lw / 2 + BUNDLE_GAP - 1.0 : lw * 1.5;

      arc_point (arc, 0.5, &x, &y, &tx, &ty);

      cairo_move_to (cr, x + tx * length / 2, y + ty * length / 2);
      cairo_line_to (cr, x - tx * length / 2 - ty * half, y - ty * length / 2 + tx * half);
      cairo_line_to (cr, x - tx * length * 0.22, y - ty * length * 0.22);
      cairo_line_to (cr, x - tx * length / 2 + ty * half, y - ty * length / 2 - tx * half);
      cairo_close_path (cr);

      cairo_set_line_width (cr, 1.5);
      _tl_render_set_color (cr, tl_theme_get_background (scene->theme), 1.0);
      cairo_stroke_preserve (cr);
      _tl_render_set_color (cr, &info->color, 1.0);
      cairo_fill (cr);
    }

  cairo_restore (cr);
}

static void
kind_colors (Scene         *scene,
             const char    *kind,
             TlColor       *fill,
             TlColor       *border)
{
  const TlColor *surface = tl_theme_get_color (scene->theme, TL_THEME_SURFACE);
  const TlColor *outline = tl_theme_get_color (scene->theme, TL_THEME_SURFACE_BORDER);
  gboolean dark = tl_theme_get_dark (scene->theme);
  int k = kind_index (kind);

  *fill = *surface;
  *border = *outline;

  if (k >= 0)
    {
      const TlColor *hue = tl_theme_get_color (scene->theme, kinds[k].hue);

      tl_color_mix (surface, hue, dark ? 0.16 : 0.07, fill);
      tl_color_mix (outline, hue, dark ? 0.45 : 0.55, border);
    }
}

/* The hub's drum without its lid: down the left side, round the bottom
 * rim, up the right side. */
static void
hub_side_path (cairo_t *cr,
               Box     *box)
{
  double x = box->x - box->w / 2;
  double y = box->y - box->h / 2;
  double bottom = y + box->h - HUB_CAP;

  cairo_move_to (cr, x, y + HUB_CAP);
  cairo_line_to (cr, x, bottom);
  cairo_save (cr);
  cairo_translate (cr, box->x, bottom);
  cairo_scale (cr, box->w / 2, HUB_CAP);
  cairo_arc_negative (cr, 0, 0, 1, G_PI, 0);
  cairo_restore (cr);
  cairo_line_to (cr, x + box->w, y + HUB_CAP);
}

/* Whether a station shows a marker where its lines meet: when its card
 * moved aside, or is too small to cover the ends of its bundles. */
static gboolean
box_shows_marker (Box *box)
{
  return box->displaced || 2 * box->marker_r > MIN (box->w, box->h);
}

/* A card moved off its station: the station is a ring where its lines
 * meet, as a metro map draws an interchange, and a thin leader ties the
 * card to it. */
static void
draw_marker (Scene    *scene,
             cairo_t  *cr,
             Box      *box,
             gboolean  selected)
{
  TlTheme *theme = scene->theme;
  double cx = CLAMP (box->px, box->x - box->w / 2, box->x + box->w / 2);
  double cy = CLAMP (box->py, box->y - box->h / 2, box->y + box->h / 2);
  TlColor fill, border;

  kind_colors (scene, box->kind, &fill, &border);
  if (box->hub)
    border = *tl_theme_get_color (theme, TL_THEME_HUB_BORDER);

  cairo_save (cr);
  if (hypot (cx - box->px, cy - box->py) > box->marker_r + 1)
    {
      cairo_move_to (cr, box->px, box->py);
      cairo_line_to (cr, cx, cy);
      cairo_set_line_width (cr, 1.25);
      _tl_render_set_color (cr, &border, box->dimmed ? 0.45 : 1.0);
      cairo_stroke (cr);
    }

  cairo_new_path (cr);
  cairo_arc (cr, box->px, box->py, box->marker_r, 0, 2 * G_PI);
  _tl_render_set_color (cr, tl_theme_get_color (theme, TL_THEME_SURFACE), 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 2.0);
  _tl_render_set_color (cr, box->dimmed ? &border : tl_theme_get_text (theme), box->dimmed ? 0.6 : 1.0);
  cairo_stroke (cr);

  if (selected)
    {
      cairo_arc (cr, box->px, box->py, box->marker_r + SELECTION_GAP, 0, 2 * G_PI);
      cairo_set_line_width (cr, 2.5);
      _tl_render_set_color (cr, tl_theme_get_color (theme, TL_THEME_SELECTION), 1.0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* ---- evidence ---------------------------------------------------------- */

/* The evidence of @kind/@id when the mode shows it and something is
 * linked, else NULL */
static const TlEvidence *
scene_evidence (Scene      *scene,
                const char *kind,
                const char *id)
{
  const TlEvidence *e;

  if (scene->painter->evidence_mode == TL_DIAGRAM_EVIDENCE_NONE || id == NULL)
    return NULL;

  e = tl_document_get_evidence (scene->document, kind, id);
  return e->count > 0 ? e : NULL;
}

/* @fill mixed with the heat colour of @e against the largest of its kind:
 * count or temperature, by the mode */
static void
evidence_tint (Scene            *scene,
               const TlEvidence *e,
               const TlEvidence *max,
               TlColor          *fill)
{
  gboolean temperature = scene->painter->evidence_mode == TL_DIAGRAM_EVIDENCE_TEMPERATURE;
  double value = temperature ? e->temperature : (double) e->count;
  double top = temperature ? max->temperature : (double) max->count;
  TlColor heat;

  tl_theme_heat_color (scene->theme, temperature ? TL_HEAT_TEMPERATURE : TL_HEAT_EVIDENCE,
                       top > 0 ? CLAMP (value / top, 0.0, 1.0) : 1.0, &heat);
  tl_color_mix (fill, &heat, EVIDENCE_TINT, fill);
}

/* A pill with @e's count, its right end at @right and its middle at @cy;
 * its look tells the evidence strength: a hollow outline when weak, the
 * muted text colour when moderate, the text colour when strong. */
static void
draw_evidence_pill (Scene            *scene,
                    cairo_t          *cr,
                    const TlEvidence *e,
                    double            right,
                    double            cy,
                    double            alpha)
{
  TlTheme *theme = scene->theme;
  TlEvidenceStrength strength = tl_evidence_get_strength (e, scene->document);
  g_autofree char *text = e->count > 999 ? g_strdup ("999+")
                                         : g_strdup_printf ("%" G_GUINT64_FORMAT, e->count);
  g_autoptr(PangoLayout) layout = _tl_render_layout_new (scene->context, theme, "en",
                                                         TL_THEME_FONT_SMALL, 0.85,
                                                         PANGO_WEIGHT_BOLD, text);
  double tw, th, w, h, x, y;
  TlColor fill, on_fill;

  _tl_render_layout_size (layout, &tw, &th);
  h = MAX (PILL_HEIGHT, th + 2);
  w = MAX (h, tw + 2 * PILL_PAD_X);
  x = right - w;
  y = cy - h / 2;

  if (strength == TL_EVIDENCE_WEAK)
    {
      fill = *tl_theme_get_color (theme, TL_THEME_SURFACE);
      on_fill = *tl_theme_get_text (theme);
    }
  else
    {
      fill = *(strength == TL_EVIDENCE_STRONG ? tl_theme_get_text (theme)
                                              : tl_theme_get_muted_text (theme));
      tl_theme_text_on (theme, &fill, &on_fill);
    }

  cairo_new_path (cr);
  _tl_render_rounded_rect (cr, x, y, w, h, h / 2);
  _tl_render_set_color (cr, &fill, alpha);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.25);
  _tl_render_set_color (cr, strength == TL_EVIDENCE_WEAK ? tl_theme_get_muted_text (theme)
                                                         : tl_theme_get_background (theme),
                        alpha);
  cairo_stroke (cr);

  _tl_render_set_color (cr, &on_fill, alpha);
  _tl_render_show_layout (cr, layout, x + (w - tw) / 2, y + (h - th) / 2);
}

/* A disc (a pill for "1·4") in the focused loop's colour with @steps,
 * its left end at @left and its middle at @cy */
static void
draw_step_badge (Scene      *scene,
                 cairo_t    *cr,
                 const char *steps,
                 double      left,
                 double      cy)
{
  const LoopInfo *focused = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  double tw, th, w, h;
  TlColor on_fill;

  for (guint i = 0; i < scene->loops->len && focused == NULL; i++)
    if (g_array_index (scene->loops, LoopInfo, i).focused)
      focused = &g_array_index (scene->loops, LoopInfo, i);
  if (focused == NULL)
    return;

  layout = _tl_render_layout_new (scene->context, scene->theme, "en", TL_THEME_FONT_SMALL,
                                  1.0, PANGO_WEIGHT_BOLD, steps);
  _tl_render_layout_size (layout, &tw, &th);
  h = MAX (2 * BADGE_RADIUS, th + 2);
  w = MAX (h, tw + 2 * PILL_PAD_X);
  cairo_new_path (cr);
  _tl_render_rounded_rect (cr, left, cy - h / 2, w, h, h / 2);
  _tl_render_set_color (cr, &focused->color, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.5);
  _tl_render_set_color (cr, tl_theme_get_background (scene->theme), 1.0);
  cairo_stroke (cr);
  tl_theme_text_on (scene->theme, &focused->color, &on_fill);
  _tl_render_set_color (cr, &on_fill, 1.0);
  _tl_render_show_layout (cr, layout, left + (w - tw) / 2, cy - th / 2);
}

static void
draw_station (Scene   *scene,
              cairo_t *cr,
              Box     *box)
{
  TlDiagramPainter *painter = scene->painter;
  TlTheme *theme = scene->theme;
  const TlColor *background = tl_theme_get_background (theme);
  /* A shrunken card (see scene_shrink_cards()) is drawn at full size,
   * scaled about its centre: its label is laid out once. */
  double w = box->w / box->scale;
  double h = box->h / box->scale;
  double x = box->x - w / 2;
  double y = box->y - h / 2;
  gboolean selected = g_strcmp0 (painter->selection_kind, "station") == 0 &&
                      g_strcmp0 (painter->selection_id, box->id) == 0;
  const TlEvidence *evidence = scene_evidence (scene, "station", box->id);
  TlColor fill, border, text;

  if (box_shows_marker (box))
    draw_marker (scene, cr, box, selected);

  cairo_save (cr);
  if (box->scale != 1.0)
    {
      cairo_translate (cr, box->x, box->y);
      cairo_scale (cr, box->scale, box->scale);
      cairo_translate (cr, -box->x, -box->y);
    }

  if (box->hub)
    {
      const TlColor *hub_fill = tl_theme_get_color (theme, TL_THEME_HUB_FILL);
      double rx = w / 2;
      TlColor top_fill;

      /* The cylinder of the steam engine: a database drum. */
      cairo_save (cr);
      cairo_translate (cr, 0, 3);
      hub_side_path (cr, box);
      cairo_close_path (cr);
      _tl_render_set_color (cr, tl_theme_get_color (theme, TL_THEME_SHADOW), 1.0);
      cairo_fill (cr);
      cairo_restore (cr);

      hub_side_path (cr, box);
      cairo_save (cr);
      cairo_translate (cr, box->x, y + HUB_CAP);
      cairo_scale (cr, rx, HUB_CAP);
      cairo_arc (cr, 0, 0, 1, 0, G_PI);
      cairo_restore (cr);
      cairo_close_path (cr);
      _tl_render_set_color (cr, hub_fill, 1.0);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.5);
      _tl_render_set_color (cr, tl_theme_get_color (theme, TL_THEME_HUB_BORDER), 1.0);
      cairo_stroke (cr);

      /* the lid, lighter, reads as the top of a drum */
      cairo_save (cr);
      cairo_translate (cr, box->x, y + HUB_CAP);
      cairo_scale (cr, rx, HUB_CAP);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      tl_color_mix (hub_fill, &(TlColor) { 1, 1, 1, 1 }, 0.22, &top_fill);
      _tl_render_set_color (cr, &top_fill, 1.0);
      cairo_fill_preserve (cr);
      _tl_render_set_color (cr, tl_theme_get_color (theme, TL_THEME_HUB_BORDER), 1.0);
      cairo_stroke (cr);

      if (selected)
        {
          _tl_render_rounded_rect (cr, x - SELECTION_GAP, y - SELECTION_GAP,
                                   w + 2 * SELECTION_GAP, h + 2 * SELECTION_GAP + 3,
                                   CARD_RADIUS + SELECTION_GAP);
          cairo_set_line_width (cr, 2.5);
          _tl_render_set_color (cr, tl_theme_get_color (theme, TL_THEME_SELECTION), 1.0);
          cairo_stroke (cr);
        }

      _tl_render_set_color (cr, tl_theme_get_color (theme, TL_THEME_HUB_TEXT), 1.0);
      _tl_render_show_layout (cr, box->label, box->x - box->label_w / 2, y + 2 * HUB_CAP + 8);
      if (evidence != NULL)
        draw_evidence_pill (scene, cr, evidence, x + w + 6, y + HUB_CAP, 1.0);
      cairo_restore (cr);
      return;
    }

  kind_colors (scene, box->kind, &fill, &border);
  if (evidence != NULL)
    evidence_tint (scene, evidence, &scene->max_station, &fill);
  text = *tl_theme_get_text (theme);
  if (box->dimmed)
    {
      tl_color_mix (background, &fill, 0.6, &fill);
      tl_color_mix (background, &border, 0.45, &border);
      tl_color_mix (background, &text, 0.45, &text);
    }

  /* a soft shadow: two offset layers */
  for (guint i = 0; i < 2; i++)
    {
      _tl_render_rounded_rect (cr, x - i, y + 1.5 + i, w + 2 * i, h + i, CARD_RADIUS + i);
      _tl_render_set_color (cr, tl_theme_get_color (theme, TL_THEME_SHADOW), box->dimmed ? 0.4 : 1.0);
      cairo_fill (cr);
    }

  _tl_render_rounded_rect (cr, x, y, w, h, CARD_RADIUS);
  _tl_render_set_color (cr, &fill, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.25);
  _tl_render_set_color (cr, &border, 1.0);
  cairo_stroke (cr);

  if (selected)
    {
      _tl_render_rounded_rect (cr, x - SELECTION_GAP, y - SELECTION_GAP,
                               w + 2 * SELECTION_GAP, h + 2 * SELECTION_GAP,
                               CARD_RADIUS + SELECTION_GAP);
      cairo_set_line_width (cr, 2.5);
      _tl_render_set_color (cr, tl_theme_get_color (theme, TL_THEME_SELECTION), 1.0);
      cairo_stroke (cr);
    }

  _tl_render_set_color (cr, &text, 1.0);
  _tl_render_show_layout (cr, box->label, box->x - box->label_w / 2, box->y - box->label_h / 2);

  /* The loops that stop here, as a metro map marks interchanges: small
   * dots on the card's lower edge. */
  if (box->loops->len > 0)
    {
      double total = (box->loops->len - 1) * DOT_STEP;
      double dy = y + h;

      for (guint i = 0; i < box->loops->len; i++)
        {
          guint index = g_array_index (box->loops, guint, i);
          LoopInfo *info = &g_array_index (scene->loops, LoopInfo, index);
          double dx = box->x - total / 2 + i * DOT_STEP;

          cairo_arc (cr, dx, dy, DOT_RADIUS + 1.2, 0, 2 * G_PI);
          _tl_render_set_color (cr, &fill, 1.0);
          cairo_fill (cr);
          cairo_arc (cr, dx, dy, DOT_RADIUS, 0, 2 * G_PI);
          _tl_render_set_color (cr, &info->color, 1.0);
          cairo_fill (cr);
        }
    }

  /* The count rides on the top-right corner, like a notification's */
  if (evidence != NULL)
    draw_evidence_pill (scene, cr, evidence, x + w + 6, y, box->dimmed ? 0.6 : 1.0);

  /* In a focused loop, the station's place in its cycle on the top-left
   * corner, in the loop's colour */
  if (box->steps != NULL)
    draw_step_badge (scene, cr, box->steps, x - 6, y);

  cairo_restore (cr);
}

/* The area of a legend entry, scene units: what is highlighted when its
 * loop is selected and what a click on it hits. */
static void
legend_entry_rect (Scene       *scene,
                   LegendEntry *entry,
                   double      *x,
                   double      *y,
                   double      *width,
                   double      *height)
{
  *x = scene->legend_x + entry->x - 6;
  *y = scene->legend_y + entry->y - 4;
  *width = entry->w + 12;
  *height = entry->h + 8;
}

/* The show/hide toggle at the end of a loop's legend entry, scene units */
static void
legend_toggle_rect (Scene       *scene,
                    LegendEntry *entry,
                    double      *x,
                    double      *y,
                    double      *width,
                    double      *height)
{
  *x = scene->legend_x + entry->x + entry->w - TOGGLE_SIZE;
  *y = scene->legend_y + entry->y + BADGE_RADIUS - TOGGLE_SIZE / 2;
  *width = TOGGLE_SIZE;
  *height = TOGGLE_SIZE;
}

/* The index of the loop whose show/hide toggle is at (@x, @y), scene
 * units, or -1 */
static int
scene_legend_toggle_at (Scene  *scene,
                        double  x,
                        double  y)
{
  if (!scene->painter->show_toggles)
    return -1;

  for (guint i = 0; i < scene->legend->len; i++)
    {
      LegendEntry *entry = &g_array_index (scene->legend, LegendEntry, i);
      double rx, ry, rw, rh;

      if (entry->loop < 0)
        continue;

      legend_toggle_rect (scene, entry, &rx, &ry, &rw, &rh);
      if (x >= rx && x < rx + rw && y >= ry && y < ry + rh)
        return entry->loop;
    }

  return -1;
}

/* An eye, struck through when @crossed: "shown" and "hidden" */
static void
draw_eye (Scene         *scene,
          cairo_t       *cr,
          double         cx,
          double         cy,
          const TlColor *color,
          gboolean       crossed)
{
  double w = TOGGLE_SIZE * 0.36, h = TOGGLE_SIZE * 0.22;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_move_to (cr, cx - w, cy);
  cairo_curve_to (cr, cx - w / 2, cy - h * 1.4, cx + w / 2, cy - h * 1.4, cx + w, cy);
  cairo_curve_to (cr, cx + w / 2, cy + h * 1.4, cx - w / 2, cy + h * 1.4, cx - w, cy);
  cairo_close_path (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  _tl_render_set_color (cr, color, 1.0);
  cairo_stroke (cr);
  cairo_arc (cr, cx, cy, h * 0.75, 0, 2 * G_PI);
  cairo_fill (cr);

  if (crossed)
    {
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_move_to (cr, cx - w, cy + w * 0.9);
      cairo_line_to (cr, cx + w, cy - w * 0.9);
      cairo_set_line_width (cr, 4.0);
      _tl_render_set_color (cr, tl_theme_get_color (scene->theme, TL_THEME_SURFACE), 1.0);
      cairo_stroke_preserve (cr);
      cairo_set_line_width (cr, 1.5);
      _tl_render_set_color (cr, color, 1.0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* The index of the loop whose legend entry is at (@x, @y), scene units,
 * or -1 */
static int
scene_legend_loop_at (Scene  *scene,
                      double  x,
                      double  y)
{
  for (guint i = 0; i < scene->legend->len; i++)
    {
      LegendEntry *entry = &g_array_index (scene->legend, LegendEntry, i);
      double rx, ry, rw, rh;

      if (entry->loop < 0)
        continue;

      legend_entry_rect (scene, entry, &rx, &ry, &rw, &rh);
      if (x >= rx && x < rx + rw && y >= ry && y < ry + rh)
        return entry->loop;
    }

  return -1;
}

static void
draw_legend (Scene   *scene,
             cairo_t *cr)
{
  TlTheme *theme = scene->theme;
  double x0 = scene->legend_x, y0 = scene->legend_y;
  gboolean separator_done = FALSE;

  if (scene->legend->len == 0)
    return;

  cairo_save (cr);

  _tl_render_rounded_rect (cr, x0, y0, scene->legend_w, scene->legend_h, 12);
  _tl_render_set_color (cr, tl_theme_get_color (theme, TL_THEME_SURFACE), 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.0);
  _tl_render_set_color (cr, tl_theme_get_grid (theme), 1.0);
  cairo_stroke (cr);

  _tl_render_set_color (cr, tl_theme_get_muted_text (theme), 1.0);
  _tl_render_show_layout (cr, scene->legend_heading, x0 + LEGEND_PAD, y0 + LEGEND_PAD);

  for (guint i = 0; i < scene->legend->len; i++)
    {
      LegendEntry *entry = &g_array_index (scene->legend, LegendEntry, i);
      double ex = x0 + entry->x, ey = y0 + entry->y;

      if (entry->loop >= 0)
        {
          LoopInfo *info = &g_array_index (scene->loops, LoopInfo, entry->loop);
          double bw, bh, rx, ry, rw, rh;
          TlColor on_badge;
          const TlColor *text;

          if (loop_selected (scene, entry->loop))
            {
              legend_entry_rect (scene, entry, &rx, &ry, &rw, &rh);
              _tl_render_rounded_rect (cr, rx, ry, rw, rh, 8);
              _tl_render_set_color (cr, tl_theme_get_color (theme, TL_THEME_SELECTION), 0.18);
              cairo_fill (cr);
            }

          if (info->broken)
            {
              /* A broken loop: a hollow, dashed badge struck through,
               * its number in the loop's colour. */
              double dashes[] = { 3.0, 2.0 };
              double d = BADGE_RADIUS * G_SQRT2 / 2 - 1;

              cairo_save (cr);
              cairo_set_line_width (cr, 2.0);
              cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
              /* showing text left a current point: no line from there */
              cairo_new_path (cr);
              cairo_arc (cr, ex + BADGE_RADIUS, ey + BADGE_RADIUS, BADGE_RADIUS - 1, 0, 2 * G_PI);
              _tl_render_set_color (cr, &info->color, 1.0);
              cairo_stroke (cr);
              cairo_set_dash (cr, NULL, 0, 0);
              cairo_move_to (cr, ex + BADGE_RADIUS - d, ey + BADGE_RADIUS + d);
              cairo_line_to (cr, ex + BADGE_RADIUS + d, ey + BADGE_RADIUS - d);
              cairo_stroke (cr);
              cairo_restore (cr);
              on_badge = info->color;
            }
          else
            {
              TlColor badge = info->color;

              /* A hidden loop's badge fades towards the panel. */
              if (info->hidden)
                tl_color_mix (tl_theme_get_color (theme, TL_THEME_SURFACE), &badge, 0.35, &badge);
              cairo_arc (cr, ex + BADGE_RADIUS, ey + BADGE_RADIUS, BADGE_RADIUS, 0, 2 * G_PI);
              _tl_render_set_color (cr, &badge, 1.0);
              cairo_fill (cr);
              tl_theme_text_on (theme, &badge, &on_badge);
            }

          _tl_render_layout_size (entry->badge, &bw, &bh);
          _tl_render_set_color (cr, &on_badge, 1.0);
          _tl_render_show_layout (cr, entry->badge,
                                  ex + BADGE_RADIUS - bw / 2, ey + BADGE_RADIUS - bh / 2);

          text = info->dimmed || info->hidden ? tl_theme_get_muted_text (theme) : tl_theme_get_text (theme);
          _tl_render_set_color (cr, text, 1.0);
          _tl_render_show_layout (cr, entry->text, ex + 2 * BADGE_RADIUS + 10,
                                  ey + MAX (0, (2 * BADGE_RADIUS - entry->text_h) / 2));

          if (scene->loop_evidence)
            {
              const TlEvidence *evidence = scene_evidence (scene, "loop", tl_loop_get_id (info->loop));
              double right = ex + entry->w;

              if (scene->painter->show_toggles)
                right -= TOGGLE_SIZE + TOGGLE_GAP;
              if (evidence != NULL)
                draw_evidence_pill (scene, cr, evidence, right, ey + BADGE_RADIUS,
                                    info->dimmed || info->hidden ? 0.6 : 1.0);
            }

          if (scene->painter->show_toggles)
            {
              legend_toggle_rect (scene, entry, &rx, &ry, &rw, &rh);
              draw_eye (scene, cr, rx + rw / 2, ry + rh / 2,
                        info->hidden ? tl_theme_get_muted_text (theme) : tl_theme_get_text (theme),
                        info->hidden);
            }
        }
      else
        {
          TlColor fill, border;

          if (!separator_done)
            {
              cairo_move_to (cr, x0 + LEGEND_PAD, ey - 10);
              cairo_line_to (cr, x0 + scene->legend_w - LEGEND_PAD, ey - 10);
              cairo_set_line_width (cr, 1.0);
              _tl_render_set_color (cr, tl_theme_get_grid (theme), 1.0);
              cairo_stroke (cr);
              separator_done = TRUE;
            }

          kind_colors (scene, entry->kind, &fill, &border);
          _tl_render_rounded_rect (cr, ex + 1, ey + (entry->h - 14) / 2, 22, 14, 4);
          _tl_render_set_color (cr, &fill, 1.0);
          cairo_fill_preserve (cr);
          cairo_set_line_width (cr, 1.25);
          _tl_render_set_color (cr, &border, 1.0);
          cairo_stroke (cr);

          _tl_render_set_color (cr, tl_theme_get_muted_text (theme), 1.0);
          _tl_render_show_layout (cr, entry->text, ex + 30, ey + (entry->h - entry->text_h) / 2);
        }
    }

  cairo_restore (cr);
}

/* The layers of a drawing: what lies under the stations (title, lines,
 * arrows, the selected loop's halo), then the stations and the legend */
typedef enum {
  LAYER_LINES = 1 << 0,
  LAYER_TOP   = 1 << 1,
  LAYER_ALL   = LAYER_LINES | LAYER_TOP
} Layers;

static void
scene_draw_layers (Scene   *scene,
                   cairo_t *cr,
                   Layers   layers)
{
  int focused = -1;

  if (scene->unit <= 0)
    return;

  cairo_scale (cr, scene->unit, scene->unit);
  /* Curves flattened to a quarter of a device pixel rather than cairo's
   * tenth: no visible difference on lines this thick, and most of the
   * time of a redraw goes into stroking them. */
  cairo_set_tolerance (cr, 0.25);

  if (scene->painter->evidence_mode != TL_DIAGRAM_EVIDENCE_NONE)
    {
      tl_document_get_evidence_max (scene->document, "station", &scene->max_station);
      tl_document_get_evidence_max (scene->document, "loop", &scene->max_loop);
    }

  if (!(layers & LAYER_LINES))
    goto top;

  _tl_render_heading_draw (&scene->heading, cr, scene->theme, MARGIN, MARGIN);

  draw_connectors (scene, cr);
  draw_selection_halo (scene, cr);

  /* Dimmed loops first, the focused one over them */
  for (guint i = 0; i < scene->loops->len; i++)
    {
      if (g_array_index (scene->loops, LoopInfo, i).focused)
        focused = i;
      else
        draw_loop_lines (scene, cr, i);
    }
  if (focused >= 0)
    draw_loop_lines (scene, cr, focused);

  for (guint i = 0; i < scene->loops->len; i++)
    if ((int) i != focused)
      draw_arrows (scene, cr, i);
  if (focused >= 0)
    draw_arrows (scene, cr, focused);

top:
  if (!(layers & LAYER_TOP))
    return;

  for (guint i = 0; i < scene->boxes->len; i++)
    draw_station (scene, cr, &g_array_index (scene->boxes, Box, i));

  draw_legend (scene, cr);
}

static void
scene_draw (Scene   *scene,
            cairo_t *cr)
{
  scene_draw_layers (scene, cr, LAYER_ALL);
}

/* Redraws come far more often than changes: the pointer moves, a ring
 * or a drop target shows over the drawing, a tooltip comes and goes.  On
 * a raster target the scene is drawn once into an image of the target's
 * own pixels (same transform, fractional offset included, so it
 * rasterizes exactly as a direct draw would), and that image is painted
 * from the second draw of the scene on, until the scene is dropped (any
 * change to the document, the theme, the
 * focus, the hidden loops, the evidence, the size) or the selection or
 * the transform change.  Vector targets (SVG, PDF) and transforms that
 * rotate, or extents too large to keep, are drawn directly.  FALSE when
 * the caller is to draw directly. */
static gboolean
scene_draw_cached (Scene   *scene,
                   cairo_t *cr,
                   double   width,
                   double   height)
{
  TlDiagramPainter *painter = scene->painter;
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

  selection = g_strconcat (painter->selection_kind ? painter->selection_kind : "", "\x1f",
                           painter->selection_id ? painter->selection_id : "", NULL);

  if (!_tl_render_kept_matches (&scene->cache, &place) ||
      g_strcmp0 (scene->cache_selection, selection) != 0)
    {
      const char *loop = g_strcmp0 (painter->selection_kind, "loop") == 0 ? painter->selection_id : NULL;
      cairo_t *cache_cr;

      /* the lines layer, unless kept for these pixels and this loop */
      if (!_tl_render_kept_matches (&scene->lines_cache, &place) ||
          g_strcmp0 (scene->lines_cache_loop, loop) != 0)
        {
          cache_cr = _tl_render_kept_begin (&scene->lines_cache, &place, width, height);
          if (cache_cr == NULL)
            {
              _tl_render_kept_clear (&scene->cache);
              return FALSE;
            }
          /* as tl_painter_draw() does */
          _tl_render_set_color (cache_cr, tl_theme_get_background (scene->theme), 1.0);
          cairo_paint (cache_cr);
          scene_draw_layers (scene, cache_cr, LAYER_LINES);
          _tl_render_kept_end (&scene->lines_cache, cache_cr);
          g_free (scene->lines_cache_loop);
          scene->lines_cache_loop = g_strdup (loop);
        }

      cache_cr = _tl_render_kept_begin (&scene->cache, &place, width, height);
      if (cache_cr == NULL)
        return FALSE;

      /* the lines copied (onto nothing, unclipped: exactly), the rest
       * drawn over */
      cairo_save (cache_cr);
      cairo_reset_clip (cache_cr);
      cairo_identity_matrix (cache_cr);
      cairo_set_source_surface (cache_cr, scene->lines_cache.image, 0, 0);
      cairo_set_operator (cache_cr, CAIRO_OPERATOR_SOURCE);
      cairo_paint (cache_cr);
      cairo_restore (cache_cr);
      scene_draw_layers (scene, cache_cr, LAYER_TOP);
      _tl_render_kept_end (&scene->cache, cache_cr);

      g_free (scene->cache_selection);
      scene->cache_selection = g_steal_pointer (&selection);
    }

  _tl_render_kept_paint (&scene->cache, cr);

  return TRUE;
}

/* ---- hit-testing ------------------------------------------------------- */

/* The station whose card is at (@x, @y), scene units, or NULL */
static const char *
scene_station_at (Scene  *scene,
                  double  x,
                  double  y)
{
  /* Topmost first: cards are drawn in document order. */
  for (guint i = scene->boxes->len; i > 0; i--)
    {
      Box *box = &g_array_index (scene->boxes, Box, i - 1);

      if (fabs (x - box->x) <= box->w / 2 && fabs (y - box->y) <= box->h / 2)
        return box->id;
    }

  /* then the markers, where stations stand close: the nearest wins */
  {
    const char *nearest = NULL;
    double best = G_MAXDOUBLE;

    for (guint i = 0; i < scene->boxes->len; i++)
      {
        Box *box = &g_array_index (scene->boxes, Box, i);
        double distance = hypot (x - box->px, y - box->py);

        if (box_shows_marker (box) && distance <= box->marker_r + 2 && distance < best)
          {
            best = distance;
            nearest = box->id;
          }
      }

    return nearest;
  }
}

/* ---- object ------------------------------------------------------------ */

static void
document_changed_cb (TlDocument       *document,
                     int               kind,
                     GObject          *object,
                     const char       *property,
                     TlDiagramPainter *self)
{
  /* The scene points into the document's stations and loops. */
  drop_scene (self);
}

static void
evidence_changed_cb (TlDocument       *document,
                     TlDiagramPainter *self)
{
  /* The legend keeps room for loop pills only when some loop has one */
  if (self->evidence_mode != TL_DIAGRAM_EVIDENCE_NONE)
    drop_scene (self);
}

static void
tl_diagram_painter_constructed (GObject *object)
{
  TlDiagramPainter *self = TL_DIAGRAM_PAINTER (object);

  G_OBJECT_CLASS (tl_diagram_painter_parent_class)->constructed (object);

  if (tl_painter_get_document (TL_PAINTER (self)) != NULL)
    {
      g_signal_connect_object (tl_painter_get_document (TL_PAINTER (self)), "changed",
                               G_CALLBACK (document_changed_cb), self, 0);
      g_signal_connect_object (tl_painter_get_document (TL_PAINTER (self)), "evidence-changed",
                               G_CALLBACK (evidence_changed_cb), self, 0);
    }
}

static void
tl_diagram_painter_finalize (GObject *object)
{
  TlDiagramPainter *self = TL_DIAGRAM_PAINTER (object);

  drop_scene (self);
  g_clear_pointer (&self->focus_loop, g_free);
  g_clear_pointer (&self->selection_kind, g_free);
  g_clear_pointer (&self->selection_id, g_free);
  g_clear_pointer (&self->hidden_loops, g_strfreev);

  G_OBJECT_CLASS (tl_diagram_painter_parent_class)->finalize (object);
}

static void
tl_diagram_painter_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TlDiagramPainter *self = TL_DIAGRAM_PAINTER (object);

  switch (prop_id)
    {
    case PROP_FOCUS_LOOP:
      g_value_set_string (value, self->focus_loop);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_diagram_painter_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TlDiagramPainter *self = TL_DIAGRAM_PAINTER (object);

  switch (prop_id)
    {
    case PROP_FOCUS_LOOP:
      tl_diagram_painter_set_focus_loop (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_diagram_painter_notify (GObject    *object,
                           GParamSpec *pspec)
{
  TlDiagramPainter *self = TL_DIAGRAM_PAINTER (object);

  /* Card sizes follow the theme's type sizes: a kept fit no longer fits. */
  if (g_strcmp0 (pspec->name, "theme") == 0)
    {
      self->have_fit = FALSE;
      drop_scene (self);
    }

  if (G_OBJECT_CLASS (tl_diagram_painter_parent_class)->notify != NULL)
    G_OBJECT_CLASS (tl_diagram_painter_parent_class)->notify (object, pspec);
}

static void
tl_diagram_painter_real_draw (TlPainter *painter,
                              cairo_t   *cr,
                              double     width,
                              double     height)
{
  Scene *scene = scene_get (TL_DIAGRAM_PAINTER (painter), width, height);

  if (!scene_draw_cached (scene, cr, width, height))
    scene_draw (scene, cr);
}

static gboolean
tl_diagram_painter_real_hit_test (TlPainter  *painter,
                                  double      width,
                                  double      height,
                                  double      x,
                                  double      y,
                                  char      **kind,
                                  char      **id)
{
  Scene *scene = scene_get (TL_DIAGRAM_PAINTER (painter), width, height);
  const char *station;
  int loop;

  if (scene->unit <= 0)
    return FALSE;

  x /= scene->unit;
  y /= scene->unit;

  /* The legend is drawn last, over everything; its toggles are in its
   * entries. */
  loop = scene_legend_toggle_at (scene, x, y);
  if (loop >= 0)
    {
      LoopInfo *info = &g_array_index (scene->loops, LoopInfo, loop);

      *kind = g_strdup ("loop-visibility");
      *id = g_strdup (tl_loop_get_id (info->loop));
      return TRUE;
    }

  loop = scene_legend_loop_at (scene, x, y);
  if (loop >= 0)
    {
      LoopInfo *info = &g_array_index (scene->loops, LoopInfo, loop);

      *kind = g_strdup ("loop");
      *id = g_strdup (tl_loop_get_id (info->loop));
      return TRUE;
    }

  station = scene_station_at (scene, x, y);
  if (station == NULL)
    return FALSE;

  *kind = g_strdup ("station");
  *id = g_strdup (station);
  return TRUE;
}

static void
tl_diagram_painter_real_set_selection (TlPainter  *painter,
                                       const char *kind,
                                       const char *id)
{
  TlDiagramPainter *self = TL_DIAGRAM_PAINTER (painter);

  if (g_strcmp0 (kind, "station") == 0 || g_strcmp0 (kind, "loop") == 0)
    tl_diagram_painter_set_selection (self, kind, id);
  else
    tl_diagram_painter_set_selection (self, NULL, NULL);
}

static gboolean
tl_diagram_painter_real_locate (TlPainter  *painter,
                                double      width,
                                double      height,
                                const char *kind,
                                const char *id,
                                double     *x,
                                double     *y)
{
  TlDiagramPainter *self = TL_DIAGRAM_PAINTER (painter);

  if (g_strcmp0 (kind, "loop") == 0 || g_strcmp0 (kind, "loop-visibility") == 0)
    {
      Scene *scene = scene_get (self, width, height);
      gboolean toggle = g_strcmp0 (kind, "loop-visibility") == 0;

      if (scene->unit <= 0 || (toggle && !self->show_toggles))
        return FALSE;

      /* A loop is where its legend entry is: what a click selects it by */
      for (guint i = 0; i < scene->legend->len; i++)
        {
          LegendEntry *entry = &g_array_index (scene->legend, LegendEntry, i);
          double rx, ry, rw, rh;

          if (entry->loop < 0 ||
              g_strcmp0 (tl_loop_get_id (g_array_index (scene->loops, LoopInfo,
                                                        entry->loop).loop), id) != 0)
            continue;

          if (toggle)
            legend_toggle_rect (scene, entry, &rx, &ry, &rw, &rh);
          else
            legend_entry_rect (scene, entry, &rx, &ry, &rw, &rh);
          _tl_render_rect_centre (rx * scene->unit, ry * scene->unit,
                                  rw * scene->unit, rh * scene->unit, x, y);
          return TRUE;
        }

      return FALSE;
    }

  return g_strcmp0 (kind, "station") == 0 &&
         tl_diagram_painter_get_station_position (self, width, height, id, x, y);
}

static void
tl_diagram_painter_class_init (TlDiagramPainterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TlPainterClass *painter_class = TL_PAINTER_CLASS (klass);

  object_class->constructed = tl_diagram_painter_constructed;
  object_class->finalize = tl_diagram_painter_finalize;
  object_class->get_property = tl_diagram_painter_get_property;
  object_class->set_property = tl_diagram_painter_set_property;
  object_class->notify = tl_diagram_painter_notify;

  painter_class->draw = tl_diagram_painter_real_draw;
  painter_class->hit_test = tl_diagram_painter_real_hit_test;
  painter_class->set_selection = tl_diagram_painter_real_set_selection;
  painter_class->locate = tl_diagram_painter_real_locate;

  properties[PROP_FOCUS_LOOP] =
    g_param_spec_string ("focus-loop", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tl_diagram_painter_init (TlDiagramPainter *self)
{
  self->evidence_mode = TL_DIAGRAM_EVIDENCE_COUNT;
}

TlDiagramPainter *
tl_diagram_painter_new (TlDocument *document)
{
  g_return_val_if_fail (TL_IS_DOCUMENT (document), NULL);

  return g_object_new (TL_TYPE_DIAGRAM_PAINTER,
                       "document", document,
                       NULL);
}

TlDocument *
tl_diagram_painter_get_document (TlDiagramPainter *self)
{
  return tl_painter_get_document (TL_PAINTER (self));
}

TlTheme *
tl_diagram_painter_get_theme (TlDiagramPainter *self)
{
  return tl_painter_get_theme (TL_PAINTER (self));
}

void
tl_diagram_painter_set_theme (TlDiagramPainter *self,
                              TlTheme          *theme)
{
  tl_painter_set_theme (TL_PAINTER (self), theme);
}

const char *
tl_diagram_painter_get_focus_loop (TlDiagramPainter *self)
{
  g_return_val_if_fail (TL_IS_DIAGRAM_PAINTER (self), NULL);

  return self->focus_loop;
}

void
tl_diagram_painter_set_focus_loop (TlDiagramPainter *self,
                                   const char       *loop_id)
{
  g_return_if_fail (TL_IS_DIAGRAM_PAINTER (self));

  if (g_strcmp0 (self->focus_loop, loop_id) == 0)
    return;

  g_free (self->focus_loop);
  self->focus_loop = g_strdup (loop_id);
  drop_scene (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_LOOP]);
}

void
tl_diagram_painter_set_selection (TlDiagramPainter *self,
                                  const char       *kind,
                                  const char       *id)
{
  g_return_if_fail (TL_IS_DIAGRAM_PAINTER (self));

  if (kind == NULL || id == NULL)
    kind = id = NULL;

  g_free (self->selection_kind);
  self->selection_kind = g_strdup (kind);
  g_free (self->selection_id);
  self->selection_id = g_strdup (id);
}

void
tl_diagram_painter_set_evidence_mode (TlDiagramPainter      *self,
                                      TlDiagramEvidenceMode  mode)
{
  g_return_if_fail (TL_IS_DIAGRAM_PAINTER (self));
  g_return_if_fail (mode <= TL_DIAGRAM_EVIDENCE_TEMPERATURE);

  if (self->evidence_mode == mode)
    return;

  self->evidence_mode = mode;
  drop_scene (self);
}

TlDiagramEvidenceMode
tl_diagram_painter_get_evidence_mode (TlDiagramPainter *self)
{
  g_return_val_if_fail (TL_IS_DIAGRAM_PAINTER (self), TL_DIAGRAM_EVIDENCE_NONE);

  return self->evidence_mode;
}

gboolean
tl_diagram_painter_get_loop_bounds (TlDiagramPainter *self,
                                    double            width,
                                    double            height,
                                    const char       *loop_id,
                                    double           *x,
                                    double           *y,
                                    double           *box_width,
                                    double           *box_height)
{
  Scene *scene;

  g_return_val_if_fail (TL_IS_DIAGRAM_PAINTER (self), FALSE);

  scene = scene_get (self, width, height);
  if (scene->unit <= 0 || loop_id == NULL)
    return FALSE;

  for (guint i = 0; i < scene->legend->len; i++)
    {
      LegendEntry *entry = &g_array_index (scene->legend, LegendEntry, i);
      double rx, ry, rw, rh;

      if (entry->loop < 0 ||
          g_strcmp0 (tl_loop_get_id (g_array_index (scene->loops, LoopInfo, entry->loop).loop),
                     loop_id) != 0)
        continue;

      legend_entry_rect (scene, entry, &rx, &ry, &rw, &rh);
      _tl_render_rect_to_drawing (scene->unit, rx, ry, rw, rh, x, y, box_width, box_height);
      return TRUE;
    }

  return FALSE;
}

void
tl_diagram_painter_set_hidden_loops (TlDiagramPainter   *self,
                                     const char * const *loop_ids)
{
  g_return_if_fail (TL_IS_DIAGRAM_PAINTER (self));

  if (loop_ids != NULL && loop_ids[0] == NULL)
    loop_ids = NULL;
  if (self->hidden_loops == NULL && loop_ids == NULL)
    return;
  if (self->hidden_loops != NULL && loop_ids != NULL &&
      g_strv_equal ((const char * const *) self->hidden_loops, loop_ids))
    return;

  g_strfreev (self->hidden_loops);
  self->hidden_loops = g_strdupv ((char **) loop_ids);
  drop_scene (self);
}

gboolean
tl_diagram_painter_get_loop_hidden (TlDiagramPainter *self,
                                    const char       *loop_id)
{
  g_return_val_if_fail (TL_IS_DIAGRAM_PAINTER (self), FALSE);

  return self->hidden_loops != NULL && loop_id != NULL &&
         g_strv_contains ((const char * const *) self->hidden_loops, loop_id);
}

void
tl_diagram_painter_set_show_visibility_toggles (TlDiagramPainter *self,
                                                gboolean          show)
{
  g_return_if_fail (TL_IS_DIAGRAM_PAINTER (self));

  if (self->show_toggles == !!show)
    return;
  self->show_toggles = !!show;
  drop_scene (self);
}

void
tl_diagram_painter_get_natural_size (TlDiagramPainter *self,
                                     double           *width,
                                     double           *height)
{
  tl_painter_get_natural_size (TL_PAINTER (self), width, height);
}

void
tl_diagram_painter_set_fit_frozen (TlDiagramPainter *self,
                                   gboolean          frozen)
{
  g_return_if_fail (TL_IS_DIAGRAM_PAINTER (self));

  if (self->fit_frozen != !!frozen)
    drop_scene (self);
  self->fit_frozen = !!frozen;
}

void
tl_diagram_painter_draw (TlDiagramPainter *self,
                         cairo_t          *cr,
                         double            width,
                         double            height)
{
  tl_painter_draw (TL_PAINTER (self), cr, width, height);
}

const char *
tl_diagram_painter_station_at (TlDiagramPainter *self,
                               double            width,
                               double            height,
                               double            x,
                               double            y)
{
  Scene *scene = NULL;

  g_return_val_if_fail (TL_IS_DIAGRAM_PAINTER (self), NULL);

  scene = scene_get (self, width, height);
  if (scene->unit <= 0)
    return NULL;

  return scene_station_at (scene, x / scene->unit, y / scene->unit);
}

gboolean
tl_diagram_painter_get_station_bounds (TlDiagramPainter *self,
                                       double            width,
                                       double            height,
                                       const char       *station_id,
                                       double           *x,
                                       double           *y,
                                       double           *box_width,
                                       double           *box_height)
{
  Scene *scene = NULL;
  Box *box;
  int index;

  g_return_val_if_fail (TL_IS_DIAGRAM_PAINTER (self), FALSE);
  g_return_val_if_fail (station_id != NULL, FALSE);

  scene = scene_get (self, width, height);
  if (scene->unit <= 0)
    return FALSE;

  index = scene_find_box (scene, station_id);
  if (index < 0)
    return FALSE;

  box = &g_array_index (scene->boxes, Box, index);
  _tl_render_rect_to_drawing (scene->unit, box->x - box->w / 2, box->y - box->h / 2, box->w, box->h,
                              x, y, box_width, box_height);

  return TRUE;
}

gboolean
tl_diagram_painter_get_station_position (TlDiagramPainter *self,
                                         double            width,
                                         double            height,
                                         const char       *station_id,
                                         double           *x,
                                         double           *y)
{
  Scene *scene = NULL;
  Box *box;
  int index;

  g_return_val_if_fail (TL_IS_DIAGRAM_PAINTER (self), FALSE);
  g_return_val_if_fail (station_id != NULL, FALSE);

  scene = scene_get (self, width, height);
  if (scene->unit <= 0)
    return FALSE;

  index = scene_find_box (scene, station_id);
  if (index < 0)
    return FALSE;

  /* Where its lines meet: the card's centre unless the card moved aside */
  box = &g_array_index (scene->boxes, Box, index);
  if (!box->displaced)
    {
      double bx, by, bw, bh;

      _tl_render_rect_to_drawing (scene->unit, box->x - box->w / 2, box->y - box->h / 2, box->w, box->h,
                                  &bx, &by, &bw, &bh);
      _tl_render_rect_centre (bx, by, bw, bh, x, y);
      return TRUE;
    }

  if (x != NULL)
    *x = box->px * scene->unit;
  if (y != NULL)
    *y = box->py * scene->unit;

  return TRUE;
}

void
tl_diagram_painter_to_document (TlDiagramPainter *self,
                                double            width,
                                double            height,
                                double            x,
                                double            y,
                                double           *doc_x,
                                double           *doc_y)
{
  Scene *scene = NULL;
  double k;

  g_return_if_fail (TL_IS_DIAGRAM_PAINTER (self));

  scene = scene_get (self, width, height);
  k = scene->k > 0 ? scene->k : 1.0;

  if (doc_x != NULL)
    *doc_x = scene->unit > 0 ? (x / scene->unit - scene->ox) / k : 0;
  if (doc_y != NULL)
    *doc_y = scene->unit > 0 ? (y / scene->unit - scene->oy) / k : 0;
}

/* ---- private: the layout, for tests ------------------------------------- */

TlDiagramLayout *
_tl_diagram_painter_get_layout (TlDiagramPainter *self,
                                double            width,
                                double            height)
{
  Scene *scene = NULL;
  TlDiagramLayout *layout;
  double u;

  g_return_val_if_fail (TL_IS_DIAGRAM_PAINTER (self), NULL);

  scene = scene_get (self, width, height);
  u = scene->unit;

  layout = g_new0 (TlDiagramLayout, 1);
  layout->arcs = g_array_new (FALSE, TRUE, sizeof (TlDiagramLayoutArc));
  layout->loops = g_array_new (FALSE, TRUE, sizeof (TlDiagramLayoutLoop));
  layout->stations = g_array_new (FALSE, TRUE, sizeof (TlDiagramLayoutStation));

  if (u <= 0)
    return layout;

  for (guint i = 0; i < scene->boxes->len; i++)
    {
      Box *box = &g_array_index (scene->boxes, Box, i);
      TlDiagramLayoutStation out = { 0 };

      out.station_id = box->id;
      out.x = box->px * u;
      out.y = box->py * u;
      out.marker_radius = box->marker_r * u;
      out.displaced = box->displaced;
      out.marked = box_shows_marker (box);
      out.card_x = (box->x - box->w / 2) * u;
      out.card_y = (box->y - box->h / 2) * u;
      out.card_width = box->w * u;
      out.card_height = box->h * u;
      g_array_append_val (layout->stations, out);
    }

  for (guint i = 0; i < scene->arcs->len; i++)
    {
      Arc *arc = &g_array_index (scene->arcs, Arc, i);
      LoopInfo *info = &g_array_index (scene->loops, LoopInfo, arc->loop);
      TlDiagramLayoutArc out = { 0 };

      out.loop_id = tl_loop_get_id (info->loop);
      out.loop_index = arc->loop;
      out.position = arc->position;
      out.from = g_array_index (scene->boxes, Box, arc->from).id;
      out.to = g_array_index (scene->boxes, Box, arc->to).id;
      out.slot = arc->slot;
      out.n_slots = arc->n_slots;
      out.offset = arc->offset * u;
      out.x0 = arc->x0 * u;
      out.y0 = arc->y0 * u;
      out.cx = arc->cx * u;
      out.cy = arc->cy * u;
      out.x1 = arc->x1 * u;
      out.y1 = arc->y1 * u;
      g_array_append_val (layout->arcs, out);
    }

  for (guint i = 0; i < scene->loops->len; i++)
    {
      LoopInfo *info = &g_array_index (scene->loops, LoopInfo, i);
      TlDiagramLayoutLoop out = { 0 };

      out.loop_id = tl_loop_get_id (info->loop);
      out.n_arcs = info->n_arcs;
      out.broken = info->broken;
      out.hidden = info->hidden;

      for (guint e = 0; e < scene->legend->len; e++)
        {
          LegendEntry *entry = &g_array_index (scene->legend, LegendEntry, e);
          double rx, ry, rw, rh;

          if (entry->loop != (int) i)
            continue;
          legend_entry_rect (scene, entry, &rx, &ry, &rw, &rh);
          out.legend_x = rx * u;
          out.legend_y = ry * u;
          out.legend_width = rw * u;
          out.legend_height = rh * u;
          if (self->show_toggles)
            {
              legend_toggle_rect (scene, entry, &rx, &ry, &rw, &rh);
              out.toggle_x = rx * u;
              out.toggle_y = ry * u;
              out.toggle_width = rw * u;
              out.toggle_height = rh * u;
            }
        }
      g_array_append_val (layout->loops, out);
    }

  return layout;
}

void
_tl_diagram_layout_free (TlDiagramLayout *layout)
{
  if (layout == NULL)
    return;

  g_clear_pointer (&layout->arcs, g_array_unref);
  g_clear_pointer (&layout->loops, g_array_unref);
  g_clear_pointer (&layout->stations, g_array_unref);
  g_free (layout);
}

/* ---- nearest station in a direction ----------------------------------- */

int
tl_diagram_nearest_in_direction (const double *points,
                                 guint         n_points,
                                 guint         from,
                                 double        dx,
                                 double        dy)
{
  double len = hypot (dx, dy);
  double best = G_MAXDOUBLE, best_outside = G_MAXDOUBLE;
  int found = -1, found_outside = -1;

  g_return_val_if_fail (points != NULL || n_points == 0, -1);
  g_return_val_if_fail (from < n_points, -1);

  if (len <= 0)
    return -1;
  dx /= len;
  dy /= len;

  for (guint i = 0; i < n_points; i++)
    {
      double vx = points[2 * i] - points[2 * from];
      double vy = points[2 * i + 1] - points[2 * from + 1];
      double along = vx * dx + vy * dy;
      double across = fabs (vx * dy - vy * dx);
      double score;

      if (i == from || along <= 1e-9)
        continue;

      /* Far off to the side counts against a point, so the one most
       * nearly in line wins over a slightly nearer one beside. */
      score = along + 2 * across;
      if (across <= 2 * along)
        {
          if (score < best)
            {
              best = score;
              found = i;
            }
        }
      else if (score < best_outside)
        {
          best_outside = score;
          found_outside = i;
        }
    }

  return found >= 0 ? found : found_outside;
}

const char *
tl_diagram_painter_station_in_direction (TlDiagramPainter *self,
                                         double            width,
                                         double            height,
                                         const char       *station_id,
                                         double            dx,
                                         double            dy)
{
  Scene *scene = NULL;
  g_autofree double *points = NULL;
  int from, found;

  g_return_val_if_fail (TL_IS_DIAGRAM_PAINTER (self), NULL);
  g_return_val_if_fail (station_id != NULL, NULL);

  scene = scene_get (self, width, height);
  from = scene_find_box (scene, station_id);
  if (scene->unit <= 0 || from < 0)
    return NULL;

  /* Where the stations are drawn: their cards, which is what the eye
   * follows */
  points = g_new (double, 2 * scene->boxes->len);
  for (guint i = 0; i < scene->boxes->len; i++)
    {
      Box *box = &g_array_index (scene->boxes, Box, i);

      points[2 * i] = box->x;
      points[2 * i + 1] = box->y;
    }

  found = tl_diagram_nearest_in_direction (points, scene->boxes->len, from, dx, dy);
  return found >= 0 ? g_array_index (scene->boxes, Box, found).id : NULL;
}
