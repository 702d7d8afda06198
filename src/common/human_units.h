// Numbers as the command line and the report show them to a person: thousands separators, byte sizes in SI
// units, durations on a clock.
#pragma once

#include <cstdint>
#include <string>

namespace arachne {

// Digits with a comma between each group of three: "1234567" -> "1,234,567".
std::string GroupThousands(const std::string& digits);

// 1234567 -> "1,234,567".
std::string FormatCount(std::uint64_t count);

// Decimal (SI) units as most tools of the field show transfer sizes: 512 -> "512 B",
// 12'400'000 -> "12.4 MB", up to "EB".
std::string FormatBytes(std::uint64_t bytes);

// A rate with one decimal: 412.34 -> "412.3". Negative or not finite -> "0.0".
std::string FormatRate(double per_second);

// Elapsed time on a clock, seconds truncated: 3.9 -> "0:03", 3723 -> "1:02:03". Negative or not finite
// -> "0:00".
std::string FormatClock(double seconds);

// Elapsed time for a report: under a minute with a tenth of a second ("3.2 s"), else as FormatClock.
// Negative or not finite -> "0.0 s", as for nothing elapsed.
std::string FormatDuration(double seconds);

}  // namespace arachne
