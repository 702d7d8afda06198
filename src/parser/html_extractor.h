// ExtractPage: a page's record fields read from the full DOM that Gumbo builds (HTML Standard 13.2).
// The reference for ScanPage (html_scanner.h), the crawler's fast path, and the engine for work that
// needs the tree.
#pragma once

#include <string_view>

#include "parser/gumbo_document.h"
#include "parser/page_info.h"
#include "url/url.h"

namespace arachne {

// Parses `html` (read as UTF-8: ill-formed bytes become U+FFFD, so every string in the result is valid
// UTF-8) fetched from `page_url`. Never fails: malformed or binary input yields whatever a browser would
// build from it, often an empty PageInfo with only `base` set. Does not recurse, so any nesting depth is
// safe; but Gumbo itself takes time quadratic in the depth of some nestings (100,000 nested <div>: ~12 s).
PageInfo ExtractPage(std::string_view html, const Url& page_url);
// The same from a tree already built (a page whose [[extract]] rules need the tree as well).
PageInfo ExtractPageFromTree(const GumboDocument& document, const Url& page_url);

}  // namespace arachne
