#include "sitemap/sitemap.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "sitemap/gzip_writer.h"

namespace arachne {
namespace {

using gzip_test::Gzip;
using gzip_test::GzipStream;
using Urls = std::vector<std::string>;

Sitemap Parse(std::string_view body) {
  Result<Sitemap> s = ParseSitemap(body, "http://a/sitemap.xml");
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? *s : Sitemap{};
}

std::string Error(std::string_view body) {
  Result<Sitemap> s = ParseSitemap(body, "http://a/s.xml");
  EXPECT_FALSE(s.ok());
  return s.ok() ? "" : s.status().message();
}

constexpr char kUrlset[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url><loc> http://a/one </loc><lastmod>2024-01-01</lastmod></url>
  <url><loc>http://a/two?x=1&amp;y=2#frag</loc><image:image><image:loc>http://a/pic.png</image:loc></image:image></url>
  <url><loc>/relative</loc></url>
  <url><loc>ftp://a/file</loc></url>
  <url><loc>javascript:alert(1)</loc></url>
</urlset>)";

TEST(Sitemap, UrlsetGivesItsPages) {
  Sitemap s = Parse(kUrlset);
  EXPECT_EQ(s.pages, (Urls{"http://a/one", "http://a/two?x=1&y=2"}));
  EXPECT_TRUE(s.sitemaps.empty());
  EXPECT_EQ(s.skipped, 3u);
  EXPECT_FALSE(s.truncated);
  EXPECT_EQ(s.error, "");
}

TEST(Sitemap, IndexGivesItsSitemaps) {
  Sitemap s = Parse(R"(<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>http://a/s1.xml.gz</loc><lastmod>2024-01-01</lastmod></sitemap><sitemap><loc>http://a/s2.xml</loc></sitemap>
  </sitemapindex>)");
  EXPECT_EQ(s.sitemaps, (Urls{"http://a/s1.xml.gz", "http://a/s2.xml"}));
  EXPECT_TRUE(s.pages.empty());
}

TEST(Sitemap, PrefixesAndNamespacesDoNotMatter) {
  EXPECT_EQ(Parse(R"(<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sm:url><sm:loc>http://a/p</sm:loc></sm:url></sm:urlset>)")
                .pages,
            (Urls{"http://a/p"}));
  EXPECT_EQ(Parse(R"(<urlset xmlns="http://example.com/not-quite-the-schema">
    <url><loc>http://a/q</loc></url></urlset>)")
                .pages,
            (Urls{"http://a/q"}));
  EXPECT_EQ(Parse("<urlset><url><loc>http://a/r</loc><image:image><image:loc>http://a/i.png</image:loc>"
                  "</image:image></url></urlset>")
                .pages,
            (Urls{"http://a/r"}));  // image: never declared
}

TEST(Sitemap, GzipIsRecognizedByItsBytes) {
  EXPECT_EQ(Parse(Gzip(kUrlset)).pages, (Urls{"http://a/one", "http://a/two?x=1&y=2"}));
  EXPECT_EQ(Parse(Gzip("http://a/1\nhttp://a/2\n")).pages, (Urls{"http://a/1", "http://a/2"}));
  EXPECT_EQ(Parse(Gzip("http://a/\n")).pages,
            (Urls{"http://a/"}));  // shorter than a std::string's own buffer
}

TEST(Sitemap, TextSitemapOneUrlALine) {
  Sitemap s = Parse("\xEF\xBB\xBFhttp://a/1\r\n\nhttp://a/2\nnot a url\nmailto:x@y\n");
  EXPECT_EQ(s.pages, (Urls{"http://a/1", "http://a/2"}));
  EXPECT_EQ(s.skipped, 2u);
}

TEST(Sitemap, WhitespaceAndAByteOrderMarkBeforeTheXmlDeclarationAreTolerated) {
  EXPECT_EQ(Parse("\xEF\xBB\xBF\n\n  <?xml version=\"1.0\"?><urlset><url><loc>http://a/</loc></url></urlset>")
                .pages,
            (Urls{"http://a/"}));
  Sitemap broken = Parse("\n\n<?xml version=\"1.0\"?>\n<urlset><url><loc>http://a/</loc></url>\n</oops>");
  EXPECT_EQ(broken.error, "sitemap http://a/sitemap.xml: line 5: mismatched tag");  // the file's line
}

TEST(Sitemap, AtMostFiftyThousandUrls) {
  std::string xml = "<urlset>";
  for (int i = 0; i < 50000; ++i) xml += "<url><loc>http://a/" + std::to_string(i) + "</loc></url>";
  Sitemap exact = Parse(xml + "</urlset>");
  EXPECT_EQ(exact.pages.size(), 50000u);
  EXPECT_FALSE(exact.truncated);
  Sitemap over = Parse(xml + "<url><loc>http://a/50000</loc></url></urlset>");
  EXPECT_EQ(over.pages.size(), 50000u);
  EXPECT_EQ(over.pages.back(), "http://a/49999");
  EXPECT_TRUE(over.truncated);
  EXPECT_EQ(over.error, "");
}

TEST(Sitemap, AGzipBombStopsAtFiftyMebibytes) {
  // 200 MiB of spaces after one URL: the sitemap is read up to the cap, and what it found is kept.
  const std::string bomb = GzipStream("<urlset><url><loc>http://a/1</loc></url>", ' ', std::size_t{200} << 20,
                                      "<url><loc>http://a/past-the-cap</loc></url></urlset>");
  EXPECT_LT(bomb.size(), 1u << 20);
  const auto start = std::chrono::steady_clock::now();
  Sitemap s = Parse(bomb);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(s.pages, (Urls{"http://a/1"}));
  EXPECT_TRUE(s.truncated);
  EXPECT_EQ(s.error, "");
  EXPECT_EQ(Error(GzipStream("", '\0', std::size_t{200} << 20, "")),  // zeros are no sitemap
            "sitemap http://a/s.xml: neither XML nor a list of URLs");
}

TEST(Sitemap, AnUncompressedBodyIsReadUpToFiftyMebibytes) {
  const std::string body = "http://a/1\n" + std::string(kSitemapMaxBytes, ' ') + "\nhttp://a/2\n";
  Sitemap s = Parse(body);
  EXPECT_EQ(s.pages, (Urls{"http://a/1"}));
  EXPECT_TRUE(s.truncated);
}

TEST(Sitemap, BrokenXmlKeepsWhatCameBefore) {
  Sitemap s =
      Parse("<urlset><url><loc>http://a/1</loc></url><url><loc>http://a/2</loc></url>\n<url><loc>x</oops>");
  EXPECT_EQ(s.pages, (Urls{"http://a/1", "http://a/2"}));
  EXPECT_EQ(s.error, "sitemap http://a/sitemap.xml: line 2: mismatched tag");
  EXPECT_EQ(Error("<urlset>\n<url><loc>x</oops>"), "sitemap http://a/s.xml: line 2: mismatched tag");
  EXPECT_EQ(Error("<urlset><url><loc>http://a/1"), "sitemap http://a/s.xml: line 1: no element found");
}

TEST(Sitemap, AnEmptyUrlsetIsASitemapWithoutUrls) {
  Sitemap s = Parse("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"/>");
  EXPECT_TRUE(s.pages.empty());
  EXPECT_EQ(s.error, "");
}

TEST(Sitemap, WhatIsNotASitemapIsAnError) {
  EXPECT_EQ(Error("<!DOCTYPE html><html><head><title>404</title></head><body><p>gone</body></html>"),
            "sitemap http://a/s.xml: not a sitemap (an HTML page)");
  EXPECT_EQ(Error("\n<HTML><body>login</body></HTML>"),
            "sitemap http://a/s.xml: not a sitemap (an HTML page)");
  EXPECT_EQ(Error("<?xml version=\"1.0\"?><feed><entry><url><loc>http://a/1</loc></url></entry></feed>"),
            "sitemap http://a/s.xml: line 1: not a sitemap (root element <feed>)");
  EXPECT_EQ(Error(""), "sitemap http://a/s.xml: empty sitemap");
  EXPECT_EQ(Error("  \n\xEF\xBB\xBF "), "sitemap http://a/s.xml: neither XML nor a list of URLs");
  EXPECT_EQ(Error("\xEF\xBB\xBF  \n "), "sitemap http://a/s.xml: empty sitemap");
  EXPECT_EQ(Error("ftp://a/1\n/relative\n"), "sitemap http://a/s.xml: neither XML nor a list of URLs");
  EXPECT_NE(Error(std::string("\x1f\x8b\x08garbage", 10)).find("sitemap http://a/s.xml: "),
            std::string::npos);
}

TEST(Sitemap, BinaryGarbageIsAnErrorNotACrash) {
  std::mt19937 random(1);
  for (int round = 0; round < 100; ++round) {
    std::string garbage(4096, '\0');
    for (char& c : garbage) c = static_cast<char>(random());
    const char first[] = {'<', 'h', '\x1f', '\0'};
    garbage[0] = first[round % 4];
    if (round % 4 == 2) garbage[1] = '\x8b';
    EXPECT_FALSE(ParseSitemap(garbage, "http://a/s").ok()) << round;
  }
}

TEST(Sitemap, NoExternalEntityIsEverLoaded) {
  const std::string xxe = R"(<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<urlset><url><loc>http://a/&xxe;</loc></url></urlset>)";
  for (const std::string& body : {xxe, Gzip(xxe)}) {
    Result<Sitemap> s = ParseSitemap(body, "http://a/s");
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().message(),
              "sitemap http://a/s: line 2: entity declarations are not allowed in a sitemap");
    EXPECT_EQ(s.status().message().find("root:"), std::string::npos);
  }
  // Nor an external DTD, nor a parameter entity reaching out.
  for (const char* body :
       {"<!DOCTYPE urlset SYSTEM \"file:///etc/passwd\"><urlset><url><loc>http://a/1</loc></url></urlset>",
        "<!DOCTYPE urlset [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><urlset/>"}) {
    Result<Sitemap> s = ParseSitemap(body, "http://a/s");
    const std::string all = s.ok() ? (s->pages.empty() ? "" : s->pages[0]) + s->error : s.status().message();
    EXPECT_EQ(all.find("root:"), std::string::npos) << all;
  }
}

TEST(Sitemap, BillionLaughsFailsFast) {
  std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE urlset [\n<!ENTITY l0 \"lol\">\n";
  for (int i = 1; i <= 12; ++i) {
    xml += "<!ENTITY l" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) xml += "&l" + std::to_string(i - 1) + ";";
    xml += "\">\n";
  }
  xml += "]>\n<urlset><url><loc>http://a/&l12;</loc></url></urlset>";
  const auto start = std::chrono::steady_clock::now();
  Result<Sitemap> s = ParseSitemap(xml, "http://a/s");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(),
            "sitemap http://a/s: line 3: entity declarations are not allowed in a sitemap");
}

}  // namespace
}  // namespace arachne
