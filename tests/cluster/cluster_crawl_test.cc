// Cluster crawls end to end: several `arachne crawl --redis` nodes, a real redis-server and the test site,
// all on 127.0.0.1. The site is served on six ports: six hosts, which the nodes share out.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "cluster/redis_frontier.h"
#include "support/cli_run.h"
#include "support/redis_frontier_options.h"
#include "support/redis_server.h"
#include "support/serve_site.h"
#include "support/temp_dir.h"

namespace arachne {
namespace {

using test::RedisServer;
using test::StartCli;
using test::TempDir;
using test::WaitCli;
using testsite::SiteServer;

constexpr int kSites = 6;
// Under the sanitizers (the second pass of scripts/test.sh, several times slower) the same tests run on a
// smaller site: there they look for memory errors, which the first pass's full size does not add to.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARACHNE_SANITIZED_BUILD 1
#endif
#endif
#ifdef ARACHNE_SANITIZED_BUILD
constexpr int kPagesPerSite = 150;
constexpr int kPagesPerSiteShort = 150;
#else
constexpr int kPagesPerSite = 850;       // about 5,100 records in all
constexpr int kPagesPerSiteShort = 400;  // about 2,400: for the tests that disturb a crawl half-way
#endif

struct Sites {
  std::vector<std::unique_ptr<SiteServer>> servers;
  std::set<std::string> truth;  // every URL a crawl of them must record
};

Sites ServeSites(int pages = kPagesPerSite) {
  Sites sites;
  for (int i = 0; i < kSites; ++i) {
    auto server = test::ServeSite({.pages = pages, .seed = static_cast<std::uint64_t>(11 + i)});
    if (!server) return sites;
    for (const auto& e : server->Reachable()) {
      if (!e.disallowed) sites.truth.insert(e.url);  // robots.txt keeps /private/ out
    }
    sites.servers.push_back(std::move(server));
  }
  return sites;
}

std::string SeedFile(const TempDir& dir, const Sites& sites, const std::string& extra = "") {
  std::string seeds;
  for (const auto& server : sites.servers)
    seeds += (seeds.empty() ? "\"" : ", \"") + server->index_url() + "\"";
  return dir.Write("seed.toml", "name = \"shop\"\nseeds = [" + seeds + "]\n" + extra +
                                    "[workers]\nfetchers = 1\nparsers = 1\n[output]\ndir = \"" + dir.path() +
                                    "/out\"\nformats = [\"jsonl\"]\n");
}

// A node: `arachne crawl` with its own folder for stdout and stderr.
struct Node {
  std::string name;
  std::string logs;
  pid_t pid = -1;
  int status = -1;
};

Node StartNode(const TempDir& dir, const std::string& seed, const std::string& redis,
               const std::string& name) {
  Node node{name, dir.path() + "/" + name};
  std::filesystem::create_directories(node.logs);
  node.pid = StartCli({"crawl", seed, "--redis", redis, "--node", name, "-q"}, node.logs);
  return node;
}

std::string Stderr(const Node& node) {
  return test::ReadFile(node.logs + "/stderr");
}

// The URLs of every record in `path` (a .jsonl file), with how many times each is there.
void CountRecords(const std::string& path, std::map<std::string, int>& urls) {
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    auto record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (record.is_object() && record.contains("url")) ++urls[record["url"].get<std::string>()];
  }
}

std::set<std::string> Keys(const std::map<std::string, int>& counted) {
  std::set<std::string> keys;
  for (const auto& [url, n] : counted) keys.insert(url);
  return keys;
}

std::vector<std::string> Twice(const std::map<std::string, int>& counted) {
  std::vector<std::string> twice;
  for (const auto& [url, n] : counted) {
    if (n > 1) twice.push_back(url);
  }
  return twice;
}

std::string NodeFile(const TempDir& dir, const std::string& node) {
  return dir.path() + "/out/shop." + node + ".jsonl";
}

// Waits (bounded) until the nodes' files hold at least `records` lines in all.
bool WaitForRecords(const TempDir& dir, const std::vector<Node>& nodes, std::size_t records) {
  for (int i = 0; i < 6000; ++i) {
    std::size_t written = 0;
    for (const Node& node : nodes) written += test::CountLines(NodeFile(dir, node.name));
    if (written >= records) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

// Whether every node but `except` exited with status 0; a failure names the node and shows its stderr.
::testing::AssertionResult ExitedCleanly(const std::vector<Node>& nodes, std::string_view except = {}) {
  for (const Node& node : nodes) {
    if (node.name == except || (WIFEXITED(node.status) && WEXITSTATUS(node.status) == 0)) continue;
    return ::testing::AssertionFailure() << node.name << ": " << Stderr(node);
  }
  return ::testing::AssertionSuccess();
}

// The records of every node but `except`, counted by URL.
std::map<std::string, int> RecordsOf(const TempDir& dir, const std::vector<Node>& nodes,
                                     std::string_view except = {}) {
  std::map<std::string, int> urls;
  for (const Node& node : nodes) {
    if (node.name != except) CountRecords(NodeFile(dir, node.name), urls);
  }
  return urls;
}

// `arachne merge` of nodes a, b and c's files: the URLs of the one file it writes.
std::map<std::string, int> MergeNodeFiles(const TempDir& dir) {
  test::CliRun merged = test::RunCli(
      {"merge", "-o", dir.path() + "/all.jsonl", NodeFile(dir, "a"), NodeFile(dir, "b"), NodeFile(dir, "c")},
      dir);
  EXPECT_EQ(merged.exit_status, 0) << merged.err;
  std::map<std::string, int> all;
  CountRecords(dir.path() + "/all.jsonl", all);
  return all;
}

void WaitAll(std::vector<Node>& nodes) {
  for (Node& node : nodes) {
    if (node.status == -1) node.status = WaitCli(node.pid, 240);
  }
}

TEST(ClusterCrawl, ThreeNodesRecordWhatOneNodeRecordsEachPageOnce) {
  Sites sites = ServeSites();
  ASSERT_EQ(sites.servers.size(), static_cast<std::size_t>(kSites));
#ifndef ARACHNE_SANITIZED_BUILD
  ASSERT_GE(sites.truth.size(), 5000u);
#endif
  auto redis = RedisServer::Start();
  ASSERT_TRUE(redis);
  TempDir dir;
  const std::string seed = SeedFile(dir, sites);

  // One node alone, without Redis: what the cluster must match.
  TempDir alone_dir;
  const std::string alone_seed = SeedFile(alone_dir, sites);
  test::CliRun alone = test::RunCli({"crawl", alone_seed, "-q"}, alone_dir);
  ASSERT_EQ(alone.exit_status, 0) << alone.err;
  std::map<std::string, int> single;
  CountRecords(alone_dir.path() + "/out/shop.jsonl", single);
  EXPECT_EQ(Keys(single), sites.truth);

  std::vector<Node> nodes;
  for (const char* name : {"a", "b", "c"}) nodes.push_back(StartNode(dir, seed, redis->url(), name));
  WaitAll(nodes);
  ASSERT_TRUE(ExitedCleanly(nodes));
  const std::map<std::string, int> cluster = RecordsOf(dir, nodes);
  for (const Node& node : nodes) {
    std::map<std::string, int> own;
    CountRecords(NodeFile(dir, node.name), own);
    // Six hosts, three nodes: each holds two, and records their pages.
    EXPECT_GT(own.size(), 0u) << node.name << " recorded nothing: " << Stderr(node);
  }
  EXPECT_EQ(Keys(cluster), Keys(single));
  EXPECT_EQ(Twice(cluster), std::vector<std::string>{});
  // The cluster knows it is done: nothing open, every record counted once.
  EXPECT_EQ(redis->Command({"GET", "arachne:{shop}:open"}), "0");
  EXPECT_EQ(redis->Command({"GET", "arachne:{shop}:recorded"}), std::to_string(single.size()));

  // One file when the user wants one.
  std::map<std::string, int> all = MergeNodeFiles(dir);
  EXPECT_EQ(Keys(all), Keys(single));
  EXPECT_EQ(Twice(all), std::vector<std::string>{});
}

TEST(ClusterCrawl, ANodeKilledHalfWayLosesNothing) {
  Sites sites = ServeSites(kPagesPerSiteShort);
  ASSERT_EQ(sites.servers.size(), static_cast<std::size_t>(kSites));
  auto redis = RedisServer::Start();
  ASSERT_TRUE(redis);
  TempDir dir;
  // A short lease, so the others take the dead node's hosts soon; a small delay, so the crawl lasts long
  // enough to be killed in.
  const std::string seed = SeedFile(dir, sites, "[cluster]\nlease_s = 1\n[politeness]\ndelay_ms = 3\n");
  std::vector<Node> nodes;
  for (const char* name : {"a", "b", "c"}) nodes.push_back(StartNode(dir, seed, redis->url(), name));

  ASSERT_TRUE(WaitForRecords(dir, nodes, sites.truth.size() * 2 / 5)) << Stderr(nodes[1]);
  ::kill(nodes[1].pid, SIGKILL);
  nodes[1].status = WaitCli(nodes[1].pid, 30);
  ASSERT_TRUE(WIFSIGNALED(nodes[1].status));
  const std::size_t b_wrote = test::CountLines(NodeFile(dir, "b"));
  WaitAll(nodes);

  ASSERT_TRUE(ExitedCleanly(nodes, "b"));
  const std::map<std::string, int> survivors = RecordsOf(dir, nodes, "b");
  const std::map<std::string, int> everything = RecordsOf(dir, nodes);
  // Nothing is lost: what b recorded and what the others did, together, is the whole site.
  EXPECT_GT(b_wrote, 0u);
  EXPECT_EQ(Keys(everything), sites.truth);
  // b's hosts went to the others, who finished them; between themselves they recorded each page once.
  EXPECT_EQ(Twice(survivors), std::vector<std::string>{});
  EXPECT_EQ(redis->Command({"GET", "arachne:{shop}:open"}), "0");
  bool took_over = false;
  for (const Node& node : nodes) {
    if (node.name != "b" && test::CountLines(NodeFile(dir, node.name)) > 0) took_over = true;
  }
  EXPECT_TRUE(took_over);

  // b may have written records it had not yet reported: merge keeps one of each.
  std::map<std::string, int> all = MergeNodeFiles(dir);
  EXPECT_EQ(Keys(all), sites.truth);
  EXPECT_EQ(Twice(all), std::vector<std::string>{});
}

TEST(ClusterCrawl, RedisRestartedHalfWayTheCrawlCompletesWithNoRecordLostOrDoubled) {
  Sites sites = ServeSites(kPagesPerSiteShort);
  ASSERT_EQ(sites.servers.size(), static_cast<std::size_t>(kSites));
  auto redis = RedisServer::Start();  // with its append-only file: persistence on
  ASSERT_TRUE(redis);
  TempDir dir;
  const std::string seed = SeedFile(dir, sites, "[politeness]\ndelay_ms = 3\n");
  std::vector<Node> nodes;
  for (const char* name : {"a", "b", "c"}) nodes.push_back(StartNode(dir, seed, redis->url(), name));

  ASSERT_TRUE(WaitForRecords(dir, nodes, sites.truth.size() * 2 / 5));
  redis->Stop();
  // Down long enough for every node to notice (each talks to it every 50 ms), but less than the lease.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ASSERT_TRUE(redis->Restart());
  WaitAll(nodes);

  ASSERT_TRUE(ExitedCleanly(nodes));
  const std::map<std::string, int> cluster = RecordsOf(dir, nodes);
  bool paused = false;
  for (const Node& node : nodes) {
    if (Stderr(node).find("the cluster's Redis is back") != std::string::npos) paused = true;
  }
  EXPECT_TRUE(paused) << "no node noticed Redis going away";
  EXPECT_EQ(Keys(cluster), sites.truth);
  EXPECT_EQ(Twice(cluster), std::vector<std::string>{});
  EXPECT_EQ(redis->Command({"GET", "arachne:{shop}:open"}), "0");
}

TEST(ClusterCrawl, ANodeThatJoinsLateTakesItsShareAndNothingIsRecordedTwice) {
  Sites sites = ServeSites(kPagesPerSiteShort);
  ASSERT_EQ(sites.servers.size(), static_cast<std::size_t>(kSites));
  auto redis = RedisServer::Start();
  ASSERT_TRUE(redis);
  TempDir dir;
  const std::string seed = SeedFile(dir, sites, "[politeness]\ndelay_ms = 3\n");
  std::vector<Node> nodes;
  for (const char* name : {"a", "b"}) nodes.push_back(StartNode(dir, seed, redis->url(), name));
  ASSERT_TRUE(WaitForRecords(dir, nodes, sites.truth.size() / 4));
  // a and b hold three hosts each; c's share is two, which they hand over with their queued URLs.
  nodes.push_back(StartNode(dir, seed, redis->url(), "c"));
  WaitAll(nodes);

  ASSERT_TRUE(ExitedCleanly(nodes));
  const std::map<std::string, int> cluster = RecordsOf(dir, nodes);
  EXPECT_GT(test::CountLines(NodeFile(dir, "c")), 0u) << Stderr(nodes[2]);
  EXPECT_EQ(Keys(cluster), sites.truth);
  EXPECT_EQ(Twice(cluster), std::vector<std::string>{});
}

TEST(ClusterCrawl, WorksWithAnAclUserAndRefusesAWrongPassword) {
  Sites sites = ServeSites(60);
  ASSERT_EQ(sites.servers.size(), static_cast<std::size_t>(kSites));
  test::RedisServerOptions options;
  options.acl_user = "crawler";
  options.acl_password = "pw";
  auto redis = RedisServer::Start(options);
  ASSERT_TRUE(redis);
  TempDir dir;
  const std::string seed = SeedFile(dir, sites);

  const std::string port = std::to_string(redis->port());
  test::CliRun wrong = test::RunCli(
      {"crawl", seed, "--redis", "redis://crawler:nope@127.0.0.1:" + port + "/0", "--node", "a", "-q"}, dir);
  EXPECT_NE(wrong.exit_status, 0);
  EXPECT_NE(wrong.err.find("refused AUTH"), std::string::npos) << wrong.err;

  std::vector<Node> nodes;
  for (const char* name : {"a", "b"}) nodes.push_back(StartNode(dir, seed, redis->url(), name));
  WaitAll(nodes);
  ASSERT_TRUE(ExitedCleanly(nodes));
  const std::map<std::string, int> cluster = RecordsOf(dir, nodes);
  EXPECT_EQ(Keys(cluster), sites.truth);
  EXPECT_EQ(Twice(cluster), std::vector<std::string>{});
}

// An entry of a host's queue that no node can read (written by another program, or by hand) is settled
// with a warning, and the crawl goes on: the node reads the rest of the queue and the cluster finishes.
TEST(ClusterCrawl, AQueueEntryNoNodeCanReadIsDroppedWithAWarningAndTheCrawlGoesOn) {
  Sites sites = ServeSites(60);
  ASSERT_EQ(sites.servers.size(), static_cast<std::size_t>(kSites));
  auto redis = RedisServer::Start();
  ASSERT_TRUE(redis);
  {
    // A node that puts the entry in the first site's queue and leaves.
    Result<std::unique_ptr<RedisFrontier>> writer =
        RedisFrontier::Join(test::NodeOptions(*redis, "shop", "writer"));
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    (*writer)->Offer(sites.servers[0]->base_url(), "not a url", "\x07\xff not a queued URL");
    SyncResult result;
    for (int i = 0; i < 300 && redis->Command({"GET", "arachne:{shop}:open"}) != "1"; ++i) {
      ASSERT_TRUE((*writer)->Sync(std::chrono::steady_clock::now(), 0, result).ok());
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_EQ(redis->Command({"GET", "arachne:{shop}:open"}), "1");
    ASSERT_TRUE((*writer)->Leave().ok());
  }
  TempDir dir;
  const std::string seed = SeedFile(dir, sites);
  std::vector<Node> nodes;
  for (const char* name : {"a", "b"}) nodes.push_back(StartNode(dir, seed, redis->url(), name));
  WaitAll(nodes);

  ASSERT_TRUE(ExitedCleanly(nodes));
  const std::string warned = Stderr(nodes[0]) + Stderr(nodes[1]);
  EXPECT_NE(warned.find("the cluster's queue of " + sites.servers[0]->base_url() +
                        " holds an entry this node cannot read"),
            std::string::npos)
      << warned;
  const std::map<std::string, int> cluster = RecordsOf(dir, nodes);
  EXPECT_EQ(Keys(cluster), sites.truth);
  EXPECT_EQ(Twice(cluster), std::vector<std::string>{});
  EXPECT_EQ(redis->Command({"GET", "arachne:{shop}:open"}), "0");
}

}  // namespace
}  // namespace arachne
