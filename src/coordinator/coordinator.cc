#include "coordinator/coordinator.h"

#include <poll.h>
#include <sys/resource.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <thread>
#include <unordered_map>
#include <vector>

#include "cluster/join_cluster.h"
#include "common/cpu_time.h"
#include "common/temp_folder.h"
#include "common/text_file.h"
#include "common/utf8.h"
#include "config/config_json.h"
#include "coordinator/auto_throttle.h"
#include "coordinator/crawl_breakdown.h"
#include "coordinator/crawl_journal.h"
#include "coordinator/crawl_stats.h"
#include "coordinator/frontier.h"
#include "coordinator/in_flight.h"
#include "coordinator/link_verdicts.h"
#include "coordinator/process_timeline.h"
#include "coordinator/retry_policy.h"
#include "coordinator/robots_gate.h"
#include "coordinator/stats_file.h"
#include "coordinator/supervisor.h"
#include "coordinator/worker_autoscaler.h"
#include "export/exporters.h"
#include "ipc/messages.h"
#include "ipc/parse_queue.h"
#include "ipc/shared_body.h"
#include "scope/scope.h"
#include "scope/trap_rules.h"
#include "scope/url_normalizer.h"
#include "store/memory_dedup_store.h"
#include "url/url.h"

namespace arachne {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// After a stop request, work in flight gets this long to finish before it is dropped.
constexpr milliseconds kStopGrace{3000};
// A URL whose fetch or parse was lost to a dying (or stuck) worker this many times is quarantined: it gets
// an error record and is not tried again, so one poisoned page cannot kill workers in a loop.
constexpr int kMaxAttempts = 2;
constexpr milliseconds kFlushInterval{1000};
// How often <name>.stats.json is rewritten while the crawl runs.
constexpr milliseconds kStatsInterval{2000};
// Longer URLs are not even parsed, whatever [scope] max_url_length says: RFC 9110 section 4.1 recommends
// supporting 8000 octets, and only traps make longer ones.
constexpr std::size_t kMaxUrlBytes = 8000;
// How many links ahead of the one being decided a page's links have their verdict slots prefetched
// (LinkVerdicts::Prefetch): enough for the loads to arrive in time, few enough to stay in the cache.
constexpr std::size_t kPrefetchAhead = 8;
// Unreachable robots.txt fetches of one origin before its URLs are refused (RFC 9309 section 2.3.1.4).
constexpr int kRobotsMaxFailures = 3;
// The key a sitemap URL is deduplicated under, apart from the same URL as a page.
constexpr std::string_view kSitemapKeyPrefix = "sitemap ";

Clock::duration SecondsToDuration(double seconds) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

milliseconds SecondsToMillis(double seconds) {
  return std::chrono::duration_cast<milliseconds>(std::chrono::duration<double, std::milli>(seconds * 1000));
}

AutoThrottle::Options ThrottleOptions(const Config& config) {
  AutoThrottle::Options o;
  o.adaptive = config.politeness.adaptive;
  o.target_concurrency = config.politeness.target_concurrency;
  o.min_delay = milliseconds(config.politeness.delay_ms);
  o.max_delay = SecondsToMillis(config.politeness.max_delay_s);
  o.first_backoff = SecondsToMillis(config.retry.backoff_s);
  return o;
}

RobotsGate::Options RobotsOptions(const Config& config) {
  RobotsGate::Options o;
  o.user_agent = config.fetch.user_agent;
  o.cache = SecondsToDuration(config.robots.cache_s);
  o.max_failures = kRobotsMaxFailures;
  return o;
}

NormalizeOptions NormalizerOptions(const Config& config) {
  NormalizeOptions o;
  o.drop_query_params = config.urls.drop_query_params;
  o.sort_query_params = config.urls.sort_query_params;
  return o;
}

TrapLimits Limits(const ScopeConfig& scope) {
  TrapLimits limits;
  limits.max_url_length = static_cast<std::size_t>(scope.max_url_length);
  limits.max_path_depth = scope.max_path_depth;
  limits.max_repeated_segments = scope.max_repeated_segments;
  limits.max_query_params = scope.max_query_params;
  return limits;
}
// Beyond the transfer timeout, how long a fetcher may take to report.
constexpr std::chrono::seconds kFetchDeadlineSlack{30};
// How long a job may wait in the parse queue for a parser to take it. Only a job lost on the way (never
// taken, with no parser dying) runs into this; the parse itself has [workers] parse_timeout_s from the
// parser's claim (ParseClaim).
constexpr std::chrono::minutes kQueueDeadline{10};
constexpr milliseconds kIdlePoll{200};
// A gap this long between two turns of the coordinator's loop (which waits a second at most) means it was
// away, not its children.
constexpr std::chrono::seconds kHeartbeatGrace{2};

// The crawl's error when a fetcher had no room for a body (kNoRoomError), with what the user can do.
Status NoRoom(const FetchOutcome& outcome, bool job) {
  return Status::IoError("no room on this machine for the body of " + outcome.url + " (" + outcome.error_detail +
                         "): the crawl stops, as on a full disk. Raise the file size limit (ulimit -f) or free "
                         "memory, and run it again" +
                         (job ? ": the job goes on where it stopped" : ""));
}

// What the exporters need from the config besides the output folder and name.
ExportDetails ExportDetailsOf(const Config& config) {
  ExportDetails details;
  for (const ExtractRule& rule : config.extract) details.field_names.push_back(rule.field);
  // The archive's warcinfo (WARC 1.1 section 6.2 suggests these fields of the crawl).
  details.warcinfo = {{"isPartOf", config.name},
                      {"http-header-user-agent", config.fetch.user_agent},
                      {"robots", config.robots.obey ? "obey" : "ignore"}};
  for (const std::string& seed : config.seeds) details.warcinfo.emplace_back("seed", seed);
  return details;
}

class Coordinator {
 public:
  Coordinator(const Config& config, const CoordinatorHooks& hooks)
      : config_(config),
        hooks_(hooks),
        frontier_(config.politeness.max_per_host, milliseconds(config.politeness.delay_ms)),
        robots_(RobotsOptions(config)),
        throttle_(ThrottleOptions(config)),
        retry_(config.retry.max_retries, SecondsToMillis(config.retry.backoff_s),
               SecondsToMillis(config.politeness.max_delay_s), std::random_device{}()),
        traps_(Limits(config.scope)),
        fetch_deadline_(SecondsToDuration(config.fetch.timeout_s) + kFetchDeadlineSlack),
        parse_deadline_(SecondsToDuration(config.workers.parse_timeout_s)) {
    const std::vector<std::string>& formats = config.output.formats;
    archiving_ = std::find(formats.begin(), formats.end(), "warc") != formats.end();
    stall_warning_ = 2 * std::max(SecondsToDuration(config.fetch.timeout_s), parse_deadline_);
  }

  Result<Summary> Run();

