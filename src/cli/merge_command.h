// `arachne merge -o OUT INPUT...`: the output files of several cluster nodes (output/<name>.<node>.jsonl
// ...) combined into one, a record per URL (export/record_merge.h).
#pragma once

#include <string>
#include <vector>

#include "export/record_merge.h"

namespace arachne {

struct MergeRequest {
  std::vector<std::string> inputs;  // the nodes' files, all of the output's format; a URL's first record wins
  std::string out_path;             // -o/--out
};

// "merged 3 files: 5012 records, 4 duplicates dropped -> output/site.jsonl".
std::string FormatMergeLine(const MergeSummary& summary, const std::string& out_path);

// "output/site.node-b.jsonl: cut short at byte 4242 (an incomplete record, 97 bytes skipped); 41 records
// read" for an input that was cut short, else "".
std::string FormatCutWarning(const MergedInput& input);

// Merges; prints a warning on stderr for each input cut short and the merge line on stdout. Exit status 0
// once the output is written; 1 on any failure ("arachne merge: <message>" on stderr), the output path then
// left as it was.
int RunMergeCommand(const MergeRequest& request);

}  // namespace arachne
