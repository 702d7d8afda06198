#include "sitemap/sitemap_xml.h"

#include <expat.h>
#include <gtest/gtest.h>

#include <memory>

namespace arachne {
namespace {

using Urls = std::vector<std::string>;

struct Read {
  Status status;
  Sitemap sitemap;
};

Read ReadXml(std::string_view xml, bool complete = true, std::uint64_t lines_before = 0) {
  Read read;
  read.status = ReadXmlSitemap({xml, "http://a/s.xml", lines_before, complete}, read.sitemap);
  return read;
}

TEST(SitemapXml, OnlyTheLocDirectlyInsideAnEntryCounts) {
  Read r = ReadXml(R"(<urlset xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
    <loc>http://a/root-level</loc>
    <url><loc>http://a/page</loc><image:image><image:loc>http://a/pic.png</image:loc></image:image></url>
    <url><image:image><image:loc>http://a/only-a-picture.png</image:loc></image:image></url>
    <url><lastmod>2024-01-01</lastmod><loc>http://a/<b>bold</b>-text</loc></url>
    <sitemap><loc>http://a/not-in-a-urlset.xml</loc></sitemap>
  </urlset>)");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.sitemap.pages, (Urls{"http://a/page", "http://a/-text"}));
  EXPECT_TRUE(r.sitemap.sitemaps.empty());
}

TEST(SitemapXml, AnIndexGivesSitemapsNotPages) {
  Read r = ReadXml(R"(<sitemapindex><sitemap><loc>http://a/1.xml</loc></sitemap>
    <url><loc>http://a/not-in-an-index</loc></url></sitemapindex>)");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.sitemap.sitemaps, (Urls{"http://a/1.xml"}));
  EXPECT_TRUE(r.sitemap.pages.empty());
}

TEST(SitemapXml, UndeclaredPrefixesAreTolerated) {
  // Real sitemaps use image: without declaring it; expat's namespace mode would stop at "unbound prefix".
  Read r = ReadXml(
      "<urlset><url><loc>http://a/1</loc><image:image><image:loc>http://a/p.png</image:loc>"
      "</image:image></url><sm:url><sm:loc>http://a/2</sm:loc></sm:url></urlset>");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.sitemap.pages, (Urls{"http://a/1", "http://a/2"}));
}

TEST(SitemapXml, EntitiesAndCharacterReferencesAreDecoded) {
  Read r =
      ReadXml("<urlset><url><loc>http://a/?x=1&amp;y=&apos;2&apos;&amp;z=&#x41;&#66;</loc></url></urlset>");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.sitemap.pages, (Urls{"http://a/?x=1&y=%272%27&z=AB"}));
}

TEST(SitemapXml, AnotherRootIsRefusedAtOnce) {
  Read r = ReadXml("<feed><url><loc>http://a/1</loc></url></feed>");
  EXPECT_FALSE(r.status.ok());
  EXPECT_EQ(r.status.message(), "sitemap http://a/s.xml: line 1: not a sitemap (root element <feed>)");
  EXPECT_TRUE(r.sitemap.pages.empty());
}

TEST(SitemapXml, ErrorsSayTheLineOfTheFile) {
  Read r = ReadXml("<urlset>\n<url><loc>http://a/1</loc></url>\n<url></oops>", true, 2);
  EXPECT_EQ(r.status.message(), "sitemap http://a/s.xml: line 5: mismatched tag");
  EXPECT_EQ(r.sitemap.pages, (Urls{"http://a/1"}));
}

TEST(SitemapXml, AnIncompleteDocumentEndsWithoutError) {
  Read cut = ReadXml("<urlset><url><loc>http://a/1</loc></url><url><loc>http://a/cut-he", false);
  EXPECT_TRUE(cut.status.ok()) << cut.status.ToString();
  EXPECT_EQ(cut.sitemap.pages, (Urls{"http://a/1"}));  // not the unfinished one
  Read unclosed = ReadXml("<urlset><url><loc>http://a/1</loc></url>", true);
  EXPECT_FALSE(unclosed.status.ok());
}

TEST(SitemapXml, EntityDeclarationsAreRefused) {
  Read r =
      ReadXml("<!DOCTYPE urlset [<!ENTITY e \"http://a/e\">]><urlset><url><loc>&e;</loc></url></urlset>");
  EXPECT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("entity declarations are not allowed"), std::string::npos)
      << r.status.message();
  EXPECT_TRUE(r.sitemap.pages.empty());
}

// The second line of defence, should a sitemap's entity declarations ever be let through: the expat in use
// (2.4 and later, as in Debian 12) stops a "billion laughs" by its own amplification limit.
TEST(SitemapXml, ExpatItselfBoundsEntityAmplification) {
  std::string xml = "<!DOCTYPE urlset [<!ENTITY l0 \"lol\">";
  for (int i = 1; i <= 12; ++i) {
    xml += "<!ENTITY l" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) xml += "&l" + std::to_string(i - 1) + ";";
    xml += "\">";
  }
  xml += "]><urlset><url><loc>&l12;</loc></url></urlset>";
  std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(XML_ParserCreate(nullptr),
                                                                      &XML_ParserFree);
  ASSERT_TRUE(parser);
  EXPECT_EQ(XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE), XML_STATUS_ERROR);
  EXPECT_EQ(XML_GetErrorCode(parser.get()), XML_ERROR_AMPLIFICATION_LIMIT_BREACH);
}

TEST(SitemapXml, ADoctypeWithoutEntitiesIsFineAndItsExternalDtdIsNotLoaded) {
  Read r = ReadXml(
      "<!DOCTYPE urlset SYSTEM \"file:///etc/passwd\"><urlset><url><loc>http://a/1</loc></url></urlset>");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.sitemap.pages, (Urls{"http://a/1"}));
}

TEST(SitemapXml, StopsAtTheUrlCap) {
  std::string xml = "<urlset>";
  for (std::size_t i = 0; i <= kSitemapMaxUrls; ++i)
    xml += "<url><loc>http://a/" + std::to_string(i) + "</loc></url>";
  xml += "<url><oops></urlset>";  // never reached
  Read r = ReadXml(xml);
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.sitemap.pages.size(), kSitemapMaxUrls);
  EXPECT_TRUE(r.sitemap.truncated);
}

}  // namespace
}  // namespace arachne
