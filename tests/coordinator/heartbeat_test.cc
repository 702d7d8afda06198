#include "coordinator/heartbeat.h"

#include <gtest/gtest.h>

namespace arachne {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(Heartbeat, PingsAQuarterTimeoutApartWithRisingSequenceNumbers) {
  Heartbeat beat(seconds(8));
  Heartbeat::Clock::time_point t0{};
  beat.Restart(t0);
  EXPECT_FALSE(beat.PingDue(t0));
  EXPECT_FALSE(beat.PingDue(t0 + milliseconds(1999)));
  EXPECT_EQ(beat.PingDue(t0 + seconds(2)), 1u);
  EXPECT_FALSE(beat.PingDue(t0 + seconds(3)));  // the next one is due 2 s after the last
  EXPECT_EQ(beat.PingDue(t0 + seconds(4)), 2u);
}

TEST(Heartbeat, SilentOnlyAfterTheWholeTimeoutWithoutAWord) {
  Heartbeat beat(seconds(10));
  Heartbeat::Clock::time_point t0{};
  beat.Restart(t0);
  EXPECT_FALSE(beat.Silent(t0 + milliseconds(9999)));
  EXPECT_TRUE(beat.Silent(t0 + seconds(10)));
  beat.Heard(t0 + seconds(9));
  EXPECT_FALSE(beat.Silent(t0 + seconds(18)));
  EXPECT_TRUE(beat.Silent(t0 + seconds(19)));
}

TEST(Heartbeat, ARestartedSlotStartsAFreshSilence) {
  Heartbeat beat(seconds(10));
  Heartbeat::Clock::time_point t0{};
  beat.Restart(t0);
  ASSERT_TRUE(beat.Silent(t0 + seconds(30)));
  beat.Restart(t0 + seconds(30));
  EXPECT_FALSE(beat.Silent(t0 + seconds(31)));
  EXPECT_FALSE(beat.PingDue(t0 + seconds(31)));
  EXPECT_TRUE(beat.PingDue(t0 + milliseconds(32500)));
}

}  // namespace
}  // namespace arachne
