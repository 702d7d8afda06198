#include "parser/encoding_label.h"

#include <gtest/gtest.h>

namespace arachne {
namespace {

TEST(EncodingLabel, AliasesMapAsTheEncodingStandardSays) {
  EXPECT_EQ(EncodingForLabel("utf-8"), "utf-8");
  EXPECT_EQ(EncodingForLabel("UTF8"), "utf-8");
  EXPECT_EQ(EncodingForLabel("unicode-1-1-utf-8"), "utf-8");
  // Latin-1 and ASCII labels mean windows-1252 on the web.
  for (const char* label :
       {"iso-8859-1", "ISO_8859-1", "latin1", "l1", "us-ascii", "ascii", "cp1252", "x-cp1252"}) {
    EXPECT_EQ(EncodingForLabel(label), "windows-1252") << label;
  }
  EXPECT_EQ(EncodingForLabel("iso-8859-9"), "windows-1254");
  EXPECT_EQ(EncodingForLabel("tis-620"), "windows-874");
  EXPECT_EQ(EncodingForLabel("latin2"), "iso-8859-2");
  EXPECT_EQ(EncodingForLabel("iso_8859-15"), "iso-8859-15");
  EXPECT_EQ(EncodingForLabel("koi8_r"), "koi8-r");
  EXPECT_EQ(EncodingForLabel("koi8-ru"), "koi8-u");
  EXPECT_EQ(EncodingForLabel("cp1251"), "windows-1251");
  for (const char* label :
       {"shift_jis", "Shift_JIS", "sjis", "x-sjis", "ms932", "windows-31j", "shift-jis"}) {
    EXPECT_EQ(EncodingForLabel(label), "shift_jis") << label;
  }
  EXPECT_EQ(EncodingForLabel("euc-jp"), "euc-jp");
  EXPECT_EQ(EncodingForLabel("iso-2022-jp"), "iso-2022-jp");
  for (const char* label : {"gbk", "gb2312", "GB2312", "x-gbk", "chinese", "csgb2312"}) {
    EXPECT_EQ(EncodingForLabel(label), "gbk") << label;
  }
  EXPECT_EQ(EncodingForLabel("gb18030"), "gb18030");
  EXPECT_EQ(EncodingForLabel("big5-hkscs"), "big5");
  EXPECT_EQ(EncodingForLabel("ks_c_5601-1987"), "euc-kr");
  EXPECT_EQ(EncodingForLabel("cseucpkdfmtjapanese"), "euc-jp");  // the longest label
  EXPECT_EQ(EncodingForLabel("x-user-defined"), "x-user-defined");
}

TEST(EncodingLabel, Utf16AndReplacementLabels) {
  EXPECT_EQ(EncodingForLabel("utf-16"), "utf-16le");
  EXPECT_EQ(EncodingForLabel("UTF-16LE"), "utf-16le");
  EXPECT_EQ(EncodingForLabel("utf-16be"), "utf-16be");
  EXPECT_EQ(EncodingForLabel("iso-2022-kr"), "replacement");
  EXPECT_EQ(EncodingForLabel("hz-gb-2312"), "replacement");
}

TEST(EncodingLabel, WhitespaceIsTrimmedAndUnknownLabelsAreEmpty) {
  EXPECT_EQ(EncodingForLabel(" \t latin1\n "), "windows-1252");
  EXPECT_EQ(EncodingForLabel("klingon"), "");
  EXPECT_EQ(EncodingForLabel(""), "");
  EXPECT_EQ(EncodingForLabel("utf 8"), "");
  EXPECT_EQ(EncodingForLabel("utf-8;"), "");
  EXPECT_EQ(EncodingForLabel(std::string(5000, 'a')), "");
}

}  // namespace
}  // namespace arachne
