// `arachne robots`: checking rules without a crawl, from a file or fetched from a local server.
#include <gtest/gtest.h>

#include <fstream>

#include "support/cli_run.h"
#include "testsite/http_server.h"

namespace arachne {
namespace {

using test::CliRun;
using test::RunCli;
using test::TempDir;

constexpr char kRobots[] =
    "User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n\nUser-agent: Arachne\nDisallow: /secret\nAllow: /secret/ok\n";

std::string WriteRobots(const TempDir& dir) {
  std::string path = dir.path() + "/robots.txt";
  std::ofstream(path) << kRobots;
  return path;
}

TEST(RobotsCommand, JudgesEachUrlForOurAgent) {
  TempDir dir;
  CliRun run = RunCli({"robots", "--file", WriteRobots(dir), "http://a/private/x", "http://a/secret/y",
                       "http://a/secret/ok/z", "/plain"},
                      dir);
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_EQ(run.out,
            "allowed\thttp://a/private/x\ndisallowed\thttp://a/secret/y\nallowed\thttp://a/secret/ok/z\n"
            "allowed\t/plain\n");
  EXPECT_EQ(run.err, "");  // Arachne's group has no Crawl-delay
}

TEST(RobotsCommand, AnotherAgentGetsTheStarGroupAndItsCrawlDelay) {
  TempDir dir;
  CliRun run = RunCli({"robots", "--file", WriteRobots(dir), "--agent", "OtherBot/2.0", "/private/x", "/secret"}, dir);
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_EQ(run.out, "disallowed\t/private/x\nallowed\t/secret\n");
  EXPECT_NE(run.err.find("crawl-delay: 2 s for OtherBot"), std::string::npos) << run.err;
}

TEST(RobotsCommand, UsageErrorsAreClear) {
  TempDir dir;
  CliRun none = RunCli({"robots", "/x"}, dir);
  EXPECT_EQ(none.exit_status, 2);
  EXPECT_NE(none.err.find("give either --file PATH or --url URL"), std::string::npos) << none.err;
  CliRun both = RunCli({"robots", "--file", "a", "--url", "http://127.0.0.1/", "/x"}, dir);
  EXPECT_EQ(both.exit_status, 2);
  CliRun no_urls = RunCli({"robots", "--file", WriteRobots(dir)}, dir);
  EXPECT_EQ(no_urls.exit_status, 2);
  CliRun missing = RunCli({"robots", "--file", dir.path() + "/nope.txt", "/x"}, dir);
  EXPECT_EQ(missing.exit_status, 1);
  EXPECT_NE(missing.err.find("nope.txt"), std::string::npos) << missing.err;
  CliRun bad_agent = RunCli({"robots", "--file", WriteRobots(dir), "--agent", "/1.0", "/x"}, dir);
  EXPECT_EQ(bad_agent.exit_status, 2);
}

TEST(RobotsCommand, FetchesWithRedirectsAndReadsErrorsAsTheRfcSays) {
  auto server = testsite::HttpServer::Start([](const testsite::HttpRequestView& request) {
    testsite::HttpReply reply;
    if (request.target == "/moved/robots.txt") {
      reply.status = 301;
      reply.headers = {{"Location", "/robots.txt"}};
    } else if (request.target == "/robots.txt") {
      reply.body = kRobots;
    } else if (request.target == "/gone/robots.txt") {
      reply.status = 404;
    } else {
      reply.status = 503;
    }
    return reply;
  });
  ASSERT_TRUE(server.ok());
  const std::string base = (*server)->base_url();
  TempDir dir;
  CliRun moved = RunCli({"robots", "--url", base + "/moved/robots.txt", "/secret/x", "/open"}, dir);
  ASSERT_EQ(moved.exit_status, 0) << moved.err;
  EXPECT_EQ(moved.out, "disallowed\t/secret/x\nallowed\t/open\n");
  CliRun gone = RunCli({"robots", "--url", base + "/gone/robots.txt", "/secret/x"}, dir);
  EXPECT_EQ(gone.out, "allowed\t/secret/x\n");
  EXPECT_NE(gone.err.find("status 404: unavailable, so everything is allowed"), std::string::npos) << gone.err;
  CliRun down = RunCli({"robots", "--url", base + "/down/robots.txt", "/open"}, dir);
  EXPECT_EQ(down.out, "disallowed\t/open\n");
  EXPECT_NE(down.err.find("status 503: unreachable, so everything is disallowed"), std::string::npos) << down.err;
}

}  // namespace
}  // namespace arachne
