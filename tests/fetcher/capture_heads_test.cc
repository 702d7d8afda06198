// HttpRequest::capture_heads: the request and response header sections as they went over the wire, which
// the fetcher turns into WARC request and response records (export/warc_record.h).
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/unique_fd.h"
#include "fetcher/http_client.h"
#include "fetcher/raw_http_server.h"
#include "testsite/http_server.h"

namespace arachne {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;
using testsite::HttpReply;
using testsite::HttpRequestView;
using testsite::HttpServer;

// curl_global_init: http_client_test.cc's CurlEnvironment, registered for the whole fetcher_tests program.

std::int64_t NowUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// How many times `part` occurs in `text`.
std::size_t Count(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size()))
    ++count;
  return count;
}

HttpReply Reply(int status, std::string body, std::vector<std::pair<std::string, std::string>> headers = {},
                bool gzip = false) {
  HttpReply reply;
  reply.status = status;
  reply.headers = std::move(headers);
  reply.body = std::move(body);
  reply.gzip_if_accepted = gzip;
  return reply;
}

std::unique_ptr<HttpServer> StartServer(testsite::Handler handler) {
  auto server = HttpServer::Start(std::move(handler));
  EXPECT_TRUE(server.ok()) << server.status().ToString();
  return server.ok() ? std::move(server).value() : nullptr;
}

class CaptureHeadsTest : public ::testing::Test {
 protected:
  static HttpClientOptions Options() {
    HttpClientOptions options;
    options.user_agent = "ArachneTest/1";
    options.timeout_s = 15;
    options.connect_timeout_s = 10;
    options.allow_private = true;  // the test servers are on loopback
    return options;
  }

  static HttpRequest Request(const std::string& url, bool capture = true) {
    HttpRequest request;
    request.id = 3;
    request.url = url;
    request.capture_heads = capture;
    return request;
  }

  // Fetches with `client`, running the loop until the response comes (20 s at most, so that a bug fails
  // the test instead of hanging it).
  HttpResponse Fetch(HttpClient& client, HttpRequest request) {
    std::optional<HttpResponse> response;
    client.Fetch(std::move(request), [&](HttpResponse&& r) { response = std::move(r); });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!response && std::chrono::steady_clock::now() < deadline) {
      io_.restart();
      io_.run_for(std::chrono::milliseconds(20));
    }
    EXPECT_TRUE(response.has_value()) << "no response";
    return response ? std::move(*response) : HttpResponse{};
  }

  HttpResponse Fetch(HttpRequest request) {
    HttpClient client(io_, Options());
    EXPECT_TRUE(client.status().ok()) << client.status().ToString();
    return Fetch(client, std::move(request));
  }

  boost::asio::io_context io_;
};

