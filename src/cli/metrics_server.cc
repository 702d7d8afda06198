#include "cli/metrics_server.h"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <array>
#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <charconv>
#include <chrono>
#include <mutex>
#include <string_view>
#include <thread>
#include <utility>

namespace arachne {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// A client gets this long to send its request head, and again to take the answer: enough for any scraper,
// short enough that connections left open (or opened on purpose and left silent) do not pile up.
constexpr std::chrono::seconds kDeadline(5);
// A scrape request is a request line and a few fields; a head larger than this is not one.
constexpr std::uint32_t kMaxHeadBytes = 8 * 1024;

constexpr std::string_view kMetricsType = "text/plain; version=0.0.4; charset=utf-8";
constexpr std::string_view kPlainType = "text/plain; charset=utf-8";

// The text of the last Publish, shared between the crawl's thread and the server's. Sessions take a
// reference to it, so a Publish never waits for a slow client and never changes an answer being written.
class PublishedText {
 public:
  void Set(std::shared_ptr<const std::string> text) {
    std::lock_guard<std::mutex> lock(mutex_);
    text_.swap(text);
  }
  std::shared_ptr<const std::string> Get() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return text_;
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const std::string> text_ = std::make_shared<const std::string>();
};

Status BadAddress(const std::string& address, std::string_view why) {
  return Status::InvalidArgument("metrics address '" + address + "': " + std::string(why));
}

Result<tcp::endpoint> ParseListenAddress(const std::string& address) {
  const std::size_t colon = address.rfind(':');
  if (colon == std::string::npos) return BadAddress(address, "expected HOST:PORT, such as 127.0.0.1:9100");
  const std::string host = address.substr(0, colon);
  const std::string_view port_text = std::string_view(address).substr(colon + 1);
  unsigned port = 0;
  const auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || error != std::errc() || end != port_text.data() + port_text.size() ||
      port > 65535) {
    return BadAddress(address, "the port must be a number from 0 to 65535");
  }
  if (host == "localhost")
    return tcp::endpoint(net::ip::address_v4::loopback(), static_cast<std::uint16_t>(port));
  beast::error_code ec;
  const net::ip::address_v4 ip = net::ip::make_address_v4(host, ec);
  if (ec) return BadAddress(address, "the host must be an IPv4 address, such as 127.0.0.1, or localhost");
  return tcp::endpoint(ip, static_cast<std::uint16_t>(port));
}

// Parse errors that mean the client sent something that is not an HTTP request head, which RFC 9112 §3
// answers with 400; the other errors (the client left, or sent too much) get no answer.
bool IsMalformed(const beast::error_code& ec) {
  static constexpr http::error kMalformed[] = {
      http::error::bad_line_ending, http::error::bad_method,         http::error::bad_target,
      http::error::bad_version,     http::error::bad_field,          http::error::bad_value,
      http::error::bad_obs_fold,    http::error::bad_content_length, http::error::bad_transfer_encoding,
  };
  return std::any_of(std::begin(kMalformed), std::end(kMalformed), [&](http::error e) { return ec == e; });
}

// The path of a request target, without its query; the absolute form ("http://host:port/metrics"), which
// RFC 9112 §3.2.2 asks servers to accept, is reduced to its path too.
std::string_view PathOf(std::string_view target) {
  constexpr std::string_view kHttp = "http://";
  if (target.substr(0, kHttp.size()) == kHttp) {
    const std::size_t slash = target.find('/', kHttp.size());
    target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
  }
  return target.substr(0, target.find('?'));
}

struct Reply {
  std::string_view status;  // "200 OK"
  std::string_view content_type;
  std::shared_ptr<const std::string> body;
  std::string_view fields;  // more header fields, each ending in CRLF
};

Reply ErrorReply(std::string_view status, std::string_view message, std::string_view fields = "") {
  return {status, kPlainType, std::make_shared<const std::string>(std::string(message) + "\n"), fields};
}

// One connection: reads one request head, writes one answer, closes.
class MetricsSession : public std::enable_shared_from_this<MetricsSession> {
 public:
  MetricsSession(tcp::socket socket, std::shared_ptr<const PublishedText> text)
      : stream_(std::move(socket)), text_(std::move(text)) {}

  void Start() {
    parser_.header_limit(kMaxHeadBytes);
    stream_.expires_after(kDeadline);
    http::async_read_header(stream_, buffer_, parser_,
                            beast::bind_front_handler(&MetricsSession::OnHead, shared_from_this()));
  }

 private:
  void OnHead(beast::error_code ec, std::size_t /*bytes*/) {
    if (IsMalformed(ec)) return Send(ErrorReply("400 Bad Request", "malformed request"), false);
    if (ec) return;  // the client left, sent too much or took too long: dropping it is the answer
    const http::request<http::empty_body>& request = parser_.get();
    Send(Route(request), request.method() == http::verb::head);
  }

