#include "cli/progress_line.h"

#include <array>
#include <cstddef>

#include "common/human_units.h"

namespace arachne {

namespace {

struct Field {
  std::string text;
  int keep_rank;  // fields with a lower rank are dropped first when the line is too wide
  bool shown = true;
};

constexpr std::string_view kIndent = "  ";
constexpr std::string_view kGap = "  ";

constexpr std::size_t kFields = 10;

std::size_t Width(const std::array<Field, kFields>& fields, bool indent) {
  std::size_t width = indent ? kIndent.size() : 0;
  bool first = true;
  for (const Field& field : fields) {
    if (!field.shown) continue;
    if (!first) width += kGap.size();
    width += field.text.size();
    first = false;
  }
  return width;
}

// What each process is doing: a fetcher's transfers in flight, a parser's busy share of the last seconds,
// "f1 64 f2 12 | p1 87% p2 40%"; a process being restarted shows "-".
std::string ProcessesText(const std::vector<ProcessState>& processes) {
  std::string fetchers, parsers;
  for (const ProcessState& p : processes) {
    const bool fetcher = p.role == "fetcher";
    std::string& out = fetcher ? fetchers : parsers;
    if (!out.empty()) out += ' ';
    const std::size_t space = p.name.find(' ');
    out += (fetcher ? "f" : "p") + (space == std::string::npos ? p.name : p.name.substr(space + 1)) + ' ';
    if (p.pid == 0) {
      out += '-';
    } else if (fetcher) {
      out += FormatCount(p.in_flight);
    } else {
      out += std::to_string(static_cast<int>(p.busy_share * 100 + 0.5)) + '%';
    }
  }
  if (fetchers.empty() || parsers.empty()) return fetchers + parsers;
  return fetchers + " | " + parsers;
}

}  // namespace

std::string FormatProgressLine(const Progress& p, int terminal_width) {
  if (terminal_width <= 0) return "";
  const auto max_width = static_cast<std::size_t>(terminal_width);
  std::array<Field, kFields> fields = {{
      {FormatCount(p.pages) + " pages", 8},
      {FormatRate(p.pages_per_s) + " pages/s", 7},
      {"queue " + FormatCount(p.queued), 4},
      {"in flight " + FormatCount(p.in_flight), 0},
      {"errors " + FormatCount(p.errors), 5},
      {"retries " + FormatCount(p.retries), 2, p.retries > 0},
      {"restarts " + FormatCount(p.restarts), 3, p.restarts > 0},
      {FormatBytes(p.bytes), 1},
      {FormatClock(p.elapsed_s), 6},
      {ProcessesText(p.processes), -1, !p.processes.empty()},
  }};
  for (int rank = -1; rank < 8 && Width(fields, true) > max_width; ++rank) {
    for (Field& field : fields) {
      if (field.keep_rank == rank) field.shown = false;
    }
  }
  const bool indent = Width(fields, true) <= max_width;
  std::string line(indent ? kIndent : "");
  bool first = true;
  for (const Field& field : fields) {
    if (!field.shown) continue;
    if (!first) line += kGap;
    line += field.text;
    first = false;
  }
  if (line.size() > max_width) line.resize(max_width);
  return line;
}

}  // namespace arachne
