// DedupStore: remembers every URL the crawl has queued, so each is fetched once.
//
// The coordinator asks it about every link it is given. Implementations: MemoryDedupStore (the default,
// gone when the process ends); an on-disk store in a job directory and a Redis store for crawls shared by
// several machines implement the same interface, and the coordinator does not know which it talks to.
#pragma once

#include <cstdint>
#include <string_view>

#include "arachne/status.h"

namespace arachne {

class DedupStore {
 public:
  virtual ~DedupStore() = default;
  // Records `normalized_url` as seen. True if it was not seen before (the caller should queue it).
  virtual Result<bool> Insert(std::string_view normalized_url) = 0;
  // Whether `normalized_url` has been recorded.
  virtual Result<bool> Contains(std::string_view normalized_url) const = 0;
  // URLs recorded.
  virtual std::uint64_t size() const = 0;
};

}  // namespace arachne
