// CSV as RFC 4180 defines it: a header row naming the fields, CRLF after every row, and a field quoted
// when it holds a comma, a quotation mark, CR or LF, with quotation marks inside doubled (section 2).
// The file is UTF-8 without a byte order mark.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "export/exporter.h"

namespace arachne {

// Creates (or truncates) `path` and writes the header row: the built-in fields, then `field_names` (the
// [[extract]] fields, which every record then has, in that order). With `resume_at`, goes on writing it at
// that length (OpenFileExporter), under the header already there.
Result<std::unique_ptr<Exporter>> OpenCsvExporter(const std::string& path,
                                                  std::optional<std::uint64_t> resume_at = std::nullopt,
                                                  const std::vector<std::string>& field_names = {});

}  // namespace arachne
