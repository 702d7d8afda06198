#include "parser/html_text.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace arachne {
namespace {

using namespace std::string_literals;

std::string Attribute(std::string_view raw) {
  std::string storage;
  return std::string(DecodeHtmlText(raw, HtmlTextKind::kAttributeValue, storage));
}

std::string Rcdata(std::string_view raw) {
  std::string storage;
  return std::string(DecodeHtmlText(raw, HtmlTextKind::kRcdata, storage));
}

TEST(HtmlText, PlainAsciiComesBackAsTheSameView) {
  std::string storage = "untouched";
  const std::string_view raw = "/path?q=1 with\ttabs\nand lines";
  const std::string_view decoded = DecodeHtmlText(raw, HtmlTextKind::kAttributeValue, storage);
  EXPECT_EQ(decoded.data(), raw.data());
  EXPECT_EQ(storage, "untouched");
}

TEST(HtmlText, NamedReferences) {
  EXPECT_EQ(Rcdata("a &amp; b &lt;&gt; &quot;&apos; &eacute;&Eacute; &hellip; &nbsp;"),
            "a & b <> \"' \u00E9\u00C9 \u2026 \u00A0");
  EXPECT_EQ(Rcdata("&CounterClockwiseContourIntegral;"), "\u2233");  // the longest name
  EXPECT_EQ(Rcdata("&NotEqualTilde; &fjlig;"), "\u2242\u0338 fj");    // two code points
}

TEST(HtmlText, UnknownNamesStayAsWritten) {
  EXPECT_EQ(Rcdata("&unknown; &; & x &#; &#x; &#xZ &"), "&unknown; &; & x &#; &#x; &#xZ &");
}

TEST(HtmlText, LegacyNamesWithoutSemicolonTakeTheLongestMatch) {
  EXPECT_EQ(Rcdata("&copy2020 &amp &notit; &notin; &notin"), "\u00A92020 & \u00ACit; \u2209 \u00ACin");
}

TEST(HtmlText, InAttributesALegacyNameBeforeEqualsOrAlphanumericStays) {
  // HTML Standard 13.2.5.73: "?a=1&copy=2" in an href is a query, not a copyright sign.
  EXPECT_EQ(Attribute("?a=1&copy=2&reg3&amp;x&not;&lt"), "?a=1&copy=2&reg3&x\u00AC<");
  EXPECT_EQ(Rcdata("?a=1&copy=2"), "?a=1\u00A9=2");
}

TEST(HtmlText, NumericReferences) {
  EXPECT_EQ(Rcdata("&#65;&#x42;&#X43;&#0065&#x44"), "ABCAD");
  EXPECT_EQ(Rcdata("&#x1F600;"), "\U0001F600");
  // The standard's replacements: NUL, surrogates and past U+10FFFF become U+FFFD; 0x80..0x9F are read
  // as windows-1252; CR and other controls are kept.
  EXPECT_EQ(Rcdata("&#0;&#xD800;&#x110000;&#99999999999999999999;"), "\uFFFD\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(Rcdata("&#x80;&#x99;&#x9F;&#x81;"), "\u20AC\u2122\u0178\u0081");
  EXPECT_EQ(Rcdata("&#13;&#1;"), "\r\x01");
}

TEST(HtmlText, IllFormedUtf8BecomesOneReplacementPerMaximalSubpart) {
  EXPECT_EQ(Rcdata("a\xC3(b"), "a\uFFFD(b");
  EXPECT_EQ(Rcdata("\xE2\x82x"), "\uFFFDx");           // a truncated sequence is one U+FFFD
  EXPECT_EQ(Rcdata("\xF0\x9F\x98"), "\uFFFD");          // truncated at the end
  EXPECT_EQ(Rcdata("\xFF\xFE"), "\uFFFD\uFFFD");        // bytes that never start UTF-8
  EXPECT_EQ(Rcdata("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");  // a surrogate: ED, then two stray bytes
  EXPECT_EQ(Rcdata("\xC0\xAF"), "\uFFFD\uFFFD");        // overlong
  EXPECT_EQ(Rcdata("\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80"), "\u00E9\u65E5\U0001F600");  // valid stays
}

TEST(HtmlText, NulControlsAndNoncharactersBecomeReplacementCharactersAsInGumbo) {
  EXPECT_EQ(Attribute("a\0b"s), "a\uFFFDb");
  EXPECT_EQ(Rcdata("a\x01" "b\x0B" "c\x7F" "d"), "a\uFFFDb\uFFFDc\uFFFDd");
  EXPECT_EQ(Rcdata("\xC2\x85 \xEF\xB7\x90 \xEF\xBF\xBE \xF4\x8F\xBF\xBF"), "\uFFFD \uFFFD \uFFFD \uFFFD");
  EXPECT_EQ(Rcdata("tab\tlf\nff\fcr\r"), "tab\tlf\nff\fcr\r");  // whitespace stays
}

TEST(HtmlText, AppendUtf8) {
  std::string out;
  for (char32_t cp : {U'A', U'\u00E9', U'\u20AC', U'\U0001F600'}) AppendUtf8(out, cp);
  EXPECT_EQ(out, "A\u00E9\u20AC\U0001F600");
}

}  // namespace
}  // namespace arachne
