#include "process/child_process.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "common/unique_fd.h"

namespace arachne {
namespace {

TEST(ChildProcess, RunsWithTheGivenArgvZero) {
  auto child = ChildProcess::Spawn({"/bin/sh", {"arachne: test child", "-c", "exit 7"}, {}});
  ASSERT_TRUE(child.ok()) << child.status().ToString();
  int status = child->WaitOrKill(10000);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 7);
  EXPECT_FALSE(child->running());
}

TEST(ChildProcess, ItsCpuTimeIsKnownOnceReaped) {
  // A child that spins for a quarter of a second of CPU time, then exits.
  auto child = ChildProcess::Spawn(
      {"/bin/sh", {"arachne: busy child", "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done"}, {}});
  ASSERT_TRUE(child.ok()) << child.status().ToString();
  EXPECT_EQ(child->cpu_seconds(), 0);
  const int status = child->WaitOrKill(60000);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_GT(child->cpu_seconds(), 0);
  ChildProcess moved = std::move(*child);
  EXPECT_GT(moved.cpu_seconds(), 0);
}

TEST(ChildProcess, MissingExecutableIsAnErrorAtSpawn) {
  auto child = ChildProcess::Spawn({"/nonexistent/arachne-worker", {"x"}, {}});
  ASSERT_FALSE(child.ok());
  EXPECT_NE(child.status().message().find("/nonexistent/arachne-worker"), std::string::npos);
  EXPECT_NE(child.status().message().find("No such file"), std::string::npos);
}

TEST(ChildProcess, InheritedDescriptorArrivesAsThree) {
  int fds[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), 0);
  UniqueFd ours(fds[0]), theirs(fds[1]);
  auto child = ChildProcess::Spawn({"/bin/sh", {"sh", "-c", "echo hello >&3"}, {theirs.get()}});
  ASSERT_TRUE(child.ok()) << child.status().ToString();
  theirs.reset();
  char buffer[16] = {};
  ssize_t n = ::read(ours.get(), buffer, sizeof buffer);
  EXPECT_EQ(std::string(buffer, n > 0 ? n : 0), "hello\n");
  child->WaitOrKill(10000);
}

TEST(ChildProcess, OtherDescriptorsAreNotInherited) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);  // deliberately without O_CLOEXEC
  UniqueFd read_end(fds[0]), write_end(fds[1]);
  std::string script = "[ -e /proc/self/fd/" + std::to_string(write_end.get()) + " ] && exit 1; exit 0";
  auto child = ChildProcess::Spawn({"/bin/sh", {"sh", "-c", script}, {}});
  ASSERT_TRUE(child.ok());
  int status = child->WaitOrKill(10000);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "descriptor " << write_end.get() << " leaked into the child";
}

TEST(ChildProcess, DestructorKillsAndReaps) {
  pid_t pid;
  {
    auto child = ChildProcess::Spawn({"/bin/sleep", {"sleep", "600"}, {}});
    ASSERT_TRUE(child.ok());
    pid = child->pid();
    EXPECT_EQ(::kill(pid, 0), 0);
  }
  // Reaped: the pid no longer names our child (waitpid fails with ECHILD).
  EXPECT_EQ(::waitpid(pid, nullptr, WNOHANG), -1);
}

TEST(ChildProcess, IgnoresSigint) {
  auto child = ChildProcess::Spawn({"/bin/sleep", {"sleep", "600"}, {}});
  ASSERT_TRUE(child.ok());
  child->Signal(SIGINT);
  ::usleep(100 * 1000);
  EXPECT_FALSE(child->TryWait().has_value()) << "SIGINT ended the child";
  int status = child->WaitOrKill(0);
  EXPECT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
}

TEST(ChildProcess, DiesWithItsParent) {
  // A middle process spawns a grandchild (sleep) through ChildProcess semantics is not reachable from a
  // shell, so fork here: the middle process spawns and then _exits without cleanup; the grandchild must
  // get SIGKILL from PR_SET_PDEATHSIG.
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  pid_t middle = ::fork();
  ASSERT_GE(middle, 0);
  if (middle == 0) {
    auto child = ChildProcess::Spawn({"/bin/sleep", {"sleep", "600"}, {}});
    pid_t grandchild = child.ok() ? child->pid() : -1;
    ssize_t ignored = ::write(fds[1], &grandchild, sizeof grandchild);
    (void)ignored;
    ::_exit(0);  // no destructor runs: only the death signal can end the grandchild
  }
  ::close(fds[1]);
  pid_t grandchild = -1;
  ASSERT_EQ(::read(fds[0], &grandchild, sizeof grandchild), static_cast<ssize_t>(sizeof grandchild));
  ::close(fds[0]);
  ::waitpid(middle, nullptr, 0);
  ASSERT_GT(grandchild, 0);
  bool gone = false;
  for (int i = 0; i < 500 && !gone; ++i) {  // bounded: up to 5 s
    std::ifstream stat("/proc/" + std::to_string(grandchild) + "/stat");
    std::string content((std::istreambuf_iterator<char>(stat)), {});
    // Gone, or a zombie waiting for init to reap it.
    gone = content.empty() || content.find(") Z") != std::string::npos;
    if (!gone) ::usleep(10 * 1000);
  }
  EXPECT_TRUE(gone) << "grandchild " << grandchild << " outlived its parent";
}

TEST(DescribeWaitStatus, SaysWhatHappened) {
  EXPECT_EQ(DescribeWaitStatus(3 << 8), "exited with status 3");
  EXPECT_NE(DescribeWaitStatus(SIGKILL).find("killed by signal 9"), std::string::npos);
}

}  // namespace
}  // namespace arachne
