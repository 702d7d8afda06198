// RedisFrontier against a real redis-server on 127.0.0.1: deduplication across nodes, hosts shared out,
// settlement, a dead node's claims taken over, a lost lease, a claim whose reply was lost, logins.
#include "cluster/redis_frontier.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/redis_frontier_options.h"
#include "support/redis_server.h"

namespace arachne {
namespace {

using Clock = std::chrono::steady_clock;
using test::RedisServer;

constexpr std::chrono::milliseconds kLease{400};

RedisFrontierOptions Options(const RedisServer& redis, const std::string& node) {
  RedisFrontierOptions options = test::NodeOptions(redis, "test", node);
  options.lease = kLease;
  options.sync_interval = std::chrono::milliseconds(10);
  return options;
}

std::unique_ptr<RedisFrontier> JoinOrFail(const RedisServer& redis, const std::string& node) {
  Result<std::unique_ptr<RedisFrontier>> frontier = RedisFrontier::Join(Options(redis, node));
  EXPECT_TRUE(frontier.ok()) << frontier.status().ToString();
  return frontier.ok() ? std::move(*frontier) : nullptr;
}

// What a node claimed: payload -> entry.
using Claims = std::map<std::string, SharedEntry>;

// Syncs `node` (every 10 ms, at most 3 s) until `done` says so; collects what it claims and loses.
template <typename Done>
bool SyncUntil(RedisFrontier& node, Claims& claims, Done done, std::vector<std::string>* lost = nullptr,
               std::size_t want = 1000) {
  for (int i = 0; i < 300; ++i) {
    SyncResult result;
    Status s = node.Sync(Clock::now(), want, result);
    for (SharedEntry& entry : result.claimed) claims[entry.payload] = entry;
    if (lost != nullptr) lost->insert(lost->end(), result.lost.begin(), result.lost.end());
    if (s.ok() && done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

// Syncs `a` and `b` in turns (every 10 ms, at most 3 s) until they have claimed `total` URLs between them.
bool ClaimInTurns(RedisFrontier& a, RedisFrontier& b, Claims& from_a, Claims& from_b, std::size_t total) {
  for (int i = 0; i < 300 && from_a.size() + from_b.size() < total; ++i) {
    SyncResult ra, rb;
    if (!a.Sync(Clock::now(), 1000, ra).ok() || !b.Sync(Clock::now(), 1000, rb).ok()) return false;
    for (SharedEntry& e : ra.claimed) from_a[e.payload] = e;
    for (SharedEntry& e : rb.claimed) from_b[e.payload] = e;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return from_a.size() + from_b.size() == total;
}

void OfferPages(RedisFrontier& node, const std::vector<std::string>& hosts, int per_host) {
  for (const std::string& host : hosts) {
    for (int i = 0; i < per_host; ++i) {
      const std::string url = host + "/p" + std::to_string(i);
      node.Offer(host, url, url);  // the payload is the URL itself here
    }
  }
}

const std::vector<std::string> kHosts = {"http://h1:80", "http://h2:80", "http://h3:80", "http://h4:80"};

TEST(RedisFrontier, AUrlOfferedByTwoNodesIsQueuedOnce) {
  auto redis = RedisServer::Start();
  ASSERT_TRUE(redis);
  auto a = JoinOrFail(*redis, "a");
  auto b = JoinOrFail(*redis, "b");
  ASSERT_TRUE(a && b);
  a->Offer("http://h1:80", "http://h1:80/x", "x");
  b->Offer("http://h1:80", "http://h1:80/x", "x");
  b->Offer("http://h1:80", "http://h1:80/y", "y");
  SyncResult ignored;
  ASSERT_TRUE(a->Sync(Clock::now(), 0, ignored).ok());
  ASSERT_TRUE(b->Sync(Clock::now(), 0, ignored).ok());
  EXPECT_EQ(b->counts().open, 2u);
  EXPECT_EQ(b->counts().offered, 2u);
  EXPECT_FALSE(b->Drained());
}

TEST(RedisFrontier, EachHostGoesToOneNodeWithAllItsUrlsAndSettlingEndsTheCrawl) {
  auto redis = RedisServer::Start();
  ASSERT_TRUE(redis);
  auto a = JoinOrFail(*redis, "a");
  auto b = JoinOrFail(*redis, "b");
  ASSERT_TRUE(a && b);
  OfferPages(*a, kHosts, 25);
  Claims from_a, from_b;
  ASSERT_TRUE(ClaimInTurns(*a, *b, from_a, from_b, 100));
  // Four hosts, two nodes: two each, every URL of a host with its node, none twice.
  EXPECT_EQ(from_a.size(), 50u);
  EXPECT_EQ(from_b.size(), 50u);
  for (const auto& [payload, entry] : from_a) {
    EXPECT_TRUE(a->Holds(entry.host));
    EXPECT_FALSE(b->Holds(entry.host));
    EXPECT_EQ(from_b.count(payload), 0u);
    EXPECT_EQ(payload.rfind(entry.host, 0), 0u);
  }
  for (const auto& [payload, entry] : from_b) EXPECT_TRUE(b->Holds(entry.host));

  for (const auto& [payload, entry] : from_a) a->Settle(entry.host, entry.id, /*recorded=*/true);
  Claims none;
  ASSERT_TRUE(SyncUntil(*a, none, [&] { return a->counts().open == 50; }));
  EXPECT_FALSE(a->Drained());  // b's are open still
  for (const auto& [payload, entry] : from_b) b->Settle(entry.host, entry.id, /*recorded=*/false);
  ASSERT_TRUE(SyncUntil(*b, none, [&] { return b->Drained(); }));
  ASSERT_TRUE(SyncUntil(*a, none, [&] { return a->Drained(); }));
  EXPECT_EQ(a->counts().recorded, 50u);
  EXPECT_TRUE(none.empty());
  // Settling again (a reply lost, the batch sent twice) counts nothing twice.
  for (const auto& [payload, entry] : from_a) a->Settle(entry.host, entry.id, true);
  ASSERT_TRUE(SyncUntil(*a, none, [&] { return a->Drained(); }));
  EXPECT_EQ(redis->Command({"GET", "arachne:{test}:open"}), "0");
  EXPECT_EQ(redis->Command({"GET", "arachne:{test}:recorded"}), "50");
}

TEST(RedisFrontier, ADeadNodesHostsAndUnsettledUrlsGoToTheOthersAfterTheLease) {
  auto redis = RedisServer::Start();
  ASSERT_TRUE(redis);
  auto a = JoinOrFail(*redis, "a");
  auto b = JoinOrFail(*redis, "b");
  ASSERT_TRUE(a && b);
  OfferPages(*a, kHosts, 10);
  Claims from_a, from_b;
  ASSERT_TRUE(ClaimInTurns(*a, *b, from_a, from_b, 40));
  ASSERT_EQ(from_a.size(), 20u);
  // a settles half of its URLs, then dies without a word (no Leave).
  int settled = 0;
  std::set<std::string> unsettled;
  for (const auto& [payload, entry] : from_a) {
    if (settled++ % 2 == 0) {
      a->Settle(entry.host, entry.id, true);
    } else {
      unsettled.insert(payload);
    }
  }
  Claims none;
  ASSERT_TRUE(SyncUntil(*a, none, [&] { return a->counts().open == 30; }));
  a.reset();

  Claims taken;
  ASSERT_TRUE(SyncUntil(*b, taken, [&] { return taken.size() >= unsettled.size(); }));
  std::set<std::string> got;
  for (const auto& [payload, entry] : taken) {
    got.insert(payload);
    EXPECT_TRUE(b->Holds(entry.host));
  }
  EXPECT_EQ(got, unsettled);  // exactly what a left unsettled, with the same entry ids
  for (const auto& [payload, entry] : taken) EXPECT_EQ(entry.id, from_a[payload].id);
  EXPECT_EQ(b->counts().hosts_held, 4u);
}

TEST(RedisFrontier, ANodeThatLeavesHandsItsHostsOverWithoutWaitingForTheLease) {
  auto redis = RedisServer::Start();
  ASSERT_TRUE(redis);
  RedisFrontierOptions slow = Options(*redis, "a");
  slow.lease = std::chrono::seconds(60);  // were it to run out, the test would time out
  auto a = RedisFrontier::Join(slow);
  ASSERT_TRUE(a.ok());
  RedisFrontierOptions slow_b = Options(*redis, "b");
  slow_b.lease = std::chrono::seconds(60);
  auto b = RedisFrontier::Join(slow_b);
  ASSERT_TRUE(b.ok());
  OfferPages(**a, kHosts, 5);
  Claims from_a;
  ASSERT_TRUE(SyncUntil(**a, from_a, [&] { return from_a.size() == 10; }));
  ASSERT_TRUE((*a)->Leave().ok());
  EXPECT_EQ((*a)->counts().hosts_held, 0u);
  // b's view of the live nodes comes with its assignments; a is gone from it, so b takes every host.
  Claims from_b;
  ASSERT_TRUE(SyncUntil(**b, from_b, [&] { return from_b.size() == 20; }));
  for (const auto& [payload, entry] : from_a) EXPECT_EQ(from_b.count(payload), 1u) << payload;
}

TEST(RedisFrontier, ANodeThatJoinsLateGetsItsShareOfTheHostsAndTheirUrls) {
  auto redis = RedisServer::Start();
  ASSERT_TRUE(redis);
  auto a = JoinOrFail(*redis, "a");
  ASSERT_TRUE(a);
  OfferPages(*a, kHosts, 10);
  Claims from_a;
  ASSERT_TRUE(SyncUntil(*a, from_a, [&] { return from_a.size() == 40; }));
  EXPECT_EQ(a->counts().hosts_held, 4u);

  // b joins: a holds more than its share now, and hands two hosts over. As its coordinator would, the test
  // gives back the URLs of those hosts that a has not finished, and settles one of them.
  auto b = JoinOrFail(*redis, "b");
  ASSERT_TRUE(b);
  std::vector<std::string> handing_over;
  for (int i = 0; i < 300 && handing_over.empty(); ++i) {
    SyncResult result;
    ASSERT_TRUE(a->Sync(Clock::now(), 1000, result).ok());
    EXPECT_TRUE(result.claimed.empty());
    handing_over = result.handing_over;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(handing_over.size(), 2u);
  std::set<std::string> returned;
  bool settled_one = false;
  for (const auto& [payload, entry] : from_a) {
    if (std::find(handing_over.begin(), handing_over.end(), entry.host) == handing_over.end()) continue;
    if (!settled_one) {
      a->Settle(entry.host, entry.id, true);  // one finished before the handover
      settled_one = true;
      continue;
    }
    a->Return(entry.host, entry.id);
    returned.insert(payload);
  }
  ASSERT_EQ(returned.size(), 19u);
  Claims from_b, none;
  ASSERT_TRUE(SyncUntil(*a, none, [&] { return a->counts().hosts_held == 2; }));
  ASSERT_TRUE(SyncUntil(*b, from_b, [&] { return from_b.size() >= returned.size(); }));
  std::set<std::string> got;
  for (const auto& [payload, entry] : from_b) got.insert(payload);
  EXPECT_EQ(got, returned);  // the unfinished ones, and not the settled one
  EXPECT_EQ(b->counts().hosts_held, 2u);
  for (const std::string& host : handing_over) {
    EXPECT_TRUE(b->Holds(host));
    EXPECT_FALSE(a->Holds(host));
  }
  EXPECT_TRUE(none.empty());
}

TEST(RedisFrontier, ALeaseTakenByAnotherNodeIsReportedLost) {
  auto redis = RedisServer::Start();
  ASSERT_TRUE(redis);
  auto a = JoinOrFail(*redis, "a");
  ASSERT_TRUE(a);
  a->Offer("http://h1:80", "http://h1:80/x", "x");
  Claims claims;
  ASSERT_TRUE(SyncUntil(*a, claims, [&] { return claims.size() == 1; }));
  ASSERT_TRUE(a->Holds("http://h1:80"));
  // Another node holds it now (as after a's lease ran out while it was cut off).
  redis->Command({"SET", "arachne:{test}:lease:http://h1:80", "z", "PX", "60000"});
  std::vector<std::string> lost;
  ASSERT_TRUE(SyncUntil(
      *a, claims, [&] { return !lost.empty(); }, &lost));
  EXPECT_EQ(lost, std::vector<std::string>{"http://h1:80"});
  EXPECT_FALSE(a->Holds("http://h1:80"));
}

TEST(RedisFrontier, AClaimWhoseReplyWasLostIsReadAgainAfterReconnecting) {
  auto redis = RedisServer::Start();
  ASSERT_TRUE(redis);
  RedisFrontierOptions options = Options(*redis, "a");
  options.lease = std::chrono::seconds(30);  // the restart below must not cost the lease
  auto a = RedisFrontier::Join(options);
  ASSERT_TRUE(a.ok());
  (*a)->Offer("http://h1:80", "http://h1:80/x", "x");
  Claims claims;
  // Holding the host, claiming nothing yet.
  ASSERT_TRUE(SyncUntil(
      **a, claims, [&] { return (*a)->Holds("http://h1:80"); }, nullptr, /*want=*/0));
  ASSERT_TRUE(claims.empty());
  // Claimed in Redis under a's name, as a claim whose reply never came back would be.
  EXPECT_NE(redis
                ->Command({"XREADGROUP", "GROUP", "crawl", "a", "COUNT", "10", "STREAMS",
                           "arachne:{test}:q:http://h1:80", ">"})
                .find("x"),
            std::string::npos);
  (*a)->Offer("http://h1:80", "http://h1:80/y", "y");
  redis->Stop();
  SyncResult failed;
  EXPECT_EQ((*a)->Sync(Clock::now() + std::chrono::seconds(1), 1000, failed).code(), Status::Code::kIoError);
  ASSERT_TRUE(redis->Restart());
  ASSERT_TRUE(SyncUntil(**a, claims, [&] { return claims.size() == 2; }));
  EXPECT_EQ(claims.count("x"), 1u);  // read again from a's pending entries
  EXPECT_EQ(claims.count("y"), 1u);  // the offer kept while Redis was away
  EXPECT_EQ((*a)->counts().open, 2u);
}

TEST(RedisFrontier, JoiningChecksTheLoginTheNameAndTheAddress) {
  test::RedisServerOptions secured;
  secured.acl_user = "crawler";
  secured.acl_password = "pw";
  auto redis = RedisServer::Start(secured);
  ASSERT_TRUE(redis);
  auto a = JoinOrFail(*redis, "a");
  ASSERT_TRUE(a);

  RedisFrontierOptions wrong = Options(*redis, "b");
  wrong.endpoint.password = "nope";
  auto refused = RedisFrontier::Join(wrong);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("refused AUTH"), std::string::npos)
      << refused.status().ToString();
  EXPECT_EQ(refused.status().message().find("nope"), std::string::npos);  // no password in messages

  auto twin = RedisFrontier::Join(Options(*redis, "a"));
  ASSERT_FALSE(twin.ok());
  EXPECT_NE(twin.status().message().find("node name 'a' is taken"), std::string::npos)
      << twin.status().ToString();

  RedisFrontierOptions nowhere = Options(*redis, "c");
  nowhere.endpoint.port = 1;  // nothing listens on 127.0.0.1:1
  auto unreachable = RedisFrontier::Join(nowhere);
  ASSERT_FALSE(unreachable.ok());
  EXPECT_EQ(unreachable.status().code(), Status::Code::kIoError);
}

}  // namespace
}  // namespace arachne
