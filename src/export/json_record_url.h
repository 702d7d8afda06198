// JsonRecordUrl: the URL of a record read back from a JSON or JSON Lines output, checking on the way that
// the text is one whole JSON object; what the merge of several outputs (record_merge.h) keys records by.
#pragma once

#include <string>
#include <string_view>

#include "arachne/status.h"

namespace arachne {

// The string value of the "url" member of the JSON object `json` (RFC 8259 section 4), which may have
// whitespace around it. InvalidArgument when `json` is not exactly one object (a record cut short is not:
// its closing brace is its last byte) or has no "url" string at its top level; the message says which
// and is meant to follow a file name and place.
Result<std::string> JsonRecordUrl(std::string_view json);

}  // namespace arachne
