/* tl-canvas-view.c
 *
 * The widget adds only what the screen needs beside a painter: it asks the
 * painter to draw, and turns clicks into a selection through the painter's
 * hit-testing.  Exports use the same painters without it.  Both painters
 * are TlPainters, so one widget serves either page.
 *
 * Zoom and pan are a cairo transform around the painter's draw.  Fitted,
 * the painter draws at the widget's size, as it always did; zoomed, it
 * draws at its natural size, scaled by the zoom and moved so that a chosen
 * natural point sits at the widget's centre.  Hit-testing and locating go
 * through the same transform, so clicks land on what is drawn.
 *
 * On the diagram it also edits: a drag that starts on a station moves the
 * selected stations, live through commands applied outside the undo
 * stack, then as one command group when it ends (one undo step), with the
 * painter's fit frozen so the drawing does not rescale under the pointer.
 * Arrow keys move, Delete removes, F2 or a double-click renames in a
 * popover.  Shift/Ctrl-click selects several stations (TlSession keeps
 * them); the painter marks the primary one, this widget rings the others.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tl-canvas-a11y.h"
#include "tl-canvas-view-private.h"
#include "tl-diagram-painter.h"
#include "tl-loop-commands.h"
#include "tl-matrix-painter.h"
#include "tl-painter.h"
#include "tl-ui-private.h"

/* Indexed by TlCanvasKind */
static const char * const accessible_labels[] = {
  [TL_CANVAS_DIAGRAM] = N_("Six-loop diagram"),
  [TL_CANVAS_MATRIX] = N_("Experience matrix"),
};

struct _TlCanvasView
{
  GtkWidget     parent_instance;

  TlCanvasKind  kind;
  TlSession    *session;
  TlPainter    *painter;
  char         *theme_name;
  TlMatrixMode  matrix_mode;

  /* 0 while fitted; else the scale of the natural size, with the natural
   * point (center_x, center_y) at the widget's centre. */
  double        zoom;
  double        center_x;
  double        center_y;

  /* Pointer position, for zooming under it */
  double        pointer_x;
  double        pointer_y;

  /* A drag that started on empty space pans. */
  gboolean      drag_on_empty;
  gboolean      panning;
  double        drag_center_x;
  double        drag_center_y;
  double        pinch_zoom;

  /* A drag that started on a station moves the selected stations: live,
   * outside the undo stack, and as one command when it ends. */
  gboolean      drag_on_station;
  gboolean      moving;
  char         *drag_station;
  GPtrArray    *drag_ids;
  GArray       *drag_origins;  /* x, y pairs in document units */
  double        drag_x;
  double        drag_y;
  double        drag_start_x;
  double        drag_start_y;
  double        drag_dx;
  double        drag_dy;
  GdkModifierType drag_state;

  gboolean      snap_to_grid;

  /* The in-place rename */
  /* Focusable, accessible children over the drawing (tl-canvas-a11y.c) */
  TlCanvasA11y *a11y;

  GtkWidget    *rename_popover;
  GtkWidget    *rename_entry;
  char         *rename_station;

  /* Whether the pointer is over the widget (where a new station goes) */
  gboolean      pointer_inside;

  /* While a station is dragged, the drawing keeps the size and place it
   * had when the drag began, whatever happens to the widget's size (the
   * properties pane sliding in): it must not rescale under the pointer. */
  gboolean      transform_frozen;
  double        frozen_draw_width;
  double        frozen_draw_height;
  double        frozen_scale;
  double        frozen_offset_x;
  double        frozen_offset_y;

  /* New Loop mode: the stations chosen so far, in order */
  gboolean      creating_loop;
  GPtrArray    *loop_draft;

  /* A Shift- or Ctrl-drag on empty space selects the stations it
   * touches: band_base is the selection it started from. */
  gboolean      banding;
  double        band_x0;
  double        band_y0;
  double        band_x1;
  double        band_y1;
  GdkModifierType band_state;
  GPtrArray    *band_base;

  /* What a drag of feedback over the canvas would link to: a ring */
  char         *drop_kind;
  char         *drop_id;

  /* How the diagram shows evidence */
  TlDiagramEvidenceMode evidence_mode;
};

#define MIN_ZOOM        0.1
#define MAX_ZOOM        8.0
#define ZOOM_STEP       1.25
#define SCROLL_STEP     48.0
#define DRAG_THRESHOLD  4.0
#define GRID_SIZE       20.0
#define KEY_STEP        5.0
#define KEY_BIG_STEP    50.0

enum {
  PROP_0,
  PROP_KIND,
  PROP_SESSION,
  PROP_SNAP_TO_GRID,
  PROP_CREATING_LOOP,
  PROP_MATRIX_MODE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TlCanvasView, tl_canvas_view, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

/* Editing the diagram's structure: below, after the widget's basics */
static gboolean loop_draft_choose  (TlCanvasView    *self,
                                    const char      *station_id);
static gboolean loop_mode_key      (TlCanvasView    *self,
                                    guint            keyval,
                                    GdkModifierType  mods);
static gboolean is_loop_mode_key   (guint            keyval,
                                    GdkModifierType  state);
static gboolean arrow_direction    (guint            keyval,
                                    double          *dx,
                                    double          *dy);
static void     band_begin         (TlCanvasView    *self,
                                    double           x,
                                    double           y,
                                    GdkModifierType  state);
static void     band_update        (TlCanvasView    *self,
                                    double           offset_x,
                                    double           offset_y);
static void     band_end           (TlCanvasView    *self);
static void     loop_draft_changed (TlCanvasView    *self);
static void     draw_overlays      (TlCanvasView    *self,
                                    cairo_t         *cr,
                                    double           draw_width,
                                    double           draw_height,
                                    double           scale,
                                    double           offset_x,
                                    double           offset_y);

static const char *
page_name (TlCanvasView *self)
{
  return self->kind == TL_CANVAS_MATRIX ? "matrix" : "diagram";
}

static void
natural_size (TlCanvasView *self,
              double       *width,
              double       *height)
{
  *width = 1280;
  *height = 800;
  if (self->painter != NULL)
    tl_painter_get_natural_size (self->painter, width, height);
  *width = MAX (*width, 1);
  *height = MAX (*height, 1);
}

/* The size the painter draws at, and the transform from its drawing to
 * widget coordinates: widget = drawing × scale + offset. */
static void
get_transform (TlCanvasView *self,
               double       *draw_width,
               double       *draw_height,
               double       *scale,
               double       *offset_x,
               double       *offset_y)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->transform_frozen)
    {
      *draw_width = self->frozen_draw_width;
      *draw_height = self->frozen_draw_height;
      *scale = self->frozen_scale;
      *offset_x = self->frozen_offset_x;
      *offset_y = self->frozen_offset_y;
      return;
    }

  if (self->zoom <= 0)
    {
      *draw_width = width;
      *draw_height = height;
      *scale = 1;
      *offset_x = *offset_y = 0;
      return;
    }

  natural_size (self, draw_width, draw_height);
  *scale = self->zoom;
  *offset_x = width / 2 - self->center_x * self->zoom;
  *offset_y = height / 2 - self->center_y * self->zoom;
}

static void
save_zoom (TlCanvasView *self)
{
  if (self->session != NULL)
    tl_session_set_canvas_zoom (self->session, page_name (self),
                                self->zoom, self->center_x, self->center_y);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  tl_canvas_a11y_queue_layout (self->a11y);
}

/* The zoom at which the natural size fits the widget, centred: where
 * zooming or panning starts from a fitted view. */
static void
leave_fit (TlCanvasView *self)
{
  double natural_width, natural_height;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->zoom > 0)
    return;

  natural_size (self, &natural_width, &natural_height);
  self->zoom = width > 0 && height > 0
               ? MIN (width / natural_width, height / natural_height) : 1;
  self->zoom = CLAMP (self->zoom, MIN_ZOOM, MAX_ZOOM);
  self->center_x = natural_width / 2;
  self->center_y = natural_height / 2;
}

/* The drawing may not wander off: its centre stays within the page. */
static void
clamp_center (TlCanvasView *self)
{
  double natural_width, natural_height;

  natural_size (self, &natural_width, &natural_height);
  self->center_x = CLAMP (self->center_x, 0, natural_width);
  self->center_y = CLAMP (self->center_y, 0, natural_height);
}

static void
set_zoom_keeping (TlCanvasView *self,
                  double        zoom,
                  double        x,
                  double        y)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double natural_x, natural_y;

  leave_fit (self);
  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);

  /* The natural point under (x, y) stays under it. */
  natural_x = self->center_x + (x - width / 2) / self->zoom;
  natural_y = self->center_y + (y - height / 2) / self->zoom;
  self->zoom = zoom;
  self->center_x = natural_x - (x - width / 2) / zoom;
  self->center_y = natural_y - (y - height / 2) / zoom;
  clamp_center (self);
  save_zoom (self);
}

