// JoinCluster: the SharedFrontier a crawl's [cluster] settings name, with this node's name.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "arachne/config.h"
#include "arachne/status.h"
#include "cluster/shared_frontier.h"

namespace arachne {

struct ClusterMembership {
  std::unique_ptr<SharedFrontier> frontier;
  std::string node;  // this node's name: [cluster] node, or "<hostname>-<pid>"
};

// Joins the crawl `crawl` (Config::name) in the Redis of `cluster.redis`, whose password may come from
// ARACHNE_REDIS_PASSWORD.
Result<ClusterMembership> JoinCluster(const ClusterConfig& cluster, std::string_view crawl);

}  // namespace arachne
