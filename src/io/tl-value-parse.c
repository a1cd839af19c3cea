/* tl-value-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "tl-value-parse.h"

/* ---- helpers ---------------------------------------------------------- */

/* NFKC (full-width digits and letters become ASCII), trimmed; NULL for a
 * blank or NULL @text. */
static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guint8) *p >= 0x80)
      return FALSE;
  return TRUE;
}

static char *
normalise (const char *text)
{
  g_autofree char *nfkc = NULL;

  if (text == NULL)
    return NULL;

  /* ASCII is its own NFKC: the common case, and much cheaper */
  if (is_ascii (text))
    nfkc = g_strdup (text);
  else
    nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (nfkc == NULL)
    return NULL;

  g_strstrip (nfkc);
  if (*nfkc == '\0')
    return NULL;

  return g_steal_pointer (&nfkc);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0xfeff)
        return FALSE;
    }
  return TRUE;
}

char *
tl_value_fold (const char *text)
{
  g_autofree char *nfkc = NULL;
  g_autofree char *folded = NULL;
  GString *key;

  if (text == NULL)
    return g_strdup ("");

  if (is_ascii (text))
    {
      key = g_string_sized_new (strlen (text));
      for (const char *p = text; *p != '\0'; p++)
        {
          if (g_ascii_isspace (*p) || *p == '-' || *p == '_' || *p == '.')
            continue;
          g_string_append_c (key, g_ascii_tolower (*p));
        }
      return g_string_free (key, FALSE);
    }

  nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (nfkc == NULL)
    return g_strdup ("");

  folded = g_utf8_casefold (nfkc, -1);
  key = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '-' || c == '_' || c == '.' || c == 0x00b7 ||
          c == 0x30fb || c == 0xfeff)
        continue;
      g_string_append_unichar (key, c);
    }

  return g_string_free (key, FALSE);
}

static gboolean
strip_prefix (char      **key,
              const char *prefix)
{
  if (g_str_has_prefix (*key, prefix) && (*key)[strlen (prefix)] != '\0')
    {
      char *rest = g_strdup (*key + strlen (prefix));

      g_free (*key);
      *key = rest;
      return TRUE;
    }
  return FALSE;
}

static gboolean
strip_suffix (char       *key,
              const char *suffix)
{
  gsize n = strlen (key), m = strlen (suffix);

  if (n > m && strcmp (key + n - m, suffix) == 0)
    {
      key[n - m] = '\0';
      return TRUE;
    }
  return FALSE;
}

/* ---- stages ----------------------------------------------------------- */

static const struct {
  const char *name;
  char        stage;
} stage_names[] = {
  { "过客", 'A' }, { "過客", 'A' }, { "passerby", 'A' }, { "passersby", 'A' }, { "passer", 'A' },
  { "看客", 'B' }, { "onlooker", 'B' }, { "onlookers", 'B' },
  { "顾客", 'C' }, { "顧客", 'C' }, { "customer", 'C' }, { "customers", 'C' },
  { "会员", 'D' }, { "會員", 'D' }, { "member", 'D' }, { "members", 'D' },
  { "朋友", 'E' }, { "friend", 'E' }, { "friends", 'E' },
  { "伙伴", 'F' }, { "夥伴", 'F' }, { "partner", 'F' }, { "partners", 'F' },
};

static char
stage_by_name (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (stage_names); i++)
    if (strcmp (key, stage_names[i].name) == 0)
      return stage_names[i].stage;
  return '\0';
}

gboolean
tl_value_parse_stage (const char *text,
                      char       *stage)
{
  g_autofree char *key = NULL;
  char found;

  g_return_val_if_fail (stage != NULL, FALSE);

  *stage = '\0';
  if (is_blank (text))
    return TRUE;

  key = tl_value_fold (text);
  strip_prefix (&key, "stage");
  strip_prefix (&key, "阶段");
  strip_prefix (&key, "階段");
  strip_suffix (key, "阶段");
  strip_suffix (key, "階段");
  strip_suffix (key, "类");
  strip_suffix (key, "類");

  if (key[0] >= 'a' && key[0] <= 'f' && key[1] == '\0')
    {
      *stage = g_ascii_toupper (key[0]);
      return TRUE;
    }

  found = stage_by_name (key);
  if (found != '\0')
    {
      *stage = found;
      return TRUE;
    }

  /* A letter and then not a letter: "C 顾客", "C: customer", "C（顾客）" */
  if (key[0] >= 'a' && key[0] <= 'f' && !g_ascii_isalpha (key[1]))
    {
      g_autoptr(GString) rest = g_string_new (NULL);
      char letter = g_ascii_toupper (key[0]);

      for (const char *p = key + 1; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (!g_unichar_ispunct (c))
            g_string_append_unichar (rest, c);
        }

      found = stage_by_name (rest->str);
      if (rest->len > 0 && found != '\0' && found != letter)
        return FALSE;   /* "C 会员": which one? */

      *stage = letter;
      return TRUE;
    }

  return FALSE;
}

/* ---- channel phases --------------------------------------------------- */

static const char * const phase_ids[] = {
  "awareness", "evaluation", "purchase", "delivery", "after-sales", NULL
};

/* zh_CN, zh_TW, en; in phase_ids order */
static const char * const phase_labels[][3] = {
  { "认知", "認知", "Awareness" },
  { "评估", "評估", "Evaluation" },
  { "购买", "購買", "Purchase" },
  { "传递", "傳遞", "Delivery" },
  { "售后", "售後", "After-sales" },
};

