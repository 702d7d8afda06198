#include "store/memory_dedup_store.h"

namespace arachne {

Result<bool> MemoryDedupStore::Insert(std::string_view normalized_url) {
  return seen_.insert(FingerprintOf(normalized_url)).second;
}

Result<bool> MemoryDedupStore::Contains(std::string_view normalized_url) const {
  return seen_.count(FingerprintOf(normalized_url)) != 0;
}

}  // namespace arachne
