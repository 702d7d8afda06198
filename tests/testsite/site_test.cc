#include "testsite/site.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "testsite/gzip.h"
#include "testsite/http_test_client.h"
#include "testsite/page_renderer.h"

namespace arachne::testsite {
namespace {

const std::string kBase = "http://127.0.0.1:8080";

HttpReply Get(const Site& site, const std::string& target, const std::string& base = kBase) {
  HttpRequestView request;
  request.method = "GET";
  request.target = target;
  return site.Respond(request, base);
}

std::string HeaderOf(const HttpReply& reply, const std::string& name) {
  for (const auto& [n, v] : reply.headers) {
    if (n == name) return v;
  }
  return "";
}

// --- A small, independent model of what an HTML link extractor does, good enough for the forms the site
// writes: strips comments and script text, finds a/area/link/base[href] and iframe[src], decodes the few
// entities used, resolves by RFC 3986 section 5.2. It checks the site's by-construction truth from outside.

std::string DecodeEntities(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    std::size_t semi = s.find(';', i);
    std::string_view name = s.substr(i + 1, semi - i - 1);
    if (name == "amp")
      out += '&';
    else if (name == "lt")
      out += '<';
    else if (name == "gt")
      out += '>';
    else if (name == "quot")
      out += '"';
    else if (name == "#8211")
      out += "\u2013";
    else
      ADD_FAILURE() << "unexpected entity " << name;
    i = semi;
  }
  return out;
}

std::string Collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

std::string RemoveDotSegments(const std::string& path) {
  std::vector<std::string> out;
  std::stringstream in(path.substr(1));
  std::string seg;
  bool trailing = path.ends_with("/") || path.ends_with("/.") || path.ends_with("/..");
  while (std::getline(in, seg, '/')) {
    if (seg == ".") continue;
    if (seg == "..") {
      if (!out.empty()) out.pop_back();
      continue;
    }
    out.push_back(seg);
  }
  std::string result;
  for (const auto& s : out) result += "/" + s;
  if (trailing || result.empty()) result += "/";
  return result;
}

// Resolves `href` against absolute `base`; "" when the result is not http(s).
std::string Resolve(const std::string& base, std::string href) {
  href = href.substr(0, href.find('#'));
  static const std::regex kScheme("^([A-Za-z][A-Za-z0-9+.-]*):");
  std::smatch m;
  std::string scheme = base.substr(0, base.find(':'));
  std::string rest = base.substr(scheme.size() + 3);
  std::string authority = rest.substr(0, rest.find_first_of("/?"));
  std::string path_query = rest.substr(authority.size());
  std::string base_path = path_query.substr(0, path_query.find('?'));
  if (std::regex_search(href, m, kScheme)) {
    std::string s = m[1].str();
    std::transform(s.begin(), s.end(), s.begin(), ::tolower);
    if (s != "http" && s != "https") return "";
    return Resolve(s + "://x/", href.substr(m[0].length()));
  }
  std::string target_path;
  if (href.starts_with("//")) {
    std::string r = href.substr(2);
    authority = r.substr(0, r.find_first_of("/?"));
    target_path = r.substr(authority.size());
    if (target_path.empty() || target_path[0] == '?') target_path = "/" + target_path;
  } else if (href.starts_with("/")) {
    target_path = href;
  } else {
    target_path = base_path.substr(0, base_path.rfind('/') + 1) + href;
  }
  std::string query;
  if (auto q = target_path.find('?'); q != std::string::npos) {
    query = target_path.substr(q);
    target_path.resize(q);
  }
  return scheme + "://" + authority + RemoveDotSegments(target_path) + query;
}

struct Extracted {
  std::string title, description, canonical;
  std::set<std::string> targets;
};

std::string Without(std::string html, const std::string& open, const std::string& close) {
  for (std::size_t at; (at = html.find(open)) != std::string::npos;) {
    std::size_t end = html.find(close, at);
    html.erase(at, end + close.size() - at);
  }
  return html;
}

Extracted Extract(const std::string& page_url, std::string html) {
  html = Without(Without(std::move(html), "<!--", "-->"), "<script>", "</script>");
  Extracted e;
  std::size_t t = html.find("<title>");
  e.title = Collapse(DecodeEntities(html.substr(t + 7, html.find("</title>") - t - 7)));
  static const std::regex kDescription("<meta name=\"description\" content=\"([^\"]*)\">");
  std::smatch m;
  if (std::regex_search(html, m, kDescription)) e.description = Collapse(DecodeEntities(m[1].str()));
  static const std::regex kTag("<(a|area|iframe|link|base)\\s[^>]*>", std::regex::icase);
  static const std::regex kAttr("\\s(href|src)\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s>]+))",
                                std::regex::icase);
  std::string base = page_url;
  std::vector<std::pair<std::string, std::string>> refs;  // element, raw value
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kTag); it != std::sregex_iterator(); ++it) {
    std::string tag = (*it)[0].str();
    std::string element = (*it)[1].str();
    std::transform(element.begin(), element.end(), element.begin(), ::tolower);
    std::smatch a;
    if (!std::regex_search(tag, a, kAttr)) continue;
    std::string attr = a[1].str();
    std::transform(attr.begin(), attr.end(), attr.begin(), ::tolower);
    if ((element == "iframe") != (attr == "src")) continue;
    std::string value = DecodeEntities(a[3].matched ? a[3].str() : a[4].matched ? a[4].str() : a[5].str());
    if (element == "base") {
      base = Resolve(page_url, value);
      continue;
    }
    refs.emplace_back(element, value);
    if (element == "link") e.canonical = value;
  }
  for (const auto& [element, value] : refs) {
    std::string target = Resolve(base, value);
    if (!target.empty()) e.targets.insert(target);
  }
  return e;
}

