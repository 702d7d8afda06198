#include "scope/scope.h"

#include <algorithm>
#include <utility>

namespace arachne {

namespace {

// The URL a pattern is matched against: the normalized URL without its fragment, which is what the crawl
// dedups on and exports. Taken as a view of href() so that no string is built per link.
std::string_view WithoutFragment(const Url& url) {
  std::string_view href = url.href();
  if (url.has_fragment()) href.remove_suffix(url.fragment().size() + 1);
  return href;
}

// IPv4 hosts end in a digit (the WHATWG host parser turns any host whose last label is a number into an
// IPv4 address or a failure) and IPv6 hosts end in ']'; neither has subdomains.
bool IsIpAddress(std::string_view host) {
  return !host.empty() && ((host.back() >= '0' && host.back() <= '9') || host.back() == ']');
}

constexpr std::uint16_t kHttpPort = 80;
constexpr std::uint16_t kHttpsPort = 443;

}  // namespace

const char* Scope::VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAllowed: return "allowed";
    case Verdict::kNotHttp: return "not http";
    case Verdict::kOutOfDomain: return "out of domain";
    case Verdict::kDenied: return "denied";
    case Verdict::kNotAllowed: return "not allowed";
  }
  return "unknown";
}

Result<std::string> Scope::NormalizeDomain(std::string_view domain) {
  auto refuse = [&](std::string_view why) {
    return Status::InvalidArgument("invalid domain '" + std::string(domain) + "': " + std::string(why));
  };
  if (domain.empty()) return refuse("empty");
  // A port is refused outright: "example.com:80" would otherwise parse, its default port dropped.
  const bool ipv6 = domain.front() == '[';
  if (!ipv6 && domain.find(':') != std::string_view::npos) {
    return refuse("expected a host name without scheme or port, such as \"example.com\"");
  }
  if (domain.find_first_of("/?#@\\*") != std::string_view::npos) {
    return refuse("expected a host name without scheme, path or wildcard, such as \"example.com\"");
  }
  Result<Url> url = Url::Parse("http://" + std::string(domain) + "/");
  if (!url.ok()) return refuse("not a valid host name");
  if (!url->port().empty() || url->path() != "/")
    return refuse("expected a host name, such as \"example.com\"");
  return std::string(url->host());
}

Result<Scope> Scope::Create(const ScopeConfig& config, const std::vector<std::string>& seeds) {
  Scope scope;
  if (!config.allowed_domains.empty()) {
    scope.match_subdomains_ = true;
    for (const std::string& domain : config.allowed_domains) {
      Result<std::string> host = NormalizeDomain(domain);
      if (!host.ok()) return host.status();
      scope.hosts_[std::move(*host)].clear();
    }
  } else {
    for (const std::string& seed : seeds) {
      Result<Url> url = Url::Parse(seed);
      if (!url.ok()) return url.status();
      if (!url->is_http()) return Status::InvalidArgument("seed '" + seed + "' is not an http or https URL");
      std::vector<std::uint16_t>& ports = scope.hosts_[std::string(url->host())];
      auto add = [&ports](std::uint16_t port) {
        if (std::find(ports.begin(), ports.end(), port) == ports.end()) ports.push_back(port);
      };
      if (url->port().empty()) {
        add(kHttpPort);
        add(kHttpsPort);
      } else {
        add(url->effective_port());
      }
    }
  }
  Result<PatternSet> allow = PatternSet::Compile(config.allow);
  if (!allow.ok()) return allow.status();
  Result<PatternSet> deny = PatternSet::Compile(config.deny);
  if (!deny.ok()) return deny.status();
  scope.allow_ = std::move(*allow);
  scope.deny_ = std::move(*deny);
  return scope;
}

bool Scope::HostAdmitted(const Url& url) const {
  std::string_view host = url.host();
  if (!match_subdomains_) {
    auto it = hosts_.find(host);
    if (it == hosts_.end()) return false;
    const std::vector<std::uint16_t>& ports = it->second;
    return std::find(ports.begin(), ports.end(), url.effective_port()) != ports.end();
  }
  if (hosts_.find(host) != hosts_.end()) return true;
  if (IsIpAddress(host)) return false;
  // "a.b.example.com" is a subdomain of "b.example.com" and of "example.com": try each parent name.
  for (std::size_t dot = host.find('.'); dot != std::string_view::npos; dot = host.find('.', dot + 1)) {
    if (hosts_.find(host.substr(dot + 1)) != hosts_.end()) return true;
  }
  return false;
}

Scope::Verdict Scope::Check(const Url& url) const {
  if (!url.is_http()) return Verdict::kNotHttp;
  if (!HostAdmitted(url)) return Verdict::kOutOfDomain;
  const std::string_view text = WithoutFragment(url);
  if (deny_.MatchesAny(text)) return Verdict::kDenied;
  if (!allow_.empty() && !allow_.MatchesAny(text)) return Verdict::kNotAllowed;
  return Verdict::kAllowed;
}

}  // namespace arachne
