// Crawler: runs one crawl to its end, with the same processes as the `arachne` command line.
//
//   arachne::Result<arachne::Config> config = arachne::Config::FromFile("seeds/site.toml");
//   arachne::Crawler crawler(*config);
//   crawler.OnRecord([](const arachne::Record& r) { ... });
//   arachne::Result<arachne::Summary> summary = crawler.Run();
//
// Processes: Run() is the coordinator. It starts `workers.fetchers` fetcher processes and `workers.parsers`
// parser processes by fork and exec of the worker executable (Config::worker_executable), so they start
// clean whatever threads the embedding program has; it restarts any that die, and they exit when it does.
// Records and exports are produced in the calling thread; callbacks run there too.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "arachne/config.h"
#include "arachne/log.h"
#include "arachne/page.h"
#include "arachne/record.h"
#include "arachne/status.h"
#include "arachne/summary.h"

namespace arachne {

class Crawler {
 public:
  explicit Crawler(Config config);
  ~Crawler();
  Crawler(const Crawler&) = delete;
  Crawler& operator=(const Crawler&) = delete;

  // Called once per record, after it has been written to the configured outputs. With a job folder
  // (Config::job), a record written after the last checkpoint of a run that crashed is written again by
  // the run that resumes it: the outputs hold it once, but this callback sees it in both runs.
  void OnRecord(std::function<void(const Record&)> callback);
  // Called with each HTML page's DOM before its record is written, for scraping that [[extract]] rules
  // (Config::extract) cannot express; it may change the record, such as setting the values of its
  // `fields`. JSON outputs write every field the record has; a CSV file has one column per [[extract]] rule,
  // so a field meant for CSV is declared as a rule (its selector may match nothing) and filled in here.
  // Of two fields with one name (one added here), the last is the record's value in every output.
  // Runs in the calling thread, on a tree parsed there (the parser processes send the page's text back,
  // its first 24 MiB, once this is set): work done here is not spread over the parser processes.
  void OnPage(std::function<void(const Page&, Record&)> callback);
  // Called about every `interval_ms` while the crawl runs.
  void OnProgress(std::function<void(const Progress&)> callback, int interval_ms = 250);
  // Called with each line of the crawl's log (a worker restarted, a job overdue ...) and its level, debug
  // lines included (LogLevel); the first form drops the level. Without a callback, lines of level info and
  // up go to stderr.
  void OnLog(std::function<void(LogLevel, const std::string&)> callback);
  void OnLog(std::function<void(const std::string&)> callback);

  // Validates the config, runs the crawl until the frontier is empty, max_pages is reached or Stop() is
  // called, then flushes and closes every output. An invalid config fails before any request is sent.
  // After Stop() the result is a Summary with `stopped` set, not an error.
  Result<Summary> Run();

  // Asks a running crawl to stop: no new URLs are handed out, work in flight gets a short grace period,
  // outputs are flushed. Safe to call from another thread and from a signal handler.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace arachne
