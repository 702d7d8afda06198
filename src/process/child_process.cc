#include "process/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <linux/close_range.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "common/cpu_time.h"
#include "common/errno_status.h"
#include "common/unique_fd.h"

namespace arachne {

namespace {

// Runs in the child between fork and exec: async-signal-safe calls only, no allocation.
[[noreturn]] void ExecChild(const SpawnOptions& options, char* const* argv, pid_t parent, int error_pipe) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(127);  // the parent died before prctl took effect
  ::signal(SIGINT, SIG_IGN);
  ::signal(SIGPIPE, SIG_DFL);
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);

  // Move the inherited descriptors out of the way first, so placing them at 3.. cannot clobber one another.
  const int count = static_cast<int>(options.inherit.size());
  int moved[64];
  const int base = 1000;
  for (int i = 0; i < count && i < 64; ++i) {
    moved[i] = ::fcntl(options.inherit[i], F_DUPFD, base);
    if (moved[i] < 0) goto fail;
  }
  error_pipe = ::fcntl(error_pipe, F_DUPFD_CLOEXEC, base + 64);
  if (error_pipe < 0) goto fail;
  for (int i = 0; i < count && i < 64; ++i) {
    if (::dup2(moved[i], 3 + i) < 0) goto fail;
  }
  // Everything but stdio and the inherited descriptors closes at exec (the error pipe too, which is how
  // the parent learns that exec succeeded).
  if (::close_range(3 + count, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
    for (int fd = 3 + count; fd < 65536; ++fd) ::fcntl(fd, F_SETFD, FD_CLOEXEC);
  }
  ::execv(options.executable.c_str(), argv);
fail:
  int err = errno;
  ssize_t ignored = ::write(error_pipe, &err, sizeof err);
  (void)ignored;
  ::_exit(127);
}

}  // namespace

Result<ChildProcess> ChildProcess::Spawn(const SpawnOptions& options) {
  if (options.inherit.size() > 64) return Status::InvalidArgument("too many descriptors for a child");
  std::vector<char*> argv;
  for (const std::string& arg : options.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);

  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return ErrnoStatus("pipe");
  UniqueFd read_end(pipe_fds[0]);
  UniqueFd write_end(pipe_fds[1]);

  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) return ErrnoStatus("fork");
  if (pid == 0) ExecChild(options, argv.data(), parent, write_end.get());

  write_end.reset();
  ChildProcess child(pid);
  int child_errno = 0;
  ssize_t n;
  do {
    n = ::read(read_end.get(), &child_errno, sizeof child_errno);
  } while (n < 0 && errno == EINTR);
  if (n == static_cast<ssize_t>(sizeof child_errno)) {
    child.WaitOrKill(1000);
    return Status::IoError("cannot start worker '" + options.executable + "': " + std::strerror(child_errno));
  }
  return child;
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), cpu_seconds_(std::exchange(other.cpu_seconds_, 0)) {}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    if (running()) WaitOrKill(0);
    pid_ = std::exchange(other.pid_, -1);
    cpu_seconds_ = std::exchange(other.cpu_seconds_, 0);
  }
  return *this;
}

ChildProcess::~ChildProcess() {
  if (running()) WaitOrKill(0);
}

void ChildProcess::Signal(int signal) const {
  if (running()) ::kill(pid_, signal);
}

std::optional<int> ChildProcess::TryWait() {
  if (!running()) return std::nullopt;
  int status = 0;
  pid_t r = Reap(&status, WNOHANG);
  if (r == pid_ || (r < 0 && errno == ECHILD)) {
    pid_ = -1;
    return status;
  }
  return std::nullopt;
}

int ChildProcess::WaitOrKill(int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (running()) {
    if (std::optional<int> status = TryWait()) return *status;
    if (std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (!running()) return 0;
  ::kill(pid_, SIGKILL);
  int status = 0;
  while (Reap(&status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  return status;
}

pid_t ChildProcess::Reap(int* status, int options) {
  rusage usage{};
  const pid_t r = ::wait4(pid_, status, options, &usage);
  if (r == pid_) cpu_seconds_ = CpuSeconds(usage);
  return r;
}

std::string DescribeWaitStatus(int wait_status) {
  if (WIFEXITED(wait_status)) return "exited with status " + std::to_string(WEXITSTATUS(wait_status));
  if (WIFSIGNALED(wait_status)) {
    int sig = WTERMSIG(wait_status);
    return "killed by signal " + std::to_string(sig) + " (" + ::strsignal(sig) + ")";
  }
  return "ended with wait status " + std::to_string(wait_status);
}

}  // namespace arachne
