/* test-render-layout.c: the metro layout of the diagram painter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "render-test-util.h"
#include "tl-diagram-layout-private.h"
#include "tl-diagram-painter.h"
#include "tl-model.h"

typedef TlDocument *(*DocumentFunc) (void);

static TlDocument *
template_en (void)
{
  return tl_template_new_o2o ("en");
}

static TlDocument *
template_zh_cn (void)
{
  return tl_template_new_o2o ("zh_CN");
}

static TlDocument *
generated_small (void)
{
  return tl_test_generated_document (40, 12, 7);
}

static TlDocument *
generated_large (void)
{
  return tl_test_generated_document (200, 50, 42);
}

static const DocumentFunc documents[] = {
  template_en,
  template_zh_cn,
  generated_small,
  generated_large,
};

/* Station centres, asked once per station (each question lays the whole
 * diagram out); forgotten by station_centre_reset() */
static GHashTable *centre_cache;

static void
station_centre_reset (void)
{
  g_clear_pointer (&centre_cache, g_hash_table_unref);
}

static void
station_centre (TlDiagramPainter *painter,
                int               width,
                int               height,
                const char       *id,
                double           *x,
                double           *y)
{
  GHashTable *cache;
  double *centre;

  if (centre_cache == NULL)
    centre_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cache = centre_cache;

  centre = g_hash_table_lookup (cache, id);
  if (centre == NULL)
    {
      centre = g_new (double, 2);
      g_assert_true (tl_diagram_painter_get_station_position (painter, width, height, id,
                                                              &centre[0], &centre[1]));
      g_hash_table_insert (cache, g_strdup (id), centre);
    }
  *x = centre[0];
  *y = centre[1];
}

static const TlDiagramLayoutStation *
layout_station (TlDiagramLayout *layout,
                const char      *id)
{
  for (guint i = 0; i < layout->stations->len; i++)
    {
      const TlDiagramLayoutStation *station = &g_array_index (layout->stations, TlDiagramLayoutStation, i);

      if (strcmp (station->station_id, id) == 0)
        return station;
    }
  g_assert_not_reached ();
}

/* Whether (@x, @y) is under station @id as drawn: its card, or the
 * marker where its lines meet when it has one (its card moved aside, or
 * too small for its bundles) */
static gboolean
under_station (TlDiagramLayout *layout,
               const char      *id,
               double           x,
               double           y)
{
  const TlDiagramLayoutStation *station = layout_station (layout, id);

  if (x >= station->card_x && x <= station->card_x + station->card_width &&
      y >= station->card_y && y <= station->card_y + station->card_height)
    return TRUE;
  return station->marked && hypot (x - station->x, y - station->y) <= station->marker_radius;
}

static gboolean
any_displaced (TlDiagramLayout *layout)
{
  for (guint i = 0; i < layout->stations->len; i++)
    if (g_array_index (layout->stations, TlDiagramLayoutStation, i).displaced)
      return TRUE;
  return FALSE;
}

static gboolean
same_pair (const TlDiagramLayoutArc *a,
           const TlDiagramLayoutArc *b)
{
  return (strcmp (a->from, b->from) == 0 && strcmp (a->to, b->to) == 0) ||
         (strcmp (a->from, b->to) == 0 && strcmp (a->to, b->from) == 0);
}

/* The index of @id among the document's stations: the bundle's canonical
 * direction runs from the lower to the higher. */
static guint
station_index (TlDocument *document,
               const char *id)
{
  GListModel *stations = tl_document_get_stations (document);

  for (guint i = 0; i < g_list_model_get_n_items (stations); i++)
    {
      g_autoptr(TlStation) station = g_list_model_get_item (stations, i);

      if (strcmp (tl_station_get_id (station), id) == 0)
        return i;
    }
  g_assert_not_reached ();
}

/* Every pair of loops sharing an arc gets different offsets, the lines
 * really lie that far from the centre line, they are at least a line
 * apart, and their order is the same in every bundle: by loop. */
