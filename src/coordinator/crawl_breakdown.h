// CrawlBreakdown: the crawl's records broken down for its stats file (docs/stats-json.md): by content
// type, depth and host, fetch times as a histogram, the slowest fetches, and records over time.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "arachne/record.h"

namespace arachne {

class CrawlBreakdown {
 public:
  static constexpr std::size_t kSlowest = 20;
  static constexpr std::size_t kTopHosts = 50;
  static constexpr std::size_t kMaxThroughputPoints = 1000;

  // A record written `elapsed_s` seconds into the crawl; `pages` is the crawl's count with it.
  void Count(const Record& record, double elapsed_s, std::uint64_t pages);

  // Adds "by_content_type", "by_depth", "by_host", "timings", "throughput" and "slowest" to `root`.
  void AddTo(nlohmann::json& root) const;

  // The fetch time below which `q` (0 to 1) of the fetches with a response took, from the histogram: the
  // upper bound of the bucket the quantile falls in. 0 without fetches.
  double FetchMsQuantile(double q) const;

 private:
  struct HostCounts {
    std::uint64_t pages = 0;
    std::uint64_t errors = 0;
    std::uint64_t bytes = 0;
  };
  struct Slow {
    double fetch_ms;
    std::string url;
    int status;
  };

  std::map<std::string, std::uint64_t> by_content_type_;
  std::map<int, std::uint64_t> by_depth_;
  std::map<std::string, HostCounts> by_host_;
  // Fetch times in buckets 5% wide (bucket i holds [1.05^(i-1), 1.05^i) ms; bucket 0 below 1 ms).
  std::vector<std::uint64_t> fetch_buckets_;
  std::uint64_t fetches_ = 0;
  double fetch_ms_sum_ = 0;
  double fetch_ms_max_ = 0;
  std::vector<Slow> slowest_;  // at most kSlowest, slowest first
  // Pages written by each whole second; every `throughput_step_`-th second once they exceed the cap.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> throughput_;
  std::uint64_t throughput_step_ = 1;
};

}  // namespace arachne
