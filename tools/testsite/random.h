// SplitMix64: the small, fast, fully specified generator the test site draws everything from, so that the
// same options and seed give the same bytes on every machine and library (std:: distributions are not
// specified exactly enough for that). Steele, Lea and Flood, "Fast splittable pseudorandom number
// generators", OOPSLA 2014.
#pragma once

#include <cstdint>

namespace arachne::testsite {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n); n > 0. The modulo bias is far below anything a test could notice.
  std::uint64_t Below(std::uint64_t n) { return Next() % n; }
  int Between(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Uniform() < p; }
  // Approximately standard normal: the sum of 12 uniforms (Irwin-Hall), which needs no libm.
  double Normal() {
    double sum = 0;
    for (int i = 0; i < 12; ++i) sum += Uniform();
    return sum - 6;
  }

 private:
  std::uint64_t state_;
};

// One well-mixed value from several, to seed an independent stream per (site seed, page, purpose).
inline std::uint64_t MixSeed(std::uint64_t a, std::uint64_t b, std::uint64_t c = 0) {
  SplitMix64 g(a ^ (b * 0xd6e8feb86659fd93ULL) ^ (c * 0xa0761d6478bd642fULL));
  g.Next();
  return g.Next();
}

}  // namespace arachne::testsite
