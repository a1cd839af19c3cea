/* tl-evidence.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-document.h"
#include "tl-evidence.h"

double
tl_evidence_average_rating (const TlEvidence *e)
{
  g_return_val_if_fail (e != NULL, NAN);

  if (e->rated == 0)
    return NAN;
  return e->rating_sum / (double)e->rated;
}

double
tl_evidence_negative_share (const TlEvidence *e)
{
  g_return_val_if_fail (e != NULL, NAN);

  if (e->rated == 0)
    return NAN;
  return (double)e->negative / (double)e->rated;
}

TlEvidenceStrength
tl_evidence_get_strength (const TlEvidence *e,
                          TlDocument       *doc)
{
  double moderate = TL_EVIDENCE_DEFAULT_STRENGTH_MODERATE;
  double strong = TL_EVIDENCE_DEFAULT_STRENGTH_STRONG;

  g_return_val_if_fail (e != NULL, TL_EVIDENCE_NONE);
  g_return_val_if_fail (doc == NULL || TL_IS_DOCUMENT (doc), TL_EVIDENCE_NONE);

  if (e->count == 0)
    return TL_EVIDENCE_NONE;

  if (doc != NULL)
    {
      moderate = tl_document_get_strength_moderate (doc);
      strong = tl_document_get_strength_strong (doc);
    }

  if (e->recent >= strong)
    return TL_EVIDENCE_STRONG;
  if (e->recent >= moderate)
    return TL_EVIDENCE_MODERATE;
  return TL_EVIDENCE_WEAK;
}

const char *
tl_evidence_strength_label (TlEvidenceStrength s)
{
  switch (s)
    {
    case TL_EVIDENCE_NONE:
      /* TRANSLATORS: evidence strength of a station, loop or cell with no feedback */
      return C_("evidence", "None");
    case TL_EVIDENCE_WEAK:
      return C_("evidence", "Weak");
    case TL_EVIDENCE_MODERATE:
      return C_("evidence", "Moderate");
    case TL_EVIDENCE_STRONG:
      return C_("evidence", "Strong");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
tl_rating_is_negative (double rating,
                       guint  scale)
{
  g_return_val_if_fail (scale >= 2, FALSE);

  /* A rating converted between scales lands next to the boundary, not on
   * it: a little slack keeps 2 on 1–5 negative however it got there. */
  return (rating - 1.0) <= 0.25 * (double)(scale - 1) + 1e-9;
}

double
tl_evidence_weight (double age_days,
                    double half_life_days)
{
  g_return_val_if_fail (half_life_days > 0, 0.0);

  if (!(age_days > 0))   /* negative, zero or NAN */
    return 1.0;
  return exp2 (-age_days / half_life_days);
}

double
tl_evidence_engagement_for_length (guint64  n_chars,
                                   gboolean has_image)
{
  return 1.0 + (n_chars >= TL_EVIDENCE_LONG_TEXT ? 0.5 : 0.0) + (has_image ? 0.5 : 0.0);
}

double
tl_evidence_engagement (const char *text,
                        gboolean    has_image)
{
  guint64 n = 0;

  /* Counting stops at the threshold: a 100 MB text is no slower. */
  for (const char *p = text; p != NULL && *p != '\0' && n < TL_EVIDENCE_LONG_TEXT; p = g_utf8_next_char (p))
    n++;
  return tl_evidence_engagement_for_length (n, has_image);
}

void
tl_evidence_accumulate (TlEvidence *e,
                        int         sign,
                        gboolean    has_rating,
                        double      rating,
                        guint       scale,
                        double      weight,
                        double      engagement)
{
  g_return_if_fail (e != NULL);
  g_return_if_fail (sign == 1 || sign == -1);

  if (sign > 0)
    {
      e->count++;
      e->recent += weight;
      e->temperature += engagement * weight;
      if (has_rating)
        {
          e->rated++;
          e->rating_sum += rating;
          if (tl_rating_is_negative (rating, scale))
            e->negative++;
        }
      return;
    }

  g_return_if_fail (e->count > 0);

  e->count--;
  e->recent -= weight;
  e->temperature -= engagement * weight;
  if (has_rating && e->rated > 0)
    {
      e->rated--;
      e->rating_sum -= rating;
      if (tl_rating_is_negative (rating, scale) && e->negative > 0)
        e->negative--;
    }

  /* Sums that should be empty are: no -1e-17 left over from rounding. */
  if (e->count == 0)
    memset (e, 0, sizeof *e);
  else
    {
      if (e->rated == 0)
        e->rating_sum = 0;
      if (e->recent < 0)
        e->recent = 0;
      if (e->temperature < 0)
        e->temperature = 0;
    }
}

void
tl_evidence_scale_recency (TlEvidence *e,
                           double      factor)
{
  g_return_if_fail (e != NULL);

  e->recent *= factor;
  e->temperature *= factor;
}

static gboolean
close_enough (double a,
              double b,
              double tolerance)
{
  return fabs (a - b) <= tolerance * MAX (1.0, MAX (fabs (a), fabs (b)));
}

gboolean
tl_evidence_equal (const TlEvidence *a,
                   const TlEvidence *b,
                   double            tolerance)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->count == b->count &&
         a->rated == b->rated &&
         a->negative == b->negative &&
         close_enough (a->rating_sum, b->rating_sum, tolerance) &&
         close_enough (a->recent, b->recent, tolerance) &&
         close_enough (a->temperature, b->temperature, tolerance);
}
