// Which network addresses a crawl may connect to.
//
// A crawler follows links that strangers wrote. Without a guard, a page could send it to
// http://169.254.169.254/ (a cloud's metadata service, which hands out credentials), to the admin
// interface on 127.0.0.1, or to any machine on the private network it runs in: server-side request
// forgery. So every connection is checked on the address it actually goes to, at connect time
// (CURLOPT_OPENSOCKETFUNCTION), which also defeats a public name that resolves to a private address and
// DNS rebinding (the name resolving to a public address when a link is checked, to a private one when the
// connection is made): only the address actually connected to counts. The seeds' own hosts are trusted: a
// crawl of an intranet site or of 127.0.0.1 is what the user asked for.
#pragma once

#include <sys/socket.h>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace arachne {

// False for the addresses no public web site has: unspecified, loopback, private (RFC 1918, unique
// local fc00::/7), carrier-grade NAT (100.64/10), link-local (169.254/16 with the metadata services,
// fe80::/10), benchmarking, documentation and reserved ranges, multicast and broadcast, the AWS IPv6
// metadata address; IPv4-mapped and IPv4-compatible IPv6 addresses are judged by their IPv4 address.
bool IsPublicAddress(const sockaddr* address, socklen_t length);

// Who may connect where: a host the user named may reach any address, every other host only public ones.
class AddressPolicy {
 public:
  // `trusted_hosts`: hosts as Url::host() serializes them ("127.0.0.1", "intranet.example", "[::1]"),
  // compared exactly. allow_private: every host may connect anywhere (the guard is off).
  AddressPolicy(bool allow_private, std::vector<std::string> trusted_hosts);

  // Whether a connection for a URL of `host` may go to `address`.
  bool MayConnect(std::string_view host, const sockaddr* address, socklen_t length) const;

 private:
  bool allow_private_;
  std::unordered_set<std::string> trusted_hosts_;
};

}  // namespace arachne
