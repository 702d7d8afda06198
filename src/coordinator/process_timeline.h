// ProcessTimeline: when one fetcher or parser process was busy, for the progress line, the metrics and the
// stats file's timeline (docs/stats-json.md): the picture of processes working side by side.
//
// Times are seconds since the crawl started. A fetcher's busy spans come from the coordinator's own count
// of its transfers in flight (SetBusy); a parser reports each batch it parsed (Busy messages, ipc/messages.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <utility>

#include "arachne/summary.h"

namespace arachne {

class ProcessTimeline {
 public:
  // Spans closer than this are merged, and a process keeps its last kMaxIntervals spans: a crawl of hours
  // stays a few kilobytes a process.
  static constexpr double kMergeGapS = 0.010;
  static constexpr std::size_t kMaxIntervals = 2000;

  ProcessTimeline(std::string name, std::string role, int pid, double started_s);

  // A busy span [start_s, end_s]; spans come in order (a late one that overlaps the last is merged).
  void Busy(double start_s, double end_s);
  // A state change at `now_s`: busy from now on, or not any more.
  void SetBusy(bool busy, double now_s);
  void CountDone(std::uint64_t n) { done_ += n; }
  // The process ended (died, or the crawl is over); a busy span still open ends here.
  void End(double now_s);

  // The share of [now_s - window_s, now_s] it was busy, 0 to 1.
  double BusyShare(double now_s, double window_s) const;
  // Its state for a Progress snapshot; `in_flight` is the coordinator's count of its work.
  ProcessState State(std::uint64_t in_flight, double now_s) const;

  const std::string& name() const { return name_; }
  const std::string& role() const { return role_; }
  int pid() const { return pid_; }
  double started_s() const { return started_s_; }
  const std::optional<double>& ended_s() const { return ended_s_; }
  // The spans, in order, a span still open ending at `now_s`.
  std::deque<std::pair<double, double>> Intervals(double now_s) const;

 private:
  std::string name_;
  std::string role_;
  int pid_;
  double started_s_;
  std::optional<double> ended_s_;
  std::optional<double> busy_since_;  // SetBusy(true) without its SetBusy(false) yet
  std::deque<std::pair<double, double>> intervals_;
  std::uint64_t done_ = 0;
};

}  // namespace arachne
