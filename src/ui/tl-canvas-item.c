/* tl-canvas-item.c
 *
 * A container item allocates its children over their bounds (kept in the
 * root's coordinates, so the controller never has to think about the
 * nesting) and presents any popover pointing at it.  Children are
 * measured before they are allocated, as GTK asks, although they want no
 * size of their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-canvas-item.h"

#include <math.h>

struct _TlCanvasItem
{
  GtkWidget              parent_instance;

  char                  *kind;
  char                  *id;
  char                  *label;
  char                  *description;
  gboolean               has_bounds;
  graphene_rect_t        bounds;
  graphene_rect_t        drawn;
  gboolean               selected;

  TlCanvasItemFocusFunc  focus_func;
  gpointer               focus_data;
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_ID,
  N_PROPS
};

enum {
  ACTIVATE,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (TlCanvasItem, tl_canvas_item, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The origin of @self in root coordinates: a child's bounds minus it is
 * where the child sits inside @self. */
static void
get_origin (TlCanvasItem *self,
            double       *x,
            double       *y)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  /* The root sits at the canvas's origin. */
  if (self->has_bounds && TL_IS_CANVAS_ITEM (parent))
    {
      *x = self->bounds.origin.x;
      *y = self->bounds.origin.y;
    }
  else
    *x = *y = 0;
}

static void
tl_canvas_item_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  /* Items take whatever rectangle the drawing gives them. */
  *minimum = *natural = 0;
}

static void
tl_canvas_item_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  tl_canvas_item_allocate_children (TL_CANVAS_ITEM (widget), FALSE);
}

static gboolean
tl_canvas_item_focus (GtkWidget        *widget,
                      GtkDirectionType  direction)
{
  TlCanvasItem *self = TL_CANVAS_ITEM (widget);

  /* With the focus in a popover of an item (the cell editor), Tab moves
   * between its fields: the popover decides, not the items. */
  for (GtkWidget *child = gtk_widget_get_focus_child (widget); child != NULL;
       child = gtk_widget_get_focus_child (child))
    if (GTK_IS_POPOVER (child))
      return gtk_widget_child_focus (child, direction);

  if (self->focus_func != NULL)
    return self->focus_func (self, direction, self->focus_data);

  /* A leaf: take focus on the way in, pass it on on the way out. */
  if (gtk_widget_get_focusable (widget))
    {
      if (gtk_widget_is_focus (widget) || !self->has_bounds)
        return FALSE;
      return gtk_widget_grab_focus (widget);
    }

  return GTK_WIDGET_CLASS (tl_canvas_item_parent_class)->focus (widget, direction);
}

static void
tl_canvas_item_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tl_canvas_item_parent_class)->dispose (object);
}

static void
tl_canvas_item_finalize (GObject *object)
{
  TlCanvasItem *self = (TlCanvasItem *)object;

  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (tl_canvas_item_parent_class)->finalize (object);
}

static void
tl_canvas_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TlCanvasItem *self = TL_CANVAS_ITEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_canvas_item_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TlCanvasItem *self = TL_CANVAS_ITEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_dup_string (value);
      break;
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_canvas_item_class_init (TlCanvasItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_canvas_item_dispose;
  object_class->finalize = tl_canvas_item_finalize;
  object_class->get_property = tl_canvas_item_get_property;
  object_class->set_property = tl_canvas_item_set_property;

  widget_class->measure = tl_canvas_item_measure;
  widget_class->size_allocate = tl_canvas_item_size_allocate;
  widget_class->focus = tl_canvas_item_focus;

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACTIVATE] =
    g_signal_new ("activate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals[ACTIVATE]);

  gtk_widget_class_set_css_name (widget_class, "tl-canvas-item");
}

static void
tl_canvas_item_init (TlCanvasItem *self)
{
}

GtkWidget *
tl_canvas_item_new (GtkAccessibleRole  role,
                    const char        *kind,
                    const char        *id,
                    gboolean           focusable)
{
  GtkWidget *item = g_object_new (TL_TYPE_CANVAS_ITEM,
                                  "accessible-role", role,
                                  "kind", kind,
                                  "id", id,
                                  NULL);

  gtk_widget_set_focusable (item, focusable);
  return item;
}

const char *
tl_canvas_item_get_kind (TlCanvasItem *self)
{
  g_return_val_if_fail (TL_IS_CANVAS_ITEM (self), NULL);
  return self->kind;
}

