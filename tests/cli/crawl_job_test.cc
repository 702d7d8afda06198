// Resumable crawls (`arachne crawl --job DIR`), run as a user runs them: killed with SIGKILL at random
// moments, stopped by a failing disk, resumed with a changed seed file, looked at with `arachne status`.
#include <gtest/gtest.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

#include "support/cli_run.h"
#include "support/process_tree.h"
#include "support/serve_site.h"
#include "support/temp_dir.h"
#include "testsite/http_server.h"

namespace arachne {
namespace {

using test::CliRun;
using test::CountLines;
using test::ReadFile;
using test::RunCli;
using test::ServeSite;
using test::StartCli;
using test::TempDir;
using test::WaitCli;
using test::WriteSeedFile;
using testsite::SiteServer;

// What must match between two crawls of the same site: each URL once, with its status and its depth
// (breadth-first: the true distance from the seed, whatever order pages finish in).
using RecordKey = std::tuple<std::string, int, int>;

// The records of a JSONL file; fails the test on a line that is not a JSON object or on a URL recorded
// twice.
std::set<RecordKey> ReadRecords(const std::string& path) {
  std::set<RecordKey> records;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) {
      ADD_FAILURE() << path << ": not a JSON record: " << line;
      continue;
    }
    auto [it, fresh] =
        records.emplace(j.at("url").get<std::string>(), j.at("status").get<int>(), j.at("depth").get<int>());
    EXPECT_TRUE(fresh) << path << ": recorded twice: " << std::get<0>(*it);
  }
  return records;
}

std::string Describe(const RecordKey& record) {
  return std::get<0>(record) + " (status " + std::to_string(std::get<1>(record)) + ", depth " +
         std::to_string(std::get<2>(record)) + ")";
}

// Whether `got` and `expected` hold the same records; a failure lists the first of those missing and of
// those extra, which a comparison of two sets of thousands would not show.
::testing::AssertionResult SameRecords(const std::set<RecordKey>& got, const std::set<RecordKey>& expected) {
  if (got == expected) return ::testing::AssertionSuccess();
  std::vector<RecordKey> missing, extra;
  std::set_difference(expected.begin(), expected.end(), got.begin(), got.end(), std::back_inserter(missing));
  std::set_difference(got.begin(), got.end(), expected.begin(), expected.end(), std::back_inserter(extra));
  ::testing::AssertionResult failure = ::testing::AssertionFailure();
  failure << got.size() << " records where " << expected.size() << " were expected; " << missing.size()
          << " missing, " << extra.size() << " not expected.";
  for (std::size_t i = 0; i < missing.size() && i < 10; ++i)
    failure << "\n  missing: " << Describe(missing[i]);
  for (std::size_t i = 0; i < extra.size() && i < 10; ++i)
    failure << "\n  not expected: " << Describe(extra[i]);
  return failure;
}

// The three outputs hold the same records: the JSON array parses, the CSV has a header and a row each
// (no field of this site holds a line break).
void ExpectOutputsAgree(const std::string& out, std::size_t records) {
  EXPECT_EQ(CountLines(out + "/site.jsonl"), records);
  EXPECT_EQ(CountLines(out + "/site.csv"), records + 1);
  nlohmann::json array = nlohmann::json::parse(ReadFile(out + "/site.json"), nullptr, false);
  ASSERT_TRUE(array.is_array()) << "site.json is not a JSON array";
  EXPECT_EQ(array.size(), records);
}

