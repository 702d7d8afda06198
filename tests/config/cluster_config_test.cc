// The [cluster] table of a seed file: where the shared crawl's Redis is, the node's name, its lease.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "arachne/config.h"
#include "config/config_errors.h"

namespace arachne {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr char kSource[] = "seeds/x.toml";
constexpr char kSeeds[] = "seeds = [\"http://127.0.0.1:8080/\"]\n";

Result<Config> Load(const std::string& cluster_table) {
  return Config::FromToml(std::string(kSeeds) + "[cluster]\n" + cluster_table, kSource);
}

using test::Errors;

Config Valid() {
  Config config;
  config.seeds = {"http://127.0.0.1:8080/"};
  return config;
}

TEST(ClusterConfig, DefaultsToCrawlingAlone) {
  Result<Config> config = Config::FromToml(kSeeds, kSource);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->cluster.redis, "");
  EXPECT_EQ(config->cluster.node, "");
  EXPECT_EQ(config->cluster.lease_s, 10);
}

TEST(ClusterConfig, EveryKeyIsRead) {
  Result<Config> config =
      Load("redis = \"redis://:pw@10.0.0.5:6380/2\"\nnode = \"box-1.rack_2\"\nlease_s = 2.5\n");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->cluster.redis, "redis://:pw@10.0.0.5:6380/2");
  EXPECT_EQ(config->cluster.node, "box-1.rack_2");
  EXPECT_EQ(config->cluster.lease_s, 2.5);
  EXPECT_TRUE(config->Validate().ok());
}

TEST(ClusterConfig, LeaseInWholeSecondsMayBeAnInteger) {
  Result<Config> config = Load("lease_s = 30\n");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->cluster.lease_s, 30.0);
}

TEST(ClusterConfig, AUserWithoutPasswordMayTakeItFromTheEnvironment) {
  // ARACHNE_REDIS_PASSWORD is read when the crawl joins, not when the seed file is checked.
  Result<Config> config = Load("redis = \"redis://crawler@127.0.0.1\"\n");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->cluster.redis, "redis://crawler@127.0.0.1");
}

TEST(ClusterConfigErrors, BadRedisUrlsNameTheTableAndKey) {
  EXPECT_THAT(
      Errors(Load("\nredis = \"http://127.0.0.1:6379\"\n")),
      ElementsAre(AllOf(StartsWith("seeds/x.toml:4: [cluster] redis: Redis URL 'http://127.0.0.1:6379': "),
                        HasSubstr("not a redis:// URL"))));
  EXPECT_THAT(Errors(Load("redis = \"rediss://127.0.0.1:6380\"\n")),
              ElementsAre(AllOf(StartsWith("seeds/x.toml:3: [cluster] redis: "), HasSubstr("TLS"),
                                HasSubstr("tunnel"))));
  EXPECT_THAT(Errors(Load("redis = \"redis://127.0.0.1:0\"\n")),
              ElementsAre(AllOf(StartsWith("seeds/x.toml:3: [cluster] redis: "),
                                HasSubstr("the port must be a number from 1 to 65535"))));
  EXPECT_THAT(Errors(Load("redis = \"redis://:6379\"\n")),
              ElementsAre(AllOf(StartsWith("seeds/x.toml:3: [cluster] redis: "), HasSubstr("no host"))));
}

TEST(ClusterConfigErrors, ABadRedisUrlDoesNotPrintItsPassword) {
  EXPECT_THAT(Errors(Load("redis = \"redis://u:hunter2@127.0.0.1:abc\"\n")),
              ElementsAre(AllOf(
                  StartsWith("seeds/x.toml:3: [cluster] redis: Redis URL 'redis://u:***@127.0.0.1:abc'"),
                  Not(HasSubstr("hunter2")))));
}

TEST(ClusterConfigErrors, RedisMustBeAString) {
  EXPECT_THAT(Errors(Load("redis = 6379\n")),
              ElementsAre("seeds/x.toml:3: [cluster] redis: expected a string, got integer 6379"));
}

TEST(ClusterConfigErrors, BadNodeNames) {
  for (const char* node : {"a/b", "node 1", "caf\\u00e9", ".", "..", "tab\\there"}) {
    const std::vector<std::string> errors = Errors(Load(std::string("node = \"") + node + "\"\n"));
    ASSERT_EQ(errors.size(), 1u) << node;
    EXPECT_THAT(errors[0], StartsWith("seeds/x.toml:3: [cluster] node: got \"")) << node;
  }
  EXPECT_THAT(Errors(Load("node = \"a/b\"\n")),
              ElementsAre("seeds/x.toml:3: [cluster] node: got \"a/b\"; a node name may hold only letters, "
                          "digits, '.', '_' and '-'"));
  EXPECT_THAT(Errors(Load("node = \"" + std::string(65, 'n') + "\"\n")),
              ElementsAre("seeds/x.toml:3: [cluster] node: is 65 bytes long; at most 64"));
  EXPECT_TRUE(Load("node = \"" + std::string(64, 'n') + "\"\n").ok());
}

