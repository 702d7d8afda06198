// Each fault endpoint does what fault_endpoints.h says, seen from a raw client on 127.0.0.1; every read
// is bounded in bytes and time.
#include "testsite/fault_endpoints.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>

#include "support/raw_test_client.h"
#include "testsite/gzip_bomb.h"
#include "testsite/http_test_client.h"

namespace arachne::testsite {
namespace {

namespace http = boost::beast::http;
using std::chrono::milliseconds;
using test::RawTestClient;
using End = RawTestClient::End;

// Generous: only a broken endpoint makes a read wait this long.
constexpr milliseconds kDeadline(10000);

class FaultEndpointsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = HttpServer::Start([](const HttpRequestView& request) {
      std::optional<HttpReply> reply = FaultReply(request.target);
      return reply ? std::move(*reply) : HttpReply{.status = 404, .headers = {}, .body = "not a fault"};
    });
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
  }

  // A GET of `target` on a fresh connection, then a read of at most `max_bytes` within `deadline`.
  RawTestClient::Reply Get(std::string_view target, std::size_t max_bytes, milliseconds deadline = kDeadline,
                           std::string_view headers = "") {
    RawTestClient client(server_->port());
    if (!client.Send(target, headers)) return {};
    return client.Read(max_bytes, deadline);
  }

  std::unique_ptr<HttpServer> server_;
};

int Count(std::string_view text, std::string_view what) {
  int n = 0;
  for (std::size_t at = text.find(what); at != std::string_view::npos;
       at = text.find(what, at + what.size())) {
    ++n;
  }
  return n;
}

TEST_F(FaultEndpointsTest, EndlessBodyGoesOnAsLongAsTheClientReads) {
  constexpr std::size_t kRead = 8u << 20;
  RawTestClient::Reply reply = Get(kEndlessBodyPath, kRead);
  EXPECT_EQ(reply.end, End::kOpen);
  ASSERT_EQ(reply.bytes.size(), kRead);
  std::string_view head = RawTestClient::Head(reply.bytes);
  EXPECT_TRUE(head.starts_with("HTTP/1.1 200 OK\r\n")) << head;
  EXPECT_NE(head.find("Content-Type: text/html"), std::string_view::npos);
  EXPECT_EQ(head.find("Content-Length"), std::string_view::npos);
  EXPECT_EQ(head.find("Transfer-Encoding"), std::string_view::npos);
  EXPECT_TRUE(RawTestClient::Body(reply.bytes).starts_with("<!doctype html><title>Endless body</title>"));
}

TEST_F(FaultEndpointsTest, GzipBombInflatesAThousandTimesItsSize) {
  constexpr std::size_t kRead = 256 * 1024;  // on the wire
  RawTestClient::Reply reply = Get(kGzipBombPath, kRead, kDeadline, "Accept-Encoding: identity\r\n");
  EXPECT_EQ(reply.end, End::kOpen);
  std::string_view head = RawTestClient::Head(reply.bytes);
  EXPECT_NE(head.find("Content-Encoding: gzip\r\n"), std::string_view::npos) << head;
  EXPECT_EQ(head.find("Content-Length"), std::string_view::npos);
  std::string_view body = RawTestClient::Body(reply.bytes);

  // Inflated a buffer at a time, never all at once.
  auto end = [](z_stream* z) {
    inflateEnd(z);
    delete z;
  };
  std::unique_ptr<z_stream, decltype(end)> z(new z_stream{}, end);
  ASSERT_EQ(inflateInit2(z.get(), 15 + 16), Z_OK);
  z->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  z->avail_in = static_cast<uInt>(body.size());
  std::string out(1 << 20, '\0');
  std::uint64_t inflated = 0;
  std::string start;
  bool only_spaces_after_the_head = true;
  while (z->avail_in > 0) {
    z->next_out = reinterpret_cast<Bytef*>(out.data());
    z->avail_out = static_cast<uInt>(out.size());
    const int result = inflate(z.get(), Z_NO_FLUSH);
    ASSERT_TRUE(result == Z_OK || result == Z_BUF_ERROR) << result;
    const std::size_t n = out.size() - z->avail_out;
    std::string_view piece(out.data(), n);
    if (start.size() < GzipBomb::kHead.size()) {
      const std::size_t take = std::min(n, GzipBomb::kHead.size() - start.size());
      start.append(piece.substr(0, take));
      piece.remove_prefix(take);
    }
    if (piece.find_first_not_of(' ') != std::string_view::npos) only_spaces_after_the_head = false;
    inflated += n;
    if (result == Z_BUF_ERROR) break;
  }
  EXPECT_EQ(start, GzipBomb::kHead);
  EXPECT_TRUE(only_spaces_after_the_head);
  EXPECT_GT(inflated, 1000 * body.size());
}

