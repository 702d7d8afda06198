// `arachne report`: the page written beside the stats file or where --out says, exit status 2 for a file
// that is not a stats file, 1 when the page cannot be written; and the page opened in headless Chromium
// (tests/report/browser_check/check_report.mjs).
#include "cli/report_command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/cli_run.h"
#include "support/run_command.h"

namespace arachne {
namespace {

using test::CliRun;
using test::CommandRun;
using test::ReadFile;
using test::RunCli;
using test::RunCommand;
using test::ShellQuoted;
using test::StandardError;
using test::TempDir;

const std::string kRepo = ARACHNE_TEST_DATA_DIR "/../..";
const std::string kDemo = kRepo + "/tests/data/report/demo.stats.json";
const std::string kHostile = kRepo + "/tests/data/report/hostile.stats.json";
const std::string kScaling = kRepo + "/bench/results/scaling.csv";
const std::string kBrowserCheck = kRepo + "/tests/report/browser_check";

TEST(DefaultReportPath, BesideTheStatsFileNamedAfterTheCrawl) {
  EXPECT_EQ(DefaultReportPath("output/demo.stats.json"), "output/demo.report.html");
  EXPECT_EQ(DefaultReportPath("/a/b/x.y.stats.json"), "/a/b/x.y.report.html");
  EXPECT_EQ(DefaultReportPath("demo.stats.json"), "demo.report.html");
  EXPECT_EQ(DefaultReportPath("out/other.json"), "out/other.report.html");
  EXPECT_EQ(DefaultReportPath("out/stats"), "out/stats.report.html");
}

TEST(ReportCommand, WritesThePageBesideTheStatsFile) {
  TempDir dir;
  const std::string stats = dir.Write("crawl.stats.json", ReadFile(kDemo));
  CliRun run = RunCli({"report", stats}, dir);
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_EQ(run.out, "wrote " + dir.File("crawl.report.html") + "\n");
  EXPECT_EQ(run.err, "");
  const std::string page = ReadFile(dir.File("crawl.report.html"));
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("id=\"timeline-chart\""), std::string::npos);
  EXPECT_NE(page.find("<dt>Pages</dt><dd>4,906</dd>"), std::string::npos);
  EXPECT_EQ(page.find("id=\"speedup\""), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.File("crawl.report.html.tmp")));
}

TEST(ReportCommand, OutAndScalingOptions) {
  TempDir dir;
  CliRun run = RunCli({"report", kDemo, "--out", dir.File("page.html"), "--scaling", kScaling}, dir);
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_EQ(run.out, "wrote " + dir.File("page.html") + "\n");
  const std::string page = ReadFile(dir.File("page.html"));
  EXPECT_NE(page.find("id=\"speedup-chart\""), std::string::npos);
  EXPECT_NE(page.find("scaling.csv"), std::string::npos);
}

