#include "parser/html_extractor.h"

#include <gumbo.h>

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "common/utf8.h"
#include "parser/gumbo_document.h"

namespace arachne {
namespace {

// What one walk over the tree finds. Everything is a view into the Gumbo tree: nothing is copied
// until the walk is over and the base URL is known.
struct Href {
  std::string_view value;
  bool nofollow = false;
};

struct Found {
  const GumboElement* title = nullptr;
  const char* description = nullptr;
  const char* canonical_href = nullptr;
  const char* base_href = nullptr;
  std::vector<Href> hrefs;
  std::vector<const char*> robots;  // the content of each <meta name=robots>
};

const char* AttributeValue(const GumboElement& element, const char* name) {
  // Gumbo lowercases attribute names of HTML elements, and this lookup ignores case anyway.
  const GumboAttribute* attribute = gumbo_get_attribute(&element.attributes, name);
  return attribute == nullptr ? nullptr : attribute->value;
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsAsciiCaseInsensitive(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

bool IsAsciiWhitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

// rel="Canonical alternate": a set of tokens split on ASCII whitespace (HTML Standard 2.3.8, 4.6.7),
// keywords compared ASCII case-insensitively.
bool HasToken(std::string_view list, std::string_view token) {
  std::size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && IsAsciiWhitespace(list[i])) ++i;
    std::size_t start = i;
    while (i < list.size() && !IsAsciiWhitespace(list[i])) ++i;
    if (i > start && EqualsAsciiCaseInsensitive(list.substr(start, i - start), token)) return true;
  }
  return false;
}

bool IsHtml(const GumboElement& element) { return element.tag_namespace == GUMBO_NAMESPACE_HTML; }

void AddHref(const GumboElement& element, const char* name, Found& found) {
  const char* value = AttributeValue(element, name);
  if (value == nullptr) return;
  const char* rel = AttributeValue(element, "rel");
  found.hrefs.push_back(Href{value, rel != nullptr && HasToken(rel, "nofollow")});
}

void Visit(const GumboElement& element, Found& found) {
  switch (element.tag) {
    case GUMBO_TAG_A:
    case GUMBO_TAG_AREA: AddHref(element, "href", found); break;
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_FRAME: AddHref(element, "src", found); break;
    case GUMBO_TAG_LINK: {
      const char* href = AttributeValue(element, "href");
      if (href == nullptr) break;
      found.hrefs.push_back(Href{href, false});
      const char* rel = AttributeValue(element, "rel");
      if (found.canonical_href == nullptr && rel != nullptr && HasToken(rel, "canonical")) {
        found.canonical_href = href;
      }
      break;
    }
    case GUMBO_TAG_BASE:
      // HTML Standard 4.2.3: only the first base element with an href attribute sets the base URL.
      if (found.base_href == nullptr && IsHtml(element)) found.base_href = AttributeValue(element, "href");
      break;
    case GUMBO_TAG_TITLE:
      // The document's title is the first HTML title element (HTML Standard 3.1.4); an SVG <title>
      // describes its drawing.
      if (found.title == nullptr && IsHtml(element)) found.title = &element;
      break;
    case GUMBO_TAG_META: {
      if (!IsHtml(element)) break;
      const char* name = AttributeValue(element, "name");
      if (name == nullptr) break;
      if (found.description == nullptr && EqualsAsciiCaseInsensitive(name, "description")) {
        found.description = AttributeValue(element, "content");
      } else if (EqualsAsciiCaseInsensitive(name, "robots")) {
        if (const char* content = AttributeValue(element, "content")) found.robots.push_back(content);
      }
      break;
    }
    default: break;
  }
}

// Pre-order walk with an explicit stack: a recursive one would need a stack frame per level, and pages
// can nest elements 100,000 deep. Template contents are skipped: they are an inert DocumentFragment
// (HTML Standard 4.12.3), not part of the page a browser shows, and Gumbo marks them GUMBO_NODE_TEMPLATE.
Found Walk(const GumboNode& root) {
  Found found;
  std::vector<const GumboNode*> stack;
  stack.reserve(64);
  stack.push_back(&root);
  while (!stack.empty()) {
    const GumboElement& element = stack.back()->v.element;
    stack.pop_back();
    Visit(element, found);
    // Children are pushed last to first so that they are visited in document order.
    for (unsigned i = element.children.length; i-- > 0;) {
      const auto* child = static_cast<const GumboNode*>(element.children.data[i]);
      if (child->type == GUMBO_NODE_ELEMENT) stack.push_back(child);
    }
  }
  return found;
}

// `text` from the tree with its whitespace collapsed, and valid UTF-8 whatever Gumbo made of it: Gumbo
// 0.10.1 reads a numeric character reference past its int ("&#xEEEEEEEE;") into a byte that is not UTF-8
// where the standard says U+FFFD, so a page can put ill-formed bytes in a title or an attribute.
std::string CleanText(std::string_view text) {
  std::string collapsed = CollapseWhitespace(text);
  if (!IsValidUtf8(collapsed)) collapsed = SanitizeUtf8(collapsed);
  return collapsed;
}

// The title element's child text content (HTML Standard 3.1.4, document.title), whitespace collapsed.
std::string TitleText(const GumboElement& title) {
  const GumboVector& children = title.children;
  // A title's content is RCDATA, so it is almost always one text node: collapse it without a copy.
  if (children.length == 1) {
    const auto* child = static_cast<const GumboNode*>(children.data[0]);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) {
      return CleanText(child->v.text.text);
    }
  }
  std::string text;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) text += child->v.text.text;
  }
  return CleanText(text);
}

