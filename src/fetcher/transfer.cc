#include "fetcher/transfer.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <utility>

#include "fetcher/curl_error_kind.h"

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
  std::unique_ptr<Transfer> transfer(new Transfer(std::move(easy), options.max_body_bytes));
  CURL* e = transfer->easy();

  ARACHNE_SETOPT(e, CURLOPT_PRIVATE, static_cast<void*>(transfer.get()));
  ARACHNE_SETOPT(e, CURLOPT_ERRORBUFFER, transfer->error_);
  ARACHNE_SETOPT(e, CURLOPT_WRITEFUNCTION, &Transfer::OnBody);
  ARACHNE_SETOPT(e, CURLOPT_WRITEDATA, static_cast<void*>(transfer.get()));
  ARACHNE_SETOPT(e, CURLOPT_HEADERFUNCTION, &Transfer::OnHeader);
  ARACHNE_SETOPT(e, CURLOPT_HEADERDATA, static_cast<void*>(transfer.get()));
  // Timeouts must not use SIGALRM: the fetcher is an event loop, and signals would hit other code.
  ARACHNE_SETOPT(e, CURLOPT_NOSIGNAL, 1L);
  // A crawler fetches web pages: no file://, ftp:// or gopher:// from a link or a redirect target.
  ARACHNE_SETOPT(e, CURLOPT_PROTOCOLS_STR, "http,https");
  ARACHNE_SETOPT(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  // The coordinator queues a redirect target as a new URL, so scope, robots.txt and dedup apply to it.
  ARACHNE_SETOPT(e, CURLOPT_FOLLOWLOCATION, 0L);
  // "": offer every coding this libcurl decodes (gzip, deflate, br, zstd) and decode the body.
  ARACHNE_SETOPT(e, CURLOPT_ACCEPT_ENCODING, "");
  // HTTP/2 over TLS when ALPN offers it; HTTP/1.1 otherwise and for cleartext.
  ARACHNE_SETOPT(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  ARACHNE_SETOPT(e, CURLOPT_DNS_CACHE_TIMEOUT, kDnsCacheSeconds);
  ARACHNE_SETOPT(e, CURLOPT_TIMEOUT_MS, Milliseconds(options.timeout_s));
  ARACHNE_SETOPT(e, CURLOPT_CONNECTTIMEOUT_MS, Milliseconds(options.connect_timeout_s));
  // A Content-Length above the cap fails before the body is read. The header gives the encoded size;
  // a decoded body that outgrows the cap is cut by OnBody instead.
  ARACHNE_SETOPT(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_body_bytes));
  ARACHNE_SETOPT(e, CURLOPT_BUFFERSIZE, kReceiveBufferBytes);
  if (!options.user_agent.empty()) ARACHNE_SETOPT(e, CURLOPT_USERAGENT, options.user_agent.c_str());
  if (!options.ca_file.empty()) ARACHNE_SETOPT(e, CURLOPT_CAINFO, options.ca_file.c_str());
  return transfer;
}

#undef ARACHNE_SETOPT

Transfer::Transfer(CurlEasy easy, std::uint64_t max_body_bytes)
    : easy_(std::move(easy)), max_body_bytes_(max_body_bytes) {}

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
  error_[0] = '\0';
  // curl copies the string. A malformed URL is reported when the transfer starts, as CURLE_URL_MALFORMAT.
  if (CURLcode code = curl_easy_setopt(easy(), CURLOPT_URL, request_.url.c_str()); code != CURLE_OK) {
    return Status::InvalidArgument("cannot fetch '" + request_.url + "': " + curl_easy_strerror(code));
  }
  // CURLOPT_PIPEWAIT holds a transfer until the connection being set up to its host shows whether it
  // multiplexes, rather than opening another. Only TLS connections can (HTTP/2 is chosen by ALPN, RFC 9113
  // section 3.2); on cleartext curl would hold every transfer to a new host until the first response.
  const long wait_for_multiplexing = IsHttps(request_.url) ? 1L : 0L;
  if (CURLcode code = curl_easy_setopt(easy(), CURLOPT_PIPEWAIT, wait_for_multiplexing); code != CURLE_OK) {
    return OptionError("CURLOPT_PIPEWAIT", code);
  }
  return Status::Ok();
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
  response.body = std::move(body_);
  body_.clear();
  response.bytes = bytes_;
  response.truncated = truncated_ || code == CURLE_FILESIZE_EXCEEDED;
  if (code == CURLE_WRITE_ERROR && truncated_) {
    response.error = "too large";
  } else {
    response.error = CurlErrorKind(code);
  }
  if (code != CURLE_OK) {
    response.error_detail = error_[0] != '\0' ? error_ : curl_easy_strerror(code);
    if (truncated_) response.error_detail = "body longer than " + std::to_string(max_body_bytes_) + " bytes";
  }
  return response;
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
