// RAII owners for libcurl's handles: the process-wide init, a multi handle, an easy handle.
//
// libcurl must be initialised once per process before any other thread starts and before the first
// handle is made; `CurlGlobal` does that for the life of main(). Every other owner here frees its handle
// exactly once.
#pragma once

#include <curl/curl.h>

#include <memory>

#include "arachne/status.h"

namespace arachne {

// Holds curl_global_init for as long as it lives. Create one at the top of main() (or of a test
// program), before any thread: curl_global_init is not safe to race with other threads on every build.
class CurlGlobal {
 public:
  CurlGlobal() : code_(curl_global_init(CURL_GLOBAL_DEFAULT)) {}
  ~CurlGlobal() {
    if (code_ == CURLE_OK) curl_global_cleanup();
  }
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;

  Status status() const {
    if (code_ == CURLE_OK) return Status::Ok();
    return Status::Internal(std::string("curl_global_init failed: ") + curl_easy_strerror(code_));
  }

 private:
  CURLcode code_;
};

struct CurlEasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
// An easy handle. Remove it from any multi handle before it is destroyed.
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;

struct CurlMultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
// A multi handle. Its easy handles must be removed first; cleanup may still call the socket callback
// for cached connections it closes, so whatever that callback uses must outlive it.
using CurlMulti = std::unique_ptr<CURLM, CurlMultiDeleter>;

}  // namespace arachne
