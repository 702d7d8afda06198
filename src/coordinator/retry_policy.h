// RetryPolicy: which failed fetches are tried again, and after how long.
//
// Worth retrying are failures that may pass: a timeout, a refused or reset connection, and the statuses
// that say "not now" (408 Request Timeout, 429 Too Many Requests, 500, 502, 503, 504, and the 522/524
// timeouts of common CDNs), the list Scrapy's RetryMiddleware uses. A DNS failure is not retried: it is
// almost always a name that does not exist. The wait doubles with each retry (exponential backoff) and is
// drawn from [wait/2, wait*3/2) (jitter, so that URLs failed together do not return together); a
// Retry-After (RFC 9110 section 10.2.3) replaces it. Every wait is capped at `max_wait`.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>

#include "ipc/messages.h"

namespace arachne {

class RetryPolicy {
 public:
  using Duration = std::chrono::milliseconds;

  RetryPolicy(int max_retries, Duration first_wait, Duration max_wait, std::uint64_t seed);

  // A failure that may pass (see above); a success or a 404 is not.
  static bool Retryable(const FetchOutcome& outcome);

  // How long to wait before trying `outcome`'s URL again, after `retries` earlier retries; nothing when
  // it is not retryable or its retries are used up.
  std::optional<Duration> Next(const FetchOutcome& outcome, int retries);

  // The exponential wait for the `retries`+1-th retry, with jitter, capped.
  Duration Backoff(int retries);

 private:
  int max_retries_;
  Duration first_wait_;
  Duration max_wait_;
  std::mt19937_64 random_;
};

}  // namespace arachne
