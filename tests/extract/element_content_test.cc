#include "extract/element_content.h"

#include <gtest/gtest.h>
#include <gumbo.h>

#include <cstddef>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/utf8.h"

// The expected inner HTML strings are what the HTML Standard's "serializing HTML fragments" (section 13.3,
// https://html.spec.whatwg.org/multipage/parsing.html#serialising-html-fragments, as of 2025) yields for
// the tree the parsing algorithm builds, that is what element.innerHTML returns in current browsers;
// several mirror the web-platform-tests in html/syntax/serializing-html-fragments/ (serializing.html,
// serializing-lt-gt.html, initial-linefeed-pre.html, template.html).

namespace arachne {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";

// A page parsed by Gumbo. Its memory is freed all at once instead of by gumbo_destroy_output, which
// recurses once per level of the tree and would overflow the stack on the 100,000-deep pages below.
class ParsedHtml {
 public:
  explicit ParsedHtml(std::string_view html) {
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;  // the parse errors are never read, and each costs memory here
    options.allocator = &Allocate;
    options.deallocator = &Deallocate;
    options.userdata = &blocks_;
    output_ = gumbo_parse_with_options(&options, html.data(), html.size());
  }
  ~ParsedHtml() {
    for (void* block : blocks_) std::free(block);
  }
  ParsedHtml(const ParsedHtml&) = delete;
  ParsedHtml& operator=(const ParsedHtml&) = delete;

  // The first element, in tree order, with the attribute id="`id`" (the test fails without one).
  const GumboNode& ById(std::string_view id) const {
    std::vector<const GumboNode*> stack{output_->root};
    while (!stack.empty()) {
      const GumboNode* node = stack.back();
      stack.pop_back();
      if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) continue;
      const GumboAttribute* attribute = gumbo_get_attribute(&node->v.element.attributes, "id");
      if (attribute != nullptr && attribute->value == id) return *node;
      const GumboVector& children = node->v.element.children;
      for (unsigned i = children.length; i > 0; --i)
        stack.push_back(static_cast<GumboNode*>(children.data[i - 1]));
    }
    ADD_FAILURE() << "no element with id " << id;
    return *output_->root;
  }
  const GumboNode& Child(const GumboNode& element, unsigned index) const {
    return *static_cast<const GumboNode*>(element.v.element.children.data[index]);
  }
  const GumboNode& Body() const { return Child(*output_->root, 1); }

 private:
  static void* Allocate(void* userdata, size_t size) {
    void* block = std::malloc(size);
    static_cast<std::vector<void*>*>(userdata)->push_back(block);
    return block;
  }
  static void Deallocate(void*, void*) {}

  std::vector<void*> blocks_;
  GumboOutput* output_ = nullptr;
};

std::string Repeat(std::string_view piece, std::size_t count) {
  std::string out;
  out.reserve(piece.size() * count);
  for (std::size_t i = 0; i < count; ++i) out += piece;
  return out;
}

constexpr std::size_t kUnlimited = static_cast<std::size_t>(-1);

std::string TextOf(std::string_view html) {
  ParsedHtml page(html);
  return ElementText(page.ById("t"), kUnlimited);
}

std::string InnerOf(std::string_view html) {
  ParsedHtml page(html);
  return InnerHtml(page.ById("t"), kUnlimited);
}

// A tree made by hand, for strings Gumbo itself never leaves ill-formed: an element holding one text node
// and one comment, with one attribute.
struct HandMadeElement {
  HandMadeElement(const char* tag_text, const char* attribute_name, const char* attribute_value,
                  const char* text, const char* comment) {
    attribute.attr_namespace = GUMBO_ATTR_NAMESPACE_NONE;
    attribute.name = attribute_name;
    attribute.value = attribute_value;
    attributes_data[0] = &attribute;
    text_node.type = GUMBO_NODE_TEXT;
    text_node.v.text.text = text;
    comment_node.type = GUMBO_NODE_COMMENT;
    comment_node.v.text.text = comment;
    child_data[0] = &text_node;
    child_data[1] = &comment_node;
    element.type = GUMBO_NODE_ELEMENT;
    element.v.element.tag = GUMBO_TAG_UNKNOWN;
    element.v.element.tag_namespace = GUMBO_NAMESPACE_HTML;
    element.v.element.original_tag = GumboStringPiece{tag_text, std::string_view(tag_text).size()};
    element.v.element.attributes = GumboVector{attributes_data, 1, 1};
    element.v.element.children = GumboVector{child_data, 2, 2};
  }
  GumboAttribute attribute{};
  void* attributes_data[1];
  GumboNode text_node{};
  GumboNode comment_node{};
  void* child_data[2];
  GumboNode element{};
};

