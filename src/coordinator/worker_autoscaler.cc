#include "coordinator/worker_autoscaler.h"

namespace arachne {

WorkerAutoscaler::Decision WorkerAutoscaler::Sample(const WorkerLoad& load) {
  const bool backlog = load.parse_backlog >= kBacklogPerParser * load.parsers && load.parser_cpu >= kBusyParser;
  backlog_samples_ = backlog && load.parsers < max_parsers_ ? backlog_samples_ + 1 : 0;
  const bool busy = load.busiest_fetcher >= kBusyFetcher;
  busy_samples_ = busy && load.fetchers < max_fetchers_ ? busy_samples_ + 1 : 0;
  // Parsers first: a fetcher waiting for the parse queue to drain is busy for nothing.
  if (backlog_samples_ >= kSamplesToDecide) {
    backlog_samples_ = 0;
    busy_samples_ = 0;
    return Decision::kAddParser;
  }
  if (busy_samples_ >= kSamplesToDecide) {
    busy_samples_ = 0;
    backlog_samples_ = 0;
    return Decision::kAddFetcher;
  }
  return Decision::kNone;
}

}  // namespace arachne
