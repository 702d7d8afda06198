#include "ipc/channel.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>

#include <chrono>

#include "common/errno_status.h"

namespace arachne {

Channel::Channel(UniqueFd fd) : fd_(std::move(fd)) {
  int flags = ::fcntl(fd_.get(), F_GETFL);
  if (flags >= 0) ::fcntl(fd_.get(), F_SETFL, flags | O_NONBLOCK);
}

Status Channel::Flush() {
  while (sent_ < out_.size()) {
    // MSG_NOSIGNAL: a dead peer must be an error value here, not a SIGPIPE that kills this process.
    ssize_t n = ::send(fd_.get(), out_.data() + sent_, out_.size() - sent_, MSG_NOSIGNAL);
    if (n > 0) {
      sent_ += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    return ErrnoStatus("send to peer process");
  }
  if (sent_ == out_.size()) {
    out_.clear();
    sent_ = 0;
  } else if (sent_ > (1u << 20)) {
    out_.erase(0, sent_);
    sent_ = 0;
  }
  return Status::Ok();
}

Status Channel::FlushAll(int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (true) {
    if (Status s = Flush(); !s.ok()) return s;
    if (!has_output()) return Status::Ok();
    pollfd p{fd_.get(), POLLOUT, 0};
    if (timeout_ms == kForever) {
      ::poll(&p, 1, -1);  // wakes when there is room, or with POLLHUP/POLLERR when the peer is gone
      continue;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return Status::IoError("peer process did not read its messages in time");
    ::poll(&p, 1, static_cast<int>(left.count()));
  }
}

Result<bool> Channel::ReadAvailable(const std::function<Status(std::string_view)>& on_frame) {
  bool open = true;
  char buffer[64 * 1024];
  while (true) {
    ssize_t n = ::recv(fd_.get(), buffer, sizeof buffer, 0);
    if (n > 0) {
      reader_.Append(std::string_view(buffer, static_cast<std::size_t>(n)));
      if (static_cast<std::size_t>(n) < sizeof buffer) break;
      continue;
    }
    if (n == 0) {
      open = false;
      break;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) break;
    if (errno == ECONNRESET) {
      open = false;
      break;
    }
    return ErrnoStatus("receive from peer process");
  }
  while (true) {
    Result<std::optional<std::string_view>> frame = reader_.Next();
    if (!frame.ok()) return frame.status();
    if (!frame->has_value()) break;
    if (Status s = on_frame(**frame); !s.ok()) return s;
  }
  return open;
}

}  // namespace arachne
