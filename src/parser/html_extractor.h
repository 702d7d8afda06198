// ExtractPage: what the crawler keeps from an HTML page: its title, description, canonical URL and the
// http(s) links to follow.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "url/url.h"

namespace arachne {

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
  // (mailto:, javascript:, data: ...), are left out.
  std::vector<std::string> links;
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
