// Fingerprint: the 128-bit identity of a normalized URL in the dedup store.
//
// XXH3-128 of the URL's bytes. With n URLs the chance that any two collide is about n^2 / 2^129: for a
// billion URLs, 1.5e-21. A collision would make a new URL look seen, so the bound matters; 64 bits would
// give 2.7% at 10^9 URLs, too much.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>

namespace arachne {

struct Fingerprint {
  std::uint64_t high = 0;
  std::uint64_t low = 0;
  friend bool operator==(const Fingerprint&, const Fingerprint&) = default;
};

Fingerprint FingerprintOf(std::string_view normalized_url);

struct FingerprintHash {
  // The bits are already uniformly mixed by XXH3: any 64 of them make a good hash.
  std::size_t operator()(const Fingerprint& f) const { return static_cast<std::size_t>(f.low); }
};

}  // namespace arachne
