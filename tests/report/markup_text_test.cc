#include "report/markup_text.h"

#include <gtest/gtest.h>

#include <limits>

namespace arachne::report {
namespace {

TEST(EscapeMarkup, EscapesTheCharactersOfMarkup) {
  EXPECT_EQ(EscapeMarkup("plain text/ü"), "plain text/ü");
  EXPECT_EQ(EscapeMarkup("<script>alert('x')</script>"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  EXPECT_EQ(EscapeMarkup("a=\"b\" & c"), "a=&quot;b&quot; &amp; c");
  // Escaped once: an entity in the data stays visible as written.
  EXPECT_EQ(EscapeMarkup("&amp;"), "&amp;amp;");
}

TEST(EscapeMarkup, ReplacesControlCharacters) {
  EXPECT_EQ(EscapeMarkup(std::string("a\0b\x07"
                                     "c\x7F",
                                     6)),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD"
            "c\xEF\xBF\xBD");
  EXPECT_EQ(EscapeMarkup("tab\there\nline\r"), "tab\there\nline\r");
}

TEST(SvgNumber, FiniteAndShort) {
  EXPECT_EQ(SvgNumber(12), "12");
  EXPECT_EQ(SvgNumber(12.5), "12.5");
  EXPECT_EQ(SvgNumber(1.0 / 3), "0.33");
  EXPECT_EQ(SvgNumber(-0.001), "0");
  EXPECT_EQ(SvgNumber(-4.25), "-4.25");
  EXPECT_EQ(SvgNumber(std::numeric_limits<double>::quiet_NaN()), "0");
  EXPECT_EQ(SvgNumber(std::numeric_limits<double>::infinity()), "0");
  EXPECT_EQ(SvgNumber(-std::numeric_limits<double>::infinity()), "0");
}

TEST(ShortenText, CutsWholeCharacters) {
  EXPECT_EQ(ShortenText("short", 10), "short");
  EXPECT_EQ(ShortenText("exactly10!", 10), "exactly10!");
  EXPECT_EQ(ShortenText("application/javascript", 8), "applica\xE2\x80\xA6");
  // "é" is two bytes: the cut falls before it, not inside it.
  EXPECT_EQ(ShortenText("caf\xC3\xA9s and more", 4), "caf\xE2\x80\xA6");
  EXPECT_EQ(ShortenText("caf\xC3\xA9", 4), "caf\xC3\xA9");
  EXPECT_EQ(ShortenText("anything", 0), "");
  EXPECT_EQ(CharacterCount("caf\xC3\xA9"), 4u);
}

}  // namespace
}  // namespace arachne::report
