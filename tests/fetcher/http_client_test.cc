#include "fetcher/http_client.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <ctime>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/unique_fd.h"
#include "fetcher/body_buffer.h"
#include "fetcher/curl_handles.h"
#include "fetcher/raw_http_server.h"
#include "support/nginx_server.h"
#include "support/temp_dir.h"
#include "testsite/gzip.h"
#include "testsite/gzip_bomb.h"
#include "testsite/http_server.h"

namespace arachne {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using testsite::HttpReply;
using testsite::HttpRequestView;
using testsite::HttpServer;

// curl_global_init once for the whole test program, before any test starts a thread.
class CurlEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    global_ = std::make_unique<CurlGlobal>();
    ASSERT_TRUE(global_->status().ok()) << global_->status().ToString();
  }
  void TearDown() override { global_.reset(); }

 private:
  std::unique_ptr<CurlGlobal> global_;
};
const auto* const kCurlEnvironment = ::testing::AddGlobalTestEnvironment(new CurlEnvironment);

// Runs the loop until `finished` holds or `limit` passes, so that a bug fails the test instead of hanging.
bool RunUntil(boost::asio::io_context& io, const std::function<bool()>& finished,
              std::chrono::milliseconds limit = std::chrono::seconds(20)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!finished()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    io.restart();
    io.run_for(std::chrono::milliseconds(20));
  }
  return true;
}

// HttpReply's extras, all defaulted, so that a test names only what it needs. (GCC warns about members
// left out of a designated initializer of HttpReply itself, whose members have no defaults to skip.)
struct ReplyExtras {
  std::vector<std::pair<std::string, std::string>> headers = {};
  bool gzip = false;
  int delay_ms = 0;
  bool abort = false;
};

HttpReply Reply(int status, std::string body, ReplyExtras extras = {}) {
  HttpReply reply;
  reply.status = status;
  reply.headers = std::move(extras.headers);
  reply.body = std::move(body);
  reply.gzip_if_accepted = extras.gzip;
  reply.delay_ms = extras.delay_ms;
  reply.abort = extras.abort;
  return reply;
}

std::unique_ptr<HttpServer> StartServer(testsite::Handler handler) {
  auto server = HttpServer::Start(std::move(handler));
  EXPECT_TRUE(server.ok()) << server.status().ToString();
  return server.ok() ? std::move(server).value() : nullptr;
}

// A loopback port that refuses connections: bound (so nobody else takes it) but not listening.
class RefusingPort {
 public:
  RefusingPort() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(fd_.get(), reinterpret_cast<sockaddr*>(&address), length) == 0 &&
        ::getsockname(fd_.get(), reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      port_ = ntohs(address.sin_port);
    }
  }
  std::uint16_t port() const { return port_; }

 private:
  UniqueFd fd_;
  std::uint16_t port_ = 0;
};

class HttpClientTest : public ::testing::Test {
 protected:
  HttpClientOptions Options() {
    HttpClientOptions options;
    options.user_agent = "ArachneTest/1";
    options.timeout_s = 15;
    options.connect_timeout_s = 10;
    options.allow_private = true;  // the test servers are on loopback; address_policy tests cover the guard
    return options;
  }

  HttpResponse FetchOne(HttpClient& client, const std::string& url) {
    std::optional<HttpResponse> response;
    client.Fetch({.id = 7, .url = url}, [&](HttpResponse&& r) { response = std::move(r); });
    EXPECT_TRUE(RunUntil(io_, [&] { return response.has_value(); })) << "no response for " << url;
    if (!response) return {};
    EXPECT_EQ(response->id, 7u);
    EXPECT_EQ(response->url, url);
    return std::move(*response);
  }

  HttpResponse FetchOne(const std::string& url) {
    HttpClient client(io_, Options());
    EXPECT_TRUE(client.status().ok()) << client.status().ToString();
    return FetchOne(client, url);
  }

  boost::asio::io_context io_;
};

TEST_F(HttpClientTest, OkResponseHasBodyContentTypeAndTiming) {
  std::mutex mutex;
  std::string user_agent;
  auto server = StartServer([&](const HttpRequestView& request) {
    std::lock_guard lock(mutex);
    user_agent = request.headers.count("user-agent") ? request.headers.at("user-agent") : "";
    return Reply(200, "<p>hi</p>", {.headers = {{"Content-Type", "text/html; charset=utf-8"}}});
  });
  ASSERT_TRUE(server);
  HttpResponse r = FetchOne(server->base_url() + "/page");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<p>hi</p>");
  EXPECT_EQ(r.bytes, 9u);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_THAT(r.error, IsEmpty());
  EXPECT_THAT(r.error_detail, IsEmpty());
  EXPECT_FALSE(r.truncated);
  EXPECT_THAT(r.redirect_url, IsEmpty());
  EXPECT_GT(r.fetch_ms, 0);
  std::lock_guard lock(mutex);
  EXPECT_EQ(user_agent, "ArachneTest/1");
}

TEST_F(HttpClientTest, ErrorStatusesAreResponsesNotErrors) {
  auto server = StartServer([](const HttpRequestView& request) {
    int status = request.target == "/missing" ? 404 : 500;
    return Reply(status, "status " + std::to_string(status));
  });
  ASSERT_TRUE(server);
  HttpClient client(io_, Options());
  HttpResponse missing = FetchOne(client, server->base_url() + "/missing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body, "status 404");
  EXPECT_THAT(missing.error, IsEmpty());
  HttpResponse broken = FetchOne(client, server->base_url() + "/broken");
  EXPECT_EQ(broken.status, 500);
  EXPECT_EQ(broken.body, "status 500");
  EXPECT_THAT(broken.error, IsEmpty());
}

TEST_F(HttpClientTest, GzipBodyIsDecoded) {
  const std::string text(100000, 'x');
  std::atomic<bool> offered_gzip{false};
  auto server = StartServer([&](const HttpRequestView& request) {
    auto it = request.headers.find("accept-encoding");
    offered_gzip = it != request.headers.end() && testsite::AcceptsGzip(it->second);
    return Reply(200, text, {.gzip = true});
  });
  ASSERT_TRUE(server);
  HttpResponse r = FetchOne(server->base_url() + "/");
  EXPECT_TRUE(offered_gzip);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body.size(), text.size());
  EXPECT_TRUE(r.body == text);
  EXPECT_EQ(r.bytes, text.size());
}

