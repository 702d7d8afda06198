// RawHttpServer: a loopback TCP server that answers every request with the same bytes, for replies the
// well-behaved test server cannot send: a body without Content-Length, or a connection reset mid-body.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include "common/unique_fd.h"

namespace arachne {

class RawHttpServer {
 public:
  enum class Ending { kClose, kReset };

  // Serves one connection at a time: reads up to the end of the request head, writes `reply`, then
  // closes the connection normally (FIN) or with a reset (RST, via SO_LINGER 0).
  RawHttpServer(std::string reply, Ending ending) : reply_(std::move(reply)), ending_(ending) {
    listener_.reset(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (!listener_ || ::bind(listener_.get(), reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::listen(listener_.get(), 16) != 0 ||
        ::getsockname(listener_.get(), reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      return;
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~RawHttpServer() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  RawHttpServer(const RawHttpServer&) = delete;
  RawHttpServer& operator=(const RawHttpServer&) = delete;

  std::uint16_t port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

 private:
  // Every wait is a poll of at most 50 ms that rechecks stop_, so the destructor never hangs.
  bool WaitFor(int fd, short events) {
    pollfd p{fd, events, 0};
    while (!stop_) {
      if (::poll(&p, 1, 50) > 0) return true;
    }
    return false;
  }

  void Serve() {
    while (WaitFor(listener_.get(), POLLIN)) {
      UniqueFd connection(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
      if (connection) Answer(connection.get());
    }
  }

  void Answer(int fd) {
    std::string head;
    char buffer[4096];
    while (head.find("\r\n\r\n") == std::string::npos && head.size() < 65536) {
      if (!WaitFor(fd, POLLIN)) return;
      ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n <= 0) return;
      head.append(buffer, static_cast<std::size_t>(n));
    }
    for (std::size_t sent = 0; sent < reply_.size();) {
      ssize_t n = ::send(fd, reply_.data() + sent, reply_.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<std::size_t>(n);
    }
    if (ending_ == Ending::kReset) {
      linger hard{1, 0};
      ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    }
  }

  std::string reply_;
  Ending ending_;
  UniqueFd listener_;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace arachne
