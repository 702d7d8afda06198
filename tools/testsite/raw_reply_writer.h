// RawReplyWriter: takes a connection over from its HttpSession (the socket, released from the session's
// stream) and writes a RawReply (raw_reply.h) on it, piece by piece, then ends the connection as the reply
// says. Internal to HttpServer.
#pragma once

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <memory>
#include <string>

#include "testsite/raw_reply.h"

namespace arachne::testsite {

class RawReplyWriter : public std::enable_shared_from_this<RawReplyWriter> {
 public:
  RawReplyWriter(boost::asio::ip::tcp::socket&& socket, RawReply reply);
  RawReplyWriter(const RawReplyWriter&) = delete;
  RawReplyWriter& operator=(const RawReplyWriter&) = delete;

  // Starts writing. Call it on the connection's strand (from the session's handler).
  void Run();

 private:
  void WriteNext();
  void OnWrite(boost::beast::error_code ec, std::size_t bytes);
  void Pause();
  void OnPause(boost::beast::error_code ec);
  void End();
  void Drain();
  void OnDrain(boost::beast::error_code ec, std::size_t bytes);

  boost::beast::tcp_stream stream_;
  RawReply reply_;
  std::string piece_;  // the piece being written
  boost::asio::steady_timer pause_;
  std::array<char, 4096> sink_{};  // kHang: what the client sends, dropped
};

}  // namespace arachne::testsite
