// End-to-end crawls of the generated test site through the real processes: the coordinator in this
// test process, fetchers and parsers as arachne-worker children.
#include "arachne/crawler.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "common/cpu_time.h"
#include "crawler/gumbo_poison.h"
#include "support/process_tree.h"
#include "support/run_crawl.h"
#include "support/nginx_server.h"
#include "support/serve_site.h"
#include "support/temp_dir.h"

namespace arachne {
namespace {

using test::ChildrenNamed;
using test::Crawl;
using test::RunCrawl;
using test::ServeSite;
using testsite::SiteServer;

Config CrawlConfig(const SiteServer& server) {
  Config c;
  c.name = "test";
  c.seeds = {server.index_url()};
  c.worker_executable = ARACHNE_WORKER_PATH;
  c.workers.fetchers = 2;
  c.workers.parsers = 2;
  c.fetch.timeout_s = 30;
  c.politeness.max_per_host = 16;
  c.output.formats = {};
  return c;
}

std::map<std::string, const Record*> ByUrl(const std::vector<Record>& records) {
  std::map<std::string, const Record*> by_url;
  for (const Record& r : records) {
    EXPECT_TRUE(by_url.emplace(r.url, &r).second) << "recorded twice: " << r.url;
  }
  return by_url;
}

// What a crawl that obeys robots.txt finds: the site's /private/ pages are not fetched.
std::vector<testsite::ExpectedUrl> ObeyingRobots(std::vector<testsite::ExpectedUrl> truth) {
  std::erase_if(truth, [](const testsite::ExpectedUrl& e) { return e.disallowed; });
  return truth;
}

// Every reachable URL exactly once, with the status, depth, title, description, canonical and link count
// the site says it has; nothing else. `obey_robots`: the pages robots.txt disallows are not crawled.
void ExpectMatchesSite(const std::vector<Record>& records, const SiteServer& server, int max_depth = -1,
                       bool obey_robots = true) {
  std::vector<testsite::ExpectedUrl> truth = server.site().Reachable(server.base_url(), max_depth);
  if (obey_robots) truth = ObeyingRobots(std::move(truth));
  auto by_url = ByUrl(records);
  EXPECT_EQ(records.size(), truth.size());
  int checked = 0;
  for (const testsite::ExpectedUrl& want : truth) {
    auto it = by_url.find(want.url);
    if (it == by_url.end()) {
      ADD_FAILURE() << "not crawled: " << want.url;
      continue;
    }
    const Record& got = *it->second;
    EXPECT_EQ(got.status, want.status) << want.url;
    EXPECT_EQ(got.depth, want.depth) << want.url;
    EXPECT_EQ(got.error, "") << want.url;
    if (want.status == 200 && want.content_type.rfind("text/html", 0) == 0) {
      EXPECT_EQ(got.title, want.title) << want.url;
      EXPECT_EQ(got.description, want.description) << want.url;
      EXPECT_EQ(got.canonical, want.canonical) << want.url;
      EXPECT_EQ(got.links, static_cast<std::uint64_t>(want.links)) << want.url;
    }
    ++checked;
  }
  EXPECT_EQ(checked, static_cast<int>(truth.size()));
  std::set<std::string> expected;
  for (const auto& want : truth) expected.insert(want.url);
  for (const Record& r : records) {
    EXPECT_TRUE(expected.count(r.url)) << "crawled but not reachable (out of scope?): " << r.url;
  }
}

TEST(Crawler, CrawlsEveryReachablePageExactlyOnce) {
  auto server = ServeSite({.pages = 300, .seed = 11});
  ASSERT_TRUE(server);
  Crawl crawl = RunCrawl(CrawlConfig(*server));
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  ExpectMatchesSite(crawl.records, *server);
  EXPECT_EQ(crawl.summary->pages, crawl.records.size());
  EXPECT_FALSE(crawl.summary->stopped);
  EXPECT_EQ(crawl.summary->left_in_queue, 0u);
  EXPECT_GT(crawl.summary->out_of_scope, 0u) << "the site links to .invalid hosts";
  EXPECT_GT(crawl.summary->by_status[404], 0u);
  // Every process did work, and the summary says how much.
  EXPECT_GT(crawl.summary->coordinator_cpu_s, 0);
  EXPECT_GT(crawl.summary->fetchers_cpu_s, 0);
  EXPECT_GT(crawl.summary->parsers_cpu_s, 0);
}

TEST(Crawler, RobotsTxtKeepsThePrivatePagesOut) {
  auto server = ServeSite({.pages = 300, .seed = 11});
  ASSERT_TRUE(server);
  std::vector<testsite::ExpectedUrl> truth = server->site().Reachable(server->base_url());
  const auto disallowed = std::count_if(truth.begin(), truth.end(), [](const auto& e) { return e.disallowed; });
  ASSERT_GT(disallowed, 0) << "the site must link to /private/ pages for this test to mean anything";
  Crawl crawl = RunCrawl(CrawlConfig(*server));
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  ExpectMatchesSite(crawl.records, *server);
  EXPECT_EQ(crawl.summary->robots_disallowed, static_cast<std::uint64_t>(disallowed));
}

TEST(Crawler, WithoutRobotsTheDisallowedPagesAreCrawledToo) {
  auto server = ServeSite({.pages = 300, .seed = 11});
  ASSERT_TRUE(server);
  Config config = CrawlConfig(*server);
  config.robots.obey = false;
  Crawl crawl = RunCrawl(config);
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  ExpectMatchesSite(crawl.records, *server, -1, /*obey_robots=*/false);
  EXPECT_EQ(crawl.summary->robots_disallowed, 0u);
}

TEST(Crawler, OneFetcherOneParserGivesTheSameResult) {
  auto server = ServeSite({.pages = 120, .seed = 3});
  ASSERT_TRUE(server);
  Config config = CrawlConfig(*server);
  config.workers.fetchers = 1;
  config.workers.parsers = 1;
  config.fetch.concurrency = 4;
  Crawl crawl = RunCrawl(config);
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  ExpectMatchesSite(crawl.records, *server);
}

TEST(Crawler, ParsersReadingWithGumboGiveTheSameResult) {
  auto server = ServeSite({.pages = 120, .seed = 3});
  ASSERT_TRUE(server);
  Config config = CrawlConfig(*server);
  config.workers.html_parser = "gumbo";
  Crawl crawl = RunCrawl(config);
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  ExpectMatchesSite(crawl.records, *server);
}

// [workers] parsers = 0: the crawl starts one parser and adds one (up to one per core) while pages wait.
// Pages that Gumbo needs ~10 ms each for (3,000 nested <div>: its time grows with the square of the
// depth), fetched far faster, make them wait; with one core there is nothing to add. A parser is added only
// when the one running gets nearly a whole core, so ctest runs this test alone (SERIAL in
// tests/CMakeLists.txt): with two busy loops beside it the crawl rightly keeps one parser.
TEST(Crawler, ParsersAreAddedWhilePagesWaitForOne) {
  std::string base;
  std::string heavy = "<title>heavy</title>";
  for (int i = 0; i < 3000; ++i) heavy += "<div>";
  auto server = testsite::HttpServer::Start([&](const testsite::HttpRequestView& request) {
    testsite::HttpReply reply;
    reply.headers = {{"Content-Type", "text/html"}};
    if (request.target == "/") {
      for (int i = 0; i < 300; ++i) reply.body += "<a href=\"/p" + std::to_string(i) + "\">" + std::to_string(i) + "</a>";
    } else {
      reply.body = heavy;
    }
    return reply;
  });
  ASSERT_TRUE(server.ok());
  base = (*server)->base_url();
  Config config;
  config.seeds = {base + "/"};
  config.worker_executable = ARACHNE_WORKER_PATH;
  config.robots.obey = false;
  config.politeness.max_per_host = 64;
  config.politeness.adaptive = false;
  config.workers.fetchers = 1;
  config.workers.parsers = 0;
  config.workers.html_parser = "gumbo";
  config.output.formats = {};
  Crawl crawl = RunCrawl(config);
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  EXPECT_EQ(crawl.records.size(), 301u);
  EXPECT_EQ(crawl.summary->fetchers, 1);
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  EXPECT_GE(crawl.summary->parsers, std::min(2, cores)) << "one to start with, one added (a second core)";
  EXPECT_LE(crawl.summary->parsers, cores);
  (*server)->Stop();
}

// ... and a crawl whose pages never wait keeps the one it started with.
TEST(Crawler, AQuickCrawlKeepsOneFetcherAndOneParser) {
  auto server = ServeSite({.pages = 120, .seed = 3});
  ASSERT_TRUE(server);
  Config config = CrawlConfig(*server);
  config.workers.fetchers = 0;
  config.workers.parsers = 0;
  Crawl crawl = RunCrawl(config);
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  ExpectMatchesSite(crawl.records, *server);
  EXPECT_EQ(crawl.summary->fetchers, 1);
  EXPECT_EQ(crawl.summary->parsers, 1);
}

TEST(Crawler, MaxDepthLimitsTheCrawl) {
  auto server = ServeSite({.pages = 300, .seed = 5});
  ASSERT_TRUE(server);
  Config config = CrawlConfig(*server);
  config.scope.max_depth = 2;
  Crawl crawl = RunCrawl(config);
  ASSERT_TRUE(crawl.summary.ok());
  ExpectMatchesSite(crawl.records, *server, 2);
  for (const Record& r : crawl.records) EXPECT_LE(r.depth, 2);
}

TEST(Crawler, MaxPagesGivesExactlyThatManyRecords) {
  auto server = ServeSite({.pages = 300, .seed = 5});
  ASSERT_TRUE(server);
  Config config = CrawlConfig(*server);
  config.scope.max_pages = 50;
  Crawl crawl = RunCrawl(config);
  ASSERT_TRUE(crawl.summary.ok());
  EXPECT_EQ(crawl.records.size(), 50u);
  ByUrl(crawl.records);  // no duplicates
  EXPECT_GT(crawl.summary->left_in_queue, 0u);
}

TEST(Crawler, StopEndsTheCrawlWithAStoppedSummary) {
  auto server = ServeSite({.pages = 2000, .seed = 5});
  ASSERT_TRUE(server);
  Config config = CrawlConfig(*server);
  config.politeness.max_per_host = 2;
  Crawl crawl = RunCrawl(config, [](const Record&, Crawler& crawler) { crawler.Stop(); });
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  EXPECT_TRUE(crawl.summary->stopped);
  EXPECT_LT(crawl.records.size(), server->site().Reachable(server->base_url()).size());
  ByUrl(crawl.records);
}

TEST(Crawler, StopBeforeRunStopsAtOnce) {
  auto server = ServeSite({.pages = 100, .seed = 5});
  ASSERT_TRUE(server);
  Crawler crawler(CrawlConfig(*server));
  crawler.Stop();
  Result<Summary> summary = crawler.Run();
  ASSERT_TRUE(summary.ok());
  EXPECT_TRUE(summary->stopped);
}

TEST(Crawler, WorkersShowTheirRoleInPs) {
  auto server = ServeSite({.pages = 50, .seed = 5});
  ASSERT_TRUE(server);
  std::set<std::string> names;
  RunCrawl(CrawlConfig(*server), [&](const Record&, Crawler&) {
    if (!names.empty()) return;
    for (const char* name : {"arachne: fetcher 1", "arachne: fetcher 2", "arachne: parser 1", "arachne: parser 2"}) {
      if (!ChildrenNamed(name).empty()) names.insert(name);
    }
  });
  EXPECT_EQ(names.size(), 4u);
}

// The "Seccomp:" mode of a process: 0 none, 2 a filter.
int SeccompMode(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("Seccomp:", 0) == 0) return std::atoi(line.c_str() + 8);
  }
  return -1;
}

