#include "testsite/site_map.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "testsite/random.h"

namespace arachne::testsite {
namespace {

// Stream numbers for MixSeed, so that each purpose draws from its own sequence.
enum Stream : std::uint64_t {
  kPathStream = 1,
  kPageStream = 2,
  kTextStream = 3,
  kPrivateStream = 4,
  kProductStream = 5,
};

constexpr std::array<const char*, 32> kTitleWords = {
    "Amber",  "Basalt",  "Cedar",   "Delta",   "Ember",  "Fjord",  "Garnet",  "Harbor",
    "Iris",   "Juniper", "Kelp",    "Lumen",   "Marble", "Nectar", "Onyx",    "Pebble",
    "Quartz", "Raven",   "Saffron", "Tundra",  "Umber",  "Velvet", "Willow",  "Xenon",
    "Yarrow", "Zephyr",  "Acacia",  "Bramble", "Cobalt", "Dune",   "Estuary", "Flint"};

// Directories a <base href> may point at: all exist in the URL space of the site.
std::string BaseDir(SplitMix64& rng) {
  switch (rng.Below(4)) {
    case 0: return "/p/";
    case 1: return "/s/" + std::to_string(rng.Below(8)) + "/";
    case 2: return "/s/" + std::to_string(rng.Below(8)) + "/" + std::to_string(rng.Below(6)) + "/";
    default: return "/files/";
  }
}

std::string DirOf(std::string_view path) {
  return std::string(path.substr(0, path.rfind('/') + 1));
}

// A decimal index as the site writes them: digits only, no leading zero, small enough for an int.
std::optional<int> ParseIndex(std::string_view digits) {
  if (digits.empty() || digits.size() > 9) return std::nullopt;
  if (digits.size() > 1 && digits[0] == '0') return std::nullopt;
  int value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// "<prefix><index><suffix>" -> index.
std::optional<int> ParseNamed(std::string_view s, std::string_view prefix, std::string_view suffix) {
  if (!s.starts_with(prefix) || !s.ends_with(suffix) || s.size() < prefix.size() + suffix.size()) {
    return std::nullopt;
  }
  return ParseIndex(s.substr(prefix.size(), s.size() - prefix.size() - suffix.size()));
}

const char* Word(SplitMix64& rng) {
  return kTitleWords[rng.Below(kTitleWords.size())];
}

// Page k's product (Product), drawn from a stream of its own so that the rest of the page is the same with
// or without it. `base_dir` is the folder relative URLs resolve against (the <base href>'s, or the page's).
Product MakeProduct(int k, std::uint64_t seed, const Origin& origin, std::string_view base_dir, int images) {
  SplitMix64 rng(MixSeed(seed, static_cast<std::uint64_t>(k), kProductStream));
  Product p;
  const std::string n = std::to_string(k);
  const std::string w1 = Word(rng), w2 = Word(rng);
  p.id = "product-" + n;
  p.name_html = "\n  " + w1 + " &amp;\t" + w2 + "  <small>#" + n + "</small> ";
  p.name = w1 + " & " + w2 + " #" + n;
  const std::uint64_t cents = 100 + rng.Below(99900);
  p.price = std::to_string(cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + std::to_string(cents % 100);
  p.currency = rng.Chance(0.5) ? "EUR" : "USD";
  const int tags = static_cast<int>(rng.Below(4));  // none at times: an `all` rule then gives []
  for (int i = 0; i < tags; ++i) {
    const std::string word = Word(rng);
    if (rng.Chance(0.5)) {
      p.tags_html.push_back("<b>new</b>  " + word);
      p.tags.push_back("new " + word);
    } else {
      p.tags_html.push_back(word);
      p.tags.push_back(word);
    }
  }
  const std::string image = SiteMap::PngPath(static_cast<int>(rng.Below(static_cast<std::uint64_t>(images))));
  p.photo_src = RelativeHref(base_dir, image);
  p.photo = origin.url() + image;
  return p;
}

// Builds the links of one page, each in a form drawn at random, resolving each by construction.
class LinkMaker {
 public:
  LinkMaker(const Origin& origin, std::string base_dir, SplitMix64& rng)
      : origin_(origin), base_dir_(std::move(base_dir)), rng_(rng) {}

  // A link to `path` on this site, with `query` (as in the URL) written as `query_html`.
  PageLink Local(const std::string& path, const std::string& query, const std::string& query_html,
                 std::string text) {
    PageLink link;
    link.element = DrawElement();
    link.target = origin_.url() + path + query;
    switch (rng_.Below(10)) {
      case 0:
      case 1: link.href = origin_.url() + path; break;
      case 2: link.href = "//" + origin_.authority + path; break;  // scheme-relative (RFC 3986 4.2)
      case 3:
      case 4:
      case 5: link.href = path; break;
      case 9: {
        std::string rel = RelativeHref(base_dir_, path);
        link.href = rel.starts_with("../") ? rel : "./" + rel;
        break;
      }
      default: link.href = RelativeHref(base_dir_, path); break;
    }
    link.href += query_html;
    // Fragments never make a distinct URL; an empty one ("p.html#") is still a fragment.
    double f = rng_.Uniform();
    if (f < 0.2) {
      link.href += "#sec" + std::to_string(rng_.Below(5));
    } else if (f < 0.23) {
      link.href += "#";
    }
    link.text = std::move(text);
    return link;
  }

  // A link to a host under .invalid (RFC 6761 section 6.4: guaranteed never to resolve).
  PageLink External() {
    PageLink link;
    link.element = DrawElement();
    std::string host = "external-" + std::to_string(rng_.Below(5)) + ".invalid";
    std::string scheme = rng_.Chance(0.7) ? "http" : "https";
    std::string path;
    switch (rng_.Below(3)) {
      case 0: break;  // no path at all: the URL's path is "/"
      case 1: path = "/"; break;
      default: path = "/page/" + std::to_string(rng_.Below(20)); break;
    }
    if (rng_.Chance(0.2)) {
      link.href = "//" + host + path;
      scheme = origin_.scheme;
    } else {
      link.href = scheme + "://" + host + path;
    }
    link.target = scheme + "://" + host + (path.empty() ? "/" : path);
    link.text = "elsewhere";
    return link;
  }

  PageLink NotHttp() {
    PageLink link;
    if (rng_.Chance(0.5)) {
      link.href = "mailto:webmaster@example.invalid?subject=Hello%20there";
      link.text = "write to us";
    } else {
      link.href = "javascript:void(0)";
      link.text = "do nothing";
    }
    return link;
  }

 private:
  LinkElement DrawElement() {
    double e = rng_.Uniform();
    if (e < 0.85) return LinkElement::kA;
    return e < 0.93 ? LinkElement::kArea : LinkElement::kIframe;
  }

  const Origin& origin_;
  std::string base_dir_;
  SplitMix64& rng_;
};

}  // namespace

Origin Origin::Parse(std::string_view base_url) {
  Origin origin;
  std::size_t colon = base_url.find("://");
  if (colon == std::string_view::npos) {
    origin.scheme = "http";
  } else {
    origin.scheme = std::string(base_url.substr(0, colon));
    base_url.remove_prefix(colon + 3);
  }
  origin.authority = std::string(base_url.substr(0, base_url.find('/')));
  return origin;
}

SiteMap::SiteMap(SiteOptions options)
    : options_(options),
      private_pages_(std::max(2, options.pages / 200)),
      files_(std::max(4, options.pages / 40)) {}

const std::vector<std::pair<std::string, std::string>>& SiteMap::QueryVariants() {
  static const std::vector<std::pair<std::string, std::string>> kVariants = {
      {"?sort=asc", "?sort=asc"},
      {"?sort=desc", "?sort=desc"},
      {"?page=2", "?page=2"},
      {"?a=1&b=2", "?a=1&amp;b=2"},  // the href escapes '&' as HTML says it should
  };
  return kVariants;
}

std::string SiteMap::PagePath(int k) const {
  if (k == 0) return "/index.html";
  std::uint64_t h = MixSeed(options_.seed, static_cast<std::uint64_t>(k), kPathStream);
  // Half the pages sit two directories deep, so that relative links need "../" to reach the others.
  if ((h & 1) == 0) return "/p/" + std::to_string(k) + ".html";
  return "/s/" + std::to_string((h >> 1) % 8) + "/" + std::to_string((h >> 4) % 6) + "/p" +
         std::to_string(k) + ".html";
}

Resource SiteMap::Lookup(std::string_view path) const {
  using Kind = Resource::Kind;
  if (path == "/" || path == "/index.html") return {Kind::kPage, 0};
  if (path == "/robots.txt") return {Kind::kRobots, 0};
  if (auto j = ParseNamed(path, "/private/", ".html"); j && *j < private_pages_)
    return {Kind::kPrivatePage, *j};
  if (auto j = ParseNamed(path, "/files/", ".pdf"); j && *j < files_) return {Kind::kPdf, *j};
  if (auto j = ParseNamed(path, "/img/", ".png"); j && *j < files_) return {Kind::kPng, *j};
  std::optional<int> k;
  if (path.starts_with("/p/")) {
    k = ParseNamed(path, "/p/", ".html");
  } else if (path.starts_with("/s/")) {
    k = ParseNamed(path.substr(path.rfind('/')), "/p", ".html");
  }
  if (k && *k > 0 && *k < options_.pages && PagePath(*k) == path) return {Kind::kPage, *k};
  return {};
}

PageSpec SiteMap::Page(int k, const Origin& origin) const {
  SplitMix64 rng(MixSeed(options_.seed, static_cast<std::uint64_t>(k), kPageStream));
  PageSpec page;
  page.path = PagePath(k);
  page.canonical = origin.url() + page.path;
  page.text_seed = MixSeed(options_.seed, static_cast<std::uint64_t>(k), kTextStream);
  std::string n = std::to_string(k);
  std::string w1 = Word(rng), w2 = Word(rng), w3 = Word(rng), w4 = Word(rng);
  // Titles mix entities, non-ASCII UTF-8 and stray whitespace, which a browser decodes and collapses.
  if (k == 0) {
    page.title_html = "Arachne test site &amp; index";
    page.title = "Arachne test site & index";
  } else if (k % 3 == 0) {
    page.title_html = "\n  " + w1 + " &#8211; " + w2 + " &lt;" + n + "&gt;  ";
    page.title = w1 + " \u2013 " + w2 + " <" + n + ">";
  } else if (k % 3 == 1) {
    std::string m = std::to_string(k % 97);
    page.title_html = "Page " + n + " \u2014 " + w1 + " &amp; " + w2 + "\n\t\u00b7 Caf\u00e9 n\u00b0" + m;
    page.title = "Page " + n + " \u2014 " + w1 + " & " + w2 + " \u00b7 Caf\u00e9 n\u00b0" + m;
  } else {
    page.title_html = "  " + w1 + "   " + w2 + ": Z\u00fcrich &amp; na\u00efve " + n;
    page.title = w1 + " " + w2 + ": Z\u00fcrich & na\u00efve " + n;
  }
  page.description_html = "About " + w3 + " and " + w4 + ":  page " + n + " of the\n test site &amp; more";
  page.description = "About " + w3 + " and " + w4 + ": page " + n + " of the test site & more";

  std::string base_dir = DirOf(page.path);
  if (k > 0 && rng.Chance(0.1)) {
    base_dir = BaseDir(rng);
    page.base_href = rng.Chance(0.5) ? origin.url() + base_dir : base_dir;
  }
  if (k % 4 == 1) page.product = MakeProduct(k, options_.seed, origin, base_dir, files_);
  double bytes = options_.median_bytes * std::exp(rng.Normal());
  page.target_bytes = static_cast<std::size_t>(std::clamp(bytes, 2000.0, 350000.0));
  page.commented_link = rng.Chance(0.1);

  LinkMaker maker(origin, base_dir, rng);
  int pages = options_.pages;
  auto page_link = [&](int target, const std::string& query = "", const std::string& query_html = "") {
    return maker.Local(PagePath(target), query, query_html, "page " + std::to_string(target));
  };
  // The links that make every page reachable: page k leads to 2k+1 and 2k+2, a binary tree from the index.
  for (int child : {2 * k + 1, 2 * k + 2}) {
    if (child < pages) page.links.push_back(page_link(child));
  }
  if (k == 0) page.links.push_back(maker.Local(PrivatePath(0), "", "", "private"));
  int wanted = rng.Between(options_.min_links, std::max(options_.min_links, options_.max_links));
  int missing_pool = std::max(1, pages / 10);
  while (static_cast<int>(page.links.size()) < wanted) {
    double u = rng.Uniform();
    if (u < 0.55) {
      int target = static_cast<int>(rng.Below(static_cast<std::uint64_t>(pages)));
      if (rng.Chance(0.02)) {
        const auto& [query, query_html] = QueryVariants()[rng.Below(QueryVariants().size())];
        page.links.push_back(page_link(target, query, query_html));
      } else {
        page.links.push_back(page_link(target));
      }
    } else if (u < 0.63) {  // 404s: past the last page, or in a folder that does not exist
      int j = static_cast<int>(rng.Below(static_cast<std::uint64_t>(missing_pool)));
      std::string path = rng.Chance(0.5) ? "/p/" + std::to_string(pages + j) + ".html"
                                         : "/gone/" + std::to_string(j) + ".html";
      page.links.push_back(maker.Local(path, "", "", "gone"));
    } else if (u < 0.68) {
      page.links.push_back(maker.Local(PdfPath(static_cast<int>(rng.Below(files_))), "", "", "a PDF"));
    } else if (u < 0.73) {
      page.links.push_back(maker.Local(PngPath(static_cast<int>(rng.Below(files_))), "", "", "an image"));
    } else if (u < 0.83) {
      page.links.push_back(maker.External());
    } else if (u < 0.85) {
      page.links.push_back(
          maker.Local(PrivatePath(static_cast<int>(rng.Below(private_pages_))), "", "", "members only"));
    } else if (u < 0.92) {
      page.links.push_back(maker.NotHttp());
    } else {
      page.links.push_back(page_link(rng.Chance(0.5) ? (k - 1) / 2 : k));  // up the tree, or itself
    }
  }
  return page;
}

PageSpec SiteMap::PrivatePage(int j, const Origin& origin) const {
  // Private pages lead nowhere new (only to the index and themselves), so whether a crawler obeys
  // robots.txt changes nothing else about what it finds.
  PageSpec page;
  page.path = PrivatePath(j);
  page.canonical = origin.url() + page.path;
  page.title_html = page.title = "Private page " + std::to_string(j);
  page.description_html = page.description = "Not for crawlers: robots.txt disallows /private/.";
  page.text_seed = MixSeed(options_.seed, static_cast<std::uint64_t>(j), kPrivateStream);
  page.target_bytes = 3000;
  PageLink home;
  home.href = "/index.html";
  home.target = origin.url() + "/index.html";
  home.text = "home";
  page.links.push_back(std::move(home));
  return page;
}

std::string RelativeHref(std::string_view from_dir, std::string_view target_path) {
  auto split = [](std::string_view s) {
    std::vector<std::string_view> parts;
    while (!s.empty()) {
      std::size_t slash = s.find('/');
      if (slash != 0) parts.push_back(s.substr(0, slash));
      if (slash == std::string_view::npos) break;
      s.remove_prefix(slash + 1);
    }
    return parts;
  };
  std::vector<std::string_view> from = split(from_dir);
  std::vector<std::string_view> to = split(target_path);
  std::string_view file = to.empty() ? std::string_view() : to.back();
  if (!to.empty()) to.pop_back();
  std::size_t common = 0;
  while (common < from.size() && common < to.size() && from[common] == to[common]) ++common;
  std::string href;
  for (std::size_t i = common; i < from.size(); ++i) href += "../";
  for (std::size_t i = common; i < to.size(); ++i) {
    href += to[i];
    href += '/';
  }
  href += file;
  return href;
}

std::vector<std::string> DistinctTargets(const PageSpec& page) {
  std::vector<std::string> targets = {page.canonical};
  for (const PageLink& link : page.links) {
    if (!link.target.empty()) targets.push_back(link.target);
  }
  std::sort(targets.begin(), targets.end());
  targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
  return targets;
}

}  // namespace arachne::testsite
