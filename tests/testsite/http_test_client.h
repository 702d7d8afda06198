// HttpTestClient: a blocking HTTP/1.1 client on one connection to 127.0.0.1, for the test site's tests.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace arachne::testsite {

class HttpTestClient {
 public:
  using Response = boost::beast::http::response<boost::beast::http::string_body>;
  using Verb = boost::beast::http::verb;

  explicit HttpTestClient(std::uint16_t port) : stream_(ioc_) {
    stream_.expires_after(std::chrono::seconds(10));
    boost::beast::error_code ec;
    stream_.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port), ec);
  }

  // Sends a request and reads the reply; nullopt when the connection fails or is closed instead.
  std::optional<Response> Send(const std::string& target, const std::string& accept_encoding = "",
                               Verb method = Verb::get, bool keep_alive = true) {
    namespace http = boost::beast::http;
    http::request<http::empty_body> req(method, target, 11);
    req.set(http::field::host, "127.0.0.1");
    if (!accept_encoding.empty()) req.set(http::field::accept_encoding, accept_encoding);
    req.keep_alive(keep_alive);
    boost::beast::error_code ec;
    stream_.expires_after(std::chrono::seconds(10));
    http::write(stream_, req, ec);
    if (ec) return std::nullopt;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (method == Verb::head) parser.skip(true);
    http::read(stream_, buffer_, parser, ec);
    if (ec) return std::nullopt;
    return parser.release();
  }

 private:
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
};

}  // namespace arachne::testsite
