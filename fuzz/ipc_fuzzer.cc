// ipc_fuzzer: the input is what a process reads from a socket to another: its first byte says in what
// pieces the rest arrives, FrameReader (ipc/frame.h) splits the rest into frames, and every payload is
// given to PeekType and each Decode (ipc/messages.h); the rest is also tried as one payload, without a
// frame. A payload that decodes must re-encode into a frame that reads and decodes back to the same
// message, and a Hello's settings go through the JSON reader the workers use (config/config_json.h).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/config_json.h"
#include "fuzz_check.h"
#include "ipc/frame.h"
#include "ipc/messages.h"

namespace arachne {
namespace {

// Decodes `payload` as an M; when that works, checks that the message survives a round trip: encoded,
// read back as one frame and decoded again, it encodes to the same bytes (the first encoding need not be
// the payload itself: a varint may be written longer than needed).
template <typename M>
bool RoundTrips(std::string_view payload) {
  M message;
  if (!Decode(payload, message)) return false;
  std::string once;
  Encode(once, message);
  FrameReader reader;
  reader.Append(once);
  Result<std::optional<std::string_view>> frame = reader.Next();
  FUZZ_CHECK(frame.ok() && frame->has_value());
  FUZZ_CHECK(reader.buffered() == 0);
  const std::string_view again = **frame;
  FUZZ_CHECK(again.front() == payload.front());
  M decoded;
  FUZZ_CHECK(Decode(again, decoded));
  std::string twice;
  Encode(twice, decoded);
  FUZZ_CHECK(twice == once);
  return true;
}

void ReadPayload(std::string_view payload) {
  MessageType type{};
  const bool known = PeekType(payload, type);
  const int decoded = RoundTrips<HelloMessage>(payload) + RoundTrips<FetchMessage>(payload) +
                      RoundTrips<FetchOutcome>(payload) + RoundTrips<ParseJobMessage>(payload) +
                      RoundTrips<ParsedMessage>(payload) + RoundTrips<ShutdownMessage>(payload) +
                      RoundTrips<LogMessage>(payload) + RoundTrips<PingMessage>(payload) +
                      RoundTrips<PongMessage>(payload) + RoundTrips<BusyMessage>(payload);
  // A payload's first byte is its type: it decodes as one message at most, and only as a known type.
  FUZZ_CHECK(decoded <= 1);
  if (decoded == 1) FUZZ_CHECK(known);

  HelloMessage hello;
  if (Decode(payload, hello)) (void)ConfigFromJson(hello.config_json);
}

}  // namespace
}  // namespace arachne

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arachne;
  if (size == 0) return 0;
  const std::size_t piece = data[0] % 64 + 1;
  const std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);

  ReadPayload(stream);

  FrameReader reader;
  for (std::size_t at = 0; at < stream.size(); at += piece) {
    reader.Append(stream.substr(at, piece));
    for (;;) {
      Result<std::optional<std::string_view>> frame = reader.Next();
      if (!frame.ok()) return 0;  // a corrupt stream: the reader's user drops the peer
      if (!frame->has_value()) break;
      FUZZ_CHECK(!(*frame)->empty());
      ReadPayload(**frame);
    }
  }
  return 0;
}
