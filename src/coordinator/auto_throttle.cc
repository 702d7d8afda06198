#include "coordinator/auto_throttle.h"

#include <algorithm>
#include <cmath>

namespace arachne {

AutoThrottle::HostState& AutoThrottle::StateFor(std::string_view host) {
  auto it = hosts_.find(std::string(host));
  if (it != hosts_.end()) return it->second;
  HostState state;
  state.delay = options_.min_delay;
  state.min_delay = options_.min_delay;
  return hosts_.emplace(std::string(host), state).first->second;
}

const AutoThrottle::HostState* AutoThrottle::Find(std::string_view host) const {
  auto it = hosts_.find(std::string(host));
  return it == hosts_.end() ? nullptr : &it->second;
}

void AutoThrottle::SetMinDelay(std::string_view host, Duration delay) {
  HostState& state = StateFor(host);
  state.min_delay = std::clamp(delay, options_.min_delay, std::max(options_.min_delay, options_.max_delay));
  state.delay = std::max(state.delay, state.min_delay);
}

AutoThrottle::Duration AutoThrottle::OnResponse(std::string_view host, Duration latency, Signal signal) {
  HostState& state = StateFor(host);
  const Duration ceiling = std::max(state.min_delay, options_.max_delay);
  Duration next = state.delay;
  if (signal == Signal::kFailure) {
    ++state.failures;
    // Doubling from zero would stay zero: a failing host gets at least its latency between requests.
    next = std::max(state.delay * 2, std::max(latency, Duration(100)));
  } else {
    if (signal == Signal::kOk) state.failures = 0;
    if (options_.adaptive) {
      const auto target = Duration(static_cast<Duration::rep>(
          static_cast<double>(latency.count()) / std::max(0.01, options_.target_concurrency)));
      next = std::max(target, (state.delay + target) / 2);
      // Only a normal response may bring the delay down (Scrapy's rule: errors come fast, and would
      // otherwise speed the crawl up against a host that is failing).
      if (signal != Signal::kOk && next < state.delay) next = state.delay;
    } else if (signal == Signal::kOk) {
      next = state.min_delay;  // without adaptation, only a run of failures lifts the delay
    }
  }
  state.delay = std::clamp(next, state.min_delay, ceiling);
  return state.delay;
}

AutoThrottle::Duration AutoThrottle::Pause(std::string_view host) const {
  const HostState* state = Find(host);
  if (state == nullptr || state->failures == 0) return Duration(0);
  const double pause = static_cast<double>(options_.first_backoff.count()) *
                       std::exp2(std::min(state->failures - 1, 40));
  return Duration(static_cast<Duration::rep>(std::min(pause, static_cast<double>(options_.max_delay.count()))));
}

AutoThrottle::Duration AutoThrottle::delay(std::string_view host) const {
  const HostState* state = Find(host);
  return state == nullptr ? options_.min_delay : state->delay;
}

int AutoThrottle::failures(std::string_view host) const {
  const HostState* state = Find(host);
  return state == nullptr ? 0 : state->failures;
}

}  // namespace arachne
