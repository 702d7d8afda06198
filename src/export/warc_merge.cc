#include "export/warc_merge.h"

#include <memory>
#include <utility>

#include "export/atomic_output_file.h"
#include "export/gzip_member_reader.h"

namespace arachne {

namespace {

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view Trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

using Readers = std::vector<std::unique_ptr<GzipMemberReader>>;

// Opened up front, so that a missing file is reported before anything is read.
Result<Readers> OpenAll(const std::vector<std::string>& inputs) {
  Readers readers;
  for (const std::string& path : inputs) {
    Result<std::unique_ptr<GzipMemberReader>> reader = GzipMemberReader::Open(path);
    if (!reader.ok()) return reader.status();
    readers.push_back(std::move(reader).value());
  }
  return readers;
}

// Copies the members of `reader`, but for a leading warcinfo record once `keep_warcinfo` is false.
Result<MergedInput> CopyMembers(GzipMemberReader& reader, bool keep_warcinfo, BufferedFile& out,
                                std::uint64_t& written) {
  MergedInput input;
  input.path = reader.path();
  for (;;) {
    Result<bool> next = reader.Next();
    if (!next.ok()) return next.status();
    if (!*next) break;
    ++input.records;
    if (input.records == 1 && !keep_warcinfo && IsWarcinfoRecord(reader.head())) continue;
    out.buffer() += reader.member();
    ++written;
    if (Status s = out.WriteIfFull(); !s.ok()) return s;
  }
  input.cut = reader.cut();
  return input;
}

}  // namespace

bool IsWarcinfoRecord(std::string_view record) {
  // The version line ("WARC/1.1"), then named fields up to an empty line.
  std::size_t start = record.find("\r\n");
  if (!record.starts_with("WARC/") || start == std::string_view::npos) return false;
  for (start += 2; start < record.size();) {
    const std::size_t end = record.find("\r\n", start);
    const std::string_view line = record.substr(start, end == std::string_view::npos ? end : end - start);
    if (line.empty()) return false;
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos && EqualsIgnoringAsciiCase(line.substr(0, colon), "WARC-Type")) {
      return Trimmed(line.substr(colon + 1)) == "warcinfo";
    }
    if (end == std::string_view::npos) return false;
    start = end + 2;
  }
  return false;
}

Result<MergeSummary> MergeArchives(const std::vector<std::string>& inputs, const std::string& out_path) {
  Result<Readers> readers = OpenAll(inputs);
  if (!readers.ok()) return readers.status();
  Result<AtomicOutputFile> file = AtomicOutputFile::Create(out_path);
  if (!file.ok()) return file.status();
  MergeSummary summary;
  for (std::unique_ptr<GzipMemberReader>& reader : *readers) {
    // The first input's warcinfo describes the merged archive; an input cut before it ended has none to
    // give, and the next one's takes its place.
    const bool keep_warcinfo = summary.records_written == 0;
    Result<MergedInput> input = CopyMembers(*reader, keep_warcinfo, file->file(), summary.records_written);
    if (!input.ok()) return input.status();
    reader.reset();
    summary.inputs.push_back(std::move(input).value());
  }
  if (Status s = file->Commit(); !s.ok()) return s;
  return summary;
}

}  // namespace arachne
