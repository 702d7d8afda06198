// RawReply: a reply the test server writes to the socket byte for byte, with no HTTP framing of its own,
// for the fault endpoints (fault_endpoints.h) that must break HTTP on purpose: header lines that never
// end, a chunk size that is not hex, a connection reset in the middle of a body, a body without end.
//
//   RawReply raw;
//   raw.next = [n = 0]() mutable -> std::optional<std::string> {
//     if (n++ == 0) return "HTTP/1.1 200 OK\r\n";
//     return "X-Filler: " + std::to_string(n) + "\r\n";       // never returns nullopt: endless
//   };
//   return HttpReply{.raw = std::move(raw)};
//
// The server writes each piece once the previous one is sent, so an endless reply goes exactly as fast as
// the client reads it and never piles up in memory. Nothing waits on a thread: pauses are timers.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace arachne::testsite {

struct RawReply {
  // What the connection does once `next` has returned nullopt.
  enum class Ending {
    kClose,  // a normal close (FIN) after the last byte
    kReset,  // a reset (RST, by SO_LINGER 0 and close): the client sees ECONNRESET
    kHang,   // stays open and silent, reading and dropping what comes, until the client closes it
  };

  // The next bytes to write, or nullopt when there are no more; may never return nullopt. Called on the
  // connection's strand, one call at a time, once the previous piece is sent. An exception from it
  // closes the connection.
  std::function<std::optional<std::string>()> next;
  int pause_ms = 0;  // a pause before every piece but the first, and before the ending
  Ending ending = Ending::kClose;
};

}  // namespace arachne::testsite
