#include "cluster/redis_frontier.h"

#include <hiredis/hiredis.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "cluster/host_assignment.h"
#include "cluster/redis_scripts.h"
#include "store/fingerprint.h"

namespace arachne {
namespace {

constexpr std::size_t kScriptBatch = 1000;     // URLs in one script call
constexpr std::size_t kStreamsPerRead = 128;   // streams in one XREADGROUP
constexpr std::size_t kBufferedToSync = 3000;  // buffered entries that make a Sync due at once
constexpr const char* kGroup = "crawl";

std::uint64_t IntegerOf(const redisReply* reply) {
  if (reply == nullptr) return 0;
  if (reply->type == REDIS_REPLY_INTEGER)
    return reply->integer < 0 ? 0 : static_cast<std::uint64_t>(reply->integer);
  if (reply->type == REDIS_REPLY_STRING) {
    const long long value = std::strtoll(reply->str, nullptr, 10);
    return value < 0 ? 0 : static_cast<std::uint64_t>(value);
  }
  return 0;
}

std::vector<std::string> StringsOf(const redisReply* reply) {
  std::vector<std::string> out;
  if (reply == nullptr || reply->type != REDIS_REPLY_ARRAY) return out;
  for (std::size_t i = 0; i < reply->elements; ++i) {
    if (reply->element[i]->type == REDIS_REPLY_STRING) out.push_back(ReplyText(reply->element[i]));
  }
  return out;
}

RedisCommand Script(std::string_view body, std::vector<std::string> keys, std::vector<std::string> args) {
  RedisCommand command{"EVAL", std::string(body), std::to_string(keys.size())};
  command.insert(command.end(), keys.begin(), keys.end());
  command.insert(command.end(), std::make_move_iterator(args.begin()), std::make_move_iterator(args.end()));
  return command;
}

// Whether a reply is an error: fatal (a script bug, an ACL user without the permission ...) or, for one that
// passes with time, an IoError like an unreachable Redis.
Status Check(const redisReply* reply, std::string_view what) {
  if (!IsErrorReply(reply)) return Status::Ok();
  // Redis loading its data after a restart, say: tried again at the next Sync, nothing lost meanwhile.
  if (IsTransientError(reply))
    return Status::IoError("Redis is not ready for " + std::string(what) + ": " + ReplyText(reply));
  return Status::Internal("Redis refused " + std::string(what) + ": " + ReplyText(reply));
}

}  // namespace

RedisFrontier::RedisFrontier(RedisFrontierOptions options)
    : options_(std::move(options)), redis_(options_.endpoint), prefix_("arachne:{" + options_.crawl + "}:") {}

Result<std::unique_ptr<RedisFrontier>> RedisFrontier::Join(RedisFrontierOptions options) {
  if (options.node.empty()) return Status::InvalidArgument("a cluster node needs a name");
  if (options.lease < std::chrono::milliseconds(200)) {
    return Status::InvalidArgument("the cluster lease must be at least 0.2 s");
  }
  std::unique_ptr<RedisFrontier> frontier(new RedisFrontier(std::move(options)));
  const RedisFrontierOptions& o = frontier->options_;
  // A live node with this name would share this one's leases and claims: refused. Its score is the Redis
  // time of its last renewal, compared with the Redis time now.
  Result<std::vector<RedisReply>> replies =
      frontier->redis_.Run({{"ZSCORE", frontier->Key("nodes"), o.node}, {"TIME"}});
  if (!replies.ok()) return replies.status();
  const redisReply* score = (*replies)[0].get();
  const std::vector<std::string> time = StringsOf((*replies)[1].get());
  if (score != nullptr && score->type == REDIS_REPLY_STRING && time.size() == 2) {
    const double last_ms = std::strtod(score->str, nullptr);
    const double now_ms =
        std::strtod(time[0].c_str(), nullptr) * 1000 + std::strtod(time[1].c_str(), nullptr) / 1000;
    if (now_ms - last_ms < static_cast<double>(o.lease.count())) {
      return Status::InvalidArgument("node name '" + o.node + "' is taken: a live node of crawl '" + o.crawl +
                                     "' uses it (give each node its own --node, or wait " +
                                     std::to_string(o.lease.count() / 1000.0).substr(0, 4) +
                                     " s for it to lapse)");
    }
  }
  // Registered now, so that nodes started together see each other before any takes hosts: the first
  // assignment waits a little (a node that comes later gets its share handed over, which costs more).
  const Clock::time_point now = Clock::now();
  SyncResult ignored;
  if (Status s = frontier->Exchange(now, ignored); !s.ok()) return s;
  frontier->next_assign_ = now + std::min<Clock::duration>(o.lease / 4, std::chrono::milliseconds(250));
  return frontier;
}

void RedisFrontier::Offer(std::string_view host, std::string_view dedup_key, std::string payload) {
  const Fingerprint fingerprint = FingerprintOf(dedup_key);
  std::string key(16, '\0');
  std::memcpy(key.data(), &fingerprint.high, 8);
  std::memcpy(key.data() + 8, &fingerprint.low, 8);
  offers_.push_back(std::move(key));
  offers_.emplace_back(host);
  offers_.push_back(std::move(payload));
  exchanged_ = false;
  if (offers_.size() / 3 >= kBufferedToSync) next_sync_ = {};
}

void RedisFrontier::Settle(std::string_view host, std::string_view id, bool recorded) {
  settles_.emplace_back(host);
  settles_.emplace_back(id);
  settles_.emplace_back(recorded ? "1" : "0");
  exchanged_ = false;
  if (settles_.size() / 3 >= kBufferedToSync) next_sync_ = {};
}

void RedisFrontier::Return(std::string_view host, std::string_view id) {
  auto it = outstanding_.find(std::string(host));
  if (it != outstanding_.end()) it->second.erase(std::string(id));
}

Status RedisFrontier::ReleaseHandedOver() {
  std::vector<std::string> args{prefix_, options_.node};
  for (const std::string& host : handing_over_) {
    auto it = outstanding_.find(host);
    if (it == outstanding_.end() || it->second.empty()) args.push_back(host);
  }
  if (args.size() == 2) return Status::Ok();
  Result<RedisReply> released = redis_.Run(Script(redis_scripts::kRelease, {Key("nodes")}, args));
  if (!released.ok()) return released.status();
  if (Status s = Check(released->get(), "handing hosts over"); !s.ok()) return s;
  for (std::size_t i = 2; i < args.size(); ++i) {
    handing_over_.erase(args[i]);
    held_.erase(args[i]);
    outstanding_.erase(args[i]);
  }
  return Status::Ok();
}

Status RedisFrontier::Sync(Clock::time_point now, std::size_t want, SyncResult& result) {
  if (now < next_sync_) return Status::Ok();
  next_sync_ = now + options_.sync_interval;
  // While the connection's backoff runs, Exchange fails at once without trying.
  Status s = Exchange(now, result);
  if (s.ok() && recover_) s = Recover(result);
  if (s.ok() && !handing_over_.empty()) s = ReleaseHandedOver();
  if (s.ok() && now >= next_assign_) {
    next_assign_ = now + std::max<Clock::duration>(options_.sync_interval, options_.lease / 8);
    s = Assign(result);
  }
  if (s.ok() && want > 0 && !held_.empty() && Active(now)) s = Claim(want, result);
  if (s.code() == Status::Code::kIoError) recover_ = true;
  return s;
}

Status RedisFrontier::Recover(SyncResult& result) {
  for (const std::string& host : held_) {
    if (handing_over_.count(host)) continue;  // what it returned is the next node's
    std::string after = "0";
    // Bounded by the entries pending under this node: each pass reads the next 1,000 or stops.
    while (true) {
      Result<RedisReply> reply = redis_.Run(
          {"XREADGROUP", "GROUP", kGroup, options_.node, "COUNT", "1000", "STREAMS", StreamOf(host), after});
      if (!reply.ok()) return reply.status();
      const redisReply* streams = reply->get();
      if (streams->type != REDIS_REPLY_ARRAY || streams->elements != 1) break;  // NOGROUP, nil
      const redisReply* stream = streams->element[0];
      if (stream->type != REDIS_REPLY_ARRAY || stream->elements != 2) break;
      const redisReply* entries = stream->element[1];
      if (entries->type != REDIS_REPLY_ARRAY || entries->elements == 0) break;
      ReadEntries(entries, host, result);
      after = ReplyText(entries->element[entries->elements - 1]->element[0]);
      if (entries->elements < 1000) break;
    }
  }
  recover_ = false;
  return Status::Ok();
}

Status RedisFrontier::Exchange(Clock::time_point now, SyncResult& result) {
  std::vector<RedisCommand> commands;
  for (std::size_t i = 0; i < offers_.size(); i += 3 * kScriptBatch) {
    std::vector<std::string> args{prefix_};
    args.insert(
        args.end(), offers_.begin() + static_cast<std::ptrdiff_t>(i),
        offers_.begin() + static_cast<std::ptrdiff_t>(std::min(offers_.size(), i + 3 * kScriptBatch)));
    commands.push_back(Script(redis_scripts::kOffer,
                              {Key("seen"), Key("hosts"), Key("open"), Key("offered"), Key("host_order")},
                              std::move(args)));
  }
  for (std::size_t i = 0; i < settles_.size(); i += 3 * kScriptBatch) {
    std::vector<std::string> args{prefix_};
    args.insert(
        args.end(), settles_.begin() + static_cast<std::ptrdiff_t>(i),
        settles_.begin() + static_cast<std::ptrdiff_t>(std::min(settles_.size(), i + 3 * kScriptBatch)));
    commands.push_back(Script(redis_scripts::kSettle, {Key("open"), Key("recorded")}, std::move(args)));
  }
  const std::size_t scripts = commands.size();
  const bool renew = now >= next_renew_;
  if (renew) {
    std::vector<std::string> args{prefix_, options_.node, std::to_string(options_.lease.count())};
    args.insert(args.end(), held_.begin(), held_.end());
    commands.push_back(Script(redis_scripts::kRenew, {Key("nodes")}, std::move(args)));
  }
  commands.push_back({"MGET", Key("open"), Key("offered"), Key("recorded")});
  commands.push_back({"LLEN", Key("host_order")});

  Result<std::vector<RedisReply>> replies = redis_.Run(commands);
  if (!replies.ok()) return replies.status();
  for (std::size_t i = 0; i < scripts; ++i) {
    if (Status s = Check((*replies)[i].get(), "a batch of offers or settlements"); !s.ok()) return s;
  }
  for (std::size_t i = 0; i + 1 < settles_.size(); i += 3) {
    auto it = outstanding_.find(settles_[i]);
    if (it != outstanding_.end()) it->second.erase(settles_[i + 1]);
  }
  offers_.clear();
  settles_.clear();
  exchanged_ = true;
  std::size_t next = scripts;
  if (renew) {
    const redisReply* reply = (*replies)[next++].get();
    if (Status s = Check(reply, "the lease renewal"); !s.ok()) return s;
    if (reply->type == REDIS_REPLY_ARRAY && reply->elements == 2) {
      nodes_ = StringsOf(reply->element[0]);
      for (std::string& host : StringsOf(reply->element[1])) {
        held_.erase(host);
        outstanding_.erase(host);
        handing_over_.erase(host);
        result.lost.push_back(std::move(host));
      }
    }
    next_renew_ = now + options_.lease / 4;
    // The leases were renewed when the script ran, a little after `now`; counting from `now` errs safe, and
    // stopping short of the whole lease leaves room for clocks that run at slightly different rates.
    leases_valid_until_ = now + options_.lease * 3 / 4;
  }
  const redisReply* counters = (*replies)[next++].get();
  if (counters->type == REDIS_REPLY_ARRAY && counters->elements == 3) {
    open_ = IntegerOf(counters->element[0]);
    offered_ = IntegerOf(counters->element[1]);
    recorded_ = IntegerOf(counters->element[2]);
  }
  host_count_ = IntegerOf((*replies)[next].get());
  return Status::Ok();
}

Status RedisFrontier::Assign(SyncResult& result) {
  // The nodes alive now (each renewal forgets those silent for a lease), and the hosts found since the last
  // assignment.
  if (hosts_.size() > host_count_) hosts_.clear();  // a Redis that lost data (restarted without persistence)
  Result<std::vector<RedisReply>> lists =
      redis_.Run({{"ZRANGE", Key("nodes"), "0", "-1"},
                  {"LRANGE", Key("host_order"), std::to_string(hosts_.size()), "-1"}});
  if (!lists.ok()) return lists.status();
  nodes_ = StringsOf((*lists)[0].get());
  for (std::string& host : StringsOf((*lists)[1].get())) hosts_.push_back(std::move(host));
  if (std::find(nodes_.begin(), nodes_.end(), options_.node) == nodes_.end()) return Status::Ok();
  std::vector<std::string> wanted;
  const std::vector<std::string_view> owners = AssignHosts(hosts_, nodes_);
  for (std::size_t i = 0; i < owners.size(); ++i) {
    if (owners[i] == options_.node && !held_.count(hosts_[i])) wanted.push_back(hosts_[i]);
  }
  // A held host stays with its node, unless the node holds more than its share (nodes joined since it
  // took them): then it hands over the hosts other nodes should hold, down to its share.
  const std::size_t share = (hosts_.size() + nodes_.size() - 1) / nodes_.size();
  std::size_t keeping = held_.size() - handing_over_.size();
  for (std::size_t i = 0; i < owners.size() && keeping > share; ++i) {
    if (owners[i] == options_.node || !held_.count(hosts_[i]) || handing_over_.count(hosts_[i])) continue;
    handing_over_.insert(hosts_[i]);
    result.handing_over.push_back(hosts_[i]);
    --keeping;
  }
  if (wanted.empty()) return Status::Ok();
  std::vector<std::string> args{prefix_, options_.node, std::to_string(options_.lease.count())};
  args.insert(args.end(), wanted.begin(), wanted.end());
  Result<RedisReply> got = redis_.Run(Script(redis_scripts::kAcquire, {Key("nodes")}, std::move(args)));
  if (!got.ok()) return got.status();
  if (Status s = Check(got->get(), "taking hosts"); !s.ok()) return s;

  // The URLs a host's earlier holder claimed and did not settle are this node's now, all of them: the lease
  // says nobody else works on the host.
  std::vector<std::string> taking = StringsOf(got->get());
  for (const std::string& host : taking) held_.insert(host);
  std::vector<std::pair<std::string, std::string>> cursors;  // host, next id
  for (const std::string& host : taking) cursors.emplace_back(host, "0-0");
  while (!cursors.empty()) {
    std::vector<RedisCommand> commands;
    for (const auto& [host, cursor] : cursors) {
      commands.push_back({"XAUTOCLAIM", StreamOf(host), kGroup, options_.node, "0", cursor, "COUNT", "1000"});
    }
    Result<std::vector<RedisReply>> replies = redis_.Run(commands);
    if (!replies.ok()) return replies.status();
    std::vector<std::pair<std::string, std::string>> more;
    for (std::size_t i = 0; i < cursors.size(); ++i) {
      const redisReply* reply = (*replies)[i].get();
      if (reply->type != REDIS_REPLY_ARRAY || reply->elements < 2) continue;  // NOGROUP: nothing pending
      ReadEntries(reply->element[1], cursors[i].first, result);
      const std::string next = ReplyText(reply->element[0]);
      if (next != "0-0" && !next.empty()) more.emplace_back(cursors[i].first, next);
    }
    cursors = std::move(more);
  }
  return Status::Ok();
}

Status RedisFrontier::Claim(std::size_t want, SyncResult& result) {
  std::vector<std::string> hosts;
  for (const std::string& host : held_) {
    if (!handing_over_.count(host)) hosts.push_back(host);
  }
  if (hosts.empty()) return Status::Ok();
  const std::size_t per_stream = std::max<std::size_t>(1, want / hosts.size());
  std::vector<RedisCommand> commands;
  for (std::size_t i = 0; i < hosts.size(); i += kStreamsPerRead) {
    const std::size_t end = std::min(hosts.size(), i + kStreamsPerRead);
    RedisCommand command{"XREADGROUP", "GROUP", kGroup, options_.node, "COUNT", std::to_string(per_stream),
                         "STREAMS"};
    for (std::size_t j = i; j < end; ++j) command.push_back(StreamOf(hosts[j]));
    for (std::size_t j = i; j < end; ++j) command.push_back(">");
    commands.push_back(std::move(command));
  }
  Result<std::vector<RedisReply>> replies = redis_.Run(commands);
  if (!replies.ok()) return replies.status();
  for (const RedisReply& reply : *replies) {
    if (IsErrorReply(reply.get())) {
      // NOGROUP: a stream lost (a Redis restarted without persistence); its host has nothing to give.
      continue;
    }
    if (reply->type != REDIS_REPLY_ARRAY) continue;  // nil: nothing new
    for (std::size_t i = 0; i < reply->elements; ++i) {
      const redisReply* stream = reply->element[i];
      if (stream->type != REDIS_REPLY_ARRAY || stream->elements != 2) continue;
      const std::string key = ReplyText(stream->element[0]);
      ReadEntries(stream->element[1], std::string_view(key).substr(prefix_.size() + 2), result);
    }
  }
  return Status::Ok();
}

void RedisFrontier::ReadEntries(const redisReply* entries, std::string_view host, SyncResult& result) {
  if (entries == nullptr || entries->type != REDIS_REPLY_ARRAY) return;
  for (std::size_t i = 0; i < entries->elements; ++i) {
    const redisReply* entry = entries->element[i];
    // [id, [field, value ...]]; a deleted entry comes as nil.
    if (entry->type != REDIS_REPLY_ARRAY || entry->elements != 2) continue;
    const redisReply* fields = entry->element[1];
    if (fields->type != REDIS_REPLY_ARRAY) continue;
    std::string id = ReplyText(entry->element[0]);
    // Handed out before (a claim read again by Recover): the node has it.
    if (!outstanding_[std::string(host)].insert(id).second) continue;
    for (std::size_t f = 0; f + 1 < fields->elements; f += 2) {
      if (ReplyText(fields->element[f]) != "u") continue;
      result.claimed.push_back(SharedEntry{std::string(host), id, ReplyText(fields->element[f + 1])});
    }
  }
}

bool RedisFrontier::Drained() const {
  return exchanged_ && offers_.empty() && settles_.empty() && open_ == 0;
}

ClusterCounts RedisFrontier::counts() const {
  return ClusterCounts{open_, offered_, recorded_, nodes_.size(), held_.size()};
}

std::string RedisFrontier::Describe() const {
  return "node " + options_.node + " of crawl " + options_.crawl + " at " + options_.endpoint.Display();
}

Status RedisFrontier::Leave() {
  SyncResult ignored;
  if (!offers_.empty() || !settles_.empty()) {
    if (Status s = Exchange(Clock::now(), ignored); !s.ok()) return s;
  }
  std::vector<std::string> args{prefix_, options_.node};
  args.insert(args.end(), held_.begin(), held_.end());
  Result<std::vector<RedisReply>> left =
      redis_.Run({Script(redis_scripts::kRelease, {Key("nodes")}, std::move(args)),
                  {"ZREM", Key("nodes"), options_.node}});
  if (!left.ok()) return left.status();
  held_.clear();
  return Check((*left)[0].get(), "leaving the crawl");
}

}  // namespace arachne
