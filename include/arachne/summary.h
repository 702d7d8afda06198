// Progress and Summary: how a crawl is going, and how it went.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace arachne {

// One fetcher or parser process, as the coordinator sees it while the crawl runs.
struct ProcessState {
  std::string name;            // "fetcher 0", "parser 1"
  std::string role;            // "fetcher" or "parser"
  int pid = 0;                 // 0 while it is being restarted
  std::uint64_t in_flight = 0; // a fetcher: transfers it runs; a parser: pages handed to it (0 or 1)
  bool busy = false;           // a fetcher with transfers in flight; a parser parsing
  double busy_share = 0;       // the share of the last few seconds it was busy, 0 to 1
  std::uint64_t done = 0;      // fetches reported (a fetcher) or pages parsed (a parser) by this process
};

// A snapshot taken while the crawl runs, for a progress line.
struct Progress {
  std::uint64_t pages = 0;     // records produced so far
  std::uint64_t errors = 0;    // records with an error (no HTTP response)
  std::uint64_t queued = 0;    // URLs waiting in the frontier
  std::uint64_t in_flight = 0; // URLs handed to fetchers or parsers and not yet recorded
  std::uint64_t bytes = 0;     // body bytes received
  std::uint64_t retries = 0;   // fetches tried again so far
  std::uint64_t restarts = 0;  // fetcher and parser processes restarted so far
  double elapsed_s = 0;
  double pages_per_s = 0;      // over the last few seconds
  std::uint64_t discovered = 0;                         // distinct URLs queued so far
  std::map<int, std::uint64_t> by_status;               // records by HTTP status; 0: no response
  std::map<std::string, std::uint64_t> errors_by_kind;  // "timeout", "dns" ...
  std::vector<ProcessState> processes;                  // every fetcher and parser running, in slot order
};

// The end of a crawl.
struct Summary {
  std::uint64_t pages = 0;                  // records produced
  std::uint64_t resumed_pages = 0;          // of those, the ones earlier runs of the job (Config::job) wrote
  std::map<int, std::uint64_t> by_status;   // records by HTTP status; 0 counts fetch errors
  std::map<std::string, std::uint64_t> errors_by_kind;  // "timeout", "dns", "connect", "too large" ...
  std::uint64_t bytes = 0;
  double elapsed_s = 0;                     // this run's
  double pages_per_s = 0;                   // this run's pages / elapsed_s
  std::uint64_t discovered = 0;             // distinct URLs queued (seeds included)
  std::uint64_t left_in_queue = 0;          // URLs still queued when the crawl stopped (max_pages, Stop)
  std::uint64_t out_of_scope = 0;           // links dropped by the scope rules
  std::uint64_t robots_disallowed = 0;      // URLs not fetched because robots.txt disallows them
  std::uint64_t nofollow = 0;               // links not followed: rel=nofollow, or a meta robots nofollow page
  std::uint64_t from_sitemaps = 0;          // URLs queued because a sitemap listed them
  std::uint64_t retries = 0;                // fetches tried again (timeouts, 429, 5xx ...)
  // URLs not queued because of a cap, by cap: "url_length", "path_depth", "repeated_segments",
  // "query_params", "pages_per_host", "redirects" (a chain over fetch.max_redirects), "redirect_loop",
  // "page_links" (links past a page's first 100,000 or 16 MiB of link URLs).
  std::map<std::string, std::uint64_t> limited;
  std::uint64_t worker_restarts = 0;        // fetcher and parser processes restarted after dying
  std::uint64_t worker_hangs = 0;           // of those, the ones killed for answering no heartbeat
  // URLs that a dying or stuck worker lost twice, recorded with that error ("parser crashed", "parse
  // timeout" ...) and not tried again.
  std::uint64_t quarantined = 0;
  // CPU time (user + system, seconds) by process: the coordinator (the calling process: its CPU time
  // during the crawl), and all fetcher and all parser processes, restarted ones included.
  int fetchers = 0;  // fetcher processes the crawl ran (with [workers] fetchers = 0, as many as it started)
  int parsers = 0;   // parser processes likewise
  double coordinator_cpu_s = 0;
  double fetchers_cpu_s = 0;
  double parsers_cpu_s = 0;
  bool stopped = false;                     // ended by Crawler::Stop (or a signal) rather than by running out
};

}  // namespace arachne
