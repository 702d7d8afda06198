#include "export/csv_row.h"

#include <algorithm>
#include <string>
#include <utility>

namespace arachne {

namespace {

Status Malformed(std::size_t field, std::string_view what) {
  return Status::InvalidArgument("field " + std::to_string(field) + ": " + std::string(what));
}

}  // namespace

Result<std::vector<std::string>> ParseCsvRow(std::string_view row) {
  std::vector<std::string> fields;
  std::size_t i = 0;
  for (;;) {
    std::string field;
    if (i < row.size() && row[i] == '"') {
      ++i;
      for (;;) {
        if (i >= row.size()) return Malformed(fields.size() + 1, "a quoted field that does not end");
        if (row[i] == '"' && i + 1 < row.size() && row[i + 1] == '"') {
          field += '"';
          i += 2;
        } else if (row[i] == '"') {
          ++i;
          break;
        } else {
          field += row[i++];
        }
      }
    } else {
      const std::size_t end = std::min(row.find(',', i), row.size());
      field.assign(row.substr(i, end - i));
      if (field.find_first_of("\"\r\n") != std::string::npos) {
        return Malformed(fields.size() + 1, "a quote or line break in an unquoted field");
      }
      i = end;
    }
    fields.push_back(std::move(field));
    if (i == row.size()) return fields;
    if (row[i] != ',') return Malformed(fields.size(), "text after the closing quote");
    ++i;
  }
}

}  // namespace arachne
