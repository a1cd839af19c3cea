/* tl-model.h: the model layer, GLib/GIO only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-model-types.h"
#include "tl-cell.h"
#include "tl-command.h"
#include "tl-document.h"
#include "tl-evidence.h"
#include "tl-feedback-item.h"
#include "tl-loop.h"
#include "tl-loop-commands.h"
#include "tl-matrix-header.h"
#include "tl-station.h"
#include "tl-template.h"
#include "tl-undo-stack.h"
