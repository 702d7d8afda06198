// A sitemap's <loc> (or a text sitemap's line): checked, normalized and counted against the caps. Shared by
// the XML and the text reader so that both apply the same rules.
#pragma once

#include <cstddef>
#include <string_view>

#include "sitemap/sitemap.h"

namespace arachne {

// sitemaps.org: a URL "must be less than 2,048 characters". Longer ones are skipped, not cut (a cut URL is
// another URL); the bound is generous because real sitemaps overshoot and the scope has its own length cap.
inline constexpr std::size_t kSitemapMaxLocBytes = 8000;

enum class LocKind { kPage, kSitemap };

// Whitespace around a <loc> is not part of the URL (sitemaps.org examples indent it; XML keeps it).
std::string_view TrimSpace(std::string_view text);

// Adds `loc` to out.pages or out.sitemaps as url.WithoutFragment(), or counts it in out.skipped when it is
// not an absolute http(s) URL (sitemaps.org: "fully specify URLs, including http"). Returns false, with
// out.truncated set, when the file already gave its 50,000 URLs: the caller stops reading.
bool AddLoc(std::string_view loc, LocKind kind, Sitemap& out);

}  // namespace arachne
