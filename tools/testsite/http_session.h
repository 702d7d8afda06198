// HttpSession: one accepted connection of the test server, serving requests one after another for as long
// as the client keeps the connection alive (RFC 9112 section 9.3). Internal to HttpServer.
#pragma once

#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdint>
#include <memory>

#include "testsite/http_server.h"

namespace arachne::testsite {

// What the listener and every session share: the handler and the counters HttpServer reports. Held by
// shared_ptr so that it outlives whichever of them goes last.
struct HttpServerState {
  explicit HttpServerState(Handler h) : handler(std::move(h)) {}
  Handler handler;
  std::atomic<std::uint64_t> requests{0};
  std::atomic<std::uint64_t> connections{0};
};

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<HttpServerState> state);
  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

  // Starts reading the first request, on the session's strand.
  void Run();

 private:
  void Read();
  void OnRead(boost::beast::error_code ec, std::size_t bytes);
  HttpReply CallHandler();
  void PrepareResponse(HttpReply reply);
  void OnDelay(boost::beast::error_code ec);
  void Write();
  void OnWrite(bool close, boost::beast::error_code ec, std::size_t bytes);
  void Close();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  boost::beast::http::request<boost::beast::http::string_body> request_;
  boost::beast::http::response<boost::beast::http::string_body> response_;
  boost::asio::steady_timer delay_;
  std::shared_ptr<HttpServerState> state_;
};

}  // namespace arachne::testsite
