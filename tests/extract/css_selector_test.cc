#include "extract/css_selector.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <gumbo.h>

#include <cstddef>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parser/small_stack.h"

namespace arachne {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A page parsed by Gumbo. The tree lives in an arena this object owns, freed at once: gumbo_destroy_output
// recurses once per level, which a 100,000-deep tree cannot afford. It also keeps the HTML alive, which
// unknown elements' names are read from (original_tag).
class Html {
 public:
  explicit Html(std::string html) : html_(std::move(html)) {
    GumboOptions options = kGumboDefaultOptions;
    options.allocator = &Html::Allocate;
    options.deallocator = [](void*, void*) {};
    options.userdata = &blocks_;
    options.max_errors = 0;
    output_ = gumbo_parse_with_options(&options, html_.data(), html_.size());
  }
  Html(const Html&) = delete;
  Html& operator=(const Html&) = delete;

  const GumboNode& document() const { return *output_->document; }
  const GumboNode& root() const { return *output_->root; }

  // The element whose id is `id`, template contents included; fails the test when there is none.
  const GumboNode& ById(std::string_view id) const {
    std::vector<const GumboNode*> stack{output_->document};
    while (!stack.empty()) {
      const GumboNode* node = stack.back();
      stack.pop_back();
      if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) {
        if (node->type != GUMBO_NODE_DOCUMENT) continue;
        for (unsigned i = 0; i < node->v.document.children.length; ++i) {
          stack.push_back(static_cast<const GumboNode*>(node->v.document.children.data[i]));
        }
        continue;
      }
      const GumboAttribute* attribute = gumbo_get_attribute(&node->v.element.attributes, "id");
      if (attribute != nullptr && id == attribute->value) return *node;
      for (unsigned i = 0; i < node->v.element.children.length; ++i) {
        stack.push_back(static_cast<const GumboNode*>(node->v.element.children.data[i]));
      }
    }
    ADD_FAILURE() << "no element with id " << id;
    return *output_->document;
  }

 private:
  static void* Allocate(void* userdata, std::size_t size) {
    auto* blocks = static_cast<std::vector<std::unique_ptr<std::max_align_t[]>>*>(userdata);
    blocks->push_back(std::make_unique<std::max_align_t[]>(size / sizeof(std::max_align_t) + 1));
    return blocks->back().get();
  }

  std::string html_;
  std::vector<std::unique_ptr<std::max_align_t[]>> blocks_;
  GumboOutput* output_ = nullptr;
};

// An element's id, or its tag name in angle brackets when it has none.
std::string Label(const GumboNode* node) {
  const GumboAttribute* id = gumbo_get_attribute(&node->v.element.attributes, "id");
  if (id != nullptr) return id->value;
  return std::string("<") + gumbo_normalized_tagname(node->v.element.tag) + ">";
}

std::vector<std::string> Labels(const std::vector<const GumboNode*>& nodes) {
  std::vector<std::string> labels;
  for (const GumboNode* node : nodes) labels.push_back(Label(node));
  return labels;
}

CssSelector ParseOrFail(std::string_view text) {
  Result<CssSelector> selector = CssSelector::Parse(text);
  EXPECT_TRUE(selector.ok()) << text << ": " << selector.status().message();
  return selector.ok() ? *selector : *CssSelector::Parse("*");
}

// The labels of what `selector` selects in the whole document, in order.
std::vector<std::string> Select(const Html& html, std::string_view selector) {
  return Labels(ParseOrFail(selector).Select(html.document()));
}

std::vector<std::string> SelectIn(const GumboNode& scope, std::string_view selector) {
  return Labels(ParseOrFail(selector).Select(scope));
}

std::string ErrorOf(std::string_view selector) {
  Result<CssSelector> parsed = CssSelector::Parse(selector);
  return parsed.ok() ? "(parsed)" : parsed.status().message();
}

// Every element of the tree, template contents included, in document order.
std::vector<const GumboNode*> AllElements(const Html& html) {
  std::vector<const GumboNode*> elements;
  std::vector<const GumboNode*> stack{&html.root()};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) continue;
    elements.push_back(node);
    const GumboVector& children = node->v.element.children;
    for (unsigned i = children.length; i > 0; --i)
      stack.push_back(static_cast<const GumboNode*>(children.data[i - 1]));
  }
  return elements;
}

TEST(CssSelectorTest, KeepsItsText) {
  EXPECT_EQ(ParseOrFail(" div > p ").text(), " div > p ");
}

TEST(CssSelectorTest, TypeSelectorsMatchHtmlElementsIgnoringCase) {
  Html html("<!DOCTYPE html><p id=a></p><div id=b><p id=c></p><span id=d></span></div>");
  EXPECT_THAT(Select(html, "p"), ElementsAre("a", "c"));
  EXPECT_THAT(Select(html, "P"), ElementsAre("a", "c"));
  EXPECT_THAT(Select(html, "span"), ElementsAre("d"));
  EXPECT_THAT(Select(html, "table"), IsEmpty());
}

