// Opens the exporters a crawl's OutputConfig asks for.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "arachne/config.h"
#include "arachne/status.h"
#include "export/exporter.h"

namespace arachne {

// What formats need besides the records.
struct ExportDetails {
  std::vector<std::string> field_names;  // the [[extract]] fields: CSV columns after the built-in ones
  std::vector<std::pair<std::string, std::string>> warcinfo;  // an archive's warcinfo fields (warc_record.h)
};

// Creates `output.dir` (and its parents) if missing, then one exporter per format in `output.formats`, in
// that order, writing <dir>/<name>.<extension> (the format's name, but "warc.gz" for warc and "links.csv"
// for links); existing files are truncated. A format listed twice gets one
// file; a path in `resume_at` is not truncated but opened to go on writing at that length (Exporter::Sync).
// Fails, before creating anything, on an unknown format or a `name` that is not a plain file name;
// fails with an IoError naming the folder or file when it cannot be created.
Result<std::vector<std::unique_ptr<Exporter>>> OpenExporters(
    const OutputConfig& output, const std::string& name, const std::map<std::string, std::uint64_t>& resume_at = {},
    const ExportDetails& details = {});

// The files OpenExporters writes, one per format, in order.
std::vector<std::string> ExportPaths(const OutputConfig& output, const std::string& name);
// <dir>/<name>.stats.json: the crawl's statistics (docs/stats-json.md), written when it has any output.
std::string StatsPath(const OutputConfig& output, const std::string& name);

}  // namespace arachne
