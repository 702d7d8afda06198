// RawTestClient: one connection to 127.0.0.1 that sends a GET, or any bytes at all, and reads whatever bytes
// come back, with a byte limit and a deadline: what arrived, and how the connection ended. For the tests of
// servers that must cope with clients and requests an HTTP library would not produce (the test site's fault
// endpoints, the metrics server). Every wait is a poll bounded by the deadline, so a test never hangs on a
// server that never ends.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "common/unique_fd.h"

namespace arachne::test {

class RawTestClient {
 public:
  enum class End {
    kOpen,    // the byte limit or the deadline came first: the connection is still open
    kClosed,  // the server closed the connection (FIN)
    kReset,   // the server reset it (ECONNRESET)
    kError,   // connecting or sending failed
  };
  struct Reply {
    std::string bytes;
    End end = End::kError;
  };

  explicit RawTestClient(std::uint16_t port) {
    fd_.reset(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    if (fd_ && ::connect(fd_.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) fd_.reset();
  }

  bool connected() const { return fd_.valid(); }

  // Sends "GET <target> HTTP/1.1" with the given extra header lines ("Accept-Encoding: gzip\r\n").
  bool Send(std::string_view target, std::string_view headers = "") {
    return SendBytes("GET " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                     std::string(headers) + "\r\n");
  }

  // Sends `bytes` as they are: part of a request, or one that is not HTTP.
  bool SendBytes(std::string_view bytes) {
    for (std::size_t sent = 0; fd_ && sent < bytes.size();) {
      const ssize_t n = ::send(fd_.get(), bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return fd_.valid();
  }

  // Reads until `max_bytes` have come, the connection ends, or `deadline` has passed since the call.
  Reply Read(std::size_t max_bytes, std::chrono::milliseconds deadline) {
    Reply reply;
    if (!fd_) return reply;
    const auto until = std::chrono::steady_clock::now() + deadline;
    char buffer[64 * 1024];
    while (reply.bytes.size() < max_bytes) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd p{fd_.get(), POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;  // the loop rechecks the deadline
      const std::size_t want = std::min(sizeof buffer, max_bytes - reply.bytes.size());
      const ssize_t n = ::recv(fd_.get(), buffer, want, 0);
      if (n > 0) {
        reply.bytes.append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0) {
        reply.end = End::kClosed;
        return reply;
      } else if (errno != EINTR && errno != EAGAIN) {
        reply.end = errno == ECONNRESET ? End::kReset : End::kError;
        return reply;
      }
    }
    reply.end = End::kOpen;
    return reply;
  }

  // Everything until the connection ends, for a server that closes after its answer; kOpen if `deadline`
  // passes first.
  Reply ReadAll(std::chrono::milliseconds deadline) {
    return Read(std::numeric_limits<std::size_t>::max(), deadline);
  }

  // The header section of `bytes` up to the blank line included; empty if it has not ended.
  static std::string_view Head(std::string_view bytes) {
    const std::size_t end = bytes.find("\r\n\r\n");
    return end == std::string_view::npos ? std::string_view() : bytes.substr(0, end + 4);
  }
  // What follows the header section; empty if it has not ended.
  static std::string_view Body(std::string_view bytes) {
    const std::string_view head = Head(bytes);
    return head.empty() ? std::string_view() : bytes.substr(head.size());
  }

 private:
  UniqueFd fd_;
};

}  // namespace arachne::test
