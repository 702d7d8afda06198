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
  std::uint64_t max_pages_per_host = 0;      // records per host (scheme, host, port) at most; 0: no limit

  // Crawler traps (calendars, relative-link loops, session ids in paths) generate endless URLs. A URL over
  // any of these caps is not queued, and the summary counts it under the cap's name. 0: no cap.
  int max_url_length = 2083;       // bytes of the normalized URL ("url_length"; 2083 as Heritrix)
  int max_path_depth = 32;         // path segments ("path_depth")
  int max_repeated_segments = 3;   // times one segment may recur in a path, /a/b/a/b/a/b/a ("repeated_segments")
  int max_query_params = 32;       // query parameters ("query_params")
};

// How a URL is normalized before it is deduplicated and queued. Always: scheme and host lowercased, IDNA
// to punycode, default port and dot segments removed, percent-encoding normalized, fragment dropped.
struct UrlsConfig {
  // RE2 patterns searched in each query parameter's name; a matching parameter is removed (also as a
  // ";name=value" path parameter). The defaults drop campaign tags and session ids, which make endless
  // duplicates of one page.
  std::vector<std::string> drop_query_params = {"^utm_",
                                                "^(?i:jsessionid|phpsessid|aspsessionid|sessionid|sid)$"};
  bool sort_query_params = false;  // sort parameters by name, so ?b=1&a=2 and ?a=2&b=1 are one URL
};

struct FetchConfig {
  std::string user_agent = "Arachne/0.1 (+https://github.com/arachne-crawler/arachne)";
  double timeout_s = 30;                        // a whole transfer, from connect to last byte
  double connect_timeout_s = 10;                // DNS, TCP and TLS handshakes
  std::uint64_t max_body_bytes = 10 * 1024 * 1024;  // a larger body is cut here and its record says so
  int concurrency = 64;                         // transfers in flight per fetcher process
  std::string ca_file;  // a PEM file of certificate authorities to trust for https; empty: the system's
  int max_redirects = 10;       // a longer chain of redirects ends with the error "too many redirects"
  // Only HTML is parsed. Other types (images, PDFs ...) get a record from their headers and their body is
  // not downloaded, unless this is true.
  bool download_other = false;
  // Links to loopback, private, link-local and cloud-metadata addresses are refused ("blocked address"),
  // checked on the address actually connected to, unless the host is a seed's host or this is true.
  bool allow_private = false;
};

// What the crawl asks of each site's robots.txt (RFC 9309) and of each page's <meta name=robots>.
struct RobotsConfig {
  bool obey = true;               // fetch robots.txt before any other URL of an origin and obey it
  double cache_s = 86400;         // a robots.txt is fetched again after this long
  double max_crawl_delay_s = 30;  // Crawl-delay is honoured as the host's delay, up to this
  bool follow_sitemaps = true;    // crawl the sitemaps its Sitemap: lines name
  bool obey_meta = true;          // <meta name=robots content=nofollow>: the page's links are not followed
  bool follow_nofollow = false;   // follow <a rel=nofollow> links anyway
};

// Per-host limits that keep the crawl from overloading a site.
struct PolitenessConfig {
  int max_per_host = 4;  // transfers in flight to one host (scheme, host and port), over all fetchers
  int delay_ms = 0;      // at least this long between the starts of two requests to one host
  // Hosts that share an IP address also share these limits (as one host), once the address is known.
  bool per_ip = false;
  // Like Scrapy's AutoThrottle: each host's delay follows its latency / target_concurrency, and doubles
  // on every error, 429 or 5xx; delay_ms stays the minimum.
  bool adaptive = true;
  double target_concurrency = 2;  // the requests a host should have in flight on average
  double max_delay_s = 60;        // the adaptive delay, a Crawl-delay and a backed-off host stay below this
};

// Fetches that fail for a reason that may pass (timeouts, connection errors, 408, 429, 5xx) are tried
// again after an exponential backoff with jitter, or after the response's Retry-After.
struct RetryConfig {
  int max_retries = 2;        // tries after the first; 0: none
  double backoff_s = 1;       // the first wait; each next one doubles, up to politeness.max_delay_s
};

