// FUZZ_CHECK: a property of the code under test that a fuzz target asserts, beyond "does not crash".
//
// Each property checked is one the code's header documents (a result is valid UTF-8, a normalized URL is
// its own key ...), so a failure is a bug in Arachne, not in the target: it aborts, and libFuzzer saves
// the input as a crash artifact.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace arachne::fuzz {

[[noreturn]] inline void CheckFailed(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", file, line, condition);
  std::abort();
}

}  // namespace arachne::fuzz

#define FUZZ_CHECK(condition) \
  ((condition) ? static_cast<void>(0) : ::arachne::fuzz::CheckFailed(#condition, __FILE__, __LINE__))
