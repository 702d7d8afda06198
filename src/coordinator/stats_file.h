// The crawl's stats file, <dir>/<name>.stats.json (docs/stats-json.md): its JSON, and writing it so that
// a reader never sees half of it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arachne/status.h"
#include "arachne/summary.h"
#include "coordinator/crawl_breakdown.h"
#include "coordinator/process_timeline.h"

namespace arachne {

struct StatsSnapshot {
  std::string name;
  std::string_view state;            // "running", "finished", "stopped"
  std::int64_t started_unix_s = 0;   // when the crawl started
  std::int64_t now_unix_s = 0;
  double elapsed_s = 0;
  const Progress* progress = nullptr;  // totals and counters by status and error
  const Summary* summary = nullptr;    // the counters Progress lacks (out of scope, robots)
  const CrawlBreakdown* breakdown = nullptr;
  std::vector<const ProcessTimeline*> processes;  // in the order to show them
};

// The file's text (format "arachne-stats/1").
std::string StatsJson(const StatsSnapshot& snapshot);

}  // namespace arachne
