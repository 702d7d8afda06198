// The numbers the report's charts draw, derived from the stats file and the scaling CSV: pages per second
// over time, the parser speedup of a bench run, and the process timeline's lanes.
#pragma once

#include <vector>

#include "report/crawl_stats_file.h"
#include "report/scaling_csv.h"
#include "report/svg_chart.h"
#include "report/timeline_chart.h"

namespace arachne::report {

// The rate between each two consecutive throughput points, (pages difference) / (time difference), drawn
// at the later point's time. Points whose time does not advance are skipped, and a count that goes down
// (which the file's counters never should) gives 0, not a negative rate.
std::vector<ChartPoint> PagesPerSecond(const std::vector<ThroughputPoint>& throughput);

// Pages/s of each parser count relative to 1 parser, one line per fetcher count (fetchers ascending),
// x = parsers, y = speedup. Repeated measurements of one combination are averaged; a fetcher count without
// a 1-parser row, or whose 1-parser rate is 0, has no line (nothing to be relative to).
struct SpeedupLine {
  int fetchers = 0;
  std::vector<ChartPoint> points;
};
std::vector<SpeedupLine> ParserSpeedup(const std::vector<ScalingRow>& rows);

// The colour of a role's bars: fetchers blue, parsers orange, anything else grey.
std::string RoleColour(const std::string& role);

// One lane per process: fetchers, then parsers, then other roles; within a role by name in natural order
// ("fetcher 2" before "fetcher 10"), a restarted process after the one it replaced (by start time) and
// labelled "(restart 1)", "(restart 2)" ... A running process's life ends at `elapsed_s`.
std::vector<TimelineLane> TimelineLanes(const std::vector<ProcessActivity>& processes, double elapsed_s);

}  // namespace arachne::report