TEST_F(HttpClientTest, RedirectIsReportedNotFollowed) {
  auto server = StartServer([](const HttpRequestView& request) {
    if (request.target == "/old") return Reply(301, "", {.headers = {{"Location", "new?x=1"}}});
    return Reply(200, "new page");
  });
  ASSERT_TRUE(server);
  HttpResponse r = FetchOne(server->base_url() + "/dir/../old");
  EXPECT_EQ(r.status, 301);
  EXPECT_EQ(r.redirect_url, server->base_url() + "/new?x=1");
  EXPECT_THAT(r.error, IsEmpty());
  EXPECT_EQ(server->requests(), 1u);
}

TEST_F(HttpClientTest, BodyWithContentLengthOverCapIsReadUpToTheCap) {
  // As a body without a length is: its first max_body_bytes are kept, so that a long page is still parsed.
  auto server = StartServer([](const HttpRequestView&) { return Reply(200, std::string(5000, 'a')); });
  ASSERT_TRUE(server);
  HttpClientOptions options = Options();
  options.max_body_bytes = 1000;
  HttpClient client(io_, options);
  HttpResponse r = FetchOne(client, server->base_url() + "/big");
  EXPECT_EQ(r.error, "too large");
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(r.body, std::string(1000, 'a'));
  EXPECT_GE(r.bytes, 1000u);
  EXPECT_EQ(r.status, 200);
}

TEST_F(HttpClientTest, BodyAtExactlyTheCapIsWhole) {
  auto server = StartServer([](const HttpRequestView&) { return Reply(200, std::string(1000, 'a')); });
  ASSERT_TRUE(server);
  HttpClientOptions options = Options();
  options.max_body_bytes = 1000;
  HttpClient client(io_, options);
  HttpResponse r = FetchOne(client, server->base_url() + "/");
  EXPECT_THAT(r.error, IsEmpty());
  EXPECT_FALSE(r.truncated);
  EXPECT_EQ(r.body.size(), 1000u);
}

TEST_F(HttpClientTest, DecodedBodyOverCapIsCut) {
  // The gzip Content-Length is far below the cap; only the decoded size exceeds it.
  auto server = StartServer(
      [](const HttpRequestView&) { return Reply(200, std::string(200000, 'z'), {.gzip = true}); });
  ASSERT_TRUE(server);
  HttpClientOptions options = Options();
  options.max_body_bytes = 50000;
  HttpClient client(io_, options);
  HttpResponse r = FetchOne(client, server->base_url() + "/");
  EXPECT_EQ(r.error, "too large");
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(r.body, std::string(50000, 'z'));
  EXPECT_GT(r.bytes, 50000u);
}

TEST_F(HttpClientTest, BodyWithoutContentLengthOverCapIsCut) {
  // Delimited by the connection's close (RFC 9112 section 6.3, rule 8): no length to check up front.
  RawHttpServer server(
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n" + std::string(300000, 'b'),
      RawHttpServer::Ending::kClose);
  ASSERT_NE(server.port(), 0);
  HttpClientOptions options = Options();
  options.max_body_bytes = 1000;
  HttpClient client(io_, options);
  HttpResponse r = FetchOne(client, server.url());
  EXPECT_EQ(r.error, "too large");
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(r.body, std::string(1000, 'b'));
  EXPECT_EQ(r.content_type, "text/plain");
}

TEST_F(HttpClientTest, GzipBombIsCutAtTheDecodedCap) {
  // 1 GiB of HTML in about 1 MB of gzip, without a length: inflating stops at the cap.
  Result<testsite::GzipBomb> bomb = testsite::GzipBomb::Create(1ull << 30);
  ASSERT_TRUE(bomb.ok()) << bomb.status().ToString();
  std::string reply =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nConnection: close\r\n\r\n";
  while (std::optional<std::string> piece = bomb->Next()) reply += *piece;
  RawHttpServer server(reply, RawHttpServer::Ending::kClose);
  ASSERT_NE(server.port(), 0);
  HttpClientOptions options = Options();
  options.max_body_bytes = 1 << 20;
  HttpClient client(io_, options);
  HttpResponse r = FetchOne(client, server.url());
  EXPECT_EQ(r.error, "too large");
  EXPECT_TRUE(r.truncated);
  ASSERT_EQ(r.body.size(), 1u << 20);
  EXPECT_TRUE(r.body.starts_with(testsite::GzipBomb::kHead));
  EXPECT_GE(r.bytes, 1u << 20);
  EXPECT_LT(r.bytes, 64u << 20);  // inflated a buffer past the cap at most, not the gigabyte
}

TEST_F(HttpClientTest, HeadersThatNeverEndAreTooLarge) {
  // Header lines and no blank line: cut at 128 KiB of headers, not read until the timeout.
  std::string reply = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n";
  for (int i = 0; reply.size() < 400 * 1024; ++i)
    reply += "X-Filler-" + std::to_string(i) + ": and on and on\r\n";
  RawHttpServer server(reply, RawHttpServer::Ending::kClose);
  ASSERT_NE(server.port(), 0);
  HttpResponse r = FetchOne(server.url());
  EXPECT_EQ(r.error, "too large");
  EXPECT_FALSE(r.truncated);
  EXPECT_THAT(r.error_detail, HasSubstr("header section"));
  EXPECT_EQ(r.status, 200);
  EXPECT_THAT(r.body, IsEmpty());
}

TEST_F(HttpClientTest, AHeaderLineLongerThanCurlTakesIsTooLarge) {
  RawHttpServer server("HTTP/1.1 200 OK\r\nX-Long: " + std::string(300 * 1024, 'l') + "\r\n\r\nbody",
                       RawHttpServer::Ending::kClose);
  ASSERT_NE(server.port(), 0);
  HttpResponse r = FetchOne(server.url());
  EXPECT_EQ(r.error, "too large") << r.error_detail;
  EXPECT_FALSE(r.truncated);
}

TEST_F(HttpClientTest, HeadersJustUnderTheCapAreFine) {
  std::string reply = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\n";
  while (reply.size() < 100 * 1024) reply += "Set-Cookie: c=" + std::string(1000, 'c') + "\r\n";
  RawHttpServer server(reply + "\r\nok", RawHttpServer::Ending::kClose);
  ASSERT_NE(server.port(), 0);
  HttpResponse r = FetchOne(server.url());
  EXPECT_THAT(r.error, IsEmpty()) << r.error_detail;
  EXPECT_EQ(r.body, "ok");
}

