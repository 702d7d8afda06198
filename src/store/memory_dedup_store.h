// MemoryDedupStore: the default DedupStore, a hash set of URL fingerprints in this process.
#pragma once

#include "store/dedup_store.h"
#include "store/fingerprint.h"
#include "store/fingerprint_set.h"

namespace arachne {

class MemoryDedupStore final : public DedupStore {
 public:
  Result<bool> Insert(std::string_view normalized_url) override;
  Result<bool> Contains(std::string_view normalized_url) const override;
  std::uint64_t size() const override { return seen_.size(); }

 private:
  FingerprintSet seen_;
};

}  // namespace arachne
