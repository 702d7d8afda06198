// The process timeline: one lane per process on a shared time axis, a bar for each span the process was
// busy, so that processes working side by side (or waiting on each other) show as bars stacked in time.
#pragma once

#include <string>
#include <vector>

#include "report/svg_frame.h"

namespace arachne::report {

// A time span in seconds since the crawl started.
struct TimeSpan {
  double start_s = 0;
  double end_s = 0;
};

// One process's lane.
struct TimelineLane {
  std::string label;    // at the lane's left: "fetcher 0"
  std::string tooltip;  // over the lane: "fetcher 0, pid 4242, 0.0 s to 12.0 s"
  std::string colour;   // its busy bars' colour, by role; a CSS colour the program chose
  TimeSpan life;        // from its start to its end (or the end of the axis while it runs)
  std::vector<TimeSpan> busy;
};

// Lanes top to bottom in the given order over the time axis [0, end_s], each with a pale bar for the
// process's life, a bar for each busy span and the share of its life it was busy at the right. Spans
// closer together than half a pixel are drawn as one and a span is at least a pixel wide, so 2,000 spans
// a process stay a picture of a few hundred shapes. The chart is as tall as its lanes need; frame.height
// is ignored. Each lane is a <g class="lane"> holding <rect class="busy"> bars.
std::string TimelineChart(const ChartFrame& frame, const std::vector<TimelineLane>& lanes,
                          const std::vector<LegendEntry>& legend, double end_s);

}  // namespace arachne::report
