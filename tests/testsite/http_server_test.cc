#include "testsite/http_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include "testsite/gzip.h"
#include "testsite/http_test_client.h"

namespace arachne::testsite {
namespace {

namespace http = boost::beast::http;
using Client = HttpTestClient;

HttpReply Echo(const HttpRequestView& req) {
  HttpReply reply;
  if (req.target == "/missing") {
    reply.status = 404;
    reply.body = "not found";
    return reply;
  }
  if (req.target == "/abort") {
    reply.abort = true;
    return reply;
  }
  if (req.target == "/throw") throw std::runtime_error("boom");
  if (req.target.starts_with("/delay?ms=")) reply.delay_ms = std::stoi(req.target.substr(10));
  if (req.target == "/close") reply.headers.emplace_back("Connection", "close");
  reply.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
  reply.headers.emplace_back("X-Method", req.method);
  auto ua = req.headers.find("user-agent");
  reply.headers.emplace_back("X-Saw-UA", ua == req.headers.end() ? "" : ua->second);
  reply.body = "<p>" + req.target + "</p>" + std::string(2000, 'z');
  reply.gzip_if_accepted = req.target.starts_with("/gz");
  return reply;
}

TEST(HttpServerTest, ServesStatusHeadersAndBody) {
  auto server = HttpServer::Start(Echo);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  EXPECT_NE((*server)->port(), 0);
  EXPECT_EQ((*server)->base_url(), "http://127.0.0.1:" + std::to_string((*server)->port()));
  Client client((*server)->port());
  auto ok = client.Send("/a/b?c=d");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->result_int(), 200);
  EXPECT_EQ(ok->body(), "<p>/a/b?c=d</p>" + std::string(2000, 'z'));
  EXPECT_EQ((*ok)[http::field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ((*ok)["X-Method"], "GET");
  EXPECT_EQ((*ok)[http::field::content_length], std::to_string(ok->body().size()));
  auto missing = client.Send("/missing");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->result_int(), 404);
  EXPECT_EQ(missing->body(), "not found");
  EXPECT_EQ((*missing)[http::field::content_type], "text/plain; charset=utf-8");
}

TEST(HttpServerTest, KeepAliveReusesOneConnection) {
  auto server = HttpServer::Start(Echo);
  ASSERT_TRUE(server.ok());
  {
    Client client((*server)->port());
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(client.Send("/page" + std::to_string(i)));
  }
  EXPECT_EQ((*server)->requests(), 5u);
  EXPECT_EQ((*server)->connections(), 1u);
  {
    Client other((*server)->port());
    ASSERT_TRUE(other.Send("/x"));
  }
  EXPECT_EQ((*server)->requests(), 6u);
  EXPECT_EQ((*server)->connections(), 2u);
}

TEST(HttpServerTest, ConnectionCloseEndsTheConnection) {
  auto server = HttpServer::Start(Echo);
  ASSERT_TRUE(server.ok());
  Client client((*server)->port());
  auto closing = client.Send("/close");
  ASSERT_TRUE(closing);
  EXPECT_FALSE(closing->keep_alive());
  EXPECT_FALSE(client.Send("/after"));  // the server closed its end
  Client client2((*server)->port());
  auto asked = client2.Send("/x", "", http::verb::get, /*keep_alive=*/false);
  ASSERT_TRUE(asked);
  EXPECT_FALSE(asked->keep_alive());
}

TEST(HttpServerTest, GzipOnlyWhenAcceptedAndAsked) {
  auto server = HttpServer::Start(Echo);
  ASSERT_TRUE(server.ok());
  Client client((*server)->port());
  std::string expected = "<p>/gz</p>" + std::string(2000, 'z');

  auto gz = client.Send("/gz", "gzip, deflate");
  ASSERT_TRUE(gz);
  EXPECT_EQ((*gz)[http::field::content_encoding], "gzip");
  EXPECT_EQ((*gz)[http::field::vary], "Accept-Encoding");
  EXPECT_LT(gz->body().size(), expected.size());
  Result<std::string> body = GzipDecompress(gz->body());
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(*body, expected);

  auto plain = client.Send("/gz");  // no Accept-Encoding
  ASSERT_TRUE(plain);
  EXPECT_EQ((*plain)[http::field::content_encoding], "");
  EXPECT_EQ(plain->body(), expected);

  auto refused = client.Send("/gz", "gzip;q=0");
  ASSERT_TRUE(refused);
  EXPECT_EQ((*refused)[http::field::content_encoding], "");

  auto not_asked = client.Send("/plain", "gzip");  // the reply did not ask for gzip
  ASSERT_TRUE(not_asked);
  EXPECT_EQ((*not_asked)[http::field::content_encoding], "");
}

TEST(HttpServerTest, DelayedReplyArrives) {
  auto server = HttpServer::Start(Echo);
  ASSERT_TRUE(server.ok());
  Client client((*server)->port());
  auto reply = client.Send("/delay?ms=50");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->result_int(), 200);
  EXPECT_EQ(reply->body().substr(0, 18), "<p>/delay?ms=50</p");
}

TEST(HttpServerTest, DelayedReplyDoesNotBlockTheThread) {
  // One server thread and a reply held back far longer than the test runs: if the delay blocked the
  // thread, the second connection could not be served until it ended.
  auto server = HttpServer::Start(Echo, 0, "127.0.0.1", 1);
  ASSERT_TRUE(server.ok());
  std::atomic<bool> slow_replied{false};
  std::thread slow([&] {
    Client client((*server)->port());
    slow_replied = client.Send("/delay?ms=60000").has_value();
  });
  // Wait (bounded) until the slow request has reached the server, then ask for a fast one.
  for (int i = 0; i < 5000 && (*server)->requests() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  // EXPECT, not ASSERT, from here on: the slow thread must be joined whatever happens.
  EXPECT_EQ((*server)->requests(), 1u);
  Client fast((*server)->port());
  auto reply = fast.Send("/fast");
  EXPECT_TRUE(reply && reply->result_int() == 200);
  EXPECT_FALSE(slow_replied);
  (*server)->Stop();  // closes the slow connection, so the slow client returns now
  slow.join();
  EXPECT_FALSE(slow_replied);
}

TEST(HttpServerTest, HeadGetsHeadersOnly) {
  auto server = HttpServer::Start(Echo);
  ASSERT_TRUE(server.ok());
  Client client((*server)->port());
  auto head = client.Send("/h", "", http::verb::head);
  ASSERT_TRUE(head);
  EXPECT_EQ((*head)["X-Method"], "HEAD");
  EXPECT_EQ((*head)[http::field::content_length], std::to_string(std::string("<p>/h</p>").size() + 2000));
  EXPECT_TRUE(head->body().empty());
  auto get = client.Send("/h");  // the connection is still in step after HEAD
  ASSERT_TRUE(get);
  EXPECT_EQ(get->body().size(), std::string("<p>/h</p>").size() + 2000);
}

TEST(HttpServerTest, HandlerExceptionBecomes500AndAbortCloses) {
  auto server = HttpServer::Start(Echo);
  ASSERT_TRUE(server.ok());
  Client client((*server)->port());
  auto thrown = client.Send("/throw");
  ASSERT_TRUE(thrown);
  EXPECT_EQ(thrown->result_int(), 500);
  EXPECT_NE(thrown->body().find("boom"), std::string::npos);
  EXPECT_FALSE(client.Send("/abort"));
  Client again((*server)->port());
  EXPECT_TRUE(again.Send("/fine"));
}

TEST(HttpServerTest, RefusesNonLoopbackAndBadArguments) {
  EXPECT_EQ(HttpServer::Start(Echo, 0, "0.0.0.0").status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(HttpServer::Start(Echo, 0, "192.0.2.1").status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(HttpServer::Start(Echo, 0, "localhost-ish").status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(HttpServer::Start(Echo, 0, "127.0.0.1", 0).status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(HttpServer::Start(nullptr).status().code(), Status::Code::kInvalidArgument);
}

TEST(HttpServerTest, PortInUseIsAnError) {
  auto first = HttpServer::Start(Echo);
  ASSERT_TRUE(first.ok());
  auto second = HttpServer::Start(Echo, (*first)->port());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Status::Code::kIoError);
  EXPECT_NE(second.status().message().find(std::to_string((*first)->port())), std::string::npos);
}

TEST(HttpServerTest, StopClosesOpenConnections) {
  auto server = HttpServer::Start(Echo);
  ASSERT_TRUE(server.ok());
  Client client((*server)->port());
  ASSERT_TRUE(client.Send("/one"));
  (*server)->Stop();
  (*server)->Stop();  // idempotent
  EXPECT_FALSE(client.Send("/two"));
}

}  // namespace
}  // namespace arachne::testsite
