#include "testsite/raw_reply_writer.h"

#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <chrono>
#include <optional>
#include <utility>

namespace arachne::testsite {

namespace beast = boost::beast;
namespace net = boost::asio;

namespace {

// A client that takes no byte for this long loses the connection, so that an endless reply to a client
// that stopped reading without closing does not hold the connection for ever.
constexpr std::chrono::seconds kStallTimeout(60);

}  // namespace

RawReplyWriter::RawReplyWriter(net::ip::tcp::socket&& socket, RawReply reply)
    : stream_(std::move(socket)), reply_(std::move(reply)), pause_(stream_.get_executor()) {}

void RawReplyWriter::Run() {
  WriteNext();
}

void RawReplyWriter::WriteNext() {
  std::optional<std::string> piece;
  try {
    if (reply_.next) piece = reply_.next();
  } catch (...) {
    // The endpoint is test code: its failure ends this connection, not the server.
    beast::error_code ignored;
    stream_.socket().close(ignored);
    return;
  }
  if (!piece) return End();
  piece_ = std::move(*piece);
  stream_.expires_after(kStallTimeout);
  net::async_write(stream_, net::buffer(piece_),
                   beast::bind_front_handler(&RawReplyWriter::OnWrite, shared_from_this()));
}

void RawReplyWriter::OnWrite(beast::error_code ec, std::size_t /*bytes*/) {
  if (ec) return;  // the client went away (or stalled): the connection closes with this object
  if (reply_.pause_ms > 0) return Pause();
  WriteNext();
}

void RawReplyWriter::Pause() {
  pause_.expires_after(std::chrono::milliseconds(reply_.pause_ms));
  pause_.async_wait(beast::bind_front_handler(&RawReplyWriter::OnPause, shared_from_this()));
}

void RawReplyWriter::OnPause(beast::error_code ec) {
  if (ec) return;
  WriteNext();
}

void RawReplyWriter::End() {
  beast::error_code ignored;
  switch (reply_.ending) {
    case RawReply::Ending::kClose:
      // FIN now; the socket itself closes once the client has closed its side too, so that unread bytes
      // from the client cannot turn the close into a reset.
      stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
      stream_.expires_after(kStallTimeout);
      return Drain();
    case RawReply::Ending::kReset:
      // SO_LINGER on with a zero timeout: close() discards what is unsent and sends RST (socket(7)).
      stream_.socket().set_option(net::socket_base::linger(true, 0), ignored);
      stream_.socket().close(ignored);
      return;
    case RawReply::Ending::kHang: stream_.expires_never(); return Drain();
  }
}

void RawReplyWriter::Drain() {
  stream_.async_read_some(net::buffer(sink_),
                          beast::bind_front_handler(&RawReplyWriter::OnDrain, shared_from_this()));
}

void RawReplyWriter::OnDrain(beast::error_code ec, std::size_t /*bytes*/) {
  if (!ec) return Drain();
  beast::error_code ignored;
  stream_.socket().close(ignored);  // the client closed, or reset, or the stall timer fired
}

}  // namespace arachne::testsite
