#include "parser/gumbo_document.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "common/utf8.h"
#include "parser/small_stack.h"

namespace arachne {
namespace {

const GumboNode* FirstChildElement(const GumboNode& node, GumboTag tag) {
  const GumboVector& children = node.v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == tag) return child;
  }
  return nullptr;
}

// The text of <title> in <head>, as Gumbo built it.
std::string TitleText(const GumboDocument& document) {
  const GumboNode* head = FirstChildElement(document.root(), GUMBO_TAG_HEAD);
  if (head == nullptr) return "<no head>";
  const GumboNode* title = FirstChildElement(*head, GUMBO_TAG_TITLE);
  if (title == nullptr || title->v.element.children.length != 1) return "<no title text>";
  return static_cast<const GumboNode*>(title->v.element.children.data[0])->v.text.text;
}

constexpr std::string_view kBrokenHtml = "<p><b><i>x</b></i><table><tr>y</td></div></p></p>";

TEST(GumboDocument, FastOptionsRecordNoErrors) {
  EXPECT_EQ(GumboDocument::FastOptions().max_errors, 0);
  GumboDocument fast(kBrokenHtml);
  EXPECT_EQ(fast.output().errors.length, 0u);
  // The same page with Gumbo's defaults does collect errors: the option is what prevents it.
  GumboDocument slow(kBrokenHtml, kGumboDefaultOptions);
  EXPECT_GT(slow.output().errors.length, 0u);
}

TEST(GumboDocument, EmptyInputStillHasHtmlHeadAndBody) {
  GumboDocument document("");
  EXPECT_EQ(document.document().type, GUMBO_NODE_DOCUMENT);
  ASSERT_EQ(document.root().type, GUMBO_NODE_ELEMENT);
  EXPECT_EQ(document.root().v.element.tag, GUMBO_TAG_HTML);
  EXPECT_NE(FirstChildElement(document.root(), GUMBO_TAG_HEAD), nullptr);
  EXPECT_NE(FirstChildElement(document.root(), GUMBO_TAG_BODY), nullptr);
}

TEST(GumboDocument, MoveTransfersTheTree) {
  GumboDocument first("<title>one</title>");
  GumboDocument second(std::move(first));
  EXPECT_EQ(TitleText(second), "one");
  GumboDocument third("<title>three</title>");
  third = std::move(second);  // frees three's tree, takes one's
  EXPECT_EQ(TitleText(third), "one");
}

TEST(GumboDocument, InvalidUtf8BecomesReplacementCharacters) {
  // A lone continuation byte, a truncated 3-byte sequence, an overlong '/', a surrogate, and U+0000.
  std::string html = "<title>a\x80" "b\xE2\x82" "c\xC0\xAF" "d\xED\xA0\x80" "e";
  html += '\0';
  html += "f</title>";
  GumboDocument document(html);
  std::string title = TitleText(document);
  EXPECT_TRUE(IsValidUtf8(title)) << title;
  EXPECT_EQ(title.find('\0'), std::string::npos);
  EXPECT_NE(title.find("\xEF\xBF\xBD"), std::string::npos);  // U+FFFD
  for (char c : std::string_view("abcdef")) EXPECT_NE(title.find(c), std::string::npos) << c;
}

TEST(GumboDocument, DeepTreeIsParsedAndFreedOnASmallStack) {
  // gumbo_destroy_output alone would recurse 100,000 levels and overflow 512 KB.
  std::string html;
  for (int i = 0; i < 100'000; ++i) html += "<span>";
  html += "<title>deep</title>";
  bool parsed = false;
  ASSERT_TRUE(RunOnSmallStack([&] {
    GumboDocument document(html);
    parsed = document.root().v.element.children.length > 0;
  }));
  EXPECT_TRUE(parsed);
}

TEST(GumboDocument, ShallowTreeIsFreedAsIs) {
  std::string html;
  for (int i = 0; i < 200; ++i) html += "<span>";
  ASSERT_TRUE(RunOnSmallStack([&] { GumboDocument document(html); }));
}

}  // namespace
}  // namespace arachne