// HTML Standard 4.2.3, "set the frozen base URL": a <base href> that fails to parse, or is a data: or
// javascript: URL, leaves the page URL as the base.
Url BaseUrl(const char* base_href, const Url& page_url) {
  if (base_href == nullptr) return page_url;
  Result<Url> base = Url::Parse(base_href, page_url);
  if (!base.ok() || base->scheme() == "data" || base->scheme() == "javascript") return page_url;
  return std::move(base).value();
}

// Fills info.links, info.links_dropped and info.nofollow_links.
void ResolveLinks(const std::vector<Href>& hrefs, const Url& base, PageInfo& info) {
  std::vector<std::string>& links = info.links;
  // Never reallocated (at most one link per href), so the views in `seen` stay valid.
  links.reserve(std::min(hrefs.size(), kMaxPageLinks));
  // Each distinct target, with whether every link to it so far was rel=nofollow.
  std::unordered_map<std::string_view, bool> seen;
  // Pages repeat the same href often (navigation, pagination): parse each distinct one once.
  std::unordered_map<std::string_view, std::string_view> target_of_href;
  seen.reserve(std::min(hrefs.size(), kMaxPageLinks));
  target_of_href.reserve(hrefs.size());
  std::size_t link_bytes = 0;
  // Once a cap is reached, new hrefs are counted, not resolved, so that work and memory stay bounded.
  bool full = false;
  for (const Href& href : hrefs) {
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
    seen.emplace(links.back(), href.nofollow);
    target_of_href.emplace(href.value, links.back());
  }
  for (const std::string& link : links) {
    if (seen.at(link)) info.nofollow_links.push_back(link);
  }
}

std::string JoinRobots(const std::vector<const char*>& contents) {
  std::string joined;
  for (const char* content : contents) {
    std::string collapsed = CleanText(content);
    if (collapsed.empty()) continue;
    if (!joined.empty()) joined += ", ";
    joined += collapsed;
  }
  return joined;
}

}  // namespace

PageInfo ExtractPage(std::string_view html, const Url& page_url) {
  GumboDocument document(html);
  Found found = Walk(document.root());

  PageInfo info;
  if (found.title != nullptr) info.title = TitleText(*found.title);
  if (found.description != nullptr) info.description = CleanText(found.description);
  Url base = BaseUrl(found.base_href, page_url);
  info.base = base.href();
  if (found.canonical_href != nullptr) {
    Result<Url> canonical = Url::Parse(found.canonical_href, base);
    if (canonical.ok()) info.canonical = canonical->href();
  }
  ResolveLinks(found.hrefs, base, info);
  info.robots = JoinRobots(found.robots);
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