TEST(ClusterConfigErrors, LeaseMustBeAPositiveNumberOfSeconds) {
  EXPECT_THAT(
      Errors(Load("lease_s = 0\n")),
      ElementsAre("seeds/x.toml:3: [cluster] lease_s: expected a number of seconds greater than 0, got 0"));
  EXPECT_THAT(Errors(Load("lease_s = -1.5\n")),
              ElementsAre("seeds/x.toml:3: [cluster] lease_s: expected a number of seconds greater than 0, "
                          "got -1.5"));
  EXPECT_THAT(Errors(Load("lease_s = inf\n")),
              ElementsAre("seeds/x.toml:3: [cluster] lease_s: expected a number of seconds greater than 0, "
                          "got inf"));
  EXPECT_THAT(
      Errors(Load("lease_s = \"10s\"\n")),
      ElementsAre("seeds/x.toml:3: [cluster] lease_s: expected a number of seconds, got string \"10s\""));
}

TEST(ClusterConfigErrors, UnknownKeysAndTables) {
  EXPECT_THAT(Errors(Load("reddis = \"redis://h\"\nnodes = \"a\"\nlease = 5\npassword = \"x\"\n")),
              ElementsAre("seeds/x.toml:3: [cluster] reddis: unknown key (did you mean 'redis'?)",
                          "seeds/x.toml:4: [cluster] nodes: unknown key (did you mean 'node'?)",
                          "seeds/x.toml:5: [cluster] lease: unknown key (did you mean 'lease_s'?)",
                          "seeds/x.toml:6: [cluster] password: unknown key"));
  EXPECT_THAT(Errors(Config::FromToml(std::string(kSeeds) + "[clustr]\nredis = \"redis://h\"\n", kSource)),
              ElementsAre("seeds/x.toml:2: [clustr]: unknown table (did you mean 'cluster'?)"));
  EXPECT_THAT(Errors(Config::FromToml(std::string(kSeeds) + "cluster = \"redis://h\"\n", kSource)),
              ElementsAre("seeds/x.toml:2: [cluster]: expected a table, got string \"redis://h\""));
}

TEST(ClusterConfigErrors, AllProblemsOfTheTableAreReported) {
  EXPECT_THAT(Errors(Load("redis = \"redis://h:99999\"\nnode = \"a b\"\nlease_s = 0\n")),
              ElementsAre(StartsWith("seeds/x.toml:3: [cluster] redis: "),
                          StartsWith("seeds/x.toml:4: [cluster] node: "),
                          StartsWith("seeds/x.toml:5: [cluster] lease_s: ")));
}

TEST(ClusterConfigValidate, ChecksAConfigBuiltInCode) {
  Config config = Valid();
  config.cluster.redis = "redis://127.0.0.1:6379/1";
  config.cluster.node = "worker-3";
  config.cluster.lease_s = 0.5;
  EXPECT_TRUE(config.Validate().ok()) << config.Validate().ToString();

  config.cluster.redis = "http://127.0.0.1:6379";
  Status status = config.Validate();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), Status::Code::kInvalidArgument);
  EXPECT_THAT(status.message(),
              StartsWith("[cluster] redis: Redis URL 'http://127.0.0.1:6379': not a redis:// URL"));
  EXPECT_THAT(status.message(), Not(HasSubstr(".toml")));
}

TEST(ClusterConfigValidate, ReportsEveryClusterProblem) {
  Config config = Valid();
  config.cluster.redis = "redis://u:hunter2@h:0";
  config.cluster.node = "a/b";
  config.cluster.lease_s = std::numeric_limits<double>::quiet_NaN();
  Status status = config.Validate();
  ASSERT_FALSE(status.ok());
  const std::string& m = status.message();
  EXPECT_THAT(m, HasSubstr("[cluster] redis: Redis URL 'redis://u:***@h:0': the port must be a number"));
  EXPECT_THAT(m, Not(HasSubstr("hunter2")));
  EXPECT_THAT(m, HasSubstr("[cluster] node: got \"a/b\""));
  EXPECT_THAT(m, HasSubstr("[cluster] lease_s: expected a number of seconds greater than 0, got nan"));
  EXPECT_EQ(std::count(m.begin(), m.end(), '\n'), 2);
}

}  // namespace
}  // namespace arachne
