// `arachne crawl SEEDFILE [flags]`: loads the seed file, applies command-line overrides, runs the crawl
// with a live progress line on a terminal, prints the summary.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arachne/config.h"
#include "arachne/log.h"
#include "cli/log_line.h"

namespace arachne {

// Flags that override the seed file; unset ones leave it alone.
struct CrawlOverrides {
  std::optional<int> fetchers, parsers, max_depth, concurrency, max_per_host, delay_ms;
  std::optional<std::uint64_t> max_pages;
  std::optional<std::string> out, name, user_agent, job, redis, node;
  std::optional<std::vector<std::string>> formats;
};

void ApplyOverrides(const CrawlOverrides& overrides, Config& config);

// How the command shows the crawl, beside what it crawls.
struct CrawlDisplay {
  bool quiet = false;                    // no progress line and no summary
  LogLevel log_level = LogLevel::kInfo;  // log lines below it are not written
  LogFormat log_format = LogFormat::kText;
  std::string metrics;                   // "HOST:PORT" to serve /metrics on while crawling; "": none
};

// Runs the crawl; the process exit status: 0 done, 1 failed, 2 bad config or usage, 130 SIGINT, 143 SIGTERM.
int RunCrawlCommand(const std::string& seed_file, const CrawlOverrides& overrides, const CrawlDisplay& display,
                    const std::string& self_executable);

}  // namespace arachne
