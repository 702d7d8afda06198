// AssignHosts: which node should hold each host of a cluster crawl.
//
// Every node computes the same answer from the same lists, without talking: hosts in the order the crawl
// found them, each given to the node holding the fewest so far, ties broken by rendezvous hashing (the
// highest hash of the host and node's names: Thaler and Ravishankar, "Using name-based mappings to
// increase hit rates", 1998). So hosts spread evenly (counts differ by at most one, which pure rendezvous
// hashing does not promise with a few hosts), and since a host's node depends only on the hosts found
// before it, finding new hosts moves none.
//
// It says who should take a host nobody holds; a held host stays with its node (redis_frontier.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace arachne {

// The node of `nodes` for each host of `hosts` (in that order); empty if `nodes` is empty.
std::vector<std::string_view> AssignHosts(const std::vector<std::string>& hosts,
                                          const std::vector<std::string>& nodes);

}  // namespace arachne
