// ExtractPage: what the crawler keeps from an HTML page: its title, description, canonical URL and the
// http(s) links to follow.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "url/url.h"

namespace arachne {

// The links a page keeps, at most: the first ones in document order. A page is at most [fetch]
// max_body_bytes (10 MiB by default), which holds about 800,000 short links, and each relative one
// resolves against the base URL: a long base (2,000 bytes is in scope by default; a <base href> can be
// megabytes) makes its links many times the page's size. Every kept link goes to the coordinator in one
// message (at most 64 MiB, ipc/frame.h) and is queued there, so both the count and the bytes are capped.
// 100,000 is far more than any real page links to (sitemaps stop at 50,000 URLs a file).
inline constexpr std::size_t kMaxPageLinks = 100'000;
inline constexpr std::size_t kMaxPageLinkBytes = 16u << 20;

struct PageInfo {
  // The first HTML <title>'s text (an SVG <title> does not count), entities decoded, runs of ASCII
  // whitespace collapsed to one space and trimmed, as a browser's document.title. Empty if none.
  std::string title;
  // The content of the first <meta name=description content=...> (name compared ASCII case-insensitively),
  // whitespace collapsed likewise. Empty if none.
  std::string description;
  // The href of the first <link rel=canonical href=...> (rel is a token list, compared ASCII
  // case-insensitively; RFC 6596), resolved against `base`. Empty if none, or if it does not resolve.
  std::string canonical;
  // The document base URL (HTML Standard 4.2.3): the first <base href> resolved against the page URL,
  // or the page URL.
  std::string base;
  // Distinct http(s) targets of a[href], area[href], link[href], iframe[src] and frame[src], resolved
  // against `base`, fragment removed, in document order. Targets that do not parse, or are not http(s)
  // (mailto:, javascript:, data: ...), are left out. The first kMaxPageLinks at most, kMaxPageLinkBytes
  // long at most all together.
  std::vector<std::string> links;
  // Href values met after `links` was full, not resolved: distinct values, each counted once (some may
  // not be http(s), or resolve to a link already kept). 0 for all but pathological pages.
  std::size_t links_dropped = 0;
  // Of `links`, those every link to which carries rel=nofollow (a token of <a rel> or <area rel>).
  std::vector<std::string> nofollow_links;
  // The content of the <meta name=robots> elements (name compared ASCII case-insensitively), whitespace
  // collapsed, joined by ", " when there are several. Empty if none.
  std::string robots;
};

// Whether a meta robots value forbids following the page's links: it has the token "nofollow" or
// "none" (tokens separated by commas or whitespace, ASCII case-insensitive).
bool RobotsSaysNofollow(std::string_view robots);

// Parses `html` (read as UTF-8: ill-formed bytes become U+FFFD, so every string in the result is valid
// UTF-8) fetched from `page_url`. Never fails: malformed or binary input yields whatever a browser would
// build from it, often an empty PageInfo with only `base` set. Does not recurse, so any nesting depth is
// safe.
PageInfo ExtractPage(std::string_view html, const Url& page_url);

}  // namespace arachne
