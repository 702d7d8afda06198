// Site: the generated test web site, and the truth about it that tests compare a crawl with.
//
//   arachne::testsite::Site site({.pages = 200, .seed = 7});
//   HttpReply reply = site.Respond(request, "http://127.0.0.1:8080");
//   std::vector<ExpectedUrl> truth = site.Reachable("http://127.0.0.1:8080");
//
// The site (see SiteMap for its layout): /index.html is page 0, other pages at /p/<k>.html or
// /s/<a>/<b>/p<k>.html, every page reachable from the index (page k links to 2k+1 and 2k+2) plus random
// links in every form (absolute, scheme-relative, root-relative, relative with ./ and ../, with #fragments,
// some with a query, some pages with <base href>), in <a>, <area> and <iframe>; links to 404s, to PDFs and
// PNGs, to hosts under .invalid, to /private/ pages that /robots.txt disallows, mailto: and javascript:.
// Pages are generated on request, cheaply; nothing but the options is kept.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arachne/status.h"
#include "testsite/http_server.h"
#include "testsite/site_map.h"

namespace arachne::testsite {

// One URL a breadth-first crawl from /index.html finds, with what its record should say.
struct ExpectedUrl {
  std::string url;           // absolute, fragment removed, as the WHATWG URL parser serializes it
  int status = 0;            // 200 or 404
  int depth = 0;             // links followed from /index.html
  std::string content_type;  // as served
  std::string title;         // HTML pages: entities decoded, whitespace collapsed; the 404 page has one too
  std::string description;   // HTML pages with a description
  std::string canonical;     // HTML pages with a canonical link
  int links = 0;             // distinct http(s) targets of a[href], area[href], iframe[src], link[href]
  bool disallowed = false;   // robots.txt forbids it (under /private/); it is still served
  std::optional<Product> product;  // the page's product block, for [[extract]] rules
};

class Site {
 public:
  // Fails on options no site can have (pages < 1, min_links > max_links ...).
  static Result<Site> Create(SiteOptions options);
  // Options must be valid (see Create).
  explicit Site(SiteOptions options);

  const SiteOptions& options() const { return map_.options(); }
  const SiteMap& map() const { return map_; }

  // Serves GET and HEAD of the site's URLs as seen from `base_url` ("http://127.0.0.1:8080"), which
  // absolute links use. Unknown paths are 404; the query string is ignored, as a static server does.
  // Thread-safe.
  HttpReply Respond(const HttpRequestView& request, const std::string& base_url) const;

  // Every URL on `base_url`'s origin that a breadth-first crawl from /index.html finds, in the order it
  // finds them, each once; with max_depth >= 0 only those at most that many links from the index.
  // robots.txt itself is not listed (no page links to it).
  std::vector<ExpectedUrl> Reachable(const std::string& base_url, int max_depth = -1) const;

  // Writes the site under `dir` as files for a static server such as nginx (index.html, p/, s/, files/,
  // img/, private/, robots.txt): every 200 of Respond, byte for byte. 404 targets are simply absent.
  Status Write(const std::string& dir, const std::string& base_url) const;

  // What GET `path` (no query) answers, before any gzip: Respond and Write both use it.
  struct Body {
    int status = 404;
    std::string content_type;
    std::string bytes;
  };
  Body Get(std::string_view path, const std::string& base_url) const;

 private:
  SiteMap map_;
};

// A Site served by an HttpServer on an ephemeral loopback port: what crawl tests start.
class SiteServer {
 public:
  static Result<std::unique_ptr<SiteServer>> Start(SiteOptions options, std::uint16_t port = 0,
                                                   int threads = 2);
  ~SiteServer();

  const Site& site() const { return *site_; }
  HttpServer& server() { return *server_; }
  std::string base_url() const { return server_->base_url(); }  // "http://127.0.0.1:PORT"
  std::string index_url() const { return base_url() + "/index.html"; }
  std::vector<ExpectedUrl> Reachable(int max_depth = -1) const {
    return site_->Reachable(base_url(), max_depth);
  }

 private:
  SiteServer() = default;
  std::shared_ptr<const Site> site_;
  std::unique_ptr<HttpServer> server_;
};

}  // namespace arachne::testsite
