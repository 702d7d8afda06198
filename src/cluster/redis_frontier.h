// RedisFrontier: the SharedFrontier of a cluster crawl, kept in Redis.
//
// Each host has a Redis stream of its URLs and a lease naming the node that holds it. Which node should
// take a free host is computed by every node alike from the live nodes and the hosts (host_assignment.h),
// so the hosts spread evenly without the nodes talking to each other; the lease (SET NX PX) makes sure only
// one node holds a host at a time, and runs out when its node dies.
//
// Why streams with a consumer group, rather than lists moved with LMOVE and a reaper: the group's pending
// entries list is exactly "claimed by a node and not settled", kept by Redis itself. A node reads its
// hosts' new URLs with XREADGROUP (they become pending under its name) and settles them with XACK; a node
// that takes over a host takes that host's pending entries with one XAUTOCLAIM, whoever held them. Lists
// would need a processing list per node, a reaper to find dead nodes' lists and move them back, and care
// to keep the move atomic; XAUTOCLAIM is that reaper, built in.
//
// Round trips: every Sync sends the buffered offers and settlements (a Lua script each, for up to 1,000
// URLs) and reads the counters in one pipeline, and claims new URLs of all the node's hosts with one
// XREADGROUP over their streams; leases are renewed every quarter lease, in the same pipeline.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "cluster/redis_connection.h"
#include "cluster/redis_endpoint.h"
#include "cluster/shared_frontier.h"

namespace arachne {

struct RedisFrontierOptions {
  RedisEndpoint endpoint;
  std::string crawl;  // the crawl's name: the keys are "arachne:{<crawl>}:..."
  std::string node;   // this node's name, unique among the crawl's live nodes
  // How long a node's hold on its hosts outlives its last renewal: after a crash, its URLs go to other
  // nodes this long after. Renewed every quarter of it.
  std::chrono::milliseconds lease{10000};
  // The least time between two Syncs that talk to Redis, unless the buffers fill up.
  std::chrono::milliseconds sync_interval{50};
};

class RedisFrontier final : public SharedFrontier {
 public:
  // Connects and registers the node. Fails if Redis cannot be reached or refuses the login, or if a live
  // node of the crawl has the same name.
  static Result<std::unique_ptr<RedisFrontier>> Join(RedisFrontierOptions options);

  void Offer(std::string_view host, std::string_view dedup_key, std::string payload) override;
  void Settle(std::string_view host, std::string_view id, bool recorded) override;
  void Return(std::string_view host, std::string_view id) override;
  Status Sync(Clock::time_point now, std::size_t want, SyncResult& result) override;
  Clock::time_point next_sync() const override { return next_sync_; }
  bool Active(Clock::time_point now) const override { return now < leases_valid_until_; }
  bool Holds(std::string_view host) const override { return held_.count(std::string(host)) > 0; }
  bool Drained() const override;
  ClusterCounts counts() const override;
  std::string Describe() const override;
  Status Leave() override;

  // Round trips and commands sent to Redis so far (bench/cluster.sh reports them per page).
  std::uint64_t round_trips() const { return redis_.round_trips(); }
  std::uint64_t commands() const { return redis_.commands(); }

 private:
  explicit RedisFrontier(RedisFrontierOptions options);
  std::string Key(std::string_view name) const { return prefix_ + std::string(name); }
  std::string StreamOf(std::string_view host) const { return prefix_ + "q:" + std::string(host); }
  // Offers, settlements, the lease renewal when due, and the counters: one pipeline.
  Status Exchange(Clock::time_point now, SyncResult& result);
  // Takes the free hosts this node should hold, with their pending URLs, and gives up hosts while it holds
  // more than its share.
  Status Assign(SyncResult& result);
  // Releases the hosts handed over whose URLs are all settled or returned.
  Status ReleaseHandedOver();
  // New URLs of the held hosts.
  Status Claim(std::size_t want, SyncResult& result);
  void ReadEntries(const redisReply* entries, std::string_view host, SyncResult& result);
  // Reads the entries pending under this node's name in its hosts' streams again, and hands out those it
  // does not know of: after a broken connection, a claim Redis carried out may never have been answered.
  Status Recover(SyncResult& result);

  RedisFrontierOptions options_;
  RedisConnection redis_;
  std::string prefix_;
  std::vector<std::string> offers_;   // (fingerprint, host, payload) triples, flattened
  std::vector<std::string> settles_;  // (host, id, recorded) triples, flattened
  std::set<std::string> held_;
  // Per host, the entries handed out and not yet settled in Redis (a settlement still buffered included).
  std::unordered_map<std::string, std::unordered_set<std::string>> outstanding_;
  bool recover_ = false;  // a round trip failed since the last Recover
  // Hosts being handed over: no new claims; released once nothing of them is outstanding.
  std::set<std::string> handing_over_;
  std::vector<std::string> nodes_;  // live, as of the last renewal
  std::vector<std::string> hosts_;  // every host with a queue, as of the last assignment
  std::uint64_t open_ = 0, offered_ = 0, recorded_ = 0, host_count_ = 0;
  bool exchanged_ = false;  // an exchange succeeded since the last Offer or Settle
  Clock::time_point next_sync_{};
  Clock::time_point next_renew_{};
  Clock::time_point next_assign_{};
  Clock::time_point leases_valid_until_{};
};

}  // namespace arachne
