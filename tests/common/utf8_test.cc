#include "common/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace arachne {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";

std::string Encode(char32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

TEST(IsValidUtf8, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii, long enough to use the eight-byte path"));
  EXPECT_TRUE(IsValidUtf8(std::string("nul \0 inside", 12)));
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));  // é € 😀
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));                           // U+10FFFF
  EXPECT_TRUE(IsValidUtf8("\xEF\xBF\xBF"));                               // U+FFFF
}

TEST(IsValidUtf8, EveryScalarValueEncodesValid) {
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    ASSERT_TRUE(IsValidUtf8(Encode(cp))) << std::hex << static_cast<unsigned>(cp);
  }
}

TEST(IsValidUtf8, RejectsOverlongsSurrogatesAndOutOfRange) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));          // overlong U+007F
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x9F\xBF"));      // overlong U+07FF
  EXPECT_FALSE(IsValidUtf8("\xF0\x8F\xBF\xBF"));  // overlong U+FFFF
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // U+D800
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));      // U+DFFF
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\x80"));          // lone continuation
  EXPECT_FALSE(IsValidUtf8("abc\xE2\x82"));   // truncated at the end
  EXPECT_FALSE(IsValidUtf8("abcdefgh\xC3"));  // after the eight-byte path
}

// Exhaustive over two- and three-byte strings: exactly the encodings of U+0080..U+07FF and of
// U+0800..U+FFFF without surrogates are valid.
TEST(IsValidUtf8, CountsOfValidMultiByteStringsAreExact) {
  int two = 0;
  for (int a = 0x80; a < 0x100; ++a) {
    for (int b = 0; b < 0x100; ++b) {
      const char s[] = {static_cast<char>(a), static_cast<char>(b)};
      two += IsValidUtf8(std::string_view(s, 2));
    }
  }
  EXPECT_EQ(two, 0x800 - 0x80);
  int three = 0;
  for (int a = 0xE0; a < 0xF0; ++a) {
    for (int b = 0; b < 0x100; ++b) {
      for (int c = 0; c < 0x100; ++c) {
        const char s[] = {static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)};
        three += IsValidUtf8(std::string_view(s, 3));
      }
    }
  }
  EXPECT_EQ(three, 0x10000 - 0x800 - 0x800);
}

TEST(SanitizeUtf8, ValidTextIsUnchanged) {
  const std::string text =
      "Gr\xC3\xBC\xC3\x9F"
      "e \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80";
  EXPECT_EQ(SanitizeUtf8(text), text);
  EXPECT_EQ(SanitizeUtf8(""), "");
}

// The example of Unicode 15 section 3.9, table 3-8 ("U+FFFD for each maximal subpart"), which the WHATWG
// decoder follows.
TEST(SanitizeUtf8, ReplacesEachMaximalSubpart) {
  EXPECT_EQ(SanitizeUtf8("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64"),
            "a" + kFffd + kFffd + kFffd + "b" + kFffd + "c" + kFffd + kFffd + "d");
}

TEST(SanitizeUtf8, OverlongsSurrogatesAndOutOfRangeBecomeOneFffdPerByte) {
  EXPECT_EQ(SanitizeUtf8("\xC0\xAF"), kFffd + kFffd);
  EXPECT_EQ(SanitizeUtf8("\xE0\x80\xAF"), kFffd + kFffd + kFffd);
  EXPECT_EQ(SanitizeUtf8("\xED\xA0\x80"), kFffd + kFffd + kFffd);
  EXPECT_EQ(SanitizeUtf8("\xF4\x90\x80\x80"), kFffd + kFffd + kFffd + kFffd);
  EXPECT_EQ(SanitizeUtf8("x\xFFy"), "x" + kFffd + "y");
}

TEST(SanitizeUtf8, TruncatedSequenceIsOneFffd) {
  EXPECT_EQ(SanitizeUtf8("ab\xE2\x82"), "ab" + kFffd);
  EXPECT_EQ(SanitizeUtf8("\xF0\x9F\x98"), kFffd);
  EXPECT_EQ(SanitizeUtf8("\xF0\x9F\x98"
                         "a"),
            kFffd + "a");
}

