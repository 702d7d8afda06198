#include "parser/gumbo_arena.h"

#include <algorithm>
#include <limits>
#include <new>
#include <utility>

#if defined(__SANITIZE_ADDRESS__)
#define ARACHNE_ARENA_POISONS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARACHNE_ARENA_POISONS 1
#endif
#endif
#ifdef ARACHNE_ARENA_POISONS
#include <sanitizer/asan_interface.h>
#endif

namespace arachne {
namespace {

#ifdef ARACHNE_ARENA_POISONS
constexpr std::size_t kRedZone = GumboArena::kAlignment;
void Poison(const void* start, std::size_t bytes) {
  ASAN_POISON_MEMORY_REGION(start, bytes);
}
void Unpoison(const void* start, std::size_t bytes) {
  ASAN_UNPOISON_MEMORY_REGION(start, bytes);
}
#else
constexpr std::size_t kRedZone = 0;
void Poison(const void*, std::size_t) {}
void Unpoison(const void*, std::size_t) {}
#endif

static_assert((GumboArena::kAlignment & (GumboArena::kAlignment - 1)) == 0, "alignment is a power of two");
static_assert(GumboArena::kFirstBlockBytes % sizeof(std::max_align_t) == 0);
static_assert(GumboArena::kMaxBlockBytes % sizeof(std::max_align_t) == 0);

// A request above this share of the next block gets a block of its own: taking a new regular block for
// it would abandon the rest of the current one, and Gumbo's doubling buffers ask for ever larger sizes.
constexpr std::size_t kOwnBlockFraction = 4;

}  // namespace

const std::size_t GumboArena::kRedZoneBytes = kRedZone;

GumboArena::GumboArena(GumboArena&& other) noexcept
    : blocks_(std::move(other.blocks_)),
      next_(std::exchange(other.next_, nullptr)),
      end_(std::exchange(other.end_, nullptr)),
      next_block_bytes_(std::exchange(other.next_block_bytes_, kFirstBlockBytes)),
      reserved_bytes_(std::exchange(other.reserved_bytes_, 0)) {
  other.blocks_.clear();  // a moved-from vector is valid but unspecified; make it empty
}

GumboArena& GumboArena::operator=(GumboArena&& other) noexcept {
  if (this != &other) {
    blocks_ = std::move(other.blocks_);
    other.blocks_.clear();
    next_ = std::exchange(other.next_, nullptr);
    end_ = std::exchange(other.end_, nullptr);
    next_block_bytes_ = std::exchange(other.next_block_bytes_, kFirstBlockBytes);
    reserved_bytes_ = std::exchange(other.reserved_bytes_, 0);
  }
  return *this;
}

void* GumboArena::Allocate(std::size_t size) noexcept {
  if (size > std::numeric_limits<std::size_t>::max() - kAlignment - kRedZone) return nullptr;
  // Rounding every size up keeps next_ aligned; a zero-byte request still gets a pointer of its own,
  // as malloc(0) may give.
  std::size_t bytes =
      std::max<std::size_t>((size + kAlignment - 1) & ~(kAlignment - 1), kAlignment) + kRedZone;
  std::byte* start = nullptr;
  if (bytes <= static_cast<std::size_t>(end_ - next_)) {
    start = std::exchange(next_, next_ + bytes);
  } else {
    try {
      start = TakeFromNewBlock(bytes);
    } catch (const std::bad_alloc&) {
      return nullptr;  // Gumbo's C code must not see an exception
    }
  }
  Unpoison(start, size);
  return start;
}

std::byte* GumboArena::TakeFromNewBlock(std::size_t bytes) {
  bool own_block = bytes > next_block_bytes_ / kOwnBlockFraction;
  std::size_t elements =
      ((own_block ? bytes : next_block_bytes_) + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t);
  blocks_.push_back(std::make_unique_for_overwrite<std::max_align_t[]>(elements));
  auto* start = reinterpret_cast<std::byte*>(blocks_.back().get());
  std::size_t block_bytes = elements * sizeof(std::max_align_t);
  Poison(start, block_bytes);
  reserved_bytes_ += block_bytes;
  if (own_block) return start;  // the current block, if any, stays current with what it has left
  next_ = start + bytes;
  end_ = start + block_bytes;
  next_block_bytes_ = std::min(next_block_bytes_ * 2, kMaxBlockBytes);
  return start;
}

GumboOptions GumboArena::Options(GumboOptions base) noexcept {
  base.allocator = &GumboAllocate;
  base.deallocator = &GumboDeallocate;
  base.userdata = this;
  return base;
}

void* GumboArena::GumboAllocate(void* arena, std::size_t size) {
  return static_cast<GumboArena*>(arena)->Allocate(size);
}

// Gumbo frees the old array each time a vector or buffer grows, and its scratch buffers as it goes; all
// of it stays until the arena goes (see the header for what that costs).
void GumboArena::GumboDeallocate(void* /*arena*/, void* /*pointer*/) {}

}  // namespace arachne
