#include "store/job_store.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "support/job_store_entries.h"
#include "support/temp_dir.h"
#include "support/value_or_fail.h"

namespace arachne {
namespace {

using test::MetaWithPrefix;
using test::OpenOrFail;
using test::Pairs;
using test::Queued;
using test::Robots;
using test::SeenKeys;
using test::TempDir;
std::optional<std::string> MetaOf(const JobStore& store, std::string_view key) {
  return test::ValueOrFail(store.Meta(key));
}

// One entry of every kind, pending.
void PutOneOfEach(JobStore& store) {
  store.AddSeen(42);
  store.PutQueued(7, "queued seven");
  store.PutRobots("http://a.test:80", "robots of a");
  store.PutMeta("state", "running");
}

TEST(JobStore, PendingWritesAreInvisibleUntilCommit) {
  TempDir dir;
  auto store = OpenOrFail(dir.File("job"));
  ASSERT_NE(store, nullptr);
  // An empty batch has a few bytes of its own (RocksDB's header): compare with it.
  const std::size_t empty = store->pending_bytes();
  PutOneOfEach(*store);
  EXPECT_GT(store->pending_bytes(), empty + 30);

  EXPECT_TRUE(SeenKeys(*store).empty());
  EXPECT_TRUE(Queued(*store).empty());
  EXPECT_TRUE(Robots(*store).empty());
  EXPECT_TRUE(MetaWithPrefix(*store, "").empty());
  EXPECT_EQ(MetaOf(*store, "state"), std::nullopt);

  ASSERT_TRUE(store->Commit().ok());
  EXPECT_EQ(store->pending_bytes(), empty);
  EXPECT_EQ(SeenKeys(*store), std::vector<std::uint64_t>{42});
  EXPECT_EQ(Queued(*store), (std::vector<std::pair<std::uint64_t, std::string>>{{7, "queued seven"}}));
  EXPECT_EQ(Robots(*store), (Pairs{{"http://a.test:80", "robots of a"}}));
  EXPECT_EQ(MetaOf(*store, "state"), "running");
}

TEST(JobStore, OpenCreatesTheFolderAndItsParents) {
  TempDir dir;
  auto store = OpenOrFail(dir.File("a/b/job"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->dir(), dir.File("a/b/job"));
  EXPECT_TRUE(std::filesystem::is_directory(dir.File("a/b/job")));
}

TEST(JobStore, EntriesComeBackInKeyOrder) {
  TempDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_NE(store, nullptr);
  // Written out of order, and past one byte: 256 sorts after 255 only if keys are big-endian.
  for (std::uint64_t seq : {256ull, 3ull, 65536ull, 255ull, 1ull, 257ull, 4294967296ull}) {
    store->PutQueued(seq, "v" + std::to_string(seq));
  }
  for (std::uint64_t key : {0xffffffffffffffffull, 512ull, 2ull, 0ull, 1ull << 40}) store->AddSeen(key);
  store->PutRobots("https://b.test", "b");
  store->PutRobots("http://z.test", "z");
  store->PutRobots("http://a.test", "a");
  store->PutMeta("zeta", "1");
  store->PutMeta("alpha", "2");
  ASSERT_TRUE(store->Commit().ok());

  EXPECT_EQ(Queued(*store),
            (std::vector<std::pair<std::uint64_t, std::string>>{{1, "v1"},
                                                                {3, "v3"},
                                                                {255, "v255"},
                                                                {256, "v256"},
                                                                {257, "v257"},
                                                                {65536, "v65536"},
                                                                {4294967296u, "v4294967296"}}));
  EXPECT_EQ(SeenKeys(*store), (std::vector<std::uint64_t>{0, 2, 512, 1ull << 40, 0xffffffffffffffffull}));
  EXPECT_EQ(Robots(*store), (Pairs{{"http://a.test", "a"}, {"http://z.test", "z"}, {"https://b.test", "b"}}));
  EXPECT_EQ(MetaWithPrefix(*store, ""), (Pairs{{"alpha", "2"}, {"zeta", "1"}}));
}

TEST(JobStore, ForEachQueuedFromASequenceNumber) {
  TempDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_NE(store, nullptr);
  for (std::uint64_t seq : {1ull, 2ull, 255ull, 256ull, 300ull, 65536ull}) store->PutQueued(seq, "q");
  ASSERT_TRUE(store->Commit().ok());
  auto from = [&](std::uint64_t first) {
    std::vector<std::uint64_t> seqs;
    EXPECT_TRUE(store
                    ->ForEachQueued(
                        [&](std::uint64_t seq, std::string_view) {
                          seqs.push_back(seq);
                          return true;
                        },
                        first)
                    .ok());
    return seqs;
  };
  EXPECT_EQ(from(0), (std::vector<std::uint64_t>{1, 2, 255, 256, 300, 65536}));
  EXPECT_EQ(from(2), (std::vector<std::uint64_t>{2, 255, 256, 300, 65536}));
  EXPECT_EQ(from(3), (std::vector<std::uint64_t>{255, 256, 300, 65536}));
  EXPECT_EQ(from(256), (std::vector<std::uint64_t>{256, 300, 65536}));
  EXPECT_EQ(from(257), (std::vector<std::uint64_t>{300, 65536}));
  EXPECT_EQ(from(65537), std::vector<std::uint64_t>{});
}

TEST(JobStore, DeleteQueuedAndOverwritesApplyAtCommit) {
  TempDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_NE(store, nullptr);
  store->PutQueued(1, "one");
  store->PutQueued(2, "two");
  store->PutMeta("k", "old");
  ASSERT_TRUE(store->Commit().ok());
  store->DeleteQueued(1);
  store->PutQueued(2, "two again");
  store->PutMeta("k", "new");
  EXPECT_EQ(Queued(*store), (std::vector<std::pair<std::uint64_t, std::string>>{{1, "one"}, {2, "two"}}));
  ASSERT_TRUE(store->Commit().ok());
  EXPECT_EQ(Queued(*store), (std::vector<std::pair<std::uint64_t, std::string>>{{2, "two again"}}));
  EXPECT_EQ(MetaOf(*store, "k"), "new");
}

TEST(JobStore, BinaryValuesSurvive) {
  TempDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_NE(store, nullptr);
  const std::string value("a\0b\xff", 4);
  store->PutQueued(9, value);
  store->PutMeta(std::string("k\0ey", 4), value);
  ASSERT_TRUE(store->Commit().ok());
  EXPECT_EQ(Queued(*store), (std::vector<std::pair<std::uint64_t, std::string>>{{9, value}}));
  EXPECT_EQ(MetaOf(*store, std::string("k\0ey", 4)), value);
  EXPECT_EQ(MetaOf(*store, "k"), std::nullopt);
}

TEST(JobStore, ReopeningKeepsCommittedEntriesAndLosesPendingOnes) {
  TempDir dir;
  {
    auto store = OpenOrFail(dir.path());
    ASSERT_NE(store, nullptr);
    PutOneOfEach(*store);
    ASSERT_TRUE(store->Commit().ok());
    store->AddSeen(43);
    store->PutQueued(8, "never committed");
    store->DeleteQueued(7);
    store->PutRobots("http://b.test:80", "never committed");
    store->PutMeta("state", "finished");
    store->PutMeta("other", "never committed");
  }
  auto store = OpenOrFail(dir.path());
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(SeenKeys(*store), std::vector<std::uint64_t>{42});
  EXPECT_EQ(Queued(*store), (std::vector<std::pair<std::uint64_t, std::string>>{{7, "queued seven"}}));
  EXPECT_EQ(Robots(*store), (Pairs{{"http://a.test:80", "robots of a"}}));
  EXPECT_EQ(MetaWithPrefix(*store, ""), (Pairs{{"state", "running"}}));
}

TEST(JobStore, ASecondOpenOfAFolderInUseFails) {
  TempDir dir;
  auto first = OpenOrFail(dir.path());
  ASSERT_NE(first, nullptr);
  Result<std::unique_ptr<JobStore>> second = JobStore::Open(dir.path());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Status::Code::kIoError);
  EXPECT_NE(second.status().message().find("in use"), std::string::npos) << second.status().message();
  EXPECT_NE(second.status().message().find(dir.path()), std::string::npos) << second.status().message();
  first.reset();
  EXPECT_TRUE(JobStore::Open(dir.path()).ok()) << "closing the first store frees the folder";
}

TEST(JobStore, OpenForReadingAFolderWithoutAJobIsNotFound) {
  TempDir dir;
  Result<std::unique_ptr<JobStore>> empty = JobStore::OpenForReading(dir.path());
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), Status::Code::kNotFound);

