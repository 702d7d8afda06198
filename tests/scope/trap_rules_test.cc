#include "scope/trap_rules.h"

#include <gtest/gtest.h>

#include <string>

namespace arachne {
namespace {

TrapLimits Defaults() { return TrapLimits{}; }

std::string Deep(int segments, const std::string& prefix = "d") {
  std::string url = "http://a";
  for (int i = 0; i < segments; ++i) url += "/" + prefix + std::to_string(i);
  return url;
}

std::string WithParams(int params) {
  std::string url = "http://a/p?";
  for (int i = 0; i < params; ++i) url += "k" + std::to_string(i) + "=1&";
  url.pop_back();
  return url;
}

TEST(TrapRules, DefaultsAreTheDocumentedOnes) {
  const TrapLimits limits;
  EXPECT_EQ(limits.max_url_length, 2083u);
  EXPECT_EQ(limits.max_path_depth, 32);
  EXPECT_EQ(limits.max_repeated_segments, 3);
  EXPECT_EQ(limits.max_query_params, 32);
}

TEST(TrapRules, NamesAreThoseOfTheSummary) {
  EXPECT_EQ(TrapName(Trap::kUrlLength), "url_length");
  EXPECT_EQ(TrapName(Trap::kPathDepth), "path_depth");
  EXPECT_EQ(TrapName(Trap::kRepeatedSegments), "repeated_segments");
  EXPECT_EQ(TrapName(Trap::kQueryParams), "query_params");
  EXPECT_EQ(TrapName(Trap::kNone), "");
}

TEST(TrapRules, OrdinaryUrlsPass) {
  TrapRules rules(Defaults());
  EXPECT_EQ(rules.Check("http://a/"), Trap::kNone);
  EXPECT_EQ(rules.Check("http://a"), Trap::kNone);
  EXPECT_EQ(rules.Check("http://a/docs/3/library/os.path.html?highlight=x#y"), Trap::kNone);
  EXPECT_EQ(rules.Check("https://a:8443/2024/05/05/post?x=1"), Trap::kNone);
  EXPECT_EQ(rules.Check("http://a/a/b/a/b/a/b"), Trap::kNone);  // three of each is allowed
  EXPECT_EQ(rules.Check("http://a/p?"), Trap::kNone);
}

TEST(TrapRules, LongUrls) {
  TrapRules rules(Defaults());
  std::string url = "http://a/";
  url += std::string(2083 - url.size(), 'x');
  EXPECT_EQ(rules.Check(url), Trap::kNone);  // exactly at the cap
  EXPECT_EQ(rules.Check(url + "y"), Trap::kUrlLength);
  EXPECT_EQ(rules.Check("http://a/p?q=" + std::string(100 * 1024, 'q')), Trap::kUrlLength);
  EXPECT_EQ(TrapRules(TrapLimits{10, 0, 0, 0}).Check("http://a/12"), Trap::kUrlLength);
}

TEST(TrapRules, DeepPaths) {
  TrapRules rules(Defaults());
  EXPECT_EQ(rules.Check(Deep(32)), Trap::kNone);
  EXPECT_EQ(rules.Check(Deep(32) + "/"), Trap::kNone);  // a trailing '/' adds no depth
  EXPECT_EQ(rules.Check(Deep(33)), Trap::kPathDepth);
  EXPECT_EQ(rules.Check(Deep(33) + "?a=1#f"), Trap::kPathDepth);
}

TEST(TrapRules, EmptySegmentsDoNotCount) {
  TrapRules rules(Defaults());
  EXPECT_EQ(rules.Check("http://a//////////////////////////////////////////x"), Trap::kNone);
  EXPECT_EQ(rules.Check("http://a/x" + std::string(1000, '/')), Trap::kNone);
}

TEST(TrapRules, RepeatedSegments) {
  TrapRules rules(Defaults());
  EXPECT_EQ(rules.Check("http://a/a/b/a/b/a/b/a"), Trap::kRepeatedSegments);
  EXPECT_EQ(rules.Check("http://a/x/x/x/x"), Trap::kRepeatedSegments);
  EXPECT_EQ(rules.Check("http://a/x/x/x"), Trap::kNone);
  EXPECT_EQ(rules.Check("http://a/x/y/z/x/w/v/x/u/x"), Trap::kRepeatedSegments);  // apart, not in a row
  EXPECT_EQ(rules.Check("http://a/2024/05/2024/05/2024/05/2024/05"), Trap::kRepeatedSegments);
  EXPECT_EQ(rules.Check("http://a/x/X/x/X/x/X"), Trap::kNone);  // spelled apart, counted apart
  EXPECT_EQ(rules.Check("http://a/x/x/x/x/"), Trap::kRepeatedSegments);
  // More segments than the pairwise scan handles go through the hash map, with the same answer.
  EXPECT_EQ(rules.Check(Deep(20) + "/r/r/r"), Trap::kNone);
  EXPECT_EQ(rules.Check(Deep(20) + "/r/r/r/r"), Trap::kRepeatedSegments);
  EXPECT_EQ(TrapRules(TrapLimits{0, 0, 1, 0}).Check("http://a/x/y/x"), Trap::kRepeatedSegments);
}

TEST(TrapRules, TheQueryAndFragmentAreNoPath) {
  TrapRules rules(Defaults());
  EXPECT_EQ(rules.Check("http://a/x?/a/a/a/a/a"), Trap::kNone);
  EXPECT_EQ(rules.Check("http://a/x#/a/a/a/a/a"), Trap::kNone);
  EXPECT_EQ(rules.Check("http://a?/a/a/a/a"), Trap::kNone);
  EXPECT_EQ(rules.Check("http://a/x#?" + std::string(40, '&')), Trap::kNone);
}

TEST(TrapRules, ManyQueryParameters) {
  TrapRules rules(Defaults());
  EXPECT_EQ(rules.Check(WithParams(32)), Trap::kNone);
  EXPECT_EQ(rules.Check(WithParams(33)), Trap::kQueryParams);
  EXPECT_EQ(rules.Check("http://a/p?" + std::string(32, '&')), Trap::kQueryParams);  // 33 empty ones
  EXPECT_EQ(rules.Check("http://a/p?" + std::string(31, '&')), Trap::kNone);
  EXPECT_EQ(rules.Check(WithParams(10000)), Trap::kUrlLength);
  EXPECT_EQ(TrapRules(TrapLimits{0, 32, 3, 32}).Check(WithParams(10000)), Trap::kQueryParams);
}

TEST(TrapRules, TheFirstCapInTrapOrderIsReported) {
  TrapRules rules(TrapLimits{0, 4, 1, 1});
  EXPECT_EQ(rules.Check("http://a/x/x/x/x/x?a&b"), Trap::kPathDepth);
  EXPECT_EQ(rules.Check("http://a/x/x?a&b"), Trap::kRepeatedSegments);
  EXPECT_EQ(rules.Check("http://a/x/y?a&b"), Trap::kQueryParams);
  EXPECT_EQ(TrapRules(TrapLimits{5, 1, 1, 1}).Check("http://a/x/x/x?a&b"), Trap::kUrlLength);
}

TEST(TrapRules, ZeroMeansNoCap) {
  TrapRules rules(TrapLimits{0, 0, 0, 0});
  std::string url = "http://a";
  for (int i = 0; i < 1000; ++i) url += "/a";
  url += "?";
  for (int i = 0; i < 1000; ++i) url += "k=1&";
  EXPECT_EQ(rules.Check(url), Trap::kNone);
  // Each limit alone.
  EXPECT_EQ(TrapRules(TrapLimits{0, 32, 3, 32}).Check(url), Trap::kPathDepth);
  EXPECT_EQ(TrapRules(TrapLimits{0, 0, 3, 32}).Check(url), Trap::kRepeatedSegments);
  EXPECT_EQ(TrapRules(TrapLimits{0, 0, 0, 32}).Check(url), Trap::kQueryParams);
}

TEST(TrapRules, NegativeMeansNoCapToo) {
  EXPECT_EQ(TrapRules(TrapLimits{0, -1, -1, -1}).Check(Deep(100, "same/x") + "?" + std::string(100, '&')),
            Trap::kNone);
}

TEST(TrapRules, HostileUrlsAreBounded) {
  TrapRules rules(TrapLimits{0, 0, 3, 0});
  std::string url = "http://a";
  for (int i = 0; i < 100000; ++i) url += "/s" + std::to_string(i % 50000);
  EXPECT_EQ(rules.Check(url), Trap::kNone);  // every segment twice
  url += "/s7/s7";
  EXPECT_EQ(rules.Check(url), Trap::kRepeatedSegments);
  EXPECT_EQ(TrapRules(TrapLimits{0, 32, 0, 0}).Check(url), Trap::kPathDepth);
}

TEST(TrapRules, UrlsWithoutAPathPass) {
  TrapRules rules(Defaults());
  EXPECT_EQ(rules.Check(""), Trap::kNone);
  EXPECT_EQ(rules.Check("http://"), Trap::kNone);
  EXPECT_EQ(rules.Check("mailto:x@y"), Trap::kNone);
}

}  // namespace
}  // namespace arachne
