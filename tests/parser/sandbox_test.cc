// The parser sandbox, tried in child processes: what it forbids kills, what parsing needs still works.
#include "parser/sandbox.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <functional>
#include <string>

#include "parser/charset.h"
#include "parser/html_extractor.h"
#include "parser/utf8_converter.h"

namespace arachne {
namespace {

// Runs `body` in a child that entered the sandbox first; returns the child's wait status. The child
// reports with its exit code only (no gtest in there): 0 for success, 10 + n for failure n.
int InSandbox(const std::function<int()>& body, bool preload_converters = false) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<IconvHandle> converters;
    if (preload_converters) converters = OpenEveryConverter();
    if (!EnterSandbox(SandboxLimits{}).ok()) ::_exit(2);
    ::_exit(body());
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

bool KilledBy(int status, int signal) { return WIFSIGNALED(status) && WTERMSIG(status) == signal; }

TEST(Sandbox, OpeningAFileKills) {
  EXPECT_TRUE(KilledBy(InSandbox([] { return ::open("/etc/hostname", O_RDONLY) >= 0 ? 0 : 1; }), SIGSYS));
  EXPECT_TRUE(KilledBy(InSandbox([] { return ::openat(AT_FDCWD, "/tmp/x", O_WRONLY | O_CREAT, 0600) >= 0; }), SIGSYS));
  EXPECT_TRUE(KilledBy(InSandbox([] { return std::fopen("/etc/passwd", "r") != nullptr ? 0 : 1; }), SIGSYS));
}

TEST(Sandbox, MakingASocketKills) {
  EXPECT_TRUE(KilledBy(InSandbox([] { return ::socket(AF_INET, SOCK_STREAM, 0) >= 0 ? 0 : 1; }), SIGSYS));
  EXPECT_TRUE(KilledBy(InSandbox([] { return ::socket(AF_UNIX, SOCK_DGRAM, 0) >= 0 ? 0 : 1; }), SIGSYS));
  EXPECT_TRUE(KilledBy(InSandbox([] {
                         int fds[2];
                         return ::socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
                       }),
                       SIGSYS));
}

TEST(Sandbox, StartingAProgramKills) {
  EXPECT_TRUE(KilledBy(InSandbox([] {
                         char* argv[] = {const_cast<char*>("/bin/true"), nullptr};
                         ::execv("/bin/true", argv);
                         return 1;
                       }),
                       SIGSYS));
}

TEST(Sandbox, StartingAProcessKills) {
  if (!SandboxForbidsClone()) GTEST_SKIP() << "a sanitizer build: its runtime needs clone";
  EXPECT_TRUE(KilledBy(InSandbox([] { return ::fork() >= 0 ? 0 : 1; }), SIGSYS));
  EXPECT_TRUE(KilledBy(InSandbox([] { return std::system("true"); }), SIGSYS));
}

// A parser that stops on its own ends with exit(), whose handlers include, in a sanitizer build, the leak
// check: that must not need what the filter forbids (its helper process was killed, and the exit waited
// for it for ever).
TEST(Sandbox, ExitRunsItsHandlersAndEnds) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (!EnterSandbox(SandboxLimits{}).ok()) ::_exit(2);
    std::exit(0);
  }
  int status = 0;
  pid_t done = 0;
  for (int waited_ms = 0; waited_ms < 30000 && (done = ::waitpid(pid, &status, WNOHANG)) == 0;
       waited_ms += 10) {
    ::usleep(10000);
  }
  if (done != pid) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    FAIL() << "the sandboxed process did not end within 30 s of exit()";
  }
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(Sandbox, ParsingStillWorks) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const int status = InSandbox(
      [&] {
        // Memory, the descriptors it was given, iconv (preloaded), Gumbo and the URL parser with IDNA.
        std::string big(64 << 20, 'x');
        const DecodedHtml sjis = DecodeHtml("<meta charset=shift_jis><title>\x93\xFA\x96\x7B</title>", "text/html");
        const PageInfo title = ExtractPage(sjis.text(), *Url::Parse("http://a/"));
        const PageInfo idna = ExtractPage("<a href=\"http://b\xC3\xBC" "cher.example/\">x</a>", *Url::Parse("http://a/"));
        const std::string report = title.title + "|" + (idna.links.empty() ? "" : idna.links[0]);
        if (::write(fds[1], report.data(), report.size()) != static_cast<ssize_t>(report.size())) return 10;
        return big.size() == (64u << 20) ? 0 : 11;
      },
      /*preload_converters=*/true);
  ::close(fds[1]);
  char buffer[256] = {};
  const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
  ::close(fds[0]);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(std::string(buffer, n > 0 ? static_cast<std::size_t>(n) : 0),
            "\xE6\x97\xA5\xE6\x9C\xAC|http://xn--bcher-kva.example/");
}

TEST(Sandbox, AJobThatSpinsIsEndedByItsCpuLimit) {
  const int status = InSandbox([] {
    if (!LimitJobCpu(1).ok()) return 10;
    volatile unsigned long spin = 0;
    for (;;) spin = spin + 1;
  });
  EXPECT_TRUE(KilledBy(status, SIGXCPU) || KilledBy(status, SIGKILL)) << status;
}

TEST(Sandbox, AJobThatSpinsAfterManyQuickOnesIsEndedByTheBudget) {
  // The budget sets the limit once and trusts wall-clock time for the quick jobs after it.
  const int status = InSandbox([] {
    JobCpuBudget budget(1);
    for (int job = 0; job < 10'000; ++job) {
      if (!budget.BeforeJob().ok()) return 10;
    }
    volatile unsigned long spin = 0;
    for (;;) spin = spin + 1;
  });
  EXPECT_TRUE(KilledBy(status, SIGXCPU) || KilledBy(status, SIGKILL)) << status;
}

TEST(Sandbox, TheAddressSpaceIsCapped) {
  const int status = InSandbox([] {
    rlimit space{};
    if (::getrlimit(RLIMIT_AS, &space) != 0) return 10;
    if (space.rlim_cur == RLIM_INFINITY) return 0;  // a sanitizer build: no cap to test
    void* huge = std::malloc(static_cast<std::size_t>(space.rlim_cur) + (1u << 20));
    return huge == nullptr ? 0 : 11;
  });
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace arachne
