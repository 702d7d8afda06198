#include "parser/encoding_sniffer.h"

#include <gtest/gtest.h>

#include <string>

namespace arachne {
namespace {

TEST(CharsetParameter, QuotedOrNotAnyCase) {
  EXPECT_EQ(CharsetParameter("text/html; charset=ISO-8859-2"), "ISO-8859-2");
  EXPECT_EQ(CharsetParameter("text/html;charset=\"utf-8\""), "utf-8");
  EXPECT_EQ(CharsetParameter("text/html; charset='koi8-r'"), "koi8-r");
  EXPECT_EQ(CharsetParameter("TEXT/HTML; CHARSET=Shift_JIS"), "Shift_JIS");
  EXPECT_EQ(CharsetParameter("text/html; foo=bar; Charset = koi8-r ; x=y"), "koi8-r");
  EXPECT_EQ(CharsetParameter("text/html; charsetx=big5"), "");
  EXPECT_EQ(CharsetParameter("text/html"), "");
  EXPECT_EQ(CharsetParameter(""), "");
}

TEST(Prescan, MetaCharsetQuotedOrNot) {
  EXPECT_EQ(PrescanForEncoding("<html><head><meta charset=\"shift_jis\">"), "shift_jis");
  EXPECT_EQ(PrescanForEncoding("<meta charset='EUC-JP'>"), "euc-jp");
  EXPECT_EQ(PrescanForEncoding("<meta charset=latin1>"), "windows-1252");
  EXPECT_EQ(PrescanForEncoding("<meta charset = \"big5\" >"), "big5");
  EXPECT_EQ(PrescanForEncoding("<META CHARSET=KOI8-R>"), "koi8-r");
  EXPECT_EQ(PrescanForEncoding("<meta charset=koi8-r/>"),
            "");  // an unquoted value goes on to the "/": unknown
  EXPECT_EQ(PrescanForEncoding("<meta/charset=gbk>"), "gbk");
}

TEST(Prescan, HttpEquivContentType) {
  EXPECT_EQ(PrescanForEncoding("<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=euc-jp'>"),
            "euc-jp");
  EXPECT_EQ(PrescanForEncoding("<meta content=\"text/html; charset=koi8-r\" http-equiv=\"content-type\">"),
            "koi8-r");
  EXPECT_EQ(PrescanForEncoding("<meta http-equiv=content-type content=\"text/html;charset='gb18030'\">"),
            "gb18030");
  // content=... counts only beside http-equiv=content-type.
  EXPECT_EQ(PrescanForEncoding("<meta content=\"text/html; charset=koi8-r\">"), "");
  EXPECT_EQ(PrescanForEncoding("<meta http-equiv=refresh content=\"0; charset=koi8-r\">"), "");
  // An unmatched quote in content: nothing.
  EXPECT_EQ(PrescanForEncoding("<meta http-equiv=content-type content=\"text/html; charset='koi8-r\">"), "");
}

TEST(Prescan, FirstDeclarationInATagWins) {
  EXPECT_EQ(PrescanForEncoding("<meta charset=koi8-r charset=big5>"), "koi8-r");
  EXPECT_EQ(PrescanForEncoding("<meta http-equiv=content-type content='charset=big5' charset=koi8-r>"),
            "big5");
  // An unknown charset label is a failure that a later content= does not undo; the next <meta> is read.
  EXPECT_EQ(PrescanForEncoding("<meta charset=bogus http-equiv=content-type content='charset=big5'>"), "");
  EXPECT_EQ(PrescanForEncoding("<meta charset=bogus><meta charset=euc-kr>"), "euc-kr");
  EXPECT_EQ(PrescanForEncoding("<meta name=viewport content=x><meta charset=euc-kr>"), "euc-kr");
}

TEST(Prescan, Utf16AndUserDefinedAreNotBelieved) {
  EXPECT_EQ(PrescanForEncoding("<meta charset=utf-16>"), "utf-8");  // ASCII bytes cannot be UTF-16
  EXPECT_EQ(PrescanForEncoding("<meta charset=utf-16be>"), "utf-8");
  EXPECT_EQ(PrescanForEncoding("<meta charset=x-user-defined>"), "windows-1252");
}

TEST(Prescan, CommentsOtherTagsAndAttributeValuesAreSkipped) {
  EXPECT_EQ(PrescanForEncoding("<!-- <meta charset=koi8-r> --><meta charset=big5>"), "big5");
  EXPECT_EQ(PrescanForEncoding("<!--><meta charset=big5>"), "big5");  // "<!-->" is a whole comment
  EXPECT_EQ(PrescanForEncoding("<div title='<meta charset=koi8-r>'><meta charset=gbk>"), "gbk");
  EXPECT_EQ(PrescanForEncoding("<p data-x=\"a > <meta charset=koi8-r>\"><meta charset=gbk>"), "gbk");
  EXPECT_EQ(PrescanForEncoding("</p title='<meta charset=koi8-r>'><meta charset=gbk>"), "gbk");
  EXPECT_EQ(PrescanForEncoding("<!DOCTYPE html><?php x ?><meta charset=gbk>"), "gbk");
  EXPECT_EQ(PrescanForEncoding("<metadata charset=koi8-r><meta charset=gbk>"), "gbk");
  EXPECT_EQ(PrescanForEncoding("<script>'<meta charset=gbk>'</script>"),
            "gbk");  // no script state, as specified
}

TEST(Prescan, RunningOutOfBytesFindsNothing) {
  EXPECT_EQ(PrescanForEncoding("<!-- unterminated <meta charset=koi8-r>"), "");
  EXPECT_EQ(PrescanForEncoding("<meta charset=koi8-r"), "");
  EXPECT_EQ(PrescanForEncoding("<div title='<meta charset=koi8-r>"), "");
  EXPECT_EQ(PrescanForEncoding(""), "");
  EXPECT_EQ(PrescanForEncoding("<"), "");
}

TEST(SniffEncoding, ByteOrderMarkThenHeaderThenMetaThenContent) {
  SniffedEncoding bom = SniffEncoding("\xEF\xBB\xBF<meta charset=koi8-r>", "text/html; charset=big5");
  EXPECT_EQ(bom.encoding, "utf-8");
  EXPECT_EQ(bom.source, EncodingSource::kByteOrderMark);
  EXPECT_EQ(bom.bom_length, 3u);
  EXPECT_EQ(SniffEncoding("\xFE\xFF", "text/html; charset=utf-8").encoding, "utf-16be");
  EXPECT_EQ(SniffEncoding("\xFF\xFE<\0", "").encoding, "utf-16le");

  SniffedEncoding header = SniffEncoding("<meta charset=koi8-r>", "text/html; charset=big5");
  EXPECT_EQ(header.encoding, "big5");
  EXPECT_EQ(header.source, EncodingSource::kContentType);
  EXPECT_EQ(header.bom_length, 0u);

  SniffedEncoding meta = SniffEncoding("<meta charset=koi8-r>", "text/html; charset=bogus");
  EXPECT_EQ(meta.encoding, "koi8-r");
  EXPECT_EQ(meta.source, EncodingSource::kMeta);
  EXPECT_EQ(SniffEncoding("<meta charset=koi8-r>", "").encoding, "koi8-r");
}

TEST(SniffEncoding, OnlyTheFirst1024BytesArePrescanned) {
  const std::string padding(1024 - 21, ' ');
  EXPECT_EQ(SniffEncoding(padding + "<meta charset=koi8-r>", "").encoding, "koi8-r");  // ends at byte 1024
  EXPECT_EQ(SniffEncoding(padding + " <meta charset=koi8-r>", "").encoding, "utf-8");  // one byte too far
  EXPECT_EQ(SniffEncoding(std::string(1100, ' ') + "<meta charset=koi8-r>", "").source,
            EncodingSource::kContent);
}

TEST(SniffEncoding, WithoutADeclarationValidUtf8IsUtf8AndAnythingElseWindows1252) {
  EXPECT_EQ(SniffEncoding("plain ascii", "text/html").encoding, "utf-8");
  EXPECT_EQ(SniffEncoding("caf\xC3\xA9", "text/html").encoding, "utf-8");
  EXPECT_EQ(SniffEncoding("caf\xE9", "text/html").encoding, "windows-1252");
  EXPECT_EQ(SniffEncoding("<meta charset=klingon>caf\xE9", "text/html; charset=vulcan").encoding,
            "windows-1252");
  // A body cut by the size cap in the middle of a character is still UTF-8 ...
  EXPECT_EQ(SniffEncoding("caf\xC3\xA9 \xE6\x97", "").encoding, "utf-8");
  EXPECT_EQ(SniffEncoding("\xC3\xA9\xF0\x9F\x98", "").encoding, "utf-8");
  // A last byte that could start a sequence, with no other non-ASCII byte, is no evidence of UTF-8.
  EXPECT_EQ(SniffEncoding("caf\xE9", "").encoding, "windows-1252");
  EXPECT_EQ(SniffEncoding("\xF0\x9F\x98", "").encoding, "windows-1252");
  // ... but not a body whose bad byte is elsewhere, or whose last sequence is complete but wrong.
  EXPECT_EQ(SniffEncoding("caf\xE9 \xE6\x97", "").encoding, "windows-1252");
  EXPECT_EQ(SniffEncoding("ok \xC0\xAF", "").encoding, "windows-1252");
  EXPECT_EQ(SniffEncoding("\x80\x80\x80", "").encoding, "windows-1252");
}

TEST(LooksLikeUtf8, Cases) {
  EXPECT_TRUE(LooksLikeUtf8(""));
  EXPECT_TRUE(LooksLikeUtf8("ascii"));
  EXPECT_TRUE(LooksLikeUtf8("\xC3\xA9"));
  EXPECT_TRUE(LooksLikeUtf8("\xC3\xA9 a\xF0\x9F\x98"));
  EXPECT_FALSE(LooksLikeUtf8("a\xF0\x9F\x98"));  // only the cut character is non-ASCII
  EXPECT_FALSE(LooksLikeUtf8("\xE6"));
  EXPECT_FALSE(LooksLikeUtf8("\xC3\xA9 a\xF0\x9F\x98\x80\x80"));
  EXPECT_FALSE(LooksLikeUtf8("\xC3\xA9\xFF"));
  EXPECT_FALSE(LooksLikeUtf8("\xC3\xA9\x80"));
}

}  // namespace
}  // namespace arachne
