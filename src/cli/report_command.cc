#include "cli/report_command.h"

#include "common/text_file.h"

#include <cstdio>
#include <filesystem>
#include <optional>
#include <system_error>

#include "report/crawl_stats_file.h"
#include "report/report_page.h"
#include "report/scaling_csv.h"

namespace arachne {

namespace {

constexpr char kStatsSuffix[] = ".stats.json";

int UsageError(const Status& status) {
  std::fprintf(stderr, "arachne report: %s\n", status.message().c_str());
  return 2;
}

}  // namespace

std::string DefaultReportPath(const std::string& stats_path) {
  const std::filesystem::path path(stats_path);
  std::string name = path.filename().string();
  if (name.size() > sizeof kStatsSuffix - 1 && name.ends_with(kStatsSuffix)) {
    name.resize(name.size() - (sizeof kStatsSuffix - 1));
  } else {
    name = path.stem().string();
  }
  return (path.parent_path() / (name + ".report.html")).string();
}

int RunReportCommand(const ReportRequest& request) {
  Result<report::CrawlStatsFile> stats = report::ReadCrawlStatsFile(request.stats_path);
  if (!stats.ok()) return UsageError(stats.status());
  std::optional<report::ScalingInput> scaling;
  if (!request.scaling_csv.empty()) {
    Result<std::vector<report::ScalingRow>> rows = report::ReadScalingCsv(request.scaling_csv);
    if (!rows.ok()) return UsageError(rows.status());
    scaling = report::ScalingInput{request.scaling_csv, std::move(*rows)};
  }
  const std::string out_path =
      request.out_path.empty() ? DefaultReportPath(request.stats_path) : request.out_path;
  if (Status written = WriteTextFileAtomically(out_path, report::ReportPage(*stats, scaling)); !written.ok()) {
    std::fprintf(stderr, "arachne report: %s\n", written.message().c_str());
    return 1;
  }
  std::printf("wrote %s\n", out_path.c_str());
  return 0;
}

}  // namespace arachne
