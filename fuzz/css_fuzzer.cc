// css_fuzzer: the input is a selector list as a seed file's [[extract]] rule or Page::Select gives it
// (extract/css_selector.h). Parse either refuses it with "at character N: " and N within the text, or
// compiles it; a compiled selector is then matched against a fixed page with every kind of element, where
// Select must return in document order, each once, exactly the elements Matches accepts.
#include <gumbo.h>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/utf8.h"
#include "extract/css_selector.h"
#include "fuzz_check.h"

namespace arachne {
namespace {

constexpr std::string_view kPage = R"(<!DOCTYPE html><html lang="en-US"><head><title>t</title></head>
<body class="a b"><div id="az" class="x y" data-x="yy"><p>1</p><p class=x>2</p><span lang=en>3</span>
<ul><li>a<li class="x">b<li>c<li id=q>d</ul><svg><linearGradient id=g /><a xlink:href=#g>s</a></svg>
<custom-el Data-Y=1>c</custom-el><template><p>t</p></template><table><tr><td>1<td>2</table>
<input type=TEXT name=n><a href="http://x/" rel="NoFollow next">x</a></div></body></html>)";

struct Page {
  Page() : output(gumbo_parse_with_options(&kGumboDefaultOptions, kPage.data(), kPage.size())) {}
  ~Page() { gumbo_destroy_output(&kGumboDefaultOptions, output); }
  GumboOutput* output;
};

// Every element of the tree in document order (template contents included: Matches may see them).
void Elements(const GumboNode& node, std::vector<const GumboNode*>& out) {
  if (node.type == GUMBO_NODE_ELEMENT || node.type == GUMBO_NODE_TEMPLATE) out.push_back(&node);
  const GumboVector* children = node.type == GUMBO_NODE_DOCUMENT ? &node.v.document.children
                                : (node.type == GUMBO_NODE_ELEMENT || node.type == GUMBO_NODE_TEMPLATE)
                                    ? &node.v.element.children
                                    : nullptr;
  if (children == nullptr) return;
  for (unsigned i = 0; i < children->length; ++i) Elements(*static_cast<const GumboNode*>(children->data[i]), out);
}

bool InsideTemplate(const GumboNode* node) {
  for (const GumboNode* p = node->parent; p != nullptr; p = p->parent) {
    if (p->type == GUMBO_NODE_TEMPLATE) return true;
  }
  return false;
}

}  // namespace
}  // namespace arachne

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arachne;
  static const Page page;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<CssSelector> selector = CssSelector::Parse(text);
  if (!selector.ok()) {
    const std::string message = selector.status().message();
    FUZZ_CHECK(message.starts_with("at character "));
    const std::size_t number = message.find_first_not_of("0123456789", 13);
    FUZZ_CHECK(number != std::string::npos && number > 13 && message.compare(number, 2, ": ") == 0);
    FUZZ_CHECK(std::stoul(message.substr(13, number - 13)) <= size + 1);
    return 0;
  }
  FUZZ_CHECK(selector->text() == text);
  std::vector<const GumboNode*> all;
  Elements(*page.output->document, all);
  const std::vector<const GumboNode*> selected = selector->Select(*page.output->document);
  FUZZ_CHECK(std::set<const GumboNode*>(selected.begin(), selected.end()).size() == selected.size());
  std::size_t next = 0;
  for (const GumboNode* element : all) {
    // querySelectorAll does not enter template contents (the <template> element itself is an element).
    const bool expected = !InsideTemplate(element) && selector->Matches(*element);
    const bool got = next < selected.size() && selected[next] == element;
    FUZZ_CHECK(expected == got);
    if (got) ++next;
  }
  FUZZ_CHECK(next == selected.size());
  FUZZ_CHECK(selector->Select(*page.output->document, 1).size() == std::min<std::size_t>(1, selected.size()));
  return 0;
}
