#include "fetcher/address_policy.h"

#include <netinet/in.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <utility>

namespace arachne {

namespace {

struct V4Range {
  std::uint32_t base;
  int prefix;
};

// IANA's IPv4 special-purpose registry (RFC 6890 and successors): everything not globally reachable.
constexpr std::array<V4Range, 15> kNonPublicV4 = {{
    {0x00000000, 8},   // 0.0.0.0/8 "this network"
    {0x0A000000, 8},   // 10/8 private
    {0x64400000, 10},  // 100.64/10 carrier-grade NAT
    {0x7F000000, 8},   // 127/8 loopback
    {0xA9FE0000, 16},  // 169.254/16 link-local, with 169.254.169.254 metadata
    {0xAC100000, 12},  // 172.16/12 private
    {0xC0000000, 24},  // 192.0.0/24 protocol assignments
    {0xC0000200, 24},  // 192.0.2/24 documentation
    {0xC0586300, 24},  // 192.88.99/24 6to4 relay anycast
    {0xC0A80000, 16},  // 192.168/16 private
    {0xC6120000, 15},  // 198.18/15 benchmarking
    {0xC6336400, 24},  // 198.51.100/24 documentation
    {0xCB007100, 24},  // 203.0.113/24 documentation
    {0xE0000000, 4},   // 224/4 multicast
    {0xF0000000, 4},   // 240/4 reserved, and 255.255.255.255 broadcast
}};

bool IsPublicV4(std::uint32_t address) {
  for (const V4Range& range : kNonPublicV4) {
    const std::uint32_t mask = ~std::uint32_t{0} << (32 - range.prefix);
    if ((address & mask) == range.base) return false;
  }
  return true;
}

std::uint32_t V4At(const std::uint8_t* bytes) {
  return (std::uint32_t{bytes[0]} << 24) | (std::uint32_t{bytes[1]} << 16) | (std::uint32_t{bytes[2]} << 8) |
         bytes[3];
}

bool IsPublicV6(const std::uint8_t* a) {
  static constexpr std::uint8_t kZero[12] = {};
  static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  // ::a.b.c.d (compatible, deprecated) and ::ffff:a.b.c.d (mapped) reach an IPv4 address; :: and ::1
  // fall in 0/8 that way too.
  if (std::memcmp(a, kZero, 12) == 0 || std::memcmp(a, kMapped, 12) == 0) return IsPublicV4(V4At(a + 12));
  // 64:ff9b::/96, NAT64: the IPv4 address is in the last 32 bits.
  static constexpr std::uint8_t kNat64[12] = {0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::memcmp(a, kNat64, 12) == 0) return IsPublicV4(V4At(a + 12));
  // 2002::/16, 6to4: the IPv4 address follows the prefix.
  if (a[0] == 0x20 && a[1] == 0x02) return IsPublicV4(V4At(a + 2));
  if ((a[0] & 0xFE) == 0xFC) return false;                  // fc00::/7 unique local
  if (a[0] == 0xFE && (a[1] & 0xC0) == 0x80) return false;  // fe80::/10 link-local
  if (a[0] == 0xFE && (a[1] & 0xC0) == 0xC0) return false;  // fec0::/10 site-local (deprecated)
  if (a[0] == 0xFF) return false;                           // ff00::/8 multicast
  if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0D && a[3] == 0xB8) return false;  // 2001:db8::/32 docs
  // fd00:ec2::254, the AWS metadata service over IPv6, is inside fc00::/7 already.
  return true;
}

}  // namespace

bool IsPublicAddress(const sockaddr* address, socklen_t length) {
  if (address == nullptr) return false;
  if (address->sa_family == AF_INET && length >= static_cast<socklen_t>(sizeof(sockaddr_in))) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(address);
    return IsPublicV4(ntohl(v4->sin_addr.s_addr));
  }
  if (address->sa_family == AF_INET6 && length >= static_cast<socklen_t>(sizeof(sockaddr_in6))) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(address);
    return IsPublicV6(v6->sin6_addr.s6_addr);
  }
  return false;  // no other family reaches a web site
}

AddressPolicy::AddressPolicy(bool allow_private, std::vector<std::string> trusted_hosts)
    : allow_private_(allow_private),
      trusted_hosts_(std::make_move_iterator(trusted_hosts.begin()),
                     std::make_move_iterator(trusted_hosts.end())) {}

bool AddressPolicy::MayConnect(std::string_view host, const sockaddr* address, socklen_t length) const {
  if (allow_private_ || IsPublicAddress(address, length)) return true;
  return !host.empty() && trusted_hosts_.contains(std::string(host));
}

}  // namespace arachne
