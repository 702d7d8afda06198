#include "worker/worker_main.h"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "fetcher/fetcher_process.h"
#include "ipc/config_json.h"
#include "ipc/messages.h"
#include "parser/parser_process.h"

namespace arachne {

namespace {

constexpr int kControlFd = 3;
constexpr int kQueueFd = 4;
constexpr int kHelloTimeoutMs = 30000;

// Waits for the coordinator's Hello and returns the crawl's settings from it.
Result<Config> ReceiveHello(Channel& control) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kHelloTimeoutMs);
  std::optional<Result<Config>> config;
  while (!config) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return Status::ProtocolError("no settings from the coordinator in time");
    pollfd p{control.fd(), POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    Result<bool> open = control.ReadAvailable([&](std::string_view payload) {
      if (config) return Status::ProtocolError("a message arrived before the worker started");
      HelloMessage hello;
      if (!Decode(payload, hello)) return Status::ProtocolError("the first message was not Hello");
      config = ConfigFromJson(hello.config_json);
      return Status::Ok();
    });
    if (!open.ok()) return open.status();
    if (!*open && !config) return Status::ProtocolError("the coordinator closed the channel before Hello");
  }
  return std::move(*config);
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

  Channel control{UniqueFd(kControlFd)};
  UniqueFd queue(kQueueFd);
  Result<Config> config = ReceiveHello(control);
  if (!config.ok()) {
    std::fprintf(stderr, "arachne %s %s: %s\n", role.c_str(), argv[3], config.status().ToString().c_str());
    return 2;
  }
  if (role == "fetcher") return RunFetcherProcess(*config, std::move(control), std::move(queue));
  if (role == "parser") return RunParserProcess(*config, std::move(control), std::move(queue));
  std::fprintf(stderr, "arachne worker: unknown role '%s'\n", role.c_str());
  return 2;
}

}  // namespace arachne