static void
update_focus_loop (TlCanvasView *self)
{
  if (self->session == NULL || !TL_IS_DIAGRAM_PAINTER (self->painter))
    return;

  tl_diagram_painter_set_focus_loop (TL_DIAGRAM_PAINTER (self->painter),
                                     tl_session_get_focus_loop (self->session));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_theme (TlCanvasView *self)
{
  g_autoptr(TlTheme) theme = NULL;

  if (self->painter == NULL)
    return;

  if (self->theme_name != NULL && tl_theme_name_is_valid (self->theme_name))
    theme = tl_theme_new (self->theme_name);
  else
    theme = _tl_ui_theme_new_for_style ();
  tl_painter_set_theme (self->painter, theme);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
style_manager_notify_dark_cb (AdwStyleManager *manager,
                              GParamSpec      *pspec,
                              TlCanvasView    *self)
{
  update_theme (self);
}

static void
document_changed_cb (TlDocument   *document,
                     TlChangeKind  kind,
                     GObject      *object,
                     const char   *property,
                     TlCanvasView *self)
{
  /* A station gone (an undo) leaves the loop being made. */
  if (kind == TL_CHANGE_REMOVED && TL_IS_STATION (object) && self->loop_draft->len > 0)
    {
      guint index;

      while (g_ptr_array_find_with_equal_func (self->loop_draft, tl_station_get_id (TL_STATION (object)),
                                               g_str_equal, &index))
        g_ptr_array_remove_index (self->loop_draft, index);
      loop_draft_changed (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_hidden_loops (TlCanvasView *self)
{
  if (self->session == NULL || !TL_IS_DIAGRAM_PAINTER (self->painter))
    return;

  tl_diagram_painter_set_hidden_loops (TL_DIAGRAM_PAINTER (self->painter),
                                       tl_session_get_hidden_loops (self->session));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
session_notify_selected_id_cb (TlSession    *session,
                               GParamSpec   *pspec,
                               TlCanvasView *self)
{
  tl_painter_set_selection (self->painter,
                            tl_session_get_selected_kind (session),
                            tl_session_get_selected_id (session));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
hit_test (TlCanvasView  *self,
          double         x,
          double         y,
          char         **kind,
          char         **id)
{
  double draw_width, draw_height, scale, offset_x, offset_y;

  if (self->painter == NULL)
    return FALSE;

  get_transform (self, &draw_width, &draw_height, &scale, &offset_x, &offset_y);
  return tl_painter_hit_test (self->painter, draw_width, draw_height,
                              (x - offset_x) / scale, (y - offset_y) / scale,
                              kind, id);
}

void
tl_canvas_view_select_at (TlCanvasView *self,
                          double        x,
                          double        y)
{
  g_return_if_fail (TL_IS_CANVAS_VIEW (self));

  _tl_canvas_view_click (self, 1, x, y, 0);
}

static void
session_notify_focus_loop_cb (TlSession    *session,
                              GParamSpec   *pspec,
                              TlCanvasView *self)
{
  update_focus_loop (self);
}

gboolean
tl_canvas_view_locate (TlCanvasView *self,
                       const char   *kind,
                       const char   *id,
                       double       *x,
                       double       *y)
{
  double draw_width, draw_height, scale, offset_x, offset_y;
  double drawn_x, drawn_y;

  g_return_val_if_fail (TL_IS_CANVAS_VIEW (self), FALSE);

  if (self->painter == NULL)
    return FALSE;

  get_transform (self, &draw_width, &draw_height, &scale, &offset_x, &offset_y);
  if (!tl_painter_locate (self->painter, draw_width, draw_height, kind, id, &drawn_x, &drawn_y))
    return FALSE;

  *x = drawn_x * scale + offset_x;
  *y = drawn_y * scale + offset_y;
  return TRUE;
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  TlCanvasView    *self)
{
  /* The object under the pointer takes the keyboard focus, if any. */
  if (!tl_canvas_a11y_grab_focus_at (self->a11y, x, y))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

void
_tl_canvas_view_click (TlCanvasView    *self,
                       int              n_press,
                       double           x,
                       double           y,
                       GdkModifierType  state)
{
  g_autofree char *kind = NULL;
  g_autofree char *id = NULL;

  if (self->session == NULL)
    return;

  hit_test (self, x, y, &kind, &id);

  /* The eye at the end of a loop's legend entry shows or hides it. */
  if (self->kind == TL_CANVAS_DIAGRAM && g_strcmp0 (kind, "loop-visibility") == 0)
    {
      if (n_press == 1)
        tl_session_set_loop_visible (self->session, id, !tl_session_get_loop_visible (self->session, id));
      return;
    }

  /* Making a loop, a click chooses its next station and nothing else. */
  if (self->creating_loop)
    {
      if (g_strcmp0 (kind, "station") == 0 && n_press == 1)
        loop_draft_choose (self, id);
      return;
    }

  if (self->kind == TL_CANVAS_DIAGRAM && g_strcmp0 (kind, "station") == 0)
    {
      if (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK))
        {
          /* The second press of a double-click should not undo the first. */
          if (n_press == 1)
            tl_session_toggle_station (self->session, id);
          return;
        }

      tl_session_select_stations (self->session, (const char *[]) { id, NULL }, id);
      if (n_press == 2)
        tl_canvas_view_start_rename (self);
      return;
    }

  if (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK))
    return;
  tl_session_select (self->session, kind, id);
  /* A double-click on a matrix cell edits it in place. */
  if (n_press == 2 && g_strcmp0 (kind, "cell") == 0)
    tl_canvas_a11y_edit_cell (self->a11y, id);
}

/* On release, so that dragging empty space to pan keeps the selection
 * (the click gesture stops when the pointer moves). */
static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   TlCanvasView    *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  _tl_canvas_view_click (self, n_press, x, y, state);
}

/* Widget coordinates to the diagram's document units */
static void
to_document (TlCanvasView *self,
             double        x,
             double        y,
             double       *doc_x,
             double       *doc_y)
{
  double draw_width, draw_height, scale, offset_x, offset_y;

  get_transform (self, &draw_width, &draw_height, &scale, &offset_x, &offset_y);
  tl_diagram_painter_to_document (TL_DIAGRAM_PAINTER (self->painter), draw_width, draw_height,
                                  (x - offset_x) / scale, (y - offset_y) / scale,
                                  doc_x, doc_y);
}

static double
snap (double value)
{
  return round (value / GRID_SIZE) * GRID_SIZE;
}

/* A command moving the dragged stations from their origins by (dx, dy) */
static TlCommand *
move_command (TlCanvasView *self,
              double        dx,
              double        dy)
{
  TlDocument *document = tl_session_get_document (self->session);
  TlCommand *group = tl_command_group_new (self->drag_ids->len > 1 ? _("Move Stations")
                                                                   : _("Move Station"));

  for (guint i = 0; i < self->drag_ids->len; i++)
    {
      TlStation *station = tl_document_lookup_station (document, g_ptr_array_index (self->drag_ids, i));
      g_auto(GValue) value = G_VALUE_INIT;

      if (station == NULL)
        continue;

      g_value_init (&value, G_TYPE_DOUBLE);
      g_value_set_double (&value, g_array_index (self->drag_origins, double, 2 * i) + dx);
      tl_command_group_add (TL_COMMAND_GROUP (group),
                            tl_set_property_command_new (G_OBJECT (station), "x", &value, FALSE));
      g_value_set_double (&value, g_array_index (self->drag_origins, double, 2 * i + 1) + dy);
      tl_command_group_add (TL_COMMAND_GROUP (group),
                            tl_set_property_command_new (G_OBJECT (station), "y", &value, FALSE));
    }
  return group;
}

/* Applies a move outside the undo stack: the live part of a drag. */
static void
apply_live (TlCanvasView *self,
            double        dx,
            double        dy)
{
  g_autoptr(TlCommand) command = move_command (self, dx, dy);
  g_autoptr(GError) error = NULL;

  if (!tl_command_apply (command, tl_session_get_document (self->session), &error))
    g_warning ("Could not move stations: %s", error->message);
}

static void
clear_drag (TlCanvasView *self)
{
  self->drag_on_station = FALSE;
  self->moving = FALSE;
  self->transform_frozen = FALSE;
  g_clear_pointer (&self->drag_station, g_free);
  g_clear_pointer (&self->drag_ids, g_ptr_array_unref);
  g_clear_pointer (&self->drag_origins, g_array_unref);
}

static void
start_moving (TlCanvasView *self)
{
  TlDocument *document = tl_session_get_document (self->session);

  /* Before the selection below brings the properties pane in (and a
   * narrower widget with it): the drawing stays as it is until the drop,
   * so the station stays under the pointer. */
  get_transform (self, &self->frozen_draw_width, &self->frozen_draw_height,
                 &self->frozen_scale, &self->frozen_offset_x, &self->frozen_offset_y);
  self->transform_frozen = TRUE;

  /* Dragging an unselected station drags it alone (or adds it, with
   * Shift or Ctrl); dragging a selected one drags all the selected. */
  if (!tl_session_is_station_selected (self->session, self->drag_station))
    {
      if (self->drag_state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK))
        tl_session_toggle_station (self->session, self->drag_station);
      else
        tl_session_select_stations (self->session,
                                    (const char *[]) { self->drag_station, NULL },
                                    self->drag_station);
    }

  self->drag_ids = tl_session_dup_selected_stations (self->session);
  self->drag_origins = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < self->drag_ids->len; i++)
    {
      TlStation *station = tl_document_lookup_station (document, g_ptr_array_index (self->drag_ids, i));
      double xy[2] = { tl_station_get_x (station), tl_station_get_y (station) };

      g_array_append_vals (self->drag_origins, xy, 2);
    }

  /* The mapping from the drawing to the document stays as it is now, so
   * the station follows the pointer instead of the drawing rescaling. */
  tl_diagram_painter_set_fit_frozen (TL_DIAGRAM_PAINTER (self->painter), TRUE);
  self->moving = TRUE;
  self->drag_dx = self->drag_dy = 0;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

void
_tl_canvas_view_drag_begin (TlCanvasView    *self,
                            double           x,
                            double           y,
                            GdkModifierType  state)
{
  g_autofree char *kind = NULL;
  g_autofree char *id = NULL;

  clear_drag (self);
  self->panning = FALSE;
  self->drag_on_empty = FALSE;
  self->banding = FALSE;

  if (!hit_test (self, x, y, &kind, &id))
    {
      /* Shift or Ctrl: a rubber band; otherwise empty space pans. */
      if (self->kind == TL_CANVAS_DIAGRAM && self->session != NULL && !self->creating_loop &&
          (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)))
        band_begin (self, x, y, state);
      else
        self->drag_on_empty = TRUE;
      return;
    }

  /* Only stations move; a legend entry ("loop") is only clicked; making
   * a loop, a station is only chosen. */
  if (self->kind != TL_CANVAS_DIAGRAM || self->session == NULL || self->creating_loop ||
      g_strcmp0 (kind, "station") != 0)
    return;

  self->drag_on_station = TRUE;
  self->drag_station = g_strdup (id);
  self->drag_state = state;
  self->drag_x = x;
  self->drag_y = y;
  to_document (self, x, y, &self->drag_start_x, &self->drag_start_y);
}

void
_tl_canvas_view_drag_update (TlCanvasView *self,
                             double        offset_x,
                             double        offset_y)
{
  double start_x, start_y, doc_x, doc_y, dx, dy;

  if (self->banding)
    {
      band_update (self, offset_x, offset_y);
      return;
    }

  if (self->drag_on_station)
    {
      guint primary = 0;

      if (!self->moving)
        {
          if (hypot (offset_x, offset_y) < DRAG_THRESHOLD)
            return;
          start_moving (self);
        }

      start_x = self->drag_start_x;
      start_y = self->drag_start_y;
      /* The document point under the pointer now, through the frozen fit */
      to_document (self, self->drag_x + offset_x, self->drag_y + offset_y, &doc_x, &doc_y);
      dx = doc_x - start_x;
      dy = doc_y - start_y;

      /* The grabbed station lands on the grid; the others keep their
       * places relative to it. */
      for (guint i = 0; i < self->drag_ids->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->drag_ids, i), self->drag_station) == 0)
          primary = i;
      if (self->snap_to_grid && self->drag_ids->len > 0)
        {
          double ox = g_array_index (self->drag_origins, double, 2 * primary);
          double oy = g_array_index (self->drag_origins, double, 2 * primary + 1);

          dx = snap (ox + dx) - ox;
          dy = snap (oy + dy) - oy;
        }

      if (dx != self->drag_dx || dy != self->drag_dy)
        {
          self->drag_dx = dx;
          self->drag_dy = dy;
          apply_live (self, dx, dy);
        }
      return;
    }

  if (!self->drag_on_empty)
    return;

  if (!self->panning)
    {
      if (hypot (offset_x, offset_y) < DRAG_THRESHOLD)
        return;
      leave_fit (self);
      self->panning = TRUE;
      self->drag_center_x = self->center_x;
      self->drag_center_y = self->center_y;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }

  self->center_x = self->drag_center_x - offset_x / self->zoom;
  self->center_y = self->drag_center_y - offset_y / self->zoom;
  clamp_center (self);
  save_zoom (self);
}

void
_tl_canvas_view_drag_end (TlCanvasView *self)
{
  if (self->banding)
    band_end (self);

  if (self->moving)
    {
      double dx = self->drag_dx, dy = self->drag_dy;

      gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
      if (dx != 0 || dy != 0)
        {
          g_autoptr(TlCommand) command = NULL;
          g_autoptr(GError) error = NULL;

          /* Back to where the drag began, then the whole move as one
           * undoable step. */
          apply_live (self, 0, 0);
          command = move_command (self, dx, dy);
          if (!tl_session_run (self->session, command, &error))
            g_warning ("Could not move stations: %s", error->message);
        }
      tl_diagram_painter_set_fit_frozen (TL_DIAGRAM_PAINTER (self->painter), FALSE);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  clear_drag (self);
  /* the drawing may fit a new size now that it is no longer frozen */
  tl_canvas_a11y_queue_layout (self->a11y);

  if (self->panning)
    gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  self->panning = FALSE;
  self->drag_on_empty = FALSE;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               TlCanvasView   *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  _tl_canvas_view_drag_begin (self, x, y, state);
  if (!self->drag_on_empty && !self->drag_on_station && !self->banding)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                TlCanvasView   *self)
{
  gboolean was_moving = self->moving;

  _tl_canvas_view_drag_update (self, offset_x, offset_y);
  /* Moving a station is not a click. */
  if (self->moving && !was_moving)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             TlCanvasView   *self)
{
  _tl_canvas_view_drag_end (self);
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               TlCanvasView     *self)
{
  leave_fit (self);
  self->pinch_zoom = self->zoom;
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       TlCanvasView   *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  set_zoom_keeping (self, self->pinch_zoom * scale, x, y);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           TlCanvasView             *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  /* the new loop's line follows the pointer */
  if (self->creating_loop && self->loop_draft->len > 0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_leave_cb (GtkEventControllerMotion *controller,
                 TlCanvasView             *self)
{
  self->pointer_inside = FALSE;
  if (self->creating_loop)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           TlCanvasView             *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;
  double step = wheel ? SCROLL_STEP : 1;

  if (state & GDK_CONTROL_MASK)
    {
      /* A wheel click is one zoom step; a touchpad scrolls in pixels. */
      tl_canvas_view_zoom_at (self, pow (ZOOM_STEP, wheel ? -dy : -dy / SCROLL_STEP),
                              self->pointer_x, self->pointer_y);
      return TRUE;
    }

  /* Shift turns a plain wheel sideways. */
  if ((state & GDK_SHIFT_MASK) && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  tl_canvas_view_pan (self, -dx * step, -dy * step);
  return TRUE;
}

/* Moves the selected stations by (dx, dy) document units, one step */
static gboolean
move_selected (TlCanvasView *self,
               double        dx,
               double        dy)
{
  g_autoptr(TlCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  TlDocument *document = tl_session_get_document (self->session);

  clear_drag (self);
  self->drag_ids = tl_session_dup_selected_stations (self->session);
  if (self->drag_ids->len == 0)
    {
      clear_drag (self);
      return FALSE;
    }

  self->drag_origins = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < self->drag_ids->len; i++)
    {
      TlStation *station = tl_document_lookup_station (document, g_ptr_array_index (self->drag_ids, i));
      double xy[2] = { tl_station_get_x (station), tl_station_get_y (station) };

      g_array_append_vals (self->drag_origins, xy, 2);
    }

  command = move_command (self, dx, dy);
  clear_drag (self);
  if (!tl_session_run (self->session, command, &error))
    g_warning ("Could not move stations: %s", error->message);
  return TRUE;
}

/* Deletes the selected stations (their loops repaired) or the selected
 * loop, as one step. */
static gboolean
delete_selected (TlCanvasView *self)
{
  g_autoptr(TlCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  const char *kind = tl_session_get_selected_kind (self->session);
  const char *id = tl_session_get_selected_id (self->session);

  if (g_strcmp0 (kind, "loop") == 0)
    command = tl_remove_loop_command_new (id);
  else if (g_strcmp0 (kind, "station") == 0)
    {
      g_autoptr(GPtrArray) ids = tl_session_dup_selected_stations (self->session);

      if (ids->len == 1)
        command = tl_remove_station_command_new (g_ptr_array_index (ids, 0));
      else
        {
          command = tl_command_group_new (_("Delete Stations"));
          for (guint i = 0; i < ids->len; i++)
            tl_command_group_add (TL_COMMAND_GROUP (command),
                                  tl_remove_station_command_new (g_ptr_array_index (ids, i)));
        }
    }

  if (command == NULL)
    return FALSE;
  if (!tl_session_run (self->session, command, &error))
    g_warning ("Could not delete: %s", error->message);
  return TRUE;
}

gboolean
_tl_canvas_view_key_pressed (TlCanvasView    *self,
                             guint            keyval,
                             GdkModifierType  state)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK |
                                  GDK_SUPER_MASK | GDK_META_MASK);
  double step, dx, dy;
  int digit = -1;

  if (self->session == NULL || self->kind != TL_CANVAS_DIAGRAM)
    return FALSE;

  if (self->creating_loop && loop_mode_key (self, keyval, mods))
    return TRUE;

  /* Alt+arrows select the nearest station that way. */
  if (mods == GDK_ALT_MASK && arrow_direction (keyval, &dx, &dy))
    return tl_canvas_view_select_in_direction (self, dx, dy);

  if (mods == 0 && (keyval == GDK_KEY_Insert || keyval == GDK_KEY_KP_Insert))
    return tl_canvas_view_add_station (self);

  /* Ctrl+arrows move the selected stations, Shift for big steps.  Plain
   * arrows on a focused station move the focus (tl-canvas-a11y.c) and do
   * not get here; on the view itself they move the stations too. */
  if ((mods & ~GDK_CONTROL_MASK) == 0 || (mods & ~GDK_CONTROL_MASK) == GDK_SHIFT_MASK)
    {
      step = (mods & GDK_SHIFT_MASK) ? KEY_BIG_STEP : KEY_STEP;
      if (self->snap_to_grid)
        step = (mods & GDK_SHIFT_MASK) ? 5 * GRID_SIZE : GRID_SIZE;

      switch (keyval)
        {
        case GDK_KEY_Left:
        case GDK_KEY_KP_Left:
          return move_selected (self, -step, 0);
        case GDK_KEY_Right:
        case GDK_KEY_KP_Right:
          return move_selected (self, step, 0);
        case GDK_KEY_Up:
        case GDK_KEY_KP_Up:
          return move_selected (self, 0, -step);
        case GDK_KEY_Down:
        case GDK_KEY_KP_Down:
          return move_selected (self, 0, step);
        default:
          break;
        }
    }

  if (mods != 0)
    return FALSE;

  if (keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete)
    return delete_selected (self);

  if (keyval == GDK_KEY_F2)
    return tl_canvas_view_start_rename (self);

  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
    digit = keyval - GDK_KEY_1;
  else if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
    digit = keyval - GDK_KEY_KP_1;

  if (digit >= 0)
    {
      GListModel *loops = tl_document_get_loops (tl_session_get_document (self->session));
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, digit);

      if (loop == NULL)
        return FALSE;
      tl_session_set_focus_loop (self->session, tl_loop_get_id (loop));
      return TRUE;
    }

  if (keyval == GDK_KEY_Escape)
    {
      gboolean handled = tl_session_get_focus_loop (self->session) != NULL;

      /* A selected loop would bring the focus back on the next look. */
      if (g_strcmp0 (tl_session_get_selected_kind (self->session), "loop") == 0)
        {
          tl_session_select (self->session, NULL, NULL);
          handled = TRUE;
        }
      tl_session_set_focus_loop (self->session, NULL);
      return handled;
    }

  return FALSE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TlCanvasView          *self)
{
  /* Making a loop, the capture controller below has its keys. */
  if (self->creating_loop && is_loop_mode_key (keyval, state))
    return FALSE;
  return _tl_canvas_view_key_pressed (self, keyval, state);
}

/* Making a loop, Enter, Space, Backspace, Escape and the arrows are the
 * mode's, whichever station item has the focus: taken before the item
 * would activate. */
static gboolean
key_capture_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TlCanvasView          *self)
{
  if (!self->creating_loop || self->session == NULL)
    return FALSE;
  return loop_mode_key (self, keyval, state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK |
                                               GDK_SUPER_MASK | GDK_META_MASK));
}

/* ---- in-place rename ---------------------------------------------------- */

static void
rename_closed_cb (GtkPopover   *popover,
                  TlCanvasView *self)
{
  g_clear_pointer (&self->rename_station, g_free);
  if (self->rename_popover != NULL && !tl_canvas_a11y_focus_selected (self->a11y))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
rename_activate_cb (GtkEntry     *entry,
                    TlCanvasView *self)
{
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  TlStation *station = NULL;

  if (self->session != NULL && self->rename_station != NULL)
    station = tl_document_lookup_station (tl_session_get_document (self->session),
                                          self->rename_station);

  /* An empty label would leave a blank card: keep the old one. */
  if (station != NULL && *label != '\0' &&
      g_strcmp0 (label, tl_station_get_label (station)) != 0)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_autoptr(GError) error = NULL;

      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, label);
      if (!tl_session_set (self->session, station, "label", &value, FALSE, &error))
        g_warning ("Could not rename the station: %s", error->message);
    }
  gtk_popover_popdown (GTK_POPOVER (self->rename_popover));
}

