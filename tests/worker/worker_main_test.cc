// A worker process on its own, driven the way the coordinator drives it: over its control socketpair.
#include "worker/worker_main.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <chrono>
#include <deque>
#include <optional>
#include <thread>

#include "config/config_json.h"
#include "ipc/channel.h"
#include "ipc/messages.h"
#include "ipc/parse_claim.h"
#include "ipc/parse_queue.h"
#include "process/child_process.h"

namespace arachne {
namespace {

using Clock = std::chrono::steady_clock;

// A worker of `role` with its control channel and the parse queue, as the supervisor starts one.
struct Worker {
  ChildProcess process;
  Channel control;
  ParseQueueEnds queue;
  std::optional<ParseClaim> claim;  // a parser's

  // `with_claim`: a parser gets its ParseClaim's descriptor, as the supervisor gives it.
  static std::optional<Worker> Start(const std::string& role, bool with_claim = true) {
    Worker w;
    Result<ParseQueueEnds> queue = CreateParseQueue();
    if (!queue.ok()) return std::nullopt;
    w.queue = std::move(*queue);
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) return std::nullopt;
    UniqueFd ours(fds[0]), theirs(fds[1]);
    SpawnOptions options;
    options.executable = ARACHNE_WORKER_PATH;
    options.argv = {"arachne: test " + role, kWorkerFlag, role, "1"};
    options.inherit = {theirs.get(),
                       role == "fetcher" ? w.queue.fetcher_end.get() : w.queue.parser_end.get()};
    if (role == "parser" && with_claim) {
      Result<ParseClaim> claim = ParseClaim::Create();
      if (!claim.ok()) return std::nullopt;
      w.claim.emplace(std::move(*claim));
      options.inherit.push_back(w.claim->fd());
    }
    Result<ChildProcess> child = ChildProcess::Spawn(options);
    if (!child.ok()) return std::nullopt;
    w.process = std::move(*child);
    w.control = Channel(std::move(ours));
    return w;
  }

  void SendHello() {
    Config config;
    config.seeds = {"http://127.0.0.1:9/"};
    Encode(control.outbox(), HelloMessage{ConfigToJson(config)});
  }

  // The next Pong, waiting up to 30 s; nothing if the worker sent something else or nothing. Log lines
  // are kept in `logs`.
  std::optional<PongMessage> AwaitPong() {
    auto deadline = Clock::now() + std::chrono::seconds(30);
    while (pongs.empty() && Clock::now() < deadline) {
      pollfd p{control.fd(), POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      Result<bool> open = control.ReadAvailable([&](std::string_view payload) {
        MessageType type;
        if (PeekType(payload, type) && type == MessageType::kLog) {
          LogMessage log;
          if (Decode(payload, log)) logs.push_back(log.text);
          return Status::Ok();
        }
        PongMessage m;
        if (!Decode(payload, m)) return Status::ProtocolError("not a Pong");
        pongs.push_back(m);
        return Status::Ok();
      });
      if (!open.ok() || !*open) break;
    }
    if (pongs.empty()) return std::nullopt;
    PongMessage next = pongs.front();
    pongs.pop_front();
    return next;
  }
  std::deque<PongMessage> pongs;  // received and not yet awaited
  std::vector<std::string> logs;

  // The wait status once the worker exits, within `timeout`; nothing if it is still running then.
  std::optional<int> AwaitExit(std::chrono::seconds timeout) {
    auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      if (std::optional<int> status = process.TryWait()) return status;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return std::nullopt;
  }
};

class WorkerMain : public ::testing::TestWithParam<std::string> {};

TEST_P(WorkerMain, AnswersPingsWithTheirSequenceNumber) {
  std::optional<Worker> worker = Worker::Start(GetParam());
  ASSERT_TRUE(worker);
  worker->SendHello();
  Encode(worker->control.outbox(), PingMessage{7});
  Encode(worker->control.outbox(), PingMessage{8});
  ASSERT_TRUE(worker->control.FlushAll(10000).ok());
  std::optional<PongMessage> first = worker->AwaitPong();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->seq, 7u);
  std::optional<PongMessage> second = worker->AwaitPong();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->seq, 8u);
}

TEST_P(WorkerMain, ExitsAtOnceWhenTheCoordinatorClosesItsPipe) {
  std::optional<Worker> worker = Worker::Start(GetParam());
  ASSERT_TRUE(worker);
  worker->SendHello();
  Encode(worker->control.outbox(), PingMessage{1});
  ASSERT_TRUE(worker->control.FlushAll(10000).ok());
  ASSERT_TRUE(worker->AwaitPong());  // it is in its loop now, working
  worker->control.Close();           // the coordinator is gone, though this process, its parent, lives on
  std::optional<int> status = worker->AwaitExit(std::chrono::seconds(30));
  ASSERT_TRUE(status) << "the worker outlived its coordinator's pipe";
  EXPECT_TRUE(WIFEXITED(*status)) << DescribeWaitStatus(*status);
  EXPECT_EQ(WEXITSTATUS(*status), 0);
}

TEST_P(WorkerMain, ExitsWhenThePipeClosesBeforeHello) {
  std::optional<Worker> worker = Worker::Start(GetParam());
  ASSERT_TRUE(worker);
  worker->control.Close();
  std::optional<int> status = worker->AwaitExit(std::chrono::seconds(30));
  ASSERT_TRUE(status);
  ASSERT_TRUE(WIFEXITED(*status)) << DescribeWaitStatus(*status);
  EXPECT_EQ(WEXITSTATUS(*status), 2);
}

TEST_P(WorkerMain, AMalformedFrameEndsTheWorkerWithAnError) {
  std::optional<Worker> worker = Worker::Start(GetParam());
  ASSERT_TRUE(worker);
  worker->SendHello();
  worker->control.outbox().append(std::string("\x03\0\0\0\xee\x01\x02", 7));  // a frame of an unknown type
  ASSERT_TRUE(worker->control.FlushAll(10000).ok());
  std::optional<int> status = worker->AwaitExit(std::chrono::seconds(30));
  ASSERT_TRUE(status);
  ASSERT_TRUE(WIFEXITED(*status)) << DescribeWaitStatus(*status);
  EXPECT_EQ(WEXITSTATUS(*status), 2);
}

INSTANTIATE_TEST_SUITE_P(Roles, WorkerMain, ::testing::Values("fetcher", "parser"));

TEST(WorkerMainParser, WithoutItsClaimAParserSaysWhyAndExits) {
  std::optional<Worker> worker = Worker::Start("parser", /*with_claim=*/false);
  ASSERT_TRUE(worker);
  worker->SendHello();
  ASSERT_TRUE(worker->control.FlushAll(10000).ok());
  EXPECT_FALSE(worker->AwaitPong());  // reads its log line, then the channel closes
  ASSERT_EQ(worker->logs.size(), 1u);
  EXPECT_NE(worker->logs[0].find("cannot map the parse claim"), std::string::npos) << worker->logs[0];
  std::optional<int> status = worker->AwaitExit(std::chrono::seconds(30));
  ASSERT_TRUE(status);
  ASSERT_TRUE(WIFEXITED(*status)) << DescribeWaitStatus(*status);
  EXPECT_EQ(WEXITSTATUS(*status), 2);
}

}  // namespace
}  // namespace arachne
