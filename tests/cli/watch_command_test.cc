// Watching a crawl from the command line: --log-format json and --log-level, --metrics scraped while the
// crawl runs, the stats file it leaves, and `arachne report` drawing that file.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "support/cli_run.h"
#include "support/raw_test_client.h"
#include "support/serve_site.h"
#include "support/temp_dir.h"

namespace arachne {
namespace {

using test::CliRun;
using test::RawTestClient;
using test::ReadFile;
using test::RunCli;
using test::ServeSite;
using test::StartCli;
using test::TempDir;
using test::WaitCli;
using test::WriteSeedFile;

std::string SeedToml(const testsite::SiteServer& server, const TempDir& dir, const std::string& extra = "") {
  return "name = \"site\"\nseeds = [\"" + server.index_url() + "\"]\n" + extra +
         "[workers]\nfetchers = 1\nparsers = 2\n[output]\ndir = \"" + dir.path() + "/out\"\nformats = [\"jsonl\"]\n";
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// GET http://127.0.0.1:port/metrics, read until the server closes; "" when it cannot connect.
std::string Scrape(int port) {
  RawTestClient client(static_cast<std::uint16_t>(port));
  if (!client.Send("/metrics")) return "";
  return client.ReadAll(std::chrono::seconds(30)).bytes;
}

// The value of an unlabelled sample `name` in exposition text; -1 when absent.
double Sample(const std::string& text, const std::string& name) {
  for (const std::string& line : Lines(text)) {
    if (line.starts_with(name + " ")) return std::stod(line.substr(name.size() + 1));
  }
  return -1;
}

TEST(WatchCommand, JsonLogLinesAreJsonAndTheLevelFilters) {
  auto server = ServeSite({.pages = 40, .seed = 2});
  ASSERT_TRUE(server);
  TempDir dir;
  const std::string seed = WriteSeedFile(dir, SeedToml(*server, dir));
  CliRun run = RunCli({"crawl", seed, "--log-format", "json", "--metrics", "127.0.0.1:0"}, dir);
  ASSERT_EQ(run.exit_status, 0) << run.err;
  int lines = 0;
  bool saw_metrics = false;
  for (const std::string& line : Lines(run.err)) {
    const nlohmann::json entry = nlohmann::json::parse(line, nullptr, false);
    ASSERT_TRUE(entry.is_object()) << "not JSON: " << line;
    EXPECT_TRUE(std::regex_match(entry.at("time").get<std::string>(),
                                 std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")))
        << line;
    EXPECT_EQ(entry.at("level"), "info") << line;
    if (entry.at("message").get<std::string>().starts_with("serving metrics at http://127.0.0.1:")) saw_metrics = true;
    ++lines;
  }
  EXPECT_TRUE(saw_metrics) << run.err;
  EXPECT_GT(lines, 0);

  // --log-level warning: the info line is not written.
  run = RunCli({"crawl", seed, "--log-format", "json", "--log-level", "warning", "--metrics", "127.0.0.1:0"}, dir);
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(RunCli({"crawl", seed, "--log-level", "loud"}, dir).exit_status, 2);
  EXPECT_EQ(RunCli({"crawl", seed, "--log-format", "xml"}, dir).exit_status, 2);
  EXPECT_EQ(RunCli({"crawl", seed, "--metrics", "127.0.0.1:99999"}, dir).exit_status, 2);
}

TEST(WatchCommand, MetricsAreScrapedWhileTheCrawlRuns) {
  auto server = ServeSite({.pages = 3000, .seed = 4});
  ASSERT_TRUE(server);
  TempDir dir;
  // One request at a time, 20 ms apart: the crawl lasts long enough to be watched, and is then stopped.
  const std::string seed = WriteSeedFile(dir, SeedToml(*server, dir, "[politeness]\nmax_per_host = 1\ndelay_ms = 20\n"));
  const pid_t pid = StartCli({"crawl", seed, "--metrics", "127.0.0.1:0"}, dir.path());
  int port = 0;
  const std::regex where(R"(serving metrics at http://127\.0\.0\.1:(\d+)/metrics)");
  for (int i = 0; i < 1000 && port == 0; ++i) {
    std::smatch match;
    const std::string err = ReadFile(dir.path() + "/stderr");
    if (std::regex_search(err, match, where)) port = std::stoi(match[1]);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_GT(port, 0) << ReadFile(dir.path() + "/stderr");
  std::string reply;
  for (int i = 0; i < 1000 && Sample(reply, "arachne_pages_total") < 10; ++i) {
    reply = Scrape(port);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid, SIGINT);
  const int status = WaitCli(pid);
  EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 130);

  ASSERT_NE(reply.find("HTTP/1.1 200"), std::string::npos) << reply;
  EXPECT_NE(reply.find("text/plain; version=0.0.4"), std::string::npos) << reply;
  EXPECT_GE(Sample(reply, "arachne_pages_total"), 10) << reply;
  EXPECT_GT(Sample(reply, "arachne_queued_urls"), 0) << reply;
  EXPECT_NE(reply.find("# TYPE arachne_pages_total counter"), std::string::npos);
  EXPECT_NE(reply.find("arachne_pages_by_status_total{status=\"200\"}"), std::string::npos) << reply;
  EXPECT_NE(reply.find("arachne_process_in_flight{process=\"fetcher 1\",role=\"fetcher\"}"), std::string::npos)
      << reply;
  EXPECT_NE(reply.find("{process=\"parser 2\",role=\"parser\"}"), std::string::npos) << reply;
}

TEST(WatchCommand, TheCrawlLeavesAStatsFileThatReportDraws) {
  auto server = ServeSite({.pages = 120, .seed = 6});
  ASSERT_TRUE(server);
  TempDir dir;
  const std::string seed = WriteSeedFile(dir, SeedToml(*server, dir));
  CliRun run = RunCli({"crawl", seed}, dir);
  ASSERT_EQ(run.exit_status, 0) << run.err;
  const std::string stats = dir.path() + "/out/site.stats.json";
  EXPECT_NE(run.out.find("wrote " + stats), std::string::npos) << run.out;
  const nlohmann::json json = nlohmann::json::parse(ReadFile(stats), nullptr, false);
  ASSERT_TRUE(json.is_object());
  EXPECT_EQ(json.at("state"), "finished");

  run = RunCli({"report", stats}, dir);
  ASSERT_EQ(run.exit_status, 0) << run.err;
  const std::string page = ReadFile(dir.path() + "/out/site.report.html");
  EXPECT_NE(page.find("<svg"), std::string::npos);
  EXPECT_NE(page.find("fetcher 1"), std::string::npos) << "the timeline names the processes";
}

}  // namespace
}  // namespace arachne
