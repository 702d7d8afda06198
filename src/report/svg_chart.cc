#include "report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "report/chart_scale.h"
#include "report/markup_text.h"
#include "report/number_text.h"

namespace arachne::report {

namespace {

// A horizontal bar chart's row, and the room kept right of the plot for the count at a bar's end.
constexpr double kRowHeight = 24;
constexpr double kValueRoom = 64;

bool Finite(const ChartPoint& p) {
  return std::isfinite(p.x) && std::isfinite(p.y);
}

// The smallest and largest finite x, and the largest finite y (at least 0), of all points.
struct Extent {
  double min_x = std::numeric_limits<double>::infinity();
  double max_x = -std::numeric_limits<double>::infinity();
  double max_y = 0;
  bool empty = true;
};

Extent ExtentOf(const std::vector<LineSeries>& series) {
  Extent e;
  for (const LineSeries& s : series) {
    for (const ChartPoint& p : s.points) {
      if (!Finite(p)) continue;
      e.min_x = std::min(e.min_x, p.x);
      e.max_x = std::max(e.max_x, p.x);
      e.max_y = std::max(e.max_y, p.y);
      e.empty = false;
    }
  }
  return e;
}

// The x axis of a line chart: nice ticks over the data, or the caller's ticks with a margin around them
// so that the first and last points are not drawn on the frame.
AxisTicks XAxisOf(const Extent& e, const LineChartOptions& options) {
  const double lo = e.empty ? 0 : e.min_x;
  const double hi = e.empty ? 1 : e.max_x;
  if (!options.x_ticks || options.x_ticks->empty()) return NiceTicks(lo, hi);
  AxisTicks axis;
  axis.ticks = *options.x_ticks;
  std::sort(axis.ticks.begin(), axis.ticks.end());
  const double first = std::min(lo, axis.ticks.front());
  const double last = std::max(hi, axis.ticks.back());
  const double pad = last > first ? (last - first) * 0.06 : 0.5;
  axis.lo = first - pad;
  axis.hi = last + pad;
  // Labels as fine as the closest two ticks need.
  axis.step = 1;
  for (std::size_t i = 1; i < axis.ticks.size(); ++i) {
    const double gap = axis.ticks[i] - axis.ticks[i - 1];
    if (gap > 0) axis.step = std::min(axis.step, gap);
  }
  return axis;
}

std::string Polyline(const LineSeries& s, const LinearScale& sx, const LinearScale& sy) {
  std::string points;
  for (const ChartPoint& p : s.points) {
    if (!Finite(p)) continue;
    if (!points.empty()) points += ' ';
    points += SvgNumber(sx(p.x)) + "," + SvgNumber(sy(p.y));
  }
  std::string out = "<polyline class=\"series\" fill=\"none\" stroke=\"" + EscapeMarkup(s.colour) +
                    "\" stroke-width=\"2\" stroke-linejoin=\"round\"";
  if (s.dashed) out += " stroke-dasharray=\"6 4\"";
  return out + " points=\"" + points + "\"><title>" + EscapeMarkup(s.name) + "</title></polyline>";
}

std::string Markers(const LineSeries& s, const LinearScale& sx, const LinearScale& sy) {
  std::string out;
  for (const ChartPoint& p : s.points) {
    if (!Finite(p)) continue;
    out += "<circle cx=\"" + SvgNumber(sx(p.x)) + "\" cy=\"" + SvgNumber(sy(p.y)) + "\" r=\"3.5\" fill=\"" +
           EscapeMarkup(s.colour) + "\"><title>" + EscapeMarkup(s.name) + ": " + DecimalText(p.y, 2) +
           "</title></circle>";
  }
  return out;
}

std::vector<LegendEntry> LegendOf(const std::vector<LineSeries>& series) {
  std::vector<LegendEntry> entries;
  for (const LineSeries& s : series) entries.push_back({s.name, s.colour, s.dashed});
  return entries;
}

// The largest finite bar value, 0 for none (bars are counts: none is negative).
double MaxValue(const std::vector<ChartBar>& bars) {
  double max = 0;
  for (const ChartBar& bar : bars) {
    if (std::isfinite(bar.value)) max = std::max(max, bar.value);
  }
  return max;
}

// A bar value as a count or, if it has a fraction, with one decimal.
std::string ValueText(double value) {
  return DecimalText(value, std::isfinite(value) && value == std::floor(value) ? 0 : 1);
}

std::string Rect(double x, double y, double width, double height, const std::string& colour,
                 const std::string& tooltip) {
  return "<rect class=\"bar\" x=\"" + SvgNumber(x) + "\" y=\"" + SvgNumber(y) + "\" width=\"" +
         SvgNumber(std::max(0.0, width)) + "\" height=\"" + SvgNumber(std::max(0.0, height)) + "\" fill=\"" +
         EscapeMarkup(colour) + "\"><title>" + EscapeMarkup(tooltip) + "</title></rect>";
}

// The length of a bar of `value` from `base` on `scale`: at least a pixel for a value above zero, so a
// small count among large ones still shows.
double BarLength(double value, double base, const LinearScale& scale) {
  if (!std::isfinite(value) || value <= 0) return 0;
  return std::max(1.0, std::abs(scale(value) - base));
}

std::string CountLabel(double x, double y, const std::string& anchor, double value) {
  return "<text class=\"value\" x=\"" + SvgNumber(x) + "\" y=\"" + SvgNumber(y) + "\" text-anchor=\"" +
         anchor + "\" fill=\"#444\" font-size=\"11\">" + ValueText(value) + "</text>";
}

}  // namespace

std::string LineChart(const ChartFrame& frame, const std::vector<LineSeries>& series,
                      const LineChartOptions& options) {
  const PlotArea area = PlotAreaOf(frame);
  const Extent extent = ExtentOf(series);
  const AxisTicks x = XAxisOf(extent, options);
  const AxisTicks y = NiceTicks(0, extent.max_y);
  const LinearScale sx(x.lo, x.hi, area.left, area.right);
  const LinearScale sy(y.lo, y.hi, area.bottom, area.top);

  std::string out = SvgStart(frame);
  out += LeftAxis(area, NumericTicks(y, sy), frame.y_label, /*grid=*/true);
  out += BottomAxis(area, NumericTicks(x, sx), frame.x_label, /*grid=*/false);
  for (const LineSeries& s : series) {
    out += Polyline(s, sx, sy);
    if (options.markers) out += Markers(s, sx, sy);
  }
  if (series.size() > 1) out += Legend(frame, LegendOf(series));
  if (extent.empty) out += NoDataNote(area, "no data");
  return out + SvgEnd();
}

std::string BarChart(const ChartFrame& frame, const std::vector<ChartBar>& bars) {
  const PlotArea area = PlotAreaOf(frame);
  const AxisTicks y = NiceTicks(0, MaxValue(bars));
  const LinearScale sy(y.lo, y.hi, area.bottom, area.top);
  const double slot = area.width() / static_cast<double>(std::max<std::size_t>(bars.size(), 1));
  const double bar_width = std::min(slot * 0.7, 64.0);
  // Labels fit their slot; with many narrow slots only every n-th is labelled, so none overlap.
  const std::size_t max_chars = std::max<std::size_t>(3, static_cast<std::size_t>(slot / kCharWidth));
  const auto label_every = static_cast<std::size_t>(std::max(1.0, std::ceil(3 * kCharWidth / slot)));

  std::string out = SvgStart(frame);
  out += LeftAxis(area, NumericTicks(y, sy), frame.y_label, /*grid=*/true);
  std::vector<Tick> ticks;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const ChartBar& bar = bars[i];
    const double centre = area.left + slot * (static_cast<double>(i) + 0.5);
    const double height = BarLength(bar.value, area.bottom, sy);
    out += Rect(centre - bar_width / 2, area.bottom - height, bar_width, height, bar.colour,
                bar.label + ": " + ValueText(bar.value));
    if (slot >= TextWidth(ValueText(bar.value))) {
      out += CountLabel(centre, area.bottom - height - 4, "middle", bar.value);
    }
    if (i % label_every == 0) ticks.push_back({centre, ShortenText(bar.label, max_chars)});
  }
  out += BottomAxis(area, ticks, frame.x_label, /*grid=*/false);
  if (bars.empty()) out += NoDataNote(area, "no data");
  return out + SvgEnd();
}