// --- Tests.

TEST(RelativeHrefTest, ClimbsAndDescends) {
  EXPECT_EQ(RelativeHref("/s/1/2/", "/p/5.html"), "../../../p/5.html");
  EXPECT_EQ(RelativeHref("/s/1/2/", "/s/1/3/p7.html"), "../3/p7.html");
  EXPECT_EQ(RelativeHref("/p/", "/p/5.html"), "5.html");
  EXPECT_EQ(RelativeHref("/", "/s/1/2/p9.html"), "s/1/2/p9.html");
  EXPECT_EQ(RelativeHref("/p/", "/index.html"), "../index.html");
}

TEST(SiteTest, CreateRejectsImpossibleOptions) {
  EXPECT_FALSE(Site::Create({.pages = 0}).ok());
  EXPECT_FALSE(
      Site::Create({.pages = 10, .seed = 1, .median_bytes = 30000, .min_links = 30, .max_links = 20}).ok());
  EXPECT_FALSE(Site::Create({.pages = 10, .seed = 1, .median_bytes = 10}).ok());
  Result<Site> bad = Site::Create({.pages = -5});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("-5"), std::string::npos);
  EXPECT_TRUE(Site::Create({.pages = 1}).ok());
}

TEST(SiteTest, SameSeedSameBytesOtherSeedOtherBytes) {
  Site a({.pages = 300, .seed = 42});
  Site b({.pages = 300, .seed = 42});
  Site c({.pages = 300, .seed = 43});
  int differ = 0;
  for (int k = 0; k < 300; k += 7) {
    std::string path = a.map().PagePath(k);
    EXPECT_EQ(Get(a, path).body, Get(b, path).body) << path;
    if (c.map().PagePath(k) != path || Get(c, path).body != Get(a, path).body) ++differ;
  }
  EXPECT_GT(differ, 30);
  EXPECT_EQ(Get(a, "/files/3.pdf").body, Get(b, "/files/3.pdf").body);
  std::vector<ExpectedUrl> ra = a.Reachable(kBase), rb = b.Reachable(kBase);
  ASSERT_EQ(ra.size(), rb.size());
  for (std::size_t i = 0; i < ra.size(); ++i) EXPECT_EQ(ra[i].url, rb[i].url);
}

TEST(SiteTest, PageSizesAreRealistic) {
  Site site({.pages = 1000, .seed = 1});
  std::vector<std::size_t> sizes;
  for (int k = 0; k < 1000; ++k) sizes.push_back(Get(site, site.map().PagePath(k)).body.size());
  std::sort(sizes.begin(), sizes.end());
  std::size_t median = sizes[sizes.size() / 2];
  EXPECT_GE(median, 20000u);
  EXPECT_LE(median, 40000u);
  EXPECT_LT(sizes.front(), 6000u);   // some small pages
  EXPECT_GT(sizes.back(), 250000u);  // and a few big ones
  EXPECT_LT(sizes.back(), 400000u);
}

