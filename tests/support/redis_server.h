// RedisServer: a real redis-server on 127.0.0.1 for one test, with its data in a temporary folder it owns,
// that a test can stop gracefully, kill, and start again on the same port and data, to see what a cluster
// node does when its shared frontier goes away and comes back.
//
// It is started by fork and exec of /usr/bin/redis-server with command-line options (Redis 7.0 reads each
// "--name value..." as one line of redis.conf), never daemonized, listening on 127.0.0.1 only. The child gets
// SIGKILL when the thread that started it ends (PR_SET_PDEATHSIG), so a crashed test leaves no server behind.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "common/unique_fd.h"
#include "support/temp_dir.h"

namespace arachne::test {

struct RedisServerOptions {
  std::string password;  // requirepass (the default user's password); "" = none
  // An ACL user allowed everything (+@all ~* &*); when set, the default user is turned off, so every
  // connection must AUTH as this user.
  std::string acl_user;
  std::string acl_password;
  // appendonly yes with appendfsync always: a write is in the AOF before its reply, so it survives Kill().
  // false: no persistence at all (no AOF, no RDB snapshots).
  bool append_only = true;
};

namespace internal {

// A port nothing listens on right now (the kernel's choice for a socket bound to 127.0.0.1:0); 0 on error.
inline std::uint16_t UnusedLoopbackPort() {
  UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (!fd || ::bind(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    return 0;
  }
  return ntohs(address.sin_port);
}

// A reply as text: an integer in decimal, a string or status as it is, an error as its message ("ERR ...",
// "NOAUTH ..."), nil as "", an array as its elements (each converted the same way) joined by '\n'.
inline std::string ReplyText(const redisReply* reply) {
  switch (reply->type) {
    case REDIS_REPLY_INTEGER: return std::to_string(reply->integer);
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR: return std::string(reply->str, reply->len);
    case REDIS_REPLY_ARRAY: {
      std::string text;
      for (std::size_t i = 0; i < reply->elements; ++i) {
        if (i > 0) text += '\n';
        text += ReplyText(reply->element[i]);
      }
      return text;
    }
    default: return "";
  }
}

struct ContextDeleter {
  void operator()(redisContext* context) const { redisFree(context); }
};
using Context = std::unique_ptr<redisContext, ContextDeleter>;

struct ReplyDeleter {
  void operator()(redisReply* reply) const { freeReplyObject(reply); }
};

// One command on an open connection, as ReplyText; a failed connection as "ERR <hiredis' reason>".
inline std::string Run(redisContext* context, const std::vector<std::string>& args) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  for (const std::string& arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  std::unique_ptr<redisReply, ReplyDeleter> reply(static_cast<redisReply*>(
      redisCommandArgv(context, static_cast<int>(argv.size()), argv.data(), lengths.data())));
  if (reply == nullptr) return std::string("ERR connection: ") + context->errstr;
  return ReplyText(reply.get());
}

// Percent-encodes all but the unreserved characters (RFC 3986, 2.3), so a password is one userinfo
// component of a URL whatever it holds (RFC 3986, 3.2.1).
inline std::string UserinfoEncoded(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
      continue;
    }
    out += '%';
    out += kHex[byte >> 4];
    out += kHex[byte & 0xF];
  }
  return out;
}

// The last `limit` characters of a file, for a failure message.
inline std::string Tail(const std::string& path, std::size_t limit = 4000) {
  const std::string text = ReadFile(path);
  return text.size() <= limit ? text : "..." + text.substr(text.size() - limit);
}

}  // namespace internal

// Runs one command on 127.0.0.1:`port` over a fresh connection, first AUTH `user` `password` (or AUTH
// `password` alone when `user` is ""; nothing when `password` is ""), and gives back the reply as
// internal::ReplyText. A connection that fails or breaks gives "ERR <reason>"; a failed AUTH gives its error.
inline std::string RedisCommand(std::uint16_t port, const std::vector<std::string>& args,
                                const std::string& user = "", const std::string& password = "") {
  const timeval timeout{10, 0};  // a command hung for this long is a broken server, not a slow one
  internal::Context context(redisConnectWithTimeout("127.0.0.1", port, timeout));
  if (context == nullptr) return "ERR connect: out of memory";
  if (context->err != 0) return std::string("ERR connect: ") + context->errstr;
  redisSetTimeout(context.get(), timeout);
  if (!password.empty()) {
    const std::string reply = user.empty() ? internal::Run(context.get(), {"AUTH", password})
                                           : internal::Run(context.get(), {"AUTH", user, password});
    if (reply != "OK") return reply;
  }
  return internal::Run(context.get(), args);
}

class RedisServer {
 public:
  // Starts a server on a free port and waits until it answers; nullptr (and a test failure that shows its
  // log) if it does not. A port taken between choosing it and binding it is retried with another one.
  static std::unique_ptr<RedisServer> Start(RedisServerOptions options = {}) {
    std::unique_ptr<RedisServer> server(new RedisServer(std::move(options)));
    for (int attempt = 0; attempt < 5; ++attempt) {
      server->port_ = internal::UnusedLoopbackPort();
      if (server->port_ != 0 && server->Launch() && server->WaitUntilReady()) return server;
      server->Kill();
    }
    ADD_FAILURE() << "redis-server did not start in " << server->dir() << "\n" << server->Log();
    return nullptr;
  }