TEST_F(HttpClientTest, InvalidChunkedEncodingIsProtocolError) {
  // RFC 9112 section 7.1: a chunk size is hexadecimal. A server that breaks that is not worth a retry.
  RawHttpServer server(
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\nzz\r\nnot a chunk\r\n0\r\n\r\n",
      RawHttpServer::Ending::kClose);
  ASSERT_NE(server.port(), 0);
  HttpResponse r = FetchOne(server.url());
  EXPECT_EQ(r.error, "protocol") << r.error_detail;
  EXPECT_THAT(r.error_detail, HasSubstr("chunked"));
  EXPECT_EQ(r.status, 200);
}

TEST_F(HttpClientTest, BodyWithoutContentLengthUnderCapIsWhole) {
  RawHttpServer server("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil close",
                       RawHttpServer::Ending::kClose);
  ASSERT_NE(server.port(), 0);
  HttpResponse r = FetchOne(server.url());
  EXPECT_THAT(r.error, IsEmpty());
  EXPECT_EQ(r.body, "until close");
}

TEST_F(HttpClientTest, ReusedHandleStartsClean) {
  auto server = StartServer([](const HttpRequestView& request) {
    if (request.target == "/moved") return Reply(302, "", {.headers = {{"Location", "/elsewhere"}}});
    if (request.target == "/huge") return Reply(200, std::string(5000, 'h'));
    return Reply(200, "small");
  });
  ASSERT_TRUE(server);
  RawHttpServer untyped("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", RawHttpServer::Ending::kClose);
  HttpClientOptions options = Options();
  options.max_body_bytes = 1000;
  HttpClient client(io_, options);
  ASSERT_EQ(FetchOne(client, server->base_url() + "/moved").status, 302);
  HttpResponse after_redirect = FetchOne(client, server->base_url() + "/small");
  EXPECT_THAT(after_redirect.redirect_url, IsEmpty());
  ASSERT_EQ(FetchOne(client, server->base_url() + "/huge").error, "too large");
  HttpResponse after_cut = FetchOne(client, server->base_url() + "/small");
  EXPECT_FALSE(after_cut.truncated);
  EXPECT_THAT(after_cut.error, IsEmpty());
  EXPECT_EQ(after_cut.body, "small");
  HttpResponse no_type = FetchOne(client, untyped.url());
  EXPECT_EQ(no_type.body, "ok");
  EXPECT_THAT(no_type.content_type, IsEmpty());
}

TEST_F(HttpClientTest, SlowServerTimesOut) {
  auto server = StartServer([](const HttpRequestView&) { return Reply(200, "late", {.delay_ms = 5000}); });
  ASSERT_TRUE(server);
  HttpClientOptions options = Options();
  options.timeout_s = 0.3;
  HttpClient client(io_, options);
  HttpResponse r = FetchOne(client, server->base_url() + "/");
  EXPECT_EQ(r.error, "timeout");
  EXPECT_EQ(r.status, 0);
  EXPECT_THAT(r.error_detail, HasSubstr("imed out"));
}

TEST_F(HttpClientTest, RefusedConnectionIsConnectError) {
  RefusingPort port;
  ASSERT_NE(port.port(), 0);
  HttpResponse r = FetchOne("http://127.0.0.1:" + std::to_string(port.port()) + "/");
  EXPECT_EQ(r.error, "connect");
  EXPECT_EQ(r.status, 0);
  EXPECT_THAT(r.error_detail, Not(IsEmpty()));
}

TEST_F(HttpClientTest, UnresolvableHostIsDnsError) {
  // This machine resolves through /etc/hosts, then a DNS server off the machine (nsswitch "files dns"),
  // and a test must not send packets there. A host label longer than 63 octets cannot be encoded in a
  // DNS query (RFC 1035 section 2.3.4), so glibc's resolver fails it locally, before creating any
  // socket (checked with strace), and the name is in no hosts file.
  const std::string host = std::string(64, 'a') + ".invalid";
  HttpResponse r = FetchOne("http://" + host + "/");
  EXPECT_EQ(r.error, "dns");
  EXPECT_EQ(r.status, 0);
  EXPECT_THAT(r.error_detail, HasSubstr(host));
}

TEST_F(HttpClientTest, ThreeHundredConcurrentTransfersAllComplete) {
  auto server = StartServer([](const HttpRequestView& request) { return Reply(200, request.target); });
  ASSERT_TRUE(server);
  HttpClient client(io_, Options());
  constexpr int kTransfers = 300;
  std::vector<std::optional<HttpResponse>> responses(kTransfers);
  int completed = 0;
  for (int i = 0; i < kTransfers; ++i) {
    client.Fetch({.id = static_cast<std::uint64_t>(i), .url = server->base_url() + "/p" + std::to_string(i)},
                 [&](HttpResponse&& r) {
                   ++completed;
                   responses.at(r.id) = std::move(r);
                 });
  }
  EXPECT_EQ(client.in_flight(), static_cast<std::size_t>(kTransfers));
  ASSERT_TRUE(RunUntil(
      io_, [&] { return completed == kTransfers; }, std::chrono::seconds(60)))
      << completed << " of " << kTransfers << " completed";
  EXPECT_EQ(client.in_flight(), 0u);
  for (int i = 0; i < kTransfers; ++i) {
    ASSERT_TRUE(responses[i].has_value()) << i;
    EXPECT_EQ(responses[i]->status, 200) << i << ": " << responses[i]->error_detail;
    EXPECT_EQ(responses[i]->body, "/p" + std::to_string(i));
  }
}

TEST_F(HttpClientTest, ManyLargeBodiesArriveWhole) {
  // Bodies many times the socket and curl buffers, over few connections: each transfer needs many
  // readiness events, and a missed re-arm would leave it waiting for its timeout.
  std::string big(300000, ' ');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>('a' + i % 23);
  auto server = StartServer(
      [&](const HttpRequestView& request) { return Reply(200, big, {.gzip = request.target == "/gz"}); });
  ASSERT_TRUE(server);
  HttpClient client(io_, Options());
  constexpr int kTransfers = 200;
  int completed = 0, whole = 0;
  for (int i = 0; i < kTransfers; ++i) {
    client.Fetch({.id = 1, .url = server->base_url() + (i % 2 ? "/gz" : "/plain")}, [&](HttpResponse&& r) {
      ++completed;
      if (r.status == 200 && r.error.empty() && r.body == big) ++whole;
    });
  }
  ASSERT_TRUE(RunUntil(
      io_, [&] { return completed == kTransfers; }, std::chrono::seconds(60)));
  EXPECT_EQ(whole, kTransfers);
}

