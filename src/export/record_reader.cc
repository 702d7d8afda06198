#include "export/record_reader.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "export/csv_row.h"
#include "export/input_file.h"
#include "export/json_array_scanner.h"
#include "export/json_record_url.h"

namespace arachne {

namespace {

std::string_view WithoutLineEnd(std::string_view line) {
  if (line.ends_with('\n')) line.remove_suffix(1);
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t'; });
}

// JSON Lines (https://jsonlines.org/): a record a line. The writer ends every record with '\n', so only the
// last line can be cut short; it still counts when it is a whole object (cut just before its '\n').
class JsonLinesReader final : public RecordReader {
 public:
  JsonLinesReader(std::string path, InputFile file) : RecordReader(std::move(path)), file_(std::move(file)) {}

  Result<bool> Next() override {
    for (;;) {
      const std::uint64_t start = file_.offset();
      Result<bool> more = file_.ReadLine(line_);
      if (!more.ok()) return more.status();
      if (!*more) return false;
      ++line_number_;
      const std::string_view record = WithoutLineEnd(line_);
      if (IsBlank(record)) continue;
      Result<std::string> url = JsonRecordUrl(record);
      if (url.ok()) {
        url_ = std::move(url).value();
        text_.assign(record);
        return true;
      }
      if (line_.ends_with('\n')) {
        return Status::InvalidArgument(path_ + ":" + std::to_string(line_number_) + ": " +
                                       url.status().message());
      }
      cut_ = CutTail{start, line_.size(), "an incomplete record"};
      return false;
    }
  }

 private:
  InputFile file_;
  std::string line_;
  std::uint64_t line_number_ = 0;
};

// A JSON array of records, read a block at a time (a file may be one line of gigabytes).
class JsonReader final : public RecordReader {
 public:
  JsonReader(std::string path, InputFile file) : RecordReader(std::move(path)), file_(std::move(file)) {}

  Result<bool> Next() override {
    while (next_ == scanned_.size()) {
      if (Result<bool> more = Scan(); !more.ok() || !*more) return more;
    }
    std::string& record = scanned_[next_++];
    ++record_number_;
    Result<std::string> url = JsonRecordUrl(record);
    if (!url.ok()) {
      return Status::InvalidArgument(path_ + ": record " + std::to_string(record_number_) + ": " +
                                     url.status().message());
    }
    url_ = std::move(url).value();
    text_ = OnOneLine(std::move(record));
    return true;
  }

 private:
  // Scans the next block for records; false at the end of the file.
  Result<bool> Scan() {
    scanned_.clear();
    next_ = 0;
    if (Status s = file_.ReadBlock(block_); !s.ok()) return s;
    if (block_.empty()) {
      if (const std::string_view what = scanner_.Incomplete(); !what.empty()) {
        const std::uint64_t whole = scanner_.whole_length();
        cut_ = CutTail{whole, file_.offset() - whole, std::string(what)};
      }
      return false;
    }
    if (Status s = scanner_.Feed(block_, scanned_); !s.ok()) {
      return Status::InvalidArgument(path_ + ": " + s.message());
    }
    return true;
  }

  // The exporter writes each record on one line; a file reformatted since (pretty-printed) gets its
  // records compacted again, members in their order.
  static std::string OnOneLine(std::string record) {
    if (record.find_first_of("\r\n") == std::string::npos) return record;
    const auto parsed = nlohmann::ordered_json::parse(record, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) return record;  // cannot happen: JsonRecordUrl parsed it
    return parsed.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  }

  InputFile file_;
  JsonArrayScanner scanner_;
  std::string block_;
  std::vector<std::string> scanned_;  // the records of the last block scanned
  std::size_t next_ = 0;              // the first of them not handed out
  std::uint64_t record_number_ = 0;
};

// CSV (RFC 4180): a header row, then a record a row, each ending in CRLF. A row goes on over line breaks
// inside quotes: it ends at the first line end after an even number of '"' (a doubled quote inside a quoted
// field counts twice, so only an open quoted field leaves the count odd).
class CsvReader final : public RecordReader {
 public:
  CsvReader(std::string path, InputFile file) : RecordReader(std::move(path)), file_(std::move(file)) {}

