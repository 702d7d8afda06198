#include "coordinator/crawl_journal.h"

#include <charconv>
#include <chrono>

#include "ipc/wire.h"
#include "store/job_dedup_store.h"

namespace arachne {

namespace {

// Checkpoints come once a second; a crawl that queues links faster than that holds them in memory until
// then, so a batch this large is committed at once.
constexpr std::size_t kHeavyBytes = 32 << 20;
// The version byte in front of every saved URL: a folder from a later format is refused, not misread.
constexpr std::uint64_t kUrlFormat = 1;

constexpr std::string_view kConfigKey = "config";
constexpr std::string_view kStateKey = "state";
constexpr std::string_view kSavedAtKey = "saved_at";
constexpr std::string_view kStatsKey = "stats";
constexpr std::string_view kNextKeyKey = "next_key";
constexpr std::string_view kOutputPrefix = "output ";
constexpr std::string_view kHostPrefix = "host ";

double WallSeconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::optional<std::uint64_t> ParseCount(std::string_view text) {
  std::uint64_t n = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

// A host's tally as saved: "done failed queued".
std::string HostValue(const JobProgress::Host& h) {
  return std::to_string(h.done) + " " + std::to_string(h.failed) + " " + std::to_string(h.queued);
}

bool ParseHostValue(std::string_view value, JobProgress::Host& h) {
  std::uint64_t* fields[] = {&h.done, &h.failed, &h.queued};
  for (std::size_t i = 0; i < 3; ++i) {
    const std::size_t space = i < 2 ? value.find(' ') : value.size();
    if (space == std::string_view::npos) return false;
    std::optional<std::uint64_t> n = ParseCount(value.substr(0, space));
    if (!n) return false;
    *fields[i] = *n;
    value.remove_prefix(i < 2 ? space + 1 : space);
  }
  return true;
}

Status Corrupt(const std::string& dir, std::string_view what) {
  return Status::IoError("job folder '" + dir + "' holds a " + std::string(what) +
                         " this version of Arachne cannot read");
}

// Reads the per-host tallies and output lengths every reader of a folder wants.
Status ReadMeta(const JobStore& store, std::unordered_map<std::string, JobProgress::Host>& hosts,
                std::map<std::string, std::uint64_t>& outputs) {
  Status bad;
  Status s = store.ForEachMeta(kHostPrefix, [&](std::string_view key, std::string_view value) {
    JobProgress::Host h;
    if (!ParseHostValue(value, h)) {
      bad = Corrupt(store.dir(), "host tally");
      return false;
    }
    hosts[std::string(key.substr(kHostPrefix.size()))] = h;
    return true;
  });
  if (s.ok()) s = bad;
  if (!s.ok()) return s;
  s = store.ForEachMeta(kOutputPrefix, [&](std::string_view key, std::string_view value) {
    std::optional<std::uint64_t> length = ParseCount(value);
    if (!length) {
      bad = Corrupt(store.dir(), "output length");
      return false;
    }
    outputs[std::string(key.substr(kOutputPrefix.size()))] = *length;
    return true;
  });
  return s.ok() ? bad : s;
}

std::string MetaOr(const JobStore& store, std::string_view key, Status& status) {
  Result<std::optional<std::string>> value = store.Meta(key);
  if (!value.ok()) {
    if (status.ok()) status = value.status();
    return "";
  }
  return value->value_or("");
}

}  // namespace

std::string EncodeQueuedUrl(const QueuedUrl& url) {
  std::string out;
  WireWriter w(out);
  w.U64(kUrlFormat);
  w.String(url.url);
  w.String(url.referrer);
  w.I64(url.depth);
  w.I64(url.attempts);
  w.I64(url.retries);
  w.Bool(url.sitemap);
  w.U64(url.redirects.size());
  for (const std::string& r : url.redirects) w.String(r);
  return out;
}

bool DecodeQueuedUrl(std::string_view bytes, QueuedUrl& url) {
  WireReader r(bytes);
  std::uint64_t format = 0, redirects = 0;
  if (!r.U64(format) || format != kUrlFormat) return false;
  if (!r.String(url.url) || !r.String(url.referrer) || !r.Int(url.depth) || !r.Int(url.attempts) ||
      !r.Int(url.retries) || !r.Bool(url.sitemap) || !r.U64(redirects) || redirects > bytes.size()) {
    return false;
  }
  url.redirects.resize(redirects);
  for (std::string& redirect : url.redirects) {
    if (!r.String(redirect)) return false;
  }
  return r.ok() && r.at_end();
}

Result<std::unique_ptr<CrawlJournal>> CrawlJournal::Open(const std::string& dir) {
  Result<std::unique_ptr<JobStore>> store = JobStore::Open(dir);
  if (!store.ok()) return store.status();
  std::unique_ptr<CrawlJournal> journal(new CrawlJournal(std::move(store).value()));
  Result<std::unique_ptr<JobDedupStore>> seen = JobDedupStore::Load(*journal->store_);
  if (!seen.ok()) return seen.status();
  journal->seen_ = std::move(seen).value();
  return journal;
}

bool CrawlJournal::Decode(std::uint64_t key, std::string_view value, QueuedUrl& url, Status& error) const {
  if (!DecodeQueuedUrl(value, url)) {
    error = Corrupt(dir(), "queued URL");
    return false;
  }
  url.job_key = key;
  return true;
}

Result<CrawlJournal::Resumed> CrawlJournal::Load(std::chrono::seconds robots_cache, std::uint64_t max_in_memory) {
  max_in_memory_ = max_in_memory;
  Resumed resumed;
  Status status;
  resumed.config = MetaOr(*store_, kConfigKey, status);
  resumed.state = MetaOr(*store_, kStateKey, status);
  resumed.stats = MetaOr(*store_, kStatsKey, status);
  const std::string next_key = MetaOr(*store_, kNextKeyKey, status);
  if (!status.ok()) return status;
  resumed.fresh = resumed.config.empty();
  if (!next_key.empty()) {
    std::optional<std::uint64_t> n = ParseCount(next_key);
    if (!n) return Corrupt(dir(), "next key");
    next_key_ = *n;
  }
  if (Status s = ReadMeta(*store_, hosts_, resumed.output_lengths); !s.ok()) return s;
  for (const auto& [host, tally] : hosts_) resumed.done_per_host[host] = tally.done;

  Status bad;
  status = store_->ForEachQueued([&](std::uint64_t key, std::string_view value) {
    next_key_ = std::max(next_key_, key + 1);
    if (resumed.queued.size() >= max_in_memory_) {
      if (spilled_++ == 0) spill_from_ = key;
      return true;
    }
    QueuedUrl url;
    if (!Decode(key, value, url, bad)) return false;
    resumed.queued.push_back(std::move(url));
    return true;
  });
  if (status.ok()) status = bad;
  if (!status.ok()) return status;

  const double now = WallSeconds();
  status = store_->ForEachRobots([&](std::string_view origin, std::string_view value) {
    WireReader r(value);
    double fetched_at = 0;
    Resumed::Robots robots;
    robots.origin = origin;
    if (!r.Double(fetched_at) || !r.Int(robots.response.status) || !r.String(robots.response.error) ||
        !r.String(robots.response.body)) {
      return true;  // an entry that cannot be read is fetched again
    }
    robots.age = std::chrono::seconds(static_cast<std::int64_t>(std::max(0.0, now - fetched_at)));
    if (robots.age < robots_cache) resumed.robots.push_back(std::move(robots));
    return true;
  });
  if (!status.ok()) return status;
  return resumed;
}

bool CrawlJournal::Queue(QueuedUrl& url, std::uint64_t in_memory) {
  url.job_key = next_key_++;
  ++Tally(HostKeyOf(url.url)).queued;
  const bool spill = spilled_ > 0 || in_memory >= max_in_memory_;
  if (spill && spilled_++ == 0) spill_from_ = url.job_key;
  store_->PutQueued(url.job_key, EncodeQueuedUrl(url));
  return spill;
}

void CrawlJournal::Resave(const QueuedUrl& url) {
  if (url.job_key != 0) store_->PutQueued(url.job_key, EncodeQueuedUrl(url));
}

Result<std::vector<QueuedUrl>> CrawlJournal::Unspill(std::size_t n) {
  std::vector<QueuedUrl> urls;
  if (n == 0 || spilled_ == 0) return urls;  // the URLs from spill_from_ on are not all spilled then
  Status bad;
  std::uint64_t last = 0;
  Status s = store_->ForEachQueued(
      [&](std::uint64_t key, std::string_view value) {
        if (urls.size() >= n) return false;
        QueuedUrl url;
        if (!Decode(key, value, url, bad)) return false;
        last = key;
        urls.push_back(std::move(url));
        return true;
      },
      spill_from_);
  if (s.ok()) s = bad;
  if (!s.ok()) return s;
  if (urls.size() < n) {
    spilled_ = 0;  // all read back (or fewer on disk than counted: nothing more to find)
  } else {
    spilled_ -= std::min<std::uint64_t>(spilled_, urls.size());
    spill_from_ = last + 1;
  }
  return urls;
}

void CrawlJournal::Settle(const QueuedUrl& url) {
  if (url.job_key == 0) return;
  store_->DeleteQueued(url.job_key);
  JobProgress::Host& tally = Tally(HostKeyOf(url.url));
  if (tally.queued > 0) --tally.queued;
}

void CrawlJournal::Recorded(std::string_view host, bool failed) {
  JobProgress::Host& tally = Tally(host);
  ++tally.done;
  if (failed) ++tally.failed;
}

JobProgress::Host& CrawlJournal::Tally(std::string_view host) {
  auto it = hosts_.find(std::string(host));
  if (it == hosts_.end()) it = hosts_.emplace(std::string(host), JobProgress::Host{}).first;
  hosts_changed_.insert(it->first);
  return it->second;
}

void CrawlJournal::RobotsFetched(std::string_view origin, const FetchOutcome& response) {
  std::string value;
  WireWriter w(value);
  w.Double(WallSeconds());
  w.I64(response.status);
  w.String(response.error);
  w.String(response.body);
  store_->PutRobots(origin, value);
}

bool CrawlJournal::Heavy() const {
  return store_->pending_bytes() >= kHeavyBytes;
}

Status CrawlJournal::Checkpoint(const std::vector<std::unique_ptr<Exporter>>& exporters,
                                const CrawlStats& stats, const std::string& config_json,
                                std::string_view state) {
  // The records first: the lengths committed below must never count bytes that a crash could lose.
  for (const auto& exporter : exporters) {
    Result<std::uint64_t> length = exporter->Sync();
    if (!length.ok()) return length.status();
    store_->PutMeta(std::string(kOutputPrefix) + exporter->path(), std::to_string(*length));
  }
  for (const std::string& host : hosts_changed_) {
    store_->PutMeta(std::string(kHostPrefix) + host, HostValue(hosts_.at(host)));
  }
  hosts_changed_.clear();
  store_->PutMeta(kStatsKey, stats.Save());
  store_->PutMeta(kConfigKey, config_json);
  store_->PutMeta(kStateKey, state);
  store_->PutMeta(kNextKeyKey, std::to_string(next_key_));
  store_->PutMeta(kSavedAtKey, std::to_string(WallSeconds()));
  return store_->Commit();
}

Result<JobProgress> CrawlJournal::ReadProgress(const std::string& dir) {
  Result<std::unique_ptr<JobStore>> opened = JobStore::OpenForReading(dir);
  if (!opened.ok()) return opened.status();
  const JobStore& store = **opened;
  JobProgress progress;
  Status status;
  progress.config = MetaOr(store, kConfigKey, status);
  progress.state = MetaOr(store, kStateKey, status);
  const std::string saved_at = MetaOr(store, kSavedAtKey, status);
  const std::string stats = MetaOr(store, kStatsKey, status);
  if (!status.ok()) return status;
  if (progress.config.empty()) return Status::NotFound("job folder '" + dir + "' holds no crawl yet");
  progress.saved_at = std::strtod(saved_at.c_str(), nullptr);
  std::unordered_map<std::string, JobProgress::Host> hosts;
  if (Status s = ReadMeta(store, hosts, progress.outputs); !s.ok()) return s;
  // From the tallies alone: a job of 50 million queued URLs is read in the time it takes to read its
  // hosts, not its queue.
  for (auto& [host, tally] : hosts) {
    if (tally.done == 0 && tally.queued == 0) continue;
    progress.hosts[host] = tally;
    progress.done += tally.done;
    progress.failed += tally.failed;
    progress.queued += tally.queued;
  }
  CrawlStats counters;
  if (!stats.empty() && counters.Restore(stats)) progress.discovered = counters.Finish(0, false).discovered;
  return progress;
}

}  // namespace arachne
