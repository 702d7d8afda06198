#include "ipc/body_reader.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <algorithm>
#include <utility>

#include "common/errno_status.h"
#include "ipc/shared_body.h"

namespace arachne {
namespace {

SharedBodyHeader& HeaderOf(char* map) { return *reinterpret_cast<SharedBodyHeader*>(map); }

}  // namespace

SharedBodyView::SharedBodyView(SharedBodyView&& other) noexcept
    : map_(std::exchange(other.map_, nullptr)),
      length_(std::exchange(other.length_, 0)),
      cached_(other.cached_),
      body_(std::exchange(other.body_, {})) {}

SharedBodyView::~SharedBodyView() {
  if (map_ == nullptr) return;
  StateOf(HeaderOf(map_)).store(static_cast<std::uint32_t>(SharedBodyState::kFree), std::memory_order_release);
  if (!cached_) ::munmap(map_, length_);
}

BodyReader::~BodyReader() {
  for (const Mapping& m : cache_) ::munmap(m.map, m.length);
}

void BodyReader::Evict(std::size_t keep_bytes) {
  while (!cache_.empty() && (cache_.size() >= kMaxCachedFiles || cached_bytes_ + keep_bytes > kMaxCachedBytes)) {
    auto oldest = std::min_element(cache_.begin(), cache_.end(),
                                   [](const Mapping& a, const Mapping& b) { return a.last_use < b.last_use; });
    ::munmap(oldest->map, oldest->length);
    cached_bytes_ -= oldest->length;
    *oldest = cache_.back();
    cache_.pop_back();
  }
}

Result<SharedBodyView> BodyReader::Open(UniqueFd fd) {
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return ErrnoStatus("fstat body");
  const auto length = static_cast<std::size_t>(st.st_size);
  if (length < kSharedBodyHeaderBytes) return Status::ProtocolError("body file shorter than its header");
  Mapping* cached = nullptr;
  for (Mapping& m : cache_) {
    if (m.dev == st.st_dev && m.ino == st.st_ino) {
      cached = &m;
      break;
    }
  }
  if (cached != nullptr && cached->length != length) {  // the fetcher grew the file: map it anew
    ::munmap(cached->map, cached->length);
    cached_bytes_ -= cached->length;
    *cached = cache_.back();
    cache_.pop_back();
    cached = nullptr;
  }
  char* map;
  if (cached != nullptr) {
    map = cached->map;
    cached->last_use = ++uses_;
  } else {
    void* mapped = ::mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd.get(), 0);
    if (mapped == MAP_FAILED) return ErrnoStatus("mmap body");
    map = static_cast<char*>(mapped);
  }
  SharedBodyHeader& header = HeaderOf(map);
  const bool valid = header.magic == kSharedBodyMagic && header.size <= length - kSharedBodyHeaderBytes;
  const bool pooled = valid && header.pooled == 1;
  if (!valid) {
    if (cached == nullptr) ::munmap(map, length);
    return Status::ProtocolError("not a shared body (bad magic or size)");
  }
  if (pooled && cached == nullptr) {
    Evict(length);
    cache_.push_back(Mapping{st.st_dev, st.st_ino, length, map, ++uses_});
    cached_bytes_ += length;
  }
  header.taken_at_ns = SharedBodyClockNs();
  StateOf(header).store(static_cast<std::uint32_t>(SharedBodyState::kTaken), std::memory_order_release);
  return SharedBodyView(map, length, pooled,
                        std::string_view(map + kSharedBodyHeaderBytes, static_cast<std::size_t>(header.size)));
}

}  // namespace arachne
