#include "testsite/gzip.h"

#include <gtest/gtest.h>

#include <string>

namespace arachne::testsite {
namespace {

TEST(GzipTest, RoundTrips) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "line " + std::to_string(i) + " of some text\n";
  Result<std::string> packed = GzipCompress(text);
  ASSERT_TRUE(packed.ok()) << packed.status().ToString();
  EXPECT_LT(packed->size(), text.size() / 4);
  // RFC 1952 section 2.3.1: ID1 ID2 CM = 1f 8b 08.
  ASSERT_GE(packed->size(), 3u);
  EXPECT_EQ(static_cast<unsigned char>((*packed)[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>((*packed)[1]), 0x8b);
  EXPECT_EQ((*packed)[2], 8);
  Result<std::string> unpacked = GzipDecompress(*packed);
  ASSERT_TRUE(unpacked.ok()) << unpacked.status().ToString();
  EXPECT_EQ(*unpacked, text);
}

TEST(GzipTest, EmptyInputRoundTrips) {
  Result<std::string> packed = GzipCompress("");
  ASSERT_TRUE(packed.ok());
  Result<std::string> unpacked = GzipDecompress(*packed);
  ASSERT_TRUE(unpacked.ok());
  EXPECT_EQ(*unpacked, "");
}

TEST(GzipTest, DecompressRejectsGarbageAndTruncation) {
  EXPECT_FALSE(GzipDecompress("this is not gzip").ok());
  std::string packed = *GzipCompress(std::string(10000, 'x') + "tail");
  EXPECT_FALSE(GzipDecompress(packed.substr(0, packed.size() - 6)).ok());
  EXPECT_FALSE(GzipDecompress(packed + "junk").ok());
}

TEST(GzipTest, AcceptsGzipFollowsQValues) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("deflate, gzip;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("GZIP"));
  EXPECT_TRUE(AcceptsGzip("br, *"));
  EXPECT_TRUE(AcceptsGzip("x-gzip"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip("deflate, br"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("*, gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("*;q=0"));
}

}  // namespace
}  // namespace arachne::testsite
