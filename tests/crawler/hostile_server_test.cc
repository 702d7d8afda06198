// Crawls of the hostile site (testsite/hostile_site.h): normal pages, and links to every fault endpoint
// (testsite/fault_endpoints.h) on the same 127.0.0.1 server. The crawl's limits must hold: it finishes,
// every URL gets exactly one record, each fault ends in the record a demanding user would expect, and no
// worker crashes. Small limits keep it quick: a 2 s fetch timeout, a 1 MiB body cap.
//
// What each fault should come to, and why:
//   endless body, gzip bomb  cut at max_body_bytes (counted after decoding), so "too large" and
//                            truncated; the first MiB is parsed all the same (its title is in the record)
//   endless headers          "too large": a header section over the fetcher's 256 KiB cap; not retried
//   no answer, slow drip     "timeout" after fetch.timeout_s, retried as timeouts are
//   reset mid-body           "recv", retried as connection failures are; a half page is not parsed
//   bad chunk size           "protocol": the server broke HTTP, which trying again does not mend
//   10,000 redirects         each hop a record of its own, until the chain is longer than max_redirects:
//                            that hop's record says "too many redirects" and its target is never fetched
//   a million links          the body is cut at 1 MiB, which holds tens of thousands of them; with a cap
//                            large enough for the whole page, the first 100,000 distinct links are kept
//   short links, long base   the links kept are capped in bytes too (16 MiB), so their message always
//                            fits between the parser and the coordinator
//   100,000-deep nesting     parsed whole, both links found (the one inside and the one after)
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "arachne/crawler.h"
#include "support/recording_server.h"
#include "support/run_crawl.h"
#include "testsite/fault_endpoints.h"
#include "testsite/hostile_site.h"

namespace arachne {
namespace {

using test::RecordingServer;
namespace site = testsite;

constexpr std::uint64_t kMaxBody = 1 << 20;
// The links a page keeps at most, and their bytes (parser/html_extractor.h).
constexpr std::uint64_t kMaxLinks = 100'000;
constexpr std::uint64_t kMaxLinkBytes = 16 << 20;

Config HostileConfig(const RecordingServer& server, const std::string& seed_path) {
  Config c;
  c.name = "hostile";
  c.seeds = {server.base_url() + seed_path};
  c.worker_executable = ARACHNE_WORKER_PATH;
  c.workers.fetchers = 1;
  c.workers.parsers = 2;
  c.fetch.timeout_s = 2;
  c.fetch.connect_timeout_s = 2;
  c.fetch.max_body_bytes = kMaxBody;
  // The links of these two pages lead to 404s; following them would only make the test slow.
  c.scope.deny = {"/fault/many-links/.", "/fault/long-base/."};
  c.retry.backoff_s = 0.01;
  c.politeness.max_delay_s = 0.2;
  c.output.formats = {};
  return c;
}

struct Crawl {
  std::map<std::string, Record> by_path;
  Result<Summary> summary = Status::Internal("not run");
};

Crawl RunCrawl(const RecordingServer& server, Config config) {
  test::Crawl run = test::RunCrawl(std::move(config));
  Crawl crawl;
  for (const Record& r : run.records) {
    EXPECT_TRUE(r.url.starts_with(server.base_url())) << r.url;
    std::string path = r.url.substr(server.base_url().size());
    EXPECT_TRUE(crawl.by_path.emplace(path, r).second) << "recorded twice: " << r.url;
  }
  crawl.summary = std::move(run.summary);
  return crawl;
}

std::string Hop(int n) {
  return std::string(site::kRedirectPrefix) + std::to_string(n);
}

class HostileServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = RecordingServer::Start(site::ServeHostileSite);
    ASSERT_TRUE(server_);
  }

  // The record of `path`; fails the test (and returns an empty record) if there is none.
  Record At(const Crawl& crawl, std::string_view path) {
    auto it = crawl.by_path.find(std::string(path));
    EXPECT_NE(it, crawl.by_path.end()) << "no record of " << path;
    return it == crawl.by_path.end() ? Record{} : it->second;
  }

  std::unique_ptr<RecordingServer> server_;
};

