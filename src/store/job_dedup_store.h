// JobDedupStore: the DedupStore of a crawl with a job folder (--job): what MemoryDedupStore keeps, also
// written to the job's JobStore, and read back from it when the crawl resumes.
//
// Lookups never touch the disk: the fingerprint keys of every URL seen are in memory (FingerprintSet, at
// most 16 bytes a URL), loaded from the store when it opens. A new URL's key joins the store's pending
// writes, and so reaches the disk with the commit that also saves the frontier entry queued for it.
#pragma once

#include <memory>

#include "store/dedup_store.h"
#include "store/fingerprint_set.h"
#include "store/job_store.h"

namespace arachne {

class JobDedupStore final : public DedupStore {
 public:
  // Reads the keys `store` holds; `store` must outlive this.
  static Result<std::unique_ptr<JobDedupStore>> Load(JobStore& store);

  Result<bool> Insert(std::string_view normalized_url) override;
  Result<bool> Contains(std::string_view normalized_url) const override;
  std::uint64_t size() const override { return seen_.size(); }

 private:
  explicit JobDedupStore(JobStore& store) : store_(store) {}

  JobStore& store_;
  FingerprintSet seen_;
};

}  // namespace arachne
