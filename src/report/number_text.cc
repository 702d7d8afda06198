#include "report/number_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/human_units.h"

namespace arachne::report {

namespace {

std::string Fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// The decimals a tick step needs to tell neighbouring ticks apart: 5 -> 0, 0.5 -> 1, 0.05 -> 2.
int DecimalsFor(double step) {
  if (!std::isfinite(step) || step <= 0 || step >= 1) return 0;
  return std::clamp(static_cast<int>(std::ceil(-std::log10(step) - 1e-9)), 0, 6);
}

}  // namespace

std::string DecimalText(double value, int decimals) {
  if (!std::isfinite(value)) return "0";
  const std::string text = Fixed(std::abs(value), decimals);
  const std::size_t point = text.find('.');
  std::string out = GroupThousands(text.substr(0, point));
  if (point != std::string::npos) out += text.substr(point);
  // No "-0" or "-0.0" for a value that rounds to zero.
  if (value < 0 && out.find_first_not_of("0.,") != std::string::npos) out = "-" + out;
  return out;
}

std::string TickText(double value, double step) {
  if (!std::isfinite(value) || value == 0) return "0";
  // The unit follows the step, so that every label of one axis has the same one.
  if (step >= 1e6) return DecimalText(value / 1e6, DecimalsFor(step / 1e6)) + "M";
  if (step >= 1e3) return DecimalText(value / 1e3, DecimalsFor(step / 1e3)) + "k";
  return DecimalText(value, DecimalsFor(step));
}

}  // namespace arachne::report
