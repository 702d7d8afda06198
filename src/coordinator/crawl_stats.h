// CrawlStats: the coordinator's counters, and the Progress and Summary made from them.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>

#include "arachne/record.h"
#include "arachne/summary.h"

namespace arachne {

class CrawlStats {
 public:
  using Clock = std::chrono::steady_clock;

  CrawlStats() : start_(Clock::now()) {}

  void Count(const Record& record);
  void CountDiscovered() { ++summary_.discovered; }
  void CountOutOfScope(std::uint64_t n) { summary_.out_of_scope += n; }
  void CountRestart() { ++summary_.worker_restarts; }
  void CountHung() { ++summary_.worker_hangs; }
  void CountQuarantined() { ++summary_.quarantined; }
  void CountRobotsDisallowed(std::uint64_t n) { summary_.robots_disallowed += n; }
  void CountNofollow(std::uint64_t n) { summary_.nofollow += n; }
  void CountFromSitemap() { ++summary_.from_sitemaps; }
  void CountRetry() { ++summary_.retries; }
  // A URL not queued because of the cap `name` ("url_length", "pages_per_host", "redirects" ...).
  void CountLimited(std::string_view name, std::uint64_t n = 1) {
    if (n > 0) summary_.limited[std::string(name)] += n;
  }

  std::uint64_t pages() const { return summary_.pages; }
  std::uint64_t errors() const { return errors_; }

  // The counters as JSON, for a job folder (crawl_journal.h), and back: a resumed crawl's counters go on
  // from where they were. Restore fails on text Save did not write; its pages count as resumed (Summary).
  std::string Save() const;
  bool Restore(std::string_view saved);
  Progress Snapshot(std::uint64_t queued, std::uint64_t in_flight);
  Summary Finish(std::uint64_t left_in_queue, bool stopped) const;

 private:
  Clock::time_point start_;
  Summary summary_;
  std::uint64_t errors_ = 0;
  std::uint64_t resumed_pages_ = 0;  // pages counted before this run (Restore): not in its pages/s
  std::deque<std::pair<Clock::time_point, std::uint64_t>> samples_;  // for the recent pages/s
};

}  // namespace arachne
