// MetricsServer: a small HTTP server, on its own thread, that answers `GET /metrics` with the text the
// crawl last handed it, for `arachne crawl --metrics HOST:PORT` and a Prometheus that scrapes it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "arachne/status.h"

namespace arachne {

// Serves:
//   GET or HEAD /metrics (a query is ignored)  200, the text of the last Publish (empty before the first),
//                                              Content-Type "text/plain; version=0.0.4; charset=utf-8"
//   another path                               404
//   another method                             405, with "Allow: GET, HEAD"
//   a malformed request                        400
// Every answer closes the connection. A client that has not sent a whole request head within 5 s, or whose
// head passes 8 KiB, loses its connection without an answer. A slow connection never holds up
// another, and nothing the server does waits on the crawl's thread, nor the crawl on the server's.
class MetricsServer {
 public:
  // Listens on "HOST:PORT": HOST an IPv4 address ("127.0.0.1", "0.0.0.0") or "localhost" (127.0.0.1),
  // PORT 0 to 65535 (0: a free port the system picks, see port()). Fails with InvalidArgument for an address
  // it cannot read, and with IoError when it cannot listen ("cannot listen on 127.0.0.1:9100: Address already
  // in use").
  static Result<std::unique_ptr<MetricsServer>> Start(const std::string& address);

  // Stops serving: closes the listening socket and the open connections, and joins the server's thread.
  ~MetricsServer();
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  // The body of every later 200 answer. Thread-safe; it copies no more than a pointer under a lock, so a
  // crawl can call it after each progress tick.
  void Publish(std::string text);

  // The port the server listens on.
  std::uint16_t port() const;

 private:
  struct Impl;
  explicit MetricsServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace arachne
