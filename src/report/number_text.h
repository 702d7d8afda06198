// Numbers as the report shows them to a person: counts with thousands separators, byte sizes in SI units,
// durations, rates, and the labels of chart ticks.
//
// The command line's cli/human_units.h writes the same shapes for the terminal; the report cannot link the
// cli component (which links this one), hence its own copy of these few lines.
#pragma once

#include <cstdint>
#include <string>

namespace arachne::report {

// 1234567 -> "1,234,567".
std::string CountText(std::uint64_t count);

// Decimal (SI) units: 512 -> "512 B", 31'457'280 -> "31.5 MB".
std::string BytesText(std::uint64_t bytes);

// Under a minute with a tenth of a second ("12.0 s"), else on a clock ("1:02:03"); "0.0 s" for a value
// that is negative or not finite.
std::string DurationText(double seconds);

// A number with `decimals` decimals and thousands separators: (1234.56, 1) -> "1,234.6"; "0" for a value
// that is not finite.
std::string DecimalText(double value, int decimals);

// A tick label for `value` on an axis whose ticks are `step` apart: as many decimals as the step needs,
// and k / M when the step is a thousand or a million or more: (20000, 5000) -> "20k", (0.25, 0.05) ->
// "0.25", (1.5e6, 5e5) -> "1,500k", (3e6, 1e6) -> "3M".
std::string TickText(double value, double step);

}  // namespace arachne::report
