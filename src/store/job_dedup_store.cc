#include "store/job_dedup_store.h"

#include <memory>

#include "store/fingerprint.h"

namespace arachne {

Result<std::unique_ptr<JobDedupStore>> JobDedupStore::Load(JobStore& store) {
  std::unique_ptr<JobDedupStore> dedup(new JobDedupStore(store));
  Status s = store.ForEachSeen([&](std::uint64_t key) {
    dedup->seen_.InsertKey(key);
    return true;
  });
  if (!s.ok()) return s;
  return dedup;
}

Result<bool> JobDedupStore::Insert(std::string_view normalized_url) {
  const std::uint64_t key = FingerprintSet::KeyOf(FingerprintOf(normalized_url));
  if (!seen_.InsertKey(key)) return false;
  store_.AddSeen(key);
  return true;
}

Result<bool> JobDedupStore::Contains(std::string_view normalized_url) const {
  return seen_.Contains(FingerprintOf(normalized_url));
}

}  // namespace arachne
