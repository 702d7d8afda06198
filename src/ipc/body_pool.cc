#include "ipc/body_pool.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "common/errno_status.h"
#include "ipc/shared_body.h"

namespace arachne {
namespace {

constexpr std::size_t kMinFileBytes = 64u << 10;
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

std::size_t RoundUp(std::size_t n, std::size_t to) {
  return (n + to - 1) / to * to;
}

SharedBodyHeader& HeaderOf(char* map) {
  return *reinterpret_cast<SharedBodyHeader*>(map);
}

void SetState(char* map, SharedBodyState state) {
  StateOf(HeaderOf(map)).store(static_cast<std::uint32_t>(state), std::memory_order_release);
}

// Sets the file's size to `length` and maps it (anew, or moved to fit).
template <typename File>
Status Resize(File& file, std::size_t length) {
  if (::ftruncate(file.fd.get(), static_cast<off_t>(length)) != 0) return ErrnoStatus("ftruncate body file");
  void* map = file.map == nullptr
                  ? ::mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_SHARED, file.fd.get(), 0)
                  : ::mremap(file.map, file.length, length, MREMAP_MAYMOVE);
  if (map == MAP_FAILED) return ErrnoStatus("map body file");
  file.map = static_cast<char*>(map);
  file.length = length;
  return Status::Ok();
}

template <typename File>
Result<File> NewFile(std::size_t length) {
  File file;
  file.fd.reset(::memfd_create("arachne-body", MFD_CLOEXEC));
  if (!file.fd) return ErrnoStatus("memfd_create");
  if (Status s = Resize(file, RoundUp(length, 4096)); !s.ok()) return s;
  return file;
}

}  // namespace

BodyPool::~BodyPool() {
  for (File& file : files_) {
    if (file.map != nullptr) ::munmap(file.map, file.length);
  }
}

bool BodyPool::Reusable(File& file) const {
  SharedBodyHeader& header = HeaderOf(file.map);
  const auto state = static_cast<SharedBodyState>(StateOf(header).load(std::memory_order_acquire));
  if (state == SharedBodyState::kFree) return true;
  // Taken by a parser that has had far more than any parse deadline: it died holding it.
  return state == SharedBodyState::kTaken &&
         SharedBodyClockNs() - header.taken_at_ns >
             std::chrono::duration_cast<std::chrono::nanoseconds>(limits_.reclaim_after).count();
}

// The smallest free file that fits (best fit), so that a file grown for one of a site's few large pages
// keeps serving large pages and the many small ones go to small files: each file stays as large as the
// largest body it held, and first fit had grown most of them to the size of the large pages (the bench
// crawl's pool: 115 files holding 15 MB for pages of 30 KB median). Lengths are compared first, in the
// pool's own array; only a better candidate has its shared header read.
Result<std::size_t> BodyPool::Take(std::size_t length) {
  if (length > limits_.max_file_bytes) return kNone;
  const std::size_t smallest = RoundUp(std::max(length, kMinFileBytes), 4096);
  std::size_t fits = kNone;      // the smallest free file with room for `length`
  std::size_t too_small = kNone;  // else the largest free file without
  for (std::size_t i = 0; i < files_.size(); ++i) {
    const std::size_t file_length = files_[i].length;
    const bool room = file_length >= length;
    if (room ? fits != kNone && file_length >= files_[fits].length
             : fits != kNone || (too_small != kNone && file_length <= files_[too_small].length)) {
      continue;
    }
    if (!Reusable(files_[i])) continue;
    if (!room) {
      too_small = i;
      continue;
    }
    fits = i;
    if (file_length <= smallest) break;  // none can fit better
  }
  std::size_t chosen = fits;
  if (chosen == kNone && too_small != kNone) {
    File& file = files_[too_small];
    const std::size_t grown = std::min(limits_.max_file_bytes, std::max(length, file.length * 2));
    if (Status s = Resize(file, RoundUp(grown, 4096)); !s.ok()) return s;
    chosen = too_small;
  }
  if (chosen == kNone && files_.size() < limits_.max_files) {
    Result<File> file = NewFile<File>(smallest);
    if (!file.ok()) return file.status();
    files_.push_back(std::move(*file));
    chosen = files_.size() - 1;
  }
  if (chosen != kNone) SetState(files_[chosen].map, SharedBodyState::kFilling);
  return chosen;
}

