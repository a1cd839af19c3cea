/* tl-feedback-item.c
 *
 * A plain value object: the storage layer fills it from a row, the
 * feedback list shows it.  It has no properties to bind because rows are
 * read in pages and never edited in place (edits are commands).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-feedback-item.h"
#include "tl-model-private.h"
#include "tl-feedback-item-private.h"

struct _TlFeedbackItem
{
  GObject parent_instance;

  gint64    id;
  char     *text;
  char     *source;
  char     *date;
  char     *respondent;
  char     *tags;
  char     *phase;
  char     *rating_original;
  guint     n_images;
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
  g_clear_pointer (&self->phase, g_free);
  g_clear_pointer (&self->rating_original, g_free);
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

static const char * const phase_ids[] = {
  "awareness", "evaluation", "purchase", "delivery", "after-sales", NULL
};

static const char * const phase_labels[] = {
  /* TRANSLATORS: channel phases of the Business Model Canvas (认知, 评估, 购买, 传递, 售后) */
  N_("Awareness"), N_("Evaluation"), N_("Purchase"), N_("Delivery"), N_("After-sales"),
};

const char * const *
tl_feedback_phase_ids (void)
{
  return phase_ids;
}

gboolean
tl_feedback_phase_is_valid (const char *phase)
{
  return phase != NULL && g_strv_contains (phase_ids, phase);
}

const char *
tl_feedback_phase_label (const char *phase)
{
  for (guint i = 0; phase != NULL && phase_ids[i] != NULL; i++)
    if (strcmp (phase, phase_ids[i]) == 0)
      return g_dgettext (GETTEXT_PACKAGE, phase_labels[i]);
  return NULL;
}

const char *
tl_feedback_item_get_phase (TlFeedbackItem *self)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_ITEM (self), NULL);
  return self->phase;
}

void
tl_feedback_item_set_phase (TlFeedbackItem *self,
                            const char     *phase)
{
  g_return_if_fail (TL_IS_FEEDBACK_ITEM (self));
  g_return_if_fail (phase == NULL || tl_feedback_phase_is_valid (phase));
  _tl_set_str (&self->phase, phase);
}

const char *
tl_feedback_item_get_rating_original (TlFeedbackItem *self)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_ITEM (self), NULL);
  return self->rating_original;
}

void
tl_feedback_item_set_rating_original (TlFeedbackItem *self,
                                      const char     *original)
{
  g_return_if_fail (TL_IS_FEEDBACK_ITEM (self));
  _tl_set_str (&self->rating_original, original);
}

guint
tl_feedback_item_get_n_images (TlFeedbackItem *self)
{
  g_return_val_if_fail (TL_IS_FEEDBACK_ITEM (self), 0);
  return self->n_images;
}

void
tl_feedback_item_set_n_images (TlFeedbackItem *self,
                               guint           n_images)
{
  g_return_if_fail (TL_IS_FEEDBACK_ITEM (self));
  self->n_images = n_images;
}

/* Reads exactly @n digits. */
static gboolean
read_digits (const char **p,
             guint        n,
             int         *value)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *value = v;
  return TRUE;
}

/* Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant). */
static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

gboolean
tl_feedback_date_parse (const char *date,
                        double     *days)
{
  const char *p = date;
  int y, m, d, hh = 0, mm = 0, ss = 0;
  double fraction = 0;
  static const guint8 month_days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (date == NULL)
    return FALSE;

  if (!read_digits (&p, 4, &y) || *p++ != '-' ||
      !read_digits (&p, 2, &m) || *p++ != '-' ||
      !read_digits (&p, 2, &d))
    return FALSE;
  if (m < 1 || m > 12 || d < 1 || d > month_days[m - 1])
    return FALSE;
  if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
    return FALSE;

  if (*p == 'T' || *p == ' ')
    {
      p++;
      if (!read_digits (&p, 2, &hh) || *p++ != ':' || !read_digits (&p, 2, &mm))
        return FALSE;
      if (*p == ':')
        {
          p++;
          if (!read_digits (&p, 2, &ss))
            return FALSE;
          if (*p == '.' || *p == ',')
            {
              double scale = 0.1;

              p++;
              if (!g_ascii_isdigit (*p))
                return FALSE;
              for (; g_ascii_isdigit (*p); p++, scale /= 10)
                fraction += (*p - '0') * scale;
            }
        }
      if (hh > 23 || mm > 59 || ss > 60)
        return FALSE;

      /* The offset is read to be refused when malformed, then ignored. */
      if (*p == 'Z')
        p++;
      else if (*p == '+' || *p == '-')
        {
          int oh, om = 0;

          p++;
          if (!read_digits (&p, 2, &oh))
            return FALSE;
          if (*p == ':')
            p++;
          if (g_ascii_isdigit (*p) && !read_digits (&p, 2, &om))
            return FALSE;
          if (oh > 23 || om > 59)
            return FALSE;
        }
    }

  if (*p != '\0')
    return FALSE;

  if (days != NULL)
    *days = (double)days_from_civil (y, m, d) + (hh * 3600 + mm * 60 + ss + fraction) / 86400.0;
  return TRUE;
}

#define FNV_OFFSET G_GUINT64_CONSTANT (0xcbf29ce484222325)
#define FNV_PRIME G_GUINT64_CONSTANT (0x100000001b3)