static const struct {
  const char *alias;   /* folded */
  guint       phase;
} phase_aliases[] = {
  { "aware", 0 }, { "认识", 0 },
  { "evaluate", 1 }, { "consideration", 1 }, { "考虑", 1 }, { "考慮", 1 },
  { "buy", 2 }, { "buying", 2 }, { "purchasing", 2 }, { "购物", 2 },
  { "deliver", 3 }, { "交付", 3 }, { "配送", 3 },
  { "aftersale", 4 }, { "aftersalesservice", 4 }, { "postpurchase", 4 }, { "postsale", 4 },
  { "售后服务", 4 }, { "售後服務", 4 },
};

/* Folded ids, names and aliases → phase id; made once */
static GHashTable *
phase_names (void)
{
  static GHashTable *names;

  if (g_once_init_enter (&names))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; phase_ids[i] != NULL; i++)
        {
          g_hash_table_insert (table, tl_value_fold (phase_ids[i]), (gpointer) phase_ids[i]);
          for (guint l = 0; l < 3; l++)
            g_hash_table_insert (table, tl_value_fold (phase_labels[i][l]), (gpointer) phase_ids[i]);
        }
      for (guint i = 0; i < G_N_ELEMENTS (phase_aliases); i++)
        g_hash_table_insert (table, g_strdup (phase_aliases[i].alias),
                             (gpointer) phase_ids[phase_aliases[i].phase]);

      g_once_init_leave (&names, table);
    }

  return names;
}

gboolean
tl_value_parse_phase (const char  *text,
                      const char **phase)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (phase != NULL, FALSE);

  *phase = NULL;
  if (is_blank (text))
    return TRUE;

  key = tl_value_fold (text);
  strip_suffix (key, "阶段");
  strip_suffix (key, "階段");
  strip_suffix (key, "phase");

  *phase = g_hash_table_lookup (phase_names (), key);
  return *phase != NULL;
}

/* ---- ratings ---------------------------------------------------------- */

static const struct {
  TlRatingScale  scale;
  const char    *id;
  const char    *name;
  double         lowest, highest;
} scales[] = {
  { TL_RATING_SCALE_1_5,   "1-5",   "1–5",   1, 5 },
  { TL_RATING_SCALE_1_7,   "1-7",   "1–7",   1, 7 },
  { TL_RATING_SCALE_0_10,  "0-10",  "0–10",  0, 10 },
  { TL_RATING_SCALE_1_10,  "1-10",  "1–10",  1, 10 },
  { TL_RATING_SCALE_M2_P2, "-2-2",  "−2…+2", -2, 2 },
  { TL_RATING_SCALE_0_100, "0-100", "0–100", 0, 100 },
};

gboolean
tl_rating_scale_parse (const char    *text,
                       TlRatingScale *scale)
{
  g_autofree char *nfkc = normalise (text);
  g_autoptr(GString) key = NULL;

  if (nfkc == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (nfkc, "auto") == 0)
    {
      if (scale != NULL)
        *scale = TL_RATING_SCALE_AUTO;
      return TRUE;
    }
  if (g_ascii_strcasecmp (nfkc, "nps") == 0)
    {
      if (scale != NULL)
        *scale = TL_RATING_SCALE_0_10;
      return TRUE;
    }

  /* "−2…+2", "-2..+2", "1–5", "1 to 5" → "-2-2", "1-5" */
  key = g_string_new (NULL);
  for (const char *p = nfkc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '+')
        continue;
      if (c == 0x2212 || c == 0x2013 || c == 0x2014 || c == 0x2026 || c == '~' || c == 0xff5e)
        g_string_append_c (key, '-');
      else if (c == '.' && p[1] == '.')
        {
          /* "..", and "…", which NFKC made "..." */
          g_string_append_c (key, '-');
          while (p[1] == '.')
            p++;
        }
      else if (c == 't' && p[1] == 'o')
        {
          g_string_append_c (key, '-');
          p++;
        }
      else
        g_string_append_unichar (key, c);
    }

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      if (strcmp (key->str, scales[i].id) == 0)
        {
          if (scale != NULL)
            *scale = scales[i].scale;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
tl_rating_scale_to_string (TlRatingScale scale)
{
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    if (scales[i].scale == scale)
      return scales[i].id;
  return "auto";
}

const char *
tl_rating_scale_get_name (TlRatingScale scale)
{
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    if (scales[i].scale == scale)
      return scales[i].name;
  return "auto";
}

void
tl_rating_scale_get_range (TlRatingScale  scale,
                           double        *lowest,
                           double        *highest)
{
  double lo = 1, hi = 5;

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      if (scales[i].scale == scale)
        {
          lo = scales[i].lowest;
          hi = scales[i].highest;
        }
    }

  if (lowest != NULL)
    *lowest = lo;
  if (highest != NULL)
    *highest = hi;
}

gboolean
tl_rating_scale_contains (TlRatingScale scale,
                          double        value)
{
  double lo, hi;

  if (scale == TL_RATING_SCALE_AUTO || !isfinite (value))
    return FALSE;

  tl_rating_scale_get_range (scale, &lo, &hi);
  return value >= lo && value <= hi;
}

