/* tl-import-dialog.c: importing feedback
 *
 * Three pages in one window: the mapping (options and a preview of the
 * first rows, one field chooser per column), the progress of the import
 * (the work runs in a worker thread; Cancel rolls it back), and the
 * report.  Any change of an option previews again (20 rows: quick), so
 * the problems shown are the ones the import would have.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-feedback-data.h"
#include "tl-feedback-util.h"
#include "tl-import-dialog.h"
#include "tl-import-dialog-private.h"

#define PREVIEW_ROWS    20
#define CELL_MAX_CHARS  28
#define TEXT_MIN_CHARS  22
#define MAX_SHOWN_PROBLEMS 200

struct _TlImportDialog
{
  AdwWindow         parent_instance;

  TlSession        *session;
  TlImport         *import;
  char             *source_name;
  TlImportPreview  *preview;
  TlImportMapping  *mapping;
  GCancellable     *preview_cancellable;
  GCancellable     *run_cancellable;
  GtkFileChooserNative *chooser;
  gboolean          updating;
  gboolean          running;
  gboolean          accepted_bad_rows;
  gint64            max_id_before;    /* what the import adds is above it */

  GtkStack         *stack;
  GtkWidget        *cancel_button;
  GtkWidget        *import_button;
  GtkWidget        *close_button;

  /* mapping page */
  AdwComboRow      *encoding_row;
  AdwComboRow      *delimiter_row;
  AdwComboRow      *header_row;
  AdwComboRow      *scale_row;
  GtkGrid          *grid;
  GtkLabel         *mapping_hint;
  GtkLabel         *preview_problems;
  GPtrArray        *field_dropdowns;

  /* progress page */
  GtkProgressBar   *progress_bar;
  GtkLabel         *progress_label;

  /* report page */
  GtkImage         *report_icon;
  GtkLabel         *report_title;
  GtkLabel         *report_description;
  GtkListBox       *problems_list;
  GtkLabel         *problems_more;
  GtkWidget        *save_report_button;
  GtkWidget        *good_rows_button;

  /* error page */
  AdwStatusPage    *error_status;
};

G_DEFINE_FINAL_TYPE (TlImportDialog, tl_import_dialog, ADW_TYPE_WINDOW)

enum {
  RUNNING,
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const TlTextEncoding encodings[] = {
  TL_TEXT_ENCODING_AUTO, TL_TEXT_ENCODING_UTF8, TL_TEXT_ENCODING_UTF16, TL_TEXT_ENCODING_GB18030,
};
static const char delimiters[] = { 0, ',', '\t', ';' };
static const TlImportHeader headers[] = { TL_IMPORT_HEADER_AUTO, TL_IMPORT_HEADER_YES, TL_IMPORT_HEADER_NO };
static const TlRatingScale scales[] = {
  TL_RATING_SCALE_AUTO, TL_RATING_SCALE_1_5, TL_RATING_SCALE_1_7, TL_RATING_SCALE_0_10,
  TL_RATING_SCALE_1_10, TL_RATING_SCALE_M2_P2, TL_RATING_SCALE_0_100,
};

static void start_preview (TlImportDialog *self);

static const char *
delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case ',':
      return _("Comma");
    case '\t':
      return _("Tab");
    case ';':
      return _("Semicolon");
    default:
      return _("Automatic");
    }
}

static void
show_error (TlImportDialog *self,
            const char     *title,
            const char     *message)
{
  adw_status_page_set_title (self->error_status, title);
  adw_status_page_set_description (self->error_status, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_set_visible (self->import_button, FALSE);
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->close_button, TRUE);
}

/* ---- the mapping page ------------------------------------------------------- */

static void
update_mapping_state (TlImportDialog *self)
{
  gboolean has_text = self->mapping != NULL && tl_import_mapping_find (self->mapping, TL_IMPORT_FIELD_TEXT) >= 0;

  gtk_widget_set_sensitive (self->import_button, has_text && !self->running);
  if (!has_text)
    {
      gtk_label_set_text (self->mapping_hint,
                          _("Choose the column that holds what customers said: set its field to “Text”."));
      gtk_widget_add_css_class (GTK_WIDGET (self->mapping_hint), "error");
    }
  else
    {
      gboolean remembered = self->preview != NULL && tl_import_preview_get_mapping_remembered (self->preview);

      gtk_label_set_text (self->mapping_hint,
                          remembered ? _("The columns are mapped as for the last file with this header. Check them, then import.")
                                     : _("Check which field each column goes to. Columns set to “Ignore” are left out."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->mapping_hint), "error");
    }
}

