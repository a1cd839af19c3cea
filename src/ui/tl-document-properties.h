/* tl-document-properties.h: the Document Properties window — title,
 * language, score scale and the evidence parameters, each change one
 * undoable command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-session.h"

G_BEGIN_DECLS

#define TL_TYPE_DOCUMENT_PROPERTIES (tl_document_properties_get_type ())
G_DECLARE_FINAL_TYPE (TlDocumentProperties, tl_document_properties, TL, DOCUMENT_PROPERTIES, AdwPreferencesWindow)

/* A window for the document of @session, transient for @parent.  It
 * changes the document only through the session's commands, and follows
 * the document when an undo changes it under the window. */
GtkWidget *tl_document_properties_new         (GtkWindow            *parent,
                                               TlSession            *session);
TlSession *tl_document_properties_get_session (TlDocumentProperties *self);

G_END_DECLS
