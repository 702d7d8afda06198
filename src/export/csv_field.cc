#include "export/csv_field.h"

#include "common/utf8.h"

namespace arachne {

namespace {

bool NeedsQuotes(std::string_view text) {
  return text.find_first_of(",\"\r\n") != std::string_view::npos;
}

void AppendValidField(std::string& out, std::string_view text) {
  if (!NeedsQuotes(text)) {
    out.append(text);
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

void AppendCsvField(std::string& out, std::string_view text) {
  // Replacing ill-formed UTF-8 cannot add a character that needs quoting: U+FFFD is not ASCII.
  if (IsValidUtf8(text)) {
    AppendValidField(out, text);
  } else {
    AppendValidField(out, SanitizeUtf8(text));
  }
}

}  // namespace arachne