static void
ensure_rename_popover (TlCanvasView *self)
{
  if (self->rename_popover != NULL)
    return;

  self->rename_popover = gtk_popover_new ();
  gtk_widget_add_css_class (self->rename_popover, "tl-rename-popover");
  self->rename_entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (self->rename_entry), FALSE);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->rename_entry), 24);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rename_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Station name"),
                                  -1);
  gtk_popover_set_child (GTK_POPOVER (self->rename_popover), self->rename_entry);
  gtk_popover_set_position (GTK_POPOVER (self->rename_popover), GTK_POS_BOTTOM);
  gtk_widget_set_parent (self->rename_popover, GTK_WIDGET (self));
  g_signal_connect (self->rename_entry, "activate", G_CALLBACK (rename_activate_cb), self);
  g_signal_connect (self->rename_popover, "closed", G_CALLBACK (rename_closed_cb), self);
}

/* Points the rename popover at its station's card as drawn now: the
 * canvas may resize while it shows (the properties pane sliding in). */
static gboolean
point_rename_popover (TlCanvasView *self)
{
  double draw_width, draw_height, scale, offset_x, offset_y;
  double x, y, box_width, box_height;

  if (self->rename_popover == NULL || self->rename_station == NULL)
    return FALSE;

  get_transform (self, &draw_width, &draw_height, &scale, &offset_x, &offset_y);
  if (!tl_diagram_painter_get_station_bounds (TL_DIAGRAM_PAINTER (self->painter),
                                              draw_width, draw_height, self->rename_station,
                                              &x, &y, &box_width, &box_height))
    return FALSE;

  gtk_popover_set_pointing_to (GTK_POPOVER (self->rename_popover),
                               &(GdkRectangle) {
                                 floor (x * scale + offset_x), floor (y * scale + offset_y),
                                 MAX (1, ceil (box_width * scale)), MAX (1, ceil (box_height * scale))
                               });
  return TRUE;
}

