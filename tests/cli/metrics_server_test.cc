#include "cli/metrics_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <thread>

#include "support/raw_test_client.h"
#include "support/value_or_fail.h"

namespace arachne {
namespace {

using test::RawTestClient;
using test::ValueOrFail;
using End = RawTestClient::End;

// How long a client waits for the server before it gives up. A guard so that a broken server fails the
// test rather than hanging it; no assertion depends on it.
constexpr std::chrono::seconds kGuard(30);

// An HTTP/1.1 answer split into its parts; field names in lower case.
struct Answer {
  std::string status_line;
  std::map<std::string, std::string> fields;
  std::string body;
  bool complete = false;  // the head ended with a blank line

  // The value of a field, "" when there is none.
  std::string Field(const std::string& name) const {
    auto it = fields.find(name);
    return it == fields.end() ? "" : it->second;
  }
};

Answer Parse(const std::string& bytes) {
  Answer answer;
  const std::size_t head_end = bytes.find("\r\n\r\n");
  if (head_end == std::string::npos) return answer;
  answer.complete = true;
  answer.body = bytes.substr(head_end + 4);
  std::size_t start = 0;
  while (start < head_end) {
    std::size_t end = bytes.find("\r\n", start);
    const std::string line = bytes.substr(start, end - start);
    start = end + 2;
    if (answer.status_line.empty()) {
      answer.status_line = line;
      continue;
    }
    const std::size_t colon = line.find(':');
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::size_t value = line.find_first_not_of(' ', colon + 1);
    answer.fields[name] = value == std::string::npos ? "" : line.substr(value);
  }
  return answer;
}

Answer Exchange(std::uint16_t port, std::string_view request) {
  RawTestClient client(port);
  EXPECT_TRUE(client.connected());
  EXPECT_TRUE(client.SendBytes(request));
  return Parse(client.ReadAll(kGuard).bytes);
}

Answer GetMetrics(std::uint16_t port) {
  return Exchange(port, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
}

std::unique_ptr<MetricsServer> StartServer() {
  std::unique_ptr<MetricsServer> server = ValueOrFail(MetricsServer::Start("127.0.0.1:0"));
  if (server != nullptr) {
    EXPECT_NE(server->port(), 0);
  }
  return server;
}

TEST(MetricsServer, ServesThePublishedText) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  server->Publish("# TYPE a gauge\na 1\n");
  const Answer answer = GetMetrics(server->port());
  EXPECT_EQ(answer.status_line, "HTTP/1.1 200 OK");
  EXPECT_EQ(answer.Field("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(answer.Field("content-length"), "19");
  EXPECT_EQ(answer.Field("connection"), "close");
  EXPECT_EQ(answer.body, "# TYPE a gauge\na 1\n");
}

TEST(MetricsServer, ServesAnEmptyBodyBeforeTheFirstPublish) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  const Answer answer = GetMetrics(server->port());
  EXPECT_EQ(answer.status_line, "HTTP/1.1 200 OK");
  EXPECT_EQ(answer.Field("content-length"), "0");
  EXPECT_TRUE(answer.complete);
  EXPECT_EQ(answer.body, "");
}

TEST(MetricsServer, ServesTheLatestText) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  server->Publish("a 1\n");
  EXPECT_EQ(GetMetrics(server->port()).body, "a 1\n");
  server->Publish("a 2\nb 3\n");
  const Answer answer = GetMetrics(server->port());
  EXPECT_EQ(answer.body, "a 2\nb 3\n");
  EXPECT_EQ(answer.Field("content-length"), "8");
}

TEST(MetricsServer, ServesALargeText) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  std::string text;
  for (int i = 0; i < 100'000; ++i) text += "arachne_x{n=\"" + std::to_string(i) + "\"} 1\n";
  server->Publish(text);
  EXPECT_EQ(GetMetrics(server->port()).body, text);
}

TEST(MetricsServer, AnswersHttp10AndTheAbsoluteFormAndIgnoresTheQuery) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  server->Publish("a 1\n");
  const std::uint16_t port = server->port();
  EXPECT_EQ(Exchange(port, "GET /metrics HTTP/1.0\r\n\r\n").body, "a 1\n");
  EXPECT_EQ(Exchange(port, "GET /metrics?name[]=a HTTP/1.1\r\nHost: x\r\n\r\n").body, "a 1\n");
  const std::string absolute = "GET http://127.0.0.1:" + std::to_string(port) + "/metrics HTTP/1.1\r\n\r\n";
  EXPECT_EQ(Exchange(port, absolute).body, "a 1\n");
}

TEST(MetricsServer, AnswersHeadWithTheFieldsAndNoBody) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  server->Publish("a 1\n");
  const Answer answer = Exchange(server->port(), "HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(answer.status_line, "HTTP/1.1 200 OK");
  EXPECT_EQ(answer.Field("content-length"), "4");
  EXPECT_TRUE(answer.complete);
  EXPECT_EQ(answer.body, "");
}

TEST(MetricsServer, Answers404ForOtherPaths) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  server->Publish("a 1\n");
  for (const char* target : {"/", "/metric", "/metrics/", "/metricsx", "/Metrics", "*"}) {
    const Answer answer = Exchange(server->port(), "GET " + std::string(target) + " HTTP/1.1\r\n\r\n");
    EXPECT_EQ(answer.status_line, "HTTP/1.1 404 Not Found") << target;
    EXPECT_EQ(answer.Field("connection"), "close") << target;
    EXPECT_EQ(answer.Field("content-length"), std::to_string(answer.body.size())) << target;
  }
}