TEST_F(HttpClientTest, ConnectionsAreReused) {
  auto server = StartServer([](const HttpRequestView&) { return Reply(200, "ok"); });
  ASSERT_TRUE(server);
  HttpClientOptions options = Options();
  options.max_host_connections = 4;
  HttpClient client(io_, options);
  // In waves, so that later transfers find the earlier ones' connections idle in the cache.
  constexpr int kWaves = 5, kPerWave = 20;
  int completed = 0;
  for (int wave = 0; wave < kWaves; ++wave) {
    for (int i = 0; i < kPerWave; ++i) {
      client.Fetch({.id = 1, .url = server->base_url() + "/"}, [&](HttpResponse&& r) {
        EXPECT_EQ(r.status, 200) << r.error_detail;
        ++completed;
      });
    }
    ASSERT_TRUE(RunUntil(io_, [&] { return completed == (wave + 1) * kPerWave; }));
  }
  EXPECT_EQ(server->requests(), static_cast<std::uint64_t>(kWaves * kPerWave));
  EXPECT_LE(server->connections(), 4u);
}

// Each reply ends with the server closing the connection, without a "Connection: close" header: curl
// keeps each connection for reuse, the server's close arrives while it sits idle, and the next request
// must find it dead and open another. Sockets come and go, and their descriptor numbers are reused.
TEST_F(HttpClientTest, AnIdleConnectionTheServerClosedIsReplacedForTheNextRequest) {
  auto server = StartServer([](const HttpRequestView&) {
    HttpReply reply;
    reply.raw = testsite::RawReply{};
    reply.raw->next = [sent = false]() mutable -> std::optional<std::string> {
      if (std::exchange(sent, true)) return std::nullopt;
      return "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    };
    reply.raw->ending = testsite::RawReply::Ending::kClose;
    return reply;
  });
  ASSERT_TRUE(server);
  HttpClient client(io_, Options());
  for (int i = 0; i < 12; ++i) {
    HttpResponse r = FetchOne(client, server->base_url() + "/" + std::to_string(i));
    EXPECT_EQ(r.status, 200) << i << ": " << r.error << " " << r.error_detail;
    EXPECT_EQ(r.body, "ok") << i;
    io_.restart();
    io_.run_for(std::chrono::milliseconds(i % 2 == 0 ? 30 : 0));  // the close seen while idle, or not yet
  }
  EXPECT_EQ(server->requests(), 12u);
}

// A BodyBuffer that keeps the body in a string, or refuses it.
class TestBodyBuffer final : public BodyBuffer {
 public:
  explicit TestBodyBuffer(bool refuse = false) : refuse_(refuse) {}
  Status Reserve(std::size_t bytes) override {
    reserved = bytes;
    return Status::Ok();
  }
  Status Append(std::string_view data) override {
    if (refuse_) return Status::IoError("the shelf is full");
    body.append(data);
    return Status::Ok();
  }
  std::string_view view() const override { return body; }
  void Clear() override { body.clear(); }
  std::string body;
  std::size_t reserved = 0;

 private:
  bool refuse_;
};

TEST_F(HttpClientTest, ABodyGoesIntoTheRequestsBufferWhenItGivesOne) {
  const std::string page = "<p>" + std::string(100000, 'w') + "</p>";
  auto server = StartServer(
      [&](const HttpRequestView& request) { return Reply(request.target == "/redirect" ? 301 : 200, page); });
  ASSERT_TRUE(server);
  HttpClient client(io_, Options());
  TestBodyBuffer buffer;
  std::optional<HttpResponse> response;
  client.Fetch({.id = 1, .url = server->base_url() + "/page", .body_into = &buffer},
               [&](HttpResponse&& r) { response = std::move(r); });
  ASSERT_TRUE(RunUntil(io_, [&] { return response.has_value(); }));
  EXPECT_EQ(response->status, 200);
  EXPECT_THAT(response->error, IsEmpty()) << response->error_detail;
  EXPECT_THAT(response->body, IsEmpty());
  EXPECT_EQ(buffer.body, page);
  EXPECT_EQ(buffer.reserved, page.size());  // from the Content-Length
  EXPECT_EQ(response->bytes, page.size());
  // The handle goes back to the pool; the next request, without a buffer, gets its body in the response.
  HttpResponse plain = FetchOne(client, server->base_url() + "/page");
  EXPECT_EQ(plain.body, page);
  EXPECT_EQ(buffer.body, page);
}

TEST_F(HttpClientTest, ABodyTheBufferRefusesEndsTheTransferWithItsReason) {
  auto server = StartServer([](const HttpRequestView&) { return Reply(200, "<p>page</p>"); });
  ASSERT_TRUE(server);
  HttpClient client(io_, Options());
  TestBodyBuffer refusing(/*refuse=*/true);
  std::optional<HttpResponse> response;
  client.Fetch({.id = 1, .url = server->base_url() + "/", .body_into = &refusing},
               [&](HttpResponse&& r) { response = std::move(r); });
  ASSERT_TRUE(RunUntil(io_, [&] { return response.has_value(); }));
  EXPECT_EQ(response->error, "no room");
  EXPECT_THAT(response->error_detail, HasSubstr("the shelf is full"));
  EXPECT_FALSE(response->truncated);
  // The client goes on.
  EXPECT_EQ(FetchOne(client, server->base_url() + "/").body, "<p>page</p>");
}

TEST_F(HttpClientTest, CancelAllAbortsEveryTransferAndTheClientStaysUsable) {
  auto server = StartServer([](const HttpRequestView& request) {
    return Reply(200, "x", {.delay_ms = request.target == "/slow" ? 10000 : 0});
  });
  ASSERT_TRUE(server);
  HttpClient client(io_, Options());
  std::vector<HttpResponse> responses;
  for (int i = 0; i < 5; ++i) {
    client.Fetch({.id = 1, .url = server->base_url() + "/slow"},
                 [&](HttpResponse&& r) { responses.push_back(std::move(r)); });
  }
  // Let the requests reach the server, so that the cancel interrupts live connections.
  ASSERT_TRUE(RunUntil(io_, [&] { return server->requests() == 5; }));
  ASSERT_EQ(client.in_flight(), 5u);
  client.CancelAll();
  EXPECT_EQ(client.in_flight(), 0u);
  EXPECT_TRUE(responses.empty()) << "done() must be posted, not called inside CancelAll";
  ASSERT_TRUE(RunUntil(io_, [&] { return responses.size() == 5; }));
  for (const HttpResponse& r : responses) {
    EXPECT_EQ(r.error, "aborted");
    EXPECT_EQ(r.status, 0);
  }
  HttpResponse after = FetchOne(client, server->base_url() + "/fast");
  EXPECT_EQ(after.status, 200);
}

TEST_F(HttpClientTest, ResetMidBodyIsRecvError) {
  RawHttpServer server("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + std::string(1000, 'c'),
                       RawHttpServer::Ending::kReset);
  ASSERT_NE(server.port(), 0);
  HttpResponse r = FetchOne(server.url());
  EXPECT_EQ(r.error, "recv");
  EXPECT_FALSE(r.truncated);
  EXPECT_THAT(r.error_detail, Not(IsEmpty()));
}

TEST_F(HttpClientTest, CloseBeforeContentLengthIsRecvError) {
  RawHttpServer server("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + std::string(1000, 'c'),
                       RawHttpServer::Ending::kClose);
  ASSERT_NE(server.port(), 0);
  HttpResponse r = FetchOne(server.url());
  EXPECT_EQ(r.error, "recv");
  EXPECT_EQ(r.status, 200);
}

TEST_F(HttpClientTest, ConnectionClosedWithoutReplyIsRecvError) {
  auto server = StartServer([](const HttpRequestView&) { return Reply(200, "", {.abort = true}); });
  ASSERT_TRUE(server);
  HttpResponse r = FetchOne(server->base_url() + "/");
  EXPECT_EQ(r.error, "recv");
  EXPECT_EQ(r.status, 0);
}

TEST_F(HttpClientTest, GarbageReplyIsProtocolError) {
  RawHttpServer server("SSH-2.0-OpenSSH_9.2\r\n\r\n", RawHttpServer::Ending::kClose);
  ASSERT_NE(server.port(), 0);
  HttpResponse r = FetchOne(server.url());
  EXPECT_EQ(r.error, "protocol");
}

TEST_F(HttpClientTest, InvalidUrlsFailWithoutCrashing) {
  HttpClient client(io_, Options());
  for (const std::string url : {"", "not a url", "http://", "http://[::1", "http://exa mple.com/"}) {
    HttpResponse r = FetchOne(client, url);
    EXPECT_THAT(r.error, Not(IsEmpty())) << "'" << url << "'";
    EXPECT_EQ(r.status, 0) << "'" << url << "'";
  }
}

TEST_F(HttpClientTest, OnlyHttpAndHttpsAreFetched) {
  HttpClient client(io_, Options());
  for (const std::string url : {"file:///etc/passwd", "ftp://127.0.0.1/", "gopher://127.0.0.1/"}) {
    HttpResponse r = FetchOne(client, url);
    EXPECT_EQ(r.error, "protocol") << url << ": " << r.error_detail;
    EXPECT_THAT(r.body, IsEmpty()) << url;
  }
}

TEST_F(HttpClientTest, DoneIsPostedAndMayFetchAgain) {
  auto server = StartServer([](const HttpRequestView& request) { return Reply(200, request.target); });
  ASSERT_TRUE(server);
  HttpClient client(io_, Options());
  std::vector<std::string> bodies;
  std::function<void(HttpResponse &&)> chain = [&](HttpResponse&& r) {
    bodies.push_back(r.body);
    if (bodies.size() < 3)
      client.Fetch({.id = 2, .url = server->base_url() + "/" + std::to_string(bodies.size())}, chain);
  };
  client.Fetch({.id = 1, .url = server->base_url() + "/0"}, chain);
  EXPECT_TRUE(bodies.empty());
  ASSERT_TRUE(RunUntil(io_, [&] { return bodies.size() == 3; }));
  EXPECT_THAT(bodies, ::testing::ElementsAre("/0", "/1", "/2"));
}

TEST_F(HttpClientTest, DestroyingTheClientDropsTransfersSafely) {
  auto server = StartServer([](const HttpRequestView&) { return Reply(200, "x", {.delay_ms = 10000}); });
  ASSERT_TRUE(server);
  int called = 0;
  {
    HttpClient client(io_, Options());
    for (int i = 0; i < 3; ++i)
      client.Fetch({.id = 1, .url = server->base_url() + "/"}, [&](HttpResponse&&) { ++called; });
    ASSERT_TRUE(RunUntil(io_, [&] { return server->requests() == 3; }));
  }
  // Whatever the destroyed client left queued must run harmlessly.
  io_.restart();
  io_.run_for(std::chrono::milliseconds(100));
  EXPECT_EQ(called, 0);
}

TEST_F(HttpClientTest, DestroyingTheClientFromDoneIsSafe) {
  auto server = StartServer([](const HttpRequestView&) { return Reply(200, "x"); });
  ASSERT_TRUE(server);
  auto client = std::make_unique<HttpClient>(io_, Options());
  int called = 0;
  for (int i = 0; i < 2; ++i) {
    client->Fetch({.id = 1, .url = server->base_url() + "/"}, [&](HttpResponse&&) {
      ++called;
      client.reset();
    });
  }
  ASSERT_TRUE(RunUntil(io_, [&] { return called >= 1 && !client; }));
  io_.restart();
  io_.run_for(std::chrono::milliseconds(100));
  EXPECT_GE(called, 1);
}

HttpRequest Request(const std::string& url) {
  HttpRequest request;
  request.id = 7;
  request.url = url;
  return request;
}

class FetchPolicyTest : public HttpClientTest {
 protected:
  HttpResponse Fetch(HttpRequest request, HttpClientOptions options) {
    HttpClient client(io_, options);
    std::optional<HttpResponse> response;
    client.Fetch(std::move(request), [&](HttpResponse&& r) { response = std::move(r); });
    EXPECT_TRUE(RunUntil(io_, [&] { return response.has_value(); }));
    return response ? std::move(*response) : HttpResponse{};
  }
  HttpClientOptions Guarded() {
    HttpClientOptions options = Options();
    options.allow_private = false;
    return options;
  }
};

TEST_F(FetchPolicyTest, LoopbackIsBlockedForAnUntrustedHost) {
  auto server = StartServer([](const HttpRequestView&) { return Reply(200, "secret"); });
  ASSERT_TRUE(server);
  HttpResponse r = Fetch(Request(server->base_url() + "/"), Guarded());
  EXPECT_EQ(r.error, "blocked address");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(server->requests(), 0u);
}

TEST_F(FetchPolicyTest, ANameThatResolvesToLoopbackIsBlockedToo) {
  auto server = StartServer([](const HttpRequestView&) { return Reply(200, "secret"); });
  ASSERT_TRUE(server);
  HttpResponse r = Fetch(Request("http://localhost:" + std::to_string(server->port()) + "/"), Guarded());
  EXPECT_EQ(r.error, "blocked address");
  EXPECT_EQ(server->requests(), 0u);
}

TEST_F(FetchPolicyTest, ATrustedHostOrAllowPrivateMayConnect) {
  auto server = StartServer([](const HttpRequestView&) { return Reply(200, "ok"); });
  ASSERT_TRUE(server);
  HttpClientOptions trusted = Guarded();
  trusted.trusted_hosts = {"127.0.0.1"};
  EXPECT_EQ(Fetch(Request(server->base_url() + "/"), trusted).status, 200);
  HttpClientOptions by_name = Guarded();
  by_name.trusted_hosts = {"localhost"};
  const std::string local_url = "http://localhost:" + std::to_string(server->port()) + "/";
  HttpResponse r = Fetch(Request(local_url), by_name);
  EXPECT_EQ(r.status, 200) << r.error << " " << r.error_detail;
  HttpClientOptions open = Guarded();
  open.allow_private = true;
  EXPECT_EQ(Fetch(Request(server->base_url() + "/"), open).status, 200);
  EXPECT_EQ(server->requests(), 3u);
}

// Trust goes with the host named, not with the address it had: 127.0.0.2 is loopback too, but not named.
TEST_F(FetchPolicyTest, TrustIsForTheHostNamedNotForItsAddressRange) {
  auto server = HttpServer::Start([](const HttpRequestView&) { return Reply(200, "ok"); }, 0, "127.0.0.2");
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const std::string url = "http://127.0.0.2:" + std::to_string((*server)->port()) + "/";
  HttpClientOptions options = Guarded();
  options.trusted_hosts = {"127.0.0.1", "localhost"};
  EXPECT_EQ(Fetch(Request(url), options).error, "blocked address");
  EXPECT_EQ((*server)->requests(), 0u);
  options.trusted_hosts = {"127.0.0.2"};
  EXPECT_EQ(Fetch(Request(url), options).status, 200);
}

// A followed redirect is checked on its own host: a trusted host cannot send the fetcher into the private
// network, whatever the first hop was allowed.
TEST_F(FetchPolicyTest, AFollowedRedirectDoesNotInheritTrust) {
  auto inside =
      HttpServer::Start([](const HttpRequestView&) { return Reply(200, "secret"); }, 0, "127.0.0.2");
  ASSERT_TRUE(inside.ok()) << inside.status().ToString();
  const std::string target = "http://127.0.0.2:" + std::to_string((*inside)->port()) + "/robots.txt";
  auto seed = StartServer([&](const HttpRequestView&) {
    return Reply(301, "", {.headers = {{"Location", target}}});
  });
  ASSERT_TRUE(seed);
  HttpRequest robots = Request(seed->base_url() + "/robots.txt");
  robots.follow_redirects = 5;
  HttpClientOptions options = Guarded();
  options.trusted_hosts = {"127.0.0.1"};
  HttpResponse r = Fetch(robots, options);
  EXPECT_EQ(r.error, "blocked address");
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(seed->requests(), 1u);
  EXPECT_EQ((*inside)->requests(), 0u);
  options.trusted_hosts = {"127.0.0.1", "127.0.0.2"};
  EXPECT_EQ(Fetch(robots, options).body, "secret");
}

TEST_F(FetchPolicyTest, NonHtmlBodyIsNotDownloaded) {
  const std::string big(5 * 1024 * 1024, 'x');
  auto server = StartServer([&](const HttpRequestView& request) {
    if (request.target == "/image.png") return Reply(200, big, {.headers = {{"Content-Type", "image/png"}}});
    if (request.target == "/page")
      return Reply(200, "<title>t</title>", {.headers = {{"Content-Type", "text/html"}}});
    if (request.target == "/untyped-html")
      return Reply(200, "<!DOCTYPE html><title>t</title>", {.headers = {{"Content-Type", ""}}});
    return Reply(200, std::string(4096, '\0'), {.headers = {{"Content-Type", ""}}});
  });
  ASSERT_TRUE(server);
  HttpRequest image = Request(server->base_url() + "/image.png");
  image.html_only = true;
  HttpResponse r = Fetch(image, Options());
  EXPECT_EQ(r.error, "") << r.error_detail;
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body_skipped);
  EXPECT_EQ(r.content_type, "image/png");
  EXPECT_LT(r.bytes, big.size() / 10);
  HttpRequest page = Request(server->base_url() + "/page");
  page.html_only = true;
  r = Fetch(page, Options());
  EXPECT_FALSE(r.body_skipped);
  EXPECT_EQ(r.body, "<title>t</title>");
  HttpRequest untyped = Request(server->base_url() + "/untyped-html");
  untyped.html_only = true;
  EXPECT_FALSE(Fetch(untyped, Options()).body_skipped);
  HttpRequest binary = Request(server->base_url() + "/binary");
  binary.html_only = true;
  EXPECT_TRUE(Fetch(binary, Options()).body_skipped);
  image.html_only = false;
  EXPECT_EQ(Fetch(image, Options()).body.size(), big.size());
}

