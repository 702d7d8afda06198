#include "config/config_json.h"

#include <gtest/gtest.h>

#include <string>

namespace arachne {
namespace {

TEST(ConfigJson, EveryFieldSurvivesTheTrip) {
  Config c;
  c.name = "n";
  c.seeds = {"http://127.0.0.1:1/"};
  c.scope.allowed_domains = {"a.test"};
  c.scope.allow = {"/p/"};
  c.scope.deny = {"\\.pdf$"};
  c.scope.max_depth = 3;
  c.scope.max_pages = 99;
  c.fetch.user_agent = "UA";
  c.fetch.timeout_s = 1.5;
  c.fetch.connect_timeout_s = 0.5;
  c.fetch.max_body_bytes = 77;
  c.fetch.concurrency = 5;
  c.politeness.max_per_host = 3;
  c.politeness.delay_ms = 250;
  c.workers.fetchers = 2;
  c.workers.parsers = 4;
  c.workers.parse_timeout_s = 7.5;
  c.output.dir = "/tmp/o";
  c.output.formats = {"json"};
  c.worker_executable = "/bin/w";
  auto back = ConfigFromJson(ConfigToJson(c));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  // Compare through JSON again: a field forgotten by either direction shows up as a difference.
  EXPECT_EQ(ConfigToJson(*back), ConfigToJson(c));
  EXPECT_EQ(back->politeness.delay_ms, 250);
  EXPECT_EQ(back->scope.deny, c.scope.deny);
}

// Found by fuzz/ipc_fuzzer (fuzz/corpus/ipc/hello_huge_integer): json converted a float past int's range
// by a cast, which is undefined behaviour.
TEST(ConfigJson, AnIntegerFieldTakesOnlyAnIntegerThatFits) {
  Config c;
  c.seeds = {"http://127.0.0.1:1/"};
  const std::string good = ConfigToJson(c);
  const std::string fetchers = "\"fetchers\":" + std::to_string(c.workers.fetchers);
  ASSERT_NE(good.find(fetchers), std::string::npos) << good;
  for (const char* bad : {"2.06667e+22", "1.5", "4294967296", "-2147483649", "18446744073709551615", "\"1\""}) {
    std::string json = good;
    json.replace(json.find(fetchers), fetchers.size(), std::string("\"fetchers\":") + bad);
    const Result<Config> back = ConfigFromJson(json);
    ASSERT_FALSE(back.ok()) << bad;
    EXPECT_NE(back.status().message().find("fetchers"), std::string::npos) << back.status().ToString();
  }
  // max_pages is unsigned 64-bit: its whole range fits, a negative number does not.
  const std::string max_pages = "\"max_pages\":0";
  ASSERT_NE(good.find(max_pages), std::string::npos);
  std::string json = good;
  json.replace(json.find(max_pages), max_pages.size(), "\"max_pages\":18446744073709551615");
  ASSERT_TRUE(ConfigFromJson(json).ok());
  EXPECT_EQ(ConfigFromJson(json)->scope.max_pages, 18446744073709551615u);
  json = good;
  json.replace(json.find(max_pages), max_pages.size(), "\"max_pages\":-1");
  EXPECT_FALSE(ConfigFromJson(json).ok());
}

TEST(ConfigJson, MalformedJsonIsAnError) {
  EXPECT_FALSE(ConfigFromJson("{").ok());
  EXPECT_FALSE(ConfigFromJson("{}").ok());
  EXPECT_FALSE(ConfigFromJson("[1,2]").ok());
}

}  // namespace
}  // namespace arachne
