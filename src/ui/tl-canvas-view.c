/* tl-canvas-view.c
 *
 * The widget adds only what the screen needs beside a painter: it asks the
 * painter to draw, and turns clicks into a selection through the painter's
 * hit-testing.  Exports use the same painters without it.  Both painters
 * are TlPainters, so one widget serves either page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

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
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_SESSION,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TlCanvasView, tl_canvas_view, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static void
update_theme (TlCanvasView *self)
{
  g_autoptr(TlTheme) theme = NULL;

  if (self->painter == NULL)
    return;

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

  tl_painter_hit_test (self->painter,
                       gtk_widget_get_width (GTK_WIDGET (self)),
                       gtk_widget_get_height (GTK_WIDGET (self)),
                       x, y, &kind, &id);
  tl_session_select (self->session, kind, id);
}

gboolean
tl_canvas_view_locate (TlCanvasView *self,
                       const char   *kind,
                       const char   *id,
                       double       *x,
                       double       *y)
{
  g_return_val_if_fail (TL_IS_CANVAS_VIEW (self), FALSE);

  return self->painter != NULL &&
         tl_painter_locate (self->painter,
                            gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)),
                            kind, id, x, y);
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  TlCanvasView    *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  tl_canvas_view_select_at (self, x, y);
}

static void
tl_canvas_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  TlCanvasView *self = TL_CANVAS_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->painter == NULL || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  tl_painter_draw (self->painter, cr, width, height);
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

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

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
      session_notify_selected_id_cb (session, NULL, self);
    }

  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