const char *
tl_canvas_item_get_id (TlCanvasItem *self)
{
  g_return_val_if_fail (TL_IS_CANVAS_ITEM (self), NULL);
  return self->id;
}

void
tl_canvas_item_set_bounds (TlCanvasItem          *self,
                           const graphene_rect_t *bounds,
                           const graphene_rect_t *drawn)
{
  g_return_if_fail (TL_IS_CANVAS_ITEM (self));
  g_return_if_fail (bounds != NULL);

  self->has_bounds = TRUE;
  self->bounds = *bounds;
  self->drawn = drawn ? *drawn : *bounds;
}

void
tl_canvas_item_clear_bounds (TlCanvasItem *self)
{
  g_return_if_fail (TL_IS_CANVAS_ITEM (self));
  self->has_bounds = FALSE;
}

gboolean
tl_canvas_item_get_bounds (TlCanvasItem    *self,
                           graphene_rect_t *bounds)
{
  g_return_val_if_fail (TL_IS_CANVAS_ITEM (self), FALSE);

  if (self->has_bounds && bounds != NULL)
    *bounds = self->bounds;
  return self->has_bounds;
}

gboolean
tl_canvas_item_get_drawn (TlCanvasItem    *self,
                          graphene_rect_t *drawn)
{
  g_return_val_if_fail (TL_IS_CANVAS_ITEM (self), FALSE);

  if (self->has_bounds && drawn != NULL)
    *drawn = self->drawn;
  return self->has_bounds;
}

void
tl_canvas_item_set_text (TlCanvasItem *self,
                         const char   *label,
                         const char   *description)
{
  g_return_if_fail (TL_IS_CANVAS_ITEM (self));

  if (g_strcmp0 (self->label, label) != 0)
    {
      g_free (self->label);
      self->label = g_strdup (label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label ? label : "",
                                      -1);
    }

  if (description != NULL && *description == '\0')
    description = NULL;
  if (g_strcmp0 (self->description, description) != 0)
    {
      g_free (self->description);
      self->description = g_strdup (description);
      if (description != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                        -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (self),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

const char *
tl_canvas_item_get_label (TlCanvasItem *self)
{
  g_return_val_if_fail (TL_IS_CANVAS_ITEM (self), NULL);
  return self->label;
}

const char *
tl_canvas_item_get_description (TlCanvasItem *self)
{
  g_return_val_if_fail (TL_IS_CANVAS_ITEM (self), NULL);
  return self->description;
}

void
tl_canvas_item_set_selected (TlCanvasItem *self,
                             gboolean      selected)
{
  g_return_if_fail (TL_IS_CANVAS_ITEM (self));

  selected = !!selected;
  if (self->selected == selected)
    return;
  self->selected = selected;
  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_SELECTED, selected,
                               -1);
}

void
tl_canvas_item_set_focus_func (TlCanvasItem          *self,
                               TlCanvasItemFocusFunc  func,
                               gpointer               user_data)
{
  g_return_if_fail (TL_IS_CANVAS_ITEM (self));

  self->focus_func = func;
  self->focus_data = user_data;
}

void
tl_canvas_item_allocate_children (TlCanvasItem *self,
                                  gboolean      recursive)
{
  double origin_x, origin_y;

  g_return_if_fail (TL_IS_CANVAS_ITEM (self));

  get_origin (self, &origin_x, &origin_y);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_POPOVER (child))
        {
          gtk_popover_present (GTK_POPOVER (child));
          continue;
        }
      if (!TL_IS_CANVAS_ITEM (child) || !gtk_widget_get_visible (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, NULL, NULL, NULL, NULL);

      if (TL_CANVAS_ITEM (child)->has_bounds)
        {
          const graphene_rect_t *b = &TL_CANVAS_ITEM (child)->bounds;
          int x = floor (b->origin.x - origin_x);
          int y = floor (b->origin.y - origin_y);
          int x2 = ceil (b->origin.x + b->size.width - origin_x);
          int y2 = ceil (b->origin.y + b->size.height - origin_y);

          gtk_widget_size_allocate (child,
                                    &(GtkAllocation) { x, y, MAX (x2 - x, 1), MAX (y2 - y, 1) },
                                    -1);
        }
      else
        gtk_widget_size_allocate (child, &(GtkAllocation) { 0, 0, 0, 0 }, -1);

      if (recursive)
        tl_canvas_item_allocate_children (TL_CANVAS_ITEM (child), TRUE);
    }
}
