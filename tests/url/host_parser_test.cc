#include "url/host_parser.h"

#include <gtest/gtest.h>

#include <string>

#include "url/percent_encode.h"

namespace arachne {
namespace {

std::string Host(std::string_view input, bool special = true) {
  std::string out;
  const char* error = ParseHost(input, special, out);
  return error == nullptr ? out : "error";
}

TEST(HostParserTest, Domains) {
  EXPECT_EQ(Host("Example.COM"), "example.com");
  EXPECT_EQ(Host("%45xample.com"), "example.com");
  EXPECT_EQ(Host("ＧＯＯ.com"), "goo.com");  // UTS #46 maps fullwidth letters
  EXPECT_EQ(Host("www.foo\xE3\x80\x82"
                 "bar.com"),
            "www.foo.bar.com");  // and U+3002 to '.'
  EXPECT_EQ(Host("XN--pokxncvks"), "xn--pokxncvks");
  EXPECT_EQ(Host("a..b"), "a..b");
  EXPECT_EQ(Host("\xC2\xAD"), "error");  // only an ignored code point: empty
  EXPECT_EQ(Host("a<b"), "error");
  EXPECT_EQ(Host("a%25b"), "error");
}

TEST(HostParserTest, NumbersAreIpv4) {
  EXPECT_EQ(Host("0x7f.1"), "127.0.0.1");
  EXPECT_EQ(Host("%30x7f.1"), "127.0.0.1");
  EXPECT_EQ(Host("foo.09"), "error");
  EXPECT_EQ(Host("[::1]"), "[::1]");
  EXPECT_EQ(Host("[::1"), "error");
}

TEST(HostParserTest, OpaqueHosts) {
  EXPECT_EQ(Host("Ex%41mple", /*special=*/false), "Ex%41mple");  // kept as written
  EXPECT_EQ(Host("h\xC3\xBC", /*special=*/false), "h%C3%BC");
  EXPECT_EQ(Host("1.2.3", /*special=*/false), "1.2.3");
  EXPECT_EQ(Host("a b", /*special=*/false), "error");
  EXPECT_EQ(Host("[::1]", /*special=*/false), "[::1]");
}

TEST(PercentEncodeTest, Sets) {
  std::string out;
  percent_encode::AppendEncoded(out, "a b\"#<>?`{}^'", percent_encode::kPath);
  EXPECT_EQ(out, "a%20b%22%23%3C%3E%3F%60%7B%7D%5E'");
  out.clear();
  percent_encode::AppendEncoded(out, "'#?", percent_encode::kSpecialQuery);
  EXPECT_EQ(out, "%27%23?");
  out.clear();
  percent_encode::AppendEncoded(out, "u@s:x/", percent_encode::kUserinfo);
  EXPECT_EQ(out, "u%40s%3Ax%2F");
  EXPECT_EQ(percent_encode::Decode("%41%4a%zz%4"), "AJ%zz%4");
}

}  // namespace
}  // namespace arachne
