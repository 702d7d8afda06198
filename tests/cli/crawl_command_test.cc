// The `arachne` command run as a user runs it: a seed file, exit statuses, outputs, signals, orphans.
#include <fcntl.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "support/cli_run.h"
#include "support/process_tree.h"
#include "support/serve_site.h"
#include "support/temp_dir.h"

namespace arachne {
namespace {

namespace fs = std::filesystem;
using test::CliRun;
using test::CountLines;
using test::WriteSeedFile;
using test::ReadFile;
using test::RunCli;
using test::StartCli;
using test::WaitCli;
using test::ServeSite;
using test::TempDir;
using testsite::SiteServer;

std::string SeedToml(const SiteServer& server, const TempDir& dir, const std::string& extra = "") {
  return "name = \"site\"\nseeds = [\"" + server.index_url() + "\"]\n" + extra + "[workers]\nparsers = 2\n" +
         "[output]\ndir = \"" + dir.path() + "/out\"\nformats = [\"jsonl\", \"csv\"]\n";
}

TEST(CrawlCommand, CrawlsAndWritesJsonlAndCsv) {
  auto server = ServeSite({.pages = 150, .seed = 4});
  ASSERT_TRUE(server);
  TempDir dir;
  std::string seed = WriteSeedFile(dir, SeedToml(*server, dir));
  CliRun run = RunCli({"crawl", seed}, dir);
  ASSERT_EQ(run.exit_status, 0) << run.err;
  auto truth = server->site().Reachable(server->base_url());
  // robots.txt keeps the site's /private/ pages out.
  const auto expected = static_cast<std::size_t>(
      std::count_if(truth.begin(), truth.end(), [](const auto& e) { return !e.disallowed; }));
  EXPECT_EQ(CountLines(dir.path() + "/out/site.jsonl"), expected);
  EXPECT_EQ(CountLines(dir.path() + "/out/site.csv"), expected + 1);  // header; no field has a newline here
  // The summary is printed even though stdout is not a terminal.
  EXPECT_NE(run.out.find(std::to_string(expected)), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("pages/s"), std::string::npos) << run.out;
  // No progress line when stderr is not a terminal.
  EXPECT_EQ(run.err.find('\r'), std::string::npos);
}

TEST(CrawlCommand, FlagsOverrideTheSeedFile) {
  auto server = ServeSite({.pages = 150, .seed = 4});
  ASSERT_TRUE(server);
  TempDir dir;
  std::string seed = WriteSeedFile(dir, SeedToml(*server, dir));
  CliRun run = RunCli({"crawl", seed, "--max-pages", "20", "--fetchers", "2", "--parsers", "1", "--out",
                    dir.path() + "/other", "--formats", "json"},
                   dir);
  ASSERT_EQ(run.exit_status, 0) << run.err;
  auto array = nlohmann::json::parse(ReadFile(dir.path() + "/other/site.json"));
  EXPECT_EQ(array.size(), 20u);
  EXPECT_FALSE(fs::exists(dir.path() + "/out/site.jsonl"));
}

TEST(CrawlCommand, PlainUrlListWorks) {
  auto server = ServeSite({.pages = 30, .seed = 4});
  ASSERT_TRUE(server);
  TempDir dir;
  std::string list = dir.path() + "/urls.txt";
  std::ofstream(list) << "# two seeds\n" << server->index_url() << "\n\n" << server->base_url() << "/p/1.html\n";
  CliRun run = RunCli({"crawl", list, "--max-depth", "0", "--out", dir.path(), "--formats", "jsonl"}, dir);
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_EQ(CountLines(dir.path() + "/urls.jsonl"), 2u);
}

TEST(CrawlCommand, BadSeedFileIsRefusedWithFileLineAndKey) {
  TempDir dir;
  std::string seed = WriteSeedFile(dir, "name = \"x\"\nseeds = [\"http://127.0.0.1:1/\"]\n[scope]\nmax_depth = \"three\"\n");
  CliRun run = RunCli({"crawl", seed}, dir);
  EXPECT_EQ(run.exit_status, 2);
  EXPECT_NE(run.err.find("seed.toml:4"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("max_depth"), std::string::npos) << run.err;
}

TEST(CrawlCommand, UsageErrorsExitWithTwoAndHelpWithZero) {
  TempDir dir;
  EXPECT_EQ(RunCli({}, dir).exit_status, 2);
  EXPECT_EQ(RunCli({"crawl"}, dir).exit_status, 2);
  EXPECT_EQ(RunCli({"crawl", "x.toml", "--fetchers", "many"}, dir).exit_status, 2);
  EXPECT_EQ(RunCli({"frobnicate"}, dir).exit_status, 2);
  CliRun help = RunCli({"crawl", "--help"}, dir);
  EXPECT_EQ(help.exit_status, 0);
  EXPECT_NE(help.out.find("--max-pages"), std::string::npos);
}

TEST(CrawlCommand, MissingSeedFileIsRefused) {
  TempDir dir;
  CliRun run = RunCli({"crawl", dir.path() + "/nope.toml"}, dir);
  EXPECT_EQ(run.exit_status, 2);
  EXPECT_NE(run.err.find("nope.toml"), std::string::npos) << run.err;
}

// Polls until `pid` has at least `n` children named "arachne: ...", for up to 30 s.
std::vector<pid_t> WaitForWorkers(pid_t pid, std::size_t n) {
  std::vector<pid_t> workers;
  for (int i = 0; i < 3000 && workers.size() < n; ++i) {
    workers = test::ChildrenNamed("arachne: ", pid);
    if (workers.size() < n) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return workers;
}

bool AllDeadWithin(const std::vector<pid_t>& pids, int seconds) {
  for (int i = 0; i < seconds * 100; ++i) {
    bool all = true;
    for (pid_t p : pids) all = all && test::IsDead(p);
    if (all) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

// A crawl slow enough that a signal arrives mid-crawl (one request at a time, 20 ms apart), started and
// running with its three workers (1 fetcher, 2 parsers).
class SlowCrawl {
 public:
  SlowCrawl() : server_(ServeSite({.pages = 3000, .seed = 4})) {
    if (!server_) return;
    std::string seed =
        WriteSeedFile(dir_, SeedToml(*server_, dir_, "[politeness]\nmax_per_host = 1\ndelay_ms = 20\n"));
    pid_ = StartCli({"crawl", seed}, dir_.path());
    workers_ = WaitForWorkers(pid_, 3);
  }
  ~SlowCrawl() {
    if (pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0) {  // a test that failed before its Wait
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  SlowCrawl(const SlowCrawl&) = delete;
  SlowCrawl& operator=(const SlowCrawl&) = delete;
  bool started() const { return server_ && workers_.size() == 3; }
  pid_t pid() const { return pid_; }
  const std::vector<pid_t>& workers() const { return workers_; }
  const TempDir& dir() const { return dir_; }
  std::size_t reachable() const { return server_->site().Reachable(server_->base_url()).size(); }

 private:
  std::unique_ptr<SiteServer> server_;
  TempDir dir_;
  pid_t pid_ = -1;
  std::vector<pid_t> workers_;
};

TEST(CrawlCommand, SigintStopsCleanlyWith130AndValidOutputs) {
  SlowCrawl crawl;
  ASSERT_TRUE(crawl.started());
  const std::string out = crawl.dir().path() + "/out";
  for (int i = 0; i < 3000 && CountLines(out + "/site.jsonl") < 5; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // outputs are flushed every second
  }
  ::kill(crawl.pid(), SIGINT);
  int status = WaitCli(crawl.pid(), 60);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130) << ReadFile(crawl.dir().path() + "/stderr");
  EXPECT_TRUE(AllDeadWithin(crawl.workers(), 10)) << "orphaned workers";
  // Every line of the JSONL parses; the CSV has the same rows.
  std::ifstream jsonl(out + "/site.jsonl");
  std::size_t records = 0;
  for (std::string line; std::getline(jsonl, line); ++records) {
    EXPECT_TRUE(nlohmann::json::accept(line)) << line;
  }
  EXPECT_GT(records, 0u);
  EXPECT_LT(records, crawl.reachable());
  EXPECT_EQ(CountLines(out + "/site.csv"), records + 1);
  EXPECT_NE(ReadFile(crawl.dir().path() + "/stdout").find("stopped"), std::string::npos);
}

TEST(CrawlCommand, SigtermExitsWith143) {
  SlowCrawl crawl;
  ASSERT_TRUE(crawl.started());
  ::kill(crawl.pid(), SIGTERM);
  int status = WaitCli(crawl.pid(), 60);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 143);
}

TEST(CrawlCommand, WorkersDieWithAKilledCoordinator) {
  SlowCrawl crawl;
  ASSERT_TRUE(crawl.started());
  ::kill(crawl.pid(), SIGKILL);
  WaitCli(crawl.pid(), 10);
  EXPECT_TRUE(AllDeadWithin(crawl.workers(), 10)) << "workers outlived their coordinator";
}

}  // namespace
}  // namespace arachne
