// Page and Element: an HTML page's DOM, for scraping that [[extract]] rules cannot express
// (Crawler::OnPage).
//
//   crawler.OnPage([](const arachne::Page& page, arachne::Record& record) {
//     arachne::Result<std::vector<arachne::Element>> rows = page.Select("table.specs tr");
//     if (!rows.ok()) return;
//     for (const arachne::Element& row : *rows) { ... row.Text() ... row.Attribute("data-id") ... }
//     // "specs" is declared in Config::extract (so that CSV has its column); its value is set here.
//     for (arachne::FieldValue& field : record.fields) {
//       if (field.name == "specs") { field.null = false; field.values = {...}; }
//     }
//   });
//
// The tree is the one an HTML5 parser (Gumbo, HTML Standard 13.2) builds, as a browser would; selectors
// and `Text`, `InnerHtml` and `Attribute` work as the [[extract]] rules' css and take (docs/seed-file.md).
// For anything else, `gumbo()` is the node itself: include <gumbo.h> and walk it. Elements point into their
// Page and are valid only during the callback.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arachne/status.h"

struct GumboInternalNode;  // <gumbo.h>'s GumboNode

namespace arachne {

class Element {
 public:
  // The element's name as innerHTML writes it: lowercase for HTML and unknown elements ("div",
  // "product-card"), the standard's spelling for SVG ones ("linearGradient").
  std::string Name() const;
  // Its text: the text of all its descendants, runs of whitespace collapsed to one space, trimmed.
  std::string Text() const;
  // Its inner HTML, serialized as a browser's innerHTML.
  std::string InnerHtml() const;
  // The attribute's value as written (character references decoded); nothing when absent.
  std::optional<std::string> Attribute(std::string_view name) const;
  // The elements below this one that match the CSS selector list, in document order; an error (with the
  // character at fault) for a selector that does not parse.
  Result<std::vector<Element>> Select(std::string_view css) const;
  // The Gumbo node (GUMBO_NODE_ELEMENT, or GUMBO_NODE_TEMPLATE for a <template>).
  const GumboInternalNode* gumbo() const { return node_; }

 private:
  friend class Page;
  explicit Element(const GumboInternalNode* node) : node_(node) {}
  const GumboInternalNode* node_;
};

class Page {
 public:
  // Parses `html` (UTF-8) fetched from `url`.
  Page(std::string url, std::string html);
  ~Page();
  Page(const Page&) = delete;
  Page& operator=(const Page&) = delete;

  const std::string& url() const { return url_; }
  // The page's HTML, decoded to UTF-8 from the charset it was served in.
  const std::string& html() const { return html_; }
  // The elements of the page that match the CSS selector list, in document order.
  Result<std::vector<Element>> Select(std::string_view css) const;
  // The <html> element, which the parser always creates.
  Element Root() const;
  // The document node (GUMBO_NODE_DOCUMENT).
  const GumboInternalNode* gumbo() const;

 private:
  struct Tree;
  std::string url_;
  std::string html_;
  std::unique_ptr<Tree> tree_;
};

}  // namespace arachne
