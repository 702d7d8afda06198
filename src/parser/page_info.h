// PageInfo: what the crawler keeps from an HTML page (title, description, canonical URL, base, links),
// and PageMarkup, the raw attribute values and text it is built from. Two readers find the markup:
// ScanPage (html_scanner.h), a streaming tokenizer and the crawler's fast path, and ExtractPage
// (html_extractor.h), a full Gumbo DOM; both end in BuildPageInfo, so the two agree on everything that
// follows the markup (resolution, dedup, caps, whitespace, UTF-8 repair).
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
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
  // `links` as parsed URLs (each with its fragment, if the href had one), in the same order: the link
  // selection checks the scope on them without parsing each link again.
  std::vector<Url> link_urls;
  // Href values met after `links` was full, not resolved: distinct values, each counted once (some may
  // not be http(s), or resolve to a link already kept). 0 for all but pathological pages.
  std::size_t links_dropped = 0;
  // Of `links`, those every link to which carries rel=nofollow (a token of <a rel> or <area rel>).
  std::vector<std::string> nofollow_links;
  // The content of the <meta name=robots> elements (name compared ASCII case-insensitively), whitespace
  // collapsed, joined by ", " when there are several. Empty if none.
  std::string robots;
};

// One link target as the markup gives it: an href or src value, entities decoded.
struct MarkupHref {
  std::string_view value;
  bool nofollow = false;  // rel has the token "nofollow"
};

// The markup a PageInfo is made of, as found: texts are attribute values and title text with character
// references decoded, whitespace not yet collapsed, possibly not valid UTF-8 (BuildPageInfo repairs).
// The views point into the page, into a Gumbo tree, or into `storage`.
struct PageMarkup {
  std::optional<std::string_view> title;           // the first HTML title's text
  std::optional<std::string_view> description;     // the first meta name=description's content
  std::optional<std::string_view> canonical_href;  // the first link rel=canonical's href
  std::optional<std::string_view> base_href;       // the first HTML base element's href
  std::vector<MarkupHref> hrefs;                   // every link target, in document order
  std::vector<std::string_view> robots;            // the content of each meta name=robots
  std::deque<std::string> storage;                 // decoded texts the views above may point into

  // Keeps `text` for as long as the markup lives and returns a view of it.
  std::string_view Keep(std::string text) { return storage.emplace_back(std::move(text)); }
};

// The page's record fields from its markup: base resolved against `page_url`, canonical and links
// against the base (http(s) only, fragments dropped, deduplicated, capped), texts collapsed and made
// valid UTF-8.
PageInfo BuildPageInfo(const PageMarkup& markup, const Url& page_url);

// Whether a meta robots value forbids following the page's links: it has the token "nofollow" or
// "none" (tokens separated by commas or whitespace, ASCII case-insensitive).
bool RobotsSaysNofollow(std::string_view robots);

// rel="Canonical alternate": whether the set of tokens `list`, split on ASCII whitespace (HTML Standard
// 2.3.8), holds `token` (lowercase), compared ASCII case-insensitively.
bool HasRelToken(std::string_view list, std::string_view token);

// ASCII case-insensitive equality (HTML Standard: names and keywords).
bool EqualsAsciiCaseInsensitive(std::string_view a, std::string_view b);

}  // namespace arachne
