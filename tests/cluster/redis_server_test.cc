#include "support/redis_server.h"

#include <errno.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <string>

namespace arachne::test {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(RedisServerTest, StartsOnLoopbackInItsFolderAndAnswersPing) {
  std::unique_ptr<RedisServer> server = RedisServer::Start();
  ASSERT_NE(server, nullptr);
  EXPECT_NE(server->port(), 0);
  EXPECT_GT(server->pid(), 0);
  EXPECT_EQ(server->Command({"PING"}), "PONG");
  EXPECT_EQ(server->url(), "redis://127.0.0.1:" + std::to_string(server->port()) + "/0");
  EXPECT_EQ(server->Command({"CONFIG", "GET", "bind"}), "bind\n127.0.0.1");
  EXPECT_EQ(server->Command({"CONFIG", "GET", "port"}), "port\n" + std::to_string(server->port()));
  // Redis reports its working directory, with symbolic links resolved.
  EXPECT_EQ(server->Command({"CONFIG", "GET", "dir"}),
            "dir\n" + std::filesystem::canonical(server->dir()).string());
  EXPECT_EQ(server->Command({"CONFIG", "GET", "save"}), "save\n");
}

TEST(RedisServerTest, CommandGivesRepliesAsText) {
  std::unique_ptr<RedisServer> server = RedisServer::Start();
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(server->Command({"SET", "key", "value with spaces\n"}), "OK");
  EXPECT_EQ(server->Command({"GET", "key"}), "value with spaces\n");
  EXPECT_EQ(server->Command({"GET", "missing"}), "");
  EXPECT_EQ(server->Command({"INCRBY", "counter", "-7"}), "-7");
  EXPECT_EQ(server->Command({"RPUSH", "list", "a", "b"}), "2");
  EXPECT_EQ(server->Command({"LRANGE", "list", "0", "-1"}), "a\nb");
  EXPECT_THAT(server->Command({"NOSUCHCOMMAND"}), StartsWith("ERR unknown command"));
  EXPECT_THAT(server->Command({"INFO", "commandstats"}), HasSubstr("cmdstat_rpush:calls=1,"));
}

TEST(RedisServerTest, StopEndsItGracefullyAndRestartKeepsKeys) {
  std::unique_ptr<RedisServer> server = RedisServer::Start();
  ASSERT_NE(server, nullptr);
  const std::uint16_t port = server->port();
  ASSERT_EQ(server->Command({"SET", "frontier", "https://example.com/"}), "OK");

  server->Stop();
  EXPECT_EQ(server->pid(), -1);
  EXPECT_THAT(server->Command({"PING"}), StartsWith("ERR connect"));
  EXPECT_THAT(server->Log(), HasSubstr("ready to exit"));  // it shut down on SIGTERM rather than died

  ASSERT_TRUE(server->Restart());
  EXPECT_EQ(server->port(), port);
  EXPECT_GT(server->pid(), 0);
  EXPECT_EQ(server->Command({"GET", "frontier"}), "https://example.com/");
}

TEST(RedisServerTest, KillThenRestartKeepsAcknowledgedWrites) {
  std::unique_ptr<RedisServer> server = RedisServer::Start();
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(server->Command({"CONFIG", "GET", "appendonly"}), "appendonly\nyes");
  EXPECT_EQ(server->Command({"CONFIG", "GET", "appendfsync"}), "appendfsync\nalways");
  ASSERT_EQ(server->Command({"SADD", "seen", "a", "b"}), "2");

  server->Kill();
  EXPECT_EQ(server->pid(), -1);
  EXPECT_THAT(server->Command({"PING"}), StartsWith("ERR connect"));

  ASSERT_TRUE(server->Restart());
  EXPECT_EQ(server->Command({"SCARD", "seen"}), "2");
}

// The counterpart of the test above: without append_only nothing survives, so that test sees the AOF.
TEST(RedisServerTest, WithoutAppendOnlyKillLosesKeys) {
  RedisServerOptions options;
  options.append_only = false;
  std::unique_ptr<RedisServer> server = RedisServer::Start(options);
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(server->Command({"CONFIG", "GET", "appendonly"}), "appendonly\nno");
  ASSERT_EQ(server->Command({"SET", "key", "value"}), "OK");

  server->Kill();
  ASSERT_TRUE(server->Restart());
  EXPECT_EQ(server->Command({"EXISTS", "key"}), "0");
}

TEST(RedisServerTest, PasswordIsRequiredAndInTheUrl) {
  RedisServerOptions options;
  options.password = "s3cret";
  std::unique_ptr<RedisServer> server = RedisServer::Start(options);
  ASSERT_NE(server, nullptr);
  EXPECT_THAT(RedisCommand(server->port(), {"PING"}), StartsWith("NOAUTH"));
  EXPECT_THAT(RedisCommand(server->port(), {"PING"}, "", "wrong"), StartsWith("WRONGPASS"));
  EXPECT_EQ(RedisCommand(server->port(), {"PING"}, "", "s3cret"), "PONG");
  EXPECT_EQ(server->Command({"PING"}), "PONG");
  EXPECT_EQ(server->url(), "redis://:s3cret@127.0.0.1:" + std::to_string(server->port()) + "/0");
}

TEST(RedisServerTest, UrlPercentEncodesThePassword) {
  RedisServerOptions options;
  options.password = "p@ss:w/rd %";
  std::unique_ptr<RedisServer> server = RedisServer::Start(options);
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(server->Command({"PING"}), "PONG");
  EXPECT_EQ(server->url(),
            "redis://:p%40ss%3Aw%2Frd%20%25@127.0.0.1:" + std::to_string(server->port()) + "/0");
}

TEST(RedisServerTest, AclUserCanDoEverythingAndTheDefaultUserIsOff) {
  RedisServerOptions options;
  options.acl_user = "crawler";
  options.acl_password = "pw";
  std::unique_ptr<RedisServer> server = RedisServer::Start(options);
  ASSERT_NE(server, nullptr);
  EXPECT_THAT(RedisCommand(server->port(), {"PING"}), StartsWith("NOAUTH"));
  EXPECT_THAT(RedisCommand(server->port(), {"PING"}, "crawler", "wrong"), StartsWith("WRONGPASS"));
  EXPECT_EQ(RedisCommand(server->port(), {"ACL", "WHOAMI"}, "crawler", "pw"), "crawler");
  EXPECT_EQ(server->Command({"SET", "key", "value"}), "OK");
  EXPECT_EQ(server->Command({"PUBLISH", "channel", "message"}), "0");
  const std::string users = server->Command({"ACL", "LIST"});
  EXPECT_THAT(users, HasSubstr("user default off"));
  EXPECT_THAT(users, HasSubstr("user crawler on"));
  EXPECT_EQ(server->url(), "redis://crawler:pw@127.0.0.1:" + std::to_string(server->port()) + "/0");
}

TEST(RedisServerTest, TwoServersAtOnceAreSeparate) {
  std::unique_ptr<RedisServer> first = RedisServer::Start();
  std::unique_ptr<RedisServer> second = RedisServer::Start();
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_NE(first->port(), second->port());
  EXPECT_NE(first->dir(), second->dir());
  ASSERT_EQ(first->Command({"SET", "key", "first"}), "OK");
  EXPECT_EQ(second->Command({"GET", "key"}), "");
}

TEST(RedisServerTest, DestructorLeavesNoProcessAndNoFolder) {
  std::unique_ptr<RedisServer> server = RedisServer::Start();
  ASSERT_NE(server, nullptr);
  const pid_t pid = server->pid();
  const std::string dir = server->dir();
  ASSERT_GT(pid, 0);
  ASSERT_EQ(::kill(pid, 0), 0);
  ASSERT_TRUE(std::filesystem::exists(dir));

  server.reset();
  errno = 0;
  EXPECT_EQ(::kill(pid, 0), -1);  // reaped, not a zombie: the pid names no process
  EXPECT_EQ(errno, ESRCH);
  EXPECT_FALSE(std::filesystem::exists(dir));
}

}  // namespace
}  // namespace arachne::test
