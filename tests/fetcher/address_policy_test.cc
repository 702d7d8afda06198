#include "fetcher/address_policy.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>

#include <string>

namespace arachne {
namespace {

// A sockaddr for an IPv4 or IPv6 address in text, large enough for either.
struct Address {
  sockaddr_storage storage{};
  socklen_t length = 0;
  const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&storage); }
};

Address Parse(const std::string& text) {
  Address a;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&a.storage);
  if (::inet_pton(AF_INET, text.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    a.length = sizeof(sockaddr_in);
    return a;
  }
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&a.storage);
  EXPECT_EQ(::inet_pton(AF_INET6, text.c_str(), &v6->sin6_addr), 1) << text;
  v6->sin6_family = AF_INET6;
  a.length = sizeof(sockaddr_in6);
  return a;
}

bool Public(const std::string& text) {
  sockaddr_in v4{};
  if (::inet_pton(AF_INET, text.c_str(), &v4.sin_addr) == 1) {
    v4.sin_family = AF_INET;
    return IsPublicAddress(reinterpret_cast<sockaddr*>(&v4), sizeof v4);
  }
  sockaddr_in6 v6{};
  EXPECT_EQ(::inet_pton(AF_INET6, text.c_str(), &v6.sin6_addr), 1) << text;
  v6.sin6_family = AF_INET6;
  return IsPublicAddress(reinterpret_cast<sockaddr*>(&v6), sizeof v6);
}

TEST(AddressPolicy, PublicAddressesPass) {
  for (const char* a :
       {"93.184.216.34", "8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.0", "100.63.255.255",
        "100.128.0.0", "192.169.0.1", "2606:2800:220:1:248:1893:25c8:1946", "2001:4860:4860::8888"}) {
    EXPECT_TRUE(Public(a)) << a;
  }
}

TEST(AddressPolicy, PrivateLoopbackLinkLocalAndMetadataAreRefused) {
  for (const char* a : {"0.0.0.0",        "0.1.2.3",     "10.0.0.1",        "10.255.255.255",  "100.64.0.1",
                        "127.0.0.1",      "127.9.9.9",   "169.254.169.254", "169.254.0.1",     "172.16.0.1",
                        "172.31.255.255", "192.0.0.1",   "192.0.2.1",       "192.168.1.1",     "198.18.0.1",
                        "198.51.100.1",   "203.0.113.9", "224.0.0.1",       "239.255.255.250", "240.0.0.1",
                        "255.255.255.255"}) {
    EXPECT_FALSE(Public(a)) << a;
  }
  for (const char* a :
       {"::", "::1", "fc00::1", "fd00:ec2::254", "fe80::1", "fec0::1", "ff02::1", "2001:db8::1"}) {
    EXPECT_FALSE(Public(a)) << a;
  }
}

TEST(AddressPolicy, IPv4InsideIPv6IsJudgedAsIPv4) {
  EXPECT_FALSE(Public("::ffff:127.0.0.1"));
  EXPECT_FALSE(Public("::ffff:169.254.169.254"));
  EXPECT_FALSE(Public("::10.0.0.1"));
  EXPECT_FALSE(Public("64:ff9b::10.0.0.1"));
  EXPECT_FALSE(Public("2002:c0a8:0101::1"));  // 6to4 of 192.168.1.1
  EXPECT_TRUE(Public("::ffff:8.8.8.8"));
  EXPECT_TRUE(Public("2002:0808:0808::1"));
}

TEST(AddressPolicy, OtherFamiliesAndShortAddressesAreRefused) {
  sockaddr unix_address{};
  unix_address.sa_family = AF_UNIX;
  EXPECT_FALSE(IsPublicAddress(&unix_address, sizeof unix_address));
  sockaddr_in v4{};
  v4.sin_family = AF_INET;
  EXPECT_FALSE(IsPublicAddress(reinterpret_cast<sockaddr*>(&v4), 4));
  EXPECT_FALSE(IsPublicAddress(nullptr, 0));
}

TEST(AddressPolicy, RangeEdgesBothSides) {
  EXPECT_FALSE(Public("100.127.255.255"));
  EXPECT_TRUE(Public("100.128.0.1"));
  EXPECT_FALSE(Public("198.19.255.255"));
  EXPECT_TRUE(Public("198.20.0.1"));
  EXPECT_FALSE(Public("169.254.255.255"));
  EXPECT_TRUE(Public("169.255.0.1"));
  EXPECT_FALSE(Public("fdff:ffff::1"));
  EXPECT_TRUE(Public("fe00::1"));  // not fc00::/7 nor fe80::/10 (unassigned, but not local)
  EXPECT_FALSE(Public("febf:ffff::1"));
  EXPECT_FALSE(Public("::ffff:100.64.0.1"));
  EXPECT_FALSE(Public("::ffff:0.0.0.0"));
}

TEST(AddressPolicy, UntrustedHostsReachOnlyPublicAddresses) {
  const AddressPolicy policy(/*allow_private=*/false, {"127.0.0.1", "intranet.example"});
  const Address loopback = Parse("127.0.0.1");
  const Address metadata = Parse("169.254.169.254");
  const Address v6_metadata = Parse("fd00:ec2::254");
  const Address world = Parse("93.184.216.34");
  EXPECT_TRUE(policy.MayConnect("example.com", world.get(), world.length));
  EXPECT_FALSE(policy.MayConnect("example.com", loopback.get(), loopback.length));
  EXPECT_FALSE(policy.MayConnect("example.com", metadata.get(), metadata.length));
  EXPECT_FALSE(policy.MayConnect("example.com", v6_metadata.get(), v6_metadata.length));
  EXPECT_FALSE(policy.MayConnect("localhost", loopback.get(), loopback.length));  // not named
  EXPECT_FALSE(policy.MayConnect("127.0.0.2", loopback.get(), loopback.length));
  EXPECT_FALSE(policy.MayConnect("", loopback.get(), loopback.length));
}

TEST(AddressPolicy, TrustedHostsReachAnyAddress) {
  const AddressPolicy policy(/*allow_private=*/false, {"127.0.0.1", "intranet.example"});
  const Address loopback = Parse("127.0.0.1");
  const Address inside = Parse("10.1.2.3");
  // The name is what is trusted, wherever it resolves: the user named it.
  EXPECT_TRUE(policy.MayConnect("127.0.0.1", loopback.get(), loopback.length));
  EXPECT_TRUE(policy.MayConnect("intranet.example", inside.get(), inside.length));
  EXPECT_TRUE(policy.MayConnect("intranet.example", loopback.get(), loopback.length));
  EXPECT_FALSE(policy.MayConnect("other.intranet.example", inside.get(), inside.length));
}

TEST(AddressPolicy, AllowPrivateTurnsTheGuardOff) {
  const AddressPolicy policy(/*allow_private=*/true, {});
  const Address metadata = Parse("169.254.169.254");
  const Address loopback6 = Parse("::1");
  EXPECT_TRUE(policy.MayConnect("anything.example", metadata.get(), metadata.length));
  EXPECT_TRUE(policy.MayConnect("", loopback6.get(), loopback6.length));
}

}  // namespace
}  // namespace arachne
