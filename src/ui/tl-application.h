/* tl-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TL_TYPE_APPLICATION (tl_application_get_type ())
G_DECLARE_FINAL_TYPE (TlApplication, tl_application, TL, APPLICATION, AdwApplication)

TlApplication *tl_application_new        (void);
/* Opens @file in a window on @view (NULL: the last used page); a file
 * already open is brought to the front instead of opened twice. */
void           tl_application_open_file  (TlApplication *self,
                                          GFile         *file,
                                          const char    *view);
/* Looks for working copies a crash left behind and offers to recover
 * them; done once at start-up, and again whenever called. */
void           tl_application_check_recovery (TlApplication *self);
/* Opens a new untitled document from the O2O template. */
void           tl_application_new_document (TlApplication *self);

G_END_DECLS
