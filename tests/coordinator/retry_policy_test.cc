#include "coordinator/retry_policy.h"

#include <gtest/gtest.h>

namespace arachne {
namespace {

using namespace std::chrono_literals;

FetchOutcome Status(int status) {
  FetchOutcome o;
  o.status = status;
  return o;
}

FetchOutcome Error(const std::string& kind) {
  FetchOutcome o;
  o.error = kind;
  return o;
}

TEST(RetryPolicy, RetriesFailuresThatMayPass) {
  for (int status : {408, 429, 500, 502, 503, 504, 522, 524}) EXPECT_TRUE(RetryPolicy::Retryable(Status(status)));
  for (const char* kind : {"timeout", "connect", "send", "recv"}) EXPECT_TRUE(RetryPolicy::Retryable(Error(kind)));
}

TEST(RetryPolicy, DoesNotRetryWhatWillNotChange) {
  for (int status : {200, 204, 301, 304, 400, 401, 403, 404, 410, 501}) {
    EXPECT_FALSE(RetryPolicy::Retryable(Status(status))) << status;
  }
  for (const char* kind : {"dns", "tls", "too large", "blocked address", "protocol", "aborted"}) {
    EXPECT_FALSE(RetryPolicy::Retryable(Error(kind))) << kind;
  }
}

TEST(RetryPolicy, BackoffDoublesWithJitterAndIsCapped) {
  RetryPolicy p(10, 1000ms, 60000ms, 42);
  for (int i = 0; i < 200; ++i) {
    auto first = p.Backoff(0);
    EXPECT_GE(first, 500ms);
    EXPECT_LT(first, 1500ms);
    auto third = p.Backoff(2);
    EXPECT_GE(third, 2000ms);
    EXPECT_LT(third, 6000ms);
    EXPECT_LE(p.Backoff(30), 60000ms);
  }
}

TEST(RetryPolicy, JitterSpreadsTheWaits) {
  RetryPolicy p(10, 1000ms, 60000ms, 7);
  auto a = p.Backoff(1);
  bool differs = false;
  for (int i = 0; i < 20 && !differs; ++i) differs = p.Backoff(1) != a;
  EXPECT_TRUE(differs);
}

TEST(RetryPolicy, RetryAfterReplacesTheBackoffUpToTheCap) {
  RetryPolicy p(3, 1000ms, 60000ms, 1);
  FetchOutcome o = Status(429);
  o.retry_after_s = 7;
  EXPECT_EQ(p.Next(o, 0), 7000ms);
  o.retry_after_s = 0;
  EXPECT_EQ(p.Next(o, 0), 0ms);
  o.retry_after_s = 86400;
  EXPECT_EQ(p.Next(o, 0), 60000ms);
}

TEST(RetryPolicy, StopsWhenRetriesAreUsedUp) {
  RetryPolicy p(2, 10ms, 100ms, 1);
  EXPECT_TRUE(p.Next(Status(503), 0));
  EXPECT_TRUE(p.Next(Status(503), 1));
  EXPECT_FALSE(p.Next(Status(503), 2));
  EXPECT_FALSE(p.Next(Status(404), 0));
  RetryPolicy none(0, 10ms, 100ms, 1);
  EXPECT_FALSE(none.Next(Error("timeout"), 0));
}

}  // namespace
}  // namespace arachne