 private:
  Status Prepare();
  // Opens the job folder, if the crawl has one, and reads what an earlier run left in it.
  Status OpenJob();
  // Joins the crawl's cluster, if it has one ([cluster] redis).
  Status JoinCrawlCluster();
  // Trades with the cluster's shared frontier when due: the URLs found and finished go out, URLs of the
  // hosts this node holds come in, and the hosts another node took over leave the frontier.
  void SyncCluster(Clock::time_point now);
  // Tells the shared frontier, if any, that this node is done with `url`.
  void SettleShared(const QueuedUrl& url);
  // Drops the URLs of `host` waiting here (queued, or waiting for a retry): another node holds the host now
  // or, `handing_over`, is to hold it once this node gives the URLs back. Returns how many.
  std::uint64_t DropHost(const std::string& host, bool handing_over);
  // At the end: the records on disk, the cluster told, the node's hosts given up for other nodes to take.
  void LeaveCluster();
  // The name of this node's output files: the crawl's, and in a cluster the node's too.
  std::string OutputName() const { return shared_ ? config_.name + "." + node_ : config_.name; }
  void Seed();
  // Queues the seed file's seeds and sitemaps; returns how many seeds were new (not seen before).
  std::uint64_t QueueSeeds();
  // Goes on with what an earlier run of the job left: its queue, its robots.txt cache; the seed file's
  // changes since are applied, and told.
  void Resume(CrawlJournal::Resumed& resumed);
  // Saves the crawl in its job folder; `state` says how the run ends ("running" while it goes on). With a
  // spill folder only, commits what waits there: the outputs are not the folder's to keep.
  void Checkpoint(std::string_view state);
  // Whether a URL queued by an earlier run may still be crawled: with the scope or URL rules changed
  // since, they decide again.
  bool StillAdmitted(const QueuedUrl& url);
  // Brings URLs that wait in the job folder back into the frontier once it is half empty.
  void Refill();
  // Whether a URL about to be queued must wait on disk. Without a job folder, the first time the frontier
  // is full opens a temporary one for the overflow (spill_folder_), removed when the crawl ends.
  bool Spill(QueuedUrl& url);
  // URLs queued: in the frontier, and waiting in the job folder.
  std::uint64_t Queued() const { return frontier_.size() + (journal_ ? journal_->spilled() : 0); }
  void Dispatch();
  // The live fetcher with the fewest transfers outstanding, if any has room.
  int PickFetcher() const;
  void SendFetch(int fetcher, QueuedUrl url, FetchKind kind, bool counts_as_page);
  // Robots.txt decides on a URL just popped: true to fetch it; otherwise it was put back, dropped or
  // recorded here.
  bool RobotsLetThrough(QueuedUrl& url, Clock::time_point now);
  void StartRobotsFetch(const std::string& origin);
  // Makes an origin's robots.txt Crawl-delay (up to max_crawl_delay_s) its least delay, if it has one.
  void ApplyCrawlDelay(const std::string& origin, const RobotsGate::Learned& learned);
  void OnRobotsFetched(InFlight& entry, const FetchOutcome& outcome);
  void MoveDueWork(Clock::time_point now);
  Status PollOnce();
  Status HandleFrame(int slot_index, std::string_view payload);
  void OnFetchDone(int slot_index, FetchOutcome& outcome);
  // The job the parser in `slot_index` claims now (ParseClaim), if any and still in flight unrecorded.
  std::optional<ParseClaim::Held> Claimed(int slot_index) const;
  // Notes what each live parser claims on its in-flight entry: who holds it, and its parse deadline,
  // which runs from the claim.
  void ObserveClaims();
  void OnParsed(ParsedMessage& parsed);
  // Feeds a page fetch's outcome to the host's politeness: its delay, a backoff pause, its IP bucket.
  // Once per entry, from FetchDone or from Parsed (which echoes the outcome), whichever comes first: a
  // parser can report before the fetcher does, and the page's links must not start before its host's
  // new delay is known.
  void Throttle(InFlight& entry, const FetchOutcome& outcome);
  void Complete(InFlight& entry, const FetchOutcome& fetch, const ParsedMessage* parsed);
  // A record's [[extract]] fields: the parser's values, or nulls when it sent none (not an HTML page).
  std::vector<FieldValue> RecordFields(const ParsedMessage* parsed) const;
  // The end of a dispatched URL without a record (a sitemap, a URL robots.txt refuses). `settled`: the
  // URL is done for good (not waiting for a retry).
  void Finish(InFlight& entry, bool settled = true);
  void OnSitemap(InFlight& entry, const ParsedMessage& parsed);
  // Queues `url` unless a rule refuses it (depth, scope, a trap cap, robots.txt, dedup); true if queued.
  bool Discover(std::string_view url, int depth, const std::string& referrer, bool check_scope,
                std::vector<std::string> redirects = {});
  void DiscoverSitemap(std::string_view url, const std::string& referrer);
  // The dedup key of an http(s) URL, or nothing (with the reason counted) when a rule refuses it.
  // The normalized form of `url` if the crawl may queue it (not yet deduplicated), else nothing, with the
  // reason counted. `verdict`, if given, says what was decided.
  std::optional<std::string> Admit(std::string_view url, bool check_scope, LinkVerdict* verdict = nullptr);
  void ReleaseFetchSlot(InFlight& entry);
  // Puts a URL a worker held back in the frontier. `blame`: the URL was known to be in the worker's hands
  // (not merely waiting in the parse queue), so the loss counts towards its attempts.
  void Requeue(InFlight& entry, const std::string& why, bool blame);
  // Takes back the work of a dead or late worker, whatever its kind.
  void TakeBack(std::uint64_t id, const std::string& why, bool blame);
  Status OnWorkerLost(int slot_index, const std::string& why);
  void Log(LogLevel level, const std::string& line);
  bool PageBudgetLeft() const;
  bool Finished() const;
  double Elapsed(Clock::time_point t) const { return std::chrono::duration<double>(t - started_).count(); }
  // The timeline of the process in slot `index`, started afresh when the slot's process changed.
  ProcessTimeline& TimelineOf(std::size_t index, Clock::time_point now);
  // Brings every slot's timeline up to date: new processes, ended ones, fetchers busy or idle.
  void SampleTimelines(Clock::time_point now);
  Progress Snapshot();
  void WriteStats(std::string_view state);
  // Every record written, and with an archive every fetch reported.
  bool Settled() const;
  // Once no URL has finished for stall_warning_, logs what the crawl is waiting for.
  void WarnIfStalled(Clock::time_point now);
  void SweepDeadlines();
  // Samples the workers' load and starts another fetcher or parser where the work waits.
  Status Autoscale();
  // Pings the children that are due a heartbeat and replaces those that have stopped answering.
  Status CheckHeartbeats();
  // Whether a parser holds a page: then its parse deadline, not its heartbeat, says when it is stuck.
  bool Parsing(int slot_index) const;
  void MaybeReportProgress(bool force);

  const Config& config_;
  const CoordinatorHooks& hooks_;
  Frontier frontier_;
  RobotsGate robots_;
  AutoThrottle throttle_;
  RetryPolicy retry_;
  TrapRules traps_;
  std::unique_ptr<UrlNormalizer> normalizer_;
  MemoryDedupStore memory_seen_;
  DedupStore* seen_ = &memory_seen_;  // the job's, with a job folder
  std::optional<TempFolder> spill_folder_;  // without one: where the frontier's overflow waits
  bool spill_failed_ = false;               // it could not be created: the frontier stays in memory
  std::unique_ptr<CrawlJournal> journal_;   // with a job folder, or a spill folder (destroyed first)
  std::unique_ptr<SharedFrontier> shared_;  // in a cluster crawl: the crawl's frontier and dedup store
  std::string node_;                        // this node's name in the cluster
  bool cluster_unreachable_ = false;        // the last Sync could not reach the shared frontier
  std::optional<CrawlJournal::Resumed> resumed_;
  bool rescope_ = false;  // the scope changed since the job's last run (StillAdmitted)
  LinkVerdicts link_verdicts_;  // links admitted or refused before, by spelling (without the scope check)
  std::unique_ptr<Scope> scope_;
  std::vector<std::unique_ptr<Exporter>> exporters_;
  std::unique_ptr<Supervisor> supervisor_;
  ParseQueueEnds queue_;
  std::unordered_map<std::uint64_t, InFlight> in_flight_;
  std::uint64_t unrecorded_ = 0;  // in_flight_ entries whose record is not written yet
  // "warc" in output.formats: every FetchDone is waited for, for the archive records it carries.
  bool archiving_ = false;
  std::uint64_t next_id_ = 1;
  std::unordered_map<std::string, std::uint64_t> queued_per_host_;  // for max_pages_per_host
  std::multimap<Clock::time_point, QueuedUrl> retries_due_;         // URLs waiting out a backoff
  std::multimap<Clock::time_point, std::string> robots_due_;        // origins whose robots.txt to retry
  std::deque<std::string> robots_to_fetch_;                         // origins whose robots.txt to fetch now
  int robots_in_flight_ = 0;
  CrawlStats stats_;
  bool stopping_ = false;
  Clock::time_point stop_deadline_{};
  Clock::time_point next_progress_{};
  std::optional<WorkerAutoscaler> autoscaler_;
  Clock::time_point next_autoscale_{};
  Clock::time_point next_flush_{};
  Clock::time_point next_sweep_{};
  Clock::time_point last_heartbeat_check_ = Clock::now();
  Clock::duration fetch_deadline_;
  Clock::duration parse_deadline_;
  Status export_error_;
  std::string config_json_;

