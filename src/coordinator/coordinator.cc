#include "coordinator/coordinator.h"

#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <unordered_map>
#include <vector>

#include "common/utf8.h"
#include "coordinator/crawl_stats.h"
#include "coordinator/frontier.h"
#include "coordinator/in_flight.h"
#include "coordinator/supervisor.h"
#include "export/exporters.h"
#include "config/config_json.h"
#include "ipc/messages.h"
#include "ipc/parse_queue.h"
#include "scope/scope.h"
#include "store/memory_dedup_store.h"
#include "url/url.h"

namespace arachne {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// After a stop request, work in flight gets this long to finish before it is dropped.
constexpr milliseconds kStopGrace{3000};
// A URL whose fetch or parse was lost to a dying worker this many times gets an error record instead.
constexpr int kMaxAttempts = 3;
constexpr milliseconds kFlushInterval{1000};
// Longer URLs are not queued: no real page needs one, and traps generate them (RFC 9110 section 4.1
// recommends supporting at least 8000 octets).
constexpr std::size_t kMaxUrlBytes = 8000;
// Beyond the transfer timeout, how long a fetcher may take to report.
constexpr std::chrono::seconds kFetchDeadlineSlack{30};
// How long a job may wait in the parse queue for a parser to take it. Only a job lost on the way (never
// taken, with no parser dying) runs into this; the parse itself has [workers] parse_timeout_s from Took.
constexpr std::chrono::minutes kQueueDeadline{10};
constexpr milliseconds kIdlePoll{200};

class Coordinator {
 public:
  Coordinator(const Config& config, const CoordinatorHooks& hooks)
      : config_(config),
        hooks_(hooks),
        frontier_(config.politeness.max_per_host, milliseconds(config.politeness.delay_ms)),
        fetch_deadline_(std::chrono::duration_cast<Clock::duration>(
                            std::chrono::duration<double>(config.fetch.timeout_s)) +
                        kFetchDeadlineSlack),
        parse_deadline_(std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(config.workers.parse_timeout_s))) {}

  Result<Summary> Run();

 private:
  Status Prepare();
  void Seed();
  void Dispatch();
  Status PollOnce();
  Status HandleFrame(int slot_index, std::string_view payload);
  void OnFetchDone(int slot_index, FetchOutcome& outcome);
  void OnTook(int slot_index, const TookMessage& took);
  void OnParsed(ParsedMessage& parsed);
  void Complete(InFlight& entry, const FetchOutcome& fetch, const ParsedMessage* parsed);
  void Discover(std::string_view url, int depth, const std::string& referrer, bool check_scope);
  void ReleaseFetchSlot(InFlight& entry);
  // Puts a URL a worker held back in the frontier. `blame`: the URL was known to be in the worker's hands
  // (not merely waiting in the parse queue), so the loss counts towards its attempts.
  void Requeue(InFlight& entry, const std::string& why, bool blame);
  Status OnWorkerLost(int slot_index, const std::string& why);
  void Log(const std::string& line);
  bool PageBudgetLeft() const;
  bool Finished() const;
  void SweepDeadlines();
  void MaybeReportProgress(bool force);

  const Config& config_;
  const CoordinatorHooks& hooks_;
  Frontier frontier_;
  MemoryDedupStore seen_;
  std::unique_ptr<Scope> scope_;
  std::vector<std::unique_ptr<Exporter>> exporters_;
  std::unique_ptr<Supervisor> supervisor_;
  ParseQueueEnds queue_;
  std::unordered_map<std::uint64_t, InFlight> in_flight_;
  std::uint64_t unrecorded_ = 0;  // in_flight_ entries whose record is not written yet
  std::uint64_t next_id_ = 1;
  CrawlStats stats_;
  bool stopping_ = false;
  Clock::time_point stop_deadline_{};
  Clock::time_point next_progress_{};
  Clock::time_point next_flush_{};
  Clock::time_point next_sweep_{};
  Clock::duration fetch_deadline_;
  Clock::duration parse_deadline_;
  Status export_error_;
};

void Coordinator::Log(const std::string& line) {
  if (hooks_.on_log) {
    hooks_.on_log(line);
  } else {
    std::fprintf(stderr, "arachne: %s\n", line.c_str());
  }
}

