#include "report/svg_frame.h"

#include <algorithm>

#include "report/markup_text.h"
#include "report/number_text.h"

namespace arachne::report {

namespace {

// Room above the plot for the title and legend, below it for tick labels and the axis title, and at the
// right so the last tick label is not cut.
constexpr double kTopMargin = 44;
constexpr double kBottomMargin = 50;
constexpr double kRightMargin = 28;

constexpr char kAxisColour[] = "#888";
constexpr char kGridColour[] = "#e6e6e6";
constexpr char kTextColour[] = "#444";

std::string Line(double x1, double y1, double x2, double y2, const char* colour) {
  return "<line x1=\"" + SvgNumber(x1) + "\" y1=\"" + SvgNumber(y1) + "\" x2=\"" + SvgNumber(x2) +
         "\" y2=\"" + SvgNumber(y2) + "\" stroke=\"" + colour + "\" stroke-width=\"1\"/>";
}

// <text> at (x, y); `attributes` are the program's own (anchor, size), never file text.
std::string Text(double x, double y, std::string_view text, const std::string& attributes) {
  return "<text x=\"" + SvgNumber(x) + "\" y=\"" + SvgNumber(y) + "\" " + attributes + ">" +
         EscapeMarkup(text) + "</text>";
}

}  // namespace

double TextWidth(std::string_view text) {
  return static_cast<double>(CharacterCount(text)) * kCharWidth;
}

PlotArea PlotAreaOf(const ChartFrame& frame, double left_margin) {
  PlotArea area;
  area.left = left_margin;
  area.top = kTopMargin;
  area.right = std::max(area.left + 1, frame.width - kRightMargin);
  area.bottom = std::max(area.top + 1, frame.height - kBottomMargin);
  return area;
}

std::string SvgStart(const ChartFrame& frame) {
  const std::string w = SvgNumber(frame.width);
  const std::string h = SvgNumber(frame.height);
  // The title twice: <title> names the image for screen readers (SVG 2, 5.9), the <text> shows it.
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + EscapeMarkup(frame.id) +
         "\" class=\"chart\" viewBox=\"0 0 " + w + " " + h + "\" width=\"" + w + "\" height=\"" + h +
         "\" role=\"img\" font-family=\"system-ui, sans-serif\" font-size=\"12\"><title>" +
         EscapeMarkup(frame.title) + "</title>" +
         Text(16, 24, frame.title, "font-size=\"15\" font-weight=\"600\" fill=\"#222\"");
}

std::string SvgEnd() {
  return "</svg>";
}

std::vector<Tick> NumericTicks(const AxisTicks& axis, const LinearScale& scale) {
  std::vector<Tick> ticks;
  for (const double value : axis.ticks) ticks.push_back({scale(value), TickText(value, axis.step)});
  return ticks;
}

std::string BottomAxis(const PlotArea& area, const std::vector<Tick>& ticks, std::string_view title,
                       bool grid) {
  std::string out = "<g class=\"x-axis\">";
  for (const Tick& tick : ticks) {
    if (grid) out += Line(tick.at, area.top, tick.at, area.bottom, kGridColour);
    out += Line(tick.at, area.bottom, tick.at, area.bottom + 5, kAxisColour);
    out += Text(tick.at, area.bottom + 18, tick.label,
                std::string("text-anchor=\"middle\" fill=\"") + kTextColour + "\"");
  }
  out += Line(area.left, area.bottom, area.right, area.bottom, kAxisColour);
  out += Text((area.left + area.right) / 2, area.bottom + 40, title,
              std::string("text-anchor=\"middle\" fill=\"") + kTextColour + "\"");
  return out + "</g>";
}

std::string LeftAxis(const PlotArea& area, const std::vector<Tick>& ticks, std::string_view title,
                     bool grid) {
  std::string out = "<g class=\"y-axis\">";
  for (const Tick& tick : ticks) {
    if (grid) out += Line(area.left, tick.at, area.right, tick.at, kGridColour);
    out += Line(area.left - 5, tick.at, area.left, tick.at, kAxisColour);
    out += Text(area.left - 8, tick.at + 4, tick.label,
                std::string("text-anchor=\"end\" fill=\"") + kTextColour + "\"");
  }
  out += Line(area.left, area.top, area.left, area.bottom, kAxisColour);
  const double middle = (area.top + area.bottom) / 2;
  out += Text(16, middle, title,
              std::string("text-anchor=\"middle\" fill=\"") + kTextColour + "\" transform=\"rotate(-90 16 " +
                  SvgNumber(middle) + ")\"");
  return out + "</g>";
}

std::string Legend(const ChartFrame& frame, const std::vector<LegendEntry>& entries) {
  double total = 0;
  for (const LegendEntry& entry : entries) total += 20 + TextWidth(entry.name) + 16;
  double x = frame.width - kRightMargin - total;
  std::string out = "<g class=\"legend\">";
  for (const LegendEntry& entry : entries) {
    const std::string colour = EscapeMarkup(entry.colour);
    if (entry.dashed) {
      out += "<line x1=\"" + SvgNumber(x) + "\" y1=\"19\" x2=\"" + SvgNumber(x + 14) +
             "\" y2=\"19\" stroke=\"" + colour + "\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>";
    } else {
      out += "<rect x=\"" + SvgNumber(x) + "\" y=\"13\" width=\"14\" height=\"12\" rx=\"2\" fill=\"" +
             colour + "\"/>";
    }
    out += Text(x + 20, 23, entry.name, std::string("fill=\"") + kTextColour + "\"");
    x += 20 + TextWidth(entry.name) + 16;
  }
  return out + "</g>";
}

std::string NoDataNote(const PlotArea& area, std::string_view note) {
  return Text((area.left + area.right) / 2, (area.top + area.bottom) / 2, note,
              "class=\"no-data\" text-anchor=\"middle\" font-size=\"14\" fill=\"#999\"");
}

}  // namespace arachne::report
