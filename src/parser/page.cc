// Page and Element (include/arachne/page.h): the library's view of a page's DOM, on the same Gumbo tree,
// selector engine and value readers that [[extract]] rules use.
#include "arachne/page.h"

#include <gumbo.h>

#include <utility>

#include "extract/css_selector.h"
#include "extract/element_content.h"
#include "parser/gumbo_document.h"

namespace arachne {

namespace {

// No cap a caller could hit by accident: Page and Element serve code that asked for the whole value.
constexpr std::size_t kUncapped = SIZE_MAX;

}  // namespace

struct Page::Tree {
  explicit Tree(std::string_view html) : document(html) {}
  GumboDocument document;
};

Page::Page(std::string url, std::string html)
    : url_(std::move(url)), html_(std::move(html)), tree_(std::make_unique<Tree>(html_)) {}
Page::~Page() = default;

Result<std::vector<Element>> Page::Select(std::string_view css) const {
  return Element(gumbo()).Select(css);
}

Element Page::Root() const {
  return Element(&tree_->document.root());
}

const GumboNode* Page::gumbo() const {
  return &tree_->document.document();
}

std::string Element::Name() const {
  return ElementName(*node_);
}

std::string Element::Text() const {
  return ElementText(*node_, kUncapped);
}

std::string Element::InnerHtml() const {
  return arachne::InnerHtml(*node_, kUncapped);
}

std::optional<std::string> Element::Attribute(std::string_view name) const {
  return ElementAttribute(*node_, name);
}

Result<std::vector<Element>> Element::Select(std::string_view css) const {
  Result<CssSelector> selector = CssSelector::Parse(css);
  if (!selector.ok())
    return Status::InvalidArgument("css \"" + std::string(css) + "\": " + selector.status().message());
  std::vector<Element> found;
  for (const GumboNode* node : selector->Select(*node_)) found.push_back(Element(node));
  return found;
}

}  // namespace arachne
