// A JobStore in tests: opened, and what it holds read back, each kind of entry as a list in key order.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/job_store.h"
#include "support/value_or_fail.h"

namespace arachne::test {

using Pairs = std::vector<std::pair<std::string, std::string>>;

inline std::unique_ptr<JobStore> OpenOrFail(const std::string& dir) {
  return ValueOrFail(JobStore::Open(dir));
}

inline std::vector<std::uint64_t> SeenKeys(const JobStore& store) {
  std::vector<std::uint64_t> keys;
  EXPECT_TRUE(store
                  .ForEachSeen([&](std::uint64_t key) {
                    keys.push_back(key);
                    return true;
                  })
                  .ok());
  return keys;
}

inline std::vector<std::pair<std::uint64_t, std::string>> Queued(const JobStore& store) {
  std::vector<std::pair<std::uint64_t, std::string>> entries;
  EXPECT_TRUE(store
                  .ForEachQueued([&](std::uint64_t seq, std::string_view value) {
                    entries.emplace_back(seq, std::string(value));
                    return true;
                  })
                  .ok());
  return entries;
}

inline Pairs Robots(const JobStore& store) {
  Pairs entries;
  EXPECT_TRUE(store
                  .ForEachRobots([&](std::string_view origin, std::string_view value) {
                    entries.emplace_back(std::string(origin), std::string(value));
                    return true;
                  })
                  .ok());
  return entries;
}

inline Pairs MetaWithPrefix(const JobStore& store, std::string_view prefix) {
  Pairs entries;
  EXPECT_TRUE(store
                  .ForEachMeta(prefix,
                               [&](std::string_view key, std::string_view value) {
                                 entries.emplace_back(std::string(key), std::string(value));
                                 return true;
                               })
                  .ok());
  return entries;
}

}  // namespace arachne::test
