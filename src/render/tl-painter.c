/* tl-painter.c
 *
 * What every painter shares: the document it reads, the theme it draws
 * with, and one way to draw and hit-test, so that a widget or an export can
 * serve any page without knowing which painter it holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-painter.h"
#include "tl-render-private.h"

typedef struct
{
  TlDocument *document;
  TlTheme    *theme;
} TlPainterPrivate;

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_THEME,
  N_PROPS
};

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TlPainter, tl_painter, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
tl_painter_dispose (GObject *object)
{
  TlPainterPrivate *priv = tl_painter_get_instance_private (TL_PAINTER (object));

  g_clear_object (&priv->document);
  g_clear_object (&priv->theme);

  G_OBJECT_CLASS (tl_painter_parent_class)->dispose (object);
}

static void
tl_painter_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TlPainterPrivate *priv = tl_painter_get_instance_private (TL_PAINTER (object));

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, priv->document);
      break;
    case PROP_THEME:
      g_value_set_object (value, priv->theme);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_painter_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TlPainter *self = TL_PAINTER (object);
  TlPainterPrivate *priv = tl_painter_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      priv->document = g_value_dup_object (value);
      break;
    case PROP_THEME:
      tl_painter_set_theme (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_painter_constructed (GObject *object)
{
  TlPainterPrivate *priv = tl_painter_get_instance_private (TL_PAINTER (object));

  G_OBJECT_CLASS (tl_painter_parent_class)->constructed (object);

  if (priv->theme == NULL)
    priv->theme = tl_theme_new ("light");
}

static void
tl_painter_real_get_natural_size (TlPainter *self,
                                  double    *width,
                                  double    *height)
{
  *width = TL_RENDER_NATURAL_WIDTH;
  *height = TL_RENDER_NATURAL_HEIGHT;
}

static void
tl_painter_class_init (TlPainterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tl_painter_dispose;
  object_class->get_property = tl_painter_get_property;
  object_class->set_property = tl_painter_set_property;
  object_class->constructed = tl_painter_constructed;

  klass->get_natural_size = tl_painter_real_get_natural_size;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         TL_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_THEME] =
    g_param_spec_object ("theme", NULL, NULL,
                         TL_TYPE_THEME,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tl_painter_init (TlPainter *self)
{
}

TlDocument *
tl_painter_get_document (TlPainter *self)
{
  TlPainterPrivate *priv = tl_painter_get_instance_private (self);

  g_return_val_if_fail (TL_IS_PAINTER (self), NULL);

  return priv->document;
}

TlTheme *
tl_painter_get_theme (TlPainter *self)
{
  TlPainterPrivate *priv = tl_painter_get_instance_private (self);

  g_return_val_if_fail (TL_IS_PAINTER (self), NULL);

  return priv->theme;
}

void
tl_painter_set_theme (TlPainter *self,
                      TlTheme   *theme)
{
  TlPainterPrivate *priv = tl_painter_get_instance_private (self);
  g_autoptr(TlTheme) fallback = NULL;

  g_return_if_fail (TL_IS_PAINTER (self));
  g_return_if_fail (theme == NULL || TL_IS_THEME (theme));

  if (theme == NULL)
    theme = fallback = tl_theme_new ("light");

  if (g_set_object (&priv->theme, theme))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME]);
}

void
tl_painter_get_natural_size (TlPainter *self,
                             double    *width,
                             double    *height)
{
  double w = 0, h = 0;

  g_return_if_fail (TL_IS_PAINTER (self));

  TL_PAINTER_GET_CLASS (self)->get_natural_size (self, &w, &h);

  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

void
tl_painter_draw (TlPainter *self,
                 cairo_t   *cr,
                 double     width,
                 double     height)
{
  TlPainterPrivate *priv = tl_painter_get_instance_private (self);

  g_return_if_fail (TL_IS_PAINTER (self));
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  _tl_render_set_color (cr, tl_theme_get_background (priv->theme), 1.0);
  cairo_paint (cr);

  TL_PAINTER_GET_CLASS (self)->draw (self, cr, width, height);

  cairo_restore (cr);
}

gboolean
tl_painter_hit_test (TlPainter  *self,
                     double      width,
                     double      height,
                     double      x,
                     double      y,
                     char      **kind,
                     char      **id)
{
  TlPainterClass *klass;
  g_autofree char *hit_kind = NULL;
  g_autofree char *hit_id = NULL;
  gboolean hit = FALSE;

  g_return_val_if_fail (TL_IS_PAINTER (self), FALSE);

  klass = TL_PAINTER_GET_CLASS (self);
  if (klass->hit_test != NULL)
    hit = klass->hit_test (self, width, height, x, y, &hit_kind, &hit_id);

  g_assert (hit == (hit_kind != NULL && hit_id != NULL));

  if (kind != NULL)
    *kind = g_steal_pointer (&hit_kind);
  if (id != NULL)
    *id = g_steal_pointer (&hit_id);

  return hit;
}

void
tl_painter_set_selection (TlPainter  *self,
                          const char *kind,
                          const char *id)
{
  TlPainterClass *klass;

  g_return_if_fail (TL_IS_PAINTER (self));

  if (kind == NULL || id == NULL)
    kind = id = NULL;

  klass = TL_PAINTER_GET_CLASS (self);
  if (klass->set_selection != NULL)
    klass->set_selection (self, kind, id);
}

gboolean
tl_painter_locate (TlPainter  *self,
                   double      width,
                   double      height,
                   const char *kind,
                   const char *id,
                   double     *x,
                   double     *y)
{
  TlPainterClass *klass;
  double cx, cy;

  g_return_val_if_fail (TL_IS_PAINTER (self), FALSE);

  klass = TL_PAINTER_GET_CLASS (self);
  if (kind == NULL || id == NULL || klass->locate == NULL ||
      !klass->locate (self, width, height, kind, id, &cx, &cy))
    return FALSE;

  if (x != NULL)
    *x = cx;
  if (y != NULL)
    *y = cy;

  return TRUE;
}
