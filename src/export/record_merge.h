// MergeOutputs: the output files of several crawler nodes that shared one crawl (cluster mode: each wrote
// output/<name>.<node>.<format>) combined into one, for `arachne merge`.
//
// The cluster records each URL once, but a node killed between writing a record and telling the others
// leaves a record that another node writes again; so the merge keeps the first record of each URL, in the
// order the inputs are given, and counts the others. A node killed mid-write can also leave a file cut short
// (a last line or row incomplete, a JSON array not closed): its whole records are merged and the cut part is
// skipped and reported, not refused.
//
// Inputs are streamed a record at a time; what the merge holds in memory is the set of URLs seen.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "arachne/status.h"
#include "export/record_reader.h"

namespace arachne {

struct MergedInput {
  std::string path;
  std::uint64_t records = 0;     // whole records read (for an archive: WARC records)
  std::uint64_t duplicates = 0;  // of those, dropped: an earlier record had the URL
  std::optional<CutTail> cut;    // the part skipped at its end, when it was cut short
};

struct MergeSummary {
  std::uint64_t records_written = 0;
  std::uint64_t duplicates_dropped = 0;
  std::vector<MergedInput> inputs;  // in the order given
};

// Merges `inputs` into `out_path`, all of one format told by their names: .jsonl, .json, .csv (the records
// of a crawl: the first of each URL kept) or .warc.gz (web archives: every whole record kept, no dedup; see
// warc_merge.h). The output is written as the exporter of its format writes it (a JSON array of a record a
// line; the CSV header, then CRLF rows), under a temporary name renamed once whole: on any failure the
// output path is left as it was.
// InvalidArgument for: no inputs; a name of another format, or inputs and output of different formats
// (naming the file); an input given twice, or the output among the inputs (also under another name);
// CSV headers that differ (naming the file and the first column that differs), or a CSV that is not of
// records (a link graph); a damaged record anywhere but at a file's end (naming the file and the line,
// record or byte). NotFound or IoError when an input cannot be read or the output written.
Result<MergeSummary> MergeOutputs(const std::vector<std::string>& inputs, const std::string& out_path);

}  // namespace arachne
