// ExtractionRules: a seed file's [[extract]] rules, compiled once, and applied to each page's DOM.
//
// Rules run in the parser processes, on the tree Gumbo builds (HTML Standard 13.2), so a field reads what
// a browser's querySelector would find. A page that no rule applies to (each rule's `pages` patterns are
// searched in its URL) needs no tree: the parser keeps its faster path for it (ParserProcess).
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "arachne/config.h"
#include "arachne/record.h"
#include "arachne/status.h"
#include "url/url.h"

namespace arachne {

// What one page's fields may hold at most: each value is cut (between characters) at kMaxFieldValueBytes,
// an `all` rule keeps its first kMaxFieldMatches matches, and once a page's values add up to
// kMaxPageFieldBytes the later values are empty strings. A page is at most [fetch] max_body_bytes, but
// "html" of every element of `*` would be quadratic in it; and the fields travel to the coordinator in one
// message (at most 64 MiB, ipc/frame.h).
inline constexpr std::size_t kMaxFieldValueBytes = 1u << 20;
inline constexpr std::size_t kMaxFieldMatches = 10'000;
inline constexpr std::size_t kMaxPageFieldBytes = 16u << 20;

// What is wrong with one rule on its own, or "" when nothing is: the field name is empty, the selector
// does not parse ("css \"div >\": at character 5: expected a selector after '>'"), `take` is unknown, a
// `pages` pattern does not compile, `absolute` is set for a take that is not an attribute. Clashes between
// rules and with built-in record fields are the config's to check.
std::string ExtractRuleProblem(const ExtractRule& rule);

// Where a problem of the rule at `index` (0-based) is, as the start of its message:
// "[[extract]] #2 (field \"price\"): ".
std::string ExtractRuleWhere(const ExtractRule& rule, std::size_t index);

class ExtractionRules {
 public:
  // Fails with the first rule's problem (ExtractRuleProblem) when one has any.
  static Result<ExtractionRules> Compile(const std::vector<ExtractRule>& rules);

  ExtractionRules();
  ~ExtractionRules();
  ExtractionRules(ExtractionRules&&) noexcept;
  ExtractionRules& operator=(ExtractionRules&&) noexcept;

  bool empty() const;
  std::size_t size() const;

  // Whether any rule's `pages` match `page_url`: only then does a page need its tree.
  bool AppliesTo(std::string_view page_url) const;

  // One value per rule, in order, from the tree under `document` (a GUMBO_NODE_DOCUMENT). `base` is the
  // page's base URL, which `absolute` rules resolve against.
  std::vector<FieldValue> Apply(const GumboNode& document, std::string_view page_url, const Url& base) const;

 private:
  struct Rule;
  std::vector<Rule> rules_;
};

}  // namespace arachne