  // The stats file and the processes' timelines (docs/stats-json.md).
  const Clock::time_point started_ = Clock::now();
  const std::int64_t started_unix_s_ = static_cast<std::int64_t>(std::time(nullptr));
  CrawlBreakdown breakdown_;
  std::vector<std::optional<ProcessTimeline>> timelines_;  // by slot: the process that fills it now
  std::vector<ProcessTimeline> ended_timelines_;           // processes that died and were replaced
  std::string stats_path_;                                 // "" when the crawl writes no output
  Clock::time_point next_stats_{};
  Clock::time_point last_finished_ = Clock::now();  // when a URL was last finished (Finish)
  Clock::time_point next_stall_warning_{};
  // A crawl that has finished no URL for this long says what it waits for, once each such span: twice the
  // longest a fetch or a parse may take, so that no healthy crawl does.
  Clock::duration stall_warning_;
};

void Coordinator::Log(LogLevel level, const std::string& line) {
  if (hooks_.on_log) {
    hooks_.on_log(level, line);
  } else if (level <= LogLevel::kInfo) {
    std::fprintf(stderr, "arachne: %s\n", line.c_str());
  }
}

Status Coordinator::Prepare() {
  Result<Scope> scope = Scope::Create(config_.scope, config_.seeds);
  if (!scope.ok()) return scope.status();
  scope_ = std::make_unique<Scope>(std::move(*scope));

  Result<UrlNormalizer> normalizer = UrlNormalizer::Create(NormalizerOptions(config_));
  if (!normalizer.ok()) return normalizer.status();
  normalizer_ = std::make_unique<UrlNormalizer>(std::move(*normalizer));

  if (Status s = OpenJob(); !s.ok()) return s;
  if (Status s = JoinCrawlCluster(); !s.ok()) return s;
  auto exporters = OpenExporters(config_.output, OutputName(),
                                 resumed_ ? resumed_->output_lengths : std::map<std::string, std::uint64_t>{},
                                 ExportDetailsOf(config_));
  if (!exporters.ok()) return exporters.status();
  exporters_ = std::move(*exporters);
  if (!exporters_.empty()) stats_path_ = StatsPath(config_.output, OutputName());

  Result<ParseQueueEnds> queue = CreateParseQueue();
  if (!queue.ok()) return queue.status();
  queue_ = std::move(*queue);

  // 0: chosen by the autoscaler, from one up to one per core.
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  autoscaler_.emplace(config_.workers.fetchers == 0 ? cores : 0, config_.workers.parsers == 0 ? cores : 0);
  supervisor_ = std::make_unique<Supervisor>(config_.worker_executable,
                                             HelloMessage{config_json_, static_cast<bool>(hooks_.on_page)},
                                             queue_.fetcher_end.get(), queue_.parser_end.get(),
                                             SecondsToDuration(config_.workers.heartbeat_timeout_s));
  return supervisor_->Start(std::max(1, config_.workers.fetchers), std::max(1, config_.workers.parsers));
}

Status Coordinator::OpenJob() {
  config_json_ = ConfigToJson(config_);
  if (config_.job.empty()) return Status::Ok();
  Result<std::unique_ptr<CrawlJournal>> journal = CrawlJournal::Open(config_.job);
  if (!journal.ok()) return journal.status();
  journal_ = std::move(journal).value();
  const auto robots_cache = std::chrono::duration_cast<std::chrono::seconds>(SecondsToDuration(config_.robots.cache_s));
  Result<CrawlJournal::Resumed> resumed = journal_->Load(robots_cache, config_.frontier.max_in_memory);
  if (!resumed.ok()) return resumed.status();
  if (!resumed->fresh && !stats_.Restore(resumed->stats)) {
    return Status::IoError("job folder '" + config_.job + "' holds counters this version of Arachne cannot read");
  }
  seen_ = &journal_->seen();
  resumed_ = std::move(resumed).value();
  return Status::Ok();
}

Status Coordinator::JoinCrawlCluster() {
  if (config_.cluster.redis.empty()) return Status::Ok();
  if (!config_.job.empty()) {
    return Status::InvalidArgument("a cluster crawl keeps its state in Redis, which resumes it: drop the job folder "
                                   "(job, --job) or the cluster ([cluster] redis, --redis)");
  }
  Result<ClusterMembership> membership = JoinCluster(config_.cluster, config_.name);
  if (!membership.ok()) return membership.status();
  shared_ = std::move(membership->frontier);
  node_ = membership->node;
  Log(LogLevel::kInfo, "joined the cluster as " + shared_->Describe());
  return Status::Ok();
}

void Coordinator::SyncCluster(Clock::time_point now) {
  if (!shared_ || now < shared_->next_sync() || !export_error_.ok()) return;
  // Settlements go out only for records on disk: a node killed after telling the cluster must not take
  // records with it. (Killed before, its URLs are fetched again by the node that takes its hosts.)
  for (auto& exporter : exporters_) {
    if (Status s = exporter->Flush(); !s.ok() && export_error_.ok()) export_error_ = s;
  }
  if (!export_error_.ok()) return;
  // Enough URLs of its hosts for every fetch slot several times over, so that fetchers never wait for
  // Redis; the rest stay in the cluster, where a node that takes a host over finds them.
  const std::uint64_t capacity = static_cast<std::uint64_t>(std::max(1, config_.fetch.concurrency)) *
                                 static_cast<std::uint64_t>(std::max(1, config_.workers.fetchers));
  const std::uint64_t target =
      std::min<std::uint64_t>(config_.frontier.max_in_memory, std::max<std::uint64_t>(1000, 4 * capacity));
  const std::size_t want =
      frontier_.size() >= target ? 0 : static_cast<std::size_t>(target - frontier_.size());
  SyncResult result;
  Status s = shared_->Sync(now, stopping_ ? 0 : want, result);
  if (!s.ok() && s.code() != Status::Code::kIoError) {
    export_error_ = s;
    return;
  }
  if (!s.ok() != cluster_unreachable_) {
    cluster_unreachable_ = !s.ok();
    Log(LogLevel::kWarning, cluster_unreachable_ ? s.message() + "; new fetches pause until it is back"
                                                 : "the cluster's Redis is back");
  }
  for (const std::string& host : result.lost) {
    const std::uint64_t dropped = DropHost(host, /*handing_over=*/false);
    Log(LogLevel::kWarning, "another node holds " + host + " now (this node's lease on it ran out); " +
                                std::to_string(dropped) + " of its URLs are left to it");
  }
  for (const std::string& host : result.handing_over) {
    const std::uint64_t returned = DropHost(host, /*handing_over=*/true);
    Log(LogLevel::kInfo, "handing " + host + " over to another node (the cluster grew): " +
                             std::to_string(returned) + " queued URLs go with it");
  }
  for (SharedEntry& entry : result.claimed) {
    QueuedUrl url;
    if (!DecodeQueuedUrl(entry.payload, url) || HostKeyOf(url.url) != entry.host) {
      Log(LogLevel::kWarning, "the cluster's queue of " + entry.host + " holds an entry this node cannot read (" +
                                  entry.id + "); it is dropped");
      shared_->Settle(entry.host, entry.id, /*recorded=*/false);
      continue;
    }
    url.shared_id = std::move(entry.id);
    frontier_.Push(std::move(url));
  }
}

void Coordinator::LeaveCluster() {
  for (auto& exporter : exporters_) {
    if (Status s = exporter->Flush(); !s.ok() && export_error_.ok()) export_error_ = s;
  }
  // Its URLs are not settled then: the nodes that take its hosts fetch them again.
  if (!export_error_.ok()) return;
  const ClusterCounts cluster = shared_->counts();
  if (Status s = shared_->Leave(); !s.ok()) {
    Log(LogLevel::kWarning, "could not leave the cluster (" + s.message() + "): other nodes take this node's hosts "
                            "when its lease runs out");
    return;
  }
  Log(LogLevel::kInfo, "left the cluster: " + std::to_string(stats_.pages()) + " records written by this node, " +
                           std::to_string(cluster.recorded) + " by the cluster's " + std::to_string(cluster.nodes) +
                           " nodes so far");
}

std::uint64_t Coordinator::DropHost(const std::string& host, bool handing_over) {
  std::vector<QueuedUrl> dropped = frontier_.Evict(host);
  for (auto it = retries_due_.begin(); it != retries_due_.end();) {
    if (HostKeyOf(it->second.url) != host) {
      ++it;
      continue;
    }
    dropped.push_back(std::move(it->second));
    it = retries_due_.erase(it);
  }
  if (handing_over) {
    for (const QueuedUrl& url : dropped) shared_->Return(host, url.shared_id);
  }
  return dropped.size();
}

void Coordinator::SettleShared(const QueuedUrl& url) {
  if (shared_ && !url.shared_id.empty()) shared_->Settle(HostKeyOf(url.url), url.shared_id, !url.sitemap);
}

void Coordinator::Seed() {
  if (resumed_ && !resumed_->fresh) {
    Resume(*resumed_);
    resumed_.reset();
    return;
  }
  resumed_.reset();
  QueueSeeds();
}

std::uint64_t Coordinator::QueueSeeds() {
  std::uint64_t fresh = 0;
  for (const std::string& seed : config_.seeds) fresh += Discover(seed, 0, "", /*check_scope=*/false);
  for (const std::string& sitemap : config_.sitemaps) DiscoverSitemap(sitemap, "");
  return fresh;
}

void Coordinator::Resume(CrawlJournal::Resumed& resumed) {
  Log(LogLevel::kInfo, "resuming job " + config_.job + ": " + std::to_string(stats_.pages()) + " records written, " +
      std::to_string(resumed.queued.size() + journal_->spilled()) + " URLs queued (the last run " +
      (resumed.state == "running" ? "was killed or failed" : resumed.state) + ")");
  const Clock::time_point now = Clock::now();
  for (CrawlJournal::Resumed::Robots& robots : resumed.robots) {
    // Known as it was when fetched: it expires when it would have.
    const auto fetched = now - std::chrono::duration_cast<Clock::duration>(robots.age);
    ApplyCrawlDelay(robots.origin, robots_.OnFetched(robots.origin, robots.response, fetched));
  }
  for (const auto& [host, done] : resumed.done_per_host) queued_per_host_[host] = done;

  // What the seed file changed since the last run: a changed scope applies to the URLs still queued.
  const std::vector<std::string> changed = ConfigDifferences(resumed.config, config_json_);
  rescope_ = std::any_of(changed.begin(), changed.end(), [](const std::string& key) {
    return key.starts_with("scope.") || key.starts_with("urls.");
  });
  std::uint64_t dropped = 0;
  for (QueuedUrl& url : resumed.queued) {
    if (!StillAdmitted(url)) {
      ++dropped;
      continue;
    }
    ++queued_per_host_[std::string(HostKeyOf(url.url))];
    frontier_.Push(std::move(url));
  }
  const std::uint64_t new_seeds = QueueSeeds();
  if (!changed.empty()) {
    std::string what;
    for (const std::string& key : changed) what += (what.empty() ? "" : ", ") + key;
    Log(LogLevel::kInfo, "the seed file changed since the last run (" + what + "): " + std::to_string(new_seeds) +
        " new seeds queued, " + std::to_string(dropped) + " queued URLs dropped by the new scope" +
        (journal_->spilled() > 0 ? " (so far: the URLs waiting on disk are checked as they come back)" : ""));
  }
  if (Queued() == 0 && resumed.state == "finished") {
    Log(LogLevel::kInfo, "job " + config_.job + " had finished: nothing is left to crawl");
  }
}

bool Coordinator::StillAdmitted(const QueuedUrl& url) {
  if (!rescope_ || url.sitemap) return true;
  if ((config_.scope.max_depth < 0 || url.depth <= config_.scope.max_depth) &&
      Admit(url.url, /*check_scope=*/true).has_value()) {
    return true;
  }
  journal_->Settle(url);
  return false;
}

void Coordinator::Refill() {
  const std::uint64_t limit = config_.frontier.max_in_memory;
  if (!journal_ || journal_->spilled() == 0 || frontier_.size() > limit / 2 || !export_error_.ok()) return;
  Checkpoint("running");  // what waits on disk is read from the last commit
  if (!export_error_.ok()) return;
  Result<std::vector<QueuedUrl>> urls = journal_->Unspill(static_cast<std::size_t>(limit - frontier_.size()));
  if (!urls.ok()) {
    export_error_ = urls.status();
    return;
  }
  for (QueuedUrl& url : *urls) {
    if (StillAdmitted(url)) frontier_.Push(std::move(url));
  }
}

bool Coordinator::Spill(QueuedUrl& url) {
  if (!journal_ && !spill_failed_ && frontier_.size() >= config_.frontier.max_in_memory) {
    Result<TempFolder> folder = TempFolder::Create("arachne-spill-");
    Result<std::unique_ptr<CrawlJournal>> journal =
        folder.ok() ? CrawlJournal::Open(folder->path()) : Result<std::unique_ptr<CrawlJournal>>(folder.status());
    Result<CrawlJournal::Resumed> fresh =
        journal.ok() ? (*journal)->Load(std::chrono::seconds(0), config_.frontier.max_in_memory)
                     : Result<CrawlJournal::Resumed>(journal.status());
    if (!fresh.ok()) {
      spill_failed_ = true;
      Log(LogLevel::kInfo, "the queue holds " + std::to_string(frontier_.size()) +
          " URLs ([frontier] max_in_memory) and cannot overflow to disk, so it grows in memory: " +
          fresh.status().ToString());
      return false;
    }
    spill_folder_ = std::move(folder).value();
    journal_ = std::move(journal).value();
    Log(LogLevel::kInfo, "the queue holds " + std::to_string(frontier_.size()) + " URLs ([frontier] max_in_memory): the URLs " +
        "queued from now on wait in " + spill_folder_->path() + " until there is room (run with --job to " +
        "keep a crawl's whole state on disk)");
  }
  return journal_ && journal_->Queue(url, frontier_.size());
}

void Coordinator::Checkpoint(std::string_view state) {
  if (!journal_ || !export_error_.ok()) return;
  static const std::vector<std::unique_ptr<Exporter>> kNoOutputs;
  const auto& outputs = config_.job.empty() ? kNoOutputs : exporters_;
  if (Status s = journal_->Checkpoint(outputs, stats_, config_json_, state); !s.ok()) export_error_ = s;
}

bool Coordinator::PageBudgetLeft() const {
  if (config_.scope.max_pages == 0) return true;
  // In a cluster the budget is the crawl's: the records of every node, as of the last Sync.
  const std::uint64_t recorded = shared_ ? std::max(stats_.pages(), shared_->counts().recorded) : stats_.pages();
  return recorded + unrecorded_ < config_.scope.max_pages;
}

std::optional<std::string> Coordinator::Admit(std::string_view url, bool check_scope, LinkVerdict* verdict) {
  LinkVerdict ignored;
  LinkVerdict& v = verdict != nullptr ? *verdict : ignored;
  if (url.size() > kMaxUrlBytes) {
    stats_.CountLimited(TrapName(Trap::kUrlLength));
    v = {LinkVerdict::Kind::kTrap, Trap::kUrlLength};
    return std::nullopt;
  }
  Result<Url> parsed = Url::Parse(url);
  if (!parsed.ok() || !parsed->is_http()) {
    v = {LinkVerdict::Kind::kInvalid, Trap::kNone};
    return std::nullopt;
  }
  if (check_scope && !scope_->Allows(*parsed)) {
    stats_.CountOutOfScope(1);
    v = {LinkVerdict::Kind::kInvalid, Trap::kNone};  // never remembered (Discover)
    return std::nullopt;
  }
  std::string normalized = normalizer_->Normalize(*parsed);
  if (Trap trap = traps_.Check(normalized); trap != Trap::kNone) {
    stats_.CountLimited(TrapName(trap));
    v = {LinkVerdict::Kind::kTrap, trap};
    return std::nullopt;
  }
  v = {LinkVerdict::Kind::kAdmitted, Trap::kNone};
  return normalized;
}

bool Coordinator::Discover(std::string_view url, int depth, const std::string& referrer, bool check_scope,
                           std::vector<std::string> redirects) {
  if (config_.scope.max_depth >= 0 && depth > config_.scope.max_depth) return false;
  // A link met before (the parser has applied the scope: check_scope is false) was decided then: a
  // refusal is counted again, and an admitted one is in the dedup store already.
  if (!check_scope) {
    if (const LinkVerdict* known = link_verdicts_.Find(url)) {
      if (known->kind == LinkVerdict::Kind::kTrap) stats_.CountLimited(TrapName(known->trap));
      return false;
    }
  }
  LinkVerdict verdict;
  std::optional<std::string> normalized = Admit(url, check_scope, &verdict);
  if (!normalized) {
    if (!check_scope) link_verdicts_.Remember(url, verdict);
    return false;
  }
  Result<bool> fresh = seen_->Insert(*normalized);
  if (!fresh.ok()) return false;  // not recorded: decided again next time
  if (!check_scope) link_verdicts_.Remember(url, verdict);
  if (!*fresh) return false;
  const std::string host(HostKeyOf(*normalized));
  // In a cluster, robots.txt is read by the node that holds the host, when it pops the URL.
  if (config_.robots.obey && !shared_) {
    switch (robots_.Check(host, *normalized, Clock::now())) {
      case RobotsGate::Verdict::kFetch:
        StartRobotsFetch(host);
        break;
      case RobotsGate::Verdict::kDisallowed:
        stats_.CountRobotsDisallowed(1);
        return false;
      default:
        break;  // allowed, or decided when it is popped
    }
  }
  if (config_.scope.max_pages_per_host > 0 && ++queued_per_host_[host] > config_.scope.max_pages_per_host) {
    stats_.CountLimited("pages_per_host");
    return false;
  }
  stats_.CountDiscovered();
  QueuedUrl queued;
  queued.url = std::move(*normalized);
  queued.referrer = referrer;
  queued.depth = depth;
  queued.redirects = std::move(redirects);
  if (shared_) {
    const std::string key = queued.url;
    shared_->Offer(host, key, EncodeQueuedUrl(queued));
    return true;
  }
  if (Spill(queued)) return true;  // it waits on disk
  frontier_.Push(std::move(queued));
  return true;
}

void Coordinator::DiscoverSitemap(std::string_view url, const std::string& referrer) {
  Result<Url> parsed = Url::Parse(url);
  if (!parsed.ok() || !parsed->is_http()) return;
  std::string normalized = parsed->WithoutFragment();
  const std::string key = std::string(kSitemapKeyPrefix) + normalized;
  Result<bool> fresh = seen_->Insert(key);
  if (!fresh.ok() || !*fresh) return;
  const std::string host(HostKeyOf(normalized));
  if (shared_) {
    QueuedUrl queued;
    queued.url = std::move(normalized);
    queued.referrer = referrer;
    queued.sitemap = true;
    shared_->Offer(host, key, EncodeQueuedUrl(queued));
    return;
  }
  if (config_.robots.obey && robots_.Check(host, normalized, Clock::now()) == RobotsGate::Verdict::kFetch) {
    StartRobotsFetch(host);
  }
  QueuedUrl queued;
  queued.url = std::move(normalized);
  queued.referrer = referrer;
  queued.sitemap = true;
  if (Spill(queued)) return;  // it waits on disk
  frontier_.Push(std::move(queued));
}

void Coordinator::StartRobotsFetch(const std::string& origin) {
  robots_.Fetching(origin);
  frontier_.Block(origin);
  robots_to_fetch_.push_back(origin);
}

int Coordinator::PickFetcher() const {
  const auto capacity = static_cast<std::uint64_t>(std::max(1, config_.fetch.concurrency));
  const auto& slots = supervisor_->slots();
  int target = -1;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const WorkerSlot& s = *slots[i];
    if (s.role != WorkerRole::kFetcher || !s.alive() || s.outstanding >= capacity) continue;
    if (target < 0 || s.outstanding < slots[static_cast<std::size_t>(target)]->outstanding) {
      target = static_cast<int>(i);
    }
  }
  return target;
}

