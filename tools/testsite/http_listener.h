// HttpListener: accepts connections for the test server and hands each to a new HttpSession on its own
// strand. Internal to HttpServer.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <cstdint>
#include <memory>

#include "arachne/status.h"
#include "testsite/http_session.h"

namespace arachne::testsite {

class HttpListener : public std::enable_shared_from_this<HttpListener> {
 public:
  // Opens, binds and listens; fails with a message naming the address ("address already in use").
  static Result<std::shared_ptr<HttpListener>> Open(boost::asio::io_context& ioc,
                                                    const boost::asio::ip::tcp::endpoint& endpoint,
                                                    std::shared_ptr<HttpServerState> state);
  HttpListener(boost::asio::io_context& ioc, std::shared_ptr<HttpServerState> state);
  HttpListener(const HttpListener&) = delete;
  HttpListener& operator=(const HttpListener&) = delete;

  std::uint16_t port() const { return port_; }
  // Starts accepting; runs until the io_context stops.
  void Run();

 private:
  void Accept();
  void OnAccept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer backoff_;
  std::shared_ptr<HttpServerState> state_;
  std::uint16_t port_ = 0;
};

}  // namespace arachne::testsite