// The seccomp mode of each parser and each fetcher, as highest seen at any record (a worker enters its
// sandbox when its start-up is over, which may be after the first records).
std::map<std::string, std::vector<int>> SeccompModes(Config config) {
  std::map<std::string, std::map<pid_t, int>> seen;
  RunCrawl(std::move(config), [&](const Record&, Crawler&) {
    for (const char* role : {"parser", "fetcher"}) {
      for (pid_t pid : ChildrenNamed(std::string("arachne: ") + role)) {
        int& mode = seen[role].emplace(pid, -1).first->second;
        mode = std::max(mode, SeccompMode(pid));
      }
    }
  });
  std::map<std::string, std::vector<int>> modes;
  for (const auto& [role, by_pid] : seen) {
    for (const auto& [pid, mode] : by_pid) modes[role].push_back(mode);
  }
  return modes;
}

TEST(Crawler, ParsersRunSandboxed) {
  auto server = ServeSite({.pages = 200, .seed = 5});
  ASSERT_TRUE(server);
  auto modes = SeccompModes(CrawlConfig(*server));
  EXPECT_EQ(modes["parser"], (std::vector<int>{2, 2}));
  EXPECT_EQ(modes["fetcher"], (std::vector<int>{0, 0}));  // fetchers open sockets: not this sandbox
  Config unsandboxed = CrawlConfig(*server);
  unsandboxed.workers.sandbox = false;
  EXPECT_EQ(SeccompModes(unsandboxed)["parser"], (std::vector<int>{0, 0}));
}

