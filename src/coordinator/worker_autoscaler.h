// WorkerAutoscaler: how many fetchers and parsers a crawl runs when the seed file leaves it to Arachne
// ([workers] fetchers = 0, parsers = 0), from the cores and from the load it measures.
//
// A crawl starts with one fetcher and one parser and adds a process where the work waits:
// - a parser, when pages keep waiting for the parsers and the parsers use nearly a whole core each (they
//   cannot keep up; a backlog alone also builds while the parsers wait for a core that the fetchers and
//   the web server hold, and another parser then only adds to the crowd: on 2 cores it cost the bench
//   crawl a third of its pages/s);
// - a fetcher, when the busiest fetcher keeps using nearly a whole core (its one event loop is the limit).
// Each is sampled every kSampleInterval; three samples in a row decide, and a new process gets three
// more samples before the next, so that one slow moment adds nothing. Neither goes past one per core:
// on a 2-core machine, one fetcher and one scanner-based parser keep up with nginx on loopback
// (bench/scaling.sh), and more processes only share the same cores.
#pragma once

#include <chrono>

namespace arachne {

struct WorkerLoad {
  int fetchers = 0;              // running now
  int parsers = 0;
  int parse_backlog = 0;         // pages sent to the parse queue whose result has not come back yet
  double parser_cpu = 0;         // CPU use of the parsers since the last sample, on average: 1 is a core
  double busiest_fetcher = 0;    // CPU use of the busiest fetcher since the last sample: 1 is a core
};

class WorkerAutoscaler {
 public:
  static constexpr std::chrono::milliseconds kSampleInterval{250};
  static constexpr int kBacklogPerParser = 32;  // pages arrive in bursts: a few waiting is normal; this many is not
  static constexpr double kBusyFetcher = 0.85;
  static constexpr double kBusyParser = 0.85;
  static constexpr int kSamplesToDecide = 3;

  // max_*: at most this many (the core count); 0 where the seed file fixed the count itself.
  WorkerAutoscaler(int max_fetchers, int max_parsers) : max_fetchers_(max_fetchers), max_parsers_(max_parsers) {}

  enum class Decision { kNone, kAddFetcher, kAddParser };
  Decision Sample(const WorkerLoad& load);

 private:
  int max_fetchers_;
  int max_parsers_;
  int backlog_samples_ = 0;
  int busy_samples_ = 0;
};

}  // namespace arachne
