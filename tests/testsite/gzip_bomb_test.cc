#include "testsite/gzip_bomb.h"

#include <gtest/gtest.h>

#include <string>

#include "testsite/gzip.h"

namespace arachne::testsite {
namespace {

std::string All(GzipBomb& bomb) {
  std::string member;
  for (int pieces = 0; pieces < 100'000; ++pieces) {  // bounded: a small bomb has a handful
    std::optional<std::string> piece = bomb.Next();
    if (!piece) return member;
    member += *piece;
  }
  ADD_FAILURE() << "the bomb does not end";
  return member;
}

TEST(GzipBombTest, InflatesToExactlyTheSizeAskedWithAValidTrailer) {
  const std::string head(GzipBomb::kHead);
  for (std::uint64_t size : {std::uint64_t{0}, std::uint64_t{10}, std::uint64_t{head.size()},
                             std::uint64_t{1} << 20, (std::uint64_t{3} << 20) + 17}) {
    Result<GzipBomb> bomb = GzipBomb::Create(size);
    ASSERT_TRUE(bomb.ok()) << bomb.status().ToString();
    const std::uint64_t announced = bomb->compressed_bytes();
    const std::string member = All(*bomb);
    EXPECT_EQ(member.size(), announced) << size;
    // GzipDecompress checks the CRC-32 and the size in the trailer, and that nothing follows.
    Result<std::string> inflated = GzipDecompress(member);
    ASSERT_TRUE(inflated.ok()) << size << ": " << inflated.status().ToString();
    ASSERT_EQ(inflated->size(), size);
    EXPECT_EQ(inflated->substr(0, head.size()), head.substr(0, size));
    if (size > head.size()) {
      EXPECT_EQ(inflated->find_first_not_of(' ', head.size()), std::string::npos) << size;
    }
  }
}

TEST(GzipBombTest, TenGibibytesWeighAboutTenMegabytes) {
  Result<GzipBomb> bomb = GzipBomb::Create(10ull << 30);
  ASSERT_TRUE(bomb.ok());
  // Deflate's best is about 1032:1.
  EXPECT_LT(bomb->compressed_bytes(), 11'000'000u);
  EXPECT_GT(bomb->compressed_bytes(), (10ull << 30) / 1100);
  // Pieces stay small, so a server never holds the bomb whole.
  std::optional<std::string> first = bomb->Next();
  std::optional<std::string> second = bomb->Next();
  ASSERT_TRUE(first && second);
  EXPECT_LT(first->size(), 1024u);
  EXPECT_LE(second->size(), 128u * 1024);
  EXPECT_TRUE(first->starts_with("\x1f\x8b\x08"));
}

}  // namespace
}  // namespace arachne::testsite