// What a record says about its page, which no crash may change: all but timings and retry counts.
std::set<std::string> Essences(const std::vector<Record>& records) {
  std::set<std::string> essences;
  for (const Record& r : records) {
    nlohmann::json j = {r.url, r.final_url, r.status, r.depth, r.referrer.empty(), r.content_type,
                        r.bytes, r.title, r.description, r.canonical, r.links, r.error};
    essences.insert(j.dump());
  }
  return essences;
}

TEST(Crawler, SigkilledWorkersMidCrawlLoseNothingAndDuplicateNothing) {
  auto server = ServeSite({.pages = 5000, .seed = 9});
  ASSERT_TRUE(server);
  Config config = CrawlConfig(*server);
  Crawl undisturbed = RunCrawl(config);
  ASSERT_TRUE(undisturbed.summary.ok()) << undisturbed.summary.status().ToString();
  ExpectMatchesSite(undisturbed.records, *server);
  ASSERT_GT(undisturbed.records.size(), 4000u);

  // SIGKILL at 1,000 records parser 1, at 2,000 fetcher 1, at 3,000 parser 2 and fetcher 2 together.
  const std::map<std::size_t, std::vector<std::string>> kills = {
      {1000, {"arachne: parser 1"}},
      {2000, {"arachne: fetcher 1"}},
      {3000, {"arachne: parser 2", "arachne: fetcher 2"}}};
  int killed = 0;
  std::size_t seen = 0;
  Crawl crawl = RunCrawl(config, [&](const Record&, Crawler&) {
    auto it = kills.find(++seen);
    if (it == kills.end()) return;
    for (const std::string& name : it->second) {
      for (pid_t pid : ChildrenNamed(name)) killed += ::kill(pid, SIGKILL) == 0;
    }
  });
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  EXPECT_EQ(killed, 4);
  ExpectMatchesSite(crawl.records, *server);  // each URL once, nothing missing
  EXPECT_EQ(Essences(crawl.records), Essences(undisturbed.records));
  EXPECT_GE(crawl.summary->worker_restarts, 4u);
  EXPECT_EQ(crawl.summary->quarantined, 0u);
}

