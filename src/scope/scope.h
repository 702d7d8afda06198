// Scope: decides whether a link found on a page may be queued.
//
// A URL is in scope when
//   1. its scheme is http or https;
//   2. its host is in the domain list:
//      - with scope.allowed_domains: the host is one of them or a subdomain of one ("example.com" admits
//        "example.com" and "www.example.com", not "badexample.com"), on any port;
//      - without: the host *and port* of one of the seeds. The port counts because one machine serves
//        unrelated sites on different ports (the test site on 127.0.0.1:8080 is not whatever listens on
//        127.0.0.1:9000). A seed on its scheme's default port admits both default ports, 80 and 443, so
//        that http://example.com/ as a seed follows its site onto https://example.com/;
//   3. no `deny` pattern matches the normalized URL (without its fragment), and
//   4. at least one `allow` pattern matches it, when any are given.
// Patterns are RE2 and searched anywhere in the URL (partial match); anchor them with ^ and $ as needed.
//
// A Scope is built once per parser process and then asked about every link, so Check allocates nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "arachne/config.h"
#include "arachne/status.h"
#include "scope/pattern_set.h"
#include "url/url.h"

namespace arachne {

class Scope {
 public:
  // Why a URL is refused, for the crawl's statistics.
  enum class Verdict : std::uint8_t {
    kAllowed,
    kNotHttp,      // not an http or https URL (mailto:, javascript:, ftp: ...)
    kOutOfDomain,  // host (or, for seed-derived scope, host and port) not admitted
    kDenied,       // a `deny` pattern matches
    kNotAllowed,   // `allow` patterns are given and none matches
  };
  // "allowed", "not http", "out of domain", "denied", "not allowed".
  static const char* VerdictName(Verdict verdict);

  // Fails when a seed is not an absolute http(s) URL, a domain is not a host name, or a pattern does not
  // compile; Config::Validate has already reported these to the user with their place in the seed file.
  static Result<Scope> Create(const ScopeConfig& config, const std::vector<std::string>& seeds);

  // The host an allowed_domains entry stands for, as URLs serialize hosts (lowercase, punycode, IPv6 in
  // brackets): "Bücher.Example" -> "xn--bcher-kva.example". Fails for anything but a bare host name or
  // IP address (a port, a path, a scheme, a wildcard).
  static Result<std::string> NormalizeDomain(std::string_view domain);

  Verdict Check(const Url& url) const;
  bool Allows(const Url& url) const { return Check(url) == Verdict::kAllowed; }

 private:
  Scope() = default;

  bool HostAdmitted(const Url& url) const;

  // Hashing string_view and string alike lets Check look hosts up without building a std::string.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // Host -> ports admitted for it; an empty list admits every port (allowed_domains).
  using HostMap = std::unordered_map<std::string, std::vector<std::uint16_t>, Hash, std::equal_to<>>;

  bool match_subdomains_ = false;  // true with allowed_domains, false for seed-derived scope
  HostMap hosts_;
  PatternSet allow_;
  PatternSet deny_;
};

}  // namespace arachne
