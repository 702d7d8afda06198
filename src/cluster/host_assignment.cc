#include "cluster/host_assignment.h"

#include <xxhash.h>

namespace arachne {
namespace {

// The host's score at `node`: a hash of the pair, independent across nodes (the node's name seeds it).
XXH64_hash_t Score(std::string_view host, std::string_view node) {
  return XXH64(host.data(), host.size(), XXH64(node.data(), node.size(), 0));
}

}  // namespace

std::vector<std::string_view> AssignHosts(const std::vector<std::string>& hosts,
                                          const std::vector<std::string>& nodes) {
  std::vector<std::string_view> owners;
  if (nodes.empty()) return owners;
  owners.reserve(hosts.size());
  std::vector<std::size_t> held(nodes.size(), 0);
  for (const std::string& host : hosts) {
    std::size_t best = 0;
    XXH64_hash_t best_score = Score(host, nodes[0]);
    for (std::size_t i = 1; i < nodes.size(); ++i) {
      const XXH64_hash_t score = Score(host, nodes[i]);
      const bool fewer = held[i] < held[best];
      const bool tie = held[i] == held[best];
      if (fewer || (tie && (score > best_score || (score == best_score && nodes[i] < nodes[best])))) {
        best = i;
        best_score = score;
      }
    }
    ++held[best];
    owners.push_back(nodes[best]);
  }
  return owners;
}

}  // namespace arachne