static void
test_bundles (void)
{
  guint shared = 0;

  for (guint d = 0; d < G_N_ELEMENTS (documents); d++)
    for (guint s = 0; s < G_N_ELEMENTS (tl_test_sizes); s++)
      {
        g_autoptr(TlDocument) document = documents[d] ();
        g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
        int width = tl_test_sizes[s].width, height = tl_test_sizes[s].height;
        g_autoptr(TlDiagramLayout) layout = _tl_diagram_painter_get_layout (painter, width, height);
        g_autofree guint *n_in_bundle = g_new0 (guint, layout->arcs->len);

        station_centre_reset ();
        g_assert_cmpuint (layout->arcs->len, >, 0);

        for (guint i = 0; i < layout->arcs->len; i++)
          {
            TlDiagramLayoutArc *a = &g_array_index (layout->arcs, TlDiagramLayoutArc, i);
            gboolean forward = station_index (document, a->from) < station_index (document, a->to);
            double fx, fy, tx, ty, len, nx, ny, along;

            /* Where the line starts and ends: the station's centre moved
             * by the offset along the canonical normal */
            station_centre (painter, width, height, forward ? a->from : a->to, &fx, &fy);
            station_centre (painter, width, height, forward ? a->to : a->from, &tx, &ty);
            len = hypot (tx - fx, ty - fy);
            g_assert_cmpfloat (len, >, 0);
            nx = -(ty - fy) / len;
            ny = (tx - fx) / len;
            station_centre (painter, width, height, a->from, &fx, &fy);
            along = (a->x0 - fx) * nx + (a->y0 - fy) * ny;
            g_assert_cmpfloat_with_epsilon (along, a->offset, 1e-6);
            g_assert_cmpfloat_with_epsilon (hypot (a->x0 - fx, a->y0 - fy), fabs (a->offset), 1e-6);

            g_assert_cmpuint (a->slot, <, a->n_slots);

            for (guint j = 0; j < layout->arcs->len; j++)
              {
                TlDiagramLayoutArc *b = &g_array_index (layout->arcs, TlDiagramLayoutArc, j);

                if (i == j || !same_pair (a, b))
                  continue;

                n_in_bundle[i]++;
                g_assert_cmpuint (a->slot, !=, b->slot);
                g_assert_cmpuint (a->n_slots, ==, b->n_slots);
                /* a line's width apart, at least */
                g_assert_cmpfloat (fabs (a->offset - b->offset), >=, 2.0);

                /* consistent order: the earlier loop keeps to the same
                 * side of the bundle wherever the two meet */
                if (a->loop_index < b->loop_index ||
                    (a->loop_index == b->loop_index && a->position < b->position))
                  {
                    g_assert_cmpfloat (a->offset, <, b->offset);
                    g_assert_cmpuint (a->slot, <, b->slot);
                  }

                if (a->loop_index != b->loop_index)
                  shared++;
              }

            g_assert_cmpuint (n_in_bundle[i] + 1, ==, a->n_slots);
          }
      }

  station_centre_reset ();
  /* The documents do share arcs: the test has something to check */
  g_assert_cmpuint (shared, >, 0);
}

/* Each loop's path is closed: the arcs run station to station in cycle
 * order, the last back to the first, and each joint lies under the
 * station where the two arcs meet (its card, or its marker when the card
 * was moved aside). */