static void
field_selected_cb (GtkDropDown    *dropdown,
                   GParamSpec     *pspec,
                   TlImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "tl-column"));
  guint field = gtk_drop_down_get_selected (dropdown);

  if (self->updating || self->mapping == NULL || field >= TL_IMPORT_N_FIELDS)
    return;

  tl_import_mapping_set_field (self->mapping, column, (TlImportField) field);
  tl_import_set_mapping (self->import, self->mapping);

  /* A field one column may hold moves: show where it went from. */
  self->updating = TRUE;
  for (guint i = 0; i < self->field_dropdowns->len; i++)
    gtk_drop_down_set_selected (self->field_dropdowns->pdata[i],
                                tl_import_mapping_get_field (self->mapping, i));
  self->updating = FALSE;

  update_mapping_state (self);
  /* The problems the rows would have with this mapping */
  start_preview (self);
}

static GtkWidget *
cell_label (const char *text,
            gboolean    header)
{
  g_autofree char *shown = NULL;
  GtkWidget *label;

  if (text != NULL && g_utf8_strlen (text, -1) > 200)
    shown = g_utf8_substring (text, 0, 200);
  label = gtk_label_new (shown != NULL ? shown : text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), CELL_MAX_CHARS);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  if (text != NULL && *text != '\0')
    gtk_widget_set_tooltip_text (label, shown != NULL ? shown : text);
  if (header)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
fill_preview (TlImportDialog *self)
{
  TlImportPreview *preview = self->preview;
  guint n_columns = tl_import_preview_get_n_columns (preview);
  guint n_rows = tl_import_preview_get_n_rows (preview);
  const char * const *header = tl_import_preview_get_header (preview);
  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);
  GString *problems = g_string_new (NULL);
  GtkWidget *child;
  guint n_problems = 0;

  self->updating = TRUE;

  /* What was detected, beside the choices */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encoding_row),
                               tl_text_encoding_get_name (tl_import_preview_get_encoding (preview)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->delimiter_row),
                               delimiter_name (tl_import_preview_get_delimiter (preview)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->header_row),
                               tl_import_preview_get_has_header (preview) ? _("The first row names the columns")
                                                                          : _("The first row is data"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->scale_row),
                               tl_import_preview_get_rating_scale (preview) != TL_RATING_SCALE_AUTO
                               ? tl_rating_scale_get_name (tl_import_preview_get_rating_scale (preview))
                               : _("No rating column"));

  if (self->mapping == NULL || tl_import_mapping_get_n_columns (self->mapping) != n_columns)
    {
      g_clear_object (&self->mapping);
      /* The preview's own (its header calls it a copy; it is not yet) */
      self->mapping = tl_import_mapping_copy (tl_import_preview_get_mapping (preview));
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  g_ptr_array_set_size (self->field_dropdowns, 0);

  for (guint f = 0; f < TL_IMPORT_N_FIELDS; f++)
    gtk_string_list_append (fields, f == TL_IMPORT_FIELD_NONE ? _("Ignore") : tl_import_field_get_label (f));

  for (guint c = 0; c < n_columns; c++)
    {
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (fields)), NULL);
      g_autofree char *a11y = NULL;

      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), tl_import_mapping_get_field (self->mapping, c));
      g_object_set_data (G_OBJECT (dropdown), "tl-column", GUINT_TO_POINTER (c));
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (field_selected_cb), self);
      /* Translators: the accessible name of a column's field chooser */
      a11y = g_strdup_printf (_("Field of column “%s”"), header[c]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      gtk_grid_attach (self->grid, dropdown, c, 0, 1, 1);
      g_ptr_array_add (self->field_dropdowns, dropdown);

      gtk_grid_attach (self->grid, cell_label (header[c], TRUE), c, 1, 1, 1);
    }

  for (guint r = 0; r < n_rows; r++)
    {
      const char * const *row = tl_import_preview_get_row (preview, r);
      const char *problem = tl_import_preview_get_row_problem (preview, r);

      for (guint c = 0; c < n_columns && row[c] != NULL; c++)
        {
          GtkWidget *label = cell_label (row[c], FALSE);

          /* What customers said is what the user checks: room for it */
          if (tl_import_mapping_get_field (self->mapping, c) == TL_IMPORT_FIELD_TEXT)
            gtk_label_set_width_chars (GTK_LABEL (label), TEXT_MIN_CHARS);
          if (problem != NULL)
            gtk_widget_add_css_class (label, "error");
          gtk_grid_attach (self->grid, label, c, r + 2, 1, 1);
        }
      if (problem != NULL && n_problems++ < 5)
        {
          /* Translators: a problem of a previewed row; %s the row number, %s the reason */
          g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, tl_import_preview_get_row_number (preview, r));

          g_string_append_printf (problems, "%s%s", problems->len > 0 ? "\n" : "", "");
          g_string_append_printf (problems, _("Row %s: %s"), number, problem);
        }
    }

  gtk_label_set_text (self->preview_problems, problems->str);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_problems), problems->len > 0);
  g_string_free (problems, TRUE);

  self->updating = FALSE;
  update_mapping_state (self);
}

