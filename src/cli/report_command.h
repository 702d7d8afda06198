// `arachne report output/<name>.stats.json`: a crawl's stats file (docs/stats-json.md) drawn as one
// self-contained HTML page (report/report_page.h), with the parser speedup of a bench run if asked.
#pragma once

#include <string>

namespace arachne {

struct ReportRequest {
  std::string stats_path;   // output/<name>.stats.json
  std::string out_path;     // "" : <dir>/<name>.report.html beside the stats file (name from the file:
                            // x.stats.json -> x)
  std::string scaling_csv;  // "" : no speedup chart
};

// The page's path when the request names none: x.stats.json -> x.report.html in the same folder (a file
// named otherwise loses its last extension: x.json -> x.report.html).
std::string DefaultReportPath(const std::string& stats_path);

// Writes the page; prints "wrote PATH" on stdout. Exit status: 0 written, 2 usage error (a file that
// cannot be read or is not a stats file: message on stderr naming the file and the problem), 1 write error.
int RunReportCommand(const ReportRequest& request);

}  // namespace arachne