TEST(MetricsServer, Answers405ForOtherMethods) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  for (const char* method : {"POST", "PUT", "DELETE", "OPTIONS", "BREW"}) {
    const Answer answer = Exchange(server->port(), std::string(method) + " /metrics HTTP/1.1\r\n\r\n");
    EXPECT_EQ(answer.status_line, "HTTP/1.1 405 Method Not Allowed") << method;
    EXPECT_EQ(answer.Field("allow"), "GET, HEAD") << method;
  }
}

TEST(MetricsServer, Answers400ForAMalformedRequest) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  for (const char* request : {"GARBAGE\r\n\r\n", "GET /metrics\r\n\r\n", "GET /metrics HTTP/x.y\r\n\r\n",
                              "GET /metrics HTTP/1.1\r\nno colon here\r\n\r\n"}) {
    const Answer answer = Exchange(server->port(), request);
    EXPECT_EQ(answer.status_line, "HTTP/1.1 400 Bad Request") << request;
  }
}

TEST(MetricsServer, ASlowClientDoesNotHoldUpAnother) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  server->Publish("a 1\n");
  RawTestClient slow(server->port());
  ASSERT_TRUE(slow.SendBytes("GET /met"));
  EXPECT_EQ(GetMetrics(server->port()).body, "a 1\n");
  ASSERT_TRUE(slow.SendBytes("rics HTTP/1.1\r\n\r\n"));
  EXPECT_EQ(Parse(slow.ReadAll(kGuard).bytes).body, "a 1\n");
}

TEST(MetricsServer, ClosesAConnectionThatSendsNothing) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  RawTestClient silent(server->port());
  ASSERT_TRUE(silent.connected());
  const RawTestClient::Reply reply = silent.ReadAll(kGuard);  // after the server's 5 s, well within the guard
  EXPECT_EQ(reply.bytes, "");
  EXPECT_EQ(reply.end, End::kClosed);
}

TEST(MetricsServer, DropsARequestHeadOver8KiB) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  server->Publish("a 1\n");
  const auto request = [](std::size_t padding) {
    return "GET /metrics HTTP/1.1\r\nX-Padding: " + std::string(padding, 'p') + "\r\n\r\n";
  };
  EXPECT_EQ(Exchange(server->port(), request(7 * 1024)).body, "a 1\n");
  RawTestClient client(server->port());
  client.SendBytes(request(9 * 1024));  // may fail part way: the server is free to close at once
  const RawTestClient::Reply reply = client.ReadAll(kGuard);
  EXPECT_EQ(reply.bytes, "");
  EXPECT_THAT(reply.end, testing::AnyOf(End::kClosed, End::kReset));
}

TEST(MetricsServer, PublishesFromAnotherThreadWhileServing) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  server->Publish("a 0\n");
  std::atomic<bool> done = false;
  std::thread publisher([&] {
    for (int i = 1; !done; ++i) server->Publish("a " + std::to_string(i % 2) + "\n");
  });
  for (int i = 0; i < 50; ++i) {
    EXPECT_THAT(GetMetrics(server->port()).body, testing::AnyOf("a 0\n", "a 1\n"));
  }
  done = true;
  publisher.join();
}

TEST(MetricsServer, ListensOnLocalhost) {
  auto server = ValueOrFail(MetricsServer::Start("localhost:0"));
  ASSERT_NE(server, nullptr);
  server->Publish("a 1\n");
  EXPECT_EQ(GetMetrics(server->port()).body, "a 1\n");  // the client connects to 127.0.0.1
}

TEST(MetricsServer, StopsWhenDestroyedEvenWithConnectionsOpen) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  const std::uint16_t port = server->port();
  RawTestClient idle(port);
  ASSERT_TRUE(idle.SendBytes("GET /met"));
  server.reset();
  EXPECT_THAT(idle.ReadAll(kGuard).end, testing::AnyOf(End::kClosed, End::kReset));
  EXPECT_FALSE(RawTestClient(port).connected());
}

TEST(MetricsServer, SaysWhenThePortIsInUse) {
  auto first = StartServer();
  ASSERT_NE(first, nullptr);
  const std::string address = "127.0.0.1:" + std::to_string(first->port());
  Result<std::unique_ptr<MetricsServer>> second = MetricsServer::Start(address);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Status::Code::kIoError);
  EXPECT_EQ(second.status().message(), "cannot listen on " + address + ": Address already in use");
}

TEST(MetricsServer, RefusesAddressesItCannotRead) {
  for (const char* address : {"nohost", "127.0.0.1", "1.2.3.4:99999", "nohost:9100", "127.0.0.1:", ":9100",
                              "127.0.0.1:-1", "127.0.0.1:91x", "127.0.0.1:+91", "1.2.3:9100", "::1:9100"}) {
    Result<std::unique_ptr<MetricsServer>> server = MetricsServer::Start(address);
    ASSERT_FALSE(server.ok()) << address;
    EXPECT_EQ(server.status().code(), Status::Code::kInvalidArgument) << address;
    EXPECT_THAT(server.status().message(), testing::HasSubstr(std::string("'") + address + "'"));
  }
  EXPECT_THAT(MetricsServer::Start("nohost").status().message(), testing::HasSubstr("expected HOST:PORT"));
  EXPECT_THAT(MetricsServer::Start("1.2.3.4:99999").status().message(), testing::HasSubstr("0 to 65535"));
  EXPECT_THAT(MetricsServer::Start("nohost:9100").status().message(), testing::HasSubstr("IPv4 address"));
}

}  // namespace
}  // namespace arachne
