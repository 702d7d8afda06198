#include "cluster/redis_connection.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <algorithm>

namespace arachne {
namespace {

constexpr std::chrono::milliseconds kFirstBackoff{100};
constexpr std::chrono::milliseconds kMostBackoff{5000};

timeval ToTimeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

void AppendCommand(redisContext* context, const RedisCommand& command) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  argv.reserve(command.size());
  lengths.reserve(command.size());
  for (const std::string& arg : command) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  redisAppendCommandArgv(context, static_cast<int>(argv.size()), argv.data(), lengths.data());
}

}  // namespace

void RedisReplyFree::operator()(redisReply* reply) const {
  freeReplyObject(reply);
}

std::string ReplyText(const redisReply* reply) {
  if (reply == nullptr) return {};
  if (reply->type == REDIS_REPLY_STRING || reply->type == REDIS_REPLY_STATUS ||
      reply->type == REDIS_REPLY_ERROR) {
    return std::string(reply->str, reply->len);
  }
  return {};
}

bool IsErrorReply(const redisReply* reply) {
  return reply != nullptr && reply->type == REDIS_REPLY_ERROR;
}

bool IsTransientError(const redisReply* reply) {
  if (!IsErrorReply(reply)) return false;
  const std::string text = ReplyText(reply);
  for (const char* prefix : {"LOADING", "BUSY", "TRYAGAIN", "MASTERDOWN", "CLUSTERDOWN"}) {
    if (text.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

RedisConnection::RedisConnection(RedisEndpoint endpoint, std::chrono::milliseconds timeout)
    : endpoint_(std::move(endpoint)), timeout_(timeout) {}

RedisConnection::~RedisConnection() {
  if (context_ != nullptr) redisFree(context_);
}

void RedisConnection::Drop(Clock::time_point now) {
  if (context_ != nullptr) redisFree(context_);
  context_ = nullptr;
  backoff_ = backoff_.count() == 0 ? kFirstBackoff : std::min(kMostBackoff, backoff_ * 2);
  retry_at_ = now + backoff_;
}

Status RedisConnection::Connect() {
  redisContext* context =
      redisConnectWithTimeout(endpoint_.host.c_str(), endpoint_.port, ToTimeval(timeout_));
  if (context == nullptr) return Status::IoError("Redis at " + endpoint_.Display() + ": out of memory");
  if (context->err != 0) {
    Status error =
        Status::IoError("Redis at " + endpoint_.Display() + " cannot be reached: " + context->errstr);
    redisFree(context);
    return error;
  }
  redisSetTimeout(context, ToTimeval(timeout_));
  redisEnableKeepAlive(context);
  context_ = context;

  std::vector<RedisCommand> login;
  if (!endpoint_.password.empty()) {
    login.push_back(endpoint_.user.empty() ? RedisCommand{"AUTH", endpoint_.password}
                                           : RedisCommand{"AUTH", endpoint_.user, endpoint_.password});
  }
  if (endpoint_.db != 0) login.push_back({"SELECT", std::to_string(endpoint_.db)});
  login.push_back({"PING"});
  for (const RedisCommand& command : login) AppendCommand(context_, command);
  for (const RedisCommand& command : login) {
    void* raw = nullptr;
    if (redisGetReply(context_, &raw) != REDIS_OK) {
      return Status::IoError("Redis at " + endpoint_.Display() +
                             " went away while logging in: " + context_->errstr);
    }
    RedisReply reply(static_cast<redisReply*>(raw));
    if (IsTransientError(reply.get())) {
      return Status::IoError("Redis at " + endpoint_.Display() + " is not ready: " + ReplyText(reply.get()));
    }
    if (IsErrorReply(reply.get())) {
      // NOAUTH, WRONGPASS, NOPERM: the settings are wrong, not the network.
      return Status::InvalidArgument("Redis at " + endpoint_.Display() + " refused " + command[0] + ": " +
                                     ReplyText(reply.get()));
    }
  }
  return Status::Ok();
}

Result<std::vector<RedisReply>> RedisConnection::Run(const std::vector<RedisCommand>& commands) {
  const Clock::time_point now = Clock::now();
  if (context_ == nullptr) {
    if (now < retry_at_)
      return Status::IoError("Redis at " + endpoint_.Display() + " is unreachable (retrying)");
    if (Status s = Connect(); !s.ok()) {
      Drop(now);
      return s;
    }
  }
  for (const RedisCommand& command : commands) AppendCommand(context_, command);
  std::vector<RedisReply> replies;
  replies.reserve(commands.size());
  for (std::size_t i = 0; i < commands.size(); ++i) {
    void* raw = nullptr;
    if (redisGetReply(context_, &raw) != REDIS_OK) {
      Status error = Status::IoError("Redis at " + endpoint_.Display() + " went away: " + context_->errstr);
      Drop(now);
      return error;
    }
    replies.emplace_back(static_cast<redisReply*>(raw));
  }
  ++round_trips_;
  commands_ += commands.size();
  backoff_ = std::chrono::milliseconds(0);
  return replies;
}

Result<RedisReply> RedisConnection::Run(const RedisCommand& command) {
  Result<std::vector<RedisReply>> replies = Run(std::vector<RedisCommand>{command});
  if (!replies.ok()) return replies.status();
  return std::move(replies->front());
}

}  // namespace arachne
