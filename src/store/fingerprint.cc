#include "store/fingerprint.h"

#include <xxhash.h>

namespace arachne {

Fingerprint FingerprintOf(std::string_view normalized_url) {
  XXH128_hash_t h = XXH3_128bits(normalized_url.data(), normalized_url.size());
  return Fingerprint{h.high64, h.low64};
}

}  // namespace arachne
