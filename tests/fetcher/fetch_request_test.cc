#include "fetcher/fetch_request.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "testsite/gzip.h"
#include "testsite/http_server.h"

namespace arachne {
namespace {

using testsite::HttpReply;
using testsite::HttpRequestView;
using testsite::HttpServer;

FetchMessage Message(FetchKind kind, std::string url = "http://127.0.0.1/x") {
  FetchMessage m;
  m.id = 3;
  m.url = std::move(url);
  m.kind = kind;
  return m;
}

HttpRequest RequestOf(FetchKind kind, FetchConfig fetch = {}) {
  FetchMessage m = Message(kind);
  return RequestFor(m, fetch);
}

HttpResponse Response(int status, std::string content_type, std::string body) {
  HttpResponse r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

bool ShouldParseResponse(FetchKind kind, const HttpResponse& response) {
  return ShouldParse(kind, response, response.body);
}

TEST(FetchRequest, APageFollowsNoRedirectAndIsHtmlOnlyUnlessAskedOtherwise) {
  HttpRequest page = RequestOf(FetchKind::kPage);
  EXPECT_EQ(page.id, 3u);
  EXPECT_EQ(page.url, "http://127.0.0.1/x");
  EXPECT_EQ(page.follow_redirects, 0);
  EXPECT_TRUE(page.html_only);
  EXPECT_FALSE(page.cut_silently);
  EXPECT_EQ(page.max_body_bytes, 0u);  // the client's, [fetch] max_body_bytes
  FetchConfig other;
  other.download_other = true;
  EXPECT_FALSE(RequestOf(FetchKind::kPage, other).html_only);
}

TEST(FetchRequest, ARobotsTxtFollowsFiveRedirectsAndIsCutSilentlyAt500KiB) {
  HttpRequest robots = RequestOf(FetchKind::kRobots);
  EXPECT_EQ(robots.follow_redirects, 5);
  EXPECT_EQ(robots.max_body_bytes, 512000u);
  EXPECT_TRUE(robots.cut_silently);
  EXPECT_FALSE(robots.html_only);
}

TEST(FetchRequest, ASitemapIsReadPastTheParsersCapWhateverItsType) {
  HttpRequest sitemap = RequestOf(FetchKind::kSitemap);
  EXPECT_EQ(sitemap.max_body_bytes, 50u * 1024 * 1024 + 1);
  EXPECT_TRUE(sitemap.cut_silently);
  EXPECT_FALSE(sitemap.html_only);
  EXPECT_EQ(sitemap.follow_redirects, 0);
  FetchConfig large;
  large.max_body_bytes = 80u << 20;
  EXPECT_EQ(RequestOf(FetchKind::kSitemap, large).max_body_bytes, 80u << 20);
}

TEST(FetchRequest, OnlyHtmlPagesAndEverySitemapAreParsed) {
  EXPECT_TRUE(ShouldParseResponse(FetchKind::kPage, Response(200, "text/html", "<p>")));
  EXPECT_TRUE(ShouldParseResponse(FetchKind::kPage, Response(200, "", "<!DOCTYPE html><p>")));
  EXPECT_FALSE(ShouldParseResponse(FetchKind::kPage, Response(200, "", std::string(10, '\0'))));
  EXPECT_FALSE(ShouldParseResponse(FetchKind::kPage, Response(200, "application/xml", "<urlset>")));
  EXPECT_FALSE(ShouldParseResponse(FetchKind::kPage, Response(404, "text/html", "<p>not found")));
  EXPECT_FALSE(ShouldParseResponse(FetchKind::kPage, Response(200, "text/html", "")));
  EXPECT_TRUE(ShouldParseResponse(FetchKind::kSitemap, Response(200, "application/gzip", "\x1f\x8b")));
  EXPECT_TRUE(ShouldParseResponse(FetchKind::kSitemap, Response(200, "text/plain", "http://a/")));
  EXPECT_FALSE(ShouldParseResponse(FetchKind::kSitemap, Response(500, "application/xml", "<urlset>")));
  EXPECT_FALSE(ShouldParseResponse(FetchKind::kRobots, Response(200, "text/html", "<p>")));
  HttpResponse cut = Response(200, "text/html", "<p>first megabytes");
  cut.truncated = true;
  cut.error = "too large";
  EXPECT_TRUE(ShouldParseResponse(FetchKind::kPage, cut));
  HttpResponse failed = Response(200, "text/html", "<p>half");
  failed.error = "recv";
  EXPECT_FALSE(ShouldParseResponse(FetchKind::kPage, failed));
  // A body written into the request's body_into: the response's own is empty, and it is the one judged.
  const HttpResponse elsewhere = Response(200, "", "");
  EXPECT_TRUE(ShouldParse(FetchKind::kPage, elsewhere, "<!DOCTYPE html><p>"));
  EXPECT_FALSE(ShouldParse(FetchKind::kPage, elsewhere, ""));
}

TEST(FetchRequest, TrustedHostsAreTheSeedsAndSitemapsHosts) {
  Config config;
  config.seeds = {"http://127.0.0.1:8080/index.html", "https://Intranet.Example/a", "not a url"};
  config.sitemaps = {"http://localhost/sitemap.xml", "http://[::1]:81/s.xml"};
  EXPECT_EQ(TrustedHosts(config),
            (std::vector<std::string>{"127.0.0.1", "intranet.example", "localhost", "[::1]"}));
}

// Each kind fetched from a local server, as the fetcher process makes it.
class FetchKindTest : public ::testing::Test {
 protected:
  HttpResponse Fetch(FetchKind kind, const std::string& url) {
    HttpClientOptions options;
    options.trusted_hosts = {"127.0.0.1"};
    HttpClient client(io_, options);
    FetchMessage m = Message(kind, url);
    std::optional<HttpResponse> response;
    client.Fetch(RequestFor(m, FetchConfig{}), [&](HttpResponse&& r) { response = std::move(r); });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!response && std::chrono::steady_clock::now() < deadline) {
      io_.restart();
      io_.run_for(std::chrono::milliseconds(20));
    }
    EXPECT_TRUE(response) << "no response for " << url;
    return response ? std::move(*response) : HttpResponse{};
  }

  std::unique_ptr<HttpServer> Serve(testsite::Handler handler) {
    auto server = HttpServer::Start(std::move(handler));
    EXPECT_TRUE(server.ok()) << server.status().ToString();
    return server.ok() ? std::move(server).value() : nullptr;
  }

  boost::asio::io_context io_;
};

HttpReply Reply(int status, std::string body, std::vector<std::pair<std::string, std::string>> headers = {}) {
  HttpReply reply;
  reply.status = status;
  reply.headers = std::move(headers);
  reply.body = std::move(body);
  return reply;
}

// /hop/N redirects to /hop/N-1 ... /hop/0, the robots.txt.
HttpReply RedirectChain(const HttpRequestView& request) {
  const std::string prefix = "/hop/";
  if (request.target.rfind(prefix, 0) != 0) return Reply(404, "");
  const int hop = std::stoi(std::string(request.target.substr(prefix.size())));
  if (hop == 0) return Reply(200, "User-agent: *\nDisallow: /private\n");
  return Reply(302, "moved", {{"Location", prefix + std::to_string(hop - 1)}});
}

TEST_F(FetchKindTest, ARobotsTxtFollowsAChainOfThreeRedirects) {
  auto server = Serve(RedirectChain);
  ASSERT_TRUE(server);
  HttpResponse r = Fetch(FetchKind::kRobots, server->base_url() + "/hop/3");
  EXPECT_EQ(r.error, "") << r.error_detail;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "User-agent: *\nDisallow: /private\n");
  EXPECT_EQ(server->requests(), 4u);
}

TEST_F(FetchKindTest, ARobotsTxtBehindSixRedirectsIsNotReached) {
  auto server = Serve(RedirectChain);
  ASSERT_TRUE(server);
  HttpResponse r = Fetch(FetchKind::kRobots, server->base_url() + "/hop/6");
  EXPECT_EQ(r.error, "too many redirects");
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(server->requests(), 6u);  // the first request and five redirects followed
}

TEST_F(FetchKindTest, ARobotsTxtOver500KiBIsCutAt512000BytesWithoutError) {
  const std::string line = "Disallow: /a\n";
  std::string big;
  while (big.size() < 600 * 1024) big += line;
  auto server = Serve([&](const HttpRequestView&) { return Reply(200, big); });
  ASSERT_TRUE(server);
  HttpResponse r = Fetch(FetchKind::kRobots, server->base_url() + "/robots.txt");
  EXPECT_EQ(r.error, "") << r.error_detail;
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(r.body, big.substr(0, 512000));
  EXPECT_FALSE(ShouldParseResponse(FetchKind::kRobots, r));
}

// A .gz sitemap served as application/gzip, without Content-Encoding, arrives compressed: the parser
// inflates it.
TEST_F(FetchKindTest, AGzipSitemapArrivesAsServedAndIsParsed) {
  Result<std::string> gzipped =
      testsite::GzipCompress("<urlset><url><loc>http://127.0.0.1/a</loc></url></urlset>");
  ASSERT_TRUE(gzipped.ok());
  auto server = Serve([&](const HttpRequestView&) {
    return Reply(200, *gzipped, {{"Content-Type", "application/gzip"}});
  });
  ASSERT_TRUE(server);
  HttpResponse r = Fetch(FetchKind::kSitemap, server->base_url() + "/sitemap.xml.gz");
  EXPECT_EQ(r.error, "") << r.error_detail;
  EXPECT_FALSE(r.body_skipped);
  EXPECT_EQ(r.body, *gzipped);
  EXPECT_TRUE(ShouldParseResponse(FetchKind::kSitemap, r));
}

TEST_F(FetchKindTest, APageThatIsAnImageIsRecordedWithoutItsBody) {
  const std::string png(5 * 1024 * 1024, 'p');
  auto server = Serve([&](const HttpRequestView&) {
    return Reply(200, png, {{"Content-Type", "image/png"}});
  });
  ASSERT_TRUE(server);
  HttpResponse r = Fetch(FetchKind::kPage, server->base_url() + "/logo.png");
  EXPECT_EQ(r.error, "") << r.error_detail;
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body_skipped);
  EXPECT_LT(r.bytes, png.size() / 10);
  EXPECT_FALSE(ShouldParseResponse(FetchKind::kPage, r));
}

}  // namespace
}  // namespace arachne
