// The parse queue: how page bodies travel from fetchers to parsers without passing the coordinator.
//
// One SOCK_SEQPACKET socketpair serves the whole crawl. Every fetcher writes ParseJob messages to end A;
// every parser reads from end B. The kernel delivers each message, whole, to exactly one reader, so the
// queue balances itself across parsers, and a restarted child simply inherits the same two descriptors.
// The body itself is not in the message: it is in a memfd whose descriptor rides along (SCM_RIGHTS), so a
// 10 MB page costs the same small message as a 2 KB one, and the parser maps it instead of copying it
// (shared_body.h: the fetcher's BodyPool fills the file, the parser's BodyReader maps it).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "arachne/status.h"
#include "common/unique_fd.h"

namespace arachne {

struct ParseQueueEnds {
  UniqueFd fetcher_end;  // A: fetchers send here
  UniqueFd parser_end;   // B: parsers receive here
};

Result<ParseQueueEnds> CreateParseQueue();

// The largest message the queue carries; SendParseJob callers keep each job below it.
inline constexpr std::size_t kMaxParseJobBytes = 64u << 10;

// Sends one message payload with `body_fd` attached. Result: true when sent, false when the queue is full
// and the socket is non-blocking (wait for it to be writable and try again).
Result<bool> SendParseJob(int queue_fd, std::string_view payload, int body_fd);

struct ReceivedParseJob {
  std::string payload;
  UniqueFd body;  // invalid if the sender attached none
};

// Receives one message without blocking; nothing when the queue is empty.
Result<std::optional<ReceivedParseJob>> ReceiveParseJob(int queue_fd);

}  // namespace arachne
