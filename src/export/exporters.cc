#include "export/exporters.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "export/csv_exporter.h"
#include "export/json_exporter.h"
#include "export/jsonl_exporter.h"
#include "export/links_exporter.h"
#include "export/warc_exporter.h"

namespace arachne {

namespace {

using Opener = Result<std::unique_ptr<Exporter>> (*)(const std::string& path, std::optional<std::uint64_t> resume_at,
                                                     const ExportDetails& details);

template <Result<std::unique_ptr<Exporter>> (*Open)(const std::string&, std::optional<std::uint64_t>)>
Result<std::unique_ptr<Exporter>> Plain(const std::string& path, std::optional<std::uint64_t> resume_at,
                                        const ExportDetails&) {
  return Open(path, resume_at);
}
Result<std::unique_ptr<Exporter>> Csv(const std::string& path, std::optional<std::uint64_t> resume_at,
                                      const ExportDetails& details) {
  return OpenCsvExporter(path, resume_at, details.field_names);
}
Result<std::unique_ptr<Exporter>> Warc(const std::string& path, std::optional<std::uint64_t> resume_at,
                                       const ExportDetails& details) {
  return OpenWarcExporter(path, resume_at, details.warcinfo);
}

Opener FindOpener(const std::string& format) {
  if (format == "jsonl") return &Plain<&OpenJsonlExporter>;
  if (format == "csv") return &Csv;
  if (format == "json") return &Plain<&OpenJsonExporter>;
  if (format == "warc") return &Warc;
  if (format == "links") return &Plain<&OpenLinksExporter>;
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

// An empty dir means the current folder, which exists.
std::string FolderOf(const OutputConfig& output) { return output.dir.empty() ? "." : output.dir; }

std::string PathOf(const OutputConfig& output, const std::string& name, const std::string& format) {
  const std::string extension = format == "warc" ? "warc.gz" : format == "links" ? "links.csv" : format;
  return (std::filesystem::path(FolderOf(output)) / (name + "." + extension)).string();
}

// Each format once, in order.
std::vector<std::string> UniqueFormats(const OutputConfig& output) {
  std::vector<std::string> formats;
  for (const std::string& format : output.formats) {
    if (std::find(formats.begin(), formats.end(), format) == formats.end()) formats.push_back(format);
  }
  return formats;
}

}  // namespace

std::string StatsPath(const OutputConfig& output, const std::string& name) { return PathOf(output, name, "stats.json"); }

std::vector<std::string> ExportPaths(const OutputConfig& output, const std::string& name) {
  std::vector<std::string> paths;
  for (const std::string& format : UniqueFormats(output)) paths.push_back(PathOf(output, name, format));
  return paths;
}

Result<std::vector<std::unique_ptr<Exporter>>> OpenExporters(const OutputConfig& output, const std::string& name,
                                                             const std::map<std::string, std::uint64_t>& resume_at,
                                                             const ExportDetails& details) {
  const std::vector<std::string> formats = UniqueFormats(output);
  for (const std::string& format : formats) {
    if (FindOpener(format) == nullptr) {
      return Status::InvalidArgument("unknown output format '" + format +
                                     "' in output.formats: expected \"jsonl\", \"csv\", \"json\", \"warc\" or "
                                     "\"links\"");
    }
  }
  if (Status s = CheckName(name); !s.ok()) return s;
  std::vector<std::unique_ptr<Exporter>> exporters;
  if (formats.empty()) return exporters;

  if (Status s = CreateFolder(FolderOf(output)); !s.ok()) return s;
  for (const std::string& format : formats) {
    const std::string path = PathOf(output, name, format);
    auto resume = resume_at.find(path);
    Result<std::unique_ptr<Exporter>> exporter =
        FindOpener(format)(path, resume == resume_at.end() ? std::nullopt : std::optional(resume->second), details);
    if (!exporter.ok()) return exporter.status();
    exporters.push_back(std::move(exporter).value());
  }
  return exporters;
}

}  // namespace arachne
