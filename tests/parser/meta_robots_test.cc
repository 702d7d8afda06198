#include <gtest/gtest.h>

#include "parser/html_extractor.h"

namespace arachne {
namespace {

PageInfo Extract(const std::string& html) {
  return ExtractPage(html, *Url::Parse("http://a/dir/page"));
}

TEST(MetaRobots, ContentIsRecordedCollapsedAndJoined) {
  EXPECT_EQ(Extract("<meta name=robots content=' NOINDEX,\n NOFOLLOW '>").robots, "NOINDEX, NOFOLLOW");
  EXPECT_EQ(Extract("<meta name=ROBOTS content=noindex><meta name=robots content=noarchive>").robots,
            "noindex, noarchive");
  EXPECT_EQ(Extract("<meta name=googlebot content=nofollow>").robots, "");
  EXPECT_EQ(Extract("<meta name=robots>").robots, "");
  EXPECT_EQ(Extract("<body><p><meta name=Robots content=none></p>").robots, "none");
  // A <meta> start tag breaks out of SVG (HTML Standard 13.2.6.5), so this one counts too.
  EXPECT_EQ(Extract("<svg><meta name=robots content=none></svg>").robots, "none");
}

TEST(MetaRobots, NofollowAndNoneForbidFollowing) {
  EXPECT_TRUE(RobotsSaysNofollow("noindex, nofollow"));
  EXPECT_TRUE(RobotsSaysNofollow("NONE"));
  EXPECT_TRUE(RobotsSaysNofollow("noindex,NoFollow"));
  EXPECT_FALSE(RobotsSaysNofollow("noindex"));
  EXPECT_FALSE(RobotsSaysNofollow("nofollowing"));
  EXPECT_TRUE(RobotsSaysNofollow(" index ,\tnofollow "));
  EXPECT_TRUE(RobotsSaysNofollow("max-snippet:50, nofollow"));
  EXPECT_FALSE(RobotsSaysNofollow(""));
  EXPECT_FALSE(RobotsSaysNofollow("index, follow, noarchive"));
}

TEST(RelNofollow, LinksOnlyLinkedWithNofollowAreMarked) {
  PageInfo info = Extract(
      "<a href=/a rel=nofollow>a</a><a href=/b rel='external NoFollow'>b</a><a href=/b>b again</a>"
      "<area href=/c rel=nofollow><a href=/d>d</a><link rel=nofollow href=/e>");
  EXPECT_EQ(info.links,
            (std::vector<std::string>{"http://a/a", "http://a/b", "http://a/c", "http://a/d", "http://a/e"}));
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