static void
preview_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TlImportDialog) self = user_data;
  g_autoptr(TlImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;

  preview = tl_import_preview_finish (TL_IMPORT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->preview_cancellable);

  if (preview == NULL)
    {
      /* The file is no CSV, or empty: nothing to map */
      show_error (self, _("Cannot Import This File"), error->message);
      return;
    }

  g_set_object (&self->preview, preview);
  fill_preview (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0)
    gtk_stack_set_visible_child_name (self->stack, "mapping");
}

static void
start_preview (TlImportDialog *self)
{
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_set_object (&self->preview_cancellable, g_cancellable_new ());

  tl_import_preview_async (self->import, tl_session_get_document (self->session), PREVIEW_ROWS,
                           self->preview_cancellable, preview_done_cb, g_object_ref (self));
}

static void
option_changed_cb (AdwComboRow    *row,
                   GParamSpec     *pspec,
                   TlImportDialog *self)
{
  guint pos = adw_combo_row_get_selected (row);

  if (self->updating)
    return;

  if (row == self->encoding_row && pos < G_N_ELEMENTS (encodings))
    tl_import_set_encoding (self->import, encodings[pos]);
  else if (row == self->delimiter_row && pos < G_N_ELEMENTS (delimiters))
    tl_import_set_delimiter (self->import, delimiters[pos]);
  else if (row == self->header_row && pos < G_N_ELEMENTS (headers))
    tl_import_set_header (self->import, headers[pos]);
  else if (row == self->scale_row && pos < G_N_ELEMENTS (scales))
    tl_import_set_rating_scale (self->import, scales[pos]);

  /* Another reading of the file: its columns may differ; the mapping is
   * worked out again (the scale keeps it). */
  if (row != self->scale_row)
    {
      g_clear_object (&self->mapping);
      tl_import_set_mapping (self->import, NULL);
    }
  start_preview (self);
}

/* ---- running ------------------------------------------------------------------ */

static void
set_running (TlImportDialog *self,
             gboolean        running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_signal_emit (self, signals[RUNNING], 0, running);
}

static void
import_notify_progress_cb (TlImport       *import,
                           GParamSpec     *pspec,
                           TlImportDialog *self)
{
  guint64 n = tl_import_get_rows_read (import);
  g_autofree char *rows = _tl_format_count (n);
  g_autofree char *text = NULL;
  double progress = tl_import_get_progress (import);

  gtk_progress_bar_set_fraction (self->progress_bar, progress);
  if (n > 0)
    /* Translators: under the progress bar of an import: the share of the
     * file read, and how many rows; as in "40% · 12,345 rows read" */
    text = g_strdup_printf (_("%.0f%% · %s rows read"), progress * 100, rows);
  else
    /* Translators: under the progress bar of an import, as in "40%" */
    text = g_strdup_printf (_("%.0f%%"), progress * 100);
  gtk_label_set_text (self->progress_label, text);
}

