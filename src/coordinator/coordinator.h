// Coordinator: the process that owns the crawl.
//
// It holds the frontier, the dedup store, the scope, the exporters and the statistics; hands URLs to the
// fetcher processes in batches; completes a record when a fetcher (for a page that is not parsed) or a
// parser (for an HTML page) reports on it; queues the links a parser found; and supervises its children,
// putting back every URL a dead child held. One thread, one poll loop.
//
// The life of one URL:
//   frontier --Fetch--> fetcher --FetchDone--> coordinator            (error, non-HTML, redirect: record)
//                       fetcher --ParseJob+body--> parse queue --> parser --Parsed--> coordinator (record,
//                                                                                       links -> frontier)
#pragma once

#include <functional>

#include "arachne/config.h"
#include "arachne/log.h"
#include "arachne/page.h"
#include "arachne/record.h"
#include "arachne/status.h"
#include "arachne/summary.h"

namespace arachne {

struct CoordinatorHooks {
  std::function<void(const Record&)> on_record;
  // Called with each HTML page's DOM before its record is written; it may change the record.
  std::function<void(const Page&, Record&)> on_page;
  std::function<void(const Progress&)> on_progress;
  int progress_interval_ms = 250;
  std::function<void(LogLevel, const std::string&)> on_log;  // a line for the log; empty: stderr, info and up
  int stop_fd = -1;  // becomes readable when the crawl must stop
};

// Runs the crawl described by `config` (already validated, worker_executable resolved) to its end.
Result<Summary> RunCoordinator(const Config& config, const CoordinatorHooks& hooks);

}  // namespace arachne
