// MergeArchives: the .warc.gz archives of several crawler nodes joined into one, for `arachne merge`
// (MergeOutputs in record_merge.h checks the paths and calls it).
//
// Each WARC record is its own gzip member (ISO 28500:2017 annex D.2), so the archive is the nodes' members
// one after another, copied as they are. Every node's archive starts with a warcinfo record (section 6.2)
// describing the crawl; the merged one keeps the first input's and drops the others'. There is no dedup: a
// URL fetched by two nodes was fetched twice, and both exchanges are what happened, as WARC records them.
// An archive cut short (a node killed while appending) gives its whole members; the cut one is skipped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "arachne/status.h"
#include "export/record_merge.h"

namespace arachne {

// Joins `inputs` into `out_path` through a temporary file renamed once whole. MergedInput::records counts
// the WARC records read (the warcinfo ones too); duplicates are always 0. InvalidArgument naming the file
// and byte for data that is not gzip; NotFound or IoError when a file cannot be read or written.
Result<MergeSummary> MergeArchives(const std::vector<std::string>& inputs, const std::string& out_path);

// Whether `record`, the start of an uncompressed WARC record, is a warcinfo record: its header has
// "WARC-Type: warcinfo" (field names are case-insensitive, section 4).
bool IsWarcinfoRecord(std::string_view record);

}  // namespace arachne
