// CssSelector: a compiled CSS selector list (a subset of Selectors Level 4), matched against the elements of
// a tree Gumbo built from an HTML page the way a browser's querySelectorAll matches them.
//
// Supported: type selectors and `*`; `#id`; `.class`; `[a]`, `[a=v]`, `[a~=v]`, `[a|=v]`, `[a^=v]`, `[a$=v]`,
// `[a*=v]` with an identifier or a quoted value and the `i` / `s` flags; the descendant, `>`, `+` and `~`
// combinators; `:first-child`, `:last-child`, `:nth-child(An+B)` (CSS Syntax 3 section 6), `:not(<selector
// list>)`; selector lists `a, b`; CSS escapes (`#\31 23`, `.a\:b`). Everything else is refused by Parse
// with a positioned message: pseudo-elements, other pseudo-classes, namespace prefixes (`ns|a`), the column
// combinator, `:nth-child(An+B of S)`, comments.
//
// Case (HTML Standard, "Case-sensitivity of selectors"): type selectors and attribute names match HTML
// elements ASCII case-insensitively and SVG/MathML elements by their exact local name (`linearGradient`);
// unknown elements (GUMBO_TAG_UNKNOWN) match by the name their start tag was written with. Ids, classes
// and attribute values are case-sensitive, except that ids and classes are ASCII case-insensitive in a
// quirks-mode document, and the values of the attributes the HTML Standard lists (type, rel, lang, dir,
// method, ...) on HTML elements are ASCII case-insensitive unless the `s` flag says otherwise. Attributes
// in the XLink/XML/XMLNS namespaces (foreign content) are not matched by unprefixed attribute selectors.
//
// Tree: counting for :first-child, :last-child and :nth-child considers element siblings only. Template
// contents are a separate fragment in the DOM: Select does not descend into them (as querySelectorAll),
// and to an element inside one, its template is not a parent (so `template > li` matches nothing). As in
// querySelectorAll, combinators look above the scope: `Select(div)` with "body p" returns the <p>s inside
// the div.
//
// Cost: nothing recurses over the tree (a page may nest 100,000 elements), and matching memoizes, per
// compound and element, whether an ancestor (descendant combinator) or an earlier sibling (`~`) matches
// the rest of the selector, so Select is about linear in the tree times the number of compounds.
//
// The names of unknown elements are read from the elements' original_tag, which points into the HTML the
// tree was parsed from: that buffer must still be alive when matching. A CssSelector is immutable; copies
// share the compiled form, and several threads may use one at once.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "arachne/status.h"

namespace arachne {

namespace css {
struct Program;  // the compiled selector list (css_selector.cc)
}  // namespace css

class CssSelector {
 public:
  // The longest selector Parse accepts, and how deeply :not() may nest in it.
  static constexpr std::size_t kMaxBytes = 4096;
  static constexpr int kMaxNotNesting = 16;

  // Parses a selector list. A selector that is not valid, or uses a feature this engine lacks, fails with
  // Status::InvalidArgument whose message starts "at character N: " (N: 1-based, counted in characters
  // of `text`, pointing at the offending token), then says what is wrong and, where it helps, what to
  // write instead, e.g. "at character 5: expected a selector after '>'",
  // "at character 4: pseudo-elements (::text) are not supported; use take = \"text\"".
  static Result<CssSelector> Parse(std::string_view text);

  // Whether `node` (any node; only elements can match) matches any selector of the list.
  bool Matches(const GumboNode& node) const;

  // The elements below `scope` (a GUMBO_NODE_DOCUMENT or an element; scope itself excluded, so a document
  // scope can match <html>) that match, in document order, each once, at most `limit` of them.
  std::vector<const GumboNode*> Select(const GumboNode& scope, std::size_t limit = SIZE_MAX) const;

  // The text it was parsed from.
  const std::string& text() const { return text_; }

 private:
  CssSelector(std::string text, std::shared_ptr<const css::Program> program);

  std::string text_;
  std::shared_ptr<const css::Program> program_;
};

}  // namespace arachne
