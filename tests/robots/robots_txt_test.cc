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
  RobotsTxt r =
      RobotsTxt::Parse("User-agent: *\nDisallow: /\n\nUser-agent: ARACHNE/2.0\nDisallow: /private\n");
  EXPECT_TRUE(r.Allowed("arachne", "http://a/page"));
  EXPECT_FALSE(r.Allowed("arachne", "http://a/private/x"));
  EXPECT_FALSE(r.Allowed("otherbot", "http://a/page"));
}

TEST(RobotsTxt, GroupsForOneAgentAreMerged) {
  RobotsTxt r = RobotsTxt::Parse(
      "User-agent: arachne\nDisallow: /a\n\nUser-agent: other\nDisallow: /b\n\nUser-agent: "
      "arachne\nDisallow: /c\n");
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
  RobotsTxt r = RobotsTxt::Parse(
      "User-agent: *\nDisallow: /shop\nAllow: /shop/public\nAllow: /same\nDisallow: /same\n");
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
  EXPECT_FALSE(r.Allowed("x", "http://a/caf%c3%a9/menu"));
  EXPECT_FALSE(r.Allowed("x", "http://a/a%2Fb"));
  EXPECT_TRUE(r.Allowed("x", "http://a/a/b"));  // an escaped '/' is not a '/'
}

// The examples of RFC 9309 section 2.2.2, both ways round. Google's parser disagrees on three of them
// (robots_conformance_test.cc lists them).
TEST(RobotsTxt, PercentEncodingAsRfc9309Section222) {
  for (const char* rule : {"/foo/bar/\xE3\x83\x84", "/foo/bar/%E3%83%84", "/foo/bar/%e3%83%84"}) {
    RobotsTxt r = RobotsTxt::Parse(std::string("User-agent: FooBot\nDisallow: /\nAllow: ") + rule + "\n");
    EXPECT_TRUE(r.Allowed("FooBot", "http://foo.bar/foo/bar/%E3%83%84")) << rule;
    EXPECT_TRUE(r.Allowed("FooBot", "http://foo.bar/foo/bar/\xE3\x83\x84")) << rule;
    EXPECT_FALSE(r.Allowed("FooBot", "http://foo.bar/foo/bar/%E3%83")) << rule;
  }
  RobotsTxt baz = RobotsTxt::Parse("User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%62%61%7A\n");
  EXPECT_TRUE(baz.Allowed("FooBot", "http://foo.bar/foo/bar/baz"));
  EXPECT_TRUE(baz.Allowed("FooBot", "http://foo.bar/foo/bar/%62%61%7a"));
  EXPECT_FALSE(baz.Allowed("FooBot", "http://foo.bar/foo/bar/bar"));
  RobotsTxt query = RobotsTxt::Parse("User-agent: *\nDisallow: /\nAllow: /foo/bar?baz=quz\n");
  EXPECT_TRUE(query.Allowed("x", "http://foo.bar/foo/bar?baz=quz&x=1"));
}

TEST(RobotsTxt, EscapedWildcardsAreLiteral) {
  RobotsTxt r = RobotsTxt::Parse("User-agent: *\nDisallow: /a%2A\nDisallow: /b%24\n");
  EXPECT_FALSE(r.Allowed("x", "/a%2A"));
  EXPECT_TRUE(r.Allowed("x", "/ab"));
  EXPECT_FALSE(r.Allowed("x", "/b%24/c"));
  EXPECT_TRUE(r.Allowed("x", "/b"));
}

TEST(RobotsTxt, RobotsTxtItselfIsAlwaysAllowed) {
  RobotsTxt r = RobotsTxt::Parse("User-agent: *\nDisallow: /\nDisallow: /robots.txt$\n");
  EXPECT_TRUE(r.Allowed("x", "http://a/robots.txt"));
  EXPECT_TRUE(r.Allowed("x", "/robots.txt"));
  EXPECT_TRUE(RobotsTxt::DisallowAll().Allowed("x", "https://a:8080/robots.txt#top"));
  EXPECT_FALSE(r.Allowed("x", "http://a/robots.txt.bak"));
  EXPECT_FALSE(r.Allowed("x", "http://a/sub/robots.txt"));
}

