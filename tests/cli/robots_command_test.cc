// `arachne robots`: checking rules without a crawl, from a file or fetched from a local server.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <fstream>

#include "common/unique_fd.h"
#include "support/cli_run.h"
#include "testsite/http_server.h"

namespace arachne {
namespace {

using test::CliRun;
using test::RunCli;
using test::TempDir;

constexpr char kRobots[] =
    "User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n\nUser-agent: Arachne\nDisallow: /secret\nAllow: "
    "/secret/ok\n";

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
  CliRun run =
      RunCli({"robots", "--file", WriteRobots(dir), "--agent", "OtherBot/2.0", "/private/x", "/secret"}, dir);
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
  EXPECT_EQ(missing.exit_status, 2);
  EXPECT_NE(missing.err.find("cannot read '" + dir.path() + "/nope.txt': No such file or directory"),
            std::string::npos)
      << missing.err;
  EXPECT_EQ(missing.out, "");
  CliRun folder = RunCli({"robots", "--file", dir.path(), "/x"}, dir);
  EXPECT_EQ(folder.exit_status, 2);
  CliRun not_http = RunCli({"robots", "--url", "ftp://127.0.0.1/robots.txt", "/x"}, dir);
  EXPECT_EQ(not_http.exit_status, 2);
  EXPECT_NE(not_http.err.find("is not an http(s) URL"), std::string::npos) << not_http.err;
  CliRun bad_agent = RunCli({"robots", "--file", WriteRobots(dir), "--agent", "/1.0", "/x"}, dir);
  EXPECT_EQ(bad_agent.exit_status, 2);
}

TEST(RobotsCommand, AFileOfGarbageOrHtmlAllowsEverything) {
  TempDir dir;
  const std::string html = dir.path() + "/robots.txt";
  std::ofstream(html) << "<!doctype html><html><body><h1>Welcome</h1><p>Disallow: /</p></body></html>\n";
  CliRun run = RunCli({"robots", "--file", html, "/a", "/robots.txt"}, dir);
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_EQ(run.out, "allowed\t/a\nallowed\t/robots.txt\n");
  const std::string binary = dir.path() + "/binary.txt";
  std::ofstream(binary, std::ios::binary) << std::string("\0\xFF\x01\nUser-agent: *\n\0\n", 20);
  CliRun garbage = RunCli({"robots", "--file", binary, "/a"}, dir);
  ASSERT_EQ(garbage.exit_status, 0) << garbage.err;
  EXPECT_EQ(garbage.out, "allowed\t/a\n");
}

TEST(RobotsCommand, AnUnreachableServerDisallowsEverything) {
  // A socket bound but not listening: connecting to it is refused at once, and no other process can
  // take the port while we hold it.
  UniqueFd bound(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  ASSERT_TRUE(bound);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(bound.get(), reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  socklen_t length = sizeof address;
  ASSERT_EQ(::getsockname(bound.get(), reinterpret_cast<sockaddr*>(&address), &length), 0);
  const std::string url = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/robots.txt";
  TempDir dir;
  CliRun run = RunCli({"robots", "--url", url, "/open", "/robots.txt"}, dir);
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_EQ(run.out, "disallowed\t/open\nallowed\t/robots.txt\n");
  EXPECT_NE(run.err.find("unreachable, so everything is disallowed"), std::string::npos) << run.err;
}

TEST(RobotsCommand, FetchesWithRedirectsAndReadsErrorsAsTheRfcSays) {
  auto server = testsite::HttpServer::Start([](const testsite::HttpRequestView& request) {
    testsite::HttpReply reply;
    if (request.target == "/moved/robots.txt") {
      reply.status = 301;
      reply.headers = {{"Location", "/robots.txt"}};
    } else if (request.target == "/robots.txt") {
      reply.body = kRobots;
    } else if (request.target == "/big/robots.txt") {
      reply.body = "User-agent: *\nDisallow: /early\n" + std::string(600 * 1024, '\n') + "Disallow: /late\n";
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
  CliRun big = RunCli({"robots", "--url", base + "/big/robots.txt", "/early", "/late"}, dir);
  ASSERT_EQ(big.exit_status, 0) << big.err;
  EXPECT_EQ(big.out, "disallowed\t/early\nallowed\t/late\n");
  EXPECT_NE(big.err.find("only the first 500 KiB count"), std::string::npos) << big.err;
  CliRun gone = RunCli({"robots", "--url", base + "/gone/robots.txt", "/secret/x"}, dir);
  EXPECT_EQ(gone.exit_status, 0);
  EXPECT_EQ(gone.out, "allowed\t/secret/x\n");
  EXPECT_NE(gone.err.find("status 404: unavailable, so everything is allowed"), std::string::npos)
      << gone.err;
  CliRun down = RunCli({"robots", "--url", base + "/down/robots.txt", "/open"}, dir);
  EXPECT_EQ(down.exit_status, 0);
  EXPECT_EQ(down.out, "disallowed\t/open\n");
  EXPECT_NE(down.err.find("status 503: unreachable, so everything is disallowed"), std::string::npos)
      << down.err;
}

}  // namespace
}  // namespace arachne