void Coordinator::SendFetch(int fetcher, QueuedUrl url, FetchKind kind, bool counts_as_page) {
  WorkerSlot& target = *supervisor_->slots()[static_cast<std::size_t>(fetcher)];
  std::uint64_t id = next_id_++;
  Encode(target.channel.outbox(), FetchMessage{id, url.url, kind});
  ++target.outstanding;
  InFlight& entry = in_flight_[id];
  entry.url = std::move(url);
  entry.kind = kind;
  entry.fetcher = fetcher;
  entry.holds_host_slot = kind != FetchKind::kRobots;
  entry.deadline = Clock::now() + fetch_deadline_;
  if (counts_as_page) ++unrecorded_;
}

bool Coordinator::RobotsLetThrough(QueuedUrl& url, Clock::time_point now) {
  if (!config_.robots.obey) return true;
  const std::string host(HostKeyOf(url.url));
  const RobotsGate::Verdict verdict = robots_.Check(host, url.url, now);
  if (verdict == RobotsGate::Verdict::kAllowed) return true;
  // The URL took a fetch slot and opened its level when popped: both are given back.
  frontier_.Release(host);
  frontier_.Done(host, url.depth);
  switch (verdict) {
    case RobotsGate::Verdict::kFetch:  // expired since the URL was queued
      StartRobotsFetch(host);
      [[fallthrough]];
    case RobotsGate::Verdict::kWait:
      frontier_.Block(host);
      frontier_.PushFront(std::move(url));
      break;
    case RobotsGate::Verdict::kDisallowed:
      stats_.CountRobotsDisallowed(1);
      if (journal_) journal_->Settle(url);
      if (shared_) shared_->Settle(host, url.shared_id, /*recorded=*/false);
      break;
    case RobotsGate::Verdict::kUnreachable: {
      if (url.sitemap) {
        if (journal_) journal_->Settle(url);
        SettleShared(url);
        break;
      }
      InFlight failed;
      failed.url = std::move(url);
      failed.fetch_reported = true;
      ++unrecorded_;
      FetchOutcome outcome;
      outcome.error = "robots.txt unreachable";
      Complete(failed, outcome, nullptr);
      break;
    }
    case RobotsGate::Verdict::kAllowed:
      break;
  }
  return false;
}

