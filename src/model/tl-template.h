/* tl-template.h: the O2O six-loop template and the blank document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-model-types.h"

G_BEGIN_DECLS

/* Creates the O2O template (DOMAIN.md §2–3): 8 stations, 6 loops, the 7×5
 * matrix with key layers and types marked, labels in @language. */
TlDocument *tl_template_new_o2o               (const char *language);
/* Creates a blank document: the 7 layers × 5 types matrix, no stations. */
TlDocument *tl_template_new_blank             (const char *language);

/* Maps a locale name ("zh_CN.UTF-8", "zh_HK", "en_GB", "C", NULL) to a
 * document language: "zh_CN", "zh_TW" or "en". */
const char *tl_language_from_locale          (const char *locale);
/* The document language of the current UI locale. */
const char *tl_language_from_environment     (void);
gboolean    tl_language_is_valid             (const char *language);

/* Owner teams of DOMAIN.md §5: ids "perception", "transaction",
 * "communication"; NULL-terminated. */
const char * const *tl_owner_team_ids        (void);
/* The team's name in @language, or @id itself for a custom team. */
const char *tl_owner_team_label              (const char *id,
                                              const char *language);

/* Customer stage names (DOMAIN.md §4) in @language; NULL if @stage is not A–F. */
const char *tl_stage_label                   (char        stage,
                                              const char *language);

G_END_DECLS
