// What the answer to a robots.txt request means (RFC 9309 section 2.3.1), for the crawl and for
// `arachne robots --url` alike.
#pragma once

#include <string_view>

namespace arachne {

enum class RobotsResponse {
  kRules,        // 2xx: its rules apply
  kUnavailable,  // 4xx, too many redirects, a name that does not resolve ...: everything is allowed
  kUnreachable,  // 5xx, 429, a timeout or a broken connection: everything is disallowed, for now
};

// `error` is the fetcher's error kind ("timeout", "connect" ...), empty when a response arrived.
// 429 counts as unreachable, as in Google's crawler: the site asks for less load, not for no rules.
// Failures that would stop the pages too (DNS, TLS, a blocked address) count as unavailable: the
// pages then fail on their own, with the real reason in their records.
RobotsResponse ClassifyRobotsResponse(int status, std::string_view error);

}  // namespace arachne
