#include "scope/pattern_set.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace arachne {
namespace {

TEST(PatternSet, EmptyMatchesNothing) {
  PatternSet set;
  EXPECT_TRUE(set.empty());
  EXPECT_FALSE(set.MatchesAny("anything"));
  Result<PatternSet> compiled = PatternSet::Compile({});
  ASSERT_TRUE(compiled.ok());
  EXPECT_FALSE(compiled->MatchesAny(""));
}

TEST(PatternSet, MatchesAnywhereInTheText) {
  Result<PatternSet> set = PatternSet::Compile({"/blog/", R"(\.pdf$)"});
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_TRUE(set->MatchesAny("http://a/blog/post"));
  EXPECT_TRUE(set->MatchesAny("http://a/x.pdf"));
  EXPECT_FALSE(set->MatchesAny("http://a/x.pdf?download=1"));
  EXPECT_FALSE(set->MatchesAny("http://a/news/"));
}

TEST(PatternSet, AnchorsAreHonoured) {
  Result<PatternSet> set = PatternSet::Compile({"^https://"});
  ASSERT_TRUE(set.ok());
  EXPECT_TRUE(set->MatchesAny("https://a/"));
  EXPECT_FALSE(set->MatchesAny("http://a/?next=https://b/"));
}

TEST(PatternSet, BadPatternIsRefusedWithRe2sMessage) {
  Result<PatternSet> set = PatternSet::Compile({"ok", "a(b"});
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(set.status().message().find("'a(b'"), std::string::npos) << set.status().message();
  EXPECT_NE(set.status().message().find("missing )"), std::string::npos) << set.status().message();
  EXPECT_TRUE(PatternSet::Check("a(b)").ok());
  EXPECT_FALSE(PatternSet::Check("*").ok());
  // Backreferences are what RE2 gives up for linear time; the user must hear it rather than be surprised.
  EXPECT_FALSE(PatternSet::Check(R"((a)\1)").ok());
}

TEST(PatternSet, SurvivesAMove) {
  Result<PatternSet> set = PatternSet::Compile({"x"});
  ASSERT_TRUE(set.ok());
  PatternSet moved = std::move(*set);
  EXPECT_TRUE(moved.MatchesAny("axb"));
  PatternSet assigned;
  assigned = std::move(moved);
  EXPECT_TRUE(assigned.MatchesAny("x"));
}

TEST(PatternSet, ManyPatterns) {
  std::vector<std::string> patterns;
  for (int i = 0; i < 500; ++i) patterns.push_back("/section" + std::to_string(i) + "/");
  Result<PatternSet> set = PatternSet::Compile(patterns);
  ASSERT_TRUE(set.ok());
  EXPECT_TRUE(set->MatchesAny("http://a/section499/x"));
  EXPECT_TRUE(set->MatchesAny("http://a/section0/x"));
  EXPECT_FALSE(set->MatchesAny("http://a/section500/x"));
}

}  // namespace
}  // namespace arachne
