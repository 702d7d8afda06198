#include "sitemap/sitemap_loc.h"

#include <gtest/gtest.h>

namespace arachne {
namespace {

using Urls = std::vector<std::string>;

TEST(SitemapLoc, TrimsWhitespace) {
  EXPECT_EQ(TrimSpace(" \t\r\n http://a/ \n"), "http://a/");
  EXPECT_EQ(TrimSpace("   "), "");
  EXPECT_EQ(TrimSpace(""), "");
}

TEST(SitemapLoc, AddsNormalizedUrlsWithoutTheirFragment) {
  Sitemap out;
  EXPECT_TRUE(AddLoc("\n  HTTP://Example.COM:80/a/../b?q=1#top \n", LocKind::kPage, out));
  EXPECT_TRUE(AddLoc("https://example.com/s.xml.gz", LocKind::kSitemap, out));
  EXPECT_EQ(out.pages, (Urls{"http://example.com/b?q=1"}));
  EXPECT_EQ(out.sitemaps, (Urls{"https://example.com/s.xml.gz"}));
  EXPECT_EQ(out.skipped, 0u);
}

TEST(SitemapLoc, SkipsAndCountsWhatIsNotAnAbsoluteHttpUrl) {
  Sitemap out;
  for (const char* loc : {"/relative", "page.html", "ftp://a/file", "javascript:alert(1)", "mailto:x@y",
                          "http://", "", "file:///etc/passwd"}) {
    EXPECT_TRUE(AddLoc(loc, LocKind::kPage, out)) << loc;
  }
  EXPECT_TRUE(out.pages.empty());
  EXPECT_EQ(out.skipped, 8u);
}

TEST(SitemapLoc, SkipsOverlongUrlsRatherThanCuttingThem) {
  Sitemap out;
  EXPECT_TRUE(AddLoc("http://a/" + std::string(kSitemapMaxLocBytes, 'x'), LocKind::kPage, out));
  EXPECT_TRUE(out.pages.empty());
  EXPECT_EQ(out.skipped, 1u);
}

TEST(SitemapLoc, TheFiftyThousandAndFirstUrlTruncates) {
  Sitemap out;
  out.pages.assign(kSitemapMaxUrls - 1, "http://a/");
  EXPECT_TRUE(AddLoc("http://a/last", LocKind::kPage, out));
  EXPECT_FALSE(out.truncated);
  EXPECT_EQ(out.pages.size(), kSitemapMaxUrls);
  EXPECT_FALSE(AddLoc("http://a/over", LocKind::kPage, out));
  EXPECT_TRUE(out.truncated);
  EXPECT_EQ(out.pages.size(), kSitemapMaxUrls);
  EXPECT_EQ(out.pages.back(), "http://a/last");
}

}  // namespace
}  // namespace arachne