  // Stops the server (SIGKILL if SIGTERM did not end it in time) and removes its folder.
  ~RedisServer() { Stop(); }
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  std::uint16_t port() const { return port_; }
  // The process id while it runs, -1 once stopped or killed.
  pid_t pid() const { return pid_; }
  // Its data folder (the AOF, under appendonlydir/) and logs.
  std::string dir() const { return dir_.path(); }
  // "redis://127.0.0.1:PORT/0", with "user:password@" (an ACL user) or ":password@" (requirepass) before
  // the host when set.
  std::string url() const {
    std::string userinfo;
    if (!options_.acl_user.empty()) {
      userinfo = internal::UserinfoEncoded(options_.acl_user) + ":" +
                 internal::UserinfoEncoded(options_.acl_password) + "@";
    } else if (!options_.password.empty()) {
      userinfo = ":" + internal::UserinfoEncoded(options_.password) + "@";
    }
    return "redis://" + userinfo + "127.0.0.1:" + std::to_string(port_) + "/0";
  }
  // Its log file and what it printed on standard output and error, for failure messages.
  std::string Log() const {
    return "--- redis.log\n" + internal::Tail(dir_.File("redis.log")) + "--- stdout/stderr\n" +
           internal::Tail(dir_.File("redis.out"));
  }

  // Runs one command as the configured user (see RedisCommand): "PONG", "1", "ERR ...".
  std::string Command(const std::vector<std::string>& args) const {
    return options_.acl_user.empty() ? RedisCommand(port_, args, "", options_.password)
                                     : RedisCommand(port_, args, options_.acl_user, options_.acl_password);
  }

  // SIGTERM, as a service manager stops it: Redis flushes and fsyncs its AOF before it exits. Waits up to
  // 10 s for that, then kills it.
  void Stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 1000; ++i) {
      if (Reaped()) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "redis-server did not exit within 10 s of SIGTERM\n" << Log();
    Kill();
  }

  // SIGKILL, as a crash or an OOM kill: nothing is written on the way out.
  void Kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);  // SIGKILL cannot be caught: this wait ends
    pid_ = -1;
  }

  // Starts it again, after Stop() or Kill(), on the same port with the same folder, and waits until it
  // answers (having loaded its AOF). false, and a test failure with its log, if it does not.
  bool Restart() {
    if (pid_ > 0) {
      ADD_FAILURE() << "Restart() while redis-server still runs; Stop() or Kill() it first";
      return false;
    }
    if (Launch() && WaitUntilReady()) return true;
    ADD_FAILURE() << "redis-server did not start again on port " << port_ << "\n" << Log();
    Kill();
    return false;
  }

 private:
  explicit RedisServer(RedisServerOptions options) : options_(std::move(options)) {}

  // The command line: each "--name" starts a line of redis.conf, the words after it are its arguments.
  std::vector<std::string> Arguments() const {
    std::vector<std::string> args = {"redis-server"};
    const auto line = [&args](std::initializer_list<std::string> words) { args.insert(args.end(), words); };
    line({"--bind", "127.0.0.1"});
    line({"--port", std::to_string(port_)});
    line({"--protected-mode", "yes"});
    line({"--daemonize", "no"});
    line({"--dir", dir_.path()});
    line({"--logfile", dir_.File("redis.log")});
    line({"--save", ""});  // no RDB snapshots: what survives a restart is what the AOF holds
    line({"--appendonly", options_.append_only ? "yes" : "no"});
    line({"--appendfsync", "always"});
    if (!options_.password.empty()) line({"--requirepass", options_.password});
    if (!options_.acl_user.empty()) {
      line({"--user", options_.acl_user, "on", ">" + options_.acl_password, "+@all", "~*", "&*"});
      line({"--user", "default", "off"});
    }
    return args;
  }

  // Forks and execs redis-server with its output appended to <dir>/redis.out.
  bool Launch() {
    const std::vector<std::string> args = Arguments();
    std::vector<char*> argv;
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    UniqueFd output(::open(dir_.File("redis.out").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
    UniqueFd input(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    if (!output || !input) return false;
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) return false;
    if (pid == 0) ExecInChild(input.get(), output.get(), parent, argv.data());
    pid_ = pid;
    return true;
  }

  // Only async-signal-safe calls between fork and exec: the test process may have other threads.
  [[noreturn]] static void ExecInChild(int input, int output, pid_t parent, char** argv) {
    ::dup2(input, STDIN_FILENO);
    ::dup2(output, STDOUT_FILENO);
    ::dup2(output, STDERR_FILENO);
    ::close_range(3, ~0U, 0);
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);  // a mask blocking SIGTERM would survive exec
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(126);  // the parent died before PR_SET_PDEATHSIG was armed
    ::execv("/usr/bin/redis-server", argv);
    static constexpr char kMessage[] = "exec /usr/bin/redis-server failed\n";
    [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
    ::_exit(127);
  }

  // Whether the child has exited (reaping it).
  bool Reaped() {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) != pid_) return false;
    pid_ = -1;
    return true;
  }

  // Polls with PING until it answers PONG (not LOADING while it reads its AOF), up to 400 × 25 ms; false if
  // it exits first (the port was taken, a bad option) or never answers. The answer must come from this
  // child: with the port taken, another server could answer before this one gives up.
  bool WaitUntilReady() {
    const std::string own_pid = "process_id:" + std::to_string(pid_) + "\r\n";
    for (int i = 0; i < 400; ++i) {
      if (Reaped()) return false;
      if (Command({"PING"}) == "PONG") return Command({"INFO", "server"}).find(own_pid) != std::string::npos;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return false;
  }

  TempDir dir_;  // first member: removed after the server is stopped
  RedisServerOptions options_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace arachne::test
