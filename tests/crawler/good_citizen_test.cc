// Crawls of small hand-made sites that each exercise one rule of a good citizen of the web: robots.txt,
// sitemaps, redirect chains, crawler traps, URL normalization, meta robots.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "arachne/crawler.h"
#include "support/recording_server.h"
#include "support/run_crawl.h"
#include "testsite/gzip.h"

namespace arachne {
namespace {

using test::RecordingServer;
using testsite::HttpReply;
using testsite::HttpRequestView;

// A site given as path -> reply; anything else is 404.
RecordingServer::Handler MapSite(std::map<std::string, HttpReply> pages) {
  return [pages = std::move(pages)](const HttpRequestView& request) {
    auto it = pages.find(request.target);
    if (it != pages.end()) return it->second;
    HttpReply missing;
    missing.status = 404;
    return missing;
  };
}

HttpReply Html(std::string body) {
  HttpReply reply;
  reply.headers = {{"Content-Type", "text/html; charset=utf-8"}};
  reply.body = std::move(body);
  return reply;
}

HttpReply Text(std::string body, std::string type = "text/plain") {
  HttpReply reply;
  reply.headers = {{"Content-Type", std::move(type)}};
  reply.body = std::move(body);
  return reply;
}

HttpReply Redirect(int status, std::string location) {
  HttpReply reply;
  reply.status = status;
  reply.headers = {{"Location", std::move(location)}};
  return reply;
}

struct Crawl {
  std::map<std::string, Record> by_path;  // records by path+query
  Result<Summary> summary = Status::Internal("not run");
};

Config SiteConfig(const RecordingServer& server) {
  Config c;
  c.name = "citizen";
  c.seeds = {server.base_url() + "/"};
  c.worker_executable = ARACHNE_WORKER_PATH;
  c.workers.fetchers = 1;
  c.workers.parsers = 1;
  c.retry.backoff_s = 0.01;
  c.politeness.max_delay_s = 0.2;
  c.output.formats = {};
  return c;
}

Crawl RunCrawl(const RecordingServer& server, Config config) {
  test::Crawl run = test::RunCrawl(std::move(config));
  Crawl crawl;
  for (const Record& r : run.records) {
    std::string path = r.url.substr(server.base_url().size());
    EXPECT_TRUE(crawl.by_path.emplace(path, r).second) << "recorded twice: " << r.url;
  }
  crawl.summary = std::move(run.summary);
  return crawl;
}

std::set<std::string> Paths(const Crawl& crawl) {
  std::set<std::string> paths;
  for (const auto& [path, record] : crawl.by_path) paths.insert(path);
  return paths;
}

TEST(Robots, DisallowedUrlsAreNeverRequested) {
  auto server = RecordingServer::Start(MapSite({
      {"/robots.txt", Text("User-agent: *\nDisallow: /no\nAllow: /no/but-yes\n")},
      {"/", Html("<a href=/yes>a</a><a href=/no>b</a><a href=/no/x>c</a><a href=/no/but-yes>d</a>")},
      {"/yes", Html("y")},
      {"/no/but-yes", Html("y")},
  }));
  ASSERT_TRUE(server);
  Crawl crawl = RunCrawl(*server, SiteConfig(*server));
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  EXPECT_EQ(Paths(crawl), (std::set<std::string>{"/", "/yes", "/no/but-yes"}));
  EXPECT_EQ(crawl.summary->robots_disallowed, 2u);
  EXPECT_TRUE(server->hits_of("/no").empty());
  EXPECT_TRUE(server->hits_of("/no/x").empty());
  EXPECT_EQ(server->hits_of("/robots.txt").size(), 1u);
}

TEST(Robots, OurOwnGroupWinsOverTheStarGroup) {
  auto server = RecordingServer::Start(MapSite({
      {"/robots.txt", Text("User-agent: *\nDisallow: /\n\nUser-agent: arachne\nDisallow: /secret\n")},
      {"/", Html("<a href=/open>a</a><a href=/secret>b</a>")},
      {"/open", Html("o")},
  }));
  ASSERT_TRUE(server);
  Crawl crawl = RunCrawl(*server, SiteConfig(*server));
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  EXPECT_EQ(Paths(crawl), (std::set<std::string>{"/", "/open"}));
}

TEST(Robots, AServerErrorDisallowsTheWholeSite) {
  HttpReply unavailable;
  unavailable.status = 503;
  auto server = RecordingServer::Start(MapSite({{"/robots.txt", unavailable}, {"/", Html("<a href=/a>a</a>")}}));
  ASSERT_TRUE(server);
  Crawl crawl = RunCrawl(*server, SiteConfig(*server));
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  ASSERT_EQ(Paths(crawl), (std::set<std::string>{"/"}));
  EXPECT_EQ(crawl.by_path["/"].error, "robots.txt unreachable");
  EXPECT_TRUE(server->hits_of("/").empty());
  EXPECT_EQ(server->hits_of("/robots.txt").size(), 4u);  // the first try and three retries
}

TEST(Robots, ANotFoundRobotsTxtAllowsEverything) {
  auto server = RecordingServer::Start(MapSite({{"/", Html("<a href=/a>a</a>")}, {"/a", Html("a")}}));
  ASSERT_TRUE(server);
  Crawl crawl = RunCrawl(*server, SiteConfig(*server));
  ASSERT_TRUE(crawl.summary.ok());
  EXPECT_EQ(Paths(crawl), (std::set<std::string>{"/", "/a"}));
}

TEST(Robots, GarbageRobotsTxtAllowsEverythingAndTheCrawlGoesOn) {
  std::string garbage;
  for (int i = 0; i < 100000; ++i) garbage += static_cast<char>((i * 7919) % 256);
  auto server = RecordingServer::Start(MapSite({
      {"/robots.txt", Text(garbage, "application/octet-stream")},
      {"/", Html("<a href=/a>a</a>")},
      {"/a", Html("a")},
  }));
  ASSERT_TRUE(server);
  Crawl crawl = RunCrawl(*server, SiteConfig(*server));
  ASSERT_TRUE(crawl.summary.ok());
  EXPECT_EQ(Paths(crawl), (std::set<std::string>{"/", "/a"}));
}

TEST(Redirects, TheChainIsKeptInTheFinalRecord) {
  auto server = RecordingServer::Start(MapSite({
      {"/", Html("<a href=/r1>go</a>")},
      {"/r1", Redirect(301, "/r2")},
      {"/r2", Redirect(302, "r3")},
      {"/r3", Redirect(307, "/final")},
      {"/final", Html("<title>there</title>")},
  }));
  ASSERT_TRUE(server);
  Crawl crawl = RunCrawl(*server, SiteConfig(*server));
  ASSERT_TRUE(crawl.summary.ok());
  ASSERT_EQ(Paths(crawl), (std::set<std::string>{"/", "/r1", "/r2", "/r3", "/final"}));
  const std::string base = server->base_url();
  const Record& final = crawl.by_path["/final"];
  EXPECT_EQ(final.redirects, (std::vector<std::string>{base + "/r1", base + "/r2", base + "/r3"}));
  EXPECT_EQ(final.depth, 1);
  EXPECT_EQ(final.title, "there");
  EXPECT_EQ(crawl.by_path["/r1"].final_url, base + "/r2");
  EXPECT_EQ(crawl.by_path["/r1"].status, 301);
  EXPECT_TRUE(crawl.by_path["/r1"].redirects.empty());
  EXPECT_EQ(crawl.by_path["/r2"].redirects, (std::vector<std::string>{base + "/r1"}));
}

TEST(Redirects, ALoopIsDetected) {
  auto server = RecordingServer::Start(MapSite({
      {"/", Html("<a href=/l1>go</a>")},
      {"/l1", Redirect(302, "/l2")},
      {"/l2", Redirect(302, "/l1")},
  }));
  ASSERT_TRUE(server);
  Crawl crawl = RunCrawl(*server, SiteConfig(*server));
  ASSERT_TRUE(crawl.summary.ok());
  EXPECT_EQ(crawl.by_path["/l2"].error, "redirect loop");
  EXPECT_EQ(crawl.summary->limited["redirect_loop"], 1u);
  EXPECT_EQ(server->hits_of("/l1").size(), 1u);
}

TEST(Redirects, ALongChainIsCut) {
  std::map<std::string, HttpReply> pages = {{"/", Html("<a href=/c0>go</a>")}};
  for (int i = 0; i < 20; ++i) pages["/c" + std::to_string(i)] = Redirect(301, "/c" + std::to_string(i + 1));
  auto server = RecordingServer::Start(MapSite(pages));
  ASSERT_TRUE(server);
  Config config = SiteConfig(*server);
  config.fetch.max_redirects = 5;
  Crawl crawl = RunCrawl(*server, config);
  ASSERT_TRUE(crawl.summary.ok());
  EXPECT_EQ(crawl.by_path.size(), 1u + 6);  // "/" and /c0 ... /c5
  EXPECT_EQ(crawl.by_path["/c5"].error, "too many redirects");
  EXPECT_EQ(crawl.summary->limited["redirects"], 1u);
}

TEST(Redirects, AnOutOfScopeTargetIsNotFollowed) {
  auto server = RecordingServer::Start(MapSite({
      {"/", Html("<a href=/away>go</a>")},
      {"/away", Redirect(301, "http://elsewhere.invalid/")},
  }));
  ASSERT_TRUE(server);
  Crawl crawl = RunCrawl(*server, SiteConfig(*server));
  ASSERT_TRUE(crawl.summary.ok());
  EXPECT_EQ(Paths(crawl), (std::set<std::string>{"/", "/away"}));
  EXPECT_EQ(crawl.summary->out_of_scope, 1u);
}

TEST(Traps, RepeatingRelativeLinksEndAtTheCap) {
  // Every /a.../ page links to "a/", a classic relative-link trap: /a/a/a/a/...
  auto server = RecordingServer::Start([](const HttpRequestView& request) {
    HttpReply reply = Html("<a href=\"a/\">deeper</a>");
    if (request.target == "/robots.txt") reply.status = 404;
    return reply;
  });
  ASSERT_TRUE(server);
  Crawl crawl = RunCrawl(*server, SiteConfig(*server));
  ASSERT_TRUE(crawl.summary.ok());
  EXPECT_EQ(Paths(crawl), (std::set<std::string>{"/", "/a/", "/a/a/", "/a/a/a/"}));
  EXPECT_EQ(crawl.summary->limited["repeated_segments"], 1u);
}

TEST(Traps, EveryCapIsCountedInTheSummary) {
  std::string long_path(3000, 'x');
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "/d" + std::to_string(i);
  std::string many_params = "/q?";
  for (int i = 0; i < 50; ++i) many_params += "p" + std::to_string(i) + "=1&";
  auto server = RecordingServer::Start(MapSite({
      {"/", Html("<a href=/" + long_path + ">1</a><a href=" + deep + ">2</a><a href=\"" + many_params +
                 "\">3</a><a href=/ok>4</a>")},
      {"/ok", Html("ok")},
  }));
  ASSERT_TRUE(server);
  Crawl crawl = RunCrawl(*server, SiteConfig(*server));
  ASSERT_TRUE(crawl.summary.ok());
  EXPECT_EQ(Paths(crawl), (std::set<std::string>{"/", "/ok"}));
  EXPECT_EQ(crawl.summary->limited["url_length"], 1u);
  EXPECT_EQ(crawl.summary->limited["path_depth"], 1u);
  EXPECT_EQ(crawl.summary->limited["query_params"], 1u);
}

TEST(Traps, PagesPerHostAreCapped) {
  std::string links;
  for (int i = 0; i < 30; ++i) links += "<a href=/p" + std::to_string(i) + ">x</a>";
  auto server = RecordingServer::Start([links](const HttpRequestView& request) {
    HttpReply reply = Html(links);
    if (request.target == "/robots.txt") reply.status = 404;
    return reply;
  });
  ASSERT_TRUE(server);
  Config config = SiteConfig(*server);
  config.scope.max_pages_per_host = 10;
  Crawl crawl = RunCrawl(*server, config);
  ASSERT_TRUE(crawl.summary.ok());
  EXPECT_EQ(crawl.by_path.size(), 10u);
  EXPECT_EQ(crawl.summary->limited["pages_per_host"], 21u);
}

TEST(Normalization, CampaignTagsAndSessionIdsAreDropped) {
  auto server = RecordingServer::Start(MapSite({
      {"/", Html("<a href=\"/p?utm_source=mail&id=3\">1</a><a href=\"/p?id=3&utm_medium=x\">2</a>"
                 "<a href=\"/p?id=3&PHPSESSID=abc\">3</a><a href=\"/p?id=3\">4</a><a href=\"/%7Ep?id=3\">5</a>")},
      {"/p?id=3", Html("p")},
      {"/~p?id=3", Html("p")},
  }));
  ASSERT_TRUE(server);
  Crawl crawl = RunCrawl(*server, SiteConfig(*server));
  ASSERT_TRUE(crawl.summary.ok());
  EXPECT_EQ(Paths(crawl), (std::set<std::string>{"/", "/p?id=3", "/~p?id=3"}));
}

TEST(Normalization, SortingQueryParametersIsAnOption) {
  auto server = RecordingServer::Start(MapSite({
      {"/", Html("<a href=\"/p?b=2&a=1\">1</a><a href=\"/p?a=1&b=2\">2</a>")},
      {"/p?a=1&b=2", Html("p")},
  }));
  ASSERT_TRUE(server);
  Config config = SiteConfig(*server);
  config.urls.sort_query_params = true;
  Crawl crawl = RunCrawl(*server, config);
  ASSERT_TRUE(crawl.summary.ok());
  EXPECT_EQ(Paths(crawl), (std::set<std::string>{"/", "/p?a=1&b=2"}));
}

}  // namespace
}  // namespace arachne

