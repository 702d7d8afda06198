// Frontier: the URLs waiting to be fetched, one queue per host, handed out politely.
//
// Each host (scheme, host and port: the unit of robots.txt and politeness) has a FIFO queue, so within a
// host the crawl is breadth-first. Hosts take turns (round robin), and a host is only offered while it has
// fewer than `max_per_host` URLs in flight and its `delay` since the last start has passed. Pop() takes a
// slot of the host; Release() gives it back when the fetch is over.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <queue>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace arachne {

struct QueuedUrl {
  std::string url;       // normalized, absolute
  std::string referrer;  // the page that linked here; empty for a seed
  int depth = 0;
  int attempts = 0;      // fetches started before, that ended without a record (a worker died)
};

// "http://host:port" of a serialized http(s) URL: everything before the path.
std::string_view HostKeyOf(std::string_view url);

class Frontier {
 public:
  using Clock = std::chrono::steady_clock;

  Frontier(int max_per_host, std::chrono::milliseconds delay);

  void Push(QueuedUrl url);
  // Puts a URL back at the head of its host's queue (a fetch that must be retried).
  void PushFront(QueuedUrl url);

  // The next URL whose host may start a request at `now`, taking one of that host's slots.
  std::optional<QueuedUrl> Pop(Clock::time_point now);
  // Gives back the slot taken by Pop for a URL of `host_key`.
  void Release(std::string_view host_key);

  std::uint64_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::size_t hosts() const { return hosts_.size(); }
  // When the earliest host that waits only for its delay becomes ready; nothing if none waits so.
  std::optional<Clock::time_point> NextWakeup() const;

 private:
  struct Host {
    std::deque<QueuedUrl> queue;
    int in_flight = 0;
    Clock::time_point next_start{};
    bool scheduled = false;  // in ready_ or in waiting_
  };
  struct Waiting {
    Clock::time_point at;
    std::string host;
    bool operator>(const Waiting& other) const { return at > other.at; }
  };

  Host& HostFor(std::string_view key);
  // Puts a host with queued URLs and a free slot in line: ready now, or waiting for its delay.
  void Schedule(const std::string& key, Host& host, Clock::time_point now);

  int max_per_host_;
  std::chrono::milliseconds delay_;
  std::unordered_map<std::string, Host> hosts_;
  std::deque<std::string> ready_;
  std::priority_queue<Waiting, std::vector<Waiting>, std::greater<>> waiting_;
  std::uint64_t size_ = 0;
};

}  // namespace arachne
