#include "parser/html_extractor.h"

#include <gumbo.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parser/gumbo_document.h"

namespace arachne {
namespace {

const char* AttributeValue(const GumboElement& element, const char* name) {
  // Gumbo lowercases attribute names of HTML elements, and this lookup ignores case anyway.
  const GumboAttribute* attribute = gumbo_get_attribute(&element.attributes, name);
  return attribute == nullptr ? nullptr : attribute->value;
}

bool IsHtml(const GumboElement& element) { return element.tag_namespace == GUMBO_NAMESPACE_HTML; }

void AddHref(const GumboElement& element, const char* name, PageMarkup& found) {
  const char* value = AttributeValue(element, name);
  if (value == nullptr) return;
  const char* rel = AttributeValue(element, "rel");
  found.hrefs.push_back(MarkupHref{value, rel != nullptr && HasRelToken(rel, "nofollow")});
}

// The title element's child text content (HTML Standard 3.1.4, document.title).
std::string_view TitleText(const GumboElement& title, PageMarkup& found) {
  const GumboVector& children = title.children;
  // A title's content is RCDATA, so it is almost always one text node: no copy.
  if (children.length == 1) {
    const auto* child = static_cast<const GumboNode*>(children.data[0]);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) return child->v.text.text;
  }
  std::string text;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) text += child->v.text.text;
  }
  return found.Keep(std::move(text));
}

void Visit(const GumboElement& element, PageMarkup& found) {
  switch (element.tag) {
    case GUMBO_TAG_A:
    case GUMBO_TAG_AREA: AddHref(element, "href", found); break;
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_FRAME: AddHref(element, "src", found); break;
    case GUMBO_TAG_LINK: {
      const char* href = AttributeValue(element, "href");
      if (href == nullptr) break;
      found.hrefs.push_back(MarkupHref{href, false});
      const char* rel = AttributeValue(element, "rel");
      if (!found.canonical_href && rel != nullptr && HasRelToken(rel, "canonical")) found.canonical_href = href;
      break;
    }
    case GUMBO_TAG_BASE:
      // HTML Standard 4.2.3: only the first base element with an href attribute sets the base URL.
      if (!found.base_href && IsHtml(element)) {
        if (const char* href = AttributeValue(element, "href")) found.base_href = href;
      }
      break;
    case GUMBO_TAG_TITLE:
      // The document's title is the first HTML title element (HTML Standard 3.1.4); an SVG <title>
      // describes its drawing.
      if (!found.title && IsHtml(element)) found.title = TitleText(element, found);
      break;
    case GUMBO_TAG_META: {
      if (!IsHtml(element)) break;
      const char* name = AttributeValue(element, "name");
      if (name == nullptr) break;
      if (!found.description && EqualsAsciiCaseInsensitive(name, "description")) {
        if (const char* content = AttributeValue(element, "content")) found.description = content;
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
PageMarkup Walk(const GumboNode& root) {
  PageMarkup found;
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

}  // namespace

PageInfo ExtractPage(std::string_view html, const Url& page_url) {
  return ExtractPageFromTree(GumboDocument(html), page_url);
}

PageInfo ExtractPageFromTree(const GumboDocument& document, const Url& page_url) {
  return BuildPageInfo(Walk(document.root()), page_url);
}

}  // namespace arachne
