#include "coordinator/crawl_stats.h"

namespace arachne {

namespace {
constexpr auto kRateWindow = std::chrono::seconds(3);

double Seconds(CrawlStats::Clock::duration d) { return std::chrono::duration<double>(d).count(); }
}  // namespace

void CrawlStats::Count(const Record& record) {
  ++summary_.pages;
  ++summary_.by_status[record.status];
  summary_.bytes += record.bytes;
  if (!record.error.empty()) {
    ++summary_.errors_by_kind[record.error];
    ++errors_;
  }
}

Progress CrawlStats::Snapshot(std::uint64_t queued, std::uint64_t in_flight) {
  Clock::time_point now = Clock::now();
  samples_.emplace_back(now, summary_.pages);
  while (samples_.size() > 2 && now - samples_[1].first >= kRateWindow) samples_.pop_front();
  Progress p;
  p.pages = summary_.pages;
  p.errors = errors_;
  p.queued = queued;
  p.in_flight = in_flight;
  p.bytes = summary_.bytes;
  p.retries = summary_.retries;
  p.restarts = summary_.worker_restarts;
  p.elapsed_s = Seconds(now - start_);
  double window = Seconds(now - samples_.front().first);
  p.pages_per_s = window > 0 ? static_cast<double>(summary_.pages - samples_.front().second) / window : 0;
  return p;
}

Summary CrawlStats::Finish(std::uint64_t left_in_queue, bool stopped) const {
  Summary s = summary_;
  s.elapsed_s = Seconds(Clock::now() - start_);
  s.pages_per_s = s.elapsed_s > 0 ? static_cast<double>(s.pages) / s.elapsed_s : 0;
  s.left_in_queue = left_in_queue;
  s.stopped = stopped;
  return s;
}

}  // namespace arachne
