// A bench/ scaling result (bench/scaling.sh writes bench/results/scaling.csv): one row per measured
// combination of fetcher and parser processes, with the crawl's wall time and pages per second.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "arachne/status.h"

namespace arachne::report {

// The columns the report uses; the file has more (pages_per_s_min, cpu_ms_per_page ...), found by name.
struct ScalingRow {
  int fetchers = 0;
  int parsers = 0;
  std::uint64_t urls = 0;
  double wall_s = 0;
  double pages_per_s = 0;
};

// Parses the CSV text: a header naming at least fetchers, parsers, urls, wall_s and pages_per_s (in any
// order), then rows of plain numbers (no quoting: the bench writes none), blank lines skipped. A missing
// column, a row with another number of fields or a value that is not a number (or not a positive process
// count) is refused with a message naming `source`, the line and the column.
Result<std::vector<ScalingRow>> ParseScalingCsv(std::string_view text, const std::string& source);

// Reads and parses the file at `path` (NotFound when there is none).
Result<std::vector<ScalingRow>> ReadScalingCsv(const std::string& path);

}  // namespace arachne::report
