#include "export/csv_field.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace arachne {
namespace {

using namespace std::string_literals;

std::string Field(std::string_view text) {
  std::string out;
  AppendCsvField(out, text);
  return out;
}

TEST(AppendCsvField, PlainTextIsWrittenAsItIs) {
  EXPECT_EQ(Field("http://127.0.0.1/a?b=c;d"), "http://127.0.0.1/a?b=c;d");
  EXPECT_EQ(Field(""), "");
}

// RFC 4180 section 2, rule 4: spaces are part of a field, so they need no quotes; nor does a tab.
TEST(AppendCsvField, SpacesAndTabsAreNotQuoted) {
  EXPECT_EQ(Field("  two words\t"), "  two words\t");
}

// Section 2, rule 6: a comma, a quotation mark, CR or LF each make the field quoted.
TEST(AppendCsvField, EachSpecialCharacterAloneQuotesTheField) {
  EXPECT_EQ(Field("a,b"), "\"a,b\"");
  EXPECT_EQ(Field("cr\ronly"), "\"cr\ronly\"");
  EXPECT_EQ(Field("lf\nonly"), "\"lf\nonly\"");
  EXPECT_EQ(Field(","), "\",\"");
}

// Section 2, rule 7: a quotation mark inside a quoted field is doubled.
TEST(AppendCsvField, QuotesAreDoubled) {
  EXPECT_EQ(Field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(Field("\""), "\"\"\"\"");
  EXPECT_EQ(Field("\"\""), "\"\"\"\"\"\"");
}

TEST(AppendCsvField, AppendsToWhatIsThere) {
  std::string out = "url,";
  AppendCsvField(out, "a,b");
  out += ',';
  AppendCsvField(out, "c");
  EXPECT_EQ(out, "url,\"a,b\",c");
}

TEST(AppendCsvField, ValidUtf8IsKept) {
  EXPECT_EQ(Field("caf\xC3\xA9 \xE6\x97\xA5 \xF0\x9F\x98\x80"), "caf\xC3\xA9 \xE6\x97\xA5 \xF0\x9F\x98\x80");
}

TEST(AppendCsvField, IllFormedUtf8IsReplaced) {
  EXPECT_EQ(Field("a\xFF"
                  "b"),
            "a\xEF\xBF\xBD"
            "b");
  // A surrogate's encoding is three ill-formed subparts: three replacement characters.
  EXPECT_EQ(Field("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  // A lead byte cut off at the end of the text.
  EXPECT_EQ(Field("end\xC3"), "end\xEF\xBF\xBD");
}

TEST(AppendCsvField, IllFormedUtf8WithSpecialCharactersIsReplacedAndQuoted) {
  EXPECT_EQ(Field("a,\xFF\"b\""), "\"a,\xEF\xBF\xBD\"\"b\"\"\"");
  EXPECT_EQ(Field("\xC3\n"), "\"\xEF\xBF\xBD\n\"");
}

// A NUL byte is well-formed UTF-8 and no CSV delimiter: it is kept, unquoted.
TEST(AppendCsvField, NulIsKept) {
  EXPECT_EQ(Field("a\0b"s), "a\0b"s);
}

}  // namespace
}  // namespace arachne
