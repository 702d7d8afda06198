// The frame every chart of the report is drawn in: the <svg> element with its title, the plot area, the
// axes with their ticks, labels and grid lines, a legend, and the note a chart without data shows.
//
// Charts are inline SVG (SVG 2) in the HTML page: nothing is loaded, and a chart scales with the page
// through its viewBox. All text is escaped here (markup_text.h); callers pass plain text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "report/chart_scale.h"

namespace arachne::report {

// What a chart is and how big its view box is.
struct ChartFrame {
  std::string id;     // the <svg>'s id (ASCII letters, digits and '-'; the page and its checks find it by it)
  std::string title;  // drawn above the plot
  std::string x_label;  // under the x axis
  std::string y_label;  // left of the y axis, turned a quarter
  double width = 960;
  double height = 300;
};

// The rectangle the data is drawn in, in view-box units.
struct PlotArea {
  double left = 0;
  double top = 0;
  double right = 0;
  double bottom = 0;
  double width() const { return right - left; }
  double height() const { return bottom - top; }
};

// A tick mark: where it is (a view-box coordinate along its axis) and its label.
struct Tick {
  double at = 0;
  std::string label;
};

// A colour swatch and its name.
struct LegendEntry {
  std::string name;
  std::string colour;  // a CSS colour the program chose ("#2f6fbf"), never text from a file
  bool dashed = false;
};

// An estimate of the width of one character of the charts' 12 px text, and of a label: charts lay out
// labels without measuring them (the page has no script to measure with).
inline constexpr double kCharWidth = 6.6;
double TextWidth(std::string_view text);

// The plot area of `frame` with room for a title above, tick labels and an axis title below and at the
// left (`left_margin` wide).
PlotArea PlotAreaOf(const ChartFrame& frame, double left_margin = 72);

// `<svg ...>` with its accessible name, and the title text; SvgEnd() closes it.
std::string SvgStart(const ChartFrame& frame);
std::string SvgEnd();

// Ticks at the values of `axis`, placed by `scale`, labelled by TickText.
std::vector<Tick> NumericTicks(const AxisTicks& axis, const LinearScale& scale);

// The x axis along the bottom of `area`: its line, tick marks and labels, optional vertical grid lines,
// and `title` centred under it.
std::string BottomAxis(const PlotArea& area, const std::vector<Tick>& ticks, std::string_view title,
                       bool grid);

// The y axis along the left of `area`: its line, tick marks and labels, optional horizontal grid lines,
// and `title` turned a quarter at the far left.
std::string LeftAxis(const PlotArea& area, const std::vector<Tick>& ticks, std::string_view title, bool grid);

// Swatches with names in a row, ending at the right edge of `frame`, level with the title.
std::string Legend(const ChartFrame& frame, const std::vector<LegendEntry>& entries);

// A grey note in the middle of `area` ("no data"), for a chart with nothing to draw.
std::string NoDataNote(const PlotArea& area, std::string_view note);

}  // namespace arachne::report
