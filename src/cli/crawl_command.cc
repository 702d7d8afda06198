#include "cli/crawl_command.h"

#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

#include "arachne/crawler.h"
#include "cli/metrics_server.h"
#include "cli/progress_line.h"
#include "cli/prometheus_text.h"
#include "cli/summary_report.h"
#include "export/exporters.h"

namespace arachne {

namespace {

std::int64_t UnixMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

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
  if (o.redis) c.cluster.redis = *o.redis;
  if (o.node) c.cluster.node = *o.node;
}

int RunCrawlCommand(const std::string& seed_file, const CrawlOverrides& overrides, const CrawlDisplay& display,
                    const std::string& self_executable) {
  const bool quiet = display.quiet;
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

  std::unique_ptr<MetricsServer> metrics;
  if (!display.metrics.empty()) {
    Result<std::unique_ptr<MetricsServer>> started = MetricsServer::Start(display.metrics);
    if (!started.ok()) {
      std::fprintf(stderr, "arachne: --metrics: %s\n", started.status().message().c_str());
      return 2;
    }
    metrics = std::move(*started);
    if (display.log_level >= LogLevel::kInfo) {
      const std::string host = display.metrics.substr(0, display.metrics.rfind(':'));
      const std::string where = "serving metrics at http://" + host + ":" + std::to_string(metrics->port()) + "/metrics";
      std::fputs(FormatLogLine(display.log_format, LogLevel::kInfo, where, UnixMillis()).c_str(), stderr);
    }
  }

  Crawler crawler(*config);
  // The progress line is for a person at a terminal: not in a pipe, a file or a log collector's JSON.
  const bool live = !quiet && display.log_format == LogFormat::kText && ::isatty(STDERR_FILENO);
  crawler.OnLog([&display, live](LogLevel level, const std::string& message) {
    if (level > display.log_level) return;
    // A log line clears the progress line first; the next progress tick draws it again below.
    if (live) std::fputs("\r\033[K", stderr);
    std::fputs(FormatLogLine(display.log_format, level, message, UnixMillis()).c_str(), stderr);
  });
  if (live || metrics) {
    crawler.OnProgress([live, server = metrics.get()](const Progress& p) {
      if (server != nullptr) server->Publish(PrometheusText(p));
      if (!live) return;
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
    const std::vector<std::string> paths = ExportPaths(config->output, config->name);
    for (const std::string& path : paths) std::printf("  wrote %s\n", path.c_str());
    if (!paths.empty()) std::printf("  wrote %s\n", StatsPath(config->output, config->name).c_str());
    std::fflush(stdout);
  }
  if (signal == SIGINT) return 130;
  if (signal == SIGTERM) return 143;
  return 0;
}

}  // namespace arachne
