#include "export/exporters.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "export/csv_exporter.h"
#include "export/json_exporter.h"
#include "export/jsonl_exporter.h"

namespace arachne {

namespace {

using Opener = Result<std::unique_ptr<Exporter>> (*)(const std::string& path);

Opener FindOpener(const std::string& format) {
  if (format == "jsonl") return &OpenJsonlExporter;
  if (format == "csv") return &OpenCsvExporter;
  if (format == "json") return &OpenJsonExporter;
  return nullptr;
}

Status CheckName(const std::string& name) {
  if (name.empty() || name == "." || name == ".." ||
      name.find_first_of(std::string_view("/\0", 2)) != std::string::npos) {
    return Status::InvalidArgument("crawl name '" + name +
                                   "' cannot name output files: use a plain file name without '/'");
  }
  return Status::Ok();
}

Status CreateFolder(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (!error && !std::filesystem::is_directory(dir, error) && !error) {
    error = std::make_error_code(std::errc::not_a_directory);
  }
  if (error) return Status::IoError("cannot create output folder '" + dir + "': " + error.message());
  return Status::Ok();
}

}  // namespace

Result<std::vector<std::unique_ptr<Exporter>>> OpenExporters(const OutputConfig& output,
                                                             const std::string& name) {
  std::vector<std::string> formats;
  for (const std::string& format : output.formats) {
    if (FindOpener(format) == nullptr) {
      return Status::InvalidArgument("unknown output format '" + format +
                                     "' in output.formats: expected \"jsonl\", \"csv\" or \"json\"");
    }
    if (std::find(formats.begin(), formats.end(), format) == formats.end()) formats.push_back(format);
  }
  if (Status s = CheckName(name); !s.ok()) return s;
  std::vector<std::unique_ptr<Exporter>> exporters;
  if (formats.empty()) return exporters;

  // An empty dir means the current folder, which exists.
  const std::string dir = output.dir.empty() ? "." : output.dir;
  if (Status s = CreateFolder(dir); !s.ok()) return s;
  for (const std::string& format : formats) {
    const std::string path = (std::filesystem::path(dir) / (name + "." + format)).string();
    Result<std::unique_ptr<Exporter>> exporter = FindOpener(format)(path);
    if (!exporter.ok()) return exporter.status();
    exporters.push_back(std::move(exporter).value());
  }
  return exporters;
}

}  // namespace arachne
