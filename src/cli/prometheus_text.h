// The crawl's progress in the Prometheus text exposition format, version 0.0.4, for the /metrics endpoint
// that `arachne crawl --metrics HOST:PORT` serves.
#pragma once

#include <string>

#include "arachne/summary.h"

namespace arachne {

// Every metric family of a Progress, each as "# HELP", "# TYPE" and then its samples, every line ending
// in "\n". Names start with "arachne_"; counters end in "_total":
//   arachne_pages_total, arachne_pages_by_status_total{status="200"}, arachne_errors_total,
//   arachne_errors_by_kind_total{kind="timeout"}, arachne_bytes_total, arachne_retries_total,
//   arachne_worker_restarts_total, arachne_urls_discovered_total,
//   arachne_process_done_total{process="fetcher 0",role="fetcher"};
// the rest are gauges:
//   arachne_queued_urls, arachne_in_flight_urls, arachne_pages_per_second, arachne_elapsed_seconds,
//   arachne_process_in_flight{...}, arachne_process_busy{...} (0 or 1), arachne_process_busy_ratio{...}.
// A family with no samples (no status seen yet, no processes) still has its HELP and TYPE lines.
std::string PrometheusText(const Progress& progress);

}  // namespace arachne