// A worker that stops answering without dying — SIGSTOP here; a deadlock or an endless loop alike — is
// found by its silence on the heartbeat, killed, and replaced; its work is done by the others.
TEST(Crawler, WorkersThatStopAnsweringAreReplacedAndLoseNothing) {
  auto server = ServeSite({.pages = 600, .seed = 9});
  ASSERT_TRUE(server);
  for (const char* victim : {"arachne: fetcher 1", "arachne: parser 1"}) {
    SCOPED_TRACE(victim);
    Config config = CrawlConfig(*server);
    config.workers.heartbeat_timeout_s = 2;
    config.workers.parse_timeout_s = 3;  // a parser stopped in the middle of a page is overdue then
    // One of each, so that the crawl cannot end without the stopped one: with two parsers the other one
    // may parse the rest of the site before an idle stopped parser is found out.
    config.workers.fetchers = 1;
    config.workers.parsers = 1;
    std::size_t seen = 0;
    bool stopped = false;
    Crawl crawl = RunCrawl(config, [&](const Record&, Crawler&) {
      if (++seen != 100) return;
      for (pid_t pid : ChildrenNamed(victim)) stopped = ::kill(pid, SIGSTOP) == 0;
    });
    ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
    EXPECT_TRUE(stopped);
    ExpectMatchesSite(crawl.records, *server);
    EXPECT_GE(crawl.summary->worker_restarts, 1u);
    if (std::string(victim).find("fetcher") != std::string::npos) {
      EXPECT_GE(crawl.summary->worker_hangs, 1u);
    }
  }
}

