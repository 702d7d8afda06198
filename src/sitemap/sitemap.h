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
// entity amplification ("billion laughs") is on.
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
  std::uint64_t skipped = 0;          // <loc>s that were not absolute http(s) URLs
  bool truncated = false;             // a cap was reached; the rest was not read
  std::string error;                  // malformed XML after some URLs were found: what and where
};

inline constexpr std::size_t kSitemapMaxUrls = 50000;
inline constexpr std::size_t kSitemapMaxBytes = 50 * 1024 * 1024;

// `url` is where the body came from, for messages. Fails when nothing usable is in the body: not a
// sitemap (an HTML page, say), empty, corrupt gzip, or XML broken before its first URL.
Result<Sitemap> ParseSitemap(std::string_view body, std::string_view url);

}  // namespace arachne