TEST(SiteTest, RespondServesEveryKindAndRefusesTheRest) {
  Site site({.pages = 100, .seed = 3});
  HttpReply index = Get(site, "/index.html");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(HeaderOf(index, "Content-Type"), "text/html; charset=utf-8");
  EXPECT_TRUE(index.gzip_if_accepted);
  EXPECT_EQ(Get(site, "/").body, index.body);
  EXPECT_EQ(Get(site, "/index.html?sort=asc").body, index.body);  // the query is ignored

  HttpReply robots = Get(site, "/robots.txt");
  EXPECT_EQ(robots.status, 200);
  EXPECT_NE(robots.body.find("Disallow: /private/"), std::string::npos);

  HttpReply pdf = Get(site, "/files/0.pdf");
  EXPECT_EQ(pdf.status, 200);
  EXPECT_EQ(HeaderOf(pdf, "Content-Type"), "application/pdf");
  EXPECT_TRUE(pdf.body.starts_with("%PDF-"));
  EXPECT_FALSE(pdf.gzip_if_accepted);
  HttpReply png = Get(site, "/img/1.png");
  EXPECT_EQ(HeaderOf(png, "Content-Type"), "image/png");
  EXPECT_TRUE(png.body.starts_with("\x89PNG"));
  EXPECT_EQ(Get(site, "/private/0.html").status, 200);

  for (std::string missing : {"/p/100.html", "/nothing", "/p/01.html", "/p/-1.html", "/files/999.pdf",
                              "/private/99.html", "/gone/1.html", "/p/.html", "/s/0/0/p0.html"}) {
    HttpReply r = Get(site, missing);
    EXPECT_EQ(r.status, 404) << missing;
    EXPECT_NE(r.body.find("<title>404 Not Found</title>"), std::string::npos);
  }
  // A page only exists at its own path, not in another folder.
  for (int k = 1; k < 100; ++k) {
    std::string path = site.map().PagePath(k);
    std::string other = path.starts_with("/p/") ? "/s/0/0/p" + std::to_string(k) + ".html"
                                                : "/p/" + std::to_string(k) + ".html";
    EXPECT_EQ(Get(site, path).status, 200);
    EXPECT_EQ(Get(site, other).status, 404) << other;
  }

  Site plain(
      {.pages = 100, .seed = 3, .median_bytes = 30000, .min_links = 20, .max_links = 60, .gzip = false});
  EXPECT_FALSE(Get(plain, "/index.html").gzip_if_accepted);
  EXPECT_EQ(Get(plain, "/index.html").body, index.body);

  HttpRequestView post;
  post.method = "POST";
  post.target = "/index.html";
  EXPECT_EQ(site.Respond(post, kBase).status, 405);
}

TEST(SiteTest, EveryPageIsReachable) {
  Site site({.pages = 500, .seed = 9});
  std::vector<ExpectedUrl> reachable = site.Reachable(kBase);
  std::map<std::string, const ExpectedUrl*> by_url;
  for (const auto& e : reachable) {
    EXPECT_TRUE(by_url.emplace(e.url, &e).second) << "listed twice: " << e.url;
    EXPECT_EQ(e.url.find('#'), std::string::npos);
    EXPECT_TRUE(e.url.starts_with(kBase + "/"));
  }
  ASSERT_FALSE(reachable.empty());
  EXPECT_EQ(reachable[0].url, kBase + "/index.html");
  EXPECT_EQ(reachable[0].depth, 0);
  for (int k = 0; k < 500; ++k) {
    auto it = by_url.find(kBase + site.map().PagePath(k));
    ASSERT_NE(it, by_url.end()) << "page " << k << " unreachable";
    EXPECT_EQ(it->second->status, 200);
    EXPECT_FALSE(it->second->disallowed);
  }
  int private_pages = 0, not_found = 0, pdfs = 0, pngs = 0, queries = 0;
  for (const auto& e : reachable) {
    if (e.disallowed) ++private_pages;
    if (e.status == 404) ++not_found;
    if (e.content_type == "application/pdf") ++pdfs;
    if (e.content_type == "image/png") ++pngs;
    if (e.url.find('?') != std::string::npos) ++queries;
    if (e.status == 200 && e.content_type.starts_with("text/html")) {
      EXPECT_GE(e.links, e.disallowed ? 2 : 10) << e.url;
      EXPECT_EQ(e.canonical, e.url.substr(0, e.url.find('?')));
    } else {
      EXPECT_EQ(e.links, 0) << e.url;
    }
  }
  EXPECT_GT(private_pages, 0);
  EXPECT_GT(not_found, 10);
  EXPECT_GT(pdfs, 0);
  EXPECT_GT(pngs, 0);
  EXPECT_GT(queries, 10);
  // BFS order: depths never decrease.
  for (std::size_t i = 1; i < reachable.size(); ++i) EXPECT_GE(reachable[i].depth, reachable[i - 1].depth);
}

