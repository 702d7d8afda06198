// InFlight: what the coordinator knows about a URL it has handed out and not yet recorded.
//
// A dispatched URL is reported on twice when its body is parsed: FetchDone from the fetcher and Parsed
// from a parser, over different pipes, so in either order. The record is written on whichever completes
// it; the fetch slot is released on FetchDone (or when the fetcher dies). Every dispatch gets a fresh id, so
// a late report about a URL that was already re-queued after a crash matches nothing and is ignored: a
// URL is never recorded twice.
#pragma once

#include <chrono>
#include <cstdint>

#include "coordinator/frontier.h"
#include "ipc/messages.h"

namespace arachne {

struct InFlight {
  QueuedUrl url;
  FetchKind kind = FetchKind::kPage;
  bool holds_host_slot = true;  // popped from the frontier (a robots.txt fetch is not)
  int fetcher = -1;             // slot index of the fetcher it was sent to
  int parser = -1;              // slot index of the parser seen claiming it, once seen
  bool fetch_reported = false;  // FetchDone arrived (the fetch slot is released)
  bool sent_to_parser = false;  // FetchDone said the body went to the parse queue
  bool recorded = false;        // the record was written (waiting only for FetchDone)
  bool throttled = false;       // its outcome went to the host's politeness (from FetchDone or Parsed)
  // When the current stage must be over: the fetch (from dispatch), the wait in the parse queue (from
  // FetchDone) or the parse (from the parser's claim, ParseClaim). A URL past it is taken back from the
  // worker that holds it, so a job lost or stuck without its worker dying cannot stall the crawl.
  std::chrono::steady_clock::time_point deadline{};
};

}  // namespace arachne
