// The report page: a crawl's stats file drawn as one self-contained HTML document (`arachne report`).
//
// The page works offline and loads nothing: its CSS is inline, its charts are inline SVG drawn here, and
// it has no script. A Content-Security-Policy of default-src 'none' makes the browser refuse any request
// the page might still attempt. Every text from the files is escaped (markup_text.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "report/crawl_stats_file.h"
#include "report/scaling_csv.h"

namespace arachne::report {

// A bench scaling result and where it came from (shown under its chart).
struct ScalingInput {
  std::string source;
  std::vector<ScalingRow> rows;
};

// The page, in this order: a header (the crawl's name, state, dates, elapsed time and totals), the
// process timeline (section id "timeline"), pages per second over time ("throughput"), records by HTTP
// status ("statuses") and by depth ("depths"), content types ("content-types") and errors by kind
// ("errors"), the busiest hosts ("hosts"), the slowest fetches ("slowest"), and with `scaling` the parser
// speedup ("speedup"). A section without data says so instead of drawing nothing.
std::string ReportPage(const CrawlStatsFile& stats,
                       const std::optional<ScalingInput>& scaling = std::nullopt);

}  // namespace arachne::report
