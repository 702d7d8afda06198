#include "report/report_page.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "common/human_units.h"
#include "report/markup_text.h"
#include "report/number_text.h"
#include "report/report_series.h"
#include "report/report_style.h"
#include "report/svg_chart.h"
#include "report/timeline_chart.h"

namespace arachne::report {

namespace {

// A chart alone in its section, and one of a pair side by side: view boxes about as wide as they are
// shown, so 12 px text stays about 12 px on screen.
constexpr double kFullWidth = 960;
constexpr double kHalfWidth = 470;
// The content types or error kinds drawn one by one; the rest are summed as one bar.
constexpr std::size_t kMaxCategories = 12;

constexpr char kLineColour[] = "#2f6fbf";
constexpr char kAverageColour[] = "#9aa4ae";
constexpr char kCategoryColour[] = "#5a7fa8";
constexpr char kErrorColour[] = "#c0392b";
// Lines of a speedup chart, one per fetcher count.
constexpr const char* kPalette[] = {"#2f6fbf", "#e07b1a", "#2e8b57", "#8e44ad", "#c0392b", "#16a085"};

// A status's bar colour by its class (RFC 9110, 15: 2xx success, 3xx redirection, 4xx client error,
// 5xx server error); no response grey.
std::string StatusColour(int status) {
  if (status >= 200 && status < 300) return "#2e8b57";
  if (status >= 300 && status < 400) return "#2f6fbf";
  if (status >= 400 && status < 500) return "#e0a01a";
  if (status >= 500 && status < 600) return "#c0392b";
  return "#9aa4ae";
}

std::string StatusLabel(int status) {
  return status == 0 ? "no response" : std::to_string(status);
}

// The CSS class of a state: the three the format knows, anything else one neutral class (the value is
// text from the file and never becomes a class name itself).
std::string StateClass(const std::string& state) {
  if (state == "finished" || state == "running" || state == "stopped") return "state-" + state;
  return "state-other";
}

// A section of the page; `note` and `body` are markup, their text from the files already escaped.
std::string Section(const std::string& id, const std::string& title, const std::string& note,
                    const std::string& body) {
  std::string out = "<section id=\"" + id + "\"><h2>" + EscapeMarkup(title) + "</h2>";
  if (!note.empty()) out += "<p class=\"note\">" + note + "</p>";
  return out + body + "</section>\n";
}

std::string Total(const std::string& name, const std::string& value) {
  return "<div><dt>" + EscapeMarkup(name) + "</dt><dd>" + EscapeMarkup(value) + "</dd></div>";
}

// Milliseconds as precise as they are worth: "3.9 ms" under 10, "880 ms" above.
std::string MillisecondsText(double ms) {
  return DecimalText(ms, std::isfinite(ms) && ms < 10 ? 1 : 0);
}

// An RFC 3339 date in UTC as people read it: "2026-12-01T21:33:00Z" -> "2026-12-01 21:33:00 UTC"; any other
// text as it is.
std::string DateText(const std::string& date) {
  const bool utc = date.size() >= 20 && date[4] == '-' && date[10] == 'T' && date.back() == 'Z';
  if (!utc) return date;
  return date.substr(0, 10) + " " + date.substr(11, date.size() - 12) + " UTC";
}

std::string PagesPerSecondText(const CrawlStatsFile& stats) {
  if (!(stats.elapsed_s > 0)) return "\xE2\x80\x93";  // U+2013: no time, no rate
  return DecimalText(static_cast<double>(stats.totals.pages) / stats.elapsed_s, 1);
}

std::string Header(const CrawlStatsFile& stats) {
  const CrawlTotals& t = stats.totals;
  const FetchTimes& f = stats.fetch_ms;
  std::string out = "<header id=\"summary\"><div><h1><span class=\"product\">Arachne crawl</span> " +
                    EscapeMarkup(stats.name) + "<span class=\"state " + StateClass(stats.state) + "\">" +
                    EscapeMarkup(stats.state) + "</span></h1>";
  out += "<p class=\"dates\">Started " + EscapeMarkup(DateText(stats.started_at)) + " \xC2\xB7 updated " +
         EscapeMarkup(DateText(stats.updated_at)) + " \xC2\xB7 elapsed " +
         EscapeMarkup(FormatDuration(stats.elapsed_s)) + "</p>";
  out += "<dl class=\"totals\">";
  out += Total("Pages", FormatCount(t.pages));
  out += Total("Errors", FormatCount(t.errors));
  out += Total("Received", FormatBytes(t.bytes));
  out += Total("Pages/s", PagesPerSecondText(stats));
  out += Total("Fetch p50 / p90", MillisecondsText(f.p50) + " / " + MillisecondsText(f.p90) + " ms");
  out += Total("Fetch p99 / max", MillisecondsText(f.p99) + " / " + MillisecondsText(f.max) + " ms");
  out += Total("Discovered", FormatCount(t.discovered));
  out += Total("Queued / in flight", FormatCount(t.queued) + " / " + FormatCount(t.in_flight));
  out += Total("Retries / restarts", FormatCount(t.retries) + " / " + FormatCount(t.restarts));
  out += Total("Out of scope", FormatCount(t.out_of_scope));
  out += Total("Robots disallowed", FormatCount(t.robots_disallowed));
  return out + "</dl></div></header>\n";
}

std::vector<LegendEntry> RoleLegend(const std::vector<ProcessActivity>& processes) {
  std::set<std::string> roles;
  for (const ProcessActivity& p : processes)
    roles.insert(p.role == "fetcher" || p.role == "parser" ? p.role : "other");
  std::vector<LegendEntry> legend;
  for (const char* role : {"fetcher", "parser", "other"}) {
    if (roles.count(role) > 0) legend.push_back({role, RoleColour(role), false});
  }
  return legend;
}

std::string TimelineSection(const CrawlStatsFile& stats) {
  const ChartFrame frame{
      "timeline-chart", "Processes over time", "seconds since the crawl started", "", kFullWidth, 0};
  return Section("timeline", "Process timeline",
                 "One lane per fetcher and parser process (a restarted process has a lane of its own). A bar "
                 "marks a span the process was busy: a fetcher with transfers in flight, a parser parsing a "
                 "batch; the pale band is the process's life, the number at the right its busy share.",
                 TimelineChart(frame, TimelineLanes(stats.processes, stats.elapsed_s),
                               RoleLegend(stats.processes), stats.elapsed_s));
}

// Dots on the line only when it has too few points to be seen as a line (a crawl of a second or two).
LineChartOptions ThroughputOptions(const std::vector<ChartPoint>& rates) {
  LineChartOptions options;
  options.markers = rates.size() < 3;
  return options;
}

std::string ThroughputSection(const CrawlStatsFile& stats) {
  const std::vector<ChartPoint> rates = PagesPerSecond(stats.throughput);
  std::vector<LineSeries> series{{"pages/s", kLineColour, rates, false}};
  if (rates.size() >= 2 && stats.elapsed_s > 0) {
    const double average = static_cast<double>(stats.totals.pages) / stats.elapsed_s;
    series.push_back({"average " + DecimalText(average, 1) + " pages/s",
                      kAverageColour,
                      {{rates.front().x, average}, {rates.back().x, average}},
                      true});
  }
  const ChartFrame frame{"throughput-chart", "Pages per second", "seconds since the crawl started",
                         "pages/s",          kFullWidth,         280};
  return Section("throughput", "Throughput",
                 "Records written per second, from the counts the crawl saved each second.",
                 LineChart(frame, series, ThroughputOptions(rates)));
}

std::string StatusChart(const CrawlStatsFile& stats) {
  std::vector<ChartBar> bars;
  for (const auto& entry : stats.by_status) {
    bars.push_back({StatusLabel(entry.first), static_cast<double>(entry.second), StatusColour(entry.first)});
  }
  const ChartFrame frame{"status-chart", "Records by HTTP status", "status", "records", kHalfWidth, 280};
  return Section("statuses", "HTTP status", "", BarChart(frame, bars));
}

std::string DepthChart(const CrawlStatsFile& stats) {
  std::vector<ChartBar> bars;
  for (const auto& entry : stats.by_depth) {
    bars.push_back({std::to_string(entry.first), static_cast<double>(entry.second), kCategoryColour});
  }
  const ChartFrame frame{"depth-chart", "Records by depth", "links followed from a seed",
                         "records",     kHalfWidth,         280};
  return Section("depths", "Depth", "", BarChart(frame, bars));
}

// The largest categories first (ties by name), those past kMaxCategories summed into one "other" bar.
std::vector<ChartBar> TopCategories(const std::map<std::string, std::uint64_t>& counts,
                                    const std::string& colour, const std::string& empty_name) {
  std::vector<std::pair<std::string, std::uint64_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<ChartBar> bars;
  double rest = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i < kMaxCategories) {
      bars.push_back({sorted[i].first.empty() ? empty_name : sorted[i].first,
                      static_cast<double>(sorted[i].second), colour});
    } else {
      rest += static_cast<double>(sorted[i].second);
    }
  }
  if (sorted.size() > kMaxCategories) {
    bars.push_back(
        {"other (" + std::to_string(sorted.size() - kMaxCategories) + " more)", rest, kAverageColour});
  }
  return bars;
}