std::string HorizontalBarChart(const ChartFrame& frame, const std::vector<ChartBar>& bars) {
  // Labels take at most 40% of the width; longer ones are shortened, so the bars keep room.
  const double max_margin = std::max(80.0, frame.width * 0.4);
  const auto max_chars = static_cast<std::size_t>((max_margin - 16) / kCharWidth);
  double label_width = 0;
  for (const ChartBar& bar : bars) {
    label_width = std::max(label_width, TextWidth(ShortenText(bar.label, max_chars)));
  }
  ChartFrame sized = frame;
  const std::size_t rows = std::max<std::size_t>(bars.size(), 2);
  sized.height = 44 + kRowHeight * static_cast<double>(rows) + 50;
  PlotArea area = PlotAreaOf(sized, std::clamp(label_width + 16, 80.0, max_margin));
  area.right = std::max(area.left + 1, area.right - kValueRoom);
  const AxisTicks x = NiceTicks(0, MaxValue(bars));
  const LinearScale sx(x.lo, x.hi, area.left, area.right);

  std::string out = SvgStart(sized);
  out += BottomAxis(area, NumericTicks(x, sx), frame.x_label, /*grid=*/true);
  std::vector<Tick> labels;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const ChartBar& bar = bars[i];
    const double top = area.top + kRowHeight * static_cast<double>(i);
    const double length = BarLength(bar.value, area.left, sx);
    out +=
        Rect(area.left, top + 4, length, kRowHeight - 8, bar.colour, bar.label + ": " + ValueText(bar.value));
    out += CountLabel(area.left + length + 6, top + kRowHeight / 2 + 4, "start", bar.value);
    labels.push_back({top + kRowHeight / 2, ShortenText(bar.label, max_chars)});
  }
  out += LeftAxis(area, labels, frame.y_label, /*grid=*/false);
  if (bars.empty()) out += NoDataNote(area, "no data");
  return out + SvgEnd();
}

}  // namespace arachne::report