// ---- ElementText ----

TEST(ElementText, CollapsesWhitespaceAcrossNestedInlineElements) {
  EXPECT_EQ(TextOf("<p id=t> a <b>b</b>\n\t c </p>"), "a b c");
  EXPECT_EQ(TextOf("<div id=t>\n  <p>one</p>\n  <p>two<i>three</i></p>\r\n</div>"), "one twothree");
}

TEST(ElementText, ExcludesComments) {
  EXPECT_EQ(TextOf("<p id=t>a<!-- hidden -->b</p>"), "ab");
}

TEST(ElementText, BrContributesNothing) {
  EXPECT_EQ(TextOf("<p id=t>line<br>break</p>"), "linebreak");
}

TEST(ElementText, IncludesScriptAndStyleTextAsTextContentDoes) {
  EXPECT_EQ(TextOf("<div id=t>x<script>var a = 1 < 2;</script><style>p{}</style>y</div>"),
            "xvar a = 1 < 2;p{}y");
}

TEST(ElementText, DecodesCharacterReferences) {
  // U+00A0 is not ASCII whitespace: it stays, uncollapsed.
  EXPECT_EQ(TextOf("<p id=t>&amp; &lt;tag&gt; &eacute;&#x41;&#66;&nbsp;z</p>"),
            "& <tag> \xC3\xA9"
            "AB\xC2\xA0z");
}

TEST(ElementText, ExcludesTemplateContents) {
  EXPECT_EQ(TextOf("<div id=t>a<template>hidden</template>b</div>"), "ab");
  EXPECT_EQ(TextOf("<template id=t>hidden</template>"), "");
}

TEST(ElementText, IncludesCdataInForeignContent) {
  EXPECT_EQ(TextOf("<div id=t><svg><![CDATA[x<y]]></svg></div>"), "x<y");
}

TEST(ElementText, RepairsGumboNumericReferenceBug) {
  // Gumbo 0.10.1 writes the byte 0xEE for this reference, then a NUL that ends the string.
  const std::string text = TextOf("<p id=t>a&#xEEEEEEEE;b&#x80000000;c</p>");
  EXPECT_EQ(text, "a" + kFffd + "b");
}

TEST(ElementText, RepairsIllFormedBytes) {
  HandMadeElement made("<x>", "a", "", "a\xFF\xC3 b\xE2\x82", "");
  EXPECT_EQ(ElementText(made.element, kUnlimited), "a" + kFffd + kFffd + " b" + kFffd);
}

TEST(ElementText, CutsBetweenCharacters) {
  const char* html = "<p id=t>\xC3\xA9\xC3\xA9\xC3\xA9</p>";  // three 2-byte characters
  ParsedHtml page(html);
  const GumboNode& p = page.ById("t");
  EXPECT_EQ(ElementText(p, 0), "");
  EXPECT_EQ(ElementText(p, 3), "\xC3\xA9");
  EXPECT_EQ(ElementText(p, 4), "\xC3\xA9\xC3\xA9");
  EXPECT_EQ(ElementText(p, 6), "\xC3\xA9\xC3\xA9\xC3\xA9");
  ParsedHtml spaced("<p id=t>ab   cd</p>");
  EXPECT_EQ(ElementText(spaced.ById("t"), 3), "ab");  // no space left dangling at the cut
  EXPECT_EQ(ElementText(spaced.ById("t"), 4), "ab c");
}

TEST(ElementText, CompletesOnDeepNesting) {
  ParsedHtml page("<div id=t>" + Repeat("<span>", 100000) + " deep  text ");
  EXPECT_EQ(ElementText(page.ById("t"), kUnlimited), "deep text");
}

// ---- ElementAttribute ----

TEST(ElementAttribute, MatchesNamesAsciiCaseInsensitively) {
  ParsedHtml page("<a id=t HREF=/x data-Foo=1>x</a>");
  const GumboNode& a = page.ById("t");
  EXPECT_EQ(ElementAttribute(a, "href"), "/x");
  EXPECT_EQ(ElementAttribute(a, "HREF"), "/x");
  EXPECT_EQ(ElementAttribute(a, "hReF"), "/x");
  EXPECT_EQ(ElementAttribute(a, "DATA-FOO"), "1");
}