static void
test_closed (void)
{
  for (guint d = 0; d < G_N_ELEMENTS (documents); d++)
    for (guint s = 0; s < G_N_ELEMENTS (tl_test_sizes); s++)
      {
        g_autoptr(TlDocument) document = documents[d] ();
        g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
        int width = tl_test_sizes[s].width, height = tl_test_sizes[s].height;
        g_autoptr(TlDiagramLayout) layout = _tl_diagram_painter_get_layout (painter, width, height);
        GListModel *loops = tl_document_get_loops (document);

        g_assert_cmpuint (layout->loops->len, ==, g_list_model_get_n_items (loops));

        for (guint l = 0; l < layout->loops->len; l++)
          {
            TlDiagramLayoutLoop *info = &g_array_index (layout->loops, TlDiagramLayoutLoop, l);
            g_autoptr(TlLoop) loop = g_list_model_get_item (loops, l);
            const char * const *ids = tl_loop_get_stations (loop);
            guint n_ids = g_strv_length ((char **) ids);
            g_autoptr(GArray) mine = g_array_new (FALSE, FALSE, sizeof (TlDiagramLayoutArc));

            g_assert_cmpstr (info->loop_id, ==, tl_loop_get_id (loop));
            g_assert_false (info->broken);

            for (guint i = 0; i < layout->arcs->len; i++)
              {
                TlDiagramLayoutArc *a = &g_array_index (layout->arcs, TlDiagramLayoutArc, i);

                if (a->loop_index == l)
                  {
                    g_assert_cmpstr (a->loop_id, ==, info->loop_id);
                    g_array_append_val (mine, *a);
                  }
              }

            /* one arc per station of the cycle (these loops have no
             * station twice in a row) */
            g_assert_cmpuint (mine->len, ==, n_ids);
            g_assert_cmpuint (info->n_arcs, ==, n_ids);

            for (guint k = 0; k < mine->len; k++)
              {
                TlDiagramLayoutArc *a = &g_array_index (mine, TlDiagramLayoutArc, k);
                TlDiagramLayoutArc *b = &g_array_index (mine, TlDiagramLayoutArc, (k + 1) % mine->len);

                g_assert_cmpstr (a->from, ==, ids[k]);
                g_assert_cmpstr (a->to, ==, b->from);

                g_assert_true (under_station (layout, a->to, a->x1, a->y1));
                g_assert_true (under_station (layout, a->to, b->x0, b->y0));
              }
            /* and the last arc comes home to where the first left */
            g_assert_cmpstr (g_array_index (mine, TlDiagramLayoutArc, mine->len - 1).to, ==,
                             g_array_index (mine, TlDiagramLayoutArc, 0).from);
          }
      }
}

static void
arc_sample (const TlDiagramLayoutArc *a,
            double                    t,
            double                   *x,
            double                   *y)
{
  double u = 1 - t;

  *x = u * u * a->x0 + 2 * u * t * a->cx + t * t * a->x1;
  *y = u * u * a->y0 + 2 * u * t * a->cy + t * t * a->y1;
}

/* Where segments p1p2 and p3p4 cross properly, in @x, @y */
static gboolean
segments_cross (double  x1, double y1, double x2, double y2,
                double  x3, double y3, double x4, double y4,
                double *x,
                double *y)
{
  double d = (x2 - x1) * (y4 - y3) - (y2 - y1) * (x4 - x3);
  double t, u;

  if (fabs (d) < 1e-12)
    return FALSE;
  t = ((x3 - x1) * (y4 - y3) - (y3 - y1) * (x4 - x3)) / d;
  u = ((x3 - x1) * (y2 - y1) - (y3 - y1) * (x2 - x1)) / d;
  if (t <= 1e-9 || t >= 1 - 1e-9 || u <= 1e-9 || u >= 1 - 1e-9)
    return FALSE;
  *x = x1 + t * (x2 - x1);
  *y = y1 + t * (y2 - y1);
  return TRUE;
}

static gboolean
inside_card (TlDiagramPainter *painter,
             int               width,
             int               height,
             const char       *id,
             double            x,
             double            y)
{
  double bx, by, bw, bh;

  g_assert_true (tl_diagram_painter_get_station_bounds (painter, width, height, id, &bx, &by, &bw, &bh));
  return x >= bx && x <= bx + bw && y >= by && y <= by + bh;
}

/* Whether any two station cards overlap: a document too dense for the
 * drawing, where lines must squeeze between cards as they can */
static gboolean
cards_overlap (TlDocument       *document,
               TlDiagramPainter *painter,
               int               width,
               int               height)
{
  GListModel *stations = tl_document_get_stations (document);
  guint n = g_list_model_get_n_items (stations);
  g_autofree double *r = g_new (double, 4 * n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlStation) station = g_list_model_get_item (stations, i);

      g_assert_true (tl_diagram_painter_get_station_bounds (painter, width, height,
                                                            tl_station_get_id (station),
                                                            &r[4 * i], &r[4 * i + 1],
                                                            &r[4 * i + 2], &r[4 * i + 3]));
    }

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      if (r[4 * i] < r[4 * j] + r[4 * j + 2] && r[4 * j] < r[4 * i] + r[4 * i + 2] &&
          r[4 * i + 1] < r[4 * j + 1] + r[4 * j + 3] && r[4 * j + 1] < r[4 * i + 1] + r[4 * i + 3])
        return TRUE;
  return FALSE;
}

