#include "cluster/redis_endpoint.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace arachne {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kUsage[] = "(expected redis://[[user]:password@]host[:port][/db])";

// The message of a refused URL; fails the test when the URL is accepted.
std::string Refusal(std::string_view url, std::string_view password_from_env = {}) {
  Result<RedisEndpoint> endpoint = ParseRedisUrl(url, password_from_env);
  EXPECT_FALSE(endpoint.ok()) << url << " was accepted as " << endpoint->Display();
  if (endpoint.ok()) return "";
  EXPECT_EQ(endpoint.status().code(), Status::Code::kInvalidArgument) << url;
  return endpoint.status().message();
}

TEST(ParseRedisUrl, HostAloneTakesTheDefaultPortAndDatabase) {
  Result<RedisEndpoint> endpoint = ParseRedisUrl("redis://cache.example");
  ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
  EXPECT_EQ(endpoint->host, "cache.example");
  EXPECT_EQ(endpoint->port, 6379);
  EXPECT_EQ(endpoint->db, 0);
  EXPECT_EQ(endpoint->user, "");
  EXPECT_EQ(endpoint->password, "");
  EXPECT_EQ(endpoint->Display(), "redis://cache.example:6379/0");
  // A trailing '/' names no database either.
  endpoint = ParseRedisUrl("redis://10.0.0.7/");
  ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
  EXPECT_EQ(endpoint->host, "10.0.0.7");
  EXPECT_EQ(endpoint->db, 0);
}

TEST(ParseRedisUrl, PortAndDatabase) {
  Result<RedisEndpoint> endpoint = ParseRedisUrl("redis://127.0.0.1:7000/3");
  ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
  EXPECT_EQ(endpoint->host, "127.0.0.1");
  EXPECT_EQ(endpoint->port, 7000);
  EXPECT_EQ(endpoint->db, 3);
  EXPECT_EQ(endpoint->Display(), "redis://127.0.0.1:7000/3");
  endpoint = ParseRedisUrl("redis://h:1/15");
  ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
  EXPECT_EQ(endpoint->port, 1);
  EXPECT_EQ(endpoint->db, 15);
  endpoint = ParseRedisUrl("redis://h:65535");
  ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
  EXPECT_EQ(endpoint->port, 65535);
}

TEST(ParseRedisUrl, SchemeIgnoresCase) {
  // RFC 3986, section 3.1: schemes are case-insensitive.
  Result<RedisEndpoint> endpoint = ParseRedisUrl("REDIS://h:7000");
  ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
  EXPECT_EQ(endpoint->port, 7000);
  EXPECT_THAT(Refusal("Rediss://h"), HasSubstr("TLS"));
}

TEST(ParseRedisUrl, UserAndPassword) {
  Result<RedisEndpoint> endpoint = ParseRedisUrl("redis://crawler:s3cret@h:6380/2");
  ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
  EXPECT_EQ(endpoint->user, "crawler");
  EXPECT_EQ(endpoint->password, "s3cret");
  EXPECT_EQ(endpoint->host, "h");
  EXPECT_EQ(endpoint->port, 6380);
  EXPECT_EQ(endpoint->db, 2);
}

TEST(ParseRedisUrl, PasswordAloneLogsInAsTheDefaultUser) {
  Result<RedisEndpoint> endpoint = ParseRedisUrl("redis://:pw@h");
  ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
  EXPECT_EQ(endpoint->user, "");
  EXPECT_EQ(endpoint->password, "pw");
  EXPECT_EQ(endpoint->host, "h");
}

TEST(ParseRedisUrl, PercentEscapesInUserAndPassword) {
  // RFC 3986, section 2.1: ':' '@' and '/' would end the user, the userinfo or the authority.
  Result<RedisEndpoint> endpoint = ParseRedisUrl("redis://a%3Ab%40c:p%3a%40%2Fq%25@h/1");
  ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
  EXPECT_EQ(endpoint->user, "a:b@c");
  EXPECT_EQ(endpoint->password, "p:@/q%");
  EXPECT_EQ(endpoint->host, "h");
  EXPECT_EQ(endpoint->db, 1);
}

