#include "parser/charset.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "common/utf8.h"
#include "parser/html_extractor.h"

namespace arachne {
namespace {

constexpr const char* kFffd = "\xEF\xBF\xBD";

TEST(DecodeHtml, ValidUtf8IsNotCopied) {
  const std::string body = "<title>caf\xC3\xA9</title>";
  for (const char* content_type : {"text/html; charset=utf-8", "text/html", ""}) {
    DecodedHtml d = DecodeHtml(body, content_type);
    EXPECT_EQ(d.text().data(), body.data()) << content_type;
    EXPECT_EQ(d.text().size(), body.size());
    EXPECT_FALSE(d.copied());
    EXPECT_EQ(d.charset(), "utf-8");
  }
  const std::string with_bom = "\xEF\xBB\xBF<p>x";
  DecodedHtml d = DecodeHtml(with_bom, "text/html; charset=iso-8859-1");
  EXPECT_EQ(d.text().data(), with_bom.data() + 3);  // the byte order mark is not text
  EXPECT_EQ(d.source(), EncodingSource::kByteOrderMark);
}

TEST(DecodeHtml, IllFormedUtf8IsLeftToAReaderThatRepairsIt) {
  const std::string_view body = "bad \xC3\x28 utf8 \xED\xA0\x80";
  DecodedHtml d = DecodeHtml(body, "text/html; charset=utf-8", Utf8Repair::kLeaveToReader);
  EXPECT_FALSE(d.copied());
  EXPECT_EQ(d.charset(), "utf-8");
  EXPECT_EQ(d.text(), body);
  // Other encodings are converted all the same.
  DecodedHtml latin = DecodeHtml("caf\xE9", "text/html; charset=iso-8859-1", Utf8Repair::kLeaveToReader);
  EXPECT_EQ(latin.text(), "caf\xC3\xA9");
}

TEST(DecodeHtml, IllFormedUtf8IsRepaired) {
  DecodedHtml d = DecodeHtml("bad \xC3\x28 utf8 \xED\xA0\x80", "text/html; charset=utf-8");
  EXPECT_TRUE(d.copied());
  EXPECT_EQ(d.charset(), "utf-8");
  EXPECT_TRUE(IsValidUtf8(d.text()));
  EXPECT_EQ(d.text().substr(0, 7), std::string("bad ") + kFffd);
  // Undeclared and cut at the end in the middle of a character: still UTF-8, the stub one U+FFFD.
  DecodedHtml cut = DecodeHtml("caf\xC3\xA9 \xE6\x97", "text/html");
  EXPECT_EQ(cut.charset(), "utf-8");
  EXPECT_EQ(cut.text(), std::string("caf\xC3\xA9 ") + kFffd);
}

TEST(DecodeHtml, ConvertsFromWhatWasDeclared) {
  DecodedHtml latin1 = DecodeHtml("<p>\x80 \x93hi\x94 caf\xE9", "text/html; charset=ISO-8859-1");
  EXPECT_EQ(latin1.charset(), "windows-1252");
  EXPECT_EQ(latin1.text(), "<p>\xE2\x82\xAC \xE2\x80\x9Chi\xE2\x80\x9D caf\xC3\xA9");
  DecodedHtml meta = DecodeHtml("<meta charset=iso-8859-2><p>\xB3", "text/html");
  EXPECT_EQ(meta.charset(), "iso-8859-2");
  EXPECT_EQ(meta.source(), EncodingSource::kMeta);
  EXPECT_EQ(meta.text(), "<meta charset=iso-8859-2><p>\xC5\x82");
  DecodedHtml utf16 = DecodeHtml(std::string("\xFF\xFE<\0p\0>\0h\0i\0", 12), "text/html; charset=koi8-r");
  EXPECT_EQ(utf16.charset(), "utf-16le");
  EXPECT_EQ(utf16.text(), "<p>hi");
  EXPECT_EQ(DecodeHtml(std::string("\xFE\xFF\0h\0i", 6), "").text(), "hi");
  DecodedHtml gb = DecodeHtml("<p>\xD6\xD0\xCE\xC4", "text/html; charset=\"GB2312\"");
  EXPECT_EQ(gb.charset(), "gbk");
  EXPECT_EQ(gb.text(), "<p>\xE4\xB8\xAD\xE6\x96\x87");
}

TEST(DecodeHtml, UndeclaredLegacyBytesAreWindows1252) {
  DecodedHtml d = DecodeHtml("<p>na\xEFve caf\xE9", "text/html");
  EXPECT_EQ(d.charset(), "windows-1252");
  EXPECT_EQ(d.source(), EncodingSource::kContent);
  EXPECT_EQ(d.text(), "<p>na\xC3\xAFve caf\xC3\xA9");
}

TEST(DecodeHtml, ReplacementEncodingHidesThePage) {
  DecodedHtml d = DecodeHtml("<a href=/x>x</a>", "text/html; charset=iso-2022-kr");
  EXPECT_EQ(d.charset(), "replacement");
  EXPECT_EQ(d.text(), kFffd);
}

TEST(DecodeHtml, TheTextSurvivesAMove) {
  DecodedHtml d = DecodeHtml("\xE9", "text/html");  // short enough to sit inside the string object
  DecodedHtml moved = std::move(d);
  EXPECT_EQ(moved.text(), "\xC3\xA9");
}

TEST(DecodeHtml, InvalidBytesNeverBreakTheOutput) {
  for (const char* charset : {"shift_jis", "gb18030", "big5", "euc-kr", "euc-jp", "utf-8"}) {
    DecodedHtml d = DecodeHtml("<p>\xFF\xFE\x80\x81 ok \x93", std::string("text/html; charset=") + charset);
    EXPECT_TRUE(IsValidUtf8(d.text())) << charset;
    EXPECT_NE(d.text().find(kFffd), std::string_view::npos) << charset;
  }
}

TEST(DecodeHtml, AShiftJisPageGivesItsTitleInUtf8) {
  const std::string page =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"
      "<title>\x93\xFA\x96\x7B\x8C\xEA\x82\xCC\x83\x79\x81\x5B\x83\x57</title></head>"
      "<body><a href=\"/\x93\xFA\x96\x7B\">link</a></body></html>";
  DecodedHtml d = DecodeHtml(page, "text/html");
  EXPECT_EQ(d.charset(), "shift_jis");
  PageInfo info = ExtractPage(d.text(), *Url::Parse("http://a/"));
  EXPECT_EQ(
      info.title,
      "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE3\x83\x9A\xE3\x83\xBC\xE3\x82\xB8");  // 日本語のページ
  // The link is percent-encoded from its UTF-8 (the URL Standard encodes the path as UTF-8).
  EXPECT_EQ(info.links, (std::vector<std::string>{"http://a/%E6%97%A5%E6%9C%AC"}));
}

}  // namespace
}  // namespace arachne