// A small body that is not wanted is read and dropped rather than cut off, which would close the
// connection: a site's icons and small files cost no new connection each.
TEST_F(FetchPolicyTest, ASmallNonHtmlBodyIsDroppedAndItsConnectionKept) {
  auto server = StartServer([](const HttpRequestView& request) {
    if (request.target == "/icon.png")
      return Reply(200, std::string(69, 'p'), {.headers = {{"Content-Type", "image/png"}}});
    if (request.target == "/data")
      return Reply(200, std::string(3000, '\0'), {.headers = {{"Content-Type", ""}}});
    return Reply(200, "<title>t</title>", {.headers = {{"Content-Type", "text/html"}}});
  });
  ASSERT_TRUE(server);
  HttpClient client(io_, Options());
  for (const char* path : {"/icon.png", "/data", "/page", "/icon.png"}) {
    HttpRequest request = Request(server->base_url() + path);
    request.html_only = true;
    std::optional<HttpResponse> response;
    client.Fetch(std::move(request), [&](HttpResponse&& r) { response = std::move(r); });
    ASSERT_TRUE(RunUntil(io_, [&] { return response.has_value(); }));
    EXPECT_EQ(response->error, "") << path << ": " << response->error_detail;
    EXPECT_EQ(response->status, 200) << path;
    const bool html = std::string(path) == "/page";
    EXPECT_EQ(response->body_skipped, !html) << path;
    EXPECT_EQ(response->body.empty(), !html) << path;
  }
  EXPECT_EQ(server->requests(), 4u);
  EXPECT_EQ(server->connections(), 1u);  // one after the other, all on the first connection
}

