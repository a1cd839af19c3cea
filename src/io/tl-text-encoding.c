/* tl-text-encoding.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "tl-text-encoding.h"

/* Bytes looked at for the byte order mark and the NUL pattern of UTF-16 */
#define START_WINDOW  4096
/* Bytes of the first stretch that is not ASCII looked at to choose between
 * UTF-8 and GB18030 */
#define CHOICE_WINDOW (64 * 1024)

static const char replacement[] = "\xef\xbf\xbd";   /* U+FFFD */

typedef struct {
  const char     *id;
  const char     *name;
  TlTextEncoding  encoding;
} EncodingName;

static const EncodingName encoding_names[] = {
  { "auto",     "auto",     TL_TEXT_ENCODING_AUTO },
  { "utf-8",    "UTF-8",    TL_TEXT_ENCODING_UTF8 },
  { "utf-16",   "UTF-16",   TL_TEXT_ENCODING_UTF16 },
  { "utf-16le", "UTF-16LE", TL_TEXT_ENCODING_UTF16LE },
  { "utf-16be", "UTF-16BE", TL_TEXT_ENCODING_UTF16BE },
  { "gb18030",  "GB18030",  TL_TEXT_ENCODING_GB18030 },
};

static const struct {
  const char     *alias;
  TlTextEncoding  encoding;
} encoding_aliases[] = {
  { "utf8",    TL_TEXT_ENCODING_UTF8 },
  { "utf16",   TL_TEXT_ENCODING_UTF16 },
  { "utf16le", TL_TEXT_ENCODING_UTF16LE },
  { "utf16be", TL_TEXT_ENCODING_UTF16BE },
  { "unicode", TL_TEXT_ENCODING_UTF16 },   /* what spreadsheets call it */
  { "gbk",     TL_TEXT_ENCODING_GB18030 },
  { "gb2312",  TL_TEXT_ENCODING_GB18030 },
  { "cp936",   TL_TEXT_ENCODING_GB18030 },
  { "gb-18030", TL_TEXT_ENCODING_GB18030 },
};