// 5234 -> "5,234", as the summary prints counts.
std::string WithCommas(std::size_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
    digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

class CrawlJob : public ::testing::Test {
 protected:
  void SetUp() override {
    // Over 5,000 URLs: 3,050 pages and their links to missing ones.
    server_ = ServeSite({.pages = 3050, .seed = 11});
    ASSERT_TRUE(server_);
  }

  std::string SeedFile(const std::string& extra = "") const {
    return WriteSeedFile(dir_, "name = \"site\"\nseeds = [\"" + server_->index_url() + "\"]\n" + extra +
                                   "[output]\ndir = \"" + out() +
                                   "\"\nformats = [\"jsonl\", \"csv\", \"json\"]\n");
  }
  std::string out() const { return dir_.path() + "/out"; }
  std::string job() const { return dir_.path() + "/job"; }

  // The records of an undisturbed crawl: every URL of the site reachable from its index page, but the
  // ones robots.txt keeps out, at its distance from it.
  std::set<RecordKey> Undisturbed() const {
    std::set<RecordKey> records;
    for (const testsite::ExpectedUrl& e : server_->site().Reachable(server_->base_url())) {
      if (!e.disallowed) records.emplace(e.url, e.status, e.depth);
    }
    return records;
  }

  std::unique_ptr<SiteServer> server_;
  TempDir dir_;
};

TEST_F(CrawlJob, KilledAtRandomMomentsResumesToTheRecordsOfAnUndisturbedCrawl) {
  const std::set<RecordKey> expected = Undisturbed();
  ASSERT_GE(expected.size(), 5000u);
  // One request at a time: the crawl takes several seconds, and the kills land inside it. At most 100 URLs
  // in memory: the others wait on disk, and must come back across the kills too, breadth-first still.
  const std::string seed = SeedFile("[politeness]\nmax_per_host = 1\n[frontier]\nmax_in_memory = 100\n");
  std::mt19937 random(20261201);
  std::uniform_int_distribution<int> delay_ms(300, 1200);
  int killed_mid_crawl = 0;
  std::size_t resumed_with_records = 0;
  for (int round = 0; round < 6; ++round) {
    const pid_t pid = StartCli({"crawl", seed, "--job", job(), "-q"}, dir_.path());
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
    if (::waitpid(pid, nullptr, WNOHANG) == pid) break;  // it finished first
    // Every other time the whole process tree at once, else the coordinator alone (its workers follow
    // it: PR_SET_PDEATHSIG).
    if (round % 2 == 1) {
      for (pid_t worker : test::ChildrenNamed("arachne: ", pid)) ::kill(worker, SIGKILL);
    }
    ::kill(pid, SIGKILL);
    WaitCli(pid, 30);
    ++killed_mid_crawl;
    const std::string err = ReadFile(dir_.path() + "/stderr");
    if (err.find("resuming job") != std::string::npos &&
        err.find(": 0 records written") == std::string::npos) {
      ++resumed_with_records;
    }
  }
  EXPECT_GE(killed_mid_crawl, 2);
  // At least one run went on from records an earlier one had saved (a checkpoint comes each second).
  EXPECT_GT(resumed_with_records, 0u);

  CliRun last = RunCli({"crawl", seed, "--job", job()}, dir_);
  ASSERT_EQ(last.exit_status, 0) << last.err;
  EXPECT_NE(last.err.find("resuming job"), std::string::npos) << last.err;
  EXPECT_TRUE(SameRecords(ReadRecords(out() + "/site.jsonl"), expected));
  ExpectOutputsAgree(out(), expected.size());
  // The summary counts the records of every run, and says how many earlier runs wrote.
  EXPECT_NE(last.out.find(WithCommas(expected.size())), std::string::npos) << last.out;
  EXPECT_NE(last.out.find("by earlier runs of the job"), std::string::npos) << last.out;

  CliRun status = RunCli({"status", job()}, dir_);
  ASSERT_EQ(status.exit_status, 0) << status.err;
  EXPECT_NE(status.out.find("finished"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find(server_->base_url()), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("Queued      0 URLs"), std::string::npos) << status.out;
}

TEST_F(CrawlJob, AFailingDiskStopsTheCrawlWithAClearErrorAndItResumesOnceThereIsRoom) {
  const std::set<RecordKey> expected = Undisturbed();
  const std::string seed = SeedFile();
  // Files may not grow past 300 KB: the outputs outgrow that early in the crawl, and their writes fail
  // with EFBIG as they would with ENOSPC on a full disk (SIGXFSZ ignored, so the write returns the error).
  auto small_disk = [] {
    ::signal(SIGXFSZ, SIG_IGN);
    rlimit limit{300 * 1024, 300 * 1024};
    ::setrlimit(RLIMIT_FSIZE, &limit);
  };
  CliRun full = RunCli({"crawl", seed, "--job", job(), "-q"}, dir_, small_disk);
  EXPECT_EQ(full.exit_status, 1) << full.err;
  EXPECT_NE(full.err.find("File too large"), std::string::npos) << full.err;
  // Which file outgrows the limit first depends on the machine's speed: an output, the job folder's log,
  // or (the limit holds for the worker processes too) the shared memory a fetcher keeps a large page's body
  // in. The error names the file, or the page.
  EXPECT_TRUE(full.err.find(out() + "/site.") != std::string::npos ||
              full.err.find(job() + "/") != std::string::npos ||
              full.err.find("no room on this machine for the body of " + server_->base_url()) !=
                  std::string::npos)
      << "the error names the file: " << full.err;

  CliRun status = RunCli({"status", job()}, dir_);
  ASSERT_EQ(status.exit_status, 0) << status.err;
  EXPECT_EQ(status.out.find("Queued      0 URLs"), std::string::npos) << "work left: " << status.out;

  CliRun resumed = RunCli({"crawl", seed, "--job", job(), "-q"}, dir_);
  ASSERT_EQ(resumed.exit_status, 0) << resumed.err;
  EXPECT_TRUE(SameRecords(ReadRecords(out() + "/site.jsonl"), expected));
  ExpectOutputsAgree(out(), expected.size());
}

// A page's body that a fetcher has no room for (the shared memory it goes into may not grow past the file
// size limit, which the worker processes inherit) is not the site's failure: no record for it, the crawl
// stops with an error that says what to do, and the job fetches the page on the next run, links and all.
TEST_F(CrawlJob, ABodyThisMachineHasNoRoomForStopsTheCrawlAndTheJobFetchesItOnceThereIsRoom) {
  auto server = testsite::HttpServer::Start([](const testsite::HttpRequestView& request) {
    testsite::HttpReply reply;
    reply.headers = {{"Content-Type", "text/html"}};
    if (request.target == "/") {
      reply.body = "<title>index</title><a href=\"/big\">big</a>";
    } else if (request.target == "/big") {
      reply.body =
          "<title>big</title><a href=\"/a\">a</a><a href=\"/b\">b</a><p>" + std::string(256 << 10, 'x');
    } else if (request.target == "/a" || request.target == "/b") {
      reply.body = "<title>leaf</title>";
    } else {
      reply.status = 404;
    }
    return reply;
  });
  ASSERT_TRUE(server.ok());
  const std::string base = (*server)->base_url();
  const std::string seed =
      WriteSeedFile(dir_, "name = \"site\"\nseeds = [\"" + base + "/\"]\n[output]\ndir = \"" + out() +
                              "\"\nformats = [\"jsonl\"]\n");
  auto no_room = [] {
    ::signal(SIGXFSZ, SIG_IGN);
    rlimit limit{128 * 1024, 128 * 1024};  // a tenth of what the outputs and the job folder need here
    ::setrlimit(RLIMIT_FSIZE, &limit);
  };
  CliRun stopped = RunCli({"crawl", seed, "--job", job(), "-q"}, dir_, no_room);
  EXPECT_EQ(stopped.exit_status, 1) << stopped.err;
  EXPECT_NE(stopped.err.find("no room on this machine for the body of " + base + "/big ("), std::string::npos)
      << stopped.err;
  EXPECT_NE(stopped.err.find("File too large"), std::string::npos) << stopped.err;
  EXPECT_NE(stopped.err.find("ulimit -f"), std::string::npos) << stopped.err;
  EXPECT_NE(stopped.err.find("the job goes on where it stopped"), std::string::npos) << stopped.err;
  EXPECT_EQ(ReadFile(out() + "/site.jsonl").find(base + "/big"), std::string::npos) << "no record for it";

  CliRun resumed = RunCli({"crawl", seed, "--job", job(), "-q"}, dir_);
  ASSERT_EQ(resumed.exit_status, 0) << resumed.err;
  const std::set<RecordKey> expected = {
      {base + "/", 200, 0}, {base + "/big", 200, 1}, {base + "/a", 200, 2}, {base + "/b", 200, 2}};
  EXPECT_TRUE(SameRecords(ReadRecords(out() + "/site.jsonl"), expected));
  (*server)->Stop();
}

// The same on a real full disk: a 512 KiB tmpfs, mounted in a mount namespace of this test's own (so
// nothing outside sees it), then grown. Needs the right to mount (root, not in every container).
TEST_F(CrawlJob, ARealFullDiskStopsTheCrawlAndItResumesOnceTheDiskGrows) {
  if (::geteuid() != 0) GTEST_SKIP() << "mounting a tmpfs needs root";
  // This thread's mount namespace only: the children it starts inherit it, other threads keep theirs.
  if (::unshare(CLONE_NEWNS) != 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    GTEST_SKIP() << "no mount namespace here: " << std::strerror(errno);
  }
  const std::string disk = dir_.path() + "/disk";
  std::filesystem::create_directory(disk);
  if (::mount("tmpfs", disk.c_str(), "tmpfs", 0, "size=512k") != 0) {
    GTEST_SKIP() << "cannot mount a tmpfs: " << std::strerror(errno);
  }
  struct Unmount {
    std::string path;
    ~Unmount() { ::umount2(path.c_str(), MNT_DETACH); }
  } unmount{disk};
  const std::set<RecordKey> expected = Undisturbed();
  const std::string seed =
      WriteSeedFile(dir_, "name = \"site\"\nseeds = [\"" + server_->index_url() + "\"]\n[output]\ndir = \"" +
                              disk + "/out\"\nformats = [\"jsonl\", \"csv\", \"json\"]\n");
  CliRun full = RunCli({"crawl", seed, "--job", disk + "/job", "-q"}, dir_);
  EXPECT_EQ(full.exit_status, 1) << full.err;
  EXPECT_NE(full.err.find("No space left on device"), std::string::npos) << full.err;

  ASSERT_EQ(::mount("tmpfs", disk.c_str(), "tmpfs", MS_REMOUNT, "size=64m"), 0) << std::strerror(errno);
  CliRun resumed = RunCli({"crawl", seed, "--job", disk + "/job", "-q"}, dir_);
  ASSERT_EQ(resumed.exit_status, 0) << resumed.err;
  EXPECT_TRUE(SameRecords(ReadRecords(disk + "/out/site.jsonl"), expected));
  ExpectOutputsAgree(disk + "/out", expected.size());
}

TEST_F(CrawlJob, StoppedBySigtermItResumesWhereItStopped) {
  const std::string seed = SeedFile("[politeness]\nmax_per_host = 1\ndelay_ms = 5\n");
  const pid_t pid = StartCli({"crawl", seed, "--job", job(), "-q"}, dir_.path());
  for (int i = 0; i < 3000 && CountLines(out() + "/site.jsonl") < 20; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid, SIGTERM);
  const int stopped = WaitCli(pid, 60);
  ASSERT_TRUE(WIFEXITED(stopped));
  EXPECT_EQ(WEXITSTATUS(stopped), 143);
  const std::size_t first = CountLines(out() + "/site.jsonl");
  EXPECT_GE(first, 20u);
  CliRun status = RunCli({"status", job()}, dir_);
  EXPECT_NE(status.out.find("stopped (run the crawl again to resume it)"), std::string::npos) << status.out;

  CliRun resumed = RunCli({"crawl", seed, "--job", job(), "--max-pages", std::to_string(first + 30)}, dir_);
  ASSERT_EQ(resumed.exit_status, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("(the last run stopped)"), std::string::npos) << resumed.err;
  EXPECT_EQ(ReadRecords(out() + "/site.jsonl").size(), first + 30);  // max_pages counts the whole job
  ExpectOutputsAgree(out(), first + 30);
}

TEST_F(CrawlJob, AChangedSeedFileAddsNewSeedsAppliesTheNewScopeAndSaysSo) {
  auto other = ServeSite({.pages = 20, .seed = 3});
  ASSERT_TRUE(other);
  CliRun first = RunCli({"crawl", SeedFile(), "--job", job(), "--max-pages", "40", "-q"}, dir_);
  ASSERT_EQ(first.exit_status, 0) << first.err;
  const std::set<RecordKey> before = ReadRecords(out() + "/site.jsonl");
  ASSERT_EQ(before.size(), 40u);

  // A second seed on another host (allowed by the scope, which defaults to the seeds' hosts), and every
  // page under /p/ of the first site now out of scope.
  const std::string seed = WriteSeedFile(
      dir_, "name = \"site\"\nseeds = [\"" + server_->index_url() + "\", \"" + other->index_url() +
                "\"]\n[scope]\ndeny = [\"/p/\"]\nmax_pages = 500\n[output]\ndir = \"" + out() +
                "\"\nformats = [\"jsonl\", \"csv\", \"json\"]\n");
  CliRun resumed = RunCli({"crawl", seed, "--job", job(), "-q"}, dir_);
  ASSERT_EQ(resumed.exit_status, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("the seed file changed since the last run (seeds, scope.deny, scope.max_pages)"),
            std::string::npos)
      << resumed.err;
  EXPECT_NE(resumed.err.find("1 new seeds queued"), std::string::npos) << resumed.err;
  EXPECT_EQ(resumed.err.find(", 0 queued URLs dropped"), std::string::npos) << resumed.err;

  const std::set<RecordKey> after = ReadRecords(out() + "/site.jsonl");
  EXPECT_TRUE(std::includes(after.begin(), after.end(), before.begin(), before.end()));
  bool other_seed = false;
  for (const auto& [url, status, depth] : after) {
    if (url == other->index_url()) other_seed = true;
    if (!before.count({url, status, depth})) {
      EXPECT_EQ(url.find("/p/"), std::string::npos) << url << " was fetched after the scope refused it";
    }
  }
  EXPECT_TRUE(other_seed);
  ExpectOutputsAgree(out(), after.size());
}

TEST_F(CrawlJob, ASecondCrawlOnABusyJobFolderIsRefused) {
  const std::string seed = SeedFile("[politeness]\nmax_per_host = 1\ndelay_ms = 20\n");
  const pid_t pid = StartCli({"crawl", seed, "--job", job(), "-q"}, dir_.path());
  // `arachne status` reads a folder in use: as soon as the crawl has saved its start.
  TempDir other;
  CliRun status;
  for (int i = 0; i < 300 && status.exit_status != 0; ++i) {
    status = RunCli({"status", job()}, other);
    if (status.exit_status != 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(status.exit_status, 0) << status.err;
  EXPECT_NE(status.out.find("running"), std::string::npos) << status.out;
  CliRun second = RunCli({"crawl", seed, "--job", job(), "-q"}, other);
  EXPECT_EQ(second.exit_status, 1);
  EXPECT_NE(second.err.find("in use by another crawl"), std::string::npos) << second.err;
  ::kill(pid, SIGKILL);
  WaitCli(pid, 30);
}

TEST(StatusCommand, AFolderWithoutAJobIsAUsageError) {
  TempDir dir;
  CliRun run = RunCli({"status", dir.path()}, dir);
  EXPECT_EQ(run.exit_status, 2);
  EXPECT_NE(run.err.find("is not a job folder"), std::string::npos) << run.err;
  EXPECT_EQ(RunCli({"status"}, dir).exit_status, 2);
}

}  // namespace
}  // namespace arachne
