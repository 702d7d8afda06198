#include "parser/charset.h"

#include <gtest/gtest.h>

#include <random>

#include "common/utf8.h"
#include "parser/html_extractor.h"

namespace arachne {
namespace {

TEST(Charset, LabelsMapAsTheEncodingStandardSays) {
  EXPECT_EQ(EncodingForLabel("UTF8"), "utf-8");
  EXPECT_EQ(EncodingForLabel(" latin1 "), "windows-1252");
  EXPECT_EQ(EncodingForLabel("ISO-8859-1"), "windows-1252");
  EXPECT_EQ(EncodingForLabel("us-ascii"), "windows-1252");
  EXPECT_EQ(EncodingForLabel("Shift_JIS"), "shift_jis");
  EXPECT_EQ(EncodingForLabel("x-sjis"), "shift_jis");
  EXPECT_EQ(EncodingForLabel("gb2312"), "gbk");
  EXPECT_EQ(EncodingForLabel("iso-8859-9"), "windows-1254");
  EXPECT_EQ(EncodingForLabel("klingon"), "");
}

TEST(Charset, ContentTypeParameter) {
  EXPECT_EQ(CharsetParameter("text/html; charset=ISO-8859-2"), "ISO-8859-2");
  EXPECT_EQ(CharsetParameter("text/html;charset=\"utf-8\""), "utf-8");
  EXPECT_EQ(CharsetParameter("text/html; foo=bar; Charset = koi8-r ; x=y"), "koi8-r");
  EXPECT_EQ(CharsetParameter("text/html"), "");
}

TEST(Charset, PrescanFindsMetaCharsetAndHttpEquiv) {
  EXPECT_EQ(PrescanForEncoding("<html><head><meta charset=\"shift_jis\">"), "shift_jis");
  EXPECT_EQ(PrescanForEncoding("<meta charset=latin1>"), "windows-1252");
  EXPECT_EQ(PrescanForEncoding("<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=euc-jp'>"), "euc-jp");
  EXPECT_EQ(PrescanForEncoding("<meta content=\"text/html; charset=koi8-r\" http-equiv=\"content-type\">"), "koi8-r");
  EXPECT_EQ(PrescanForEncoding("<meta charset=utf-16>"), "utf-8");  // ASCII bytes cannot be UTF-16
}

TEST(Charset, PrescanSkipsCommentsOtherTagsAndAttributes) {
  EXPECT_EQ(PrescanForEncoding("<!-- <meta charset=koi8-r> --><meta charset=big5>"), "big5");
  EXPECT_EQ(PrescanForEncoding("<div title='<meta charset=koi8-r>'><meta charset=gbk>"), "gbk");
  EXPECT_EQ(PrescanForEncoding("<meta name=viewport content=x><meta charset=nonsense><meta charset=euc-kr>"), "euc-kr");
  EXPECT_EQ(PrescanForEncoding(std::string(1100, ' ') + "<meta charset=koi8-r>"), "");  // past 1024 bytes
  EXPECT_EQ(PrescanForEncoding("<!-- unterminated <meta charset=koi8-r>"), "");
}

TEST(Charset, BomThenHeaderThenMetaThenContent) {
  EXPECT_EQ(DecodeHtml("\xEF\xBB\xBF<meta charset=koi8-r>", "text/html; charset=big5").charset, "utf-8");
  EXPECT_EQ(DecodeHtml("<meta charset=koi8-r>", "text/html; charset=big5").charset, "big5");
  EXPECT_EQ(DecodeHtml("<meta charset=koi8-r>", "text/html; charset=bogus").charset, "koi8-r");
  EXPECT_EQ(DecodeHtml("caf\xC3\xA9", "text/html").charset, "utf-8");
  EXPECT_EQ(DecodeHtml("caf\xE9", "text/html").charset, "windows-1252");
}

TEST(Charset, ValidUtf8IsNotCopied) {
  const std::string body = "<title>caf\xC3\xA9</title>";
  DecodedHtml d = DecodeHtml(body, "text/html; charset=utf-8");
  EXPECT_EQ(d.text.data(), body.data());
  EXPECT_TRUE(d.converted.empty());
}

TEST(Charset, ConversionsToUtf8) {
  // windows-1252's 0x80-0x9F are not Latin-1's controls: the euro sign and curly quotes.
  EXPECT_EQ(DecodeHtml("\x80 \x93hi\x94 caf\xE9", "text/html; charset=iso-8859-1").text,
            "\xE2\x82\xAC \xE2\x80\x9Chi\xE2\x80\x9D caf\xC3\xA9");
  EXPECT_EQ(DecodeHtml("\x93\xFA\x96\x7B", "text/html; charset=shift_jis").text, "\xE6\x97\xA5\xE6\x9C\xAC");
  EXPECT_EQ(DecodeHtml("\xB3\xF3", "text/html; charset=iso-8859-2").text, "\xC5\x82\xC3\xB3");
  EXPECT_EQ(DecodeHtml("\xD6\xD0\xCE\xC4", "text/html; charset=gb18030").text, "\xE4\xB8\xAD\xE6\x96\x87");
  EXPECT_EQ(DecodeHtml(std::string("\xFF\xFEh\0i\0", 6), "text/html").text, "hi");
  EXPECT_EQ(DecodeHtml(std::string("\xFE\xFF\0h\0i", 6), "text/html").charset, "utf-16be");
}

TEST(Charset, InvalidBytesBecomeReplacementCharacters) {
  DecodedHtml sjis = DecodeHtml("ok\x81\x20ok\xA0", "text/html; charset=shift_jis");
  EXPECT_TRUE(IsValidUtf8(sjis.text));
  EXPECT_NE(sjis.text.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_EQ(sjis.text.substr(0, 2), "ok");
  DecodedHtml truncated = DecodeHtml("end\x93", "text/html; charset=shift_jis");
  EXPECT_EQ(truncated.text, "end\xEF\xBF\xBD");
  DecodedHtml utf8 = DecodeHtml("bad \xC3\x28 utf8", "text/html; charset=utf-8");
  EXPECT_TRUE(IsValidUtf8(utf8.text));
  EXPECT_EQ(utf8.charset, "utf-8");
  DecodedHtml odd16 = DecodeHtml(std::string("\xFF\xFEh\0i", 5), "text/html");
  EXPECT_TRUE(IsValidUtf8(odd16.text));
}

TEST(Charset, RandomBytesInEveryEncodingGiveValidUtf8) {
  std::mt19937 random(3);
  std::string bytes(1 << 20, '\0');
  for (char& c : bytes) c = static_cast<char>(random());
  for (const char* charset : {"shift_jis", "euc-jp", "iso-2022-jp", "gbk", "big5", "euc-kr", "utf-16le", "koi8-r",
                              "windows-1252", "utf-8", "macintosh", "x-user-defined"}) {
    DecodedHtml d = DecodeHtml(bytes, std::string("text/html; charset=") + charset);
    EXPECT_TRUE(IsValidUtf8(d.text)) << charset;
    EXPECT_FALSE(d.text.empty()) << charset;
  }
}

TEST(Charset, AShiftJisPageGivesItsTitleInUtf8) {
  const std::string page = "<html><head><meta charset=\"Shift_JIS\"><title>\x93\xFA\x96\x7B\x8C\xEA</title></head></html>";
  DecodedHtml d = DecodeHtml(page, "text/html");
  EXPECT_EQ(d.charset, "shift_jis");
  PageInfo info = ExtractPage(d.text, *Url::Parse("http://a/"));
  EXPECT_EQ(info.title, "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E");  // 日本語
}

}  // namespace
}  // namespace arachne
