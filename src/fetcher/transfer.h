// Transfer: one curl easy handle with the buffers and settings of a GET, reusable for the next GET.
//
// HttpClient keeps a pool of these so that a new request skips handle creation and option setting; the
// connections themselves live in the multi handle's cache and are reused whichever handle asks.
#pragma once

#include <curl/curl.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>

#include "arachne/status.h"
#include "fetcher/address_policy.h"
#include "fetcher/curl_handles.h"
#include "fetcher/http_client.h"

namespace arachne {

class Transfer {
 public:
  // A handle with every per-client option set (see transfer.cc for each and why). `policy` must outlive
  // the transfer; `connections` gets each socket it opens for a connection, and must outlive the multi
  // handle, which may close them later (CURLOPT_CLOSESOCKETFUNCTION, set by the client).
  static Result<std::unique_ptr<Transfer>> Create(const HttpClientOptions& options,
                                                  const AddressPolicy& policy,
                                                  std::unordered_set<curl_socket_t>& connections);
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  CURL* easy() const { return easy_.get(); }
  // The Transfer whose handle this is (CURLOPT_PRIVATE).
  static Transfer* Of(CURL* easy);

  // Points the handle at a new request and clears what the previous one left.
  Status Start(HttpRequest request, std::function<void(HttpResponse&&)> done);
  // The response of a transfer curl finished with `code`. Leaves the handle ready for Start.
  HttpResponse Finish(CURLcode code);
  // The response of a transfer stopped before it finished.
  HttpResponse Abort();
  std::function<void(HttpResponse&&)> TakeDone() { return std::move(done_); }

 private:
  Transfer(CurlEasy easy, const HttpClientOptions& options, const AddressPolicy& policy,
           std::unordered_set<curl_socket_t>& connections);
  static std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* transfer);
  static std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* transfer);
  // CURLOPT_DEBUGFUNCTION, set with capture_heads: the request's header section as sent.
  static int OnDebug(CURL* easy, curl_infotype type, char* data, std::size_t size, void* transfer);
  static curl_socket_t OnOpenSocket(void* transfer, curlsocktype purpose, curl_sockaddr* address);
  Status ApplyRequestOptions();
  HttpResponse NewResponse();
  // Sets response.error and error_detail for a transfer curl finished with `code`.
  void SetError(CURLcode code, HttpResponse& response) const;
  // Forgets the body and headers of a response, at the start of each (with redirects followed, the last
  // response is the one reported).
  void ResetResponse();
  // At the end of a final response's headers: whether to go on with its body (false ends the transfer).
  bool OnHeadersEnd();
  // Appends body bytes up to the cap; false past it (and truncated_), or when they cannot be kept
  // (and body_error_).
  bool Keep(const char* data, std::size_t n);
  // Ends the transfer with body_skipped; returns what the write callback returns for that.
  std::size_t Skip();
  // A body not wanted, of `length` bytes (-1: unknown): a small one is read and dropped, so that the
  // connection stays open, a larger one skipped. body_skipped either way; 0 when the transfer ends.
  std::size_t Unwanted(curl_off_t length);
  curl_off_t ContentLength() const;
  long ResponseCode() const;
  std::string ContentType() const;
  std::string ConnectingHost() const;

  CurlEasy easy_;
  const AddressPolicy* policy_;
  std::unordered_set<curl_socket_t>* connections_;
  std::uint64_t default_max_body_bytes_;
  std::uint64_t max_body_bytes_;      // this request's
  char error_[CURL_ERROR_SIZE] = {};  // CURLOPT_ERRORBUFFER: curl writes its message here
  HttpRequest request_;
  std::function<void(HttpResponse&&)> done_;
  bool blocked_ = false;  // the address policy refused a connection
  // Header bytes of the whole transfer (every response: interim, redirects followed, final), and whether
  // they went over kMaxHeaderBytes (transfer.cc), which ended the transfer.
  std::uint64_t header_bytes_ = 0;
  bool headers_too_large_ = false;
  // Of the current response:
  StringBodyBuffer own_body_;      // the body, unless the request gave a buffer (HttpRequest::body_into)
  BodyBuffer* body_ = &own_body_;  // where the body goes: own_body_ or the request's buffer
  std::string body_error_;         // why the body could not be kept
  std::uint64_t bytes_ = 0;
  bool truncated_ = false;
  bool headers_ended_ = false;
  bool skipped_ = false;                    // html_only stopped the body, or drops it:
  bool dropping_ = false;                   // read to the end, not kept
  bool sniffing_ = false;                   // html_only: the body's first bytes decide whether it is HTML
  std::uint64_t unwanted_after_ = 0;        // html_only: body bytes after which the rest is skipped
  std::optional<std::string> retry_after_;  // the Retry-After value, as received
  // capture_heads: the header sections as they went over the wire, and the start time.
  std::string request_head_;
  std::string response_head_;
  std::int64_t started_unix_ms_ = 0;
};

}  // namespace arachne
