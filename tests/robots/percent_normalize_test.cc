#include "robots/percent_normalize.h"

#include <gtest/gtest.h>

namespace arachne {
namespace {

TEST(PercentNormalize, NonAsciiOctetsAreEncoded) {
  EXPECT_EQ(NormalizePercentEncoding("/caf\xC3\xA9"), "/caf%C3%A9");
  EXPECT_EQ(NormalizePercentEncoding("/\xE3\x83\x84"), "/%E3%83%84");
  EXPECT_EQ(NormalizePercentEncoding(std::string("/a\xFF\0b", 5)), "/a%FF%00b");
}

TEST(PercentNormalize, UnreservedEscapesAreDecodedOthersUppercased) {
  // RFC 9309 section 2.2.2's example, and RFC 3986 section 2.3's unreserved set.
  EXPECT_EQ(NormalizePercentEncoding("/foo/bar/%62%61%7A"), "/foo/bar/baz");
  EXPECT_EQ(NormalizePercentEncoding("/%41%30%2D%2E%5F%7E"), "/A0-._~");
  EXPECT_EQ(NormalizePercentEncoding("/a%2fb%3f%e3%83%84"), "/a%2Fb%3F%E3%83%84");
  // Decoding must not make a wildcard or an anchor of an escaped one.
  EXPECT_EQ(NormalizePercentEncoding("/%2a%24"), "/%2A%24");
}

TEST(PercentNormalize, SpacesAndControlsAreEncoded) {
  EXPECT_EQ(NormalizePercentEncoding("/a b\t\x7F"), "/a%20b%09%7F");
}

TEST(PercentNormalize, StrayPercentSignsStay) {
  EXPECT_EQ(NormalizePercentEncoding("/100%"), "/100%");
  EXPECT_EQ(NormalizePercentEncoding("/%zz%4"), "/%zz%4");
}

TEST(PercentNormalize, WhatIsAlreadyNormalNeedsNoCopy) {
  for (const char* text : {"/", "/a/b?c=d&e", "/%E3%83%84", "/100%", "/%2F", "", "/*.pdf$"}) {
    EXPECT_TRUE(IsPercentNormalized(text)) << text;
    EXPECT_EQ(NormalizePercentEncoding(text), text);
  }
  for (const char* text : {"/%e3", "/%41", "/a b", "/caf\xC3\xA9", "/%7e"}) {
    EXPECT_FALSE(IsPercentNormalized(text)) << text;
    EXPECT_NE(NormalizePercentEncoding(text), text);
  }
}

}  // namespace
}  // namespace arachne
