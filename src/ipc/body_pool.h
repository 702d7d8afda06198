// BodyPool: the fetcher's shared-memory files for page bodies (shared_body.h), reused from page to page.
//
// Place() copies a body into a free file of the pool (growing one, or adding one, as needed) and gives
// the descriptor to attach to a ParseJob; the pool keeps the file and takes it back once the parser has
// marked it free. A body too large for the pool, or one met while every file is in use, goes into a file
// of its own, used once. Files a parser took and never gave back (it died) are reclaimed after a delay
// far beyond the parse timeout, by which time that parser has surely been killed.
#pragma once

#include <chrono>
#include <cstddef>
#include <string_view>
#include <vector>

#include "arachne/status.h"
#include "common/unique_fd.h"

namespace arachne {

struct BodyPoolLimits {
  std::size_t max_files = 256;                 // pooled files at most
  std::size_t max_file_bytes = 2u << 20;       // a larger body goes into a file used once
  std::chrono::seconds reclaim_after{300};     // a file taken by a parser this long ago is free again
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
 public:
  explicit BodyPool(BodyPoolLimits limits = {}) : limits_(limits) {}
  ~BodyPool();
  BodyPool(const BodyPool&) = delete;
  BodyPool& operator=(const BodyPool&) = delete;

  // `body` in a shared file marked queued, ready to be sent to a parser.
  Result<PlacedBody> Place(std::string_view body);

  std::size_t files() const { return files_.size(); }

 private:
  struct File {
    UniqueFd fd;
    char* map = nullptr;
    std::size_t length = 0;  // of the file and of the mapping
  };

  bool Reusable(File& file) const;
  Result<PlacedBody> PlaceOnce(std::string_view body) const;
  Status Resize(File& file, std::size_t length);

  BodyPoolLimits limits_;
  std::vector<File> files_;
};

}  // namespace arachne
