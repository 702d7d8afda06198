// Resumable crawls through the library (Config::job): what a second run of a job reuses from the first.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

#include "arachne/crawler.h"
#include "support/recording_server.h"
#include "support/run_crawl.h"
#include "support/temp_dir.h"

namespace arachne {
namespace {

using test::Crawl;
using test::FlatSite;
using test::RecordingServer;
using test::RunCrawl;
using test::TempDir;

Config JobConfig(const RecordingServer& server, const TempDir& dir) {
  Config c;
  c.name = "job";
  c.seeds = {server.base_url() + "/"};
  c.worker_executable = ARACHNE_WORKER_PATH;
  c.workers.fetchers = 1;
  c.workers.parsers = 1;
  c.politeness.max_per_host = 1;  // pages in link order, so the first run's share is known
  c.output.dir = dir.path() + "/out";
  c.output.formats = {"jsonl"};
  c.job = dir.path() + "/job";
  return c;
}

std::set<std::string> Urls(const Crawl& crawl) {
  std::set<std::string> urls;
  for (const Record& r : crawl.records) urls.insert(r.url);
  return urls;
}

TEST(CrawlerJob, TheSecondRunFetchesOnlyWhatIsLeftAndReusesTheSavedRobotsTxt) {
  auto server = RecordingServer::Start(FlatSite(6, 0, "User-agent: *\nDisallow: /p3\n"));
  ASSERT_TRUE(server);
  TempDir dir;
  Config config = JobConfig(*server, dir);
  config.scope.max_pages = 3;
  Crawl first = RunCrawl(config);
  ASSERT_TRUE(first.summary.ok()) << first.summary.status().ToString();
  EXPECT_EQ(first.records.size(), 3u);
  EXPECT_EQ(first.summary->resumed_pages, 0u);

  config.scope.max_pages = 0;
  Crawl second = RunCrawl(config);
  ASSERT_TRUE(second.summary.ok()) << second.summary.status().ToString();
  // Home and /p0 .. /p5 but /p3, each once over the two runs.
  std::set<std::string> both = Urls(first);
  for (const std::string& url : Urls(second)) EXPECT_TRUE(both.insert(url).second) << url << " fetched twice";
  EXPECT_EQ(both.size(), 6u);
  EXPECT_EQ(both.count(server->base_url() + "/p3"), 0u);
  EXPECT_EQ(second.summary->pages, 6u);  // the counters go on from the first run
  EXPECT_EQ(second.summary->resumed_pages, 3u);
  EXPECT_EQ(second.summary->robots_disallowed, 1u);
  // robots.txt was fetched by the first run only: the second knew it from the job folder.
  EXPECT_EQ(server->hits_of("/robots.txt").size(), 1u);
  EXPECT_EQ(server->hits_of("/p3").size(), 0u);
  for (const std::string& url : both) {
    EXPECT_EQ(server->hits_of(url.substr(server->base_url().size())).size(), 1u) << url;
  }
}

TEST(CrawlerJob, AFinishedJobRunAgainFetchesNothingAndKeepsItsOutputs) {
  auto server = RecordingServer::Start(FlatSite(3, 0));
  ASSERT_TRUE(server);
  TempDir dir;
  Config config = JobConfig(*server, dir);
  config.output.formats = {"jsonl", "json", "csv"};
  Crawl first = RunCrawl(config);
  ASSERT_TRUE(first.summary.ok()) << first.summary.status().ToString();
  ASSERT_EQ(first.records.size(), 4u);
  const std::string jsonl = test::ReadFile(dir.path() + "/out/job.jsonl");
  const std::string json = test::ReadFile(dir.path() + "/out/job.json");
  const std::string csv = test::ReadFile(dir.path() + "/out/job.csv");
  const std::size_t hits = server->hits().size();

  std::vector<std::string> log;
  Crawler again(config);
  again.OnLog([&](const std::string& line) { log.push_back(line); });
  Result<Summary> summary = again.Run();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->pages, 4u);
  EXPECT_EQ(server->hits().size(), hits);
  EXPECT_EQ(test::ReadFile(dir.path() + "/out/job.jsonl"), jsonl);
  EXPECT_EQ(test::ReadFile(dir.path() + "/out/job.json"), json);  // closed again, the same bytes
  EXPECT_EQ(test::ReadFile(dir.path() + "/out/job.csv"), csv);
  EXPECT_TRUE(std::any_of(log.begin(), log.end(), [](const std::string& line) {
    return line.find("had finished: nothing is left to crawl") != std::string::npos;
  }));
}

TEST(CrawlerJob, AnOutputFileShorterThanSavedIsRefusedWithoutTouchingIt) {
  auto server = RecordingServer::Start(FlatSite(3, 0));
  ASSERT_TRUE(server);
  TempDir dir;
  Config config = JobConfig(*server, dir);
  config.scope.max_pages = 2;
  ASSERT_TRUE(RunCrawl(config).summary.ok());
  const std::string path = dir.path() + "/out/job.jsonl";
  { std::ofstream(path, std::ios::trunc) << "{}\n"; }  // someone edited it

  config.scope.max_pages = 0;
  Crawl second = RunCrawl(config);
  ASSERT_FALSE(second.summary.ok());
  EXPECT_NE(second.summary.status().message().find("job.jsonl"), std::string::npos)
      << second.summary.status().ToString();
  EXPECT_NE(second.summary.status().message().find("changed since"), std::string::npos)
      << second.summary.status().ToString();
  EXPECT_EQ(test::ReadFile(path), "{}\n");
}

TEST(CrawlerJob, WithoutAJobTheQueuesOverflowWaitsInATemporaryFolderRemovedAtTheEnd) {
  auto server = RecordingServer::Start(FlatSite(40, 0));
  ASSERT_TRUE(server);
  TempDir dir;
  Config config = JobConfig(*server, dir);
  config.job.clear();
  config.frontier.max_in_memory = 5;
  std::vector<std::string> log;
  Crawl crawl;
  {
    Crawler crawler(config);
    crawler.OnRecord([&](const Record& r) { crawl.records.push_back(r); });
    crawler.OnLog([&](const std::string& line) { log.push_back(line); });
    crawl.summary = crawler.Run();
  }
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  EXPECT_EQ(Urls(crawl).size(), 41u);  // home and its 40 pages, each once
  EXPECT_EQ(crawl.records.size(), 41u);
  // The log says where the overflow went; the folder is gone once the crawl is over.
  std::string folder;
  for (const std::string& line : log) {
    const std::size_t at = line.find("wait in ");
    if (at != std::string::npos) folder = line.substr(at + 8, line.find(' ', at + 8) - at - 8);
  }
  ASSERT_FALSE(folder.empty()) << "no overflow was reported";
  EXPECT_NE(folder.find("arachne-spill-"), std::string::npos) << folder;
  EXPECT_FALSE(std::filesystem::exists(folder)) << folder;
}

}  // namespace
}  // namespace arachne
