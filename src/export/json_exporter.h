// JSON: one array of record objects, one object per line. The array is closed by Close (or by destroying
// the exporter), so the file is valid JSON once the crawl ends, with 0 records too ("[\n]\n").
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "export/exporter.h"

namespace arachne {

// Creates (or truncates) `path`; with `resume_at`, goes on writing it at that length (OpenFileExporter).
Result<std::unique_ptr<Exporter>> OpenJsonExporter(const std::string& path,
                                                   std::optional<std::uint64_t> resume_at = std::nullopt);

}  // namespace arachne
