#include "store/job_dedup_store.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "store/fingerprint_set.h"
#include "support/job_store_entries.h"
#include "support/temp_dir.h"
#include "support/value_or_fail.h"

namespace arachne {
namespace {

using test::OpenOrFail;
using test::SeenKeys;
using test::TempDir;
using test::ValueOrFail;

std::unique_ptr<JobDedupStore> LoadOrFail(JobStore& store) {
  return ValueOrFail(JobDedupStore::Load(store));
}

TEST(JobDedupStore, FirstInsertIsNewSecondIsNot) {
  TempDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_NE(store, nullptr);
  auto dedup = LoadOrFail(*store);
  ASSERT_NE(dedup, nullptr);
  EXPECT_EQ(dedup->size(), 0u);
  EXPECT_TRUE(*dedup->Insert("http://a/1"));
  EXPECT_FALSE(*dedup->Insert("http://a/1"));
  EXPECT_TRUE(*dedup->Insert("http://a/2"));
  EXPECT_EQ(dedup->size(), 2u);
  EXPECT_TRUE(*dedup->Contains("http://a/1"));
  EXPECT_TRUE(*dedup->Contains("http://a/2"));
  EXPECT_FALSE(*dedup->Contains("http://a/3"));
}

TEST(JobDedupStore, NewUrlsBecomePendingWritesOfTheirFingerprintKeys) {
  TempDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_NE(store, nullptr);
  const std::size_t empty = store->pending_bytes();
  auto dedup = LoadOrFail(*store);
  ASSERT_NE(dedup, nullptr);
  ASSERT_TRUE(*dedup->Insert("http://a/1"));
  const std::size_t after_one = store->pending_bytes();
  EXPECT_GE(after_one, empty + 8) << "the 8-byte key";
  ASSERT_FALSE(*dedup->Insert("http://a/1"));
  EXPECT_EQ(store->pending_bytes(), after_one) << "a URL seen before writes nothing";
  EXPECT_TRUE(SeenKeys(*store).empty()) << "nothing reaches the folder before Commit";
  ASSERT_TRUE(store->Commit().ok());
  EXPECT_EQ(SeenKeys(*store), std::vector<std::uint64_t>{FingerprintSet::KeyOf(FingerprintOf("http://a/1"))});
}

TEST(JobDedupStore, CommittedUrlsAreSeenAfterReloading) {
  TempDir dir;
  {
    auto store = OpenOrFail(dir.path());
    ASSERT_NE(store, nullptr);
    auto dedup = LoadOrFail(*store);
    ASSERT_NE(dedup, nullptr);
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(*dedup->Insert("http://a/" + std::to_string(i)));
    ASSERT_TRUE(store->Commit().ok());
  }
  auto store = OpenOrFail(dir.path());
  ASSERT_NE(store, nullptr);
  const std::size_t empty = store->pending_bytes();
  auto dedup = LoadOrFail(*store);
  ASSERT_NE(dedup, nullptr);
  EXPECT_EQ(dedup->size(), 1000u);
  for (int i = 0; i < 1000; ++i) {
    ASSERT_TRUE(*dedup->Contains("http://a/" + std::to_string(i))) << i;
    ASSERT_FALSE(*dedup->Insert("http://a/" + std::to_string(i))) << i;
  }
  EXPECT_FALSE(*dedup->Contains("http://a/1000"));
  EXPECT_EQ(store->pending_bytes(), empty) << "URLs loaded from the folder are not written again";
}

TEST(JobDedupStore, UncommittedUrlsAreForgottenOnReload) {
  TempDir dir;
  {
    auto store = OpenOrFail(dir.path());
    ASSERT_NE(store, nullptr);
    auto dedup = LoadOrFail(*store);
    ASSERT_NE(dedup, nullptr);
    ASSERT_TRUE(*dedup->Insert("http://a/committed"));
    ASSERT_TRUE(store->Commit().ok());
    ASSERT_TRUE(*dedup->Insert("http://a/pending"));
  }
  auto store = OpenOrFail(dir.path());
  ASSERT_NE(store, nullptr);
  auto dedup = LoadOrFail(*store);
  ASSERT_NE(dedup, nullptr);
  EXPECT_EQ(dedup->size(), 1u);
  EXPECT_TRUE(*dedup->Contains("http://a/committed"));
  EXPECT_FALSE(*dedup->Contains("http://a/pending"));
  EXPECT_TRUE(*dedup->Insert("http://a/pending"));
}

TEST(JobDedupStore, LoadsFromAFolderOpenedForReading) {
  TempDir dir;
  auto writer = OpenOrFail(dir.path());
  ASSERT_NE(writer, nullptr);
  writer->AddSeen(FingerprintSet::KeyOf(FingerprintOf("http://a/x")));
  ASSERT_TRUE(writer->Commit().ok());
  Result<std::unique_ptr<JobStore>> reader = JobStore::OpenForReading(dir.path());
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto dedup = LoadOrFail(**reader);
  ASSERT_NE(dedup, nullptr);
  EXPECT_EQ(dedup->size(), 1u);
  EXPECT_TRUE(*dedup->Contains("http://a/x"));
}

TEST(FingerprintSet, KeysAndFingerprintsAgree) {
  FingerprintSet set;
  const Fingerprint f = FingerprintOf("http://a/1");
  EXPECT_EQ(FingerprintSet::KeyOf(f), f.low);
  EXPECT_TRUE(set.InsertKey(FingerprintSet::KeyOf(f)));
  EXPECT_TRUE(set.Contains(f));
  EXPECT_FALSE(set.Insert(f));
  EXPECT_TRUE(set.ContainsKey(f.low));
  EXPECT_FALSE(set.ContainsKey(f.low + 1));
  EXPECT_TRUE(set.InsertKey(0)) << "the key 0 is kept aside, but kept";
  EXPECT_TRUE(set.ContainsKey(0));
  EXPECT_FALSE(set.InsertKey(0));
  EXPECT_EQ(set.size(), 2u);
}

}  // namespace
}  // namespace arachne
