#include "fetcher/curl_error_kind.h"

namespace arachne {

std::string_view CurlErrorKind(CURLcode code) {
  switch (code) {
    case CURLE_OK: return "";
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return "dns";
    case CURLE_COULDNT_CONNECT: return "connect";
    case CURLE_OPERATION_TIMEDOUT: return "timeout";
    // Content-Length above CURLOPT_MAXFILESIZE_LARGE: refused before the body is read.
    case CURLE_FILESIZE_EXCEEDED: return "too large";
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_USE_SSL_FAILED: return "tls";
    case CURLE_BAD_CONTENT_ENCODING: return "bad content encoding";
    case CURLE_SEND_ERROR: return "send";
    // The connection failed or ended while the reply was being read: reset, closed before the
    // Content-Length was reached (RFC 9112 section 8), or closed before any reply at all.
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING: return "recv";
    // The server spoke, but not valid HTTP (or not a protocol we allow).
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_HTTP3:
    case CURLE_UNSUPPORTED_PROTOCOL: return "protocol";
    // Only a robots.txt fetch follows redirects inside the fetcher.
    case CURLE_TOO_MANY_REDIRECTS: return "too many redirects";
#if LIBCURL_VERSION_NUM >= 0x080600
    // A header line or section over curl's limits (curl 8.6 and later; earlier ones say out of memory).
    case CURLE_TOO_LARGE: return "too large";
#endif
    default: return "other";
  }
}

std::string_view CurlErrorKind(CURLcode code, std::string_view message) {
  if (code == CURLE_RECV_ERROR) {
    if (message.find("chunked-encoding") != std::string_view::npos) return "protocol";
    if (message.find("Too large response headers") != std::string_view::npos) return "too large";
  }
  return CurlErrorKind(code);
}

}  // namespace arachne
