// JSON Lines (https://jsonlines.org/): one JSON object per record, one record per line, so the file can be
// read while it grows and a crash loses at most the last line.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "export/exporter.h"

namespace arachne {

// Creates (or truncates) `path`; with `resume_at`, goes on writing it at that length (OpenFileExporter).
Result<std::unique_ptr<Exporter>> OpenJsonlExporter(const std::string& path,
                                                    std::optional<std::uint64_t> resume_at = std::nullopt);

}  // namespace arachne
