#include "sitemap/sitemap.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>

#include "sitemap/gzip_decoder.h"

namespace arachne {
namespace {

using Pages = std::vector<std::string>;

std::string Gzip(std::string_view data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// `megabytes` MiB of zeros, gzipped without ever holding them: a "bomb" of about 1/1000 its size.
std::string GzipBomb(int megabytes) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  const std::string zeros(1024 * 1024, '<');
  std::string out;
  char buffer[65536];
  for (int i = 0; i < megabytes; ++i) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
    z.avail_in = static_cast<uInt>(zeros.size());
    const int flush = i + 1 == megabytes ? Z_FINISH : Z_NO_FLUSH;
    do {
      z.next_out = reinterpret_cast<Bytef*>(buffer);
      z.avail_out = sizeof buffer;
      deflate(&z, flush);
      out.append(buffer, sizeof buffer - z.avail_out);
    } while (z.avail_out == 0);
  }
  deflateEnd(&z);
  return out;
}

Sitemap Parse(std::string_view body) {
  Result<Sitemap> s = ParseSitemap(body, "http://a/sitemap.xml");
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? *s : Sitemap{};
}

constexpr char kUrlset[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url><loc> http://a/one </loc><lastmod>2024-01-01</lastmod></url>
  <url><loc>http://a/two?x=1&amp;y=2#frag</loc><image:image><image:loc>http://a/pic.png</image:loc></image:image></url>
  <url><loc>/relative</loc></url>
  <url><loc>ftp://a/file</loc></url>
</urlset>)";

TEST(Sitemap, UrlsetGivesItsPages) {
  Sitemap s = Parse(kUrlset);
  EXPECT_EQ(s.pages, (Pages{"http://a/one", "http://a/two?x=1&y=2"}));
  EXPECT_TRUE(s.sitemaps.empty());
  EXPECT_EQ(s.skipped, 2u);
  EXPECT_FALSE(s.truncated);
  EXPECT_EQ(s.error, "");
}

TEST(Sitemap, IndexGivesItsSitemaps) {
  Sitemap s = Parse(R"(<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>http://a/s1.xml.gz</loc></sitemap><sitemap><loc>http://a/s2.xml</loc></sitemap>
  </sitemapindex>)");
  EXPECT_EQ(s.sitemaps, (Pages{"http://a/s1.xml.gz", "http://a/s2.xml"}));
  EXPECT_TRUE(s.pages.empty());
}

TEST(Sitemap, PrefixesDoNotMatter) {
  Sitemap s = Parse(R"(<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sm:url><sm:loc>http://a/p</sm:loc></sm:url></sm:urlset>)");
  EXPECT_EQ(s.pages, (Pages{"http://a/p"}));
  Sitemap other_namespace = Parse(R"(<urlset xmlns="http://example.com/not-quite-the-schema">
    <url><loc>http://a/q</loc></url></urlset>)");
  EXPECT_EQ(other_namespace.pages, (Pages{"http://a/q"}));
}

TEST(Sitemap, GzipIsRecognizedByItsBytes) {
  Sitemap s = Parse(Gzip(kUrlset));
  EXPECT_EQ(s.pages, (Pages{"http://a/one", "http://a/two?x=1&y=2"}));
}

TEST(Sitemap, TextSitemapOneUrlALine) {
  Sitemap s = Parse("http://a/1\r\n\nhttp://a/2\nnot a url\nmailto:x@y\n");
  EXPECT_EQ(s.pages, (Pages{"http://a/1", "http://a/2"}));
  EXPECT_EQ(s.skipped, 2u);
}

TEST(Sitemap, AtMostFiftyThousandUrls) {
  std::string xml = "<urlset>";
  for (int i = 0; i < 50001; ++i) xml += "<url><loc>http://a/" + std::to_string(i) + "</loc></url>";
  xml += "</urlset>";
  Sitemap s = Parse(xml);
  EXPECT_EQ(s.pages.size(), 50000u);
  EXPECT_TRUE(s.truncated);
  EXPECT_EQ(s.error, "");
}

TEST(Sitemap, AGzipBombStopsAtTheCap) {
  const std::string bomb = GzipBomb(200);  // 200 MiB inflated
  EXPECT_LT(bomb.size(), 1024u * 1024);
  Result<Inflated> inflated = Gunzip(bomb, kSitemapMaxBytes);
  ASSERT_TRUE(inflated.ok());
  EXPECT_EQ(inflated->bytes.size(), kSitemapMaxBytes);
  EXPECT_TRUE(inflated->truncated);
  EXPECT_FALSE(ParseSitemap(bomb, "http://a/bomb.xml.gz").ok());  // 50 MiB of '<' is no sitemap
}

TEST(Sitemap, BrokenXmlKeepsWhatCameBefore) {
  Sitemap s = Parse("<urlset><url><loc>http://a/1</loc></url><url><loc>http://a/2</loc></url>\n<url><loc>x</oops>");
  EXPECT_EQ(s.pages, (Pages{"http://a/1", "http://a/2"}));
  EXPECT_NE(s.error.find("line 2"), std::string::npos) << s.error;
  EXPECT_NE(s.error.find("mismatched tag"), std::string::npos) << s.error;
}

TEST(Sitemap, WhatIsNotASitemapIsAnError) {
  auto html = ParseSitemap("<!DOCTYPE html><html><head><title>404</title></head><body><p>gone</body></html>", "http://a/s");
  ASSERT_FALSE(html.ok());
  EXPECT_NE(html.status().message().find("not a sitemap (an HTML page)"), std::string::npos)
      << html.status().message();
  auto xhtml = ParseSitemap("<?xml version=\"1.0\"?><feed><entry/></feed>", "http://a/s");
  ASSERT_FALSE(xhtml.ok());
  EXPECT_NE(xhtml.status().message().find("not a sitemap (root element <feed>)"), std::string::npos)
      << xhtml.status().message();
  EXPECT_FALSE(ParseSitemap("", "http://a/s").ok());
  EXPECT_FALSE(ParseSitemap("  \n ", "http://a/s").ok());
  EXPECT_FALSE(ParseSitemap("<urlset><url><loc>http://a/1", "http://a/s").ok());
  EXPECT_FALSE(ParseSitemap(std::string("\x1f\x8b\x08garbage", 10), "http://a/s").ok());
}

TEST(Sitemap, BinaryGarbageIsAnErrorNotACrash) {
  std::mt19937 random(1);
  for (int round = 0; round < 50; ++round) {
    std::string garbage(4096, '\0');
    for (char& c : garbage) c = static_cast<char>(random());
    garbage[0] = static_cast<char>(round % 2 == 0 ? '<' : 'h');
    Result<Sitemap> s = ParseSitemap(garbage, "http://a/s");
    if (s.ok()) {
      EXPECT_LE(s->pages.size(), 4096u);
    }
  }
}

TEST(Sitemap, NoExternalEntityIsEverLoaded) {
  Result<Sitemap> s = ParseSitemap(R"(<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<urlset><url><loc>http://a/&xxe;</loc></url></urlset>)",
                                   "http://a/s");
  if (s.ok()) {
    for (const std::string& page : s->pages) {
      EXPECT_EQ(page.find("root"), std::string::npos) << page;
    }
  }
}

TEST(Sitemap, BillionLaughsIsBounded) {
  std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE urlset [\n<!ENTITY l0 \"lol\">\n";
  for (int i = 1; i <= 12; ++i) {
    xml += "<!ENTITY l" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) xml += "&l" + std::to_string(i - 1) + ";";
    xml += "\">\n";
  }
  xml += "]>\n<urlset><url><loc>http://a/&l12;</loc></url></urlset>";
  Result<Sitemap> s = ParseSitemap(xml, "http://a/s");
  ASSERT_FALSE(s.ok());  // expat refuses the amplification; nothing is found before it
  EXPECT_NE(s.status().message().find("amplification"), std::string::npos) << s.status().message();
}

}  // namespace
}  // namespace arachne