// The coordinator's own absence — an OnRecord callback that takes its time — is not its children's silence.
TEST(Crawler, ASlowRecordCallbackDoesNotMakeTheWorkersLookHung) {
  auto server = ServeSite({.pages = 200, .seed = 9});
  ASSERT_TRUE(server);
  Config config = CrawlConfig(*server);
  config.workers.heartbeat_timeout_s = 2;
  std::size_t seen = 0;
  Crawl crawl = RunCrawl(config, [&](const Record&, Crawler&) {
    if (++seen == 50) std::this_thread::sleep_for(std::chrono::seconds(5));
  });
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  ExpectMatchesSite(crawl.records, *server);
  EXPECT_EQ(crawl.summary->worker_hangs, 0u);
  EXPECT_EQ(crawl.summary->worker_restarts, 0u);
}

TEST(Crawler, InvalidConfigFailsBeforeAnyRequest) {
  auto server = ServeSite({.pages = 10, .seed = 1});
  ASSERT_TRUE(server);
  Config config = CrawlConfig(*server);
  config.seeds = {"not a url"};
  Crawl crawl = RunCrawl(config);
  ASSERT_FALSE(crawl.summary.ok());
  EXPECT_EQ(crawl.summary.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(server->server().requests(), 0u);
}

TEST(Crawler, MissingWorkerExecutableIsAClearError) {
  auto server = ServeSite({.pages = 10, .seed = 1});
  ASSERT_TRUE(server);
  Config config = CrawlConfig(*server);
  config.worker_executable = "/nonexistent/arachne-worker";
  Crawl crawl = RunCrawl(config);
  ASSERT_FALSE(crawl.summary.ok());
  EXPECT_NE(crawl.summary.status().message().find("/nonexistent/arachne-worker"), std::string::npos);
}

// A worker that says why it cannot run (a Log message) and exits, every time: the crawl ends with an error
// instead of restarting it forever.
TEST(Crawler, AWorkerThatLogsAndExitsAtOnceEndsTheCrawlWithAnError) {
  auto server = ServeSite({.pages = 10, .seed = 1});
  ASSERT_TRUE(server);
  test::TempDir dir;
  // A Log frame: its length (8, little-endian), type 8 (Log), the text's length (6), the text.
  const std::string script =
      dir.Write("broken-worker", "#!/bin/sh\nprintf '\\010\\000\\000\\000\\010\\006broken' >&3\nexit 2\n");
  ASSERT_EQ(::chmod(script.c_str(), 0755), 0);
  Config config = CrawlConfig(*server);
  config.worker_executable = script;
  Crawl crawl = RunCrawl(config);
  ASSERT_FALSE(crawl.summary.ok());
  EXPECT_NE(crawl.summary.status().message().find("times right after starting"), std::string::npos)
      << crawl.summary.status().ToString();
}

TEST(Crawler, ExportsEveryRecordToEachFormat) {
  auto server = ServeSite({.pages = 80, .seed = 2});
  ASSERT_TRUE(server);
  Config config = CrawlConfig(*server);
  char dir_template[] = "/tmp/arachne-crawler-test-XXXXXX";
  ASSERT_NE(::mkdtemp(dir_template), nullptr);
  config.output.dir = dir_template;
  config.output.formats = {"jsonl", "csv", "json"};
  Crawl crawl = RunCrawl(config);
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  std::ifstream jsonl(std::string(dir_template) + "/test.jsonl");
  std::size_t lines = 0;
  for (std::string line; std::getline(jsonl, line);) {
    nlohmann::json j = nlohmann::json::parse(line);
    EXPECT_TRUE(j.contains("url"));
    ++lines;
  }
  EXPECT_EQ(lines, crawl.records.size());
  std::ifstream json_file(std::string(dir_template) + "/test.json");
  nlohmann::json array = nlohmann::json::parse(json_file);
  EXPECT_EQ(array.size(), crawl.records.size());
  std::ifstream csv(std::string(dir_template) + "/test.csv");
  std::string header;
  std::getline(csv, header);
  EXPECT_EQ(header.rfind("url,final_url,redirects,status,depth,referrer", 0), 0u) << header;
  std::filesystem::remove_all(dir_template);
}

}  // namespace
}  // namespace arachne

