/* tl-link-dialog.h: "Link to…": choose a station, loop or matrix cell to
 * link feedback to, from the keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-model.h"

G_BEGIN_DECLS

#define TL_TYPE_LINK_DIALOG (tl_link_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TlLinkDialog, tl_link_dialog, TL, LINK_DIALOG, AdwWindow)

/* Lists the stations, loops and cells of @document (found by name or id
 * as one types).  Choosing one emits ::chosen with the link ("station:ID",
 * "loop:ID", "cell:LAYER/TYPE") and closes the dialog; Escape closes it
 * with nothing chosen.  @n_items says how many items will be linked, for
 * the title. */
TlLinkDialog *tl_link_dialog_new          (GtkWindow    *parent,
                                           TlDocument   *document,
                                           guint         n_items);
/* What the search field holds */
void          tl_link_dialog_set_search   (TlLinkDialog *self,
                                           const char   *text);
/* The links of the rows the search leaves, in the order shown (free with
 * g_strfreev) */
char        **tl_link_dialog_dup_visible  (TlLinkDialog *self);
/* Chooses the highlighted row, or the first one the search leaves;
 * FALSE when there is none. */
gboolean      tl_link_dialog_activate     (TlLinkDialog *self);

G_END_DECLS