TEST(SiteTest, MaxDepthCutsTheList) {
  Site site({.pages = 300, .seed = 2});
  std::vector<ExpectedUrl> all = site.Reachable(kBase);
  std::vector<ExpectedUrl> two = site.Reachable(kBase, 2);
  ASSERT_EQ(site.Reachable(kBase, 0).size(), 1u);
  std::size_t expected =
      std::count_if(all.begin(), all.end(), [](const ExpectedUrl& e) { return e.depth <= 2; });
  EXPECT_EQ(two.size(), expected);
  EXPECT_LT(two.size(), all.size());
  for (const auto& e : two) EXPECT_LE(e.depth, 2);
}

TEST(SiteTest, EveryLinkFormAppears) {
  Site site({.pages = 200, .seed = 5});
  std::string all;
  for (int k = 0; k < 200; ++k) all += Get(site, site.map().PagePath(k)).body;
  for (std::string needle : {"href=\"http://127.0.0.1:8080/",
                             "href=\"//127.0.0.1:8080/",
                             "href=\"/p/",
                             "href=\"../",
                             "href=\"./",
                             "href=\"p",
                             "#sec",
                             ".html#\"",
                             "?sort=",
                             "?a=1&amp;b=2",
                             "<base href=\"http://127.0.0.1:8080/",
                             "<base href=\"/",
                             "<area ",
                             "<iframe src=",
                             "mailto:",
                             "javascript:",
                             ".invalid",
                             ".pdf",
                             ".png",
                             "href='",
                             " href=/",
                             "<A HREF=",
                             "/private/",
                             "<!--",
                             "<script>",
                             "<link rel=\"canonical\"",
                             "&amp;",
                             "Caf\u00e9"}) {
    EXPECT_NE(all.find(needle), std::string::npos) << needle;
  }
}

// The truth Reachable() tells, checked against what the pages say, read by the independent model above:
// the same URLs at the same depths, and for each its status, type, title, description, canonical, links.
TEST(SiteTest, ReachableMatchesWhatTheServedPagesSay) {
  Site site({.pages = 150, .seed = 11});
  std::vector<ExpectedUrl> expected = site.Reachable(kBase);
  std::map<std::string, int> depth_of;
  std::deque<std::string> queue;
  std::vector<std::string> order;
  depth_of[kBase + "/index.html"] = 0;
  queue.push_back(kBase + "/index.html");
  std::map<std::string, Extracted> extracted;
  std::map<std::string, HttpReply> replies;
  while (!queue.empty() && order.size() < 100000) {
    std::string url = queue.front();
    queue.pop_front();
    order.push_back(url);
    HttpReply reply = Get(site, url.substr(kBase.size()));
    bool html = HeaderOf(reply, "Content-Type").starts_with("text/html");
    if (reply.status == 200 && html) {
      Extracted e = Extract(url, reply.body);
      for (const std::string& target : e.targets) {
        if (target.starts_with(kBase + "/") && !depth_of.contains(target)) {
          depth_of[target] = depth_of[url] + 1;
          queue.push_back(target);
        }
      }
      extracted[url] = std::move(e);
    }
    replies[url] = std::move(reply);
  }
  ASSERT_EQ(expected.size(), order.size());
  for (const ExpectedUrl& e : expected) {
    SCOPED_TRACE(e.url);
    ASSERT_TRUE(depth_of.contains(e.url));
    EXPECT_EQ(e.depth, depth_of[e.url]);
    const HttpReply& reply = replies[e.url];
    EXPECT_EQ(e.status, reply.status);
    EXPECT_EQ(e.content_type, HeaderOf(reply, "Content-Type"));
    if (e.status == 404) {
      EXPECT_EQ(e.title, "404 Not Found");
      continue;
    }
    if (auto it = extracted.find(e.url); it != extracted.end()) {
      EXPECT_EQ(e.title, it->second.title);
      EXPECT_EQ(e.description, it->second.description);
      EXPECT_EQ(e.canonical, it->second.canonical);
      EXPECT_EQ(e.links, static_cast<int>(it->second.targets.size()));
    }
  }
}

