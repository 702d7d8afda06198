#include "extract/extraction_rules.h"

#include <optional>
#include <utility>

#include "common/utf8.h"
#include "extract/css_selector.h"
#include "extract/element_content.h"
#include "scope/pattern_set.h"

namespace arachne {

namespace {

constexpr std::string_view kAttrPrefix = "attr:";

enum class Take { kText, kHtml, kAttribute };

struct TakeSpec {
  Take kind = Take::kText;
  std::string attribute;  // kAttribute
};

std::optional<TakeSpec> ParseTake(std::string_view take) {
  if (take == "text") return TakeSpec{Take::kText, {}};
  if (take == "html") return TakeSpec{Take::kHtml, {}};
  if (take.starts_with(kAttrPrefix) && take.size() > kAttrPrefix.size()) {
    return TakeSpec{Take::kAttribute, std::string(take.substr(kAttrPrefix.size()))};
  }
  return std::nullopt;
}

std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

}  // namespace

struct ExtractionRules::Rule {
  std::string field;
  CssSelector selector;
  TakeSpec take;
  bool all = false;
  bool absolute = false;
  PatternSet pages;  // empty: every page
};

std::string ExtractRuleProblem(const ExtractRule& rule) {
  if (rule.field.empty()) return "field: expected a name, got an empty string";
  if (Result<CssSelector> selector = CssSelector::Parse(rule.css); !selector.ok()) {
    return "css " + Quoted(rule.css) + ": " + selector.status().message();
  }
  const std::optional<TakeSpec> take = ParseTake(rule.take);
  if (!take) {
    return "take: expected \"text\", \"html\" or \"attr:NAME\" (such as \"attr:href\"), got " +
           Quoted(rule.take);
  }
  if (rule.absolute && take->kind != Take::kAttribute) {
    return "absolute: only an attribute is resolved as a URL; use take = \"attr:href\" (or src ...) with it";
  }
  for (std::size_t i = 0; i < rule.pages.size(); ++i) {
    if (Status s = PatternSet::Check(rule.pages[i]); !s.ok()) {
      return "pages[" + std::to_string(i) + "]: " + s.message();
    }
  }
  return "";
}

std::string ExtractRuleWhere(const ExtractRule& rule, std::size_t index) {
  std::string where = "[[extract]] #" + std::to_string(index + 1);
  if (!rule.field.empty()) where += " (field " + Quoted(rule.field) + ")";
  return where + ": ";
}

ExtractionRules::ExtractionRules() = default;
ExtractionRules::~ExtractionRules() = default;
ExtractionRules::ExtractionRules(ExtractionRules&&) noexcept = default;
ExtractionRules& ExtractionRules::operator=(ExtractionRules&&) noexcept = default;

Result<ExtractionRules> ExtractionRules::Compile(const std::vector<ExtractRule>& rules) {
  ExtractionRules compiled;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const ExtractRule& rule = rules[i];
    const std::string where = ExtractRuleWhere(rule, i);
    if (std::string problem = ExtractRuleProblem(rule); !problem.empty()) {
      return Status::InvalidArgument(where + problem);
    }
    Result<PatternSet> pages = PatternSet::Compile(rule.pages);
    if (!pages.ok()) return Status::InvalidArgument(where + pages.status().message());
    compiled.rules_.push_back(Rule{rule.field, *CssSelector::Parse(rule.css), *ParseTake(rule.take), rule.all,
                                   rule.absolute, std::move(*pages)});
  }
  return compiled;
}

bool ExtractionRules::empty() const {
  return rules_.empty();
}
std::size_t ExtractionRules::size() const {
  return rules_.size();
}

bool ExtractionRules::AppliesTo(std::string_view page_url) const {
  for (const Rule& rule : rules_) {
    if (rule.pages.empty() || rule.pages.MatchesAny(page_url)) return true;
  }
  return false;
}

namespace {

// The page's budget for field values (kMaxPageFieldBytes), spent as values are taken.
class FieldBudget {
 public:
  std::size_t Next() const { return std::min(kMaxFieldValueBytes, left_); }
  void Spend(std::size_t bytes) { left_ -= std::min(bytes, left_); }

 private:
  std::size_t left_ = kMaxPageFieldBytes;
};

// What `take` reads from one matched element; nullopt for an attribute the element lacks.
std::optional<std::string> TakeFrom(const GumboNode& element, const TakeSpec& take, bool absolute,
                                    const Url& base, std::size_t max_bytes) {
  switch (take.kind) {
    case Take::kText: return ElementText(element, max_bytes);
    case Take::kHtml: return InnerHtml(element, max_bytes);
    case Take::kAttribute: break;
  }
  std::optional<std::string> value = ElementAttribute(element, take.attribute);
  if (!value) return std::nullopt;
  if (absolute) {
    // Resolved as a link's href is (HTML Standard 2.4.2: leading and trailing ASCII whitespace stripped).
    if (Result<Url> url = Url::Parse(*value, base); url.ok()) *value = url->href();
  }
  TruncateUtf8(*value, max_bytes);
  return value;
}

}  // namespace

std::vector<FieldValue> ExtractionRules::Apply(const GumboNode& document, std::string_view page_url,
                                               const Url& base) const {
  std::vector<FieldValue> fields;
  fields.reserve(rules_.size());
  FieldBudget budget;
  for (const Rule& rule : rules_) {
    FieldValue& field = fields.emplace_back();
    field.name = rule.field;
    field.all = rule.all;
    if (!rule.pages.empty() && !rule.pages.MatchesAny(page_url)) continue;
    if (rule.all) field.null = false;
    // Elements without the attribute are passed over, as if the selector had asked for it ([href]) and as
    // Scrapy's a::attr(href) does: a one-value rule takes the first match that has a value.
    const bool one = !rule.all && rule.take.kind != Take::kAttribute;
    const std::size_t limit = one ? 1 : kMaxFieldMatches;
    for (const GumboNode* element : rule.selector.Select(document, limit)) {
      std::optional<std::string> value = TakeFrom(*element, rule.take, rule.absolute, base, budget.Next());
      if (!value) continue;
      budget.Spend(value->size());
      field.values.push_back(std::move(*value));
      if (!rule.all) {
        field.null = false;
        break;
      }
    }
  }
  return fields;
}

}  // namespace arachne
