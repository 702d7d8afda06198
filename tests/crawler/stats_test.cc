// <name>.stats.json (docs/stats-json.md) and the per-process state of Progress, from real crawls of the
// test site: the file agrees with the records, and each process's busy spans are in order.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "arachne/crawler.h"
#include "support/serve_site.h"
#include "crawler/gumbo_poison.h"
#include "support/temp_dir.h"

namespace arachne {
namespace {

using nlohmann::json;
using test::ServeSite;
using test::TempDir;

Config StatsConfig(const testsite::SiteServer& server, const std::string& dir) {
  Config c;
  c.name = "site";
  c.seeds = {server.index_url()};
  c.worker_executable = ARACHNE_WORKER_PATH;
  c.workers.fetchers = 2;
  c.workers.parsers = 2;
  c.politeness.max_per_host = 16;
  c.output.dir = dir;
  c.output.formats = {"jsonl"};
  return c;
}

json ReadJson(const std::string& path) {
  std::ifstream in(path);
  return json::parse(in, nullptr, /*allow_exceptions=*/false);
}

std::uint64_t Sum(const json& counts) {
  std::uint64_t total = 0;
  for (const auto& [key, n] : counts.items()) total += n.get<std::uint64_t>();
  return total;
}

TEST(StatsFile, AgreesWithTheRecordsAndShowsEveryProcessAtWork) {
  auto server = ServeSite({.pages = 400, .seed = 8});
  ASSERT_TRUE(server);
  TempDir out;
  std::vector<Record> records;
  std::vector<Progress> snapshots;
  Crawler crawler(StatsConfig(*server, out.path()));
  crawler.OnRecord([&](const Record& r) { records.push_back(r); });
  crawler.OnProgress([&](const Progress& p) { snapshots.push_back(p); }, 20);
  Result<Summary> summary = crawler.Run();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();

  const json stats = ReadJson(out.File("site.stats.json"));
  ASSERT_TRUE(stats.is_object()) << "site.stats.json is not JSON";
  EXPECT_FALSE(std::filesystem::exists(out.File("site.stats.json.tmp")));
  EXPECT_EQ(stats.at("format"), "arachne-stats/1");
  EXPECT_EQ(stats.at("name"), "site");
  EXPECT_EQ(stats.at("state"), "finished");
  const std::uint64_t pages = records.size();
  EXPECT_EQ(stats.at("totals").at("pages"), pages);
  EXPECT_EQ(stats.at("totals").at("queued"), 0);
  EXPECT_EQ(Sum(stats.at("by_status")), pages);
  EXPECT_EQ(Sum(stats.at("by_depth")), pages);
  EXPECT_EQ(Sum(stats.at("by_content_type")), pages);
  std::map<std::string, std::uint64_t> by_status;
  std::uint64_t with_response = 0;
  for (const Record& r : records) {
    ++by_status[std::to_string(r.status)];
    if (r.status > 0) ++with_response;
  }
  for (const auto& [status, n] : by_status) EXPECT_EQ(stats.at("by_status").at(status), n) << status;
  EXPECT_GT(stats.at("by_content_type").at("text/html").get<std::uint64_t>(), 300u);
  ASSERT_EQ(stats.at("by_host").size(), 1u);
  EXPECT_EQ(stats.at("by_host")[0].at("host"), server->base_url());
  EXPECT_EQ(stats.at("by_host")[0].at("pages"), pages);

  const json& fetch_ms = stats.at("timings").at("fetch_ms");
  EXPECT_EQ(fetch_ms.at("count"), with_response);
  EXPECT_LE(fetch_ms.at("p50").get<double>(), fetch_ms.at("p90").get<double>());
  EXPECT_LE(fetch_ms.at("p90").get<double>(), fetch_ms.at("p99").get<double>());
  EXPECT_LE(fetch_ms.at("p99").get<double>(), fetch_ms.at("max").get<double>());
  const json& slowest = stats.at("slowest");
  ASSERT_EQ(slowest.size(), 20u);
  for (std::size_t i = 1; i < slowest.size(); ++i) {
    EXPECT_GE(slowest[i - 1].at("fetch_ms").get<double>(), slowest[i].at("fetch_ms").get<double>());
  }
  EXPECT_EQ(slowest[0].at("fetch_ms").get<double>(), fetch_ms.at("max").get<double>());

  const json& throughput = stats.at("throughput");
  ASSERT_GE(throughput.size(), 2u);
  EXPECT_EQ(throughput.back().at("pages"), pages);
  for (std::size_t i = 1; i < throughput.size(); ++i) {
    EXPECT_LT(throughput[i - 1].at("t").get<double>(), throughput[i].at("t").get<double>());
    EXPECT_LE(throughput[i - 1].at("pages").get<std::uint64_t>(), throughput[i].at("pages").get<std::uint64_t>());
  }

  // Two fetchers and two parsers, each busy at some time, each span inside the crawl and after the last.
  const double elapsed = stats.at("elapsed_s").get<double>();
  std::map<std::string, int> roles;
  std::set<int> pids;
  for (const json& process : stats.at("processes")) {
    ++roles[process.at("role").get<std::string>()];
    pids.insert(process.at("pid").get<int>());
    const json& busy = process.at("busy");
    EXPECT_FALSE(busy.empty()) << process.dump();
    double last_end = 0;
    for (const json& span : busy) {
      const double start = span[0].get<double>(), end = span[1].get<double>();
      EXPECT_LE(start, end) << process.dump();
      EXPECT_GE(start, last_end - 1e-9) << "spans out of order: " << process.dump();
      EXPECT_GE(start, 0) << process.dump();
      EXPECT_LE(end, elapsed + 0.01) << process.dump();
      last_end = end;
    }
  }
  EXPECT_EQ(roles["fetcher"], 2);
  EXPECT_EQ(roles["parser"], 2);
  EXPECT_EQ(pids.size(), 4u);
  EXPECT_EQ(stats.at("processes")[0].at("role"), "fetcher") << "fetchers first";

  // Progress named every process while it ran, and saw fetchers at work.
  bool saw_busy_fetcher = false, saw_parser = false;
  for (const Progress& p : snapshots) {
    for (const ProcessState& state : p.processes) {
      if (state.role == "fetcher" && state.busy && state.in_flight > 0) saw_busy_fetcher = true;
      if (state.role == "parser" && state.name.starts_with("parser ")) saw_parser = true;
      EXPECT_GE(state.busy_share, 0);
      EXPECT_LE(state.busy_share, 1);
    }
  }
  EXPECT_TRUE(saw_busy_fetcher);
  EXPECT_TRUE(saw_parser);
  std::uint64_t done_by_parsers = 0;
  for (const ProcessState& state : snapshots.back().processes) {
    if (state.role == "parser") done_by_parsers += state.done;
  }
  EXPECT_GT(done_by_parsers, 300u) << "parsers report the pages they parsed";
}

TEST(StatsFile, AStoppedCrawlSaysSo) {
  auto server = ServeSite({.pages = 2000, .seed = 8});
  ASSERT_TRUE(server);
  TempDir out;
  Config config = StatsConfig(*server, out.path());
  config.politeness.max_per_host = 1;
  config.politeness.delay_ms = 5;
  Crawler crawler(config);
  int seen = 0;
  crawler.OnRecord([&](const Record&) {
    if (++seen == 20) crawler.Stop();
  });
  Result<Summary> summary = crawler.Run();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  const json stats = ReadJson(out.File("site.stats.json"));
  ASSERT_TRUE(stats.is_object());
  EXPECT_EQ(stats.at("state"), "stopped");
  EXPECT_GT(stats.at("totals").at("queued").get<std::uint64_t>(), 0u);
}

// A page that aborts Gumbo 0.10.1 (see crawler_test.cc), reached through an [[extract]] rule, which puts
// every page through Gumbo even with the scanner: the parser dies twice, the page is quarantined, the crawl
// goes on, and the stats file shows each dead parser as a process that ended, beside its replacement.
TEST(StatsFile, ARestartedParserIsAProcessOfItsOwn) {
  auto poisoned = test::PoisonedSite::Start({.pages = 60, .seed = 8});
  ASSERT_TRUE(poisoned);
  const std::string base = poisoned->base_url();
  TempDir out;
  Config config;
  config.name = "site";
  config.seeds = {base + "/index.html", poisoned->poison_url()};
  config.worker_executable = ARACHNE_WORKER_PATH;
  config.workers.fetchers = 1;
  config.workers.parsers = 1;
  config.output.dir = out.path();
  config.output.formats = {"jsonl"};
  ExtractRule rule;
  rule.field = "heading";
  rule.css = "h1";
  config.extract = {rule};
  std::vector<Record> records;
  Crawler crawler(config);
  crawler.OnRecord([&](const Record& r) { records.push_back(r); });
  Result<Summary> summary = crawler.Run();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->quarantined, 1u);
  int with_heading = 0;
  for (const Record& r : records) {
    if (r.url == poisoned->poison_url()) {
      EXPECT_EQ(r.error, "parser crashed");
    }
    if (!r.fields.at(0).null) ++with_heading;
  }
  EXPECT_GT(with_heading, 40) << "the crawl went on, with its fields";

