#include "coordinator/retry_policy.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

namespace arachne {

namespace {

constexpr std::array<int, 8> kRetryStatuses = {408, 429, 500, 502, 503, 504, 522, 524};

}  // namespace

RetryPolicy::RetryPolicy(int max_retries, Duration first_wait, Duration max_wait, std::uint64_t seed)
    : max_retries_(std::max(0, max_retries)),
      first_wait_(std::max(Duration(1), first_wait)),
      max_wait_(std::max(first_wait_, max_wait)),
      random_(seed) {}

bool RetryPolicy::Retryable(const FetchOutcome& outcome) {
  if (!outcome.error.empty()) {
    return IsTransientError(outcome.error);
  }
  return std::find(kRetryStatuses.begin(), kRetryStatuses.end(), outcome.status) != kRetryStatuses.end();
}

RetryPolicy::Duration RetryPolicy::Backoff(int retries) {
  // 2^retries overflows nothing: the exponent is capped well before a double loses the cap.
  const double base = static_cast<double>(first_wait_.count()) * std::exp2(std::clamp(retries, 0, 40));
  std::uniform_real_distribution<double> jitter(0.5, 1.5);
  const double wait = std::min(base * jitter(random_), static_cast<double>(max_wait_.count()));
  return Duration(static_cast<Duration::rep>(wait));
}

std::optional<RetryPolicy::Duration> RetryPolicy::Next(const FetchOutcome& outcome, int retries) {
  if (retries >= max_retries_ || !Retryable(outcome)) return std::nullopt;
  if (outcome.retry_after_s >= 0) {
    const double ms = std::min(outcome.retry_after_s * 1000, static_cast<double>(max_wait_.count()));
    return Duration(static_cast<Duration::rep>(ms));
  }
  return Backoff(retries);
}

}  // namespace arachne
