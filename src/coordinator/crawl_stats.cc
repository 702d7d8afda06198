#include "coordinator/crawl_stats.h"

#include <nlohmann/json.hpp>

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

bool CrawlStats::Restore(std::string_view saved) {
  const nlohmann::json j = nlohmann::json::parse(saved, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return false;
  Summary s;
  std::uint64_t errors = 0;
  try {
    s.pages = j.at("pages").get<std::uint64_t>();
    errors = j.at("errors").get<std::uint64_t>();
    for (const auto& [status, n] : j.at("by_status").items()) s.by_status[std::stoi(status)] = n.get<std::uint64_t>();
    s.errors_by_kind = j.at("errors_by_kind").get<std::map<std::string, std::uint64_t>>();
    s.bytes = j.at("bytes").get<std::uint64_t>();
    s.discovered = j.at("discovered").get<std::uint64_t>();
    s.out_of_scope = j.at("out_of_scope").get<std::uint64_t>();
    s.robots_disallowed = j.at("robots_disallowed").get<std::uint64_t>();
    s.nofollow = j.at("nofollow").get<std::uint64_t>();
    s.from_sitemaps = j.at("from_sitemaps").get<std::uint64_t>();
    s.retries = j.at("retries").get<std::uint64_t>();
    s.limited = j.at("limited").get<std::map<std::string, std::uint64_t>>();
    s.quarantined = j.at("quarantined").get<std::uint64_t>();
  } catch (const std::exception&) {  // a missing key, a wrong type, a status that is not a number
    return false;
  }
  summary_ = std::move(s);
  errors_ = errors;
  resumed_pages_ = summary_.pages;
  return true;
}

}  // namespace arachne
