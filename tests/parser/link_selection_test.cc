#include "parser/link_selection.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parser/html_extractor.h"

namespace arachne {
namespace {

using Links = std::vector<std::string>;

PageInfo Page(const std::string& html) {
  return ExtractPage(html, *Url::Parse("http://a/dir/page"));
}

Scope OnlyHostA() {
  Result<Scope> scope = Scope::Create(ScopeConfig{}, {"http://a/"});
  EXPECT_TRUE(scope.ok()) << scope.status().ToString();
  return std::move(scope).value();
}

RobotsConfig Robots(bool obey_meta, bool follow_nofollow) {
  RobotsConfig robots;
  robots.obey_meta = obey_meta;
  robots.follow_nofollow = follow_nofollow;
  return robots;
}

constexpr const char* kLinks =
    "<a href=/1>1</a><a href=/2 rel=nofollow>2</a><a href=/3 rel='external NoFollow'>3</a>"
    "<area href=/4 rel=NOFOLLOW><a href=http://elsewhere/5>5</a><a href=http://elsewhere/6 "
    "rel=nofollow>6</a>";

TEST(SelectLinks, RelNofollowLinksAreNotFollowedByDefault) {
  SelectedLinks s = SelectLinks(Page(kLinks), RobotsConfig{}, OnlyHostA());
  EXPECT_EQ(s.follow, (Links{"http://a/1"}));
  EXPECT_EQ(s.nofollow, 4u);  // /2, /3, /4 and elsewhere/6: a nofollow link counts as such even out of scope
  EXPECT_EQ(s.out_of_scope, 1u);
}

TEST(SelectLinks, FollowNofollowFollowsThem) {
  SelectedLinks s = SelectLinks(Page(kLinks), Robots(true, true), OnlyHostA());
  EXPECT_EQ(s.follow, (Links{"http://a/1", "http://a/2", "http://a/3", "http://a/4"}));
  EXPECT_EQ(s.nofollow, 0u);
  EXPECT_EQ(s.out_of_scope, 2u);
}

TEST(SelectLinks, MetaRobotsNofollowOrNoneFollowsNothing) {
  for (const char* meta : {"<meta name=robots content='NOINDEX,NOFOLLOW'>", "<meta name=robots content=none>",
                           "<meta name=ROBOTS content=nofollow>",
                           "<meta name=robots content=noindex><meta name=robots content=nofollow>"}) {
    SelectedLinks s = SelectLinks(Page(std::string(meta) + kLinks), RobotsConfig{}, OnlyHostA());
    EXPECT_TRUE(s.follow.empty()) << meta;
    EXPECT_EQ(s.nofollow, 6u) << meta;  // every link of the page
    EXPECT_EQ(s.out_of_scope, 0u) << meta;
  }
}

TEST(SelectLinks, MetaRobotsIsIgnoredWhenNotObeyed) {
  SelectedLinks s = SelectLinks(Page(std::string("<meta name=robots content=nofollow>") + kLinks),
                                Robots(false, false), OnlyHostA());
  EXPECT_EQ(s.follow, (Links{"http://a/1"}));
  EXPECT_EQ(s.nofollow, 4u);  // rel=nofollow still counts
}

TEST(SelectLinks, OtherMetaRobotsValuesFollowEverything) {
  for (const char* meta :
       {"<meta name=robots content='noindex, noarchive'>", "<meta name=robots content=all>",
        "<meta name=googlebot content=nofollow>", "<meta name=robots content=nofollowing>"}) {
    SelectedLinks s = SelectLinks(Page(std::string(meta) + "<a href=/x>x</a>"), RobotsConfig{}, OnlyHostA());
    EXPECT_EQ(s.follow, (Links{"http://a/x"})) << meta;
  }
}

TEST(SelectLinks, EveryLinkIsCountedOnce) {
  PageInfo page = Page(kLinks);
  const std::size_t total = page.links.size();
  SelectedLinks s = SelectLinks(std::move(page), RobotsConfig{}, OnlyHostA());
  EXPECT_EQ(s.follow.size() + s.nofollow + s.out_of_scope, total);
}

}  // namespace
}  // namespace arachne
