// ExtractionRules: [[extract]] rules compiled and applied to Gumbo documents, with their caps.
#include "extract/extraction_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

// Designated initializers name only the fields a test sets; the others keep their defaults, on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace arachne {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class Parsed {
 public:
  explicit Parsed(const std::string& html) : html_(html), output_(gumbo_parse(html_.c_str())) {}
  ~Parsed() { gumbo_destroy_output(&kGumboDefaultOptions, output_); }
  Parsed(const Parsed&) = delete;
  Parsed& operator=(const Parsed&) = delete;
  const GumboNode& document() const { return *output_->document; }

 private:
  std::string html_;
  GumboOutput* output_;
};

ExtractionRules CompileOrDie(const std::vector<ExtractRule>& rules) {
  Result<ExtractionRules> compiled = ExtractionRules::Compile(rules);
  EXPECT_TRUE(compiled.ok()) << compiled.status().ToString();
  return compiled.ok() ? std::move(*compiled) : ExtractionRules();
}

const Url kPage = *Url::Parse("http://127.0.0.1:8080/p/7.html");

std::vector<FieldValue> Apply(const std::vector<ExtractRule>& rules, const std::string& html,
                              const Url& page = kPage) {
  Parsed parsed(html);
  return CompileOrDie(rules).Apply(parsed.document(), page.href(), page);
}

constexpr std::string_view kProduct = R"(<!DOCTYPE html><title>t</title>
<div class="product" id="product-7">
  <h2 class="name">
     Lantern &amp;	Stone <small>#7</small> </h2>
  <div class="related"><span class="price">0.99</span></div>
  <span class="price" data-currency="EUR">12.50</span>
  <ul class="tags"><li><b>new</b>  river</li><li>stone</li></ul>
  <a class="buy" href="../cart?item=7">Buy <em>now</em></a>
  <a class="buy">no href</a>
</div>)";

TEST(ExtractionRules, TakesTextHtmlAndAttributes) {
  const std::vector<FieldValue> fields =
      Apply({ExtractRule{.field = "name", .css = "div.product > h2.name"},
             ExtractRule{.field = "price", .css = "div.product > span.price"},
             ExtractRule{.field = "currency", .css = "span.price", .take = "attr:data-currency"},
             ExtractRule{.field = "tags", .css = "ul.tags > li", .all = true},
             ExtractRule{.field = "buy_html", .css = "a.buy", .take = "html"},
             ExtractRule{.field = "buy", .css = "a.buy", .take = "attr:href"}},
            std::string(kProduct));
  ASSERT_EQ(fields.size(), 6u);
  EXPECT_EQ(fields[0].name, "name");
  EXPECT_FALSE(fields[0].null);
  EXPECT_THAT(fields[0].values, ElementsAre("Lantern & Stone #7"));
  // The child combinator passes over the decoy price nested in div.related.
  EXPECT_THAT(fields[1].values, ElementsAre("12.50"));
  // The first span.price (the decoy) has no data-currency: passed over, the next one's is taken.
  EXPECT_THAT(fields[2].values, ElementsAre("EUR"));
  EXPECT_TRUE(fields[3].all);
  EXPECT_THAT(fields[3].values, ElementsAre("new river", "stone"));
  EXPECT_THAT(fields[4].values, ElementsAre("Buy <em>now</em>"));
  EXPECT_THAT(fields[5].values, ElementsAre("../cart?item=7"));  // as written
}

TEST(ExtractionRules, NoMatchIsNullForOneValueAndEmptyForAll) {
  const std::vector<FieldValue> fields =
      Apply({ExtractRule{.field = "sku", .css = "span.sku"},
             ExtractRule{.field = "skus", .css = "span.sku", .all = true},
             ExtractRule{.field = "target", .css = "a", .take = "attr:target"},
             ExtractRule{.field = "targets", .css = "a", .take = "attr:target", .all = true}},
            std::string(kProduct));
  ASSERT_EQ(fields.size(), 4u);
  EXPECT_TRUE(fields[0].null);
  EXPECT_THAT(fields[0].values, IsEmpty());
  EXPECT_FALSE(fields[1].null);
  EXPECT_THAT(fields[1].values, IsEmpty());
  EXPECT_TRUE(fields[2].null);  // matches, but none has the attribute
  EXPECT_FALSE(fields[3].null);
  EXPECT_THAT(fields[3].values, IsEmpty());
}

