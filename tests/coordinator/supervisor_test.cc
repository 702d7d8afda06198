// The supervisor with real worker processes.
#include "coordinator/supervisor.h"

#include <gtest/gtest.h>
#include <signal.h>

#include "config/config_json.h"
#include "ipc/parse_queue.h"

namespace arachne {
namespace {

class SupervisorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<ParseQueueEnds> queue = CreateParseQueue();
    ASSERT_TRUE(queue.ok());
    queue_ = std::move(*queue);
    Config config;
    config.seeds = {"http://127.0.0.1:9/"};
    supervisor_ = std::make_unique<Supervisor>(ARACHNE_WORKER_PATH, HelloMessage{ConfigToJson(config)}, queue_.fetcher_end.get(),
                                               queue_.parser_end.get(), std::chrono::seconds(10));
    ASSERT_TRUE(supervisor_->Start(1, 1).ok());
  }

  WorkerSlot& parser() { return *supervisor_->slots().at(1); }

  ParseQueueEnds queue_;
  std::unique_ptr<Supervisor> supervisor_;
};

TEST_F(SupervisorTest, StartsEachRoleInItsSlot) {
  ASSERT_EQ(supervisor_->slots().size(), 2u);
  EXPECT_EQ(supervisor_->slots()[0]->name(), "fetcher 1");
  EXPECT_EQ(supervisor_->slots()[1]->name(), "parser 1");
  for (auto& slot : supervisor_->slots()) EXPECT_TRUE(slot->alive());
}

// A parser that crashes on page after page, right after each restart, is a run of hostile pages: each
// death is blamed on its page (and quarantine ends that), never on the program.
TEST_F(SupervisorTest, KeepsReplacingAChildThatDiesWhileWorking) {
  for (int i = 0; i < 8; ++i) {
    parser().heartbeat.Heard(std::chrono::steady_clock::now());  // it sent a page's result, say
    parser().process.Signal(SIGKILL);
    Status restarted = supervisor_->Restart(parser());
    ASSERT_TRUE(restarted.ok()) << "restart " << i << ": " << restarted.ToString();
  }
  EXPECT_EQ(supervisor_->restarts(), 8);
  EXPECT_TRUE(parser().alive());
}

TEST_F(SupervisorTest, KeepsReplacingAParserThatDiesOnEachPageItClaims) {
  for (int i = 0; i < 8; ++i) {
    ASSERT_TRUE(parser().claim.has_value());
    parser().claim->Claim(100 + static_cast<std::uint64_t>(i));  // as the parser does before each page
    parser().process.Signal(SIGKILL);
    Status restarted = supervisor_->Restart(parser());
    ASSERT_TRUE(restarted.ok()) << "restart " << i << ": " << restarted.ToString();
    EXPECT_FALSE(parser().claim->Current().has_value());  // the new process starts with nothing claimed
  }
  EXPECT_TRUE(parser().alive());
}

TEST_F(SupervisorTest, GivesUpOnAChildThatDiesRightAfterStartingWithoutAWord) {
  Status restarted;
  int tries = 0;
  while (restarted.ok() && tries < 10) {
    parser().process.Signal(SIGKILL);
    restarted = supervisor_->Restart(parser());
    ++tries;
  }
  EXPECT_EQ(tries, 5);
  EXPECT_NE(restarted.message().find("died 5 times right after starting"), std::string::npos)
      << restarted.ToString();
}

TEST_F(SupervisorTest, StopAllEndsEveryChild) {
  supervisor_->StopAll(5000);
  for (auto& slot : supervisor_->slots()) EXPECT_FALSE(slot->process.running()) << slot->name();
}

}  // namespace
}  // namespace arachne
