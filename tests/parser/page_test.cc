// Page and Element (include/arachne/page.h): the DOM a Crawler::OnPage callback scrapes.
#include "arachne/page.h"

#include <gtest/gtest.h>
#include <gumbo.h>

#include <optional>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "support/value_or_fail.h"

namespace arachne {
namespace {

using test::ValueOrFail;

constexpr char kUrl[] = "http://127.0.0.1:8080/products/1";

constexpr char kProduct[] = R"(<!doctype html>
<html lang=en><head><title>Lamp</title></head>
<body>
  <div id=main class="product card">
    <h1 data-sku="L&amp;1">  Desk
       lamp </h1>
    <p class=price>12.50</p>
    <ul class=tags><li>red</li><li>tall &amp; bright</li><li><b>new</b></li></ul>
  </div>
  <div id=aside><p class=price>99</p></div>
</body></html>)";

// The names of the elements, in order.
std::vector<std::string> Names(const std::vector<Element>& elements) {
  std::vector<std::string> names;
  for (const Element& element : elements) names.push_back(element.Name());
  return names;
}

std::vector<std::string> Texts(const std::vector<Element>& elements) {
  std::vector<std::string> texts;
  for (const Element& element : elements) texts.push_back(element.Text());
  return texts;
}

TEST(Page, KeepsItsUrlAndHtml) {
  const Page page(kUrl, kProduct);
  EXPECT_EQ(page.url(), kUrl);
  EXPECT_EQ(page.html(), kProduct);
}

TEST(Page, GumboIsTheDocumentAndRootIsItsHtmlElement) {
  const Page page(kUrl, kProduct);
  ASSERT_NE(page.gumbo(), nullptr);
  EXPECT_EQ(page.gumbo()->type, GUMBO_NODE_DOCUMENT);
  EXPECT_TRUE(page.gumbo()->v.document.has_doctype);
  const Element root = page.Root();
  ASSERT_NE(root.gumbo(), nullptr);
  EXPECT_EQ(root.gumbo()->type, GUMBO_NODE_ELEMENT);
  EXPECT_EQ(root.gumbo()->v.element.tag, GUMBO_TAG_HTML);
  EXPECT_EQ(root.gumbo()->parent, page.gumbo());
  EXPECT_EQ(root.Name(), "html");
  EXPECT_EQ(root.Attribute("lang"), "en");
}

// The parser always makes <html>, <head> and <body> (HTML Standard 13.2.6.4.1 ...), whatever the input.
TEST(Page, AnEmptyPageStillHasARootWithHeadAndBody) {
  const Page page(kUrl, "");
  EXPECT_EQ(page.Root().Name(), "html");
  EXPECT_EQ(Names(ValueOrFail(page.Root().Select("*"))), (std::vector<std::string>{"head", "body"}));
  EXPECT_EQ(page.Root().Text(), "");
}

TEST(Page, SelectFindsMatchesInDocumentOrder) {
  const Page page(kUrl, kProduct);
  const std::vector<Element> prices = ValueOrFail(page.Select(".price"));
  EXPECT_EQ(Texts(prices), (std::vector<std::string>{"12.50", "99"}));
  EXPECT_EQ(Texts(ValueOrFail(page.Select("ul.tags > li"))),
            (std::vector<std::string>{"red", "tall & bright", "new"}));
  // A selector list gives each element once, in document order, not in the list's order.
  EXPECT_EQ(Names(ValueOrFail(page.Select("p, h1, #main"))),
            (std::vector<std::string>{"div", "h1", "p", "p"}));
}

// The document is the scope: <html> itself can match.
TEST(Page, SelectOnThePageCanMatchTheHtmlElement) {
  const Page page(kUrl, kProduct);
  const std::vector<Element> html = ValueOrFail(page.Select("html"));
  ASSERT_EQ(html.size(), 1u);
  EXPECT_EQ(html[0].gumbo(), page.Root().gumbo());
  EXPECT_TRUE(ValueOrFail(page.Root().Select("html")).empty()) << "an element's Select excludes itself";
}

TEST(Page, NoMatchIsAnEmptyListNotAnError) {
  const Page page(kUrl, kProduct);
  const Result<std::vector<Element>> none = page.Select("table.specs tr");
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->empty());
}

