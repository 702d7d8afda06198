#include "sitemap/gzip_decoder.h"

#include <gtest/gtest.h>

#include "sitemap/gzip_writer.h"
#include "sitemap/sitemap.h"

namespace arachne {
namespace {

using gzip_test::Gzip;
using gzip_test::GzipStream;

TEST(GzipDecoder, RecognizesGzipByItsMagicBytes) {
  EXPECT_TRUE(LooksGzipped(Gzip("x")));
  EXPECT_TRUE(LooksGzipped("\x1f\x8b"));
  EXPECT_FALSE(LooksGzipped("\x1f"));
  EXPECT_FALSE(LooksGzipped("<urlset>"));
  EXPECT_FALSE(LooksGzipped(""));
}

TEST(GzipDecoder, InflatesWhatWasDeflated) {
  const std::string text = "<urlset><url><loc>http://a/</loc></url></urlset>\n";
  Result<Inflated> inflated = Gunzip(Gzip(text), 1 << 20);
  ASSERT_TRUE(inflated.ok()) << inflated.status().ToString();
  EXPECT_EQ(inflated->bytes, text);
  EXPECT_FALSE(inflated->truncated);
}

TEST(GzipDecoder, ReadsEveryMemberOfAMultiMemberFile) {  // RFC 1952 section 2.2
  Result<Inflated> inflated = Gunzip(Gzip("first ") + Gzip("second"), 1 << 20);
  ASSERT_TRUE(inflated.ok()) << inflated.status().ToString();
  EXPECT_EQ(inflated->bytes, "first second");
}

TEST(GzipDecoder, StopsAtTheCap) {
  Result<Inflated> inflated = Gunzip(Gzip(std::string(1000, 'a')), 100);
  ASSERT_TRUE(inflated.ok());
  EXPECT_EQ(inflated->bytes, std::string(100, 'a'));
  EXPECT_TRUE(inflated->truncated);
  Result<Inflated> exact = Gunzip(Gzip(std::string(100, 'a')), 100);
  ASSERT_TRUE(exact.ok());
  EXPECT_EQ(exact->bytes.size(), 100u);
}

TEST(GzipDecoder, ABombStopsAtTheCapWithoutAllocatingPastIt) {
  const std::string bomb = GzipStream("", '\0', std::size_t{200} << 20, "");  // 200 MiB of zeros
  EXPECT_LT(bomb.size(), 1u << 20);
  Result<Inflated> inflated = Gunzip(bomb, kSitemapMaxBytes);
  ASSERT_TRUE(inflated.ok()) << inflated.status().ToString();
  EXPECT_EQ(inflated->bytes.size(), kSitemapMaxBytes);
  EXPECT_LE(inflated->bytes.capacity(), kSitemapMaxBytes);
  EXPECT_TRUE(inflated->truncated);
}

TEST(GzipDecoder, DataCutShortKeepsWhatWasInflated) {
  const std::string whole = Gzip(std::string(100000, 'a') + std::string(100000, 'b'));
  Result<Inflated> inflated = Gunzip(std::string_view(whole).substr(0, whole.size() - 10), 1 << 20);
  ASSERT_TRUE(inflated.ok()) << inflated.status().ToString();
  EXPECT_GT(inflated->bytes.size(), 0u);
  EXPECT_FALSE(inflated->truncated);
}

TEST(GzipDecoder, CorruptOrEmptyDataIsAnError) {
  EXPECT_FALSE(Gunzip(std::string("\x1f\x8b\x08garbage", 10), 1 << 20).ok());
  EXPECT_FALSE(Gunzip(std::string("\x1f\x8b", 2), 1 << 20).ok());
  EXPECT_FALSE(Gunzip("not gzip at all", 1 << 20).ok());
  EXPECT_FALSE(Gunzip("", 1 << 20).ok());
}

}  // namespace
}  // namespace arachne