struct WorkersConfig {
  // Fetcher processes, each running `fetch.concurrency` transfers at once, and parser processes. 0: chosen
  // as the crawl goes: one at first, another while the busiest fetcher uses a whole core, or pages keep
  // waiting for a parser, up to one per core (WorkerAutoscaler).
  int fetchers = 0;
  int parsers = 0;
  // A page whose parse takes longer is taken back from its parser, which is restarted (it is presumed
  // stuck); the page is retried once, and after two tries recorded with error "parse timeout" (quarantined).
  double parse_timeout_s = 60;
  // The coordinator pings every child several times within this span; a child that answers nothing for
  // this long (hung, stopped, deadlocked) is killed and replaced, and its work goes back to the frontier.
  // A parser busy with a page is judged by parse_timeout_s instead.
  double heartbeat_timeout_s = 10;
  // Parsers give up, once started, what parsing does not need: a seccomp filter kills one that opens a
  // file, makes a socket or starts a process; its address space is capped (4 GiB) and each page's CPU time
  // too (twice parse_timeout_s, at least 5 s more: a backstop). false: no sandbox, for debugging a parser.
  bool sandbox = true;
  // How parsers read a page: "scanner", a streaming tokenizer that extracts what a record needs without
  // building a tree (several times faster, and it agrees with Gumbo on real pages), or "gumbo", a full
  // HTML5 DOM (the reference; slower).
  std::string html_parser = "scanner";
};

struct FrontierConfig {
  // The most URLs the frontier keeps in memory. Past it, newly queued URLs wait on disk, and come back in
  // the order they were queued as the frontier empties: in the job folder (Config::job), or without one
  // in a temporary folder ($TMPDIR/arachne-spill-*) removed when the crawl ends.
  std::uint64_t max_in_memory = 1000000;
};

struct OutputConfig {
  std::string dir = "output";                       // created if missing
  // Any of "jsonl" (<name>.jsonl), "csv", "json" (one array), "warc" (<name>.warc.gz: a WARC 1.1 archive of
  // every request and response, headers and body as received) and "links" (<name>.links.csv: the link
  // graph, one "from,to" row per link followed); empty: none.
  std::vector<std::string> formats = {"jsonl", "csv"};
};

// A crawl shared by several machines (nodes): the frontier and the dedup store live in Redis, and every
// node started with the same seed file and Redis takes part. Each node runs its own fetchers and parsers
// and holds some of the hosts; a node that dies hands its hosts to the others (README, "Crawling with
// several machines").
struct ClusterConfig {
  // "redis://[[user]:password@]host[:port][/db]"; empty: this machine crawls alone. The password may come
  // from the environment (ARACHNE_REDIS_PASSWORD) instead, to keep it out of seed files.
  std::string redis;
  // This node's name, unique among the crawl's live nodes; it names the node's output files
  // (<name>.<node>.jsonl ...). Empty: "<hostname>-<pid>".
  std::string node;
  // How long a node's hosts stay its own after it stops answering (killed, cut off): then the other nodes
  // take them over, with the URLs it had claimed and not finished.
  double lease_s = 10;
};

// A field scraped from HTML pages: an [[extract]] table of a seed file. Rules are evaluated in the parser
// processes on the page's HTML5 DOM (Gumbo).
struct ExtractRule {
  std::string field;  // the key in JSON records, the column in CSV; not the name of a built-in field
  // A selector list: type, *, #id, .class, [attr], [attr=v] (also ~= |= ^= $= *=, and an i flag),
  // descendant, >, + and ~ combinators, :first-child, :last-child, :nth-child(an+b), :not(...), "a, b".
  std::string css;
  // "text": the element's text, its descendants' included, whitespace runs collapsed to one space and
  // trimmed; "html": its inner HTML; "attr:NAME": the attribute's value as written (matches without the
  // attribute are passed over, as Scrapy's a::attr(href) does).
  std::string take = "text";
  bool all = false;                // false: the first match (null when none); true: an array of every match
  std::vector<std::string> pages;  // RE2 patterns searched in the page URL; elsewhere the field is null.
                                   // Empty: every page
  // With take = "attr:NAME": the value resolved against the page's base URL, as links are (a value that
  // does not resolve is kept as written).
  bool absolute = false;
};

struct Config {
  std::string name = "crawl";       // names the output files: <dir>/<name>.jsonl ...
  std::vector<std::string> seeds;   // absolute http(s) URLs
  std::vector<std::string> sitemaps;  // sitemap URLs (XML, gzip or text); their pages are crawled as seeds
  ScopeConfig scope;
  UrlsConfig urls;
  FetchConfig fetch;
  RobotsConfig robots;
  PolitenessConfig politeness;
  RetryConfig retry;
  WorkersConfig workers;
  FrontierConfig frontier;
  OutputConfig output;
  std::vector<ExtractRule> extract;  // fields scraped from every HTML page, in this order
  ClusterConfig cluster;
  // A job folder: the crawl keeps its state there (RocksDB), and running it again with the same folder
  // goes on where it stopped, whatever stopped it (Ctrl-C, kill -9, a full disk, a power cut). Empty: the
  // crawl is kept in memory and starts afresh each time.
  std::string job;

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