static void
clear_problems (TlImportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);
}

static void
show_report (TlImportDialog *self,
             TlImportReport *report,
             const GError   *error)
{
  TlImportStatus status = tl_import_report_get_status (report);
  g_autofree char *imported = _tl_format_count (tl_import_report_get_n_imported (report));
  g_autofree char *duplicates = _tl_format_count (tl_import_report_get_n_duplicates (report));
  g_autofree char *skipped = _tl_format_count (tl_import_report_get_n_skipped (report));
  g_autofree char *problems_count = _tl_format_count (tl_import_report_get_n_problems (report));
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  GPtrArray *problems = tl_import_report_get_problems (report);
  guint shown = 0;

  switch (status)
    {
    case TL_IMPORT_STATUS_IMPORTED:
      /* Translators: the title of an import's report; %s is a number */
      title = g_strdup_printf (ngettext ("%s Item Imported", "%s Items Imported",
                                         (gulong) MIN (tl_import_report_get_n_imported (report), G_MAXULONG)),
                               imported);
      /* Translators: the counts of an import; each %s is a number */
      description = g_strdup_printf (_("%s rows were already in the document (duplicates, not added again). %s rows could not be used and were skipped."),
                                     duplicates, skipped);
      gtk_image_set_from_icon_name (self->report_icon, "emblem-ok-symbolic");
      break;

    case TL_IMPORT_STATUS_REFUSED:
      title = g_strdup (_("Nothing Imported Yet"));
      /* Translators: %s rows cannot be used; the rest could be imported */
      description = g_strdup_printf (ngettext ("%s row cannot be used (see below). Nothing was added. Fix the file and import it again, or import the other rows without it.",
                                               "%s rows cannot be used (see below). Nothing was added. Fix the file and import it again, or import the other rows without them.",
                                               (gulong) MIN (tl_import_report_get_n_skipped (report), G_MAXULONG)),
                                     skipped);
      gtk_image_set_from_icon_name (self->report_icon, "dialog-warning-symbolic");
      break;

    case TL_IMPORT_STATUS_CANCELLED:
      title = g_strdup (_("Import Cancelled"));
      description = g_strdup (_("Nothing was added to the document."));
      gtk_image_set_from_icon_name (self->report_icon, "process-stop-symbolic");
      break;

    case TL_IMPORT_STATUS_DRY_RUN:
    case TL_IMPORT_STATUS_FAILED:
    case TL_IMPORT_STATUS_NONE:
    default:
      title = g_strdup (_("Import Failed"));
      /* Translators: %s says what went wrong */
      description = g_strdup_printf (_("%s Nothing was added to the document."),
                                     tl_import_report_get_message (report) != NULL ? tl_import_report_get_message (report)
                                     : error != NULL ? error->message : "");
      gtk_image_set_from_icon_name (self->report_icon, "dialog-error-symbolic");
      break;
    }

  gtk_label_set_text (self->report_title, title);
  gtk_label_set_text (self->report_description, description);

  clear_problems (self);
  for (guint i = 0; problems != NULL && i < problems->len && shown < MAX_SHOWN_PROBLEMS; i++, shown++)
    {
      TlImportProblem *problem = problems->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *where = NULL;
      g_autofree char *row_number = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) problem->row);

      if (problem->row > 0 && problem->column != NULL)
        /* Translators: where a problem is: row number and column name */
        where = g_strdup_printf (_("Row %s, column “%s”"), row_number, problem->column);
      else if (problem->row > 0)
        /* Translators: where a problem is: a row number */
        where = g_strdup_printf (_("Row %s"), row_number);
      else
        where = g_strdup (_("The whole file"));
      if (problem->value != NULL && *problem->value != '\0')
        {
          g_autofree char *with_value = g_strdup_printf ("%s: “%s”", where, problem->value);

          g_free (where);
          where = g_steal_pointer (&with_value);
        }

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), where);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem->reason);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_list_box_append (self->problems_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_list), shown > 0);
  if (tl_import_report_get_n_problems (report) > shown)
    {
      /* Translators: under the list of problems; %s is how many in all */
      g_autofree char *more = g_strdup_printf (_("%s problems in all: save the report to see every one."), problems_count);

      gtk_label_set_text (self->problems_more, more);
      gtk_widget_set_visible (GTK_WIDGET (self->problems_more), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->problems_more), FALSE);

  gtk_widget_set_visible (self->good_rows_button,
                          status == TL_IMPORT_STATUS_REFUSED && tl_import_report_get_n_rows (report) >
                          tl_import_report_get_n_skipped (report));
  gtk_widget_set_visible (self->save_report_button, TRUE);
  gtk_widget_set_visible (self->import_button, FALSE);
  gtk_widget_set_visible (self->cancel_button, status == TL_IMPORT_STATUS_REFUSED);
  gtk_widget_set_visible (self->close_button, status != TL_IMPORT_STATUS_REFUSED);
  gtk_stack_set_visible_child_name (self->stack, "report");
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TlImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  TlImportReport *report;

  tl_import_run_finish (TL_IMPORT (object), result, &error);
  g_clear_object (&self->run_cancellable);
  set_running (self, FALSE);

  report = tl_import_get_report (self->import);

  /* The committed import becomes one step on the undo stack. */
  if (report != NULL && tl_import_report_get_status (report) == TL_IMPORT_STATUS_IMPORTED)
    {
      g_autoptr(GError) record_error = NULL;
      g_autofree char *label = NULL;

      /* Translators: an undo step; %s is the imported file's name */
      label = self->source_name != NULL ? g_strdup_printf (_("Import “%s”"), self->source_name)
                                        : g_strdup (_("Import Pasted Cells"));
      if (!_tl_feedback_record_import (self->session, self->max_id_before, label, &record_error))
        g_warning ("The import cannot be undone: %s", record_error->message);
    }

  if (report != NULL)
    g_signal_emit (self, signals[FINISHED], 0, report);

  /* Closed meanwhile: nothing to show */
  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || !gtk_widget_get_visible (GTK_WIDGET (self)))
    return;

  if (report == NULL)
    {
      show_error (self, _("Import Failed"), error != NULL ? error->message : "");
      return;
    }
  show_report (self, report, error);
}

