// CrawlJournal: how the coordinator keeps a crawl in its job folder (Config::job), so that running it
// again goes on where it stopped, whatever stopped it.
//
// What is saved (store/job_store.h): every URL queued and not finished, the seen set, what robots.txt
// said, the counters, and the length of each output file. Saving happens at checkpoints, about once a
// second and at the end: the output files are written to disk first (fsync), then one atomic commit
// saves the rest, their lengths included. Between checkpoints nothing is saved, so the folder always
// holds the state of the last checkpoint, and that state is consistent:
//   - a URL stays queued in the folder until the checkpoint that saves its record's bytes;
//   - the links of a page are saved by the same checkpoint as its record.
// Resuming after a crash cuts each output file back to its saved length, so the records written after the
// last checkpoint go away with the URLs that are queued again to produce them: every URL queued is fetched,
// and every record is exported exactly once.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "arachne/status.h"
#include "coordinator/crawl_stats.h"
#include "coordinator/frontier.h"
#include "export/exporter.h"
#include "ipc/messages.h"
#include "store/dedup_store.h"
#include "store/job_store.h"

namespace arachne {

// What a job folder says about a crawl, for `arachne status` (and for the crawl that resumes it).
struct JobProgress {
  struct Host {
    std::uint64_t done = 0;    // records written
    std::uint64_t failed = 0;  // of those, with an error
    std::uint64_t queued = 0;  // URLs waiting
  };
  std::string state;    // "running" (or killed while running), "stopped", "finished"
  double saved_at = 0;  // seconds since the epoch of the last checkpoint
  std::uint64_t done = 0;
  std::uint64_t failed = 0;
  std::uint64_t queued = 0;
  std::uint64_t discovered = 0;
  std::map<std::string, Host> hosts;             // by "scheme://host:port"
  std::map<std::string, std::uint64_t> outputs;  // output file, saved length
  std::string config;                            // ConfigToJson of the last run's config
};

class CrawlJournal {
 public:
  // What an earlier run left, to go on with.
  struct Resumed {
    bool fresh = true;                                    // the folder held no crawl
    std::vector<QueuedUrl> queued;                        // in the order they were queued
    std::map<std::string, std::uint64_t> output_lengths;  // by path
    std::map<std::string, std::uint64_t> done_per_host;   // records written, by "scheme://host:port"
    std::string stats;                                    // CrawlStats::Save at the last checkpoint
    std::string config;                                   // ConfigToJson of the last run
    std::string state;
    // Each origin's robots.txt response still within `cache` (status, error, body) and how old it is.
    struct Robots {
      std::string origin;
      FetchOutcome response;
      std::chrono::seconds age{0};
    };
    std::vector<Robots> robots;
  };

  // Opens (or creates) the job folder; fails if another crawl has it open.
  static Result<std::unique_ptr<CrawlJournal>> Open(const std::string& dir);
  // Reads a job folder's progress without opening it for a crawl.
  static Result<JobProgress> ReadProgress(const std::string& dir);

  // Reads what the folder holds: at most `max_in_memory` queued URLs, the oldest; the others wait on disk
  // (spilled). Robots.txt responses older than `robots_cache` are left out.
  Result<Resumed> Load(std::chrono::seconds robots_cache, std::uint64_t max_in_memory);
  // The crawl's dedup store, saved with the folder.
  DedupStore& seen() { return *seen_; }
  const std::string& dir() const { return store_->dir(); }

  // `url` is newly queued: saved under a new key (kept in `url`). True when it must wait on disk instead
  // of joining the in-memory frontier, which holds `in_memory` URLs: it is at `max_in_memory`, or earlier
  // URLs wait on disk already (they come back first).
  bool Queue(QueuedUrl& url, std::uint64_t in_memory);
  // Saves again a URL the frontier holds (its retries or attempts changed); nothing for one without a
  // key (queued before a spill folder was opened: it never leaves memory).
  void Resave(const QueuedUrl& url);
  // URLs waiting on disk.
  std::uint64_t spilled() const { return spilled_; }
  // Reads back up to `n` of the URLs waiting on disk, oldest first. Only what a checkpoint committed can
  // be read: checkpoint first.
  Result<std::vector<QueuedUrl>> Unspill(std::size_t n);
  // `url` is finished (recorded, or dropped): removed.
  void Settle(const QueuedUrl& url);
  // A record was written for a URL of `host`.
  void Recorded(std::string_view host, bool failed);
  // An origin's robots.txt response, to be reused by a resumed crawl until it expires.
  void RobotsFetched(std::string_view origin, const FetchOutcome& response);

  // Whether the pending changes are many enough to checkpoint before the next interval.
  bool Heavy() const;
  // Writes `exporters` to disk and commits every change since the last checkpoint with their lengths, the
  // counters and `state`. On failure nothing of it is saved: the crawl must stop, and resumes from the
  // last checkpoint.
  Status Checkpoint(const std::vector<std::unique_ptr<Exporter>>& exporters, const CrawlStats& stats,
                    const std::string& config_json, std::string_view state);

 private:
  explicit CrawlJournal(std::unique_ptr<JobStore> store) : store_(std::move(store)) {}
  bool Decode(std::uint64_t key, std::string_view value, QueuedUrl& url, Status& error) const;
  // The tally of `host`, marked to be saved at the next checkpoint.
  JobProgress::Host& Tally(std::string_view host);

  std::unique_ptr<JobStore> store_;
  std::unique_ptr<DedupStore> seen_;
  std::uint64_t next_key_ = 1;
  std::uint64_t max_in_memory_ = UINT64_MAX;
  // Spilled URLs are the queued ones from key spill_from_ on: once one spills, every newer URL does too,
  // until all are read back; the frontier's own URLs all have smaller keys.
  std::uint64_t spilled_ = 0;
  std::uint64_t spill_from_ = 0;
  std::unordered_map<std::string, JobProgress::Host> hosts_;  // every host's tally
  std::unordered_set<std::string> hosts_changed_;             // since the last checkpoint
};

// QueuedUrl <-> the bytes a job folder keeps for it.
std::string EncodeQueuedUrl(const QueuedUrl& url);
bool DecodeQueuedUrl(std::string_view bytes, QueuedUrl& url);

}  // namespace arachne
