#include "store/fingerprint_set.h"

#include <gtest/gtest.h>

#include <algorithm>
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
  EXPECT_FALSE(set.Contains(Fingerprint{2, 4}));
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
  // Small keys all have the first slot as their home: probing must go past each; then enough to grow the
  // table often.
  FingerprintSet set;
  for (std::uint64_t i = 1; i <= 500; ++i) ASSERT_TRUE(set.Insert(Fingerprint{42, i}));
  std::mt19937_64 random(7);
  std::set<std::pair<std::uint64_t, std::uint64_t>> truth;
  for (int i = 0; i < 300'000; ++i) {
    const Fingerprint f{random() % 1'000'000, random()};
    EXPECT_EQ(set.Insert(f), truth.insert({f.high, f.low}).second);
  }
  EXPECT_EQ(set.size(), truth.size() + 500);
  for (std::uint64_t i = 1; i <= 500; ++i) EXPECT_TRUE(set.Contains(Fingerprint{42, i})) << i;
  for (const auto& [high, low] : truth) ASSERT_TRUE(set.Contains(Fingerprint{high, low}));
  EXPECT_FALSE(set.Contains(Fingerprint{42, 501}));
}

// 64 of the fingerprint's 128 bits are kept (fingerprint_set.h): two URLs that share them are one to the
// set, which is the collision rate the header states.
TEST(FingerprintSet, TwoFingerprintsThatShareTheKeptBitsAreOneMember) {
  FingerprintSet set;
  EXPECT_TRUE(set.Insert(Fingerprint{1, 77}));
  EXPECT_FALSE(set.Insert(Fingerprint{2, 77}));
  EXPECT_TRUE(set.Contains(Fingerprint{3, 77}));
  EXPECT_EQ(set.size(), 1u);
}

// The memory the issue of bounded crawls asks for: at most 16 bytes a URL, at every size past the
// first few hundred URLs, growth included.
TEST(FingerprintSet, AUrlCostsAtMostSixteenBytes) {
  FingerprintSet set;
  std::mt19937_64 random(11);
  std::size_t most = 0;
  for (std::uint64_t n = 1; n <= 2'000'000; ++n) {
    set.Insert(Fingerprint{random(), random()});
    if (n >= 1000 && (n % 997 == 0 || n == 2'000'000)) {
      const double per_url = static_cast<double>(set.bytes()) / static_cast<double>(set.size());
      ASSERT_LE(per_url, 16.0) << "at " << n << " URLs";
      ASSERT_GE(per_url, 8.0) << "at " << n << " URLs";
      most = std::max(most, set.bytes());
    }
  }
  EXPECT_LE(most, 2'000'000u * 16u);
}

}  // namespace
}  // namespace arachne
