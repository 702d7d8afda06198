#include "export/record_merge.h"

#include <filesystem>
#include <memory>
#include <string_view>
#include <system_error>
#include <unordered_set>
#include <utility>

#include "export/atomic_output_file.h"
#include "export/warc_merge.h"

namespace arachne {

namespace {

enum class MergeFormat { kJsonLines, kJson, kCsv, kWarc };

struct FormatName {
  MergeFormat format;
  std::string_view extension;
  std::string_view name;
};

// The names OpenExporters (exporters.h) gives its files; ".jsonl" is not ".json" (the dot comes first).
constexpr FormatName kFormats[] = {
    {MergeFormat::kJsonLines, ".jsonl", "JSON Lines"},
    {MergeFormat::kJson, ".json", "JSON"},
    {MergeFormat::kCsv, ".csv", "CSV"},
    {MergeFormat::kWarc, ".warc.gz", "a WARC archive"},
};

const FormatName* FormatOf(const std::string& path) {
  for (const FormatName& format : kFormats) {
    if (path.ends_with(format.extension)) return &format;
  }
  return nullptr;
}

std::string Describe(const FormatName& format) {
  return std::string(format.name) + " (" + std::string(format.extension) + ")";
}

// The format every input and the output share.
Result<MergeFormat> CommonFormat(const std::vector<std::string>& inputs, const std::string& out_path) {
  std::vector<std::string> paths = inputs;
  paths.push_back(out_path);
  const FormatName* first = nullptr;
  for (const std::string& path : paths) {
    const FormatName* format = FormatOf(path);
    if (format == nullptr) {
      return Status::InvalidArgument("'" + path +
                                     "': not a format merge knows: expected a name ending in .jsonl, " +
                                     ".json, .csv or .warc.gz");
    }
    if (first == nullptr) first = format;
    if (format != first) {
      return Status::InvalidArgument("'" + path + "' is " + Describe(*format) + " but '" + paths.front() +
                                     "' is " + Describe(*first) +
                                     ": the inputs and the output must all be of one format");
    }
  }
  return first->format;
}

bool SameFile(const std::string& a, const std::string& b) {
  if (std::filesystem::path(a).lexically_normal() == std::filesystem::path(b).lexically_normal()) return true;
  std::error_code error;  // a file that does not exist is no other file
  return std::filesystem::equivalent(a, b, error) && !error;
}

// Writing over an input would destroy it before it was read; an input given twice would count all its
// records as duplicates.
Status CheckDistinct(const std::vector<std::string>& inputs, const std::string& out_path) {
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (SameFile(inputs[i], out_path)) {
      return Status::InvalidArgument("the output '" + out_path +
                                     "' is also an input: write the merge to a new file");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (SameFile(inputs[i], inputs[j])) {
        return Status::InvalidArgument("'" + inputs[i] + "' is given twice" +
                                       (inputs[i] == inputs[j] ? "" : " (as '" + inputs[j] + "')"));
      }
    }
  }
  return Status::Ok();
}

RecordFormat ToRecordFormat(MergeFormat format) {
  if (format == MergeFormat::kJson) return RecordFormat::kJson;
  if (format == MergeFormat::kCsv) return RecordFormat::kCsv;
  return RecordFormat::kJsonLines;
}

using Readers = std::vector<std::unique_ptr<RecordReader>>;

// Every input opened (a CSV's header read) before the first record is written, so that a missing file or
// a header that differs is reported at once, not after the files before it were read.
Result<Readers> OpenAll(const std::vector<std::string>& inputs, RecordFormat format) {
  Readers readers;
  for (const std::string& path : inputs) {
    Result<std::unique_ptr<RecordReader>> reader = RecordReader::Open(path, format);
    if (!reader.ok()) return reader.status();
    readers.push_back(std::move(reader).value());
  }
  return readers;
}

// The reader whose header the output gets: the first that has one (a file cut short in its header has none).
const RecordReader* HeaderSource(const Readers& readers) {
  for (const auto& reader : readers) {
    if (!reader->columns().empty()) return reader.get();
  }
  return nullptr;
}

// A crawl's CSV has the built-in columns and then its seed file's [[extract]] fields: files with other
// columns come from other crawls, and their rows cannot share one header.
Status CheckHeaders(const Readers& readers) {
  const RecordReader* first = HeaderSource(readers);
  for (const auto& reader : readers) {
    const std::vector<std::string>& a = first->columns();
    const std::vector<std::string>& b = reader->columns();
    if (b.empty() || a == b) continue;
    const std::string differs = "'" + reader->path() + "' has another header than '" + first->path() + "': ";
    const std::string hint = " (merge the outputs of one seed file only)";
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    const std::string column = "column " + std::to_string(i + 1);
    if (i == a.size()) {
      return Status::InvalidArgument(differs + column + " '" + b[i] + "' is not in the other" + hint);
    }
    if (i == b.size()) {
      return Status::InvalidArgument(differs + "it lacks " + column + " '" + a[i] + "'" + hint);
    }
    return Status::InvalidArgument(differs + column + " is '" + b[i] + "' where the other has '" + a[i] +
                                   "'" + hint);
  }
  return Status::Ok();
}

// Writes the output as the exporter of its format does (jsonl_exporter.h, json_exporter.h, csv_exporter.h).
class MergedFile {
 public:
  MergedFile(BufferedFile& file, RecordFormat format) : file_(file), format_(format) {}

