// AutoThrottle: each host's delay, adapted to how the host is doing.
//
// Scrapy's AutoThrottle algorithm (docs.scrapy.org, "AutoThrottle extension"): a host that answers in
// `latency` can serve `target_concurrency` requests at once when requests start latency/target apart, so
// the delay moves halfway towards that target after each response; an error response may not lower it.
// To that, Arachne adds backing off: each failure worth retrying (timeout, connection error, 429, 5xx)
// doubles the delay, and a host with consecutive failures is paused as a whole for an exponential
// backoff, so a struggling site gets room to recover. A success ends the run of failures.
//
// The delay never drops below the host's minimum (politeness.delay_ms, or its robots.txt Crawl-delay)
// nor rises above max_delay. With adaptive off, the delay is the minimum and only failures pause a host.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <unordered_map>

namespace arachne {

class AutoThrottle {
 public:
  using Duration = std::chrono::milliseconds;

  struct Options {
    bool adaptive = true;
    double target_concurrency = 2;
    Duration min_delay{0};
    Duration max_delay{60000};
    Duration first_backoff{1000};  // the pause after a host's first failure; it doubles with each next one
  };

  // What the host's last response said about it.
  enum class Signal {
    kOk,       // a response the host served normally (2xx, 3xx, 4xx but 408 and 429)
    kFailure,  // a failure worth retrying: timeout, connection error, 408, 429, 5xx
    kOther,    // neither (a DNS failure, a blocked address ...): no information about the host's load
  };

  explicit AutoThrottle(Options options) : options_(options) {}

  // The host's own minimum delay, e.g. its Crawl-delay (never below options.min_delay).
  void SetMinDelay(std::string_view host, Duration delay);

  // Takes in a response that took `latency`; returns the host's new delay.
  Duration OnResponse(std::string_view host, Duration latency, Signal signal);

  // How long the host should pause now: zero unless its last responses were failures, then
  // first_backoff * 2^(failures-1), capped at max_delay.
  Duration Pause(std::string_view host) const;

  Duration delay(std::string_view host) const;
  int failures(std::string_view host) const;

 private:
  struct HostState {
    Duration delay{0};
    Duration min_delay{0};
    int failures = 0;  // consecutive
  };
  HostState& StateFor(std::string_view host);
  const HostState* Find(std::string_view host) const;

  Options options_;
  std::unordered_map<std::string, HostState> hosts_;
};

}  // namespace arachne
