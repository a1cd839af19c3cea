/* tl-window-private.h: what tl-window.c and tl-window-actions.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-canvas-view.h"
#include "tl-evidence-pane.h"
#include "tl-feedback-view.h"
#include "tl-import-dialog.h"
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
  /* The matrix page's heat-map mode, in the header bar (win.matrix-mode) */
  GtkMenuButton        *matrix_mode_button;
  GMenu                *recent_menu;
  GtkWidget            *save_button;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkWidget            *diagram_edit_box;
  GtkInfoBar           *problems_bar;
  GtkLabel             *problems_label;
  char                 *problem_loop;   /* the loop "Show Loop" selects */
  guint                 problems_idle;
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
  /* Beside it, in a stack with a switcher (tl-window-feedback.c) */
  GtkStack             *side_stack;
  TlEvidencePane       *evidence_pane;
  gboolean              evidence_pinned;   /* shown with nothing selected */
  TlImportDialog       *import_dialog;
  gboolean              importing;         /* the store is in an import */

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

/* tl-window-feedback.c */
void _tl_window_class_feedback_init   (TlWindowClass *klass);
void _tl_window_feedback_init         (TlWindow      *self);
void _tl_window_feedback_set_session  (TlWindow      *self,
                                       TlSession     *session);
/* Puts @properties and the evidence pane in the side pane */
void _tl_window_feedback_add_side_pane (TlWindow     *self,
                                        GtkWidget    *properties);
/* Shows the side pane when something is selected or the evidence is
 * pinned open (tl-window.c) */
void _tl_window_update_side_pane      (TlWindow      *self);
void _tl_window_import_file           (TlWindow      *self,
                                       GFile         *file);
void _tl_window_import_text           (TlWindow      *self,
                                       const char    *text);
TlImportDialog *_tl_window_get_import_dialog (TlWindow *self);
/* What a drop does: files (a CSV imports), feedback rows on a canvas at
 * (@x, @y) in its coordinates (@text "touchloop-feedback:1,2,3") */
gboolean _tl_window_drop_files        (TlWindow      *self,
                                       const GValue  *value);
/* Links the feedback rows of a drop's @text to @link ("station:ID" …),
 * one undoable step, with a toast: for any drop site (the outline) */
gboolean _tl_window_link_dropped      (TlWindow      *self,
                                       const char    *text,
                                       const char    *link);
gboolean _tl_window_drop_feedback     (TlWindow      *self,
                                       TlCanvasView  *canvas,
                                       const char    *text,
                                       double         x,
                                       double         y);

G_END_DECLS
