#include "cluster/redis_endpoint.h"

#include <cctype>
#include <charconv>

namespace arachne {
namespace {

// The URL with its password, if it has one, replaced by "***": messages end up in logs and terminals. The
// password runs from the first ':' after "//" (or from the first ':' when there is no "//") to the last
// '@'; a URL too broken to tell is masked beyond its password, never short of it.
std::string Redacted(std::string_view url) {
  const std::size_t slashes = url.find("//");
  const std::size_t start = slashes == std::string_view::npos ? 0 : slashes + 2;
  const std::size_t at = url.rfind('@');
  const std::size_t colon = url.find(':', start);
  if (at == std::string_view::npos || colon == std::string_view::npos || colon > at) return std::string(url);
  return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
}

Status Invalid(std::string_view url, const std::string& why) {
  return Status::InvalidArgument("Redis URL '" + Redacted(url) + "': " + why +
                                 " (expected redis://[[user]:password@]host[:port][/db])");
}

// Schemes are case-insensitive (RFC 3986, section 3.1): "REDIS://" is "redis://".
bool HasScheme(std::string_view url, std::string_view scheme) {
  if (url.size() < scheme.size()) return false;
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(url[i])) != scheme[i]) return false;
  }
  return true;
}

bool IsHexDigit(char c) {
  return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

// RFC 3986 percent-decoding, for a user name or password that holds ':' '@' or '/'.
bool PercentDecode(std::string_view in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out += in[i];
      continue;
    }
    // Two hex digits exactly: from_chars alone would also take a sign ("%-1").
    if (i + 2 >= in.size() || !IsHexDigit(in[i + 1]) || !IsHexDigit(in[i + 2])) return false;
    int value = 0;
    std::from_chars(in.data() + i + 1, in.data() + i + 3, value, 16);
    out += static_cast<char>(value);
    i += 2;
  }
  return true;
}

bool ParseInt(std::string_view text, int low, int high, int& out) {
  if (text.empty() || text.front() == '-') return false;  // from_chars takes "-0" for 0
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && out >= low && out <= high;
}

}  // namespace

std::string RedisEndpoint::Display() const {
  std::string out = "redis://";
  if (!user.empty() || !password.empty()) out += user + (password.empty() ? "" : ":***") + "@";
  const bool ipv6 = host.find(':') != std::string::npos;
  out += (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + "/" + std::to_string(db);
  return out;
}

Result<RedisEndpoint> ParseRedisUrl(std::string_view url, std::string_view password_from_env) {
  constexpr std::string_view kScheme = "redis://";
  if (HasScheme(url, "rediss://")) {
    return Invalid(url,
                   "TLS (rediss://) needs a hiredis built with TLS, which Debian 12 does not ship; reach a "
                   "TLS Redis through a local tunnel such as stunnel and give its redis:// address");
  }
  if (!HasScheme(url, kScheme)) return Invalid(url, "not a redis:// URL");
  std::string_view rest = url.substr(kScheme.size());
  RedisEndpoint endpoint;

  // userinfo: everything before the last '@' of the authority.
  const std::string_view authority = rest.substr(0, rest.find('/'));
  std::string_view path = rest.substr(authority.size());
  std::string_view hostport = authority;
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    const std::string_view userinfo = authority.substr(0, at);
    hostport = authority.substr(at + 1);
    const std::size_t colon = userinfo.find(':');
    if (!PercentDecode(userinfo.substr(0, colon), endpoint.user)) {
      return Invalid(url, "bad %-escape in the user");
    }
    if (colon != std::string_view::npos && !PercentDecode(userinfo.substr(colon + 1), endpoint.password)) {
      return Invalid(url, "bad %-escape in the password");
    }
  }
  if (endpoint.password.empty()) endpoint.password = std::string(password_from_env);
  // "user@" and "user:@" alike: without a password there is no AUTH, and the user would be ignored.
  if (!endpoint.user.empty() && endpoint.password.empty()) {
    return Invalid(url, "user '" + endpoint.user +
                            "' without a password (put it in the URL or in ARACHNE_REDIS_PASSWORD)");
  }

  if (hostport.starts_with('[')) {  // an IPv6 literal
    const std::size_t close = hostport.find(']');
    if (close == std::string_view::npos) return Invalid(url, "unclosed '[' in the host");
    endpoint.host = std::string(hostport.substr(1, close - 1));
    hostport = hostport.substr(close + 1);
    if (!hostport.empty() && !hostport.starts_with(':')) return Invalid(url, "junk after the IPv6 host");
    if (!hostport.empty() && !ParseInt(hostport.substr(1), 1, 65535, endpoint.port)) {
      return Invalid(url, "the port must be a number from 1 to 65535");
    }
  } else {
    const std::size_t colon = hostport.find(':');
    endpoint.host = std::string(hostport.substr(0, colon));
    if (colon != std::string_view::npos && !ParseInt(hostport.substr(colon + 1), 1, 65535, endpoint.port)) {
      return Invalid(url, "the port must be a number from 1 to 65535");
    }
  }
  if (endpoint.host.empty()) return Invalid(url, "no host");

  if (path.starts_with('/')) path.remove_prefix(1);
  if (!path.empty() && !ParseInt(path, 0, 1 << 20, endpoint.db)) {
    return Invalid(url, "the database after '/' must be a number");
  }
  return endpoint;
}

}  // namespace arachne
