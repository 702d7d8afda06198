#include "testsite/hostile_site.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "testsite/fault_endpoints.h"

namespace arachne::testsite {
namespace {

HttpReply Get(const std::string& target) {
  HttpRequestView request;
  request.method = "GET";
  request.target = target;
  return ServeHostileSite(request);
}

// The href values of a page, in order.
std::vector<std::string> Hrefs(const std::string& body) {
  std::vector<std::string> hrefs;
  constexpr std::string_view kHref = "href=\"";
  for (std::size_t at = body.find(kHref); at != std::string::npos; at = body.find(kHref, at)) {
    at += kHref.size();
    hrefs.push_back(body.substr(at, body.find('"', at) - at));
  }
  return hrefs;
}

TEST(HostileSiteTest, TheIndexLinksEveryPageAndEveryFault) {
  HttpReply index = Get("/index.html");
  EXPECT_EQ(index.status, 200);
  EXPECT_FALSE(index.raw);
  std::vector<std::string> expected = {"/page/1", "/page/2", "/page/3", "/page/4", "/page/5"};
  for (const std::string& path : FaultPaths()) expected.push_back(path);
  EXPECT_EQ(Hrefs(index.body), expected);
}

TEST(HostileSiteTest, NormalPagesLinkTheIndexAndTheirNeighbours) {
  EXPECT_EQ(HostileNormalPaths(),
            (std::vector<std::string>{"/index.html", "/page/1", "/page/2", "/page/3", "/page/4", "/page/5"}));
  EXPECT_EQ(Hrefs(Get("/page/1").body), (std::vector<std::string>{"/index.html", "/page/2"}));
  EXPECT_EQ(Hrefs(Get("/page/3").body), (std::vector<std::string>{"/index.html", "/page/2", "/page/4"}));
  EXPECT_EQ(Hrefs(Get("/page/5").body), (std::vector<std::string>{"/index.html", "/page/4"}));
  for (const std::string& path : HostileNormalPaths()) {
    HttpReply page = Get(path + "?q=1");
    EXPECT_EQ(page.status, 200) << path;
    EXPECT_NE(page.body.find("<title>"), std::string::npos) << path;
  }
}

TEST(HostileSiteTest, FaultsRobotsAndMissingPages) {
  EXPECT_TRUE(Get(std::string(kNoAnswerPath)).raw);
  EXPECT_EQ(Get(std::string(kRedirectPrefix) + "7").status, 302);
  HttpReply robots = Get("/robots.txt");
  EXPECT_EQ(robots.status, 200);
  EXPECT_EQ(robots.body, "User-agent: *\nAllow: /\n");
  for (std::string missing : {"/", "/page/0", "/page/6", "/page/1/x", "/fault/many-links/3", "/nope"}) {
    EXPECT_EQ(Get(missing).status, 404) << missing;
  }
}

}  // namespace
}  // namespace arachne::testsite