TEST(RobotsTxt, TheProductTokenOfAFullUserAgentPicksTheGroup) {
  RobotsTxt r = RobotsTxt::Parse("User-agent: *\nDisallow: /\n\nUser-agent: arachne\nDisallow: /private\n");
  const auto ours = RobotsTxt::ProductToken("Arachne/0.1 (+https://github.com/arachne-crawler/arachne)");
  EXPECT_EQ(ours, "Arachne");
  EXPECT_TRUE(r.Allowed(ours, "http://a/page"));
  EXPECT_FALSE(r.Allowed(ours, "http://a/private"));
  // The token is compared whole: a User-Agent handed as it is, or a name that is no token, names no group.
  EXPECT_FALSE(r.Allowed("Arachne/0.1 (+https://github.com/arachne-crawler/arachne)", "http://a/page"));
  EXPECT_FALSE(r.Allowed(RobotsTxt::ProductToken("Mozilla/5.0 (compatible; Arachne/0.1)"), "http://a/page"));
  EXPECT_FALSE(r.Allowed("", "http://a/page"));
  EXPECT_FALSE(r.Allowed(RobotsTxt::ProductToken("/0.1"), "http://a/page"));
}

TEST(RobotsTxt, AGroupThatAllowsEverythingStillKeepsItsAgentFromTheStarGroup) {
  RobotsTxt r = RobotsTxt::Parse("User-agent: *\nDisallow: /\n\nUser-agent: Arachne\nDisallow:\n");
  EXPECT_TRUE(r.Allowed("Arachne", "/anything"));
  EXPECT_FALSE(r.Allowed("Other", "/anything"));
}

TEST(RobotsTxt, MergedGroupsCompareTheirRulesAsOne) {
  // The longest match over both groups decides, whichever group it is in.
  RobotsTxt r = RobotsTxt::Parse(
      "User-agent: arachne\nAllow: /a/b\n\nUser-agent: x\nDisallow: /\n\nUser-agent: ARACHNE\nDisallow: /a\n"
      "Disallow: /a/b/c\n");
  EXPECT_FALSE(r.Allowed("arachne", "/a/x"));
  EXPECT_TRUE(r.Allowed("arachne", "/a/b/x"));
  EXPECT_FALSE(r.Allowed("arachne", "/a/b/c/d"));
  EXPECT_TRUE(r.Allowed("arachne", "/elsewhere"));
}

TEST(RobotsTxt, AStarLineWithAnotherAgentSharesItsGroup) {
  RobotsTxt r = RobotsTxt::Parse("User-agent: arachne\nUser-agent: *\nDisallow: /x\n");
  EXPECT_FALSE(r.Allowed("arachne", "/x"));
  EXPECT_FALSE(r.Allowed("anyone", "/x"));
}

TEST(RobotsTxt, RulesBeforeAnyUserAgentAreIgnored) {
  RobotsTxt r = RobotsTxt::Parse("Disallow: /\nCrawl-delay: 4\nUser-agent: *\nDisallow: /x\n");
  EXPECT_TRUE(r.Allowed("a", "/y"));
  EXPECT_FALSE(r.Allowed("a", "/x"));
  EXPECT_FALSE(r.CrawlDelay("a"));
}

TEST(RobotsTxt, MatchesPatterns) {
  EXPECT_TRUE(RobotsTxt::Matches("/a/b", "/a"));
  EXPECT_TRUE(RobotsTxt::Matches("/a/b", "*"));
  EXPECT_TRUE(RobotsTxt::Matches("/a/b", "/*b$"));
  EXPECT_TRUE(RobotsTxt::Matches("/abab", "/*ab$"));
  EXPECT_FALSE(RobotsTxt::Matches("/a/b/", "/*b$"));
  EXPECT_TRUE(RobotsTxt::Matches("/a$b", "/a$b"));  // '$' is an anchor only at the end
  EXPECT_TRUE(RobotsTxt::Matches("/x.php?y", "/*.php"));
  EXPECT_FALSE(RobotsTxt::Matches("/x.ph", "/*.php"));
  EXPECT_TRUE(RobotsTxt::Matches("/aXbXc", "/a*b*c$"));
  EXPECT_FALSE(RobotsTxt::Matches("/aXcXb", "/a*b*c$"));
  EXPECT_TRUE(RobotsTxt::Matches("/", "/$"));
  EXPECT_FALSE(RobotsTxt::Matches("/a", "/$"));
  EXPECT_TRUE(RobotsTxt::Matches("/abc", "/**c"));
  EXPECT_FALSE(RobotsTxt::Matches("/ab", "/a*bb$"));
}

