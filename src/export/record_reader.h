// RecordReader: the whole records of one output file (JSON Lines, JSON or CSV) read back in order, each with
// its URL and its text as the file spells it, a record at a time whatever the file's size; and, for a file
// its crawl left cut short (a node killed while writing it), where the whole records end. What the merge of
// several nodes' outputs (record_merge.h) reads them with.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "arachne/status.h"

namespace arachne {

enum class RecordFormat { kJsonLines, kJson, kCsv };

// The end of a file that holds no whole record, left by a writer that stopped mid-way.
struct CutTail {
  std::uint64_t offset = 0;  // where it starts: the length of the file's whole part
  std::uint64_t bytes = 0;   // its length, to the end of the file
  std::string what;          // what it is: "an incomplete record", "the JSON array is not closed" ...
};

class RecordReader {
 public:
  // Opens `path` and, for CSV, reads its header row. IoError or NotFound when it cannot be read;
  // InvalidArgument when a CSV's header does not start with a url column (a link graph, say).
  static Result<std::unique_ptr<RecordReader>> Open(const std::string& path, RecordFormat format);

  virtual ~RecordReader() = default;
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  // Moves to the next whole record: true, with url() and text() set; false after the last one, and then
  // cut() tells whether the file ends in a part cut short, which is skipped. A record that is malformed
  // anywhere but at the end of the file is not a cut but damage: InvalidArgument naming the file and place.
  virtual Result<bool> Next() = 0;

  const std::string& url() const { return url_; }
  // The record as its format spells it, on one line, without a separator or line end: a JSON object, or a
  // CSV row (which may hold line breaks inside quotes).
  const std::string& text() const { return text_; }
  // CSV: the header row's text (without its line end) and its column names; empty for the other formats
  // and for a CSV file cut short before its header ended.
  const std::string& header() const { return header_; }
  const std::vector<std::string>& columns() const { return columns_; }
  const std::optional<CutTail>& cut() const { return cut_; }
  const std::string& path() const { return path_; }

 protected:
  explicit RecordReader(std::string path) : path_(std::move(path)) {}

  std::string path_;
  std::string url_;
  std::string text_;
  std::string header_;
  std::vector<std::string> columns_;
  std::optional<CutTail> cut_;
};

}  // namespace arachne