  const json stats = ReadJson(out.File("site.stats.json"));
  ASSERT_TRUE(stats.is_object());
  int parsers = 0, ended = 0;
  std::set<int> pids;
  for (const json& process : stats.at("processes")) {
    if (process.at("role") != "parser") continue;
    ++parsers;
    pids.insert(process.at("pid").get<int>());
    EXPECT_EQ(process.at("name"), "parser 1");
    if (!process.at("ended_s").is_null()) ++ended;
  }
  EXPECT_EQ(parsers, 1 + static_cast<int>(summary->worker_restarts)) << stats.at("processes").dump();
  EXPECT_GE(parsers, 3) << "two deaths, two replacements";
  EXPECT_EQ(pids.size(), static_cast<std::size_t>(parsers));
  EXPECT_EQ(ended, parsers) << "every parser has ended once the crawl is over";
}

TEST(StatsFile, NoOutputsNoStatsFile) {
  auto server = ServeSite({.pages = 20, .seed = 8});
  ASSERT_TRUE(server);
  TempDir out;
  Config config = StatsConfig(*server, out.path());
  config.output.formats = {};
  Crawler crawler(config);
  ASSERT_TRUE(crawler.Run().ok());
  EXPECT_FALSE(std::filesystem::exists(out.File("site.stats.json")));
}

}  // namespace
}  // namespace arachne
