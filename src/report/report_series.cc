#include "report/report_series.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include "common/human_units.h"

namespace arachne::report {

namespace {

constexpr char kFetcherColour[] = "#2f6fbf";
constexpr char kParserColour[] = "#e07b1a";
constexpr char kOtherColour[] = "#7a7a7a";

int RoleRank(const std::string& role) {
  if (role == "fetcher") return 0;
  if (role == "parser") return 1;
  return 2;
}

// "fetcher 10" -> ("fetcher ", 10): names compared by their text, then by the number that ends them.
std::pair<std::string, long long> NaturalKey(const std::string& name) {
  std::size_t digits = name.size();
  while (digits > 0 && std::isdigit(static_cast<unsigned char>(name[digits - 1]))) --digits;
  // More than 18 digits would not fit; such a name sorts by its text alone.
  if (digits == name.size() || name.size() - digits > 18) return {name, -1};
  return {name.substr(0, digits), std::stoll(name.substr(digits))};
}

bool LaneBefore(const ProcessActivity& a, const ProcessActivity& b) {
  return std::make_tuple(RoleRank(a.role), NaturalKey(a.name), a.started_s) <
         std::make_tuple(RoleRank(b.role), NaturalKey(b.name), b.started_s);
}

std::string Tooltip(const ProcessActivity& p, double end_s) {
  std::string text = p.name + ", pid " + std::to_string(p.pid) + ", " + FormatDuration(p.started_s) + " to ";
  text += p.ended_s ? FormatDuration(*p.ended_s) : FormatDuration(end_s) + " (running)";
  return text + ", " + std::to_string(p.busy.size()) + (p.busy.size() == 1 ? " busy span" : " busy spans");
}

}  // namespace

std::vector<ChartPoint> PagesPerSecond(const std::vector<ThroughputPoint>& throughput) {
  std::vector<ChartPoint> rates;
  for (std::size_t i = 1; i < throughput.size(); ++i) {
    const ThroughputPoint& before = throughput[i - 1];
    const ThroughputPoint& after = throughput[i];
    const double span = after.t - before.t;
    if (!(span > 0)) continue;
    const double pages = after.pages >= before.pages ? static_cast<double>(after.pages - before.pages) : 0.0;
    rates.push_back({after.t, pages / span});
  }
  return rates;
}

std::vector<SpeedupLine> ParserSpeedup(const std::vector<ScalingRow>& rows) {
  // fetchers -> parsers -> (sum of pages/s, measurements)
  std::map<int, std::map<int, std::pair<double, int>>> rates;
  for (const ScalingRow& row : rows) {
    auto& cell = rates[row.fetchers][row.parsers];
    cell.first += row.pages_per_s;
    ++cell.second;
  }
  std::vector<SpeedupLine> lines;
  for (const auto& by_fetchers : rates) {
    const auto& by_parsers = by_fetchers.second;
    const auto one = by_parsers.find(1);
    if (one == by_parsers.end()) continue;
    const double base = one->second.first / one->second.second;
    if (!(base > 0)) continue;
    SpeedupLine line{by_fetchers.first, {}};
    for (const auto& cell : by_parsers) {
      line.points.push_back({static_cast<double>(cell.first), cell.second.first / cell.second.second / base});
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string RoleColour(const std::string& role) {
  if (role == "fetcher") return kFetcherColour;
  if (role == "parser") return kParserColour;
  return kOtherColour;
}

std::vector<TimelineLane> TimelineLanes(const std::vector<ProcessActivity>& processes, double elapsed_s) {
  std::vector<const ProcessActivity*> sorted;
  for (const ProcessActivity& p : processes) sorted.push_back(&p);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const ProcessActivity* a, const ProcessActivity* b) { return LaneBefore(*a, *b); });
  std::vector<TimelineLane> lanes;
  std::map<std::pair<std::string, std::string>, int> seen;  // (role, name) -> lanes so far
  for (const ProcessActivity* p : sorted) {
    TimelineLane lane;
    const int earlier = seen[{p->role, p->name}]++;
    lane.label = earlier == 0 ? p->name : p->name + " (restart " + std::to_string(earlier) + ")";
    lane.tooltip = Tooltip(*p, elapsed_s);
    lane.colour = RoleColour(p->role);
    lane.life = {p->started_s, p->ended_s.value_or(std::max(elapsed_s, p->started_s))};
    for (const BusySpan& span : p->busy) lane.busy.push_back({span.start_s, span.end_s});
    lanes.push_back(std::move(lane));
  }
  return lanes;
}

}  // namespace arachne::report