TEST(ExtractionRules, PagesLimitWhereARuleApplies) {
  const std::vector<ExtractRule> rules = {
      ExtractRule{.field = "price", .css = "span.price", .pages = {"/q/"}},
      ExtractRule{.field = "tags", .css = "li", .all = true, .pages = {"/q/"}},
      ExtractRule{.field = "title", .css = "title", .pages = {"/p/\\d+\\.html$"}}};
  const std::vector<FieldValue> fields = Apply(rules, std::string(kProduct));
  ASSERT_EQ(fields.size(), 3u);
  EXPECT_TRUE(fields[0].null);
  EXPECT_TRUE(fields[1].null);  // an `all` rule off its pages is null, not []
  EXPECT_THAT(fields[2].values, ElementsAre("t"));

  ExtractionRules compiled = CompileOrDie(rules);
  EXPECT_TRUE(compiled.AppliesTo("http://127.0.0.1/q/1.html"));
  EXPECT_TRUE(compiled.AppliesTo("http://127.0.0.1/p/1.html"));
  EXPECT_FALSE(compiled.AppliesTo("http://127.0.0.1/p/1.png"));
  EXPECT_TRUE(CompileOrDie({ExtractRule{.field = "a", .css = "a"}}).AppliesTo("http://x/anything"));
  EXPECT_FALSE(ExtractionRules().AppliesTo("http://x/anything"));
}

TEST(ExtractionRules, AbsoluteResolvesAgainstTheBaseAndKeepsWhatDoesNotResolve) {
  const std::string html =
      "<a href='../cart?item=7#top'>a</a><a href='http://[bad/'>b</a><img src=' /i.png '>";
  const Url base = *Url::Parse("http://127.0.0.1:8080/s/3/1/");
  Parsed parsed(html);
  ExtractionRules rules = CompileOrDie(
      {ExtractRule{.field = "hrefs", .css = "a", .take = "attr:href", .all = true, .absolute = true},
       ExtractRule{.field = "img", .css = "img", .take = "attr:src", .absolute = true}});
  const std::vector<FieldValue> fields = rules.Apply(parsed.document(), kPage.href(), base);
  EXPECT_THAT(fields[0].values, ElementsAre("http://127.0.0.1:8080/s/3/cart?item=7#top", "http://[bad/"));
  EXPECT_THAT(fields[1].values, ElementsAre("http://127.0.0.1:8080/i.png"));
}

TEST(ExtractionRules, AnAllRuleKeepsItsFirstMatchesOnly) {
  std::string html = "<ul>";
  for (std::size_t i = 0; i < kMaxFieldMatches + 5; ++i) html += "<li>" + std::to_string(i) + "</li>";
  const std::vector<FieldValue> fields =
      Apply({ExtractRule{.field = "n", .css = "li", .all = true}}, html + "</ul>");
  ASSERT_EQ(fields[0].values.size(), kMaxFieldMatches);
  EXPECT_EQ(fields[0].values.front(), "0");
  EXPECT_EQ(fields[0].values.back(), std::to_string(kMaxFieldMatches - 1));
}

TEST(ExtractionRules, ValuesAndPagesHaveByteCaps) {
  // 20 paragraphs of 1.5 MiB: each value is cut at 1 MiB, and the page's 16 MiB run out at the 17th.
  const std::string text(3 * kMaxFieldValueBytes / 2, 'x');
  std::string html;
  for (int i = 0; i < 20; ++i) html += "<p>" + text + "</p>";
  const std::vector<FieldValue> fields = Apply({ExtractRule{.field = "p", .css = "p", .all = true}}, html);
  ASSERT_EQ(fields[0].values.size(), 20u);
  std::size_t total = 0;
  for (std::size_t i = 0; i < 20; ++i) {
    const std::size_t expected = i < kMaxPageFieldBytes / kMaxFieldValueBytes ? kMaxFieldValueBytes : 0;
    EXPECT_EQ(fields[0].values[i].size(), expected) << i;
    total += fields[0].values[i].size();
  }
  EXPECT_EQ(total, kMaxPageFieldBytes);
}

TEST(ExtractionRules, CompileNamesTheRuleAndItsProblem) {
  Result<ExtractionRules> compiled = ExtractionRules::Compile(
      {ExtractRule{.field = "ok", .css = "p"}, ExtractRule{.field = "price", .css = "div >"}});
  ASSERT_FALSE(compiled.ok());
  EXPECT_THAT(compiled.status().message(),
              HasSubstr("[[extract]] #2 (field \"price\"): css \"div >\": at character "));
  compiled = ExtractionRules::Compile({ExtractRule{.field = "x", .css = "p", .take = "attr:"}});
  ASSERT_FALSE(compiled.ok());
  EXPECT_THAT(compiled.status().message(), HasSubstr("[[extract]] #1 (field \"x\"): take: expected"));
  compiled = ExtractionRules::Compile({ExtractRule{.field = "x", .css = "p", .pages = {"a("}}});
  ASSERT_FALSE(compiled.ok());
  EXPECT_THAT(compiled.status().message(), HasSubstr("pages[0]: invalid regular expression"));
  EXPECT_EQ(
      ExtractRuleProblem(ExtractRule{.field = "x", .css = "p", .take = "text", .absolute = true}),
      "absolute: only an attribute is resolved as a URL; use take = \"attr:href\" (or src ...) with it");
  EXPECT_EQ(ExtractRuleProblem(ExtractRule{.field = "x", .css = "a", .take = "attr:href", .absolute = true}),
            "");
}

}  // namespace
}  // namespace arachne