TEST_F(CaptureHeadsTest, AGetKeepsItsRequestAndResponseHeads) {
  std::mutex mutex;
  std::string accept_encoding;
  auto server = StartServer([&](const HttpRequestView& request) {
    std::lock_guard lock(mutex);
    accept_encoding = request.headers.count("accept-encoding") ? request.headers.at("accept-encoding") : "?";
    return Reply(200, "<p>hi</p>", {{"Content-Type", "text/html"}, {"X-Test", "yes"}});
  });
  ASSERT_TRUE(server);
  const std::int64_t before = NowUnixMs();
  const HttpResponse r = Fetch(Request(server->base_url() + "/path/page?q=1"));
  const std::int64_t after = NowUnixMs();
  ASSERT_EQ(r.status, 200) << r.error_detail;
  EXPECT_EQ(r.body, "<p>hi</p>");

  EXPECT_THAT(r.request_head, StartsWith("GET /path/page?q=1 HTTP/1.1\r\n"));
  EXPECT_THAT(r.request_head, HasSubstr("\r\nHost: 127.0.0.1:" + std::to_string(server->port()) + "\r\n"));
  EXPECT_THAT(r.request_head, HasSubstr("\r\nUser-Agent: ArachneTest/1\r\n"));
  {
    std::lock_guard lock(mutex);
    EXPECT_THAT(r.request_head, HasSubstr("\r\nAccept-Encoding: " + accept_encoding + "\r\n"))
        << "the head is what the server received";
  }
  EXPECT_THAT(r.request_head, EndsWith("\r\n\r\n"));
  EXPECT_EQ(Count(r.request_head, "\r\n\r\n"), 1u);

  EXPECT_THAT(r.response_head, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(r.response_head, HasSubstr("\r\nContent-Type: text/html\r\n"));
  EXPECT_THAT(r.response_head, HasSubstr("\r\nX-Test: yes\r\n"));
  EXPECT_THAT(r.response_head, HasSubstr("\r\nContent-Length: 9\r\n"));
  EXPECT_THAT(r.response_head, EndsWith("\r\n\r\n"));
  EXPECT_EQ(Count(r.response_head, "\r\n\r\n"), 1u);
  EXPECT_THAT(r.response_head, Not(HasSubstr("<p>hi</p>"))) << "the head, not the body";

  EXPECT_GE(r.started_unix_ms, before);
  EXPECT_LE(r.started_unix_ms, after);
}

// The head is the one received, compressed or not: the body is decoded, the head says how it came.
TEST_F(CaptureHeadsTest, AGzippedResponseKeepsItsContentEncoding) {
  const std::string text(5000, 'z');
  auto server = StartServer([&](const HttpRequestView&) { return Reply(200, text, {}, /*gzip=*/true); });
  ASSERT_TRUE(server);
  const HttpResponse r = Fetch(Request(server->base_url() + "/z"));
  ASSERT_EQ(r.status, 200) << r.error_detail;
  EXPECT_TRUE(r.body == text);
  EXPECT_THAT(r.request_head, HasSubstr("\r\nAccept-Encoding: "));
  EXPECT_THAT(r.response_head, HasSubstr("\r\nContent-Encoding: gzip\r\n"));
  EXPECT_THAT(r.response_head, Not(HasSubstr("\r\nContent-Length: 5000\r\n")));
  EXPECT_THAT(r.response_head, EndsWith("\r\n\r\n"));
}

TEST_F(CaptureHeadsTest, WithoutCaptureBothHeadsAreEmpty) {
  auto server = StartServer([](const HttpRequestView&) { return Reply(200, "x"); });
  ASSERT_TRUE(server);
  const HttpResponse r = Fetch(Request(server->base_url() + "/", /*capture=*/false));
  ASSERT_EQ(r.status, 200) << r.error_detail;
  EXPECT_THAT(r.request_head, IsEmpty());
  EXPECT_THAT(r.response_head, IsEmpty());
  EXPECT_EQ(r.started_unix_ms, 0);
}

// A pooled easy handle is set up again for each request: capture neither sticks nor leaks between them,
// and a second request on a kept-alive connection has only its own heads.
TEST_F(CaptureHeadsTest, EachRequestOfAReusedHandleGetsItsOwnHeads) {
  auto server =
      StartServer([](const HttpRequestView& request) { return Reply(200, "at " + request.target); });
  ASSERT_TRUE(server);
  HttpClient client(io_, Options());
  ASSERT_TRUE(client.status().ok());
  const HttpResponse first = Fetch(client, Request(server->base_url() + "/first"));
  const HttpResponse plain = Fetch(client, Request(server->base_url() + "/plain", /*capture=*/false));
  const HttpResponse second = Fetch(client, Request(server->base_url() + "/second"));
  EXPECT_EQ(server->connections(), 1u) << "the test means one connection, reused";

  EXPECT_THAT(first.request_head, StartsWith("GET /first HTTP/1.1\r\n"));
  EXPECT_THAT(plain.request_head, IsEmpty());
  EXPECT_THAT(plain.response_head, IsEmpty());
  EXPECT_THAT(second.request_head, StartsWith("GET /second HTTP/1.1\r\n"));
  EXPECT_EQ(Count(second.request_head, " HTTP/1.1\r\n"), 1u) << second.request_head;
  EXPECT_THAT(second.response_head, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_EQ(Count(second.response_head, "HTTP/1.1 "), 1u) << second.response_head;
  EXPECT_GE(second.started_unix_ms, first.started_unix_ms);
}

// Followed redirects (robots.txt, sitemaps): only the last request and the final response are kept.
TEST_F(CaptureHeadsTest, AFollowedRedirectKeepsOnlyTheLastHeads) {
  auto server = StartServer([](const HttpRequestView& request) {
    if (request.target == "/one") return Reply(301, "moved", {{"Location", "/two"}, {"X-Hop", "1"}});
    if (request.target == "/two") return Reply(302, "found", {{"Location", "/final"}, {"X-Hop", "2"}});
    return Reply(200, "final", {{"X-Hop", "3"}});
  });
  ASSERT_TRUE(server);
  HttpRequest request = Request(server->base_url() + "/one");
  request.follow_redirects = 5;
  const HttpResponse r = Fetch(std::move(request));
  ASSERT_EQ(r.status, 200) << r.error_detail;
  EXPECT_EQ(r.body, "final");

  EXPECT_THAT(r.request_head, StartsWith("GET /final HTTP/1.1\r\n"));
  EXPECT_EQ(Count(r.request_head, " HTTP/1.1\r\n"), 1u) << r.request_head;
  EXPECT_EQ(Count(r.request_head, "\r\n\r\n"), 1u) << r.request_head;
  EXPECT_THAT(r.request_head, EndsWith("\r\n\r\n"));

  EXPECT_THAT(r.response_head, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(r.response_head, HasSubstr("\r\nX-Hop: 3\r\n"));
  EXPECT_THAT(r.response_head, Not(HasSubstr("X-Hop: 1")));
  EXPECT_THAT(r.response_head, Not(HasSubstr("X-Hop: 2")));
  EXPECT_THAT(r.response_head, Not(HasSubstr("Location")));
  EXPECT_EQ(Count(r.response_head, "\r\n\r\n"), 1u) << r.response_head;
}

// Not followed (pages): the 3xx is the final response, and its head is kept.
TEST_F(CaptureHeadsTest, ARedirectNotFollowedKeepsItsOwnHead) {
  auto server = StartServer([](const HttpRequestView&) {
    return Reply(301, "moved", {{"Location", "/new"}});
  });
  ASSERT_TRUE(server);
  const HttpResponse r = Fetch(Request(server->base_url() + "/old"));
  ASSERT_EQ(r.status, 301) << r.error_detail;
  EXPECT_THAT(r.request_head, StartsWith("GET /old HTTP/1.1\r\n"));
  EXPECT_THAT(r.response_head, StartsWith("HTTP/1.1 301 Moved Permanently\r\n"));
  EXPECT_THAT(r.response_head, HasSubstr("\r\nLocation: /new\r\n"));
  EXPECT_THAT(r.response_head, EndsWith("\r\n\r\n"));
}

// An interim response (RFC 9110 section 15.2) is not the response: only the final one's head is kept.
TEST_F(CaptureHeadsTest, AnInterimResponseIsNotInTheResponseHead) {
  const std::string final_head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\n\r\n";
  RawHttpServer server(
      "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n" + final_head + "ok",
      RawHttpServer::Ending::kClose);
  ASSERT_NE(server.port(), 0);
  const HttpResponse r = Fetch(Request(server.url() + "hints"));
  ASSERT_EQ(r.status, 200) << r.error_detail;
  EXPECT_EQ(r.body, "ok");
  EXPECT_EQ(r.response_head, final_head);
  EXPECT_THAT(r.request_head, StartsWith("GET /hints HTTP/1.1\r\n"));
}

TEST_F(CaptureHeadsTest, OneHundredContinueIsDroppedToo) {
  const std::string final_head = "HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\n";
  RawHttpServer server("HTTP/1.1 100 Continue\r\n\r\n" + final_head + "gone", RawHttpServer::Ending::kClose);
  ASSERT_NE(server.port(), 0);
  const HttpResponse r = Fetch(Request(server.url()));
  ASSERT_EQ(r.status, 404) << r.error_detail;
  EXPECT_EQ(r.response_head, final_head);
}

// The head is kept as received, line endings included: a bare-LF server's head has bare LFs
// (ArchivableResponseHead normalizes them for the archive).
TEST_F(CaptureHeadsTest, TheResponseHeadIsKeptByteForByte) {
  const std::string head = "HTTP/1.0 200 Fine\nServer: odd\nX-Empty:\nContent-Length: 2\n\n";
  RawHttpServer server(head + "ok", RawHttpServer::Ending::kClose);
  ASSERT_NE(server.port(), 0);
  const HttpResponse r = Fetch(Request(server.url()));
  ASSERT_EQ(r.status, 200) << r.error_detail;
  EXPECT_EQ(r.response_head, head);
}

// html_only ends a non-HTML transfer once its headers are in: the head is whole all the same.
TEST_F(CaptureHeadsTest, ASkippedBodyStillHasItsWholeHead) {
  auto server = StartServer([](const HttpRequestView&) {
    return Reply(200, std::string(1 << 20, 'b'), {{"Content-Type", "image/png"}});
  });
  ASSERT_TRUE(server);
  HttpRequest request = Request(server->base_url() + "/image.png");
  request.html_only = true;
  const HttpResponse r = Fetch(std::move(request));
  ASSERT_EQ(r.status, 200) << r.error_detail;
  EXPECT_TRUE(r.body_skipped);
  EXPECT_THAT(r.response_head, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(r.response_head, HasSubstr("\r\nContent-Type: image/png\r\n"));
  EXPECT_THAT(r.response_head, EndsWith("\r\n\r\n"));
}

// No response: no heads. (The fetcher archives nothing for it.)
TEST_F(CaptureHeadsTest, ARefusedConnectionHasNoHeads) {
  // A loopback port bound (so nobody else takes it) but not listening: connections to it are refused.
  UniqueFd bound(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ASSERT_EQ(::bind(bound.get(), reinterpret_cast<sockaddr*>(&address), length), 0);
  ASSERT_EQ(::getsockname(bound.get(), reinterpret_cast<sockaddr*>(&address), &length), 0);
  const HttpResponse r = Fetch(Request("http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/"));
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.error, "connect") << r.error_detail;
  EXPECT_THAT(r.request_head, IsEmpty());
  EXPECT_THAT(r.response_head, IsEmpty());
}

}  // namespace
}  // namespace arachne
