// HttpServer: a small HTTP/1.1 server for tests and benchmarks, on loopback only.
//
//   auto server = arachne::testsite::HttpServer::Start([](const HttpRequestView& req) {
//     return HttpReply{.status = 200, .headers = {{"Content-Type", "text/plain"}}, .body = "hi"};
//   });
//   std::string url = (*server)->base_url() + "/hello";   // "http://127.0.0.1:41234/hello"
//
// It runs its own io_context on background threads (Boost.Beast), keeps connections alive as HTTP/1.1 says
// (RFC 9112 section 9.3), compresses with gzip when asked to and the client accepts it (RFC 9110 section
// 12.5.3), and can hold a reply back for a while without blocking a thread, for timeout tests. The handler
// runs on a server thread, possibly on two at once: it must be thread-safe. A reply may instead be raw bytes
// (raw_reply.h), which is how the fault endpoints (fault_endpoints.h) break HTTP on purpose.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "arachne/status.h"
#include "testsite/raw_reply.h"

namespace arachne::testsite {

struct HttpRequestView {
  std::string method;                          // "GET", "HEAD" ...
  std::string target;                          // the request target as sent: path and query, "/a/b?c=d"
  std::map<std::string, std::string> headers;  // names lowercased; a repeated header's values joined by ", "
};

struct HttpReply {
  int status = 200;
  // Sent as given. Content-Length is computed; Content-Type defaults to text/plain; charset=utf-8. A
  // "Connection: close" header closes the connection after this reply.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool gzip_if_accepted = false;  // gzip the body when the request's Accept-Encoding allows gzip
  int delay_ms = 0;               // wait this long (asynchronously) before sending the reply
  bool abort = false;             // close the connection without replying, for error-handling tests
  // When set, the connection writes these bytes instead and then ends as they say; every field above is
  // ignored, and the connection serves no further request.
  std::optional<RawReply> raw = std::nullopt;
};

using Handler = std::function<HttpReply(const HttpRequestView&)>;

class HttpServer {
 public:
  // Starts listening on `address`:`port` (0: an ephemeral port) and serving with `threads` threads (1 or
  // 2 is plenty). `address` must be a loopback address: this server never listens on a real network.
  static Result<std::unique_ptr<HttpServer>> Start(Handler handler, std::uint16_t port = 0,
                                                   std::string address = "127.0.0.1", int threads = 2);
  ~HttpServer();  // stops
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  std::uint16_t port() const;
  std::string base_url() const;  // "http://127.0.0.1:PORT", no trailing slash

  // Closes the listener and every connection and joins the threads. Idempotent.
  void Stop();

  std::uint64_t requests() const;     // requests read, whatever the reply
  std::uint64_t connections() const;  // connections accepted: fewer than requests when keep-alive works

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace arachne::testsite
