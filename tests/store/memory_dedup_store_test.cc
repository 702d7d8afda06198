#include "store/memory_dedup_store.h"

#include <gtest/gtest.h>

#include <string>

namespace arachne {
namespace {

TEST(MemoryDedupStore, FirstInsertIsNewSecondIsNot) {
  MemoryDedupStore store;
  EXPECT_TRUE(*store.Insert("http://a/1"));
  EXPECT_FALSE(*store.Insert("http://a/1"));
  EXPECT_TRUE(*store.Insert("http://a/2"));
  EXPECT_EQ(store.size(), 2u);
  EXPECT_TRUE(*store.Contains("http://a/1"));
  EXPECT_FALSE(*store.Contains("http://a/3"));
}

TEST(MemoryDedupStore, ManyDistinctUrlsAreAllNew) {
  MemoryDedupStore store;
  for (int i = 0; i < 100000; ++i) {
    ASSERT_TRUE(*store.Insert("http://127.0.0.1:8080/p/" + std::to_string(i) + ".html")) << i;
  }
  EXPECT_EQ(store.size(), 100000u);
}

TEST(Fingerprint, DiffersForUrlsThatDifferInOneByte) {
  EXPECT_FALSE(FingerprintOf("http://a/1") == FingerprintOf("http://a/2"));
  EXPECT_TRUE(FingerprintOf("http://a/1") == FingerprintOf("http://a/1"));
  EXPECT_FALSE(FingerprintOf("") == FingerprintOf(std::string_view("\0", 1)));
}

}  // namespace
}  // namespace arachne
