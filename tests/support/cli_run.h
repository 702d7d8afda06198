// Runs the built `arachne` command as a user would, with its stdout and stderr captured to files.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_dir.h"

namespace arachne::test {

struct CliRun {
  int exit_status = -1;
  std::string out;
  std::string err;
};

// Starts `arachne args...` with stdout and stderr to files in `dir`; returns its pid. `in_child`, if given,
// runs in the child before the exec (to set a resource limit ...).
inline pid_t StartCli(const std::vector<std::string>& args, const std::string& dir,
                      const std::function<void()>& in_child = {}) {
  pid_t pid = ::fork();
  if (pid == 0) {
    if (in_child) in_child();
    int out = ::open((dir + "/stdout").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open((dir + "/stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(out, 1);
    ::dup2(err, 2);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(ARACHNE_CLI_PATH));
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(ARACHNE_CLI_PATH, argv.data());
    ::_exit(127);
  }
  return pid;
}

// Waits up to `timeout_s` for `pid`; kills it if it is still running then.
inline int WaitCli(pid_t pid, int timeout_s = 120) {
  int status = 0;
  for (int i = 0; i < timeout_s * 100; ++i) {
    if (::waitpid(pid, &status, WNOHANG) == pid) return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  ADD_FAILURE() << "arachne did not finish in " << timeout_s << " s";
  return status;
}

inline CliRun RunCli(const std::vector<std::string>& args, const TempDir& dir,
                     const std::function<void()>& in_child = {}) {
  CliRun run;
  int status = WaitCli(StartCli(args, dir.path(), in_child));
  run.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.out = ReadFile(dir.path() + "/stdout");
  run.err = ReadFile(dir.path() + "/stderr");
  return run;
}

// Writes `body` to <dir>/seed.toml; returns its path.
inline std::string WriteSeedFile(const TempDir& dir, const std::string& body) {
  std::string path = dir.path() + "/seed.toml";
  std::ofstream(path) << body;
  return path;
}

inline std::size_t CountLines(const std::string& path) {
  std::ifstream in(path);
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

}  // namespace arachne::test