static void
start_import (TlImportDialog *self)
{
  if (self->running)
    return;

  if (self->mapping != NULL)
    tl_import_set_mapping (self->import, self->mapping);
  tl_import_set_skip_bad_rows (self->import, self->accepted_bad_rows);

  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_text (self->progress_label, "");
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_widget_set_visible (self->import_button, FALSE);
  gtk_widget_set_visible (self->cancel_button, TRUE);
  gtk_widget_set_visible (self->close_button, FALSE);

  self->max_id_before = _tl_feedback_max_id (tl_session_get_store (self->session));
  self->run_cancellable = g_cancellable_new ();
  set_running (self, TRUE);
  tl_import_run_async (self->import, tl_session_get_store (self->session), self->run_cancellable,
                       run_done_cb, g_object_ref (self));
}

static void
import_clicked_cb (GtkButton      *button,
                   TlImportDialog *self)
{
  start_import (self);
}

static void
good_rows_clicked_cb (GtkButton      *button,
                      TlImportDialog *self)
{
  /* The user said so, explicitly: the unusable rows stay out. */
  self->accepted_bad_rows = TRUE;
  start_import (self);
}

static void
cancel_clicked_cb (GtkButton      *button,
                   TlImportDialog *self)
{
  if (self->run_cancellable != NULL)
    {
      /* The import rolls back; the report says so. */
      g_cancellable_cancel (self->run_cancellable);
      gtk_label_set_text (self->progress_label, _("Cancelling…"));
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
tl_import_dialog_close_request (GtkWindow *window)
{
  TlImportDialog *self = TL_IMPORT_DIALOG (window);

  /* Closing while it runs cancels: nothing is added. */
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);

  return GTK_WINDOW_CLASS (tl_import_dialog_parent_class)->close_request (window);
}

/* ---- saving the report ---------------------------------------------------------- */

static void
save_response_cb (GtkNativeDialog *native,
                  int              response,
                  TlImportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autoptr(GError) error = NULL;
      TlImportReport *report = tl_import_get_report (self->import);

      if (report != NULL && !tl_import_report_save (report, file, NULL, &error))
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Cannot Save the Report"), error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
  gtk_native_dialog_destroy (native);
  g_clear_object (&self->chooser);
}

static void
save_report_clicked_cb (GtkButton      *button,
                        TlImportDialog *self)
{
  g_autofree char *name = NULL;
  g_autofree char *base = NULL;

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Save Import Report"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  base = g_strdup (self->source_name != NULL ? self->source_name : _("Pasted cells"));
  if (strrchr (base, '.') != NULL)
    *strrchr (base, '.') = '\0';
  /* Translators: the file name suggested for an import report; %s is the imported file's name */
  name = g_strdup_printf (_("%s import report.txt"), base);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- construction ------------------------------------------------------------ */

static AdwComboRow *
combo_row (const char  *title,
           const char **items)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr(GtkStringList) list = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  return row;
}

static GtkWidget *
page_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  return box;
}

