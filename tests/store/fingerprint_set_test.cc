#include "store/fingerprint_set.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <set>
#include <utility>

namespace arachne {
namespace {

TEST(FingerprintSet, InsertSaysWhetherItWasNew) {
  FingerprintSet set;
  const Fingerprint a{1, 2}, b{1, 3};
  EXPECT_FALSE(set.Contains(a));
  EXPECT_TRUE(set.Insert(a));
  EXPECT_FALSE(set.Insert(a));
  EXPECT_TRUE(set.Insert(b));
  EXPECT_TRUE(set.Contains(a));
  EXPECT_TRUE(set.Contains(b));
  EXPECT_FALSE(set.Contains(Fingerprint{2, 2}));
  EXPECT_EQ(set.size(), 2u);
}

TEST(FingerprintSet, TheZeroFingerprintIsAMemberLikeAnyOther) {
  // {0, 0} marks an empty slot inside the table; the set must still hold it as a value.
  FingerprintSet set;
  EXPECT_FALSE(set.Contains(Fingerprint{0, 0}));
  EXPECT_TRUE(set.Insert(Fingerprint{0, 0}));
  EXPECT_FALSE(set.Insert(Fingerprint{0, 0}));
  EXPECT_TRUE(set.Contains(Fingerprint{0, 0}));
  EXPECT_TRUE(set.Insert(Fingerprint{0, 1}));
  EXPECT_EQ(set.size(), 2u);
}

TEST(FingerprintSet, CollidingSlotsAndGrowthKeepEveryMember) {
  // Same low bits (one slot) for many: probing must go past each; then enough to grow the table often.
  FingerprintSet set;
  for (std::uint64_t i = 1; i <= 500; ++i) ASSERT_TRUE(set.Insert(Fingerprint{i, 42}));
  std::mt19937_64 random(7);
  std::set<std::pair<std::uint64_t, std::uint64_t>> truth;
  for (int i = 0; i < 300'000; ++i) {
    const Fingerprint f{random() % 1'000'000, random()};
    EXPECT_EQ(set.Insert(f), truth.insert({f.high, f.low}).second);
  }
  EXPECT_EQ(set.size(), truth.size() + 500);
  for (std::uint64_t i = 1; i <= 500; ++i) EXPECT_TRUE(set.Contains(Fingerprint{i, 42})) << i;
  for (const auto& [high, low] : truth) ASSERT_TRUE(set.Contains(Fingerprint{high, low}));
  EXPECT_FALSE(set.Contains(Fingerprint{0, 42}));
}

}  // namespace
}  // namespace arachne
