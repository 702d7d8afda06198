#include "parser/parser_process.h"

#include <poll.h>

#include <algorithm>
#include <optional>

#include "common/utf8.h"
#include "extract/extraction_rules.h"
#include "ipc/body_reader.h"
#include "ipc/messages.h"
#include "ipc/parse_claim.h"
#include "ipc/parse_queue.h"
#include "ipc/shared_body.h"
#include "parser/charset.h"
#include "parser/html_extractor.h"
#include "parser/html_scanner.h"
#include "parser/link_selection.h"
#include "parser/sandbox.h"
#include "parser/utf8_converter.h"
#include "scope/scope.h"
#include "sitemap/sitemap.h"
#include "url/url.h"

namespace arachne {

namespace {

// Results go out in batches of this many, or sooner when the queue runs dry.
constexpr int kBatch = 32;
// A sitemap's URLs in one Parsed message at most, in bytes: well under the frame limit (kMaxFrameBytes).
constexpr std::size_t kMaxSitemapResultBytes = 32u << 20;
constexpr std::size_t kMaxTextFieldBytes = 64u << 10;  // title, description, canonical, meta robots
// The page text sent back for the library's page callback (send_pages), at most: with a page's links (16 MiB,
// kMaxPageLinkBytes) and fields (16 MiB, kMaxPageFieldBytes) it keeps a Parsed message under the 64 MiB frame
// limit whatever [fetch] max_body_bytes is.
constexpr std::size_t kMaxSentPageBytes = 24u << 20;

class ParserProcess {
 public:
  ParserProcess(const Config& config, bool send_pages, Scope scope, ExtractionRules rules, Channel control,
                UniqueFd queue, ParseClaim claim)
      : robots_(config.robots),
        send_pages_(send_pages),
        gumbo_(config.workers.html_parser == "gumbo"),
        scope_(std::move(scope)),
        rules_(std::move(rules)),
        control_(std::move(control)),
        queue_(std::move(queue)),
        claim_(std::move(claim)) {
    // A backstop behind the coordinator's parse deadline (wall-clock, which CPU time never passes): it
    // ends a spinning page even if the coordinator is slow to notice.
    if (config.workers.sandbox) {
      job_cpu_.emplace(config.workers.parse_timeout_s + std::max(5.0, config.workers.parse_timeout_s));
    }
  }

  int Run() {
    while (true) {
      pollfd fds[2] = {{control_.fd(), POLLIN, 0}, {queue_.get(), POLLIN, 0}};
      if (::poll(fds, 2, -1) < 0) {
        if (errno == EINTR) continue;
        return 2;
      }
      if (fds[0].revents != 0) {
        Result<bool> open = control_.ReadAvailable([this](std::string_view payload) { return OnControl(payload); });
        if (!open.ok()) return 2;
        if (!*open || shutdown_) return 0;
        if (!control_.FlushAll(Channel::kForever).ok()) return 0;  // the coordinator is gone
      }
      if (fds[1].revents & POLLIN) {
        if (Status s = ParseAvailable(); !s.ok()) return 0;  // the coordinator is gone
      }
    }
  }

 private:
  Status OnControl(std::string_view payload) {
    MessageType type;
    if (!PeekType(payload, type)) return Status::ProtocolError("unknown message type");
    if (type == MessageType::kShutdown) {
      shutdown_ = true;
      return Status::Ok();
    }
    if (type == MessageType::kPing) {  // answered between pages: a page's parse has its own deadline
      PingMessage ping;
      if (!Decode(payload, ping)) return Status::ProtocolError("malformed Ping");
      Encode(control_.outbox(), PongMessage{ping.seq});
      return Status::Ok();
    }
    return Status::ProtocolError("unexpected message for a parser");
  }

  Status ParseAvailable() {
    BusyMessage busy{SharedBodyClockNs(), 0, 0};
    for (int i = 0; i < kBatch; ++i) {
      Result<std::optional<ReceivedParseJob>> job = ReceiveParseJob(queue_.get());
      if (!job.ok() || !job->has_value()) break;  // empty, or a broken message: nothing to answer
      ParseJobMessage message;
      if (!Decode((*job)->payload, message)) continue;
      // Claim the job before the work that could crash, so the coordinator knows whose it was.
      claim_.Claim(message.fetch.id);
      // A page that spins ends the process by SIGXCPU (sandbox.h); the coordinator retries it.
      if (job_cpu_) (void)job_cpu_->BeforeJob();
      Encode(control_.outbox(), Parse(message.fetch, std::move((*job)->body)));
      claim_.Release();
      ++busy.jobs;
    }
    if (busy.jobs > 0) {
      busy.end_ns = SharedBodyClockNs();
      Encode(control_.outbox(), busy);
    }
    // Results wait for as long as the coordinator lives: a busy one (queueing a page of 50,000 links into
    // a job folder) is not a gone one, which closes its end, and whose death ends this process anyway
    // (PR_SET_PDEATHSIG). Giving up here would throw the parsed pages away to be parsed again.
    return control_.FlushAll(Channel::kForever);
  }

  ParsedMessage Parse(const FetchOutcome& fetch, UniqueFd body_fd) {
    ParsedMessage result;
    result.fetch = fetch;
    Result<Url> page_url = Url::Parse(fetch.url);
    if (!page_url.ok()) {
      result.error = "parser: " + page_url.status().message();
      return result;
    }
    Result<SharedBodyView> body = bodies_.Open(std::move(body_fd));
    if (!body.ok()) {
      result.error = "parser: " + body.status().message();
      return result;
    }
    switch (fetch.kind) {
      case FetchKind::kPage: return ReadPage(std::move(result), body->view(), *page_url);
      case FetchKind::kSitemap: return ReadSitemap(std::move(result), body->view());
      case FetchKind::kRobots: break;
    }
    result.error = "parser: a robots.txt is read by the coordinator, not parsed";
    return result;
  }

