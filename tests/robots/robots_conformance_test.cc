// Every case transcribed from Google's robots.txt parser tests (tests/data/robots/README.md), each its
// own test named after Google's test and the case's index in cases.json.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "robots/robots_txt.h"

namespace arachne {
namespace {

struct Case {
  std::string name;
  bool rfc = false;
  std::string robots_txt, user_agent, url;
  bool allowed = false;
};

std::string TestName(const Case& c, std::size_t index) {
  return c.name + "_" + std::to_string(index);
}

// Cases where Google's answer is not RFC 9309's, by test name. RobotsTxt gives the RFC's answer; each
// case is skipped with the reason, and robots_txt_test.cc checks that answer.
const std::map<std::string, std::string>& Rfc9309Disagreements() {
  static const std::map<std::string, std::string> kCases = {
      // RFC 9309 section 2.2.2: octets outside ASCII "MUST be percent-encoded ... prior to comparison",
      // in the URI as in the rule. Google encodes only the rule, so a URL with a raw "ツ" does not match
      // "/foo/bar/ツ" (nor "/foo/bar/%E3%83%84"); RobotsTxt encodes both, and they match.
      {"ID_Encoding_63", "RFC 9309 2.2.2: a raw non-ASCII URL octet is percent-encoded before comparison"},
      {"ID_Encoding_65", "RFC 9309 2.2.2: a raw non-ASCII URL octet is percent-encoded before comparison"},
      // RFC 9309 section 2.2.2's own table: the rule "/foo/bar/%62%61%7A" is matched as "/foo/bar/baz"
      // (percent-encoded unreserved characters are decoded). Google compares the escapes literally.
      {"ID_Encoding_66", "RFC 9309 2.2.2 (table): %62%61%7A is compared as 'baz'"},
  };
  return kCases;
}

std::vector<Case> LoadCases() {
  std::ifstream in(std::string(ARACHNE_TEST_DATA_DIR) + "/robots/cases.json");
  std::vector<Case> cases;
  if (!in) return cases;
  for (const auto& c : nlohmann::json::parse(in)) {
    cases.push_back(Case{c["name"], c["rfc"], c["robots_txt"], c["user_agent"], c["url"], c["allowed"]});
  }
  return cases;
}

class RobotsConformance : public testing::TestWithParam<std::pair<std::size_t, Case>> {};

TEST_P(RobotsConformance, MatchesGoogle) {
  const auto& [index, c] = GetParam();
  const auto disagreement = Rfc9309Disagreements().find(TestName(c, index));
  const bool allowed = RobotsTxt::Parse(c.robots_txt).Allowed(c.user_agent, c.url);
  if (disagreement != Rfc9309Disagreements().end()) {
    // Still checked: the skip must be because of the stated disagreement, not another bug.
    EXPECT_EQ(allowed, !c.allowed) << "no longer disagrees with Google: take it off the list";
    GTEST_SKIP() << disagreement->second;
  }
  EXPECT_EQ(allowed, c.allowed) << "robots.txt:\n"
                                << c.robots_txt << "\nagent: " << c.user_agent << "\nurl: " << c.url;
}

std::vector<std::pair<std::size_t, Case>> IndexedCases() {
  std::vector<std::pair<std::size_t, Case>> indexed;
  for (Case& c : LoadCases()) indexed.emplace_back(indexed.size(), std::move(c));
  return indexed;
}

INSTANTIATE_TEST_SUITE_P(Google, RobotsConformance, testing::ValuesIn(IndexedCases()),
                         [](const testing::TestParamInfo<std::pair<std::size_t, Case>>& info) {
                           return TestName(info.param.second, info.param.first);
                         });

TEST(RobotsConformanceData, AllCasesAreThere) {
  std::vector<Case> cases = LoadCases();
  EXPECT_EQ(cases.size(), 142u);
  EXPECT_EQ(std::count_if(cases.begin(), cases.end(), [](const Case& c) { return c.rfc; }), 72);
}

TEST(RobotsConformanceData, EverySkippedCaseExists) {
  std::vector<std::pair<std::size_t, Case>> cases = IndexedCases();
  for (const auto& skipped : Rfc9309Disagreements()) {
    // Not a structured binding: Clang before 16 cannot capture one in a lambda.
    const auto& name = skipped.first;
    EXPECT_TRUE(std::any_of(cases.begin(), cases.end(), [&](const auto& indexed) {
      return TestName(indexed.second, indexed.first) == name;
    })) << name;
  }
}

}  // namespace
}  // namespace arachne
