// `arachne status JOBDIR`: a job folder's progress (crawl_journal.h), read without running the crawl and
// without disturbing one that runs: its state, records written and failed, URLs queued, each host's share
// and the outputs' saved lengths, as of the last checkpoint.
#pragma once

#include <string>

#include "coordinator/crawl_journal.h"

namespace arachne {

// The report `arachne status` prints; at most `max_hosts` hosts, the busiest first.
std::string FormatJobProgress(const std::string& dir, const JobProgress& progress,
                              std::size_t max_hosts = 20);

// The process exit status: 0 when the folder was read, 2 when it is not a job folder, 1 when it cannot
// be read.
int RunStatusCommand(const std::string& dir);

}  // namespace arachne
