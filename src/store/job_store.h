// JobStore: a crawl's state in a job folder on disk (RocksDB), so that the crawl survives any stop.
//
// Four kinds of entry, each in its own column family:
//   seen      the 64-bit keys of the URL fingerprints the crawl has queued (job_dedup_store.h);
//   frontier  the URLs queued and not finished, by a sequence number (the order they were queued in);
//   robots    what each origin's robots.txt said, by origin;
//   default   everything else ("meta"): output file lengths, counters, the seed file of the last run.
//
// Writes are not applied one by one: they gather in a pending batch that Commit() applies atomically and
// durably (the write-ahead log is fsynced), so that after a crash, a kill -9 or a power cut the folder
// holds exactly the state of the last commit. Reads see committed entries only.
//
// One process at a time: Open fails while another holds the folder. OpenForReading does not take it, so
// `arachne status` can look at a job that is running.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "arachne/status.h"

namespace arachne {

class JobStore {
 public:
  // Opens the job folder `dir`, creating it (and its parents) if missing.
  static Result<std::unique_ptr<JobStore>> Open(const std::string& dir);
  // Opens an existing job folder without changing it; NotFound if it holds no job. Writes fail.
  static Result<std::unique_ptr<JobStore>> OpenForReading(const std::string& dir);

  ~JobStore();
  JobStore(const JobStore&) = delete;
  JobStore& operator=(const JobStore&) = delete;

  const std::string& dir() const { return dir_; }

  // Committed entries, in key order. A callback returning false stops the walk.
  Status ForEachSeen(const std::function<bool(std::uint64_t key)>& visit) const;
  // From sequence number `from` on.
  Status ForEachQueued(const std::function<bool(std::uint64_t seq, std::string_view value)>& visit,
                       std::uint64_t from = 0) const;
  Status ForEachRobots(
      const std::function<bool(std::string_view origin, std::string_view value)>& visit) const;
  // Meta entries whose key starts with `prefix`.
  Status ForEachMeta(std::string_view prefix,
                     const std::function<bool(std::string_view key, std::string_view value)>& visit) const;
  Result<std::optional<std::string>> Meta(std::string_view key) const;

  // Pending until Commit.
  void AddSeen(std::uint64_t key);
  void PutQueued(std::uint64_t seq, std::string_view value);
  void DeleteQueued(std::uint64_t seq);
  void PutRobots(std::string_view origin, std::string_view value);
  void PutMeta(std::string_view key, std::string_view value);
  // Bytes of pending writes.
  std::size_t pending_bytes() const;

  // Applies every pending write at once and waits until it is on disk. On failure (a full disk ...)
  // nothing of it is applied, and the pending writes are dropped.
  Status Commit();

 private:
  struct Db;
  JobStore(std::string dir, std::unique_ptr<Db> db);

  std::string dir_;
  std::unique_ptr<Db> db_;
};

}  // namespace arachne
