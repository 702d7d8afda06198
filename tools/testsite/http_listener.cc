#include "testsite/http_listener.h"

#include <boost/asio/strand.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <chrono>
#include <string>
#include <utility>

namespace arachne::testsite {

namespace net = boost::asio;
using tcp = net::ip::tcp;

Result<std::shared_ptr<HttpListener>> HttpListener::Open(net::io_context& ioc, const tcp::endpoint& endpoint,
                                                         std::shared_ptr<HttpServerState> state) {
  auto listener = std::make_shared<HttpListener>(ioc, std::move(state));
  std::string where = endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
  boost::beast::error_code ec;
  tcp::acceptor& acceptor = listener->acceptor_;
  acceptor.open(endpoint.protocol(), ec);
  if (ec) return Status::IoError("test server: open a socket for " + where + ": " + ec.message());
  // A test run that restarts the server on a fixed port must not wait out TIME_WAIT.
  acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (ec) return Status::IoError("test server: SO_REUSEADDR on " + where + ": " + ec.message());
  acceptor.bind(endpoint, ec);
  if (ec) return Status::IoError("test server: bind " + where + ": " + ec.message());
  acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return Status::IoError("test server: listen on " + where + ": " + ec.message());
  listener->port_ = acceptor.local_endpoint(ec).port();
  if (ec) return Status::IoError("test server: local address of " + where + ": " + ec.message());
  return listener;
}

HttpListener::HttpListener(net::io_context& ioc, std::shared_ptr<HttpServerState> state)
    : ioc_(ioc),
      acceptor_(net::make_strand(ioc)),
      backoff_(acceptor_.get_executor()),
      state_(std::move(state)) {}

void HttpListener::Run() {
  Accept();
}

void HttpListener::Accept() {
  // Each connection gets its own strand, so that its handlers never run at once on two threads.
  acceptor_.async_accept(net::make_strand(ioc_),
                         boost::beast::bind_front_handler(&HttpListener::OnAccept, shared_from_this()));
}

void HttpListener::OnAccept(boost::beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted) return;
  if (ec) {
    // Out of file descriptors, most likely: try again shortly rather than spin.
    backoff_.expires_after(std::chrono::milliseconds(10));
    backoff_.async_wait([self = shared_from_this()](boost::beast::error_code wait_ec) {
      if (!wait_ec) self->Accept();
    });
    return;
  }
  state_->connections.fetch_add(1, std::memory_order_relaxed);
  std::make_shared<HttpSession>(std::move(socket), state_)->Run();
  Accept();
}

}  // namespace arachne::testsite