namespace arachne {
namespace {

TEST(Safety, LinksToPrivateAddressesOfOtherHostsAreBlocked) {
  auto other = RecordingServer::Start(MapSite({{"/admin", Html("secret")}}), "127.0.0.2");
  ASSERT_TRUE(other);
  auto server = RecordingServer::Start(MapSite({
      {"/", Html("<a href=\"" + other->base_url() + "/admin\">admin</a><a href=/ok>ok</a>")},
      {"/ok", Html("ok")},
  }));
  ASSERT_TRUE(server);
  Config config = SiteConfig(*server);
  config.scope.allowed_domains = {"127.0.0.1", "127.0.0.2"};
  Crawl crawl = RunCrawl(*server, config);
  ASSERT_TRUE(crawl.summary.ok());
  EXPECT_TRUE(other->hits().empty()) << "the crawler connected to a private address it was not given";
  EXPECT_EQ(crawl.summary->errors_by_kind["blocked address"], 1u);
}

TEST(Safety, AllowPrivateLetsTheCrawlThrough) {
  auto other = RecordingServer::Start(MapSite({{"/admin", Html("fine")}}), "127.0.0.2");
  ASSERT_TRUE(other);
  auto server = RecordingServer::Start(MapSite({{"/", Html("<a href=\"" + other->base_url() + "/admin\">a</a>")}}));
  ASSERT_TRUE(server);
  Config config = SiteConfig(*server);
  config.scope.allowed_domains = {"127.0.0.1", "127.0.0.2"};
  config.fetch.allow_private = true;
  Crawl crawl = RunCrawl(*server, config);
  ASSERT_TRUE(crawl.summary.ok());
  EXPECT_EQ(other->hits_of("/admin").size(), 1u);
}

TEST(Content, OtherTypesAreRecordedFromTheirHeaders) {
  HttpReply pdf = Text(std::string(3 * 1024 * 1024, '%'), "application/pdf");
  auto server = RecordingServer::Start(MapSite({{"/", Html("<a href=/doc.pdf>pdf</a>")}, {"/doc.pdf", pdf}}));
  ASSERT_TRUE(server);
  Crawl crawl = RunCrawl(*server, SiteConfig(*server));
  ASSERT_TRUE(crawl.summary.ok());
  const Record& doc = crawl.by_path["/doc.pdf"];
  EXPECT_EQ(doc.status, 200);
  EXPECT_EQ(doc.content_type, "application/pdf");
  EXPECT_EQ(doc.error, "");
  EXPECT_LT(doc.bytes, 1024u * 1024);
}

}  // namespace
}  // namespace arachne

