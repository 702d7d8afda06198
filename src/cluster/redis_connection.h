// RedisConnection: one hiredis connection that comes back by itself after Redis goes away.
//
// Commands go out as a pipeline (all written, then all replies read: one round trip for the lot). When
// Redis cannot be reached, or a connection breaks mid-pipeline, the call fails with an IoError and the
// connection is dropped; the next call connects again, but not before a backoff has passed (100 ms,
// doubling up to 5 s, reset by a success), so that a node waiting for Redis does not hammer it.
// A refused login (wrong password, unknown ACL user) is InvalidArgument: retrying would not help.
//
// Replies are hiredis objects, owned by the caller (RedisReply frees them). An error reply of a command
// (-ERR, -NOSCRIPT ...) is a reply like any other, not a failure of the call.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "arachne/status.h"
#include "cluster/redis_endpoint.h"

struct redisContext;
struct redisReply;

namespace arachne {

struct RedisReplyFree {
  void operator()(redisReply* reply) const;
};
using RedisReply = std::unique_ptr<redisReply, RedisReplyFree>;

using RedisCommand = std::vector<std::string>;

class RedisConnection {
 public:
  using Clock = std::chrono::steady_clock;

  // Does not connect yet: the first call does. `timeout` bounds connecting and each read or write.
  explicit RedisConnection(RedisEndpoint endpoint,
                           std::chrono::milliseconds timeout = std::chrono::milliseconds(2000));
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // Sends `commands` in one pipeline and returns their replies, in order.
  Result<std::vector<RedisReply>> Run(const std::vector<RedisCommand>& commands);
  Result<RedisReply> Run(const RedisCommand& command);

  bool connected() const { return context_ != nullptr; }
  // Until when a call fails at once, after a failure (the backoff).
  Clock::time_point retry_at() const { return retry_at_; }
  const RedisEndpoint& endpoint() const { return endpoint_; }
  // Round trips and commands sent so far (for bench/ and the stats).
  std::uint64_t round_trips() const { return round_trips_; }
  std::uint64_t commands() const { return commands_; }

 private:
  Status Connect();
  void Drop(Clock::time_point now);

  RedisEndpoint endpoint_;
  std::chrono::milliseconds timeout_;
  redisContext* context_ = nullptr;
  Clock::time_point retry_at_{};
  std::chrono::milliseconds backoff_{0};
  std::uint64_t round_trips_ = 0;
  std::uint64_t commands_ = 0;
};

// The reply's text (a string, status or error reply), or "" for other kinds.
std::string ReplyText(const redisReply* reply);
bool IsErrorReply(const redisReply* reply);
// An error reply that passes with time: a Redis still loading its data after a restart (LOADING), busy
// with a script (BUSY), or a cluster failing over (TRYAGAIN, MASTERDOWN, CLUSTERDOWN).
bool IsTransientError(const redisReply* reply);

}  // namespace arachne
