#include "coordinator/frontier.h"

namespace arachne {

std::string_view HostKeyOf(std::string_view url) {
  std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return url;
  std::size_t path = url.find_first_of("/?#", scheme_end + 3);
  return path == std::string_view::npos ? url : url.substr(0, path);
}

Frontier::Frontier(int max_per_host, std::chrono::milliseconds delay)
    : max_per_host_(max_per_host < 1 ? 1 : max_per_host), delay_(delay) {}

Frontier::Host& Frontier::HostFor(std::string_view key) {
  auto it = hosts_.find(std::string(key));
  if (it == hosts_.end()) it = hosts_.emplace(std::string(key), Host{}).first;
  return it->second;
}

void Frontier::Schedule(const std::string& key, Host& host, Clock::time_point now) {
  if (host.scheduled || host.queue.empty() || host.in_flight >= max_per_host_) return;
  host.scheduled = true;
  if (host.next_start <= now) {
    ready_.push_back(key);
  } else {
    waiting_.push(Waiting{host.next_start, key});
  }
}

void Frontier::Push(QueuedUrl url) {
  std::string key(HostKeyOf(url.url));
  Host& host = HostFor(key);
  host.queue.push_back(std::move(url));
  ++size_;
  Schedule(key, host, Clock::now());
}

void Frontier::PushFront(QueuedUrl url) {
  std::string key(HostKeyOf(url.url));
  Host& host = HostFor(key);
  host.queue.push_front(std::move(url));
  ++size_;
  Schedule(key, host, Clock::now());
}

std::optional<QueuedUrl> Frontier::Pop(Clock::time_point now) {
  while (!waiting_.empty() && waiting_.top().at <= now) {
    ready_.push_back(waiting_.top().host);
    waiting_.pop();
  }
  // Each pass either hands out a URL or unschedules a host, so this ends within ready_.size() steps.
  while (!ready_.empty()) {
    std::string key = std::move(ready_.front());
    ready_.pop_front();
    auto it = hosts_.find(key);
    if (it == hosts_.end()) continue;
    Host& host = it->second;
    host.scheduled = false;
    if (host.queue.empty() || host.in_flight >= max_per_host_) continue;
    if (host.next_start > now) {
      Schedule(key, host, now);
      continue;
    }
    QueuedUrl url = std::move(host.queue.front());
    host.queue.pop_front();
    --size_;
    ++host.in_flight;
    host.next_start = now + delay_;
    Schedule(key, host, now);
    return url;
  }
  return std::nullopt;
}

void Frontier::Release(std::string_view host_key) {
  auto it = hosts_.find(std::string(host_key));
  if (it == hosts_.end()) return;
  Host& host = it->second;
  if (host.in_flight > 0) --host.in_flight;
  if (host.queue.empty() && host.in_flight == 0 && !host.scheduled) {
    // Keep the host while a delay is pending, so its next request still waits for it.
    if (delay_.count() == 0 || host.next_start <= Clock::now()) hosts_.erase(it);
    return;
  }
  Schedule(it->first, host, Clock::now());
}

std::optional<Frontier::Clock::time_point> Frontier::NextWakeup() const {
  if (waiting_.empty()) return std::nullopt;
  return waiting_.top().at;
}

}  // namespace arachne
