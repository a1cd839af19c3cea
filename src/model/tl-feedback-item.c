/* tl-feedback-item.c
 *
 * A plain value object: the storage layer fills it from a row, the
 * feedback list shows it.  It has no properties to bind because rows are
 * read in pages and never edited in place (edits are commands).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-feedback-item.h"
#include "tl-model-private.h"

struct _TlFeedbackItem
{
  GObject parent_instance;

  gint64    id;
  char     *text;
  char     *source;
  char     *date;
  char     *respondent;
  char     *tags;
  char    **links;
  double    rating;
  gboolean  has_rating;
  char      stage;
};

G_DEFINE_FINAL_TYPE (TlFeedbackItem, tl_feedback_item, G_TYPE_OBJECT)

gboolean
tl_stage_is_valid (char stage)
{
  return stage >= 'A' && stage <= 'F';
}

static void
tl_feedback_item_finalize (GObject *object)
{
  TlFeedbackItem *self = (TlFeedbackItem *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->respondent, g_free);
  g_clear_pointer (&self->tags, g_free);
  g_clear_pointer (&self->links, g_strfreev);

  G_OBJECT_CLASS (tl_feedback_item_parent_class)->finalize (object);
}

static void
tl_feedback_item_class_init (TlFeedbackItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_feedback_item_finalize;
}

static void
tl_feedback_item_init (TlFeedbackItem *self)
{
  self->text = g_strdup ("");
  self->links = g_new0 (char *, 1);
}

TlFeedbackItem *
tl_feedback_item_new (gint64 id)
{
  TlFeedbackItem *self = g_object_new (TL_TYPE_FEEDBACK_ITEM, NULL);

  self->id = id;
  return self;
}

gint64
tl_feedback_item_get_id (TlFeedbackItem *self)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_ITEM (self), -1);
  return self->id;
}

void
tl_feedback_item_set_id (TlFeedbackItem *self,
                         gint64          id)
{
  g_return_if_fail (TL_IS_FEEDBACK_ITEM (self));
  self->id = id;
}

const char *
tl_feedback_item_get_text (TlFeedbackItem *self)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_ITEM (self), NULL);
  return self->text;
}

void
tl_feedback_item_set_text (TlFeedbackItem *self,
                           const char     *text)
{
  g_return_if_fail (TL_IS_FEEDBACK_ITEM (self));
  _tl_set_str (&self->text, text ? text : "");
}

const char *
tl_feedback_item_get_source (TlFeedbackItem *self)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_ITEM (self), NULL);
  return self->source;
}

void
tl_feedback_item_set_source (TlFeedbackItem *self,
                             const char     *source)
{
  g_return_if_fail (TL_IS_FEEDBACK_ITEM (self));
  _tl_set_str (&self->source, source);
}

const char *
tl_feedback_item_get_date (TlFeedbackItem *self)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_ITEM (self), NULL);
  return self->date;
}

void
tl_feedback_item_set_date (TlFeedbackItem *self,
                           const char     *date)
{
  g_return_if_fail (TL_IS_FEEDBACK_ITEM (self));
  _tl_set_str (&self->date, date);
}

char
tl_feedback_item_get_stage (TlFeedbackItem *self)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_ITEM (self), '\0');
  return self->stage;
}

void
tl_feedback_item_set_stage (TlFeedbackItem *self,
                            char            stage)
{
  g_return_if_fail (TL_IS_FEEDBACK_ITEM (self));
  g_return_if_fail (stage == '\0' || tl_stage_is_valid (stage));
  self->stage = stage;
}

gboolean
tl_feedback_item_has_rating (TlFeedbackItem *self)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_ITEM (self), FALSE);
  return self->has_rating;
}

double
tl_feedback_item_get_rating (TlFeedbackItem *self)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_ITEM (self), 0);
  return self->rating;
}

void
tl_feedback_item_set_rating (TlFeedbackItem *self,
                             double          rating)
{
  g_return_if_fail (TL_IS_FEEDBACK_ITEM (self));
  self->rating = rating;
  self->has_rating = TRUE;
}

void
tl_feedback_item_clear_rating (TlFeedbackItem *self)
{
  g_return_if_fail (TL_IS_FEEDBACK_ITEM (self));
  self->rating = 0;
  self->has_rating = FALSE;
}

const char *
tl_feedback_item_get_respondent (TlFeedbackItem *self)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_ITEM (self), NULL);
  return self->respondent;
}

void
tl_feedback_item_set_respondent (TlFeedbackItem *self,
                                 const char     *respondent)
{
  g_return_if_fail (TL_IS_FEEDBACK_ITEM (self));
  _tl_set_str (&self->respondent, respondent);
}

const char *
tl_feedback_item_get_tags (TlFeedbackItem *self)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_ITEM (self), NULL);
  return self->tags;
}

void
tl_feedback_item_set_tags (TlFeedbackItem *self,
                           const char     *tags)
{
  g_return_if_fail (TL_IS_FEEDBACK_ITEM (self));
  _tl_set_str (&self->tags, tags);
}

const char * const *
tl_feedback_item_get_links (TlFeedbackItem *self)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_ITEM (self), NULL);
  return (const char * const *)self->links;
}

void
tl_feedback_item_set_links (TlFeedbackItem     *self,
                            const char * const *links)
{
  g_return_if_fail (TL_IS_FEEDBACK_ITEM (self));
  g_strfreev (self->links);
  self->links = links ? g_strdupv ((char **)links) : g_new0 (char *, 1);
}
