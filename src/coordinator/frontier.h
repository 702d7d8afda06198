// Frontier: the URLs waiting to be fetched, one queue per host, handed out politely and breadth-first.
//
// Each host (scheme, host and port: the unit of robots.txt and politeness) keeps its URLs by depth,
// shallowest first, FIFO within a depth. Hosts take turns (round robin), and a host is only offered while
// its politeness bucket has fewer than `max_per_host` URLs in flight, the host's delay since the bucket's
// last start has passed, and no pause is on. A bucket is the host itself, or, once Group() puts hosts that
// share an IP address together, that address: then the limits hold for the machine, not each name.
//
// Breadth-first for real: a host starts URLs of depth d+1 only once its URLs of depth d are done (their
// records written, their links queued), so a URL's depth is its true distance from a seed, whatever order
// concurrent fetches and parses finish in, and `max_depth` keeps everything within reach. So that one slow
// page cannot hold a host for long, a level whose last URL started `level_grace` ago no longer blocks.
//
// Pop() takes a fetch slot of the host; Release() gives it back when the fetch is over; Done() says the
// URL's record is written. Block() holds a host back entirely (its robots.txt is not known yet).
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
  int retries = 0;       // fetches that ended in a failure worth retrying (timeout, 429, 5xx ...)
  bool sitemap = false;  // a sitemap to read for URLs, not a page
  std::vector<std::string> redirects;  // the redirect chain that led here, oldest first
  std::uint64_t job_key = 0;  // its entry in the crawl's job folder (crawl_journal.h); 0: none
  std::string shared_id;      // its entry in a cluster crawl's shared frontier (cluster/shared_frontier.h)
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

  // A blocked host is not offered until Unblock(); its URLs stay queued.
  void Block(std::string_view host_key);
  void Unblock(std::string_view host_key);
  bool blocked(std::string_view host_key) const;
  // The least time between two starts of the host (at least the constructor's delay), counted from its
  // bucket's last start already.
  void SetDelay(std::string_view host_key, std::chrono::milliseconds delay);
  std::chrono::milliseconds delay(std::string_view host_key) const;
  // No URL of the host's bucket starts before `until` (a failing host backs off as a whole).
  void PauseUntil(std::string_view host_key, Clock::time_point until);
  // Puts the host in the bucket `bucket_key` (its IP address), shared with every host put there.
  void Group(std::string_view host_key, const std::string& bucket_key);
  // Removes the host's queued URLs (not those in flight) and returns them: in a cluster crawl, another
  // node holds the host now, or is about to, and its URLs with it.
  std::vector<QueuedUrl> Evict(std::string_view host_key);

 private:
  struct Level {
    int open = 0;                    // popped and not Done
    Clock::time_point last_start{};  // when the last of them was popped
  };
  struct Host {
    std::map<int, std::deque<QueuedUrl>> queued;  // by depth
    std::map<int, Level> levels;                  // open URLs by depth
    int in_flight = 0;                            // fetch slots taken
    bool in_ready = false;
    std::optional<Clock::time_point> hint;  // the earliest wake-up pushed for it
  };
  // What outlives a host's queue: kept for every host ever seen (a few dozen bytes each).
  struct Policy {
    std::chrono::milliseconds delay{0};
    bool blocked = false;
    std::string bucket;  // the host's own key unless grouped
  };
  // The unit the limits apply to.
  struct Bucket {
    int in_flight = 0;
    Clock::time_point last_start{};
    Clock::time_point next_start{};
    Clock::time_point paused_until{};
    std::vector<std::string> hosts;  // the hosts in it
  };
  struct Wakeup {
    Clock::time_point at;
    std::string host;
    bool operator>(const Wakeup& other) const { return at > other.at; }
  };

  void Add(QueuedUrl url, bool at_front);
  Host& HostFor(std::string_view key);
  Policy& PolicyFor(std::string_view key);
  const Policy* FindPolicy(std::string_view key) const;
  // Reconsiders every host of the bucket (a slot or a pause of theirs changed).
  void ScheduleBucket(const Bucket& bucket, Clock::time_point now);
  void ScheduleHost(std::string_view key, Clock::time_point now);
  // When `host` may start its next URL: now or later; nothing if only Release or Done can free it.
  std::optional<Clock::time_point> ReadyAt(const std::string& key, const Host& host, Clock::time_point now) const;
  // Puts a host in line: ready now, or a wake-up for when time alone will make it ready.
  void Schedule(const std::string& key, Host& host, Clock::time_point now);
  void EraseIfIdle(std::unordered_map<std::string, Host>::iterator it, Clock::time_point now);

  int max_per_host_;
  std::chrono::milliseconds delay_;
  std::chrono::milliseconds level_grace_;
  std::unordered_map<std::string, Host> hosts_;
  std::unordered_map<std::string, Policy> policies_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::deque<std::string> ready_;
  std::priority_queue<Wakeup, std::vector<Wakeup>, std::greater<>> wakeups_;
  std::uint64_t size_ = 0;
};

}  // namespace arachne