gboolean
tl_canvas_view_start_rename (TlCanvasView *self)
{
  const char *id;
  TlStation *station;

  g_return_val_if_fail (TL_IS_CANVAS_VIEW (self), FALSE);

  if (self->session == NULL || self->kind != TL_CANVAS_DIAGRAM ||
      g_strcmp0 (tl_session_get_selected_kind (self->session), "station") != 0)
    return FALSE;

  id = tl_session_get_selected_id (self->session);
  station = tl_document_lookup_station (tl_session_get_document (self->session), id);
  if (station == NULL)
    return FALSE;

  ensure_rename_popover (self);
  g_free (self->rename_station);
  self->rename_station = g_strdup (id);
  if (!point_rename_popover (self))
    {
      g_clear_pointer (&self->rename_station, g_free);
      return FALSE;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->rename_entry), tl_station_get_label (station));
  gtk_popover_popup (GTK_POPOVER (self->rename_popover));
  gtk_widget_grab_focus (self->rename_entry);
  gtk_editable_select_region (GTK_EDITABLE (self->rename_entry), 0, -1);
  return TRUE;
}

GtkWidget *
_tl_canvas_view_get_rename_entry (TlCanvasView *self)
{
  if (self->rename_popover == NULL || !gtk_widget_get_visible (self->rename_popover))
    return NULL;
  return self->rename_entry;
}

gboolean
tl_canvas_view_get_snap_to_grid (TlCanvasView *self)
{
  g_return_val_if_fail (TL_IS_CANVAS_VIEW (self), FALSE);
  return self->snap_to_grid;
}

void
tl_canvas_view_set_snap_to_grid (TlCanvasView *self,
                                 gboolean      snap_to_grid)
{
  g_return_if_fail (TL_IS_CANVAS_VIEW (self));

  snap_to_grid = !!snap_to_grid;
  if (self->snap_to_grid == snap_to_grid)
    return;
  self->snap_to_grid = snap_to_grid;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_TO_GRID]);
}

/* The painter highlights the primary selection; the other stations
 * selected with it get a ring here. */
static void
draw_secondary_selection (TlCanvasView *self,
                          cairo_t      *cr,
                          double        draw_width,
                          double        draw_height)
{
  g_autoptr(GPtrArray) ids = NULL;
  const char *primary;
  GdkRGBA accent;

  if (self->session == NULL || self->kind != TL_CANVAS_DIAGRAM)
    return;

  ids = tl_session_dup_selected_stations (self->session);
  if (ids->len < 2)
    return;

  primary = tl_session_get_selected_id (self->session);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                       "accent_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");
  G_GNUC_END_IGNORE_DEPRECATIONS

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      double x, y, width, height;

      if (g_strcmp0 (id, primary) == 0 ||
          !tl_diagram_painter_get_station_bounds (TL_DIAGRAM_PAINTER (self->painter),
                                                  draw_width, draw_height, id,
                                                  &x, &y, &width, &height))
        continue;

      cairo_save (cr);
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1);
      cairo_set_line_width (cr, 2.5);
      cairo_set_dash (cr, (double[]) { 6, 3 }, 2, 0);
      cairo_rectangle (cr, x - 4, y - 4, width + 8, height + 8);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

static void draw_drop_highlight (TlCanvasView *self,
                                 cairo_t      *cr,
                                 double        draw_width,
                                 double        draw_height,
                                 double        scale);

static void
tl_canvas_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  TlCanvasView *self = TL_CANVAS_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double draw_width, draw_height, scale, offset_x, offset_y;
  cairo_t *cr;

  if (self->painter == NULL || width <= 0 || height <= 0)
    return;

  get_transform (self, &draw_width, &draw_height, &scale, &offset_x, &offset_y);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->zoom > 0 || self->transform_frozen)
    {
      /* Zoomed, the page covers only part of the widget: the rest is the
       * same page colour. */
      const TlColor *background = tl_theme_get_background (tl_painter_get_theme (self->painter));

      cairo_set_source_rgba (cr, background->red, background->green,
                             background->blue, background->alpha);
      cairo_paint (cr);
    }
  cairo_translate (cr, offset_x, offset_y);
  cairo_scale (cr, scale, scale);
  tl_painter_draw (self->painter, cr, draw_width, draw_height);
  draw_secondary_selection (self, cr, draw_width, draw_height);
  draw_overlays (self, cr, draw_width, draw_height, scale, offset_x, offset_y);
  draw_drop_highlight (self, cr, draw_width, draw_height, scale);
  tl_canvas_a11y_draw_focus (self->a11y, cr, draw_width, draw_height);
  cairo_destroy (cr);
}

static void
tl_canvas_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  TlCanvasView *self = TL_CANVAS_VIEW (widget);
  double width = 800, height = 600;

  if (self->painter != NULL)
    tl_painter_get_natural_size (self->painter, &width, &height);

  /* The painters scale to any size; a small minimum keeps narrow windows
   * possible. */
  *minimum = 240;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? width : height;
}

static void
tl_canvas_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  TlCanvasView *self = TL_CANVAS_VIEW (widget);

  if (self->rename_popover != NULL)
    {
      if (gtk_widget_get_visible (self->rename_popover))
        point_rename_popover (self);
      gtk_popover_present (GTK_POPOVER (self->rename_popover));
    }
  tl_canvas_a11y_allocate (self->a11y, width, height);
}

static void
tl_canvas_view_dispose (GObject *object)
{
  TlCanvasView *self = (TlCanvasView *)object;

  g_clear_object (&self->a11y);
  clear_drag (self);
  g_clear_pointer (&self->band_base, g_ptr_array_unref);
  if (self->rename_popover != NULL)
    {
      GtkWidget *popover = g_steal_pointer (&self->rename_popover);

      self->rename_entry = NULL;
      gtk_widget_unparent (popover);
    }
  g_clear_pointer (&self->rename_station, g_free);

  tl_canvas_view_set_session (self, NULL);

  G_OBJECT_CLASS (tl_canvas_view_parent_class)->dispose (object);
}

static void
tl_canvas_view_finalize (GObject *object)
{
  TlCanvasView *self = (TlCanvasView *)object;

  g_clear_pointer (&self->theme_name, g_free);
  g_clear_pointer (&self->loop_draft, g_ptr_array_unref);
  g_clear_pointer (&self->drop_kind, g_free);
  g_clear_pointer (&self->drop_id, g_free);

  G_OBJECT_CLASS (tl_canvas_view_parent_class)->finalize (object);
}

