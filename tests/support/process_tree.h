// Finding a process's children by their command line, for tests of process supervision.
#pragma once

#include <dirent.h>
#include <sys/types.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace arachne::test {

// The pids of `parent`'s children whose argv[0] starts with `prefix` ("arachne: parser").
inline std::vector<pid_t> ChildrenNamed(const std::string& prefix, pid_t parent = ::getpid()) {
  std::vector<pid_t> pids;
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return pids;
  while (dirent* entry = ::readdir(proc)) {
    pid_t pid = static_cast<pid_t>(std::atoi(entry->d_name));
    if (pid <= 0) continue;
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    pid_t ppid = -1;
    for (std::string line; std::getline(status, line);) {
      if (line.rfind("PPid:", 0) == 0) ppid = static_cast<pid_t>(std::atoi(line.c_str() + 5));
    }
    if (ppid != parent) continue;
    std::ifstream cmdline("/proc/" + std::to_string(pid) + "/cmdline");
    std::string argv0;
    std::getline(cmdline, argv0, '\0');
    if (argv0.rfind(prefix, 0) == 0) pids.push_back(pid);
  }
  ::closedir(proc);
  return pids;
}

// Whether `pid` is gone or a zombie (dead, waiting to be reaped).
inline bool IsDead(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string content((std::istreambuf_iterator<char>(stat)), {});
  if (content.empty()) return true;
  std::size_t paren = content.rfind(')');
  return paren != std::string::npos && content.compare(paren, 4, ") Z ") == 0;
}

}  // namespace arachne::test
