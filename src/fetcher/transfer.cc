#include "fetcher/transfer.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <limits>
#include <string_view>
#include <utility>

#include "fetcher/address_policy.h"
#include "fetcher/curl_error_kind.h"
#include "fetcher/html_sniffer.h"
#include "fetcher/retry_after.h"
#include "ipc/messages.h"
#include "url/url.h"

namespace arachne {
namespace {

// curl's read buffer per handle (CURLOPT_BUFFERSIZE; default 16 KiB). Measured on loopback against the
// test server, 8 MiB bodies: 16 KiB 3.9 ms, 64 KiB 2.4 ms, 128-512 KiB 2.1-2.4 ms; gzip bodies ~11 ms at
// every size (decoding dominates). 64 KiB takes most of the gain at 16 MiB for 256 pooled handles.
constexpr long kReceiveBufferBytes = 64 * 1024;

// How long a resolved host name is reused. curl does not see DNS TTLs; five minutes spares the resolver
// on a crawl that hits one host thousands of times, and is short enough to follow a moved site.
constexpr long kDnsCacheSeconds = 300;

// html_only: the bytes sniffed before a body without a telling Content-Type is judged, as many as the
// MIME Sniffing Standard's resource header (section 5.2) holds.
constexpr std::size_t kSniffBytes = 1445;

// html_only: a 3xx, 4xx or 5xx body is never parsed, nor a body that is not HTML. One this small is read all
// the same (and, not HTML, dropped as it comes), because ending a transfer early closes its HTTP/1.1
// connection, and a new TCP and TLS handshake to the same host costs more than a typical error page,
// redirect body, icon or small file; a larger one is not downloaded. (On the bench site, 1,000 small
// images and PDFs had cost 1,000 connections.)
constexpr std::uint64_t kUnparsedBodyBytes = 64 * 1024;

// The header section of a response that never ends (header lines forever, no blank line) would be read
// until the timeout, and curl keeps it all: 7.88 has no cap on the section, only on one line (100 KiB).
// Real responses carry a few KiB; Chrome refuses more than 256 KiB. Over this many bytes of headers in a
// transfer, it ends with "too large". Below curl 8.3's own cap of 300 KB, so that this one decides.
constexpr std::uint64_t kMaxHeaderBytes = 128 * 1024;

long Milliseconds(double seconds) {
  if (seconds <= 0) return 0;  // curl: no limit
  return std::max(1L, static_cast<long>(seconds * 1000));
}

Status OptionError(const char* option, CURLcode code) {
  return Status::Internal(std::string("curl refused ") + option + ": " + curl_easy_strerror(code) +
                          " (is libcurl older than 7.85, or built without HTTP/2?)");
}

bool IsHttps(std::string_view url) {
  constexpr std::string_view kScheme = "https:";
  if (url.size() < kScheme.size()) return false;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(url[i])) != kScheme[i]) return false;
  }
  return true;
}

std::string InfoString(CURL* easy, CURLINFO info) {
  char* value = nullptr;
  if (curl_easy_getinfo(easy, info, &value) != CURLE_OK || value == nullptr) return "";
  return value;
}

}  // namespace