TEST(RobotsTxt, CrawlDelayOfTheApplicableGroup) {
  RobotsTxt r = RobotsTxt::Parse(
      "User-agent: *\nCrawl-delay: 10\n\nUser-agent: arachne\nCrawl-delay: 0.5\nDisallow:\n");
  EXPECT_EQ(r.CrawlDelay("arachne"), 0.5);
  EXPECT_EQ(r.CrawlDelay(RobotsTxt::ProductToken("Arachne/0.1 (+https://github.com/arachne-crawler/arachne)")), 0.5);
  EXPECT_EQ(r.CrawlDelay("other"), 10);
  EXPECT_FALSE(RobotsTxt::Parse("Crawl-delay: 5\n").CrawlDelay("x"));                 // before any group
  EXPECT_FALSE(RobotsTxt::Parse("User-agent: a\nCrawl-delay: 5\n").CrawlDelay("x"));  // not x's group
}

TEST(RobotsTxt, CrawlDelayIsANonNegativeDecimalOrNothing) {
  for (const char* good : {"0", "3", "2.5", "0.25", "7.", ".5", "0010"}) {
    EXPECT_TRUE(RobotsTxt::Parse(std::string("User-agent: *\nCrawl-delay: ") + good + "\n").CrawlDelay("x"))
        << good;
  }
  EXPECT_EQ(RobotsTxt::Parse("User-agent: *\nCrawl-delay: 2.5 # slow\n").CrawlDelay("x"), 2.5);
  for (const char* bad :
       {"soon", "-3", "+3", "1e3", "inf", "nan", "0x10", "10s", "10 s", "1.2.3", ".", "", "1,5", "\xFF"}) {
    EXPECT_FALSE(RobotsTxt::Parse(std::string("User-agent: *\nCrawl-delay: ") + bad + "\n").CrawlDelay("x"))
        << bad;
  }
  const std::string too_large(400, '9');  // past the largest double
  EXPECT_FALSE(RobotsTxt::Parse("User-agent: *\nCrawl-delay: " + too_large + "\n").CrawlDelay("x"));
  // A bad line does not undo a good one.
  EXPECT_EQ(RobotsTxt::Parse("User-agent: *\nCrawl-delay: 4\nCrawl-delay: soon\n").CrawlDelay("x"), 4);
}

TEST(RobotsTxt, SitemapsAreCollectedWhereverTheyStand) {
  RobotsTxt r = RobotsTxt::Parse(
      "Sitemap: http://a/s1.xml\nUser-agent: *\nDisallow: /x\nsitemap: http://a/s2.xml.gz # gz\nSite-map:\n"
      "User-agent: other\nSitemap: https://b.example/s3.xml\n");
  EXPECT_EQ(r.sitemaps(),
            (std::vector<std::string>{"http://a/s1.xml", "http://a/s2.xml.gz", "https://b.example/s3.xml"}));
  // A sitemap line does not close a group: "other" above shares nothing with "*", and the one below
  // still names its group's agents.
  EXPECT_TRUE(r.Allowed("other", "/x"));
}

TEST(RobotsTxt, OnlyAbsoluteHttpSitemapsAreKept) {
  RobotsTxt r = RobotsTxt::Parse(
      "Sitemap: /relative.xml\nSitemap: sitemap.xml\nSitemap: ftp://a/s.xml\nSitemap: http://\n"
      "Sitemap: HTTPS://A.example/ok.xml\n");
  EXPECT_EQ(r.sitemaps(), (std::vector<std::string>{"HTTPS://A.example/ok.xml"}));
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
  ASSERT_NE(garbage.find('\0'), std::string::npos);
  RobotsTxt r = RobotsTxt::Parse(garbage);
  EXPECT_TRUE(r.Allowed("arachne", "/some/page"));
  EXPECT_FALSE(r.CrawlDelay("arachne"));
  EXPECT_TRUE(r.sitemaps().empty());
}

