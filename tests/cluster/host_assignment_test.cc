#include "cluster/host_assignment.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace arachne {
namespace {

using ::testing::Each;
using ::testing::IsEmpty;

std::vector<std::string> Hosts(int count, int first = 0) {
  std::vector<std::string> hosts;
  for (int i = first; i < first + count; ++i) hosts.push_back("host" + std::to_string(i) + ".example");
  return hosts;
}

// Sorted, as RedisFrontier has them from ZRANGE.
std::vector<std::string> Nodes(int count) {
  std::vector<std::string> nodes;
  for (int i = 0; i < count; ++i) nodes.push_back("node-" + std::to_string(i));
  std::sort(nodes.begin(), nodes.end());
  return nodes;
}

// The owners as strings, to compare results of different `nodes` vectors.
std::vector<std::string> Owners(const std::vector<std::string>& hosts,
                                const std::vector<std::string>& nodes) {
  std::vector<std::string> owners;
  for (std::string_view owner : AssignHosts(hosts, nodes)) owners.emplace_back(owner);
  return owners;
}

std::map<std::string, int> Counts(const std::vector<std::string>& owners) {
  std::map<std::string, int> counts;
  for (const std::string& owner : owners) ++counts[owner];
  return counts;
}

TEST(AssignHosts, NoNodesNoOwners) {
  EXPECT_THAT(AssignHosts(Hosts(5), {}), IsEmpty());
  EXPECT_THAT(AssignHosts({}, {}), IsEmpty());
}

TEST(AssignHosts, NoHostsNoOwners) {
  EXPECT_THAT(AssignHosts({}, Nodes(3)), IsEmpty());
}

TEST(AssignHosts, OneNodeTakesEveryHost) {
  const std::vector<std::string> nodes = {"only"};
  EXPECT_THAT(Owners(Hosts(7), nodes), Each(std::string("only")));
}

TEST(AssignHosts, EveryHostGetsANodeOfTheList) {
  const std::vector<std::string> hosts = Hosts(300);
  const std::vector<std::string> nodes = Nodes(7);
  const std::vector<std::string_view> owners = AssignHosts(hosts, nodes);
  ASSERT_EQ(owners.size(), hosts.size());
  for (std::string_view owner : owners) {
    // A view of an element of `nodes`, valid as long as it is.
    EXPECT_TRUE(std::any_of(nodes.begin(), nodes.end(), [&](const std::string& node) {
      return owner.data() == node.data();
    })) << owner;
  }
}

TEST(AssignHosts, CountsDifferByAtMostOne) {
  for (int node_count = 1; node_count <= 12; ++node_count) {
    const std::vector<std::string> nodes = Nodes(node_count);
    for (int host_count : {1, 2, node_count - 1, node_count, node_count + 1, 50, 97, 1000}) {
      std::map<std::string, int> counts = Counts(Owners(Hosts(host_count), nodes));
      int low = host_count, high = 0;
      for (const std::string& node : nodes) {  // a node without a host counts 0
        low = std::min(low, counts[node]);
        high = std::max(high, counts[node]);
      }
      EXPECT_LE(high - low, 1) << host_count << " hosts on " << node_count << " nodes";
      EXPECT_EQ(counts.size(), nodes.size()) << "a host went to a node not in the list";
    }
  }
}

TEST(AssignHosts, SameListsSameAnswer) {
  const std::vector<std::string> hosts = Hosts(200);
  const std::vector<std::string> nodes = Nodes(5);
  EXPECT_EQ(Owners(hosts, nodes), Owners(hosts, nodes));
  // Another copy of the same names: the answer depends on names, not on addresses.
  const std::vector<std::string> copy(nodes.begin(), nodes.end());
  EXPECT_EQ(Owners(hosts, copy), Owners(hosts, nodes));
}

TEST(AssignHosts, TheOrderOfTheNodesDoesNotMatter) {
  // Ties go to the highest score, then the smallest name: an order of the names, not of their places.
  // RedisFrontier passes them sorted anyway.
  const std::vector<std::string> hosts = Hosts(500);
  std::vector<std::string> nodes = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot"};
  const std::vector<std::string> expected = Owners(hosts, nodes);
  std::mt19937 random(42);
  for (int round = 0; round < 20; ++round) {
    std::shuffle(nodes.begin(), nodes.end(), random);
    EXPECT_EQ(Owners(hosts, nodes), expected) << "round " << round;
  }
}

TEST(AssignHosts, TiesAreBrokenByTheHostsNameNotByTheNodesPlace) {
  // With every node free, a host goes to its rendezvous winner: which node that is varies with the host,
  // so the first node of the list does not take every first host.
  const std::vector<std::string> nodes = Nodes(4);
  std::set<std::string> first_owners;
  for (int i = 0; i < 100; ++i) first_owners.insert(Owners(Hosts(1, i), nodes)[0]);
  EXPECT_EQ(first_owners.size(), nodes.size());
  // Nor does the order of the hosts make a round robin of the nodes' order.
  const std::vector<std::string> owners = Owners(Hosts(400), nodes);
  int in_list_order = 0;
  for (std::size_t i = 0; i < owners.size(); ++i) in_list_order += owners[i] == nodes[i % nodes.size()];
  EXPECT_LT(in_list_order, static_cast<int>(owners.size()));
}

TEST(AssignHosts, NewHostsMoveNone) {
  // A host's node depends only on the hosts before it: appending hosts keeps every earlier owner.
  const std::vector<std::string> nodes = Nodes(5);
  std::vector<std::string> hosts = Hosts(40);
  const std::vector<std::string> before = Owners(hosts, nodes);
  for (const std::string& host : Hosts(300, 1000)) hosts.push_back(host);
  const std::vector<std::string> after = Owners(hosts, nodes);
  ASSERT_EQ(after.size(), hosts.size());
  EXPECT_EQ(std::vector<std::string>(after.begin(), after.begin() + 40), before);
  // And one at a time, as a crawl finds them.
  for (std::size_t n = 1; n <= 60; ++n) {
    EXPECT_EQ(Owners(std::vector<std::string>(hosts.begin(), hosts.begin() + n), nodes),
              std::vector<std::string>(after.begin(), after.begin() + n))
        << n;
  }
}

TEST(AssignHosts, RemovingANodeKeepsTheOwnersOfTheHostsBeforeItsFirst) {
  // A removed node that held no host yet changed no decision. (Later hosts may move, even between the
  // nodes that stay: counts rebalance. A held host stays with its node anyway: redis_frontier.h.)
  const std::vector<std::string> hosts = Hosts(300);
  const std::vector<std::string> nodes = Nodes(6);
  const std::vector<std::string> before = Owners(hosts, nodes);
  for (const std::string& removed : nodes) {
    std::vector<std::string> fewer;
    for (const std::string& node : nodes) {
      if (node != removed) fewer.push_back(node);
    }
    const std::vector<std::string> after = Owners(hosts, fewer);
    const auto first = std::find(before.begin(), before.end(), removed);
    ASSERT_NE(first, before.end()) << removed << " holds no host";
    const std::size_t kept = static_cast<std::size_t>(first - before.begin());
    EXPECT_EQ(std::vector<std::string>(after.begin(), after.begin() + kept),
              std::vector<std::string>(before.begin(), before.begin() + kept))
        << "without " << removed;
  }
}

TEST(AssignHosts, TheSameHostTwiceIsTwoHosts) {
  // Hosts are the crawl's list, each once; a repeat is counted again, as a new host would be.
  const std::vector<std::string> owners = Owners({"x.example", "x.example"}, {"a", "b"});
  ASSERT_EQ(owners.size(), 2u);
  EXPECT_NE(owners[0], owners[1]);
}

}  // namespace
}  // namespace arachne