// Decided on the headers, before the cap: a long non-HTML body is skipped, not refused as "too large".
TEST_F(FetchPolicyTest, ANonHtmlBodyOverTheCapIsSkippedNotRefused) {
  const std::string big(3 * 1024 * 1024, 'v');
  auto server = StartServer([&](const HttpRequestView&) {
    return Reply(200, big, {.headers = {{"Content-Type", "video/mp4"}}});
  });
  ASSERT_TRUE(server);
  HttpClientOptions options = Options();
  options.max_body_bytes = 1024 * 1024;
  HttpRequest request = Request(server->base_url() + "/film.mp4");
  request.html_only = true;
  HttpResponse r = Fetch(request, options);
  EXPECT_EQ(r.error, "") << r.error_detail;
  EXPECT_TRUE(r.body_skipped);
  EXPECT_FALSE(r.truncated);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "video/mp4");
  EXPECT_LT(r.bytes, big.size() / 10);
  request.html_only = false;
  EXPECT_EQ(Fetch(request, options).error, "too large");
}

// Error and redirect bodies are never parsed: a small one is read (the connection stays open), a large one
// is not.
TEST_F(FetchPolicyTest, ErrorAndRedirectBodiesOfPagesAreReadOnlyWhenSmall) {
  const std::string big_error(1024 * 1024, 'e');
  auto server = StartServer([&](const HttpRequestView& request) {
    const ReplyExtras html{.headers = {{"Content-Type", "text/html"}}};
    if (request.target == "/missing") return Reply(404, "<p>not here", html);
    if (request.target == "/moved") return Reply(301, "moved", {.headers = {{"Location", "/new"}}});
    return Reply(500, big_error, html);
  });
  ASSERT_TRUE(server);
  auto page = [&](const std::string& path) {
    HttpRequest request = Request(server->base_url() + path);
    request.html_only = true;
    return Fetch(request, Options());
  };
  HttpResponse missing = page("/missing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_FALSE(missing.body_skipped);
  EXPECT_EQ(missing.body, "<p>not here");
  HttpResponse moved = page("/moved");
  EXPECT_EQ(moved.status, 301);
  EXPECT_FALSE(moved.body_skipped);
  EXPECT_EQ(moved.redirect_url, server->base_url() + "/new");
  HttpResponse failed = page("/failed");
  EXPECT_EQ(failed.status, 500);
  EXPECT_EQ(failed.error, "") << failed.error_detail;
  EXPECT_TRUE(failed.body_skipped);
  EXPECT_EQ(failed.content_type, "text/html");
  EXPECT_LT(failed.bytes, big_error.size() / 10);
}

TEST_F(FetchPolicyTest, AnErrorBodyWithoutLengthIsDroppedAfterItsFirstBytes) {
  RawHttpServer server("HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n" +
                           std::string(1024 * 1024, 'e'),
                       RawHttpServer::Ending::kClose);
  ASSERT_NE(server.port(), 0);
  HttpRequest request = Request(server.url());
  request.html_only = true;
  HttpResponse r = Fetch(request, Options());
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.error, "") << r.error_detail;
  EXPECT_TRUE(r.body_skipped);
  EXPECT_GE(r.bytes, 64u * 1024);
  EXPECT_LT(r.bytes, 512u * 1024);
}