Result<PlacedBody> BodyPool::Place(std::string_view body) {
  Writer writer(*this);
  if (Status s = writer.Reserve(body.size()); !s.ok()) return s;
  if (Status s = writer.Append(body); !s.ok()) return s;
  return writer.Seal();
}

BodyPool::Writer::Writer(Writer&& other) noexcept
    : pool_(other.pool_),
      pooled_(std::exchange(other.pooled_, kNotPooled)),
      own_(std::exchange(other.own_, {})),
      size_(std::exchange(other.size_, 0)) {}

BodyPool::Writer::~Writer() {
  Release();
}

void BodyPool::Writer::Release() {
  if (pooled_ != kNotPooled) SetState(pool_->files_[pooled_].map, SharedBodyState::kFree);
  pooled_ = kNotPooled;
  if (own_.map != nullptr) ::munmap(own_.map, own_.length);
  own_ = {};
  size_ = 0;
}

// A file with room for `body_bytes` of body: the one held, grown (pooled files up to the pool's cap,
// past which the body moves to a file of its own), or one taken now.
Status BodyPool::Writer::Room(std::size_t body_bytes) {
  const std::size_t needed = kSharedBodyHeaderBytes + body_bytes;
  File* held = file();
  if (held != nullptr && held->length >= needed) return Status::Ok();
  // Doubling, so that a body of unknown length costs few resizes.
  const std::size_t wanted = std::max({needed, kMinFileBytes, held != nullptr ? held->length * 2 : 0});
  if (held == nullptr) {
    Result<std::size_t> taken = pool_->Take(needed);
    if (!taken.ok()) return taken.status();
    if (*taken != kNone) {
      pooled_ = *taken;
      return Status::Ok();
    }
  } else if (held == &own_) {
    return Resize(own_, RoundUp(wanted, 4096));
  } else if (needed <= pool_->limits_.max_file_bytes) {
    return Resize(*held, RoundUp(std::min(wanted, pool_->limits_.max_file_bytes), 4096));
  }
  Result<File> own = NewFile<File>(wanted);
  if (!own.ok()) return own.status();
  if (held != nullptr) {  // a pooled file outgrown: its bytes move, and it goes back to the pool
    std::memcpy(own->map + kSharedBodyHeaderBytes, held->map + kSharedBodyHeaderBytes, size_);
    SetState(held->map, SharedBodyState::kFree);
    pooled_ = kNotPooled;
  }
  own_ = std::move(*own);
  return Status::Ok();
}

Status BodyPool::Writer::Reserve(std::size_t bytes) {
  return Room(std::max(bytes, size_));
}

Status BodyPool::Writer::Append(std::string_view data) {
  if (Status s = Room(size_ + data.size()); !s.ok()) return s;
  std::memcpy(file()->map + kSharedBodyHeaderBytes + size_, data.data(), data.size());
  size_ += data.size();
  return Status::Ok();
}

std::string_view BodyPool::Writer::view() const {
  const File* held = file();
  return held == nullptr ? std::string_view() : std::string_view(held->map + kSharedBodyHeaderBytes, size_);
}

Result<PlacedBody> BodyPool::Writer::Seal() {
  if (Status s = Room(size_); !s.ok()) return s;  // an empty body still needs its header
  File& held = *file();
  SharedBodyHeader& header = HeaderOf(held.map);
  header.magic = kSharedBodyMagic;
  header.pooled = pooled_ != kNotPooled ? 1 : 0;
  header.size = size_;
  header.taken_at_ns = 0;
  SetState(held.map, SharedBodyState::kQueued);
  if (pooled_ != kNotPooled) {
    const int fd = held.fd.get();
    pooled_ = kNotPooled;  // the parser gives it back
    size_ = 0;
    return PlacedBody(fd);
  }
  UniqueFd fd = std::move(own_.fd);
  Release();
  return PlacedBody(std::move(fd));
}

}  // namespace arachne