void Coordinator::Dispatch() {
  Clock::time_point now = Clock::now();
  while (true) {
    int fetcher = PickFetcher();
    if (fetcher < 0) return;
    if (!robots_to_fetch_.empty()) {
      QueuedUrl robots;
      robots.url = RobotsGate::RobotsUrl(robots_to_fetch_.front());
      robots_to_fetch_.pop_front();
      ++robots_in_flight_;
      SendFetch(fetcher, std::move(robots), FetchKind::kRobots, /*counts_as_page=*/false);
      continue;
    }
    if (!PageBudgetLeft()) return;
    // A node unsure of its leases (Redis unreachable for long) starts nothing: another node may hold its
    // hosts by now.
    if (shared_ && !shared_->Active(now)) return;
    std::optional<QueuedUrl> url = frontier_.Pop(now);
    if (!url) return;
    if (shared_ && !shared_->Holds(HostKeyOf(url->url))) {
      // Claimed before its host went to another node, which has the URL now.
      frontier_.Release(HostKeyOf(url->url));
      frontier_.Done(HostKeyOf(url->url), url->depth);
      continue;
    }
    if (!RobotsLetThrough(*url, now)) continue;
    const FetchKind kind = url->sitemap ? FetchKind::kSitemap : FetchKind::kPage;
    SendFetch(fetcher, std::move(*url), kind, /*counts_as_page=*/true);
  }
}

void Coordinator::MoveDueWork(Clock::time_point now) {
  while (!retries_due_.empty() && retries_due_.begin()->first <= now) {
    frontier_.PushFront(std::move(retries_due_.begin()->second));
    retries_due_.erase(retries_due_.begin());
  }
  while (!robots_due_.empty() && robots_due_.begin()->first <= now) {
    robots_to_fetch_.push_back(std::move(robots_due_.begin()->second));
    robots_due_.erase(robots_due_.begin());
  }
}

void Coordinator::ReleaseFetchSlot(InFlight& entry) {
  if (entry.fetch_reported) return;
  entry.fetch_reported = true;
  if (entry.holds_host_slot) frontier_.Release(HostKeyOf(entry.url.url));
  auto& slots = supervisor_->slots();
  if (entry.fetcher >= 0 && static_cast<std::size_t>(entry.fetcher) < slots.size()) {
    WorkerSlot& fetcher = *slots[static_cast<std::size_t>(entry.fetcher)];
    if (fetcher.outstanding > 0) --fetcher.outstanding;
  }
}

void Coordinator::OnRobotsFetched(InFlight& entry, const FetchOutcome& outcome) {
  ReleaseFetchSlot(entry);
  --robots_in_flight_;
  const std::string origin(HostKeyOf(entry.url.url));
  const Clock::time_point now = Clock::now();
  RobotsGate::Learned learned = robots_.OnFetched(origin, outcome, now);
  if (learned.retry) {
    Log(LogLevel::kWarning, entry.url.url + " unreachable (" + learned.problem + "); its site waits and it is tried again");
    robots_due_.emplace(now + retry_.Backoff(entry.url.retries++), origin);
    return;
  }
  if (robots_.Check(origin, origin + "/", now) == RobotsGate::Verdict::kUnreachable) {
    Log(LogLevel::kWarning, entry.url.url + " still unreachable (" + learned.problem +
        "): every URL of the site is disallowed (RFC 9309 section 2.3.1.4)");
  }
  ApplyCrawlDelay(origin, learned);
  if (journal_ && robots_.Check(origin, origin + "/", now) != RobotsGate::Verdict::kUnreachable) {
    journal_->RobotsFetched(origin, outcome);
  }
  if (config_.robots.follow_sitemaps) {
    for (const std::string& sitemap : learned.sitemaps) DiscoverSitemap(sitemap, entry.url.url);
  }
  frontier_.Unblock(origin);
}

void Coordinator::ApplyCrawlDelay(const std::string& origin, const RobotsGate::Learned& learned) {
  if (!learned.crawl_delay_s) return;
  const double seconds = std::min(*learned.crawl_delay_s, config_.robots.max_crawl_delay_s);
  throttle_.SetMinDelay(origin, SecondsToMillis(seconds));
  frontier_.SetDelay(origin, throttle_.delay(origin));
}

void Coordinator::Throttle(InFlight& entry, const FetchOutcome& outcome) {
  if (entry.throttled) return;
  entry.throttled = true;
  const std::string host(HostKeyOf(entry.url.url));
  if (config_.politeness.per_ip && !outcome.primary_ip.empty()) frontier_.Group(host, "ip " + outcome.primary_ip);
  const bool failure = RetryPolicy::Retryable(outcome);
  const auto signal = failure                 ? AutoThrottle::Signal::kFailure
                      : outcome.error.empty() ? AutoThrottle::Signal::kOk
                                              : AutoThrottle::Signal::kOther;
  const auto latency = milliseconds(static_cast<milliseconds::rep>(std::max(0.0, outcome.fetch_ms)));
  frontier_.SetDelay(host, throttle_.OnResponse(host, latency, signal));
  if (!failure) return;
  milliseconds pause = throttle_.Pause(host);
  if (outcome.retry_after_s >= 0) {
    pause = std::max(pause, std::min(SecondsToMillis(outcome.retry_after_s),
                                     SecondsToMillis(config_.politeness.max_delay_s)));
  }
  frontier_.PauseUntil(host, Clock::now() + pause);
}

void Coordinator::Finish(InFlight& entry, bool settled) {
  last_finished_ = Clock::now();
  entry.recorded = true;
  --unrecorded_;
  frontier_.Done(HostKeyOf(entry.url.url), entry.url.depth);
  if (journal_ && settled) journal_->Settle(entry.url);
  if (settled) SettleShared(entry.url);
}

void Coordinator::Complete(InFlight& entry, const FetchOutcome& fetch, const ParsedMessage* parsed) {
  Record record;
  record.url = entry.url.url;
  record.final_url = SanitizeUtf8(fetch.redirect_url.empty() ? entry.url.url : fetch.redirect_url);
  record.redirects = entry.url.redirects;
  record.status = fetch.status;
  record.depth = entry.url.depth;
  record.referrer = entry.url.referrer;
  record.content_type = SanitizeUtf8(fetch.content_type);
  record.bytes = fetch.bytes;
  record.truncated = fetch.truncated;
  record.retries = entry.url.retries;
  record.fetch_ms = fetch.fetch_ms;
  record.error = fetch.error;
  if (parsed != nullptr) {
    record.title = SanitizeUtf8(parsed->title);
    record.description = SanitizeUtf8(parsed->description);
    record.canonical = SanitizeUtf8(parsed->canonical);
    record.robots = SanitizeUtf8(parsed->robots);
    record.charset = SanitizeUtf8(parsed->charset);
    record.links = parsed->link_count;
    if (record.error.empty()) record.error = parsed->error;
  }
  record.fields = RecordFields(parsed);

  // A redirect's target is a URL of its own: scope-checked, deduplicated, at the same depth, carrying the
  // chain that led to it. A chain longer than max_redirects, or coming back on itself, ends here.
  if (!fetch.redirect_url.empty() && fetch.status >= 300 && fetch.status < 400 && record.error.empty()) {
    std::vector<std::string> chain = entry.url.redirects;
    chain.push_back(entry.url.url);
    std::optional<std::string> target = Admit(fetch.redirect_url, /*check_scope=*/true);
    if (target && std::find(chain.begin(), chain.end(), *target) != chain.end()) {
      record.error = "redirect loop";
      stats_.CountLimited("redirect_loop");
    } else if (target && chain.size() > static_cast<std::size_t>(config_.fetch.max_redirects)) {
      record.error = "too many redirects";
      stats_.CountLimited("redirects");
    } else if (target) {
      Discover(*target, entry.url.depth, entry.url.url, /*check_scope=*/false, std::move(chain));
    }
  }

  if (hooks_.on_page && parsed != nullptr && !parsed->html.empty()) {
    const Page page(record.url, parsed->html);
    hooks_.on_page(page, record);
  }
  Finish(entry);
  stats_.Count(record);
  breakdown_.Count(record, Elapsed(Clock::now()), stats_.pages());
  if (journal_) journal_->Recorded(HostKeyOf(record.url), !record.error.empty());
  for (auto& exporter : exporters_) {
    if (Status s = exporter->Write(record); !s.ok() && export_error_.ok()) export_error_ = s;
  }
  if (hooks_.on_record) hooks_.on_record(record);

  if (parsed != nullptr) {
    for (auto& exporter : exporters_) {
      if (Status s = exporter->Links(record.url, parsed->links); !s.ok() && export_error_.ok()) export_error_ = s;
    }
    stats_.CountOutOfScope(parsed->out_of_scope);
    stats_.CountNofollow(parsed->nofollow);
    stats_.CountLimited("page_links", parsed->links_dropped);
    const std::vector<std::string>& links = parsed->links;
    for (std::size_t i = 0; i < links.size(); ++i) {
      if (i + kPrefetchAhead < links.size()) link_verdicts_.Prefetch(links[i + kPrefetchAhead]);
      // The parser applied the scope already; the depth limit is the coordinator's.
      Discover(links[i], entry.url.depth + 1, entry.url.url, /*check_scope=*/false);
    }
  }
}

std::vector<FieldValue> Coordinator::RecordFields(const ParsedMessage* parsed) const {
  const std::vector<ExtractRule>& rules = config_.extract;
  std::vector<FieldValue> fields(rules.size());
  // A parser answers with one value per rule; anything else (a page no rule applies to sends none) is
  // taken as no values: the record still has every field, null.
  const bool answered = parsed != nullptr && parsed->fields.size() == rules.size();
  for (std::size_t i = 0; i < rules.size(); ++i) {
    fields[i].name = rules[i].field;
    fields[i].all = rules[i].all;
    if (!answered) continue;
    const FieldValue& value = parsed->fields[i];
    fields[i].null = value.null;
    fields[i].values.reserve(value.values.size());
    for (const std::string& text : value.values) fields[i].values.push_back(SanitizeUtf8(text));
  }
  return fields;
}

