#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config/config_json.h"

namespace arachne {
namespace {

using Keys = std::vector<std::string>;

Config Base() {
  Config c;
  c.name = "site";
  c.seeds = {"http://127.0.0.1:8080/"};
  c.scope.allow = {"/docs/"};
  c.scope.max_depth = 3;
  c.job = "/tmp/job-a";
  c.output.dir = "/tmp/out";
  c.output.formats = {"jsonl"};
  c.worker_executable = "/bin/worker-a";
  return c;
}

TEST(ConfigDifferences, IdenticalConfigsDifferInNothing) {
  EXPECT_EQ(ConfigDifferences(ConfigToJson(Base()), ConfigToJson(Base())), Keys{});
  EXPECT_EQ(ConfigDifferences(ConfigToJson(Config()), ConfigToJson(Config())), Keys{});
}

TEST(ConfigDifferences, ChangedSeedsAndScopeAreListedBySeedFileKey) {
  Config after = Base();
  after.seeds.push_back("http://127.0.0.1:8080/new");
  after.scope.allow = {"/blog/"};
  EXPECT_EQ(ConfigDifferences(ConfigToJson(Base()), ConfigToJson(after)), (Keys{"seeds", "scope.allow"}));
  EXPECT_EQ(ConfigDifferences(ConfigToJson(after), ConfigToJson(Base())), (Keys{"seeds", "scope.allow"}))
      << "the same either way";
}

TEST(ConfigDifferences, KeysComeInTheSeedFilesOrder) {
  Config after = Base();
  after.output.formats = {"csv"};
  after.fetch.user_agent = "other";
  after.scope.max_depth = 4;
  after.robots.cache_s = 1;
  after.name = "renamed";
  after.urls.sort_query_params = !after.urls.sort_query_params;
  after.frontier.max_in_memory = 10;
  EXPECT_EQ(ConfigDifferences(ConfigToJson(Base()), ConfigToJson(after)),
            (Keys{"name", "scope.max_depth", "urls.sort_query_params", "fetch.user_agent", "robots.cache_s",
                  "frontier.max_in_memory", "output.formats"}));
}

TEST(ConfigDifferences, TheJobFolderAndTheWorkerExecutableAreNotSettings) {
  Config after = Base();
  after.job = "/tmp/job-b";
  after.worker_executable = "/bin/worker-b";
  ASSERT_NE(ConfigToJson(after), ConfigToJson(Base()));
  EXPECT_EQ(ConfigDifferences(ConfigToJson(Base()), ConfigToJson(after)), Keys{});
  after.scope.max_depth = 9;
  EXPECT_EQ(ConfigDifferences(ConfigToJson(Base()), ConfigToJson(after)), Keys{"scope.max_depth"});
}

TEST(ConfigDifferences, AnOrderChangeInAListIsAChange) {
  Config before = Base();
  before.scope.deny = {"a", "b"};
  Config after = before;
  after.scope.deny = {"b", "a"};
  EXPECT_EQ(ConfigDifferences(ConfigToJson(before), ConfigToJson(after)), Keys{"scope.deny"});
}

TEST(ConfigDifferences, AKeyTheEarlierRunDidNotHaveIsListed) {
  nlohmann::json before = nlohmann::json::parse(ConfigToJson(Base()));
  ASSERT_EQ(before["scope"].erase("max_depth"), 1u);
  EXPECT_EQ(ConfigDifferences(before.dump(), ConfigToJson(Base())), Keys{"scope.max_depth"});
  before.erase("fetch");
  const Keys changed = ConfigDifferences(before.dump(), ConfigToJson(Base()));
  EXPECT_EQ(changed,
            (Keys{"scope.max_depth", "fetch.user_agent", "fetch.timeout_s", "fetch.connect_timeout_s",
                  "fetch.max_body_bytes", "fetch.concurrency", "fetch.ca_file", "fetch.max_redirects",
                  "fetch.download_other", "fetch.allow_private"}));
}

TEST(ConfigDifferences, AKeyNeitherRunHadIsNotAChange) {
  EXPECT_EQ(ConfigDifferences("{}", "{}"), Keys{});
  nlohmann::json both = nlohmann::json::parse(ConfigToJson(Base()));
  both.erase("scope");
  EXPECT_EQ(ConfigDifferences(both.dump(), both.dump()), Keys{});
}

TEST(ConfigDifferences, ATableThatIsNotAnObjectDiffersInEachKey) {
  nlohmann::json before = nlohmann::json::parse(ConfigToJson(Base()));
  before["output"] = 5;
  EXPECT_EQ(ConfigDifferences(before.dump(), ConfigToJson(Base())), (Keys{"output.dir", "output.formats"}));
}

TEST(ConfigDifferences, TextThatIsNotAJsonObjectDiffersInNothing) {
  const std::string good = ConfigToJson(Base());
  for (const char* bad : {"", "{", "not json", "[]", "42", "null", "\"text\""}) {
    EXPECT_EQ(ConfigDifferences(bad, good), Keys{}) << bad;
    EXPECT_EQ(ConfigDifferences(good, bad), Keys{}) << bad;
    EXPECT_EQ(ConfigDifferences(bad, bad), Keys{}) << bad;
  }
}

}  // namespace
}  // namespace arachne
