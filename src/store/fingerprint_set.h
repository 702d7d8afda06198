// FingerprintSet: a set of URL fingerprints in one flat array, open addressing with linear probing.
//
// The coordinator asks the dedup store about every link of every page (seventy a page on the test site,
// two million for a 33,000-page crawl), nearly all of them seen before. A node-based hash set costs a
// cache miss to reach each node and an allocation per URL, 40 bytes and more of memory for 16 of
// fingerprint; here a lookup is one probe into contiguous memory, and a URL takes 16 bytes over a table
// kept between 35% and 70% full (23 to 46 bytes a URL).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "store/fingerprint.h"

namespace arachne {

class FingerprintSet {
 public:
  FingerprintSet();

  // Adds `f`. True if it was not in the set.
  bool Insert(const Fingerprint& f);
  bool Contains(const Fingerprint& f) const;
  std::uint64_t size() const { return size_; }

 private:
  // The slot where `f` is, or the empty slot where it would go.
  std::size_t Find(const Fingerprint& f) const;
  void Grow();

  // A slot holding {0, 0} is empty; the zero fingerprint itself (one in 2^128) is kept aside.
  std::vector<Fingerprint> slots_;
  std::size_t mask_ = 0;
  std::uint64_t size_ = 0;
  bool has_zero_ = false;
};

}  // namespace arachne