TEST(ReportCommand, AFileThatIsNotAStatsFileIsAUsageError) {
  TempDir dir;
  struct Case {
    std::string file;
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases{
      {"notjson.stats.json", "{\"format\": ", "not JSON"},
      {"csv.stats.json", "fetchers,parsers\n1,1\n", "not JSON"},
      {"other.stats.json", "{\"format\": \"arachne-stats/9\"}", "format \"arachne-stats/9\" is not"},
      {"partial.stats.json", "{\"format\": \"arachne-stats/1\", \"name\": \"x\"}", "missing key \"state\""},
  };
  for (const Case& c : cases) {
    const std::string path = dir.Write(c.file, c.text);
    CliRun run = RunCli({"report", path}, dir);
    EXPECT_EQ(run.exit_status, 2) << c.file;
    EXPECT_NE(run.err.find(path + ": "), std::string::npos) << run.err;
    EXPECT_NE(run.err.find(c.message), std::string::npos) << run.err;
    EXPECT_EQ(run.out, "");
    EXPECT_FALSE(std::filesystem::exists(DefaultReportPath(path))) << c.file;
  }
  CliRun missing = RunCli({"report", dir.File("none.stats.json")}, dir);
  EXPECT_EQ(missing.exit_status, 2);
  EXPECT_NE(missing.err.find(dir.File("none.stats.json") + ": cannot read: No such file or directory"),
            std::string::npos)
      << missing.err;
  CliRun no_file = RunCli({"report"}, dir);
  EXPECT_EQ(no_file.exit_status, 2);
}

TEST(ReportCommand, ABadScalingFileIsAUsageError) {
  TempDir dir;
  const std::string csv = dir.Write("scaling.csv", "fetchers,parsers,urls,wall_s,pages_per_s\n1,1,10,1.5\n");
  CliRun run = RunCli({"report", kDemo, "--out", dir.File("page.html"), "--scaling", csv}, dir);
  EXPECT_EQ(run.exit_status, 2);
  EXPECT_NE(run.err.find(csv + ":2: expected 5 fields, found 4"), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(dir.File("page.html")));
  CliRun missing =
      RunCli({"report", kDemo, "--out", dir.File("page.html"), "--scaling", dir.File("no.csv")}, dir);
  EXPECT_EQ(missing.exit_status, 2);
  EXPECT_NE(missing.err.find(dir.File("no.csv")), std::string::npos) << missing.err;
}

TEST(ReportCommand, APageThatCannotBeWrittenIsExitStatusOne) {
  TempDir dir;
  CliRun run = RunCli({"report", kDemo, "--out", dir.File("no/such/folder/page.html")}, dir);
  EXPECT_EQ(run.exit_status, 1);
  EXPECT_NE(run.err.find("cannot write " + dir.File("no/such/folder/page.html")), std::string::npos)
      << run.err;
  EXPECT_EQ(run.out, "");
}

// --- in a browser -----------------------------------------------------------------------------------------

// check_report.mjs on pages of the samples: no request but the file, no console message, a bar in each
// timeline lane, a screenshot that is not blank. Skipped where Node.js, the npm package or Chromium is
// missing (scripts/install-deps.sh installs all three).
class ReportInBrowserTest : public testing::Test {
 protected:
  void SetUp() override {
    if (RunCommand("node --version", StandardError::kMerged).exit_status != 0) {
      GTEST_SKIP() << "node is not installed: the browser check needs Node.js 18 or later";
    }
    if (!std::filesystem::exists(kBrowserCheck + "/node_modules/playwright-core/package.json")) {
      GTEST_SKIP() << "playwright-core is not installed: run `npm ci` in "
                   << std::filesystem::path(kBrowserCheck).lexically_normal().string();
    }
    if (!std::filesystem::exists("/usr/bin/chromium")) {
      GTEST_SKIP() << "/usr/bin/chromium is missing: `apt-get install chromium` (scripts/install-deps.sh)";
    }
  }

  // Writes the report of `stats` and opens it in the browser; the check's exit status and output.
  CommandRun Check(const std::string& stats, const std::vector<std::string>& options = {}) {
    std::vector<std::string> args{"report", stats, "--out", dir_.File("report.html")};
    args.insert(args.end(), options.begin(), options.end());
    CliRun run = RunCli(args, dir_);
    EXPECT_EQ(run.exit_status, 0) << run.err;
    return RunCommand("node " + ShellQuoted(kBrowserCheck + "/check_report.mjs") + " " +
                          ShellQuoted(dir_.File("report.html")) + " " + ShellQuoted(dir_.File("shot.png")),
                      StandardError::kMerged);
  }

  TempDir dir_;
};

TEST_F(ReportInBrowserTest, TheSampleCrawlRendersOfflineWithEveryLane) {
  const auto [status, output] = Check(kDemo, {"--scaling", kScaling});
  EXPECT_EQ(status, 0) << output;
  // The check's summary: a bar count per lane, the five processes of the sample.
  EXPECT_NE(output.find("\"lanes\":[21,21,"), std::string::npos) << output;
  EXPECT_GT(std::filesystem::file_size(dir_.File("shot.png")), 20000u);
}

TEST_F(ReportInBrowserTest, HostileTextRunsNothingAndLoadsNothing) {
  // Had any text of this file become markup, the browser would try to run or fetch it: the policy blocks
  // that, the console reports it, and the check fails.
  const auto [status, output] = Check(kHostile);
  EXPECT_EQ(status, 0) << output;
}

}  // namespace
}  // namespace arachne