TEST_F(FaultEndpointsTest, EndlessHeadersNeverEnd) {
  constexpr std::size_t kRead = 2u << 20;
  RawTestClient::Reply reply = Get(kEndlessHeadersPath, kRead);
  EXPECT_EQ(reply.end, End::kOpen);
  ASSERT_EQ(reply.bytes.size(), kRead);
  EXPECT_TRUE(reply.bytes.starts_with("HTTP/1.1 200 OK\r\n"));
  EXPECT_EQ(reply.bytes.find("\r\n\r\n"), std::string::npos);
  EXPECT_GT(Count(reply.bytes, "\r\nX-Filler-"), 20000);
}

TEST_F(FaultEndpointsTest, NoAnswerSendsNothingAndKeepsTheConnectionOpen) {
  RawTestClient client(server_->port());
  ASSERT_TRUE(client.Send(kNoAnswerPath));
  // The request is read ...
  for (int i = 0; i < 1000 && server_->requests() == 0; ++i) std::this_thread::sleep_for(milliseconds(10));
  EXPECT_EQ(server_->requests(), 1u);
  // ... and nothing comes back.
  RawTestClient::Reply reply = client.Read(1, milliseconds(500));
  EXPECT_EQ(reply.end, End::kOpen);
  EXPECT_EQ(reply.bytes, "");
}

TEST_F(FaultEndpointsTest, SlowDripSendsItsBodyAByteASecond) {
  // The head and the first byte come at once, then a byte a second: in 2.5 s, at most three body bytes
  // (a timer never fires early, so no machine sends them faster).
  RawTestClient::Reply reply = Get(kSlowDripPath, 4096, milliseconds(2500));
  EXPECT_EQ(reply.end, End::kOpen);
  std::string_view head = RawTestClient::Head(reply.bytes);
  ASSERT_FALSE(head.empty()) << reply.bytes;
  EXPECT_TRUE(head.starts_with("HTTP/1.1 200 OK\r\n"));
  EXPECT_NE(head.find("Content-Length: "), std::string_view::npos);
  std::string_view body = RawTestClient::Body(reply.bytes);
  EXPECT_GE(body.size(), 1u);
  EXPECT_LE(body.size(), 3u);
  EXPECT_TRUE(std::string_view("<!doctype html>").starts_with(body)) << body;
}

TEST_F(FaultEndpointsTest, ResetMidBodySendsHalfTheBodyThenResets) {
  RawTestClient::Reply reply = Get(kResetMidBodyPath, 1 << 20);
  EXPECT_EQ(reply.end, End::kReset);
  std::string_view head = RawTestClient::Head(reply.bytes);
  // The reset may overtake bytes still unread, so only an upper bound on what arrived is certain.
  if (!head.empty()) {
    EXPECT_NE(head.find("Content-Length: 100000\r\n"), std::string_view::npos) << head;
    EXPECT_LE(RawTestClient::Body(reply.bytes).size(), kResetContentLength / 2);
  }
}

TEST_F(FaultEndpointsTest, BadChunkBreaksChunkedEncodingAfterOneGoodChunk) {
  RawTestClient::Reply reply = Get(kBadChunkPath, 1 << 20);
  EXPECT_EQ(reply.end, End::kClosed);
  http::response_parser<http::string_body> parser;
  parser.eager(true);
  boost::beast::error_code ec;
  std::size_t at = 0;
  for (int i = 0; i < 1000 && !ec && at < reply.bytes.size(); ++i) {
    at += parser.put(boost::asio::buffer(reply.bytes.data() + at, reply.bytes.size() - at), ec);
  }
  EXPECT_EQ(ec, http::error::bad_chunk) << ec.message();
  EXPECT_EQ(parser.get().result_int(), 200);
  EXPECT_TRUE(parser.get().chunked());
  EXPECT_EQ(parser.get().body(), "<!doctype html><title>Bad chunk</title>\n");
}

TEST_F(FaultEndpointsTest, RedirectsChainTenThousandHops) {
  HttpTestClient client(server_->port());
  auto first = client.Send(std::string(kRedirectPrefix) + "0");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->result_int(), 302);
  EXPECT_EQ((*first)[http::field::location], "/fault/redirect/1");
  for (int hop : {1, 5000, kRedirectHops - 1}) {
    std::optional<HttpReply> reply = FaultReply(std::string(kRedirectPrefix) + std::to_string(hop));
    ASSERT_TRUE(reply) << hop;
    EXPECT_EQ(reply->status, 302);
    ASSERT_EQ(reply->headers.size(), 1u);
    EXPECT_EQ(reply->headers[0].second, std::string(kRedirectPrefix) + std::to_string(hop + 1));
  }
  auto last = client.Send(std::string(kRedirectPrefix) + std::to_string(kRedirectHops));
  ASSERT_TRUE(last);
  EXPECT_EQ(last->result_int(), 200);
  EXPECT_NE(last->body().find("<title>The end of the redirect chain</title>"), std::string::npos);
  for (std::string hop : {"10001", "-1", "01", "x", ""}) {
    EXPECT_FALSE(FaultReply(std::string(kRedirectPrefix) + hop)) << hop;
  }
}

