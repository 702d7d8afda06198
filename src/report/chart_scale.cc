#include "report/chart_scale.h"

#include <algorithm>
#include <cmath>

namespace arachne::report {

namespace {

// The nice number (1, 2, 5 or 10 times a power of ten) nearest `x`.
double NiceNumber(double x) {
  const double exponent = std::floor(std::log10(x));
  const double fraction = x / std::pow(10.0, exponent);
  const double nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  return nice * std::pow(10.0, exponent);
}

}  // namespace

AxisTicks NiceTicks(double lo, double hi, int target) {
  // Far from any real count, and small enough that hi - lo stays finite.
  constexpr double kLimit = 1e300;
  lo = std::isfinite(lo) ? std::clamp(lo, -kLimit, kLimit) : 0;
  hi = std::isfinite(hi) ? std::clamp(hi, -kLimit, kLimit) : lo;
  // lo + 1 == lo for a large lo: widen by a share of it instead.
  if (hi <= lo) hi = lo + std::max(1.0, std::abs(lo) / 10);
  target = std::max(target, 1);
  AxisTicks axis;
  // The step straight from the range (as d3's ticks() does), not from a range first widened to a nice
  // number as Heckbert's loose labelling does: 0..20.4 s gets ticks every 5 s up to 25, not every 10 to 30.
  axis.step = NiceNumber((hi - lo) / target);
  axis.lo = std::floor(lo / axis.step) * axis.step;
  axis.hi = std::ceil(hi / axis.step) * axis.step;
  // Counting steps instead of adding them up keeps rounding errors from piling up along the axis.
  const auto intervals = std::min(100L, std::lround((axis.hi - axis.lo) / axis.step));
  for (long i = 0; i <= intervals; ++i) axis.ticks.push_back(axis.lo + i * axis.step);
  return axis;
}

LinearScale::LinearScale(double domain_lo, double domain_hi, double range_lo, double range_hi)
    : domain_lo_(domain_lo), domain_hi_(domain_hi), range_lo_(range_lo), range_hi_(range_hi) {}

double LinearScale::operator()(double value) const {
  const double width = domain_hi_ - domain_lo_;
  if (!std::isfinite(value) || !std::isfinite(width) || width <= 0) return range_lo_;
  const double share = std::clamp((value - domain_lo_) / width, 0.0, 1.0);
  return range_lo_ + share * (range_hi_ - range_lo_);
}

}  // namespace arachne::report
