#include "parser/sandbox.h"

#include <errno.h>
#include <seccomp.h>
#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

#include "common/cpu_time.h"

// AddressSanitizer builds (GCC's and Clang's) include LeakSanitizer.
#if defined(__SANITIZE_ADDRESS__)
#define ARACHNE_LEAK_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARACHNE_LEAK_SANITIZER 1
#endif
#endif
#ifdef ARACHNE_LEAK_SANITIZER
#include <sanitizer/lsan_interface.h>
#endif

namespace arachne {

namespace {

// Sanitizer runtimes reserve terabytes of address space and start a thread (clone) to report leaks at
// exit; in such a build those two limits would kill the parser for the sanitizer's own work.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// What a parser never does after start-up. It reads and writes only the descriptors it was given (its
// control socket and the parse queue), maps memfds it receives, and allocates memory.
constexpr int kForbidden[] = {
    // files
    SCMP_SYS(open), SCMP_SYS(openat), SCMP_SYS(openat2), SCMP_SYS(creat), SCMP_SYS(open_by_handle_at),
    SCMP_SYS(name_to_handle_at), SCMP_SYS(mknod), SCMP_SYS(mknodat), SCMP_SYS(link), SCMP_SYS(linkat),
    SCMP_SYS(symlink), SCMP_SYS(symlinkat), SCMP_SYS(unlink), SCMP_SYS(unlinkat), SCMP_SYS(rename),
    SCMP_SYS(renameat), SCMP_SYS(renameat2), SCMP_SYS(truncate), SCMP_SYS(chmod), SCMP_SYS(fchmodat),
    SCMP_SYS(chown), SCMP_SYS(fchownat), SCMP_SYS(mkdir), SCMP_SYS(mkdirat), SCMP_SYS(rmdir),
    // sockets
    SCMP_SYS(socket), SCMP_SYS(socketpair), SCMP_SYS(connect), SCMP_SYS(bind), SCMP_SYS(listen),
    SCMP_SYS(accept), SCMP_SYS(accept4),
    // processes and programs
    SCMP_SYS(fork), SCMP_SYS(vfork), SCMP_SYS(execve), SCMP_SYS(execveat), SCMP_SYS(ptrace),
    SCMP_SYS(process_vm_readv), SCMP_SYS(process_vm_writev),
    // the system
    SCMP_SYS(mount), SCMP_SYS(umount2), SCMP_SYS(chroot), SCMP_SYS(pivot_root), SCMP_SYS(setns),
    SCMP_SYS(unshare), SCMP_SYS(reboot), SCMP_SYS(init_module), SCMP_SYS(finit_module),
    SCMP_SYS(kexec_load), SCMP_SYS(bpf), SCMP_SYS(perf_event_open), SCMP_SYS(userfaultfd),
};

// A parser is one thread; a new one (clone) could only be an attack, except a sanitizer's.
constexpr int kNewThreads[] = {SCMP_SYS(clone), SCMP_SYS(clone3)};

struct FilterDeleter {
  void operator()(void* filter) const { seccomp_release(filter); }
};

Status SeccompError(const char* what, int code) {
  return Status::Internal(std::string("seccomp: ") + what + ": " + std::strerror(-code));
}

Status InstallFilter() {
  std::unique_ptr<void, FilterDeleter> filter(seccomp_init(SCMP_ACT_ALLOW));
  if (!filter) return Status::Internal("seccomp_init failed");
  const auto forbid = [&](int syscall) -> Status {
    // A syscall this architecture lacks (openat2 on an old kernel's headers) is simply skipped.
    if (syscall < 0) return Status::Ok();
    if (int rc = seccomp_rule_add(filter.get(), SCMP_ACT_KILL_PROCESS, syscall, 0); rc < 0) {
      return SeccompError("seccomp_rule_add", rc);
    }
    return Status::Ok();
  };
  for (int syscall : kForbidden) {
    if (Status s = forbid(syscall); !s.ok()) return s;
  }
  if (!kSanitized) {
    for (int syscall : kNewThreads) {
      if (Status s = forbid(syscall); !s.ok()) return s;
    }
  }
  // libseccomp sets no_new_privs first (SCMP_FLTATR_CTL_NNP), as the kernel requires of unprivileged
  // processes.
  if (int rc = seccomp_load(filter.get()); rc < 0) return SeccompError("seccomp_load", rc);
  return Status::Ok();
}

}  // namespace

bool SandboxForbidsClone() { return !kSanitized; }

Status EnterSandbox(const SandboxLimits& limits) {
  if (limits.address_space_bytes > 0 && !kSanitized) {
    const rlimit space{limits.address_space_bytes, limits.address_space_bytes};
    if (::setrlimit(RLIMIT_AS, &space) != 0) {
      return Status::Internal(std::string("setrlimit(RLIMIT_AS): ") + std::strerror(errno));
    }
  }
  // LeakSanitizer's check at exit stops the world with a helper process that reads /proc and calls
  // ptrace, which the filter forbids: the helper would be killed and exit() would wait for it for ever.
  // The check runs now instead (leaks of start-up are caught; those of parsing are not looked for).
#ifdef ARACHNE_LEAK_SANITIZER
  __lsan_do_leak_check();
#endif
  return InstallFilter();
}

Status JobCpuBudget::BeforeJob() {
  const auto now = std::chrono::steady_clock::now();
  if (armed_ != std::chrono::steady_clock::time_point{} &&
      now - armed_ < std::chrono::duration<double>(seconds_)) {
    return Status::Ok();  // the limit set then leaves this job at least `seconds_`
  }
  armed_ = now;
  return LimitJobCpu(2 * seconds_);
}

Status LimitJobCpu(double seconds) {
  rusage usage{};
  if (::getrusage(RUSAGE_SELF, &usage) != 0) {
    return Status::Internal(std::string("getrusage: ") + std::strerror(errno));
  }
  const double used = CpuSeconds(usage);
  // RLIMIT_CPU counts whole seconds: the allowance is rounded up. Only the soft limit moves: a process
  // may not raise its hard limit again once lowered, and SIGXCPU at the soft limit ends it already.
  rlimit cpu{};
  if (::getrlimit(RLIMIT_CPU, &cpu) != 0) {
    return Status::Internal(std::string("getrlimit(RLIMIT_CPU): ") + std::strerror(errno));
  }
  cpu.rlim_cur = static_cast<rlim_t>(std::ceil(used + std::max(1.0, seconds)));
  if (cpu.rlim_max != RLIM_INFINITY) cpu.rlim_cur = std::min(cpu.rlim_cur, cpu.rlim_max);
  if (::setrlimit(RLIMIT_CPU, &cpu) != 0) {
    return Status::Internal(std::string("setrlimit(RLIMIT_CPU): ") + std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace arachne
