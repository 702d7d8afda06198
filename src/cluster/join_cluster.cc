#include "cluster/join_cluster.h"

#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "cluster/redis_endpoint.h"
#include "cluster/redis_frontier.h"

namespace arachne {
namespace {

// "<hostname>-<pid>": unique among the nodes of a machine and, with distinct host names, of a cluster.
std::string DefaultNodeName() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') std::snprintf(host, sizeof host, "node");
  std::string name;
  for (const char* c = host; *c != '\0'; ++c) {
    const bool allowed = std::isalnum(static_cast<unsigned char>(*c)) || *c == '.' || *c == '_' || *c == '-';
    name += allowed ? *c : '_';
  }
  return name + "-" + std::to_string(::getpid());
}

}  // namespace

Result<ClusterMembership> JoinCluster(const ClusterConfig& cluster, std::string_view crawl) {
  const char* env_password = std::getenv("ARACHNE_REDIS_PASSWORD");
  Result<RedisEndpoint> endpoint = ParseRedisUrl(cluster.redis, env_password != nullptr ? env_password : "");
  if (!endpoint.ok()) return endpoint.status();
  RedisFrontierOptions options;
  options.endpoint = std::move(*endpoint);
  options.crawl = std::string(crawl);
  options.node = cluster.node.empty() ? DefaultNodeName() : cluster.node;
  options.lease = std::chrono::milliseconds(static_cast<std::int64_t>(cluster.lease_s * 1000));
  Result<std::unique_ptr<RedisFrontier>> frontier = RedisFrontier::Join(options);
  if (!frontier.ok()) return frontier.status();
  return ClusterMembership{std::move(*frontier), options.node};
}

}  // namespace arachne
