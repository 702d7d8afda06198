// BodyPool: the fetcher's shared-memory files for page bodies (shared_body.h), reused from page to page.
//
// A body is written into a file of the pool as it arrives (Writer: the fetcher's curl write callback
// appends to it, so each byte is copied once, from curl's buffer to where the parser reads it), or copied
// in whole (Place). Sealed, it gives the descriptor to attach to a ParseJob; the pool keeps the file and
// takes it back once the parser has marked it free. A body too large for the pool, or one met while every
// file is in use, goes into a file of its own, used once. Files a parser took and never gave back (it
// died) are reclaimed after a delay far beyond the parse timeout, by which time that parser has surely
// been killed.
#pragma once

#include <chrono>
#include <cstddef>
#include <string_view>
#include <vector>

#include "arachne/status.h"
#include "common/unique_fd.h"

namespace arachne {

struct BodyPoolLimits {
  std::size_t max_files = 256;              // pooled files at most
  std::size_t max_file_bytes = 2u << 20;    // a larger body goes into a file used once
  std::chrono::seconds reclaim_after{300};  // a file taken by a parser this long ago is free again
};

// A placed body: the descriptor to send. Pooled files stay the pool's; a file used once is owned here,
// and closed when this is destroyed (after sending: the receiver holds its own descriptor).
class PlacedBody {
 public:
  PlacedBody(int pooled_fd) : fd_(pooled_fd) {}  // NOLINT: a pooled file's descriptor, not owned
  PlacedBody(UniqueFd own) : fd_(own.get()), own_(std::move(own)) {}  // NOLINT
  int fd() const { return fd_; }
  bool pooled() const { return !own_; }

 private:
  int fd_;
  UniqueFd own_;
};

class BodyPool {
  struct File {
    UniqueFd fd;
    char* map = nullptr;
    std::size_t length = 0;  // of the file and of the mapping
  };

 public:
  // One body being written. It holds a file from its first byte (or Reserve) until Seal; destroyed
  // unsealed, it gives a pooled file back. Must not outlive its pool. Move-only.
  class Writer {
   public:
    explicit Writer(BodyPool& pool) : pool_(&pool) {}
    Writer(Writer&& other) noexcept;
    Writer& operator=(Writer&&) = delete;
    Writer(const Writer&) = delete;
    ~Writer();

    // Room for a body of `bytes` in all (a hint: the body may still grow past it).
    Status Reserve(std::size_t bytes);
    Status Append(std::string_view data);
    std::string_view view() const;
    // Forgets what was written, keeping the file.
    void Clear() { size_ = 0; }
    // The body, ready to send: marked queued. The writer is empty afterwards.
    Result<PlacedBody> Seal();

   private:
    static constexpr std::size_t kNotPooled = static_cast<std::size_t>(-1);
    File* file() { return pooled_ != kNotPooled ? &pool_->files_[pooled_] : own_.fd ? &own_ : nullptr; }
    const File* file() const { return const_cast<Writer*>(this)->file(); }
    Status Room(std::size_t body_bytes);
    void Release();

    BodyPool* pool_;
    std::size_t pooled_ = kNotPooled;  // the index of the pool's file held, or
    File own_;                         // a file of its own
    std::size_t size_ = 0;             // body bytes written
  };

  explicit BodyPool(BodyPoolLimits limits = {}) : limits_(limits) {}
  ~BodyPool();
  BodyPool(const BodyPool&) = delete;
  BodyPool& operator=(const BodyPool&) = delete;

  // `body` copied into a shared file marked queued, ready to be sent to a parser.
  Result<PlacedBody> Place(std::string_view body);

  std::size_t files() const { return files_.size(); }

 private:
  bool Reusable(File& file) const;
  // The index of a pooled file with room for `length` bytes (header included), marked as being filled:
  // the smallest free one that fits, else one grown or added; SIZE_MAX when none can be had (the body
  // then goes into a file of its own).
  Result<std::size_t> Take(std::size_t length);

  BodyPoolLimits limits_;
  std::vector<File> files_;
};

}  // namespace arachne