/* Reads an ASCII decimal number at *p ("4", "4.5", "4,5", "-1", "+2"). */
static gboolean
read_number (const char **p,
             double      *value,
             gboolean    *plus)
{
  char buffer[64];
  gsize n = 0;
  const char *s = *p;
  gboolean digits = FALSE, point = FALSE;

  if (plus != NULL)
    *plus = FALSE;

  if (*s == '+' || *s == '-')
    {
      if (*s == '+' && plus != NULL)
        *plus = TRUE;
      buffer[n++] = *s++;
    }
  else if (g_str_has_prefix (s, "\xe2\x88\x92"))   /* U+2212 MINUS SIGN */
    {
      buffer[n++] = '-';
      s += 3;
    }

  while (n < sizeof buffer - 1)
    {
      if (g_ascii_isdigit (*s))
        {
          buffer[n++] = *s++;
          digits = TRUE;
        }
      else if ((*s == '.' || *s == ',') && !point && g_ascii_isdigit (s[1]))
        {
          buffer[n++] = '.';
          s++;
          point = TRUE;
        }
      else
        break;
    }
  buffer[n] = '\0';

  if (!digits)
    return FALSE;

  *value = g_ascii_strtod (buffer, NULL);
  if (!isfinite (*value))
    return FALSE;

  *p = s;
  return TRUE;
}

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

gboolean
tl_value_parse_rating (const char *text,
                       double     *value,
                       double     *out_of,
                       gboolean   *explicit_sign,
                       gboolean   *blank)
{
  g_autofree char *s = NULL;
  const char *p;
  double v = 0, of = 0;
  gboolean plus = FALSE;
  guint filled = 0, empty = 0, other = 0;

  if (blank != NULL)
    *blank = FALSE;

  s = normalise (text);
  if (s == NULL)
    {
      if (blank != NULL)
        *blank = TRUE;
      return FALSE;
    }

  /* Stars: ★★★★☆ */
  for (p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2605 || c == 0x2b50)
        filled++;
      else if (c == 0x2606)
        empty++;
      else if (c != ' ')
        other++;
    }
  if (other == 0 && filled + empty > 0)
    {
      v = filled;
      of = empty > 0 ? filled + empty : 0;
      goto done;
    }

  p = s;
  if (!read_number (&p, &v, &plus))
    return FALSE;

  p = skip_spaces (p);
  if (*p == '\0')
    goto done;

  if (*p == '/')
    {
      p = skip_spaces (p + 1);
      if (!read_number (&p, &of, NULL) || of <= 0)
        return FALSE;
      p = skip_spaces (p);
    }
  else if (*p == '%')
    {
      of = 100;
      p = skip_spaces (p + 1);
    }
  else
    {
      static const char * const suffixes[] = {
        "分", "星", "颗星", "顆星", "stars", "star", "points", "point", "pts", "pt", NULL
      };

      for (guint i = 0; suffixes[i] != NULL; i++)
        {
          if (g_str_has_prefix (p, suffixes[i]) ||
              (g_ascii_isalpha (*suffixes[i]) && g_ascii_strncasecmp (p, suffixes[i], strlen (suffixes[i])) == 0))
            {
              p = skip_spaces (p + strlen (suffixes[i]));
              break;
            }
        }
    }

  if (*p != '\0')
    return FALSE;

done:
  if (value != NULL)
    *value = v;
  if (out_of != NULL)
    *out_of = of;
  if (explicit_sign != NULL)
    *explicit_sign = plus;
  return TRUE;
}

void
tl_rating_stats_init (TlRatingStats *stats)
{
  g_return_if_fail (stats != NULL);

  memset (stats, 0, sizeof *stats);
  stats->lowest = INFINITY;
  stats->highest = -INFINITY;
}

void
tl_rating_stats_add (TlRatingStats *stats,
                     double         value,
                     double         out_of,
                     gboolean       explicit_sign)
{
  g_return_if_fail (stats != NULL);

  if (!isfinite (value))
    return;

  stats->n++;
  stats->lowest = MIN (stats->lowest, value);
  stats->highest = MAX (stats->highest, value);
  stats->explicit_sign |= explicit_sign;
  if (out_of > 0)
    {
      if (stats->out_of == 0)
        stats->out_of = out_of;
      else if (stats->out_of != out_of)
        stats->mixed_out_of = TRUE;
    }
}

TlRatingScale
tl_rating_scale_detect (const TlRatingStats *stats)
{
  double lo, hi;

  g_return_val_if_fail (stats != NULL, TL_RATING_SCALE_AUTO);

  if (stats->n == 0)
    return TL_RATING_SCALE_AUTO;

  lo = stats->lowest;
  hi = stats->highest;

  /* "4/5" and "8/10" say so themselves */
  if (stats->out_of > 0 && !stats->mixed_out_of && lo >= 0)
    {
      if (stats->out_of == 5 && hi <= 5 && lo >= 1)
        return TL_RATING_SCALE_1_5;
      if (stats->out_of == 7 && hi <= 7 && lo >= 1)
        return TL_RATING_SCALE_1_7;
      if (stats->out_of == 10 && hi <= 10)
        return lo >= 1 ? TL_RATING_SCALE_1_10 : TL_RATING_SCALE_0_10;
      if (stats->out_of == 100 && hi <= 100)
        return TL_RATING_SCALE_0_100;
    }

  if ((lo < 0 || stats->explicit_sign) && lo >= -2 && hi <= 2)
    return TL_RATING_SCALE_M2_P2;
  if (lo < 0)
    return TL_RATING_SCALE_AUTO;
  if (lo >= 1 && hi <= 5)
    return TL_RATING_SCALE_1_5;
  if (lo >= 1 && hi <= 7)
    return TL_RATING_SCALE_1_7;
  if (hi <= 10)
    return TL_RATING_SCALE_0_10;
  if (hi <= 100)
    return TL_RATING_SCALE_0_100;

  return TL_RATING_SCALE_AUTO;
}

