// The XML sitemap reader (https://www.sitemaps.org/protocol.html#xmlTagDefinitions): the <loc>s of a
// <urlset> or a <sitemapindex>, read with expat as a stream of events.
#pragma once

#include <cstdint>
#include <string_view>

#include "arachne/status.h"
#include "sitemap/sitemap.h"

namespace arachne {

struct XmlSitemapInput {
  std::string_view xml;            // starts at the document's first '<'
  std::string_view url;            // where it came from, for messages
  std::uint64_t lines_before = 0;  // lines dropped before `xml`, so that messages give the file's line
  bool complete = true;  // false when the body was cut at the byte cap: its unclosed end is no error
};

// Adds the document's URLs to `out` (pages for a <urlset>, sitemaps for a <sitemapindex>) until the end,
// the first error or the 50,000 URL cap. The Status says what stopped it early: a root that is not a
// sitemap's, malformed XML ("sitemap URL: line 3: mismatched tag"), or a declared entity. URLs added before
// an error stay in `out`; the caller decides whether they are worth keeping.
Status ReadXmlSitemap(const XmlSitemapInput& input, Sitemap& out);

}  // namespace arachne
