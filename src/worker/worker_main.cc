#include "worker/worker_main.h"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "fetcher/fetcher_process.h"
#include "config/config_json.h"
#include "ipc/frame.h"
#include "ipc/messages.h"
#include "parser/parser_process.h"

namespace arachne {

namespace {

constexpr int kControlFd = 3;
constexpr int kQueueFd = 4;
constexpr int kClaimFd = 5;  // parsers only
constexpr int kHelloTimeoutMs = 30000;

// Reads exactly `n` bytes, waiting until `deadline`.
Status ReadExactly(int fd, char* out, std::size_t n, std::chrono::steady_clock::time_point deadline) {
  std::size_t got = 0;
  while (got < n) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return Status::ProtocolError("no settings from the coordinator in time");
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    ssize_t r = ::recv(fd, out + got, n - got, MSG_DONTWAIT);
    if (r == 0) return Status::ProtocolError("the coordinator closed the channel before Hello");
    if (r < 0) {
      if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
      return Status::IoError(std::string("receive Hello: ") + std::strerror(errno));
    }
    got += static_cast<std::size_t>(r);
  }
  return Status::Ok();
}

// Reads the coordinator's Hello, exactly its frame and no further: the Fetch messages the coordinator
// sends right behind it stay in the socket for the process loop.
Result<HelloMessage> ReceiveHello(int fd) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kHelloTimeoutMs);
  unsigned char header[4];
  if (Status s = ReadExactly(fd, reinterpret_cast<char*>(header), 4, deadline); !s.ok()) return s;
  std::uint32_t length = header[0] | (header[1] << 8) | (header[2] << 16) | (static_cast<std::uint32_t>(header[3]) << 24);
  if (length == 0 || length > kMaxFrameBytes) return Status::ProtocolError("malformed Hello frame");
  std::string payload(length, '\0');
  if (Status s = ReadExactly(fd, payload.data(), length, deadline); !s.ok()) return s;
  HelloMessage hello;
  if (!Decode(payload, hello)) return Status::ProtocolError("the first message was not Hello");
  return hello;
}

}  // namespace

bool IsWorkerInvocation(int argc, char** argv) { return argc >= 2 && std::strcmp(argv[1], kWorkerFlag) == 0; }

int RunWorker(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s %s <fetcher|parser> <index> (started by the coordinator)\n", argv[0], kWorkerFlag);
    return 2;
  }
  std::string role = argv[2];
  std::string name = std::string(role == "fetcher" ? "arachne-fetch" : "arachne-parse") + argv[3];
  ::prctl(PR_SET_NAME, name.c_str());  // `top` and `ps -o comm` show this; `ps` shows argv[0]
  ::signal(SIGPIPE, SIG_IGN);

  Result<HelloMessage> hello = ReceiveHello(kControlFd);
  Result<Config> config = hello.ok() ? ConfigFromJson(hello->config_json) : Result<Config>(hello.status());
  Channel control{UniqueFd(kControlFd)};
  UniqueFd queue(kQueueFd);
  if (!config.ok()) {
    std::fprintf(stderr, "arachne %s %s: %s\n", role.c_str(), argv[3], config.status().ToString().c_str());
    return 2;
  }
  if (role == "fetcher") return RunFetcherProcess(*config, std::move(control), std::move(queue));
  if (role == "parser") {
    return RunParserProcess(*config, hello->send_pages, std::move(control), std::move(queue), UniqueFd(kClaimFd));
  }
  std::fprintf(stderr, "arachne worker: unknown role '%s'\n", role.c_str());
  return 2;
}

}  // namespace arachne
