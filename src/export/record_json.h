// A Record as one JSON object (RFC 8259), written straight into an output buffer; shared by the JSON Lines
// and the JSON array exporters.
#pragma once

#include <string>
#include <string_view>

#include "arachne/record.h"

namespace arachne {

// Appends `text` as a JSON string: quoted, escaped as RFC 8259 section 7 requires, and with ill-formed
// UTF-8 replaced by U+FFFD (section 8.1: JSON text exchanged between systems must be UTF-8).
void AppendJsonString(std::string& out, std::string_view text);

// Appends the value of an [[extract]] field: null, a string, or an array of strings.
void AppendFieldValueJson(std::string& out, const FieldValue& field);

// Appends {"url":...,"error":...} with the keys of VisitRecordFields in order, then the [[extract]]
// fields, on one line.
void AppendRecordJson(std::string& out, const Record& record);

}  // namespace arachne