static void
tl_canvas_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TlCanvasView *self = TL_CANVAS_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SNAP_TO_GRID:
      g_value_set_boolean (value, self->snap_to_grid);
      break;
    case PROP_CREATING_LOOP:
      g_value_set_boolean (value, self->creating_loop);
      break;
    case PROP_MATRIX_MODE:
      g_value_set_enum (value, self->matrix_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_canvas_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TlCanvasView *self = TL_CANVAS_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      /* What a layer or experience type means, on hover */
      gtk_widget_set_has_tooltip (GTK_WIDGET (self), self->kind == TL_CANVAS_MATRIX);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(accessible_labels[self->kind]),
                                      -1);
      break;
    case PROP_SESSION:
      tl_canvas_view_set_session (self, g_value_get_object (value));
      break;
    case PROP_SNAP_TO_GRID:
      tl_canvas_view_set_snap_to_grid (self, g_value_get_boolean (value));
      break;
    case PROP_CREATING_LOOP:
      tl_canvas_view_set_creating_loop (self, g_value_get_boolean (value));
      break;
    case PROP_MATRIX_MODE:
      tl_canvas_view_set_matrix_mode (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_canvas_view_class_init (TlCanvasViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_canvas_view_dispose;
  object_class->finalize = tl_canvas_view_finalize;
  object_class->get_property = tl_canvas_view_get_property;
  object_class->set_property = tl_canvas_view_set_property;

  widget_class->snapshot = tl_canvas_view_snapshot;
  widget_class->measure = tl_canvas_view_measure;
  widget_class->size_allocate = tl_canvas_view_size_allocate;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, TL_CANVAS_DIAGRAM, TL_CANVAS_MATRIX, TL_CANVAS_DIAGRAM,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Dragged and arrow-moved stations land on a grid of 20 units */
  properties[PROP_SNAP_TO_GRID] =
    g_param_spec_boolean ("snap-to-grid", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* New Loop mode: clicks and Enter choose the new loop's stations */
  properties[PROP_CREATING_LOOP] =
    g_param_spec_boolean ("creating-loop", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The matrix's heat-map mode, a choice of the moment like the theme */
  properties[PROP_MATRIX_MODE] =
    g_param_spec_enum ("matrix-mode", NULL, NULL, TL_TYPE_MATRIX_MODE, TL_MATRIX_MODE_CURRENT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "tl-canvas-view");
  /* A group, not an image: its children are the stations and cells. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* On the matrix, a header's one-line explanation (DOMAIN.md §3) */
static gboolean
query_tooltip_cb (TlCanvasView *self,
                  int           x,
                  int           y,
                  gboolean      keyboard_mode,
                  GtkTooltip   *tooltip,
                  gpointer      user_data)
{
  double draw_width, draw_height, scale, offset_x, offset_y;
  double hx, hy, hw, hh;
  TlMatrixAxis axis;
  const char *id = NULL;
  TlMatrixHeader *header;
  const char *text;

  if (self->kind != TL_CANVAS_MATRIX || !TL_IS_MATRIX_PAINTER (self->painter) || keyboard_mode)
    return FALSE;

  get_transform (self, &draw_width, &draw_height, &scale, &offset_x, &offset_y);
  if (!tl_matrix_painter_header_at (TL_MATRIX_PAINTER (self->painter), draw_width, draw_height,
                                    (x - offset_x) / scale, (y - offset_y) / scale, &axis, &id))
    return FALSE;

  header = axis == TL_MATRIX_AXIS_LAYER
           ? tl_document_lookup_layer (tl_painter_get_document (self->painter), id)
           : tl_document_lookup_type (tl_painter_get_document (self->painter), id);
  text = header != NULL ? tl_matrix_header_explain (header) : NULL;
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  /* The tip follows the pointer from one header to the next */
  if (tl_matrix_painter_get_header_bounds (TL_MATRIX_PAINTER (self->painter), draw_width, draw_height,
                                           axis, id, &hx, &hy, &hw, &hh))
    gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                                (int) floor (hx * scale + offset_x), (int) floor (hy * scale + offset_y),
                                (int) ceil (hw * scale), (int) ceil (hh * scale) });
  return TRUE;
}

static void
tl_canvas_view_init (TlCanvasView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *pinch = gtk_gesture_zoom_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *key_capture = gtk_event_controller_key_new ();

  self->evidence_mode = TL_DIAGRAM_EVIDENCE_COUNT;
  self->snap_to_grid = TRUE;
  self->matrix_mode = TL_MATRIX_MODE_CURRENT;
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  self->loop_draft = g_ptr_array_new_with_free_func (g_free);
  self->a11y = tl_canvas_a11y_new (self);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (pinch, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));

  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  g_signal_connect (motion, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (motion_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  gtk_event_controller_set_propagation_phase (key_capture, GTK_PHASE_CAPTURE);
  g_signal_connect (key_capture, "key-pressed", G_CALLBACK (key_capture_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key_capture);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_manager_notify_dark_cb), self, 0);
}

GtkWidget *
tl_canvas_view_new (TlCanvasKind kind)
{
  return g_object_new (TL_TYPE_CANVAS_VIEW, "kind", kind, NULL);
}

TlCanvasKind
tl_canvas_view_get_kind (TlCanvasView *self)
{
  g_return_val_if_fail (TL_IS_CANVAS_VIEW (self), TL_CANVAS_DIAGRAM);
  return self->kind;
}

TlSession *
tl_canvas_view_get_session (TlCanvasView *self)
{
  g_return_val_if_fail (TL_IS_CANVAS_VIEW (self), NULL);
  return self->session;
}

void
tl_canvas_view_set_session (TlCanvasView *self,
                            TlSession    *session)
{
  g_return_if_fail (TL_IS_CANVAS_VIEW (self));
  g_return_if_fail (!session || TL_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      if (self->rename_popover != NULL)
        gtk_popover_popdown (GTK_POPOVER (self->rename_popover));
      tl_canvas_view_set_creating_loop (self, FALSE);
      self->banding = FALSE;
      g_clear_pointer (&self->band_base, g_ptr_array_unref);
      clear_drag (self);
      tl_session_disconnect (self->session, self);
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_func (tl_session_get_document (self->session),
                                            gtk_widget_queue_draw, self);
      g_clear_object (&self->painter);
      g_clear_pointer (&self->drop_kind, g_free);
      g_clear_pointer (&self->drop_id, g_free);
    }

  g_set_object (&self->session, session);

  if (session != NULL)
    {
      TlDocument *document = tl_session_get_document (session);

      if (self->kind == TL_CANVAS_MATRIX)
        {
          self->painter = TL_PAINTER (tl_matrix_painter_new (document));
          tl_matrix_painter_set_mode (TL_MATRIX_PAINTER (self->painter), self->matrix_mode);
        }
      else
        {
          self->painter = TL_PAINTER (tl_diagram_painter_new (document));
          /* the screen's legend shows and hides loops */
          tl_diagram_painter_set_show_visibility_toggles (TL_DIAGRAM_PAINTER (self->painter), TRUE);
          tl_diagram_painter_set_evidence_mode (TL_DIAGRAM_PAINTER (self->painter), self->evidence_mode);
        }
      /* Evidence is not a document edit: ::changed does not tell */
      g_signal_connect_object (document, "evidence-changed",
                               G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
      update_theme (self);
      tl_session_connect (session, self,
                          G_CALLBACK (document_changed_cb),
                          G_CALLBACK (session_notify_selected_id_cb));
      g_signal_connect_object (session, "notify::focus-loop",
                               G_CALLBACK (session_notify_focus_loop_cb), self, 0);
      g_signal_connect_object (session, "notify::selected-stations",
                               G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::hidden-loops",
                               G_CALLBACK (update_hidden_loops), self, G_CONNECT_SWAPPED);
      update_hidden_loops (self);
      session_notify_selected_id_cb (session, NULL, self);
      update_focus_loop (self);
      tl_session_get_canvas_zoom (session, page_name (self),
                                  &self->zoom, &self->center_x, &self->center_y);
    }
  else
    self->zoom = 0;

  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

const char *
tl_canvas_view_get_theme_name (TlCanvasView *self)
{
  g_return_val_if_fail (TL_IS_CANVAS_VIEW (self), NULL);
  return self->theme_name ? self->theme_name : "system";
}

void
tl_canvas_view_set_theme_name (TlCanvasView *self,
                               const char   *name)
{
  g_return_if_fail (TL_IS_CANVAS_VIEW (self));
  g_return_if_fail (name == NULL || g_str_equal (name, "system") || tl_theme_name_is_valid (name));

  if (name != NULL && g_str_equal (name, "system"))
    name = NULL;
  if (g_strcmp0 (self->theme_name, name) == 0)
    return;

  g_free (self->theme_name);
  self->theme_name = g_strdup (name);
  update_theme (self);
  /* The projector theme's larger type changes the natural size. */
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

gboolean
tl_canvas_view_get_fit (TlCanvasView *self)
{
  g_return_val_if_fail (TL_IS_CANVAS_VIEW (self), TRUE);
  return self->zoom <= 0;
}

double
tl_canvas_view_get_zoom (TlCanvasView *self)
{
  double natural_width, natural_height;
  double width, height;

  g_return_val_if_fail (TL_IS_CANVAS_VIEW (self), 1);

  if (self->zoom > 0)
    return self->zoom;

  /* Fitted: the painter scales uniformly to the smaller ratio. */
  natural_size (self, &natural_width, &natural_height);
  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  return width > 0 && height > 0 ? MIN (width / natural_width, height / natural_height) : 1;
}

void
tl_canvas_view_zoom_at (TlCanvasView *self,
                        double        factor,
                        double        x,
                        double        y)
{
  g_return_if_fail (TL_IS_CANVAS_VIEW (self));
  g_return_if_fail (factor > 0);

  leave_fit (self);
  set_zoom_keeping (self, self->zoom * factor, x, y);
}

void
tl_canvas_view_zoom_in (TlCanvasView *self)
{
  g_return_if_fail (TL_IS_CANVAS_VIEW (self));

  tl_canvas_view_zoom_at (self, ZOOM_STEP,
                          gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                          gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
tl_canvas_view_zoom_out (TlCanvasView *self)
{
  g_return_if_fail (TL_IS_CANVAS_VIEW (self));

  tl_canvas_view_zoom_at (self, 1 / ZOOM_STEP,
                          gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                          gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
tl_canvas_view_zoom_fit (TlCanvasView *self)
{
  g_return_if_fail (TL_IS_CANVAS_VIEW (self));

  self->zoom = 0;
  self->center_x = self->center_y = 0;
  save_zoom (self);
}

void
tl_canvas_view_zoom_actual (TlCanvasView *self)
{
  g_return_if_fail (TL_IS_CANVAS_VIEW (self));

  leave_fit (self);
  self->zoom = 1;
  save_zoom (self);
}

void
tl_canvas_view_pan (TlCanvasView *self,
                    double        dx,
                    double        dy)
{
  g_return_if_fail (TL_IS_CANVAS_VIEW (self));

  if (dx == 0 && dy == 0)
    return;

  leave_fit (self);
  self->center_x -= dx / self->zoom;
  self->center_y -= dy / self->zoom;
  clamp_center (self);
  save_zoom (self);
}

TlPainter *
_tl_canvas_view_get_painter (TlCanvasView *self)
{
  g_return_val_if_fail (TL_IS_CANVAS_VIEW (self), NULL);
  return self->painter;
}

void
_tl_canvas_view_get_transform (TlCanvasView *self,
                               double       *draw_width,
                               double       *draw_height,
                               double       *scale,
                               double       *offset_x,
                               double       *offset_y)
{
  g_return_if_fail (TL_IS_CANVAS_VIEW (self));
  get_transform (self, draw_width, draw_height, scale, offset_x, offset_y);
}

/* ---- editing the diagram's structure ------------------------------------ */

static void
show_message (TlCanvasView *self,
              const char   *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    {
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 6);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
  else
    g_message ("%s", message);
}

/* The drawing's unit: natural units to its pixels, as the painters scale */
static double
drawing_unit (TlCanvasView *self,
              double        draw_width,
              double        draw_height)
{
  double natural_width, natural_height;

  natural_size (self, &natural_width, &natural_height);
  return MIN (MAX (draw_width, draw_height) / MAX (natural_width, natural_height),
              MIN (draw_width, draw_height) / MIN (natural_width, natural_height));
}

static void
accent_color (TlCanvasView *self,
              GdkRGBA      *accent)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                       "accent_color", accent))
    gdk_rgba_parse (accent, "#3584e4");
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* ---- adding a station ---------------------------------------------------- */

static char *
unique_station_id (TlDocument *document)
{
  guint n = g_list_model_get_n_items (tl_document_get_stations (document)) + 1;

  for (;; n++)
    {
      g_autofree char *id = g_strdup_printf ("station%u", n);

      if (tl_document_lookup_station (document, id) == NULL)
        return g_steal_pointer (&id);
    }
}

/* Whether a new card centred on (@x, @y), widget coordinates, would be
 * clear of everything the painter hit-tests (cards, the legend) */
static gboolean
spot_is_free (TlCanvasView *self,
              double        x,
              double        y)
{
  static const double corners[][2] = { { 0, 0 }, { -1, -1 }, { 1, -1 }, { -1, 1 }, { 1, 1 } };
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double half_w = 70 * tl_canvas_view_get_zoom (self), half_h = 30 * tl_canvas_view_get_zoom (self);

  if (x - half_w < 0 || x + half_w > width || y - half_h < 0 || y + half_h > height)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
    {
      g_autofree char *kind = NULL;
      g_autofree char *id = NULL;

      if (hit_test (self, x + corners[i][0] * half_w, y + corners[i][1] * half_h, &kind, &id))
        return FALSE;
    }
  return TRUE;
}

/* Moves (@x, @y) to the nearest place nearby where a new station does not
 * land on another one: the middle of the view is where the hub often is. */
static void
find_free_spot (TlCanvasView *self,
                double       *x,
                double       *y)
{
  static const double directions[][2] = {
    { 0, 1 }, { 1, 0 }, { 0, -1 }, { -1, 0 }, { 1, 1 }, { -1, 1 }, { 1, -1 }, { -1, -1 },
  };
  double step_x = 40 * MAX (tl_canvas_view_get_zoom (self), 0.25);
  double step_y = 30 * MAX (tl_canvas_view_get_zoom (self), 0.25);

  if (spot_is_free (self, *x, *y))
    return;

  for (guint ring = 1; ring <= 10; ring++)
    for (guint d = 0; d < G_N_ELEMENTS (directions); d++)
      {
        double cx = *x + directions[d][0] * ring * step_x;
        double cy = *y + directions[d][1] * ring * step_y;

        if (spot_is_free (self, cx, cy))
          {
            *x = cx;
            *y = cy;
            return;
          }
      }
}

static gboolean
start_rename_idle_cb (gpointer data)
{
  TlCanvasView *self = data;

  if (self->session != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    tl_canvas_view_start_rename (self);
  return G_SOURCE_REMOVE;
}

gboolean
tl_canvas_view_add_station (TlCanvasView *self)
{
  TlDocument *document;
  g_autoptr(TlStation) station = NULL;
  g_autoptr(TlCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  double width, height, x, y, doc_x, doc_y;

  g_return_val_if_fail (TL_IS_CANVAS_VIEW (self), FALSE);

  if (self->session == NULL || self->kind != TL_CANVAS_DIAGRAM)
    return FALSE;

  document = tl_session_get_document (self->session);
  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));

  /* Under the pointer when it is over the drawing (a shortcut pressed
   * there), else in the middle of the view (the toolbar button). */
  if (self->pointer_inside && self->pointer_x >= 0 && self->pointer_x < width &&
      self->pointer_y >= 0 && self->pointer_y < height)
    {
      x = self->pointer_x;
      y = self->pointer_y;
    }
  else
    {
      x = width / 2;
      y = height / 2;
    }

  find_free_spot (self, &x, &y);
  to_document (self, x, y, &doc_x, &doc_y);
  if (self->snap_to_grid)
    {
      doc_x = snap (doc_x);
      doc_y = snap (doc_y);
    }

  id = unique_station_id (document);
  station = tl_station_new (id, "custom", _("New Station"), doc_x, doc_y);
  command = tl_add_station_command_new (station);
  if (!tl_session_run (self->session, command, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }

  /* Named at once, in place: once the accessible items have caught up
   * with the new station and its selection (they move the focus), or the
   * rename would lose it to them. */
  tl_session_select_stations (self->session, (const char *[]) { id, NULL }, id);
  g_idle_add_full (G_PRIORITY_LOW, start_rename_idle_cb, g_object_ref (self), g_object_unref);
  return TRUE;
}

/* ---- choosing a station by direction ------------------------------------- */

static gboolean
arrow_direction (guint   keyval,
                 double *dx,
                 double *dy)
{
  *dx = *dy = 0;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      *dx = -1;
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      *dx = 1;
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      *dy = -1;
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      *dy = 1;
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
tl_canvas_view_select_in_direction (TlCanvasView *self,
                                    double        dx,
                                    double        dy)
{
  double draw_width, draw_height, scale, offset_x, offset_y;
  const char *from = NULL;
  const char *found = NULL;

  g_return_val_if_fail (TL_IS_CANVAS_VIEW (self), FALSE);

  if (self->session == NULL || self->kind != TL_CANVAS_DIAGRAM)
    return FALSE;

  get_transform (self, &draw_width, &draw_height, &scale, &offset_x, &offset_y);
  if (g_strcmp0 (tl_session_get_selected_kind (self->session), "station") == 0)
    from = tl_session_get_selected_id (self->session);

  if (from != NULL)
    found = tl_diagram_painter_station_in_direction (TL_DIAGRAM_PAINTER (self->painter),
                                                     draw_width, draw_height, from, dx, dy);
  else
    {
      /* Nothing selected yet: start from the station nearest the middle
       * of the view. */
      GListModel *stations = tl_document_get_stations (tl_session_get_document (self->session));
      double cx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      double cy = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
      double best = G_MAXDOUBLE;

      for (guint i = 0; i < g_list_model_get_n_items (stations); i++)
        {
          g_autoptr(TlStation) station = g_list_model_get_item (stations, i);
          double x, y;

          if (tl_canvas_view_locate (self, "station", tl_station_get_id (station), &x, &y) &&
              hypot (x - cx, y - cy) < best)
            {
              best = hypot (x - cx, y - cy);
              found = tl_station_get_id (station);
            }
        }
    }

  if (found == NULL)
    return FALSE;

  {
    g_autofree char *id = g_strdup (found);

    tl_session_select_stations (self->session, (const char *[]) { id, NULL }, id);
  }
  return TRUE;
}

/* ---- New Loop mode ------------------------------------------------------- */

static char *
station_label (TlCanvasView *self,
               const char   *id)
{
  TlStation *station = tl_document_lookup_station (tl_session_get_document (self->session), id);

  return g_strdup (station ? tl_station_get_label (station) : id);
}

/* Tells assistive technology what the new loop holds so far. */
static void
loop_draft_changed (TlCanvasView *self)
{
  if (self->creating_loop)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *description = NULL;

      for (guint i = 0; i < self->loop_draft->len; i++)
        {
          g_autofree char *label = station_label (self, g_ptr_array_index (self->loop_draft, i));

          /* Translators: separates station names in a list */
          g_string_append_printf (names, "%s%s", i > 0 ? _(", ") : "", label);
        }
      if (self->loop_draft->len == 0)
        description = g_strdup (_("Making a new loop: no station chosen yet"));
      else
        description = g_strdup_printf (ngettext ("Making a new loop: %u station chosen: %s",
                                                 "Making a new loop: %u stations chosen: %s",
                                                 self->loop_draft->len),
                                       self->loop_draft->len, names->str);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
tl_canvas_view_get_creating_loop (TlCanvasView *self)
{
  g_return_val_if_fail (TL_IS_CANVAS_VIEW (self), FALSE);
  return self->creating_loop;
}

void
tl_canvas_view_set_creating_loop (TlCanvasView *self,
                                  gboolean      creating_loop)
{
  g_return_if_fail (TL_IS_CANVAS_VIEW (self));

  creating_loop = !!creating_loop;
  if (self->kind != TL_CANVAS_DIAGRAM || self->session == NULL)
    creating_loop = FALSE;
  if (self->creating_loop == creating_loop)
    return;

  self->creating_loop = creating_loop;
  g_ptr_array_set_size (self->loop_draft, 0);
  if (creating_loop && self->rename_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->rename_popover));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), creating_loop ? "crosshair" : NULL);
  loop_draft_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATING_LOOP]);
}

GPtrArray *
_tl_canvas_view_get_loop_draft (TlCanvasView *self)
{
  return self->loop_draft;
}

gboolean
tl_canvas_view_finish_loop (TlCanvasView *self)
{
  TlDocument *document;
  g_autoptr(TlLoop) loop = NULL;
  g_autoptr(TlCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (TL_IS_CANVAS_VIEW (self), FALSE);

  if (!self->creating_loop)
    return FALSE;

  if (self->loop_draft->len < 2)
    {
      show_message (self, _("A loop needs two stations or more: no loop was made."));
      tl_canvas_view_set_creating_loop (self, FALSE);
      return FALSE;
    }

  document = tl_session_get_document (self->session);
  id = tl_loop_new_unique_id (document);
  /* Translators: the name a new loop gets; the user renames it */
  name = g_strdup_printf (_("Loop %u"), g_list_model_get_n_items (tl_document_get_loops (document)) + 1);
  g_ptr_array_add (self->loop_draft, NULL);
  loop = tl_loop_new (id, name, tl_loop_palette_next_color (document),
                      (const char * const *) self->loop_draft->pdata);
  g_ptr_array_set_size (self->loop_draft, self->loop_draft->len - 1);

  command = tl_add_loop_command_new (loop);
  if (!tl_session_run (self->session, command, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }

  tl_canvas_view_set_creating_loop (self, FALSE);
  /* Selected, so its properties are there to rename and recolour it */
  tl_session_select (self->session, "loop", id);
  return TRUE;
}

/* A station chosen for the new loop: the next one, or the first again to
 * close it. */
static gboolean
loop_draft_choose (TlCanvasView *self,
                   const char   *station_id)
{
  if (!self->creating_loop || station_id == NULL)
    return FALSE;

  if (self->loop_draft->len > 0 && g_str_equal (g_ptr_array_index (self->loop_draft, 0), station_id))
    return tl_canvas_view_finish_loop (self);

  for (guint i = 1; i < self->loop_draft->len; i++)
    if (g_str_equal (g_ptr_array_index (self->loop_draft, i), station_id))
      {
        g_autofree char *label = station_label (self, station_id);
        g_autofree char *message =
          g_strdup_printf (_("“%s” is in the new loop already. Choose the first station to close the loop."),
                           label);

        show_message (self, message);
        return FALSE;
      }

  g_ptr_array_add (self->loop_draft, g_strdup (station_id));
  loop_draft_changed (self);
  return TRUE;
}

static gboolean
is_loop_mode_key (guint           keyval,
                  GdkModifierType state)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK |
                                  GDK_SUPER_MASK | GDK_META_MASK);
  double dx, dy;

  if (arrow_direction (keyval, &dx, &dy))
    return mods == 0 || mods == GDK_ALT_MASK;

  switch (keyval)
    {
    case GDK_KEY_Escape:
    case GDK_KEY_BackSpace:
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      return mods == 0;
    default:
      return FALSE;
    }
}

static gboolean
loop_mode_key (TlCanvasView    *self,
               guint            keyval,
               GdkModifierType  mods)
{
  double dx, dy;

  if (!is_loop_mode_key (keyval, mods))
    return FALSE;

  if (arrow_direction (keyval, &dx, &dy))
    {
      tl_canvas_view_select_in_direction (self, dx, dy);
      return TRUE;
    }

  switch (keyval)
    {
    case GDK_KEY_Escape:
      tl_canvas_view_set_creating_loop (self, FALSE);
      return TRUE;

    case GDK_KEY_BackSpace:
      if (self->loop_draft->len > 0)
        {
          g_ptr_array_set_size (self->loop_draft, self->loop_draft->len - 1);
          loop_draft_changed (self);
        }
      return TRUE;

    default:
      /* Enter or Space: the selected station */
      if (g_strcmp0 (tl_session_get_selected_kind (self->session), "station") != 0)
        show_message (self, _("Select a station first, with Tab or Alt and the arrow keys."));
      else
        loop_draft_choose (self, tl_session_get_selected_id (self->session));
      return TRUE;
    }
}

/* ---- rubber band --------------------------------------------------------- */

static void
band_begin (TlCanvasView    *self,
            double           x,
            double           y,
            GdkModifierType  state)
{
  self->banding = TRUE;
  self->band_x0 = self->band_x1 = x;
  self->band_y0 = self->band_y1 = y;
  self->band_state = state;
  g_clear_pointer (&self->band_base, g_ptr_array_unref);
  self->band_base = tl_session_dup_selected_stations (self->session);
}

static void
band_update (TlCanvasView *self,
             double        offset_x,
             double        offset_y)
{
  self->band_x1 = self->band_x0 + offset_x;
  self->band_y1 = self->band_y0 + offset_y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The stations whose cards the band touches, widget coordinates */
static GPtrArray *
band_stations (TlCanvasView *self)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GListModel *stations = tl_document_get_stations (tl_session_get_document (self->session));
  double draw_width, draw_height, scale, offset_x, offset_y;
  double x0 = MIN (self->band_x0, self->band_x1), x1 = MAX (self->band_x0, self->band_x1);
  double y0 = MIN (self->band_y0, self->band_y1), y1 = MAX (self->band_y0, self->band_y1);

  /* A click is not a band. */
  if (hypot (x1 - x0, y1 - y0) < DRAG_THRESHOLD)
    return ids;

  get_transform (self, &draw_width, &draw_height, &scale, &offset_x, &offset_y);
  for (guint i = 0; i < g_list_model_get_n_items (stations); i++)
    {
      g_autoptr(TlStation) station = g_list_model_get_item (stations, i);
      double x, y, w, h;

      if (!tl_diagram_painter_get_station_bounds (TL_DIAGRAM_PAINTER (self->painter), draw_width, draw_height,
                                                  tl_station_get_id (station), &x, &y, &w, &h))
        continue;
      x = x * scale + offset_x;
      y = y * scale + offset_y;
      w *= scale;
      h *= scale;
      if (x < x1 && x + w > x0 && y < y1 && y + h > y0)
        g_ptr_array_add (ids, g_strdup (tl_station_get_id (station)));
    }

  return ids;
}

static gboolean
id_in (GPtrArray  *ids,
       const char *id,
       guint      *index)
{
  return g_ptr_array_find_with_equal_func (ids, id, g_str_equal, index);
}

/* Shift adds what the band touches to the selection it started from; Ctrl
 * toggles each. */
static void
band_end (TlCanvasView *self)
{
  g_autoptr(GPtrArray) inside = band_stations (self);
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *primary = g_strdup (tl_session_get_selected_id (self->session));
  gboolean toggle = (self->band_state & GDK_CONTROL_MASK) != 0;

  for (guint i = 0; self->band_base != NULL && i < self->band_base->len; i++)
    g_ptr_array_add (result, g_strdup (g_ptr_array_index (self->band_base, i)));

  for (guint i = 0; i < inside->len; i++)
    {
      const char *id = g_ptr_array_index (inside, i);
      guint index;

      if (id_in (result, id, &index))
        {
          if (toggle)
            g_ptr_array_remove_index (result, index);
          continue;
        }
      g_ptr_array_add (result, g_strdup (id));
      g_free (primary);
      primary = g_strdup (id);
    }

  self->banding = FALSE;
  g_clear_pointer (&self->band_base, g_ptr_array_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (inside->len == 0)
    return;
  g_ptr_array_add (result, NULL);
  tl_session_select_stations (self->session, (const char * const *) result->pdata, primary);
}

/* ---- overlays ------------------------------------------------------------ */

/* The new loop so far, in the painter's coordinates: its line through
 * the chosen stations in the colour it will get, numbered, the first one
 * ringed (choose it to close the loop), and a dashed line on to the
 * pointer. */
static void
draw_loop_draft (TlCanvasView *self,
                 cairo_t      *cr,
                 double        draw_width,
                 double        draw_height,
                 double        scale,
                 double        offset_x,
                 double        offset_y)
{
  TlTheme *theme = tl_painter_get_theme (self->painter);
  double unit = drawing_unit (self, draw_width, draw_height);
  double line_width = tl_theme_get_line_width (theme) * unit;
  g_autofree double *points = g_new0 (double, 2 * (self->loop_draft->len + 1));
  guint n = 0;
  TlColor color, on_color;

  tl_theme_adjust_loop_color (theme, tl_loop_palette_next_color (tl_session_get_document (self->session)),
                              &color);
  tl_theme_text_on (theme, &color, &on_color);

  for (guint i = 0; i < self->loop_draft->len; i++)
    if (tl_diagram_painter_get_station_position (TL_DIAGRAM_PAINTER (self->painter), draw_width, draw_height,
                                                 g_ptr_array_index (self->loop_draft, i),
                                                 &points[2 * n], &points[2 * n + 1]))
      n++;
  if (n == 0)
    return;

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* see-through enough to read the labels under it */
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.75);

  cairo_move_to (cr, points[0], points[1]);
  for (guint i = 1; i < n; i++)
    cairo_line_to (cr, points[2 * i], points[2 * i + 1]);
  cairo_set_line_width (cr, line_width * 1.5);
  cairo_stroke (cr);

  if (self->pointer_inside)
    {
      double dashes[] = { 3 * line_width, 2 * line_width };

      cairo_move_to (cr, points[2 * (n - 1)], points[2 * (n - 1) + 1]);
      cairo_line_to (cr, (self->pointer_x - offset_x) / scale, (self->pointer_y - offset_y) / scale);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_set_line_width (cr, line_width);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  /* The order, on the top left corner of each card */
  for (guint i = 0; i < self->loop_draft->len; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      PangoLayout *layout;
      PangoFontDescription *font;
      int text_width, text_height;
      double bx, by, bw, bh;

      if (!tl_diagram_painter_get_station_bounds (TL_DIAGRAM_PAINTER (self->painter), draw_width, draw_height,
                                                  g_ptr_array_index (self->loop_draft, i), &bx, &by, &bw, &bh))
        continue;
      points[2 * i] = bx;
      points[2 * i + 1] = by;
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), number);
      font = pango_font_description_from_string ("Sans Bold");

      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 1);
      cairo_new_path (cr);
      cairo_arc (cr, points[2 * i], points[2 * i + 1], 11 * unit, 0, 2 * G_PI);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.5 * unit);
      cairo_set_source_rgba (cr, on_color.red, on_color.green, on_color.blue, 1);
      cairo_stroke (cr);

      /* the first: choosing it again closes the loop */
      if (i == 0 && self->loop_draft->len >= 2)
        {
          cairo_arc (cr, points[0], points[1], 16 * unit, 0, 2 * G_PI);
          cairo_set_line_width (cr, 2.5 * unit);
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, 1);
          cairo_stroke (cr);
        }

      pango_font_description_set_absolute_size (font, 12 * unit * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      cairo_set_source_rgba (cr, on_color.red, on_color.green, on_color.blue, 1);
      cairo_move_to (cr, points[2 * i] - text_width / 2.0, points[2 * i + 1] - text_height / 2.0);
      pango_cairo_show_layout (cr, layout);
      pango_font_description_free (font);
      g_object_unref (layout);
    }
  cairo_restore (cr);
}

/* What New Loop mode wants, at the top of the view, widget coordinates */
static void
draw_mode_hint (TlCanvasView *self,
                cairo_t      *cr)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  g_autofree char *text = NULL;
  PangoLayout *layout;
  int text_width, text_height;
  double box_width, box_height, x, y;

  if (self->loop_draft->len == 0)
    text = g_strdup (_("New loop: click its stations in order (or select each and press Enter). Esc cancels."));
  else
    text = g_strdup_printf (ngettext ("New loop, %u station: choose the first again to close it. "
                                      "Backspace takes one back, Esc cancels.",
                                      "New loop, %u stations: choose the first again to close it. "
                                      "Backspace takes one back, Esc cancels.",
                                      self->loop_draft->len),
                            self->loop_draft->len);

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  pango_layout_set_width (layout, MAX (100, MIN (width - 48, 720)) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  box_width = text_width + 24;
  box_height = text_height + 14;
  x = (width - box_width) / 2;
  y = 12;

  /* as GNOME's on-screen displays look, in light and dark alike */
  cairo_save (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + box_width - 10, y + 10, 10, -G_PI / 2, 0);
  cairo_arc (cr, x + box_width - 10, y + box_height - 10, 10, 0, G_PI / 2);
  cairo_arc (cr, x + 10, y + box_height - 10, 10, G_PI / 2, G_PI);
  cairo_arc (cr, x + 10, y + 10, 10, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.72);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 1);
  cairo_move_to (cr, x + 12, y + 7);
  pango_layout_set_width (layout, text_width * PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  g_object_unref (layout);
}

static void
draw_band (TlCanvasView *self,
           cairo_t      *cr,
           double        draw_width,
           double        draw_height,
           double        scale,
           double        offset_x,
           double        offset_y)
{
  g_autoptr(GPtrArray) inside = band_stations (self);
  double x0 = MIN (self->band_x0, self->band_x1), x1 = MAX (self->band_x0, self->band_x1);
  double y0 = MIN (self->band_y0, self->band_y1), y1 = MAX (self->band_y0, self->band_y1);
  GdkRGBA accent;

  accent_color (self, &accent);
  cairo_save (cr);

  /* what it will select, ringed as the selection is */
  for (guint i = 0; i < inside->len; i++)
    {
      double x, y, w, h;

      if (!tl_diagram_painter_get_station_bounds (TL_DIAGRAM_PAINTER (self->painter), draw_width, draw_height,
                                                  g_ptr_array_index (inside, i), &x, &y, &w, &h))
        continue;
      cairo_rectangle (cr, x * scale + offset_x - 4, y * scale + offset_y - 4, w * scale + 8, h * scale + 8);
    }
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1);
  cairo_set_line_width (cr, 2);
  cairo_set_dash (cr, (double[]) { 6, 3 }, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  cairo_rectangle (cr, floor (x0) + 0.5, floor (y0) + 0.5, round (x1 - x0), round (y1 - y0));
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.15);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* From snapshot, with @cr in the painter's coordinates */
static void
draw_overlays (TlCanvasView *self,
               cairo_t      *cr,
               double        draw_width,
               double        draw_height,
               double        scale,
               double        offset_x,
               double        offset_y)
{
  if (self->session == NULL || self->kind != TL_CANVAS_DIAGRAM)
    return;

  if (self->creating_loop)
    draw_loop_draft (self, cr, draw_width, draw_height, scale, offset_x, offset_y);

  /* the rest in widget coordinates */
  cairo_save (cr);
  cairo_scale (cr, 1 / scale, 1 / scale);
  cairo_translate (cr, -offset_x, -offset_y);
  if (self->banding)
    draw_band (self, cr, draw_width, draw_height, scale, offset_x, offset_y);
  if (self->creating_loop)
    draw_mode_hint (self, cr);
  cairo_restore (cr);
}

TlMatrixMode
tl_canvas_view_get_matrix_mode (TlCanvasView *self)
{
  g_return_val_if_fail (TL_IS_CANVAS_VIEW (self), TL_MATRIX_MODE_CURRENT);
  return self->matrix_mode;
}

void
tl_canvas_view_set_matrix_mode (TlCanvasView *self,
                                TlMatrixMode  mode)
{
  g_return_if_fail (TL_IS_CANVAS_VIEW (self));
  g_return_if_fail (mode < TL_MATRIX_N_MODES);

  if (self->matrix_mode == mode)
    return;

  self->matrix_mode = mode;
  if (TL_IS_MATRIX_PAINTER (self->painter))
    tl_matrix_painter_set_mode (TL_MATRIX_PAINTER (self->painter), mode);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATRIX_MODE]);
}