TEST(RobotsTxtBadInput, GarbageAroundRealRulesDoesNotHideThem) {
  using namespace std::string_literals;
  const std::string body = "\0\x01\xFF\xFE\n"s + "User-agent: *\n" + "\0\0garbage: \x80\x81\n"s +
                           "Disallow: /x\n" + "\xC3\x28\xA0\xA1\n\0"s;
  RobotsTxt r = RobotsTxt::Parse(body);
  EXPECT_FALSE(r.Allowed("arachne", "/x"));
  EXPECT_TRUE(r.Allowed("arachne", "/y"));
}

TEST(RobotsTxtBadInput, NulBytesInRulesAndUrlsAreOrdinaryBytes) {
  RobotsTxt r = RobotsTxt::Parse(std::string("User-agent: *\nDisallow: /a\0b\n", 29));
  EXPECT_FALSE(r.Allowed("x", "/a%00b"));
  EXPECT_FALSE(r.Allowed("x", std::string_view("/a\0bc", 5)));
  EXPECT_TRUE(r.Allowed("x", "/a"));
}

TEST(RobotsTxtBadInput, OnlyTheFirst500KiBCount) {
  // A 10 MB file of real lines: a rule that ends before 500 KiB counts, one after does not.
  std::string body = "User-agent: *\nDisallow: /early\n";
  const std::string filler = "# nothing to see here, just a comment line that takes up room\n";
  while (body.size() + filler.size() < RobotsTxt::kMaxBodyBytes - 100) body += filler;
  body += "Disallow: /just-in-time\n";
  while (body.size() < RobotsTxt::kMaxBodyBytes + 100) body += filler;
  body += "Disallow: /late\n";
  while (body.size() < 10 * 1024 * 1024) body += "Disallow: /late-" + std::to_string(body.size()) + "\n";
  RobotsTxt r = RobotsTxt::Parse(body);
  EXPECT_FALSE(r.Allowed("x", "/early"));
  EXPECT_FALSE(r.Allowed("x", "/just-in-time"));
  EXPECT_TRUE(r.Allowed("x", "/late"));
  EXPECT_TRUE(r.Allowed("x", "/late-9000000"));
}

TEST(RobotsTxtBadInput, ALineCutAt500KiBCountsOnlyUpToTheCut) {
  std::string body = "User-agent: *\n";
  body += std::string(RobotsTxt::kMaxBodyBytes - body.size() - 12, '\n');
  body += "Disallow: /abcdef\n";  // 12 bytes of it are read: "Disallow: /a"
  RobotsTxt r = RobotsTxt::Parse(body);
  EXPECT_FALSE(r.Allowed("x", "/abcdef"));
  EXPECT_FALSE(r.Allowed("x", "/a"));
  EXPECT_TRUE(r.Allowed("x", "/b"));
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
  // The worst case for a backtracking matcher: many stars, a long path that almost matches.
  RobotsTxt stars = RobotsTxt::Parse("User-agent: *\nDisallow: /" + std::string(2000, '*') + "b$\n");
  EXPECT_TRUE(stars.Allowed("x", "/" + std::string(100000, 'a')));
  EXPECT_FALSE(stars.Allowed("x", "/" + std::string(100000, 'a') + "b"));
}

TEST(RobotsTxtBadInput, ThousandsOfAgentsSharingThousandsOfRules) {
  // Rules are kept once per group, not copied per agent: 15,000 agents x 8,000 rules fit in 500 KiB.
  std::string body;
  for (int i = 0; i < 15000; ++i) body += "User-agent: bot" + std::string(1 + i % 5, 'a' + i % 26) + "\n";
  body += "User-agent: arachne\n";
  for (int i = 0; i < 8000; ++i) body += "Disallow: /d" + std::to_string(i) + "\n";
  ASSERT_LT(body.size(), RobotsTxt::kMaxBodyBytes);
  RobotsTxt r = RobotsTxt::Parse(body);
  EXPECT_FALSE(r.Allowed("arachne", "/d7999"));
  EXPECT_FALSE(r.Allowed("botaaa", "/d0"));
  EXPECT_TRUE(r.Allowed("arachne", "/e"));
  EXPECT_TRUE(r.Allowed("other", "/d0"));
}

}  // namespace
}  // namespace arachne