TEST(Element, SelectLooksOnlyBelowTheElement) {
  const Page page(kUrl, kProduct);
  const std::vector<Element> main = ValueOrFail(page.Select("#main"));
  ASSERT_EQ(main.size(), 1u);
  EXPECT_EQ(Texts(ValueOrFail(main[0].Select(".price"))), (std::vector<std::string>{"12.50"}));
  EXPECT_TRUE(ValueOrFail(main[0].Select("#main")).empty());
  EXPECT_TRUE(ValueOrFail(main[0].Select("title")).empty());
}

// As querySelectorAll: the matches are below the element, but combinators may look above it.
TEST(Element, SelectorsMayLookAboveTheElement) {
  const Page page(kUrl, kProduct);
  const std::vector<Element> aside = ValueOrFail(page.Select("#aside"));
  ASSERT_EQ(aside.size(), 1u);
  EXPECT_EQ(Texts(ValueOrFail(aside[0].Select("body p"))), (std::vector<std::string>{"99"}));
  EXPECT_EQ(Texts(ValueOrFail(aside[0].Select("#main ~ div p"))), (std::vector<std::string>{"99"}));
}

TEST(Element, ElementsStayValidAfterTheirListIsGone) {
  const Page page(kUrl, kProduct);
  std::optional<Element> heading;
  {
    const std::vector<Element> found = ValueOrFail(page.Select("h1"));
    ASSERT_EQ(found.size(), 1u);
    heading = found[0];
  }
  EXPECT_EQ(heading->Text(), "Desk lamp");
}

TEST(Element, TextIsCollapsedAndTrimmed) {
  const Page page(kUrl, kProduct);
  EXPECT_EQ(Texts(ValueOrFail(page.Select("h1"))), (std::vector<std::string>{"Desk lamp"}));
  EXPECT_EQ(Texts(ValueOrFail(page.Select("ul"))), (std::vector<std::string>{"redtall & brightnew"}));
  EXPECT_EQ(Texts(ValueOrFail(page.Select("title"))), (std::vector<std::string>{"Lamp"}));
}

TEST(Element, InnerHtmlIsSerializedAsABrowserWould) {
  const Page page(kUrl, kProduct);
  const std::vector<Element> tags = ValueOrFail(page.Select("ul"));
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags[0].InnerHtml(), "<li>red</li><li>tall &amp; bright</li><li><b>new</b></li>");
  const std::vector<Element> heading = ValueOrFail(page.Select("#main"));
  ASSERT_EQ(heading.size(), 1u);
  EXPECT_NE(heading[0].InnerHtml().find("<h1 data-sku=\"L&amp;1\">  Desk\n       lamp </h1>"),
            std::string::npos)
      << heading[0].InnerHtml();
}

TEST(Element, AttributeIsDecodedAndAbsentIsNothing) {
  const Page page(kUrl, kProduct);
  const std::vector<Element> heading = ValueOrFail(page.Select("h1"));
  ASSERT_EQ(heading.size(), 1u);
  EXPECT_EQ(heading[0].Attribute("data-sku"), "L&1");
  EXPECT_EQ(heading[0].Attribute("DATA-SKU"), "L&1") << "HTML attribute names are case-insensitive";
  EXPECT_EQ(heading[0].Attribute("data-id"), std::nullopt);
  const std::vector<Element> main = ValueOrFail(page.Select("div"));
  ASSERT_EQ(main.size(), 2u);
  EXPECT_EQ(main[0].Attribute("class"), "product card");
  EXPECT_EQ(main[1].Attribute("class"), std::nullopt);
}

TEST(Element, NameOfHtmlElementsIsLowercase) {
  const Page page(kUrl, "<DIV><Span>x</Span><P>y</P></DIV>");
  EXPECT_EQ(Names(ValueOrFail(page.Select("body *"))), (std::vector<std::string>{"div", "span", "p"}));
}

