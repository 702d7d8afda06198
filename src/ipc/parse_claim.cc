#include "ipc/parse_claim.h"

#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <utility>

#include "common/errno_status.h"
#include "ipc/shared_body.h"

namespace arachne {

// Both fields are read and written atomically (atomic_ref, lock-free and so address-free: two processes
// mapping the page agree on them).
struct ParseClaim::Page {
  std::uint64_t id;  // 0: none
  std::int64_t since_ns;
};

namespace {

constexpr std::size_t kPageBytes = 4096;
static_assert(sizeof(std::uint64_t) * 2 <= kPageBytes);
static_assert(std::atomic_ref<std::uint64_t>::is_always_lock_free);
static_assert(std::atomic_ref<std::int64_t>::is_always_lock_free);

Result<void*> Map(int fd) {
  void* map = ::mmap(nullptr, kPageBytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED) return ErrnoStatus("map parse claim");
  return map;
}

}  // namespace

Result<ParseClaim> ParseClaim::Create() {
  UniqueFd fd(::memfd_create("arachne-claim", MFD_CLOEXEC));
  if (!fd) return ErrnoStatus("memfd_create parse claim");
  if (::ftruncate(fd.get(), kPageBytes) != 0) return ErrnoStatus("size parse claim");
  Result<void*> map = Map(fd.get());
  if (!map.ok()) return map.status();
  return ParseClaim(std::move(fd), static_cast<Page*>(*map));  // a new memfd reads as zeros: no claim
}

Result<ParseClaim> ParseClaim::Open(UniqueFd fd) {
  Result<void*> map = Map(fd.get());
  if (!map.ok()) return map.status();
  return ParseClaim(std::move(fd), static_cast<Page*>(*map));
}

ParseClaim::ParseClaim(ParseClaim&& other) noexcept
    : fd_(std::move(other.fd_)), page_(std::exchange(other.page_, nullptr)) {}

ParseClaim& ParseClaim::operator=(ParseClaim&& other) noexcept {
  if (this != &other) {
    if (page_ != nullptr) ::munmap(page_, kPageBytes);
    fd_ = std::move(other.fd_);
    page_ = std::exchange(other.page_, nullptr);
  }
  return *this;
}

ParseClaim::~ParseClaim() {
  if (page_ != nullptr) ::munmap(page_, kPageBytes);
}

void ParseClaim::Claim(std::uint64_t id) {
  // The time first, then the id that publishes it (release): a reader that sees the id sees this time or
  // a later one.
  std::atomic_ref<std::int64_t>(page_->since_ns).store(SharedBodyClockNs(), std::memory_order_relaxed);
  std::atomic_ref<std::uint64_t>(page_->id).store(id, std::memory_order_release);
}

void ParseClaim::Release() {
  std::atomic_ref<std::uint64_t>(page_->id).store(0, std::memory_order_release);
}

std::optional<ParseClaim::Held> ParseClaim::Current() const {
  const std::uint64_t id = std::atomic_ref<std::uint64_t>(page_->id).load(std::memory_order_acquire);
  if (id == 0) return std::nullopt;
  return Held{id, std::atomic_ref<std::int64_t>(page_->since_ns).load(std::memory_order_relaxed)};
}

}  // namespace arachne
