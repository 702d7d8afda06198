#include "fetcher/fetcher_process.h"

#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "fetcher/body_buffer.h"
#include "export/warc_record.h"
#include "fetcher/fetch_request.h"
#include "fetcher/http_client.h"
#include "ipc/body_pool.h"
#include "ipc/messages.h"
#include "ipc/parse_queue.h"

namespace arachne {

namespace {

namespace asio = boost::asio;

// Fields that come from the server are capped so a ParseJob always fits the parse queue's message size.
constexpr std::size_t kMaxFieldBytes = 4096;

// The body bytes an archive record keeps at most: its records travel to the coordinator in one message
// (at most 64 MiB, ipc/frame.h). A longer body is archived cut, with WARC-Truncated: length.
constexpr std::size_t kMaxArchivedPayload = 32u << 20;

std::string Capped(std::string s) {
  if (s.size() > kMaxFieldBytes) s.resize(kMaxFieldBytes);
  return s;
}

// A page's body written by curl straight into the shared memory a parser will read it from.
class PooledBody final : public BodyBuffer {
 public:
  explicit PooledBody(BodyPool& pool) : writer_(pool) {}
  Status Reserve(std::size_t bytes) override { return writer_.Reserve(bytes); }
  Status Append(std::string_view data) override { return writer_.Append(data); }
  std::string_view view() const override { return writer_.view(); }
  void Clear() override { writer_.Clear(); }
  Result<PlacedBody> Seal() { return writer_.Seal(); }

 private:
  BodyPool::Writer writer_;
};

class FetcherProcess {
 public:
  FetcherProcess(const Config& config, Channel control, UniqueFd queue)
      : bodies_(PoolLimits(config)),
        client_(io_, Options(config)),
        fetch_config_(config.fetch),
        control_(std::move(control)),
        queue_(std::move(queue)),
        control_watch_(io_, ::dup(control_.fd())),
        queue_watch_(io_, ::dup(queue_.get())) {
    const std::vector<std::string>& formats = config.output.formats;
    if (std::find(formats.begin(), formats.end(), "warc") == formats.end()) return;
    Result<WarcRecordIds> ids = WarcRecordIds::Create();
    if (ids.ok()) {
      warc_ids_.emplace(std::move(*ids));
    } else {
      Encode(control_.outbox(), LogMessage{"fetcher: no WARC archive: " + ids.status().ToString()});
    }
  }

  int Run() {
    WaitForControl();
    io_.run();
    return exit_status_;
  }

 private:
  struct PendingJob {
    FetchOutcome outcome;
    std::string payload;
    PlacedBody body;
  };

  // A file a parser took and never gave back is reclaimed long after that parser was killed for its
  // parse deadline.
  static BodyPoolLimits PoolLimits(const Config& config) {
    BodyPoolLimits limits;
    const auto deadline = std::chrono::seconds(static_cast<long>(4 * config.workers.parse_timeout_s) + 1);
    limits.reclaim_after = std::max(limits.reclaim_after, deadline);
    return limits;
  }

  static HttpClientOptions Options(const Config& config) {
    HttpClientOptions o;
    o.user_agent = config.fetch.user_agent;
    o.timeout_s = config.fetch.timeout_s;
    o.connect_timeout_s = config.fetch.connect_timeout_s;
    o.max_body_bytes = config.fetch.max_body_bytes;
    o.max_connections = std::max(16, config.fetch.concurrency * 2);
    o.max_host_connections = std::max(1, config.politeness.max_per_host);
    o.ca_file = config.fetch.ca_file;
    o.allow_private = config.fetch.allow_private;
    o.trusted_hosts = TrustedHosts(config);
    return o;
  }

  void Exit(int status) {
    exit_status_ = status;
    client_.CancelAll();
    io_.stop();
  }

  void WaitForControl() {
    control_watch_.async_wait(
        asio::posix::stream_descriptor::wait_read, [this](const boost::system::error_code& ec) {
          if (ec == asio::error::operation_aborted) return;
          Result<bool> open =
              control_.ReadAvailable([this](std::string_view payload) { return OnFrame(payload); });
          if (!open.ok() || !*open) {
            Exit(open.ok() ? 0 : 2);  // the coordinator is gone, or said nonsense
            return;
          }
          if (!stopping_) WaitForControl();
        });
  }

