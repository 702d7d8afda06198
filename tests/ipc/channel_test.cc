#include "ipc/channel.h"

#include <gtest/gtest.h>
#include <sys/socket.h>

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