// A macro rather than a function so that curl's compile-time check of each option's value type
// (curl/typecheck-gcc.h) still sees a constant option.
#define ARACHNE_SETOPT(easy, option, value)                                        \
  do {                                                                             \
    if (CURLcode code = curl_easy_setopt(easy, option, value); code != CURLE_OK) { \
      return OptionError(#option, code);                                           \
    }                                                                              \
  } while (false)

Result<std::unique_ptr<Transfer>> Transfer::Create(const HttpClientOptions& options,
                                                   const AddressPolicy& policy,
                                                   std::unordered_set<curl_socket_t>& connections) {
  CurlEasy easy(curl_easy_init());
  if (!easy) return Status::Internal("curl_easy_init failed (out of memory?)");
  std::unique_ptr<Transfer> transfer(new Transfer(std::move(easy), options, policy, connections));
  CURL* e = transfer->easy();

  ARACHNE_SETOPT(e, CURLOPT_PRIVATE, static_cast<void*>(transfer.get()));
  ARACHNE_SETOPT(e, CURLOPT_ERRORBUFFER, transfer->error_);
  ARACHNE_SETOPT(e, CURLOPT_WRITEFUNCTION, &Transfer::OnBody);
  ARACHNE_SETOPT(e, CURLOPT_WRITEDATA, static_cast<void*>(transfer.get()));
  ARACHNE_SETOPT(e, CURLOPT_HEADERFUNCTION, &Transfer::OnHeader);
  ARACHNE_SETOPT(e, CURLOPT_HEADERDATA, static_cast<void*>(transfer.get()));
  // Every connection is opened here, so the address it goes to is checked whatever the name said, for
  // each hop of a followed redirect too.
  ARACHNE_SETOPT(e, CURLOPT_OPENSOCKETFUNCTION, &Transfer::OnOpenSocket);
  ARACHNE_SETOPT(e, CURLOPT_OPENSOCKETDATA, static_cast<void*>(transfer.get()));
  // Timeouts must not use SIGALRM: the fetcher is an event loop, and signals would hit other code.
  ARACHNE_SETOPT(e, CURLOPT_NOSIGNAL, 1L);
  // A crawler fetches web pages: no file://, ftp:// or gopher:// from a link or a redirect target.
  ARACHNE_SETOPT(e, CURLOPT_PROTOCOLS_STR, "http,https");
  ARACHNE_SETOPT(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  // "": offer every coding this libcurl decodes (gzip, deflate, br, zstd) and decode the body.
  ARACHNE_SETOPT(e, CURLOPT_ACCEPT_ENCODING, "");
  // HTTP/2 over TLS when ALPN offers it; HTTP/1.1 otherwise and for cleartext.
  ARACHNE_SETOPT(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  ARACHNE_SETOPT(e, CURLOPT_DNS_CACHE_TIMEOUT, kDnsCacheSeconds);
  ARACHNE_SETOPT(e, CURLOPT_TIMEOUT_MS, Milliseconds(options.timeout_s));
  ARACHNE_SETOPT(e, CURLOPT_CONNECTTIMEOUT_MS, Milliseconds(options.connect_timeout_s));
  ARACHNE_SETOPT(e, CURLOPT_BUFFERSIZE, kReceiveBufferBytes);
  if (!options.user_agent.empty()) ARACHNE_SETOPT(e, CURLOPT_USERAGENT, options.user_agent.c_str());
  if (!options.ca_file.empty()) ARACHNE_SETOPT(e, CURLOPT_CAINFO, options.ca_file.c_str());
  return transfer;
}

Transfer::Transfer(CurlEasy easy, const HttpClientOptions& options, const AddressPolicy& policy,
                   std::unordered_set<curl_socket_t>& connections)
    : easy_(std::move(easy)),
      policy_(&policy),
      connections_(&connections),
      default_max_body_bytes_(options.max_body_bytes),
      max_body_bytes_(options.max_body_bytes) {}

// The options that differ from one request to the next; a pooled handle keeps the last request's
// otherwise, so each is set every time.
Status Transfer::ApplyRequestOptions() {
  CURL* e = easy();
  max_body_bytes_ = request_.max_body_bytes > 0 ? request_.max_body_bytes : default_max_body_bytes_;
  // Pages: the coordinator queues a redirect target as a new URL, so scope, robots.txt and dedup apply
  // to it. A robots.txt is followed here (RFC 9309 section 2.3.1.2).
  ARACHNE_SETOPT(e, CURLOPT_FOLLOWLOCATION, request_.follow_redirects > 0 ? 1L : 0L);
  ARACHNE_SETOPT(e, CURLOPT_MAXREDIRS, static_cast<long>(request_.follow_redirects));
  // CURLOPT_PIPEWAIT holds a transfer until the connection being set up to its host shows whether it
  // multiplexes, rather than opening another. Only TLS connections can (HTTP/2 is chosen by ALPN, RFC 9113
  // section 3.2); on cleartext curl would hold every transfer to a new host until the first response.
  ARACHNE_SETOPT(e, CURLOPT_PIPEWAIT, IsHttps(request_.url) ? 1L : 0L);
  // The request's header section is only seen by curl's debug callback, which needs VERBOSE; its other
  // messages are ignored there.
  ARACHNE_SETOPT(e, CURLOPT_DEBUGFUNCTION, request_.capture_heads ? &Transfer::OnDebug : nullptr);
  ARACHNE_SETOPT(e, CURLOPT_DEBUGDATA, static_cast<void*>(this));
  ARACHNE_SETOPT(e, CURLOPT_VERBOSE, request_.capture_heads ? 1L : 0L);
  return Status::Ok();
}

#undef ARACHNE_SETOPT

Transfer* Transfer::Of(CURL* easy) {
  char* data = nullptr;
  if (curl_easy_getinfo(easy, CURLINFO_PRIVATE, &data) != CURLE_OK) return nullptr;
  return reinterpret_cast<Transfer*>(data);
}

Status Transfer::Start(HttpRequest request, std::function<void(HttpResponse&&)> done) {
  request_ = std::move(request);
  done_ = std::move(done);
  body_ = request_.body_into != nullptr ? request_.body_into : &own_body_;
  body_error_.clear();
  blocked_ = false;
  header_bytes_ = 0;
  headers_too_large_ = false;
  ResetResponse();
  request_head_.clear();
  started_unix_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  error_[0] = '\0';
  // curl copies the string. A malformed URL is reported when the transfer starts, as CURLE_URL_MALFORMAT.
  if (CURLcode code = curl_easy_setopt(easy(), CURLOPT_URL, request_.url.c_str()); code != CURLE_OK) {
    return Status::InvalidArgument("cannot fetch '" + request_.url + "': " + curl_easy_strerror(code));
  }
  return ApplyRequestOptions();
}

HttpResponse Transfer::NewResponse() {
  HttpResponse response;
  response.id = request_.id;
  response.url = std::move(request_.url);
  return response;
}

void Transfer::ResetResponse() {
  body_->Clear();
  bytes_ = 0;
  truncated_ = false;
  headers_ended_ = false;
  skipped_ = false;
  dropping_ = false;
  sniffing_ = false;
  unwanted_after_ = std::numeric_limits<std::uint64_t>::max();
  retry_after_.reset();
  response_head_.clear();
}

HttpResponse Transfer::Finish(CURLcode code) {
  HttpResponse response = NewResponse();
  CURL* e = easy();
  response.status = static_cast<int>(ResponseCode());
  response.content_type = ContentType();
  response.redirect_url = InfoString(e, CURLINFO_REDIRECT_URL);
  long version = CURL_HTTP_VERSION_NONE;
  if (curl_easy_getinfo(e, CURLINFO_HTTP_VERSION, &version) == CURLE_OK) {
    response.http_version = version == CURL_HTTP_VERSION_2_0 ? 2 : version == CURL_HTTP_VERSION_NONE ? 0 : 1;
  }
  curl_off_t total_us = 0;
  if (curl_easy_getinfo(e, CURLINFO_TOTAL_TIME_T, &total_us) == CURLE_OK) {
    response.fetch_ms = static_cast<double>(total_us) / 1000.0;
  }
  response.primary_ip = InfoString(e, CURLINFO_PRIMARY_IP);
  if (retry_after_) response.retry_after_s = RetryAfterSeconds(*retry_after_, std::time(nullptr));
  if (body_ == &own_body_) response.body = own_body_.Take();
  body_ = &own_body_;  // the caller's buffer is done with once the response is out
  response.bytes = bytes_;
  response.truncated = truncated_ || code == CURLE_FILESIZE_EXCEEDED;
  response.body_skipped = skipped_;
  if (request_.capture_heads) {
    response.request_head = std::move(request_head_);
    response.response_head = std::move(response_head_);
    response.started_unix_ms = started_unix_ms_;
  }
  SetError(code, response);
  return response;
}

void Transfer::SetError(CURLcode code, HttpResponse& response) const {
  if (code == CURLE_WRITE_ERROR && skipped_) {
    code = CURLE_OK;  // stopped on purpose: the headers are the whole answer
  } else if (code == CURLE_WRITE_ERROR && truncated_ && request_.cut_silently) {
    code = CURLE_OK;
  }
  if (code == CURLE_OK) return;
  response.error_detail = error_[0] != '\0' ? error_ : curl_easy_strerror(code);
  if (code == CURLE_WRITE_ERROR && truncated_) {
    response.error = "too large";
    response.error_detail = "body longer than " + std::to_string(max_body_bytes_) + " bytes";
  } else if (code == CURLE_WRITE_ERROR && !body_error_.empty()) {
    response.error = kNoRoomError;
    response.error_detail = "could not keep the body: " + body_error_;
  } else if (code == CURLE_WRITE_ERROR && headers_too_large_) {
    response.error = "too large";
    response.error_detail = "header section longer than " + std::to_string(kMaxHeaderBytes) + " bytes";
  } else if (code == CURLE_OUT_OF_MEMORY && response.status > 0 && !headers_ended_) {
    // Between the status line and the end of the headers, curl 7.88 reports a header line over its
    // 100 KiB limit as out of memory (8.6 and later: CURLE_TOO_LARGE).
    response.error = "too large";
    response.error_detail = "a header line longer than curl accepts (" + response.error_detail + ")";
  } else if (code == CURLE_COULDNT_CONNECT && blocked_) {
    response.error = "blocked address";
    response.error_detail = "refused to connect to a private, loopback or link-local address";
  } else {
    response.error = CurlErrorKind(code, error_);
  }
}

long Transfer::ResponseCode() const {
  long status = 0;
  if (curl_easy_getinfo(easy_.get(), CURLINFO_RESPONSE_CODE, &status) != CURLE_OK) return 0;
  return status;
}

// -1: no Content-Length (chunked, or delimited by the connection's close).
curl_off_t Transfer::ContentLength() const {
  curl_off_t length = -1;
  if (curl_easy_getinfo(easy_.get(), CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) != CURLE_OK) return -1;
  return length;
}

std::string Transfer::ContentType() const {
  return InfoString(easy_.get(), CURLINFO_CONTENT_TYPE);
}

// The host of the URL a connection is being opened for. curl updates the effective URL before it
// connects for a followed redirect, so this is the hop's own host and a trusted host cannot lend its trust
// to a redirect into the private network. Unparsable: "" (trusted by no policy).
std::string Transfer::ConnectingHost() const {
  Result<Url> url = Url::Parse(InfoString(easy_.get(), CURLINFO_EFFECTIVE_URL));
  return url.ok() ? std::string(url->host()) : std::string();
}

// CURLOPT_OPENSOCKETFUNCTION: opens each socket curl wants, unless the address is off limits. Every
// purpose is checked, not only CURLSOCKTYPE_IPCXN (the only one curl uses today): a new one must not be a
// way around the policy. Refused, curl tries the host's next address, if any, and else fails the transfer
// with CURLE_COULDNT_CONNECT, which Finish reports as "blocked address".
curl_socket_t Transfer::OnOpenSocket(void* transfer, curlsocktype /*purpose*/, curl_sockaddr* address) {
  auto* self = static_cast<Transfer*>(transfer);
  try {
    if (!self->policy_->MayConnect(self->ConnectingHost(), &address->addr, address->addrlen)) {
      self->blocked_ = true;
      return CURL_SOCKET_BAD;
    }
  } catch (...) {
    return CURL_SOCKET_BAD;  // no exception may unwind through curl (only bad_alloc can get here)
  }
  const curl_socket_t fd = ::socket(address->family, address->socktype, address->protocol);
  if (fd == CURL_SOCKET_BAD) return fd;
  try {
    self->connections_->insert(fd);
  } catch (...) {
    ::close(fd);
    return CURL_SOCKET_BAD;
  }
  return fd;
}

HttpResponse Transfer::Abort() {
  HttpResponse response = NewResponse();
  body_->Clear();
  body_ = &own_body_;
  response.error = "aborted";
  response.error_detail = "cancelled before it completed";
  return response;
}

bool Transfer::OnHeadersEnd() {
  const long status = ResponseCode();
  if (status < 200) return true;  // an interim response (RFC 9110 section 15.2): the final one follows
  headers_ended_ = true;
  const curl_off_t length = ContentLength();
  if (request_.html_only) {
    const std::string type = ContentType();
    if (status >= 300) {
      unwanted_after_ = kUnparsedBodyBytes;
    } else if (IsSniffedType(type)) {
      sniffing_ = true;
    } else if (!IsHtmlResponse(type, {})) {
      return Unwanted(length) != 0;
    }
    if (length > 0 && static_cast<std::uint64_t>(length) > unwanted_after_) return Skip() != 0;
  }
  if (dropping_ || length <= 0) return true;
  // A Content-Length over the cap does not end the transfer here: the body is read up to the cap and cut
  // by Keep, as one without a length is, so that a page's first max_body_bytes are parsed however it is
  // framed. (The length is also the encoded size, which says nothing of the decoded one that Keep caps.)
  // Room made once, not grown as the body arrives. Only a hint: failing, the body grows as it arrives.
  (void)body_->Reserve(static_cast<std::size_t>(std::min<std::uint64_t>(length, max_body_bytes_)));
  return true;
}

std::size_t Transfer::Skip() {
  skipped_ = true;
  body_->Clear();
  return 0;
}

std::size_t Transfer::Unwanted(curl_off_t length) {
  if (length < 0 || static_cast<std::uint64_t>(length) > kUnparsedBodyBytes) return Skip();
  skipped_ = true;
  dropping_ = true;
  body_->Clear();
  return 1;  // any nonzero count: go on
}

bool Transfer::Keep(const char* data, std::size_t n) {
  const std::uint64_t room = max_body_bytes_ - std::min<std::uint64_t>(body_->view().size(), max_body_bytes_);
  const std::string_view kept(data, static_cast<std::size_t>(std::min<std::uint64_t>(n, room)));
  if (Status s = body_->Append(kept); !s.ok()) {
    body_error_ = s.message();
    return false;
  }
  if (n > room) {
    truncated_ = true;
    return false;
  }
  return true;
}

// CURLOPT_WRITEFUNCTION: decoded body bytes. Returning less than given fails the transfer with
// CURLE_WRITE_ERROR, which is how a body is cut at the cap, or skipped, without reading the rest.
std::size_t Transfer::OnBody(char* data, std::size_t size, std::size_t count, void* transfer) {
  auto* self = static_cast<Transfer*>(transfer);
  const std::size_t n = size * count;
  self->bytes_ += n;
  // The header callback decides at the blank line; this is for a response whose end of headers it missed.
  if (!self->headers_ended_ && !self->OnHeadersEnd()) return 0;
  if (self->dropping_) return n;
  if (self->bytes_ > self->unwanted_after_) return self->Skip();
  if (!self->Keep(data, n)) return 0;
  if (self->sniffing_ && self->body_->view().size() >= kSniffBytes) {
    self->sniffing_ = false;
    if (!IsHtmlResponse(self->ContentType(), self->body_->view()) &&
        self->Unwanted(self->ContentLength()) == 0) {
      return 0;
    }
  }
  return n;
}

// CURLOPT_HEADERFUNCTION: one header line at a time, the status line first; with redirects followed, each
// response's come through here and the last response is the one reported.
std::size_t Transfer::OnHeader(char* data, std::size_t size, std::size_t count, void* transfer) {
  auto* self = static_cast<Transfer*>(transfer);
  const std::size_t n = size * count;
  self->header_bytes_ += n;
  if (self->header_bytes_ > kMaxHeaderBytes) {
    self->headers_too_large_ = true;
    return 0;
  }
  const std::string_view line(data, n);
  if (line.starts_with("HTTP/")) self->ResetResponse();
  if (self->request_.capture_heads) {
    try {
      self->response_head_.append(line);  // at most kMaxHeaderBytes, checked above
    } catch (...) {
      return 0;  // out of memory: no exception may unwind through curl
    }
  }
  if (line.starts_with("HTTP/")) return n;
  // The blank line that ends the header section (RFC 9112 section 2.1).
  if (line == "\r\n" || line == "\n") return self->OnHeadersEnd() ? n : 0;
  constexpr std::string_view kRetryAfter = "retry-after:";
  if (line.size() >= kRetryAfter.size() &&
      std::equal(kRetryAfter.begin(), kRetryAfter.end(), line.begin(),
                 [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); })) {
    try {
      self->retry_after_ = std::string(line.substr(kRetryAfter.size()));
    } catch (...) {
      // Out of memory: the header is lost, as if absent.
    }
  }
  return n;
}

// CURLOPT_DEBUGFUNCTION: curl hands each request's header section over as CURLINFO_HEADER_OUT, in one
// piece or several; a section that follows a complete one is the next request's (a redirect followed), and
// the last one is kept.
int Transfer::OnDebug(CURL*, curl_infotype type, char* data, std::size_t size, void* transfer) {
  if (type != CURLINFO_HEADER_OUT) return 0;
  auto* self = static_cast<Transfer*>(transfer);
  try {
    if (self->request_head_.ends_with("\r\n\r\n")) self->request_head_.clear();
    if (self->request_head_.size() + size <= kMaxHeaderBytes) self->request_head_.append(data, size);
  } catch (...) {
    // Out of memory: the archive gets what was kept; no exception may unwind through curl.
  }
  return 0;
}

}  // namespace arachne