namespace arachne {
namespace {

// A page's texts are kept to their first 64 KiB, cut between characters: a title of megabytes makes
// neither a record of megabytes nor a message the parser cannot send.
TEST(Crawler, HugeTitlesAndDescriptionsAreCutToTheirFirst64KiB) {
  std::string title;
  while (title.size() < (3u << 20)) title += "Ärger ";  // 'Ä' is two bytes: cuts can fall inside one
  const std::string page = "<html><head><title>" + title + "</title><meta name=description content=\"" + title +
                           "\"></head><body><a href=/next>next</a></body></html>";
  auto server = testsite::HttpServer::Start([&](const testsite::HttpRequestView& request) {
    testsite::HttpReply reply;
    reply.headers = {{"Content-Type", "text/html; charset=utf-8"}};
    reply.body = request.target == "/" ? page : "<title>next</title>";
    return reply;
  });
  ASSERT_TRUE(server.ok());
  Config config;
  config.seeds = {(*server)->base_url() + "/"};
  config.worker_executable = ARACHNE_WORKER_PATH;
  config.robots.obey = false;
  config.fetch.max_body_bytes = 16 << 20;
  config.output.formats = {};
  Crawl crawl = RunCrawl(config);
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  auto by_url = ByUrl(crawl.records);
  ASSERT_EQ(by_url.size(), 2u);
  const Record& r = *by_url.at((*server)->base_url() + "/");
  EXPECT_EQ(r.error, "");
  for (const std::string* text : {&r.title, &r.description}) {
    EXPECT_LE(text->size(), 64u << 10);
    EXPECT_GT(text->size(), (64u << 10) - 8);
    EXPECT_EQ(title.compare(0, text->size(), *text), 0);  // the start, whole characters only
  }
  EXPECT_EQ(by_url.at((*server)->base_url() + "/next")->title, "next");
  (*server)->Stop();
}

TEST(Crawler, APageThatHangsItsParserIsTimedOutAndTheCrawlGoesOn) {
  testsite::Site site({.pages = 60, .seed = 8});
  std::string base;
  // 100,000 nested <div>s: Gumbo's time grows with the square of the depth, about ten seconds here.
  std::string deep = "<html><head><title>deep</title></head><body>";
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  auto server = testsite::HttpServer::Start([&](const testsite::HttpRequestView& request) {
    if (request.target == "/deep.html") {
      testsite::HttpReply reply;
      reply.headers = {{"Content-Type", "text/html"}};
      reply.body = deep;
      return reply;
    }
    return site.Respond(request, base);
  });
  ASSERT_TRUE(server.ok());
  base = (*server)->base_url();

  Config config;
  config.seeds = {base + "/index.html", base + "/deep.html"};
  config.worker_executable = ARACHNE_WORKER_PATH;
  config.workers.parsers = 2;
  config.workers.parse_timeout_s = 2;  // from when a parser takes the page; a normal one takes milliseconds
  config.workers.html_parser = "gumbo";  // the scanner reads the page in a millisecond
  config.output.formats = {};
  Crawl crawl = RunCrawl(config);
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  auto by_url = ByUrl(crawl.records);
  ASSERT_TRUE(by_url.count(base + "/deep.html"));
  EXPECT_EQ(by_url[base + "/deep.html"]->error, "parse timeout");
  // Two parses were cut short, and then the page was quarantined; the second kill may come after the
  // last record, when the crawl is ending and no longer restarts anything, so one restart is certain.
  EXPECT_GE(crawl.summary->worker_restarts, 1u);
  EXPECT_EQ(crawl.summary->quarantined, 1u);
  EXPECT_EQ(crawl.records.size(), ObeyingRobots(site.Reachable(base)).size() + 1);
  (*server)->Stop();
}

// A parser reading with Gumbo dies twice on a page that aborts Gumbo (gumbo_poison.h; the fuzz target now
// keeps such pages from Gumbo) and the page is quarantined as "parser crashed", while the crawl goes on;
// the scanner reads it.
TEST(Crawler, APageThatCrashesGumboIsQuarantinedAndTheCrawlGoesOn) {
  auto poisoned = test::PoisonedSite::Start({.pages = 60, .seed = 8});
  ASSERT_TRUE(poisoned);
  const testsite::Site& site = poisoned->site();
  const std::string base = poisoned->base_url();
  for (const char* parser : {"gumbo", "scanner"}) {
    SCOPED_TRACE(parser);
    Config config;
    config.seeds = {base + "/index.html", base + "/poison.html"};
    config.worker_executable = ARACHNE_WORKER_PATH;
    config.workers.parsers = 2;
    config.workers.html_parser = parser;
    config.output.formats = {};
    Crawl crawl = RunCrawl(config);
    ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
    auto by_url = ByUrl(crawl.records);
    ASSERT_TRUE(by_url.count(base + "/poison.html"));
    EXPECT_EQ(crawl.records.size(), ObeyingRobots(site.Reachable(base)).size() + 1);
    const Record& poison = *by_url[base + "/poison.html"];
    if (std::string(parser) == "gumbo") {
      EXPECT_EQ(poison.error, "parser crashed");
      EXPECT_EQ(crawl.summary->quarantined, 1u);
      EXPECT_GE(crawl.summary->worker_restarts, 1u);
    } else {
      EXPECT_EQ(poison.error, "");
      EXPECT_EQ(poison.title, "poison");
      EXPECT_EQ(crawl.summary->quarantined, 0u);
      EXPECT_EQ(crawl.summary->worker_restarts, 0u);
    }
  }
}

}  // namespace
}  // namespace arachne