  void Open(const RecordReader* header_source) {
    if (format_ == RecordFormat::kJson) file_.buffer() += '[';
    if (format_ == RecordFormat::kCsv && header_source != nullptr) {
      file_.buffer() += header_source->header() + "\r\n";
    }
  }
  Status Add(const std::string& text) {
    std::string& out = file_.buffer();
    if (format_ == RecordFormat::kJson) out += records_ == 0 ? "\n" : ",\n";
    out += text;
    out += format_ == RecordFormat::kCsv ? "\r\n" : format_ == RecordFormat::kJsonLines ? "\n" : "";
    ++records_;
    return file_.WriteIfFull();
  }
  void Close() {
    if (format_ == RecordFormat::kJson) file_.buffer() += "\n]\n";
  }
  std::uint64_t records() const { return records_; }

 private:
  BufferedFile& file_;
  RecordFormat format_;
  std::uint64_t records_ = 0;
};

// Copies the records of `reader` whose URL is not in `seen` yet, adding their URLs.
Result<MergedInput> CopyNewRecords(RecordReader& reader, std::unordered_set<std::string>& seen,
                                   MergedFile& out) {
  MergedInput input;
  input.path = reader.path();
  for (;;) {
    Result<bool> next = reader.Next();
    if (!next.ok()) return next.status();
    if (!*next) break;
    ++input.records;
    if (!seen.insert(reader.url()).second) {
      ++input.duplicates;
      continue;
    }
    if (Status s = out.Add(reader.text()); !s.ok()) return s;
  }
  input.cut = reader.cut();
  return input;
}

Result<MergeSummary> MergeRecords(const std::vector<std::string>& inputs, const std::string& out_path,
                                  RecordFormat format) {
  Result<Readers> readers = OpenAll(inputs, format);
  if (!readers.ok()) return readers.status();
  if (format == RecordFormat::kCsv && HeaderSource(*readers) != nullptr) {
    if (Status s = CheckHeaders(*readers); !s.ok()) return s;
  }
  Result<AtomicOutputFile> file = AtomicOutputFile::Create(out_path);
  if (!file.ok()) return file.status();
  MergedFile out(file->file(), format);
  out.Open(HeaderSource(*readers));
  std::unordered_set<std::string> seen;
  MergeSummary summary;
  for (std::unique_ptr<RecordReader>& reader : *readers) {
    Result<MergedInput> input = CopyNewRecords(*reader, seen, out);
    if (!input.ok()) return input.status();
    reader.reset();  // its file closed: a merge of many inputs holds few open
    summary.duplicates_dropped += input->duplicates;
    summary.inputs.push_back(std::move(input).value());
  }
  out.Close();
  if (Status s = file->Commit(); !s.ok()) return s;
  summary.records_written = out.records();
  return summary;
}

}  // namespace

Result<MergeSummary> MergeOutputs(const std::vector<std::string>& inputs, const std::string& out_path) {
  if (inputs.empty()) return Status::InvalidArgument("no input files to merge");
  Result<MergeFormat> format = CommonFormat(inputs, out_path);
  if (!format.ok()) return format.status();
  if (Status s = CheckDistinct(inputs, out_path); !s.ok()) return s;
  if (*format == MergeFormat::kWarc) return MergeArchives(inputs, out_path);
  return MergeRecords(inputs, out_path, ToRecordFormat(*format));
}

}  // namespace arachne
