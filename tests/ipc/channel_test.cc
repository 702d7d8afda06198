#include "ipc/channel.h"

#include <gtest/gtest.h>
#include <sys/socket.h>

#include <chrono>
#include <thread>

#include "ipc/messages.h"

namespace arachne {
namespace {

std::pair<Channel, Channel> Pair() {
  int fds[2];
  EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), 0);
  return {Channel(UniqueFd(fds[0])), Channel(UniqueFd(fds[1]))};
}

TEST(Channel, DeliversBatchedFramesAndReportsClose) {
  auto [a, b] = Pair();
  for (std::uint64_t i = 0; i < 5000; ++i) Encode(a.outbox(), FetchMessage{i, "http://127.0.0.1/x"});
  std::vector<std::uint64_t> ids;
  // Alternate flushing and reading: the socket buffer is smaller than the batch. Bounded by count.
  for (int round = 0; round < 10000 && ids.size() < 5000; ++round) {
    ASSERT_TRUE(a.Flush().ok());
    auto open = b.ReadAvailable([&](std::string_view payload) {
      FetchMessage m;
      if (!Decode(payload, m)) return Status::ProtocolError("bad fetch");
      ids.push_back(m.id);
      return Status::Ok();
    });
    ASSERT_TRUE(open.ok());
    EXPECT_TRUE(*open);
  }
  ASSERT_EQ(ids.size(), 5000u);
  for (std::uint64_t i = 0; i < 5000; ++i) EXPECT_EQ(ids[i], i);
  a.Close();
  auto open = b.ReadAvailable([](std::string_view) { return Status::Ok(); });
  ASSERT_TRUE(open.ok());
  EXPECT_FALSE(*open);
}

TEST(Channel, FlushToAClosedPeerIsAnErrorNotASignal) {
  auto [a, b] = Pair();
  b.Close();
  Encode(a.outbox(), LogMessage{"x"});
  EXPECT_FALSE(a.Flush().ok());
}

// A batch far larger than the socket's buffer: FlushAll must wait for the reader.
void FillOutbox(Channel& c) {
  for (std::uint64_t i = 0; i < 100000; ++i) Encode(c.outbox(), FetchMessage{i, "http://127.0.0.1/some/page"});
}

// (Named references, not a structured binding: Clang 14 cannot capture one in a lambda.)
TEST(Channel, FlushAllForeverWaitsForTheReaderHoweverLong) {
  auto pair = Pair();
  Channel& a = pair.first;
  Channel& b = pair.second;
  FillOutbox(a);
  std::uint64_t received = 0;
  std::thread reader([&b, &received] {
    // Reads once the writer is stuck on a full buffer (no deadline bounds the writer's wait; the loop
    // is bounded by the peer closing its end).
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    for (int round = 0; round < 1000000; ++round) {
      auto open = b.ReadAvailable([&](std::string_view) {
        ++received;
        return Status::Ok();
      });
      if (!open.ok() || !*open) return;
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
  });
  EXPECT_TRUE(a.FlushAll(Channel::kForever).ok());
  a.Close();
  reader.join();
  EXPECT_EQ(received, 100000u);
}

TEST(Channel, FlushAllForeverEndsWhenThePeerCloses) {
  auto pair = Pair();
  Channel& a = pair.first;
  Channel& b = pair.second;
  FillOutbox(a);
  std::thread closer([&b] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    b.Close();
  });
  EXPECT_FALSE(a.FlushAll(Channel::kForever).ok());
  closer.join();
}

TEST(Channel, GarbageFromPeerIsAProtocolError) {
  auto [a, b] = Pair();
  a.outbox() = std::string("\xff\xff\xff\xff garbage", 12);
  ASSERT_TRUE(a.Flush().ok());
  auto r = b.ReadAvailable([](std::string_view) { return Status::Ok(); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kProtocolError);
}

}  // namespace
}  // namespace arachne