TEST(SiteTest, TitlesDecodeEntitiesAndCollapseWhitespace) {
  Site site({.pages = 10, .seed = 1});
  std::vector<ExpectedUrl> reachable = site.Reachable(kBase);
  std::map<std::string, std::string> titles;
  for (const auto& e : reachable) titles[e.url] = e.title;
  EXPECT_EQ(titles[kBase + "/index.html"], "Arachne test site & index");
  std::string t3 = titles[kBase + site.map().PagePath(3)];
  EXPECT_NE(t3.find(" \u2013 "), std::string::npos) << t3;
  EXPECT_TRUE(t3.ends_with("<3>")) << t3;
  std::string t4 = titles[kBase + site.map().PagePath(4)];
  EXPECT_TRUE(t4.starts_with("Page 4 \u2014 ")) << t4;
  EXPECT_NE(t4.find("& "), std::string::npos);
  EXPECT_EQ(t4.find("  "), std::string::npos);
  EXPECT_EQ(t4.find('\n'), std::string::npos);
}

TEST(SiteTest, WriteProducesTheServedTree) {
  Site site({.pages = 60, .seed = 4});
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("arachne-testsite-write-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(site.Write(dir.string(), kBase).ok());
  auto read = [&](const std::string& path) -> std::optional<std::string> {
    std::ifstream in(dir / path.substr(1), std::ios::binary);
    if (!in) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  for (const ExpectedUrl& e : site.Reachable(kBase)) {
    std::string target = e.url.substr(kBase.size());
    std::string path = target.substr(0, target.find('?'));
    std::optional<std::string> file = read(path);
    if (e.status == 404) {
      EXPECT_FALSE(file) << path;
    } else {
      ASSERT_TRUE(file) << path;
      EXPECT_EQ(*file, Get(site, target).body) << path;
    }
  }
  EXPECT_EQ(read("/robots.txt"), Get(site, "/robots.txt").body);
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    files += entry.is_regular_file();
  EXPECT_EQ(files, 60u + site.map().private_pages() + 2u * site.map().files() + 1u);
  std::filesystem::remove_all(dir);
}

TEST(SiteTest, WriteReportsAnUnwritableFolder) {
  Site site({.pages = 3, .seed = 4});
  Status s = site.Write("/proc/arachne-cannot-write-here", kBase);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kIoError);
}

TEST(SiteServerTest, ServesTheSiteWithItsOwnAddress) {
  auto served = SiteServer::Start({.pages = 50, .seed = 8});
  ASSERT_TRUE(served.ok()) << served.status().ToString();
  const SiteServer& s = **served;
  EXPECT_EQ(s.index_url(), s.base_url() + "/index.html");
  HttpTestClient client((*served)->server().port());
  auto index = client.Send("/index.html");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->result_int(), 200);
  EXPECT_EQ(index->body(), Get(s.site(), "/index.html", s.base_url()).body);
  EXPECT_NE(index->body().find("<link rel=\"canonical\" href=\"" + s.base_url() + "/index.html\">"),
            std::string::npos);
  auto gz = client.Send("/index.html", "gzip");
  ASSERT_TRUE(gz);
  EXPECT_EQ((*gz)["Content-Encoding"], "gzip");
  EXPECT_EQ(*GzipDecompress(gz->body()), index->body());
  auto missing = client.Send("/p/50.html");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->result_int(), 404);
  EXPECT_EQ(s.Reachable().front().url, s.index_url());
  EXPECT_FALSE(SiteServer::Start({.pages = 0}).ok());
}

}  // namespace
}  // namespace arachne::testsite
