#include "scope/url_normalizer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

namespace arachne {
namespace {

const std::vector<std::string> kDefaultDrop = {"^utm_", "^(?i:jsessionid|phpsessid|aspsessionid|sessionid|sid)$"};

std::string Norm(const std::string& url, std::vector<std::string> drop = kDefaultDrop, bool sort = false) {
  Result<UrlNormalizer> n = UrlNormalizer::Create({std::move(drop), sort});
  EXPECT_TRUE(n.ok()) << n.status().ToString();
  Result<Url> parsed = Url::Parse(url);
  EXPECT_TRUE(parsed.ok()) << url;
  return n->Normalize(*parsed);
}

TEST(UrlNormalizer, WhatTheParserAlreadyDidStays) {
  EXPECT_EQ(Norm("HTTP://Example.COM:80/a/./b/../c#frag"), "http://example.com/a/c");
  EXPECT_EQ(Norm("https://bücher.example/"), "https://xn--bcher-kva.example/");
}

TEST(UrlNormalizer, PercentEncodingIsNormalized) {
  EXPECT_EQ(Norm("http://a/%7Euser/%41%62%2d%5F%2E"), "http://a/~user/Ab-_.");
  EXPECT_EQ(Norm("http://a/x%2fy%3a%e2%82%ac"), "http://a/x%2Fy%3A%E2%82%AC");
  EXPECT_EQ(Norm("http://a/p?q=%7e%2b%26"), "http://a/p?q=~%2B%26");
}

TEST(UrlNormalizer, MalformedEscapesAreLeftAlone) {
  EXPECT_EQ(Norm("http://a/%"), "http://a/%");
  EXPECT_EQ(Norm("http://a/%zz%4"), "http://a/%zz%4");
  EXPECT_EQ(Norm("http://a/p?x=%4"), "http://a/p?x=%4");
  EXPECT_EQ(Norm("http://a/%%41"), "http://a/%A");
}

TEST(UrlNormalizer, DroppedParametersGo) {
  EXPECT_EQ(Norm("http://a/p?utm_source=x&id=3&utm_medium=y"), "http://a/p?id=3");
  EXPECT_EQ(Norm("http://a/p?utm_source=x"), "http://a/p");
  EXPECT_EQ(Norm("http://a/p?PHPSESSID=1&x"), "http://a/p?x");
  EXPECT_EQ(Norm("http://a/p?sid=1&side=2"), "http://a/p?side=2");  // anchored patterns: "side" stays
  EXPECT_EQ(Norm("http://a/p?%75tm_source=x&k"), "http://a/p?k");    // names are matched decoded
}

TEST(UrlNormalizer, PathParametersNamedLikeDroppedOnesGo) {
  EXPECT_EQ(Norm("http://a/shop;jsessionid=ABC123?item=2"), "http://a/shop?item=2");
  EXPECT_EQ(Norm("http://a/x;jsessionid=1/y;v=2"), "http://a/x/y;v=2");
  EXPECT_EQ(Norm("http://a/x;v=2", {}), "http://a/x;v=2");
}

TEST(UrlNormalizer, EmptyAndValuelessParametersAreKept) {
  EXPECT_EQ(Norm("http://a/p?a&&b="), "http://a/p?a&&b=");
  EXPECT_EQ(Norm("http://a/p?"), "http://a/p?");
  EXPECT_EQ(Norm("http://a/p?", {}), "http://a/p?");
}

TEST(UrlNormalizer, SortingIsStableByName) {
  EXPECT_EQ(Norm("http://a/p?b=2&a=1&b=1&a=0", {}, true), "http://a/p?a=1&a=0&b=2&b=1");
  EXPECT_EQ(Norm("http://a/p?b=2&a=1", {}, false), "http://a/p?b=2&a=1");
}

TEST(UrlNormalizer, HugeQueriesWork) {
  std::string url = "http://a/p?";
  for (int i = 0; i < 10000; ++i) url += "utm_" + std::to_string(i) + "=1&k" + std::to_string(i) + "=2&";
  std::string n = Norm(url, kDefaultDrop, true);
  EXPECT_EQ(n.find("utm_"), std::string::npos);
  EXPECT_NE(n.find("k9999=2"), std::string::npos);
}

TEST(UrlNormalizer, BadPatternIsAnError) {
  Result<UrlNormalizer> n = UrlNormalizer::Create({{"(unclosed"}, false});
  ASSERT_FALSE(n.ok());
  EXPECT_NE(n.status().message().find("drop_query_params"), std::string::npos);
  EXPECT_NE(n.status().message().find("(unclosed"), std::string::npos);
}

// A normalized URL is its own key, over every http(s) URL of the WPT data.
TEST(UrlNormalizer, IsIdempotentOverTheWptData) {
  std::ifstream in(std::string(ARACHNE_TEST_DATA_DIR) + "/url/urltestdata.json");
  ASSERT_TRUE(in);
  nlohmann::json cases = nlohmann::json::parse(in);
  Result<UrlNormalizer> n = UrlNormalizer::Create({kDefaultDrop, true});
  ASSERT_TRUE(n.ok());
  int checked = 0;
  for (const auto& c : cases) {
    if (!c.is_object() || c.contains("failure")) continue;
    Result<Url> url = c.contains("base") && !c["base"].is_null()
                          ? [&]() -> Result<Url> {
                              Result<Url> base = Url::Parse(c["base"].get<std::string>());
                              if (!base.ok()) return base.status();
                              return Url::Parse(c["input"].get<std::string>(), *base);
                            }()
                          : Url::Parse(c["input"].get<std::string>());
    if (!url.ok() || !url->is_http()) continue;
    std::string once = n->Normalize(*url);
    Result<Url> again = Url::Parse(once);
    ASSERT_TRUE(again.ok()) << once;
    EXPECT_EQ(n->Normalize(*again), once) << c["input"];
    ++checked;
  }
  EXPECT_GT(checked, 100);
}

}  // namespace
}  // namespace arachne