TEST_F(HostileServerTest, EveryLimitHoldsAndEveryUrlIsRecordedOnce) {
  Config config = HostileConfig(*server_, "/index.html");
  const int max_retries = config.retry.max_retries;
  const int max_redirects = config.fetch.max_redirects;
  Crawl crawl = RunCrawl(*server_, config);
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();

  // Exactly these URLs, each once (RunCrawl checks once).
  std::set<std::string> expected;
  for (const std::string& path : site::HostileNormalPaths()) expected.insert(path);
  for (const std::string& path : site::FaultPaths()) expected.insert(path);
  for (int hop = 1; hop <= max_redirects; ++hop) expected.insert(Hop(hop));
  expected.insert(std::string(site::kDeepInsidePath));
  expected.insert(std::string(site::kDeepAfterPath));
  std::set<std::string> recorded;
  for (const auto& [path, record] : crawl.by_path) recorded.insert(path);
  EXPECT_EQ(recorded, expected);
  EXPECT_EQ(crawl.summary->pages, crawl.by_path.size());
  EXPECT_EQ(crawl.summary->worker_restarts, 0u);
  EXPECT_EQ(crawl.summary->quarantined, 0u);
  EXPECT_FALSE(crawl.summary->stopped);

  // Normal pages: whole, parsed, fetched once.
  for (const std::string& path : site::HostileNormalPaths()) {
    Record r = At(crawl, path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.error, "") << path;
    EXPECT_FALSE(r.truncated) << path;
    EXPECT_FALSE(r.title.empty()) << path;
    EXPECT_EQ(server_->hits_of(path).size(), 1u + r.retries) << path;  // fetched once, unless it timed out
  }
  EXPECT_EQ(At(crawl, "/index.html").links, site::kHostilePages + site::FaultPaths().size());

  // Bodies without end, plain or gzip: cut at the cap, counted after decoding, the first MiB parsed.
  for (auto [path, title] :
       {std::pair{site::kEndlessBodyPath, "Endless body"}, std::pair{site::kGzipBombPath, "Gzip bomb"}}) {
    Record r = At(crawl, path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.error, "too large") << path;
    EXPECT_TRUE(r.truncated) << path;
    EXPECT_GE(r.bytes, kMaxBody) << path;
    EXPECT_LT(r.bytes, 64 * kMaxBody) << path;  // stopped, not inflated on to 10 GiB
    EXPECT_EQ(r.title, title) << path;
    EXPECT_EQ(r.retries, 0) << path;
  }

  Record headers = At(crawl, site::kEndlessHeadersPath);
  EXPECT_EQ(headers.error, "too large");
  EXPECT_FALSE(headers.truncated);
  EXPECT_EQ(headers.retries, 0);

  Record silent = At(crawl, site::kNoAnswerPath);
  EXPECT_EQ(silent.status, 0);
  EXPECT_EQ(silent.error, "timeout");
  EXPECT_EQ(silent.retries, max_retries);

  Record drip = At(crawl, site::kSlowDripPath);
  EXPECT_EQ(drip.error, "timeout");
  EXPECT_EQ(drip.retries, max_retries);
  EXPECT_LT(drip.bytes, 100u);

  Record reset = At(crawl, site::kResetMidBodyPath);
  EXPECT_EQ(reset.error, "recv");
  EXPECT_FALSE(reset.truncated);
  EXPECT_LE(reset.bytes, site::kResetContentLength / 2);
  EXPECT_EQ(reset.retries, max_retries);
  EXPECT_EQ(reset.title, "");  // half a page is not parsed

  Record chunk = At(crawl, site::kBadChunkPath);
  EXPECT_EQ(chunk.error, "protocol");
  EXPECT_EQ(chunk.retries, 0);

  // The redirect chain: a record per hop up to max_redirects, the last one refused, nothing beyond
  // requested.
  for (int hop = 0; hop <= max_redirects; ++hop) {
    Record r = At(crawl, Hop(hop));
    EXPECT_EQ(r.status, 302) << hop;
    EXPECT_EQ(r.final_url, server_->base_url() + Hop(hop + 1)) << hop;
    EXPECT_EQ(r.redirects.size(), static_cast<std::size_t>(hop)) << hop;
    EXPECT_EQ(r.depth, 1) << hop;
    EXPECT_EQ(r.error, hop < max_redirects ? "" : "too many redirects") << hop;
  }
  EXPECT_TRUE(server_->hits_of(Hop(max_redirects + 1)).empty());
  EXPECT_EQ(crawl.summary->limited["redirects"], 1u);

  // A million links: the body is cut at 1 MiB, and the links in it counted (none followed: the scope
  // denies them).
  Record many = At(crawl, site::kManyLinksPath);
  EXPECT_EQ(many.status, 200);
  EXPECT_EQ(many.error, "too large");
  EXPECT_TRUE(many.truncated);
  EXPECT_EQ(many.title, "A million links");
  EXPECT_GT(many.links, 10'000u);
  EXPECT_LT(many.links, kMaxLinks);
  EXPECT_GE(crawl.summary->out_of_scope, many.links);

  // Short links under a long base: the links kept are capped in bytes (16 MiB), not only in number.
  Record long_base = At(crawl, site::kLongBasePath);
  EXPECT_EQ(long_base.status, 200);
  EXPECT_EQ(long_base.title, "Long base");
  EXPECT_GT(long_base.links, 1000u);
  EXPECT_LE(long_base.links, kMaxLinkBytes / site::kLongBaseBytes);

  // 100,000 levels deep: parsed, both links found and followed.
  Record deep = At(crawl, site::kDeepPath);
  EXPECT_EQ(deep.status, 200);
  EXPECT_EQ(deep.error, "");
  EXPECT_EQ(deep.title, "Deep");
  EXPECT_EQ(deep.links, 2u);
  for (std::string_view path : {site::kDeepInsidePath, site::kDeepAfterPath}) {
    Record r = At(crawl, path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.depth, 2) << path;
    EXPECT_EQ(r.referrer, server_->base_url() + std::string(site::kDeepPath)) << path;
  }
}

TEST_F(HostileServerTest, AMillionLinksReadWholeKeepTheFirstHundredThousand) {
  Config config = HostileConfig(*server_, std::string(site::kManyLinksPath));
  config.fetch.max_body_bytes = 32 << 20;  // the whole page, about 20 MB
  config.fetch.timeout_s = 30;             // no fault here to time out: only a loaded machine could
  Crawl crawl = RunCrawl(*server_, config);
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  ASSERT_EQ(crawl.by_path.size(), 1u);
  Record r = At(crawl, site::kManyLinksPath);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.error, "");
  EXPECT_FALSE(r.truncated);
  EXPECT_EQ(r.title, "A million links");
  EXPECT_EQ(r.links, kMaxLinks);
  // Every kept link went to the scope, which refused them all; the rest never got that far, and the
  // summary counts them under their cap.
  EXPECT_EQ(crawl.summary->out_of_scope, kMaxLinks);
  EXPECT_EQ(crawl.summary->limited["page_links"], 1'000'000u - kMaxLinks);
  EXPECT_EQ(crawl.summary->worker_restarts, 0u);
}