namespace arachne {
namespace {

std::string Urlset(const std::string& base, const std::vector<std::string>& paths) {
  std::string xml = "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">";
  for (const std::string& path : paths) xml += "<url><loc>" + base + path + "</loc></url>";
  return xml + "</urlset>";
}

TEST(Sitemaps, RobotsTxtSitemapsAddPagesNoLinkReaches) {
  std::string base;
  auto server = RecordingServer::Start([&base](const HttpRequestView& request) {
    if (request.target == "/robots.txt") return Text("User-agent: *\nDisallow: /hidden\nSitemap: " + base + "/sitemap.xml\n");
    if (request.target == "/sitemap.xml") {
      return Text(Urlset(base, {"/orphan1", "/orphan2", "/hidden", "/"}) + "", "application/xml");
    }
    if (request.target == "/" || request.target == "/orphan1" || request.target == "/orphan2") return Html("<title>x</title>");
    HttpReply missing;
    missing.status = 404;
    return missing;
  });
  ASSERT_TRUE(server);
  base = server->base_url();
  Crawl crawl = RunCrawl(*server, SiteConfig(*server));
  ASSERT_TRUE(crawl.summary.ok());
  EXPECT_EQ(Paths(crawl), (std::set<std::string>{"/", "/orphan1", "/orphan2"}));
  EXPECT_EQ(crawl.by_path["/orphan1"].depth, 0);
  EXPECT_EQ(crawl.by_path["/orphan1"].referrer, base + "/sitemap.xml");
  EXPECT_EQ(crawl.summary->from_sitemaps, 2u);
  EXPECT_EQ(crawl.summary->robots_disallowed, 1u);
  EXPECT_TRUE(server->hits_of("/hidden").empty());
}

TEST(Sitemaps, SeedFileSitemapsWithAGzipIndex) {
  std::string base;
  auto server = RecordingServer::Start([&base](const HttpRequestView& request) {
    HttpReply reply;
    reply.headers = {{"Content-Type", "application/octet-stream"}};
    if (request.target == "/index.xml") {
      reply.body = "<sitemapindex><sitemap><loc>" + base + "/a.xml.gz</loc></sitemap><sitemap><loc>" + base +
                   "/b.txt</loc></sitemap></sitemapindex>";
    } else if (request.target == "/a.xml.gz") {
      std::string xml = Urlset(base, {"/p1", "/p2", "/elsewhere-is-out-of-scope"});
      xml.replace(xml.find(base + "/elsewhere"), base.size(), "http://other.invalid");
      reply.body = testsite::GzipCompress(xml).value();
    } else if (request.target == "/b.txt") {
      reply.body = base + "/p3\n" + base + "/p1\n";
    } else if (request.target == "/robots.txt") {
      reply.status = 404;
    } else {
      return Html("<title>" + request.target + "</title>");
    }
    return reply;
  });
  ASSERT_TRUE(server);
  base = server->base_url();
  Config config = SiteConfig(*server);
  config.sitemaps = {base + "/index.xml"};
  Crawl crawl = RunCrawl(*server, config);
  ASSERT_TRUE(crawl.summary.ok());
  EXPECT_EQ(Paths(crawl), (std::set<std::string>{"/", "/p1", "/p2", "/p3"}));
  EXPECT_EQ(crawl.summary->from_sitemaps, 3u);
  EXPECT_EQ(crawl.summary->out_of_scope, 1u);
}

TEST(Sitemaps, ABrokenSitemapIsLoggedAndTheCrawlGoesOn) {
  std::string base;
  auto server = RecordingServer::Start([&base](const HttpRequestView& request) {
    if (request.target == "/robots.txt") return Text("Sitemap: " + base + "/s.xml\nSitemap: " + base + "/missing.xml\n");
    if (request.target == "/s.xml") return Text("<!doctype html><html><body>not a sitemap", "text/html");
    if (request.target == "/") return Html("<a href=/a>a</a>");
    if (request.target == "/a") return Html("a");
    HttpReply missing;
    missing.status = 404;
    return missing;
  });
  ASSERT_TRUE(server);
  base = server->base_url();
  std::vector<std::string> log;
  Config config = SiteConfig(*server);
  Crawl crawl;
  Crawler crawler(config);
  crawler.OnRecord([&](const Record& r) { crawl.by_path.emplace(r.url.substr(base.size()), r); });
  crawler.OnLog([&](const std::string& line) { log.push_back(line); });
  crawl.summary = crawler.Run();
  ASSERT_TRUE(crawl.summary.ok());
  EXPECT_EQ(Paths(crawl), (std::set<std::string>{"/", "/a"}));
  std::string all;
  for (const auto& line : log) all += line + "\n";
  EXPECT_NE(all.find("not a sitemap"), std::string::npos) << all;
  EXPECT_NE(all.find("missing.xml: status 404"), std::string::npos) << all;
}

}  // namespace
}  // namespace arachne

