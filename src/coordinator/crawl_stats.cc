#include "coordinator/crawl_stats.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <stdexcept>

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
  p.discovered = summary_.discovered;
  p.by_status = summary_.by_status;
  p.errors_by_kind = summary_.errors_by_kind;
  p.elapsed_s = Seconds(now - start_);
  double window = Seconds(now - samples_.front().first);
  p.pages_per_s = window > 0 ? static_cast<double>(summary_.pages - samples_.front().second) / window : 0;
  return p;
}

Summary CrawlStats::Finish(std::uint64_t left_in_queue, bool stopped) const {
  Summary s = summary_;
  s.elapsed_s = Seconds(Clock::now() - start_);
  s.pages_per_s = s.elapsed_s > 0 ? static_cast<double>(s.pages - resumed_pages_) / s.elapsed_s : 0;
  s.resumed_pages = resumed_pages_;
  s.left_in_queue = left_in_queue;
  s.stopped = stopped;
  return s;
}

std::string CrawlStats::Save() const {
  const Summary& s = summary_;
  nlohmann::json by_status = nlohmann::json::object();
  for (const auto& [status, n] : s.by_status) by_status[std::to_string(status)] = n;
  return nlohmann::json{{"pages", s.pages},
                        {"errors", errors_},
                        {"by_status", by_status},
                        {"errors_by_kind", s.errors_by_kind},
                        {"bytes", s.bytes},
                        {"discovered", s.discovered},
                        {"out_of_scope", s.out_of_scope},
                        {"robots_disallowed", s.robots_disallowed},
                        {"nofollow", s.nofollow},
                        {"from_sitemaps", s.from_sitemaps},
                        {"retries", s.retries},
                        {"limited", s.limited},
                        {"quarantined", s.quarantined}}
      .dump();
}

namespace {

// A count Save wrote: an unsigned integer (nlohmann's get<> would turn -1 or 1.5 into one).
std::uint64_t SavedCount(const nlohmann::json& j, const char* key) {
  const nlohmann::json& value = j.at(key);
  if (!value.is_number_unsigned()) throw std::invalid_argument(key);
  return value.get<std::uint64_t>();
}

std::map<std::string, std::uint64_t> SavedCounts(const nlohmann::json& j, const char* key) {
  std::map<std::string, std::uint64_t> counts;
  for (const auto& [name, n] : j.at(key).items()) {
    if (!n.is_number_unsigned()) throw std::invalid_argument(key);
    counts[name] = n.get<std::uint64_t>();
  }
  return counts;
}

}  // namespace

bool CrawlStats::Restore(std::string_view saved) {
  const nlohmann::json j = nlohmann::json::parse(saved, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return false;
  Summary s;
  std::uint64_t errors = 0;
  try {
    s.pages = SavedCount(j, "pages");
    errors = SavedCount(j, "errors");
    for (const auto& [status, n] : SavedCounts(j, "by_status")) {
      int code = 0;
      auto [end, error] = std::from_chars(status.data(), status.data() + status.size(), code);
      if (error != std::errc() || end != status.data() + status.size()) return false;
      s.by_status[code] = n;
    }
    s.errors_by_kind = SavedCounts(j, "errors_by_kind");
    s.bytes = SavedCount(j, "bytes");
    s.discovered = SavedCount(j, "discovered");
    s.out_of_scope = SavedCount(j, "out_of_scope");
    s.robots_disallowed = SavedCount(j, "robots_disallowed");
    s.nofollow = SavedCount(j, "nofollow");
    s.from_sitemaps = SavedCount(j, "from_sitemaps");
    s.retries = SavedCount(j, "retries");
    s.limited = SavedCounts(j, "limited");
    s.quarantined = SavedCount(j, "quarantined");
  } catch (const std::exception&) {  // a missing key, a wrong type
    return false;
  }
  summary_ = std::move(s);
  errors_ = errors;
  resumed_pages_ = summary_.pages;
  return true;
}

}  // namespace arachne
