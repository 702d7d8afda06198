// Config: everything a crawl needs to know, from a seed file or built in code.
//
// A seed file is TOML (see seeds/example.toml, which documents every key) or a plain list of URLs, one a
// line, with '#' comments. Every field below has the default a seed file gets when it leaves the key out.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "arachne/status.h"

namespace arachne {

// Which URLs the crawl may queue. A URL is in scope when its host is one of allowed_domains (or a
// subdomain of one), it matches at least one `allow` pattern (if any are given), and no `deny` pattern.
struct ScopeConfig {
  std::vector<std::string> allowed_domains;  // empty: the hosts of the seeds
  std::vector<std::string> allow;            // RE2 regular expressions, searched in the normalized URL
  std::vector<std::string> deny;             // RE2 regular expressions; deny wins over allow
  int max_depth = -1;                        // links to follow from a seed; -1: no limit; 0: seeds only
  std::uint64_t max_pages = 0;               // records to produce at most; 0: no limit
};

struct FetchConfig {
  std::string user_agent = "Arachne/0.1 (+https://github.com/arachne-crawler/arachne)";
  double timeout_s = 30;                        // a whole transfer, from connect to last byte
  double connect_timeout_s = 10;                // DNS, TCP and TLS handshakes
  std::uint64_t max_body_bytes = 10 * 1024 * 1024;  // a larger body is cut here and its record says so
  int concurrency = 64;                         // transfers in flight per fetcher process
  std::string ca_file;  // a PEM file of certificate authorities to trust for https; empty: the system's
};

// Per-host limits that keep the crawl from overloading a site.
struct PolitenessConfig {
  int max_per_host = 8;  // transfers in flight to one host (scheme, host and port), over all fetchers
  int delay_ms = 0;      // at least this long between the starts of two requests to one host
};

struct WorkersConfig {
  int fetchers = 1;  // fetcher processes; each runs `fetch.concurrency` transfers at once
  int parsers = 0;   // parser processes; 0: one per core
  // A page whose parse takes longer is taken back from its parser, which is restarted (it is presumed
  // stuck); the page is retried, and after three tries recorded with error "parse timeout".
  double parse_timeout_s = 60;
};

struct OutputConfig {
  std::string dir = "output";                       // created if missing
  std::vector<std::string> formats = {"jsonl", "csv"};  // any of "jsonl", "csv", "json"; empty: none
};

struct Config {
  std::string name = "crawl";       // names the output files: <dir>/<name>.jsonl ...
  std::vector<std::string> seeds;   // absolute http(s) URLs
  ScopeConfig scope;
  FetchConfig fetch;
  PolitenessConfig politeness;
  WorkersConfig workers;
  OutputConfig output;

  // The program the crawler runs as its fetcher and parser processes. Empty: $ARACHNE_WORKER if set, else
  // `arachne-worker` installed beside the library (<prefix>/libexec/arachne-worker). The `arachne`
  // command line sets this to itself.
  std::string worker_executable;

  // Reads a seed file: TOML when it ends in .toml, else a list of URLs, one a line. Relative paths in it
  // (seeds_file) are taken from the file's folder. The crawl's name defaults to the file's stem.
  static Result<Config> FromFile(const std::string& path);
  // Parses TOML text; `source` names it in error messages ("seeds/site.toml").
  static Result<Config> FromToml(const std::string& text, const std::string& source);

  // Checks what the loaders check, for a Config built in code: seeds are absolute http(s) URLs, regexes
  // compile, numbers are in range, formats are known. Crawler::Run calls it before any request is sent.
  Status Validate() const;
};

}  // namespace arachne