gboolean
tl_text_encoding_parse (const char     *name,
                        TlTextEncoding *encoding)
{
  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (encoding_names); i++)
    {
      if (g_ascii_strcasecmp (name, encoding_names[i].id) == 0)
        {
          if (encoding != NULL)
            *encoding = encoding_names[i].encoding;
          return TRUE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (encoding_aliases); i++)
    {
      if (g_ascii_strcasecmp (name, encoding_aliases[i].alias) == 0)
        {
          if (encoding != NULL)
            *encoding = encoding_aliases[i].encoding;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
tl_text_encoding_to_string (TlTextEncoding encoding)
{
  for (guint i = 0; i < G_N_ELEMENTS (encoding_names); i++)
    if (encoding_names[i].encoding == encoding)
      return encoding_names[i].id;
  return "auto";
}

const char *
tl_text_encoding_get_name (TlTextEncoding encoding)
{
  for (guint i = 0; i < G_N_ELEMENTS (encoding_names); i++)
    if (encoding_names[i].encoding == encoding)
      return encoding_names[i].name;
  return "auto";
}

/* ---- what is not text ------------------------------------------------- */

static gboolean
has_prefix (const guint8 *data,
            gsize         length,
            const char   *magic,
            gsize         magic_length)
{
  return length >= magic_length && memcmp (data, magic, magic_length) == 0;
}

#define HAS(magic) has_prefix (data, length, magic, sizeof magic - 1)

TlBinaryKind
tl_text_sniff_binary (const guint8 *data,
                      gsize         length)
{
  if (data == NULL)
    return TL_BINARY_KIND_NONE;

  if (HAS ("PK\x03\x04") || HAS ("PK\x05\x06"))
    return TL_BINARY_KIND_ZIP;
  if (HAS ("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"))
    return TL_BINARY_KIND_OLE;
  if (HAS ("%PDF-"))
    return TL_BINARY_KIND_PDF;
  if (HAS ("\x89PNG\r\n\x1a\n") || HAS ("\xff\xd8\xff") || HAS ("GIF87a") || HAS ("GIF89a") ||
      (HAS ("RIFF") && length >= 12 && memcmp (data + 8, "WEBP", 4) == 0))
    return TL_BINARY_KIND_IMAGE;
  if (HAS ("SQLite format 3"))
    return TL_BINARY_KIND_SQLITE;
  if (HAS ("\x1f\x8b") || HAS ("BZh") || HAS ("\xfd" "7zXZ") || HAS ("\x28\xb5\x2f\xfd"))
    return TL_BINARY_KIND_COMPRESSED;

  return TL_BINARY_KIND_NONE;
}

#undef HAS

/* ---- detection -------------------------------------------------------- */

static gsize
bom_of (const guint8   *data,
        gsize           length,
        TlTextEncoding *encoding)
{
  if (length >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf)
    {
      *encoding = TL_TEXT_ENCODING_UTF8;
      return 3;
    }
  if (length >= 2 && data[0] == 0xff && data[1] == 0xfe)
    {
      *encoding = TL_TEXT_ENCODING_UTF16LE;
      return 2;
    }
  if (length >= 2 && data[0] == 0xfe && data[1] == 0xff)
    {
      *encoding = TL_TEXT_ENCODING_UTF16BE;
      return 2;
    }
  /* GB18030's own mark for U+FEFF */
  if (length >= 4 && data[0] == 0x84 && data[1] == 0x31 && data[2] == 0x95 && data[3] == 0x33)
    {
      *encoding = TL_TEXT_ENCODING_GB18030;
      return 4;
    }

  return 0;
}

/* Text in UTF-16 has a NUL in every other byte wherever it is ASCII (digits,
 * delimiters, line breaks are, even in Chinese text); text in an 8-bit
 * encoding has none.  AUTO when there is no such pattern. */
static TlTextEncoding
utf16_by_nul_pattern (const guint8 *data,
                      gsize         length)
{
  gsize even = 0, odd = 0;
  gsize n = MIN (length, START_WINDOW) & ~(gsize) 1;

  if (n < 4)
    return TL_TEXT_ENCODING_AUTO;

  for (gsize i = 0; i < n; i += 2)
    {
      even += data[i] == 0;
      odd += data[i + 1] == 0;
    }

  /* At least a fifth of the characters ASCII, and the other half of the
   * pairs (almost) never NUL. */
  if (odd * 5 >= n / 2 && even * 10 <= odd)
    return TL_TEXT_ENCODING_UTF16LE;
  if (even * 5 >= n / 2 && odd * 10 <= even)
    return TL_TEXT_ENCODING_UTF16BE;

  return TL_TEXT_ENCODING_AUTO;
}

/* The length of the UTF-8 sequence @lead starts, 0 when it cannot start one */
static guint
utf8_sequence_length (guint8 lead)
{
  if (lead < 0x80)
    return 1;
  if (lead >= 0xc2 && lead <= 0xdf)
    return 2;
  if (lead >= 0xe0 && lead <= 0xef)
    return 3;
  if (lead >= 0xf0 && lead <= 0xf4)
    return 4;
  return 0;
}

/* TRUE when @data[0..length) could be the start of one valid sequence that
 * the next bytes complete. */
static gboolean
utf8_is_incomplete_prefix (const guint8 *data,
                           gsize         length)
{
  guint need = utf8_sequence_length (data[0]);

  if (need <= 1 || length >= need)
    return FALSE;
  for (gsize i = 1; i < length; i++)
    if ((data[i] & 0xc0) != 0x80)
      return FALSE;
  /* The second byte's narrower ranges (overlongs, surrogates) */
  if (length >= 2)
    {
      if (data[0] == 0xe0 && data[1] < 0xa0)
        return FALSE;
      if (data[0] == 0xed && data[1] > 0x9f)
        return FALSE;
      if (data[0] == 0xf0 && data[1] < 0x90)
        return FALSE;
      if (data[0] == 0xf4 && data[1] > 0x8f)
        return FALSE;
    }
  return TRUE;
}

/* Counts the multi-byte UTF-8 characters and the bytes that are not UTF-8
 * in @data; an incomplete sequence at the very end counts as neither unless
 * @at_end. */
static void
utf8_census (const guint8 *data,
             gsize         length,
             gboolean      at_end,
             gsize        *n_multibyte,
             gsize        *n_invalid)
{
  const char *p = (const char *) data;
  const char *end = p + length;

  *n_multibyte = 0;
  *n_invalid = 0;

  while (p < end)
    {
      const char *valid_end;
      gboolean ok = g_utf8_validate_len (p, end - p, &valid_end);

      for (const char *q = p; q < valid_end; q++)
        *n_multibyte += ((guint8) *q & 0xc0) == 0xc0;

      if (ok)
        break;

      p = valid_end;
      if (*p == '\0')
        {
          p++;
          continue;
        }
      if (!at_end && utf8_is_incomplete_prefix ((const guint8 *) p, end - p))
        break;
      (*n_invalid)++;
      p++;
    }
}

/* Bytes of @data that are not GB18030 */
static gsize
gb18030_invalid (const guint8 *data,
                 gsize         length,
                 gboolean      at_end)
{
  GIConv cd = g_iconv_open ("UTF-8", "GB18030");
  char *in = (char *) data;
  gsize in_left = length;
  gsize invalid = 0;
  char buffer[4096];

  if (cd == (GIConv) -1)
    return G_MAXSIZE;

  while (in_left > 0)
    {
      char *o = buffer;
      gsize o_left = sizeof buffer;

      if (g_iconv (cd, &in, &in_left, &o, &o_left) != (gsize) -1 || errno == E2BIG)
        continue;
      if (errno == EINVAL)
        {
          invalid += at_end;
          break;
        }
      invalid++;
      in++;
      in_left--;
      g_iconv (cd, NULL, NULL, NULL, NULL);
    }

  g_iconv_close (cd);
  return invalid;
}

/* UTF-8 when it is valid, or nearly (one stray bad byte in a UTF-8 file is
 * better reported on its row than turning the file into mojibake), or
 * when GB18030 reads it no better. */
static gboolean
looks_like_utf8 (const guint8 *data,
                 gsize         length,
                 gboolean      at_end)
{
  gsize multibyte, invalid;

  utf8_census (data, length, at_end, &multibyte, &invalid);

  if (invalid == 0 || invalid * 20 <= multibyte)
    return TRUE;

  return gb18030_invalid (data, length, at_end) >= invalid;
}

static const guint8 *
first_non_ascii (const guint8 *data,
                 gsize         length)
{
  for (gsize i = 0; i < length; i++)
    if (data[i] >= 0x80)
      return data + i;
  return NULL;
}

TlTextEncoding
tl_text_encoding_detect (const guint8 *data,
                         gsize         length,
                         gboolean      at_end,
                         gsize        *bom_length)
{
  TlTextEncoding encoding = TL_TEXT_ENCODING_AUTO;
  const guint8 *high;
  gsize bom;

  if (bom_length != NULL)
    *bom_length = 0;
  if (data == NULL)
    return TL_TEXT_ENCODING_UTF8;

  bom = bom_of (data, length, &encoding);
  if (bom > 0)
    {
      if (bom_length != NULL)
        *bom_length = bom;
      return encoding;
    }

  encoding = utf16_by_nul_pattern (data, length);
  if (encoding != TL_TEXT_ENCODING_AUTO)
    return encoding;

  high = first_non_ascii (data, length);
  if (high == NULL)
    return TL_TEXT_ENCODING_UTF8;

  return looks_like_utf8 (high, length - (high - data), at_end)
         ? TL_TEXT_ENCODING_UTF8 : TL_TEXT_ENCODING_GB18030;
}

/* ---- the decoder ------------------------------------------------------ */

typedef enum {
  STATE_START,        /* waiting for enough bytes for the BOM and UTF-16 */
  STATE_ASCII,        /* automatic; nothing but ASCII so far */
  STATE_UTF8,
  STATE_ICONV,        /* UTF-16 or GB18030 through iconv */
} DecoderState;

struct _TlTextDecoder
{
  TlTextEncoding  requested;
  TlTextEncoding  encoding;
  DecoderState    state;
  GIConv          cd;
  guint           unit;        /* the code unit size: 2 for UTF-16, else 1 */
  GByteArray     *pending;     /* input not decoded yet */
  GArray         *invalid;     /* guint64 output offsets */
  guint           invalid_head;
  guint64         n_invalid;
  guint64         n_nul;
  guint64         n_output;
  gboolean        had_bom;
};

TlTextDecoder *
tl_text_decoder_new (TlTextEncoding encoding)
{
  TlTextDecoder *self = g_new0 (TlTextDecoder, 1);

  self->requested = encoding;
  self->encoding = TL_TEXT_ENCODING_AUTO;
  self->state = STATE_START;
  self->cd = (GIConv) -1;
  self->unit = 1;
  self->pending = g_byte_array_new ();
  self->invalid = g_array_new (FALSE, FALSE, sizeof (guint64));

  return self;
}

void
tl_text_decoder_free (TlTextDecoder *self)
{
  if (self == NULL)
    return;

  if (self->cd != (GIConv) -1)
    g_iconv_close (self->cd);
  g_byte_array_unref (self->pending);
  g_array_unref (self->invalid);
  g_free (self);
}

TlTextEncoding
tl_text_decoder_get_encoding (TlTextDecoder *self)
{
  g_return_val_if_fail (self != NULL, TL_TEXT_ENCODING_AUTO);
  return self->encoding;
}

gboolean
tl_text_decoder_get_had_bom (TlTextDecoder *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->had_bom;
}

guint64
tl_text_decoder_get_n_invalid (TlTextDecoder *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_invalid;
}

guint64
tl_text_decoder_get_n_nul (TlTextDecoder *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_nul;
}

guint64
tl_text_decoder_get_n_output (TlTextDecoder *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_output;
}

gboolean
tl_text_decoder_peek_invalid (TlTextDecoder *self,
                              guint64       *offset)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->invalid_head >= self->invalid->len)
    return FALSE;
  if (offset != NULL)
    *offset = g_array_index (self->invalid, guint64, self->invalid_head);
  return TRUE;
}

void
tl_text_decoder_pop_invalid (TlTextDecoder *self)
{
  g_return_if_fail (self != NULL);

  if (self->invalid_head >= self->invalid->len)
    return;

  self->invalid_head++;
  /* Keep the queue small on a file full of bad bytes. */
  if (self->invalid_head >= 1024 && self->invalid_head * 2 >= self->invalid->len)
    {
      g_array_remove_range (self->invalid, 0, self->invalid_head);
      self->invalid_head = 0;
    }
}

static void
emit_invalid (TlTextDecoder *self,
              GString       *out)
{
  g_array_append_val (self->invalid, self->n_output);
  self->n_invalid++;
  g_string_append_len (out, replacement, 3);
  self->n_output += 3;
}

/* Appends decoded UTF-8, turning NUL into U+FFFD. */
static void
emit (TlTextDecoder *self,
      const char    *text,
      gsize          length,
      GString       *out)
{
  while (length > 0)
    {
      const char *nul = memchr (text, '\0', length);
      gsize n = nul != NULL ? (gsize) (nul - text) : length;

      g_string_append_len (out, text, n);
      self->n_output += n;
      if (nul == NULL)
        break;

      self->n_nul++;
      emit_invalid (self, out);
      text += n + 1;
      length -= n + 1;
    }
}

/* Decodes as much of @data as it can; returns the bytes used (an
 * incomplete sequence at the end stays unless @at_end). */
static gsize
decode_utf8 (TlTextDecoder *self,
             const guint8  *data,
             gsize          length,
             gboolean       at_end,
             GString       *out)
{
  const char *p = (const char *) data;
  const char *end;

  if (length == 0)
    return 0;

  end = p + length;
  while (p < end)
    {
      const char *valid_end;
      guint need;

      if (g_utf8_validate_len (p, end - p, &valid_end))
        {
          emit (self, p, end - p, out);
          p = end;
          break;
        }

      emit (self, p, valid_end - p, out);
      p = valid_end;

      if (*p == '\0')
        {
          emit (self, p, 1, out);
          p++;
          continue;
        }

      if (!at_end && utf8_is_incomplete_prefix ((const guint8 *) p, end - p))
        break;

      /* One replacement for a lead byte and the continuation bytes that
       * belong to it. */
      emit_invalid (self, out);
      need = utf8_sequence_length ((guint8) *p);
      p++;
      for (guint i = 1; i < need && p < end && ((guint8) *p & 0xc0) == 0x80; i++)
        p++;
    }

  return p - (const char *) data;
}

static gsize
decode_iconv (TlTextDecoder *self,
              const guint8  *data,
              gsize          length,
              gboolean       at_end,
              GString       *out)
{
  char *in = (char *) data;
  gsize in_left = length;
  char buffer[16384];

  while (in_left > 0)
    {
      char *o = buffer;
      gsize o_left = sizeof buffer;
      gsize r = g_iconv (self->cd, &in, &in_left, &o, &o_left);
      int saved_errno = errno;

      emit (self, buffer, o - buffer, out);

      if (r != (gsize) -1)
        continue;

      if (saved_errno == E2BIG)
        continue;

      if (saved_errno == EINVAL && !at_end)
        break;

      /* An invalid sequence, or an incomplete one at the end of the
       * file: skip one code unit and carry on. */
      emit_invalid (self, out);
      if (saved_errno == EINVAL)
        {
          in += in_left;
          in_left = 0;
          break;
        }
      {
        gsize skip = MIN (self->unit, in_left);

        in += skip;
        in_left -= skip;
      }
      /* Back to the initial shift state after the bad bytes. */
      g_iconv (self->cd, NULL, NULL, NULL, NULL);
    }

  if (at_end)
    {
      char *o = buffer;
      gsize o_left = sizeof buffer;

      g_iconv (self->cd, NULL, NULL, &o, &o_left);
      emit (self, buffer, o - buffer, out);
    }

  return in - (char *) data;
}

static void
use_encoding (TlTextDecoder  *self,
              TlTextEncoding  encoding)
{
  const char *charset = NULL;

  self->encoding = encoding;

  switch (encoding)
    {
    case TL_TEXT_ENCODING_UTF16LE:
      charset = "UTF-16LE";
      self->unit = 2;
      break;
    case TL_TEXT_ENCODING_UTF16BE:
      charset = "UTF-16BE";
      self->unit = 2;
      break;
    case TL_TEXT_ENCODING_GB18030:
      charset = "GB18030";
      break;
    case TL_TEXT_ENCODING_AUTO:
      self->state = STATE_ASCII;
      return;
    case TL_TEXT_ENCODING_UTF8:
    case TL_TEXT_ENCODING_UTF16:
    default:
      self->encoding = TL_TEXT_ENCODING_UTF8;
      self->state = STATE_UTF8;
      return;
    }

  self->cd = g_iconv_open ("UTF-8", charset);
  if (self->cd == (GIConv) -1)
    {
      /* Only a C library without these converters gets here: read the
       * bytes as UTF-8, so the bad ones are reported rather than lost. */
      g_warning ("The C library cannot convert from %s", charset);
      self->encoding = TL_TEXT_ENCODING_UTF8;
      self->unit = 1;
      self->state = STATE_UTF8;
      return;
    }
  self->state = STATE_ICONV;
}

/* Decides what STATE_START waits for; returns the bytes of a BOM to skip. */
static gsize
decide_start (TlTextDecoder *self,
              const guint8  *data,
              gsize          length)
{
  TlTextEncoding bom_encoding = TL_TEXT_ENCODING_AUTO;
  gsize bom = bom_of (data, length, &bom_encoding);
  TlTextEncoding encoding = self->requested;

  switch (self->requested)
    {
    case TL_TEXT_ENCODING_AUTO:
      if (bom > 0)
        encoding = bom_encoding;
      else
        {
          encoding = utf16_by_nul_pattern (data, length);
          /* AUTO here: UTF-8 or GB18030, decided later */
        }
      break;

    case TL_TEXT_ENCODING_UTF16:
      if (bom > 0 && (bom_encoding == TL_TEXT_ENCODING_UTF16LE ||
                      bom_encoding == TL_TEXT_ENCODING_UTF16BE))
        encoding = bom_encoding;
      else
        {
          bom = 0;
          encoding = utf16_by_nul_pattern (data, length);
          if (encoding == TL_TEXT_ENCODING_AUTO)
            encoding = TL_TEXT_ENCODING_UTF16LE;
        }
      break;

    case TL_TEXT_ENCODING_UTF8:
    case TL_TEXT_ENCODING_UTF16LE:
    case TL_TEXT_ENCODING_UTF16BE:
    case TL_TEXT_ENCODING_GB18030:
    default:
      /* An explicit choice; a mark of that same encoding is still not
       * part of the text. */
      if (bom_encoding != self->requested)
        bom = 0;
      break;
    }

  self->had_bom = bom > 0;
  use_encoding (self, encoding);

  return bom;
}

/* STATE_ASCII: passes ASCII through until the first byte that is not, then
 * waits for a window of text to choose UTF-8 or GB18030.  Returns the bytes
 * used. */
static gsize
decode_ascii (TlTextDecoder *self,
              const guint8  *data,
              gsize          length,
              gboolean       at_end,
              GString       *out)
{
  const guint8 *high = first_non_ascii (data, length);
  gsize ascii = high != NULL ? (gsize) (high - data) : length;
  gsize rest = length - ascii;

  emit (self, (const char *) data, ascii, out);
  if (high == NULL)
    return length;

  if (rest < CHOICE_WINDOW && !at_end)
    return ascii;

  use_encoding (self, looks_like_utf8 (high, MIN (rest, CHOICE_WINDOW), at_end && rest <= CHOICE_WINDOW)
                      ? TL_TEXT_ENCODING_UTF8 : TL_TEXT_ENCODING_GB18030);
  return ascii;
}

void
tl_text_decoder_feed (TlTextDecoder *self,
                      const guint8  *data,
                      gsize          length,
                      gboolean       at_end,
                      GString       *out)
{
  gsize used = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);
  g_return_if_fail (data != NULL || length == 0);

  if (length > 0)
    g_byte_array_append (self->pending, data, length);

  for (;;)
    {
      /* An empty GByteArray may have no data at all */
      const guint8 *p = self->pending->data != NULL ? self->pending->data + used : NULL;
      gsize left = self->pending->len - used;
      gsize n = 0;
      DecoderState before = self->state;

      switch (self->state)
        {
        case STATE_START:
          if (left < START_WINDOW && !at_end)
            goto done;
          n = decide_start (self, p, left);
          break;
        case STATE_ASCII:
          n = decode_ascii (self, p, left, at_end, out);
          break;
        case STATE_UTF8:
          n = decode_utf8 (self, p, left, at_end, out);
          break;
        case STATE_ICONV:
        default:
          n = decode_iconv (self, p, left, at_end, out);
          break;
        }

      used += n;
      /* Go on only when the state moved on (a decision was made). */
      if (self->state == before)
        break;
    }

done:
  if (used > 0)
    g_byte_array_remove_range (self->pending, 0, used);
}

char *
tl_text_decode_all (const guint8    *data,
                    gsize            length,
                    TlTextEncoding   encoding,
                    TlTextEncoding  *detected,
                    guint64         *n_invalid)
{
  g_autoptr(TlTextDecoder) decoder = tl_text_decoder_new (encoding);
  GString *out = g_string_sized_new (length + length / 2 + 1);

  tl_text_decoder_feed (decoder, data, length, TRUE, out);

  if (detected != NULL)
    {
      *detected = tl_text_decoder_get_encoding (decoder);
      if (*detected == TL_TEXT_ENCODING_AUTO)
        *detected = TL_TEXT_ENCODING_UTF8;
    }
  if (n_invalid != NULL)
    *n_invalid = tl_text_decoder_get_n_invalid (decoder);

  return g_string_free (out, FALSE);
}
