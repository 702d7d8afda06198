// SiteMap: the structure of the generated test site, without its filler text: which paths exist, what each
// page is called, and every link on it with the URL it resolves to. Everything is computed from the seed
// on demand, so a site of any size costs no memory and the server and Site::Reachable agree by
// construction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arachne::testsite {

struct SiteOptions {
  int pages = 1000;          // HTML pages besides the few under /private/: /index.html is page 0
  std::uint64_t seed = 1;    // same options and seed: same site, byte for byte
  int median_bytes = 30000;  // of an HTML page; sizes are lognormal around it, from 2 KB to 350 KB
  int min_links = 20;  // links per page (before the <link rel=canonical>), drawn uniformly between these
  int max_links = 60;
  // Serve text gzip-compressed to clients that accept it. Compression costs the server more than
  // generating the page does; a benchmark that wants the crawler's speed rather than the server's can
  // turn it off.
  bool gzip = true;
};

// Where the site is served from: "http://127.0.0.1:8080" split into parts.
struct Origin {
  std::string scheme;     // "http"
  std::string authority;  // "127.0.0.1:8080"
  std::string url() const { return scheme + "://" + authority; }
  // "http://127.0.0.1:8080/" or with a trailing path; lenient, for test code: anything after the
  // authority is ignored.
  static Origin Parse(std::string_view base_url);
};

enum class LinkElement { kA, kArea, kIframe };

struct PageLink {
  LinkElement element = LinkElement::kA;
  std::string href;    // the attribute value as written in the HTML (entities escaped)
  std::string target;  // the absolute URL it resolves to, fragment removed; empty for mailto: and javascript:
  std::string text;    // anchor text, already HTML
};

// The product some pages show (page k > 0 with k % 4 == 1): what tests scrape with [[extract]] rules. Its
// markup makes a careless selector miss: a decoy price in a nested block before the real one (only
// `div.product > span.price` skips it), entities and nested elements in texts, a relative image source
// resolved against the page's <base href> when it has one.
struct Product {
  std::string id;                      // the block's id attribute, "product-17"
  std::string name_html;               // as written in <h2 class="name">
  std::string name;                    // its text: entities decoded, whitespace collapsed
  std::string price;                   // "12.34", the text of the block's own <span class="price">
  std::string currency;                // its data-currency attribute
  std::vector<std::string> tags_html;  // each <li> of <ul class="tags"> as written; maybe none
  std::vector<std::string> tags;       // their text
  std::string photo_src;               // <img class="photo" src> as written (relative)
  std::string photo;                   // resolved to an absolute URL
};

struct PageSpec {
  std::string path;              // "/s/3/1/p17.html"
  std::string title_html;        // as written between <title> and </title>
  std::string title;             // as a browser shows it: entities decoded, whitespace collapsed
  std::string description_html;  // the content attribute as written
  std::string description;
  std::string canonical;         // absolute, the page's URL without a query
  std::string base_href;         // the <base href> as written; empty when the page has none
  std::vector<PageLink> links;   // in document order, the <link rel=canonical> not included
  std::size_t target_bytes = 0;  // the size the filler text brings the page to
  std::uint64_t text_seed = 0;   // seeds the filler text
  bool commented_link = false;   // has a link inside an HTML comment and one inside a <script>: not links
  std::optional<Product> product;
};

// What a path names.
struct Resource {
  enum class Kind { kNone, kPage, kPrivatePage, kPdf, kPng, kRobots };
  Kind kind = Kind::kNone;
  int index = 0;
};

class SiteMap {
 public:
  explicit SiteMap(SiteOptions options);

  const SiteOptions& options() const { return options_; }
  int private_pages() const { return private_pages_; }
  int files() const { return files_; }  // of each kind: /files/<j>.pdf and /img/<j>.png, j < files()

  // "/index.html" for page 0; "/p/<k>.html" or "/s/<a>/<b>/p<k>.html" for the others.
  std::string PagePath(int k) const;
  static std::string PrivatePath(int j) { return "/private/" + std::to_string(j) + ".html"; }
  static std::string PdfPath(int j) { return "/files/" + std::to_string(j) + ".pdf"; }
  static std::string PngPath(int j) { return "/img/" + std::to_string(j) + ".png"; }

  // What `path` (no query) names; kNone for anything that is not served (404). "/" is page 0.
  Resource Lookup(std::string_view path) const;

  PageSpec Page(int k, const Origin& origin) const;
  PageSpec PrivatePage(int j, const Origin& origin) const;

  // The query strings some links add to a page URL (each a distinct URL serving the same page), as the
  // URL has them and as the href writes them.
  static const std::vector<std::pair<std::string, std::string>>& QueryVariants();

 private:
  SiteOptions options_;
  int private_pages_;
  int files_;
};

// The href that reaches `target_path` from a document whose base URL's directory is `from_dir` (ends in
// '/'), with as many "../" as needed: RelativeHref("/s/1/2/", "/p/5.html") == "../../../p/5.html".
std::string RelativeHref(std::string_view from_dir, std::string_view target_path);

// The distinct targets of a page's links plus its canonical URL: what the `links` count of a record is.
std::vector<std::string> DistinctTargets(const PageSpec& page);

}  // namespace arachne::testsite
