#include "export/record_fields.h"

#include <gtest/gtest.h>

#include <limits>

namespace arachne {
namespace {

std::string Millis(double ms) {
  std::string out;
  return AppendMillis(out, ms) ? out : "<none>";
}

TEST(AppendMillis, KeepsAtMostOneDecimal) {
  EXPECT_EQ(Millis(12.34), "12.3");
  EXPECT_EQ(Millis(12.36), "12.4");
  EXPECT_EQ(Millis(12.0), "12");
  EXPECT_EQ(Millis(0), "0");
  EXPECT_EQ(Millis(0.04), "0");
  EXPECT_EQ(Millis(-0.04), "0");
  EXPECT_EQ(Millis(99999.99), "100000");
  EXPECT_EQ(Millis(1e300).find('e'), std::string::npos) << "JSON and CSV readers want plain digits";
}

TEST(AppendMillis, RefusesNonFiniteValues) {
  EXPECT_EQ(Millis(std::numeric_limits<double>::quiet_NaN()), "<none>");
  EXPECT_EQ(Millis(std::numeric_limits<double>::infinity()), "<none>");
  EXPECT_EQ(Millis(-std::numeric_limits<double>::infinity()), "<none>");
}

TEST(AppendInteger, SpellsTheFullRange) {
  std::string out;
  AppendInteger(out, std::numeric_limits<std::uint64_t>::max());
  out += ' ';
  AppendInteger(out, -404);
  EXPECT_EQ(out, "18446744073709551615 -404");
}

}  // namespace
}  // namespace arachne
