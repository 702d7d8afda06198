// BodyBuffer: where HttpClient writes a response body as it arrives: by default a string that becomes
// HttpResponse::body (StringBodyBuffer), or the caller's own buffer (HttpRequest::body_into).
//
// The fetcher process gives one that writes into the shared memory its parsers read (a BodyPool::Writer,
// ipc/body_pool.h), so that each byte of a page is copied once, from curl's buffer to where it is parsed,
// instead of into a string first: the string's allocation, the page faults of its fresh memory and the
// second copy cost a fetcher a tenth of its time.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "arachne/status.h"

namespace arachne {

class BodyBuffer {
 public:
  virtual ~BodyBuffer() = default;
  // Room for a body of `bytes` in all (the response's Content-Length): a hint, the body may grow past it.
  virtual Status Reserve(std::size_t bytes) = 0;
  // Adds bytes at the end; a failure ends the transfer with error "no room" and this message.
  virtual Status Append(std::string_view data) = 0;
  // What was written so far.
  virtual std::string_view view() const = 0;
  // Forgets what was written (a redirect followed, a body skipped), keeping the room.
  virtual void Clear() = 0;
};

// The default: the body in a string, which becomes HttpResponse::body.
class StringBodyBuffer final : public BodyBuffer {
 public:
  Status Reserve(std::size_t bytes) override {
    try {
      body_.reserve(bytes);
    } catch (...) {  // no exception may unwind through curl's C frames, which call in here
      return Status::Internal("out of memory");
    }
    return Status::Ok();
  }
  Status Append(std::string_view data) override {
    try {
      body_.append(data);
    } catch (...) {
      return Status::Internal("out of memory");
    }
    return Status::Ok();
  }
  std::string_view view() const override { return body_; }
  void Clear() override { body_.clear(); }
  // The body, leaving this empty.
  std::string Take() { return std::exchange(body_, {}); }

 private:
  std::string body_;
};

}  // namespace arachne
