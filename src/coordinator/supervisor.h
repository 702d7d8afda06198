// Supervisor: starts the fetcher and parser processes, and starts them again when they die.
//
// Every child gets its control channel (a socketpair to the coordinator) as descriptor 3 and its end of
// the shared parse queue as descriptor 4 (a parser also its slot's ParseClaim as descriptor 5), then a
// Hello message with the crawl's settings. A restarted child gets the same parse queue and claim, so
// nothing else has to be told about them.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "arachne/status.h"
#include "ipc/messages.h"
#include "coordinator/worker_slot.h"

namespace arachne {

class Supervisor {
 public:
  // `hello` is sent to every child first. The parse queue descriptors stay owned by the caller.
  // Each slot's heartbeat gets `heartbeat_timeout`.
  Supervisor(std::string executable, HelloMessage hello, int queue_fetcher_end, int queue_parser_end,
             std::chrono::steady_clock::duration heartbeat_timeout);
  ~Supervisor();  // kills and reaps every child still running

  Status Start(int fetchers, int parsers);
  // Replaces the process in `slot` after it died. Fails when it keeps dying right after starting without
  // a word (see WorkerSlot::heartbeat): a program that cannot run, not a page that crashes it.
  Status Restart(WorkerSlot& slot);
  // Starts one more process of `role` (WorkerAutoscaler).
  Status Add(WorkerRole role);

  std::vector<std::unique_ptr<WorkerSlot>>& slots() { return slots_; }
  int restarts() const { return restarts_; }
  // CPU seconds the processes of `role` used, those still running not counted (StopAll reaps them all).
  double CpuSeconds(WorkerRole role) const;

  // Sends Shutdown to every child, gives them `grace_ms` to exit, then kills what is left.
  void StopAll(int grace_ms);

 private:
  Status Spawn(WorkerSlot& slot);

  std::string executable_;
  HelloMessage hello_;
  int queue_fetcher_end_;
  int queue_parser_end_;
  std::chrono::steady_clock::duration heartbeat_timeout_;
  std::vector<std::unique_ptr<WorkerSlot>> slots_;
  int restarts_ = 0;
};

}  // namespace arachne