  Status OnFrame(std::string_view payload) {
    MessageType type;
    if (!PeekType(payload, type)) return Status::ProtocolError("unknown message type");
    if (type == MessageType::kShutdown) {
      stopping_ = true;
      FlushControl();
      Exit(0);
      return Status::Ok();
    }
    if (type == MessageType::kPing) {  // answered from the event loop: a Pong proves the loop turns
      PingMessage ping;
      if (!Decode(payload, ping)) return Status::ProtocolError("malformed Ping");
      Encode(control_.outbox(), PongMessage{ping.seq});
      FlushControl();
      return Status::Ok();
    }
    if (type != MessageType::kFetch) return Status::ProtocolError("unexpected message for a fetcher");
    FetchMessage m;
    if (!Decode(payload, m)) return Status::ProtocolError("malformed Fetch");
    const FetchKind kind = m.kind;
    HttpRequest request = RequestFor(m, fetch_config_);
    request.capture_heads = warc_ids_.has_value();
    // A robots.txt goes back to the coordinator, in the outcome; any other body to a parser.
    if (kind != FetchKind::kRobots) {
      auto [slot, fresh] = writing_.try_emplace(request.id, nullptr);
      if (fresh) {
        slot->second = std::make_unique<PooledBody>(bodies_);
        request.body_into = slot->second.get();
      }
    }
    client_.Fetch(std::move(request), [this, kind](HttpResponse&& r) { OnResponse(std::move(r), kind); });
    return Status::Ok();
  }

  void OnResponse(HttpResponse&& r, FetchKind kind) {
    std::unique_ptr<PooledBody> written;
    if (auto it = writing_.find(r.id); it != writing_.end()) {
      written = std::move(it->second);
      writing_.erase(it);
    }
    const std::string_view body = written != nullptr ? written->view() : std::string_view(r.body);
    const bool parse = ShouldParse(kind, r, body);  // before the fields are moved out
    std::string warc = Archive(r, body);
    FetchOutcome outcome;
    outcome.id = r.id;
    outcome.url = std::move(r.url);
    outcome.kind = kind;
    outcome.body_skipped = r.body_skipped;
    outcome.retry_after_s = r.retry_after_s;
    outcome.primary_ip = Capped(std::move(r.primary_ip));
    outcome.status = r.status;
    outcome.content_type = Capped(std::move(r.content_type));
    if (r.redirect_url.size() <= kMaxFieldBytes) outcome.redirect_url = std::move(r.redirect_url);
    outcome.bytes = r.bytes;
    outcome.fetch_ms = r.fetch_ms;
    outcome.truncated = r.truncated;
    outcome.error = r.error;
    outcome.error_detail = Capped(std::move(r.error_detail));
    if (kind == FetchKind::kRobots) {
      outcome.body = std::move(r.body);
      Report(outcome, warc);
      return;
    }
    if (!parse) {
      Report(outcome, warc);
      return;
    }
    Result<PlacedBody> placed = written != nullptr ? written->Seal() : bodies_.Place(r.body);
    if (!placed.ok()) {
      outcome.error = kNoRoomError;
      outcome.error_detail = "fetcher: " + placed.status().message();
      Report(outcome, warc);
      return;
    }
    outcome.sent_to_parser = true;
    PendingJob job{outcome, {}, std::move(*placed)};
    Encode(job.payload, ParseJobMessage{outcome});
    job.outcome.warc = std::move(warc);  // to the coordinator, not to the parser
    job.payload.erase(0, 4);  // the queue keeps message boundaries itself: no frame length
    if (job.payload.size() > kMaxParseJobBytes) {
      outcome.sent_to_parser = false;
      outcome.error = "url too long to parse";
      Report(outcome, warc);
      return;
    }
    pending_.push_back(std::move(job));
    SendPendingJobs();
  }

