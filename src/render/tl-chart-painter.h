/* tl-chart-painter.h: horizontal bar charts ("who said it": feedback by
 * customer stage and by source)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-painter.h"

G_BEGIN_DECLS

#define TL_TYPE_CHART_PAINTER (tl_chart_painter_get_type ())
G_DECLARE_FINAL_TYPE (TlChartPainter, tl_chart_painter, TL, CHART_PAINTER, TlPainter)

/* A chart is a list of sections ("By customer stage", "By source"), each
 * a list of bars with a label and a value.  The bars of one section share
 * one scale: the largest value of the section fills the track.
 *
 * The painter lays itself out one natural unit per pixel: its natural
 * height grows with the bars, its width is whatever it is given (at least
 * TL_CHART_PAINTER_MIN_WIDTH; a narrower draw scales the whole chart
 * down).  As a TlPainter it hit-tests and locates bars: kind is the
 * section's key, id the bar's key.
 *
 * @document may be NULL; it only gives the language of the labels when
 * tl_chart_painter_set_language() was not called. */
#define TL_CHART_PAINTER_MIN_WIDTH 200.0

TlChartPainter *tl_chart_painter_new            (TlDocument     *document);

/* "zh_CN", "zh_TW" or "en": picks the regional CJK glyphs; NULL follows
 * the document (or "en" without one). */
void            tl_chart_painter_set_language   (TlChartPainter *self,
                                                 const char     *language);
/* Shown instead of the bars when every value is 0; NULL shows nothing. */
void            tl_chart_painter_set_empty_text (TlChartPainter *self,
                                                 const char     *text);

/* Removes every section. */
void            tl_chart_painter_clear          (TlChartPainter *self);
/* Appends a section and returns its index.  @color is the theme colour
 * its bars are drawn in. */
guint           tl_chart_painter_add_section    (TlChartPainter *self,
                                                 const char     *key,
                                                 const char     *title,
                                                 TlThemeColor    color);
/* Appends a bar to section @section; @value < 0 counts as 0. */
void            tl_chart_painter_add_bar        (TlChartPainter *self,
                                                 guint           section,
                                                 const char     *key,
                                                 const char     *label,
                                                 double          value);
guint           tl_chart_painter_get_n_sections (TlChartPainter *self);
guint           tl_chart_painter_get_n_bars     (TlChartPainter *self,
                                                 guint           section);
/* The sum of a section's values */
double          tl_chart_painter_get_total      (TlChartPainter *self,
                                                 guint           section);

/* The height the chart needs when drawn @width wide (the same as the
 * natural height from @width = TL_CHART_PAINTER_MIN_WIDTH up). */
double          tl_chart_painter_get_height_for_width (TlChartPainter *self,
                                                       double          width);

/* The filled part of a bar in a draw of @width × @height (zero wide for
 * a value of 0); FALSE when there is no such bar or the chart shows its
 * empty text. */
gboolean        tl_chart_painter_get_bar_bounds (TlChartPainter *self,
                                                 double          width,
                                                 double          height,
                                                 guint           section,
                                                 guint           bar,
                                                 double         *x,
                                                 double         *y,
                                                 double         *bar_width,
                                                 double         *bar_height);

G_END_DECLS
