// ChildProcess: a fetcher or parser process, started by fork and exec, owned until it is reaped.
//
// The child is tied to its parent's life: it gets SIGKILL when the parent dies (PR_SET_PDEATHSIG, checked
// against the race where the parent is already gone), ignores SIGINT (a Ctrl-C on the terminal reaches the
// whole process group; the coordinator decides how its children stop), and keeps only the descriptors it
// is given. Destroying a ChildProcess that still runs kills and reaps it, so no path leaves an orphan.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "arachne/status.h"

namespace arachne {

struct SpawnOptions {
  std::string executable;          // absolute path
  std::vector<std::string> argv;   // argv[0] is what `ps` shows ("arachne: fetcher 1")
  // Descriptors the child receives: inherit[i] becomes descriptor 3 + i in the child. All others close.
  std::vector<int> inherit;
};

class ChildProcess {
 public:
  ChildProcess() = default;
  // Starts the child. Fails with the reason if fork or exec failed (exec failure is reported back from
  // the child through a close-on-exec pipe, so a wrong path is an error here, not a silent exit later).
  static Result<ChildProcess> Spawn(const SpawnOptions& options);

  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();

  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }

  void Signal(int signal) const;
  // Reaps the child if it has exited; its wait status, or nothing while it runs.
  std::optional<int> TryWait();
  // Waits up to `timeout_ms` for the child to exit, then SIGKILLs it; returns the wait status.
  int WaitOrKill(int timeout_ms);
  // The CPU time (user + system, seconds) the child used, known once it is reaped; 0 before.
  double cpu_seconds() const { return cpu_seconds_; }

 private:
  explicit ChildProcess(pid_t pid) : pid_(pid) {}
  // waitpid with the child's resource usage: a reaped child's CPU time is gone once it is reaped.
  pid_t Reap(int* status, int options);

  pid_t pid_ = -1;
  double cpu_seconds_ = 0;
};

// "exited with status 3", "killed by signal 9 (Killed)".
std::string DescribeWaitStatus(int wait_status);

}  // namespace arachne