TEST(ParseRedisUrl, UnescapedAtSignsBelongToThePassword) {
  // The userinfo ends at the authority's last '@'.
  Result<RedisEndpoint> endpoint = ParseRedisUrl("redis://u:p@ss@h");
  ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
  EXPECT_EQ(endpoint->user, "u");
  EXPECT_EQ(endpoint->password, "p@ss");
  EXPECT_EQ(endpoint->host, "h");
}

TEST(ParseRedisUrl, Ipv6LiteralWithAndWithoutPort) {
  Result<RedisEndpoint> endpoint = ParseRedisUrl("redis://[::1]");
  ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
  EXPECT_EQ(endpoint->host, "::1");
  EXPECT_EQ(endpoint->port, 6379);
  EXPECT_EQ(endpoint->Display(), "redis://[::1]:6379/0");

  endpoint = ParseRedisUrl("redis://:pw@[fd00::5:2]:7001/4");
  ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
  EXPECT_EQ(endpoint->host, "fd00::5:2");
  EXPECT_EQ(endpoint->port, 7001);
  EXPECT_EQ(endpoint->db, 4);
  EXPECT_EQ(endpoint->password, "pw");
  EXPECT_EQ(endpoint->Display(), "redis://:***@[fd00::5:2]:7001/4");
}

TEST(ParseRedisUrl, RedissNamesTlsAndATunnel) {
  const std::string message = Refusal("rediss://h:6380");
  EXPECT_THAT(message, HasSubstr("Redis URL 'rediss://h:6380': "));
  EXPECT_THAT(message, HasSubstr("TLS"));
  EXPECT_THAT(message, HasSubstr("tunnel"));
  EXPECT_THAT(message, HasSubstr("redis://"));
}

TEST(ParseRedisUrl, OtherSchemesAreRefused) {
  for (const char* url : {"http://h:6379", "h:6379", "redis:/h", "redis:h", "", "tcp://127.0.0.1:6379"}) {
    const std::string message = Refusal(url);
    EXPECT_THAT(message, HasSubstr("not a redis:// URL")) << url;
    EXPECT_THAT(message, HasSubstr(kUsage)) << url;
  }
}

TEST(ParseRedisUrl, EmptyHostIsRefused) {
  for (const char* url : {"redis://", "redis:///1", "redis://:6379", "redis://:pw@", "redis://[]:6379"}) {
    EXPECT_THAT(Refusal(url), HasSubstr("no host")) << url;
  }
}

TEST(ParseRedisUrl, BadPortsAreRefused) {
  for (const char* url : {"redis://h:0", "redis://h:65536", "redis://h:abc", "redis://h:", "redis://h:-1",
                          "redis://h:80x", "redis://[::1]:0", "redis://[::1]:", "redis://[::1]:99999"}) {
    EXPECT_THAT(Refusal(url), HasSubstr("the port must be a number from 1 to 65535")) << url;
  }
}

TEST(ParseRedisUrl, BadIpv6LiteralsAreRefused) {
  EXPECT_THAT(Refusal("redis://[::1"), HasSubstr("unclosed '['"));
  EXPECT_THAT(Refusal("redis://[::1]x"), HasSubstr("junk after the IPv6 host"));
}

TEST(ParseRedisUrl, BadDatabasesAreRefused) {
  for (const char* url : {"redis://h/x", "redis://h/1x", "redis://h/-1", "redis://h/-0", "redis://h//1",
                          "redis://h/0?timeout=1", "redis://h/99999999999"}) {
    EXPECT_THAT(Refusal(url), HasSubstr("the database after '/' must be a number")) << url;
  }
}

TEST(ParseRedisUrl, UserWithoutPasswordIsRefusedUnlessTheEnvironmentHasOne) {
  for (const char* url : {"redis://crawler@h", "redis://crawler:@h"}) {
    const std::string message = Refusal(url);
    EXPECT_THAT(message, HasSubstr("user 'crawler' without a password")) << url;
    EXPECT_THAT(message, HasSubstr("ARACHNE_REDIS_PASSWORD")) << url;

    Result<RedisEndpoint> endpoint = ParseRedisUrl(url, "from-env");
    ASSERT_TRUE(endpoint.ok()) << url << ": " << endpoint.status().ToString();
    EXPECT_EQ(endpoint->user, "crawler");
    EXPECT_EQ(endpoint->password, "from-env");
  }
}

