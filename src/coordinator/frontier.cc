#include "coordinator/frontier.h"

#include <algorithm>

namespace arachne {

std::string_view HostKeyOf(std::string_view url) {
  std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return url;
  std::size_t path = url.find_first_of("/?#", scheme_end + 3);
  return path == std::string_view::npos ? url : url.substr(0, path);
}

Frontier::Frontier(int max_per_host, std::chrono::milliseconds delay, std::chrono::milliseconds level_grace)
    : max_per_host_(std::max(1, max_per_host)), delay_(delay), level_grace_(level_grace) {}

Frontier::Host& Frontier::HostFor(std::string_view key) {
  auto it = hosts_.find(std::string(key));
  if (it == hosts_.end()) it = hosts_.emplace(std::string(key), Host{}).first;
  return it->second;
}

std::optional<Frontier::Clock::time_point> Frontier::ReadyAt(const Host& host, Clock::time_point now) const {
  if (host.queued.empty() || host.in_flight >= max_per_host_) return std::nullopt;
  Clock::time_point at = std::max(now, host.next_start);
  const int depth = host.queued.begin()->first;
  // A shallower level still open holds this one until its grace runs out; Done() reschedules the host
  // sooner when the level finishes first.
  for (const auto& [level_depth, level] : host.levels) {
    if (level_depth >= depth) break;
    at = std::max(at, level.last_start + level_grace_);
  }
  return at;
}

void Frontier::Schedule(const std::string& key, Host& host, Clock::time_point now) {
  if (host.in_ready) return;
  std::optional<Clock::time_point> at = ReadyAt(host, now);
  if (!at) return;
  if (*at <= now) {
    host.in_ready = true;
    ready_.push_back(key);
  } else if (!host.hint || *at < *host.hint) {
    host.hint = *at;
    wakeups_.push(Wakeup{*at, key});
  }
}

void Frontier::Add(QueuedUrl url, bool at_front) {
  std::string key(HostKeyOf(url.url));
  Host& host = HostFor(key);
  std::deque<QueuedUrl>& level = host.queued[url.depth];
  if (at_front) {
    level.push_front(std::move(url));
  } else {
    level.push_back(std::move(url));
  }
  ++size_;
  Schedule(key, host, Clock::now());
}

std::optional<QueuedUrl> Frontier::Pop(Clock::time_point now) {
  while (!wakeups_.empty() && wakeups_.top().at <= now) {
    std::string key = wakeups_.top().host;
    wakeups_.pop();
    auto it = hosts_.find(key);
    if (it == hosts_.end()) continue;
    it->second.hint.reset();
    Schedule(key, it->second, now);
  }
  // Each pass hands out a URL or takes a host out of ready_, so this ends within ready_.size() passes.
  while (!ready_.empty()) {
    std::string key = std::move(ready_.front());
    ready_.pop_front();
    auto it = hosts_.find(key);
    if (it == hosts_.end()) continue;
    Host& host = it->second;
    host.in_ready = false;
    std::optional<Clock::time_point> at = ReadyAt(host, now);
    if (!at || *at > now) {
      Schedule(key, host, now);
      continue;
    }
    auto shallowest = host.queued.begin();
    QueuedUrl url = std::move(shallowest->second.front());
    shallowest->second.pop_front();
    if (shallowest->second.empty()) host.queued.erase(shallowest);
    --size_;
    ++host.in_flight;
    Level& level = host.levels[url.depth];
    ++level.open;
    level.last_start = now;
    host.next_start = now + delay_;
    Schedule(key, host, now);
    return url;
  }
  return std::nullopt;
}

void Frontier::EraseIfIdle(std::unordered_map<std::string, Host>::iterator it, Clock::time_point now) {
  const Host& host = it->second;
  // A host with a pending delay is kept, so its next request still waits for it.
  if (host.queued.empty() && host.in_flight == 0 && host.levels.empty() && !host.in_ready &&
      host.next_start <= now) {
    hosts_.erase(it);
  }
}

void Frontier::Release(std::string_view host_key) {
  auto it = hosts_.find(std::string(host_key));
  if (it == hosts_.end()) return;
  Clock::time_point now = Clock::now();
  if (it->second.in_flight > 0) --it->second.in_flight;
  Schedule(it->first, it->second, now);
  EraseIfIdle(it, now);
}

void Frontier::Done(std::string_view host_key, int depth) {
  auto it = hosts_.find(std::string(host_key));
  if (it == hosts_.end()) return;
  Clock::time_point now = Clock::now();
  auto level = it->second.levels.find(depth);
  if (level != it->second.levels.end() && --level->second.open <= 0) it->second.levels.erase(level);
  Schedule(it->first, it->second, now);
  EraseIfIdle(it, now);
}

std::optional<Frontier::Clock::time_point> Frontier::NextWakeup() const {
  if (wakeups_.empty()) return std::nullopt;
  return wakeups_.top().at;
}

}  // namespace arachne
