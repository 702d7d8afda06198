// The live progress line the command line redraws on a terminal while a crawl runs.
#pragma once

#include <string>

#include "arachne/summary.h"

namespace arachne {

// One line, no line break, at most `terminal_width` characters (all ASCII, so characters are columns):
//   "  1,234 pages  412.3 pages/s  queue 5,678  in flight 64  errors 3  12.4 MB  0:03"
// with "retries 5" and "restarts 1" after the errors once there are any, and at the end what each process
// is doing: "f1 64 f2 12 | p1 87% p2 40%" (a fetcher's transfers in flight, a parser's busy share of the
// last seconds, "-" while a process is being restarted).
// When the terminal is narrower, the least useful fields go first (the processes, in flight, bytes, retries, restarts,
// queue, errors, elapsed time, rate); the page count stays, cut to the width if it must. A width of 0 or less gives "".
std::string FormatProgressLine(const Progress& progress, int terminal_width);

}  // namespace arachne