namespace arachne {
namespace {

TEST(MetaRobotsCrawl, NofollowPagesAndLinksAreNotFollowed) {
  auto server = RecordingServer::Start(MapSite({
      {"/", Html("<a href=/closed>1</a><a href=/skip rel=nofollow>2</a><a href=/open>3</a>")},
      {"/closed", Html("<meta name=robots content='noindex, nofollow'><a href=/behind>b</a>")},
      {"/open", Html("<a href=/behind2>b</a>")},
      {"/behind2", Html("x")},
  }));
  ASSERT_TRUE(server);
  Crawl crawl = RunCrawl(*server, SiteConfig(*server));
  ASSERT_TRUE(crawl.summary.ok());
  EXPECT_EQ(Paths(crawl), (std::set<std::string>{"/", "/closed", "/open", "/behind2"}));
  EXPECT_EQ(crawl.by_path["/closed"].robots, "noindex, nofollow");
  EXPECT_EQ(crawl.by_path["/closed"].links, 1u);
  EXPECT_EQ(crawl.summary->nofollow, 2u);
  EXPECT_TRUE(server->hits_of("/skip").empty());
}

TEST(MetaRobotsCrawl, BothRulesCanBeSwitchedOff) {
  auto server = RecordingServer::Start(MapSite({
      {"/", Html("<a href=/closed>1</a><a href=/skip rel=nofollow>2</a>")},
      {"/closed", Html("<meta name=robots content=none><a href=/behind>b</a>")},
      {"/skip", Html("s")},
      {"/behind", Html("b")},
  }));
  ASSERT_TRUE(server);
  Config config = SiteConfig(*server);
  config.robots.obey_meta = false;
  config.robots.follow_nofollow = true;
  Crawl crawl = RunCrawl(*server, config);
  ASSERT_TRUE(crawl.summary.ok());
  EXPECT_EQ(Paths(crawl), (std::set<std::string>{"/", "/closed", "/skip", "/behind"}));
}

TEST(EncodingsCrawl, TitlesArriveInUtf8WhateverTheCharset) {
  HttpReply latin = Html("<title>Caf\xE9 \x80</title>");
  latin.headers = {{"Content-Type", "text/html; charset=iso-8859-1"}};
  HttpReply sjis = Html("<meta charset=shift_jis><title>\x93\xFA\x96\x7B</title>");
  sjis.headers = {{"Content-Type", "text/html"}};
  HttpReply broken = Html("<title>bad \xFF\xFE bytes</title>");
  auto server = RecordingServer::Start(MapSite({
      {"/", Html("<a href=/latin>1</a><a href=/sjis>2</a><a href=/broken>3</a>")},
      {"/latin", latin},
      {"/sjis", sjis},
      {"/broken", broken},
  }));
  ASSERT_TRUE(server);
  Crawl crawl = RunCrawl(*server, SiteConfig(*server));
  ASSERT_TRUE(crawl.summary.ok());
  EXPECT_EQ(crawl.by_path["/latin"].title, "Caf\xC3\xA9 \xE2\x82\xAC");
  EXPECT_EQ(crawl.by_path["/latin"].charset, "windows-1252");
  EXPECT_EQ(crawl.by_path["/sjis"].title, "\xE6\x97\xA5\xE6\x9C\xAC");
  EXPECT_EQ(crawl.by_path["/sjis"].charset, "shift_jis");
  EXPECT_EQ(crawl.by_path["/broken"].title, "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes");
  EXPECT_EQ(crawl.by_path["/"].charset, "utf-8");
}

}  // namespace
}  // namespace arachne