static GtkWidget *
scrolled (GtkWidget *child)
{
  GtkWidget *sw = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (sw), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sw), child);
  gtk_widget_set_vexpand (sw, TRUE);
  return sw;
}

static void
build_mapping_page (TlImportDialog *self)
{
  GtkWidget *box = page_box ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *preview_group = adw_preferences_group_new ();
  GtkWidget *grid_scrolled = gtk_scrolled_window_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  const char *encoding_items[] = { _("Automatic"), "UTF-8", "UTF-16", _("GB18030 (Chinese)"), NULL };
  const char *delimiter_items[] = { _("Automatic"), _("Comma"), _("Tab"), _("Semicolon"), NULL };
  const char *header_items[] = { _("Automatic"), _("First row is a header"), _("No header"), NULL };
  const char *scale_items[G_N_ELEMENTS (scales) + 1] = { _("Automatic") };

  for (guint i = 1; i < G_N_ELEMENTS (scales); i++)
    scale_items[i] = tl_rating_scale_get_name (scales[i]);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("How to Read the File"));
  self->encoding_row = combo_row (_("Encoding"), encoding_items);
  self->delimiter_row = combo_row (_("Separator"), delimiter_items);
  self->header_row = combo_row (_("Header"), header_items);
  self->scale_row = combo_row (_("Rating scale in the file"), scale_items);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->encoding_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->delimiter_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->header_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->scale_row));
  g_signal_connect (self->encoding_row, "notify::selected", G_CALLBACK (option_changed_cb), self);
  g_signal_connect (self->delimiter_row, "notify::selected", G_CALLBACK (option_changed_cb), self);
  g_signal_connect (self->header_row, "notify::selected", G_CALLBACK (option_changed_cb), self);
  g_signal_connect (self->scale_row, "notify::selected", G_CALLBACK (option_changed_cb), self);
  gtk_box_append (GTK_BOX (box), group);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (preview_group), _("Columns"));
  self->mapping_hint = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->mapping_hint, TRUE);
  gtk_label_set_xalign (self->mapping_hint, 0);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->mapping_hint), 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (preview_group), GTK_WIDGET (self->mapping_hint));

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 12);
  gtk_grid_set_row_spacing (self->grid, 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->grid), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Preview of the first rows"), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (grid_scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (grid_scrolled), GTK_WIDGET (self->grid));
  gtk_frame_set_child (GTK_FRAME (frame), grid_scrolled);
  gtk_widget_add_css_class (frame, "view");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (preview_group), frame);

  self->preview_problems = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->preview_problems, TRUE);
  gtk_label_set_xalign (self->preview_problems, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->preview_problems), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->preview_problems), "warning");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (preview_group), GTK_WIDGET (self->preview_problems));
  gtk_box_append (GTK_BOX (box), preview_group);

  gtk_stack_add_named (self->stack, scrolled (box), "mapping");
}

static void
build_progress_page (TlImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = gtk_label_new (_("Importing…"));

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 48);
  gtk_widget_set_margin_end (box, 48);
  gtk_widget_add_css_class (title, "title-2");
  gtk_box_append (GTK_BOX (box), title);
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Import progress"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress_bar));
  self->progress_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->progress_label), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress_label));
  gtk_box_append (GTK_BOX (box), gtk_label_new (_("Cancel adds nothing: the document stays as it was.")));

  gtk_stack_add_named (self->stack, box, "progress");
}