std::string CategorySections(const CrawlStatsFile& stats) {
  const ChartFrame types{"content-type-chart", "Records by content type", "records", "", kHalfWidth, 0};
  const ChartFrame errors{"error-chart", "Records with an error, by kind", "records", "", kHalfWidth, 0};
  return "<div class=\"pair\">" +
         Section("content-types", "Content types", "",
                 HorizontalBarChart(types, TopCategories(stats.by_content_type, kCategoryColour, "(none)"))) +
         Section("errors", "Errors", "",
                 HorizontalBarChart(errors, TopCategories(stats.by_error, kErrorColour, "(unnamed)"))) +
         "</div>\n";
}

std::string HostsTable(const CrawlStatsFile& stats) {
  if (stats.by_host.empty()) return Section("hosts", "Hosts", "", "<p class=\"empty\">no hosts</p>");
  std::string rows;
  for (const HostCount& h : stats.by_host) {
    rows += "<tr><td class=\"url\">" + EscapeMarkup(h.host) + "</td><td class=\"num\">" +
            FormatCount(h.pages) + "</td><td class=\"num\">" + FormatCount(h.errors) +
            "</td><td class=\"num\">" + FormatBytes(h.bytes) + "</td></tr>";
  }
  return Section("hosts", "Hosts", "The origins with the most records, most first.",
                 "<table><thead><tr><th>Origin</th><th class=\"num\">Pages</th><th class=\"num\">Errors</th>"
                 "<th class=\"num\">Received</th></tr></thead><tbody>" +
                     rows + "</tbody></table>");
}