double
tl_rating_normalise (double        value,
                     TlRatingScale scale,
                     guint         document_scale)
{
  double lo, hi, r;

  g_return_val_if_fail (document_scale >= 2, value);

  if (scale == TL_RATING_SCALE_AUTO)
    return CLAMP (value, 1, document_scale);

  tl_rating_scale_get_range (scale, &lo, &hi);
  r = 1 + (value - lo) * (document_scale - 1) / (hi - lo);
  /* No noise in the last digits: 3.0000000000000004 is 3. */
  r = round (r * 1e9) / 1e9;

  return CLAMP (r, 1, (double) document_scale);
}

/* ---- dates ------------------------------------------------------------ */

typedef struct {
  const char *p;
} Scanner;

/* Reads 1 to @max digits; returns how many (0 when none). */
static guint
scan_digits (Scanner *s,
             guint    max,
             int     *value)
{
  guint n = 0;
  int v = 0;

  while (n < max && g_ascii_isdigit (s->p[n]))
    {
      v = v * 10 + (s->p[n] - '0');
      n++;
    }
  /* more digits than allowed: not this pattern */
  if (n == max && g_ascii_isdigit (s->p[n]))
    return 0;

  if (n > 0)
    {
      s->p += n;
      *value = v;
    }
  return n;
}

static gboolean
scan_literal (Scanner    *s,
              const char *literal)
{
  if (g_str_has_prefix (s->p, literal))
    {
      s->p += strlen (literal);
      return TRUE;
    }
  return FALSE;
}

static void
scan_spaces (Scanner *s)
{
  while (*s->p == ' ' || *s->p == '\t')
    s->p++;
}

static const char * const month_names[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
};

/* "Mar", "March", "Sept." → 1..12, 0 when not a month */
static int
scan_month_name (Scanner *s)
{
  const char *p = s->p;
  char word[16];
  guint n = 0;

  while (g_ascii_isalpha (p[n]) && n < sizeof word - 1)
    {
      word[n] = g_ascii_tolower (p[n]);
      n++;
    }
  word[n] = '\0';
  if (n < 3 || g_ascii_isalpha (p[n]))
    return 0;

  for (guint m = 0; m < 12; m++)
    {
      static const char * const full[] = {
        "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"
      };

      if ((n == 3 && strcmp (word, month_names[m]) == 0) ||
          strcmp (word, full[m]) == 0 ||
          (m == 8 && strcmp (word, "sept") == 0))
        {
          s->p = p + n;
          if (*s->p == '.')
            s->p++;
          return m + 1;
        }
    }
  return 0;
}

static gboolean
scan_date (Scanner     *s,
           TlDateOrder  order,
           TlDateOrder *evidence,
           int         *year,
           int         *month,
           int         *day)
{
  Scanner start = *s;
  int a = 0, b = 0, c = 0;
  guint n;
  char sep;

  /* March 24, 2026 */
  if ((*month = scan_month_name (s)) != 0)
    {
      scan_spaces (s);
      if (scan_digits (s, 2, day) == 0)
        return FALSE;
      if (!scan_literal (s, "th") && !scan_literal (s, "st") && !scan_literal (s, "nd"))
        scan_literal (s, "rd");
      scan_literal (s, ",");
      scan_spaces (s);
      return scan_digits (s, 4, year) == 4;
    }

  n = scan_digits (s, 8, &a);
  if (n == 8)
    {
      /* 20260324 */
      *year = a / 10000;
      *month = a / 100 % 100;
      *day = a % 100;
      return TRUE;
    }
  *s = start;
  n = scan_digits (s, 4, &a);

  if (n == 4)
    {
      /* Year first: 2026-03-24, 2026/3/24, 2026.3.24, 2026年3月24日 */
      Scanner after_year = *s;

      *year = a;
      scan_spaces (s);
      if (scan_literal (s, "年"))
        {
          scan_spaces (s);
          if (scan_digits (s, 2, month) == 0)
            return FALSE;
          scan_spaces (s);
          if (!scan_literal (s, "月"))
            return FALSE;
          scan_spaces (s);
          if (scan_digits (s, 2, day) == 0)
            return FALSE;
          {
            Scanner before_day_mark = *s;

            scan_spaces (s);
            if (!scan_literal (s, "日") && !scan_literal (s, "号") && !scan_literal (s, "號"))
              *s = before_day_mark;
          }
          return TRUE;
        }
      *s = after_year;
      sep = *s->p;
      if (sep != '-' && sep != '/' && sep != '.')
        return FALSE;
      s->p++;
      if (scan_digits (s, 2, month) == 0 || *s->p != sep)
        return FALSE;
      s->p++;
      return scan_digits (s, 2, day) > 0;
    }

  if (n == 0 || n > 2)
    return FALSE;

  /* 24 Mar 2026 */
  scan_spaces (s);
  if ((*month = scan_month_name (s)) != 0)
    {
      *day = a;
      scan_spaces (s);
      return scan_digits (s, 4, year) == 4;
    }

  /* Day or month first: 24.03.2026, 24/03/2026, 03/24/2026, 24-03-2026 */
  sep = *s->p;
  if (sep != '-' && sep != '/' && sep != '.')
    return FALSE;
  s->p++;
  if (scan_digits (s, 2, &b) == 0 || *s->p != sep)
    return FALSE;
  s->p++;
  if (scan_digits (s, 4, &c) != 4)
    return FALSE;
  *year = c;

  if (sep == '.' || a > 12)
    {
      /* Dots are day first wherever they are used. */
      if (evidence != NULL && sep != '.' && a > 12)
        *evidence = TL_DATE_ORDER_DMY;
      *day = a;
      *month = b;
    }
  else if (b > 12)
    {
      if (evidence != NULL)
        *evidence = TL_DATE_ORDER_MDY;
      *month = a;
      *day = b;
    }
  else if (order == TL_DATE_ORDER_DMY)
    {
      *day = a;
      *month = b;
    }
  else
    {
      *month = a;
      *day = b;
    }

  return TRUE;
}