TEST(ElementAttribute, AbsentIsNulloptAndEmptyIsEmpty) {
  ParsedHtml page("<input id=t disabled>");
  const GumboNode& input = page.ById("t");
  EXPECT_EQ(ElementAttribute(input, "value"), std::nullopt);
  EXPECT_EQ(ElementAttribute(input, "disable"), std::nullopt);
  EXPECT_EQ(ElementAttribute(input, "disabled"), "");
}

TEST(ElementAttribute, ValueHasCharacterReferencesDecoded) {
  ParsedHtml page("<a id=t href='?a=1&amp;b=&lt;2&gt;&copy=3' title=\"caf&eacute; &quot;x&quot;\">x</a>");
  EXPECT_EQ(ElementAttribute(page.ById("t"), "href"), "?a=1&b=<2>&copy=3");
  EXPECT_EQ(ElementAttribute(page.ById("t"), "title"), "caf\xC3\xA9 \"x\"");
}

TEST(ElementAttribute, ForeignAttributesAnswerToTheirQualifiedName) {
  ParsedHtml page("<svg><a id=t xlink:href=#y xml:lang=en viewbox='0 0 1 1'></a></svg>");
  const GumboNode& a = page.ById("t");
  EXPECT_EQ(ElementAttribute(a, "xlink:href"), "#y");
  EXPECT_EQ(ElementAttribute(a, "href"), std::nullopt);
  EXPECT_EQ(ElementAttribute(a, "xml:lang"), "en");
  EXPECT_EQ(ElementAttribute(a, "viewBox"), "0 0 1 1");
}

TEST(ElementAttribute, RepairsUtf8) {
  ParsedHtml page("<p id=t title='a&#xEEEEEEEE;b'>x</p>");
  EXPECT_EQ(ElementAttribute(page.ById("t"), "title"), "a" + kFffd + "b");
  HandMadeElement made("<x>", "v", "\xF0\x9F\x98", "", "");
  EXPECT_EQ(ElementAttribute(made.element, "v"), kFffd);
}

TEST(ElementAttribute, WorksOnADeeplyNestedElement) {
  ParsedHtml page(Repeat("<span>", 100000) + "<b id=t class=deepest>x</b>");
  EXPECT_EQ(ElementAttribute(page.ById("t"), "class"), "deepest");
}

// ---- InnerHtml ----

TEST(InnerHtml, VoidElementsHaveNoEndTag) {
  EXPECT_EQ(InnerOf("<div id=t><br><img src=a.png alt=''><hr><wbr><input type=text><embed></div>"),
            "<br><img src=\"a.png\" alt=\"\"><hr><wbr><input type=\"text\"><embed>");
  EXPECT_EQ(InnerOf("<table id=t><colgroup><col span=2></colgroup></table>"),
            "<colgroup><col span=\"2\"></colgroup>");
  EXPECT_EQ(InnerOf("<video id=t><source src=v><track src=s></video>"),
            "<source src=\"v\"><track src=\"s\">");
  EXPECT_EQ(InnerOf("<head id=t><base href=/><link rel=x><meta charset=utf-8></head>"),
            "<base href=\"/\"><link rel=\"x\"><meta charset=\"utf-8\">");
  EXPECT_EQ(InnerOf("<map id=t><area href=/></map>"), "<area href=\"/\">");
}

TEST(InnerHtml, LegacyVoidElementsHaveNoEndTag) {
  EXPECT_EQ(InnerOf("<div id=t><basefont><bgsound><keygen><param></div>"),
            "<basefont><bgsound><keygen><param>");
  EXPECT_EQ(InnerOf("<frameset id=t><frame src=a></frameset>"), "<frame src=\"a\">");
}

TEST(InnerHtml, OfAVoidElementIsEmpty) {
  EXPECT_EQ(InnerOf("<img id=t src=a>"), "");
}

TEST(InnerHtml, EscapesText) {
  EXPECT_EQ(InnerOf("<p id=t>a &amp; b &lt; c &gt; d&nbsp;e \"q\" 'r'</p>"),
            "a &amp; b &lt; c &gt; d&nbsp;e \"q\" 'r'");
}

TEST(InnerHtml, EscapesAttributeValues) {
  // '<' and '>' too, since whatwg/html PR #6362 (2025; wpt serializing-lt-gt.html).
  EXPECT_EQ(InnerOf("<p id=t><a href='/x?a=1&amp;b=2' title='say \"hi\"&nbsp;<b>'>x</a></p>"),
            "<a href=\"/x?a=1&amp;b=2\" title=\"say &quot;hi&quot;&nbsp;&lt;b&gt;\">x</a>");
  EXPECT_EQ(InnerOf("<p id=t><a title=\"it's\">x</a></p>"), "<a title=\"it's\">x</a>");
}

