#include "url/ip_address.h"

#include <gtest/gtest.h>

#include <string>

namespace arachne {
namespace {

std::string Ipv4(std::string_view input) {
  std::string out;
  const char* error = ParseIpv4(input, out);
  return error == nullptr ? out : std::string("error: ") + error;
}

std::string Ipv6(std::string_view input) {
  std::string out;
  const char* error = ParseIpv6(input, out);
  return error == nullptr ? out : "error";
}

TEST(Ipv4Test, NumberForms) {
  EXPECT_EQ(Ipv4("192.168.0.1"), "192.168.0.1");
  EXPECT_EQ(Ipv4("0xC0.0250.0.1"), "192.168.0.1");
  EXPECT_EQ(Ipv4("3232235521"), "192.168.0.1");
  EXPECT_EQ(Ipv4("192.11010049"), "192.168.0.1");
  EXPECT_EQ(Ipv4("1.2.3.4."), "1.2.3.4");
  EXPECT_EQ(Ipv4("0x"), "0.0.0.0");
}

TEST(Ipv4Test, Invalid) {
  EXPECT_NE(Ipv4("256.0.0.1").find("error"), std::string::npos);
  EXPECT_NE(Ipv4("1.2.3.4.5").find("error"), std::string::npos);
  EXPECT_NE(Ipv4("4294967296").find("error"), std::string::npos);
  EXPECT_NE(Ipv4("1.2.3.09").find("error"), std::string::npos);
  EXPECT_NE(Ipv4("1..2").find("error"), std::string::npos);
  EXPECT_NE(Ipv4("99999999999999999999999999999").find("error"), std::string::npos);
}

TEST(EndsInNumberTest, Cases) {
  EXPECT_TRUE(EndsInNumber("1.2.3.4"));
  EXPECT_TRUE(EndsInNumber("example.123"));
  EXPECT_TRUE(EndsInNumber("foo.0x10"));
  EXPECT_TRUE(EndsInNumber("foo.1."));
  EXPECT_FALSE(EndsInNumber("example.com"));
  EXPECT_FALSE(EndsInNumber("1.2.3.4x"));
  EXPECT_FALSE(EndsInNumber("."));
}

TEST(Ipv6Test, Serialization) {
  EXPECT_EQ(Ipv6("::1"), "::1");
  EXPECT_EQ(Ipv6("0:0:0:0:0:0:0:1"), "::1");
  EXPECT_EQ(Ipv6("2001:DB8:0:0:1:0:0:1"), "2001:db8::1:0:0:1");  // the first longest run
  EXPECT_EQ(Ipv6("1:0:0:2:0:0:0:3"), "1:0:0:2::3");
  EXPECT_EQ(Ipv6("1:2:3:4:5:6:7:0"), "1:2:3:4:5:6:7:0");  // one zero piece is not compressed
  EXPECT_EQ(Ipv6("::ffff:192.168.0.1"), "::ffff:c0a8:1");
  EXPECT_EQ(Ipv6("::"), "::");
}

TEST(Ipv6Test, Invalid) {
  for (const char* bad : {":1", "1:", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "::1.2.3", "::1.2.3.256",
                          "::01.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "g::", ""}) {
    EXPECT_EQ(Ipv6(bad), "error") << bad;
  }
}

}  // namespace
}  // namespace arachne