namespace arachne {
namespace {

double CpuSecondsOfThisProcess() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return CpuSeconds(usage);
}

// While it waits (here for a host's delay), the coordinator sleeps in poll: a loop that spins instead
// burns a whole core, which this tells apart from an idle one by far, whatever the machine's load.
TEST(Crawler, CoordinatorSleepsWhileWaiting) {
  auto server = ServeSite({.pages = 20, .seed = 1});
  ASSERT_TRUE(server);
  for (bool with_progress : {false, true}) {
    Config config = CrawlConfig(*server);
    config.politeness.max_per_host = 1;
    config.politeness.delay_ms = 250;
    config.scope.max_pages = 6;
    Crawler crawler(config);
    if (with_progress) crawler.OnProgress([](const Progress&) {}, 20);
    double cpu_before = CpuSecondsOfThisProcess();
    auto wall_before = std::chrono::steady_clock::now();
    Result<Summary> summary = crawler.Run();
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_before).count();
    double cpu = CpuSecondsOfThisProcess() - cpu_before;
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    EXPECT_EQ(summary->pages, 6u);
    EXPECT_LT(cpu, 0.3 * wall) << "the coordinator used " << cpu << " s of CPU in " << wall
                               << " s (progress callback: " << with_progress << ")";
  }
}