TEST_F(FaultEndpointsTest, ManyLinksHasAMillionDistinctLinks) {
  HttpTestClient client(server_->port());
  auto reply = client.Send(std::string(kManyLinksPath));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->result_int(), 200);
  EXPECT_EQ((*reply)[http::field::content_type], "text/html; charset=utf-8");
  const std::string& body = reply->body();
  std::unordered_set<std::string_view> hrefs;
  constexpr std::string_view kHref = "<a href=";
  for (std::size_t at = body.find(kHref); at != std::string::npos; at = body.find(kHref, at)) {
    at += kHref.size();
    hrefs.insert(std::string_view(body).substr(at, body.find('>', at) - at));
  }
  EXPECT_EQ(hrefs.size(), static_cast<std::size_t>(kManyLinks));
  EXPECT_TRUE(hrefs.contains("0"));
  EXPECT_TRUE(hrefs.contains("999999"));
  // The targets are not pages.
  EXPECT_FALSE(FaultReply(std::string(kManyLinksPath) + "12345"));
}

TEST_F(FaultEndpointsTest, LongBaseMakesShortLinksLong) {
  std::optional<HttpReply> reply = FaultReply(kLongBasePath);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  const std::string& body = reply->body;
  constexpr std::string_view kBase = "<base href=\"";
  const std::size_t base = body.find(kBase);
  ASSERT_NE(base, std::string::npos);
  const std::string href =
      body.substr(base + kBase.size(), body.find('"', base + kBase.size()) - base - kBase.size());
  EXPECT_EQ(href.size(), kLongBaseBytes);
  EXPECT_TRUE(href.starts_with(std::string(kLongBasePath) + "/"));
  EXPECT_EQ(Count(body, "<a href="), kLongBaseLinks);
  EXPECT_NE(body.find("<a href=199999>"), std::string::npos);
  EXPECT_LT(body.size(), std::size_t{kLongBaseLinks} * 16);
  EXPECT_FALSE(FaultReply(href + "5"));
}

TEST_F(FaultEndpointsTest, DeepNestsAHundredThousandElementsWithALinkInsideAndOneAfter) {
  HttpTestClient client(server_->port());
  auto reply = client.Send(std::string(kDeepPath));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->result_int(), 200);
  const std::string& body = reply->body();
  EXPECT_LT(body.size(), 1u << 20);  // fits a crawl's 1 MiB cap
  EXPECT_EQ(Count(body, "<q>"), kDeepNesting);
  EXPECT_EQ(Count(body, "</q>"), kDeepNesting);
  const std::size_t inside = body.find("<a href=/fault/deep/inside>");
  const std::size_t after = body.find("<a href=/fault/deep/after>");
  ASSERT_NE(inside, std::string::npos);
  ASSERT_NE(after, std::string::npos);
  EXPECT_EQ(body.rfind("<q>"), inside - 3);  // innermost: right after the last opening
  EXPECT_GT(body.find("</q>"), inside);      // and before the first closing
  EXPECT_EQ(body.rfind("</q>") + 4, after);  // after the last closing
  for (std::string_view target : {kDeepInsidePath, kDeepAfterPath}) {
    std::optional<HttpReply> page = FaultReply(target);
    ASSERT_TRUE(page) << target;
    EXPECT_EQ(page->status, 200);
  }
}

TEST_F(FaultEndpointsTest, EveryFaultPathIsServedAndOthersAreNot) {
  for (const std::string& path : FaultPaths()) EXPECT_TRUE(FaultReply(path)) << path;
  EXPECT_EQ(FaultPaths().size(), 11u);
  EXPECT_TRUE(FaultReply(std::string(kDeepPath) + "?query=ignored"));
  for (std::string_view other : {"/", "/fault/", "/fault/nope", "/index.html", "/fault/deep/"}) {
    EXPECT_FALSE(FaultReply(other)) << other;
  }
}

TEST_F(FaultEndpointsTest, StopEndsEndlessAndSilentConnections) {
  RawTestClient endless(server_->port());
  RawTestClient silent(server_->port());
  ASSERT_TRUE(endless.Send(kEndlessBodyPath));
  ASSERT_TRUE(silent.Send(kNoAnswerPath));
  EXPECT_EQ(endless.Read(1 << 20, kDeadline).end, End::kOpen);
  server_->Stop();  // returns: no connection holds a server thread
  EXPECT_NE(silent.Read(1, kDeadline).end, End::kOpen);
  RawTestClient::Reply rest = endless.Read(std::size_t{1} << 30, kDeadline);
  EXPECT_NE(rest.end, End::kOpen);
}

}  // namespace
}  // namespace arachne::testsite
