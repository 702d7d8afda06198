#include "config/config_json.h"

#include <gtest/gtest.h>

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

TEST(ConfigJson, MalformedJsonIsAnError) {
  EXPECT_FALSE(ConfigFromJson("{").ok());
  EXPECT_FALSE(ConfigFromJson("{}").ok());
  EXPECT_FALSE(ConfigFromJson("[1,2]").ok());
}

}  // namespace
}  // namespace arachne
