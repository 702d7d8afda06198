#include "coordinator/heartbeat.h"

namespace arachne {

void Heartbeat::Restart(Clock::time_point now) {
  last_heard_ = now;
  heard_ = false;
  next_ping_ = now + timeout_ / 4;
}

std::optional<std::uint64_t> Heartbeat::PingDue(Clock::time_point now) {
  if (now < next_ping_) return std::nullopt;
  next_ping_ = now + timeout_ / 4;
  return ++seq_;
}

}  // namespace arachne
