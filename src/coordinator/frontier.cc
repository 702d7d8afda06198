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

Frontier::Policy& Frontier::PolicyFor(std::string_view key) {
  auto it = policies_.find(std::string(key));
  if (it != policies_.end()) return it->second;
  Policy policy;
  policy.delay = delay_;
  policy.bucket = std::string(key);
  buckets_[policy.bucket].hosts.emplace_back(key);
  return policies_.emplace(std::string(key), std::move(policy)).first->second;
}

const Frontier::Policy* Frontier::FindPolicy(std::string_view key) const {
  auto it = policies_.find(std::string(key));
  return it == policies_.end() ? nullptr : &it->second;
}

std::optional<Frontier::Clock::time_point> Frontier::ReadyAt(const std::string& key, const Host& host,
                                                             Clock::time_point now) const {
  if (host.queued.empty()) return std::nullopt;
  // Every host in hosts_ got its policy and bucket when its first URL was added.
  const Policy& policy = policies_.at(key);
  if (policy.blocked) return std::nullopt;
  const Bucket& bucket = buckets_.at(policy.bucket);
  if (bucket.in_flight >= max_per_host_) return std::nullopt;
  Clock::time_point at = std::max({now, bucket.next_start, bucket.paused_until});
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
  std::optional<Clock::time_point> at = ReadyAt(key, host, now);
  if (!at) return;
  if (*at <= now) {
    host.in_ready = true;
    ready_.push_back(key);
  } else if (!host.hint || *at < *host.hint) {
    host.hint = *at;
    wakeups_.push(Wakeup{*at, key});
  }
}

void Frontier::ScheduleHost(std::string_view key, Clock::time_point now) {
  auto it = hosts_.find(std::string(key));
  if (it != hosts_.end()) Schedule(it->first, it->second, now);
}

void Frontier::ScheduleBucket(const Bucket& bucket, Clock::time_point now) {
  for (const std::string& key : bucket.hosts) ScheduleHost(key, now);
}

void Frontier::Add(QueuedUrl url, bool at_front) {
  std::string key(HostKeyOf(url.url));
  PolicyFor(key);
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
    std::optional<Clock::time_point> at = ReadyAt(key, host, now);
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
    const Policy& policy = policies_.at(key);
    Bucket& bucket = buckets_.at(policy.bucket);
    ++bucket.in_flight;
    bucket.last_start = now;
    bucket.next_start = now + policy.delay;
    Schedule(key, host, now);
    return url;
  }
  return std::nullopt;
}

void Frontier::EraseIfIdle(std::unordered_map<std::string, Host>::iterator it, Clock::time_point) {
  const Host& host = it->second;
  // The host's delay and pause live on in its bucket, so its next request still waits for them.
  if (host.queued.empty() && host.in_flight == 0 && host.levels.empty() && !host.in_ready) hosts_.erase(it);
}

std::vector<QueuedUrl> Frontier::Evict(std::string_view host_key) {
  std::vector<QueuedUrl> evicted;
  auto it = hosts_.find(std::string(host_key));
  if (it == hosts_.end()) return evicted;
  for (auto& [depth, urls] : it->second.queued) {
    for (QueuedUrl& url : urls) evicted.push_back(std::move(url));
  }
  it->second.queued.clear();
  size_ -= evicted.size();
  // Its ready_ entry and wake-up find no URL and let it go; an open level stays until its URLs are Done.
  EraseIfIdle(it, Clock::now());
  return evicted;
}

void Frontier::Release(std::string_view host_key) {
  auto it = hosts_.find(std::string(host_key));
  if (it == hosts_.end()) return;
  Clock::time_point now = Clock::now();
  if (it->second.in_flight > 0) {
    --it->second.in_flight;
    Bucket& bucket = buckets_.at(policies_.at(it->first).bucket);
    if (bucket.in_flight > 0) --bucket.in_flight;
    ScheduleBucket(bucket, now);
  }
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

void Frontier::Block(std::string_view host_key) { PolicyFor(host_key).blocked = true; }

void Frontier::Unblock(std::string_view host_key) {
  PolicyFor(host_key).blocked = false;
  ScheduleHost(host_key, Clock::now());
}

bool Frontier::blocked(std::string_view host_key) const {
  const Policy* policy = FindPolicy(host_key);
  return policy != nullptr && policy->blocked;
}

void Frontier::SetDelay(std::string_view host_key, std::chrono::milliseconds delay) {
  Policy& policy = PolicyFor(host_key);
  policy.delay = std::max(delay_, delay);
  // A longer delay holds the next start already; a shorter one waits for the next start to be set.
  Bucket& bucket = buckets_.at(policy.bucket);
  if (bucket.last_start != Clock::time_point{}) {
    bucket.next_start = std::max(bucket.next_start, bucket.last_start + policy.delay);
  }
}

std::chrono::milliseconds Frontier::delay(std::string_view host_key) const {
  const Policy* policy = FindPolicy(host_key);
  return policy == nullptr ? delay_ : policy->delay;
}

void Frontier::PauseUntil(std::string_view host_key, Clock::time_point until) {
  Bucket& bucket = buckets_.at(PolicyFor(host_key).bucket);
  bucket.paused_until = std::max(bucket.paused_until, until);
  ScheduleBucket(bucket, Clock::now());
}

void Frontier::Group(std::string_view host_key, const std::string& bucket_key) {
  Policy& policy = PolicyFor(host_key);
  if (policy.bucket == bucket_key) return;
  Bucket& from = buckets_.at(policy.bucket);
  Bucket& to = buckets_[bucket_key];
  // The host's transfers in flight move with it, so that their Release() lands in the right bucket.
  auto host = hosts_.find(std::string(host_key));
  const int in_flight = host == hosts_.end() ? 0 : host->second.in_flight;
  from.in_flight = std::max(0, from.in_flight - in_flight);
  to.in_flight += in_flight;
  to.last_start = std::max(to.last_start, from.last_start);
  to.next_start = std::max(to.next_start, from.next_start);
  to.paused_until = std::max(to.paused_until, from.paused_until);
  std::erase(from.hosts, std::string(host_key));
  to.hosts.emplace_back(host_key);
  policy.bucket = bucket_key;
  Clock::time_point now = Clock::now();
  ScheduleBucket(from, now);
  ScheduleBucket(to, now);
}

}  // namespace arachne
