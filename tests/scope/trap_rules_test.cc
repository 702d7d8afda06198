#include "scope/trap_rules.h"

#include <gtest/gtest.h>

namespace arachne {
namespace {

TrapLimits Defaults() { return TrapLimits{}; }

TEST(TrapRules, OrdinaryUrlsPass) {
  TrapRules rules(Defaults());
  EXPECT_EQ(rules.Check("http://a/"), Trap::kNone);
  EXPECT_EQ(rules.Check("http://a"), Trap::kNone);
  EXPECT_EQ(rules.Check("http://a/docs/3/library/os.path.html?highlight=x#y"), Trap::kNone);
  EXPECT_EQ(rules.Check("http://a/a/b/a/b/a/b"), Trap::kNone);  // three of each is allowed
}

TEST(TrapRules, EachCapHasItsName) {
  TrapRules rules(Defaults());
  EXPECT_EQ(rules.Check("http://a/" + std::string(2100, 'x')), Trap::kUrlLength);
  std::string deep = "http://a";
  for (int i = 0; i < 33; ++i) deep += "/d" + std::to_string(i);
  EXPECT_EQ(rules.Check(deep), Trap::kPathDepth);
  EXPECT_EQ(rules.Check("http://a/a/b/a/b/a/b/a"), Trap::kRepeatedSegments);
  std::string query = "http://a/p?";
  for (int i = 0; i < 33; ++i) query += "k" + std::to_string(i) + "=1&";
  query.pop_back();
  EXPECT_EQ(rules.Check(query), Trap::kQueryParams);
  EXPECT_EQ(TrapName(Trap::kUrlLength), "url_length");
  EXPECT_EQ(TrapName(Trap::kPathDepth), "path_depth");
  EXPECT_EQ(TrapName(Trap::kRepeatedSegments), "repeated_segments");
  EXPECT_EQ(TrapName(Trap::kQueryParams), "query_params");
  EXPECT_EQ(TrapName(Trap::kNone), "");
}

TEST(TrapRules, ExactlyAtTheCapPasses) {
  TrapRules rules(Defaults());
  std::string url = "http://a/";
  url += std::string(2083 - url.size(), 'x');
  EXPECT_EQ(rules.Check(url), Trap::kNone);
  std::string deep = "http://a";
  for (int i = 0; i < 32; ++i) deep += "/d" + std::to_string(i);
  EXPECT_EQ(rules.Check(deep), Trap::kNone);
}

TEST(TrapRules, ZeroMeansNoCap) {
  TrapRules rules(TrapLimits{0, 0, 0, 0});
  std::string url = "http://a";
  for (int i = 0; i < 1000; ++i) url += "/a";
  url += "?";
  for (int i = 0; i < 1000; ++i) url += "k=1&";
  EXPECT_EQ(rules.Check(url), Trap::kNone);
}

TEST(TrapRules, EmptySegmentsAndTheQueryDoNotCount) {
  TrapRules rules(Defaults());
  EXPECT_EQ(rules.Check("http://a//////////////////////////////////////////x"), Trap::kNone);
  EXPECT_EQ(rules.Check("http://a/x?/a/a/a/a/a"), Trap::kNone);
}

TEST(TrapRules, HostileUrlsAreBounded) {
  TrapRules rules(TrapLimits{0, 0, 3, 0});
  std::string url = "http://a";
  for (int i = 0; i < 100000; ++i) url += "/s" + std::to_string(i % 50000);
  EXPECT_EQ(rules.Check(url), Trap::kNone);  // every segment twice
  url += "/s7/s7";
  EXPECT_EQ(rules.Check(url), Trap::kRepeatedSegments);
}

}  // namespace
}  // namespace arachne
