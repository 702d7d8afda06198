// A crawl's stats file, output/<name>.stats.json (docs/stats-json.md), read and checked into a struct.
//
// The file is read as untrusted input: every key the format documents must be there with its type, and a
// file that is not JSON, is of another format or lacks a key is refused with a message naming the file,
// the key and what was expected. Text values (URLs, hosts, content types) are kept as they are; whoever
// shows them escapes them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arachne/status.h"

namespace arachne::report {

// The "format" of the files this reader understands; it refuses any other.
inline constexpr char kStatsFormat[] = "arachne-stats/1";

struct CrawlTotals {
  std::uint64_t pages = 0;
  std::uint64_t errors = 0;
  std::uint64_t bytes = 0;
  std::uint64_t queued = 0;
  std::uint64_t in_flight = 0;
  std::uint64_t discovered = 0;
  std::uint64_t retries = 0;
  std::uint64_t restarts = 0;
  std::uint64_t out_of_scope = 0;
  std::uint64_t robots_disallowed = 0;
};

struct HostCount {
  std::string host;  // an origin: "http://127.0.0.1:8080"
  std::uint64_t pages = 0;
  std::uint64_t errors = 0;
  std::uint64_t bytes = 0;
};

// Fetch times in milliseconds of the records with a response; all 0 when there were none.
struct FetchTimes {
  std::uint64_t count = 0;
  double mean = 0;
  double p50 = 0;
  double p90 = 0;
  double p99 = 0;
  double max = 0;
};

// Records written by `t` seconds into the crawl.
struct ThroughputPoint {
  double t = 0;
  std::uint64_t pages = 0;
};

struct SlowFetch {
  std::string url;
  double fetch_ms = 0;
  int status = 0;  // 0: no response
};

// A span in seconds since the crawl started.
struct BusySpan {
  double start_s = 0;
  double end_s = 0;
};

// One fetcher or parser process; a restarted one is an entry of its own.
struct ProcessActivity {
  std::string name;  // "fetcher 0"
  std::string role;  // "fetcher" or "parser"
  std::int64_t pid = 0;
  double started_s = 0;
  std::optional<double> ended_s;  // none while it runs
  std::vector<BusySpan> busy;
};

struct CrawlStatsFile {
  std::string name;
  std::string state;       // "running", "finished" or "stopped"
  std::string started_at;  // RFC 3339 dates, as written
  std::string updated_at;
  double elapsed_s = 0;
  CrawlTotals totals;
  std::map<int, std::uint64_t> by_status;  // HTTP status -> records; 0: no response
  std::map<std::string, std::uint64_t> by_error;
  std::map<std::string, std::uint64_t> by_content_type;  // "" : no Content-Type
  std::map<int, std::uint64_t> by_depth;
  std::vector<HostCount> by_host;  // most records first
  FetchTimes fetch_ms;
  std::vector<ThroughputPoint> throughput;
  std::vector<SlowFetch> slowest;  // slowest first
  std::vector<ProcessActivity> processes;
};

// Parses the text of a stats file; `source` (its path) starts every error message. InvalidArgument for
// text that is not JSON or not a valid stats file.
Result<CrawlStatsFile> ParseCrawlStats(std::string_view text, const std::string& source);

// Reads and parses the file at `path`: NotFound when there is none, IoError when it cannot be read,
// else as ParseCrawlStats.
Result<CrawlStatsFile> ReadCrawlStatsFile(const std::string& path);

}  // namespace arachne::report
