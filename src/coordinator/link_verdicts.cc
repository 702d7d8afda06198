#include "coordinator/link_verdicts.h"

#include <algorithm>

namespace arachne {
namespace {

bool IsEmpty(const Fingerprint& f) { return f.high == 0 && f.low == 0; }

// The zero fingerprint marks an empty slot; a link that hashes to it (one in 2^128) is not remembered.
Fingerprint KeyOf(std::string_view link) { return FingerprintOf(link); }

}  // namespace

constexpr std::size_t kInitialSlots = 1024;

LinkVerdicts::LinkVerdicts(std::size_t max_links)
    : slots_(kInitialSlots), mask_(kInitialSlots - 1), max_links_(std::max<std::size_t>(1, max_links)) {}

void LinkVerdicts::Resize(std::size_t slots) {
  std::vector<Slot> old(slots);
  old.swap(slots_);
  mask_ = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (!IsEmpty(slot.key)) slots_[Probe(slot.key)] = slot;
  }
}

std::size_t LinkVerdicts::Probe(const Fingerprint& key) const {
  std::size_t i = static_cast<std::size_t>(key.low) & mask_;
  while (!IsEmpty(slots_[i].key) && !(slots_[i].key == key)) i = (i + 1) & mask_;
  return i;
}

const LinkVerdict* LinkVerdicts::Find(std::string_view link) const {
  const Fingerprint key = KeyOf(link);
  if (IsEmpty(key)) return nullptr;
  const Slot& slot = slots_[Probe(key)];
  return IsEmpty(slot.key) ? nullptr : &slot.verdict;
}

void LinkVerdicts::Prefetch(std::string_view link) const {
  __builtin_prefetch(&slots_[static_cast<std::size_t>(KeyOf(link).low) & mask_]);
}

void LinkVerdicts::Remember(std::string_view link, LinkVerdict verdict) {
  const Fingerprint key = KeyOf(link);
  if (IsEmpty(key)) return;
  std::size_t i = Probe(key);
  if (!IsEmpty(slots_[i].key)) {
    slots_[i].verdict = verdict;
    return;
  }
  if (size_ >= max_links_) {  // full: start afresh
    std::fill(slots_.begin(), slots_.end(), Slot{});
    size_ = 0;
    i = Probe(key);
  } else if ((size_ + 1) * 2 > slots_.size()) {  // at most half full, so that probes stay short
    Resize(slots_.size() * 2);
    i = Probe(key);
  }
  slots_[i] = Slot{key, verdict};
  ++size_;
}

}  // namespace arachne
