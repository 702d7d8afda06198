#include "cli/crawl_command.h"

#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <thread>

#include "arachne/crawler.h"
#include "cli/progress_line.h"
#include "cli/summary_report.h"
#include "export/exporters.h"

namespace arachne {

namespace {

int TerminalWidth() {
  winsize w{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col > 0) return w.ws_col;
  return 100;
}

// Waits for SIGINT or SIGTERM on its own thread (they are blocked everywhere else), and stops the crawl.
// The destructor wakes it with kWake, so the command exits as soon as the crawl ends, not at the next tick
// of a polling wait (a tenth of a second, as long as a small crawl).
class SignalWatcher {
 public:
  static constexpr int kWake = SIGUSR2;

  explicit SignalWatcher(Crawler& crawler) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, kWake);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    thread_ = std::thread([this, set, &crawler] {
      while (true) {
        int sig = 0;
        if (sigwait(&set, &sig) != 0) continue;
        if (sig == kWake) {
          if (done_) return;
          continue;  // sent by someone else: not ours to act on
        }
        if (signal_ == 0) signal_ = sig;
        crawler.Stop();
      }
    });
  }
  ~SignalWatcher() {
    done_ = true;
    pthread_kill(thread_.native_handle(), kWake);
    thread_.join();
  }
  int signal() const { return signal_; }

 private:
  std::atomic<bool> done_{false};
  std::atomic<int> signal_{0};
  std::thread thread_;
};

}  // namespace

void ApplyOverrides(const CrawlOverrides& o, Config& c) {
  if (o.fetchers) c.workers.fetchers = *o.fetchers;
  if (o.parsers) c.workers.parsers = *o.parsers;
  if (o.max_depth) c.scope.max_depth = *o.max_depth;
  if (o.max_pages) c.scope.max_pages = *o.max_pages;
  if (o.concurrency) c.fetch.concurrency = *o.concurrency;
  if (o.max_per_host) c.politeness.max_per_host = *o.max_per_host;
  if (o.delay_ms) c.politeness.delay_ms = *o.delay_ms;
  if (o.out) c.output.dir = *o.out;
  if (o.name) c.name = *o.name;
  if (o.user_agent) c.fetch.user_agent = *o.user_agent;
  if (o.formats) c.output.formats = *o.formats;
  if (o.job) c.job = *o.job;
}

int RunCrawlCommand(const std::string& seed_file, const CrawlOverrides& overrides, bool quiet,
                    const std::string& self_executable) {
  Result<Config> config = Config::FromFile(seed_file);
  if (!config.ok()) {
    std::fprintf(stderr, "arachne: %s\n", config.status().message().c_str());
    return 2;
  }
  ApplyOverrides(overrides, *config);
  if (Status s = config->Validate(); !s.ok()) {
    std::fprintf(stderr, "arachne: %s\n", s.message().c_str());
    return 2;
  }
  // The command line is its own worker: one binary to copy around.
  if (config->worker_executable.empty()) config->worker_executable = self_executable;

  Crawler crawler(*config);
  const bool live = !quiet && ::isatty(STDERR_FILENO);
  if (live) {
    // A log line clears the progress line first; the next progress tick draws it again below.
    crawler.OnLog([](const std::string& line) { std::fprintf(stderr, "\r\033[Karachne: %s\n", line.c_str()); });
    crawler.OnProgress([](const Progress& p) {
      std::fprintf(stderr, "\r%s\033[K", FormatProgressLine(p, TerminalWidth() - 1).c_str());
      std::fflush(stderr);
    });
  }
  int signal = 0;
  Result<Summary> summary = Status::Internal("not run");
  {
    SignalWatcher watcher(crawler);
    summary = crawler.Run();
    signal = watcher.signal();
  }
  if (live) std::fprintf(stderr, "\r\033[K");
  if (!summary.ok()) {
    std::fprintf(stderr, "arachne: crawl failed: %s\n", summary.status().ToString().c_str());
    return summary.status().code() == Status::Code::kInvalidArgument ? 2 : 1;
  }
  if (!quiet) {
    std::fputs(FormatSummary(*summary).c_str(), stdout);
    for (const std::string& path : ExportPaths(config->output, config->name)) {
      std::printf("  wrote %s\n", path.c_str());
    }
    std::fflush(stdout);
  }
  if (signal == SIGINT) return 130;
  if (signal == SIGTERM) return 143;
  return 0;
}

}  // namespace arachne