// A crawl in which nothing finishes for twice the longest a fetch or a parse may take says, once, what it
// waits for: here its only page answers 503 and waits out a long retry backoff.
TEST(Crawler, AStalledCrawlSaysWhatItWaitsFor) {
  auto server = testsite::HttpServer::Start([](const testsite::HttpRequestView& request) {
    testsite::HttpReply reply;
    reply.status = request.target == "/robots.txt" ? 404 : 503;
    return reply;
  });
  ASSERT_TRUE(server.ok());
  Config config;
  config.seeds = {(*server)->base_url() + "/busy.html"};
  config.worker_executable = ARACHNE_WORKER_PATH;
  config.workers.fetchers = 1;
  config.workers.parsers = 1;
  config.output.formats = {};
  config.fetch.timeout_s = 0.5;
  config.workers.parse_timeout_s = 0.5;  // a stall is then 1 s without a URL finished
  config.retry.max_retries = 1;
  config.retry.backoff_s = 3;
  config.politeness.adaptive = false;
  std::vector<std::string> warnings;
  Crawler crawler(config);
  crawler.OnLog([&](LogLevel level, const std::string& line) {
    if (level == LogLevel::kWarning) warnings.push_back(line);
  });
  Result<Summary> summary = crawler.Run();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->by_status[503], 1u);
  ASSERT_FALSE(warnings.empty());
  EXPECT_THAT(warnings.front(), ::testing::StartsWith("no URL finished for "));
  EXPECT_THAT(warnings.front(), ::testing::HasSubstr("0 queued, 0 being fetched"));
  EXPECT_THAT(warnings.front(), ::testing::HasSubstr("1 waiting to be retried"));
  // Once a stall span (a second here), not on every turn of the loop: how many spans the wait makes
  // depends on the machine's speed, so only what each says is checked.
  for (const std::string& warning : warnings) EXPECT_THAT(warning, ::testing::StartsWith("no URL finished for "));
  (*server)->Stop();
}

}  // namespace
}  // namespace arachne

namespace arachne {
namespace {

// The whole pipeline over HTTPS and HTTP/2: the generated site written to disk and served by nginx with a
// certificate that only [fetch] ca_file makes trusted.
TEST(Crawler, CrawlsAnHttpsSiteWithItsOwnCertificateAuthority) {
  test::TempDir site_dir, work;
  auto nginx = test::NginxServer::Start(site_dir.path(), work.path(), /*tls=*/true);
  ASSERT_TRUE(nginx) << test::ReadFile(work.path() + "/error.log");
  const std::string base = "https://127.0.0.1:" + std::to_string(nginx->port());
  testsite::Site site({.pages = 150, .seed = 21});
  ASSERT_TRUE(site.Write(site_dir.path(), base).ok());

  Config config;
  config.seeds = {base + "/index.html"};
  config.worker_executable = ARACHNE_WORKER_PATH;
  config.workers.parsers = 2;
  config.fetch.ca_file = work.path() + "/cert.pem";
  config.output.formats = {};
  Crawl crawl = RunCrawl(config);
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  std::vector<testsite::ExpectedUrl> truth = ObeyingRobots(site.Reachable(base));
  auto by_url = ByUrl(crawl.records);
  EXPECT_EQ(crawl.records.size(), truth.size());
  for (const testsite::ExpectedUrl& want : truth) {
    auto it = by_url.find(want.url);
    ASSERT_NE(it, by_url.end()) << want.url;
    EXPECT_EQ(it->second->status, want.status) << want.url;
    EXPECT_EQ(it->second->error, "") << want.url;
    if (want.status == 200) {  // error pages are not parsed
      EXPECT_EQ(it->second->title, want.title) << want.url;
    }
  }

  // Without the CA file, every fetch fails as a TLS error, and each still gets its record.
  config.fetch.ca_file.clear();
  Crawl untrusted = RunCrawl(config);
  ASSERT_TRUE(untrusted.summary.ok());
  ASSERT_EQ(untrusted.records.size(), 1u);
  EXPECT_EQ(untrusted.records[0].error, "tls");
}

}  // namespace
}  // namespace arachne
