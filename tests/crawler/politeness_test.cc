// Politeness, proved from the servers' side: several sites on their own loopback addresses record when each
// request arrived and how long it was in progress, and the tests read the limits off those logs.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "arachne/crawler.h"
#include "support/recording_server.h"
#include "support/run_crawl.h"

namespace arachne {
namespace {

using namespace std::chrono_literals;
using test::Crawl;
using test::FlatSite;
using test::RunCrawl;
using test::RecordingServer;
using Hits = std::vector<RecordingServer::Hit>;

Config PoliteConfig(const std::vector<const RecordingServer*>& servers) {
  Config c;
  c.name = "polite";
  for (const RecordingServer* server : servers) c.seeds.push_back(server->base_url() + "/");
  c.worker_executable = ARACHNE_WORKER_PATH;
  c.workers.fetchers = 1;
  c.workers.parsers = 1;
  c.politeness.adaptive = false;
  c.output.formats = {};
  return c;
}

Hits Pages(const RecordingServer& server) {
  Hits pages;
  for (const auto& hit : server.hits()) {
    if (hit.target != "/robots.txt") pages.push_back(hit);
  }
  return pages;
}

TEST(Politeness, EachHostStaysWithinMaxPerHostWhileHostsCrawlInParallel) {
  std::vector<std::unique_ptr<RecordingServer>> servers;
  for (const char* address : {"127.0.0.1", "127.0.0.2", "127.0.0.3"}) {
    servers.push_back(RecordingServer::Start(FlatSite(24, 150), address));
    ASSERT_TRUE(servers.back());
  }
  Config config = PoliteConfig({servers[0].get(), servers[1].get(), servers[2].get()});
  config.politeness.max_per_host = 2;
  Crawl crawl = RunCrawl(config);
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  EXPECT_EQ(crawl.records.size(), 3u * 25);
  Hits all;
  for (const auto& server : servers) {
    Hits pages = Pages(*server);
    EXPECT_EQ(pages.size(), 25u) << server->base_url();
    EXPECT_LE(RecordingServer::MaxOverlap(pages), 2) << server->base_url();
    all.insert(all.end(), pages.begin(), pages.end());
  }
  // Politeness is per host, not a global brake: the three sites were crawled at the same time.
  EXPECT_GT(RecordingServer::MaxOverlap(all), 2);
}

TEST(Politeness, DelaySpacesTheRequestsToOneHost) {
  auto server = RecordingServer::Start(FlatSite(5, 0));
  ASSERT_TRUE(server);
  Config config = PoliteConfig({server.get()});
  config.politeness.delay_ms = 250;
  Crawl crawl = RunCrawl(config);
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  Hits pages = Pages(*server);
  ASSERT_EQ(pages.size(), 6u);
  // Started 250 ms apart; arrival times add the jitter of a loaded machine, hence the margin (without a
  // delay the gaps are a few milliseconds).
  EXPECT_GE(RecordingServer::MinGap(pages), 180ms);
}

TEST(Politeness, CrawlDelayFromRobotsTxtSpacesTheRequests) {
  auto server = RecordingServer::Start(FlatSite(4, 0, "User-agent: *\nCrawl-delay: 0.3\n"));
  ASSERT_TRUE(server);
  Crawl crawl = RunCrawl(PoliteConfig({server.get()}));
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  Hits pages = Pages(*server);
  ASSERT_EQ(pages.size(), 5u);
  EXPECT_GE(RecordingServer::MinGap(pages), 220ms);  // 300 ms, less the arrival jitter
  // robots.txt came first, once.
  Hits robots = server->hits_of("/robots.txt");
  ASSERT_EQ(robots.size(), 1u);
  for (const auto& page : pages) EXPECT_LT(robots[0].arrived, page.arrived);
}

TEST(Politeness, CrawlDelayIsCappedBySetting) {
  auto server = RecordingServer::Start(FlatSite(3, 0, "User-agent: *\nCrawl-delay: 3600\n"));
  ASSERT_TRUE(server);
  Config config = PoliteConfig({server.get()});
  config.robots.max_crawl_delay_s = 0.2;
  Crawl crawl = RunCrawl(config);
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  Hits pages = Pages(*server);
  ASSERT_EQ(pages.size(), 4u);  // the crawl ended: an hour between requests would not have
  EXPECT_GE(RecordingServer::MinGap(pages), 150ms);
}

TEST(Politeness, PerIpHostsOfOneAddressShareTheLimit) {
  auto a = RecordingServer::Start(FlatSite(10, 150), "127.0.0.4");
  auto b = RecordingServer::Start(FlatSite(10, 150), "127.0.0.4");
  ASSERT_TRUE(a && b);
  Config config = PoliteConfig({a.get(), b.get()});
  config.politeness.max_per_host = 1;
  config.politeness.per_ip = true;
  Crawl crawl = RunCrawl(config);
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  EXPECT_EQ(crawl.records.size(), 22u);
  // The address is known from each host's first response on; from then on one request at a time in all.
  Hits pages_a = Pages(*a), pages_b = Pages(*b);
  ASSERT_FALSE(pages_a.empty());
  ASSERT_FALSE(pages_b.empty());
  // (With a margin for the coordinator to read those responses on a loaded machine.)
  const auto known = std::max(pages_a.front().replied, pages_b.front().replied) + 500ms;
  Hits later;
  for (const Hits* hits : {&pages_a, &pages_b}) {
    for (const auto& hit : *hits) {
      if (hit.arrived > known) later.push_back(hit);
    }
  }
  EXPECT_GT(later.size(), 8u);
  EXPECT_LE(RecordingServer::MaxOverlap(later), 1);
}

TEST(Politeness, AdaptiveDelayFollowsTheHostsLatency) {
  auto server = RecordingServer::Start(FlatSite(6, 300));
  ASSERT_TRUE(server);
  Config config = PoliteConfig({server.get()});
  config.politeness.adaptive = true;
  config.politeness.target_concurrency = 0.5;  // a 300 ms host gets 600 ms between requests
  Crawl crawl = RunCrawl(config);
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  Hits pages = Pages(*server);
  ASSERT_EQ(pages.size(), 7u);
  pages.erase(pages.begin());  // "/" came before any latency was known
  EXPECT_GE(RecordingServer::MinGap(pages), 450ms);
  EXPECT_EQ(RecordingServer::MaxOverlap(pages), 1);
}

// /flaky answers 503 with Retry-After: 1 twice, then 200; /broken always 500.
RecordingServer::Handler FlakySite(std::shared_ptr<std::atomic<int>> flaky_calls) {
  return [flaky_calls](const testsite::HttpRequestView& request) {
    testsite::HttpReply reply;
    reply.headers = {{"Content-Type", "text/html"}};
    if (request.target == "/") {
      reply.body = "<a href=/flaky>f</a><a href=/broken>b</a><a href=/fine>ok</a>";
    } else if (request.target == "/flaky" && flaky_calls->fetch_add(1) < 2) {
      reply.status = 503;
      reply.headers.emplace_back("Retry-After", "1");
    } else if (request.target == "/broken") {
      reply.status = 500;
    } else if (request.target == "/robots.txt") {
      reply.status = 404;
    } else {
      reply.body = "<title>fine</title>";
    }
    return reply;
  };
}

TEST(Retries, FailuresThatMayPassAreRetriedHonouringRetryAfter) {
  auto server = RecordingServer::Start(FlakySite(std::make_shared<std::atomic<int>>(0)));
  ASSERT_TRUE(server);
  Config config = PoliteConfig({server.get()});
  config.retry.max_retries = 2;
  config.retry.backoff_s = 0.05;
  Crawl crawl = RunCrawl(config);
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  std::map<std::string, Record> by_path;
  for (const Record& r : crawl.records) by_path[r.url.substr(server->base_url().size())] = r;
  ASSERT_EQ(by_path.size(), 4u);
  EXPECT_EQ(by_path["/flaky"].status, 200);
  EXPECT_EQ(by_path["/flaky"].retries, 2);
  EXPECT_EQ(by_path["/broken"].status, 500);
  EXPECT_EQ(by_path["/broken"].retries, 2);
  EXPECT_EQ(by_path["/fine"].retries, 0);
  EXPECT_EQ(crawl.summary->retries, 4u);
  Hits flaky = server->hits_of("/flaky");
  ASSERT_EQ(flaky.size(), 3u);
  EXPECT_GE(RecordingServer::MinGap(flaky), 900ms);  // Retry-After: 1
  EXPECT_EQ(server->hits_of("/broken").size(), 3u);
}

TEST(Retries, NoneWhenSwitchedOff) {
  auto server = RecordingServer::Start(FlakySite(std::make_shared<std::atomic<int>>(0)));
  ASSERT_TRUE(server);
  Config config = PoliteConfig({server.get()});
  config.retry.max_retries = 0;
  Crawl crawl = RunCrawl(config);
  ASSERT_TRUE(crawl.summary.ok());
  EXPECT_EQ(server->hits_of("/flaky").size(), 1u);
  EXPECT_EQ(crawl.summary->retries, 0u);
}

}  // namespace
}  // namespace arachne
