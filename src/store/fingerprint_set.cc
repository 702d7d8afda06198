#include "store/fingerprint_set.h"

namespace arachne {
namespace {

constexpr std::size_t kInitialSlots = 1024;
// Full at 4/5: linear probing then takes about 3 probes for a URL seen before and 13 for a new one, 8
// keys to a cache line. Grown by half, the table is 8/15 full again.
constexpr std::uint64_t kMaxFullNumerator = 4, kMaxFullDenominator = 5;

// The slot of `key` in a table of `slots`: the high bits of key * slots, a uniform map onto [0, slots)
// for any table size (no power of two, no division).
__extension__ using Uint128 = unsigned __int128;  // GCC's and Clang's; __extension__: not ISO C++
std::size_t Home(std::uint64_t key, std::size_t slots) {
  return static_cast<std::size_t>((static_cast<Uint128>(key) * slots) >> 64);
}

}  // namespace

FingerprintSet::FingerprintSet() : slots_(kInitialSlots) {}

std::size_t FingerprintSet::Find(std::uint64_t key) const {
  const std::size_t n = slots_.size();
  std::size_t i = Home(key, n);
  while (slots_[i] != 0 && slots_[i] != key) i = i + 1 == n ? 0 : i + 1;
  return i;
}

bool FingerprintSet::InsertKey(std::uint64_t key) {
  if (key == 0) {
    if (has_zero_) return false;
    has_zero_ = true;
    ++size_;
    return true;
  }
  std::size_t i = Find(key);
  if (slots_[i] != 0) return false;
  if ((size_ + 1) * kMaxFullDenominator > slots_.size() * kMaxFullNumerator) {
    Grow();
    i = Find(key);
  }
  slots_[i] = key;
  ++size_;
  return true;
}

bool FingerprintSet::ContainsKey(std::uint64_t key) const {
  if (key == 0) return has_zero_;
  return slots_[Find(key)] != 0;
}

void FingerprintSet::Grow() {
  std::vector<std::uint64_t> old(slots_.size() + slots_.size() / 2);
  old.swap(slots_);
  for (std::uint64_t key : old) {
    if (key != 0) slots_[Find(key)] = key;
  }
}

}  // namespace arachne
