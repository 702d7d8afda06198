// WorkerSlot: one fetcher or parser position of the crawl, and the process that fills it now.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "coordinator/heartbeat.h"
#include "ipc/channel.h"
#include "ipc/parse_claim.h"
#include "process/child_process.h"

namespace arachne {

enum class WorkerRole { kFetcher, kParser };

inline const char* RoleName(WorkerRole role) { return role == WorkerRole::kFetcher ? "fetcher" : "parser"; }

struct WorkerSlot {
  WorkerRole role = WorkerRole::kFetcher;
  int index = 0;  // 1-based, as shown in `ps`: "arachne: fetcher 1"
  ChildProcess process;
  Channel channel;
  std::uint64_t outstanding = 0;  // fetchers: Fetch messages sent and not yet answered
  int restarts = 0;
  int quick_deaths = 0;  // deaths in a row soon after starting; too many means it cannot run at all
  std::chrono::steady_clock::time_point started{};
  Heartbeat heartbeat;
  std::optional<ParseClaim> claim;  // parsers: the job the process works on (kept across restarts)
  double earlier_cpu_s = 0;  // CPU seconds of the processes this slot ran before `process`
  double sampled_cpu_s = -1;  // the running process's CPU seconds at the autoscaler's last sample; -1: none

  // CPU seconds of all this slot's processes, the running one not counted until it is reaped.
  double cpu_seconds() const { return earlier_cpu_s + process.cpu_seconds(); }
  std::string name() const { return std::string(RoleName(role)) + " " + std::to_string(index); }
  bool alive() const { return process.running() && channel.valid(); }
};

}  // namespace arachne
