#include "cli/merge_command.h"

#include <cstdio>

namespace arachne {

namespace {

std::string Count(std::uint64_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string FormatMergeLine(const MergeSummary& summary, const std::string& out_path) {
  return "merged " + Count(summary.inputs.size(), "file", "files") + ": " +
         Count(summary.records_written, "record", "records") + ", " +
         Count(summary.duplicates_dropped, "duplicate", "duplicates") + " dropped -> " + out_path;
}

std::string FormatCutWarning(const MergedInput& input) {
  if (!input.cut) return "";
  const CutTail& cut = *input.cut;
  return input.path + ": cut short at byte " + std::to_string(cut.offset) + " (" + cut.what + ", " +
         Count(cut.bytes, "byte", "bytes") + " skipped); " + Count(input.records, "record", "records") +
         " read";
}

int RunMergeCommand(const MergeRequest& request) {
  Result<MergeSummary> summary = MergeOutputs(request.inputs, request.out_path);
  if (!summary.ok()) {
    std::fprintf(stderr, "arachne merge: %s\n", summary.status().message().c_str());
    return 1;
  }
  for (const MergedInput& input : summary->inputs) {
    if (input.cut) std::fprintf(stderr, "arachne merge: warning: %s\n", FormatCutWarning(input).c_str());
  }
  std::printf("%s\n", FormatMergeLine(*summary, request.out_path).c_str());
  return 0;
}

}  // namespace arachne
