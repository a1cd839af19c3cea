/* tl-schema.h: the SQL schema of a Touchloop document and its migrations
 *
 * Private to the storage layer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The oldest format this build opens (and migrates). */
#define TL_SCHEMA_FIRST_VERSION 1

/* The DDL of format 1, frozen: files written by the first release look
 * exactly like this, and every later format is reached from it through
 * the migrations, so a new file and a migrated one are the same. */
extern const char tl_schema_v1_sql[];

/* Creates the current schema in an empty database and stamps it with
 * application_id and user_version.  The caller holds a transaction. */
gboolean            tl_schema_create        (sqlite3     *db,
                                             GError     **error);
/* Brings a database of format @from_version up to the current one and
 * stamps user_version.  The caller holds a transaction, so a failure
 * leaves the file as it was. */
gboolean            tl_schema_migrate       (sqlite3     *db,
                                             int          from_version,
                                             GError     **error);
/* The tables a database of @version must have; NULL-terminated. */
const char * const *tl_schema_tables        (int          version);

G_END_DECLS
