// RedisEndpoint: where a cluster's Redis is, and who to log in as, from a redis:// URL.
//
//   redis://[[user]:password@]host[:port][/db]
//
// The scheme registered with IANA (https://www.iana.org/assignments/uri-schemes/prov/redis): port 6379 and
// database 0 by default; a user without a password is refused. The password may instead come from the
// environment (ARACHNE_REDIS_PASSWORD), so that it stays off command lines and out of seed files.
// rediss:// (TLS) is refused with what to do instead: Debian 12's hiredis (0.14) has no TLS, so a TLS
// Redis is reached through a local tunnel (README, "Crawling with several machines").
#pragma once

#include <string>
#include <string_view>

#include "arachne/status.h"

namespace arachne {

struct RedisEndpoint {
  std::string host = "127.0.0.1";
  int port = 6379;
  int db = 0;
  std::string user;      // an ACL user; empty: the default user
  std::string password;  // empty: no AUTH
  // The URL without its password, for messages and logs.
  std::string Display() const;
};

// `password_from_env`: the value of ARACHNE_REDIS_PASSWORD, used when the URL carries no password.
Result<RedisEndpoint> ParseRedisUrl(std::string_view url, std::string_view password_from_env = {});

}  // namespace arachne
