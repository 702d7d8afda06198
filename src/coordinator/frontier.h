// Frontier: the URLs waiting to be fetched, one queue per host, handed out politely and breadth-first.
//
// Each host (scheme, host and port: the unit of robots.txt and politeness) keeps its URLs by depth,
// shallowest first, FIFO within a depth. Hosts take turns (round robin), and a host is only offered while
// it has fewer than `max_per_host` URLs in flight and its `delay` since the last start has passed.
//
// Breadth-first for real: a host starts URLs of depth d+1 only once its URLs of depth d are done (their
// records written, their links queued), so a URL's depth is its true distance from a seed, whatever order
// concurrent fetches and parses finish in, and `max_depth` keeps everything within reach. So that one slow
// page cannot hold a host for long, a level whose last URL started `level_grace` ago no longer blocks.
//
// Pop() takes a fetch slot of the host; Release() gives it back when the fetch is over; Done() says the
// URL's record is written.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
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

  Frontier(int max_per_host, std::chrono::milliseconds delay,
           std::chrono::milliseconds level_grace = std::chrono::seconds(5));

  void Push(QueuedUrl url) { Add(std::move(url), /*at_front=*/false); }
  // Puts a URL back at the head of its host's queue for its depth (a fetch that must be retried).
  void PushFront(QueuedUrl url) { Add(std::move(url), /*at_front=*/true); }

  // The next URL whose host may start a request at `now`, taking one of that host's fetch slots.
  std::optional<QueuedUrl> Pop(Clock::time_point now);
  // Gives back the fetch slot taken by Pop for a URL of `host_key`.
  void Release(std::string_view host_key);
  // The URL of `host_key` popped at `depth` is finished: recorded, or put back with PushFront.
  void Done(std::string_view host_key, int depth);

  std::uint64_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::size_t hosts() const { return hosts_.size(); }
  // When a host that waits only for time (its delay or a level's grace) may become ready.
  std::optional<Clock::time_point> NextWakeup() const;

 private:
  struct Level {
    int open = 0;                    // popped and not Done
    Clock::time_point last_start{};  // when the last of them was popped
  };
  struct Host {
    std::map<int, std::deque<QueuedUrl>> queued;  // by depth
    std::map<int, Level> levels;                  // open URLs by depth
    int in_flight = 0;                            // fetch slots taken
    Clock::time_point next_start{};
    bool in_ready = false;
    std::optional<Clock::time_point> hint;  // the earliest wake-up pushed for it
  };
  struct Wakeup {
    Clock::time_point at;
    std::string host;
    bool operator>(const Wakeup& other) const { return at > other.at; }
  };

  void Add(QueuedUrl url, bool at_front);
  Host& HostFor(std::string_view key);
  // When `host` may start its next URL: now or later; nothing if only Release or Done can free it.
  std::optional<Clock::time_point> ReadyAt(const Host& host, Clock::time_point now) const;
  // Puts a host in line: ready now, or a wake-up for when time alone will make it ready.
  void Schedule(const std::string& key, Host& host, Clock::time_point now);
  void EraseIfIdle(std::unordered_map<std::string, Host>::iterator it, Clock::time_point now);

  int max_per_host_;
  std::chrono::milliseconds delay_;
  std::chrono::milliseconds level_grace_;
  std::unordered_map<std::string, Host> hosts_;
  std::deque<std::string> ready_;
  std::priority_queue<Wakeup, std::vector<Wakeup>, std::greater<>> wakeups_;
  std::uint64_t size_ = 0;
};

}  // namespace arachne
