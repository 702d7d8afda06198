// Record: what Arachne exports for every URL it fetched, or tried to fetch.
#pragma once

#include <cstdint>
#include <string>

namespace arachne {

// One record per fetched URL, whatever the outcome: a 404 or a 500 gets a record, and so does a URL that
// could not be fetched at all (then `error` says why and `status` is 0). Every string is valid UTF-8.
struct Record {
  std::string url;           // the URL as queued (normalized)
  std::string final_url;     // after redirects; equal to url when there were none
  int status = 0;            // HTTP status; 0 when no response was received
  int depth = 0;             // links followed from a seed (seeds are depth 0)
  std::string referrer;      // the page whose link queued this URL; empty for seeds
  std::string content_type;  // the Content-Type header as received
  std::uint64_t bytes = 0;   // body bytes received (after content decoding)
  double fetch_ms = 0;       // from the start of the transfer to its last byte
  std::string title;         // <title>, whitespace collapsed
  std::string description;   // <meta name=description content=...>
  std::string canonical;     // <link rel=canonical href=...>, resolved to an absolute URL
  std::uint64_t links = 0;   // outgoing links on the page (before scope and dedup)
  std::string error;         // why the fetch or parse failed ("timeout", "dns", "too large" ...); empty if none
};

}  // namespace arachne
