/* tl-import-mapping.h: which column of an imported file holds which field
 * of a feedback item
 *
 * A header that names a field in English or Chinese maps by itself
 * ("内容", "評論", "review" → text; "渠道" → source; "评分（1-5）" →
 * rating on the scale 1–5); an explicit COLUMN=FIELD overrides it; the
 * mapping a user settled on is remembered for files with the same header
 * (a key file in the user's configuration directory).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "tl-value-parse.h"

G_BEGIN_DECLS

typedef enum {
  TL_IMPORT_FIELD_NONE,        /* the column is not imported */
  TL_IMPORT_FIELD_TEXT,
  TL_IMPORT_FIELD_DATE,
  TL_IMPORT_FIELD_SOURCE,
  TL_IMPORT_FIELD_STAGE,
  TL_IMPORT_FIELD_RATING,
  TL_IMPORT_FIELD_RESPONDENT,
  TL_IMPORT_FIELD_TAGS,
  TL_IMPORT_FIELD_PHASE,
  TL_IMPORT_FIELD_STATION,     /* link columns: they attach the item */
  TL_IMPORT_FIELD_LOOP,
  TL_IMPORT_FIELD_LAYER,       /* with TYPE: a matrix cell */
  TL_IMPORT_FIELD_TYPE,
  TL_IMPORT_FIELD_LINKS,       /* "station:order; cell:space/sense", as exported */
  TL_IMPORT_N_FIELDS
} TlImportField;

/* "text", "date", …, "links"; "ignore" for NONE */
const char     *tl_import_field_to_string     (TlImportField   field);
/* Translated, for the mapping dialog: "Text", "Date", "Source or channel" … */
const char     *tl_import_field_get_label     (TlImportField   field);
/* A field name as given to --map: the ids above, "ignore", "none" or "-"
 * for NONE, and the names headers are mapped by ("内容", "rating" …). */
gboolean        tl_import_field_parse         (const char     *name,
                                               TlImportField  *field);
/* TRUE when several columns may map to @field (tags, links) */
gboolean        tl_import_field_is_multiple   (TlImportField   field);
/* The field a header cell names, NONE when it names none.  A scale in
 * parentheses or brackets ("评分（1-5）", "Rating [0-10]") sets @scale
 * (may be NULL), else it is set to AUTO. */
TlImportField   tl_import_field_from_header   (const char     *header,
                                               TlRatingScale  *scale);

#define TL_TYPE_IMPORT_MAPPING (tl_import_mapping_get_type ())
G_DECLARE_FINAL_TYPE (TlImportMapping, tl_import_mapping, TL, IMPORT_MAPPING, GObject)

/* All columns ignored */
TlImportMapping *tl_import_mapping_new          (guint               n_columns);
/* From the header's names; a field that can be in one column only goes
 * to the first column naming it. */
TlImportMapping *tl_import_mapping_new_from_header (const char * const *header,
                                                    guint               n_columns);
TlImportMapping *tl_import_mapping_copy         (TlImportMapping    *self);
guint            tl_import_mapping_get_n_columns (TlImportMapping   *self);
TlImportField    tl_import_mapping_get_field    (TlImportMapping    *self,
                                                 guint               column);
/* Maps @column to @field; a field that can be in one column only is
 * taken from the column that had it. */
void             tl_import_mapping_set_field    (TlImportMapping    *self,
                                                 guint               column,
                                                 TlImportField       field);
/* The first column mapped to @field, or -1 */
int              tl_import_mapping_find         (TlImportMapping    *self,
                                                 TlImportField       field);
/* The rating scale a header stated ("评分（1-5）"), AUTO when none */
TlRatingScale    tl_import_mapping_get_header_scale (TlImportMapping *self);
void             tl_import_mapping_set_header_scale (TlImportMapping *self,
                                                     TlRatingScale    scale);

/* Applies "COLUMN=FIELD": COLUMN a header name (exactly, else compared as
 * tl_value_fold() does) or a 1-based column number; FIELD as for
 * tl_import_field_parse().  Fails with TL_IMPORT_ERROR_BAD_MAPPING and a
 * message that lists what would work. */
gboolean         tl_import_mapping_apply_override (TlImportMapping    *self,
                                                   const char         *spec,
                                                   const char * const *header,
                                                   GError            **error);

/* Fills an unmapped text column when no header named one: the column
 * whose values in @rows (string arrays of the first records) are longest
 * and mostly not numbers.  Returns the column, or -1. */
int              tl_import_mapping_guess_text   (TlImportMapping    *self,
                                                 GPtrArray          *rows);

/* "text,date,,rating": the field of each column */
char            *tl_import_mapping_to_string    (TlImportMapping    *self);

/* The remembered mapping of files whose header is @header, or NULL.
 * @path NULL for the user's own file:
 * $XDG_CONFIG_HOME/touchloop/import-mappings.ini */
TlImportMapping *tl_import_mapping_recall       (const char * const *header,
                                                 guint               n_columns,
                                                 const char         *path);
/* Remembers @self for files whose header is @header. */
gboolean         tl_import_mapping_remember     (TlImportMapping    *self,
                                                 const char * const *header,
                                                 const char         *path,
                                                 GError            **error);
/* The key remembered mappings go by: a hash of the header row */
char            *tl_import_mapping_header_key   (const char * const *header,
                                                 guint               n_columns);

G_END_DECLS