void Coordinator::OnSitemap(InFlight& entry, const ParsedMessage& parsed) {
  if (!parsed.error.empty()) Log(LogLevel::kWarning, parsed.error);  // it names the sitemap
  for (const std::string& page : parsed.links) {
    if (Discover(page, 0, entry.url.url, /*check_scope=*/true)) stats_.CountFromSitemap();
  }
  for (const std::string& sitemap : parsed.sitemaps) DiscoverSitemap(sitemap, entry.url.url);
  Finish(entry);
}

void Coordinator::OnFetchDone(int slot_index, FetchOutcome& outcome) {
  TimelineOf(static_cast<std::size_t>(slot_index), Clock::now()).CountDone(1);
  if (!outcome.warc.empty()) {
    for (auto& exporter : exporters_) {
      if (Status s = exporter->Archive(outcome.warc); !s.ok() && export_error_.ok()) export_error_ = s;
    }
  }
  auto it = in_flight_.find(outcome.id);
  if (it == in_flight_.end()) return;  // a report about a URL re-queued after a crash
  InFlight& entry = it->second;
  if (outcome.error == kNoRoomError) {
    // This machine could not keep the body: no fault of the site's, so neither a record nor a retry. The
    // crawl stops as it does on an output it cannot write; the URL is not settled, so a job's next run
    // fetches it again.
    if (export_error_.ok()) export_error_ = NoRoom(outcome, !config_.job.empty());
    ReleaseFetchSlot(entry);
    if (entry.kind == FetchKind::kRobots) {
      --robots_in_flight_;
    } else if (!entry.recorded) {
      Finish(entry, /*settled=*/false);
    }
    in_flight_.erase(it);
    return;
  }
  if (entry.kind == FetchKind::kRobots) {
    if (!entry.fetch_reported) OnRobotsFetched(entry, outcome);
    in_flight_.erase(it);
    return;
  }
  ReleaseFetchSlot(entry);
  Throttle(entry, outcome);
  entry.sent_to_parser = outcome.sent_to_parser;
  if (entry.parser < 0) entry.deadline = Clock::now() + kQueueDeadline;
  if (outcome.sent_to_parser) {
    if (entry.recorded) in_flight_.erase(it);
    return;
  }
  if (!entry.recorded) {
    if (std::optional<milliseconds> wait = retry_.Next(outcome, entry.url.retries)) {
      // Tried again after the wait; its level stays open meanwhile only through the frontier's grace.
      Finish(entry, /*settled=*/false);
      ++entry.url.retries;
      stats_.CountRetry();
      if (hooks_.on_log) {
        Log(LogLevel::kDebug, entry.url.url + ": " +
                                  (outcome.error.empty() ? "status " + std::to_string(outcome.status) : outcome.error) +
                                  "; tried again in " + std::to_string(wait->count()) + " ms");
      }
      if (journal_) journal_->Resave(entry.url);  // its retries
      retries_due_.emplace(Clock::now() + *wait, std::move(entry.url));
    } else if (entry.kind == FetchKind::kSitemap) {
      Log(LogLevel::kWarning, "sitemap " + entry.url.url + ": " +
          (outcome.error.empty() ? "status " + std::to_string(outcome.status) : outcome.error));
      Finish(entry);
    } else {
      Complete(entry, outcome, nullptr);
    }
  }
  in_flight_.erase(it);
}

std::optional<ParseClaim::Held> Coordinator::Claimed(int slot_index) const {
  const WorkerSlot& slot = *supervisor_->slots()[static_cast<std::size_t>(slot_index)];
  if (!slot.claim) return std::nullopt;
  std::optional<ParseClaim::Held> held = slot.claim->Current();
  if (!held) return std::nullopt;
  auto it = in_flight_.find(held->id);
  if (it == in_flight_.end() || it->second.recorded) return std::nullopt;
  return held;
}

void Coordinator::ObserveClaims() {
  auto& slots = supervisor_->slots();
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const int index = static_cast<int>(i);
    if (!slots[i]->alive()) continue;
    std::optional<ParseClaim::Held> held = Claimed(index);
    if (!held) continue;
    InFlight& entry = in_flight_.at(held->id);
    if (entry.parser == index) continue;
    entry.parser = index;
    const auto age =
        std::chrono::nanoseconds(std::max<std::int64_t>(0, SharedBodyClockNs() - held->since_ns));
    entry.deadline = Clock::now() - std::chrono::duration_cast<Clock::duration>(age) + parse_deadline_;
  }
}

void Coordinator::OnParsed(ParsedMessage& parsed) {
  auto it = in_flight_.find(parsed.fetch.id);
  if (it == in_flight_.end() || it->second.recorded) return;
  InFlight& entry = it->second;
  Throttle(entry, parsed.fetch);
  if (entry.kind == FetchKind::kSitemap) {
    OnSitemap(entry, parsed);
  } else {
    Complete(entry, parsed.fetch, &parsed);
  }
  if (entry.fetch_reported) in_flight_.erase(it);
}

Status Coordinator::HandleFrame(int slot_index, std::string_view payload) {
  MessageType type;
  if (!PeekType(payload, type)) return Status::ProtocolError("unknown message type");
  // Any message but a log line shows the child at work: a child that logs why it cannot run and exits,
  // over and over, must still count as dying right after starting (Supervisor::Restart).
  if (type != MessageType::kLog) {
    supervisor_->slots()[static_cast<std::size_t>(slot_index)]->heartbeat.Heard(Clock::now());
  }
  switch (type) {
    case MessageType::kPong: {
      PongMessage m;
      if (!Decode(payload, m)) return Status::ProtocolError("malformed Pong");
      return Status::Ok();
    }
    case MessageType::kFetchDone: {
      FetchOutcome m;
      if (!Decode(payload, m)) return Status::ProtocolError("malformed FetchDone");
      OnFetchDone(slot_index, m);
      return Status::Ok();
    }
    case MessageType::kParsed: {
      ParsedMessage m;
      if (!Decode(payload, m)) return Status::ProtocolError("malformed Parsed");
      OnParsed(m);
      return Status::Ok();
    }
    case MessageType::kBusy: {
      BusyMessage m;
      if (!Decode(payload, m)) return Status::ProtocolError("malformed Busy");
      const std::int64_t start_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(started_.time_since_epoch()).count();
      ProcessTimeline& timeline = TimelineOf(static_cast<std::size_t>(slot_index), Clock::now());
      timeline.Busy(static_cast<double>(m.start_ns - start_ns) / 1e9, static_cast<double>(m.end_ns - start_ns) / 1e9);
      timeline.CountDone(m.jobs);
      return Status::Ok();
    }
    case MessageType::kLog: {
      LogMessage m;
      if (!Decode(payload, m)) return Status::ProtocolError("malformed Log");
      Log(LogLevel::kWarning, supervisor_->slots()[static_cast<std::size_t>(slot_index)]->name() + ": " + m.text);
      return Status::Ok();
    }
    default:
      return Status::ProtocolError("unexpected message type " + std::to_string(static_cast<int>(type)));
  }
}

void Coordinator::Requeue(InFlight& entry, const std::string& why, bool blame) {
  ReleaseFetchSlot(entry);
  --unrecorded_;
  QueuedUrl url = std::move(entry.url);
  if (blame && ++url.attempts >= kMaxAttempts) {
    // A URL that keeps killing workers (or timing out) ends here, with an error record; Complete()
    // marks it done in the frontier.
    stats_.CountQuarantined();
    Log(LogLevel::kWarning, url.url + " quarantined: " + why + " " + std::to_string(url.attempts) + " times");
    InFlight failed;
    failed.url = std::move(url);
    failed.fetch_reported = true;
    ++unrecorded_;
    FetchOutcome outcome;
    outcome.error = why;
    if (failed.url.sitemap) {
      Log(LogLevel::kWarning, "sitemap " + failed.url.url + ": " + why);
      Finish(failed);
    } else {
      Complete(failed, outcome, nullptr);
    }
    return;
  }
  if (hooks_.on_log) Log(LogLevel::kDebug, url.url + ": " + why + "; queued again");
  frontier_.Done(HostKeyOf(url.url), url.depth);
  if (journal_ && blame) journal_->Resave(url);  // its attempts
  frontier_.PushFront(std::move(url));
}

void Coordinator::TakeBack(std::uint64_t id, const std::string& why, bool blame) {
  InFlight& entry = in_flight_[id];
  if (entry.kind == FetchKind::kRobots) {
    // Fetched again at once: the origin's URLs wait for it, and a robots.txt cannot crash a parser.
    ReleaseFetchSlot(entry);
    --robots_in_flight_;
    robots_to_fetch_.push_back(std::string(HostKeyOf(entry.url.url)));
  } else if (entry.recorded) {
    ReleaseFetchSlot(entry);
  } else {
    Requeue(entry, why, blame);
  }
  in_flight_.erase(id);
}

