#include "store/fingerprint_set.h"

namespace arachne {
namespace {

constexpr std::size_t kInitialSlots = 1024;  // a power of two

bool IsZero(const Fingerprint& f) { return f.high == 0 && f.low == 0; }

}  // namespace

FingerprintSet::FingerprintSet() : slots_(kInitialSlots), mask_(kInitialSlots - 1) {}

std::size_t FingerprintSet::Find(const Fingerprint& f) const {
  // XXH3's bits are uniformly mixed already (FingerprintHash): the low ones pick the slot.
  std::size_t i = static_cast<std::size_t>(f.low) & mask_;
  while (!IsZero(slots_[i]) && !(slots_[i] == f)) i = (i + 1) & mask_;
  return i;
}

bool FingerprintSet::Insert(const Fingerprint& f) {
  if (IsZero(f)) {
    if (has_zero_) return false;
    has_zero_ = true;
    ++size_;
    return true;
  }
  std::size_t i = Find(f);
  if (!IsZero(slots_[i])) return false;
  // At most 70% full, so that probes stay short (about 2 on a hit, 6 on a miss, with linear probing).
  if ((size_ + 1) * 10 > slots_.size() * 7) {
    Grow();
    i = Find(f);
  }
  slots_[i] = f;
  ++size_;
  return true;
}

bool FingerprintSet::Contains(const Fingerprint& f) const {
  if (IsZero(f)) return has_zero_;
  return !IsZero(slots_[Find(f)]);
}

void FingerprintSet::Grow() {
  std::vector<Fingerprint> old(slots_.size() * 2);
  old.swap(slots_);
  mask_ = slots_.size() - 1;
  for (const Fingerprint& f : old) {
    if (!IsZero(f)) slots_[Find(f)] = f;
  }
}

}  // namespace arachne
