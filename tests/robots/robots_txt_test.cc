#include "robots/robots_txt.h"

#include <gtest/gtest.h>

#include <random>

namespace arachne {
namespace {

TEST(RobotsTxt, ProductTokenOfAUserAgent) {
  EXPECT_EQ(RobotsTxt::ProductToken("Arachne/0.1 (+https://github.com/arachne-crawler/arachne)"), "Arachne");
  EXPECT_EQ(RobotsTxt::ProductToken("Google-Extended"), "Google-Extended");
  EXPECT_EQ(RobotsTxt::ProductToken("/x"), "");
}

TEST(RobotsTxt, OurGroupIsFoundByProductTokenWhateverTheCase) {
  RobotsTxt r = RobotsTxt::Parse("User-agent: *\nDisallow: /\n\nUser-agent: ARACHNE/2.0\nDisallow: /private\n");
  EXPECT_TRUE(r.Allowed("arachne", "http://a/page"));
  EXPECT_FALSE(r.Allowed("arachne", "http://a/private/x"));
  EXPECT_FALSE(r.Allowed("otherbot", "http://a/page"));
}

TEST(RobotsTxt, GroupsForOneAgentAreMerged) {
  RobotsTxt r = RobotsTxt::Parse(
      "User-agent: arachne\nDisallow: /a\n\nUser-agent: other\nDisallow: /b\n\nUser-agent: arachne\nDisallow: /c\n");
  EXPECT_FALSE(r.Allowed("arachne", "/a"));
  EXPECT_TRUE(r.Allowed("arachne", "/b"));
  EXPECT_FALSE(r.Allowed("arachne", "/c"));
}

TEST(RobotsTxt, ConsecutiveUserAgentLinesShareAGroup) {
  RobotsTxt r = RobotsTxt::Parse("User-agent: a\nUser-agent: arachne\nDisallow: /x\n");
  EXPECT_FALSE(r.Allowed("arachne", "/x"));
  EXPECT_FALSE(r.Allowed("a", "/x"));
}

TEST(RobotsTxt, LongestMatchWinsAndAllowWinsATie) {
  RobotsTxt r = RobotsTxt::Parse("User-agent: *\nDisallow: /shop\nAllow: /shop/public\nAllow: /same\nDisallow: /same\n");
  EXPECT_FALSE(r.Allowed("x", "/shop/cart"));
  EXPECT_TRUE(r.Allowed("x", "/shop/public/1"));
  EXPECT_TRUE(r.Allowed("x", "/same"));
}

TEST(RobotsTxt, WildcardsAndEndAnchor) {
  RobotsTxt r = RobotsTxt::Parse("User-agent: *\nDisallow: /*.pdf$\nDisallow: /*?session=\n");
  EXPECT_FALSE(r.Allowed("x", "http://a/docs/file.pdf"));
  EXPECT_TRUE(r.Allowed("x", "http://a/docs/file.pdf?download=1"));
  EXPECT_FALSE(r.Allowed("x", "http://a/list?session=3"));
  EXPECT_TRUE(r.Allowed("x", "http://a/list?page=3"));
}

TEST(RobotsTxt, PercentEncodingOfPatternsIsNormalized) {
  RobotsTxt r = RobotsTxt::Parse("User-agent: *\nDisallow: /caf\xC3\xA9\nDisallow: /a%2fb\n");
  EXPECT_FALSE(r.Allowed("x", "http://a/caf%C3%A9/menu"));
  EXPECT_FALSE(r.Allowed("x", "http://a/a%2Fb"));
}

TEST(RobotsTxt, CrawlDelayOfTheApplicableGroup) {
  RobotsTxt r = RobotsTxt::Parse("User-agent: *\nCrawl-delay: 10\n\nUser-agent: arachne\nCrawl-delay: 0.5\nDisallow:\n");
  EXPECT_EQ(r.CrawlDelay("arachne"), 0.5);
  EXPECT_EQ(r.CrawlDelay("other"), 10);
  EXPECT_FALSE(RobotsTxt::Parse("User-agent: *\nCrawl-delay: soon\nCrawl-delay: -3\n").CrawlDelay("x"));
  EXPECT_FALSE(RobotsTxt::Parse("Crawl-delay: 5\n").CrawlDelay("x"));  // before any group
}

TEST(RobotsTxt, SitemapsAreCollectedWhereverTheyStand) {
  RobotsTxt r = RobotsTxt::Parse(
      "Sitemap: http://a/s1.xml\nUser-agent: *\nDisallow: /x\nsitemap: http://a/s2.xml.gz # gz\nSite-map:\n");
  EXPECT_EQ(r.sitemaps(), (std::vector<std::string>{"http://a/s1.xml", "http://a/s2.xml.gz"}));
}

TEST(RobotsTxt, EmptyDisallowAllowsEverything) {
  EXPECT_TRUE(RobotsTxt::Parse("User-agent: *\nDisallow:\n").Allowed("x", "/anything"));
  EXPECT_FALSE(RobotsTxt::DisallowAll().Allowed("x", "/anything"));
  EXPECT_TRUE(RobotsTxt::AllowAll().Allowed("x", "/anything"));
}

TEST(RobotsTxt, LineEndingsAndBom) {
  RobotsTxt r = RobotsTxt::Parse("\xEF\xBB\xBFUser-agent: *\r\nDisallow: /a\rDisallow: /b\nDisallow: /c");
  EXPECT_FALSE(r.Allowed("x", "/a"));
  EXPECT_FALSE(r.Allowed("x", "/b"));
  EXPECT_FALSE(r.Allowed("x", "/c"));
  EXPECT_TRUE(r.Allowed("x", "/d"));
}

TEST(RobotsTxtBadInput, BinaryGarbageAllowsEverything) {
  std::mt19937 random(42);
  std::string garbage(1 << 20, '\0');
  for (char& c : garbage) c = static_cast<char>(random());
  RobotsTxt r = RobotsTxt::Parse(garbage);
  EXPECT_TRUE(r.Allowed("arachne", "/some/page"));
}

TEST(RobotsTxtBadInput, OnlyTheFirst500KiBCount) {
  std::string body = "User-agent: *\nDisallow: /early\n";
  body += std::string(10 * 1024 * 1024, '#');
  body += "\nDisallow: /late\n";
  RobotsTxt r = RobotsTxt::Parse(body);
  EXPECT_FALSE(r.Allowed("x", "/early"));
  EXPECT_TRUE(r.Allowed("x", "/late"));
}

TEST(RobotsTxtBadInput, AnHtmlPageAllowsEverything) {
  RobotsTxt r = RobotsTxt::Parse(
      "<!doctype html><html><head><title>Not found</title></head>\n<body><p>Disallow: / is what you wanted?"
      "</p><a href=\"/\">home</a></body></html>\n");
  EXPECT_TRUE(r.Allowed("arachne", "/page"));
}

TEST(RobotsTxtBadInput, AVeryLongLineIsCutNotFatal) {
  std::string body = "User-agent: *\nDisallow: /" + std::string(100000, 'a') + "\nDisallow: /b\n";
  RobotsTxt r = RobotsTxt::Parse(body);
  EXPECT_FALSE(r.Allowed("x", "/b"));
  EXPECT_FALSE(r.Allowed("x", "/" + std::string(100000, 'a')));  // the cut pattern is a prefix of it
  EXPECT_TRUE(r.Allowed("x", "/a"));
}

TEST(RobotsTxtBadInput, ThousandsOfRulesAndStarsStayLinear) {
  std::string body = "User-agent: *\n";
  for (int i = 0; i < 5000; ++i) body += "Disallow: /p" + std::to_string(i) + "/*/*/*/*/*/*/*/*.html$\n";
  RobotsTxt r = RobotsTxt::Parse(body);
  EXPECT_FALSE(r.Allowed("x", "/p4999/a/b/c/d/e/f/g/h.html"));
  EXPECT_TRUE(r.Allowed("x", "/p5000/a/b/c/d/e/f/g/h.html"));
  std::string long_path = "/p1/" + std::string(5000, '/');
  EXPECT_TRUE(r.Allowed("x", long_path));
}

}  // namespace
}  // namespace arachne
