#include "common/human_units.h"

#include <gtest/gtest.h>

#include <limits>

namespace arachne {
namespace {

TEST(GroupThousands, CommaBetweenGroupsOfThree) {
  EXPECT_EQ(GroupThousands(""), "");
  EXPECT_EQ(GroupThousands("999"), "999");
  EXPECT_EQ(GroupThousands("1000"), "1,000");
  EXPECT_EQ(GroupThousands("123456"), "123,456");
  EXPECT_EQ(GroupThousands("1234567"), "1,234,567");
}

TEST(FormatCount, GroupsThousands) {
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatCount(1000), "1,000");
  EXPECT_EQ(FormatCount(1234567), "1,234,567");
  EXPECT_EQ(FormatCount(std::numeric_limits<std::uint64_t>::max()), "18,446,744,073,709,551,615");
}

TEST(FormatBytes, UsesSiUnits) {
  EXPECT_EQ(FormatBytes(0), "0 B");
  EXPECT_EQ(FormatBytes(512), "512 B");
  EXPECT_EQ(FormatBytes(999), "999 B");
  EXPECT_EQ(FormatBytes(1000), "1.0 kB");
  EXPECT_EQ(FormatBytes(12'400'000), "12.4 MB");
  EXPECT_EQ(FormatBytes(31'457'280), "31.5 MB");
  EXPECT_EQ(FormatBytes(3'210'000'000), "3.2 GB");
  EXPECT_EQ(FormatBytes(std::numeric_limits<std::uint64_t>::max()), "18.4 EB");
}

TEST(FormatBytes, RoundingMovesUpAUnit) {
  EXPECT_EQ(FormatBytes(999'960), "1.0 MB");
  EXPECT_EQ(FormatBytes(999'940), "999.9 kB");
}

TEST(FormatRate, OneDecimalAndNoNonsense) {
  EXPECT_EQ(FormatRate(412.34), "412.3");
  EXPECT_EQ(FormatRate(0), "0.0");
  EXPECT_EQ(FormatRate(-3), "0.0");
  EXPECT_EQ(FormatRate(std::numeric_limits<double>::quiet_NaN()), "0.0");
  EXPECT_EQ(FormatRate(std::numeric_limits<double>::infinity()), "0.0");
}

TEST(FormatClock, MinutesAndHours) {
  EXPECT_EQ(FormatClock(0), "0:00");
  EXPECT_EQ(FormatClock(3.9), "0:03");
  EXPECT_EQ(FormatClock(83), "1:23");
  EXPECT_EQ(FormatClock(3723), "1:02:03");
  EXPECT_EQ(FormatClock(-1), "0:00");
  EXPECT_EQ(FormatClock(std::numeric_limits<double>::quiet_NaN()), "0:00");
  EXPECT_FALSE(FormatClock(std::numeric_limits<double>::infinity()).empty());
}

TEST(FormatDuration, SecondsUnderAMinute) {
  EXPECT_EQ(FormatDuration(0), "0.0 s");
  EXPECT_EQ(FormatDuration(3.24), "3.2 s");
  EXPECT_EQ(FormatDuration(12.04), "12.0 s");
  EXPECT_EQ(FormatDuration(59.9), "59.9 s");
  EXPECT_EQ(FormatDuration(59.97), "60.0 s");
  EXPECT_EQ(FormatDuration(60), "1:00");
  EXPECT_EQ(FormatDuration(83), "1:23");
  EXPECT_EQ(FormatDuration(3723), "1:02:03");
}

TEST(FormatDuration, NothingToShowIsZeroSeconds) {
  EXPECT_EQ(FormatDuration(-1), "0.0 s");
  EXPECT_EQ(FormatDuration(std::numeric_limits<double>::quiet_NaN()), "0.0 s");
  EXPECT_EQ(FormatDuration(std::numeric_limits<double>::infinity()), "0.0 s");
}

}  // namespace
}  // namespace arachne
