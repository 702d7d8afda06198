#include "sitemap/text_sitemap.h"

#include <gtest/gtest.h>

namespace arachne {
namespace {

using Urls = std::vector<std::string>;

Sitemap Read(std::string_view text, bool complete = true) {
  Sitemap out;
  ReadTextSitemap(text, complete, out);
  return out;
}

TEST(TextSitemap, OneUrlALine) {
  Sitemap s = Read("http://a/1\r\n\n  http://a/2  \nnot a url\nmailto:x@y\nhttp://a/3");
  EXPECT_EQ(s.pages, (Urls{"http://a/1", "http://a/2", "http://a/3"}));
  EXPECT_EQ(s.skipped, 2u);
  EXPECT_TRUE(s.sitemaps.empty());
  EXPECT_FALSE(s.truncated);
}

TEST(TextSitemap, ACutBodyLosesItsUnfinishedLastLine) {
  EXPECT_EQ(Read("http://a/1\nhttp://a/2\nhttp://a/lon", false).pages, (Urls{"http://a/1", "http://a/2"}));
  EXPECT_EQ(Read("http://a/1\nhttp://a/2\n", false).pages, (Urls{"http://a/1", "http://a/2"}));
  EXPECT_TRUE(Read("http://a/unfinished", false).pages.empty());
}

TEST(TextSitemap, StopsAfterFiftyThousandUrls) {
  std::string text;
  for (int i = 0; i < 50000; ++i) text += "http://a/" + std::to_string(i) + "\n";
  Sitemap exact = Read(text + "\n\n");
  EXPECT_EQ(exact.pages.size(), 50000u);
  EXPECT_FALSE(exact.truncated);
  Sitemap over = Read(text + "http://a/over\n");
  EXPECT_EQ(over.pages.size(), 50000u);
  EXPECT_TRUE(over.truncated);
}

TEST(TextSitemap, AHugeLineIsSkippedNotParsed) {
  Sitemap s = Read("http://a/" + std::string(10 << 20, 'x') + "\nhttp://a/ok\n");
  EXPECT_EQ(s.pages, (Urls{"http://a/ok"}));
  EXPECT_EQ(s.skipped, 1u);
}

}  // namespace
}  // namespace arachne
