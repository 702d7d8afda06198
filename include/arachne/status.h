// Status and Result: how Arachne reports failure across the API and process boundaries.
//
// Nothing in the public API throws. A function that can fail returns a Status (no value) or a Result<T>
// (a value or a Status). Messages are written for the person running the crawl: they name the file, line,
// key or URL at fault and say what was expected.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace arachne {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // bad configuration, URL, regex or command-line value
    kNotFound,         // a file or executable that should exist does not
    kIoError,          // an operating-system call failed (read, write, fork, socket ...)
    kProtocolError,    // a malformed message on a pipe between processes
    kCancelled,        // stopped on request (Crawler::Stop, SIGINT, SIGTERM)
    kInternal,         // a bug: an invariant did not hold
  };

  Status() = default;  // OK
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string message) { return {Code::kInvalidArgument, std::move(message)}; }
  static Status NotFound(std::string message) { return {Code::kNotFound, std::move(message)}; }
  static Status IoError(std::string message) { return {Code::kIoError, std::move(message)}; }
  static Status ProtocolError(std::string message) { return {Code::kProtocolError, std::move(message)}; }
  static Status Cancelled(std::string message) { return {Code::kCancelled, std::move(message)}; }
  static Status Internal(std::string message) { return {Code::kInternal, std::move(message)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid argument: seeds/x.toml:3: key 'scope.max_depth': expected an integer".
  std::string ToString() const;

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A value of type T, or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : state_(std::move(status)) {}  // NOLINT(google-explicit-constructor): must not be OK

  bool ok() const { return std::holds_alternative<T>(state_); }
  // The failure; Status::Ok() when there is a value.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(state_); }

  // Precondition: ok().
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace arachne
