#include "parser/utf8_converter.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "common/utf8.h"

namespace arachne {
namespace {

constexpr const char* kFffd = "\xEF\xBF\xBD";

std::string Convert(std::string_view bytes, std::string_view encoding) {
  Result<std::string> text = ConvertToUtf8(bytes, encoding);
  EXPECT_TRUE(text.ok()) << encoding << ": " << text.status().ToString();
  if (!text.ok()) return "<failed>";
  EXPECT_TRUE(IsValidUtf8(*text)) << encoding;
  return *text;
}

std::string AllBytes() {
  std::string bytes;
  for (int b = 0; b < 256; ++b) bytes += static_cast<char>(b);
  return bytes;
}

TEST(ConvertToUtf8, Windows1252HasTheEuroAndCurlyQuotesAndNoInvalidBytes) {
  EXPECT_EQ(Convert("\x80 \x93hi\x94 caf\xE9 \x85", "windows-1252"),
            "\xE2\x82\xAC \xE2\x80\x9Chi\xE2\x80\x9D caf\xC3\xA9 \xE2\x80\xA6");
  // The five bytes Windows leaves undefined are C1 controls in the Encoding Standard, not errors.
  EXPECT_EQ(Convert("\x81\x8D\x8F\x90\x9D", "windows-1252"), "\xC2\x81\xC2\x8D\xC2\x8F\xC2\x90\xC2\x9D");
  EXPECT_EQ(Convert(AllBytes(), "windows-1252").find(kFffd), std::string::npos);
}

TEST(ConvertToUtf8, SingleByteEncodings) {
  EXPECT_EQ(Convert("\xB3\xF3", "iso-8859-2"), "\xC5\x82\xC3\xB3");  // łó
  EXPECT_EQ(Convert("\xC1\xC2", "koi8-r"), "\xD0\xB0\xD0\xB1");      // аб
  EXPECT_EQ(Convert("\xAE", "koi8-u"), "\xD1\x9E");                  // ў: the standard's koi8-u is KOI8-RU
  EXPECT_EQ(Convert("\xE0", "windows-1251"), "\xD0\xB0");            // а
  EXPECT_EQ(Convert("\xA4", "iso-8859-15"), "\xE2\x82\xAC");         // €
  EXPECT_EQ(Convert("\xE9", "iso-8859-8-i"), "\xD7\x99");            // י
  EXPECT_EQ(Convert("\xA1", "windows-874"), "\xE0\xB8\x81");         // ก
  EXPECT_EQ(Convert("\x80", "x-mac-cyrillic"), "\xD0\x90");          // А
  EXPECT_EQ(Convert("\x8E", "macintosh"), "\xC3\xA9");               // é
  EXPECT_EQ(Convert("\xA0", "ibm866"), "\xD0\xB0");                  // а
  EXPECT_EQ(Convert(AllBytes(), "iso-8859-2").find(kFffd), std::string::npos);
  // A byte the encoding leaves undefined becomes U+FFFD, and the text goes on.
  EXPECT_EQ(Convert("a\xA5z", "iso-8859-3"), std::string("a") + kFffd + "z");
}

TEST(ConvertToUtf8, ShiftJis) {
  EXPECT_EQ(Convert("\x93\xFA\x96\x7B\x8C\xEA", "shift_jis"),
            "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E");        // 日本語
  EXPECT_EQ(Convert("\xB1", "shift_jis"), "\xEF\xBD\xB1");  // half-width katakana ｱ
  // A lead byte followed by ASCII: U+FFFD, and the ASCII byte is kept (Encoding Standard 12.3.1, "Shift_JIS decoder").
  EXPECT_EQ(Convert("ok\x81 ok", "shift_jis"), std::string("ok") + kFffd + " ok");
  EXPECT_EQ(Convert("end\x93", "shift_jis"), std::string("end") + kFffd);  // cut off at the end
}

TEST(ConvertToUtf8, OtherMultiByteEncodings) {
  EXPECT_EQ(Convert("\xD6\xD0\xCE\xC4", "gb18030"), "\xE4\xB8\xAD\xE6\x96\x87");  // 中文
  EXPECT_EQ(Convert("\xD6\xD0\xCE\xC4", "gbk"), "\xE4\xB8\xAD\xE6\x96\x87");
  EXPECT_EQ(Convert("\x81\x30\x81\x30", "gb18030"), "\xC2\x80");                 // a four-byte form: U+0080
  EXPECT_EQ(Convert("\xA4\xA4\xA4\xE5", "big5"), "\xE4\xB8\xAD\xE6\x96\x87");    // 中文
  EXPECT_EQ(Convert("\xC6\xFC\xCB\xDC", "euc-jp"), "\xE6\x97\xA5\xE6\x9C\xAC");  // 日本
  EXPECT_EQ(Convert("\xC7\xD1\xB1\xB9", "euc-kr"), "\xED\x95\x9C\xEA\xB5\xAD");  // 한국
  EXPECT_EQ(Convert("a\x1B$BF|K\\\x1B(Bb", "iso-2022-jp"),
            "a\xE6\x97\xA5\xE6\x9C\xAC"
            "b");
}

TEST(ConvertToUtf8, InvalidAndCutSequencesInMultiByteEncodings) {
  EXPECT_EQ(Convert("a\xFF"
                    "b",
                    "gb18030"),
            std::string("a") + kFffd + "b");
  EXPECT_EQ(Convert("a\xD6", "gb18030"), std::string("a") + kFffd);
  EXPECT_EQ(Convert("a\xC6", "euc-jp"), std::string("a") + kFffd);
  EXPECT_EQ(Convert("a\xA4", "big5"), std::string("a") + kFffd);
  EXPECT_EQ(Convert("a\xC7", "euc-kr"), std::string("a") + kFffd);
  const std::string broken = Convert("a\x1B$Bz\x1B(Bb", "iso-2022-jp");
  EXPECT_NE(broken.find(kFffd), std::string::npos);
  EXPECT_EQ(broken.front(), 'a');
  EXPECT_EQ(broken.back(), 'b');
}

TEST(ConvertToUtf8, Utf16) {
  EXPECT_EQ(Convert(std::string("h\0i\0", 4), "utf-16le"), "hi");
  EXPECT_EQ(Convert(std::string("\0h\0i", 4), "utf-16be"), "hi");
  EXPECT_EQ(Convert(std::string("\x3D\xD8\x00\xDE", 4), "utf-16le"), "\xF0\x9F\x98\x80");  // a surrogate pair
  // A lone surrogate is one U+FFFD, and the unit after it is read again; an odd last byte is one U+FFFD.
  EXPECT_EQ(Convert(std::string("\x00\xD8"
                                "A\0",
                                4),
                    "utf-16le"),
            std::string(kFffd) + "A");
  EXPECT_EQ(Convert(std::string("\x00\xDC"
                                "A\0",
                                4),
                    "utf-16le"),
            std::string(kFffd) + "A");
  EXPECT_EQ(Convert(std::string("h\0i", 3), "utf-16le"), std::string("h") + kFffd);
}

TEST(ConvertToUtf8, EncodingsDecodedWithoutIconv) {
  EXPECT_EQ(Convert("a\x80\xFF", "x-user-defined"), "a\xEF\x9E\x80\xEF\x9F\xBF");  // U+F780, U+F7FF
  EXPECT_EQ(Convert("<p>looks like markup</p>", "replacement"), kFffd);
  EXPECT_EQ(Convert("", "replacement"), "");
  EXPECT_EQ(Convert("bad \xC3\x28 utf8", "utf-8"), std::string("bad ") + kFffd + "( utf8");
}

TEST(ConvertToUtf8, EveryEncodingOfTheStandardConverts) {
  for (const char* encoding :
       {"utf-8",         "ibm866",       "iso-8859-2",   "iso-8859-3",   "iso-8859-4",     "iso-8859-5",
        "iso-8859-6",    "iso-8859-7",   "iso-8859-8",   "iso-8859-8-i", "iso-8859-10",    "iso-8859-13",
        "iso-8859-14",   "iso-8859-15",  "iso-8859-16",  "koi8-r",       "koi8-u",         "macintosh",
        "windows-874",   "windows-1250", "windows-1251", "windows-1252", "windows-1253",   "windows-1254",
        "windows-1255",  "windows-1256", "windows-1257", "windows-1258", "x-mac-cyrillic", "gbk",
        "gb18030",       "big5",         "euc-jp",       "iso-2022-jp",  "shift_jis",      "euc-kr",
        "x-user-defined"}) {
    EXPECT_EQ(Convert("<a href=x>", encoding), "<a href=x>") << encoding;
  }
}

TEST(ConvertToUtf8, UnknownToIconvIsNotFound) {
  Result<std::string> text = ConvertToUtf8("x", "no-such-encoding");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), Status::Code::kNotFound);
}

// A megabyte of noise in every encoding: valid UTF-8 out, every time, and the call returns (the work is
// bounded by the input size; no timing is asserted).
TEST(ConvertToUtf8, RandomBytesInEveryEncodingGiveValidUtf8) {
  std::mt19937 random(3);
  std::string bytes(1 << 20, '\0');
  for (char& c : bytes) c = static_cast<char>(random());
  for (const char* encoding :
       {"shift_jis", "euc-jp", "iso-2022-jp", "gbk", "gb18030", "big5", "euc-kr", "utf-16le", "utf-16be",
        "koi8-r", "iso-8859-3", "windows-1252", "utf-8", "macintosh", "x-user-defined", "windows-874"}) {
    const std::string text = Convert(bytes, encoding);
    EXPECT_GE(text.size(), bytes.size() / 4) << encoding;
  }
}

}  // namespace
}  // namespace arachne
