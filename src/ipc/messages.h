// The messages Arachne's processes exchange, and their encoding into frames.
//
// Coordinator -> fetcher:  Hello, Fetch (many per write), Shutdown
// Fetcher -> coordinator:  FetchDone, for every Fetch, when its outcome is known
// Fetcher -> parse queue:  ParseJob, with the body in a memfd passed alongside (see parse_queue.h)
// Parser -> coordinator:   Parsed (a job's result; which job a parser works on is its ParseClaim's, in
//                          shared memory: parse_claim.h)
// Coordinator -> parser:   Hello, Shutdown
// Coordinator -> any child: Ping, which the child answers with a Pong (the heartbeat: a child that stops
//                           answering is replaced)
// Parser -> coordinator:   Busy, when it has parsed a batch of jobs (for the crawl's timeline)
// Any child -> coordinator: Log (a line for the coordinator's log), Pong
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arachne/record.h"

namespace arachne {

enum class MessageType : std::uint8_t {
  kHello = 1,
  kFetch = 2,
  kFetchDone = 3,
  kParseJob = 4,
  // 5 was Took, the parser's claim of a job, now a ParseClaim (parse_claim.h).
  kParsed = 6,
  kShutdown = 7,
  kLog = 8,
  kPing = 9,
  kPong = 10,
  kBusy = 11,
};

// What a fetch is for. Pages go to the parse queue when they are HTML; a robots.txt comes back to the
// coordinator in the FetchDone itself (its redirects followed by the fetcher, at most 5 hops, the body cut at
// 500 KiB: RFC 9309 sections 2.3.1.2 and 2.5); a sitemap goes to the parse queue whatever its type.
enum class FetchKind : std::uint8_t { kPage = 0, kRobots = 1, kSitemap = 2 };

// The first message to every child: its settings, as the JSON of the crawl's Config.
struct HelloMessage {
  std::string config_json;
  // Parsers send each HTML page's text back in Parsed::html, for the library's page callback
  // (Crawler::OnPage), which runs in the coordinator.
  bool send_pages = false;
};

struct FetchMessage {
  std::uint64_t id = 0;  // the coordinator's handle for this URL
  std::string url;
  FetchKind kind = FetchKind::kPage;
};

// What a fetch produced, short of the body.
struct FetchOutcome {
  std::uint64_t id = 0;
  std::string url;
  FetchKind kind = FetchKind::kPage;
  int status = 0;
  std::string content_type;
  std::string redirect_url;
  std::uint64_t bytes = 0;
  double fetch_ms = 0;
  bool truncated = false;
  bool body_skipped = false;  // not HTML, so the body was not downloaded ([fetch] download_other)
  double retry_after_s = -1;  // the response's Retry-After, in seconds from now; -1 when absent
  std::string primary_ip;     // the address connected to, for per-IP politeness
  std::string body;           // a robots.txt's body; empty for other kinds
  std::string error;         // short kind ("timeout", "dns" ...), empty if none
  std::string error_detail;  // the library's message, for the log
  bool sent_to_parser = false;  // the body went to the parse queue: a Parsed message will complete the record
  // The exchange as WARC request and response records (gzip members), when the crawl archives ("warc" in
  // output.formats). Sent in the FetchDone only, not in a ParseJob or echoed in a Parsed.
  std::string warc;
};

// The error kind of a fetch whose body this machine had no room to keep: the shared memory file it goes
// into could not grow (a file size limit, `ulimit -f`; no memory left). Not the site's failure, so not a
// record: the coordinator stops the crawl, as on an output it cannot write, and a job's next run fetches
// the URL again.
inline constexpr std::string_view kNoRoomError = "no room";

// Whether a FetchOutcome's error kind is a failure that a later try may not meet: a timeout, a refused
// or broken connection ("timeout", "connect", "send", "recv"). Retries and robots.txt's "unreachable"
// both go by it.
bool IsTransientError(std::string_view error);

struct ParseJobMessage {
  FetchOutcome fetch;
};

struct ParsedMessage {
  FetchOutcome fetch;  // echoed from the ParseJob, so the record can be completed from this message alone
  std::string title;
  std::string description;
  std::string canonical;
  std::string robots;              // <meta name=robots content>, as written
  std::string charset;             // the encoding the page was decoded from
  std::uint64_t link_count = 0;    // distinct http(s) links on the page
  std::uint64_t out_of_scope = 0;  // of those, how many the scope refused
  std::uint64_t nofollow = 0;      // of those, how many were not followed (rel=nofollow, meta nofollow)
  std::uint64_t links_dropped = 0;  // links past the page's caps (kMaxPageLinks ...), not even resolved
  std::vector<std::string> links;  // the ones to follow: absolute, without fragment; a sitemap's pages
  std::vector<std::string> sitemaps;  // a sitemap index's sitemaps
  // The [[extract]] fields, one per rule in order; empty when the crawl has no rules or the page is not
  // HTML (the coordinator fills in nulls).
  std::vector<FieldValue> fields;
  std::string html;                // the page decoded to UTF-8, when Hello asked for it (send_pages)
  std::string error;               // a parse failure, empty if none
};

struct ShutdownMessage {};

struct LogMessage {
  std::string text;
};

// A heartbeat: the child answers a Ping with a Pong of the same sequence number.
struct PingMessage {
  std::uint64_t seq = 0;
};
struct PongMessage {
  std::uint64_t seq = 0;
};

// A span a child was busy: CLOCK_MONOTONIC nanoseconds (the same clock in every process), and the jobs it did.
struct BusyMessage {
  std::int64_t start_ns = 0;
  std::int64_t end_ns = 0;
  std::uint64_t jobs = 0;
};

// Appends the message as one frame to `out`.
void Encode(std::string& out, const HelloMessage& m);
void Encode(std::string& out, const FetchMessage& m);
void Encode(std::string& out, const FetchOutcome& m);  // a FetchDone
void Encode(std::string& out, const ParseJobMessage& m);
void Encode(std::string& out, const ParsedMessage& m);
void Encode(std::string& out, const ShutdownMessage& m);
void Encode(std::string& out, const LogMessage& m);
void Encode(std::string& out, const PingMessage& m);
void Encode(std::string& out, const PongMessage& m);
void Encode(std::string& out, const BusyMessage& m);

// The type of a frame's payload; false for an empty payload or an unknown type.
bool PeekType(std::string_view payload, MessageType& type);

// Decode a payload of the matching type (its first byte is the type). False for a malformed payload:
// truncated, trailing bytes, out-of-range values.
bool Decode(std::string_view payload, HelloMessage& m);
bool Decode(std::string_view payload, FetchMessage& m);
bool Decode(std::string_view payload, FetchOutcome& m);
bool Decode(std::string_view payload, ParseJobMessage& m);
bool Decode(std::string_view payload, ParsedMessage& m);
bool Decode(std::string_view payload, ShutdownMessage& m);
bool Decode(std::string_view payload, LogMessage& m);
bool Decode(std::string_view payload, PingMessage& m);
bool Decode(std::string_view payload, PongMessage& m);
bool Decode(std::string_view payload, BusyMessage& m);

}  // namespace arachne
