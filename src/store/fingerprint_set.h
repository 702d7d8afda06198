// FingerprintSet: a set of URL fingerprints in one flat array, open addressing with linear probing.
//
// The coordinator asks the dedup store about every link it has not decided before by its spelling
// (link_verdicts.h). A node-based hash set costs a cache miss to reach each node and an allocation per
// URL, 40 bytes and more; here a lookup is one probe into contiguous memory, and a URL costs 8 bytes over
// a table kept between 53% and 80% full: 10 to 15 bytes a URL once past the first few hundred (the table
// grows by half, not double, and needs no power-of-two size), so that 50 million URLs take at most 750
// MB. While it grows, the old table and the new one exist together for a moment.
//
// What is kept of a URL is 64 bits of its XXH3-128 fingerprint. Two URLs of a crawl with the same 64 bits
// would make the second one look seen, and it would not be fetched: with n URLs the chance that any two
// share them is about n^2 / 2^65, 1 in 15,000 for a crawl of 50 million URLs, 3% for one of a billion.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "store/fingerprint.h"

namespace arachne {

class FingerprintSet {
 public:
  FingerprintSet();

  // The 64 bits of a fingerprint the set keeps: XXH3's bits are uniformly mixed, so any 64 will do.
  static std::uint64_t KeyOf(const Fingerprint& f) { return f.low; }

  // Adds `f`. True if it was not in the set.
  bool Insert(const Fingerprint& f) { return InsertKey(KeyOf(f)); }
  bool Contains(const Fingerprint& f) const { return ContainsKey(KeyOf(f)); }
  // The same, by key (a set saved as keys and read back).
  bool InsertKey(std::uint64_t key);
  bool ContainsKey(std::uint64_t key) const;
  std::uint64_t size() const { return size_; }
  // The memory the set holds, in bytes.
  std::size_t bytes() const { return slots_.capacity() * sizeof(std::uint64_t); }

 private:
  // The slot where `key` is, or the empty slot where it would go.
  std::size_t Find(std::uint64_t key) const;
  void Grow();

  // A slot holding 0 is empty; the key 0 itself (one in 2^64) is kept aside.
  std::vector<std::uint64_t> slots_;
  std::uint64_t size_ = 0;
  bool has_zero_ = false;
};

}  // namespace arachne
