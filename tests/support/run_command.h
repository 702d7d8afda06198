// RunCommand: runs a shell command line (node with a checker script ...) and gives back its exit status and
// what it printed; ShellQuoted makes a path or argument one word of such a line.
#pragma once

#include <stdio.h>
#include <sys/wait.h>

#include <string>

namespace arachne::test {

struct CommandRun {
  int exit_status = -1;  // -1: the command could not start or did not exit (a signal ended it)
  std::string output;
};

// Where the command's standard error goes: into `output` after its standard output (kMerged, for checkers
// whose complaints a failure message should show), or to the test's own standard error (kSeparate).
enum class StandardError { kSeparate, kMerged };

inline CommandRun RunCommand(const std::string& command, StandardError stderr_to = StandardError::kSeparate) {
  const std::string line = stderr_to == StandardError::kMerged ? command + " 2>&1" : command;
  FILE* pipe = ::popen(line.c_str(), "r");
  if (pipe == nullptr) return {};
  CommandRun run;
  char buffer[65536];
  for (std::size_t got; (got = ::fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.output.append(buffer, got);
  const int status = ::pclose(pipe);
  run.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// `text` in single quotes, which keep every character as it is but the single quote itself (POSIX shell,
// 2.2.2 Single-Quotes): each of those closes the quotes, adds an escaped quote and opens them again.
inline std::string ShellQuoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace arachne::test
