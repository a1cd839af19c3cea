/* tl-text-encoding.h: which encoding a text file is in, and a streaming
 * decoder to UTF-8 that survives invalid bytes
 *
 * Detection order (ARCHITECTURE.md, "Parsing untrusted files"): a byte
 * order mark; UTF-16 without one (the pattern of NUL bytes); valid UTF-8;
 * else GB18030, a superset of GBK and GB2312.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TL_TEXT_ENCODING_AUTO,
  TL_TEXT_ENCODING_UTF8,
  /* UTF-16 of either byte order: the BOM or the NUL pattern tells which,
   * little-endian when neither does */
  TL_TEXT_ENCODING_UTF16,
  TL_TEXT_ENCODING_UTF16LE,
  TL_TEXT_ENCODING_UTF16BE,
  TL_TEXT_ENCODING_GB18030,
} TlTextEncoding;

/* "auto", "utf-8", "utf-16", "utf-16le", "utf-16be", "gb18030"; also
 * accepts "utf8", "gbk", "gb2312", "cp936" (case-insensitive).  FALSE for
 * anything else, NULL included. */
gboolean            tl_text_encoding_parse      (const char      *name,
                                                 TlTextEncoding  *encoding);
/* The id tl_text_encoding_parse() accepts: "utf-8", "gb18030", … */
const char         *tl_text_encoding_to_string  (TlTextEncoding   encoding);
/* How people write it: "UTF-8", "UTF-16LE", "GB18030" (not translated) */
const char         *tl_text_encoding_get_name   (TlTextEncoding   encoding);

/* What a file that is not text at all looks like from its first bytes, for
 * a message that helps ("an Excel workbook: save it as CSV first"). */
typedef enum {
  TL_BINARY_KIND_NONE,       /* not recognised: may well be text */
  TL_BINARY_KIND_ZIP,        /* .xlsx, .ods, .docx and plain zip */
  TL_BINARY_KIND_OLE,        /* .xls and other old Office files */
  TL_BINARY_KIND_PDF,
  TL_BINARY_KIND_IMAGE,      /* PNG, JPEG, GIF, WebP */
  TL_BINARY_KIND_SQLITE,     /* a database, a .touchloop document included */
  TL_BINARY_KIND_COMPRESSED, /* gzip, bzip2, xz, zstd */
} TlBinaryKind;

TlBinaryKind        tl_text_sniff_binary        (const guint8    *data,
                                                 gsize            length);

/* Decides the encoding from the first bytes of a file.  @data should hold
 * at least a few kilobytes unless the file is shorter (then @at_end).
 * Returns UTF8, UTF16LE, UTF16BE or GB18030 and sets @bom_length to the
 * length of a byte order mark at the start (0 when none). */
TlTextEncoding      tl_text_encoding_detect     (const guint8    *data,
                                                 gsize            length,
                                                 gboolean         at_end,
                                                 gsize           *bom_length);

/* A streaming decoder: feed it the bytes of a file in pieces of any size;
 * it appends UTF-8 to a string.  A byte it cannot decode becomes U+FFFD
 * and is remembered by its offset in the output, so the reader can say
 * which row held it; NUL becomes U+FFFD too (it ends C strings).  With
 * TL_TEXT_ENCODING_AUTO, the byte order mark and UTF-16 are decided on the
 * first few kilobytes, and UTF-8 against GB18030 on the first stretch of
 * text that is not ASCII, however far into the file it is. */
typedef struct _TlTextDecoder TlTextDecoder;

TlTextDecoder      *tl_text_decoder_new         (TlTextEncoding   encoding);
void                tl_text_decoder_free        (TlTextDecoder   *self);
/* @at_end: no bytes follow; an incomplete sequence left over is invalid. */
void                tl_text_decoder_feed        (TlTextDecoder   *self,
                                                 const guint8    *data,
                                                 gsize            length,
                                                 gboolean         at_end,
                                                 GString         *out);
/* The encoding in use: AUTO while nothing but ASCII was seen with an
 * automatic choice of UTF-8 or GB18030 (ASCII reads the same in both). */
TlTextEncoding      tl_text_decoder_get_encoding (TlTextDecoder  *self);
gboolean            tl_text_decoder_get_had_bom (TlTextDecoder   *self);
/* Invalid sequences and NULs met so far */
guint64             tl_text_decoder_get_n_invalid (TlTextDecoder *self);
guint64             tl_text_decoder_get_n_nul   (TlTextDecoder   *self);
/* Total bytes appended to the outputs so far */
guint64             tl_text_decoder_get_n_output (TlTextDecoder  *self);
/* The output offset of the oldest invalid sequence not taken yet; FALSE
 * when there is none.  tl_text_decoder_pop_invalid() takes it. */
gboolean            tl_text_decoder_peek_invalid (TlTextDecoder  *self,
                                                  guint64        *offset);
void                tl_text_decoder_pop_invalid (TlTextDecoder   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlTextDecoder, tl_text_decoder_free)

/* Converts a whole buffer (small ones: clipboard text, tests) with
 * tl_text_decoder_feed().  @n_invalid: how many bytes could not be read. */
char               *tl_text_decode_all          (const guint8    *data,
                                                 gsize            length,
                                                 TlTextEncoding   encoding,
                                                 TlTextEncoding  *detected,
                                                 guint64         *n_invalid);

G_END_DECLS
