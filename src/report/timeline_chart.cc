#include "report/timeline_chart.h"

#include <algorithm>
#include <cmath>

#include "report/chart_scale.h"
#include "report/markup_text.h"
#include "report/number_text.h"

namespace arachne::report {

namespace {

constexpr double kLaneHeight = 26;
constexpr double kBarInset = 4;  // between a busy bar and the edges of its lane
constexpr std::size_t kMaxLabelChars = 28;
constexpr double kShareRoom = 52;  // right of the plot, for "100%"

// Spans closer than this many view-box units are one bar: no screen can show the gap.
constexpr double kMergeGap = 0.5;
constexpr double kMinBarWidth = 1;

bool FiniteSpan(const TimeSpan& span) {
  return std::isfinite(span.start_s) && std::isfinite(span.end_s);
}

// The end of the time axis: `end_s`, or the latest time of any lane when it is not given, or 1 s.
double AxisEnd(const std::vector<TimelineLane>& lanes, double end_s) {
  if (std::isfinite(end_s) && end_s > 0) return end_s;
  double end = 0;
  for (const TimelineLane& lane : lanes) {
    if (FiniteSpan(lane.life)) end = std::max(end, lane.life.end_s);
    for (const TimeSpan& span : lane.busy) {
      if (FiniteSpan(span)) end = std::max(end, span.end_s);
    }
  }
  return end > 0 ? end : 1;
}

// The share of its life a process was busy, as "42%"; "–" when its life has no length.
std::string BusyShareText(const TimelineLane& lane) {
  const double life = lane.life.end_s - lane.life.start_s;
  if (!FiniteSpan(lane.life) || life <= 0) return "\xE2\x80\x93";  // U+2013
  double busy = 0;
  for (const TimeSpan& span : lane.busy) {
    if (FiniteSpan(span)) busy += std::max(0.0, span.end_s - span.start_s);
  }
  return DecimalText(std::clamp(100 * busy / life, 0.0, 100.0), 0) + "%";
}

std::string Rect(const char* css_class, double x, double y, double width, double height,
                 const std::string& fill, const char* extra = "") {
  return std::string("<rect class=\"") + css_class + "\" x=\"" + SvgNumber(x) + "\" y=\"" + SvgNumber(y) +
         "\" width=\"" + SvgNumber(width) + "\" height=\"" + SvgNumber(height) + "\" fill=\"" +
         EscapeMarkup(fill) + "\"" + extra + "/>";
}

// The busy bars of one lane, spans merged where they would touch on screen.
std::string BusyBars(const TimelineLane& lane, const LinearScale& sx, double top) {
  std::vector<TimeSpan> spans;
  for (const TimeSpan& span : lane.busy) {
    if (FiniteSpan(span)) spans.push_back(span);
  }
  std::sort(spans.begin(), spans.end(),
            [](const TimeSpan& a, const TimeSpan& b) { return a.start_s < b.start_s; });
  std::string out;
  const double y = top + kBarInset;
  const double height = kLaneHeight - 2 * kBarInset;
  auto flush = [&](double x1, double x2) {
    out += Rect("busy", x1, y, std::max(kMinBarWidth, x2 - x1), height, lane.colour);
  };
  bool open = false;
  double bar_start = 0;
  double bar_end = 0;
  for (const TimeSpan& span : spans) {
    const double x1 = sx(span.start_s);
    const double x2 = std::max(x1, sx(span.end_s));
    if (open && x1 - bar_end < kMergeGap) {
      bar_end = std::max(bar_end, x2);
      continue;
    }
    if (open) flush(bar_start, bar_end);
    open = true;
    bar_start = x1;
    bar_end = x2;
  }
  if (open) flush(bar_start, bar_end);
  return out;
}

// Every other lane on a grey band, so the eye follows a lane across the chart.
std::string Bands(std::size_t lanes, const PlotArea& area) {
  std::string out;
  for (std::size_t i = 1; i < lanes; i += 2) {
    out += Rect("band", area.left, area.top + kLaneHeight * static_cast<double>(i), area.width(), kLaneHeight,
                "#f3f4f6");
  }
  return out;
}

std::string Lane(const TimelineLane& lane, std::size_t index, const PlotArea& area, const LinearScale& sx) {
  const double top = area.top + kLaneHeight * static_cast<double>(index);
  const double middle = top + kLaneHeight / 2 + 4;
  std::string out = "<g class=\"lane\"><title>" + EscapeMarkup(lane.tooltip) + "</title>";
  if (FiniteSpan(lane.life)) {
    const double x1 = sx(lane.life.start_s);
    const double x2 = std::max(x1, sx(lane.life.end_s));
    out += Rect("life", x1, top + kBarInset, x2 - x1, kLaneHeight - 2 * kBarInset, lane.colour,
                " fill-opacity=\"0.15\"");
  }
  out += BusyBars(lane, sx, top);
  out += "<text x=\"" + SvgNumber(area.left - 8) + "\" y=\"" + SvgNumber(middle) +
         "\" text-anchor=\"end\" fill=\"#333\">" + EscapeMarkup(ShortenText(lane.label, kMaxLabelChars)) +
         "</text>";
  out += "<text class=\"share\" x=\"" + SvgNumber(area.right + 8) + "\" y=\"" + SvgNumber(middle) +
         "\" fill=\"#666\" font-size=\"11\">" + BusyShareText(lane) + "</text>";
  return out + "</g>";
}

}  // namespace

std::string TimelineChart(const ChartFrame& frame, const std::vector<TimelineLane>& lanes,
                          const std::vector<LegendEntry>& legend, double end_s) {
  double label_width = 0;
  for (const TimelineLane& lane : lanes) {
    label_width = std::max(label_width, TextWidth(ShortenText(lane.label, kMaxLabelChars)));
  }
  ChartFrame sized = frame;
  sized.height = 44 + kLaneHeight * static_cast<double>(std::max<std::size_t>(lanes.size(), 2)) + 50;
  PlotArea area = PlotAreaOf(sized, std::clamp(label_width + 16, 90.0, 240.0));
  area.right = std::max(area.left + 1, area.right - kShareRoom);

  // The axis ends where the crawl does, not at the next round number: ticks past the end are dropped.
  const double axis_end = AxisEnd(lanes, end_s);
  AxisTicks x = NiceTicks(0, axis_end);
  std::erase_if(x.ticks, [axis_end](double tick) { return tick > axis_end * (1 + 1e-9); });
  const LinearScale sx(0, axis_end, area.left, area.right);

  std::string out = SvgStart(sized);
  out += Bands(lanes.size(), area);
  out += BottomAxis(area, NumericTicks(x, sx), frame.x_label, /*grid=*/true);
  for (std::size_t i = 0; i < lanes.size(); ++i) out += Lane(lanes[i], i, area, sx);
  out += Legend(sized, legend);
  if (lanes.empty()) out += NoDataNote(area, "no processes");
  return out + SvgEnd();
}

}  // namespace arachne::report