static gboolean
scan_time (Scanner *s,
           int     *hour,
           int     *minute,
           int     *second)
{
  gboolean pm = FALSE, am = FALSE, chinese;

  if (scan_literal (s, "下午") || scan_literal (s, "晚上") || scan_literal (s, "中午"))
    pm = TRUE;
  else if (scan_literal (s, "上午") || scan_literal (s, "凌晨") || scan_literal (s, "早上"))
    am = TRUE;
  scan_spaces (s);

  if (scan_digits (s, 2, hour) == 0)
    return FALSE;

  chinese = scan_literal (s, "时") || scan_literal (s, "時") || scan_literal (s, "点") || scan_literal (s, "點");
  if (!chinese && !scan_literal (s, ":"))
    return FALSE;

  {
    guint n = scan_digits (s, 2, minute);

    if (n == 0 || (n == 1 && !chinese))
      return FALSE;
  }

  *second = 0;
  if (chinese)
    {
      scan_literal (s, "分");
      if (scan_digits (s, 2, second) > 0)
        scan_literal (s, "秒");
    }
  else if (scan_literal (s, ":"))
    {
      if (scan_digits (s, 2, second) != 2)
        return FALSE;
      /* fractions of a second are dropped */
      if (*s->p == '.' || *s->p == ',')
        {
          s->p++;
          while (g_ascii_isdigit (*s->p))
            s->p++;
        }
    }

  scan_spaces (s);
  if (g_ascii_strncasecmp (s->p, "pm", 2) == 0 || g_ascii_strncasecmp (s->p, "p.m.", 4) == 0)
    {
      s->p += s->p[1] == '.' ? 4 : 2;
      pm = TRUE;
    }
  else if (g_ascii_strncasecmp (s->p, "am", 2) == 0 || g_ascii_strncasecmp (s->p, "a.m.", 4) == 0)
    {
      s->p += s->p[1] == '.' ? 4 : 2;
      am = TRUE;
    }

  if (pm || am)
    {
      if (*hour < 1 || *hour > 12)
        return FALSE;
      if (pm && *hour < 12)
        *hour += 12;
      if (am && *hour == 12)
        *hour = 0;
    }

  return *hour < 24 && *minute < 60 && *second < 61;
}

/* "Z", "+08:00", "+0800", "+08", "UTC"; writes "Z" or "+08:00" */
static gboolean
scan_zone (Scanner *s,
           char    *zone)
{
  int h = 0, m = 0;
  char sign;

  zone[0] = '\0';
  scan_spaces (s);

  if (*s->p == 'Z' || *s->p == 'z')
    {
      s->p++;
      strcpy (zone, "Z");
      return TRUE;
    }
  if (scan_literal (s, "UTC") || scan_literal (s, "GMT"))
    {
      if (*s->p != '+' && *s->p != '-')
        {
          strcpy (zone, "Z");
          return TRUE;
        }
    }
  if (*s->p != '+' && *s->p != '-')
    return *s->p == '\0';

  sign = *s->p++;
  /* "08", "08:00" or "0800" */
  if (!g_ascii_isdigit (s->p[0]) || !g_ascii_isdigit (s->p[1]))
    return FALSE;
  h = (s->p[0] - '0') * 10 + (s->p[1] - '0');
  s->p += 2;
  if (*s->p == ':')
    s->p++;
  if (g_ascii_isdigit (s->p[0]))
    {
      if (!g_ascii_isdigit (s->p[1]) || g_ascii_isdigit (s->p[2]))
        return FALSE;
      m = (s->p[0] - '0') * 10 + (s->p[1] - '0');
      s->p += 2;
    }
  if (h > 14 || m > 59)
    return FALSE;

  g_snprintf (zone, 8, "%c%02d:%02d", sign, h, m);
  return TRUE;
}