  dir.Write("notes.txt", "not a job\n");
  Result<std::unique_ptr<JobStore>> other = JobStore::OpenForReading(dir.path());
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), Status::Code::kNotFound);
  EXPECT_NE(other.status().message().find(dir.path()), std::string::npos) << other.status().message();

  EXPECT_EQ(JobStore::OpenForReading(dir.File("missing")).status().code(), Status::Code::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(dir.File("missing"))) << "reading must not create the folder";
}

TEST(JobStore, OpenForReadingSeesCommittedStateWhileTheFolderIsOpen) {
  TempDir dir;
  auto writer = OpenOrFail(dir.path());
  ASSERT_NE(writer, nullptr);
  PutOneOfEach(*writer);
  ASSERT_TRUE(writer->Commit().ok());
  writer->PutQueued(8, "pending");

  Result<std::unique_ptr<JobStore>> reader = JobStore::OpenForReading(dir.path());
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ(SeenKeys(**reader), std::vector<std::uint64_t>{42});
  EXPECT_EQ(Queued(**reader), (std::vector<std::pair<std::uint64_t, std::string>>{{7, "queued seven"}}));
  EXPECT_EQ(Robots(**reader), (Pairs{{"http://a.test:80", "robots of a"}}));
  EXPECT_EQ(MetaOf(**reader, "state"), "running");

  (*reader)->PutMeta("state", "changed by a reader");
  const Status commit = (*reader)->Commit();
  EXPECT_FALSE(commit.ok());
  EXPECT_EQ(commit.code(), Status::Code::kInternal);

  // The writer is unaffected and still holds the folder.
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_EQ(Queued(*writer).size(), 2u);
  EXPECT_EQ(MetaOf(*writer, "state"), "running");
}