TEST(InnerHtml, WritesLowercaseNamesAndEmptyValues) {
  EXPECT_EQ(InnerOf("<div id=t><INPUT TYPE=checkbox Checked></div>"),
            "<input type=\"checkbox\" checked=\"\">");
}

TEST(InnerHtml, WritesRawTextElementsAsTheyAre) {
  EXPECT_EQ(InnerOf("<div id=t><style>a > b {}</style><script>if (a < b && c) {}</script></div>"),
            "<style>a > b {}</style><script>if (a < b && c) {}</script>");
  EXPECT_EQ(InnerOf("<div id=t><xmp><b>&amp;</xmp><iframe><p>x</iframe><noembed><i>&</noembed>"
                    "<noframes><u></noframes></div>"),
            "<xmp><b>&amp;</xmp><iframe><p>x</iframe><noembed><i>&</noembed><noframes><u></noframes>");
  EXPECT_EQ(InnerOf("<script id=t>a<b</script>"), "a<b");
}

TEST(InnerHtml, WritesPlaintextAsItIs) {
  // <plaintext> takes the rest of the page as text, its end tag included.
  EXPECT_EQ(InnerOf("<plaintext id=t>a<b>&amp;</plaintext>"), "a<b>&amp;</plaintext>");
}

TEST(InnerHtml, EscapesRcdataText) {
  EXPECT_EQ(InnerOf("<div id=t><textarea>a<b>&amp;</textarea></div>"),
            "<textarea>a&lt;b&gt;&amp;</textarea>");
  EXPECT_EQ(InnerOf("<head id=t><title>x < y &amp; z</title></head>"), "<title>x &lt; y &amp; z</title>");
}

TEST(InnerHtml, EscapesNoscriptTextAsWithScriptingDisabled) {
  EXPECT_EQ(InnerOf("<div id=t><noscript>1 &lt; 2<p>a &amp; b</p></noscript></div>"),
            "<noscript>1 &lt; 2<p>a &amp; b</p></noscript>");
}

TEST(InnerHtml, WritesComments) {
  EXPECT_EQ(InnerOf("<div id=t><!--x--><!-- a < b & c --></div>"), "<!--x--><!-- a < b & c -->");
}

TEST(InnerHtml, WritesTemplateContents) {
  EXPECT_EQ(InnerOf("<div id=t><template><p>a</p><b>&amp;</b></template></div>"),
            "<template><p>a</p><b>&amp;</b></template>");
  EXPECT_EQ(InnerOf("<template id=t><tr><td>c</td></tr></template>"), "<tr><td>c</td></tr>");
}

TEST(InnerHtml, WritesUnknownElementsByTheirName) {
  EXPECT_EQ(InnerOf("<div id=t><My-Widget Data-X=1>t</My-Widget><foo/>x</div>"),
            "<my-widget data-x=\"1\">t</my-widget><foo>x</foo>");
}

TEST(InnerHtml, WritesElementsTheParserMade) {
  EXPECT_EQ(InnerOf("<div id=t><table><tr><td>x</table><ul><li>a<li>b</ul><image src=i></div>"),
            "<table><tbody><tr><td>x</td></tr></tbody></table><ul><li>a</li><li>b</li></ul><img src=\"i\">");
}

TEST(InnerHtml, WritesSvgAndMathMlNamesAsAdjusted) {
  EXPECT_EQ(InnerOf("<div id=t><svg viewbox='0 0 1 1'><lineargradient gradientunits='u'/><FOREIGNOBJECT>"
                    "<p>x</p></foreignobject><feDropShadow/><path d=M0 /></svg></div>"),
            "<svg viewBox=\"0 0 1 1\"><linearGradient gradientUnits=\"u\"></linearGradient><foreignObject>"
            "<p>x</p></foreignObject><feDropShadow></feDropShadow><path d=\"M0\"></path></svg>");
  EXPECT_EQ(InnerOf("<div id=t><math definitionurl=x><mi>y</mi></math></div>"),
            "<math definitionURL=\"x\"><mi>y</mi></math>");
}

TEST(InnerHtml, WritesForeignAttributePrefixes) {
  EXPECT_EQ(InnerOf("<div id=t><svg xmlns=s xmlns:xlink=l><a xlink:href=#y XML:lang=en></a></svg></div>"),
            "<svg xmlns=\"s\" xmlns:xlink=\"l\"><a xlink:href=\"#y\" xml:lang=\"en\"></a></svg>");
}