/* Days since 1899-12-30, as spreadsheets count them */
static char *
excel_serial (const char *s)
{
  char *end = NULL;
  double v = g_ascii_strtod (s, &end);
  g_autoptr(GDateTime) base = NULL;
  g_autoptr(GDateTime) dt = NULL;
  double days, seconds;

  if (end == s || *end != '\0' || !isfinite (v) || v < 10000 || v >= 100000)
    return NULL;

  days = floor (v);
  seconds = round ((v - days) * 86400);
  base = g_date_time_new_utc (1899, 12, 30, 0, 0, 0);
  dt = g_date_time_add_days (base, (int) days);
  if (dt == NULL)
    return NULL;

  if (seconds > 0)
    {
      g_autoptr(GDateTime) t = g_date_time_add_seconds (dt, seconds);

      return g_date_time_format (t, "%Y-%m-%dT%H:%M:%S");
    }
  return g_date_time_format (dt, "%Y-%m-%d");
}

char *
tl_value_parse_date (const char  *text,
                     TlDateOrder  order,
                     TlDateOrder *evidence,
                     gboolean    *blank)
{
  g_autofree char *s = NULL;
  Scanner scanner;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  gboolean has_time = FALSE;
  char zone[8] = "";

  if (evidence != NULL)
    *evidence = TL_DATE_ORDER_UNKNOWN;
  if (blank != NULL)
    *blank = FALSE;

  s = normalise (text);
  if (s == NULL)
    {
      if (blank != NULL)
        *blank = TRUE;
      return NULL;
    }

  if (g_ascii_isdigit (s[0]))
    {
      char *serial = excel_serial (s);

      if (serial != NULL)
        return serial;
    }

  scanner.p = s;
  if (!scan_date (&scanner, order, evidence, &year, &month, &day))
    {
      if (evidence != NULL)
        *evidence = TL_DATE_ORDER_UNKNOWN;
      return NULL;
    }

  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;

  if (*scanner.p == 'T' || *scanner.p == 't' || *scanner.p == ' ' || *scanner.p == ',' ||
      *scanner.p == '\t' || (guint8) *scanner.p >= 0x80 ||
      (g_ascii_isdigit (*scanner.p) && (guint8) scanner.p[-1] >= 0x80))
    {
      Scanner before = scanner;

      if (*scanner.p == 'T' || *scanner.p == 't' || *scanner.p == ',')
        scanner.p++;
      scan_spaces (&scanner);

      if (*scanner.p == '\0')
        ;   /* trailing spaces */
      else if (scan_time (&scanner, &hour, &minute, &second))
        has_time = TRUE;
      else
        {
          scanner = before;
          return NULL;
        }
    }

  if (has_time)
    {
      if (!scan_zone (&scanner, zone))
        return NULL;
    }

  scan_spaces (&scanner);
  if (*scanner.p != '\0')
    return NULL;

  if (has_time)
    return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d%s",
                            year, month, day, hour, minute, MIN (second, 59), zone);
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

/* ---- tags ------------------------------------------------------------- */

static gboolean
is_list_separator (gunichar c)
{
  return c == ',' || c == ';' || c == '|' || c == '\n' || c == '\r' ||
         c == 0xff0c /* ， */ || c == 0xff1b /* ； */ || c == 0x3001 /* 、 */;
}

/* @text split at separators outside parentheses, each part trimmed,
 * empty parts dropped. */
static GPtrArray *
split_list (const char *text,
            gboolean    keep_in_parens)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) part = g_string_new (NULL);
  int depth = 0;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = *p != '\0' ? g_utf8_get_char (p) : 0;

      if (keep_in_parens && (c == '(' || c == 0xff08))
        depth++;
      else if (keep_in_parens && (c == ')' || c == 0xff09) && depth > 0)
        depth--;

      if (c == 0 || (depth == 0 && is_list_separator (c)))
        {
          g_autofree char *trimmed = NULL;

          trimmed = g_strstrip (g_strdup (part->str));
          /* The ideographic space is not one g_strstrip() knows */
          while (g_str_has_prefix (trimmed, "\xe3\x80\x80"))
            memmove (trimmed, trimmed + 3, strlen (trimmed + 3) + 1);
          while (g_str_has_suffix (trimmed, "\xe3\x80\x80"))
            trimmed[strlen (trimmed) - 3] = '\0';
          g_strstrip (trimmed);

          if (*trimmed != '\0')
            g_ptr_array_add (parts, g_steal_pointer (&trimmed));
          g_string_truncate (part, 0);
          if (c == 0)
            break;
          continue;
        }

      g_string_append_unichar (part, c);
    }

  return parts;
}

char *
tl_value_parse_tags (const char *text)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GString) tags = NULL;
  g_autoptr(GHashTable) seen = NULL;

  if (is_blank (text))
    return NULL;

  parts = split_list (text, FALSE);
  tags = g_string_new (NULL);
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < parts->len; i++)
    {
      const char *tag = parts->pdata[i];

      if (!g_hash_table_add (seen, (gpointer) tag))
        continue;
      if (tags->len > 0)
        g_string_append (tags, ", ");
      g_string_append (tags, tag);
    }

  if (tags->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&tags), FALSE);
}

/* ---- names ------------------------------------------------------------ */

enum {
  KIND_STATION,
  KIND_LOOP,
  KIND_LAYER,
  KIND_TYPE,
  N_KINDS
};

struct _TlNameIndex
{
  GStringChunk *strings;
  GHashTable   *names[N_KINDS];   /* folded name → id (in strings) */
  GPtrArray    *loop_ids;         /* in the document's order */
};