  // An HTML page: decoded to UTF-8 (charset.h), its fields extracted, and the links it lets the crawl
  // follow (meta robots, rel=nofollow) that the scope allows.
  ParsedMessage ReadPage(ParsedMessage result, std::string_view body, const Url& page_url) const {
    const DecodedHtml html = DecodeHtml(body, result.fetch.content_type, Utf8Repair::kLeaveToReader);
    PageInfo page;
    // The scanner needs no tree; a page that [[extract]] rules apply to does, and its record fields are
    // then read from the same tree.
    if (!rules_.empty() && rules_.AppliesTo(result.fetch.url)) {
      const GumboDocument document(html.text());
      page = ExtractPageFromTree(document, page_url);
      Result<Url> base = Url::Parse(page.base);
      result.fields = rules_.Apply(document.document(), result.fetch.url, base.ok() ? *base : page_url);
    } else {
      page = gumbo_ ? ExtractPage(html.text(), page_url) : ScanPage(html.text(), page_url);
    }
    result.charset = html.charset();
    if (send_pages_) {
      result.html = SanitizeUtf8(html.text().substr(0, kMaxSentPageBytes));
      TruncateUtf8(result.html, kMaxSentPageBytes);  // a cut character became a 3-byte U+FFFD
    }
    result.title = std::move(page.title);
    result.description = std::move(page.description);
    result.canonical = std::move(page.canonical);
    result.robots = page.robots;
    // A page may hold a title of megabytes; a record keeps the start of each text (and the message to the
    // coordinator stays far below its frame limit, whatever the body cap).
    for (std::string* text : {&result.title, &result.description, &result.canonical, &result.robots}) {
      TruncateUtf8(*text, kMaxTextFieldBytes);
    }
    result.links_dropped = page.links_dropped;
    result.link_count = page.links.size();
    SelectedLinks links = SelectLinks(std::move(page), robots_, scope_);
    result.links = std::move(links.follow);
    result.nofollow = links.nofollow;
    result.out_of_scope = links.out_of_scope;
    return result;
  }

  // A sitemap's pages and sitemaps, unfiltered: the coordinator applies the scope, since a sitemap may
  // list what no page links to.
  static ParsedMessage ReadSitemap(ParsedMessage result, std::string_view body) {
    Result<Sitemap> sitemap = ParseSitemap(body, result.fetch.url);
    if (!sitemap.ok()) {
      result.error = sitemap.status().message();
      return result;
    }
    result.error = std::move(sitemap->error);
    if (sitemap->truncated && result.error.empty()) result.error = "sitemap " + result.fetch.url + ": cut at 50,000 URLs or 50 MiB";
    std::size_t bytes = 0;
    const auto take = [&](std::vector<std::string>& from, std::vector<std::string>& to) {
      for (std::string& url : from) {
        bytes += url.size();
        if (bytes > kMaxSitemapResultBytes) {
          result.error = "sitemap " + result.fetch.url + ": URLs over 32 MiB, the rest left out";
          return;
        }
        to.push_back(std::move(url));
      }
    };
    take(sitemap->sitemaps, result.sitemaps);
    take(sitemap->pages, result.links);
    result.link_count = result.links.size();
    return result;
  }

  RobotsConfig robots_;
  bool send_pages_;  // the page's text goes back too (HelloMessage::send_pages)
  std::optional<JobCpuBudget> job_cpu_;  // CPU seconds a page may take (a backstop: see sandbox.h); sandbox only
  bool gumbo_;  // read pages with Gumbo's DOM rather than the scanner
  Scope scope_;
  ExtractionRules rules_;
  Channel control_;
  UniqueFd queue_;
  ParseClaim claim_;
  BodyReader bodies_;
  bool shutdown_ = false;
};

}  // namespace

int RunParserProcess(const Config& config, bool send_pages, Channel control, UniqueFd parse_queue,
                     UniqueFd claim_fd) {
  Result<ParseClaim> claim = ParseClaim::Open(std::move(claim_fd));
  if (!claim.ok()) {
    Encode(control.outbox(), LogMessage{"cannot map the parse claim: " + claim.status().ToString()});
    (void)control.FlushAll(1000);
    return 2;
  }
  Result<Scope> scope = Scope::Create(config.scope, config.seeds);
  if (!scope.ok()) {
    Encode(control.outbox(), LogMessage{"cannot build the scope: " + scope.status().ToString()});
    (void)control.FlushAll(1000);
    return 2;
  }
  Result<ExtractionRules> rules = ExtractionRules::Compile(config.extract);
  if (!rules.ok()) {
    Encode(control.outbox(), LogMessage{"cannot compile the [[extract]] rules: " + rules.status().ToString()});
    (void)control.FlushAll(1000);
    return 2;
  }
  // What parsing needs from the file system is loaded now: iconv's converters (kept open for the
  // process's life) and ICU's IDNA data (a first international host name).
  const std::vector<IconvHandle> converters = OpenEveryConverter();
  (void)Url::Parse("http://b\xC3\xBC" "cher.example/");
  if (config.workers.sandbox) {
    if (Status s = EnterSandbox(SandboxLimits{}); !s.ok()) {
      Encode(control.outbox(), LogMessage{"parser runs without its sandbox: " + s.ToString()});
    }
  }
  ParserProcess process(config, send_pages, std::move(*scope), std::move(*rules), std::move(control), std::move(parse_queue),
                        std::move(*claim));
  return process.Run();
}

}  // namespace arachne
