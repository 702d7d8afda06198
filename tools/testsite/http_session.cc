#include "testsite/http_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <cctype>
#include <chrono>
#include <exception>
#include <string>
#include <utility>

#include "testsite/gzip.h"
#include "testsite/raw_reply_writer.h"

namespace arachne::testsite {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

namespace {

// A client that goes quiet this long between requests loses its connection, so that abandoned
// connections do not pile up over a long benchmark.
constexpr std::chrono::seconds kIdleTimeout(60);

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Boost 1.74's string_view is its own type, not std::string_view.
std::string_view Std(beast::string_view s) {
  return {s.data(), s.size()};
}

}  // namespace

HttpSession::HttpSession(net::ip::tcp::socket&& socket, std::shared_ptr<HttpServerState> state)
    : stream_(std::move(socket)), delay_(stream_.get_executor()), state_(std::move(state)) {}

void HttpSession::Run() {
  net::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::Read, shared_from_this()));
}

void HttpSession::Read() {
  request_ = {};
  stream_.expires_after(kIdleTimeout);
  http::async_read(stream_, buffer_, request_,
                   beast::bind_front_handler(&HttpSession::OnRead, shared_from_this()));
}

void HttpSession::OnRead(beast::error_code ec, std::size_t /*bytes*/) {
  if (ec == http::error::end_of_stream) return Close();
  if (ec) return;  // timeout, reset or a malformed request: drop the connection
  state_->requests.fetch_add(1, std::memory_order_relaxed);
  HttpReply reply = CallHandler();
  if (reply.raw) {
    // The connection is the writer's from here on; this session ends when this handler returns.
    std::make_shared<RawReplyWriter>(stream_.release_socket(), std::move(*reply.raw))->Run();
    return;
  }
  if (reply.abort) {
    beast::error_code ignored;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
    return;
  }
  int delay_ms = reply.delay_ms;
  PrepareResponse(std::move(reply));
  if (delay_ms <= 0) return Write();
  stream_.expires_never();
  delay_.expires_after(std::chrono::milliseconds(delay_ms));
  delay_.async_wait(beast::bind_front_handler(&HttpSession::OnDelay, shared_from_this()));
}

HttpReply HttpSession::CallHandler() {
  HttpRequestView view;
  view.method = std::string(request_.method_string());
  view.target = std::string(request_.target());
  for (const auto& field : request_) {
    std::string name = Lower(Std(field.name_string()));
    auto [it, inserted] = view.headers.emplace(name, std::string(field.value()));
    // RFC 9110 section 5.3: repeated fields combine into one comma-separated list.
    if (!inserted) it->second += ", " + std::string(field.value());
  }
  // The handler is test code: an exception from it must become a 500, not take the server down.
  try {
    return state_->handler(view);
  } catch (const std::exception& e) {
    return HttpReply{.status = 500, .headers = {}, .body = std::string("handler threw: ") + e.what()};
  } catch (...) {
    return HttpReply{.status = 500, .headers = {}, .body = "handler threw"};
  }
}

void HttpSession::PrepareResponse(HttpReply reply) {
  response_ = {};
  response_.version(request_.version());
  response_.result(static_cast<unsigned>(reply.status));
  response_.set(http::field::server, "arachne-testsite");
  bool has_content_type = false, close = false;
  for (const auto& [name, value] : reply.headers) {
    if (IEquals(name, "content-type")) has_content_type = true;
    if (IEquals(name, "connection") && IEquals(value, "close")) close = true;
    response_.insert(name, value);
  }
  if (!has_content_type) response_.set(http::field::content_type, "text/plain; charset=utf-8");
  if (reply.gzip_if_accepted) {
    // RFC 9110 section 12.5.5: the body depends on Accept-Encoding, and caches must know.
    response_.set(http::field::vary, "Accept-Encoding");
    auto accept = request_.find(http::field::accept_encoding);
    if (accept != request_.end() && AcceptsGzip(Std(accept->value())) && !reply.body.empty()) {
      Result<std::string> compressed = GzipCompress(reply.body);
      if (compressed.ok()) {
        reply.body = std::move(compressed).value();
        response_.set(http::field::content_encoding, "gzip");
      }
    }
  }
  response_.keep_alive(request_.keep_alive() && !close);
  if (request_.method() == http::verb::head) {
    // RFC 9110 section 9.3.2: HEAD gets GET's headers, Content-Length included, and no body.
    response_.content_length(reply.body.size());
  } else {
    response_.body() = std::move(reply.body);
    response_.prepare_payload();
  }
}

void HttpSession::OnDelay(beast::error_code ec) {
  if (ec) return;
  Write();
}

void HttpSession::Write() {
  stream_.expires_after(kIdleTimeout);
  bool close = response_.need_eof();
  http::async_write(stream_, response_,
                    beast::bind_front_handler(&HttpSession::OnWrite, shared_from_this(), close));
}

void HttpSession::OnWrite(bool close, beast::error_code ec, std::size_t /*bytes*/) {
  if (ec) return;
  if (close) return Close();
  Read();
}

void HttpSession::Close() {
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
}

}  // namespace arachne::testsite
