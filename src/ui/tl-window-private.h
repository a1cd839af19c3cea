/* tl-window-private.h: what tl-window.c and tl-window-actions.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-canvas-view.h"
#include "tl-feedback-view.h"
#include "tl-outline.h"
#include "tl-properties-pane.h"
#include "tl-window.h"

G_BEGIN_DECLS

struct _TlWindow
{
  AdwApplicationWindow  parent_instance;

  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  GtkMenuButton        *menu_button;
  GMenu                *recent_menu;
  GtkWidget            *save_button;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  AdwToastOverlay      *toast_overlay;
  AdwFlap              *flap;
  AdwViewStack         *view_stack;
  GtkLabel             *document_title_label;
  GtkLabel             *document_path_label;
  TlOutline            *outline;
  TlCanvasView         *diagram_view;
  TlCanvasView         *matrix_view;
  TlFeedbackView       *feedback_view;
  GtkRevealer          *properties_revealer;
  GtkBox               *properties_box;
  /* Built on the first selection: start-up need not pay for it. */
  TlPropertiesPane     *properties_pane;

  TlSession            *session;
  GSettings            *settings;
  GCancellable         *cancellable;
  guint                 fold_idle;
  /* Set while a save runs, and when the window should close after it. */
  gboolean              saving;
  gboolean              close_after_save;
  gboolean              force_close;
};

void _tl_window_class_actions_init (TlWindowClass *klass);
void _tl_window_class_export_init  (TlWindowClass *klass);
/* @file with @extension (".touchloop") added unless it has it already */
GFile *_tl_window_with_extension   (GFile         *file,
                                    const char    *extension);
/* A file name from the document title, @suffix and @extension */
char  *_tl_window_suggested_name   (TlWindow      *self,
                                    const char    *suffix,
                                    const char    *extension);
void _tl_window_actions_init       (TlWindow      *self);
void _tl_window_actions_update     (TlWindow      *self);
/* Starts a save; a file chooser first when untitled or @save_as. */
void _tl_window_save               (TlWindow      *self,
                                    gboolean       save_as);

G_END_DECLS