TEST(CssSelectorTest, UniversalSelectorMatchesEveryElementFromHtmlOn) {
  Html html("<!DOCTYPE html><p id=a></p><div id=b><p id=c></p></div>");
  EXPECT_THAT(Select(html, "*"), ElementsAre("<html>", "<head>", "<body>", "a", "b", "c"));
  EXPECT_THAT(Select(html, "div *"), ElementsAre("c"));
}

TEST(CssSelectorTest, IdSelectorIsCaseSensitiveInStandardsMode) {
  Html html("<!DOCTYPE html><p id=a class=x></p><p id=Big></p><p id=123></p><p id='a b'></p>");
  EXPECT_THAT(Select(html, "#a"), ElementsAre("a"));
  EXPECT_THAT(Select(html, "#Big"), ElementsAre("Big"));
  EXPECT_THAT(Select(html, "#big"), IsEmpty());
  EXPECT_THAT(Select(html, "p#a.x"), ElementsAre("a"));
  EXPECT_THAT(Select(html, "div#a"), IsEmpty());
  EXPECT_THAT(Select(html, "#a#Big"), IsEmpty());
}

TEST(CssSelectorTest, ClassSelectorSplitsTheAttributeOnAsciiWhitespace) {
  Html html(
      "<!DOCTYPE html><p id=p1 class='a  b\tc'></p><p id=p2 class='b\fd'></p><p id=p3 class='a:b'></p>"
      "<p id=p4 class='ab'></p><p id=p5 class='\xC2\xA0"
      "b'></p>");
  EXPECT_THAT(Select(html, ".b"), ElementsAre("p1", "p2"));  // not p5: U+00A0 is no ASCII whitespace
  EXPECT_THAT(Select(html, ".c"), ElementsAre("p1"));
  EXPECT_THAT(Select(html, ".d"), ElementsAre("p2"));
  EXPECT_THAT(Select(html, ".a.c"), ElementsAre("p1"));
  EXPECT_THAT(Select(html, ".a.d"), IsEmpty());
  EXPECT_THAT(Select(html, ".A"), IsEmpty());
  EXPECT_THAT(Select(html, ".a\\:b"), ElementsAre("p3"));
}

