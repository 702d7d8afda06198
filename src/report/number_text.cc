#include "report/number_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

namespace arachne::report {

namespace {

// Digits with a comma between each group of three: "1234567" -> "1,234,567".
std::string GroupThousands(const std::string& digits) {
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

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

std::string CountText(std::uint64_t count) {
  return GroupThousands(std::to_string(count));
}

std::string BytesText(std::uint64_t bytes) {
  if (bytes < 1000) return std::to_string(bytes) + " B";
  static constexpr const char* kUnits[] = {"kB", "MB", "GB", "TB", "PB", "EB"};
  double value = static_cast<double>(bytes) / 1000;
  std::size_t unit = 0;
  // Move up a unit when one decimal would round to 1000 ("1000.0 kB" should read "1.0 MB").
  while (value >= 999.95 && unit + 1 < std::size(kUnits)) {
    value /= 1000;
    ++unit;
  }
  return Fixed(value, 1) + " " + kUnits[unit];
}

std::string DurationText(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "0.0 s";
  if (seconds < 59.95) return Fixed(seconds, 1) + " s";
  // Clamped well above any real crawl so the conversion to an integer is defined.
  const auto total = static_cast<std::uint64_t>(std::min(seconds, 1e12));
  char text[64];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%llu:%02llu:%02llu", static_cast<unsigned long long>(total / 3600),
                  static_cast<unsigned long long>(total / 60 % 60),
                  static_cast<unsigned long long>(total % 60));
  } else {
    std::snprintf(text, sizeof text, "%llu:%02llu", static_cast<unsigned long long>(total / 60),
                  static_cast<unsigned long long>(total % 60));
  }
  return text;
}

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
