// The text sitemap reader (https://www.sitemaps.org/protocol.html#otherformats, "Text file"): one URL a
// line and nothing else.
#pragma once

#include <string_view>

#include "sitemap/sitemap.h"

namespace arachne {

// Adds each line's URL to out.pages until the end or the 50,000 URL cap; lines that are not absolute
// http(s) URLs are counted in out.skipped. `complete` is false when the body was cut at the byte cap: its
// last, unfinished line is then left out rather than read as a shorter URL.
void ReadTextSitemap(std::string_view text, bool complete, Sitemap& out);

}  // namespace arachne