Status Coordinator::OnWorkerLost(int slot_index, const std::string& why) {
  WorkerSlot& slot = *supervisor_->slots()[static_cast<std::size_t>(slot_index)];
  std::string how = slot.process.running() ? DescribeWaitStatus(slot.process.WaitOrKill(200)) : why;
  if (!stopping_) Log(LogLevel::kWarning, slot.name() + " died (" + how + "); restarting it and re-queueing its work");
  // Everything the dead process held goes back to the frontier. A fetcher holds what it has not reported;
  // a parser holds the job it claimed (the one to blame), the results it had not sent yet, and possibly a
  // job it was about to claim, so parse-stage entries that no live parser claimed go back too (if such a
  // job was still in the queue after all, its late result carries an id that no longer matches and is
  // ignored). Ids start at 1: 0 is no claim.
  std::optional<ParseClaim::Held> held = Claimed(slot_index);  // nothing for a fetcher
  const std::uint64_t claimed = held ? held->id : 0;
  std::vector<std::pair<std::uint64_t, bool>> lost;  // id, and whether the dead process surely held it
  for (auto& [id, entry] : in_flight_) {
    if (slot.role == WorkerRole::kFetcher) {
      if (entry.fetcher == slot_index && !entry.fetch_reported) lost.emplace_back(id, true);
    } else if (!entry.recorded && entry.sent_to_parser &&
               (entry.parser == slot_index || entry.parser < 0 || claimed == id)) {
      lost.emplace_back(id, claimed == id);
    }
  }
  const std::string what = slot.role == WorkerRole::kFetcher ? "fetcher crashed" : "parser crashed";
  for (const auto& [id, held] : lost) TakeBack(id, what, held);
  slot.outstanding = 0;
  if (stopping_) {
    slot.channel.Close();
    return Status::Ok();
  }
  stats_.CountRestart();
  return supervisor_->Restart(slot);
}

// The CPU seconds (user + system) process `pid` has used, from /proc; -1 if it cannot be read.
double ProcessCpuSeconds(pid_t pid) {
  std::FILE* file = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
  if (file == nullptr) return -1;
  char buffer[1024];
  const std::size_t n = std::fread(buffer, 1, sizeof buffer - 1, file);
  std::fclose(file);
  buffer[n] = '\0';
  // Fields after the command name, which ends with the last ')': state is the 3rd field, utime the 14th.
  const char* rest = std::strrchr(buffer, ')');
  if (rest == nullptr) return -1;
  unsigned long long utime = 0, stime = 0;
  if (std::sscanf(rest + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2) return -1;
  return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

Status Coordinator::Autoscale() {
  const Clock::time_point now = Clock::now();
  if (!autoscaler_ || stopping_ || now < next_autoscale_) return Status::Ok();
  const double interval = std::chrono::duration<double>(WorkerAutoscaler::kSampleInterval).count();
  next_autoscale_ = now + WorkerAutoscaler::kSampleInterval;
  WorkerLoad load;
  double parsers_cpu = 0;
  for (auto& slot : supervisor_->slots()) {
    if (!slot->alive()) continue;
    const double cpu = ProcessCpuSeconds(slot->process.pid());
    const double use = cpu >= 0 && slot->sampled_cpu_s >= 0 ? (cpu - slot->sampled_cpu_s) / interval : 0;
    slot->sampled_cpu_s = cpu;
    if (slot->role == WorkerRole::kParser) {
      ++load.parsers;
      parsers_cpu += use;
    } else {
      ++load.fetchers;
      load.busiest_fetcher = std::max(load.busiest_fetcher, use);
    }
  }
  if (load.parsers > 0) load.parser_cpu = parsers_cpu / load.parsers;
  for (const auto& [id, entry] : in_flight_) {
    if (entry.sent_to_parser && entry.parser < 0 && !entry.recorded) ++load.parse_backlog;
  }
  switch (autoscaler_->Sample(load)) {
    case WorkerAutoscaler::Decision::kAddFetcher:
      Log(LogLevel::kInfo, "starting fetcher " + std::to_string(load.fetchers + 1) + ": the fetcher" +
          (load.fetchers > 1 ? "s use" : " uses") + " a whole core");
      return supervisor_->Add(WorkerRole::kFetcher);
    case WorkerAutoscaler::Decision::kAddParser:
      Log(LogLevel::kInfo, "starting parser " + std::to_string(load.parsers + 1) + ": " + std::to_string(load.parse_backlog) +
          " pages wait, and the parser" + (load.parsers > 1 ? "s use" : " uses") + " a whole core");
      return supervisor_->Add(WorkerRole::kParser);
    case WorkerAutoscaler::Decision::kNone: break;
  }
  return Status::Ok();
}

Status Coordinator::PollOnce() {
  auto& slots = supervisor_->slots();
  std::vector<pollfd> fds;
  fds.push_back(pollfd{hooks_.stop_fd, POLLIN, 0});
  for (auto& slot : slots) {
    short events = POLLIN;
    if (slot->channel.has_output()) events |= POLLOUT;
    fds.push_back(pollfd{slot->channel.valid() ? slot->channel.fd() : -1, events, 0});
  }
  // Sleep until a message arrives or the next thing that time alone brings: a progress report, a host's
  // delay running out, the stop grace ending. Times already past are not reasons to wake (a frontier
  // wake-up stays past while every fetcher is full): they would turn this into a busy loop; but a
  // frontier wake-up that came due while a fetcher has room is.
  Clock::time_point now = Clock::now();
  Clock::time_point wake = now + kIdlePoll;
  auto consider = [&](Clock::time_point t) {
    if (t > now) wake = std::min(wake, t);
  };
  if (hooks_.on_progress) consider(next_progress_);
  if (!stats_path_.empty()) consider(next_stats_);
  if (auto frontier_wake = frontier_.NextWakeup()) {
    // One that came due since Dispatch last popped is due now, if Dispatch can act on it; an earlier
    // future one may wait behind it, so sleeping past it would miss that too.
    if (*frontier_wake > now) {
      consider(*frontier_wake);
    } else if (!stopping_ && PageBudgetLeft() && PickFetcher() >= 0) {
      wake = now;
    }
  }
  if (!retries_due_.empty()) consider(retries_due_.begin()->first);
  if (!robots_due_.empty()) consider(robots_due_.begin()->first);
  if (stopping_) consider(stop_deadline_);
  if (shared_) consider(shared_->next_sync());
  // Rounded up: a wait cut short of its time would only come back to wait again.
  auto timeout = std::chrono::ceil<milliseconds>(wake - now).count();
  int ready = ::poll(fds.data(), fds.size(), static_cast<int>(std::clamp<long long>(timeout, 0, 1000)));
  if (ready < 0 && errno != EINTR) return Status::IoError("poll failed");
  if (ready <= 0) return Status::Ok();

  if (fds[0].revents & POLLIN) {
    char drain[64];
    while (::read(hooks_.stop_fd, drain, sizeof drain) > 0) {
    }
    if (!stopping_) {
      stopping_ = true;
      stop_deadline_ = Clock::now() + kStopGrace;
      Log(LogLevel::kInfo, "stopping: no new URLs; waiting up to 3 s for " + std::to_string(unrecorded_) + " in flight");
    }
  }
  // Fetchers come first in slots(): their FetchDone reports are read before the parsers' results.
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const pollfd& p = fds[i + 1];
    if (p.fd < 0 || p.revents == 0) continue;
    WorkerSlot& slot = *slots[i];
    Result<bool> open = slot.channel.ReadAvailable(
        [&](std::string_view payload) { return HandleFrame(static_cast<int>(i), payload); });
    std::string why;
    if (!open.ok()) {
      why = open.status().ToString();
    } else if (!*open) {
      why = "closed its pipe";
    } else if (Status s = slot.channel.Flush(); !s.ok()) {
      why = s.ToString();
    }
    if (!why.empty()) {
      if (!open.ok()) slot.process.Signal(SIGKILL);  // it spoke nonsense: do not trust it further
      if (Status s = OnWorkerLost(static_cast<int>(i), why); !s.ok()) return s;
    }
  }
  return Status::Ok();
}

void Coordinator::SweepDeadlines() {
  Clock::time_point now = Clock::now();
  if (now < next_sweep_) return;
  next_sweep_ = now + std::chrono::seconds(1);
  ObserveClaims();
  std::vector<std::uint64_t> late;
  for (const auto& [id, entry] : in_flight_) {
    if (!entry.recorded && now >= entry.deadline) late.push_back(id);
  }
  auto& slots = supervisor_->slots();
  for (std::uint64_t id : late) {
    InFlight& entry = in_flight_[id];
    bool parsing = entry.parser >= 0 || (entry.fetch_reported && entry.sent_to_parser);
    Log(LogLevel::kWarning, std::string(parsing ? "parse" : "fetch") + " of " + entry.url.url + " is overdue; re-queueing it");
    // A parser still working on it is stuck: end it, and the supervisor starts a fresh one. One that
    // claimed it once and is on another page now (stuck there, with this result unsent) is not its fault.
    std::optional<ParseClaim::Held> held = entry.parser >= 0 ? Claimed(entry.parser) : std::nullopt;
    const bool stuck_on_it = parsing && held && held->id == id;
    if (stuck_on_it) slots[static_cast<std::size_t>(entry.parser)]->process.Signal(SIGKILL);
    TakeBack(id, parsing ? "parse timeout" : "fetch timeout", /*blame=*/stuck_on_it || entry.parser < 0);
  }
}

bool Coordinator::Parsing(int slot_index) const {
  return Claimed(slot_index).has_value();
}

Status Coordinator::CheckHeartbeats() {
  if (stopping_) return Status::Ok();
  Clock::time_point now = Clock::now();
  auto& slots = supervisor_->slots();
  // The loop comes by every second at most; a longer gap means this process did not listen (a slow
  // OnRecord callback, a stop under a debugger), and the answers waiting unread must not count as silence.
  const bool was_away = now - last_heartbeat_check_ > kHeartbeatGrace;
  last_heartbeat_check_ = now;
  if (was_away) {
    for (auto& slot : slots) slot->heartbeat.Excuse(now);
    return Status::Ok();
  }
  for (std::size_t i = 0; i < slots.size(); ++i) {
    WorkerSlot& slot = *slots[i];
    if (!slot.alive()) continue;
    const int index = static_cast<int>(i);
    if (slot.heartbeat.Silent(now) && !(slot.role == WorkerRole::kParser && Parsing(index))) {
      const auto silent_s = std::chrono::duration_cast<std::chrono::seconds>(slot.heartbeat.timeout()).count();
      Log(LogLevel::kWarning, slot.name() + " stopped answering (nothing heard for " + std::to_string(silent_s) + " s)");
      stats_.CountHung();
      slot.process.Signal(SIGKILL);
      if (Status s = OnWorkerLost(index, "stopped answering"); !s.ok()) return s;
      continue;
    }
    if (std::optional<std::uint64_t> seq = slot.heartbeat.PingDue(now)) {
      Encode(slot.channel.outbox(), PingMessage{*seq});  // sent with the loop's next flush
    }
  }
  return Status::Ok();
}

bool Coordinator::Settled() const {
  // A fetcher reports a page after handing it to the parse queue, so a page's record may be written
  // before its FetchDone arrives; what is left in flight then is only waiting for that report, which
  // carries the exchange's archive records.
  return unrecorded_ == 0 && (!archiving_ || in_flight_.empty());
}

bool Coordinator::Finished() const {
  if (!Settled()) return false;
  if (!PageBudgetLeft()) return true;
  return Queued() == 0 && retries_due_.empty() && robots_due_.empty() && robots_to_fetch_.empty() &&
         robots_in_flight_ == 0 && (!shared_ || shared_->Drained());
}

void Coordinator::MaybeReportProgress(bool force) {
  Clock::time_point now = Clock::now();
  if (now >= next_flush_ || force || (journal_ && journal_->Heavy())) {
    if (!config_.job.empty()) {
      Checkpoint("running");  // writes the outputs to disk too
    } else {
      for (auto& exporter : exporters_) {
        if (Status s = exporter->Flush(); !s.ok() && export_error_.ok()) export_error_ = s;
      }
      if (journal_ && journal_->Heavy()) Checkpoint("running");  // the spill folder's pending writes
    }
    next_flush_ = now + kFlushInterval;
  }
  SampleTimelines(now);
  WarnIfStalled(now);
  if (!stats_path_.empty() && (force || now >= next_stats_)) {
    WriteStats("running");
    next_stats_ = now + kStatsInterval;
  }
  if (!hooks_.on_progress || (!force && now < next_progress_)) return;
  hooks_.on_progress(Snapshot());
  next_progress_ = now + milliseconds(std::max(10, hooks_.progress_interval_ms));
}

void Coordinator::WarnIfStalled(Clock::time_point now) {
  if (now - last_finished_ < stall_warning_ || now < next_stall_warning_) return;
  next_stall_warning_ = now + stall_warning_;
  std::uint64_t fetching = 0, parsing = 0, claimed = 0;
  for (const auto& [id, entry] : in_flight_) {
    if (entry.recorded) continue;
    if (!entry.fetch_reported) {
      ++fetching;
    } else if (entry.sent_to_parser) {
      ++(entry.parser >= 0 ? claimed : parsing);
    }
  }
  std::string alive;
  for (const auto& slot : supervisor_->slots()) alive += slot->alive() ? "" : " " + slot->name() + " is not running;";
  Log(LogLevel::kWarning,
      "no URL finished for " + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now - last_finished_).count()) +
          " s: " + std::to_string(Queued()) + " queued, " + std::to_string(fetching) + " being fetched, " +
          std::to_string(parsing) + " waiting for a parser, " + std::to_string(claimed) + " being parsed, " +
          std::to_string(retries_due_.size()) + " waiting to be retried, " + std::to_string(robots_in_flight_) +
          " robots.txt in flight;" + alive + " hosts with queued URLs: " + std::to_string(frontier_.hosts()));
}

