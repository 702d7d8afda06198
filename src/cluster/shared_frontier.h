// SharedFrontier: the frontier and dedup store of a crawl that several nodes (machines) run together.
//
// Each node keeps its own in-memory Frontier for the hosts it holds, and this for the crawl as a whole:
//   - Offer: a URL this node found. The cluster deduplicates it (once per crawl, whichever node finds it)
//     and queues it for the node that holds its host.
//   - Sync: claims URLs of the hosts this node holds, for its Frontier. A host is held by one node at a
//     time, under a lease the node renews: so each URL goes to one node, and the host's politeness
//     (delay, concurrency, breadth-first order) is kept by that node's Frontier for the whole cluster.
//   - Settle: this node is done with a claimed URL, its record written. Until then the URL stays the
//     node's in the shared store: if the node dies, its host's lease runs out and the node that takes the
//     host over gets the URL again (at least once).
// Offers and settlements are buffered and sent by Sync in batches, offers first: so the cluster never
// sees a page settled before the links it found are queued, and an empty cluster frontier means done.
//
// Implementation: RedisFrontier (redis_frontier.h). The coordinator knows only this interface.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arachne/status.h"

namespace arachne {

// A URL this node claimed.
struct SharedEntry {
  std::string host;     // "scheme://host:port", as offered
  std::string id;       // its entry in the shared store, to settle it with
  std::string payload;  // as offered
};

// What the last Sync learned about the cluster.
struct ClusterCounts {
  std::uint64_t open = 0;      // URLs offered and not yet settled, by any node
  std::uint64_t offered = 0;   // URLs queued since the crawl began
  std::uint64_t recorded = 0;  // URLs settled with a record
  std::size_t nodes = 0;       // nodes alive
  std::size_t hosts_held = 0;  // hosts this node holds
};

struct SyncResult {
  std::vector<SharedEntry> claimed;  // new URLs for this node's Frontier
  std::vector<std::string> lost;     // hosts another node holds now: drop their queued URLs
  // Hosts this node gives up to even out the load (a node joined): Return() their queued URLs; the host
  // goes once the URLs of it in flight are settled.
  std::vector<std::string> handing_over;
};

class SharedFrontier {
 public:
  using Clock = std::chrono::steady_clock;

  virtual ~SharedFrontier() = default;

  // Queues a URL of `host` unless the cluster has seen `dedup_key`. Sent by the next Sync.
  virtual void Offer(std::string_view host, std::string_view dedup_key, std::string payload) = 0;
  // This node is done with a claimed URL; `recorded`: a record of it was written (and flushed). Sent by the
  // next Sync.
  virtual void Settle(std::string_view host, std::string_view id, bool recorded) = 0;

  // Gives back a claimed URL of a host being handed over, unfinished: the host's next node gets it.
  virtual void Return(std::string_view host, std::string_view id) = 0;

  // Sends what is buffered, renews the leases, takes hosts that need a node, and claims up to `want` URLs.
  // Does only what is due at `now` (see next_sync). An IoError means the cluster store is unreachable:
  // nothing buffered is lost, the next Sync tries again (with a backoff); any other error is fatal.
  virtual Status Sync(Clock::time_point now, std::size_t want, SyncResult& result) = 0;
  // When Sync has something to do next.
  virtual Clock::time_point next_sync() const = 0;

  // Whether this node may start fetches at all: its leases are known to be valid. False while the store
  // is unreachable for long: the node pauses rather than risk fetching URLs another node took over.
  virtual bool Active(Clock::time_point now) const = 0;
  // Whether this node holds `host`.
  virtual bool Holds(std::string_view host) const = 0;
  // Whether the whole crawl is done: every URL offered, by any node, is settled, and this node has nothing
  // left to send. As of the last Sync.
  virtual bool Drained() const = 0;
  virtual ClusterCounts counts() const = 0;
  // Describes this node and where the store is, for logs ("node a of crawl site at redis://...").
  virtual std::string Describe() const = 0;

  // Sends what is buffered and gives up this node's hosts, so that other nodes take their unsettled URLs
  // at once rather than after the lease. For a node that stops (finished, or stopped by the user).
  virtual Status Leave() = 0;
};

}  // namespace arachne
