// SharedBody: the layout of a page body in shared memory, as a fetcher hands it to a parser.
//
// A body travels in a memfd whose descriptor rides on the parse queue (parse_queue.h). The file starts
// with this header; the body follows it. A fetcher keeps most of these files and reuses them
// (BodyPool): creating a file, filling fresh pages and freeing them again for every page was most of
// the kernel time a fetcher and a parser spent per page. The header's state tells the fetcher when a
// file may be reused: it is kFilling while the fetcher writes a body into it, set to kQueued by the
// fetcher before it sends the descriptor, to kTaken by the parser that receives it, and back to kFree by
// that parser once it is done with the body (BodyReader). A parser thus writes to memory the fetcher
// reuses: a compromised parser (they are sandboxed, and read hostile bytes) could alter a later page's
// body, which is no more trusted than the page itself.
#pragma once

#include <time.h>

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace arachne {

inline constexpr std::uint64_t kSharedBodyMagic = 0x31424e4843415241;  // "ARACHNB1", little-endian
inline constexpr std::size_t kSharedBodyHeaderBytes = 64;              // the body starts here

enum class SharedBodyState : std::uint32_t {
  kFree = 0,     // the fetcher may reuse the file
  kQueued = 1,   // sent, waiting in the parse queue
  kTaken = 2,    // a parser is reading it (since taken_at_ns)
  kFilling = 3,  // the fetcher is writing a body into it (BodyPool::Writer); never sent in this state
};

struct SharedBodyHeader {
  std::uint64_t magic;
  std::uint32_t state;       // a SharedBodyState, read and written atomically (StateOf)
  std::uint32_t pooled;      // 1: the fetcher reuses the file once it is kFree; 0: used once
  std::uint64_t size;        // body bytes after the header
  std::int64_t taken_at_ns;  // CLOCK_MONOTONIC (the same clock in every process) when a parser took it
};
static_assert(sizeof(SharedBodyHeader) <= kSharedBodyHeaderBytes);

// CLOCK_MONOTONIC in nanoseconds: the clock of taken_at_ns, the same in every process.
inline std::int64_t SharedBodyClockNs() {
  timespec now{};
  ::clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// The header's state, shared between processes: a lock-free atomic is address-free, so two processes
// mapping the same page agree on it.
inline std::atomic_ref<std::uint32_t> StateOf(SharedBodyHeader& header) {
  static_assert(std::atomic_ref<std::uint32_t>::is_always_lock_free);
  return std::atomic_ref<std::uint32_t>(header.state);
}

}  // namespace arachne
