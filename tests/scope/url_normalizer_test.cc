#include "scope/url_normalizer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "arachne/config.h"

namespace arachne {
namespace {

const std::vector<std::string> kDefaultDrop = UrlNormalizer::DefaultDroppedParams();

UrlNormalizer Make(std::vector<std::string> drop, bool sort) {
  Result<UrlNormalizer> n = UrlNormalizer::Create({std::move(drop), sort});
  EXPECT_TRUE(n.ok()) << n.status().ToString();
  return std::move(*n);
}

std::string Norm(const std::string& url, std::vector<std::string> drop = kDefaultDrop, bool sort = false) {
  Result<Url> parsed = Url::Parse(url);
  EXPECT_TRUE(parsed.ok()) << url;
  if (!parsed.ok()) return "<unparsable>";
  return Make(std::move(drop), sort).Normalize(*parsed);
}

std::string Sorted(const std::string& url, std::vector<std::string> drop = kDefaultDrop) {
  return Norm(url, std::move(drop), true);
}

// Normalize(Parse(Normalize(u))) == Normalize(u), with and without sorting.
void ExpectIdempotent(const UrlNormalizer& n, const Url& url) {
  const std::string once = n.Normalize(url);
  Result<Url> again = Url::Parse(once);
  ASSERT_TRUE(again.ok()) << once;
  EXPECT_EQ(n.Normalize(*again), once) << url.href();
}

void ExpectIdempotent(const std::string& input) {
  Result<Url> url = Url::Parse(input);
  ASSERT_TRUE(url.ok()) << input;
  for (bool sort : {false, true}) {
    for (const auto& drop : {kDefaultDrop, std::vector<std::string>{}}) ExpectIdempotent(Make(drop, sort), *url);
  }
}

TEST(UrlNormalizer, WhatTheParserAlreadyDidStays) {
  EXPECT_EQ(Norm("HTTP://Example.COM:80/a/./b/../c#frag"), "http://example.com/a/c");
  EXPECT_EQ(Norm("https://bücher.example/"), "https://xn--bcher-kva.example/");
  EXPECT_EQ(Norm("https://a:443/%2e%2E/x"), "https://a/x");
}

TEST(UrlNormalizer, FragmentGoes) {
  EXPECT_EQ(Norm("http://a/p?x=1#f"), "http://a/p?x=1");
  EXPECT_EQ(Norm("http://a/p#?utm_source=x"), "http://a/p");
  EXPECT_EQ(Norm("http://a/p#"), "http://a/p");
}

TEST(UrlNormalizer, UnreservedEscapesAreDecoded) {
  EXPECT_EQ(Norm("http://a/%7Euser/%41%62%2d%5F%2E%30"), "http://a/~user/Ab-_.0");
  EXPECT_EQ(Norm("http://a/p?%6b=%7a%7A"), "http://a/p?k=zz");
}

TEST(UrlNormalizer, OtherEscapesGetUppercaseHex) {
  EXPECT_EQ(Norm("http://a/x%2fy%3a%e2%82%ac"), "http://a/x%2Fy%3A%E2%82%AC");
  EXPECT_EQ(Norm("http://a/p?q=%7e%2b%26%3d%23%3f"), "http://a/p?q=~%2B%26%3D%23%3F");
}

TEST(UrlNormalizer, PercentItselfStaysEncoded) {
  EXPECT_EQ(Norm("http://a/100%25"), "http://a/100%25");
  EXPECT_EQ(Norm("http://a/%25%34%31"), "http://a/%2541");  // "%41" spelled out, not "A"
}

TEST(UrlNormalizer, MalformedEscapesAreLeftAlone) {
  EXPECT_EQ(Norm("http://a/%"), "http://a/%");
  EXPECT_EQ(Norm("http://a/%zz%4"), "http://a/%zz%4");
  EXPECT_EQ(Norm("http://a/p?x=%4"), "http://a/p?x=%4");
  EXPECT_EQ(Norm("http://a/p?x=%"), "http://a/p?x=%");
  EXPECT_EQ(Norm("http://a/%%41"), "http://a/%%41");  // "A" is a hex digit; see below
  EXPECT_EQ(Norm("http://a/%g1%1g"), "http://a/%g1%1g");
}

// Decoding must not complete a stray '%' into an escape that was not there.
TEST(UrlNormalizer, DecodingMakesNoNewEscape) {
  EXPECT_EQ(Norm("http://a/%4%31"), "http://a/%4%31");      // not "%41", which is "A"
  EXPECT_EQ(Norm("http://a/%%34%31"), "http://a/%%341");    // not "%41"
  EXPECT_EQ(Norm("http://a/%a%62"), "http://a/%a%62");      // lowercase hex too
  EXPECT_EQ(Norm("http://a/p?%%34%31=1"), "http://a/p?%%341=1");
  EXPECT_EQ(Norm("http://a/%4%2f"), "http://a/%4%2F");      // '/' is not decoded anyway
  EXPECT_EQ(Norm("http://a/%4%7e"), "http://a/%4~");        // '~' is no hex digit
  ExpectIdempotent("http://a/%4%31");
  ExpectIdempotent("http://a/%%34%31");
  ExpectIdempotent("http://a/p?%%34%31=1&%4%31");
}

TEST(UrlNormalizer, NonAsciiStaysEncoded) {
  EXPECT_EQ(Norm("http://a/é?q=ü"), "http://a/%C3%A9?q=%C3%BC");
  EXPECT_EQ(Norm("http://a/%c3%a9?q=%c3%bc"), "http://a/%C3%A9?q=%C3%BC");
  EXPECT_EQ(Norm("http://a/\xff"), "http://a/%FF");  // not UTF-8: still one escape per byte
  EXPECT_EQ(Norm("http://a/p?%C3%BCtm_x=1&utm_%C3%BC=2"), "http://a/p?%C3%BCtm_x=1");
}

TEST(UrlNormalizer, OnlyPathAndQueryAreTouched) {
  EXPECT_EQ(Norm("http://us%65r:p%61ss@a:8080/%7e"), "http://us%65r:p%61ss@a:8080/~");
}

TEST(UrlNormalizer, DroppedParametersGo) {
  EXPECT_EQ(Norm("http://a/p?utm_source=x&id=3&utm_medium=y"), "http://a/p?id=3");
  EXPECT_EQ(Norm("http://a/p?PHPSESSID=1&x"), "http://a/p?x");
  EXPECT_EQ(Norm("http://a/p?JSessionId=1&aspsessionid=2&sessionid=3&SID=4&k=v"), "http://a/p?k=v");
  EXPECT_EQ(Norm("http://a/p?sid=1&side=2&xsid=3"), "http://a/p?side=2&xsid=3");  // anchored: whole names
  EXPECT_EQ(Norm("http://a/p?%75tm_source=x&k"), "http://a/p?k");                 // names are matched decoded
  EXPECT_EQ(Norm("http://a/p?utm_source&k"), "http://a/p?k");                     // a name without '='
  EXPECT_EQ(Norm("http://a/p?k=utm_source&utm_=1"), "http://a/p?k=utm_source");   // values are not names
  EXPECT_EQ(Norm("http://a/p?=utm_x&k"), "http://a/p?=utm_x&k");                  // empty name
  EXPECT_EQ(Norm("http://a/p?sid%3D1=2"), "http://a/p?sid%3D1=2");                // name is "sid=1"
}

TEST(UrlNormalizer, PatternsAreSearchedUnanchored) {
  EXPECT_EQ(Norm("http://a/p?sid=1&side=2&k=3", {"sid"}), "http://a/p?k=3");
  EXPECT_EQ(Norm("http://a/p?my+ref=1&k=3", {"my ref"}), "http://a/p?k=3");  // '+' reads as a space
  EXPECT_EQ(Norm("http://a/p?UTM_source=1", kDefaultDrop), "http://a/p?UTM_source=1");  // "^utm_" has case
}

TEST(UrlNormalizer, AQueryLeftEmptyGoes) {
  EXPECT_EQ(Norm("http://a/p?utm_source=x"), "http://a/p");
  EXPECT_EQ(Norm("http://a/p?utm_source=x&utm_medium=y&jsessionid=z"), "http://a/p");
  EXPECT_EQ(Norm("http://a/p?utm_source=x&"), "http://a/p");
  EXPECT_EQ(Sorted("http://a/p?utm_source=x"), "http://a/p");
  EXPECT_EQ(Sorted("http://a/p?utm_source=x&"), "http://a/p");
  EXPECT_EQ(Norm("http://a/?utm_source=x#f"), "http://a/");
}

TEST(UrlNormalizer, AnEmptyQueryStays) {
  // RFC 3986 section 6.2.3: "http://example.com/?" cannot be assumed equivalent to "http://example.com/".
  EXPECT_EQ(Norm("http://a/p?"), "http://a/p?");
  EXPECT_EQ(Norm("http://a/p?", {}), "http://a/p?");
  EXPECT_EQ(Sorted("http://a/p?"), "http://a/p?");
  EXPECT_EQ(Norm("http://a/p"), "http://a/p");
}

TEST(UrlNormalizer, EmptyAndValuelessParametersAreKept) {
  EXPECT_EQ(Norm("http://a/p?a&&b="), "http://a/p?a&&b=");
  EXPECT_EQ(Norm("http://a/p?a&b="), "http://a/p?a&b=");
  EXPECT_EQ(Norm("http://a/p?&"), "http://a/p?&");
  EXPECT_EQ(Norm("http://a/p?a&utm_x=1&&b"), "http://a/p?a&&b");
  EXPECT_EQ(Norm("http://a/p?==&="), "http://a/p?==&=");
}

TEST(UrlNormalizer, RepeatedNamesAreAllKeptOrAllDropped) {
  EXPECT_EQ(Norm("http://a/p?a=1&a=2&a=1"), "http://a/p?a=1&a=2&a=1");
  EXPECT_EQ(Norm("http://a/p?sid=1&a=1&sid=2"), "http://a/p?a=1");
}

TEST(UrlNormalizer, PathParametersNamedLikeDroppedOnesGo) {
  EXPECT_EQ(Norm("http://a/shop;jsessionid=ABC123?item=2"), "http://a/shop?item=2");
  EXPECT_EQ(Norm("http://a/a;jsessionid=ABC?x"), "http://a/a?x");
  EXPECT_EQ(Norm("http://a/a;JSESSIONID=ABC"), "http://a/a");
  EXPECT_EQ(Norm("http://a/x;jsessionid=1/y;v=2"), "http://a/x/y;v=2");
  EXPECT_EQ(Norm("http://a/a;b;jsessionid=1;c=2"), "http://a/a;b;c=2");
  EXPECT_EQ(Norm("http://a/;jsessionid=1"), "http://a/");
  EXPECT_EQ(Norm("http://a/a;"), "http://a/a;");
  EXPECT_EQ(Norm("http://a/a;;b"), "http://a/a;;b");
  EXPECT_EQ(Norm("http://a/a;%6Asessionid=1;%7e"), "http://a/a;~");
}

TEST(UrlNormalizer, PathParametersStayWhenNothingDropsThem) {
  EXPECT_EQ(Norm("http://a/x;v=2", {}), "http://a/x;v=2");
  EXPECT_EQ(Norm("http://a/x;jsessionid=1", {}), "http://a/x;jsessionid=1");
  EXPECT_EQ(Norm("http://a/x;jsessionid=1", {"^utm_"}), "http://a/x;jsessionid=1");
}

// Without its parameter "..;jsessionid=1" would be "..", which the parser resolves: another URL.
TEST(UrlNormalizer, DotSegmentsKeepTheirPathParameters) {
  EXPECT_EQ(Norm("http://a/x/..;jsessionid=1/y"), "http://a/x/..;jsessionid=1/y");
  EXPECT_EQ(Norm("http://a/x/.;jsessionid=1/y"), "http://a/x/.;jsessionid=1/y");
  EXPECT_EQ(Norm("http://a/x/%2e%2E;jsessionid=1/y"), "http://a/x/..;jsessionid=1/y");
  EXPECT_EQ(Norm("http://a/x/.%2E;jsessionid=1/y"), "http://a/x/..;jsessionid=1/y");
  EXPECT_EQ(Norm("http://a/x/...;jsessionid=1/y"), "http://a/x/.../y");
  EXPECT_EQ(Norm("http://a/x/%2e%2;jsessionid=1/y"), "http://a/x/.%2/y");
  ExpectIdempotent("http://a/x/..;jsessionid=1/y");
  ExpectIdempotent("http://a/x/%2e;jsessionid=1/y");
}

TEST(UrlNormalizer, SortingIsStableByName) {
  EXPECT_EQ(Sorted("http://a/p?b=2&a=1&b=1&a=0", {}), "http://a/p?a=1&a=0&b=2&b=1");
  EXPECT_EQ(Norm("http://a/p?b=2&a=1", {}, false), "http://a/p?b=2&a=1");
  EXPECT_EQ(Sorted("http://a/p?b&a=2&a&a=1"), "http://a/p?a=2&a&a=1&b");  // "a" and "a=2" are one name
  EXPECT_EQ(Sorted("http://a/p?b=1&&a=1"), "http://a/p?&a=1&b=1");       // the empty name first
  EXPECT_EQ(Sorted("http://a/p?z=1&utm_source=x&a=1"), "http://a/p?a=1&z=1");
  EXPECT_EQ(Sorted("http://a/p?B=1&a=1"), "http://a/p?B=1&a=1");         // bytewise: 'B' < 'a'
}

// Sorting uses the normalized names, so that a sorted key sorts to itself.
TEST(UrlNormalizer, SortingSeesNormalizedNames) {
  EXPECT_EQ(Sorted("http://a/p?%62=1&a=2"), "http://a/p?a=2&b=1");
  EXPECT_EQ(Sorted("http://a/p?b=1&%61=2"), "http://a/p?a=2&b=1");
  EXPECT_EQ(Sorted("http://a/p?%62=1&b=0"), "http://a/p?b=1&b=0");
  ExpectIdempotent("http://a/p?%62=1&a=2&%2a=3&%7e=4&~=5");
}

TEST(UrlNormalizer, HugeQueriesWork) {
  std::string url = "http://a/p?", expected_kept = "http://a/p?";
  std::vector<std::string> names;
  for (int i = 0; i < 10000; ++i) {
    const std::string k = "k" + std::to_string(i);
    url += "utm_" + std::to_string(i) + "=1&" + k + "=%7e&";
    expected_kept += k + "=~&";  // the trailing empty parameter stays
    names.push_back(k);
  }
  std::sort(names.begin(), names.end());
  std::string expected_sorted = "http://a/p?";  // the empty parameter sorts first
  for (const std::string& k : names) expected_sorted += "&" + k + "=~";
  EXPECT_EQ(Norm(url), expected_kept);
  EXPECT_EQ(Sorted(url), expected_sorted);
  ExpectIdempotent(url);
}

TEST(UrlNormalizer, HundredKilobyteUrlsWork) {
  std::string url = "http://a/", expected = "http://a/";
  for (int i = 0; i < 10000; ++i) {
    url += "%7eseg%2f%4;x/";
    expected += "~seg%2F%4;x/";
  }
  url += "?";
  expected += "?";
  for (int i = 0; i < 5000; ++i) {
    url += "a=%41%&";
    expected += "a=A%&";
  }
  ASSERT_GT(url.size(), 100000u);
  EXPECT_EQ(Norm(url), expected);
  ExpectIdempotent(url);
}

TEST(UrlNormalizer, BadPatternIsAnError) {
  Result<UrlNormalizer> n = UrlNormalizer::Create({{"^utm_", "(unclosed"}, false});
  ASSERT_FALSE(n.ok());
  EXPECT_NE(n.status().message().find("drop_query_params"), std::string::npos);
  EXPECT_NE(n.status().message().find("(unclosed"), std::string::npos);
  EXPECT_FALSE(UrlNormalizer::Create({{"a**"}, true}).ok());
  EXPECT_TRUE(UrlNormalizer::Create({{}, true}).ok());
}

TEST(UrlNormalizer, DefaultsAreTheConfigDefaults) {
  EXPECT_EQ(UrlNormalizer::DefaultDroppedParams(), UrlsConfig{}.drop_query_params);
  EXPECT_TRUE(UrlNormalizer::Create({UrlNormalizer::DefaultDroppedParams(), false}).ok());
}

TEST(UrlNormalizer, TrickyUrlsAreIdempotent) {
  for (const char* input : {"http://a/%", "http://a/%%", "http://a/%%%41", "http://a/%2%34%31", "http://a/p?%",
                            "http://a/p?&&&", "http://a/p?a=b=c&a", "http://a/p?%26=%3D&%3D=%26",
                            "http://a/p?+=1&%2B=2&%20=3", "http://a/;a;b/;c?x;y", "http://a/p?utm_x&",
                            "http://a/%2e%2e%2f", "http://a/p?q=%c3%a9&Q=%C3%A9", "https://a/%7E%7e~"}) {
    ExpectIdempotent(input);
  }
}

Result<Url> ParseWptCase(const nlohmann::json& c) {
  const std::string input = c["input"].get<std::string>();
  if (!c.contains("base") || c["base"].is_null()) return Url::Parse(input);
  Result<Url> base = Url::Parse(c["base"].get<std::string>());
  if (!base.ok()) return base.status();
  return Url::Parse(input, *base);
}

// A normalized URL is its own key, over every http(s) URL of the WPT data (see tests/data/url/README.md).
TEST(UrlNormalizer, IsIdempotentOverTheWptData) {
  std::ifstream in(std::string(ARACHNE_TEST_DATA_DIR) + "/url/urltestdata.json");
  ASSERT_TRUE(in);
  const nlohmann::json cases = nlohmann::json::parse(in);
  const UrlNormalizer normalizers[] = {Make(kDefaultDrop, false), Make(kDefaultDrop, true), Make({}, false),
                                       Make({"."}, true)};
  int checked = 0;
  for (const auto& c : cases) {
    if (!c.is_object() || c.value("failure", false)) continue;  // strings in the file are comments
    Result<Url> url = ParseWptCase(c);
    if (!url.ok() || !url->is_http()) continue;
    SCOPED_TRACE(c["input"].dump());
    for (const UrlNormalizer& n : normalizers) ExpectIdempotent(n, *url);
    ++checked;
  }
  EXPECT_GT(checked, 200);
}

}  // namespace
}  // namespace arachne
