// One CSV field (RFC 4180), shared by the record and link-graph CSV files.
#pragma once

#include <string>
#include <string_view>

namespace arachne {

// Appends `text` as one field: quoted when it holds a comma, a quote or a line break (section 2, rule 6),
// quotes inside doubled (rule 7), ill-formed UTF-8 replaced by U+FFFD.
void AppendCsvField(std::string& out, std::string_view text);

}  // namespace arachne
