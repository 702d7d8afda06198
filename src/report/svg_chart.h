// Line and bar charts as inline SVG, each with axes, tick labels, titles, and a "no data" note when there
// is nothing to draw. Values that are not finite are left out; every coordinate written is finite and
// inside the view box.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "report/svg_frame.h"

namespace arachne::report {

struct ChartPoint {
  double x = 0;
  double y = 0;
};

// One line of a line chart, drawn through its points in order.
struct LineSeries {
  std::string name;    // in the legend when the chart has several lines
  std::string colour;  // a CSS colour the program chose
  std::vector<ChartPoint> points;
  bool dashed = false;
};

struct LineChartOptions {
  // Ticks at these x values instead of nice numbers (the parser counts 1, 2, 4 of a speedup chart).
  std::optional<std::vector<double>> x_ticks;
  // Dots on the points too: for a few measurements rather than a dense series.
  bool markers = false;
};

// Lines over a shared x axis (from the smallest to the largest x) and a y axis from 0. Series without
// points are left out of the plot but not of the legend.
std::string LineChart(const ChartFrame& frame, const std::vector<LineSeries>& series,
                      const LineChartOptions& options = {});

// One bar of a bar chart.
struct ChartBar {
  std::string label;
  double value = 0;
  std::string colour;  // a CSS colour the program chose
};

// Vertical bars side by side, in the given order, labels under them and counts above; a y axis from 0.
std::string BarChart(const ChartFrame& frame, const std::vector<ChartBar>& bars);

// Horizontal bars one under the other, labels at their left and counts at their ends: for categories with
// long names (content types, error kinds). The chart is as tall as its bars need; frame.height is ignored.
std::string HorizontalBarChart(const ChartFrame& frame, const std::vector<ChartBar>& bars);

}  // namespace arachne::report