std::string SlowestTable(const CrawlStatsFile& stats) {
  if (stats.slowest.empty())
    return Section("slowest", "Slowest fetches", "", "<p class=\"empty\">no fetches</p>");
  std::string rows;
  for (const SlowFetch& s : stats.slowest) {
    // The URL is text, not a link: a javascript: URL from the file must not become clickable.
    rows += "<tr><td class=\"url\">" + EscapeMarkup(s.url) + "</td><td class=\"num\">" +
            DecimalText(s.fetch_ms, 1) + " ms</td><td class=\"num\">" + EscapeMarkup(StatusLabel(s.status)) +
            "</td></tr>";
  }
  return Section(
      "slowest", "Slowest fetches", "The fetches that took longest, slowest first.",
      "<table><thead><tr><th>URL</th><th class=\"num\">Fetch time</th><th class=\"num\">Status</th>"
      "</tr></thead><tbody>" +
          rows + "</tbody></table>");
}

std::vector<LineSeries> SpeedupSeries(const std::vector<SpeedupLine>& lines,
                                      const std::vector<double>& parsers) {
  std::vector<LineSeries> series;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int f = lines[i].fetchers;
    series.push_back({std::to_string(f) + (f == 1 ? " fetcher" : " fetchers"),
                      kPalette[i % std::size(kPalette)], lines[i].points, false});
  }
  if (!parsers.empty()) {
    series.push_back({"ideal",
                      kAverageColour,
                      {{parsers.front(), parsers.front()}, {parsers.back(), parsers.back()}},
                      true});
  }
  return series;
}

