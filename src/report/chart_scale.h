// The numbers behind a chart axis: a range widened to round ends, its ticks, and the linear map from data
// values to view-box coordinates.
#pragma once

#include <vector>

namespace arachne::report {

// An axis from `lo` to `hi` with ticks every `step` (ticks.front() == lo, ticks.back() == hi).
struct AxisTicks {
  double lo = 0;
  double hi = 1;
  double step = 1;
  std::vector<double> ticks;
};

// Ticks at "nice" numbers (1, 2 or 5 times a power of ten, after Heckbert, "Nice numbers for graph labels",
// Graphics Gems, 1990) covering [lo, hi] with about `target` intervals. An empty or reversed range is
// widened ([0, 0] -> [0, 1]) and ends that are not finite are replaced, so a chart of no data still has an
// axis and every tick is finite.
AxisTicks NiceTicks(double lo, double hi, int target = 5);

// Maps [domain_lo, domain_hi] onto [range_lo, range_hi] (a view-box span; range_lo > range_hi for a y axis
// that grows upwards). Values outside the domain are clamped to it, and a domain of zero width maps to
// range_lo, so the result is always finite and inside the view box.
class LinearScale {
 public:
  LinearScale(double domain_lo, double domain_hi, double range_lo, double range_hi);
  double operator()(double value) const;

 private:
  double domain_lo_;
  double domain_hi_;
  double range_lo_;
  double range_hi_;
};

}  // namespace arachne::report
