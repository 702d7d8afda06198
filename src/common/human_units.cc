#include "common/human_units.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

namespace arachne {

namespace {

// One decimal, or "0.0" for values that cannot be shown.
std::string OneDecimal(double value) {
  if (!std::isfinite(value) || value < 0) value = 0;
  char text[64];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

}  // namespace

std::string GroupThousands(const std::string& digits) {
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string FormatCount(std::uint64_t count) {
  return GroupThousands(std::to_string(count));
}

std::string FormatBytes(std::uint64_t bytes) {
  if (bytes < 1000) return std::to_string(bytes) + " B";
  static constexpr const char* kUnits[] = {"kB", "MB", "GB", "TB", "PB", "EB"};
  double value = static_cast<double>(bytes) / 1000;
  std::size_t unit = 0;
  // Move up a unit when one decimal would round to 1000 ("1000.0 kB" should read "1.0 MB").
  while (value >= 999.95 && unit + 1 < std::size(kUnits)) {
    value /= 1000;
    ++unit;
  }
  return OneDecimal(value) + " " + kUnits[unit];
}

std::string FormatRate(double per_second) {
  return OneDecimal(per_second);
}

std::string FormatClock(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) seconds = 0;
  // Clamped well above any real crawl so the conversion to an integer is defined.
  const auto total = static_cast<std::uint64_t>(std::min(seconds, 1e12));
  const std::uint64_t hours = total / 3600;
  const std::uint64_t minutes = total / 60 % 60;
  const std::uint64_t secs = total % 60;
  char text[64];
  if (hours > 0) {
    std::snprintf(text, sizeof text, "%llu:%02llu:%02llu", static_cast<unsigned long long>(hours),
                  static_cast<unsigned long long>(minutes), static_cast<unsigned long long>(secs));
  } else {
    std::snprintf(text, sizeof text, "%llu:%02llu", static_cast<unsigned long long>(minutes),
                  static_cast<unsigned long long>(secs));
  }
  return text;
}

std::string FormatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "0.0 s";
  if (seconds < 60) return OneDecimal(seconds) + " s";
  return FormatClock(seconds);
}

}  // namespace arachne
