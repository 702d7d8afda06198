#include "parser/page_info.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <functional>
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

// A set of strings (views, which must outlive it) with a number each: open addressing in one array,
// sized at construction for at most `capacity` keys. A page's links go through two of these; node-based
// maps cost an allocation a key, which was most of the time a record took after the scan.
class ViewIndex {
 public:
  explicit ViewIndex(std::size_t capacity)
      : slots_(std::bit_ceil(std::max<std::size_t>(16, capacity * 2))), mask_(slots_.size() - 1) {}

  static std::size_t Hash(std::string_view key) { return std::hash<std::string_view>()(key); }

  // The number kept with `key`, or nullptr.
  std::uint32_t* Find(std::string_view key, std::size_t hash) {
    Slot& slot = slots_[Probe(key, hash)];
    return slot.used ? &slot.value : nullptr;
  }
  // `key` must not be in the index yet.
  void Insert(std::string_view key, std::size_t hash, std::uint32_t value) {
    slots_[Probe(key, hash)] = Slot{key, value, true};
  }

 private:
  struct Slot {
    std::string_view key;
    std::uint32_t value = 0;
    bool used = false;
  };
  std::size_t Probe(std::string_view key, std::size_t hash) const {
    std::size_t i = hash & mask_;
    while (slots_[i].used && slots_[i].key != key) i = (i + 1) & mask_;
    return i;
  }
  std::vector<Slot> slots_;
  std::size_t mask_;
};

constexpr std::uint32_t kNotALink = UINT32_MAX;

// Fills info.links, info.link_urls, info.links_dropped and info.nofollow_links.
void ResolveLinks(const std::vector<MarkupHref>& hrefs, const Url& base, PageInfo& info) {
  std::vector<std::string>& links = info.links;
  // Never reallocated (at most one link per href), so the views in `seen` stay valid.
  links.reserve(std::min(hrefs.size(), kMaxPageLinks));
  info.link_urls.reserve(links.capacity());
  // Each distinct target: its index in `links`; and whether every link to it so far was rel=nofollow.
  ViewIndex seen(links.capacity());
  std::vector<char> all_nofollow;
  all_nofollow.reserve(links.capacity());
  // Pages repeat the same href often (navigation, pagination): parse each distinct one once. Each href:
  // the index of its target in `links`, or kNotALink.
  ViewIndex target_of_href(hrefs.size());
  std::size_t link_bytes = 0;
  // Once a cap is reached, new hrefs are counted, not resolved, so that work and memory stay bounded.
  bool full = false;
  for (const MarkupHref& href : hrefs) {
    const std::size_t href_hash = ViewIndex::Hash(href.value);
    if (const std::uint32_t* known = target_of_href.Find(href.value, href_hash)) {
      if (*known != kNotALink && !href.nofollow) all_nofollow[*known] = 0;
      continue;
    }
    if (full) {
      target_of_href.Insert(href.value, href_hash, kNotALink);
      ++info.links_dropped;
      continue;
    }
    Result<Url> url = Url::Parse(href.value, base);
    if (!url.ok() || !url->is_http()) {
      target_of_href.Insert(href.value, href_hash, kNotALink);
      continue;
    }
    std::string target = url->WithoutFragment();
    const std::size_t target_hash = ViewIndex::Hash(target);
    if (const std::uint32_t* index = seen.Find(target, target_hash)) {
      if (!href.nofollow) all_nofollow[*index] = 0;
      target_of_href.Insert(href.value, href_hash, *index);
      continue;
    }
    if (links.size() == kMaxPageLinks || link_bytes + target.size() > kMaxPageLinkBytes) {
      full = true;
      target_of_href.Insert(href.value, href_hash, kNotALink);
      ++info.links_dropped;
      continue;
    }
    link_bytes += target.size();
    const auto index = static_cast<std::uint32_t>(links.size());
    links.push_back(std::move(target));
    info.link_urls.push_back(std::move(url).value());
    all_nofollow.push_back(href.nofollow ? 1 : 0);
    seen.Insert(links.back(), target_hash, index);
    target_of_href.Insert(href.value, href_hash, index);
  }
  for (std::size_t i = 0; i < links.size(); ++i) {
    if (all_nofollow[i]) info.nofollow_links.push_back(links[i]);
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
