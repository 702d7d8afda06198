#include "fetcher/curl_error_kind.h"

#include <gtest/gtest.h>

namespace arachne {
namespace {

TEST(CurlErrorKind, SuccessIsNoError) {
  EXPECT_EQ(CurlErrorKind(CURLE_OK), "");
}

TEST(CurlErrorKind, EachFailureHasItsKind) {
  EXPECT_EQ(CurlErrorKind(CURLE_COULDNT_RESOLVE_HOST), "dns");
  EXPECT_EQ(CurlErrorKind(CURLE_COULDNT_CONNECT), "connect");
  EXPECT_EQ(CurlErrorKind(CURLE_OPERATION_TIMEDOUT), "timeout");
  EXPECT_EQ(CurlErrorKind(CURLE_FILESIZE_EXCEEDED), "too large");
  EXPECT_EQ(CurlErrorKind(CURLE_PEER_FAILED_VERIFICATION), "tls");
  EXPECT_EQ(CurlErrorKind(CURLE_SSL_CONNECT_ERROR), "tls");
  EXPECT_EQ(CurlErrorKind(CURLE_BAD_CONTENT_ENCODING), "bad content encoding");
  EXPECT_EQ(CurlErrorKind(CURLE_SEND_ERROR), "send");
  EXPECT_EQ(CurlErrorKind(CURLE_RECV_ERROR), "recv");
  EXPECT_EQ(CurlErrorKind(CURLE_PARTIAL_FILE), "recv");
  EXPECT_EQ(CurlErrorKind(CURLE_GOT_NOTHING), "recv");
  EXPECT_EQ(CurlErrorKind(CURLE_WEIRD_SERVER_REPLY), "protocol");
  EXPECT_EQ(CurlErrorKind(CURLE_HTTP2_STREAM), "protocol");
  EXPECT_EQ(CurlErrorKind(CURLE_UNSUPPORTED_PROTOCOL), "protocol");
}

TEST(CurlErrorKind, AnythingElseIsOther) {
  EXPECT_EQ(CurlErrorKind(CURLE_URL_MALFORMAT), "other");
  EXPECT_EQ(CurlErrorKind(CURLE_OUT_OF_MEMORY), "other");
  // The write callback's cut is told apart by the caller, which knows it cut the body.
  EXPECT_EQ(CurlErrorKind(CURLE_WRITE_ERROR), "other");
}

TEST(CurlErrorKind, TheMessageTellsABrokenReplyFromABrokenConnection) {
  EXPECT_EQ(CurlErrorKind(CURLE_RECV_ERROR, "Illegal or missing hexadecimal sequence in chunked-encoding"),
            "protocol");
  EXPECT_EQ(CurlErrorKind(CURLE_RECV_ERROR, "Malformed encoding found in chunked-encoding"), "protocol");
  EXPECT_EQ(CurlErrorKind(CURLE_RECV_ERROR, "Too large response headers: 307241 > 307200"), "too large");
  EXPECT_EQ(CurlErrorKind(CURLE_RECV_ERROR, "Recv failure: Connection reset by peer"), "recv");
  EXPECT_EQ(CurlErrorKind(CURLE_RECV_ERROR, ""), "recv");
  // Only a receive error is told apart by its message.
  EXPECT_EQ(CurlErrorKind(CURLE_OPERATION_TIMEDOUT, "in chunked-encoding"), "timeout");
  EXPECT_EQ(CurlErrorKind(CURLE_OK, ""), "");
}

}  // namespace
}  // namespace arachne
