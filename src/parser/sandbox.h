// Sandbox: what a parser process may still do once it parses pages that strangers wrote.
//
// Parsing is where hostile bytes meet the most code (Gumbo, iconv, expat, the URL parser), so a parser
// gives up, after start-up, everything a parser does not need (least privilege):
//   - a seccomp filter (libseccomp) kills the process on any attempt to open a file, create or use a
//     socket other than the ones it was given, start a process or program, or trace one;
//   - RLIMIT_CPU bounds each job: before a page is parsed the limit is set to the CPU time used so far
//     plus the job's allowance, so a page that spins is ended by SIGXCPU even if the coordinator's
//     deadline has not come yet;
//   - RLIMIT_AS bounds the address space, so a page that balloons fails its allocation instead of
//     taking the machine's memory.
// A killed parser is a dead child like any other: the coordinator restarts it and puts its work back.
// Everything the parser needs from the file system must be loaded before EnterSandbox (see
// OpenEveryConverter in utf8_converter.h).
#pragma once

#include <chrono>

#include <cstdint>

#include "arachne/status.h"

namespace arachne {

struct SandboxLimits {
  std::uint64_t address_space_bytes = 4ull << 30;  // 0: no limit
};

// Installs the limits and the filter for the rest of the process's life. Fails (and changes nothing
// that matters) where the kernel has no seccomp.
Status EnterSandbox(const SandboxLimits& limits);

// Whether the filter also forbids new threads and processes made by clone (fork is clone in glibc). Not
// in sanitizer builds, whose runtime needs a thread to report leaks at exit; execve stays forbidden.
bool SandboxForbidsClone();

// Lets the current job use `seconds` more CPU time (at least 1, rounded up to whole seconds); SIGXCPU,
// which ends the process, comes after it.
Status LimitJobCpu(double seconds);

// Gives every job at least `seconds` of CPU time, and a job that spins at most about twice that, without
// three system calls a job (getrusage, getrlimit, setrlimit: a tenth of a parser's calls on a crawl of
// small pages). The limit is set to twice the allowance and set again only once `seconds` of wall-clock
// time have passed since: a single-threaded process cannot use more CPU time than wall-clock time.
class JobCpuBudget {
 public:
  explicit JobCpuBudget(double seconds) : seconds_(seconds) {}
  // Before each job.
  Status BeforeJob();

 private:
  double seconds_;
  std::chrono::steady_clock::time_point armed_{};  // when the limit was last set; epoch: never
};

}  // namespace arachne
