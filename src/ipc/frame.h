// Frames: how messages are delimited on the stream sockets between the coordinator and its children.
//
// A frame is a 4-byte little-endian payload length, then the payload: one byte of MessageType and the
// message's wire encoding. Many frames go out in one write (batching); FrameReader splits whatever bytes
// arrive back into frames and refuses a length above kMaxFrameBytes, so a corrupt peer cannot make the
// reader allocate without bound.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "arachne/status.h"

namespace arachne {

inline constexpr std::uint32_t kMaxFrameBytes = 64u << 20;

// Appends one frame holding `payload` to `out`.
void AppendFrame(std::string& out, std::string_view payload);

// Starts a frame in `out` and returns the offset to give FinishFrame once the payload is appended, so a
// message can be encoded straight into the output buffer.
std::size_t BeginFrame(std::string& out);
void FinishFrame(std::string& out, std::size_t begin);

class FrameReader {
 public:
  void Append(std::string_view bytes) { buffer_.append(bytes); }
  // The next complete frame's payload (valid until the next call), nothing if more bytes are needed, or a
  // ProtocolError for an impossible length.
  Result<std::optional<std::string_view>> Next();
  std::size_t buffered() const { return buffer_.size() - consumed_; }

 private:
  std::string buffer_;
  std::size_t consumed_ = 0;
};

}  // namespace arachne