TEST_F(FetchPolicyTest, RedirectsAreFollowedOnlyWhenAsked) {
  auto server = StartServer([](const HttpRequestView& request) {
    const int hop = std::atoi(request.target.c_str() + 1);
    // Each hop has a body of its own; only the last response's is reported.
    if (hop < 8) return Reply(301, "moved", {.headers = {{"Location", "/" + std::to_string(hop + 1)}}});
    return Reply(200, "User-agent: *\nDisallow: /\n", {.headers = {{"Content-Type", "text/plain"}}});
  });
  ASSERT_TRUE(server);
  HttpResponse plain = Fetch(Request(server->base_url() + "/5"), Options());
  EXPECT_EQ(plain.status, 301);
  EXPECT_EQ(plain.redirect_url, server->base_url() + "/6");
  HttpRequest three = Request(server->base_url() + "/5");
  three.follow_redirects = 5;
  HttpResponse followed = Fetch(three, Options());
  EXPECT_EQ(followed.status, 200);
  EXPECT_EQ(followed.body, "User-agent: *\nDisallow: /\n");
  HttpRequest six = Request(server->base_url() + "/2");
  six.follow_redirects = 5;
  EXPECT_EQ(Fetch(six, Options()).error, "too many redirects");
  // A pooled handle does not keep following for the next request.
  HttpClient client(io_, Options());
  std::vector<HttpResponse> responses;
  client.Fetch(std::move(three), [&](HttpResponse&& r) { responses.push_back(std::move(r)); });
  ASSERT_TRUE(RunUntil(io_, [&] { return responses.size() == 1; }));
  client.Fetch(Request(server->base_url() + "/5"),
               [&](HttpResponse&& r) { responses.push_back(std::move(r)); });
  ASSERT_TRUE(RunUntil(io_, [&] { return responses.size() == 2; }));
  EXPECT_EQ(responses[1].status, 301);
}

