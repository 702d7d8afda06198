#include "sitemap/sitemap_loc.h"

#include "url/url.h"

namespace arachne {

namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::string_view TrimSpace(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

bool AddLoc(std::string_view loc, LocKind kind, Sitemap& out) {
  // sitemaps.org: "no more than 50,000 URLs". Only a URL past the cap makes the file truncated, so that a
  // file of exactly 50,000 is read whole.
  if (out.pages.size() + out.sitemaps.size() >= kSitemapMaxUrls) {
    out.truncated = true;
    return false;
  }
  loc = TrimSpace(loc);
  if (loc.size() > kSitemapMaxLocBytes) {
    ++out.skipped;
    return true;
  }
  Result<Url> url = Url::Parse(loc);
  if (!url.ok() || !url->is_http()) {
    ++out.skipped;
    return true;
  }
  (kind == LocKind::kSitemap ? out.sitemaps : out.pages).push_back(url->WithoutFragment());
  return true;
}

}  // namespace arachne
