#include "fetcher/transfer.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <utility>

#include <sys/socket.h>

#include "fetcher/address_policy.h"
#include "fetcher/curl_error_kind.h"
#include "fetcher/html_sniffer.h"

namespace arachne {
namespace {

// curl's read buffer per handle (CURLOPT_BUFFERSIZE; default 16 KiB). Measured on loopback against the
// test server, 8 MiB bodies: 16 KiB 3.9 ms, 64 KiB 2.4 ms, 128-512 KiB 2.1-2.4 ms; gzip bodies ~11 ms at
// every size (decoding dominates). 64 KiB takes most of the gain at 16 MiB for 256 pooled handles.
constexpr long kReceiveBufferBytes = 64 * 1024;

// How long a resolved host name is reused. curl does not see DNS TTLs; five minutes spares the resolver
// on a crawl that hits one host thousands of times, and is short enough to follow a moved site.
constexpr long kDnsCacheSeconds = 300;

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

Result<std::unique_ptr<Transfer>> Transfer::Create(const HttpClientOptions& options) {
  CurlEasy easy(curl_easy_init());
  if (!easy) return Status::Internal("curl_easy_init failed (out of memory?)");
  std::unique_ptr<Transfer> transfer(new Transfer(std::move(easy), options));
  CURL* e = transfer->easy();

  ARACHNE_SETOPT(e, CURLOPT_PRIVATE, static_cast<void*>(transfer.get()));
  ARACHNE_SETOPT(e, CURLOPT_ERRORBUFFER, transfer->error_);
  ARACHNE_SETOPT(e, CURLOPT_WRITEFUNCTION, &Transfer::OnBody);
  ARACHNE_SETOPT(e, CURLOPT_WRITEDATA, static_cast<void*>(transfer.get()));
  ARACHNE_SETOPT(e, CURLOPT_HEADERFUNCTION, &Transfer::OnHeader);
  ARACHNE_SETOPT(e, CURLOPT_HEADERDATA, static_cast<void*>(transfer.get()));
  // Every connection is opened here, so the address it goes to is checked whatever the name said.
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

Transfer::Transfer(CurlEasy easy, const HttpClientOptions& options)
    : easy_(std::move(easy)),
      default_max_body_bytes_(options.max_body_bytes),
      allow_private_(options.allow_private),
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
  // A Content-Length above the cap fails before the body is read, unless the body is to be cut and
  // kept. The header gives the encoded size; a decoded body that outgrows the cap is cut by OnBody.
  const curl_off_t refuse_above = request_.cut_silently ? 0 : static_cast<curl_off_t>(max_body_bytes_);
  ARACHNE_SETOPT(e, CURLOPT_MAXFILESIZE_LARGE, refuse_above);
  // CURLOPT_PIPEWAIT holds a transfer until the connection being set up to its host shows whether it
  // multiplexes, rather than opening another. Only TLS connections can (HTTP/2 is chosen by ALPN, RFC 9113
  // section 3.2); on cleartext curl would hold every transfer to a new host until the first response.
  ARACHNE_SETOPT(e, CURLOPT_PIPEWAIT, IsHttps(request_.url) ? 1L : 0L);
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
  body_.clear();
  bytes_ = 0;
  truncated_ = false;
  skipped_ = false;
  blocked_ = false;
  saw_retry_after_ = false;
  decided_ = false;
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

HttpResponse Transfer::Finish(CURLcode code) {
  HttpResponse response = NewResponse();
  CURL* e = easy();
  long status = 0;
  if (curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK)
    response.status = static_cast<int>(status);
  response.content_type = InfoString(e, CURLINFO_CONTENT_TYPE);
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
  curl_off_t retry_after = 0;
  if (saw_retry_after_ && curl_easy_getinfo(e, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK) {
    response.retry_after_s = static_cast<double>(std::max<curl_off_t>(0, retry_after));
  }
  response.body = std::move(body_);
  body_.clear();
  response.bytes = bytes_;
  response.truncated = truncated_ || code == CURLE_FILESIZE_EXCEEDED;
  response.body_skipped = skipped_;
  if (code == CURLE_WRITE_ERROR && skipped_) {
    code = CURLE_OK;  // stopped on purpose: the headers are the whole answer
  } else if (code == CURLE_WRITE_ERROR && truncated_ && request_.cut_silently) {
    code = CURLE_OK;
  }
  if (code == CURLE_WRITE_ERROR && truncated_) {
    response.error = "too large";
  } else if (code == CURLE_COULDNT_CONNECT && blocked_) {
    response.error = "blocked address";
  } else {
    response.error = CurlErrorKind(code);
  }
  if (code != CURLE_OK) {
    response.error_detail = error_[0] != '\0' ? error_ : curl_easy_strerror(code);
    if (truncated_) response.error_detail = "body longer than " + std::to_string(max_body_bytes_) + " bytes";
    if (blocked_) response.error_detail = "refused to connect to a private, loopback or link-local address";
  }
  return response;
}

bool Transfer::ShouldSkip(std::string_view first_bytes) const {
  long status = 0;
  curl_easy_getinfo(easy_.get(), CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status >= 300) return false;  // kept: small, and its status is what matters
  return !IsHtmlResponse(InfoString(easy_.get(), CURLINFO_CONTENT_TYPE), first_bytes);
}

// CURLOPT_OPENSOCKETFUNCTION: opens each socket curl wants, unless the address is off limits.
curl_socket_t Transfer::OnOpenSocket(void* transfer, curlsocktype purpose, curl_sockaddr* address) {
  auto* self = static_cast<Transfer*>(transfer);
  if (purpose == CURLSOCKTYPE_IPCXN && !self->allow_private_ && !self->request_.trusted_host &&
      !IsPublicAddress(&address->addr, address->addrlen)) {
    self->blocked_ = true;
    return CURL_SOCKET_BAD;
  }
  return ::socket(address->family, address->socktype, address->protocol);
}

HttpResponse Transfer::Abort() {
  HttpResponse response = NewResponse();
  body_.clear();
  response.error = "aborted";
  response.error_detail = "cancelled before it completed";
  return response;
}

// CURLOPT_WRITEFUNCTION: decoded body bytes. Returning less than given fails the transfer with
// CURLE_WRITE_ERROR, which is how the body is cut at the cap without reading the rest.
std::size_t Transfer::OnBody(char* data, std::size_t size, std::size_t count, void* transfer) {
  auto* self = static_cast<Transfer*>(transfer);
  const std::size_t n = size * count;
  self->bytes_ += n;
  if (self->request_.html_only && !self->decided_) {
    self->decided_ = true;
    if (self->ShouldSkip(std::string_view(data, n))) {
      self->skipped_ = true;
      return 0;
    }
  }
  const std::uint64_t room =
      self->max_body_bytes_ - std::min<std::uint64_t>(self->body_.size(), self->max_body_bytes_);
  // No exception may unwind through curl's C frames.
  try {
    if (n > room) {
      self->body_.append(data, static_cast<std::size_t>(room));
      self->truncated_ = true;
      return 0;
    }
    self->body_.append(data, n);
  } catch (...) {
    return 0;
  }
  return n;
}

// CURLOPT_HEADERFUNCTION: one header line at a time. At the blank line that ends the header section
// (RFC 9112 section 2.1) curl knows the Content-Length, if any, so the body is allocated once.
std::size_t Transfer::OnHeader(char* data, std::size_t size, std::size_t count, void* transfer) {
  auto* self = static_cast<Transfer*>(transfer);
  const std::size_t n = size * count;
  const std::string_view line(data, n);
  // With redirects followed, each response's headers come through here; the last one counts.
  if (line.starts_with("HTTP/")) self->saw_retry_after_ = false;
  constexpr std::string_view kRetryAfter = "retry-after:";
  if (line.size() > kRetryAfter.size() &&
      std::equal(kRetryAfter.begin(), kRetryAfter.end(), line.begin(),
                 [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); })) {
    self->saw_retry_after_ = true;
  }
  if (line != "\r\n" && line != "\n") return n;
  curl_off_t length = -1;
  if (curl_easy_getinfo(self->easy(), CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) != CURLE_OK ||
      length <= 0) {
    return n;
  }
  try {
    self->body_.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(length, self->max_body_bytes_)));
  } catch (...) {
    // Only a hint: the body grows as it arrives instead.
  }
  return n;
}

}  // namespace arachne
