// Every case transcribed from Google's robots.txt parser tests (tests/data/robots/README.md).
#include <gtest/gtest.h>

#include <fstream>
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

std::vector<Case> LoadCases() {
  std::ifstream in(std::string(ARACHNE_TEST_DATA_DIR) + "/robots/cases.json");
  std::vector<Case> cases;
  if (!in) return cases;
  for (const auto& c : nlohmann::json::parse(in)) {
    cases.push_back(Case{c["name"], c["rfc"], c["robots_txt"], c["user_agent"], c["url"], c["allowed"]});
  }
  return cases;
}

class RobotsConformance : public testing::TestWithParam<Case> {};

TEST_P(RobotsConformance, MatchesGoogle) {
  const Case& c = GetParam();
  EXPECT_EQ(RobotsTxt::Parse(c.robots_txt).Allowed(c.user_agent, c.url), c.allowed)
      << "robots.txt:\n" << c.robots_txt << "\nagent: " << c.user_agent << "\nurl: " << c.url;
}

INSTANTIATE_TEST_SUITE_P(Google, RobotsConformance, testing::ValuesIn(LoadCases()),
                         [](const testing::TestParamInfo<Case>& info) {
                           return info.param.name + "_" + std::to_string(info.index);
                         });

TEST(RobotsConformanceData, AllCasesAreThere) {
  std::vector<Case> cases = LoadCases();
  EXPECT_EQ(cases.size(), 142u);
  EXPECT_EQ(std::count_if(cases.begin(), cases.end(), [](const Case& c) { return c.rfc; }), 72);
}

}  // namespace
}  // namespace arachne