  // The exchange as WARC records (a request and a response, gzip members) when the crawl archives ("warc"
  // in output.formats) and a response came; "" otherwise. Built here, while the body is at hand: only the
  // fetcher has it whole, and the coordinator appends the records to the archive as they come.
  std::string Archive(const HttpResponse& r, std::string_view body) {
    if (!warc_ids_ || r.status == 0 || r.response_head.empty()) return "";
    WarcExchange exchange;
    exchange.target_uri = r.url;
    exchange.unix_ms = r.started_unix_ms;
    exchange.ip_address = r.primary_ip;
    exchange.request_head = r.request_head;
    exchange.response_head = r.response_head;
    exchange.payload = body.substr(0, kMaxArchivedPayload);
    if (r.truncated || body.size() > kMaxArchivedPayload) {
      exchange.truncated = "length";
    } else if (r.error == "timeout") {
      exchange.truncated = "time";
    } else if (!r.error.empty()) {
      exchange.truncated = "disconnect";
    } else if (r.body_skipped) {
      exchange.truncated = "unspecified";  // not downloaded: only HTML is, unless download_other
    }
    std::string records;
    AppendWarcExchange(records, exchange, *warc_ids_);
    return records;
  }

  // Sends queued parse jobs in order until the queue is full; reports each one once it is sent.
  void SendPendingJobs() {
    while (!pending_.empty()) {
      PendingJob& job = pending_.front();
      Result<bool> sent = SendParseJob(queue_.get(), job.payload, job.body.fd());
      if (!sent.ok()) {
        // No parser can ever receive it: record the page unparsed rather than lose it.
        job.outcome.sent_to_parser = false;
        job.outcome.error = "parse queue: " + sent.status().message();
      } else if (!*sent) {
        if (!waiting_for_queue_) {
          waiting_for_queue_ = true;
          queue_watch_.async_wait(asio::posix::stream_descriptor::wait_write,
                                  [this](const boost::system::error_code& ec) {
                                    waiting_for_queue_ = false;
                                    if (ec != asio::error::operation_aborted) SendPendingJobs();
                                  });
        }
        return;
      }
      Report(job.outcome);
      pending_.pop_front();
    }
  }

  // With `warc`, the exchange's archive records go along (FetchOutcome::warc).
  void Report(FetchOutcome& outcome, std::string& warc) {
    outcome.warc = std::move(warc);
    Report(outcome);
  }
  void Report(const FetchOutcome& outcome) {
    Encode(control_.outbox(), outcome);
    if (flush_posted_) return;
    flush_posted_ = true;
    // One write for everything that completed in this turn of the event loop.
    asio::post(io_, [this] {
      flush_posted_ = false;
      FlushControl();
    });
  }

  void FlushControl() {
    if (Status s = control_.Flush(); !s.ok()) {
      Exit(0);  // the coordinator is gone
      return;
    }
    if (control_.has_output() && !waiting_for_control_write_) {
      waiting_for_control_write_ = true;
      control_watch_.async_wait(asio::posix::stream_descriptor::wait_write,
                                [this](const boost::system::error_code& ec) {
                                  waiting_for_control_write_ = false;
                                  if (ec != asio::error::operation_aborted) FlushControl();
                                });
    }
  }

  asio::io_context io_;
  // Before the client, whose transfers write into it, and before writing_ and pending_, whose bodies
  // and jobs hold its files.
  BodyPool bodies_;
  HttpClient client_;
  FetchConfig fetch_config_;
  Channel control_;
  UniqueFd queue_;
  // Watch duplicates of the descriptors, so Asio closing them never closes the originals.
  asio::posix::stream_descriptor control_watch_;
  asio::posix::stream_descriptor queue_watch_;
  std::deque<PendingJob> pending_;
  std::optional<WarcRecordIds> warc_ids_;  // set when the crawl archives: "warc" in output.formats
  // The bodies of the transfers in flight, by request id: curl writes each into its own
  // (HttpRequest::body_into) until the response comes.
  std::unordered_map<std::uint64_t, std::unique_ptr<PooledBody>> writing_;
  bool waiting_for_queue_ = false;
  bool waiting_for_control_write_ = false;
  bool flush_posted_ = false;
  bool stopping_ = false;
  int exit_status_ = 0;
};

}  // namespace

int RunFetcherProcess(const Config& config, Channel control, UniqueFd parse_queue) {
  CurlGlobal curl;
  FetcherProcess process(config, std::move(control), std::move(parse_queue));
  return process.Run();
}

}  // namespace arachne