void
tl_name_index_free (TlNameIndex *self)
{
  if (self == NULL)
    return;

  for (guint k = 0; k < N_KINDS; k++)
    g_hash_table_unref (self->names[k]);
  g_ptr_array_unref (self->loop_ids);
  g_string_chunk_free (self->strings);
  g_free (self);
}

/* Adds @key (folded here) for @id unless the key is taken: names added
 * first win. */
static void
add_name (TlNameIndex *self,
          guint        kind,
          const char  *name,
          const char  *id)
{
  g_autofree char *key = NULL;

  if (name == NULL || *name == '\0')
    return;

  key = tl_value_fold (name);
  if (*key == '\0' || g_hash_table_contains (self->names[kind], key))
    return;

  g_hash_table_insert (self->names[kind],
                       g_string_chunk_insert_const (self->strings, key),
                       g_string_chunk_insert_const (self->strings, id));
}

/* "Online order (show, order, pay)": also "Online order"; and the part in
 * parentheses when it is a name itself ("CRM"), with @extra. */
static void
add_label (TlNameIndex *self,
           guint        kind,
           const char  *label,
           const char  *id,
           gboolean     extra)
{
  const char *open;

  add_name (self, kind, label, id);
  if (label == NULL)
    return;

  open = strstr (label, "（");
  if (open == NULL)
    open = strchr (label, '(');
  if (open != NULL && open > label)
    {
      g_autofree char *before = g_strndup (label, open - label);
      const char *inner = open + (*open == '(' ? 1 : strlen ("（"));
      const char *close = strstr (inner, "）");

      if (close == NULL)
        close = strchr (inner, ')');

      add_name (self, kind, before, id);
      if (extra && close != NULL && close > inner)
        {
          g_autofree char *in = g_strndup (inner, close - inner);

          if (strchr (in, ',') == NULL && strstr (in, "，") == NULL && strstr (in, "、") == NULL)
            add_name (self, kind, in, id);
        }
    }

  /* "感官体验": also "感官" */
  if (kind == KIND_TYPE)
    {
      g_autofree char *key = tl_value_fold (label);

      if (strip_suffix (key, "体验") || strip_suffix (key, "體驗") || strip_suffix (key, "experience"))
        add_name (self, kind, key, id);
    }
}

static void
add_document (TlNameIndex *self,
              TlDocument  *document,
              TlDocument  *names_from,
              gboolean     ids)
{
  GListModel *lists[N_KINDS] = {
    tl_document_get_stations (names_from),
    tl_document_get_loops (names_from),
    tl_document_get_layers (names_from),
    tl_document_get_types (names_from),
  };

  for (guint k = 0; k < N_KINDS; k++)
    {
      guint n = g_list_model_get_n_items (lists[k]);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) object = g_list_model_get_item (lists[k], i);
          const char *id = tl_document_object_id (object);
          const char *label;
          gboolean exists;

          switch (k)
            {
            case KIND_STATION:
              label = tl_station_get_label (TL_STATION (object));
              exists = tl_document_lookup_station (document, id) != NULL;
              break;
            case KIND_LOOP:
              label = tl_loop_get_name (TL_LOOP (object));
              exists = tl_document_lookup_loop (document, id) != NULL;
              break;
            case KIND_LAYER:
              label = tl_matrix_header_get_label (TL_MATRIX_HEADER (object));
              exists = tl_document_lookup_layer (document, id) != NULL;
              break;
            case KIND_TYPE:
            default:
              label = tl_matrix_header_get_label (TL_MATRIX_HEADER (object));
              exists = tl_document_lookup_type (document, id) != NULL;
              break;
            }

          if (!exists)
            continue;

          if (ids)
            add_name (self, k, id, id);
          else
            add_label (self, k, label, id, names_from != document);
        }
    }
}

TlNameIndex *
tl_name_index_new (TlDocument *document)
{
  TlNameIndex *self;
  GListModel *loops;
  static const char * const languages[] = { "zh_CN", "zh_TW", "en" };

  g_return_val_if_fail (TL_IS_DOCUMENT (document), NULL);

  self = g_new0 (TlNameIndex, 1);
  self->strings = g_string_chunk_new (1024);
  for (guint k = 0; k < N_KINDS; k++)
    self->names[k] = g_hash_table_new (g_str_hash, g_str_equal);
  self->loop_ids = g_ptr_array_new ();

  /* Ids first, then the document's own names, then the template's names in
   * every language for the ids the document shares with it. */
  add_document (self, document, document, TRUE);
  add_document (self, document, document, FALSE);
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(TlDocument) template = tl_template_new_o2o (languages[l]);

      add_document (self, document, template, FALSE);
    }

  loops = tl_document_get_loops (document);
  for (guint i = 0; i < g_list_model_get_n_items (loops); i++)
    {
      g_autoptr(TlLoop) loop = g_list_model_get_item (loops, i);

      g_ptr_array_add (self->loop_ids,
                       (gpointer) g_string_chunk_insert_const (self->strings, tl_loop_get_id (loop)));
    }

  return self;
}

static const char *
lookup (TlNameIndex *self,
        guint        kind,
        const char  *text)
{
  g_autofree char *key = NULL;
  const char *id;

  if (is_blank (text))
    return NULL;

  key = tl_value_fold (text);
  id = g_hash_table_lookup (self->names[kind], key);
  if (id != NULL)
    return id;

  if (kind == KIND_TYPE &&
      (strip_suffix (key, "体验") || strip_suffix (key, "體驗") || strip_suffix (key, "experience")))
    return g_hash_table_lookup (self->names[kind], key);

  return NULL;
}

