// The link graph as CSV: a "from,to" header, then one row per link a crawled page leads to (the links the
// crawl follows from it: in scope, not nofollow, whether or not the target was seen before), in the order
// the pages were recorded.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "arachne/status.h"
#include "export/exporter.h"

namespace arachne {

// Creates (or truncates) `path` and writes the header; with `resume_at`, goes on writing it at that length.
Result<std::unique_ptr<Exporter>> OpenLinksExporter(const std::string& path,
                                                    std::optional<std::uint64_t> resume_at = std::nullopt);

}  // namespace arachne