/* ---- evidence and drops -------------------------------------------------- */

TlDiagramEvidenceMode
tl_canvas_view_get_evidence_mode (TlCanvasView *self)
{
  g_return_val_if_fail (TL_IS_CANVAS_VIEW (self), TL_DIAGRAM_EVIDENCE_NONE);
  return self->evidence_mode;
}

void
tl_canvas_view_set_evidence_mode (TlCanvasView          *self,
                                  TlDiagramEvidenceMode  mode)
{
  g_return_if_fail (TL_IS_CANVAS_VIEW (self));
  g_return_if_fail (mode <= TL_DIAGRAM_EVIDENCE_TEMPERATURE);

  if (self->evidence_mode == mode)
    return;

  self->evidence_mode = mode;
  if (TL_IS_DIAGRAM_PAINTER (self->painter))
    tl_diagram_painter_set_evidence_mode (TL_DIAGRAM_PAINTER (self->painter), mode);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
tl_canvas_view_hit_test (TlCanvasView  *self,
                         double         x,
                         double         y,
                         char         **kind,
                         char         **id)
{
  g_autofree char *hit_kind = NULL;
  g_autofree char *hit_id = NULL;

  g_return_val_if_fail (TL_IS_CANVAS_VIEW (self), FALSE);
  g_return_val_if_fail (kind != NULL && id != NULL, FALSE);

  *kind = *id = NULL;
  if (!hit_test (self, x, y, &hit_kind, &hit_id))
    return FALSE;

  /* A loop's show/hide toggle is part of its legend entry */
  if (g_strcmp0 (hit_kind, "loop-visibility") == 0)
    {
      g_free (hit_kind);
      hit_kind = g_strdup ("loop");
    }

  *kind = g_steal_pointer (&hit_kind);
  *id = g_steal_pointer (&hit_id);
  return TRUE;
}

void
tl_canvas_view_set_drop_highlight (TlCanvasView *self,
                                   const char   *kind,
                                   const char   *id)
{
  g_return_if_fail (TL_IS_CANVAS_VIEW (self));

  if (kind == NULL || id == NULL)
    kind = id = NULL;

  if (g_strcmp0 (self->drop_kind, kind) == 0 && g_strcmp0 (self->drop_id, id) == 0)
    return;

  g_free (self->drop_kind);
  self->drop_kind = g_strdup (kind);
  g_free (self->drop_id);
  self->drop_id = g_strdup (id);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The bounds of what a drop would link to, drawing coordinates */
static gboolean
drop_target_bounds (TlCanvasView *self,
                    double        draw_width,
                    double        draw_height,
                    double       *x,
                    double       *y,
                    double       *width,
                    double       *height)
{
  if (self->drop_kind == NULL || self->painter == NULL)
    return FALSE;

  if (TL_IS_DIAGRAM_PAINTER (self->painter))
    {
      TlDiagramPainter *painter = TL_DIAGRAM_PAINTER (self->painter);

      if (g_str_equal (self->drop_kind, "station"))
        return tl_diagram_painter_get_station_bounds (painter, draw_width, draw_height,
                                                      self->drop_id, x, y, width, height);
      if (g_str_equal (self->drop_kind, "loop"))
        return tl_diagram_painter_get_loop_bounds (painter, draw_width, draw_height,
                                                   self->drop_id, x, y, width, height);
    }
  else if (TL_IS_MATRIX_PAINTER (self->painter) && g_str_equal (self->drop_kind, "cell"))
    {
      g_auto(GStrv) parts = g_strsplit (self->drop_id, "/", 2);

      if (g_strv_length (parts) == 2)
        return tl_matrix_painter_get_cell_bounds (TL_MATRIX_PAINTER (self->painter),
                                                  draw_width, draw_height, parts[0], parts[1],
                                                  x, y, width, height);
    }

  return FALSE;
}

/* A ring of the accent colour around the drop target, a faint wash in it */
static void
draw_drop_highlight (TlCanvasView *self,
                     cairo_t      *cr,
                     double        draw_width,
                     double        draw_height,
                     double        scale)
{
  double x, y, width, height, gap, radius;
  GdkRGBA accent;

  if (!drop_target_bounds (self, draw_width, draw_height, &x, &y, &width, &height))
    return;

  accent_color (self, &accent);
  gap = 5 / scale;
  radius = 10 / scale;
  x -= gap;
  y -= gap;
  width += 2 * gap;
  height += 2 * gap;

  cairo_save (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.14);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1);
  cairo_set_line_width (cr, 3 / scale);
  cairo_stroke (cr);
  cairo_restore (cr);
}

gboolean
_tl_canvas_view_get_drop_highlight (TlCanvasView  *self,
                                    const char   **kind,
                                    const char   **id)
{
  *kind = self->drop_kind;
  *id = self->drop_id;
  return self->drop_kind != NULL;
}
