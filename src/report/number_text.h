// Numbers as the report's tables and charts show them besides common/human_units.h's counts, byte sizes and
// durations: decimals with thousands separators, and the labels of chart ticks.
#pragma once

#include <string>

namespace arachne::report {

// A number with `decimals` decimals and thousands separators: (1234.56, 1) -> "1,234.6"; "0" for a value
// that is not finite.
std::string DecimalText(double value, int decimals);

// A tick label for `value` on an axis whose ticks are `step` apart: as many decimals as the step needs,
// and k / M when the step is a thousand or a million or more: (20000, 5000) -> "20k", (0.25, 0.05) ->
// "0.25", (1.5e6, 5e5) -> "1,500k", (3e6, 1e6) -> "3M".
std::string TickText(double value, double step);

}  // namespace arachne::report