/* FNV-1a over the bytes, then a splitmix64 finaliser for the avalanche
 * FNV lacks; fields are kept apart by a byte no UTF-8 text contains. */
static guint64
hash_bytes (guint64     h,
            const char *s)
{
  for (const guchar *p = (const guchar *)s; p != NULL && *p != '\0'; p++)
    {
      h ^= *p;
      h *= FNV_PRIME;
    }
  h ^= 0xff;
  h *= FNV_PRIME;
  return h;
}

/* The other fields, then the splitmix64 finaliser */
static gint64
finish_fingerprint (guint64     h,
                    const char *date,
                    const char *source,
                    const char *respondent)
{
  h = hash_bytes (h, date);
  h = hash_bytes (h, source);
  h = hash_bytes (h, respondent);

  h ^= h >> 30;
  h *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  h ^= h >> 27;
  h *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  h ^= h >> 31;
  return (gint64)h;
}

/* The reference: normalises the whole text with GLib, then collapses
 * white space into a new string.  Exact for any input, but it allocates
 * twice per call; tl_feedback_fingerprint() only falls back to it for
 * text outside what the fast path knows. */
gint64
tl_feedback_fingerprint_reference (const char *text,
                                   const char *date,
                                   const char *source,
                                   const char *respondent)
{
  g_autofree char *normal = NULL;
  GString *collapsed;
  gboolean space = FALSE;
  guint64 h = FNV_OFFSET;

  normal = text ? g_utf8_normalize (text, -1, G_NORMALIZE_NFKC) : NULL;
  collapsed = g_string_sized_new (normal ? strlen (normal) : 0);
  for (const char *p = normal ? normal : (text ? text : ""); *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = collapsed->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (collapsed, ' ');
      space = FALSE;
      g_string_append_unichar (collapsed, c);
    }

  h = hash_bytes (h, collapsed->str);
  g_string_free (collapsed, TRUE);
  return finish_fingerprint (h, date, source, respondent);
}

/* Hashes the normalised, collapsed text straight from @text, without
 * allocating, when every character is one whose NFKC form is known
 * without tables and cannot combine with its neighbours:
 *  - ASCII (NFKC leaves it alone; white space is what g_unichar_isspace()
 *    says: tab, line feed, form feed, carriage return, space),
 *  - CJK unified ideographs U+4E00..U+9FFF (left alone),
 *  - full-width forms U+FF01..U+FF5E (NFKC: U+0021..U+007E),
 *  - the ideographic space U+3000 (NFKC: U+0020, white space).
 * None of these is a combining mark nor takes part in a canonical
 * composition, so normalising them one by one is normalising the string.
 * FALSE, with *@out untouched, on anything else (including malformed
 * UTF-8): the caller then takes the reference path.  The test compares
 * both paths. */
static gboolean
hash_text_fast (const char *text,
                guint64    *out)
{
  guint64 h = FNV_OFFSET;
  gboolean any = FALSE, space = FALSE;

#define HASH_BYTE(b) G_STMT_START { h ^= (guchar)(b); h *= FNV_PRIME; } G_STMT_END
#define PENDING_SPACE() G_STMT_START { if (space) HASH_BYTE (' '); space = FALSE; any = TRUE; } G_STMT_END

  for (const guchar *p = (const guchar *)text; *p != '\0';)
    {
      guchar c = p[0];

      if (c < 0x80)
        {
          if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
            space = any;
          else
            {
              PENDING_SPACE ();
              HASH_BYTE (c);
            }
          p++;
        }
      else if (c >= 0xe4 && c <= 0xe9)
        {
          /* U+4E00 is E4 B8 80, U+9FFF is E9 BF BF */
          if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 ||
              (c == 0xe4 && p[1] < 0xb8))
            return FALSE;
          PENDING_SPACE ();
          HASH_BYTE (c);
          HASH_BYTE (p[1]);
          HASH_BYTE (p[2]);
          p += 3;
        }
      else if (c == 0xef && (p[1] == 0xbc || p[1] == 0xbd) && (p[2] & 0xc0) == 0x80)
        {
          /* U+FF01 (EF BC 81) .. U+FF5E (EF BD 9E) are U+0021 .. U+007E */
          guint cp = 0xff00 | ((guint)(p[1] & 0x03) << 6) | (p[2] & 0x3f);

          if (cp < 0xff01 || cp > 0xff5e)
            return FALSE;
          PENDING_SPACE ();
          HASH_BYTE (cp - 0xff00 + 0x20);
          p += 3;
        }
      else if (c == 0xe3 && p[1] == 0x80 && p[2] == 0x80)
        {
          space = any;
          p += 3;
        }
      else
        return FALSE;
    }

#undef PENDING_SPACE
#undef HASH_BYTE

  /* The field separator hash_bytes() ends with */
  h ^= 0xff;
  h *= FNV_PRIME;
  *out = h;
  return TRUE;
}

gint64
tl_feedback_fingerprint (const char *text,
                         const char *date,
                         const char *source,
                         const char *respondent)
{
  guint64 h;

  if (text == NULL)
    return finish_fingerprint (hash_bytes (FNV_OFFSET, ""), date, source, respondent);
  if (!hash_text_fast (text, &h))
    return tl_feedback_fingerprint_reference (text, date, source, respondent);
  return finish_fingerprint (h, date, source, respondent);
}
