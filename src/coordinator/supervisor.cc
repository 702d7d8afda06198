#include "coordinator/supervisor.h"

#include <sys/socket.h>

#include <algorithm>

#include "common/errno_status.h"
#include "ipc/messages.h"

namespace arachne {

namespace {
// A child that dies this soon after starting, without a word, this many times in a row, is not going to
// work. One that said something (a page's result, a Pong) or that claimed a page (ParseClaim) was
// working, and its death is blamed on its work.
constexpr auto kQuickDeath = std::chrono::seconds(2);
constexpr int kMaxQuickDeaths = 5;
}  // namespace

Supervisor::Supervisor(std::string executable, HelloMessage hello, int queue_fetcher_end,
                       int queue_parser_end, std::chrono::steady_clock::duration heartbeat_timeout)
    : executable_(std::move(executable)),
      hello_(std::move(hello)),
      queue_fetcher_end_(queue_fetcher_end),
      queue_parser_end_(queue_parser_end),
      heartbeat_timeout_(heartbeat_timeout) {}

Supervisor::~Supervisor() { StopAll(0); }

Status Supervisor::Start(int fetchers, int parsers) {
  for (int i = 1; i <= fetchers; ++i) {
    auto slot = std::make_unique<WorkerSlot>();
    slot->role = WorkerRole::kFetcher;
    slot->index = i;
    slot->heartbeat = Heartbeat(heartbeat_timeout_);
    slots_.push_back(std::move(slot));
  }
  for (int i = 1; i <= parsers; ++i) {
    auto slot = std::make_unique<WorkerSlot>();
    slot->role = WorkerRole::kParser;
    slot->index = i;
    slot->heartbeat = Heartbeat(heartbeat_timeout_);
    slots_.push_back(std::move(slot));
  }
  for (auto& slot : slots_) {
    if (Status s = Spawn(*slot); !s.ok()) return s;
  }
  return Status::Ok();
}

Status Supervisor::Add(WorkerRole role) {
  int index = 0;
  for (const auto& slot : slots_) {
    if (slot->role == role) index = std::max(index, slot->index);
  }
  auto slot = std::make_unique<WorkerSlot>();
  slot->role = role;
  slot->index = index + 1;
  slot->heartbeat = Heartbeat(heartbeat_timeout_);
  slots_.push_back(std::move(slot));
  return Spawn(*slots_.back());
}

Status Supervisor::Spawn(WorkerSlot& slot) {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    return ErrnoStatus("socketpair for " + slot.name());
  }
  UniqueFd ours(fds[0]);
  UniqueFd theirs(fds[1]);
  SpawnOptions options;
  options.executable = executable_;
  options.argv = {"arachne: " + slot.name(), "--arachne-worker", RoleName(slot.role), std::to_string(slot.index)};
  options.inherit = {theirs.get(), slot.role == WorkerRole::kFetcher ? queue_fetcher_end_ : queue_parser_end_};
  if (slot.role == WorkerRole::kParser) {
    if (!slot.claim) {
      Result<ParseClaim> claim = ParseClaim::Create();
      if (!claim.ok()) return claim.status();
      slot.claim.emplace(std::move(*claim));
    }
    slot.claim->Release();  // what the previous process claimed was dealt with when it died
    options.inherit.push_back(slot.claim->fd());
  }
  Result<ChildProcess> child = ChildProcess::Spawn(options);
  if (!child.ok()) return child.status();
  slot.earlier_cpu_s += slot.process.cpu_seconds();
  slot.process = std::move(*child);
  slot.channel = Channel(std::move(ours));
  slot.outstanding = 0;
  slot.started = std::chrono::steady_clock::now();
  slot.heartbeat.Restart(slot.started);
  Encode(slot.channel.outbox(), hello_);
  return slot.channel.Flush();
}

Status Supervisor::Restart(WorkerSlot& slot) {
  std::string how = slot.process.running() ? DescribeWaitStatus(slot.process.WaitOrKill(100)) : "exited";
  slot.channel.Close();
  // A parser whose claim still names a page died on that page.
  const bool worked = slot.heartbeat.heard() || (slot.claim && slot.claim->Current().has_value());
  if (std::chrono::steady_clock::now() - slot.started < kQuickDeath && !worked) {
    if (++slot.quick_deaths >= kMaxQuickDeaths) {
      return Status::Internal(slot.name() + " died " + std::to_string(kMaxQuickDeaths) +
                              " times right after starting (last: " + how + "); is '" + executable_ +
                              "' an Arachne worker?");
    }
  } else {
    slot.quick_deaths = 0;
  }
  ++slot.restarts;
  ++restarts_;
  return Spawn(slot);
}

double Supervisor::CpuSeconds(WorkerRole role) const {
  double total = 0;
  for (const auto& slot : slots_) {
    if (slot->role == role) total += slot->cpu_seconds();
  }
  return total;
}

void Supervisor::StopAll(int grace_ms) {
  for (auto& slot : slots_) {
    if (!slot->channel.valid()) continue;
    Encode(slot->channel.outbox(), ShutdownMessage{});
    (void)slot->channel.FlushAll(grace_ms > 0 ? 200 : 0);
  }
  // One deadline for all: the children exit in parallel.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(grace_ms);
  for (auto& slot : slots_) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    slot->process.WaitOrKill(left.count() > 0 ? static_cast<int>(left.count()) : 0);
    slot->channel.Close();
  }
}

}  // namespace arachne
