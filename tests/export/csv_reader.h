// ParseCsv: a strict CSV reader for the exporters' tests, so that they read back what a conforming reader
// would, not what a lenient one would guess.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace arachne::testing {

using CsvRow = std::vector<std::string>;

// A strict reader of RFC 4180 section 2: rows end in CRLF (the last one too, as the exporter writes
// them), quoted fields may hold anything with '"' doubled, unquoted fields hold no '"', CR or LF.
// Nothing on malformed input.
inline std::optional<std::vector<CsvRow>> ParseCsv(const std::string& text) {
  std::vector<CsvRow> rows;
  CsvRow row;
  std::size_t i = 0;
  while (i < text.size()) {
    std::string field;
    if (text[i] == '"') {
      ++i;
      while (true) {
        if (i >= text.size()) return std::nullopt;  // unterminated quote
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\r') {
        if (text[i] == '"' || text[i] == '\n') return std::nullopt;
        field += text[i++];
      }
    }
    row.push_back(std::move(field));
    if (i < text.size() && text[i] == ',') {
      ++i;
      continue;
    }
    if (text.compare(i, 2, "\r\n") != 0) return std::nullopt;
    i += 2;
    rows.push_back(std::move(row));
    row.clear();
  }
  return rows;
}

}  // namespace arachne::testing