TEST(InnerHtml, EscapesTextOfSvgStyleAndScript) {
  // Only the HTML elements' text is raw; SVG's <style> and <script> hold ordinary text.
  EXPECT_EQ(InnerOf("<div id=t><svg><style>a>b</style><script>1<2</script></svg></div>"),
            "<svg><style>a&gt;b</style><script>1&lt;2</script></svg>");
}

TEST(InnerHtml, WritesCdataAsText) {
  EXPECT_EQ(InnerOf("<div id=t><svg><![CDATA[a<b&c]]></svg></div>"), "<svg>a&lt;b&amp;c</svg>");
}

TEST(InnerHtml, DoesNotReAddTheLeadingNewlineOfPreTextareaListing) {
  // The parser drops the first LF after these start tags; the serializer stopped writing one back in
  // whatwg/html PR #1815 (2016), as no browser did (wpt initial-linefeed-pre.html).
  EXPECT_EQ(InnerOf("<div id=t><pre>\n\nx</pre><textarea>\nt</textarea><listing>\n\ny</listing></div>"),
            "<pre>\nx</pre><textarea>t</textarea><listing>\ny</listing>");
}

TEST(InnerHtml, RepairsUtf8) {
  EXPECT_EQ(InnerOf("<div id=t><p title='a&#xEEEEEEEE;b'>c&#xEEEEEEEE;d</p></div>"),
            "<p title=\"a" + kFffd + "b\">c" + kFffd + "d</p>");
  HandMadeElement made("<x>", "n\xFF", "v\xC3", "t\xE2\x82", "c\x80");
  EXPECT_EQ(InnerHtml(made.element, kUnlimited), "t" + kFffd + "<!--c" + kFffd + "-->");
  // The element's own name and attribute come out in its parent's inner HTML.
  HandMadeElement tag("<w\xC3\xA9\xFF\tx=1>", "n\xFF", "v\xC3", "t", "");
  GumboNode parent{};
  void* children[1] = {&tag.element};
  parent.type = GUMBO_NODE_ELEMENT;
  parent.v.element.tag = GUMBO_TAG_DIV;
  parent.v.element.tag_namespace = GUMBO_NAMESPACE_HTML;
  parent.v.element.children = GumboVector{children, 1, 1};
  EXPECT_EQ(InnerHtml(parent, kUnlimited), "<w\xC3\xA9" + kFffd + " n" + kFffd + "=\"v" + kFffd +
                                               "\">t<!---->" + "</w\xC3\xA9" + kFffd + ">");
}

TEST(InnerHtml, CutsBetweenCharacters) {
  ParsedHtml page("<div id=t><p>\xC3\xA9</p></div>");  // "<p>é</p>": 9 bytes
  const GumboNode& div = page.ById("t");
  EXPECT_EQ(InnerHtml(div, 0), "");
  EXPECT_EQ(InnerHtml(div, 4), "<p>");
  EXPECT_EQ(InnerHtml(div, 5), "<p>\xC3\xA9");
  EXPECT_EQ(InnerHtml(div, 6), "<p>\xC3\xA9<");
  EXPECT_EQ(InnerHtml(div, 9), "<p>\xC3\xA9</p>");
}

TEST(InnerHtml, CutsAHugeElement) {
  // 5 MB of "<span>é&lt;</span>", 19 bytes each way.
  const std::string piece = "<span>\xC3\xA9&lt;</span>";
  ParsedHtml page("<div id=t>" + Repeat(piece, 5'000'000 / piece.size()) + "</div>");
  const GumboNode& div = page.ById("t");
  // 52 pieces take 988 bytes, and the 53rd's "<span>é&lt;" the next 12.
  EXPECT_EQ(InnerHtml(div, 1000), Repeat(piece, 52) + "<span>\xC3\xA9&lt;");
  EXPECT_EQ(InnerHtml(div, 996), Repeat(piece, 52) + "<span>\xC3\xA9");
  EXPECT_EQ(InnerHtml(div, 995), Repeat(piece, 52) + "<span>");  // not half of the é
}

TEST(InnerHtml, CompletesOnDeepNesting) {
  ParsedHtml page("<div id=t>" + Repeat("<span>", 100000) + "a&amp;b");
  EXPECT_EQ(InnerHtml(page.ById("t"), kUnlimited),
            Repeat("<span>", 100000) + "a&amp;b" + Repeat("</span>", 100000));
}

}  // namespace
}  // namespace arachne