ProcessTimeline& Coordinator::TimelineOf(std::size_t index, Clock::time_point now) {
  if (timelines_.size() <= index) timelines_.resize(index + 1);
  const WorkerSlot& slot = *supervisor_->slots()[index];
  std::optional<ProcessTimeline>& timeline = timelines_[index];
  // A new process in the slot (a restart): the old one's timeline is kept as it ended. A process that is
  // gone and not replaced (the crawl's end) keeps its own.
  if (timeline && slot.process.running() && timeline->pid() != slot.process.pid()) {
    if (!timeline->ended_s()) timeline->End(Elapsed(now));
    ended_timelines_.push_back(std::move(*timeline));
    timeline.reset();
  }
  if (!timeline) timeline.emplace(slot.name(), RoleName(slot.role), slot.process.pid(), Elapsed(slot.started));
  return *timeline;
}

void Coordinator::SampleTimelines(Clock::time_point now) {
  const auto& slots = supervisor_->slots();
  for (std::size_t i = 0; i < slots.size(); ++i) {
    ProcessTimeline& timeline = TimelineOf(i, now);
    if (!slots[i]->process.running()) {
      if (!timeline.ended_s()) timeline.End(Elapsed(now));
    } else if (slots[i]->role == WorkerRole::kFetcher) {
      timeline.SetBusy(slots[i]->outstanding > 0, Elapsed(now));
    }
  }
}

Progress Coordinator::Snapshot() {
  Progress progress = stats_.Snapshot(Queued(), unrecorded_);
  const double now_s = Elapsed(Clock::now());
  const auto& slots = supervisor_->slots();
  for (std::size_t i = 0; i < slots.size() && i < timelines_.size(); ++i) {
    if (!timelines_[i]) continue;
    const WorkerSlot& slot = *slots[i];
    std::uint64_t in_flight = slot.outstanding;
    if (slot.role == WorkerRole::kParser) in_flight = Claimed(static_cast<int>(i)) ? 1 : 0;
    progress.processes.push_back(timelines_[i]->State(in_flight, now_s));
  }
  return progress;
}

void Coordinator::WriteStats(std::string_view state) {
  const Progress progress = Snapshot();
  const Summary summary = stats_.Finish(0, stopping_);
  StatsSnapshot snapshot{config_.name, state, started_unix_s_, static_cast<std::int64_t>(std::time(nullptr)),
                         Elapsed(Clock::now()), &progress, &summary, &breakdown_, {}};
  for (const ProcessTimeline& ended : ended_timelines_) snapshot.processes.push_back(&ended);
  for (const auto& timeline : timelines_) {
    if (timeline) snapshot.processes.push_back(&*timeline);
  }
  // Fetchers first, then parsers, each by name: the report's lanes.
  std::stable_sort(snapshot.processes.begin(), snapshot.processes.end(), [](const ProcessTimeline* a, const ProcessTimeline* b) {
    return a->role() != b->role() ? a->role() == "fetcher" : a->name() < b->name();
  });
  // A stats file that cannot be written is worth a log line, not the crawl.
  if (Status s = WriteTextFileAtomically(stats_path_, StatsJson(snapshot)); !s.ok()) {
    Log(LogLevel::kWarning, "cannot write the stats file: " + s.ToString());
    stats_path_.clear();
  }
}

// CPU seconds (user + system) this thread has used: the coordinator's loop runs in the caller's thread,
// which an embedding program may share with other threads of its own.
double ThreadCpuSeconds() {
  rusage usage{};
  if (::getrusage(RUSAGE_THREAD, &usage) != 0) return 0;
  return CpuSeconds(usage);
}

Result<Summary> Coordinator::Run() {
  const double cpu_at_start = ThreadCpuSeconds();
  if (Status s = Prepare(); !s.ok()) return s;
  Seed();
  Checkpoint("running");  // the job folder tells what it holds from the start (arachne status)
  while (true) {
    SyncCluster(Clock::now());
    if (!stopping_) {
      MoveDueWork(Clock::now());
      Refill();
      Dispatch();
    }
    for (auto& slot : supervisor_->slots()) {
      if (slot->channel.valid()) (void)slot->channel.Flush();  // a failure shows as a dead peer in poll
    }
    if (!export_error_.ok()) break;
    if (Finished()) break;
    if (stopping_ && (Settled() || Clock::now() >= stop_deadline_)) break;
    if (Status s = PollOnce(); !s.ok()) {
      supervisor_->StopAll(1000);
      return s;
    }
    SweepDeadlines();
    if (Status s = Autoscale(); !s.ok()) {
      supervisor_->StopAll(1000);
      return s;
    }
    if (Status s = CheckHeartbeats(); !s.ok()) {
      supervisor_->StopAll(1000);
      return s;
    }
    MaybeReportProgress(false);
  }
  MaybeReportProgress(true);
  supervisor_->StopAll(2000);
  if (!stats_path_.empty()) {
    SampleTimelines(Clock::now());
    WriteStats(stopping_ ? "stopped" : "finished");
  }
  if (!config_.job.empty()) Checkpoint(stopping_ ? "stopped" : "finished");
  if (shared_) LeaveCluster();
  Status closed;
  for (auto& exporter : exporters_) {
    if (Status s = exporter->Close(); !s.ok() && closed.ok()) closed = s;
  }
  if (!export_error_.ok()) return export_error_;
  if (!closed.ok()) return closed;
  Summary summary = stats_.Finish(Queued() + retries_due_.size() + unrecorded_, stopping_);
  summary.coordinator_cpu_s = ThreadCpuSeconds() - cpu_at_start;
  summary.fetchers_cpu_s = supervisor_->CpuSeconds(WorkerRole::kFetcher);
  summary.parsers_cpu_s = supervisor_->CpuSeconds(WorkerRole::kParser);
  for (const auto& slot : supervisor_->slots()) ++(slot->role == WorkerRole::kFetcher ? summary.fetchers : summary.parsers);
  return summary;
}

}  // namespace

Result<Summary> RunCoordinator(const Config& config, const CoordinatorHooks& hooks) {
  Coordinator coordinator(config, hooks);
  return coordinator.Run();
}

}  // namespace arachne
