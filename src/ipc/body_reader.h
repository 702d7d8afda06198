// BodyReader: the parser's side of shared bodies (shared_body.h): maps the file behind a descriptor from
// the parse queue, marks it taken, and gives it back (free) when the body is no longer needed.
//
// A fetcher reuses its files (BodyPool), so the same file comes back page after page: the reader keeps
// the mappings of pooled files (the most recently used, up to a count and a total size) and maps a file
// only the first time it sees it, instead of mapping and unmapping for every page.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "arachne/status.h"
#include "common/unique_fd.h"

namespace arachne {

class BodyReader;

// One body, readable until this is destroyed, which gives the file back to its fetcher. Move-only.
class SharedBodyView {
 public:
  SharedBodyView(SharedBodyView&& other) noexcept;
  SharedBodyView& operator=(SharedBodyView&&) = delete;
  SharedBodyView(const SharedBodyView&) = delete;
  ~SharedBodyView();

  std::string_view view() const { return body_; }

 private:
  friend class BodyReader;
  SharedBodyView(char* map, std::size_t length, bool cached, std::string_view body)
      : map_(map), length_(length), cached_(cached), body_(body) {}

  char* map_ = nullptr;
  std::size_t length_ = 0;
  bool cached_ = false;  // the mapping stays in the reader's cache; else it is unmapped here
  std::string_view body_;
};

class BodyReader {
 public:
  static constexpr std::size_t kMaxCachedFiles = 512;
  static constexpr std::size_t kMaxCachedBytes = 256u << 20;

  BodyReader() = default;
  ~BodyReader();
  BodyReader(const BodyReader&) = delete;
  BodyReader& operator=(const BodyReader&) = delete;

  // The body in the file behind `fd`, marked taken. Fails on a file that is not a shared body (too
  // short, wrong magic, a size past its end). Only one view at a time: the previous one must be gone.
  Result<SharedBodyView> Open(UniqueFd fd);

  std::size_t cached_files() const { return cache_.size(); }

 private:
  struct Mapping {
    dev_t dev = 0;
    ino_t ino = 0;
    std::size_t length = 0;
    char* map = nullptr;
    std::uint64_t last_use = 0;
  };

  void Evict(std::size_t keep_bytes);

  std::vector<Mapping> cache_;
  std::size_t cached_bytes_ = 0;
  std::uint64_t uses_ = 0;
};

}  // namespace arachne
