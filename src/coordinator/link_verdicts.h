// LinkVerdicts: what the coordinator decided about a link, by the link's spelling, so that the same link
// met again costs one hash lookup instead of a URL parse, a normalization and the trap rules.
//
// Pages link to the same URLs over and over (navigation, footers, pagination): on the test site each of
// 33,000 URLs arrives seventy times. The decision for a spelling never changes during a crawl (the parse,
// the normalizer and the traps depend on the string alone, and a URL admitted once is in the dedup store
// for good), so it can be remembered. The memory is bounded: when the table is full it starts afresh,
// and what it forgot is decided again the slow way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "scope/trap_rules.h"
#include "store/fingerprint.h"

namespace arachne {

struct LinkVerdict {
  enum class Kind : std::uint8_t {
    kAdmitted,  // normalized and recorded in the dedup store: any later sight is a duplicate
    kInvalid,   // not an http(s) URL
    kTrap,      // over one of the URL caps (`trap` says which)
  };
  Kind kind = Kind::kInvalid;
  Trap trap = Trap::kNone;
};

class LinkVerdicts {
 public:
  // Up to `max_links` remembered, in a table that grows to twice that many slots of 24 bytes (12 MiB
  // by default).
  explicit LinkVerdicts(std::size_t max_links = 1u << 18);

  // The verdict remembered for `link`, or nullptr.
  const LinkVerdict* Find(std::string_view link) const;
  // Starts loading the slot where Find(link) will look, so that the cache miss (the table is megabytes,
  // visited at random) overlaps other work: called a few links ahead of Find, it took the table's share
  // of the coordinator's time on the bench crawl from 28% to 10%.
  void Prefetch(std::string_view link) const;
  void Remember(std::string_view link, LinkVerdict verdict);
  std::size_t size() const { return size_; }

 private:
  struct Slot {
    Fingerprint key;  // {0, 0}: empty
    LinkVerdict verdict;
  };
  std::size_t Probe(const Fingerprint& key) const;
  void Resize(std::size_t slots);

  std::vector<Slot> slots_;
  std::size_t mask_;
  std::size_t max_links_;
  std::size_t size_ = 0;
};

}  // namespace arachne
