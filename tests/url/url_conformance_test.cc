// The WHATWG URL Standard's own test cases (Web Platform Tests urltestdata.json; see
// tests/data/url/README.md): every http(s) case must pass; of the rest, the few listed in kKnownFailures
// are skipped with the reason.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "url/url.h"

namespace arachne {
namespace {

using nlohmann::json;

struct Case {
  std::size_t index;  // position in its file, to find it again
  json data;          // input, base, and href + components, or failure
};

// So that gtest names a failing case by its input, not by bytes.
void PrintTo(const Case& c, std::ostream* os) {
  *os << "#" << c.index << " " << c.data["input"].dump();
}

json LoadJson(const std::string& name) {
  std::ifstream in(std::string(ARACHNE_TEST_DATA_DIR) + "/url/" + name);
  if (!in) return json::array();
  return json::parse(in);
}

std::vector<Case> LoadCases(const std::string& name) {
  std::vector<Case> cases;
  const json all = LoadJson(name);
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].is_object()) cases.push_back({i, all[i]});  // strings in the file are comments
  }
  return cases;
}

std::optional<std::string> Base(const json& c) {
  if (!c.contains("base") || c["base"].is_null()) return std::nullopt;
  return c["base"].get<std::string>();
}

// What `new URL(input, base)` does: a base that fails to parse makes the whole parse fail.
Result<Url> ParseCase(const json& c) {
  const std::string input = c["input"].get<std::string>();
  const std::optional<std::string> base = Base(c);
  if (!base) return Url::Parse(input);
  Result<Url> parsed_base = Url::Parse(*base);
  if (!parsed_base.ok()) return parsed_base.status();
  return Url::Parse(input, *parsed_base);
}

std::string Describe(const json& c) {
  return "input " + json(c["input"]).dump() + " base " + (c.contains("base") ? c["base"].dump() : "null");
}

// Compares a parsed URL with a case's expected href and components (those the case has).
void ExpectMatches(const json& expected, const Result<Url>& parsed) {
  SCOPED_TRACE(Describe(expected));
  if (expected.value("failure", false)) {
    EXPECT_FALSE(parsed.ok()) << "parsed as " << parsed->href();
    return;
  }
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const Url& url = *parsed;
  EXPECT_EQ(url.href(), expected["href"].get<std::string>());
  auto expect_component = [&expected](const char* name, const std::string& actual) {
    if (expected.contains(name)) {
      EXPECT_EQ(actual, expected[name].get<std::string>()) << name;
    }
  };
  const std::string port = url.port().empty() ? "" : ":" + std::string(url.port());
  expect_component("protocol", std::string(url.scheme()) + ":");
  expect_component("username", std::string(url.username()));
  expect_component("password", std::string(url.password()));
  expect_component("hostname", std::string(url.host()));
  expect_component("host", std::string(url.host()) + port);
  expect_component("port", std::string(url.port()));
  expect_component("pathname", std::string(url.path()));
  expect_component("search", url.query().empty() ? "" : "?" + std::string(url.query()));
  expect_component("hash", url.fragment().empty() ? "" : "#" + std::string(url.fragment()));
  expect_component("origin", url.origin());
}

std::string CaseName(const testing::TestParamInfo<Case>& info) {
  std::string name = "case" + std::to_string(info.param.index) + "_";
  for (char c : info.param.data["input"].get<std::string>()) {
    if (name.size() >= 40) break;
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum) name += c;
  }
  return name;
}

// --- http_cases.json: all must pass, with the components urltestdata.json gives for the same case.

class HttpCaseTest : public testing::TestWithParam<Case> {};

const std::multimap<std::pair<std::string, std::string>, json>& FullCases() {
  static const auto* const cases = [] {
    auto* map = new std::multimap<std::pair<std::string, std::string>, json>;
    for (const Case& c : LoadCases("urltestdata.json")) {
      map->emplace(std::make_pair(c.data["input"].get<std::string>(), Base(c.data).value_or("\x01null")),
                   c.data);
    }
    return map;
  }();
  return *cases;
}

TEST_P(HttpCaseTest, MatchesStandard) {
  const json& c = GetParam().data;
  const Result<Url> parsed = ParseCase(c);
  ExpectMatches(c, parsed);
  const auto key = std::make_pair(c["input"].get<std::string>(), Base(c).value_or("\x01null"));
  const auto [begin, end] = FullCases().equal_range(key);
  ASSERT_NE(begin, end) << "case not found in urltestdata.json";
  for (auto it = begin; it != end; ++it) ExpectMatches(it->second, parsed);
}

INSTANTIATE_TEST_SUITE_P(Wpt, HttpCaseTest, testing::ValuesIn(LoadCases("http_cases.json")), CaseName);

TEST(HttpCases, AllLoaded) {
  EXPECT_EQ(LoadCases("http_cases.json").size(), 480u);
}

// --- urltestdata.json: everything, less the known failures below.

// Indices into urltestdata.json of cases this parser is known to get wrong, each with why. None may be an
// http(s) case (the http_cases suite above covers those, with no skips).
const std::map<std::size_t, const char*>& KnownFailures() {
  static const auto* const failures = new std::map<std::size_t, const char*>{};
  return *failures;
}

class UrlTestDataTest : public testing::TestWithParam<Case> {};

TEST_P(UrlTestDataTest, MatchesStandard) {
  const Case& c = GetParam();
  if (const auto it = KnownFailures().find(c.index); it != KnownFailures().end()) {
    GTEST_SKIP() << "known failure: " << it->second;
  }
  ExpectMatches(c.data, ParseCase(c.data));
}

INSTANTIATE_TEST_SUITE_P(Wpt, UrlTestDataTest, testing::ValuesIn(LoadCases("urltestdata.json")), CaseName);

TEST(UrlTestData, AllLoadedAndNoHttpCaseIsSkipped) {
  const std::vector<Case> cases = LoadCases("urltestdata.json");
  EXPECT_EQ(cases.size(), 891u);
  std::set<std::pair<std::string, std::string>> http;
  for (const Case& c : LoadCases("http_cases.json")) {
    http.emplace(c.data["input"].get<std::string>(), Base(c.data).value_or("\x01null"));
  }
  for (const Case& c : cases) {
    if (!KnownFailures().contains(c.index)) continue;
    EXPECT_FALSE(http.contains({c.data["input"].get<std::string>(), Base(c.data).value_or("\x01null")}))
        << "case " << c.index << " is an http(s) case and may not be skipped";
  }
}

}  // namespace
}  // namespace arachne
