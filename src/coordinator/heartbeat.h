// Heartbeat: whether a child still answers.
//
// The coordinator pings every child a few times per timeout (a quarter of it apart) and counts every frame
// the child sends as a sign of life. A child with no sign of life for the whole timeout is hung — stopped,
// deadlocked, spinning outside any job — and is replaced like one that died. Exiting and crashing show
// sooner, as a closed pipe; this is for the child that is still there and no longer working.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace arachne {

class Heartbeat {
 public:
  using Clock = std::chrono::steady_clock;

  explicit Heartbeat(Clock::duration timeout = std::chrono::seconds(10)) : timeout_(timeout) {}

  // A new process in the slot: its silence counts from now, and it is pinged a quarter timeout on.
  void Restart(Clock::time_point now);
  // A frame arrived from the child.
  void Heard(Clock::time_point now) {
    last_heard_ = now;
    heard_ = true;
  }
  // The coordinator was away (busy, or stopped) and did not listen: silence until now does not count.
  void Excuse(Clock::time_point now) { last_heard_ = now; }
  // Whether the process has sent anything since its start: one that dies before it did failed to start.
  bool heard() const { return heard_; }
  // The sequence number of the Ping to send now, when one is due.
  std::optional<std::uint64_t> PingDue(Clock::time_point now);
  // Nothing heard for the whole timeout.
  bool Silent(Clock::time_point now) const { return now - last_heard_ >= timeout_; }

  Clock::duration timeout() const { return timeout_; }

 private:
  Clock::duration timeout_;
  Clock::time_point last_heard_{};
  Clock::time_point next_ping_{};
  std::uint64_t seq_ = 0;
  bool heard_ = false;
};

}  // namespace arachne