Status Coordinator::Prepare() {
  Result<Scope> scope = Scope::Create(config_.scope, config_.seeds);
  if (!scope.ok()) return scope.status();
  scope_ = std::make_unique<Scope>(std::move(*scope));

  auto exporters = OpenExporters(config_.output, config_.name);
  if (!exporters.ok()) return exporters.status();
  exporters_ = std::move(*exporters);

  Result<ParseQueueEnds> queue = CreateParseQueue();
  if (!queue.ok()) return queue.status();
  queue_ = std::move(*queue);

  int parsers = config_.workers.parsers > 0 ? config_.workers.parsers
                                            : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  supervisor_ = std::make_unique<Supervisor>(config_.worker_executable, ConfigToJson(config_),
                                             queue_.fetcher_end.get(), queue_.parser_end.get());
  return supervisor_->Start(std::max(1, config_.workers.fetchers), parsers);
}

void Coordinator::Seed() {
  for (const std::string& seed : config_.seeds) Discover(seed, 0, "", /*check_scope=*/false);
}

bool Coordinator::PageBudgetLeft() const {
  return config_.scope.max_pages == 0 || stats_.pages() + unrecorded_ < config_.scope.max_pages;
}

void Coordinator::Discover(std::string_view url, int depth, const std::string& referrer, bool check_scope) {
  if (config_.scope.max_depth >= 0 && depth > config_.scope.max_depth) return;
  if (url.size() > kMaxUrlBytes) {
    stats_.CountOutOfScope(1);
    return;
  }
  Result<Url> parsed = Url::Parse(url);
  if (!parsed.ok() || !parsed->is_http()) return;
  if (check_scope && !scope_->Allows(*parsed)) {
    stats_.CountOutOfScope(1);
    return;
  }
  std::string normalized = parsed->WithoutFragment();
  Result<bool> fresh = seen_.Insert(normalized);
  if (!fresh.ok() || !*fresh) return;
  stats_.CountDiscovered();
  frontier_.Push(QueuedUrl{std::move(normalized), referrer, depth, 0});
}

void Coordinator::Dispatch() {
  auto& slots = supervisor_->slots();
  const auto capacity = static_cast<std::uint64_t>(std::max(1, config_.fetch.concurrency));
  Clock::time_point now = Clock::now();
  while (PageBudgetLeft()) {
    // The live fetcher with the fewest transfers outstanding, if any has room.
    WorkerSlot* target = nullptr;
    int target_index = -1;
    for (std::size_t i = 0; i < slots.size(); ++i) {
      WorkerSlot& s = *slots[i];
      if (s.role != WorkerRole::kFetcher || !s.alive() || s.outstanding >= capacity) continue;
      if (target == nullptr || s.outstanding < target->outstanding) {
        target = &s;
        target_index = static_cast<int>(i);
      }
    }
    if (target == nullptr) return;
    std::optional<QueuedUrl> url = frontier_.Pop(now);
    if (!url) return;
    std::uint64_t id = next_id_++;
    Encode(target->channel.outbox(), FetchMessage{id, url->url});
    ++target->outstanding;
    InFlight& entry = in_flight_[id];
    entry.url = std::move(*url);
    entry.fetcher = target_index;
    entry.deadline = now + fetch_deadline_;
    ++unrecorded_;
  }
}

void Coordinator::ReleaseFetchSlot(InFlight& entry) {
  if (entry.fetch_reported) return;
  entry.fetch_reported = true;
  frontier_.Release(HostKeyOf(entry.url.url));
  auto& slots = supervisor_->slots();
  if (entry.fetcher >= 0 && static_cast<std::size_t>(entry.fetcher) < slots.size()) {
    WorkerSlot& fetcher = *slots[static_cast<std::size_t>(entry.fetcher)];
    if (fetcher.outstanding > 0) --fetcher.outstanding;
  }
}

void Coordinator::Complete(InFlight& entry, const FetchOutcome& fetch, const ParsedMessage* parsed) {
  Record record;
  record.url = entry.url.url;
  record.final_url = SanitizeUtf8(fetch.redirect_url.empty() ? entry.url.url : fetch.redirect_url);
  record.status = fetch.status;
  record.depth = entry.url.depth;
  record.referrer = entry.url.referrer;
  record.content_type = SanitizeUtf8(fetch.content_type);
  record.bytes = fetch.bytes;
  record.fetch_ms = fetch.fetch_ms;
  record.error = fetch.error;
  if (parsed != nullptr) {
    record.title = SanitizeUtf8(parsed->title);
    record.description = SanitizeUtf8(parsed->description);
    record.canonical = SanitizeUtf8(parsed->canonical);
    record.links = parsed->link_count;
    if (record.error.empty()) record.error = parsed->error;
  }
  entry.recorded = true;
  --unrecorded_;
  frontier_.Done(HostKeyOf(entry.url.url), entry.url.depth);
  stats_.Count(record);
  for (auto& exporter : exporters_) {
    if (Status s = exporter->Write(record); !s.ok() && export_error_.ok()) export_error_ = s;
  }
  if (hooks_.on_record) hooks_.on_record(record);

  // A redirect's target is a URL of its own: scope-checked, deduplicated, at the same depth.
  if (!fetch.redirect_url.empty() && fetch.status >= 300 && fetch.status < 400) {
    Discover(fetch.redirect_url, entry.url.depth, entry.url.url, /*check_scope=*/true);
  }
  if (parsed != nullptr) {
    stats_.CountOutOfScope(parsed->out_of_scope);
    for (const std::string& link : parsed->links) {
      // The parser applied the scope already; the depth limit is the coordinator's.
      Discover(link, entry.url.depth + 1, entry.url.url, /*check_scope=*/false);
    }
  }
}