std::string SpeedupSection(const ScalingInput& scaling) {
  const std::vector<SpeedupLine> lines = ParserSpeedup(scaling.rows);
  std::set<double> counts;
  for (const SpeedupLine& line : lines) {
    for (const ChartPoint& p : line.points) counts.insert(p.x);
  }
  const std::vector<double> parsers(counts.begin(), counts.end());
  LineChartOptions options;
  options.x_ticks = parsers;
  options.markers = true;
  const ChartFrame frame{
      "speedup-chart", "Parser speedup", "parser processes", "pages/s relative to 1 parser", kFullWidth, 300};
  std::string rows;
  for (const ScalingRow& r : scaling.rows) {
    rows += "<tr><td class=\"num\">" + std::to_string(r.fetchers) + "</td><td class=\"num\">" +
            std::to_string(r.parsers) + "</td><td class=\"num\">" + FormatCount(r.urls) +
            "</td><td class=\"num\">" + DecimalText(r.wall_s, 3) + " s</td><td class=\"num\">" +
            DecimalText(r.pages_per_s, 1) + "</td></tr>";
  }
  return Section(
      "speedup", "Parser scaling",
      "Pages per second with 1, 2, 4 ... parser processes, relative to 1 parser with as many fetchers, "
      "from " +
          EscapeMarkup(scaling.source) + ". The dashed line is a speedup equal to the parser count.",
      LineChart(frame, SpeedupSeries(lines, parsers), options) +
          "<table><thead><tr><th class=\"num\">Fetchers</th><th class=\"num\">Parsers</th><th "
          "class=\"num\">URLs</th><th class=\"num\">Wall time</th><th class=\"num\">Pages/s</th></tr>"
          "</thead><tbody>" +
          rows + "</tbody></table>");
}

std::string PageStart(const CrawlStatsFile& stats) {
  // The policy forbids every fetch; the inline stylesheet is the one thing the page needs (CSP 3, 6.1.11).
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
         "'unsafe-inline'\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>Arachne crawl report: " +
         EscapeMarkup(stats.name) + "</title>\n<style>" + std::string(ReportStyle()) +
         "</style>\n</head>\n<body>\n";
}

std::string PageEnd(const CrawlStatsFile& stats) {
  return "<footer>Drawn by <code>arachne report</code> from a stats file of format " +
         std::string(kStatsFormat) + ", updated " + EscapeMarkup(DateText(stats.updated_at)) +
         ".</footer>\n</body>\n</html>\n";
}

}  // namespace

std::string ReportPage(const CrawlStatsFile& stats, const std::optional<ScalingInput>& scaling) {
  std::string page = PageStart(stats) + Header(stats) + "<main>\n";
  page += TimelineSection(stats);
  page += ThroughputSection(stats);
  page += "<div class=\"pair\">" + StatusChart(stats) + DepthChart(stats) + "</div>\n";
  page += CategorySections(stats);
  page += HostsTable(stats);
  page += SlowestTable(stats);
  if (scaling) page += SpeedupSection(*scaling);
  return page + "</main>\n" + PageEnd(stats);
}

}  // namespace arachne::report
