// Transfer: one curl easy handle with the buffers and settings of a GET, reusable for the next GET.
//
// HttpClient keeps a pool of these so that a new request skips handle creation and option setting; the
// connections themselves live in the multi handle's cache and are reused whichever handle asks.
#pragma once

#include <curl/curl.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "arachne/status.h"
#include "fetcher/curl_handles.h"
#include "fetcher/http_client.h"

namespace arachne {

class Transfer {
 public:
  // A handle with every per-client option set (see transfer.cc for each and why).
  static Result<std::unique_ptr<Transfer>> Create(const HttpClientOptions& options);
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
  Transfer(CurlEasy easy, const HttpClientOptions& options);
  static std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* transfer);
  static std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* transfer);
  static curl_socket_t OnOpenSocket(void* transfer, curlsocktype purpose, curl_sockaddr* address);
  // html_only: whether the first bytes of the body show a response to stop downloading.
  bool ShouldSkip(std::string_view first_bytes) const;
  Status ApplyRequestOptions();
  HttpResponse NewResponse();

  CurlEasy easy_;
  std::uint64_t default_max_body_bytes_;
  bool allow_private_;
  std::uint64_t max_body_bytes_;  // this request's
  char error_[CURL_ERROR_SIZE] = {};  // CURLOPT_ERRORBUFFER: curl writes its message here
  HttpRequest request_;
  std::function<void(HttpResponse&&)> done_;
  std::string body_;
  std::uint64_t bytes_ = 0;
  bool truncated_ = false;
  bool skipped_ = false;         // html_only stopped the body
  bool blocked_ = false;         // the address policy refused a connection
  bool saw_retry_after_ = false;
  bool decided_ = false;         // html_only has looked at the body
};

}  // namespace arachne
