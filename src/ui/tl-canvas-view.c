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
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tl-canvas-view.h"
#include "tl-diagram-painter.h"
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
};

#define MIN_ZOOM        0.1
#define MAX_ZOOM        8.0
#define ZOOM_STEP       1.25
#define SCROLL_STEP     48.0
#define DRAG_THRESHOLD  4.0

enum {
  PROP_0,
  PROP_KIND,
  PROP_SESSION,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TlCanvasView, tl_canvas_view, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

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
  g_autofree char *kind = NULL;
  g_autofree char *id = NULL;

  g_return_if_fail (TL_IS_CANVAS_VIEW (self));

  if (self->session == NULL)
    return;

  hit_test (self, x, y, &kind, &id);
  tl_session_select (self->session, kind, id);
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
  gtk_widget_grab_focus (GTK_WIDGET (self));
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
  tl_canvas_view_select_at (self, x, y);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               TlCanvasView   *self)
{
  g_autofree char *kind = NULL;
  g_autofree char *id = NULL;

  self->panning = FALSE;
  self->drag_on_empty = !hit_test (self, x, y, &kind, &id);
  if (!self->drag_on_empty)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                TlCanvasView   *self)
{
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

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             TlCanvasView   *self)
{
  if (self->panning)
    gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  self->panning = FALSE;
  self->drag_on_empty = FALSE;
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

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TlCanvasView          *self)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK |
                                  GDK_SUPER_MASK | GDK_META_MASK);
  int digit = -1;

  if (self->session == NULL || self->kind != TL_CANVAS_DIAGRAM || mods != 0)
    return FALSE;

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
  if (self->zoom > 0)
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
tl_canvas_view_dispose (GObject *object)
{
  TlCanvasView *self = (TlCanvasView *)object;

  tl_canvas_view_set_session (self, NULL);

  G_OBJECT_CLASS (tl_canvas_view_parent_class)->dispose (object);
}

static void
tl_canvas_view_finalize (GObject *object)
{
  TlCanvasView *self = (TlCanvasView *)object;

  g_clear_pointer (&self->theme_name, g_free);

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
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(accessible_labels[self->kind]),
                                      -1);
      break;
    case PROP_SESSION:
      tl_canvas_view_set_session (self, g_value_get_object (value));
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

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, TL_CANVAS_DIAGRAM, TL_CANVAS_MATRIX, TL_CANVAS_DIAGRAM,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "tl-canvas-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
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
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

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
      tl_session_disconnect (self->session, self);
      g_clear_object (&self->painter);
    }

  g_set_object (&self->session, session);

  if (session != NULL)
    {
      TlDocument *document = tl_session_get_document (session);

      if (self->kind == TL_CANVAS_MATRIX)
        self->painter = TL_PAINTER (tl_matrix_painter_new (document));
      else
        self->painter = TL_PAINTER (tl_diagram_painter_new (document));
      update_theme (self);
      tl_session_connect (session, self,
                          G_CALLBACK (document_changed_cb),
                          G_CALLBACK (session_notify_selected_id_cb));
      g_signal_connect_object (session, "notify::focus-loop",
                               G_CALLBACK (session_notify_focus_loop_cb), self, 0);
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
