// Record: what Arachne exports for every URL it fetched, or tried to fetch.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace arachne {

// What one [[extract]] rule (Config::extract) took from a page.
struct FieldValue {
  std::string name;  // the rule's field
  bool all = false;  // the rule's `all`: the value is an array
  // No value: a one-value rule that matched nothing, a rule whose `pages` do not match the page's URL, or
  // a record that is not of an HTML page (an error, a redirect, an image ...). JSON null, an empty CSV cell.
  bool null = true;
  // The value unless null: one string for a one-value rule; every match, in document order, maybe none,
  // for an `all` rule.
  std::vector<std::string> values;
};

// One record per fetched URL, whatever the outcome: a 404 or a 500 gets a record, and so does a URL that
// could not be fetched at all (then `error` says why and `status` is 0). Every string is valid UTF-8.
struct Record {
  std::string url;           // the URL as queued (normalized)
  // The response's redirect target (Location, resolved) for a 3xx; else equal to url. The target is queued
  // as a URL of its own, at the same depth, and gets its own record.
  std::string final_url;
  // The chain of redirects that led here, oldest first: empty unless this URL was queued as a redirect's
  // target, then ["http://a/", "http://b/"] when a redirected to b and b to this URL.
  std::vector<std::string> redirects;
  int status = 0;            // HTTP status; 0 when no response was received
  int depth = 0;             // links followed from a seed (seeds are depth 0)
  std::string referrer;      // the page whose link queued this URL; empty for seeds
  std::string content_type;  // the Content-Type header as received
  std::uint64_t bytes = 0;   // body bytes received (after content decoding)
  bool truncated = false;    // the body was cut at [fetch] max_body_bytes
  std::string charset;       // the encoding an HTML page was decoded from ("utf-8", "windows-1252" ...)
  int retries = 0;           // fetches tried again before this outcome (timeouts, 429, 5xx ...)
  double fetch_ms = 0;       // from the start of the transfer to its last byte
  // Texts from the page are kept to their first 64 KiB, cut between characters.
  std::string title;         // <title>, whitespace collapsed
  std::string description;   // <meta name=description content=...>
  std::string canonical;     // <link rel=canonical href=...>, resolved to an absolute URL
  std::string robots;        // <meta name=robots content=...> as written: "noindex, nofollow" ...
  std::uint64_t links = 0;   // outgoing links on the page (before scope and dedup); the first 100,000 at
                             // most, and 16 MiB of URLs: a page's links past that are not followed
  std::string error;         // why the fetch or parse failed ("timeout", "dns", "too large" ...); empty if none
  // One per [[extract]] rule, in the rules' order, whatever the page: exporters write them after the
  // fields above (JSON keys, CSV columns).
  std::vector<FieldValue> fields;
};

}  // namespace arachne
