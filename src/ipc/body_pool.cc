#include "ipc/body_pool.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "common/errno_status.h"
#include "ipc/shared_body.h"

namespace arachne {
namespace {

constexpr std::size_t kMinFileBytes = 64u << 10;

std::size_t RoundUp(std::size_t n, std::size_t to) { return (n + to - 1) / to * to; }

SharedBodyHeader* HeaderOf(char* map) { return reinterpret_cast<SharedBodyHeader*>(map); }

Status WriteAll(int fd, std::string_view data, off_t offset) {
  while (!data.empty()) {
    const ssize_t n = ::pwrite(fd, data.data(), data.size(), offset);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return ErrnoStatus("write body to memfd");
    data.remove_prefix(static_cast<std::size_t>(n));
    offset += n;
  }
  return Status::Ok();
}

}  // namespace

BodyPool::~BodyPool() {
  for (File& file : files_) {
    if (file.map != nullptr) ::munmap(file.map, file.length);
  }
}

bool BodyPool::Reusable(File& file) const {
  SharedBodyHeader& header = *HeaderOf(file.map);
  const auto state = static_cast<SharedBodyState>(StateOf(header).load(std::memory_order_acquire));
  if (state == SharedBodyState::kFree) return true;
  // Taken by a parser that has had far more than any parse deadline: it died holding it.
  return state == SharedBodyState::kTaken &&
         SharedBodyClockNs() - header.taken_at_ns >
             std::chrono::duration_cast<std::chrono::nanoseconds>(limits_.reclaim_after).count();
}

Status BodyPool::Resize(File& file, std::size_t length) {
  if (::ftruncate(file.fd.get(), static_cast<off_t>(length)) != 0) return ErrnoStatus("ftruncate body file");
  void* map = file.map == nullptr
                  ? ::mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_SHARED, file.fd.get(), 0)
                  : ::mremap(file.map, file.length, length, MREMAP_MAYMOVE);
  if (map == MAP_FAILED) return ErrnoStatus("map body file");
  file.map = static_cast<char*>(map);
  file.length = length;
  return Status::Ok();
}

Result<PlacedBody> BodyPool::Place(std::string_view body) {
  const std::size_t needed = kSharedBodyHeaderBytes + body.size();
  if (needed > limits_.max_file_bytes) return PlaceOnce(body);
  File* chosen = nullptr;
  File* too_small = nullptr;
  for (File& file : files_) {
    if (!Reusable(file)) continue;
    if (file.length >= needed) {
      chosen = &file;
      break;
    }
    if (too_small == nullptr) too_small = &file;
  }
  if (chosen == nullptr && too_small != nullptr) {
    const std::size_t length = std::min(limits_.max_file_bytes, std::max(needed, too_small->length * 2));
    if (Status s = Resize(*too_small, RoundUp(length, 4096)); !s.ok()) return s;
    chosen = too_small;
  }
  if (chosen == nullptr && files_.size() < limits_.max_files) {
    File file;
    file.fd.reset(::memfd_create("arachne-body", MFD_CLOEXEC));
    if (!file.fd) return ErrnoStatus("memfd_create");
    if (Status s = Resize(file, RoundUp(std::max(needed, kMinFileBytes), 4096)); !s.ok()) return s;
    files_.push_back(std::move(file));
    chosen = &files_.back();
  }
  if (chosen == nullptr) return PlaceOnce(body);  // every pooled file is in use
  SharedBodyHeader& header = *HeaderOf(chosen->map);
  header.magic = kSharedBodyMagic;
  header.pooled = 1;
  header.size = body.size();
  header.taken_at_ns = 0;
  std::memcpy(chosen->map + kSharedBodyHeaderBytes, body.data(), body.size());
  StateOf(header).store(static_cast<std::uint32_t>(SharedBodyState::kQueued), std::memory_order_release);
  return PlacedBody(chosen->fd.get());
}

Result<PlacedBody> BodyPool::PlaceOnce(std::string_view body) const {
  UniqueFd fd(::memfd_create("arachne-body", MFD_CLOEXEC));
  if (!fd) return ErrnoStatus("memfd_create");
  char header_bytes[kSharedBodyHeaderBytes] = {};
  SharedBodyHeader header{};
  header.magic = kSharedBodyMagic;
  header.state = static_cast<std::uint32_t>(SharedBodyState::kQueued);
  header.pooled = 0;
  header.size = body.size();
  std::memcpy(header_bytes, &header, sizeof header);
  if (Status s = WriteAll(fd.get(), std::string_view(header_bytes, sizeof header_bytes), 0); !s.ok()) return s;
  if (Status s = WriteAll(fd.get(), body, sizeof header_bytes); !s.ok()) return s;
  return PlacedBody(std::move(fd));
}

}  // namespace arachne
