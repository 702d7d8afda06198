#include "sitemap/text_sitemap.h"

#include "sitemap/sitemap_loc.h"

namespace arachne {

void ReadTextSitemap(std::string_view text, bool complete, Sitemap& out) {
  if (!complete) text = text.substr(0, text.rfind('\n') + 1);  // npos + 1 == 0: no whole line at all
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    const std::string_view line = TrimSpace(text.substr(0, newline));  // also drops a CRLF's '\r'
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (line.empty()) continue;
    if (!AddLoc(line, LocKind::kPage, out)) return;
  }
}

}  // namespace arachne
