#include "report/number_text.h"

#include <gtest/gtest.h>

#include <limits>

namespace arachne::report {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

TEST(DecimalText, DecimalsAndSeparators) {
  EXPECT_EQ(DecimalText(1234.56, 1), "1,234.6");
  EXPECT_EQ(DecimalText(240.49, 0), "240");
  EXPECT_EQ(DecimalText(-1234.5, 1), "-1,234.5");
  EXPECT_EQ(DecimalText(-0.01, 1), "0.0");
  EXPECT_EQ(DecimalText(kNaN, 1), "0");
  EXPECT_EQ(DecimalText(kInfinity, 1), "0");
}

TEST(TickText, DecimalsFollowTheStep) {
  EXPECT_EQ(TickText(0, 50), "0");
  EXPECT_EQ(TickText(150, 50), "150");
  EXPECT_EQ(TickText(0.25, 0.05), "0.25");
  EXPECT_EQ(TickText(0.5, 0.5), "0.5");
  EXPECT_EQ(TickText(2, 0.5), "2.0");
  EXPECT_EQ(TickText(20000, 5000), "20k");
  EXPECT_EQ(TickText(2500, 500), "2,500");
  EXPECT_EQ(TickText(1500, 500), "1,500");
  EXPECT_EQ(TickText(3e6, 1e6), "3M");
  EXPECT_EQ(TickText(kNaN, 1), "0");
}

}  // namespace
}  // namespace arachne::report