  Status ReadHeader() {
    Result<bool> header = ReadRow();
    if (!header.ok()) return header.status();
    if (!*header) {
      // The exporter writes the header before any record, so a file without one was cut short, at the
      // latest, while writing it.
      const std::uint64_t bytes = cut_ ? cut_->bytes : 0;
      cut_ = CutTail{0, bytes, bytes == 0 ? "no header row" : "an incomplete header row"};
      return Status::Ok();
    }
    Result<std::vector<std::string>> columns = ParseCsvRow(row_);
    if (!columns.ok()) return Status::InvalidArgument(path_ + ": header row: " + columns.status().message());
    if (columns->front() != "url") {
      return Status::InvalidArgument(path_ + ": not a CSV of records: its first column is '" +
                                     columns->front() + "', not 'url'");
    }
    header_ = row_;
    columns_ = std::move(columns).value();
    return Status::Ok();
  }

  Result<bool> Next() override {
    if (columns_.empty()) return false;  // cut short in its header
    const std::uint64_t start = file_.offset();
    Result<bool> more = ReadRow();
    if (!more.ok() || !*more) return more;
    Result<std::vector<std::string>> fields = ParseCsvRow(row_);
    if (!fields.ok()) return Damaged(start, fields.status().message());
    if (fields->size() != columns_.size()) {
      return Damaged(start, std::to_string(fields->size()) + " fields where the header has " +
                                std::to_string(columns_.size()));
    }
    url_ = std::move(fields->front());
    text_ = row_;
    return true;
  }

 private:
  // The next whole row into row_, without its line end; false at the end of the file, with cut_ set when
  // the file ends in a row cut short.
  Result<bool> ReadRow() {
    const std::uint64_t start = file_.offset();
    row_.clear();
    bool in_quotes = false;
    for (;;) {
      Result<bool> more = file_.ReadLine(line_);
      if (!more.ok()) return more.status();
      if (!*more) break;
      row_ += line_;
      if (std::count(line_.begin(), line_.end(), '"') % 2 == 1) in_quotes = !in_quotes;
      if (!in_quotes && row_.ends_with('\n')) {
        row_.assign(WithoutLineEnd(row_));
        return true;
      }
    }
    if (row_.empty()) return false;
    // Cut between CR and LF: the row itself is whole (a CR in a field is quoted).
    if (!in_quotes && row_.ends_with('\r')) {
      row_.pop_back();
      return true;
    }
    cut_ = CutTail{start, row_.size(), "an incomplete row"};
    return false;
  }

  Status Damaged(std::uint64_t start, const std::string& what) const {
    return Status::InvalidArgument(path_ + ": row at byte " + std::to_string(start) + ": " + what);
  }

  InputFile file_;
  std::string line_;
  std::string row_;
};

}  // namespace

Result<std::unique_ptr<RecordReader>> RecordReader::Open(const std::string& path, RecordFormat format) {
  Result<InputFile> file = InputFile::Open(path);
  if (!file.ok()) return file.status();
  switch (format) {
    case RecordFormat::kJsonLines:
      return std::unique_ptr<RecordReader>(std::make_unique<JsonLinesReader>(path, std::move(*file)));
    case RecordFormat::kJson:
      return std::unique_ptr<RecordReader>(std::make_unique<JsonReader>(path, std::move(*file)));
    case RecordFormat::kCsv: break;
  }
  auto reader = std::make_unique<CsvReader>(path, std::move(*file));
  if (Status s = reader->ReadHeader(); !s.ok()) return s;
  return std::unique_ptr<RecordReader>(std::move(reader));
}

}  // namespace arachne
