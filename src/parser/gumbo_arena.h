// GumboArena: a bump allocator that Gumbo parses into, freed all at once.
//
// With malloc, Gumbo 0.10.1 allocates small pieces one by one (a node, each attribute, each string,
// buffers of 5 bytes that double as they grow) and frees them one by one, the tree by walking it
// (gumbo_destroy_output). The arena hands out memory from large blocks by moving a pointer, ignores each
// free, and frees its blocks together when it is destroyed, so a tree parsed into it is dropped without
// being walked, however deep it is. On one core (bench/parse_rate) that makes GumboDocument about 25%
// faster on the Python documentation, whose pages are many small nodes, and 3 to 7% on the test site;
// the rest is Gumbo's own tokenizing and tree building.
//
// The cost is memory. Gumbo grows its vectors and string buffers by allocate, copy, free (vector.c,
// string_buffer.c), and frees its tokenizer's scratch buffers as it goes; none of that is given back
// before the arena goes, so an arena holds more than the finished tree would take with malloc, mostly
// up to twice as much. Measured: 1.6 times over the Python documentation (whose trees take 11 times
// their HTML with malloc), 1.2 times for 200,000 links or 100,000 nested elements, 3 times for a page
// that is one 5 MB text node (built in a doubling buffer, then copied), and never less than one 64 KiB
// block. Nothing here bounds it: the callers cap a page's size (fetch max_body_bytes) and a parser's
// address space (sandbox.h).
//
// Under AddressSanitizer the arena poisons what it has not handed out, and a gap after each allocation,
// so that Gumbo overrunning a buffer is still caught (the fuzz targets parse with it). A use after free
// is not: the arena does not know what it is freeing.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <memory>
#include <vector>

namespace arachne {

class GumboArena {
 public:
  // Every allocation is aligned for any scalar type, as malloc's is.
  static constexpr std::size_t kAlignment = alignof(std::max_align_t);
  // The first block; each next one is twice as large, up to kMaxBlockBytes, so that a small page costs
  // one or a few allocations from the system, and a large one leaves at most 1 MiB unused at the end.
  static constexpr std::size_t kFirstBlockBytes = 64 * 1024;
  static constexpr std::size_t kMaxBlockBytes = 1024 * 1024;
  // The poisoned gap after each allocation: kAlignment under AddressSanitizer, 0 otherwise.
  static const std::size_t kRedZoneBytes;

  GumboArena() = default;
  ~GumboArena() = default;
  GumboArena(const GumboArena&) = delete;
  GumboArena& operator=(const GumboArena&) = delete;
  // Moving hands over the blocks, which do not move: pointers into them stay valid. The moved-from arena
  // is empty and usable. Options() name the arena object they were taken from: take them again after a
  // move.
  GumboArena(GumboArena&& other) noexcept;
  GumboArena& operator=(GumboArena&& other) noexcept;

  // `size` bytes, aligned to kAlignment, valid until the arena is destroyed or assigned to; a pointer of
  // its own even for 0 bytes. Like malloc, returns nullptr when memory runs out (Gumbo then crashes as it
  // would on malloc's).
  void* Allocate(std::size_t size) noexcept;

  // `base` with its allocator, deallocator and userdata set to this arena: for gumbo_parse_with_options.
  // The arena must stay where it is while Gumbo parses with them; the tree then lives as long as the
  // arena, and is freed with it: never call gumbo_destroy_output on it.
  GumboOptions Options(GumboOptions base) noexcept;

  // The bytes of all blocks: what the arena holds from the system.
  std::size_t reserved_bytes() const { return reserved_bytes_; }

 private:
  // Gumbo's GumboAllocatorFunction and GumboDeallocatorFunction, with the arena as userdata.
  static void* GumboAllocate(void* arena, std::size_t size);
  static void GumboDeallocate(void* arena, void* pointer);

  // Takes `bytes` (a multiple of kAlignment, gap included) from a new block.
  std::byte* TakeFromNewBlock(std::size_t bytes);

  // max_align_t elements, so that every block starts aligned to kAlignment.
  std::vector<std::unique_ptr<std::max_align_t[]>> blocks_;
  std::byte* next_ = nullptr;  // the free part of the current block
  std::byte* end_ = nullptr;
  std::size_t next_block_bytes_ = kFirstBlockBytes;
  std::size_t reserved_bytes_ = 0;
};

}  // namespace arachne