// SVG names keep the case the HTML Standard's table gives them (13.2.6.5, "adjust SVG ...": written in any
// case, <lineargradient> is linearGradient); MathML's are lowercase.
TEST(Element, NameOfSvgAndMathMlElements) {
  const Page page(kUrl,
                  "<svg><LinearGradient id=g></LinearGradient><foreignObject></foreignObject><circle/></svg>"
                  "<math><mi>x</mi></math>");
  EXPECT_EQ(Names(ValueOrFail(page.Select("svg *, math *"))),
            (std::vector<std::string>{"linearGradient", "foreignObject", "circle", "mi"}));
  const std::vector<Element> gradient = ValueOrFail(page.Select("linearGradient"));
  ASSERT_EQ(gradient.size(), 1u);
  EXPECT_EQ(gradient[0].Attribute("id"), "g");
}

// An unknown element's name is its start tag's, lowercased by the tokenizer (13.2.5.8, tag name state)
// as in a browser's localName.
TEST(Element, NameOfUnknownElements) {
  const Page page(kUrl, "<my-widget>a</my-widget><Product-Card>b</Product-Card><x>c</x>");
  EXPECT_EQ(Names(ValueOrFail(page.Select("body *"))),
            (std::vector<std::string>{"my-widget", "product-card", "x"}));
  EXPECT_EQ(Texts(ValueOrFail(page.Select("product-card"))), (std::vector<std::string>{"b"}));
}

// A <template>'s contents are a separate fragment (HTML Standard 4.12.3): not its text, nor found by Select,
// but its inner HTML, as element.innerHTML serializes them.
TEST(Element, ATemplateHasItsContentsOnlyAsInnerHtml) {
  const Page page(kUrl, "<template id=t><p class=in>inside</p></template><p>outside</p>");
  const std::vector<Element> templates = ValueOrFail(page.Select("template"));
  ASSERT_EQ(templates.size(), 1u);
  EXPECT_EQ(templates[0].Name(), "template");
  EXPECT_EQ(templates[0].Attribute("id"), "t");
  EXPECT_EQ(templates[0].Text(), "");
  EXPECT_EQ(templates[0].InnerHtml(), "<p class=\"in\">inside</p>");
  EXPECT_EQ(Texts(ValueOrFail(page.Select("p"))), (std::vector<std::string>{"outside"}));
}

TEST(Element, ABadSelectorIsAnErrorNamingIt) {
  const Page page(kUrl, kProduct);
  const Result<std::vector<Element>> bad = page.Select("div >");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("\"div >\""), std::string::npos) << bad.status().message();
  EXPECT_NE(bad.status().message().find("at character"), std::string::npos) << bad.status().message();

  const Result<std::vector<Element>> pseudo = page.Root().Select("p::text");
  ASSERT_FALSE(pseudo.ok());
  EXPECT_EQ(pseudo.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(pseudo.status().message().find("p::text"), std::string::npos) << pseudo.status().message();

  EXPECT_FALSE(page.Select("").ok());
}

// Whatever bytes the page holds, the values read from it are valid UTF-8.
TEST(Element, ValuesAreValidUtf8) {
  const Page page(kUrl, "<p title=\"a\xFF\">b\xC3 &#xEEEEEEEE; c</p>");
  const std::vector<Element> p = ValueOrFail(page.Select("p"));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_TRUE(IsValidUtf8(p[0].Text())) << p[0].Text();
  EXPECT_TRUE(IsValidUtf8(p[0].InnerHtml())) << p[0].InnerHtml();
  ASSERT_TRUE(p[0].Attribute("title").has_value());
  EXPECT_TRUE(IsValidUtf8(*p[0].Attribute("title")));
}

// Texts and inner HTML are not capped as the [[extract]] rules' values are: a callback asked for them whole.
TEST(Element, LongValuesAreWhole) {
  const std::string words(200 * 1024, 'w');
  const Page page(kUrl, "<p>" + words + "</p>");
  const std::vector<Element> p = ValueOrFail(page.Select("p"));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].Text().size(), words.size());
  EXPECT_EQ(p[0].InnerHtml().size(), words.size());
}

}  // namespace
}  // namespace arachne
