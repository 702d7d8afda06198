// RobotsGate: the crawl's robots.txt cache (RFC 9309), one entry per origin, and what it says about a URL.
//
// An origin's robots.txt is fetched before any other URL of it (Check says kFetch, the caller fetches it
// and reports with OnFetched), and again once it is `cache` old. Until it is known, the origin's URLs
// wait (kWait). What a response means follows RFC 9309 section 2.3.1:
//   - 2xx: its rules apply; a body cut at 500 KiB still applies as far as it goes (section 2.5);
//   - 4xx ("unavailable"), or more than 5 redirects: no rules, everything is allowed;
//   - 5xx, 429 or no response at all ("unreachable"): everything is disallowed. The fetch is retried
//     (the caller's backoff) up to `max_failures` times; after that the origin's URLs are refused with
//     kUnreachable, until the entry expires.
// A robots.txt that cannot be fetched for a reason that would stop the pages too (a DNS failure, an
// address the crawl may not connect to) counts as unavailable: the pages then fail on their own, with the
// real reason in their records.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ipc/messages.h"
#include "robots/robots_txt.h"

namespace arachne {

class RobotsGate {
 public:
  using Clock = std::chrono::steady_clock;

  struct Options {
    std::string user_agent;
    Clock::duration cache = std::chrono::hours(24);
    int max_failures = 3;  // unreachable fetches before the origin's URLs are refused
  };

  enum class Verdict {
    kFetch,        // the origin's robots.txt is unknown or expired: fetch it (then call Fetching)
    kWait,         // a fetch of it is under way, or waits for a retry
    kAllowed,
    kDisallowed,   // its rules refuse the URL
    kUnreachable,  // it could not be fetched: everything is disallowed
  };

  // What robots.txt learned: its Crawl-delay for our agent, its sitemaps; whether to fetch it again
  // (after the caller's backoff) because it was unreachable.
  struct Learned {
    std::optional<double> crawl_delay_s;
    std::vector<std::string> sitemaps;
    bool retry = false;
    std::string problem;  // for the log: why the origin counts as unreachable or unavailable
  };

  explicit RobotsGate(Options options) : options_(std::move(options)) {}

  // `url` is a normalized http(s) URL of `origin` (HostKeyOf(url)).
  Verdict Check(std::string_view origin, std::string_view url, Clock::time_point now);
  void Fetching(std::string_view origin);
  Learned OnFetched(std::string_view origin, const FetchOutcome& outcome, Clock::time_point now);

  // "http://host:port/robots.txt" for an origin.
  static std::string RobotsUrl(std::string_view origin);

 private:
  enum class State { kFetching, kRetrying, kReady, kUnreachable };
  struct Entry {
    State state = State::kFetching;
    RobotsTxt rules = RobotsTxt::AllowAll();
    Clock::time_point expires{};
    int failures = 0;
  };

  Options options_;
  std::unordered_map<std::string, Entry> origins_;
};

}  // namespace arachne
