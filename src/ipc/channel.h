// Channel: one end of a socketpair between the coordinator and a child, carrying frames both ways.
//
// Non-blocking. Messages are encoded straight into outbox() and leave with the next Flush(), so many
// messages cost one write. ReadAvailable() drains the socket and hands each complete frame to a callback.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "arachne/status.h"
#include "common/unique_fd.h"
#include "ipc/frame.h"

namespace arachne {

class Channel {
 public:
  Channel() = default;
  // Takes ownership of a connected stream socket and makes it non-blocking.
  explicit Channel(UniqueFd fd);

  int fd() const { return fd_.get(); }
  bool valid() const { return fd_.valid(); }

  // Append frames here (Encode(channel.outbox(), message)); they are sent by Flush().
  std::string& outbox() { return out_; }
  bool has_output() const { return out_.size() > sent_; }
  std::size_t pending_output() const { return out_.size() - sent_; }

  // Writes as much of the outbox as the socket takes now. Fails when the peer is gone.
  Status Flush();
  // Writes the whole outbox, waiting up to `timeout_ms` for the socket to drain; kForever: for as long
  // as the peer keeps its end open. Fails when the peer is gone or the time is up.
  static constexpr int kForever = -1;
  Status FlushAll(int timeout_ms);

  // Reads everything available now and calls `on_frame` for each complete frame, stopping at the first
  // failure it returns. Result: true while the peer is connected, false once it closed its end (after
  // the frames it sent before closing were delivered); an error for a broken frame or socket.
  Result<bool> ReadAvailable(const std::function<Status(std::string_view payload)>& on_frame);

  void Close() { fd_.reset(); }

 private:
  UniqueFd fd_;
  std::string out_;
  std::size_t sent_ = 0;
  FrameReader reader_;
};

}  // namespace arachne
