// The report the command line prints when a crawl ends.
#pragma once

#include <string>

#include "arachne/summary.h"

namespace arachne {

// Several lines, each ending in '\n': how the crawl ended and how long it took, then pages (with the rate)
// by HTTP status, errors by kind, bytes received, URLs discovered, left in queue and out of scope, and
// worker restarts, with the numbers in one right-aligned column:
//
//   Crawl finished in 1:23.
//     Pages              12,345  (148.7 pages/s)
//       200              12,000
//       no response          45
//     Errors                 45
//       timeout              45
//     Received           1.2 GB
//     ...
std::string FormatSummary(const Summary& summary);

}  // namespace arachne
