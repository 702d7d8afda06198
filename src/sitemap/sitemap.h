// ParseSitemap: the URLs of a sitemap (https://www.sitemaps.org/protocol.html).
//
// A sitemap is XML, a <urlset> of <url><loc>page</loc></url> or a <sitemapindex> of
// <sitemap><loc>sitemap</loc></sitemap>; it may be gzip-compressed (recognized by its first bytes, not its
// name or Content-Type, which servers get wrong), or plain text with one URL a line. Namespaces and
// prefixes do not matter; extensions' elements (<image:loc>, <video:...>) are ignored, since only the
// <loc> directly inside <url> or <sitemap> counts.
//
// Hostile input is bounded: at most 50,000 URLs and 50 MiB uncompressed, as the protocol allows (so a gzip
// bomb stops there), no external entities or DTDs are loaded (no XXE), and expat's protection against
// entity amplification ("billion laughs") is on; a sitemap that declares entities is refused outright.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arachne/status.h"

namespace arachne {

struct Sitemap {
  std::vector<std::string> pages;     // <urlset> entries: pages to crawl, normalized, no fragment
  std::vector<std::string> sitemaps;  // <sitemapindex> entries: more sitemaps to read
  // <loc>s (or lines of a text sitemap) that were not absolute http(s) URLs or were over 8,000 bytes. Those
  // past the URL cap are not counted: reading stops at the first of them.
  std::uint64_t skipped = 0;
  bool truncated = false;  // a cap was reached (a 50,001st URL, or 50 MiB); the rest was not read
  // Malformed XML after some URLs were found ("sitemap URL: line 3: mismatched tag"): those URLs are kept
  // and this says why the rest is missing. Empty when the file was read to its end or to a cap.
  std::string error;
};

inline constexpr std::size_t kSitemapMaxUrls = 50000;
inline constexpr std::size_t kSitemapMaxBytes = 50 * 1024 * 1024;

// `url` is where the body came from, for messages only (sitemaps.org requires absolute URLs, so nothing
// is resolved against it). Fails when nothing usable is in the body: not a sitemap (an HTML page, another
// root element), empty ("empty sitemap"), corrupt gzip, a text file without a URL, or XML broken before its
// first URL. An empty <urlset/> is a sitemap without URLs, not a failure.
Result<Sitemap> ParseSitemap(std::string_view body, std::string_view url);

}  // namespace arachne