static void
build_report_page (TlImportDialog *self)
{
  GtkWidget *box = page_box ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  /* As a status page looks, without its own scrolling */
  self->report_icon = GTK_IMAGE (gtk_image_new ());
  gtk_image_set_pixel_size (self->report_icon, 64);
  gtk_widget_add_css_class (GTK_WIDGET (self->report_icon), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->report_icon));
  self->report_title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->report_title, TRUE);
  gtk_label_set_justify (self->report_title, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->report_title), "title-1");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->report_title));
  self->report_description = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->report_description, TRUE);
  gtk_label_set_justify (self->report_description, GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (self->report_description, 60);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->report_description));

  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  self->good_rows_button = gtk_button_new_with_mnemonic (_("_Import the Good Rows"));
  gtk_widget_add_css_class (self->good_rows_button, "pill");
  gtk_widget_add_css_class (self->good_rows_button, "suggested-action");
  g_signal_connect (self->good_rows_button, "clicked", G_CALLBACK (good_rows_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->good_rows_button);
  self->save_report_button = gtk_button_new_with_mnemonic (_("_Save Report…"));
  gtk_widget_add_css_class (self->save_report_button, "pill");
  g_signal_connect (self->save_report_button, "clicked", G_CALLBACK (save_report_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->save_report_button);
  gtk_box_append (GTK_BOX (box), buttons);

  self->problems_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->problems_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->problems_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->problems_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Rows that could not be used"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->problems_list));
  self->problems_more = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->problems_more), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->problems_more));

  gtk_stack_add_named (self->stack, scrolled (box), "report");
}

static void
tl_import_dialog_dispose (GObject *object)
{
  TlImportDialog *self = TL_IMPORT_DIALOG (object);

  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->run_cancellable);
  g_clear_object (&self->preview_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->import != NULL)
    g_signal_handlers_disconnect_by_data (self->import, self);
  g_clear_object (&self->import);
  g_clear_object (&self->session);
  g_clear_object (&self->preview);
  g_clear_object (&self->mapping);
  g_clear_pointer (&self->field_dropdowns, g_ptr_array_unref);
  g_clear_pointer (&self->source_name, g_free);

  G_OBJECT_CLASS (tl_import_dialog_parent_class)->dispose (object);
}