TEST_F(HostileServerTest, ALongBaseCannotBlowAPagesLinksUpPastTheirCap) {
  // In scope this time, so that every kept link travels to the coordinator (which queues none: depth 0).
  // Uncapped, the 200,000 links came to 400 MB, and the parser died on its message twice.
  Config config = HostileConfig(*server_, std::string(site::kLongBasePath));
  config.scope.deny = {};
  config.scope.max_depth = 0;
  config.fetch.max_body_bytes = 4 << 20;  // the whole page
  config.fetch.timeout_s = 30;
  Crawl crawl = RunCrawl(*server_, config);
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  ASSERT_EQ(crawl.by_path.size(), 1u);
  Record r = At(crawl, site::kLongBasePath);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.error, "");
  EXPECT_FALSE(r.truncated);
  EXPECT_EQ(r.title, "Long base");
  EXPECT_GT(r.links, kMaxLinkBytes / (site::kLongBaseBytes + 64));  // about 2 KB each: as many as fit
  EXPECT_LE(r.links, kMaxLinkBytes / site::kLongBaseBytes);
  EXPECT_EQ(r.links + crawl.summary->limited["page_links"], 200'000u);
  EXPECT_EQ(crawl.summary->worker_restarts, 0u);
  EXPECT_EQ(crawl.summary->quarantined, 0u);
}

TEST_F(HostileServerTest, TheRedirectChainStopsAtTheConfiguredLength) {
  Config config = HostileConfig(*server_, Hop(0));
  config.fetch.max_redirects = 3;
  Crawl crawl = RunCrawl(*server_, config);
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  std::set<std::string> recorded;
  for (const auto& [path, record] : crawl.by_path) recorded.insert(path);
  EXPECT_EQ(recorded, (std::set<std::string>{Hop(0), Hop(1), Hop(2), Hop(3)}));
  EXPECT_EQ(At(crawl, Hop(3)).error, "too many redirects");
  EXPECT_EQ(At(crawl, Hop(3)).redirects,
            (std::vector<std::string>{server_->base_url() + Hop(0), server_->base_url() + Hop(1),
                                      server_->base_url() + Hop(2)}));
  EXPECT_TRUE(server_->hits_of(Hop(4)).empty());
}

}  // namespace
}  // namespace arachne
