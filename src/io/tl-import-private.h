/* tl-import-private.h: what TlImport fills in a TlImportPreview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-import-preview.h"

G_BEGIN_DECLS

struct _TlImportPreview
{
  GObject           parent_instance;

  TlTextEncoding    encoding;
  gboolean          had_bom;
  char              delimiter;
  gboolean          has_header;
  gboolean          has_more;
  GStrv             header;            /* n_columns */
  GPtrArray        *rows;              /* GStrv, n_columns each */
  GArray           *row_numbers;       /* guint64 */
  GPtrArray        *row_problems;      /* char * or NULL */
  TlImportMapping  *mapping;
  gboolean          mapping_remembered;
  TlRatingScale     rating_scale;
  TlImportReport   *report;
};

TlImportPreview *_tl_import_preview_new (void);

G_END_DECLS