TEST(JobStore, ForEachMetaVisitsOnlyKeysWithThePrefix) {
  TempDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_NE(store, nullptr);
  store->PutMeta("host http://a", "1 0");
  store->PutMeta("host http://b", "2 1");
  store->PutMeta("hostname", "x");  // shares "host" but not "host "
  store->PutMeta("hos", "y");
  store->PutMeta("output /o.jsonl", "10");
  store->PutMeta("state", "running");
  store->PutMeta("a host x", "z");
  ASSERT_TRUE(store->Commit().ok());
  EXPECT_EQ(MetaWithPrefix(*store, "host "), (Pairs{{"host http://a", "1 0"}, {"host http://b", "2 1"}}));
  EXPECT_EQ(MetaWithPrefix(*store, "output "), (Pairs{{"output /o.jsonl", "10"}}));
  EXPECT_EQ(MetaWithPrefix(*store, "host").size(), 3u);
  EXPECT_TRUE(MetaWithPrefix(*store, "nothing").empty());
  EXPECT_TRUE(MetaWithPrefix(*store, "zzz").empty());
  EXPECT_EQ(MetaWithPrefix(*store, "").size(), 7u);
}

TEST(JobStore, AVisitorReturningFalseStopsTheWalk) {
  TempDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_NE(store, nullptr);
  for (std::uint64_t i = 1; i <= 5; ++i) {
    store->AddSeen(i);
    store->PutQueued(i, "q");
    store->PutRobots("http://h" + std::to_string(i), "r");
    store->PutMeta("m" + std::to_string(i), "v");
  }
  ASSERT_TRUE(store->Commit().ok());

  std::vector<std::uint64_t> seen;
  ASSERT_TRUE(store
                  ->ForEachSeen([&](std::uint64_t key) {
                    seen.push_back(key);
                    return seen.size() < 2;
                  })
                  .ok());
  EXPECT_EQ(seen, (std::vector<std::uint64_t>{1, 2}));

  std::vector<std::uint64_t> queued;
  ASSERT_TRUE(store
                  ->ForEachQueued([&](std::uint64_t seq, std::string_view) {
                    queued.push_back(seq);
                    return seq < 3;
                  })
                  .ok());
  EXPECT_EQ(queued, (std::vector<std::uint64_t>{1, 2, 3}));

  int robots = 0;
  ASSERT_TRUE(store->ForEachRobots([&](std::string_view, std::string_view) { return ++robots < 1; }).ok());
  EXPECT_EQ(robots, 1);

  std::vector<std::string> meta;
  ASSERT_TRUE(store
                  ->ForEachMeta("m",
                                [&](std::string_view key, std::string_view) {
                                  meta.emplace_back(key);
                                  return meta.size() < 4;
                                })
                  .ok());
  EXPECT_EQ(meta, (std::vector<std::string>{"m1", "m2", "m3", "m4"}));
}

}  // namespace
}  // namespace arachne