const char *
tl_name_index_lookup_station (TlNameIndex *self,
                              const char  *text)
{
  g_return_val_if_fail (self != NULL, NULL);
  return lookup (self, KIND_STATION, text);
}

const char *
tl_name_index_lookup_loop (TlNameIndex *self,
                           const char  *text)
{
  g_autofree char *key = NULL;
  const char *id;
  char *end = NULL;
  guint64 n;

  g_return_val_if_fail (self != NULL, NULL);

  id = lookup (self, KIND_LOOP, text);
  if (id != NULL || is_blank (text))
    return id;

  /* "1", "loop 1", "闭环1", "#1", "第1个闭环" */
  key = tl_value_fold (text);
  for (const char * const *p = (const char * const[]) { "loop", "闭环", "閉環", "第", NULL }; *p != NULL; p++)
    if (strip_prefix (&key, *p))
      break;
  strip_prefix (&key, "#");
  for (const char * const *p = (const char * const[]) { "个闭环", "個閉環", "闭环", "閉環", NULL }; *p != NULL; p++)
    if (strip_suffix (key, *p))
      break;

  if (!g_ascii_isdigit (key[0]))
    return NULL;
  n = g_ascii_strtoull (key, &end, 10);
  if (end == NULL || *end != '\0' || n == 0)
    return NULL;

  {
    g_autofree char *loop_id = g_strdup_printf ("loop%" G_GUINT64_FORMAT, n);

    id = g_hash_table_lookup (self->names[KIND_LOOP], loop_id);
    if (id != NULL)
      return id;
  }

  if (n <= self->loop_ids->len)
    return self->loop_ids->pdata[n - 1];

  return NULL;
}

const char *
tl_name_index_lookup_layer (TlNameIndex *self,
                            const char  *text)
{
  g_return_val_if_fail (self != NULL, NULL);
  return lookup (self, KIND_LAYER, text);
}

const char *
tl_name_index_lookup_type (TlNameIndex *self,
                           const char  *text)
{
  g_return_val_if_fail (self != NULL, NULL);
  return lookup (self, KIND_TYPE, text);
}

/* "space/sense", "空间 × 感官体验", either way round */
static char *
parse_cell (TlNameIndex *self,
            const char  *text)
{
  static const char * const separators[] = { "/", "×", "*", "／", NULL };

  for (guint i = 0; separators[i] != NULL; i++)
    {
      const char *sep = strstr (text, separators[i]);
      g_autofree char *a = NULL;
      const char *b;
      const char *layer, *type;

      if (sep == NULL)
        continue;

      a = g_strndup (text, sep - text);
      b = sep + strlen (separators[i]);

      layer = tl_name_index_lookup_layer (self, a);
      type = tl_name_index_lookup_type (self, b);
      if (layer == NULL || type == NULL)
        {
          layer = tl_name_index_lookup_layer (self, b);
          type = tl_name_index_lookup_type (self, a);
        }
      if (layer != NULL && type != NULL)
        return g_strdup_printf ("cell:%s/%s", layer, type);
    }

  return NULL;
}

static gboolean
has_prefix_fold (const char  *text,
                 const char  *prefix,
                 const char **rest)
{
  gsize n = strlen (prefix);

  if (g_ascii_strncasecmp (text, prefix, n) != 0)
    return FALSE;
  *rest = text + n;
  return TRUE;
}

gboolean
tl_name_index_parse_links (TlNameIndex  *self,
                           const char   *text,
                           GPtrArray    *links,
                           char        **bad)
{
  g_autoptr(GPtrArray) parts = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (links != NULL, FALSE);

  if (bad != NULL)
    *bad = NULL;
  if (is_blank (text))
    return TRUE;

  parts = split_list (text, TRUE);
  for (guint i = 0; i < parts->len; i++)
    {
      const char *part = parts->pdata[i];
      const char *rest;
      const char *id = NULL;
      char *link = NULL;

      if (has_prefix_fold (part, "station:", &rest))
        {
          if ((id = tl_name_index_lookup_station (self, rest)) != NULL)
            link = g_strconcat ("station:", id, NULL);
        }
      else if (has_prefix_fold (part, "loop:", &rest))
        {
          if ((id = tl_name_index_lookup_loop (self, rest)) != NULL)
            link = g_strconcat ("loop:", id, NULL);
        }
      else if (has_prefix_fold (part, "cell:", &rest))
        link = parse_cell (self, rest);
      else if ((id = tl_name_index_lookup_station (self, part)) != NULL)
        link = g_strconcat ("station:", id, NULL);
      else if ((id = tl_name_index_lookup_loop (self, part)) != NULL)
        link = g_strconcat ("loop:", id, NULL);
      else
        link = parse_cell (self, part);

      if (link == NULL)
        {
          if (bad != NULL)
            *bad = g_strdup (part);
          return FALSE;
        }

      /* each link once */
      for (guint j = 0; j < links->len && link != NULL; j++)
        if (strcmp (links->pdata[j], link) == 0)
          g_clear_pointer (&link, g_free);
      if (link != NULL)
        g_ptr_array_add (links, link);
    }

  return TRUE;
}