TEST_F(FetchPolicyTest, ABodyCutSilentlyIsKeptWithoutError) {
  const std::string big(600 * 1024, 'a');
  auto server = StartServer([&](const HttpRequestView&) { return Reply(200, big); });
  ASSERT_TRUE(server);
  HttpRequest request = Request(server->base_url() + "/robots.txt");
  request.max_body_bytes = 500 * 1024;
  request.cut_silently = true;
  HttpResponse r = Fetch(request, Options());
  EXPECT_EQ(r.error, "");
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(r.body.size(), 500u * 1024);
}

TEST_F(FetchPolicyTest, RetryAfterInBothForms) {
  auto server = StartServer([](const HttpRequestView& request) {
    if (request.target == "/seconds") return Reply(429, "", {.headers = {{"Retry-After", "7"}}});
    if (request.target == "/zero") return Reply(503, "", {.headers = {{"Retry-After", "0"}}});
    if (request.target == "/garbage") return Reply(503, "", {.headers = {{"Retry-After", "soon"}}});
    if (request.target == "/date") {
      char date[64];
      const std::time_t later = std::time(nullptr) + 3600;
      std::tm tm{};
      gmtime_r(&later, &tm);
      std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
      return Reply(503, "", {.headers = {{"Retry-After", date}}});
    }
    return Reply(503, "");
  });
  ASSERT_TRUE(server);
  EXPECT_EQ(Fetch(Request(server->base_url() + "/seconds"), Options()).retry_after_s, 7);
  EXPECT_EQ(Fetch(Request(server->base_url() + "/zero"), Options()).retry_after_s, 0);
  const double date = Fetch(Request(server->base_url() + "/date"), Options()).retry_after_s;
  EXPECT_GT(date, 3000);
  EXPECT_LE(date, 3600);
  EXPECT_EQ(Fetch(Request(server->base_url() + "/none"), Options()).retry_after_s, -1);
  EXPECT_EQ(Fetch(Request(server->base_url() + "/garbage"), Options()).retry_after_s, -1);
}

TEST_F(FetchPolicyTest, ThePrimaryIpIsReported) {
  auto server = StartServer([](const HttpRequestView&) { return Reply(200, "ok"); });
  ASSERT_TRUE(server);
  EXPECT_EQ(Fetch(Request(server->base_url() + "/"), Options()).primary_ip, "127.0.0.1");
}

}  // namespace
}  // namespace arachne

namespace arachne {
namespace {

// Over TLS the client negotiates HTTP/2 by ALPN and multiplexes concurrent transfers to one host over a
// single connection (CURLOPT_PIPEWAIT), against a real server: nginx.
TEST(HttpClientTls, Http2MultiplexesOverOneConnection) {
  test::TempDir site, work;
  for (int i = 0; i < 20; ++i)
    site.Write("p" + std::to_string(i) + ".html", "<title>" + std::to_string(i) + "</title>");
  auto nginx = test::NginxServer::Start(site.path(), work.path(), /*tls=*/true);
  ASSERT_TRUE(nginx) << test::ReadFile(work.path() + "/error.log");
  const std::string base = "https://127.0.0.1:" + std::to_string(nginx->port());

  boost::asio::io_context io;
  HttpClientOptions options;
  options.allow_private = true;
  options.ca_file = work.path() + "/cert.pem";
  HttpClient client(io, options);
  std::vector<HttpResponse> responses;
  for (int i = 0; i < 20; ++i) {
    client.Fetch({static_cast<std::uint64_t>(i), base + "/p" + std::to_string(i) + ".html"},
                 [&](HttpResponse&& r) { responses.push_back(std::move(r)); });
  }
  ASSERT_TRUE(RunUntil(io, [&] { return responses.size() == 20; }));
  for (const HttpResponse& r : responses) {
    EXPECT_EQ(r.error, "") << r.url << ": " << r.error_detail;
    EXPECT_EQ(r.status, 200) << r.url;
    EXPECT_EQ(r.http_version, 2) << r.url;
    EXPECT_EQ(r.body, "<title>" + std::to_string(r.id) + "</title>");
  }
  nginx.reset();  // flushes and closes the log
  std::ifstream log(work.path() + "/access.log");
  std::set<std::string> connections;
  int requests = 0;
  for (std::string connection, protocol, status, uri; log >> connection >> protocol >> status >> uri;
       ++requests) {
    EXPECT_EQ(protocol, "HTTP/2.0");
    connections.insert(connection);
  }
  EXPECT_EQ(requests, 20);
  EXPECT_EQ(connections.size(), 1u) << "20 transfers to one host should share one HTTP/2 connection";
}

TEST(HttpClientTls, AnUntrustedCertificateIsATlsError) {
  test::TempDir site, work;
  site.Write("index.html", "hello");
  auto nginx = test::NginxServer::Start(site.path(), work.path(), /*tls=*/true);
  ASSERT_TRUE(nginx) << test::ReadFile(work.path() + "/error.log");
  boost::asio::io_context io;
  HttpClientOptions options;
  options.allow_private = true;
  HttpClient client(io, options);  // the system's CAs do not know this self-signed certificate
  std::optional<HttpResponse> response;
  client.Fetch({1, "https://127.0.0.1:" + std::to_string(nginx->port()) + "/index.html"},
               [&](HttpResponse&& r) { response = std::move(r); });
  ASSERT_TRUE(RunUntil(io, [&] { return response.has_value(); }));
  EXPECT_EQ(response->status, 0);
  EXPECT_EQ(response->error, "tls") << response->error_detail;
}

TEST(HttpClientTls, CleartextStaysHttp1) {
  test::TempDir site, work;
  site.Write("index.html", "hello");
  auto nginx = test::NginxServer::Start(site.path(), work.path(), /*tls=*/false);
  ASSERT_TRUE(nginx) << test::ReadFile(work.path() + "/error.log");
  boost::asio::io_context io;
  HttpClientOptions options;
  options.allow_private = true;
  HttpClient client(io, options);
  std::optional<HttpResponse> response;
  client.Fetch({1, "http://127.0.0.1:" + std::to_string(nginx->port()) + "/index.html"},
               [&](HttpResponse&& r) { response = std::move(r); });
  ASSERT_TRUE(RunUntil(io, [&] { return response.has_value(); }));
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->http_version, 1);
  EXPECT_EQ(response->body, "hello");
}

}  // namespace
}  // namespace arachne
