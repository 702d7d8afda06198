// ParseCsvRow: one row of a CSV output read back into its fields, the inverse of csv_field.h; for the
// merge of several outputs (record_merge.h), which compares headers and keys rows by their url column.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "arachne/status.h"

namespace arachne {

// The fields of `row`, a CSV row without its line end, as RFC 4180 section 2 reads it: fields separated by
// commas; a quoted field may hold anything, '"' doubled (rules 5 to 7); an unquoted one no '"', CR or LF.
// InvalidArgument, saying which field is malformed, otherwise.
Result<std::vector<std::string>> ParseCsvRow(std::string_view row);

}  // namespace arachne
