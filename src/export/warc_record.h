// WARC records (ISO 28500:2017, WARC 1.1): the warcinfo record that starts a file, and the request and
// response records of one HTTP exchange. Each record is written as its own gzip member (Annex D.2,
// "record-at-time compression"), so that a .warc.gz is a valid gzip file whose per-record byte ranges
// also stand alone and an index can point a reader at any record.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "arachne/status.h"

namespace arachne {

// Makes WARC-Record-IDs: "urn:uuid:" and a version 4 (random) UUID (RFC 4122 section 4.4). Section 5.2 asks
// for ids "globally unique for its period of intended use"; the generator is seeded from getrandom(2) once,
// with 256 bits, so that two crawls (or two workers) do not repeat each other's ids. Not thread-safe: one
// per thread or process.
class WarcRecordIds {
 public:
  // Fails only if the kernel gives no random bytes.
  static Result<WarcRecordIds> Create();

  // "urn:uuid:xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", lowercase hex, y one of 8, 9, a, b.
  std::string Next();

 private:
  explicit WarcRecordIds(std::seed_seq& seed) : engine_(seed) {}
  std::mt19937_64 engine_;
};

// One HTTP exchange as the fetcher saw it.
struct WarcExchange {
  std::string target_uri;  // WARC-Target-URI: the URL requested
  // When the request started: WARC-Date, UTC with milliseconds, "2026-12-01T21:33:00.123Z" (section 5.4
  // allows 1 to 9 digits of fraction and asks for as many as are known).
  std::int64_t unix_ms = 0;
  std::string ip_address;     // WARC-IP-Address; omitted when empty
  std::string request_head;   // request line and headers as sent, ending in "\r\n\r\n"
  std::string response_head;  // status line and headers as received, ending in "\r\n\r\n"
  std::string_view payload;   // the body as the client kept it (content- and transfer-decoded)
  // Why the payload is not the whole body: "" (it is), "length" (cut at a size limit), "unspecified" (not
  // downloaded); written as WARC-Truncated (section 5.15) on the response record.
  std::string truncated;
};

// The response head made to describe `payload` as stored: the client decoded Content-Encoding and chunked
// Transfer-Encoding, so those headers (and Content-Length) are renamed X-Archive-Orig-<Name> (the pywb /
// OpenWayback convention) and a Content-Length of payload_size is added as the last header. Line endings
// are normalized to CRLF; the status line is kept, HTTP/2 heads ("HTTP/2 200") as received. When the
// head holds several responses (an interim 1xx before the final one), only the last is kept: a reader
// takes the first status line of the block for the response's. Returns "" for a head without any line.
std::string ArchivableResponseHead(std::string_view response_head, std::uint64_t payload_size);

// Appends a request record and then a response record, each its own gzip member, to `out`. The request's
// WARC-Concurrent-To names the response (section 5.7: the link counts both ways). The response block is
// ArchivableResponseHead(...) + payload; the request block is request_head. Both carry
// WARC-Block-Digest and WARC-Payload-Digest ("sha1:" and 32 base32 characters); the request's payload is
// what follows its head, empty for a GET.
void AppendWarcExchange(std::string& out, const WarcExchange& exchange, WarcRecordIds& ids);

// The warcinfo record that starts a file (section 6.2), one gzip member: WARC-Filename, Content-Type
// application/warc-fields, and a block of "software: Arachne/<version>", "format: WARC File Format 1.1",
// "conformsTo: https://iso.org/standard/68004.html" and then `fields` in order. Line breaks in values
// become spaces (a value is one line of application/warc-fields); names must be tokens.
std::string WarcInfoRecord(std::string_view filename, std::int64_t unix_ms,
                           const std::vector<std::pair<std::string, std::string>>& fields,
                           WarcRecordIds& ids);

// Base32 (RFC 4648 section 6, uppercase, padded; 32 characters for SHA-1's 20 bytes) of the SHA-1 of
// `data`: the customary WARC digest value (section 5.8).
std::string Sha1Base32(std::string_view data);

}  // namespace arachne
