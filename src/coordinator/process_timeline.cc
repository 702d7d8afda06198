#include "coordinator/process_timeline.h"

#include <algorithm>

namespace arachne {

ProcessTimeline::ProcessTimeline(std::string name, std::string role, int pid, double started_s)
    : name_(std::move(name)), role_(std::move(role)), pid_(pid), started_s_(started_s) {}

void ProcessTimeline::Busy(double start_s, double end_s) {
  if (end_s < start_s) std::swap(start_s, end_s);
  if (!intervals_.empty() && start_s <= intervals_.back().second + kMergeGapS) {
    intervals_.back().second = std::max(intervals_.back().second, end_s);
    return;
  }
  intervals_.emplace_back(start_s, end_s);
  if (intervals_.size() > kMaxIntervals) intervals_.pop_front();
}

void ProcessTimeline::SetBusy(bool busy, double now_s) {
  if (busy && !busy_since_) {
    busy_since_ = now_s;
  } else if (!busy && busy_since_) {
    Busy(*busy_since_, now_s);
    busy_since_.reset();
  }
}

void ProcessTimeline::End(double now_s) {
  SetBusy(false, now_s);
  ended_s_ = now_s;
}

std::deque<std::pair<double, double>> ProcessTimeline::Intervals(double now_s) const {
  std::deque<std::pair<double, double>> intervals = intervals_;
  if (busy_since_) intervals.emplace_back(*busy_since_, std::max(*busy_since_, now_s));
  return intervals;
}

double ProcessTimeline::BusyShare(double now_s, double window_s) const {
  if (window_s <= 0) return 0;
  const double from = now_s - window_s;
  double busy = 0;
  const auto add = [&](double start, double end) { busy += std::max(0.0, std::min(end, now_s) - std::max(start, from)); };
  for (auto it = intervals_.rbegin(); it != intervals_.rend() && it->second > from; ++it) add(it->first, it->second);
  if (busy_since_) add(*busy_since_, now_s);
  return std::clamp(busy / window_s, 0.0, 1.0);
}

ProcessState ProcessTimeline::State(std::uint64_t in_flight, double now_s) const {
  constexpr double kShareWindowS = 5;
  ProcessState state;
  state.name = name_;
  state.role = role_;
  state.pid = ended_s_ ? 0 : pid_;
  state.in_flight = in_flight;
  state.busy = busy_since_.has_value() || (!intervals_.empty() && intervals_.back().second >= now_s - kMergeGapS);
  state.busy_share = BusyShare(now_s, std::min(kShareWindowS, std::max(now_s - started_s_, 1e-3)));
  state.done = done_;
  return state;
}

}  // namespace arachne
