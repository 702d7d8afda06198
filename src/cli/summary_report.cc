#include "cli/summary_report.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <vector>

#include "common/human_units.h"

namespace arachne {

namespace {

struct Row {
  std::string label;  // with its indent
  std::string value;
  std::string note;  // after the value; may be empty
};

std::string StatusLabel(int status) {
  // Summary::by_status counts records without an HTTP response under 0.
  return status == 0 ? "no response" : std::to_string(status);
}

std::uint64_t Total(const std::map<std::string, std::uint64_t>& counts) {
  return std::accumulate(counts.begin(), counts.end(), std::uint64_t{0},
                         [](std::uint64_t sum, const auto& entry) { return sum + entry.second; });
}

std::vector<Row> Rows(const Summary& s) {
  std::vector<Row> rows;
  std::string pages_note = "(" + FormatRate(s.pages_per_s) + " pages/s";
  if (s.resumed_pages > 0) pages_note += "; " + FormatCount(s.resumed_pages) + " of them by earlier runs of the job";
  rows.push_back({"  Pages", FormatCount(s.pages), pages_note + ")"});
  for (const auto& [status, count] : s.by_status)
    rows.push_back({"    " + StatusLabel(status), FormatCount(count), ""});

  rows.push_back({"  Errors", FormatCount(Total(s.errors_by_kind)), ""});
  for (const auto& [kind, count] : s.errors_by_kind) rows.push_back({"    " + kind, FormatCount(count), ""});

  rows.push_back({"  Received", FormatBytes(s.bytes), ""});
  rows.push_back({"  Discovered", FormatCount(s.discovered), "URLs"});
  rows.push_back({"  Left in queue", FormatCount(s.left_in_queue), "URLs"});
  rows.push_back({"  Out of scope", FormatCount(s.out_of_scope), "links"});
  rows.push_back({"  Robots.txt said no", FormatCount(s.robots_disallowed), "URLs"});
  rows.push_back({"  Nofollow", FormatCount(s.nofollow), "links"});
  rows.push_back({"  Over a cap", FormatCount(Total(s.limited)), "URLs"});
  for (const auto& [cap, count] : s.limited) rows.push_back({"    " + cap, FormatCount(count), ""});
  rows.push_back({"  From sitemaps", FormatCount(s.from_sitemaps), "URLs"});
  rows.push_back({"  Retries", FormatCount(s.retries), ""});
  rows.push_back({"  Worker restarts", FormatCount(s.worker_restarts), ""});
  if (s.worker_hangs > 0) rows.push_back({"    hung", FormatCount(s.worker_hangs), ""});
  rows.push_back({"  Quarantined", FormatCount(s.quarantined), "URLs"});
  const auto plural = [](int n, const char* what) { return std::to_string(n) + " " + what + (n == 1 ? "" : "s"); };
  rows.push_back({"  Workers", std::to_string(s.fetchers + s.parsers),
                  plural(s.fetchers, "fetcher") + ", " + plural(s.parsers, "parser")});
  rows.push_back({"  CPU", FormatDuration(s.coordinator_cpu_s + s.fetchers_cpu_s + s.parsers_cpu_s),
                  "coordinator " + FormatDuration(s.coordinator_cpu_s) + ", fetchers " +
                      FormatDuration(s.fetchers_cpu_s) + ", parsers " + FormatDuration(s.parsers_cpu_s)});
  return rows;
}

}  // namespace

std::string FormatSummary(const Summary& s) {
  std::string out = s.stopped ? "Crawl stopped after " + FormatDuration(s.elapsed_s) + " (interrupted).\n"
                              : "Crawl finished in " + FormatDuration(s.elapsed_s) + ".\n";
  const std::vector<Row> rows = Rows(s);
  std::size_t label_width = 0;
  std::size_t value_width = 0;
  for (const Row& row : rows) {
    label_width = std::max(label_width, row.label.size());
    value_width = std::max(value_width, row.value.size());
  }
  for (const Row& row : rows) {
    out += row.label;
    // Two spaces at least between the longest label and the widest value; values right-aligned.
    out.append(label_width - row.label.size() + 2 + value_width - row.value.size(), ' ');
    out += row.value;
    if (!row.note.empty()) {
      out += "  ";
      out += row.note;
    }
    out += '\n';
  }
  return out;
}

}  // namespace arachne
