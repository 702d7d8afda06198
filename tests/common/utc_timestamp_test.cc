#include "common/utc_timestamp.h"

#include <gtest/gtest.h>

namespace arachne {
namespace {

TEST(UtcTimestamp, SecondsOrMilliseconds) {
  EXPECT_EQ(UtcTimestamp(1'764'624'780'123, false), "2025-12-01T21:33:00Z");
  EXPECT_EQ(UtcTimestamp(1'764'624'780'123, true), "2025-12-01T21:33:00.123Z");
  EXPECT_EQ(UtcTimestamp(0, true), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(UtcTimestamp(951'782'400'005, true), "2000-02-29T00:00:00.005Z");  // a leap day
}

TEST(UtcTimestamp, BeforeTheEpochIsFlooredNotNegative) {
  EXPECT_EQ(UtcTimestamp(-1, true), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(UtcTimestamp(-1, false), "1969-12-31T23:59:59Z");
}

}  // namespace
}  // namespace arachne
