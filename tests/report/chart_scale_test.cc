#include "report/chart_scale.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace arachne::report {
namespace {

TEST(NiceTicks, RoundNumbersCoveringTheRange) {
  const AxisTicks axis = NiceTicks(0, 4716);
  EXPECT_EQ(axis.lo, 0);
  EXPECT_EQ(axis.step, 1000);
  EXPECT_EQ(axis.hi, 5000);
  EXPECT_EQ(axis.ticks, (std::vector<double>{0, 1000, 2000, 3000, 4000, 5000}));

  const AxisTicks seconds = NiceTicks(0, 20.4);
  EXPECT_EQ(seconds.step, 5);
  EXPECT_EQ(seconds.ticks.back(), 25);
}

TEST(NiceTicks, SmallSteps) {
  const AxisTicks axis = NiceTicks(0, 0.3);
  EXPECT_DOUBLE_EQ(axis.step, 0.05);
  ASSERT_EQ(axis.ticks.size(), 7u);
  EXPECT_DOUBLE_EQ(axis.ticks[6], 0.3);
}

TEST(NiceTicks, NoDataStillHasAnAxis) {
  for (const auto& [lo, hi] : std::vector<std::pair<double, double>>{
           {0, 0},
           {5, 5},
           {3, 1},
           {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()},
           {1e308, 1e308}}) {
    const AxisTicks axis = NiceTicks(lo, hi);
    EXPECT_LT(axis.lo, axis.hi) << lo << " " << hi;
    EXPECT_GT(axis.step, 0) << lo << " " << hi;
    ASSERT_GE(axis.ticks.size(), 2u) << lo << " " << hi;
    for (double tick : axis.ticks) EXPECT_TRUE(std::isfinite(tick)) << lo << " " << hi;
  }
  EXPECT_EQ(NiceTicks(0, 0).hi, 1);
}

TEST(LinearScale, MapsAndClamps) {
  const LinearScale y(0, 100, 250, 50);  // a y axis: 0 at the bottom
  EXPECT_DOUBLE_EQ(y(0), 250);
  EXPECT_DOUBLE_EQ(y(50), 150);
  EXPECT_DOUBLE_EQ(y(100), 50);
  EXPECT_DOUBLE_EQ(y(1000), 50);
  EXPECT_DOUBLE_EQ(y(-5), 250);
  EXPECT_DOUBLE_EQ(y(std::numeric_limits<double>::quiet_NaN()), 250);
  const LinearScale flat(3, 3, 10, 20);  // a domain of zero width
  EXPECT_DOUBLE_EQ(flat(3), 10);
}

}  // namespace
}  // namespace arachne::report