/* No loop crosses itself at a station: where two arcs of one loop meet,
 * they do so under the card of a station they share, never beside it.
 * (The loops here are simple cycles, so they do not cross anywhere else
 * either.)  Checked where the cards stand apart, as in the template; in
 * a document too dense for the drawing, lines squeeze past overlapping
 * cards and this cannot hold. */
static void
test_no_self_crossing (void)
{
  const guint steps = 32;
  guint checked = 0;

  for (guint d = 0; d < G_N_ELEMENTS (documents); d++)
    for (guint s = 0; s < G_N_ELEMENTS (tl_test_sizes); s++)
      {
        g_autoptr(TlDocument) document = documents[d] ();
        g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
        int width = tl_test_sizes[s].width, height = tl_test_sizes[s].height;
        g_autoptr(TlDiagramLayout) layout = _tl_diagram_painter_get_layout (painter, width, height);

        /* Cards overlap only where there is no room to keep them apart;
         * where there is, some move beside their stations, and lines
         * meet at small markers instead of under cards. */
        if (cards_overlap (document, painter, width, height) || any_displaced (layout))
          {
            g_assert_cmpuint (d, >=, 2);    /* never the template */
            continue;
          }
        checked++;

        for (guint i = 0; i < layout->arcs->len; i++)
          for (guint j = i + 1; j < layout->arcs->len; j++)
            {
              TlDiagramLayoutArc *a = &g_array_index (layout->arcs, TlDiagramLayoutArc, i);
              TlDiagramLayoutArc *b = &g_array_index (layout->arcs, TlDiagramLayoutArc, j);

              if (a->loop_index != b->loop_index)
                continue;

              for (guint p = 0; p < steps; p++)
                for (guint q = 0; q < steps; q++)
                  {
                    double ax0, ay0, ax1, ay1, bx0, by0, bx1, by1, x, y;
                    gboolean ok = FALSE;

                    arc_sample (a, (double) p / steps, &ax0, &ay0);
                    arc_sample (a, (double) (p + 1) / steps, &ax1, &ay1);
                    arc_sample (b, (double) q / steps, &bx0, &by0);
                    arc_sample (b, (double) (q + 1) / steps, &bx1, &by1);
                    if (!segments_cross (ax0, ay0, ax1, ay1, bx0, by0, bx1, by1, &x, &y))
                      continue;

                    if (strcmp (a->from, b->from) == 0 || strcmp (a->from, b->to) == 0)
                      ok |= inside_card (painter, width, height, a->from, x, y);
                    if (strcmp (a->to, b->from) == 0 || strcmp (a->to, b->to) == 0)
                      ok |= inside_card (painter, width, height, a->to, x, y);
                    if (!ok)
                      g_error ("loop %s crosses itself at (%.1f, %.1f) in a %d×%d drawing "
                               "(arcs %s→%s and %s→%s)", a->loop_id, x, y, width, height,
                               a->from, a->to, b->from, b->to);
                  }
            }
      }

  g_assert_cmpuint (checked, >=, 2 * G_N_ELEMENTS (tl_test_sizes));
}

/* The geometry follows the document: moving a station moves the arcs
 * that touch it, and only those. */
static void
test_follows_document (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
  g_autoptr(TlDiagramLayout) before = NULL;
  g_autoptr(TlDiagramLayout) after = NULL;
  TlStation *pain = tl_document_lookup_station (document, "pain");
  guint moved = 0;

  tl_diagram_painter_set_fit_frozen (painter, TRUE);
  before = _tl_diagram_painter_get_layout (painter, 1280, 800);
  tl_station_set_x (pain, tl_station_get_x (pain) - 40);
  after = _tl_diagram_painter_get_layout (painter, 1280, 800);

  g_assert_cmpuint (before->arcs->len, ==, after->arcs->len);
  for (guint i = 0; i < before->arcs->len; i++)
    {
      TlDiagramLayoutArc *a = &g_array_index (before->arcs, TlDiagramLayoutArc, i);
      TlDiagramLayoutArc *b = &g_array_index (after->arcs, TlDiagramLayoutArc, i);
      gboolean touches = strcmp (a->from, "pain") == 0 || strcmp (a->to, "pain") == 0;
      gboolean changed = a->x0 != b->x0 || a->x1 != b->x1 || a->y0 != b->y0 || a->y1 != b->y1;

      g_assert_cmpstr (a->from, ==, b->from);
      g_assert_cmpint (touches, ==, changed);
      moved += changed;
    }
  g_assert_cmpuint (moved, >, 0);
}