  Reply Route(const http::request<http::empty_body>& request) const {
    const http::verb method = request.method();
    // RFC 9110 §15.5.6: a 405 lists the methods the resource has.
    if (method != http::verb::get && method != http::verb::head) {
      return ErrorReply("405 Method Not Allowed", "only GET and HEAD are served", "Allow: GET, HEAD\r\n");
    }
    if (PathOf({request.target().data(), request.target().size()}) != "/metrics") {
      return ErrorReply("404 Not Found", "not found: the metrics are at /metrics");
    }
    return {"200 OK", kMetricsType, text_->Get(), ""};
  }

  // The answer to a HEAD request has the fields of the GET answer and no body (RFC 9110 §9.3.2).
  void Send(Reply reply, bool head_only) {
    head_ = "HTTP/1.1 " + std::string(reply.status) + "\r\nContent-Type: " + std::string(reply.content_type) +
            "\r\nContent-Length: " + std::to_string(reply.body->size()) + "\r\n" + std::string(reply.fields) +
            "Connection: close\r\n\r\n";
    body_ = head_only ? nullptr : std::move(reply.body);
    const std::array<net::const_buffer, 2> buffers = {net::buffer(head_),
                                                      body_ ? net::buffer(*body_) : net::const_buffer()};
    stream_.expires_after(kDeadline);
    net::async_write(stream_, buffers,
                     beast::bind_front_handler(&MetricsSession::OnSent, shared_from_this()));
  }

  // Closes the sending side, then reads what the client still sends until it closes too: closing a socket
  // with unread data resets the connection, and the reset can destroy the answer before the client reads it
  // (RFC 9112 §9.6). The deadline bounds the wait.
  void OnSent(beast::error_code ec, std::size_t /*bytes*/) {
    if (ec) return;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return;
    Drain();
  }

  void Drain() {
    stream_.async_read_some(net::buffer(discard_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (!ec) self->Drain();
                            });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request_parser<http::empty_body> parser_;
  std::shared_ptr<const PublishedText> text_;
  std::string head_;
  std::shared_ptr<const std::string> body_;
  std::array<char, 1024> discard_{};
};

}  // namespace

// Everything runs on one thread, the one that runs `ioc`: the acceptor, the sessions and their timers. Only
// Publish (through PublishedText's lock) and the destructor (through io_context::stop) come from other
// threads.
struct MetricsServer::Impl {
  net::io_context ioc;  // first, so destroyed last: what follows needs it
  tcp::acceptor acceptor{ioc};
  net::steady_timer backoff{ioc};
  std::shared_ptr<PublishedText> text = std::make_shared<PublishedText>();
  std::uint16_t port = 0;
  std::thread thread;

  Status Listen(const tcp::endpoint& endpoint, const std::string& address) {
    beast::error_code ec;
    acceptor.open(endpoint.protocol(), ec);
    // A crawl started again on the same port must not wait out the last one's TIME_WAIT connections; on
    // Linux this does not let two servers listen on one port.
    if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (!ec) port = acceptor.local_endpoint(ec).port();
    if (ec) return Status::IoError("cannot listen on " + address + ": " + ec.message());
    return Status::Ok();
  }

  void Accept() {
    acceptor.async_accept(ioc, [this](beast::error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted) return;
      if (ec) return RetryAccept();
      std::make_shared<MetricsSession>(std::move(socket), text)->Start();
      Accept();
    });
  }

  // Out of file descriptors, most likely: try again shortly rather than spin.
  void RetryAccept() {
    backoff.expires_after(std::chrono::milliseconds(100));
    backoff.async_wait([this](beast::error_code ec) {
      if (!ec) Accept();
    });
  }
};

Result<std::unique_ptr<MetricsServer>> MetricsServer::Start(const std::string& address) {
  Result<tcp::endpoint> endpoint = ParseListenAddress(address);
  if (!endpoint.ok()) return endpoint.status();
  auto impl = std::make_unique<Impl>();
  Status listening = impl->Listen(*endpoint, address);
  if (!listening.ok()) return listening;
  impl->Accept();
  Impl& running = *impl;
  // The server's thread takes no signal: a process-directed SIGINT must reach the thread the command
  // waits for it on (crawl_command.cc), not end the process here. A new thread inherits the mask.
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  impl->thread = std::thread([&running] { running.ioc.run(); });
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  return std::unique_ptr<MetricsServer>(new MetricsServer(std::move(impl)));
}

MetricsServer::MetricsServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

// Stopping the io_context ends its thread at once; destroying it then destroys the handlers still waiting,
// and with them the sessions and their sockets.
MetricsServer::~MetricsServer() {
  impl_->ioc.stop();
  impl_->thread.join();
}

void MetricsServer::Publish(std::string text) {
  impl_->text->Set(std::make_shared<const std::string>(std::move(text)));
}

std::uint16_t MetricsServer::port() const {
  return impl_->port;
}

}  // namespace arachne
