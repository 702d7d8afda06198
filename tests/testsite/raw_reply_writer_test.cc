// Raw replies (raw_reply.h) through the test server: written as given, then ended as asked.
#include "testsite/raw_reply_writer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/raw_test_client.h"
#include "testsite/http_server.h"
#include "testsite/http_test_client.h"

namespace arachne::testsite {
namespace {

using std::chrono::milliseconds;
using test::RawTestClient;
using End = RawTestClient::End;

constexpr milliseconds kDeadline(10000);

RawReply Pieces(std::vector<std::string> pieces, RawReply::Ending ending, int pause_ms = 0) {
  auto list = std::make_shared<std::vector<std::string>>(std::move(pieces));
  RawReply raw;
  raw.next = [list, i = std::size_t{0}]() mutable -> std::optional<std::string> {
    if (i == list->size()) return std::nullopt;
    return (*list)[i++];
  };
  raw.ending = ending;
  raw.pause_ms = pause_ms;
  return raw;
}

HttpReply Handle(const HttpRequestView& request) {
  using Ending = RawReply::Ending;
  HttpReply reply;
  if (request.target == "/pieces") {
    reply.raw =
        Pieces({"HTTP/1.1 200 OK\r\nContent-Length: 6\r\n", "\r\n", "ab", "", "cdef"}, Ending::kClose, 5);
  } else if (request.target == "/reset") {
    reply.raw = Pieces({"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"}, Ending::kReset);
  } else if (request.target == "/hang") {
    reply.raw = Pieces({"HTTP/1.1 200 OK\r\n"}, Ending::kHang);
  } else if (request.target == "/throw") {
    reply.raw = RawReply{};
    reply.raw->next = []() -> std::optional<std::string> { throw std::runtime_error("endpoint bug"); };
    reply.raw->ending = Ending::kHang;
  } else {
    reply.body = "normal";
  }
  return reply;
}

class RawReplyWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = HttpServer::Start(Handle);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
  }
  RawTestClient::Reply Get(const std::string& target, std::size_t max_bytes = 1 << 20,
                           milliseconds deadline = kDeadline) {
    RawTestClient client(server_->port());
    if (!client.Send(target)) return {};
    return client.Read(max_bytes, deadline);
  }
  std::unique_ptr<HttpServer> server_;
};

TEST_F(RawReplyWriterTest, PiecesAreWrittenInOrderThenTheConnectionCloses) {
  RawTestClient::Reply reply = Get("/pieces");
  EXPECT_EQ(reply.end, End::kClosed);
  EXPECT_EQ(reply.bytes, "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nabcdef");
  // An HTTP client reads it as an ordinary response; the connection serves nothing more.
  HttpTestClient client(server_->port());
  auto parsed = client.Send("/pieces");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->body(), "abcdef");
  EXPECT_FALSE(client.Send("/other"));
}

TEST_F(RawReplyWriterTest, ResetEndsWithConnectionReset) {
  RawTestClient::Reply reply = Get("/reset");
  EXPECT_EQ(reply.end, End::kReset);
  EXPECT_TRUE(std::string("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc").starts_with(reply.bytes));
}

TEST_F(RawReplyWriterTest, HangKeepsTheConnectionOpenAndSilent) {
  RawTestClient client(server_->port());
  ASSERT_TRUE(client.Send("/hang"));
  const std::string line = "HTTP/1.1 200 OK\r\n";
  RawTestClient::Reply reply = client.Read(line.size(), kDeadline);
  EXPECT_EQ(reply.end, End::kOpen);
  EXPECT_EQ(reply.bytes, line);
  RawTestClient::Reply more = client.Read(1, milliseconds(300));
  EXPECT_EQ(more.end, End::kOpen);
  EXPECT_EQ(more.bytes, "");
}

TEST_F(RawReplyWriterTest, AnEndpointThatThrowsLosesItsConnectionNotTheServer) {
  RawTestClient::Reply reply = Get("/throw");
  EXPECT_NE(reply.end, End::kOpen);
  EXPECT_EQ(reply.bytes, "");
  HttpTestClient client(server_->port());
  auto normal = client.Send("/normal");
  ASSERT_TRUE(normal);
  EXPECT_EQ(normal->body(), "normal");
}

}  // namespace
}  // namespace arachne::testsite
