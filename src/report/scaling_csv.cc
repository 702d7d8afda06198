#include "report/scaling_csv.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <utility>

#include "report/input_file.h"

namespace arachne::report {

namespace {

// The fields of one line, split at commas, spaces around them dropped, a final '\r' ignored (a file
// saved on Windows).
std::vector<std::string> SplitFields(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    std::string_view field =
        line.substr(start, comma == std::string_view::npos ? line.size() - start : comma - start);
    while (!field.empty() && field.front() == ' ') field.remove_prefix(1);
    while (!field.empty() && field.back() == ' ') field.remove_suffix(1);
    fields.emplace_back(field);
    if (comma == std::string_view::npos) return fields;
    start = comma + 1;
  }
}

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

std::optional<double> ParseNumber(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(value)) return std::nullopt;
  return value;
}

// Where each column the report uses is in a row.
struct ColumnIndex {
  std::size_t fetchers = 0;
  std::size_t parsers = 0;
  std::size_t urls = 0;
  std::size_t wall_s = 0;
  std::size_t pages_per_s = 0;
};

Status FindColumn(const std::vector<std::string>& header, const char* name, const std::string& where,
                  std::size_t& out) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) {
      out = i;
      return Status::Ok();
    }
  }
  return Status::InvalidArgument(where + ": no column \"" + name +
                                 "\" (expected a header such as fetchers,parsers,urls,wall_s,pages_per_s)");
}

Result<ColumnIndex> ReadHeader(const std::vector<std::string>& header, const std::string& where) {
  ColumnIndex c;
  const std::pair<const char*, std::size_t*> wanted[] = {{"fetchers", &c.fetchers},
                                                         {"parsers", &c.parsers},
                                                         {"urls", &c.urls},
                                                         {"wall_s", &c.wall_s},
                                                         {"pages_per_s", &c.pages_per_s}};
  for (const auto& column : wanted) {
    if (Status s = FindColumn(header, column.first, where, *column.second); !s.ok()) return s;
  }
  return c;
}

// A value of the row at `line`, a number >= `min` (and whole if `whole`).
class RowReader {
 public:
  RowReader(const std::vector<std::string>& fields, const std::vector<std::string>& header, std::string where)
      : fields_(fields), header_(header), where_(std::move(where)) {}

  double Value(std::size_t column, double min, bool whole) {
    if (!error_.ok()) return 0;
    const std::optional<double> value = ParseNumber(fields_[column]);
    if (!value || *value < min || (whole && *value != std::floor(*value))) {
      error_ = Status::InvalidArgument(
          where_ + ": column " + header_[column] + ": \"" + fields_[column] + "\" is not " +
          (whole ? "a whole number" : "a number") +
          (min > 0 ? " of at least " + std::to_string(static_cast<int>(min)) : " >= 0"));
      return 0;
    }
    return *value;
  }
  const Status& error() const { return error_; }

 private:
  const std::vector<std::string>& fields_;
  const std::vector<std::string>& header_;
  std::string where_;
  Status error_;
};

Result<ScalingRow> ReadRow(const std::vector<std::string>& fields, const std::vector<std::string>& header,
                           const ColumnIndex& c, const std::string& where) {
  if (fields.size() != header.size()) {
    return Status::InvalidArgument(where + ": expected " + std::to_string(header.size()) + " fields, found " +
                                   std::to_string(fields.size()));
  }
  // Process counts far above any machine's would be a broken file; the bound keeps the cast defined.
  constexpr double kMaxProcesses = 1e6;
  RowReader r(fields, header, where);
  ScalingRow row;
  row.fetchers = static_cast<int>(std::min(kMaxProcesses, r.Value(c.fetchers, 1, true)));
  row.parsers = static_cast<int>(std::min(kMaxProcesses, r.Value(c.parsers, 1, true)));
  row.urls = static_cast<std::uint64_t>(std::min(1e18, r.Value(c.urls, 0, true)));
  row.wall_s = r.Value(c.wall_s, 0, false);
  row.pages_per_s = r.Value(c.pages_per_s, 0, false);
  if (!r.error().ok()) return r.error();
  return row;
}

}  // namespace

Result<std::vector<ScalingRow>> ParseScalingCsv(std::string_view text, const std::string& source) {
  std::vector<std::string> header;
  ColumnIndex columns;
  std::vector<ScalingRow> rows;
  std::size_t line_number = 0;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t newline = text.find('\n', start);
    const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (IsBlank(line)) continue;
    const std::string where = source + ":" + std::to_string(line_number);
    if (header.empty()) {
      header = SplitFields(line);
      Result<ColumnIndex> found = ReadHeader(header, where);
      if (!found.ok()) return found.status();
      columns = *found;
      continue;
    }
    Result<ScalingRow> row = ReadRow(SplitFields(line), header, columns, where);
    if (!row.ok()) return row.status();
    rows.push_back(*row);
  }
  if (header.empty()) return Status::InvalidArgument(source + ": empty (expected a header and rows)");
  return rows;
}

Result<std::vector<ScalingRow>> ReadScalingCsv(const std::string& path) {
  Result<std::string> text = ReadInputFile(path);
  if (!text.ok()) return text.status();
  return ParseScalingCsv(*text, path);
}

}  // namespace arachne::report
