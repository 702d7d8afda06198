#include <gtest/gtest.h>

#include "parser/html_extractor.h"

namespace arachne {
namespace {

PageInfo Extract(const std::string& html) { return ExtractPage(html, *Url::Parse("http://a/dir/page")); }

TEST(MetaRobots, ContentIsRecordedCollapsedAndJoined) {
  EXPECT_EQ(Extract("<meta name=robots content=' NOINDEX,\n NOFOLLOW '>").robots, "NOINDEX, NOFOLLOW");
  EXPECT_EQ(Extract("<meta name=ROBOTS content=noindex><meta name=robots content=noarchive>").robots,
            "noindex, noarchive");
  EXPECT_EQ(Extract("<meta name=googlebot content=nofollow>").robots, "");
}

TEST(MetaRobots, NofollowAndNoneForbidFollowing) {
  EXPECT_TRUE(RobotsSaysNofollow("noindex, nofollow"));
  EXPECT_TRUE(RobotsSaysNofollow("NONE"));
  EXPECT_TRUE(RobotsSaysNofollow("noindex,NoFollow"));
  EXPECT_FALSE(RobotsSaysNofollow("noindex"));
  EXPECT_FALSE(RobotsSaysNofollow("nofollowing"));
  EXPECT_FALSE(RobotsSaysNofollow(""));
}

TEST(RelNofollow, LinksOnlyLinkedWithNofollowAreMarked) {
  PageInfo info = Extract(
      "<a href=/a rel=nofollow>a</a><a href=/b rel='external NoFollow'>b</a><a href=/b>b again</a>"
      "<area href=/c rel=nofollow><a href=/d>d</a><link rel=nofollow href=/e>");
  EXPECT_EQ(info.links, (std::vector<std::string>{"http://a/a", "http://a/b", "http://a/c", "http://a/d", "http://a/e"}));
  EXPECT_EQ(info.nofollow_links, (std::vector<std::string>{"http://a/a", "http://a/c"}));
}

TEST(RelNofollow, TheSameTargetThroughAnotherSpellingCountsOnce) {
  PageInfo info = Extract("<a href=/x rel=nofollow>1</a><a href=http://a/x#frag>2</a>");
  EXPECT_EQ(info.links, (std::vector<std::string>{"http://a/x"}));
  EXPECT_TRUE(info.nofollow_links.empty());
}

TEST(Canonical, ResolvesAgainstBase) {
  PageInfo info = Extract("<base href=http://b/base/><link rel=canonical href=page>");
  EXPECT_EQ(info.canonical, "http://b/base/page");
}

}  // namespace
}  // namespace arachne