TEST(CssSelectorTest, AttributeSelectors) {
  Html html(
      "<!DOCTYPE html>"
      "<a id=e1 href='https://example.com/x.pdf' lang=en-US rel='nofollow noopener' title='Hello World'></a>"
      "<a id=e2 href='http://example.org/' lang=en title='a\"b' data-empty></a>"
      "<a id=e3 lang=english title=ABC data-x=ABC></a>");
  struct Case {
    std::string selector;
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases = {
      {"[title]", {"e1", "e2", "e3"}},
      {"[TITLE]", {"e1", "e2", "e3"}},
      {"[data-empty]", {"e2"}},
      {"[data-empty='']", {"e2"}},
      {"[data-empty^='']", {}},  // Selectors 4: an empty value represents nothing
      {"[title$='']", {}},
      {"[title*=\"\"]", {}},
      {"[title='Hello World']", {"e1"}},
      {"[title=\"Hello World\"]", {"e1"}},
      {"[title=Hello]", {}},
      {"[rel~=nofollow]", {"e1"}},
      {"[rel~=noopener]", {"e1"}},
      {"[rel~=no]", {}},
      {"[rel~='']", {}},
      {"[rel~='nofollow noopener']", {}},
      {"[lang|=en]", {"e1", "e2"}},
      {"[lang|=en-US]", {"e1"}},
      {"[href^='https://']", {"e1"}},
      {"[href$=\".pdf\"]", {"e1"}},
      {"[href*=example]", {"e1", "e2"}},
      {"[href*=EXAMPLE]", {}},
      {"[title='hello world']", {}},
      {"[title='hello world' i]", {"e1"}},
      {"[title='hello world' I]", {"e1"}},
      {"[title='hello world'i]", {"e1"}},
      {"[ title = 'hello world' i ]", {"e1"}},
      {"[href*=EXAMPLE i]", {"e1", "e2"}},
      {"[title=abc]", {}},
      {"[title=ABC s]", {"e3"}},
      {"[title=\"a\\\"b\"]", {"e2"}},
      {"[title='a\"b']", {"e2"}},
      {"[title=\"\\41 BC\"]", {"e3"}},
      {"[data-x=\\41 BC]", {"e3"}},
      {"a[lang][title=ABC]", {"e3"}},
  };
  for (const Case& c : cases) EXPECT_EQ(Select(html, c.selector), c.expected) << c.selector;
}

// HTML Standard, "Case-sensitivity of selectors": the values of type, rel, lang ... on HTML elements are
// ASCII case-insensitive unless `s` is given; so document.querySelectorAll("[type=TEXT]") finds
// <input type=text>, while other attributes' values stay case-sensitive.
TEST(CssSelectorTest, ListedAttributeValuesAreCaseInsensitiveOnHtmlElements) {
  Html html("<!DOCTYPE html><input id=i type=text><a id=a rel=NoFollow data-rel=NoFollow></a>");
  EXPECT_THAT(Select(html, "[type=TEXT]"), ElementsAre("i"));
  EXPECT_THAT(Select(html, "[type=TEXT s]"), IsEmpty());
  EXPECT_THAT(Select(html, "[rel~=nofollow]"), ElementsAre("a"));
  EXPECT_THAT(Select(html, "[data-rel=nofollow]"), IsEmpty());
  EXPECT_THAT(Select(html, "[data-rel=nofollow i]"), ElementsAre("a"));
}

TEST(CssSelectorTest, Combinators) {
  Html html(
      "<!DOCTYPE html><div id=outer><p id=p1></p><section id=s><p id=p2></p><span id=x></span><p id=p3></p>"
      "</section><p id=p4></p><!-- a comment --> some text <p id=p5></p></div>");
  EXPECT_THAT(Select(html, "div p"), ElementsAre("p1", "p2", "p3", "p4", "p5"));
  EXPECT_THAT(Select(html, "div > p"), ElementsAre("p1", "p4", "p5"));
  EXPECT_THAT(Select(html, "section > p"), ElementsAre("p2", "p3"));
  EXPECT_THAT(Select(html, "span + p"), ElementsAre("p3"));
  // The comment and the text between p4 and p5 are not siblings that count.
  EXPECT_THAT(Select(html, "p + p"), ElementsAre("p5"));
  EXPECT_THAT(Select(html, "p ~ p"), ElementsAre("p3", "p4", "p5"));
  EXPECT_THAT(Select(html, "section ~ p"), ElementsAre("p4", "p5"));
  EXPECT_THAT(Select(html, "section + p"), ElementsAre("p4"));
  EXPECT_THAT(Select(html, "div section > p + span"), ElementsAre("x"));
  EXPECT_THAT(Select(html, "body > div > section p"), ElementsAre("p2", "p3"));
  EXPECT_THAT(Select(html, "body > section"), IsEmpty());
  EXPECT_THAT(Select(html, "span ~ span"), IsEmpty());
}

TEST(CssSelectorTest, CombinatorsTakeAnyWhitespaceAroundThem) {
  Html html("<!DOCTYPE html><div><p id=p1></p><span id=x></span><p id=p2></p></div>");
  EXPECT_THAT(Select(html, "div>p"), ElementsAre("p1", "p2"));
  EXPECT_THAT(Select(html, "div \t\n\r\f> \n p"), ElementsAre("p1", "p2"));
  EXPECT_THAT(Select(html, "span+p"), ElementsAre("p2"));
  EXPECT_THAT(Select(html, "p~p"), ElementsAre("p2"));
  EXPECT_THAT(Select(html, "  div\n\np  "), ElementsAre("p1", "p2"));
}

// The subject must match and every earlier compound must too: a descendant chain backtracks over the
// ancestors (the inner <div> fails "div.a > .b" as the outer one's child, and the outer one passes).
TEST(CssSelectorTest, DescendantCombinatorBacktracks) {
  Html html(
      "<!DOCTYPE html><div class=a><div class=b><div class=c><p id=t></p></div></div></div>"
      "<div class=b><div class=a><p id=u></p></div></div>");
  EXPECT_THAT(Select(html, ".a > .b p"), ElementsAre("t"));
  EXPECT_THAT(Select(html, ".a > .b > .c > p"), ElementsAre("t"));
  EXPECT_THAT(Select(html, ".b .a p"), ElementsAre("u"));
  EXPECT_THAT(Select(html, ".c .a p"), IsEmpty());
}

TEST(CssSelectorTest, SubsequentSiblingCombinatorBacktracks) {
  Html html(
      "<!DOCTYPE html><ul><li id=l1 class=b><li id=l2 class=a><li id=l3 class=x><li id=l4 class=a><li id=l5>"
      "<li id=l6></ul>");
  // For l5 and l6 the nearest .a (l4) follows an .x: the search goes on to l2, which follows the .b.
  EXPECT_THAT(Select(html, ".b + .a ~ li"), ElementsAre("l3", "l4", "l5", "l6"));
  EXPECT_THAT(Select(html, ".x + .a ~ li"), ElementsAre("l5", "l6"));
  EXPECT_THAT(Select(html, ".b + .a + li"), ElementsAre("l3"));
  EXPECT_THAT(Select(html, ".b ~ .a ~ li"), ElementsAre("l3", "l4", "l5", "l6"));
  EXPECT_THAT(Select(html, ".x ~ .b ~ li"), IsEmpty());
}

TEST(CssSelectorTest, FirstAndLastChildCountElementsOnly) {
  Html html(
      "<!DOCTYPE html><ul id=list><!-- c --> text <li id=l1></li> <li id=l2></li><li id=l3></li> more "
      "<!-- c --></ul><p id=only></p>");
  const GumboNode& list = html.ById("list");
  EXPECT_THAT(SelectIn(list, ":first-child"), ElementsAre("l1"));
  EXPECT_THAT(SelectIn(list, ":last-child"), ElementsAre("l3"));
  EXPECT_THAT(SelectIn(list, "li:first-child:last-child"), IsEmpty());
  EXPECT_THAT(Select(html, "p:first-child:last-child"), IsEmpty());
  EXPECT_THAT(Select(html, "body > :last-child"), ElementsAre("only"));
}

// document.querySelectorAll(":first-child") includes <html>: Selectors 4 (child-indexed pseudo-classes)
// counts it among its siblings, the document's element children, without asking for a parent element.
TEST(CssSelectorTest, RootIsFirstChildOfTheDocument) {
  Html html("<!DOCTYPE html><!-- before --><p id=p></p>");
  EXPECT_THAT(Select(html, ":first-child"), ElementsAre("<html>", "<head>", "p"));
  EXPECT_THAT(Select(html, "html:last-child"), ElementsAre("<html>"));
}

TEST(CssSelectorTest, NthChildTakesTheWholeAnPlusBSyntax) {
  Html html(
      "<!DOCTYPE html><ol id=list><li id=l1><!-- c --><li id=l2>text<li id=l3><li id=l4><li id=l5><li "
      "id=l6></ol>");
  struct Case {
    std::string argument;
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases = {
      {"odd", {"l1", "l3", "l5"}},
      {"ODD", {"l1", "l3", "l5"}},
      {"even", {"l2", "l4", "l6"}},
      {"2n+1", {"l1", "l3", "l5"}},
      {"2n", {"l2", "l4", "l6"}},
      {"2N", {"l2", "l4", "l6"}},
      {"n", {"l1", "l2", "l3", "l4", "l5", "l6"}},
      {"+n", {"l1", "l2", "l3", "l4", "l5", "l6"}},
      {"-n+3", {"l1", "l2", "l3"}},
      {"-n+ 3", {"l1", "l2", "l3"}},
      {"-n + 3", {"l1", "l2", "l3"}},
      {"-2n+5", {"l1", "l3", "l5"}},
      {"+5", {"l5"}},
      {"5", {"l5"}},
      {"0", {}},
      {"-1", {}},
      {"3n-1", {"l2", "l5"}},
      {"3n- 1", {"l2", "l5"}},
      {"3n -1", {"l2", "l5"}},
      {"3n - 1", {"l2", "l5"}},
      {"3n+0", {"l3", "l6"}},
      {"n-2", {"l1", "l2", "l3", "l4", "l5", "l6"}},
      {"n+4", {"l4", "l5", "l6"}},
      {"-n-1", {}},
      {"+n+5", {"l5", "l6"}},
      {"+n-5", {"l1", "l2", "l3", "l4", "l5", "l6"}},
      {"-n- 1", {}},
      {"0n+2", {"l2"}},
      {"+0n+2", {"l2"}},
      {"-0n+2", {"l2"}},
      {" 2n + 1 ", {"l1", "l3", "l5"}},
      {"\n2n\t+\f1\r", {"l1", "l3", "l5"}},
      {"99999999999999999999n+1", {"l1"}},
      {"\\6e+1", {"l1", "l2", "l3", "l4", "l5", "l6"}},  // an escaped "n" is still an n
  };
  const GumboNode& list = html.ById("list");
  for (const Case& c : cases) {
    EXPECT_EQ(SelectIn(list, "li:nth-child(" + c.argument + ")"), c.expected) << c.argument;
  }
}

TEST(CssSelectorTest, NotTakesASelectorList) {
  Html html(
      "<!DOCTYPE html><ul id=list><li id=l1 class=a><li id=l2><li id=l3 class=a><li id=l4></ul><p id=p "
      "class=a></p>");
  EXPECT_THAT(Select(html, "li:not(.a)"), ElementsAre("l2", "l4"));
  EXPECT_THAT(Select(html, "li:not(:first-child):not(:last-child)"), ElementsAre("l2", "l3"));
  EXPECT_THAT(Select(html, ".a:not(li)"), ElementsAre("p"));
  EXPECT_THAT(Select(html, "body :not(li, ul)"), ElementsAre("p"));
  EXPECT_THAT(Select(html, ".a:not(ul > li)"), ElementsAre("p"));
  EXPECT_THAT(Select(html, "li:not(.a + li)"), ElementsAre("l1", "l3"));
  EXPECT_THAT(Select(html, "li:not(:not(.a))"), ElementsAre("l1", "l3"));
  EXPECT_THAT(Select(html, "li:NOT( .a )"), ElementsAre("l2", "l4"));
  EXPECT_THAT(Select(html, "body > :not(ul)"), ElementsAre("p"));
}

TEST(CssSelectorTest, ListsMatchInDocumentOrderEachElementOnce) {
  Html html("<!DOCTYPE html><p id=p1 class=a></p><p id=p2></p><p id=p3 class=a></p>");
  EXPECT_THAT(Select(html, "#p3, #p1"), ElementsAre("p1", "p3"));
  EXPECT_THAT(Select(html, "p, .a, #p1"), ElementsAre("p1", "p2", "p3"));
  EXPECT_THAT(Select(html, "table,#p2"), ElementsAre("p2"));
}

TEST(CssSelectorTest, EscapesInIdentifiersAndStrings) {
  Html html(
      "<!DOCTYPE html><p id=123></p><p id='a b' class='a:b 1x'></p><div id=d title='say \"hi\"'></div>"
      "<p id=\xC3\xA9t\xC3\xA9></p>");
  EXPECT_THAT(Select(html, "#\\31 23"), ElementsAre("123"));
  EXPECT_THAT(Select(html, "#\\31\n23"), ElementsAre("123"));
  EXPECT_THAT(Select(html, "#\\00003123"), ElementsAre("123"));  // six hex digits end the escape
  EXPECT_THAT(Select(html, "#a\\ b"), ElementsAre("a b"));
  EXPECT_THAT(Select(html, ".a\\:b"), ElementsAre("a b"));
  EXPECT_THAT(Select(html, ".\\31 x"), ElementsAre("a b"));
  EXPECT_THAT(Select(html, "\\64 iv"), ElementsAre("d"));
  EXPECT_THAT(Select(html, "[title=\"say \\\"hi\\\"\"]"), ElementsAre("d"));
  EXPECT_THAT(Select(html, "[title='say \"hi\"']"), ElementsAre("d"));
  EXPECT_THAT(Select(html, "#\xC3\xA9t\xC3\xA9"), ElementsAre("\xC3\xA9t\xC3\xA9"));
  EXPECT_THAT(Select(html, "#\\E9 t\\E9"), ElementsAre("\xC3\xA9t\xC3\xA9"));
}

TEST(CssSelectorTest, UnknownElementsMatchByTheirRealName) {
  Html html("<!DOCTYPE html><My-Widget id=w><x-y id=x></x-y></My-Widget><FOO/bar id=f></FOO>");
  EXPECT_THAT(Select(html, "my-widget"), ElementsAre("w"));
  EXPECT_THAT(Select(html, "MY-WIDGET > x-y"), ElementsAre("x"));
  EXPECT_THAT(Select(html, "foo"), ElementsAre("f"));
  EXPECT_THAT(Select(html, "my"), IsEmpty());
}

// SVG and MathML elements match by their local name, exactly: the parser restores the case of SVG names
// ("linearGradient"), and so querySelectorAll("lineargradient") finds nothing in a browser.
TEST(CssSelectorTest, ForeignElementsMatchByExactLocalName) {
  Html html(
      "<!DOCTYPE html><svg id=s viewBox='0 0 1 1' xlink:href=x><linearGradient id=g /><foreignObject id=f>"
      "<p id=p></p></foreignObject><a id=svga href=y></a></svg><math><mi id=mi></mi></math>");
  EXPECT_THAT(Select(html, "linearGradient"), ElementsAre("g"));
  EXPECT_THAT(Select(html, "lineargradient"), IsEmpty());
  EXPECT_THAT(Select(html, "foreignObject > p"), ElementsAre("p"));
  EXPECT_THAT(Select(html, "svg > a"), ElementsAre("svga"));
  EXPECT_THAT(Select(html, "svg a, svg p"), ElementsAre("p", "svga"));
  EXPECT_THAT(Select(html, "math mi"), ElementsAre("mi"));
  EXPECT_THAT(Select(html, "[viewBox]"), ElementsAre("s"));
  EXPECT_THAT(Select(html, "[viewbox]"), IsEmpty());  // a foreign element's attribute names keep their case
  EXPECT_THAT(Select(html, "svg[href]"), IsEmpty());  // xlink:href is in the XLink namespace
  EXPECT_THAT(Select(html, "[href]"), ElementsAre("svga"));
}

// Selectors 4 (class and ID selectors): in a quirks-mode document ids and classes match ASCII
// case-insensitively; a page without a doctype is in quirks mode (HTML Standard 13.2.6.4.1).
TEST(CssSelectorTest, IdsAndClassesIgnoreCaseInQuirksMode) {
  Html quirks("<div id=Main class='Foo Bar'><p id=p title=X></p></div>");
  EXPECT_THAT(Select(quirks, "#main"), ElementsAre("Main"));
  EXPECT_THAT(Select(quirks, ".foo.BAR"), ElementsAre("Main"));
  EXPECT_THAT(Select(quirks, "[title=x]"), IsEmpty());  // attribute values are not concerned
  EXPECT_TRUE(ParseOrFail(".foo p").Matches(quirks.ById("p")));
  Html standards("<!DOCTYPE html><div id=Main class='Foo Bar'></div>");
  EXPECT_THAT(Select(standards, "#main"), IsEmpty());
  EXPECT_THAT(Select(standards, ".foo"), IsEmpty());
  EXPECT_THAT(Select(standards, ".Foo"), ElementsAre("Main"));
}

// querySelectorAll does not look into template contents, which the DOM keeps in a separate fragment; there,
// the template is no parent.
TEST(CssSelectorTest, TemplateContentsAreNotSearched) {
  Html html("<!DOCTYPE html><template id=t><p id=inside><b id=b></b></p></template><p id=outside></p>");
  EXPECT_THAT(Select(html, "p"), ElementsAre("outside"));
  EXPECT_THAT(Select(html, "template"), ElementsAre("t"));
  EXPECT_THAT(Select(html, "b"), IsEmpty());
  EXPECT_THAT(SelectIn(html.ById("t"), "*"), IsEmpty());
  EXPECT_THAT(SelectIn(html.ById("inside"), "b"), ElementsAre("b"));
  const GumboNode& inside = html.ById("inside");
  EXPECT_TRUE(ParseOrFail("p:first-child:last-child").Matches(inside));
  EXPECT_FALSE(ParseOrFail("template p").Matches(inside));
  EXPECT_FALSE(ParseOrFail("template > p").Matches(inside));
  EXPECT_FALSE(ParseOrFail("body p").Matches(inside));
  EXPECT_TRUE(ParseOrFail("p > b").Matches(html.ById("b")));
}

TEST(CssSelectorTest, MatchesAgreesWithSelect) {
  Html html(
      "<!DOCTYPE html><div id=d class=a><p id=p1></p><p id=p2 class=a></p><ul><li id=l1><li id=l2 "
      "class=a><li id=l3></ul></div><p id=p3></p><svg><g id=g class=a></g></svg>");
  const std::vector<const GumboNode*> elements = AllElements(html);
  for (std::string_view text : {"p", ".a", "div p", "div > p", "p + p", "li ~ li", "li:nth-child(odd)",
                                ":not(.a)", "body :last-child", "ul li:not(:first-child), #p3", "*"}) {
    const CssSelector selector = ParseOrFail(text);
    const std::vector<const GumboNode*> selected = selector.Select(html.document());
    const std::set<const GumboNode*> selected_set(selected.begin(), selected.end());
    EXPECT_FALSE(selected.empty()) << text;
    for (const GumboNode* element : elements) {
      EXPECT_EQ(selector.Matches(*element), selected_set.count(element) == 1)
          << text << " on " << Label(element);
    }
  }
  EXPECT_FALSE(ParseOrFail("*").Matches(html.document()));
  GumboNode text{};
  text.type = GUMBO_NODE_TEXT;
  EXPECT_FALSE(ParseOrFail("*").Matches(text));
}

TEST(CssSelectorTest, ElementScopeExcludesItselfButCombinatorsLookAboveIt) {
  Html html(
      "<!DOCTYPE html><div id=outer><div id=inner><section id=s><p id=p1></p><div id=deep><p "
      "id=p2></p></div></section></div></div>");
  const GumboNode& inner = html.ById("inner");
  EXPECT_THAT(SelectIn(inner, "div"), ElementsAre("deep"));
  // element.querySelectorAll("div p") matches the whole selector in the document: the <div>s may lie
  // outside the element.
  EXPECT_THAT(SelectIn(html.ById("s"), "div p"), ElementsAre("p1", "p2"));
  EXPECT_THAT(SelectIn(html.ById("s"), "#outer > #inner p"), ElementsAre("p1", "p2"));
  EXPECT_THAT(SelectIn(html.document(), "html"), ElementsAre("<html>"));
  EXPECT_THAT(SelectIn(html.root(), "html"), IsEmpty());
  EXPECT_THAT(SelectIn(html.root(), "body"), ElementsAre("<body>"));
}

TEST(CssSelectorTest, LimitKeepsTheFirstMatchesInDocumentOrder) {
  Html html("<!DOCTYPE html><p id=p1><b id=b1></b></p><p id=p2></p><b id=b2></b>");
  const CssSelector selector = ParseOrFail("p, b");
  EXPECT_THAT(Labels(selector.Select(html.document(), 2)), ElementsAre("p1", "b1"));
  EXPECT_THAT(Labels(selector.Select(html.document(), 1)), ElementsAre("p1"));
  EXPECT_THAT(Labels(selector.Select(html.document(), 0)), IsEmpty());
  EXPECT_THAT(Labels(selector.Select(html.document(), 10)), ElementsAre("p1", "b1", "p2", "b2"));
  EXPECT_THAT(Labels(selector.Select(html.document())), ElementsAre("p1", "b1", "p2", "b2"));
}

TEST(CssSelectorTest, CopiesMatchTheSame) {
  Html html("<!DOCTYPE html><p id=p class=a></p>");
  CssSelector copy = ParseOrFail("b");
  copy = ParseOrFail(".a");
  const CssSelector another = copy;
  EXPECT_THAT(Labels(another.Select(html.document())), ElementsAre("p"));
  EXPECT_EQ(another.text(), ".a");
}

TEST(CssSelectorTest, RefusesWhatItCannotMatchWithThePosition) {
  struct Case {
    std::string selector;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"", "at character 1: the selector is empty"},
      {"  \n", "at character 1: the selector is empty"},
      {"div >", "at character 5: expected a selector after '>'"},
      {"div > ", "at character 5: expected a selector after '>'"},
      {"a +", "at character 3: expected a selector after '+'"},
      {"a ~ , b", "at character 3: expected a selector after '~'"},
      {"a > > b", "at character 5: expected a selector after '>', found '>'"},
      {"> a", "at character 1: expected a selector before '>' (a selector cannot start with a combinator)"},
      {"a,", "at character 2: expected a selector after ','"},
      {"a, ,b", "at character 4: expected a selector before ','"},
      {", a", "at character 1: expected a selector before ','"},
      {"a:hover",
       "at character 2: unsupported pseudo-class ':hover' (supported: :first-child, :last-child, "
       ":nth-child(), :not())"},
      {"li:has(a)",
       "at character 3: unsupported pseudo-class ':has()' (supported: :first-child, :last-child, "
       ":nth-child(), :not())"},
      {"div::text", "at character 4: pseudo-elements (::text) are not supported; use take = \"text\""},
      {"a::attr(href)",
       "at character 2: pseudo-elements (::attr) are not supported; use take = \"attr:href\""},
      {"p::before",
       "at character 2: pseudo-elements (::before) are not supported; select the element itself"},
      {"p:first-line",
       "at character 2: pseudo-elements (:first-line) are not supported; select the element "
       "itself"},
      {"a:", "at character 2: expected a pseudo-class name after ':'"},
      {"li:first-child()", "at character 3: ':first-child' takes no argument"},
      {"li:nth-child", "at character 3: ':nth-child' needs an argument, e.g. :nth-child(2n+1)"},
      {"p:not", "at character 2: ':not' needs an argument, e.g. :not(.ad)"},
      {"[a", "at character 1: '[' is never closed (expected ']')"},
      {"p[a=b", "at character 2: '[' is never closed (expected ']')"},
      {"p[a='b' i", "at character 2: '[' is never closed (expected ']')"},
      {"a]", "at character 2: unexpected ']' (no '[' to close)"},
      {"a)", "at character 2: unexpected ')' (no '(' to close)"},
      {"p:not(a", "at character 2: ':not(' is never closed (expected ')')"},
      {"p:not(a, ", "at character 2: ':not(' is never closed (expected ')')"},
      {"p:not()", "at character 7: expected a selector inside ':not()'"},
      {"p:not(a,)", "at character 8: expected a selector after ','"},
      {"p:not(a >)", "at character 9: expected a selector after '>'"},
      {"p:not(a))", "at character 9: unexpected ')' (no '(' to close)"},
      {"li:nth-child(2n+1", "at character 3: ':nth-child(' is never closed (expected ')')"},
      {"[a=\"b]", "at character 4: unterminated string: the quote is never closed"},
      {"[a='b]", "at character 4: unterminated string: the quote is never closed"},
      {"[a='b\nc']",
       "at character 4: unterminated string: a string cannot go on past a line break (write \\A "
       "for one)"},
      {"li:nth-child(2n+)",
       "at character 14: bad :nth-child() argument '2n+': expected An+B, e.g. 2n+1, -n+3, "
       "5, odd or even"},
      {"li:nth-child( 2.5 )",
       "at character 15: bad :nth-child() argument '2.5': expected An+B, e.g. 2n+1, "
       "-n+3, 5, odd or even"},
      {"li:nth-child(+ n)",
       "at character 14: bad :nth-child() argument '+ n': expected An+B, e.g. 2n+1, -n+3, "
       "5, odd or even"},
      {"li:nth-child(n + -1)",
       "at character 14: bad :nth-child() argument 'n + -1': expected An+B, e.g. 2n+1, "
       "-n+3, 5, odd or even"},
      {"li:nth-child(2n 1)",
       "at character 14: bad :nth-child() argument '2n 1': expected An+B, e.g. 2n+1, -n+3, "
       "5, odd or even"},
      {"li:nth-child(oddd)",
       "at character 14: bad :nth-child() argument 'oddd': expected An+B, e.g. 2n+1, "
       "-n+3, 5, odd or even"},
      {"li:nth-child(--n)",
       "at character 14: bad :nth-child() argument '--n': expected An+B, e.g. 2n+1, -n+3, "
       "5, odd or even"},
      {"li:nth-child()", "at character 14: expected An+B inside ':nth-child()', e.g. 2n+1, odd or even"},
      {"li:nth-child(2n+1 of .a)", "at character 19: ':nth-child(An+B of S)' is not supported"},
      {"ns|a",
       "at character 1: namespace prefixes (ns|a) are not supported; write the name without a prefix"},
      {"*|a", "at character 1: namespace prefixes (ns|a) are not supported; write the name without a prefix"},
      {"|a", "at character 1: namespace prefixes (ns|a) are not supported; write the name without a prefix"},
      {"p [ns|a]",
       "at character 4: namespace prefixes (ns|a) are not supported; write the name without a "
       "prefix"},
      {"[*|a]",
       "at character 2: namespace prefixes (ns|a) are not supported; write the name without a prefix"},
      {"a || b", "at character 3: the column combinator '||' is not supported"},
      {"#", "at character 1: expected an id after '#'"},
      {"#123",
       "at character 1: expected an id after '#' (an id cannot start with a digit: escape it, e.g. "
       "#\\31 23 for \"123\")"},
      {"p.", "at character 2: expected a class name after '.'"},
      {"p .5a",
       "at character 3: expected a class name after '.' (a class name cannot start with a digit: "
       "escape it, e.g. .\\35 a for \"5a\")"},
      {".a*",
       "at character 3: a type selector or '*' must come first in a compound selector (write it before "
       "#id, .class, [attr] and :pseudo-classes)"},
      {"[a]p",
       "at character 4: a type selector or '*' must come first in a compound selector (write it before "
       "#id, .class, [attr] and :pseudo-classes)"},
      {"[]", "at character 2: expected an attribute name after '['"},
      {"[a=]", "at character 4: expected a value after the operator (write \"\" for an empty one)"},
      {"[a=1]",
       "at character 4: an attribute value must be an identifier or a quoted string: quote it, e.g. "
       "[a=\"...\"]"},
      {"[a~b]", "at character 4: expected '=' right after '~'"},
      {"[a ~ = b]", "at character 5: expected '=' right after '~'"},
      {"[a!=b]",
       "at character 3: expected ']' or an operator (=, ~=, |=, ^=, $=, *=) after the attribute name, "
       "found '!'"},
      {"[a=b c]", "at character 6: unknown attribute selector flag 'c' (expected i or s)"},
      {"[a=b i s]", "at character 8: expected ']' to close the attribute selector, found 's'"},
      {"[a='b' 'c']", "at character 8: expected ']' to close the attribute selector, found \"'\""},
      {"a !b", "at character 3: unexpected '!'"},
      {"a{}", "at character 2: unexpected '{'"},
      {"a /* x */ b", "at character 3: comments (/* */) are not supported in selectors"},
      {"\xC3\xA9\xC3\xA9 !", "at character 4: unexpected '!'"},  // counted in characters, not bytes
      {"a\x01", "at character 2: unexpected U+0001"},
  };
  for (const Case& c : cases) EXPECT_EQ(ErrorOf(c.selector), c.message) << c.selector;
}

TEST(CssSelectorTest, RefusesTooLongSelectors) {
  const std::string longest = "p" + std::string(CssSelector::kMaxBytes - 1, ' ');
  EXPECT_TRUE(CssSelector::Parse(longest).ok());
  EXPECT_EQ(ErrorOf(longest + " "), "at character 4097: the selector is longer than 4096 bytes");
  // Counted in characters: 2,049 two-byte characters are 4,098 bytes, and byte 4,097 starts character 2,049.
  std::string wide;
  for (int i = 0; i < 2049; ++i) wide += "\xC3\xA9";
  EXPECT_EQ(ErrorOf(wide), "at character 2049: the selector is longer than 4096 bytes");
}

TEST(CssSelectorTest, RefusesNotNestedTooDeeply) {
  std::string deepest;
  for (int i = 0; i < CssSelector::kMaxNotNesting; ++i) deepest += ":not(";
  deepest += "a" + std::string(CssSelector::kMaxNotNesting, ')');
  EXPECT_TRUE(CssSelector::Parse(deepest).ok());
  // The 17th ":not(" starts at character 5 * 16 + 1.
  EXPECT_EQ(ErrorOf(":not(" + deepest + ")"), "at character 81: :not() is nested more than 16 deep");
  Html html("<!DOCTYPE html><a id=a></a><b id=b></b>");
  // 16 negations of "a" are "a" again.
  EXPECT_THAT(Select(html, "body > " + deepest), ElementsAre("a"));
}

// Pages nest 100,000 elements deep: neither matching nor selecting recurses over the tree, on a 512 KiB
// stack. <span>, not <div>: Gumbo looks for an open <p> below each <div> start tag (HTML Standard
// 13.2.6.4.7), which makes parsing 100,000 nested <div>s quadratic (about 20 s).
TEST(CssSelectorTest, DeepTreesNeedNoStack) {
  std::string text = "<!DOCTYPE html>";
  for (int i = 1; i <= 100'000; ++i) text += "<span id=s" + std::to_string(i) + ">";
  Html html(text);
  std::vector<std::string> found;
  std::size_t none = 1;
  std::size_t subsequent = 1;
  bool deepest_matches = false;
  ASSERT_TRUE(RunOnSmallStack([&] {
    found = Labels(ParseOrFail("span span > span:first-child").Select(html.document()));
    // Without the memo each <span> would walk all its ancestors looking for an <em>: 5e9 steps.
    none = ParseOrFail("em span").Select(html.document()).size();
    subsequent = ParseOrFail("body span ~ span, em > span").Select(html.document()).size();
    deepest_matches = ParseOrFail("body > span span:not(:nth-child(2))").Matches(html.ById("s100000"));
  }));
  ASSERT_EQ(found.size(), 99'998u);  // every <span> but the two outermost
  EXPECT_EQ(found.front(), "s3");
  EXPECT_EQ(found.back(), "s100000");
  EXPECT_EQ(none, 0u);
  EXPECT_EQ(subsequent, 0u);
  EXPECT_TRUE(deepest_matches);
}

// A parent with 100,000 children: :nth-child counts on from the previous sibling and "~" stops where the
// memo knows the answer, instead of rescanning the siblings for each child (5e9 steps).
TEST(CssSelectorTest, WideTreesStayLinear) {
  std::string text = "<!DOCTYPE html><ul>";
  for (int i = 1; i <= 100'000; ++i) text += "<li id=l" + std::to_string(i) + "></li> ";
  Html html(text);
  EXPECT_THAT(Select(html, "li:nth-child(n+99999)"), ElementsAre("l99999", "l100000"));
  EXPECT_THAT(Select(html, "b ~ li:nth-child(even)"), IsEmpty());
  EXPECT_THAT(Select(html, "li:nth-child(50000) ~ li:nth-child(49999n)"), ElementsAre("l99998"));
  EXPECT_THAT(Select(html, "li:last-child"), ElementsAre("l100000"));
}

}  // namespace
}  // namespace arachne
