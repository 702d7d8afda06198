#include "store/memory_dedup_store.h"

namespace arachne {

Result<bool> MemoryDedupStore::Insert(std::string_view normalized_url) {
  return seen_.Insert(FingerprintOf(normalized_url));
}

Result<bool> MemoryDedupStore::Contains(std::string_view normalized_url) const {
  return seen_.Contains(FingerprintOf(normalized_url));
}

}  // namespace arachne