static void
tl_import_dialog_class_init (TlImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tl_import_dialog_dispose;
  window_class->close_request = tl_import_dialog_close_request;

  signals[RUNNING] =
    g_signal_new ("running",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TL_TYPE_IMPORT_REPORT);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tl_import_dialog_init (TlImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *error;

  self->field_dropdowns = g_ptr_array_new ();

  gtk_window_set_default_size (GTK_WINDOW (self), 860, 680);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect (self->cancel_button, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->cancel_button);
  self->import_button = gtk_button_new_with_mnemonic (_("_Import"));
  gtk_widget_add_css_class (self->import_button, "suggested-action");
  gtk_widget_set_sensitive (self->import_button, FALSE);
  g_signal_connect (self->import_button, "clicked", G_CALLBACK (import_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->import_button);
  self->close_button = gtk_button_new_with_mnemonic (_("_Done"));
  gtk_widget_add_css_class (self->close_button, "suggested-action");
  gtk_widget_set_visible (self->close_button, FALSE);
  g_signal_connect_swapped (self->close_button, "clicked", G_CALLBACK (gtk_window_close), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->close_button);
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (self->stack, spinner, "loading");
  build_mapping_page (self);
  build_progress_page (self);
  build_report_page (self);
  error = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (error), "dialog-error-symbolic");
  self->error_status = ADW_STATUS_PAGE (error);
  gtk_stack_add_named (self->stack, error, "error");
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  adw_window_set_content (ADW_WINDOW (self), box);
}

TlImportDialog *
tl_import_dialog_new (GtkWindow  *parent,
                      TlSession  *session,
                      TlImport   *import,
                      const char *source_name)
{
  TlImportDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TL_IS_SESSION (session), NULL);
  g_return_val_if_fail (TL_IS_IMPORT (import), NULL);

  self = g_object_new (TL_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  self->import = g_object_ref (import);
  self->source_name = g_strdup (source_name);

  /* Translators: the import dialog's title; %s is the file's name */
  title = source_name != NULL ? g_strdup_printf (_("Import “%s”"), source_name) : g_strdup (_("Import Pasted Cells"));
  gtk_window_set_title (GTK_WINDOW (self), title);

  g_signal_connect (import, "notify::progress", G_CALLBACK (import_notify_progress_cb), self);
  g_signal_connect (import, "notify::rows-read", G_CALLBACK (import_notify_progress_cb), self);

  start_preview (self);
  return self;
}

/* ---- for tests --------------------------------------------------------------- */

const char *
_tl_import_dialog_get_page (TlImportDialog *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

TlImportPreview *
_tl_import_dialog_get_preview (TlImportDialog *self)
{
  return self->preview;
}

guint
_tl_import_dialog_get_n_field_choosers (TlImportDialog *self)
{
  return self->field_dropdowns->len;
}

void
_tl_import_dialog_set_field (TlImportDialog *self,
                             guint           column,
                             TlImportField   field)
{
  g_return_if_fail (column < self->field_dropdowns->len);

  gtk_drop_down_set_selected (self->field_dropdowns->pdata[column], field);
}

TlImportField
_tl_import_dialog_get_field (TlImportDialog *self,
                             guint           column)
{
  g_return_val_if_fail (column < self->field_dropdowns->len, TL_IMPORT_FIELD_NONE);

  return gtk_drop_down_get_selected (self->field_dropdowns->pdata[column]);
}

void
_tl_import_dialog_set_option (TlImportDialog *self,
                              const char     *option,
                              guint           position)
{
  if (g_str_equal (option, "encoding"))
    adw_combo_row_set_selected (self->encoding_row, position);
  else if (g_str_equal (option, "delimiter"))
    adw_combo_row_set_selected (self->delimiter_row, position);
  else if (g_str_equal (option, "header"))
    adw_combo_row_set_selected (self->header_row, position);
  else if (g_str_equal (option, "scale"))
    adw_combo_row_set_selected (self->scale_row, position);
}

gboolean
_tl_import_dialog_get_can_import (TlImportDialog *self)
{
  return gtk_widget_get_visible (self->import_button) && gtk_widget_get_sensitive (self->import_button);
}

void
_tl_import_dialog_click (TlImportDialog *self,
                         const char     *button)
{
  GtkWidget *widget = NULL;

  if (g_str_equal (button, "import"))
    widget = self->import_button;
  else if (g_str_equal (button, "cancel"))
    widget = self->cancel_button;
  else if (g_str_equal (button, "good-rows"))
    widget = self->good_rows_button;
  else if (g_str_equal (button, "done"))
    widget = self->close_button;

  g_return_if_fail (widget != NULL);
  g_return_if_fail (gtk_widget_get_visible (widget) && gtk_widget_is_sensitive (widget));

  g_signal_emit_by_name (widget, "clicked");
}

gboolean
_tl_import_dialog_get_button_visible (TlImportDialog *self,
                                      const char     *button)
{
  if (g_str_equal (button, "good-rows"))
    return gtk_widget_get_visible (self->good_rows_button);
  if (g_str_equal (button, "save-report"))
    return gtk_widget_get_visible (self->save_report_button);
  if (g_str_equal (button, "import"))
    return gtk_widget_get_visible (self->import_button);
  if (g_str_equal (button, "done"))
    return gtk_widget_get_visible (self->close_button);
  if (g_str_equal (button, "cancel"))
    return gtk_widget_get_visible (self->cancel_button);
  return FALSE;
}

const char *
_tl_import_dialog_get_report_title (TlImportDialog *self)
{
  return gtk_label_get_text (self->report_title);
}

guint
_tl_import_dialog_get_n_problem_rows (TlImportDialog *self)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

gboolean
_tl_import_dialog_get_running (TlImportDialog *self)
{
  return self->running;
}