/* A document of @n_stations stations at random places, labelled in
 * Chinese, in short English and in long English that wraps, and a few
 * loops through them; the same @seed gives the same document. */
static TlDocument *
random_document (guint   n_stations,
                 guint32 seed)
{
  static const char * const chinese[] = {
    "线上订单", "云生产", "云物流", "线下体验", "口碑", "痛点", "文化体验",
    "微数分享平台（CRM）", "小程序下单", "社群团购", "会员积分兑换中心", "门店",
    "快闪店", "直播间", "外卖平台配送", "顾客共创工作坊",
  };
  static const char * const english[] = {
    "Kiosk", "Pop-up store", "Delivery", "Loyalty club", "Live stream", "Tasting",
    "Cloud kitchen", "Word of mouth", "Order", "Workshop",
  };
  static const char * const long_english[] = {
    "Customer feedback collected after every delivery and shared with the whole team",
    "Seasonal menu co-created with members of the coffee club in monthly tastings",
    "The online store's order page, where customers show, order and pay",
  };
  TlDocument *document = tl_document_new ("zh_CN");
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint n_loops = n_stations / 6;

  for (guint i = 0; i < n_stations; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      const char *label;
      g_autoptr(TlStation) station = NULL;

      switch (g_rand_int_range (rand, 0, 5))
        {
        case 0:
        case 1:
          label = chinese[g_rand_int_range (rand, 0, G_N_ELEMENTS (chinese))];
          break;
        case 2:
        case 3:
          label = english[g_rand_int_range (rand, 0, G_N_ELEMENTS (english))];
          break;
        default:
          label = long_english[g_rand_int_range (rand, 0, G_N_ELEMENTS (long_english))];
        }
      station = tl_station_new (id, i == 0 ? "hub" : "custom", label,
                                g_rand_double_range (rand, 0, 1200),
                                g_rand_double_range (rand, 0, 800));
      tl_document_insert_station (document, station, -1);
    }

  for (guint l = 0; l < n_loops; l++)
    {
      g_autofree char *id = g_strdup_printf ("loop%u", l + 1);
      guint len = g_rand_int_range (rand, 3, 6);
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(TlLoop) loop = NULL;

      for (guint k = 0; k < len; k++)
        g_ptr_array_add (ids, g_strdup_printf ("s%u", (l * 3 + k * 5) % n_stations));
      g_ptr_array_add (ids, NULL);
      loop = tl_loop_new (id, id, "#0072b2", (const char * const *) ids->pdata);
      tl_document_insert_loop (document, loop, -1);
    }

  return document;
}

/* Checks that no card overlaps another or another station's marker;
 * returns how many cards were moved beside their stations. */
static guint
check_cards_clear (TlDiagramLayout *layout,
                   int              width,
                   int              height,
                   const char      *what)
{
  guint displaced = 0;

  for (guint i = 0; i < layout->stations->len; i++)
    {
      const TlDiagramLayoutStation *a = &g_array_index (layout->stations, TlDiagramLayoutStation, i);

      displaced += a->displaced;
      /* inside the drawing */
      g_assert_cmpfloat (a->card_x, >=, 0);
      g_assert_cmpfloat (a->card_y, >=, 0);
      g_assert_cmpfloat (a->card_x + a->card_width, <=, width);
      g_assert_cmpfloat (a->card_y + a->card_height, <=, height);

      for (guint j = 0; j < layout->stations->len; j++)
        {
          const TlDiagramLayoutStation *b = &g_array_index (layout->stations, TlDiagramLayoutStation, j);
          double nx, ny;

          if (i == j)
            continue;

          if (j > i &&
              a->card_x < b->card_x + b->card_width && b->card_x < a->card_x + a->card_width &&
              a->card_y < b->card_y + b->card_height && b->card_y < a->card_y + a->card_height)
            g_error ("%s: the cards of %s and %s overlap in a %d×%d drawing",
                     what, a->station_id, b->station_id, width, height);

          /* b's marker: where its lines meet */
          nx = CLAMP (b->x, a->card_x, a->card_x + a->card_width);
          ny = CLAMP (b->y, a->card_y, a->card_y + a->card_height);
          if (hypot (b->x - nx, b->y - ny) < b->marker_radius)
            g_error ("%s: the card of %s covers station %s in a %d×%d drawing",
                     what, a->station_id, b->station_id, width, height);
        }
    }

  return displaced;
}

