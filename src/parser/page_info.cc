#include "parser/page_info.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "common/utf8.h"

namespace arachne {
namespace {

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsAsciiWhitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

// `text` with its whitespace collapsed, and valid UTF-8 whatever the page held: Gumbo 0.10.1 reads a
// numeric character reference past its int ("&#xEEEEEEEE;") into a byte that is not UTF-8 where the
// standard says U+FFFD, so a page can put ill-formed bytes in a title or an attribute.
std::string CleanText(std::string_view text) {
  std::string collapsed = CollapseWhitespace(text);
  if (!IsValidUtf8(collapsed)) collapsed = SanitizeUtf8(collapsed);
  return collapsed;
}

// HTML Standard 4.2.3, "set the frozen base URL": a <base href> that fails to parse, or is a data: or
// javascript: URL, leaves the page URL as the base.
Url BaseUrl(const std::optional<std::string_view>& base_href, const Url& page_url) {
  if (!base_href) return page_url;
  Result<Url> base = Url::Parse(*base_href, page_url);
  if (!base.ok() || base->scheme() == "data" || base->scheme() == "javascript") return page_url;
  return std::move(base).value();
}

// Fills info.links, info.links_dropped and info.nofollow_links.
void ResolveLinks(const std::vector<MarkupHref>& hrefs, const Url& base, PageInfo& info) {
  std::vector<std::string>& links = info.links;
  // Never reallocated (at most one link per href), so the views in `seen` stay valid.
  links.reserve(std::min(hrefs.size(), kMaxPageLinks));
  info.link_urls.reserve(links.capacity());
  // Each distinct target, with whether every link to it so far was rel=nofollow.
  std::unordered_map<std::string_view, bool> seen;
  // Pages repeat the same href often (navigation, pagination): parse each distinct one once.
  std::unordered_map<std::string_view, std::string_view> target_of_href;
  seen.reserve(std::min(hrefs.size(), kMaxPageLinks));
  target_of_href.reserve(hrefs.size());
  std::size_t link_bytes = 0;
  // Once a cap is reached, new hrefs are counted, not resolved, so that work and memory stay bounded.
  bool full = false;
  for (const MarkupHref& href : hrefs) {
    auto known = target_of_href.find(href.value);
    if (known != target_of_href.end()) {
      if (!known->second.empty() && !href.nofollow) seen[known->second] = false;
      continue;
    }
    if (full) {
      target_of_href.emplace(href.value, std::string_view());
      ++info.links_dropped;
      continue;
    }
    Result<Url> url = Url::Parse(href.value, base);
    if (!url.ok() || !url->is_http()) {
      target_of_href.emplace(href.value, std::string_view());
      continue;
    }
    std::string target = url->WithoutFragment();
    auto it = seen.find(target);
    if (it != seen.end()) {
      if (!href.nofollow) it->second = false;
      target_of_href.emplace(href.value, it->first);
      continue;
    }
    if (links.size() == kMaxPageLinks || link_bytes + target.size() > kMaxPageLinkBytes) {
      full = true;
      target_of_href.emplace(href.value, std::string_view());
      ++info.links_dropped;
      continue;
    }
    link_bytes += target.size();
    links.push_back(std::move(target));
    info.link_urls.push_back(std::move(url).value());
    seen.emplace(links.back(), href.nofollow);
    target_of_href.emplace(href.value, links.back());
  }
  for (const std::string& link : links) {
    if (seen.at(link)) info.nofollow_links.push_back(link);
  }
}

std::string JoinRobots(const std::vector<std::string_view>& contents) {
  std::string joined;
  for (std::string_view content : contents) {
    std::string collapsed = CleanText(content);
    if (collapsed.empty()) continue;
    if (!joined.empty()) joined += ", ";
    joined += collapsed;
  }
  return joined;
}

}  // namespace

bool EqualsAsciiCaseInsensitive(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

bool HasRelToken(std::string_view list, std::string_view token) {
  std::size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && IsAsciiWhitespace(list[i])) ++i;
    const std::size_t start = i;
    while (i < list.size() && !IsAsciiWhitespace(list[i])) ++i;
    if (i > start && EqualsAsciiCaseInsensitive(list.substr(start, i - start), token)) return true;
  }
  return false;
}

PageInfo BuildPageInfo(const PageMarkup& markup, const Url& page_url) {
  PageInfo info;
  if (markup.title) info.title = CleanText(*markup.title);
  if (markup.description) info.description = CleanText(*markup.description);
  Url base = BaseUrl(markup.base_href, page_url);
  info.base = base.href();
  if (markup.canonical_href) {
    Result<Url> canonical = Url::Parse(*markup.canonical_href, base);
    if (canonical.ok()) info.canonical = canonical->href();
  }
  ResolveLinks(markup.hrefs, base, info);
  info.robots = JoinRobots(markup.robots);
  return info;
}

bool RobotsSaysNofollow(std::string_view robots) {
  std::size_t i = 0;
  while (i < robots.size()) {
    while (i < robots.size() && (IsAsciiWhitespace(robots[i]) || robots[i] == ',')) ++i;
    const std::size_t start = i;
    while (i < robots.size() && !IsAsciiWhitespace(robots[i]) && robots[i] != ',') ++i;
    const std::string_view token = robots.substr(start, i - start);
    if (EqualsAsciiCaseInsensitive(token, "nofollow") || EqualsAsciiCaseInsensitive(token, "none")) return true;
  }
  return false;
}

}  // namespace arachne
