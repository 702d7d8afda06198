#include "coordinator/robots_gate.h"

#include "robots/robots_response.h"

namespace arachne {

std::string RobotsGate::RobotsUrl(std::string_view origin) { return std::string(origin) + "/robots.txt"; }

RobotsGate::Verdict RobotsGate::Check(std::string_view origin, std::string_view url, Clock::time_point now) {
  auto it = origins_.find(std::string(origin));
  if (it == origins_.end()) return Verdict::kFetch;
  Entry& entry = it->second;
  switch (entry.state) {
    case State::kFetching:
    case State::kRetrying:
      return Verdict::kWait;
    case State::kReady:
    case State::kUnreachable:
      break;
  }
  if (now >= entry.expires) return Verdict::kFetch;
  if (entry.state == State::kUnreachable) return Verdict::kUnreachable;
  return entry.rules.Allowed(RobotsTxt::ProductToken(options_.user_agent), url) ? Verdict::kAllowed : Verdict::kDisallowed;
}

void RobotsGate::Fetching(std::string_view origin) {
  Entry& entry = origins_[std::string(origin)];
  if (entry.state != State::kRetrying) entry.failures = 0;
  entry.state = State::kFetching;
}

RobotsGate::Learned RobotsGate::OnFetched(std::string_view origin, const FetchOutcome& outcome,
                                          Clock::time_point now) {
  Entry& entry = origins_[std::string(origin)];
  Learned learned;
  const RobotsResponse response = ClassifyRobotsResponse(outcome.status, outcome.error);
  if (response == RobotsResponse::kUnreachable) {
    ++entry.failures;
    learned.problem = outcome.error.empty() ? "status " + std::to_string(outcome.status) : outcome.error;
    if (entry.failures <= options_.max_failures) {
      entry.state = State::kRetrying;
      learned.retry = true;
    } else {
      entry.state = State::kUnreachable;
      entry.expires = now + options_.cache;
    }
    return learned;
  }
  entry.failures = 0;
  entry.state = State::kReady;
  entry.expires = now + options_.cache;
  if (response == RobotsResponse::kRules) {
    entry.rules = RobotsTxt::Parse(outcome.body);
    learned.crawl_delay_s = entry.rules.CrawlDelay(RobotsTxt::ProductToken(options_.user_agent));
    learned.sitemaps = entry.rules.sitemaps();
  } else {
    // 4xx, too many redirects, or a failure the pages will meet too: no rules (section 2.3.1.3).
    entry.rules = RobotsTxt::AllowAll();
    learned.problem = outcome.error.empty() ? "status " + std::to_string(outcome.status) : outcome.error;
  }
  return learned;
}

}  // namespace arachne