TEST(ParseRedisUrl, PasswordFromTheEnvironmentOnlyWhenTheUrlHasNone) {
  Result<RedisEndpoint> endpoint = ParseRedisUrl("redis://h", "from-env");
  ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
  EXPECT_EQ(endpoint->user, "");
  EXPECT_EQ(endpoint->password, "from-env");

  endpoint = ParseRedisUrl("redis://:in-url@h", "from-env");
  ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
  EXPECT_EQ(endpoint->password, "in-url");

  endpoint = ParseRedisUrl("redis://u:in-url@h", "from-env");
  ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
  EXPECT_EQ(endpoint->user, "u");
  EXPECT_EQ(endpoint->password, "in-url");
}

TEST(ParseRedisUrl, BadPercentEscapesAreRefused) {
  EXPECT_THAT(Refusal("redis://a%zz:pw@h"), HasSubstr("bad %-escape in the user"));
  EXPECT_THAT(Refusal("redis://a%4:pw@h"), HasSubstr("bad %-escape in the user"));
  EXPECT_THAT(Refusal("redis://a%:pw@h"), HasSubstr("bad %-escape in the user"));
  EXPECT_THAT(Refusal("redis://u:p%g1@h"), HasSubstr("bad %-escape in the password"));
  EXPECT_THAT(Refusal("redis://u:p%2@h"), HasSubstr("bad %-escape in the password"));
  // A sign is no hex digit, though std::from_chars takes one.
  EXPECT_THAT(Refusal("redis://u:p%-1@h"), HasSubstr("bad %-escape in the password"));
  EXPECT_THAT(Refusal("redis://u:p%+1@h"), HasSubstr("bad %-escape in the password"));
}

TEST(ParseRedisUrl, RefusalsNameTheUrlWithoutItsPassword) {
  for (const char* url : {"redis://u:hunter2@h:abc", "rediss://u:hunter2@h", "redis://:hunter2@h/x",
                          "redis://u:hunter2/x@h",  // an unescaped '/' in the password
                          "redis://u:hunter2@h:0", "redis:u:hunter2@h", "redis://u:hunter2%zz@h"}) {
    const std::string message = Refusal(url);
    EXPECT_THAT(message, AllOf(HasSubstr("Redis URL '"), HasSubstr("***"), Not(HasSubstr("hunter2")))) << url;
  }
  EXPECT_THAT(Refusal("redis://u:hunter2@h:abc"), HasSubstr("Redis URL 'redis://u:***@h:abc': "));
}

TEST(RedisEndpointDisplay, NeverShowsThePassword) {
  Result<RedisEndpoint> endpoint = ParseRedisUrl("redis://crawler:hunter2@h:6380/2");
  ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
  EXPECT_EQ(endpoint->Display(), "redis://crawler:***@h:6380/2");

  endpoint = ParseRedisUrl("redis://h", "hunter2");
  ASSERT_TRUE(endpoint.ok()) << endpoint.status().ToString();
  EXPECT_EQ(endpoint->Display(), "redis://:***@h:6379/0");

  RedisEndpoint built;
  built.host = "::1";
  built.user = "u";
  built.password = "p%40ss:hunter2";
  EXPECT_EQ(built.Display(), "redis://u:***@[::1]:6379/0");
  EXPECT_EQ(RedisEndpoint().Display(), "redis://127.0.0.1:6379/0");
}

TEST(RedisEndpointDisplay, ParsesBackToTheSameEndpoint) {
  for (const char* url : {"redis://h", "redis://[::1]:7000/3", "redis://10.1.2.3:1/15"}) {
    Result<RedisEndpoint> endpoint = ParseRedisUrl(url);
    ASSERT_TRUE(endpoint.ok()) << url;
    Result<RedisEndpoint> again = ParseRedisUrl(endpoint->Display());
    ASSERT_TRUE(again.ok()) << endpoint->Display();
    EXPECT_EQ(again->host, endpoint->host);
    EXPECT_EQ(again->port, endpoint->port);
    EXPECT_EQ(again->db, endpoint->db);
  }
}

}  // namespace
}  // namespace arachne
