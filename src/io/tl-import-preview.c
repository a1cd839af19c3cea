/* tl-import-preview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-import-private.h"

G_DEFINE_FINAL_TYPE (TlImportPreview, tl_import_preview, G_TYPE_OBJECT)

static void
tl_import_preview_finalize (GObject *object)
{
  TlImportPreview *self = TL_IMPORT_PREVIEW (object);

  g_strfreev (self->header);
  g_ptr_array_unref (self->rows);
  g_array_unref (self->row_numbers);
  g_ptr_array_unref (self->row_problems);
  g_clear_object (&self->mapping);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (tl_import_preview_parent_class)->finalize (object);
}

static void
tl_import_preview_class_init (TlImportPreviewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_import_preview_finalize;
}

static void
tl_import_preview_init (TlImportPreview *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->row_numbers = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->row_problems = g_ptr_array_new_with_free_func (g_free);
  self->delimiter = ',';
  self->encoding = TL_TEXT_ENCODING_UTF8;
}

TlImportPreview *
_tl_import_preview_new (void)
{
  return g_object_new (TL_TYPE_IMPORT_PREVIEW, NULL);
}

TlTextEncoding
tl_import_preview_get_encoding (TlImportPreview *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_PREVIEW (self), TL_TEXT_ENCODING_UTF8);
  return self->encoding;
}

gboolean
tl_import_preview_get_had_bom (TlImportPreview *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_PREVIEW (self), FALSE);
  return self->had_bom;
}

char
tl_import_preview_get_delimiter (TlImportPreview *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_PREVIEW (self), ',');
  return self->delimiter;
}

gboolean
tl_import_preview_get_has_header (TlImportPreview *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_PREVIEW (self), FALSE);
  return self->has_header;
}

guint
tl_import_preview_get_n_columns (TlImportPreview *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_PREVIEW (self), 0);
  return self->header != NULL ? g_strv_length (self->header) : 0;
}

const char * const *
tl_import_preview_get_header (TlImportPreview *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_PREVIEW (self), NULL);
  return (const char * const *) self->header;
}

guint
tl_import_preview_get_n_rows (TlImportPreview *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_PREVIEW (self), 0);
  return self->rows->len;
}

const char * const *
tl_import_preview_get_row (TlImportPreview *self,
                           guint            index)
{
  g_return_val_if_fail (TL_IS_IMPORT_PREVIEW (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);
  return self->rows->pdata[index];
}

guint64
tl_import_preview_get_row_number (TlImportPreview *self,
                                  guint            index)
{
  g_return_val_if_fail (TL_IS_IMPORT_PREVIEW (self), 0);
  g_return_val_if_fail (index < self->row_numbers->len, 0);
  return g_array_index (self->row_numbers, guint64, index);
}

const char *
tl_import_preview_get_row_problem (TlImportPreview *self,
                                   guint            index)
{
  g_return_val_if_fail (TL_IS_IMPORT_PREVIEW (self), NULL);
  g_return_val_if_fail (index < self->row_problems->len, NULL);
  return self->row_problems->pdata[index];
}

gboolean
tl_import_preview_get_has_more (TlImportPreview *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_PREVIEW (self), FALSE);
  return self->has_more;
}

TlImportMapping *
tl_import_preview_get_mapping (TlImportPreview *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_PREVIEW (self), NULL);
  return self->mapping;
}

gboolean
tl_import_preview_get_mapping_remembered (TlImportPreview *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_PREVIEW (self), FALSE);
  return self->mapping_remembered;
}

TlRatingScale
tl_import_preview_get_rating_scale (TlImportPreview *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_PREVIEW (self), TL_RATING_SCALE_AUTO);
  return self->rating_scale;
}

TlImportReport *
tl_import_preview_get_report (TlImportPreview *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_PREVIEW (self), NULL);
  return self->report;
}
