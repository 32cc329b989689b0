// Charts in the application palette. QtCharts and QCustomPlot paint their backgrounds, axes,
// grids and texts in their own fixed (light) colours, so under a dark desktop palette every
// chart stayed a white box. follow_palette() takes the colours from the widget's palette
// (background: Base; text: Text; axes and grid: mixes of the two) now and again whenever
// the palette changes (a desktop switching themes while the app runs). One call per chart;
// the data lines keep their own colours.
#pragma once

class QChartView;
class QCustomPlot;

namespace sis::desktop {

void follow_palette(QChartView* view);
void follow_palette(QCustomPlot* plot);

}  // namespace sis::desktop