TEST(SanitizeUtf8, OutputIsAlwaysValid) {
  // Every two-byte string, and a longer mix, comes out valid.
  for (int a = 0; a < 0x100; ++a) {
    for (int b = 0; b < 0x100; ++b) {
      const char s[] = {static_cast<char>(a), static_cast<char>(b)};
      ASSERT_TRUE(IsValidUtf8(SanitizeUtf8(std::string_view(s, 2)))) << a << " " << b;
    }
  }
  std::string mix;
  for (int i = 0; i < 4096; ++i) mix += static_cast<char>((i * 7919) & 0xFF);
  EXPECT_TRUE(IsValidUtf8(SanitizeUtf8(mix)));
}

TEST(AppendSanitizedUtf8, AppendsToWhatIsThere) {
  std::string out = "title: ";
  AppendSanitizedUtf8(out, "caf\xE9");  // Latin-1 é
  EXPECT_EQ(out, "title: caf" + kFffd);
}

TEST(CollapseWhitespace, CollapsesAndTrims) {
  EXPECT_EQ(CollapseWhitespace("  Hello,\t\n  world \r\n"), "Hello, world");
  EXPECT_EQ(CollapseWhitespace("a\fb"), "a b");
  EXPECT_EQ(CollapseWhitespace(""), "");
  EXPECT_EQ(CollapseWhitespace(" \t\n "), "");
  EXPECT_EQ(CollapseWhitespace("one"), "one");
}

TEST(CollapseWhitespace, LeavesOtherCharactersAlone) {
  // Vertical tab and U+00A0 NO-BREAK SPACE are not ASCII whitespace in WHATWG Infra.
  EXPECT_EQ(CollapseWhitespace("a\vb"), "a\vb");
  EXPECT_EQ(CollapseWhitespace("a\xC2\xA0 b"), "a\xC2\xA0 b");
}

}  // namespace
}  // namespace arachne

namespace arachne {
namespace {

TEST(TruncateUtf8, CutsBetweenCharactersOnly) {
  std::string text = "a\xC3\x84" "b\xE2\x82\xAC" "c\xF0\x9F\x98\x80";  // a Ä b € c 😀: 1+2+1+3+1+4 bytes
  const std::string whole = text;
  const std::size_t kept[] = {0, 1, 1, 3, 4, 4, 4, 7, 8, 8, 8, 8, 12};  // for max_bytes 0..12
  for (std::size_t max = 0; max <= 12; ++max) {
    std::string cut = whole;
    TruncateUtf8(cut, max);
    EXPECT_EQ(cut, whole.substr(0, kept[max])) << "max " << max;
    EXPECT_TRUE(IsValidUtf8(cut)) << "max " << max;
  }
  TruncateUtf8(text, 100);
  EXPECT_EQ(text, whole);
}

TEST(DecodeUtf8Step, GivesTheCodePointOrTheIllFormedSubpart) {
  const auto step = [](std::string_view text) {
    const Utf8Step s = DecodeUtf8Step(text, 0);
    return std::to_string(s.length) + (s.valid ? " U+" + std::to_string(static_cast<unsigned>(s.code_point)) : " bad");
  };
  EXPECT_EQ(step("A"), "1 U+65");
  EXPECT_EQ(step("\x7F"), "1 U+127");
  EXPECT_EQ(step("\xC3\xA9"), "2 U+233");
  EXPECT_EQ(step("\xE6\x97\xA5"), "3 U+26085");
  EXPECT_EQ(step("\xF0\x9F\x98\x80"), "4 U+128512");
  EXPECT_EQ(step("\xC3("), "1 bad");            // the lead alone
  EXPECT_EQ(step("\xE2\x82"), "2 bad");         // cut at the end
  EXPECT_EQ(step("\xED\xA0\x80"), "1 bad");     // a surrogate: ED, then stray bytes
  EXPECT_EQ(step("\xFF"), "1 bad");
}

}  // namespace
}  // namespace arachne
