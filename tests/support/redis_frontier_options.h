// The options of a cluster node (cluster/redis_frontier.h) that talks to a test's redis-server
// (support/redis_server.h): its address from the server's URL, the crawl's and the node's names, and the
// library's defaults for the rest.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "cluster/redis_endpoint.h"
#include "cluster/redis_frontier.h"
#include "support/redis_server.h"

namespace arachne::test {

inline RedisFrontierOptions NodeOptions(const RedisServer& redis, std::string crawl, std::string node) {
  RedisFrontierOptions options;
  Result<RedisEndpoint> endpoint = ParseRedisUrl(redis.url());
  EXPECT_TRUE(endpoint.ok()) << endpoint.status().ToString();
  if (endpoint.ok()) options.endpoint = *endpoint;
  options.crawl = std::move(crawl);
  options.node = std::move(node);
  return options;
}

}  // namespace arachne::test
