#include "fetcher/retry_after.h"

#include <gtest/gtest.h>

namespace arachne {
namespace {

// 2026-11-25 08:00:00 UTC.
constexpr std::time_t kNow = 1795593600;

TEST(RetryAfter, DelaySeconds) {
  EXPECT_EQ(RetryAfterSeconds("7", kNow), 7);
  EXPECT_EQ(RetryAfterSeconds(" 120\r\n", kNow), 120);
  EXPECT_EQ(RetryAfterSeconds("0", kNow), 0);
  EXPECT_GT(RetryAfterSeconds("99999999999999999999", kNow), 1e19);  // the caller caps the wait
}

TEST(RetryAfter, HttpDateInEveryForm) {
  EXPECT_EQ(RetryAfterSeconds("Wed, 25 Nov 2026 09:00:00 GMT", kNow), 3600);    // IMF-fixdate
  EXPECT_EQ(RetryAfterSeconds("Wednesday, 25-Nov-26 08:01:00 GMT", kNow), 60);  // RFC 850
  EXPECT_EQ(RetryAfterSeconds("Wed Nov 25 08:00:30 2026", kNow), 30);           // asctime
}

TEST(RetryAfter, APassedDateMeansNow) {
  EXPECT_EQ(RetryAfterSeconds("Wed, 25 Nov 2026 07:00:00 GMT", kNow), 0);
  EXPECT_EQ(RetryAfterSeconds("Thu, 01 Jan 1970 00:00:00 GMT", kNow), 0);
}

TEST(RetryAfter, AnythingElseIsIgnored) {
  EXPECT_EQ(RetryAfterSeconds("", kNow), -1);
  EXPECT_EQ(RetryAfterSeconds("  ", kNow), -1);
  EXPECT_EQ(RetryAfterSeconds("-5", kNow), -1);
  EXPECT_EQ(RetryAfterSeconds("1.5", kNow), -1);
  EXPECT_EQ(RetryAfterSeconds("soon", kNow), -1);
}

}  // namespace
}  // namespace arachne
