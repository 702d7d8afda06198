#include "ipc/parse_claim.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipc/shared_body.h"

namespace arachne {
namespace {

TEST(ParseClaim, HoldsTheJobClaimedUntilReleased) {
  Result<ParseClaim> claim = ParseClaim::Create();
  ASSERT_TRUE(claim.ok()) << claim.status().ToString();
  EXPECT_FALSE(claim->Current().has_value());  // a new claim: nothing
  const std::int64_t before = SharedBodyClockNs();
  claim->Claim(42);
  std::optional<ParseClaim::Held> held = claim->Current();
  ASSERT_TRUE(held.has_value());
  EXPECT_EQ(held->id, 42u);
  EXPECT_GE(held->since_ns, before);
  EXPECT_LE(held->since_ns, SharedBodyClockNs());
  claim->Claim(43);
  EXPECT_EQ(claim->Current()->id, 43u);
  claim->Release();
  EXPECT_FALSE(claim->Current().has_value());
}

// The parser is another process, with its own mapping of the descriptor it inherits.
TEST(ParseClaim, AClaimMadeInAnotherProcessIsSeen) {
  Result<ParseClaim> coordinator = ParseClaim::Create();
  ASSERT_TRUE(coordinator.ok());
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    Result<ParseClaim> parser = ParseClaim::Open(UniqueFd(::fcntl(coordinator->fd(), F_DUPFD_CLOEXEC, 0)));
    if (!parser.ok()) ::_exit(1);
    parser->Claim(7);
    ::_exit(0);  // dies holding it, as a parser a page crashed
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  std::optional<ParseClaim::Held> held = coordinator->Current();
  ASSERT_TRUE(held.has_value());
  EXPECT_EQ(held->id, 7u);
  // A new process in the slot starts with nothing claimed.
  coordinator->Release();
  EXPECT_FALSE(coordinator->Current().has_value());
}

TEST(ParseClaim, ADescriptorThatIsNoClaimIsRefused) {
  int pipe_fds[2];
  ASSERT_EQ(::pipe2(pipe_fds, O_CLOEXEC), 0);
  UniqueFd write_end(pipe_fds[1]);
  Result<ParseClaim> claim = ParseClaim::Open(UniqueFd(pipe_fds[0]));
  ASSERT_FALSE(claim.ok());
  EXPECT_NE(claim.status().message().find("parse claim"), std::string::npos) << claim.status().ToString();
  EXPECT_FALSE(ParseClaim::Open(UniqueFd()).ok());
}

}  // namespace
}  // namespace arachne