void Coordinator::OnFetchDone(int, FetchOutcome& outcome) {
  auto it = in_flight_.find(outcome.id);
  if (it == in_flight_.end()) return;  // a report about a URL re-queued after a crash
  InFlight& entry = it->second;
  ReleaseFetchSlot(entry);
  entry.sent_to_parser = outcome.sent_to_parser;
  if (entry.parser < 0) entry.deadline = Clock::now() + kQueueDeadline;
  if (!outcome.sent_to_parser) {
    if (!entry.recorded) Complete(entry, outcome, nullptr);
    in_flight_.erase(it);
    return;
  }
  if (entry.recorded) in_flight_.erase(it);
}

void Coordinator::OnTook(int slot_index, const TookMessage& took) {
  auto it = in_flight_.find(took.id);
  if (it == in_flight_.end()) return;
  it->second.parser = slot_index;
  it->second.deadline = Clock::now() + parse_deadline_;
}

void Coordinator::OnParsed(ParsedMessage& parsed) {
  auto it = in_flight_.find(parsed.fetch.id);
  if (it == in_flight_.end() || it->second.recorded) return;
  InFlight& entry = it->second;
  Complete(entry, parsed.fetch, &parsed);
  if (entry.fetch_reported) in_flight_.erase(it);
}

Status Coordinator::HandleFrame(int slot_index, std::string_view payload) {
  MessageType type;
  if (!PeekType(payload, type)) return Status::ProtocolError("unknown message type");
  switch (type) {
    case MessageType::kFetchDone: {
      FetchOutcome m;
      if (!Decode(payload, m)) return Status::ProtocolError("malformed FetchDone");
      OnFetchDone(slot_index, m);
      return Status::Ok();
    }
    case MessageType::kTook: {
      TookMessage m;
      if (!Decode(payload, m)) return Status::ProtocolError("malformed Took");
      OnTook(slot_index, m);
      return Status::Ok();
    }
    case MessageType::kParsed: {
      ParsedMessage m;
      if (!Decode(payload, m)) return Status::ProtocolError("malformed Parsed");
      OnParsed(m);
      return Status::Ok();
    }
    case MessageType::kLog: {
      LogMessage m;
      if (!Decode(payload, m)) return Status::ProtocolError("malformed Log");
      Log(supervisor_->slots()[static_cast<std::size_t>(slot_index)]->name() + ": " + m.text);
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
    InFlight failed;
    failed.url = std::move(url);
    failed.fetch_reported = true;
    ++unrecorded_;
    FetchOutcome outcome;
    outcome.error = why;
    Complete(failed, outcome, nullptr);
    return;
  }
  frontier_.Done(HostKeyOf(url.url), url.depth);
  frontier_.PushFront(std::move(url));
}

Status Coordinator::OnWorkerLost(int slot_index, const std::string& why) {
  WorkerSlot& slot = *supervisor_->slots()[static_cast<std::size_t>(slot_index)];
  std::string how = slot.process.running() ? DescribeWaitStatus(slot.process.WaitOrKill(200)) : why;
  if (!stopping_) Log(slot.name() + " died (" + how + "); restarting it and re-queueing its work");
  // Everything the dead process held goes back to the frontier. A fetcher holds what it has not reported;
  // a parser holds what it took, and possibly what it was about to take, so parse-stage entries that no
  // live parser claimed go back too (if such a job was still in the queue after all, its late result
  // carries an id that no longer matches and is ignored).
  std::vector<std::uint64_t> lost;
  for (auto& [id, entry] : in_flight_) {
    bool held = slot.role == WorkerRole::kFetcher
                    ? entry.fetcher == slot_index && !entry.fetch_reported
                    : !entry.recorded && entry.sent_to_parser && (entry.parser == slot_index || entry.parser < 0);
    if (held) lost.push_back(id);
  }
  for (std::uint64_t id : lost) {
    InFlight& entry = in_flight_[id];
    if (entry.recorded) {
      ReleaseFetchSlot(entry);
    } else {
      bool held = slot.role == WorkerRole::kFetcher || entry.parser == slot_index;
      Requeue(entry, slot.role == WorkerRole::kFetcher ? "fetcher crashed" : "parser crashed", held);
    }
    in_flight_.erase(id);
  }
  slot.outstanding = 0;
  if (stopping_) {
    slot.channel.Close();
    return Status::Ok();
  }
  stats_.CountRestart();
  return supervisor_->Restart(slot);
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
  // wake-up stays past while every fetcher is full): they would turn this into a busy loop.
  Clock::time_point now = Clock::now();
  Clock::time_point wake = now + kIdlePoll;
  auto consider = [&](Clock::time_point t) {
    if (t > now) wake = std::min(wake, t);
  };
  if (hooks_.on_progress) consider(next_progress_);
  if (auto frontier_wake = frontier_.NextWakeup()) consider(*frontier_wake);
  if (stopping_) consider(stop_deadline_);
  auto timeout = std::chrono::duration_cast<milliseconds>(wake - now).count();
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
      Log("stopping: no new URLs; waiting up to 3 s for " + std::to_string(unrecorded_) + " in flight");
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
  std::vector<std::uint64_t> late;
  for (const auto& [id, entry] : in_flight_) {
    if (!entry.recorded && now >= entry.deadline) late.push_back(id);
  }
  auto& slots = supervisor_->slots();
  for (std::uint64_t id : late) {
    InFlight& entry = in_flight_[id];
    bool parsing = entry.parser >= 0 || (entry.fetch_reported && entry.sent_to_parser);
    Log(std::string(parsing ? "parse" : "fetch") + " of " + entry.url.url + " is overdue; re-queueing it");
    // A parser still working on it is stuck: end it, and the supervisor starts a fresh one.
    if (parsing && entry.parser >= 0) slots[static_cast<std::size_t>(entry.parser)]->process.Signal(SIGKILL);
    Requeue(entry, parsing ? "parse timeout" : "fetch timeout", /*blame=*/true);
    in_flight_.erase(id);
  }
}

bool Coordinator::Finished() const {
  if (unrecorded_ > 0) return false;
  return frontier_.empty() || !PageBudgetLeft();
}

void Coordinator::MaybeReportProgress(bool force) {
  Clock::time_point now = Clock::now();
  if (now >= next_flush_ || force) {
    for (auto& exporter : exporters_) {
      if (Status s = exporter->Flush(); !s.ok() && export_error_.ok()) export_error_ = s;
    }
    next_flush_ = now + kFlushInterval;
  }
  if (!hooks_.on_progress || (!force && now < next_progress_)) return;
  hooks_.on_progress(stats_.Snapshot(frontier_.size(), unrecorded_));
  next_progress_ = now + milliseconds(std::max(10, hooks_.progress_interval_ms));
}

Result<Summary> Coordinator::Run() {
  if (Status s = Prepare(); !s.ok()) return s;
  Seed();
  while (true) {
    if (!stopping_) Dispatch();
    for (auto& slot : supervisor_->slots()) {
      if (slot->channel.valid()) (void)slot->channel.Flush();  // a failure shows as a dead peer in poll
    }
    if (!export_error_.ok()) break;
    if (Finished()) break;
    if (stopping_ && (unrecorded_ == 0 || Clock::now() >= stop_deadline_)) break;
    if (Status s = PollOnce(); !s.ok()) {
      supervisor_->StopAll(1000);
      return s;
    }
    SweepDeadlines();
    MaybeReportProgress(false);
  }
  MaybeReportProgress(true);
  supervisor_->StopAll(2000);
  Status closed;
  for (auto& exporter : exporters_) {
    if (Status s = exporter->Close(); !s.ok() && closed.ok()) closed = s;
  }
  if (!export_error_.ok()) return export_error_;
  if (!closed.ok()) return closed;
  return stats_.Finish(frontier_.size() + unrecorded_, stopping_);
}

}  // namespace

Result<Summary> RunCoordinator(const Config& config, const CoordinatorHooks& hooks) {
  Coordinator coordinator(config, hooks);
  return coordinator.Run();
}

}  // namespace arachne
