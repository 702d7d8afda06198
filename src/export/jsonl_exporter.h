// JSON Lines (https://jsonlines.org/): one JSON object per record, one record per line, so the file can be
// read while it grows and a crash loses at most the last line.
#pragma once

#include <memory>
#include <string>

#include "export/exporter.h"

namespace arachne {

// Creates (or truncates) `path`.
Result<std::unique_ptr<Exporter>> OpenJsonlExporter(const std::string& path);

}  // namespace arachne
