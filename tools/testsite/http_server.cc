#include "testsite/http_server.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <cstdio>
#include <exception>
#include <optional>
#include <thread>

#include "testsite/http_listener.h"
#include "testsite/http_session.h"

namespace arachne::testsite {

namespace net = boost::asio;

struct HttpServer::Impl {
  std::shared_ptr<HttpServerState> state;
  net::ip::address address;
  std::uint16_t port = 0;
  // Destroyed by Stop(), which is what closes the connections still open: destroying an io_context
  // destroys the handlers it holds, and with them the last references to the sessions.
  std::optional<net::io_context> ioc;
  std::shared_ptr<HttpListener> listener;
  std::vector<std::thread> threads;
};

Result<std::unique_ptr<HttpServer>> HttpServer::Start(Handler handler, std::uint16_t port,
                                                      std::string address, int threads) {
  if (!handler) return Status::InvalidArgument("test server: no handler given");
  if (threads < 1 || threads > 64) {
    return Status::InvalidArgument("test server: threads must be 1 to 64, not " + std::to_string(threads));
  }
  boost::system::error_code ec;
  net::ip::address ip = net::ip::make_address(address, ec);
  if (ec) return Status::InvalidArgument("test server: '" + address + "' is not an IP address");
  if (!ip.is_loopback()) {
    return Status::InvalidArgument(
        "test server: '" + address +
        "' is not a loopback address; the test site only listens on 127.0.0.1 or ::1");
  }
  auto impl = std::make_unique<Impl>();
  impl->state = std::make_shared<HttpServerState>(std::move(handler));
  impl->address = ip;
  impl->ioc.emplace(threads);
  Result<std::shared_ptr<HttpListener>> listener =
      HttpListener::Open(*impl->ioc, net::ip::tcp::endpoint(ip, port), impl->state);
  if (!listener.ok()) return listener.status();
  impl->listener = std::move(listener).value();
  impl->port = impl->listener->port();
  impl->listener->Run();
  for (int i = 0; i < threads; ++i) {
    impl->threads.emplace_back([ioc = &*impl->ioc] {
      // Handlers catch what they can; anything else is reported and the thread serves on.
      for (;;) {
        try {
          ioc->run();
          return;
        } catch (const std::exception& e) {
          std::fprintf(stderr, "arachne-testsite: unexpected exception in the server: %s\n", e.what());
        }
      }
    });
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() {
  Stop();
}

void HttpServer::Stop() {
  if (!impl_->ioc) return;
  impl_->ioc->stop();
  for (std::thread& t : impl_->threads) t.join();
  impl_->threads.clear();
  impl_->listener.reset();
  impl_->ioc.reset();
}

std::uint16_t HttpServer::port() const {
  return impl_->port;
}

std::string HttpServer::base_url() const {
  std::string host = impl_->address.to_string();
  if (impl_->address.is_v6()) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(impl_->port);
}

std::uint64_t HttpServer::requests() const {
  return impl_->state->requests.load(std::memory_order_relaxed);
}

std::uint64_t HttpServer::connections() const {
  return impl_->state->connections.load(std::memory_order_relaxed);
}

}  // namespace arachne::testsite