/* Labels never cover each other or another station, on generated
 * documents of 20–60 stations at random places with Chinese and long
 * labels: cards that would collide move beside their stations.  In the
 * template nothing collides, so nothing moves. */
static void
test_labels_apart (void)
{
  guint displaced = 0, documents_checked = 0;

  for (guint l = 0; l < G_N_ELEMENTS (tl_test_languages); l++)
    for (guint s = 0; s < G_N_ELEMENTS (tl_test_sizes); s++)
      {
        g_autoptr(TlDocument) document = tl_template_new_o2o (tl_test_languages[l]);
        g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
        int width = tl_test_sizes[s].width, height = tl_test_sizes[s].height;
        g_autoptr(TlDiagramLayout) layout = _tl_diagram_painter_get_layout (painter, width, height);

        g_assert_cmpuint (check_cards_clear (layout, width, height, "template"), ==, 0);
      }

  for (guint n = 20; n <= 60; n += 10)
    for (guint32 seed = 1; seed <= 4; seed++)
      for (guint s = 0; s < G_N_ELEMENTS (tl_test_sizes); s++)
        {
          g_autoptr(TlDocument) document = random_document (n, seed * 101 + n);
          g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
          int width = tl_test_sizes[s].width, height = tl_test_sizes[s].height;
          g_autoptr(TlDiagramLayout) layout = _tl_diagram_painter_get_layout (painter, width, height);
          g_autofree char *what = g_strdup_printf ("%u stations, seed %u", n, seed);

          g_assert_cmpuint (layout->stations->len, ==, n);
          displaced += check_cards_clear (layout, width, height, what);
          documents_checked++;
        }

  /* The documents are dense enough for placement to have work to do. */
  g_assert_cmpuint (documents_checked, ==, 5 * 4 * G_N_ELEMENTS (tl_test_sizes));
  g_assert_cmpuint (displaced, >, documents_checked);
}

/* A moved card still finds its station: clicking the marker selects it,
 * and lines end at the marker, not under the card. */
static void
test_displaced_station_hit (void)
{
  g_autoptr(TlDocument) document = random_document (40, 7);
  g_autoptr(TlDiagramPainter) painter = tl_diagram_painter_new (document);
  g_autoptr(TlDiagramLayout) layout = _tl_diagram_painter_get_layout (painter, 1280, 800);
  guint checked = 0;

  for (guint i = 0; i < layout->stations->len; i++)
    {
      const TlDiagramLayoutStation *station = &g_array_index (layout->stations, TlDiagramLayoutStation, i);
      double x, y;

      if (!station->displaced)
        continue;

      g_assert_true (tl_diagram_painter_get_station_position (painter, 1280, 800, station->station_id, &x, &y));
      g_assert_cmpfloat_with_epsilon (x, station->x, 1e-9);
      g_assert_cmpfloat_with_epsilon (y, station->y, 1e-9);
      g_assert_cmpstr (tl_diagram_painter_station_at (painter, 1280, 800, x, y), ==, station->station_id);
      g_assert_cmpstr (tl_diagram_painter_station_at (painter, 1280, 800,
                                                      station->card_x + station->card_width / 2,
                                                      station->card_y + station->card_height / 2),
                       ==, station->station_id);
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tl/render/layout/bundles", test_bundles);
  g_test_add_func ("/tl/render/layout/closed", test_closed);
  g_test_add_func ("/tl/render/layout/no-self-crossing", test_no_self_crossing);
  g_test_add_func ("/tl/render/layout/follows-document", test_follows_document);
  g_test_add_func ("/tl/render/layout/labels-apart", test_labels_apart);
  g_test_add_func ("/tl/render/layout/displaced-station-hit", test_displaced_station_hit);

  return g_test_run ();
}
